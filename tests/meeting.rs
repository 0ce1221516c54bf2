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
            "justering: {datum: 2024-05-28,",
            "justering: {datum: 2024-05-29,",
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

/// A nämnd folder with `files` (path → text), for numbering across meetings.
fn committee(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn case_dated(date: &str) -> String {
    let base = std::fs::read_to_string(repo().join("tests/fixtures/anslag/2024-05-21/arende.yaml"))
        .unwrap();
    base.replace("datum: 2024-05-02", &format!("datum: {date}"))
}

fn meeting_with(date: &str, items: &[&str]) -> String {
    let mut text = format!(
        "nämnd: Kulturnämnden\ndatum: {date}\nsekreterare: {{namn: Per Lind}}\nparagrafer:\n"
    );
    for item in items {
        text.push_str(&format!("  - ärende: arende.yaml\n{item}"));
    }
    text
}

#[test]
fn numbering_runs_through_the_year_with_sub_items_and_the_organs_prefix() {
    let dir = committee(&[
        (
            "profil.yaml",
            "paragrafnumrering: löpande_per_år\nparagrafprefix: KUN\n".into(),
        ),
        (
            "2023-12-12/sammantrade.yaml",
            meeting_with("2023-12-12", &["", "", "", "", ""]),
        ),
        ("2023-12-12/arende.yaml", case_dated("2023-11-20")),
        (
            "2024-01-30/sammantrade.yaml",
            meeting_with("2024-01-30", &["", ""]),
        ),
        ("2024-01-30/arende.yaml", case_dated("2024-01-10")),
        (
            "2024-02-27/sammantrade.yaml",
            meeting_with(
                "2024-02-27",
                &["", "    paragraf: 3 a\n", "", "    paragraf: 6\n"],
            ),
        ),
        ("2024-02-27/arende.yaml", case_dated("2024-02-01")),
    ]);
    let meeting = dir.path().join("2024-02-27/sammantrade.yaml");
    let out = tempfile::tempdir().unwrap();
    let report =
        paragraf::build(&[meeting], out.path(), &paragraf::BuildOptions::default()).unwrap();
    let extracts: Vec<String> = report
        .written
        .iter()
        .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name.contains("protokollsutdrag"))
        .collect();
    // January used §§ 1–2; December 2023 belongs to another year.
    assert_eq!(
        extracts,
        [
            "2024-02-27_kulturnamnden_protokollsutdrag_p003_kun-2024-118.pdf",
            "2024-02-27_kulturnamnden_protokollsutdrag_p003a_kun-2024-118.pdf",
            "2024-02-27_kulturnamnden_protokollsutdrag_p004_kun-2024-118.pdf",
            "2024-02-27_kulturnamnden_protokollsutdrag_p006_kun-2024-118.pdf",
        ]
    );
    let heading = text(&out.path().join(&extracts[1]));
    assert!(heading.contains("KUN § 3 a"), "{heading}");
    let gaps: Vec<String> = report
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .filter(|m| m.contains("hopp"))
        .collect();
    assert_eq!(gaps, ["hopp i paragrafnumreringen: § 4 följs av § 6"]);
}

#[test]
fn numbering_per_meeting_starts_at_one_and_duplicates_are_errors() {
    let dir = committee(&[
        (
            "2024-02-27/sammantrade.yaml",
            meeting_with("2024-02-27", &["", "", "    paragraf: 2\n"]),
        ),
        ("2024-02-27/arende.yaml", case_dated("2024-02-01")),
    ]);
    let inputs = paragraf::load(&[dir.path().join("2024-02-27/sammantrade.yaml")]).unwrap();
    let numbers: Vec<String> = inputs.meetings[0]
        .loaded
        .numbers
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(numbers, ["1", "2", "2"]);
    let error = paragraf::check(&inputs).unwrap_err().to_string();
    assert!(
        error.contains("sammantrade.yaml:8:15: § 2 finns redan i sammanträdet"),
        "{error}"
    );
}

#[test]
fn the_protocol_records_who_was_there_and_the_kallelse_lists_the_items() {
    let meeting = repo().join("tests/fixtures/anslag/2024-05-21/sammantrade.yaml");
    let (_out, pdfs) = build(&[meeting]);
    let protocol = text(pdf(&pdfs, "2024-05-21_kulturnamnden_protokoll.pdf"));
    for expected in [
        "Protokoll",
        "Plats och tid Stadshuset, Kulturnämndens sal, 21 maj 2024, kl. 13.00–14.30",
        "Beslutande Anna Ek (S), ordförande Bo Ström (M), vice ordförande Eva Berg (V) Cia Lund (L), tjänstgörande ersättare för Dan Berg (L)",
        "Ersättare Fia Holm (S)",
        "Övriga närvarande Gun Ask, kulturdirektör Hans Vik, utredare, § 31",
        "Utses att justera Eva Berg",
        "Justeringens plats och tid Kulturförvaltningen, 2024-05-28",
        "Paragrafer § 31",
        "Sekreterare Per Lind",
        "Ordförande Anna Ek",
        "Justerande Eva Berg",
        "ANSLAG/BEVIS Protokollet är justerat.",
        "Datum då anslaget tas ned 2024-06-20",
        "§ 31 Bidrag till studieförbund 2024 Dnr KUN 2024/118 Kulturnämndens beslut",
        "Justerandes sign",
        "Utdragsbestyrkande",
    ] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?} in\n{protocol}"
        );
    }
    let agenda = text(pdf(&pdfs, "2024-05-14_kulturnamnden_kallelse.pdf"));
    for expected in [
        "Kallelse och föredragningslista",
        // The kallelse gives the start; the protocol the whole time.
        "Kulturnämnden sammanträder 21 maj 2024 kl. 13.00, Stadshuset, Kulturnämndens sal.",
        "§ 31 Bidrag till studieförbund 2024 KUN 2024/118",
        "Tjänsteutlåtande 2024-05-02: Bidrag till studieförbund 2024",
    ] {
        assert!(
            agenda.contains(expected),
            "missing {expected:?} in\n{agenda}"
        );
    }
}

/// The example meeting of cases/: 13 items with a vote, reservations, jäv, an omedelbart
/// justerad §, a secret § and an informationsärende.
fn example_meeting() -> &'static (
    tempfile::TempDir,
    std::collections::BTreeMap<String, std::path::PathBuf>,
) {
    static BUILT: std::sync::OnceLock<(
        tempfile::TempDir,
        std::collections::BTreeMap<String, std::path::PathBuf>,
    )> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        build(&[repo().join("cases/kultur-och-fritidsnamnden/2024-09-17/sammantrade.yaml")])
    })
}

#[test]
fn the_example_meeting_writes_every_document() {
    let pdfs = &example_meeting().1;
    let extracts = pdfs
        .keys()
        .filter(|name| name.contains("protokollsutdrag"))
        .count();
    let statements = pdfs
        .keys()
        .filter(|name| name.contains("tjansteutlatande"))
        .count();
    // 13 extracts and statements, two protocols and two anslag (one per justering), the
    // kallelse and the handlingar packet with its public version.
    assert_eq!(
        (extracts, statements, pdfs.len()),
        (13, 13, 33),
        "{:?}",
        pdfs.keys()
    );
    // § 7 was justerad at the meeting: its own protocol, justerat that day.
    let immediate = text(pdf(pdfs, "protokoll-omedelbart-justerade"));
    assert!(
        immediate.contains("Protokoll, omedelbart justerade paragrafer"),
        "{immediate}"
    );
    assert!(
        immediate.contains(
            "Justeringens plats och tid Stadshuset, sammanträdesrum Norrby, 17 september 2024"
        ),
        "{immediate}"
    );
    assert!(immediate.contains("Paragrafer KFN § 7"), "{immediate}");
    assert!(
        immediate.contains("KFN § 7 Yttrande över motion"),
        "{immediate}"
    );
    assert!(!immediate.contains("KFN § 6"), "{immediate}");
    pdf(pdfs, "2024-09-10_kultur-och-fritidsnamnden_kallelse");
    pdf(pdfs, "2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf");
    pdf(
        pdfs,
        "2024-09-17_kultur-och-fritidsnamnden_protokoll-omedelbart-justerade.pdf",
    );
    // Each justering has its own anslag: § 7's posted the day of the meeting, with its own
    // appeal time; the ordinary anslag leaves § 7 out.
    let ordinary = text(pdf(pdfs, "2024-09-25_kultur-och-fritidsnamnden_anslag.pdf"));
    assert!(
        ordinary.contains("Paragrafer KFN §§ 1–6 och 8–13"),
        "{ordinary}"
    );
    assert!(
        ordinary.contains("Datum för justering 24 september 2024"),
        "{ordinary}"
    );
    let own = text(pdf(
        pdfs,
        "2024-09-17_kultur-och-fritidsnamnden_anslag-omedelbart-justerade",
    ));
    for expected in [
        "Paragrafer KFN § 7",
        "Datum för justering 17 september 2024",
        "Datum då anslaget sätts upp 17 september 2024",
        "Sista dag för överklagande 8 oktober 2024",
    ] {
        assert!(own.contains(expected), "missing {expected:?} in\n{own}");
    }
    // The omedelbart justerad protocol has its own ANSLAG/BEVIS with those dates.
    assert!(
        immediate.contains("ANSLAG/BEVIS")
            && immediate.contains("Datum då anslaget tas ned 8 oktober 2024"),
        "{immediate}"
    );
}

#[test]
fn the_example_protocol_counts_the_vote_and_records_every_kind_of_item() {
    let protocol = text(pdf(&example_meeting().1, "_protokoll.pdf"));
    for expected in [
        "Paragrafer KFN §§ 1–6 och 8–13",
        // § 2: yrkande, propositionsordning, votering, reservations.
        "KFN § 2 Fördelning av verksamhetsbidrag till föreningar 2025",
        "Bo Ström (M) yrkar att Schacksällskapet Springaren beviljas 20 000 kr",
        "Nämnden godkänner följande propositionsordning: Ja-röst för förvaltningens förslag. Nej-röst för Bo Ströms yrkande.",
        "Omröstningen utfaller med 4 ja-röster mot 2 nej-röster, 1 ledamot avstår. Nämnden har därmed beslutat enligt förvaltningens förslag.",
        "Summa 4 2 1",
        "Mot beslutet reserverar sig Bo Ström (M) skriftligt, se bilaga.",
        "Mot beslutet reserverar sig Lisa Ek (KD).",
        "Bilaga: reservation från Bo Ström (M) Moderaterna anser",
        // § 3: protokollsanteckning; § 4: jäv; § 9: information.
        "Protokollsanteckning Eva Berg (V): Vänsterpartiet välkomnar planen",
        "Jonas Falk (S) anmäler jäv och deltar inte i handläggningen av ärendet.",
        "KFN § 9 Information om ombyggnaden av Norrby simhall",
        "Information Nämnden noterar informationen till protokollet.",
        // The totals of § 2's table reach the matter.
        "ansökningar om verksamhetsbidrag för 2025 om totalt 695 000 kr. Förvaltningen föreslår att 495 000 kr fördelas",
        "Datum då anslaget tas ned 16 oktober 2024",
    ] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?} in\n{protocol}"
        );
    }
    let immediately = text(pdf(&example_meeting().1, "protokollsutdrag_p007"));
    assert!(
        immediately.contains("Paragrafen justerad omedelbart 17 september 2024"),
        "{immediately}"
    );
    let agenda = text(pdf(&example_meeting().1, "_kallelse"));
    assert!(
        agenda
            .contains("KFN § 13 Kultur- och fritidsnämndens kulturpris 2024 KFN 2024/170 Lars Ek"),
        "{agenda}"
    );
}

/// A meeting not yet held (`skede: kallelse`): items without decisions pass `check`, and
/// `build` makes the kallelse and the handlingar, never a protocol, extract or anslag.
#[test]
fn a_meeting_in_the_kallelse_stage_builds_its_kallelse_and_handlingar_only() {
    let meeting = repo().join("cases/barn-och-utbildningsnamnden/2024-12-10/sammantrade.yaml");
    let (_out, pdfs) = build(std::slice::from_ref(&meeting));
    let names: Vec<&String> = pdfs.keys().collect();
    assert_eq!(
        names,
        [
            "2024-11-25_barn-och-utbildningsnamnden_tjansteskrivelse_bun-2024-0341.pdf",
            "2024-12-03_barn-och-utbildningsnamnden_handlingar-offentlig.pdf",
            "2024-12-03_barn-och-utbildningsnamnden_handlingar.pdf",
            "2024-12-03_barn-och-utbildningsnamnden_kallelse.pdf",
        ]
    );
    let agenda = text(pdf(&pdfs, "kallelse.pdf"));
    for expected in [
        "Barn- och utbildningsnämnden sammanträder tisdagen den 10 december 2024 kl. 08.30",
        // Norrvik numbers the kallelse's points apart from the §§, and has no Dnr column.
        "Punkt Ärende Handläggare 1 Val av justerare",
        // Two handläggare, both in the list's column.
        "2 Lokalförsörjningsplan för förskolan 2025–2029 Camilla Rydberg och Jonas Berg",
        "Kallade ledamöter Ulla Fors (C), ordförande",
        "Ordförande Ulla Fors Sekreterare Linda Åström",
        // The profile makes the list a föredragningslista with proposals.
        "Punkt 2 Lokalförsörjningsplan för förskolan 2025–2029 Dnr BUN 2024-0341 Antalet barn i förskoleåldern",
        "Förslag till beslut • Barn- och utbildningsnämnden antar lokalförsörjningsplanen för förskolan 2025–2029.",
        // An item's note, and a struck item with its reason, in the list.
        "3 Information om skolvalet 2025 (Inga handlingar)",
        "4 Avgifter för fritidshem 2025 (Utgår: ärendet bereds vidare till januari) 5 Anmälan",
    ] {
        assert!(
            agenda.contains(expected),
            "missing {expected:?} in\n{agenda}"
        );
    }
    // The struck item has no section of its own in the föredragningslista.
    assert_eq!(
        agenda.matches("Avgifter för fritidshem").count(),
        1,
        "{agenda}"
    );
    let statement = text(pdf(&pdfs, "tjansteskrivelse"));
    assert!(
        statement.contains("Handläggare Camilla Rydberg Förvaltningschef Telefon: 0456-78 90 10 E-post: camilla.rydberg@norrvik.se Jonas Berg Lokalstrateg"),
        "{statement}"
    );
    // `check` says which stage it judged the meeting in, for people and for CI.
    let folder = meeting.parent().unwrap_or(&meeting);
    let output = paragraf_in(folder, &["check", "sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("skede kallelse"), "{said}");
    let output = paragraf_in(folder, &["check", "--format", "json", "sammantrade.yaml"]);
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    assert_eq!(report["meetings"][0]["stage"], "kallelse", "{report}");
}

/// With support only, there is one proposal: the § says who supported it and that the
/// organ decided by the one proposal, not that proposals were put against each other.
#[test]
fn support_alone_leaves_one_proposal() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V}
  - {namn: Olle Holm, parti: M}
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
justerare: [{namn: Eva Berg}]
justering: {datum: 2024-05-28}
paragrafer:
  - rubrik: Bidrag till Kulturföreningen Ljuset
    beslut: [Kulturföreningen Ljuset beviljas 20 000 kronor.]
    förslagsställare: ordföranden
    yrkanden:
      - {av: Eva Berg, bifall: true, instämmande: [Olle Holm]}
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let (_out, pdfs) = build(&[dir.path().join("2024-05-21/sammantrade.yaml")]);
    let extract = text(pdf(&pdfs, "protokollsutdrag"));
    assert!(
        extract.contains("Eva Berg (V) yrkar bifall till ordförandens förslag med instämmande av Olle Holm (M). Ordföranden konstaterar att det finns ett förslag till beslut"),
        "{extract}"
    );
    assert!(!extract.contains("mot varandra"), "{extract}");
    // The same support written as words, without `bifall`, is a proposal of its own: check
    // warns at the words and says how to write it as support.
    let written = meeting.replace(
        "{av: Eva Berg, bifall: true, instämmande: [Olle Holm]}",
        "{av: Eva Berg, yrkande: bifall till ordförandens förslag}",
    );
    let dir = committee(&[("2024-05-21/sammantrade.yaml", written)]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("sammantrade.yaml:16:33: ") && said.contains("ange `bifall: true`"),
        "{said}"
    );
}

/// A § outside the meeting, named once in `ej_paragrafer`, is reported once.
#[test]
fn a_paragraph_outside_the_meeting_is_reported_once() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V, ej_paragrafer: § 40}
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
paragrafer:
  - rubrik: Val av justerare
    beslut: [Eva Berg utses att justera protokollet.]
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(
        said.matches("§ 40 finns inte i sammanträdet").count(),
        1,
        "{said}"
    );
}

/// A party group's written reservation is headed "… reservation från ledamöterna från
/// (V)": the group in lower case inside the heading, as inside a sentence.
#[test]
fn a_groups_written_reservation_is_headed_in_lower_case() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V}
  - {namn: Olle Holm, parti: V}
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
justerare: [{namn: Eva Berg}]
justering: {datum: 2024-05-28}
paragrafer:
  - rubrik: Bidrag till Kulturföreningen Ljuset
    beslut: [Kulturföreningen Ljuset beviljas 20 000 kronor.]
    yrkanden: [{av: Eva Berg, yrkande: att bidraget blir 30 000 kronor}]
    reservationer:
      - partier: [V]
        till_förmån_för: eget yrkande
        motivering: Föreningen behöver mer för att hålla öppet.
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let (_out, pdfs) = build(&[dir.path().join("2024-05-21/sammantrade.yaml")]);
    let extract = text(pdf(&pdfs, "protokollsutdrag"));
    assert!(
        extract.contains("reservation från ledamöterna från (V) Föreningen behöver mer"),
        "{extract}"
    );
    assert!(!extract.contains("från Ledamöterna"), "{extract}");
}

/// What is allowed stays allowed: a meeting past midnight with someone arriving before
/// it, an official who spoke, a § that both decides for its own part and proposes (a
/// warning, since its own point could be appealed).
#[test]
fn midnight_officials_and_mixed_proposals_pass_with_the_right_warning() {
    let meeting = "nämnd: Kommunstyrelsen
datum: 2024-05-21
tid: {från: '18.00', till: '00.30'}
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V, kom: '19.00', paragrafer: § 2}
  - {namn: Olle Holm, parti: M}
övriga_närvarande:
  - {namn: Gun Ask, titel: kommundirektör}
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
justerare: [{namn: Olle Holm}]
justering: {datum: 2024-05-28}
anslag: {förvaringsplats: Kommunledningskontoret}
paragrafer:
  - rubrik: Val av justerare
    beslut: [Olle Holm utses att justera protokollet.]
  - rubrik: Taxa 2025
    yttranden: [Gun Ask, Eva Berg]
    förslag_till: Kommunfullmäktige
    beslut:
      - Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.
      - Kommunstyrelsen ger förvaltningen i uppdrag att informera om taxan.
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("beslutspunkt 2 föreslår inget annat organ utan beslutar för egen del"),
        "{said}"
    );
    // It shows the wording that would make the point a proposal.
    assert!(
        said.contains(
            "skriv punkten som ett förslag (\"Kommunstyrelsen föreslår kommunfullmäktige att …\")"
        ),
        "{said}"
    );
}

/// Names on the first page are never hyphenated, also inside "tjänstgörande ersättare för
/// …" where a long name meets the end of the line.
#[test]
fn names_on_the_first_page_are_never_hyphenated() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Bo Ström, parti: M}
  - {namn: Maximiliana Östergren-Sandqvistberg, parti: KD, ersätter: Karl-Fredrik Lindqvistsson-Wahlberg}
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
justerare: [{namn: Bo Ström}]
justering: {datum: 2024-05-28}
paragrafer:
  - rubrik: Val av justerare
    beslut: [Bo Ström utses att justera protokollet.]
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let (_out, pdfs) = build(&[dir.path().join("2024-05-21/sammantrade.yaml")]);
    let first = raw_text(pdf(&pdfs, "protokoll.pdf"));
    for name in ["Lindqvistsson-Wahlberg", "Östergren-Sandqvistberg"] {
        assert!(first.contains(name), "{name} broken in:\n{first}");
    }
    assert!(!first.contains('\u{ad}'), "a soft hyphen in:\n{first}");
}

#[test]
fn without_a_roll_file_the_chair_and_the_justerares_party_come_from_the_beslutande() {
    // No `ordförande:` and no ledamoter.yaml: the member listed with the role ordförande
    // signs, and the justerare's party is the one the beslutande give.
    let meeting = repo().join("tests/domain/vote-for-an-unnamed-proposal/2024-05-21");
    let (_out, pdfs) = build(&[meeting]);
    let protocol = text(pdf(&pdfs, "_protokoll.pdf"));
    for expected in ["Ordförande Anna Ek", "Utses att justera Eva Berg (V)"] {
        assert!(
            protocol.contains(expected),
            "missing {expected:?} in\n{protocol}"
        );
    }
}

#[test]
fn an_ersättare_present_without_serving_may_declare_jäv() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
platser: 3
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V}
  - {namn: Olle Holm, parti: M}
ersättare:
  - {namn: Siv Lund, parti: M}
sekreterare: {namn: Per Lind}
justerare: [{namn: Eva Berg}]
justering: {datum: 2024-05-28}
anslag: {förvaringsplats: Kulturförvaltningen}
paragrafer:
  - paragraf: 31
    rubrik: Bidrag till Konstföreningen Stråken
    jäv: [Siv Lund]
    beslut: [Konstföreningen Stråken beviljas 15 000 kronor.]
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let (_out, pdfs) = build(&[dir.path().join("2024-05-21")]);
    let protocol = text(pdf(&pdfs, "_protokoll.pdf"));
    assert!(
        protocol.contains("Siv Lund (M) anmäler jäv och deltar inte i handläggningen av ärendet."),
        "{protocol}"
    );
}

/// An att-sats says the § is justerad at the meeting as "justera paragrafen omedelbart".
#[test]
fn an_att_sats_may_say_the_paragraph_is_justerad_at_once() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
sekreterare: {namn: Per Lind}
paragrafer:
  - rubrik: Bidrag till Kulturföreningen Ljuset
    beslut: [bevilja Kulturföreningen Ljuset 20 000 kronor, justera paragrafen omedelbart]
    omedelbar_justering: true
";
    let dir = committee(&[("2024-05-21/sammantrade.yaml", meeting.to_owned())]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(!said.contains("ingen beslutspunkt säger det"), "{said}");
}

/// The justerare attests what happened, so it is someone who was there: a name no one at
/// the meeting has, an official among övriga närvarande, or a member away is refused at
/// its line, with the nearest name present.
#[test]
fn a_justerare_is_someone_who_was_at_the_meeting() {
    let meeting = "nämnd: Kulturnämnden
datum: 2024-05-21
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande}
  - {namn: Eva Berg, parti: V}
frånvarande: [{namn: Olle Holm, parti: M}]
övriga_närvarande: [{namn: Helena Strand, titel: förvaltningschef}]
ordförande: {namn: Anna Ek}
sekreterare: {namn: Per Lind}
justerare: [{namn: JUSTERARE}]
justering: {datum: 2024-05-28}
paragrafer:
  - rubrik: Val av justerare
    beslut: [Eva Berg utses att justera protokollet.]
";
    for (justerare, expected) in [
        (
            "Eva Bergh",
            "sammantrade.yaml:10:20: Eva Bergh är varken beslutande eller ersättare på sammanträdet och kan inte vara ordförande eller justera protokollet: de väljs bland ledamöterna och ersättarna som är med; menade du `Eva Berg`?",
        ),
        (
            "Helena Strand",
            "sammantrade.yaml:10:20: Helena Strand står under `övriga_närvarande` och kan inte vara ordförande eller justera protokollet",
        ),
        (
            "Olle Holm",
            "sammantrade.yaml:10:20: Olle Holm är frånvarande och kan inte vara ordförande eller justera protokollet",
        ),
    ] {
        let text = meeting.replace("JUSTERARE", justerare);
        let dir = committee(&[("2024-05-21/sammantrade.yaml", text)]);
        let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{said}");
        assert!(said.contains(expected), "missing {expected:?} in\n{said}");
    }
    let dir = committee(&[(
        "2024-05-21/sammantrade.yaml",
        meeting.replace("JUSTERARE", "Eva Berg"),
    )]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // None written (`justerare: []`): a warning at that line, not at another.
    let dir = committee(&[(
        "2024-05-21/sammantrade.yaml",
        meeting.replace("[{namn: JUSTERARE}]", "[]"),
    )]);
    let output = paragraf_in(dir.path(), &["check", "2024-05-21/sammantrade.yaml"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("sammantrade.yaml:10:12: ordförande eller justerare saknas"),
        "{said}"
    );
}
