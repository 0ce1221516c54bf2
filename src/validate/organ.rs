//! Who the organ is: a gemensam nämnd names the municipalities that share it, its host,
//! and each member's own kommun; a fullmäktige elected in several valkretsar each
//! member's valkrets.

use crate::error::Problem;
use crate::facts::MeetingFacts;
use crate::model::{LoadedMeeting, Member, OrganKind, ROSTER_FILE, SourceFile, VACANT};
use crate::swedish;

/// A gemensam nämnd names the municipalities that share it and its host, and each
/// member's `kommun` (in the meeting or the organ's roll) is one of them; no other organ
/// has either.
pub(super) fn joint_committee(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let (organ, source) = (
        loaded.meeting.organ.clone().unwrap_or_default(),
        &loaded.source,
    );
    let joint = facts.organ.kind == OrganKind::JointCommittee;
    let mut problems = Vec::new();
    if joint && organ.samverkande.len() < 2 {
        problems.push(source.problem(
            "organ",
            "en gemensam nämnd behöver `samverkande`: kommunerna (eller regionerna) som har nämnden, minst två, t.ex. [Ekby, Norrby]",
        ));
    }
    match &organ.värdkommun {
        None if joint => problems.push(source.problem(
            "organ",
            "en gemensam nämnd behöver sin `värdkommun`, t.ex. Ekby kommun",
        )),
        Some(host)
            if joint
                && organ.samverkande.len() >= 2
                && !organ
                    .samverkande
                    .iter()
                    .any(|s| names_municipality(host, s)) =>
        {
            problems.push(source.problem(
                "organ.värdkommun",
                format!(
                    "värdkommunen {host} är inte en av de samverkande ({})",
                    swedish::join_and(&organ.samverkande)
                ),
            ));
        }
        _ => {}
    }
    if !joint && (organ.värdkommun.is_some() || !organ.samverkande.is_empty()) {
        let field = match organ.värdkommun {
            Some(_) => "organ.värdkommun",
            None => "organ.samverkande",
        };
        problems.push(source.problem(
            field,
            "`värdkommun` och `samverkande` gäller bara en gemensam nämnd (`organ.typ: gemensam_nämnd`)",
        ));
    }
    // Each `kommun` written, in the meeting and in the roll, with where it stands.
    let meeting = &loaded.meeting;
    let written = |key: &str, list: &[Member]| -> Vec<(String, String)> {
        (list.iter().enumerate())
            .filter_map(|(i, m)| Some((format!("{key}[{i}].kommun"), m.kommun.clone()?)))
            .collect()
    };
    let mut given: Vec<(&SourceFile, String, String)> = Vec::new();
    for (field, kommun) in written("beslutande", &meeting.beslutande)
        .into_iter()
        .chain(written("ersättare", &meeting.ersättare))
    {
        given.push((source, field, kommun));
    }
    if let Some(roster) = &loaded.roster {
        let roll = &roster.roster;
        let entries = (roll.ledamöter.iter().enumerate())
            .map(|(i, m)| (format!("ledamöter[{i}].kommun"), &m.kommun))
            .chain(
                (roll.ersättare.iter().enumerate())
                    .map(|(i, m)| (format!("ersättare[{i}].kommun"), &m.kommun)),
            )
            .chain((roll.ändringar.iter().enumerate()).filter_map(|(i, c)| {
                Some((
                    format!("ändringar[{i}].efterträdare.kommun"),
                    &c.efterträdare.as_ref()?.kommun,
                ))
            }));
        for (field, kommun) in entries {
            if let Some(kommun) = kommun {
                given.push((&roster.source, field, kommun.clone()));
            }
        }
    }
    for (file, field, kommun) in given {
        if !joint {
            problems.push(file.problem(
                &field,
                "`kommun` gäller ledamöter i en gemensam nämnd (`organ.typ: gemensam_nämnd`)",
            ));
        } else if organ.samverkande.len() >= 2
            && !(organ.samverkande.iter())
                .any(|s| names_municipality(&kommun, s) || names_municipality(s, &kommun))
        {
            problems.push(file.problem(
                &field,
                format!(
                    "{kommun} är inte en av de samverkande ({})",
                    swedish::join_and(&organ.samverkande)
                ),
            ));
        }
    }
    problems
}

/// Whether `host` (`Ekby kommun`) names the municipality `name` (`Ekby`, `Ekby kommun`).
fn names_municipality(host: &str, name: &str) -> bool {
    host == name
        || host
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(' '))
}

/// A fullmäktige elected in several valkretsar: a meeting written without the organ's roll
/// gives everyone on it (`beslutande`, `ersättare`, `frånvarande`, `vakanser`) a valkrets
/// once anyone has one, one the roll names has the roll's, and an ersättare serves only
/// for a ledamot of their own valkrets: ersättare are elected per party within each
/// (vallagen), so one from another valkrets has no right to the seat.
pub(super) fn constituencies(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut written: Vec<(String, Option<&str>, Option<&str>)> = Vec::new();
    for (key, list) in [
        ("beslutande", &meeting.beslutande),
        ("ersättare", &meeting.ersättare),
    ] {
        for (i, m) in list.iter().enumerate() {
            written.push((format!("{key}[{i}]"), Some(&m.namn), m.valkrets.as_deref()));
        }
    }
    for (i, a) in meeting.frånvarande.iter().enumerate() {
        written.push((
            format!("frånvarande[{i}]"),
            Some(&a.namn),
            a.valkrets.as_deref(),
        ));
    }
    for (i, v) in meeting.vakanser.iter().enumerate() {
        written.push((format!("vakanser[{i}]"), None, v.valkrets.as_deref()));
    }
    let mut problems = Vec::new();
    match &loaded.composition {
        Some(composition) => {
            for (at, name, valkrets) in &written {
                let (Some(name), Some(valkrets)) = (name, valkrets) else {
                    continue;
                };
                let Some(seat) = composition.seat_of(name) else {
                    continue;
                };
                let on_roll = match &seat.constituency {
                    Some(theirs) if theirs == valkrets => continue,
                    Some(theirs) => format!("i valkretsen {theirs}"),
                    None => "utan valkrets".to_owned(),
                };
                problems.push(source.problem(
                    &format!("{at}.valkrets"),
                    format!("{name} står {on_roll} i {ROSTER_FILE}, inte i {valkrets}"),
                ));
            }
        }
        None if written.iter().any(|(_, _, valkrets)| valkrets.is_some()) => {
            for (at, name, _) in written.iter().filter(|(_, _, v)| v.is_none()) {
                let who = name.map_or_else(|| "den vakanta platsen".to_owned(), str::to_owned);
                problems.push(source.problem(
                    at,
                    format!("{who} saknar valkrets; när sammanträdet delar ledamöterna i valkretsar anger varje ledamot, ersättare och vakant plats sin (`valkrets: …`)"),
                ));
            }
        }
        None => {}
    }
    // With the roll, its valkretsar: one the meeting gets wrong is said above, once.
    let roll = &facts.roll;
    let valkrets_of = |name: &str| match &loaded.composition {
        Some(composition) => (composition.seat_of(name)).and_then(|s| s.constituency.as_deref()),
        None => roll.constituency(name),
    };
    for attendant in &roll.attendants {
        let member = &attendant.member;
        let Some(replaced) = member.ersätter.as_deref().filter(|r| *r != VACANT) else {
            continue;
        };
        let (Some(theirs), Some(seat)) = (valkrets_of(&member.namn), valkrets_of(replaced)) else {
            continue;
        };
        if theirs != seat {
            problems.push(source.problem(
                &attendant.field("ersätter"),
                format!(
                    "{} är ersättare i valkretsen {theirs} och kan inte tjänstgöra för {replaced}, som är vald i valkretsen {seat}: ersättarna utses per parti i varje valkrets (vallagen) och tjänstgör bara för dess ledamöter",
                    member.namn
                ),
            ));
        }
    }
    problems
}
