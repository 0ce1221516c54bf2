//! A bilaga that is a file, as a document of its own: its pages as images, each with a
//! text alternative, and the original attached. It follows its tjänsteutlåtande: into the
//! handlingar packet right after it, into the archive package as a file of its own.

use std::sync::Arc;

use serde::Serialize;

use super::{DateParts, Document, DocumentKind, SourceAttachment, View};
use crate::model::LoadedCase;
use crate::model::attachment::AttachedFile;
use crate::swedish;

#[derive(Debug, Clone, Serialize)]
pub struct AttachedFileView {
    /// `Bilaga 1`, as the tjänsteutlåtande's list numbers it.
    pub label: String,
    /// Its name in the list: `Ritning`.
    pub title: String,
    /// The document it is a bilaga to: `Tjänsteutlåtande`.
    pub of_kind: String,
    pub committee: String,
    pub administration: String,
    pub dnr: Option<String>,
    pub date: String,
    #[serde(flatten)]
    pub date_parts: DateParts,
    /// Marked public: shown in the public outputs.
    pub public: bool,
    pub pages: Vec<AttachedPage>,
    #[serde(skip)]
    pub file: Arc<AttachedFile>,
}

/// One page of a file bilaga: where the World serves its image, and its turn.
#[derive(Debug, Clone, Serialize)]
pub struct AttachedPage {
    pub path: String,
    pub landscape: bool,
}

impl AttachedFileView {
    /// The page images by the names the World serves them under (the views' paths
    /// without their leading `/`), made when first asked.
    pub fn images(&self) -> Vec<(String, Arc<[u8]>)> {
        self.pages
            .iter()
            .zip(self.file.page_images())
            .map(|(page, bytes)| (page.path[1..].to_owned(), bytes.clone()))
            .collect()
    }
}

/// A document for each bilaga of `loaded` that is a file; the tjänsteutlåtande
/// `statement` gives their profile, redactions and secrecy.
fn attached_files(loaded: &LoadedCase, statement: &Document) -> Vec<Document> {
    let case = &loaded.case;
    let dates = loaded.profile.profile.datumformat;
    let labels = &statement.profile.labels;
    let word = labels.get("bilaga").map_or("Bilaga", String::as_str);
    loaded
        .files
        .iter()
        .map(|file| {
            let label = format!("{word} {}", file.number());
            let stem = file.image_stem();
            let pages = file
                .pages
                .iter()
                .enumerate()
                .map(|(n, &(width, height))| AttachedPage {
                    path: format!("/{stem}-{}.png", n + 1),
                    landscape: width > height,
                })
                .collect();
            let kind = if file.is_pdf() { "PDF" } else { "bild" };
            Document {
                kind: DocumentKind::Attachment,
                committee: case.nämnd.clone(),
                date: case.datum,
                dnr: case.dnr.iter().cloned().collect(),
                paragraph: None,
                title: file.title.clone(),
                meeting_date: case.sammanträde,
                // The tjänsteutlåtande's sources too, so that `verify` can make it again.
                sources: statement
                    .sources
                    .iter()
                    .cloned()
                    .chain([SourceAttachment {
                        name: file.name.clone(),
                        path: loaded.source.path.clone(),
                        bytes: file.bytes.clone(),
                        description: format!(
                            "{label} i original ({kind}); sidorna i dokumentet är bilder av den"
                        ),
                        mime: file.mime,
                    }])
                    .collect(),
                redactions: statement.redactions.clone(),
                secret: statement.secret,
                part: None,
                profile: statement.profile.clone(),
                view: View::Attachment(Box::new(AttachedFileView {
                    label,
                    title: file.title.clone(),
                    of_kind: statement.kind_name(),
                    committee: case.nämnd.clone(),
                    administration: case.förvaltning.clone(),
                    dnr: case.dnr.clone(),
                    date: swedish::date(dates, case.datum),
                    date_parts: case.datum.into(),
                    public: file.public,
                    pages,
                    file: file.clone(),
                })),
            }
        })
        .collect()
}

/// The tjänsteutlåtande `statement` of `loaded`, its secrecy and redactions set, with a
/// document for each of its file bilagor (which take both from it).
pub fn attach_files(loaded: &LoadedCase, mut statement: Document) -> Arc<Document> {
    let files = attached_files(loaded, &statement)
        .into_iter()
        .map(Arc::new)
        .collect();
    if let View::Statement(view) = &mut statement.view {
        view.files = files;
    }
    Arc::new(statement)
}
