//! JSON Schema of the four kinds of YAML file, for editors (the YAML extension of VS Code
//! completes keys, shows the descriptions and underlines mistakes as one types). The
//! structure comes from the model itself (schemars reads the same serde attributes the
//! parser obeys); the Swedish descriptions and examples come from `vocabulary.yaml`
//! ([`vocabulary`]), and a test makes sure every key of the model has one.

use std::path::Path;

use serde_json::{Map, Value};

use serde::Deserialize;

use super::{Case, Meeting, Profile, Roster, yaml};

/// The kinds of file and the schema file each has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Case,
    Meeting,
    Profile,
    Roster,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [
        FileKind::Case,
        FileKind::Meeting,
        FileKind::Profile,
        FileKind::Roster,
    ];

    /// The name used on the command line and in the schema file's name.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Case => "arende",
            FileKind::Meeting => "sammantrade",
            FileKind::Profile => "profil",
            FileKind::Roster => "ledamoter",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The first line of a new file in `folder` that names its schema for the editor, when
/// the project's `docs/schema/` lies in the folder or above it.
pub fn modeline(kind: FileKind, folder: &Path) -> Option<String> {
    let folder = std::path::absolute(folder).ok()?;
    let schema = Path::new("docs/schema").join(kind.file_name());
    let project = folder
        .ancestors()
        .find(|ancestor| ancestor.join(&schema).is_file())?;
    let depth = folder.strip_prefix(project).ok()?.components().count();
    let up = "../".repeat(depth);
    Some(format!(
        "# yaml-language-server: $schema={up}{}\n",
        schema.display()
    ))
}

/// The schema of `kind`, as pretty-printed JSON ending in a newline.
pub fn schema_text(kind: FileKind) -> String {
    let text = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    format!("{text}\n")
}

/// The schema of `kind`, described in Swedish.
pub fn schema(kind: FileKind) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let (root, title, description) = match kind {
        FileKind::Case => (
            generator.into_root_schema_for::<Case>(),
            "Ärende",
            "Ett ärende: förvaltningens tjänsteutlåtande till nämnden. paragraf gör en PDF av det.",
        ),
        FileKind::Meeting => (
            generator.into_root_schema_for::<Meeting>(),
            "Sammanträde",
            "Nämndens sammanträde: närvaro, justering och paragraferna i föredragningsordning. paragraf gör protokoll, protokollsutdrag, kallelse och anslag.",
        ),
        FileKind::Profile => (
            generator.into_root_schema_for::<Profile>(),
            "Profil",
            "Kommunens eller förvaltningens profil (profil.yaml): namn, logotyp, adressrad, rubriker, formuleringar, paragrafnumrering och dnr-mönster.",
        ),
        FileKind::Roster => (
            generator.into_root_schema_for::<Roster>(),
            "Ledamotsförteckning",
            "Organets ledamöter och ersättare för mandatperioden (ledamoter.yaml bredvid profil.yaml), med ändringarna under perioden. Ett sammanträde anger sedan bara det som avvek.",
        ),
    };
    let mut value = root.to_value();
    let root_type = value
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if let Some(object) = value.as_object_mut() {
        describe_type(object, &root_type);
        object.insert("title".into(), title.into());
        object.insert("description".into(), description.into());
        if let Some(Value::Object(definitions)) = object.get_mut("$defs") {
            for (name, definition) in definitions.iter_mut() {
                if let Some(definition) = definition.as_object_mut() {
                    describe_type(definition, name);
                }
            }
        }
    }
    value
}

/// Replace the English doc comments schemars took from the model by the Swedish ones.
fn describe_type(definition: &mut Map<String, Value>, type_name: &str) {
    definition.remove("description");
    // The variants of an enum (paragrafnumrering, beslut) carry the model's comments too;
    // a variant with keys of its own (a bilaga's `namn`, `bifogad`) is described as its type.
    for choice in ["oneOf", "anyOf"] {
        if let Some(Value::Array(variants)) = definition.get_mut(choice) {
            for variant in variants.iter_mut().filter_map(Value::as_object_mut) {
                variant.remove("description");
                describe_properties(variant, type_name);
            }
        }
    }
    if let Some(entry) = lookup(type_name, "") {
        definition.insert("description".into(), entry.beskrivning.clone().into());
    }
    describe_properties(definition, type_name);
}

/// The Swedish description and examples of each key of `definition`.
fn describe_properties(definition: &mut Map<String, Value>, type_name: &str) {
    let Some(Value::Object(properties)) = definition.get_mut("properties") else {
        return;
    };
    for (field, property) in properties.iter_mut() {
        let Some(property) = property.as_object_mut() else {
            continue;
        };
        property.remove("description");
        if let Some(entry) = lookup(type_name, field) {
            property.insert("description".into(), entry.beskrivning.clone().into());
            let examples: Vec<Value> = entry.exempel.clone();
            if !examples.is_empty() {
                property.insert("examples".into(), Value::Array(examples));
            }
        }
    }
}

/// The keys of a definition of a schema: its own, and those of each of its forms (a
/// bilaga is a name, or `namn` and `bifogad`).
pub fn properties(definition: &Value) -> impl Iterator<Item = (&String, &Value)> {
    let forms = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|choice| definition.get(*choice)?.as_array())
        .flatten();
    std::iter::once(definition)
        .chain(forms)
        .filter_map(|form| form.get("properties")?.as_object())
        .flatten()
}

fn lookup(type_name: &str, field: &str) -> Option<&'static Entry> {
    let key = match field {
        "" => type_name.to_owned(),
        field => format!("{type_name}.{field}"),
    };
    vocabulary().iter().find(|entry| entry.key == key)
}

/// What the vocabulary says of one key (`Type.field`) or type (`Type`).
#[derive(Debug, serde::Deserialize)]
pub struct Entry {
    #[serde(skip)]
    pub key: String,
    pub beskrivning: String,
    #[serde(default)]
    pub exempel: Vec<Value>,
}

/// Every key of the YAML files in Swedish, the secretary's language, from
/// `vocabulary.yaml` (compiled in; a test checks it parses and covers the model).
pub fn vocabulary() -> &'static [Entry] {
    static VOCABULARY: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let Ok(tree) = yaml::parse(include_str!("vocabulary.yaml")) else {
            return Vec::new();
        };
        let yaml::Kind::Mapping(entries) = &tree.kind else {
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|(key, value)| {
                let mut entry = Entry::deserialize(yaml::de::Cursor::root(value)).ok()?;
                entry.key = key.as_text()?.to_owned();
                Some(entry)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every property of every object in `schema`, as `Type.field`, and every type.
    fn keys(schema: &Value) -> Vec<(String, Option<String>)> {
        let mut found = Vec::new();
        let mut visit = |name: &str, definition: &Value| {
            found.push((name.to_owned(), None));
            for (field, property) in properties(definition) {
                found.push((
                    format!("{name}.{field}"),
                    property
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                ));
            }
        };
        visit("", schema);
        if let Some(Value::Object(definitions)) = schema.get("$defs") {
            for (name, definition) in definitions {
                visit(name, definition);
            }
        }
        found
    }

    #[test]
    fn every_key_has_a_swedish_description_and_every_entry_a_key() {
        let mut used = Vec::new();
        let mut undescribed = Vec::new();
        for kind in FileKind::ALL {
            let schema = schema(kind);
            assert!(schema.get("description").is_some());
            let root = match kind {
                FileKind::Case => "Case",
                FileKind::Meeting => "Meeting",
                FileKind::Profile => "Profile",
                FileKind::Roster => "Roster",
            };
            for (key, description) in keys(&schema) {
                let key = match key.strip_prefix('.') {
                    Some(field) => format!("{root}.{field}"),
                    None if key.is_empty() => continue,
                    None => key,
                };
                if key.contains('.') && description.is_none() {
                    undescribed.push(key.clone());
                }
                used.push(key);
            }
        }
        assert!(undescribed.is_empty(), "no description: {undescribed:?}");
        let entries = vocabulary();
        assert!(entries.len() > 100, "vocabulary.yaml does not parse");
        for entry in entries {
            let key = &entry.key;
            assert!(used.contains(key), "{key} is in no schema");
            for example in &entry.exempel {
                assert!(
                    !example.is_object()
                        || [".beslut", ".lagrum", ".tid", ".uppgifter"]
                            .iter()
                            .any(|k| key.ends_with(k)),
                    "{key}: {example:?} is not a value of its own (quote it)"
                );
            }
        }
    }
}
