//! Whole kronor, as the secretary writes them: `532500` or the documents' own `532 500`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// An amount in whole kronor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Kronor(pub u64);

/// The largest amount written: a thousand milliards, more than any municipality's budget.
/// With at most `validate::MAX_APPLICATIONS` rows a table, no sum can overflow.
pub const MAX_KRONOR: u64 = 1_000_000_000_000;

/// An amount within [`MAX_KRONOR`], or why not.
fn bounded<E: de::Error>(kronor: Kronor) -> Result<Kronor, E> {
    if kronor.0 > MAX_KRONOR {
        return Err(E::custom(format!(
            "beloppet {} kr är orimligt stort; högst 1 000 000 000 000 kr",
            kronor.0
        )));
    }
    Ok(kronor)
}

impl Kronor {
    /// Parse `532500`, `532 500` (also with no-break or thin spaces). Nothing else: no
    /// decimals, no sign, no `kr`, so a typo cannot become a different amount.
    pub fn parse(text: &str) -> Option<Kronor> {
        let text = text.trim();
        let groups: Vec<&str> = text
            .split([' ', '\u{a0}', '\u{202f}', '\u{2009}'])
            .collect();
        let well_grouped = groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
            && (groups.len() == 1
                || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
        if !well_grouped {
            return None;
        }
        groups.concat().parse().ok().map(Kronor)
    }
}

const EXPECTED_AMOUNT: &str = "ett belopp i hela kronor, t.ex. 532500 eller \"532 500\"";

fn non_negative<E: de::Error>(v: i64) -> Result<Kronor, E> {
    u64::try_from(v).map(Kronor).map_err(|_| {
        E::custom(format!(
            "beloppet {v} är negativt; väntade {EXPECTED_AMOUNT}"
        ))
    })
}

impl<'de> Deserialize<'de> for Kronor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KronorVisitor;
        impl Visitor<'_> for KronorVisitor {
            type Value = Kronor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED_AMOUNT)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kronor, E> {
                bounded(Kronor(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Kronor, E> {
                non_negative(v).and_then(bounded)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Kronor, E> {
                Kronor::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` är inte {EXPECTED_AMOUNT}")))
                    .and_then(bounded)
            }
        }
        deserializer.deserialize_any(KronorVisitor)
    }
}

/// The förvaltning's proposal for one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// Granted this amount.
    Amount(Kronor),
    /// Refused (`avslag`).
    Refused,
    /// Granted the table's maximum per application (`maxbelopp`), less than was asked.
    Capped,
    /// To be funded from elsewhere (`hänvisning`); not part of the table's total.
    Referred,
}

impl<'de> Deserialize<'de> for Proposal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProposalVisitor;
        const EXPECTED: &str = "ett belopp, `avslag`, `maxbelopp` eller `hänvisning`";
        impl Visitor<'_> for ProposalVisitor {
            type Value = Proposal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Proposal, E> {
                bounded(Kronor(v)).map(Proposal::Amount)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Proposal, E> {
                non_negative(v).and_then(bounded).map(Proposal::Amount)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Proposal, E> {
                match v.trim() {
                    "avslag" => Ok(Proposal::Refused),
                    "maxbelopp" => Ok(Proposal::Capped),
                    "hänvisning" => Ok(Proposal::Referred),
                    other => Kronor::parse(other)
                        .ok_or_else(|| E::custom(format!("`{v}` är inte {EXPECTED}")))
                        .and_then(bounded)
                        .map(Proposal::Amount),
                }
            }
        }
        deserializer.deserialize_any(ProposalVisitor)
    }
}

/// An amount as the schema describes it: a whole number, or digits grouped by threes.
fn amount_schema() -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": 1_000_000_000_000u64},
            {"type": "string", "pattern": "^\\s*\\d{1,3}([ \u{a0}\u{202f}\u{2009}]\\d{3})*\\s*$|^\\s*\\d+\\s*$"}
        ]
    })
}

impl schemars::JsonSchema for Kronor {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Kronor".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        amount_schema()
    }
}

impl schemars::JsonSchema for Proposal {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Proposal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = amount_schema();
        if let Some(serde_json::Value::Array(choices)) = schema.get_mut("anyOf") {
            choices.push(serde_json::json!({"enum": ["avslag", "maxbelopp", "hänvisning"]}));
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documents_forms_and_rejects_others() {
        assert_eq!(Kronor::parse("532500"), Some(Kronor(532_500)));
        assert_eq!(Kronor::parse("532 500"), Some(Kronor(532_500)));
        assert_eq!(
            Kronor::parse("8\u{a0}652\u{a0}580"),
            Some(Kronor(8_652_580))
        );
        assert_eq!(Kronor::parse("5 32 500"), None);
        assert_eq!(Kronor::parse("532 50"), None);
        assert_eq!(Kronor::parse("750.000"), None);
        assert_eq!(Kronor::parse("-5"), None);
        assert_eq!(Kronor::parse("12,5"), None);
        assert_eq!(Kronor::parse(""), None);
    }

    #[test]
    fn proposals_from_yaml() {
        let parse = |s: &str| crate::model::yaml::from_str::<Proposal>(s);
        assert_eq!(
            parse("250000").ok(),
            Some(Proposal::Amount(Kronor(250_000)))
        );
        assert_eq!(
            parse("250 000").ok(),
            Some(Proposal::Amount(Kronor(250_000)))
        );
        assert_eq!(parse("avslag").ok(), Some(Proposal::Refused));
        assert_eq!(parse("maxbelopp").ok(), Some(Proposal::Capped));
        assert_eq!(parse("hänvisning").ok(), Some(Proposal::Referred));
        assert!(parse("bifall").is_err());
        assert!(parse("-3").is_err());
    }
}
