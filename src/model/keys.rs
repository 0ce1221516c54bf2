//! Unknown keys, all of a file's at once, each with the nearest valid key.
//!
//! serde stops at the first unknown field. Before the typed parse, this walks the file's
//! YAML tree and compares every mapping's keys with the field names serde itself expects
//! for the struct at that place, so the lists cannot drift from the model.

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::SourceFile;
use super::yaml::{Kind, Node};
use crate::error::Problem;

/// The keys of the struct that stands at a place of the file.
pub type Fields = fn() -> &'static [&'static str];

/// Places of a file (`""` the top, `[]` every element, `*` any key of a free map) and the
/// struct found there.
pub type Schema = &'static [(&'static str, Fields)];

/// The field names serde expects for `T`, read from its derived `Deserialize`.
pub fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Capture(&mut fields));
    fields
}

/// A deserializer that only records the field list serde asks a struct for.
struct Capture<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for Capture<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields captured"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Every key of `value` (the parsed `source`) that the schema does not know.
pub fn unknown_keys(source: &SourceFile, value: &Node, schema: Schema) -> Vec<Problem> {
    let mut problems = Vec::new();
    walk(source, value, "", "", schema, &mut problems);
    problems
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(
    source: &SourceFile,
    value: &Node,
    path: &str,
    pattern: &str,
    schema: Schema,
    out: &mut Vec<Problem>,
) {
    match &value.target().kind {
        Kind::Mapping(mapping) => {
            let fields = schema
                .iter()
                .find(|(p, _)| *p == pattern)
                .map(|(_, fields)| fields());
            for (key, child) in mapping {
                let Some(key) = key.key_text() else {
                    continue;
                };
                let child_path = join(path, key);
                match fields {
                    Some(fields) if !fields.contains(&key) => {
                        out.push(unknown(source, &child_path, key, fields));
                    }
                    Some(_) => walk(source, child, &child_path, &join(pattern, key), schema, out),
                    None => walk(source, child, &child_path, &join(pattern, "*"), schema, out),
                }
            }
        }
        Kind::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(
                    source,
                    item,
                    &format!("{path}[{i}]"),
                    &format!("{pattern}[]"),
                    schema,
                    out,
                );
            }
        }
        _ => {}
    }
}

fn unknown(source: &SourceFile, path: &str, key: &str, fields: &[&str]) -> Problem {
    let hint = did_you_mean(key, fields)
        .unwrap_or_else(|| format!("giltiga nycklar här: {}", fields.join(", ")));
    let message = format!("okänd nyckel `{key}`; {hint}");
    match source.positions.key(path) {
        Some((line, column)) => {
            Problem::at(&source.path, &source.text, line, column, message).with_field(path)
        }
        None => source.problem(path, message),
    }
}

/// "menade du `X`?" for the candidate closest to `word`, saying so when the two differ
/// only in a character no one sees (a no-break space copied from a document).
pub fn did_you_mean(word: &str, candidates: &[&str]) -> Option<String> {
    // A name written with its party, "Ahmed Yusuf (S)": the party has a key of its own.
    if let Some((name, _)) = word
        .trim_end()
        .strip_suffix(')')
        .and_then(|w| w.rsplit_once(" ("))
        && let Some(known) = candidates.iter().find(|c| **c == name.trim())
    {
        return Some(format!(
            "menade du `{known}`? Partiet skrivs inte i namnet, det står under `parti`"
        ));
    }
    let near = nearest(word, candidates)?;
    let visible = |text: &str| -> String {
        (text.chars())
            .filter(|c| {
                !matches!(
                    c,
                    '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
                )
            })
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let invisible = (visible(word) == visible(near))
        .then(|| word.chars().find(|c| !near.contains(*c)))
        .flatten();
    Some(match invisible {
        Some(c) => format!(
            "menade du `{near}`? Det som står har ett tecken som inte syns (U+{:04X}) där `{near}` har ett vanligt mellanslag eller inget alls",
            u32::from(c)
        ),
        None => format!("menade du `{near}`?"),
    })
}

/// The candidate closest to `word`, if it is close enough to be a typo of it.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::levenshtein(&word.to_lowercase(), &c.to_lowercase()),
                *c,
            )
        })
        // The very word written is no suggestion.
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2) && *c != word)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Application, Case};

    #[test]
    fn a_name_that_differs_only_in_what_no_one_sees_is_told_so() {
        let hint = did_you_mean("Ingrid\u{a0}Bäck", &["Ingrid Bäck", "Eva Berg"]);
        assert_eq!(
            hint.as_deref(),
            Some(
                "menade du `Ingrid Bäck`? Det som står har ett tecken som inte syns (U+00A0) där `Ingrid Bäck` har ett vanligt mellanslag eller inget alls"
            )
        );
        assert_eq!(
            did_you_mean("Ingrid Bäk", &["Ingrid Bäck"]).as_deref(),
            Some("menade du `Ingrid Bäck`?")
        );
        assert_eq!(
            did_you_mean("Ahmed Yusuf (S)", &["Ahmed Yusuf"]).as_deref(),
            Some("menade du `Ahmed Yusuf`? Partiet skrivs inte i namnet, det står under `parti`")
        );
    }

    #[test]
    fn the_word_written_is_never_its_own_suggestion() {
        assert_eq!(
            nearest("Eva Berg", &["Eva Berg", "Eva Bergh"]),
            Some("Eva Bergh")
        );
        assert_eq!(nearest("Eva Berg", &["Eva Berg"]), None);
    }

    #[test]
    fn field_lists_come_from_serde() {
        let fields = fields_of::<Application>();
        assert!(fields.contains(&"sökt") && fields.contains(&"förslag"));
        assert!(fields_of::<Case>().contains(&"förslag_till_beslut"));
    }

    #[test]
    fn suggests_only_near_keys() {
        assert_eq!(nearest("beviljad", &["beviljat", "sökt"]), Some("beviljat"));
        assert_eq!(nearest("telefonnummer", &["namn", "telefon"]), None);
        assert_eq!(nearest("Rubrik", &["rubrik", "text"]), Some("rubrik"));
        assert_eq!(nearest("sokt", &["sökt", "nr"]), Some("sökt"));
    }
}
