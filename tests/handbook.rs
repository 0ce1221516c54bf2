//! The handbook (docs/handbok/): its generated reference is current and names every key of
//! the schemas, its complete example files pass `check`, its pictures are of the current
//! examples.

use std::path::Path;

use paragraf::handbook::{
    ALL_PICTURES, HANDBOOK, PICTURE_SOURCES, PICTURES, complete_files, lay_out, picture_pdfs,
    source_line,
};
use paragraf::model::reference::{REFERENCE_PATH, reference};
use paragraf::model::schema::{FileKind, properties, schema};
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
            for (field, _) in properties(definition) {
                checked += 1;
                let shown =
                    section(&anchor).is_some_and(|text| text.contains(&format!("- **`{field}`**")));
                if !shown {
                    missing.push(format!("{anchor}.{field}"));
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} keys in the schemas?");
    assert!(missing.is_empty(), "not in {REFERENCE_PATH}: {missing:?}");
}

/// Every page of the handbook, with its name.
fn pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = std::fs::read_dir(root().join(HANDBOOK))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

fn paragraf(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .output()
        .unwrap()
}

/// Each YAML block marked `<!-- komplett fil: PATH -->` is written to PATH in a folder of
/// its page (with the example meeting beside a profile, see `handbook::lay_out`) and
/// passes `check`: a case or meeting as itself, a profile with the meeting beside it.
#[test]
fn every_complete_file_of_the_handbook_passes_check() {
    let mut checked = Vec::new();
    for (page, markdown) in pages() {
        let files = complete_files(&markdown).unwrap_or_else(|e| panic!("{page}: {e}"));
        let folder = tempfile::tempdir().unwrap();
        lay_out(&files, folder.path(), root()).unwrap();
        for file in &files {
            let path = folder.path().join(&file.path);
            let target = if file.path.ends_with("profil.yaml") {
                path.parent().unwrap().to_path_buf()
            } else {
                path
            };
            let output = paragraf(&["check".as_ref(), target.as_os_str()]);
            assert!(
                output.status.success(),
                "{page}:{}: {} does not pass check:\n{}",
                file.line,
                file.path,
                String::from_utf8_lossy(&output.stderr)
            );
            checked.push(format!("{page}: {}", file.path));
        }
    }
    // The pages this session wrote have them; a marker that stopped matching would
    // silently check nothing.
    for expected in [
        "kom-igang.md: mina-arenden/arende.yaml",
        "sammantrade.md: nämnden/2025-03-18/sammantrade.yaml",
        "kommunens-stil.md: stil/före/profil.yaml",
    ] {
        assert!(
            checked.iter().any(|c| c == expected),
            "{expected} not checked: {checked:?}"
        );
    }
}

#[test]
fn a_complete_file_that_does_not_check_is_found() {
    let markdown = "Text\n\n<!-- komplett fil: a/arende.yaml -->\n```yaml\nnämnd: X\n```\n";
    let files = complete_files(markdown).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, "a/arende.yaml");
    assert_eq!(files[0].text, "nämnd: X\n");
    let folder = tempfile::tempdir().unwrap();
    lay_out(&files, folder.path(), root()).unwrap();
    let output = paragraf(&[
        "check".as_ref(),
        folder.path().join("a/arende.yaml").as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    // A marker without its block is an error, not a file skipped.
    assert!(complete_files("<!-- komplett fil: x.yaml -->\ntext\n").is_err());
    assert!(complete_files("<!-- komplett fil: ../x.yaml -->\n```yaml\na: 1\n```\n").is_err());
}

/// The PDFs the pictures were made from are, byte for byte, those the examples give now
/// (paragraf's PDFs are reproducible), and every picture the handbook shows exists.
#[test]
fn the_pictures_are_of_the_current_examples() {
    let scratch = tempfile::tempdir().unwrap();
    let pdfs = picture_pdfs(root(), scratch.path()).unwrap();
    let mut expected = String::new();
    for (picture, pdf) in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        expected.push_str(&source_line(picture, &std::fs::read(pdf).unwrap(), &name));
        assert!(
            root().join(PICTURES).join(picture.png).is_file(),
            "{} missing",
            picture.png
        );
    }
    let recorded = std::fs::read_to_string(root().join(PICTURE_SOURCES)).unwrap_or_default();
    assert!(
        recorded == expected,
        "bilderna i {PICTURES} är inte aktuella: kör `cargo run --example handbok -- bilder`\n\
         inspelat:\n{recorded}\nnu:\n{expected}"
    );
    // Every picture a page shows is one the script makes, and every one it makes is shown.
    let shown: String = pages().into_iter().map(|(_, text)| text).collect();
    for picture in ALL_PICTURES {
        assert!(
            shown.contains(&format!("](bilder/{})", picture.png)),
            "{} is shown on no page",
            picture.png
        );
    }
    for (page, text) in pages() {
        for (at, _) in text.match_indices("](bilder/") {
            let name = &text[at + "](bilder/".len()..];
            let name = &name[..name.find(')').unwrap()];
            assert!(
                ALL_PICTURES.iter().any(|p| p.png == name),
                "{page} shows {name}, which no script makes"
            );
        }
    }
}
