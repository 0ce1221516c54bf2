//! The agenda as the kallelse gives it: its points in the order written, the §§ and the
//! points without §, numbered 1, 2, 3 … where the profile numbers points apart from §§;
//! a huvudpunkt's §§ and a §'s delpunkter as its sub-items a, b ….

use serde::Serialize;

use super::ItemView;
use crate::model::{AgendaNumbers, LoadedMeeting};

/// The heading row of a huvudpunkt, before its first §: `5  Detaljplaner`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListHead {
    pub title: String,
    /// Its point on the agenda, where the kallelse numbers its points.
    pub point: Option<String>,
}

/// A delpunkt of a § decided with several, as the lists give it under the §'s title.
#[derive(Debug, Clone, Serialize)]
pub struct SubPointView {
    /// `a`.
    pub letter: String,
    /// `5 a`, where the kallelse numbers its points.
    pub point: Option<String>,
    pub title: String,
    pub dnr: Option<String>,
}

/// The kallelse's numbering of the agenda, per § and per point without §.
pub(super) struct Numbering {
    /// The point of each § (`5`, `5 a`); none for a § listed without number.
    pub paragraphs: Vec<Option<String>>,
    /// The heading row before each § that begins a huvudpunkt.
    pub heads: Vec<Option<ListHead>>,
    /// The point of each point without §, in `points_without_paragraph` order.
    pub points: Vec<Option<String>>,
}

/// One entry of the agenda as written.
#[derive(Clone, Copy)]
enum Entry {
    Paragraph(usize),
    Point(usize),
}

/// The §§ and the points without § in the order the meeting file gives them.
fn written_order(loaded: &LoadedMeeting) -> Vec<Entry> {
    let meeting = &loaded.meeting;
    let mut entries: Vec<(usize, Entry)> = (0..meeting.paragrafer.len())
        .map(|i| {
            let place = meeting.written_at.get(i).copied().unwrap_or(i);
            (place, Entry::Paragraph(i))
        })
        .chain(
            (meeting.points_without_paragraph.iter().enumerate())
                .map(|(k, (place, _))| (*place, Entry::Point(k))),
        )
        .collect();
    entries.sort_by_key(|(place, _)| *place);
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// How the kallelse numbers the agenda: points count on where the profile numbers them
/// apart from the §§, skipping the points listed without number; a huvudpunkt takes one
/// number and its §§ the letters after it.
pub(super) fn numbering(loaded: &LoadedMeeting) -> Numbering {
    let meeting = &loaded.meeting;
    let by_point = loaded.profile.profile.ärendeförteckning.punktnummer != AgendaNumbers::None;
    let mut numbering = Numbering {
        paragraphs: vec![None; meeting.paragrafer.len()],
        heads: vec![None; meeting.paragrafer.len()],
        points: vec![None; meeting.points_without_paragraph.len()],
    };
    let mut count = 0u32;
    let mut next = || {
        count += 1;
        count
    };
    let mut head: Option<(&str, u32, char)> = None;
    for entry in written_order(loaded) {
        match entry {
            Entry::Paragraph(i) => {
                let item = &meeting.paragrafer[i];
                match item.head() {
                    Some(title) => {
                        let (number, letter) = match head {
                            Some((before, number, letter)) if before == title => {
                                (number, char::from_u32(letter as u32 + 1).unwrap_or(letter))
                            }
                            _ => {
                                let number = next();
                                numbering.heads[i] = Some(ListHead {
                                    title: title.to_owned(),
                                    point: by_point.then(|| number.to_string()),
                                });
                                (number, 'a')
                            }
                        };
                        head = Some((title, number, letter));
                        numbering.paragraphs[i] = Some(format!("{number} {letter}"));
                    }
                    None => {
                        head = None;
                        if item.numrerad != Some(false) {
                            numbering.paragraphs[i] = Some(next().to_string());
                        }
                    }
                }
            }
            Entry::Point(k) => {
                head = None;
                if by_point && meeting.points_without_paragraph[k].1.numrerad == Some(true) {
                    numbering.points[k] = Some(next().to_string());
                }
            }
        }
    }
    if !by_point {
        numbering.paragraphs.iter_mut().for_each(|n| *n = None);
    }
    numbering
}

/// The delpunkter of a § at agenda point `point`, lettered a, b ….
pub(super) fn sub_points(item: &crate::model::Item, point: Option<&str>) -> Vec<SubPointView> {
    ('a'..='z')
        .zip(&item.delpunkter)
        .map(|(letter, sub)| SubPointView {
            letter: letter.to_string(),
            point: point.map(|p| format!("{p} {letter}")),
            title: sub.rubrik.trim().to_owned(),
            dnr: sub.dnr.as_deref().map(str::trim).map(str::to_owned),
        })
        .collect()
}

/// The kallelse's list: the §s' views and, in their places, the points without §, each
/// with its title, note, group and what it says.
pub(super) fn agenda_items(loaded: &LoadedMeeting, items: &[ItemView]) -> Vec<ItemView> {
    let meeting = &loaded.meeting;
    let numbering = numbering(loaded);
    let columns = loaded.profile.profile.ärendeförteckning.kolumner.len();
    // A group is headed where it begins among the points and §§ alike.
    let mut group = None;
    written_order(loaded)
        .into_iter()
        .map(|entry| {
            let (item, mut view) = match entry {
                Entry::Paragraph(i) => (&meeting.paragrafer[i], items[i].clone()),
                Entry::Point(k) => {
                    let item = &meeting.points_without_paragraph[k].1;
                    let view = ItemView {
                        title: item.rubrik.clone().unwrap_or_default(),
                        agenda_number: numbering.points[k].clone(),
                        numbered: numbering.points[k].is_some(),
                        agenda_summary: item.beskrivning.clone(),
                        agenda_note: item.anmärkning.clone(),
                        list_cells: vec![String::new(); columns],
                        ..ItemView::default()
                    };
                    (item, view)
                }
            };
            let this = item.group();
            view.list_group = this.filter(|g| group != Some(*g)).map(str::to_owned);
            group = this;
            view
        })
        .collect()
}
