//! The two real documents (tests/fixtures/seeds) built from cases/ and read back from the
//! PDFs: every decision, amount and total, the headers, the fonts.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

/// Both seeds built once for all tests of this file.
fn built() -> &'static (tempfile::TempDir, BTreeMap<String, PathBuf>) {
    static BUILT: OnceLock<(tempfile::TempDir, BTreeMap<String, PathBuf>)> = OnceLock::new();
    BUILT.get_or_init(|| build(&[seed_meeting(), seed_001_case()]))
}

fn statement_000() -> &'static Path {
    pdf(&built().1, "tjansteutlatande_3.2-482-2014")
}

fn extract_000() -> &'static Path {
    pdf(&built().1, "protokollsutdrag_p015_3.2-482-2014")
}

fn statement_001() -> &'static Path {
    pdf(&built().1, "tjansteutlatande_inriktning")
}

/// Tabell 1 and 2 of seed 000: (sökt, förslag) per application; 0 for avslag, None when
/// referred to central funds.
const TABLE_1: [(u64, Option<u64>); 20] = [
    (532_500, Some(250_000)),
    (250_950, Some(150_000)),
    (600_000, Some(300_000)),
    (300_000, Some(300_000)),
    (500_000, Some(0)),
    (750_000, Some(0)),
    (564_000, Some(490_000)),
    (250_000, Some(0)),
    (366_620, Some(366_620)),
    (440_000, Some(440_000)),
    (160_860, Some(0)),
    (750_000, None),
    (810_000, None),
    (150_000, Some(0)),
    (100_000, Some(0)),
    (95_000, Some(0)),
    (620_000, Some(0)),
    (282_750, Some(50_000)),
    (222_900, Some(222_900)),
    (300_000, Some(100_000)),
];
const TABLE_2: [(u64, u64); 25] = [
    (20_000, 20_000),
    (25_000, 0),
    (25_000, 25_000),
    (25_000, 15_000),
    (25_000, 15_000),
    (25_000, 15_000),
    (25_000, 15_000),
    (25_000, 15_000),
    (25_000, 15_000),
    (25_000, 25_000),
    (25_000, 25_000),
    (35_000, 25_000),
    (25_000, 25_000),
    (25_000, 0),
    (22_000, 22_000),
    (25_000, 25_000),
    (18_000, 15_000),
    (12_000, 12_000),
    (25_000, 15_000),
    (25_000, 0),
    (25_000, 25_000),
    (25_000, 0),
    (25_000, 25_000),
    (25_000, 25_000),
    (25_000, 25_000),
];

fn kr(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(d);
    }
    out + " kr"
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn statement_000_holds_every_decision_point_and_signature() {
    let text = text(statement_000());
    for expected in [
        "Förslag till fördelning av medel till lokala utvecklingsprojekt och studiebesök (MUST)",
        "1. Socialnämnden godkänner förvaltningens förslag om fördelning av medel till lokala utvecklingsprojekt och studiebesök (sk MUST, Mutual Study Visits).",
        "2. Socialnämnden godkänner att de lokala utvecklingsprojekten 12 och 13 finansieras med centrala utvecklingsmedel.",
        "3. Socialnämnden beslutar att omedelbart justera ärendet.",
        "4. Ärendet överlämnas till stadsdelsnämnderna för kännedom.",
        "Gillis Hammar",
        "Förvaltningschef",
        "Denise Melin",
        "Avdelningschef",
        "Handläggare",
        "Cecilia Löfgren",
        "Telefon: 08-508 25 908",
        "Till",
        "Socialnämnden",
        "Dnr 3.2-482/2014",
        "2015-03-06",
        "Tabell 1: Ansökningar och förslag om fördelning av lokala utvecklingsmedel",
        "Tabell 2: Ansökningar och förslag på fördelning av medel för studiebesök (MUST)",
        "ANSÖKNINGAR",
        "FÖRSLAG PÅ FÖRDELNING",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn statement_000_holds_every_rows_amounts_and_the_computed_totals() {
    let text = text(statement_000());
    // Each requested amount appears after "Sökt belopp:" of its row, in order.
    let requested: Vec<String> = text
        .split("Sökt belopp: ")
        .skip(1)
        .map(|rest| rest.split(" kr").next().unwrap_or("").to_owned() + " kr")
        .collect();
    let expected: Vec<String> = TABLE_1
        .iter()
        .map(|(s, _)| kr(*s))
        .chain(TABLE_2.iter().map(|(s, _)| kr(*s)))
        .collect();
    assert_eq!(requested, expected);
    // Every granted amount at least as often as the tables grant it.
    let mut granted: BTreeMap<u64, usize> = BTreeMap::new();
    for amount in TABLE_1
        .iter()
        .filter_map(|(_, g)| *g)
        .chain(TABLE_2.iter().map(|(_, g)| *g))
        .filter(|g| *g > 0)
    {
        *granted.entry(amount).or_default() += 1;
    }
    for (amount, n) in granted {
        assert!(
            count(&text, &kr(amount)) >= n,
            "{} appears fewer than {n} times",
            kr(amount)
        );
    }
    assert_eq!(count(&text, "Avslag"), 12, "refused applications");
    // The totals of the prose come from the tables.
    let sum_requested_1: u64 = TABLE_1.iter().map(|(s, _)| s).sum();
    let sum_granted_1: u64 = TABLE_1.iter().filter_map(|(_, g)| *g).sum();
    let sum_requested_2: u64 = TABLE_2.iter().map(|(s, _)| s).sum();
    let sum_granted_2: u64 = TABLE_2.iter().map(|(_, g)| g).sum();
    assert_eq!(
        (
            sum_requested_1,
            sum_granted_1,
            sum_requested_2,
            sum_granted_2
        ),
        (8_045_580, 2_669_520, 607_000, 424_000)
    );
    for sentence in [
        "I årets ansökningsomgång inkom ansökningar för totalt 8 652 580 kr. 20 ansökningar för lokala utvecklingsprojekt som uppgår till 8 045 580 kr och 25 ansökningar för studiebesök som uppgår till 607 000 kr.",
        "I detta ärende föreslås fördelning av totalt 3 093 520 kr för forskning och utveckling",
        "2 669 520 kr avsätts till lokala utvecklingsprojekt",
        "424 000 kr avsätts för studiebesök, MUST",
        "Förvaltningen föreslår att 2 669 520 kr fördelas för lokala utvecklingsprojekt i enlighet med tabell 1 samt att 424 000 kr fördelas för studiebesök (MUST) i enlighet med tabell 2.",
        "Maximal summa att söka per projekt var 750 000 kr och maximalt belopp att söka per studieresa 25 000 kr.",
        "Maxbeloppet är 25 000 kr",
    ] {
        assert!(text.contains(sentence), "missing {sentence:?}");
    }
}

#[test]
fn extract_000_has_the_paragraph_heading_the_reworded_decision_and_the_matter() {
    let text = text(extract_000());
    for expected in [
        "Protokollsutdrag",
        "Socialnämnden",
        "Sammanträdesdatum 2015-03-24",
        "§ 15",
        "Förslag till fördelning av medel till lokala utvecklingsprojekt och studiebesök (MUST)",
        "Dnr 3.2-482/2014",
        "Socialnämndens beslut",
        "1. Socialnämnden godkänner förvaltningens förslag om fördelning av medel till lokala utvecklingsprojekt och studiebesök (sk MUST, Mutual Study Visits).",
        "3. Paragrafen justeras omedelbart.",
        "4. Ärendet överlämnas till stadsdelsnämnderna för kännedom.",
        "Ärendet",
        "I årets ansökningsomgång inkom ansökningar för totalt 8 652 580 kr.",
        "Förvaltningen hade redovisat ärendet i ett tjänsteutlåtande daterat 6 mars 2015.",
        "Beslutsgång",
        "Ordföranden konstaterar att det finns ett förslag till beslut och det är förvaltningens. Ordföranden finner att nämnden beslutar enligt förvaltningens förslag.",
        "Vid protokollet",
        "Lisbeth Westerlund",
        "Sekreterare",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    assert!(
        !text.contains("beslutar att omedelbart justera"),
        "point 3 must be the protocol's wording"
    );
}

#[test]
fn every_page_says_sida_n_of_the_true_total() {
    for pdf in [statement_000(), extract_000(), statement_001()] {
        let pages = page_count(pdf);
        let text = text(pdf);
        for page in 1..=pages {
            assert!(
                text.contains(&format!("Sida {page} ({pages})")),
                "{}: no 'Sida {page} ({pages})'",
                pdf.display()
            );
        }
        assert!(!text.contains(&format!("Sida {} ({pages})", pages + 1)));
    }
    assert!(
        page_count(statement_000()) > 5,
        "seed 000 is a long document"
    );
}

#[test]
fn no_amount_is_split_across_lines() {
    for pdf in [statement_000(), extract_000(), statement_001()] {
        let raw = raw_text(pdf);
        let whole = fold(&raw);
        // Amounts as the folded text has them; each must also stand whole on one line.
        let amounts: BTreeSet<&str> = amount_spans(&whole);
        assert!(!amounts.is_empty());
        for amount in amounts {
            let on_lines: usize = raw.lines().map(|l| count(&fold(l), amount)).sum();
            assert_eq!(
                on_lines,
                count(&whole, amount),
                "{}: {amount:?} is broken across lines",
                pdf.display()
            );
        }
    }
}

/// Every `N NNN kr` in `text`.
fn amount_spans(text: &str) -> BTreeSet<&str> {
    let bytes = text.as_bytes();
    let mut found = BTreeSet::new();
    for (end, _) in text.match_indices(" kr") {
        let mut start = end;
        loop {
            let digits = bytes[..start]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                break;
            }
            start -= digits;
            if digits == 3
                && start > 0
                && bytes[start - 1] == b' '
                && start >= 2
                && bytes[start - 2].is_ascii_digit()
            {
                start -= 1;
            } else {
                break;
            }
        }
        if start < end && text[start..end].contains(' ') {
            found.insert(&text[start..end + 3]);
        }
    }
    found
}

#[test]
fn every_font_is_embedded_and_comes_from_fonts_folder() {
    for pdf in [statement_000(), extract_000(), statement_001()] {
        let fonts = fonts(pdf);
        assert!(!fonts.is_empty());
        for (name, embedded) in fonts {
            assert!(embedded, "{}: font {name} not embedded", pdf.display());
            assert!(
                name.contains("Liberation"),
                "{}: unexpected font {name}",
                pdf.display()
            );
        }
    }
}

/// The share of a seed's distinct words (3+ letters) that the PDFs hold, and whether every
/// kronor amount of the seed is there (as shared/tools/fidelity.py measures).
fn word_recall(seed: &str, pdfs: &[&Path]) -> (f64, Vec<String>) {
    let words = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    // Lines starting with a tab are the original PDF's bookmarks, not its text.
    let seed: String = seed
        .lines()
        .filter(|l| !l.starts_with('\t'))
        .collect::<Vec<_>>()
        .join("\n");
    let seed_words = words(&fold(&seed));
    let pdf_words: BTreeSet<String> = pdfs.iter().flat_map(|p| words(&text(p))).collect();
    let missing: Vec<String> = seed_words.difference(&pdf_words).cloned().collect();
    (
        1.0 - missing.len() as f64 / seed_words.len() as f64,
        missing,
    )
}

#[test]
fn the_pdfs_reproduce_the_seeds_words() {
    let seed_000 =
        std::fs::read_to_string(repo().join("tests/fixtures/seeds/000_acd1c6c43002ea60.txt"))
            .unwrap();
    let (recall, missing) = word_recall(&seed_000, &[statement_000(), extract_000()]);
    assert!(
        recall > 0.99,
        "seed 000 word recall {recall:.3}, missing {missing:?}"
    );
    let seed_001 =
        std::fs::read_to_string(repo().join("tests/fixtures/seeds/001_e13720f329e8ce40.txt"))
            .unwrap();
    let (recall, missing) = word_recall(&seed_001, &[statement_001()]);
    assert!(
        recall > 0.99,
        "seed 001 word recall {recall:.3}, missing {missing:?}"
    );
}

#[test]
fn metadata_names_the_document() {
    let info = std::process::Command::new("pdfinfo")
        .arg(extract_000())
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           § 15 Förslag till fördelning"),
        "{info}"
    );
    assert!(info.contains("Keywords:        Protokollsutdrag, Socialnämnden, § 15, Dnr 3.2-482/2014, Sammanträde 2015-03-24"), "{info}");
    assert!(info.contains("Author:          Socialnämnden"), "{info}");
    // The document's own date, never the clock: identical bytes on every run.
    assert!(
        info.contains("CreationDate:    Tue Mar 24 00:00:00 2015 UTC"),
        "{info}"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let (_again, pdfs) = build(&[seed_meeting(), seed_001_case()]);
    for (name, path) in &built().1 {
        assert_eq!(
            std::fs::read(path).unwrap(),
            std::fs::read(&pdfs[name]).unwrap(),
            "{name} differs between builds"
        );
    }
}
