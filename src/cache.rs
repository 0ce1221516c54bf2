//! What each output file was made from, kept beside the output in `.paragraf-cache.json`,
//! so that a later build typesets only the documents whose inputs changed. The key of a
//! document covers everything its PDF depends on: this build of paragraf (code, templates,
//! fonts), the Typst source rendered from the YAML, the style, the attached files, the
//! images and the PDF settings. An entry is used only when its key matches and every file
//! it names is on disk with the recorded size and SHA-256; the file is safe to delete.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::render::TypstSource;
use crate::typeset::PdfSettings;
use crate::write::OutputFile;

/// The cache's file name in the output folder.
pub const CACHE_FILE: &str = ".paragraf-cache.json";

/// The identity of this paragraf: its version and a hash of its code, templates, fonts
/// and locked dependencies (see `build.rs`).
pub const BUILD_ID: &str = env!("PARAGRAF_BUILD_ID");

/// What a build made, by document (its file stem).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    documents: BTreeMap<String, Entry>,
}

/// One document: the key of its inputs and the files made from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub files: Vec<Stamp>,
}

/// A file as it was written: its name in the output folder, size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

impl Stamp {
    pub fn of(file: &OutputFile) -> Self {
        Stamp {
            name: file.name.clone(),
            size: file.bytes.len() as u64,
            sha256: hex(&Sha256::digest(&file.bytes)),
        }
    }

    /// Whether the file under `dir` holds exactly what was written.
    fn on_disk(&self, dir: &Path) -> bool {
        let path = dir.join(&self.name);
        let same_size = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == self.size);
        same_size
            && std::fs::read(&path).is_ok_and(|bytes| hex(&Sha256::digest(&bytes)) == self.sha256)
    }
}

impl Cache {
    /// The cache of the output folder `dir`; empty when there is none or it cannot be read
    /// (it only saves time).
    pub fn read(dir: &Path) -> Self {
        std::fs::read(dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The files of `stem` if they were made from `key` and are on disk unchanged.
    pub fn fresh(&self, dir: &Path, stem: &str, key: &str) -> Option<&[Stamp]> {
        let entry = self.documents.get(stem)?;
        (entry.key == key && entry.files.iter().all(|stamp| stamp.on_disk(dir)))
            .then_some(entry.files.as_slice())
    }

    /// This cache with the documents of a build put in: theirs replace earlier entries,
    /// those of documents the build did not make stay.
    pub fn updated(mut self, made: impl IntoIterator<Item = (String, Entry)>) -> Self {
        self.documents.extend(made);
        self
    }

    /// The cache as the file to write beside the output.
    pub fn file(&self) -> OutputFile {
        OutputFile {
            name: CACHE_FILE.to_owned(),
            bytes: serde_json::to_vec_pretty(self).unwrap_or_default(),
        }
    }
}

/// The key of a document: a SHA-256 over everything its PDF depends on. `emit_typst`
/// counts, since it adds a file.
pub fn key(source: &TypstSource, settings: &PdfSettings, emit_typst: bool) -> String {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| {
        // Lengths first: no two different inputs run together into the same bytes.
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(BUILD_ID.as_bytes());
    field(source.style.text.as_bytes());
    field(source.text.as_bytes());
    for (name, bytes) in source.attachments.iter().chain(&source.images) {
        field(name.as_bytes());
        field(bytes);
    }
    for (name, text) in &source.parts {
        field(name.as_bytes());
        field(text.as_bytes());
    }
    field(settings.ident.as_bytes());
    field(settings.date.to_string().as_bytes());
    field(format!("{:?}", settings.conformance).as_bytes());
    field(&[u8::from(emit_typst)]);
    hex(&hash.finalize())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_fresh_only_with_its_key_and_its_files_unchanged() {
        let dir = std::env::temp_dir().join(format!("paragraf-cache-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = OutputFile {
            name: "a.pdf".into(),
            bytes: b"%PDF".to_vec(),
        };
        let _ = std::fs::write(dir.join("a.pdf"), &file.bytes);
        let entry = Entry {
            key: "k".into(),
            files: vec![Stamp::of(&file)],
        };
        let cache = Cache::default().updated([("a".to_owned(), entry)]);
        assert!(cache.fresh(&dir, "a", "k").is_some());
        assert!(cache.fresh(&dir, "a", "other").is_none());
        assert!(cache.fresh(&dir, "b", "k").is_none());
        // Same size, other bytes: not trusted.
        let _ = std::fs::write(dir.join("a.pdf"), b"%PDX");
        assert!(cache.fresh(&dir, "a", "k").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
