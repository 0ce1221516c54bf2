//! A YAML file as read: its bytes, its text and where each value stands, parsed into the
//! model with serde_yaml's errors put in Swedish and pointed at file, line and column.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::keys::{self, Schema};
use super::{
    CASE_SCHEMA, Case, MEETING_SCHEMA, Meeting, PLACEHOLDER, Positions, files, text_rules,
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
        SourceFile {
            path: path.to_path_buf(),
            positions: Arc::new(Positions::index(&text)),
            text: text.into(),
            bom,
            raw,
        }
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
    pub(crate) fn parse<T: for<'de> Deserialize<'de>>(&self, schema: Schema) -> Result<T> {
        let tree: serde_yaml::Value =
            serde_yaml::from_str(&self.text).map_err(|e| Error::from(self.yaml_problem(&e)))?;
        let mut problems = text_rules::problems(self);
        problems.extend(text_rules::unshowable(self, &tree));
        problems.extend(keys::unknown_keys(self, &tree, schema));
        self.placeholders(&tree, "", &mut problems);
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        serde_yaml::from_str(&self.text).map_err(|e| Error::from(self.yaml_problem(&e)))
    }

    /// Every placeholder of a `paragraf new` skeleton still in the file.
    fn placeholders(&self, value: &serde_yaml::Value, path: &str, out: &mut Vec<Problem>) {
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
        self.parse(MEETING_SCHEMA)
    }

    fn yaml_problem(&self, error: &serde_yaml::Error) -> Problem {
        let mut message = error.to_string();
        // serde_yaml appends "at line L column C"; the position is shown on its own.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        let position = error
            .location()
            .map(|at| (at.line(), at.column()))
            .or_else(|| self.second_document_at(&message));
        // serde_yaml places a duplicate key at its mapping; point at the second key.
        let position = match message.contains("duplicate entry with key") {
            true => self.positions.duplicate_key().or(position),
            false => position,
        };
        let message = explain(&shorten_quoted(&message));
        match position {
            Some((line, column)) => Problem::at(&self.path, &self.text, line, column, message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// Where a second YAML document starts, for the error about several documents.
    fn second_document_at(&self, message: &str) -> Option<(usize, usize)> {
        if !message.contains("more than one document") {
            return None;
        }
        let mut content = false;
        self.text.lines().enumerate().find_map(|(i, line)| {
            if line.starts_with("---") && content {
                return Some((i + 1, 1));
            }
            content |= !line.trim().is_empty()
                && !line.trim_start().starts_with('#')
                && !line.starts_with("---");
            None
        })
    }

    /// Whether the file is a meeting (it lists paragrafer at top level) rather than a case.
    pub fn is_meeting(&self) -> bool {
        self.positions.find("paragrafer").is_some()
    }
}

/// The largest YAML file read: a case with two full application tables is ~60 kB.
const MAX_FILE_BYTES: u64 = 4 << 20;

/// serde_yaml's and chrono's messages (English, about types) in Swedish, about what the
/// person who wrote the file should do. A path prefix (`paragrafer[0].datum: …`) is kept.
fn explain(message: &str) -> String {
    let (prefix, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (format!("{path}: "), rest),
        _ => (String::new(), message),
    };
    format!("{prefix}{}", swedish_message(rest))
}

/// One serde_yaml or chrono message in Swedish.
fn swedish_message(message: &str) -> String {
    const FIXED: &[(&str, &str)] = &[
        (
            "repetition limit exceeded",
            "YAML-alias (&namn, *namn) upprepar för mycket: filen skulle bli orimligt stor",
        ),
        (
            "recursion limit exceeded",
            "för djupt nästlade listor eller nycklar",
        ),
        (
            "more than one document",
            "filen innehåller flera YAML-dokument (---); en fil ska innehålla ett ärende, ett sammanträde eller en profil",
        ),
        (
            "duplicate entry with key",
            "samma nyckel står två gånger; ta bort den ena",
        ),
        ("input is out of range", "datumet finns inte i kalendern"),
        (
            "premature end of input",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "input contains invalid characters",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "trailing input",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "did not find expected ',' or ']'",
            "en [ saknar sin ]; leta uppåt från raden",
        ),
        (
            "did not find expected ',' or '}'",
            "en { saknar sin }; leta uppåt från raden",
        ),
        (
            "cannot start any token",
            "tecknet kan inte börja ett värde här; indrag görs med mellanslag, inte tabb",
        ),
        (
            "mapping values are not allowed",
            "ett kolon (:) står där det inte kan stå; sätt texten inom citattecken",
        ),
        (
            "did not find expected key",
            "indraget stämmer inte: här väntades en nyckel",
        ),
        ("did not find expected node content", "ett värde saknas här"),
        (
            "did not find expected '-' indicator",
            "indraget stämmer inte: här väntades ett listelement (-)",
        ),
        (
            "unexpected end of stream",
            "filen tar slut mitt i ett värde; ett citattecken eller en parentes stängs inte",
        ),
        (
            "unknown escape character",
            "okänd escape-sekvens (\\) i texten inom citattecken",
        ),
        (
            "found a tab character",
            "indrag görs med mellanslag, inte tabb",
        ),
    ];
    if let Some((_, swedish)) = FIXED.iter().find(|(english, _)| message.contains(english)) {
        return (*swedish).to_owned();
    }
    let capture = |pattern: &str| regex_lite::Regex::new(pattern).ok()?.captures(message);
    if let Some(c) = capture(r"^invalid type: (.*), expected (.*)$") {
        return format!(
            "fel slags värde: {} där det ska stå {}",
            found_value(&c[1]),
            expected_value(&c[2])
        );
    }
    if let Some(c) = capture(r"^invalid value: (.*), expected (.*)$") {
        return format!(
            "ogiltigt värde: {}; här ska stå {}",
            found_value(&c[1]),
            expected_value(&c[2])
        );
    }
    if let Some(c) = capture(r"^missing field `(.*)`$") {
        return format!("nyckeln `{}` saknas", &c[1]);
    }
    if let Some(c) = capture(r"^unknown variant `(.*)`, expected (?:one of )?(.*)$") {
        return format!(
            "`{}` går inte här; skriv {}",
            &c[1],
            c[2].replace(", ", " eller ")
        );
    }
    if let Some(c) = capture(r"^data did not match any variant of untagged enum (\w+)$") {
        let form = match &c[1] {
            "MeetingTime" => {
                "tiden som text (`kl. 13.00–15.30`) eller med `från`, `till` och `ajournering`"
            }
            "Names" => "ett namn eller en lista med namn",
            "Decision" => {
                "en lista med beslutspunkter, eller bara de omformulerade punkterna efter nummer (`3: …`)"
            }
            _ => "ett värde av rätt slag (se schemat)",
        };
        return format!("värdet har ingen form som går här; skriv {form}");
    }
    if let Some(c) = capture(r"^invalid length (\d+), expected (.*)$") {
        return format!(
            "fel antal ({}); här ska stå {}",
            &c[1],
            expected_value(&c[2])
        );
    }
    // The model's own messages are Swedish already.
    message.to_owned()
}

/// What serde found, in Swedish: `string "no"` → `texten "no"`.
fn found_value(found: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("string ", "texten "),
        ("integer ", "talet "),
        ("floating point ", "decimaltalet "),
        ("boolean ", "sanningsvärdet "),
        ("unit value", "ett tomt värde"),
        ("map", "nycklar (en mappning)"),
        ("sequence", "en lista"),
    ];
    table
        .iter()
        .find_map(|(english, swedish)| {
            found
                .strip_prefix(english)
                .map(|rest| format!("{swedish}{}", rest.replace('`', "")))
        })
        .unwrap_or_else(|| found.to_owned())
}

/// What serde expected, in Swedish; the model's own expectations are Swedish already.
fn expected_value(expected: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("a boolean", "true eller false"),
        ("a string", "text"),
        ("a sequence", "en lista"),
        ("a map", "nycklar (en mappning)"),
        ("a YAML mapping", "nycklar (en mappning)"),
        ("a valid date", "ett datum, till exempel 2015-03-24"),
        (
            "a formatted date string",
            "ett datum, till exempel 2015-03-24",
        ),
    ];
    if let Some((_, swedish)) = table.iter().find(|(english, _)| expected == *english) {
        return (*swedish).to_owned();
    }
    if expected.starts_with("struct ") {
        return "nycklar (en mappning)".to_owned();
    }
    if matches!(
        expected,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    ) || expected.contains(" as u")
        || expected.contains(" as i")
    {
        return "ett heltal".to_owned();
    }
    expected.to_owned()
}

/// A message quoting a long value (a whole file read as one string) quotes its start only.
fn shorten_quoted(message: &str) -> String {
    const KEEP: usize = 60;
    let Some(open) = message.find('"') else {
        return message.to_owned();
    };
    let Some(close) = message.rfind('"').filter(|close| *close > open) else {
        return message.to_owned();
    };
    let quoted = &message[open + 1..close];
    if quoted.chars().count() <= KEEP {
        return message.to_owned();
    }
    let start: String = quoted.chars().take(KEEP).collect();
    format!("{}\"{start}…\"{}", &message[..open], &message[close + 1..])
}
