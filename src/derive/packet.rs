//! The handlingar packet of a meeting: the kallelse followed by each item's
//! tjänsteutlåtande and its file bilagor, one PDF as the councillors want it, with a table
//! of contents; and its public version, without the secret items' documents and the
//! bilagor not marked public (its contents name each with why) and with personal data
//! replaced.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{DateParts, Document, DocumentKind, ItemView, View};
use crate::model::{AgendaNumbers, LoadedMeeting};
use crate::swedish;

/// A packet: its documents in order, the kallelse first.
#[derive(Debug, Clone)]
pub struct PacketView {
    pub committee: String,
    pub meeting_date: String,
    pub date_parts: DateParts,
    /// The public version: secret items' documents and bilagor not marked public left
    /// out, personal data replaced.
    pub public: bool,
    /// The heading over the parts' references in the contents: `Paragraf`, or `Punkt`
    /// where the kallelse numbers its points apart from the §§.
    pub reference_heading: String,
    pub parts: Vec<PacketPart>,
}

/// One document of a packet, and what its table of contents says of it.
#[derive(Debug, Clone)]
pub struct PacketPart {
    /// What it is the document of, as the kallelse numbers it: its § (`KFN § 3`), or its
    /// point on the agenda (`Punkt 2`) where the kallelse numbers its points apart from
    /// the §§; none for the kallelse. The contents and each page's stamp give it.
    pub reference: Option<String>,
    /// Shared by the whole packet and the public one.
    pub document: Arc<Document>,
    /// The huvudpunkt whose first document this is: the contents give it a row of its
    /// own before, with its point where the kallelse numbers its points (`Punkt 3`,
    /// `Detaljplaner`).
    pub head: Option<(Option<String>, String)>,
}

/// The packets of a meeting whose kallelse is `agenda`, whose items are `items` and their
/// tjänsteutlåtanden `statements`: the whole one, and the public version (file name
/// `handlingar-offentlig`); none when no item has a case.
pub fn packets(
    loaded: &LoadedMeeting,
    agenda: &Document,
    items: &[ItemView],
    statements: &[Option<Arc<Document>>],
) -> Vec<Document> {
    let list = &loaded.profile.profile.ärendeförteckning;
    // The packet goes out with the kallelse: it refers to an item as the kallelse does.
    let by_point = list.punktnummer != AgendaNumbers::None;
    let mut parts = vec![PacketPart {
        reference: None,
        document: Arc::new(agenda.clone()),
        head: None,
    }];
    // The huvudpunkt of the §§ being gathered, until its first document is.
    let mut head = None;
    for ((view, statement), item) in items.iter().zip(statements).zip(loaded.items()) {
        if item.item.head().is_none() {
            head = None;
        }
        if let Some(list_head) = &view.list_head {
            let point = (list_head.point.as_ref()).map(|p| format!("{} {p}", list.etiketter.punkt));
            head = Some((point, list_head.title.clone()));
        }
        // Its file bilagor follow the tjänsteutlåtande.
        for document in statement.iter().flat_map(Document::with_attached) {
            let reference = match (by_point, &view.agenda_number) {
                (true, Some(point)) => Some(format!("{} {point}", list.etiketter.punkt)),
                // Listed without number in the kallelse: no number here either.
                (true, None) => None,
                (false, _) => view.numbered.then(|| view.paragraph.clone()),
            };
            parts.push(PacketPart {
                reference,
                document,
                head: head.take(),
            });
        }
    }
    // A meeting without tjänsteutlåtanden has its kallelse alone: no packet to gather.
    if parts.len() == 1 {
        return Vec::new();
    }
    let dates = loaded.profile.profile.datumformat;
    let meeting_date: NaiveDate = loaded.meeting.datum;
    let packet = |public: bool| {
        // The public one keeps every part: what it leaves out its contents name, with why.
        let parts = parts.clone();
        let mut sources = Vec::new();
        let mut redactions = Vec::new();
        for part in &parts {
            super::SourceAttachment::add_new(&mut sources, &part.document.sources);
            redactions.extend(part.document.redactions.iter().cloned());
        }
        Document {
            kind: DocumentKind::Packet,
            committee: agenda.committee.clone(),
            date: agenda.date,
            dnr: Vec::new(),
            paragraph: None,
            title: format!(
                "Handlingar, {} {}",
                agenda.committee,
                swedish::short_date(meeting_date)
            ),
            meeting_date: Some(meeting_date),
            sources,
            redactions,
            // The whole packet holds what the secret items hold.
            secret: !public && parts.iter().any(|p| p.document.secret),
            part: public.then(|| "offentlig".to_owned()),
            profile: agenda.profile.clone(),
            view: View::Packet(Box::new(PacketView {
                committee: agenda.committee.clone(),
                meeting_date: swedish::date(dates, meeting_date),
                date_parts: agenda.date.into(),
                public,
                reference_heading: if by_point {
                    list.etiketter.punkt.clone()
                } else {
                    agenda
                        .profile
                        .labels
                        .get("paragraf")
                        .cloned()
                        .unwrap_or_default()
                },
                parts,
            })),
        }
    };
    vec![packet(false), packet(true)]
}
