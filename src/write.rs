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
    let statement = slug(&document.kind_name(), 40);
    let kind = match document.kind {
        DocumentKind::Statement => statement.as_str(),
        DocumentKind::Extract => "protokollsutdrag",
        DocumentKind::Notice => "anslag",
        DocumentKind::Protocol => "protokoll",
        DocumentKind::Agenda => "kallelse",
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
    match (&document.dnr, document.kind) {
        (Some(dnr), _) => parts.push(slug(dnr, 40)),
        // A meeting's own document is named by the meeting: date, organ and kind.
        (None, DocumentKind::Notice | DocumentKind::Protocol | DocumentKind::Agenda) => {}
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
}

/// Write every file under `dir` (names may hold subfolders), or none: on any failure the
/// temporary files are removed and existing files are left as they were. A file that
/// already holds the same bytes is not touched, so a repeated build changes nothing.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Vec<Written>> {
    // Whatever can be known to fail is checked before the first byte is written, so that
    // a rename cannot fail half-way through the files.
    let blocked: Vec<Problem> = files
        .iter()
        .map(|file| dir.join(&file.name))
        .filter(|target| target.is_dir())
        .map(|target| Problem::in_file(&target, "en mapp har filens namn; flytta den först"))
        .collect();
    if !blocked.is_empty() {
        return Err(Error::new(blocked));
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut results = Vec::new();
    let staging = files.iter().try_for_each(|file| {
        let target = dir.join(&file.name);
        let unchanged = std::fs::read(&target).is_ok_and(|old| old == file.bytes);
        results.push(Written {
            path: target.clone(),
            changed: !unchanged,
        });
        if unchanged {
            return Ok(());
        }
        let folder = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).map_err(|e| {
            Error::from(Problem::in_file(
                folder,
                format!("kan inte skapa mappen: {e}"),
            ))
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        staged.push((temporary.clone(), target.clone()));
        std::fs::write(&temporary, &file.bytes)
            .map_err(|e| Error::from(Problem::in_file(&target, format!("kan inte skrivas: {e}"))))
    });
    if let Err(error) = staging {
        for (temporary, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, target) in &staged {
        std::fs::rename(temporary, target)
            .map_err(|e| Problem::in_file(target, format!("kan inte skrivas: {e}")))?;
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

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
