//! The `paragraf` command as a secretary and a CI job use it: what it writes, what it says,
//! and that bad input leaves the output folder exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn paragraf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("paragraf runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of seed 000's meeting folder to break things in.
fn meeting_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = repo().join("cases/socialnamnden/2015-03-24");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let meeting = dir.path().join("sammantrade.yaml");
    let case = dir.path().join("3.2-482-2014-fordelning-must.yaml");
    (dir, meeting, case)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the first occurrence of `needle` in `path`.
fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn build_writes_every_document_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let output = paragraf(&[
        "build",
        "cases/socialnamnden",
        "-o",
        out.path().to_str().unwrap(),
        "--emit",
        "typst",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<String> = entries(out.path())
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            ".paragraf-cache.json",
            "2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf",
            "2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.typ",
            "2015-03-24_socialnamnden_handlingar-offentlig.pdf",
            "2015-03-24_socialnamnden_handlingar-offentlig.typ",
            "2015-03-24_socialnamnden_handlingar.pdf",
            "2015-03-24_socialnamnden_handlingar.typ",
            "2015-03-24_socialnamnden_kallelse.pdf",
            "2015-03-24_socialnamnden_kallelse.typ",
            "2015-03-24_socialnamnden_protokoll.pdf",
            "2015-03-24_socialnamnden_protokoll.typ",
            "2015-03-24_socialnamnden_protokollsutdrag_p015_3.2-482-2014.pdf",
            "2015-03-24_socialnamnden_protokollsutdrag_p015_3.2-482-2014.typ",
            "2024-04-19_socialnamnden_tjansteutlatande_inriktning-av-medel-for-lokala-utvecklingsprojekt-och-studie.pdf",
            "2024-04-19_socialnamnden_tjansteutlatande_inriktning-av-medel-for-lokala-utvecklingsprojekt-och-studie.typ",
        ]
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("skrev ")).count(),
        14,
        "{stdout}"
    );
    let typst = std::fs::read_to_string(out.path().join(&names[12])).unwrap();
    assert!(typst.starts_with("#import \"paragraf.typ\""), "{typst}");
}

#[test]
fn check_accepts_the_examples() {
    let output = paragraf(&["check", "cases"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2_and_say_why_in_swedish() {
    for (args, said) in [
        (&["build"][..], "fel: det saknas: <SÖKVÄG>"),
        (&["bygg", "cases"][..], "fel: det finns inget kommando bygg"),
        (
            &["build", "cases", "--okänd"][..],
            "fel: okänd flagga eller argument: --okänd",
        ),
        (
            &["check", "cases", "--format", "xml"][..],
            "fel: ogiltigt värde xml för --format",
        ),
    ] {
        let output = paragraf(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = stderr(&output);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("error") && !stderr.contains("Usage"),
            "{stderr}"
        );
    }
}

/// Build `meeting` into an output folder that already holds a file, expect failure with
/// `expected` in the message, and check that the folder is exactly as before.
fn fails_leaving_output_untouched(meeting: &Path, expected: &[&str]) -> String {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("tidigare.pdf"), b"an earlier build").unwrap();
    let before = entries(out.path());
    let output = paragraf(&[
        "build",
        meeting.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(output.stdout.is_empty(), "nothing on stdout on failure");
    for part in expected {
        assert!(message.contains(part), "{part:?} not in:\n{message}");
    }
    assert_eq!(entries(out.path()), before, "the output folder changed");
    message
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let (_dir, meeting, case) = meeting_copy();
    replace_in(&case, "rubrik: Förslag till", "rubrik: [Förslag till");
    // The parser notices the unclosed `[` where the next key begins.
    let line = line_of(&case, "förslag_till_beslut:");
    let expected = format!("3.2-482-2014-fordelning-must.yaml:{line}:20: en [ saknar sin ]");
    fails_leaving_output_untouched(&meeting, &[&expected]);
}

#[test]
fn an_unknown_key_is_an_error_at_its_line() {
    let (_dir, meeting, case) = meeting_copy();
    replace_in(
        &case,
        "  telefon: 08-508 25 908",
        "  telefonnummer: 08-508 25 908",
    );
    replace_in(&case, "rubrik: Förslag till", "rubrk: Förslag till");
    let line = line_of(&case, "telefonnummer");
    let rubrik = line_of(&case, "rubrk:");
    fails_leaving_output_untouched(
        &meeting,
        &[
            &format!(
                "fordelning-must.yaml:{line}:3: okänd nyckel `telefonnummer`; giltiga nycklar här: namn, titel, telefon, e-post"
            ),
            &format!("fordelning-must.yaml:{rubrik}:1: okänd nyckel `rubrk`; menade du `rubrik`?"),
        ],
    );
}

#[test]
fn a_proposal_above_the_request_points_at_the_amount() {
    let (_dir, meeting, case) = meeting_copy();
    replace_in(
        &case,
        "        förslag: 250 000",
        "        förslag: 550 000",
    );
    let line = line_of(&case, "förslag: 550 000");
    fails_leaving_output_untouched(
        &meeting,
        &[
            &format!(
                "fordelning-must.yaml:{line}:18: föreslaget belopp 550\u{a0}000\u{a0}kr är större än sökt belopp 532\u{a0}500\u{a0}kr"
            ),
            "tabeller.utvecklingsprojekt.ansökningar[0].förslag",
        ],
    );
}

#[test]
fn an_unknown_figure_in_prose_points_at_its_line() {
    let (_dir, meeting, case) = meeting_copy();
    replace_in(
        &case,
        "{{ tabell.studiebesök.sökt }}.\n\n  I detta",
        "{{ tabell.studiebesk.sökt }}.\n\n  I detta",
    );
    let line = line_of(&case, "tabell.studiebesk");
    let expected = format!("fordelning-must.yaml:{line}:3: uttrycket i texten");
    fails_leaving_output_untouched(&meeting, &[&expected, "sammanfattning"]);
    // `check` finds it too, without typesetting.
    let output = paragraf(&["check", meeting.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
}

/// Seed 001's case beside the meeting as `annat.yaml`, and `items` added to its §§.
fn add_items(dir: &Path, meeting: &Path, items: &str) {
    std::fs::copy(seed_001_case(), dir.join("annat.yaml")).unwrap();
    let text = std::fs::read_to_string(meeting).unwrap();
    std::fs::write(meeting, format!("{text}{items}")).unwrap();
}

#[test]
fn a_meeting_whose_second_item_is_broken_writes_nothing() {
    let (dir, meeting, _case) = meeting_copy();
    // A second item with a good case first, then one whose case is missing.
    add_items(
        dir.path(),
        &meeting,
        "  - paragraf: 16\n    ärende: annat.yaml\n  - paragraf: 17\n    ärende: saknas.yaml\n",
    );
    let line = line_of(&meeting, "saknas.yaml");
    fails_leaving_output_untouched(
        &meeting,
        &[
            &format!("sammantrade.yaml:{line}:13: ärendefilen"),
            "paragrafer[2].ärende",
        ],
    );
}

#[test]
fn duplicate_paragraph_numbers_are_reported() {
    let (dir, meeting, _case) = meeting_copy();
    add_items(
        dir.path(),
        &meeting,
        "  - paragraf: 15\n    ärende: annat.yaml\n",
    );
    fails_leaving_output_untouched(&meeting, &["§ 15 finns redan", "paragrafer[1].paragraf"]);
}

#[test]
fn check_reports_json_for_ci_tools() {
    let (_dir, meeting, case) = meeting_copy();
    replace_in(
        &case,
        "        förslag: 250 000",
        "        förslag: 550 000",
    );
    let output = paragraf(&["check", "--format", "json", meeting.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(report["ok"], false);
    let errors: Vec<&serde_json::Value> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(errors[0]["line"], line_of(&case, "förslag: 550 000"));
    assert_eq!(errors[0]["column"], 18);
    assert_eq!(
        errors[0]["field"],
        "tabeller.utvecklingsprojekt.ansökningar[0].förslag"
    );

    let output = paragraf(&["check", "--format", "json", "cases"]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["severity"] == "warning")
    );
}

#[test]
fn a_write_that_cannot_finish_changes_nothing_and_leaves_no_temporary_files() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path()
            .join("2015-03-06_socialnamnden_tjansteutlatande_3.2-482-2014.pdf"),
        b"old",
    )
    .unwrap();
    // A folder where the extract would go: the last file of the build cannot be placed.
    std::fs::create_dir(
        out.path()
            .join("2015-03-24_socialnamnden_protokollsutdrag_p015_3.2-482-2014.pdf"),
    )
    .unwrap();
    let before = entries(out.path());
    let output = paragraf(&[
        "build",
        "cases/socialnamnden/2015-03-24",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("en mapp har filens namn"),
        "{}",
        stderr(&output)
    );
    assert_eq!(entries(out.path()), before);
}

/// Names (folders marked with a trailing /) and contents of the files in `dir`.
fn entries(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                (name + "/", Vec::new())
            } else {
                (name, std::fs::read(&path).unwrap())
            }
        })
        .collect();
    entries.sort();
    entries
}

/// Fill every placeholder of a skeleton as a secretary would: quoted ones with text, the
/// meeting's case with `case`; comments stay.
fn fill_placeholders(text: &str, case: &str) -> String {
    // Each fill its own text: two members may not share a name.
    let mut filled = 0;
    let fill = |line: &str| -> String {
        if line.trim_start().starts_with('#') {
            return line.to_owned();
        }
        if let Some(key) = line.find("ärende: ") {
            return format!("{}{case}", &line[..key + "ärende: ".len()]);
        }
        let mut line = line.to_owned();
        while let Some(at) = line.find("FYLL I").filter(|at| !line[..*at].contains('#')) {
            let quoted = line[..at].ends_with('"');
            let end = if quoted {
                at + line[at..].find('"').unwrap()
            } else {
                line.len()
            };
            filled += 1;
            line = format!("{}Ifylld text {filled}{}", &line[..at], &line[end..]);
        }
        line
    };
    text.lines().map(fill).collect::<Vec<_>>().join("\n")
}

#[test]
fn new_names_the_projects_schema_for_the_editor() {
    let project = tempfile::tempdir().unwrap();
    let schemas = project.path().join("docs/schema");
    std::fs::create_dir_all(&schemas).unwrap();
    std::fs::write(schemas.join("sammantrade.schema.json"), "{}").unwrap();
    let meeting = project
        .path()
        .join("cases/nämnd/2025-01-01/sammantrade.yaml");
    let output = paragraf(&["new", "meeting", meeting.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&meeting).unwrap();
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../../../docs/schema/sammantrade.schema.json\n"
        ),
        "{text}"
    );
}

#[test]
fn new_writes_skeletons_that_check_passes_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("2025-01-01/arende.yaml");
    let meeting = dir.path().join("2025-01-01/sammantrade.yaml");
    for (kind, path) in [("case", &case), ("meeting", &meeting)] {
        let output = paragraf(&["new", kind, path.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // Unfilled, check lists every placeholder at its line.
    let output = paragraf(&["check", meeting.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("sammantrade.yaml:4:8: fyll i eller ta bort: FYLL I: nämnden"),
        "{message}"
    );
    // A second `new` on the same path refuses to overwrite.
    assert_eq!(
        paragraf(&["new", "case", case.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    for path in [&case, &meeting] {
        let text = std::fs::read_to_string(path).unwrap();
        std::fs::write(path, fill_placeholders(&text, "arende.yaml")).unwrap();
    }
    // The ordförande and the justerare are of the beslutande, as the skeleton says.
    let text = std::fs::read_to_string(&meeting).unwrap();
    let beslutande: Vec<String> = (text.lines())
        .filter(|l| l.trim_start().starts_with("- {namn: \"Ifylld text"))
        .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
        .collect();
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap()
            .to_owned()
    };
    let text = text
        .replace(
            &line("ordförande:"),
            &format!("ordförande: {{namn: \"{}\"}}", beslutande[0]),
        )
        .replace(
            &line("justerare:"),
            &format!("justerare: [{{namn: \"{}\"}}]", beslutande[1]),
        );
    std::fs::write(&meeting, text).unwrap();
    let output = paragraf(&["check", meeting.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = tempfile::tempdir().unwrap();
    let output = paragraf(&[
        "build",
        meeting.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn textconv_and_diff_show_what_a_change_of_amount_means() {
    let (dir, _meeting, case) = meeting_copy();
    let before = paragraf(&["textconv", case.to_str().unwrap()]);
    assert!(before.status.success(), "{}", stderr(&before));
    let before = String::from_utf8_lossy(&before.stdout).into_owned();
    assert!(
        before.contains("Tabell 1: beviljat totalt: 2 669 520 kr\n"),
        "{before}"
    );
    let old = dir.path().join("före.yaml");
    std::fs::copy(&case, &old).unwrap();
    replace_in(
        &case,
        "        förslag: 250 000",
        "        förslag: 300 000",
    );
    let after = String::from_utf8_lossy(&paragraf(&["textconv", case.to_str().unwrap()]).stdout)
        .into_owned();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                "Tabell 1, ansökan 1: förslag: 250 000 kr",
                "Tabell 1, ansökan 1: förslag: 300 000 kr"
            ),
            (
                "Tabell 1: beviljat totalt: 2 669 520 kr",
                "Tabell 1: beviljat totalt: 2 719 520 kr"
            ),
        ]
    );
    let diff = paragraf(&["diff", old.to_str().unwrap(), case.to_str().unwrap()]);
    assert!(diff.status.success(), "{}", stderr(&diff));
    assert_eq!(
        String::from_utf8_lossy(&diff.stdout),
        "Tabell 1, ansökan 1: förslag 250 000 kr → 300 000 kr\nTabell 1: beviljat totalt 2 669 520 kr → 2 719 520 kr\n"
    );
}

#[test]
fn textconv_and_diff_show_a_profile_as_its_documents_will_read() {
    let profiles = repo().join("cases");
    let stockholm = profiles.join("socialnamnden/profil.yaml");
    let ekby = profiles.join("kultur-och-fritidsnamnden/profil.yaml");
    let text = paragraf(&["textconv", stockholm.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    for line in [
        "Profil: kommun: Stockholms stad\n",
        "Profil: logotyp: logotyp.svg (Stockholms stad)\n",
        // Left out of the profile: the built-in wording, as the documents show it.
        "Rubrik: ärendet: Ärendet\n",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    let diff = paragraf(&["diff", stockholm.to_str().unwrap(), ekby.to_str().unwrap()]);
    let diff = String::from_utf8_lossy(&diff.stdout).into_owned();
    for line in [
        "Profil: datumformat iso → lång\n",
        "Formulering: vid_protokollet Vid protokollet → Protokollförare\n",
    ] {
        assert!(diff.contains(line), "{line:?} in {diff}");
    }
}

#[test]
fn textconv_shows_a_broken_file_as_it_is() {
    let (_dir, _meeting, case) = meeting_copy();
    replace_in(&case, "rubrik: Förslag till", "rubrk: Förslag till");
    let output = paragraf(&["textconv", case.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "git diff needs a text even for a broken file"
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("# paragraf: okänd nyckel `rubrk`"),
        "{text}"
    );
    assert!(text.contains("rubrk: Förslag till fördelning"), "{text}");
}

#[test]
fn every_fact_of_the_examples_is_known_by_subject_and_field() {
    // diff pairs facts by subject and field; a repeated pair would hide a change.
    let files = example_files();
    assert!(files.len() > 15);
    for file in files {
        let facts =
            paragraf::textconv::facts(paragraf::model::SourceFile::read(&file).unwrap()).unwrap();
        let mut keys = std::collections::BTreeSet::new();
        for fact in &facts {
            assert!(
                keys.insert((&fact.subject, &fact.field)),
                "{}: {}: {} twice",
                file.display(),
                fact.subject,
                fact.field
            );
        }
    }
}

#[test]
fn templates_from_a_folder_replace_the_built_in_ones() {
    let templates = tempfile::tempdir().unwrap();
    let statement =
        std::fs::read_to_string(repo().join("templates/typst/tjansteutlatande.typ.j2")).unwrap();
    std::fs::write(
        templates.path().join("tjansteutlatande.typ.j2"),
        statement.replace(
            "== {{ profile.headings.proposal }}",
            "== Kommunens eget förslag",
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let case = seed_001_case();
    let output = paragraf(&[
        "build",
        case.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = text(&only_file(out.path()));
    assert!(
        text.contains("Kommunens eget förslag")
            && !text.contains("Förvaltningens förslag till beslut"),
        "{text}"
    );

    // An error in a replaced style is reported in that file, at its line.
    let style = std::fs::read_to_string(repo().join("templates/typst/paragraf.typ")).unwrap();
    std::fs::write(
        templates.path().join("paragraf.typ"),
        style.replace(
            "#let labelled(label, body) = {",
            "#let labelled(label, body) = {\n  1pt + \"x\"",
        ),
    )
    .unwrap();
    let output = paragraf(&[
        "build",
        case.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    let line = style
        .lines()
        .position(|l| l.starts_with("#let labelled(label, body)"))
        .unwrap()
        + 2;
    assert!(
        message.contains(&format!(
            "paragraf.typ:{line}:3: Typst: cannot add length and string"
        )),
        "{message}"
    );

    // A file that no template is named like is an error, not silently ignored.
    std::fs::write(templates.path().join("tjansteutlatande.typ"), "").unwrap();
    let output = paragraf(&[
        "build",
        case.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
    ]);
    assert!(
        stderr(&output).contains("ingen mall heter så"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn new_writes_a_bare_file_name_into_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["new", "profil", "profil.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("profil.yaml").is_file());
}

#[test]
fn dates_addresses_and_source_date_epoch_out_of_range_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ut");
    let meeting = seed_meeting();
    let meeting = meeting.to_str().unwrap();
    let out_arg = out.to_str().unwrap();
    for (option, value, said) in [
        ("--datum", "262142-12-31", "inget datum"),
        ("--datum", "1800-01-01", "utanför 1900–2200"),
        ("--adress", "javascript:alert(1)", "ingen webbadress"),
        ("--adress", "https://", "ingen webbadress"),
        ("--adress", "https://kommun.se/a b", "ingen webbadress"),
        (
            "--adress",
            "https://kommun.se/\"><script>",
            "ingen webbadress",
        ),
    ] {
        let output = paragraf(&["publish", meeting, "-o", out_arg, option, value]);
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        assert!(
            stderr(&output).contains(said),
            "{option} {value}: {}",
            stderr(&output)
        );
    }
    let accepted = paragraf(&[
        "publish",
        meeting,
        "-o",
        out_arg,
        "--datum",
        "2015-04-01",
        "--adress",
        "https://kommun.se/anslag",
    ]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    for epoch in ["i morgon", "99999999999999", "-9999999999"] {
        let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .args(["archive", meeting, "--format", "fgs", "-o"])
            .arg(dir.path().join("arkiv"))
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{epoch}");
        assert!(
            stderr(&output).contains("SOURCE_DATE_EPOCH"),
            "{epoch}: {}",
            stderr(&output)
        );
        assert!(
            !dir.path().join("arkiv").exists(),
            "{epoch}: something was written"
        );
    }
}

#[test]
fn every_help_text_is_swedish() {
    // Words that would show an English help: clap's own headings and flags, and the
    // commonest English words of a sentence.
    let english = [
        "usage",
        "options",
        "arguments",
        "commands",
        "default",
        "possible",
        "values",
        "print",
        "aliases",
        "the",
        "and",
        "of",
        "to",
        "with",
        "for",
        "each",
        "file",
        "files",
        "folder",
        "output",
        "which",
        "whether",
        "when",
        "every",
        "write",
        "help",
        "version",
    ];
    let commands = [
        "build", "watch", "archive", "publish", "extract", "verify", "sign", "textconv", "diff",
        "new", "schema", "check",
    ];
    let mut pages = vec![paragraf(&["--help"])];
    pages.extend(commands.iter().map(|c| paragraf(&[c, "--help"])));
    for (page, command) in pages.iter().zip(std::iter::once("").chain(commands)) {
        assert!(page.status.success(), "{command}");
        let text = String::from_utf8_lossy(&page.stdout);
        assert!(text.contains("Användning: paragraf"), "{command}:\n{text}");
        // Words, not flags: `--help` and `--version` are the flags' names.
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic() && c != '-')
            .filter(|w| !w.starts_with('-'))
            .map(str::to_lowercase)
            .collect();
        for word in english {
            assert!(
                !words.iter().any(|w| w == word),
                "{command}: {word:?} in\n{text}"
            );
        }
    }
    // The top page lists every command and says their names are English.
    let top = String::from_utf8_lossy(&pages[0].stdout);
    assert!(commands.iter().all(|c| top.contains(c)), "{top}");
    assert!(top.contains("Kommandona har engelska namn"), "{top}");
}
