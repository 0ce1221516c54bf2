//! Who serves (tjänstgör) in each §: ledamöter for the §§ they attend, ersättare for the
//! member they replace in the §§ given, nobody in a § where they declared jäv. Every rule
//! about votes, yrkanden and reservations, the beslutande list and the närvaro- och
//! omröstningsbilaga read it from here.

use std::collections::BTreeSet;

use crate::model::{LoadedMeeting, Member, ParagraphList, ParagraphNumber};

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

/// One entry of `beslutande` or `ersättare`.
#[derive(Debug, Clone)]
pub struct Attendant {
    pub member: Member,
    pub listed: Listed,
    /// Its place in that list.
    pub index: usize,
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

    /// The field path of `name` in this entry: `beslutande[3].paragrafer`.
    pub fn field(&self, name: &str) -> String {
        format!("{}[{}].{name}", self.listed.key(), self.index)
    }

    /// Whether the entry covers `number`: within its `paragrafer` (all when left out) and
    /// outside its `ej_paragrafer`.
    pub fn covers(&self, number: ParagraphNumber) -> bool {
        let within =
            |list: &Option<ParagraphList>| list.as_ref().is_none_or(|l| l.contains(number));
        within(&self.member.paragrafer)
            && !self
                .member
                .ej_paragrafer
                .as_ref()
                .is_some_and(|l| l.contains(number))
    }
}

/// Who attended the meeting and who served in each §.
#[derive(Debug, Clone)]
pub struct Roll {
    /// Every entry of `beslutande`, then of `ersättare`.
    pub attendants: Vec<Attendant>,
    /// Per § (agenda order): the entries that serve in it.
    pub serving: Vec<Vec<usize>>,
    /// Per §: the entries present in it without serving (ersättare not called in, and
    /// members who declared jäv are not present).
    pub present_not_serving: Vec<Vec<usize>>,
}

impl Roll {
    pub fn of(loaded: &LoadedMeeting) -> Self {
        let meeting = &loaded.meeting;
        let attendants: Vec<Attendant> = (meeting.beslutande.iter().enumerate())
            .map(|(index, m)| (Listed::Members, index, m))
            .chain(
                meeting
                    .ersättare
                    .iter()
                    .enumerate()
                    .map(|(index, m)| (Listed::Substitutes, index, m)),
            )
            .map(|(listed, index, member)| Attendant {
                member: member.clone(),
                listed,
                index,
            })
            .collect();
        let mut serving = Vec::new();
        let mut present_not_serving = Vec::new();
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
            serving.push(here);
            present_not_serving.push(others);
        }
        Roll {
            attendants,
            serving,
            present_not_serving,
        }
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
            || self
                .present_not_serving
                .get(item)
                .into_iter()
                .flatten()
                .any(|&i| self.attendants[i].member.namn == name)
    }

    /// Whether `name` stands in the roll at all.
    pub fn knows(&self, name: &str) -> bool {
        self.attendants.iter().any(|a| a.member.namn == name)
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

    /// The party of `name`, as the roll gives it.
    pub fn party(&self, name: &str) -> Option<&str> {
        self.attendants
            .iter()
            .find(|a| a.member.namn == name && a.member.parti.is_some())
            .and_then(|a| a.member.parti.as_deref())
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
