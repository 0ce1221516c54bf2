//! A meeting justerad in parts as one protocol (`justeringar_i_ett_protokoll`, issue 29
//! item 3): the profile's habit, a meeting's own choice, and each part's appeal deadline,
//! a holiday included, on the ANSLAG/BEVIS, the anslag and the web anslagstavla.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use paragraf::BuildOptions;
use paragraf::output::site::Site;

use common::*;

/// Kommunfullmäktige's example in a temporary folder, its second justering moved to
/// Friday 25 October 2024 and posted on Saturday the 26th (three weeks on is Saturday
/// 16 November, so the last day is Monday the 18th), with `edit` applied to the meeting
/// and `profile` added to the profile.
fn organ(edit: &dyn Fn(String) -> String, profile: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kommunfullmaktige");
    copy_folder(&repo().join("cases/kommunfullmaktige"), &folder);
    let meeting = folder.join("2024-10-21/sammantrade.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let moved = text
        .replace("  - datum: 2024-10-28\n", "  - datum: 2024-10-25\n")
        .replace("    anslag: 2024-10-29\n", "    anslag: 2024-10-26\n");
    assert_ne!(moved, text);
    std::fs::write(&meeting, edit(moved)).unwrap();
    let profile_file = folder.join("profil.yaml");
    let own = std::fs::read_to_string(&profile_file).unwrap();
    std::fs::write(&profile_file, format!("{own}{profile}")).unwrap();
    (dir, folder)
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
    let protocol = pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
    let cover = format!("{} {}", page_text(protocol, 1), page_text(protocol, 2));
    for expected in [
        // In the order they happen: § 125 at the meeting, the rest four days later.
        "Justeringens plats och tid KF § 125: Ekby stadshus, fullmäktigesalen, 2024-10-21 kl. 21.20 KF §§ 118–124 och 126: Kommunledningskontoret, Ekby stadshus, 2024-10-25 kl. 10.00",
        "Justering KF § 125, 2024-10-21 kl. 21.20 Ordförande Birgitta Ståhl Justerande Per Holm Justerande Sara Lind",
        "Justering KF §§ 118–124 och 126, 2024-10-25 kl. 10.00 Ordförande Birgitta Ståhl Justerande Karin Lund",
        // Posted Tuesday 22 October: taken down Tuesday 12 November.
        "KF § 125 2024-10-21 2024-10-22 2024-11-12 Maria Lindholm",
        // Posted Saturday 26 October: three weeks on is a Saturday, so Monday 18 November.
        "KF §§ 118–124 och 126 2024-10-25 2024-10-26 2024-11-18 Maria Lindholm",
    ] {
        assert!(cover.contains(expected), "missing {expected:?}:\n{cover}");
    }
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
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("socialnamnden");
    copy_folder(&repo().join("cases/socialnamnden"), &folder);
    let meeting = folder.join("2015-03-24/sammantrade.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let text = text.replace(
        "sekreterare:\n",
        "justeringar_i_ett_protokoll: true\nsekreterare:\n",
    );
    std::fs::write(&meeting, &text).unwrap();
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
    let anslag = "anslag:\n  form: text\n  rubrik: BEVIS OM ANSLAG\n  tid_som_period: true\n  text: >-\n    Justeringen av {organnamns} protokoll från sammanträdet {sammanträdesdatum} har\n    tillkännagivits genom anslag. Anslås under tiden {uppsatt} – {nedtaget}. Protokollet\n    förvaras på {förvaringsplats}.\n";
    let (_dir, folder) = organ(&|text| text, anslag);
    let (_out, pdfs) = build(&[folder]);
    let protocol = pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
    let cover = format!("{} {}", page_text(protocol, 1), page_text(protocol, 2));
    for expected in [
        "BEVIS OM ANSLAG",
        "KF § 125: Justeringen av kommunfullmäktiges protokoll från sammanträdet 2024-10-21 har tillkännagivits genom anslag. Anslås under tiden 2024-10-22 – 2024-11-12. Protokollet förvaras på Kommunledningskontoret, Ekby stadshus.",
        "KF §§ 118–124 och 126: Justeringen av kommunfullmäktiges protokoll från sammanträdet 2024-10-21 har tillkännagivits genom anslag. Anslås under tiden 2024-10-26 – 2024-11-18. Protokollet förvaras på Kommunledningskontoret, Ekby stadshus.",
    ] {
        assert!(cover.contains(expected), "missing {expected:?}:\n{cover}");
    }
}
