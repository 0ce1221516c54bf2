//! The profile: what differs between municipalities and förvaltningar without a change of
//! code. Name, logo, address line, headings, fixed wordings, § numbering, dnr pattern and
//! how dates are written, from `profil.yaml` in the nämnd's folder (or the case's own).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::SourceFile;
use super::files::folder_of;
use super::image::check_image;
use super::keys::{Schema, fields_of};
use super::layout::{
    FooterLabels, ItemListLayout, NoticeForm, NoticeLabels, NoticeLayout, ParagraphLayout,
    ParagraphPart, StatementLabels, StatementLayout,
};
use crate::error::{Error, Problem, Result};

mod checks;
use checks::{colour_problem, unknown_columns, unknown_placeholders, unlawful};

/// The file name of a profile; never read as a case.
pub const PROFILE_FILE: &str = "profil.yaml";

/// The largest logo read: a municipal logo is a few kB of SVG or a small PNG.
const MAX_LOGO_BYTES: u64 = 1 << 20;

pub(super) const PROFILE_SCHEMA: Schema = &[
    ("", fields_of::<Profile>),
    ("logotyp", fields_of::<Logo>),
    ("rubriker", fields_of::<Headings>),
    ("formuleringar", fields_of::<Wordings>),
    ("paragraf", fields_of::<ParagraphLayout>),
    ("anslag", fields_of::<NoticeLayout>),
    ("anslag.etiketter", fields_of::<NoticeLabels>),
    ("sidfot", fields_of::<FooterLabels>),
    ("tjänsteskrivelse", fields_of::<StatementLayout>),
    ("tjänsteskrivelse.etiketter", fields_of::<StatementLabels>),
];

/// A municipality's or förvaltning's profile. Every key may be left out; what is left out
/// is the built-in wording (Stockholm's, from the seeds).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The municipality, above the issuer on the first page: `Stockholms stad`.
    #[serde(default)]
    pub kommun: Option<String>,
    /// Whether the organs are a municipality's or a region's: who may appeal.
    #[serde(default)]
    pub huvudman: Principal,
    #[serde(default)]
    pub logotyp: Option<Logo>,
    /// A line at the foot of every page: web address, postal address, telephone.
    #[serde(default)]
    pub adressrad: Option<String>,
    /// The colour of the published web pages' header band, behind white text: `#1d3f6e`.
    #[serde(default)]
    pub färg: Option<String>,
    /// A regular expression every dnr must match, e.g. `^\d+\.\d+-\d+/\d{4}$`.
    #[serde(default)]
    pub dnr_mönster: Option<String>,
    /// How §§ are numbered when an item gives no number.
    #[serde(default)]
    pub paragrafnumrering: Numbering,
    /// The organ's prefix before the § sign, as in "SN § 13".
    #[serde(default)]
    pub paragrafprefix: Option<String>,
    /// How dates are written in headers and dated lines.
    #[serde(default)]
    pub datumformat: DateStyle,
    /// How the meeting's date is written in running text ("Plats och tid", the kallelse).
    #[serde(default)]
    pub löptextdatum: RunningDateStyle,
    /// Where the protocol lists who attended: on its first page, in a närvaro- och
    /// omröstningsbilaga, or the bilaga only when the list is long.
    #[serde(default)]
    pub närvarolista: RollPlacement,
    /// The whole roll: ledamöter and ersättare not present, and vacant seats, too.
    #[serde(default)]
    pub hela_närvarolistan: bool,
    #[serde(default)]
    pub rubriker: Headings,
    #[serde(default)]
    pub formuleringar: Wordings,
    /// How a § is laid out.
    #[serde(default)]
    pub paragraf: ParagraphLayout,
    /// How the ANSLAG/BEVIS and the anslag read.
    #[serde(default)]
    pub anslag: NoticeLayout,
    /// The boxes at the foot of a protocol's pages.
    #[serde(default)]
    pub sidfot: FooterLabels,
    /// How the förvaltning's document is headed and signed.
    #[serde(default)]
    pub tjänsteskrivelse: StatementLayout,
    /// The list of a meeting's §§ in the kallelse and the protocol.
    #[serde(default)]
    pub ärendeförteckning: ItemListLayout,
}

/// The logo: an image file beside the profile, and its text for screen readers (PDF/UA).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// PNG, JPEG or SVG, relative to the profile's folder.
    pub fil: PathBuf,
    pub alt: String,
}

/// Section headings that are the same in every document of the profile.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Headings {
    /// Over the proposal in a tjänsteutlåtande.
    #[serde(rename(serialize = "proposal"))]
    pub förslag_till_beslut: String,
    #[serde(rename(serialize = "summary"))]
    pub sammanfattning: String,
    #[serde(rename(serialize = "attachments"))]
    pub bilagor: String,
    /// Over the matter of a § in the protocol.
    #[serde(rename(serialize = "matter"))]
    pub ärendet: String,
    /// Over how the decision was reached.
    #[serde(rename(serialize = "procedure"))]
    pub beslutsgång: String,
    #[serde(rename(serialize = "distribution"))]
    pub expediering: String,
    /// Over the decision of a §: `{organnamns} beslut`, `Beslut`.
    #[serde(rename(serialize = "decision"))]
    pub beslut: String,
    /// Over a §'s reservations, when they have a heading of their own.
    #[serde(rename(serialize = "reservations"))]
    pub reservationer: String,
    /// Over a protokollsanteckning.
    #[serde(rename(serialize = "note"))]
    pub protokollsanteckning: String,
    /// Over who receives the decision, at the end of the förvaltning's document.
    #[serde(rename(serialize = "sent_to"))]
    pub beslutet_sänds_till: String,
    /// Over the fee a decision charges.
    #[serde(rename(serialize = "fee"))]
    pub avgift: String,
    /// Over the notes to the sökande that are not part of the decision.
    #[serde(rename(serialize = "notices"))]
    pub upplysningar: String,
    /// Over the instructions on how to appeal, with an extract to a party.
    #[serde(rename(serialize = "appeal"))]
    pub hur_man_överklagar: String,
}

impl Headings {
    /// Every heading by its key, in the order of the file.
    pub fn entries(&self) -> [(&'static str, &str); 13] {
        [
            ("förslag_till_beslut", &self.förslag_till_beslut),
            ("sammanfattning", &self.sammanfattning),
            ("bilagor", &self.bilagor),
            ("ärendet", &self.ärendet),
            ("beslutsgång", &self.beslutsgång),
            ("expediering", &self.expediering),
            ("beslut", &self.beslut),
            ("reservationer", &self.reservationer),
            ("protokollsanteckning", &self.protokollsanteckning),
            ("beslutet_sänds_till", &self.beslutet_sänds_till),
            ("avgift", &self.avgift),
            ("upplysningar", &self.upplysningar),
            ("hur_man_överklagar", &self.hur_man_överklagar),
        ]
    }
}

impl Default for Headings {
    fn default() -> Self {
        Headings {
            förslag_till_beslut: "Förvaltningens förslag till beslut".into(),
            sammanfattning: "Sammanfattning".into(),
            bilagor: "Bilagor".into(),
            ärendet: "Ärendet".into(),
            beslutsgång: "Beslutsgång".into(),
            expediering: "Expediering".into(),
            beslut: "{organnamns} beslut".into(),
            reservationer: "Reservationer".into(),
            protokollsanteckning: "Protokollsanteckning".into(),
            beslutet_sänds_till: "Beslutet sänds till".into(),
            avgift: "Avgift".into(),
            upplysningar: "Upplysningar".into(),
            hur_man_överklagar: "Hur man överklagar".into(),
        }
    }
}

/// The fixed sentences of the meeting's documents. The beslutsgång sentences take values
/// in braces (`{ledamot}`); [`Wordings::PLACEHOLDERS`] lists which each may use.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Wordings {
    /// Certifies an extract, above the secretary's name; a meeting may word it its own way.
    #[serde(rename(serialize = "certification"))]
    pub utdragsbestyrkande: String,
    /// Above the secretary's signature.
    #[serde(rename(serialize = "for_the_minutes"))]
    pub vid_protokollet: String,
    /// The beslutsgång of an item with one proposal, unless the item words its own.
    #[serde(rename(serialize = "procedure"))]
    pub beslutsgång: String,
    /// What the nämnd does with an informationsärende.
    #[serde(rename(serialize = "information"))]
    pub information: String,
    /// Members who declared jäv: `{ledamöter}`.
    #[serde(rename(serialize = "disqualified"))]
    pub jäv: String,
    /// A proposal made at the meeting: `{ledamot}`, `{yrkande}`.
    #[serde(rename(serialize = "motion"))]
    pub yrkande: String,
    /// The proposals before the nämnd: `{antal}`, `{förslag}`.
    #[serde(rename(serialize = "proposals"))]
    pub förslagen: String,
    /// The chair puts the proposals against each other: `{förslag}` (the one found).
    #[serde(rename(serialize = "putting_the_question"))]
    pub proposition: String,
    /// A vote is asked for; the order of the vote: `{ja}`, `{nej}`.
    #[serde(rename(serialize = "vote_called"))]
    pub votering: String,
    /// The count: `{ja}`, `{nej}` (as "4 ja-röster"), `{avstår}` (", 1 ledamot avstår").
    #[serde(rename(serialize = "vote_result"))]
    pub omröstningsresultat: String,
    /// A tie, decided by the chair's casting vote.
    #[serde(rename(serialize = "casting_vote"))]
    pub utslagsröst: String,
    /// What the nämnd has decided after a vote: `{förslag}`.
    #[serde(rename(serialize = "decided"))]
    pub beslutat: String,
    /// A reservation: `{ledamot}`.
    #[serde(rename(serialize = "reservation"))]
    pub reservation: String,
    /// A reservation with written grounds (printed as a bilaga): `{ledamot}`, `{förmån}`.
    #[serde(rename(serialize = "written_reservation"))]
    pub skriftlig_reservation: String,
    /// Who chairs a § in the chair's place: `{ledamot}`.
    #[serde(rename(serialize = "acting_chair"))]
    pub tjänstgörande_ordförande: String,
    /// A party group acting together: `{partier}` (`(V) och (C)`).
    #[serde(rename(serialize = "group"))]
    pub grupp: String,
    /// The sentence after the matter of a § that names the förvaltning's document:
    /// `{förvaltning}`, `{avdelning}`, `{handling}` ("ett tjänsteutlåtande daterat 6 mars
    /// 2015"), `{datum}`. Empty: left out.
    #[serde(rename(serialize = "reported"))]
    pub redovisat: String,
    /// The line above decision points set out as att-satser: "Kommunfullmäktige beslutar".
    #[serde(rename(serialize = "decides"))]
    pub beslutar: String,
    /// The anslag on laglighetsprövning: `{medlem}` (`kommunen`), `{paragrafer}`,
    /// `{sista_dag}`.
    #[serde(rename(serialize = "lawfulness"))]
    pub laglighetsprövning: String,
    /// The anslag on §§ appealed by förvaltningsbesvär: `{paragrafer}`.
    #[serde(rename(serialize = "own_route"))]
    pub förvaltningsbesvär: String,
    /// The anslag on §§ that cannot be appealed: `{paragrafer}`.
    #[serde(rename(serialize = "no_appeal"))]
    pub ej_överklagbart: String,
    /// The överklagandehänvisning of an extract to a party of a förvaltningsbesvär
    /// decision: `{instans}`, `{lagrum}`, `{paragraf}`, `{sammanträdesdatum}`.
    #[serde(rename(serialize = "appeal_instructions"))]
    pub överklagandehänvisning: String,
}

impl Default for Wordings {
    fn default() -> Self {
        Wordings {
            utdragsbestyrkande: "Rätt utdraget intygar".into(),
            vid_protokollet: "Vid protokollet".into(),
            beslutsgång: "Ordföranden konstaterar att det finns ett förslag till beslut och det \
                är {förslagsställare}. Ordföranden finner att {organ} beslutar enligt {huvudförslag}."
                .into(),
            information: "{Organ} tar del av informationen.".into(),
            jäv: "{ledamöter} anmäler jäv och deltar inte i handläggningen av ärendet.".into(),
            yrkande: "{ledamot} yrkar {yrkande}.".into(),
            förslagen: "Ordföranden konstaterar att det finns {antal} förslag till beslut: {förslag}."
                .into(),
            proposition: "Ordföranden ställer förslagen mot varandra och finner att {organ} \
                beslutar enligt {förslag}."
                .into(),
            votering: "Votering begärs. {Organ} godkänner följande propositionsordning: \
                Ja-röst för {ja}. Nej-röst för {nej}."
                .into(),
            omröstningsresultat: "Omröstningen utfaller med {ja} mot {nej}{avstår}.".into(),
            utslagsröst: "Rösterna är lika och ordföranden använder sin utslagsröst.".into(),
            beslutat: "{Organ} har därmed beslutat enligt {förslag}.".into(),
            reservation: "{ledamot} reserverar sig mot beslutet{förmån}.".into(),
            skriftlig_reservation: "{ledamot} reserverar sig mot beslutet{förmån} med en \
                skriftlig reservation, se bilaga."
                .into(),
            tjänstgörande_ordförande: "{ledamot} är ordförande under paragrafen.".into(),
            grupp: "ledamöterna från {partier}".into(),
            redovisat: "Förvaltningen hade redovisat ärendet i {handling}.".into(),
            beslutar: "{organnamn} beslutar".into(),
            laglighetsprövning: "Den som är medlem i {medlem} kan överklaga {organs} beslut i \
                {paragrafer} genom laglighetsprövning enligt 13 kap. kommunallagen. \
                Överklagandet ska ha kommit in till förvaltningsrätten senast den {sista_dag}, \
                tre veckor från den dag då justeringen tillkännagavs på anslagstavlan."
                .into(),
            förvaltningsbesvär: "Beslut i {paragrafer} överklagas av den som beslutet angår \
                genom förvaltningsbesvär; hur det går till framgår av beslutet, som har \
                skickats till parten."
                .into(),
            ej_överklagbart: "Beslut i {paragrafer} går inte att överklaga.".into(),
            överklagandehänvisning: "Om du vill överklaga {organnamns} beslut ({paragraf}, \
                {sammanträdesdatum}) ska du skriva till {instans}. Skrivelsen ska dock \
                skickas eller lämnas till {organnamn}, som prövar om den har kommit in i tid \
                och sedan skickar den vidare.\n\nÖverklagandet ska ha kommit in inom tre \
                veckor från den dag då du fick del av beslutet.\n\nI överklagandet ska du \
                tala om vilket beslut du överklagar, hur du vill att beslutet ska ändras och \
                varför. Skriv under med ditt namn och ange din adress och ditt \
                telefonnummer.\n\nRätten att överklaga följer av {lagrum}."
                .into(),
        }
    }
}

impl Wordings {
    /// The values in braces each wording may use; the others take none.
    pub const PLACEHOLDERS: &[(&str, &[&str])] = &[
        ("beslutsgång", &["förslagsställare", "huvudförslag"]),
        ("jäv", &["ledamöter"]),
        ("yrkande", &["ledamot", "yrkande"]),
        ("förslagen", &["antal", "förslag"]),
        ("proposition", &["förslag"]),
        ("votering", &["ja", "nej"]),
        ("omröstningsresultat", &["ja", "nej", "avstår"]),
        ("beslutat", &["förslag"]),
        ("reservation", &["ledamot", "förmån"]),
        ("skriftlig_reservation", &["ledamot", "förmån"]),
        ("tjänstgörande_ordförande", &["ledamot"]),
        ("grupp", &["partier"]),
        (
            "redovisat",
            &["förvaltning", "avdelning", "handling", "datum"],
        ),
        ("laglighetsprövning", &["medlem", "paragrafer", "sista_dag"]),
        ("förvaltningsbesvär", &["paragrafer"]),
        ("ej_överklagbart", &["paragrafer"]),
        (
            "överklagandehänvisning",
            &["instans", "lagrum", "paragraf", "sammanträdesdatum"],
        ),
    ];

    /// Every wording by its key, in the order of the file.
    pub fn entries(&self) -> [(&'static str, &str); 22] {
        [
            ("utdragsbestyrkande", &self.utdragsbestyrkande),
            ("vid_protokollet", &self.vid_protokollet),
            ("beslutsgång", &self.beslutsgång),
            ("information", &self.information),
            ("jäv", &self.jäv),
            ("yrkande", &self.yrkande),
            ("förslagen", &self.förslagen),
            ("proposition", &self.proposition),
            ("votering", &self.votering),
            ("omröstningsresultat", &self.omröstningsresultat),
            ("utslagsröst", &self.utslagsröst),
            ("beslutat", &self.beslutat),
            ("reservation", &self.reservation),
            ("skriftlig_reservation", &self.skriftlig_reservation),
            ("tjänstgörande_ordförande", &self.tjänstgörande_ordförande),
            ("grupp", &self.grupp),
            ("redovisat", &self.redovisat),
            ("beslutar", &self.beslutar),
            ("laglighetsprövning", &self.laglighetsprövning),
            ("förvaltningsbesvär", &self.förvaltningsbesvär),
            ("ej_överklagbart", &self.ej_överklagbart),
            ("överklagandehänvisning", &self.överklagandehänvisning),
        ]
    }
}

/// A piece of a wording: text as it stands, or the name of a value in braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Value(&'a str),
}

/// `wording` cut at its values: a single word in braces (`{ledamot}`) names a value; any
/// other brace is text.
pub fn pieces(wording: &str) -> Vec<Piece<'_>> {
    let is_name = |n: &&str| !n.is_empty() && n.chars().all(|c| c.is_alphabetic() || c == '_');
    let mut pieces = Vec::new();
    let (mut text_start, mut at) = (0, 0);
    while let Some(open) = wording[at..].find('{').map(|offset| at + offset) {
        let after = &wording[open + 1..];
        match after.find('}').map(|close| &after[..close]).filter(is_name) {
            Some(name) => {
                pieces.push(Piece::Text(&wording[text_start..open]));
                pieces.push(Piece::Value(name));
                at = open + name.len() + 2;
                text_start = at;
            }
            None => at = open + 1,
        }
    }
    pieces.push(Piece::Text(&wording[text_start..]));
    pieces.retain(|piece| *piece != Piece::Text(""));
    pieces
}

/// The body the organs belong to: a kommun or a region (KL applies to both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Principal {
    #[default]
    #[serde(rename = "kommun")]
    Municipality,
    #[serde(rename = "region")]
    Region,
}

impl Principal {
    /// `kommunen`, `regionen`: whose members may appeal.
    pub fn definite(self) -> &'static str {
        match self {
            Principal::Municipality => "kommunen",
            Principal::Region => "regionen",
        }
    }

    /// `kommunerna`, `regionerna`.
    pub fn plural(self) -> &'static str {
        match self {
            Principal::Municipality => "kommunerna",
            Principal::Region => "regionerna",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Principal::Municipality => "kommun",
            Principal::Region => "region",
        }
    }
}

/// The names every wording of a meeting may use for its organ: `{organ}` (`nämnden`),
/// `{Organ}`, `{organs}` (`nämndens`), `{Organs}`, `{organnamn}` (`Socialnämnden`),
/// `{organnamns}`.
pub const ORGAN_VALUES: &[&str] = &[
    "organ",
    "Organ",
    "organs",
    "Organs",
    "organnamn",
    "organnamns",
];

/// Where a meeting's § numbering starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Numbering {
    /// From § 1 at every meeting (Stockholm).
    #[default]
    #[serde(rename = "per_sammanträde")]
    PerMeeting,
    /// On from the last § of the nämnd's earlier meetings in the same calendar year.
    #[serde(rename = "löpande_per_år")]
    Yearly,
}

/// How a date stands in a header or a dated line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum DateStyle {
    /// `2015-03-24` (the seeds).
    #[default]
    #[serde(rename = "iso")]
    Iso,
    /// `24 mars 2015`.
    #[serde(rename = "lång")]
    Long,
}

/// How a date stands in running text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum RunningDateStyle {
    /// `8 mars 2023`.
    #[default]
    #[serde(rename = "lång")]
    Long,
    /// `onsdagen den 8 mars 2023`.
    #[serde(rename = "veckodag")]
    Weekday,
}

/// Where the protocol lists who attended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum RollPlacement {
    /// On the first page, unless the list is too long for it: then in the bilaga.
    #[default]
    #[serde(rename = "automatisk")]
    Automatic,
    #[serde(rename = "försättsblad")]
    Cover,
    #[serde(rename = "bilaga")]
    Appendix,
}

impl RollPlacement {
    pub fn key(self) -> &'static str {
        match self {
            RollPlacement::Automatic => "automatisk",
            RollPlacement::Cover => "försättsblad",
            RollPlacement::Appendix => "bilaga",
        }
    }
}

/// A profile as loaded: its file (none for the built-in profile), the logo's bytes and the
/// names both travel under inside a PDF.
#[derive(Debug, Clone, Default)]
pub struct LoadedProfile {
    pub source: Option<SourceFile>,
    pub profile: Profile,
    pub logo: Option<LoadedLogo>,
    /// The profile's name within the nämnd's folder: `profil.yaml`, or `beredning/profil.yaml`
    /// for a profile in a case's own folder.
    pub archive_name: String,
}

/// The logo's bytes, checked to be an image, its media type and its name within the
/// nämnd's folder.
#[derive(Debug, Clone)]
pub struct LoadedLogo {
    pub name: String,
    pub bytes: std::sync::Arc<[u8]>,
    pub alt: String,
    pub mime: &'static str,
}

impl LoadedProfile {
    /// The profile that applies to the file at `path` (a case or a meeting): `profil.yaml`
    /// in its folder, else in the folder above (the nämnd's); else the built-in profile.
    pub fn for_file(path: &Path) -> Result<Arc<Self>> {
        Self::for_file_in(path, &super::Reading::default())
    }

    /// [`LoadedProfile::for_file`], reading each profile once in `reading`: the files of
    /// one folder share one profile.
    pub fn for_file_in(path: &Path, reading: &super::Reading) -> Result<Arc<Self>> {
        let folder = folder_of(path);
        let own = folder.join(PROFILE_FILE);
        let (path, archive_name) = if own.exists() {
            let folder_name = folder
                .canonicalize()
                .ok()
                .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()));
            let name = match folder_name {
                Some(folder) => format!("{folder}/{PROFILE_FILE}"),
                None => PROFILE_FILE.to_owned(),
            };
            (own, name)
        } else {
            let above = match folder.parent() {
                Some(above) if !above.as_os_str().is_empty() => above.join(PROFILE_FILE),
                _ => folder.join("..").join(PROFILE_FILE),
            };
            if !above.exists() {
                return Ok(reading.built_in_profile());
            }
            (above, PROFILE_FILE.to_owned())
        };
        // A profile is the folder's own: a link to one elsewhere is not read.
        let home = folder_of(&path);
        if let Err(why) = super::files::inside(&path, home) {
            return Err(Problem::in_file(&path, format!("profilen {why}; den läses inte")).into());
        }
        let key = (path.clone(), archive_name.clone());
        if let Some(known) = reading.profile(&key) {
            return Ok(known);
        }
        let loaded = Arc::new(Self::from_source(reading.source(&path)?, archive_name)?);
        reading.remember_profile(key, loaded.clone());
        Ok(loaded)
    }

    /// The profile of a read `profil.yaml`, its logo read and checked; `archive_name` is
    /// the name it travels under in a PDF.
    pub fn from_source(source: SourceFile, archive_name: String) -> Result<Self> {
        let profile: Profile = source.parse(PROFILE_SCHEMA)?;
        let problems: Vec<Problem> = unknown_placeholders(&profile)
            .into_iter()
            .map(|(field, name, own)| {
                let allowed: Vec<String> = own
                    .iter()
                    .chain(ORGAN_VALUES)
                    .map(|n| format!("{{{n}}}"))
                    .collect();
                let what = match field.split_once('.') {
                    Some(("rubriker", key)) => format!("rubriken {key}"),
                    Some(("anslag", _)) => "anslagets text".to_owned(),
                    Some((_, key)) => format!("formuleringen {key}"),
                    None => field.clone(),
                };
                source.problem(
                    &field,
                    format!(
                        "{{{name}}} finns inte i {what}; den kan använda: {}",
                        allowed.join(", ")
                    ),
                )
            })
            .chain(unlawful(&profile, &source))
            .chain(unknown_columns(&profile, &source))
            .chain(colour_problem(&profile, &source))
            .collect();
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        let logo = match &profile.logotyp {
            Some(logo) => Some(load_logo(&source, logo, &archive_name)?),
            None => None,
        };
        Ok(LoadedProfile {
            source: Some(source),
            profile,
            logo,
            archive_name,
        })
    }
}

/// Read the logo: beside the profile or below it, an image Typst can place.
fn load_logo(source: &SourceFile, logo: &Logo, profile_name: &str) -> Result<LoadedLogo> {
    let fail = |message: String| source.problem("logotyp.fil", message);
    let mut parts = Vec::new();
    for component in logo.fil.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(fail(format!(
                    "logotypen {} ska ligga i profilens mapp eller under den",
                    logo.fil.display()
                ))
                .into());
            }
        }
    }
    let folder = folder_of(&source.path);
    let path = folder.join(&logo.fil);
    let unreadable = |why: String| fail(format!("logotypen {} {why}", path.display()));
    let real =
        super::files::inside(&path, folder).map_err(|why| match why.starts_with("leder") {
            true => fail(format!(
                "logotypen {} leder utanför profilens mapp",
                logo.fil.display()
            )),
            false => unreadable(format!("kan inte läsas: {why}")),
        })?;
    let bytes = super::files::read_regular(&real, MAX_LOGO_BYTES).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_LOGO_BYTES {
        return Err(fail(format!(
            "logotypen är större än {} MiB",
            MAX_LOGO_BYTES >> 20
        ))
        .into());
    }
    let mime = check_image(&bytes).map_err(|e| {
        fail(format!(
            "logotypen {} är ingen bild som går att använda: {e}",
            logo.fil.display()
        ))
    })?;
    if logo.alt.trim().is_empty() {
        return Err(source
            .problem("logotyp.alt", "logotypen behöver en alt-text (PDF/UA)")
            .into());
    }
    let prefix = profile_name.strip_suffix(PROFILE_FILE).unwrap_or_default();
    Ok(LoadedLogo {
        name: format!("{prefix}{}", parts.join("/")),
        bytes: bytes.into(),
        alt: logo.alt.clone(),
        mime,
    })
}
