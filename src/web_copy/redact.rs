//! Personal data left out of the web copy: each string of `personuppgifter` is replaced
//! by `[personuppgift]` wherever it would be typeset, however it was written.
//!
//! Matching is on what a reader sees, not on code points: the text and every name are
//! brought to one canonical form (Unicode compatibility normalisation, so that decomposed
//! and composed letters match; lower case, with ß as ss and ’ as '; every kind of space
//! and line break, and the separators of addresses, paths and double names (- . _ + /
//! and the other dashes), as one space; default-ignorable
//! characters such as the soft hyphen and zero-width joiners left out), and each
//! canonical character remembers where in the original it came from, so that what is
//! replaced is exactly the visible name with whatever invisible characters stood inside
//! it. A name matches as whole words, and before a genitive s ("Saras beslut" is Sara's):
//! "Ek" is not replaced in "Ekonomi". A name of several words is also looked for without
//! its accents, as slugs write it ("bjorn-hagg" is Björn Hägg). Markup inside a name (emphasis) or between words (a
//! list item, a table cell, a line break) is handled by [`Redactions::apply_pieces`].

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// What a name is replaced by.
pub const REPLACEMENT: &str = "[personuppgift]";

/// One document's personal data in canonical form, longest first (so that "Anna Ek" goes
/// before "Anna").
#[derive(Debug, Default)]
pub struct Redactions {
    names: Vec<Vec<char>>,
}

/// A piece of typeset output: text a reader sees, or code around it (markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Markup inside a line of text (emphasis, a link): a reader reads across it.
    Code(String),
    /// Markup that separates words (a list item, a table cell, a line break, a block).
    Break(String),
}

/// A text in canonical form: its characters, each with the bytes of the original it
/// stands for.
struct Canonical {
    chars: Vec<char>,
    origin: Vec<Range<usize>>,
}

/// Whether a reader sees nothing of `c`: Unicode's Default_Ignorable_Code_Point (soft
/// hyphen, zero-width space and joiners, bidi marks, word joiner, variation selectors, the
/// byte order mark, tags…).
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// `segment` (a letter with its combining marks) as it is compared: compatibility
/// normalised (composed, fullwidth forms as the plain ones), in lower case, ß as ss, ’
/// as '.
fn fold(segment: &str) -> impl Iterator<Item = char> + '_ {
    segment
        .nfkc()
        .flat_map(char::to_lowercase)
        .flat_map(|c| match c {
            'ß' => ['s', 's'].into_iter().take(2),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => ['\'', '\''].into_iter().take(1),
            c => [c, c].into_iter().take(1),
        })
}

/// Whether `c` separates the words of a name as a space does: a space or line break of
/// any kind, or what joins the parts of an address or a double name.
fn separates(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '_' | '+' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

impl Canonical {
    fn of(text: &str) -> Self {
        let mut canonical = Canonical {
            chars: Vec::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if is_ignorable(c) {
                continue;
            }
            // A letter and the combining marks after it are one thing a reader sees.
            let mut end = start + c.len_utf8();
            while let Some(&(at, next)) = chars.peek() {
                if canonical_combining_class(next) == 0 && !is_ignorable(next) {
                    break;
                }
                chars.next();
                if !is_ignorable(next) {
                    end = at + next.len_utf8();
                }
            }
            let segment: String = text[start..end]
                .chars()
                .filter(|c| !is_ignorable(*c))
                .collect();
            for folded in fold(&segment) {
                if !separates(folded) {
                    canonical.chars.push(folded);
                    canonical.origin.push(start..end);
                } else if canonical.chars.last() == Some(&' ') {
                    // A run of spaces, line breaks and separators is one space.
                    if let Some(last) = canonical.origin.last_mut() {
                        last.end = end;
                    }
                } else {
                    canonical.chars.push(' ');
                    canonical.origin.push(start..end);
                }
            }
        }
        canonical
    }

    /// Whether canonical position `at` starts a word.
    fn starts_word(&self, at: usize) -> bool {
        at == 0 || !self.chars[at - 1].is_alphanumeric()
    }

    /// Whether a word may end before canonical position `at`: nothing of a word follows,
    /// or only a genitive s.
    fn ends_word(&self, at: usize) -> bool {
        let letter = |i: usize| self.chars.get(i).is_some_and(|c| c.is_alphanumeric());
        !letter(at) || (self.chars[at] == 's' && !letter(at + 1))
    }

    /// The original byte ranges where one of `names` stands, not overlapping, in order.
    fn matches(&self, names: &[Vec<char>]) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        while at < self.chars.len() {
            let hit = names.iter().find(|name| {
                !name.is_empty()
                    && self.chars[at..].starts_with(name)
                    && self.starts_word(at)
                    && self.ends_word(at + name.len())
            });
            match hit {
                Some(name) => {
                    let last = at + name.len() - 1;
                    let range = self.origin[at].start..self.origin[last].end;
                    // One character a reader sees may fold into several (℀ is a/c): a
                    // match starting inside the one before is part of it.
                    match found.last_mut() {
                        Some(before) if range.start < before.end => {
                            before.end = before.end.max(range.end);
                        }
                        _ => found.push(range),
                    }
                    at = last + 1;
                }
                None => at += 1,
            }
        }
        found
    }
}

impl Redactions {
    pub fn new(items: &[String]) -> Self {
        // A name of several words with accents is also looked for without them, as the
        // slug of a file name or an address writes it ("bjorn-hagg"); a one-word name is
        // not, or "Pär" would take every "par" and "Lindén" every "linden".
        let without_accents = items.iter().filter_map(|item| {
            let plain: String = item
                .nfd()
                .filter(|c| canonical_combining_class(*c) == 0)
                .collect();
            (plain != *item && item.split_whitespace().count() > 1).then_some(plain)
        });
        let mut names: Vec<Vec<char>> = items
            .iter()
            .cloned()
            .chain(without_accents)
            .map(|item| {
                let mut chars = Canonical::of(item.trim()).chars;
                // Spaces at the ends of a name say nothing of where it stands.
                while chars.last() == Some(&' ') {
                    chars.pop();
                }
                while chars.first() == Some(&' ') {
                    chars.remove(0);
                }
                chars
            })
            .filter(|name| !name.is_empty())
            .collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        Redactions { names }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether any of the personal data stands in `text`.
    pub fn finds(&self, text: &str) -> bool {
        !self.is_empty() && !Canonical::of(text).matches(&self.names).is_empty()
    }

    /// Whether any of the personal data stands in a link's address: as written, or with
    /// its escapes decoded (`Sara%20Nilsson`).
    pub fn finds_in_address(&self, address: &str) -> bool {
        self.finds(address) || self.finds(&percent_decoded(address))
    }

    /// `text` with every piece of personal data replaced.
    pub fn apply(&self, text: &str) -> String {
        if self.is_empty() {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut kept = 0;
        for range in Canonical::of(text).matches(&self.names) {
            out.push_str(&text[kept..range.start]);
            out.push_str(REPLACEMENT);
            kept = range.end;
        }
        out.push_str(&text[kept..]);
        out
    }

    /// `pieces` with personal data replaced in what the reader sees, also where markup
    /// stands inside it: the code between is kept (so that emphasis still closes), the
    /// text of the match becomes one replacement at its start.
    pub fn apply_pieces(&self, pieces: Vec<Piece>) -> Vec<Piece> {
        if self.is_empty() {
            return pieces;
        }
        // What the reader reads: the texts, a space where markup separates words; and
        // where each piece starts in it.
        let mut plain = String::new();
        let mut starts = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            starts.push(plain.len());
            match piece {
                Piece::Text(text) => plain.push_str(text),
                Piece::Break(_) => plain.push(' '),
                Piece::Code(_) => {}
            }
        }
        let matches = Canonical::of(&plain).matches(&self.names);
        if matches.is_empty() {
            return pieces;
        }
        pieces
            .into_iter()
            .zip(starts)
            .map(|(piece, start)| match piece {
                Piece::Text(text) => {
                    let mut kept = String::new();
                    for (i, c) in text.char_indices() {
                        let at = start + i;
                        match matches.iter().find(|range| range.contains(&at)) {
                            // One replacement, where the name starts.
                            Some(range) if range.start == at => kept.push_str(REPLACEMENT),
                            Some(_) => {}
                            None => kept.push(c),
                        }
                    }
                    Piece::Text(kept)
                }
                other => other,
            })
            .collect()
    }
}

/// `%XX` escapes decoded; what does not make UTF-8 as the replacement character.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

    #[test]
    fn what_looks_the_same_matches_the_same() {
        let redactions = Redactions::new(&["Björn Hägg".to_owned(), "Märta Ödlund".to_owned()]);
        for text in [
            "Avtal med BJÖRN HÄGG i dag",
            "Avtal med märta ödlund i dag",
            // Decomposed letters, as macOS and copy-paste give them.
            "Avtal med Bjo\u{308}rn Ha\u{308}gg i dag",
            // A soft hyphen, zero-width joiners and a word joiner inside the name.
            "Avtal med Bjö\u{ad}rn Hä\u{200d}g\u{200c}g i dag",
            "Avtal med Märta\u{2060} Ödlund i dag",
            // Other spaces between first and last name.
            "Avtal med Björn\u{2002}Hägg i dag",
            "Avtal med Björn\u{3000}Hägg i dag",
            "Avtal med Björn\u{2028}Hägg i dag",
            // Fullwidth letters are letters.
            "Avtal med \u{ff22}jörn Hägg i dag",
        ] {
            assert_eq!(
                redactions.apply(text),
                "Avtal med [personuppgift] i dag",
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_name_is_whole_words_or_a_genitive() {
        let redactions = Redactions::new(&["Ek".to_owned(), "Anna".to_owned()]);
        assert_eq!(
            redactions.apply("Ekonomi och Ek, Annas beslut, Johanna, Annalena"),
            "Ekonomi och [personuppgift], [personuppgift]s beslut, Johanna, Annalena"
        );
        assert!(redactions.finds("mailto:anna@kommun.se"));
        assert!(!redactions.finds("mailto:johanna@kommun.se"));
        let names = Redactions::new(&["Sara Nilsson".to_owned()]);
        for address in [
            "https://kommun.se/sara-nilsson/",
            "https://kommun.se/?namn=Sara%20Nilsson",
            "https://kommun.se/?namn=sara+nilsson",
            "mailto:sara.nilsson@kommun.se",
        ] {
            assert!(names.finds_in_address(address), "{address}");
        }
        assert!(!names.finds_in_address("https://kommun.se/saran/nilssonska"));
    }

    #[test]
    fn names_are_found_across_list_items_cells_and_breaks_and_in_addresses() {
        let redactions = Redactions::new(&[
            "Anna".to_owned(),
            "Berit Ek".to_owned(),
            "Sara Nilsson".to_owned(),
        ]);
        let text = |pieces: Vec<Piece>| -> String {
            redactions
                .apply_pieces(pieces)
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Text(t) => Some(t),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        // `- Anna\n- Berit Ek`: list items are separate words.
        let list = vec![
            Piece::Break("[".into()),
            Piece::Text("Anna".into()),
            Piece::Break("],[".into()),
            Piece::Text("Berit Ek".into()),
            Piece::Break("]".into()),
        ];
        assert_eq!(text(list), "[personuppgift]|[personuppgift]");
        // `| Berit Ek | 5000 |` and `Sara\` hard break `Nilsson`.
        let cells = vec![
            Piece::Text("Berit Ek".into()),
            Piece::Break("],[".into()),
            Piece::Text("5000".into()),
        ];
        assert_eq!(text(cells), "[personuppgift]|5000");
        let broken = vec![
            Piece::Text("Sara".into()),
            Piece::Break("#linebreak()".into()),
            Piece::Text("Nilsson".into()),
        ];
        assert_eq!(text(broken), "[personuppgift]|");
        // Addresses and slugs, also without the accents a slug drops.
        let names = Redactions::new(&["Björn Hägg".to_owned(), "Sara Nilsson".to_owned()]);
        assert_eq!(
            names.apply("sara.nilsson@kommun.se"),
            "[personuppgift]@kommun.se"
        );
        assert_eq!(
            names.apply("/avtal-med-bjorn-hagg.html"),
            "/avtal-med-[personuppgift].html"
        );
        assert!(names.finds_in_address("https://x.se/?n=Sara%20Nilsson&x=%FF"));
        // Apostrophes and dashes as Word writes them.
        let obrien = Redactions::new(&["Anna-Lena O'Brien".to_owned()]);
        assert_eq!(
            obrien.apply("Anna\u{2011}Lena O\u{2019}Brien"),
            "[personuppgift]"
        );
    }

    #[test]
    fn a_one_word_name_keeps_its_accents_and_a_longer_one_is_found_without() {
        let redactions = Redactions::new(&[
            "Pär".to_owned(),
            "Lindén".to_owned(),
            "Märta Ödlund".to_owned(),
        ]);
        assert_eq!(
            redactions.apply("Ett par veckor vid linden, sa Pär Lindén till marta-odlund."),
            "Ett par veckor vid linden, sa [personuppgift] [personuppgift] till [personuppgift]."
        );
    }

    #[test]
    fn a_character_that_folds_into_several_cannot_split_a_match() {
        let redactions = Redactions::new(&["A".to_owned(), "C".to_owned()]);
        // ℀ folds into a/c: two names inside one character a reader sees.
        assert_eq!(redactions.apply("x \u{2100} y"), "x [personuppgift] y");
    }

    #[test]
    fn straße_and_strasse_are_one_name() {
        let redactions = Redactions::new(&["Groß".to_owned()]);
        assert_eq!(
            redactions.apply("Herr GROSS och herr Groß"),
            "Herr [personuppgift] och herr [personuppgift]"
        );
    }

    #[test]
    fn an_empty_or_blank_name_redacts_nothing() {
        let redactions = Redactions::new(&[" ".to_owned(), String::new(), "\u{ad}".to_owned()]);
        assert!(redactions.is_empty());
        assert_eq!(redactions.apply("Allt står kvar."), "Allt står kvar.");
    }
}
