//! What went wrong reading a YAML file, as kinds with a place, and their Swedish wording.
//! serde's errors come through the `de::Error` trait methods with their parts (what was
//! found, which field, which variants), so no message is made from English text.

use std::fmt;

use granit_parser::ErrorKind;
use serde::de::{self, Unexpected};

/// One error with its place in the file and the field path where serde was.
#[derive(Debug, Clone)]
pub struct Error {
    what: What,
    at: Option<(usize, usize)>,
    path: String,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// The parser's error.
    Syntax(ErrorKind),
    /// A `[` or `{` not closed before the block YAML after it.
    FlowNotClosed(char),
    SeveralDocuments,
    DuplicateKey,
    UnknownAnchor,
    TooDeep,
    AliasRepetition,
    /// The node is not what the model wants there (found by the deserializer itself).
    WrongType {
        found: Found,
        want: Want,
    },
    /// A visitor refused the node's type; `expected` is the visitor's own wording.
    InvalidType {
        found: Found,
        expected: String,
    },
    InvalidValue {
        found: Found,
        expected: String,
    },
    /// An integer outside the range the model can hold there.
    OutOfRange {
        found: Found,
        min: i128,
        max: i128,
    },
    InvalidLength {
        length: usize,
        expected: String,
    },
    MissingField(&'static str),
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    DuplicateField(&'static str),
    /// The model's own message (Swedish already).
    Message(String),
}

/// What a node is, for "found X where Y should stand".
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Text(String),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Bool(bool),
    Char(char),
    Null,
    List,
    Mapping,
    /// Anything else serde can name (bytes, an enum, a newtype…).
    Other,
}

/// What the model wants at a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Want {
    Bool,
    Integer,
    Number,
    Char,
    Text,
    Null,
    List,
    Mapping,
    /// One of an enum's words.
    Word,
}

impl Error {
    pub fn at(what: What, at: (usize, usize)) -> Self {
        Error {
            what,
            at: Some(at),
            path: String::new(),
        }
    }

    pub(super) fn new(what: What) -> Self {
        Error {
            what,
            at: None,
            path: String::new(),
        }
    }

    pub fn what(&self) -> &What {
        &self.what
    }

    /// Line and column (1-based), when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.at
    }

    /// The field path where serde was (`paragrafer[0].datum`), empty at the top.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Give an error without a place the place of the node being read.
    pub(super) fn placed(mut self, at: (usize, usize), path: impl FnOnce() -> String) -> Self {
        if self.at.is_none() {
            self.at = Some(at);
            self.path = path();
        }
        self
    }

    /// The Swedish message without the field path.
    pub fn message(&self) -> String {
        match &self.what {
            What::Syntax(kind) => syntax(kind).to_owned(),
            What::FlowNotClosed(open) => {
                let close = if *open == '[' { ']' } else { '}' };
                format!("en {open} saknar sin {close}; leta uppåt från raden")
            }
            What::SeveralDocuments => "filen innehåller flera YAML-dokument (---); en fil ska innehålla ett ärende, ett sammanträde eller en profil".to_owned(),
            What::DuplicateKey => "samma nyckel står två gånger; ta bort den ena".to_owned(),
            What::UnknownAnchor => "aliaset (*namn) har inget ankare (&namn) före sig i filen".to_owned(),
            What::TooDeep => "för djupt nästlade listor eller nycklar".to_owned(),
            What::AliasRepetition => "YAML-alias (&namn, *namn) upprepar för mycket: filen skulle bli orimligt stor".to_owned(),
            // The commonest slip: one entry of a list written without its dash.
            What::WrongType {
                found: Found::Mapping,
                want: Want::List,
            } => "fel slags värde: nycklar (en mappning) där det ska stå en lista; skriv `- ` före varje post i listan, också när den har en enda".to_owned(),
            What::WrongType { found, want } => {
                format!("fel slags värde: {found} där det ska stå {want}")
            }
            What::InvalidType { found, expected } => {
                format!("fel slags värde: {found} där det ska stå {expected}")
            }
            What::InvalidValue { found, expected } => {
                format!("ogiltigt värde: {found}; här ska stå {expected}")
            }
            What::OutOfRange { found, min, max } => format!(
                "ogiltigt värde: {found}; här ska stå ett heltal från {} till {}",
                grouped(*min),
                grouped(*max)
            ),
            What::InvalidLength { length, expected } => {
                format!("fel antal ({length}); här ska stå {expected}")
            }
            What::MissingField(field) => format!("nyckeln `{field}` saknas"),
            What::UnknownField { field, expected } => {
                format!("okänd nyckel `{field}`; giltiga nycklar här: {}", expected.join(", "))
            }
            What::UnknownVariant { variant, expected } => {
                let words: Vec<String> = expected.iter().map(|w| format!("`{w}`")).collect();
                let words = words.join(" eller ");
                match crate::model::nearest(variant, expected) {
                    Some(near) => {
                        format!("`{variant}` går inte här; menade du `{near}`? Skriv {words}")
                    }
                    None => format!("`{variant}` går inte här; skriv {words}"),
                }
            }
            What::DuplicateField(field) => {
                format!("nyckeln `{field}` står två gånger; ta bort den ena")
            }
            What::Message(message) => message.clone(),
        }
    }
}

/// The parser's error kinds in Swedish, about what the writer of the file should do.
fn syntax(kind: &ErrorKind) -> &'static str {
    use ErrorKind as K;
    match kind {
        // The parser stands at the bracket that is never closed.
        K::UnclosedFlowCollection { open: '[' } => "den här [ stängs aldrig med ]",
        K::UnclosedFlowCollection { .. } => "den här { stängs aldrig med }",
        K::ExpectedFlowSequenceSeparator | K::UnexpectedEofFlowSequence => {
            "en [ saknar sin ]; leta uppåt från raden"
        }
        K::ExpectedFlowMappingSeparator
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => "en { saknar sin }; leta uppåt från raden",
        K::MismatchedFlowCollectionEnd { .. } | K::MisplacedFlowCollectionEnd => {
            "en ] eller } stänger fel parentes; leta uppåt från raden"
        }
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar
        | K::UnexpectedCharacter { .. } => {
            "tecknet kan inte börja ett värde här; indrag görs med mellanslag, inte tabb"
        }
        K::MappingValueNotAllowed
        | K::InvalidMappingValueWhitespace
        | K::InvalidColonPlacement
        | K::FlowMappingValueAdjacentCollection => {
            "ett kolon (:) står där det inte kan stå; sätt texten inom citattecken"
        }
        K::ExpectedBlockMappingKey | K::SimpleKeyExpected | K::InvalidSimpleKey => {
            "indraget stämmer inte: här väntades en nyckel"
        }
        K::ExpectedNodeContent => "ett värde saknas här",
        K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::BlockEntryInFlowCollection => {
            "indraget stämmer inte: här väntades ett listelement (-)"
        }
        K::UnclosedQuotedScalar => "citattecknet här stängs aldrig; texten tar slut utan det",
        K::UnexpectedEof | K::UnexpectedEofBlockSequence | K::UnexpectedEofBlockMapping => {
            "filen tar slut mitt i ett värde; ett citattecken eller en parentes stängs inte"
        }
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => "okänd escape-sekvens (\\) i texten inom citattecken",
        K::InvalidIndentation
        | K::InvalidBlockScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent => "indraget stämmer inte här",
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            "text står efter citattecknet som avslutar värdet; sätt hela värdet inom citattecken"
        }
        K::UnknownAnchor => "aliaset (*namn) har inget ankare (&namn) före sig i filen",
        K::RecursionLimitExceeded => "för djupt nästlade listor eller nycklar",
        K::CommentInterceptedScalar | K::CommentNotSeparated => {
            "en kommentar (#) står mitt i ett värde; sätt texten inom citattecken eller ett mellanslag före #"
        }
        K::BomInsideDocument => {
            "ett osynligt tecken (byte order mark, U+FEFF) står mitt i filen; ta bort det"
        }
        K::DocumentIndicatorInQuotedScalar | K::InvalidDocumentEnd => {
            "en rad --- eller ... står mitt i ett värde; sätt texten inom citattecken"
        }
        _ => "YAML-syntaxen stämmer inte här; jämför med en fil som fungerar",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Text(text) => write!(f, "texten \"{}\"", shortened(text)),
            Found::Unsigned(n) => write!(f, "talet {n}"),
            Found::Signed(n) => write!(f, "talet {n}"),
            Found::Float(x) => write!(f, "decimaltalet {x}"),
            Found::Bool(b) => write!(f, "sanningsvärdet {b}"),
            Found::Char(c) => write!(f, "tecknet {c}"),
            Found::Null => f.write_str("ett tomt värde"),
            Found::List => f.write_str("en lista"),
            Found::Mapping => f.write_str("nycklar (en mappning)"),
            Found::Other => f.write_str("ett värde av annat slag"),
        }
    }
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Want::Bool => "true eller false",
            Want::Integer => "ett heltal",
            Want::Number => "ett tal",
            Want::Char => "ett tecken",
            Want::Text => "text",
            Want::Null => "ett tomt värde",
            Want::List => "en lista",
            Want::Mapping => "nycklar (en mappning)",
            Want::Word => "ett av de ord som går här (se schemat)",
        })
    }
}

/// A number as Swedish writes it, in groups of three: `4 294 967 295`.
fn grouped(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A long value (a whole file read as one string) is quoted by its start only.
fn shortened(text: &str) -> String {
    const KEEP: usize = 60;
    if text.chars().count() <= KEEP {
        return text.to_owned();
    }
    let start: String = text.chars().take(KEEP).collect();
    format!("{start}…")
}

impl From<Unexpected<'_>> for Found {
    fn from(unexpected: Unexpected<'_>) -> Self {
        match unexpected {
            Unexpected::Bool(b) => Found::Bool(b),
            Unexpected::Unsigned(n) => Found::Unsigned(n),
            Unexpected::Signed(n) => Found::Signed(n),
            Unexpected::Float(x) => Found::Float(x),
            Unexpected::Char(c) => Found::Char(c),
            Unexpected::Str(s) => Found::Text(s.to_owned()),
            Unexpected::Unit => Found::Null,
            Unexpected::Seq => Found::List,
            Unexpected::Map => Found::Mapping,
            _ => Found::Other,
        }
    }
}

impl de::Error for Error {
    /// The model's own messages (Swedish), and those of serde's helpers the model uses.
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(What::Message(message.to_string()))
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(What::InvalidType {
            found: unexpected.into(),
            expected: expected.to_string(),
        })
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(What::InvalidValue {
            found: unexpected.into(),
            expected: expected.to_string(),
        })
    }

    fn invalid_length(length: usize, expected: &dyn de::Expected) -> Self {
        Error::new(What::InvalidLength {
            length,
            expected: expected.to_string(),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::UnknownVariant {
            variant: variant.to_owned(),
            expected,
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::UnknownField {
            field: field.to_owned(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(What::MissingField(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(What::DuplicateField(field))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_in_groups_of_three() {
        assert_eq!(super::grouped(4_294_967_295), "4 294 967 295");
        assert_eq!(super::grouped(255), "255");
        assert_eq!(super::grouped(-128), "-128");
    }
}
