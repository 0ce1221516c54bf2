//! `paragraf verify`: an unchanged PDF is told apart from one with a changed byte, one whose
//! attached source was edited, and one with an update appended after paragraf's revision.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn verify(pdf: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("verify")
        .arg(pdf)
        .output()
        .expect("paragraf runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), said)
}

/// An extract of seed 000's meeting, built into a temporary folder, and a copy of it to
/// tamper with.
fn extract_and_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, pdfs) = build(&[seed_meeting()]);
    let extract = pdf(&pdfs, "protokollsutdrag").to_path_buf();
    let copy = dir.path().join("kopia.pdf");
    std::fs::copy(&extract, &copy).expect("copy");
    (dir, extract, copy)
}

#[test]
fn an_unchanged_pdf_is_what_its_sources_make_even_renamed_or_with_trailing_whitespace() {
    let (_dir, extract, copy) = extract_and_copy();
    let (ok, said) = verify(&extract);
    assert!(ok, "{said}");
    assert!(said.contains("oförändrad"), "{said}");
    let mut bytes = std::fs::read(&copy).expect("copy");
    bytes.extend_from_slice(b"\n\n");
    std::fs::write(&copy, bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(ok, "{said}");
}

#[test]
fn a_changed_byte_is_found() {
    let (_dir, _extract, copy) = extract_and_copy();
    let mut bytes = std::fs::read(&copy).expect("copy");
    // A digit of a number in the page content or an object: the file still opens.
    let middle = bytes.len() / 2;
    let at = (middle..bytes.len())
        .find(|&i| bytes[i].is_ascii_digit())
        .expect("a digit");
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    std::fs::write(&copy, bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(
        said.contains("ÄNDRAD") || said.contains("går inte att läsa"),
        "{said}"
    );
}

#[test]
fn an_edited_attachment_is_found() {
    let (_dir, _extract, copy) = extract_and_copy();
    let mut document = lopdf::Document::load(&copy).expect("PDF");
    // Every embedded YAML file gets one word changed, as someone editing the source inside
    // the PDF would.
    let ids: Vec<lopdf::ObjectId> = document
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream()
                .is_ok_and(|s| name_is(&s.dict, b"Type", b"EmbeddedFile"))
        })
        .map(|(id, _)| *id)
        .collect();
    assert!(!ids.is_empty(), "the extract carries its sources");
    for id in ids {
        let stream = document
            .get_object_mut(id)
            .and_then(lopdf::Object::as_stream_mut)
            .expect("stream");
        let _ = stream.decompress();
        let text = String::from_utf8_lossy(&stream.content).replacen("e", "E", 1);
        stream.dict.remove(b"Filter");
        stream.set_content(text.into_bytes());
    }
    document.save(&copy).expect("saved");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(said.contains("ÄNDRAD"), "{said}");
}

#[test]
fn an_update_appended_after_paragrafs_revision_is_reported_not_passed() {
    let (_dir, _extract, copy) = extract_and_copy();
    let mut bytes = std::fs::read(&copy).expect("copy");
    let start = bytes.len();
    bytes.extend_from_slice(b"9999 0 obj\n<</Tillagd true>>\nendobj\n");
    let xref = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n9999 1\n{start:010} 00000 n \ntrailer\n<</Size 10000>>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    std::fs::write(&copy, bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(said.contains("oförändrad, men"), "{said}");
    assert!(said.contains("lagts till"), "{said}");
}

#[test]
fn a_web_copy_carries_nothing_to_compare_with() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["build", "--publish", "-o"])
        .arg(dir.path())
        .arg(seed_001_case())
        .output()
        .expect("paragraf runs");
    assert!(output.status.success());
    let (ok, said) = verify(&only_file(dir.path()));
    assert!(!ok, "{said}");
    assert!(said.contains("kan inte kontrolleras"), "{said}");
}

#[test]
fn a_file_that_is_no_pdf_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("inte.pdf");
    std::fs::write(&file, "inte en PDF").expect("written");
    let (ok, said) = verify(&file);
    assert!(!ok);
    assert!(said.contains("inte.pdf"), "{said}");
}
