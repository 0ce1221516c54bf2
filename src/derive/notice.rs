//! The anslag of a justering: that its protocol is justerat, when the notice is posted and
//! taken down, where the protocol is kept, and who may appeal by when (KL 8 kap. 12 §,
//! 13 kap.).

use serde::Serialize;

use super::{DateParts, PersonView};
use crate::facts::{MeetingFacts, Part};
use crate::model::{LoadedMeeting, ParagraphNumber};
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
}

/// The anslag of `part`, when the meeting names where its protocol is kept and the day of
/// the justering is known.
pub fn notice_view(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    part: &Part,
) -> Option<NoticeView> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let notice = meeting.anslag.as_ref()?;
    let adjusted = part.date?;
    let posted = part.posted?;
    let last_day = part.appeal_last_day()?;
    let numbers: Vec<ParagraphNumber> = part.items.iter().map(|&i| loaded.numbers[i]).collect();
    Some(NoticeView {
        committee: meeting.nämnd.clone(),
        organ_genitive: genitive(&facts.organ.short),
        appellants: facts.organ.appellants.clone(),
        meeting_date: swedish::date(dates, meeting.datum),
        date_parts: posted.into(),
        paragraphs: swedish::paragraph_list(
            loaded.profile.profile.paragrafprefix.as_deref(),
            &numbers,
        ),
        adjusted_on: swedish::date(dates, adjusted),
        posted_on: swedish::date(dates, posted),
        taken_down_on: swedish::date(dates, last_day),
        appeal_last_day: swedish::date(dates, last_day),
        appeal_last_day_long: swedish::long_date(last_day),
        storage: notice.förvaringsplats.clone(),
        secretary: PersonView::from(&meeting.sekreterare),
    })
}
