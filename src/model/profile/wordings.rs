//! The profile's words: the headings every document of the profile shares and the fixed
//! wordings of a protocol (the beslutsgång, the appeal sentences…), each with the
//! placeholders it may use.

use schemars::JsonSchema;
use serde::Deserialize;

/// Section headings that are the same in every document of the profile.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Headings {
    /// Over the proposal in a tjänsteutlåtande.
    #[serde(rename(serialize = "proposal"))]
    pub förslag_till_beslut: String,
    #[serde(rename(serialize = "summary"))]
    pub sammanfattning: String,
    #[serde(rename(serialize = "attachments"))]
    pub bilagor: String,
    /// Over the matter of a § in the protocol.
    #[serde(rename(serialize = "matter"))]
    pub ärendet: String,
    /// Over how the decision was reached.
    #[serde(rename(serialize = "procedure"))]
    pub beslutsgång: String,
    #[serde(rename(serialize = "distribution"))]
    pub expediering: String,
    /// Over the decision of a §: `{organnamns} beslut`, `Beslut`.
    #[serde(rename(serialize = "decision"))]
    pub beslut: String,
    /// Over a §'s reservations, when they have a heading of their own.
    #[serde(rename(serialize = "reservations"))]
    pub reservationer: String,
    /// Over a protokollsanteckning.
    #[serde(rename(serialize = "note"))]
    pub protokollsanteckning: String,
    /// Over who receives the decision, at the end of the förvaltning's document.
    #[serde(rename(serialize = "sent_to"))]
    pub beslutet_sänds_till: String,
    /// Over the fee a decision charges.
    #[serde(rename(serialize = "fee"))]
    pub avgift: String,
    /// Over the notes to the sökande that are not part of the decision.
    #[serde(rename(serialize = "notices"))]
    pub upplysningar: String,
    /// Over the instructions on how to appeal, with an extract to a party.
    #[serde(rename(serialize = "appeal"))]
    pub hur_man_överklagar: String,
}

impl Headings {
    /// Every heading by its key, in the order of the file.
    pub fn entries(&self) -> [(&'static str, &str); 13] {
        [
            ("förslag_till_beslut", &self.förslag_till_beslut),
            ("sammanfattning", &self.sammanfattning),
            ("bilagor", &self.bilagor),
            ("ärendet", &self.ärendet),
            ("beslutsgång", &self.beslutsgång),
            ("expediering", &self.expediering),
            ("beslut", &self.beslut),
            ("reservationer", &self.reservationer),
            ("protokollsanteckning", &self.protokollsanteckning),
            ("beslutet_sänds_till", &self.beslutet_sänds_till),
            ("avgift", &self.avgift),
            ("upplysningar", &self.upplysningar),
            ("hur_man_överklagar", &self.hur_man_överklagar),
        ]
    }

    /// Every heading, to fill in the organ's names.
    pub fn texts_mut(&mut self) -> [&mut String; 13] {
        [
            &mut self.förslag_till_beslut,
            &mut self.sammanfattning,
            &mut self.bilagor,
            &mut self.ärendet,
            &mut self.beslutsgång,
            &mut self.expediering,
            &mut self.beslut,
            &mut self.reservationer,
            &mut self.protokollsanteckning,
            &mut self.beslutet_sänds_till,
            &mut self.avgift,
            &mut self.upplysningar,
            &mut self.hur_man_överklagar,
        ]
    }
}

impl Default for Headings {
    fn default() -> Self {
        Headings {
            förslag_till_beslut: "Förvaltningens förslag till beslut".into(),
            sammanfattning: "Sammanfattning".into(),
            bilagor: "Bilagor".into(),
            ärendet: "Ärendet".into(),
            beslutsgång: "Beslutsgång".into(),
            expediering: "Expediering".into(),
            beslut: "{organnamns} beslut".into(),
            reservationer: "Reservationer".into(),
            protokollsanteckning: "Protokollsanteckning".into(),
            beslutet_sänds_till: "Beslutet sänds till".into(),
            avgift: "Avgift".into(),
            upplysningar: "Upplysningar".into(),
            hur_man_överklagar: "Hur man överklagar".into(),
        }
    }
}

/// The fixed sentences of the meeting's documents. The beslutsgång sentences take values
/// in braces (`{ledamot}`); [`Wordings::PLACEHOLDERS`] lists which each may use.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Wordings {
    /// Certifies an extract, above the secretary's name; a meeting may word it its own way.
    #[serde(rename(serialize = "certification"))]
    pub utdragsbestyrkande: String,
    /// Above the secretary's signature.
    #[serde(rename(serialize = "for_the_minutes"))]
    pub vid_protokollet: String,
    /// The beslutsgång of an item with one proposal, unless the item words its own.
    #[serde(rename(serialize = "procedure"))]
    pub beslutsgång: String,
    /// What the nämnd does with an informationsärende.
    #[serde(rename(serialize = "information"))]
    pub information: String,
    /// Members who declared jäv: `{ledamöter}`.
    #[serde(rename(serialize = "disqualified"))]
    pub jäv: String,
    /// Who spoke in the debate: `{ledamöter}`.
    #[serde(rename(serialize = "debate"))]
    pub överläggning: String,
    /// A proposal made at the meeting: `{ledamot}`, `{yrkande}`.
    #[serde(rename(serialize = "motion"))]
    pub yrkande: String,
    /// The proposals before the nämnd: `{antal}`, `{förslag}`.
    #[serde(rename(serialize = "proposals"))]
    pub förslagen: String,
    /// The chair puts the proposals against each other: `{förslag}` (the one found).
    #[serde(rename(serialize = "putting_the_question"))]
    pub proposition: String,
    /// A vote is asked for; the order of the vote: `{ja}`, `{nej}`.
    #[serde(rename(serialize = "vote_called"))]
    pub votering: String,
    /// The count: `{ja}`, `{nej}` (as "4 ja-röster"), `{avstår}` (", 1 ledamot avstår").
    #[serde(rename(serialize = "vote_result"))]
    pub omröstningsresultat: String,
    /// A tie, decided by the chair's casting vote.
    #[serde(rename(serialize = "casting_vote"))]
    pub utslagsröst: String,
    /// What the nämnd has decided after a vote: `{förslag}`.
    #[serde(rename(serialize = "decided"))]
    pub beslutat: String,
    /// A reservation: `{ledamot}`.
    #[serde(rename(serialize = "reservation"))]
    pub reservation: String,
    /// A reservation with written grounds (printed as a bilaga): `{ledamot}`, `{förmån}`.
    #[serde(rename(serialize = "written_reservation"))]
    pub skriftlig_reservation: String,
    /// Who chairs a § in the chair's place: `{ledamot}`.
    #[serde(rename(serialize = "acting_chair"))]
    pub tjänstgörande_ordförande: String,
    /// A party group acting together: `{partier}` (`(V) och (C)`).
    #[serde(rename(serialize = "group"))]
    pub grupp: String,
    /// The sentence after the matter of a § that names the förvaltning's document:
    /// `{förvaltning}`, `{avdelning}`, `{handling}` ("ett tjänsteutlåtande daterat 6 mars
    /// 2015"), `{datum}`. Empty: left out.
    #[serde(rename(serialize = "reported"))]
    pub redovisat: String,
    /// The line above decision points set out as att-satser: "Kommunfullmäktige beslutar".
    #[serde(rename(serialize = "decides"))]
    pub beslutar: String,
    /// The line above the points of a decision that proposes to another organ
    /// (`förslag_till`): "Kommunstyrelsen föreslår kommunfullmäktige besluta".
    #[serde(rename(serialize = "proposes"))]
    pub föreslår: String,
    /// The anslag on laglighetsprövning: `{medlem}` (`kommunen`), `{paragrafer}`,
    /// `{sista_dag}`.
    #[serde(rename(serialize = "lawfulness"))]
    pub laglighetsprövning: String,
    /// Before the sentence on laglighetsprövning of a gemensam nämnd: who shares it,
    /// `{samverkande}` (`kommunerna Ekby och Norrby`), and its host, `{värdkommun}`.
    /// Empty: left out.
    #[serde(rename(serialize = "joint_committee"))]
    pub gemensam_nämnd: String,
    /// The anslag on §§ appealed by förvaltningsbesvär: `{paragrafer}`.
    #[serde(rename(serialize = "own_route"))]
    pub förvaltningsbesvär: String,
    /// The anslag on §§ that cannot be appealed: `{paragrafer}`.
    #[serde(rename(serialize = "no_appeal"))]
    pub ej_överklagbart: String,
    /// The anslag on §§ whose decision proposes to another organ: `{paragrafer}`,
    /// `{mottagare}` (`regionfullmäktige`).
    #[serde(rename(serialize = "proposal_no_appeal"))]
    pub förslag_till_annat_organ: String,
    /// An extract whose decision proposes to another organ: `{mottagare}`.
    #[serde(rename(serialize = "proposal_note"))]
    pub förslag_i_utdrag: String,
    /// The överklagandehänvisning of an extract to a party of a förvaltningsbesvär
    /// decision: `{instans}`, `{lagrum}`, `{paragraf}`, `{sammanträdesdatum}`.
    #[serde(rename(serialize = "appeal_instructions"))]
    pub överklagandehänvisning: String,
}

impl Default for Wordings {
    fn default() -> Self {
        Wordings {
            utdragsbestyrkande: "Rätt utdraget intygar".into(),
            vid_protokollet: "Vid protokollet".into(),
            beslutsgång: "Ordföranden konstaterar att det finns ett förslag till beslut och det \
                är {förslagsställare}. Ordföranden finner att {organ} beslutar enligt {huvudförslag}."
                .into(),
            information: "{Organ} tar del av informationen.".into(),
            jäv: "{ledamöter} anmäler jäv och deltar inte i handläggningen av ärendet.".into(),
            överläggning: "I överläggningen yttrar sig {ledamöter}.".into(),
            yrkande: "{ledamot} yrkar {yrkande}.".into(),
            förslagen: "Ordföranden konstaterar att det finns {antal} förslag till beslut: {förslag}."
                .into(),
            proposition: "Ordföranden ställer förslagen mot varandra och finner att {organ} \
                beslutar enligt {förslag}."
                .into(),
            votering: "Votering begärs. {Organ} godkänner följande propositionsordning: \
                Ja-röst för {ja}. Nej-röst för {nej}."
                .into(),
            omröstningsresultat: "Omröstningen utfaller med {ja} mot {nej}{avstår}.".into(),
            utslagsröst: "Rösterna är lika och ordföranden använder sin utslagsröst.".into(),
            beslutat: "{Organ} har därmed beslutat enligt {förslag}.".into(),
            reservation: "{ledamot} reserverar sig mot beslutet{förmån}.".into(),
            skriftlig_reservation: "{ledamot} reserverar sig mot beslutet{förmån} med en \
                skriftlig reservation, se bilaga."
                .into(),
            tjänstgörande_ordförande: "{ledamot} är ordförande under paragrafen.".into(),
            grupp: "ledamöterna från {partier}".into(),
            redovisat: "Förvaltningen hade redovisat ärendet i {handling}.".into(),
            beslutar: "{organnamn} beslutar".into(),
            föreslår: "{organnamn} föreslår {mottagare} besluta".into(),
            laglighetsprövning: "Den som är medlem i {medlem} kan överklaga {organs} beslut i \
                {paragrafer} genom laglighetsprövning enligt 13 kap. kommunallagen. \
                Överklagandet ska ha kommit in till förvaltningsrätten senast den {sista_dag}, \
                tre veckor från den dag då justeringen tillkännagavs på anslagstavlan."
                .into(),
            gemensam_nämnd: "{Organ} är en gemensam nämnd för {samverkande} med {värdkommun} \
                som värdkommun."
                .into(),
            förvaltningsbesvär: "Beslut i {paragrafer} överklagas av den som beslutet angår \
                genom förvaltningsbesvär; hur det går till framgår av beslutet, som har \
                skickats till parten."
                .into(),
            ej_överklagbart: "Beslut i {paragrafer} går inte att överklaga.".into(),
            förslag_till_annat_organ: "Beslut i {paragrafer} är förslag till {mottagare} och \
                går inte att överklaga (13 kap. 2 § kommunallagen)."
                .into(),
            förslag_i_utdrag: "Beslutet är ett förslag till {mottagare} och går inte att \
                överklaga (13 kap. 2 § kommunallagen)."
                .into(),
            överklagandehänvisning: "Om du vill överklaga {organnamns} beslut ({paragraf}, \
                {sammanträdesdatum}) ska du skriva till {instans}. Skrivelsen ska dock \
                skickas eller lämnas till {organnamn}, som prövar om den har kommit in i tid \
                och sedan skickar den vidare.\n\nÖverklagandet ska ha kommit in inom tre \
                veckor från den dag då du fick del av beslutet.\n\nI överklagandet ska du \
                tala om vilket beslut du överklagar, hur du vill att beslutet ska ändras och \
                varför. Skriv under med ditt namn och ange din adress och ditt \
                telefonnummer.\n\nRätten att överklaga följer av {lagrum}."
                .into(),
        }
    }
}

impl Wordings {
    /// The values in braces each wording may use; the others take none.
    pub const PLACEHOLDERS: &[(&str, &[&str])] = &[
        (
            "beslutsgång",
            &["förslagsställare", "huvudförslag", "ordföranden"],
        ),
        ("jäv", &["ledamöter"]),
        ("överläggning", &["ledamöter"]),
        ("yrkande", &["ledamot", "yrkande"]),
        ("förslagen", &["antal", "förslag", "ordföranden"]),
        ("proposition", &["förslag", "ordföranden"]),
        ("votering", &["ja", "nej"]),
        ("omröstningsresultat", &["ja", "nej", "avstår"]),
        ("utslagsröst", &["ordföranden"]),
        ("beslutat", &["förslag"]),
        ("reservation", &["ledamot", "förmån"]),
        ("skriftlig_reservation", &["ledamot", "förmån"]),
        ("tjänstgörande_ordförande", &["ledamot"]),
        ("grupp", &["partier"]),
        (
            "redovisat",
            &["förvaltning", "avdelning", "handling", "datum"],
        ),
        ("laglighetsprövning", &["medlem", "paragrafer", "sista_dag"]),
        ("gemensam_nämnd", &["samverkande", "värdkommun"]),
        ("föreslår", &["mottagare"]),
        ("förvaltningsbesvär", &["paragrafer"]),
        ("ej_överklagbart", &["paragrafer"]),
        ("förslag_till_annat_organ", &["paragrafer", "mottagare"]),
        ("förslag_i_utdrag", &["mottagare"]),
        (
            "överklagandehänvisning",
            &["instans", "lagrum", "paragraf", "sammanträdesdatum"],
        ),
    ];

    /// Every wording by its key, in the order of the file.
    pub fn entries(&self) -> [(&'static str, &str); 27] {
        [
            ("utdragsbestyrkande", &self.utdragsbestyrkande),
            ("vid_protokollet", &self.vid_protokollet),
            ("beslutsgång", &self.beslutsgång),
            ("information", &self.information),
            ("jäv", &self.jäv),
            ("överläggning", &self.överläggning),
            ("yrkande", &self.yrkande),
            ("förslagen", &self.förslagen),
            ("proposition", &self.proposition),
            ("votering", &self.votering),
            ("omröstningsresultat", &self.omröstningsresultat),
            ("utslagsröst", &self.utslagsröst),
            ("beslutat", &self.beslutat),
            ("reservation", &self.reservation),
            ("skriftlig_reservation", &self.skriftlig_reservation),
            ("tjänstgörande_ordförande", &self.tjänstgörande_ordförande),
            ("grupp", &self.grupp),
            ("redovisat", &self.redovisat),
            ("beslutar", &self.beslutar),
            ("föreslår", &self.föreslår),
            ("laglighetsprövning", &self.laglighetsprövning),
            ("gemensam_nämnd", &self.gemensam_nämnd),
            ("förvaltningsbesvär", &self.förvaltningsbesvär),
            ("ej_överklagbart", &self.ej_överklagbart),
            ("förslag_till_annat_organ", &self.förslag_till_annat_organ),
            ("förslag_i_utdrag", &self.förslag_i_utdrag),
            ("överklagandehänvisning", &self.överklagandehänvisning),
        ]
    }

    /// Every wording, to fill in the organ's names.
    pub fn texts_mut(&mut self) -> [&mut String; 27] {
        [
            &mut self.utdragsbestyrkande,
            &mut self.vid_protokollet,
            &mut self.beslutsgång,
            &mut self.information,
            &mut self.jäv,
            &mut self.överläggning,
            &mut self.yrkande,
            &mut self.förslagen,
            &mut self.proposition,
            &mut self.votering,
            &mut self.omröstningsresultat,
            &mut self.utslagsröst,
            &mut self.beslutat,
            &mut self.reservation,
            &mut self.skriftlig_reservation,
            &mut self.tjänstgörande_ordförande,
            &mut self.grupp,
            &mut self.redovisat,
            &mut self.beslutar,
            &mut self.föreslår,
            &mut self.laglighetsprövning,
            &mut self.gemensam_nämnd,
            &mut self.förvaltningsbesvär,
            &mut self.ej_överklagbart,
            &mut self.förslag_till_annat_organ,
            &mut self.förslag_i_utdrag,
            &mut self.överklagandehänvisning,
        ]
    }
}

/// A piece of a wording: text as it stands, or the name of a value in braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Value(&'a str),
}

/// `wording` cut at its values: a single word in braces (`{ledamot}`) names a value; any
/// other brace is text.
pub fn pieces(wording: &str) -> Vec<Piece<'_>> {
    let is_name = |n: &&str| !n.is_empty() && n.chars().all(|c| c.is_alphabetic() || c == '_');
    let mut pieces = Vec::new();
    let (mut text_start, mut at) = (0, 0);
    while let Some(open) = wording[at..].find('{').map(|offset| at + offset) {
        let after = &wording[open + 1..];
        match after.find('}').map(|close| &after[..close]).filter(is_name) {
            Some(name) => {
                pieces.push(Piece::Text(&wording[text_start..open]));
                pieces.push(Piece::Value(name));
                at = open + name.len() + 2;
                text_start = at;
            }
            None => at = open + 1,
        }
    }
    pieces.push(Piece::Text(&wording[text_start..]));
    pieces.retain(|piece| *piece != Piece::Text(""));
    pieces
}
