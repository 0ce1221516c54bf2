//! The handlingar packet: the kallelse and every item's tjänsteutlåtande in one PDF/A, its
//! table of contents giving the page each starts on, bookmarks per document, page numbers
//! running through it, each document's own header; and the public version.

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
        // Its own first-page header: the förvaltning under the logo, and the running
        // page number.
        assert!(text.contains("Kultur- och fritidsförvaltningen"), "{text}");
        assert!(text.contains(&format!("Sida {page} ({pages})")), "{text}");
    }
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
    let dir = tempfile::tempdir().unwrap();
    let options = paragraf::BuildOptions {
        web_copy: true,
        ..paragraf::BuildOptions::default()
    };
    let report = paragraf::build(
        &[repo().join("cases/kultur-och-fritidsnamnden")],
        dir.path(),
        &options,
    )
    .unwrap();
    let packets: Vec<String> = report
        .written
        .iter()
        .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name.contains("handlingar"))
        .collect();
    assert_eq!(
        packets,
        ["2024-09-10_kultur-och-fritidsnamnden_handlingar-offentlig.pdf"]
    );
}
