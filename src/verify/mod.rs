//! `paragraf verify`: is a PDF still exactly the document the YAML attached to it makes?
//! Beside the pipeline, like [`crate::extract`]: the sources are taken out of the PDF, the
//! one document the file's name and sources say it is is built again in a private
//! temporary folder with the default standard (PDF/A-3a + UA-1), and the PDF's first
//! revision is compared byte for byte with it.
//!
//! paragraf writes a PDF in one revision. A signing service (or `paragraf sign`) appends
//! each signature as a revision of its own. Every revision after the first is read against
//! the one before it ([`revisions`]): only what signing adds may be there. Each signature
//! is checked ([`cms`]): its byte range is the whole file up to its own revision but its
//! /Contents, its message digest is that of those bytes, its signature holds with its
//! certificate's key, and, given trust anchors, the certificate leads to one of them.

pub mod cms;
mod increment;
mod revisions;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::{Problem, Result};
use crate::output::package::signed::Verdict;
use crate::plan::{self, BuildOptions, Planned};
use crate::{extract, model, swedish};

pub use cms::{Trust, Trusted};

/// What `verify` found in one PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Byte for byte the document (its file stem) its attached sources make.
    Unchanged(String),
    /// paragraf's revision is the document (its file stem) its sources make, and every
    /// revision after it only signs it, each signature holding; with what a registrar
    /// should look into all the same (a protocol signed after its anslag was posted).
    Signed(String, Vec<Signature>, Vec<String>),
    /// paragraf's revision is what its sources make, but a later revision changes more
    /// than signing may, or a signature does not hold: each reason said.
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

/// A signature in a revision after paragraf's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The common name of the signer's certificate, else the signature's /Name.
    pub signer: String,
    /// The role the signer claims (signer-attributes-v2), else the signature's /Reason.
    pub role: Option<String>,
    /// The signature dictionary's /M as written, else the time stamp's or the CMS signing
    /// time.
    pub signed_at: Option<String>,
    /// When it was made, as an instant: its signature time stamp's time if it has one,
    /// else the time above, when it can be read.
    pub at: Option<DateTime<Utc>>,
    /// A document time stamp (RFC 3161) rather than a person's signature.
    pub time_stamp: bool,
    /// Its signature time stamp (PAdES B-T), if it has one.
    pub stamped: Option<SignatureStamp>,
    /// The revision it signs (paragraf's is 1).
    pub revision: usize,
    /// The byte ranges it covers, as (start, length).
    pub ranges: Vec<(usize, usize)>,
    /// Whether its certificate leads to a trust anchor.
    pub trusted: Trusted,
    /// Every reason it does not hold.
    pub problems: Vec<String>,
}

/// A signature time stamp: a time stamp authority's token over the signature's value, the
/// proof that the signature existed at its time (which the signer's own clock is not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureStamp {
    /// The common name of the authority's certificate.
    pub authority: String,
    /// The time the token gives (its genTime).
    pub at: Option<DateTime<Utc>>,
}

impl Signature {
    /// What it is, by whom, in which role and when: `underskrift av Anna Andersson som
    /// ordförande (2024-10-01 12:00:00 +02:00, tidsstämplad … av …)`.
    pub fn summary(&self) -> String {
        let times: Vec<String> = self
            .signed_at
            .iter()
            .cloned()
            .chain(self.stamped.iter().map(|stamp| {
                let at = stamp.at.map_or_else(
                    || "vid okänd tid".to_owned(),
                    |at| at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                );
                format!("tidsstämplad {at} av {}", stamp.authority)
            }))
            .collect();
        format!(
            "{} av {}{}{}",
            if self.time_stamp {
                "tidsstämpel"
            } else {
                "underskrift"
            },
            self.signer,
            self.role
                .as_ref()
                .map_or_else(String::new, |r| format!(" som {r}")),
            if times.is_empty() {
                String::new()
            } else {
                format!(" ({})", times.join(", "))
            },
        )
    }

    fn message(&self) -> String {
        let ranges: Vec<String> = self
            .ranges
            .iter()
            .map(|(start, length)| format!("{start}–{}", start + length))
            .collect();
        let holds = if self.problems.is_empty() {
            "kontrollsumman och signaturen stämmer".to_owned()
        } else {
            self.problems.join(", ")
        };
        let trust = match &self.trusted {
            Trusted::Unknown => {
                "undertecknaren är okänd (inga betrodda certifikat angivna med --betrodd)"
                    .to_owned()
            }
            Trusted::By(anchor) => format!("certifikatet leder till det betrodda {anchor}"),
            Trusted::Not => "certifikatet leder INTE till något betrott certifikat".to_owned(),
        };
        format!(
            "{} i revision {}, täcker byte {}: {holds}; {trust}",
            self.summary(),
            self.revision,
            ranges.join(" och "),
        )
    }

    /// Whether it holds: its ranges, digest and signature, and its chain if anchors
    /// were given.
    fn holds(&self) -> bool {
        self.problems.is_empty() && self.trusted != Trusted::Not
    }
}

impl Finding {
    /// Whether the file is what paragraf made, or that signed and nothing else.
    pub fn holds(&self) -> bool {
        matches!(self, Finding::Unchanged(_) | Finding::Signed(..))
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
            Finding::Unchanged(stem) => {
                format!("oförändrad: exakt den PDF ({stem}.pdf) som de bifogade källorna ger")
            }
            Finding::Signed(stem, signatures, warnings) => format!(
                "oförändrad och underskriven: paragrafs revision är exakt den PDF ({stem}.pdf) \
                 som källorna ger, och det som lagts till efter den är bara underskrifter{} \
                 (spärrar av certifikat kontrolleras inte här){}",
                signed(signatures),
                warnings
                    .iter()
                    .map(|w| format!("; VARNING: {w}"))
                    .collect::<String>()
            ),
            Finding::Appended {
                signatures,
                problems,
            } => format!(
                "ÄNDRAD efter paragrafs revision (den är oförändrad, men det som lagts till \
                 efter den håller inte): {}{}",
                problems.join("; "),
                signed(signatures)
            ),
            Finding::Changed(why) => format!("ÄNDRAD: {why}"),
            Finding::Unverifiable(why) => format!("kan inte kontrolleras: {why}"),
        }
    }
}

/// Verify the PDF at `pdf`, signatures against `trust`. Err only when the file cannot be
/// read as a PDF at all.
pub fn verify(pdf: &Path, trust: &Trust) -> Result<Finding> {
    let bytes = extract::read_pdf(pdf)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(Problem::in_file(pdf, "filen är ingen PDF").into());
    }
    let revisions = match revisions::revisions(&bytes) {
        Ok(revisions) => revisions,
        Err(why) => {
            return Ok(Finding::Changed(format!(
                "filens revisioner går inte att följa: {why}"
            )));
        }
    };
    let own = &bytes[..revisions[0].end];
    match rebuilt(own, pdf)? {
        Rebuilt::Same(stem, posted) => Ok(after_own(&bytes, &revisions, trust, stem, posted)),
        Rebuilt::Other(finding) => Ok(finding),
    }
}

/// `bytes`, a copy of the document `planned` that may have been signed since, against
/// that document as just made (its SHA-256 `made`, hex): the same finding as [`verify`]
/// gives, without building again. For `archive`, which has just made it.
pub fn against_made(bytes: &[u8], made: &str, planned: &Planned, trust: &Trust) -> Finding {
    use sha2::Digest;
    let revisions = match revisions::revisions(bytes) {
        Ok(revisions) => revisions,
        Err(why) => {
            return Finding::Changed(format!("filens revisioner går inte att följa: {why}"));
        }
    };
    let first = revisions[0];
    // The signer's tool may have appended after `%%EOF` or after the line end after it.
    let same = [first.end, first.eof]
        .into_iter()
        .any(|end| hex::encode(sha2::Sha256::digest(&bytes[..end])) == made);
    if !same {
        return Finding::Changed(format!(
            "paragrafs revision är inte den PDF ({}.pdf) som källorna ger nu: handlingen eller \
             dess källor har ändrats sedan filen gjordes, eller filen är en annan handling",
            planned.stem
        ));
    }
    after_own(
        bytes,
        &revisions,
        trust,
        planned.stem.clone(),
        posted(planned),
    )
}

/// The check `archive --underskrivna` makes of a signed copy: [`against_made`], with
/// signatures checked against `trust`, as the package takes it.
pub fn for_archive(trust: &Trust) -> impl Fn(&[u8], &str, &Planned) -> Verdict + '_ {
    move |bytes, made, planned| match against_made(bytes, made, planned, trust) {
        Finding::Signed(_, signatures, warnings) => Verdict::Signed {
            notes: signatures.iter().map(note).collect(),
            warnings,
        },
        Finding::Unchanged(_) => Verdict::Same,
        finding => Verdict::Refused(finding.message()),
    }
}

/// What the ERMS says of `signature`: what it is, by whom, when, and how far it was
/// checked.
fn note(signature: &Signature) -> String {
    let trust = match &signature.trusted {
        Trusted::By(anchor) => format!("certifikatet leder till det betrodda {anchor}"),
        _ => "certifikatet inte prövat mot betrodda certifikat".to_owned(),
    };
    format!(
        "PAdES-{}: kontrollsumman och signaturen stämmer, {trust} (kontrollerat av paragraf {} \
         när paketet gjordes; spärrar inte kontrollerade)",
        signature.summary(),
        env!("CARGO_PKG_VERSION")
    )
}

/// The finding for a file whose first revision is the document `stem`: unchanged, or
/// each later revision read and each signature checked, with a warning for a protocol
/// signed after its anslag was `posted`.
fn after_own(
    bytes: &[u8],
    revisions: &[revisions::Revision],
    trust: &Trust,
    stem: String,
    posted: Option<Posted>,
) -> Finding {
    if revisions.len() == 1 {
        return Finding::Unchanged(stem);
    }
    match later_revisions(bytes, revisions, trust, stem) {
        Finding::Signed(stem, signatures, _) => {
            let warnings = posted.map_or_else(Vec::new, |posted| {
                signed_after_posting(&signatures, &posted)
            });
            Finding::Signed(stem, signatures, warnings)
        }
        finding => finding,
    }
}

/// The day the protocol `p`'s anslag is posted, if it is a protocol with one.
fn posted(p: &Planned) -> Option<Posted> {
    p.document.protocol_notice().map(|notice| Posted {
        day: notice.dates.posted,
        printed: notice.posted_on.clone(),
    })
}

/// The day a protocol's ANSLAG/BEVIS says its justering is posted, and as it prints it.
struct Posted {
    day: NaiveDate,
    printed: String,
}

/// What a registrar should see about the signatures of a protocol whose anslag is posted
/// as `posted` says: each signed on a later day (in Sweden) means the protocol was posted
/// before it was justerat, and one without a time cannot be told to precede it. A
/// document time stamp may come any time later.
fn signed_after_posting(signatures: &[Signature], posted: &Posted) -> Vec<String> {
    signatures
        .iter()
        .filter(|s| !s.time_stamp)
        .filter_map(|s| {
            let role = s
                .role
                .as_ref()
                .map_or_else(String::new, |r| format!(" som {r}"));
            match s.at.map(swedish::day_in_sweden) {
                Some(day) if day > posted.day => Some(format!(
                    "{}{role} skrev under {}, efter dagen då anslaget om justeringen sattes upp \
                     enligt protokollets ANSLAG/BEVIS ({}): protokollet anslogs innan det var \
                     justerat",
                    s.signer,
                    swedish::short_date(day),
                    posted.printed
                )),
                Some(_) => None,
                None => Some(format!(
                    "underskriften av {}{role} har ingen tid: att den gjordes före anslaget \
                     ({}) går inte att se",
                    s.signer, posted.printed
                )),
            }
        })
        .collect()
}

/// What the rebuild of paragraf's revision gave.
enum Rebuilt {
    /// The revision is this document (its file stem), byte for byte; for a protocol, the
    /// day its anslag is posted.
    Same(String, Option<Posted>),
    /// It is not, or it cannot be told.
    Other(Finding),
}

/// Build again the one document `own` (paragraf's revision of the file `pdf`) says it is,
/// and compare. The document is the one whose file stem is the file's; for a file renamed,
/// the one of the same sources it equals.
fn rebuilt(own: &[u8], pdf: &Path) -> Result<Rebuilt> {
    let unbuildable = |e: crate::error::Error| {
        let why = e
            .problems
            .first()
            .map_or_else(String::new, |p| p.message.clone());
        Rebuilt::Other(Finding::Unverifiable(format!(
            "de bifogade källorna bygger inte: {why}"
        )))
    };
    let sources = match extract::files_in(own, pdf) {
        Ok(files) => files,
        Err(e) => {
            let why = e
                .problems
                .first()
                .map_or_else(String::new, |p| p.message.clone());
            return Ok(Rebuilt::Other(Finding::Unverifiable(why)));
        }
    };
    // A new folder of its own (not a name another process could have made first),
    // removed when verification ends.
    let folder = tempfile::Builder::new()
        .prefix("paragraf-verify-")
        .tempdir()
        .map_err(|e| Problem::in_file(&std::env::temp_dir(), model::files::io_message(&e)))?;
    let source_dir = folder.path().join("kallor");
    // Written plainly: the folder is this process's own, so the build's folder lock (a
    // file in the temporary folder that outlives it) is not needed.
    for source in &sources {
        let path = source_dir.join(&source.name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &source.bytes));
        written.map_err(|e| Problem::in_file(&path, model::files::io_message(&e)))?;
    }
    // A § is made from its meeting and its own case: the other §§' cases are not attached
    // (a secret case never travels in another document), and not needed.
    let planned = match plan::load_with(&[source_dir], &model::Reading::of_what_is_there())
        .and_then(|inputs| plan::plan(&inputs))
    {
        Ok(planned) => planned,
        Err(e) => return Ok(unbuildable(e)),
    };
    let mut attached: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    attached.sort_unstable();
    let carries_these = |p: &&Planned| {
        let mut names: Vec<&str> = p.document.sources.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        names == attached
    };
    // Whether a document is `own` byte for byte. Candidates are typeset one at a time: a
    // document that needs a case not attached (a protocol, rebuilt from one § only) fails
    // to build and is simply not it.
    let made_from = |p: &Planned| {
        crate::output::pdf::produce(std::slice::from_ref(p), &BuildOptions::default()).map(|made| {
            made.first()
                .is_some_and(|m| m.pdf.trim_ascii_end() == own.trim_ascii_end())
        })
    };
    let is_own = |p: &&Planned| made_from(p).unwrap_or(false);
    let same = |p: &Planned| Rebuilt::Same(p.stem.clone(), posted(p));
    let stem = pdf.file_stem().map(|s| s.to_string_lossy().into_owned());
    let why = match planned.iter().find(|p| Some(&p.stem) == stem.as_ref()) {
        Some(named) => {
            match made_from(named) {
                Ok(true) => return Ok(same(named)),
                Ok(false) => {}
                Err(e) => return Ok(unbuildable(e)),
            }
            // Say what it is instead, if it is another document of the same sources.
            let mut others = planned
                .iter()
                .filter(|p| p.stem != named.stem && carries_these(p));
            match others.find(is_own) {
                Some(other) => format!(
                    "filen heter som {}.pdf men är {}.pdf, en annan handling av samma källor",
                    named.stem, other.stem
                ),
                None => format!(
                    "innehållet är inte det som de bifogade källorna ger för {}.pdf (en byte, \
                     en sida eller en bifogad fil har ändrats, eller PDF:en gjordes med andra \
                     mallar eller en annan PDF-standard)",
                    named.stem
                ),
            }
        }
        None => match planned.iter().filter(carries_these).find(is_own) {
            Some(found) => return Ok(same(found)),
            None => "innehållet är ingen av de handlingar som de bifogade källorna ger (en \
                     byte, en sida eller en bifogad fil har ändrats, eller PDF:en gjordes med \
                     andra mallar eller en annan PDF-standard)"
                .to_owned(),
        },
    };
    Ok(Rebuilt::Other(Finding::Changed(why)))
}

/// The revisions after paragraf's (the document `stem`): each only signing, each signature
/// holding over the whole file up to its own revision.
fn later_revisions(
    bytes: &[u8],
    revisions: &[revisions::Revision],
    trust: &Trust,
    stem: String,
) -> Finding {
    let mut documents = Vec::new();
    for revision in revisions {
        match Document::load_mem(&bytes[..revision.end]) {
            Ok(document) => documents.push(document),
            Err(e) => {
                return Finding::Appended {
                    signatures: Vec::new(),
                    problems: vec![format!(
                        "revisionen som slutar vid byte {} går inte att läsa: {e}",
                        revision.end
                    )],
                };
            }
        }
    }
    let mut signatures: Vec<Signature> = Vec::new();
    let mut problems = Vec::new();
    for (k, pair) in documents.windows(2).enumerate() {
        let number = k + 2;
        let increment = increment::increment(&pair[0], &pair[1]);
        let after: Vec<&str> = signatures.iter().map(|s| s.signer.as_str()).collect();
        let context = if after.is_empty() {
            String::new()
        } else {
            format!(" (efter underskriften av {})", after.join(" och "))
        };
        problems.extend(
            increment
                .changes
                .iter()
                .map(|change| format!("revision {number}{context}: {change}")),
        );
        for id in increment.signatures {
            signatures.push(signature(
                &pair[1],
                id,
                bytes,
                revisions[k + 1],
                number,
                trust,
            ));
        }
    }
    if signatures.is_empty() {
        problems.push("ingen underskrift finns i det som lagts till".into());
    }
    for s in signatures.iter().filter(|s| !s.holds()) {
        problems.push(format!("underskriften av {} håller inte", s.signer));
    }
    if problems.is_empty() {
        Finding::Signed(stem, signatures, Vec::new())
    } else {
        Finding::Appended {
            signatures,
            problems,
        }
    }
}

/// The signature `id` of revision `number` (ending as `revision` says) read and checked.
fn signature(
    document: &Document,
    id: ObjectId,
    bytes: &[u8],
    revision: revisions::Revision,
    number: usize,
    trust: &Trust,
) -> Signature {
    let empty = Dictionary::new();
    let dict = document.get_dictionary(id).unwrap_or(&empty);
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
    let contents = dict
        .get(b"Contents")
        .and_then(Object::as_str)
        .unwrap_or_default();
    let mut problems = Vec::new();
    if let Err(why) = covers_revision(document, id, bytes, &ranges, revision, contents) {
        problems.push(why);
    }
    let covered: Vec<&[u8]> = ranges
        .iter()
        .filter_map(|&(start, length)| bytes.get(start..start.checked_add(length)?))
        .collect();
    let checked = cms::check(contents, &covered, trust);
    problems.extend(checked.problems);
    let text = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
    };
    let written = text(b"M");
    let instant = |since: std::time::Duration| {
        DateTime::from_timestamp(i64::try_from(since.as_secs()).ok()?, 0)
    };
    let stamped = checked.signature_stamp.map(|stamp| SignatureStamp {
        authority: stamp.authority,
        at: stamp.at.and_then(instant),
    });
    // A time stamp authority's time is proof; the signer's own clock (/M, the CMS signing
    // time) only a claim.
    let at = stamped
        .as_ref()
        .and_then(|stamp| stamp.at)
        .or_else(|| written.as_deref().and_then(pdf_instant))
        .or_else(|| checked.time_stamped_at.and_then(instant))
        .or_else(|| checked.signed_at.and_then(instant));
    Signature {
        signer: checked
            .signer
            .or_else(|| text(b"Name"))
            .unwrap_or_else(|| "okänd".into()),
        role: checked.role.or_else(|| text(b"Reason")),
        signed_at: written
            .map(|m| pdf_date(&m))
            .or_else(|| at.map(|at| at.format("%Y-%m-%d %H:%M:%S UTC").to_string())),
        at,
        time_stamp: checked.time_stamp,
        stamped,
        revision: number,
        ranges,
        trusted: checked.trusted.unwrap_or(Trusted::Not),
        problems,
    }
}

/// Whether `ranges` are the whole file from its start to the end of `revision` but
/// exactly the /Contents string of the signature dictionary `id`; Err with why not.
fn covers_revision(
    document: &Document,
    id: ObjectId,
    bytes: &[u8],
    ranges: &[(usize, usize)],
    revision: revisions::Revision,
    contents: &[u8],
) -> std::result::Result<(), String> {
    let &[(0, gap_start), (gap_end, length)] = ranges else {
        return Err("dess /ByteRange är inte två delar från filens början".into());
    };
    let end = gap_end.saturating_add(length);
    if end != revision.end && end != revision.eof {
        return Err(format!(
            "dess /ByteRange slutar vid byte {end}, inte där dess revision slutar ({})",
            revision.end
        ));
    }
    // The gap: `<hex>`, inside the signature's own object, right after /Contents.
    let object_start = match document.reference_table.get(id.0) {
        Some(lopdf::xref::XrefEntry::Normal { offset, .. }) => *offset as usize,
        _ => return Err("underskriftens objekt står inte direkt i filen".into()),
    };
    let gap = bytes.get(gap_start..gap_end).unwrap_or_default();
    let hex = gap
        .strip_prefix(b"<")
        .and_then(|g| g.strip_suffix(b">"))
        .filter(|h| h.len() == 2 * contents.len() && h.iter().all(u8::is_ascii_hexdigit));
    let object_end = bytes[object_start.min(bytes.len())..]
        .windows(6)
        .position(|w| w == b"endobj")
        .map(|p| object_start + p);
    let before = bytes[object_start.min(gap_start)..gap_start.min(bytes.len())].trim_ascii_end();
    let decoded = hex.and_then(|h| hex::decode(h).ok());
    if hex.is_none()
        || gap_start <= object_start
        || object_end.is_none_or(|e| gap_end > e)
        || !before.ends_with(b"/Contents")
        || decoded.as_deref() != Some(contents)
    {
        return Err("luckan i dess /ByteRange är inte exakt dess /Contents".into());
    }
    Ok(())
}

/// The instant of a PDF date (`D:20241001120000+02'00'`, `D:20241001100000Z`); one
/// without a zone is taken as UTC.
fn pdf_instant(text: &str) -> Option<DateTime<Utc>> {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let stamp = digits.get(..14)?;
    let local = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S").ok()?;
    let zone = digits[14..].replace('\'', "");
    let offset = match zone.as_bytes() {
        [] | [b'Z', ..] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let number = |part: &[u8]| std::str::from_utf8(part).ok()?.parse::<i32>().ok();
            let hours = number(rest.get(..2)?)?;
            let minutes = rest.get(2..4).map_or(Some(0), number)?;
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let offset = chrono::FixedOffset::east_opt(offset)?;
    Some(
        local
            .and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_said_as_people_write_them() {
        assert_eq!(
            pdf_date("D:20241001120000+02'00'"),
            "2024-10-01 12:00:00 +02:00"
        );
        assert_eq!(pdf_date("D:20241001120000Z"), "2024-10-01 12:00:00 UTC");
        assert_eq!(pdf_date("i går"), "i går");
    }

    #[test]
    fn a_pdf_date_is_read_in_its_zone() {
        let utc = |text| pdf_instant(text).map(|at| at.to_rfc3339());
        assert_eq!(
            utc("D:20241001120000+02'00'").as_deref(),
            Some("2024-10-01T10:00:00+00:00")
        );
        assert_eq!(
            utc("D:20241128233000-01'30").as_deref(),
            Some("2024-11-29T01:00:00+00:00")
        );
        assert_eq!(
            utc("D:20241001120000Z").as_deref(),
            Some("2024-10-01T12:00:00+00:00")
        );
        assert_eq!(utc("i går"), None);
    }
}
