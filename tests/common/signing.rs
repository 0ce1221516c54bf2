//! Throw-away keys and certificates for the signing tests, made in memory: a test CA
//! (ECDSA P-256) and signers it certifies, as a municipality's CA would; and the
//! external verdicts (pyHanko, pdfsig) the tests compare with.
#![allow(dead_code)] // each test binary uses its own subset

use std::str::FromStr;
use std::time::Duration;

use p256::ecdsa::{DerSignature, SigningKey};
use paragraf::sign::{Algorithm, Key, Role};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::EncodePem;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

/// A CA: its key and self-signed certificate. `seed` tells CAs apart.
pub struct Ca {
    pub key: SigningKey,
    pub certificate: Certificate,
}

fn secret(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32].into()).expect("key")
}

impl Ca {
    pub fn new(seed: u8, name: &str) -> Self {
        let key = secret(seed);
        let public = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
        let certificate = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::from(1u32),
            Validity::from_now(Duration::from_secs(24 * 3600)).expect("validity"),
            Name::from_str(&format!("CN={name},O=Testkommunen")).expect("name"),
            public,
            &key,
        )
        .expect("builder")
        .build::<DerSignature>()
        .expect("CA certificate");
        Ca { key, certificate }
    }

    /// The CA's certificate as PEM, for `verify --betrodd`.
    pub fn pem(&self) -> String {
        self.certificate
            .to_pem(x509_cert::der::pem::LineEnding::LF)
            .expect("PEM")
    }

    /// A signer named `name` certified by this CA, its key made from `seed`.
    pub fn signer(&self, seed: u8, name: &str) -> Key {
        let key = secret(seed);
        let public = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
        let certificate = CertificateBuilder::new(
            Profile::Leaf {
                issuer: self.certificate.tbs_certificate.subject.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            SerialNumber::from(u32::from(seed) + 100),
            Validity::from_now(Duration::from_secs(24 * 3600)).expect("validity"),
            Name::from_str(&format!("CN={name},O=Testkommunen")).expect("name"),
            public,
            &self.key,
        )
        .expect("builder")
        .build::<DerSignature>()
        .expect("certificate");
        Key::new(
            certificate,
            vec![self.certificate.clone()],
            Algorithm::EcdsaSha256,
            Box::new(move |bytes| {
                use p256::ecdsa::signature::Signer;
                let signature: DerSignature = key.try_sign(bytes).map_err(|e| e.to_string())?;
                Ok(signature.as_bytes().to_vec())
            }),
        )
    }
}

/// `pdf` signed by `key` in `role`, as `paragraf sign` does.
pub fn signed(pdf: &[u8], key: &Key, role: Role) -> Vec<u8> {
    signed_at(pdf, key, role, "D:20241001120000+02'00'")
}

/// `pdf` signed by `key` in `role` at `time` (a PDF date).
pub fn signed_at(pdf: &[u8], key: &Key, role: Role, time: &str) -> Vec<u8> {
    paragraf::sign::sign(pdf, std::path::Path::new("test.pdf"), key, role, time)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// An external program a test asks for a verdict: `PARAGRAF_<NAME>` or `name` on the
/// path. Missing, it fails the test under CI (where `.ci/run` installs it) and is
/// skipped with a word elsewhere.
pub fn oracle(name: &str) -> Option<std::path::PathBuf> {
    let variable = format!("PARAGRAF_{}", name.to_uppercase());
    let found = std::env::var_os(&variable)
        .map(std::path::PathBuf::from)
        .or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .map(|folder| folder.join(name))
                .find(|candidate| candidate.is_file())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {name} is missing ({variable} unset): .ci/run installs it"
        );
        eprintln!("{name} not found ({variable} unset): its verdict is not asked here");
    }
    found
}

/// pyHanko's report on every signature of `pdf` (diff analysis included), trusting
/// `anchor` if given; None when pyHanko is not installed.
pub fn pyhanko(pdf: &std::path::Path, anchor: Option<&std::path::Path>) -> Option<String> {
    let program = oracle("pyhanko")?;
    let mut command = std::process::Command::new(program);
    command.args([
        "sign",
        "validate",
        "--pretty-print",
        "--no-revocation-check",
    ]);
    if let Some(anchor) = anchor {
        command.arg("--trust-replace").arg("--trust").arg(anchor);
    }
    let output = command.arg(pdf).output().expect("pyhanko runs");
    Some(
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

/// Whether pyHanko's difference analysis finds nothing but signing after each signature:
/// every signature intact, each covering the file or followed only by what signing adds.
pub fn pyhanko_finds_only_signing(report: &str) -> bool {
    let signatures = report.matches("\nSigner info").count();
    let sound = report
        .matches("The signature is cryptographically sound.")
        .count();
    let whole = report
        .matches("The signature covers the entire file.")
        .count();
    // "… to signing and form filling", or "… to signature maintenance" (a time stamp).
    let signing = report.matches("All modifications relate to").count();
    signatures > 0 && sound == signatures && whole + signing == signatures
}
