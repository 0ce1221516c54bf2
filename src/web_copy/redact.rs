//! Personal data left out of the web copy: each string of `personuppgifter` is replaced
//! by `[personuppgift]` wherever it would be typeset, however it was written: broken
//! across lines, with any run of spaces, in other case, or with Markdown emphasis in the
//! middle (`*Sara* Nilsson`).

use regex_lite::Regex;

/// What a name is replaced by.
pub const REPLACEMENT: &str = "[personuppgift]";

/// The compiled patterns of one document's personal data, longest first (so that "Anna
/// Ek" goes before "Anna").
#[derive(Debug, Default)]
pub struct Redactions {
    patterns: Vec<Regex>,
}

/// A piece of typeset output: text a reader sees, or Typst code around it (markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Code(String),
}

impl Redactions {
    pub fn new(items: &[String]) -> Self {
        let mut items: Vec<&str> = items
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        items.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let patterns = items
            .into_iter()
            .filter_map(|item| {
                let words: Vec<String> = item.split_whitespace().map(regex_lite::escape).collect();
                Regex::new(&format!(
                    "(?i){}",
                    words.join(r"[\s\x{a0}\x{202f}\x{2009}]+")
                ))
                .ok()
            })
            .collect();
        Redactions { patterns }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// `text` with every piece of personal data replaced.
    pub fn apply(&self, text: &str) -> String {
        self.patterns.iter().fold(text.to_owned(), |text, pattern| {
            pattern.replace_all(&text, REPLACEMENT).into_owned()
        })
    }

    /// `pieces` with personal data replaced in what the reader sees, also where markup
    /// stands inside it: the code between is kept (so that emphasis still closes), the
    /// text of the match becomes one replacement at its start.
    pub fn apply_pieces(&self, mut pieces: Vec<Piece>) -> Vec<Piece> {
        for pattern in &self.patterns {
            let plain: String = pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Text(text) => Some(text.as_str()),
                    Piece::Code(_) => None,
                })
                .collect();
            let matches: Vec<(usize, usize)> = pattern
                .find_iter(&plain)
                .map(|m| (m.start(), m.end()))
                .collect();
            if matches.is_empty() {
                continue;
            }
            let mut offset = 0;
            pieces = pieces
                .into_iter()
                .map(|piece| match piece {
                    Piece::Code(_) => piece,
                    Piece::Text(text) => {
                        let start = offset;
                        offset += text.len();
                        let mut kept = String::new();
                        for (i, c) in text.char_indices() {
                            let at = start + i;
                            match matches.iter().find(|(from, to)| (*from..*to).contains(&at)) {
                                Some((from, _)) if *from == at => kept.push_str(REPLACEMENT),
                                Some(_) => {}
                                None => kept.push(c),
                            }
                        }
                        Piece::Text(kept)
                    }
                })
                .collect();
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_across_lines_spaces_case_and_markup() {
        let redactions = Redactions::new(&["Sara Nilsson".to_owned(), "Sara".to_owned()]);
        for text in [
            "Priset går till Sara Nilsson.",
            "Priset går till Sara\n  Nilsson.",
            "Priset går till SARA  NILSSON.",
            "Priset går till Sara\u{a0}Nilsson.",
        ] {
            assert_eq!(
                redactions.apply(text),
                "Priset går till [personuppgift].",
                "{text:?}"
            );
        }
        let pieces = vec![
            Piece::Text("Till ".into()),
            Piece::Code("#emph[".into()),
            Piece::Text("Sara".into()),
            Piece::Code("]".into()),
            Piece::Text(" Nilsson och Sara.".into()),
        ];
        assert_eq!(
            redactions.apply_pieces(pieces),
            vec![
                Piece::Text("Till ".into()),
                Piece::Code("#emph[".into()),
                Piece::Text("[personuppgift]".into()),
                Piece::Code("]".into()),
                Piece::Text(" och [personuppgift].".into()),
            ]
        );
    }
}
