//! The profile: what differs between municipalities and förvaltningar without a change of
//! code. Name, logo, address line, headings, fixed wordings, § numbering, dnr pattern and
//! how dates are written, from `profil.yaml` in the nämnd's folder (or the case's own).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SourceFile;
use super::files::folder_of;
use super::image::check_image;
use super::keys::{Schema, fields_of};
use super::labels::{LABELS, label_keys, placeholders};
use super::layout::{
    CoverBlock, CoverLayout, CoverRow, FooterLabels, ItemListLayout, NoticeForm, NoticeLabels,
    NoticeLayout, NoticeRow, ParagraphLayout, ParagraphPart, SignatureLayout, StatementLabels,
    StatementLayout,
};
use super::source::PrintedTexts;
use crate::error::{Error, Problem, Result};

mod checks;
mod font_files;
mod identity;
mod wordings;
use checks::{
    colour_problem, cover_problems, logo_height_problem, margin_problems, members_problem,
    unknown_columns, unknown_placeholders, unlawful,
};
pub use font_files::LoadedFont;
pub use identity::{
    BundledFace, HeaderLayout, LOGO_HEIGHT_MM, LOGO_HEIGHTS_MM, MARGINS_MM, Margins, Typeface,
    Typefaces,
};
pub use wordings::{Headings, Piece, Wordings, pieces};

/// The file name of a profile; never read as a case.
pub const PROFILE_FILE: &str = "profil.yaml";

/// The largest logo read: a municipal logo is a few kB of SVG or a small PNG.
const MAX_LOGO_BYTES: u64 = 1 << 20;

pub(super) const PROFILE_SCHEMA: Schema = &[
    ("", fields_of::<Profile>),
    ("logotyp", fields_of::<Logo>),
    ("typsnitt", fields_of::<Typefaces>),
    ("marginaler", fields_of::<Margins>),
    ("etiketter", label_keys),
    ("rubriker", fields_of::<Headings>),
    ("formuleringar", fields_of::<Wordings>),
    ("paragraf", fields_of::<ParagraphLayout>),
    ("anslag", fields_of::<NoticeLayout>),
    ("anslag.etiketter", fields_of::<NoticeLabels>),
    ("sidfot", fields_of::<FooterLabels>),
    ("försättsblad", fields_of::<CoverLayout>),
    ("underskrifter", fields_of::<SignatureLayout>),
    ("tjänsteskrivelse", fields_of::<StatementLayout>),
    ("tjänsteskrivelse.etiketter", fields_of::<StatementLabels>),
];

/// The places of a profile printed as they stand, as a heading or a label: none may be
/// empty (PDF/UA refuses an empty heading; an empty label leaves a dangling colon), and
/// the labels fill in no placeholder, but for the catalogue's few that do (they, the
/// headings, wordings and the anslag's title, lead and text: `unknown_placeholders`).
const PRINTED: PrintedTexts = PrintedTexts {
    not_empty: &[
        "rubriker.",
        "etiketter.",
        "anslag.rubrik",
        "anslag.etiketter.",
        "sidfot.",
        "tjänsteskrivelse.handlingstyp",
        "tjänsteskrivelse.etiketter.",
        "ärendeförteckning.rubrik",
        "ärendeförteckning.etiketter.",
        "ärendeförteckning.kolumner[",
    ],
    as_written: &[
        "etiketter.",
        "anslag.etiketter.",
        "sidfot.",
        "tjänsteskrivelse.",
        "ärendeförteckning.",
        "kommun",
        "adressrad",
    ],
    fills: label_fills,
};

/// Whether the text at `path` fills in values although `PRINTED.as_written` covers it:
/// a label of the catalogue that takes values.
fn label_fills(path: &str) -> bool {
    path.strip_prefix("etiketter.")
        .is_some_and(|key| !placeholders(key).is_empty())
}

/// A municipality's or förvaltning's profile. Every key may be left out; what is left out
/// is the built-in wording (Stockholm's, from the seeds).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The municipality, above the issuer on the first page: `Stockholms stad`.
    #[serde(default)]
    pub kommun: Option<String>,
    /// Whether the organs are a municipality's, a region's or a kommunalförbund's: who may
    /// appeal.
    #[serde(default)]
    pub huvudman: Principal,
    /// A kommunalförbund's members (`Ekby kommun`, `Region Sjöland`): a member of any of
    /// them may appeal its decisions (KL 13 kap. 1 §).
    #[serde(default)]
    pub medlemmar: Vec<String>,
    #[serde(default)]
    pub logotyp: Option<Logo>,
    /// A line at the foot of every page: web address, postal address, telephone.
    #[serde(default)]
    pub adressrad: Option<String>,
    /// The house colour, `#1d3f6e`: the documents' headings and rules, and the published
    /// web pages' header band behind white text.
    #[serde(default)]
    pub färg: Option<String>,
    /// The documents' faces, for running text and for headings.
    #[serde(default)]
    pub typsnitt: Typefaces,
    /// Where the first page's header puts the logo.
    #[serde(default)]
    pub sidhuvud: HeaderLayout,
    /// The pages' side margins.
    #[serde(default)]
    pub marginaler: Margins,
    /// A regular expression every dnr must match, e.g. `^\d+\.\d+-\d+/\d{4}$`.
    #[serde(default)]
    pub dnr_mönster: Option<String>,
    /// How §§ are numbered when an item gives no number.
    #[serde(default)]
    pub paragrafnumrering: Numbering,
    /// The organ's prefix before the § sign, as in "SN § 13".
    #[serde(default)]
    pub paragrafprefix: Option<String>,
    /// The meeting's year after a § number, as in "§ 63/24".
    #[serde(default)]
    pub paragrafårtal: ParagraphYear,
    /// How a name carries its party wherever a document prints it: "Bo Ström (M)".
    #[serde(default)]
    pub partibeteckning: PartyStyle,
    /// Whether the names under handwritten signature lines carry their party too, as the
    /// lists do (digital signers always do).
    #[serde(default)]
    pub parti_vid_underskrift: bool,
    /// How dates are written in headers and dated lines.
    #[serde(default)]
    pub datumformat: DateStyle,
    /// How the meeting's date is written in running text ("Plats och tid", the kallelse).
    #[serde(default)]
    pub löptextdatum: RunningDateStyle,
    /// How the justering's date is written; left out, as `datumformat`.
    #[serde(default)]
    pub justeringsdatum: Option<AdjustmentDateStyle>,
    /// Where the protocol lists who attended: on its first page, in a närvaro- och
    /// omröstningsbilaga, on the page after the first, or the bilaga only when the list is
    /// long.
    #[serde(default)]
    pub närvarolista: RollPlacement,
    /// The whole roll: ledamöter and ersättare not present, and vacant seats, too.
    #[serde(default)]
    pub hela_närvarolistan: bool,
    /// The form of the närvaro- och omröstningsbilaga: a row per person, or a row per
    /// seat with the ersättare who served in it.
    #[serde(default)]
    pub närvarolista_form: RollForm,
    /// Where the närvaro- och omröstningslista stands when the lists leave the first
    /// page: last, as a bilaga, or early, before the first §.
    #[serde(default)]
    pub omröstningslistans_plats: RollListPlacement,
    /// Whether the organ's protocols are justerade with electronic signatures: no lines
    /// to sign on, the signers listed instead. A meeting may say otherwise.
    #[serde(default)]
    pub digital_justering: bool,
    /// Whether the organ keeps a meeting justerad in parts as one protocol rather than a
    /// protocol per justering. A meeting may say otherwise.
    #[serde(default)]
    pub justeringar_i_ett_protokoll: bool,
    /// The protokollsutdrag carries its ärende's file bilagor after the §.
    #[serde(default)]
    pub utdrag_med_bilagor: bool,
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
    /// How the signatures stand on the protocol's first page, under an extract and in
    /// the ANSLAG/BEVIS.
    #[serde(default)]
    pub underskrifter: SignatureLayout,
    /// How the förvaltning's document is headed and signed.
    #[serde(default)]
    pub tjänsteskrivelse: StatementLayout,
    /// The list of a meeting's §§ in the kallelse and the protocol.
    #[serde(default)]
    pub ärendeförteckning: ItemListLayout,
    /// The blocks of the protocol's first page, in their order and columns.
    #[serde(default)]
    pub försättsblad: CoverLayout,
    /// The profile's own words for labels of the catalogue (`model::labels`), by key.
    #[serde(default)]
    #[schemars(schema_with = "labels_schema")]
    pub etiketter: BTreeMap<String, String>,
}

/// `etiketter` as the JSON Schema shows it: every key of the catalogue with its default,
/// where it is printed and the values it may use, and no other key.
fn labels_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let properties: serde_json::Map<String, serde_json::Value> = LABELS
        .iter()
        .map(|(key, default, place)| {
            let values: Vec<String> = placeholders(key)
                .iter()
                .map(|v| format!("{{{v}}}"))
                .collect();
            let description = match values.as_slice() {
                [] => (*place).to_owned(),
                _ => format!("{place} Värden: {}.", values.join(", ")),
            };
            (
                (*key).to_owned(),
                serde_json::json!({
                    "type": "string",
                    "minLength": 1,
                    "default": default,
                    "description": description,
                }),
            )
        })
        .collect();
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The logo: an image file beside the profile, and its text for screen readers (PDF/UA).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// PNG, JPEG or SVG, relative to the profile's folder.
    pub fil: PathBuf,
    pub alt: String,
    /// The printed height in millimetres.
    #[serde(default)]
    pub höjd: Option<u8>,
}

/// The body the organs belong to: a kommun, a region or a kommunalförbund (KL applies to
/// all three), or a kommunalt bolag, whose styrelse is governed by aktiebolagslagen: its
/// protocol is neither posted nor open to appeal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Principal {
    #[default]
    #[serde(rename = "kommun")]
    Municipality,
    #[serde(rename = "region")]
    Region,
    #[serde(rename = "kommunalförbund")]
    Federation,
    #[serde(rename = "bolag")]
    Company,
}

impl Principal {
    /// Whether kommunallagen governs its organs' protocols: anslag, justering within
    /// 14 days, laglighetsprövning. A company's styrelse answers to aktiebolagslagen.
    pub fn under_kommunallagen(self) -> bool {
        self != Principal::Company
    }

    pub fn key(self) -> &'static str {
        match self {
            Principal::Municipality => "kommun",
            Principal::Region => "region",
            Principal::Federation => "kommunalförbund",
            Principal::Company => "bolag",
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

/// How the justering's date stands where the protocol and the extract give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum AdjustmentDateStyle {
    /// `2022-03-21`.
    #[serde(rename = "iso")]
    Iso,
    /// `21 mars 2022`.
    #[serde(rename = "lång")]
    Long,
    /// `måndagen den 21 mars 2022`.
    #[serde(rename = "veckodag")]
    Weekday,
}

/// Whether a § number carries the meeting's year, as some houses number: `§ 63/24`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum ParagraphYear {
    /// `§ 63`.
    #[default]
    #[serde(rename = "inget")]
    None,
    /// `§ 63/24`.
    #[serde(rename = "två_siffror")]
    TwoDigits,
    /// `§ 63/2024`.
    #[serde(rename = "fyra_siffror")]
    FourDigits,
}

/// How a name carries its party.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum PartyStyle {
    /// `Bo Ström (M)`.
    #[default]
    #[serde(rename = "parentes")]
    Parentheses,
    /// `Bo Ström, M`.
    #[serde(rename = "komma")]
    Comma,
    /// `Bo Ström`: the party only in the närvarolista's column.
    #[serde(rename = "ingen")]
    None,
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
    /// On the page after the first, which the first page names: "Se sid 2".
    #[serde(rename = "se_sida")]
    SeePage,
}

/// The rows of the närvaro- och omröstningsbilaga.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum RollForm {
    /// A row per ledamot and ersättare, Tjg / Ej tjg per run of §§.
    #[default]
    #[serde(rename = "per_person")]
    PerPerson,
    /// A row per seat: its ledamot present or absent, the ersättare who served in it, and
    /// the seat's vote; the ersättare who served nowhere after the table.
    #[serde(rename = "per_plats")]
    PerSeat,
}

/// Where the närvaro- och omröstningslista stands in the protocol.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum RollListPlacement {
    /// After the §§, as the protocol's bilaga.
    #[default]
    #[serde(rename = "sist")]
    Last,
    /// After the first page (and an ärendeförteckning after it), before the first §.
    #[serde(rename = "före_paragraferna")]
    BeforeParagraphs,
}

impl RollPlacement {
    pub fn key(self) -> &'static str {
        match self {
            RollPlacement::Automatic => "automatisk",
            RollPlacement::Cover => "försättsblad",
            RollPlacement::Appendix => "bilaga",
            RollPlacement::SeePage => "se_sida",
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
    /// The municipality's own font files (`typsnitt.filer`).
    pub fonts: Vec<LoadedFont>,
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
        let path = super::files::lexically_normal(&path);
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
        let profile: Profile = source.parse_printed(PROFILE_SCHEMA, &PRINTED)?;
        let problems: Vec<Problem> = unknown_placeholders(&profile)
            .into_iter()
            .map(|(field, name, allowed)| {
                let allowed: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
                let what = match field.split_once('.') {
                    Some(("rubriker", key)) => format!("rubriken {key}"),
                    Some(("etiketter", key)) => format!("etiketten {key}"),
                    Some(("anslag", "rubrik")) => "anslagets rubrik".to_owned(),
                    Some(("anslag", "inledning")) => "anslagets inledning".to_owned(),
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
            .chain(cover_problems(&profile, &source))
            .chain(members_problem(&profile, &source))
            .chain(colour_problem(&profile, &source))
            .chain(logo_height_problem(&profile, &source))
            .chain(margin_problems(&profile, &source))
            .collect();
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        let logo = match &profile.logotyp {
            Some(logo) => Some(load_logo(&source, logo, &archive_name)?),
            None => None,
        };
        let fonts = font_files::load_fonts(&source, &profile.typsnitt.filer, &archive_name)?;
        let problems = font_files::typeface_problems(&profile, &source, &fonts);
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        Ok(LoadedProfile {
            source: Some(source),
            profile,
            logo,
            fonts,
            archive_name,
        })
    }
}

/// A file named in the profile (`field`: `logotyp.fil`, `typsnitt.filer[0]`), read from
/// the profile's folder or below it, at most `limit` bytes: its name within the nämnd's
/// folder (how it travels) and its bytes. `what` names it in messages: `logotypen`.
fn read_beside(
    source: &SourceFile,
    field: &str,
    what: &str,
    file: &Path,
    limit: u64,
    profile_name: &str,
) -> Result<(String, Vec<u8>)> {
    let fail = |message: String| source.problem(field, message);
    let mut parts = Vec::new();
    for component in file.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(fail(format!(
                    "{what} {} ska ligga i profilens mapp eller under den",
                    file.display()
                ))
                .into());
            }
        }
    }
    let folder = folder_of(&source.path);
    let path = folder.join(file);
    let unreadable = |why: String| fail(format!("{what} {} {why}", path.display()));
    let real =
        super::files::inside(&path, folder).map_err(|why| match why.starts_with("leder") {
            true => fail(format!(
                "{what} {} leder utanför profilens mapp",
                file.display()
            )),
            false => unreadable(format!("kan inte läsas: {why}")),
        })?;
    let bytes = super::files::read_regular(&real, limit).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!("{what} är större än {} MiB", limit >> 20)).into());
    }
    let prefix = profile_name.strip_suffix(PROFILE_FILE).unwrap_or_default();
    Ok((format!("{prefix}{}", parts.join("/")), bytes))
}

/// Read the logo: beside the profile or below it, an image Typst can place.
fn load_logo(source: &SourceFile, logo: &Logo, profile_name: &str) -> Result<LoadedLogo> {
    let fail = |message: String| source.problem("logotyp.fil", message);
    let (name, bytes) = read_beside(
        source,
        "logotyp.fil",
        "logotypen",
        &logo.fil,
        MAX_LOGO_BYTES,
        profile_name,
    )?;
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
    Ok(LoadedLogo {
        name,
        bytes: bytes.into(),
        alt: logo.alt.clone(),
        mime,
    })
}
