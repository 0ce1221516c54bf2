//! Who serves (tjänstgör) in each §: ledamöter for the §§ they attend, ersättare for the
//! member they replace in the §§ given, nobody in a § where they declared jäv. Every rule
//! about votes, yrkanden and reservations, the beslutande list and the närvaro- och
//! omröstningsbilaga read it from here.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Composition, LoadedMeeting, Member, ParagraphList, ParagraphNumber, PartyStyle, Remote, VACANT,
    in_order_of_appearance,
};

/// Which list of the meeting file an entry stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Members,
    Substitutes,
}

impl Listed {
    /// The key of the list in a meeting file.
    pub fn key(self) -> &'static str {
        match self {
            Listed::Members => "beslutande",
            Listed::Substitutes => "ersättare",
        }
    }
}

/// One entry of `beslutande` or `ersättare`, or a ledamot the organ's roll seats without
/// the meeting naming them.
#[derive(Debug, Clone)]
pub struct Attendant {
    /// As written, the party and role the roll gives filled in.
    pub member: Member,
    pub listed: Listed,
    /// Its place in that list; none for a ledamot only the roll names.
    pub index: Option<usize>,
    /// The §§ in which an ersättare serves in this ledamot's seat: a ledamot the meeting
    /// gives no §§ of their own serves in the others.
    pub replaced_in: Vec<ParagraphNumber>,
}

impl Attendant {
    /// An ersättare (serving for someone, or present without serving).
    pub fn is_substitute(&self) -> bool {
        self.listed == Listed::Substitutes || self.member.ersätter.is_some()
    }

    /// Whether this entry makes its person serve (a ledamot, or an ersättare for someone).
    pub fn serves_somewhere(&self) -> bool {
        self.listed == Listed::Members || self.member.ersätter.is_some()
    }

    /// The field path of `name` in this entry: `beslutande[3].paragrafer`; the list
    /// itself for a ledamot only the roll names.
    pub fn field(&self, name: &str) -> String {
        match self.index {
            Some(index) => format!("{}[{index}].{name}", self.listed.key()),
            None => self.listed.key().to_owned(),
        }
    }

    /// The § during which they left, before its decision.
    pub fn left_before_decision(&self) -> Option<ParagraphNumber> {
        self.member.gick_före_beslutet.as_ref()?.single()
    }

    /// Whether the entry covers `number`: within its `paragrafer` (all when left out),
    /// outside its `ej_paragrafer`, and not where an ersättare holds the seat.
    pub fn covers(&self, number: ParagraphNumber) -> bool {
        own_paragraphs_cover(&self.member, number) && !self.replaced_in.contains(&number)
    }
}

/// Whether an entry's own §§ cover `number`: within its `paragrafer` (all when left out),
/// outside its `ej_paragrafer`, and before the § they left before its decision.
fn own_paragraphs_cover(member: &Member, number: ParagraphNumber) -> bool {
    let within = |list: &Option<ParagraphList>| list.as_ref().is_none_or(|l| l.contains(number));
    let left = (member.gick_före_beslutet.as_ref()).and_then(ParagraphList::single);
    within(&member.paragrafer)
        && !member
            .ej_paragrafer
            .as_ref()
            .is_some_and(|l| l.contains(number))
        && left.is_none_or(|left| number < left)
}

/// A ledamot or ersättare not present, as the whole roll lists them.
#[derive(Debug, Clone)]
pub struct AbsentMember {
    pub name: String,
    pub party: Option<String>,
    /// The municipality that elected them, in a gemensam nämnd.
    pub municipality: Option<String>,
    /// Their valkrets, in a fullmäktige of several.
    pub constituency: Option<String>,
    pub substitute: bool,
}

/// A seat no one holds: the party and the valkrets it belongs to.
#[derive(Debug, Clone)]
pub struct VacantSeat {
    pub party: Option<String>,
    pub constituency: Option<String>,
}

/// Who attended the meeting and who served in each §.
#[derive(Debug, Clone)]
pub struct Roll {
    /// Every entry of `beslutande`, then of `ersättare`; with the organ's roll, its
    /// ledamöter in its order (as the meeting writes them, or seated by the roll), then
    /// the ersättare the meeting names.
    pub attendants: Vec<Attendant>,
    /// Per § (agenda order): the entries that serve in it.
    pub serving: Vec<Vec<usize>>,
    /// Per §: the entries present in it without serving (ersättare not called in, and
    /// members who declared jäv are not present).
    pub present_not_serving: Vec<Vec<usize>>,
    /// Per §: the entries that left during it, before its decision (present while it
    /// was discussed, not at the decision).
    pub left_during: Vec<Vec<usize>>,
    /// Ledamöter and ersättare not present: as `frånvarande` says, or with the roll every
    /// one of it the meeting does not seat or name.
    pub absent: Vec<AbsentMember>,
    /// Each seat no one holds.
    pub vacancies: Vec<VacantSeat>,
    /// How many ledamöter the organ has: as the meeting says (`platser`), else the roll's
    /// seats, else counted from a whole roll written in the meeting (absent members,
    /// vacancies).
    pub seats: Option<usize>,
    /// How the profile writes a name with its party.
    pub party_style: PartyStyle,
    /// The valkretsar in the order they first appear in the roll (the organ's, else the
    /// meeting's); empty for an organ elected in one.
    pub constituencies: Vec<String>,
}

impl Roll {
    pub fn of(loaded: &LoadedMeeting) -> Self {
        let (attendants, absent, vacancies, seats) = match &loaded.composition {
            Some(composition) => from_roster(loaded, composition),
            None => as_written(loaded),
        };
        let constituencies = match &loaded.composition {
            Some(composition) => composition.constituencies(),
            None => in_order_of_appearance(
                (attendants.iter().map(|a| &a.member.valkrets))
                    .chain(absent.iter().map(|a| &a.constituency))
                    .chain(vacancies.iter().map(|v| &v.constituency)),
            ),
        };
        let mut serving = Vec::new();
        let mut present_not_serving = Vec::new();
        let mut left_during = Vec::new();
        for item in loaded.items() {
            let disqualified = |a: &Attendant| item.item.jäv.contains(&a.member.namn);
            let here: Vec<usize> = (0..attendants.len())
                .filter(|&i| {
                    let a = &attendants[i];
                    a.serves_somewhere() && a.covers(item.number) && !disqualified(a)
                })
                .collect();
            let names: BTreeSet<&str> = here
                .iter()
                .map(|&i| attendants[i].member.namn.as_str())
                .collect();
            let others: Vec<usize> = (0..attendants.len())
                .filter(|&i| {
                    let a = &attendants[i];
                    !a.serves_somewhere()
                        && a.covers(item.number)
                        && !names.contains(a.member.namn.as_str())
                        && !disqualified(a)
                })
                .collect();
            left_during.push(
                (0..attendants.len())
                    .filter(|&i| attendants[i].left_before_decision() == Some(item.number))
                    .collect(),
            );
            serving.push(here);
            present_not_serving.push(others);
        }
        Roll {
            attendants,
            serving,
            present_not_serving,
            left_during,
            absent,
            vacancies,
            seats: loaded
                .meeting
                .platser
                .and_then(|p| usize::try_from(p).ok())
                .or(seats),
            party_style: loaded.profile.profile.partibeteckning,
            constituencies,
        }
    }

    /// The valkrets of `name`, as the roll gives it: of one present, or one absent.
    pub fn constituency(&self, name: &str) -> Option<&str> {
        (self.attendants.iter())
            .find(|a| a.member.namn == name && a.member.valkrets.is_some())
            .and_then(|a| a.member.valkrets.as_deref())
            .or_else(|| {
                (self.absent.iter())
                    .find(|a| a.name == name)
                    .and_then(|a| a.constituency.as_deref())
            })
    }

    /// `name` as a document names a member, in a list (`in_text` false) or a sentence:
    /// with the party the roll gives, in the profile's style (`Bo Ström (M)`).
    pub fn named(&self, name: &str, in_text: bool) -> String {
        crate::swedish::with_party(self.party_style, in_text, name, self.party(name))
    }

    /// The names serving in the § at `item` (agenda index), in roll order, each once.
    pub fn serving_names(&self, item: usize) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for &i in self.serving.get(item).into_iter().flatten() {
            let name = self.attendants[i].member.namn.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// Whether `name` serves in the § at `item`.
    pub fn serves(&self, item: usize, name: &str) -> bool {
        self.serving_names(item).contains(&name)
    }

    /// Whether `name` is present in the § at `item`, serving or not.
    pub fn present(&self, item: usize, name: &str) -> bool {
        self.serves(item, name)
            || (self.present_not_serving.get(item).into_iter().flatten())
                .chain(self.left_during.get(item).into_iter().flatten())
                .any(|&i| self.attendants[i].member.namn == name)
    }

    /// Whether `name` stands in the roll at all.
    pub fn knows(&self, name: &str) -> bool {
        self.attendants.iter().any(|a| a.member.namn == name)
    }

    /// Whether `name` is a ledamot or ersättare not present.
    pub fn is_absent(&self, name: &str) -> bool {
        self.absent.iter().any(|a| a.name == name)
    }

    /// The names of the roll, each once, for "menade du …?".
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for a in &self.attendants {
            if !names.contains(&a.member.namn.as_str()) {
                names.push(&a.member.namn);
            }
        }
        names
    }

    /// The party of `name`, as the roll gives it: of one present, or one absent (whom an
    /// ersättare replaces).
    pub fn party(&self, name: &str) -> Option<&str> {
        self.attendants
            .iter()
            .find(|a| a.member.namn == name && a.member.parti.is_some())
            .and_then(|a| a.member.parti.as_deref())
            .or_else(|| {
                (self.absent.iter())
                    .find(|a| a.name == name)
                    .and_then(|a| a.party.as_deref())
            })
    }

    /// The serving members of `party` in the § at `item`.
    pub fn serving_of_party(&self, item: usize, party: &str) -> Vec<&str> {
        self.serving_names(item)
            .into_iter()
            .filter(|name| self.party(name) == Some(party))
            .collect()
    }

    /// The members of `party` present in the § at `item`, serving or not.
    pub fn present_of_party(&self, item: usize, party: &str) -> Vec<&str> {
        self.names()
            .into_iter()
            .filter(|name| self.present(item, name) && self.party(name) == Some(party))
            .collect()
    }

    /// Whether every entry serves in every § (nobody comes late, leaves or is replaced for
    /// part of the meeting, and nobody is jäv): the short form of a small meeting.
    pub fn uniform(&self) -> bool {
        self.serving.windows(2).all(|w| w[0] == w[1])
    }

    /// Runs of consecutive §§ (agenda indices) in which the same entries serve: the
    /// columns of the närvaro- och omröstningsbilaga.
    pub fn segments(&self) -> Vec<std::ops::Range<usize>> {
        let mut segments: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, here) in self.serving.iter().enumerate() {
            match segments.last_mut() {
                Some(last) if self.serving[last.start] == *here => last.end = i + 1,
                _ => segments.push(i..i + 1),
            }
        }
        segments
    }
}

/// What a roll is made of: the attendants, the absent, the vacant seats and the seats.
type Parts = (
    Vec<Attendant>,
    Vec<AbsentMember>,
    Vec<VacantSeat>,
    Option<usize>,
);

/// The roll as the meeting writes it in full: every entry of `beslutande` and
/// `ersättare`, `frånvarande` and `vakanser`.
fn as_written(loaded: &LoadedMeeting) -> Parts {
    let meeting = &loaded.meeting;
    let attendants = entries(loaded, Member::clone)
        .into_iter()
        .map(|(listed, index, member)| Attendant {
            member,
            listed,
            index: Some(index),
            replaced_in: Vec::new(),
        })
        .collect();
    let absent = meeting
        .frånvarande
        .iter()
        .map(|a| AbsentMember {
            name: a.namn.clone(),
            party: a.parti.clone(),
            municipality: None,
            constituency: a.valkrets.clone(),
            substitute: a.ersättare,
        })
        .collect();
    let vacancies = (meeting.vakanser.iter())
        .map(|v| VacantSeat {
            party: v.parti.clone(),
            constituency: v.valkrets.clone(),
        })
        .collect();
    (attendants, absent, vacancies, written_seats(loaded))
}

/// The entries of `beslutande` then `ersättare`, each as `fill` makes it, with its list
/// and place.
fn entries(
    loaded: &LoadedMeeting,
    fill: impl Fn(&Member) -> Member,
) -> Vec<(Listed, usize, Member)> {
    let meeting = &loaded.meeting;
    let listed = |listed: Listed, list: &[Member]| -> Vec<(Listed, usize, Member)> {
        (list.iter().enumerate())
            .map(|(index, m)| (listed, index, fill(m)))
            .collect()
    };
    let mut all = listed(Listed::Members, &meeting.beslutande);
    all.extend(listed(Listed::Substitutes, &meeting.ersättare));
    all
}

/// The organ's seats counted from a roll the meeting writes in full (the ledamöter
/// present, those absent, those an ersättare serves for, and the vacancies), when it
/// writes the absent or the vacancies.
fn written_seats(loaded: &LoadedMeeting) -> Option<usize> {
    let meeting = &loaded.meeting;
    if meeting.frånvarande.is_empty() && meeting.vakanser.is_empty() {
        return None;
    }
    let mut ledamöter: Vec<&str> = Vec::new();
    let present = meeting
        .beslutande
        .iter()
        .filter(|m| m.ersätter.is_none())
        .map(|m| m.namn.as_str());
    let replaced = meeting
        .beslutande
        .iter()
        .chain(&meeting.ersättare)
        .filter_map(|m| m.ersätter.as_deref())
        .filter(|name| *name != VACANT);
    let absent = meeting
        .frånvarande
        .iter()
        .filter(|a| !a.ersättare)
        .map(|a| a.namn.as_str());
    for name in present.chain(replaced).chain(absent) {
        if !ledamöter.contains(&name) {
            ledamöter.push(name);
        }
    }
    Some(ledamöter.len() + meeting.vakanser.len())
}

/// The roll of a meeting whose organ keeps one: each ledamot of the roll on the
/// meeting's date serves, in every § where no ersättare holds their seat, unless the
/// meeting says otherwise (`beslutande` for §§ of their own or a note, `frånvarande`);
/// the ersättare the meeting names attend; the others are absent.
fn from_roster(loaded: &LoadedMeeting, composition: &Composition) -> Parts {
    let meeting = &loaded.meeting;
    let numbers = &loaded.numbers;
    let fill = |m: &Member| {
        let mut m = m.clone();
        if let Some(seat) = composition.seat_of(&m.namn) {
            m.parti = m.parti.or_else(|| Some(seat.party.clone()));
            m.roll = m.roll.or_else(|| seat.role.clone());
            m.kommun = m.kommun.or_else(|| seat.municipality.clone());
            m.valkrets = m.valkrets.or_else(|| seat.constituency.clone());
        }
        m
    };
    let written_absent = |name: &str| meeting.frånvarande.iter().any(|a| a.namn == name);
    let all = entries(loaded, fill);
    // Each seat's entries as the meeting writes them, and those serving in it.
    let mut written_for: BTreeMap<&str, Vec<&(Listed, usize, Member)>> = BTreeMap::new();
    let mut serving_for: BTreeMap<&str, Vec<&Member>> = BTreeMap::new();
    for entry in &all {
        let (listed, _, m) = entry;
        if *listed == Listed::Members {
            written_for.entry(m.namn.as_str()).or_default().push(entry);
        }
        if let Some(seat) = m.ersätter.as_deref() {
            serving_for.entry(seat).or_default().push(m);
        }
    }
    // The §§ in which an ersättare serves in `seat`, the seat's holder not jäv there.
    let replaced_in = |seat: &str| -> Vec<ParagraphNumber> {
        let Some(substitutes) = serving_for.get(seat) else {
            return Vec::new();
        };
        loaded
            .items()
            .filter(|item| !item.item.jäv.iter().any(|j| j == seat))
            .map(|item| item.number)
            .filter(|&n| substitutes.iter().any(|m| own_paragraphs_cover(m, n)))
            .collect()
    };
    let mut attendants = Vec::new();
    let mut absent = Vec::new();
    let mut vacancies = Vec::new();
    for seat in &composition.members {
        let Some(name) = seat.name.as_deref() else {
            vacancies.push(VacantSeat {
                party: Some(seat.party.clone()),
                constituency: seat.constituency.clone(),
            });
            continue;
        };
        let written = written_for.get(name).cloned().unwrap_or_default();
        let replaced = replaced_in(name);
        let own_paragraphs = |m: &Member| m.paragrafer.is_some() || m.ej_paragrafer.is_some();
        for (listed, index, member) in &written {
            attendants.push(Attendant {
                member: member.clone(),
                listed: *listed,
                index: Some(*index),
                replaced_in: if own_paragraphs(member) {
                    Vec::new()
                } else {
                    replaced.clone()
                },
            });
        }
        let everywhere_replaced = !numbers.is_empty() && replaced.len() == numbers.len();
        if written_absent(name) || (written.is_empty() && everywhere_replaced) {
            absent.push(AbsentMember {
                name: name.to_owned(),
                party: Some(seat.party.clone()),
                municipality: seat.municipality.clone(),
                constituency: seat.constituency.clone(),
                substitute: false,
            });
        } else if written.is_empty() {
            attendants.push(Attendant {
                member: Member {
                    namn: name.to_owned(),
                    parti: Some(seat.party.clone()),
                    roll: seat.role.clone(),
                    ersätter: None,
                    paragrafer: None,
                    ej_paragrafer: None,
                    anteckning: None,
                    distans: Remote::No,
                    kom: None,
                    gick: None,
                    gick_före_beslutet: None,
                    kommun: seat.municipality.clone(),
                    valkrets: seat.constituency.clone(),
                },
                listed: Listed::Members,
                index: None,
                replaced_in: replaced,
            });
        }
    }
    // Those the meeting names who hold no seat of the roll: ersättare, and names the
    // checks report.
    for (listed, index, member) in &all {
        if *listed == Listed::Substitutes || composition.member(&member.namn).is_none() {
            attendants.push(Attendant {
                member: member.clone(),
                listed: *listed,
                index: Some(*index),
                replaced_in: Vec::new(),
            });
        }
    }
    let named: BTreeSet<&str> = all.iter().map(|(_, _, m)| m.namn.as_str()).collect();
    for substitute in &composition.substitutes {
        let Some(name) = substitute.name.as_deref() else {
            continue;
        };
        if !named.contains(name) {
            absent.push(AbsentMember {
                name: name.to_owned(),
                party: Some(substitute.party.clone()),
                municipality: substitute.municipality.clone(),
                constituency: substitute.constituency.clone(),
                substitute: true,
            });
        }
    }
    let seats = Some(composition.members.len());
    (attendants, absent, vacancies, seats)
}
