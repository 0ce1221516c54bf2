//! The house style a profile sets beyond wording: how a § is laid out, how the
//! ANSLAG/BEVIS reads, what the page foot asks to be signed and how the förvaltning's
//! document (tjänsteutlåtande, tjänsteskrivelse) is headed. Every key has a default, the
//! layout of the seeds (Stockholm).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a § of the protocol and its extract is laid out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ParagraphLayout {
    /// How decision points are set out (in the § and in the förvaltning's proposal).
    #[serde(rename(serialize = "points"))]
    pub beslutspunkter: PointStyle,
    /// Whether a decision of one point is numbered like a list of them.
    #[serde(rename(serialize = "single_point"))]
    pub ensam_punkt: SinglePoint,
    /// Over which decisions the lead line ("Nämnden beslutar", "… föreslår
    /// kommunfullmäktige besluta") stands: over att-satser only, or over every decision.
    #[serde(rename(serialize = "lead"))]
    pub inledningsrad: LeadLine,
    /// Whether the Beslutsgång of an uncontested § is printed.
    #[serde(rename(serialize = "procedure"))]
    pub beslutsgång: ProcedureShown,
    /// Whether the decision of a procedural § (no case file) has its heading.
    #[serde(rename(serialize = "decision_heading"))]
    pub beslutsrubrik: DecisionHeading,
    /// Whether reservations stand in the beslutsgång or under a heading of their own.
    #[serde(rename(serialize = "reservations"))]
    pub reservationer: ReservationPlacement,
    /// Between §§ of the protocol: a new page, or a rule or line on the same page.
    #[serde(rename(serialize = "separator"))]
    pub avskiljare: Separator,
    /// The parts of a §, in the order printed; each once.
    #[serde(rename(serialize = "order"))]
    pub ordning: Vec<ParagraphPart>,
}

impl ParagraphLayout {
    /// Whether the lead line ("Nämnden beslutar") stands over a decision's points: always
    /// over att-satser, over the others when the profile says (`inledningsrad: alltid`).
    /// The templates ask the same of `points` and `lead`.
    pub fn lead_shown(&self) -> bool {
        self.beslutspunkter == PointStyle::AttClauses || self.inledningsrad == LeadLine::Always
    }
}

impl Default for ParagraphLayout {
    fn default() -> Self {
        ParagraphLayout {
            beslutspunkter: PointStyle::Numbered,
            ensam_punkt: SinglePoint::Numbered,
            inledningsrad: LeadLine::AttClauses,
            beslutsgång: ProcedureShown::Always,
            beslutsrubrik: DecisionHeading::Always,
            reservationer: ReservationPlacement::InProcedure,
            avskiljare: Separator::NewPage,
            ordning: ParagraphPart::ALL.to_vec(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum PointStyle {
    /// `1.`, `2.`, …
    #[serde(rename = "numrerade")]
    Numbered,
    /// `•`
    #[serde(rename = "punktlista")]
    Bullets,
    /// Unnumbered: each point a paragraph of its own.
    #[serde(rename = "stycken")]
    Paragraphs,
    /// "Kommunfullmäktige beslutar" and then each point after `att`.
    #[serde(rename = "att-satser")]
    AttClauses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum SinglePoint {
    #[serde(rename = "numrerad")]
    Numbered,
    #[serde(rename = "onumrerad")]
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum LeadLine {
    /// Over att-satser, which cannot stand without it.
    #[serde(rename = "vid_att-satser")]
    AttClauses,
    /// Over every decision, whatever its points' form.
    #[serde(rename = "alltid")]
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ProcedureShown {
    #[serde(rename = "alltid")]
    Always,
    /// Only where something happened: yrkanden, a vote, jäv, reservations, another chair.
    #[serde(rename = "vid_yrkanden")]
    WhenContested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum DecisionHeading {
    #[serde(rename = "alltid")]
    Always,
    /// Only over the decision of a § that has a case file: a procedural § (Val av
    /// justerare, Godkännande av dagordningen) is a paragraph of prose, as many houses
    /// write it.
    #[serde(rename = "bara_ärenden")]
    CasesOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ReservationPlacement {
    #[serde(rename = "i_beslutsgången")]
    InProcedure,
    #[serde(rename = "egen_rubrik")]
    OwnHeading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Separator {
    #[serde(rename = "ny_sida")]
    NewPage,
    #[serde(rename = "linje")]
    Rule,
    /// `_____`, as a typewriter protocol.
    #[serde(rename = "understreck")]
    Underscores,
}

/// A part of a § as the protocol prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ParagraphPart {
    #[serde(rename = "beslut")]
    Decision,
    #[serde(rename = "ärendet")]
    Matter,
    #[serde(rename = "beredning")]
    Preparation,
    #[serde(rename = "beslutsgång")]
    Procedure,
    #[serde(rename = "reservationer")]
    Reservations,
    #[serde(rename = "protokollsanteckningar")]
    Notes,
    #[serde(rename = "expediering")]
    Distribution,
    #[serde(rename = "upplysningar")]
    Notices,
}

impl ParagraphPart {
    /// Every part, in the seeds' order.
    pub const ALL: [ParagraphPart; 8] = [
        ParagraphPart::Decision,
        ParagraphPart::Matter,
        ParagraphPart::Preparation,
        ParagraphPart::Procedure,
        ParagraphPart::Notes,
        ParagraphPart::Notices,
        ParagraphPart::Distribution,
        ParagraphPart::Reservations,
    ];

    /// The parts the law asks a protocol to record (KL 5 kap. 67 §): a profile's order
    /// must name them; the others it leaves out follow at the end.
    pub const REQUIRED: [ParagraphPart; 3] = [
        ParagraphPart::Decision,
        ParagraphPart::Procedure,
        ParagraphPart::Reservations,
    ];

    /// `order` with each part once and every part there: what it leaves out follows in
    /// the seeds' order.
    pub fn complete(order: &[ParagraphPart]) -> Vec<ParagraphPart> {
        let mut parts: Vec<ParagraphPart> = Vec::new();
        for part in order.iter().chain(&Self::ALL) {
            if !parts.contains(part) {
                parts.push(*part);
            }
        }
        parts
    }

    pub fn key(self) -> &'static str {
        match self {
            ParagraphPart::Decision => "beslut",
            ParagraphPart::Matter => "ärendet",
            ParagraphPart::Preparation => "beredning",
            ParagraphPart::Procedure => "beslutsgång",
            ParagraphPart::Reservations => "reservationer",
            ParagraphPart::Notes => "protokollsanteckningar",
            ParagraphPart::Distribution => "expediering",
            ParagraphPart::Notices => "upplysningar",
        }
    }
}

/// The ANSLAG/BEVIS of a protocol's first page and the anslag itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct NoticeLayout {
    /// A framed box of labelled facts, or running text.
    #[serde(rename(serialize = "form"))]
    pub form: NoticeForm,
    /// The box's title.
    #[serde(rename(serialize = "title"))]
    pub rubrik: String,
    /// The sentence that opens it.
    #[serde(rename(serialize = "lead"))]
    pub inledning: String,
    /// One line "Tid för anslag: 12 april – 4 maj 2023" instead of two dates.
    #[serde(rename(serialize = "period"))]
    pub tid_som_period: bool,
    /// A field for the certification of extracts in the box.
    #[serde(rename(serialize = "certification_field"))]
    pub utdragsbestyrkande: bool,
    /// The labels of the facts.
    #[serde(rename(serialize = "labels"))]
    pub etiketter: NoticeLabels,
    /// The day the anslag comes down: the last day to appeal, or the day after it.
    #[serde(rename(serialize = "taken_down"))]
    pub nedtagning: TakenDown,
    /// The days posted and taken down in the protocol's ANSLAG/BEVIS: printed, or left
    /// blank for an organ that posts the anslag and signs the bevis by hand.
    #[serde(rename(serialize = "dates"))]
    pub datum: PostingDates,
    /// The rows of the protocol's ANSLAG/BEVIS box, in order; empty: organ, meeting date,
    /// posted, taken down (or the period) and storage place.
    #[serde(rename(serialize = "rows"))]
    pub rader: Vec<NoticeRow>,
    /// The running text of `form: text`, with `{organ}`, `{sammanträdesdatum}`,
    /// `{paragrafer}`, `{justerat}`, `{uppsatt}`, `{nedtaget}`, `{förvaringsplats}`.
    #[serde(rename(serialize = "text"))]
    pub text: String,
    /// The same for a protocol of delegeringsbeslut (`slag: delegeringsbeslut`), which no
    /// sammanträde made; the same values, `{sammanträdesdatum}` the day of the decisions.
    #[serde(rename(serialize = "text_delegation"))]
    pub text_delegeringsbeslut: String,
}

impl Default for NoticeLayout {
    fn default() -> Self {
        NoticeLayout {
            form: NoticeForm::Box,
            rubrik: "ANSLAG/BEVIS".into(),
            inledning: "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."
                .into(),
            tid_som_period: false,
            utdragsbestyrkande: false,
            etiketter: NoticeLabels::default(),
            nedtagning: TakenDown::LastDay,
            datum: PostingDates::Printed,
            rader: Vec::new(),
            text: "Justeringen av {organs} protokoll från sammanträdet {sammanträdesdatum}, \
                {paragrafer}, har tillkännagivits genom anslag {uppsatt}. Anslaget tas ned \
                {nedtaget}. Protokollet förvaras på {förvaringsplats}."
                .into(),
            text_delegeringsbeslut: "Justeringen av protokollet över delegeringsbeslut \
                {sammanträdesdatum} på {organs} vägnar, {paragrafer}, har tillkännagivits genom \
                anslag {uppsatt}. Anslaget tas ned {nedtaget}. Protokollet förvaras på \
                {förvaringsplats}."
                .into(),
        }
    }
}

/// A row of the protocol's ANSLAG/BEVIS box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum NoticeRow {
    #[serde(rename = "organ")]
    Organ,
    #[serde(rename = "sammanträdesdatum")]
    MeetingDate,
    #[serde(rename = "paragrafer")]
    Paragraphs,
    #[serde(rename = "justering")]
    Adjusted,
    /// The day posted; with `tid_som_period` the period.
    #[serde(rename = "uppsatt")]
    Posted,
    /// The day taken down; none with `tid_som_period`.
    #[serde(rename = "nedtaget")]
    TakenDown,
    #[serde(rename = "förvaringsplats")]
    Storage,
}

impl NoticeRow {
    /// The rows the law asks of the bevis (KL 8 kap. 12 §): when it was posted and where
    /// the protocol is kept.
    pub const REQUIRED: [NoticeRow; 2] = [NoticeRow::Posted, NoticeRow::Storage];

    pub fn key(self) -> &'static str {
        match self {
            NoticeRow::Organ => "organ",
            NoticeRow::MeetingDate => "sammanträdesdatum",
            NoticeRow::Paragraphs => "paragrafer",
            NoticeRow::Adjusted => "justering",
            NoticeRow::Posted => "uppsatt",
            NoticeRow::TakenDown => "nedtaget",
            NoticeRow::Storage => "förvaringsplats",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum TakenDown {
    #[serde(rename = "sista_dagen")]
    LastDay,
    #[serde(rename = "dagen_efter")]
    DayAfter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum PostingDates {
    #[serde(rename = "ifyllda")]
    Printed,
    #[serde(rename = "tomma")]
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum NoticeForm {
    #[serde(rename = "ruta")]
    Box,
    #[serde(rename = "text")]
    Text,
}

/// The labels of the ANSLAG/BEVIS and the anslag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct NoticeLabels {
    #[serde(rename(serialize = "organ"))]
    pub organ: String,
    #[serde(rename(serialize = "meeting_date"))]
    pub sammanträdesdatum: String,
    #[serde(rename(serialize = "paragraphs"))]
    pub paragrafer: String,
    #[serde(rename(serialize = "adjusted"))]
    pub justering: String,
    #[serde(rename(serialize = "posted"))]
    pub uppsatt: String,
    #[serde(rename(serialize = "taken_down"))]
    pub nedtaget: String,
    /// The one line of `tid_som_period`.
    #[serde(rename(serialize = "period"))]
    pub period: String,
    #[serde(rename(serialize = "storage"))]
    pub förvaringsplats: String,
    #[serde(rename(serialize = "appeal"))]
    pub sista_dag: String,
    #[serde(rename(serialize = "signature"))]
    pub underskrift: String,
    #[serde(rename(serialize = "certification"))]
    pub utdragsbestyrkande: String,
}

impl Default for NoticeLabels {
    fn default() -> Self {
        NoticeLabels {
            organ: "Organ".into(),
            sammanträdesdatum: "Sammanträdesdatum".into(),
            paragrafer: "Paragrafer".into(),
            justering: "Datum för justering".into(),
            uppsatt: "Datum då anslaget sätts upp".into(),
            nedtaget: "Datum då anslaget tas ned".into(),
            period: "Tid för anslag".into(),
            förvaringsplats: "Förvaringsplats för protokollet".into(),
            sista_dag: "Sista dag för överklagande".into(),
            underskrift: "Underskrift".into(),
            utdragsbestyrkande: "Utdragsbestyrkande".into(),
        }
    }
}

impl NoticeLabels {
    /// Every label by its key, in the order of the file.
    pub fn entries(&self) -> [(&'static str, &str); 11] {
        [
            ("organ", &self.organ),
            ("sammanträdesdatum", &self.sammanträdesdatum),
            ("paragrafer", &self.paragrafer),
            ("justering", &self.justering),
            ("uppsatt", &self.uppsatt),
            ("nedtaget", &self.nedtaget),
            ("period", &self.period),
            ("förvaringsplats", &self.förvaringsplats),
            ("sista_dag", &self.sista_dag),
            ("underskrift", &self.underskrift),
            ("utdragsbestyrkande", &self.utdragsbestyrkande),
        ]
    }
}

/// The boxes at the foot of every protocol page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct FooterLabels {
    /// Where the justerare initial each page; left out when a part has no justerare.
    #[serde(rename(serialize = "adjusters"))]
    pub justerandes_sign: String,
    /// Where an extract's page is certified.
    #[serde(rename(serialize = "certification"))]
    pub utdragsbestyrkande: String,
}

impl Default for FooterLabels {
    fn default() -> Self {
        FooterLabels {
            justerandes_sign: "Justerandes sign".into(),
            utdragsbestyrkande: "Utdragsbestyrkande".into(),
        }
    }
}

/// How the signatures of the protocol's first page, the extract's certification and the
/// ANSLAG/BEVIS stand: side by side or under each other, on a line or not. Either way each
/// has 15 mm to sign in above its line (or name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SignatureLayout {
    #[serde(rename(serialize = "arrangement"))]
    pub uppställning: SignatureArrangement,
    /// Whether a line stands under the room to sign, with the name under it.
    #[serde(rename(serialize = "lines"))]
    pub linjer: bool,
}

impl Default for SignatureLayout {
    fn default() -> Self {
        SignatureLayout {
            uppställning: SignatureArrangement::SideBySide,
            linjer: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum SignatureArrangement {
    /// Three to a row (an ANSLAG/BEVIS written as text: two).
    #[serde(rename = "bredvid")]
    SideBySide,
    /// One under the other.
    #[serde(rename = "under")]
    Stacked,
}

impl SignatureArrangement {
    pub fn key(self) -> &'static str {
        match self {
            SignatureArrangement::SideBySide => "bredvid",
            SignatureArrangement::Stacked => "under",
        }
    }
}

/// How the förvaltning's document on a case is headed and signed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct StatementLayout {
    /// The kind of document: `Tjänsteutlåtande`, `Tjänsteskrivelse`, `Förvaltningens yttrande`.
    #[serde(rename(serialize = "kind"))]
    pub handlingstyp: String,
    /// Where the signatures stand: under the proposal, or at the end.
    #[serde(rename(serialize = "signatures"))]
    pub underskrifter: SignaturePlacement,
    /// Whether the letterhead names the addressee ("Till"); a house whose statements go to
    /// no one in particular leaves the row out, and the meeting's date stands alone.
    #[serde(rename(serialize = "addressee_shown"))]
    pub mottagarrad: bool,
    /// Sections every case must have (e.g. `Barnkonsekvensanalys`); `check` warns when
    /// one is missing.
    #[serde(rename(serialize = "required_sections"))]
    pub obligatoriska_avsnitt: Vec<String>,
    #[serde(rename(serialize = "labels"))]
    pub etiketter: StatementLabels,
    /// The order of the document's parts (`förslag_till_beslut`, `sammanfattning`,
    /// `avsnitt`, a section's heading, `avgift`, `upplysningar`, `underskrifter`,
    /// `bilagor`, `expediering`); empty: the seeds' order.
    #[serde(rename(serialize = "order"))]
    pub ordning: Vec<String>,
}

impl Default for StatementLayout {
    fn default() -> Self {
        StatementLayout {
            handlingstyp: "Tjänsteutlåtande".into(),
            underskrifter: SignaturePlacement::AfterProposal,
            mottagarrad: true,
            obligatoriska_avsnitt: Vec::new(),
            etiketter: StatementLabels::default(),
            ordning: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum SignaturePlacement {
    #[serde(rename = "efter_förslaget")]
    AfterProposal,
    #[serde(rename = "sist")]
    AtEnd,
}

/// The labels of the letterhead of the förvaltning's document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct StatementLabels {
    /// Before the dnr: `Dnr`, `Vår beteckning`.
    #[serde(rename(serialize = "dnr"))]
    pub dnr: String,
    /// Before the addressee's own reference.
    #[serde(rename(serialize = "their_reference"))]
    pub er_beteckning: String,
    #[serde(rename(serialize = "officer"))]
    pub handläggare: String,
    #[serde(rename(serialize = "addressee"))]
    pub till: String,
    #[serde(rename(serialize = "phone"))]
    pub telefon: String,
    #[serde(rename(serialize = "email", deserialize = "e-post"))]
    pub e_post: String,
}

impl Default for StatementLabels {
    fn default() -> Self {
        StatementLabels {
            dnr: "Dnr".into(),
            er_beteckning: "Er beteckning".into(),
            handläggare: "Handläggare".into(),
            till: "Till".into(),
            telefon: "Telefon".into(),
            e_post: "E-post".into(),
        }
    }
}

/// The ärendeförteckning: the list of a meeting's §§ (§, rubrik, dnr, the columns the
/// profile adds and, in the protocol, the page where each § starts). The kallelse always
/// has it; the protocol where `placering` says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ItemListLayout {
    /// Where the protocol carries the list.
    #[serde(rename(serialize = "placement"))]
    pub placering: ItemListPlacement,
    /// Its heading in the protocol.
    #[serde(rename(serialize = "heading"))]
    pub rubrik: String,
    /// Whether the protocol's list gives the page each § starts on.
    #[serde(rename(serialize = "pages"))]
    pub sidnummer: bool,
    /// Whether the list has a column for the dnr.
    #[serde(rename(serialize = "dnr"))]
    pub dnr: bool,
    /// Where the list numbers the items by their place on the agenda (1, 2, 3 …) apart
    /// from their §§.
    #[serde(rename(serialize = "agenda_numbers"))]
    pub punktnummer: AgendaNumbers,
    /// Columns after § , ärende and dnr, each with its heading and the field it shows.
    #[serde(rename(serialize = "columns"))]
    pub kolumner: Vec<ItemListColumn>,
    /// The headings of the list's own columns.
    #[serde(rename(serialize = "labels"))]
    pub etiketter: ItemListLabels,
    /// Whether the kallelse, after its list, gives each ärende's summary and proposed
    /// decision, as a föredragningslista with proposals does.
    #[serde(rename(serialize = "agenda_proposals"))]
    pub förslag_i_kallelsen: bool,
}

impl Default for ItemListLayout {
    fn default() -> Self {
        ItemListLayout {
            placering: ItemListPlacement::None,
            rubrik: "Ärendeförteckning".into(),
            sidnummer: true,
            dnr: true,
            punktnummer: AgendaNumbers::None,
            kolumner: vec![ItemListColumn {
                rubrik: "Handläggare".into(),
                fält: ItemListColumn::OFFICER.into(),
            }],
            etiketter: ItemListLabels::default(),
            förslag_i_kallelsen: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ItemListPlacement {
    /// Only the kallelse lists the §§.
    #[serde(rename = "ingen")]
    None,
    /// On the protocol's first page, between its facts and the signatures.
    #[serde(rename = "försättsbladet")]
    Cover,
    /// On a page of its own after the first.
    #[serde(rename = "efter_försättsbladet")]
    AfterCover,
    /// On the protocol's first page, a page of its own before the cover's.
    #[serde(rename = "före_försättsbladet")]
    BeforeCover,
}

/// Where the ärendeförteckning numbers the items by their place on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum AgendaNumbers {
    /// Nowhere: the §§ number them.
    #[serde(rename = "inga")]
    None,
    /// The kallelse numbers its points 1, 2, 3 … in place of the §§.
    #[serde(rename = "kallelsen")]
    Agenda,
    /// The kallelse as with `kallelsen`; the protocol's list gives the point before the §.
    #[serde(rename = "kallelsen_och_protokollet")]
    AgendaAndProtocol,
}

/// A column of the ärendeförteckning: its heading and what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemListColumn {
    #[serde(rename(serialize = "heading"))]
    pub rubrik: String,
    /// `handläggare`, `förvaltning`, `avdelning` (of the case), or `uppgifter.NAMN`: a
    /// fact the § or its case gives under `uppgifter` (the § first).
    #[serde(rename(serialize = "field"))]
    pub fält: String,
}

impl ItemListColumn {
    pub const OFFICER: &str = "handläggare";
    pub const ADMINISTRATION: &str = "förvaltning";
    pub const DEPARTMENT: &str = "avdelning";
    /// The prefix of a fact from `uppgifter`.
    pub const FACT_PREFIX: &str = "uppgifter.";

    /// Whether `fält` names something a § can show.
    pub fn is_known(&self) -> bool {
        [Self::OFFICER, Self::ADMINISTRATION, Self::DEPARTMENT].contains(&self.fält.as_str())
            || self
                .fält
                .strip_prefix(Self::FACT_PREFIX)
                .is_some_and(|name| !name.trim().is_empty())
    }
}

/// The headings of the ärendeförteckning's own columns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ItemListLabels {
    #[serde(rename(serialize = "paragraph"))]
    pub paragraf: String,
    #[serde(rename(serialize = "matter"))]
    pub ärende: String,
    #[serde(rename(serialize = "dnr"))]
    pub dnr: String,
    #[serde(rename(serialize = "page"))]
    pub sida: String,
    /// Over the agenda numbers (`punktnummer`).
    #[serde(rename(serialize = "point"))]
    pub punkt: String,
}

impl Default for ItemListLabels {
    fn default() -> Self {
        ItemListLabels {
            paragraf: "Paragraf".into(),
            ärende: "Ärende".into(),
            dnr: "Dnr".into(),
            sida: "Sida".into(),
            punkt: "Punkt".into(),
        }
    }
}

/// The protocol's first page: its blocks from the top, a pair of them side by side in two
/// columns. The default is the seeds' first page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CoverLayout {
    /// Each block once; `plats_och_tid`, `närvaro`, `justering`, `underskrifter` and
    /// `anslag` must be there, and `ärendeförteckning` where the list stands on the first
    /// page. A pair `[närvaro, justering]` stands in two columns.
    #[serde(rename(serialize = "blocks"))]
    pub block: Vec<CoverRow>,
}

impl Default for CoverLayout {
    fn default() -> Self {
        CoverLayout {
            block: CoverBlock::ALL.map(CoverRow::One).to_vec(),
        }
    }
}

impl CoverLayout {
    /// Whether the blocks stand as the seeds' do: the templates then write the first page
    /// as they always have.
    pub fn is_default(&self) -> bool {
        *self == CoverLayout::default()
    }

    /// The rows as the templates see them: each the ids of its one or two blocks, or none
    /// when they stand as the seeds' do.
    pub fn rows(&self) -> Option<Vec<Vec<&'static str>>> {
        let rows = self.block.iter().map(|row| match row {
            CoverRow::One(block) => vec![block.id()],
            CoverRow::Pair(left, right) => vec![left.id(), right.id()],
        });
        (!self.is_default()).then(|| rows.collect())
    }

    /// Every block, row after row.
    pub fn blocks(&self) -> impl Iterator<Item = CoverBlock> + '_ {
        self.block.iter().flat_map(|row| match row {
            CoverRow::One(block) => vec![*block],
            CoverRow::Pair(left, right) => vec![*left, *right],
        })
    }
}

/// A row of the first page: one block across it, or two side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[schemars(untagged)]
pub enum CoverRow {
    One(CoverBlock),
    Pair(CoverBlock, CoverBlock),
}

/// A row is written as a block's name, or a list of two names, as the profile writes it.
impl Serialize for CoverRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CoverRow::One(block) => block.key().serialize(serializer),
            CoverRow::Pair(left, right) => [left.key(), right.key()].serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for CoverRow {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> serde::de::Visitor<'de> for RowVisitor {
            type Value = CoverRow;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("ett block, eller en lista av två block sida vid sida")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<CoverRow, E> {
                use serde::de::IntoDeserializer;
                CoverBlock::deserialize(name.into_deserializer()).map(CoverRow::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CoverRow, A::Error> {
                use serde::de::Error;
                let two = "två block sida vid sida";
                let left = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(0, &two))?;
                let right = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &two))?;
                if seq.next_element::<CoverBlock>()?.is_some() {
                    return Err(A::Error::invalid_length(3, &two));
                }
                Ok(CoverRow::Pair(left, right))
            }
        }
        deserializer.deserialize_any(RowVisitor)
    }
}

/// A block of the protocol's first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum CoverBlock {
    /// Where and when (and of delegeringsbeslut, who decided on whose behalf).
    #[serde(rename = "plats_och_tid")]
    PlaceAndTime,
    /// Beslutande, ersättare, frånvarande and the others present, or where they stand.
    #[serde(rename = "närvaro")]
    Attendance,
    /// Who justerar, and when and where.
    #[serde(rename = "justering")]
    Adjustment,
    /// The §§ of the protocol.
    #[serde(rename = "paragrafer")]
    Paragraphs,
    /// The ärendeförteckning, where `ärendeförteckning.placering` is `försättsbladet`.
    #[serde(rename = "ärendeförteckning")]
    ItemList,
    /// The secretary's, the ordförande's and the justerare's.
    #[serde(rename = "underskrifter")]
    Signatures,
    /// The ANSLAG/BEVIS.
    #[serde(rename = "anslag")]
    Notice,
}

impl CoverBlock {
    /// Every block, in the seeds' order.
    pub const ALL: [CoverBlock; 7] = [
        CoverBlock::PlaceAndTime,
        CoverBlock::Attendance,
        CoverBlock::Adjustment,
        CoverBlock::Paragraphs,
        CoverBlock::ItemList,
        CoverBlock::Signatures,
        CoverBlock::Notice,
    ];

    /// What every first page shows: the meeting, who attended (or where the list is), the
    /// justering with its signatures and the ANSLAG/BEVIS (KL 5 kap. 67 §, 8 kap. 12 §).
    pub const REQUIRED: [CoverBlock; 5] = [
        CoverBlock::PlaceAndTime,
        CoverBlock::Attendance,
        CoverBlock::Adjustment,
        CoverBlock::Signatures,
        CoverBlock::Notice,
    ];

    /// Whether the block may stand in a column beside another: not the wide ones.
    pub fn in_column(self) -> bool {
        !matches!(self, CoverBlock::ItemList | CoverBlock::Notice)
    }

    /// The block's name in the templates, which print no Swedish word of their own.
    pub fn id(self) -> &'static str {
        match self {
            CoverBlock::PlaceAndTime => "place-and-time",
            CoverBlock::Attendance => "attendance",
            CoverBlock::Adjustment => "adjustment",
            CoverBlock::Paragraphs => "paragraphs",
            CoverBlock::ItemList => "item-list",
            CoverBlock::Signatures => "signatures",
            CoverBlock::Notice => "notice",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            CoverBlock::PlaceAndTime => "plats_och_tid",
            CoverBlock::Attendance => "närvaro",
            CoverBlock::Adjustment => "justering",
            CoverBlock::Paragraphs => "paragrafer",
            CoverBlock::ItemList => "ärendeförteckning",
            CoverBlock::Signatures => "underskrifter",
            CoverBlock::Notice => "anslag",
        }
    }
}
