//! Stage 1: the YAML files as Rust values. Field names are the secretary's Swedish (the
//! reference table is in the README); every struct rejects unknown keys so a typo is an
//! error, not a silently ignored line.

mod amount;
pub mod files;
mod image;
mod keys;
mod layout;
mod meeting;
mod paragraph;
mod positions;
mod profile;
pub mod prose;
mod reading;
pub mod schema;
pub mod text_rules;
mod time;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::error::{Error, Problem, Result};
pub use amount::{Kronor, Proposal};
pub use keys::nearest;
use keys::{Schema, fields_of};
pub use layout::{
    FooterLabels, ItemListColumn, ItemListLabels, ItemListLayout, ItemListPlacement, NoticeForm,
    NoticeLabels, NoticeLayout, ParagraphLayout, ParagraphPart, PointStyle, ProcedureShown,
    ReservationPlacement, Separator, SignaturePlacement, SinglePoint, StatementLabels,
    StatementLayout, TakenDown,
};
pub use meeting::{
    Absent, Adjuster, Adjustment, AdjustmentPart, Appeal, AppealRoute, Attendee, BallotSide,
    Ballots, Decision, Item, Meeting, Member, MinuteNote, Motion, Names, Notice, Organ, OrganKind,
    PartParagraphs, Preparation, Reservation, VACANT, Vacancy, Vote,
};
pub use paragraph::{MAX_PARAGRAPH, ParagraphList, ParagraphNumber};
pub use positions::Positions;
pub use profile::{
    DateStyle, Headings, LoadedLogo, LoadedProfile, Logo, Numbering, ORGAN_VALUES, PROFILE_FILE,
    Piece, Principal, Profile, RollPlacement, RunningDateStyle, Wordings, pieces,
};
use reading::earlier_in_year;
pub use reading::{Reading, secret_in_meetings};
pub use time::{ClockTime, MeetingTime, Sitting, TimeSpan};

/// A commented case file whose placeholders (`FYLL I: …`) `check` reports until filled.
pub const CASE_SKELETON: &str = include_str!("skeleton.case.yaml");
/// A commented meeting file, likewise.
pub const MEETING_SKELETON: &str = include_str!("skeleton.meeting.yaml");
/// A profile naming every option, each commented out at its built-in value.
pub const PROFILE_SKELETON: &str = include_str!("skeleton.profile.yaml");
/// The mark of a placeholder not yet filled in.
const PLACEHOLDER: &str = "FYLL I";

/// Where each struct of a case file stands, for the check of unknown keys.
const CASE_SCHEMA: Schema = &[
    ("", fields_of::<Case>),
    ("handläggare", fields_of::<CaseOfficer>),
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
    ("organ", fields_of::<Organ>),
    ("tid", fields_of::<Sitting>),
    ("justerare[]", fields_of::<Adjuster>),
    ("beslutande[]", fields_of::<Member>),
    ("ersättare[]", fields_of::<Member>),
    ("övriga_närvarande[]", fields_of::<Attendee>),
    ("frånvarande[]", fields_of::<Absent>),
    ("vakanser[]", fields_of::<Vacancy>),
    ("justering", fields_of::<Adjustment>),
    ("justeringar[]", fields_of::<AdjustmentPart>),
    ("justeringar[].justerare[]", fields_of::<Adjuster>),
    ("justeringar[].ordförande", fields_of::<Person>),
    ("anslag", fields_of::<Notice>),
    ("paragrafer[]", fields_of::<Item>),
    ("paragrafer[].beredning[]", fields_of::<Preparation>),
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
    #[serde(default)]
    pub handläggare: Option<CaseOfficer>,
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
    pub sammanträde: Option<NaiveDate>,
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
/// handling the reader finds elsewhere: "ej bifogad").
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Attachment {
    Named(String),
    Described {
        namn: String,
        #[serde(default = "attached")]
        bifogad: bool,
    },
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

/// A YAML file as read: its path, its text and where its values stand.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The text as parsed (a byte order mark removed); shared by every copy, as are its
    /// positions (a year's load holds each file once).
    pub text: Arc<str>,
    /// Whether the file began with a byte order mark.
    pub bom: bool,
    pub positions: Arc<Positions>,
    /// The file's exact bytes, as read: shared by every document that attaches it.
    raw: std::sync::Arc<[u8]>,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<Self> {
        // Read at most one byte past the limit: a huge file is refused, not loaded.
        let bytes =
            files::read_regular(path, MAX_FILE_BYTES).map_err(|why| Problem::in_file(path, why))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::in_file(
                path,
                format!("filen är större än {} MiB; en ärende- eller sammanträdesfil är några hundra kB", MAX_FILE_BYTES >> 20),
            )
            .into());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Problem::at(
                path,
                &shown,
                line,
                column,
                "filen är inte UTF-8: spara den som UTF-8 i editorn",
            )
        })?;
        Ok(Self::from_text(path, text))
    }

    pub fn from_text(path: &Path, text: String) -> Self {
        // A byte order mark is legal YAML but invisible in an editor: columns count without it.
        let raw = std::sync::Arc::from(text.as_bytes());
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        SourceFile {
            path: path.to_path_buf(),
            positions: Arc::new(Positions::index(&text)),
            text: text.into(),
            bom,
            raw,
        }
    }

    /// The file's exact bytes, as read.
    pub fn bytes(&self) -> std::sync::Arc<[u8]> {
        self.raw.clone()
    }

    /// The file's name within the nämnd's folder, `2015-03-24/sammantrade.yaml`: its path
    /// relative to `root` (the nämnd's folder of the document it is
    /// attached to), `/`-separated: unique for every file under it, so that two cases of
    /// the same name in different folders never share a name in a PDF.
    pub fn archive_name_under(&self, root: &Path) -> String {
        let relative = self.path.canonicalize().ok().and_then(|real| {
            let root = root.canonicalize().ok()?;
            real.strip_prefix(&root).ok().map(Path::to_path_buf)
        });
        match relative {
            Some(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            None => self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    /// A problem at the value of `field`, or at the file if the field has no place.
    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        match self.positions.find(field) {
            Some((line, column)) => Problem::at(&self.path, &self.text, line, column, message),
            None => Problem::in_file(&self.path, message),
        }
        .with_field(field)
    }

    /// Deserialize the file: first every unknown key at once, then serde's typed parse
    /// (whose error, with its position, is the first type error of the file).
    pub(crate) fn parse<T: for<'de> Deserialize<'de>>(&self, schema: Schema) -> Result<T> {
        let tree: serde_yaml::Value =
            serde_yaml::from_str(&self.text).map_err(|e| Error::from(self.yaml_problem(&e)))?;
        let mut problems = text_rules::problems(self);
        problems.extend(text_rules::unshowable(self, &tree));
        problems.extend(keys::unknown_keys(self, &tree, schema));
        self.placeholders(&tree, "", &mut problems);
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        serde_yaml::from_str(&self.text).map_err(|e| Error::from(self.yaml_problem(&e)))
    }

    /// Every placeholder of a `paragraf new` skeleton still in the file.
    fn placeholders(&self, value: &serde_yaml::Value, path: &str, out: &mut Vec<Problem>) {
        use serde_yaml::Value;
        match value {
            Value::String(text) if text.contains(PLACEHOLDER) => {
                out.push(self.problem(path, format!("fyll i eller ta bort: {}", text.trim())));
            }
            Value::Mapping(mapping) => {
                for (key, child) in mapping {
                    if let Some(key) = key.as_str() {
                        let child_path = if path.is_empty() {
                            key.to_owned()
                        } else {
                            format!("{path}.{key}")
                        };
                        self.placeholders(child, &child_path, out);
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.placeholders(item, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    pub fn parse_case(&self) -> Result<Case> {
        self.parse(CASE_SCHEMA)
    }

    pub fn parse_meeting(&self) -> Result<Meeting> {
        self.parse(MEETING_SCHEMA)
    }

    fn yaml_problem(&self, error: &serde_yaml::Error) -> Problem {
        let mut message = error.to_string();
        // serde_yaml appends "at line L column C"; the position is shown on its own.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        let position = error
            .location()
            .map(|at| (at.line(), at.column()))
            .or_else(|| self.second_document_at(&message));
        // serde_yaml places a duplicate key at its mapping; point at the second key.
        let position = match message.contains("duplicate entry with key") {
            true => self.positions.duplicate_key().or(position),
            false => position,
        };
        let message = explain(&shorten_quoted(&message));
        match position {
            Some((line, column)) => Problem::at(&self.path, &self.text, line, column, message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// Where a second YAML document starts, for the error about several documents.
    fn second_document_at(&self, message: &str) -> Option<(usize, usize)> {
        if !message.contains("more than one document") {
            return None;
        }
        let mut content = false;
        self.text.lines().enumerate().find_map(|(i, line)| {
            if line.starts_with("---") && content {
                return Some((i + 1, 1));
            }
            content |= !line.trim().is_empty()
                && !line.trim_start().starts_with('#')
                && !line.starts_with("---");
            None
        })
    }

    /// Whether the file is a meeting (it lists paragrafer at top level) rather than a case.
    pub fn is_meeting(&self) -> bool {
        self.positions.find("paragrafer").is_some()
    }
}

/// The largest YAML file read: a case with two full application tables is ~60 kB.
const MAX_FILE_BYTES: u64 = 4 << 20;

/// serde_yaml's and chrono's messages (English, about types) in Swedish, about what the
/// person who wrote the file should do. A path prefix (`paragrafer[0].datum: …`) is kept.
fn explain(message: &str) -> String {
    let (prefix, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (format!("{path}: "), rest),
        _ => (String::new(), message),
    };
    format!("{prefix}{}", swedish_message(rest))
}

/// One serde_yaml or chrono message in Swedish.
fn swedish_message(message: &str) -> String {
    const FIXED: &[(&str, &str)] = &[
        (
            "repetition limit exceeded",
            "YAML-alias (&namn, *namn) upprepar för mycket: filen skulle bli orimligt stor",
        ),
        (
            "recursion limit exceeded",
            "för djupt nästlade listor eller nycklar",
        ),
        (
            "more than one document",
            "filen innehåller flera YAML-dokument (---); en fil ska innehålla ett ärende, ett sammanträde eller en profil",
        ),
        (
            "duplicate entry with key",
            "samma nyckel står två gånger; ta bort den ena",
        ),
        ("input is out of range", "datumet finns inte i kalendern"),
        (
            "premature end of input",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "input contains invalid characters",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "trailing input",
            "det är inget datum; skriv datum som 2015-03-24",
        ),
        (
            "did not find expected ',' or ']'",
            "en [ saknar sin ]; leta uppåt från raden",
        ),
        (
            "did not find expected ',' or '}'",
            "en { saknar sin }; leta uppåt från raden",
        ),
        (
            "cannot start any token",
            "tecknet kan inte börja ett värde här; indrag görs med mellanslag, inte tabb",
        ),
        (
            "mapping values are not allowed",
            "ett kolon (:) står där det inte kan stå; sätt texten inom citattecken",
        ),
        (
            "did not find expected key",
            "indraget stämmer inte: här väntades en nyckel",
        ),
        ("did not find expected node content", "ett värde saknas här"),
        (
            "did not find expected '-' indicator",
            "indraget stämmer inte: här väntades ett listelement (-)",
        ),
        (
            "unexpected end of stream",
            "filen tar slut mitt i ett värde; ett citattecken eller en parentes stängs inte",
        ),
        (
            "unknown escape character",
            "okänd escape-sekvens (\\) i texten inom citattecken",
        ),
        (
            "found a tab character",
            "indrag görs med mellanslag, inte tabb",
        ),
    ];
    if let Some((_, swedish)) = FIXED.iter().find(|(english, _)| message.contains(english)) {
        return (*swedish).to_owned();
    }
    let capture = |pattern: &str| regex_lite::Regex::new(pattern).ok()?.captures(message);
    if let Some(c) = capture(r"^invalid type: (.*), expected (.*)$") {
        return format!(
            "fel slags värde: {} där det ska stå {}",
            found_value(&c[1]),
            expected_value(&c[2])
        );
    }
    if let Some(c) = capture(r"^invalid value: (.*), expected (.*)$") {
        return format!(
            "ogiltigt värde: {}; här ska stå {}",
            found_value(&c[1]),
            expected_value(&c[2])
        );
    }
    if let Some(c) = capture(r"^missing field `(.*)`$") {
        return format!("nyckeln `{}` saknas", &c[1]);
    }
    if let Some(c) = capture(r"^unknown variant `(.*)`, expected (?:one of )?(.*)$") {
        return format!(
            "`{}` går inte här; skriv {}",
            &c[1],
            c[2].replace(", ", " eller ")
        );
    }
    if let Some(c) = capture(r"^data did not match any variant of untagged enum (\w+)$") {
        let form = match &c[1] {
            "MeetingTime" => {
                "tiden som text (`kl. 13.00–15.30`) eller med `från`, `till` och `ajournering`"
            }
            "Names" => "ett namn eller en lista med namn",
            "Decision" => {
                "en lista med beslutspunkter, eller bara de omformulerade punkterna efter nummer (`3: …`)"
            }
            _ => "ett värde av rätt slag (se schemat)",
        };
        return format!("värdet har ingen form som går här; skriv {form}");
    }
    if let Some(c) = capture(r"^invalid length (\d+), expected (.*)$") {
        return format!(
            "fel antal ({}); här ska stå {}",
            &c[1],
            expected_value(&c[2])
        );
    }
    // The model's own messages are Swedish already.
    message.to_owned()
}

/// What serde found, in Swedish: `string "no"` → `texten "no"`.
fn found_value(found: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("string ", "texten "),
        ("integer ", "talet "),
        ("floating point ", "decimaltalet "),
        ("boolean ", "sanningsvärdet "),
        ("unit value", "ett tomt värde"),
        ("map", "nycklar (en mappning)"),
        ("sequence", "en lista"),
    ];
    table
        .iter()
        .find_map(|(english, swedish)| {
            found
                .strip_prefix(english)
                .map(|rest| format!("{swedish}{}", rest.replace('`', "")))
        })
        .unwrap_or_else(|| found.to_owned())
}

/// What serde expected, in Swedish; the model's own expectations are Swedish already.
fn expected_value(expected: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("a boolean", "true eller false"),
        ("a string", "text"),
        ("a sequence", "en lista"),
        ("a map", "nycklar (en mappning)"),
        ("a YAML mapping", "nycklar (en mappning)"),
        ("a valid date", "ett datum, till exempel 2015-03-24"),
        (
            "a formatted date string",
            "ett datum, till exempel 2015-03-24",
        ),
    ];
    if let Some((_, swedish)) = table.iter().find(|(english, _)| expected == *english) {
        return (*swedish).to_owned();
    }
    if expected.starts_with("struct ") {
        return "nycklar (en mappning)".to_owned();
    }
    if matches!(
        expected,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    ) || expected.contains(" as u")
        || expected.contains(" as i")
    {
        return "ett heltal".to_owned();
    }
    expected.to_owned()
}

/// A message quoting a long value (a whole file read as one string) quotes its start only.
fn shorten_quoted(message: &str) -> String {
    const KEEP: usize = 60;
    let Some(open) = message.find('"') else {
        return message.to_owned();
    };
    let Some(close) = message.rfind('"').filter(|close| *close > open) else {
        return message.to_owned();
    };
    let quoted = &message[open + 1..close];
    if quoted.chars().count() <= KEEP {
        return message.to_owned();
    }
    let start: String = quoted.chars().take(KEEP).collect();
    format!("{}\"{start}…\"{}", &message[..open], &message[close + 1..])
}

/// A case as loaded, with the file it came from and its nämnd's profile.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    pub source: SourceFile,
    pub case: Case,
    pub profile: std::sync::Arc<LoadedProfile>,
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
    /// Where the numbering starts: as the meeting says (`första_paragraf`), else 1, or on
    /// from the year's earlier meetings.
    pub first_number: u32,
    /// With numbering through the year: the §§ of the year's earlier meetings, by date.
    pub earlier: Vec<(NaiveDate, Vec<ParagraphNumber>)>,
    /// The profile of the nämnd (built in when it has none).
    pub profile: std::sync::Arc<LoadedProfile>,
}

impl LoadedCase {
    pub fn load(path: &Path, reading: &Reading) -> Result<Self> {
        Self::from_source(reading.source(path)?, reading)
    }

    pub fn from_source(source: SourceFile, reading: &Reading) -> Result<Self> {
        let case = source.parse_case()?;
        let profile = LoadedProfile::for_file_in(&source.path, reading)?;
        Ok(LoadedCase {
            source,
            case,
            profile,
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
    pub item: &'a Item,
    pub case: Option<&'a LoadedCase>,
    pub number: ParagraphNumber,
}

impl LoadedItem<'_> {
    /// The field path of `name` in this item: `paragrafer[3].beslut`.
    pub fn field(&self, name: &str) -> String {
        format!("paragrafer[{}].{name}", self.index)
    }
}

impl LoadedMeeting {
    /// The §§ in agenda order.
    pub fn items(&self) -> impl Iterator<Item = LoadedItem<'_>> {
        self.meeting
            .paragrafer
            .iter()
            .zip(&self.cases)
            .zip(&self.numbers)
            .enumerate()
            .map(|(index, ((item, case), number))| LoadedItem {
                index,
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
            let field = format!("paragrafer[{i}].ärende");
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
        let given: Vec<Option<ParagraphNumber>> = meeting
            .paragrafer
            .iter()
            .map(|item| item.paragraf)
            .collect();
        Ok(LoadedMeeting {
            numbers: ParagraphNumber::assign(&given, first),
            first_number: first,
            earlier,
            source,
            meeting,
            cases,
            profile,
        })
    }
}
