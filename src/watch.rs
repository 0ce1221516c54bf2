//! Watch: build, then build again whenever a case, meeting, template, profile or logo
//! is saved, in one process, so that Typst's memo cache carries over from one build to the
//! next, and documents the edit did not touch are not typeset again (the output folder's
//! cache). Errors are reported and the watch goes on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::error::{Problem, Result};
use crate::output::Report;
use crate::plan::BuildOptions;

/// An editor saves in steps (temporary file, rename): events this close together are one save.
const SETTLE: Duration = Duration::from_millis(100);

/// One build of the watch: what it wrote or what was wrong, and how long it took.
pub struct Rebuild {
    pub result: Result<Report>,
    pub elapsed: Duration,
}

/// Build `paths` into `out` now and after every save, calling `report` after each build.
/// Returns only if the file system watch fails.
pub fn watch(
    paths: &[PathBuf],
    out: &Path,
    options: &BuildOptions,
    mut report: impl FnMut(Rebuild),
) -> Result<()> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| Problem::in_file(out, format!("kan inte bevaka filerna: {e}")))?;
    let folders = watched_folders(paths, options);
    for folder in &folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| Problem::in_file(folder, format!("kan inte bevakas: {e}")))?;
    }
    let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    loop {
        let started = Instant::now();
        // The output folder's cache, and Typst's memo cache kept warm in this process,
        // mean a rebuild typesets only what the save changed.
        let result = crate::output::pdf::build(paths, &out, options);
        report(Rebuild {
            result,
            elapsed: started.elapsed(),
        });
        rearm(&mut watcher, &folders);
        // Wait for a save of a file that matters, then let the save settle.
        loop {
            match events.recv() {
                Ok(Ok(event))
                    if changes_content(&event.kind)
                        && event
                            .paths
                            .iter()
                            .any(|p| relevant(p, &out) || folders.iter().any(|f| same(f, p))) =>
                {
                    break;
                }
                Ok(_) => continue,
                Err(_) => return Ok(()),
            }
        }
        while events.recv_timeout(SETTLE).is_ok() {}
    }
}

/// Watch `folders` again, and the folder above each: a folder removed and made again (as
/// `git checkout` does) loses its watch, and its parent is where it comes back. (No
/// unwatch first: a save in between would be missed.)
fn rearm(watcher: &mut impl Watcher, folders: &[PathBuf]) {
    for folder in folders {
        if folder.is_dir() {
            let _ = watcher.watch(folder, RecursiveMode::Recursive);
        }
        if let Some(parent) = folder
            .canonicalize()
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf))
        {
            let _ = watcher.watch(&parent, RecursiveMode::NonRecursive);
        }
    }
}

/// Whether `event_path` is the watched `folder` itself (removed or made again).
fn same(folder: &Path, event_path: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    absolute(folder) == absolute(event_path)
}

/// The folders to watch: each folder given, and for a file the nämnd's folder around it
/// (its cases and `profil.yaml` may stand beside it); the templates folder too.
fn watched_folders(paths: &[PathBuf], options: &BuildOptions) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = paths
        .iter()
        .map(|path| {
            if path.is_dir() {
                path.clone()
            } else {
                let folder = path.parent().unwrap_or(Path::new("."));
                folder
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(folder)
                    .to_path_buf()
            }
        })
        .chain(options.templates.clone())
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// A save, a new file or a removal; not the build's own reading of the files.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind::{Create, Modify, Remove};
    matches!(kind, Create(_) | Modify(_) | Remove(_))
}

/// A change that can alter a document: YAML, a template, a logo or a bilaga (a PDF or an
/// image beside a case), not what the build writes. Only the build's own files are passed over (its PDFs and Typst sources in the
/// output folder, its hidden cache and temporary files): the output folder may be the
/// folder of the YAML itself (`watch DIR -o DIR`) or hold it.
fn relevant(path: &Path, out: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let extension = path.extension().and_then(|e| e.to_str());
    let inside_out = path.starts_with(out) || path.canonicalize().is_ok_and(|p| p.starts_with(out));
    let written = inside_out && matches!(extension, Some("pdf" | "typ"));
    let kind = matches!(
        extension,
        Some("yaml" | "yml" | "j2" | "typ" | "svg" | "png" | "jpg" | "jpeg" | "pdf")
    );
    // A folder made anew (`git checkout`) may hold files before its own watch is set.
    let folder = path.is_dir() && !same(out, path);
    (kind || folder) && !hidden && !written
}
