//! A meeting against its organ's roll (`ledamoter.yaml`): everyone it names is on the roll
//! on its date, as the roll has them (ledamot or ersättare, party); an ersättare serves
//! for a ledamot of their party and in the ersättarordning (a warning: a municipality may
//! have its reasons); no seat stands empty while an ersättare who could take it sits by.

use std::collections::BTreeSet;

use crate::error::Problem;
use crate::facts::{Attendant, Listed, MeetingFacts, Roll};
use crate::model::{Composition, LoadedMeeting, ROSTER_FILE, RosterSeat, SubstituteOrder, VACANT};
use crate::swedish::{genitive, join_and, paragraph_list};

/// Every check the roll makes possible; none without one.
pub fn roster(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let (Some(roster), Some(composition)) = (&loaded.roster, &loaded.composition) else {
        return Vec::new();
    };
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    let period = roster.roster.mandatperiod;
    if meeting.datum < period.från || meeting.datum > period.till {
        problems.push(source.problem(
            "datum",
            format!(
                "sammanträdet {} ligger utanför mandatperioden {}–{} i {ROSTER_FILE}",
                meeting.datum, period.från, period.till
            ),
        ));
    }
    // A meeting written in full may list the vacancies too, as the roll has them.
    let written = sorted_parties(meeting.vakanser.iter().map(|v| v.parti.as_deref()));
    let vacant = sorted_parties(
        (composition.members.iter())
            .filter(|s| s.name.is_none())
            .map(|s| Some(s.party.as_str())),
    );
    if !written.is_empty() && written != vacant {
        problems.push(source.problem(
            "vakanser",
            format!(
                "de vakanta platserna följer av {ROSTER_FILE} (en ledamot som avgår utan efterträdare), och den {} är de {}; ta bort `vakanser`",
                meeting.datum,
                match vacant.is_empty() {
                    true => "inga".to_owned(),
                    false => vacant.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(", "),
                }
            ),
        ));
    }
    if let Some(given) = meeting.platser
        && usize::try_from(given).ok() != Some(composition.members.len())
    {
        problems.push(source.problem(
            "platser",
            format!(
                "{ROSTER_FILE} har {} platser den {}, inte {given}",
                composition.members.len(),
                meeting.datum
            ),
        ));
    }
    let date = meeting.datum;
    let not_on_roll = |name: &str, candidates: &[&str]| {
        let hint = crate::model::did_you_mean(name, candidates)
            .map(|hint| format!("; {hint}"))
            .unwrap_or_default();
        format!("{name} står inte i {ROSTER_FILE} den {date}{hint}")
    };
    let everyone = composition.names();
    let members: Vec<&str> = (composition.members.iter())
        .filter_map(|s| s.name.as_deref())
        .collect();
    for attendant in facts.roll.attendants.iter().filter(|a| a.index.is_some()) {
        let member = &attendant.member;
        let name = member.namn.as_str();
        let seat = composition.member(name);
        let substitute = composition.substitute(name).map(|(_, s)| s);
        let message = match (attendant.listed, seat, substitute) {
            (_, None, None) => Some(not_on_roll(name, &everyone)),
            (Listed::Substitutes, Some(_), _) => Some(format!(
                "{name} är ledamot, inte ersättare; en ledamot som inte tjänstgör hela sammanträdet står under `beslutande`"
            )),
            (Listed::Members, None, Some(_)) if member.ersätter.is_none() => Some(format!(
                "{name} är ersättare; ange vem hen tjänstgör för (`ersätter`), eller skriv hen under `ersättare`"
            )),
            _ => None,
        };
        if let Some(message) = message {
            problems.push(source.problem(&attendant.field("namn"), message));
        }
        problems.extend(party_problem(
            loaded,
            composition,
            &attendant.field("parti"),
            name,
            member.parti.as_deref(),
        ));
        if let Some(replaced) = member.ersätter.as_deref()
            && replaced != VACANT
            && composition.member(replaced).is_none()
        {
            let message = match composition.substitute(replaced) {
                Some(_) => {
                    format!("{replaced} är ersättare; en ersättare tjänstgör för en ledamot")
                }
                None => not_on_roll(replaced, &members),
            };
            problems.push(source.problem(&attendant.field("ersätter"), message));
        }
    }
    for (i, absent) in meeting.frånvarande.iter().enumerate() {
        if composition.member(&absent.namn).is_none()
            && composition.substitute(&absent.namn).is_none()
        {
            problems.push(source.problem(
                &format!("frånvarande[{i}].namn"),
                not_on_roll(&absent.namn, &everyone),
            ));
        }
        problems.extend(party_problem(
            loaded,
            composition,
            &format!("frånvarande[{i}].parti"),
            &absent.namn,
            absent.parti.as_deref(),
        ));
    }
    let presence = Presence::of(&facts.roll, composition);
    let ordning = roster.roster.ersättarordning;
    problems.extend(order(loaded, &facts.roll, &presence, composition, ordning));
    problems.extend(empty_seats(
        loaded,
        &facts.roll,
        &presence,
        composition,
        ordning,
    ));
    problems
}

/// The parties of seats, sorted, `–` for none: two lists of vacancies compared.
fn sorted_parties<'a>(parties: impl Iterator<Item = Option<&'a str>>) -> Vec<&'a str> {
    let mut list: Vec<&str> = parties.map(|p| p.unwrap_or("–")).collect();
    list.sort_unstable();
    list
}

/// A party the meeting gives `name` (at `field`) other than the roll's: "(s)" for "(S)".
fn party_problem(
    loaded: &LoadedMeeting,
    composition: &Composition,
    field: &str,
    name: &str,
    given: Option<&str>,
) -> Option<Problem> {
    let on_roll = composition.seat_of(name)?;
    let given = given.filter(|g| *g != on_roll.party)?;
    Some(loaded.source.problem(
        field,
        format!(
            "{name} står som ({}) i {ROSTER_FILE}, inte ({given})",
            on_roll.party
        ),
    ))
}

/// Whether the ersättare `substitute` may be called in for the ledamot of `seat`: one of
/// their valkrets, and of their party unless the order is one list.
fn eligible(order: SubstituteOrder, substitute: &RosterSeat, seat: &RosterSeat) -> bool {
    substitute.constituency == seat.constituency
        && (order == SubstituteOrder::Joint || substitute.party == seat.party)
}

/// The ersättare of the order for the ledamot of `seat`: `(S): Maja Nilsson, Kristoffer
/// Alm`, `(S) i valkretsen Norra: …`.
fn order_text(composition: &Composition, order: SubstituteOrder, seat: &RosterSeat) -> String {
    let names: Vec<&str> = (composition.substitutes.iter())
        .filter(|s| eligible(order, s, seat))
        .filter_map(|s| s.name.as_deref())
        .collect();
    let within = (seat.constituency.as_ref())
        .map(|c| format!(" i valkretsen {c}"))
        .unwrap_or_default();
    match order {
        SubstituteOrder::PerParty => format!("({}){within}: {}", seat.party, names.join(", ")),
        SubstituteOrder::Joint => format!("gemensam{within}: {}", names.join(", ")),
    }
}

/// Who is where in each §, computed once for the checks of the order and the seats.
struct Presence<'a> {
    /// Per §: the names serving.
    serving: Vec<BTreeSet<&'a str>>,
    /// Per §: the seats an ersättare serves in.
    held_for: Vec<BTreeSet<&'a str>>,
    /// Per §: the ersättare of the roll present without serving, as (place in the order,
    /// their place on the roll, name), in the order.
    idle: Vec<Vec<(usize, &'a RosterSeat, &'a str)>>,
    /// Per entry of the roll: the §§ (agenda indices) it serves in.
    served_by: Vec<Vec<usize>>,
}

impl<'a> Presence<'a> {
    fn of(roll: &'a Roll, composition: &'a Composition) -> Self {
        let mut served_by = vec![Vec::new(); roll.attendants.len()];
        let mut serving = Vec::new();
        let mut held_for = Vec::new();
        let mut idle = Vec::new();
        for (i, here) in roll.serving.iter().enumerate() {
            for &a in here {
                served_by[a].push(i);
            }
            let names = |list: &[usize]| -> BTreeSet<&'a str> {
                list.iter()
                    .map(|&a| roll.attendants[a].member.namn.as_str())
                    .collect()
            };
            let present = names(&roll.present_not_serving[i]);
            let serving_here = names(here);
            idle.push(
                (composition.substitutes.iter().enumerate())
                    .filter_map(|(place, s)| Some((place, s, s.name.as_deref()?)))
                    .filter(|(_, _, name)| present.contains(name) && !serving_here.contains(name))
                    .collect(),
            );
            held_for.push(
                here.iter()
                    .filter_map(|&a| roll.attendants[a].member.ersätter.as_deref())
                    .collect(),
            );
            serving.push(serving_here);
        }
        Presence {
            serving,
            held_for,
            idle,
            served_by,
        }
    }

    /// The ersättare who could take `seat` in the § at `item`, present without serving
    /// there, each with their place in the order.
    fn waiting<'b>(
        &'b self,
        item: usize,
        order: SubstituteOrder,
        seat: &'b RosterSeat,
    ) -> impl Iterator<Item = (usize, &'a str)> + 'b {
        self.idle[item]
            .iter()
            .filter(move |(_, substitute, _)| eligible(order, substitute, seat))
            .map(|&(place, _, name)| (place, name))
    }
}

/// An ersättare who serves for a ledamot of another party, or while one before them in
/// the ersättarordning sits by without serving: a warning, with the order.
fn order(
    loaded: &LoadedMeeting,
    roll: &Roll,
    presence: &Presence,
    composition: &Composition,
    order: SubstituteOrder,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (a, attendant) in roll.attendants.iter().enumerate() {
        let name = attendant.member.namn.as_str();
        let (Some(replaced), Some((place, substitute))) = (
            attendant.member.ersätter.as_deref(),
            composition.substitute(name),
        ) else {
            continue;
        };
        let Some(seat) = composition.member(replaced) else {
            continue;
        };
        let at = attendant.field("ersätter");
        // One from another valkrets is refused (`organ::constituencies`), not warned of.
        if substitute.constituency != seat.constituency {
            continue;
        }
        if !eligible(order, substitute, seat) {
            problems.push(
                loaded
                    .source
                    .problem(&at, format!("{name} ({}) tjänstgör för {replaced} ({}), en ledamot från ett annat parti; ersättarordningen {}", substitute.party, seat.party, order_text(composition, order, seat)))
                    .warning(),
            );
            continue;
        }
        let passed_over = presence.served_by[a].iter().find_map(|&i| {
            let (_, before) = presence
                .waiting(i, order, seat)
                .find(|(earlier, _)| *earlier < place)?;
            Some((loaded.numbers[i], before))
        });
        if let Some((number, before)) = passed_over {
            problems.push(
                loaded
                    .source
                    .problem(&at, format!("{name} tjänstgör för {replaced} i § {number}, men {before} står före i ersättarordningen och tjänstgör inte där; ersättarordningen {}", order_text(composition, order, seat)))
                    .warning(),
            );
        }
    }
    problems
}

/// A ledamot's seat no one serves in, in §§ where an ersättare who could take it is
/// present without serving (a member who is jäv may be left unreplaced).
fn empty_seats(
    loaded: &LoadedMeeting,
    roll: &Roll,
    presence: &Presence,
    composition: &Composition,
    order: SubstituteOrder,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for seat in &composition.members {
        let Some(name) = seat.name.as_deref() else {
            continue;
        };
        let mut empty = Vec::new();
        let mut idle: Vec<&str> = Vec::new();
        for item in loaded.items() {
            let i = item.index;
            let held = presence.serving[i].contains(name)
                || presence.held_for[i].contains(name)
                || item.item.jäv.iter().any(|j| j == name);
            if held {
                continue;
            }
            let mut waits = false;
            for (_, waiting) in presence.waiting(i, order, seat) {
                waits = true;
                if !idle.contains(&waiting) {
                    idle.push(waiting);
                }
            }
            if waits {
                empty.push(item.number);
            }
        }
        if empty.is_empty() {
            continue;
        }
        let at = written_at(loaded, roll, name);
        problems.push(
            loaded
                .source
                .problem(
                    &at,
                    format!(
                        "ingen tjänstgör på {} ({}) plats i {}, fast {} är närvarande och inte tjänstgör",
                        genitive(name),
                        seat.party,
                        paragraph_list(&crate::swedish::ParagraphForm::default(), &empty).replace(crate::swedish::NBSP, " "),
                        join_and(&idle)
                    ),
                )
                .warning(),
        );
    }
    problems
}

/// Where the meeting writes of `name`: their `frånvarande` or `beslutande` entry, else
/// the list of ersättare present.
fn written_at(loaded: &LoadedMeeting, roll: &Roll, name: &str) -> String {
    if let Some(i) = (loaded.meeting.frånvarande.iter()).position(|a| a.namn == name) {
        return format!("frånvarande[{i}].namn");
    }
    roll.attendants
        .iter()
        .find(|a: &&Attendant| a.member.namn == name && a.index.is_some())
        .map_or_else(|| "ersättare".to_owned(), |a| a.field("namn"))
}
