//! A meeting's documents: the protokoll of each justering (its own first page, §§ and
//! ANSLAG/BEVIS), the protokollsutdrag of every §, the kallelse and the anslag of each
//! justering.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::notice::{NoticeView, notice_view};
use super::procedure::{self, Phrasing, VoteView};
use super::prose::Prose;
use super::roll::{MemberView, RollTable, cover_lists, roll_table};
use super::{
    DateParts, Document, DocumentKind, PersonView, ProfileViews, Shared, SourceAttachment, View,
};
use crate::error::{Error, Result};
use crate::facts::{self, MeetingFacts, Part};
use crate::model::{
    Adjuster, AppealRoute, ItemListColumn, LoadedCase, LoadedItem, LoadedMeeting, ParagraphList,
    ParagraphNumber, ProcedureShown, ReservationPlacement, RollPlacement,
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
    pub others: Vec<MemberView>,
    /// Where the lists of who attended stand: `automatisk` (on the first page when they
    /// fit there, Typst measures), `försättsblad` or `bilaga`.
    pub roll_placement: &'static str,
    /// The §§ of the part: `§§ 1–13`.
    pub paragraphs: String,
    /// The day (and time) of the part's justering.
    pub adjusted_on: Option<String>,
    pub adjustment_place: Option<String>,
    pub secretary: PersonView,
    pub chair: Option<PersonView>,
    /// Who chaired §§ of the part in the chair's place, with those §§: each signs for them.
    pub acting_chairs: Vec<ActingChair>,
    pub adjusters: Vec<AdjusterView>,
    pub certification: String,
    pub notice: Option<NoticeView>,
}

/// Someone who chaired §§ in the chair's place: `§ 172`, `Bo Ström`.
#[derive(Debug, Clone, Serialize)]
pub struct ActingChair {
    pub paragraphs: String,
    pub name: String,
}

/// A justerare: `Bo Ström`, with a stand-in `Lisa Ek`.
#[derive(Debug, Clone, Serialize)]
pub struct AdjusterView {
    pub name: String,
    pub title: Option<String>,
    pub stand_in: Option<String>,
}

impl From<&Adjuster> for AdjusterView {
    fn from(adjuster: &Adjuster) -> Self {
        AdjusterView {
            name: adjuster.namn.clone(),
            title: adjuster.titel.clone(),
            stand_in: adjuster.ersättare.clone(),
        }
    }
}

/// One § as the protocol and its extract give it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// Its place in the meeting, which labels the § for the ärendeförteckning's page.
    pub anchor: usize,
    /// The cells of the ärendeförteckning's own columns (`kolumner`).
    pub list_cells: Vec<String>,
    /// `§ 15 a`, `SN § 15 a`: the heading.
    pub paragraph: String,
    /// `§ 15 a` without prefix, for the PDF's title and keywords.
    pub paragraph_plain: String,
    pub dnr: Option<String>,
    pub title: String,
    pub officer: Option<String>,
    /// The date of the case's tjänsteutlåtande; none for an item without case.
    pub statement_date: Option<String>,
    /// What that document is called: `Tjänsteutlåtande`, `Tjänsteskrivelse`.
    pub statement_kind: Option<String>,
    pub decisions: Vec<String>,
    /// The legal ground, after the decision.
    pub legal_ground: Option<String>,
    /// The fee the decision charges (from the case).
    pub fee: Option<String>,
    /// Upplysningar to the sökande (Markdown, from the case).
    pub notices: Option<String>,
    /// Dealt with behind closed doors.
    pub closed_doors: bool,
    /// For a decision appealed by förvaltningsbesvär: the överklagandehänvisning
    /// (Markdown) an extract to the party carries.
    pub appeal_instructions: Option<String>,
    /// Ärendet: what the § says of the matter, and the sentence naming its
    /// tjänsteutlåtande.
    pub matter: String,
    /// What the organs that prepared the matter proposed, with their record.
    pub preparations: Vec<PreparationView>,
    pub procedure: String,
    /// Whether the Beslutsgång is printed: always, or as the profile says only when
    /// something was contested.
    pub procedure_shown: bool,
    /// The reservations, a sentence each, when the profile gives them a heading of their
    /// own (else they end the beslutsgång).
    pub reservations: Vec<String>,
    pub immediately_adjusted: bool,
    /// The day this § was justerat.
    pub adjusted_on: Option<String>,
    pub distribution: Vec<String>,
    pub secret: bool,
    /// An informationsärende: no decision.
    pub information: bool,
    /// How each member voted, when there was a vote.
    pub votes: Option<VoteView>,
    /// Reservations with written grounds, printed with the §.
    pub written_reservations: Vec<Statement>,
    pub notes: Vec<Statement>,
}

/// An organ's handling before this one: `Kommunstyrelsens förslag`, its points, its record.
#[derive(Debug, Clone, Serialize)]
pub struct PreparationView {
    pub heading: String,
    /// Over its record: `Beslutsgång i kommunstyrelsen`.
    pub record_heading: String,
    /// `KS § 45, 2023-03-01`.
    pub reference: Option<String>,
    pub proposals: Vec<String>,
    /// Markdown: the yrkanden there and its beslutsgång.
    pub record: Option<String>,
}

/// A member's words in the protocol: a written reservation or a protokollsanteckning.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// `Bo Ström (M)`, `Ledamöterna från (V) och (C)`.
    pub by: String,
    /// Markdown.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractView {
    /// Shared by the extracts of one justering's part.
    #[serde(flatten)]
    pub meeting: Shared<MeetingView>,
    pub item: ItemView,
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
}

/// The organ's prefix before its § numbers ("SN" in "SN § 13"), from the profile.
fn prefix(loaded: &LoadedMeeting) -> Option<&str> {
    loaded.profile.profile.paragrafprefix.as_deref()
}

/// Every § of a meeting as the protocol gives it, in agenda order.
fn items(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
) -> Result<Vec<ItemView>> {
    let dates = loaded.profile.profile.datumformat;
    let profile = &loaded.profile.profile;
    let layout = &profile.paragraf;
    let mut views = Vec::new();
    let mut problems = Vec::new();
    for item in loaded.items() {
        let i = item.item;
        let case = item.case.map(|c| &c.case);
        let summary = match (&i.beskrivning, item.case) {
            (Some(text), _) => Some(text.clone()),
            (None, Some(case)) => {
                match Prose::new(case).expand("sammanfattning", &case.case.sammanfattning) {
                    Ok(summary) => Some(summary),
                    Err(error) => {
                        problems.extend(error.problems);
                        continue;
                    }
                }
            }
            (None, None) => None,
        };
        let statement_sentence = item
            .case
            .map(|c| reported(c, phrasing))
            .filter(|s| !s.is_empty());
        let matter: Vec<String> = summary.into_iter().chain(statement_sentence).collect();
        let procedure = procedure::procedure(facts, &item, phrasing);
        let own_heading = layout.reservationer == ReservationPlacement::OwnHeading;
        let part = facts.part(item.index);
        let roll = &facts.roll;
        views.push(ItemView {
            anchor: item.index,
            list_cells: profile
                .ärendeförteckning
                .kolumner
                .iter()
                .map(|column| list_cell(&item, column).unwrap_or_default())
                .collect(),
            paragraph: swedish::paragraph(prefix(loaded), item.number),
            paragraph_plain: format!("§ {}", item.number),
            dnr: case.and_then(|c| c.dnr.clone()).or_else(|| i.dnr.clone()),
            title: title(&item),
            officer: case.and_then(|c| c.handläggare.as_ref().map(|h| h.namn.clone())),
            statement_date: case.map(|c| swedish::date(dates, c.datum)),
            statement_kind: item.case.map(|c| super::document_kind(c).to_owned()),
            decisions: facts::decision(&item),
            legal_ground: i.lagstöd.clone(),
            fee: case
                .and_then(|c| c.avgift.as_ref())
                .map(super::statement::fee),
            notices: match item
                .case
                .and_then(|c| c.case.upplysningar.as_ref().map(|t| (c, t)))
            {
                Some((case, text)) => match Prose::new(case).expand("upplysningar", text) {
                    Ok(text) => Some(text),
                    Err(error) => {
                        problems.extend(error.problems);
                        None
                    }
                },
                None => None,
            },
            closed_doors: i.stängda_dörrar,
            appeal_instructions: appeal_instructions(loaded, &item, phrasing),
            matter: matter.join("\n\n") + "\n",
            preparations: preparations(loaded, &item, phrasing),
            procedure_shown: layout.beslutsgång == ProcedureShown::Always || procedure.contested,
            procedure: match own_heading {
                true => procedure.text,
                false => std::iter::once(procedure.text)
                    .chain(procedure.reservations.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            },
            reservations: if own_heading {
                procedure.reservations
            } else {
                Vec::new()
            },
            immediately_adjusted: i.omedelbar_justering,
            adjusted_on: part.and_then(|p| p.date).map(|d| swedish::date(dates, d)),
            distribution: match (&i.expediering, case) {
                (given, Some(case)) if given.is_empty() => case.expediering.clone(),
                (given, _) => given.clone(),
            },
            secret: i.sekretess,
            information: i.information,
            votes: facts.votes[item.index].as_ref().map(procedure::vote_view),
            written_reservations: i
                .reservationer
                .iter()
                .filter_map(|r| {
                    let text = r.motivering.clone()?;
                    let by = procedure::actors(roll, r.av.as_ref(), &r.partier, phrasing.wordings);
                    Some(Statement {
                        by: swedish::capitalized(&by),
                        text,
                    })
                })
                .collect(),
            notes: i
                .protokollsanteckningar
                .iter()
                .map(|n| Statement {
                    by: swedish::capitalized(&procedure::actors(
                        roll,
                        n.av.as_ref(),
                        &n.partier,
                        phrasing.wordings,
                    )),
                    text: n.text.clone(),
                })
                .collect(),
        });
    }
    if problems.is_empty() {
        Ok(views)
    } else {
        Err(Error::new(problems))
    }
}

/// The sentence naming the förvaltning's document on the case, in the profile's wording:
/// "Förvaltningen hade redovisat ärendet i ett tjänsteutlåtande daterat 6 mars 2015."
fn reported(case: &LoadedCase, phrasing: &Phrasing) -> String {
    let c = &case.case;
    let kind = super::document_kind(case);
    phrasing.sentence(
        &phrasing.wordings.redovisat,
        &[
            ("förvaltning", &c.förvaltning),
            (
                "avdelning",
                c.avdelning.as_deref().unwrap_or(&c.förvaltning),
            ),
            ("handling", &swedish::dated_document(kind, c.datum)),
            ("datum", &swedish::long_date(c.datum)),
        ],
    )
}

/// The överklagandehänvisning of a § appealed by förvaltningsbesvär, in the profile's
/// wording; none for another route.
fn appeal_instructions(
    loaded: &LoadedMeeting,
    item: &LoadedItem,
    phrasing: &Phrasing,
) -> Option<String> {
    let appeal = item.item.överklagande.as_ref()?;
    if appeal.sätt != AppealRoute::Administrative {
        return None;
    }
    let dates = loaded.profile.profile.datumformat;
    Some(phrasing.sentence(
        &phrasing.wordings.överklagandehänvisning,
        &[
            ("instans", appeal.instans.as_deref().unwrap_or_default()),
            ("lagrum", appeal.lagrum.as_deref().unwrap_or_default()),
            ("paragraf", &swedish::paragraph(prefix(loaded), item.number)),
            (
                "sammanträdesdatum",
                &swedish::date(dates, loaded.meeting.datum),
            ),
        ],
    ))
}

/// What a column of the ärendeförteckning shows for a §: a fact of its case, or one it or
/// its case gives under `uppgifter`.
fn list_cell(item: &LoadedItem, column: &ItemListColumn) -> Option<String> {
    let case = item.case.map(|c| &c.case);
    match column.fält.as_str() {
        ItemListColumn::OFFICER => case?.handläggare.as_ref().map(|h| h.namn.clone()),
        ItemListColumn::ADMINISTRATION => case.map(|c| c.förvaltning.clone()),
        ItemListColumn::DEPARTMENT => case?.avdelning.clone(),
        field => {
            let name = field.strip_prefix(ItemListColumn::FACT_PREFIX)?;
            item.item
                .uppgifter
                .get(name)
                .or_else(|| case?.uppgifter.get(name))
                .cloned()
        }
    }
}

/// The § heading: the item's own, else its case's rubrik.
fn title(item: &LoadedItem) -> String {
    match (&item.item.rubrik, item.case) {
        (Some(title), _) => title.clone(),
        (None, Some(case)) => case.case.rubrik.clone(),
        (None, None) => String::new(),
    }
}

/// The beredning of a §, each organ's proposal and record as the protocol shows them.
fn preparations(
    loaded: &LoadedMeeting,
    item: &LoadedItem,
    phrasing: &Phrasing,
) -> Vec<PreparationView> {
    let dates = loaded.profile.profile.datumformat;
    item.item
        .beredning
        .iter()
        .map(|preparation| {
            let reference: Vec<String> = preparation
                .paragraf
                .iter()
                .cloned()
                .chain(preparation.datum.map(|d| swedish::date(dates, d)))
                .collect();
            let motions: Vec<String> = preparation
                .yrkanden
                .iter()
                .map(|m| {
                    phrasing.sentence(
                        &phrasing.wordings.yrkande,
                        &[
                            ("ledamot", &swedish::join_and(&m.av.list())),
                            ("yrkande", m.yrkande.trim_end_matches('.')),
                        ],
                    )
                })
                .collect();
            let record: Vec<String> = (!motions.is_empty())
                .then(|| motions.join(" "))
                .into_iter()
                .chain(preparation.beslutsgång.clone())
                .collect();
            PreparationView {
                heading: format!("{} förslag", swedish::genitive(preparation.organ.trim())),
                record_heading: format!(
                    "{} i {}",
                    phrasing.fill(&loaded.profile.profile.rubriker.beslutsgång, &[]),
                    swedish::uncapitalized(preparation.organ.trim())
                ),
                reference: (!reference.is_empty()).then(|| reference.join(", ")),
                proposals: preparation.förslag.clone(),
                record: (!record.is_empty()).then(|| record.join("\n\n")),
            }
        })
        .collect()
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
    let lists = cover_lists(loaded, facts, items);
    let numbers: Vec<ParagraphNumber> = items.iter().map(|&i| loaded.numbers[i]).collect();
    let adjusted_on = part.and_then(|p| p.date).map(|date| {
        let time = part
            .and_then(|p| p.time)
            .map(|t| format!(" kl. {t}"))
            .unwrap_or_default();
        format!("{}{time}", swedish::date(dates, date))
    });
    MeetingView {
        committee: meeting.nämnd.clone(),
        parent_organ: facts.organ.parent.clone(),
        decision_heading: phrasing.fill(&profile.rubriker.beslut, &[]),
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
        // Someone present only for §§ of another part is not present in this one.
        others: meeting
            .övriga_närvarande
            .iter()
            .filter(|a| {
                let only = a.paragrafer.as_deref().and_then(ParagraphList::parse);
                only.is_none_or(|list| numbers.iter().any(|n| list.contains(*n)))
            })
            .map(|a| MemberView {
                name: a.namn.clone(),
                note: match (&a.titel, &a.paragrafer) {
                    (Some(title), Some(only)) => Some(format!("{title}, {only}")),
                    (title, only) => title.clone().or_else(|| only.clone()),
                },
                vacancy: false,
            })
            .collect(),
        roll_placement: profile.närvarolista.key(),
        paragraphs: swedish::paragraph_list(prefix(loaded), &numbers),
        adjusted_on,
        adjustment_place: part.and_then(|p| p.place.clone()),
        secretary: PersonView::from(&meeting.sekreterare),
        chair: part.and_then(|p| p.chair.as_ref()).map(PersonView::from),
        acting_chairs: acting_chairs(loaded, items),
        adjusters: part
            .map(|p| p.adjusters.iter().map(AdjusterView::from).collect())
            .unwrap_or_default(),
        certification: meeting
            .utdragsbestyrkande
            .clone()
            .unwrap_or_else(|| profile.formuleringar.utdragsbestyrkande.clone()),
        notice: part.and_then(|p| notice_view(loaded, facts, phrasing, p)),
    }
}

/// Who chaired §§ of `items` in the chair's place, each with their §§.
fn acting_chairs(loaded: &LoadedMeeting, items: &[usize]) -> Vec<ActingChair> {
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
            paragraphs: swedish::paragraph_list(None, &numbers),
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

/// The documents of a meeting: the protokollsutdrag of every §, the protokoll of each
/// justering, the kallelse and, when the meeting has one, the anslag of each justering.
/// `statements` are the tjänsteutlåtanden of its items in order (none for an item without
/// a case), each as secret as its item: the handlingar packet gathers them.
pub fn meeting_documents(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    profiles: &ProfileViews,
    statements: &[Option<Arc<Document>>],
) -> Result<Vec<Document>> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let profile = profiles.of(&loaded.profile);
    let profile_sources = SourceAttachment::of_profile(&loaded.profile);
    let phrasing = Phrasing::new(&loaded.profile.profile.formuleringar, facts);
    let items = items(loaded, facts, &phrasing)?;
    // Every file is attached under its path within the nämnd's folder.
    let root = crate::model::files::folder_of(&loaded.source.path).join("..");
    let meeting_source = SourceAttachment::of(&loaded.source, "sammanträdet", &root);
    let date = swedish::short_date(meeting.datum);
    let document = |kind, date, title, part, sources, redactions, view| Document {
        kind,
        committee: meeting.nämnd.clone(),
        date,
        dnr: None,
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
    // The extracts of one justering's part share its header.
    let mut headers: BTreeMap<Option<usize>, Arc<MeetingView>> = BTreeMap::new();
    for (view, item) in items.iter().zip(loaded.items()) {
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
            Arc::make_mut(&mut header).chair = Some(PersonView {
                name: name.clone(),
                title: None,
            });
        }
        let sources = std::iter::once(meeting_source.clone())
            .chain(
                item.case
                    .map(|case| SourceAttachment::of(&case.source, "ärendet", &root)),
            )
            .chain(profile_sources.clone())
            .collect();
        let redactions = meeting
            .personuppgifter
            .iter()
            .chain(item.case.into_iter().flat_map(|c| &c.case.personuppgifter))
            .cloned()
            .collect();
        documents.push(Document {
            dnr: view.dnr.clone(),
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
        .chain(profile_sources.clone())
        .collect();
    let all_redactions: Vec<String> = meeting
        .personuppgifter
        .iter()
        .chain(
            loaded
                .distinct_cases()
                .into_iter()
                .flat_map(|case| &case.case.personuppgifter),
        )
        .cloned()
        .collect();
    let appendix = loaded.profile.profile.närvarolista != RollPlacement::Cover;
    for (p, part) in facts.parts.iter().enumerate() {
        let name = part_name(loaded, facts, p);
        let header = meeting_view(loaded, facts, &phrasing, Some(part));
        let protocol = match meeting.protokollnummer {
            Some(number) => format!("Protokoll nr {number}"),
            None => "Protokoll".to_owned(),
        };
        let heading = match (part.immediate, facts.parts.len()) {
            (true, 2..) => format!("{protocol}, omedelbart justerade paragrafer"),
            (false, 3..) if name.is_some() => format!("{protocol}, {}", header.paragraphs),
            _ => protocol,
        };
        let view = ProtocolView {
            heading: heading.clone(),
            items: part.items.iter().map(|&i| items[i].clone()).collect(),
            roll: appendix.then(|| roll_table(loaded, facts, &part.items)),
            sent_on: String::new(),
            meeting: header,
        };
        if let (Some(notice), Some(posted)) = (view.meeting.notice.clone(), part.posted) {
            documents.push(document(
                DocumentKind::Notice,
                posted,
                format!(
                    "Anslag om justerat protokoll, {} {date}{}",
                    meeting.nämnd,
                    part_title(&heading)
                ),
                name.clone(),
                std::iter::once(meeting_source.clone())
                    .chain(profile_sources.clone())
                    .collect(),
                meeting.personuppgifter.clone(),
                View::Notice(Box::new(notice)),
            ));
        }
        documents.push(document(
            DocumentKind::Protocol,
            meeting.datum,
            format!("{heading}, {} {date}", meeting.nämnd),
            name,
            all_sources.clone(),
            all_redactions.clone(),
            View::Protocol(Box::new(view)),
        ));
    }
    let sent_on = meeting.kallelsedatum.unwrap_or(meeting.datum);
    let agenda = ProtocolView {
        heading: "Kallelse och föredragningslista".to_owned(),
        meeting: meeting_view(loaded, facts, &phrasing, None),
        items,
        roll: None,
        sent_on: swedish::date(dates, sent_on),
    };
    let items = agenda.items.clone();
    let agenda = document(
        DocumentKind::Agenda,
        sent_on,
        format!("Kallelse och föredragningslista, {} {date}", meeting.nämnd),
        None,
        all_sources,
        all_redactions,
        View::Agenda(Box::new(agenda)),
    );
    let packets = super::packet::packets(loaded, &agenda, &items, statements);
    documents.push(agenda);
    documents.extend(packets);
    Ok(documents)
}

/// What an anslag's title adds for a part: `, omedelbart justerade paragrafer`.
fn part_title(heading: &str) -> &str {
    heading.split_once(", ").map_or("", |(_, rest)| rest)
}
