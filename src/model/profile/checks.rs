//! What a profile may not say: the checks run on every profile as it is loaded, beyond
//! its schema (placeholders that do not exist, what the law requires a document to show,
//! columns the ärendeförteckning cannot fill, a web colour white text is unreadable on).

use super::{
    CoverBlock, CoverRow, LOGO_HEIGHTS_MM, MARGINS_MM, NoticeForm, NoticeRow, ORGAN_VALUES,
    ParagraphPart, Piece, Principal, Profile, Wordings, pieces,
};
use crate::error::Problem;
use crate::model::{ItemListPlacement, SourceFile, labels};

/// Every value in braces of a heading, wording or label that it may not use, as (field,
/// name, the values it may use): a misspelt value would otherwise print as it stands.
/// Headings and wordings may also use the organ's names; a label only its own values.
pub(super) fn unknown_placeholders(profile: &Profile) -> Vec<(String, String, Vec<&'static str>)> {
    let with_organ =
        |own: &'static [&'static str]| own.iter().chain(ORGAN_VALUES).copied().collect();
    let headings = profile
        .rubriker
        .entries()
        .map(|(key, text)| (format!("rubriker.{key}"), text, with_organ(&[])));
    let wordings = profile.formuleringar.entries().map(|(key, text)| {
        let own: &[&str] = Wordings::PLACEHOLDERS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, own)| *own);
        (format!("formuleringar.{key}"), text, with_organ(own))
    });
    let notice = [
        (
            "anslag.text".to_owned(),
            profile.anslag.text.as_str(),
            with_organ(NOTICE_TEXT_VALUES),
        ),
        (
            "anslag.text_delegeringsbeslut".to_owned(),
            profile.anslag.text_delegeringsbeslut.as_str(),
            with_organ(NOTICE_TEXT_VALUES),
        ),
        (
            "anslag.rubrik".to_owned(),
            &profile.anslag.rubrik,
            with_organ(&[]),
        ),
        (
            "anslag.inledning".to_owned(),
            &profile.anslag.inledning,
            with_organ(&[]),
        ),
    ];
    // A label printed as it stands is refused any value as the file is read.
    let labels = profile
        .etiketter
        .iter()
        .filter(|(key, _)| !labels::placeholders(key).is_empty())
        .map(|(key, text)| {
            (
                format!("etiketter.{key}"),
                text.as_str(),
                labels::placeholders(key).to_vec(),
            )
        });
    let mut unknown = Vec::new();
    for (field, text, allowed) in headings
        .into_iter()
        .chain(wordings)
        .chain(notice)
        .chain(labels)
    {
        for piece in pieces(text) {
            if let Piece::Value(name) = piece
                && !allowed.contains(&name)
            {
                unknown.push((field.clone(), name.to_owned(), allowed.clone()));
            }
        }
    }
    unknown
}

/// The values the running text of an anslag (`anslag.text`) may use.
const NOTICE_TEXT_VALUES: &[&str] = &[
    "sammanträdesdatum",
    "paragrafer",
    "justerat",
    "uppsatt",
    "nedtaget",
    "förvaringsplats",
];

/// What a profile may not leave out, because the law asks for it: an extract is certified
/// (utdragsbestyrkande), an anslag says when it was posted and where the protocol is kept
/// (KL 8 kap. 12 §), and a § prints every one of its parts (KL 5 kap. 67 §).
pub(super) fn unlawful(profile: &Profile, source: &SourceFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    if profile.formuleringar.utdragsbestyrkande.trim().is_empty() {
        problems.push(source.problem(
            "formuleringar.utdragsbestyrkande",
            "ett protokollsutdrag ska bestyrkas: utdragsbestyrkandet kan formuleras om men inte lämnas tomt",
        ));
    }
    // A labelled anslag names both by its labels, which cannot be empty (see
    // `PRINTED_AS_IS`); an anslag in prose must name them in its text.
    let notice = &profile.anslag;
    if notice.form != NoticeForm::Box {
        let texts = [
            ("anslag.text", &notice.text),
            (
                "anslag.text_delegeringsbeslut",
                &notice.text_delegeringsbeslut,
            ),
        ];
        for ((key, text), value) in texts
            .into_iter()
            .flat_map(|text| ["uppsatt", "förvaringsplats"].map(|value| (text, value)))
        {
            let named = pieces(text).contains(&Piece::Value(value));
            if !named {
                problems.push(source.problem(
                    key,
                    format!("anslaget ska säga när det sattes upp och var protokollet förvaras (KL 8 kap. 12 §): texten saknar {{{value}}}"),
                ));
            }
        }
    }
    let rows = &notice.rader;
    for row in NoticeRow::REQUIRED {
        if !rows.is_empty() && !rows.contains(&row) {
            problems.push(source.problem(
                "anslag.rader",
                format!("ANSLAG/BEVIS ska säga när anslaget sattes upp och var protokollet förvaras (KL 8 kap. 12 §): raden `{}` saknas", row.key()),
            ));
        }
    }
    if let Some(twice) = rows
        .iter()
        .find(|row| rows.iter().filter(|r| r == row).count() > 1)
    {
        problems.push(source.problem(
            "anslag.rader",
            format!(
                "raden `{}` står flera gånger; varje rad en gång",
                twice.key()
            ),
        ));
    }
    for part in ParagraphPart::ALL {
        let times = profile
            .paragraf
            .ordning
            .iter()
            .filter(|p| **p == part)
            .count();
        let required = ParagraphPart::REQUIRED.contains(&part);
        if times > 1 || (required && times == 0) {
            let how = if times == 0 {
                "saknas"
            } else {
                "står flera gånger"
            };
            problems.push(source.problem(
                "paragraf.ordning",
                format!("`{}` {how} i ordningen; en paragraf visar beslut, beslutsgång och reservationer, och varje del en gång", part.key()),
            ));
        }
    }
    problems
}

/// The first page's blocks: each once, those every protocol shows there, the
/// ärendeförteckning where the profile places it on the first page, and the wide blocks
/// across the page, not in a column.
pub(super) fn cover_problems(profile: &Profile, source: &SourceFile) -> Vec<Problem> {
    let cover = &profile.försättsblad;
    let mut problems = Vec::new();
    for (i, row) in cover.block.iter().enumerate() {
        if let CoverRow::Pair(left, right) = row {
            for (j, block) in [left, right].into_iter().enumerate() {
                if !block.in_column() {
                    problems.push(source.problem(
                        &format!("försättsblad.block[{i}][{j}]"),
                        format!("`{}` står över hela sidans bredd, inte i en spalt bredvid ett annat block", block.key()),
                    ));
                }
            }
        }
    }
    let on_cover = profile.ärendeförteckning.placering == ItemListPlacement::Cover;
    for block in CoverBlock::ALL {
        let times = cover.blocks().filter(|b| *b == block).count();
        let required =
            CoverBlock::REQUIRED.contains(&block) || (block == CoverBlock::ItemList && on_cover);
        let why = if block == CoverBlock::ItemList {
            "ärendeförteckning.placering: försättsbladet ställer ärendeförteckningen där"
        } else {
            "första sidan visar plats och tid, närvaro, justering, underskrifter och anslag"
        };
        match times {
            0 if required => problems.push(source.problem(
                "försättsblad.block",
                format!("`{}` saknas bland blocken; {why}", block.key()),
            )),
            2.. => problems.push(source.problem(
                "försättsblad.block",
                format!("`{}` står flera gånger; varje block en gång", block.key()),
            )),
            _ => {}
        }
    }
    problems
}

/// A column of the ärendeförteckning shows something a § has.
pub(super) fn unknown_columns(profile: &Profile, source: &SourceFile) -> Vec<Problem> {
    let columns = profile.ärendeförteckning.kolumner.iter().enumerate();
    columns
        .filter(|(_, column)| !column.is_known())
        .map(|(i, column)| {
            source.problem(
                &format!("ärendeförteckning.kolumner[{i}].fält"),
                format!(
                    "en kolumn kan inte visa `{}`: välj handläggare, förvaltning, avdelning eller uppgifter.NAMN",
                    column.fält
                ),
            )
        })
        .collect()
}

/// The web pages' colour, `#rrggbb`: white text on it must reach the contrast WCAG 2.1 AA
/// asks of normal text (4.5:1).
pub(super) fn colour_problem(profile: &Profile, source: &SourceFile) -> Option<Problem> {
    let colour = profile.färg.as_deref()?;
    let Some(rgb) = web_colour(colour) else {
        return Some(source.problem(
            "färg",
            format!("färgen {colour:?} ska skrivas #rrggbb, till exempel #1d3f6e"),
        ));
    };
    let contrast = 1.05 / (relative_luminance(rgb) + 0.05);
    (contrast < 4.5).then(|| {
        source.problem(
            "färg",
            format!(
                "vit text på färgen {colour} har kontrasten {contrast:.1}:1; webbsidorna \
                 behöver minst 4.5:1 (WCAG 2.1 AA), välj en mörkare färg"
            ),
        )
    })
}

/// The logo's height: within what the header holds.
pub(super) fn logo_height_problem(profile: &Profile, source: &SourceFile) -> Option<Problem> {
    let height = profile.logotyp.as_ref()?.höjd?;
    (!LOGO_HEIGHTS_MM.contains(&height)).then(|| {
        source.problem(
            "logotyp.höjd",
            format!(
                "logotypen kan vara {}–{} mm hög, inte {height} mm: sidhuvudet rymmer inte mer \
                 ovanför de 10 mm närmast papperets kant som skrivare lämnar tomma",
                LOGO_HEIGHTS_MM.start(),
                LOGO_HEIGHTS_MM.end()
            ),
        )
    })
}

/// Each side margin within [`MARGINS_MM`].
pub(super) fn margin_problems(profile: &Profile, source: &SourceFile) -> Vec<Problem> {
    let margins = profile.marginaler;
    [("vänster", margins.vänster), ("höger", margins.höger)]
        .into_iter()
        .filter(|(_, mm)| !MARGINS_MM.contains(mm))
        .map(|(side, mm)| {
            source.problem(
                &format!("marginaler.{side}"),
                format!(
                    "marginalen kan vara {}–{} mm, inte {mm} mm: mindre kommer texten för nära \
                     papperets kant, mer gör raden för kort",
                    MARGINS_MM.start(),
                    MARGINS_MM.end()
                ),
            )
        })
        .collect()
}

/// `#rrggbb` as its three channels.
fn web_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The relative luminance of an sRGB colour, as WCAG 2.1 defines it.
fn relative_luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// A kommunalförbund names its members, whose members may appeal; only it has members.
pub(super) fn members_problem(profile: &Profile, source: &SourceFile) -> Option<Problem> {
    match (profile.huvudman, profile.medlemmar.is_empty()) {
        (Principal::Federation, true) => Some(source.problem(
            "huvudman",
            "ett kommunalförbunds profil anger förbundets medlemmar under `medlemmar` (t.ex. [Ekby kommun, Norrby kommun]): den som är medlem i någon av dem får överklaga förbundets beslut (KL 13 kap. 1 §)",
        )),
        (Principal::Municipality | Principal::Region | Principal::Company, false) => Some(source.problem(
            "medlemmar",
            "bara ett kommunalförbund har medlemmar: ange `huvudman: kommunalförbund`, eller ta bort `medlemmar`",
        )),
        _ => None,
    }
}
