//! paragraf: reviewable YAML to the formal documents of a Swedish nämnd.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`model`] (YAML → Rust) → [`facts`] (what follows: totals, who serves each §, the
//! justeringar) → [`validate`] (the rules, over model and facts) → [`derive`] (each
//! document's view: wording, Swedish typography) → [`render`] (minijinja → Typst source)
//! → [`typeset`] (Typst → PDF, in-process) → [`write`] (files, atomically; [`cache`] says
//! which need typesetting again). [`swedish`]
//! (dates, amounts, § lists) is the leaf they all use. [`build`] runs them in order
//! (`make.rs` takes planned documents through render, typeset and write); [`check`]
//! stops before rendering. Beside the pipeline: [`archive`] (the registrar's manifest and
//! e-archive package), [`extract`] (the YAML attached to a PDF, back out) and [`verify`]
//! (whether a PDF is still what that YAML makes).

pub mod archive;
pub mod cache;
pub mod derive;
pub mod error;
pub mod extract;
pub mod facts;
pub mod fonts;
mod make;
pub mod model;
pub mod publish;
pub mod render;
pub mod swedish;
pub mod textconv;
pub mod typeset;
pub mod validate;
pub mod verify;
pub mod watch;
pub mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use error::{Error, Problem, Result};
use make::{Made, make, templates};
pub use make::{Produced, produce};
use model::{LoadedCase, LoadedMeeting};
use typeset::Conformance;

/// What to build from: the meetings and the cases not on any of them.
#[derive(Debug, Default)]
pub struct Inputs {
    pub meetings: Vec<LoadedMeeting>,
    pub cases: Vec<LoadedCase>,
}

/// Find and load the YAML files under `paths` (files, or folders searched recursively).
/// A meeting brings its cases; a case that is on a meeting is built once. All problems
/// of all files are reported together.
pub fn load(paths: &[PathBuf]) -> Result<Inputs> {
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
    let reading = model::Reading::default();
    // Files are read and parsed on every core; what they hold comes back in file order.
    let loaded = in_parallel(&files, None, |path| -> Result<Option<Loaded>> {
        let source = reading.source(path)?;
        if path.file_name().is_some_and(|n| n == model::PROFILE_FILE) {
            // A profile makes no document of its own; it is checked here so that one no
            // case uses yet is checked too.
            let name = model::PROFILE_FILE.to_owned();
            model::LoadedProfile::from_source(source, name)?;
            Ok(None)
        } else if source.is_meeting() {
            LoadedMeeting::from_source(source, &reading).map(|m| Some(Loaded::Meeting(Box::new(m))))
        } else {
            Ok(Some(Loaded::Other(Box::new(source))))
        }
    });
    let mut inputs = Inputs::default();
    let mut standalone = Vec::new();
    for result in loaded {
        match result {
            Ok(Some(Loaded::Meeting(meeting))) => inputs.meetings.push(*meeting),
            Ok(Some(Loaded::Other(source))) => standalone.push(*source),
            Ok(None) => {}
            Err(e) => problems.extend(e.problems),
        }
    }
    let on_meetings: BTreeSet<PathBuf> = inputs
        .meetings
        .iter()
        .flat_map(|m| m.cases.iter().flatten().map(|c| canonical(&c.source.path)))
        .collect();
    for source in standalone {
        if on_meetings.contains(&canonical(&source.path)) {
            continue;
        }
        match LoadedCase::from_source(source, &reading) {
            Ok(case) => inputs.cases.push(case),
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
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(Error::new(problems))
    }
}

/// A YAML file as loaded: a meeting with its cases, or a file that may be a case on none.
enum Loaded {
    Meeting(Box<LoadedMeeting>),
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
fn validate(inputs: &Inputs) -> Result<Vec<Problem>> {
    let mut problems: Vec<Problem> = in_parallel(&inputs.meetings, None, |m| {
        validate::meeting(m, &facts::MeetingFacts::of(m))
    })
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
pub struct Planned {
    /// Shared with the handlingar packet that gathers it (a tjänsteutlåtande).
    pub document: Arc<derive::Document>,
    pub root: PathBuf,
    /// The file name without `.pdf`, unique among the documents of a build.
    pub stem: String,
    /// The meeting it was planned with (none for a case on no meeting).
    pub meeting: Option<PathBuf>,
}

/// Every document of the inputs: per meeting the tjänsteutlåtande of each case, the
/// protokollsutdrag of each § and the anslag; then the cases not on a meeting.
pub fn plan(inputs: &Inputs) -> Result<Vec<Planned>> {
    let folder = |path: &Path| {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let mut planned = Vec::new();
    let mut problems = Vec::new();
    let mut done = BTreeSet::new();
    let reading = model::Reading::default();
    let profiles = derive::ProfileViews::default();
    let mut push = |result: Result<Vec<Arc<derive::Document>>>,
                    root: PathBuf,
                    meeting: Option<&Path>| match result {
        Ok(documents) => planned.extend(documents.into_iter().map(|document| Planned {
            stem: write::file_stem(&document),
            document,
            root: root.clone(),
            meeting: meeting.map(Path::to_path_buf),
        })),
        Err(e) => problems.extend(e.problems),
    };
    // Each case's statement is planned with the first meeting that holds it; every
    // meeting's packet gathers its own.
    let jobs: Vec<(&LoadedMeeting, Vec<bool>)> = inputs
        .meetings
        .iter()
        .map(|meeting| {
            let first = meeting
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
    let derived = in_parallel(&jobs, None, |(meeting, first)| {
        // The statement of a secret item is as secret as the item. One that fails is
        // reported with the first meeting holding its case, and left out of the packets.
        let mut documents: Vec<(Result<Vec<Arc<derive::Document>>>, PathBuf)> = Vec::new();
        let statements: Vec<Option<Arc<derive::Document>>> = meeting
            .items()
            .zip(first)
            .map(|(item, first)| {
                let case = item.case?;
                let statement = derive::statement(case, &profiles).map(|mut document| {
                    document.secret = item.item.sekretess;
                    Arc::new(document)
                });
                if *first {
                    let planned = statement.clone().map(|d| vec![d]);
                    documents.push((planned, folder(&case.source.path)));
                }
                statement.ok()
            })
            .collect();
        let meeting_documents = derive::meeting_documents(
            meeting,
            &facts::MeetingFacts::of(meeting),
            &profiles,
            &statements,
        );
        documents.push((
            meeting_documents.map(|documents| documents.into_iter().map(Arc::new).collect()),
            folder(&meeting.source.path),
        ));
        documents
    });
    for ((meeting, _), derived) in jobs.iter().zip(derived) {
        for (result, root) in derived {
            push(result, root, Some(&meeting.source.path));
        }
    }
    for case in &inputs.cases {
        // A case built alone is as secret as the meeting that holds it makes it.
        let statement = derive::statement(case, &profiles).map(|mut d| {
            d.secret = model::secret_in_meetings(&case.source.path, &reading);
            vec![Arc::new(d)]
        });
        push(statement, folder(&case.source.path), None);
    }
    if problems.is_empty() {
        unique_stems(&mut planned);
        Ok(planned)
    } else {
        Err(Error::new(problems))
    }
}

/// Make every file name unique: documents that would share one (two cases of one ärende
/// with the same dnr and date) are told apart by their YAML file's name, then by number.
fn unique_stems(planned: &mut [Planned]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for Planned { document, stem, .. } in planned.iter_mut() {
        if seen.contains(stem.as_str()) {
            let source = document
                .sources
                .first()
                .map(|s| s.name.trim_end_matches(".yaml").to_owned())
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
    /// The web copy: no attached sources, personal data replaced, secret items left out.
    pub publish: bool,
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
            publish: false,
            progress: None,
            templates: None,
            force: false,
        }
    }
}

/// Typeset this many documents, then let Typst's memo cache drop what none of them used:
/// memory stays bounded by the documents in flight, not by the whole build.
const TRIM_EVERY: usize = 8;

/// Run `work` on every item on every core (one thread per core, sharing fonts and Typst's
/// memo cache); the results come in the order of `items`. `progress` hears of each.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    progress: Option<fn(usize, usize)>,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break done;
                        };
                        done.push((i, work(item)));
                        let count = finished.fetch_add(1, Ordering::Relaxed) + 1;
                        if count.is_multiple_of(TRIM_EVERY) {
                            typeset::trim_cache();
                        }
                        if let Some(progress) = progress {
                            progress(count, items.len());
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    typeset::trim_cache();
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The results of `work` on every item, or all their problems together.
fn all_or_problems<R>(results: Vec<Result<R>>) -> Result<Vec<R>> {
    let mut problems = Vec::new();
    let mut done = Vec::new();
    for result in results {
        match result {
            Ok(r) => done.push(r),
            Err(e) => problems.extend(e.problems),
        }
    }
    if problems.is_empty() {
        Ok(done)
    } else {
        Err(Error::new(problems))
    }
}

/// What a build wrote, and what it warns about.
#[derive(Debug)]
pub struct Report {
    pub written: Vec<write::Written>,
    pub warnings: Vec<Problem>,
    /// The documents (file stems) typeset in this build.
    pub typeset: Vec<String>,
    /// How many documents' files the output folder already held, made from the same input.
    pub reused: usize,
}

impl Report {
    fn of(
        written: Vec<write::Written>,
        planned: &[Planned],
        made: &[Made],
        warnings: Vec<Problem>,
    ) -> Self {
        let typeset: Vec<String> = planned
            .iter()
            .zip(made)
            .filter(|(_, m)| m.typeset)
            .map(|(p, _)| p.stem.clone())
            .collect();
        Report {
            written,
            warnings,
            reused: made.len() - typeset.len(),
            typeset,
        }
    }
}

/// Load, check and plan: the documents to make and the warnings on the way. For the web
/// copy, the documents of secret items are left out, each with a warning saying so.
fn prepare(paths: &[PathBuf], options: &BuildOptions) -> Result<(Vec<Planned>, Vec<Problem>)> {
    let inputs = load(paths)?;
    let mut warnings = validate(&inputs)?;
    let mut planned = plan(&inputs)?;
    if options.publish {
        // The web copy's titles (and so its file names) leave personal data out too.
        for Planned { document, stem, .. } in &mut planned {
            let title =
                render::redact::Redactions::new(&document.redactions).apply(&document.title);
            Arc::make_mut(document).title = title;
            *stem = write::file_stem(document);
        }
        unique_stems(&mut planned);
        // The public packet is the web copy of the whole one.
        planned.retain(
            |p| !matches!(&p.document.view, derive::View::Packet(packet) if !packet.public),
        );
        planned.retain(|Planned { document, root, .. }| {
            if document.secret {
                let what = match document.paragraph {
                    Some(n) => format!("{} § {n}", document.kind_name()),
                    None => document.kind_name(),
                };
                let message = format!(
                    "{what} ({}) omfattas av sekretess och utelämnas i webbkopian",
                    document.title
                );
                warnings.push(Problem::in_file(root, message).warning());
            }
            !document.secret
        });
    }
    Ok((planned, warnings))
}

/// What `archive` writes beside the PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    /// The PDFs with `manifest.json` and `manifest.txt`.
    Manifest,
    /// One FGS 2.0 / E-ARK SIP package per meeting (see [`archive::fgs`]); the packages
    /// say they were made at `created` (`SOURCE_DATE_EPOCH`), else at their latest
    /// document's date.
    Fgs {
        created: Option<chrono::NaiveDateTime>,
    },
}

/// The registrar's export, written all or nothing; files that would not change are left
/// alone. Every document is typeset (an export trusts no earlier build).
pub fn archive(
    paths: &[PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
    format: ArchiveFormat,
) -> Result<Report> {
    let (mut planned, warnings) = prepare(paths, options)?;
    // The registrar archives each document once: the packet only gathers them.
    planned.retain(|p| p.document.kind != derive::DocumentKind::Packet);
    let options = BuildOptions {
        emit_typst: false,
        ..options.clone()
    };
    let (written, made) = match format {
        ArchiveFormat::Manifest => make(&planned, out_dir, &options, false, |pdfs| {
            Ok(archive::manifest(&planned, pdfs).files())
        })?,
        ArchiveFormat::Fgs { created } => {
            let packages = archive::fgs::place(&mut planned, created);
            make(&planned, out_dir, &options, false, |pdfs| {
                packages.files(&planned, pdfs)
            })?
        }
    };
    Ok(Report::of(written, &planned, &made, warnings))
}

/// The published web site (see [`publish`]): the anslagstavla as on `site.on`, a page per
/// protocol and extract with its PDF web copy, the feed; written all or nothing, every
/// document typeset (like an export, it trusts no earlier build).
pub fn publish(
    paths: &[PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
    site: &publish::Site,
) -> Result<Report> {
    let options = BuildOptions {
        emit_typst: false,
        publish: true,
        ..options.clone()
    };
    let (mut planned, warnings) = prepare(paths, &options)?;
    publish::place(&mut planned);
    let renderer = render::html::HtmlRenderer::new(&templates(&options)?)?;
    let (written, made) = make(&planned, out_dir, &options, false, |_| {
        publish::pages(&planned, &renderer, site)
    })?;
    Ok(Report::of(written, &planned, &made, warnings))
}

/// The whole pipeline: load, check, derive, render, typeset, write. On any error writes
/// nothing. Documents whose inputs are those the output folder's cache recorded are not
/// typeset again (unless `force`).
pub fn build(paths: &[PathBuf], out_dir: &Path, options: &BuildOptions) -> Result<Report> {
    let (planned, warnings) = prepare(paths, options)?;
    if planned.is_empty() {
        // Nothing to make (a web copy of secret cases only): the folder stays untouched.
        return Ok(Report::of(Vec::new(), &[], &[], warnings));
    }
    let (written, made) = make(&planned, out_dir, options, true, |_| Ok(Vec::new()))?;
    Ok(Report::of(written, &planned, &made, warnings))
}
