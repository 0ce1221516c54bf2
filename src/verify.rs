//! `paragraf verify`: is a PDF still exactly the document the YAML attached to it makes?
//! Beside the pipeline, like [`crate::extract`]: the sources are taken out of the PDF, built
//! again in a temporary folder with the default standard (PDF/A-3a + UA-1), and the PDF's
//! own revision is compared byte for byte with what they give.
//!
//! paragraf writes a PDF in one revision, ending at its first `%%EOF`. A signing service
//! appends its signature after that as an incremental update; such updates are found and
//! reported, but what they contain is not checked yet, so a PDF with anything appended is
//! never called unchanged.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Problem, Result};
use crate::{BuildOptions, extract, write};

/// What `verify` found in one PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Byte for byte what its attached sources make.
    Unchanged,
    /// paragraf's revision is what its sources make, and `bytes` bytes were appended after
    /// it (a signature, or any other incremental update), not checked.
    Appended { bytes: usize },
    /// Not what its sources make, with why.
    Changed(String),
    /// Nothing to compare with: no sources attached (a web copy, a PDF not made by
    /// paragraf) or sources that do not build.
    Unverifiable(String),
}

impl Finding {
    /// The finding in Swedish, for the registrar.
    pub fn message(&self) -> String {
        match self {
            Finding::Unchanged => "oförändrad: exakt den PDF som de bifogade källorna ger".into(),
            Finding::Appended { bytes } => format!(
                "paragrafs revision är oförändrad, men {bytes} byte har lagts till efter den \
                 (en underskrift eller annan ändring); tillägg kontrolleras inte ännu"
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
    let folder = Scratch::new()?;
    let (source_dir, out_dir) = (folder.path.join("kallor"), folder.path.join("ut"));
    write::write_all(&source_dir, &sources)?;
    if let Err(e) = crate::build(
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
        (true, _) => Finding::Appended {
            bytes: bytes.len() - end,
        },
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

/// A temporary folder, removed when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new() -> Result<Self> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "paragraf-verify-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path)
            .map_err(|e| Problem::in_file(&path, crate::model::files::io_message(&e)))?;
        Ok(Scratch { path })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
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
    }
}
