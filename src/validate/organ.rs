//! Who the organ is: a gemensam nämnd names the municipalities that share it, its host,
//! and each member's own kommun.

use crate::error::Problem;
use crate::facts::MeetingFacts;
use crate::model::{LoadedMeeting, Member, OrganKind, SourceFile};
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
