//! The handbook (docs/handbok/): its generated reference is current and names every key of
//! the schemas, its complete example files pass `check`, its pictures are of the current
//! examples.

use std::path::Path;

use paragraf::model::reference::{REFERENCE_PATH, reference};
use paragraf::model::schema::{FileKind, schema};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_reference_is_current() {
    let committed = std::fs::read_to_string(root().join(REFERENCE_PATH)).unwrap_or_default();
    assert!(
        committed == reference(),
        "{REFERENCE_PATH} är inte aktuell: kör `cargo run --example handbok -- referens`"
    );
}

/// Every property of every type in every schema (the root's, the definitions', and those
/// of a definition's forms), each looked for in its type's section of the committed page.
#[test]
fn the_reference_names_every_key_of_the_schemas() {
    let page = std::fs::read_to_string(root().join(REFERENCE_PATH)).unwrap();
    let section = |anchor: &str| -> Option<&str> {
        let start = page.find(&format!("<a id=\"{anchor}\"></a>"))?;
        let rest = &page[start + 1..];
        Some(&rest[..rest.find("<a id=").unwrap_or(rest.len())])
    };
    let mut checked = 0;
    let mut missing = Vec::new();
    for kind in FileKind::ALL {
        let schema = schema(kind);
        let mut types: Vec<(String, &Value)> = vec![(kind.name().to_owned(), &schema)];
        if let Some(definitions) = schema.get("$defs").and_then(Value::as_object) {
            types.extend(
                definitions
                    .iter()
                    .map(|(name, d)| (format!("{}-{name}", kind.name()), d)),
            );
        }
        for (anchor, definition) in types {
            let forms = ["anyOf", "oneOf"]
                .iter()
                .filter_map(|choice| definition.get(*choice)?.as_array())
                .flatten();
            for properties in std::iter::once(definition)
                .chain(forms)
                .filter_map(|d| d.get("properties")?.as_object())
            {
                for field in properties.keys() {
                    checked += 1;
                    let shown = section(&anchor)
                        .is_some_and(|text| text.contains(&format!("- **`{field}`**")));
                    if !shown {
                        missing.push(format!("{anchor}.{field}"));
                    }
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} keys in the schemas?");
    assert!(missing.is_empty(), "not in {REFERENCE_PATH}: {missing:?}");
}
