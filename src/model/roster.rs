//! The organ's roll (`ledamoter.yaml`, beside `profil.yaml`): the mandate period, the
//! ledamöter with party and presidium role, the ersättare in their order, and what
//! changed during the period (a ledamot who leaves and who is elected in their place, a
//! new ordförande), each from a date. A meeting then records only what differed; who
//! holds which seat on its date follows from here.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

use super::files::folder_of;
use super::keys::{Schema, fields_of};
use super::{Reading, SourceFile, dates, did_you_mean};
use crate::error::{Error, Problem, Result};

/// The file name of an organ's roll; never read as a case or a meeting.
pub const ROSTER_FILE: &str = "ledamoter.yaml";

/// The most ledamöter, ersättare or changes a roll holds: the largest fullmäktige has 101
/// seats, and the checks of a meeting go through the roll once per §.
pub const MAX_ROSTER: usize = 1_000;

pub(super) const ROSTER_SCHEMA: Schema = &[
    ("", fields_of::<Roster>),
    ("mandatperiod", fields_of::<MandatePeriod>),
    ("ledamöter[]", fields_of::<RosterMember>),
    ("ersättare[]", fields_of::<RosterSubstitute>),
    ("ändringar[]", fields_of::<RosterChange>),
    ("ändringar[].efterträdare", fields_of::<Successor>),
];

/// An organ's ledamöter and ersättare for one mandate period.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub mandatperiod: MandatePeriod,
    /// Whether an ersättare steps in for a ledamot of their own party (the order of the
    /// list within the party) or in one order over the whole list.
    #[serde(default)]
    pub ersättarordning: SubstituteOrder,
    pub ledamöter: Vec<RosterMember>,
    /// In the order fullmäktige decided they are called in.
    #[serde(default)]
    pub ersättare: Vec<RosterSubstitute>,
    /// What changed during the period, each from its date.
    #[serde(default)]
    pub ändringar: Vec<RosterChange>,
}

/// The period the roll holds for.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MandatePeriod {
    #[serde(deserialize_with = "dates::required")]
    pub från: NaiveDate,
    #[serde(deserialize_with = "dates::required")]
    pub till: NaiveDate,
}

/// How the ersättare are called in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum SubstituteOrder {
    /// An ersättare of the same party, in the list's order within the party.
    #[default]
    #[serde(rename = "parti")]
    PerParty,
    /// Anyone on the list, in the list's order.
    #[serde(rename = "gemensam")]
    Joint,
}

/// A ledamot at the start of the period.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterMember {
    pub namn: String,
    pub parti: String,
    /// `ordförande`, `vice ordförande`, `förste vice ordförande`; empty for a ledamot.
    #[serde(default)]
    pub roll: Option<String>,
    /// In a gemensam nämnd: the municipality that elected them (`Norrby`).
    #[serde(default)]
    pub kommun: Option<String>,
    /// In a fullmäktige elected in several valkretsar: theirs (`Norra`).
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// An ersättare at the start of the period.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterSubstitute {
    pub namn: String,
    pub parti: String,
    /// In a gemensam nämnd: the municipality that elected them.
    #[serde(default)]
    pub kommun: Option<String>,
    /// In a fullmäktige elected in several valkretsar: the valkrets they were elected in,
    /// whose ledamöter of their party they may serve for.
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// One change from a date: someone leaves (and who is elected in their place), or a
/// ledamot takes a presidium role.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterChange {
    #[serde(deserialize_with = "dates::required")]
    pub datum: NaiveDate,
    /// The ledamot or ersättare who leaves the organ from the date.
    #[serde(default)]
    pub avgår: Option<String>,
    /// Who is elected in their place (fyllnadsval); left out, the seat is vacant.
    #[serde(default)]
    pub efterträdare: Option<Successor>,
    /// The ledamot whose role changes.
    #[serde(default)]
    pub namn: Option<String>,
    /// Their role from the date (`ordförande`); empty for none.
    #[serde(default)]
    pub roll: Option<String>,
}

/// Who takes the place of one who leaves.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    pub namn: String,
    /// By default the party of the one who leaves.
    #[serde(default)]
    pub parti: Option<String>,
    /// In a gemensam nämnd, by default the municipality of the one who leaves.
    #[serde(default)]
    pub kommun: Option<String>,
    /// By default the valkrets of the one who leaves.
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// A place on the roll on one day: a ledamot's seat (no name when vacant) or an
/// ersättare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterSeat {
    pub name: Option<String>,
    pub party: String,
    pub role: Option<String>,
    /// The municipality that elected them, in a gemensam nämnd.
    pub municipality: Option<String>,
    /// The valkrets they were elected in, in a fullmäktige of several.
    pub constituency: Option<String>,
}

/// The roll on one day: the seats and the ersättare in their order.
#[derive(Debug, Clone, Default)]
pub struct Composition {
    pub members: Vec<RosterSeat>,
    pub substitutes: Vec<RosterSeat>,
}

impl Composition {
    /// The seat held by `name`.
    pub fn member(&self, name: &str) -> Option<&RosterSeat> {
        self.members
            .iter()
            .find(|s| s.name.as_deref() == Some(name))
    }

    /// The ersättare called `name`, and their place in the list.
    pub fn substitute(&self, name: &str) -> Option<(usize, &RosterSeat)> {
        self.substitutes
            .iter()
            .enumerate()
            .find(|(_, s)| s.name.as_deref() == Some(name))
    }

    /// The place of `name`, ledamot or ersättare.
    pub fn seat_of(&self, name: &str) -> Option<&RosterSeat> {
        self.member(name)
            .or_else(|| self.substitute(name).map(|(_, s)| s))
    }

    /// The valkretsar in the order they first appear on the roll; none for an organ
    /// elected in one.
    pub fn constituencies(&self) -> Vec<String> {
        in_order_of_appearance(
            (self.members.iter().chain(&self.substitutes)).map(|seat| &seat.constituency),
        )
    }

    /// Every name on the roll this day, for "menade du …?".
    pub fn names(&self) -> Vec<&str> {
        self.members
            .iter()
            .chain(&self.substitutes)
            .filter_map(|s| s.name.as_deref())
            .collect()
    }
}

/// The valkretsar (or other names) given, each once, in the order they first appear.
pub fn in_order_of_appearance<'a>(
    given: impl IntoIterator<Item = &'a Option<String>>,
) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for name in given.into_iter().flatten() {
        if !order.contains(name) {
            order.push(name.clone());
        }
    }
    order
}

impl Roster {
    /// The roll on `date`: the changes dated that day or before applied in date order.
    pub fn on(&self, date: NaiveDate) -> Composition {
        self.apply(date).0
    }

    /// The roll on `date`, and each change that names someone not on the roll on its day
    /// (its index and the message).
    fn apply(&self, date: NaiveDate) -> (Composition, Vec<(usize, String)>) {
        let mut roll = Composition {
            members: (self.ledamöter.iter())
                .map(|m| RosterSeat {
                    name: Some(m.namn.clone()),
                    party: m.parti.clone(),
                    role: m.roll.clone().filter(|r| !r.trim().is_empty()),
                    municipality: m.kommun.clone(),
                    constituency: m.valkrets.clone(),
                })
                .collect(),
            substitutes: (self.ersättare.iter())
                .map(|s| RosterSeat {
                    name: Some(s.namn.clone()),
                    party: s.parti.clone(),
                    role: None,
                    municipality: s.kommun.clone(),
                    constituency: s.valkrets.clone(),
                })
                .collect(),
        };
        let mut problems = Vec::new();
        let mut changes: Vec<(usize, &RosterChange)> = self.ändringar.iter().enumerate().collect();
        changes.sort_by_key(|(_, c)| c.datum);
        for (c, change) in changes.into_iter().filter(|(_, c)| c.datum <= date) {
            let unknown = |roll: &Composition, name: &str| {
                let hint = did_you_mean(name, &roll.names())
                    .map(|hint| format!("; {hint}"))
                    .unwrap_or_default();
                format!(
                    "{name} står inte i förteckningen den {}{hint}",
                    change.datum
                )
            };
            if let Some(leaving) = &change.avgår {
                let seat = roll
                    .members
                    .iter_mut()
                    .chain(roll.substitutes.iter_mut())
                    .find(|s| s.name.as_deref() == Some(leaving.as_str()));
                let Some(seat) = seat else {
                    problems.push((c, unknown(&roll, leaving)));
                    continue;
                };
                seat.name = None;
                seat.role = None;
                if let Some(successor) = &change.efterträdare {
                    seat.name = Some(successor.namn.clone());
                    if let Some(party) = &successor.parti {
                        seat.party = party.clone();
                    }
                    if let Some(municipality) = &successor.kommun {
                        seat.municipality = Some(municipality.clone());
                    }
                    if let Some(constituency) = &successor.valkrets {
                        seat.constituency = Some(constituency.clone());
                    }
                    // An ersättare elected ledamot leaves the list of ersättare.
                    let name = successor.namn.as_str();
                    let elected = roll.member(name).is_some();
                    if elected && let Some((i, _)) = roll.substitute(name) {
                        roll.substitutes.remove(i);
                    }
                }
                roll.substitutes.retain(|s| s.name.is_some());
            } else if let Some(name) = &change.namn {
                let role = change.roll.clone().filter(|r| !r.trim().is_empty());
                if roll.member(name).is_none() {
                    problems.push((c, unknown(&roll, name)));
                    continue;
                }
                for seat in &mut roll.members {
                    if seat.name.as_deref() == Some(name.as_str()) {
                        seat.role = role.clone();
                    } else if role.is_some() && seat.role == role {
                        seat.role = None;
                    }
                }
            }
        }
        (roll, problems)
    }

    /// The roll's own mistakes: names twice, changes that say nothing or two things,
    /// dates outside the period, names not on the roll on the change's day.
    fn problems(&self, source: &SourceFile) -> Vec<Problem> {
        let mut problems = Vec::new();
        let lists = [
            ("ledamöter", self.ledamöter.len()),
            ("ersättare", self.ersättare.len()),
            ("ändringar", self.ändringar.len()),
        ];
        for (key, count) in lists {
            if count > MAX_ROSTER {
                problems.push(source.problem(
                    key,
                    format!("förteckningen har {count} {key}; högst {MAX_ROSTER} läses"),
                ));
            }
        }
        if !problems.is_empty() {
            return problems;
        }
        let period = self.mandatperiod;
        if period.till < period.från {
            problems.push(source.problem(
                "mandatperiod.till",
                format!("mandatperioden slutar {} innan den börjar", period.till),
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        let listed = (self.ledamöter.iter().enumerate())
            .map(|(i, m)| (format!("ledamöter[{i}].namn"), m.namn.as_str()))
            .chain(
                (self.ersättare.iter().enumerate())
                    .map(|(i, s)| (format!("ersättare[{i}].namn"), s.namn.as_str())),
            );
        for (field, name) in listed {
            if seen.contains(&name) {
                problems.push(
                    source.problem(&field, format!("{name} står två gånger i förteckningen")),
                );
            }
            seen.push(name);
        }
        problems.extend(self.constituency_problems(source));
        for (c, change) in self.ändringar.iter().enumerate() {
            let at = |key: &str| format!("ändringar[{c}].{key}");
            if change.datum < period.från || change.datum > period.till {
                problems.push(source.problem(
                    &at("datum"),
                    format!(
                        "ändringen den {} ligger utanför mandatperioden {}–{}",
                        change.datum, period.från, period.till
                    ),
                ));
            }
            let says = match (&change.avgår, &change.namn) {
                (Some(_), None) => change.roll.is_none(),
                (None, Some(_)) => change.efterträdare.is_none(),
                _ => false,
            };
            if !says {
                problems.push(source.problem(
                    &format!("ändringar[{c}]"),
                    "en ändring anger antingen `avgår` (och `efterträdare`) eller `namn` och `roll`",
                ));
            }
        }
        let (_, unknown) = self.apply(period.till.max(period.från));
        for (c, message) in unknown {
            let change = &self.ändringar[c];
            let key = if change.avgår.is_some() {
                "avgår"
            } else {
                "namn"
            };
            problems.push(source.problem(&format!("ändringar[{c}].{key}"), message));
        }
        problems
    }

    /// A roll divided in valkretsar names one for every ledamot and ersättare, and an
    /// ersättare's is one of the ledamöter's: ersättare are elected per party within each
    /// valkrets (vallagen), and the lists are printed under them.
    fn constituency_problems(&self, source: &SourceFile) -> Vec<Problem> {
        let entries = (self.ledamöter.iter().enumerate())
            .map(|(i, m)| (format!("ledamöter[{i}]"), &m.namn, &m.valkrets))
            .chain(
                (self.ersättare.iter().enumerate())
                    .map(|(i, s)| (format!("ersättare[{i}]"), &s.namn, &s.valkrets)),
            );
        let entries: Vec<_> = entries.collect();
        if entries.iter().all(|(_, _, valkrets)| valkrets.is_none()) {
            return Vec::new();
        }
        let elected: Vec<&str> = (self.ledamöter.iter())
            .filter_map(|m| m.valkrets.as_deref())
            .collect();
        let mut problems = Vec::new();
        for (at, name, valkrets) in entries {
            match valkrets {
                None => problems.push(source.problem(
                    &at,
                    format!("{name} saknar valkrets; när förteckningen delar ledamöterna i valkretsar anger varje ledamot och ersättare sin (`valkrets: …`)"),
                )),
                Some(valkrets) if !elected.contains(&valkrets.as_str()) => {
                    let hint = did_you_mean(valkrets, &elected)
                        .map(|hint| format!("; {hint}"))
                        .unwrap_or_default();
                    problems.push(source.problem(
                        &format!("{at}.valkrets"),
                        format!("ingen ledamot är vald i valkretsen {valkrets}{hint}"),
                    ));
                }
                Some(_) => {}
            }
        }
        problems
    }
}

/// A roll as loaded, with its file.
#[derive(Debug, Clone)]
pub struct LoadedRoster {
    pub source: SourceFile,
    pub roster: Roster,
}

impl LoadedRoster {
    /// A read roll, checked.
    pub fn from_source(source: SourceFile) -> Result<Self> {
        let roster: Roster = source.parse(ROSTER_SCHEMA)?;
        let problems = roster.problems(&source);
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        Ok(LoadedRoster { source, roster })
    }

    /// The roll that applies to the meeting at `path`: `ledamoter.yaml` in its folder,
    /// else in the folder above (the organ's), as the profile is found; none without.
    /// Read once in `reading`, however many meetings ask.
    pub fn for_file_in(path: &Path, reading: &Reading) -> Result<Option<Arc<Self>>> {
        let folder = folder_of(path);
        let own = folder.join(ROSTER_FILE);
        let above = folder.join("..").join(ROSTER_FILE);
        let file = match (own.exists(), above.exists()) {
            (true, _) => own,
            (false, true) => above,
            (false, false) => return Ok(None),
        };
        if let Err(why) = super::files::inside(&file, folder_of(&file)) {
            return Err(
                Problem::in_file(&file, format!("förteckningen {why}; den läses inte")).into(),
            );
        }
        reading.roster(&file, || {
            Self::from_source(reading.source(&file)?).map(Arc::new)
        })
    }
}
