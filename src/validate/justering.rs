//! The justeringar: every § in exactly one, each within 14 days of the meeting (KL 5 kap.
//! 69 §), §§ justerade at the meeting on the meeting's day, each anslag posted at the
//! latest the second day after its justering (KL 8 kap. 12 §), and a warning when there
//! is no anslag at all.

use super::{ADJUSTMENT_DAYS, days_between};
use crate::error::Problem;
use crate::facts::{MeetingFacts, calendar};
use crate::model::{LoadedMeeting, PartParagraphs};
use crate::swedish;

pub fn parts(loaded: &LoadedMeeting, facts: &MeetingFacts) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    let in_parts = !meeting.justeringar.is_empty();
    if in_parts && meeting.justering.is_some() {
        problems.push(source.problem(
            "justering",
            "ange antingen `justering` (en justering) eller `justeringar` (flera), inte båda",
        ));
    }
    if in_parts && meeting.anslag.as_ref().is_some_and(|a| a.datum.is_some()) {
        problems.push(source.problem(
            "anslag.datum",
            "med `justeringar` sätts anslaget upp per justering: ange `anslag` under varje justering",
        ));
    }
    if in_parts {
        problems.extend(selections(loaded));
    }
    let principal = loaded.profile.profile.huvudman;
    // A company's styrelse has no anslagstavla and no laglighetsprövning (its decisions
    // are the company's, under aktiebolagslagen): an anslag would promise an appeal.
    if !principal.under_kommunallagen() {
        let anslag = meeting.justeringar.iter().position(|j| j.anslag.is_some());
        let at = match (meeting.anslag.is_some(), anslag) {
            (true, _) => Some("anslag".to_owned()),
            (false, Some(p)) => Some(format!("justeringar[{p}].anslag")),
            (false, None) => None,
        };
        if let Some(at) = at {
            problems.push(source.problem(
                &at,
                "ett bolags protokoll anslås inte: styrelsens beslut är bolagets och kan inte överklagas genom laglighetsprövning (aktiebolagslagen gäller, inte kommunallagen 8 kap. 12 §); ta bort `anslag`",
            ));
        }
    }
    // One protocol of a single justering is what every meeting justerad in one piece gets.
    if meeting.justeringar_i_ett_protokoll == Some(true) && facts.parts.len() < 2 {
        problems.push(
            source
                .problem(
                    "justeringar_i_ett_protokoll",
                    "protokollet justeras i ett stycke, så `justeringar_i_ett_protokoll` har ingen verkan: den gäller ett protokoll som justeras i delar (`justeringar`, eller paragrafer med `omedelbar_justering`)",
                )
                .warning(),
        );
    }
    // Without an anslag nothing says when the appeal time starts: a warning, since a
    // protocol being written may not know its anslag yet.
    if principal.under_kommunallagen()
        && meeting.anslag.is_none()
        && facts.parts.iter().any(|p| p.date.is_some())
    {
        let at = match (&meeting.justering, in_parts) {
            (Some(_), _) => "justering",
            (None, true) => "justeringar",
            (None, false) => "datum",
        };
        problems.push(
            source
                .problem(
                    at,
                    "sammanträdet har inget `anslag` (datum och förvaringsplats): att protokollet är justerat ska tillkännages på anslagstavlan senast andra dagen efter justeringen (KL 8 kap. 12 §), och tiden för överklagande räknas från den dagen; utan anslag görs inget anslag och protokollet får ingen ANSLAG/BEVIS",
                )
                .warning(),
        );
    }
    for (p, part) in facts.parts.iter().enumerate() {
        let field = |name: &str| format!("{}.{name}", part.field);
        if part.items.is_empty() {
            problems.push(source.problem(&part.field, "justeringen omfattar ingen paragraf"));
            continue;
        }
        let given = meeting.justeringar.get(p).filter(|_| in_parts);
        match part.date {
            Some(date) => {
                let days = days_between(meeting.datum, date);
                let at = if in_parts || !part.immediate { field("datum") } else { "datum".to_owned() };
                if days < 0 {
                    problems.push(source.problem(&at, "justeringen är daterad före sammanträdet"));
                // KL 5 kap. 69 § speaks of a meeting's protocol; delegeringsbeslut have no
                // such time limit that paragraf can be sure of.
                } else if days > ADJUSTMENT_DAYS
                    && principal.under_kommunallagen()
                    && !loaded.delegated()
                {
                    problems.push(source.problem(
                        &at,
                        format!("justeringen sker {days} dagar efter sammanträdet; protokollet ska justeras inom {ADJUSTMENT_DAYS} dagar (KL 5 kap. 69 §)"),
                    ));
                }
                if part.immediate && date != meeting.datum {
                    problems.push(source.problem(
                        &at,
                        format!("omedelbart justerade paragrafer justeras vid sammanträdet, {}", swedish::short_date(meeting.datum)),
                    ));
                }
                if let Some(posted) = part.posted {
                    let at = match given {
                        Some(_) => field("anslag"),
                        None => "anslag.datum".to_owned(),
                    };
                    let latest = calendar::latest_posting(date);
                    if posted < date {
                        problems.push(source.problem(
                            &at,
                            format!(
                                "anslaget sätts upp före justeringen ({}): att protokollet är justerat kan tillkännages först när det är justerat (KL 8 kap. 12 §)",
                                swedish::short_date(date)
                            ),
                        ));
                    } else if posted > latest {
                        let moved = if latest == date + chrono::Duration::days(2) {
                            ""
                        } else {
                            " (andra dagen är en lördag, söndag eller helgdag och flyttas till nästa vardag, lag 1930:173)"
                        };
                        problems.push(source.problem(
                            &at,
                            format!(
                                "anslaget ska sättas upp senast andra dagen efter justeringen, {}{moved} (KL 8 kap. 12 §)",
                                swedish::short_date(latest)
                            ),
                        ));
                    }
                }
            }
            None if meeting.anslag.is_some() => problems.push(source.problem(
                "anslag",
                "anslaget kräver ett justeringsdatum (`justering.datum`, eller omedelbar justering av alla paragrafer)",
            )),
            None => problems.push(
                source
                    .problem("datum", "justeringens datum saknas (`justering.datum`); protokollsutdraget visar då ingen justering")
                    .warning(),
            ),
        }
        if !part.immediate {
            for item in part
                .items
                .iter()
                .filter(|&&i| meeting.paragrafer[i].omedelbar_justering)
            {
                if part.date != Some(meeting.datum) {
                    problems.push(source.problem(
                        &format!("{}.omedelbar_justering", loaded.paths[*item]),
                        format!("§ {} är markerad omedelbar_justering men justeras i en justering efter sammanträdet", loaded.numbers[*item]),
                    ));
                }
            }
        }
        // The chair justerar as chair: the justerare are others, each once.
        let chair = part.chair.as_ref().map(|c| c.namn.as_str());
        let mut named: Vec<&str> = Vec::new();
        for (a, approver) in part.approvers.iter().enumerate() {
            let at = |key: &str| match given {
                Some(given) if given.justerare.is_some() => {
                    format!("{}.justerare[{a}].{key}", part.field)
                }
                _ => format!("justerare[{a}].{key}"),
            };
            if approver.ersättare.as_deref() == Some(approver.namn.as_str()) {
                problems.push(source.problem(
                    &at("ersättare"),
                    "en justerare kan inte vara sin egen ersättare",
                ));
            }
            // One's own stand-in is refused above.
            let stand_in = (approver.ersättare.as_deref()).filter(|s| *s != approver.namn);
            let names = std::iter::once(("namn", approver.namn.as_str()))
                .chain(stand_in.map(|s| ("ersättare", s)));
            for (key, name) in names {
                if Some(name) == chair {
                    problems.push(source.problem(
                        &at(key),
                        format!("{name} är ordförande och justerar protokollet som ordförande: justeraren är någon annan av ledamöterna och ersättarna"),
                    ));
                } else if named.contains(&name) {
                    problems.push(source.problem(
                        &at(key),
                        format!("{name} står redan som justerare i den här justeringen"),
                    ));
                }
                named.push(name);
            }
        }
        // A delegeringsbeslut is justerat by its beslutsfattare alone.
        if part.chair.is_none() || (part.approvers.is_empty() && !loaded.delegated()) {
            // At an empty `justerare: []` where one is written, else at the secretary.
            let at = match given {
                Some(_) => part.field.clone(),
                None if part.approvers.is_empty()
                    && loaded.source.positions.key("justerare").is_some() =>
                {
                    "justerare".to_owned()
                }
                None => "sekreterare".to_owned(),
            };
            problems.push(
                source
                    .problem(&at, "ordförande eller justerare saknas; protokollet justeras av ordföranden och minst en justerare")
                    .warning(),
            );
        }
    }
    problems
}

/// With `justeringar`: at most one takes "the rest", the §§ named exist, and every § is
/// in exactly one justering.
fn selections(loaded: &LoadedMeeting) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    let mut problems = Vec::new();
    let mut claims = vec![Vec::new(); meeting.paragrafer.len()];
    let mut rest_parts = 0;
    for (p, given) in meeting.justeringar.iter().enumerate() {
        let field = format!("justeringar[{p}].paragrafer");
        match &given.paragrafer {
            None => {
                rest_parts += 1;
                if rest_parts > 1 {
                    problems.push(source.problem(
                        &format!("justeringar[{p}]"),
                        "bara en justering kan gälla övriga paragrafer; ange `paragrafer` för de andra",
                    ));
                }
            }
            Some(PartParagraphs::Immediate) => {
                let marked: Vec<usize> = loaded
                    .items()
                    .filter(|i| i.item.omedelbar_justering)
                    .map(|i| i.index)
                    .collect();
                if marked.is_empty() {
                    problems.push(source.problem(
                        &field,
                        "ingen paragraf är markerad `omedelbar_justering: true`",
                    ));
                }
                for i in marked {
                    claims[i].push(p);
                }
            }
            Some(PartParagraphs::List(list)) => {
                for number in list.bounds_outside(&loaded.numbers) {
                    problems.push(
                        source.problem(&field, format!("§ {number} finns inte i sammanträdet")),
                    );
                }
                for item in loaded.items().filter(|i| list.contains(i.number)) {
                    claims[item.index].push(p);
                }
            }
        }
    }
    for item in loaded.items() {
        match claims[item.index].as_slice() {
            [] if rest_parts == 0 => problems.push(source.problem(
                &item.field("paragraf"),
                format!(
                    "§ {} ingår inte i någon justering (`justeringar`)",
                    item.number
                ),
            )),
            [first, second, ..] => problems.push(source.problem(
                &item.field("paragraf"),
                format!(
                    "§ {} ingår i två justeringar (justeringar[{first}] och justeringar[{second}])",
                    item.number
                ),
            )),
            _ => {}
        }
    }
    problems
}
