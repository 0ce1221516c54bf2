//! The beslutsgång in the language of Swedish protocols, from what happened at the
//! meeting: jäv, yrkanden, propositionsordning, omröstning and reservationer
//! (KL 5 kap. 67 §). A beslutsgång written in the YAML replaces the generated one.

use serde::Serialize;

use crate::model::{Item, Meeting, Vote};
use crate::model::{Piece, Wordings, pieces};

/// How the members voted, as the protocol records it.
#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub rows: Vec<VoteRow>,
    pub yes: usize,
    pub no: usize,
    pub abstain: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoteRow {
    pub name: String,
    pub yes: bool,
    pub no: bool,
    pub abstain: bool,
}

/// The outcome of a vote: which side won, and whether the chair's casting vote decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub yes_wins: bool,
    pub casting_vote: bool,
}

/// A member as the protocol names them: `Bo Ström (M)`, with the party from `beslutande`.
pub fn label(meeting: &Meeting, name: &str) -> String {
    let party = meeting
        .beslutande
        .iter()
        .chain(&meeting.ersättare)
        .find(|m| m.namn == name)
        .and_then(|m| m.parti.as_ref());
    match party {
        Some(party) => format!("{name} ({party})"),
        None => name.to_owned(),
    }
}

/// `1 ja-röst`, `3 nej-röster`.
fn count(n: usize, side: &str) -> String {
    if n == 1 {
        format!("1 {side}-röst")
    } else {
        format!("{n} {side}-röster")
    }
}

fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// The chair of the meeting: the member with the role ordförande, else `ordförande`.
fn chair(meeting: &Meeting) -> Option<&str> {
    meeting
        .beslutande
        .iter()
        .find(|m| m.roll.as_deref() == Some("ordförande"))
        .map(|m| m.namn.as_str())
        .or(meeting.ordförande.as_ref().map(|p| p.namn.as_str()))
}

/// Ja wins on more votes; on equal votes the chair's vote decides (utslagsröst).
pub fn outcome(meeting: &Meeting, vote: &Vote) -> Outcome {
    let (yes, no) = (vote.röster.ja.len(), vote.röster.nej.len());
    if yes != no {
        return Outcome {
            yes_wins: yes > no,
            casting_vote: false,
        };
    }
    let chair_says_no = chair(meeting).is_some_and(|c| vote.röster.nej.iter().any(|n| n == c));
    Outcome {
        yes_wins: !chair_says_no,
        casting_vote: true,
    }
}

pub fn vote_view(vote: &Vote) -> VoteView {
    let mut rows: Vec<VoteRow> = Vec::new();
    for (names, kind) in [
        (&vote.röster.ja, 0),
        (&vote.röster.nej, 1),
        (&vote.röster.avstår, 2),
    ] {
        rows.extend(names.iter().map(|name| VoteRow {
            name: name.clone(),
            yes: kind == 0,
            no: kind == 1,
            abstain: kind == 2,
        }));
    }
    VoteView {
        rows,
        yes: vote.röster.ja.len(),
        no: vote.röster.nej.len(),
        abstain: vote.röster.avstår.len(),
    }
}

/// The beslutsgång of `item`, as Markdown, in the profile's wording.
pub fn procedure(meeting: &Meeting, item: &Item, wordings: &Wordings) -> String {
    if let Some(written) = &item.beslutsgång {
        return written.clone();
    }
    let mut sentences: Vec<String> = Vec::new();
    if !item.jäv.is_empty() {
        let names: Vec<String> = item.jäv.iter().map(|n| label(meeting, n)).collect();
        sentences.push(fill(&wordings.jäv, &[("ledamöter", &join(&names))]));
    }
    if item.information {
        sentences.push(wordings.information.clone());
        return sentences.join(" ");
    }
    if item.yrkanden.is_empty() && item.omröstning.is_none() {
        sentences.push(wordings.beslutsgång.clone());
    } else {
        for motion in &item.yrkanden {
            sentences.push(fill(
                &wordings.yrkande,
                &[
                    ("ledamot", &label(meeting, &motion.av)),
                    ("yrkande", motion.yrkande.trim_end_matches('.')),
                ],
            ));
        }
        let proposals: Vec<String> = std::iter::once("förvaltningens förslag".to_owned())
            .chain(
                item.yrkanden
                    .iter()
                    .map(|m| format!("yrkandet från {}", label(meeting, &m.av))),
            )
            .collect();
        sentences.push(fill(
            &wordings.förslagen,
            &[
                ("antal", &proposals.len().to_string()),
                ("förslag", &join(&proposals)),
            ],
        ));
        match &item.omröstning {
            None => sentences.push(fill(
                &wordings.proposition,
                &[("förslag", "förvaltningens förslag")],
            )),
            Some(vote) => {
                let result = outcome(meeting, vote);
                sentences.push(fill(&wordings.proposition, &[("förslag", &vote.ja)]));
                sentences.push(fill(
                    &wordings.votering,
                    &[("ja", &vote.ja), ("nej", &vote.nej)],
                ));
                let abstain = match vote.röster.avstår.len() {
                    0 => String::new(),
                    1 => ", 1 ledamot avstår".to_owned(),
                    n => format!(", {n} ledamöter avstår"),
                };
                sentences.push(fill(
                    &wordings.omröstningsresultat,
                    &[
                        ("ja", &count(vote.röster.ja.len(), "ja")),
                        ("nej", &count(vote.röster.nej.len(), "nej")),
                        ("avstår", &abstain),
                    ],
                ));
                if result.casting_vote {
                    sentences.push(wordings.utslagsröst.clone());
                }
                let winner = if result.yes_wins { &vote.ja } else { &vote.nej };
                sentences.push(fill(&wordings.beslutat, &[("förslag", winner)]));
            }
        }
    }
    let mut text = sentences.join(" ");
    for reservation in &item.reservationer {
        let wording = match reservation.motivering {
            Some(_) => &wordings.skriftlig_reservation,
            None => &wordings.reservation,
        };
        text.push_str("\n\n");
        text.push_str(&fill(
            wording,
            &[("ledamot", &label(meeting, &reservation.av))],
        ));
    }
    text
}

/// `template` with each `{name}` replaced by its value, in one pass: a value that itself
/// contains braces is inserted as it is. A name with no value stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    pieces(template)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned(),
            Piece::Value(name) => values
                .iter()
                .find(|(key, _)| *key == name)
                .map_or_else(|| format!("{{{name}}}"), |(_, value)| (*value).to_owned()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_inserts_values_once_and_keeps_unknown_braces() {
        let values = [("ledamot", "{yrkande} (M)"), ("yrkande", "avslag")];
        assert_eq!(
            fill("{ledamot} yrkar {yrkande}. {okänd} {", &values),
            "{yrkande} (M) yrkar avslag. {okänd} {"
        );
    }

    fn meeting(yaml: &str) -> Meeting {
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"))
    }

    const BASE: &str = "nämnd: Kulturnämnden\ndatum: 2024-05-21\nsekreterare: {namn: Per Lind}\n\
        beslutande:\n  - {namn: Anna Ek, parti: S, roll: ordförande}\n  - {namn: Bo Ström, parti: M}\n  \
        - {namn: Eva Berg, parti: V}\n  - {namn: Cia Lund, parti: L}\n";

    #[test]
    fn an_uncontested_item_reads_as_the_standard_text() {
        let m = meeting(&format!("{BASE}paragrafer:\n  - ärende: a.yaml\n"));
        assert_eq!(
            procedure(&m, &m.paragrafer[0], &Wordings::default()),
            Wordings::default().beslutsgång
        );
    }

    #[test]
    fn a_vote_is_counted_and_worded() {
        let m = meeting(&format!(
            "{BASE}paragrafer:\n  - ärende: a.yaml\n    yrkanden: [{{av: Bo Ström, yrkande: att ärendet återremitteras}}]\n    \
             omröstning:\n      ja: förvaltningens förslag\n      nej: Bo Ströms återremissyrkande\n      \
             röster: {{ja: [Anna Ek, Eva Berg], nej: [Bo Ström], avstår: [Cia Lund]}}\n    \
             reservationer: [{{av: Bo Ström, motivering: Skäl.}}]\n"
        ));
        let text = procedure(&m, &m.paragrafer[0], &Wordings::default());
        assert_eq!(
            text,
            "Bo Ström (M) yrkar att ärendet återremitteras. Ordföranden konstaterar att det finns 2 förslag till beslut: \
             förvaltningens förslag och yrkandet från Bo Ström (M). Ordföranden ställer förslagen mot varandra och finner \
             att nämnden beslutar enligt förvaltningens förslag. Votering begärs. Nämnden godkänner följande \
             propositionsordning: Ja-röst för förvaltningens förslag. Nej-röst för Bo Ströms återremissyrkande. \
             Omröstningen utfaller med 2 ja-röster mot 1 nej-röst, 1 ledamot avstår. Nämnden har därmed beslutat \
             enligt förvaltningens förslag.\n\nBo Ström (M) reserverar sig mot beslutet med en skriftlig reservation, se bilaga."
        );
    }

    #[test]
    fn equal_votes_are_decided_by_the_chair() {
        let m = meeting(&format!(
            "{BASE}paragrafer:\n  - ärende: a.yaml\n    omröstning:\n      ja: A\n      nej: B\n      \
             röster: {{ja: [Bo Ström, Eva Berg], nej: [Anna Ek, Cia Lund]}}\n"
        ));
        let vote = m.paragrafer[0]
            .omröstning
            .as_ref()
            .unwrap_or_else(|| unreachable!());
        assert_eq!(
            outcome(&m, vote),
            Outcome {
                yes_wins: false,
                casting_vote: true
            }
        );
        assert!(procedure(&m, &m.paragrafer[0], &Wordings::default()).ends_with("Rösterna är lika och ordföranden använder sin utslagsröst. Nämnden har därmed beslutat enligt B."));
    }
}
