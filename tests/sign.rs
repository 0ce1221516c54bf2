//! `paragraf sign`: a protocol signed by the ordförande and the justerare with PKCS#12
//! files as a CA gives them (made here by openssl, RSA and ECDSA), and through the
//! signing-service path (prepare, a CMS made elsewhere by openssl, insert). `verify`
//! names both signers; poppler's `pdfsig` and pyHanko agree; the file keeps its PDF/A and
//! PDF/UA claims, its structure tree and its sources.

mod common;
#[path = "common/signing.rs"]
mod signing;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn paragraf(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .output()
        .expect("paragraf runs")
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        said(&output)
    );
}

/// Throw-away keys in `dir`: a CA (P-256), Anna (RSA 2048) and Bertil (P-256), each
/// certified for signing (digitalSignature, nonRepudiation) and in a PKCS#12 file whose
/// password is in `losen.txt`. None without openssl.
fn keys(dir: &Path) -> Option<()> {
    signing::oracle("openssl")?;
    std::fs::write(
        dir.join("signer.ext"),
        "keyUsage=critical,digitalSignature,nonRepudiation\n",
    )
    .expect("written");
    std::fs::write(dir.join("losen.txt"), "hemligt\n").expect("written");
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/CN=Testkommunens CA",
            "-days",
            "2",
        ],
    );
    for (who, name, key) in [
        ("anna", "Anna Andersson", "rsa:2048"),
        ("bertil", "Bertil Berg", "ec"),
    ] {
        let mut request = vec![
            "req", "-newkey", key, "-nodes", "-keyout", "", "-out", "", "-subj", "",
        ];
        let (key_file, request_file, subject) = (
            format!("{who}.key"),
            format!("{who}.csr"),
            format!("/CN={name}"),
        );
        request[5] = &key_file;
        request[7] = &request_file;
        request[9] = &subject;
        if key == "ec" {
            request.extend(["-pkeyopt", "ec_paramgen_curve:P-256"]);
        }
        openssl(dir, &request);
        let certificate = format!("{who}.pem");
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &request_file,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &certificate,
                "-days",
                "2",
                "-extfile",
                "signer.ext",
            ],
        );
        openssl(
            dir,
            &[
                "pkcs12",
                "-export",
                "-inkey",
                &key_file,
                "-in",
                &certificate,
                "-certfile",
                "ca.pem",
                "-passout",
                "pass:hemligt",
                "-out",
                &format!("{who}.p12"),
            ],
        );
    }
    Some(())
}

/// The protocol of seed 000's meeting, built into `dir`.
fn protocol(dir: &Path) -> PathBuf {
    protocol_of(seed_meeting(), dir)
}

/// The protocol of `meeting`, built into `dir`.
fn protocol_of(meeting: PathBuf, dir: &Path) -> PathBuf {
    let built = paragraf::build(&[meeting], dir, &paragraf::BuildOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    built
        .written
        .into_iter()
        .map(|w| w.path)
        .find(|p| p.to_string_lossy().ends_with("_protokoll.pdf"))
        .expect("a protocol")
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

/// `pdf` signed in place with `who`'s PKCS#12 file (in `dir`) in `role`; what it said.
fn sign_with_p12(dir: &Path, pdf: &Path, who: &str, role: &str) -> String {
    let (key, password) = (dir.join(format!("{who}.p12")), dir.join("losen.txt"));
    let output = paragraf(&[
        os("sign"),
        pdf.as_os_str(),
        os("--p12"),
        key.as_os_str(),
        os("--losenord-fil"),
        password.as_os_str(),
        os("--roll"),
        os(role),
    ]);
    assert!(output.status.success(), "{}", said(&output));
    said(&output)
}

/// `paragraf sign pdf --infoga cms`.
fn insert(pdf: &Path, cms: &Path) -> Output {
    sign_with(pdf, &[os("--infoga"), cms.as_os_str()])
}

/// What `verify` says of `pdf` with the test CA in `dir` as trust anchor; it must hold.
fn verified(dir: &Path, pdf: &Path) -> String {
    let anchor = dir.join("ca.pem");
    let output = paragraf(&[
        os("verify"),
        pdf.as_os_str(),
        os("--betrodd"),
        anchor.as_os_str(),
    ]);
    let verdict = said(&output);
    assert!(output.status.success(), "{verdict}");
    verdict
}

/// pdfsig's report on `pdf`; None when it is not installed.
fn pdfsig(pdf: &Path) -> Option<String> {
    signing::oracle("pdfsig")?;
    Some(said(
        &Command::new("pdfsig")
            .arg(pdf)
            .output()
            .expect("pdfsig runs"),
    ))
}

#[test]
fn a_protocol_signed_by_the_chair_and_the_justerare_verifies_and_the_oracles_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    let original = protocol(&dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    std::fs::copy(&original, &signed).expect("copied");
    for (who, role) in [("anna", "ordförande"), ("bertil", "justerare")] {
        let said = sign_with_p12(dir.path(), &signed, who, role);
        assert!(said.contains(&format!("som {role}")), "{said}");
    }
    let verdict = verified(dir.path(), &signed);
    assert!(verdict.contains("oförändrad och underskriven"), "{verdict}");
    assert!(
        verdict.contains("underskrift av Anna Andersson som ordförande"),
        "{verdict}"
    );
    assert!(
        verdict.contains("underskrift av Bertil Berg som justerare"),
        "{verdict}"
    );
    assert_eq!(
        verdict
            .matches("certifikatet leder till det betrodda Testkommunens CA")
            .count(),
        2,
        "{verdict}"
    );

    // Still sound, still claiming PDF/A-3a and UA-1, with paragraf's structure tree and
    // sources.
    let qpdf = Command::new("qpdf")
        .arg("--check")
        .arg(&signed)
        .output()
        .expect("qpdf");
    assert!(qpdf.status.success(), "{}", said(&qpdf));
    let before = lopdf::Document::load(&original).expect("PDF");
    let after = lopdf::Document::load(&signed).expect("signed PDF");
    let catalog = |d: &lopdf::Document| d.catalog().expect("catalog").clone();
    assert_eq!(
        catalog(&before).get(b"StructTreeRoot").ok(),
        catalog(&after).get(b"StructTreeRoot").ok()
    );
    assert_eq!(
        catalog(&before).get(b"Metadata").ok(),
        catalog(&after).get(b"Metadata").ok()
    );
    assert!(!after.trailer.has(b"Encrypt"));
    let xmp = catalog(&after)
        .get(b"Metadata")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| after.get_object(id))
        .and_then(lopdf::Object::as_stream)
        .map(|s| String::from_utf8_lossy(&s.content).into_owned())
        .expect("XMP");
    assert!(
        xmp.contains("pdfaid:part") && xmp.contains("pdfuaid:part"),
        "{xmp}"
    );
    assert_eq!(
        paragraf::extract::attachments(&signed).expect("sources"),
        paragraf::extract::attachments(&original).expect("sources")
    );

    // poppler: both valid, the last covering the whole file.
    if let Some(report) = pdfsig(&signed) {
        assert_eq!(report.matches("Signature is Valid.").count(), 2, "{report}");
        assert_eq!(
            report.matches("Total document signed").count(),
            1,
            "{report}"
        );
        assert_eq!(report.matches("ETSI.CAdES.detached").count(), 2, "{report}");
    }
    // pyHanko: both intact, nothing but signing after the first, both valid given the CA.
    if let Some(report) = signing::pyhanko(&signed, Some(&dir.path().join("ca.pem"))) {
        assert!(signing::pyhanko_finds_only_signing(&report), "{report}");
        assert_eq!(
            report.matches("The signature is judged VALID.").count(),
            2,
            "{report}"
        );
    }
}

#[test]
fn a_protocol_justerat_digitally_is_signed_by_those_it_lists_and_verifies() {
    // Regionstyrelsen's protocol says "Justeras digitalt" and lists its signers; signed by
    // the ordförande, the justerare and the secretary it is unchanged and names each. They
    // sign today, long after the anslag the protocol says was posted 29 november 2024:
    // verify says so.
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    let meeting = repo().join("cases/regionstyrelsen/2024-11-26/sammantrade.yaml");
    let original = protocol_of(meeting, &dir.path().join("ut"));
    assert!(page_text(&original, 1).contains("Justeras digitalt"));
    let signed = dir.path().join(original.file_name().expect("name"));
    std::fs::copy(&original, &signed).expect("copied");
    for (who, role) in [
        ("anna", "ordförande"),
        ("bertil", "justerare"),
        ("anna", "sekreterare"),
    ] {
        sign_with_p12(dir.path(), &signed, who, role);
    }
    let verdict = verified(dir.path(), &signed);
    assert!(verdict.contains("oförändrad och underskriven"), "{verdict}");
    for signer in [
        "underskrift av Anna Andersson som ordförande (",
        "underskrift av Bertil Berg som justerare (",
        "underskrift av Anna Andersson som sekreterare (",
    ] {
        assert!(verdict.contains(signer), "{verdict}");
    }
    assert_eq!(
        verdict
            .matches("efter dagen då anslaget om justeringen sattes upp")
            .count(),
        3,
        "{verdict}"
    );
    if let Some(report) = pdfsig(&signed) {
        assert_eq!(report.matches("Signature is Valid.").count(), 3, "{report}");
    }
    if let Some(report) = signing::pyhanko(&signed, Some(&dir.path().join("ca.pem"))) {
        assert!(signing::pyhanko_finds_only_signing(&report), "{report}");
    }
}

#[test]
fn a_signing_service_signs_the_prepared_bytes_and_its_cms_is_inserted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    let original = protocol(&dir.path().join("ut"));
    let prepared = dir.path().join(original.file_name().expect("name"));
    let basis = dir.path().join("underlag.bin");
    let output = paragraf(&[
        os("sign"),
        original.as_os_str(),
        os("--forbered"),
        basis.as_os_str(),
        os("--roll"),
        os("justerare"),
        os("--namn"),
        os("Bertil Berg"),
        os("-o"),
        prepared.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", said(&output));
    // The service: a detached CAdES signature over exactly those bytes.
    openssl(
        dir.path(),
        &[
            "cms",
            "-sign",
            "-binary",
            "-cades",
            "-md",
            "sha256",
            "-in",
            "underlag.bin",
            "-signer",
            "bertil.pem",
            "-inkey",
            "bertil.key",
            "-certfile",
            "ca.pem",
            "-outform",
            "DER",
            "-out",
            "signatur.p7s",
        ],
    );
    // A signature over other bytes is refused, and the prepared file left as it was.
    std::fs::write(dir.path().join("annat.bin"), b"annat").expect("written");
    openssl(
        dir.path(),
        &[
            "cms",
            "-sign",
            "-binary",
            "-md",
            "sha256",
            "-in",
            "annat.bin",
            "-signer",
            "bertil.pem",
            "-inkey",
            "bertil.key",
            "-outform",
            "DER",
            "-out",
            "annan.p7s",
        ],
    );
    let unsigned = std::fs::read(&prepared).expect("prepared");
    let other = dir.path().join("annan.p7s");
    let output = insert(&prepared, &other);
    assert!(!output.status.success());
    assert!(said(&output).contains("andra byte"), "{}", said(&output));
    assert_eq!(std::fs::read(&prepared).expect("prepared"), unsigned);

    let cms = dir.path().join("signatur.p7s");
    let output = insert(&prepared, &cms);
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &prepared);
    assert!(
        verdict.contains("underskrift av Bertil Berg som justerare"),
        "{verdict}"
    );
    if let Some(report) = pdfsig(&prepared) {
        assert!(report.contains("Signature is Valid."), "{report}");
        assert!(report.contains("Total document signed"), "{report}");
    }
    if let Some(report) = signing::pyhanko(&prepared, Some(&dir.path().join("ca.pem"))) {
        assert!(signing::pyhanko_finds_only_signing(&report), "{report}");
    }

    // The service's CMS (openssl's encoding, not paragraf's) time stamped: rewritten with
    // the token in it, its signature still holds.
    tsa(dir.path());
    let request = dir.path().join("begaran.tsq");
    let output = sign_with(
        &prepared,
        &[os("--tidsstampel-begaran"), request.as_os_str()],
    );
    assert!(output.status.success(), "{}", said(&output));
    reply(dir.path(), "begaran.tsq", "svar.tsr", false);
    let response = dir.path().join("svar.tsr");
    let output = sign_with(
        &prepared,
        &[os("--infoga-tidsstampel"), response.as_os_str()],
    );
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &prepared);
    assert!(
        verdict.contains("tidsstämplad ")
            && verdict.contains("kontrollsumman och signaturen stämmer"),
        "{verdict}"
    );
    if let Some(report) = pdfsig(&prepared) {
        assert!(report.contains("Signature is Valid."), "{report}");
    }
}

#[test]
fn a_key_on_a_pkcs11_token_signs_without_leaving_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    let Some(util) = signing::oracle("softhsm2-util") else {
        return;
    };
    let module = std::env::var_os("PARAGRAF_SOFTHSM_MODULE").map_or_else(
        || PathBuf::from("/usr/lib/softhsm/libsofthsm2.so"),
        PathBuf::from,
    );
    // A token of its own in the test's folder, holding Bertil's key (not his certificate:
    // softhsm2-util imports keys only, so it is given beside).
    let tokens = dir.path().join("tokens");
    std::fs::create_dir(&tokens).expect("folder");
    let config = dir.path().join("softhsm2.conf");
    std::fs::write(
        &config,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            tokens.display()
        ),
    )
    .expect("written");
    let softhsm = |args: &[&str]| {
        let output = Command::new(&util)
            .args(args)
            .env("SOFTHSM2_CONF", &config)
            .current_dir(dir.path())
            .output()
            .expect("softhsm2-util runs");
        assert!(
            output.status.success(),
            "softhsm2-util {args:?}: {}",
            said(&output)
        );
    };
    softhsm(&[
        "--init-token",
        "--free",
        "--label",
        "paragraf",
        "--pin",
        "1234",
        "--so-pin",
        "5678",
    ]);
    openssl(
        dir.path(),
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            "bertil.key",
            "-out",
            "bertil.pk8",
        ],
    );
    softhsm(&[
        "--import",
        "bertil.pk8",
        "--token",
        "paragraf",
        "--label",
        "bertil",
        "--id",
        "02",
        "--pin",
        "1234",
    ]);
    std::fs::write(dir.path().join("pin.txt"), "1234\n").expect("written");
    let original = protocol(&dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    std::fs::copy(&original, &signed).expect("copied");
    let (pin, certificate) = (dir.path().join("pin.txt"), dir.path().join("bertil.pem"));
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("sign")
        .arg(&signed)
        .arg("--pkcs11")
        .arg(&module)
        .args([
            "--token",
            "paragraf",
            "--nyckel",
            "bertil",
            "--roll",
            "justerare",
        ])
        .arg("--losenord-fil")
        .arg(&pin)
        .arg("--certifikat")
        .arg(&certificate)
        .env("SOFTHSM2_CONF", &config)
        .output()
        .expect("paragraf runs");
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &signed);
    assert!(
        verdict.contains("underskrift av Bertil Berg som justerare"),
        "{verdict}"
    );
    assert!(
        verdict.contains("leder till det betrodda Testkommunens CA"),
        "{verdict}"
    );
    if let Some(report) = pdfsig(&signed) {
        assert!(report.contains("Signature is Valid."), "{report}");
    }
}

#[test]
fn a_signature_made_by_pyhanko_is_only_signing_to_verify() {
    // pyHanko, as a signing service built on it would, rewrites the XMP whole (other
    // prefixes, attributes for elements, a schema's namespace as a resource): what it
    // says is the same, so verify sees only signing.
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    let Some(pyhanko) = signing::oracle("pyhanko") else {
        return;
    };
    let original = protocol(&dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    let output = Command::new(pyhanko)
        .args([
            "sign",
            "addsig",
            "--field",
            "Justering",
            "pkcs12",
            "--passfile",
            "losen.txt",
        ])
        .arg(&original)
        .arg(&signed)
        .arg("anna.p12")
        .current_dir(dir.path())
        .output()
        .expect("pyhanko runs");
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &signed);
    assert!(
        verdict.contains("underskrift av Anna Andersson"),
        "{verdict}"
    );
}

/// A time stamp authority certified by the test CA in `dir` (made by [`keys`]), as
/// `openssl ts` runs one: its key, its certificate (time stamping its only, critical,
/// purpose) and its configuration `ts.cnf`.
fn tsa(dir: &Path) {
    std::fs::write(
        dir.join("tsa.ext"),
        "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n",
    )
    .expect("written");
    std::fs::write(
        dir.join("ts.cnf"),
        "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = ./tsaserial\ncrypto_device = builtin\n\
         signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\n\
         accuracy = secs:1\ness_cert_id_alg = sha256\ness_cert_id_chain = no\n",
    )
    .expect("written");
    std::fs::write(dir.join("tsaserial"), "01\n").expect("written");
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/CN=Testkommunens tidsstampel",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "2",
            "-extfile",
            "tsa.ext",
        ],
    );
}

/// `openssl ts -reply` for the request `query` in `dir`: the authority's response into
/// `response`, or its token alone (`-token_out`).
fn reply(dir: &Path, query: &str, response: &str, token_only: bool) {
    let mut args = vec![
        "ts",
        "-reply",
        "-queryfile",
        query,
        "-inkey",
        "tsa.key",
        "-signer",
        "tsa.pem",
        "-config",
        "ts.cnf",
        "-out",
        response,
    ];
    if token_only {
        args.push("-token_out");
    }
    openssl(dir, &args);
}

#[test]
fn a_document_time_stamp_added_after_the_signature_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    tsa(dir.path());
    let original = protocol(&dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    std::fs::copy(&original, &signed).expect("copied");
    sign_with_p12(dir.path(), &signed, "anna", "ordförande");
    let basis = dir.path().join("underlag.bin");
    let output = paragraf(&[
        os("sign"),
        signed.as_os_str(),
        os("--forbered"),
        basis.as_os_str(),
        os("--tidsstampel"),
    ]);
    assert!(output.status.success(), "{}", said(&output));
    openssl(
        dir.path(),
        &[
            "ts",
            "-query",
            "-data",
            "underlag.bin",
            "-sha256",
            "-cert",
            "-no_nonce",
            "-out",
            "q.tsq",
        ],
    );
    reply(dir.path(), "q.tsq", "token.der", true);
    let token = dir.path().join("token.der");
    let output = insert(&signed, &token);
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &signed);
    assert!(
        verdict.contains("underskrift av Anna Andersson som ordförande"),
        "{verdict}"
    );
    assert!(
        verdict.contains("tidsstämpel av Testkommunens tidsstampel"),
        "{verdict}"
    );
    assert!(verdict.contains("i revision 3"), "{verdict}");
    if let Some(report) = signing::pyhanko(&signed, Some(&dir.path().join("ca.pem"))) {
        assert!(signing::pyhanko_finds_only_signing(&report), "{report}");
    }
}

/// `paragraf sign pdf` with `args`.
fn sign_with(pdf: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let mut all = vec![os("sign"), pdf.as_os_str()];
    all.extend_from_slice(args);
    paragraf(&all)
}

#[test]
fn a_signature_time_stamp_makes_it_b_t_and_verify_reports_the_authoritys_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    tsa(dir.path());
    let original = protocol(&dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    std::fs::copy(&original, &signed).expect("copied");
    let request = dir.path().join("begaran.tsq");
    let flag = os("--tidsstampel-begaran");

    // Nothing signed yet: nothing to stamp.
    let output = sign_with(&signed, &[flag, request.as_os_str()]);
    assert!(!output.status.success());
    assert!(
        said(&output).contains("ingen underskrift"),
        "{}",
        said(&output)
    );

    sign_with_p12(dir.path(), &signed, "anna", "ordförande");
    let unstamped = std::fs::read(&signed).expect("signed");
    let output = sign_with(&signed, &[flag, request.as_os_str()]);
    assert!(output.status.success(), "{}", said(&output));
    assert_eq!(std::fs::read(&signed).expect("signed"), unstamped);
    // The request as openssl reads it: SHA-256, a nonce, the authority's certificate asked.
    let text = Command::new("openssl")
        .args(["ts", "-query", "-text", "-in"])
        .arg(&request)
        .output()
        .expect("openssl");
    let text = said(&text);
    assert!(text.contains("Hash Algorithm: sha256"), "{text}");
    assert!(text.contains("Certificate required: yes"), "{text}");
    assert!(!text.contains("Nonce: unspecified"), "{text}");

    // A response to another request is refused, the file left as it was.
    std::fs::write(dir.path().join("annat.bin"), b"annat").expect("written");
    openssl(
        dir.path(),
        &[
            "ts",
            "-query",
            "-data",
            "annat.bin",
            "-sha256",
            "-cert",
            "-out",
            "annan.tsq",
        ],
    );
    reply(dir.path(), "annan.tsq", "annat.tsr", false);
    let other = dir.path().join("annat.tsr");
    let output = sign_with(&signed, &[os("--infoga-tidsstampel"), other.as_os_str()]);
    assert!(!output.status.success());
    assert!(
        said(&output).contains("gäller inte filens sista underskrift"),
        "{}",
        said(&output)
    );
    assert_eq!(std::fs::read(&signed).expect("signed"), unstamped);

    reply(dir.path(), "begaran.tsq", "svar.tsr", false);
    let response = dir.path().join("svar.tsr");
    let output = sign_with(&signed, &[os("--infoga-tidsstampel"), response.as_os_str()]);
    assert!(output.status.success(), "{}", said(&output));
    assert!(
        said(&output).contains("av Testkommunens tidsstampel"),
        "{}",
        said(&output)
    );
    // In place: the same length, only hex digits of the one /Contents changed.
    let stamped = std::fs::read(&signed).expect("stamped");
    assert_eq!(stamped.len(), unstamped.len());
    let changed: Vec<usize> = (0..stamped.len())
        .filter(|&i| stamped[i] != unstamped[i])
        .collect();
    let (first, last) = (changed[0], changed[changed.len() - 1]);
    assert!(stamped[first..=last].iter().all(u8::is_ascii_hexdigit));
    let before_gap = &stamped[..first];
    let at = before_gap
        .windows(9)
        .rposition(|w| w == b"/Contents")
        .expect("/Contents");
    assert!(
        !stamped[at..first].contains(&b'>'),
        "the change is inside one /Contents"
    );
    // Stamped once only.
    let output = sign_with(&signed, &[os("--infoga-tidsstampel"), response.as_os_str()]);
    assert!(!output.status.success());
    assert!(
        said(&output).contains("redan tidsstämplad"),
        "{}",
        said(&output)
    );

    let verdict = verified(dir.path(), &signed);
    assert!(verdict.contains("oförändrad och underskriven"), "{verdict}");
    assert!(
        verdict.contains("underskrift av Anna Andersson som ordförande ("),
        "{verdict}"
    );
    assert!(
        verdict.contains(", tidsstämplad ")
            && verdict.contains(" UTC av Testkommunens tidsstampel)"),
        "{verdict}"
    );
    if let Some(report) = pdfsig(&signed) {
        assert!(report.contains("Signature is Valid."), "{report}");
        assert!(report.contains("Total document signed"), "{report}");
    }
    if let Some(report) = signing::pyhanko(&signed, Some(&dir.path().join("ca.pem"))) {
        assert!(signing::pyhanko_finds_only_signing(&report), "{report}");
        for said in [
            "Signature timestamp token: ",
            "The timestamp token is cryptographically sound.",
            "TSA certificate subject: \"Common Name: Testkommunens tidsstampel\"",
            "The TSA certificate is trusted.",
        ] {
            assert!(report.contains(said), "{report}");
        }
    }

    // The token's time altered (one digit of its genTime): the stamp does not hold.
    let forged = dir
        .path()
        .join("forfalskad")
        .join(signed.file_name().expect("name"));
    std::fs::create_dir(forged.parent().expect("folder")).expect("folder");
    let hex_at = at
        + 9
        + stamped[at + 9..]
            .iter()
            .position(|b| *b == b'<')
            .expect("<")
        + 1;
    let hex_end = hex_at
        + stamped[hex_at..]
            .iter()
            .position(|b| *b == b'>')
            .expect(">");
    let mut der = hex::decode(&stamped[hex_at..hex_end]).expect("hex");
    let time = der
        .windows(17)
        .position(|w| w[0] == 0x18 && w[1] == 15 && w[16] == b'Z')
        .expect("the token's genTime");
    der[time + 15] = if der[time + 15] == b'0' { b'1' } else { b'0' };
    let mut altered = stamped.clone();
    altered[hex_at..hex_end].copy_from_slice(hex::encode_upper(&der).as_bytes());
    std::fs::write(&forged, altered).expect("written");
    let anchor = dir.path().join("ca.pem");
    let output = paragraf(&[
        os("verify"),
        forged.as_os_str(),
        os("--betrodd"),
        anchor.as_os_str(),
    ]);
    assert!(!output.status.success(), "{}", said(&output));
    assert!(
        said(&output).contains("tidsstämpeln: kontrollsumman STÄMMER INTE"),
        "{}",
        said(&output)
    );

    // A later signature keeps the first one's stamp good, and the stamped signature can no
    // longer be stamped: the later one covers its bytes.
    sign_with_p12(dir.path(), &signed, "bertil", "justerare");
    let verdict = verified(dir.path(), &signed);
    assert_eq!(verdict.matches(", tidsstämplad ").count(), 1, "{verdict}");
    let output = sign_with(&signed, &[flag, request.as_os_str()]);
    assert!(
        output.status.success(),
        "Bertil's signature is the last: {}",
        said(&output)
    );
    // Signed again, in another role so that the signature differs even within the same
    // second (RSA PKCS#1 v1.5 and the signed attributes are otherwise the same bytes).
    std::fs::copy(&original, &signed).expect("copied");
    sign_with_p12(dir.path(), &signed, "anna", "sekreterare");
    let output = sign_with(&signed, &[os("--infoga-tidsstampel"), response.as_os_str()]);
    assert!(
        !output.status.success(),
        "a response to another signature's request"
    );
}

#[test]
fn the_time_stamp_not_the_signers_clock_is_compared_with_the_anslag() {
    // Regionstyrelsen's anslag is posted 29 november 2024. A signature whose /M claims
    // the 28th raises nothing; stamped, the authority says it was made today, after.
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(()) = keys(dir.path()) else { return };
    tsa(dir.path());
    let meeting = repo().join("cases/regionstyrelsen/2024-11-26/sammantrade.yaml");
    let original = protocol_of(meeting, &dir.path().join("ut"));
    let signed = dir.path().join(original.file_name().expect("name"));
    let key = paragraf::sign::Key::from_pkcs12(&dir.path().join("anna.p12"), "hemligt")
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = paragraf::sign::sign(
        &std::fs::read(&original).expect("PDF"),
        &signed,
        &key,
        paragraf::sign::Role::Chair,
        "D:20241128150000+01'00'",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&signed, bytes).expect("written");
    let verdict = verified(dir.path(), &signed);
    assert!(!verdict.contains("VARNING"), "{verdict}");
    let request = dir.path().join("begaran.tsq");
    let output = sign_with(&signed, &[os("--tidsstampel-begaran"), request.as_os_str()]);
    assert!(output.status.success(), "{}", said(&output));
    reply(dir.path(), "begaran.tsq", "token.der", true);
    let token = dir.path().join("token.der");
    let output = sign_with(&signed, &[os("--infoga-tidsstampel"), token.as_os_str()]);
    assert!(output.status.success(), "{}", said(&output));
    let verdict = verified(dir.path(), &signed);
    assert!(
        verdict.contains("(2024-11-28 15:00:00 +01:00, tidsstämplad "),
        "{verdict}"
    );
    assert!(
        verdict.contains("VARNING: Anna Andersson som ordförande skrev under "),
        "{verdict}"
    );
}
