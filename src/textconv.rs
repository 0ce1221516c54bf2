//! What a case or a meeting says, as facts: (subject, field, value), one decision point,
//! amount or total each, with the totals the tool computes. `textconv` prints them one a
//! line for `git diff`; `diff` compares two versions and says what changed in domain
//! terms ("Tabell 1, ansökan 4: förslag 250 000 kr → 300 000 kr").

use std::collections::BTreeMap;
use std::path::Path;

use crate::derive::procedure::{Phrasing, actors};
use crate::error::Result;
use crate::facts::{self, Listed, MeetingFacts};
use crate::model::{
    DateStyle, LoadedCase, LoadedMeeting, LoadedProfile, LoadedRoster, Numbering, PROFILE_FILE,
    ParagraphNumber, Proposal, ROSTER_FILE, Reading, Roster, SourceFile, SubstituteOrder, VACANT,
};
use crate::swedish;

/// One fact: what it is about, which property, and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub subject: String,
    pub field: String,
    pub value: String,
}

fn fact(subject: impl Into<String>, field: impl Into<String>, value: impl Into<String>) -> Fact {
    // Amounts are typeset with no-break spaces; a diff reads better with plain ones.
    let value = value.into().replace(swedish::NBSP, " ");
    Fact {
        subject: subject.into(),
        field: field.into(),
        value,
    }
}

/// The facts of the YAML file `source`: a meeting or a case.
pub fn facts(source: SourceFile) -> Result<Vec<Fact>> {
    if source.path.file_name().is_some_and(|n| n == ROSTER_FILE) {
        Ok(roster(&LoadedRoster::from_source(source)?.roster))
    } else if source.path.file_name().is_some_and(|n| n == PROFILE_FILE) {
        Ok(profile(&LoadedProfile::from_source(
            source,
            PROFILE_FILE.to_owned(),
        )?))
    } else if source.is_meeting() {
        Ok(meeting(&LoadedMeeting::from_source(
            source,
            &Reading::default(),
        )?))
    } else {
        Ok(case(&LoadedCase::from_source(source, &Reading::default())?))
    }
}

/// The facts one a line: `subject: field: value`.
pub fn text(facts: &[Fact]) -> String {
    facts
        .iter()
        .map(|f| format!("{}: {}: {}\n", f.subject, f.field, f.value))
        .collect()
}

/// A profile's settings as they take effect: what it leaves out is shown as the built-in
/// wording, so a diff says what the documents will now read.
fn profile(loaded: &LoadedProfile) -> Vec<Fact> {
    let profile = &loaded.profile;
    let head = "Profil";
    let optional = |value: &Option<String>| value.as_deref().map_or("–".to_owned(), one_line);
    let (headings, wordings) = (&profile.rubriker, &profile.formuleringar);
    let mut facts = vec![
        fact(head, "kommun", optional(&profile.kommun)),
        fact(
            head,
            "logotyp",
            profile.logotyp.as_ref().map_or("–".to_owned(), |logo| {
                format!("{} ({})", logo.fil.display(), one_line(&logo.alt))
            }),
        ),
        fact(head, "adressrad", optional(&profile.adressrad)),
        fact(head, "färg", optional(&profile.färg)),
        fact(head, "dnr_mönster", optional(&profile.dnr_mönster)),
        fact(
            head,
            "paragrafnumrering",
            match profile.paragrafnumrering {
                Numbering::PerMeeting => "per_sammanträde",
                Numbering::Yearly => "löpande_per_år",
            },
        ),
        fact(head, "paragrafprefix", optional(&profile.paragrafprefix)),
        fact(
            head,
            "datumformat",
            match profile.datumformat {
                DateStyle::Iso => "iso",
                DateStyle::Long => "lång",
            },
        ),
    ];
    for (field, text) in headings.entries() {
        facts.push(fact("Rubrik", field, one_line(text)));
    }
    for (field, text) in wordings.entries() {
        facts.push(fact("Formulering", field, one_line(text)));
    }
    facts
}

/// An organ's roll: the period, each ledamot and ersättare as the period starts, and
/// each change in the secretary's words ("Anna Ek (S) ersätts av Per Holm (S) från
/// 2025-03-01").
fn roster(roster: &Roster) -> Vec<Fact> {
    let head = "Ledamotsförteckning";
    let period = roster.mandatperiod;
    let order = match roster.ersättarordning {
        SubstituteOrder::PerParty => "per parti",
        SubstituteOrder::Joint => "gemensam",
    };
    let mut facts = vec![
        fact(
            head,
            "mandatperiod",
            format!(
                "{} – {}",
                swedish::short_date(period.från),
                swedish::short_date(period.till)
            ),
        ),
        fact(head, "ersättarordning", order),
    ];
    // ", valkrets Norra" after what a member is, in a fullmäktige of several.
    let within = |valkrets: &Option<String>| {
        (valkrets.as_ref())
            .map(|v| format!(", valkrets {v}"))
            .unwrap_or_default()
    };
    for member in &roster.ledamöter {
        let role = member.roll.as_deref().unwrap_or("ledamot");
        facts.push(fact(
            "Ledamot",
            format!("{} ({})", member.namn, member.parti),
            format!("{role}{}", within(&member.valkrets)),
        ));
    }
    // The order is per party within each valkrets: each has its own "nr 1 för (S)".
    let mut places: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for (i, substitute) in roster.ersättare.iter().enumerate() {
        let place = match roster.ersättarordning {
            SubstituteOrder::PerParty => {
                let key = (substitute.parti.as_str(), substitute.valkrets.as_deref());
                let place = places.entry(key).or_default();
                *place += 1;
                format!("nr {place} för ({})", substitute.parti)
            }
            SubstituteOrder::Joint => format!("nr {}", i + 1),
        } + &within(&substitute.valkrets);
        facts.push(fact(
            "Ersättare",
            format!("{} ({})", substitute.namn, substitute.parti),
            place,
        ));
    }
    for change in &roster.ändringar {
        let day = swedish::short_date(change.datum);
        // Who they were the day before.
        let before = roster.on(change.datum.pred_opt().unwrap_or(change.datum));
        let party = |name: &str| {
            before
                .seat_of(name)
                .map(|s| format!("{name} ({})", s.party))
                .unwrap_or_else(|| name.to_owned())
        };
        let (who, text) = match (&change.avgår, &change.namn) {
            (Some(leaving), _) => {
                let text = match &change.efterträdare {
                    Some(successor) => {
                        let successor_party = (successor.parti.clone())
                            .or_else(|| before.seat_of(leaving).map(|s| s.party.clone()));
                        let successor = match successor_party {
                            Some(p) => format!("{} ({p})", successor.namn),
                            None => successor.namn.clone(),
                        };
                        format!("{} ersätts av {successor} från {day}", party(leaving))
                    }
                    None if before.member(leaving).is_some() => {
                        format!("{} avgår från {day}; platsen är vakant", party(leaving))
                    }
                    None => format!("{} avgår som ersättare från {day}", party(leaving)),
                };
                (leaving, text)
            }
            (None, Some(name)) => {
                let text = match change.roll.as_deref().filter(|r| !r.trim().is_empty()) {
                    Some(role) => format!("{} är {role} från {day}", party(name)),
                    None => format!("{} lämnar presidiet från {day}", party(name)),
                };
                (name, text)
            }
            (None, None) => continue,
        };
        facts.push(fact(head, format!("ändring {day} {who}"), text));
    }
    facts
}

fn case(loaded: &LoadedCase) -> Vec<Fact> {
    let case = &loaded.case;
    let head = "Tjänsteutlåtande";
    let mut facts = vec![
        fact(head, "rubrik", one_line(&case.rubrik)),
        fact(head, "nämnd", &case.nämnd),
        fact(head, "dnr", case.dnr.as_deref().unwrap_or("–")),
        fact(head, "datum", swedish::short_date(case.datum)),
    ];
    for (i, point) in case.förslag_till_beslut.iter().enumerate() {
        facts.push(fact(
            "Förslag till beslut",
            format!("punkt {}", i + 1),
            one_line(point),
        ));
    }
    for (number, id) in facts::table_order(case).into_iter().enumerate() {
        let Some(table) = case.tabeller.get(id) else {
            continue;
        };
        let label = format!("Tabell {}", number + 1);
        for row in &table.ansökningar {
            let subject = format!("{label}, ansökan {}", row.nr);
            let proposal = match row.förslag {
                Proposal::Refused => "avslag".to_owned(),
                Proposal::Referred => "hänvisning".to_owned(),
                other => swedish::kronor(facts::granted(other, table)),
            };
            facts.push(fact(&subject, "sökande", one_line(&row.sökande)));
            facts.push(fact(&subject, "sökt", swedish::kronor(row.sökt)));
            facts.push(fact(&subject, "förslag", proposal));
        }
        let totals = facts::totals(table);
        facts.push(fact(&label, "antal ansökningar", totals.count.to_string()));
        facts.push(fact(
            &label,
            "sökt totalt",
            swedish::kronor(totals.requested),
        ));
        facts.push(fact(
            &label,
            "beviljat totalt",
            swedish::kronor(totals.granted),
        ));
    }
    facts.push(fact(
        "Sammanfattning",
        "text",
        one_line(&case.sammanfattning),
    ));
    for section in &case.avsnitt {
        let text = section.text.as_deref().map(one_line).unwrap_or_default();
        facts.push(fact(format!("Avsnitt {}", section.rubrik), "text", text));
    }
    if let Some(fee) = &case.avgift {
        let taxa = fee
            .taxa
            .as_deref()
            .map(|t| format!(" enligt {}", one_line(t)));
        let amount = swedish::kronor(fee.belopp) + &taxa.unwrap_or_default();
        facts.push(fact("Avgift", "belopp", amount));
    }
    if let Some(notes) = &case.upplysningar {
        facts.push(fact("Upplysningar", "text", one_line(notes)));
    }
    facts
}

fn meeting(loaded: &LoadedMeeting) -> Vec<Fact> {
    let meeting = &loaded.meeting;
    let derived = MeetingFacts::of(loaded);
    let roll = &derived.roll;
    let profile = &loaded.profile.profile;
    let phrasing = Phrasing::new(&profile.formuleringar, &profile.etiketter, &derived);
    let head = "Sammanträde";
    let mut facts = vec![
        fact(head, "nämnd", &meeting.nämnd),
        fact(head, "organ", derived.organ.kind.to_string()),
        fact(head, "datum", swedish::short_date(meeting.datum)),
    ];
    if let Some(time) = &meeting.tid {
        facts.push(fact(head, "tid", time.protocol_text()));
    }
    let numbers = [
        ("protokollnummer", meeting.protokollnummer),
        ("första paragraf", meeting.första_paragraf),
    ];
    for (field, value) in numbers {
        if let Some(value) = value {
            facts.push(fact(head, field, value.to_string()));
        }
    }
    if let Some(seats) = derived.seats {
        facts.push(fact(head, "platser", seats.to_string()));
    }
    for absent in &roll.absent {
        let role = if absent.substitute {
            "ersättare"
        } else {
            "ledamot"
        };
        let who = match &absent.party {
            Some(party) => format!("{} ({party})", absent.name),
            None => roll.named(&absent.name, true),
        };
        facts.push(fact("Frånvarande", who, role));
    }
    for (v, vacancy) in roll.vacancies.iter().enumerate() {
        let party = vacancy.party.as_deref().unwrap_or("–");
        facts.push(fact("Vakant plats", (v + 1).to_string(), party));
    }
    let everyone: Vec<usize> = (0..meeting.paragrafer.len()).collect();
    // One fact per person and list: an ersättare who serves for part of the meeting stands
    // in the list twice (serving, and present).
    let mut attendance: Vec<(&str, String, Vec<String>)> = Vec::new();
    for (a, attendant) in roll.attendants.iter().enumerate() {
        let served: Vec<ParagraphNumber> = everyone
            .iter()
            .filter(|&&i| roll.serving[i].contains(&a))
            .map(|&i| loaded.numbers[i])
            .collect();
        let what = match (&attendant.member.ersätter, attendant.serves_somewhere()) {
            (Some(replaced), _) if replaced == VACANT => "tjänstgör på vakant plats".to_owned(),
            (Some(replaced), _) => format!("tjänstgör för {replaced}"),
            (None, true) => "tjänstgör".to_owned(),
            (None, false) => "närvarande ersättare".to_owned(),
        };
        let value = match (attendant.serves_somewhere(), served.len() == everyone.len()) {
            (true, false) => format!(
                "{what} {}",
                swedish::paragraph_list(&swedish::ParagraphForm::default(), &served)
            ),
            _ => what,
        };
        let subject = match attendant.listed {
            Listed::Members => "Beslutande",
            Listed::Substitutes => "Ersättare",
        };
        let who = roll.named(&attendant.member.namn, true);
        match attendance
            .iter_mut()
            .find(|(s, w, _)| *s == subject && *w == who)
        {
            Some((_, _, values)) => values.push(value),
            None => attendance.push((subject, who, vec![value])),
        }
    }
    for (subject, who, values) in attendance {
        facts.push(fact(subject, who, values.join("; ")));
    }
    // Those without a seat, group by group, with title and §§.
    for (key, people) in meeting.non_members() {
        let group = crate::model::labels::label(&profile.etiketter, key);
        for person in people {
            let about: Vec<&str> = [person.titel.as_deref(), person.paragrafer.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            facts.push(fact(group, &person.namn, about.join(", ")));
        }
    }
    for (p, part) in derived.parts.iter().enumerate() {
        let subject = format!("Justering {}", p + 1);
        let numbers: Vec<ParagraphNumber> = part.items.iter().map(|&i| loaded.numbers[i]).collect();
        facts.push(fact(
            &subject,
            "paragrafer",
            swedish::paragraph_list(&swedish::ParagraphForm::default(), &numbers),
        ));
        if let Some(date) = part.date {
            facts.push(fact(&subject, "datum", swedish::short_date(date)));
        }
        let approvers: Vec<String> = part
            .approvers
            .iter()
            .map(|a| match &a.ersättare {
                Some(stand_in) => format!("{} med {stand_in} som ersättare", a.namn),
                None => a.namn.clone(),
            })
            .collect();
        facts.push(fact(&subject, "justerare", swedish::join_and(&approvers)));
        if let (Some(posted), Some(last)) = (part.posted, part.appeal_last_day()) {
            facts.push(fact(
                &subject,
                "anslag",
                format!(
                    "{} – {}",
                    swedish::short_date(posted),
                    swedish::short_date(last)
                ),
            ));
        }
    }
    // A point without § is known by its title: it has no number.
    for (_, point) in &meeting.points_without_paragraph {
        let subject = format!(
            "Punkt {}",
            one_line(point.rubrik.as_deref().unwrap_or_default())
        );
        facts.push(fact(&subject, "paragraf", "ingen"));
        if let Some(note) = &point.anmärkning {
            facts.push(fact(&subject, "anmärkning", one_line(note)));
        }
        if point.numrerad == Some(true) {
            facts.push(fact(&subject, "numrerad", "ja"));
        }
    }
    for item in loaded.items() {
        let i = item.item;
        let subject = format!("§ {}", item.number);
        let title = i
            .rubrik
            .clone()
            .or_else(|| item.case.map(|c| c.case.rubrik.clone()))
            .unwrap_or_default();
        facts.push(fact(&subject, "ärende", one_line(&title)));
        if let Some(head) = i.head() {
            facts.push(fact(&subject, "huvudpunkt", one_line(head)));
        }
        if i.numrerad == Some(false) {
            facts.push(fact(&subject, "numrerad", "nej"));
        }
        for (letter, point) in ('a'..='z').zip(&i.delpunkter) {
            let dnr = point
                .dnr
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            facts.push(fact(
                &subject,
                format!("delpunkt {letter}"),
                one_line(&format!("{}{dnr}", point.rubrik)),
            ));
        }
        for preparation in &i.beredning {
            for (k, point) in preparation.förslag.iter().enumerate() {
                facts.push(fact(
                    &subject,
                    format!("{} förslag punkt {}", preparation.organ, k + 1),
                    one_line(point),
                ));
            }
        }
        for (k, point) in facts::decision_printed(&item).iter().enumerate() {
            facts.push(fact(
                &subject,
                format!("beslut punkt {}", k + 1),
                one_line(point),
            ));
        }
        if let Some(chair) = &i.ordförande {
            facts.push(fact(&subject, "ordförande", roll.named(chair, true)));
        }
        if let (Some(vote), Some(counted)) = (&i.omröstning, &derived.votes[item.index]) {
            let outcome = facts::outcome(counted, derived.chairs[item.index].as_deref());
            let winner = match outcome {
                Some(o) if o.yes_wins => vote.ja.as_str(),
                Some(_) => vote.nej.as_str(),
                None => "oavgjort",
            };
            facts.push(fact(
                &subject,
                "omröstning",
                format!(
                    "{} ja, {} nej, {} avstår; beslut enligt {winner}",
                    counted.yes.len(),
                    counted.no.len(),
                    counted.abstain.len()
                ),
            ));
        }
        for reservation in &i.reservationer {
            let who = actors(
                roll,
                reservation.av.as_ref(),
                &reservation.partier,
                &phrasing,
            );
            let kind = if reservation.motivering.is_some() {
                "skriftlig"
            } else {
                "muntlig"
            };
            facts.push(fact(&subject, format!("reservation från {who}"), kind));
        }
        for note in &i.protokollsanteckningar {
            let who = actors(roll, note.av.as_ref(), &note.partier, &phrasing);
            facts.push(fact(
                &subject,
                format!("protokollsanteckning från {who}"),
                one_line(&note.text),
            ));
        }
        if !i.jäv.is_empty() {
            facts.push(fact(&subject, "jäv", swedish::join_and(&i.jäv)));
        }
        if let Some(ground) = &i.lagstöd {
            facts.push(fact(&subject, "lagstöd", one_line(ground)));
        }
        if let Some(appeal) = &i.överklagande {
            let parts: Vec<&str> = [
                Some(appeal.sätt.key()),
                appeal.instans.as_deref(),
                appeal.lagrum.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            facts.push(fact(&subject, "överklagande", one_line(&parts.join(", "))));
        }
        let flags = [
            (i.omedelbar_justering, "omedelbart justerad"),
            (i.sekretess, "sekretess"),
            (i.information, "informationsärende"),
            (i.stängda_dörrar, "stängda dörrar"),
        ];
        for (_, flag) in flags.iter().filter(|(on, _)| *on) {
            facts.push(fact(&subject, *flag, "ja"));
        }
    }
    facts
}

/// The changes from `old` (a file, or a git revision of `new`) to `new`, in domain terms.
pub fn diff(old: &str, new: &Path) -> Result<Vec<String>> {
    let old_source = if Path::new(old).is_file() {
        SourceFile::read(Path::new(old))?
    } else {
        // A revision: the same file as git has it there, read as if it stood where it is.
        let text = crate::git::revision_text(old, new)
            .map_err(|why| crate::error::Problem::in_file(Path::new(old), why))?;
        SourceFile::from_text(new, text)
    };
    Ok(changes(
        &facts(old_source)?,
        &facts(SourceFile::read(new)?)?,
    ))
}

/// What changed between two versions, in domain terms, one change a line. A fact is
/// known by its subject and field, which are unique within a file.
pub fn changes(old: &[Fact], new: &[Fact]) -> Vec<String> {
    let key = |f: &Fact| (f.subject.clone(), f.field.clone());
    let old_values: BTreeMap<_, _> = old.iter().map(|f| (key(f), &f.value)).collect();
    let new_values: BTreeMap<_, _> = new.iter().map(|f| (key(f), &f.value)).collect();
    let subjects = |facts: &[Fact]| -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for f in facts {
            if !seen.contains(&f.subject) {
                seen.push(f.subject.clone());
            }
        }
        seen
    };
    let (old_subjects, new_subjects) = (subjects(old), subjects(new));
    let mut out = Vec::new();
    for subject in new_subjects.iter().filter(|s| !old_subjects.contains(s)) {
        out.push(format!("ny: {subject}"));
    }
    for subject in old_subjects.iter().filter(|s| !new_subjects.contains(s)) {
        out.push(format!("borttagen: {subject}"));
    }
    for f in new.iter().filter(|f| old_subjects.contains(&f.subject)) {
        match old_values.get(&key(f)) {
            Some(before) if *before != &f.value => out.push(if is_prose(&f.field, before) {
                format!("{}: {} omformulerad", f.subject, f.field)
            } else {
                format!("{}: {} {before} → {}", f.subject, f.field, f.value)
            }),
            None => out.push(format!("{}: {} tillagd: {}", f.subject, f.field, f.value)),
            _ => {}
        }
    }
    for f in old
        .iter()
        .filter(|f| new_subjects.contains(&f.subject) && !new_values.contains_key(&key(f)))
    {
        out.push(format!("{}: {} borttagen", f.subject, f.field));
    }
    out
}

/// Text too long to show twice on a line is said to be reworded instead.
fn is_prose(field: &str, value: &str) -> bool {
    field.starts_with("punkt")
        || field.starts_with("beslut punkt")
        || field == "text"
        || value.chars().count() > 60
}

/// A point or title on one line, whatever line breaks the YAML had.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_in_domain_terms() {
        let f = |s: &str, field: &str, v: &str| fact(s, field, v);
        let old = vec![
            f(
                "Förslag till beslut",
                "punkt 3",
                "Socialnämnden beslutar att omedelbart justera ärendet.",
            ),
            f("Tabell 1, ansökan 4", "förslag", "250 000 kr"),
            f("Tabell 1", "beviljat totalt", "2 669 520 kr"),
        ];
        let new = vec![
            f(
                "Förslag till beslut",
                "punkt 3",
                "Paragrafen justeras omedelbart.",
            ),
            f("Tabell 1, ansökan 4", "förslag", "300 000 kr"),
            f("Tabell 1, ansökan 21", "förslag", "25 000 kr"),
            f("Tabell 1", "beviljat totalt", "2 719 520 kr"),
        ];
        assert_eq!(
            changes(&old, &new),
            [
                "ny: Tabell 1, ansökan 21",
                "Förslag till beslut: punkt 3 omformulerad",
                "Tabell 1, ansökan 4: förslag 250 000 kr → 300 000 kr",
                "Tabell 1: beviljat totalt 2 669 520 kr → 2 719 520 kr",
            ]
        );
    }
}
