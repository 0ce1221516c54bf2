//! Snapshots of what paragraf writes from the examples in `cases/`: the Typst source of
//! every document `build --emit typst` writes, every page and feed `publish` writes, and
//! every package's METS, ERMS and documentation `archive --format fgs` writes. A change
//! of output shows as a reviewable diff of `tests/snapshots/**.snap` in its commit.
//!
//! Review a change with `INSTA_UPDATE=always cargo test --test snapshots` and `git diff`
//! (or `cargo insta review`). CI runs with `INSTA_UPDATE=no`: a snapshot that differs or
//! is missing fails, and so does a stored snapshot that no output matches any more.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use paragraf::BuildOptions;

/// Every file under `dir` whose extension is one of `extensions`, by its path relative
/// to `dir` (`/`-separated), sorted.
fn files(dir: &Path, extensions: &[&str]) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                let relative = path.strip_prefix(dir).unwrap();
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                found.push((name, path));
            }
        }
    }
    found.sort();
    found
}

/// Assert a snapshot of every file in `written` under `tests/snapshots/<output>/`, with
/// `filters` (regex, replacement) applied; then fail on a stored snapshot of that output
/// that no file matched (a document that is no longer made).
fn assert_all(output: &str, written: &[(String, PathBuf)], filters: &[(&str, &str)]) {
    assert!(!written.is_empty(), "{output}: nothing written");
    let folder = common::repo().join("tests/snapshots").join(output);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(&folder);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    for (regex, replacement) in filters {
        settings.add_filter(regex, *replacement);
    }
    let mut names = BTreeSet::new();
    settings.bind(|| {
        for (name, path) in written {
            let snapshot = name.replace('/', "__");
            let text = std::fs::read_to_string(path).unwrap();
            insta::assert_snapshot!(snapshot.clone(), text);
            names.insert(format!("{snapshot}.snap"));
        }
    });
    let stored: BTreeSet<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".snap"))
                .collect()
        })
        .unwrap_or_default();
    let unreferenced: Vec<&String> = stored.difference(&names).collect();
    assert!(
        unreferenced.is_empty(),
        "{output}: snapshots of files no longer written (delete them if that is meant): {unreferenced:?}"
    );
}

fn cases() -> Vec<PathBuf> {
    vec![common::repo().join("cases")]
}

#[test]
fn the_typst_source_of_every_document_build_writes() {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        emit_typst: true,
        ..BuildOptions::default()
    };
    paragraf::build(&cases(), out.path(), &options).unwrap_or_else(|e| panic!("{e}"));
    assert_all("typst", &files(out.path(), &["typ"]), &[]);
}

#[test]
fn every_page_and_feed_publish_writes() {
    let out = tempfile::tempdir().unwrap();
    let site = paragraf::output::site::Site {
        on: NaiveDate::from_ymd_opt(2024, 11, 1).unwrap(),
        address: Some("https://kommun.example/anslagstavla".to_owned()),
    };
    paragraf::publish(&cases(), out.path(), &BuildOptions::default(), &site)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_all("html", &files(out.path(), &["html", "xml"]), &[]);
}

#[test]
fn the_mets_erms_and_documentation_of_every_fgs_package() {
    let out = tempfile::tempdir().unwrap();
    let created = NaiveDate::from_ymd_opt(2024, 12, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    paragraf::archive(
        &cases(),
        out.path(),
        &BuildOptions::default(),
        paragraf::ArchiveFormat::Fgs {
            created: Some(created),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A PDF's checksum and size change with any change of its layout, which the Typst
    // snapshots show; here they would only be noise.
    let filters = [
        (r"[0-9a-fA-F]{64}", "[sha256]"),
        (r#"SIZE="\d+""#, r#"SIZE="[size]""#),
        (
            r"<erms:size>\d+</erms:size>",
            "<erms:size>[size]</erms:size>",
        ),
    ];
    assert_all("fgs", &files(out.path(), &["xml", "txt"]), &filters);
}
