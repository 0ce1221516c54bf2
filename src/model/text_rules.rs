//! Rules on a file's text, before it is read as a case, meeting or profile: characters
//! that make a document show other than the file reads (bidi overrides, invisible and
//! control characters), words no line can hold, dates outside the years paragraf counts
//! with, and numbers in notations a reader would misread (`0x10` for 16). One place for
//! every field, so that no field can slip past.

use super::SourceFile;
use crate::error::Problem;

/// The longest word (characters without a space) a text may hold: a long web address
/// fits, a runaway string does not (and would not fit on a line either).
pub const MAX_WORD_CHARS: usize = 300;

/// The years a date may have: a protocol of 1900, a plan up to 2200.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// At most this many problems of one kind are reported per file.
const REPORTED: usize = 10;

/// Why `c` may not stand in a file, if it may not.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(
            "styr textens riktning och kan få den att visas i en annan ordning än den står i filen",
        ),
        '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Some("är osynligt"),
        c if c.is_control() => Some("är ett styrtecken"),
        _ => None,
    }
}

/// Every problem of the text of `source` (see the module).
pub fn problems(source: &SourceFile) -> Vec<Problem> {
    let mut characters = Vec::new();
    let mut words = Vec::new();
    for (number, line) in source.text.lines().enumerate() {
        let mut word_start: Option<usize> = None;
        let mut length = 0;
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
    characters.truncate(REPORTED);
    words.truncate(REPORTED);
    let mut problems = characters;
    problems.extend(words);
    problems.extend(plain_scalars(source));
    problems
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
