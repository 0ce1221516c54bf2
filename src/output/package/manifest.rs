//! The registrar's export: the PDFs and a manifest, in JSON and as a readable summary,
//! listing for every file what an e-archive asks for. The field names follow FGS
//! Ärendehantering (diarienummer, ärendemening, handlingstyp, rubrik, upprättad,
//! organisation). Nothing in the manifest depends on when it was made, so exporting the
//! same input twice changes nothing.

use serde::Serialize;

use crate::cache::Stamp;
use crate::plan::Planned;
use crate::swedish;
use crate::write::OutputFile;

pub const MANIFEST_JSON: &str = "manifest.json";
pub const MANIFEST_TEXT: &str = "manifest.txt";

/// One archived file.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The file name in the export folder.
    pub fil: String,
    pub handlingstyp: String,
    pub diarienummer: Option<String>,
    /// The case's title: what the ärende is about.
    pub ärendemening: String,
    /// The document's own title.
    pub rubrik: String,
    pub paragraf: Option<String>,
    /// The authority: the nämnd.
    pub organisation: String,
    /// The document's date.
    pub upprättad: String,
    pub sammanträdesdatum: Option<String>,
    pub storlek: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub skapad_av: String,
    pub handlingar: Vec<Entry>,
}

/// The manifest of the PDFs `pdfs` (aligned with `planned`).
pub fn manifest(planned: &[Planned], pdfs: &[Stamp]) -> Manifest {
    let handlingar = planned
        .iter()
        .zip(pdfs)
        .map(|(Planned { document, .. }, pdf)| Entry {
            fil: pdf.name.clone(),
            handlingstyp: document.kind_name(),
            diarienummer: Some(document.dnr.join(", ")).filter(|d| !d.is_empty()),
            ärendemening: document.title.clone(),
            rubrik: match document.paragraph {
                Some(n) => format!("§ {n} {}", document.title),
                None => document.title.clone(),
            },
            paragraf: document.paragraph.map(|n| n.to_string()),
            organisation: document.committee.clone(),
            upprättad: swedish::short_date(document.date),
            sammanträdesdatum: document.meeting_date.map(swedish::short_date),
            storlek: pdf.size,
            sha256: pdf.sha256.clone(),
        })
        .collect();
    Manifest {
        skapad_av: format!("paragraf {}", env!("CARGO_PKG_VERSION")),
        handlingar,
    }
}

impl Manifest {
    /// The manifest files: JSON for the e-archive, text for people.
    pub fn files(&self) -> Vec<OutputFile> {
        let json = serde_json::to_string_pretty(self).unwrap_or_default() + "\n";
        vec![
            OutputFile {
                name: MANIFEST_JSON.into(),
                bytes: json.into_bytes(),
            },
            OutputFile {
                name: MANIFEST_TEXT.into(),
                bytes: self.summary().into_bytes(),
            },
        ]
    }

    fn summary(&self) -> String {
        let mut out = format!(
            "Arkivleverans, {} handlingar ({})\n",
            self.handlingar.len(),
            self.skapad_av
        );
        for entry in &self.handlingar {
            out.push_str(&format!(
                "\n{}\n  handlingstyp: {}\n  diarienummer: {}\n  rubrik: {}\n  organisation: {}\n  upprättad: {}{}\n  storlek: {} byte\n  sha256: {}\n",
                entry.fil,
                entry.handlingstyp,
                entry.diarienummer.as_deref().unwrap_or("–"),
                entry.rubrik,
                entry.organisation,
                entry.upprättad,
                entry.sammanträdesdatum.as_ref().map_or(String::new(), |d| format!("\n  sammanträde: {d}")),
                entry.storlek,
                entry.sha256,
            ));
        }
        out
    }
}
