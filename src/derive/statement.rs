//! The tjänsteutlåtande of a case: its header, proposal, sections and application tables,
//! with the figures prose cites (`{{ summa.beviljat }}`) expanded.

use serde::Serialize;

use super::prose::Prose;
use super::{DateParts, Document, DocumentKind, PersonView, SourceAttachment, View};
use crate::error::{Error, Result};
use crate::facts::{OrganFacts, StatementPart, granted, statement_order, table_order, totals};
use crate::model::{LoadedCase, Organ, Proposal};
use crate::swedish;

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// The kind of document: `Tjänsteutlåtande`, `Tjänsteskrivelse`.
    pub kind: String,
    pub committee: String,
    pub administration: String,
    pub department: Option<String>,
    /// The handläggare, each with title, telephone and e-mail as given.
    pub officers: Vec<OfficerView>,
    /// The addressee's own reference ("Er beteckning").
    pub their_reference: Option<String>,
    pub addressee: String,
    pub meeting_date: Option<String>,
    pub date: String,
    pub date_long: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    pub dnr: Option<String>,
    pub title: String,
    pub proposals: Vec<String>,
    /// "Socialnämnden beslutar": the line above proposals set out as att-satser, as in
    /// the protocol.
    pub decision_lead: String,
    pub signatures: Vec<PersonView>,
    pub summary: String,
    pub sections: Vec<SectionView>,
    pub attachments: Vec<AttachmentView>,
    /// Who the decision is sent to ("Beslutet sänds till").
    pub distribution: Vec<String>,
    /// The fee the decision charges: `14 200 kr enligt plan- och bygglovtaxa 2024`.
    pub fee: Option<String>,
    /// Upplysningar (Markdown), figures expanded.
    pub notices: Option<String>,
    /// The document's parts in the order printed.
    pub order: Vec<StatementPart>,
    /// Its bilagor that are files, each a document of its own (see `attach_files`).
    #[serde(skip)]
    pub files: Vec<std::sync::Arc<Document>>,
}

/// A handläggare as the header gives them.
#[derive(Debug, Clone, Serialize)]
pub struct OfficerView {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A bilaga as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub name: String,
    /// False for a handling not attached ("ej bifogad").
    pub attached: bool,
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

/// A fee as the documents state it: `14 200 kr enligt plan- och bygglovtaxa 2024`.
pub(super) fn fee(fee: &crate::model::Fee) -> String {
    match &fee.taxa {
        Some(taxa) => format!("{} enligt {}", swedish::kronor(fee.belopp), taxa.trim()),
        None => swedish::kronor(fee.belopp),
    }
}

/// The tjänsteutlåtande of a case, its profile's view taken from `profiles`.
/// The profile's "{organnamn} beslutar", for the nämnd the case goes to.
fn decision_lead(loaded: &LoadedCase, organ: &OrganFacts) -> String {
    let profile = &loaded.profile.profile;
    let values = organ.values();
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    swedish::capitalized(&super::procedure::fill(
        &profile.formuleringar.beslutar,
        &values,
    ))
}

pub fn statement(loaded: &LoadedCase, profiles: &super::ProfileViews) -> Result<Document> {
    let case = &loaded.case;
    // The nämnd the case goes to, whose names the profile's wordings take.
    let organ = OrganFacts::named(&case.nämnd, Organ::default(), &loaded.profile.profile);
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
    let notices = case
        .upplysningar
        .as_ref()
        .map(|text| expand("upplysningar".into(), text));
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
    let kind = super::document_kind(loaded).to_owned();
    let view = StatementView {
        kind: kind.clone(),
        committee: case.nämnd.clone(),
        administration: case.förvaltning.clone(),
        department: case.avdelning.clone(),
        officers: (case.handläggare.iter())
            .flat_map(|h| h.list())
            .map(|h| OfficerView {
                name: h.namn.clone(),
                title: h.titel.clone(),
                phone: h.telefon.clone(),
                email: h.e_post.clone(),
            })
            .collect(),
        their_reference: case.er_beteckning.clone(),
        addressee: case.till.clone().unwrap_or_else(|| case.nämnd.clone()),
        meeting_date: case.sammanträde.map(|d| swedish::date(dates, d)),
        date: swedish::date(dates, case.datum),
        date_long: swedish::long_date(case.datum),
        date_parts: case.datum.into(),
        dnr: case.dnr.clone(),
        title: case.rubrik.clone(),
        proposals: case.förslag_till_beslut.clone(),
        decision_lead: decision_lead(loaded, &organ),
        signatures: case.underskrifter.iter().map(PersonView::from).collect(),
        summary,
        sections,
        attachments: case
            .bilagor
            .iter()
            .map(|a| AttachmentView {
                name: a.name().to_owned(),
                attached: a.attached(),
            })
            .collect(),
        distribution: case.expediering.clone(),
        fee: case.avgift.as_ref().map(fee),
        notices,
        // Names an order cannot resolve are refused by the checks before this.
        order: statement_order(case, &loaded.profile.profile.tjänsteskrivelse).0,
        files: Vec::new(),
    };
    Ok(Document {
        kind: DocumentKind::Statement,
        committee: case.nämnd.clone(),
        date: case.datum,
        dnr: case.dnr.iter().cloned().collect(),
        paragraph: None,
        title: case.rubrik.clone(),
        meeting_date: case.sammanträde,
        sources: std::iter::once(SourceAttachment::of(
            &loaded.source,
            "tjänsteutlåtandet",
            &crate::model::files::folder_of(&loaded.source.path).join(".."),
        ))
        .chain(SourceAttachment::of_profile(&loaded.profile))
        .collect(),
        profile: profiles.of(&loaded.profile, &organ),
        redactions: case.personuppgifter.clone(),
        secret: false,
        part: None,
        view: View::Statement(Box::new(view)),
    })
}
