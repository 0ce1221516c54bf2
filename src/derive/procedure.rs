//! The beslutsgång in the language of Swedish protocols, from what happened at the
//! meeting: jäv, yrkanden, propositionsordning, omröstning and reservationer
//! (KL 5 kap. 67 §), naming the organ and the proposals as they are. A beslutsgång
//! written in the YAML replaces the generated one.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::facts::{self, CountedVote, MeetingFacts, Roll};
use crate::model::{LoadedItem, Motion, Names, Piece, Wordings, pieces};
use crate::swedish::{capitalized, join_and, number_in_words_neuter, uncapitalized};

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

/// Who acts together, as one subject: `Bo Ström (M) och ledamöterna från (V) och (C)`.
pub fn actors(
    roll: &Roll,
    names: Option<&Names>,
    parties: &[String],
    phrasing: &Phrasing,
) -> String {
    let mut who: Vec<String> = names
        .map(|n| {
            n.list()
                .into_iter()
                .map(|name| roll.named(name, true))
                .collect()
        })
        .unwrap_or_default();
    if !parties.is_empty() {
        let parties: Vec<String> = parties.iter().map(|p| format!("({p})")).collect();
        let parties = join_and(&parties);
        who.push(phrasing.fill(&phrasing.wordings.grupp, &[("partier", &parties)]));
    }
    join_and(&who)
}

/// `1 ja-röst`, `3 nej-röster`: the label `röst` or `röster` with `{antal}` and `{sida}`.
fn count(phrasing: &Phrasing, n: usize, side: &str) -> String {
    let key = if n == 1 {
        "röst_antal"
    } else {
        "röster_antal"
    };
    phrasing.fill(
        phrasing.label(key),
        &[("antal", &n.to_string()), ("sida", side)],
    )
}

/// How the members voted, each named with their party as the profile writes it.
pub fn vote_view(vote: &CountedVote, roll: &Roll) -> VoteView {
    let mut rows: Vec<VoteRow> = Vec::new();
    for (names, kind) in [(&vote.yes, 0), (&vote.no, 1), (&vote.abstain, 2)] {
        rows.extend(names.iter().map(|name| VoteRow {
            name: roll.named(name, false),
            yes: kind == 0,
            no: kind == 1,
            abstain: kind == 2,
        }));
    }
    VoteView {
        rows,
        yes: vote.yes.len(),
        no: vote.no.len(),
        abstain: vote.abstain.len(),
    }
}

/// The sentences of a meeting in the profile's wording, with the organ's names filled in.
pub struct Phrasing<'a> {
    pub wordings: &'a Wordings,
    /// The profile's labels (`etiketter`), for the fixed phrases inside sentences.
    labels: &'a BTreeMap<String, String>,
    organ: Vec<(&'static str, String)>,
}

impl<'a> Phrasing<'a> {
    pub fn new(
        wordings: &'a Wordings,
        labels: &'a BTreeMap<String, String>,
        facts: &MeetingFacts,
    ) -> Self {
        Phrasing {
            wordings,
            labels,
            organ: facts.organ.values(),
        }
    }

    /// The label `key` as the profile words it.
    pub fn label(&self, key: &'a str) -> &'a str {
        crate::model::labels::label(self.labels, key)
    }

    /// `wording` with `values` and the organ's names filled in, as a sentence (the first
    /// letter in upper case, whatever value it starts with).
    pub fn sentence(&self, wording: &str, values: &[(&str, &str)]) -> String {
        capitalized(&self.fill(wording, values))
    }

    /// `text` (a heading or a phrase) with the organ's names filled in.
    pub fn fill(&self, text: &str, values: &[(&str, &str)]) -> String {
        let organ: Vec<(&str, &str)> = self.organ.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let all: Vec<(&str, &str)> = values.iter().copied().chain(organ).collect();
        fill(text, &all)
    }
}

/// The beslutsgång of a §, as Markdown, and its reservations, one sentence each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    pub text: String,
    pub reservations: Vec<String>,
    /// Something happened beyond the one proposal's adoption: jäv, another chair, yrkanden,
    /// a vote, reservations, or a beslutsgång written by hand.
    pub contested: bool,
}

/// The beslutsgång of the § at `item`, in the profile's wording.
pub fn procedure(facts: &MeetingFacts, item: &LoadedItem, phrasing: &Phrasing) -> Procedure {
    let i = item.item;
    let reservations = reservations(facts, item, phrasing);
    let contested = i.beslutsgång.is_some()
        || !i.jäv.is_empty()
        || i.ordförande.is_some()
        || !i.yttranden.is_empty()
        || !i.yrkanden.is_empty()
        || i.omröstning.is_some()
        || !reservations.is_empty();
    Procedure {
        text: beslutsgång(facts, item, phrasing),
        reservations,
        contested,
    }
}

/// The beslutsgång of the § at `item` without its reservations.
fn beslutsgång(facts: &MeetingFacts, item: &LoadedItem, phrasing: &Phrasing) -> String {
    let i = item.item;
    if let Some(written) = &i.beslutsgång {
        return written.clone();
    }
    let (roll, wordings) = (&facts.roll, phrasing.wordings);
    let say = |wording: &str, values: &[(&str, &str)]| phrasing.sentence(wording, values);
    // `{ordföranden}`: the chair by name where the profile's wording asks for it.
    let presiding = match &facts.chairs[item.index] {
        Some(name) => format!("ordföranden {}", roll.named(name, true)),
        None => "ordföranden".to_owned(),
    };
    let mut sentences: Vec<String> = Vec::new();
    if !i.jäv.is_empty() {
        let names: Vec<String> = i.jäv.iter().map(|n| roll.named(n, true)).collect();
        sentences.push(say(&wordings.jäv, &[("ledamöter", &join_and(&names))]));
    }
    if let Some(chair) = &i.ordförande {
        sentences.push(say(
            &wordings.tjänstgörande_ordförande,
            &[("ledamot", &roll.named(chair, true))],
        ));
    }
    if !i.yttranden.is_empty() {
        let names: Vec<String> = i.yttranden.iter().map(|n| roll.named(n, true)).collect();
        sentences.push(say(
            &wordings.överläggning,
            &[("ledamöter", &join_and(&names))],
        ));
    }
    if i.information {
        sentences.push(say(&wordings.information, &[]));
        return sentences.join(" ");
    }
    let main = facts::main_proposal(item);
    for motion in &i.yrkanden {
        let mut asks = motion.asks(&main.name);
        if !motion.instämmande.is_empty() {
            let with: Vec<String> = motion
                .instämmande
                .iter()
                .map(|n| roll.named(n, true))
                .collect();
            let with = phrasing.fill(
                phrasing.label("med_instämmande"),
                &[("ledamöter", &join_and(&with))],
            );
            asks = format!("{asks} {with}");
        }
        sentences.push(say(
            &wordings.yrkande,
            &[
                ("ledamot", &actors(roll, Some(&motion.av), &[], phrasing)),
                ("yrkande", &asks),
            ],
        ));
    }
    // Support for the main proposal is no proposal of its own.
    let counter: Vec<&Motion> = i.yrkanden.iter().filter(|m| !m.bifall).collect();
    if counter.is_empty() && i.omröstning.is_none() {
        sentences.push(say(
            &wordings.beslutsgång,
            &[
                ("förslagsställare", &main.owner),
                ("huvudförslag", &main.name),
                ("ordföranden", &presiding),
            ],
        ));
    } else {
        let proposals: Vec<String> = std::iter::once(main.name.clone())
            .chain(counter.iter().map(|m| {
                let who = actors(roll, Some(&m.av), &[], phrasing);
                phrasing.fill(phrasing.label("yrkandet_från"), &[("ledamot", &who)])
            }))
            .collect();
        sentences.push(say(
            &wordings.förslagen,
            &[
                ("antal", &number_in_words_neuter(proposals.len())),
                ("förslag", &join_and(&proposals)),
                ("ordföranden", &presiding),
            ],
        ));
        match (&i.omröstning, &facts.votes[item.index]) {
            (Some(vote), Some(counted)) => {
                let chair = facts.chairs[item.index].as_deref();
                sentences.push(say(
                    &wordings.proposition,
                    &[("förslag", &vote.ja), ("ordföranden", &presiding)],
                ));
                sentences.push(say(
                    &wordings.votering,
                    &[("ja", &vote.ja), ("nej", &vote.nej)],
                ));
                let abstain = match counted.abstain.len() {
                    0 => String::new(),
                    n => {
                        let key = if n == 1 {
                            "ledamot_avstår"
                        } else {
                            "ledamöter_avstår"
                        };
                        let text = phrasing.fill(phrasing.label(key), &[("antal", &n.to_string())]);
                        format!(", {text}")
                    }
                };
                sentences.push(say(
                    &wordings.omröstningsresultat,
                    &[
                        ("ja", &count(phrasing, counted.yes.len(), "ja")),
                        ("nej", &count(phrasing, counted.no.len(), "nej")),
                        ("avstår", &abstain),
                    ],
                ));
                // A tie the chair cannot decide is refused by the checks before this.
                if let Some(result) = facts::outcome(counted, chair) {
                    if result.casting_vote {
                        sentences.push(say(&wordings.utslagsröst, &[("ordföranden", &presiding)]));
                    }
                    let winner = if result.yes_wins { &vote.ja } else { &vote.nej };
                    sentences.push(say(&wordings.beslutat, &[("förslag", winner)]));
                }
            }
            _ => sentences.push(say(
                &wordings.proposition,
                &[("förslag", &main.name), ("ordföranden", &presiding)],
            )),
        }
    }
    sentences.join(" ")
}

/// The reservations of the § at `item`, a sentence each.
fn reservations(facts: &MeetingFacts, item: &LoadedItem, phrasing: &Phrasing) -> Vec<String> {
    let wordings = phrasing.wordings;
    item.item
        .reservationer
        .iter()
        .map(|reservation| {
            let wording = match reservation.motivering {
                Some(_) => &wordings.skriftlig_reservation,
                None => &wordings.reservation,
            };
            let favour = reservation
                .till_förmån_för
                .as_ref()
                .map(|f| {
                    let favour = [("förslag", f.trim().trim_end_matches('.'))];
                    format!(
                        " {}",
                        phrasing.fill(phrasing.label("till_förmån_för"), &favour)
                    )
                })
                .unwrap_or_default();
            let who = actors(
                &facts.roll,
                reservation.av.as_ref(),
                &reservation.partier,
                phrasing,
            );
            phrasing.sentence(wording, &[("ledamot", &who), ("förmån", &favour)])
        })
        .collect()
}

/// The organ's full name, which Swedish writes in lower case inside a sentence
/// ("överklaga byggnadsnämndens beslut") and capitalised only where a sentence starts.
const COMMON_NOUNS: &[&str] = &["organnamn", "organnamns"];

/// `template` with each `{name}` replaced by its value, in one pass: a value that itself
/// contains braces is inserted as it is. A name with no value stays as written. The
/// organ's name starts in lower case inside a sentence.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Value(name) => match values.iter().find(|(key, _)| *key == name) {
                Some((_, value)) if COMMON_NOUNS.contains(&name) && inside_sentence(&out) => {
                    out.push_str(&uncapitalized(value));
                }
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&format!("{{{name}}}")),
            },
        }
    }
    out
}

/// Whether text that follows `before` stands inside a sentence, not at its start.
fn inside_sentence(before: &str) -> bool {
    before
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | '\n'))
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
        let organ = [
            ("organnamns", "Byggnadsnämndens"),
            ("organnamn", "Byggnadsnämnden"),
        ];
        assert_eq!(
            fill(
                "{organnamn} beslutar. Du kan överklaga {organnamns} beslut.",
                &organ
            ),
            "Byggnadsnämnden beslutar. Du kan överklaga byggnadsnämndens beslut."
        );
    }
}
