//! The JSON Schema for editors: the committed files are what `paragraf schema` makes from
//! the model, every example file names its schema and is valid against it, and the schema
//! catches the mistakes an editor should underline.

mod common;

use std::path::Path;

use paragraf::model::schema::{FileKind, schema, schema_text};
use serde_json::Value;

use common::{example_files, repo};

fn kind_of(path: &Path) -> FileKind {
    let source = paragraf::model::SourceFile::read(path).unwrap();
    if path.file_name().is_some_and(|n| n == "profil.yaml") {
        FileKind::Profile
    } else if path.file_name().is_some_and(|n| n == "ledamoter.yaml") {
        FileKind::Roster
    } else if source.is_meeting() {
        FileKind::Meeting
    } else {
        FileKind::Case
    }
}

/// The YAML file as the JSON an editor's schema check sees.
fn as_json(path: &Path) -> Value {
    paragraf::model::yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator(kind: FileKind) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(kind)).unwrap()
}

fn errors(kind: FileKind, value: &Value) -> Vec<String> {
    validator(kind)
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schemas_are_what_the_model_gives() {
    for kind in FileKind::ALL {
        let path = repo().join("docs/schema").join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema_text(kind),
            "{} is out of date: run `cargo run -- schema -o docs/schema`",
            path.display()
        );
    }
}

#[test]
fn every_example_file_names_its_schema_and_is_valid_against_it() {
    let files = example_files();
    assert!(files.len() > 15);
    for file in files {
        let kind = kind_of(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let named = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# yaml-language-server: $schema="))
            .unwrap_or_else(|| panic!("{}: no $schema line first", file.display()));
        let target = file.parent().unwrap().join(named);
        assert!(
            target.ends_with(kind.file_name()) && target.is_file(),
            "{}: names {named}",
            file.display()
        );
        let problems = errors(kind, &as_json(&file));
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
    }
}

#[test]
fn the_schema_underlines_what_the_parser_refuses() {
    let seed = repo().join("cases/socialnamnden/2015-03-24/3.2-482-2014-fordelning-must.yaml");
    let case = as_json(&seed);
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut value = case.clone();
        change(&mut value);
        errors(FileKind::Case, &value)
    };
    // A misspelt key, a missing required key, text where an amount belongs, an unknown
    // proposal word.
    assert!(!broken(&|v| v["rubrk"] = "x".into()).is_empty());
    assert!(
        !broken(&|v| {
            v.as_object_mut().unwrap().remove("rubrik");
        })
        .is_empty()
    );
    assert!(
        !broken(
            &|v| v["tabeller"]["utvecklingsprojekt"]["ansökningar"][0]["sökt"] = "mycket".into()
        )
        .is_empty()
    );
    assert!(
        !broken(
            &|v| v["tabeller"]["utvecklingsprojekt"]["ansökningar"][0]["förslag"] = "bifall".into()
        )
        .is_empty()
    );
    // The forms the parser takes are taken.
    assert!(
        broken(
            &|v| v["tabeller"]["utvecklingsprojekt"]["ansökningar"][0]["sökt"] = "250 000".into()
        )
        .is_empty()
    );
    assert!(
        broken(
            &|v| v["tabeller"]["utvecklingsprojekt"]["ansökningar"][0]["förslag"] =
                "maxbelopp".into()
        )
        .is_empty()
    );
    let profile = serde_json::json!({"datumformat": "kort"});
    assert!(!errors(FileKind::Profile, &profile).is_empty());
}

#[test]
fn paragraf_schema_prints_one_kind_and_writes_all_four() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["schema", "profil"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        schema_text(FileKind::Profile)
    );
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["schema", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    for kind in FileKind::ALL {
        assert!(out.path().join(kind.file_name()).is_file());
    }
}

#[test]
fn the_readme_reference_names_every_key() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for entry in paragraf::model::schema::vocabulary() {
        let key = &entry.key;
        let Some((_, field)) = key.split_once('.') else {
            continue;
        };
        let named = [
            format!("`{field}`"),
            format!("`{field}."),
            format!(".{field}`"),
        ]
        .iter()
        .any(|form| readme.contains(form));
        assert!(named, "README.md does not explain `{field}` ({key})");
    }
}
