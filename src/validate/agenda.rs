//! The agenda's own rules: points without §, huvudpunkter with their §§ a, b …, a §'s
//! delpunkter, and the groups the lists head. Each contradiction is refused at its line.

use std::collections::BTreeMap;

use crate::error::Problem;
use crate::model::{
    AgendaNumbers, Item, ItemListColumn, LoadedMeeting, ParagraphNumber, fields_of,
};

/// What a point without § (`paragraf: ingen`) may say: what the kallelse lists of it.
const POINT_KEYS: &[&str] = &[
    "paragraf",
    "rubrik",
    "beskrivning",
    "anmärkning",
    "grupp",
    "numrerad",
];

/// The sub-items of one point are lettered a–z.
const LETTERS: usize = 26;

/// Check the meeting's agenda.
pub(super) fn agenda(loaded: &LoadedMeeting) -> Vec<Problem> {
    let mut problems = points_without_paragraph(loaded);
    problems.extend(sub_points(loaded));
    problems.extend(heads(loaded));
    problems.extend(scattered(
        loaded,
        (
            "grupp",
            "gruppen",
            "en annan grupp står emellan; paragraferna i en grupp står i följd",
        ),
        Item::group,
    ));
    problems.extend(scattered(
        loaded,
        (
            "huvudpunkt",
            "huvudpunkten",
            "något annat står emellan; paragraferna under en huvudpunkt står i följd",
        ),
        Item::head,
    ));
    problems.extend(empty_columns(loaded));
    problems
}

/// A column of the ärendeförteckning that shows a fact (`uppgifter.NAMN`) no § or its case
/// gives prints empty: most likely the name is written otherwise.
fn empty_columns(loaded: &LoadedMeeting) -> Vec<Problem> {
    let columns = &loaded.profile.profile.ärendeförteckning.kolumner;
    let facts = columns
        .iter()
        .filter_map(|c| Some((c, c.fält.strip_prefix(ItemListColumn::FACT_PREFIX)?)));
    facts
        .filter(|(_, name)| {
            !loaded.items().any(|item| {
                let case = item.case.map(|c| &c.case.uppgifter);
                item.item.uppgifter.contains_key(*name)
                    || case.is_some_and(|facts| facts.contains_key(*name))
            })
        })
        .map(|(column, name)| {
            loaded
                .source
                .problem(
                    "paragrafer",
                    format!(
                        "ärendeförteckningens kolumn {} (`{}`) blir tom: ingen paragraf och inget ärende har `uppgifter.{name}`",
                        column.rubrik, column.fält
                    ),
                )
                .warning()
        })
        .collect()
}

/// A point without § is listed by the kallelse and nothing else: whatever belongs to a §
/// (a decision, a case, a vote …) contradicts it.
fn points_without_paragraph(loaded: &LoadedMeeting) -> Vec<Problem> {
    let source = &loaded.source;
    let by_paragraph = loaded.profile.profile.ärendeförteckning.punktnummer == AgendaNumbers::None;
    let mut problems = Vec::new();
    for (place, item) in &loaded.meeting.points_without_paragraph {
        let path = format!("paragrafer[{place}]");
        if loaded.delegated() {
            problems.push(source.problem(
                &format!("{path}.paragraf"),
                "delegeringsbeslut har ingen kallelse, och varje beslut är en paragraf: ta bort `paragraf: ingen`",
            ));
            continue;
        }
        if item.rubrik.as_deref().is_none_or(|r| r.trim().is_empty()) {
            problems.push(source.problem(
                &format!("{path}.paragraf"),
                "en punkt utan paragraf behöver en `rubrik`, t.ex. Upprop",
            ));
        }
        for key in fields_of::<Item>() {
            let at = format!("{path}.{key}");
            if !POINT_KEYS.contains(key) && source.positions.key(&at).is_some() {
                problems.push(source.problem(
                    &at,
                    format!(
                        "`{key}` hör till en paragraf, och punkten har ingen (`paragraf: ingen`): ta bort `{key}`, eller ge punkten en paragraf"
                    ),
                ));
            }
        }
        if item.numrerad == Some(true) && by_paragraph {
            problems.push(source.problem(
                &format!("{path}.numrerad"),
                "kallelsen numrerar punkterna med paragraferna (`ärendeförteckning.punktnummer: inga`), och punkten har ingen paragraf: ta bort `numrerad`, eller numrera punkterna för sig i profilen",
            ));
        }
    }
    problems
}

/// A § decided with delpunkter takes its dnr from them, and is no sub-item itself.
fn sub_points(loaded: &LoadedMeeting) -> Vec<Problem> {
    let source = &loaded.source;
    let mut problems = Vec::new();
    for item in loaded.items() {
        let i = item.item;
        if i.delpunkter.is_empty() {
            continue;
        }
        if i.dnr.is_some() {
            problems.push(source.problem(
                &item.field("dnr"),
                "paragrafens diarienummer står i dess delpunkter (`delpunkter[].dnr`): ta bort `dnr` här",
            ));
        }
        if i.head().is_some() {
            problems.push(source.problem(
                &item.field("delpunkter"),
                "en paragraf under en huvudpunkt är själv en delpunkt och kan inte ha egna delpunkter",
            ));
        }
        if i.delpunkter.len() > LETTERS {
            problems.push(source.problem(
                &item.field(&format!("delpunkter[{LETTERS}]")),
                format!("delpunkterna får bokstäverna a–z: högst {LETTERS}"),
            ));
        }
        for (j, point) in i.delpunkter.iter().enumerate() {
            let at = |key: &str| item.field(&format!("delpunkter[{j}].{key}"));
            let dnr = point.dnr.as_deref().map(str::trim);
            let earlier = (i.delpunkter[..j].iter())
                .position(|p| dnr.is_some() && p.dnr.as_deref().map(str::trim) == dnr);
            if let (Some(k), Some(dnr)) = (earlier, dnr) {
                problems.push(source.problem(
                    &at("dnr"),
                    format!("{dnr} står redan i delpunkt {}", (b'a' + k as u8) as char),
                ));
            }
            if point.rubrik.trim().is_empty() {
                problems.push(source.problem(&at("rubrik"), "delpunkten behöver en rubrik"));
            }
            match point.dnr.as_deref().map(str::trim) {
                Some("") => problems.push(source.problem(&at("dnr"), "dnr är tomt")),
                Some(dnr) => {
                    problems.extend(super::dnr_pattern(dnr, &loaded.profile, source, &at("dnr")))
                }
                None => {}
            }
        }
    }
    problems
}

/// The §§ under one huvudpunkt are its sub-items: one number, each with its letter, and
/// numbered by the point they belong to.
fn heads(loaded: &LoadedMeeting) -> Vec<Problem> {
    let source = &loaded.source;
    let mut problems = Vec::new();
    let mut previous: Option<(&str, ParagraphNumber)> = None;
    let mut heads: Vec<&str> = Vec::new();
    for item in loaded.items() {
        if item.item.huvudpunkt.is_some() && item.item.head().is_none() {
            problems.push(source.problem(
                &item.field("huvudpunkt"),
                "huvudpunkten behöver ett namn, som kallelsen skriver över dess paragrafer",
            ));
        }
        let Some(head) = item.item.head() else {
            previous = None;
            continue;
        };
        // The same name written otherwise makes a huvudpunkt of its own.
        if let Some(same) = heads
            .iter()
            .find(|h| **h != head && h.to_lowercase() == head.to_lowercase())
        {
            problems.push(source.problem(
                &item.field("huvudpunkt"),
                format!("huvudpunkten {head} skiljer sig från {same} bara i stora och små bokstäver, och blir en huvudpunkt för sig; menade du `{same}`?"),
            ));
        }
        if !heads.contains(&head) {
            heads.push(head);
        }
        if item.item.numrerad.is_some() {
            problems.push(source.problem(
                &item.field("numrerad"),
                "en paragraf under en huvudpunkt får huvudpunktens nummer och sin bokstav: ta bort `numrerad`",
            ));
        }
        if item
            .number
            .sub
            .is_some_and(|letter| !letter.is_ascii_lowercase())
        {
            problems.push(source.problem(
                &item.field("huvudpunkt"),
                format!("paragraferna under en huvudpunkt får bokstäverna a–z: högst {LETTERS}"),
            ));
        } else if item.number.sub.is_none() {
            problems.push(source.problem(
                &item.field("paragraf"),
                format!(
                    "paragraferna under huvudpunkten {head} har var sin bokstav (`{} a`); ange den, eller ta bort `paragraf` så räknas de ut",
                    item.number.number
                ),
            ));
        } else if let Some((before_head, before)) = previous
            && before_head == head
            && before.number != item.number.number
        {
            problems.push(source.problem(
                &item.field("paragraf"),
                format!(
                    "paragraferna under huvudpunkten {head} delar nummer: § {before} följs av § {}",
                    item.number
                ),
            ));
        }
        previous = Some((head, item.number));
    }
    problems
}

/// The lists head a group, or a huvudpunkt, once, before its first §: §§ that stand apart
/// would be headed twice.
fn scattered(
    loaded: &LoadedMeeting,
    (key, what, between): (&str, &str, &str),
    name: fn(&Item) -> Option<&str>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut begun = BTreeMap::new();
    let mut previous = None;
    for item in loaded.items() {
        let this = name(item.item);
        if let Some(this) = this
            && previous != Some(this)
        {
            match begun.get(this) {
                Some(first) => problems.push(loaded.source.problem(
                    &item.field(key),
                    format!("{what} {this} började redan vid § {first}, och {between}"),
                )),
                None => {
                    begun.insert(this, item.number);
                }
            }
        }
        previous = this;
    }
    problems
}
