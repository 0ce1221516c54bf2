//! Stage 6: the files. Names a registrar can sort, and all-or-nothing writing: every file
//! of a build goes to a temporary file in the target folder first, and only when all of
//! them are written are they renamed into place.

use std::path::{Path, PathBuf};

use crate::derive::{Document, DocumentKind};
use crate::error::{Error, Problem, Result};

/// A finished file: its name in the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// `2015-03-24_socialnamnden_protokollsutdrag_p015_3.2-482-2014`: date first so a
/// folder sorts by time, then organ, kind, § (zero-padded) and dnr. A case without dnr
/// is named by its title.
pub fn file_stem(document: &Document) -> String {
    // A tjänsteutlåtande and a bilaga by their own names (`tjansteskrivelse`, `bilaga-2`).
    let own_name = slug(&document.kind_name(), 40);
    let kind = match document.kind {
        DocumentKind::Statement | DocumentKind::Attachment => own_name.as_str(),
        DocumentKind::Extract => "protokollsutdrag",
        DocumentKind::Notice => "anslag",
        DocumentKind::Protocol => "protokoll",
        DocumentKind::Agenda => "kallelse",
        DocumentKind::Packet => "handlingar",
    };
    let kind = match &document.part {
        Some(part) => format!("{kind}-{part}"),
        None => kind.to_owned(),
    };
    let mut parts = vec![
        document.date.format("%Y-%m-%d").to_string(),
        slug(&document.committee, 40),
        kind,
    ];
    if let Some(paragraph) = document.paragraph {
        parts.push(paragraph.file_part());
    }
    match (document.dnr.first(), document.kind) {
        // A meeting's own document is named by the meeting: date, organ and kind (a
        // protocol with a diarienummer of its own too, so that its name is stable).
        (
            _,
            DocumentKind::Notice
            | DocumentKind::Protocol
            | DocumentKind::Agenda
            | DocumentKind::Packet,
        ) => {}
        (Some(dnr), _) => parts.push(slug(dnr, 40)),
        (None, _) => parts.push(slug(&document.title, 60)),
    }
    parts.join("_")
}

/// Lower-case ASCII letters, digits, `.` and `-`; Swedish letters folded, anything else
/// a `-`. Safe on every filesystem and in a URL.
pub fn slug(text: &str, max_len: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() || c == '.' => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let mut out = out.trim_matches(['-', '.']).to_owned();
    if out.len() > max_len {
        out.truncate(max_len);
        out = out.trim_end_matches(['-', '.']).to_owned();
    }
    if out.is_empty() {
        "dokument".to_owned()
    } else {
        out
    }
}

/// A file of a finished write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// False when the file already held exactly these bytes and was left alone.
    pub changed: bool,
    /// The modification time the file has in the folder once written (not known for a
    /// file a build did not write).
    pub modified: Option<std::time::SystemTime>,
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Write every file under `dir` (names may hold subfolders), or none: on any failure the
/// temporary files are removed and existing files are left as they were. A file that
/// already holds the same bytes is not touched, so a repeated build changes nothing.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Vec<Written>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let stage = Stage::open(dir, files.iter().map(|f| f.name.as_str()))?;
    let written = files
        .iter()
        .map(|file| stage.put(file))
        .collect::<Result<Vec<_>>>()?;
    stage.commit()?;
    Ok(written)
}

/// The files of a build on their way into `dir`: each goes to a temporary file beside its
/// target as soon as it is made (so a build holds no more than one file in memory at a
/// time), and [`Stage::commit`] renames them all into place. Dropped uncommitted, it
/// removes its temporary files and the folder is as it was. One stage at a time writes
/// into a folder: a second build waits for the first.
pub struct Stage {
    dir: PathBuf,
    _lock: std::fs::File,
    staged: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
    committed: bool,
}

impl Stage {
    /// Lock `dir` for the files `names`, after checking what can be known to fail before
    /// the first byte is written, so that a rename cannot fail half-way through.
    pub fn open<'a>(dir: &Path, names: impl Iterator<Item = &'a str>) -> Result<Stage> {
        // A bare file name's folder is empty: the current folder.
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let targets: Vec<PathBuf> = names.map(|name| dir.join(name)).collect();
        let blocked: Vec<Problem> = targets
            .iter()
            .filter(|target| target.is_dir())
            .map(|target| Problem::in_file(target, "en mapp har filens namn; flytta den först"))
            .collect();
        if !blocked.is_empty() {
            return Err(Error::new(blocked));
        }
        let lock = lock(dir)?;
        let folders: std::collections::BTreeSet<&Path> = targets
            .iter()
            .filter_map(|target| target.parent())
            .collect();
        for folder in folders {
            remove_stale_temporaries(folder);
        }
        Ok(Stage {
            dir: dir.to_path_buf(),
            _lock: lock,
            staged: std::sync::Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Stage `file`: unless its target already holds these bytes, write them to a
    /// temporary file beside it.
    pub fn put(&self, file: &OutputFile) -> Result<Written> {
        let target = self.dir.join(&file.name);
        let unchanged = std::fs::metadata(&target)
            .is_ok_and(|m| m.len() == file.bytes.len() as u64)
            && std::fs::read(&target).is_ok_and(|old| old == file.bytes);
        if unchanged {
            return Ok(Written {
                modified: modified(&target),
                path: target,
                changed: false,
            });
        }
        let folder = target.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(folder).map_err(|e| {
            Error::from(Problem::in_file(
                folder,
                format!(
                    "kan inte skapa mappen: {}",
                    crate::model::files::io_message(&e)
                ),
            ))
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        // Recorded before it is written: a failed write is removed with the rest.
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((temporary.clone(), target.clone()));
        durable_write(&temporary, &file.bytes).map_err(|e| {
            Problem::in_file(
                &target,
                format!("kan inte skrivas: {}", crate::model::files::io_message(&e)),
            )
        })?;
        // A rename keeps the time: this is the time the file will have in the folder.
        Ok(Written {
            modified: modified(&temporary),
            path: target,
            changed: true,
        })
    }

    /// Stage `file` in place of what was staged under its name before (a signed copy of
    /// a PDF just made): the earlier bytes are dropped, never renamed into place.
    pub fn put_instead(&self, file: &OutputFile) -> Result<Written> {
        let target = self.dir.join(&file.name);
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|(temporary, staged)| {
                let other = *staged != target;
                if !other {
                    let _ = std::fs::remove_file(temporary);
                }
                other
            });
        self.put(file)
    }

    /// Where the bytes put so far are until the commit: each staged target's temporary
    /// file, by its target (a target left alone holds its bytes itself).
    pub fn temporaries(&self) -> std::collections::HashMap<PathBuf, PathBuf> {
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|(temporary, target)| (target.clone(), temporary.clone()))
            .collect()
    }

    /// Rename every staged file into place.
    pub fn commit(mut self) -> Result<()> {
        self.committed = true;
        let staged = std::mem::take(
            &mut *self
                .staged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        // Each file's bytes are on disk before its rename (see `durable_write`); each
        // folder is synced after its renames, so that a crash leaves the old files or
        // the new ones, never a name pointing at nothing.
        let mut folders = std::collections::BTreeSet::new();
        for (done, (temporary, target)) in staged.iter().enumerate() {
            folders.extend(target.parent().map(Path::to_path_buf));
            if let Err(e) = std::fs::rename(temporary, target) {
                for (left, _) in &staged[done..] {
                    let _ = std::fs::remove_file(left);
                }
                return Err(Problem::in_file(
                    target,
                    format!("kan inte skrivas: {}", crate::model::files::io_message(&e)),
                )
                .into());
            }
        }
        for folder in folders {
            sync_folder(&folder).map_err(|e| {
                Problem::in_file(
                    &folder,
                    format!("kan inte skrivas: {}", crate::model::files::io_message(&e)),
                )
            })?;
        }
        Ok(())
    }
}

/// Write `bytes` to a new file at `path` and wait until they are on disk.
fn durable_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Wait until the folder's entries (the renames into it) are on disk.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

impl Drop for Stage {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let staged = self
            .staged
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (temporary, _) in staged.iter() {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// An exclusive lock on writing into `dir`, held until the returned file is dropped. The
/// lock file lives in the system's temporary folder, named by the output folder's real
/// path, so that the output folder holds only what the build wrote.
fn lock(dir: &Path) -> Result<std::fs::File> {
    let failed = |e: std::io::Error| {
        Error::from(Problem::in_file(
            dir,
            format!(
                "kan inte låsas för skrivning: {}",
                crate::model::files::io_message(&e)
            ),
        ))
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let path = lock_path(dir).map_err(failed)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(failed)?;
    file.lock().map_err(failed)?;
    Ok(file)
}

/// The lock file of `dir` (which exists): in the system's temporary folder, named by the
/// folder's real path.
fn lock_path(dir: &Path) -> std::io::Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let real = dir.canonicalize()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    real.hash(&mut hasher);
    Ok(std::env::temp_dir().join(format!("paragraf-{:016x}.lock", hasher.finish())))
}

/// Remove the temporary files (`.NAME.PID.tmp`) a build that was killed left in `folder`:
/// those of a process that no longer runs, or, where that cannot be told, of a day ago.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let procfs = Path::new("/proc/self").exists();
        let gone = if procfs {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = folder.path().to_path_buf();
        let held = lock(&dir).unwrap_or_else(|e| panic!("{e}"));
        // Nobody else gets the folder's lock while it is held, and anybody does after.
        let other = || {
            let path = lock_path(&dir).unwrap_or_else(|e| panic!("{e}"));
            std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"))
        };
        assert!(matches!(
            other().try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        let target = dir.join("d.pdf");
        let writer = {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let file = OutputFile {
                    name: "d.pdf".into(),
                    bytes: b"x".to_vec(),
                };
                write_all(&dir, &[file]).is_ok()
            })
        };
        assert!(!target.exists(), "written while the folder was locked");
        drop(held);
        assert!(writer.join().unwrap_or(false));
        assert!(target.exists());
        assert!(other().try_lock().is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_killed_builds_temporary_files_are_removed_and_a_running_ones_kept() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = folder.path();
        // A process number no process has (above Linux's pid_max of 2^22).
        let dead = dir.join(".a.pdf.4294967.tmp");
        let alive = dir.join(format!(
            ".b.pdf.{}.tmp",
            std::os::unix::process::parent_id()
        ));
        let _ = std::fs::write(&dead, b"half");
        let _ = std::fs::write(&alive, b"half");
        let written = write_all(
            dir,
            &[OutputFile {
                name: "c.pdf".into(),
                bytes: b"x".to_vec(),
            }],
        );
        assert!(written.is_ok());
        assert!(!dead.exists() && alive.exists() && dir.join("c.pdf").exists());
    }

    #[test]
    fn slugs_are_safe_and_readable() {
        assert_eq!(slug("Socialnämnden", 40), "socialnamnden");
        assert_eq!(slug("3.2-482/2014", 40), "3.2-482-2014");
        assert_eq!(slug("KS-2014/742.912", 40), "ks-2014-742.912");
        assert_eq!(slug("2017/SN 0229 013", 40), "2017-sn-0229-013");
        assert_eq!(slug("../../etc/passwd", 40), "etc-passwd");
        assert_eq!(slug("///", 40), "dokument");
    }
}
