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

/// `pdf` signed as a signing service does: an incremental update with a signature field
/// on the first page and a CMS SignedData (ECDSA P-256 with a throw-away key and a
/// self-signed certificate) over every byte but its own /Contents.
fn signed(pdf: &Path) -> Vec<u8> {
    use cms::builder::{SignedDataBuilder, SignerInfoBuilder, create_signing_time_attribute};
    use cms::cert::x509::der::Encode;
    use cms::cert::x509::der::oid::db::{rfc5911, rfc5912};
    use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
    use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
    use lopdf::{Object, StringFormat, dictionary};
    use p256::ecdsa::{DerSignature, SigningKey};
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

    const PLACEHOLDER: usize = 8192;
    let original = std::fs::read(pdf).expect("PDF");
    let mut update =
        lopdf::IncrementalDocument::load_from(original.as_slice()).expect("incremental");
    let previous = update.get_prev_documents();
    let catalog = previous
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    let page = *previous.get_pages().values().next().expect("a page");
    let annotations = previous
        .get_dictionary(page)
        .and_then(|p| p.get(b"Annots"))
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let document = &mut update.new_document;
    let signature = document.add_object(dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "Name" => Object::string_literal("Test Testsson"),
        "M" => Object::string_literal("D:20241001120000+02'00'"),
        "ByteRange" => vec![0.into(), 1_000_000_000.into(), 1_000_000_000.into(), 1_000_000_000.into()],
        "Contents" => Object::String(vec![0; PLACEHOLDER], StringFormat::Hexadecimal),
    });
    let field = document.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal("Justering"),
        "V" => signature,
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "F" => 132,
        "P" => page,
    });
    update
        .opt_clone_object_to_new_document(catalog)
        .expect("catalog");
    update.opt_clone_object_to_new_document(page).expect("page");
    let document = &mut update.new_document;
    document.get_dictionary_mut(catalog).expect("catalog").set(
        "AcroForm",
        dictionary! { "Fields" => vec![field.into()], "SigFlags" => 3 },
    );
    let mut annotations = annotations;
    annotations.push(field.into());
    document
        .get_dictionary_mut(page)
        .expect("page")
        .set("Annots", annotations);
    let mut bytes = Vec::new();
    update.save_to(&mut bytes).expect("saved");

    // The byte ranges: everything but the hex string of /Contents.
    let zeros = vec![b'0'; 2 * PLACEHOLDER];
    let lt = original.len()
        + bytes[original.len()..]
            .windows(zeros.len())
            .position(|w| w == zeros.as_slice())
            .expect("the placeholder")
        - 1;
    assert_eq!(bytes[lt], b'<');
    let after = lt + 2 * PLACEHOLDER + 2;
    assert_eq!(bytes[after - 1], b'>');
    let placeholder = b"1000000000 1000000000 1000000000";
    let at = bytes
        .windows(placeholder.len())
        .position(|w| w == placeholder)
        .expect("the byte range placeholder");
    let ranges = format!("{lt:010} {after:010} {:010}", bytes.len() - after);
    bytes[at..at + placeholder.len()].copy_from_slice(ranges.as_bytes());
    let digest = {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        hash.update(&bytes[..lt]);
        hash.update(&bytes[after..]);
        hash.finalize().to_vec()
    };

    let key = SigningKey::from_bytes(&[7u8; 32].into()).expect("key");
    let public = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
    let certificate = CertificateBuilder::new(
        Profile::Root,
        x509_cert::serial_number::SerialNumber::from(1u32),
        x509_cert::time::Validity::from_now(std::time::Duration::from_secs(3600))
            .expect("validity"),
        x509_cert::name::Name::from_str("CN=Test Testsson").expect("name"),
        public,
        &key,
    )
    .expect("certificate")
    .build::<DerSignature>()
    .expect("signed certificate");
    let content = EncapsulatedContentInfo {
        econtent_type: rfc5911::ID_DATA,
        econtent: None,
    };
    let sha256 = AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    };
    let signer_id = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: certificate.tbs_certificate.issuer.clone(),
        serial_number: certificate.tbs_certificate.serial_number.clone(),
    });
    let mut signer =
        SignerInfoBuilder::new(&key, signer_id, sha256.clone(), &content, Some(&digest))
            .expect("signer");
    signer
        .add_signed_attribute(create_signing_time_attribute().expect("time"))
        .expect("attribute");
    let cms = SignedDataBuilder::new(&content)
        .add_digest_algorithm(sha256)
        .expect("algorithm")
        .add_certificate(CertificateChoices::Certificate(certificate))
        .expect("certificate")
        .add_signer_info::<SigningKey, DerSignature>(signer)
        .expect("signer info")
        .build()
        .expect("CMS")
        .to_der()
        .expect("DER");
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    assert!(hex.len() <= 2 * PLACEHOLDER);
    bytes[lt + 1..lt + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    bytes
}

#[test]
fn a_signed_pdf_is_unchanged_and_signed_and_keeps_its_pdf_a_claims_and_sources() {
    let (dir, extract, copy) = extract_and_copy();
    let signed_bytes = signed(&extract);
    std::fs::write(&copy, &signed_bytes).expect("written");
    let (ok, said) = verify(&copy);
    assert!(ok, "{said}");
    assert!(said.contains("underskriven"), "{said}");
    assert!(
        said.contains("underskrift av Test Testsson (2024-10-01 12:00:00 +02:00)"),
        "{said}"
    );
    assert!(said.contains("kontrollsumman stämmer"), "{said}");
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
    let signed_bytes = signed(&extract);
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
        .windows(9)
        .rposition(|w| w == b"Justering")
        .expect("the field name");
    beside[field] = b'X';
    std::fs::write(&copy, &beside).expect("written");
    let (ok, said) = verify(&copy);
    assert!(!ok, "{said}");
    assert!(said.contains("STÄMMER INTE"), "{said}");
}
