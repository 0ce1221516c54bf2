//! A meeting justerad in parts as one protocol (`justeringar_i_ett_protokoll`, issue 29
//! item 3): the profile's habit, a meeting's own choice, and each part's appeal deadline,
//! a holiday included, on the ANSLAG/BEVIS, the anslag and the web anslagstavla.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use paragraf::BuildOptions;
use paragraf::output::site::Site;

use common::*;

/// The example organ `organ` in a temporary folder, its meeting of `date` as `edit` makes
/// it (which must change it): the folder and the meeting file, with the text written.
fn example(
    organ: &str,
    date: &str,
    edit: &dyn Fn(String) -> String,
) -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let (dir, folder) = edited_example(organ, &format!("{date}/sammantrade.yaml"), edit);
    let meeting = folder.join(date).join("sammantrade.yaml");
    let edited = std::fs::read_to_string(&meeting).unwrap();
    (dir, folder, meeting, edited)
}

/// Kommunfullmäktige's example in a temporary folder, its second justering moved to
/// Friday 25 October 2024 and posted on Saturday the 26th (three weeks on is Saturday
/// 16 November, so the last day is Monday the 18th), with `edit` applied to the meeting
/// and `profile` added to the profile.
fn organ(edit: &dyn Fn(String) -> String, profile: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, folder, _, _) = example("kommunfullmaktige", "2024-10-21", &|text| {
        edit(
            text.replace("  - datum: 2024-10-28\n", "  - datum: 2024-10-25\n")
                .replace("    anslag: 2024-10-29\n", "    anslag: 2024-10-26\n"),
        )
    });
    let profile_file = folder.join("profil.yaml");
    let own = std::fs::read_to_string(&profile_file).unwrap();
    std::fs::write(&profile_file, format!("{own}{profile}")).unwrap();
    (dir, folder)
}

/// The text of the first two pages of the protocol `name`: its first page, and the page
/// its signatures and ANSLAG/BEVIS may go on to.
fn cover(pdfs: &std::collections::BTreeMap<String, PathBuf>, name: &str) -> String {
    let protocol = pdf(pdfs, name);
    format!("{} {}", page_text(protocol, 1), page_text(protocol, 2))
}

fn assert_all(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

fn without_own_choice(text: String) -> String {
    let without = text.replace("justeringar_i_ett_protokoll: true\n", "");
    assert_ne!(without, text);
    without
}

#[test]
fn the_profile_keeps_one_protocol_with_each_parts_days_and_deadline() {
    let (_dir, folder) = organ(&without_own_choice, "justeringar_i_ett_protokoll: true\n");
    let (_out, pdfs) = build(&[folder]);
    let protocols: Vec<&String> = pdfs
        .keys()
        .filter(|n| n.contains("_protokoll.") || n.contains("_protokoll-"))
        .collect();
    assert_eq!(
        protocols,
        ["2024-10-21_kommunfullmaktige_protokoll.pdf"],
        "{pdfs:?}"
    );
    assert_all(
        &cover(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"),
        &[
            // In the order they happen: § 125 at the meeting, the rest four days later.
            "Justeringens plats och tid KF § 125: Ekby stadshus, fullmäktigesalen, 2024-10-21 kl. 21.20 KF §§ 118–124 och 126: Kommunledningskontoret, Ekby stadshus, 2024-10-25 kl. 10.00",
            "Justering KF § 125, 2024-10-21 kl. 21.20 Ordförande Birgitta Ståhl Justerande Per Holm Justerande Sara Lind",
            "Justering KF §§ 118–124 och 126, 2024-10-25 kl. 10.00 Ordförande Birgitta Ståhl Justerande Karin Lund",
            // Posted Tuesday 22 October: taken down Tuesday 12 November. Ekby's ANSLAG/BEVIS
            // has the justering before the §§ (`anslag.rader`).
            "2024-10-21 KF § 125 2024-10-22 2024-11-12 Maria Lindholm",
            // Posted Saturday 26 October: three weeks on is a Saturday, so Monday 18 November.
            "2024-10-25 KF §§ 118–124 och 126 2024-10-26 2024-11-18 Maria Lindholm",
        ],
    );
    // Each part's own anslag, with its own last day to appeal.
    let first = text(pdf(
        &pdfs,
        "2024-10-22_kommunfullmaktige_anslag-omedelbart-justerade.pdf",
    ));
    assert!(
        first.contains("Sista dag för överklagande 2024-11-12"),
        "{first}"
    );
    let second = text(pdf(&pdfs, "2024-10-26_kommunfullmaktige_anslag.pdf"));
    for expected in [
        "Paragrafer KF §§ 118–124 och 126",
        "Datum för justering 2024-10-25",
        "Sista dag för överklagande 2024-11-18",
        "senast den 18 november 2024",
    ] {
        assert!(second.contains(expected), "missing {expected:?}:\n{second}");
    }
    // The extract of a § certifies with its own part's justering.
    let extract = text(pdf(&pdfs, "protokollsutdrag_p122"));
    assert!(
        extract.contains("Justerat 2024-10-25 kl. 10.00, Kommunledningskontoret, Ekby stadshus"),
        "{extract}"
    );
}

#[test]
fn a_meeting_may_keep_a_protocol_per_justering_against_its_profile() {
    let (_dir, folder) = organ(
        &|text| {
            text.replace(
                "justeringar_i_ett_protokoll: true",
                "justeringar_i_ett_protokoll: false",
            )
        },
        "justeringar_i_ett_protokoll: true\n",
    );
    let (_out, pdfs) = build(&[folder]);
    let own = text(pdf(
        &pdfs,
        "2024-10-21_kommunfullmaktige_protokoll-omedelbart-justerade.pdf",
    ));
    assert!(
        own.contains("Protokoll, omedelbart justerade paragrafer"),
        "{own}"
    );
    let rest = text(pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"));
    assert!(rest.contains("Paragrafer KF §§ 118–124 och 126"), "{rest}");
    assert!(!rest.contains("Justering KF § 125"), "{rest}");
}

#[test]
fn the_anslagstavla_gives_each_part_its_own_deadline_and_the_one_protocol() {
    let (_dir, folder) = organ(&|text| text, "");
    let out = tempfile::tempdir().unwrap();
    let publish = |on: &str, to: &Path| {
        let site = Site {
            on: NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap(),
            address: None,
        };
        paragraf::publish(
            std::slice::from_ref(&folder),
            to,
            &BuildOptions::default(),
            &site,
        )
        .unwrap_or_else(|e| panic!("publish: {e}"));
    };
    publish("2024-11-13", out.path());
    let board = std::fs::read_to_string(out.path().join("anslagstavla/index.html")).unwrap();
    let archive = std::fs::read_to_string(out.path().join("anslagstavla/arkiv.html")).unwrap();
    // The second part is up on 13 November; § 125's came down on the 12th.
    assert!(
        board.contains(r#"<strong><time datetime="2024-11-18">"#),
        "{board}"
    );
    assert!(!board.contains("2024-11-12"), "{board}");
    assert!(
        archive.contains(r#"<time datetime="2024-11-12">"#),
        "{archive}"
    );
    // Both lead to the one protocol.
    for page in [&board, &archive] {
        assert!(
            page.contains("2024-10-21_kommunfullmaktige_protokoll.html"),
            "{page}"
        );
    }
    let protocol = std::fs::read_to_string(
        out.path()
            .join("protokoll/2024-10-21_kommunfullmaktige_protokoll.html"),
    )
    .unwrap();
    assert!(protocol.contains("<dt>Justerande, KF"), "{protocol}");
}

#[test]
fn one_protocol_asked_of_a_meeting_justerad_in_one_piece_is_a_warning_at_its_line() {
    let (_dir, _, meeting, text) = example("socialnamnden", "2015-03-24", &|text| {
        text.replace(
            "sekreterare:\n",
            "justeringar_i_ett_protokoll: true\nsekreterare:\n",
        )
    });
    let line = text
        .lines()
        .position(|l| l.starts_with("justeringar_i_ett_protokoll"))
        .unwrap()
        + 1;
    let inputs = paragraf::load(&[meeting]).unwrap();
    let warnings = paragraf::check(&inputs).unwrap();
    let warning = warnings
        .iter()
        .find(|w| w.message.contains("justeringar_i_ett_protokoll"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(!warning.is_error());
    assert_eq!(warning.location().map(|l| l.line), Some(line));
    assert!(
        warning.message.contains("justeras i ett stycke"),
        "{}",
        warning.message
    );
}

#[test]
fn an_anslag_written_as_running_text_gives_each_part_its_own_sentence() {
    // Barn- och utbildningsnämndens habit: the ANSLAG/BEVIS as running text, with a period.
    // Under Ekby's own `anslag`, whose rows the running text has no use for. Ekby writes
    // 2024-10-21 in boxes; inside the sentences the dates are in words.
    let anslag = "anslag:\n  form: text\n  rubrik: BEVIS OM ANSLAG\n  tid_som_period: true\n  text: >-\n    Justeringen av {organnamns} protokoll från sammanträdet {sammanträdesdatum} har\n    tillkännagivits genom anslag. Anslås under tiden {uppsatt} – {nedtaget}. Protokollet\n    förvaras på {förvaringsplats}.\n";
    let (_dir, folder) = organ(&|text| text, "");
    let profile = folder.join("profil.yaml");
    let own = std::fs::read_to_string(&profile).unwrap();
    assert_eq!(own.matches("\nanslag:\n").count(), 1, "{own}");
    std::fs::write(&profile, own.replace("\nanslag:\n", &format!("\n{anslag}"))).unwrap();
    let (_out, pdfs) = build(&[folder]);
    assert_all(
        &cover(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"),
        &[
            "BEVIS OM ANSLAG",
            "KF § 125: Justeringen av kommunfullmäktiges protokoll från sammanträdet 21 oktober 2024 har tillkännagivits genom anslag. Anslås under tiden 22 oktober 2024 – 12 november 2024. Protokollet förvaras på Kommunledningskontoret, Ekby stadshus.",
            "KF §§ 118–124 och 126: Justeringen av kommunfullmäktiges protokoll från sammanträdet 21 oktober 2024 har tillkännagivits genom anslag. Anslås under tiden 26 oktober 2024 – 18 november 2024. Protokollet förvaras på Kommunledningskontoret, Ekby stadshus.",
        ],
    );
}

#[test]
fn a_parts_deadline_at_christmas_moves_past_juldagen_and_annandag_jul() {
    // Regionstyrelsen's example (justerad digitally, dates written out in full) with § 303
    // justerad at the meeting on 26 November and the rest on 3 December, posted the 4th:
    // three weeks on is 25 December, juldagen, and the 26th is annandag jul.
    let (_dir, folder, _, edited) = example("regionstyrelsen", "2024-11-26", &|text| {
        text.replace(
            "justering: {datum: 2024-11-28, plats: Regionkansliet}\nanslag: {datum: 2024-11-29,",
            "justeringar_i_ett_protokoll: true\njustering: {datum: 2024-12-03, plats: Regionkansliet}\nanslag: {datum: 2024-12-04,",
        )
        .replace(
            "  - rubrik: Anmälan av delegationsbeslut\n",
            "  - rubrik: Anmälan av delegationsbeslut\n    omedelbar_justering: true\n",
        )
    });
    assert_eq!(edited.matches("2024-12-0").count(), 2, "{edited}");
    assert!(edited.contains("omedelbar_justering"));
    let (_out, pdfs) = build(&[folder]);
    assert_all(
        &cover(&pdfs, "2024-11-26_regionstyrelsen_protokoll.pdf"),
        &[
            "Justering RS § 303/2024, 26 november 2024",
            "Justering RS §§ 301–302/2024, 3 december 2024",
            // Posted at the meeting, Tuesday 26 November: three weeks on is Tuesday 17 December.
            "RS § 303/2024 26 november 2024 26 november 2024 17 december 2024",
            "RS §§ 301–302/2024 3 december 2024 4 december 2024 27 december 2024",
            "Signeras digitalt av Maja Kvist",
        ],
    );
    let anslag = text(pdf(&pdfs, "2024-12-04_regionstyrelsen_anslag.pdf"));
    assert!(
        anslag.contains("Sista dag för överklagande 27 december 2024"),
        "{anslag}"
    );
    assert!(anslag.contains("senast den 27 december 2024"), "{anslag}");
}
