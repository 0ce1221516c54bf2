//! PAdES B-T: a signature time stamp, a time stamp authority's token (RFC 3161) over the
//! signature's value, put into the signature's CMS as the unsigned attribute
//! id-aa-signatureTimeStampToken. It proves that the signature existed at the authority's
//! time; the signer's own clock (/M, the signing time) proves nothing.
//!
//! paragraf opens no network connections, so it is done in two steps, as for a signing
//! service: [`LastSignature::request`] gives the request (TimeStampReq) to send to the
//! authority, [`LastSignature::insert`] checks its response and writes the token in place.
//! Only the /Contents of the last revision's signature changes: an unsigned attribute is
//! outside what the signer signed, and no later revision covers those bytes. A signature
//! that is not the last revision cannot be stamped so (the later signature covers its
//! /Contents).

use std::path::Path;
use std::time::Duration;

use ::cms::cert::x509::attr::Attribute;
use ::cms::content_info::ContentInfo;
use ::cms::signed_data::{SignedData, SignerInfos};
use der::asn1::{Any, Int, OctetString, SetOfVec, Uint};
use der::oid::db::{rfc5911, rfc5912};
use der::{Decode, Encode};
use lopdf::Object;
use x509_cert::spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

use crate::error::{Problem, Result};
use crate::verify::cms::{self, Hash, SIGNATURE_TIME_STAMP};

/// The signature of a signed PDF's last revision, to be time stamped.
#[derive(Debug, Clone)]
pub struct LastSignature {
    bytes: Vec<u8>,
    /// Where its /Contents stands: from its `<` to after its `>`.
    gap: (usize, usize),
    signed: SignedData,
}

/// A signature time stamped: the file, and what it now says.
#[derive(Debug, Clone)]
pub struct Stamped {
    pub bytes: Vec<u8>,
    /// The signer whose signature is stamped.
    pub signer: String,
    /// The time stamp authority.
    pub authority: String,
    /// The time it gives, since the Unix epoch.
    pub at: Option<Duration>,
}

impl LastSignature {
    /// The signature of the last revision of `bytes` (read from `path`). Refused, saying
    /// why, when the last revision is no signature (a later one covers the signature's
    /// bytes, a document time stamp, one prepared and not filled in) or it is stamped
    /// already.
    pub fn read(bytes: Vec<u8>, path: &Path) -> Result<Self> {
        let refused = |why: &str| Problem::in_file(path, why.to_owned());
        let document = lopdf::Document::load_mem(&bytes)
            .map_err(|e| refused(&format!("PDF-filen går inte att läsa: {e}")))?;
        let Some((last, gap)) = super::covering_the_file(&document, &bytes).next() else {
            let signed = document.objects.values().any(|o| {
                o.as_dict()
                    .is_ok_and(|d| d.has(b"ByteRange") && d.has(b"Contents"))
            });
            return Err(refused(if signed {
                "filens sista revision är ingen underskrift: det som lagts till efter den \
                 sista underskriften (till exempel en senare underskrift) täcker dess byte, så \
                 en tidsstämpel i den skulle bryta det; tidsstämpla varje underskrift innan \
                 nästa görs"
            } else {
                "filen har ingen underskrift att tidsstämpla"
            })
            .into());
        };
        if last.get(b"Type").and_then(Object::as_name).ok() == Some(b"DocTimeStamp") {
            return Err(refused(
                "filens sista revision är en dokumenttidsstämpel, ingen underskrift: en \
                 underskrift tidsstämplas innan något läggs till efter den",
            )
            .into());
        }
        let contents = last
            .get(b"Contents")
            .and_then(Object::as_str)
            .unwrap_or_default();
        if contents.iter().all(|b| *b == 0) {
            return Err(refused(
                "filens sista underskrift är inte ifylld: lägg in den med --infoga först",
            )
            .into());
        }
        let signed = cms::signed_data(contents).map_err(|why| refused(&why))?;
        let [signer] = signed.signer_infos.0.as_slice() else {
            return Err(refused("underskriften har inte exakt en undertecknare").into());
        };
        let stamped = signer
            .unsigned_attrs
            .as_ref()
            .is_some_and(|attributes| attributes.iter().any(|a| a.oid == SIGNATURE_TIME_STAMP));
        if stamped {
            return Err(refused("filens sista underskrift är redan tidsstämplad").into());
        }
        Ok(LastSignature { bytes, gap, signed })
    }

    /// The SHA-256 of the signature's value: what the authority stamps.
    pub fn digest(&self) -> Vec<u8> {
        let value = self
            .signed
            .signer_infos
            .0
            .as_slice()
            .first()
            .map(|signer| signer.signature.as_bytes())
            .unwrap_or_default();
        Hash::Sha256.digest(&[value])
    }

    /// The time stamp request (DER) for the signature's value: its SHA-256, a nonce, and
    /// the authority's certificate asked for (a verifier needs it to check the token).
    pub fn request(&self, path: &Path) -> Result<Vec<u8>> {
        let failed = |e: der::Error| {
            crate::error::Error::from(Problem::in_file(
                path,
                format!("tidsstämpelbegäran kunde inte göras: {e}"),
            ))
        };
        // A nonce only has to differ between requests (RFC 3161 2.4.1): the clock, the
        // process and the signature mixed, not a secret.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let mixed = Hash::Sha256.digest(&[
            &now.to_be_bytes(),
            &std::process::id().to_be_bytes(),
            &self.digest(),
        ]);
        let nonce = Int::from(Uint::new(&mixed[..8]).map_err(failed)?);
        TimeStampReq {
            version: TspVersion::V1,
            message_imprint: MessageImprint {
                hash_algorithm: AlgorithmIdentifier {
                    oid: rfc5912::ID_SHA_256,
                    parameters: None,
                },
                hashed_message: OctetString::new(self.digest()).map_err(failed)?,
            },
            req_policy: None,
            nonce: Some(nonce),
            cert_req: true,
            extensions: None,
        }
        .to_der()
        .map_err(failed)
    }

    /// The file with the token of `response` (a TimeStampResp, or the bare token as
    /// `openssl ts -reply -token_out` gives it; read from `from`) in the signature. Refused
    /// if the authority did not grant it, the token is over other bytes than the
    /// signature's value or its signature does not hold, or it does not fit.
    pub fn insert(self, response: &[u8], path: &Path, from: &Path) -> Result<Stamped> {
        let token = token(response, from)?;
        let failed = |e: der::Error| {
            crate::error::Error::from(Problem::in_file(
                path,
                format!("tidsstämpeln kunde inte läggas in: {e}"),
            ))
        };
        let token_der = token.to_der().map_err(failed)?;
        if !cms::digest_matches(&token_der, &self.digest()) {
            return Err(Problem::in_file(
                from,
                "tidsstämpeln gäller inte filens sista underskrift: dess avtryck är inte \
                 SHA-256 av underskriftens värde (svaret hör till en annan begäran)",
            )
            .into());
        }
        let mut signed = self.signed;
        let mut signers = signed.signer_infos.0.into_vec();
        for signer in &mut signers {
            let mut attributes = signer.unsigned_attrs.take().unwrap_or_default();
            attributes
                .insert(Attribute {
                    oid: SIGNATURE_TIME_STAMP,
                    values: SetOfVec::try_from(vec![Any::encode_from(&token).map_err(failed)?])
                        .map_err(failed)?,
                })
                .map_err(failed)?;
            signer.unsigned_attrs = Some(attributes);
        }
        signed.signer_infos = SignerInfos(SetOfVec::try_from(signers).map_err(failed)?);
        let contents = ContentInfo {
            content_type: rfc5911::ID_SIGNED_DATA,
            content: Any::encode_from(&signed).map_err(failed)?,
        }
        .to_der()
        .map_err(failed)?;
        let (start, end) = self.gap;
        let room = (end - start).saturating_sub(2);
        if 2 * contents.len() > room {
            return Err(Problem::in_file(
                path,
                format!(
                    "underskriften med tidsstämpeln är {} byte, det finns plats för {} i filen",
                    contents.len(),
                    room / 2
                ),
            )
            .into());
        }
        // What the file will say, checked as verify checks it: the signature still holds
        // over its bytes, the token over its value.
        let covered = [&self.bytes[..start], &self.bytes[end..]];
        let checked = cms::check(&contents, &covered, &cms::Trust::default());
        let Some(stamp) = checked
            .signature_stamp
            .filter(|_| checked.problems.is_empty())
        else {
            return Err(Problem::in_file(
                from,
                format!(
                    "underskriften med tidsstämpeln håller inte: {}",
                    checked.problems.join(", ")
                ),
            )
            .into());
        };
        let mut bytes = self.bytes;
        let mut hex = hex::encode_upper(&contents).into_bytes();
        hex.resize(room, b'0');
        bytes[start + 1..end - 1].copy_from_slice(&hex);
        Ok(Stamped {
            bytes,
            signer: checked.signer.unwrap_or_else(|| "okänd".into()),
            authority: stamp.authority,
            at: stamp.at,
        })
    }
}

/// The time stamp token of `response` (read from `from`): a TimeStampResp granted, or a
/// token alone.
fn token(response: &[u8], from: &Path) -> Result<ContentInfo> {
    use cmpv2::status::PkiStatus;
    if let Ok(response) = TimeStampResp::from_der(response) {
        let status = response.status.status;
        if !matches!(status, PkiStatus::Accepted | PkiStatus::GrantedWithMods) {
            return Err(Problem::in_file(
                from,
                format!("tidsstämpeltjänsten beviljade inte begäran (status {status:?})"),
            )
            .into());
        }
        return response.time_stamp_token.ok_or_else(|| {
            Problem::in_file(from, "tidsstämpeltjänstens svar saknar tidsstämpel").into()
        });
    }
    ContentInfo::from_der(response).map_err(|_| {
        Problem::in_file(
            from,
            "filen är varken ett svar från en tidsstämpeltjänst (RFC 3161, .tsr) eller en \
             tidsstämpel",
        )
        .into()
    })
}
