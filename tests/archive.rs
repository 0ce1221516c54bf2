//! Archive-grade PDFs, read with a PDF library as an e-archive would: PDF/A and PDF/UA
//! identification in the XMP, language, structure tree, the attached source and its
//! relationship, embedded fonts; `extract` and `archive` round trips.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object};

use common::*;

fn paragraf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn built_examples(extra: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "build",
        "cases/socialnamnden",
        "-o",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = paragraf(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        // The public packet is a web copy, without sources (tests/packet.rs).
        .filter(|p| !p.to_string_lossy().contains("handlingar-offentlig"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 6, "{pdfs:?}");
    (out, pdfs)
}

/// The XMP metadata stream of the document catalog, as text.
fn xmp(document: &Document) -> String {
    let stream = document
        .catalog()
        .unwrap()
        .get_deref(b"Metadata", document)
        .unwrap()
        .as_stream()
        .unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn every_pdf_is_pdf_a_3a_and_ua_1_with_its_source_attached() {
    let (_out, pdfs) = built_examples(&[]);
    for pdf in &pdfs {
        let document = Document::load(pdf).unwrap();
        let xmp = xmp(&document);
        for expected in [
            "<pdfaid:part>3</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
        ] {
            assert!(
                xmp.contains(expected),
                "{}: no {expected} in XMP",
                pdf.display()
            );
        }
        let catalog = document.catalog().unwrap();
        let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
        assert_eq!(lang, "sv-SE", "{}", pdf.display());
        assert!(
            catalog.get(b"StructTreeRoot").is_ok(),
            "{}: no structure tree",
            pdf.display()
        );
        let marked = catalog
            .get_deref(b"MarkInfo", &document)
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(matches!(marked.get(b"Marked"), Ok(Object::Boolean(true))));
        // Headings and, in the statement, table header cells in the structure tree.
        let roles: Vec<Vec<u8>> = dictionaries(&document)
            .filter(|d| name_is(d, b"Type", b"StructElem"))
            .filter_map(|d| {
                d.get(b"S")
                    .and_then(Object::as_name)
                    .ok()
                    .map(<[u8]>::to_vec)
            })
            .collect();
        assert!(
            roles.iter().any(|r| r.starts_with(b"H")),
            "{}: no heading elements",
            pdf.display()
        );
        if pdf.to_string_lossy().contains("tjansteutlatande_3.2") {
            assert!(
                roles.iter().any(|r| r == b"TH"),
                "{}: no table header cells",
                pdf.display()
            );
        }
        // The source, with its relationship.
        let file_specs: Vec<&lopdf::Dictionary> = dictionaries(&document)
            .filter(|d| name_is(d, b"Type", b"Filespec"))
            .collect();
        assert!(
            !file_specs.is_empty(),
            "{}: nothing attached",
            pdf.display()
        );
        for spec in file_specs {
            assert_eq!(
                spec.get(b"AFRelationship")
                    .and_then(Object::as_name)
                    .unwrap(),
                b"Source"
            );
        }
        // Every font embedded: a font program, or a Type 3 font's glyphs drawn in the file
        // itself (the handlingar packet's stamps).
        let type3: Vec<&lopdf::Dictionary> = dictionaries(&document)
            .filter(|d| name_is(d, b"Subtype", b"Type3"))
            .collect();
        for font in &type3 {
            assert!(
                font.get(b"CharProcs").is_ok() && font.get(b"ToUnicode").is_ok(),
                "{}: a Type 3 font without glyphs or text",
                pdf.display()
            );
        }
        let type3_descriptors: Vec<lopdf::ObjectId> = type3
            .iter()
            .filter_map(|font| {
                font.get(b"FontDescriptor")
                    .and_then(Object::as_reference)
                    .ok()
            })
            .collect();
        for (id, object) in &document.objects {
            let Ok(descriptor) = object.as_dict() else {
                continue;
            };
            if !name_is(descriptor, b"Type", b"FontDescriptor") || type3_descriptors.contains(id) {
                continue;
            }
            assert!(
                descriptor.get(b"FontFile2").is_ok() || descriptor.get(b"FontFile3").is_ok(),
                "{}: a font is not embedded",
                pdf.display()
            );
        }
    }
}

#[test]
fn a_standard_that_forbids_attachments_gets_none() {
    let (_out, pdfs) = built_examples(&["--pdf-standard", "a-2b"]);
    for pdf in &pdfs {
        let document = Document::load(pdf).unwrap();
        let xmp = xmp(&document);
        assert!(
            xmp.contains("<pdfaid:part>2</pdfaid:part>")
                && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
        );
        assert!(paragraf::extract::attachments(pdf).unwrap().is_empty());
        assert_eq!(common::embedded_files(pdf), Vec::<String>::new());
    }
}

#[test]
fn an_unknown_standard_is_a_usage_error() {
    let output = paragraf(&[
        "build",
        "cases",
        "-o",
        "/tmp/unused",
        "--pdf-standard",
        "a-9z",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn extract_gives_the_sources_back_and_they_build_the_same_pdf() {
    let (_out, pdfs) = built_examples(&[]);
    let extract = pdfs
        .iter()
        .find(|p| p.to_string_lossy().contains("protokollsutdrag"))
        .unwrap();
    let back = tempfile::tempdir().unwrap();
    let output = paragraf(&[
        "extract",
        extract.to_str().unwrap(),
        "-o",
        back.path().to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let meeting = back.path().join("2015-03-24/sammantrade.yaml");
    for (extracted, original) in [
        (meeting.clone(), seed_meeting()),
        (
            back.path()
                .join("2015-03-24/3.2-482-2014-fordelning-must.yaml"),
            repo().join("cases/socialnamnden/2015-03-24/3.2-482-2014-fordelning-must.yaml"),
        ),
    ] {
        assert_eq!(
            std::fs::read(&extracted).unwrap(),
            std::fs::read(&original).unwrap(),
            "{}",
            extracted.display()
        );
    }
    let again = tempfile::tempdir().unwrap();
    let output = paragraf(&[
        "build",
        meeting.to_str().unwrap(),
        "-o",
        again.path().to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let name = extract.file_name().unwrap();
    assert_eq!(
        std::fs::read(again.path().join(name)).unwrap(),
        std::fs::read(extract).unwrap(),
        "rebuilt PDF differs"
    );
}

#[test]
fn archive_writes_a_manifest_whose_checksums_match_and_a_second_run_changes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let first = paragraf(&["archive", "cases/socialnamnden", "-o", dir]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    let entries = manifest["handlingar"].as_array().unwrap();
    assert_eq!(entries.len(), 5);
    for entry in entries {
        let file = out.path().join(entry["fil"].as_str().unwrap());
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(entry["storlek"], bytes.len());
        assert_eq!(entry["sha256"].as_str().unwrap(), sha256_hex(&file));
        for field in [
            "handlingstyp",
            "ärendemening",
            "rubrik",
            "organisation",
            "upprättad",
        ] {
            assert!(entry[field].is_string(), "{field} missing in {entry}");
        }
    }
    let extract = entries
        .iter()
        .find(|e| e["handlingstyp"] == "Protokollsutdrag")
        .unwrap();
    assert_eq!(extract["diarienummer"], "3.2-482/2014");
    assert_eq!(extract["paragraf"], "15");
    assert_eq!(extract["sammanträdesdatum"], "2015-03-24");
    assert!(
        std::fs::read_to_string(out.path().join("manifest.txt"))
            .unwrap()
            .contains("handlingstyp: Protokollsutdrag")
    );

    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.clone(), modified(&p), std::fs::read(&p).unwrap())
        })
        .collect();
    let second = paragraf(&["archive", "cases/socialnamnden", "-o", dir]);
    assert!(second.status.success());
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(!stdout.contains("skrev"), "the second run wrote: {stdout}");
    for (path, time, bytes) in before {
        assert_eq!(modified(&path), time, "{} touched", path.display());
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}

fn sha256_hex(path: &Path) -> String {
    let output = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum (coreutils)");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn the_web_copy_has_no_source_no_personal_data_and_no_secret_items() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("nämnd/2024-05-21");
    std::fs::create_dir_all(&folder).unwrap();
    let case = std::fs::read_to_string(
        repo().join("cases/socialnamnden/2015-03-24/3.2-482-2014-fordelning-must.yaml"),
    )
    .unwrap();
    std::fs::write(
        folder.join("arende.yaml"),
        format!("{case}\npersonuppgifter: [Ulla Forinder, Yvonne Sjöblom]\n"),
    )
    .unwrap();
    std::fs::copy(seed_001_case(), folder.join("hemligt.yaml")).unwrap();
    std::fs::write(
        folder.join("sammantrade.yaml"),
        "nämnd: Socialnämnden\ndatum: 2024-05-21\nsekreterare: {namn: Lisbeth Westerlund}\npersonuppgifter: [Lisbeth Westerlund]\n\
         paragrafer:\n  - paragraf: 15\n    ärende: arende.yaml\n  - paragraf: 16\n    ärende: hemligt.yaml\n    sekretess: true\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = paragraf(&[
        "build",
        folder.join("sammantrade.yaml").to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--publish",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("Protokollsutdrag § 16 (Inriktning av medel"),
        "{stderr}"
    );
    assert!(
        stderr.contains("omfattas av sekretess och utelämnas i webbkopian"),
        "{stderr}"
    );
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let names: Vec<String> = pdfs
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf",
            "2024-05-21_socialnamnden_handlingar-offentlig.pdf",
            "2024-05-21_socialnamnden_kallelse.pdf",
            "2024-05-21_socialnamnden_protokoll.pdf",
            "2024-05-21_socialnamnden_protokollsutdrag_p015_3.2-482-2014.pdf"
        ]
    );
    // Protocol and agenda keep the secret §'s heading, nothing of its content.
    let protocol = text(&pdfs[3]);
    assert!(
        protocol.contains("§ 16 Inriktning av medel för lokala utvecklingsprojekt"),
        "{protocol}"
    );
    assert!(
        protocol.contains("Ärendet omfattas av sekretess och visas inte i webbversionen."),
        "{protocol}"
    );
    assert!(
        !protocol.contains("Socialnämnden godkänner redovisning av lokala utvecklingsprojekt 2023"),
        "{protocol}"
    );
    let agenda = text(&pdfs[2]);
    assert!(
        agenda.contains("Sekretess") && !agenda.contains("Tjänsteutlåtande 2024-04-19"),
        "{agenda}"
    );
    for pdf in &pdfs {
        assert!(
            paragraf::extract::attachments(pdf).unwrap().is_empty(),
            "{}: source attached",
            pdf.display()
        );
        assert_eq!(common::embedded_files(pdf), Vec::<String>::new());
        let text = text(pdf);
        for name in ["Ulla Forinder", "Yvonne Sjöblom", "Lisbeth Westerlund"] {
            assert!(
                !text.contains(name),
                "{}: {name} in the web copy",
                pdf.display()
            );
        }
        let xmp = xmp(&Document::load(pdf).unwrap());
        assert!(
            xmp.contains("<pdfaid:part>2</pdfaid:part>")
                && xmp.contains("<pdfuaid:part>1</pdfuaid:part>")
        );
    }
    assert!(text(&pdfs[0]).contains("forskare från institutionen för socialt arbete vid Stockholms universitet knutna, [personuppgift] och [personuppgift]."));
    assert!(text(&pdfs[4]).contains("Vid protokollet [personuppgift]"));
}
