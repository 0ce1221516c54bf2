//! The handbook's reference (`docs/handbok/referens.md`): every key of the three kinds of
//! file with its Swedish description, made from the JSON schemas ([`schema`]) and so from
//! the same `vocabulary.yaml`. `cargo run --example handbok -- referens` writes it; a test
//! compares the committed file with [`reference`] and checks it names every key.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::schema::{FileKind, schema, vocabulary};

/// Where the handbook keeps the reference, from the repository's root.
pub const REFERENCE_PATH: &str = "docs/handbok/referens.md";

/// The reference, as Markdown ending in a newline.
pub fn reference() -> String {
    let mut out = String::from(
        "<!-- Skapad av `cargo run --example handbok -- referens` ur src/model/vocabulary.yaml \
         och modellen; ändra där, inte här. -->\n\n\
         # Referens: alla nycklar\n\n\
         Här står varje nyckel som ett ärende, ett sammanträde och en profil kan ha, med \
         samma beskrivning som redigeraren visar (JSON-schemat, `paragraf schema`). Sidan \
         görs av programmet självt, så den kan inte bli inaktuell.\n\n\
         Så läser du sökvägarna: `avsnitt[]` är varje post i listan `avsnitt`, \
         `tabeller.ID` är varje tabell under sitt eget id (ett namn du väljer). \
         **måste finnas** betyder att `paragraf check` säger fel om nyckeln saknas.\n\n\
         - [Ärende](#arende)\n- [Sammanträde](#sammantrade)\n- [Profil](#profil)\n",
    );
    for kind in FileKind::ALL {
        write_kind(&mut out, kind);
    }
    out
}

/// One type of a schema as the reference shows it: where it was first met and its schema.
struct Section<'a> {
    anchor: String,
    /// What the type is, from the vocabulary.
    what: &'a str,
    path: String,
    definition: &'a Value,
}

fn write_kind(out: &mut String, kind: FileKind) {
    let schema = schema(kind);
    let empty = serde_json::Map::new();
    let definitions = schema
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let (heading, file, root_type) = match kind {
        FileKind::Case => ("Ärende", "en fil per ärende, t.ex. `arende.yaml`", "Case"),
        FileKind::Meeting => ("Sammanträde", "`sammantrade.yaml`", "Meeting"),
        FileKind::Profile => ("Profil", "`profil.yaml` i nämndens mapp", "Profile"),
        FileKind::Roster => ("Ledamöter", "`ledamoter.yaml` i nämndens mapp", "Roster"),
    };
    let description = text(&schema, "description");
    let _ = write!(
        out,
        "\n<a id=\"{}\"></a>\n\n## {heading} ({file})\n\n{description}\n\n",
        kind.name()
    );
    // Breadth first from the root, so each type is shown under the shortest path to it.
    let mut sections = vec![Section {
        anchor: anchor(kind, root_type),
        what: "",
        path: String::new(),
        definition: &schema,
    }];
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    shown.insert(root_type.to_owned(), String::new());
    let mut next = 0;
    while let Some(section) = sections.get(next) {
        let (anchor_name, what, path, definition) = (
            section.anchor.clone(),
            section.what,
            section.path.clone(),
            section.definition,
        );
        next += 1;
        let type_name = anchor_name
            .rsplit('-')
            .next()
            .unwrap_or_default()
            .to_owned();
        if !path.is_empty() {
            let _ = write!(out, "<a id=\"{anchor_name}\"></a>\n\n### `{path}`\n\n");
            if !what.is_empty() {
                let _ = write!(out, "{what}\n\n");
            }
        }
        let required: Vec<&str> = definition
            .get("required")
            .and_then(Value::as_array)
            .map(|keys| keys.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (field, property) in properties_in_order(&type_name, definition) {
            let field_path = if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
            let mut line = format!("- **`{field}`**");
            if required.contains(&field) {
                line.push_str(" (måste finnas)");
            }
            let description = text(property, "description");
            if !description.is_empty() {
                let _ = write!(line, " — {description}");
            }
            let (target, suffix) = target(property);
            let target_definition = target.and_then(|name| definitions.get(name));
            if let Some(values) = target_definition.and_then(values) {
                let _ = write!(line, " Värden: {}.", values.join(", "));
            }
            if let Some((name, definition)) = target
                .zip(target_definition)
                .and_then(|(name, definition)| object(name, definition, definitions))
            {
                let anchor_name = anchor(kind, name);
                match shown.get(name) {
                    Some(first) => {
                        let _ = write!(line, " Nycklarna som i [`{first}`](#{anchor_name}).");
                    }
                    None => {
                        let sub_path = format!("{field_path}{suffix}");
                        let _ = write!(line, " Nycklarna: se [`{sub_path}`](#{anchor_name}).");
                        shown.insert(name.to_owned(), sub_path.clone());
                        let what = definitions
                            .get(name)
                            .map_or("", |named| text(named, "description"));
                        sections.push(Section {
                            anchor: anchor_name,
                            what,
                            path: sub_path,
                            definition,
                        });
                    }
                }
            }
            if let Some(value) = property.get("default").and_then(plain) {
                let _ = write!(line, " Standard: {value}.");
            }
            let examples: Vec<String> = property
                .get("examples")
                .and_then(Value::as_array)
                .map(|examples| examples.iter().filter_map(plain).collect())
                .unwrap_or_default();
            if !examples.is_empty() {
                let _ = write!(line, " Exempel: {}.", examples.join(", "));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
}

/// A definition's own anchor in the page: the schema and the type (`sammantrade-Member`).
fn anchor(kind: FileKind, type_name: &str) -> String {
    format!("{}-{type_name}", kind.name())
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A definition's properties, in the order `vocabulary.yaml` gives them (the order a file
/// is written in), the rest after them alphabetically.
fn properties_in_order<'a>(type_name: &str, definition: &'a Value) -> Vec<(&'a str, &'a Value)> {
    let Some(properties) = definition.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let position = |field: &str| {
        let key = format!("{type_name}.{field}");
        vocabulary()
            .iter()
            .position(|entry| entry.key == key)
            .unwrap_or(usize::MAX)
    };
    let mut fields: Vec<(&str, &Value)> = properties
        .iter()
        .map(|(field, property)| (field.as_str(), property))
        .collect();
    fields.sort_by_key(|(field, _)| (position(field), *field));
    fields
}

/// The definition a property refers to (through a list, a table of ids or a choice with
/// null), and how its path goes on: `[]` for a list's items, `.ID` for a table's.
fn target(property: &Value) -> (Option<&str>, &'static str) {
    fn name(value: &Value) -> Option<&str> {
        value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
    }
    if let Some(found) = name(property) {
        return (Some(found), "");
    }
    if let Some(found) = property.get("items").and_then(name) {
        return (Some(found), "[]");
    }
    if let Some(found) = property.get("additionalProperties").and_then(name) {
        return (Some(found), ".ID");
    }
    for choice in ["anyOf", "oneOf"] {
        if let Some(found) = property
            .get(choice)
            .and_then(Value::as_array)
            .and_then(|members| members.iter().find_map(|member| target(member).0))
        {
            let suffix = property
                .get(choice)
                .and_then(Value::as_array)
                .and_then(|members| members.iter().find_map(|m| m.get("items")))
                .map_or("", |_| "[]");
            return (Some(found), suffix);
        }
    }
    (None, "")
}

/// The type with keys that definition `name` holds, itself or as one of its forms (`tid`:
/// a text, or `från`, `till` …; a bilaga: a name, or `namn` and `bifogad`), with its name.
fn object<'a>(
    name: &'a str,
    definition: &'a Value,
    definitions: &'a serde_json::Map<String, Value>,
) -> Option<(&'a str, &'a Value)> {
    if definition.get("properties").is_some() {
        return Some((name, definition));
    }
    let members = ["anyOf", "oneOf"]
        .iter()
        .filter_map(|choice| definition.get(*choice)?.as_array())
        .flatten();
    for member in members {
        if member.get("properties").is_some() {
            return Some((name, member));
        }
        if let Some(inner) = target(member).0
            && let Some(found) = definitions.get(inner)
            && found.get("properties").is_some()
        {
            return Some((inner, found));
        }
    }
    None
}

/// The words an enum allows (`iso`, `lång`), when the definition is one.
fn values(definition: &Value) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut collect = |value: &Value| {
        if let Some(word) = value.get("const").and_then(Value::as_str) {
            words.push(format!("`{word}`"));
        }
        if let Some(list) = value.get("enum").and_then(Value::as_array) {
            words.extend(
                list.iter()
                    .filter_map(Value::as_str)
                    .map(|w| format!("`{w}`")),
            );
        }
    };
    collect(definition);
    for choice in ["anyOf", "oneOf"] {
        for member in definition
            .get(choice)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(member);
        }
    }
    (!words.is_empty()).then_some(words)
}

/// A value as written in YAML, in code marks: a text, a number, true/false or a short
/// list of them; `None` for a mapping, which does not fit on one line.
fn plain(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(format!("`{}`", text.replace('`', "'"))),
        Value::Number(number) => Some(format!("`{number}`")),
        Value::Bool(flag) => Some(format!("`{flag}`")),
        Value::Array(items) if !items.is_empty() && items.iter().all(|i| !i.is_object()) => {
            let items: Option<Vec<String>> = items
                .iter()
                .map(|item| match item {
                    Value::String(text) => Some(text.replace('`', "'")),
                    Value::Number(number) => Some(number.to_string()),
                    Value::Bool(flag) => Some(flag.to_string()),
                    _ => None,
                })
                .collect();
            Some(format!("`[{}]`", items?.join(", ")))
        }
        _ => None,
    }
}
