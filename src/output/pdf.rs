//! The PDF output (`paragraf build`): planned documents rendered to Typst, typeset and
//! written into the output folder all at once, or kept in memory (the benches). The
//! output folder's cache says which documents need neither. The site and the package
//! write their PDFs through [`make`] too, each at placements of its own.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::{Placement, Report, prepare};
use crate::assemble;
use crate::cache;
use crate::derive::{PacketPart, View};
use crate::error::{Problem, Result, all_or_problems};
use crate::parallel::in_parallel;
use crate::plan::{BuildOptions, Planned};
use crate::render;
use crate::typeset::{self, PdfSettings};
use crate::web_copy;
use crate::write::{self, OutputFile};

/// A typeset document: its file stem, its PDF and its Typst source with the files it
/// attaches (what the PDF is made from: the same again gives the same PDF).
#[derive(Debug, Clone)]
pub struct Produced {
    pub stem: String,
    pub pdf: Vec<u8>,
    pub typst: String,
    pub attachments: Vec<(String, Arc<[u8]>)>,
    pub images: Vec<(String, Arc<[u8]>)>,
}

impl Produced {
    /// The files to write: the PDF, and with `emit_typst` the Typst source beside it.
    pub fn files(self, emit_typst: bool) -> Vec<OutputFile> {
        output_files(
            &Placement::top(&self.stem),
            self.pdf,
            self.typst,
            emit_typst,
        )
    }
}

/// A document's files at `place`: the PDF, and with `emit_typst` its Typst source.
fn output_files(
    place: &Placement,
    pdf: Vec<u8>,
    typst: String,
    emit_typst: bool,
) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        name: place.file("pdf"),
        bytes: pdf,
    }];
    if emit_typst {
        files.push(OutputFile {
            name: place.file("typ"),
            bytes: typst.into_bytes(),
        });
    }
    files
}

/// The templates of a build: the built-in ones, or those with the user's overrides.
pub(crate) fn templates(options: &BuildOptions) -> Result<render::Templates> {
    match &options.templates {
        Some(dir) => render::Templates::with_overrides(dir),
        None => Ok(render::Templates::built_in()),
    }
}

/// Whether a build's documents carry their YAML sources.
fn attaches(options: &BuildOptions) -> bool {
    web_copy::attaches_sources(options.conformance.allows_attachments(), options.web_copy)
}

/// The settings a document is typeset with. The PDF's identity is its file name,
/// wherever the file is put (an archive package's data folder).
fn settings(planned: &Planned, stem: &str, options: &BuildOptions) -> PdfSettings {
    PdfSettings {
        ident: stem.to_owned(),
        date: planned.document.date,
        root: Some(planned.root.clone()),
        conformance: options.conformance.clone(),
    }
}

/// The Typst source of a planned document.
fn render_one(
    renderer: &render::Renderer,
    planned: &Planned,
    options: &BuildOptions,
) -> Result<render::TypstSource> {
    renderer.render(&planned.document, attaches(options), options.web_copy)
}

/// The Typst source of a planned document and, for a handlingar packet, its documents'
/// sources, which its cache keys are made of and it is assembled from: rendered once for
/// both.
fn render_with_parts<'a>(
    renderer: &render::Renderer,
    planned: &'a Planned,
    options: &BuildOptions,
) -> Result<(
    render::TypstSource,
    Vec<(&'a PacketPart, render::TypstSource)>,
)> {
    if !is_packet(planned) {
        return Ok((render_one(renderer, planned, options)?, Vec::new()));
    }
    let document = &planned.document;
    let parts = renderer.packet_parts(document, attaches(options), options.web_copy)?;
    let source =
        renderer.render_packet(document, attaches(options), options.web_copy, &parts, None)?;
    Ok((source, parts))
}

/// After each document: say how far the build is, and every few documents let Typst's
/// memo cache drop what none of them used, so that memory stays bounded by the
/// documents in flight, not by the whole build.
fn after_each(options: &BuildOptions) -> impl Fn(usize, usize) + Sync + '_ {
    /// How many documents are typeset between two trims.
    const TRIM_EVERY: usize = 8;
    move |done, all| {
        if done.is_multiple_of(TRIM_EVERY) || done == all {
            typeset::trim_cache();
        }
        if let Some(progress) = options.progress {
            progress(done, all);
        }
    }
}

/// Render and typeset every planned document in memory, in parallel; the result is in
/// the order of `planned`. Nothing is written.
pub fn produce(planned: &[Planned], options: &BuildOptions) -> Result<Vec<Produced>> {
    let renderer = render::Renderer::new(&templates(options)?)?;
    let results = packets_last(
        planned,
        |p| p,
        options,
        |planned, found: Option<&HashMap<String, Vec<u8>>>| {
            let settings = settings(planned, &planned.stem, options);
            let (source, pdf) = match found {
                Some(found) => {
                    let parts = renderer.packet_parts(
                        &planned.document,
                        attaches(options),
                        options.web_copy,
                    )?;
                    typeset_packet(&renderer, planned, &parts, &settings, options, &|key| {
                        found.get(key).cloned()
                    })?
                }
                None => {
                    let source = render_one(&renderer, planned, options)?;
                    let pdf = typeset::typeset(&source, &settings)?;
                    (source, pdf)
                }
            };
            let key = cache::content_key(&source, &settings);
            Ok((
                Produced {
                    stem: planned.stem.clone(),
                    pdf,
                    typst: source.text,
                    attachments: source.attachments,
                    images: source.images,
                },
                key,
            ))
        },
        |first| {
            first
                .iter()
                .filter(|(i, _)| planned.get(*i).is_some_and(gathered))
                .filter_map(|(_, r)| r.as_ref().ok())
                .map(|(produced, key)| (key.clone(), produced.pdf.clone()))
                .collect::<HashMap<String, Vec<u8>>>()
        },
    );
    all_or_problems(
        results
            .into_iter()
            .map(|r| r.map(|(p, _)| p))
            .collect::<Vec<_>>(),
    )
}

/// Whether `planned` is a handlingar packet, made from other documents of the same run.
fn is_packet(planned: &Planned) -> bool {
    matches!(planned.document.view, View::Packet(_))
}

/// Whether `planned` is of a kind a handlingar packet gathers: a kallelse, a
/// tjänsteutlåtande or a bilaga file.
fn gathered(planned: &Planned) -> bool {
    matches!(
        planned.document.view,
        View::Agenda(_) | View::Statement(_) | View::Attachment(_)
    )
}

/// `work` on every planned document in parallel, the handlingar packets after all the
/// rest: a packet's documents are typeset once, on their own, and the packet assembled
/// from their PDFs (`share` says, from the first results, where each PDF is). The
/// results are in the order of `planned`.
fn packets_last<T: Sync, R: Send + Sync, S: Sync>(
    items: &[T],
    planned: impl Fn(&T) -> &Planned,
    options: &BuildOptions,
    work: impl Fn(&T, Option<&S>) -> R + Sync,
    share: impl FnOnce(&[(usize, R)]) -> S,
) -> Vec<R> {
    let (packets, others): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| is_packet(planned(&items[i])));
    let progress = after_each(options);
    let all = items.len();
    let first = in_parallel(
        &others,
        |done, _| progress(done, all),
        |&i| work(&items[i], None),
    );
    let mut results: Vec<(usize, R)> = others.iter().copied().zip(first).collect();
    let shared = share(&results);
    let then = in_parallel(
        &packets,
        |done, _| {
            // A packet typesets its own PDF and any document the first phase did not
            // make (the public kallelse): as much as a few documents of the first.
            typeset::trim_cache();
            progress(others.len() + done, all);
        },
        |&i| work(&items[i], Some(&shared)),
    );
    results.extend(packets.into_iter().zip(then));
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Typeset a handlingar packet: each of its documents (the PDF `find` gives for its
/// content key, else typeset here), then its own PDF (contents and stamps) with their
/// page counts, and the two assembled. Returns the packet's own source and the PDF.
fn typeset_packet(
    renderer: &render::Renderer,
    planned: &Planned,
    sources: &[(&PacketPart, render::TypstSource)],
    settings: &PdfSettings,
    options: &BuildOptions,
    find: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<(render::TypstSource, Vec<u8>)> {
    let document = &planned.document;
    let public = options.web_copy || matches!(&document.view, View::Packet(p) if p.public);
    let broken = |why: String| Problem::in_file(&planned.root, why);
    let mut parts = Vec::new();
    for (part, source) in sources {
        let part_settings = PdfSettings {
            ident: format!("{}-{}", settings.ident, parts.len() + 1),
            date: part.document.date,
            ..settings.clone()
        };
        let pdf = match find(&cache::content_key(source, &part_settings)) {
            Some(pdf) => pdf,
            None => typeset::typeset(source, &part_settings)?,
        };
        // The kallelse by its heading, as in the contents; a § by its document's title.
        let title = match &part.document.view {
            View::Agenda(view) => view.heading.clone(),
            _ if public => web_copy::title(&part.document),
            _ => part.document.title.clone(),
        };
        parts.push(assemble::Part::read(&pdf, title, part.reference.clone()).map_err(broken)?);
    }
    let pages: Vec<usize> = parts.iter().map(assemble::Part::pages).collect();
    let source = renderer.render_packet(
        document,
        attaches(options),
        options.web_copy,
        sources,
        Some(&pages),
    )?;
    let own = typeset::typeset(&source, settings)?;
    let pdf = assemble::assemble(&own, parts, &stamp_style(document)).map_err(broken)?;
    Ok((source, pdf))
}

/// How `packet`'s stamps look (its profile's sans face and house colour) and what they
/// say: "Handlingar, sida", as the labels have it.
fn stamp_style(packet: &crate::derive::Document) -> assemble::StampStyle {
    let profile = &packet.profile;
    let label = |key: &str| profile.labels.get(key).cloned().unwrap_or_default();
    assemble::StampStyle {
        family: profile.typefaces.rubriker.family().to_owned(),
        colour: profile.colour.clone(),
        words: format!("{}, {}", label("handlingar"), label("sida").to_lowercase()),
        fonts: (!profile.fonts.is_empty()).then(|| crate::fonts::with_own(&profile.fonts)),
    }
}

/// A planned document and where an output puts its PDF.
pub(crate) struct Placed<'a> {
    pub planned: &'a Planned,
    pub place: Placement,
}

impl Placed<'_> {
    /// The names of the files it makes: the PDF, and with `emit_typst` its Typst source.
    fn names(&self, emit_typst: bool) -> impl Iterator<Item = String> + '_ {
        let typst = emit_typst.then(|| self.place.file("typ"));
        std::iter::once(self.place.file("pdf")).chain(typst)
    }
}

/// The names of the files `placed` make, for [`write::Stage::open`].
pub(crate) fn file_names(placed: &[Placed], emit_typst: bool) -> Vec<String> {
    placed.iter().flat_map(|p| p.names(emit_typst)).collect()
}

/// One document as made: the files it has in the output folder and whether it was
/// typeset (else the cache showed them made from the same input).
pub(crate) struct Made {
    pub(crate) written: Vec<write::Written>,
    pub(crate) entry: cache::Entry,
    pub(crate) typeset: bool,
}

impl Made {
    /// Files the folder already holds, made from the same inputs.
    fn reused(out_dir: &Path, entry: cache::Entry, inputs: String) -> Self {
        Made {
            written: entry
                .files
                .iter()
                .map(|stamp| write::Written {
                    path: out_dir.join(&stamp.name),
                    changed: false,
                    modified: None,
                })
                .collect(),
            entry: cache::Entry { inputs, ..entry },
            typeset: false,
        }
    }

    /// The PDF's stamp: its name, size and checksum (an entry is only ever made or
    /// reused with the PDF first among its files).
    pub(crate) fn pdf(&self) -> Option<&cache::Stamp> {
        self.entry.files.first()
    }
}

/// The cache of a build that keeps one: what the output folder held before.
pub(crate) struct Previous<'a> {
    pub cache: &'a cache::Cache,
    pub out_dir: &'a Path,
}

/// Make every placed document into `stage`, streaming: each PDF goes to a temporary
/// file as soon as it is typeset (the caller commits the stage when all its files are
/// made; on any failure nothing in the folder changes). With `previous`, a document whose
/// inputs match what the folder's cache recorded for files still there is neither
/// rendered nor typeset again, and one whose rendered source matches is not typeset
/// again. The results are in the order of `placed`.
pub(crate) fn make(
    placed: &[Placed],
    stage: &write::Stage,
    options: &BuildOptions,
    previous: Option<Previous>,
) -> Result<Vec<Made>> {
    let templates = templates(options)?;
    let renderer = render::Renderer::new(&templates)?;
    // The keys are the cache's: an export, which trusts no earlier build, needs none.
    let templates_key = previous.as_ref().map(|_| cache::templates_key(&templates));
    let results = packets_last(
        placed,
        |p| p.planned,
        options,
        |placed, found: Option<&Found>| -> Result<MadeWithKey> {
            let Placed { planned, place } = placed;
            let settings = settings(planned, &place.stem, options);
            let inputs = templates_key
                .as_ref()
                .map_or_else(String::new, |templates_key| {
                    cache::inputs_key(
                        &planned.document,
                        templates_key,
                        attaches(options),
                        options.web_copy,
                        &settings,
                        options.emit_typst,
                    )
                });
            // A document the folder already holds, made from the same input.
            let names: Vec<String> = placed.names(options.emit_typst).collect();
            let reused = |matches: &dyn Fn(&cache::Entry) -> bool| {
                let previous = previous.as_ref()?;
                let entry = previous
                    .cache
                    .fresh(previous.out_dir, &place.stem, &names, matches)?;
                Some(Made::reused(previous.out_dir, entry, inputs.clone()))
            };
            if let Some(made) = reused(&|e| e.inputs == inputs) {
                return Ok((made, None));
            }
            let (source, parts) = render_with_parts(&renderer, planned, options)?;
            let key = match previous {
                Some(_) => cache::key(&source, &settings, options.emit_typst),
                None => String::new(),
            };
            let content = (!is_packet(planned)).then(|| cache::content_key(&source, &settings));
            if let Some(made) = reused(&|e| e.key == key) {
                return Ok((made, content));
            }
            let (source, pdf) = match found {
                Some(found) => {
                    typeset_packet(&renderer, planned, &parts, &settings, options, &|key| {
                        found.pdf(key, planned, &renderer, options)
                    })?
                }
                None => {
                    let pdf = typeset::typeset(&source, &settings)?;
                    (source, pdf)
                }
            };
            let files = output_files(place, pdf, source.text, options.emit_typst);
            let written = files
                .iter()
                .map(|f| stage.put(f))
                .collect::<Result<Vec<_>>>()?;
            let stamps = files
                .iter()
                .zip(&written)
                .map(|(file, written)| cache::Stamp::of(file, written.modified))
                .collect();
            let made = Made {
                written,
                entry: cache::Entry {
                    inputs,
                    key,
                    files: stamps,
                },
                typeset: true,
            };
            Ok((made, content))
        },
        |first| Found::of(placed, first, stage),
    );
    all_or_problems(
        results
            .into_iter()
            .map(|r| r.map(|(made, _)| made))
            .collect::<Vec<_>>(),
    )
}

/// A document as made, with its content key when it was rendered (see
/// [`cache::content_key`]).
type MadeWithKey = (Made, Option<String>);

/// The PDFs the first documents of a build made, for the packets made after them.
struct Found<'a> {
    /// By content key, where each PDF is: staged, or in the output folder.
    files: HashMap<String, std::path::PathBuf>,
    /// The documents the folder already held, not rendered: each with its file stem,
    /// its PDF, and its content key once a packet has needed it.
    unrendered: Vec<Unrendered<'a>>,
}

struct Unrendered<'a> {
    planned: &'a Planned,
    stem: &'a str,
    pdf: std::path::PathBuf,
    key: std::sync::OnceLock<Option<String>>,
}

impl<'a> Found<'a> {
    fn of(
        placed: &'a [Placed],
        first: &[(usize, Result<MadeWithKey>)],
        stage: &write::Stage,
    ) -> Self {
        let mut files = HashMap::new();
        let mut unrendered = Vec::new();
        let temporaries = stage.temporaries();
        for (i, result) in first {
            let (Some(placed), Ok((made, content))) = (placed.get(*i), result) else {
                continue;
            };
            let Some(pdf) = made.written.first() else {
                continue;
            };
            let path = temporaries
                .get(&pdf.path)
                .cloned()
                .unwrap_or_else(|| pdf.path.clone());
            match content {
                Some(key) => {
                    files.insert(key.clone(), path);
                }
                None if gathered(placed.planned) => {
                    unrendered.push(Unrendered {
                        planned: placed.planned,
                        stem: &placed.place.stem,
                        pdf: path,
                        key: std::sync::OnceLock::new(),
                    });
                }
                None => {}
            }
        }
        Found { files, unrendered }
    }

    /// The PDF with content key `key`, for the packet `packet`: one made in this build,
    /// or one of its meeting's the folder held.
    fn pdf(
        &self,
        key: &str,
        packet: &Planned,
        renderer: &render::Renderer,
        options: &BuildOptions,
    ) -> Option<Vec<u8>> {
        let path = self.files.get(key).cloned().or_else(|| {
            self.unrendered
                .iter()
                .filter(|u| u.planned.meeting == packet.meeting)
                .find(|u| {
                    let known = u.key.get_or_init(|| {
                        let source = render_one(renderer, u.planned, options).ok()?;
                        let settings = settings(u.planned, u.stem, options);
                        Some(cache::content_key(&source, &settings))
                    });
                    known.as_deref() == Some(key)
                })
                .map(|u| u.pdf.clone())
        })?;
        std::fs::read(path).ok()
    }
}

impl Report {
    /// The report of an output that made `made` (aligned with `placed`) and wrote
    /// `written` in all.
    pub(crate) fn of(
        written: Vec<write::Written>,
        placed: &[Placed],
        made: &[Made],
        warnings: Vec<crate::error::Problem>,
    ) -> Self {
        let typeset: Vec<String> = placed
            .iter()
            .zip(made)
            .filter(|(_, m)| m.typeset)
            .map(|(p, _)| p.place.stem.clone())
            .collect();
        Report {
            written,
            warnings,
            reused: made.len() - typeset.len(),
            typeset,
        }
    }
}

/// The files the documents of `made` wrote or found unchanged, in order.
pub(crate) fn written(made: &[Made]) -> Vec<write::Written> {
    made.iter().flat_map(|m| m.written.clone()).collect()
}

/// The whole pipeline: load, check, derive, render, typeset, write. On any error writes
/// nothing. Documents whose inputs are those the output folder's cache recorded are not
/// typeset again (unless `force`).
pub fn build(
    paths: &[std::path::PathBuf],
    out_dir: &Path,
    options: &BuildOptions,
) -> Result<Report> {
    let (planned, warnings) = prepare(paths, options)?;
    if planned.is_empty() {
        // Nothing to make (a web copy of secret cases only): the folder stays untouched.
        return Ok(Report::of(Vec::new(), &[], &[], warnings));
    }
    let placed: Vec<Placed> = planned
        .iter()
        .map(|planned| Placed {
            planned,
            place: Placement::top(&planned.stem),
        })
        .collect();
    let mut names = file_names(&placed, options.emit_typst);
    names.push(cache::CACHE_FILE.to_owned());
    let stage = write::Stage::open(out_dir, names.iter().map(String::as_str))?;
    // Read under the folder's lock: a build running beside this one cannot write its
    // entries between our reading and our writing of the cache, and lose them.
    let previous = if options.force {
        cache::Cache::default()
    } else {
        cache::Cache::read(out_dir)
    };
    let made = make(
        &placed,
        &stage,
        options,
        Some(Previous {
            cache: &previous,
            out_dir,
        }),
    )?;
    let entries = placed
        .iter()
        .zip(&made)
        .map(|(p, m)| (p.place.stem.clone(), m.entry.clone()));
    // The cache is the build's own record, not one of its outputs.
    stage.put(&previous.updated(entries).file())?;
    stage.commit()?;
    Ok(Report::of(written(&made), &placed, &made, warnings))
}
