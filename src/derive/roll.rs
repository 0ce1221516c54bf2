//! Who attended, as the protocol shows it: the lists of its first page (beslutande,
//! ersättare, with the §§ each served when not all) and, for a large organ, the
//! närvaro- och omröstningsbilaga: a row per ledamot and ersättare, Tjg / Ej tjg per run
//! of §§, and how each voted in every § with a vote.

use serde::Serialize;

use crate::facts::{Attendant, Listed, MeetingFacts, Roll};
use crate::model::labels::label;
use crate::model::{
    LoadedMeeting, Member, ParagraphList, ParagraphNumber, Remote, RollForm, RosterSeat, VACANT,
};
use crate::swedish::{self, ParagraphForm};

/// A person at the meeting, as the protocol lists them: name, then what they are there as.
/// A vacant seat is no person: `name` is then its party and `vacancy` is set.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub note: Option<String>,
    pub vacancy: bool,
    /// Over the first of a valkrets in a list by valkrets: `Valkrets Norra`.
    pub heading: Option<String>,
}

/// Who a kallelse is sent to, from the organ's roll on the meeting's date: every ledamot
/// (the presidium marked) and, för kännedom, every ersättare.
#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    pub members: Vec<MemberView>,
    pub substitutes: Vec<MemberView>,
}

/// `entries`, each with its valkrets, in the order the valkretsar first appear in the roll
/// (within one as they came), the first of each under its heading (the label `valkrets`);
/// as they came, without headings, in an organ elected in one.
fn by_constituency<T>(
    loaded: &LoadedMeeting,
    order: &[String],
    mut entries: Vec<(Option<String>, T)>,
    head: impl Fn(&mut T, String),
) -> Vec<T> {
    if order.is_empty() {
        return entries.into_iter().map(|(_, entry)| entry).collect();
    }
    let rank = |c: &Option<String>| {
        (c.as_ref())
            .and_then(|c| order.iter().position(|known| known == c))
            .unwrap_or(order.len())
    };
    entries.sort_by_key(|(c, _)| rank(c));
    let heading = label(&loaded.profile.profile.etiketter, "valkrets");
    let mut previous: Option<String> = None;
    entries
        .into_iter()
        .map(|(constituency, mut entry)| {
            if constituency != previous
                && let Some(name) = &constituency
            {
                head(
                    &mut entry,
                    super::procedure::fill(heading, &[("valkrets", name)]),
                );
            }
            previous = constituency;
            entry
        })
        .collect()
}

/// [`by_constituency`] for a list of names.
fn people_by_constituency(
    loaded: &LoadedMeeting,
    order: &[String],
    people: Vec<(Option<String>, MemberView)>,
) -> Vec<MemberView> {
    by_constituency(loaded, order, people, |view, heading| {
        view.heading = Some(heading);
    })
}

/// The kallelse's recipients, when the organ keeps a roll.
pub fn recipients(loaded: &LoadedMeeting) -> Option<Recipients> {
    let composition = loaded.composition.as_ref()?;
    let style = loaded.profile.profile.partibeteckning;
    let view = |seat: &RosterSeat| {
        let note: Vec<&String> = seat.municipality.iter().chain(&seat.role).collect();
        let view = seat.name.as_ref().map(|name| MemberView {
            name: swedish::with_party(style, false, name, Some(&seat.party)),
            note: (!note.is_empty()).then(|| join_notes(note)),
            vacancy: false,
            heading: None,
        });
        Some((seat.constituency.clone(), view?))
    };
    let order = composition.constituencies();
    let list = |seats: &[RosterSeat]| {
        people_by_constituency(loaded, &order, seats.iter().filter_map(view).collect())
    };
    Some(Recipients {
        members: list(&composition.members),
        substitutes: list(&composition.substitutes),
    })
}

/// A name's notes as the lists print them after it: `Norrby, ordförande`.
fn join_notes<S: AsRef<str>>(notes: Vec<S>) -> String {
    let notes: Vec<&str> = notes.iter().map(AsRef::as_ref).collect();
    notes.join(", ")
}

/// The lists of a protocol's first page for the §§ at `items` (agenda indices).
#[derive(Default)]
pub struct CoverLists {
    pub members: Vec<MemberView>,
    pub substitutes: Vec<MemberView>,
    /// With the whole roll: those absent and the vacant seats.
    pub absent: Vec<MemberView>,
}

/// Whom ersättare serve for, as the profile's label `key` says it (`tjänstgörande
/// ersättare för {ledamot}`): the names, or the names with their parties.
fn serves_for(loaded: &LoadedMeeting, roll: &Roll, key: &str, replaced: &[&str]) -> String {
    let labels = &loaded.profile.profile.etiketter;
    let each = |with_party: bool| -> Vec<String> {
        replaced
            .iter()
            .map(|name| match *name {
                VACANT => label(labels, "vakant_plats").to_owned(),
                name if with_party => roll.named(name, true),
                name => name.to_owned(),
            })
            .collect()
    };
    super::procedure::fill(
        label(labels, key),
        &[
            ("ledamot", &swedish::join_and(&each(false))),
            ("ledamot_med_parti", &swedish::join_and(&each(true))),
        ],
    )
}

/// The absent and the vacant seats of the whole roll, when the profile asks for it.
fn absent(loaded: &LoadedMeeting, roll: &Roll) -> Vec<MemberView> {
    if !loaded.profile.profile.hela_närvarolistan {
        return Vec::new();
    }
    let absent_substitute = label(&loaded.profile.profile.etiketter, "ersättare_frånvarande");
    let absent = roll
        .absent
        .iter()
        .map(|a| {
            let note: Vec<&str> = (a.municipality.as_deref().into_iter())
                .chain(a.substitute.then_some(absent_substitute))
                .collect();
            let view = MemberView {
                name: swedish::with_party(roll.party_style, false, &a.name, a.party.as_deref()),
                note: (!note.is_empty()).then(|| join_notes(note)),
                vacancy: false,
                heading: None,
            };
            (a.constituency.clone(), view)
        })
        .chain(roll.vacancies.iter().map(|v| {
            let view = MemberView {
                name: (v.party.as_ref())
                    .map(|p| format!("({p})"))
                    .unwrap_or_default(),
                note: None,
                vacancy: true,
                heading: None,
            };
            (v.constituency.clone(), view)
        }))
        .collect();
    people_by_constituency(loaded, &roll.constituencies, absent)
}

/// The §§ of `items` an entry serves in (not those where they are jäv), when not all of
/// them.
fn limited_to(
    loaded: &LoadedMeeting,
    attendant: &Attendant,
    items: &[usize],
) -> Option<Vec<ParagraphNumber>> {
    let covered: Vec<ParagraphNumber> = items
        .iter()
        .map(|&i| loaded.numbers[i])
        .zip(items)
        .filter(|(n, i)| {
            let jäv = &loaded.meeting.paragrafer[**i].jäv;
            attendant.covers(*n) && !jäv.contains(&attendant.member.namn)
        })
        .map(|(n, _)| n)
        .collect();
    (covered.len() < items.len()).then_some(covered)
}

/// What the lists say after a name of how someone took part: at a distance, arriving or
/// leaving at a time, and the secretary's own note.
fn attendance_notes(loaded: &LoadedMeeting, member: &Member) -> Vec<String> {
    let labels = &loaded.profile.profile.etiketter;
    let mut notes = Vec::new();
    match &member.distans {
        Remote::No => {}
        Remote::Whole => notes.push(label(labels, "på_distans").to_owned()),
        Remote::Paragraphs(list) => {
            let numbers: Vec<ParagraphNumber> = (loaded.numbers.iter())
                .copied()
                .filter(|n| list.contains(*n))
                .collect();
            notes.push(format!(
                "{} {}",
                label(labels, "på_distans"),
                swedish::paragraph_list(&super::item::form(loaded).unprefixed(), &numbers)
            ));
        }
    }
    if let Some(time) = member.kom {
        notes.push(format!("{} {time}", label(labels, "kom_kl")));
    }
    if let Some(time) = member.gick {
        notes.push(format!("{} {time}", label(labels, "gick_kl")));
    }
    if let Some(left) = (member.gick_före_beslutet.as_ref()).and_then(ParagraphList::single) {
        let paragraph = swedish::paragraph(&super::item::form(loaded).unprefixed(), left);
        let note = label(labels, "gick_före_beslutet");
        notes.push(super::procedure::fill(note, &[("paragraf", &paragraph)]));
    }
    notes.extend(member.anteckning.clone());
    notes
}

/// The first page's lists for the part of the meeting at `items`: those who serve in any
/// of its §§, then the ersättare present who do not serve.
pub fn cover_lists(loaded: &LoadedMeeting, facts: &MeetingFacts, items: &[usize]) -> CoverLists {
    let roll = &facts.roll;
    let in_part =
        |index: usize, per_item: &[Vec<usize>]| items.iter().any(|&i| per_item[i].contains(&index));
    let mut members = Vec::new();
    let mut substitutes = Vec::new();
    for (index, attendant) in roll.attendants.iter().enumerate() {
        let member = &attendant.member;
        // "Anna Berg (S), Norrby, ordförande": a gemensam nämnd's member with their kommun.
        let mut note: Vec<String> = member.kommun.iter().chain(&member.roll).cloned().collect();
        let serving = attendant.serves_somewhere();
        // A member jäv in every § of the part took part in none of them: not listed there.
        let present = if serving {
            in_part(index, &roll.serving)
        } else {
            in_part(index, &roll.present_not_serving)
        };
        if !present {
            continue;
        }
        if let Some(replaced) = &member.ersätter {
            note.push(serves_for(
                loaded,
                roll,
                "tjänstgörande_ersättare_för",
                &[replaced.as_str()],
            ));
        }
        if let Some(covered) = limited_to(loaded, attendant, items)
            && !covered.is_empty()
        {
            note.push(swedish::paragraph_list(
                &super::item::form(loaded).unprefixed(),
                &covered,
            ));
        }
        note.extend(attendance_notes(loaded, member));
        // "Roger Nilsson (SD), §§ 61–64, lämnade sammanträdet kl. 11.20".
        let view = MemberView {
            name: swedish::with_party(
                roll.party_style,
                false,
                &member.namn,
                member.parti.as_deref(),
            ),
            note: (!note.is_empty()).then(|| note.join(", ")),
            vacancy: false,
            heading: None,
        };
        let view = (member.valkrets.clone(), view);
        if serving {
            members.push(view);
        } else {
            substitutes.push(view);
        }
    }
    let order = &roll.constituencies;
    CoverLists {
        members: people_by_constituency(loaded, order, members),
        substitutes: people_by_constituency(loaded, order, substitutes),
        absent: absent(loaded, roll),
    }
}

/// The närvaro- och omröstningsbilaga of a protocol part.
#[derive(Debug, Clone, Serialize)]
pub struct RollTable {
    /// Each run of §§ in which the same people serve: `§§ 1–4`.
    pub segments: Vec<String>,
    /// Each § with a vote: `§ 7`.
    pub votes: Vec<String>,
    pub rows: Vec<RollRow>,
    /// Per vote: the number of ja, nej and avstår.
    pub sums: Vec<[usize; 3]>,
    /// Per vote: whether its § is secret (the web copy leaves its column out).
    pub secret_votes: Vec<bool>,
    /// With `närvarolista_form: per_plats`, the rows per seat, in place of `rows`.
    pub seats: Option<Vec<SeatRow>>,
    /// With the rows per seat: the ersättare present who served in no seat.
    pub substitutes_present: Vec<String>,
}

/// A seat in the närvaro- och omröstningsbilaga per seat: its ledamot, present or not,
/// who served in it for them, and the seat's vote.
#[derive(Debug, Clone, Serialize)]
pub struct SeatRow {
    /// The ledamot; for a vacant seat, none.
    pub name: String,
    pub party: String,
    /// `ordförande`, `kom kl. 18.25`.
    pub note: String,
    pub vacancy: bool,
    /// Present in any of the §§.
    pub present: bool,
    /// The ersättare who served in the seat, each with the §§ when not all:
    /// `Kristoffer Alm (§§ 123–126)`.
    pub substitutes: String,
    /// Per vote: how the seat voted, whoever held it: `ja`, `nej`, `avstår` or ``.
    pub votes: Vec<&'static str>,
    /// Over the first seat of a valkrets: `Valkrets Norra`.
    pub heading: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RollRow {
    pub name: String,
    pub party: String,
    /// `ordförande`, `ers. för Dan Berg`.
    pub note: String,
    pub substitute: bool,
    /// Per segment: `tjg`, `ej` (present without serving, or jäv) or `` (not there).
    pub serving: Vec<&'static str>,
    /// Per vote: `ja`, `nej`, `avstår` or ``.
    pub votes: Vec<&'static str>,
    /// A vacant seat: no person, no marks.
    pub vacancy: bool,
    /// Over the first row of a valkrets: `Valkrets Norra`.
    pub heading: Option<String>,
}

/// The rows the whole roll adds to the bilaga: those absent (not serving anywhere) and
/// the vacant seats, each with its valkrets.
fn whole_roll_rows(
    loaded: &LoadedMeeting,
    roll: &Roll,
    segments: usize,
    votes: usize,
) -> Vec<(Option<String>, RollRow)> {
    if !loaded.profile.profile.hela_närvarolistan {
        return Vec::new();
    }
    let absent = roll.absent.iter().map(|a| {
        let row = RollRow {
            name: a.name.clone(),
            party: a.party.clone().unwrap_or_default(),
            note: join_notes(
                a.municipality
                    .iter()
                    .map(String::as_str)
                    .chain(["frånvarande"])
                    .collect(),
            ),
            substitute: a.substitute,
            serving: vec![""; segments],
            votes: vec![""; votes],
            vacancy: false,
            heading: None,
        };
        (a.constituency.clone(), row)
    });
    let vacant = roll.vacancies.iter().map(|v| {
        let row = RollRow {
            name: "Vakant".to_owned(),
            party: v.party.clone().unwrap_or_default(),
            note: String::new(),
            substitute: false,
            serving: vec![""; segments],
            votes: vec![""; votes],
            vacancy: true,
            heading: None,
        };
        (v.constituency.clone(), row)
    });
    absent.chain(vacant).collect()
}

/// How `name` voted in the § at `item`: `ja`, `nej`, `avstår` or ``.
fn vote_of(facts: &MeetingFacts, item: usize, name: &str) -> &'static str {
    match &facts.votes[item] {
        Some(v) if v.yes.iter().any(|n| n == name) => "ja",
        Some(v) if v.no.iter().any(|n| n == name) => "nej",
        Some(v) if v.abstain.iter().any(|n| n == name) => "avstår",
        _ => "",
    }
}

/// A seat of the organ: its ledamot (or [`VACANT`]), party and valkrets.
type Seat = (String, Option<String>, Option<String>);

/// The seats of the organ in the roll's order (`ledamoter.yaml`), else as the meeting
/// lists them.
fn seats(loaded: &LoadedMeeting, roll: &Roll) -> Vec<Seat> {
    if let Some(composition) = &loaded.composition {
        return (composition.members.iter())
            .map(|seat| {
                let name = seat.name.clone().unwrap_or_else(|| VACANT.to_owned());
                (name, Some(seat.party.clone()), seat.constituency.clone())
            })
            .collect();
    }
    let mut seats: Vec<Seat> = Vec::new();
    for a in &roll.attendants {
        if a.listed == Listed::Members
            && a.member.ersätter.is_none()
            && !seats.iter().any(|(n, _, _)| *n == a.member.namn)
        {
            let m = &a.member;
            seats.push((m.namn.clone(), m.parti.clone(), m.valkrets.clone()));
        }
    }
    seats.extend(
        (roll.absent.iter())
            .filter(|a| !a.substitute)
            .map(|a| (a.name.clone(), a.party.clone(), a.constituency.clone())),
    );
    seats.extend(
        (roll.vacancies.iter())
            .map(|v| (VACANT.to_owned(), v.party.clone(), v.constituency.clone())),
    );
    seats
}

/// The bilaga's rows per seat for the §§ at `items` (`närvarolista_form: per_plats`), and
/// the ersättare present who served in none. An ersättare serving in a vacant seat takes
/// the first vacant seat of their party not yet taken.
fn seat_rows(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    items: &[usize],
    voted: &[usize],
) -> (Vec<SeatRow>, Vec<String>) {
    let roll = &facts.roll;
    let numbers = super::item::form(loaded).unprefixed();
    let serves_here = |index: usize| items.iter().any(|&i| roll.serving[i].contains(&index));
    let mut placed: Vec<&str> = Vec::new();
    let mut rows = Vec::new();
    for (holder, party, constituency) in seats(loaded, roll) {
        let vacancy = holder == VACANT;
        // The entries of the ersättare who served in this seat in the part.
        let mut stand_ins: Vec<(usize, &Attendant)> = (roll.attendants.iter().enumerate())
            .filter(|&(index, a)| {
                a.member.ersätter.as_deref() == Some(&holder) && serves_here(index)
            })
            .collect();
        if vacancy {
            let first = stand_ins
                .iter()
                .map(|(_, a)| a.member.namn.as_str())
                .find(|name| !placed.contains(name) && roll.party(name) == party.as_deref())
                .or_else(|| {
                    (stand_ins.iter())
                        .map(|(_, a)| a.member.namn.as_str())
                        .find(|name| !placed.contains(name))
                });
            stand_ins.retain(|(_, a)| Some(a.member.namn.as_str()) == first);
        }
        placed.extend(stand_ins.iter().map(|(_, a)| a.member.namn.as_str()));
        let substitutes: Vec<String> = stand_ins
            .iter()
            .map(|(_, a)| match limited_to(loaded, a, items) {
                Some(covered) => format!(
                    "{} ({})",
                    a.member.namn,
                    swedish::paragraph_list(&numbers, &covered)
                ),
                None => a.member.namn.clone(),
            })
            .collect();
        let mut note: Vec<String> = Vec::new();
        for a in roll
            .attendants
            .iter()
            .filter(|a| !vacancy && a.member.namn == holder)
        {
            note.extend(a.member.roll.clone());
            for extra in attendance_notes(loaded, &a.member) {
                if !note.contains(&extra) {
                    note.push(extra);
                }
            }
        }
        let votes = voted
            .iter()
            .map(|&i| {
                let sitting = match roll.serves(i, &holder) {
                    true => Some(holder.as_str()),
                    false => (stand_ins.iter())
                        .find(|(index, _)| roll.serving[i].contains(index))
                        .map(|(_, a)| a.member.namn.as_str()),
                };
                sitting.map_or("", |name| vote_of(facts, i, name))
            })
            .collect();
        let row = SeatRow {
            present: !vacancy && items.iter().any(|&i| roll.present(i, &holder)),
            name: if vacancy {
                String::new()
            } else {
                holder.clone()
            },
            party: party.unwrap_or_default(),
            note: note.join(", "),
            vacancy,
            substitutes: swedish::join_and(&substitutes),
            votes,
            heading: None,
        };
        rows.push((constituency, row));
    }
    let rows = by_constituency(loaded, &roll.constituencies, rows, |row, heading| {
        row.heading = Some(heading);
    });
    // The ersättare there who held no seat in the part, each once.
    let mut present: Vec<&str> = Vec::new();
    for (index, a) in roll.attendants.iter().enumerate() {
        let name = a.member.namn.as_str();
        let here = items
            .iter()
            .any(|&i| roll.present_not_serving[i].contains(&index));
        if a.is_substitute()
            && here
            && !placed.contains(&name)
            && !items.iter().any(|&i| roll.serves(i, name))
            && !present.contains(&name)
        {
            present.push(name);
        }
    }
    let present = present.iter().map(|name| roll.named(name, false)).collect();
    (rows, present)
}

/// The bilaga for the §§ at `items`: one row per person (ledamöter first, then ersättare).
pub fn roll_table(loaded: &LoadedMeeting, facts: &MeetingFacts, items: &[usize]) -> RollTable {
    let roll = &facts.roll;
    let form = super::item::form(loaded);
    // A run of §§ with the same people serving and the same present without serving (one
    // who left during a § before its decision is there in it, and not after).
    let mut segments: Vec<Vec<usize>> = Vec::new();
    let same = |a: usize, b: usize| {
        roll.serving[a] == roll.serving[b]
            && roll.present_not_serving[a] == roll.present_not_serving[b]
            && roll.left_during[a] == roll.left_during[b]
    };
    for &i in items {
        match segments.last_mut() {
            Some(last) if same(last[0], i) => last.push(i),
            _ => segments.push(vec![i]),
        }
    }
    let voted: Vec<usize> = items
        .iter()
        .copied()
        .filter(|&i| facts.votes[i].is_some())
        .collect();
    // One row per name, in roll order: ledamöter before ersättare.
    let mut names: Vec<(&str, bool)> = Vec::new();
    for listed in [Listed::Members, Listed::Substitutes] {
        for attendant in roll.attendants.iter().filter(|a| {
            (a.listed == Listed::Members && a.member.ersätter.is_none())
                == (listed == Listed::Members)
        }) {
            let name = attendant.member.namn.as_str();
            if !names.iter().any(|(n, _)| *n == name) {
                names.push((name, listed == Listed::Substitutes));
            }
        }
    }
    let rows = names
        .into_iter()
        .map(|(name, substitute)| {
            let entries: Vec<(usize, &Attendant)> = (roll.attendants.iter().enumerate())
                .filter(|(_, a)| a.member.namn == name)
                .collect();
            let mut note: Vec<String> = (entries.first().into_iter())
                .filter_map(|(_, a)| a.member.kommun.clone())
                .chain(entries.iter().filter_map(|(_, a)| a.member.roll.clone()))
                .collect();
            // Whom they served for in this part's §§ only.
            let replaced: Vec<&str> = entries
                .iter()
                .filter(|(index, _)| items.iter().any(|&i| roll.serving[i].contains(index)))
                .filter_map(|(_, a)| a.member.ersätter.as_deref())
                .collect();
            if !replaced.is_empty() {
                note.push(serves_for(loaded, roll, "ers_för", &replaced));
            }
            // "kom kl. 18.25": the list in a bilaga says it as the first page would.
            for (_, a) in &entries {
                for extra in attendance_notes(loaded, &a.member) {
                    if !note.contains(&extra) {
                        note.push(extra);
                    }
                }
            }
            let serving = segments
                .iter()
                .map(|segment| {
                    let first = segment[0];
                    let jäv = loaded.meeting.paragrafer[first]
                        .jäv
                        .iter()
                        .any(|j| j == name);
                    if roll.serves(first, name) {
                        "tjg"
                    } else if jäv || roll.present(first, name) {
                        "ej"
                    } else {
                        ""
                    }
                })
                .collect();
            let votes = voted.iter().map(|&i| vote_of(facts, i, name)).collect();
            let row = RollRow {
                name: name.to_owned(),
                party: roll.party(name).unwrap_or_default().to_owned(),
                note: note.join(", "),
                substitute,
                serving,
                votes,
                vacancy: false,
                heading: None,
            };
            (roll.constituency(name).map(str::to_owned), row)
        })
        .chain(whole_roll_rows(loaded, roll, segments.len(), voted.len()))
        .collect();
    let rows = by_constituency(loaded, &roll.constituencies, rows, |row, heading| {
        row.heading = Some(heading);
    });
    let (seats, substitutes_present) = match loaded.profile.profile.närvarolista_form {
        RollForm::PerPerson => (None, Vec::new()),
        RollForm::PerSeat => {
            let (seats, present) = seat_rows(loaded, facts, items, &voted);
            (Some(seats), present)
        }
    };
    RollTable {
        seats,
        substitutes_present,
        segments: segments
            .iter()
            .map(|s| {
                let numbers: Vec<ParagraphNumber> = s.iter().map(|&i| loaded.numbers[i]).collect();
                // Without the organ's prefix or the year: a column two marks wide holds
                // `§§ 167–169` on one line, and the table is the organ's own.
                swedish::paragraph_list(&ParagraphForm::default(), &numbers)
            })
            .collect(),
        votes: voted
            .iter()
            .map(|&i| swedish::paragraph(&form, loaded.numbers[i]))
            .collect(),
        sums: voted
            .iter()
            .filter_map(|&i| facts.votes[i].as_ref())
            .map(|v| [v.yes.len(), v.no.len(), v.abstain.len()])
            .collect(),
        secret_votes: voted
            .iter()
            .map(|&i| loaded.meeting.paragrafer[i].sekretess)
            .collect(),
        rows,
    }
}
