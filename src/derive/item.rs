//! One § of a meeting as the protocol, its extract and the packet's contents give it:
//! the decision, the matter, the beredning, the beslutsgång and the members' own words.

use serde::Serialize;

use super::agenda::{self, ListHead, SubPointView};
use super::procedure::{self, Phrasing, VoteView};
use super::prose::Prose;
use crate::error::{Error, Result};
use crate::facts::{self, MeetingFacts};
use crate::model::labels::label;
use crate::model::{
    AppealRoute, DecisionHeading, Item, ItemListColumn, LoadedCase, LoadedItem, LoadedMeeting,
    ProcedureShown, ReservationPlacement,
};
use crate::swedish::{self, ParagraphForm};

/// One § as the protocol and its extract give it (or, in the kallelse, a point without
/// §: its title, note and summary, the rest empty).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ItemView {
    /// Its place in the meeting, which labels the § for the ärendeförteckning's page.
    pub anchor: usize,
    /// The cells of the ärendeförteckning's own columns (`kolumner`).
    pub list_cells: Vec<String>,
    /// Its point on the agenda (`5`, `5 a` under a huvudpunkt) where the profile numbers
    /// points apart from §§ (`punktnummer`); none for a point listed without number.
    pub agenda_number: Option<String>,
    /// Whether the kallelse lists it with a number (its point, or its §): not with
    /// `numrerad: false`, nor a point without § that has no point number.
    pub numbered: bool,
    /// The heading of its group (`grupp`) where the group begins: the ärendeförteckning
    /// prints it in a row of its own before the item.
    pub list_group: Option<String>,
    /// The heading row of its huvudpunkt, where the §§ under it begin.
    pub list_head: Option<ListHead>,
    /// The delpunkter of a § decided with several: a row each under its own.
    pub sub_points: Vec<SubPointView>,
    /// The dnr its own row of the list gives: its delpunkter give theirs on their rows.
    pub list_dnr: Vec<String>,
    /// `§ 15 a`, `SN § 15 a`: the heading.
    pub paragraph: String,
    /// `§ 15 a` without prefix, for the PDF's title and keywords.
    pub paragraph_plain: String,
    /// Its diarienummer: one, or several for a § that covers several cases.
    pub dnr: Vec<String>,
    pub title: String,
    pub officer: Option<String>,
    /// The date of the case's tjänsteutlåtande; none for an item without case.
    pub statement_date: Option<String>,
    /// What that document is called: `Tjänsteutlåtande`, `Tjänsteskrivelse`.
    pub statement_kind: Option<String>,
    pub decisions: Vec<String>,
    /// In a protocol of delegeringsbeslut: the point of the delegationsordning.
    pub delegation_point: Option<String>,
    /// The legal ground, after the decision.
    pub legal_ground: Option<String>,
    /// The fee the decision charges (from the case).
    pub fee: Option<String>,
    /// Upplysningar to the sökande (Markdown, from the case).
    pub notices: Option<String>,
    /// Dealt with behind closed doors.
    pub closed_doors: bool,
    /// For a decision appealed by förvaltningsbesvär: the överklagandehänvisning
    /// (Markdown) an extract to the party carries.
    pub appeal_instructions: Option<String>,
    /// Ärendet: what the § says of the matter, and the sentence naming its
    /// tjänsteutlåtande.
    pub matter: String,
    /// For a decision that proposes to another organ: the extract's sentence that it
    /// cannot be appealed.
    pub proposal_note: Option<String>,
    /// For a decision that proposes to another organ: the line above its points,
    /// "Kommunstyrelsen föreslår kommunfullmäktige besluta", in place of "… beslutar".
    pub decision_lead: Option<String>,
    /// What the kallelse says of the matter before the meeting: the summary alone.
    pub agenda_summary: Option<String>,
    /// The kallelse's note after the title in its list: the item's `anmärkning`, or that
    /// it is struck ("Utgår: …").
    pub agenda_note: Option<String>,
    /// Struck from the agenda (`utgår`): no proposal and no documents in the kallelse.
    pub struck: bool,
    /// The proposed decision the meeting takes up (the beredning's, else the case's), as
    /// the kallelse gives it whatever was decided.
    pub proposal: Vec<String>,
    /// For a decision open to laglighetsprövning, once its anslag is dated: who may appeal
    /// it and by when, in the anslag's words (the web page of the extract says it).
    pub lawfulness_appeal: Option<String>,
    /// What the organs that prepared the matter proposed, with their record.
    pub preparations: Vec<PreparationView>,
    pub procedure: String,
    /// Whether the Beslutsgång is printed: always, or as the profile says only when
    /// something was contested.
    pub procedure_shown: bool,
    /// Whether the decision has its heading: always, or as the profile says only in a §
    /// with a case file (a procedural § is then a paragraph of prose).
    pub decision_heading_shown: bool,
    /// The reservations, a sentence each, when the profile gives them a heading of their
    /// own (else they end the beslutsgång).
    pub reservations: Vec<String>,
    pub immediately_adjusted: bool,
    pub distribution: Vec<String>,
    pub secret: bool,
    /// An informationsärende: no decision.
    pub information: bool,
    /// How each member voted, when there was a vote.
    pub votes: Option<VoteView>,
    /// Reservations with written grounds, printed with the §.
    pub written_reservations: Vec<Statement>,
    pub notes: Vec<Statement>,
}

/// An organ's handling before this one: `Kommunstyrelsens förslag`, its points, its record.
#[derive(Debug, Clone, Serialize)]
pub struct PreparationView {
    pub heading: String,
    /// Over its record: `Beslutsgång i kommunstyrelsen`.
    pub record_heading: String,
    /// `KS § 45, 2023-03-01`.
    pub reference: Option<String>,
    pub proposals: Vec<String>,
    /// Markdown: the yrkanden there and its beslutsgång.
    pub record: Option<String>,
}

/// A member's words in the protocol: a written reservation or a protokollsanteckning.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// `Bo Ström (M)`; a group `Ledamöterna från (V) och (C)` over a protokollsanteckning,
    /// `ledamöterna från (V) och (C)` after "Reservation från".
    pub by: String,
    /// Markdown.
    pub text: String,
}

/// The organ's prefix before its § numbers ("SN" in "SN § 13"), from the profile.
/// How the meeting's §§ are printed: with the profile's prefix and year.
pub(super) fn form(loaded: &LoadedMeeting) -> ParagraphForm<'_> {
    let profile = &loaded.profile.profile;
    ParagraphForm::new(
        profile.paragrafprefix.as_deref(),
        profile.paragrafårtal,
        loaded.meeting.datum,
    )
}

/// Every § of a meeting as the protocol gives it, in agenda order.
pub(super) fn items(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    phrasing: &Phrasing,
) -> Result<Vec<ItemView>> {
    let dates = loaded.profile.profile.datumformat;
    let profile = &loaded.profile.profile;
    let layout = &profile.paragraf;
    let mut views = Vec::new();
    let mut problems = Vec::new();
    let mut group = None;
    let mut numbering = agenda::numbering(loaded);
    for item in loaded.items() {
        let i = item.item;
        let this = i.group();
        let list_group = this.filter(|g| group != Some(*g)).map(str::to_owned);
        group = this;
        let case = item.case.map(|c| &c.case);
        let summary = match (&i.beskrivning, item.case) {
            (Some(text), _) => Some(text.clone()),
            (None, Some(case)) => {
                match Prose::new(case).expand("sammanfattning", &case.case.sammanfattning) {
                    Ok(summary) => Some(summary),
                    Err(error) => {
                        problems.extend(error.problems);
                        continue;
                    }
                }
            }
            (None, None) => None,
        };
        let statement_sentence = item
            .case
            .map(|c| reported(c, phrasing))
            .filter(|s| !s.is_empty());
        let agenda_summary = summary.clone();
        let matter: Vec<String> = summary.into_iter().chain(statement_sentence).collect();
        let procedure = procedure::procedure(facts, &item, phrasing);
        let own_heading = layout.reservationer == ReservationPlacement::OwnHeading;
        let roll = &facts.roll;
        views.push(ItemView {
            anchor: item.index,
            list_cells: profile
                .ärendeförteckning
                .kolumner
                .iter()
                .map(|column| list_cell(&item, column).unwrap_or_default())
                .collect(),
            numbered: i.head().is_some() || i.numrerad != Some(false),
            sub_points: agenda::sub_points(i, numbering.paragraphs[item.index].as_deref()),
            agenda_number: numbering.paragraphs[item.index].take(),
            list_group,
            list_head: numbering.heads[item.index].take(),
            list_dnr: match i.delpunkter.is_empty() {
                true => registered(&item),
                false => case.and_then(|c| c.dnr.clone()).into_iter().collect(),
            },
            paragraph: swedish::paragraph(&form(loaded), item.number),
            paragraph_plain: format!("§ {}", item.number),
            dnr: registered(&item),
            title: title(&item),
            officer: case.and_then(officer_names),
            statement_date: case.map(|c| swedish::date(dates, c.datum)),
            statement_kind: item.case.map(|c| super::document_kind(c).to_owned()),
            decisions: facts::decision_printed(&item),
            delegation_point: i.delegeringspunkt.clone(),
            legal_ground: i.lagstöd.clone(),
            fee: case
                .and_then(|c| c.avgift.as_ref())
                .map(super::statement::fee),
            notices: match item
                .case
                .and_then(|c| c.case.upplysningar.as_ref().map(|t| (c, t)))
            {
                Some((case, text)) => match Prose::new(case).expand("upplysningar", text) {
                    Ok(text) => Some(text),
                    Err(error) => {
                        problems.extend(error.problems);
                        None
                    }
                },
                None => None,
            },
            closed_doors: i.stängda_dörrar,
            appeal_instructions: appeal_instructions(loaded, &item, phrasing),
            lawfulness_appeal: lawfulness_appeal(loaded, facts, &item, phrasing),
            agenda_summary,
            agenda_note: match &i.utgår {
                Some(reason) => Some(
                    [label(&profile.etiketter, "utgår"), reason.trim()]
                        .into_iter()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(": "),
                ),
                None => i.anmärkning.clone(),
            },
            struck: i.utgår.is_some(),
            proposal: facts::proposal(&item).to_vec(),
            proposal_note: proposal_receivers(i).map(|to| {
                phrasing.sentence(&phrasing.wordings.förslag_i_utdrag, &[("mottagare", &to)])
            }),
            decision_lead: proposal_receivers(i)
                .map(|to| phrasing.sentence(&phrasing.wordings.föreslår, &[("mottagare", &to)])),
            matter: matter.join("\n\n") + "\n",
            preparations: preparations(loaded, &item, phrasing),
            // One person's decision under delegation has no beslutsgång to record.
            procedure_shown: !loaded.delegated()
                && (layout.beslutsgång == ProcedureShown::Always || procedure.contested),
            decision_heading_shown: layout.beslutsrubrik == DecisionHeading::Always
                || item.case.is_some(),
            procedure: match own_heading {
                true => procedure.text,
                false => std::iter::once(procedure.text)
                    .chain(procedure.reservations.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            },
            reservations: if own_heading {
                procedure.reservations
            } else {
                Vec::new()
            },
            immediately_adjusted: i.omedelbar_justering,
            distribution: match (&i.expediering, case) {
                (given, Some(case)) if given.is_empty() => case.expediering.clone(),
                (given, _) => given.clone(),
            },
            secret: i.sekretess,
            information: i.information,
            votes: facts.votes[item.index]
                .as_ref()
                .map(|vote| procedure::vote_view(vote, roll)),
            written_reservations: i
                .reservationer
                .iter()
                .filter_map(|r| {
                    let text = r.motivering.clone()?;
                    // After "Reservation från": a party group in lower case mid-heading.
                    let by = procedure::actors(roll, r.av.as_ref(), &r.partier, phrasing);
                    Some(Statement { by, text })
                })
                .collect(),
            notes: i
                .protokollsanteckningar
                .iter()
                .map(|n| Statement {
                    by: swedish::capitalized(&procedure::actors(
                        roll,
                        n.av.as_ref(),
                        &n.partier,
                        phrasing,
                    )),
                    text: n.text.clone(),
                })
                .collect(),
        });
    }
    if problems.is_empty() {
        Ok(views)
    } else {
        Err(Error::new(problems))
    }
}

/// The sentence naming the förvaltning's document on the case, in the profile's wording:
/// "Förvaltningen hade redovisat ärendet i ett tjänsteutlåtande daterat 6 mars 2015."
fn reported(case: &LoadedCase, phrasing: &Phrasing) -> String {
    let c = &case.case;
    let kind = super::document_kind(case);
    phrasing.sentence(
        &phrasing.wordings.redovisat,
        &[
            ("förvaltning", &c.förvaltning),
            (
                "avdelning",
                c.avdelning.as_deref().unwrap_or(&c.förvaltning),
            ),
            ("handling", &swedish::dated_document(kind, c.datum)),
            ("datum", &swedish::long_date(c.datum)),
        ],
    )
}

/// The diarienummer `item` is registered under: its case's, or those the item gives
/// (several when it covers several cases), then its delpunkter's.
pub(super) fn registered(item: &LoadedItem) -> Vec<String> {
    let own = match (item.case.and_then(|c| c.case.dnr.as_ref()), &item.item.dnr) {
        (Some(dnr), _) => vec![dnr.clone()],
        (None, Some(given)) => given.list().into_iter().map(str::to_owned).collect(),
        (None, None) => Vec::new(),
    };
    let mut all = own;
    for dnr in item.item.delpunkter.iter().filter_map(|p| p.dnr.as_deref()) {
        let dnr = dnr.trim();
        if !dnr.is_empty() && !all.iter().any(|d| d == dnr) {
            all.push(dnr.to_owned());
        }
    }
    all
}

/// How the decision of `item` is appealed; none for a proposal to another organ, which
/// cannot be (KL 13 kap. 2 §).
pub(super) fn appeal_route(item: &Item) -> Option<AppealRoute> {
    match item.förslag_till {
        Some(_) => None,
        None => Some(
            item.överklagande
                .as_ref()
                .map_or(AppealRoute::Lawfulness, |a| a.sätt),
        ),
    }
}

/// The organs a decision proposes to, as a sentence names them: `regionfullmäktige`,
/// `kommunstyrelsen och kommunfullmäktige`.
pub(super) fn proposal_receivers(item: &Item) -> Option<String> {
    let names: Vec<String> = (item.förslag_till.as_ref()?.list().into_iter())
        .map(swedish::uncapitalized)
        .collect();
    Some(swedish::join_and(&names))
}

/// The profile's sentence on laglighetsprövning of `paragraphs` until `last_day`: the
/// anslag's, and an extract's web page's for its one §.
pub(super) fn lawfulness_sentence(
    phrasing: &Phrasing,
    facts: &MeetingFacts,
    paragraphs: &str,
    last_day: chrono::NaiveDate,
) -> String {
    let sentence = phrasing.sentence(
        &phrasing.wordings.laglighetsprövning,
        &[
            ("medlem", &facts.organ.appellants),
            ("paragrafer", paragraphs),
            ("sista_dag", &swedish::long_date(last_day)),
        ],
    );
    // A gemensam nämnd says first whose it is: who may appeal follows from it.
    let joint = (facts.organ.joint.as_ref()).map(|joint| {
        phrasing.sentence(
            &phrasing.wordings.gemensam_nämnd,
            &[
                ("samverkande", &joint.partners),
                ("värdkommun", &joint.host),
            ],
        )
    });
    match joint.filter(|j| !j.trim().is_empty()) {
        Some(joint) => format!("{joint} {sentence}"),
        None => sentence,
    }
}

/// The anslag's sentence on laglighetsprövning for the one § at `item`, when it is open
/// to it and its justering's anslag is dated.
fn lawfulness_appeal(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    item: &LoadedItem,
    phrasing: &Phrasing,
) -> Option<String> {
    if appeal_route(item.item) != Some(AppealRoute::Lawfulness) || item.item.information {
        return None;
    }
    let last_day = facts.part(item.index)?.appeal_last_day()?;
    let paragraph = swedish::paragraph(&form(loaded), item.number);
    Some(lawfulness_sentence(phrasing, facts, &paragraph, last_day))
}

/// The överklagandehänvisning of a § appealed by förvaltningsbesvär, in the profile's
/// wording; none for another route.
fn appeal_instructions(
    loaded: &LoadedMeeting,
    item: &LoadedItem,
    phrasing: &Phrasing,
) -> Option<String> {
    let appeal = item.item.överklagande.as_ref()?;
    if appeal.sätt != AppealRoute::Administrative {
        return None;
    }
    let dates = loaded.profile.profile.datumformat;
    Some(phrasing.sentence(
        &phrasing.wordings.överklagandehänvisning,
        &[
            ("instans", appeal.instans.as_deref().unwrap_or_default()),
            ("lagrum", appeal.lagrum.as_deref().unwrap_or_default()),
            ("paragraf", &swedish::paragraph(&form(loaded), item.number)),
            (
                "sammanträdesdatum",
                &swedish::date(dates, loaded.meeting.datum),
            ),
        ],
    ))
}

/// What a column of the ärendeförteckning shows for a §: a fact of its case, or one it or
/// its case gives under `uppgifter`.
fn list_cell(item: &LoadedItem, column: &ItemListColumn) -> Option<String> {
    let case = item.case.map(|c| &c.case);
    match column.fält.as_str() {
        ItemListColumn::OFFICER => case.and_then(officer_names),
        ItemListColumn::ADMINISTRATION => case.map(|c| c.förvaltning.clone()),
        ItemListColumn::DEPARTMENT => case?.avdelning.clone(),
        field => {
            let name = field.strip_prefix(ItemListColumn::FACT_PREFIX)?;
            item.item
                .uppgifter
                .get(name)
                .or_else(|| case?.uppgifter.get(name))
                .cloned()
        }
    }
}

/// The case's handläggare by name: `Karin Sjö`, `Karin Sjö och Per Lind`.
fn officer_names(case: &crate::model::Case) -> Option<String> {
    let names: Vec<&str> = (case.handläggare.as_ref()?.list().iter())
        .map(|h| h.namn.as_str())
        .collect();
    (!names.is_empty()).then(|| swedish::join_and(&names))
}

/// The § heading: the item's own, else its case's rubrik.
fn title(item: &LoadedItem) -> String {
    match (&item.item.rubrik, item.case) {
        (Some(title), _) => title.clone(),
        (None, Some(case)) => case.case.rubrik.clone(),
        (None, None) => String::new(),
    }
}

/// The beredning of a §, each organ's proposal and record as the protocol shows them.
fn preparations(
    loaded: &LoadedMeeting,
    item: &LoadedItem,
    phrasing: &Phrasing,
) -> Vec<PreparationView> {
    let dates = loaded.profile.profile.datumformat;
    item.item
        .beredning
        .iter()
        .map(|preparation| {
            let reference: Vec<String> = preparation
                .paragraf
                .iter()
                .cloned()
                .chain(preparation.datum.map(|d| swedish::date(dates, d)))
                .collect();
            let motions: Vec<String> = preparation
                .yrkanden
                .iter()
                .map(|m| {
                    phrasing.sentence(
                        &phrasing.wordings.yrkande,
                        &[
                            ("ledamot", &swedish::join_and(&m.av.list())),
                            ("yrkande", &m.asks("förslaget")),
                        ],
                    )
                })
                .collect();
            let record: Vec<String> = (!motions.is_empty())
                .then(|| motions.join(" "))
                .into_iter()
                .chain(preparation.beslutsgång.clone())
                .collect();
            PreparationView {
                heading: format!("{} förslag", swedish::genitive(preparation.organ.trim())),
                record_heading: format!(
                    "{} i {}",
                    phrasing.fill(&loaded.profile.profile.rubriker.beslutsgång, &[]),
                    swedish::uncapitalized(preparation.organ.trim())
                ),
                reference: (!reference.is_empty()).then(|| reference.join(", ")),
                proposals: preparation.förslag.clone(),
                record: (!record.is_empty()).then(|| record.join("\n\n")),
            }
        })
        .collect()
}
