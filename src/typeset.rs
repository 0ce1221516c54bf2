//! Stage 5: Typst source to PDF bytes, compiled in-process.
//!
//! Our own `World`: the fonts in `fonts/` (compiled into the binary), the generated
//! source, the shared style, and files (a logo, an image) only from the case's folder.
//! No system fonts, no packages, no network. Fonts and the standard library are built
//! once per process and shared by every document; comemo memoises across compilations.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::error::{Error, Problem, Result};
use crate::fonts::{FONTS, Fonts};
use crate::recent::Recent;
use crate::render::{self, TypstSource};

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// Which PDF standards to export to. Typst checks the document against them when it
/// exports, so a template that breaks conformance fails the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conformance {
    /// Archive-grade and accessible: PDF/A-3a + PDF/UA-1 when the YAML source is
    /// attached, PDF/A-2a + PDF/UA-1 when it is not.
    Archive,
    /// Exactly these standards (none: a plain tagged PDF 1.7).
    Standards(Vec<PdfStandard>),
}

impl Conformance {
    /// `archive`, `plain`, or standards by Typst's names: `a-2b`, `a-3a,ua-1`, `1.7`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "archive" => Ok(Conformance::Archive),
            "plain" => Ok(Conformance::Standards(Vec::new())),
            list => list
                .split(',')
                .map(|name| {
                    serde_json::from_value(serde_json::Value::String(name.trim().to_owned()))
                        .map_err(|_| format!("okänd PDF-standard `{}`", name.trim()))
                })
                .collect::<Result<Vec<PdfStandard>, String>>()
                .map(Conformance::Standards),
        }
    }

    /// Whether the standards allow attached files (PDF/A-1, -2 and -4 do not; -3 and
    /// -4f do, and so does PDF without an archival part).
    pub fn allows_attachments(&self) -> bool {
        match self {
            Conformance::Archive => true,
            Conformance::Standards(list) => list.iter().all(|s| {
                use PdfStandard::*;
                !matches!(s, A_1a | A_1b | A_2a | A_2b | A_2u | A_4 | A_4e)
            }),
        }
    }

    fn standards(&self, attached: bool) -> Vec<PdfStandard> {
        match self {
            Conformance::Archive if attached => vec![PdfStandard::A_3a, PdfStandard::Ua_1],
            Conformance::Archive => vec![PdfStandard::A_2a, PdfStandard::Ua_1],
            Conformance::Standards(list) => list.clone(),
        }
    }
}

/// Facts the PDF carries that do not come from the source.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Stable identifier of the document (dnr, kind, §): same input, same PDF ID.
    pub ident: String,
    /// The document's own date; Typst's `datetime.today()` gives it, never the clock.
    pub date: chrono::NaiveDate,
    /// Folder from which the document may read files (images); nothing outside it.
    pub root: Option<PathBuf>,
    pub conformance: Conformance,
}

/// Typeset `source` and export it as PDF.
pub fn typeset(source: &TypstSource, settings: &PdfSettings) -> Result<Vec<u8>> {
    let world = DocumentWorld::new(source, settings);
    let result = typst::compile::<PagedDocument>(&world);
    let document = result.output.map_err(|errors| world.problems(&errors))?;
    let list = settings
        .conformance
        .standards(!source.attachments.is_empty());
    let standards = PdfStandards::new(&list).map_err(|e| {
        Problem::in_file(
            Path::new("--pdf-standard"),
            format!("PDF-standarderna går inte att kombinera: {}", e.message()),
        )
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        // Pinned so that identical input gives identical bytes across Typst upgrades too.
        creator: Smart::Custom(Some(format!("paragraf {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| world.problems(&errors))
}

/// The text of the Typst string literal (`"…"`) that holds or precedes `column` (1-based)
/// of `line`, unescaped.
fn string_literal_at(line: &str, column: usize) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut literals: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '"' {
            let start = i;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    text.push(match chars[i] {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    text.push(chars[i]);
                }
                i += 1;
            }
            literals.push((start, text));
        }
        i += 1;
    }
    literals
        .into_iter()
        .rfind(|(start, _)| *start < column.max(1))
        .map(|(_, text)| text)
}

/// The Typst world of one document.
struct DocumentWorld {
    main: Source,
    style: Source,
    /// Files served from memory by their name (a path relative to the project root): the
    /// attachments of the PDF and the images it shows.
    served: Vec<(String, Bytes)>,
    root: Option<PathBuf>,
    today: Option<Datetime>,
    template: render::TemplateFile,
    style_path: PathBuf,
    /// The document's YAML files, for messages.
    yaml: Vec<(PathBuf, String)>,
    /// The profile's own fonts with the embedded ones; none: the embedded alone.
    fonts: Option<Arc<Fonts>>,
}

fn file_id(path: &str) -> FileId {
    // The paths are constants, without the `..` that `VirtualPath::new` rejects.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| file_id("main.typ"));
static STYLE_ID: LazyLock<FileId> = LazyLock::new(|| file_id(render::STYLE_NAME));

/// A Typst file of the build (the style, a profile's `profil.typ`), parsed once for all
/// the documents that share it: parsing the style for each document cost a fifth of
/// typesetting a short one. A build has one style and a profile module per organ; the
/// few most recent are kept.
fn parsed(id: FileId, text: &str) -> Source {
    // Keyed by the source itself (a clone shares its text and tree).
    static PARSED: Recent<Source, Source> = Recent::new(16);
    PARSED.get_or_make(
        |source| source.id() == id && source.text() == text,
        || {
            let source = Source::new(id, text.to_owned());
            (source.clone(), source)
        },
    )
}

impl DocumentWorld {
    fn new(source: &TypstSource, settings: &PdfSettings) -> Self {
        use chrono::Datelike;
        let date = settings.date;
        DocumentWorld {
            main: Source::new(*MAIN_ID, source.text.clone()),
            style: parsed(*STYLE_ID, &source.style.text),
            // Images first: the profile's module leads them, ahead of any file of the
            // same name.
            served: source
                .images
                .iter()
                .chain(&source.attachments)
                .map(|(name, bytes)| (name.clone(), Bytes::new(bytes.clone())))
                .collect(),
            root: settings.root.clone(),
            today: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8),
            template: source.template.clone(),
            style_path: source.style.path.clone(),
            yaml: source.yaml.clone(),
            fonts: (!source.fonts.is_empty()).then(|| crate::fonts::with_own(&source.fonts)),
        }
    }

    /// A file served from memory (an attachment, an image, the profile's module) by its id.
    fn served_file(&self, id: FileId) -> Option<&(String, Bytes)> {
        let name = id.vpath().get_without_slash();
        self.served.iter().find(|(n, _)| n == name)
    }

    /// Read a file of the case's folder, refusing anything that resolves outside it.
    fn read_confined(&self, id: FileId) -> FileResult<Vec<u8>> {
        let root = self.root.as_ref().ok_or(FileError::AccessDenied)?;
        let root = root
            .canonicalize()
            .map_err(|e| FileError::from_io(e, root))?;
        let path = root.join(id.vpath().get_without_slash());
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(&root) {
            return Err(FileError::AccessDenied);
        }
        std::fs::read(&real).map_err(|e| FileError::from_io(e, &real))
    }

    /// Where in the document's YAML the text of the string literal at `column` of the
    /// generated `line` stands: file, text, line and column.
    fn yaml_place(&self, line: &str, column: usize) -> Option<(&Path, &str, usize, usize)> {
        let literal = string_literal_at(line, column)?;
        let needle: String = literal.trim().chars().take(40).collect();
        if needle.chars().count() < 3 {
            return None;
        }
        self.yaml.iter().find_map(|(path, text)| {
            let at = text.find(&needle)?;
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Some((path.as_path(), text.as_str(), line, column))
        })
    }

    /// Typst diagnostics as problems at the line of the template that caused them.
    fn problems(&self, diagnostics: &[SourceDiagnostic]) -> Error {
        let problems = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|diagnostic| self.problem(diagnostic))
            .collect();
        Error::new(problems)
    }

    fn problem(&self, diagnostic: &SourceDiagnostic) -> Problem {
        let mut message = format!("Typst: {}", diagnostic.message);
        for hint in &diagnostic.hints {
            message.push_str(&format!(" (hint: {})", hint.v));
        }
        let located = diagnostic.span.id().and_then(|id| {
            let source = self.source(id).ok()?;
            let range = self.range(diagnostic.span)?;
            let (line, column) = source.lines().byte_to_line_column(range.start)?;
            Some((id, source, line + 1, column + 1))
        });
        match located {
            Some((id, source, line, column)) if id == *STYLE_ID => {
                Problem::at(&self.style_path, source.text(), line, column, message)
            }
            Some((_, source, line, column)) => {
                // Generated source: name the YAML text it came from, else the template line
                // that produced it; quote the generated line only in part.
                let generated = source.text().lines().nth(line - 1).unwrap_or("");
                let template_source: &str = &self.template.text;
                let template_line = render::template_line_for(template_source, generated);
                let path = &self.template.path;
                let at_template = match template_line {
                    Some(at) => format!("{}:{at}", path.display()),
                    None => path.display().to_string(),
                };
                let shown: String = generated.trim().chars().take(120).collect();
                let ellipsis = if generated.trim().chars().count() > 120 {
                    "…"
                } else {
                    ""
                };
                let message = format!(
                    "{message} [mallen {at_template}, rad {line} av den genererade Typst-koden: `{shown}{ellipsis}`]"
                );
                match self.yaml_place(generated, column) {
                    Some((file, text, line, column)) => {
                        Problem::at(file, text, line, column, message)
                    }
                    None => match template_line {
                        Some(at) => Problem::at(path, template_source, at, 1, message),
                        None => Problem::in_file(path, message),
                    },
                }
            }
            None => Problem::in_file(&self.template.path, message),
        }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.as_deref().unwrap_or(&FONTS).book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.style.id() {
            Ok(self.style.clone())
        } else if let Some((_, bytes)) = self.served_file(id) {
            // The profile's `profil.typ`, generated and served from memory.
            let text = std::str::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(parsed(id, text))
        } else {
            let bytes = self.read_confined(id)?;
            let text = String::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() || id == self.style.id() {
            return Ok(Bytes::from_string(self.source(id)?.text().to_owned()));
        }
        if let Some((_, bytes)) = self.served_file(id) {
            return Ok(bytes.clone());
        }
        self.read_confined(id).map(Bytes::new)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts
            .as_deref()
            .unwrap_or(&FONTS)
            .fonts
            .get(index)
            .cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Drop memoised results no compilation has used lately. A build calls it every few
/// documents and at its end, so that the cache holds what the documents in flight share
/// (fonts, the standard library, the style) rather than every document of the build.
pub fn trim_cache() {
    comemo::evict(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(root: Option<PathBuf>) -> PdfSettings {
        PdfSettings {
            ident: "test".into(),
            date: chrono::NaiveDate::from_ymd_opt(2015, 3, 24).unwrap_or_default(),
            root,
            conformance: Conformance::Standards(Vec::new()),
        }
    }

    #[test]
    fn a_file_parsed_once_is_shared_until_its_text_changes() {
        let id = file_id("parsed-test.typ");
        let first = parsed(id, "#let a = 1");
        let again = parsed(id, "#let a = 1");
        // The same parse: one syntax tree, not two equal ones.
        assert!(std::ptr::eq(first.root(), again.root()));
        let changed = parsed(id, "#let a = 2");
        assert_eq!(changed.text(), "#let a = 2");
        assert!(!std::ptr::eq(changed.root(), first.root()));
        // Another file with the same text is its own.
        let other = parsed(file_id("parsed-test-2.typ"), "#let a = 1");
        assert_eq!(other.id(), file_id("parsed-test-2.typ"));
    }

    const TEMPLATE: &str = "tjansteutlatande.typ.j2";

    fn source(text: &str) -> TypstSource {
        let templates = render::Templates::built_in();
        TypstSource {
            template: templates
                .template(TEMPLATE)
                .cloned()
                .unwrap_or_else(|| unreachable!()),
            style: templates.style().clone(),
            text: format!("#import \"paragraf.typ\": *\n{text}\n"),
            attachments: Vec::new(),
            // The style imports the profile's module, as render writes it for the
            // built-in profile.
            images: vec![(
                render::identity::MODULE.to_owned(),
                std::sync::Arc::from(
                    render::identity::module(
                        &crate::derive::ProfileViews::default()
                            .of(
                                &std::sync::Arc::new(crate::model::LoadedProfile::default()),
                                &crate::facts::OrganFacts::named(
                                    "Socialnämnden",
                                    crate::model::Organ::default(),
                                    &crate::model::Profile::default(),
                                ),
                            )
                            .0,
                    )
                    .into_bytes(),
                ),
            )],
            fonts: Vec::new(),
            parts: Vec::new(),
            yaml: vec![(
                PathBuf::from("arende.yaml"),
                "nämnd: X\nrubrik: Ett långt namn på ärendet\n".to_owned(),
            )],
        }
    }

    #[test]
    fn a_typst_error_in_user_text_is_reported_at_its_yaml_line() {
        let long = "x".repeat(500);
        let problem = error_of(
            &format!("#fact-grid(\"{long}\", \"Ett långt namn på ärendet\" + 1pt)"),
            None,
        );
        assert_eq!(problem.file, PathBuf::from("arende.yaml"), "{problem}");
        assert_eq!(problem.position, Some((2, 9)), "{problem}");
        // The generated line is quoted in part only.
        assert!(problem.message.len() < 500, "{problem}");
        assert!(
            problem.message.contains("tjansteutlatande.typ.j2"),
            "{problem}"
        );
    }

    fn error_of(text: &str, root: Option<PathBuf>) -> Problem {
        match typeset(&source(text), &settings(root)) {
            Ok(_) => panic!("{text} should not compile"),
            Err(e) => e
                .problems
                .into_iter()
                .next()
                .unwrap_or_else(|| Problem::in_file(Path::new("-"), "none")),
        }
    }

    #[test]
    fn a_typst_error_is_reported_at_the_template_line_that_made_it() {
        let problem = error_of("#fact-grid(1pt + \"x\")", None);
        assert_eq!(problem.file, render::built_in_path(TEMPLATE));
        let template = source("").template.text;
        let expected = template
            .lines()
            .position(|l| l.starts_with("#fact-grid("))
            .map(|i| i + 1);
        assert_eq!(
            problem.position.map(|(line, _)| line),
            expected,
            "{problem}"
        );
        assert!(problem.message.contains("cannot add"), "{problem}");
    }

    #[test]
    fn a_template_that_breaks_conformance_fails_the_build() {
        // PDF/UA-1 requires a document title; without one the archive export must fail.
        let untitled = source("#set text(lang: \"sv\")\nText.");
        let archive = PdfSettings {
            conformance: Conformance::Archive,
            ..settings(None)
        };
        let error = typeset(&untitled, &archive)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("title"),
            "expected a PDF/UA error about the title, got {error:?}"
        );
        // The same document as plain PDF is fine.
        assert!(typeset(&untitled, &settings(None)).is_ok());
    }

    #[test]
    fn files_outside_the_case_folder_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("logo.txt"), "inne").unwrap_or_default();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("genväg")).unwrap_or_default();
        let root = Some(dir.path().to_path_buf());
        assert!(typeset(&source("#read(\"logo.txt\")"), &settings(root.clone())).is_ok());
        for escape in ["/etc/passwd", "../../../../etc/passwd", "genväg"] {
            let problem = error_of(&format!("#read(\"{escape}\")"), root.clone());
            assert!(
                problem.message.starts_with("Typst: "),
                "{escape}: {problem}"
            );
        }
        // Without a case folder, no file at all.
        error_of("#read(\"logo.txt\")", None);
    }
}
