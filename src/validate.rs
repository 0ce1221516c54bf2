//! Stage 2: what serde cannot check. Each problem points at the YAML value it is about;
//! all problems of a file are reported together.

use std::collections::{BTreeMap, BTreeSet};

use crate::derive::{self, swedish};
use crate::error::{Error, Problem, Result};
use crate::model::{Decision, LoadedCase, LoadedMeeting, Proposal};

/// Check a case: its tables, their rows and how sections use them.
pub fn case(loaded: &LoadedCase) -> Result<()> {
    let problems = case_problems(loaded);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}

fn case_problems(loaded: &LoadedCase) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    let mut problems = Vec::new();
    if case.förslag_till_beslut.is_empty() {
        problems.push(source.problem("förslag_till_beslut", "förslag till beslut saknar punkter"));
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
    let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, section) in case.avsnitt.iter().enumerate() {
        for (t, id) in section.tabeller.iter().enumerate() {
            *placed.entry(id).or_default() += 1;
            if !case.tabeller.contains_key(id) {
                let known: Vec<&str> = case.tabeller.keys().map(String::as_str).collect();
                problems.push(source.problem(
                    &format!("avsnitt[{s}].tabeller[{t}]"),
                    format!(
                        "det finns ingen tabell `{id}` (tabeller: {})",
                        known.join(", ")
                    ),
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
        let mut numbers = BTreeSet::new();
        for (r, row) in table.ansökningar.iter().enumerate() {
            let field = |name: &str| format!("{at}.ansökningar[{r}].{name}");
            if !numbers.insert(row.nr) {
                problems.push(source.problem(
                    &field("nr"),
                    format!("ansökan nr {} finns redan i tabellen", row.nr),
                ));
            }
            match (row.förslag, table.maxbelopp) {
                (Proposal::Amount(amount), _) if amount > row.sökt => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än sökt belopp {}", swedish::kronor(amount), swedish::kronor(row.sökt)),
                )),
                (Proposal::Amount(amount), Some(max)) if amount > max => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än tabellens maxbelopp {}", swedish::kronor(amount), swedish::kronor(max)),
                )),
                (Proposal::Capped, None) => problems.push(source.problem(
                    &field("förslag"),
                    format!("`maxbelopp` kräver att tabellen `{id}` anger `maxbelopp`"),
                )),
                (Proposal::Capped, Some(max)) if row.sökt <= max => problems.push(source.problem(
                    &field("förslag"),
                    format!("sökt belopp {} ryms inom maxbeloppet {}; ange beloppet i stället för `maxbelopp`", swedish::kronor(row.sökt), swedish::kronor(max)),
                )),
                _ => {}
            }
        }
    }
    problems
}

/// Check a meeting and, once each, the cases of its items.
pub fn meeting(loaded: &LoadedMeeting) -> Result<()> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    let mut seen_cases = BTreeSet::new();
    for case in &loaded.cases {
        if seen_cases.insert(case.source.path.clone()) {
            problems.extend(case_problems(case));
        }
    }
    if meeting.paragrafer.is_empty() {
        problems.push(source.problem("paragrafer", "sammanträdet har inga paragrafer"));
    }
    let mut numbers = BTreeSet::new();
    for (i, (item, case)) in meeting.paragrafer.iter().zip(&loaded.cases).enumerate() {
        let field = |name: &str| format!("paragrafer[{i}].{name}");
        if !numbers.insert(item.paragraf) {
            problems.push(source.problem(
                &field("paragraf"),
                format!("§ {} finns redan i sammanträdet", item.paragraf),
            ));
        }
        if case.case.datum > meeting.datum {
            problems.push(source.problem(
                &field("ärende"),
                format!(
                    "tjänsteutlåtandet är daterat {} , efter sammanträdet {}",
                    swedish::short_date(case.case.datum),
                    swedish::short_date(meeting.datum)
                ),
            ));
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
        if derive::decision(item, &case.case)
            .iter()
            .any(|p| p.trim().is_empty())
        {
            problems.push(source.problem(&field("beslut"), "en beslutspunkt är tom"));
        }
    }
    if let Some(adjustment) = &meeting.justering
        && adjustment.datum < meeting.datum
    {
        problems.push(source.problem(
            "justering.datum",
            "justeringen är daterad före sammanträdet",
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}
