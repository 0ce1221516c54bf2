//! Figures in prose: a case's text may cite its tables (`{{ summa.beviljat }}`,
//! `{{ tabell.id.sökt|mnkr }}`), so that no total is typed by hand. The expressions are
//! minijinja's, fuel-limited; an amount prints as kronor and the filters `tkr`, `mnkr`
//! and `procent` write it in thousands, millions or as a share.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::{Object, Value};
use minijinja::{Environment, Error as TemplateError, ErrorKind, UndefinedBehavior};

use crate::error::{Problem, Result};
use crate::facts::{Totals, table_order, totals};
use crate::model::{Kronor, LoadedCase, SourceFile};
use crate::swedish;

/// Work budget for the expressions in one prose field: ample for `{{ summa.sökt }}`,
/// small enough that a runaway loop in a YAML file ends with an error, not a hang.
const PROSE_FUEL: u64 = 50_000;

/// An amount in prose: printed as `8 652 580 kr`; `tkr`, `mnkr` and `procent` read its
/// number.
#[derive(Debug)]
struct Amount(Kronor);

impl Object for Amount {
    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&swedish::kronor(self.0))
    }
}

fn amount(kronor: Kronor) -> Value {
    Value::from_object(Amount(kronor))
}

/// The kronor of a value: an amount of the tables, or a whole number written in the text.
fn kronor_of(value: &Value) -> std::result::Result<Kronor, TemplateError> {
    if let Some(amount) = value.downcast_object_ref::<Amount>() {
        return Ok(amount.0);
    }
    u64::try_from(value.clone()).map(Kronor).map_err(|_| {
        TemplateError::new(
            ErrorKind::InvalidOperation,
            format!("{value} är inget belopp"),
        )
    })
}

/// Expands the `{{ … }}` expressions in a case's prose with the figures of its tables.
pub(super) struct Prose<'a> {
    env: Environment<'static>,
    context: Value,
    source: &'a SourceFile,
}

impl<'a> Prose<'a> {
    pub(super) fn new(loaded: &'a LoadedCase) -> Self {
        let case = &loaded.case;
        let order = table_order(case);
        let mut tables = BTreeMap::new();
        let mut sum = Totals::default();
        for (id, table) in &case.tabeller {
            let t = totals(table);
            sum = sum + t;
            tables.insert(
                id.clone(),
                minijinja::context! {
                    nummer => order.iter().position(|o| o == id).map_or(0, |i| i + 1),
                    antal => t.count,
                    sökt => amount(t.requested),
                    beviljat => amount(t.granted),
                    maxbelopp => table.maxbelopp.map(amount),
                },
            );
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(PROSE_FUEL));
        env.add_filter("tkr", |v: Value| kronor_of(&v).map(swedish::tkr));
        env.add_filter("mnkr", |v: Value| kronor_of(&v).map(swedish::mnkr));
        env.add_filter("procent", |v: Value, of: Value| {
            Ok(swedish::percent(kronor_of(&v)?.0, kronor_of(&of)?.0))
        });
        let context = minijinja::context! {
            tabell => Value::from(tables),
            summa => minijinja::context! {
                antal => sum.count,
                sökt => amount(sum.requested),
                beviljat => amount(sum.granted),
            },
            datum => swedish::long_date(case.datum),
        };
        Prose {
            env,
            context,
            source: &loaded.source,
        }
    }

    pub(super) fn expand(&self, field: &str, text: &str) -> Result<String> {
        if !text.contains("{{") && !text.contains("{%") && !text.contains("{#") {
            return Ok(text.to_owned());
        }
        self.env.render_str(text, &self.context).map_err(|e| {
            let detail = e
                .detail()
                .map_or_else(|| e.kind().to_string(), str::to_owned);
            let message = format!("uttrycket i texten går inte att beräkna: {detail}");
            match (self.source.positions.find(field), e.line()) {
                (Some((line, column)), Some(error_line)) => {
                    // A block scalar (`|`, `>`) starts on the line after its indicator.
                    let indicator = self
                        .source
                        .text
                        .lines()
                        .nth(line - 1)
                        .and_then(|l| l.chars().nth(column - 1));
                    let first = if matches!(indicator, Some('|' | '>')) {
                        line + 1
                    } else {
                        line
                    };
                    let at = first + error_line - 1;
                    let indent = self
                        .source
                        .text
                        .lines()
                        .nth(at - 1)
                        .map_or(0, |l| l.len() - l.trim_start().len());
                    Problem::at(
                        &self.source.path,
                        &self.source.text,
                        at,
                        indent + 1,
                        message,
                    )
                    .with_field(field)
                }
                _ => self.source.problem(field, message),
            }
            .into()
        })
    }
}
