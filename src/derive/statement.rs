//! The tjänsteutlåtande of a case: its header, proposal, sections and application tables,
//! with the figures prose cites (`{{ summa.beviljat }}`) expanded.

use std::collections::BTreeMap;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use super::{DateParts, Document, DocumentKind, PersonView, ProfileView, SourceAttachment, View};
use crate::error::{Error, Problem, Result};
use crate::facts::{Totals, granted, table_order, totals};
use crate::model::{LoadedCase, Proposal, SourceFile};
use crate::swedish;

/// Work budget for the expressions in one prose field: ample for `{{ summa.sökt }}`,
/// small enough that a runaway loop in a YAML file ends with an error, not a hang.
const PROSE_FUEL: u64 = 50_000;

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub committee: String,
    pub administration: String,
    pub department: Option<String>,
    pub officer: Option<String>,
    pub officer_phone: Option<String>,
    pub addressee: String,
    pub meeting_date: Option<String>,
    pub date: String,
    pub date_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub dnr: Option<String>,
    pub title: String,
    pub proposals: Vec<String>,
    pub signatures: Vec<PersonView>,
    pub summary: String,
    pub sections: Vec<SectionView>,
    pub attachments: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub body: Option<String>,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub number: usize,
    pub caption: String,
    pub rows: Vec<RowView>,
    pub count: usize,
    pub requested: String,
    pub granted: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub number: u32,
    pub title: Option<String>,
    pub description: String,
    pub applicant: String,
    pub requested: String,
    /// The amount or `Avslag` in the right column; none when referred elsewhere.
    pub proposal: Option<String>,
    pub motivation: Option<String>,
}

/// The tjänsteutlåtande of a case.
pub fn statement(loaded: &LoadedCase) -> Result<Document> {
    let case = &loaded.case;
    let dates = loaded.profile.profile.datumformat;
    let prose = Prose::new(loaded);
    let mut problems = Vec::new();
    let mut expand = |field: String, text: &str| {
        prose.expand(&field, text).unwrap_or_else(|error| {
            problems.extend(error.problems);
            String::new()
        })
    };
    let order = table_order(case);
    let summary = expand("sammanfattning".into(), &case.sammanfattning);
    let mut sections = Vec::new();
    for (s, section) in case.avsnitt.iter().enumerate() {
        let body = section
            .text
            .as_ref()
            .map(|text| expand(format!("avsnitt[{s}].text"), text));
        let mut tables = Vec::new();
        for id in &section.tabeller {
            let Some(table) = case.tabeller.get(id) else {
                continue;
            };
            let number = order.iter().position(|o| o == id).map_or(0, |i| i + 1);
            let totals = totals(table);
            let mut rows = Vec::new();
            for (r, row) in table.ansökningar.iter().enumerate() {
                let field = |name: &str| format!("tabeller.{id}.ansökningar[{r}].{name}");
                rows.push(RowView {
                    number: row.nr,
                    title: row.titel.clone(),
                    description: expand(field("beskrivning"), &row.beskrivning),
                    applicant: row.sökande.clone(),
                    requested: swedish::kronor(row.sökt),
                    proposal: match row.förslag {
                        Proposal::Referred => None,
                        Proposal::Refused => Some("Avslag".to_owned()),
                        _ => Some(swedish::kronor(granted(row.förslag, table))),
                    },
                    motivation: row
                        .motivering
                        .as_ref()
                        .map(|text| expand(field("motivering"), text)),
                });
            }
            tables.push(TableView {
                number,
                caption: table.rubrik.clone(),
                rows,
                count: totals.count,
                requested: swedish::kronor(totals.requested),
                granted: swedish::kronor(totals.granted),
            });
        }
        sections.push(SectionView {
            heading: section.rubrik.clone(),
            body,
            tables,
        });
    }
    if !problems.is_empty() {
        return Err(Error::new(problems));
    }
    let view = StatementView {
        committee: case.nämnd.clone(),
        administration: case.förvaltning.clone(),
        department: case.avdelning.clone(),
        officer: case.handläggare.as_ref().map(|h| h.namn.clone()),
        officer_phone: case.handläggare.as_ref().and_then(|h| h.telefon.clone()),
        addressee: case.till.clone().unwrap_or_else(|| case.nämnd.clone()),
        meeting_date: case.sammanträde.map(|d| swedish::date(dates, d)),
        date: swedish::date(dates, case.datum),
        date_long: swedish::long_date(case.datum),
        date_parts: case.datum.into(),
        dnr: case.dnr.clone(),
        title: case.rubrik.clone(),
        proposals: case.förslag_till_beslut.clone(),
        signatures: case.underskrifter.iter().map(PersonView::from).collect(),
        summary,
        sections,
        attachments: case.bilagor.clone(),
    };
    Ok(Document {
        kind: DocumentKind::Statement,
        committee: case.nämnd.clone(),
        date: case.datum,
        dnr: case.dnr.clone(),
        paragraph: None,
        title: case.rubrik.clone(),
        meeting_date: case.sammanträde,
        sources: std::iter::once(SourceAttachment::of(&loaded.source, "tjänsteutlåtandet"))
            .chain(SourceAttachment::of_profile(&loaded.profile))
            .collect(),
        profile: ProfileView::of(&loaded.profile),
        redactions: case.personuppgifter.clone(),
        secret: false,
        part: None,
        view: View::Statement(Box::new(view)),
    })
}

/// Expands the `{{ … }}` expressions in a case's prose with the figures of its tables.
pub(super) struct Prose<'a> {
    env: Environment<'static>,
    context: Value,
    source: &'a SourceFile,
}

#[derive(Serialize)]
struct Figures {
    nummer: usize,
    antal: usize,
    sökt: String,
    beviljat: String,
    maxbelopp: Option<String>,
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
                Figures {
                    nummer: order.iter().position(|o| o == id).map_or(0, |i| i + 1),
                    antal: t.count,
                    sökt: swedish::kronor(t.requested),
                    beviljat: swedish::kronor(t.granted),
                    maxbelopp: table.maxbelopp.map(swedish::kronor),
                },
            );
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(PROSE_FUEL));
        let context = minijinja::context! {
            tabell => Value::from(Serde(&tables)),
            summa => minijinja::context! {
                antal => sum.count,
                sökt => swedish::kronor(sum.requested),
                beviljat => swedish::kronor(sum.granted),
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
