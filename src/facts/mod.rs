//! Stage 2: what follows from the files before anything is checked or written. The
//! totals of a case's tables; for a meeting, the organ and how sentences name it, who
//! serves in each §, the justeringar with their anslag dates, the decision and the main
//! proposal of each §, and every vote counted. Computed once; the rules (`validate`, the
//! stage above) and the documents (`derive`) both read them, so that what is checked is
//! what is printed. (Named, not linked: a stage below does not point up.)

pub mod attendance;
pub mod calendar;
pub mod organ;
pub mod parts;

use crate::model::{
    ApplicationTable, BallotSide, Case, Decision, Kronor, LoadedItem, LoadedMeeting, Person,
    Proposal, SignaturePlacement, StatementLayout, Vote,
};
use crate::swedish::{genitive, uncapitalized};
pub use attendance::{AbsentMember, Attendant, Listed, Roll};
pub use organ::OrganFacts;
pub use parts::Part;

/// Count and sums of one application table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub count: usize,
    pub requested: Kronor,
    pub granted: Kronor,
}

impl std::ops::Add for Totals {
    type Output = Totals;

    fn add(self, other: Totals) -> Totals {
        // Amounts are bounded (MAX_KRONOR) and so are rows; saturating all the same.
        Totals {
            count: self.count.saturating_add(other.count),
            requested: Kronor(self.requested.0.saturating_add(other.requested.0)),
            granted: Kronor(self.granted.0.saturating_add(other.granted.0)),
        }
    }
}

/// What an application is granted: the amount, the table's maximum when capped, nothing
/// when refused or referred to other funding.
pub fn granted(proposal: Proposal, table: &ApplicationTable) -> Kronor {
    match proposal {
        Proposal::Amount(amount) => amount,
        Proposal::Capped => table.maxbelopp.unwrap_or_default(),
        Proposal::Refused | Proposal::Referred => Kronor(0),
    }
}

pub fn totals(table: &ApplicationTable) -> Totals {
    Totals {
        count: table.ansökningar.len(),
        requested: Kronor(
            table
                .ansökningar
                .iter()
                .fold(0, |sum, a| sum.saturating_add(a.sökt.0)),
        ),
        granted: Kronor(
            table
                .ansökningar
                .iter()
                .fold(0, |sum, a| sum.saturating_add(granted(a.förslag, table).0)),
        ),
    }
}

/// The tables of a case in the order the document shows them (Tabell 1, 2, …).
pub fn table_order(case: &Case) -> Vec<&str> {
    case.avsnitt
        .iter()
        .flat_map(|section| section.tabeller.iter().map(String::as_str))
        .filter(|id| case.tabeller.contains_key(*id))
        .collect()
}

/// A part of the förvaltning's document, in the order printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StatementPart {
    /// `proposal`, `summary`, `section`, `fee`, `notices`, `signatures`, `attachments`,
    /// `distribution`.
    pub kind: &'static str,
    /// The section, for `section`.
    pub section: Option<usize>,
}

/// The names a case's or profile's `ordning` may use, with the part each means.
const STATEMENT_PARTS: &[(&str, &str)] = &[
    ("förslag_till_beslut", "proposal"),
    ("sammanfattning", "summary"),
    ("avgift", "fee"),
    ("upplysningar", "notices"),
    ("underskrifter", "signatures"),
    ("bilagor", "attachments"),
    ("expediering", "distribution"),
];

/// The parts of a case's document in the order printed: as the case says (`ordning`),
/// else the profile, else the seeds' order (the signatures where the profile puts them).
/// A name in the order may be a keyword or a section's heading; `avsnitt` stands for the
/// sections not named. What the order leaves out is added at the end, so that nothing is
/// lost. Also returned: the names of the case's own order that are neither keyword nor
/// heading, with their place (a profile's order may name sections some cases lack).
pub fn statement_order(
    case: &Case,
    layout: &StatementLayout,
) -> (Vec<StatementPart>, Vec<(usize, String)>) {
    let given = if !case.ordning.is_empty() {
        &case.ordning
    } else {
        &layout.ordning
    };
    let signatures_first = layout.underskrifter == SignaturePlacement::AfterProposal;
    let default: Vec<String> = [
        "förslag_till_beslut",
        if signatures_first {
            "underskrifter"
        } else {
            ""
        },
        "sammanfattning",
        "avsnitt",
        "avgift",
        "upplysningar",
        "bilagor",
        if signatures_first {
            ""
        } else {
            "underskrifter"
        },
        "expediering",
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .map(str::to_owned)
    .collect();
    let order = if given.is_empty() { &default } else { given };
    let named_section = |name: &str| {
        case.avsnitt
            .iter()
            .position(|s| s.rubrik.trim().to_lowercase() == name.trim().to_lowercase())
    };
    let mut parts: Vec<StatementPart> = Vec::new();
    let mut unknown = Vec::new();
    let push = |parts: &mut Vec<StatementPart>, part: StatementPart| {
        if !parts.contains(&part) {
            parts.push(part);
        }
    };
    for name in order.iter().chain(&default) {
        let position = order.iter().position(|n| n == name);
        if name == "avsnitt" {
            // The sections not named anywhere in the order, in their own order.
            for s in 0..case.avsnitt.len() {
                let named = order.iter().any(|n| named_section(n) == Some(s));
                if !named {
                    push(
                        &mut parts,
                        StatementPart {
                            kind: "section",
                            section: Some(s),
                        },
                    );
                }
            }
        } else if let Some((_, kind)) = STATEMENT_PARTS.iter().find(|(key, _)| key == name) {
            push(
                &mut parts,
                StatementPart {
                    kind,
                    section: None,
                },
            );
        } else if let Some(s) = named_section(name) {
            push(
                &mut parts,
                StatementPart {
                    kind: "section",
                    section: Some(s),
                },
            );
        } else if let Some(at) = position.filter(|_| !case.ordning.is_empty()) {
            unknown.push((at, name.clone()));
        }
    }
    (parts, unknown)
}

/// The proposal a § decides on: the last beredning's, else the case's förslag till beslut.
pub fn proposal<'a>(item: &LoadedItem<'a>) -> &'a [String] {
    match (item.item.beredning.last(), item.case) {
        (Some(preparation), _) => &preparation.förslag,
        (None, Some(case)) => &case.case.förslag_till_beslut,
        (None, None) => &[],
    }
}

/// The decision of a §: the proposal, reworded or replaced as the meeting says.
pub fn decision(item: &LoadedItem) -> Vec<String> {
    let base = proposal(item);
    match &item.item.beslut {
        None => base.to_vec(),
        Some(Decision::Points(points)) => points.clone(),
        Some(Decision::Reworded(changes)) => base
            .iter()
            .enumerate()
            .map(|(i, point)| changes.get(&(i + 1)).unwrap_or(point).clone())
            .collect(),
    }
}

/// The decision of `item` as printed: each point with its `lagrum` in parentheses before
/// the point's closing full stop, "… (6 kap. 6 § KL)."
pub fn decision_printed(item: &LoadedItem) -> Vec<String> {
    let mut points = decision(item);
    for (number, ground) in &item.item.lagrum {
        if let Some(point) = number.checked_sub(1).and_then(|i| points.get_mut(i)) {
            let text = point.trim_end();
            let (body, stop) = match text.strip_suffix('.') {
                Some(body) => (body, "."),
                None => (text, ""),
            };
            *point = format!("{body} ({}){stop}", ground.trim());
        }
    }
    points
}

/// Whose the main proposal of a § is, as the beslutsgång names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainProposal {
    /// In the genitive: `förvaltningens`, `kommunstyrelsens`, `ordförandens`.
    pub owner: String,
    /// `förvaltningens förslag`.
    pub name: String,
}

/// The main proposal of a §: the one `förslagsställare` names, else the last beredning's
/// organ, else the förvaltning's (with a case) or the chair's (without).
pub fn main_proposal(item: &LoadedItem) -> MainProposal {
    let proposer = match (&item.item.förslagsställare, item.item.beredning.last()) {
        (Some(given), _) => given.trim().to_owned(),
        (None, Some(preparation)) => preparation.organ.trim().to_owned(),
        (None, None) if item.case.is_some() => "förvaltningen".to_owned(),
        (None, None) => "ordföranden".to_owned(),
    };
    let owner = genitive(&uncapitalized(&proposer));
    MainProposal {
        name: format!("{owner} förslag"),
        owner,
    }
}

/// A vote with every side's names written out (`övriga` expanded to the members serving
/// who are on no other side).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountedVote {
    pub yes: Vec<String>,
    pub no: Vec<String>,
    pub abstain: Vec<String>,
}

impl CountedVote {
    pub fn of(vote: &Vote, serving: &[&str]) -> Self {
        let sides = [&vote.röster.ja, &vote.röster.nej, &vote.röster.avstår];
        let named: Vec<&str> = sides
            .iter()
            .flat_map(|side| side.named())
            .map(String::as_str)
            .collect();
        let rest: Vec<String> = serving
            .iter()
            .filter(|name| !named.contains(name))
            .map(|name| (*name).to_owned())
            .collect();
        let mut used_rest = false;
        let mut expand = |side: &BallotSide| match side {
            BallotSide::Named(names) => names.clone(),
            BallotSide::Rest if !used_rest => {
                used_rest = true;
                rest.clone()
            }
            BallotSide::Rest => Vec::new(),
        };
        CountedVote {
            yes: expand(&vote.röster.ja),
            no: expand(&vote.röster.nej),
            abstain: expand(&vote.röster.avstår),
        }
    }
}

/// What follows from a meeting file: the organ, who serves where, the justeringar, and
/// per § its chair and counted vote.
#[derive(Debug, Clone)]
pub struct MeetingFacts {
    pub organ: OrganFacts,
    pub roll: Roll,
    pub parts: Vec<Part>,
    /// The part of each § (agenda order); none for a § no justering takes.
    pub part_of: Vec<Option<usize>>,
    /// Per §: its vote with every name written out.
    pub votes: Vec<Option<CountedVote>>,
    /// Per §: who chairs it.
    pub chairs: Vec<Option<String>>,
    /// Who signs as the meeting's ordförande: the kallelse, and each part that names no
    /// one else.
    pub signing_chair: Option<Person>,
    /// How many ledamöter the organ has, when the meeting says (`platser`), the organ
    /// keeps a roll, or the meeting gives the whole roll (absent members, vacancies).
    pub seats: Option<usize>,
}

impl MeetingFacts {
    pub fn of(loaded: &LoadedMeeting) -> Self {
        let roll = Roll::of(loaded);
        let meeting_chair = meeting_chair(loaded, &roll);
        // The chair signs: as the meeting names them, else as the roll gives them (the
        // member listed with the role ordförande, or the organ roll's presidium).
        let signing_chair = loaded.meeting.ordförande.clone().or_else(|| {
            meeting_chair
                .clone()
                .map(|namn| Person { namn, titel: None })
        });
        let parts = parts::parts(loaded, signing_chair.as_ref());
        let part_of = parts::part_of_items(&parts, loaded.meeting.paragrafer.len());
        let votes = loaded
            .items()
            .map(|item| {
                let serving = roll.serving_names(item.index);
                item.item
                    .omröstning
                    .as_ref()
                    .map(|vote| CountedVote::of(vote, &serving))
            })
            .collect();
        let chairs = loaded
            .items()
            .map(|item| {
                item.item
                    .ordförande
                    .clone()
                    .or_else(|| meeting_chair.clone())
            })
            .collect();
        MeetingFacts {
            signing_chair,
            seats: roll.seats,
            organ: OrganFacts::of(&loaded.meeting, &loaded.profile.profile),
            roll,
            parts,
            part_of,
            votes,
            chairs,
        }
    }

    /// The part of the § at agenda index `item`.
    pub fn part(&self, item: usize) -> Option<&Part> {
        self.part_of
            .get(item)
            .copied()
            .flatten()
            .and_then(|p| self.parts.get(p))
    }
}

/// The chair of the meeting. As the meeting writes its roll: the member listed with the
/// role ordförande, else `ordförande`. With the organ's roll: `ordförande`, else the
/// roll's ordförande if serving, else the first vice ordförande serving, in the roll's
/// order.
fn meeting_chair(loaded: &LoadedMeeting, roll: &Roll) -> Option<String> {
    let meeting = &loaded.meeting;
    let given = meeting.ordförande.as_ref().map(|p| p.namn.clone());
    let serving =
        |a: &&Attendant| a.serves_somewhere() && loaded.numbers.iter().any(|n| a.covers(*n));
    let with_role = |pick: &dyn Fn(&str) -> bool| {
        roll.attendants
            .iter()
            .filter(serving)
            .find(|a| a.member.roll.as_deref().is_some_and(pick))
            .map(|a| a.member.namn.clone())
    };
    let chair = with_role(&|role| role == "ordförande");
    if loaded.composition.is_none() {
        return chair.or(given);
    }
    given
        .or(chair)
        .or_else(|| with_role(&|role| role.ends_with("vice ordförande")))
}

/// The outcome of a vote: which side won, and whether the chair's casting vote decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub yes_wins: bool,
    pub casting_vote: bool,
}

/// Ja wins on more votes; on equal votes the chair's vote decides (utslagsröst, KL 5 kap.
/// 60 § and 6 kap. 33 §). None for a tie the chair's vote cannot decide: the chair did
/// not vote ja or nej.
pub fn outcome(vote: &CountedVote, chair: Option<&str>) -> Option<Outcome> {
    let (yes, no) = (vote.yes.len(), vote.no.len());
    if yes != no {
        return Some(Outcome {
            yes_wins: yes > no,
            casting_vote: false,
        });
    }
    let chair = chair?;
    let chair_yes = vote.yes.iter().any(|n| n == chair);
    let chair_no = vote.no.iter().any(|n| n == chair);
    (chair_yes || chair_no).then_some(Outcome {
        yes_wins: chair_yes,
        casting_vote: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(yes: &[&str], no: &[&str], abstain: &[&str]) -> CountedVote {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect();
        CountedVote {
            yes: names(yes),
            no: names(no),
            abstain: names(abstain),
        }
    }

    #[test]
    fn more_votes_win_and_a_tie_is_the_chairs() {
        let win = |yes_wins, casting_vote| {
            Some(Outcome {
                yes_wins,
                casting_vote,
            })
        };
        assert_eq!(
            outcome(&vote(&["A", "B"], &["C"], &[]), None),
            win(true, false)
        );
        assert_eq!(
            outcome(&vote(&["B", "D"], &["A", "C"], &[]), Some("A")),
            win(false, true)
        );
        assert_eq!(
            outcome(&vote(&["A", "D"], &["B", "C"], &[]), Some("A")),
            win(true, true)
        );
        // A tie the chair did not vote in, or with no chair, is decided by nobody.
        assert_eq!(outcome(&vote(&["B"], &["C"], &["A"]), Some("A")), None);
        assert_eq!(outcome(&vote(&[], &[], &["A", "B"]), Some("A")), None);
        assert_eq!(outcome(&vote(&["B"], &["C"], &[]), None), None);
    }

    #[test]
    fn the_rest_are_everyone_serving_not_named() {
        let vote: Vote = crate::model::yaml::from_str(
            "{ja: förslaget, nej: yrkandet, röster: {ja: övriga, nej: [B]}}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let counted = CountedVote::of(&vote, &["A", "B", "C"]);
        let expected = CountedVote {
            yes: vec!["A".into(), "C".into()],
            no: vec!["B".into()],
            abstain: Vec::new(),
        };
        assert_eq!(counted, expected);
    }
}
