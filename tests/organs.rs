//! Any organ's meeting: a fullmäktige of 41 with ersättare serving part of the meeting, a
//! vote, group reservations, kommunstyrelsens förslag and a § justerad at the meeting by
//! other justerare; an arbetsutskott with jäv, a member not serving one §, procedural §§.
//! Both are examples in cases/.

mod common;

use std::process::Command;

use common::*;

type Built = (
    tempfile::TempDir,
    std::collections::BTreeMap<String, std::path::PathBuf>,
);

fn assembly() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        build(&[repo().join("cases/kommunfullmaktige/2024-10-21/sammantrade.yaml")])
    })
}

fn subcommittee() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        build(&[repo().join("cases/kommunstyrelsens-arbetsutskott/2024-09-24/sammantrade.yaml")])
    })
}

#[test]
fn the_first_page_of_a_large_assembly_justerad_in_parts_lists_each_justering() {
    let pdfs = &assembly().1;
    // One protocol of both justeringar (`justeringar_i_ett_protokoll: true`).
    assert!(!pdfs.keys().any(|n| n.contains("protokoll-omedelbart")));
    let protocol = pdf(pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
    let first = page_text(protocol, 1);
    for expected in [
        "Plats och tid Ekby stadshus, fullmäktigesalen, måndagen den 21 oktober 2024, kl. 18.00–21.15 (ajournering 19.30–19.45)",
        "Beslutande Se närvaro- och omröstningslista",
        "Utses att justera KF § 125: Per Holm (C) och Sara Lind (KD) KF §§ 118–124 och 126: Karin Lund (M) med Olof Strand (M) som ersättare och Ahmed Yusuf (S)",
        "Justeringens plats och tid KF § 125: Ekby stadshus, fullmäktigesalen, 2024-10-21 kl. 21.20 KF §§ 118–124 och 126: Kommunledningskontoret, Ekby stadshus, 2024-10-28 kl. 10.00",
        "Paragrafer KF §§ 118–126",
        "Sekreterare Maria Lindholm Kommunsekreterare",
        "Justering KF § 125, 2024-10-21 kl. 21.20 Ordförande Birgitta Ståhl Justerande Per Holm Justerande Sara Lind",
        "Justering KF §§ 118–124 och 126, 2024-10-28 kl. 10.00 Ordförande Birgitta Ståhl Justerande Karin Lund Justerande Ahmed Yusuf",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{first}"
        );
    }
    // One ANSLAG/BEVIS, a row per justering: its justering, §§, posting and taking down,
    // in the order of Ekby's `anslag.rader`, which has the storage place above them.
    let second = page_text(protocol, 2);
    for expected in [
        "ANSLAG/BEVIS",
        "Organ Kommunfullmäktige Sammanträdesdatum 2024-10-21 Förvaringsplats för protokollet Kommunledningskontoret, Ekby stadshus Datum för justering Paragrafer",
        "Datum för justering Paragrafer Datum då anslaget sätts upp Datum då anslaget tas ned Underskrift",
        "2024-10-21 KF § 125 2024-10-22 2024-11-12 Maria Lindholm",
        "2024-10-28 KF §§ 118–124 och 126 2024-10-29 2024-11-19 Maria Lindholm",
    ] {
        assert!(
            second.contains(expected),
            "page 2 lacks {expected:?}:\n{second}"
        );
    }
    // Ekby's list stands before the §§ (`omröstningslistans_plats: före_paragraferna`),
    // after the ANSLAG/BEVIS, with a row per seat (`närvarolista_form: per_plats`), its 41
    // seats in the roll's order under the heading of their valkrets (Norra first, as the
    // roll names it first): N or F for the ledamot, the ersättare who served in the seat,
    // with the §§ when not all, and the seat's vote in § 122, whoever cast it.
    let last = page_text(protocol, 3);
    for expected in [
        "Närvaro- och omröstningslista Omröstning KF § 122 Ledamot",
        "Ledamot Parti N F Tjänstgörande ersättare Ja Nej Avst. Valkrets Norra Birgitta Ståhl, ordförande M X X",
        "Ulrika Forsberg L X X Hanna Ek MP X X Valkrets Södra Roger Nilsson, andre vice ordförande SD X X",
        "Lars Berg, lämnade sammanträdet kl. 20.10 S X Kristoffer Alm (§§ 123–126) X",
        "Jonas Wik S X Maja Nilsson X",
        "Stefan Borg, kom kl. 18.25 SD X Bengt Ros (§§ 118–119) X",
        "Mats Lindgren L X X Oskar Malm MP X X Summa 34 5 2",
        // The ersättare there who served in no seat, after the table.
        "Närvarande ersättare som inte tjänstgjort Linnea Gran (M), Ali Rahimi (V)",
    ] {
        assert!(
            last.contains(expected),
            "the bilaga lacks {expected:?}:\n{last}"
        );
    }
    // Every seat marked present or absent, and its vote.
    let marks = last.matches(" X").count();
    assert_eq!(marks, 41 * 2, "{last}");
    assert!(!last.contains("Bilaga"), "{last}");
    // The §§ follow it, and the § with the vote refers to it there.
    assert!(page_text(protocol, 4).contains("KF § 118 Val av justerare"));
    let whole = text(protocol);
    let referred =
        "Hur var och en röstade framgår av närvaro- och omröstningslistan före paragraferna.";
    assert!(whole.contains(referred), "{whole}");
    assert!(!whole.contains("Bilaga: närvaro"), "{whole}");
}

/// Issue 28: the närvaro- och omröstningslista last, as a bilaga, as built in
/// (`omröstningslistans_plats: sist`): after the last §, and the first page and the §
/// with the vote refer to the bilaga.
#[test]
fn the_roll_stands_last_as_a_bilaga_by_default() {
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace("omröstningslistans_plats: före_paragraferna\n", "")
    });
    let (_out, pdfs) = build(&[folder.join("2024-10-21/sammantrade.yaml")]);
    let protocol = pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
    assert!(page_text(protocol, 1).contains("Beslutande Se bilaga, närvaro- och omröstningslista"));
    assert!(page_text(protocol, 3).contains("KF § 118 Val av justerare"));
    let last = page_text(protocol, page_count(protocol));
    for expected in [
        "Bilaga: närvaro- och omröstningslista Omröstning KF § 122 Ledamot",
        "Mats Lindgren L X X Oskar Malm MP X X Summa 34 5 2",
    ] {
        assert!(
            last.contains(expected),
            "the bilaga lacks {expected:?}:\n{last}"
        );
    }
    let whole = text(protocol);
    let referred = "Hur var och en röstade framgår av närvaro- och omröstningslistan (bilaga).";
    assert!(whole.contains(referred), "{whole}");
}

/// `närvarolista: se_sida`: the list on the page after the first, which the first page
/// names by its number, and the § with the vote refers to it there, not to a bilaga.
#[test]
fn the_roll_on_the_page_after_the_first_is_referred_to_by_page_and_by_the_vote() {
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace("omröstningslistans_plats: före_paragraferna\n", "")
            .replace("närvarolista: automatisk", "närvarolista: se_sida")
    });
    let (_out, pdfs) = build(&[folder.join("2024-10-21/sammantrade.yaml")]);
    let protocol = pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
    let first = page_text(protocol, 1);
    let page = (2..=page_count(protocol))
        .find(|&p| page_text(protocol, p).contains("Närvaro- och omröstningslista"))
        .unwrap_or_else(|| panic!("no list after the first page:\n{}", text(protocol)));
    assert!(
        first.contains(&format!("Beslutande Se sid {page}")),
        "{first}"
    );
    let whole = text(protocol);
    let referred =
        "Hur var och en röstade framgår av närvaro- och omröstningslistan före paragraferna.";
    assert!(whole.contains(referred), "{whole}");
    assert!(!whole.contains("(bilaga)"), "{whole}");
}

/// Issue 28: a närvaro- och omröstningslista too wide for a portrait page turns the page
/// with its heading, in either form; the heading is never left alone on the page before.
#[test]
fn a_roll_too_wide_for_portrait_turns_the_page_with_its_heading() {
    // The fullmäktige with two more roll-call votes, on §§ 123 and 124: three votes are
    // too wide for Ekby's list per seat, and with its three runs of §§ 17 columns for the
    // list per person.
    let vote = |yes: &str, no: &str| {
        format!(
            "    omröstning:\n      ja: {yes}\n      nej: {no}\n      röster: {{ja: övriga, nej: [Per Holm]}}\n"
        )
    };
    let motion = "        yrkande: bifall till motionen\n";
    let resignation =
        "    beslut: [Kommunfullmäktige beviljar Anna Wallin (L) entledigande från uppdraget.]\n";
    let wide = |text: String| {
        text.replacen(
            motion,
            &(motion.to_owned() + &vote("kommunstyrelsens förslag", "Per Holms (C) yrkande")),
            1,
        )
        .replacen(
            resignation,
            &format!(
                "{resignation}    yrkanden: [{{av: Per Holm, yrkande: avslag}}]\n{}",
                vote("förslaget", "avslag")
            ),
            1,
        )
    };
    let (_dir, folder) = edited_example("kommunfullmaktige", "2024-10-21/sammantrade.yaml", wide);
    let meeting = folder.join("2024-10-21/sammantrade.yaml");
    let votes = std::fs::read_to_string(&meeting).unwrap();
    assert_eq!(votes.matches("omröstning:").count(), 3, "{votes}");
    let per_seat = [
        "Ledamot Parti N F Tjänstgörande ersättare",
        "Birgitta Ståhl, ordförande M X X X X",
        // Lars Berg's seat votes in § 122 by him, in §§ 123 and 124 by his ersättare.
        "Lars Berg, lämnade sammanträdet kl. 20.10 S X Kristoffer Alm (§§ 123–126) X X X",
    ];
    let per_person = [
        "Ledamot / ersättare Parti",
        "Birgitta Ståhl, ordförande M X X X X X X",
    ];
    for (form, rows) in [
        ("per_plats", &per_seat[..]),
        ("per_person", &per_person[..]),
    ] {
        let profile = folder.join("profil.yaml");
        let text = std::fs::read_to_string(&profile).unwrap();
        let text = text.replace(
            "närvarolista_form: per_plats\n",
            &format!("närvarolista_form: {form}\n"),
        );
        std::fs::write(&profile, text).unwrap();
        let (_out, pdfs) = build(std::slice::from_ref(&meeting));
        let protocol = pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf");
        // Before the §§, as Ekby has it (`omröstningslistans_plats: före_paragraferna`).
        let heading = "Närvaro- och omröstningslista";
        let pages: Vec<usize> = (1..=page_count(protocol))
            .filter(|&p| page_text(protocol, p).contains(heading))
            .collect();
        assert_eq!(
            pages.len(),
            1,
            "{form}: the heading stands on pages {pages:?}"
        );
        let page = page_text(protocol, pages[0]);
        // The heading, the table's head and its first rows on one page, and that page
        // turned.
        for expected in [heading, "Omröstning KF § 124"].iter().chain(rows) {
            assert!(
                page.contains(expected),
                "{form}: page {} lacks {expected:?}:\n{page}",
                pages[0]
            );
        }
        let (width, height) = page_sizes(protocol)[pages[0] - 1];
        assert!(
            width > height,
            "{form}: page {} is {width} × {height}",
            pages[0]
        );
        // The page before (the ANSLAG/BEVIS) and the first § after it stay upright.
        let first = (pages[0]..=page_count(protocol))
            .find(|&p| page_text(protocol, p).contains("KF § 118 Val av justerare"))
            .unwrap_or_else(|| panic!("{form}: no § 118 after the list"));
        for page in [pages[0] - 1, first] {
            let (width, height) = page_sizes(protocol)[page - 1];
            assert!(width < height, "{form}: page {page} is {width} × {height}");
        }
    }
}

/// Issue 28: the ANSLAG/BEVIS of a protocol justerat in parts keeps the profile's rows:
/// rows it leaves out are out, the §§ and the justering stay (they tell the parts apart),
/// first, and what comes after the first day stands below the table.
#[test]
fn the_anslag_bevis_of_a_protocol_in_parts_has_the_profiles_rows() {
    let rows = "  rader: [organ, sammanträdesdatum, förvaringsplats, justering, paragrafer, uppsatt, nedtaget]\n";
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace(rows, "  rader: [uppsatt, organ, förvaringsplats]\n")
    });
    let (_out, pdfs) = build(&[folder.join("2024-10-21/sammantrade.yaml")]);
    let second = page_text(pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"), 2);
    for expected in [
        "Paragrafer Datum för justering Datum då anslaget sätts upp Underskrift",
        "KF § 125 2024-10-21 2024-10-22 Maria Lindholm",
        "KF §§ 118–124 och 126 2024-10-28 2024-10-29 Maria Lindholm",
        "Maria Lindholm Organ Kommunfullmäktige Förvaringsplats för protokollet Kommunledningskontoret, Ekby stadshus",
    ] {
        assert!(
            second.contains(expected),
            "page 2 lacks {expected:?}:\n{second}"
        );
    }
    // The page header has its own Sammanträdesdatum; the box has none.
    let (_, bevis) = second.split_once("ANSLAG/BEVIS").unwrap();
    for left_out in ["Sammanträdesdatum", "tas ned", "2024-11-12"] {
        assert!(
            !bevis.contains(left_out),
            "the box has {left_out:?}:\n{bevis}"
        );
    }
}

#[test]
fn the_omedelbart_justerad_paragraph_has_its_own_anslag_and_dates() {
    let pdfs = &assembly().1;
    let protocol = text(pdf(pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"));
    assert!(
        protocol.contains("KF § 125 Fyllnadsval av ersättare i socialnämnden"),
        "{protocol}"
    );
    let anslag = text(pdf(
        pdfs,
        "2024-10-22_kommunfullmaktige_anslag-omedelbart-justerade",
    ));
    assert!(anslag.contains("Paragrafer KF § 125"), "{anslag}");
    // Posted Tuesday 22 October: three weeks on is Tuesday 12 November.
    assert!(
        anslag.contains("Sista dag för överklagande 2024-11-12"),
        "{anslag}"
    );
    // The ordinary anslag has its own dates and leaves § 125 out.
    let ordinary = text(pdf(pdfs, "2024-10-29_kommunfullmaktige_anslag.pdf"));
    assert!(
        ordinary.contains("Paragrafer KF §§ 118–124 och 126"),
        "{ordinary}"
    );
    assert!(
        ordinary.contains("Datum för justering 2024-10-28"),
        "{ordinary}"
    );
    assert!(
        ordinary.contains("Sista dag för överklagande 2024-11-19"),
        "{ordinary}"
    );
    assert!(
        ordinary.contains("Den som är medlem i kommunen kan överklaga fullmäktiges beslut"),
        "{ordinary}"
    );
    // Each extract certifies with its own part's justering and justerare.
    let extract = text(pdf(pdfs, "protokollsutdrag_p125"));
    assert!(
        extract.contains(
            "Paragrafen justerad omedelbart 2024-10-21 kl. 21.20, Ekby stadshus, fullmäktigesalen"
        ),
        "{extract}"
    );
    assert!(
        extract.contains("Per Holm (C) Justerare Sara Lind (KD) Justerare"),
        "{extract}"
    );
    let other = text(pdf(pdfs, "protokollsutdrag_p122"));
    assert!(
        other.contains("Justerat 2024-10-28 kl. 10.00, Kommunledningskontoret, Ekby stadshus"),
        "{other}"
    );
    assert!(
        other.contains("Karin Lund (M) Justerare Ahmed Yusuf (S) Justerare"),
        "{other}"
    );
    assert!(!other.contains("Per Holm (C) Justerare"), "{other}");
}

#[test]
fn the_beslutsgang_names_the_organ_and_the_real_proposals() {
    let pdfs = &assembly().1;
    let protocol = text(pdf(pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"));
    for expected in [
        "Kommunstyrelsens förslag KS § 145, 2024-10-08",
        "Beslutsgång i kommunstyrelsen Nils Hedman (V) yrkar att höjningen begränsas till 3 procent.",
        "Eva Sjöberg (V) och Hanna Ek (MP) yrkar att höjningen av brukningsavgifterna",
        "det finns två förslag till beslut: kommunstyrelsens förslag och yrkandet från Eva Sjöberg (V) och Hanna Ek (MP)",
        // The profile's wording names the chair: `{ordföranden}`.
        "Ordföranden Birgitta Ståhl (M) ställer proposition på förslagen och finner att fullmäktige beslutar enligt kommunstyrelsens förslag. Votering begärs. Fullmäktige godkänner följande propositionsordning",
        // (The line may break after "nej-", which the text extraction joins.)
        "Omröstningen utfaller med 34 ja-röster mot 5 nej",
        "röster, 2 ledamöter avstår. Fullmäktige har därmed beslutat enligt kommunstyrelsens förslag.",
        "Ledamöterna från (V) och (MP) reserverar sig mot beslutet till förmån för eget yrkande.",
        "Ledamöterna från (C) reserverar sig mot beslutet till förmån för eget yrkande.",
        "Protokollsanteckning Ali Rahimi (V):",
        "det är ordförandens. Ordföranden finner att fullmäktige beslutar enligt ordförandens förslag.",
        "Fullmäktige tar del av informationen.",
    ] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?}:\n{protocol}"
        );
    }
    let extract = text(pdf(pdfs, "protokollsutdrag_p125"));
    assert!(
        extract.contains("det är valberedningens. Ordföranden finner att fullmäktige beslutar enligt valberedningens förslag."),
        "{extract}"
    );
}

/// Whether `text` has the word `nämnden` (not as the end of a name like Socialnämnden).
fn says_nämnden(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("nämnden") || word == "Nämnden")
}

#[test]
fn no_generated_sentence_calls_a_fullmäktige_or_an_utskott_nämnden() {
    for (name, pdf) in assembly().1.iter().chain(subcommittee().1.iter()) {
        if name.contains("tjansteutlatande") {
            continue;
        }
        let text = text(pdf);
        assert!(!says_nämnden(&text), "{name} says nämnden:\n{text}");
    }
    // The check itself finds the word where it stands.
    assert!(says_nämnden("finner att nämnden beslutar") && !says_nämnden("i socialnämnden"));
}

#[test]
fn an_utskott_serves_per_paragraph_with_jäv_and_an_ersättare() {
    let pdfs = &subcommittee().1;
    let protocol = pdf(
        pdfs,
        "2024-09-24_kommunstyrelsens-arbetsutskott_protokoll.pdf",
    );
    let first = page_text(protocol, 1);
    for expected in [
        "Kommunstyrelsen Kommunstyrelsens arbetsutskott",
        "Magnus Öberg (M), ordförande",
        "Roger Nilsson (SD), §§ 61–64, lämnade sammanträdet kl. 11.20",
        "Erik Svensson (C), tjänstgörande ersättare för Ingrid Bäck, § 64",
        "Ersättare Erik Svensson (C) Lena Sund (M)",
        "Justeringens plats och tid Kommunledningskontoret, 2024-09-26 kl. 13.00",
        "ANSLAG/BEVIS",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{first}"
        );
    }
    let all = text(protocol);
    for expected in [
        // `paragraf.inledningsrad: alltid`: a lead line over every decision, and over a
        // proposal to kommunstyrelsen the proposal's.
        "KSAU § 61 Val av justerare Arbetsutskottets förslag till beslut Kommunstyrelsens arbetsutskott beslutar 1. Ahmed Yusuf (S) utses",
        "Arbetsutskottets förslag till beslut Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta 1. Kommunstyrelsen föreslår kommunfullmäktige att anta taxa",
        "Ingrid Bäck (C) anmäler jäv och deltar inte i handläggningen av ärendet.",
        "finner att arbetsutskottet beslutar enligt förvaltningens förslag",
        "Taxa för vatten och avlopp 2025 Dnr KS 2024/287",
    ] {
        assert!(all.contains(expected), "missing {expected:?}:\n{all}");
    }
    // The tjänsteskrivelse of another förvaltning is built with the meeting.
    let statement = text(pdf(pdfs, "tjansteutlatande_ks-2024-287"));
    assert!(
        statement.contains("Samhällsbyggnadsförvaltningen"),
        "{statement}"
    );
    // The §'s lead line is the protocol's: the förvaltning's proposal has none.
    assert!(!statement.contains("arbetsutskott beslutar"), "{statement}");
}

#[test]
fn textconv_shows_who_served_where_and_each_justering() {
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "textconv",
            "cases/kommunfullmaktige/2024-10-21/sammantrade.yaml",
        ])
        .current_dir(repo())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Sammanträde: organ: fullmäktige",
        "Beslutande: Lars Berg (S): tjänstgör §§ 118–122",
        "Ersättare: Kristoffer Alm (S): tjänstgör för Lars Berg §§ 123–126; närvarande ersättare",
        "Justering 1: paragrafer: § 125",
        "Justering 1: justerare: Per Holm och Sara Lind",
        "Justering 2: justerare: Karin Lund med Olof Strand som ersättare och Ahmed Yusuf",
        "Justering 2: anslag: 2024-10-29 – 2024-11-19",
        "§ 122: Kommunstyrelsen förslag punkt 1: Kommunfullmäktige antar taxa",
        "§ 122: omröstning: 34 ja, 5 nej, 2 avstår; beslut enligt kommunstyrelsens förslag",
        "§ 122: reservation från ledamöterna från (V) och (MP): muntlig",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

/// textconv (and so `diff`) shows those present without a seat, each in their group, and
/// how the agenda numbers its points: a change to either is a change in substance.
#[test]
fn textconv_shows_the_groups_without_a_seat_and_the_agendas_numbering() {
    let textconv = |file: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .args(["textconv", file])
            .current_dir(repo())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let bolag = textconv("cases/ekby-energi/2024-11-20/sammantrade.yaml");
    let agenda = textconv("cases/samhallsbyggnadsnamnden/2024-11-21/sammantrade.yaml");
    for (text, expected) in [
        (
            &bolag,
            "Observatörer: Gunnel Rask: ledamot i kommunstyrelsen, §§ 3–4",
        ),
        (&bolag, "Revisorer: Siv Dahl: lekmannarevisor"),
        (&bolag, "Fackliga företrädare: Tove Nyberg: Kommunal"),
        (
            &bolag,
            "Övriga närvarande: Olle Vik: verkställande direktör",
        ),
        (&agenda, "Punkt Sammanträdets öppnande: paragraf: ingen"),
        (&agenda, "Punkt Sammanträdets öppnande: numrerad: ja"),
        (
            &agenda,
            "Punkt Information från förvaltningen: anmärkning: Inga handlingar",
        ),
        (&agenda, "§ 4: numrerad: nej"),
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

#[test]
fn a_first_page_that_would_overflow_sends_its_lists_to_the_bilaga() {
    // 16 ledamöter, 5 officials, two justerare: with the lists, the signatures and the
    // ANSLAG/BEVIS would not fit on page 1.
    let (_out, pdfs) = large_meeting(
        16,
        5,
        "titel: handläggare på förvaltningen, paragrafer: § 31",
        "[{namn: Ledamot Nummer2, ersättare: Ledamot Nummer3}, {namn: Ledamot Nummer4}]",
    );
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let first = page_text(protocol, 1);
    for expected in [
        "Beslutande Se bilaga",
        // The others present still fit beside the signatures.
        "Övriga närvarande Tjänsteperson Nummer1",
        "Sekreterare Per Lind Ordförande Ledamot Nummer1 Justerande Ledamot Nummer2 Justerande Ledamot Nummer4",
        "ANSLAG/BEVIS",
        "Förvaringsplats för protokollet Kulturförvaltningen",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{first}"
        );
    }
    let last = page_text(protocol, page_count(protocol));
    assert!(last.contains("Ledamot Nummer16"), "{last}");
    assert!(!last.contains("Övriga närvarande"), "{last}");
    // A small nämnd keeps its lists on page 1.
    let small = text(pdf(
        &example_meeting_kfn().1,
        "2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf",
    ));
    assert!(
        small.contains("Beslutande Anna Ek (S), ordförande"),
        "{small}"
    );
    assert!(!small.contains("Se bilaga"), "{small}");
}

/// Issue 28: an organ without `ledamoter.yaml` may have its bilaga per seat too: the
/// seats are the ledamöter the meeting lists, present or `frånvarande`.
#[test]
fn a_meeting_without_a_roll_lists_its_seats() {
    let (dir, folder) = meeting_folder();
    std::fs::write(
        dir.path().join("profil.yaml"),
        "närvarolista: bilaga\nnärvarolista_form: per_plats\n",
    )
    .unwrap();
    let meeting = "nämnd: Kulturnämnden\ndatum: 2024-05-21\nplats: Stadshuset\n\
        beslutande:\n  - {namn: Anna Ek, parti: S}\n  - {namn: Bo Ström, parti: M}\n  - {namn: Cia Lund, parti: L, ersätter: Dan Berg}\n\
        ersättare:\n  - {namn: Eva Holm, parti: S}\nfrånvarande:\n  - {namn: Dan Berg, parti: L}\n\
        ordförande: {namn: Anna Ek}\nsekreterare: {namn: Per Lind}\njusterare: [{namn: Bo Ström}]\n\
        justering: {datum: 2024-05-28, plats: Kulturförvaltningen}\n\
        anslag: {datum: 2024-05-29, förvaringsplats: Kulturförvaltningen}\n\
        paragrafer:\n  - paragraf: 31\n    ärende: arende.yaml\n";
    std::fs::write(folder.join("sammantrade.yaml"), meeting).unwrap();
    let (_out, pdfs) = build(&[folder.join("sammantrade.yaml")]);
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let last = page_text(protocol, page_count(protocol));
    assert!(
        last.contains("Ledamot Parti N F Tjänstgörande ersättare Anna Ek S X Bo Ström M X Dan Berg L X Cia Lund Närvarande ersättare som inte tjänstgjort Eva Holm (S)"),
        "{last}"
    );
}

fn example_meeting_kfn() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        build(&[repo().join("cases/kultur-och-fritidsnamnden/2024-09-17/sammantrade.yaml")])
    })
}

#[test]
fn the_web_copy_shows_no_vote_of_a_secret_paragraph() {
    // The fullmäktige's vote on § 122 (the VA taxa), with the § made secret.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kommunfullmaktige");
    copy_folder(&repo().join("cases/kommunfullmaktige"), &folder);
    let meeting = folder.join("2024-10-21/sammantrade.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let secret = text.replacen(
        "  - rubrik: Taxa för vatten och avlopp 2025\n",
        "  - rubrik: Taxa för vatten och avlopp 2025\n    sekretess: true\n",
        1,
    );
    assert_ne!(secret, text);
    std::fs::write(&meeting, secret).unwrap();
    let protocol = |web_copy: bool| {
        let out = dir.path().join(if web_copy { "webb" } else { "nämnd" });
        let options = paragraf::BuildOptions {
            web_copy,
            ..paragraf::BuildOptions::default()
        };
        paragraf::build(std::slice::from_ref(&meeting), &out, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        let pdf = out.join("2024-10-21_kommunfullmaktige_protokoll.pdf");
        // The list, before the §§.
        page_layout(&pdf, 3)
    };
    // The nämnd's own copy keeps the vote's column; the web copy has none.
    assert!(protocol(false).contains("Omröstning"));
    let public = protocol(true);
    assert!(public.contains("Närvaro- och omröstningslista"), "{public}");
    assert!(
        !public.contains("Omröstning") && !public.contains("Avst."),
        "{public}"
    );
}

/// A decision that proposes to another organ prepares that organ's decision and cannot be
/// appealed (KL 13 kap. 2 §): the regionstyrelse's anslag offers laglighetsprövning for
/// its other §§ only and says why § 302 has none, and § 302's extract says so too.
#[test]
fn a_proposal_to_fullmäktige_is_not_offered_for_appeal() {
    let (_out, pdfs) = build(&[repo().join("cases/regionstyrelsen/2024-11-26/sammantrade.yaml")]);
    let notice = text(pdf(&pdfs, "regionstyrelsen_anslag.pdf"));
    for expected in [
        "kan överklaga regionstyrelsens beslut i RS §§ 301 och 303/2024 genom laglighetsprövning",
        "Beslut i RS § 302/2024 är förslag till regionfullmäktige och går inte att överklaga (13 kap. 2 § kommunallagen).",
    ] {
        assert!(
            notice.contains(expected),
            "missing {expected:?} in\n{notice}"
        );
    }
    let extract = text(pdf(&pdfs, "protokollsutdrag_p302"));
    assert!(
        extract.contains(
            "Beslutet är ett förslag till regionfullmäktige och går inte att överklaga (13 kap. 2 § kommunallagen)."
        ),
        "{extract}"
    );
    let other = text(pdf(&pdfs, "protokollsutdrag_p303"));
    assert!(!other.contains("förslag till regionfullmäktige"), "{other}");
}

/// A yrkande of bifall supports the main proposal and is no proposal of its own: the
/// fullmäktige's VA § has two proposals, not three; who spoke and who concurred are named.
#[test]
fn support_for_the_main_proposal_is_not_counted_as_a_proposal() {
    let pdfs = &assembly().1;
    let extract = text(pdf(pdfs, "protokollsutdrag_p122"));
    for expected in [
        "I överläggningen yttrar sig Ahmed Yusuf (S), Eva Sjöberg (V), Karin Lund (M) och Hanna Ek (MP).",
        "Ahmed Yusuf (S) yrkar bifall till kommunstyrelsens förslag med instämmande av Karin Lund (M).",
        "Ordföranden konstaterar att det finns två förslag till beslut: kommunstyrelsens förslag och yrkandet från Eva Sjöberg (V) och Hanna Ek (MP).",
    ] {
        assert!(
            extract.contains(expected),
            "missing {expected:?} in\n{extract}"
        );
    }
    assert!(!extract.contains("tre förslag"), "{extract}");
}

/// Remote participation and clock times are data: the närvarolista says "deltar på
/// distans", "kom kl. 18.25" and "lämnade sammanträdet kl. 20.10" from `distans`, `kom`
/// and `gick`, and the one at a distance counts as serving in every §.
#[test]
fn remote_participation_and_clock_times_are_printed_from_data() {
    let pdfs = &assembly().1;
    let protocol = text(pdf(pdfs, "kommunfullmaktige_protokoll.pdf"));
    for expected in [
        "Fatima Ali, deltar på distans S X X",
        "Lars Berg, lämnade sammanträdet kl. 20.10 S X Kristoffer Alm (§§ 123–126) X",
        "Stefan Borg, kom kl. 18.25 SD X Bengt Ros (§§ 118–119) X",
    ] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?} in\n{protocol}"
        );
    }
}

/// A kommunalförbund's decisions may be appealed by a member of any of its members
/// (KL 13 kap. 1 §): the direktion's anslag names them, and its proposal to the member
/// municipalities' fullmäktige is not offered for appeal.
#[test]
fn a_kommunalförbunds_anslag_names_its_members_as_who_may_appeal() {
    let (_out, pdfs) = build(&[repo().join("cases/raddningstjansten-storsjon")]);
    let notice = text(pdf(&pdfs, "direktionen_anslag.pdf"));
    for expected in [
        "Den som är medlem i Ekby kommun, Norrby kommun eller Sjöviks kommun kan överklaga direktionens beslut i Dir §§ 31–32 och 34 genom laglighetsprövning",
        "Beslut i Dir § 33 är förslag till kommunfullmäktige i Ekby kommun, kommunfullmäktige i Norrby kommun och kommunfullmäktige i Sjöviks kommun och går inte att överklaga",
    ] {
        assert!(
            notice.contains(expected),
            "missing {expected:?} in\n{notice}"
        );
    }
    // Att-satser under the organ's lead line, which for a proposal names its receivers.
    let protocol = text(pdf(&pdfs, "direktionen_protokoll.pdf"));
    for expected in [
        "Direktionen beslutar att fastställa verksamhetsplan och budget 2025 för Räddningstjänsten Storsjön, samt att fördela medlemsbidragen",
        "Direktionen föreslår kommunfullmäktige i Ekby kommun, kommunfullmäktige i Norrby kommun och kommunfullmäktige i Sjöviks kommun besluta att anta taxan för tillsyn",
    ] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?} in\n{protocol}"
        );
    }
    for (name, path) in &pdfs {
        assert!(!text(path).contains("medlem i kommunen"), "{name}");
    }
}

/// A kommunalt bolag's styrelse (`huvudman: bolag`) answers to aktiebolagslagen: its
/// protocol is signed and justerat like a nämnd's, but neither posted nor open to appeal.
#[test]
fn a_companys_board_has_no_anslag_and_no_appeal() {
    let (_out, pdfs) = build(&[repo().join("tests/fixtures/bolag")]);
    let names: Vec<&String> = pdfs.keys().collect();
    assert!(names.iter().all(|n| !n.contains("anslag")), "{names:?}");
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    for expected in [
        "Ekby Energi AB Styrelsen",
        "Suppleanter Maria Sjö (V)",
        "Övriga närvarande Olle Vik, verkställande direktör Siv Dahl, lekmannarevisor",
        "Justeringens plats och tid Bolagets kontor, 2024-11-27",
    ] {
        assert!(first.contains(expected), "missing {expected:?} in\n{first}");
    }
    for (name, path) in &pdfs {
        let text = text(path);
        for word in ["ANSLAG", "överklag", "kommunen"] {
            assert!(!text.contains(word), "{name} says {word}:\n{text}");
        }
    }
    // An anslag or an appeal route would promise what the law does not give.
    for (from, to, expected) in [
        (
            "justering: {datum: 2024-11-27, plats: Bolagets kontor}",
            "justering: {datum: 2024-11-27, plats: Bolagets kontor}\nanslag: {förvaringsplats: Bolagets kontor}",
            "sammantrade.yaml:20:10: ett bolags protokoll anslås inte",
        ),
        (
            "    beslut: [Styrelsen fastställer budget 2025 enligt förslaget.]",
            "    beslut: [Styrelsen fastställer budget 2025 enligt förslaget.]\n    överklagande: {sätt: laglighetsprövning}",
            "sammantrade.yaml:29:26: ett bolags styrelsebeslut kan inte överklagas",
        ),
    ] {
        refused_when_edited(
            "tests/fixtures/bolag",
            "2024-11-20/sammantrade.yaml",
            (from, to),
            expected,
        );
    }
}

/// Issues 28 and 29: those present without a seat stand in groups, each under its own
/// heading, on the protocol's first page and its web page: the bolag's observatörer from
/// the owner's kommunstyrelse with the §§ they attended, its lekmannarevisor, a facklig
/// företrädare, then the övriga närvarande.
#[test]
fn groups_without_a_seat_are_listed_under_their_own_headings() {
    let folder = repo().join("cases/ekby-energi");
    let (_out, pdfs) = build(std::slice::from_ref(&folder));
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    let listed = "Suppleanter Maria Sjö (V) \
        Observatörer Gunnel Rask, ledamot i kommunstyrelsen, §§ 3–4 Jonas Wik, ledamot i kommunstyrelsen, §§ 3–4 \
        Revisorer Siv Dahl, lekmannarevisor \
        Fackliga företrädare Tove Nyberg, Kommunal \
        Övriga närvarande Olle Vik, verkställande direktör \
        Utses att justera";
    assert!(first.contains(listed), "missing {listed:?} in\n{first}");
    let site = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
    let published = paragraf::output::site::Site { on, address: None };
    paragraf::publish(&[folder], site.path(), &Default::default(), &published).unwrap();
    let page = std::fs::read_to_string(
        site.path()
            .join("protokoll/2024-11-20_styrelsen_protokoll.html"),
    )
    .unwrap()
    .replace('\u{a0}', " ");
    for (heading, person) in [
        (
            "Observatörer",
            "Gunnel Rask</span>, ledamot i kommunstyrelsen, §§ 3–4",
        ),
        ("Revisorer", "Siv Dahl</span>, lekmannarevisor"),
        ("Fackliga företrädare", "Tove Nyberg</span>, Kommunal"),
        (
            "Övriga närvarande",
            "Olle Vik</span>, verkställande direktör",
        ),
    ] {
        let heading = format!("<h3>{heading}</h3>");
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no {heading} in\n{page}"));
        let next = page[at + heading.len()..]
            .find("<h")
            .map_or(page.len(), |n| at + heading.len() + n);
        assert!(
            page[at..next].contains(person),
            "{person:?} not under {heading}:\n{page}"
        );
    }
}

/// Observatörer, revisorer and the others without a seat may speak, but never vote,
/// propose, reserve themselves, chair, justera or count for beslutförhet: each refused at its
/// line, saying under which key they stand.
#[test]
fn those_without_a_seat_cannot_vote_propose_reserve_or_justera() {
    let at = "cases/ekby-energi";
    let file = "2024-11-20/sammantrade.yaml";
    let decided = "    beslut: [Styrelsen antar ägardirektivet för 2025 och lägger redogörelsen till handlingarna.]";
    for (from, to, expected) in [
        (
            decided,
            "    yrkanden: [{av: Gunnel Rask, yrkande: att direktivet återremitteras}]\n    beslut: [Styrelsen antar ägardirektivet.]",
            "sammantrade.yaml:44:21: Gunnel Rask står under `observatörer` och kan inte yrka: det kan bara ledamöter och ersättare",
        ),
        (
            decided,
            "    beslut: [Styrelsen antar ägardirektivet.]\n    reservationer: [{av: Siv Dahl, till_förmån_för: eget yrkande}]",
            "sammantrade.yaml:45:26: Siv Dahl står under `revisorer` och kan inte reservera sig: det kan bara ledamöter och ersättare",
        ),
        (
            decided,
            "    yrkanden: [{av: Per Ström, yrkande: att direktivet återremitteras}]\n    omröstning:\n      ja: ordförandens förslag\n      nej: Per Ströms yrkande\n      röster: {ja: [Lars Holm, Karin Ås, Eva Lind, Åke Berg], nej: [Per Ström, Tove Nyberg]}\n    beslut: [Styrelsen antar ägardirektivet.]",
            "sammantrade.yaml:48:80: Tove Nyberg står under `fackliga_företrädare` och kan inte rösta",
        ),
        (
            "justerare: [{namn: Karin Ås}]",
            "justerare: [{namn: Karin Ås, ersättare: Olle Vik}]",
            "sammantrade.yaml:28:41: Olle Vik står under `övriga_närvarande` och kan inte vara ordförande eller justera protokollet",
        ),
        (
            "justerare: [{namn: Karin Ås}]",
            "ordförande: {namn: Siv Dahl}\njusterare: [{namn: Karin Ås}]",
            "sammantrade.yaml:28:20: Siv Dahl står under `revisorer` och kan inte vara ordförande",
        ),
        (
            "  - {namn: Jonas Wik, titel: ledamot i kommunstyrelsen, paragrafer: §§ 3–4}",
            "  - {namn: Eva Lind, titel: ledamot i kommunstyrelsen, paragrafer: §§ 3–4}",
            "sammantrade.yaml:20:12: Eva Lind står både under `observatörer` och bland ledamöterna och ersättarna",
        ),
        // A group's §§ are the meeting's, written as §§ are; each person stands once; one
        // there for some §§ spoke only in those.
        (
            "paragrafer: §§ 3–4}\n  - {namn: Jonas Wik",
            "paragrafer: §§ 3–9}\n  - {namn: Jonas Wik",
            "sammantrade.yaml:19:71: § 9 finns inte i sammanträdet",
        ),
        (
            "paragrafer: §§ 3–4}\n  - {namn: Jonas Wik",
            "paragrafer: tre och fyra}\n  - {namn: Jonas Wik",
            "sammantrade.yaml:19:71: `tre och fyra` är inte paragrafer ur sammanträdet",
        ),
        (
            "  - {namn: Tove Nyberg, titel: Kommunal}",
            "  - {namn: Siv Dahl, titel: Kommunal}",
            "sammantrade.yaml:24:12: Siv Dahl står redan under `revisorer`",
        ),
        (
            "    beslut: [Styrelsen fastställer budget 2025 enligt förslaget.]",
            "    yttranden: [Gunnel Rask]\n    beslut: [Styrelsen fastställer budget 2025 enligt förslaget.]",
            "sammantrade.yaml:38:17: Gunnel Rask är inte närvarande i § 2 och kan inte yttra sig",
        ),
        (
            "    yttranden: [Gunnel Rask, Lars Holm]\n",
            "    yttranden: [Gunnel Rask, Lars Holm]\n    jäv: [Gunnel Rask]\n",
            "sammantrade.yaml:44:11: Gunnel Rask står under `observatörer` och deltar inte i besluten: jäv anmäls av ledamöter och ersättare",
        ),
        // The chair justerar as chair; a justerare is someone else, once; the chair serves.
        (
            "justerare: [{namn: Karin Ås}]",
            "justerare: [{namn: Lars Holm}]",
            "sammantrade.yaml:28:20: Lars Holm är ordförande och justerar protokollet som ordförande",
        ),
        (
            "justerare: [{namn: Karin Ås}]",
            "justerare: [{namn: Karin Ås}, {namn: Per Ström, ersättare: Karin Ås}]",
            "sammantrade.yaml:28:60: Karin Ås står redan som justerare i den här justeringen",
        ),
        (
            "justerare: [{namn: Karin Ås}]",
            "ordförande: {namn: Maria Sjö}\njusterare: [{namn: Karin Ås}]",
            "sammantrade.yaml:28:20: Maria Sjö tjänstgör inte i någon paragraf och kan inte vara ordförande",
        ),
    ] {
        refused_when_edited(at, file, (from, to), expected);
    }
}

/// A gemensam nämnd (KL 9 kap. 19 §): its anslag and each extract's web page say whose
/// nämnd it is, with the värdkommun, before who may appeal; the närvarolista names each
/// member's kommun from the organ's roll.
#[test]
fn a_gemensam_nämnds_appeal_names_its_kommuner_and_each_member_their_kommun() {
    let folder = repo().join("cases/miljonamnden-ekby-norrby");
    let (_out, pdfs) = build(std::slice::from_ref(&folder));
    let joint = "Nämnden är en gemensam nämnd för kommunerna Ekby och Norrby med Ekby kommun som värdkommun. Den som är medlem i någon av kommunerna Ekby och Norrby kan överklaga nämndens beslut i MN §§ 1–4 genom laglighetsprövning";
    let notice = squeezed(&text(pdf(&pdfs, "_anslag.pdf")));
    assert!(
        notice.contains(&squeezed(joint)),
        "missing {joint:?} in\n{notice}"
    );
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    for expected in [
        "Karin Åberg (M), Ekby, ordförande",
        "Anna Berg (S), Norrby, vice ordförande",
        "Jonas Lund (C), Ekby",
        "Mats Holm (M), Norrby, tjänstgörande ersättare för Per Nyström",
    ] {
        assert!(first.contains(expected), "missing {expected:?} in\n{first}");
    }
    let extract = joint_page(
        "protokoll/2024-11-21_miljonamnden-ekby-norrby_protokollsutdrag_p002_mn-2024-118.html",
    );
    let joint_in_extract = joint.replace("MN §§ 1–4", "MN § 2");
    assert!(extract.contains(&joint_in_extract), "{extract}");
    let board = joint_page("anslagstavla/index.html");
    assert!(board.contains(joint), "{board}");
    assert!(
        board.contains("en gemensam nämnds beslut den som är medlem i någon av de kommuner"),
        "{board}"
    );
    let protocol = joint_page("protokoll/2024-11-21_miljonamnden-ekby-norrby_protokoll.html");
    let listed = r#"<span class="namn">Anna Berg (S)</span>, Norrby, vice ordförande"#;
    assert!(protocol.contains(listed), "{protocol}");
}

/// The page `name` of the gemensam nämnd's example published as on 2024-11-27, its
/// no-break spaces (between § and its number) plain.
fn joint_page(name: &str) -> String {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let site = SITE.get_or_init(|| {
        let site = tempfile::tempdir().unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2024, 11, 27).unwrap();
        let options = paragraf::BuildOptions::default();
        let published = paragraf::output::site::Site { on, address: None };
        let folder = repo().join("cases/miljonamnden-ekby-norrby");
        paragraf::publish(&[folder], site.path(), &options, &published).unwrap();
        site
    });
    let html = std::fs::read_to_string(site.path().join(name)).unwrap();
    html.replace('\u{a0}', " ")
}

/// A gemensam nämnd needs its kommuner and host, a member's kommun is one of them, and no
/// other organ has either: each refused at its line.
#[test]
fn a_gemensam_nämnd_without_its_kommuner_or_with_a_stranger_is_refused() {
    let organ =
        "organ: {typ: gemensam_nämnd, värdkommun: Ekby kommun, samverkande: [Ekby, Norrby]}";
    for (file, from, to, expected) in [
        (
            "2024-11-21/sammantrade.yaml",
            organ,
            "organ: {typ: gemensam_nämnd, samverkande: [Ekby, Norrby]}",
            "sammantrade.yaml:6:9: en gemensam nämnd behöver sin `värdkommun`",
        ),
        (
            "2024-11-21/sammantrade.yaml",
            organ,
            "organ: {typ: gemensam_nämnd, värdkommun: Ekby kommun, samverkande: [Ekby]}",
            "sammantrade.yaml:6:9: en gemensam nämnd behöver `samverkande`",
        ),
        (
            "2024-11-21/sammantrade.yaml",
            organ,
            "organ: {typ: gemensam_nämnd, värdkommun: Sjöviks kommun, samverkande: [Ekby, Norrby]}",
            "sammantrade.yaml:6:42: värdkommunen Sjöviks kommun är inte en av de samverkande (Ekby och Norrby)",
        ),
        (
            "2024-11-21/sammantrade.yaml",
            organ,
            "organ: {typ: nämnd, värdkommun: Ekby kommun}",
            "sammantrade.yaml:6:33: `värdkommun` och `samverkande` gäller bara en gemensam nämnd",
        ),
        (
            "2024-11-21/sammantrade.yaml",
            "  - {namn: Mats Holm, ersätter: Per Nyström}",
            "  - {namn: Mats Holm, ersätter: Per Nyström, kommun: Sjövik}",
            "sammantrade.yaml:17:54: Sjövik är inte en av de samverkande (Ekby och Norrby)",
        ),
        (
            "2024-11-21/sammantrade.yaml",
            organ,
            "organ: {typ: nämnd}",
            "ledamoter.yaml:6:61: `kommun` gäller ledamöter i en gemensam nämnd",
        ),
        (
            "ledamoter.yaml",
            "{namn: Jonas Lund, parti: C, kommun: Ekby}",
            "{namn: Jonas Lund, parti: C, kommun: Eby}",
            "ledamoter.yaml:8:42: Eby är inte en av de samverkande (Ekby och Norrby)",
        ),
    ] {
        refused_when_edited("cases/miljonamnden-ekby-norrby", file, (from, to), expected);
    }
}

/// A § that covers two cases (`dnr: [MN 2024/97, MN 2024/103]`) gives both under its
/// heading, in the kallelse's ärendeförteckning (one to a line), on the extract and its web
/// page, and to the archive: the record names each diarienummer, filed under the first.
#[test]
fn a_paragraph_of_two_cases_carries_both_dnr_everywhere_a_dnr_goes() {
    let folder = repo().join("cases/miljonamnden-ekby-norrby");
    let (out, pdfs) = build(std::slice::from_ref(&folder));
    let both = "Dnr MN 2024/97, MN 2024/103";
    let protocol = text(pdf(&pdfs, "_protokoll.pdf"));
    assert!(
        protocol.contains(&format!(
            "MN § 3 Yttrande över motion och medborgarförslag om laddplatser vid skolor {both}"
        )),
        "{protocol}"
    );
    let extract = text(pdf(&pdfs, "_protokollsutdrag_p003_mn-2024-97.pdf"));
    assert!(extract.contains(both), "{extract}");
    let page = joint_page(
        "protokoll/2024-11-21_miljonamnden-ekby-norrby_protokollsutdrag_p003_mn-2024-97.html",
    );
    assert!(page.contains(both), "{page}");
    let agenda = page_layout(pdf(&pdfs, "_kallelse.pdf"), 1);
    let row = agenda
        .lines()
        .find(|l| l.contains("MN § 3"))
        .unwrap_or_default();
    assert!(
        row.contains("MN 2024/97") && !row.contains("MN 2024/103"),
        "{agenda}"
    );
    assert!(
        agenda
            .lines()
            .any(|l| l.trim_end().ends_with("MN 2024/103")),
        "{agenda}"
    );
    // The archive: the extract's record under the first ärende, with both diarienummer.
    let archive = out.path().join("fgs");
    let output = paragraf_in(
        &repo(),
        &[
            "archive",
            "cases/miljonamnden-ekby-norrby",
            "--format",
            "fgs",
            "-o",
            &archive.to_string_lossy(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let erms = std::fs::read_to_string(
        archive.join("miljonamnden-ekby-norrby-2024-11-21/metadata/descriptive/erms.xml"),
    )
    .unwrap();
    let case_file = &erms[erms
        .find(r#"<aggregation systemIdentifier="MN 2024/97" aggregationType="caseFile">"#)
        .unwrap()..];
    let record =
        &case_file[case_file.find("<record").unwrap()..case_file.find("</record>").unwrap()];
    for expected in [
        "protokollsutdrag_p003_mn-2024-97.pdf",
        r#"<extraId extraIdType="diarienummer">MN 2024/97</extraId>"#,
        r#"<extraId extraIdType="diarienummer">MN 2024/103</extraId>"#,
    ] {
        assert!(
            record.contains(expected),
            "missing {expected:?} in\n{record}"
        );
    }
    // A dnr written twice, an empty list, or a dnr off the profile's pattern is refused
    // at its line.
    let meeting = "2024-11-21/sammantrade.yaml";
    refused_when_edited(
        "cases/miljonamnden-ekby-norrby",
        meeting,
        (
            "dnr: [MN 2024/97, MN 2024/103]",
            "dnr: [MN 2024/97, MN 2024/97]",
        ),
        "sammantrade.yaml:46:23: MN 2024/97 står redan i listan",
    );
    refused_when_edited(
        "cases/miljonamnden-ekby-norrby",
        meeting,
        ("dnr: [MN 2024/97, MN 2024/103]", "dnr: []"),
        "sammantrade.yaml:46:10: `dnr` är en tom lista",
    );
    refused_when_edited(
        "cases/miljonamnden-ekby-norrby",
        meeting,
        (
            "dnr: [MN 2024/97, MN 2024/103]",
            "dnr: [MN 2024/97, MN 2024-103]",
        ),
        "sammantrade.yaml:46:23: dnr `MN 2024-103` följer inte nämndens mönster",
    );
}

/// A decision point's own lagrum (`lagrum: {1: …}`) stands after that point alone, before
/// its full stop, in the protocol, the extract and its web page; a lagrum for a point the
/// decision does not have is refused at its line.
#[test]
fn a_decision_points_lagrum_follows_that_point() {
    let folder = repo().join("cases/miljonamnden-ekby-norrby");
    let (_out, pdfs) = build(std::slice::from_ref(&folder));
    let points = "1. Nämnden fastställer tillsynsplan 2025 för miljö- och hälsoskydd (1 kap. 8 § miljötillsynsförordningen). 2. Nämnden ger miljöchefen i uppdrag att redovisa hur planen följs i augusti 2025. Ärendet";
    for name in ["_protokoll.pdf", "_protokollsutdrag_p002_mn-2024-118.pdf"] {
        let text = text(pdf(&pdfs, name));
        assert!(text.contains(points), "{name} lacks {points:?}:\n{text}");
    }
    let protocol = text(pdf(&pdfs, "_protokoll.pdf"));
    assert!(
        protocol.contains("Nämnden lägger anmälan till handlingarna (6 kap. 40 § kommunallagen)."),
        "{protocol}"
    );
    let page = joint_page(
        "protokoll/2024-11-21_miljonamnden-ekby-norrby_protokollsutdrag_p002_mn-2024-118.html",
    );
    assert!(
        page.contains("hälsoskydd (1 kap. 8 § miljötillsynsförordningen).</li>"),
        "{page}"
    );
    assert!(page.contains("augusti 2025.</li>"), "{page}");
    refused_when_edited(
        "cases/miljonamnden-ekby-norrby",
        "2024-11-21/sammantrade.yaml",
        ("lagrum: {1: 1 kap.", "lagrum: {3: 1 kap."),
        "sammantrade.yaml:40:17: beslutet har punkterna 1–2; punkt 3 finns inte",
    );
}

/// A member who left during a § before its decision (`gick_före_beslutet: § 3`) serves
/// in the §§ before it only: the närvarolista says so, the bilaga marks them present but
/// not serving in § 3 and absent after it, they count for no beslutförhet there and may
/// speak in § 3 but not reserve themselves; a § that is not one, or §§ of their own past
/// it, are refused at their line.
#[test]
fn a_member_who_left_before_the_decision_serves_only_before_it() {
    let example = "cases/miljonamnden-ekby-norrby";
    let meeting = "2024-11-21/sammantrade.yaml";
    let leaving = "  - {namn: Jonas Lund, gick_före_beslutet: § 3}";
    let (_out, pdfs) = build(&[repo().join(example)]);
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    let listed = "Jonas Lund (C), Ekby, §§ 1–2, lämnade sammanträdet före beslutet i § 3";
    assert!(first.contains(listed), "{first}");
    // The bilaga: a column per run of §§ alike, Jonas Lund tjg, ej tjg, and not there.
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo().join(example), dir.path());
    let profile = dir.path().join("profil.yaml");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, format!("{text}närvarolista: bilaga\n")).unwrap();
    let (_built, pdfs) = build(&[dir.path().to_path_buf()]);
    let protocol = pdf(&pdfs, "_protokoll.pdf");
    let bilaga = page_layout(protocol, page_count(protocol));
    let row = bilaga
        .lines()
        .find(|l| l.contains("Jonas Lund"))
        .unwrap_or_default();
    let marks: Vec<usize> = row.match_indices('X').map(|(at, _)| at).collect();
    let header = bilaga
        .lines()
        .find(|l| l.contains("Tjg"))
        .unwrap_or_default();
    let columns: Vec<usize> = header.match_indices("Tjg").map(|(at, _)| at).collect();
    assert_eq!(columns.len(), 3, "§§ 1–2, § 3, § 4:\n{bilaga}");
    assert_eq!(marks.len(), 2, "{bilaga}");
    assert!(
        marks[0] < columns[1] && marks[1] > columns[1] && marks[1] < columns[2],
        "tjg in §§ 1–2, ej tjg in § 3:\n{bilaga}"
    );
    // Present while § 3 was discussed: may speak, not reserve themselves.
    let spoke = "    beslut: [Nämnden antar förvaltningens yttrande";
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo().join(example), dir.path());
    let path = dir.path().join(meeting);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(spoke, &format!("    yttranden: [Jonas Lund]\n{spoke}")),
    )
    .unwrap();
    let output = paragraf_in(dir.path(), &["check", "."]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reserved = format!("    reservationer: [{{av: Jonas Lund}}]\n{spoke}");
    refused_when_edited(
        example,
        meeting,
        (spoke, &reserved),
        "sammantrade.yaml:51:26: Jonas Lund gick före beslutet i § 3 och kan inte reservera sig",
    );
    for (to, expected) in [
        (
            format!(
                "{leaving}\n  - {{namn: Anna Berg, gick_före_beslutet: § 3}}\n  - {{namn: Leila Haddad, gick_före_beslutet: § 3}}"
            ),
            "Nämnden är inte beslutför i § 3: 2 av 5 platser tjänstgör",
        ),
        (
            "  - {namn: Jonas Lund, gick_före_beslutet: § 3, paragrafer: §§ 1–4}".to_owned(),
            "sammantrade.yaml:15:61: Jonas Lund gick före beslutet i § 3 men står som med i § 3",
        ),
        (
            "  - {namn: Jonas Lund, gick_före_beslutet: §§ 3–4}".to_owned(),
            "sammantrade.yaml:15:44: `gick_före_beslutet` är en paragraf",
        ),
        (
            "  - {namn: Jonas Lund, gick_före_beslutet: § 9}".to_owned(),
            "sammantrade.yaml:15:44: § 9 finns inte i sammanträdet",
        ),
    ] {
        refused_when_edited(example, meeting, (leaving, &to), expected);
    }
}

/// `check` of a copy of `folder` whose `file` has `from` replaced by `to` fails and says
/// `expected`.
fn refused_when_edited(folder: &str, file: &str, (from, to): (&str, &str), expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo().join(folder), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    let output = paragraf_in(dir.path(), &["check", "."]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains(expected), "missing {expected:?} in\n{said}");
}

/// A protocol of delegeringsbeslut (KL 6 kap. 37 och 40 §§): the decider's name and title
/// and the delegating organ on its first page, signed by the decider alone (no sekreterare,
/// ordförande or justerare line), each § with its delegeringspunkt and no beslutsgång; its
/// anslag and ANSLAG/BEVIS give the beslutsdatum and the appeal as for the nämnd (posted
/// Friday 4 October 2024, three weeks: Friday 25 October). No kallelse; its §§ run on from
/// the year's delegeringsbeslut (här § 14), not from the sammanträden.
#[test]
fn a_protocol_of_delegation_decisions_is_signed_by_the_decider_alone() {
    let (_out, pdfs) = build(&[repo().join("cases/kultur-och-fritidsnamnden/2024-10-03")]);
    let names: Vec<&String> = pdfs.keys().collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("kallelse") && !n.contains("handlingar")),
        "{names:?}"
    );
    let protocol = pdf(&pdfs, "_protokoll-delegeringsbeslut.pdf");
    let first = page_text(protocol, 1);
    for expected in [
        "Kultur- och fritidsnämnden Delegeringsbeslut Sida 1 (3) Beslutsdatum 3 oktober 2024 Delegeringsbeslut Beslutsfattare",
        "Beslutsdatum 3 oktober 2024",
        "Beslutsfattare Helena Strand, förvaltningschef",
        "På delegation av Kultur- och fritidsnämnden",
        "Paragrafer KFN §§ 14–15",
        "Beslutsfattare Helena Strand förvaltningschef",
        "Beslutsdatum 3 oktober 2024 Datum då anslaget sätts upp 4 oktober 2024",
    ] {
        assert!(first.contains(expected), "missing {expected:?} in\n{first}");
    }
    for absent in [
        "Sekreterare",
        "Ordförande",
        "Justerande",
        "Beslutande",
        "Sammanträdesdatum",
    ] {
        assert!(!first.contains(absent), "{absent:?} in\n{first}");
    }
    let whole = text(protocol);
    for expected in [
        "KFN § 14 Bidrag till Ekby schacksällskaps jubileumsturnering Dnr KFN 2024/118 Delegeringspunkt 4.2",
        "Delegeringspunkt 6.1",
        "Ekby schacksällskap beviljas 15 000 kronor i arrangemangsbidrag.",
    ] {
        assert!(whole.contains(expected), "missing {expected:?} in\n{whole}");
    }
    assert!(!whole.contains("Handläggning"), "{whole}");
    let extract = text(pdf(&pdfs, "protokollsutdrag_p014"));
    assert!(
        extract.contains("Helena Strand Beslutsfattare"),
        "{extract}"
    );
    // The beslutsfattare decided, on the nämnd's behalf: the § says "Beslut", as the
    // delegation's own documents do, not "Kultur- och fritidsnämndens beslut".
    for printed in [&whole, &extract] {
        assert!(
            printed.contains("Delegeringspunkt 4.2 Beslut 1. Ekby schacksällskap beviljas"),
            "{printed}"
        );
        assert!(!printed.contains("nämndens beslut"), "{printed}");
    }
    // `check` counts it apart from the sammanträden: no one met.
    let checked = paragraf_in(&repo(), &["check", "cases/kultur-och-fritidsnamnden"]);
    let said = String::from_utf8_lossy(&checked.stderr);
    assert!(
        said.contains(
            "ok: 1 sammanträde, 1 protokoll över delegeringsbeslut, 0 fristående ärenden"
        ),
        "{said}"
    );
    let notice = text(pdf(&pdfs, "anslag-delegeringsbeslut.pdf"));
    for expected in [
        "Beslutsdatum 3 oktober 2024",
        "Sista dag för överklagande 25 oktober 2024",
        "Den som är medlem i kommunen kan överklaga nämndens beslut i KFN §§ 14–15 genom laglighetsprövning",
    ] {
        assert!(
            notice.contains(expected),
            "missing {expected:?} in\n{notice}"
        );
    }
}

/// What only a meeting has is refused in a protocol of delegeringsbeslut, at its line; a
/// beslutsfattare is required; and `delegeringspunkt` belongs to such a protocol only.
#[test]
fn a_protocol_of_delegation_decisions_refuses_what_only_a_meeting_has() {
    let folder = "cases/kultur-och-fritidsnamnden";
    let file = "2024-10-03/delegeringsbeslut.yaml";
    let decider = "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}";
    for (from, to, expected) in [
        (
            decider,
            "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}\njusterare: [{namn: Bo Ström}]",
            "delegeringsbeslut.yaml:13:12: `justerare` hör till ett sammanträde, men delegeringsbeslut fattas av beslutsfattaren ensam",
        ),
        (
            decider,
            "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}\nbeslutande: [{namn: Anna Berg}]",
            "delegeringsbeslut.yaml:13:13: `beslutande` hör till ett sammanträde",
        ),
        (
            decider,
            "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}\nordförande: {namn: Anna Berg}",
            "delegeringsbeslut.yaml:13:14: `ordförande` hör till ett sammanträde",
        ),
        (
            decider,
            "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}\nobservatörer: [{namn: Anna Berg}]",
            "delegeringsbeslut.yaml:13:15: `observatörer` hör till ett sammanträde",
        ),
        (
            "    expediering: [Ekby schacksällskap]",
            "    expediering: [Ekby schacksällskap]\n    beslutsgång: Förvaltningschefen beslutar.",
            "delegeringsbeslut.yaml:28:18: `beslutsgång` hör till ett sammanträde",
        ),
        (
            "    expediering: [Ekby schacksällskap]",
            "    expediering: [Ekby schacksällskap]\n    yrkanden: [{av: Anna Berg, yrkande: avslag}]",
            "delegeringsbeslut.yaml:28:15: `yrkanden` hör till ett sammanträde",
        ),
        (
            "slag: delegeringsbeslut",
            "slag: delegeringsbeslut\nskede: kallelse",
            "delegeringsbeslut.yaml:9:8: delegeringsbeslut har ingen kallelse",
        ),
        (
            decider,
            "",
            "delegeringsbeslut.yaml:8:7: ett protokoll över delegeringsbeslut behöver `beslutsfattare`",
        ),
        (
            "slag: delegeringsbeslut\n",
            "",
            "delegeringsbeslut.yaml:11:18: `beslutsfattare` hör till ett protokoll över delegeringsbeslut",
        ),
    ] {
        refused_when_edited(folder, file, (from, to), expected);
    }
}

/// The 14 days of KL 5 kap. 69 § are a meeting's: a protocol of delegeringsbeslut justerat
/// later passes `check`, where the same lapse in a meeting is refused.
#[test]
fn a_protocol_of_delegation_decisions_has_no_fourteen_day_limit() {
    let late = |text: String| {
        text.replace(
            "justering: {datum: 2024-10-03}",
            "justering: {datum: 2024-10-31}",
        )
        .replace("anslag: {datum: 2024-10-04,", "anslag: {datum: 2024-11-01,")
    };
    let (_dir, folder) = edited_example(
        "kultur-och-fritidsnamnden",
        "2024-10-03/delegeringsbeslut.yaml",
        late,
    );
    let output = paragraf_in(&folder, &["check", "2024-10-03"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(!said.contains("14 dagar"), "{said}");
    let (_dir, folder) = edited_example(
        "kultur-och-fritidsnamnden",
        "2024-10-03/delegeringsbeslut.yaml",
        |text| {
            late(text).replace("slag: delegeringsbeslut\n", "").replace(
                "beslutsfattare: {namn: Helena Strand, titel: förvaltningschef}",
                "ordförande: {namn: Anna Ek}\njusterare: [{namn: Bo Ström}]",
            )
        },
    );
    let output = paragraf_in(&folder, &["check", "2024-10-03"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("protokollet ska justeras inom 14 dagar"),
        "{said}"
    );
}
