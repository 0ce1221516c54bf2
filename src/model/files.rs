//! The one way paragraf reads what a user points it at: regular files only (a FIFO or a
//! device named `*.yaml` would hang or never end), at most a set number of bytes, and
//! inside the folder they belong to after every link is resolved. The folder scan follows
//! a link only into the folder it scans, and never twice into the same folder.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The bytes of the regular file at `path` (links followed), at most `limit` + 1 of them so
/// that the caller can tell a file that is too large. Errors in Swedish, for a message.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    regular(path)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("kan inte läsas: {}", io_message(&e)))?;
    Ok(bytes)
}

/// Whether `path` is a regular file (links followed): not a folder, FIFO, socket or device.
pub fn regular(path: &Path) -> Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if metadata.is_file() {
        Ok(())
    } else if metadata.is_dir() {
        Err("är en mapp, ingen fil".to_owned())
    } else {
        Err("är ingen vanlig fil (en FIFO, en socket eller en enhet läses inte)".to_owned())
    }
}

/// The real path of `path`, which must lie inside the real `folder`.
pub fn inside(path: &Path, folder: &Path) -> Result<PathBuf, String> {
    let real = path.canonicalize().map_err(|e| io_message(&e))?;
    let real_folder = folder.canonicalize().map_err(|e| io_message(&e))?;
    if real.starts_with(&real_folder) {
        Ok(real)
    } else {
        Err(format!("leder utanför {}", folder.display()))
    }
}

/// The folder of the file at `path`; `.` for a bare file name (whose parent is empty, so
/// that neither the folder itself nor the one above would be found).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// `path` with each `name/..` taken away, as written (no links followed): the profile a
/// meeting reaches as `2024-10-21/../profil.yaml` is the folder's `profil.yaml`, read and
/// reported once.
pub fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for part in path.components() {
        match (part, out.last()) {
            (Component::ParentDir, Some(Component::Normal(_))) => {
                out.pop();
            }
            // A leading `./` stays, as the folder scan writes it.
            (Component::CurDir, Some(_)) => {}
            _ => out.push(part),
        }
    }
    out.iter().collect()
}

/// An I/O error as a Swedish message: what went wrong, not the system's English.
pub fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "finns inte".to_owned(),
        ErrorKind::PermissionDenied => "saknar behörighet".to_owned(),
        ErrorKind::IsADirectory => "är en mapp, ingen fil".to_owned(),
        ErrorKind::NotADirectory => "en del av sökvägen är ingen mapp".to_owned(),
        ErrorKind::InvalidData => "innehåller ogiltiga data".to_owned(),
        ErrorKind::AlreadyExists => "finns redan".to_owned(),
        ErrorKind::StorageFull => "disken är full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "filsystemet är skrivskyddat".to_owned(),
        _ if error.raw_os_error() == Some(40) => {
            "för många länkar i rad (en länk till sig själv?)".to_owned()
        }
        _ => format!("systemfel ({error})"),
    }
}

/// What the scan of a folder found: the YAML files, and the paths it refused with why.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: BTreeSet<PathBuf>,
    pub refused: Vec<(PathBuf, String)>,
}

/// Every `*.yaml`/`*.yml` under `root` but hidden ones. A link is followed only to a
/// regular file or a folder inside `root`, and a folder is entered once, so that neither
/// a link out of the folder nor a loop of links is read.
pub fn scan_yaml(root: &Path) -> Scan {
    let mut scan = Scan::default();
    let Ok(real_root) = root.canonicalize() else {
        scan.refused
            .push((root.to_path_buf(), "kan inte läsas".to_owned()));
        return scan;
    };
    let mut visited = BTreeSet::from([real_root.clone()]);
    walk(root, &real_root, &mut visited, &mut scan);
    scan
}

fn walk(dir: &Path, real_root: &Path, visited: &mut BTreeSet<PathBuf>, scan: &mut Scan) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            scan.refused.push((
                dir.to_path_buf(),
                format!("kan inte läsas: {}", io_message(&e)),
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            match path.canonicalize() {
                Err(e) if yaml => scan
                    .refused
                    .push((path, format!("länken {}", io_message(&e)))),
                Err(_) => {}
                Ok(real) if !real.starts_with(real_root) => {
                    if yaml || real.is_dir() {
                        scan.refused.push((
                            path,
                            "länken leder utanför mappen som läses; den följs inte".to_owned(),
                        ));
                    }
                }
                Ok(real) if real.is_dir() => {
                    if visited.insert(real) {
                        walk(&path, real_root, visited, scan);
                    } else {
                        scan.refused.push((
                            path,
                            "länken leder till en mapp som redan läses (en slinga); den följs inte"
                                .to_owned(),
                        ));
                    }
                }
                Ok(_) if yaml => match regular(&path) {
                    Ok(()) => {
                        scan.files.insert(path);
                    }
                    Err(why) => scan.refused.push((path, why)),
                },
                Ok(_) => {}
            }
        } else if kind.is_dir() {
            if let Ok(real) = path.canonicalize()
                && visited.insert(real)
            {
                walk(&path, real_root, visited, scan);
            }
        } else if yaml {
            match regular(&path) {
                Ok(()) => {
                    scan.files.insert(path);
                }
                Err(why) => scan.refused.push((path, why)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_path_through_a_folder_and_back_is_the_path_without_it() {
        assert_eq!(
            lexically_normal(Path::new("kf/2024-10-21/../profil.yaml")),
            PathBuf::from("kf/profil.yaml")
        );
        assert_eq!(
            lexically_normal(Path::new("./kf/./../../profil.yaml")),
            PathBuf::from("./../profil.yaml")
        );
    }

    #[test]
    fn links_out_loops_and_fifos_are_refused_and_regular_files_found() {
        use std::os::unix::fs::symlink;
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = temp.path().to_path_buf();
        let root = dir.join("nämnd");
        std::fs::create_dir_all(root.join("möte")).unwrap_or_default();
        std::fs::write(root.join("möte/a.yaml"), "x: 1").unwrap_or_default();
        std::fs::write(dir.join("hemlig.yaml"), "x: 1").unwrap_or_default();
        let _ = symlink(dir.join("hemlig.yaml"), root.join("möte/z.yaml"));
        let _ = symlink(&root, root.join("möte/loop"));
        let _ = symlink(root.join("möte/a.yaml"), root.join("b.yaml"));
        let fifo = root.join("fifo.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let scan = scan_yaml(&root);
        let names: Vec<String> = scan
            .files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        assert_eq!(names, ["b.yaml", "möte/a.yaml"]);
        let refused: Vec<String> = scan
            .refused
            .iter()
            .map(|(p, why)| {
                format!(
                    "{}: {why}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                )
            })
            .collect();
        assert!(
            refused
                .iter()
                .any(|r| r.starts_with("z.yaml: länken leder utanför")),
            "{refused:?}"
        );
        assert!(
            refused
                .iter()
                .any(|r| r.starts_with("loop: länken leder till en mapp som redan läses")),
            "{refused:?}"
        );
        if made.is_ok_and(|s| s.success()) {
            assert!(
                refused
                    .iter()
                    .any(|r| r.starts_with("fifo.yaml: är ingen vanlig fil")),
                "{refused:?}"
            );
            assert!(read_regular(&fifo, 10).is_err());
        }
    }
}
