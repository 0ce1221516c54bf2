//! The label catalogue (issue 28, item 1): the Typst templates print no fixed Swedish word
//! of their own, every catalogue entry is printed somewhere and can be overridden by a
//! profile, and a key the catalogue lacks is an error with the nearest key.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;
use paragraf::model::labels::LABELS;

/// `text` without Jinja comments, tags and expressions, nor Typst comments, nor the string
/// values Typst code compares with or looks up (`style == "att-satser"`,
/// `header-layout == "logotyp_höger"`), which are settings and never printed: what is left is
/// Typst markup and code as written in the template.
fn template_text(text: &str) -> String {
    let mut out = text.to_owned();
    for (open, close) in [
        ("{#", "#}"),
        ("{%", "%}"),
        ("{{", "}}"),
        ("== \"", "\""),
        (".at(\"", "\""),
    ] {
        while let Some(start) = out.find(open) {
            let after = start + open.len();
            let end = out[after..]
                .find(close)
                .map_or(out.len(), |e| after + e + close.len());
            out.replace_range(start..end, " ");
        }
    }
    out.lines()
        .map(|line| match line.find("//") {
            // A comment, not a `://` in a string.
            Some(at) if !line[..at].ends_with(':') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of the catalogue's defaults: what a template would print if it wrote a label
/// of its own rather than the catalogue's.
fn label_words() -> BTreeSet<String> {
    LABELS
        .iter()
        .flat_map(|(_, default, _)| default.split(|c: char| !c.is_alphabetic()))
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

/// Words of `text` as written (letters only), with the `labels.key` references left out.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut previous = ' ';
    let mut in_reference = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() || (c == '_' && !word.is_empty()) {
            if word.is_empty() {
                // `labels.sida`, `.fortsättning`: a field, not printed text.
                in_reference = previous == '.';
            }
            word.push(c);
        } else {
            if !word.is_empty() && !in_reference && !word.contains('_') {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
        }
        previous = c;
    }
    out
}

#[test]
fn the_typst_templates_print_no_fixed_word_of_their_own() {
    let vocabulary = label_words();
    let folder = repo().join("templates/typst");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".j2") || name.ends_with(".typ")) {
            continue;
        }
        read += 1;
        let text = template_text(&std::fs::read_to_string(&path).unwrap());
        for (number, line) in text.lines().enumerate() {
            for word in words(line) {
                // Swedish letters never stand in Typst code, nor capitals; the catalogue's
                // words never in a template of their own.
                let swedish = word.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']);
                // Typst code names nothing with a capital but the region.
                let capital = word.starts_with(char::is_uppercase) && word != "SE";
                if swedish || capital || vocabulary.contains(&word) {
                    found.push(format!("{name}:{}: {word}: {}", number + 1, line.trim()));
                }
            }
        }
    }
    assert!(read >= 8, "read {read} templates");
    assert!(
        found.is_empty(),
        "fixed words in templates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_fixed_word() {
    let vocabulary = label_words();
    let line = template_text("  ([Plats och tid], [{{ place }}]), // Plats");
    assert!(
        words(&line).iter().any(|w| vocabulary.contains(w)),
        "{line}"
    );
    let line = template_text("  ([#labels.plats_och_tid], [{{ profile.labels.sida }}]),");
    assert!(
        words(&line).iter().all(|w| !vocabulary.contains(w)),
        "{line}"
    );
}

/// A copy of an example organ's folder whose profile overrides `labels` (YAML lines under
/// `etiketter:`), and `paragraf check`'s verdict on it.
fn organ_with(organ: &str, labels: &str) -> (tempfile::TempDir, std::path::PathBuf, bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(organ);
    copy_folder(&repo().join("cases").join(organ), &folder);
    let profile = folder.join("profil.yaml");
    let original = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, format!("{original}etiketter:\n{labels}")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(&folder)
        .output()
        .unwrap();
    (
        dir,
        folder,
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_profile_overrides_every_label_and_the_documents_print_it() {
    // Every label as a word no document otherwise has: each must reach some PDF.
    let overrides: String = LABELS
        .iter()
        .enumerate()
        .map(|(i, (key, _, _))| format!("  {key}: Zq{i}x\n"))
        .collect();
    // The organs between them have an occasion for almost every label: a vote in the
    // bilaga (fullmäktige), a written reservation and an omedelbart justerad § (kultur- och
    // fritidsnämnden), an application table (socialnämnden), a protocol number
    // (regionstyrelsen), bilagor that are files and one not attached (byggnadsnämnden);
    // no example writes its decisions as att-satser.
    let mut printed = String::new();
    let organs = [
        "barn-och-utbildningsnamnden",
        "kultur-och-fritidsnamnden",
        "kommunfullmaktige",
        "socialnamnden",
        "regionstyrelsen",
        "byggnadsnamnden",
    ];
    for organ in organs {
        let (_dir, folder, ok, stderr) = organ_with(organ, &overrides);
        assert!(ok, "{organ}: {stderr}");
        let (_out, pdfs) = build(&[folder]);
        for pdf in pdfs.values() {
            printed.push_str(&text(pdf));
        }
    }
    // What no example has an occasion for, or puts only in the PDF's metadata.
    let occasional = [
        "anslag_titel",
        "offentlig_version",
        "vakant",
        "stängda_dörrar",
        "löptitel_kallelse",
        "löptitel_handlingar",
        // Only in a web copy, and under a written reservation in a § whose reservations
        // are also told in sentences.
        "sekretess_i_webbkopian",
        "reservation_från",
        // Absent members on the cover: the examples with the whole roll put it in the bilaga.
        "frånvarande",
        "att",
        // Only in the text alternative of a bilaga's page image.
        "bilaga_till",
        "bilaga_sida",
        "bilaga_av",
    ];
    let mut missing = Vec::new();
    for (i, (key, _, _)) in LABELS.iter().enumerate() {
        let marker = format!("Zq{i}x");
        if !printed.contains(&marker) && !occasional.contains(key) {
            missing.push(*key);
        }
    }
    assert!(
        missing.is_empty(),
        "labels no example PDF printed: {missing:?}"
    );
    assert!(printed.contains("Zq"), "no override printed");
}

#[test]
fn an_unknown_or_empty_label_is_an_error_at_its_line() {
    let (_dir, _folder, ok, stderr) = organ_with(
        "barn-och-utbildningsnamnden",
        "  plats_och_tiden: Tid och plats\n",
    );
    assert!(!ok);
    assert!(
        stderr.contains("okänd nyckel `plats_och_tiden`; menade du `plats_och_tid`?"),
        "{stderr}"
    );
    let (_dir, _folder, ok, stderr) = organ_with("barn-och-utbildningsnamnden", "  sida: ''\n");
    assert!(!ok);
    assert!(
        stderr.contains("en rubrik eller etikett kan inte vara tom"),
        "{stderr}"
    );
}

#[test]
fn the_profile_skeleton_and_the_schema_list_every_label_with_its_default() {
    let skeleton = std::fs::read_to_string(repo().join("src/model/skeleton.profile.yaml")).unwrap();
    let schema = std::fs::read_to_string(repo().join("docs/schema/profil.schema.json")).unwrap();
    for (key, default, _) in LABELS {
        let line = skeleton
            .lines()
            .skip_while(|line| !line.starts_with("# etiketter:"))
            .find(|line| line.starts_with(&format!("#   {key}: ")))
            .unwrap_or_else(|| panic!("the skeleton lacks {key}"));
        assert!(line.contains(default), "{line}");
        assert!(
            schema.contains(&format!("\"{key}\": {{")),
            "the schema lacks {key}"
        );
    }
}

#[test]
fn every_label_the_code_asks_for_is_in_the_catalogue() {
    // `label(labels, "key")` prints the key itself for a key the catalogue lacks.
    let mut asked = 0;
    for path in files_under(&repo().join("src"), "rs") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for call in text.split("label(labels, \"").skip(1) {
            let key = &call[..call.find('"').unwrap()];
            asked += 1;
            assert!(
                LABELS.iter().any(|(k, _, _)| *k == key),
                "{}: label {key} is not in the catalogue",
                path.display()
            );
        }
    }
    assert!(asked >= 5, "found {asked} calls");
}
