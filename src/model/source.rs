//! A YAML file as read: its bytes, its text and where each value stands, parsed once
//! (see [`super::yaml`]) into the model, every error in Swedish at file, line and column.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::DeserializeOwned;

use super::keys::{self, Schema};
use super::yaml::{self, Node};
use super::{
    CASE_SCHEMA, Case, MEETING_SCHEMA, Meeting, PLACEHOLDER, Piece, Positions, files, pieces,
    text_rules,
};
use crate::error::{Error, Problem, Result};

/// A YAML file as read: its path, its text and where its values stand.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The text as parsed (a byte order mark removed); shared by every copy, as are its
    /// positions (a year's load holds each file once).
    pub text: Arc<str>,
    /// Whether the file began with a byte order mark.
    pub bom: bool,
    pub positions: Arc<Positions>,
    /// The file's exact bytes, as read: shared by every document that attaches it.
    pub(super) raw: Arc<[u8]>,
    /// The tree read with the positions, until the typed parse takes it (a year's load
    /// keeps thousands of files, and their positions are enough after that); or why the
    /// text is no YAML.
    pub(super) tree: Arc<Mutex<Option<std::result::Result<Node, yaml::Error>>>>,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<Self> {
        // Read at most one byte past the limit: a huge file is refused, not loaded.
        let bytes =
            files::read_regular(path, MAX_FILE_BYTES).map_err(|why| Problem::in_file(path, why))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::in_file(
                path,
                format!("filen är större än {} MiB; en ärende- eller sammanträdesfil är några hundra kB", MAX_FILE_BYTES >> 20),
            )
            .into());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Problem::at(
                path,
                &shown,
                line,
                column,
                "filen är inte UTF-8: spara den som UTF-8 i editorn",
            )
        })?;
        Ok(Self::from_text(path, text))
    }

    pub fn from_text(path: &Path, text: String) -> Self {
        // A byte order mark is legal YAML but invisible in an editor: columns count without it.
        let raw = std::sync::Arc::from(text.as_bytes());
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        // The one read: the tree gives the positions now and the typed value later.
        let tree = yaml::parse(&text);
        let positions = match &tree {
            Ok(tree) => Positions::index(tree),
            Err(_) => Positions::default(),
        };
        SourceFile {
            path: path.to_path_buf(),
            positions: Arc::new(positions),
            text: text.into(),
            bom,
            raw,
            tree: Arc::new(Mutex::new(Some(tree))),
        }
    }

    /// The tree, taken; a file parsed into the model a second time (a meeting whose first
    /// parse failed, a case shared by two loads) is read again.
    fn tree(&self) -> Result<Node> {
        let mut slot = self.tree.lock().unwrap_or_else(PoisonError::into_inner);
        let tree = match slot.take() {
            Some(Ok(tree)) => Ok(tree),
            Some(Err(e)) => {
                *slot = Some(Err(e.clone()));
                Err(e)
            }
            None => yaml::parse(&self.text),
        };
        tree.map_err(|e| Error::from(self.yaml_problem(&e)))
    }

    /// The file's exact bytes, as read.
    pub fn bytes(&self) -> std::sync::Arc<[u8]> {
        self.raw.clone()
    }

    /// The file's name within the nämnd's folder, `2015-03-24/sammantrade.yaml`: its path
    /// relative to `root` (the nämnd's folder of the document it is
    /// attached to), `/`-separated: unique for every file under it, so that two cases of
    /// the same name in different folders never share a name in a PDF.
    pub fn archive_name_under(&self, root: &Path) -> String {
        let relative = self.path.canonicalize().ok().and_then(|real| {
            let root = root.canonicalize().ok()?;
            real.strip_prefix(&root).ok().map(Path::to_path_buf)
        });
        match relative {
            Some(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            None => self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    /// A problem at the value of `field`, or at the file if the field has no place.
    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        match self.positions.find(field) {
            Some((line, column)) => Problem::at(&self.path, &self.text, line, column, message),
            None => Problem::in_file(&self.path, message),
        }
        .with_field(field)
    }

    /// Deserialize the file: first every unknown key at once, then serde's typed parse
    /// (whose error, with its position, is the first type error of the file).
    pub(crate) fn parse<T: DeserializeOwned>(&self, schema: Schema) -> Result<T> {
        self.parse_printed(
            schema,
            &PrintedTexts {
                not_empty: &[],
                as_written: &[],
                fills: |_| false,
            },
        )
    }

    /// [`Self::parse`], refusing an empty text at any place `printed.not_empty` names
    /// (paths or their beginnings, `rubriker.`), a heading or label that would print as
    /// nothing, and a `{placeholder}` where `printed.as_written` says nothing is filled in.
    pub(crate) fn parse_printed<T: DeserializeOwned>(
        &self,
        schema: Schema,
        printed: &PrintedTexts,
    ) -> Result<T> {
        let tree = self.tree().map_err(|error| {
            let characters = text_rules::forbidden_characters(self);
            if characters.is_empty() {
                error
            } else {
                Error::new(characters)
            }
        })?;
        let mut problems = text_rules::problems(self);
        problems.extend(text_rules::unshowable(self, &tree));
        problems.extend(keys::unknown_keys(self, &tree, schema));
        self.placeholders(&tree, "", &mut problems);
        let under = |places: &[&str], path: &str| places.iter().any(|p| path.starts_with(p));
        text_rules::strings(&tree, "", &mut |path, text| {
            if text.trim().is_empty() && under(printed.not_empty, path) {
                problems.push(self.problem(
                    path,
                    "en rubrik eller etikett kan inte vara tom: skriv orden som ska stå där, \
                     eller ta bort raden för paragrafs standardord",
                ));
            }
            let placeholder = pieces(text).iter().find_map(|piece| match piece {
                Piece::Value(name) => Some(*name),
                Piece::Text(_) => None,
            });
            if let Some(name) = placeholder
                && under(printed.as_written, path)
                && !(printed.fills)(path)
            {
                problems.push(self.problem(
                    path,
                    format!("{{{name}}} fylls inte i här: texten skrivs som den står"),
                ));
            }
        });
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        T::deserialize(yaml::de::Cursor::root(&tree))
            .map_err(|e| Error::from(self.yaml_problem(&e)))
    }

    /// Every placeholder of a `paragraf new` skeleton still in the file.
    fn placeholders(&self, value: &Node, path: &str, out: &mut Vec<Problem>) {
        text_rules::strings(value, path, &mut |path, text| {
            if text.contains(PLACEHOLDER) {
                out.push(self.problem(path, format!("fyll i eller ta bort: {}", text.trim())));
            }
        });
    }

    pub fn parse_case(&self) -> Result<Case> {
        self.parse(CASE_SCHEMA)
    }

    pub fn parse_meeting(&self) -> Result<Meeting> {
        self.parse(MEETING_SCHEMA).map(Meeting::with_points_apart)
    }

    /// The error in Swedish (field path first, when serde was in a field) at its place.
    fn yaml_problem(&self, error: &yaml::Error) -> Problem {
        let message = error.to_string();
        match error.position() {
            Some((line, column)) => Problem::at(&self.path, &self.text, line, column, message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// Whether the file is a meeting (it lists paragrafer at top level) rather than a case.
    /// Whether the text is YAML at all (what it holds aside).
    pub fn parses(&self) -> bool {
        let slot = self.tree.lock().unwrap_or_else(PoisonError::into_inner);
        // Taken by a typed parse, it had parsed.
        !matches!(*slot, Some(Err(_)))
    }

    pub fn is_meeting(&self) -> bool {
        self.positions.find("paragrafer").is_some()
    }
}

/// Where a file's texts are printed as they stand ([`SourceFile::parse_printed`]).
pub(crate) struct PrintedTexts {
    /// Texts that cannot be empty.
    pub not_empty: &'static [&'static str],
    /// Texts in which no `{placeholder}` is filled in.
    pub as_written: &'static [&'static str],
    /// The paths under `as_written` whose text fills in its values after all.
    pub fills: fn(&str) -> bool,
}

/// The largest YAML file read: a case with two full application tables is ~60 kB.
const MAX_FILE_BYTES: u64 = 4 << 20;
