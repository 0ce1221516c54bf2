//! Rules on a file's text, before it is read as a case, meeting or profile: characters
//! that make a document show other than the file reads (bidi overrides, invisible and
//! control characters), words no line can hold, dates outside the years paragraf counts
//! with, and numbers in notations a reader would misread (`0x10` for 16). One place for
//! every field, so that no field can slip past.

use super::SourceFile;
use super::yaml::{Kind, Node};
use crate::characters::forbidden;
use crate::error::Problem;

/// The longest word (characters without a space) a text may hold: a long web address
/// fits, a runaway string does not (and would not fit on a line either).
pub const MAX_WORD_CHARS: usize = 300;

/// The years a date may have: a protocol of 1900, a plan up to 2200.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// At most this many problems of one kind are reported per file.
const REPORTED: usize = 10;

/// Every problem of the text of `source` (see the module).
pub fn problems(source: &SourceFile) -> Vec<Problem> {
    let mut words = Vec::new();
    for (number, line) in source.text.lines().enumerate() {
        let mut word_start: Option<usize> = None;
        let mut length = 0;
        for (column, c) in line.chars().enumerate() {
            if c.is_whitespace() {
                word_start = None;
                length = 0;
            } else {
                let start = *word_start.get_or_insert(column);
                length += 1;
                if length == MAX_WORD_CHARS + 1 {
                    words.push(Problem::at(
                        &source.path,
                        &source.text,
                        number + 1,
                        start + 1,
                        format!("ett ord är längre än {MAX_WORD_CHARS} tecken och får inte plats på en rad; dela det med mellanslag"),
                    ));
                }
            }
        }
    }
    words.truncate(REPORTED);
    let mut problems = forbidden_characters(source);
    problems.extend(words);
    problems.extend(plain_scalars(source));
    problems
}

/// Each character of the text that may not stand in a file, where it stands. Also asked
/// when the file does not parse: such a character stops the parser too, and what is
/// wrong is the character, not the YAML around it.
pub fn forbidden_characters(source: &SourceFile) -> Vec<Problem> {
    let mut characters = Vec::new();
    for (number, line) in source.text.lines().enumerate() {
        for (column, c) in line.chars().enumerate() {
            if let Some(why) = forbidden(c) {
                characters.push(Problem::at(
                    &source.path,
                    &source.text,
                    number + 1,
                    column + 1,
                    format!("tecknet U+{:04X} {why}; ta bort det", c as u32),
                ));
            }
        }
    }
    characters.truncate(REPORTED);
    characters
}

/// Characters of the values in `tree` (the parsed file) that may not stand in a document:
/// those no embedded font can show (they would fail the build), and those refused above
/// when written as an escape (`"\u202E"`, `"\a"`) rather than as themselves. Each at its
/// place in the file.
pub fn unshowable(source: &SourceFile, tree: &Node) -> Vec<Problem> {
    let written = source.text.chars().any(|c| forbidden(c).is_some());
    let mut found: Vec<(String, char)> = Vec::new();
    strings(tree, "", &mut |path, text| {
        let refused = |c: char| match forbidden(c) {
            // Written as itself, it was reported where it stands.
            Some(_) => !written,
            None => !crate::fonts::can_show(c),
        };
        for c in text.chars().filter(|c| refused(*c)) {
            if !found.iter().any(|(p, f)| *p == path && *f == c) {
                found.push((path.to_owned(), c));
            }
        }
    });
    found
        .into_iter()
        .take(REPORTED)
        .map(|(path, c)| {
            let message = match forbidden(c) {
                Some(why) => format!("tecknet U+{:04X} {why}; ta bort det", c as u32),
                None => format!(
                    "tecknet {c} (U+{:04X}) finns inte i de inbäddade typsnitten och kan inte skrivas ut; skriv texten utan det",
                    c as u32
                ),
            };
            // The value's place, then the character's own from there on.
            let (line, column) = source.positions.find(&path).unwrap_or((1, 1));
            let exact = source.text.lines().enumerate().skip(line - 1).find_map(|(i, text)| {
                let skip = if i + 1 == line { column - 1 } else { 0 };
                text.chars().skip(skip).position(|x| x == c).map(|at| (i + 1, skip + at + 1))
            });
            let (line, column) = exact.unwrap_or((line, column));
            Problem::at(&source.path, &source.text, line, column, message).with_field(path)
        })
        .collect()
}

/// Every string value of `value` (a scalar YAML reads as text) with its field path.
pub(super) fn strings(value: &Node, path: &str, visit: &mut impl FnMut(&str, &str)) {
    match &value.target().kind {
        Kind::Scalar(_) => {
            if let Some(text) = value.as_text() {
                visit(path, text);
            }
        }
        Kind::Mapping(mapping) => {
            for (key, child) in mapping {
                if let Some(key) = key.as_text() {
                    let child_path = if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    strings(child, &child_path, visit);
                }
            }
        }
        Kind::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), visit);
            }
        }
        Kind::Alias(_) => {}
    }
}

/// Dates and numbers as YAML would read them from plain (unquoted) values.
fn plain_scalars(source: &SourceFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    for scalar in source.positions.plain_scalars() {
        let text = scalar.text.trim();
        let at = |message: String| {
            Problem::at(
                &source.path,
                &source.text,
                scalar.line,
                scalar.column,
                message,
            )
            .with_field(&scalar.path)
        };
        if let Some(year) = date_year(text)
            && !YEARS.contains(&year)
        {
            problems.push(at(format!(
                "året {year} ligger utanför {}–{}; kontrollera datumet",
                YEARS.start(),
                YEARS.end()
            )));
        }
        let digits = text.trim_start_matches(['+', '-']);
        let radix = digits.get(..2).map(str::to_ascii_lowercase);
        if matches!(radix.as_deref(), Some("0x" | "0o" | "0b")) && digits.len() > 2 {
            problems.push(at(format!(
                "`{text}` läses som ett tal i annan talbas; skriv talet med siffrorna 0–9 (eller inom citattecken om det är text)"
            )));
        }
    }
    problems
}

/// The year of a plain value shaped like a date (`2024-09-17`, `+262142-12-01`).
fn date_year(text: &str) -> Option<i64> {
    let unsigned = text.trim_start_matches(['+', '-']);
    let mut parts = unsigned.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(year, 4..=9)
        || !digits(month, 1..=2)
        || !digits(day, 1..=2)
    {
        return None;
    }
    let year: i64 = year.parse().ok()?;
    Some(if text.starts_with('-') { -year } else { year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn messages(text: &str) -> Vec<String> {
        problems(&SourceFile::from_text(Path::new("a.yaml"), text.to_owned()))
            .iter()
            .map(|p| {
                let (line, column) = p.position.unwrap_or_default();
                format!("{line}:{column}: {}", p.message)
            })
            .collect()
    }

    #[test]
    fn bidi_invisible_and_control_characters_are_refused_where_they_stand() {
        let found = messages("rubrik: a\u{202E}000 001\nb: \"x\u{200B}y\u{7}\"\nc: ok\ttab\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("1:10: tecknet U+202E styr textens riktning"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("2:6: tecknet U+200B är osynligt"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("2:8: tecknet U+0007 är ett styrtecken"),
            "{found:?}"
        );
    }

    #[test]
    fn characters_no_font_has_are_refused_where_they_stand() {
        let text = "rubrik: Ett → två\ntext: |\n  Rad ett\n  Rad två 🧠 och 漢\n";
        let source = SourceFile::from_text(Path::new("a.yaml"), text.to_owned());
        let tree = crate::model::yaml::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<String> = unshowable(&source, &tree)
            .iter()
            .map(|p| format!("{:?}: {}", p.position, p.message))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("Some((4, 11)): tecknet 🧠 (U+1F9E0)"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("Some((4, 17)): tecknet 漢"),
            "{found:?}"
        );
    }

    #[test]
    fn control_characters_written_as_escapes_are_refused_at_their_value() {
        let text = "rubrik: \"Ett\\a två\"\n";
        let source = SourceFile::from_text(Path::new("a.yaml"), text.to_owned());
        let tree = crate::model::yaml::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let found = unshowable(&source, &tree);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("tecknet U+0007 är ett styrtecken"),
            "{:?}",
            found[0]
        );
        assert_eq!(found[0].position, Some((1, 9)));
    }

    #[test]
    fn words_dates_and_numbers_out_of_bounds_are_refused() {
        let long = "å".repeat(MAX_WORD_CHARS + 1);
        let found = messages(&format!(
            "text: x {long}\ndatum: +262142-12-01\nannat: 1899-12-31\nsökt: 0x10\nok: 2024-09-17\nkod: \"0x10\"\n"
        ));
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[0].starts_with("1:9: ett ord är längre än 300 tecken"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("2:8: året 262142 ligger utanför 1900–2200"),
            "{found:?}"
        );
        assert!(found[2].starts_with("3:8: året 1899"), "{found:?}");
        assert!(
            found[3].starts_with("4:7: `0x10` läses som ett tal i annan talbas"),
            "{found:?}"
        );
    }
}
