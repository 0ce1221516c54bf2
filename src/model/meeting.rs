//! A sammanträde as the secretary writes it: the organ, who took part and for which §§,
//! the justeringar, and the items (§§) in agenda order with what happened in each. What
//! the law asks a protocol to record (KL 5 kap. 67–69 §§, 8 kap. 9–12 §§) is all here as
//! data; how a municipality words and lays it out is the profile's.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use super::dates;
use super::{ClockTime, MeetingTime, ParagraphList, ParagraphNumber, Person};

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
    pub justerare: Vec<Adjuster>,
    /// The one justering of a meeting justerad in one piece.
    #[serde(default)]
    pub justering: Option<Adjustment>,
    /// A meeting justerad in parts: each justering with its §§, justerare and dates.
    #[serde(default)]
    pub justeringar: Vec<AdjustmentPart>,
    /// The notice on the anslagstavla that the protocol is justerat.
    #[serde(default)]
    pub anslag: Option<Notice>,
    /// The certification under an extract; the municipality's own wording.
    #[serde(default)]
    pub utdragsbestyrkande: Option<String>,
    /// Personal data in the meeting's own text, left out of the web copy.
    #[serde(default)]
    pub personuppgifter: Vec<String>,
    pub paragrafer: Vec<Item>,
}

impl Meeting {
    /// Every prose (Markdown) field of the meeting, with its path.
    pub fn prose_fields(&self) -> Vec<(String, &str)> {
        let mut fields = Vec::new();
        for (i, item) in self.paragrafer.iter().enumerate() {
            let at = |name: String| format!("paragrafer[{i}].{name}");
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
}

/// A seat no one holds.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// The party the seat belongs to.
    #[serde(default)]
    pub parti: Option<String>,
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
pub struct Adjuster {
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
pub struct Adjustment {
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
pub struct AdjustmentPart {
    /// `omedelbart` (the §§ marked `omedelbar_justering`) or a list of §§; left out, every
    /// § no other justering takes.
    #[serde(default)]
    pub paragrafer: Option<PartParagraphs>,
    /// By default the meeting's `justerare`.
    #[serde(default)]
    pub justerare: Option<Vec<Adjuster>>,
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

/// One § of a meeting: an ärende with its case file, or a procedural item with its own
/// title and decision.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The § number (`15`, `"15 a"`); by default the one after the item before.
    #[serde(default)]
    pub paragraf: Option<ParagraphNumber>,
    /// The case file, relative to the meeting file; none for a procedural item.
    #[serde(default)]
    pub ärende: Option<PathBuf>,
    /// The § heading; by default the case's rubrik.
    #[serde(default)]
    pub rubrik: Option<String>,
    /// The dnr of an item without case file.
    #[serde(default)]
    pub dnr: Option<String>,
    /// What the § says of the matter (Markdown); by default the case's sammanfattning.
    #[serde(default)]
    pub beskrivning: Option<String>,
    /// The decision; by default the proposal (the beredning's, else the case's).
    #[serde(default)]
    pub beslut: Option<Decision>,
    /// Replaces the beslutsgång written from what happened.
    #[serde(default)]
    pub beslutsgång: Option<String>,
    #[serde(default)]
    pub omedelbar_justering: bool,
    /// Who receives the extract.
    #[serde(default)]
    pub expediering: Vec<String>,
    /// The item is secret (OSL): its documents are left out of the web copy.
    #[serde(default)]
    pub sekretess: bool,
    /// An informationsärende: the organ takes note, nothing is decided.
    #[serde(default)]
    pub information: bool,
    /// Whose the main proposal is: `förvaltningen`, `kommunstyrelsen`, `ordföranden`; by
    /// default the last organ of the beredning, else the förvaltning (with a case).
    #[serde(default)]
    pub förslagsställare: Option<String>,
    /// The organs that prepared the matter, in order: their proposal and record.
    #[serde(default)]
    pub beredning: Vec<Preparation>,
    /// Who chairs this §, when not the meeting's chair (the ordförande is jäv).
    #[serde(default)]
    pub ordförande: Option<String>,
    /// Proposals other than the main one, in the order they were made.
    #[serde(default)]
    pub yrkanden: Vec<Motion>,
    /// A roll-call vote between two proposals.
    #[serde(default)]
    pub omröstning: Option<Vote>,
    #[serde(default)]
    pub reservationer: Vec<Reservation>,
    #[serde(default)]
    pub protokollsanteckningar: Vec<MinuteNote>,
    /// Members who declared themselves disqualified (jäv) and left the item.
    #[serde(default)]
    pub jäv: Vec<String>,
    /// How the decision is appealed: by laglighetsprövning (the default), by
    /// förvaltningsbesvär under a special law, or not at all.
    #[serde(default)]
    pub överklagande: Option<Appeal>,
    /// The legal ground, printed after the decision: "Beslutet fattas med stöd av 9 kap.
    /// 31 § plan- och bygglagen."
    #[serde(default)]
    pub lagstöd: Option<String>,
    /// Dealt with behind closed doors at an open meeting.
    #[serde(default)]
    pub stängda_dörrar: bool,
    /// Facts an ärendeförteckning can show in a column of its own; before its case's.
    #[serde(default)]
    pub uppgifter: BTreeMap<String, String>,
}

/// How a decision is appealed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appeal {
    pub sätt: AppealRoute,
    /// Where a förvaltningsbesvär is heard: `Länsstyrelsen i Ekby län`,
    /// `Förvaltningsrätten i Ekby`.
    #[serde(default)]
    pub instans: Option<String>,
    /// The law that gives the right to appeal: `13 kap. 3 § plan- och bygglagen (2010:900)`.
    #[serde(default)]
    pub lagrum: Option<String>,
}

/// The ways a decision can be appealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum AppealRoute {
    /// Laglighetsprövning (KL 13 kap.): any member of the municipality, from the anslag.
    #[serde(rename = "laglighetsprövning")]
    Lawfulness,
    /// Förvaltningsbesvär under a special law: the party, from when it was told.
    #[serde(rename = "förvaltningsbesvär")]
    Administrative,
    /// Not appealable.
    #[serde(rename = "inget")]
    None,
}

impl AppealRoute {
    /// The route as the YAML names it.
    pub fn key(self) -> &'static str {
        match self {
            AppealRoute::Lawfulness => "laglighetsprövning",
            AppealRoute::Administrative => "förvaltningsbesvär",
            AppealRoute::None => "inget",
        }
    }
}

/// An organ's handling of the matter before this one: its proposal and, as a record, its
/// yrkanden and beslutsgång.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Preparation {
    /// `Kommunstyrelsen`, `Kommunstyrelsens arbetsutskott`.
    pub organ: String,
    #[serde(default)]
    #[serde(deserialize_with = "dates::optional")]
    pub datum: Option<NaiveDate>,
    /// The § there, as that organ numbers it: `KS § 45`.
    #[serde(default)]
    pub paragraf: Option<String>,
    /// Its proposal to this organ, point by point.
    pub förslag: Vec<String>,
    /// Yrkanden made there, for the record.
    #[serde(default)]
    pub yrkanden: Vec<Motion>,
    /// How it was decided there (Markdown), for the record.
    #[serde(default)]
    pub beslutsgång: Option<String>,
}

/// One name, or several: `av: Bo Ström` or `av: [Bo Ström, Lisa Ek]`.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Many(Vec<String>),
}

impl Names {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Names::One(name) => vec![name.as_str()],
            Names::Many(names) => names.iter().map(String::as_str).collect(),
        }
    }

    /// The field path of the `i`th name under `field`.
    pub fn field(&self, field: &str, i: usize) -> String {
        match self {
            Names::One(_) => field.to_owned(),
            Names::Many(_) => format!("{field}[{i}]"),
        }
    }
}

/// A proposal (yrkande) made at the meeting.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// Who made it, by name as in `beslutande`.
    pub av: Names,
    /// What was proposed: `att ärendet återremitteras`, `avslag på förvaltningens förslag`.
    pub yrkande: String,
}

/// A roll-call vote: what ja and nej stand for, and how each member voted.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// What a ja-röst is for: `förvaltningens förslag`.
    pub ja: String,
    /// What a nej-röst is for: `Bo Ströms yrkande`.
    pub nej: String,
    pub röster: Ballots,
}

/// The members by how they voted; one side may be `övriga`: everyone else serving.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ballots {
    #[serde(default)]
    pub ja: BallotSide,
    #[serde(default)]
    pub nej: BallotSide,
    #[serde(default)]
    pub avstår: BallotSide,
}

/// The members on one side of a vote: named, or `övriga` (the others serving).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotSide {
    Named(Vec<String>),
    Rest,
}

impl Default for BallotSide {
    fn default() -> Self {
        BallotSide::Named(Vec::new())
    }
}

impl BallotSide {
    /// The names written, none for `övriga`.
    pub fn named(&self) -> &[String] {
        match self {
            BallotSide::Named(names) => names,
            BallotSide::Rest => &[],
        }
    }
}

impl<'de> Deserialize<'de> for BallotSide {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Side;
        impl<'de> Visitor<'de> for Side {
            type Value = BallotSide;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en lista med namn, eller `övriga`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<BallotSide, E> {
                match v.trim() {
                    "övriga" => Ok(BallotSide::Rest),
                    _ => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<BallotSide, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(BallotSide::Named)
            }
        }
        deserializer.deserialize_any(Side)
    }
}

impl JsonSchema for BallotSide {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BallotSide".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [ {"type": "array", "items": {"type": "string"}}, {"const": "övriga"} ]
        })
    }
}

/// A reservation against the decision: by members, or by the members of party groups.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reservation {
    #[serde(default)]
    pub av: Option<Names>,
    /// Party groups whose serving members reserve themselves together: `[V, C]`.
    #[serde(default)]
    pub partier: Vec<String>,
    /// The proposal reserved for: `eget yrkande`.
    #[serde(default)]
    pub till_förmån_för: Option<String>,
    /// Written grounds (Markdown), printed with the §.
    #[serde(default)]
    pub motivering: Option<String>,
}

/// A protokollsanteckning: a statement entered in the minutes, by members present or
/// party groups.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinuteNote {
    #[serde(default)]
    pub av: Option<Names>,
    #[serde(default)]
    pub partier: Vec<String>,
    /// Markdown.
    pub text: String,
}

/// How the decision differs from the proposal.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum Decision {
    /// Every point, written out.
    Points(Vec<String>),
    /// Only the reworded points, by their number: `3: Paragrafen justeras omedelbart.`
    Reworded(BTreeMap<usize, String>),
}

// Names and Decision take their form from the node's shape, so that an error inside a
// form is that error (with its place), and a wrong shape says which forms go here.
impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett namn eller en lista med namn")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Names, E> {
                Ok(Names::One(v.to_owned()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Names, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Names::Many)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

impl<'de> Deserialize<'de> for Decision {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Decision;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "en lista med beslutspunkter, eller bara de omformulerade punkterna efter nummer (`3: …`)",
                )
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Decision, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Decision::Points)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Decision, A::Error> {
                BTreeMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Decision::Reworded)
            }
        }
        deserializer.deserialize_any(Form)
    }
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
