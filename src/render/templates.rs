//! The templates of a build: those compiled into the binary, a folder per output
//! (`templates/typst`, `templates/html`, `templates/xml`), each replaceable by a file of
//! the same name in the folder the user names (`--templates DIR`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::html;
use crate::error::{Problem, Result};

/// The templates, compiled into the binary so that a build depends on nothing on disk.
const TEMPLATES: &[(&str, &str)] = &[
    (
        STATEMENT_TEMPLATE,
        include_str!("../../templates/typst/tjansteutlatande.typ.j2"),
    ),
    (
        EXTRACT_TEMPLATE,
        include_str!("../../templates/typst/protokollsutdrag.typ.j2"),
    ),
    (
        NOTICE_TEMPLATE,
        include_str!("../../templates/typst/anslag.typ.j2"),
    ),
    (
        PROTOCOL_TEMPLATE,
        include_str!("../../templates/typst/protokoll.typ.j2"),
    ),
    (
        AGENDA_TEMPLATE,
        include_str!("../../templates/typst/kallelse.typ.j2"),
    ),
    (
        MACROS_TEMPLATE,
        include_str!("../../templates/typst/macros.typ.j2"),
    ),
    (
        ATTACHMENT_TEMPLATE,
        include_str!("../../templates/typst/bilaga.typ.j2"),
    ),
    (
        PACKET_TEMPLATE,
        include_str!("../../templates/typst/handlingar.typ.j2"),
    ),
    (
        html::PAGE_TEMPLATE,
        include_str!("../../templates/html/sida.html.j2"),
    ),
    (
        html::BOARD_TEMPLATE,
        include_str!("../../templates/html/anslagstavla.html.j2"),
    ),
    (
        html::FEED_TEMPLATE,
        include_str!("../../templates/xml/anslagstavla.xml.j2"),
    ),
    (
        html::PROTOCOL_TEMPLATE,
        include_str!("../../templates/html/protokoll.html.j2"),
    ),
    (
        html::EXTRACT_TEMPLATE,
        include_str!("../../templates/html/protokollsutdrag.html.j2"),
    ),
    (
        html::MACROS_TEMPLATE,
        include_str!("../../templates/html/webbmakron.html.j2"),
    ),
    (
        html::STYLESHEET,
        include_str!("../../templates/html/stil.css"),
    ),
];

/// The shared Typst style every document imports, as `paragraf.typ`.
const STYLE: &str = include_str!("../../templates/typst/paragraf.typ");
pub const STYLE_NAME: &str = "paragraf.typ";

pub(super) const STATEMENT_TEMPLATE: &str = "tjansteutlatande.typ.j2";
pub(super) const EXTRACT_TEMPLATE: &str = "protokollsutdrag.typ.j2";
pub(super) const NOTICE_TEMPLATE: &str = "anslag.typ.j2";
pub(super) const PROTOCOL_TEMPLATE: &str = "protokoll.typ.j2";
pub(super) const AGENDA_TEMPLATE: &str = "kallelse.typ.j2";
/// The handlingar packet: a table of contents, then its documents included.
pub(super) const PACKET_TEMPLATE: &str = "handlingar.typ.j2";
/// A bilaga that is a file: its pages as images.
pub(super) const ATTACHMENT_TEMPLATE: &str = "bilaga.typ.j2";
/// Pieces the meeting's templates share (a § as the protocol gives it).
const MACROS_TEMPLATE: &str = "macros.typ.j2";

/// One template (or the style) as a build uses it: its name, where it comes from (for
/// messages) and its text.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: &'static str,
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// The templates and the style of a build: those compiled into the binary, each of them
/// replaced by a file of the same name in a folder the user names (`--templates DIR`).
#[derive(Debug, Clone)]
pub struct Templates {
    pub(super) files: Vec<TemplateFile>,
}

impl Templates {
    /// Every template and the style: name and text.
    pub fn texts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.files.iter().map(|f| (f.name, &*f.text))
    }

    pub fn built_in() -> Self {
        let files = TEMPLATES
            .iter()
            .chain(std::iter::once(&(STYLE_NAME, STYLE)))
            .map(|&(name, text)| TemplateFile {
                name,
                path: built_in_path(name),
                text: text.into(),
            })
            .collect();
        Templates { files }
    }

    /// The built-in set with every file of `dir` that has a template's name in its place.
    /// A file there that no template is named like is an error: a misspelt name would
    /// otherwise be ignored without a word.
    pub fn with_overrides(dir: &Path) -> Result<Self> {
        let mut templates = Self::built_in();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Problem::in_file(
                dir,
                format!("kan inte läsas: {}", crate::model::files::io_message(&e)),
            )
        })?;
        let mut problems = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // What the folder itself holds, links not followed: a link could publish any
            // file the user can read as the site's stylesheet.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if name.starts_with('.') || kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                problems.push(Problem::in_file(
                    &path,
                    "är ingen vanlig fil (en länk, en FIFO eller en enhet); lägg mallen själv i mappen",
                ));
                continue;
            }
            let Some(file) = templates.files.iter_mut().find(|f| f.name == name) else {
                let known: Vec<&str> = templates.files.iter().map(|f| f.name).collect();
                problems.push(Problem::in_file(
                    &path,
                    format!("ingen mall heter så; mallarna är {}", known.join(", ")),
                ));
                continue;
            };
            let read =
                crate::model::files::read_regular(&path, MAX_TEMPLATE_BYTES).and_then(|bytes| {
                    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
                        return Err(format!(
                            "är större än {} MiB; en mall är några kB",
                            MAX_TEMPLATE_BYTES >> 20
                        ));
                    }
                    String::from_utf8(bytes).map_err(|_| "är inte UTF-8".to_owned())
                });
            match read {
                Ok(text) => {
                    file.path = path;
                    file.text = text.into();
                }
                Err(why) => problems.push(Problem::in_file(&path, why)),
            }
        }
        if problems.is_empty() {
            Ok(templates)
        } else {
            Err(crate::error::Error::new(problems))
        }
    }

    /// The template called `name`.
    pub fn template(&self, name: &str) -> Option<&TemplateFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The shared Typst style, `paragraf.typ`.
    pub fn style(&self) -> &TemplateFile {
        // `built_in` always holds the style; overrides only replace it.
        self.template(STYLE_NAME)
            .unwrap_or_else(|| unreachable!("the style is part of every template set"))
    }
}

/// The largest template file read from `--templates`.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Where a built-in template lies in the source tree, by what it makes: `templates/typst/`,
/// `templates/html/` (pages and their stylesheet) or `templates/xml/` (the feed).
pub fn built_in_path(name: &str) -> PathBuf {
    let folder = if name.ends_with(".typ.j2") || name.ends_with(".typ") {
        "typst"
    } else if name.ends_with(".xml.j2") {
        "xml"
    } else {
        "html"
    };
    PathBuf::from("templates").join(folder).join(name)
}
