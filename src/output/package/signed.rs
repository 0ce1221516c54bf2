//! The signed copies that take the place of paragraf's own PDFs in a delivery (`archive
//! --underskrivna MAPP`): a protocol justerat digitally is archived as signed, not as
//! paragraf made it before anyone signed.
//!
//! Fail closed: every PDF in the folder must be a document of this delivery (by file
//! name) and pass the check it is given: `verify`'s, its first revision that document
//! byte for byte as made now, followed only by signatures that hold (`for_archive` in the
//! verify module, given by the caller: verification depends on the export, not the
//! other way). One that does not stops the delivery, naming the file and why; nothing
//! is written.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::cache::Stamp;
use crate::derive::View;
use crate::error::{Error, Problem, Result};
use crate::plan::Planned;
use crate::write::{OutputFile, Stage, Written};

/// What the check finds a file of the folder to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The document, signed: what each signature says (for the ERMS), and what the
    /// registrar should be warned of all the same.
    Signed {
        notes: Vec<String>,
        warnings: Vec<String>,
    },
    /// The document itself, unsigned: paragraf's own file is that file already.
    Same,
    /// Not to be packaged, with why.
    Refused(String),
}

/// The check of a file's bytes against the document `planned` as just made (the SHA-256
/// of its PDF, hex).
pub type Check<'a> = dyn Fn(&[u8], &str, &Planned) -> Verdict + 'a;

/// Where the signed copies are, and how each is checked.
#[derive(Clone, Copy)]
pub struct SignedCopies<'a> {
    pub folder: &'a Path,
    pub check: &'a Check<'a>,
}

/// Each signed copy in `copies.folder` staged in place of the document it is (in `stage`,
/// its entry in `written` and its stamp in `pdfs`, aligned with `planned`). Returns, by
/// the document's file in the delivery, what each signature says (for the ERMS); a
/// protocol signed after its anslag was posted adds a warning to `warnings`.
pub(super) fn put(
    copies: SignedCopies,
    planned: &[Planned],
    pdfs: &mut [Stamp],
    stage: &Stage,
    written: &mut [Written],
    warnings: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Vec<String>>> {
    let folder = copies.folder;
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Problem::in_file(
            folder,
            format!(
                "mappen med underskrivna PDF:er går inte att läsa: {}",
                crate::model::files::io_message(&e)
            ),
        )
    })?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .collect();
    paths.sort();
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for path in paths {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(index) = planned.iter().position(|p| Some(&p.stem) == name.as_ref()) else {
            problems.push(Problem::in_file(
                &path,
                "ingen handling i leveransen heter så: en underskriven PDF ska heta som den \
                 PDF paragraf gör av samma källor",
            ));
            continue;
        };
        let bytes = crate::extract::read_pdf(&path)?;
        match (copies.check)(&bytes, &pdfs[index].sha256, &planned[index]) {
            Verdict::Signed {
                notes,
                warnings: said,
            } => {
                warnings.extend(
                    said.into_iter()
                        .map(|w| Problem::in_file(&path, w).warning()),
                );
                found.push((index, bytes, notes));
            }
            Verdict::Same => {}
            Verdict::Refused(why) => problems.push(Problem::in_file(
                &path,
                format!("läggs inte i leveransen: {why}"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(problems));
    }
    // A protocol justerat digitally says its signatures are in the file: packaged without
    // them, it says what is not so.
    for (index, planned) in planned.iter().enumerate() {
        let digital = matches!(&planned.document.view, View::Protocol(v) if v.meeting.digital);
        if digital && !found.iter().any(|(i, _, _)| *i == index) {
            warnings.push(
                Problem::in_file(
                    folder,
                    format!(
                        "{}.pdf justeras digitalt men finns inte underskriven här: det läggs i leveransen utan underskrifter",
                        planned.stem
                    ),
                )
                .warning(),
            );
        }
    }
    let mut signed = BTreeMap::new();
    for (index, bytes, notes) in found {
        let stamp = &mut pdfs[index];
        stamp.size = bytes.len() as u64;
        stamp.sha256 = hex::encode(Sha256::digest(&bytes));
        let put = stage.put_instead(&OutputFile {
            name: stamp.name.clone(),
            bytes,
        })?;
        if let Some(entry) = written.iter_mut().find(|w| w.path == put.path) {
            *entry = put;
        }
        signed.insert(stamp.name.clone(), notes);
    }
    Ok(signed)
}
