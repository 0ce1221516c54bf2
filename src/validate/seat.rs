//! Those at the meeting without a seat (`observatörer`, `revisorer`,
//! `fackliga_företrädare`, `övriga_närvarande`), and who signs the protocol: a chair or
//! justerare is someone present with a seat.

use super::outside_meeting;
use crate::error::Problem;
use crate::facts::Roll;
use crate::model::{LoadedMeeting, ParagraphList};

/// Those present without a seat (`observatörer`, `revisorer`, `fackliga_företrädare`,
/// `övriga_närvarande`) neither serve nor count for beslutförhet, and neither chair nor
/// justera: one also listed as serving, or named as a chair or justerare, is refused at
/// that line.
pub(super) fn without_seat(loaded: &LoadedMeeting, roll: &Roll) -> Vec<Problem> {
    let meeting = &loaded.meeting;
    let mut problems = Vec::new();
    // Each stands once, without a seat, and their §§ are the meeting's, as a ledamot's are.
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (key, people) in meeting.non_members() {
        for (i, person) in people.iter().enumerate() {
            let at = |field: &str| format!("{key}[{i}].{field}");
            if roll.knows(&person.namn) {
                problems.push(loaded.source.problem(
                    &at("namn"),
                    format!(
                        "{} står både under `{key}` och bland ledamöterna och ersättarna: den som har en plats i organet står bara där, och under `{key}` räknas ingen för beslutförheten",
                        person.namn
                    ),
                ));
            }
            if let Some(written) = &person.paragrafer {
                match ParagraphList::parse(written) {
                    Some(list) => problems.extend(outside_meeting(loaded, &list, &at("paragrafer"))),
                    None => problems.push(loaded.source.problem(
                        &at("paragrafer"),
                        format!("`{written}` är inte paragrafer ur sammanträdet: skriv till exempel § 3, §§ 3–4 eller §§ 3 och 5"),
                    )),
                }
            }
            match seen.iter().find(|(name, _)| *name == person.namn) {
                Some((_, first)) => problems.push(loaded.source.problem(
                    &at("namn"),
                    format!(
                        "{} står redan under `{first}`: var och en står en gång, i en av grupperna",
                        person.namn
                    ),
                )),
                None => seen.push((&person.namn, key)),
            }
        }
    }
    problems
}

/// Who signs, each chair and justerare (with a stand-in), in one piece or in parts, was at
/// the meeting with a seat: refused at that line otherwise.
pub(super) fn signers(loaded: &LoadedMeeting, roll: &Roll) -> Vec<Problem> {
    let meeting = &loaded.meeting;
    let mut problems = Vec::new();
    // Who signs: each chair and justerare (with a stand-in), in one piece or in parts.
    let mut signers: Vec<(String, &str)> = Vec::new();
    let chair = meeting
        .ordförande
        .as_ref()
        .map(|c| ("ordförande".to_owned(), c));
    let part_chairs = (meeting.justeringar.iter().enumerate()).filter_map(|(p, part)| {
        Some((
            format!("justeringar[{p}].ordförande"),
            part.ordförande.as_ref()?,
        ))
    });
    for (field, person) in chair.into_iter().chain(part_chairs) {
        signers.push((format!("{field}.namn"), &person.namn));
    }
    let parts = (meeting.justeringar.iter().enumerate())
        .filter_map(|(p, part)| Some((format!("justeringar[{p}]."), part.justerare.as_ref()?)));
    for (at, approvers) in std::iter::once((String::new(), &meeting.justerare)).chain(parts) {
        for (a, approver) in approvers.iter().enumerate() {
            signers.push((format!("{at}justerare[{a}].namn"), &approver.namn));
            if let Some(stand_in) = &approver.ersättare {
                signers.push((format!("{at}justerare[{a}].ersättare"), stand_in));
            }
        }
    }
    // They attest what happened: people who were there, with a seat. Without an
    // attendance list there is no one to compare with.
    let act = "kan inte vara ordförande eller justera protokollet";
    for (field, name) in signers {
        let wrong = match group_without_seat(loaded, roll, name) {
            Some(key) => {
                format!("{name} står under `{key}` och {act}: det gör ledamöter och ersättare")
            }
            // The meeting's chair serves (or would, but for jäv): an ersättare who serves
            // in no § chairs none.
            None if field == "ordförande.namn"
                && roll.knows(name)
                && !loaded.items().any(|item| {
                    roll.serves(item.index, name) || item.item.jäv.iter().any(|j| j == name)
                }) =>
            {
                format!("{name} tjänstgör inte i någon paragraf och {act}")
            }
            None if roll.knows(name) || roll.names().is_empty() => continue,
            None if roll.is_absent(name) => format!("{name} är frånvarande och {act}"),
            None => {
                let hint = crate::model::did_you_mean(name, &roll.names())
                    .map(|hint| format!("; {hint}"))
                    .unwrap_or_default();
                format!(
                    "{name} är varken beslutande eller ersättare på sammanträdet och {act}: de väljs bland ledamöterna och ersättarna som är med{hint}"
                )
            }
        };
        problems.push(loaded.source.problem(&field, wrong));
    }
    problems
}

/// The group (`observatörer`, …) of `name` when they are present without a seat only.
pub(super) fn group_without_seat(
    loaded: &LoadedMeeting,
    roll: &Roll,
    name: &str,
) -> Option<&'static str> {
    if roll.knows(name) {
        return None;
    }
    let groups = loaded.meeting.non_members();
    let mut within = groups.into_iter();
    within.find_map(|(key, people)| people.iter().any(|p| p.namn == name).then_some(key))
}
