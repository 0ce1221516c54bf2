//! The one error type for failures a user can cause: every problem carries the file it is
//! in and, where it can be known, the line and column, the field path and the line's text.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file the user (or a template author) wrote. Lines and columns are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// Whether a problem stops the build, or only deserves a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    /// Unusual but legal: reported, never fatal.
    Warning,
}

/// One thing wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    /// Line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    /// The YAML field path (`tabeller.studiebesök.ansökningar[11].förslag`), when known.
    pub field: Option<String>,
    pub message: String,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
}

impl Problem {
    /// A problem with a file as a whole (it cannot be read, it is not YAML at all…).
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: None,
            field: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// A problem at a line and column of `text`, the contents of `file`.
    pub fn at(
        file: &Path,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: Some((line, column)),
            field: None,
            message: message.into(),
            source_line: text.lines().nth(line.saturating_sub(1)).map(str::to_owned),
        }
    }

    /// The offending line as shown: a long line is cut to a window around the column,
    /// with the column counted in that window.
    fn shown_line(&self) -> Option<(String, usize)> {
        const WIDTH: usize = 100;
        let (text, (_, column)) = (self.source_line.as_ref()?, self.position?);
        // A bidi override or control character would act on the terminal: show � instead.
        let chars: Vec<char> = text
            .chars()
            .map(|c| {
                if crate::characters::forbidden(c).is_some() {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        if chars.len() <= WIDTH {
            return Some((chars.into_iter().collect(), column));
        }
        let start = column
            .saturating_sub(WIDTH / 2)
            .min(chars.len().saturating_sub(WIDTH));
        let end = (start + WIDTH).min(chars.len());
        let window: String = chars[start..end].iter().collect();
        let lead = if start > 0 { "…" } else { "" };
        let tail = if end < chars.len() { "…" } else { "" };
        Some((
            format!("{lead}{window}{tail}"),
            column - start + lead.chars().count(),
        ))
    }

    /// The same problem, as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn location(&self) -> Option<Location> {
        self.position.map(|(line, column)| Location {
            file: self.file.clone(),
            line,
            column,
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(field) = &self.field {
            write!(f, " (fält `{field}`)")?;
        }
        if let (Some((text, column)), Some((line, _))) = (self.shown_line(), self.position) {
            let gutter = line.to_string().len();
            write!(f, "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | ", "", "")?;
            // Columns count characters; tabs keep their width so the caret lines up.
            for c in text.chars().take(column.saturating_sub(1)) {
                f.write_str(if c == '\t' { "\t" } else { " " })?;
            }
            f.write_str("^")?;
        }
        Ok(())
    }
}

/// A user-facing failure: one or more problems, all reported together (warnings found
/// on the way included, each labelled as such).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(problems: Vec<Problem>) -> Self {
        Error { problems }
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error::new(vec![problem])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let label = match problem.severity {
                Severity::Error => "fel",
                Severity::Warning => "varning",
            };
            write!(f, "{label}: {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every result's value, or the problems of all that failed together.
pub fn all_or_problems<R>(results: impl IntoIterator<Item = Result<R>>) -> Result<Vec<R>> {
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
