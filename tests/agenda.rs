//! The agenda as real kallelser give it, from the YAML to the printed words: a point's
//! sub-items a, b (its own §§ under a huvudpunkt, or delpunkter of one §), and points
//! listed without number or without §, in the kallelse, the protocol's ärendeförteckning,
//! the handlingar packet's contents and the web page.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

const ORGAN: &str = "samhallsbyggnadsnamnden";

/// The Vallby example built once: its kallelse numbers its points apart from the §§.
fn built() -> &'static BTreeMap<String, PathBuf> {
    static BUILT: std::sync::OnceLock<(tempfile::TempDir, BTreeMap<String, PathBuf>)> =
        std::sync::OnceLock::new();
    &BUILT
        .get_or_init(|| build(&[repo().join("cases").join(ORGAN)]))
        .1
}

fn assert_has(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// The example's page of `name` on the published site, no-break spaces as spaces.
fn page(folder: &Path, name: &str) -> String {
    let site = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 11, 27).unwrap();
    let published = paragraf::output::site::Site { on, address: None };
    let options = paragraf::BuildOptions::default();
    paragraf::publish(&[folder.to_path_buf()], site.path(), &options, &published).unwrap();
    std::fs::read_to_string(site.path().join("protokoll").join(name))
        .unwrap()
        .replace('\u{a0}', " ")
}

#[test]
fn a_points_sub_items_are_lettered_under_it_in_the_kallelse_the_protocol_and_the_packet() {
    let pdfs = built();
    let agenda = text(pdf(pdfs, "kallelse"));
    assert_has(
        &agenda,
        &[
            // Two §§ under one huvudpunkt: its row, then 3 a and 3 b.
            "3 Detaljplaner 3 a Yttrande över detaljplan för Kvarnen 3 SBN 2024/431 Kvarnen 3 \
             3 b Yttrande över detaljplan för Sjöviken 1:4 SBN 2024/447 Sjöviken 1:4",
            // One § with a dnr per delpunkt: the §'s row has none of its own.
            "4 Tillsyn av ovårdade tomter 4 a Ovårdad tomt på fastigheten Lönnen 4 SBN 2024/455 \
             4 b Ovårdad tomt på fastigheten Björken 2 SBN 2024/461",
        ],
    );
    let protocol = text(pdf(pdfs, "protokoll.pdf"));
    assert_has(
        &protocol,
        &[
            // Point and §, and the page each § starts on; the huvudpunkt and the
            // delpunkter have no § and no page of their own.
            "3 Detaljplaner 3 a SBN § 2 a Yttrande över detaljplan för Kvarnen 3 SBN 2024/431 \
             Kvarnen 3 4 3 b SBN § 2 b Yttrande över detaljplan för Sjöviken 1:4 SBN 2024/447 \
             Sjöviken 1:4 5 4 SBN § 3 Tillsyn av ovårdade tomter 6 4 a Ovårdad tomt på \
             fastigheten Lönnen 4 SBN 2024/455 4 b Ovårdad tomt på fastigheten Björken 2 \
             SBN 2024/461 SBN § 4 Meddelanden 7",
            "Paragrafer SBN §§ 1–4",
        ],
    );
    // The § and its extract name each delpunkt under the title, with its dnr.
    let named = "SBN § 3 Tillsyn av ovårdade tomter a) Ovårdad tomt på fastigheten Lönnen 4, \
                 Dnr SBN 2024/455 b) Ovårdad tomt på fastigheten Björken 2, Dnr SBN 2024/461 \
                 Samhällsbyggnadsnämndens beslut";
    assert_has(&protocol, &[named]);
    assert_has(&text(pdf(pdfs, "protokollsutdrag_p003")), &[named]);
    // The packet refers to a document by its point, the huvudpunkt in a row of its own.
    assert_has(
        &text(pdf(pdfs, "handlingar.pdf")),
        &[
            "Punkt 3 Detaljplaner Punkt 3 a Tjänsteutlåtande: Yttrande över detaljplan för \
           Kvarnen 3 3 Punkt 3 b Tjänsteutlåtande: Yttrande över detaljplan för Sjöviken 1:4 4",
        ],
    );
}

#[test]
fn the_web_page_lists_the_huvudpunkt_and_the_delpunkter_as_the_protocol_does() {
    // With the profile's own columns (Fastighet), as the PDF's list has them.
    let html = page(
        &repo().join("cases").join(ORGAN),
        "2024-11-21_samhallsbyggnadsnamnden_protokoll.html",
    );
    assert_has(
        &html,
        &[
            "<th scope=\"col\">Dnr</th><th scope=\"col\">Fastighet</th></tr></thead>",
            "<tr><td>3</td><td></td><td>Detaljplaner</td><td></td><td></td></tr>",
            "<tr><td>3 a</td><td>SBN § 2 a</td><td><a href=\"#paragraf-1\">Yttrande över detaljplan för Kvarnen 3</a></td><td>SBN 2024/431</td><td>Kvarnen 3</td></tr>",
            "<tr><td>4</td><td>SBN § 3</td><td><a href=\"#paragraf-3\">Tillsyn av ovårdade tomter</a></td><td></td><td></td></tr>",
            "<tr><td>4 a</td><td></td><td>Ovårdad tomt på fastigheten Lönnen 4</td><td>SBN 2024/455</td><td></td></tr>",
            "<li>b) Ovårdad tomt på fastigheten Björken 2, Dnr SBN 2024/461</li>",
            // Listed without number in the kallelse, numbered in the protocol.
            "<tr><td></td><td>SBN § 4</td><td><a href=\"#paragraf-4\">Meddelanden</a></td><td></td><td></td></tr>",
        ],
    );
    // The points without § are not the protocol's.
    assert!(!html.contains("Sammanträdets öppnande"), "{html}");
}

#[test]
fn points_without_number_or_paragraph_are_listed_by_the_kallelse_alone() {
    let pdfs = built();
    let agenda = text(pdf(pdfs, "kallelse"));
    assert_has(
        &agenda,
        &[
            // A point without § numbered (`numrerad: true`), one without number, and the
            // points after counting on without it.
            "Punkt Ärende Dnr Fastighet 1 Sammanträdets öppnande 2 Val av justerare \
             Information från förvaltningen (Inga handlingar) 3 Detaljplaner",
            // A § listed without number (`numrerad: false`).
            "SBN 2024/461 Meddelanden Bilagor",
        ],
    );
    let protocol = text(pdf(pdfs, "protokoll.pdf"));
    for point in ["Sammanträdets öppnande", "Information från förvaltningen"] {
        assert!(!protocol.contains(point), "{point} in\n{protocol}");
    }
    // The §§ are counted without them: four §§, the extracts named by them.
    assert!(
        pdfs.keys()
            .any(|n| n.contains("protokollsutdrag_p001_val-av-justerare"))
    );
    assert!(
        pdfs.keys()
            .any(|n| n.contains("protokollsutdrag_p004_meddelanden"))
    );
    assert_eq!(
        pdfs.keys()
            .filter(|n| n.contains("protokollsutdrag"))
            .count(),
        5
    );
}

#[test]
fn a_kallelse_numbered_by_the_paragraphs_gives_the_sub_items_theirs() {
    let (_dir, folder) = edited_example(ORGAN, "profil.yaml", |text| {
        // Numbered by the §§, and a föredragningslista with each ärende's proposal.
        text.replace(
            "  punktnummer: kallelsen_och_protokollet\n",
            "  förslag_i_kallelsen: true\n",
        )
    });
    let meeting = folder.join("2024-11-21/sammantrade.yaml");
    let yaml = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, yaml.replace("    numrerad: true\n", "")).unwrap();
    let (_out, pdfs) = build(&[folder]);
    let agenda = text(pdf(&pdfs, "kallelse"));
    assert_has(
        &agenda,
        &[
            "Paragraf Ärende Dnr Fastighet Sammanträdets öppnande SBN § 1 Val av justerare \
             Information från förvaltningen (Inga handlingar) Detaljplaner SBN § 2 a Yttrande \
             över detaljplan för Kvarnen 3",
            "SBN § 3 Tillsyn av ovårdade tomter a) Ovårdad tomt på fastigheten Lönnen 4 \
             SBN 2024/455 b) Ovårdad tomt på fastigheten Björken 2 SBN 2024/461 Meddelanden",
        ],
    );
    // Over the proposals: the huvudpunkt heads its §§, the delpunkter stand under the §.
    assert_has(
        &agenda,
        &[
            "Detaljplaner SBN § 2 a Yttrande över detaljplan för Kvarnen 3 Dnr SBN 2024/431 \
             Planen ger plats",
            "SBN § 3 Tillsyn av ovårdade tomter a) Ovårdad tomt på fastigheten Lönnen 4, Dnr \
             SBN 2024/455 b) Ovårdad tomt på fastigheten Björken 2, Dnr SBN 2024/461 \
             Förvaltningen har",
        ],
    );
    // Meddelanden keeps its § in the protocol, but not in the kallelse.
    assert!(!agenda.contains("SBN § 4"), "{agenda}");
    assert_has(
        &text(pdf(&pdfs, "handlingar.pdf")),
        &["Paragraf Handling Sida Kallelse och föredragningslista 2 Detaljplaner SBN § 2 a"],
    );
}

/// An ärendeförteckning with more columns than the page holds wraps (and as a last resort
/// hyphenates) inside its cells: no word runs into the next column's (issue 29 item 14:
/// three more columns printed the Dnr over the Ärende). With one, it is as it was.
#[test]
fn a_crowded_item_list_keeps_every_word_in_its_own_column() {
    let long = "Karl-Johan Vilhelmsson-Östergren och Annastina Wallenqvistberg";
    let (_bn, byggnadsnamnden) = edited_example("byggnadsnamnden", "profil.yaml", |text| {
        text.replace(
            "    - {rubrik: Fastighet, fält: uppgifter.fastighet}\n",
            "    - {rubrik: Fastighet, fält: uppgifter.fastighet}\n    - {rubrik: Sökande, fält: uppgifter.sökande}\n    - {rubrik: Handläggare, fält: uppgifter.sökande}\n",
        )
    });
    let case = byggnadsnamnden.join("2024-10-17/bn-2024-0412-bygglov-lonnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replace("Karin och Johan Ekström", long)).unwrap();
    // Five columns of what a case holds, two of them empty, and one very long word.
    let (_sbn, vallby) = edited_example(ORGAN, "profil.yaml", |text| {
        text.replace(
            "    - {rubrik: Fastighet, fält: uppgifter.fastighet}\n",
            "    - {rubrik: Fastighet, fält: uppgifter.fastighet}\n    - {rubrik: Handläggare, fält: handläggare}\n    - {rubrik: Förvaltning, fält: förvaltning}\n    - {rubrik: Avdelning, fält: avdelning}\n    - {rubrik: Sökande, fält: uppgifter.sökande}\n",
        )
    });
    let case = vallby.join("2024-11-21/sbn-2024-431-detaljplan-kvarnen.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let longer = text.replace(
        "{fastighet: Kvarnen 3}",
        "{fastighet: Storkvarnsbackensnorraindustriområde 3:1234}",
    );
    assert_ne!(longer, text);
    std::fs::write(&case, longer).unwrap();
    for folder in [byggnadsnamnden, vallby] {
        let (_out, pdfs) = build(&[folder]);
        for name in ["_kallelse.pdf", "_protokoll.pdf"] {
            let pdf = pdf(&pdfs, name);
            // The list: from its heading row on, on the page it stands on.
            let words = (1..=page_count(pdf))
                .map(|page| words_on_page(pdf, page))
                .find(|words| words.iter().any(|w| w.0 == "Ärende"))
                .unwrap_or_else(|| panic!("{name} has no ärendeförteckning"));
            let top = words.iter().find(|w| w.0 == "Ärende").unwrap().3;
            let listed: Vec<_> = words.iter().filter(|w| w.3 >= top - 1.0).collect();
            for (i, a) in listed.iter().enumerate() {
                for b in &listed[i + 1..] {
                    let same_line = (a.3 - b.3).abs() < 2.0;
                    let overlap = a.1 < b.2 - 0.5 && b.1 < a.2 - 0.5;
                    assert!(
                        !(same_line && overlap),
                        "{name}: {:?} runs into {:?}",
                        a.0,
                        b.0
                    );
                }
            }
        }
    }
}

/// The §§ stand in number order and count from 1: a number given after the huvudpunkt's
/// 2 a and 2 b that goes back to 2, or a § 0, is refused at its line; so are a
/// huvudpunkt's name written otherwise or left empty, and a delpunkt's dnr given twice.
#[test]
fn the_paragraphs_stand_in_number_order_from_1() {
    for (from, to, expected) in [
        (
            "  - rubrik: Tillsyn av ovårdade tomter\n",
            "  - rubrik: Tillsyn av ovårdade tomter\n    paragraf: 2\n",
            "sammantrade.yaml:55:15: § 2 står efter § 2 b: paragraferna står i nummerordning",
        ),
        (
            "  - rubrik: Val av justerare\n",
            "  - rubrik: Val av justerare\n    paragraf: 0\n",
            "§ 0 finns inte: paragraferna numreras från 1",
        ),
        // A huvudpunkt written otherwise, or without a name; a delpunkt's dnr twice.
        (
            "sjoviken.yaml\n    huvudpunkt: Detaljplaner",
            "sjoviken.yaml\n    huvudpunkt: detaljplaner",
            "sammantrade.yaml:51:17: huvudpunkten detaljplaner skiljer sig från Detaljplaner bara i stora och små bokstäver, och blir en huvudpunkt för sig; menade du `Detaljplaner`?",
        ),
        (
            "sjoviken.yaml\n    huvudpunkt: Detaljplaner",
            "sjoviken.yaml\n    huvudpunkt: ''",
            "sammantrade.yaml:51:17: huvudpunkten behöver ett namn",
        ),
        (
            "Björken 2, dnr: SBN 2024/461}",
            "Björken 2, dnr: SBN 2024/455}",
            "sammantrade.yaml:57:62: SBN 2024/455 står redan i delpunkt a",
        ),
    ] {
        let (_dir, folder) = edited_example(ORGAN, "2024-11-21/sammantrade.yaml", |text| {
            text.replace(from, to)
        });
        let output = paragraf_in(&folder, &["check", "."]);
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{said}");
        assert!(said.contains(expected), "missing {expected:?} in\n{said}");
    }
}

/// A column of facts no § or case gives (a name written otherwise) prints empty: check
/// warns, and still passes.
#[test]
fn a_column_of_facts_no_paragraph_has_is_warned_about() {
    let (_dir, folder) = edited_example(ORGAN, "profil.yaml", |text| {
        text.replace("fält: uppgifter.fastighet}", "fält: uppgifter.fastigheten}")
    });
    let output = paragraf_in(&folder, &["check", "."]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("ärendeförteckningens kolumn Fastighet (`uppgifter.fastigheten`) blir tom: ingen paragraf och inget ärende har `uppgifter.fastigheten`"),
        "{said}"
    );
}

/// A whole § names its sub-items: `§ 2` and `§§ 1–2` hold 2 a and 2 b, for a member's §§
/// and for a justering, as the printed ranges ("SBN §§ 1–4") do.
#[test]
fn a_whole_paragraph_names_its_sub_items() {
    let (_dir, folder) = edited_example(ORGAN, "2024-11-21/sammantrade.yaml", |text| {
        text.replace(
            "  - {namn: Lena Kvist, parti: L}",
            "  - {namn: Lena Kvist, parti: L, paragrafer: § 2}",
        )
        .replace(
            "justering: {datum: 2024-11-26, tid: '10.00', plats: Samhällsbyggnadsförvaltningen}",
            "justeringar:\n  - {paragrafer: §§ 1–2, datum: 2024-11-26, anslag: 2024-11-27}\n  - {datum: 2024-11-26, anslag: 2024-11-27}",
        )
        .replace("anslag: {datum: 2024-11-27, förvaringsplats:", "anslag: {förvaringsplats:")
    });
    let output = paragraf_in(&folder, &["check", "."]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("finns inte i sammanträdet"), "{said}");
    assert!(!said.contains("ingår inte i någon justering"), "{said}");
    let (_out, pdfs) = build(&[folder]);
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    assert!(first.contains("Lena Kvist (L), §§ 2 a och 2 b"), "{first}");
    assert!(
        first.contains("Paragrafer SBN §§ 1, 2 a och 2 b"),
        "{first}"
    );
}

/// A protocol justerat in parts whose part begins in the middle of a huvudpunkt (2 b, after
/// 2 a went to the part before) lists the huvudpunkt's row above it, as the kallelse does.
#[test]
fn a_part_that_begins_inside_a_huvudpunkt_lists_its_row() {
    let (_dir, folder) = edited_example(ORGAN, "2024-11-21/sammantrade.yaml", |text| {
        text.replace(
            "justering: {datum: 2024-11-26, tid: '10.00', plats: Samhällsbyggnadsförvaltningen}",
            "justeringar:\n  - {paragrafer: §§ 1–2 a, datum: 2024-11-26, anslag: 2024-11-27}\n  - {datum: 2024-11-26, anslag: 2024-11-27}",
        )
        .replace("anslag: {datum: 2024-11-27, förvaringsplats:", "anslag: {förvaringsplats:")
    });
    let (_out, pdfs) = build(&[folder]);
    let later = text(pdf(&pdfs, "_protokoll-p002b-p004.pdf"));
    assert!(later.contains("3 Detaljplaner 3 b SBN § 2 b"), "{later}");
}

/// Where the kallelse's signatures do not fit under its list of handlingar (Sjövik's: a
/// long list of ledamöter and ärenden), the list goes over with them: signatures never
/// stand alone on a page.
#[test]
fn the_kallelses_signatures_keep_the_list_of_handlingar_with_them() {
    let (_out, pdfs) = build(&[repo().join("cases/byggnadsnamnden")]);
    let kallelse = pdf(&pdfs, "_kallelse.pdf");
    let first = page_text(kallelse, 1);
    let second = page_text(kallelse, 2);
    assert!(!first.contains("Bilagor"), "{first}");
    assert_has(
        &second,
        &[
            "Bilagor",
            "Tjänsteskrivelse 2024-10-01",
            "Ordförande",
            "Linnea Sjöberg",
        ],
    );
}
