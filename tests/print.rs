//! Pages a secretary would sign and a printer can print (issue 28, item 5), measured on
//! every example document as a reader's tools see it: pages rasterised by pdftoppm, glyph
//! positions from `pdftotext -bbox`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

type Built = (tempfile::TempDir, BTreeMap<String, PathBuf>);

fn examples() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| build(&example_files()))
}

/// Pixels per inch of the rasterised pages: 10 mm is 20 pixels.
const DPI: f64 = 50.0;

/// The distance in mm from the nearest paper edge of the inked pixel nearest to one.
fn nearest_ink_mm(page: &Page) -> Option<f64> {
    let mut nearest: Option<usize> = None;
    for y in 0..page.height {
        for x in 0..page.width {
            if page.pixels[y * page.width + x] < 200 {
                let d = x.min(y).min(page.width - 1 - x).min(page.height - 1 - y);
                nearest = Some(nearest.map_or(d, |n| n.min(d)));
            }
        }
    }
    nearest.map(|d| d as f64 * 25.4 / DPI)
}

#[test]
fn nothing_is_printed_within_10_mm_of_any_paper_edge() {
    let mut too_near = Vec::new();
    let mut counted = 0;
    for (name, pdf) in &examples().1 {
        for (number, page) in grey_pages(pdf, DPI, &[]).iter().enumerate() {
            counted += 1;
            if let Some(mm) = nearest_ink_mm(page)
                && mm < 10.0
            {
                too_near.push(format!("{name} page {}: {mm:.1} mm", number + 1));
            }
        }
    }
    assert!(counted > 200, "only {counted} pages looked at");
    assert!(
        too_near.is_empty(),
        "ink within 10 mm:\n{}",
        too_near.join("\n")
    );
}

#[test]
fn an_amount_keeps_its_digit_groups_with_fixed_gaps_in_justified_text() {
    // Seed 000: "ansökningar för totalt 8 652 580 kr." in a justified paragraph of the
    // extract. Word spaces stretch; the gaps inside the amount must not.
    let extract = pdf(&examples().1, "socialnamnden_protokollsutdrag");
    let words = words_of(extract, &[]);
    let at = words
        .windows(4)
        .position(|w| {
            w[0].0 == "8" && w[1].0 == "652" && w[2].0 == "580" && w[3].0.starts_with("kr")
        })
        .expect("8 652 580 kr in the extract");
    let amount = &words[at..at + 4];
    assert!(
        amount.iter().all(|w| w.3 == amount[0].3),
        "split over lines: {amount:?}"
    );
    let gaps: Vec<f64> = amount.windows(2).map(|w| w[1].1 - w[0].2).collect();
    let font_size = 11.5;
    for gap in &gaps {
        assert!(
            (gap - gaps[0]).abs() < 0.01,
            "the gaps differ: {gaps:?} in {amount:?}"
        );
        assert!(*gap < 0.3 * font_size, "a stretched gap: {gaps:?}");
    }
    // The paragraph is justified: some word space on a line of the amount's paragraph is
    // wider than the gaps, or the test would prove nothing.
    let line: Vec<_> = words.iter().filter(|w| w.3 == amount[0].3).collect();
    let widest = line
        .windows(2)
        .map(|w| w[1].1 - w[0].2)
        .fold(0.0_f64, f64::max);
    assert!(widest > gaps[0] + 0.2, "no wider word space on {line:?}");
}

#[test]
fn a_paragraph_continued_on_the_next_page_says_so_in_the_running_header() {
    let protocol = pdf(
        &examples().1,
        "2024-11-12_barn-och-utbildningsnamnden_protokoll.pdf",
    );
    let pages = page_count(protocol);
    let mut continued = Vec::new();
    for page in 1..=pages {
        let text = page_text(protocol, page);
        let header: String = text.lines().take(4).collect::<Vec<_>>().join(" ");
        if header.contains("(forts.)") {
            continued.push((page, header));
        }
    }
    // § 43 starts on page 2 and ends on page 3; page 3 opens inside it.
    assert_eq!(continued.len(), 1, "{continued:?}");
    assert!(
        continued[0].1.contains("BUN § 43 (forts.)"),
        "{continued:?}"
    );
    let page_before = page_text(protocol, continued[0].0 - 1);
    assert!(page_before.contains("BUN § 43"), "{page_before}");
}

#[test]
fn ranges_and_lists_of_paragraphs_are_never_broken_at_the_dash() {
    let mut broken = Vec::new();
    for (name, pdf) in &examples().1 {
        for line in raw_text(pdf).lines() {
            let line = line.trim_end();
            if line.ends_with('–')
                && line[..line.len() - '–'.len_utf8()].ends_with(|c: char| c.is_ascii_digit())
            {
                broken.push(format!("{name}: {line}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let notice = text(pdf(
        &examples().1,
        "2024-09-25_kultur-och-fritidsnamnden_anslag",
    ));
    assert!(notice.contains("KFN §§ 1–6 och 8–13"), "{notice}");
}

#[test]
fn titles_in_the_list_of_items_are_never_hyphenated() {
    let mut hyphenated = Vec::new();
    for (name, pdf) in examples().1.iter().filter(|(n, _)| n.contains("_kallelse")) {
        for line in raw_text(pdf).lines() {
            let line = line.trim_end();
            // Typst's hyphen reads back as a soft hyphen (U+00AD) or a hyphen.
            let cut = line
                .strip_suffix(['-', '\u{ad}'])
                .is_some_and(|head| head.ends_with(|c: char| c.is_lowercase()));
            if cut {
                hyphenated.push(format!("{name}: {line}"));
            }
        }
    }
    assert!(hyphenated.is_empty(), "{}", hyphenated.join("\n"));
}

/// The font families `pdffonts` finds in `pdf`, subset prefixes and styles removed.
fn families(pdf: &Path) -> std::collections::BTreeSet<String> {
    fonts(pdf)
        .into_iter()
        .map(|(name, _)| {
            let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
            name.split('-').next().unwrap_or(name).to_owned()
        })
        .collect()
}

#[test]
fn the_example_house_styles_differ_in_faces_and_header_layout() {
    // A protocol of each municipality, and where its first page puts the municipality's
    // name (the header's layout moves it beside or away from the logo).
    let protocols = [
        ("2015-03-24_socialnamnden_protokoll.pdf", "Stockholms"),
        ("2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf", "Ekby"),
        (
            "2024-11-12_barn-och-utbildningsnamnden_protokoll.pdf",
            "Norrvik",
        ),
        ("2024-10-17_byggnadsnamnden_protokoll.pdf", "Sjöviks"),
        ("2024-11-26_regionstyrelsen_protokoll.pdf", "Region"),
    ];
    let mut all_families = std::collections::BTreeSet::new();
    let mut places = std::collections::BTreeSet::new();
    for (name, municipality) in protocols {
        let protocol = pdf(&examples().1, name);
        all_families.extend(families(protocol));
        let first = words_of(protocol, &[])
            .into_iter()
            .find(|w| w.0 == municipality)
            .unwrap_or_else(|| panic!("no {municipality} on {name}"));
        // Rounded to whole millimetres: the same layout puts it at the same place.
        places.insert((
            (first.1 * 25.4 / 72.0).round() as i64,
            (first.3 * 25.4 / 72.0).round() as i64,
        ));
    }
    for statement in examples()
        .1
        .keys()
        .filter(|n| n.contains("_tjansteutlatande_") || n.contains("_tjansteskrivelse_"))
    {
        all_families.extend(families(pdf(&examples().1, statement)));
    }
    let text_faces: Vec<_> = all_families
        .iter()
        .filter(|f| !f.starts_with("DejaVu"))
        .collect();
    assert!(text_faces.len() >= 5, "{all_families:?}");
    assert!(
        places.len() >= 3,
        "the municipality's name stands at {places:?}"
    );
}

#[test]
fn an_extracts_certification_never_stands_alone_on_a_page() {
    let extracts: Vec<_> = examples()
        .1
        .iter()
        .filter(|(name, _)| name.contains("_protokollsutdrag_"))
        .collect();
    assert!(extracts.len() > 20, "{}", extracts.len());
    for (name, pdf) in extracts {
        let pages = page_count(pdf);
        let certified = (1..=pages)
            .find(|&page| {
                let text = page_text(pdf, page);
                text.contains("Justerat ") || text.contains("justerad omedelbart")
            })
            .unwrap_or_else(|| panic!("{name}: no justering"));
        // Something of the § stands on the page above the justering: below the header
        // (whose rule is 42 mm or more from the top) and above the line "Justerat …".
        let words = words_on_page(pdf, certified);
        let justering = words
            .iter()
            .find(|w| w.0 == "Justerat" || w.0 == "Paragrafen")
            .unwrap_or_else(|| panic!("{name}: no justering line"));
        let header_bottom = 42.0 / 25.4 * 72.0;
        let above = words
            .iter()
            .filter(|w| w.3 > header_bottom && w.3 < justering.3)
            .count();
        assert!(
            above > 0,
            "{name}: the certification alone on page {certified}:\n{}",
            page_text(pdf, certified)
        );
    }
}

#[test]
fn the_kallelse_is_signed_by_the_ordförande_and_a_title_stands_under_its_name() {
    // Issue 29 items 8 and 17: the kallelse's view had no chair, and a title was printed
    // under no name on the cover.
    let kallelse = text(pdf(
        &examples().1,
        "2024-09-10_kultur-och-fritidsnamnden_kallelse.pdf",
    ));
    assert!(kallelse.contains("Ordförande Anna Ek"), "{kallelse}");
    let cover = page_text(
        pdf(&examples().1, "2024-10-17_byggnadsnamnden_protokoll.pdf"),
        1,
    );
    assert!(
        cover.contains("Sekreterare Linnea Sjöberg Nämndsekreterare"),
        "{cover}"
    );
    // The ordförande's title stands under the name in the extract's certification too,
    // as the justerare's does.
    let (_dir, folder) = edited_example("byggnadsnamnden", "2024-10-17/sammantrade.yaml", |t| {
        t.replace(
            "sekreterare: {namn: Linnea Sjöberg",
            "ordförande: {namn: Gunnar Holm, titel: Byggnadsnämndens ordförande}\nsekreterare: {namn: Linnea Sjöberg",
        )
    });
    let (_out, pdfs) = build(&[folder]);
    let extract = text(pdf(&pdfs, "protokollsutdrag_p167"));
    assert!(
        extract.contains("Gunnar Holm, C Ordförande, Byggnadsnämndens ordförande"),
        "{extract}"
    );
    // A title under a name is not hyphenated, in a narrow column either.
    let (_dir, folder) = edited_example(
        "kommunstyrelsens-arbetsutskott",
        "2024-09-24/sammantrade.yaml",
        |t| {
            t.replace(
                "sekreterare: {",
                "ordförande: {namn: Magnus Öberg, titel: Kommunstyrelsens ordförande}\nsekreterare: {",
            )
        },
    );
    let (_out, pdfs) = build(&[folder]);
    let cover = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    assert!(
        cover.contains("Magnus Öberg Kommunstyrelsens ordförande"),
        "{cover}"
    );
}

/// Pixels per inch where the room to sign is measured: 15 mm is 89 pixels.
const SIGN_DPI: f64 = 150.0;

/// The room to sign above each signature on page `page` of `pdf` below the word `from`:
/// a name of `names` (as printed, without its party), the blank height in mm above its
/// line, or above the name where there is none, measured over the name's first 8 mm; and
/// whether a line stands there (dark across 25 mm).
fn rooms_to_sign(pdf: &Path, page: usize, from: &str, names: &[&str]) -> Vec<(String, f64, bool)> {
    let words = words_on_page(pdf, page);
    let start = words
        .iter()
        .find(|w| w.0 == from)
        .unwrap_or_else(|| panic!("no {from} on page {page} of {}", pdf.display()))
        .4;
    let number = page.to_string();
    let grey = &grey_pages(pdf, SIGN_DPI, &["-f", &number, "-l", &number])[0];
    let px = |points: f64| (points * SIGN_DPI / 72.0) as usize;
    let mm_in_points = 72.0 / 25.4;
    let dark = |y: usize, from: usize, to: usize| {
        (from..to)
            .filter(|&x| grey.pixels[y * grey.width + x] < 160)
            .count()
    };
    let mut rooms = Vec::new();
    for pair in words.windows(2) {
        let (first, last) = (&pair[0], &pair[1]);
        let name = format!("{} {}", first.0, last.0.trim_end_matches(','));
        if first.3 <= start || (last.3 - first.3).abs() > 1.0 || !names.contains(&name.as_str()) {
            continue;
        }
        let (left, right) = (px(first.1), px(first.1 + 8.0 * mm_in_points));
        let line_end = px(first.1 + 25.0 * mm_in_points);
        let inked = |y: usize| dark(y, left, right) > 0;
        // Up from the name to the first ink: the line, or what stands above the room.
        let mut y = px(first.3) - 1;
        let mut bottom = y;
        while !inked(y) {
            y -= 1;
        }
        let line = dark(y, left, line_end) as f64 >= 0.9 * (line_end - left) as f64;
        if line {
            while inked(y) {
                y -= 1;
            }
            bottom = y;
            while !inked(y) {
                y -= 1;
            }
        }
        rooms.push((name, (bottom - y) as f64 * 25.4 / SIGN_DPI, line));
    }
    rooms
}

/// Where a document's signatures are: the document, its page, the word they follow, the
/// signers' names, how many signatures and whether they stand on lines.
type Signatures<'a> = (&'a str, usize, &'a str, &'a [&'a str], usize, bool);

/// Issue 28: at least 15 mm to sign above every line of the protocol's first page, the
/// extract's certification and the ANSLAG/BEVIS (box, text and the anslag's own), side by
/// side on lines (Sjövik, Norrvik) or one under the other without (Storsjön:
/// `underskrifter: {uppställning: under, linjer: false}`).
#[test]
fn every_signature_has_15_mm_to_sign_in() {
    let built = &examples().1;
    let sjovik = [
        "Linnea Sjöberg",
        "Gunnar Holm",
        "Eva Lindqvist",
        "Leila Karimi",
    ];
    let norrvik = ["Linda Åström", "Ulla Fors", "Stig Granlund"];
    let storsjon = ["Mona Dahl", "Gustav Lind", "Helena Norr"];
    let cases: [Signatures; 7] = [
        (
            "2024-10-17_byggnadsnamnden_protokoll.pdf",
            1,
            "Sekreterare",
            &sjovik,
            5,
            true,
        ),
        (
            "byggnadsnamnden_protokollsutdrag_p169",
            2,
            "Justerat",
            &sjovik,
            4,
            true,
        ),
        (
            "2024-10-23_byggnadsnamnden_anslag.pdf",
            1,
            "Underskrift",
            &sjovik,
            1,
            true,
        ),
        (
            "2024-11-12_barn-och-utbildningsnamnden_protokoll.pdf",
            2,
            "Sekreterare",
            &norrvik,
            4,
            true,
        ),
        (
            "2024-11-14_direktionen_protokoll.pdf",
            1,
            // Stacked, each role stands level with its name: below the facts' last row.
            "Paragrafer",
            &storsjon,
            4,
            false,
        ),
        (
            "direktionen_protokollsutdrag_p034",
            1,
            "Justerat",
            &storsjon,
            4,
            false,
        ),
        (
            "2024-11-19_direktionen_anslag.pdf",
            1,
            "Hur",
            &storsjon,
            1,
            false,
        ),
    ];
    for (name, page, from, names, count, lines) in cases {
        let rooms = rooms_to_sign(pdf(built, name), page, from, names);
        assert_eq!(rooms.len(), count, "{name}: {rooms:?}");
        for (signer, mm, line) in &rooms {
            assert!(
                *mm >= 15.0,
                "{name}: {mm:.1} mm to sign for {signer}: {rooms:?}"
            );
            assert_eq!(*line, lines, "{name}: the line of {signer}: {rooms:?}");
        }
    }
    // Stacked, the role reads level with the name, as a form's "Underskrift ____".
    let words = words_on_page(pdf(built, "2024-11-19_direktionen_anslag.pdf"), 1);
    let top = |word: &str| words.iter().rfind(|w| w.0 == word).map(|w| w.3);
    let (label, name) = (top("Underskrift"), top("Mona"));
    assert!(
        label.zip(name).is_some_and(|(l, n)| (l - n).abs() < 1.5),
        "{label:?} {name:?}"
    );
}

#[test]
fn an_extracts_justerare_sign_with_the_party_the_roll_gives() {
    let extract = text(pdf(
        &examples().1,
        "2024-10-21_kommunfullmaktige_protokollsutdrag_p122_ks-2024-287.pdf",
    ));
    assert!(extract.contains("Ahmed Yusuf (S) Justerare"), "{extract}");
}

#[test]
fn an_anslags_facts_are_not_hyphenated() {
    let anslag = text(pdf(&examples().1, "2024-11-19_direktionen_anslag.pdf"));
    assert!(anslag.contains("Brandstationen i Sjövik"), "{anslag}");
    assert!(!anslag.contains("Brandstatio-"), "{anslag}");
}

#[test]
fn stacked_signatures_on_lines_keep_the_name_below_its_line() {
    // Storsjön's signatures under each other, here with lines: each name stands under
    // its line with 15 mm to sign above, never struck through by it.
    let (_dir, folder) = edited_example("raddningstjansten-storsjon", "profil.yaml", |text| {
        text.replace("  linjer: false", "  linjer: true")
    });
    let (_out, built) = build(&[folder]);
    let storsjon = ["Mona Dahl", "Gustav Lind", "Helena Norr"];
    let rooms = rooms_to_sign(
        pdf(&built, "2024-11-14_direktionen_protokoll.pdf"),
        1,
        "Paragrafer",
        &storsjon,
    );
    assert_eq!(rooms.len(), 4, "{rooms:?}");
    for (signer, mm, line) in &rooms {
        assert!(*line, "no line found above {signer}: {rooms:?}");
        assert!(*mm >= 15.0, "{mm:.1} mm to sign for {signer}: {rooms:?}");
    }
}
