//! Times of day as protocols write them: `kl. 13.00`, `13.00–15.40`, with breaks.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// A time of day, hours and minutes: written `13.00`, `13:00` or `kl. 13.00`, shown `13.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix("kl.").unwrap_or(text).trim();
        let (hour, minute) = text.split_once(['.', ':'])?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(hour) || minute.len() != 2 || !all_digits(minute) || hour.len() > 2 {
            return None;
        }
        let (hour, minute) = (hour.parse().ok()?, minute.parse().ok()?);
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    /// The first time of day written in `text` (`kl. 13.00–15.40` → 13.00), if any.
    pub fn first_in(text: &str) -> Option<Self> {
        let pattern =
            regex_lite::Regex::new(r"(?:^|[^0-9])([0-9]{1,2}[.:][0-9]{2})(?:$|[^0-9])").ok()?;
        pattern
            .captures_iter(text)
            .find_map(|c| ClockTime::parse(c.get(1)?.as_str()))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}", self.hour, self.minute)
    }
}

const EXPECTED_TIME: &str = "en tid, t.ex. \"13.00\" eller \"kl. 13.00\"";

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl Visitor<'_> for TimeVisitor {
            type Value = ClockTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED_TIME)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ClockTime, E> {
                ClockTime::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` är inte {EXPECTED_TIME}")))
            }
            // YAML reads an unquoted 13.30 as a number: its two decimals are the minutes.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ClockTime, E> {
                self.visit_str(&format!("{v:.2}"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ClockTime, E> {
                self.visit_str(&format!("{v}.00"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ClockTime, E> {
                self.visit_str(&format!("{v}.00"))
            }
        }
        deserializer.deserialize_any(TimeVisitor)
    }
}

impl JsonSchema for ClockTime {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 23.59},
                {"type": "string", "pattern": "^\\s*(kl\\.\\s*)?\\d{1,2}[.:]\\d{2}\\s*$"}
            ]
        })
    }
}

/// From one time to another: `14.30–14.45`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    pub from: ClockTime,
    pub to: ClockTime,
}

impl<'de> Deserialize<'de> for TimeSpan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "en tidsperiod, t.ex. \"14.30–14.45\"";
        let text = String::deserialize(deserializer)?;
        let span = text
            .split_once(['-', '–', '—'])
            .and_then(|(from, to)| Some((ClockTime::parse(from)?, ClockTime::parse(to)?)));
        match span {
            Some((from, to)) if from < to => Ok(TimeSpan { from, to }),
            _ => Err(de::Error::custom(format!("`{text}` är inte {EXPECTED}"))),
        }
    }
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.from, self.to)
    }
}

impl JsonSchema for TimeSpan {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeSpan".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*\\d{1,2}[.:]\\d{2}\\s*[-–—]\\s*\\d{1,2}[.:]\\d{2}\\s*$"
        })
    }
}

/// When a meeting sat: as the protocol writes it (`kl. 13.00–15.40`), or its start, end
/// and breaks, from which the kallelse takes the start and the protocol the whole.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum MeetingTime {
    Span(Sitting),
    Text(String),
}

/// The form from the node's shape: an error inside `från`/`till` is that error.
impl<'de> Deserialize<'de> for MeetingTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = MeetingTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "tiden som text (`kl. 13.00–15.30`) eller med `från`, `till` och `ajournering`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MeetingTime, E> {
                Ok(MeetingTime::Text(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<MeetingTime, A::Error> {
                Sitting::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(MeetingTime::Span)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

/// A meeting's start, end and breaks (ajourneringar).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sitting {
    pub från: ClockTime,
    #[serde(default)]
    pub till: Option<ClockTime>,
    #[serde(default)]
    pub ajournering: Vec<TimeSpan>,
}

impl MeetingTime {
    /// The start of the meeting, for the kallelse.
    pub fn start(&self) -> Option<ClockTime> {
        match self {
            MeetingTime::Span(sitting) => Some(sitting.från),
            MeetingTime::Text(text) => ClockTime::first_in(text),
        }
    }

    /// The whole time as the protocol gives it: `kl. 13.00–15.40 (ajournering 14.30–14.45)`.
    pub fn protocol_text(&self) -> String {
        match self {
            MeetingTime::Text(text) => text.clone(),
            MeetingTime::Span(sitting) => {
                let mut text = format!("kl. {}", sitting.från);
                if let Some(end) = sitting.till {
                    text.push_str(&format!("–{end}"));
                }
                if !sitting.ajournering.is_empty() {
                    let breaks: Vec<String> = sitting
                        .ajournering
                        .iter()
                        .map(ToString::to_string)
                        .collect();
                    text.push_str(&format!(" (ajournering {})", breaks.join(", ")));
                }
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_parse_and_show_with_a_point() {
        let t = |h, m| Some(ClockTime { hour: h, minute: m });
        assert_eq!(ClockTime::parse("13.00"), t(13, 0));
        assert_eq!(ClockTime::parse("kl. 9:05"), t(9, 5));
        assert_eq!(ClockTime::parse("24.00"), None);
        assert_eq!(ClockTime::parse("13.5"), None);
        assert_eq!(ClockTime::first_in("kl. 13.00–15.40"), t(13, 0));
        assert_eq!(ClockTime::first_in("efter lunch, 9.15"), t(9, 15));
        assert_eq!(ClockTime::first_in("2024"), None);
        assert_eq!(
            ClockTime::parse("9.5").map(|t| t.to_string()),
            None,
            "a minute needs two digits"
        );
        let yaml: ClockTime =
            crate::model::yaml::from_str("13.30").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(yaml.to_string(), "13.30");
        let sitting: MeetingTime = crate::model::yaml::from_str(
            "{från: 13.00, till: '15.40', ajournering: ['14.30–14.45']}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            sitting.protocol_text(),
            "kl. 13.00–15.40 (ajournering 14.30–14.45)"
        );
        assert_eq!(sitting.start(), t(13, 0));
    }
}
