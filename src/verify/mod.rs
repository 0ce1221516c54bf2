//! `paragraf verify`: is a PDF still exactly the document the YAML attached to it makes?
//! Beside the pipeline, like [`crate::extract`]: the sources are taken out of the PDF, built
//! again in a temporary folder with the default standard (PDF/A-3a + UA-1), and the PDF's
//! own revision is compared byte for byte with what they give.
//!
//! paragraf writes a PDF in one revision, ending at its first `%%EOF`. A signing service
//! appends its signature after that as an incremental update. Each signature found there
//! is read: its signer, its signing time, the byte ranges it covers and whether the message
//! digest in its CMS SignedData is the digest of those bytes. Whether the signer's
//! certificate is to be trusted is not judged here. Anything else appended (an object
//! that is no part of a signature) makes the file changed.

use std::path::Path;

use cms::cert::CertificateChoices;
use cms::cert::x509::der::asn1::OctetStringRef;
use cms::cert::x509::der::oid::db::{rfc5911, rfc5912};
use cms::cert::x509::der::{Decode, Encode, SliceReader};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use lopdf::{Dictionary, Document, Object};
use sha2::Digest;

use crate::error::{Problem, Result};
use crate::plan::BuildOptions;
use crate::{extract, write};

/// What `verify` found in one PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Byte for byte what its attached sources make.
    Unchanged,
    /// paragraf's revision is what its sources make, and only signatures were appended,
    /// each with a message digest that matches the bytes it covers, the last covering the
    /// whole file.
    Signed(Vec<Signature>),
    /// paragraf's revision is what its sources make, but what was appended after it is not
    /// only signatures that hold: each reason said.
    Appended {
        signatures: Vec<Signature>,
        problems: Vec<String>,
    },
    /// Not what its sources make, with why.
    Changed(String),
    /// Nothing to compare with: no sources attached (a web copy, a PDF not made by
    /// paragraf) or sources that do not build.
    Unverifiable(String),
}

/// A signature appended after paragraf's revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The signature dictionary's /Name, else the subject of the certificate.
    pub signer: String,
    /// The signature dictionary's /M, else the CMS signing time.
    pub signed_at: Option<String>,
    /// The byte ranges it covers, as (start, length).
    pub ranges: Vec<(usize, usize)>,
    /// Whether the CMS message digest is the digest of those bytes.
    pub digest_matches: bool,
    /// Whether the ranges cover the file from its start to its end, but the signature.
    pub to_end: bool,
}

impl Signature {
    fn message(&self) -> String {
        let ranges: Vec<String> = self
            .ranges
            .iter()
            .map(|(start, length)| format!("{start}–{}", start + length))
            .collect();
        format!(
            "underskrift av {}{}, täcker byte {}, kontrollsumman {}",
            self.signer,
            self.signed_at
                .as_ref()
                .map_or_else(String::new, |t| format!(" ({t})")),
            ranges.join(" och "),
            if self.digest_matches {
                "stämmer"
            } else {
                "STÄMMER INTE"
            }
        )
    }
}

impl Finding {
    /// Whether the file is what paragraf made, or that signed and nothing else.
    pub fn holds(&self) -> bool {
        matches!(self, Finding::Unchanged | Finding::Signed(_))
    }

    /// The finding in Swedish, for the registrar.
    pub fn message(&self) -> String {
        let signed = |signatures: &[Signature]| {
            signatures
                .iter()
                .map(|s| format!("; {}", s.message()))
                .collect::<String>()
        };
        match self {
            Finding::Unchanged => "oförändrad: exakt den PDF som de bifogade källorna ger".into(),
            Finding::Signed(signatures) => format!(
                "oförändrad och underskriven: paragrafs revision är exakt den som källorna \
                 ger{} (certifikatets giltighet bedöms inte här)",
                signed(signatures)
            ),
            Finding::Appended {
                signatures,
                problems,
            } => format!(
                "paragrafs revision är oförändrad, men det som lagts till efter den håller inte: \
                 {}{}",
                problems.join("; "),
                signed(signatures)
            ),
            Finding::Changed(why) => format!("ÄNDRAD: {why}"),
            Finding::Unverifiable(why) => format!("kan inte kontrolleras: {why}"),
        }
    }
}

/// Verify the PDF at `pdf`. Err only when the file cannot be read as a PDF at all.
pub fn verify(pdf: &Path) -> Result<Finding> {
    let bytes = extract::read_pdf(pdf)?;
    let end = first_revision_end(&bytes)
        .ok_or_else(|| Problem::in_file(pdf, "filen är ingen PDF (inget %%EOF)"))?;
    let (own, appended) = bytes.split_at(end);
    let sources = match extract::files_in(own, pdf) {
        Ok(files) => files,
        Err(e) => {
            let why = e
                .problems
                .first()
                .map_or_else(String::new, |p| p.message.clone());
            return Ok(Finding::Unverifiable(why));
        }
    };
    // A new folder of its own (not a name another process could have made first),
    // removed when verification ends.
    let folder = tempfile::Builder::new()
        .prefix("paragraf-verify-")
        .tempdir()
        .map_err(|e| {
            Problem::in_file(&std::env::temp_dir(), crate::model::files::io_message(&e))
        })?;
    let (source_dir, out_dir) = (folder.path().join("kallor"), folder.path().join("ut"));
    write::write_all(&source_dir, &sources)?;
    if let Err(e) = crate::output::pdf::build(
        std::slice::from_ref(&source_dir),
        &out_dir,
        &BuildOptions::default(),
    ) {
        let why = e
            .problems
            .first()
            .map_or_else(String::new, |p| p.message.clone());
        return Ok(Finding::Unverifiable(format!(
            "de bifogade källorna bygger inte: {why}"
        )));
    }
    let same = std::fs::read_dir(&out_dir)
        .map_err(|e| Problem::in_file(&out_dir, crate::model::files::io_message(&e)))?
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "pdf"))
        .any(|entry| std::fs::read(entry.path()).is_ok_and(|made| trimmed(&made) == own));
    let appended = appended.iter().filter(|b| !b.is_ascii_whitespace()).count();
    Ok(match (same, appended) {
        (false, _) => Finding::Changed(
            "innehållet är inte det som de bifogade källorna ger (en byte, en sida eller en \
             bifogad fil har ändrats, eller PDF:en gjordes med andra mallar eller en annan \
             PDF-standard)"
                .into(),
        ),
        (true, 0) => Finding::Unchanged,
        (true, _) => {
            let (signatures, problems) = appended_updates(own, &bytes);
            if problems.is_empty() {
                Finding::Signed(signatures)
            } else {
                Finding::Appended {
                    signatures,
                    problems,
                }
            }
        }
    })
}

/// The signatures in what was appended to `own` to make `all`, and every reason what was
/// appended is not only signatures that hold.
fn appended_updates(own: &[u8], all: &[u8]) -> (Vec<Signature>, Vec<String>) {
    let (Ok(before), Ok(after)) = (Document::load_mem(own), Document::load_mem(all)) else {
        return (
            Vec::new(),
            vec!["tillägget går inte att läsa som PDF".into()],
        );
    };
    let mut signatures = Vec::new();
    let mut problems = Vec::new();
    for (id, object) in &after.objects {
        let earlier = before.objects.get(id);
        if earlier == Some(object) {
            continue;
        }
        match part(object, earlier) {
            Part::Signature(dict) => signatures.push(signature(dict, all)),
            Part::Signing => {}
            Part::Other => problems.push(format!(
                "objekt {} {} har {} utan att höra till en underskrift",
                id.0,
                id.1,
                if earlier.is_some() {
                    "ändrats"
                } else {
                    "lagts till"
                }
            )),
        }
    }
    signatures.sort_by_key(|s| s.ranges.last().map(|(start, length)| start + length));
    if signatures.is_empty() {
        problems.push("ingen underskrift finns i det som lagts till".into());
    }
    for s in &signatures {
        if !s.digest_matches {
            problems.push(format!(
                "kontrollsumman i underskriften av {} stämmer inte med de byte den täcker",
                s.signer
            ));
        }
        if s.ranges
            .first()
            .is_none_or(|&(start, length)| start != 0 || length < own.len())
        {
            problems.push(format!(
                "underskriften av {} täcker inte paragrafs revision",
                s.signer
            ));
        }
    }
    if !signatures.last().is_some_and(|s| s.to_end) {
        problems.push("något har lagts till efter den sista underskriften".into());
    }
    (signatures, problems)
}

/// What an appended or changed object is to a signature.
enum Part<'a> {
    /// The signature dictionary itself.
    Signature(&'a Dictionary),
    /// What signing adds around it: the field and its widget (with its appearance), the
    /// AcroForm, the catalog and page gaining them, cross-reference streams, a DSS.
    Signing,
    Other,
}

fn part<'a>(object: &'a Object, earlier: Option<&Object>) -> Part<'a> {
    let is = |dict: &Dictionary, key: &[u8], value: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|name| name == value)
    };
    // Equal once the keys signing may add are left out.
    let same_but = |dict: &Dictionary, keys: &[&[u8]]| {
        earlier.and_then(|o| o.as_dict().ok()).is_some_and(|old| {
            let strip = |d: &Dictionary| {
                let mut d = d.clone();
                for key in keys {
                    d.remove(key);
                }
                d
            };
            strip(old) == strip(dict)
        })
    };
    match object {
        Object::Dictionary(dict) if dict.has(b"ByteRange") && dict.has(b"Contents") => {
            Part::Signature(dict)
        }
        Object::Dictionary(dict)
            if is(dict, b"FT", b"Sig") || dict.has(b"SigFlags") || is(dict, b"Type", b"DSS") =>
        {
            Part::Signing
        }
        Object::Dictionary(dict) if is(dict, b"Type", b"Catalog") => {
            if same_but(dict, &[b"AcroForm", b"Perms", b"DSS"]) {
                Part::Signing
            } else {
                Part::Other
            }
        }
        Object::Dictionary(dict) if is(dict, b"Type", b"Page") => {
            if same_but(dict, &[b"Annots"]) {
                Part::Signing
            } else {
                Part::Other
            }
        }
        // A new appearance for the widget, or the update's own cross-reference stream.
        Object::Stream(stream)
            if is(&stream.dict, b"Type", b"XRef")
                || (earlier.is_none() && is(&stream.dict, b"Subtype", b"Form")) =>
        {
            Part::Signing
        }
        _ => Part::Other,
    }
}

/// A signature dictionary read: what it covers and whether its CMS digest matches.
fn signature(dict: &Dictionary, all: &[u8]) -> Signature {
    let numbers: Vec<usize> = dict
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|n| n.as_i64().ok())
                .filter_map(|n| usize::try_from(n).ok())
                .collect()
        })
        .unwrap_or_default();
    let ranges: Vec<(usize, usize)> = numbers
        .chunks(2)
        .filter_map(|c| match c {
            [start, length] => Some((*start, *length)),
            _ => None,
        })
        .collect();
    let covered: Option<Vec<&[u8]>> = ranges
        .iter()
        .map(|&(start, length)| all.get(start..start.checked_add(length)?))
        .collect();
    let contents = dict
        .get(b"Contents")
        .and_then(Object::as_str)
        .unwrap_or_default();
    let cms = read_cms(contents);
    let digest_matches = match (&cms, covered) {
        (Some(cms), Some(parts)) => cms.digest_of(&parts).is_some_and(|d| d == cms.digest),
        _ => false,
    };
    let text = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
    };
    let to_end = ranges.len() == 2
        && ranges[0].0 == 0
        && ranges[1].0 > ranges[0].1
        && ranges[1].0 + ranges[1].1 >= trimmed(all).len();
    Signature {
        signer: text(b"Name")
            .or_else(|| cms.as_ref().and_then(|c| c.subject.clone()))
            .unwrap_or_else(|| "okänd".into()),
        signed_at: text(b"M")
            .map(|m| pdf_date(&m))
            .or_else(|| cms.as_ref().and_then(|c| c.signed_at.clone())),
        ranges,
        digest_matches,
        to_end,
    }
}

/// A PDF date (`D:20241001120000+02'00'`) as people write it (`2024-10-01 12:00:00
/// +02:00`); anything else as it is.
fn pdf_date(text: &str) -> String {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let Some(stamp) = digits
        .get(..14)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
    else {
        return text.to_owned();
    };
    let zone = digits[14..].replace('\'', ":");
    let zone = zone.trim_end_matches(':');
    format!(
        "{}-{}-{} {}:{}:{}{}",
        &stamp[..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[8..10],
        &stamp[10..12],
        &stamp[12..14],
        match zone {
            "" => String::new(),
            "Z" => " UTC".to_owned(),
            zone => format!(" {zone}"),
        }
    )
}

/// What verify reads from a signature's CMS SignedData.
struct Cms {
    digest_algorithm: cms::cert::x509::der::oid::ObjectIdentifier,
    /// The messageDigest signed attribute.
    digest: Vec<u8>,
    subject: Option<String>,
    signed_at: Option<String>,
}

impl Cms {
    /// The digest of `parts` by the signature's digest algorithm (SHA-2 only).
    fn digest_of(&self, parts: &[&[u8]]) -> Option<Vec<u8>> {
        fn hash<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut digest = D::new();
            for part in parts {
                digest.update(part);
            }
            digest.finalize().to_vec()
        }
        match self.digest_algorithm {
            rfc5912::ID_SHA_256 => Some(hash::<sha2::Sha256>(parts)),
            rfc5912::ID_SHA_384 => Some(hash::<sha2::Sha384>(parts)),
            rfc5912::ID_SHA_512 => Some(hash::<sha2::Sha512>(parts)),
            _ => None,
        }
    }
}

/// The CMS SignedData of a signature's /Contents (DER, padded with zeros after it).
fn read_cms(contents: &[u8]) -> Option<Cms> {
    let mut reader = SliceReader::new(contents).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    let attributes = signer.signed_attrs.as_ref()?;
    let value = |oid| {
        attributes
            .iter()
            .find(|a| a.oid == oid)?
            .values
            .iter()
            .next()
    };
    let digest = value(rfc5911::ID_MESSAGE_DIGEST)?
        .decode_as::<OctetStringRef<'_>>()
        .ok()?
        .as_bytes()
        .to_vec();
    let signed_at = value(rfc5911::ID_SIGNING_TIME)
        .and_then(|v| cms::cert::x509::time::Time::from_der(&v.to_der().ok()?).ok())
        .map(|t| t.to_string());
    let subject = signed.certificates.as_ref().and_then(|set| {
        set.0.iter().find_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.tbs_certificate.subject.to_string()),
            CertificateChoices::Other(_) => None,
        })
    });
    Some(Cms {
        digest_algorithm: signer.digest_alg.oid,
        digest,
        subject,
        signed_at,
    })
}

/// Where paragraf's revision ends: right after its first `%%EOF` (a line end after it is
/// the file's, not the revision's).
fn first_revision_end(bytes: &[u8]) -> Option<usize> {
    Some(bytes.windows(5).position(|w| w == b"%%EOF")? + 5)
}

/// `bytes` without the white space that may end a file.
fn trimmed(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_revision_ends_after_its_eof() {
        assert_eq!(first_revision_end(b"%PDF\n%%EOF"), Some(10));
        assert_eq!(first_revision_end(b"%PDF\n%%EOF\r\nx\n%%EOF\n"), Some(10));
        assert_eq!(first_revision_end(b"%PDF no end"), None);
        assert_eq!(trimmed(b"%%EOF\r\n \n"), b"%%EOF");
        assert_eq!(
            pdf_date("D:20241001120000+02'00'"),
            "2024-10-01 12:00:00 +02:00"
        );
        assert_eq!(pdf_date("D:20241001120000Z"), "2024-10-01 12:00:00 UTC");
        assert_eq!(pdf_date("i går"), "i går");
    }
}
