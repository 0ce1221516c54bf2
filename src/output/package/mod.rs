//! The registrar's export (`paragraf archive`): every document's PDF with a [`manifest`]
//! (JSON and text), or one FGS 2.0 / E-ARK package per meeting ([`fgs`]).

pub mod fgs;
pub mod manifest;
pub mod signed;

use std::path::{Path, PathBuf};

use super::pdf::{self, Placed};
use super::{Placement, Report, prepare};
use crate::derive::DocumentKind;
use crate::error::{Problem, Result};
use crate::plan::BuildOptions;
use crate::write::{OutputFile, Stage};

/// What `archive` writes beside the PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    /// The PDFs with `manifest.json` and `manifest.txt`.
    Manifest,
    /// One FGS 2.0 / E-ARK SIP package per meeting (see [`fgs`]); the packages say they
    /// were made at `created` (`SOURCE_DATE_EPOCH`), else at their latest document's date.
    Fgs {
        created: Option<chrono::NaiveDateTime>,
    },
}

/// The registrar's export, written all or nothing; files that would not change are left
/// alone. Every document is typeset (an export trusts no earlier build).
pub fn archive(
    paths: &[PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
    format: ArchiveFormat,
) -> Result<Report> {
    archive_signed(paths, out_dir, options, format, None)
}

/// [`archive`], with the signed copies in `signed` in place of the documents they are
/// (see [`signed`]).
pub fn archive_signed(
    paths: &[PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
    format: ArchiveFormat,
    signed: Option<signed::SignedCopies>,
) -> Result<Report> {
    let (mut planned, mut warnings) = prepare(paths, options)?;
    // The registrar archives each document once: the packet only gathers them.
    planned.retain(|p| p.document.kind != DocumentKind::Packet);
    let options = BuildOptions {
        emit_typst: false,
        ..options.clone()
    };
    let packages = match format {
        ArchiveFormat::Manifest => None,
        ArchiveFormat::Fgs { created } => Some(fgs::place(&planned, created)),
    };
    let placed: Vec<Placed> = planned
        .iter()
        .enumerate()
        .map(|(i, planned)| Placed {
            planned,
            place: packages.as_ref().map_or_else(
                || Placement::top(&planned.stem),
                |p| p.placements[i].clone(),
            ),
        })
        .collect();
    let names = pdf::file_names(&placed, false);
    let stage = Stage::open(out_dir, names.iter().map(String::as_str))?;
    let made = pdf::make(&placed, &stage, &options, None)?;
    let mut pdfs: Vec<crate::cache::Stamp> = made
        .iter()
        .map(|m| m.pdf().cloned())
        .collect::<Option<_>>()
        .ok_or_else(|| Problem::in_file(out_dir, "en handling blev utan PDF; inget skrevs"))?;
    let mut written = pdf::written(&made);
    let signatures = match signed {
        Some(copies) => signed::put(
            copies,
            &planned,
            &mut pdfs,
            &stage,
            &mut written,
            &mut warnings,
        )?,
        None => Default::default(),
    };
    let beside: Vec<OutputFile> = match &packages {
        None => manifest::manifest(&planned, &pdfs).files(),
        Some(packages) => packages.files(&planned, &pdfs, &signatures)?,
    };
    for file in &beside {
        written.push(stage.put(file)?);
    }
    stage.commit()?;
    Ok(Report::of(written, &placed, &made, warnings))
}
