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
/// packet (its public version stands in its place), not a secret item's documents.
pub fn shows(document: &Document) -> bool {
    let whole_packet = matches!(&document.view, View::Packet(packet) if !packet.public);
    !whole_packet && !document.secret
}

/// What the web copy says of a document it leaves out because it is secret.
pub fn secret_left_out(document: &Document) -> Option<String> {
    document.secret.then(|| {
        let what = match document.paragraph {
            Some(n) => format!("{} § {n}", document.kind_name()),
            None => document.kind_name(),
        };
        format!(
            "{what} ({}) omfattas av sekretess och utelämnas i webbkopian",
            document.title
        )
    })
}
