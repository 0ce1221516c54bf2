//! Stage 1: the YAML files as Rust values. Field names are the secretary's Swedish (the
//! reference table is in the README); every struct rejects unknown keys so a typo is an
//! error, not a silently ignored line.

mod amount;
pub mod attachment;
mod dates;
pub mod files;
mod image;
mod item;
mod keys;
pub mod labels;
mod layout;
mod meeting;
mod paragraph;
mod positions;
mod profile;
pub mod prose;
mod reading;
pub mod reference;
mod roster;
pub mod schema;
mod source;
pub mod text_rules;
mod time;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::error::{Error, Result};
pub use amount::{Kronor, Proposal};
pub use item::{
    Appeal, AppealRoute, BallotSide, Ballots, Decision, GivenNumber, Item, MinuteNote, Motion,
    Names, Preparation, Reservation, SubPoint, Vote,
};
use keys::Schema;
pub(crate) use keys::fields_of;
pub use keys::{did_you_mean, nearest};
pub use layout::{
    AgendaNumbers, CoverBlock, CoverLayout, CoverRow, DecisionHeading, FooterLabels,
    ItemListColumn, ItemListLabels, ItemListLayout, ItemListPlacement, LeadLine, NoticeForm,
    NoticeLabels, NoticeLayout, NoticeRow, ParagraphLayout, ParagraphPart, PointStyle,
    PostingDates, ProcedureShown, ReservationPlacement, Separator, SignatureArrangement,
    SignatureLayout, SignaturePlacement, SinglePoint, StatementLabels, StatementLayout, TakenDown,
};
pub use meeting::{
    Absent, Approval, ApprovalPart, Approver, Attendee, Meeting, MeetingKind, Member, Notice,
    Organ, OrganKind, PartParagraphs, Remote, Stage, VACANT, Vacancy,
};
pub use paragraph::{MAX_PARAGRAPH, ParagraphList, ParagraphNumber};
pub use positions::Positions;
pub use profile::{
    AdjustmentDateStyle, BundledFace, DateStyle, HeaderLayout, Headings, LOGO_HEIGHT_MM,
    LoadedLogo, LoadedProfile, Logo, Margins, Numbering, ORGAN_VALUES, PROFILE_FILE, ParagraphYear,
    PartyStyle, Piece, Principal, Profile, RollForm, RollListPlacement, RollPlacement,
    RunningDateStyle, Typeface, Typefaces, Wordings, pieces,
};
use reading::earlier_in_year;
pub use reading::{Reading, Standing, standing_in_meetings};
pub use roster::{
    Composition, LoadedRoster, MAX_ROSTER, MandatePeriod, ROSTER_FILE, Roster, RosterChange,
    RosterMember, RosterSeat, RosterSubstitute, SubstituteOrder, Successor, in_order_of_appearance,
};
pub use source::SourceFile;
pub use time::{ClockTime, MeetingTime, Sitting, TimeSpan};

/// A commented case file whose placeholders (`FYLL I: …`) `check` reports until filled.
pub const CASE_SKELETON: &str = include_str!("skeleton.case.yaml");
/// A commented meeting file, likewise.
pub const MEETING_SKELETON: &str = include_str!("skeleton.meeting.yaml");
/// A profile naming every option, each commented out at its built-in value.
pub const PROFILE_SKELETON: &str = include_str!("skeleton.profile.yaml");
/// A commented roll of an organ (`ledamoter.yaml`).
pub const ROSTER_SKELETON: &str = include_str!("skeleton.roster.yaml");
/// The mark of a placeholder not yet filled in.
const PLACEHOLDER: &str = "FYLL I";

/// Where each struct of a case file stands, for the check of unknown keys.
const CASE_SCHEMA: Schema = &[
    ("", fields_of::<Case>),
    ("handläggare", fields_of::<CaseOfficer>),
    ("handläggare[]", fields_of::<CaseOfficer>),
    ("underskrifter[]", fields_of::<Person>),
    ("avsnitt[]", fields_of::<Section>),
    ("tabeller.*", fields_of::<ApplicationTable>),
    ("tabeller.*.ansökningar[]", fields_of::<Application>),
    ("avgift", fields_of::<Fee>),
];

/// Where each struct of a meeting file stands.
const MEETING_SCHEMA: Schema = &[
    ("", fields_of::<Meeting>),
    ("ordförande", fields_of::<Person>),
    ("sekreterare", fields_of::<Person>),
    ("beslutsfattare", fields_of::<Person>),
    ("organ", fields_of::<Organ>),
    ("tid", fields_of::<Sitting>),
    ("justerare[]", fields_of::<Approver>),
    ("beslutande[]", fields_of::<Member>),
    ("ersättare[]", fields_of::<Member>),
    ("observatörer[]", fields_of::<Attendee>),
    ("revisorer[]", fields_of::<Attendee>),
    ("fackliga_företrädare[]", fields_of::<Attendee>),
    ("övriga_närvarande[]", fields_of::<Attendee>),
    ("frånvarande[]", fields_of::<Absent>),
    ("vakanser[]", fields_of::<Vacancy>),
    ("justering", fields_of::<Approval>),
    ("justeringar[]", fields_of::<ApprovalPart>),
    ("justeringar[].justerare[]", fields_of::<Approver>),
    ("justeringar[].ordförande", fields_of::<Person>),
    ("anslag", fields_of::<Notice>),
    ("paragrafer[]", fields_of::<Item>),
    ("paragrafer[].beredning[]", fields_of::<Preparation>),
    ("paragrafer[].delpunkter[]", fields_of::<SubPoint>),
    ("paragrafer[].överklagande", fields_of::<Appeal>),
    ("paragrafer[].beredning[].yrkanden[]", fields_of::<Motion>),
    ("paragrafer[].yrkanden[]", fields_of::<Motion>),
    ("paragrafer[].omröstning", fields_of::<Vote>),
    ("paragrafer[].omröstning.röster", fields_of::<Ballots>),
    ("paragrafer[].reservationer[]", fields_of::<Reservation>),
    (
        "paragrafer[].protokollsanteckningar[]",
        fields_of::<MinuteNote>,
    ),
];

/// A tjänsteutlåtande: the förvaltning's statement on one ärende.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub nämnd: String,
    pub förvaltning: String,
    #[serde(default)]
    pub avdelning: Option<String>,
    /// Who handles the case: one, or several (`[{namn: …}, {namn: …}]`).
    #[serde(default)]
    pub handläggare: Option<Officers>,
    /// The kind of document; by default the profile's (`Tjänsteutlåtande`).
    #[serde(default)]
    pub handlingstyp: Option<String>,
    /// The addressee's own reference, when the case answers one ("Er beteckning").
    #[serde(default)]
    pub er_beteckning: Option<String>,
    /// The addressee ("Till"); defaults to the nämnd.
    #[serde(default)]
    pub till: Option<String>,
    /// The meeting the statement is written for, shown after the addressee.
    #[serde(default)]
    #[serde(deserialize_with = "dates::optional")]
    pub sammanträde: Option<NaiveDate>,
    #[serde(deserialize_with = "dates::required")]
    pub datum: NaiveDate,
    /// Diarienummer, kept verbatim: there is no national format.
    #[serde(default)]
    pub dnr: Option<String>,
    pub rubrik: String,
    /// Empty only for an informationsärende.
    #[serde(default)]
    pub förslag_till_beslut: Vec<String>,
    #[serde(default)]
    pub underskrifter: Vec<Person>,
    /// Markdown.
    pub sammanfattning: String,
    #[serde(default)]
    pub avsnitt: Vec<Section>,
    /// Application tables by the id sections and prose use for them.
    #[serde(default)]
    pub tabeller: BTreeMap<String, ApplicationTable>,
    #[serde(default)]
    pub bilagor: Vec<Attachment>,
    /// A fee the decision charges (myndighetsutövning), with the taxa it follows.
    #[serde(default)]
    pub avgift: Option<Fee>,
    /// Notes to the sökande that are not part of the decision (Markdown); printed last in
    /// the document and with the §.
    #[serde(default)]
    pub upplysningar: Option<String>,
    /// The order of the document's parts, when not the profile's: `förslag_till_beslut`,
    /// `sammanfattning`, `avsnitt` (the sections not named), a section's `rubrik`,
    /// `avgift`, `upplysningar`, `underskrifter`, `bilagor`, `expediering`.
    #[serde(default)]
    pub ordning: Vec<String>,
    /// Facts an ärendeförteckning can show in a column of its own (`fastighet`,
    /// `sökande`), by name.
    #[serde(default)]
    pub uppgifter: BTreeMap<String, String>,
    /// Who the decision is sent to (expediering); the § of a meeting inherits it.
    #[serde(default)]
    pub expediering: Vec<String>,
    /// Personal data (a private person's name) to leave out of the web copy.
    #[serde(default)]
    pub personuppgifter: Vec<String>,
}

impl Case {
    /// Every prose (Markdown) field of the case, with its path.
    pub fn prose_fields(&self) -> Vec<(String, &str)> {
        let mut fields = vec![("sammanfattning".to_owned(), self.sammanfattning.as_str())];
        if let Some(text) = &self.upplysningar {
            fields.push(("upplysningar".to_owned(), text));
        }
        for (s, section) in self.avsnitt.iter().enumerate() {
            if let Some(text) = &section.text {
                fields.push((format!("avsnitt[{s}].text"), text));
            }
        }
        for (id, table) in &self.tabeller {
            for (r, row) in table.ansökningar.iter().enumerate() {
                let at = format!("tabeller.{id}.ansökningar[{r}]");
                fields.push((format!("{at}.beskrivning"), &row.beskrivning));
                if let Some(text) = &row.motivering {
                    fields.push((format!("{at}.motivering"), text));
                }
            }
        }
        fields
    }
}

/// A bilaga: its name, or its name and whether it is attached (`bifogad: false` for a
/// handling the reader finds elsewhere: "ej bifogad"), or its name and its file (`fil`: a
/// PDF, PNG or JPEG beside the case), public only when marked so (`offentlig: true`).
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum Attachment {
    Named(String),
    Described {
        namn: String,
        #[serde(default = "attached")]
        bifogad: bool,
        /// The bilaga itself: a PDF, PNG or JPEG in the case's folder or below it. Its
        /// pages follow the tjänsteutlåtande into the handlingar and the archive package.
        #[serde(default)]
        fil: Option<PathBuf>,
        /// A file bilaga is left out of every public output (paragraf cannot replace
        /// personal data inside it) unless marked public.
        #[serde(default)]
        offentlig: bool,
    },
}

/// The form from the node's shape: a name, or a mapping whose errors are its own.
impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Described {
            namn: String,
            #[serde(default = "attached")]
            bifogad: bool,
            #[serde(default)]
            fil: Option<PathBuf>,
            #[serde(default)]
            offentlig: bool,
        }
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Attachment;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bilagans namn, eller `namn` med `bifogad`, `fil` och `offentlig`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Attachment, E> {
                Ok(Attachment::Named(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Attachment, A::Error> {
                let Described {
                    namn,
                    bifogad,
                    fil,
                    offentlig,
                } = Described::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Attachment::Described {
                    namn,
                    bifogad,
                    fil,
                    offentlig,
                })
            }
        }
        deserializer.deserialize_any(Form)
    }
}

fn attached() -> bool {
    true
}

impl Attachment {
    pub fn name(&self) -> &str {
        match self {
            Attachment::Named(name) | Attachment::Described { namn: name, .. } => name,
        }
    }

    pub fn attached(&self) -> bool {
        match self {
            Attachment::Named(_) => true,
            Attachment::Described { bifogad, .. } => *bifogad,
        }
    }
}

/// A fee a decision charges.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub belopp: Kronor,
    /// The taxa it follows: `plan- och bygglovtaxa 2024`.
    #[serde(default)]
    pub taxa: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseOfficer {
    pub namn: String,
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default)]
    pub telefon: Option<String>,
    #[serde(default, rename = "e-post")]
    pub e_post: Option<String>,
}

/// The handläggare of a case: one, or several who handle it together.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum Officers {
    One(CaseOfficer),
    Many(Vec<CaseOfficer>),
}

impl Officers {
    /// Each handläggare, in the order written.
    pub fn list(&self) -> &[CaseOfficer] {
        match self {
            Officers::One(officer) => std::slice::from_ref(officer),
            Officers::Many(officers) => officers,
        }
    }
}

/// The form from the node's shape: a mapping is one handläggare, a list several; an error
/// inside either is that error, at its own line.
impl<'de> Deserialize<'de> for Officers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Officers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "en handläggare (`namn`, `titel`, `telefon`, `e-post`) eller en lista av dem",
                )
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Officers, A::Error> {
                CaseOfficer::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Officers::One)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Officers, A::Error> {
                Vec::<CaseOfficer>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(Officers::Many)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub namn: String,
    #[serde(default)]
    pub titel: Option<String>,
}

/// A heading with its prose (Markdown) and the tables that follow the prose.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub rubrik: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub tabeller: Vec<String>,
}

/// Applications for money and the förvaltning's proposal for each.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationTable {
    /// The caption after "Tabell N: ".
    pub rubrik: String,
    /// The most one application may be granted.
    #[serde(default)]
    pub maxbelopp: Option<Kronor>,
    /// Totals as stated elsewhere (an earlier document, a decision); checked against the
    /// rows, never used instead of them.
    #[serde(default)]
    pub summa_sökt: Option<Kronor>,
    #[serde(default)]
    pub summa_beviljat: Option<Kronor>,
    pub ansökningar: Vec<Application>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub nr: u32,
    /// Bold lead of the left column; optional because study trips have none.
    #[serde(default)]
    pub titel: Option<String>,
    /// Markdown.
    pub beskrivning: String,
    pub sökande: String,
    pub sökt: Kronor,
    pub förslag: Proposal,
    /// Markdown: the FoU-råd's notes, under the proposal.
    #[serde(default)]
    pub motivering: Option<String>,
}

/// A case as loaded, with the file it came from and its nämnd's profile.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    pub source: SourceFile,
    pub case: Case,
    pub profile: Arc<LoadedProfile>,
    /// The bilagor that are files, read and checked, in the order of `bilagor`.
    pub files: Vec<Arc<attachment::AttachedFile>>,
}

/// A meeting as loaded, with its file and its items' cases in agenda order.
#[derive(Debug, Clone)]
pub struct LoadedMeeting {
    pub source: SourceFile,
    pub meeting: Meeting,
    /// The case of each item, in the order of `meeting.paragrafer`; none for an item
    /// without case file.
    pub cases: Vec<Option<LoadedCase>>,
    /// The § number of each item, given or counted on.
    pub numbers: Vec<ParagraphNumber>,
    /// The field path of each item, by its place in `paragrafer` as written.
    pub paths: Vec<String>,
    /// Where the numbering starts: as the meeting says (`första_paragraf`), else 1, or on
    /// from the year's earlier meetings.
    pub first_number: u32,
    /// With numbering through the year: the §§ of the year's earlier meetings, by date.
    pub earlier: Vec<(NaiveDate, Vec<ParagraphNumber>)>,
    /// The profile of the nämnd (built in when it has none).
    pub profile: Arc<LoadedProfile>,
    /// The organ's roll (`ledamoter.yaml`), when it keeps one: the meeting then records
    /// only what differed from it.
    pub roster: Option<Arc<LoadedRoster>>,
    /// The roll on the meeting's date.
    pub composition: Option<Composition>,
}

impl LoadedCase {
    pub fn load(path: &Path, reading: &Reading) -> Result<Self> {
        Self::from_source(reading.source(path)?, reading)
    }

    pub fn from_source(source: SourceFile, reading: &Reading) -> Result<Self> {
        let case = source.parse_case()?;
        let files = attachment::load(&source, &case.bilagor, reading.absent_cases_allowed)
            .map_err(Error::new)?;
        let profile = LoadedProfile::for_file_in(&source.path, reading)?;
        Ok(LoadedCase {
            source,
            case,
            profile,
            files,
        })
    }
}

/// A meeting's case must lie in the nämnd's folder: the meeting's folder or one beside it
/// (`../beredning/x.yaml`). Checked on the path as written first, so that nothing is said
/// about files outside, then on the real path, so that a link cannot lead outside either.
fn within_committee_folder(meeting_folder: &Path, case: &Path) -> Result<PathBuf, String> {
    use std::path::Component;
    let outside = || {
        format!(
            "ärendet {} ligger utanför nämndens mapp; ett sammanträde hämtar bara ärenden ur sin egen och närliggande mappar",
            case.display()
        )
    };
    // Depth below the nämnd's folder: the meeting's folder is 1.
    let mut depth: i64 = 1;
    for component in case.components() {
        depth += match component {
            Component::Normal(_) => 1,
            Component::CurDir => 0,
            Component::ParentDir => -1,
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        };
        if depth < 0 {
            return Err(outside());
        }
    }
    let path = meeting_folder.join(case);
    let missing = |_| format!("ärendefilen {} finns inte", path.display());
    let real = path.canonicalize().map_err(missing)?;
    let real_meeting_folder = meeting_folder.canonicalize().map_err(missing)?;
    let committee = real_meeting_folder.parent().unwrap_or(&real_meeting_folder);
    if !real.starts_with(committee) {
        return Err(outside());
    }
    if !real.is_file() {
        return Err(format!("ärendefilen {} är ingen fil", path.display()));
    }
    Ok(path)
}

/// One § of a loaded meeting: its place in the agenda, the item, its case and number.
#[derive(Debug, Clone, Copy)]
pub struct LoadedItem<'a> {
    pub index: usize,
    /// Its field path, by its place in `paragrafer` as written: `paragrafer[3]`.
    pub path: &'a str,
    pub item: &'a Item,
    pub case: Option<&'a LoadedCase>,
    pub number: ParagraphNumber,
}

impl LoadedItem<'_> {
    /// The field path of `name` in this item: `paragrafer[3].beslut`.
    pub fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }
}

impl LoadedMeeting {
    /// Whether the protocol is justerat with electronic signatures: as the meeting says,
    /// else as its profile does.
    pub fn digital_adjustment(&self) -> bool {
        (self.meeting.digital_justering).unwrap_or(self.profile.profile.digital_justering)
    }

    /// Whether the file records one person's decisions under delegation, not a meeting.
    pub fn delegated(&self) -> bool {
        self.meeting.slag == MeetingKind::Delegation
    }

    /// Whether a meeting justerad in parts is kept as one protocol: as the meeting says,
    /// else as its profile does.
    pub fn one_protocol(&self) -> bool {
        (self.meeting.justeringar_i_ett_protokoll)
            .unwrap_or(self.profile.profile.justeringar_i_ett_protokoll)
    }

    /// The §§ in agenda order.
    pub fn items(&self) -> impl Iterator<Item = LoadedItem<'_>> {
        self.meeting
            .paragrafer
            .iter()
            .zip(&self.cases)
            .zip(&self.numbers)
            .zip(&self.paths)
            .enumerate()
            .map(|(index, (((item, case), number), path))| LoadedItem {
                index,
                path,
                item,
                case: case.as_ref(),
                number: *number,
            })
    }

    /// The cases of the meeting's items, each once, in agenda order.
    pub fn distinct_cases(&self) -> Vec<&LoadedCase> {
        let mut cases: Vec<&LoadedCase> = Vec::new();
        for case in self.cases.iter().flatten() {
            if !cases.iter().any(|c| c.source.path == case.source.path) {
                cases.push(case);
            }
        }
        cases
    }

    /// The meeting of a read file, and every case it points to; all broken cases are
    /// reported at once.
    pub fn from_source(source: SourceFile, reading: &Reading) -> Result<Self> {
        let meeting = reading.meeting(&source)?;
        let folder = files::folder_of(&source.path).to_path_buf();
        let folder = folder.as_path();
        let mut cases = Vec::new();
        let mut problems = Vec::new();
        for (i, item) in meeting.paragrafer.iter().enumerate() {
            let Some(case_file) = &item.ärende else {
                cases.push(None);
                continue;
            };
            if reading.absent_cases_allowed && !folder.join(case_file).exists() {
                cases.push(None);
                continue;
            }
            let field = format!("{}.ärende", meeting.item_path(i));
            let case_path = match within_committee_folder(folder, case_file) {
                Ok(path) => path,
                Err(message) => {
                    problems.push(source.problem(&field, message));
                    continue;
                }
            };
            match LoadedCase::load(&case_path, reading) {
                Ok(case) => cases.push(Some(case)),
                Err(e) => problems.extend(e.problems),
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        let profile = LoadedProfile::for_file_in(&source.path, reading)?;
        let roster = LoadedRoster::for_file_in(&source.path, reading)?;
        let composition = roster.as_ref().map(|r| r.roster.on(meeting.datum));
        let earlier = match profile.profile.paragrafnumrering {
            Numbering::PerMeeting => Vec::new(),
            Numbering::Yearly => earlier_in_year(&source.path, &meeting, reading)?,
        };
        let on_from_earlier = earlier
            .iter()
            .flat_map(|(_, numbers)| numbers.iter().map(|n| n.number))
            .max()
            .map_or(1, |last| last.saturating_add(1));
        let first = meeting.första_paragraf.unwrap_or(on_from_earlier);
        Ok(LoadedMeeting {
            numbers: meeting.numbers(first),
            paths: (0..meeting.paragrafer.len())
                .map(|i| meeting.item_path(i))
                .collect(),
            first_number: first,
            earlier,
            source,
            meeting,
            cases,
            profile,
            roster,
            composition,
        })
    }
}
