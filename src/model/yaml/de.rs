//! serde's typed parse over the tree: a deserializer at one node, which knows the node's
//! place and field path and gives them to every error raised below it.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::error::{Error, Found, Want, What};
use super::{Kind, Node, Resolved, Scalar};

/// Where the cursor is, as a chain up to the top, made into a path only for an error.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => match parent.render() {
                parent if parent.is_empty() => (*key).to_owned(),
                parent => format!("{parent}.{key}"),
            },
            Path::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// A deserializer at one node of the tree.
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    node: &'a Node,
    path: Path<'a>,
}

impl<'a> Cursor<'a> {
    pub fn root(node: &'a Node) -> Self {
        Cursor {
            node,
            path: Path::Root,
        }
    }

    /// The node an alias stands for, read at the alias's path.
    fn target(&self) -> &'a Node {
        self.node.target()
    }

    fn place(&self, error: Error) -> Error {
        error.placed(self.node.at, || self.path.render())
    }

    fn found(&self) -> Found {
        match &self.target().kind {
            Kind::Scalar(scalar) => match scalar.resolve() {
                Resolved::Null => Found::Null,
                Resolved::Bool(b) => Found::Bool(b),
                Resolved::Unsigned(n) => Found::Unsigned(n),
                Resolved::Signed(n) => Found::Signed(n),
                Resolved::Float(x) => Found::Float(x),
                Resolved::Text(text) => Found::Text(text.to_owned()),
            },
            Kind::Sequence(_) => Found::List,
            Kind::Mapping(_) => Found::Mapping,
            Kind::Alias(_) => Found::Other,
        }
    }

    fn wrong(&self, want: Want) -> Error {
        Error::new(What::WrongType {
            found: self.found(),
            want,
        })
    }

    fn scalar(&self) -> Option<&'a Scalar> {
        self.target().scalar()
    }

    /// A plain scalar that is null, or nothing at all (serde_yaml's empty value).
    fn is_null(&self) -> bool {
        self.scalar().is_some_and(Scalar::is_null)
    }

    /// An integer in `min..=max` (the target type's range, checked here so that the
    /// message can say it, rather than serde's visitor naming the Rust type).
    fn integer<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        min: i128,
        max: i128,
    ) -> Result<V::Value, Error> {
        let out_of_range = || {
            Error::new(What::OutOfRange {
                found: self.found(),
                min,
                max,
            })
        };
        match self.scalar().map(Scalar::resolve) {
            Some(Resolved::Unsigned(n)) if i128::from(n) <= max => visitor.visit_u64(n),
            Some(Resolved::Signed(n)) if (min..=max).contains(&i128::from(n)) => {
                visitor.visit_i64(n)
            }
            Some(Resolved::Unsigned(_) | Resolved::Signed(_)) => Err(out_of_range()),
            _ => Err(self.wrong(Want::Integer)),
        }
    }

    fn float<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar().map(Scalar::resolve) {
            Some(Resolved::Unsigned(n)) => visitor.visit_u64(n),
            Some(Resolved::Signed(n)) => visitor.visit_i64(n),
            Some(Resolved::Float(x)) => visitor.visit_f64(x),
            _ => Err(self.wrong(Want::Number)),
        }
    }

    fn with<T>(&self, read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        read().map_err(|e| self.place(e))
    }
}

/// `deserialize_u8` and the rest: the type's range checked before serde's visitor sees it.
macro_rules! integers {
    ($($method:ident: $type:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.with(|| self.integer(visitor, i128::from(<$type>::MIN), i128::from(<$type>::MAX)))
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for Cursor<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match &self.target().kind {
            Kind::Scalar(scalar) => match scalar.resolve() {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Unsigned(n) => visitor.visit_u64(n),
                Resolved::Signed(n) => visitor.visit_i64(n),
                Resolved::Float(x) => visitor.visit_f64(x),
                Resolved::Text(text) => visitor.visit_str(text),
            },
            Kind::Sequence(items) => visitor.visit_seq(Items::new(items, &self.path)),
            Kind::Mapping(entries) => visitor.visit_map(Entries::new(entries, &self.path)),
            Kind::Alias(_) => Err(self.wrong(Want::Text)),
        })
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match self.scalar().map(Scalar::resolve) {
            Some(Resolved::Bool(b)) => visitor.visit_bool(b),
            _ => Err(self.wrong(Want::Bool)),
        })
    }

    integers! {
        deserialize_i8: i8, deserialize_i16: i16, deserialize_i32: i32, deserialize_i64: i64,
        deserialize_u8: u8, deserialize_u16: u16, deserialize_u32: u32, deserialize_u64: u64
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| self.float(visitor))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| self.float(visitor))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| {
            let text = self.scalar().map(|s| s.text.as_str()).unwrap_or_default();
            let mut chars = text.chars();
            match (chars.next(), chars.next(), self.scalar()) {
                (Some(c), None, Some(_)) => visitor.visit_char(c),
                _ => Err(self.wrong(Want::Char)),
            }
        })
    }

    /// Any scalar is text as written: `3.2` and `2015-03-24` stay as they stand.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match self.scalar() {
            Some(scalar) => visitor.visit_str(&scalar.text),
            None => Err(self.wrong(Want::Text)),
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        self.with(|| Err(self.wrong(Want::Text)))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        self.with(|| Err(self.wrong(Want::Text)))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match self.is_null() {
            true => visitor.visit_none(),
            false => visitor.visit_some(self),
        })
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match self.is_null() {
            true => visitor.visit_unit(),
            false => Err(self.wrong(Want::Null)),
        })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with(|| visitor.visit_newtype_struct(self))
    }

    /// A sequence; an empty value is an empty sequence, as serde_yaml read it.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match &self.target().kind {
            Kind::Sequence(items) => visitor.visit_seq(Items::new(items, &self.path)),
            Kind::Scalar(scalar) if scalar.plain && scalar.text.is_empty() => {
                visitor.visit_seq(Items::new(&[], &self.path))
            }
            _ => Err(self.wrong(Want::List)),
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    /// A mapping; an empty value is an empty mapping, as serde_yaml read it.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.with(|| match &self.target().kind {
            Kind::Mapping(entries) => visitor.visit_map(Entries::new(entries, &self.path)),
            Kind::Scalar(scalar) if scalar.plain && scalar.text.is_empty() => {
                visitor.visit_map(Entries::new(&[], &self.path))
            }
            _ => Err(self.wrong(Want::Mapping)),
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// An enum is one of its words (unit variants), as serde_yaml read untagged YAML.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.with(|| match self.scalar() {
            Some(scalar) if !scalar.text.is_empty() => visitor.visit_enum(Word(&scalar.text)),
            _ => Err(self.wrong(Want::Word)),
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128
    }
}

/// A sequence's items, each at its index.
struct Items<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
    path: &'a Path<'a>,
}

impl<'a> Items<'a> {
    fn new(items: &'a [Node], path: &'a Path<'a>) -> Self {
        Items {
            items: items.iter(),
            index: 0,
            path,
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        // A type's own check after its text is read (`TimeSpan`) fails at the item, not
        // at the list around it.
        let at = node.at;
        let cursor = Cursor { node, path };
        seed.deserialize(cursor)
            .map(Some)
            .map_err(|e| e.placed(at, || cursor.path.render()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A mapping's entries, each value at its key.
struct Entries<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<(&'a Node, &'a str)>,
    path: &'a Path<'a>,
}

impl<'a> Entries<'a> {
    fn new(entries: &'a [(Node, Node)], path: &'a Path<'a>) -> Self {
        Entries {
            entries: entries.iter(),
            value: None,
            path,
        }
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let name = key.scalar().map_or("?", |s| s.text.as_str());
        self.value = Some((value, name));
        let path = Path::Key(self.path, name);
        seed.deserialize(Cursor { node: key, path }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((node, name)) = self.value.take() else {
            return Err(Error::new(What::Message(
                "ett värde utan nyckel".to_owned(),
            )));
        };
        let cursor = Cursor {
            node,
            path: Path::Key(self.path, name),
        };
        seed.deserialize(cursor)
            .map_err(|e| e.placed(node.at, || cursor.path.render()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as one of its words.
struct Word<'a>(&'a str);

impl<'de> de::EnumAccess<'de> for Word<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let word: de::value::StrDeserializer<'_, Error> = self.0.into_deserializer();
        Ok((seed.deserialize(word)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Word<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Error> {
        Err(Error::new(What::WrongType {
            found: Found::Text(self.0.to_owned()),
            want: Want::Mapping,
        }))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(Error::new(What::WrongType {
            found: Found::Text(self.0.to_owned()),
            want: Want::List,
        }))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        Err(Error::new(What::WrongType {
            found: Found::Text(self.0.to_owned()),
            want: Want::Mapping,
        }))
    }
}
