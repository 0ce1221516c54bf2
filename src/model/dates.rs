//! Dates as the files write them (`2015-03-24`), read by chrono's own parser (as chrono's
//! serde impl does) but with chrono's error kind in Swedish instead of its English text.
//! The visitors parse inside the deserializer's call, so an error has the date's place.

use std::fmt;

use chrono::NaiveDate;
use chrono::format::ParseErrorKind;
use serde::Deserializer;
use serde::de::{self, Visitor};

/// A date field.
pub fn required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(Date)
}

/// An optional date field (`#[serde(default)]` gives None when absent).
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(Optional)
}

struct Date;

impl Visitor<'_> for Date {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett datum, till exempel 2015-03-24")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        text.parse::<NaiveDate>().map_err(|e| {
            E::custom(match e.kind() {
                ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => {
                    "datumet finns inte i kalendern"
                }
                _ => "det är inget datum; skriv datum som 2015-03-24",
            })
        })
    }
}

struct Optional;

impl<'de> Visitor<'de> for Optional {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        Date.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        required(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrono_error_kinds_in_swedish() {
        let err = |text: &str| {
            Date.visit_str::<de::value::Error>(text)
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(err("2015-03-24"), None);
        assert_eq!(
            err("2024-02-30").as_deref(),
            Some("datumet finns inte i kalendern")
        );
        assert_eq!(
            err("24 mars").as_deref(),
            Some("det är inget datum; skriv datum som 2015-03-24")
        );
    }
}
