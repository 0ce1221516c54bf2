//! A stable, readable text of a case or a meeting for `git diff` (a textconv driver): what
//! the decision and the money say, one fact a line, with the totals the tool computes, so
//! that a reviewer sees "beviljat 2 669 520 kr → 2 719 520 kr" and not which YAML lines
//! moved.

use std::fmt::Write;

use crate::derive::{self, swedish};
use crate::error::Result;
use crate::model::{LoadedCase, LoadedMeeting, Proposal, SourceFile};

/// The text of the YAML file at `source`: a meeting or a case.
pub fn text(source: SourceFile) -> Result<String> {
    if source.is_meeting() {
        Ok(meeting(&LoadedMeeting::from_source(source)?))
    } else {
        Ok(case(&LoadedCase::from_source(source)?))
    }
}

fn case(loaded: &LoadedCase) -> String {
    let case = &loaded.case;
    let mut out = String::new();
    let _ = writeln!(out, "Tjänsteutlåtande: {}", case.rubrik);
    let _ = writeln!(out, "Nämnd: {}", case.nämnd);
    let _ = writeln!(out, "Dnr: {}", case.dnr.as_deref().unwrap_or("–"));
    let _ = writeln!(out, "Datum: {}", swedish::short_date(case.datum));
    for (i, point) in case.förslag_till_beslut.iter().enumerate() {
        let _ = writeln!(
            out,
            "Förslag till beslut, punkt {}: {}",
            i + 1,
            one_line(point)
        );
    }
    for (number, id) in derive::table_order(case).into_iter().enumerate() {
        let Some(table) = case.tabeller.get(id) else {
            continue;
        };
        let label = format!("Tabell {} ({id})", number + 1);
        for row in &table.ansökningar {
            let proposal = match row.förslag {
                Proposal::Refused => "avslag".to_owned(),
                Proposal::Referred => "hänvisning".to_owned(),
                other => swedish::kronor(derive::granted(other, table)),
            };
            let title = row.titel.as_deref().unwrap_or(&row.sökande);
            let _ = writeln!(
                out,
                "{label}, ansökan {}: {}; sökt {}; förslag {proposal}",
                row.nr,
                one_line(title),
                swedish::kronor(row.sökt)
            );
        }
        let totals = derive::totals(table);
        let _ = writeln!(
            out,
            "{label}: {} ansökningar; sökt totalt {}; beviljat totalt {}",
            totals.count,
            swedish::kronor(totals.requested),
            swedish::kronor(totals.granted)
        );
    }
    let _ = writeln!(out, "Sammanfattning:");
    for line in case.sammanfattning.lines() {
        let _ = writeln!(out, "  {line}");
    }
    for section in &case.avsnitt {
        let _ = writeln!(out, "Avsnitt: {}", section.rubrik);
        for line in section.text.iter().flat_map(|t| t.lines()) {
            let _ = writeln!(out, "  {line}");
        }
    }
    // Amounts print with no-break spaces in documents; a diff reads better with plain ones.
    out.replace(swedish::NBSP, " ")
}

fn meeting(loaded: &LoadedMeeting) -> String {
    let meeting = &loaded.meeting;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sammanträde: {} {}",
        meeting.nämnd,
        swedish::short_date(meeting.datum)
    );
    for member in &meeting.beslutande {
        let _ = writeln!(
            out,
            "Beslutande: {}",
            derive::procedure::label(meeting, &member.namn)
        );
    }
    for ((item, case), number) in meeting
        .paragrafer
        .iter()
        .zip(&loaded.cases)
        .zip(&loaded.numbers)
    {
        let heading = format!("§ {number}");
        let _ = writeln!(
            out,
            "{heading}: {} ({})",
            case.case.rubrik,
            case.case.dnr.as_deref().unwrap_or("utan dnr")
        );
        for (i, point) in derive::decision(item, &case.case).iter().enumerate() {
            let _ = writeln!(
                out,
                "{heading}, beslut punkt {}: {}",
                i + 1,
                one_line(point)
            );
        }
        if let Some(vote) = &item.omröstning {
            let result = derive::procedure::outcome(meeting, vote);
            let _ = writeln!(
                out,
                "{heading}, omröstning: {} ja, {} nej, {} avstår; beslut enligt {}",
                vote.röster.ja.len(),
                vote.röster.nej.len(),
                vote.röster.avstår.len(),
                if result.yes_wins { &vote.ja } else { &vote.nej }
            );
        }
        for reservation in &item.reservationer {
            let _ = writeln!(
                out,
                "{heading}, reservation: {}",
                derive::procedure::label(meeting, &reservation.av)
            );
        }
        let flags = [
            (item.omedelbar_justering, "omedelbart justerad"),
            (item.sekretess, "sekretess"),
            (item.information, "informationsärende"),
        ];
        for (_, flag) in flags.iter().filter(|(on, _)| *on) {
            let _ = writeln!(out, "{heading}: {flag}");
        }
    }
    out
}

/// A point or title on one line, whatever line breaks the YAML had.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
