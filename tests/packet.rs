//! The handlingar packet: the kallelse and every item's tjänsteutlåtande in one PDF/A,
//! assembled from their own PDFs: its table of contents giving the page each starts on,
//! bookmarks per document, each page stamped with its § and the packet's page number,
//! each document's own header and page numbers; one structure tree with a part per
//! document; and the public version.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// Kultur- och fritidsnämnden's meeting built once: its PDFs by file name.
fn built() -> &'static std::collections::BTreeMap<String, PathBuf> {
    static BUILT: OnceLock<(
        tempfile::TempDir,
        std::collections::BTreeMap<String, PathBuf>,
    )> = OnceLock::new();
    &BUILT
        .get_or_init(|| build(&[repo().join("cases/kultur-och-fritidsnamnden")]))
        .1
}

/// The rows of the table of contents on page 1: (§, document, page). A title broken over
/// two lines keeps its first line.
fn contents(packet: &Path) -> Vec<(String, String, usize)> {
    page_layout(packet, 1)
        .lines()
        .filter_map(|line| {
            let columns: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let page: usize = columns.last()?.parse().ok()?;
            match columns[..] {
                [title, _] => Some((String::new(), title.to_owned(), page)),
                [paragraph, title, _] => Some((paragraph.to_owned(), title.to_owned(), page)),
                _ => None,
            }
        })
        .collect()
}

/// A row's title without its kind, and its first three words: a title may be broken over
/// two lines in the contents.
fn title_start(row: &str) -> (&str, String) {
    let title = row.trim_start_matches("Tjänsteutlåtande:").trim();
    let start = title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    (title, start)
}

/// The titles of the PDF's top-level bookmarks, in order.
fn bookmarks(pdf: &Path) -> Vec<String> {
    let output = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf)
        .output()
        .expect("qpdf runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap().replace('\u{a0}', " "))
        .collect()
}

#[test]
fn the_packet_lists_each_document_at_the_page_it_starts_on() {
    let packet = pdf(built(), "_handlingar.pdf");
    let rows = contents(packet);
    // The kallelse and one tjänsteutlåtande per § with a case (all 13 here).
    assert_eq!(rows.len(), 14, "{rows:#?}");
    assert_eq!(rows[0].1, "Kallelse och föredragningslista");
    assert_eq!(rows[0].2, 2);
    let pages = page_count(packet);
    for window in rows.windows(2) {
        assert!(window[0].2 < window[1].2, "{rows:#?}");
    }
    for (paragraph, title, page) in &rows[1..] {
        let text = page_text(packet, *page);
        let (title, start) = title_start(title);
        assert!(
            text.contains("Tjänsteutlåtande") && text.contains(&start),
            "{paragraph}: page {page} does not start {title:?}:\n{text}"
        );
        // Its own first-page header: the förvaltning under the logo, and its own page
        // number; the stamp gives its § and the packet's page.
        assert!(text.contains("Kultur- och fritidsförvaltningen"), "{text}");
        assert!(text.contains("Sida 1 ("), "{text}");
        assert!(
            text.contains(&format!("{paragraph} · Handlingar, sida {page} ({pages})")),
            "{text}"
        );
    }
    // The contents page numbers itself among all the packet's pages.
    assert!(page_text(packet, 1).contains(&format!("Sida 1 ({pages})")));
    // The kallelse has no §: its stamp has the page only.
    assert!(page_text(packet, 2).contains(&format!("Handlingar, sida 2 ({pages})")));
    // The packet's pages are its documents' pages, and the contents page.
    let alone: usize = built()
        .iter()
        .filter(|(name, _)| name.contains("tjansteutlatande") || name.contains("kallelse"))
        .map(|(_, path)| page_count(path))
        .sum();
    assert_eq!(pages, alone + 1);
}

#[test]
fn the_packet_has_a_bookmark_per_document_and_is_pdf_a_and_ua() {
    let packet = pdf(built(), "_handlingar.pdf");
    let marks = bookmarks(packet);
    assert_eq!(marks[0], "Handlingar till sammanträdet 17 september 2024");
    // A bookmark per document, in the order of the contents, titled by the document.
    let rows = contents(packet);
    assert_eq!(marks.len(), rows.len() + 1, "{marks:#?}");
    for (mark, (_, title, _)) in marks[1..].iter().zip(&rows) {
        let (title, start) = title_start(title);
        assert!(mark.starts_with(&start), "{mark:?} for {title:?}");
    }
    // The whole packet carries its sources (PDF/A-3a), the public one none (PDF/A-2a).
    for (pdf, part) in [(packet, 3), (pdf(built(), "handlingar-offentlig"), 2)] {
        let xmp = String::from_utf8_lossy(&std::fs::read(pdf).unwrap()).into_owned();
        let claims = format!(
            "<pdfaid:part>{part}</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>"
        );
        assert!(xmp.contains(&claims), "{}", pdf.display());
        assert!(
            xmp.contains("Handlingar, Kultur- och fritidsnämnden, sammanträde 17 september 2024")
        );
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .unwrap();
        assert!(check.status.success());
    }
    // Its sources make it again, byte for byte.
    let finding = paragraf::verify::verify(packet, &paragraf::verify::Trust::default()).unwrap();
    assert!(
        matches!(finding, paragraf::verify::Finding::Unchanged(_)),
        "{}",
        finding.message()
    );
}

#[test]
fn the_public_packet_leaves_out_secret_items_naming_them_and_personal_data() {
    let whole = pdf(built(), "_handlingar.pdf");
    let public = pdf(built(), "handlingar-offentlig");
    let secret = "Skadeståndsanspråk med anledning av en olycka i simhallen";
    let listed = |packet: &Path| contents(packet).iter().any(|(p, _, _)| p.ends_with("§ 8"));
    assert!(listed(whole));
    assert!(!listed(public), "{:#?}", contents(public));
    assert_eq!(contents(public).len(), 13);
    assert!(text(whole).contains("Sara Nilsson"));
    let public_text = text(public);
    assert!(!public_text.contains("Sara Nilsson"));
    assert!(public_text.contains("[personuppgift]"));
    assert!(public_text.contains("Offentlig version"));
    // The secret § keeps its title in the kallelse; its tjänsteutlåtande is not there.
    let statement = "Ärendet gäller ett skadeståndsanspråk från en enskild person";
    assert!(text(whole).contains(statement));
    assert!(!public_text.contains(statement));
    assert!(public_text.contains(secret));
    // Its contents name the left-out tjänsteutlåtande, with why.
    let contents = page_text(public, 1);
    assert!(
        contents.contains(&format!(
            "KFN § 8 Tjänsteutlåtande: {secret} Omfattas av sekretess och ingår inte i den offentliga versionen."
        )),
        "{contents}"
    );
}

#[test]
fn the_web_copy_has_only_the_public_packet() {
    let (_dir, names, _) = build_web_copy(&repo().join("cases/kultur-och-fritidsnamnden"));
    let packets: Vec<String> = names
        .into_iter()
        .filter(|name| name.contains("handlingar"))
        .collect();
    assert_eq!(
        packets,
        ["2024-09-10_kultur-och-fritidsnamnden_handlingar-offentlig.pdf"]
    );
}

/// The packet's structure as a reader meets it: its bookmarks (each document's own
/// beneath its entry), its page labels, and its structure tree down to each document's
/// top-level elements.
fn structure(pdf: &Path) -> String {
    let json: serde_json::Value = serde_json::from_slice(
        &Command::new("qpdf")
            .args(["--json", "--json-key=outlines", "--json-key=pagelabels"])
            .arg(pdf)
            .output()
            .expect("qpdf runs")
            .stdout,
    )
    .unwrap();
    let mut out = String::from("bookmarks:\n");
    fn marks(out: &mut String, list: &serde_json::Value, depth: usize) {
        for mark in list.as_array().unwrap() {
            let title = mark["title"].as_str().unwrap().replace('\u{a0}', " ");
            let page = &mark["destpageposfrom1"];
            out.push_str(&format!("{}{title} → {page}\n", "  ".repeat(depth + 1)));
            marks(out, &mark["kids"], depth + 1);
        }
    }
    marks(&mut out, &json["outlines"], 0);
    out.push_str("page labels:\n");
    for label in json["pagelabels"].as_array().unwrap() {
        out.push_str(&format!(
            "  from page {}: {}\n",
            label["index"].as_u64().unwrap() + 1,
            label["label"]
        ));
    }
    out.push_str("structure tree:\n");
    let document = lopdf::Document::load(pdf).unwrap();
    let root = struct_tree_root(&document);
    fn elements(document: &lopdf::Document, kids: &lopdf::Object, depth: usize, out: &mut String) {
        let kids = match document.dereference(kids).unwrap().1 {
            lopdf::Object::Array(list) => list.clone(),
            other => vec![other.clone()],
        };
        // Runs of the same element type are shown once, with their number.
        let mut shown: Vec<(String, usize)> = Vec::new();
        for kid in &kids {
            let Ok((_, lopdf::Object::Dictionary(element))) = document.dereference(kid) else {
                continue;
            };
            let Ok(kind) = element.get(b"S").and_then(lopdf::Object::as_name) else {
                continue;
            };
            let kind = String::from_utf8_lossy(kind).into_owned();
            if depth < 2 {
                out.push_str(&format!("{}{kind}\n", "  ".repeat(depth + 1)));
                if let Ok(kids) = element.get(b"K") {
                    elements(document, kids, depth + 1, out);
                }
            } else {
                match shown.last_mut() {
                    Some((last, n)) if *last == kind => *n += 1,
                    _ => shown.push((kind, 1)),
                }
            }
        }
        if !shown.is_empty() {
            let list: Vec<String> = shown
                .into_iter()
                .map(|(kind, n)| {
                    if n == 1 {
                        kind
                    } else {
                        format!("{kind} ×{n}")
                    }
                })
                .collect();
            out.push_str(&format!("{}{}\n", "  ".repeat(depth + 1), list.join(", ")));
        }
    }
    elements(&document, root.get(b"K").unwrap(), 0, &mut out);
    out
}

#[test]
fn the_packets_structure_is_each_document_its_own_part() {
    insta::assert_snapshot!(
        "packet_structure",
        structure(pdf(built(), "_handlingar.pdf"))
    );
    insta::assert_snapshot!(
        "public_packet_structure",
        structure(pdf(built(), "handlingar-offentlig"))
    );
}

#[test]
fn the_packet_attaches_every_source_once_and_the_public_one_none() {
    let whole = embedded_files(pdf(built(), "_handlingar.pdf"));
    let mut unique = whole.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), whole.len(), "{whole:#?}");
    // The meeting and each of its 13 cases, and what they are made with.
    assert!(whole.contains(&"2024-09-17/sammantrade.yaml".to_owned()));
    assert_eq!(
        whole
            .iter()
            .filter(|f| f.starts_with("2024-09-17/"))
            .count(),
        14
    );
    assert!(embedded_files(pdf(built(), "handlingar-offentlig")).is_empty());
    // Fonts embedded, the stamps' too.
    for packet in [
        pdf(built(), "_handlingar.pdf"),
        pdf(built(), "handlingar-offentlig"),
    ] {
        let fonts = fonts(packet);
        assert!(
            !fonts.is_empty() && fonts.iter().all(|(_, embedded)| *embedded),
            "{fonts:?}"
        );
    }
}

#[test]
fn the_stamps_are_artifacts_and_the_parent_tree_keys_unique() {
    let document = lopdf::Document::load(pdf(built(), "_handlingar.pdf")).unwrap();
    let mut keys = Vec::new();
    for (number, page) in document.get_pages() {
        let page_dict = document.get_dictionary(page).unwrap();
        keys.extend(
            page_dict
                .get(b"StructParents")
                .and_then(lopdf::Object::as_i64),
        );
        let content = String::from_utf8_lossy(&document.get_page_content(page)).into_owned();
        // The contents page is the packet's own; every later page has its stamp drawn as an
        // artifact after its own content, which stays whole.
        if number > 1 {
            assert!(
                content.starts_with("q\n")
                    && content
                        .trim_end()
                        .ends_with("Q\nq /Artifact BMC /PgfStamp Do EMC Q"),
                "page {number}: {}",
                &content[content.len().saturating_sub(200)..]
            );
        }
    }
    for annotation in dictionaries(&document).filter(|d| name_is(d, b"Type", b"Annot")) {
        keys.extend(
            annotation
                .get(b"StructParent")
                .and_then(lopdf::Object::as_i64),
        );
    }
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
    // Every page the structure tree names is one of the packet's: no stamp page, nor any
    // document's page left behind.
    let pages: Vec<lopdf::ObjectId> = document.get_pages().into_values().collect();
    let page_objects = dictionaries(&document)
        .filter(|d| name_is(d, b"Type", b"Page"))
        .count();
    assert_eq!(page_objects, pages.len());
    fn named_pages(object: &lopdf::Object, out: &mut Vec<lopdf::ObjectId>) {
        match object {
            lopdf::Object::Dictionary(d) => {
                out.extend(d.get(b"Pg").and_then(lopdf::Object::as_reference));
                d.iter().for_each(|(_, v)| named_pages(v, out));
            }
            lopdf::Object::Array(list) => list.iter().for_each(|v| named_pages(v, out)),
            _ => {}
        }
    }
    let mut named = Vec::new();
    document
        .objects
        .values()
        .for_each(|o| named_pages(o, &mut named));
    assert!(!named.is_empty());
    assert!(named.iter().all(|page| pages.contains(page)));
    // The ID tree holds each element ID once, however many documents named a cell alike.
    let root = struct_tree_root(&document);
    let ids = root
        .get(b"IDTree")
        .and_then(lopdf::Object::as_dict)
        .and_then(|t| t.get(b"Names"))
        .and_then(lopdf::Object::as_array)
        .unwrap();
    let names: Vec<&[u8]> = ids.iter().step_by(2).map(|n| n.as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, names, "sorted, each once");
}

#[test]
fn the_contents_link_each_entry_to_the_page_it_lists() {
    for name in ["_handlingar.pdf", "handlingar-offentlig"] {
        let packet = pdf(built(), name);
        let document = lopdf::Document::load(packet).unwrap();
        let pages = document.get_pages();
        let number_of =
            |id: lopdf::ObjectId| pages.iter().find(|(_, p)| **p == id).map(|(n, _)| *n);
        let first_page = document.get_dictionary(pages[&1]).unwrap();
        let mut linked: Vec<(u32, String)> = first_page
            .get(b"Annots")
            .and_then(lopdf::Object::as_array)
            .unwrap()
            .iter()
            .map(|a| document.get_dictionary(a.as_reference().unwrap()).unwrap())
            .filter(|a| name_is(a, b"Subtype", b"Link"))
            .map(|link| {
                // No placeholder is left: each link leads to a page of the packet, and says
                // to which document.
                assert!(!link.has(b"A"), "{link:?}");
                let dest = link.get(b"Dest").and_then(lopdf::Object::as_array).unwrap();
                let page = number_of(dest[0].as_reference().unwrap()).unwrap();
                let said = lopdf::decode_text_string(link.get(b"Contents").unwrap()).unwrap();
                (page, said)
            })
            .collect();
        linked.sort();
        linked.dedup();
        // Title and page link alike: one destination per listed document, the page listed.
        let rows = contents(packet);
        assert_eq!(linked.len(), rows.len(), "{linked:#?}\n{rows:#?}");
        for ((page, said), (_, title, listed)) in linked.iter().zip(&rows) {
            assert_eq!(*page as usize, *listed);
            let (_, start) = title_start(title);
            assert!(said.starts_with(&start), "{said:?} for {title:?}");
        }
    }
}

#[test]
fn a_packet_refers_to_its_items_as_its_kallelse_numbers_them() {
    // Norrvik's kallelse numbers its points 1, 2, 3 … apart from the §§ (`punktnummer`):
    // the packet that goes out with it says "Punkt 2" in its contents and stamps, where
    // Kultur- och fritidsnämnden's says "KFN § 2".
    let (_dir, norrvik) = build(&[repo().join("cases/barn-och-utbildningsnamnden")]);
    let packet = pdf(
        &norrvik,
        "2024-11-05_barn-och-utbildningsnamnden_handlingar.pdf",
    );
    let rows = contents(packet);
    let references: Vec<&str> = rows.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(references, ["", "Punkt 2", "Punkt 3"], "{rows:#?}");
    let heading = |layout: String| {
        layout
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|l| l.ends_with("Handling Sida"))
    };
    assert_eq!(
        heading(page_layout(packet, 1)).as_deref(),
        Some("Punkt Handling Sida")
    );
    let pages = page_count(packet);
    for (reference, _, page) in &rows[1..] {
        assert!(
            page_text(packet, *page)
                .contains(&format!("{reference} · Handlingar, sida {page} ({pages})")),
            "page {page} is not stamped {reference}"
        );
    }
    assert!(!page_text(packet, 1).contains("BUN §"));
    let kfn = contents(pdf(built(), "_handlingar.pdf"));
    assert!(kfn[1].0.starts_with("KFN § "), "{kfn:#?}");
    let kfn_heading = heading(page_layout(pdf(built(), "_handlingar.pdf"), 1));
    assert_eq!(kfn_heading.as_deref(), Some("Paragraf Handling Sida"));
}
