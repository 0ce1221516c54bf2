//! Who may do what in a §: only those serving vote, propose and reserve themselves (KL 4
//! kap. 26 §, 5 kap. 55 §), every one of them votes once, anyone present may enter a
//! protokollsanteckning, and each seat is served by one person at a time.

use std::collections::BTreeMap;

use crate::error::Problem;
use crate::facts::Attendant;
use crate::facts::{self, MeetingFacts, Roll};
use crate::model::{
    BallotSide, ClockTime, LoadedItem, LoadedMeeting, MeetingTime, Names, ParagraphList, Remote,
};
use crate::swedish::capitalized;

use super::outside_meeting;
use super::seat::{self, group_without_seat};

/// The roll itself: the §§ it names exist, and nobody and no seat serves twice in a §.
pub fn roll(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let source = &loaded.source;
    let roll = &facts.roll;
    let mut problems = Vec::new();
    for attendant in &roll.attendants {
        for (key, list) in [
            ("paragrafer", &attendant.member.paragrafer),
            ("ej_paragrafer", &attendant.member.ej_paragrafer),
            ("gick_före_beslutet", &attendant.member.gick_före_beslutet),
        ] {
            let Some(list) = list else { continue };
            problems.extend(outside_meeting(loaded, list, &attendant.field(key)));
        }
        problems.extend(taking_part(loaded, roll, attendant));
        if attendant.member.ersätter.as_deref() == Some(attendant.member.namn.as_str()) {
            problems.push(source.problem(
                &attendant.field("ersätter"),
                "en ersättare kan inte ersätta sig själv",
            ));
        }
        // Jäv aside (that is said in the §): an entry whose own §§ leave nothing to serve.
        if attendant.serves_somewhere() && !loaded.numbers.iter().any(|n| attendant.covers(*n)) {
            problems.push(
                source
                    .problem(
                        &attendant.field("namn"),
                        format!("{} tjänstgör inte i någon paragraf", attendant.member.namn),
                    )
                    .warning(),
            );
        }
    }
    for (i, absent) in loaded.meeting.frånvarande.iter().enumerate() {
        if roll.attendants.iter().any(|a| a.member.namn == absent.namn) {
            problems.push(source.problem(
                &format!("frånvarande[{i}].namn"),
                format!(
                    "{} står både bland de närvarande och de frånvarande",
                    absent.namn
                ),
            ));
        }
    }
    problems.extend(seat::without_seat(loaded, roll));
    problems.extend(seat::signers(loaded, roll));
    // A vacant seat is its valkrets's: an ersättare serves on one of their own valkrets.
    let vacant_in: Vec<&str> = (roll.vacancies.iter())
        .filter_map(|v| v.constituency.as_deref())
        .collect();
    for attendant in roll.attendants.iter().filter(|a| {
        a.member.ersätter.as_deref() == Some(crate::model::VACANT) && !vacant_in.is_empty()
    }) {
        let member = &attendant.member;
        if let Some(own) = member.valkrets.as_deref()
            && !vacant_in.contains(&own)
        {
            let mut seats: Vec<&str> = Vec::new();
            for seat in &vacant_in {
                if !seats.contains(seat) {
                    seats.push(seat);
                }
            }
            problems.push(source.problem(
                &attendant.field("ersätter"),
                format!(
                    "{} är ersättare i valkretsen {own} och kan inte tjänstgöra på en vakant plats i en annan valkrets: de vakanta platserna hör till {}",
                    member.namn,
                    crate::swedish::join_and(&seats)
                ),
            ));
        }
    }
    let vacancies = roll.vacancies.len();
    for item in loaded.items() {
        let here = &roll.serving[item.index];
        // Beslutförhet: more than half of the seats serve (KL 5 kap. 57 §, 6 kap. 27 §).
        if let Some(seats) = facts.seats {
            let serving = roll.serving_names(item.index).len();
            if serving * 2 <= seats {
                let law = match facts.organ.kind {
                    crate::model::OrganKind::Assembly => "KL 5 kap. 57 §",
                    _ => "KL 6 kap. 27 §",
                };
                problems.push(source.problem(
                    &item.field("paragraf"),
                    format!(
                        "{} är inte beslutför i § {}: {serving} av {seats} platser tjänstgör, mer än hälften krävs ({law})",
                        capitalized(&facts.organ.short),
                        item.number
                    ),
                ));
            }
        }
        let in_vacant = here
            .iter()
            .filter(|&&i| {
                roll.attendants[i].member.ersätter.as_deref() == Some(crate::model::VACANT)
            })
            .count();
        if in_vacant > vacancies {
            problems.push(source.problem(
                &item.field("paragraf"),
                format!("{in_vacant} ersättare tjänstgör för en vakant plats i § {}, men sammanträdet har {vacancies} vakanser (`vakanser`)", item.number),
            ));
        }
        let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_seat: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in here {
            let attendant = &roll.attendants[i];
            let name = attendant.member.namn.as_str();
            if by_name.insert(name, i).is_some() {
                problems.push(source.problem(
                    &attendant.field("paragrafer"),
                    format!(
                        "{name} står två gånger som tjänstgörande i § {}",
                        item.number
                    ),
                ));
            }
            if let Some(seat) = attendant
                .member
                .ersätter
                .as_deref()
                .filter(|s| *s != crate::model::VACANT)
            {
                if roll.serves(item.index, seat) {
                    problems.push(source.problem(
                        &attendant.field("ersätter"),
                        format!("{seat} tjänstgör själv i § {}; {name} kan inte tjänstgöra i hens ställe där (ange `paragrafer`)", item.number),
                    ));
                }
                if let Some(&other) = by_seat.get(seat) {
                    problems.push(source.problem(
                        &attendant.field("ersätter"),
                        format!(
                            "både {} och {name} tjänstgör för {seat} i § {}",
                            roll.attendants[other].member.namn, item.number
                        ),
                    ));
                }
                by_seat.insert(seat, i);
            }
        }
    }
    problems
}

/// What an act in a § asks of the one who does it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Serving (tjänstgörande): to propose, vote, reserve oneself or chair.
    Serving,
    /// Present, serving or not: to enter a protokollsanteckning.
    Present,
}

/// How someone took part: remote §§ the meeting has and they attended, and times of
/// arriving and leaving within the meeting's, in that order, with §§ that show it.
fn taking_part(loaded: &LoadedMeeting, roll: &Roll, attendant: &Attendant) -> Vec<Problem> {
    let (source, member) = (&loaded.source, &attendant.member);
    let mut problems = Vec::new();
    if let Remote::Paragraphs(list) = &member.distans {
        for (index, number) in loaded.numbers.iter().enumerate() {
            if list.contains(*number) && !roll.present(index, &member.namn) {
                problems.push(source.problem(
                    &attendant.field("distans"),
                    format!(
                        "{} deltar på distans i § {number} men är inte med i den paragrafen",
                        member.namn
                    ),
                ));
            }
        }
        problems.extend(outside_meeting(loaded, list, &attendant.field("distans")));
    }
    let sitting = match &loaded.meeting.tid {
        Some(MeetingTime::Span(sitting)) => Some(sitting),
        _ => None,
    };
    for (key, time) in [("kom", member.kom), ("gick", member.gick)] {
        let (Some(time), Some(sitting)) = (time, sitting) else {
            continue;
        };
        // A meeting that runs past midnight ends "before" it starts.
        let minutes = |t: ClockTime| {
            let m = u32::from(t.hour) * 60 + u32::from(t.minute);
            if m < u32::from(sitting.från.hour) * 60 + u32::from(sitting.från.minute) {
                m + 24 * 60
            } else {
                m
            }
        };
        let outside = sitting.till.is_some_and(|end| minutes(time) > minutes(end))
            || (sitting.till.is_none() && time < sitting.från);
        if outside {
            let end = sitting.till.map(|t| format!("–{t}")).unwrap_or_default();
            problems.push(source.problem(
                &attendant.field(key),
                format!(
                    "kl. {time} ligger utanför sammanträdet (kl. {}{end})",
                    sitting.från
                ),
            ));
        }
    }
    if let (Some(came), Some(left)) = (member.kom, member.gick)
        && left <= came
    {
        problems.push(source.problem(
            &attendant.field("gick"),
            format!(
                "{} gick kl. {left}, före kl. {came} då hen kom",
                member.namn
            ),
        ));
    }
    // Arriving late or leaving early means some §§ were missed: the entry says which, or
    // an ersättare's §§ in the seat do.
    problems.extend(left_before_decision(loaded, attendant));
    let whole = member.paragrafer.is_none()
        && member.ej_paragrafer.is_none()
        && member.gick_före_beslutet.is_none()
        && attendant.replaced_in.is_empty();
    if whole && (member.kom.is_some() || member.gick.is_some()) && attendant.serves_somewhere() {
        let key = if member.kom.is_some() { "kom" } else { "gick" };
        problems.push(
            source
                .problem(
                    &attendant.field(key),
                    format!(
                        "{} kom eller gick under sammanträdet men står som med i alla paragrafer: ange vilka (`paragrafer` eller `ej_paragrafer`)",
                        member.namn
                    ),
                )
                .warning(),
        );
    }
    problems
}

/// A § left before its decision is one §, and the entry's own §§ end before it.
fn left_before_decision(loaded: &LoadedMeeting, attendant: &Attendant) -> Vec<Problem> {
    let member = &attendant.member;
    let Some(list) = &member.gick_före_beslutet else {
        return Vec::new();
    };
    let field = attendant.field("gick_före_beslutet");
    let Some(left) = list.single() else {
        return vec![loaded.source.problem(
            &field,
            "`gick_före_beslutet` är en paragraf, den under vilken personen gick: t.ex. § 5",
        )];
    };
    let listed = |list: &Option<ParagraphList>| {
        (loaded.numbers.iter().copied())
            .find(|&n| n >= left && list.as_ref().is_some_and(|l| l.contains(n)))
    };
    match listed(&member.paragrafer) {
        Some(number) => vec![loaded.source.problem(
            &attendant.field("paragrafer"),
            format!(
                "{} gick före beslutet i § {left} men står som med i § {number}",
                member.namn
            ),
        )],
        None => Vec::new(),
    }
}

/// Why `name` cannot `act` in the § of `item`, if they cannot.
fn cannot(
    loaded: &LoadedMeeting,
    roll: &Roll,
    item: &LoadedItem,
    name: &str,
    act: &str,
    need: Need,
) -> Option<String> {
    let able = match need {
        Need::Serving => roll.serves(item.index, name),
        Need::Present => roll.present(item.index, name),
    };
    if able {
        return None;
    }
    if let Some(key) = group_without_seat(loaded, roll, name) {
        // The act without its hint for a member present but not serving.
        let act = act.split(" (").next().unwrap_or(act);
        return Some(format!(
            "{name} står under `{key}` och kan inte {act}: det kan bara ledamöter och ersättare"
        ));
    }
    if roll.is_absent(name) {
        return Some(format!("{name} är frånvarande och kan inte {act}"));
    }
    if !roll.knows(name) {
        return Some(unknown_member(roll, name));
    }
    if item.item.jäv.iter().any(|j| j == name) {
        return Some(format!("{name} har anmält jäv och får inte {act}"));
    }
    let left_here = (roll.attendants.iter())
        .filter(|a| a.member.namn == name)
        .any(|a| a.left_before_decision() == Some(item.number));
    if left_here && need == Need::Serving {
        return Some(format!(
            "{name} gick före beslutet i § {} och kan inte {act}",
            item.number
        ));
    }

    let state = match need {
        Need::Serving => "tjänstgör inte",
        Need::Present => "är inte närvarande",
    };
    Some(format!(
        "{name} {state} i § {} och kan inte {act}",
        item.number
    ))
}

/// `name` is not in the roll: say so, with the nearest name in it.
fn unknown_member(roll: &Roll, name: &str) -> String {
    let known = roll.names();
    let hint = crate::model::did_you_mean(name, &known)
        .unwrap_or_else(|| "ange ledamöterna under `beslutande`".to_owned());
    format!("{name} finns inte bland de beslutande; {hint}")
}

/// Who proposed, voted, reserved themselves, chaired or entered a note in the § of `item`
/// could do so there, and a vote counts every one serving once.
pub fn participants(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    item: &LoadedItem,
) -> Vec<Problem> {
    let source = &loaded.source;
    let roll = &facts.roll;
    let i = item.item;
    let field = |name: &str| item.field(name);
    let mut problems = Vec::new();
    // One of a group there for some §§ only spoke in those.
    for (k, name) in i.yttranden.iter().enumerate() {
        let only = (loaded.meeting.non_members().into_iter())
            .flat_map(|(_, people)| people.iter())
            .find(|p| p.namn == *name && !roll.knows(name))
            .and_then(|p| p.paragrafer.as_deref())
            .and_then(ParagraphList::parse);
        if only.is_some_and(|list| !list.contains(item.number)) {
            problems.push(source.problem(
                &format!("{}[{k}]", field("yttranden")),
                format!(
                    "{name} är inte närvarande i § {} och kan inte yttra sig",
                    item.number
                ),
            ));
        }
    }
    let mut check_names = |names: &Names, at: &str, act: &str, need: Need| {
        for (k, name) in names.list().into_iter().enumerate() {
            if let Some(message) = cannot(loaded, roll, item, name, act, need) {
                problems.push(source.problem(&names.field(at, k), message));
            }
        }
    };
    // Anyone present may have spoken: members, ersättare, observers, officials and guests.
    let speakers: Vec<String> = (i.yttranden.iter())
        .filter(|name| group_without_seat(loaded, roll, name).is_none())
        .cloned()
        .collect();
    if !speakers.is_empty() {
        check_names(
            &Names::Many(speakers),
            &field("yttranden"),
            "yttra sig",
            Need::Present,
        );
    }
    for (j, motion) in i.yrkanden.iter().enumerate() {
        check_names(
            &motion.av,
            &field(&format!("yrkanden[{j}].av")),
            "yrka",
            Need::Serving,
        );
        check_names(
            &Names::Many(motion.instämmande.clone()),
            &field(&format!("yrkanden[{j}].instämmande")),
            "instämma i ett yrkande",
            Need::Serving,
        );
    }
    for (j, reservation) in i.reservationer.iter().enumerate() {
        let at = field(&format!("reservationer[{j}]"));
        if let Some(av) = &reservation.av {
            check_names(
                av,
                &format!("{at}.av"),
                "reservera sig (den som inte tjänstgör kan göra en protokollsanteckning)",
                Need::Serving,
            );
        }
    }
    for (j, note) in i.protokollsanteckningar.iter().enumerate() {
        if let Some(av) = &note.av {
            check_names(
                av,
                &field(&format!("protokollsanteckningar[{j}].av")),
                "göra en protokollsanteckning",
                Need::Present,
            );
        }
    }
    // A ersättare present without serving may be jäv too: they leave the room as well.
    for (j, jäv) in i.jäv.iter().enumerate() {
        let message = match group_without_seat(loaded, roll, jäv) {
            // Jäv keeps one out of deciding, which one without a seat never does.
            Some(key) => format!(
                "{jäv} står under `{key}` och deltar inte i besluten: jäv anmäls av ledamöter och ersättare"
            ),
            None if !roll.knows(jäv) => unknown_member(roll, jäv),
            None => continue,
        };
        problems.push(source.problem(&field(&format!("jäv[{j}]")), message));
    }
    for (j, reservation) in i.reservationer.iter().enumerate() {
        let at = field(&format!("reservationer[{j}]"));
        if reservation.av.is_none() && reservation.partier.is_empty() {
            problems.push(source.problem(
                &at,
                "ange vem som reserverar sig: `av` (namn) eller `partier`",
            ));
        }
        for (k, party) in reservation.partier.iter().enumerate() {
            if roll.serving_of_party(item.index, party).is_empty() {
                problems.push(source.problem(
                    &format!("{at}.partier[{k}]"),
                    format!("ingen ledamot från ({party}) tjänstgör i § {}", item.number),
                ));
            }
        }
    }
    for (j, note) in i.protokollsanteckningar.iter().enumerate() {
        let at = field(&format!("protokollsanteckningar[{j}]"));
        if note.av.is_none() && note.partier.is_empty() {
            problems.push(source.problem(
                &at,
                "ange vem som gör anteckningen: `av` (namn) eller `partier`",
            ));
        }
        for (k, party) in note.partier.iter().enumerate() {
            if roll.present_of_party(item.index, party).is_empty() {
                problems.push(source.problem(
                    &format!("{at}.partier[{k}]"),
                    format!("ingen från ({party}) är närvarande i § {}", item.number),
                ));
            }
        }
    }
    if let Some(chair) = &i.ordförande
        && let Some(message) = cannot(loaded, roll, item, chair, "vara ordförande", Need::Serving)
    {
        problems.push(source.problem(&field("ordförande"), message));
    }
    if i.information
        && (!i.yrkanden.is_empty() || i.omröstning.is_some() || !i.reservationer.is_empty())
    {
        problems.push(source.problem(
            &field("information"),
            "ett informationsärende har inga yrkanden, omröstningar eller reservationer",
        ));
    }
    if let (Some(vote), Some(counted)) = (&i.omröstning, &facts.votes[item.index]) {
        problems.extend(ballots(loaded, facts, item, vote, counted));
    }
    problems
}

/// A vote: only those serving vote, each once, every one of them, and a tie the chair's
/// vote decides.
fn ballots(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    item: &LoadedItem,
    vote: &crate::model::Vote,
    counted: &facts::CountedVote,
) -> Vec<Problem> {
    let source = &loaded.source;
    let roll = &facts.roll;
    let at = item.field("omröstning.röster");
    let mut problems = Vec::new();
    let sides = [
        ("ja", &vote.röster.ja),
        ("nej", &vote.röster.nej),
        ("avstår", &vote.röster.avstår),
    ];
    if sides
        .iter()
        .filter(|(_, side)| **side == BallotSide::Rest)
        .count()
        > 1
    {
        problems.push(source.problem(&at, "bara en sida av omröstningen kan vara `övriga`"));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (side, names) in sides {
        for (k, name) in names.named().iter().enumerate() {
            let field = format!("{at}.{side}[{k}]");
            if seen.contains(&name.as_str()) {
                problems.push(source.problem(&field, format!("{name} har röstat två gånger")));
            }
            seen.push(name);
            if let Some(message) = cannot(loaded, roll, item, name, "rösta", Need::Serving) {
                problems.push(source.problem(&field, message));
            }
        }
    }
    let voted: Vec<&String> = counted
        .yes
        .iter()
        .chain(&counted.no)
        .chain(&counted.abstain)
        .collect();
    let missing: Vec<&str> = roll
        .serving_names(item.index)
        .into_iter()
        .filter(|name| !voted.iter().any(|v| v == name))
        .collect();
    if !missing.is_empty() {
        problems.push(source.problem(
            &at,
            format!("alla som tjänstgör i § {} ska finnas med i omröstningen (som ja, nej eller avstår); saknas: {}", item.number, missing.join(", ")),
        ));
    }
    let chair = facts.chairs[item.index].as_deref();
    if counted.yes.len() == counted.no.len() && facts::outcome(counted, chair).is_none() {
        let message = match chair {
            Some(chair) => format!("rösterna är lika, men ordföranden {chair} har inte röstat ja eller nej och kan inte avgöra med utslagsröst; ange hur ordföranden röstade"),
            None => "rösterna är lika, men ingen ordförande är angiven som kan avgöra med utslagsröst (`ordförande`)".to_owned(),
        };
        problems.push(source.problem(&at, message));
    }
    problems
}
