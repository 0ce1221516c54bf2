//! The outputs, siblings over one plan: [`pdf`] (the documents as PDF, `build`),
//! [`site`] (the published web site, `publish`) and [`package`] (the registrar's export,
//! `archive`). Each places the planned documents as it needs, with a [`Placement`] of its
//! own, and writes all its files or none; none changes the plan or another's files.

pub mod package;
pub mod pdf;
pub mod site;

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Problem, Result};
use crate::plan::{self, BuildOptions, Planned};
use crate::{web_copy, write};

/// Where an output puts a document's files: a folder under the output folder (empty for
/// the output folder itself) and the file name without extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub folder: String,
    pub stem: String,
}

impl Placement {
    /// In the output folder itself.
    pub fn top(stem: &str) -> Self {
        Placement {
            folder: String::new(),
            stem: stem.to_owned(),
        }
    }

    /// In `folder` (`/`-separated) under the output folder.
    pub fn under(folder: impl Into<String>, stem: &str) -> Self {
        Placement {
            folder: folder.into(),
            stem: stem.to_owned(),
        }
    }

    /// The file's name under the output folder, with `extension`.
    pub fn file(&self, extension: &str) -> String {
        match self.folder.as_str() {
            "" => format!("{}.{extension}", self.stem),
            folder => format!("{folder}/{}.{extension}", self.stem),
        }
    }
}

/// What an output wrote, and what it warns about.
#[derive(Debug)]
pub struct Report {
    pub written: Vec<write::Written>,
    pub warnings: Vec<Problem>,
    /// The documents (file stems) typeset in this build.
    pub typeset: Vec<String>,
    /// How many documents' files the output folder already held, made from the same input.
    pub reused: usize,
}

/// Load, check and plan: the documents to make and the warnings on the way. For a web
/// copy, as `web_copy` says: titles (and so file names) without personal data, the
/// public packet in place of the whole, and secret items' documents and bilagor not marked
/// public left out, each with a warning saying so.
pub(crate) fn prepare(
    paths: &[PathBuf],
    options: &BuildOptions,
) -> Result<(Vec<Planned>, Vec<Problem>)> {
    let inputs = plan::load(paths)?;
    let mut warnings = plan::validate(&inputs)?;
    let mut planned = plan::plan(&inputs)?;
    if options.web_copy {
        // A doubt about secrecy is an error in a web copy, never a publish.
        let doubts: Vec<Problem> = planned
            .iter()
            .filter_map(|p| p.secrecy_doubt.clone())
            .collect();
        if !doubts.is_empty() {
            return Err(crate::error::Error::new(doubts));
        }
        for Planned { document, stem, .. } in &mut planned {
            let title = web_copy::title(document);
            Arc::make_mut(document).title = title;
            *stem = write::file_stem(document);
        }
        plan::unique_stems(&mut planned);
        planned.retain(|Planned { document, root, .. }| {
            if let Some(message) = web_copy::left_out_warning(document) {
                warnings.push(Problem::in_file(root, message).warning());
            }
            web_copy::shows(document)
        });
    }
    Ok((planned, warnings))
}
