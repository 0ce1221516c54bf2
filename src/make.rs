//! Planned documents made into files: rendered to Typst, typeset to PDF, and written
//! into the output folder all at once, or kept in memory (the benches). The output
//! folder's cache says which documents need neither.

use std::path::Path;

use crate::typeset::{self, PdfSettings};
use crate::write::{self, OutputFile};
use crate::{BuildOptions, Planned, Result, all_or_problems, cache, in_parallel, render};

/// A typeset document: its file stem, its PDF and its Typst source with the files it
/// attaches (what the PDF is made from: the same again gives the same PDF).
#[derive(Debug, Clone)]
pub struct Produced {
    pub stem: String,
    pub pdf: Vec<u8>,
    pub typst: String,
    pub attachments: Vec<(String, std::sync::Arc<[u8]>)>,
    pub images: Vec<(String, std::sync::Arc<[u8]>)>,
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

/// The templates of a build: the built-in ones, or those with the user's overrides.
pub(crate) fn templates(options: &BuildOptions) -> Result<render::Templates> {
    match &options.templates {
        Some(dir) => render::Templates::with_overrides(dir),
        None => Ok(render::Templates::built_in()),
    }
}

/// The Typst renderer of a build.
fn renderer(options: &BuildOptions) -> Result<render::Renderer> {
    render::Renderer::new(&templates(options)?)
}

/// Whether a build's documents carry their YAML sources.
fn attaches(options: &BuildOptions) -> bool {
    options.conformance.allows_attachments() && !options.publish
}

/// The settings a planned document is typeset with.
fn settings(
    Planned {
        document,
        root,
        stem,
        ..
    }: &Planned,
    options: &BuildOptions,
) -> PdfSettings {
    PdfSettings {
        // The PDF's identity is its file name, wherever the file is put (an archive
        // package's data folder).
        ident: stem.rsplit('/').next().unwrap_or(stem).to_owned(),
        date: document.date,
        root: Some(root.clone()),
        conformance: options.conformance.clone(),
    }
}

/// The Typst source of a planned document.
fn render_one(
    renderer: &render::Renderer,
    planned: &Planned,
    options: &BuildOptions,
) -> Result<render::TypstSource> {
    renderer.render(&planned.document, attaches(options), options.publish)
}

/// Render and typeset every planned document in memory, in parallel; the result is in
/// the order of `planned`. Nothing is written.
pub fn produce(planned: &[Planned], options: &BuildOptions) -> Result<Vec<Produced>> {
    let renderer = renderer(options)?;
    let results = in_parallel(planned, options.progress, |planned| {
        let source = render_one(&renderer, planned, options)?;
        let settings = settings(planned, options);
        Ok(Produced {
            stem: planned.stem.clone(),
            pdf: typeset::typeset(&source, &settings)?,
            typst: source.text,
            attachments: source.attachments,
            images: source.images,
        })
    });
    all_or_problems(results)
}

/// One document of a build: the files it has in the output folder and whether it was
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
}

/// Make every planned document into `out_dir`, streaming: each PDF goes to a temporary
/// file as soon as it is typeset, and all are renamed into place together when every
/// document succeeded (on any failure nothing in the folder changes). With `use_cache`, a
/// document whose inputs match what the folder's cache recorded for files still there is
/// neither rendered nor typeset again, one whose rendered source matches is not typeset
/// again, and the cache is updated with the rest. `extra` gives files that depend on all
/// documents (the archive's manifest).
pub(crate) fn make(
    planned: &[Planned],
    out_dir: &Path,
    options: &BuildOptions,
    use_cache: bool,
    extra: impl FnOnce(&[cache::Stamp]) -> Result<Vec<OutputFile>>,
) -> Result<(Vec<write::Written>, Vec<Made>)> {
    let templates = templates(options)?;
    let renderer = render::Renderer::new(&templates)?;
    let templates_key = cache::templates_key(&templates);
    let previous = if use_cache && !options.force {
        cache::Cache::read(out_dir)
    } else {
        cache::Cache::default()
    };
    let names: Vec<String> = planned
        .iter()
        .flat_map(|p| {
            let typst = options.emit_typst.then(|| format!("{}.typ", p.stem));
            std::iter::once(format!("{}.pdf", p.stem)).chain(typst)
        })
        .chain(use_cache.then(|| cache::CACHE_FILE.to_owned()))
        .collect();
    let stage = write::Stage::open(out_dir, names.iter().map(String::as_str))?;
    let results = in_parallel(planned, options.progress, |planned| -> Result<Made> {
        let settings = settings(planned, options);
        // The keys are the cache's: an export, which trusts no earlier build, needs none.
        let inputs = if use_cache {
            cache::inputs_key(
                &planned.document,
                &templates_key,
                attaches(options),
                options.publish,
                &settings,
                options.emit_typst,
            )
        } else {
            String::new()
        };
        if let Some(entry) = previous.fresh(out_dir, &planned.stem, |e| e.inputs == inputs) {
            return Ok(Made::reused(out_dir, entry, inputs));
        }
        let source = render_one(&renderer, planned, options)?;
        let key = if use_cache {
            cache::key(&source, &settings, options.emit_typst)
        } else {
            String::new()
        };
        if let Some(entry) = previous.fresh(out_dir, &planned.stem, |e| e.key == key) {
            return Ok(Made::reused(out_dir, entry, inputs));
        }
        let produced = Produced {
            stem: planned.stem.clone(),
            pdf: typeset::typeset(&source, &settings)?,
            typst: source.text,
            attachments: Vec::new(),
            images: Vec::new(),
        };
        let files = produced.files(options.emit_typst);
        let written = files
            .iter()
            .map(|f| stage.put(f))
            .collect::<Result<Vec<_>>>()?;
        let stamps = files
            .iter()
            .zip(&written)
            .map(|(file, written)| cache::Stamp::of(file, written.modified))
            .collect();
        Ok(Made {
            written,
            entry: cache::Entry {
                inputs,
                key,
                files: stamps,
            },
            typeset: true,
        })
    });
    let made = all_or_problems(results)?;
    let pdfs: Vec<cache::Stamp> = made.iter().map(|m| m.entry.files[0].clone()).collect();
    let mut written: Vec<write::Written> = made.iter().flat_map(|m| m.written.clone()).collect();
    for file in extra(&pdfs)? {
        written.push(stage.put(&file)?);
    }
    if use_cache {
        let entries = planned
            .iter()
            .zip(&made)
            .map(|(p, m)| (p.stem.clone(), m.entry.clone()));
        // The cache is the build's own record, not one of its outputs.
        stage.put(&previous.updated(entries).file())?;
    }
    stage.commit()?;
    Ok((written, made))
}
