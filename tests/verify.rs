//! `paragraf verify`: an unchanged PDF is told apart from one with a changed byte, one whose
//! attached source was edited, and one with an update appended after paragraf's revision.

mod common;
#[path = "common/signing.rs"]
mod signing;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use lopdf::{Object, dictionary};
use paragraf::sign::Role;
use signing::{Ca, signed};

fn verify(pdf: &Path) -> (bool, String) {
    verify_with(pdf, &[])
}

fn verify_with(pdf: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("verify")
        .arg(pdf)
        .args(args)
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
    let bytes = std::fs::read(&copy).expect("copy");
    let bytes = updated(&bytes, |update| {
        update
            .new_document
            .add_object(dictionary! { "Tillagd" => true });
    });
    std::fs::write(&copy, bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(said.contains("ÄNDRAD efter paragrafs revision"), "{said}");
    assert!(said.contains("revision 2: objekt"), "{said}");
    assert!(
        said.contains("har lagts till utan att höra till en underskrift"),
        "{said}"
    );
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

#[test]
fn a_signed_pdf_is_unchanged_and_signed_and_keeps_its_pdf_a_claims_and_sources() {
    let (dir, extract, copy) = extract_and_copy();
    let key = Ca::new(1, "Testkommunens CA").signer(2, "Test Testsson");
    let signed_bytes = signed(&std::fs::read(&extract).expect("PDF"), &key, Role::Chair);
    std::fs::write(&copy, &signed_bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(ok, "{said}");
    assert!(said.contains("underskriven"), "{said}");
    assert!(
        said.contains(
            "underskrift av Test Testsson som ordförande (2024-10-01 12:00:00 +02:00) i revision 2"
        ),
        "{said}"
    );
    assert!(
        said.contains("kontrollsumman och signaturen stämmer"),
        "{said}"
    );
    assert!(said.contains("undertecknaren är okänd"), "{said}");
    // qpdf still finds the file sound, and paragraf's PDF/A and UA claims, structure and
    // attached sources are those of its own revision.
    let qpdf = Command::new("qpdf")
        .arg("--check")
        .arg(&copy)
        .output()
        .expect("qpdf runs");
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let document = lopdf::Document::load(&copy).expect("signed PDF");
    let catalog = document.catalog().expect("catalog");
    assert!(catalog.has(b"StructTreeRoot") && catalog.has(b"MarkInfo"));
    let metadata = catalog
        .get(b"Metadata")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| document.get_object(id))
        .and_then(lopdf::Object::as_stream)
        .expect("XMP");
    let xmp = String::from_utf8_lossy(&metadata.content);
    assert!(
        xmp.contains("pdfaid:part") && xmp.contains("pdfuaid:part"),
        "{xmp}"
    );
    assert_eq!(
        paragraf::extract::attachments(&copy).expect("sources"),
        paragraf::extract::attachments(&extract).expect("sources")
    );
    drop(dir);
}

#[test]
fn a_signed_pdf_changed_inside_or_beside_its_signature_fails() {
    let (_dir, extract, copy) = extract_and_copy();
    let key = Ca::new(1, "Testkommunens CA").signer(2, "Test Testsson");
    let signed_bytes = signed(&std::fs::read(&extract).expect("PDF"), &key, Role::Chair);
    // A byte of paragraf's revision: the document itself is changed.
    let mut inside = signed_bytes.clone();
    let at = (inside.len() / 3..)
        .find(|&i| inside[i].is_ascii_digit())
        .expect("a digit");
    inside[at] = if inside[at] == b'1' { b'2' } else { b'1' };
    std::fs::write(&copy, &inside).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    // A byte of the signature's own update: the signed bytes no longer match the digest.
    let mut beside = signed_bytes;
    let field = beside
        .windows(11)
        .rposition(|w| w == b"Justering 1")
        .expect("the field name");
    beside[field] = b'X';
    std::fs::write(&copy, &beside).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(said.contains("STÄMMER INTE"), "{said}");
}

/// An extract of seed 000's meeting signed by a test signer, its folder, and a path to
/// write variants to.
fn signed_extract() -> (tempfile::TempDir, Vec<u8>, PathBuf) {
    let (dir, extract, copy) = extract_and_copy();
    let key = Ca::new(1, "Testkommunens CA").signer(2, "Anna Andersson");
    let bytes = signed(&std::fs::read(&extract).expect("PDF"), &key, Role::Chair);
    (dir, bytes, copy)
}

/// `bytes` with an incremental update that `change` makes.
fn updated(bytes: &[u8], change: impl FnOnce(&mut lopdf::IncrementalDocument)) -> Vec<u8> {
    let mut update = lopdf::IncrementalDocument::load_from(bytes).expect("incremental");
    change(&mut update);
    let mut out = Vec::new();
    update.save_to(&mut out).expect("saved");
    out
}

/// The catalog and first page of the revision an update is made on.
fn catalog_and_page(update: &lopdf::IncrementalDocument) -> (lopdf::ObjectId, lopdf::ObjectId) {
    let previous = update.get_prev_documents();
    let catalog = previous
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    (
        catalog,
        *previous.get_pages().values().next().expect("page"),
    )
}

/// `update`'s catalog with `key` set to `value`.
fn set_in_catalog(update: &mut lopdf::IncrementalDocument, key: &str, value: Object) {
    let (catalog, _) = catalog_and_page(update);
    update
        .opt_clone_object_to_new_document(catalog)
        .expect("catalog");
    update
        .new_document
        .get_dictionary_mut(catalog)
        .expect("catalog")
        .set(key, value);
}

/// `update`'s Info dictionary with `key` set to `value`.
fn set_in_info(update: &mut lopdf::IncrementalDocument, key: &str, value: Object) {
    let info = update
        .get_prev_documents()
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("info");
    update.opt_clone_object_to_new_document(info).expect("info");
    update
        .new_document
        .get_dictionary_mut(info)
        .expect("info")
        .set(key, value);
}

/// Verify `bytes` written to `path`: it must fail, saying ÄNDRAD and each of `named`;
/// and pyHanko's difference analysis must not find only signing either.
fn changed(bytes: &[u8], path: &Path, named: &[&str]) {
    changed_beyond_pyhanko(bytes, path, named);
    if let Some(report) = signing::pyhanko(path, None) {
        assert!(!signing::pyhanko_finds_only_signing(&report), "{report}");
    }
}

/// [`changed`] where `verify` is stricter than pyHanko, which is not asked.
fn changed_beyond_pyhanko(bytes: &[u8], path: &Path, named: &[&str]) {
    std::fs::write(path, bytes).expect("written");
    let (ok, said) = verify(path);
    assert!(!ok, "{said}");
    assert!(said.contains("ÄNDRAD"), "{said}");
    for name in named {
        assert!(said.contains(name), "{name:?} not in {said}");
    }
}

#[test]
fn a_content_stream_drawn_over_page_one_after_signing_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let (_, page) = catalog_and_page(update);
        let old = update
            .get_prev_documents()
            .get_dictionary(page)
            .and_then(|p| p.get(b"Contents"))
            .cloned()
            .expect("contents");
        let drawn = update.new_document.add_object(lopdf::Stream::new(
            dictionary! {},
            b"BT /F1 24 Tf 100 700 Td (BEVILJAT 9 999 999 KR) Tj ET".to_vec(),
        ));
        update.opt_clone_object_to_new_document(page).expect("page");
        update
            .new_document
            .get_dictionary_mut(page)
            .expect("page")
            .set("Contents", vec![old, drawn.into()]);
    });
    changed(
        &hostile,
        &copy,
        &[
            "revision 3 (efter underskriften av Anna Andersson)",
            "sida 1: /Contents har ändrats",
        ],
    );
}

#[test]
fn a_catalog_pointing_at_a_new_page_tree_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let (_, page) = catalog_and_page(update);
        let pages = update.new_document.add_object(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        });
        set_in_catalog(update, "Pages", pages.into());
    });
    changed(
        &hostile,
        &copy,
        &["revision 3", "katalogen: /Pages har ändrats"],
    );
}

#[test]
fn javascript_run_on_opening_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let action = dictionary! {
            "S" => "JavaScript", "JS" => Object::string_literal("app.alert('BEVILJAT')"),
        };
        set_in_catalog(update, "OpenAction", action.into());
    });
    changed(
        &hostile,
        &copy,
        &["revision 3", "katalogen: /OpenAction har ändrats"],
    );
}

#[test]
fn a_new_embedded_file_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let file = update.new_document.add_object(lopdf::Stream::new(
            dictionary! { "Type" => "EmbeddedFile" },
            b"rubrik: Annat beslut\n".to_vec(),
        ));
        let spec = update.new_document.add_object(dictionary! {
            "Type" => "Filespec", "F" => Object::string_literal("2015-03-24/sammantrade.yaml"),
            "EF" => dictionary! { "F" => file },
        });
        let names = dictionary! {
            "EmbeddedFiles" => dictionary! {
                "Names" => vec![Object::string_literal("2015-03-24/sammantrade.yaml"), spec.into()],
            },
        };
        set_in_catalog(update, "Names", names.into());
    });
    changed(
        &hostile,
        &copy,
        &["revision 3", "katalogen: /Names har ändrats"],
    );
}

#[test]
fn a_new_title_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        set_in_info(update, "Title", Object::string_literal("Beviljat"));
    });
    // pyHanko does not look at the Info dictionary; the title is what a reader shows.
    changed_beyond_pyhanko(
        &hostile,
        &copy,
        &["revision 3", "dokumentinformationen: /Title har ändrats"],
    );
}

#[test]
fn a_replaced_structure_tree_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let tree = update
            .new_document
            .add_object(dictionary! { "Type" => "StructTreeRoot" });
        set_in_catalog(update, "StructTreeRoot", tree.into());
    });
    changed(
        &hostile,
        &copy,
        &["revision 3", "katalogen: /StructTreeRoot har ändrats"],
    );
}

#[test]
fn an_object_freed_by_an_update_is_a_change() {
    let (_dir, mut bytes, copy) = signed_extract();
    let document = lopdf::Document::load_mem(&bytes).expect("PDF");
    let page = *document.get_pages().values().next().expect("page");
    let content = document.get_page_contents(page)[0];
    let root = document
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    let size = document
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .expect("size");
    let previous = {
        let text = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
        text.split_whitespace()
            .rev()
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
            .expect("startxref")
    };
    // A cross-reference section that only marks the page's content stream free.
    let xref = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n0000000000 {:05} f \ntrailer\n<</Size {size} \
             /Root {} {} R /Prev {previous}>>\nstartxref\n{xref}\n%%EOF\n",
            content.0,
            content.1 + 1,
            root.0,
            root.1
        )
        .as_bytes(),
    );
    changed(
        &bytes,
        &copy,
        &[
            "revision 3",
            &format!(
                "objekt {} {} (innehållet på sida 1) har tagits bort",
                content.0, content.1
            ),
        ],
    );
}

#[test]
fn a_widget_covering_the_page_is_a_change() {
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let (catalog, page) = catalog_and_page(update);
        let appearance = update.new_document.add_object(lopdf::Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
            b"1 g 0 0 595 842 re f".to_vec(),
        ));
        let widget = update.new_document.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
            "T" => Object::string_literal("Täckning"), "F" => 4, "P" => page,
            "Rect" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "AP" => dictionary! { "N" => appearance },
        });
        let previous = update.get_prev_documents();
        let form = previous
            .get_dictionary(catalog)
            .and_then(|c| c.get(b"AcroForm"))
            .and_then(Object::as_dict)
            .cloned()
            .expect("form");
        let annotations = previous
            .get_dictionary(page)
            .and_then(|p| p.get(b"Annots"))
            .and_then(Object::as_array)
            .cloned()
            .expect("annotations");
        let mut fields = form
            .get(b"Fields")
            .and_then(Object::as_array)
            .cloned()
            .expect("fields");
        fields.push(widget.into());
        let mut form = form;
        form.set("Fields", fields);
        set_in_catalog(update, "AcroForm", form.into());
        let mut annotations = annotations;
        annotations.push(widget.into());
        update.opt_clone_object_to_new_document(page).expect("page");
        update
            .new_document
            .get_dictionary_mut(page)
            .expect("page")
            .set("Annots", annotations);
    });
    // pyHanko lets a new signature field with any appearance pass as form filling; a
    // widget the size of the page can hide the text under it, so verify does not.
    changed_beyond_pyhanko(&hostile, &copy, &["revision 3", "synlig underskrift"]);
}

#[test]
fn content_changed_after_one_signature_and_signed_again_is_a_change() {
    // pdfsig calls both signatures valid; the first signer did not sign this page.
    let (_dir, bytes, copy) = signed_extract();
    let hostile = updated(&bytes, |update| {
        let (_, page) = catalog_and_page(update);
        update.opt_clone_object_to_new_document(page).expect("page");
        update
            .new_document
            .get_dictionary_mut(page)
            .expect("page")
            .set("Rotate", 90);
    });
    let second = Ca::new(1, "Testkommunens CA").signer(3, "Bertil Berg");
    let signed_again = signed(&hostile, &second, Role::Adjuster);
    changed(
        &signed_again,
        &copy,
        &[
            "revision 3 (efter underskriften av Anna Andersson)",
            "sida 1: /Rotate har ändrats",
        ],
    );
}

#[test]
fn bytes_outside_the_signed_ranges_beside_contents_are_a_change() {
    // A signature whose /ByteRange leaves out more than its /Contents: the bytes after it
    // (here the signer's /Name) could be changed without the digest noticing.
    let (_dir, extract, copy) = extract_and_copy();
    let key = Ca::new(1, "Testkommunens CA").signer(2, "Anna Andersson");
    let original = std::fs::read(&extract).expect("PDF");
    let signing = paragraf::sign::Signing::Signature {
        name: Some("Anna Andersson"),
        role: Role::Chair,
        time: "D:20241001120000+02'00'",
    };
    let prepared = paragraf::sign::prepare(&original, &extract, signing).expect("prepared");
    let mut bytes = prepared.bytes.clone();
    let at = bytes
        .windows(13)
        .rposition(|w| w == b"/ByteRange[0 ")
        .expect("byte range")
        + 10;
    let numbers: Vec<usize> = String::from_utf8_lossy(&bytes[at + 1..at + 35])
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    let name = bytes[numbers[2]..]
        .windows(5)
        .position(|w| w == b"/Name")
        .expect("name")
        + numbers[2];
    let wider = name + 12;
    let text = format!(
        "[0 {:010} {wider:010} {:010}]",
        numbers[1],
        bytes.len() - wider
    );
    bytes[at..at + text.len()].copy_from_slice(text.as_bytes());
    let digest =
        paragraf::verify::cms::Hash::Sha256.digest(&[&bytes[..numbers[1]], &bytes[wider..]]);
    let cms = paragraf::sign::cms(&digest, &key, Role::Chair).expect("CMS");
    let hex = hex::encode_upper(&cms);
    bytes[numbers[1] + 1..numbers[1] + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    // The name changed after signing, where the digest does not look.
    bytes[name + 8] = b'X';
    changed(
        &bytes,
        &copy,
        &["luckan i dess /ByteRange är inte exakt dess /Contents"],
    );
}

#[test]
fn a_protocol_replaced_by_the_kallelse_of_the_same_sources_is_a_change() {
    let (dir, pdfs) = build(&[seed_meeting()]);
    let protocol = pdf(&pdfs, "_protokoll.pdf").to_path_buf();
    std::fs::copy(pdf(&pdfs, "kallelse"), &protocol).expect("copied");
    let (ok, said) = verify(&protocol);
    assert!(!ok, "{said}");
    assert!(said.contains("ÄNDRAD: filen heter som"), "{said}");
    assert!(said.contains("kallelse.pdf, en annan handling"), "{said}");
    drop(dir);
}

#[test]
fn two_signers_a_dss_added_later_and_trust_anchors() {
    let (dir, bytes, copy) = signed_extract();
    let ca = Ca::new(1, "Testkommunens CA");
    let both = signed(&bytes, &ca.signer(3, "Bertil Berg"), Role::Adjuster);
    // Validation data added in a revision of its own after the last signature (B-LT).
    let with_dss = updated(&both, |update| {
        let certificate = update.new_document.add_object(lopdf::Stream::new(
            dictionary! {},
            x509_cert::der::Encode::to_der(&ca.certificate).expect("DER"),
        ));
        let dss = update
            .new_document
            .add_object(dictionary! { "Type" => "DSS", "Certs" => vec![certificate.into()] });
        set_in_catalog(update, "DSS", dss.into());
        // A signer may say when and with what it last wrote the file.
        set_in_info(
            update,
            "ModDate",
            Object::string_literal("D:20241002090000Z"),
        );
        set_in_info(
            update,
            "Producer",
            Object::string_literal("Underskriftstjänsten 1.0"),
        );
    });
    std::fs::write(&copy, &with_dss).expect("written");
    let (ok, said) = verify(&copy);
    assert!(ok, "{said}");
    assert!(
        said.contains("underskrift av Anna Andersson som ordförande"),
        "{said}"
    );
    assert!(said.contains("i revision 2"), "{said}");
    assert!(
        said.contains("underskrift av Bertil Berg som justerare"),
        "{said}"
    );
    assert!(said.contains("i revision 3"), "{said}");
    // With the CA as trust anchor both lead to it; with another CA neither does.
    let anchor = dir.path().join("ca.pem");
    std::fs::write(&anchor, ca.pem()).expect("written");
    let (ok, said) = verify_with(&copy, &["--betrodd", anchor.to_str().expect("path")]);
    assert!(ok, "{said}");
    assert!(
        said.contains("leder till det betrodda Testkommunens CA"),
        "{said}"
    );
    let other = dir.path().join("annan.pem");
    std::fs::write(&other, Ca::new(9, "Annan CA").pem()).expect("written");
    let (ok, said) = verify_with(&copy, &["--betrodd", other.to_str().expect("path")]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("leder INTE till något betrott certifikat"),
        "{said}"
    );
}

#[test]
fn a_rubrik_holding_eof_does_not_cut_the_first_revision() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_folder(
        &repo().join("cases/socialnamnden"),
        &dir.path().join("socialnamnden"),
    );
    let case = dir
        .path()
        .join("socialnamnden/beredning/inriktning-mul-2025-redovisning-lum-2023.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    let rubrik = text
        .lines()
        .find(|l| l.starts_with("rubrik:"))
        .expect("rubrik")
        .to_owned();
    std::fs::write(&case, text.replacen(&rubrik, &format!("{rubrik} %%EOF"), 1)).expect("written");
    let out = dir.path().join("ut");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("build")
        .arg(&case)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("paragraf runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let made = only_file(&out);
    let bytes = std::fs::read(&made).expect("PDF");
    let first = bytes.windows(5).position(|w| w == b"%%EOF").expect("EOF");
    assert!(
        first + 100 < bytes.len(),
        "the rubrik's %%EOF stands before the end"
    );
    let (ok, said) = verify(&made);
    assert!(ok, "{said}");
}

#[test]
fn the_rebuild_leaves_nothing_in_the_temporary_folder() {
    // The scratch folder is made new by tempfile, never a name guessed beforehand, and
    // removed afterwards.
    let (dir, extract, _copy) = extract_and_copy();
    let scratch = dir.path().join("tmp");
    std::fs::create_dir(&scratch).expect("folder");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("verify")
        .arg(&extract)
        .env("TMPDIR", &scratch)
        .output()
        .expect("paragraf runs");
    assert!(output.status.success());
    let left: Vec<_> = std::fs::read_dir(&scratch)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn every_extract_and_anslag_of_the_examples_verifies() {
    let (dir, pdfs) = build(&[repo().join("cases")]);
    let trust = paragraf::verify::Trust::default();
    let mut checked = 0;
    for (name, path) in &pdfs {
        if name.contains("protokollsutdrag") || name.contains("anslag") {
            let finding = paragraf::verify::verify(path, &trust).expect("verified");
            assert!(finding.holds(), "{name}: {}", finding.message());
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
    // Renamed, an extract of a meeting of many cases is still told from the meeting's
    // other documents of the same sources, which need cases it does not carry.
    let (_, extract) = pdfs
        .iter()
        .find(|(name, _)| name.contains("kultur-och-fritidsnamnden_protokollsutdrag_p001"))
        .expect("an extract");
    let renamed = dir.path().join("kopia.pdf");
    std::fs::copy(extract, &renamed).expect("copied");
    let finding = paragraf::verify::verify(&renamed, &trust).expect("verified");
    assert!(finding.holds(), "{}", finding.message());
}
