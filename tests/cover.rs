//! The protocol's first page (issue 28, item 2): its blocks as the profile places them,
//! where the attendance stands, and a first page too tall for one page, measured on the
//! PDF's text page by page.

mod common;

use std::path::PathBuf;

use common::*;

/// Älvby's tekniska nämnd: five beslutande, one of them on distance, an ärendeförteckning
/// on the first page, signatures under each other on lines and an ANSLAG/BEVIS whose
/// dates are written in by hand.
fn alvby() -> PathBuf {
    repo().join("tests/fixtures/forsattsblad")
}

const ALVBY_PROTOCOL: &str = "2025-02-11_tekniska-namnden_protokoll.pdf";

#[test]
fn a_first_page_too_tall_keeps_its_signatures_and_the_anslag_follows_under_a_heading() {
    let (_out, built) = build(&[alvby()]);
    let protocol = pdf(&built, ALVBY_PROTOCOL);
    let first = page_text(protocol, 1);
    // Everything but the ANSLAG/BEVIS fits: the signatures stay under the list …
    for signed in [
        "Sekreterare Nina Åberg",
        "Ordförande Karl Ström",
        "Justerande Eva Berg",
    ] {
        assert!(first.contains(signed), "{signed:?} not on page 1:\n{first}");
    }
    assert!(!first.contains("ANSLAG/BEVIS"), "{first}");
    // … and the ANSLAG/BEVIS opens the next page, saying whose it is.
    let second = page_text(protocol, 2);
    assert!(
        second.contains("Protokoll (forts.) ANSLAG/BEVIS"),
        "{second}"
    );
    assert!(!second.contains("Sekreterare"), "{second}");
}

#[test]
fn five_beslutande_stand_on_the_first_page_when_the_anslag_would_not_fit_anyway() {
    // `närvarolista: automatisk` moves the lists to the bilaga only where that keeps the
    // page whole; here the ANSLAG/BEVIS goes on to the next page with or without them.
    let (_out, built) = build(&[alvby()]);
    let protocol = pdf(&built, ALVBY_PROTOCOL);
    let first = page_text(protocol, 1);
    assert!(!first.contains("Se bilaga"), "{first}");
    assert!(first.contains("Lisa Holm, C, deltar på distans"), "{first}");
    let all = text(protocol);
    assert!(!all.contains("Närvaro- och omröstningslista"), "{all}");
}

#[test]
fn the_profiles_blocks_order_the_first_page_and_a_pair_stands_in_two_columns() {
    // Sjövik: `[plats_och_tid, [närvaro, justering], underskrifter, anslag]`.
    let (_out, built) = build(&[repo().join("cases/byggnadsnamnden")]);
    let protocol = pdf(&built, "2024-10-17_byggnadsnamnden_protokoll.pdf");
    let first = page_text(protocol, 1);
    let at = |what: &str| {
        first
            .find(what)
            .unwrap_or_else(|| panic!("{what:?} not on page 1:\n{first}"))
    };
    assert!(at("Plats och tid") < at("Beslutande"), "{first}");
    assert!(
        at("Justeringens plats och tid") < at("Sekreterare"),
        "{first}"
    );
    assert!(at("Sekreterare") < at("ANSLAG/BEVIS"), "{first}");
    // No `paragrafer` block: the §§ only in the ANSLAG/BEVIS.
    assert!(
        !first[..at("ANSLAG/BEVIS")].contains("Paragrafer"),
        "{first}"
    );
    // Side by side: the närvaro's label and the justering's on one line, each label
    // over its value.
    let layout = page_layout(protocol, 1);
    let line = |what: &str| layout.lines().position(|l| l.contains(what));
    assert_eq!(line("Beslutande"), line("Utses att justera"), "{layout}");
    assert_eq!(
        line("Se bilaga, närvaro- och omröstningslista").map(|l| l - 1),
        line("Beslutande"),
        "{layout}"
    );
    // Of another organ, the first page as always: label beside value.
    let (_out, kfn) = build(&[repo().join("cases/kultur-och-fritidsnamnden/2024-09-17")]);
    let layout = page_layout(
        pdf(&kfn, "2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf"),
        1,
    );
    assert!(
        layout
            .lines()
            .any(|l| l.contains("Utses att justera") && l.contains("Bo Ström")),
        "{layout}"
    );
}

/// `paragraf check` of Sjövik with its first page's blocks written as `blocks`: the
/// messages.
fn checked_blocks(blocks: &str) -> String {
    let (_dir, folder) = edited_example("byggnadsnamnden", "profil.yaml", |text| {
        text.replace(
            "  block: [plats_och_tid, [närvaro, justering], underskrifter, anslag]",
            &format!("  block: {blocks}"),
        )
    });
    let output = paragraf_in(&folder, &["check", "."]);
    assert!(!output.status.success(), "{blocks} passed check");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_unknown_block_is_an_error_at_its_place_with_the_nearest_name() {
    let errors = checked_blocks("[plats_och_tid, närvaro, justerng, underskrifter, anslag]");
    assert!(
        errors.contains("profil.yaml:")
            && errors
                .contains("försättsblad.block[2]: `justerng` går inte här; menade du `justering`?"),
        "{errors}"
    );
}

#[test]
fn a_first_page_without_its_required_blocks_or_with_one_twice_is_refused() {
    let errors = checked_blocks(
        "[plats_och_tid, närvaro, underskrifter, underskrifter, [justering, anslag]]",
    );
    for expected in [
        "`underskrifter` står flera gånger",
        "`anslag` står över hela sidans bredd",
    ] {
        assert!(errors.contains(expected), "{expected:?} not in:\n{errors}");
    }
    let errors = checked_blocks("[plats_och_tid, närvaro, justering, underskrifter]");
    assert!(errors.contains("`anslag` saknas bland blocken"), "{errors}");
}

#[test]
fn se_sida_names_the_true_page_of_the_attendance_list() {
    // The direktion's list stands on the page after the first.
    let (_out, built) = build(&[repo().join("cases/raddningstjansten-storsjon")]);
    let protocol = pdf(&built, "2024-11-14_direktionen_protokoll.pdf");
    let first = page_text(protocol, 1);
    assert!(
        first.contains("Beslutande Se sid 2 Övriga närvarande"),
        "{first}"
    );
    let second = page_text(protocol, 2);
    assert!(
        second.contains("Närvaro- och omröstningslista") && second.contains("Gustav Lind"),
        "{second}"
    );
    // Älvby's ANSLAG/BEVIS takes the second page: the list is on the third, and the first
    // page says so.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("alvby");
    copy_folder(&alvby(), &folder);
    let profile = folder.join("profil.yaml");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, format!("{text}närvarolista: se_sida\n")).unwrap();
    let (_out, built) = build(&[folder]);
    let protocol = pdf(&built, ALVBY_PROTOCOL);
    assert!(page_text(protocol, 1).contains("Beslutande Se sid 3"));
    assert!(page_text(protocol, 2).contains("ANSLAG/BEVIS"));
    let third = page_text(protocol, 3);
    assert!(
        third.contains("Närvaro- och omröstningslista") && third.contains("Lisa Holm"),
        "{third}"
    );
}

#[test]
fn fifteen_beslutande_stand_in_two_columns_where_one_would_not_fit() {
    // Fifteen ledamöter, three officials: in one column the first page would lose its
    // ANSLAG/BEVIS or the list; in two columns all stays on it.
    let (_out, pdfs) = large_meeting(15, 3, "titel: handläggare", "[{namn: Ledamot Nummer2}]");
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let first = page_text(protocol, 1);
    assert!(!first.contains("Se bilaga"), "{first}");
    assert!(first.contains("ANSLAG/BEVIS"), "{first}");
    // Eight names in the first column, seven beside them.
    let layout = page_layout(protocol, 1);
    for (left, right) in [
        ("Nummer1 (S)", "Nummer9 (S)"),
        ("Nummer7 (S)", "Nummer15 (S)"),
    ] {
        assert!(
            layout
                .lines()
                .any(|l| l.contains(left) && l.contains(right)),
            "{left} and {right} not side by side:\n{layout}"
        );
    }
    assert!(
        layout
            .lines()
            .any(|l| l.contains("Nummer8 (S)") && !l.contains("Nummer1")),
        "{layout}"
    );
}

#[test]
fn who_justerar_carries_the_party_as_the_profile_writes_it() {
    // Älvby writes `partibeteckning: komma`: "Eva Berg, M" on the first page too.
    let (_out, built) = build(&[alvby()]);
    let first = page_text(pdf(&built, ALVBY_PROTOCOL), 1);
    assert!(
        first.contains("Utses att justera Eva Berg, M Justeringens"),
        "{first}"
    );
    // Two justerare, one with a stand-in, stand one to a line: the party's comma is not
    // mistaken for one between names.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("alvby");
    copy_folder(&alvby(), &folder);
    let meeting = folder.join("2025-02-11/sammantrade.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let two = text.replace(
        "justerare: [{namn: Eva Berg}]",
        "justerare: [{namn: Eva Berg, ersättare: Per Ek}, {namn: Omar Said}]",
    );
    assert_ne!(two, text);
    std::fs::write(&meeting, two).unwrap();
    let (_out, built) = build(&[folder]);
    let layout = page_layout(pdf(&built, ALVBY_PROTOCOL), 1);
    let lines: Vec<&str> = layout.lines().map(str::trim_end).collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Utses att justera"))
        .unwrap_or_else(|| panic!("{layout}"));
    assert!(
        lines[at].ends_with("Eva Berg, M med Per Ek, SD som ersättare"),
        "{layout}"
    );
    assert!(lines[at + 1].trim() == "Omar Said, V", "{layout}");
}
