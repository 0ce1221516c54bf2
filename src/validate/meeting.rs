//! A meeting's rules about its items: numbers, cases, decisions, procedural items.

use std::collections::BTreeSet;

use super::{
    STALE_STATEMENT_DAYS, agenda, attendance, case_problems, days_between, justering, kind, organ,
    roster,
};
use crate::error::Problem;
use crate::facts::{self, MeetingFacts};
use crate::model::{
    AppealRoute, Decision, LoadedItem, LoadedMeeting, MAX_PARAGRAPH, Numbering, OrganKind, Stage,
    Vote,
};
use crate::swedish;

/// Check a meeting and, once each, the cases of its items.
pub fn meeting(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    for case in loaded.distinct_cases() {
        let information = loaded
            .items()
            .filter(|i| i.case.is_some_and(|c| c.source.path == case.source.path))
            .all(|i| i.item.information);
        problems.extend(case_problems(case, information));
    }
    if meeting.paragrafer.is_empty() {
        problems.push(source.problem("paragrafer", "sammanträdet har inga paragrafer"));
    }
    let mut numbers = BTreeSet::new();
    let mut before: Option<crate::model::ParagraphNumber> = None;
    for item in loaded.items() {
        if item.number.number == 0 {
            problems.push(source.problem(
                &item.field("paragraf"),
                "§ 0 finns inte: paragraferna numreras från 1",
            ));
        } else if !numbers.insert(item.number) {
            problems.push(source.problem(
                &item.field("paragraf"),
                format!("§ {} finns redan i sammanträdet", item.number),
            ));
        } else if let Some(before) = before.filter(|b| *b > item.number) {
            // The protocol, its lists and the extracts' files go by the numbers' order.
            problems.push(source.problem(
                &item.field("paragraf"),
                format!(
                    "§ {} står efter § {before}: paragraferna står i nummerordning",
                    item.number
                ),
            ));
        }
        before = before.max(Some(item.number));
        problems.extend(item_problems(loaded, facts, &item));
    }
    problems.extend(numbering_gaps(loaded));
    problems.extend(agenda::agenda(loaded));
    problems.extend(organ::joint_committee(loaded, facts));
    problems.extend(organ::constituencies(loaded, facts));
    problems.extend(roster::roster(loaded, facts));
    problems.extend(kind::delegation(loaded));
    match meeting.skede {
        // Before the meeting nobody has attended, decided or justerat anything yet.
        Stage::Agenda => problems.extend(kind::not_yet_held(loaded)),
        // One person decided under delegation: nobody attended, the decider justerar.
        Stage::Minutes if loaded.delegated() => problems.extend(justering::parts(loaded, facts)),
        Stage::Minutes => {
            problems.extend(attendance::roll(loaded, facts));
            for item in loaded.items() {
                problems.extend(attendance::participants(loaded, facts, &item));
            }
            problems.extend(justering::parts(loaded, facts));
        }
    }
    problems.extend(super::prose(source, meeting.prose_fields()));
    problems
}

/// What an item must have: a case or a title, a decision unless it is information, points
/// that exist where it rewords them.
fn item_problems(loaded: &LoadedMeeting, facts: &MeetingFacts, item: &LoadedItem) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let i = item.item;
    let field = |name: &str| item.field(name);
    let mut problems = Vec::new();
    match item.case {
        Some(case) => {
            let statement = case.case.datum;
            let days = days_between(statement, meeting.datum);
            if days < 0 {
                problems.push(source.problem(
                    &field("ärende"),
                    format!(
                        "tjänsteutlåtandet är daterat {}, efter sammanträdet {}",
                        swedish::short_date(statement),
                        swedish::short_date(meeting.datum)
                    ),
                ));
            } else if days > STALE_STATEMENT_DAYS {
                problems.push(
                    source
                        .problem(&field("ärende"), format!("tjänsteutlåtandet är {days} dagar äldre än sammanträdet; är det rätt ärende?"))
                        .warning(),
                );
            }
            if i.dnr.is_some() {
                problems.push(source.problem(
                    &field("dnr"),
                    "dnr står i ärendefilen; `dnr` här är bara för en paragraf utan ärendefil",
                ));
            }
        }
        None => {
            if i.rubrik.as_deref().is_none_or(|r| r.trim().is_empty()) {
                problems.push(source.problem(
                    &item.field("paragraf"),
                    "en paragraf utan ärendefil (`ärende`) behöver en `rubrik`, t.ex. Val av justerare",
                ));
            }
            if let Some(given) = &i.dnr {
                let list = given.list();
                if list.is_empty() {
                    problems.push(source.problem(&field("dnr"), "`dnr` är en tom lista"));
                }
                for (j, dnr) in list.iter().enumerate() {
                    let at = field(&given.field("dnr", j));
                    if dnr.trim().is_empty() {
                        problems.push(source.problem(&at, "dnr är tomt"));
                    } else if list[..j].contains(dnr) {
                        problems.push(source.problem(&at, format!("{dnr} står redan i listan")));
                    } else {
                        problems.extend(super::dnr_pattern(dnr, &loaded.profile, source, &at));
                    }
                }
            }
        }
    }
    for (j, preparation) in i.beredning.iter().enumerate() {
        if preparation.förslag.iter().all(|p| p.trim().is_empty()) {
            problems.push(source.problem(
                &field(&format!("beredning[{j}].förslag")),
                format!("{}s förslag saknar punkter", preparation.organ),
            ));
        }
        if let Some(date) = preparation.datum
            && date > meeting.datum
        {
            problems.push(source.problem(
                &field(&format!("beredning[{j}].datum")),
                "beredningen är daterad efter sammanträdet",
            ));
        }
    }
    let base = facts::proposal(item);
    match &i.beslut {
        Some(Decision::Reworded(_)) if base.is_empty() => {
            problems.push(source.problem(
                &field("beslut"),
                "det finns inget förslag att formulera om: skriv beslutet som en lista med punkter",
            ));
        }
        Some(Decision::Reworded(changes)) => {
            let points = base.len();
            for number in changes.keys().filter(|n| **n == 0 || **n > points) {
                problems.push(source.problem(
                    &format!("{}.{number}", field("beslut")),
                    format!(
                        "förslaget till beslut har punkterna 1–{points}; punkt {number} finns inte"
                    ),
                ));
            }
        }
        Some(Decision::Points(points)) if points.is_empty() => {
            problems.push(source.problem(&field("beslut"), "beslutet saknar punkter"));
        }
        _ => {}
    }
    let decision = facts::decision(item);
    if decision.iter().any(|p| p.trim().is_empty()) {
        problems.push(source.problem(&field("beslut"), "en beslutspunkt är tom"));
    }
    if let Some(Decision::Points(points)) = &i.beslut {
        for (n, point) in points.iter().enumerate() {
            let at = format!("{}[{n}]", field("beslut"));
            problems.extend(super::fragment_point(source, &at, n, point));
            let profile = &loaded.profile.profile;
            problems.extend(super::doubled_att(source, profile, &at, n, point));
        }
    }
    for (&number, ground) in &i.lagrum {
        let at = field(&format!("lagrum.{number}"));
        if number == 0 || number > decision.len() {
            problems.push(source.problem(
                &at,
                format!(
                    "beslutet har punkterna 1–{}; punkt {number} finns inte",
                    decision.len()
                ),
            ));
        } else if ground.trim().is_empty() {
            problems.push(source.problem(&at, format!("lagrummet för punkt {number} är tomt")));
        }
    }
    if i.utgår.is_some() && meeting.skede == Stage::Minutes {
        problems.push(source.problem(
            &field("utgår"),
            "ett ärende som utgick före sammanträdet hör inte till protokollet: ta bort det ur `paragrafer` (eller ange `skede: kallelse` för en reviderad kallelse)",
        ));
    }
    if decision.is_empty() && !i.information && meeting.skede == Stage::Minutes && i.utgår.is_none()
    {
        let message = match item.case {
            Some(_) => {
                "paragrafen har inget beslut: ärendet saknar förslag till beslut (ange `beslut`, eller `information: true` för ett informationsärende)"
            }
            None => {
                "paragrafen har inget beslut: ange `beslut` (eller `information: true` för ett informationsärende)"
            }
        };
        // At a key the item has: its case, its number, its heading, else the item.
        let at = match (item.case, i.paragraf, &i.rubrik) {
            (Some(_), _, _) => field("ärende"),
            (None, Some(_), _) => field("paragraf"),
            (None, None, Some(_)) => field("rubrik"),
            (None, None, None) => item.path.to_owned(),
        };
        problems.push(source.problem(&at, message));
    }
    problems.extend(immediate_wording(loaded, item, &decision));
    problems.extend(appeal_problems(loaded, item));
    problems.extend(proposal_problems(loaded, facts, item, &decision));
    problems.extend(motion_problems(loaded, item));
    problems
}

/// Each yrkande says what it asks for, unless it supports the main proposal; a vote is
/// between two proposals, so it needs a yrkande that is one.
fn motion_problems(loaded: &LoadedMeeting, item: &LoadedItem) -> Vec<Problem> {
    let i = item.item;
    let mut problems = Vec::new();
    for (j, motion) in i.yrkanden.iter().enumerate() {
        let at = |key: &str| item.field(&format!("yrkanden[{j}]{key}"));
        if motion.bifall
            && let Some(words) = &motion.yrkande
            && !words.trim_start().to_lowercase().starts_with("bifall")
        {
            problems.push(loaded.source.problem(
                &at(".yrkande"),
                "ett yrkande med `bifall: true` stöder huvudförslaget, men det här yrkar något annat: ta bort `bifall`, eller skriv \"bifall till …\"",
            ));
        }
        // "bifall till arbetsutskottets förslag" written as words is support for the
        // main proposal, which then counts as one proposal too many.
        if !motion.bifall
            && let Some(words) = &motion.yrkande
            && let lower = words.trim_start().to_lowercase()
            && lower.starts_with("bifall till")
            && lower.contains("förslag")
        {
            problems.push(
                loaded
                    .source
                    .problem(
                        &at(".yrkande"),
                        "yrkandet är bifall till ett förslag: stöder det huvudförslaget, ange `bifall: true`, annars räknas det som ett förslag till av sig självt (\"det finns tre förslag\" där det finns två)",
                    )
                    .warning(),
            );
        }
        for (k, name) in motion.instämmande.iter().enumerate() {
            if motion.av.list().contains(&name.as_str()) {
                problems.push(loaded.source.problem(
                    &at(&format!(".instämmande[{k}]")),
                    format!("{name} har själv lagt yrkandet och kan inte instämma i det"),
                ));
            }
        }
        if !motion.bifall
            && motion
                .yrkande
                .as_deref()
                .is_none_or(|y| y.trim().is_empty())
        {
            problems.push(loaded.source.problem(
                &item.field(&format!("yrkanden[{j}]")),
                "yrkandet säger inte vad som yrkas: ange `yrkande` (t.ex. att ärendet återremitteras), eller `bifall: true` för bifall till huvudförslaget",
            ));
        }
    }
    if i.omröstning.is_some() && i.yrkanden.iter().all(|m| m.bifall) {
        problems.push(loaded.source.problem(
            &item.field("omröstning"),
            "en omröstning står mellan två förslag, men paragrafen har bara huvudförslaget: ange yrkandet som ställdes mot det under `yrkanden`",
        ));
    } else if let Some(vote) = &i.omröstning {
        problems.extend(vote_sides(loaded, item, vote));
    }
    problems
}

/// A warning for a side of a vote that names none of the §'s proposals (`ja:
/// miljöförvaltningens förslag` where the main proposal is the chair's): the beslutsgång
/// would then speak of a proposal nobody made. A side names a proposal by its owner
/// (`kommunstyrelsens`), a mover's surname or the first word of what a yrkande asks.
fn vote_sides(loaded: &LoadedMeeting, item: &LoadedItem, vote: &Vote) -> Vec<Problem> {
    let main = facts::main_proposal(item);
    let counter = item.item.yrkanden.iter().filter(|m| !m.bifall);
    let mut marks: Vec<String> = vec![main.owner.to_lowercase()];
    let mut known: Vec<String> = vec![main.name.clone()];
    for motion in counter {
        let movers = motion.av.list();
        marks.extend(
            movers
                .iter()
                .filter_map(|name| name.split_whitespace().last())
                .map(str::to_lowercase),
        );
        let first_word = motion.yrkande.as_deref().and_then(|words| {
            words
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .find(|w| w.chars().count() > 3 && w != "att")
        });
        marks.extend(first_word);
        known.push(format!("yrkandet från {}", swedish::join_and(&movers)));
    }
    [("ja", &vote.ja), ("nej", &vote.nej)]
        .into_iter()
        .filter(|(_, side)| {
            let side = side.to_lowercase();
            !marks.iter().any(|mark| side.contains(mark.as_str()))
        })
        .map(|(key, side)| {
            loaded
                .source
                .problem(
                    &item.field(&format!("omröstning.{key}")),
                    format!(
                        "\"{side}\" är inget av paragrafens förslag ({}): skriv vilket förslag en {key}-röst gäller",
                        swedish::join_and(&known)
                    ),
                )
                .warning()
        })
        .collect()
}

/// A decision that proposes to another organ cannot be appealed (KL 13 kap. 2 §): it has
/// no route of appeal of its own, and one whose words propose ("… föreslår
/// kommunfullmäktige att …") is probably meant to say so.
fn proposal_problems(
    loaded: &LoadedMeeting,
    facts: &MeetingFacts,
    item: &LoadedItem,
    decision: &[String],
) -> Vec<Problem> {
    let i = item.item;
    let mut problems = Vec::new();
    if let (Some(_), Some(appeal)) = (&i.förslag_till, &i.överklagande)
        && appeal.sätt != AppealRoute::None
    {
        problems.push(loaded.source.problem(
            &item.field("överklagande.sätt"),
            format!(
                "beslutet är ett förslag till ett annat organ (`förslag_till`) och kan inte överklagas genom {} (KL 13 kap. 2 §): ta bort `överklagande`",
                appeal.sätt.key()
            ),
        ));
    }
    if let Some(receivers) = &i.förslag_till {
        let names = receivers.list();
        if names.is_empty() || names.iter().any(|n| n.trim().is_empty()) {
            problems.push(loaded.source.problem(
                &item.field("förslag_till"),
                "`förslag_till` behöver organet som förslaget går till, t.ex. Kommunfullmäktige",
            ));
        }
        // Only a nämnd's (or styrelse's) purely preparatory decision is exempt (KL 13 kap.
        // 2 §): fullmäktige decides, and its decisions can always be appealed.
        if facts.organ.kind == OrganKind::Assembly {
            problems.push(loaded.source.problem(
                &item.field("förslag_till"),
                "fullmäktiges beslut kan alltid överklagas: `förslag_till` gäller en nämnds eller styrelses förslag till ett annat organ (KL 13 kap. 2 §)",
            ));
        }
        // A point the § decides for its own part can be appealed; the § as a whole not.
        // Under the lead line "… föreslår kommunfullmäktige besluta" every point proposes.
        if !loaded.profile.profile.paragraf.lead_shown()
            && let Some(own) = decision
                .iter()
                .position(|point| proposes_to(point).is_none())
        {
            // The wording that makes the point a proposal, with the §'s own organ and
            // the first receiver: "Tekniska nämnden föreslår kommunfullmäktige att …".
            let receiver = names.first().map_or("kommunfullmäktige".to_owned(), |n| {
                swedish::uncapitalized(n.trim())
            });
            problems.push(
                loaded
                    .source
                    .problem(
                        &item.field("förslag_till"),
                        format!(
                            "beslutspunkt {} föreslår inget annat organ utan beslutar för egen del, och den kan överklagas; med `förslag_till` säger anslaget att hela paragrafen inte kan det: skriv punkten som ett förslag (\"{} föreslår {receiver} att …\"), dela paragrafen, eller ta bort `förslag_till`",
                            own + 1,
                            facts.organ.name,
                        ),
                    )
                    .warning(),
            );
        }
    }
    if i.förslag_till.is_none()
        && let Some(receiver) = decision.iter().find_map(|point| proposes_to(point))
    {
        let at = match (&i.beslut, item.case) {
            (None, Some(_)) => "ärende",
            _ => "beslut",
        };
        problems.push(
            loaded
                .source
                .problem(
                    &item.field(at),
                    format!(
                        "beslutet föreslår {receiver} något: ange `förslag_till: {}`, så säger anslaget och utdraget att ett förslag inte går att överklaga (KL 13 kap. 2 §)",
                        swedish::capitalized(receiver)
                    ),
                )
                .warning(),
        );
    }
    problems
}

/// The organ a decision point proposes to: `kommunfullmäktige` in "Kommunstyrelsen
/// föreslår kommunfullmäktige att …", the subject being a short name before the verb.
fn proposes_to(point: &str) -> Option<&str> {
    let (subject, rest) = point.split_once(" föreslår ")?;
    if subject.split_whitespace().count() > 5 || subject.contains('.') {
        return None;
    }
    // "… föreslår att kommunfullmäktige beslutar …": the receiver follows the "att".
    let rest = rest.strip_prefix("att ").unwrap_or(rest);
    let end = [" att ", " besluta"]
        .iter()
        .filter_map(|word| rest.find(word))
        .min()?;
    Some(rest[..end].trim()).filter(|receiver| !receiver.is_empty())
}

/// A förvaltningsbesvär names where it is heard and the law that gives the right to appeal:
/// the party's överklagandehänvisning says both. Other routes use neither.
fn appeal_problems(loaded: &LoadedMeeting, item: &LoadedItem) -> Vec<Problem> {
    let Some(appeal) = &item.item.överklagande else {
        return Vec::new();
    };
    let field = |name: &str| item.field(&format!("överklagande.{name}"));
    let blank = |text: &Option<String>| text.as_deref().is_none_or(|t| t.trim().is_empty());
    let mut problems = Vec::new();
    if !loaded.profile.profile.huvudman.under_kommunallagen() && appeal.sätt != AppealRoute::None {
        problems.push(loaded.source.problem(
            &field("sätt"),
            "ett bolags styrelsebeslut kan inte överklagas som en nämnds: ta bort `överklagande` (aktiebolagslagen gäller, inte kommunallagen 13 kap.)",
        ));
    }
    if appeal.sätt == AppealRoute::Administrative {
        if blank(&appeal.instans) {
            problems.push(loaded.source.problem(
                &field("sätt"),
                "förvaltningsbesvär behöver `instans`: vart överklagandet ska, t.ex. Länsstyrelsen i Ekby län",
            ));
        }
        if blank(&appeal.lagrum) {
            problems.push(loaded.source.problem(
                &field("sätt"),
                "förvaltningsbesvär behöver `lagrum`: lagen som ger rätt att överklaga, t.ex. 13 kap. 15 § plan- och bygglagen (2010:900)",
            ));
        }
    } else {
        for (name, value) in [("instans", &appeal.instans), ("lagrum", &appeal.lagrum)] {
            if value.is_some() {
                problems.push(
                    loaded
                        .source
                        .problem(
                            &field(name),
                            format!("`{name}` används bara vid förvaltningsbesvär"),
                        )
                        .warning(),
                );
            }
        }
    }
    problems
}

/// A decision point that says the § is justerad at once, for a § not marked so, or a §
/// marked so whose decision does not say it: one of the two is probably a slip.
fn immediate_wording(
    loaded: &LoadedMeeting,
    item: &LoadedItem,
    decision: &[String],
) -> Vec<Problem> {
    // "Paragrafen justeras omedelbart.", "… omedelbart justerad", and as an att-sats
    // "justera paragrafen omedelbart" (not "utses att justera § 125 omedelbart").
    let says = |point: &str| {
        let point = point.to_lowercase();
        [
            "justeras omedelbart",
            "omedelbart justera",
            "justera paragrafen omedelbart",
        ]
        .iter()
        .any(|form| point.contains(form))
    };
    let marked = item.item.omedelbar_justering;
    let saying = decision.iter().position(|p| says(p));
    let source = &loaded.source;
    match (marked, saying) {
        (false, Some(point)) => {
            let field = match &item.item.beslut {
                Some(Decision::Reworded(changes)) if changes.contains_key(&(point + 1)) => {
                    format!("{}.{}", item.field("beslut"), point + 1)
                }
                Some(Decision::Points(_)) => format!("{}[{point}]", item.field("beslut")),
                _ => item.field("paragraf"),
            };
            vec![source
                .problem(&field, format!("beslutspunkt {} säger att paragrafen justeras omedelbart, men paragrafen är inte markerad `omedelbar_justering: true`", point + 1))
                .warning()]
        }
        (true, None) if !decision.is_empty() => vec![source
            .problem(&item.field("omedelbar_justering"), "paragrafen justeras omedelbart, men ingen beslutspunkt säger det (t.ex. ”Paragrafen justeras omedelbart.”)")
            .warning()],
        _ => Vec::new(),
    }
}

/// A § number that skips numbers is legal but deserves a look: a given number that jumps
/// ahead of the item before, or, when numbering runs through the year, a first number
/// that is not where the year's earlier meetings leave it, and a number one of them has
/// already used. (A meeting file may list only some of its §§, so a meeting numbered on
/// its own may start anywhere.)
fn numbering_gaps(loaded: &LoadedMeeting) -> Vec<Problem> {
    let source = &loaded.source;
    let yearly = loaded.profile.profile.paragrafnumrering == Numbering::Yearly;
    let mut problems = Vec::new();
    if let Some(first) = loaded.meeting.första_paragraf
        && first > MAX_PARAGRAPH
    {
        problems.push(source.problem(
            "första_paragraf",
            format!("paragrafnumret är högst {MAX_PARAGRAPH}"),
        ));
    }
    let last_earlier = loaded
        .earlier
        .iter()
        .flat_map(|(date, numbers)| numbers.iter().map(move |n| (*date, n.number)))
        .max_by_key(|(_, n)| *n);
    if let (Some(first), Some((date, last))) = (loaded.meeting.första_paragraf, last_earlier)
        && first != last.saturating_add(1)
    {
        problems.push(
            source
                .problem(
                    "första_paragraf",
                    format!(
                        "årets tidigare sammanträden slutar på § {last} ({}); numreringen borde stå på § {}",
                        swedish::short_date(date),
                        last.saturating_add(1)
                    ),
                )
                .warning(),
        );
    }
    let mut expected = if yearly || loaded.meeting.första_paragraf.is_some() {
        loaded.first_number
    } else {
        loaded.numbers.first().map_or(1, |n| n.number)
    };
    for (i, number) in loaded.numbers.iter().enumerate() {
        let field = format!("{}.paragraf", loaded.paths[i]);
        if let Some((date, _)) = loaded
            .earlier
            .iter()
            .find(|(_, numbers)| numbers.contains(number))
        {
            problems.push(
                source
                    .problem(
                        &field,
                        format!(
                            "§ {number} finns redan i sammanträdet {}",
                            swedish::short_date(*date)
                        ),
                    )
                    .warning(),
            );
        } else if number.number > expected {
            let after = match i {
                0 => format!("numreringen står på § {expected}"),
                _ => format!("§ {} följs av § {number}", loaded.numbers[i - 1]),
            };
            problems.push(
                source
                    .problem(&field, format!("hopp i paragrafnumreringen: {after}"))
                    .warning(),
            );
        }
        expected = expected.max(number.number.saturating_add(1));
    }
    problems
}
