//! The organ that meets, and the forms every generated sentence names it by: "nämnden",
//! "fullmäktige", "kommunstyrelsen", "arbetsutskottet", never one for another.

#[cfg(doc)]
use crate::model::ORGAN_VALUES;
use crate::model::labels::label;
use crate::model::{Meeting, Organ, OrganKind, Principal, Profile};
use crate::swedish::{capitalized, genitive, join_and, join_or};

/// The organ of a meeting, as its sentences name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganFacts {
    pub kind: OrganKind,
    /// `Kultur- och fritidsnämnden`.
    pub name: String,
    /// The definite short form of running text: `nämnden`, `fullmäktige`.
    pub short: String,
    /// The organ an utskott belongs to.
    pub parent: Option<String>,
    /// A gemensam nämnd's host municipality (`Ekby kommun`) and those that share it, as
    /// a sentence names them (`kommunerna Ekby och Norrby`), when it says both.
    pub joint: Option<Joint>,
    /// Who may appeal by laglighetsprövning (KL 13 kap. 1 §): `kommunen`, `regionen`, or
    /// for a gemensam nämnd `någon av kommunerna Ekby och Norrby`.
    pub appellants: String,
}

impl OrganFacts {
    pub fn of(meeting: &Meeting, profile: &Profile) -> Self {
        Self::named(
            &meeting.nämnd,
            meeting.organ.clone().unwrap_or_default(),
            profile,
        )
    }

    /// The organ called `name`, with what its `organ` block says (a case's nämnd has none:
    /// its kind is the one its name implies), of the body `profile` says.
    pub fn named(name: &str, given: Organ, profile: &Profile) -> Self {
        let principal = profile.huvudman;
        let name = name.trim().to_owned();
        let (kind, short) = infer(&name);
        let kind = given.typ.unwrap_or(kind);
        let short = given
            .kortform
            .clone()
            .unwrap_or_else(|| match (given.typ, kind) {
                // A kind given by hand names the short form of that kind.
                (Some(_), OrganKind::Assembly) => "fullmäktige".to_owned(),
                (Some(_), OrganKind::Board) if short != "styrelsen" => short,
                (Some(_), OrganKind::Board) => "styrelsen".to_owned(),
                (Some(_), OrganKind::Subcommittee) if !short.ends_with("utskottet") => {
                    "utskottet".to_owned()
                }
                (Some(_), OrganKind::Committee | OrganKind::JointCommittee) => "nämnden".to_owned(),
                (Some(_), OrganKind::Preparatory) => "beredningen".to_owned(),
                _ => short,
            });
        // The profile's words for the body whose members may appeal.
        let word = |key: &str, values: &[(&str, &str)]| {
            let text = label(&profile.etiketter, key);
            (values.iter()).fold(text.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
        };
        let (members, partners) = match principal {
            Principal::Region => ("medlem_i_regionen", "samverkande_regioner"),
            _ => ("medlem_i_kommunen", "samverkande_kommuner"),
        };
        let joint = match (kind, given.samverkande.as_slice(), given.värdkommun) {
            (OrganKind::JointCommittee, [_, _, ..], Some(host)) => Some(Joint {
                host,
                partners: word(partners, &[("namn", &join_and(&given.samverkande))]),
            }),
            _ => None,
        };
        let appellants = match &joint {
            // A member of any of a kommunalförbund's members (KL 13 kap. 1 §):
            // "medlem i Ekby kommun, Norrby kommun eller Sjöviks kommun".
            _ if principal == Principal::Federation => join_or(&profile.medlemmar),
            // Of a gemensam nämnd, a member of any of the municipalities that share it.
            Some(joint) => word("medlem_i_någon_av", &[("samverkande", &joint.partners)]),
            None => word(members, &[]),
        };
        OrganFacts {
            kind,
            name,
            short,
            parent: given.moderorgan,
            joint,
            appellants,
        }
    }

    /// The values every wording of a meeting may use ([`ORGAN_VALUES`], in that order).
    pub fn values(&self) -> Vec<(&'static str, String)> {
        vec![
            ("organ", self.short.clone()),
            ("Organ", capitalized(&self.short)),
            ("organs", genitive(&self.short)),
            ("Organs", capitalized(&genitive(&self.short))),
            ("organnamn", self.name.clone()),
            ("organnamns", genitive(&self.name)),
        ]
    }
}

/// The municipalities that share a gemensam nämnd (KL 9 kap. 19 §).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joint {
    /// `Ekby kommun`, in whose organisation the nämnd is.
    pub host: String,
    /// All that share it, the host included: `kommunerna Ekby och Norrby`.
    pub partners: String,
}

/// The kind and short form an organ's name implies: `Kommunfullmäktige` is a fullmäktige
/// (`fullmäktige`), `Kommunstyrelsen` a styrelse (`kommunstyrelsen`), `Kommunstyrelsens
/// arbetsutskott` an utskott (`arbetsutskottet`); any other a nämnd (`nämnden`).
fn infer(name: &str) -> (OrganKind, String) {
    let lower = name.to_lowercase();
    let last = lower
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    let one_word = !lower.contains(char::is_whitespace);
    if last.ends_with("fullmäktige") {
        (OrganKind::Assembly, "fullmäktige".to_owned())
    } else if last.ends_with("styrelsen") || last.ends_with("styrelse") {
        let definite = if last.ends_with('n') {
            last.clone()
        } else {
            format!("{last}n")
        };
        let short = if one_word {
            definite
        } else {
            "styrelsen".to_owned()
        };
        (OrganKind::Board, short)
    } else if last.contains("utskott") {
        let short = if last.ends_with("utskottet") {
            last
        } else {
            format!("{}et", last.trim_end_matches("et"))
        };
        (OrganKind::Subcommittee, short)
    } else if last.contains("beredning") {
        (OrganKind::Preparatory, "beredningen".to_owned())
    } else if lower.starts_with("gemensam") || lower.contains(" gemensam") {
        (OrganKind::JointCommittee, "nämnden".to_owned())
    } else {
        (OrganKind::Committee, "nämnden".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organ(yaml: &str) -> OrganFacts {
        let meeting: Meeting = crate::model::yaml::from_str(&format!(
            "{yaml}\ndatum: 2024-01-01\nsekreterare: {{namn: X}}\nparagrafer: []\n"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        OrganFacts::of(&meeting, &Profile::default())
    }

    #[test]
    fn the_name_tells_the_kind_and_short_form() {
        let kf = organ("nämnd: Kommunfullmäktige");
        assert_eq!(
            (kf.kind, kf.short.as_str()),
            (OrganKind::Assembly, "fullmäktige")
        );
        let ks = organ("nämnd: Kommunstyrelsen");
        assert_eq!(
            (ks.kind, ks.short.as_str()),
            (OrganKind::Board, "kommunstyrelsen")
        );
        let au = organ("nämnd: Kommunstyrelsens arbetsutskott");
        assert_eq!(
            (au.kind, au.short.as_str()),
            (OrganKind::Subcommittee, "arbetsutskottet")
        );
        let sn = organ("nämnd: Socialnämnden");
        assert_eq!(
            (sn.kind, sn.short.as_str()),
            (OrganKind::Committee, "nämnden")
        );
        let values = sn.values();
        assert!(values.contains(&("Organs", "Nämndens".to_owned())));
        assert!(values.contains(&("organnamns", "Socialnämndens".to_owned())));
    }

    #[test]
    fn a_given_kind_and_short_form_win() {
        let joint = organ(
            "nämnd: Överförmyndarnämnden i Ekby och Norrby\norgan: {typ: gemensam_nämnd, värdkommun: Ekby kommun, samverkande: [Ekby, Norrby]}",
        );
        assert_eq!(joint.kind, OrganKind::JointCommittee);
        assert_eq!(joint.short, "nämnden");
        assert_eq!(joint.appellants, "någon av kommunerna Ekby och Norrby");
        let shared = joint
            .joint
            .as_ref()
            .map(|j| (j.host.as_str(), j.partners.as_str()));
        assert_eq!(shared, Some(("Ekby kommun", "kommunerna Ekby och Norrby")));
        let kf = organ("nämnd: Kommunfullmäktige\norgan: {kortform: kommunfullmäktige}");
        assert_eq!(kf.short, "kommunfullmäktige");
        assert_eq!(kf.appellants, "kommunen");
    }
}
