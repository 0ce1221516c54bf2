//! § numbers: `15`, or a sub-item `15 a`; given in the YAML or taken from agenda order.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The largest § number: a year of a busy organ's meetings is a few hundred.
pub const MAX_PARAGRAPH: u32 = 99_999;

/// A § number with an optional sub-item letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphNumber {
    pub number: u32,
    pub sub: Option<char>,
}

impl ParagraphNumber {
    pub fn new(number: u32) -> Self {
        ParagraphNumber { number, sub: None }
    }

    /// `p015`, `p015a`: sorts in agenda order in a file name.
    pub fn file_part(&self) -> String {
        format!(
            "p{:03}{}",
            self.number,
            self.sub.map(String::from).unwrap_or_default()
        )
    }

    /// Parse `15`, `15 a` or `15a` (a sub-item is one lower-case letter); a number is at
    /// most [`MAX_PARAGRAPH`].
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let number = text[..digits]
            .parse()
            .ok()
            .filter(|n| *n <= MAX_PARAGRAPH)?;
        let sub = match text[digits..].trim() {
            "" => None,
            rest => {
                let mut chars = rest.chars();
                let letter = chars.next().filter(|c| c.is_ascii_lowercase())?;
                if chars.next().is_some() {
                    return None;
                }
                Some(letter)
            }
        };
        Some(ParagraphNumber { number, sub })
    }

    /// The numbers of a meeting's items in agenda order, each given (or not) with the
    /// huvudpunkt it is a sub-item of: a given number wins, the others count on from the
    /// one before, starting at `first`; the items that follow each other under one
    /// huvudpunkt share a number, with letters a, b … after the one before.
    pub fn assign(
        given: &[(Option<ParagraphNumber>, Option<&str>)],
        first: u32,
    ) -> Vec<ParagraphNumber> {
        let mut next = first;
        let mut previous: Option<(&str, ParagraphNumber)> = None;
        given
            .iter()
            .map(|&(given, head)| {
                let under = previous.filter(|(h, _)| Some(*h) == head).map(|(_, n)| n);
                let number = match (given, head, under) {
                    (Some(number), _, _) => number,
                    (None, Some(_), Some(before)) => ParagraphNumber {
                        number: before.number,
                        sub: Some(before.sub.map_or('a', |letter| {
                            char::from_u32(letter as u32 + 1).unwrap_or(letter)
                        })),
                    },
                    (None, Some(_), None) => ParagraphNumber {
                        number: next,
                        sub: Some('a'),
                    },
                    (None, None, _) => ParagraphNumber::new(next),
                };
                next = number.number.saturating_add(1);
                previous = head.map(|h| (h, number));
                number
            })
            .collect()
    }
}

impl fmt::Display for ParagraphNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(letter) => write!(f, "{} {letter}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

impl<'de> Deserialize<'de> for ParagraphNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        const EXPECTED: &str = "ett paragrafnummer, t.ex. 15 eller \"15 a\"";
        impl Visitor<'_> for NumberVisitor {
            type Value = ParagraphNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParagraphNumber, E> {
                u32::try_from(v)
                    .ok()
                    .filter(|n| *n <= MAX_PARAGRAPH)
                    .map(ParagraphNumber::new)
                    .ok_or_else(|| {
                        E::custom(format!("{v} är inte {EXPECTED} (högst {MAX_PARAGRAPH})"))
                    })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParagraphNumber, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} är inte {EXPECTED}")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ParagraphNumber, E> {
                ParagraphNumber::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` är inte {EXPECTED}")))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

impl schemars::JsonSchema for ParagraphNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ParagraphNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^\\s*\\d+ ?[a-z]?\\s*$"}
            ]
        })
    }
}

/// A selection of §§ as protocols write it: `§§ 3–7, 9`, `3-7`, `§ 15 a`, or a number.
/// A range includes the sub-items within it (`15–16` holds `15 a`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphList {
    pub ranges: Vec<(ParagraphNumber, ParagraphNumber)>,
}

impl ParagraphList {
    /// Parse a list of numbers and ranges, with or without `§`/`§§`, separated by commas
    /// or `och`; a range with `-`, `–` or `—`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut ranges = Vec::new();
        for part in text.split(',').flat_map(|p| p.split(" och ")) {
            let part = part.trim().trim_start_matches('§');
            let (from, to) = match part.split_once(['-', '–', '—']) {
                Some((from, to)) => (ParagraphNumber::parse(from)?, ParagraphNumber::parse(to)?),
                None => {
                    let one = ParagraphNumber::parse(part)?;
                    (one, one)
                }
            };
            if to < from {
                return None;
            }
            ranges.push((from, to));
        }
        (!ranges.is_empty()).then_some(ParagraphList { ranges })
    }

    /// Whether `number` is in the list; a whole § holds its sub-items (`§ 2`, and `§§ 1–2`,
    /// hold 2 a and 2 b).
    pub fn contains(&self, number: ParagraphNumber) -> bool {
        self.ranges.iter().any(|(from, to)| {
            *from <= number && (number <= *to || (to.sub.is_none() && number.number == to.number))
        })
    }

    /// The one § the list names, when it names one.
    pub fn single(&self) -> Option<ParagraphNumber> {
        match self.ranges.as_slice() {
            [(from, to)] if from == to => Some(*from),
            _ => None,
        }
    }

    /// The bounds named in the list: each must be a § of the meeting.
    pub fn bounds(&self) -> impl Iterator<Item = ParagraphNumber> + '_ {
        self.ranges.iter().flat_map(|(from, to)| [*from, *to])
    }

    /// The bounds that name no § of `known`; a whole § names its sub-items (`§§ 1–2` is
    /// 1, 2 a and 2 b where the meeting has those).
    pub fn bounds_outside<'a>(
        &'a self,
        known: &'a [ParagraphNumber],
    ) -> impl Iterator<Item = ParagraphNumber> + 'a {
        self.bounds().filter(|n| {
            !known.contains(n) && (n.sub.is_some() || !known.iter().any(|k| k.number == n.number))
        })
    }
}

impl<'de> Deserialize<'de> for ParagraphList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        const EXPECTED: &str = "paragrafer, t.ex. \"§§ 3–7, 9\" eller 12";
        impl Visitor<'_> for ListVisitor {
            type Value = ParagraphList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParagraphList, E> {
                let one = u32::try_from(v)
                    .ok()
                    .filter(|n| *n <= MAX_PARAGRAPH)
                    .map(ParagraphNumber::new)
                    .ok_or_else(|| E::custom(format!("{v} är inte {EXPECTED}")))?;
                Ok(ParagraphList {
                    ranges: vec![(one, one)],
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParagraphList, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} är inte {EXPECTED}")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ParagraphList, E> {
                ParagraphList::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` är inte {EXPECTED}")))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

impl schemars::JsonSchema for ParagraphList {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ParagraphList".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^\\s*(§§?\\s*)?\\d"}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows_sub_items() {
        let n = |number, sub| ParagraphNumber { number, sub };
        assert_eq!(ParagraphNumber::parse("15"), Some(n(15, None)));
        assert_eq!(ParagraphNumber::parse("15 a"), Some(n(15, Some('a'))));
        assert_eq!(ParagraphNumber::parse("15a"), Some(n(15, Some('a'))));
        assert_eq!(ParagraphNumber::parse("15 ab"), None);
        assert_eq!(ParagraphNumber::parse("a"), None);
        assert_eq!(n(15, Some('a')).to_string(), "15 a");
        assert_eq!(n(7, Some('b')).file_part(), "p007b");
    }

    #[test]
    fn given_numbers_win_and_the_rest_count_on() {
        let given = [
            (None, None),
            (None, None),
            (
                Some(ParagraphNumber {
                    number: 14,
                    sub: Some('a'),
                }),
                None,
            ),
            (None, None),
            (Some(ParagraphNumber::new(20)), None),
            (None, None),
        ];
        let numbers: Vec<String> = ParagraphNumber::assign(&given, 12)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(numbers, ["12", "13", "14 a", "15", "20", "21"]);
    }

    #[test]
    fn the_items_under_one_head_share_a_number_with_letters() {
        let plans = Some("Detaljplaner");
        let given = [
            (None, None),
            (None, plans),
            (None, plans),
            (None, plans),
            (None, Some("Yttranden")),
            (None, None),
        ];
        let numbers: Vec<String> = ParagraphNumber::assign(&given, 7)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(numbers, ["7", "8 a", "8 b", "8 c", "9 a", "10"]);
    }

    #[test]
    fn lists_hold_ranges_and_their_sub_items() {
        let n = |text| ParagraphNumber::parse(text).unwrap_or_else(|| unreachable!());
        let list = ParagraphList::parse("§§ 3–7, 9 och 12 a").unwrap_or_else(|| unreachable!());
        assert!(list.contains(n("3")) && list.contains(n("5 b")) && list.contains(n("7")));
        assert!(!list.contains(n("8")) && list.contains(n("9")) && !list.contains(n("12")));
        assert!(list.contains(n("12 a")));
        assert_eq!(ParagraphList::parse("§ 4-2"), None);
        assert_eq!(ParagraphList::parse("ej § 9"), None);
        assert_eq!(ParagraphList::parse(""), None);
    }
}
