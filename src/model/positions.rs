//! Where each value of a YAML file stands. serde_yaml reports positions only for its own
//! syntax and type errors; checks that run after parsing look the place of a field up here,
//! from a second, span-aware parse of the same text.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (1-based) of every value, by field path: `avsnitt[2].text`,
/// `tabeller.studiebesök.ansökningar[11].förslag`. Sequence indexes are 0-based.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    /// Where the value at each path stands, and the mapping key naming it. One map, not
    /// two: a year's load indexes thousands of files, and the paths are most of it.
    places: HashMap<Box<str>, Place>,
    /// The first key that repeats a key of the same mapping.
    duplicate_key: Option<(usize, usize)>,
    /// The plain (unquoted) scalar values YAML may read as a number or a date (those
    /// starting with a digit, after a sign), with path and position.
    plain: Vec<PlainScalar>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Place {
    value: Option<(usize, usize)>,
    key: Option<(usize, usize)>,
}

/// A plain scalar value as it stands in the file.
#[derive(Debug, Clone)]
pub struct PlainScalar {
    pub path: String,
    pub text: String,
    pub line: usize,
    pub column: usize,
}

impl PlainScalar {
    /// Whether YAML may read `text` as a number or a date: it starts with a digit,
    /// perhaps after a sign.
    fn may_be_number(text: &str) -> bool {
        text.trim()
            .trim_start_matches(['+', '-'])
            .starts_with(|c: char| c.is_ascii_digit())
    }
}

impl Positions {
    /// Index `text`. A text the span-aware parser rejects gives an empty index: serde_yaml
    /// has then already reported the syntax error with its own position.
    pub fn index(text: &str) -> Self {
        let mut builder = Builder::default();
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        let mut places = builder.places;
        places.shrink_to_fit();
        Positions {
            places,
            duplicate_key: builder.duplicate_key,
            plain: builder.plain,
        }
    }

    /// The plain scalar values of the file that YAML may read as numbers or dates, as
    /// written.
    pub fn plain_scalars(&self) -> &[PlainScalar] {
        &self.plain
    }

    /// Where the first repeated key of a mapping stands.
    pub fn duplicate_key(&self) -> Option<(usize, usize)> {
        self.duplicate_key
    }

    /// The position of the key of the value at `path` (for "unknown key" messages).
    pub fn key(&self, path: &str) -> Option<(usize, usize)> {
        self.places.get(path).and_then(|place| place.key)
    }

    /// The position of the value at `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(position) = self.places.get(path).and_then(|place| place.value) {
                return Some(position);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

enum Container {
    /// A mapping, with the key whose value comes next (None: a key comes next), and
    /// whether its first key is still to come.
    Mapping {
        pending_key: Option<String>,
        first_key: bool,
    },
    Sequence {
        next_index: usize,
    },
}

#[derive(Default)]
struct Builder {
    places: HashMap<Box<str>, Place>,
    duplicate_key: Option<(usize, usize)>,
    stack: Vec<(String, Container)>,
    plain: Vec<PlainScalar>,
}

impl Builder {
    /// The path of the node starting now, or None if it is a mapping key.
    fn next_path(&mut self) -> Option<String> {
        let Some((path, container)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match container {
            Container::Mapping { pending_key, .. } => pending_key.take().map(|key| {
                if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                }
            }),
            Container::Sequence { next_index } => {
                let child = format!("{path}[{next_index}]");
                *next_index += 1;
                Some(child)
            }
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.place(path)
            .value
            .get_or_insert((mark.line(), mark.col() + 1));
    }

    fn place(&mut self, path: &str) -> &mut Place {
        self.places.entry(path.into()).or_default()
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, style, ..) => match self.next_path() {
                Some(path) => {
                    self.record(&path, mark);
                    if style == yaml_rust2::scanner::TScalarStyle::Plain
                        && PlainScalar::may_be_number(&value)
                    {
                        self.plain.push(PlainScalar {
                            path,
                            text: value,
                            line: mark.line(),
                            column: mark.col() + 1,
                        });
                    }
                }
                None => {
                    if let Some((
                        path,
                        Container::Mapping {
                            pending_key,
                            first_key,
                        },
                    )) = self.stack.last_mut()
                    {
                        let key_path = if path.is_empty() {
                            value.clone()
                        } else {
                            format!("{path}.{value}")
                        };
                        let at = (mark.line(), mark.col() + 1);
                        // The parser marks a block mapping after its first key; the key
                        // itself is where a reader looks for it.
                        let first = std::mem::take(first_key).then(|| path.clone());
                        *pending_key = Some(value);
                        let key = &mut self.place(&key_path).key;
                        match key {
                            Some(_) => self.duplicate_key = self.duplicate_key.or(Some(at)),
                            None => *key = Some(at),
                        }
                        if let Some(path) = first {
                            self.place(&path).value = Some(at);
                        }
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.next_path() {
                    self.record(&path, mark);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a mapping key has no field path; give it a
                // placeholder so its children are still paired up correctly.
                let path = self.next_path().unwrap_or_else(|| "?".to_owned());
                self.record(&path, mark);
                let container = match event {
                    Event::MappingStart(..) => Container::Mapping {
                        pending_key: None,
                        first_key: true,
                    },
                    _ => Container::Sequence { next_index: 0 },
                };
                self.stack.push((path, container));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_falls_back_to_parents() {
        let text = "rubrik: Hej\ntabeller:\n  a:\n    ansökningar:\n      - nr: 1\n        sökt: 500\n      - nr: 2\n        sökt: 600\n";
        let positions = Positions::index(text);
        assert_eq!(positions.find("rubrik"), Some((1, 9)));
        assert_eq!(
            positions.find("tabeller.a.ansökningar[1].sökt"),
            Some((8, 15))
        );
        assert_eq!(positions.find("tabeller.a.ansökningar[1]"), Some((7, 9)));
        assert_eq!(
            positions.find("tabeller.a.ansökningar[1].saknas"),
            Some((7, 9))
        );
    }

    #[test]
    fn keys_duplicates_and_plain_values_that_may_be_numbers() {
        let text = "rubrik: Hej\ndatum: 2024-09-17\nbelopp: 0x1F\ntext: \"12\"\nrubrik: Igen\n";
        let positions = Positions::index(text);
        assert_eq!(positions.key("datum"), Some((2, 1)));
        assert_eq!(positions.find("datum"), Some((2, 8)));
        assert_eq!(positions.duplicate_key(), Some((5, 1)));
        let plain: Vec<&str> = positions
            .plain_scalars()
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        // `Hej` cannot be read as a number, and `"12"` is quoted.
        assert_eq!(plain, ["2024-09-17", "0x1F"]);
    }
}
