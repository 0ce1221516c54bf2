//! What one load reads once, however many files ask for it: the YAML files, the parsed
//! meetings, the profiles, and each nämnd's meetings (the others beside a meeting, for
//! numbering through the year and for secret items).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;

use super::profile::LoadedProfile;
use super::roster::LoadedRoster;
use super::{Meeting, PROFILE_FILE, ParagraphNumber, ROSTER_FILE, SourceFile, files};
use crate::error::{Error, Problem, Result};

/// What one load reads once, however many files need it: each profile (with its logo
/// decoded), and the meetings in each nämnd's folder (for numbering through the year and
/// for secret items). Lives for one load, so that a later load sees the files anew.
#[derive(Default)]
pub struct Reading {
    sources: Mutex<HashMap<PathBuf, SourceFile>>,
    /// Meeting files parsed, by real path: a meeting is also one of its nämnd's others.
    parsed_meetings: Mutex<HashMap<PathBuf, Meeting>>,
    profiles: Mutex<HashMap<(PathBuf, String), Arc<LoadedProfile>>>,
    built_in_profile: OnceLock<Arc<LoadedProfile>>,
    /// Each organ's roll, read once however many of its meetings ask.
    rosters: Mutex<HashMap<PathBuf, Arc<OnceLock<RosterRead>>>>,
    meetings: Mutex<HashMap<PathBuf, Arc<OnceLock<MeetingsBeside>>>>,
    /// A meeting's case whose file is not there is read as an item without case, and a
    /// bilaga file that is not there as a bilaga named only, not as an error: `verify`
    /// rebuilds one § from the meeting and that §'s own case only, and one document from
    /// the bilaga files it carries.
    pub(super) absent_cases_allowed: bool,
}

/// A roll as read, or why it could not be.
type RosterRead = Result<Arc<LoadedRoster>>;

/// A memo's map: a thread that panicked holding it left nothing half-inserted.
pub(super) fn memo<T>(map: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    map.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Reading {
    /// A reading in which a meeting's case file that is not there is no error (see
    /// `verify`): what the other §§ would say is not read.
    pub fn of_what_is_there() -> Self {
        Reading {
            absent_cases_allowed: true,
            ..Reading::default()
        }
    }

    /// The file at `path`, read once however it is named (`2024-05-21/x.yaml`,
    /// `2024-04-16/../2024-05-21/x.yaml`); it carries the name it was asked for.
    pub fn source(&self, path: &Path) -> Result<SourceFile> {
        let Ok(real) = path.canonicalize() else {
            return SourceFile::read(path);
        };
        let known = memo(&self.sources).get(&real).cloned();
        let source = match known {
            Some(source) => source,
            None => {
                // Read outside the lock: other threads go on reading other files.
                let source = SourceFile::read(path)?;
                memo(&self.sources).insert(real, source.clone());
                source
            }
        };
        Ok(SourceFile {
            path: path.to_path_buf(),
            ..source
        })
    }

    /// The meeting `source` holds, parsed once however often it is asked for (a file
    /// that does not parse is parsed again, so that its problems name the file as asked).
    pub fn meeting(&self, source: &SourceFile) -> Result<Meeting> {
        let Ok(real) = source.path.canonicalize() else {
            return source.parse_meeting();
        };
        if let Some(meeting) = memo(&self.parsed_meetings).get(&real) {
            return Ok(meeting.clone());
        }
        let meeting = source.parse_meeting()?;
        memo(&self.parsed_meetings).insert(real, meeting.clone());
        Ok(meeting)
    }

    /// The profile memo: what [`LoadedProfile`] has read, by file and archive name.
    pub(crate) fn profile(&self, key: &(PathBuf, String)) -> Option<Arc<LoadedProfile>> {
        memo(&self.profiles).get(key).cloned()
    }

    pub(crate) fn remember_profile(&self, key: (PathBuf, String), profile: Arc<LoadedProfile>) {
        memo(&self.profiles).insert(key, profile);
    }

    /// The roll at `path`, loaded by `load` the first time it is asked for (a year's
    /// meetings share one read).
    pub(crate) fn roster(
        &self,
        path: &Path,
        load: impl FnOnce() -> Result<Arc<LoadedRoster>>,
    ) -> Result<Option<Arc<LoadedRoster>>> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let once = memo(&self.rosters).entry(key).or_default().clone();
        once.get_or_init(load).clone().map(Some)
    }

    /// The built-in profile, for every file with no `profil.yaml` near it.
    pub(crate) fn built_in_profile(&self) -> Arc<LoadedProfile> {
        self.built_in_profile.get_or_init(Arc::default).clone()
    }
}

/// A meeting file in a nämnd's folder, parsed as far as it goes.
type Beside = (SourceFile, Result<Meeting>);

/// The meeting files of one nämnd's folders, shared by all who ask in one load, and the
/// YAML files there that could not be read, or read as YAML: any of those may be a
/// meeting too.
struct Nämnd {
    meetings: Vec<Beside>,
    unreadable: Vec<PathBuf>,
}

type MeetingsBeside = Arc<Nämnd>;

/// The meeting files in the folders of the nämnd that holds the file at `path` (the
/// folders beside its own, its own included), read and parsed as far as they go: the
/// nämnd's other meetings. Links are not followed here.
fn meetings_beside(path: &Path, reading: &Reading) -> MeetingsBeside {
    let committee = files::folder_of(path).join("..");
    let key = committee
        .canonicalize()
        .unwrap_or_else(|_| committee.clone());
    // One thread reads a folder; others wanting the same folder wait for it, not for
    // other folders.
    let once = memo(&reading.meetings).entry(key).or_default().clone();
    once.get_or_init(|| Arc::new(read_meetings_in(&committee, reading)))
        .clone()
}

/// The folders (`folders`) or the files in `dir`, in name order; none when it cannot be
/// read.
fn entries(dir: &Path, folders: bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| if folders { t.is_dir() } else { t.is_file() })
        })
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
}

/// The YAML files in the folders of `committee` (profiles and rolls aside), in name order.
fn yaml_files_in(committee: &Path) -> Vec<PathBuf> {
    entries(committee, true)
        .iter()
        .flat_map(|folder| entries(folder, false))
        .filter(|file| {
            file.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && file
                    .file_name()
                    .is_none_or(|n| n != PROFILE_FILE && n != ROSTER_FILE)
        })
        .collect()
}

/// Every meeting file in the folders of `committee`, and the files there that cannot be
/// told to be one or not.
fn read_meetings_in(committee: &Path, reading: &Reading) -> Nämnd {
    let mut nämnd = Nämnd {
        meetings: Vec::new(),
        unreadable: Vec::new(),
    };
    for file in yaml_files_in(committee) {
        let Ok(source) = reading.source(&file) else {
            nämnd.unreadable.push(file);
            continue;
        };
        if source.is_meeting() {
            let meeting = reading.meeting(&source);
            nämnd.meetings.push((source, meeting));
        } else if !source.parses() {
            nämnd.unreadable.push(file);
        }
    }
    nämnd
}

/// What the meetings of its nämnd make of a case built alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// A meeting holds it as a secret item: its statement is then as secret when it is
    /// built alone as when built with the meeting.
    pub secret: bool,
    /// The personal data of the meetings that hold it: a web copy of the case redacts
    /// them too, as the meeting's own documents do.
    pub personal_data: Vec<String>,
}

/// What the meetings of the nämnd make of the case at `path` ([`Standing`]). A file
/// beside it that does not parse could be a meeting that holds it: that doubt is the error
/// returned (a web copy must not be made of the case; its own copy may).
pub fn standing_in_meetings(path: &Path, reading: &Reading) -> Result<Standing> {
    let mut standing = Standing::default();
    let Ok(case) = path.canonicalize() else {
        return Ok(standing);
    };
    let nämnd = meetings_beside(path, reading);
    if let Some(file) = nämnd.unreadable.first() {
        return Err(doubt(file));
    }
    for (source, meeting) in &nämnd.meetings {
        let Ok(meeting) = meeting else {
            return Err(doubt(&source.path));
        };
        let folder = files::folder_of(&source.path);
        let cases: Vec<(PathBuf, &super::Item)> = meeting
            .paragrafer
            .iter()
            .filter_map(|item| {
                let file = folder.join(item.ärende.as_ref()?);
                Some((file, item))
            })
            .collect();
        let holding: Vec<&&super::Item> = cases
            .iter()
            .filter(|(file, _)| file.canonicalize().is_ok_and(|file| file == case))
            .map(|(_, item)| item)
            .collect();
        if holding.is_empty() {
            continue;
        }
        standing.secret |= holding.iter().any(|item| item.sekretess);
        // As the meeting's own documents are redacted: its list and all its cases'.
        standing
            .personal_data
            .extend(meeting.personuppgifter.iter().cloned());
        for (file, _) in &cases {
            let other = reading
                .source(file)
                .and_then(|source| source.parse_case())
                .map_err(|_| doubt(file))?;
            standing.personal_data.extend(other.personuppgifter);
        }
    }
    Ok(standing)
}

/// The error of a case whose secrecy cannot be told because of the file at `file`.
fn doubt(file: &Path) -> Error {
    Problem::in_file(
        file,
        "går inte att läsa, och det kan vara ett sammanträde som håller ett ärende som omfattas \
         av sekretess; rätta filen innan en webbkopia görs",
    )
    .into()
}

/// The §§ of the nämnd's earlier meetings (of the same kind) in the same calendar year as
/// `meeting`, found beside it in the nämnd's folder, each with its date, in date order (each numbered as
/// it says: from its `första_paragraf`, else on from the meeting before).
pub(super) fn earlier_in_year(
    path: &Path,
    meeting: &Meeting,
    reading: &Reading,
) -> Result<Vec<(NaiveDate, Vec<ParagraphNumber>)>> {
    use chrono::Datelike;
    let mut earlier: Vec<&Meeting> = Vec::new();
    let beside = meetings_beside(path, reading);
    for (source, other) in &beside.meetings {
        let other = other.as_ref().map_err(|e| {
            let mut problems = vec![Problem::in_file(path, format!("paragraferna räknas vidare från årets tidigare sammanträden, men {} går inte att läsa", source.path.display()))];
            problems.extend(e.problems.iter().cloned());
            Error::new(problems)
        })?;
        // Delegeringsbeslut number their §§ apart from the sammanträden.
        if other.nämnd == meeting.nämnd
            && other.slag == meeting.slag
            && other.datum.year() == meeting.datum.year()
            && other.datum < meeting.datum
        {
            earlier.push(other);
        }
    }
    earlier.sort_by_key(|m| m.datum);
    let mut next = 1;
    let mut numbered = Vec::new();
    for other in earlier {
        let numbers = other.numbers(other.första_paragraf.unwrap_or(next));
        if let Some(last) = numbers.iter().map(|n| n.number).max() {
            next = last.saturating_add(1);
        }
        numbered.push((other.datum, numbers));
    }
    Ok(numbered)
}
