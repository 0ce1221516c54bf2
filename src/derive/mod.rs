//! Stage 3: what the documents say that nobody typed. Totals of the application tables,
//! the decision as worded in the protocol, Swedish dates and amounts, and the figures
//! prose can cite (`{{ summa.beviljat }}`). The result is one view per document, ready
//! for a template.

pub mod calendar;
pub mod procedure;
pub mod swedish;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::error::{Error, Problem, Result};
use crate::model::{
    ApplicationTable, Case, Decision, Headings, Item, Kronor, LoadedCase, LoadedMeeting,
    LoadedProfile, ParagraphNumber, Person, Proposal, SourceFile, Wordings,
};

/// Work budget for the expressions in one prose field: ample for `{{ summa.sökt }}`,
/// small enough that a runaway loop in a YAML file ends with an error, not a hang.
const PROSE_FUEL: u64 = 50_000;

/// Count and sums of one application table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub count: usize,
    pub requested: Kronor,
    pub granted: Kronor,
}

impl Totals {
    fn add(self, other: Totals) -> Totals {
        Totals {
            count: self.count + other.count,
            requested: Kronor(self.requested.0 + other.requested.0),
            granted: Kronor(self.granted.0 + other.granted.0),
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
        requested: Kronor(table.ansökningar.iter().map(|a| a.sökt.0).sum()),
        granted: Kronor(
            table
                .ansökningar
                .iter()
                .map(|a| granted(a.förslag, table).0)
                .sum(),
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

// ---------------------------------------------------------------------------------------
// Views: what the templates see. Prose fields are Markdown with their expressions
// expanded; the render stage turns them into Typst.

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub title: Option<String>,
}

impl From<&Person> for PersonView {
    fn from(person: &Person) -> Self {
        PersonView {
            name: person.namn.clone(),
            title: person.titel.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub committee: String,
    pub administration: String,
    pub department: Option<String>,
    pub officer: Option<String>,
    pub officer_phone: Option<String>,
    pub addressee: String,
    pub meeting_date: Option<String>,
    pub date: String,
    pub date_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub dnr: Option<String>,
    pub title: String,
    pub proposals: Vec<String>,
    pub signatures: Vec<PersonView>,
    pub summary: String,
    pub sections: Vec<SectionView>,
    pub attachments: Vec<String>,
}

/// A date as numbers, for Typst's `datetime` (the PDF's document date).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl From<NaiveDate> for DateParts {
    fn from(date: NaiveDate) -> Self {
        DateParts {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub body: Option<String>,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub number: usize,
    pub caption: String,
    pub rows: Vec<RowView>,
    pub count: usize,
    pub requested: String,
    pub granted: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub number: u32,
    pub title: Option<String>,
    pub description: String,
    pub applicant: String,
    pub requested: String,
    /// The amount or `Avslag` in the right column; none when referred elsewhere.
    pub proposal: Option<String>,
    pub motivation: Option<String>,
}

/// What every document of a meeting says about the meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub committee: String,
    /// "Socialnämndens beslut".
    pub decision_heading: String,
    pub meeting_date: String,
    pub meeting_date_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub meeting_place: Option<String>,
    pub meeting_time: Option<String>,
    pub members: Vec<MemberView>,
    pub substitutes: Vec<MemberView>,
    pub others: Vec<MemberView>,
    /// All §§ of the meeting: `§§ 15–20`.
    pub paragraphs: String,
    pub adjusted_on: Option<String>,
    pub adjustment_place: Option<String>,
    pub secretary: PersonView,
    pub chair: Option<PersonView>,
    pub adjusters: Vec<PersonView>,
    pub certification: String,
    pub notice: Option<NoticeView>,
}

/// A person at the meeting, as the protocol lists them: name, then what they are there as.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub note: Option<String>,
}

/// One § as the protocol and its extract give it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// `§ 15 a`, `SN § 15 a`: the heading.
    pub paragraph: String,
    /// `§ 15 a` without prefix, for the PDF's title and keywords.
    pub paragraph_plain: String,
    pub dnr: Option<String>,
    pub title: String,
    pub officer: Option<String>,
    pub statement_date: String,
    pub decisions: Vec<String>,
    /// Ärendet: the case's summary and the sentence naming its tjänsteutlåtande.
    pub matter: String,
    pub procedure: String,
    pub immediately_adjusted: bool,
    /// The day this § was justerat: the meeting's day when justerad at once.
    pub adjusted_on: Option<String>,
    pub distribution: Vec<String>,
    pub secret: bool,
    /// An informationsärende: no decision.
    pub information: bool,
    /// How each member voted, when there was a vote.
    pub votes: Option<procedure::VoteView>,
    /// Reservations with written grounds, printed as bilagor to the §.
    pub written_reservations: Vec<Statement>,
    pub notes: Vec<Statement>,
}

/// A member's words in the protocol: a written reservation or a protokollsanteckning.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// `Bo Ström (M)`.
    pub by: String,
    /// Markdown.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractView {
    #[serde(flatten)]
    pub meeting: MeetingView,
    pub item: ItemView,
}

/// The protokoll and the kallelse: the meeting with all its §§.
#[derive(Debug, Clone, Serialize)]
pub struct ProtocolView {
    /// `Protokoll`, or for the §§ justerade at the meeting their own protocol's heading.
    pub heading: String,
    #[serde(flatten)]
    pub meeting: MeetingView,
    pub items: Vec<ItemView>,
    /// For the kallelse: the day it is sent.
    pub sent_on: String,
}

/// A YAML file the document is made from, to travel with the PDF.
#[derive(Debug, Clone)]
pub struct SourceAttachment {
    /// The name within the nämnd's folder (`2015-03-24/sammantrade.yaml`).
    pub name: String,
    pub bytes: Vec<u8>,
    pub description: String,
    pub mime: &'static str,
}

impl SourceAttachment {
    fn of(source: &SourceFile, role: &str) -> Self {
        SourceAttachment {
            name: source.archive_name(),
            bytes: source.bytes(),
            description: format!("Källfil (YAML) för {role}, läses av paragraf"),
            mime: "application/yaml",
        }
    }

    /// The profile file and its logo, when the document has a profile of its own.
    fn of_profile(profile: &LoadedProfile) -> Vec<Self> {
        let Some(source) = &profile.source else {
            return Vec::new();
        };
        let file = SourceAttachment {
            name: profile.archive_name.clone(),
            ..Self::of(source, "profilen")
        };
        let logo = profile.logo.as_ref().map(|logo| SourceAttachment {
            name: logo.name.clone(),
            bytes: logo.bytes.clone(),
            description: "Logotypen i profilen, läses av paragraf".to_owned(),
            mime: logo.mime,
        });
        std::iter::once(file).chain(logo).collect()
    }
}

/// What the templates show of the profile: the municipality, logo and address line, and
/// the headings and fixed wordings.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub municipality: Option<String>,
    pub logo: Option<LogoView>,
    pub address: Option<String>,
    pub headings: Headings,
    pub wordings: Wordings,
    /// Images the documents show (the logo), served to Typst from memory by their path.
    #[serde(skip)]
    pub images: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// Where the World serves the logo from memory.
    pub path: String,
    pub alt: String,
}

impl ProfileView {
    fn of(loaded: &LoadedProfile) -> Self {
        let profile = &loaded.profile;
        ProfileView {
            municipality: profile.kommun.clone(),
            logo: loaded.logo.as_ref().map(|logo| LogoView {
                path: format!("/{}", logo.name),
                alt: logo.alt.clone(),
            }),
            address: profile.adressrad.clone(),
            headings: profile.rubriker.clone(),
            wordings: profile.formuleringar.clone(),
            images: loaded
                .logo
                .iter()
                .map(|logo| (logo.name.clone(), logo.bytes.clone()))
                .collect(),
        }
    }
}

/// A document ready to render: its template, its view and the facts its file name and
/// PDF metadata need.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocumentKind,
    pub committee: String,
    pub date: NaiveDate,
    pub dnr: Option<String>,
    pub paragraph: Option<ParagraphNumber>,
    pub title: String,
    /// The meeting's date, for extracts and for statements written for a meeting.
    pub meeting_date: Option<NaiveDate>,
    /// The YAML files it is made from.
    pub sources: Vec<SourceAttachment>,
    /// Personal data to replace in the web copy.
    pub redactions: Vec<String>,
    /// Secret (sekretess): left out of the web copy.
    pub secret: bool,
    pub profile: ProfileView,
    pub view: View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Statement,
    Extract,
    Notice,
    Protocol,
    /// The §§ justerade at the meeting, as their own protocol.
    ImmediateProtocol,
    Agenda,
}

impl DocumentKind {
    /// The Swedish name of the kind of document (handlingstyp).
    pub fn swedish(self) -> &'static str {
        match self {
            DocumentKind::Statement => "Tjänsteutlåtande",
            DocumentKind::Extract => "Protokollsutdrag",
            DocumentKind::Notice => "Anslag",
            DocumentKind::Protocol | DocumentKind::ImmediateProtocol => "Protokoll",
            DocumentKind::Agenda => "Kallelse",
        }
    }
}

#[derive(Debug, Clone)]
pub enum View {
    Statement(Box<StatementView>),
    Extract(Box<ExtractView>),
    Notice(Box<NoticeView>),
    Protocol(Box<ProtocolView>),
    Agenda(Box<ProtocolView>),
}

/// The anslag (notice on the anslagstavla) that the protocol is justerat.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub committee: String,
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

/// The organ's prefix before its § numbers ("SN" in "SN § 13"), from the profile.
fn prefix(loaded: &LoadedMeeting) -> Option<&str> {
    loaded.profile.profile.paragrafprefix.as_deref()
}

/// The day a meeting's protocol is justerat: its justering, or the meeting day when every
/// § was justerad at the meeting.
pub fn adjustment_date(meeting: &crate::model::Meeting) -> Option<NaiveDate> {
    match &meeting.justering {
        Some(adjustment) => Some(adjustment.datum),
        None if meeting
            .paragrafer
            .iter()
            .all(|item| item.omedelbar_justering) =>
        {
            Some(meeting.datum)
        }
        None => None,
    }
}

/// The day the anslag is posted: as given, else the day of justering. None without an
/// anslag or a known day of justering.
fn posting_date(meeting: &crate::model::Meeting) -> Option<NaiveDate> {
    let adjusted = adjustment_date(meeting)?;
    Some(meeting.anslag.as_ref()?.datum.unwrap_or(adjusted))
}

/// The anslag of a meeting, when the meeting names where its protocol is kept and the day
/// of justering is known.
fn notice_view(loaded: &LoadedMeeting) -> Option<NoticeView> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let notice = meeting.anslag.as_ref()?;
    let adjusted = adjustment_date(meeting)?;
    let posted = posting_date(meeting)?;
    let last_day = calendar::appeal_deadline(posted);
    Some(NoticeView {
        committee: meeting.nämnd.clone(),
        meeting_date: swedish::date(dates, meeting.datum),
        date_parts: posted.into(),
        paragraphs: swedish::paragraphs(prefix(loaded), &loaded.numbers),
        adjusted_on: swedish::date(dates, adjusted),
        posted_on: swedish::date(dates, posted),
        taken_down_on: swedish::date(dates, last_day),
        appeal_last_day: swedish::date(dates, last_day),
        appeal_last_day_long: swedish::long_date(last_day),
        storage: notice.förvaringsplats.clone(),
        secretary: PersonView::from(&meeting.sekreterare),
    })
}

/// The tjänsteutlåtande of a case.
pub fn statement(loaded: &LoadedCase) -> Result<Document> {
    let case = &loaded.case;
    let dates = loaded.profile.profile.datumformat;
    let prose = Prose::new(loaded);
    let mut problems = Vec::new();
    let mut expand = |field: String, text: &str| {
        prose.expand(&field, text).unwrap_or_else(|error| {
            problems.extend(error.problems);
            String::new()
        })
    };
    let order = table_order(case);
    let summary = expand("sammanfattning".into(), &case.sammanfattning);
    let mut sections = Vec::new();
    for (s, section) in case.avsnitt.iter().enumerate() {
        let body = section
            .text
            .as_ref()
            .map(|text| expand(format!("avsnitt[{s}].text"), text));
        let mut tables = Vec::new();
        for id in &section.tabeller {
            let Some(table) = case.tabeller.get(id) else {
                continue;
            };
            let number = order.iter().position(|o| o == id).map_or(0, |i| i + 1);
            let totals = totals(table);
            let mut rows = Vec::new();
            for (r, row) in table.ansökningar.iter().enumerate() {
                let field = |name: &str| format!("tabeller.{id}.ansökningar[{r}].{name}");
                rows.push(RowView {
                    number: row.nr,
                    title: row.titel.clone(),
                    description: expand(field("beskrivning"), &row.beskrivning),
                    applicant: row.sökande.clone(),
                    requested: swedish::kronor(row.sökt),
                    proposal: match row.förslag {
                        Proposal::Referred => None,
                        Proposal::Refused => Some("Avslag".to_owned()),
                        _ => Some(swedish::kronor(granted(row.förslag, table))),
                    },
                    motivation: row
                        .motivering
                        .as_ref()
                        .map(|text| expand(field("motivering"), text)),
                });
            }
            tables.push(TableView {
                number,
                caption: table.rubrik.clone(),
                rows,
                count: totals.count,
                requested: swedish::kronor(totals.requested),
                granted: swedish::kronor(totals.granted),
            });
        }
        sections.push(SectionView {
            heading: section.rubrik.clone(),
            body,
            tables,
        });
    }
    if !problems.is_empty() {
        return Err(Error::new(problems));
    }
    let view = StatementView {
        committee: case.nämnd.clone(),
        administration: case.förvaltning.clone(),
        department: case.avdelning.clone(),
        officer: case.handläggare.as_ref().map(|h| h.namn.clone()),
        officer_phone: case.handläggare.as_ref().and_then(|h| h.telefon.clone()),
        addressee: case.till.clone().unwrap_or_else(|| case.nämnd.clone()),
        meeting_date: case.sammanträde.map(|d| swedish::date(dates, d)),
        date: swedish::date(dates, case.datum),
        date_long: swedish::long_date(case.datum),
        date_parts: case.datum.into(),
        dnr: case.dnr.clone(),
        title: case.rubrik.clone(),
        proposals: case.förslag_till_beslut.clone(),
        signatures: case.underskrifter.iter().map(PersonView::from).collect(),
        summary,
        sections,
        attachments: case.bilagor.clone(),
    };
    Ok(Document {
        kind: DocumentKind::Statement,
        committee: case.nämnd.clone(),
        date: case.datum,
        dnr: case.dnr.clone(),
        paragraph: None,
        title: case.rubrik.clone(),
        meeting_date: case.sammanträde,
        sources: std::iter::once(SourceAttachment::of(&loaded.source, "tjänsteutlåtandet"))
            .chain(SourceAttachment::of_profile(&loaded.profile))
            .collect(),
        profile: ProfileView::of(&loaded.profile),
        redactions: case.personuppgifter.clone(),
        secret: false,
        view: View::Statement(Box::new(view)),
    })
}

/// The decision of an item: the case's proposal, reworded or replaced as the meeting says.
pub fn decision(item: &Item, case: &Case) -> Vec<String> {
    match &item.beslut {
        None => case.förslag_till_beslut.clone(),
        Some(Decision::Points(points)) => points.clone(),
        Some(Decision::Reworded(changes)) => case
            .förslag_till_beslut
            .iter()
            .enumerate()
            .map(|(i, point)| changes.get(&(i + 1)).unwrap_or(point).clone())
            .collect(),
    }
}

/// Every § of a meeting as the protocol gives it, in agenda order.
fn items(loaded: &LoadedMeeting) -> Result<Vec<ItemView>> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let all = meeting
        .paragrafer
        .iter()
        .zip(&loaded.cases)
        .zip(&loaded.numbers);
    for ((item, case), number) in all {
        let c = &case.case;
        let summary = match Prose::new(case).expand("sammanfattning", &c.sammanfattning) {
            Ok(summary) => summary,
            Err(error) => {
                problems.extend(error.problems);
                continue;
            }
        };
        let adjusted_on = if item.omedelbar_justering {
            Some(meeting.datum)
        } else {
            adjustment_date(meeting)
        };
        items.push(ItemView {
            paragraph: swedish::paragraph(prefix(loaded), *number),
            paragraph_plain: format!("§ {number}"),
            dnr: c.dnr.clone(),
            title: c.rubrik.clone(),
            officer: c.handläggare.as_ref().map(|h| h.namn.clone()),
            statement_date: swedish::date(dates, c.datum),
            decisions: decision(item, c),
            matter: format!(
                "{summary}\n\nFörvaltningen hade redovisat ärendet i ett tjänsteutlåtande daterat {}.\n",
                swedish::long_date(c.datum)
            ),
            procedure: procedure::procedure(meeting, item, &loaded.profile.profile.formuleringar),
            immediately_adjusted: item.omedelbar_justering,
            adjusted_on: adjusted_on.map(|d| swedish::date(dates, d)),
            distribution: item.expediering.clone(),
            secret: item.sekretess,
            information: item.information,
            votes: item.omröstning.as_ref().map(procedure::vote_view),
            written_reservations: item
                .reservationer
                .iter()
                .filter_map(|r| {
                    let text = r.motivering.clone()?;
                    Some(Statement { by: procedure::label(meeting, &r.av), text })
                })
                .collect(),
            notes: item
                .protokollsanteckningar
                .iter()
                .map(|n| Statement { by: procedure::label(meeting, &n.av), text: n.text.clone() })
                .collect(),
        });
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(Error::new(problems))
    }
}

fn member(member: &crate::model::Member) -> MemberView {
    let mut note: Vec<String> = Vec::new();
    if let Some(party) = &member.parti {
        note.push(format!("({party})"));
    }
    if let Some(role) = &member.roll {
        note.push(role.clone());
    }
    if let Some(replaced) = &member.ersätter {
        note.push(format!("tjänstgörande ersättare för {replaced}"));
    }
    MemberView {
        name: member.namn.clone(),
        note: (!note.is_empty()).then(|| note.join(" ")),
    }
}

/// What every document of the meeting says about the meeting.
fn meeting_view(loaded: &LoadedMeeting) -> MeetingView {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    MeetingView {
        committee: meeting.nämnd.clone(),
        decision_heading: format!("{} beslut", swedish::genitive(&meeting.nämnd)),
        meeting_date: swedish::date(dates, meeting.datum),
        meeting_date_long: swedish::long_date(meeting.datum),
        date_parts: meeting.datum.into(),
        meeting_place: meeting.plats.clone(),
        meeting_time: meeting.tid.clone(),
        members: meeting.beslutande.iter().map(member).collect(),
        substitutes: meeting.ersättare.iter().map(member).collect(),
        others: meeting
            .övriga_närvarande
            .iter()
            .map(|a| MemberView {
                name: a.namn.clone(),
                note: match (&a.titel, &a.paragrafer) {
                    (Some(title), Some(only)) => Some(format!("{title}, {only}")),
                    (title, only) => title.clone().or_else(|| only.clone()),
                },
            })
            .collect(),
        paragraphs: paragraph_range(loaded),
        adjusted_on: adjustment_date(meeting).map(|d| swedish::date(dates, d)),
        adjustment_place: meeting.justering.as_ref().and_then(|j| j.plats.clone()),
        secretary: PersonView::from(&meeting.sekreterare),
        chair: meeting.ordförande.as_ref().map(PersonView::from),
        adjusters: meeting.justerare.iter().map(PersonView::from).collect(),
        certification: meeting.utdragsbestyrkande.clone().unwrap_or_else(|| {
            loaded
                .profile
                .profile
                .formuleringar
                .utdragsbestyrkande
                .clone()
        }),
        notice: notice_view(loaded),
    }
}

/// `§§ 15–20` for a meeting numbered without gaps, else every number.
fn paragraph_range(loaded: &LoadedMeeting) -> String {
    let numbers = &loaded.numbers;
    let plain = numbers.iter().all(|n| n.sub.is_none());
    let consecutive = numbers.windows(2).all(|w| w[1].number == w[0].number + 1);
    match (numbers.first(), numbers.last()) {
        (Some(first), Some(last)) if numbers.len() > 2 && plain && consecutive => {
            let label = format!("§§{}{}–{}", swedish::NBSP, first.number, last.number);
            match prefix(loaded) {
                Some(prefix) => format!("{prefix}{}{label}", swedish::NBSP),
                None => label,
            }
        }
        _ => swedish::paragraphs(prefix(loaded), numbers),
    }
}

/// The documents of a meeting: the protokollsutdrag of every §, the protokoll, the
/// kallelse and, when the meeting has one, the anslag.
pub fn meeting_documents(loaded: &LoadedMeeting) -> Result<Vec<Document>> {
    let meeting = &loaded.meeting;
    let dates = loaded.profile.profile.datumformat;
    let profile = ProfileView::of(&loaded.profile);
    let profile_sources = SourceAttachment::of_profile(&loaded.profile);
    let items = items(loaded)?;
    let header = meeting_view(loaded);
    let meeting_source = SourceAttachment::of(&loaded.source, "sammanträdet");
    let mut documents = Vec::new();
    for ((view, case), number) in items.iter().zip(&loaded.cases).zip(&loaded.numbers) {
        let c = &case.case;
        documents.push(Document {
            kind: DocumentKind::Extract,
            committee: meeting.nämnd.clone(),
            date: meeting.datum,
            dnr: c.dnr.clone(),
            paragraph: Some(*number),
            title: c.rubrik.clone(),
            meeting_date: Some(meeting.datum),
            sources: [
                meeting_source.clone(),
                SourceAttachment::of(&case.source, "ärendet"),
            ]
            .into_iter()
            .chain(profile_sources.clone())
            .collect(),
            redactions: meeting
                .personuppgifter
                .iter()
                .chain(&c.personuppgifter)
                .cloned()
                .collect(),
            secret: view.secret,
            profile: profile.clone(),
            view: View::Extract(Box::new(ExtractView {
                meeting: header.clone(),
                item: view.clone(),
            })),
        });
    }
    let all_sources: Vec<SourceAttachment> = std::iter::once(meeting_source.clone())
        .chain(
            loaded
                .cases
                .iter()
                .map(|case| SourceAttachment::of(&case.source, "ärendet")),
        )
        .chain(profile_sources.clone())
        .fold(Vec::new(), |mut unique, source| {
            if !unique
                .iter()
                .any(|s: &SourceAttachment| s.name == source.name)
            {
                unique.push(source);
            }
            unique
        });
    let all_redactions: Vec<String> = meeting
        .personuppgifter
        .iter()
        .chain(
            loaded
                .cases
                .iter()
                .flat_map(|case| &case.case.personuppgifter),
        )
        .cloned()
        .collect();
    let sent_on = meeting.kallelsedatum.unwrap_or(meeting.datum);
    for (kind, date, title) in [
        (
            DocumentKind::Protocol,
            meeting.datum,
            format!(
                "Protokoll, {} {}",
                meeting.nämnd,
                swedish::short_date(meeting.datum)
            ),
        ),
        (
            DocumentKind::Agenda,
            sent_on,
            format!(
                "Kallelse och föredragningslista, {} {}",
                meeting.nämnd,
                swedish::short_date(meeting.datum)
            ),
        ),
    ] {
        let view = ProtocolView {
            heading: "Protokoll".to_owned(),
            meeting: header.clone(),
            items: items.clone(),
            sent_on: swedish::date(dates, sent_on),
        };
        documents.push(Document {
            kind,
            committee: meeting.nämnd.clone(),
            date,
            dnr: None,
            paragraph: None,
            title,
            meeting_date: Some(meeting.datum),
            sources: all_sources.clone(),
            redactions: all_redactions.clone(),
            secret: false,
            profile: profile.clone(),
            view: match kind {
                DocumentKind::Agenda => View::Agenda(Box::new(view)),
                _ => View::Protocol(Box::new(view)),
            },
        });
    }
    // §§ justerade at the meeting may take effect at once: they get a protocol of their own.
    let immediate: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].immediately_adjusted)
        .collect();
    if !immediate.is_empty() && immediate.len() < items.len() {
        let numbers: Vec<ParagraphNumber> = immediate.iter().map(|&i| loaded.numbers[i]).collect();
        let mut header = header.clone();
        header.adjusted_on = Some(swedish::date(dates, meeting.datum));
        header.adjustment_place = meeting.plats.clone();
        header.paragraphs = swedish::paragraphs(prefix(loaded), &numbers);
        header.notice = None;
        let view = ProtocolView {
            heading: "Protokoll, omedelbart justerade paragrafer".to_owned(),
            meeting: header,
            items: immediate.iter().map(|&i| items[i].clone()).collect(),
            sent_on: swedish::date(dates, sent_on),
        };
        documents.push(Document {
            kind: DocumentKind::ImmediateProtocol,
            committee: meeting.nämnd.clone(),
            date: meeting.datum,
            dnr: None,
            paragraph: None,
            title: format!(
                "Protokoll, omedelbart justerade paragrafer, {} {}",
                meeting.nämnd,
                swedish::short_date(meeting.datum)
            ),
            meeting_date: Some(meeting.datum),
            sources: all_sources.clone(),
            redactions: all_redactions.clone(),
            secret: false,
            profile: profile.clone(),
            view: View::Protocol(Box::new(view)),
        });
    }
    if let (Some(view), Some(posted)) = (header.notice.clone(), posting_date(meeting)) {
        documents.push(Document {
            kind: DocumentKind::Notice,
            committee: meeting.nämnd.clone(),
            date: posted,
            dnr: None,
            paragraph: None,
            title: format!(
                "Anslag om justerat protokoll, {} {}",
                meeting.nämnd,
                swedish::short_date(meeting.datum)
            ),
            meeting_date: Some(meeting.datum),
            sources: std::iter::once(meeting_source)
                .chain(profile_sources)
                .collect(),
            redactions: meeting.personuppgifter.clone(),
            secret: false,
            profile: profile.clone(),
            view: View::Notice(Box::new(view)),
        });
    }
    Ok(documents)
}

/// Expands the `{{ … }}` expressions in a case's prose with the figures of its tables.
struct Prose<'a> {
    env: Environment<'static>,
    context: Value,
    source: &'a SourceFile,
}

#[derive(Serialize)]
struct Figures {
    nummer: usize,
    antal: usize,
    sökt: String,
    beviljat: String,
    maxbelopp: Option<String>,
}

impl<'a> Prose<'a> {
    fn new(loaded: &'a LoadedCase) -> Self {
        let case = &loaded.case;
        let order = table_order(case);
        let mut tables = BTreeMap::new();
        let mut sum = Totals::default();
        for (id, table) in &case.tabeller {
            let t = totals(table);
            sum = sum.add(t);
            tables.insert(
                id.clone(),
                Figures {
                    nummer: order.iter().position(|o| o == id).map_or(0, |i| i + 1),
                    antal: t.count,
                    sökt: swedish::kronor(t.requested),
                    beviljat: swedish::kronor(t.granted),
                    maxbelopp: table.maxbelopp.map(swedish::kronor),
                },
            );
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(PROSE_FUEL));
        let context = minijinja::context! {
            tabell => Value::from(Serde(&tables)),
            summa => minijinja::context! {
                antal => sum.count,
                sökt => swedish::kronor(sum.requested),
                beviljat => swedish::kronor(sum.granted),
            },
            datum => swedish::long_date(case.datum),
        };
        Prose {
            env,
            context,
            source: &loaded.source,
        }
    }

    fn expand(&self, field: &str, text: &str) -> Result<String> {
        if !text.contains("{{") && !text.contains("{%") && !text.contains("{#") {
            return Ok(text.to_owned());
        }
        self.env.render_str(text, &self.context).map_err(|e| {
            let detail = e
                .detail()
                .map_or_else(|| e.kind().to_string(), str::to_owned);
            let message = format!("uttrycket i texten går inte att beräkna: {detail}");
            match (self.source.positions.find(field), e.line()) {
                (Some((line, column)), Some(error_line)) => {
                    // A block scalar (`|`, `>`) starts on the line after its indicator.
                    let indicator = self
                        .source
                        .text
                        .lines()
                        .nth(line - 1)
                        .and_then(|l| l.chars().nth(column - 1));
                    let first = if matches!(indicator, Some('|' | '>')) {
                        line + 1
                    } else {
                        line
                    };
                    let at = first + error_line - 1;
                    let indent = self
                        .source
                        .text
                        .lines()
                        .nth(at - 1)
                        .map_or(0, |l| l.len() - l.trim_start().len());
                    Problem::at(
                        &self.source.path,
                        &self.source.text,
                        at,
                        indent + 1,
                        message,
                    )
                    .with_field(field)
                }
                _ => self.source.problem(field, message),
            }
            .into()
        })
    }
}
