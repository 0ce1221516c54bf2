//! The justeringar of a meeting: which §§ each covers, who justerar them, when and where,
//! and the day its anslag is posted (at the latest the second day after that justering,
//! KL 8 kap. 12 §) and taken down (three weeks on, KL 13 kap. 5 §). A meeting justerad in
//! one piece has one part; §§ justerade at the meeting form a part of their own.

use chrono::NaiveDate;

use super::calendar;
use crate::model::{Approver, ClockTime, LoadedMeeting, PartParagraphs, Person};

/// One justering and the §§ it covers.
#[derive(Debug, Clone)]
pub struct Part {
    /// Agenda indices of its §§, in agenda order.
    pub items: Vec<usize>,
    /// The §§ justerade at the meeting (omedelbar justering).
    pub immediate: bool,
    /// The day of justering, when known.
    pub date: Option<NaiveDate>,
    pub time: Option<ClockTime>,
    pub place: Option<String>,
    pub approvers: Vec<Approver>,
    pub chair: Option<Person>,
    /// The day the anslag is posted, when the meeting has an anslag.
    pub posted: Option<NaiveDate>,
    /// Where it is written in the meeting file (`justeringar[1]`, `justering`), for messages.
    pub field: String,
}

impl Part {
    /// The last day to appeal and the day the anslag comes down: three weeks after
    /// posting, moved past holidays.
    pub fn appeal_last_day(&self) -> Option<NaiveDate> {
        self.posted.map(calendar::appeal_deadline)
    }
}

/// The parts of a meeting: as `justeringar` gives them, or from `justering` and the items
/// marked `omedelbar_justering`. An item no part takes belongs to none (a check reports it).
/// `chair` signs as ordförande where a part names no one else.
pub fn parts(loaded: &LoadedMeeting, chair: Option<&Person>) -> Vec<Part> {
    let meeting = &loaded.meeting;
    let immediate: Vec<usize> = loaded
        .items()
        .filter(|i| i.item.omedelbar_justering)
        .map(|i| i.index)
        .collect();
    let has_notice = meeting.anslag.is_some();
    if meeting.justeringar.is_empty() {
        let rest: Vec<usize> = loaded
            .items()
            .filter(|i| !i.item.omedelbar_justering)
            .map(|i| i.index)
            .collect();
        let mut parts = Vec::new();
        if !rest.is_empty() {
            let date = meeting.justering.as_ref().map(|j| j.datum);
            parts.push(Part {
                items: rest,
                immediate: false,
                date,
                time: meeting.justering.as_ref().and_then(|j| j.tid),
                place: meeting.justering.as_ref().and_then(|j| j.plats.clone()),
                approvers: meeting.justerare.clone(),
                chair: chair.cloned(),
                posted: date
                    .filter(|_| has_notice)
                    .map(|d| meeting.anslag.as_ref().and_then(|a| a.datum).unwrap_or(d)),
                field: "justering".to_owned(),
            });
        }
        if !immediate.is_empty() {
            // Justerad at the meeting: the meeting's day and place. When it is the whole
            // protocol, a date given for the anslag is this part's.
            let given_posting = match parts.is_empty() {
                true => meeting.anslag.as_ref().and_then(|a| a.datum),
                false => None,
            };
            parts.push(Part {
                items: immediate,
                immediate: true,
                date: Some(meeting.datum),
                time: None,
                place: meeting.plats.clone(),
                approvers: meeting.justerare.clone(),
                chair: chair.cloned(),
                posted: has_notice.then(|| given_posting.unwrap_or(meeting.datum)),
                field: "paragrafer".to_owned(),
            });
        }
        return parts;
    }
    let mut taken = vec![false; meeting.paragrafer.len()];
    let mut parts: Vec<Option<Part>> = Vec::new();
    // Parts that name their §§ first, so that the one that takes the rest knows the rest.
    for (p, given) in meeting.justeringar.iter().enumerate() {
        let items: Vec<usize> = match &given.paragrafer {
            None => {
                parts.push(None);
                continue;
            }
            Some(PartParagraphs::Immediate) => immediate.clone(),
            Some(PartParagraphs::List(list)) => loaded
                .items()
                .filter(|i| list.contains(i.number))
                .map(|i| i.index)
                .collect(),
        };
        let items: Vec<usize> = items.into_iter().filter(|&i| !taken[i]).collect();
        for &i in &items {
            taken[i] = true;
        }
        parts.push(Some(part_of(loaded, chair, p, items)));
    }
    let rest: Vec<usize> = (0..taken.len()).filter(|&i| !taken[i]).collect();
    let mut rest_taken = false;
    parts
        .into_iter()
        .enumerate()
        .map(|(p, part)| match part {
            Some(part) => part,
            None if !rest_taken => {
                rest_taken = true;
                part_of(loaded, chair, p, rest.clone())
            }
            None => part_of(loaded, chair, p, Vec::new()),
        })
        .collect()
}

/// The part written as `justeringar[p]`, covering `items`.
fn part_of(loaded: &LoadedMeeting, chair: Option<&Person>, p: usize, items: Vec<usize>) -> Part {
    let meeting = &loaded.meeting;
    let given = &meeting.justeringar[p];
    Part {
        immediate: matches!(given.paragrafer, Some(PartParagraphs::Immediate)),
        items,
        date: Some(given.datum),
        time: given.tid,
        place: given.plats.clone(),
        approvers: given
            .justerare
            .clone()
            .unwrap_or_else(|| meeting.justerare.clone()),
        chair: given.ordförande.clone().or_else(|| chair.cloned()),
        posted: meeting
            .anslag
            .as_ref()
            .map(|_| given.anslag.unwrap_or(given.datum)),
        field: format!("justeringar[{p}]"),
    }
}

/// The part each § (agenda index) belongs to, if any.
pub fn part_of_items(parts: &[Part], items: usize) -> Vec<Option<usize>> {
    let mut of = vec![None; items];
    for (p, part) in parts.iter().enumerate() {
        for &i in &part.items {
            if of[i].is_none() {
                of[i] = Some(p);
            }
        }
    }
    of
}
