//! Stage 1: the YAML files as Rust values. Field names are the secretary's Swedish (the
//! reference table is in the README); every struct rejects unknown keys so a typo is an
//! error, not a silently ignored line.

mod amount;
mod positions;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Problem, Result};
pub use amount::{Kronor, Proposal};
pub use positions::Positions;

/// A tjänsteutlåtande: the förvaltning's statement on one ärende.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub nämnd: String,
    pub förvaltning: String,
    #[serde(default)]
    pub avdelning: Option<String>,
    #[serde(default)]
    pub handläggare: Option<CaseOfficer>,
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
    pub bilagor: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseOfficer {
    pub namn: String,
    #[serde(default)]
    pub telefon: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub namn: String,
    #[serde(default)]
    pub titel: Option<String>,
}

/// A heading with its prose (Markdown) and the tables that follow the prose.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub rubrik: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub tabeller: Vec<String>,
}

/// Applications for money and the förvaltning's proposal for each.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationTable {
    /// The caption after "Tabell N: ".
    pub rubrik: String,
    /// The most one application may be granted.
    #[serde(default)]
    pub maxbelopp: Option<Kronor>,
    pub ansökningar: Vec<Application>,
}

#[derive(Debug, Clone, Deserialize)]
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

/// A sammanträde: the nämnd's meeting and its items (§§) in agenda order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub nämnd: String,
    pub datum: NaiveDate,
    #[serde(default)]
    pub plats: Option<String>,
    #[serde(default)]
    pub ordförande: Option<Person>,
    pub sekreterare: Person,
    #[serde(default)]
    pub justerare: Vec<Person>,
    #[serde(default)]
    pub justering: Option<Adjustment>,
    /// The certification under an extract; the municipality's own wording.
    #[serde(default)]
    pub utdragsbestyrkande: Option<String>,
    pub paragrafer: Vec<Item>,
}

/// When and where the protocol is justerat.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    pub datum: NaiveDate,
    #[serde(default)]
    pub plats: Option<String>,
}

/// One § of a meeting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub paragraf: u32,
    /// The case file, relative to the meeting file.
    pub ärende: PathBuf,
    /// The decision; by default the case's förslag till beslut.
    #[serde(default)]
    pub beslut: Option<Decision>,
    /// Overrides the standard text for an uncontested item.
    #[serde(default)]
    pub beslutsgång: Option<String>,
    #[serde(default)]
    pub omedelbar_justering: bool,
    /// Who receives the extract.
    #[serde(default)]
    pub expediering: Vec<String>,
}

/// How the decision differs from the case's proposal.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Decision {
    /// Every point, written out.
    Points(Vec<String>),
    /// Only the reworded points, by their number: `3: Paragrafen justeras omedelbart.`
    Reworded(BTreeMap<usize, String>),
}

/// A YAML file as read: its path, its text and where its values stand.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub positions: Positions,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path)
            .map_err(|e| Problem::in_file(path, format!("kan inte läsas: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Problem::in_file(
                path,
                format!(
                    "är inte UTF-8 (fel byte vid position {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(Self::from_text(path, text))
    }

    pub fn from_text(path: &Path, text: String) -> Self {
        SourceFile {
            path: path.to_path_buf(),
            positions: Positions::index(&text),
            text,
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

    /// Deserialize the file, turning serde_yaml's error into a located problem.
    pub fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T> {
        serde_yaml::from_str(&self.text).map_err(|e| Error::from(self.yaml_problem(&e)))
    }

    fn yaml_problem(&self, error: &serde_yaml::Error) -> Problem {
        let mut message = error.to_string();
        // serde_yaml appends "at line L column C"; the position is shown on its own.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        match error.location() {
            Some(at) => Problem::at(&self.path, &self.text, at.line(), at.column(), message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// Whether the file is a meeting (it lists paragrafer at top level) rather than a case.
    pub fn is_meeting(&self) -> bool {
        self.positions.find("paragrafer").is_some()
    }
}

/// A case as loaded, with the file it came from.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    pub source: SourceFile,
    pub case: Case,
}

/// A meeting as loaded, with its file and its items' cases in agenda order.
#[derive(Debug, Clone)]
pub struct LoadedMeeting {
    pub source: SourceFile,
    pub meeting: Meeting,
    /// The case of each item, in the order of `meeting.paragrafer`.
    pub cases: Vec<LoadedCase>,
}

impl LoadedCase {
    pub fn load(path: &Path) -> Result<Self> {
        let source = SourceFile::read(path)?;
        let case = source.parse()?;
        Ok(LoadedCase { source, case })
    }
}

impl LoadedMeeting {
    /// Load a meeting and every case it points to, reporting all broken cases at once.
    pub fn load(path: &Path) -> Result<Self> {
        let source = SourceFile::read(path)?;
        let meeting: Meeting = source.parse()?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut cases = Vec::new();
        let mut problems = Vec::new();
        for (i, item) in meeting.paragrafer.iter().enumerate() {
            let case_path = folder.join(&item.ärende);
            if !case_path.is_file() {
                problems.push(source.problem(
                    &format!("paragrafer[{i}].ärende"),
                    format!("ärendefilen {} finns inte", case_path.display()),
                ));
                continue;
            }
            match LoadedCase::load(&case_path) {
                Ok(case) => cases.push(case),
                Err(e) => problems.extend(e.problems),
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        Ok(LoadedMeeting {
            source,
            meeting,
            cases,
        })
    }
}
