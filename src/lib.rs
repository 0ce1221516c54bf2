//! paragraf: reviewable YAML to the formal documents of a Swedish nämnd.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`model`] (YAML → Rust) → [`facts`] (what follows: totals, who serves each §, the
//! justeringar) → [`validate`] (the rules, over model and facts) → [`derive`] (each
//! document's view: wording, Swedish typography) → [`render`] (minijinja → Typst source)
//! → [`typeset`] (Typst → PDF, in-process) → [`write`] (files, atomically). [`swedish`]
//! (dates, amounts, § lists) is the leaf they all use. [`build`] runs them in order; [`check`]
//! stops before rendering. Beside the pipeline: [`archive`] (the registrar's manifest) and
//! [`extract`] (the YAML attached to a PDF, back out).

pub mod archive;
pub mod derive;
pub mod error;
pub mod extract;
pub mod facts;
pub mod fonts;
pub mod model;
pub mod render;
pub mod swedish;
pub mod textconv;
pub mod typeset;
pub mod validate;
pub mod watch;
pub mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use error::{Error, Problem, Result};
use model::{LoadedCase, LoadedMeeting, SourceFile};
use typeset::{Conformance, PdfSettings};
use write::OutputFile;

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
    let mut inputs = Inputs::default();
    let mut standalone = Vec::new();
    for path in &files {
        let source = match SourceFile::read(path) {
            Ok(source) => source,
            Err(e) => {
                problems.extend(e.problems);
                continue;
            }
        };
        if path.file_name().is_some_and(|n| n == model::PROFILE_FILE) {
            // A profile makes no document of its own; it is checked here so that one no
            // case uses yet is checked too.
            let name = model::PROFILE_FILE.to_owned();
            if let Err(e) = model::LoadedProfile::from_source(source, name) {
                problems.extend(e.problems);
            }
        } else if source.is_meeting() {
            match LoadedMeeting::from_source(source) {
                Ok(meeting) => inputs.meetings.push(meeting),
                Err(e) => problems.extend(e.problems),
            }
        } else {
            standalone.push(source);
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
        match LoadedCase::from_source(source) {
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
    let mut problems: Vec<Problem> = inputs
        .meetings
        .iter()
        .flat_map(|m| validate::meeting(m, &facts::MeetingFacts::of(m)))
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
    pub document: derive::Document,
    pub root: PathBuf,
    /// The file name without `.pdf`, unique among the documents of a build.
    pub stem: String,
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
    let mut push = |result: Result<Vec<derive::Document>>, root: PathBuf| match result {
        Ok(documents) => planned.extend(documents.into_iter().map(|document| Planned {
            stem: write::file_stem(&document),
            document,
            root: root.clone(),
        })),
        Err(e) => problems.extend(e.problems),
    };
    for meeting in &inputs.meetings {
        for item in meeting.items() {
            let Some(case) = item.case else { continue };
            if done.insert(canonical(&case.source.path)) {
                // The statement of a secret item is as secret as the item.
                let statement = derive::statement(case).map(|mut d| {
                    d.secret = item.item.sekretess;
                    vec![d]
                });
                push(statement, folder(&case.source.path));
            }
        }
        push(
            derive::meeting_documents(meeting, &facts::MeetingFacts::of(meeting)),
            folder(&meeting.source.path),
        );
    }
    for case in &inputs.cases {
        // A case built alone is as secret as the meeting that holds it makes it.
        let statement = derive::statement(case).map(|mut d| {
            d.secret = model::secret_in_meetings(&case.source.path);
            vec![d]
        });
        push(statement, folder(&case.source.path));
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
    /// Called with (documents done, documents in all) as each document is typeset.
    pub progress: Option<fn(usize, usize)>,
    /// A folder whose files replace the built-in templates of the same name.
    pub templates: Option<PathBuf>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            emit_typst: false,
            conformance: Conformance::Archive,
            publish: false,
            progress: None,
            templates: None,
        }
    }
}

/// A typeset document: its file stem, its PDF and its Typst source with the files it
/// attaches (what the PDF is made from: the same again gives the same PDF).
#[derive(Debug, Clone)]
pub struct Produced {
    pub stem: String,
    pub pdf: Vec<u8>,
    pub typst: String,
    pub attachments: Vec<(String, Vec<u8>)>,
    pub images: Vec<(String, Vec<u8>)>,
}

impl Produced {
    /// The files to write: the PDF, and with `emit_typst` the Typst source beside it.
    pub fn files(self, emit_typst: bool) -> Vec<OutputFile> {
        let mut files = vec![OutputFile {
            name: format!("{}.pdf", self.stem),
            bytes: self.pdf,
        }];
        if emit_typst {
            files.push(OutputFile {
                name: format!("{}.typ", self.stem),
                bytes: self.typst.into_bytes(),
            });
        }
        files
    }
}

/// Render and typeset every planned document, in memory and in parallel (one thread per
/// core, sharing fonts and Typst's memo cache); the result is in the order of `planned`.
/// Nothing is written: a failure in any document fails before a file is touched.
pub fn produce(planned: &[Planned], options: &BuildOptions) -> Result<Vec<Produced>> {
    produce_reusing(planned, options, &[])
}

/// As [`produce`], but a document whose Typst source and attachments equal those of one in
/// `previous` takes that one's PDF instead of being typeset again: what a watch process
/// does between rebuilds, so that an edit re-typesets only the documents it changes.
pub fn produce_reusing(
    planned: &[Planned],
    options: &BuildOptions,
    previous: &[Produced],
) -> Result<Vec<Produced>> {
    let templates = match &options.templates {
        Some(dir) => render::Templates::with_overrides(dir)?,
        None => render::Templates::built_in(),
    };
    let renderer = render::Renderer::new(&templates)?;
    let mut problems = Vec::new();
    let one = |Planned {
                   document,
                   root,
                   stem,
               }: &Planned|
     -> Result<Produced> {
        let stem = stem.clone();
        let attach = options.conformance.allows_attachments() && !options.publish;
        let source = renderer.render(document, attach, options.publish)?;
        let settings = PdfSettings {
            ident: stem.clone(),
            date: document.date,
            root: Some(root.clone()),
            conformance: options.conformance.clone(),
        };
        let unchanged = previous.iter().find(|p| {
            p.stem == stem
                && p.typst == source.text
                && p.attachments == source.attachments
                && p.images == source.images
        });
        let pdf = match unchanged {
            Some(before) => before.pdf.clone(),
            None => typeset::typeset(&source, &settings)?,
        };
        Ok(Produced {
            stem,
            pdf,
            typst: source.text,
            attachments: source.attachments,
            images: source.images,
        })
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(planned.len().max(1));
    let mut results: Vec<(usize, Result<Produced>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = planned.get(i) else {
                            break done;
                        };
                        done.push((i, one(item)));
                        let count = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        if let Some(progress) = options.progress {
                            progress(count, planned.len());
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
    typeset::evict_cache();
    results.sort_by_key(|(i, _)| *i);
    let mut produced = Vec::new();
    for (_, result) in results {
        match result {
            Ok(p) => produced.push(p),
            Err(e) => problems.extend(e.problems),
        }
    }
    if problems.is_empty() {
        Ok(produced)
    } else {
        Err(Error::new(problems))
    }
}

/// What a build wrote, and what it warns about.
#[derive(Debug)]
pub struct Report {
    pub written: Vec<write::Written>,
    pub warnings: Vec<Problem>,
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
            document.title =
                render::redact::Redactions::new(&document.redactions).apply(&document.title);
            *stem = write::file_stem(document);
        }
        unique_stems(&mut planned);
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

/// The registrar's export: every PDF of the inputs and a manifest (JSON and text) with
/// checksums, written all or nothing; files that would not change are left alone.
pub fn archive(paths: &[PathBuf], out_dir: &Path, options: &BuildOptions) -> Result<Report> {
    let (planned, warnings) = prepare(paths, options)?;
    let produced = produce(&planned, options)?;
    let manifest = archive::manifest(&planned, &produced);
    let mut files: Vec<OutputFile> = produced.into_iter().flat_map(|p| p.files(false)).collect();
    files.extend(manifest.files());
    let written = write::write_all(out_dir, &files)?;
    Ok(Report { written, warnings })
}

/// The whole pipeline: load, check, derive, render, typeset, write. On any error writes
/// nothing.
pub fn build(paths: &[PathBuf], out_dir: &Path, options: &BuildOptions) -> Result<Report> {
    build_reusing(paths, out_dir, options, &mut Vec::new())
}

/// [`build`], taking the PDFs of `previous` for documents that did not change and leaving
/// this build's documents there for the next.
pub fn build_reusing(
    paths: &[PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
    previous: &mut Vec<Produced>,
) -> Result<Report> {
    let (planned, warnings) = prepare(paths, options)?;
    let produced = produce_reusing(&planned, options, previous)?;
    let outputs: Vec<OutputFile> = produced
        .iter()
        .cloned()
        .flat_map(|p| p.files(options.emit_typst))
        .collect();
    let written = write::write_all(out_dir, &outputs)?;
    *previous = produced;
    Ok(Report { written, warnings })
}
