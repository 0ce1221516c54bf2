//! Names and numbers in the house's form (issue 28, item 3): the profile's party style
//! (`partibeteckning`), the year after a § number (`paragrafårtal`) and the justering's
//! date (`justeringsdatum`), from the YAML to the words of the PDFs and the web pages.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use paragraf::BuildOptions;
use paragraf::output::site::Site;

use common::*;

/// The kultur- och fritidsnämnd's example (votes, a reservation, justerare, two parts)
/// with `keys` added to its profile: built, and published as on the day after.
struct Variant {
    _dir: tempfile::TempDir,
    pdfs: BTreeMap<String, PathBuf>,
    site: PathBuf,
}

fn variant(keys: &str) -> Variant {
    let dir = tempfile::tempdir().unwrap();
    let organ = dir.path().join("kultur-och-fritidsnamnden");
    copy_folder(&repo().join("cases/kultur-och-fritidsnamnden"), &organ);
    let profile = organ.join("profil.yaml");
    let mut text = std::fs::read_to_string(&profile).unwrap();
    text.push_str(keys);
    std::fs::write(&profile, text).unwrap();
    let (built, pdfs) = build(std::slice::from_ref(&organ));
    let site = built.path().join("webb");
    paragraf::publish(
        std::slice::from_ref(&organ),
        &site,
        &BuildOptions::default(),
        &Site {
            on: NaiveDate::from_ymd_opt(2024, 9, 30).unwrap(),
            address: None,
        },
    )
    .unwrap_or_else(|e| panic!("publish: {e}"));
    Variant {
        _dir: built,
        pdfs,
        site,
    }
}

impl Variant {
    fn text(&self, part: &str) -> String {
        text(pdf(&self.pdfs, part))
    }

    /// The web page of the document whose file name ends in `name` (with no-break spaces
    /// as spaces).
    fn page(&self, name: &str) -> String {
        let path = self.site.join("protokoll").join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .replace('\u{a0}', " ")
    }
}

const PROTOCOL: &str = "2024-09-17_kultur-och-fritidsnamnden_protokoll.pdf";
const EXTRACT: &str = "protokollsutdrag_p002_kfn-2024-188.pdf";
const PAGE: &str = "2024-09-17_kultur-och-fritidsnamnden_protokoll.html";

fn assert_has(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "no «{wanted}» in:\n{text}");
}

fn assert_lacks(text: &str, unwanted: &str) {
    assert!(!text.contains(unwanted), "«{unwanted}» in:\n{text}");
}

#[test]
fn the_comma_style_names_members_in_lists_and_the_year_follows_every_paragraph() {
    let v =
        variant("partibeteckning: komma\nparagrafårtal: två_siffror\njusteringsdatum: veckodag\n");
    let protocol = v.text(PROTOCOL);
    // A list: the cover's beslutande and the vote table.
    assert_has(
        &protocol,
        "Beslutande Anna Ek, S, ordförande Bo Ström, M, vice ordförande",
    );
    assert_has(&protocol, "Anna Ek, S X");
    assert_lacks(&protocol, "Anna Ek (S)");
    // Who justerar is a list too; a sentence keeps the party in parentheses: a comma
    // would run into its own.
    assert_has(&protocol, "Utses att justera Bo Ström, M Justeringens");
    assert_has(&protocol, "Mot beslutet reserverar sig Lisa Ek (KD).");
    // Every § with the meeting's year; a list once, after its last number.
    assert_has(&protocol, "KFN § 2/24 Fördelning av verksamhetsbidrag");
    assert_has(&protocol, "Paragrafer KFN §§ 1–6 och 8–13/24");
    // The justering's day with its weekday.
    assert_has(
        &protocol,
        "Justeringens plats och tid Kultur- och fritidsförvaltningen, tisdagen den 24 september 2024",
    );
    let extract = v.text(EXTRACT);
    assert_has(&extract, "KFN § 2/24");
    assert_has(&extract, "tisdagen den 24 september 2024");
    let anslag = v.text("_anslag.pdf");
    assert_has(&anslag, "KFN §§ 1–6 och 8–13/24");
    // The web page says what the PDF says, in the same form.
    let page = v.page(PAGE);
    assert_has(&page, "<span class=\"namn\">Anna Ek, S</span>, ordförande");
    assert_has(&page, "<th scope=\"row\">Anna Ek, S</th>");
    assert_has(&page, "KFN § 2/24");
    assert_has(&page, ">KFN § 2/24 Fördelning av verksamhetsbidrag");
    assert_has(&page, "tisdagen den 24 september 2024");
}

/// `parti_vid_underskrift`: the names under the lines to sign carry the party as well.
#[test]
fn the_party_stands_under_the_signature_lines_where_the_profile_says() {
    // The signature lines: from their first role to the ANSLAG/BEVIS.
    let lines = |keys: &str| {
        let cover = page_text(pdf(&variant(keys).pdfs, PROTOCOL), 1);
        let start = cover.find("Sekreterare").unwrap();
        let end = cover.find("ANSLAG/BEVIS").unwrap();
        cover[start..end].to_owned()
    };
    let plain = lines("");
    assert_has(&plain, "Ordförande Anna Ek Justerande Bo Ström");
    assert_lacks(&plain, "(S)");
    let signed = lines("parti_vid_underskrift: true\n");
    assert_has(&signed, "Ordförande Anna Ek (S) Justerande Bo Ström (M)");
}

#[test]
fn without_party_a_name_stands_alone_and_the_file_names_keep_the_bare_number() {
    let v = variant("partibeteckning: ingen\nparagrafårtal: fyra_siffror\n");
    let protocol = v.text(PROTOCOL);
    assert_has(
        &protocol,
        "Beslutande Anna Ek, ordförande Bo Ström, vice ordförande",
    );
    assert_has(&protocol, "Mot beslutet reserverar sig Lisa Ek.");
    assert_lacks(&protocol, "(KD)");
    assert_has(&protocol, "KFN § 2/2024");
    // The justering's date as the profile's other dates, with its time where given.
    assert_has(
        &protocol,
        "Justeringens plats och tid Kultur- och fritidsförvaltningen, 24 september 2024",
    );
    // The file names are as they were: the printed form is the documents' own.
    assert!(pdf(&v.pdfs, EXTRACT).exists());
    let page = v.page(PAGE);
    assert_lacks(&page, "Anna Ek (S)");
    assert_has(&page, "KFN § 2/2024");
}

#[test]
fn a_justering_time_follows_its_date_in_the_protocol_and_its_extracts() {
    // The byggnadsnämnd's example justerar at a time, and writes its date with the weekday.
    let (_dir, pdfs) = build(&[repo().join("cases/byggnadsnamnden")]);
    let written = "tisdagen den 22 oktober 2024 kl. 10.00";
    assert_has(&text(pdf(&pdfs, "_protokoll.pdf")), written);
    assert_has(&text(pdf(&pdfs, "protokollsutdrag_p169_")), written);
    // Its kallelse lists the members in the house's comma style.
    assert_has(
        &text(pdf(&pdfs, "_kallelse.pdf")),
        "Gunnar Holm, C, ordförande",
    );
}

#[test]
fn a_form_the_profile_cannot_have_is_an_error_at_its_line() {
    for (line, column, wanted) in [
        (
            "partibeteckning: kommatecken\n",
            18,
            "skriv `parentes` eller `komma` eller `ingen`",
        ),
        ("paragrafårtal: 24\n", 16, "två_siffror"),
        ("justeringsdatum: kort\n", 18, "veckodag"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("profil.yaml"), line).unwrap();
        let output = paragraf_in(dir.path(), &["check", "."]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert_has(&stderr, &format!("profil.yaml:1:{column}"));
        assert_has(&stderr, wanted);
    }
}
