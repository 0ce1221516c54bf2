//! Stage 2: what serde cannot check. Each problem points at the YAML value it is about;
//! all problems of a file are reported together. Errors stop the build; warnings point at
//! what is unusual but legal.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::derive::{self, calendar, swedish};
use crate::error::Problem;
use crate::model::{Decision, LoadedCase, LoadedMeeting, Numbering, Proposal};

/// Kommunallagen 5 kap. 69 §: the protocol is justerat within 14 days.
pub const ADJUSTMENT_DAYS: i64 = 14;

/// A statement older than this at its meeting is worth a second look.
const STALE_STATEMENT_DAYS: i64 = 180;

/// Check a case: its header, tables, their rows and how sections use them.
pub fn case(loaded: &LoadedCase) -> Vec<Problem> {
    case_problems(loaded, false)
}

/// The problems of a case; one taken up only as an informationsärende needs no proposal.
fn case_problems(loaded: &LoadedCase, information: bool) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    let mut problems = Vec::new();
    if case.förslag_till_beslut.is_empty() && !information {
        problems.push(
            source
                .problem("rubrik", "tjänsteutlåtandet har inget förslag till beslut; det kan bara tas upp som informationsärende")
                .warning(),
        );
    }
    for (i, point) in case.förslag_till_beslut.iter().enumerate() {
        if point.trim().is_empty() {
            problems.push(source.problem(
                &format!("förslag_till_beslut[{i}]"),
                "beslutspunkten är tom",
            ));
        }
    }
    for (field, text) in [
        ("nämnd", &case.nämnd),
        ("förvaltning", &case.förvaltning),
        ("rubrik", &case.rubrik),
    ] {
        if text.trim().is_empty() {
            problems.push(source.problem(field, format!("{field} är tomt")));
        }
    }
    match (&case.dnr, &loaded.profile.source) {
        (None, _) => problems.push(
            source
                .problem(
                    "rubrik",
                    "ärendet saknar dnr; registratorn behöver det innan handlingen expedieras",
                )
                .warning(),
        ),
        (Some(dnr), Some(profile)) => problems.extend(dnr_pattern(dnr, loaded, profile)),
        (Some(_), None) => {}
    }
    if let Some(meeting) = case.sammanträde
        && case.datum > meeting
    {
        problems.push(source.problem(
            "datum",
            format!(
                "tjänsteutlåtandet är daterat efter sammanträdet {}",
                swedish::short_date(meeting)
            ),
        ));
    }
    problems.extend(tables(loaded));
    problems
}

fn dnr_pattern(
    dnr: &str,
    loaded: &LoadedCase,
    profile_source: &crate::model::SourceFile,
) -> Vec<Problem> {
    let Some(pattern) = &loaded.profile.profile.dnr_mönster else {
        return Vec::new();
    };
    match regex_lite::Regex::new(pattern) {
        Err(e) => vec![profile_source.problem(
            "dnr_mönster",
            format!("dnr_mönster är inget giltigt reguljärt uttryck: {e}"),
        )],
        Ok(regex) if !regex.is_match(dnr) => vec![loaded.source.problem(
            "dnr",
            format!(
                "dnr `{dnr}` följer inte nämndens mönster `{pattern}` ({})",
                profile_source.path.display()
            ),
        )],
        Ok(_) => Vec::new(),
    }
}

fn tables(loaded: &LoadedCase) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    let mut problems = Vec::new();
    let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, section) in case.avsnitt.iter().enumerate() {
        for (t, id) in section.tabeller.iter().enumerate() {
            *placed.entry(id).or_default() += 1;
            if !case.tabeller.contains_key(id) {
                let known: Vec<&str> = case.tabeller.keys().map(String::as_str).collect();
                let hint = crate::model::nearest(id, &known).map_or_else(
                    || format!("tabeller: {}", known.join(", ")),
                    |near| format!("menade du `{near}`?"),
                );
                problems.push(source.problem(
                    &format!("avsnitt[{s}].tabeller[{t}]"),
                    format!("det finns ingen tabell `{id}`; {hint}"),
                ));
            }
        }
    }
    for (id, table) in &case.tabeller {
        let at = format!("tabeller.{id}");
        match placed.get(id.as_str()) {
            None => problems.push(source.problem(&at, format!("tabellen `{id}` står inte i något avsnitt (lägg till den under ett avsnitts `tabeller`)"))),
            Some(n) if *n > 1 => problems.push(source.problem(&at, format!("tabellen `{id}` står i {n} avsnitt; den får stå i ett"))),
            _ => {}
        }
        let totals = derive::totals(table);
        for (field, stated, computed) in [
            ("summa_sökt", table.summa_sökt, totals.requested),
            ("summa_beviljat", table.summa_beviljat, totals.granted),
        ] {
            if let Some(stated) = stated.filter(|s| *s != computed) {
                problems.push(source.problem(
                    &format!("{at}.{field}"),
                    format!(
                        "angiven summa {} stämmer inte med raderna: {}",
                        swedish::kronor(stated),
                        swedish::kronor(computed)
                    ),
                ));
            }
        }
        let mut numbers = BTreeSet::new();
        for (r, row) in table.ansökningar.iter().enumerate() {
            let field = |name: &str| format!("{at}.ansökningar[{r}].{name}");
            if !numbers.insert(row.nr) {
                problems.push(source.problem(
                    &field("nr"),
                    format!("ansökan nr {} finns redan i tabellen", row.nr),
                ));
            }
            let kr = swedish::kronor;
            match (row.förslag, table.maxbelopp) {
                (Proposal::Amount(amount), _) if amount > row.sökt => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än sökt belopp {}", kr(amount), kr(row.sökt)),
                )),
                (Proposal::Amount(amount), Some(max)) if amount > max => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än tabellens maxbelopp {}", kr(amount), kr(max)),
                )),
                (Proposal::Amount(amount), _) if amount.0 == 0 => problems.push(
                    source.problem(&field("förslag"), "förslaget är 0 kr; skriv `avslag` om ansökan avslås").warning(),
                ),
                (Proposal::Capped, None) => problems.push(source.problem(
                    &field("förslag"),
                    format!("`maxbelopp` kräver att tabellen `{id}` anger `maxbelopp`"),
                )),
                (Proposal::Capped, Some(max)) if row.sökt <= max => problems.push(source.problem(
                    &field("förslag"),
                    format!("sökt belopp {} ryms inom maxbeloppet {}; ange beloppet i stället för `maxbelopp`", kr(row.sökt), kr(max)),
                )),
                _ => {}
            }
        }
    }
    problems
}

/// Check a meeting and, once each, the cases of its items.
pub fn meeting(loaded: &LoadedMeeting) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    let mut seen_cases = BTreeSet::new();
    for case in &loaded.cases {
        if seen_cases.insert(case.source.path.clone()) {
            let information = meeting
                .paragrafer
                .iter()
                .zip(&loaded.cases)
                .filter(|(_, c)| c.source.path == case.source.path)
                .all(|(item, _)| item.information);
            problems.extend(case_problems(case, information));
        }
    }
    if meeting.paragrafer.is_empty() {
        problems.push(source.problem("paragrafer", "sammanträdet har inga paragrafer"));
    }
    let mut numbers = BTreeSet::new();
    let items = meeting
        .paragrafer
        .iter()
        .zip(&loaded.cases)
        .zip(&loaded.numbers);
    for (i, ((item, case), number)) in items.enumerate() {
        let field = |name: &str| format!("paragrafer[{i}].{name}");
        if !numbers.insert(*number) {
            problems.push(source.problem(
                &field("paragraf"),
                format!("§ {number} finns redan i sammanträdet"),
            ));
        }
        let statement = case.case.datum;
        let days = days_between(statement, meeting.datum);
        if days < 0 {
            problems.push(source.problem(
                &field("ärende"),
                format!(
                    "tjänsteutlåtandet är daterat {}, efter sammanträdet {}",
                    swedish::short_date(statement),
                    swedish::short_date(meeting.datum)
                ),
            ));
        } else if days > STALE_STATEMENT_DAYS {
            problems.push(
                source
                    .problem(&field("ärende"), format!("tjänsteutlåtandet är {days} dagar äldre än sammanträdet; är det rätt ärende?"))
                    .warning(),
            );
        }
        match &item.beslut {
            Some(Decision::Reworded(changes)) => {
                let points = case.case.förslag_till_beslut.len();
                for number in changes.keys().filter(|n| **n == 0 || **n > points) {
                    problems.push(source.problem(
                        &format!("{}.{number}", field("beslut")),
                        format!("förslaget till beslut har punkterna 1–{points}; punkt {number} finns inte"),
                    ));
                }
            }
            Some(Decision::Points(points)) if points.is_empty() => {
                problems.push(source.problem(&field("beslut"), "beslutet saknar punkter"));
            }
            _ => {}
        }
        let decision = derive::decision(item, &case.case);
        if decision.iter().any(|p| p.trim().is_empty()) {
            problems.push(source.problem(&field("beslut"), "en beslutspunkt är tom"));
        }
        if decision.is_empty() && !item.information {
            problems.push(source.problem(
                &field("ärende"),
                "paragrafen har inget beslut: ärendet saknar förslag till beslut (ange `beslut`, eller `information: true` för ett informationsärende)",
            ));
        }
        problems.extend(participants(loaded, i, item));
    }
    problems.extend(numbering_gaps(loaded));
    problems.extend(adjustment(loaded));
    problems
}

/// A § number that skips numbers is legal but deserves a look: a given number that jumps
/// ahead of the item before, or, when numbering runs through the year, a first number
/// that is not where the year's numbering stands. (A meeting file may list only some of
/// its §§, so a meeting numbered on its own may start anywhere.)
fn numbering_gaps(loaded: &LoadedMeeting) -> Vec<Problem> {
    let yearly = loaded.profile.profile.paragrafnumrering == Numbering::Yearly;
    let mut expected = if yearly {
        loaded.first_number
    } else {
        loaded.numbers.first().map_or(1, |n| n.number)
    };
    let mut problems = Vec::new();
    for (i, number) in loaded.numbers.iter().enumerate() {
        if number.number > expected {
            let after = match i {
                0 => format!("numreringen står på § {expected}"),
                _ => format!("§ {} följs av § {number}", loaded.numbers[i - 1]),
            };
            problems.push(
                loaded
                    .source
                    .problem(
                        &format!("paragrafer[{i}].paragraf"),
                        format!("hopp i paragrafnumreringen: {after}"),
                    )
                    .warning(),
            );
        }
        expected = expected.max(number.number + 1);
    }
    problems
}

/// Who proposed, voted, reserved themselves or left the item must be a member present, and
/// a vote must count every member who took part.
fn participants(loaded: &LoadedMeeting, i: usize, item: &crate::model::Item) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let field = |name: &str| format!("paragrafer[{i}].{name}");
    let members: BTreeSet<&str> = meeting.beslutande.iter().map(|m| m.namn.as_str()).collect();
    let mut problems = Vec::new();
    let mut named: Vec<(String, &str)> = Vec::new();
    named.extend(
        item.yrkanden
            .iter()
            .enumerate()
            .map(|(j, m)| (field(&format!("yrkanden[{j}].av")), m.av.as_str())),
    );
    named.extend(
        item.reservationer
            .iter()
            .enumerate()
            .map(|(j, r)| (field(&format!("reservationer[{j}].av")), r.av.as_str())),
    );
    named.extend(
        item.jäv
            .iter()
            .enumerate()
            .map(|(j, n)| (field(&format!("jäv[{j}]")), n.as_str())),
    );
    if let Some(vote) = &item.omröstning {
        for (side, names) in [
            ("ja", &vote.röster.ja),
            ("nej", &vote.röster.nej),
            ("avstår", &vote.röster.avstår),
        ] {
            named.extend(
                names
                    .iter()
                    .enumerate()
                    .map(|(j, n)| (field(&format!("omröstning.röster.{side}[{j}]")), n.as_str())),
            );
        }
    }
    for (at, name) in &named {
        if !members.contains(name) {
            let known: Vec<&str> = members.iter().copied().collect();
            let hint = crate::model::nearest(name, &known).map_or_else(
                || "ange ledamöterna under `beslutande`".to_owned(),
                |near| format!("menade du `{near}`?"),
            );
            problems
                .push(source.problem(at, format!("{name} finns inte bland de beslutande; {hint}")));
        }
    }
    if item.information
        && (!item.yrkanden.is_empty()
            || item.omröstning.is_some()
            || !item.reservationer.is_empty())
    {
        problems.push(source.problem(
            &field("information"),
            "ett informationsärende har inga yrkanden, omröstningar eller reservationer",
        ));
    }
    if let Some(vote) = &item.omröstning {
        let voters: Vec<&String> = vote
            .röster
            .ja
            .iter()
            .chain(&vote.röster.nej)
            .chain(&vote.röster.avstår)
            .collect();
        let mut seen = BTreeSet::new();
        for voter in &voters {
            if !seen.insert(voter.as_str()) {
                problems.push(source.problem(
                    &field("omröstning.röster"),
                    format!("{voter} har röstat två gånger"),
                ));
            }
            if item.jäv.contains(voter) {
                problems.push(source.problem(
                    &field("omröstning.röster"),
                    format!("{voter} har anmält jäv och får inte rösta"),
                ));
            }
        }
        let missing: Vec<&str> = members
            .iter()
            .copied()
            .filter(|m| !seen.contains(m) && !item.jäv.iter().any(|j| j == m))
            .collect();
        if !missing.is_empty() {
            problems.push(source.problem(
                &field("omröstning.röster"),
                format!("alla beslutande som deltar ska finnas med i omröstningen (som ja, nej eller avstår); saknas: {}", missing.join(", ")),
            ));
        }
    }
    problems
}

/// Justering: after the meeting, within 14 days, by the chair and a justerare.
fn adjustment(loaded: &LoadedMeeting) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    match &meeting.justering {
        Some(adjustment) => {
            let days = days_between(meeting.datum, adjustment.datum);
            if days < 0 {
                problems.push(source.problem(
                    "justering.datum",
                    "justeringen är daterad före sammanträdet",
                ));
            } else if days > ADJUSTMENT_DAYS {
                problems.push(source.problem(
                    "justering.datum",
                    format!("justeringen sker {days} dagar efter sammanträdet; protokollet ska justeras inom {ADJUSTMENT_DAYS} dagar (KL 5 kap. 69 §)"),
                ));
            }
        }
        None if meeting
            .paragrafer
            .iter()
            .any(|item| !item.omedelbar_justering) =>
        {
            problems.push(source.problem("datum", "justeringens datum saknas (`justering.datum`); protokollsutdraget visar då ingen justering").warning());
        }
        None => {}
    }
    if let Some(notice) = &meeting.anslag {
        match (derive::adjustment_date(meeting), notice.datum) {
            (None, _) => problems.push(source.problem(
                "anslag",
                "anslaget kräver ett justeringsdatum (`justering.datum`, eller omedelbar justering av alla paragrafer)",
            )),
            (Some(adjusted), Some(posted)) if posted < adjusted => {
                problems.push(source.problem("anslag.datum", "anslaget sätts upp före justeringen"));
            }
            (Some(adjusted), Some(posted)) if posted > calendar::latest_posting(adjusted) => {
                problems.push(source.problem(
                    "anslag.datum",
                    format!(
                        "anslaget ska sättas upp senast andra dagen efter justeringen, {} (KL 8 kap. 12 §)",
                        swedish::short_date(calendar::latest_posting(adjusted))
                    ),
                ));
            }
            _ => {}
        }
    }
    if meeting.ordförande.is_none() || meeting.justerare.is_empty() {
        problems.push(
            source
                .problem("sekreterare", "ordförande eller justerare saknas; protokollet justeras av ordföranden och minst en justerare")
                .warning(),
        );
    }
    problems
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}
