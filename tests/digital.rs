//! Digital justering, from YAML to the printed words: regionstyrelsen's profile says its
//! protocols are justerade digitally, so its protocol, extracts and anslag list who signs
//! with roles and parties and leave nothing to sign or fill in by hand; a meeting may say
//! otherwise. `verify` tells a registrar when each signature was made, and warns when one
//! was made after the day the protocol's ANSLAG/BEVIS says its anslag was posted.

mod common;
#[path = "common/signing.rs"]
mod signing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use paragraf::sign::Role;
use signing::{Ca, signed_at};

const REGION: &str = "cases/regionstyrelsen";
const MEETING: &str = "2024-11-26/sammantrade.yaml";

/// Regionstyrelsen's folder copied, its meeting edited by `edit`, and built.
fn region_with(edit: impl Fn(String) -> String) -> (tempfile::TempDir, BTreeMap<String, PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("regionstyrelsen");
    copy_folder(&repo().join(REGION), &folder);
    let meeting = folder.join(MEETING);
    let text = std::fs::read_to_string(&meeting).expect("meeting");
    std::fs::write(&meeting, edit(text)).expect("written");
    let (out, pdfs) = build(&[meeting]);
    drop(dir);
    (out, pdfs)
}

/// The words a digital protocol's signers and ANSLAG/BEVIS show, and those of a paper one.
const DIGITAL: [&str; 2] = ["Justeras digitalt", "Signeras digitalt av"];
const BY_HAND: [&str; 3] = ["Underskrift", "Justerandes sign", "Utdragsbestyrkande"];

/// `text` with each run of white space one space: the words in reading order.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_digital(name: &str, text: &str) {
    for word in BY_HAND {
        assert!(!text.contains(word), "{name} has {word}:\n{text}");
    }
}

#[test]
fn the_cover_lists_who_signs_with_roles_and_parties_and_nothing_to_sign_by_hand() {
    let (_dir, pdfs) = build(&[repo().join(REGION).join(MEETING)]);
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let cover = words(&page_text(protocol, 1));
    for said in [
        "Justeras digitalt Protokollet skrivs under med elektroniska underskrifter, som finns \
         i PDF-filen.",
        "Sekreterare Maja Kvist Registrator Ordförande Annika Wahl (S) Justerande Fredrik Hägg \
         (M) förste vice ordförande ANSLAG/BEVIS",
        "Signeras digitalt av Maja Kvist, Registrator",
    ] {
        assert!(cover.contains(said), "no «{said}» on the cover:\n{cover}");
    }
    // No box to initial on any page, no line to sign on, no row to fill in.
    assert_digital("the protocol", &text(protocol));

    let extract = pdf(&pdfs, "p302");
    let extract = words(&text(extract));
    for said in [
        "Justerat digitalt 28 november 2024, Regionkansliet",
        "Vid protokollet Maja Kvist Registrator Annika Wahl (S) Ordförande Fredrik Hägg (M)",
        "Rätt utdraget intygar Signeras digitalt av Maja Kvist Registrator",
    ] {
        assert!(
            extract.contains(said),
            "no «{said}» in the extract:\n{extract}"
        );
    }
    assert_digital("the extract", &extract);

    let notice = words(&text(pdf(&pdfs, "_anslag.pdf")));
    assert!(
        notice.contains("Signeras digitalt av Maja Kvist Registrator"),
        "{notice}"
    );
    assert_digital("the anslag", &notice);
}

#[test]
fn a_meeting_justerad_on_paper_where_the_profile_says_digitally_has_its_lines() {
    let (_dir, pdfs) = region_with(|meeting| {
        meeting.replace(
            "justering: {datum: 2024-11-28",
            "digital_justering: false\njustering: {datum: 2024-11-28",
        )
    });
    let protocol = text(pdf(&pdfs, "_protokoll.pdf"));
    for word in BY_HAND {
        assert!(protocol.contains(word), "no {word}:\n{protocol}");
    }
    for word in DIGITAL {
        assert!(!protocol.contains(word), "{word}:\n{protocol}");
    }
    let extract = text(pdf(&pdfs, "p302"));
    assert!(!extract.contains("digitalt"), "{extract}");
    assert!(extract.contains("Justerat 28 november 2024"), "{extract}");
}

#[test]
fn a_meeting_justerad_digitally_where_the_profile_says_paper_prints_the_profiles_words() {
    // Barn- och utbildningsnämnden words its ANSLAG/BEVIS as running text with a field for
    // the certification of extracts; digitally justerat, neither is left to fill in.
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("barn-och-utbildningsnamnden");
    copy_folder(&repo().join("cases/barn-och-utbildningsnamnden"), &folder);
    let meeting = folder.join("2024-11-12/sammantrade.yaml");
    let text_of = std::fs::read_to_string(&meeting).expect("meeting");
    std::fs::write(
        &meeting,
        text_of.replace("\njustering:", "\ndigital_justering: true\njustering:"),
    )
    .expect("written");
    let profile = folder.join("profil.yaml");
    let own_words = std::fs::read_to_string(&profile).expect("profile")
        + "etiketter:\n  justeras_digitalt: Digital justering\n  signeras_digitalt_av: Intygas elektroniskt av\n";
    std::fs::write(&profile, own_words).expect("written");
    let (_out, pdfs) = build(&[meeting]);
    // Norrvik's ärendelista has page 1; the cover is page 2.
    let cover = words(&page_text(pdf(&pdfs, "_protokoll.pdf"), 2));
    assert!(cover.contains("Digital justering"), "{cover}");
    assert!(
        cover.contains("Intygas elektroniskt av Linda Åström, Nämndsekreterare"),
        "{cover}"
    );
    assert_digital("the protocol", &text(pdf(&pdfs, "_protokoll.pdf")));
    assert!(!cover.contains("Justeras digitalt"), "{cover}");
}

/// Regionstyrelsen's protocol, built into a temporary folder.
fn region_protocol() -> (tempfile::TempDir, PathBuf) {
    let (dir, pdfs) = build(&[repo().join(REGION).join(MEETING)]);
    let protocol = pdf(&pdfs, "_protokoll.pdf").to_path_buf();
    (dir, protocol)
}

/// What `verify` says of `bytes` written to `path`, and whether it held.
fn verified(path: &Path, bytes: &[u8]) -> (bool, String) {
    std::fs::write(path, bytes).expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("verify")
        .arg(path)
        .output()
        .expect("paragraf runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), said)
}

#[test]
fn verify_says_when_each_signed_and_nothing_more_when_all_precede_the_anslag() {
    // The anslag is posted 29 november 2024. Signed the day before, and (in UTC) at 23.30
    // on the 28th, which is 00.30 on the 29th in Sweden: the day of the anslag, not after.
    let (_dir, protocol) = region_protocol();
    let ca = Ca::new(1, "Regionens CA");
    let original = std::fs::read(&protocol).expect("PDF");
    let once = signed_at(
        &original,
        &ca.signer(2, "Annika Wahl"),
        Role::Chair,
        "D:20241128150000+01'00'",
    );
    let twice = signed_at(
        &once,
        &ca.signer(3, "Fredrik Hägg"),
        Role::Adjuster,
        "D:20241128233000Z",
    );
    let (ok, said) = verified(&protocol, &twice);
    assert!(ok, "{said}");
    assert!(said.contains("oförändrad och underskriven"), "{said}");
    assert!(
        said.contains("underskrift av Annika Wahl som ordförande (2024-11-28 15:00:00 +01:00)"),
        "{said}"
    );
    assert!(
        said.contains("underskrift av Fredrik Hägg som justerare (2024-11-28 23:30:00 UTC)"),
        "{said}"
    );
    assert!(!said.contains("VARNING"), "{said}");
}

#[test]
fn a_signature_after_the_anslag_is_a_warning_in_the_verdict() {
    // 00.30 on 30 november in Sweden: the day after the anslag was posted.
    let (_dir, protocol) = region_protocol();
    let ca = Ca::new(1, "Regionens CA");
    let original = std::fs::read(&protocol).expect("PDF");
    let once = signed_at(
        &original,
        &ca.signer(2, "Annika Wahl"),
        Role::Chair,
        "D:20241128150000+01'00'",
    );
    let late = signed_at(
        &once,
        &ca.signer(3, "Fredrik Hägg"),
        Role::Adjuster,
        "D:20241129233000Z",
    );
    let (ok, said) = verified(&protocol, &late);
    // The file is what its sources make, signed: the warning is for the registrar.
    assert!(ok, "{said}");
    assert!(said.contains("oförändrad och underskriven"), "{said}");
    assert_eq!(said.matches("VARNING").count(), 1, "{said}");
    assert!(
        said.contains(
            "VARNING: Fredrik Hägg som justerare skrev under 2024-11-30, efter dagen då anslaget \
             om justeringen sattes upp enligt protokollets ANSLAG/BEVIS (29 november 2024): \
             protokollet anslogs innan det var justerat"
        ),
        "{said}"
    );
    assert!(!said.contains("VARNING: Annika Wahl"), "{said}");
}

#[test]
fn an_extract_signed_after_the_anslag_is_no_warning() {
    // An extract is certified whenever someone asks for one, long after the anslag.
    let (dir, pdfs) = build(&[repo().join(REGION).join(MEETING)]);
    let extract = pdf(&pdfs, "p302");
    let key = Ca::new(1, "Regionens CA").signer(4, "Maja Kvist");
    let bytes = signed_at(
        &std::fs::read(extract).expect("PDF"),
        &key,
        Role::Secretary,
        "D:20250115100000+01'00'",
    );
    let copy = dir.path().join(extract.file_name().expect("name"));
    let (ok, said) = verified(&copy, &bytes);
    assert!(ok, "{said}");
    assert!(
        said.contains("underskrift av Maja Kvist som sekreterare (2025-01-15 10:00:00 +01:00)"),
        "{said}"
    );
    assert!(!said.contains("VARNING"), "{said}");
}
