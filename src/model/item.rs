//! One § of a sammanträde as the secretary writes it: its case or its own title, what was
//! proposed (yrkanden), how it was decided (the vote), the decision and what members had
//! recorded (reservations, protokollsanteckningar), and where an appeal goes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use super::ParagraphNumber;
use super::dates;

/// One § of a meeting: an ärende with its case file, or a procedural item with its own
/// title and decision.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The § number (`15`, `"15 a"`); by default the one after the item before; `ingen`:
    /// a point of the agenda that makes no § (`Upprop`, `Mötets öppnande`).
    #[serde(default)]
    pub paragraf: Option<GivenNumber>,
    /// The case file, relative to the meeting file; none for a procedural item.
    #[serde(default)]
    pub ärende: Option<PathBuf>,
    /// The § heading; by default the case's rubrik.
    #[serde(default)]
    pub rubrik: Option<String>,
    /// The dnr of an item without case file; several when it covers several cases
    /// (`[KFN 2024/12, KFN 2024/15]`).
    #[serde(default)]
    pub dnr: Option<Names>,
    /// What the § says of the matter (Markdown); by default the case's sammanfattning.
    #[serde(default)]
    pub beskrivning: Option<String>,
    /// In a protocol of delegeringsbeslut: the point of the delegationsordning the
    /// decision was taken under (`3.2`).
    #[serde(default)]
    pub delegeringspunkt: Option<String>,
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
    /// Who spoke in the debate, in order: "I överläggningen yttrar sig …".
    #[serde(default)]
    pub yttranden: Vec<String>,
    /// Proposals other than the main one, and support for it, in the order they were made.
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
    /// The organ (or organs) the decision proposes to ("Kommunstyrelsen föreslår
    /// kommunfullmäktige …"): a proposal prepares another organ's decision and cannot be
    /// appealed (KL 13 kap. 2 §).
    #[serde(default)]
    pub förslag_till: Option<Names>,
    /// The legal ground, printed after the decision: "Beslutet fattas med stöd av 9 kap.
    /// 31 § plan- och bygglagen."
    #[serde(default)]
    pub lagstöd: Option<String>,
    /// The legal ground of single decision points, by their number, printed after the
    /// point: `2: 6 kap. 6 § KL` makes "… delegationsordningen (6 kap. 6 § KL)."
    #[serde(default)]
    pub lagrum: BTreeMap<usize, String>,
    /// Dealt with behind closed doors at an open meeting.
    #[serde(default)]
    pub stängda_dörrar: bool,
    /// Facts an ärendeförteckning can show in a column of its own; before its case's.
    #[serde(default)]
    pub uppgifter: BTreeMap<String, String>,
    /// The group the ärendeförteckning lists the item under (`Beslutsärenden`,
    /// `Anmälningsärenden`): a heading row before the first item of each group.
    #[serde(default)]
    pub grupp: Option<String>,
    /// A note the kallelse prints after the title in its list of items: `Inga handlingar`,
    /// `Handlingar delas ut vid sammanträdet`, `Myndighetsutövning, inte öppet sammanträde`.
    #[serde(default)]
    pub anmärkning: Option<String>,
    /// The item is struck from the agenda before the meeting, for this reason (a revised
    /// kallelse): listed as struck, without its proposal or its documents. Only before the
    /// meeting: the protocol leaves such an item out.
    #[serde(default)]
    pub utgår: Option<String>,
    /// The agenda point this § is a sub-item of (`Detaljplaner`): the §§ that follow each
    /// other under one huvudpunkt are its sub-items a, b …, each its own § (`21 a`).
    #[serde(default)]
    pub huvudpunkt: Option<String>,
    /// The sub-items a, b … of a point decided in this one §, each with its title and
    /// dnr: the lists print them under the §'s title.
    #[serde(default)]
    pub delpunkter: Vec<SubPoint>,
    /// `false`: the kallelse lists the point without a number (and the points after it
    /// count on without it); for a point without § (`paragraf: ingen`), `true` gives it
    /// one in a kallelse that numbers its points apart from the §§.
    #[serde(default)]
    pub numrerad: Option<bool>,
}

/// A sub-item of a point decided in one §: `a) Detaljplan för Kvarnen 3, BN 2024-0412`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubPoint {
    pub rubrik: String,
    #[serde(default)]
    pub dnr: Option<String>,
}

/// The number an item is given: a § number, or `ingen` for a point that makes no §.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenNumber {
    Paragraph(ParagraphNumber),
    NoParagraph,
}

impl<'de> Deserialize<'de> for GivenNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `ingen`, else a § number read as ParagraphNumber reads it, with its messages.
        struct Given;
        impl Visitor<'_> for Given {
            type Value = GivenNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett paragrafnummer, t.ex. 15 eller \"15 a\", eller `ingen`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<GivenNumber, E> {
                ParagraphNumber::deserialize(v.into_deserializer()).map(GivenNumber::Paragraph)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<GivenNumber, E> {
                ParagraphNumber::deserialize(v.into_deserializer()).map(GivenNumber::Paragraph)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GivenNumber, E> {
                match v.trim() {
                    "ingen" => Ok(GivenNumber::NoParagraph),
                    _ => ParagraphNumber::deserialize(v.into_deserializer())
                        .map(GivenNumber::Paragraph),
                }
            }
        }
        deserializer.deserialize_any(Given)
    }
}

impl JsonSchema for GivenNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "GivenNumber".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = ParagraphNumber::json_schema(generator);
        schemars::json_schema!({ "anyOf": [ number, {"const": "ingen"} ] })
    }
}

impl Item {
    /// Whether the item makes a § in the protocol (not `paragraf: ingen`).
    pub fn makes_paragraph(&self) -> bool {
        self.paragraf != Some(GivenNumber::NoParagraph)
    }

    /// The § number the item gives, if any.
    pub fn given_number(&self) -> Option<ParagraphNumber> {
        match self.paragraf {
            Some(GivenNumber::Paragraph(number)) => Some(number),
            _ => None,
        }
    }

    /// The huvudpunkt the item is a sub-item of, if it names one.
    pub fn head(&self) -> Option<&str> {
        self.huvudpunkt
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
    }

    /// The group the ärendeförteckning lists the item under, if it names one.
    pub fn group(&self) -> Option<&str> {
        self.grupp
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
    }
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

/// A proposal (yrkande) made at the meeting, or a member's support (bifall) for the main
/// proposal, which is no proposal of its own.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// Who made it, by name as in `beslutande`.
    pub av: Names,
    /// What was proposed: `att ärendet återremitteras`, `avslag på förvaltningens förslag`;
    /// for a `bifall`, by default "bifall till" the main proposal.
    #[serde(default)]
    pub yrkande: Option<String>,
    /// Support for the main proposal ("yrkar bifall till arbetsutskottets förslag"): not
    /// counted as a proposal of its own.
    #[serde(default)]
    pub bifall: bool,
    /// Members who concurred: "med instämmande av Eva Berg (V)".
    #[serde(default)]
    pub instämmande: Vec<String>,
}

impl Motion {
    /// What the motion asks for, without a closing full stop: its own words, or for a
    /// bifall without words "bifall till {main}".
    pub fn asks(&self, main: &str) -> String {
        match (&self.yrkande, self.bifall) {
            (Some(words), _) => words.trim().trim_end_matches('.').to_owned(),
            (None, true) => format!("bifall till {main}"),
            (None, false) => String::new(),
        }
    }
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
