//! The meeting's own documents: the anslag, with the dates the law counts.

mod common;

use common::*;

#[test]
fn the_anslag_states_the_dates_of_justering_posting_and_appeal() {
    let meeting = repo().join("tests/fixtures/anslag/2024-05-21/sammantrade.yaml");
    let (_out, pdfs) = build(&[meeting]);
    let text = text(pdf(&pdfs, "2024-05-30_kulturnamnden_anslag"));
    for expected in [
        "Anslag/bevis",
        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
        "Organ Kulturnämnden",
        "Sammanträdesdatum 2024-05-21",
        "Paragrafer § 31",
        "Datum för justering 2024-05-28",
        "Datum då anslaget sätts upp 2024-05-30",
        // Three weeks after posting: Thursday 20 June 2024, the day before midsommarafton.
        "Datum då anslaget tas ned 2024-06-20",
        "Förvaringsplats för protokollet Kulturförvaltningen, Stadshuset",
        "Sista dag för överklagande 2024-06-20",
        "senast den 20 juni 2024",
        "Per Lind",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn a_deadline_on_midsommarafton_moves_to_monday() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2024-05-21");
    std::fs::create_dir_all(&folder).unwrap();
    let fixture = repo().join("tests/fixtures/anslag/2024-05-21");
    std::fs::copy(fixture.join("arende.yaml"), folder.join("arende.yaml")).unwrap();
    let meeting = std::fs::read_to_string(fixture.join("sammantrade.yaml")).unwrap();
    // Justering on the 29th, posted the 31st: three weeks on is midsommarafton 2024-06-21.
    let meeting = meeting
        .replace(
            "justering: {datum: 2024-05-28}",
            "justering: {datum: 2024-05-29}",
        )
        .replace("datum: 2024-05-30,", "datum: 2024-05-31,");
    std::fs::write(folder.join("sammantrade.yaml"), meeting).unwrap();
    let (_out, pdfs) = build(&[folder.join("sammantrade.yaml")]);
    let text = text(pdf(&pdfs, "anslag"));
    assert!(
        text.contains("Sista dag för överklagande 2024-06-24"),
        "{text}"
    );
    assert!(text.contains("senast den 24 juni 2024"), "{text}");
}
