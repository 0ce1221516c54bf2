//! What a meeting may hold by its stage and kind: one in the kallelse stage nothing that
//! only the held meeting makes, a protocol of delegeringsbeslut nothing of a sammanträde,
//! and each refused key reported at its line.

use crate::error::Problem;
use crate::model::{Item, LoadedMeeting, Stage};

/// What a meeting in the kallelse stage cannot have yet: each fact that only the meeting
/// itself makes (who attended, what was proposed and decided, the justering and anslag),
/// refused at its line so that a protocol is never written from a guess.
pub(super) fn not_yet_held(loaded: &LoadedMeeting) -> Vec<Problem> {
    let meeting = &loaded.meeting;
    let meeting_facts = [
        ("beslutande", !meeting.beslutande.is_empty()),
        ("ersättare", !meeting.ersättare.is_empty()),
        ("frånvarande", !meeting.frånvarande.is_empty()),
        ("justerare", !meeting.justerare.is_empty()),
        ("justering", meeting.justering.is_some()),
        ("justeringar", !meeting.justeringar.is_empty()),
        ("anslag", meeting.anslag.is_some()),
    ];
    let meeting_facts = with_non_members(loaded, &meeting_facts);
    let item_facts = |i: &Item| {
        let mut facts = vec![("beslut", i.beslut.is_some())];
        facts.extend(debate(i));
        facts
    };
    refused(loaded, &meeting_facts, item_facts, |key| {
        format!(
            "`{key}` skrivs när sammanträdet är hållet, men sammanträdet är i skedet kallelse (`skede: kallelse`): ta bort `{key}` här, eller ta bort `skede: kallelse` när protokollet skrivs"
        )
    })
}

/// What a §'s debate records, by key and whether the § has it: what neither a meeting in
/// the kallelse stage nor one person's delegeringsbeslut can have.
fn debate(i: &Item) -> Vec<(&'static str, bool)> {
    vec![
        ("yttranden", !i.yttranden.is_empty()),
        ("beslutsgång", i.beslutsgång.is_some()),
        ("ordförande", i.ordförande.is_some()),
        ("yrkanden", !i.yrkanden.is_empty()),
        ("omröstning", i.omröstning.is_some()),
        ("reservationer", !i.reservationer.is_empty()),
        (
            "protokollsanteckningar",
            !i.protokollsanteckningar.is_empty(),
        ),
        ("jäv", !i.jäv.is_empty()),
    ]
}

/// A protocol of delegeringsbeslut (`slag: delegeringsbeslut`) records what one person
/// decided under the organ's delegation (KL 6 kap. 37 §): it names that beslutsfattare, and
/// what only a meeting has (attendance, justerare, debate, votes, a kallelse) is refused at
/// its line. Outside such a protocol its own keys are refused.
pub(super) fn delegation(loaded: &LoadedMeeting) -> Vec<Problem> {
    let (meeting, source) = (&loaded.meeting, &loaded.source);
    if !loaded.delegated() {
        let of_delegation = |key: &str| {
            format!(
                "`{key}` hör till ett protokoll över delegeringsbeslut: ange `slag: delegeringsbeslut`, eller ta bort `{key}`"
            )
        };
        let points = loaded
            .items()
            .filter(|item| item.item.delegeringspunkt.is_some())
            .map(|item| {
                source.problem(
                    &item.field("delegeringspunkt"),
                    of_delegation("delegeringspunkt"),
                )
            });
        return (meeting.beslutsfattare.iter())
            .map(|_| source.problem("beslutsfattare", of_delegation("beslutsfattare")))
            .chain(points)
            .collect();
    }
    let mut problems = Vec::new();
    if meeting.beslutsfattare.is_none() {
        problems.push(source.problem(
            "slag",
            "ett protokoll över delegeringsbeslut behöver `beslutsfattare`: namn och titel på den som beslutade på delegation",
        ));
    }
    if meeting.skede == Stage::Agenda {
        problems.push(source.problem(
            "skede",
            "delegeringsbeslut har ingen kallelse: ta bort `skede: kallelse`",
        ));
    }
    let meeting_facts = [
        ("beslutande", !meeting.beslutande.is_empty()),
        ("ersättare", !meeting.ersättare.is_empty()),
        ("frånvarande", !meeting.frånvarande.is_empty()),
        ("vakanser", !meeting.vakanser.is_empty()),
        ("platser", meeting.platser.is_some()),
        ("ordförande", meeting.ordförande.is_some()),
        ("justerare", !meeting.justerare.is_empty()),
        ("justeringar", !meeting.justeringar.is_empty()),
        (
            "justeringar_i_ett_protokoll",
            meeting.justeringar_i_ett_protokoll.is_some(),
        ),
    ];
    let meeting_facts = with_non_members(loaded, &meeting_facts);
    let item_facts = |i: &Item| {
        let mut facts = debate(i);
        facts.push(("omedelbar_justering", i.omedelbar_justering));
        facts
    };
    problems.extend(refused(loaded, &meeting_facts, item_facts, |key| {
        format!(
            "`{key}` hör till ett sammanträde, men delegeringsbeslut fattas av beslutsfattaren ensam (`slag: delegeringsbeslut`) och justeras av hen ensam: ta bort `{key}`"
        )
    }));
    problems
}

/// `facts` and the groups of those present without a seat (`observatörer`, …,
/// `övriga_närvarande`), by key and whether the meeting has them.
fn with_non_members<'a>(
    loaded: &'a LoadedMeeting,
    facts: &[(&'a str, bool)],
) -> Vec<(&'a str, bool)> {
    let groups = loaded.meeting.non_members();
    let groups = groups
        .into_iter()
        .map(|(key, list)| (key, !list.is_empty()));
    facts.iter().copied().chain(groups).collect()
}

/// An error at each key given among `meeting_facts` (name, given) and, per item, among
/// `item_facts` of it, worded by `message` from the key.
fn refused(
    loaded: &LoadedMeeting,
    meeting_facts: &[(&str, bool)],
    item_facts: impl Fn(&Item) -> Vec<(&'static str, bool)>,
    message: impl Fn(&str) -> String,
) -> Vec<Problem> {
    let mut given: Vec<String> = meeting_facts
        .iter()
        .filter(|(_, given)| *given)
        .map(|(name, _)| (*name).to_owned())
        .collect();
    for item in loaded.items() {
        given.extend(
            item_facts(item.item)
                .into_iter()
                .filter(|(_, given)| *given)
                .map(|(name, _)| item.field(name)),
        );
    }
    given
        .iter()
        .map(|field| {
            let key = field.rsplit('.').next().unwrap_or(field);
            loaded.source.problem(field, message(key))
        })
        .collect()
}
