//! The CMS SignedData of a PDF signature, verified: its message digest is the digest of the
//! bytes it covers, its signature over the signed attributes holds with the signer
//! certificate's key, and, given trust anchors, the certificate leads to one of them.
//! RustCrypto's `cms` parses and builds CMS but verifies nothing; the checks are made here
//! with its primitives (`rsa`, `p256`, `sha2`). Revocation (CRL, OCSP) is not checked.
//!
//! The attributes PAdES asks of a signature are typed here too, for `sign` to write them.

use std::time::Duration;

use cms::cert::CertificateChoices;
use cms::cert::x509::Certificate;
use cms::cert::x509::attr::Attribute;
use cms::cert::x509::ext::pkix::name::GeneralNames;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString, OctetStringRef, Utf8StringRef};
use der::oid::db::{rfc5911, rfc5912};
use der::{Decode, Encode, Sequence};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::error::{Problem, Result};

/// id-aa-signingCertificateV2 (RFC 5035): the hash of the signer's certificate, signed.
pub const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-aa-ets-signerAttrV2 (ETSI EN 319 122-1): the role the signer claims.
pub const SIGNER_ATTRIBUTES_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.19122.1.1");
/// id-aa-signatureTimeStampToken (RFC 3161 appendix A, PAdES B-T): an unsigned attribute
/// holding a time stamp token over the signer info's signature value, the proof that the
/// signature existed at the token's time.
pub const SIGNATURE_TIME_STAMP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-kp-timeStamping (RFC 3161 2.3): the only purpose a time stamp authority's key has.
const TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
/// id-at-title (X.520, "the designated position or function … within an
/// organization"): the role claimed, as text. (id-at-role would need RoleSyntax, whose
/// name is a GeneralName, no place for "ordförande".)
pub const ROLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");

/// ESSCertIDv2 (RFC 5035): the hash algorithm is left out when it is SHA-256, its default.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// IssuerSerial (RFC 5035).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    pub issuer: GeneralNames,
    pub serial_number: SerialNumber,
}

/// SigningCertificateV2 (RFC 5035), without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
}

/// SignerAttributeV2 (ETSI EN 319 122-1, explicit tags), with claimed attributes only.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SignerAttributeV2 {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub claimed_attributes: Option<Vec<Attribute>>,
}

/// The certificates a signer must lead to for `verify` to call it trusted.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    anchors: Vec<Certificate>,
}

impl Trust {
    /// The certificates of the PEM files `paths` (each may hold several).
    pub fn from_pem_files(paths: &[std::path::PathBuf]) -> Result<Self> {
        let mut anchors = Vec::new();
        for path in paths {
            let text = crate::model::files::read_regular(path, 1 << 20)
                .map_err(|why| Problem::in_file(path, why))?;
            let certificates = Certificate::load_pem_chain(&text)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    Problem::in_file(path, "filen innehåller inget certifikat i PEM-form")
                })?;
            anchors.extend(certificates);
        }
        Ok(Trust { anchors })
    }
}

/// Whether a signer leads to a trust anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trusted {
    /// No trust anchors given: the signer is unknown, neither trusted nor not.
    Unknown,
    /// The chain leads to this anchor (its name).
    By(String),
    /// The chain leads to none of the anchors given.
    Not,
}

/// What a signature's CMS says and whether it holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checked {
    /// The common name of the signer's certificate, else its whole subject.
    pub signer: Option<String>,
    pub role: Option<String>,
    pub signed_at: Option<Duration>,
    /// A document time stamp (RFC 3161), with the time its authority gives.
    pub time_stamp: bool,
    pub time_stamped_at: Option<Duration>,
    pub trusted: Option<Trusted>,
    /// A signature time stamp (B-T) in its unsigned attributes.
    pub signature_stamp: Option<Stamp>,
    /// Every reason it does not hold.
    pub problems: Vec<String>,
}

/// A signature time stamp: its authority (the common name of the token's signer) and
/// the time it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub authority: String,
    pub at: Option<Duration>,
}

/// Check the CMS SignedData `contents` (DER, padded with zeros) over `covered`.
pub(crate) fn check(contents: &[u8], covered: &[&[u8]], trust: &Trust) -> Checked {
    match signed_data(contents) {
        Ok(signed) => check_signed(&signed, covered, trust),
        Err(why) => Checked {
            problems: vec![why],
            ..Checked::default()
        },
    }
}

/// Check the SignedData `signed` over `covered`, and its signature time stamp if it has one.
fn check_signed(signed: &SignedData, covered: &[&[u8]], trust: &Trust) -> Checked {
    let mut checked = Checked::default();
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let [signer] = signed.signer_infos.0.as_slice() else {
        checked
            .problems
            .push("underskriften har inte exakt en undertecknare".into());
        return checked;
    };
    let Some(certificate) = certificates.iter().find(|c| identifies(&signer.sid, c)) else {
        checked
            .problems
            .push("undertecknarens certifikat finns inte i underskriften".into());
        return checked;
    };
    checked.signer = Some(name(certificate));
    let problems = check_signer(signer, certificate, signed, covered, &mut checked);
    checked.problems.extend(problems);
    checked.trusted = Some(chain(certificate, &certificates, trust));
    if !checked.time_stamp
        && let Some(token) = unsigned_attribute(signer, SIGNATURE_TIME_STAMP)
    {
        let stamp = signature_stamp(token, signer.signature.as_bytes(), trust);
        checked.problems.extend(
            stamp
                .problems
                .iter()
                .map(|why| format!("tidsstämpeln: {why}")),
        );
        checked.signature_stamp = Some(Stamp {
            authority: stamp.signer.unwrap_or_else(|| "okänd".into()),
            at: stamp.time_stamped_at,
        });
    }
    checked
}

/// The one value of the unsigned attribute `oid` of `signer`.
fn unsigned_attribute(signer: &SignerInfo, oid: ObjectIdentifier) -> Option<&der::Any> {
    signer
        .unsigned_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == oid)?
        .values
        .iter()
        .next()
}

/// The time stamp token `token` (a ContentInfo) checked over `signature` (the signature
/// value it stamps): a token whose imprint is that value's digest, whose signature holds
/// and whose authority, given trust anchors, leads to one of them.
fn signature_stamp(token: &der::Any, signature: &[u8], trust: &Trust) -> Checked {
    let signed = token
        .to_der()
        .map_err(|e| e.to_string())
        .and_then(|der| signed_data(&der));
    let mut checked = match signed {
        Ok(signed) => check_signed(&signed, &[signature], trust),
        Err(why) => Checked {
            problems: vec![why],
            ..Checked::default()
        },
    };
    if !checked.time_stamp {
        checked
            .problems
            .push("den är ingen tidsstämpel (RFC 3161)".into());
    }
    if checked.trusted == Some(Trusted::Not) {
        checked.problems.push(
            "tidsstämpeltjänstens certifikat leder INTE till något betrott certifikat".into(),
        );
    }
    checked
}

/// The problems of one signer info; fills in its role and signing time.
fn check_signer(
    signer: &SignerInfo,
    certificate: &Certificate,
    signed: &SignedData,
    covered: &[&[u8]],
    checked: &mut Checked,
) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(attributes) = &signer.signed_attrs else {
        return vec!["underskriften saknar signerade attribut".into()];
    };
    let value = |oid| {
        attributes
            .iter()
            .find(|a| a.oid == oid)?
            .values
            .iter()
            .next()
    };
    let Some(hash) = Hash::of_digest(&signer.digest_alg.oid) else {
        return vec!["underskriftens kontrollsummealgoritm är okänd".into()];
    };
    // A signature's digest is that of the bytes it covers; a document time stamp's that
    // of its TSTInfo, whose message imprint is the digest of the bytes.
    let signed_content = match time_stamp(signed) {
        Content::Detached => hash.digest(covered),
        Content::Other => {
            problems.push(
                "underskriften bär sitt innehåll själv i stället för att peka ut filen".into(),
            );
            hash.digest(covered)
        }
        Content::TimeStamp(econtent, info) => {
            checked.time_stamp = true;
            let imprint = &info.message_imprint;
            let holds = Hash::of_digest(&imprint.hash_algorithm.oid)
                .is_some_and(|h| h.digest(covered) == imprint.hashed_message.as_bytes());
            if !holds {
                problems.push("tidsstämpelns avtryck STÄMMER INTE med de byte den täcker".into());
            }
            checked.time_stamped_at = Some(info.gen_time.to_unix_duration());
            if !for_time_stamping(certificate) {
                problems.push(
                    "tidsstämpeltjänstens certifikat är inte utfärdat för tidsstämpling".into(),
                );
            }
            hash.digest(&[&econtent])
        }
    };
    if message_digest(signer).as_deref() != Some(signed_content.as_slice()) {
        problems.push("kontrollsumman STÄMMER INTE med de byte den täcker".into());
    }
    checked.signed_at = value(rfc5911::ID_SIGNING_TIME)
        .and_then(|v| x509_cert::time::Time::from_der(&v.to_der().ok()?).ok())
        .map(|t| t.to_unix_duration());
    checked.role = value(SIGNER_ATTRIBUTES_V2)
        .and_then(|v| v.decode_as::<SignerAttributeV2>().ok())
        .and_then(|a| a.claimed_attributes)
        .and_then(|claimed| {
            claimed
                .into_iter()
                .find(|a| a.oid == ROLE)?
                .values
                .iter()
                .next()?
                .decode_as::<Utf8StringRef<'_>>()
                .ok()
                .map(|s| s.as_str().to_owned())
        });
    if let Some(essential) = value(SIGNING_CERTIFICATE_V2) {
        let names = essential
            .decode_as::<SigningCertificateV2>()
            .ok()
            .and_then(|s| s.certs.into_iter().next())
            .is_some_and(|id| {
                let hash = id
                    .hash_algorithm
                    .map_or(Some(Hash::Sha256), |a| Hash::of_digest(&a.oid));
                certificate
                    .to_der()
                    .ok()
                    .zip(hash)
                    .is_some_and(|(der, hash)| hash.digest(&[&der]) == id.cert_hash.as_bytes())
            });
        if !names {
            problems.push("attributet signing-certificate-v2 pekar inte ut certifikatet".into());
        }
    }
    let verified = attributes
        .to_der()
        .map_err(|e| e.to_string())
        .and_then(|der| {
            verify_signature(
                &certificate.tbs_certificate.subject_public_key_info,
                &signer.signature_algorithm.oid,
                hash,
                &der,
                signer.signature.as_bytes(),
            )
        });
    if let Err(why) = verified {
        problems.push(format!(
            "signaturen STÄMMER INTE med certifikatets nyckel ({why})"
        ));
    }
    if let Some(at) = value(rfc5911::ID_SIGNING_TIME)
        .and_then(|v| x509_cert::time::Time::from_der(&v.to_der().ok()?).ok())
        .map(|t| t.to_unix_duration())
        && !valid_at(certificate, at)
    {
        problems.push("certifikatet var inte giltigt när underskriften gjordes".into());
    }
    problems
}

/// Whether `certificate` is a time stamp authority's: its extended key usage is time
/// stamping (RFC 3161 requires it, critical, and only it).
fn for_time_stamping(certificate: &Certificate) -> bool {
    certificate
        .tbs_certificate
        .get::<x509_cert::ext::pkix::ExtendedKeyUsage>()
        .ok()
        .flatten()
        .is_some_and(|(_, usage)| usage.0.contains(&TIME_STAMPING))
}

/// The messageDigest attribute of a signer info.
fn message_digest(signer: &SignerInfo) -> Option<Vec<u8>> {
    let attribute = signer
        .signed_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == rfc5911::ID_MESSAGE_DIGEST)?;
    let value = attribute.values.iter().next()?;
    Some(
        value
            .decode_as::<OctetStringRef<'_>>()
            .ok()?
            .as_bytes()
            .to_vec(),
    )
}

/// Whether the CMS SignedData `cms` is over the bytes whose SHA-256 is `digest`: a
/// signature's message digest, a time stamp token's message imprint (a signature or token
/// made elsewhere, checked before it is put into the file).
pub fn digest_matches(cms: &[u8], digest: &[u8]) -> bool {
    signed_data(cms).is_ok_and(|signed| match time_stamp(&signed) {
        Content::TimeStamp(_, info) => info.message_imprint.hashed_message.as_bytes() == digest,
        Content::Detached => {
            matches!(signed.signer_infos.0.as_slice(), [signer] if message_digest(signer).as_deref() == Some(digest))
        }
        Content::Other => false,
    })
}

/// What a SignedData signs besides its attributes.
enum Content {
    /// The bytes outside it (a PDF signature).
    Detached,
    /// A TSTInfo it carries (a time stamp token), its DER and what it says.
    TimeStamp(Vec<u8>, Box<x509_tsp::TstInfo>),
    /// Something else it carries.
    Other,
}

/// What `signed` signs.
fn time_stamp(signed: &SignedData) -> Content {
    const TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
    let info = &signed.encap_content_info;
    match (&info.econtent, info.econtent_type) {
        (None, _) => Content::Detached,
        (Some(content), TST_INFO) => {
            let bytes = content
                .decode_as::<OctetStringRef<'_>>()
                .map(|o| o.as_bytes().to_vec());
            match bytes.map(|b| (x509_tsp::TstInfo::from_der(&b), b)) {
                Ok((Ok(tst), bytes)) => Content::TimeStamp(bytes, Box::new(tst)),
                _ => Content::Other,
            }
        }
        (Some(_), _) => Content::Other,
    }
}

/// The SignedData of a signature's /Contents.
pub(crate) fn signed_data(contents: &[u8]) -> std::result::Result<SignedData, String> {
    let mut reader = der::SliceReader::new(contents).map_err(|e| e.to_string())?;
    let info = ContentInfo::decode(&mut reader)
        .map_err(|e| format!("underskriften är ingen CMS ({e})"))?;
    if info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err("underskriften är ingen CMS SignedData".into());
    }
    info.content
        .decode_as()
        .map_err(|e| format!("underskriftens SignedData går inte att läsa ({e})"))
}

/// Whether `certificate` is the one a signer info names.
fn identifies(sid: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = &certificate.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(key) => tbs
            .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .is_some_and(|(_, own)| own == *key),
    }
}

/// The common name of a certificate's subject, else the whole subject.
pub fn name(certificate: &Certificate) -> String {
    let subject = &certificate.tbs_certificate.subject;
    subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|a| a.oid == COMMON_NAME)
        .and_then(|a| {
            a.value
                .decode_as::<Utf8StringRef<'_>>()
                .map(|s| s.as_str().to_owned())
                .or_else(|_| {
                    a.value
                        .decode_as::<der::asn1::PrintableStringRef<'_>>()
                        .map(|s| s.as_str().to_owned())
                })
                .ok()
        })
        .unwrap_or_else(|| subject.to_string())
}

/// Whether `certificate` was valid at `at` (since the Unix epoch).
fn valid_at(certificate: &Certificate, at: Duration) -> bool {
    let validity = &certificate.tbs_certificate.validity;
    validity.not_before.to_unix_duration() <= at && at <= validity.not_after.to_unix_duration()
}

/// Whether `certificate` leads to one of the trust anchors through `pool`, each link's
/// signature checked.
fn chain(certificate: &Certificate, pool: &[Certificate], trust: &Trust) -> Trusted {
    if trust.anchors.is_empty() {
        return Trusted::Unknown;
    }
    let mut current = certificate.clone();
    for _ in 0..8 {
        if trust.anchors.contains(&current) {
            return Trusted::By(name(&current));
        }
        let issued_by = |issuer: &&Certificate| {
            issuer.tbs_certificate.subject == current.tbs_certificate.issuer
                && **issuer != current
                && signed_by(&current, issuer)
        };
        if let Some(anchor) = trust.anchors.iter().find(issued_by) {
            return Trusted::By(name(anchor));
        }
        match pool.iter().find(issued_by) {
            Some(next) => current = next.clone(),
            None => return Trusted::Not,
        }
    }
    Trusted::Not
}

/// Whether `issuer`'s key made `certificate`'s signature.
fn signed_by(certificate: &Certificate, issuer: &Certificate) -> bool {
    let algorithm = &certificate.signature_algorithm.oid;
    let Some(hash) = Hash::of_signature(algorithm) else {
        return false;
    };
    certificate.tbs_certificate.to_der().is_ok_and(|tbs| {
        verify_signature(
            &issuer.tbs_certificate.subject_public_key_info,
            algorithm,
            hash,
            &tbs,
            certificate.signature.raw_bytes(),
        )
        .is_ok()
    })
}

/// The digests CMS signatures use here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The digest algorithm an OID names.
    pub fn of_digest(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            rfc5912::ID_SHA_256 => Some(Hash::Sha256),
            rfc5912::ID_SHA_384 => Some(Hash::Sha384),
            rfc5912::ID_SHA_512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The digest a signature algorithm's OID includes.
    fn of_signature(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            rfc5912::SHA_256_WITH_RSA_ENCRYPTION | ECDSA_SHA256 => Some(Hash::Sha256),
            rfc5912::SHA_384_WITH_RSA_ENCRYPTION | ECDSA_SHA384 => Some(Hash::Sha384),
            rfc5912::SHA_512_WITH_RSA_ENCRYPTION => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The digest of `parts` one after another.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn hash<D: sha2::Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut digest = D::new();
            for part in parts {
                digest.update(part);
            }
            digest.finalize().to_vec()
        }
        match self {
            Hash::Sha256 => hash::<sha2::Sha256>(parts),
            Hash::Sha384 => hash::<sha2::Sha384>(parts),
            Hash::Sha512 => hash::<sha2::Sha512>(parts),
        }
    }
}

/// Check `signature` over `message` (hashed with `hash`) with the key of `key`: RSA
/// PKCS#1 v1.5 or ECDSA on P-256.
fn verify_signature(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &ObjectIdentifier,
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> std::result::Result<(), String> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use rsa::pkcs8::DecodePublicKey;
    let der = key.to_der().map_err(|e| e.to_string())?;
    let hashed = hash.digest(&[message]);
    let rsa_algorithm = matches!(
        *algorithm,
        RSA | rfc5912::SHA_256_WITH_RSA_ENCRYPTION
            | rfc5912::SHA_384_WITH_RSA_ENCRYPTION
            | rfc5912::SHA_512_WITH_RSA_ENCRYPTION
    );
    if rsa_algorithm {
        let key = rsa::RsaPublicKey::from_public_key_der(&der).map_err(|e| e.to_string())?;
        let scheme = match hash {
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<sha2_oid::Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<sha2_oid::Sha384>(),
            Hash::Sha512 => rsa::Pkcs1v15Sign::new::<sha2_oid::Sha512>(),
        };
        key.verify(scheme, &hashed, signature)
            .map_err(|e| e.to_string())
    } else if matches!(*algorithm, ECDSA_SHA256 | ECDSA_SHA384)
        || *algorithm == rfc5912::ID_EC_PUBLIC_KEY
    {
        let key =
            p256::ecdsa::VerifyingKey::from_public_key_der(&der).map_err(|e| e.to_string())?;
        let signature = p256::ecdsa::Signature::from_der(signature).map_err(|e| e.to_string())?;
        key.verify_prehash(&hashed, &signature)
            .map_err(|e| e.to_string())
    } else {
        Err(format!("okänd signaturalgoritm {algorithm}"))
    }
}
