//! The anslag of a justering: that its protocol is justerat, when the notice is posted and
//! taken down, where the protocol is kept, and who may appeal by when (KL 8 kap. 12 §,
//! 13 kap.).

use chrono::NaiveDate;
use serde::Serialize;

use super::item::{appeal_route, form, lawfulness_sentence, proposal_receivers};
use super::procedure::Phrasing;
use super::{DateParts, PersonView};
use crate::facts::{MeetingFacts, Part};
use crate::model::labels::label;
use crate::model::{AppealRoute, Item, LoadedMeeting, ParagraphNumber, PostingDates, TakenDown};
use crate::swedish::{self, genitive};

/// The anslag (notice on the anslagstavla) that a protocol is justerat.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub committee: String,
    /// The organ in the genitive, as the appeal sentence names it: `nämndens`.
    pub organ_genitive: String,
    /// Who may appeal: members of `kommunen`, `regionen`.
    pub appellants: String,
    pub meeting_date: String,
    /// In a protocol of delegeringsbeslut, the label of that date: `Beslutsdatum`.
    pub date_label: Option<String>,
    /// The anslag of a protocol of delegeringsbeslut, which the web names so.
    pub delegated: bool,
    /// The same days in the long form, for the web's headings and sentences.
    pub meeting_date_long: String,
    pub posted_on_long: String,
    pub taken_down_on_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub paragraphs: String,
    pub adjusted_on: String,
    pub posted_on: String,
    pub taken_down_on: String,
    pub appeal_last_day: String,
    pub appeal_last_day_long: String,
    pub storage: String,
    pub secretary: PersonView,
    /// Justerat with electronic signatures: nothing to sign by hand.
    pub digital: bool,
    /// The protocol's ANSLAG/BEVIS leaves the days posted and taken down blank, to be
    /// written by hand (`anslag.datum: tomma`); never when justerat digitally.
    pub blank_dates: bool,
    /// The ANSLAG/BEVIS box's title and its lead sentence, as the profile words them,
    /// with the organ's names filled in.
    pub title: String,
    pub lead: Option<String>,
    /// The heading of the anslag itself: the box's title in sentence case (`Anslag/bevis`).
    pub heading: String,
    /// Posted to taken down, for "Tid för anslag": `25 september – 16 oktober 2024`.
    pub period: String,
    /// The profile's running text of the anslag, filled in.
    pub text: String,
    /// The same text as the protocol's ANSLAG/BEVIS prints it: with `blank_dates`, a
    /// line to write each day on.
    pub form_text: String,
    /// How the §§ are appealed, a sentence for each way that applies: laglighetsprövning,
    /// förvaltningsbesvär, none.
    pub appeal: Vec<String>,
    /// The same days as dates: what the anslagstavla sorts and chooses by, and its
    /// `<time datetime>`.
    pub dates: NoticeDates,
    /// The agenda indices of its §§: what the web links it to its protocol and extracts by.
    #[serde(skip)]
    pub items: Vec<usize>,
}

/// The days of an anslag.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NoticeDates {
    pub adjusted: NaiveDate,
    pub posted: NaiveDate,
    pub taken_down: NaiveDate,
    pub appeal_last_day: NaiveDate,
}

/// A day left blank in running text, to be written on by hand: as wide as a date written
/// out.
const WRITE_IN: &str = "________________";

/// The anslag of `part`, when the meeting names where its protocol is kept and the day of
/// the justering is known.
pub fn notice_view(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
    part: &Part,
) -> Option<NoticeView> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let notice = meeting.anslag.as_ref()?;
    let adjusted = part.date?;
    let posted = part.posted?;
    let last_day = part.appeal_last_day()?;
    let layout = &loaded.profile.profile.anslag;
    let taken_down = match layout.nedtagning {
        TakenDown::LastDay => last_day,
        TakenDown::DayAfter => last_day.succ_opt().unwrap_or(last_day),
    };
    let numbers: Vec<ParagraphNumber> = part.items.iter().map(|&i| loaded.numbers[i]).collect();
    let layout = &loaded.profile.profile.anslag;
    let paragraphs = swedish::paragraph_list(&form(loaded), &numbers);
    let digital = loaded.digital_adjustment();
    let blank_dates = layout.datum == PostingDates::Blank && !digital;
    // Dates inside sentences and the web's headings in the long form ("12 november 2024"),
    // whatever form the profile gives its boxes and headers; without the weekday, which
    // would crowd the period "15 november – 6 december 2024".
    let running = swedish::long_date;
    let text_with = |posted_on: &str, taken_down_on: &str| {
        phrasing.sentence(
            match loaded.delegated() {
                true => &layout.text_delegeringsbeslut,
                false => &layout.text,
            },
            &[
                ("sammanträdesdatum", &running(meeting.datum)),
                ("paragrafer", &paragraphs),
                ("justerat", &running(adjusted)),
                ("uppsatt", posted_on),
                ("nedtaget", taken_down_on),
                ("förvaringsplats", &notice.förvaringsplats),
            ],
        )
    };
    let text = text_with(&running(posted), &running(taken_down));
    let form_text = if blank_dates {
        text_with(WRITE_IN, WRITE_IN)
    } else {
        text.clone()
    };
    let title = phrasing.fill(&layout.rubrik, &[]);
    let lead = phrasing.fill(&layout.inledning, &[]);
    Some(NoticeView {
        heading: swedish::capitalized(&title.to_lowercase()),
        title,
        lead: (!lead.trim().is_empty()).then_some(lead),
        period: swedish::date_range(dates, posted, taken_down),
        appeal: appeal_sentences(loaded, facts, phrasing, part, last_day),
        text,
        form_text,
        committee: meeting.nämnd.clone(),
        organ_genitive: genitive(&facts.organ.short),
        appellants: facts.organ.appellants.clone(),
        meeting_date: swedish::date(dates, meeting.datum),
        delegated: loaded.delegated(),
        date_label: (loaded.delegated())
            .then(|| label(&loaded.profile.profile.etiketter, "beslutsdatum").to_owned()),
        meeting_date_long: running(meeting.datum),
        posted_on_long: running(posted),
        taken_down_on_long: running(taken_down),
        date_parts: posted.into(),
        paragraphs: paragraphs.clone(),
        adjusted_on: swedish::date(dates, adjusted),
        posted_on: swedish::date(dates, posted),
        taken_down_on: swedish::date(dates, taken_down),
        appeal_last_day: swedish::date(dates, last_day),
        appeal_last_day_long: swedish::long_date(last_day),
        storage: notice.förvaringsplats.clone(),
        secretary: PersonView::from(&meeting.sekreterare),
        digital,
        blank_dates,
        dates: NoticeDates {
            adjusted,
            posted,
            taken_down,
            appeal_last_day: last_day,
        },
        items: part.items.clone(),
    })
}

/// The anslag's sentences on how the §§ of `part` are appealed: those open to
/// laglighetsprövning (all but the ones with a route of their own), those appealed by
/// förvaltningsbesvär, those not at all, and those whose decision proposes to another
/// organ (one sentence per set of receiving organs).
fn appeal_sentences(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
    part: &Part,
    last_day: NaiveDate,
) -> Vec<String> {
    let form = form(loaded);
    let items = &loaded.meeting.paragrafer;
    let numbers = |wanted: &dyn Fn(&Item) -> bool| -> Vec<ParagraphNumber> {
        part.items
            .iter()
            .filter(|&&i| wanted(&items[i]))
            .map(|&i| loaded.numbers[i])
            .collect()
    };
    let wordings = phrasing.wordings;
    let mut sentences = Vec::new();
    let lawfulness = numbers(&|item| appeal_route(item) == Some(AppealRoute::Lawfulness));
    if !lawfulness.is_empty() {
        let paragraphs = swedish::paragraph_list(&form, &lawfulness);
        sentences.push(lawfulness_sentence(phrasing, facts, &paragraphs, last_day));
    }
    for (route, wording) in [
        (AppealRoute::Administrative, &wordings.förvaltningsbesvär),
        (AppealRoute::None, &wordings.ej_överklagbart),
    ] {
        let these = numbers(&|item| appeal_route(item) == Some(route));
        if !these.is_empty() {
            sentences.push(phrasing.sentence(
                wording,
                &[("paragrafer", &swedish::paragraph_list(&form, &these))],
            ));
        }
    }
    let mut receivers: Vec<String> = Vec::new();
    for &i in &part.items {
        if let Some(to) = proposal_receivers(&items[i])
            && !receivers.contains(&to)
        {
            receivers.push(to);
        }
    }
    for to in receivers {
        let these = numbers(&|item| proposal_receivers(item).as_ref() == Some(&to));
        sentences.push(phrasing.sentence(
            &wordings.förslag_till_annat_organ,
            &[
                ("paragrafer", &swedish::paragraph_list(&form, &these)),
                ("mottagare", &to),
            ],
        ));
    }
    sentences
}
