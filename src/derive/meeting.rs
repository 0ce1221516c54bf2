//! A meeting's documents: the protokoll of each justering (its own first page, §§ and
//! ANSLAG/BEVIS) or, kept as one protocol, one of them all (a first page listing each
//! justering, an ANSLAG/BEVIS row each), the protokollsutdrag of every §, the kallelse and
//! the anslag of each justering.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::item::{ItemView, form, items};
use super::notice::{NoticeView, notice_view};
use super::procedure::Phrasing;
use super::roll::{MemberView, Recipients, RollTable, cover_lists, recipients, roll_table};
use super::{
    DateParts, Document, DocumentKind, PersonView, ProfileViews, Shared, SourceAttachment, View,
};
use crate::error::Result;
use crate::facts::{MeetingFacts, Part};
use crate::model::labels::label;
use crate::model::{
    Approver, Attendee, LoadedMeeting, ParagraphList, ParagraphNumber, RollPlacement, Stage,
};
use crate::swedish;

/// What every document of a meeting says about the meeting and, for a protocol part or an
/// extract, about its justering.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub committee: String,
    /// The organ an utskott belongs to, above its name.
    pub parent_organ: Option<String>,
    /// "Socialnämndens beslut", as the profile words it.
    pub decision_heading: String,
    /// "Kommunfullmäktige beslutar": the line above decision points set out as att-satser.
    pub decision_lead: String,
    pub meeting_date: String,
    /// The date in running text: `17 september 2024`, or `tisdagen den 17 september 2024`.
    pub meeting_date_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub meeting_place: Option<String>,
    /// The whole time, for the protocol: `kl. 13.00–15.40`.
    pub meeting_time: Option<String>,
    /// The start, for the kallelse: `kl. 13.00`.
    pub meeting_start: Option<String>,
    pub members: Vec<MemberView>,
    pub substitutes: Vec<MemberView>,
    /// With the whole roll: those absent and the vacant seats.
    pub absent: Vec<MemberView>,
    /// Those present without a seat, group by group under its heading: observatörer,
    /// revisorer, fackliga företrädare, övriga närvarande; only groups with someone.
    pub groups: Vec<GroupView>,
    /// Where the lists of who attended stand: `automatisk` (on the first page when they
    /// fit there, Typst measures), `försättsblad` or `bilaga`.
    pub roll_placement: &'static str,
    /// The part's §§ and its justering; of no part, all §§ and the meeting's chair.
    #[serde(flatten)]
    pub adjustment: AdjustmentView,
    /// One protocol justerat in parts: each justering, in the order they happen (the
    /// first page lists them all, its ANSLAG/BEVIS has a row group for each).
    pub adjustments: Vec<AdjustmentView>,
    pub secretary: PersonView,
    /// In a protocol of delegeringsbeslut: who decided, and signs it alone.
    pub decider: Option<PersonView>,
    /// `Protokoll`, or `Delegeringsbeslut`: the document's name in its header.
    pub document_name: String,
    /// Before the date in the header: `Sammanträdesdatum`, or `Beslutsdatum`.
    pub date_label: String,
    /// Over the chair's signature: `Ordförande`, or `Beslutsfattare`.
    pub chair_label: String,
    pub certification: String,
    /// Justerat with electronic signatures: the signers listed, no lines to sign on.
    pub digital: bool,
}

/// A justering: its §§, when and where, who signs it and its anslag.
#[derive(Debug, Clone, Serialize)]
pub struct AdjustmentView {
    /// The §§ of the part: `§§ 1–13`.
    pub paragraphs: String,
    /// The day (and time) of the part's justering.
    pub adjusted_on: Option<String>,
    pub adjustment_place: Option<String>,
    pub chair: Option<PersonView>,
    /// Who chaired §§ of the part in the chair's place, with those §§: each signs for them.
    pub acting_chairs: Vec<ActingChair>,
    pub adjusters: Vec<ApproverView>,
    pub notice: Option<NoticeView>,
}

/// Someone who chaired §§ in the chair's place: `§ 172`, `Bo Ström`.
#[derive(Debug, Clone, Serialize)]
pub struct ActingChair {
    pub paragraphs: String,
    pub name: String,
    /// With the party: `Bo Ström (M)`.
    pub named: String,
}

/// A justerare: `Bo Ström`, with a stand-in `Lisa Ek`, each with their party when the
/// organ's roll gives it.
#[derive(Debug, Clone, Serialize)]
pub struct ApproverView {
    pub name: String,
    pub title: Option<String>,
    /// With the party, as in a list and under a signature: `Bo Ström (M)`, `Bo Ström, M`.
    pub named: String,
    pub stand_in: Option<String>,
    /// The stand-in with the party, as `named`.
    pub stand_in_named: Option<String>,
}

/// `name` with the party the organ's roll gives it (or, without one, the meeting's
/// beslutande), in the profile's style for a list.
fn named(loaded: &LoadedMeeting, facts: &MeetingFacts, name: &str) -> String {
    let party = (loaded.composition.as_ref())
        .and_then(|composition| composition.seat_of(name))
        .map(|seat| seat.party.as_str())
        .or_else(|| facts.roll.party(name));
    swedish::with_party(loaded.profile.profile.partibeteckning, false, name, party)
}

impl ApproverView {
    fn of(adjuster: &Approver, loaded: &LoadedMeeting, facts: &MeetingFacts) -> Self {
        ApproverView {
            name: adjuster.namn.clone(),
            title: adjuster.titel.clone(),
            named: named(loaded, facts, &adjuster.namn),
            stand_in: adjuster.ersättare.clone(),
            stand_in_named: (adjuster.ersättare.as_deref()).map(|name| named(loaded, facts, name)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractView {
    /// Shared by the extracts of one justering's part.
    #[serde(flatten)]
    pub meeting: Shared<MeetingView>,
    pub item: ItemView,
    /// The ärende's file bilagor, after the § (when the profile says
    /// `utdrag_med_bilagor`).
    pub files: Vec<super::AttachedFileView>,
}

/// A protokoll (one justering's part) or the kallelse: the meeting with its §§.
#[derive(Debug, Clone, Serialize)]
pub struct ProtocolView {
    /// `Protokoll`, or for the §§ justerade at the meeting their own protocol's heading.
    pub heading: String,
    #[serde(flatten)]
    pub meeting: MeetingView,
    pub items: Vec<ItemView>,
    /// The närvaro- och omröstningsbilaga, when the part has one.
    pub roll: Option<RollTable>,
    /// For the kallelse: the day it is sent.
    pub sent_on: String,
    /// For the kallelse of an organ that keeps a roll: whom it is sent to.
    pub recipients: Option<Recipients>,
    /// The protocol's own diarienummer, in its header.
    pub protocol_dnr: Option<String>,
}

/// What the documents of the part (or of the whole meeting, without a part) say about the
/// meeting: the lists and §§ of the part, its justering and anslag.
fn meeting_view(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
    part: Option<&Part>,
) -> MeetingView {
    let meeting = &loaded.meeting;
    let profile = &loaded.profile.profile;
    let dates = profile.datumformat;
    let all: Vec<usize> = (0..meeting.paragrafer.len()).collect();
    let items = part.map_or(all.as_slice(), |p| p.items.as_slice());
    // Decisions under delegation list no one present: the beslutsfattare decided alone.
    let lists = match loaded.delegated() {
        true => Default::default(),
        false => cover_lists(loaded, facts, items),
    };
    let numbers: Vec<ParagraphNumber> = items.iter().map(|&i| loaded.numbers[i]).collect();
    let adjustment = match part {
        Some(part) => adjustment_view(loaded, facts, phrasing, part),
        // The kallelse, of no part, is signed by the meeting's ordförande.
        None => AdjustmentView {
            paragraphs: swedish::paragraph_list(&form(loaded), &numbers),
            adjusted_on: None,
            adjustment_place: None,
            chair: facts
                .signing_chair
                .as_ref()
                .map(|chair| chair_view(loaded, facts, chair)),
            acting_chairs: acting_chairs(loaded, facts, items),
            adjusters: Vec::new(),
            notice: None,
        },
    };
    MeetingView {
        committee: meeting.nämnd.clone(),
        parent_organ: facts.organ.parent.clone(),
        // One person decided on the organ's behalf: the § says "Beslut", not the organ's.
        decision_heading: match loaded.delegated() {
            true => label(&profile.etiketter, "beslut_delegeringsbeslut").to_owned(),
            false => phrasing.fill(&profile.rubriker.beslut, &[]),
        },
        decision_lead: phrasing.sentence(&profile.formuleringar.beslutar, &[]),
        meeting_date: swedish::date(dates, meeting.datum),
        meeting_date_long: swedish::running_date(profile.löptextdatum, meeting.datum),
        date_parts: meeting.datum.into(),
        meeting_place: meeting.plats.clone(),
        meeting_time: meeting.tid.as_ref().map(|t| t.protocol_text()),
        meeting_start: meeting
            .tid
            .as_ref()
            .and_then(|t| t.start())
            .map(|t| format!("kl. {t}")),
        members: lists.members,
        substitutes: lists.substitutes,
        absent: lists.absent,
        groups: (meeting.non_members().into_iter())
            .map(|(key, people)| GroupView {
                heading: label(&profile.etiketter, key).to_owned(),
                people: attendee_views(loaded, &numbers, people),
            })
            .filter(|group| !group.people.is_empty())
            .collect(),
        roll_placement: profile.närvarolista.key(),
        adjustment,
        adjustments: Vec::new(),
        secretary: PersonView::from(&meeting.sekreterare),
        decider: (meeting.beslutsfattare.as_ref())
            .filter(|_| loaded.delegated())
            .map(PersonView::from),
        document_name: delegation_label(loaded, "protokoll", "delegeringsbeslut").to_owned(),
        date_label: delegation_label(loaded, "sammanträdesdatum", "beslutsdatum").to_owned(),
        chair_label: delegation_label(loaded, "ordförande", "beslutsfattare").to_owned(),
        certification: meeting
            .utdragsbestyrkande
            .clone()
            .unwrap_or_else(|| profile.formuleringar.utdragsbestyrkande.clone()),
        digital: loaded.digital_adjustment(),
    }
}

/// One group of those present without a seat: its heading and its people.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub heading: String,
    pub people: Vec<MemberView>,
}

/// `people` present in any of the §§ `numbers`, each with their title and, when there
/// for some §§ only, those §§: someone present only for §§ of another part is not present
/// in this one.
fn attendee_views(
    loaded: &LoadedMeeting,
    numbers: &[ParagraphNumber],
    people: &[Attendee],
) -> Vec<MemberView> {
    (people.iter())
        .filter(|a| {
            let only = a.paragrafer.as_deref().and_then(ParagraphList::parse);
            only.is_none_or(|list| numbers.iter().any(|n| list.contains(*n)))
        })
        .map(|a| {
            // Their §§ in the form every § is printed (`§ 2/24`), as written if not §§.
            let only = a.paragrafer.as_ref().map(|written| {
                let list = ParagraphList::parse(written);
                let theirs: Vec<ParagraphNumber> = (loaded.numbers.iter().copied())
                    .filter(|n| list.as_ref().is_some_and(|l| l.contains(*n)))
                    .collect();
                match theirs.is_empty() {
                    true => written.clone(),
                    false => swedish::paragraph_list(&form(loaded).unprefixed(), &theirs),
                }
            });
            MemberView {
                name: a.namn.clone(),
                note: match (&a.titel, only) {
                    (Some(title), Some(only)) => Some(format!("{title}, {only}")),
                    (title, only) => title.clone().or(only),
                },
                vacancy: false,
                heading: None,
            }
        })
        .collect()
}

/// The §§ `of` a protocol justerat in parts; one that begins its part in the middle of a
/// huvudpunkt's §§ (2 b after 2 a went elsewhere) brings the huvudpunkt's row with it.
fn part_items(loaded: &LoadedMeeting, items: &[ItemView], of: &[usize]) -> Vec<ItemView> {
    let heads: Vec<&super::agenda::ListHead> =
        items.iter().filter_map(|i| i.list_head.as_ref()).collect();
    let head_of = |i: usize| loaded.meeting.paragrafer[i].head();
    (of.iter().enumerate())
        .map(|(k, &i)| {
            let mut view = items[i].clone();
            let continues = k > 0 && head_of(i).is_some() && head_of(of[k - 1]) == head_of(i);
            if view.list_head.is_none() && !continues {
                view.list_head = (head_of(i))
                    .and_then(|title| heads.iter().find(|h| h.title == title))
                    .map(|h| (*h).clone());
            }
            view
        })
        .collect()
}

/// The label `key`, or in a protocol of delegeringsbeslut the label `delegated` that
/// takes its place.
fn delegation_label<'a>(loaded: &'a LoadedMeeting, key: &'a str, delegated: &'a str) -> &'a str {
    let key = if loaded.delegated() { delegated } else { key };
    label(&loaded.profile.profile.etiketter, key)
}

/// The justering of `part`: its §§, day and place, who signs it and its anslag.
fn adjustment_view(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
    part: &Part,
) -> AdjustmentView {
    let numbers: Vec<ParagraphNumber> = part.items.iter().map(|&i| loaded.numbers[i]).collect();
    let profile = &loaded.profile.profile;
    let adjusted_on = part.date.map(|date| {
        let time = part.time.map(|t| format!(" kl. {t}")).unwrap_or_default();
        let day = swedish::adjustment_date(profile.datumformat, profile.justeringsdatum, date);
        format!("{day}{time}")
    });
    AdjustmentView {
        paragraphs: swedish::paragraph_list(&form(loaded), &numbers),
        adjusted_on,
        adjustment_place: part.place.clone(),
        chair: (part.chair.as_ref()).map(|chair| chair_view(loaded, facts, chair)),
        acting_chairs: acting_chairs(loaded, facts, &part.items),
        adjusters: part
            .approvers
            .iter()
            .map(|a| ApproverView::of(a, loaded, facts))
            .collect(),
        notice: notice_view(loaded, facts, phrasing, part),
    }
}

/// The chair as the signatures name them, with the party the organ's roll gives.
fn chair_view(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    chair: &crate::model::Person,
) -> PersonView {
    PersonView {
        named: named(loaded, facts, &chair.namn),
        ..PersonView::from(chair)
    }
}

/// Who chaired §§ of `items` in the chair's place, each with their §§.
fn acting_chairs(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    items: &[usize],
) -> Vec<ActingChair> {
    let mut chairs: Vec<(String, Vec<ParagraphNumber>)> = Vec::new();
    for &i in items {
        let Some(name) = &loaded.meeting.paragrafer[i].ordförande else {
            continue;
        };
        match chairs.iter_mut().find(|(n, _)| n == name) {
            Some((_, numbers)) => numbers.push(loaded.numbers[i]),
            None => chairs.push((name.clone(), vec![loaded.numbers[i]])),
        }
    }
    chairs
        .into_iter()
        .map(|(name, numbers)| ActingChair {
            paragraphs: swedish::paragraph_list(&form(loaded).unprefixed(), &numbers),
            named: named(loaded, facts, &name),
            name,
        })
        .collect()
}

/// The name a part's protocol and anslag carry in their file names when the meeting has
/// several parts: `omedelbart-justerade`, `p001-p006`.
fn part_name(loaded: &LoadedMeeting, facts: &MeetingFacts, p: usize) -> Option<String> {
    let part = &facts.parts[p];
    if facts.parts.len() < 2 {
        return None;
    }
    if part.immediate {
        return Some("omedelbart-justerade".to_owned());
    }
    // The first ordinary part keeps the plain name, as a meeting justerad in one piece.
    if facts.parts.iter().position(|p| !p.immediate) == Some(p) {
        return None;
    }
    let first = part.items.first().map(|&i| loaded.numbers[i].file_part())?;
    let last = part.items.last().map(|&i| loaded.numbers[i].file_part())?;
    Some(if first == last {
        first
    } else {
        format!("{first}-{last}")
    })
}

/// The personal data of a meeting: its own list and every one of its cases'. Every
/// public copy of the meeting's documents redacts all of it.
pub fn personal_data(loaded: &LoadedMeeting) -> Vec<String> {
    loaded
        .meeting
        .personuppgifter
        .iter()
        .chain(
            loaded
                .distinct_cases()
                .into_iter()
                .flat_map(|case| &case.case.personuppgifter),
        )
        .cloned()
        .collect()
}

/// The documents of a meeting: the protokollsutdrag of every §, the protokoll of each
/// justering (or one of them all, `justeringar_i_ett_protokoll`), the kallelse and, when the meeting has one, the anslag of each justering;
/// before the meeting is held (`skede: kallelse`) the kallelse alone. `statements` are the
/// tjänsteutlåtanden of its items in order (none for an item without a case), each as
/// secret as its item: the handlingar packet gathers them.
pub fn meeting_documents(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    profiles: &ProfileViews,
    statements: &[Option<Arc<Document>>],
) -> Result<Vec<Document>> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let profile = profiles.of(&loaded.profile, &facts.organ);
    let phrasing = Phrasing::new(
        &loaded.profile.profile.formuleringar,
        &loaded.profile.profile.etiketter,
        facts,
    );
    let items = items(loaded, facts, &phrasing)?;
    // Every file is attached under its path within the nämnd's folder.
    let root = crate::model::files::folder_of(&loaded.source.path).join("..");
    let meeting_source = SourceAttachment::of(&loaded.source, "sammanträdet", &root);
    // The profile and the organ's roll travel with every document of the meeting.
    let organ_sources: Vec<SourceAttachment> = SourceAttachment::of_profile(&loaded.profile)
        .into_iter()
        .chain(
            (loaded.roster.iter())
                .map(|roster| SourceAttachment::of(&roster.source, "ledamotsförteckningen", &root)),
        )
        .collect();
    let date = swedish::short_date(meeting.datum);
    let document = |kind, date, title, part, sources, redactions, view| Document {
        kind,
        committee: meeting.nämnd.clone(),
        date,
        dnr: Vec::new(),
        paragraph: None,
        title,
        meeting_date: Some(meeting.datum),
        sources,
        redactions,
        secret: false,
        part,
        profile: profile.clone(),
        view,
    };
    let mut documents = Vec::new();
    // Nothing is decided before the meeting: no extract, protocol or anslag yet.
    let held = meeting.skede == Stage::Minutes;
    // The extracts of one justering's part share its header.
    let mut headers: BTreeMap<Option<usize>, Arc<MeetingView>> = BTreeMap::new();
    for ((view, item), statement) in items
        .iter()
        .zip(loaded.items())
        .zip(statements)
        .filter(|_| held)
    {
        let part = facts.part_of.get(item.index).copied().flatten();
        let mut header = headers
            .entry(part)
            .or_insert_with(|| {
                Arc::new(meeting_view(
                    loaded,
                    facts,
                    &phrasing,
                    facts.part(item.index),
                ))
            })
            .clone();
        // A § chaired in the chair's place is signed by the one who chaired it.
        if let Some(name) = &item.item.ordförande {
            Arc::make_mut(&mut header).adjustment.chair = Some(PersonView {
                name: name.clone(),
                title: None,
                named: named(loaded, facts, name),
            });
        }
        // The ärende's file bilagor, their originals attached, when the profile asks.
        let attached: Vec<Arc<Document>> = match statement {
            Some(statement) if loaded.profile.profile.utdrag_med_bilagor => {
                statement.with_attached().into_iter().skip(1).collect()
            }
            _ => Vec::new(),
        };
        let mut sources: Vec<SourceAttachment> = std::iter::once(meeting_source.clone())
            .chain(
                item.case
                    .map(|case| SourceAttachment::of(&case.source, "ärendet", &root)),
            )
            .chain(organ_sources.clone())
            .collect();
        SourceAttachment::add_new(&mut sources, attached.iter().flat_map(|d| &d.sources));
        let files = attached
            .iter()
            .filter_map(|d| match &d.view {
                View::Attachment(view) => Some((**view).clone()),
                _ => None,
            })
            .collect();
        // One meeting, one list: a name listed on any of its cases is redacted in every
        // public document of the meeting, not only in its own §.
        let redactions = personal_data(loaded);
        documents.push(Document {
            dnr: super::item::registered(&item),
            paragraph: Some(item.number),
            secret: view.secret,
            ..document(
                DocumentKind::Extract,
                meeting.datum,
                view.title.clone(),
                None,
                sources,
                redactions,
                View::Extract(Box::new(ExtractView {
                    meeting: Shared(header),
                    item: view.clone(),
                    files,
                })),
            )
        });
    }
    let all_sources: Vec<SourceAttachment> = std::iter::once(meeting_source.clone())
        .chain(
            loaded
                .distinct_cases()
                .into_iter()
                .map(|case| SourceAttachment::of(&case.source, "ärendet", &root)),
        )
        .chain(organ_sources.clone())
        .collect();
    let all_redactions = personal_data(loaded);
    let appendix = loaded.profile.profile.närvarolista != RollPlacement::Cover;
    let labels = &loaded.profile.profile.etiketter;
    let protocol = match meeting.protokollnummer {
        Some(number) => format!("{} {number}", label(labels, "protokoll_nr")),
        None => delegation_label(loaded, "protokoll", "delegeringsbeslut").to_owned(),
    };
    // Justerad in parts as one protocol: one protocol of every §, each part's anslag apart.
    let one_protocol = loaded.one_protocol() && facts.parts.len() > 1;
    let protocol_document = |heading: String, header: MeetingView, of: &[usize], name| Document {
        dnr: meeting.dnr.iter().cloned().collect(),
        ..document(
            DocumentKind::Protocol,
            meeting.datum,
            format!("{heading}, {} {date}", meeting.nämnd),
            name,
            all_sources.clone(),
            all_redactions.clone(),
            View::Protocol(Box::new(ProtocolView {
                heading,
                items: part_items(loaded, &items, of),
                roll: (appendix && !loaded.delegated()).then(|| roll_table(loaded, facts, of)),
                sent_on: String::new(),
                recipients: None,
                protocol_dnr: meeting.dnr.clone(),
                meeting: header,
            })),
        )
    };
    for (p, part) in facts.parts.iter().enumerate().filter(|_| held) {
        // A protocol of delegeringsbeslut is named apart from a meeting's on the same day.
        let name = part_name(loaded, facts, p)
            .or_else(|| loaded.delegated().then(|| "delegeringsbeslut".to_owned()));
        let header = meeting_view(loaded, facts, &phrasing, Some(part));
        let heading = match (part.immediate, facts.parts.len()) {
            (true, 2..) => format!("{protocol}, {}", label(labels, "omedelbart_justerade")),
            (false, 3..) if name.is_some() => {
                format!("{protocol}, {}", header.adjustment.paragraphs)
            }
            _ => protocol.clone(),
        };
        if let (Some(notice), Some(posted)) = (header.adjustment.notice.clone(), part.posted) {
            documents.push(document(
                DocumentKind::Notice,
                posted,
                format!(
                    "{}, {} {date}{}",
                    label(labels, "anslag_titel"),
                    meeting.nämnd,
                    part_title(&heading)
                ),
                name.clone(),
                std::iter::once(meeting_source.clone())
                    .chain(organ_sources.clone())
                    .collect(),
                meeting.personuppgifter.clone(),
                View::Notice(Box::new(notice)),
            ));
        }
        if !one_protocol {
            documents.push(protocol_document(heading, header, &part.items, name));
        }
    }
    if one_protocol && held {
        let mut header = meeting_view(loaded, facts, &phrasing, None);
        // Every § of the meeting; the chairs sign under the justering of their §§.
        header.adjustment.chair = None;
        header.adjustment.acting_chairs.clear();
        // In the order they happen: the §§ justerade at the meeting before the rest.
        let mut parts: Vec<&Part> = facts.parts.iter().collect();
        parts.sort_by_key(|p| (p.date, p.items.first().copied()));
        header.adjustments = parts
            .into_iter()
            .map(|part| adjustment_view(loaded, facts, &phrasing, part))
            .collect();
        let all: Vec<usize> = (0..meeting.paragrafer.len()).collect();
        documents.push(protocol_document(protocol.clone(), header, &all, None));
    }
    // Decisions taken under delegation are called to no meeting: no kallelse, no handlingar.
    if loaded.delegated() {
        return Ok(documents);
    }
    let sent_on = meeting.kallelsedatum.unwrap_or(meeting.datum);
    let agenda = ProtocolView {
        heading: label(labels, "kallelse_rubrik").to_owned(),
        meeting: meeting_view(loaded, facts, &phrasing, None),
        items: super::agenda::agenda_items(loaded, &items),
        roll: None,
        sent_on: swedish::date(dates, sent_on),
        recipients: recipients(loaded),
        protocol_dnr: None,
    };
    let agenda = document(
        DocumentKind::Agenda,
        sent_on,
        format!(
            "{}, {} {date}",
            label(labels, "kallelse_rubrik"),
            meeting.nämnd
        ),
        None,
        all_sources,
        all_redactions,
        View::Agenda(Box::new(agenda)),
    );
    // A struck item's documents are no handlingar of the meeting.
    let statements: Vec<Option<Arc<Document>>> = items
        .iter()
        .zip(statements)
        .map(|(item, statement)| statement.clone().filter(|_| !item.struck))
        .collect();
    let packets = super::packet::packets(loaded, &agenda, &items, &statements);
    documents.push(agenda);
    documents.extend(packets);
    Ok(documents)
}

/// What an anslag's title adds for a part: `, omedelbart justerade paragrafer`.
fn part_title(heading: &str) -> &str {
    heading.split_once(", ").map_or("", |(_, rest)| rest)
}
