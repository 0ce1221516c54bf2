//! The label catalogue (issue 28, item 1): the Typst, HTML and feed templates print no
//! fixed Swedish word of their own, every catalogue entry is printed somewhere (a PDF or a
//! published web page) and can be overridden by a profile, and a key the catalogue lacks is
//! an error with the nearest key.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use chrono::NaiveDate;
use common::*;
use paragraf::BuildOptions;
use paragraf::model::labels::{LABELS, placeholders};
use paragraf::model::{Piece, pieces};
use paragraf::output::site::Site;

/// `text` without Jinja comments, tags and expressions, nor Typst comments, nor the string
/// values Typst code compares with or looks up (`style == "att-satser"`,
/// `header-layout == "logotyp_höger"`), which are settings and never printed: what is left is
/// Typst markup and code as written in the template.
fn template_text(text: &str) -> String {
    let mut out = text.to_owned();
    for (open, close) in [
        ("{#", "#}"),
        ("{%", "%}"),
        ("{{", "}}"),
        ("== \"", "\""),
        (".at(\"", "\""),
    ] {
        while let Some(start) = out.find(open) {
            let after = start + open.len();
            let end = out[after..]
                .find(close)
                .map_or(out.len(), |e| after + e + close.len());
            out.replace_range(start..end, " ");
        }
    }
    out.lines()
        .map(|line| match line.find("//") {
            // A comment, not a `://` in a string.
            Some(at) if !line[..at].ends_with(':') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of the catalogue's defaults: what a template would print if it wrote a label
/// of its own rather than the catalogue's. Not the two that are Typst code as well: `in`
/// (a keyword) and `paragraf` (the program's name, in the web pages' footer, and its
/// Typst module's).
fn label_words() -> BTreeSet<String> {
    LABELS
        .iter()
        .flat_map(|(_, default, _)| pieces(default))
        // A value in braces is filled in, not printed.
        .filter_map(|piece| match piece {
            Piece::Text(text) => Some(text),
            Piece::Value(_) => None,
        })
        .flat_map(|text| text.split(|c: char| !c.is_alphabetic()))
        .filter(|word| word.chars().count() >= 2 && !["in", "paragraf"].contains(word))
        .map(str::to_owned)
        .collect()
}

/// What an HTML or Atom template prints as text once its Jinja is gone ([`template_text`]):
/// its text between tags and the values of the attributes a reader is shown or read out
/// (`alt`, `aria-label`, `title`); not the tags, their other attributes, nor the style.
fn printed_html(text: &str) -> String {
    let mut text = template_text(text);
    while let Some(start) = text.find("<style>") {
        let end = text[start..]
            .find("</style>")
            .map_or(text.len(), |e| start + e + "</style>".len());
        text.replace_range(start..end, " ");
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attribute in ["alt=\"", "aria-label=\"", "title=\""] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                out.push(' ');
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
            }
        }
        out.push(' ');
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Words of `text` as written (letters only), with the `labels.key` references left out.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut previous = ' ';
    let mut in_reference = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() || (c == '_' && !word.is_empty()) {
            if word.is_empty() {
                // `labels.sida`, `.fortsättning`: a field, not printed text.
                in_reference = previous == '.';
            }
            word.push(c);
        } else {
            if !word.is_empty() && !in_reference && !word.contains('_') {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
        }
        previous = c;
    }
    out
}

#[test]
fn the_typst_templates_print_no_fixed_word_of_their_own() {
    let vocabulary = label_words();
    let folder = repo().join("templates/typst");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".j2") || name.ends_with(".typ")) {
            continue;
        }
        read += 1;
        let text = template_text(&std::fs::read_to_string(&path).unwrap());
        for (number, line) in text.lines().enumerate() {
            for word in words(line) {
                // Swedish letters never stand in Typst code, nor capitals; the catalogue's
                // words never in a template of their own.
                let swedish = word.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']);
                // Typst code names nothing with a capital but the region.
                let capital = word.starts_with(char::is_uppercase) && word != "SE";
                if swedish || capital || vocabulary.contains(&word) {
                    found.push(format!("{name}:{}: {word}: {}", number + 1, line.trim()));
                }
            }
        }
    }
    assert!(read >= 8, "read {read} templates");
    assert!(
        found.is_empty(),
        "fixed words in templates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_web_templates_print_no_word_of_their_own() {
    let mut found = Vec::new();
    let mut read = 0;
    for folder in ["templates/html", "templates/xml"] {
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".j2") {
                continue;
            }
            read += 1;
            let text = printed_html(&std::fs::read_to_string(&path).unwrap());
            for (number, line) in text.lines().enumerate() {
                // What a page prints, but for the catalogue's labels and the data, is
                // punctuation: any word at all is one of the template's own.
                for word in words(line).into_iter().filter(|w| w.chars().count() >= 2) {
                    found.push(format!("{name}:{}: {word}: {}", number + 1, line.trim()));
                }
            }
        }
    }
    assert!(read >= 6, "read {read} templates");
    assert!(
        found.is_empty(),
        "fixed words in web templates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_web_check_finds_a_fixed_word_in_text_and_in_what_is_read_out() {
    let flagged = |template: &str| {
        let text = printed_html(template);
        words(&text).into_iter().any(|w| w.chars().count() >= 2)
    };
    assert!(flagged("<dt>Sista dag att överklaga</dt>"));
    assert!(flagged("<nav aria-label=\"Meny\">"));
    assert!(flagged("<img src=\"{{ src }}\" alt=\"Logotyp\">"));
    assert!(flagged("<a href=\"x\">{{ labels.pdf }}</a>, webbkopia"));
    assert!(!flagged(
        "<a class=\"hoppa\" href=\"#innehall\" title=\"{{ labels.x }}\">{{ labels.hoppa_till_innehållet }}</a>"
    ));
    assert!(!flagged(
        "<style>:root { --profilfarg: {{ brand.colour }}; }</style><p>{{ n.labels.inga_anslag|fill(datum=on) }} ({{ count }}).</p>"
    ));
}

#[test]
fn the_check_finds_a_fixed_word() {
    let vocabulary = label_words();
    let line = template_text("  ([Plats och tid], [{{ place }}]), // Plats");
    assert!(
        words(&line).iter().any(|w| vocabulary.contains(w)),
        "{line}"
    );
    let line = template_text("  ([#labels.plats_och_tid], [{{ profile.labels.sida }}]),");
    assert!(
        words(&line).iter().all(|w| !vocabulary.contains(w)),
        "{line}"
    );
}

/// A copy of an example organ's folder whose profile overrides `labels` (YAML lines under
/// `etiketter:`), and `paragraf check`'s verdict on it.
fn organ_with(organ: &str, labels: &str) -> (tempfile::TempDir, std::path::PathBuf, bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(organ);
    copy_folder(&repo().join("cases").join(organ), &folder);
    let profile = folder.join("profil.yaml");
    let original = std::fs::read_to_string(&profile).unwrap();
    // The organ's own `etiketter` give way to `labels`, which name every label.
    let mut own = false;
    let kept: String = original
        .lines()
        .filter(|line| {
            if line.starts_with("etiketter:") {
                own = true;
            } else if !line.starts_with([' ', '#']) {
                own = false;
            }
            !own
        })
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&profile, format!("{kept}etiketter:\n{labels}")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("check")
        .arg(&folder)
        .output()
        .unwrap();
    (
        dir,
        folder,
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The web site of `folders` as on the day `(year, month, day)`, in a temporary folder.
fn published(
    folders: &[std::path::PathBuf],
    (year, month, day): (i32, u32, u32),
) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let on = Site {
        on: NaiveDate::from_ymd_opt(year, month, day).unwrap(),
        address: None,
    };
    paragraf::publish(folders, site.path(), &BuildOptions::default(), &on)
        .unwrap_or_else(|e| panic!("{e}"));
    site
}

#[test]
fn a_profile_overrides_every_label_and_the_documents_print_it() {
    // Every label as a word no document otherwise has: each must reach some PDF.
    // A label that takes values takes them all, filled in after the word.
    let overrides: String = LABELS
        .iter()
        .enumerate()
        .map(|(i, (key, _, _))| {
            let values: String = placeholders(key)
                .iter()
                .map(|v| format!(" {{{v}}}"))
                .collect();
            format!("  {key}: 'Zq{i}x{values}'\n")
        })
        .collect();
    // The organs between them have an occasion for almost every label: a vote in the
    // bilaga (fullmäktige), a written reservation and an omedelbart justerad § (kultur- och
    // fritidsnämnden), an application table (socialnämnden), a protocol number
    // (regionstyrelsen), bilagor that are files and one not attached (byggnadsnämnden), a
    // member who left before a decision (the gemensam nämnd), observatörer, revisorer and
    // fackliga företrädare (the bolag), the närvarolista on the page after the first (the
    // direktion); no example writes its decisions as att-satser.
    let mut printed = String::new();
    let mut folders = Vec::new();
    let organs = [
        "barn-och-utbildningsnamnden",
        "kultur-och-fritidsnamnden",
        "kommunfullmaktige",
        "socialnamnden",
        "regionstyrelsen",
        "byggnadsnamnden",
        "miljonamnden-ekby-norrby",
        "ekby-energi",
        "raddningstjansten-storsjon",
    ];
    for organ in organs {
        let (dir, folder, ok, stderr) = organ_with(organ, &overrides);
        assert!(ok, "{organ}: {stderr}");
        let (_out, pdfs) = build(std::slice::from_ref(&folder));
        for pdf in pdfs.values() {
            printed.push_str(&text(pdf));
        }
        folders.push((dir, folder));
    }
    // And the web pages, on a day when the board has notices up and notices past.
    let paths: Vec<_> = folders.iter().map(|(_, folder)| folder.clone()).collect();
    let site = published(&paths, (2024, 11, 1));
    for extension in ["html", "xml"] {
        for page in files_under(site.path(), extension) {
            printed.push_str(&std::fs::read_to_string(page).unwrap());
        }
    }
    // What no example has an occasion for, or puts only in the PDF's metadata.
    let occasional = [
        "anslag_titel",
        "offentlig_version",
        "stängda_dörrar",
        "löptitel_kallelse",
        "löptitel_handlingar",
        // Only under a written reservation in a § whose reservations are also told in
        // sentences.
        "reservation_från",
        "att",
        // Only in the text alternative of a bilaga's page image.
        "bilaga_till",
        "bilaga_sida",
        "bilaga_av",
        // Only on an empty anslagstavla or archive.
        "inga_anslag",
        "inga_tidigare_anslag",
        // Only in a vote where one side has a single vote.
        "röst_antal",
        // Only in a § whose vote stands in a bilaga after the §§: the fullmäktige, the
        // one example whose list leaves the first page, has it before them
        // (tests/organs.rs builds it last).
        "röster_i_bilagan",
        // Only in a gemensam nämnd of regions: the example's is of kommuner.
        "samverkande_regioner",
    ];
    let mut missing = Vec::new();
    for (i, (key, _, _)) in LABELS.iter().enumerate() {
        let marker = format!("Zq{i}x");
        if !printed.contains(&marker) && !occasional.contains(key) {
            missing.push(*key);
        }
    }
    assert!(
        missing.is_empty(),
        "labels no example PDF or web page printed: {missing:?}"
    );
    assert!(printed.contains("Zq"), "no override printed");
}

#[test]
fn an_unknown_or_empty_label_is_an_error_at_its_line() {
    let (_dir, _folder, ok, stderr) = organ_with(
        "barn-och-utbildningsnamnden",
        "  plats_och_tiden: Tid och plats\n",
    );
    assert!(!ok);
    assert!(
        stderr.contains("okänd nyckel `plats_och_tiden`; menade du `plats_och_tid`?"),
        "{stderr}"
    );
    let (_dir, _folder, ok, stderr) = organ_with("barn-och-utbildningsnamnden", "  sida: ''\n");
    assert!(!ok);
    assert!(
        stderr.contains("en rubrik eller etikett kan inte vara tom"),
        "{stderr}"
    );
}

#[test]
fn a_value_a_label_cannot_take_is_an_error_at_its_line() {
    // A label's last line in the profile is its own: `etiketter` comes last.
    let error = |labels: &str| {
        let (_dir, folder, ok, stderr) = organ_with("barn-och-utbildningsnamnden", labels);
        assert!(!ok);
        let profile = std::fs::read_to_string(folder.join("profil.yaml")).unwrap();
        (profile.lines().count(), stderr)
    };
    let (line, stderr) = error("  inga_anslag: 'Inga anslag {dag}.'\n");
    assert!(
        stderr.contains(&format!(
            "profil.yaml:{line}:16: {{dag}} finns inte i etiketten inga_anslag; den kan använda: {{datum}}"
        )),
        "{stderr}"
    );
    let (line, stderr) = error("  sida: 'Sida {nummer}'\n");
    assert!(
        stderr.contains(&format!(
            "profil.yaml:{line}:9: {{nummer}} fylls inte i här"
        )),
        "{stderr}"
    );
}

#[test]
fn a_profile_words_the_web_pages_its_own_way() {
    let (_dir, folder, ok, stderr) = organ_with(
        "kommunstyrelsens-arbetsutskott",
        "  anslagstavla: Digital anslagstavla\n  inga_anslag: 'I dag, {datum}, är inget anslag uppsatt.'\n  sammanträdet: Mötet\n",
    );
    assert!(ok, "{stderr}");
    let site = published(&[folder], (2030, 1, 2));
    // Dates keep their parts together with no-break spaces.
    let board = std::fs::read_to_string(site.path().join("anslagstavla/index.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(board.contains("<h1>Digital anslagstavla</h1>"), "{board}");
    assert!(
        board.contains("<p class=\"tomt\">I dag, 2 januari 2030, är inget anslag uppsatt.</p>"),
        "{board}"
    );
    assert!(!board.contains(">Anslagstavla<"), "{board}");
    let protocol = files_under(&site.path().join("protokoll"), "html")
        .into_iter()
        .find(|page| page.to_string_lossy().ends_with("_protokoll.html"))
        .unwrap();
    let protocol = std::fs::read_to_string(protocol).unwrap();
    assert!(protocol.contains("<h2>Mötet</h2>"), "{protocol}");
    assert!(!protocol.contains("Sammanträdet"), "{protocol}");
    let feed = std::fs::read_to_string(site.path().join("anslagstavla/flode.xml")).unwrap();
    assert!(feed.contains("<title>Digital anslagstavla"), "{feed}");
}

#[test]
fn each_notice_on_the_board_is_told_in_its_own_profiles_words() {
    let (_a, culture, ok, stderr) = organ_with(
        "kultur-och-fritidsnamnden",
        "  sista_dagen_att_överklaga_var: Tiden gick ut\n  anslagstavla: Nämndens tavla\n",
    );
    assert!(ok, "{stderr}");
    let (_b, building, ok, stderr) = organ_with(
        "byggnadsnamnden",
        "  sista_dagen_att_överklaga_var: Sista dag var\n",
    );
    assert!(ok, "{stderr}");
    let site = published(&[culture, building], (2025, 6, 1));
    let archive = std::fs::read_to_string(site.path().join("anslagstavla/arkiv.html")).unwrap();
    let notices: Vec<&str> = archive.split("<article").skip(1).collect();
    let of = |organ: &str| -> Vec<&&str> { notices.iter().filter(|n| n.contains(organ)).collect() };
    let (culture, building) = (of("Kultur- och fritidsnämnden"), of("Byggnadsnämnden"));
    assert!(!culture.is_empty() && !building.is_empty(), "{archive}");
    assert!(
        culture.iter().all(|n| n.contains("<dt>Tiden gick ut</dt>")),
        "{archive}"
    );
    assert!(
        building
            .iter()
            .all(|n| n.contains("<dt>Sista dag var</dt>")),
        "{archive}"
    );
    // The page itself is the site's, whose profiles word it differently: the catalogue's.
    assert!(archive.contains(">Anslagstavla</a>"), "{archive}");
    assert!(!archive.contains("Nämndens tavla"), "{archive}");
}

#[test]
fn the_profile_skeleton_and_the_schema_list_every_label_with_its_default() {
    let skeleton = std::fs::read_to_string(repo().join("src/model/skeleton.profile.yaml")).unwrap();
    let schema = std::fs::read_to_string(repo().join("docs/schema/profil.schema.json")).unwrap();
    for (key, default, _) in LABELS {
        let line = skeleton
            .lines()
            .skip_while(|line| !line.starts_with("# etiketter:"))
            .find(|line| line.starts_with(&format!("#   {key}: ")))
            .unwrap_or_else(|| panic!("the skeleton lacks {key}"));
        // A text of paragraphs stands on one line, its line breaks written `\n`.
        assert!(line.contains(&default.replace('\n', "\\n")), "{line}");
        assert!(
            schema.contains(&format!("\"{key}\": {{")),
            "the schema lacks {key}"
        );
    }
}

#[test]
fn every_label_the_code_asks_for_is_in_the_catalogue() {
    // `label(labels, "key")` prints the key itself for a key the catalogue lacks.
    let mut asked = 0;
    for path in files_under(&repo().join("src"), "rs") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for call in text.split("label(labels, \"").skip(1) {
            let key = &call[..call.find('"').unwrap()];
            asked += 1;
            assert!(
                LABELS.iter().any(|(k, _, _)| *k == key),
                "{}: label {key} is not in the catalogue",
                path.display()
            );
        }
    }
    assert!(asked >= 5, "found {asked} calls");
}
