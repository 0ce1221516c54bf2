//! The web copy's policy, in one place: what a copy for the public (the web-copy PDF of
//! `build --publish`, the pages and PDFs of `paragraf publish`, the public handlingar
//! packet) leaves out and what it replaces. Every public output asks here; none decides
//! on its own.

pub mod redact;

use crate::derive::{Document, View};
use redact::Redactions;

/// Whether a copy carries its YAML sources: only when its PDF standard allows
/// attachments, and never a web copy (the sources hold the personal data in full).
pub fn attaches_sources(standard_allows: bool, web_copy: bool) -> bool {
    standard_allows && !web_copy
}

/// The personal data replaced in a copy of `document`: all of it in a public copy,
/// none in the nämnd's own.
pub fn redactions(document: &Document, public: bool) -> Redactions {
    Redactions::new(if public { &document.redactions } else { &[] })
}

/// The document's title as a public copy shows it (and names its file by).
pub fn title(document: &Document) -> String {
    redactions(document, true).apply(&document.title)
}

/// Whether a public copy of the documents includes `document`: not the whole handlingar
/// packet (its public version stands in its place), not a secret item's documents, not a
/// bilaga file unless it is marked public (paragraf cannot replace personal data inside
/// a file it did not make).
pub fn shows(document: &Document) -> bool {
    let whole_packet = matches!(&document.view, View::Packet(packet) if !packet.public);
    !whole_packet && left_out(document).is_none()
}

/// Why a public copy leaves a document out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// A secret item's document.
    Secret,
    /// A bilaga file not marked public.
    NotPublic,
}

impl LeftOut {
    /// The label (in the catalogue) of the line that says why, where the public packet
    /// names what it leaves out.
    pub fn label(self) -> &'static str {
        match self {
            LeftOut::Secret => "utelämnad_sekretess",
            LeftOut::NotPublic => "utelämnad_bilaga",
        }
    }
}

/// Why a public copy leaves `document` out; none when it is shown.
pub fn left_out(document: &Document) -> Option<LeftOut> {
    match &document.view {
        _ if document.secret => Some(LeftOut::Secret),
        View::Attachment(view) if !view.public => Some(LeftOut::NotPublic),
        _ => None,
    }
}

/// What the web copy says of a document it leaves out.
pub fn left_out_warning(document: &Document) -> Option<String> {
    let what = match document.paragraph {
        Some(n) => format!("{} § {n}", document.kind_name()),
        None => document.kind_name(),
    };
    Some(match left_out(document)? {
        LeftOut::NotPublic => format!(
            "{what} ({}) är en bifogad fil som inte är märkt offentlig och utelämnas i webbkopian; skriv `offentlig: true` vid bilagan om den får publiceras som den är",
            document.title
        ),
        LeftOut::Secret => format!(
            "{what} ({}) omfattas av sekretess och utelämnas i webbkopian",
            document.title
        ),
    })
}
