//! What each output file was made from, kept beside the output in `.paragraf-cache.json`,
//! so that a later build typesets only the documents whose inputs changed. A document has
//! two keys. The inputs key covers what its Typst source is rendered from: this build of
//! paragraf (code, built-in templates, fonts), the templates in use, the derived document
//! (its view, attached files and images) and the PDF settings; when it matches, the
//! document is not even rendered. The key covers what its PDF is typeset from: the
//! rendered Typst source, the style, the attached files, the images, the profile's own
//! fonts and the settings;
//! when only the inputs key changed, a source rendered alike is still not typeset. An entry
//! is used only when every file it names is on disk as written: with the recorded size,
//! and with the recorded modification time (if that is older than the cache itself, so
//! that a file changed within the clock's resolution of its writing is not missed) or
//! else the recorded SHA-256. The file is safe to delete.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::derive::{Document, View};
use crate::recent::Recent;
use crate::render::{Templates, TypstSource};
use crate::typeset::PdfSettings;
use crate::write::OutputFile;

/// The cache's file name in the output folder.
pub const CACHE_FILE: &str = ".paragraf-cache.json";

/// The identity of this paragraf: its version and a hash of its code, templates, fonts
/// and locked dependencies (see `build.rs`).
pub const BUILD_ID: &str = env!("PARAGRAF_BUILD_ID");

/// The largest cache file read: a year of 3 630 documents needs about 2 MiB.
pub const MAX_CACHE_BYTES: u64 = 64 << 20;

/// What a build made, by document (its file stem).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    documents: BTreeMap<String, Entry>,
    /// When the cache file was last written (not serialised: its modification time).
    #[serde(skip)]
    written: Option<SystemTime>,
}

/// One document: the keys of its inputs and the files made from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What the Typst source was rendered from (see [`inputs_key`]).
    #[serde(default)]
    pub inputs: String,
    /// What the PDF was typeset from (see [`key`]).
    pub key: String,
    pub files: Vec<Stamp>,
}

/// A file as it was written: its name in the output folder, size, SHA-256 and the
/// modification time it has in the folder (seconds and nanoseconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    #[serde(default)]
    pub modified: Option<(u64, u32)>,
}

/// A modification time as the cache records it.
fn since_epoch(time: SystemTime) -> Option<(u64, u32)> {
    let since = time.duration_since(UNIX_EPOCH).ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

impl Stamp {
    /// `file` as written into the folder, where it has the modification time `modified`.
    pub fn of(file: &OutputFile, modified: Option<SystemTime>) -> Self {
        Stamp {
            name: file.name.clone(),
            size: file.bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(&file.bytes)),
            modified: modified.and_then(since_epoch),
        }
    }

    /// The stamp of the file under `dir` if it holds exactly what was written, with the
    /// modification time it has now (an older cache may have recorded none). The time is
    /// enough when it is the recorded one and older than `cache_written`; else the bytes
    /// are hashed.
    fn on_disk(&self, dir: &Path, cache_written: Option<SystemTime>) -> Option<Stamp> {
        let path = dir.join(&self.name);
        // The file itself, not what a link in its place points at.
        let metadata = std::fs::symlink_metadata(&path).ok()?;
        if !metadata.is_file() || metadata.len() != self.size {
            return None;
        }
        let modified = metadata.modified().ok();
        let settled = match (modified, cache_written) {
            (Some(modified), Some(written)) => modified < written,
            _ => false,
        };
        let now = modified.and_then(since_epoch);
        let unchanged = (settled && self.modified.is_some() && now == self.modified)
            || std::fs::read(&path)
                .is_ok_and(|bytes| hex::encode(Sha256::digest(&bytes)) == self.sha256);
        unchanged.then(|| Stamp {
            modified: now.or(self.modified),
            ..self.clone()
        })
    }
}

impl Cache {
    /// The cache of the output folder `dir`; empty when there is none or it cannot be read
    /// (it only saves time).
    /// Only a regular file (not a link, a FIFO or a device) of at most [`MAX_CACHE_BYTES`]
    /// is read: a cache that could point anywhere or never end is no cache.
    pub fn read(dir: &Path) -> Self {
        let path = dir.join(CACHE_FILE);
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            return Cache::default();
        };
        if !metadata.is_file() || metadata.len() > MAX_CACHE_BYTES {
            return Cache::default();
        }
        let mut bytes = Vec::new();
        let read = std::fs::File::open(&path)
            .and_then(|file| file.take(MAX_CACHE_BYTES).read_to_end(&mut bytes));
        let Some(mut cache) = read
            .ok()
            .and_then(|_| serde_json::from_slice::<Cache>(&bytes).ok())
        else {
            return Cache::default();
        };
        cache.written = metadata.modified().ok();
        cache
    }

    /// The entry of `stem` if `matches` says it was made from the same inputs and its
    /// files are on disk unchanged, their stamps with the times they have now. The entry
    /// must name exactly the document's own files, `names`: a cache naming another
    /// document's file, one outside the folder or none is not trusted.
    pub fn fresh(
        &self,
        dir: &Path,
        stem: &str,
        names: &[String],
        matches: impl Fn(&Entry) -> bool,
    ) -> Option<Entry> {
        let entry = self.documents.get(stem).filter(|entry| matches(entry))?;
        if !entry.files.iter().map(|f| &f.name).eq(names) {
            return None;
        }
        let files = entry
            .files
            .iter()
            .map(|stamp| stamp.on_disk(dir, self.written))
            .collect::<Option<Vec<Stamp>>>()?;
        Some(Entry {
            files,
            ..entry.clone()
        })
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

/// A SHA-256 fed field by field.
struct Fields(Sha256);

impl Fields {
    fn new() -> Self {
        let mut fields = Fields(Sha256::new());
        fields.bytes(BUILD_ID.as_bytes());
        fields
    }

    fn bytes(&mut self, bytes: &[u8]) {
        // Lengths first: no two different inputs run together into the same bytes.
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// Shared bytes (a file, the style) as [`Fields::bytes`] would have them, except that
    /// a large one is fed as its length and digest, hashed once per process (see
    /// [`digest_of`]).
    fn shared<T: ?Sized + AsRef<[u8]> + Send + Sync + 'static>(&mut self, shared: &Arc<T>) {
        let bytes = (**shared).as_ref();
        if bytes.len() < LARGE {
            self.bytes(bytes);
        } else {
            self.0.update((bytes.len() as u64).to_le_bytes());
            self.0.update(digest_of(shared));
        }
    }

    /// A value as JSON (self-delimiting, so no length is needed).
    fn json(&mut self, value: &impl Serialize) {
        // Writing into a hash cannot fail; a value that cannot be serialised leaves a
        // mark instead, so it never matches anything cached.
        if serde_json::to_writer(Hashing(&mut self.0), value).is_err() {
            self.text("\u{0}unserialisable");
        }
    }

    fn settings(&mut self, settings: &PdfSettings, emit_typst: bool) {
        self.text(&settings.ident);
        self.text(&settings.date.to_string());
        self.text(&format!("{:?}", settings.conformance));
        self.bytes(&[u8::from(emit_typst)]);
    }

    fn finish(self) -> String {
        hex::encode(self.0.finalize())
    }
}

/// From this size on, shared bytes are hashed once and their digest fed to each key.
/// Every document of a build hashes its style (some 40 kB) and its attached files into
/// two or three keys; a profile's own fonts are megabytes, in every document's keys.
const LARGE: usize = 16 * 1024;

/// The SHA-256 of `shared`, computed once for the same allocation: the few most recent
/// are kept, each with the `Arc` it was computed from, so that its address cannot be
/// reused by other bytes while it is kept.
fn digest_of<T: ?Sized + AsRef<[u8]> + Send + Sync + 'static>(shared: &Arc<T>) -> [u8; 32] {
    /// Where the bytes are and how many, and the `Arc` that keeps them there.
    type Held = ((usize, usize), Box<dyn std::any::Any + Send>);
    /// A build's style, its meetings' large YAML files and its profiles' fonts.
    static KNOWN: Recent<Held, [u8; 32]> = Recent::new(64);
    let bytes = (**shared).as_ref();
    let at = (bytes.as_ptr() as usize, bytes.len());
    KNOWN.get_or_make(
        |(place, _)| *place == at,
        || {
            let held: Box<dyn std::any::Any + Send> = Box::new(shared.clone());
            ((at, held), Sha256::digest(bytes).into())
        },
    )
}

/// Writes into a hash.
struct Hashing<'a>(&'a mut Sha256);

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The key of a document: a SHA-256 over everything its PDF depends on. `emit_typst`
/// counts, since it adds a file.
pub fn key(source: &TypstSource, settings: &PdfSettings, emit_typst: bool) -> String {
    let mut fields = Fields::new();
    source_fields(&mut fields, source);
    fields.settings(settings, emit_typst);
    fields.finish()
}

/// What the pages of `source` typeset with `settings` are made of, whatever file the PDF
/// is (its identity is left out): a handlingar packet takes the PDF of a part it shares
/// with the build's own document of the same content key, rather than typesetting it.
pub fn content_key(source: &TypstSource, settings: &PdfSettings) -> String {
    let mut fields = Fields::new();
    source_fields(&mut fields, source);
    fields.text(&settings.date.to_string());
    fields.text(&format!("{:?}", settings.conformance));
    fields.finish()
}

fn source_fields(fields: &mut Fields, source: &TypstSource) {
    fields.shared(&source.style.text);
    fields.text(&source.text);
    for (name, bytes) in source.attachments.iter().chain(&source.images) {
        fields.text(name);
        fields.shared(bytes);
    }
    // The profile's own fonts shape the pages even where they are not attached (PDF/A-2).
    for font in &source.fonts {
        fields.shared(font);
    }
    for (name, text) in &source.parts {
        fields.text(name);
        fields.text(text);
    }
}

/// What identifies a set of templates: every name and text.
pub fn templates_key(templates: &Templates) -> String {
    let mut fields = Fields::new();
    for (name, text) in templates.texts() {
        fields.text(name);
        fields.text(text);
    }
    fields.finish()
}

/// The inputs key of a document: a SHA-256 over everything its Typst source is rendered
/// from, and the settings it is typeset with. `templates` identifies the templates in use
/// (see [`templates_key`]); `attach` and `publish` are the
/// renderer's switches.
pub fn inputs_key(
    document: &Document,
    templates: &str,
    attach: bool,
    publish: bool,
    settings: &PdfSettings,
    emit_typst: bool,
) -> String {
    let mut fields = Fields::new();
    fields.text(templates);
    fields.bytes(&[u8::from(attach), u8::from(publish)]);
    document_fields(&mut fields, document);
    fields.settings(settings, emit_typst);
    fields.finish()
}

fn document_fields(fields: &mut Fields, document: &Document) {
    fields.text(&format!(
        "{:?} {:?} {:?} {:?} {:?} {}",
        document.kind,
        document.date,
        document.dnr,
        document.paragraph,
        document.meeting_date,
        document.secret
    ));
    fields.text(&document.committee);
    fields.text(&document.title);
    fields.text(document.part.as_deref().unwrap_or("\u{0}"));
    for source in &document.sources {
        fields.text(&source.name);
        fields.text(&source.description);
        fields.text(source.mime);
        fields.shared(&source.bytes);
    }
    fields.json(&document.redactions);
    fields.json(&document.profile);
    for (name, bytes) in &document.profile.images {
        fields.text(name);
        fields.shared(bytes);
    }
    match &document.view {
        View::Statement(view) => fields.json(view),
        View::Extract(view) => fields.json(view),
        View::Notice(view) => fields.json(view),
        View::Attachment(view) => fields.json(view),
        View::Protocol(view) | View::Agenda(view) => fields.json(view),
        View::Packet(packet) => {
            fields.text(&packet.committee);
            fields.text(&packet.meeting_date);
            fields.json(&packet.date_parts);
            fields.bytes(&[u8::from(packet.public)]);
            fields.text(&packet.reference_heading);
            for part in &packet.parts {
                fields.text(part.reference.as_deref().unwrap_or("\u{0}"));
                document_fields(fields, &part.document);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of `bytes` fed as shared bytes.
    fn key_of(bytes: &Arc<[u8]>) -> String {
        let mut fields = Fields::new();
        fields.shared(bytes);
        fields.finish()
    }

    #[test]
    fn large_shared_bytes_are_keyed_by_their_content_not_their_place() {
        let large: Arc<[u8]> = vec![7u8; LARGE + 1].into();
        let copy: Arc<[u8]> = large.to_vec().into();
        let mut changed = large.to_vec();
        changed[LARGE / 2] = 8;
        let changed: Arc<[u8]> = changed.into();
        assert_eq!(key_of(&large), key_of(&copy));
        // Asked again: the digest kept for that allocation.
        assert_eq!(key_of(&large), key_of(&copy));
        assert_ne!(key_of(&large), key_of(&changed));
        // Small bytes are fed as they are.
        let small: Arc<[u8]> = b"kort".to_vec().into();
        let mut fields = Fields::new();
        fields.bytes(b"kort");
        assert_eq!(key_of(&small), fields.finish());
    }

    #[test]
    fn an_entry_is_fresh_only_with_its_key_and_its_files_unchanged() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = folder.path();
        let file = OutputFile {
            name: "a.pdf".into(),
            bytes: b"%PDF".to_vec(),
        };
        let _ = std::fs::write(dir.join("a.pdf"), &file.bytes);
        let entry = Entry {
            inputs: String::new(),
            key: "k".into(),
            files: vec![Stamp::of(&file, None)],
        };
        let cache = Cache::default().updated([("a".to_owned(), entry)]);
        let key = |k: &'static str| move |entry: &Entry| entry.key == k;
        let names = ["a.pdf".to_owned()];
        assert!(cache.fresh(dir, "a", &names, key("k")).is_some());
        assert!(cache.fresh(dir, "a", &names, key("other")).is_none());
        assert!(cache.fresh(dir, "b", &names, key("k")).is_none());
        // Only for the document's own files.
        assert!(
            cache
                .fresh(dir, "a", &["b.pdf".to_owned()], key("k"))
                .is_none()
        );
        assert!(cache.fresh(dir, "a", &[], key("k")).is_none());
        // Same size, other bytes: not trusted.
        let _ = std::fs::write(dir.join("a.pdf"), b"%PDX");
        assert!(cache.fresh(dir, "a", &names, key("k")).is_none());
    }
}
