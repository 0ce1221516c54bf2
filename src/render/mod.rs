//! Stage 4: a document view through its minijinja template into Typst source.
//!
//! Escaping is the environment's default for every `{{ … }}`: a value prints as a Typst
//! string literal (`#"…";`), so a template author cannot forget it. The only markup that
//! passes unescaped is what this crate makes itself (the `markdown` filter). `safe` is
//! disabled, an undefined variable is an error and so is printing `none`.

pub mod escape;
pub mod html;
pub mod identity;
pub mod markdown;
mod templates;

use templates::{
    AGENDA_TEMPLATE, ATTACHMENT_TEMPLATE, EXTRACT_TEMPLATE, NOTICE_TEMPLATE, PACKET_TEMPLATE,
    PROTOCOL_TEMPLATE, STATEMENT_TEMPLATE,
};
pub use templates::{STYLE_NAME, TemplateFile, Templates, built_in_path};

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::{Kwargs, Serde};
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior, Value};

use crate::derive::{Document, PacketPart, ProfileView, SourceAttachment, View};
use crate::error::{Problem, Result};
use crate::web_copy::{self, redact::Redactions};

/// The Typst source of a document, the template it came from, the style it imports, and
/// the files it attaches (name within the document, bytes), which the typesetter serves
/// under those names.
#[derive(Debug, Clone)]
pub struct TypstSource {
    pub template: TemplateFile,
    pub style: TemplateFile,
    pub text: String,
    pub attachments: Vec<(String, std::sync::Arc<[u8]>)>,
    /// Images the document shows, by their path; not attached.
    pub images: Vec<(String, std::sync::Arc<[u8]>)>,
    /// The profile's own font files, set before the bundled ones.
    pub fonts: Vec<std::sync::Arc<[u8]>>,
    /// The Typst sources of a packet's documents (typeset on their own, not included).
    pub parts: Vec<(String, String)>,
    /// The YAML files the document is made from (attached or not), where they were read:
    /// a Typst error is reported at the line of the text it came from.
    pub yaml: Vec<(PathBuf, String)>,
}

/// The work one template may do in rendering one document, in minijinja's instructions
/// (its fuel), for every template environment: the largest example document takes about
/// 12 000, a table of the most applications allowed far below this; a template override
/// that loops without end stops here with an error instead of hanging the build.
pub(crate) const TEMPLATE_FUEL: u64 = 5_000_000;

/// The most text one template may write for one document (the largest example's Typst
/// source is a few hundred kB): fuel bounds a template's steps, this its output, which a
/// short loop over a long repeated string could otherwise grow to gigabytes.
const MAX_OUTPUT_BYTES: usize = 64 << 20;

/// `template` rendered with `context`, refused past [`MAX_OUTPUT_BYTES`].
fn render_bounded(
    template: &minijinja::Template,
    context: Value,
) -> Result<String, minijinja::Error> {
    struct Bounded(Vec<u8>);
    impl std::io::Write for Bounded {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.0.len() + bytes.len() > MAX_OUTPUT_BYTES {
                return Err(std::io::Error::other("the template writes too much"));
            }
            self.0.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Bounded(Vec::new());
    template.render_captured_to(context, &mut out)?;
    String::from_utf8(out.0)
        .map_err(|_| minijinja::Error::new(ErrorKind::WriteFailure, "not UTF-8"))
}

pub struct Renderer {
    env: Environment<'static>,
    templates: Templates,
    profiles: ProfileCache,
}

/// What every document of one profile view renders with: the view as a template value
/// and its `profil.typ`. Made once per view, not once per document: a view carries every
/// label, and serialising it was a good part of rendering a short document.
#[derive(Default)]
struct ProfileCache(std::sync::Mutex<Vec<MadeForProfile>>);

/// A profile view, its template value and its `profil.typ`.
type MadeForProfile = (Arc<ProfileView>, Value, Arc<[u8]>);

impl ProfileCache {
    /// The view of `document`'s profile and its module.
    fn of(&self, document: &Document) -> (Value, Arc<[u8]>) {
        let view = &document.profile.0;
        let mut made = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, value, module)) = made.iter().find(|(v, _, _)| Arc::ptr_eq(v, view)) {
            return (value.clone(), module.clone());
        }
        let value = Value::from(Serde(&**view));
        let module: Arc<[u8]> = Arc::from(identity::module(view).into_bytes());
        made.push((view.clone(), value.clone(), module.clone()));
        (value, module)
    }

    /// The files `document` shows: the profile's module and its images. The module
    /// first: the World serves a name from the first file that has it, so that no logo
    /// (named as the municipality named its file) can stand for the module.
    fn images(&self, document: &Document) -> Vec<(String, Arc<[u8]>)> {
        let (_, module) = self.of(document);
        let mut images = vec![(identity::MODULE.to_owned(), module)];
        images.extend(document.profile.images.iter().cloned());
        images
    }
}

impl Renderer {
    pub fn new(templates: &Templates) -> Result<Self> {
        let mut env = Environment::new();
        env.set_fuel(Some(TEMPLATE_FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
        env.set_formatter(|out, state, value| {
            let text = printed(state, value, escape::markup_text)?;
            out.write_str(&text).map_err(minijinja::Error::from)
        });
        env.add_filter("markdown", markdown_filter);
        // A person's name, never hyphenated or broken across lines.
        env.add_filter("name", |state: &State, value: Value| {
            Value::from_safe_string(format!(
                "#box[{}]",
                escape::markup_text(&redact(state, &value.to_string()))
            ))
        });
        env.add_filter("str", |state: &State, value: Value| {
            Value::from_safe_string(escape::string_literal(&redact(state, &value.to_string())))
        });
        env.add_filter(
            "number",
            |value: Value| -> Result<Value, minijinja::Error> {
                i64::try_from(value.clone())
                    .map(|n| Value::from_safe_string(n.to_string()))
                    .map_err(|_| {
                        minijinja::Error::new(
                            ErrorKind::InvalidOperation,
                            format!("`{value}` is not an integer"),
                        )
                    })
            },
        );
        env.add_filter("safe", no_safe);
        for file in templates
            .files
            .iter()
            .filter(|f| f.name.ends_with(".typ.j2"))
        {
            env.add_template_owned(file.name, file.text.to_string())
                .map_err(|e| template_problem(e, templates, None))?;
        }
        Ok(Renderer {
            env,
            templates: templates.clone(),
            profiles: ProfileCache::default(),
        })
    }

    /// Render `document`; with `attach_sources`, its YAML files travel inside the PDF.
    /// For the web copy the document's personal data is replaced wherever it
    /// stands and secret §§ keep only their heading.
    pub fn render(
        &self,
        document: &Document,
        attach_sources: bool,
        web_copy: bool,
    ) -> Result<TypstSource> {
        let (template, view) = match &document.view {
            View::Packet(_) => {
                let parts = self.packet_parts(document, attach_sources, web_copy)?;
                return self.render_packet(document, attach_sources, web_copy, &parts, None);
            }
            View::Statement(view) => (STATEMENT_TEMPLATE, Value::from(Serde(view))),
            View::Extract(view) => (EXTRACT_TEMPLATE, Value::from(Serde(view))),
            View::Notice(view) => (NOTICE_TEMPLATE, Value::from(Serde(view))),
            View::Protocol(view) => (PROTOCOL_TEMPLATE, Value::from(Serde(view))),
            View::Agenda(view) => (AGENDA_TEMPLATE, Value::from(Serde(view))),
            View::Attachment(view) => (ATTACHMENT_TEMPLATE, Value::from(Serde(view))),
        };
        let attached: &[SourceAttachment] = if attach_sources {
            &document.sources
        } else {
            &[]
        };

        // The anslag's facts are also the `notice` its macros read, as in a protocol.
        let notice = match &document.view {
            View::Notice(view) => Value::from(Serde(view)),
            _ => Value::UNDEFINED,
        };
        let context = minijinja::context! {
            notice => notice,
            source_files => source_files(attached),
            redactions => Value::from_object(web_copy::redactions(document, web_copy)),
            web_copy => web_copy,
            profile => self.profiles.of(document).0,
            ..view
        };
        // First: the World serves a name from the first file that has it, so that no
        // logo (named as the municipality named its file) can stand for the module.
        let mut images = self.profiles.images(document);
        let files = match &document.view {
            View::Attachment(view) => std::slice::from_ref(&**view),
            View::Extract(view) => view.files.as_slice(),
            _ => &[],
        };
        images.extend(files.iter().flat_map(|view| view.images()));
        self.source(template, context, document, attached, images, Vec::new())
    }

    /// The Typst source `template` makes of `context`, with what it attaches, shows and
    /// includes.
    fn source(
        &self,
        template: &str,
        context: Value,
        document: &Document,
        attached: &[SourceAttachment],
        images: Vec<(String, Arc<[u8]>)>,
        parts: Vec<(String, String)>,
    ) -> Result<TypstSource> {
        let text = self
            .env
            .get_template(template)
            .and_then(|t| render_bounded(&t, context))
            .map_err(|e| template_problem(e, &self.templates, Some(template)))?;
        Ok(TypstSource {
            template: self
                .templates
                .template(template)
                .cloned()
                .unwrap_or_else(|| unreachable!("every template rendered is built in")),
            style: self.templates.style().clone(),
            text,
            attachments: attachment_bytes(attached),
            images,
            fonts: document.profile.fonts.clone(),
            parts,
            yaml: yaml_sources(document),
        })
    }

    /// A packet's own PDF (see `handlingar.typ.j2`): the table of contents of its
    /// documents `sources` (as [`Self::packet_parts`] renders them) with the page each
    /// starts on (from `pages`, each part's page count, zero each until they are typeset),
    /// with the
    /// packet's metadata, attaching the YAML of them all (never to the public version).
    /// Its `parts` are the documents' sources, so that its cache key covers them.
    pub fn render_packet(
        &self,
        document: &Document,
        attach_sources: bool,
        web_copy: bool,
        sources: &[(&PacketPart, TypstSource)],
        pages: Option<&[usize]>,
    ) -> Result<TypstSource> {
        let View::Packet(packet) = &document.view else {
            return self.render(document, attach_sources, web_copy);
        };
        let public = packet.public || web_copy;
        let attached: &[SourceAttachment] = if attach_sources && !public {
            &document.sources
        } else {
            &[]
        };
        let mut entries = Vec::new();
        let mut before = 0;
        let mut parts = Vec::new();
        // The shown parts' sources, in the packet's order.
        let mut shown = sources.iter().enumerate();
        for part in &packet.parts {
            if let Some((reference, title)) = &part.head {
                entries.push(minijinja::context! {
                    reference => reference,
                    kind => None::<String>,
                    title => title,
                    before => before,
                    target => None::<String>,
                    left_out => None::<String>,
                    head => true,
                });
            }
            // The kallelse by its heading; a § by the kind and title of its document.
            let (kind, title) = match &part.document.view {
                View::Agenda(view) => (None, view.heading.clone()),
                _ => (Some(part.document.kind_name()), part.document.title.clone()),
            };
            // What the public version leaves out it names, with the label that says why.
            let left_out = public
                .then(|| web_copy::left_out(&part.document))
                .flatten()
                .map(web_copy::LeftOut::label);
            if left_out.is_some() {
                entries.push(minijinja::context! {
                    reference => part.reference.clone(),
                    kind => kind,
                    title => title,
                    before => before,
                    target => None::<String>,
                    left_out => left_out,
                    head => false,
                });
                continue;
            }
            let Some((i, (_, source))) = shown.find(|(_, (p, _))| std::ptr::eq(*p, part)) else {
                continue;
            };
            let count = pages.and_then(|p| p.get(i)).copied().unwrap_or(0);
            entries.push(minijinja::context! {
                reference => part.reference.clone(),
                kind => kind,
                title => title,
                before => before,
                // Its links lead to the first page of the packet's `i`th document
                // (src/assemble.rs makes them so).
                target => crate::assemble::link_target(i),
                left_out => left_out,
                head => false,
            });
            before += count;
            parts.push((format!("handling-{:02}", i + 1), source.text.clone()));
        }
        let context = minijinja::context! {
            source_files => source_files(attached),
            committee => packet.committee.clone(),
            meeting_date => packet.meeting_date.clone(),
            public => public,
            reference_heading => packet.reference_heading.clone(),
            parts => entries,
            part_pages => before,
            profile => self.profiles.of(document).0,
            redactions => Value::from_object(web_copy::redactions(document, public)),
            ..Value::from(Serde(&packet.date_parts))
        };
        self.source(
            PACKET_TEMPLATE,
            context,
            document,
            attached,
            self.profiles.images(document),
            parts,
        )
    }

    /// The documents of a packet, each rendered as it is typeset alone (as the web copy
    /// when the packet is public; a public packet leaves out what no public copy shows):
    /// a document the build typesets anyway has the same source, and its PDF serves.
    pub fn packet_parts<'a>(
        &self,
        document: &'a Document,
        attach_sources: bool,
        web_copy: bool,
    ) -> Result<Vec<(&'a PacketPart, TypstSource)>> {
        let View::Packet(packet) = &document.view else {
            return Ok(Vec::new());
        };
        let public = packet.public || web_copy;
        packet
            .parts
            .iter()
            .filter(|part| !public || web_copy::shows(&part.document))
            .map(|part| Ok((part, self.render(&part.document, attach_sources, public)?)))
            .collect()
    }
}

/// The attached files as the templates' `source_files` see them.
fn source_files(attached: &[SourceAttachment]) -> Vec<Value> {
    attached
        .iter()
        .map(|a| minijinja::context! { name => a.name.clone(), description => a.description.clone(), mime => a.mime })
        .collect()
}

/// The attached files as the typesetter serves them: name and bytes.
fn attachment_bytes(attached: &[SourceAttachment]) -> Vec<(String, Arc<[u8]>)> {
    attached
        .iter()
        .map(|a| (a.name.clone(), a.bytes.clone()))
        .collect()
}

/// The YAML files `document` is made from, where they were read: a Typst error is
/// reported at the line of the text it came from.
fn yaml_sources(document: &Document) -> Vec<(PathBuf, String)> {
    document
        .sources
        .iter()
        .filter(|s| s.mime == "application/yaml")
        .map(|s| {
            (
                s.path.clone(),
                String::from_utf8_lossy(&s.bytes).into_owned(),
            )
        })
        .collect()
}

/// What `{{ value }}` prints: an error for none (a template author's slip that would
/// otherwise print "none"), markup this crate made as it is, anything else redacted and
/// escaped by `escape`.
fn printed(
    state: &State,
    value: &Value,
    escape: fn(&str) -> String,
) -> Result<String, minijinja::Error> {
    if value.is_none() {
        return Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            "a missing value (none) cannot be printed; guard it with {% if %}",
        ));
    }
    Ok(match (state.auto_escape(), value.is_safe()) {
        (AutoEscape::None, _) | (_, true) => value.to_string(),
        _ => escape(&redact(state, &value.to_string())),
    })
}

/// The `safe` filter, disabled: user text must stay escaped.
fn no_safe(_: Value) -> Result<Value, minijinja::Error> {
    Err(minijinja::Error::new(
        ErrorKind::InvalidOperation,
        "`safe` is disabled: user text must stay escaped (use `markdown` for prose)",
    ))
}

/// The document's personal data, compiled once per render and carried in the context.
impl minijinja::value::Object for Redactions {}

/// The redactions of the document being rendered (none outside the web copy).
fn redactions(state: &State) -> Option<std::sync::Arc<Redactions>> {
    state
        .lookup("redactions")
        .and_then(|value| value.downcast_object::<Redactions>())
}

/// The personal data of the web copy (the context's `redactions`) replaced in `text`.
/// Every piece of user text passes here on its way out, so nothing can slip past.
fn redact(state: &State, text: &str) -> String {
    match redactions(state) {
        Some(redactions) if !redactions.is_empty() => redactions.apply(text),
        _ => text.to_owned(),
    }
}

/// `{{ text|markdown }}`, `{{ text|markdown(level=3) }}`: prose as Typst markup.
fn markdown_filter(state: &State, value: Value, kwargs: Kwargs) -> Result<Value, minijinja::Error> {
    prose_filter(state, value, kwargs, markdown::to_typst)
}

/// Prose through `convert` (Typst or HTML), at the heading level `level` gives.
fn prose_filter(
    state: &State,
    value: Value,
    kwargs: Kwargs,
    convert: fn(&str, u8, &Redactions) -> String,
) -> Result<Value, minijinja::Error> {
    let level: Option<u8> = kwargs.get("level")?;
    kwargs.assert_all_used()?;
    let text = value.as_str().ok_or_else(|| {
        minijinja::Error::new(ErrorKind::InvalidOperation, "markdown needs a string")
    })?;
    let none = Redactions::default();
    let redactions = redactions(state);
    Ok(Value::from_safe_string(convert(
        text,
        level.unwrap_or(2),
        redactions.as_deref().unwrap_or(&none),
    )))
}

/// A template error, at the template's line. These are the template author's mistakes.
/// `rendering` names the template being rendered, for an error that names none (the
/// output's limit).
fn template_problem(
    error: minijinja::Error,
    templates: &Templates,
    rendering: Option<&str>,
) -> crate::error::Error {
    let name = error.name().or(rendering).unwrap_or("template");
    let (path, source) = match templates.template(name) {
        Some(file) => (file.path.clone(), file.text.to_string()),
        None => (built_in_path(name), String::new()),
    };
    let message = match error.kind() {
        ErrorKind::OutOfFuel => "fel i mallen: den gör för mycket arbete för en handling \
             (en loop utan slut eller över för stora tal?)"
            .to_owned(),
        ErrorKind::WriteFailure => format!(
            "fel i mallen: den skriver mer än {} MiB för en handling",
            MAX_OUTPUT_BYTES >> 20
        ),
        _ => format!(
            "fel i mallen: {}",
            error.detail().unwrap_or(&error.kind().to_string())
        ),
    };
    match error.line() {
        Some(line) => Problem::at(&path, &source, line, 1, message),
        None => Problem::in_file(&path, message),
    }
    .into()
}

/// The line (1-based) of `template` that produced `generated`: of the lines whose literal
/// parts (the text outside `{{ … }}` and `{% … %}`) all stand in the generated line in
/// order, the one that explains most of it. Typst reports errors in the generated source;
/// this names the line a template author has to change.
pub fn template_line_for(template: &str, generated: &str) -> Option<usize> {
    let generated = generated.trim();
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in template.lines().enumerate() {
        let mut rest = generated;
        let mut matched = 0;
        let all_found = literal_parts(line)
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .all(|literal| match rest.find(literal) {
                Some(at) => {
                    rest = &rest[at + literal.len()..];
                    matched += literal.len();
                    true
                }
                None => false,
            });
        if all_found && matched > best.map_or(0, |(_, m)| m) {
            best = Some((i + 1, matched));
        }
    }
    best.map(|(line, _)| line)
}

/// The parts of a template line outside its tags.
fn literal_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line;
    loop {
        let open = [("{{", "}}"), ("{%", "%}"), ("{#", "#}")]
            .iter()
            .filter_map(|&(open, close)| rest.find(open).map(|i| (i, close)))
            .min();
        let Some((i, close)) = open else {
            parts.push(rest);
            return parts;
        };
        parts.push(&rest[..i]);
        match rest[i + 2..].find(close) {
            Some(end) => rest = &rest[i + 2 + end + close.len()..],
            None => return parts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_template_line_of_generated_source() {
        let template = "#import \"x\"\n\n= {{ title }}\n#decision-points(\n  [{{ point }}],\n)\n";
        assert_eq!(template_line_for(template, "= #\"Rubrik\";"), Some(3));
        assert_eq!(template_line_for(template, "#decision-points("), Some(4));
        assert_eq!(template_line_for(template, "nothing like it"), None);
    }
}
