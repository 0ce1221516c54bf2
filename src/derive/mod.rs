//! Stage 4: what the documents say that nobody typed: the decision as worded in the
//! protocol, the beslutsgång, Swedish dates and amounts, the figures prose cites. The
//! result is one view per document, ready for a template: the tjänsteutlåtande in
//! [`statement`], a meeting's documents in [`meeting`] (each § in [`item`], who attended
//! in [`roll`], the beslutsgång in [`procedure`] and the anslag in [`notice`]).

mod agenda;
mod attached;
mod item;
mod meeting;
mod notice;
mod packet;
pub mod procedure;
mod prose;
mod roll;
mod statement;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::facts::OrganFacts;
use crate::model::labels;
use crate::model::{
    FooterLabels, HeaderLayout, Headings, ItemListLayout, LOGO_HEIGHT_MM, LoadedProfile, Margins,
    NoticeLayout, ParagraphLayout, ParagraphNumber, Person, SignatureLayout, SourceFile,
    StatementLayout, Typefaces, Wordings,
};
pub use attached::{AttachedFileView, AttachedPage, attach_files};
pub use item::ItemView;
pub use meeting::{
    AdjustmentView, ExtractView, MeetingView, ProtocolView, meeting_documents, personal_data,
};
pub use notice::{NoticeDates, NoticeView};
pub use packet::{PacketPart, PacketView};
pub use roll::{MemberView, RollTable};
pub use statement::{StatementView, statement};

// ---------------------------------------------------------------------------------------
// Views: what the templates see. Prose fields are Markdown with their expressions
// expanded; the render stage turns them into Typst.

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub title: Option<String>,
    /// The name with the party the organ's roll gives, in the profile's style, where a
    /// document names it so (who signs a protocol digitally).
    pub named: String,
}

impl From<&Person> for PersonView {
    fn from(person: &Person) -> Self {
        PersonView {
            name: person.namn.clone(),
            title: person.titel.clone(),
            named: person.namn.clone(),
        }
    }
}

/// A date as numbers, for Typst's `datetime` (the PDF's document date).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl From<NaiveDate> for DateParts {
    fn from(date: NaiveDate) -> Self {
        DateParts {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

/// A YAML file the document is made from, to travel with the PDF.
#[derive(Debug, Clone)]
pub struct SourceAttachment {
    /// The name within the nämnd's folder (`2015-03-24/sammantrade.yaml`).
    pub name: String,
    /// Where it was read, for messages.
    pub path: std::path::PathBuf,
    pub bytes: Arc<[u8]>,
    pub description: String,
    pub mime: &'static str,
}

impl SourceAttachment {
    /// `source` attached under its name within `root`, the nämnd's folder.
    pub(crate) fn of(source: &SourceFile, role: &str, root: &std::path::Path) -> Self {
        SourceAttachment {
            name: source.archive_name_under(root),
            path: source.path.clone(),
            bytes: source.bytes(),
            description: format!("Källfil (YAML) för {role}, läses av paragraf"),
            mime: "application/yaml",
        }
    }

    /// `more` added to `sources`, each whose name is not there yet.
    pub(crate) fn add_new<'a>(sources: &mut Vec<Self>, more: impl IntoIterator<Item = &'a Self>) {
        for source in more {
            if !sources.iter().any(|s| s.name == source.name) {
                sources.push(source.clone());
            }
        }
    }

    /// The profile file, its logo and its font files, when the document has a profile of
    /// its own: all that `verify` needs to build the document again.
    pub(crate) fn of_profile(profile: &LoadedProfile) -> Vec<Self> {
        let Some(source) = &profile.source else {
            return Vec::new();
        };
        let file = SourceAttachment {
            name: profile.archive_name.clone(),
            path: source.path.clone(),
            bytes: source.bytes(),
            description: "Källfil (YAML) för profilen, läses av paragraf".to_owned(),
            mime: "application/yaml",
        };
        let logo = profile.logo.as_ref().map(|logo| SourceAttachment {
            name: logo.name.clone(),
            path: source.path.clone(),
            bytes: logo.bytes.clone(),
            description: "Logotypen i profilen, läses av paragraf".to_owned(),
            mime: logo.mime,
        });
        let fonts = profile.fonts.iter().map(|font| SourceAttachment {
            name: font.name.clone(),
            path: source.path.clone(),
            bytes: font.bytes.clone(),
            description: "Typsnittsfil i profilen, läses av paragraf".to_owned(),
            mime: font.mime,
        });
        std::iter::once(file).chain(logo).chain(fonts).collect()
    }
}

/// What the templates show of the profile: the municipality, logo and address line, and
/// the headings and fixed wordings.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub municipality: Option<String>,
    pub logo: Option<LogoView>,
    pub address: Option<String>,
    /// The house colour (`#rrggbb`) of headings, rules and the web pages, if the profile
    /// gives one.
    pub colour: Option<String>,
    pub typefaces: Typefaces,
    pub header: HeaderLayout,
    pub margins: Margins,
    /// The party under handwritten signature lines too (`parti_vid_underskrift`).
    pub party_at_signature: bool,
    /// The party after a comma (`partibeteckning: komma`): who justerar stands one to a
    /// line, as a list, not in a sentence whose commas the party's would run into.
    pub party_after_comma: bool,
    /// Every label of the catalogue, in the profile's words where it has its own.
    pub labels: BTreeMap<&'static str, String>,
    pub headings: Headings,
    pub wordings: Wordings,
    /// The house style: § layout, ANSLAG/BEVIS, the page foot, the letterhead.
    pub paragraph: ParagraphLayout,
    pub notice: NoticeLayout,
    pub footer: FooterLabels,
    pub signatures: SignatureLayout,
    pub statement: StatementLayout,
    pub item_list: ItemListLayout,
    /// Where the närvaro- och omröstningslista stands: `sist` or `före_paragraferna`.
    pub roll_list: crate::model::RollListPlacement,
    /// Whether that list, when it leaves the first page, stands before the §§ (before
    /// them by `omröstningslistans_plats`, or on the page after the first by
    /// `närvarolista: se_sida`): a vote then refers to it so, not to a bilaga.
    pub roll_before_paragraphs: bool,
    /// The rows of blocks of the protocol's first page; none as the seeds have them.
    pub cover: Option<Vec<Vec<&'static str>>>,
    /// Whether its protocols are posted on the anslagstavla: all but a bolag's, which
    /// aktiebolagslagen governs.
    #[serde(skip)]
    pub posts_notices: bool,
    /// Images the documents show (the logo), served to Typst from memory by their path.
    #[serde(skip)]
    pub images: Vec<(String, Arc<[u8]>)>,
    /// The profile's own font files, which the typesetter adds to the bundled ones.
    #[serde(skip)]
    pub fonts: Vec<Arc<[u8]>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// Where the World serves the logo from memory.
    pub path: String,
    pub alt: String,
    pub height_mm: u8,
}

impl ProfileView {
    /// The view for the documents of one organ: its names (`{organ}`, `{organnamns}` …)
    /// filled into every heading and wording, which templates print as they stand.
    fn of(loaded: &LoadedProfile, organ: &[(&str, String)]) -> Self {
        let profile = &loaded.profile;
        let organ: Vec<(&str, &str)> = organ.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut headings = profile.rubriker.clone();
        let mut wordings = profile.formuleringar.clone();
        for text in headings.texts_mut().into_iter().chain(wordings.texts_mut()) {
            *text = procedure::fill(text, &organ);
        }
        ProfileView {
            municipality: profile.kommun.clone(),
            logo: loaded.logo.as_ref().map(|logo| LogoView {
                path: format!("/{}", logo.name),
                alt: logo.alt.clone(),
                height_mm: profile
                    .logotyp
                    .as_ref()
                    .and_then(|l| l.höjd)
                    .unwrap_or(LOGO_HEIGHT_MM),
            }),
            address: profile.adressrad.clone(),
            colour: profile.färg.clone(),
            typefaces: profile.typsnitt.clone(),
            header: profile.sidhuvud,
            margins: profile.marginaler,
            party_at_signature: profile.parti_vid_underskrift,
            party_after_comma: profile.partibeteckning == crate::model::PartyStyle::Comma,
            labels: labels::all(&profile.etiketter),
            headings,
            wordings,
            paragraph: ParagraphLayout {
                ordning: crate::model::ParagraphPart::complete(&profile.paragraf.ordning),
                ..profile.paragraf.clone()
            },
            notice: profile.anslag.clone(),
            footer: profile.sidfot.clone(),
            signatures: profile.underskrifter,
            statement: profile.tjänsteskrivelse.clone(),
            item_list: profile.ärendeförteckning.clone(),
            roll_list: profile.omröstningslistans_plats,
            roll_before_paragraphs: profile.omröstningslistans_plats
                == crate::model::RollListPlacement::BeforeParagraphs
                || profile.närvarolista == crate::model::RollPlacement::SeePage,
            cover: profile.försättsblad.rows(),
            posts_notices: profile.huvudman != crate::model::Principal::Company,
            images: loaded
                .logo
                .iter()
                .map(|logo| (logo.name.clone(), logo.bytes.clone()))
                .collect(),
            fonts: loaded.fonts.iter().map(|f| f.bytes.clone()).collect(),
        }
    }
}

/// Each profile's view per organ, made once for all the documents of one plan: a view is
/// a few kilobytes, and a year has thousands of documents but a handful of organs.
#[derive(Default)]
#[allow(clippy::type_complexity)]
pub struct ProfileViews(Mutex<Vec<(Arc<LoadedProfile>, String, Shared<ProfileView>)>>);

impl ProfileViews {
    /// The view of `loaded` for `organ`, shared by every document of that organ.
    pub fn of(&self, loaded: &Arc<LoadedProfile>, organ: &OrganFacts) -> Shared<ProfileView> {
        // A thread that panicked holding the list left it whole: a view is pushed complete.
        let mut known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, view)) =
            (known.iter()).find(|(p, name, _)| Arc::ptr_eq(p, loaded) && *name == organ.name)
        {
            return view.clone();
        }
        let view = Shared::new(ProfileView::of(loaded, &organ.values()));
        known.push((loaded.clone(), organ.name.clone(), view.clone()));
        view
    }
}

/// A part of a view that several documents share (the profile, the header of one
/// justering's part in each of its extracts): one copy in memory, serialised as the value
/// itself.
#[derive(Debug, Clone)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// A document ready to render: its template, its view and the facts its file name and
/// PDF metadata need.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocumentKind,
    pub committee: String,
    pub date: NaiveDate,
    /// The diarienummer it is registered under: none, one, or for a § that covers
    /// several cases each of theirs.
    pub dnr: Vec<String>,
    pub paragraph: Option<ParagraphNumber>,
    pub title: String,
    /// The meeting's date, for extracts and for statements written for a meeting.
    pub meeting_date: Option<NaiveDate>,
    /// The YAML files it is made from.
    pub sources: Vec<SourceAttachment>,
    /// Personal data to replace in the web copy.
    pub redactions: Vec<String>,
    /// Secret (sekretess): left out of the web copy.
    pub secret: bool,
    /// Which part of a meeting justerad in parts a protocol or anslag is, for its file
    /// name: `omedelbart-justerade`, `p001-p006`.
    pub part: Option<String>,
    pub profile: Shared<ProfileView>,
    pub view: View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Statement,
    Extract,
    Notice,
    Protocol,
    Agenda,
    /// The kallelse with every item's tjänsteutlåtande, in one PDF.
    Packet,
    /// A bilaga that is a file (a PDF, a scan), its pages as images.
    Attachment,
}

impl DocumentKind {
    /// The Swedish name of the kind of document (handlingstyp).
    pub fn swedish(self) -> &'static str {
        match self {
            DocumentKind::Statement => "Tjänsteutlåtande",
            DocumentKind::Extract => "Protokollsutdrag",
            DocumentKind::Notice => "Anslag",
            DocumentKind::Protocol => "Protokoll",
            DocumentKind::Agenda => "Kallelse",
            DocumentKind::Packet => "Handlingar",
            DocumentKind::Attachment => "Bilaga",
        }
    }
}

/// What the förvaltning's document on a case is called: the case's own word, else the
/// profile's (`Tjänsteutlåtande`, `Tjänsteskrivelse`).
pub(crate) fn document_kind(case: &crate::model::LoadedCase) -> &str {
    let own = case.case.handlingstyp.as_deref();
    own.unwrap_or(&case.profile.profile.tjänsteskrivelse.handlingstyp)
}

impl Document {
    /// The ANSLAG/BEVIS a protocol prints: the day its justering is posted. Of one
    /// protocol justerat in parts, the last part's: each part's signers sign before it.
    pub fn protocol_notice(&self) -> Option<&NoticeView> {
        match &self.view {
            View::Protocol(protocol) => {
                let meeting = &protocol.meeting;
                (meeting.adjustments.iter())
                    .filter_map(|a| a.notice.as_ref())
                    .max_by_key(|n| n.dates.posted)
                    .or(meeting.adjustment.notice.as_ref())
            }
            _ => None,
        }
    }

    /// The document followed by its file bilagor (a tjänsteutlåtande's), each a document
    /// of its own.
    pub fn with_attached(self: &Arc<Self>) -> Vec<Arc<Document>> {
        let files = match &self.view {
            View::Statement(view) => view.files.as_slice(),
            _ => &[],
        };
        std::iter::once(self.clone())
            .chain(files.iter().cloned())
            .collect()
    }

    /// Redact `names` too in the document's public copies (those not already listed).
    pub fn redact_also(&mut self, names: &[String]) {
        for name in names {
            if !self.redactions.contains(name) {
                self.redactions.push(name.clone());
            }
        }
    }

    /// The Swedish name of the kind of document (handlingstyp): the förvaltning's document
    /// is called what its case or profile calls it (`Tjänsteskrivelse`), a bilaga by its
    /// number (`Bilaga 1`).
    pub fn kind_name(&self) -> String {
        match &self.view {
            View::Statement(view) => view.kind.clone(),
            View::Attachment(view) => view.label.clone(),
            _ => self.kind.swedish().to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum View {
    Statement(Box<StatementView>),
    Extract(Box<ExtractView>),
    Notice(Box<NoticeView>),
    Protocol(Box<ProtocolView>),
    Agenda(Box<ProtocolView>),
    Packet(Box<PacketView>),
    Attachment(Box<AttachedFileView>),
}
