//! Bilagor that are files (issue 31, items 1–3): a PDF or an image beside the case follows
//! its tjänsteutlåtande into the handlingar packet and the archive package, its pages made
//! archive-grade as images with the original attached; `check` refuses a broken, encrypted
//! or oversized one at its line; the public outputs leave out what is not marked public.

#[path = "common/bilagor.rs"]
mod bilagor;
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// The example meeting whose cases carry PDF bilagor.
const MEETING: &str = "cases/byggnadsnamnden/2024-10-17";

/// Byggnadsnämnden built once: its PDFs by file name.
fn built() -> &'static std::collections::BTreeMap<String, PathBuf> {
    static BUILT: OnceLock<(
        tempfile::TempDir,
        std::collections::BTreeMap<String, PathBuf>,
    )> = OnceLock::new();
    &BUILT
        .get_or_init(|| build(&[repo().join("cases/byggnadsnamnden")]))
        .1
}

#[test]
fn the_example_bilagor_are_current() {
    let folder = repo().join(MEETING);
    let update = std::env::var_os("PARAGRAF_UPDATE_BILAGOR").is_some();
    for (name, bytes) in bilagor::examples() {
        let path = folder.join(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is not what tests/common/bilagor.rs makes: run the test with PARAGRAF_UPDATE_BILAGOR=1",
            path.display()
        );
    }
}

/// The text strings of `key` in every dictionary of `pdf` (UTF-16 or PDFDocEncoding, as
/// PDF text strings are).
fn strings_of(pdf: &Path, key: &[u8]) -> Vec<String> {
    let document = lopdf::Document::load(pdf).unwrap();
    dictionaries(&document)
        .filter_map(|d| match d.get(key) {
            Ok(lopdf::Object::String(bytes, _)) => Some(text_string(bytes)),
            _ => None,
        })
        .collect()
}

fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
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

/// The first page of a packet after its contents whose text has `needle`, from 1.
fn page_with(pdf: &Path, needle: &str) -> Option<usize> {
    (2..=page_count(pdf)).find(|&p| page_text(pdf, p).contains(needle))
}

#[test]
fn the_packet_carries_each_bilaga_after_its_tjansteutlatande_numbered_and_bookmarked() {
    let packet = pdf(built(), "_handlingar.pdf");
    let contents = page_text(packet, 1);
    // Each after its tjänsteskrivelse, under its §, numbered as the case's list numbers
    // it (Fasadritningar, 2, is a name only).
    let order = [
        "BN § 169/24 Tjänsteskrivelse: Lönnen 4:12",
        "BN § 169/24 Bilaga 1: Situationsplan",
        "BN § 169/24 Bilaga 3: Skrivelse från granne",
        "BN § 170/24 Tjänsteskrivelse: Björkudden 1:7",
        "BN § 170/24 Bilaga 2: Trafikutredning",
        "BN § 171/24 Tjänsteskrivelse",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|row| {
            contents
                .find(row)
                .unwrap_or_else(|| panic!("{row:?} not in the contents:\n{contents}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{contents}");
    let marks = bookmarks(packet);
    for title in [
        "Bilaga 1: Situationsplan",
        "Bilaga 3: Skrivelse från granne",
        "Bilaga 2: Trafikutredning",
    ] {
        assert!(marks.iter().any(|m| m == title), "{title}: {marks:#?}");
    }
    // Its pages are the documents' own and the contents page: the bilagor's with them.
    let alone: usize = built()
        .iter()
        .filter(|(name, _)| {
            ["tjansteskrivelse", "kallelse", "bilaga"]
                .iter()
                .any(|kind| name.contains(kind))
        })
        .map(|(_, path)| page_count(path))
        .sum();
    assert_eq!(page_count(packet), alone + 1);
    // The ritning is wide: its page turns; the report's three stay upright.
    let sizes = page_sizes(packet);
    let ritning = page_with(packet, "Bilaga 1: Situationsplan").unwrap();
    let (width, height) = sizes[ritning - 1];
    assert!(width > height, "page {ritning}: {width} × {height}");
    // Its stamp stays on the turned page, as on every other.
    let stamp = format!("BN § 169/24 · Handlingar, sida {ritning} (");
    assert!(
        page_text(packet, ritning)
            .replace('\u{a0}', " ")
            .contains(&stamp),
        "{}",
        page_text(packet, ritning)
    );
    let report = page_with(packet, "Bilaga 2: Trafikutredning").unwrap();
    for page in report..report + 3 {
        assert!(sizes[page - 1].0 < sizes[page - 1].1);
        assert!(page_text(packet, page).contains("Bilaga 2"), "page {page}");
    }
    // The originals travel inside, named within the nämnd's folder.
    let attached = embedded_files(packet);
    for name in [
        "2024-10-17/bilagor/situationsplan-lonnen-4.pdf",
        "2024-10-17/bilagor/skrivelse-granne.pdf",
        "2024-10-17/bilagor/trafikutredning.pdf",
    ] {
        assert!(attached.iter().any(|a| a == name), "{name}: {attached:?}");
    }
}

#[test]
fn a_pdf_bilaga_is_archive_grade_pages_as_images_with_text_alternatives_and_the_original_attached()
{
    let report = pdf(built(), "bilaga-2_bn-2024-0388");
    assert_eq!(page_count(report), 3);
    let xmp = String::from_utf8_lossy(&std::fs::read(report).unwrap()).into_owned();
    assert!(
        xmp.contains("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>"),
        "not PDF/A-3a + UA-1"
    );
    // Every font is the header's, embedded: the report's Calibri and Arial were not
    // embedded and are not there, only the pictures of their text.
    for (font, embedded) in fonts(report) {
        assert!(embedded, "{font} is not embedded");
        assert!(
            !font.contains("Calibri") && !font.contains("Arial"),
            "{font}"
        );
    }
    // No form, no script, no transparency group of the original's: flattened.
    let document = lopdf::Document::load(report).unwrap();
    for dict in dictionaries(&document) {
        assert!(!name_is(dict, b"S", b"JavaScript"));
        assert!(dict.get(b"FT").is_err(), "a form field: {dict:?}");
        assert!(dict.get(b"AcroForm").is_err());
    }
    // Each page an image with its text alternative.
    let alts = strings_of(report, b"Alt");
    for page in 1..=3 {
        let alt = format!(
            "Bilaga 2 till Tjänsteskrivelse BN 2024-0388: Trafikutredning, sida {page} av 3"
        );
        assert!(alts.contains(&alt), "{alt:?} not in {alts:#?}");
    }
    // The original, byte for byte, as its source.
    let original = std::fs::read(repo().join(MEETING).join("bilagor/trafikutredning.pdf")).unwrap();
    let attached = paragraf::extract::attachments(report).unwrap();
    assert!(
        attached
            .iter()
            .any(|a| a.name == "2024-10-17/bilagor/trafikutredning.pdf" && a.bytes == original),
        "{:?}",
        attached.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(report)
        .output()
        .unwrap();
    assert!(check.status.success());
}

#[test]
fn a_bilaga_builds_to_the_same_bytes_twice() {
    let (_again, pdfs) = build(&[repo().join("cases/byggnadsnamnden")]);
    for part in ["bilaga-1_", "bilaga-2_", "bilaga-3_", "_handlingar.pdf"] {
        assert_eq!(
            std::fs::read(pdf(built(), part)).unwrap(),
            std::fs::read(pdf(&pdfs, part)).unwrap(),
            "{part}"
        );
    }
}

#[test]
fn the_public_outputs_leave_out_the_bilagor_not_marked_public_and_say_why() {
    let whole = pdf(built(), "_handlingar.pdf");
    let public = pdf(built(), "handlingar-offentlig");
    // The scanned letter (not marked public) is named in the contents with why, and its
    // page is not there; the ritning and the report (marked public) are.
    let contents = page_text(public, 1);
    assert!(
        contents.contains(
            "BN § 169/24 Bilaga 3: Skrivelse från granne Ingår inte i den offentliga versionen"
        ),
        "{contents}"
    );
    assert_eq!(page_count(public), page_count(whole) - 1);
    assert!(page_with(public, "Bilaga 3").is_none());
    assert!(page_with(public, "Bilaga 1: Situationsplan").is_some());
    assert!(page_with(public, "Bilaga 2: Trafikutredning").is_some());
    // The web copy: the letter's own PDF is not written, with a warning that says why.
    let (_dir, names, report) = build_web_copy(&repo().join("cases/byggnadsnamnden"));
    assert!(names.iter().any(|n| n.contains("bilaga-1_")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("bilaga-2_")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("bilaga-3_")), "{names:?}");
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains(
            "Bilaga 3 (Skrivelse från granne) är en bifogad fil som inte är märkt offentlig"
        ) && w.contains("offentlig: true")),
        "{warnings:#?}"
    );
}

/// A copy of byggnadsnämnden whose Lönnen case's first bilaga is the file `name` with
/// `bytes`, and `paragraf check`'s verdict: success and what it said.
fn check_with_bilaga(name: &str, bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("byggnadsnamnden");
    copy_folder(&repo().join("cases/byggnadsnamnden"), &folder);
    let meeting = folder.join("2024-10-17");
    std::fs::write(meeting.join(name), bytes).unwrap();
    let case = meeting.join("bn-2024-0412-bygglov-lonnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace(
            "fil: bilagor/situationsplan-lonnen-4.pdf",
            &format!("fil: {name}"),
        ),
    )
    .unwrap();
    let output = paragraf_in(dir.path(), &["check", "byggnadsnamnden"]);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_refuses_an_encrypted_broken_or_oversized_bilaga_at_its_line() {
    // The line of `fil:` under the first bilaga of the Lönnen case.
    let text = std::fs::read_to_string(
        repo()
            .join(MEETING)
            .join("bn-2024-0412-bygglov-lonnen.yaml"),
    )
    .unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("fil: bilagor/situationsplan"))
        .unwrap()
        + 1;
    let at = format!("bn-2024-0412-bygglov-lonnen.yaml:{line}:");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "krypterad.pdf",
            bilagor::encrypted(),
            "PDF-filen är krypterad eller lösenordsskyddad; öppna den och spara en kopia utan lösenord",
        ),
        (
            "trasig.pdf",
            b"%PDF-1.7\nnot a PDF at all".to_vec(),
            "PDF-filen är trasig och går inte att läsa",
        ),
        (
            "lang.pdf",
            bilagor::pages(101),
            "PDF-filen har 101 sidor; en bilaga får ha högst 100",
        ),
        (
            "remsa.pdf",
            bilagor::strip(),
            "sidan 1 är mer än 20 gånger så lång som den är bred",
        ),
        (
            "anteckning.txt",
            b"bara text".to_vec(),
            "en bilaga ska vara PDF, PNG eller JPEG",
        ),
    ];
    for (name, bytes, message) in cases {
        let (ok, stderr) = check_with_bilaga(name, &bytes);
        assert!(!ok, "{name} passed");
        let said = fold(&stderr);
        assert!(said.contains(&at), "{name}: not at {at}:\n{stderr}");
        assert!(
            said.contains(&format!("bilagan {name}: {message}")),
            "{name}:\n{stderr}"
        );
    }
    // A file outside the case's folder is not read.
    let (ok, stderr) = check_with_bilaga("x.pdf", &bilagor::ritning());
    assert!(ok, "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("byggnadsnamnden");
    copy_folder(&repo().join("cases/byggnadsnamnden"), &folder);
    let case = folder.join("2024-10-17/bn-2024-0412-bygglov-lonnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace(
            "fil: bilagor/situationsplan-lonnen-4.pdf",
            "fil: ../ledamoter.yaml",
        ),
    )
    .unwrap();
    let output = paragraf_in(dir.path(), &["check", "byggnadsnamnden"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bilagan ../ledamoter.yaml: ska ligga i ärendets mapp eller under den"),
        "{stderr}"
    );
}

#[test]
fn check_refuses_a_bilaga_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("byggnadsnamnden");
    copy_folder(&repo().join("cases/byggnadsnamnden"), &folder);
    let meeting = folder.join("2024-10-17");
    // 51 MiB, sparse: the limit is read, not the whole file.
    let file = std::fs::File::create(meeting.join("stor.pdf")).unwrap();
    file.set_len(51 << 20).unwrap();
    let case = meeting.join("bn-2024-0412-bygglov-lonnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace("fil: bilagor/situationsplan-lonnen-4.pdf", "fil: stor.pdf"),
    )
    .unwrap();
    let output = paragraf_in(dir.path(), &["check", "byggnadsnamnden"]);
    assert!(!output.status.success());
    let stderr = fold(&String::from_utf8_lossy(&output.stderr));
    assert!(
        stderr.contains("bilagan stor.pdf: filen är större än 50 MiB"),
        "{stderr}"
    );
}

#[test]
fn an_image_bilaga_is_one_page_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("byggnadsnamnden");
    copy_folder(&repo().join("cases/byggnadsnamnden"), &folder);
    let meeting = folder.join("2024-10-17");
    // A wide colour photo of 300 × 200 pixels.
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 300, 200);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..300 * 200)
            .flat_map(|i| [(i % 300) as u8, (i / 300) as u8, 128])
            .collect();
        writer.write_image_data(&pixels).unwrap();
    }
    std::fs::write(meeting.join("foto.png"), &png).unwrap();
    let case = meeting.join("bn-2024-0412-bygglov-lonnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace("fil: bilagor/situationsplan-lonnen-4.pdf", "fil: foto.png"),
    )
    .unwrap();
    let (_out, pdfs) = build(&[folder]);
    let photo = pdf(&pdfs, "bilaga-1_");
    assert_eq!(page_count(photo), 1);
    let (width, height) = page_sizes(photo)[0];
    assert!(width > height);
    assert!(strings_of(photo, b"Alt").contains(
        &"Bilaga 1 till Tjänsteskrivelse BN 2024-0412: Situationsplan, sida 1 av 1".to_owned()
    ));
    assert!(embedded_files(photo).contains(&"2024-10-17/foto.png".to_owned()));
}

#[test]
fn each_bilaga_is_a_file_of_its_own_in_the_archive_package_with_its_checksum_and_place() {
    use sha2::{Digest, Sha256};
    let out = tempfile::tempdir().unwrap();
    let output = paragraf_in(
        &repo(),
        &[
            "archive",
            "cases/byggnadsnamnden",
            "--format",
            "fgs",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let package = out.path().join("byggnadsnamnden-2024-10-17");
    let mets = std::fs::read_to_string(package.join("representations/rep1/METS.xml")).unwrap();
    let erms = std::fs::read_to_string(package.join("metadata/descriptive/erms.xml")).unwrap();
    let document = roxmltree::Document::parse(&erms).unwrap();
    for (name, dnr, kind, title) in [
        (
            "2024-10-01_byggnadsnamnden_bilaga-1_bn-2024-0412.pdf",
            "BN 2024-0412",
            "Bilaga 1",
            "Situationsplan",
        ),
        (
            "2024-10-01_byggnadsnamnden_bilaga-3_bn-2024-0412.pdf",
            "BN 2024-0412",
            "Bilaga 3",
            "Skrivelse från granne",
        ),
        (
            "2024-09-30_byggnadsnamnden_bilaga-2_bn-2024-0388.pdf",
            "BN 2024-0388",
            "Bilaga 2",
            "Trafikutredning",
        ),
    ] {
        let bytes = std::fs::read(package.join("representations/rep1/data").join(name)).unwrap();
        let checksum = hex::encode(Sha256::digest(&bytes));
        assert!(
            mets.lines()
                .any(|l| l.contains(&format!("CHECKSUM=\"{checksum}\""))),
            "{name} is not listed with its checksum"
        );
        assert!(mets.contains(&format!("data/{name}")), "{name}");
        // In the ERMS: a record of its ärende, named and typed as the packet names it.
        let record = document
            .descendants()
            .find(|n| n.has_tag_name("record") && n.attribute("systemIdentifier") == Some(name))
            .unwrap_or_else(|| panic!("{name} has no record"));
        assert_eq!(record.attribute("recordType"), Some(kind));
        let aggregation = record.parent().unwrap();
        assert_eq!(aggregation.attribute("systemIdentifier"), Some(dnr));
        assert_eq!(aggregation.attribute("aggregationType"), Some("caseFile"));
        let record_title = record
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(record_title, Some(title));
    }
}

#[test]
fn the_extract_carries_the_bilagor_where_the_profile_says_so_its_web_copy_only_the_public() {
    // Byggnadsnämnden's profile has `utdrag_med_bilagor: true`.
    let extract = pdf(built(), "protokollsutdrag_p169_");
    let ritning = page_with(extract, "Bilaga 1: Situationsplan").unwrap();
    let letter = page_with(extract, "Bilaga 3: Skrivelse från granne").unwrap();
    assert!(ritning < letter && letter == page_count(extract));
    let alts = strings_of(extract, b"Alt");
    assert!(
        alts.iter().any(|a| a.starts_with("Bilaga 3 till")),
        "{alts:#?}"
    );
    assert!(
        embedded_files(extract).contains(&"2024-10-17/bilagor/skrivelse-granne.pdf".to_owned())
    );
    // An extract of a § whose ärende has none is as before.
    assert!(page_with(pdf(built(), "protokollsutdrag_p171_"), "Bilaga").is_none());
    // The web copy: the ritning's page, the letter named with why.
    let (dir, _, _) = build_web_copy(&repo().join("cases/byggnadsnamnden"));
    let web = only_matching(dir.path(), "protokollsutdrag_p169_");
    assert_eq!(page_count(&web), page_count(extract) - 1);
    let text = fold(&text(&web));
    assert!(text.contains("Bilaga 1: Situationsplan"));
    assert!(
        text.contains("Bilaga 3: Skrivelse från granne Ingår inte i den offentliga versionen"),
        "{text}"
    );
    let alts = strings_of(&web, b"Alt");
    assert!(
        !alts.iter().any(|a| a.starts_with("Bilaga 3 till")),
        "{alts:#?}"
    );
}

/// The one file in `folder` whose name has `part`.
fn only_matching(folder: &Path, part: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(part))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn verify_makes_a_bilaga_and_the_documents_of_its_case_again_from_what_they_carry() {
    for part in [
        "bilaga-1_",
        "bilaga-2_",
        "protokollsutdrag_p169_",
        "tjansteskrivelse_bn-2024-0412",
        "_protokoll.pdf",
    ] {
        let finding =
            paragraf::verify::verify(pdf(built(), part), &paragraf::verify::Trust::default())
                .unwrap();
        assert!(
            matches!(finding, paragraf::verify::Finding::Unchanged(_)),
            "{part}: {}",
            finding.message()
        );
    }
}
