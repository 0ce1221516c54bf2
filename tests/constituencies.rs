//! A fullmäktige elected in several valkretsar (issue 28): the protocol's lists, the
//! närvaro- och omröstningslista, the kallelse and the web page name the members under a
//! heading per valkrets, in the order the roll first names them; an ersättare serves only
//! for a ledamot of their own valkrets, and a meeting that says otherwise is refused at
//! its line. Ekby's fullmäktige (cases/kommunfullmaktige) is elected in Norra and Södra.

mod common;

use std::path::Path;

use common::*;

/// `paragraf check` on `path`: whether it passed, and what it said.
fn check(path: &Path) -> (bool, String) {
    let output = paragraf_in(path, &["check", "."]);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The text of `after` up to `before` in `text`, both found.
fn between<'a>(text: &'a str, after: &str, before: &str) -> &'a str {
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} in\n{text}"));
    let end = text[start..]
        .find(before)
        .map(|n| start + n)
        .unwrap_or_else(|| panic!("no {before:?} after {after:?} in\n{text}"));
    &text[start..end]
}

#[test]
fn the_first_page_lists_the_members_under_their_valkrets() {
    // Every list on the first page (`närvarolista: försättsblad`), the whole roll with it.
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace("närvarolista: automatisk", "närvarolista: försättsblad")
            + "hela_närvarolistan: true\n"
    });
    let (_out, pdfs) = build(&[folder.join("2024-10-21/sammantrade.yaml")]);
    let protocol = text(pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"));
    // Norra first: the roll names Birgitta Ståhl (Norra) first and Roger Nilsson (Södra)
    // third; each valkrets's ledamöter, then the ersättare serving there.
    let members = between(&protocol, "Beslutande ", "Ersättare ");
    assert!(
        members.starts_with(
            "Beslutande Valkrets Norra Birgitta Ståhl (M), ordförande Ahmed Yusuf (S), förste vice ordförande Anneli Berg (S)"
        ),
        "{members}"
    );
    for expected in [
        "Hanna Ek (MP) Maja Nilsson (S), tjänstgörande ersättare för Jonas Wik",
        "Bengt Ros (SD), tjänstgörande ersättare för Stefan Borg, §§ 118–119 Valkrets Södra Roger Nilsson (SD), andre vice ordförande Per Olsson (S)",
    ] {
        assert!(
            members.contains(expected),
            "missing {expected:?} in\n{members}"
        );
    }
    assert_eq!(members.matches("Valkrets ").count(), 2, "{members}");
    let substitutes = between(&protocol, "Ersättare Valkrets", "Frånvarande ");
    assert_eq!(
        substitutes,
        "Ersättare Valkrets Norra Kristoffer Alm (S) Bengt Ros (SD) Linnea Gran (M) Ali Rahimi (V) "
    );
    let absent = between(&protocol, "Frånvarande ", "Övriga närvarande ");
    assert!(
        absent.starts_with("Frånvarande Valkrets Norra Jonas Wik (S) Olle Brandt (C), ersättare"),
        "{absent}"
    );
    assert!(
        absent.contains("Jakob Frid (MP), ersättare Valkrets Södra Elsa Wallin (S), ersättare"),
        "{absent}"
    );
}

#[test]
fn the_list_per_person_stands_under_each_valkrets_in_the_profiles_words() {
    // The list in a bilaga, a row per person, the whole roll; the heading in Ekby's words.
    let (_dir, folder) = edited_example("kommunfullmaktige", "profil.yaml", |text| {
        text.replace("närvarolista: automatisk", "närvarolista: bilaga")
            .replace(
                "närvarolista_form: per_plats",
                "närvarolista_form: per_person",
            )
            .replace(
                "  ers_för: ers. för {ledamot_med_parti}\n",
                "  ers_för: ers. för {ledamot_med_parti}\n  valkrets: '{valkrets} valkrets'\n",
            )
            + "hela_närvarolistan: true\n"
    });
    let (_out, pdfs) = build(&[folder.join("2024-10-21/sammantrade.yaml")]);
    let protocol = text(pdf(&pdfs, "2024-10-21_kommunfullmaktige_protokoll.pdf"));
    let list = between(&protocol, "Ledamot / ersättare", "Summa");
    // A valkrets's ledamöter, its ersättare, those of it absent, then the next valkrets.
    for expected in [
        "Tjg Ej tjg Ja Nej Avst. Norra valkrets Birgitta Ståhl, ordförande M X X X X",
        "Hanna Ek MP X X X X Maja Nilsson*, ers. för Jonas Wik (S) S X X X X",
        "Ali Rahimi* V X X X Jonas Wik, frånvarande S",
        "Jakob Frid*, frånvarande MP Södra valkrets Roger Nilsson, andre vice ordförande SD X X X X",
    ] {
        assert!(list.contains(expected), "missing {expected:?} in\n{list}");
    }
    assert!(!protocol.contains("Valkrets Norra"), "{protocol}");
    // Södra's absent ersättare after Södra's ledamöter, on the list's next page, under
    // the column heads and Södra's heading again.
    assert_eq!(list.matches("Södra valkrets").count(), 2, "{list}");
    assert!(
        list.contains("Ja Nej Avst. Södra valkrets Elsa Wallin*, frånvarande S"),
        "{list}"
    );
    let south = &list[list.find("Södra valkrets").unwrap()..];
    assert!(
        south.contains("Oskar Malm MP X X X X") && south.contains("Elsa Wallin*, frånvarande S"),
        "{south}"
    );
    assert!(!south.contains("Birgitta"), "{south}");
}

#[test]
fn the_kallelse_and_the_web_page_name_the_valkrets() {
    let folder = repo().join("cases/kommunfullmaktige");
    let (_out, pdfs) = build(std::slice::from_ref(&folder));
    let kallelse = text(pdf(&pdfs, "2024-10-11_kommunfullmaktige_kallelse.pdf"));
    for expected in [
        "Kallade ledamöter Valkrets Norra Birgitta Ståhl (M), ordförande",
        "Hanna Ek (MP) Valkrets Södra Roger Nilsson (SD), andre vice ordförande",
        "Ersättare för kännedom Valkrets Norra Maja Nilsson (S) Kristoffer Alm (S) Linnea Gran (M)",
        "Jakob Frid (MP) Valkrets Södra Elsa Wallin (S)",
    ] {
        assert!(
            kallelse.contains(expected),
            "missing {expected:?} in\n{kallelse}"
        );
    }
    let site = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
    let published = paragraf::output::site::Site { on, address: None };
    paragraf::publish(&[folder], site.path(), &Default::default(), &published).unwrap();
    let page = std::fs::read_to_string(
        site.path()
            .join("protokoll/2024-10-21_kommunfullmaktige_protokoll.html"),
    )
    .unwrap()
    .replace('\u{a0}', " ");
    let members = between(&page, "<h3>Beslutande</h3>", "<h3>Ersättare</h3>");
    let south = members.find("<h4>Valkrets Södra</h4>").unwrap();
    let (north, south) = members.split_at(south);
    assert!(
        north.starts_with("<h3>Beslutande</h3>\n<h4>Valkrets Norra</h4>\n<ul class=\"personer\">"),
        "{north}"
    );
    assert!(north.trim_end().ends_with("</ul>"), "{north}");
    assert!(
        north.contains("Birgitta Ståhl (M)</span>, ordförande"),
        "{north}"
    );
    assert!(
        north.contains("Maja Nilsson (S)</span>, tjänstgörande ersättare för Jonas Wik"),
        "{north}"
    );
    assert!(
        south.contains("Roger Nilsson (SD)</span>, andre vice ordförande"),
        "{south}"
    );
    assert!(!south.contains("Birgitta"), "{south}");
}

#[test]
fn an_ersättare_serves_only_for_a_ledamot_of_their_valkrets() {
    // Elsa Wallin (S) is ersättare in Södra; Jonas Wik (S) is ledamot in Norra.
    let (_dir, folder) =
        edited_example("kommunfullmaktige", "2024-10-21/sammantrade.yaml", |text| {
            text.replace(
                "{namn: Maja Nilsson, ersätter: Jonas Wik}",
                "{namn: Elsa Wallin, ersätter: Jonas Wik}",
            )
        });
    let (ok, said) = check(&folder);
    assert!(!ok, "{said}");
    let expected = "sammantrade.yaml:24:35: Elsa Wallin är ersättare i valkretsen Södra och kan inte tjänstgöra för Jonas Wik, som är vald i valkretsen Norra";
    assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    assert!(said.contains("(vallagen)"), "{said}");
    // A refusal, not the warning of another party's ersättare or of the order.
    assert!(!said.contains("annat parti"), "{said}");
    assert!(!said.contains("ersättarordningen"), "{said}");
}

#[test]
fn the_roll_gives_everyone_a_valkrets_of_its_ledamöter() {
    let (_dir, folder) = edited_example("kommunfullmaktige", "ledamoter.yaml", |text| {
        text.replace(
            "{namn: Petra Lund, parti: L, valkrets: Norra}",
            "{namn: Petra Lund, parti: L}",
        )
        .replace(
            "{namn: Ronja Sten, parti: V, valkrets: Södra}",
            "{namn: Ronja Sten, parti: V, valkrets: Sörda}",
        )
    });
    let (ok, said) = check(&folder);
    assert!(!ok, "{said}");
    for expected in [
        "ledamoter.yaml:63:6: Petra Lund saknar valkrets",
        "ledamoter.yaml:61:44: ingen ledamot är vald i valkretsen Sörda; menade du `Södra`?",
    ] {
        assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    }
}

/// A fullmäktige without ledamoter.yaml: the meeting gives the valkretsar.
const WRITTEN: &str = "\
nämnd: Kommunfullmäktige
datum: 2025-03-10
beslutande:
  - {namn: Anna Ek, parti: S, roll: ordförande, valkrets: Östra}
  - {namn: Bo Ström, parti: M, valkrets: Östra}
  - {namn: Cecilia Dahl, parti: S, valkrets: Västra}
  - {namn: David Berg, parti: M, valkrets: Västra}
  - {namn: Fia Holm, parti: S, ersätter: Eva Lund, valkrets: Västra}
ersättare:
  - {namn: Gustav Aho, parti: M, valkrets: Östra}
frånvarande:
  - {namn: Eva Lund, parti: S, valkrets: Västra}
sekreterare: {namn: Per Lind}
justerare: [{namn: Bo Ström}]
justering: {datum: 2025-03-10}
anslag: {förvaringsplats: Kommunkansliet}
paragrafer:
  - paragraf: 1
    rubrik: Val av justerare
    beslut: [Bo Ström utses att justera protokollet.]
  - paragraf: 2
    rubrik: Godkännande av dagordningen
    beslut: [Fullmäktige godkänner dagordningen.]
";

/// An organ folder holding one meeting, `WRITTEN` as `edit` changes it.
fn written(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("2025-03-10");
    std::fs::create_dir_all(&meeting).unwrap();
    let file = meeting.join("sammantrade.yaml");
    std::fs::write(&file, edit(WRITTEN)).unwrap();
    (dir, file)
}

#[test]
fn a_meeting_without_a_roll_gives_the_valkretsar_itself() {
    let (dir, file) = written(str::to_owned);
    let (ok, said) = check(dir.path());
    assert!(ok, "{said}");
    let (_out, pdfs) = build(&[file]);
    let first = page_text(pdf(&pdfs, "_protokoll.pdf"), 1);
    let listed = "Beslutande Valkrets Östra Anna Ek (S), ordförande Bo Ström (M) \
        Valkrets Västra Cecilia Dahl (S) David Berg (M) Fia Holm (S), tjänstgörande ersättare för Eva Lund \
        Ersättare Valkrets Östra Gustav Aho (M) Utses att justera";
    assert!(first.contains(listed), "missing {listed:?} in\n{first}");

    let (dir, _) = written(|text| {
        text.replace(
            "ersätter: Eva Lund, valkrets: Västra",
            "ersätter: Eva Lund, valkrets: Östra",
        )
        .replace(
            "{namn: Gustav Aho, parti: M, valkrets: Östra}",
            "{namn: Gustav Aho, parti: M}",
        )
    });
    let (ok, said) = check(dir.path());
    assert!(!ok, "{said}");
    for expected in [
        "sammantrade.yaml:8:42: Fia Holm är ersättare i valkretsen Östra och kan inte tjänstgöra för Eva Lund, som är vald i valkretsen Västra",
        "sammantrade.yaml:10:6: Gustav Aho saknar valkrets",
    ] {
        assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    }
}

/// A vacant seat belongs to its valkrets: an ersättare of another valkrets serving on it
/// is refused at `ersätter`; one of its own is not.
#[test]
fn a_vacant_seat_is_served_from_its_own_valkrets() {
    let vacant = |valkrets: &str| {
        written(move |text| {
            text.replace(
                "{namn: Gustav Aho, parti: M, valkrets: Östra}",
                &format!("{{namn: Gustav Aho, parti: M, valkrets: {valkrets}, ersätter: vakant}}"),
            )
            .replace(
                "frånvarande:",
                "vakanser:\n  - {parti: M, valkrets: Västra}\nfrånvarande:",
            )
        })
    };
    let (dir, _) = vacant("Östra");
    let (ok, said) = check(dir.path());
    assert!(!ok, "{said}");
    let expected = "sammantrade.yaml:10:61: Gustav Aho är ersättare i valkretsen Östra och kan inte tjänstgöra på en vakant plats i en annan valkrets: de vakanta platserna hör till Västra";
    assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    let (dir, _) = vacant("Västra");
    let (_, said) = check(dir.path());
    assert!(!said.contains("vakant plats i en annan valkrets"), "{said}");
}

#[test]
fn textconv_numbers_the_ersättare_per_party_within_each_valkrets() {
    let output = paragraf_in(
        &repo().join("cases/kommunfullmaktige"),
        &["textconv", "ledamoter.yaml"],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Ledamot: Birgitta Ståhl (M): ordförande, valkrets Norra",
        "Ersättare: Kristoffer Alm (S): nr 2 för (S), valkrets Norra",
        // Södra's first (S) ersättare, though the third of the party on the list.
        "Ersättare: Elsa Wallin (S): nr 1 för (S), valkrets Södra",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// A first page whose Beslutande take two columns: the heading of the second valkrets,
/// which would end the first column, heads the second.
#[test]
fn a_valkrets_heading_never_ends_a_column_of_the_first_page() {
    // Östra's heading and 13, Västra's heading and 14: 29 lines, 15 in the first column,
    // the 15th Västra's heading.
    let first = [
        "Anna", "Bo", "Cecilia", "David", "Eva", "Fredrik", "Greta", "Hans", "Ida", "Johan",
        "Karin", "Lars", "Maria", "Nils",
    ];
    let mut members = String::new();
    for (valkrets, surname, count) in [("Östra", "Östberg", 13), ("Västra", "Västman", 14)] {
        for (i, name) in first.iter().take(count).enumerate() {
            let party = if i % 2 == 0 { "M" } else { "S" };
            members +=
                &format!("  - {{namn: {name} {surname}, parti: {party}, valkrets: {valkrets}}}\n");
        }
    }
    let (_dir, file) = written(|text| {
        let start = text.find("beslutande:\n").unwrap() + "beslutande:\n".len();
        let end = text.find("sekreterare:").unwrap();
        let text = format!("{}{members}{}", &text[..start], &text[end..]);
        text.replace("Bo Ström", "Bo Östberg")
    });
    let (_out, pdfs) = build(&[file]);
    let first = page_layout(pdf(&pdfs, "_protokoll.pdf"), 1);
    let heads = first
        .lines()
        .find(|line| line.contains("Valkrets Östra"))
        .unwrap_or_else(|| panic!("no Valkrets Östra in\n{first}"));
    assert!(
        heads.split_whitespace().collect::<Vec<_>>()
            == ["Beslutande", "Valkrets", "Östra", "Valkrets", "Västra"],
        "the two headings not side by side:\n{first}"
    );
    assert!(
        first.contains("Maria Östberg (M)") && first.contains("Nils Västman (S)"),
        "{first}"
    );
}

#[test]
fn a_meeting_gives_a_member_the_rolls_valkrets_or_none() {
    let (_dir, folder) =
        edited_example("kommunfullmaktige", "2024-10-21/sammantrade.yaml", |text| {
            text.replace(
                "{namn: Lars Berg, gick: '20.10'}",
                "{namn: Lars Berg, gick: '20.10', valkrets: Södra}",
            )
        });
    let (ok, said) = check(&folder);
    assert!(!ok, "{said}");
    let expected =
        "sammantrade.yaml:18:48: Lars Berg står i valkretsen Norra i ledamoter.yaml, inte i Södra";
    assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    // Said once: Kristoffer Alm (Norra) still serves for Lars Berg of Norra, as the roll has it.
    assert_eq!(said.matches("fel:").count(), 1, "{said}");
}
