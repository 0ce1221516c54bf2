//! The YAML of a file, read once: a tree of nodes that each know their line and column,
//! from which come the index of positions, the checks on keys and texts, and serde's typed
//! parse (through [`de`], a deserializer over the tree whose errors carry the node's place).
//!
//! Why granit-parser. serde_yaml is archived. A serde front end (serde_yaml_ng,
//! serde_norway, serde-saphyr's `from_str`) gives the typed value but no positions for
//! values that parse well, so the later checks (unknown keys, text rules, every domain
//! check's line and column) would need a second, span-aware parse; and serde's own errors
//! reach the caller as text (serde-saphyr keeps `invalid type` as an English string).
//! granit-parser is the event parser serde-saphyr is built on: a fork of saphyr-parser (the
//! yaml-rust line), maintained on its own, panic-free, without unsafe, fuzzed and run
//! against the YAML test suite. Every event carries its span and every error an
//! [`ErrorKind`] with a marker, so one read gives both the value and its places, and every
//! message here is built from a kind, never from text. It is used without its
//! `error_messages` feature: it has no English to give.
//!
//! Scalars keep their text and whether they were plain; what a plain scalar means (null,
//! boolean, number, text) is decided when serde asks, by YAML 1.2's core schema as
//! serde_yaml 0.9 read it (`no` is text, `0123` is text, dates are text for chrono).

pub mod de;
mod error;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use granit_parser::{ErrorKind, Event, Options, Parser, ScalarStyle, StructureStyle};

pub use error::{Error, Found, Want, What};

/// Nested lists and mappings refused beyond this depth (serde_yaml's limit).
const MAX_DEPTH: usize = 128;
/// Nodes that aliases may repeat, per event of the file (serde_yaml's ratio).
const ALIAS_REPEAT_PER_EVENT: usize = 100;

/// One node of the file: where it starts (line and column, 1-based) and what it is.
#[derive(Debug, Clone)]
pub struct Node {
    pub at: (usize, usize),
    pub kind: Kind,
    /// Nodes it stands for, aliases expanded (saturating): the bound on every walk.
    size: usize,
    /// Its nesting depth, aliases expanded.
    depth: usize,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    /// Entries in the file's order; keys are nodes (their place is the key's place).
    Mapping(Vec<(Node, Node)>),
    /// `*name`: the anchored node, shared rather than copied.
    Alias(Arc<Node>),
}

#[derive(Debug, Clone)]
pub struct Scalar {
    /// The value after YAML's escapes and folding.
    pub text: String,
    /// Written without quotes or block indicator: YAML may read it as null, boolean or number.
    pub plain: bool,
}

/// What a plain scalar means under the core schema, as serde_yaml 0.9 resolved it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(&'a str),
}

impl Scalar {
    /// The scalar's meaning: quoted and block scalars are always text.
    pub fn resolve(&self) -> Resolved<'_> {
        let text = self.text.as_str();
        if !self.plain {
            return Resolved::Text(text);
        }
        if text.is_empty() || matches!(text, "~" | "null" | "Null" | "NULL") {
            return Resolved::Null;
        }
        match text {
            "true" | "True" | "TRUE" => return Resolved::Bool(true),
            "false" | "False" | "FALSE" => return Resolved::Bool(false),
            _ => {}
        }
        if let Some(n) = unsigned(text) {
            return Resolved::Unsigned(n);
        }
        if let Some(n) = negative(text) {
            return Resolved::Signed(n);
        }
        if !digits_but_not_number(text)
            && let Some(f) = float(text)
        {
            return Resolved::Float(f);
        }
        Resolved::Text(text)
    }

    /// Whether the scalar is null (an empty or `~`/`null` plain value).
    pub fn is_null(&self) -> bool {
        self.plain && matches!(self.resolve(), Resolved::Null)
    }
}

/// `0123`: digits with a leading zero are text in YAML 1.2.
fn digits_but_not_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

fn radix(text: &str) -> Option<(&str, u32)> {
    [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(prefix, radix)| text.strip_prefix(prefix).map(|rest| (rest, *radix)))
        .filter(|(rest, _)| !rest.starts_with(['+', '-']))
}

fn unsigned(text: &str) -> Option<u64> {
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Some((digits, radix)) = radix(unsigned)
        && let Ok(n) = u64::from_str_radix(digits, radix)
    {
        return Some(n);
    }
    if unsigned.starts_with(['+', '-']) || digits_but_not_number(text) {
        return None;
    }
    unsigned.parse().ok()
}

fn negative(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-')?;
    if let Some((digits, radix)) = radix(digits) {
        return i64::from_str_radix(&format!("-{digits}"), radix).ok();
    }
    if digits_but_not_number(text) {
        return None;
    }
    text.parse().ok()
}

fn float(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match text {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

impl Node {
    /// The node itself, or the anchored node an alias stands for.
    pub fn target(&self) -> &Node {
        match &self.kind {
            Kind::Alias(target) => target,
            _ => self,
        }
    }

    /// The scalar text of a node (an alias followed), if it is a scalar.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.target().kind {
            Kind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The text of a scalar that YAML reads as text (a string value in the file).
    pub fn as_text(&self) -> Option<&str> {
        match self.scalar()?.resolve() {
            Resolved::Text(text) => Some(text),
            _ => None,
        }
    }

    /// A mapping key as a field path names it: text, or a number written as itself.
    pub fn key_text(&self) -> Option<&str> {
        let scalar = self.scalar()?;
        match scalar.resolve() {
            Resolved::Text(_) | Resolved::Unsigned(_) | Resolved::Signed(_) => {
                Some(scalar.text.as_str())
            }
            _ => None,
        }
    }

    fn leaf(at: (usize, usize), kind: Kind) -> Self {
        Node {
            at,
            kind,
            size: 1,
            depth: 0,
        }
    }
}

/// Read `text` (one YAML document) into its tree. Syntax errors, a second document,
/// a repeated key, an unknown alias, too deep nesting and aliases that repeat too much
/// are errors with their place.
pub fn parse(text: &str) -> Result<Node, Error> {
    // The scanner reads flow collections ahead of the events, so it must stop where the
    // tree would: a file's top is a (block) mapping, so flow levels stop one short.
    let mut options = Options::default();
    options.flow_nesting_limit = MAX_DEPTH - 1;
    options.block_nesting_limit = MAX_DEPTH;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder::default();
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let kind = e.kind().clone();
            let at = syntax_place(text, &kind, (e.marker().line(), e.marker().col() + 1));
            // Inside an open `[…]` or `{…}`, a key or `-` on a later line means the
            // bracket was never closed: say so, rather than what the parser met there.
            match builder.stack.last().and_then(|open| open.flow) {
                Some(open) if unclosed_flow(&kind) => Error::at(What::FlowNotClosed(open), at),
                _ => Error::at(What::Syntax(kind), at),
            }
        })?;
        let mut at = (span.start.line(), span.start.col() + 1);
        builder.events += 1;
        // The parser gives an empty value (`kolumner:`) as `~`, with an empty span at the
        // colon; it stands after the colon, as serde_yaml placed it.
        let empty = span.start.index() == span.end.index();
        let colon = span
            .start
            .byte_offset()
            .and_then(|b| text.get(b..)?.chars().next());
        if empty && colon == Some(':') {
            at.1 += 1;
        }
        builder.event(event, at, empty)?;
    }
    let limit = builder.events.saturating_mul(ALIAS_REPEAT_PER_EVENT);
    if let Some((at, _)) = builder.aliases.iter().find(|(_, total)| *total > limit) {
        return Err(Error::at(What::AliasRepetition, *at));
    }
    // An empty file is one empty (null) value.
    Ok(builder.root.unwrap_or_else(|| {
        Node::leaf(
            (1, 1),
            Kind::Scalar(Scalar {
                text: String::new(),
                plain: true,
            }),
        )
    }))
}

/// Where a syntax error is shown. The parser stands after a tab it refuses, and at the
/// start of a quoted text with a bad escape; a reader looks for the tab or the escape.
fn syntax_place(text: &str, kind: &ErrorKind, (line, column): (usize, usize)) -> (usize, usize) {
    use ErrorKind as K;
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else {
        return (line, column);
    };
    let chars: Vec<char> = row.chars().collect();
    let found = match kind {
        K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabNotAllowed
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => chars.iter().take(column).rposition(|c| *c == '\t'),
        K::UnknownQuotedScalarEscape => {
            // YAML's escapes: \0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P \x \u \U.
            const ESCAPES: &str = "0abt\tnvfre \"/\\N_LPxuU";
            let mut i = column.saturating_sub(1);
            let mut found = None;
            while i + 1 < chars.len() {
                if chars[i] == '\\' {
                    if !ESCAPES.contains(chars[i + 1]) {
                        found = Some(i);
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            found
        }
        _ => None,
    };
    found.map_or((line, column), |i| (line, i + 1))
}

/// The errors a flow collection left open leads to when the next line is block YAML.
fn unclosed_flow(kind: &ErrorKind) -> bool {
    use ErrorKind as K;
    matches!(
        kind,
        K::MappingValueNotAllowed
            | K::InvalidColonPlacement
            | K::BlockEntryInFlowCollection
            | K::BlockSequenceEntryNotAllowed
            | K::ExpectedFlowSequenceSeparator
            | K::ExpectedFlowMappingSeparator
            | K::UnexpectedEofFlowSequence
            | K::UnexpectedEofFlowMapping
    )
}

/// Deserialize a `T` from `text`: one read, serde over the tree.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    let tree = parse(text)?;
    T::deserialize(de::Cursor::root(&tree))
}

struct Open {
    at: (usize, usize),
    anchor: usize,
    /// The bracket of a flow collection (`[` or `{`), None for a block one.
    flow: Option<char>,
    children: Children,
}

enum Children {
    Sequence(Vec<Node>),
    Mapping {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        /// The keys so far, to refuse a repeated one without comparing every pair.
        seen: HashSet<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Arc<Node>>,
    root: Option<Node>,
    documents: usize,
    events: usize,
    /// Each alias's place and the nodes repeated by aliases up to it.
    aliases: Vec<((usize, usize), usize)>,
    repeated: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, at: (usize, usize), empty: bool) -> Result<(), Error> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Error::at(What::SeveralDocuments, at));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // `!!str 12` is text, as if quoted.
                let text_tag = tag.is_some_and(|tag| tag.is_yaml_core_schema_tag("str"));
                let plain = style == ScalarStyle::Plain && !text_tag;
                let scalar = Scalar {
                    text: if empty {
                        String::new()
                    } else {
                        text.into_owned()
                    },
                    plain,
                };
                self.add(Node::leaf(at, Kind::Scalar(scalar)), anchor)?;
            }
            Event::SequenceStart(style, anchor, _) => {
                let flow = (style == StructureStyle::Flow).then_some('[');
                self.open(at, anchor, flow, Children::Sequence(Vec::new()))?;
            }
            Event::MappingStart(style, anchor, _) => {
                let flow = (style == StructureStyle::Flow).then_some('{');
                let children = Children::Mapping {
                    entries: Vec::new(),
                    key: None,
                    seen: HashSet::new(),
                };
                self.open(at, anchor, flow, children)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    let kind = match open.children {
                        Children::Sequence(items) => Kind::Sequence(items),
                        Children::Mapping { entries, .. } => Kind::Mapping(entries),
                    };
                    let (size, depth) = measure(&kind);
                    self.add(
                        Node {
                            at: open.at,
                            kind,
                            size,
                            depth,
                        },
                        open.anchor,
                    )?;
                }
            }
            Event::Alias(id) => {
                let target = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or(Error::at(What::UnknownAnchor, at))?;
                self.repeated = self.repeated.saturating_add(target.size);
                self.aliases.push((at, self.repeated));
                let node = Node {
                    at,
                    size: target.size,
                    depth: target.depth,
                    kind: Kind::Alias(target),
                };
                self.add(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(
        &mut self,
        at: (usize, usize),
        anchor: usize,
        flow: Option<char>,
        children: Children,
    ) -> Result<(), Error> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::at(What::TooDeep, at));
        }
        self.stack.push(Open {
            at,
            anchor,
            flow,
            children,
        });
        Ok(())
    }

    /// Put a finished node in its parent (or make it the root), keep it if anchored.
    fn add(&mut self, node: Node, anchor: usize) -> Result<(), Error> {
        // An alias brings its nesting with it.
        if node.depth + self.stack.len() > MAX_DEPTH {
            return Err(Error::at(What::TooDeep, node.at));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, Arc::new(node.clone()));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut parent.children {
            Children::Sequence(items) => items.push(node),
            Children::Mapping { entries, key, seen } => match key.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    if let Some(text) = node.scalar().map(|s| s.text.clone())
                        && !seen.insert(text)
                    {
                        return Err(Error::at(What::DuplicateKey, node.at));
                    }
                    *key = Some(node);
                }
            },
        }
        Ok(())
    }
}

/// A collection's size and depth from its children's.
fn measure(kind: &Kind) -> (usize, usize) {
    let children: Box<dyn Iterator<Item = &Node>> = match kind {
        Kind::Sequence(items) => Box::new(items.iter()),
        Kind::Mapping(entries) => Box::new(entries.iter().flat_map(|(k, v)| [k, v])),
        _ => Box::new(std::iter::empty()),
    };
    children.fold((1, 1), |(size, depth), child| {
        (size.saturating_add(child.size), depth.max(child.depth + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> String {
        let scalar = Scalar {
            text: text.to_owned(),
            plain: true,
        };
        format!("{:?}", scalar.resolve())
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_1_2_core() {
        assert_eq!(resolve("no"), "Text(\"no\")");
        assert_eq!(resolve("True"), "Bool(true)");
        assert_eq!(resolve(""), "Null");
        assert_eq!(resolve("~"), "Null");
        assert_eq!(resolve("0123"), "Text(\"0123\")");
        assert_eq!(resolve("0x1F"), "Unsigned(31)");
        assert_eq!(resolve("-12"), "Signed(-12)");
        assert_eq!(resolve("3.2"), "Float(3.2)");
        assert_eq!(resolve("2015-03-24"), "Text(\"2015-03-24\")");
        assert_eq!(resolve("100 000"), "Text(\"100 000\")");
    }

    #[test]
    fn an_empty_value_is_empty_not_a_tilde() {
        let tree = parse("a:\nb: ~\n").unwrap_or_else(|e| panic!("{e}"));
        let Kind::Mapping(entries) = &tree.kind else {
            panic!("a mapping");
        };
        let texts: Vec<&str> = entries
            .iter()
            .filter_map(|(_, v)| v.scalar().map(|s| s.text.as_str()))
            .collect();
        assert_eq!(texts, ["", "~"]);
        assert_eq!(entries[0].1.at, (1, 3), "after the colon");
    }

    #[test]
    fn a_tab_and_a_bad_escape_are_shown_where_they_stand() {
        let at = |text: &str| parse(text).err().and_then(|e| e.position());
        assert_eq!(at("a:\n\tb: c\n"), Some((2, 1)));
        assert_eq!(at("a: \"x\\ty\\qz\"\n"), Some((1, 9)));
    }

    #[test]
    fn errors_have_places() {
        let at = |text: &str| parse(text).err().map(|e| (e.what().clone(), e.position()));
        assert_eq!(at("a: 1\na: 2\n"), Some((What::DuplicateKey, Some((2, 1)))));
        assert_eq!(
            at("a: 1\n---\nb: 2\n"),
            Some((What::SeveralDocuments, Some((2, 1))))
        );
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        assert!(matches!(at(bomb), Some((What::AliasRepetition, Some(_)))));
        assert!(parse("a: &a [1]\nb: *a\n").is_ok());
    }
}
