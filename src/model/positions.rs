//! Where each value of a YAML file stands, by field path, indexed from the same tree the
//! typed parse reads (see [`super::yaml`]): one read gives both.

use std::collections::HashMap;

use super::yaml::{Kind, Node};

/// Line and column (1-based) of every value, by field path: `avsnitt[2].text`,
/// `tabeller.studiebesök.ansökningar[11].förslag`. Sequence indexes are 0-based.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    /// Where the value at each path stands, and the mapping key naming it. One map, not
    /// two: a year's load indexes thousands of files, and the paths are most of it.
    places: HashMap<Box<str>, Place>,
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
    /// Index the parsed file. An alias has its own place; what it repeats is indexed
    /// where it is defined.
    pub fn index(tree: &Node) -> Self {
        let mut positions = Positions::default();
        positions.visit(tree, String::new());
        positions.places.shrink_to_fit();
        positions
    }

    fn visit(&mut self, node: &Node, path: String) {
        match &node.kind {
            Kind::Scalar(scalar) => {
                if scalar.plain && PlainScalar::may_be_number(&scalar.text) {
                    self.plain.push(PlainScalar {
                        path: path.clone(),
                        text: scalar.text.clone(),
                        line: node.at.0,
                        column: node.at.1,
                    });
                }
                self.place(path).value.get_or_insert(node.at);
            }
            Kind::Alias(_) => {
                self.place(path).value.get_or_insert(node.at);
            }
            Kind::Sequence(items) => {
                self.place(path.clone()).value.get_or_insert(node.at);
                for (i, item) in items.iter().enumerate() {
                    self.visit(item, format!("{path}[{i}]"));
                }
            }
            Kind::Mapping(entries) => {
                // A mapping stands where its first key does: that is where a reader looks.
                let at = entries.first().map_or(node.at, |(key, _)| key.at);
                self.place(path.clone()).value.get_or_insert(at);
                for (key, value) in entries {
                    // A collection used as a key has no field path.
                    let name = key.key_text().unwrap_or("?");
                    let child = if path.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{path}.{name}")
                    };
                    self.place(child.clone()).key.get_or_insert(key.at);
                    self.visit(value, child);
                }
            }
        }
    }

    fn place(&mut self, path: String) -> &mut Place {
        self.places.entry(path.into_boxed_str()).or_default()
    }

    /// The plain scalar values of the file that YAML may read as numbers or dates, as
    /// written.
    pub fn plain_scalars(&self) -> &[PlainScalar] {
        &self.plain
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Positions {
        Positions::index(&crate::model::yaml::parse(text).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn finds_nested_values_and_falls_back_to_parents() {
        let text = "rubrik: Hej\ntabeller:\n  a:\n    ansökningar:\n      - nr: 1\n        sökt: 500\n      - nr: 2\n        sökt: 600\n";
        let positions = index(text);
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
    fn keys_and_plain_values_that_may_be_numbers() {
        let text = "rubrik: Hej\ndatum: 2024-09-17\nbelopp: 0x1F\ntext: \"12\"\n";
        let positions = index(text);
        assert_eq!(positions.key("datum"), Some((2, 1)));
        assert_eq!(positions.find("datum"), Some((2, 8)));
        assert_eq!(positions.find("text"), Some((4, 7)));
        let plain: Vec<&str> = positions
            .plain_scalars()
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        // `Hej` cannot be read as a number, and `"12"` is quoted.
        assert_eq!(plain, ["2024-09-17", "0x1F"]);
    }
}
