//! The beslutsgång in the language of Swedish protocols, from what happened at the
//! meeting: jäv, yrkanden, propositionsordning, omröstning and reservationer
//! (KL 5 kap. 67 §). A beslutsgång written in the YAML replaces the generated one.

use serde::Serialize;

use crate::model::Wordings;
use crate::model::{Item, Meeting, Vote};

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

/// The beslutsgång of `item`, as Markdown.
pub fn procedure(meeting: &Meeting, item: &Item, wordings: &Wordings) -> String {
    if let Some(written) = &item.beslutsgång {
        return written.clone();
    }
    let mut sentences: Vec<String> = Vec::new();
    if !item.jäv.is_empty() {
        let names: Vec<String> = item.jäv.iter().map(|n| label(meeting, n)).collect();
        sentences.push(format!(
            "{} anmäler jäv och deltar inte i handläggningen av ärendet.",
            join(&names)
        ));
    }
    if item.information {
        sentences.push(wordings.information.clone());
        return sentences.join(" ");
    }
    if item.yrkanden.is_empty() && item.omröstning.is_none() {
        sentences.push(wordings.beslutsgång.clone());
    } else {
        for motion in &item.yrkanden {
            sentences.push(format!(
                "{} yrkar {}.",
                label(meeting, &motion.av),
                motion.yrkande.trim_end_matches('.')
            ));
        }
        let proposals: Vec<String> = std::iter::once("förvaltningens förslag".to_owned())
            .chain(
                item.yrkanden
                    .iter()
                    .map(|m| format!("yrkandet från {}", label(meeting, &m.av))),
            )
            .collect();
        sentences.push(format!(
            "Ordföranden konstaterar att det finns {} förslag till beslut: {}.",
            proposals.len(),
            join(&proposals)
        ));
        match &item.omröstning {
            None => sentences.push(
                "Ordföranden ställer förslagen mot varandra och finner att nämnden beslutar enligt förvaltningens förslag."
                    .to_owned(),
            ),
            Some(vote) => {
                let result = outcome(meeting, vote);
                sentences.push(format!(
                    "Ordföranden ställer förslagen mot varandra och finner att nämnden beslutar enligt {}. Votering begärs.",
                    vote.ja
                ));
                sentences.push(format!(
                    "Nämnden godkänner följande propositionsordning: Ja-röst för {}. Nej-röst för {}.",
                    vote.ja, vote.nej
                ));
                let abstain = match vote.röster.avstår.len() {
                    0 => String::new(),
                    1 => ", 1 ledamot avstår".to_owned(),
                    n => format!(", {n} ledamöter avstår"),
                };
                sentences.push(format!(
                    "Omröstningen utfaller med {} mot {}{abstain}.",
                    count(vote.röster.ja.len(), "ja"),
                    count(vote.röster.nej.len(), "nej")
                ));
                if result.casting_vote {
                    sentences.push("Rösterna är lika och ordföranden använder sin utslagsröst.".to_owned());
                }
                let winner = if result.yes_wins { &vote.ja } else { &vote.nej };
                sentences.push(format!("Nämnden har därmed beslutat enligt {winner}."));
            }
        }
    }
    let mut text = sentences.join(" ");
    for reservation in &item.reservationer {
        let written = if reservation.motivering.is_some() {
            " med en skriftlig reservation, se bilaga"
        } else {
            ""
        };
        text.push_str(&format!(
            "\n\n{} reserverar sig mot beslutet{written}.",
            label(meeting, &reservation.av)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

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
