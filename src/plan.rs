//! The plan: below every output. The YAML files found and loaded once ([`load`]), every
//! rule checked over the model and the facts derived once per meeting ([`check`]), and
//! every document derived with a file stem unique in the build ([`plan`]). The outputs
//! (`output::pdf`, `output::site`, `output::package`) each take the planned documents
//! and place them as they need; none of them changes the plan.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::derive::{self, Document};
use crate::error::{Error, Problem, Result};
use crate::facts::MeetingFacts;
use crate::model::{self, LoadedCase, LoadedMeeting};
use crate::parallel::in_parallel;
use crate::typeset::Conformance;
use crate::{validate, write};

/// A meeting as loaded, with the facts that follow from it (derived once: every rule
/// and every document reads them).
pub struct MeetingInput {
    pub loaded: LoadedMeeting,
    pub facts: MeetingFacts,
}

/// What to build from: the meetings and the cases not on any of them. Everything
/// planning needs is here, so that nothing is read from disk again after the load.
#[derive(Default)]
pub struct Inputs {
    pub meetings: Vec<MeetingInput>,
    pub cases: Vec<LoadedCase>,
    /// For each of `cases`: what the meetings of its nämnd make of it, or why that
    /// cannot be told (see [`model::standing_in_meetings`]).
    standing: Vec<Result<model::Standing>>,
}

/// Find and load the YAML files under `paths` (files, or folders searched recursively).
/// A meeting brings its cases; a case that is on a meeting is built once. All problems
/// of all files are reported together.
pub fn load(paths: &[PathBuf]) -> Result<Inputs> {
    load_with(paths, &model::Reading::default())
}

/// [`load`] through `reading` (one that allows a meeting's absent cases, for `verify`).
pub fn load_with(paths: &[PathBuf], reading: &model::Reading) -> Result<Inputs> {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let scan = model::files::scan_yaml(path);
            files.extend(scan.files);
            problems.extend(
                scan.refused
                    .into_iter()
                    .map(|(path, why)| Problem::in_file(&path, why)),
            );
        } else {
            // A file named on the command line is read as it is, if it is a regular file.
            match model::files::regular(path) {
                Ok(()) => {
                    files.insert(path.clone());
                }
                Err(why) => problems.push(Problem::in_file(path, why)),
            }
        }
    }
    let files: Vec<PathBuf> = files.into_iter().collect();
    // Files are read and parsed on every core; what they hold comes back in file order.
    let loaded = in_parallel(
        &files,
        |_, _| {},
        |path| -> Result<Option<Loaded>> {
            let source = reading.source(path)?;
            if path.file_name().is_some_and(|n| n == model::PROFILE_FILE) {
                // A profile makes no document of its own; it is checked here so that one no
                // case uses yet is checked too.
                let name = model::PROFILE_FILE.to_owned();
                model::LoadedProfile::from_source(source, name)?;
                Ok(None)
            } else if path.file_name().is_some_and(|n| n == model::ROSTER_FILE) {
                // So is an organ's roll, read once for all its meetings.
                model::LoadedRoster::for_file_in(path, reading)?;
                Ok(None)
            } else if source.is_meeting() {
                let loaded = LoadedMeeting::from_source(source, reading)?;
                let facts = MeetingFacts::of(&loaded);
                Ok(Some(Loaded::Meeting(Box::new(MeetingInput {
                    loaded,
                    facts,
                }))))
            } else {
                Ok(Some(Loaded::Other(Box::new(source))))
            }
        },
    );
    let mut meetings = Vec::new();
    let mut standalone = Vec::new();
    for result in loaded {
        match result {
            Ok(Some(Loaded::Meeting(meeting))) => meetings.push(*meeting),
            Ok(Some(Loaded::Other(source))) => standalone.push(*source),
            Ok(None) => {}
            Err(e) => problems.extend(e.problems),
        }
    }
    let on_meetings: BTreeSet<PathBuf> = meetings
        .iter()
        .flat_map(|m| {
            m.loaded
                .cases
                .iter()
                .flatten()
                .map(|c| canonical(&c.source.path))
        })
        .collect();
    let mut cases = Vec::new();
    for source in standalone {
        if on_meetings.contains(&canonical(&source.path)) {
            continue;
        }
        match LoadedCase::from_source(source, reading) {
            Ok(case) => cases.push(case),
            Err(e) => problems.extend(e.problems),
        }
    }
    // A case that fails is met both through its meeting and in its folder: say it once.
    let mut seen = Vec::new();
    problems.retain(|p| {
        let new = !seen.contains(p);
        if new {
            seen.push(p.clone());
        }
        new
    });
    // Asked while the nämnd's meetings are read anyway; the reading ends with the load.
    let standing = cases
        .iter()
        .map(|case| model::standing_in_meetings(&case.source.path, reading))
        .collect();
    if problems.is_empty() {
        Ok(Inputs {
            meetings,
            cases,
            standing,
        })
    } else {
        Err(Error::new(problems))
    }
}

/// A YAML file as loaded: a meeting with its cases, or a file that may be a case on none.
enum Loaded {
    Meeting(Box<MeetingInput>),
    Other(Box<model::SourceFile>),
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Run every check on the inputs, the figures cited in prose included: everything a
/// build would reject, short of typesetting. Returns the warnings.
pub fn check(inputs: &Inputs) -> Result<Vec<Problem>> {
    let warnings = validate(inputs)?;
    plan(inputs)?;
    Ok(warnings)
}

/// Every rule of every file: Err when any is broken (warnings included in the report),
/// else the warnings.
pub fn validate(inputs: &Inputs) -> Result<Vec<Problem>> {
    let mut problems: Vec<Problem> = in_parallel(
        &inputs.meetings,
        |_, _| {},
        |m| validate::meeting(&m.loaded, &m.facts),
    )
    .into_iter()
    .flatten()
    .collect();
    problems.extend(inputs.cases.iter().flat_map(validate::case));
    if problems.iter().any(Problem::is_error) {
        Err(Error::new(problems))
    } else {
        Ok(problems)
    }
}

/// A document with the folder its files may come from and the name of its file.
#[derive(Clone)]
pub struct Planned {
    /// Shared with the handlingar packet that gathers it (a tjänsteutlåtande).
    pub document: Arc<Document>,
    pub root: PathBuf,
    /// The file name without extension, unique among the documents of a build.
    pub stem: String,
    /// The meeting it was planned with (none for a case on no meeting).
    pub meeting: Option<PathBuf>,
    /// Why it cannot be told whether the document is secret (a case built alone beside
    /// a meeting that does not parse): it is then taken as secret, and a web copy of it
    /// is an error.
    pub secrecy_doubt: Option<Problem>,
}

/// Every document of the inputs: per meeting the tjänsteutlåtande of each case (and its
/// file bilagor), the protokollsutdrag of each § and the anslag; then the cases not on a meeting.
pub fn plan(inputs: &Inputs) -> Result<Vec<Planned>> {
    let mut planned = Vec::new();
    let mut problems = Vec::new();
    let mut done = BTreeSet::new();
    let profiles = derive::ProfileViews::default();
    let mut push = |result: Result<Vec<Arc<Document>>>,
                    root: PathBuf,
                    meeting: Option<&Path>,
                    secrecy_doubt: Option<Problem>| match result {
        Ok(documents) => planned.extend(documents.into_iter().map(|document| Planned {
            stem: write::file_stem(&document),
            document,
            root: root.clone(),
            meeting: meeting.map(Path::to_path_buf),
            secrecy_doubt: secrecy_doubt.clone(),
        })),
        Err(e) => problems.extend(e.problems),
    };
    // Each case's statement is planned with the first meeting that holds it; every
    // meeting's packet gathers its own.
    let jobs: Vec<(&MeetingInput, Vec<bool>)> = inputs
        .meetings
        .iter()
        .map(|meeting| {
            let first = meeting
                .loaded
                .items()
                .map(|item| {
                    item.case
                        .is_some_and(|case| done.insert(canonical(&case.source.path)))
                })
                .collect();
            (meeting, first)
        })
        .collect();
    // Deriving the views is the bulk of planning: every meeting on every core.
    let derived = in_parallel(
        &jobs,
        |_, _| {},
        |(meeting, first)| meeting_documents(meeting, first, &profiles),
    );
    for ((meeting, _), derived) in jobs.iter().zip(derived) {
        for (result, root) in derived {
            push(result, root, Some(&meeting.loaded.source.path), None);
        }
    }
    for (case, standing) in inputs.cases.iter().zip(&inputs.standing) {
        // A case built alone is as secret as a meeting that holds it makes it (in doubt,
        // secret), and redacted as that meeting's documents are.
        let statement = derive::statement(case, &profiles).map(|mut d| {
            match standing {
                Ok(standing) => {
                    d.secret = standing.secret;
                    d.redact_also(&standing.personal_data);
                }
                Err(_) => d.secret = true,
            }
            derive::attach_files(case, d).with_attached()
        });
        let doubt = standing
            .as_ref()
            .err()
            .and_then(|e| e.problems.first().cloned());
        push(statement, folder(&case.source.path), None, doubt);
    }
    if problems.is_empty() {
        unique_stems(&mut planned);
        Ok(planned)
    } else {
        Err(Error::new(problems))
    }
}

/// Folder of the file at `path`, where its documents may take files from.
fn folder(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A meeting's documents, each with its root: the tjänsteutlåtande of each case that
/// `first` says is planned with this meeting, then the meeting's own. A statement that
/// fails is reported with the first meeting holding its case, and left out of the
/// packets.
fn meeting_documents(
    meeting: &MeetingInput,
    first: &[bool],
    profiles: &derive::ProfileViews,
) -> Vec<(Result<Vec<Arc<Document>>>, PathBuf)> {
    let mut documents = Vec::new();
    let personal_data = derive::personal_data(&meeting.loaded);
    let statements: Vec<Option<Arc<Document>>> = meeting
        .loaded
        .items()
        .zip(first)
        .map(|(item, first)| {
            let case = item.case?;
            // As secret as its item, and redacted as the meeting's documents are.
            let statement = derive::statement(case, profiles).map(|mut document| {
                document.secret = item.item.sekretess;
                document.redact_also(&personal_data);
                derive::attach_files(case, document)
            });
            if *first {
                let planned = statement
                    .as_ref()
                    .map(|d| d.with_attached())
                    .map_err(Clone::clone);
                documents.push((planned, folder(&case.source.path)));
            }
            statement.ok()
        })
        .collect();
    let meeting_documents =
        derive::meeting_documents(&meeting.loaded, &meeting.facts, profiles, &statements);
    documents.push((
        meeting_documents.map(|documents| documents.into_iter().map(Arc::new).collect()),
        folder(&meeting.loaded.source.path),
    ));
    documents
}

/// Make every file name unique: documents that would share one (two cases of one ärende
/// with the same dnr and date) are told apart by their YAML file's name, then by number.
pub fn unique_stems(planned: &mut [Planned]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for Planned { document, stem, .. } in planned.iter_mut() {
        if seen.contains(stem.as_str()) {
            let source = document
                .sources
                .first()
                .map(|s| {
                    let name = s.name.as_str();
                    let name = name
                        .strip_suffix(".yaml")
                        .or_else(|| name.strip_suffix(".yml"));
                    name.unwrap_or(&s.name).to_owned()
                })
                .unwrap_or_default();
            let with_source = format!("{stem}_{}", write::slug(&source, 40));
            *stem = (1..)
                .map(|n| match n {
                    1 => with_source.clone(),
                    n => format!("{with_source}-{n}"),
                })
                .find(|candidate| !seen.contains(candidate))
                .unwrap_or(with_source);
        }
        seen.insert(stem.clone());
    }
}

/// Build options.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
    pub conformance: Conformance,
    /// The web copy (see `web_copy`): no attached sources, personal data replaced,
    /// secret items left out.
    pub web_copy: bool,
    /// Called with (documents done, documents in all) as each document is done.
    pub progress: Option<fn(usize, usize)>,
    /// A folder whose files replace the built-in templates of the same name.
    pub templates: Option<PathBuf>,
    /// Typeset every document, whatever the output folder's cache says.
    pub force: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            emit_typst: false,
            conformance: Conformance::Archive,
            web_copy: false,
            progress: None,
            templates: None,
            force: false,
        }
    }
}
