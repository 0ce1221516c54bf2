//! The published web pages and the anslagstavla's feed: a view through its minijinja
//! template into HTML (or Atom XML).
//!
//! The same rules as for Typst: every `{{ … }}` prints HTML-escaped with the page's personal
//! data replaced, so a template author cannot forget it; prose goes through `markdown`
//! (HTML of this crate's making, raw HTML in the prose shown as text); `safe` is disabled;
//! an undefined variable or a printed none is an error. No HTML is built in Rust.

use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior, Value};

use super::{
    Templates, escape, markdown, no_safe, printed, prose_filter, redact, render_bounded,
    template_problem,
};
use crate::error::Result;
use crate::model::{Piece, pieces};
use crate::web_copy::redact::{REPLACEMENT, Redactions};

/// The frame every page extends: head, the profile's band, the main landmark.
pub const PAGE_TEMPLATE: &str = "sida.html.j2";
/// The anslagstavla's notices, current or past.
pub const BOARD_TEMPLATE: &str = "anslagstavla.html.j2";
/// The anslagstavla's notices as an Atom feed.
pub const FEED_TEMPLATE: &str = "anslagstavla.xml.j2";
pub const PROTOCOL_TEMPLATE: &str = "protokoll.html.j2";
pub const EXTRACT_TEMPLATE: &str = "protokollsutdrag.html.j2";
/// Pieces the pages share (a § as the protocol gives it, the facts of a notice).
pub const MACROS_TEMPLATE: &str = "webbmakron.html.j2";
/// The pages' stylesheet, copied as it is.
pub const STYLESHEET: &str = "stil.css";

/// `{{ labels.inga_anslag|fill(datum=on_long) }}`: a label of the catalogue with its
/// values in braces filled in from the arguments, the text escaped and each value too
/// unless it is markup of the template's making (`{% set %}…{% endset %}`). The profile's
/// check lets a label use only the values the catalogue gives it (`labels::PLACEHOLDERS`),
/// and a label may leave one out; a value the template does not give is its mistake.
fn fill(state: &State, label: Value, values: Kwargs) -> Result<Value, minijinja::Error> {
    let text = label
        .as_str()
        .ok_or_else(|| minijinja::Error::new(ErrorKind::InvalidOperation, "fill needs a label"))?;
    let mut out = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(text) => out.push_str(&escape::html_text(&redact(state, text))),
            Piece::Value(name) => {
                let value: Value = values.get(name).map_err(|_| {
                    minijinja::Error::new(
                        ErrorKind::MissingArgument,
                        format!("the label's {{{name}}} is not given to fill"),
                    )
                })?;
                out.push_str(&printed(state, &value, escape::html_text)?);
            }
        }
    }
    Ok(Value::from_safe_string(out))
}

pub struct HtmlRenderer {
    env: Environment<'static>,
    templates: Templates,
}

impl HtmlRenderer {
    pub fn new(templates: &Templates) -> Result<Self> {
        let mut env = Environment::new();
        env.set_fuel(Some(super::TEMPLATE_FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // HTML escaping whatever a template is called: an override named `.txt` is still
        // put on a web page.
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_formatter(|out, state, value| {
            let text = printed(state, value, escape::html_text)?;
            out.write_str(&text).map_err(minijinja::Error::from)
        });
        env.add_filter("markdown", |state: &State, value: Value, kwargs: Kwargs| {
            prose_filter(state, value, kwargs, markdown::to_html)
        });
        // A person's name, never broken across lines.
        env.add_filter("name", |state: &State, value: Value| {
            Value::from_safe_string(format!(
                "<span class=\"namn\">{}</span>",
                escape::html_text(&redact(state, &value.to_string()))
            ))
        });
        env.add_filter("fill", fill);
        // What stands in place of personal data, which the pages tell their readers.
        env.add_global("redaction_mark", REPLACEMENT);
        env.add_filter("safe", no_safe);
        let web = templates
            .files
            .iter()
            .filter(|f| f.name.ends_with(".html.j2") || f.name.ends_with(".xml.j2"));
        for file in web {
            env.add_template_owned(file.name, file.text.to_string())
                .map_err(|e| template_problem(e, templates, None))?;
        }
        Ok(HtmlRenderer {
            env,
            templates: templates.clone(),
        })
    }

    /// Render `template` with `context`, the personal data `redactions` replaced wherever
    /// it stands.
    pub fn render(&self, template: &str, context: Value, redactions: &[String]) -> Result<String> {
        let context = minijinja::context! {
            redactions => Value::from_object(Redactions::new(redactions)),
            ..context
        };
        self.env
            .get_template(template)
            .and_then(|t| render_bounded(&t, context))
            .map_err(|e| template_problem(e, &self.templates, Some(template)))
    }

    /// The stylesheet, the built-in one or the user's.
    pub fn stylesheet(&self) -> &str {
        self.templates
            .template(STYLESHEET)
            .map_or("", |file| &file.text)
    }
}
