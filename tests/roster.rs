//! The organ's roll (`ledamoter.yaml`): a meeting records only what differed from it, the
//! närvarolista follows the roll on the meeting's date, and every check the roll makes
//! possible says so at its line.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use paragraf::derive::View;

/// Three seats; two ersättare of (S) and one of (M) in that order; Eva Berg (V) leaves
/// on 2024-06-01 and Per Holm is elected in her place.
const ROLL: &str = "\
mandatperiod: {från: 2023-01-01, till: 2026-12-31}
ledamöter:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Bo Ström, parti: M, roll: vice ordförande}
  - {namn: Eva Berg, parti: V}
ersättare:
  - {namn: Fia Holm, parti: S}
  - {namn: Gustav Aho, parti: S}
  - {namn: Lars Åker, parti: M}
ändringar:
  - datum: 2024-06-01
    avgår: Eva Berg
    efterträdare: {namn: Per Holm}
";

/// A meeting on `date` whose attendance is `attendance` (YAML lines, or none).
fn meeting(date: &str, attendance: &str) -> String {
    format!(
        "\
nämnd: Kulturnämnden
datum: {date}
{attendance}
sekreterare: {{namn: Per Lind}}
justerare: [{{namn: Bo Ström}}]
justering: {{datum: {date}}}
anslag: {{förvaringsplats: Kulturförvaltningen}}
paragrafer:
  - paragraf: 1
    rubrik: Val av justerare
    beslut: [Bo Ström utses att justera protokollet.]
  - paragraf: 2
    rubrik: Godkännande av dagordningen
    beslut: [Nämnden godkänner dagordningen.]
"
    )
}

/// An organ's folder with its roll and the meetings given (folder name → text).
fn organ(roll: &str, meetings: &[(&str, String)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ledamoter.yaml"), roll).unwrap();
    let mut files = Vec::new();
    for (folder, text) in meetings {
        let folder = dir.path().join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("sammantrade.yaml");
        std::fs::write(&file, text).unwrap();
        files.push(file);
    }
    (dir, files)
}

/// Replace `from` by `to` in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// What § 2 of `meeting` decides, to add lines after.
const SECOND_DECISION: &str = "    beslut: [Nämnden godkänner dagordningen.]\n";

/// `paragraf check` on `path`: whether it passed, and what it said.
fn check(path: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `paragraf check` on a meeting with `attendance` on 2024-05-21: it passes only with
/// warnings, and says `expected` (file:line:column: message).
fn says(attendance: &str, passes: bool, expected: &[&str]) {
    // No justerare: who may be one (not the chair, someone present) depends on the
    // attendance tried, and these meetings are about who serves.
    let text = meeting("2024-05-21", attendance).replace("justerare: [{namn: Bo Ström}]\n", "");
    let (_dir, files) = organ(ROLL, &[("2024-05-21", text)]);
    let (ok, said) = check(&files[0]);
    assert_eq!(ok, passes, "{said}");
    for line in expected {
        assert!(said.contains(line), "expected\n  {line}\nin\n{said}");
    }
}

/// The first page's beslutande and the chair of each meeting's protocol, in file order.
fn protocols(files: &[PathBuf]) -> Vec<(Vec<String>, Option<String>)> {
    let inputs = paragraf::load(files).unwrap_or_else(|e| panic!("{e}"));
    let planned = paragraf::plan(&inputs).unwrap_or_else(|e| panic!("{e}"));
    let mut found: Vec<(String, Vec<String>, Option<String>)> = planned
        .iter()
        .filter_map(|p| match &p.document.view {
            View::Protocol(protocol) => Some((
                protocol.meeting.meeting_date.clone(),
                protocol
                    .meeting
                    .members
                    .iter()
                    .map(|m| m.name.clone())
                    .collect(),
                protocol
                    .meeting
                    .adjustment
                    .chair
                    .as_ref()
                    .map(|c| c.name.clone()),
            )),
            _ => None,
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, m, c)| (m, c)).collect()
}

#[test]
fn a_fyllnadsval_changes_the_narvarolista_after_its_date_and_not_before() {
    let (_dir, files) = organ(
        ROLL,
        &[
            ("2024-05-21", meeting("2024-05-21", "")),
            ("2024-06-01", meeting("2024-06-01", "")),
            ("2024-09-17", meeting("2024-09-17", "")),
        ],
    );
    let lists = protocols(&files);
    let before = ["Anna Ek (S)", "Bo Ström (M)", "Eva Berg (V)"];
    let after = ["Anna Ek (S)", "Bo Ström (M)", "Per Holm (V)"];
    assert_eq!(lists[0].0, before);
    // From the day of the change on.
    assert_eq!(lists[1].0, after);
    assert_eq!(lists[2].0, after);
    for file in &files {
        assert!(check(file).0);
    }
}

#[test]
fn a_meeting_records_only_what_differed() {
    // Anna Ek leaves after § 1, and Fia Holm serves in her seat in § 2; Gustav Aho sits by.
    let attendance = "\
beslutande:
  - {namn: Anna Ek, anteckning: lämnade sammanträdet kl. 14.10}
ersättare:
  - {namn: Fia Holm, ersätter: Anna Ek, paragrafer: § 2}
  - {namn: Gustav Aho}";
    let (_dir, files) = organ(ROLL, &[("2024-05-21", meeting("2024-05-21", attendance))]);
    let (ok, said) = check(&files[0]);
    assert!(ok && !said.contains("varning"), "{said}");
    let inputs = paragraf::load(&files).unwrap();
    let facts = &inputs.meetings[0].facts;
    assert_eq!(facts.seats, Some(3));
    assert_eq!(
        facts.roll.serving_names(0),
        ["Anna Ek", "Bo Ström", "Eva Berg"]
    );
    assert_eq!(
        facts.roll.serving_names(1),
        ["Bo Ström", "Eva Berg", "Fia Holm"]
    );
    // Lars Åker, not named, is absent; so is nobody else.
    let absent: Vec<&str> = facts.roll.absent.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(absent, ["Lars Åker"]);
    let (members, _) = &protocols(&files)[0];
    assert!(members.contains(&"Anna Ek (S)".to_owned()));
}

#[test]
fn a_meeting_that_lists_its_roll_in_full_keeps_working() {
    let attendance = "\
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Bo Ström, parti: M, roll: vice ordförande}
  - {namn: Eva Berg, parti: V}
ordförande: {namn: Anna Ek}";
    let (_dir, files) = organ(ROLL, &[("2024-05-21", meeting("2024-05-21", attendance))]);
    let (ok, said) = check(&files[0]);
    assert!(ok && !said.contains("varning"), "{said}");
    // And without a roll at all, as before.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2024-05-21");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("sammantrade.yaml"),
        meeting("2024-05-21", attendance),
    )
    .unwrap();
    let (ok, said) = check(&folder.join("sammantrade.yaml"));
    assert!(ok, "{said}");
}

#[test]
fn a_name_not_on_the_roll_that_day_is_an_error_with_the_nearest_name() {
    says(
        "ersättare:\n  - {namn: Fia Holmm}",
        false,
        &[
            "sammantrade.yaml:4:12: Fia Holmm står inte i ledamoter.yaml den 2024-05-21; menade du `Fia Holm`?",
        ],
    );
    // Per Holm is elected from 2024-06-01: not yet a member in May.
    says(
        "frånvarande:\n  - {namn: Per Holm}",
        false,
        &["sammantrade.yaml:4:12: Per Holm står inte i ledamoter.yaml den 2024-05-21"],
    );
    says(
        "ersättare:\n  - {namn: Fia Holm, ersätter: Ana Ek}",
        false,
        &[
            "sammantrade.yaml:4:32: Ana Ek står inte i ledamoter.yaml den 2024-05-21; menade du `Anna Ek`?",
        ],
    );
    // A name in a § is checked against who attends: an absent member cannot vote.
    let attendance = "frånvarande:\n  - {namn: Eva Berg}";
    let (_dir, files) = organ(ROLL, &[("2024-05-21", meeting("2024-05-21", attendance))]);
    edit(
        &files[0],
        SECOND_DECISION,
        &format!("{SECOND_DECISION}    yrkanden: [{{av: Eva Berg, yrkande: avslag}}]\n"),
    );
    let (ok, said) = check(&files[0]);
    assert!(!ok);
    assert!(
        said.contains("sammantrade.yaml:16:21: Eva Berg är frånvarande och kan inte yrka"),
        "{said}"
    );
}

#[test]
fn the_roll_says_who_is_a_ledamot_an_ersattare_and_of_which_party() {
    says(
        "ersättare:\n  - {namn: Eva Berg}",
        false,
        &["sammantrade.yaml:4:12: Eva Berg är ledamot, inte ersättare"],
    );
    says(
        "beslutande:\n  - {namn: Fia Holm}",
        false,
        &["sammantrade.yaml:4:12: Fia Holm är ersättare; ange vem hen tjänstgör för"],
    );
    says(
        "ersättare:\n  - {namn: Fia Holm, parti: s}",
        false,
        &["sammantrade.yaml:4:29: Fia Holm står som (S) i ledamoter.yaml, inte (s)"],
    );
    says(
        "frånvarande:\n  - {namn: Eva Berg, parti: v}",
        false,
        &["sammantrade.yaml:4:29: Eva Berg står som (V) i ledamoter.yaml, inte (v)"],
    );
    says(
        "ersättare:\n  - {namn: Fia Holm, ersätter: Gustav Aho}\n  - {namn: Gustav Aho}",
        false,
        &["sammantrade.yaml:4:32: Gustav Aho är ersättare; en ersättare tjänstgör för en ledamot"],
    );
}

#[test]
fn an_ersattare_of_another_party_or_out_of_order_is_a_warning_with_the_order() {
    says(
        "ersättare:\n  - {namn: Lars Åker, ersätter: Anna Ek}",
        true,
        &[
            "varning: ",
            "sammantrade.yaml:4:33: Lars Åker (M) tjänstgör för Anna Ek (S), en ledamot från ett annat parti; ersättarordningen (S): Fia Holm, Gustav Aho",
        ],
    );
    says(
        "ersättare:\n  - {namn: Gustav Aho, ersätter: Anna Ek}\n  - {namn: Fia Holm}",
        true,
        &[
            "varning: ",
            "sammantrade.yaml:4:34: Gustav Aho tjänstgör för Anna Ek i § 1, men Fia Holm står före i ersättarordningen och tjänstgör inte där; ersättarordningen (S): Fia Holm, Gustav Aho",
        ],
    );
    // In the order, with the first one serving elsewhere: no word.
    says(
        "frånvarande:\n  - {namn: Eva Berg}\nersättare:\n  - {namn: Gustav Aho, ersätter: Anna Ek}",
        true,
        &[],
    );
    // A joint order: any party, in the list's order.
    let joint = ROLL.replace("ledamöter:", "ersättarordning: gemensam\nledamöter:");
    let attendance =
        "ersättare:\n  - {namn: Lars Åker, ersätter: Eva Berg}\n  - {namn: Gustav Aho}";
    let (_dir, files) = organ(&joint, &[("2024-05-21", meeting("2024-05-21", attendance))]);
    let (ok, said) = check(&files[0]);
    assert!(ok, "{said}");
    assert!(
        said.contains("Lars Åker tjänstgör för Eva Berg i § 1, men Gustav Aho står före i ersättarordningen och tjänstgör inte där; ersättarordningen gemensam: Fia Holm, Gustav Aho, Lars Åker"),
        "{said}"
    );
    assert!(!said.contains("annat parti"), "{said}");
}

#[test]
fn an_absent_member_is_not_also_serving() {
    says(
        "beslutande:\n  - {namn: Eva Berg, anteckning: kom kl. 14.10}\nfrånvarande:\n  - {namn: Eva Berg}",
        false,
        &["sammantrade.yaml:6:12: Eva Berg står både bland de närvarande och de frånvarande"],
    );
}

#[test]
fn a_seat_nobody_serves_in_while_an_ersattare_sits_by_is_a_warning() {
    says(
        "frånvarande:\n  - {namn: Anna Ek}\nersättare:\n  - {namn: Fia Holm}",
        true,
        &[
            "varning: ",
            "sammantrade.yaml:4:12: ingen tjänstgör på Anna Eks (S) plats i §§ 1–2, fast Fia Holm är närvarande och inte tjänstgör",
        ],
    );
    // With no ersättare of the party there, an empty seat is only what happened.
    says(
        "frånvarande:\n  - {namn: Eva Berg}\nersättare:\n  - {namn: Fia Holm}",
        true,
        &[],
    );
}

#[test]
fn the_chair_is_the_rolls_presidium_unless_the_meeting_says() {
    let meetings = [
        ("2024-05-21", meeting("2024-05-21", "")),
        // The ordförande absent: the vice ordförande chairs.
        (
            "2024-05-22",
            meeting("2024-05-22", "frånvarande:\n  - {namn: Anna Ek}"),
        ),
        // The meeting names another.
        (
            "2024-05-23",
            meeting("2024-05-23", "ordförande: {namn: Eva Berg}"),
        ),
    ];
    let (_dir, files) = organ(ROLL, &meetings);
    let chairs: Vec<Option<String>> = protocols(&files).into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        chairs,
        [
            Some("Anna Ek".to_owned()),
            Some("Bo Ström".to_owned()),
            Some("Eva Berg".to_owned())
        ]
    );
}

#[test]
fn everything_that_counts_people_reads_the_roll() {
    // "Övriga" in a roll-call vote are every member serving not named, the roll's too;
    // beslutförhet counts the roll's seats.
    let (_dir, files) = organ(
        ROLL,
        &[(
            "2024-05-21",
            meeting("2024-05-21", "frånvarande:\n  - {namn: Eva Berg}"),
        )],
    );
    edit(
        &files[0],
        SECOND_DECISION,
        &format!(
            "{SECOND_DECISION}    yrkanden: [{{av: Bo Ström, yrkande: avslag}}]\n    omröstning: {{ja: förslaget, nej: avslag, röster: {{ja: övriga, nej: [Bo Ström]}}}}\n"
        ),
    );
    let inputs = paragraf::load(&files).unwrap_or_else(|e| panic!("{e}"));
    let facts = &inputs.meetings[0].facts;
    let vote = facts.votes[1].as_ref().unwrap();
    assert_eq!(vote.yes, ["Anna Ek"]);
    assert_eq!(vote.no, ["Bo Ström"]);
    // Two of three seats serve: beslutför. Absent a second member, it is not.
    assert_eq!(facts.seats, Some(3));
    let (ok, said) = check(&files[0]);
    assert!(ok, "{said}");
    edit(
        &files[0],
        "  - {namn: Eva Berg}",
        "  - {namn: Eva Berg}\n  - {namn: Bo Ström}",
    );
    let (ok, said) = check(&files[0]);
    assert!(!ok);
    assert!(
        said.contains("är inte beslutför i § 1: 1 av 3 platser tjänstgör"),
        "{said}"
    );
}

#[test]
fn what_the_meeting_says_of_seats_and_dates_agrees_with_the_roll() {
    says(
        "platser: 5",
        false,
        &["sammantrade.yaml:3:10: ledamoter.yaml har 3 platser den 2024-05-21, inte 5"],
    );
    says(
        "vakanser: [{parti: M}]",
        false,
        &[
            "sammantrade.yaml:3:11: de vakanta platserna följer av ledamoter.yaml (en ledamot som avgår utan efterträdare), och den 2024-05-21 är de inga; ta bort `vakanser`",
        ],
    );
    let (_dir, files) = organ(ROLL, &[("2027-02-01", meeting("2027-02-01", ""))]);
    let (ok, said) = check(&files[0]);
    assert!(!ok);
    assert!(
        said.contains("sammantrade.yaml:2:8: sammanträdet 2027-02-01 ligger utanför mandatperioden 2023-01-01–2026-12-31 i ledamoter.yaml"),
        "{said}"
    );
}

#[test]
fn a_leaving_member_without_successor_leaves_a_vacant_seat() {
    let roll = ROLL.replace("    efterträdare: {namn: Per Holm}\n", "");
    let attendance = "ersättare:\n  - {namn: Fia Holm, ersätter: vakant}";
    let (_dir, files) = organ(&roll, &[("2024-09-17", meeting("2024-09-17", attendance))]);
    let (ok, said) = check(&files[0]);
    assert!(ok, "{said}");
    // A meeting written in full may say so too, as the roll has it; not otherwise.
    edit(
        &files[0],
        "ersättare:",
        "vakanser: [{parti: V}]\nersättare:",
    );
    let (ok, said) = check(&files[0]);
    assert!(ok, "{said}");
    edit(&files[0], "{parti: V}", "{parti: M}");
    let (ok, said) = check(&files[0]);
    assert!(
        !ok && said.contains("och den 2024-09-17 är de (V)"),
        "{said}"
    );
    let inputs = paragraf::load(&files).unwrap();
    let roll = &inputs.meetings[0].facts.roll;
    let parties: Vec<Option<&str>> = (roll.vacancies.iter())
        .map(|v| v.party.as_deref())
        .collect();
    assert_eq!(parties, [Some("V")]);
    assert_eq!(inputs.meetings[0].facts.seats, Some(3));
}

#[test]
fn the_rolls_own_mistakes_are_errors_at_their_line() {
    let broken = ROLL.replace("avgår: Eva Berg", "avgår: Eva Bergg").replace(
        "  - {namn: Lars Åker, parti: M}",
        "  - {namn: Fia Holm, parti: M}",
    ) + "  - {datum: 2027-03-01, namn: Bo Ström, roll: ordförande}\n  - {datum: 2024-03-01}\n";
    let (_dir, files) = organ(&broken, &[("2024-05-21", meeting("2024-05-21", ""))]);
    let (ok, said) = check(&files[0]);
    assert!(!ok);
    for expected in [
        "ledamoter.yaml:9:12: Fia Holm står två gånger i förteckningen",
        "ledamoter.yaml:12:12: Eva Bergg står inte i förteckningen den 2024-06-01; menade du `Eva Berg`?",
        "ledamoter.yaml:14:13: ändringen den 2027-03-01 ligger utanför mandatperioden 2023-01-01–2026-12-31",
        "ledamoter.yaml:15:6: en ändring anger antingen `avgår` (och `efterträdare`) eller `namn` och `roll`",
    ] {
        assert!(
            said.contains(expected),
            "expected\n  {expected}\nin\n{said}"
        );
    }
    // Said once, however many meetings read the roll.
    assert_eq!(said.matches("står två gånger").count(), 1, "{said}");
}

#[test]
fn a_years_meetings_share_one_read_of_the_roll() {
    let (_dir, files) = organ(
        ROLL,
        &[
            ("2024-05-21", meeting("2024-05-21", "")),
            ("2024-09-17", meeting("2024-09-17", "")),
        ],
    );
    let inputs = paragraf::load(&files).unwrap();
    let rolls: Vec<_> = inputs
        .meetings
        .iter()
        .map(|m| m.loaded.roster.clone().unwrap())
        .collect();
    assert!(std::sync::Arc::ptr_eq(&rolls[0], &rolls[1]));
}

#[test]
fn textconv_and_diff_say_the_rolls_changes_in_domain_terms() {
    let (dir, _) = organ(ROLL, &[]);
    let path = dir.path().join("ledamoter.yaml");
    let source = paragraf::model::SourceFile::read(&path).unwrap();
    let text = paragraf::textconv::text(&paragraf::textconv::facts(source).unwrap());
    for expected in [
        "Ledamotsförteckning: mandatperiod: 2023-01-01 – 2026-12-31",
        "Ledamot: Anna Ek (S): ordförande",
        "Ersättare: Gustav Aho (S): nr 2 för (S)",
        "Ledamotsförteckning: ändring 2024-06-01 Eva Berg: Eva Berg (V) ersätts av Per Holm (V) från 2024-06-01",
    ] {
        assert!(text.contains(expected), "expected {expected:?} in\n{text}");
    }
    let old = dir.path().join("gammal.yaml");
    std::fs::copy(&path, &old).unwrap();
    let mut roll = ROLL.replace(
        "ändringar:\n",
        "ändringar:\n  - {datum: 2025-03-01, avgår: Anna Ek, efterträdare: {namn: Fia Holm}}\n",
    );
    roll.push_str("  - {datum: 2025-03-01, namn: Bo Ström, roll: ordförande}\n");
    std::fs::write(&path, roll).unwrap();
    // The old version read as a roll: under the roll's name.
    let old_roll = dir.path().join("gammal");
    std::fs::create_dir_all(&old_roll).unwrap();
    std::fs::rename(&old, old_roll.join("ledamoter.yaml")).unwrap();
    let changes =
        paragraf::textconv::diff(old_roll.join("ledamoter.yaml").to_str().unwrap(), &path).unwrap();
    assert!(
        changes.contains(&"Ledamotsförteckning: ändring 2025-03-01 Anna Ek tillagd: Anna Ek (S) ersätts av Fia Holm (S) från 2025-03-01".to_owned()),
        "{changes:#?}"
    );
    assert!(
        changes.contains(&"Ledamotsförteckning: ändring 2025-03-01 Bo Ström tillagd: Bo Ström (M) är ordförande från 2025-03-01".to_owned()),
        "{changes:#?}"
    );
}

#[test]
fn paragraf_new_roll_writes_a_skeleton_check_asks_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledamoter.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["new", "roll"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let (ok, said) = check(&path);
    assert!(!ok);
    assert!(
        said.contains("fyll i eller ta bort: FYLL I: ordförandens namn"),
        "{said}"
    );
    assert!(!said.contains("okänd"), "{said}");
}

/// The protocols of the example organ `organ` in `cases/`, by heading.
fn example_protocols(organ: &str) -> Vec<paragraf::derive::ProtocolView> {
    protocols_of(&common::repo().join("cases").join(organ))
}

/// The protocols planned from the meetings under `folder`.
fn protocols_of(folder: &std::path::Path) -> Vec<paragraf::derive::ProtocolView> {
    let inputs = paragraf::load(&[folder.to_path_buf()]).unwrap();
    let planned = paragraf::plan(&inputs).unwrap();
    planned
        .iter()
        .filter_map(|p| match &p.document.view {
            View::Protocol(protocol) => Some((**protocol).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_lists_say_who_served_where_jav_and_parts_included() {
    // Issue 29, item 10: a member jäv in § 64 is not printed as serving it.
    let ksau = example_protocols("kommunstyrelsens-arbetsutskott");
    let ingrid = ksau[0]
        .meeting
        .members
        .iter()
        .find(|m| m.name == "Ingrid Bäck (C)")
        .unwrap();
    assert_eq!(
        ingrid.note.as_deref().map(|n| n.replace('\u{a0}', " ")),
        Some("§§ 61–63 och 65".to_owned())
    );
    // Justerad at once, § 64 is a protocol of its own: she is jäv in its only §, so that
    // protocol lists her ersättare and not her.
    let (_dir, folder) = common::edited_example(
        "kommunstyrelsens-arbetsutskott",
        "2024-09-24/sammantrade.yaml",
        |text| {
            text.replace(
                "    jäv: [Ingrid Bäck]\n",
                "    jäv: [Ingrid Bäck]\n    omedelbar_justering: true\n",
            )
        },
    );
    let parts = protocols_of(&folder);
    let immediate = parts
        .iter()
        .find(|p| p.heading.contains("omedelbart"))
        .unwrap();
    let members: Vec<&str> = (immediate.meeting.members.iter())
        .map(|m| m.name.as_str())
        .collect();
    assert!(!members.contains(&"Ingrid Bäck (C)"), "{members:?}");
    assert!(members.contains(&"Erik Svensson (C)"), "{members:?}");
    // Item 11: the bilaga marks no one present in §§ they were not at, and keeps the notes.
    // The example keeps one protocol; here as a protocol per justering.
    let (_dir, folder) =
        common::edited_example("kommunfullmaktige", "2024-10-21/sammantrade.yaml", |text| {
            text.replace(
                "justeringar_i_ett_protokoll: true",
                "justeringar_i_ett_protokoll: false",
            )
        });
    let kf = protocols_of(&folder);
    assert_eq!(kf.len(), 2);
    let (rest, immediate) = match kf[0].heading.contains("omedelbart") {
        true => (&kf[1], &kf[0]),
        false => (&kf[0], &kf[1]),
    };
    let row = |protocol: &paragraf::derive::ProtocolView, name: &str| {
        let table = protocol.roll.as_ref().unwrap();
        table.rows.iter().find(|r| r.name == name).unwrap().clone()
    };
    let lars = row(rest, "Lars Berg");
    assert_eq!(lars.note, "lämnade sammanträdet kl. 20.10");
    assert_eq!(lars.serving, ["tjg", "tjg", ""]);
    let stefan = row(rest, "Stefan Borg");
    assert_eq!(stefan.note, "kom kl. 18.25");
    assert_eq!(stefan.serving, ["", "tjg", "tjg"]);
    // Item 16: Bengt Ros served for Stefan Borg in §§ 118–119 only, not in § 125's part.
    // (Ekby's label names the replaced member's party: `ers. för {ledamot_med_parti}`.)
    assert_eq!(row(rest, "Bengt Ros").note, "ers. för Stefan Borg (SD)");
    assert_eq!(row(immediate, "Bengt Ros").note, "");
    assert_eq!(row(immediate, "Bengt Ros").serving, ["ej"]);
    // The justerare with the parties the roll gives them.
    let karin = &rest.meeting.adjustment.adjusters[0];
    assert_eq!(
        (karin.name.as_str(), karin.named.as_str()),
        ("Karin Lund", "Karin Lund (M)")
    );
    let stand_in = karin.stand_in.as_deref().unwrap_or_default();
    assert_eq!(
        karin.stand_in_named.as_deref(),
        Some(format!("{stand_in} (M)").as_str())
    );
    assert!(
        immediate.meeting.adjustment.adjusters[1]
            .named
            .ends_with(" (KD)")
    );
    // Kept as one protocol (the example): one bilaga of every §, where Bengt Ros serves
    // for Stefan Borg in §§ 118–119 alone, and each justering with its own justerare.
    let one = example_protocols("kommunfullmaktige");
    assert_eq!(one.len(), 1);
    let table = one[0].roll.as_ref().unwrap();
    let plain = |s: &str| s.replace('\u{a0}', " ");
    let segments: Vec<String> = table.segments.iter().map(|s| plain(s)).collect();
    assert_eq!(segments, ["§§ 118–119", "§§ 120–122", "§§ 123–126"]);
    assert_eq!(row(&one[0], "Bengt Ros").note, "ers. för Stefan Borg (SD)");
    assert_eq!(row(&one[0], "Bengt Ros").serving, ["tjg", "ej", "ej"]);
    let adjustments = &one[0].meeting.adjustments;
    let names = |a: &paragraf::derive::AdjustmentView| -> Vec<String> {
        a.adjusters.iter().map(|a| a.name.clone()).collect()
    };
    assert_eq!(adjustments.len(), 2);
    assert_eq!(plain(&adjustments[0].paragraphs), "KF § 125");
    assert_eq!(names(&adjustments[0]), ["Per Holm", "Sara Lind"]);
    assert_eq!(plain(&adjustments[1].paragraphs), "KF §§ 118–124 och 126");
    assert_eq!(names(&adjustments[1]), ["Karin Lund", "Ahmed Yusuf"]);
    assert!(one[0].meeting.adjustment.adjusters.is_empty());
}

#[test]
fn the_kallelse_is_sent_to_the_roll_on_the_meetings_date() {
    let (_dir, files) = organ(
        ROLL,
        &[
            (
                "2024-05-21",
                meeting("2024-05-21", "frånvarande:\n  - {namn: Eva Berg}"),
            ),
            ("2024-09-17", meeting("2024-09-17", "")),
        ],
    );
    let inputs = paragraf::load(&files).unwrap();
    let planned = paragraf::plan(&inputs).unwrap();
    let mut kallelser: Vec<(String, Vec<String>, Vec<String>)> = planned
        .iter()
        .filter_map(|p| match &p.document.view {
            View::Agenda(agenda) => {
                let recipients = agenda.recipients.as_ref()?;
                let names = |list: &[paragraf::derive::MemberView]| {
                    list.iter()
                        .map(|m| match &m.note {
                            Some(role) => format!("{}, {role}", m.name),
                            None => m.name.clone(),
                        })
                        .collect()
                };
                Some((
                    agenda.meeting.meeting_date.clone(),
                    names(&recipients.members),
                    names(&recipients.substitutes),
                ))
            }
            _ => None,
        })
        .collect();
    kallelser.sort();
    // Called whether or not they came: Eva Berg was absent, and is called all the same.
    assert_eq!(
        kallelser[0].1,
        [
            "Anna Ek (S), ordförande",
            "Bo Ström (M), vice ordförande",
            "Eva Berg (V)"
        ]
    );
    assert_eq!(
        kallelser[1].1,
        [
            "Anna Ek (S), ordförande",
            "Bo Ström (M), vice ordförande",
            "Per Holm (V)"
        ]
    );
    assert_eq!(
        kallelser[1].2,
        ["Fia Holm (S)", "Gustav Aho (S)", "Lars Åker (M)"]
    );
}

#[test]
fn a_roll_at_its_limit_is_checked_in_time_and_one_past_it_is_refused() {
    let roll = |members: usize| {
        let mut text =
            String::from("mandatperiod: {från: 2023-01-01, till: 2026-12-31}\nledamöter:\n");
        for i in 0..members {
            text.push_str(&format!("  - {{namn: Ledamot {i}, parti: P{}}}\n", i % 8));
        }
        text.push_str("ersättare:\n");
        for i in 0..1_000 {
            text.push_str(&format!("  - {{namn: Ersättare {i}, parti: P{}}}\n", i % 8));
        }
        text
    };
    // Every ersättare present, a third of the ledamöter absent, 100 §§: every seat and every
    // ersättare is weighed in every §.
    let mut attendance = String::from("frånvarande:\n");
    for i in (0..1_000).step_by(3) {
        attendance.push_str(&format!("  - {{namn: Ledamot {i}}}\n"));
    }
    attendance.push_str("ersättare:\n");
    for i in 0..1_000 {
        attendance.push_str(&format!("  - {{namn: Ersättare {i}}}\n"));
    }
    // The justerare is one of those present.
    let mut text =
        meeting("2024-05-21", &attendance).replace("{namn: Bo Ström}", "{namn: Ledamot 1}");
    for n in 3..=100 {
        text.push_str(&format!(
            "  - paragraf: {n}\n    rubrik: Ärende {n}\n    beslut: [Nämnden beslutar.]\n"
        ));
    }
    let (_dir, files) = organ(&roll(1_000), &[("2024-05-21", text)]);
    let started = std::time::Instant::now();
    let (ok, said) = check(&files[0]);
    assert!(ok, "{}", &said[..said.len().min(2_000)]);
    assert!(said.contains("ingen tjänstgör på Ledamot 0s (P0) plats i §§ 1–100"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let (_dir, files) = organ(&roll(1_001), &[("2024-05-21", meeting("2024-05-21", ""))]);
    let (ok, said) = check(&files[0]);
    assert!(!ok);
    assert!(
        said.contains("ledamoter.yaml:3:3: förteckningen har 1001 ledamöter; högst 1000 läses"),
        "{}",
        &said[..said.len().min(2_000)]
    );
}
