//! The rest of a real protocol, on the byggnadsnämnd and regionstyrelse examples in
//! cases/: the ärendeförteckning with the pages Typst laid the §§ on, numbering on from
//! earlier meetings, a § chaired by the vice ordförande, a vacant seat, and each
//! decision's own appeal route (förvaltningsbesvär: not on the anslag's
//! laglighetsprövning, an överklagandehänvisning in the party's extract).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

type Built = (
    tempfile::TempDir,
    std::collections::BTreeMap<String, PathBuf>,
);

fn building_committee() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| build(&[repo().join("cases/byggnadsnamnden/2024-10-17/sammantrade.yaml")]))
}

fn regional_board() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| build(&[repo().join("cases/regionstyrelsen/2024-11-26/sammantrade.yaml")]))
}

/// The page each § heading (`BN § 169`, or with the year `BN § 169/24`, on a line of its
/// own) stands on, by its number.
fn pages_of_paragraphs(protocol: &Path, prefix: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for page in 1..=page_count(protocol) {
        let raw = Command::new("pdftotext")
            .args(["-raw", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(protocol)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        for line in String::from_utf8_lossy(&raw.stdout).lines() {
            let line = line.trim().replace('\u{a0}', " ");
            let Some(rest) = line.strip_prefix(prefix) else {
                continue;
            };
            let (number, year) = rest.trim().split_once('/').unwrap_or((rest.trim(), "0"));
            if number.parse::<u32>().is_ok() && year.parse::<u32>().is_ok() {
                found.push((format!("{prefix} {number}"), page));
            }
        }
    }
    found
}

/// The ärendeförteckning's rows on `page`: each § with the page the list gives it.
fn listed_pages(protocol: &Path, page: usize, prefix: &str) -> Vec<(String, usize)> {
    page_layout(protocol, page)
        .lines()
        .map(|line| line.trim().replace('\u{a0}', " "))
        .filter(|line| line.starts_with(prefix))
        .map(|line| {
            let number: String = line[prefix.len()..]
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let listed = line.split_whitespace().last().unwrap().parse().unwrap();
            (format!("{prefix} {number}"), listed)
        })
        .collect()
}

fn assert_list_gives_real_pages(protocol: &Path, list_page: usize, prefix: &str) {
    let listed = listed_pages(protocol, list_page, prefix);
    let actual = pages_of_paragraphs(protocol, prefix);
    assert!(
        !listed.is_empty(),
        "no ärendeförteckning on page {list_page}"
    );
    assert_eq!(
        listed, actual,
        "the list's pages are not where the §§ start"
    );
}

#[test]
fn the_list_gives_the_page_each_paragraph_starts_on() {
    let pdfs = &building_committee().1;
    let protocol = pdf(pdfs, "2024-10-17_byggnadsnamnden_protokoll.pdf");
    // After the first page, with the fastighet from the cases.
    let list = page_text(protocol, 2);
    assert!(
        list.contains("Ärendeförteckning Paragraf Ärende Dnr Fastighet Sida"),
        "{list}"
    );
    assert!(list.contains("BN 2024-0412 Lönnen 4:12"), "{list}");
    assert_list_gives_real_pages(protocol, 2, "BN §");
    // A region's list on its first page.
    let protocol = pdf(
        &regional_board().1,
        "2024-11-26_regionstyrelsen_protokoll.pdf",
    );
    assert!(page_text(protocol, 1).contains("Ärenden Paragraf"));
    assert_list_gives_real_pages(protocol, 1, "RS §");
}

#[test]
fn a_paragraph_that_moves_moves_in_the_list() {
    // With a rule between §§ instead of a new page, §§ share pages: the list follows.
    let (_dir, meeting) = edited_building_committee("profil.yaml", |profile| {
        profile.replace(
            "paragraf:\n  ordning:",
            "paragraf:\n  avskiljare: linje\n  ordning:",
        )
    });
    let (_out, pdfs) = build(&[meeting]);
    let protocol = pdf(&pdfs, "protokoll.pdf");
    let actual = pages_of_paragraphs(protocol, "BN §");
    let mut pages: Vec<usize> = actual.iter().map(|(_, p)| *p).collect();
    pages.dedup();
    assert!(
        pages.len() < actual.len(),
        "no two §§ share a page: {actual:?}"
    );
    assert_list_gives_real_pages(protocol, 2, "BN §");
}

/// A copy of the byggnadsnämnd example with `file` (relative to its folder) edited;
/// returns the copy and its meeting file.
fn edited_building_committee(
    file: &str,
    edit: impl Fn(String) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let (dir, nämnd) = edited_example("byggnadsnamnden", file, edit);
    (dir, nämnd.join("2024-10-17/sammantrade.yaml"))
}

#[test]
fn numbering_runs_on_from_the_year_and_the_protocol_has_its_number() {
    let pdfs = &building_committee().1;
    let first = page_text(pdf(pdfs, "byggnadsnamnden_protokoll.pdf"), 1);
    assert!(first.contains("Protokoll nr 10"), "{first}");
    assert!(first.contains("Paragrafer BN §§ 167–172"), "{first}");
    assert!(
        pdfs.keys()
            .any(|name| name.contains("protokollsutdrag_p167_"))
    );
}

/// The sentence of `text` that contains `word`.
fn sentence_with<'a>(text: &'a str, word: &str) -> &'a str {
    text.split_inclusive(". ")
        .find(|s| s.contains(word))
        .unwrap_or_else(|| panic!("no sentence with {word:?} in {text}"))
}

#[test]
fn the_anslag_offers_laglighetsprövning_only_where_no_special_law_applies() {
    let anslag = text(pdf(&building_committee().1, "byggnadsnamnden_anslag.pdf"));
    let lawfulness = sentence_with(&anslag, "genom laglighetsprövning");
    assert!(lawfulness.contains("BN §§ 167 och 171–172"), "{lawfulness}");
    for own_route in ["169", "170"] {
        assert!(!lawfulness.contains(own_route), "{lawfulness}");
    }
    let administrative = sentence_with(&anslag, "förvaltningsbesvär");
    assert!(administrative.contains("BN §§ 169–170"), "{administrative}");
    let none = sentence_with(&anslag, "inte att överklaga");
    assert!(none.contains("BN § 168"), "{none}");
    // Taken down the day after the last day to appeal, as the profile says.
    assert!(
        anslag.contains("Datum då anslaget tas ned 2024-11-14"),
        "{anslag}"
    );
    assert!(
        anslag.contains("Sista dag för överklagande 2024-11-13"),
        "{anslag}"
    );
}

#[test]
fn a_partys_extract_tells_how_to_appeal() {
    let pdfs = &building_committee().1;
    for (extract, paragraph) in [("p169_", "BN § 169/24"), ("p170_", "BN § 170/24")] {
        // Its own page after the §, before any bilagor the profile adds to the extract.
        let path = pdf(pdfs, extract);
        let last = (1..=page_count(path))
            .map(|page| page_text(path, page))
            .find(|text| text.contains("Hur man överklagar"))
            .unwrap_or_default();
        for expected in [
            "Hur man överklagar",
            &format!(
                "Om du vill överklaga byggnadsnämndens beslut ({paragraph}, 2024-10-17) ska du skriva till Länsstyrelsen i Västernorrlands län."
            ),
            "inom tre veckor från den dag då du fick del av beslutet",
            "Rätten att överklaga följer av 13 kap. 15 § plan- och bygglagen (2010:900).",
        ] {
            assert!(
                last.contains(expected),
                "{extract} lacks {expected:?}:\n{last}"
            );
        }
    }
    // A decision open to laglighetsprövning has none: the anslag tells that route.
    let delegation = text(pdf(pdfs, "p171_"));
    assert!(!delegation.contains("Hur man överklagar"), "{delegation}");
}

#[test]
fn a_myndighetsutövning_decision_gives_its_ground_fee_and_notes() {
    let pdfs = &building_committee().1;
    let extract = text(pdf(pdfs, "p169_"));
    for expected in [
        "Lönnen 4:12. 2. Kontrollansvarig är Per Wallin",
        "Beslutet fattas med stöd av 9 kap. 31 b § plan- och bygglagen (2010:900).",
        "Avgift: 24 180 kr enligt Sjöviks kommuns plan- och bygglovstaxa",
        "Upplysningar Åtgärden får inte påbörjas innan byggnadsnämnden har gett ett startbesked",
    ] {
        assert!(extract.contains(expected), "lacks {expected:?}:\n{extract}");
    }
    let statement = text(pdf(pdfs, "tjansteskrivelse_bn-2024-0412"));
    // In the order the profile gives: summary first, upplysningar after the avgift.
    let at = |needle: &str| {
        statement
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in {statement}"))
    };
    assert!(at("Sammanfattning") < at("Förslag till beslut"));
    assert!(at("Förvaltningens bedömning") < at("Avgift 24 180 kr"));
    assert!(at("Avgift 24 180 kr") < at("Upplysningar"));
    assert!(statement.contains("Yttrande från ägaren till Lönnen 4:11 (ej bifogad)"));
}

#[test]
fn the_vice_chair_chairs_and_signs_the_paragraph_where_the_chair_is_jäv() {
    let pdfs = &building_committee().1;
    let protocol = pdf(pdfs, "byggnadsnamnden_protokoll.pdf");
    // (Sjövik prints the party under the lines too: `parti_vid_underskrift`.)
    let first = page_text(protocol, 1);
    assert!(
        first.contains("Ordförande Gunnar Holm, C Ordförande § 170/24 Eva Lindqvist, S"),
        "{first}"
    );
    let extract = text(pdf(pdfs, "p170_"));
    let chair = "Gunnar Holm (C) anmäler jäv och deltar inte i handläggningen av ärendet. Eva Lindqvist (S) är ordförande under paragrafen.";
    assert!(extract.contains(chair), "{extract}");
    assert!(extract.contains("Eva Lindqvist, S Ordförande"), "{extract}");
    assert!(!extract.contains("Gunnar Holm, C Ordförande"), "{extract}");
    let other = text(pdf(pdfs, "p169_"));
    assert!(other.contains("Gunnar Holm, C Ordförande"), "{other}");
    assert!(!other.contains("är ordförande under paragrafen"), "{other}");
}

#[test]
fn a_tie_under_the_vice_chair_is_decided_by_her_vote() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("2024-05-21/sammantrade.yaml");
    std::fs::create_dir_all(meeting.parent().unwrap()).unwrap();
    std::fs::write(
        &meeting,
        "nämnd: Byggnadsnämnden\ndatum: 2024-05-21\n\
         beslutande:\n  - {namn: Anna Ek, parti: S, roll: ordförande}\n  - {namn: Eva Berg, parti: V, roll: vice ordförande}\n  - {namn: Olle Holm, parti: M}\n  - {namn: Siv Dahl, parti: C}\n  - {namn: Bo Ström, parti: L}\n\
         ordförande: {namn: Anna Ek}\nsekreterare: {namn: Per Lind}\njusterare: [{namn: Siv Dahl}]\njustering: {datum: 2024-05-28}\n\
         paragrafer:\n  - rubrik: Bidrag till Båtklubben\n    ordförande: Eva Berg\n    jäv: [Anna Ek]\n    beslut: [Båtklubben beviljas 10 000 kronor.]\n\
         \x20   yrkanden: [{av: Olle Holm, yrkande: att ansökan avslås}]\n\
         \x20   omröstning: {ja: förslaget, nej: Olle Holms yrkande, röster: {ja: [Eva Berg, Siv Dahl], nej: [Olle Holm, Bo Ström]}}\n",
    )
    .unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(&meeting)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let (_out, pdfs) = build(&[meeting]);
    let protocol = text(pdf(&pdfs, "protokoll.pdf"));
    for expected in [
        "Eva Berg (V) är ordförande under paragrafen.",
        "Rösterna är lika och ordföranden använder sin utslagsröst.",
        "Nämnden har därmed beslutat enligt förslaget.",
    ] {
        assert!(
            protocol.contains(expected),
            "lacks {expected:?}:\n{protocol}"
        );
    }
}

#[test]
fn a_vacant_seat_is_never_a_person() {
    let protocol = text(pdf(
        &building_committee().1,
        "byggnadsnamnden_protokoll.pdf",
    ));
    // The bilaga's row for the seat, and the ersättare serving in it.
    assert!(
        protocol.contains("Sofia Wennberg*, ers. för vakant plats M"),
        "{protocol}"
    );
    assert!(protocol.contains("Vakant M"), "{protocol}");
    for as_a_name in [
        "för vakant,",
        "för vakant M",
        "Vakant*",
        "vakant (",
        "Vakant, ",
    ] {
        assert!(
            !protocol.contains(as_a_name),
            "{as_a_name:?} in\n{protocol}"
        );
    }
    // On a first page with the lists, as the whole roll's "Frånvarande", the names in the
    // house's comma style; a vacant seat is no name and keeps its party in parentheses.
    let (_dir, meeting) = edited_building_committee("profil.yaml", |profile| {
        profile + "närvarolista: försättsblad\n"
    });
    let (_out, pdfs) = build(&[meeting]);
    let first = page_text(pdf(&pdfs, "protokoll.pdf"), 1);
    assert!(
        first.contains("Sofia Wennberg, M, tjänstgörande ersättare för vakant plats"),
        "{first}"
    );
    assert!(
        first.contains("Frånvarande Maria Hedlund, L Karin Sund, SD, ersättare Vakant (M)"),
        "{first}"
    );
}

/// Issue 28: the bilaga per seat (`närvarolista_form: per_plats`) gives every seat of the
/// roll a row: an absent ledamot's F and the ersättare in the seat, the vacant seat with
/// the ersättare serving in it, a jäv chair's seat with who served it in that §; then the
/// ersättare present who served nowhere.
#[test]
fn the_bilaga_per_seat_gives_every_seat_its_ersättare() {
    let (_dir, meeting) = edited_building_committee("profil.yaml", |profile| {
        profile + "närvarolista_form: per_plats\n"
    });
    let (_out, pdfs) = build(&[meeting]);
    let protocol = pdf(&pdfs, "protokoll.pdf");
    let last = page_text(protocol, page_count(protocol));
    for expected in [
        "Ledamot Parti N F Tjänstgörande ersättare Gunnar Holm, ordförande C X Peter Lund (§ 170/24)",
        "Håkan Dahl KD X Maria Hedlund L X Anders Nyberg Vakant M Sofia Wennberg",
        "Närvarande ersättare som inte tjänstgjort Jonas Ek, S",
    ] {
        assert!(
            last.contains(expected),
            "the bilaga lacks {expected:?}:\n{last}"
        );
    }
    assert!(!last.contains("Tjg"), "{last}");
}

#[test]
fn a_regions_documents_say_regionen() {
    let pdfs = &regional_board().1;
    let anslag = text(pdf(pdfs, "regionstyrelsen_anslag.pdf"));
    assert!(anslag.contains("Den som är medlem i regionen kan överklaga regionstyrelsens beslut i RS §§ 301 och 303/2024 genom laglighetsprövning"), "{anslag}");
    for (name, path) in pdfs {
        let text = text(path);
        assert!(!text.contains("kommunen"), "{name} says kommunen:\n{text}");
    }
}

/// `paragraf.beslutspunkter: stycken`: the region's decisions are paragraphs, unnumbered.
#[test]
fn a_decision_of_several_points_may_stand_unnumbered() {
    let pdfs = &regional_board().1;
    let protocol = text(pdf(pdfs, "_protokoll.pdf"));
    assert!(
        protocol.contains("Regionstyrelsens beslut Regionstyrelsen föreslår regionfullmäktige att fastställa regionplan och budget 2025 med plan för 2026–2027. Regionstyrelsen föreslår regionfullmäktige att skattesatsen"),
        "{protocol}"
    );
}

/// `tjänsteskrivelse.mottagarrad: false`: the region's tjänsteskrivelse has no Till row,
/// and the meeting's date stands under its own label.
#[test]
fn a_statement_without_an_addressee_row_keeps_the_meeting_date() {
    let pdfs = &regional_board().1;
    let first = page_text(pdf(pdfs, "tjansteskrivelse_rs-2024-0877"), 1);
    assert!(!first.contains("Till "), "{first}");
    assert!(
        first.contains("Sammanträdesdatum 26 november 2024"),
        "{first}"
    );
}

#[test]
fn a_paragraph_with_half_the_seats_or_fewer_fails_check() {
    // Nine seats; besides the chair (whose ersättare serves) four ledamöter are jäv in
    // § 170: five of nine still serve, which is enough. One more, and it is not.
    let disqualified =
        "jäv: [Gunnar Holm, Rasmus Öberg, Ingrid Falk, Tomas Berglund, Leila Karimi]";
    let (_dir, meeting) = edited_building_committee("2024-10-17/sammantrade.yaml", |meeting| {
        meeting.replace("jäv: [Gunnar Holm]", disqualified)
    });
    let enough = std::fs::read_to_string(&meeting).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("check")
            .arg(&meeting)
            .output()
            .unwrap()
    };
    let output = run();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let too_few = enough.replace("Leila Karimi]", "Leila Karimi, Håkan Dahl]");
    std::fs::write(&meeting, too_few).unwrap();
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("Nämnden är inte beslutför i § 170: 4 av 9 platser tjänstgör"),
        "{stderr}"
    );
}
