//! Stage 3: the rules serde cannot check, over the files and the facts that follow from
//! them. Each problem points at the YAML value it is about; all problems of a file are
//! reported together. Errors stop the build; warnings point at what is unusual but legal.
//! A case's rules are here; a meeting's in [`meeting`], [`attendance`] (who serves, votes
//! and reserves), [`roster`] (the meeting against its organ's roll) and [`justering`] (the
//! justeringar and their anslag).

mod agenda;
mod attendance;
mod justering;
mod kind;
mod meeting;
mod organ;
mod roster;
mod seat;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::error::Problem;
use crate::facts;
use crate::model::{LoadedCase, Proposal};
use crate::swedish;
pub use meeting::meeting;

/// Kommunallagen 5 kap. 69 §: the protocol is justerat within 14 days.
pub const ADJUSTMENT_DAYS: i64 = 14;

/// The most applications one table holds: far more than any call for applications gets,
/// few enough that a table typesets in seconds and no sum can overflow.
pub const MAX_APPLICATIONS: usize = 1_000;

/// A statement older than this at its meeting is worth a second look.
pub(crate) const STALE_STATEMENT_DAYS: i64 = 180;

/// A decision point that is one lower-case word ("samt", "och") is most likely a line
/// of the point before it that a `- ` made a point of its own.
pub(crate) fn fragment_point(
    source: &crate::model::SourceFile,
    field: &str,
    index: usize,
    point: &str,
) -> Option<Problem> {
    let word = point
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation());
    let lone = !word.is_empty()
        && !word.contains(char::is_whitespace)
        && word.chars().next().is_some_and(char::is_lowercase);
    lone.then(|| {
        source
            .problem(
                field,
                format!(
                    "beslutspunkt {} är bara ordet ”{word}”: hör det till punkten före? Varje rad som börjar med `- ` blir en egen punkt",
                    index + 1
                ),
            )
            .warning()
    })
}

/// Under att-satser the profile writes its "att" before each point: a point that starts
/// with its own "att" prints "att att …".
pub(crate) fn doubled_att(
    source: &crate::model::SourceFile,
    profile: &crate::model::Profile,
    field: &str,
    index: usize,
    point: &str,
) -> Option<Problem> {
    let att = crate::model::labels::label(&profile.etiketter, "att").to_lowercase();
    let first = point.split_whitespace().next()?.to_lowercase();
    (profile.paragraf.beslutspunkter == crate::model::PointStyle::AttClauses && first == att)
        .then(|| {
            source
                .problem(
                    field,
                    format!(
                        "beslutspunkt {} börjar med ”{att}”, som profilens att-satser redan skriver före varje punkt: ta bort det, annars står det ”{att} {att} …”",
                        index + 1
                    ),
                )
                .warning()
        })
}

/// Check a case: its header, tables, their rows and how sections use them.
pub fn case(loaded: &LoadedCase) -> Vec<Problem> {
    case_problems(loaded, false)
}

/// The problems of a case; one taken up only as an informationsärende needs no proposal.
pub(crate) fn case_problems(loaded: &LoadedCase, information: bool) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    let mut problems = Vec::new();
    if case.förslag_till_beslut.is_empty() && !information {
        problems.push(
            source
                .problem("rubrik", "tjänsteutlåtandet har inget förslag till beslut; det kan bara tas upp som informationsärende")
                .warning(),
        );
    }
    for (i, point) in case.förslag_till_beslut.iter().enumerate() {
        let field = format!("förslag_till_beslut[{i}]");
        if point.trim().is_empty() {
            problems.push(source.problem(&field, "beslutspunkten är tom"));
        }
        problems.extend(fragment_point(source, &field, i, point));
        problems.extend(doubled_att(
            source,
            &loaded.profile.profile,
            &field,
            i,
            point,
        ));
    }
    for (field, text) in [
        ("nämnd", &case.nämnd),
        ("förvaltning", &case.förvaltning),
        ("rubrik", &case.rubrik),
    ] {
        if text.trim().is_empty() {
            problems.push(source.problem(field, format!("{field} är tomt")));
        }
    }
    match (&case.dnr, &loaded.profile.source) {
        (None, _) => problems.push(
            source
                .problem(
                    "rubrik",
                    "ärendet saknar dnr; registratorn behöver det innan handlingen expedieras",
                )
                .warning(),
        ),
        (Some(dnr), Some(_)) => {
            problems.extend(dnr_pattern(dnr, &loaded.profile, &loaded.source, "dnr"));
        }
        (Some(_), None) => {}
    }
    if let Some(meeting) = case.sammanträde
        && case.datum > meeting
    {
        problems.push(source.problem(
            "datum",
            format!(
                "tjänsteutlåtandet är daterat efter sammanträdet {}",
                swedish::short_date(meeting)
            ),
        ));
    }
    problems.extend(tables(loaded));
    problems.extend(required_sections(loaded));
    let (_, unknown) = facts::statement_order(case, &loaded.profile.profile.tjänsteskrivelse);
    for (at, name) in unknown {
        problems.push(source.problem(
            &format!("ordning[{at}]"),
            format!("`{name}` är varken en del av handlingen (förslag_till_beslut, sammanfattning, avsnitt, avgift, upplysningar, underskrifter, bilagor, expediering) eller rubriken på ett avsnitt"),
        ));
    }
    problems.extend(prose(source, case.prose_fields()));
    problems
}

/// How deep quotes and lists may nest in prose. Every document wraps a text in a few
/// levels of its own, the handlingar packet in more (it includes whole documents);
/// Typst stops at a fixed depth of nested rules, so a text that builds alone could fail
/// in the packet. Real documents nest two or three levels.
pub const MAX_PROSE_NESTING: usize = 8;

/// How deep block quotes and lists nest in `markdown`.
fn nesting(markdown: &str) -> usize {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut depth: usize = 0;
    let mut deepest = 0;
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    deepest
}

/// The rules of prose: links lead only to web pages and e-mail (a PDF must not carry
/// `javascript:`, `file:` or an empty address as a link a reader may click), and quotes
/// and lists nest at most [`MAX_PROSE_NESTING`] deep, so that what builds alone builds in
/// the packet too.
pub(crate) fn prose(
    source: &crate::model::SourceFile,
    fields: Vec<(String, &str)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (field, text) in fields {
        let depth = nesting(text);
        if depth > MAX_PROSE_NESTING {
            problems.push(source.problem(
                &field,
                format!(
                    "citat (>) och listor är nästlade i {depth} nivåer; högst {MAX_PROSE_NESTING} går att sätta"
                ),
            ));
        }
        for address in crate::model::prose::refused_links(text) {
            let shown = if address.trim().is_empty() {
                "en tom adress".to_owned()
            } else {
                format!("`{address}`")
            };
            problems.push(source.problem(
                &field,
                format!("länken till {shown} går inte att följa; en länk leder till en webbsida (http, https) eller e-post (mailto)"),
            ));
        }
    }
    problems
}

/// The sections the profile asks every case for (a Barnkonsekvensanalys), by heading.
fn required_sections(loaded: &LoadedCase) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    loaded
        .profile
        .profile
        .tjänsteskrivelse
        .obligatoriska_avsnitt
        .iter()
        .filter(|required| {
            !case
                .avsnitt
                .iter()
                .any(|s| s.rubrik.trim().to_lowercase() == required.trim().to_lowercase())
        })
        .map(|required| {
            let at = if case.avsnitt.is_empty() { "rubrik" } else { "avsnitt" };
            source
                .problem(at, format!("profilen kräver avsnittet ”{required}”, som saknas (lägg till det under `avsnitt`)"))
                .warning()
        })
        .collect()
}

/// Each § that `list` (at `field`) names and the meeting does not have.
pub(super) fn outside_meeting(
    loaded: &crate::model::LoadedMeeting,
    list: &crate::model::ParagraphList,
    field: &str,
) -> Vec<Problem> {
    let known = &loaded.numbers;
    let mut unknown: Vec<crate::model::ParagraphNumber> = list.bounds_outside(known).collect();
    // A single § is both bounds of its range: said once.
    unknown.dedup();
    unknown
        .into_iter()
        .map(|number| {
            loaded.source.problem(
                field,
                format!(
                    "§ {number} finns inte i sammanträdet (dess paragrafer är {})",
                    crate::swedish::paragraph_list(
                        &crate::swedish::ParagraphForm::default(),
                        known
                    )
                    .replace(crate::swedish::NBSP, " ")
                ),
            )
        })
        .collect()
}

/// `dnr`, written at `field` of `file`, against the profile's `dnr_mönster`.
pub(super) fn dnr_pattern(
    dnr: &str,
    profile: &crate::model::LoadedProfile,
    file: &crate::model::SourceFile,
    field: &str,
) -> Vec<Problem> {
    let (Some(pattern), Some(profile_source)) = (&profile.profile.dnr_mönster, &profile.source)
    else {
        return Vec::new();
    };
    match regex_lite::Regex::new(pattern) {
        Err(e) => vec![profile_source.problem(
            "dnr_mönster",
            format!("dnr_mönster är inget giltigt reguljärt uttryck: {e}"),
        )],
        Ok(regex) if !regex.is_match(dnr) => vec![file.problem(
            field,
            format!(
                "dnr `{dnr}` följer inte nämndens mönster `{pattern}` ({})",
                profile_source.path.display()
            ),
        )],
        Ok(_) => Vec::new(),
    }
}

fn tables(loaded: &LoadedCase) -> Vec<Problem> {
    let (case, source) = (&loaded.case, &loaded.source);
    let mut problems = Vec::new();
    let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, section) in case.avsnitt.iter().enumerate() {
        for (t, id) in section.tabeller.iter().enumerate() {
            *placed.entry(id).or_default() += 1;
            if !case.tabeller.contains_key(id) {
                let known: Vec<&str> = case.tabeller.keys().map(String::as_str).collect();
                let hint = crate::model::did_you_mean(id, &known)
                    .unwrap_or_else(|| format!("tabeller: {}", known.join(", ")));
                problems.push(source.problem(
                    &format!("avsnitt[{s}].tabeller[{t}]"),
                    format!("det finns ingen tabell `{id}`; {hint}"),
                ));
            }
        }
    }
    for (id, table) in &case.tabeller {
        let at = format!("tabeller.{id}");
        if table.ansökningar.len() > MAX_APPLICATIONS {
            problems.push(source.problem(
                &format!("{at}.ansökningar"),
                format!(
                    "tabellen har {} ansökningar; högst {MAX_APPLICATIONS} ryms i en tabell (dela upp den)",
                    table.ansökningar.len()
                ),
            ));
            continue;
        }
        match placed.get(id.as_str()) {
            None => problems.push(source.problem(&at, format!("tabellen `{id}` står inte i något avsnitt (lägg till den under ett avsnitts `tabeller`)"))),
            Some(n) if *n > 1 => problems.push(source.problem(&at, format!("tabellen `{id}` står i {n} avsnitt; den får stå i ett"))),
            _ => {}
        }
        let totals = facts::totals(table);
        for (field, stated, computed) in [
            ("summa_sökt", table.summa_sökt, totals.requested),
            ("summa_beviljat", table.summa_beviljat, totals.granted),
        ] {
            if let Some(stated) = stated.filter(|s| *s != computed) {
                problems.push(source.problem(
                    &format!("{at}.{field}"),
                    format!(
                        "angiven summa {} stämmer inte med raderna: {}",
                        swedish::kronor(stated),
                        swedish::kronor(computed)
                    ),
                ));
            }
        }
        let mut numbers = BTreeSet::new();
        for (r, row) in table.ansökningar.iter().enumerate() {
            let field = |name: &str| format!("{at}.ansökningar[{r}].{name}");
            if !numbers.insert(row.nr) {
                problems.push(source.problem(
                    &field("nr"),
                    format!("ansökan nr {} finns redan i tabellen", row.nr),
                ));
            }
            let kr = swedish::kronor;
            match (row.förslag, table.maxbelopp) {
                (Proposal::Amount(amount), _) if amount > row.sökt => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än sökt belopp {}", kr(amount), kr(row.sökt)),
                )),
                (Proposal::Amount(amount), Some(max)) if amount > max => problems.push(source.problem(
                    &field("förslag"),
                    format!("föreslaget belopp {} är större än tabellens maxbelopp {}", kr(amount), kr(max)),
                )),
                (Proposal::Amount(amount), _) if amount.0 == 0 => problems.push(
                    source.problem(&field("förslag"), "förslaget är 0 kr; skriv `avslag` om ansökan avslås").warning(),
                ),
                (Proposal::Capped, None) => problems.push(source.problem(
                    &field("förslag"),
                    format!("`maxbelopp` kräver att tabellen `{id}` anger `maxbelopp`"),
                )),
                (Proposal::Capped, Some(max)) if row.sökt <= max => problems.push(source.problem(
                    &field("förslag"),
                    format!("sökt belopp {} ryms inom maxbeloppet {}; ange beloppet i stället för `maxbelopp`", kr(row.sökt), kr(max)),
                )),
                _ => {}
            }
        }
    }
    problems
}

pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}
