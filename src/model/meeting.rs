//! A sammanträde as the secretary writes it: the organ, who took part and for which §§,
//! the justeringar, and the items (§§) in agenda order with what happened in each. What
//! the law asks a protocol to record (KL 5 kap. 67–69 §§, 8 kap. 9–12 §§) is all here as
//! data; how a municipality words and lays it out is the profile's.

use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use super::dates;
use super::{ClockTime, Item, MeetingTime, ParagraphList, Person};

/// A sammanträde: the organ's meeting and its items (§§) in agenda order.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The organ's name: `Socialnämnden`, `Kommunfullmäktige`.
    pub nämnd: String,
    /// What kind of organ it is, when its name does not say (see [`Organ`]).
    #[serde(default)]
    pub organ: Option<Organ>,
    #[serde(deserialize_with = "dates::required")]
    pub datum: NaiveDate,
    /// What the file records: a sammanträde (the default), or `delegeringsbeslut`, the
    /// decisions one person took under the organ's delegation (KL 6 kap. 37 §), kept as a
    /// protocol of their own (6 kap. 40 §) and signed by that person alone.
    #[serde(default)]
    pub slag: MeetingKind,
    /// Who decided, in a protocol of delegeringsbeslut: name and title.
    #[serde(default)]
    pub beslutsfattare: Option<Person>,
    /// Where the meeting stands: `kallelse` before it is held (only the kallelse and the
    /// handlingar are built, nothing is decided yet), `protokoll` (the default) after.
    #[serde(default)]
    pub skede: Stage,
    #[serde(default)]
    pub plats: Option<String>,
    #[serde(default)]
    pub tid: Option<MeetingTime>,
    /// The day the kallelse is sent; by default the meeting's date.
    #[serde(default)]
    #[serde(deserialize_with = "dates::optional")]
    pub kallelsedatum: Option<NaiveDate>,
    /// The protocol's own number in the year: "Protokoll nr 10".
    #[serde(default)]
    pub protokollnummer: Option<u32>,
    /// The protocol's own diarienummer (or process code), when the registry gives one:
    /// printed in its header and carried into the archive package.
    #[serde(default)]
    pub dnr: Option<String>,
    /// Where the § numbering stands at this meeting: its first §, when not § 1 or on from
    /// the year's earlier meetings found beside it.
    #[serde(default)]
    pub första_paragraf: Option<u32>,
    /// The members who serve (tjänstgör), each for the whole meeting or the §§ given.
    #[serde(default)]
    pub beslutande: Vec<Member>,
    /// Ersättare present: serving for a named member in the §§ given, else not serving.
    #[serde(default)]
    pub ersättare: Vec<Member>,
    /// Observers without a seat: from an owner's nämnd at a bolag's styrelse, or from a
    /// party without one, often for named §§.
    #[serde(default)]
    pub observatörer: Vec<Attendee>,
    /// Auditors present: revisorer, lekmannarevisorer.
    #[serde(default)]
    pub revisorer: Vec<Attendee>,
    /// The employees' union representatives (personalföreträdare).
    #[serde(default)]
    pub fackliga_företrädare: Vec<Attendee>,
    /// Others present: officials, invited speakers.
    #[serde(default)]
    pub övriga_närvarande: Vec<Attendee>,
    /// How many ledamöter the organ has: more than half must serve in each § (KL 5 kap.
    /// 57 §, 6 kap. 27 §). Without it, the seats of the roll below, if given.
    #[serde(default)]
    pub platser: Option<u32>,
    /// Ledamöter and ersättare not present, for the whole roll.
    #[serde(default)]
    pub frånvarande: Vec<Absent>,
    /// Seats no one holds: `{parti: M}`, printed "Vakant (M)".
    #[serde(default)]
    pub vakanser: Vec<Vacancy>,
    #[serde(default)]
    pub ordförande: Option<Person>,
    pub sekreterare: Person,
    /// Who justerar with the chair; a justering of its own may name others.
    #[serde(default)]
    pub justerare: Vec<Approver>,
    /// The one justering of a meeting justerad in one piece.
    #[serde(default)]
    pub justering: Option<Approval>,
    /// A meeting justerad in parts: each justering with its §§, justerare and dates.
    #[serde(default)]
    pub justeringar: Vec<ApprovalPart>,
    /// A meeting justerad in parts kept as one protocol (one first page listing each
    /// justering, one ANSLAG/BEVIS with each part's dates) rather than a protocol per
    /// justering; by default as the profile says.
    #[serde(default)]
    pub justeringar_i_ett_protokoll: Option<bool>,
    /// Whether the protocol is justerat with electronic signatures (PAdES, `paragraf sign`
    /// or a signing service) rather than on paper; by default as the profile says.
    #[serde(default)]
    pub digital_justering: Option<bool>,
    /// The notice on the anslagstavla that the protocol is justerat.
    #[serde(default)]
    pub anslag: Option<Notice>,
    /// The certification under an extract; the municipality's own wording.
    #[serde(default)]
    pub utdragsbestyrkande: Option<String>,
    /// Personal data in the meeting's own text, left out of the web copy.
    #[serde(default)]
    pub personuppgifter: Vec<String>,
    /// The items in agenda order as read; once read, the §§ alone: the points without §
    /// are moved to `points_without_paragraph`.
    pub paragrafer: Vec<Item>,
    /// The points of the agenda that make no § (`paragraf: ingen`), each with its place in
    /// `paragrafer` as written: only the kallelse lists them.
    #[serde(skip)]
    pub points_without_paragraph: Vec<(usize, Item)>,
    /// The place in `paragrafer` as written of each §: what a field path names it by.
    #[serde(skip)]
    pub written_at: Vec<usize>,
}

impl Meeting {
    /// Those present without a seat, group by group in the order the protocol lists
    /// them, each with its key: they may speak, but never serve, vote, propose, reserve
    /// themselves or justera.
    pub fn non_members(&self) -> [(&'static str, &[Attendee]); 4] {
        [
            ("observatörer", &self.observatörer),
            ("revisorer", &self.revisorer),
            ("fackliga_företrädare", &self.fackliga_företrädare),
            ("övriga_närvarande", &self.övriga_närvarande),
        ]
    }

    /// The meeting as read, its points without § taken out of the §§.
    pub fn with_points_apart(mut self) -> Self {
        let items = std::mem::take(&mut self.paragrafer);
        for (place, item) in items.into_iter().enumerate() {
            if item.makes_paragraph() {
                self.written_at.push(place);
                self.paragrafer.push(item);
            } else {
                self.points_without_paragraph.push((place, item));
            }
        }
        self
    }

    /// The field path of the § at `index` (among the §§): `paragrafer[3]`, by its place as
    /// written.
    pub fn item_path(&self, index: usize) -> String {
        let place = self.written_at.get(index).copied().unwrap_or(index);
        format!("paragrafer[{place}]")
    }

    /// The § numbers of the meeting, from `first` on: a given number wins, the others
    /// count on; the §§ under one huvudpunkt share a number with letters a, b ….
    pub fn numbers(&self, first: u32) -> Vec<super::ParagraphNumber> {
        let given: Vec<_> = (self.paragrafer.iter())
            .map(|item| (item.given_number(), item.head()))
            .collect();
        super::ParagraphNumber::assign(&given, first)
    }
    /// Every prose (Markdown) field of the meeting, with its path.
    pub fn prose_fields(&self) -> Vec<(String, &str)> {
        let mut fields = Vec::new();
        let points = self
            .points_without_paragraph
            .iter()
            .map(|(place, item)| (*place, item));
        let items = self
            .paragrafer
            .iter()
            .enumerate()
            .map(|(i, item)| (self.written_at.get(i).copied().unwrap_or(i), item));
        for (place, item) in items.chain(points) {
            let at = |name: String| format!("paragrafer[{place}].{name}");
            let texts = [
                ("beskrivning", &item.beskrivning),
                ("beslutsgång", &item.beslutsgång),
            ];
            for (name, text) in texts {
                if let Some(text) = text {
                    fields.push((at(name.to_owned()), text.as_str()));
                }
            }
            for (j, preparation) in item.beredning.iter().enumerate() {
                if let Some(text) = &preparation.beslutsgång {
                    fields.push((at(format!("beredning[{j}].beslutsgång")), text));
                }
            }
            for (j, reservation) in item.reservationer.iter().enumerate() {
                if let Some(text) = &reservation.motivering {
                    fields.push((at(format!("reservationer[{j}].motivering")), text));
                }
            }
            for (j, note) in item.protokollsanteckningar.iter().enumerate() {
                fields.push((at(format!("protokollsanteckningar[{j}].text")), &note.text));
            }
        }
        fields
    }
}

/// The kind of organ and how sentences name it, when the name alone does not tell.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organ {
    #[serde(default)]
    pub typ: Option<OrganKind>,
    /// How running text names it, in the definite form: `nämnden`, `fullmäktige`,
    /// `kommunstyrelsen`, `arbetsutskottet`.
    #[serde(default)]
    pub kortform: Option<String>,
    /// The organ an utskott or beredning belongs to: `Kommunstyrelsen`.
    #[serde(default)]
    pub moderorgan: Option<String>,
    /// The host municipality of a gemensam nämnd.
    #[serde(default)]
    pub värdkommun: Option<String>,
    /// The municipalities (or regions) that share a gemensam nämnd, the host included.
    #[serde(default)]
    pub samverkande: Vec<String>,
}

/// A sammanträde of the organ, or one person's decisions under its delegation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum MeetingKind {
    /// The organ met and decided together.
    #[default]
    #[serde(rename = "sammanträde")]
    Sitting,
    /// One beslutsfattare decided under the organ's delegation: no attendance, justerare
    /// or beslutsgång; the protocol is justerat by the beslutsfattare alone.
    #[serde(rename = "delegeringsbeslut")]
    Delegation,
}

/// A meeting before it is held, or after: what its YAML can record and what is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Stage {
    /// Being prepared: the kallelse and the handlingar; no decisions, attendance or
    /// justering yet.
    #[serde(rename = "kallelse")]
    Agenda,
    /// Held: the protocol, its extracts and anslag, besides the kallelse.
    #[default]
    #[serde(rename = "protokoll")]
    Minutes,
}

impl Stage {
    /// The stage as the YAML names it.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Agenda => "kallelse",
            Stage::Minutes => "protokoll",
        }
    }
}

/// The kinds of organ Kommunallagen knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum OrganKind {
    #[serde(rename = "fullmäktige")]
    Assembly,
    #[serde(rename = "styrelse")]
    Board,
    #[serde(rename = "nämnd")]
    Committee,
    #[serde(rename = "utskott")]
    Subcommittee,
    #[serde(rename = "gemensam_nämnd")]
    JointCommittee,
    #[serde(rename = "beredning")]
    Preparatory,
}

/// A member at a meeting: a ledamot, or an ersättare serving for one (`ersätter`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub namn: String,
    #[serde(default)]
    pub parti: Option<String>,
    /// `ordförande`, `vice ordförande`; empty for a ledamot.
    #[serde(default)]
    pub roll: Option<String>,
    /// For a serving ersättare: the member replaced, or `vakant` for a vacant seat.
    #[serde(default)]
    pub ersätter: Option<String>,
    /// The §§ served, when not the whole meeting: `§§ 3–7`.
    #[serde(default)]
    pub paragrafer: Option<ParagraphList>,
    /// §§ not served within those: `§ 9`.
    #[serde(default)]
    pub ej_paragrafer: Option<ParagraphList>,
    /// A note after the name: `från kl. 14.10`.
    #[serde(default)]
    pub anteckning: Option<String>,
    /// Taking part at a distance (KL 5 kap. 16 §, 6 kap. 24 §): `true` for the whole
    /// meeting, or the §§ (`§§ 3–5`). Counts as presence, for beslutförhet too.
    #[serde(default)]
    pub distans: Remote,
    /// When they arrived after the start: `18.25`.
    #[serde(default)]
    pub kom: Option<ClockTime>,
    /// When they left before the end: `20.10`.
    #[serde(default)]
    pub gick: Option<ClockTime>,
    /// The § during which they left, before its decision (`§ 5`): present while it was
    /// discussed, serving neither in its decision nor after it.
    #[serde(default)]
    pub gick_före_beslutet: Option<ParagraphList>,
    /// In a gemensam nämnd: the municipality that elected them (`Norrby`), one of the
    /// organ's `samverkande`; the organ's roll gives it when it keeps one.
    #[serde(default)]
    pub kommun: Option<String>,
    /// In a fullmäktige elected in several valkretsar: theirs (`Norra`); the organ's roll
    /// gives it when it keeps one. An ersättare serves only for a ledamot of their own.
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// Whether someone takes part at a distance ("deltar på distans", "via länk"): not, the
/// whole meeting, or in the §§ given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Remote {
    #[default]
    No,
    Whole,
    Paragraphs(ParagraphList),
}

impl<'de> Deserialize<'de> for Remote {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Remote;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true` (hela sammanträdet) eller paragrafer, t.ex. \"§§ 3–5\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Remote, E> {
                Ok(if v { Remote::Whole } else { Remote::No })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Remote, E> {
                ParagraphList::deserialize(v.into_deserializer()).map(Remote::Paragraphs)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Remote, E> {
                ParagraphList::deserialize(v.into_deserializer()).map(Remote::Paragraphs)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Remote, E> {
                ParagraphList::deserialize(v.into_deserializer()).map(Remote::Paragraphs)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

impl JsonSchema for Remote {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Remote".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let paragraphs = generator.subschema_for::<ParagraphList>();
        schemars::json_schema!({ "anyOf": [{"type": "boolean"}, paragraphs] })
    }
}

/// A ledamot or ersättare not present.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absent {
    pub namn: String,
    #[serde(default)]
    pub parti: Option<String>,
    /// An ersättare (else a ledamot).
    #[serde(default)]
    pub ersättare: bool,
    /// Their valkrets, as `beslutande` gives it.
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// A seat no one holds.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// The party the seat belongs to.
    #[serde(default)]
    pub parti: Option<String>,
    /// The valkrets the seat belongs to, as `beslutande` gives it.
    #[serde(default)]
    pub valkrets: Option<String>,
}

/// What `ersätter` says of an ersättare serving in a seat no one holds.
pub const VACANT: &str = "vakant";

/// Someone present who is not a member: an official, a speaker.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub namn: String,
    #[serde(default)]
    pub titel: Option<String>,
    /// The §§ attended, when not the whole meeting: `§§ 15–16`.
    #[serde(default)]
    pub paragrafer: Option<String>,
}

/// A justerare, and who justerar in their place if they cannot.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approver {
    pub namn: String,
    #[serde(default)]
    pub titel: Option<String>,
    /// The stand-in: "Bo Ström med Lisa Ek som ersättare".
    #[serde(default)]
    pub ersättare: Option<String>,
}

/// When and where a protocol justerat in one piece is justerat.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    #[serde(deserialize_with = "dates::required")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub tid: Option<ClockTime>,
    #[serde(default)]
    pub plats: Option<String>,
}

/// One justering of a meeting justerad in parts: its own §§, justerare, date and anslag.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalPart {
    /// `omedelbart` (the §§ marked `omedelbar_justering`) or a list of §§; left out, every
    /// § no other justering takes.
    #[serde(default)]
    pub paragrafer: Option<PartParagraphs>,
    /// By default the meeting's `justerare`.
    #[serde(default)]
    pub justerare: Option<Vec<Approver>>,
    /// Who signs as chair; by default the meeting's `ordförande`.
    #[serde(default)]
    pub ordförande: Option<Person>,
    #[serde(deserialize_with = "dates::required")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub tid: Option<ClockTime>,
    #[serde(default)]
    pub plats: Option<String>,
    /// The day this part's anslag is posted; by default the day of the justering.
    #[serde(default)]
    #[serde(deserialize_with = "dates::optional")]
    pub anslag: Option<NaiveDate>,
}

/// The §§ of a justering: those justerade at the meeting, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartParagraphs {
    Immediate,
    List(ParagraphList),
}

impl<'de> Deserialize<'de> for PartParagraphs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Parts;
        impl<'de> Visitor<'de> for Parts {
            type Value = PartParagraphs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("paragrafer, t.ex. \"§§ 3–7, 9\" eller 12, eller `omedelbart`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartParagraphs, E> {
                if v.trim() == "omedelbart" {
                    return Ok(PartParagraphs::Immediate);
                }
                list(v.into_deserializer())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartParagraphs, E> {
                list(v.into_deserializer())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartParagraphs, E> {
                list(v.into_deserializer())
            }
        }
        /// The list, its message naming `omedelbart` too.
        fn list<'de, E: de::Error>(
            d: impl Deserializer<'de, Error = E>,
        ) -> Result<PartParagraphs, E> {
            ParagraphList::deserialize(d)
                .map(PartParagraphs::List)
                .map_err(|e| E::custom(format!("{e}, eller `omedelbart`")))
        }
        deserializer.deserialize_any(Parts)
    }
}

impl JsonSchema for PartParagraphs {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartParagraphs".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let list = generator.subschema_for::<ParagraphList>();
        schemars::json_schema!({ "anyOf": [ {"const": "omedelbart"}, list ] })
    }
}

/// The anslag: where the protocol is kept and, for a protocol justerat in one piece, the
/// day the notice is posted.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The day it is posted; by default the day of justering.
    #[serde(default)]
    #[serde(deserialize_with = "dates::optional")]
    pub datum: Option<NaiveDate>,
    /// Where the justerat protocol is kept (förvaringsplats).
    pub förvaringsplats: String,
}

impl fmt::Display for OrganKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrganKind::Assembly => "fullmäktige",
            OrganKind::Board => "styrelse",
            OrganKind::Committee => "nämnd",
            OrganKind::Subcommittee => "utskott",
            OrganKind::JointCommittee => "gemensam_nämnd",
            OrganKind::Preparatory => "beredning",
        })
    }
}
