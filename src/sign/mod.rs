//! `paragraf sign`: a PAdES baseline signature (B-B) appended to a PDF as an incremental
//! update, so that every byte before it, paragraf's revision and earlier signatures,
//! stays as it was. The signature is a detached CMS SignedData (`/SubFilter
//! /ETSI.CAdES.detached`) over the whole file but its own /Contents, with the signing
//! time, the signing-certificate-v2 attribute and the role the signer signs in.
//!
//! The signature field is an invisible widget of zero size on the first page: nothing is
//! drawn, so the file stays PDF/A-3a (an annotation of no area needs no appearance) and
//! PDF/UA-1 (nothing to tag) without touching its structure tree, and `verify` can tell
//! that nothing but a signature was added.
//!
//! A signing service (BankID, SITHS) signs elsewhere: [`prepare`] writes the update with
//! an empty /Contents and gives the bytes to sign; [`Prepared::insert`] puts the CMS that
//! came back into it.

mod key;
mod stamp;

use std::path::Path;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder, create_signing_time_attribute};
use cms::cert::x509::attr::Attribute;
use cms::cert::x509::ext::pkix::name::GeneralName;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::Encode;
use der::asn1::{Any, OctetString, SetOfVec, Utf8StringRef};
use der::oid::db::{rfc5911, rfc5912};
use lopdf::{Object, StringFormat, dictionary};
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::error::{Problem, Result};
use crate::verify::cms::{
    EssCertIdV2, Hash, IssuerSerial, ROLE, SIGNER_ATTRIBUTES_V2, SIGNING_CERTIFICATE_V2,
    SignerAttributeV2, SigningCertificateV2,
};

pub use key::{Algorithm, Key, SignBytes, Token};
pub use stamp::{LastSignature, Stamped};

/// Room for the CMS in /Contents: a chain of three RSA-4096 certificates with room over.
const PLACEHOLDER_BYTES: usize = 24_576;

/// The role a signer signs the protocol in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Chair,
    Adjuster,
    Secretary,
}

impl Role {
    /// The role as the protocol names it.
    pub fn swedish(self) -> &'static str {
        match self {
            Role::Chair => "ordförande",
            Role::Adjuster => "justerare",
            Role::Secretary => "sekreterare",
        }
    }
}

/// A PDF with a signature's update appended whose /Contents is still empty.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub bytes: Vec<u8>,
    /// Where /Contents stands: from its `<` to after its `>`.
    gap: (usize, usize),
}

impl Prepared {
    /// Exactly the bytes the signature covers: all but /Contents.
    pub fn to_be_signed(&self) -> Vec<u8> {
        [&self.bytes[..self.gap.0], &self.bytes[self.gap.1..]].concat()
    }

    /// Their SHA-256, the message digest the CMS must carry.
    pub fn digest(&self) -> Vec<u8> {
        Hash::Sha256.digest(&[&self.bytes[..self.gap.0], &self.bytes[self.gap.1..]])
    }

    /// The prepared file `bytes` (read from `path`) made by [`prepare`], found again: its
    /// last revision's signature with an empty /Contents.
    pub fn read(bytes: Vec<u8>, path: &Path) -> Result<Self> {
        let refused = || {
            Problem::in_file(
                path,
                "filen är inte förberedd för underskrift (ingen tom underskrift sist i filen)",
            )
        };
        let document = lopdf::Document::load_mem(&bytes).map_err(|_| refused())?;
        let (_, gap) = covering_the_file(&document, &bytes)
            .find(|(d, _)| {
                d.get(b"Contents")
                    .and_then(Object::as_str)
                    .is_ok_and(|c| c.iter().all(|b| *b == 0))
            })
            .ok_or_else(refused)?;
        let prepared = Prepared { bytes, gap };
        if prepared.placeholder().is_none() {
            return Err(refused().into());
        }
        Ok(prepared)
    }

    /// The hex digits between `<` and `>`, if the gap is a hex string of zeros.
    fn placeholder(&self) -> Option<std::ops::Range<usize>> {
        let (start, end) = self.gap;
        let inner = start + 1..end.checked_sub(1)?;
        (self.bytes.get(start) == Some(&b'<')
            && self.bytes.get(end - 1) == Some(&b'>')
            && self.bytes.get(inner.clone())?.iter().all(|b| *b == b'0'))
        .then_some(inner)
    }

    /// The file with `cms` (DER) in its /Contents. Refused if the CMS does not fit or its
    /// message digest is not that of the bytes to be signed.
    pub fn insert(mut self, cms: &[u8], path: &Path) -> Result<Vec<u8>> {
        let place = self
            .placeholder()
            .ok_or_else(|| Problem::in_file(path, "filens underskrift är redan ifylld"))?;
        if 2 * cms.len() > place.len() {
            return Err(Problem::in_file(
                path,
                format!(
                    "underskriften är {} byte, det finns plats för {}",
                    cms.len(),
                    place.len() / 2
                ),
            )
            .into());
        }
        if !crate::verify::cms::digest_matches(cms, &self.digest()) {
            return Err(Problem::in_file(
                path,
                "underskriftens kontrollsumma är inte den för den förberedda filen; den har \
                 gjorts över andra byte",
            )
            .into());
        }
        let hex = hex::encode_upper(cms);
        self.bytes[place.start..place.start + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// The signature dictionaries of `document` (read from `bytes`) whose /ByteRange runs
/// from the start of the file to its end, each with its gap (/Contents, from its `<` to
/// after its `>`): the signature of the last revision, which nothing after it covers.
fn covering_the_file<'a>(
    document: &'a lopdf::Document,
    bytes: &[u8],
) -> impl Iterator<Item = (&'a lopdf::Dictionary, (usize, usize))> + use<'a> {
    let ends = [bytes.len(), bytes.trim_ascii_end().len()];
    document
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(move |d| {
            let numbers: Vec<usize> = d
                .get(b"ByteRange")
                .and_then(Object::as_array)
                .ok()?
                .iter()
                .filter_map(|n| usize::try_from(n.as_i64().ok()?).ok())
                .collect();
            match numbers.as_slice() {
                [0, start, end, length] if ends.contains(&(end + length)) && start < end => {
                    Some((d, (*start, *end)))
                }
                _ => None,
            }
        })
}

/// What an update is prepared for.
#[derive(Debug, Clone, Copy)]
pub enum Signing<'a> {
    /// A person's signature: their name (if known), role and the time (a PDF date).
    Signature {
        name: Option<&'a str>,
        role: Role,
        time: &'a str,
    },
    /// A document time stamp (RFC 3161, PAdES B-LTA) from a time stamp authority.
    TimeStamp,
}

/// `original` (read from `path`) with an update appended whose /Contents is empty: a
/// signature dictionary for `signing`, its field an invisible widget on the first page.
pub fn prepare(original: &[u8], path: &Path, signing: Signing) -> Result<Prepared> {
    let broken =
        |e: lopdf::Error| Problem::in_file(path, format!("PDF-filen går inte att läsa: {e}"));
    let mut update = lopdf::IncrementalDocument::load_from(original).map_err(broken)?;
    let previous = update.get_prev_documents();
    if previous.trailer.has(b"Encrypt") {
        return Err(Problem::in_file(path, "PDF-filen är krypterad").into());
    }
    let catalog = previous
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(broken)?;
    let page = *previous
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| Problem::in_file(path, "PDF-filen har ingen sida"))?;
    let page_dict = previous.get_dictionary(page).map_err(broken)?;
    // Where the page's and the form's lists stand: in the object, or an object of their own.
    let annotations_object = page_dict.get(b"Annots").and_then(Object::as_reference).ok();
    let annotations = page_dict
        .get_deref(b"Annots", previous)
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let catalog_dict = previous.get_dictionary(catalog).map_err(broken)?;
    let form_object = catalog_dict
        .get(b"AcroForm")
        .and_then(Object::as_reference)
        .ok();
    let form = catalog_dict
        .get_deref(b"AcroForm", previous)
        .and_then(Object::as_dict)
        .cloned()
        .unwrap_or_default();
    let mut fields = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let document = &mut update.new_document;
    let mut signature = dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![0.into(), 1_000_000_000.into(), 1_000_000_000.into(), 1_000_000_000.into()],
        "Contents" => Object::String(vec![0; PLACEHOLDER_BYTES], StringFormat::Hexadecimal),
    };
    match signing {
        Signing::Signature { name, role, time } => {
            signature.set("Reason", lopdf::text_string(role.swedish()));
            signature.set("M", Object::string_literal(time));
            if let Some(name) = name {
                signature.set("Name", lopdf::text_string(name));
            }
        }
        Signing::TimeStamp => {
            signature.set("Type", "DocTimeStamp");
            signature.set("SubFilter", "ETSI.RFC3161");
        }
    }
    let signature = document.add_object(signature);
    let field = document.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal(format!("Justering {}", fields.len() + 1)),
        "V" => signature,
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        // Print and Locked: PDF/A asks that an annotation print.
        "F" => 132,
        "P" => page,
    });
    fields.push(field.into());
    let mut form = form;
    form.set("Fields", fields);
    form.set("SigFlags", 3);
    match form_object {
        Some(id) => {
            update.new_document.set_object(id, form);
        }
        None => {
            update
                .opt_clone_object_to_new_document(catalog)
                .map_err(broken)?;
            update
                .new_document
                .get_dictionary_mut(catalog)
                .map_err(broken)?
                .set("AcroForm", form);
        }
    }
    let mut annotations = annotations;
    annotations.push(field.into());
    match annotations_object {
        Some(id) => {
            update.new_document.set_object(id, annotations);
        }
        None => {
            update
                .opt_clone_object_to_new_document(page)
                .map_err(broken)?;
            update
                .new_document
                .get_dictionary_mut(page)
                .map_err(broken)?
                .set("Annots", annotations);
        }
    }
    let mut bytes = Vec::new();
    update
        .save_to(&mut bytes)
        .map_err(|e| broken(lopdf::Error::IO(e)))?;
    // The byte ranges: everything but the hex string of /Contents.
    let zeros = vec![b'0'; 2 * PLACEHOLDER_BYTES];
    let appended = &bytes[original.len()..];
    let lt = appended
        .windows(zeros.len())
        .position(|w| w == zeros.as_slice())
        .map(|p| original.len() + p - 1)
        .ok_or_else(|| {
            Problem::in_file(path, "underskriftens plats hittas inte i uppdateringen")
        })?;
    let gap = (lt, lt + 2 * PLACEHOLDER_BYTES + 2);
    let placeholder = b"0 1000000000 1000000000 1000000000";
    let at = appended
        .windows(placeholder.len())
        .position(|w| w == placeholder)
        .map(|p| original.len() + p)
        .ok_or_else(|| Problem::in_file(path, "underskriftens /ByteRange hittas inte"))?;
    let ranges = format!("0 {:010} {:010} {:010}", gap.0, gap.1, bytes.len() - gap.1);
    bytes[at..at + placeholder.len()].copy_from_slice(ranges.as_bytes());
    let prepared = Prepared { bytes, gap };
    prepared
        .placeholder()
        .ok_or_else(|| Problem::in_file(path, "underskriftens plats är inte en tom /Contents"))?;
    Ok(prepared)
}

/// A detached CMS SignedData by `key` over the message digest `digest` (SHA-256), with
/// the signing time, signing-certificate-v2 and the claimed `role`.
pub fn cms(digest: &[u8], key: &Key, role: Role) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| {
        crate::error::Error::from(Problem::in_file(
            Path::new("underskrift"),
            format!("underskriften kunde inte göras: {e}"),
        ))
    };
    let certificate = &key.certificate;
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
    let essential = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(
                Hash::Sha256.digest(&[&certificate.to_der().map_err(|e| failed(&e))?]),
            )
            .map_err(|e| failed(&e))?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    certificate.tbs_certificate.issuer.clone(),
                )],
                serial_number: certificate.tbs_certificate.serial_number.clone(),
            }),
        }],
    };
    let claimed = SignerAttributeV2 {
        claimed_attributes: Some(vec![
            attribute(
                ROLE,
                &Utf8StringRef::new(role.swedish()).map_err(|e| failed(&e))?,
            )
            .map_err(|e| failed(&e))?,
        ]),
    };
    let mut signer = SignerInfoBuilder::new(key, signer_id, sha256.clone(), &content, Some(digest))
        .map_err(|e| failed(&e))?;
    for attribute in [
        create_signing_time_attribute().map_err(|e| failed(&e)),
        attribute(SIGNING_CERTIFICATE_V2, &essential).map_err(|e| failed(&e)),
        attribute(SIGNER_ATTRIBUTES_V2, &claimed).map_err(|e| failed(&e)),
    ] {
        signer
            .add_signed_attribute(attribute?)
            .map_err(|e| failed(&e))?;
    }
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(sha256)
        .map_err(|e| failed(&e))?;
    for certificate in std::iter::once(certificate).chain(&key.chain) {
        builder
            .add_certificate(CertificateChoices::Certificate(certificate.clone()))
            .map_err(|e| failed(&e))?;
    }
    builder
        .add_signer_info::<Key, key::RawSignature>(signer)
        .map_err(|e| failed(&e))?
        .build()
        .map_err(|e| failed(&e))?
        .to_der()
        .map_err(|e| failed(&e))
}

/// An attribute of one value.
fn attribute(
    oid: der::oid::ObjectIdentifier,
    value: &(impl der::EncodeValue + der::Tagged),
) -> der::Result<Attribute> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![Any::encode_from(value)?])?,
    })
}

/// `original` (read from `path`) signed by `key` in `role` at `time` (a PDF date).
pub fn sign(original: &[u8], path: &Path, key: &Key, role: Role, time: &str) -> Result<Vec<u8>> {
    let name = crate::verify::cms::name(&key.certificate);
    let signing = Signing::Signature {
        name: Some(&name),
        role,
        time,
    };
    let prepared = prepare(original, path, signing)?;
    let cms = cms(&prepared.digest(), key, role)?;
    prepared.insert(&cms, path)
}
