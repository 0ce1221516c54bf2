//! The registrar's handover as an e-archive takes it: FGS Paketstruktur 2.0, which is
//! E-ARK CSIP + SIP 2.1 (METS), with the case records described by FGS Ärendehantering
//! (E-ARK CITS ERMS 3). One submission package per meeting, in a folder named by its
//! OBJID:
//!
//! ```text
//! METS.xml                              the package: agents, files with SHA-256, structure
//! metadata/descriptive/erms.xml         arkivbildare, each ärende with its beslut, each handling
//! representations/rep1/METS.xml         the representation: its PDFs
//! representations/rep1/data/*.pdf       protokoll, extracts, anslag, kallelse, tjänsteutlåtanden,
//!                                       bilagor that are files
//! schemas/*.xsd                         the schemas the XML files use
//! documentation/om-paketet.txt          what the package holds, in Swedish
//! ```
//!
//! Every byte follows from the input: identifiers are counted, dates come from the
//! documents (or `SOURCE_DATE_EPOCH`), never from the clock. The XML is written with
//! quick-xml, which escapes every text and attribute.

mod erms;
mod mets;

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use sha2::{Digest, Sha256};

use crate::cache::Stamp;
use crate::derive::{DocumentKind, View};
use crate::error::{Error, Problem, Result};
use crate::output::Placement;
use crate::plan::Planned;
use crate::write::{OutputFile, slug};

/// Where the PDFs of a package lie, under its folder.
const DATA: &str = "representations/rep1/data";
const REPRESENTATION_METS: &str = "representations/rep1/METS.xml";
const ERMS_FILE: &str = "metadata/descriptive/erms.xml";
const DOCUMENTATION: &str = "documentation/om-paketet.txt";

/// The schemas the package's XML uses, shipped inside it (`schemas/`). METS 1.12 and
/// xlink as the DILCIS Board's validator has them; the CSIP and SIP extensions of E-ARK
/// 2.1; ERMS 3.0.1 of CITS ERMS.
const SCHEMAS: [(&str, &[u8]); 5] = [
    ("mets.xsd", include_bytes!("schemas/mets.xsd")),
    ("xlink.xsd", include_bytes!("schemas/xlink.xsd")),
    (
        "DILCISExtensionMETS.xsd",
        include_bytes!("schemas/DILCISExtensionMETS.xsd"),
    ),
    (
        "DILCISExtensionSIPMETS.xsd",
        include_bytes!("schemas/DILCISExtensionSIPMETS.xsd"),
    ),
    ("ERMS_v3.xsd", include_bytes!("schemas/ERMS_v3.xsd")),
];

const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The packages of a build: where each planned document's PDF lies (its package's data
/// folder), and which documents each package holds.
pub struct Packages {
    /// Package id (its folder and OBJID) → indexes into the planned documents.
    members: BTreeMap<String, Vec<usize>>,
    /// Each planned document's place, in the order of the planned documents.
    pub placements: Vec<Placement>,
    created: Option<NaiveDateTime>,
}

/// Put every planned document into the package of the meeting it was planned with (a
/// case on no meeting gets a package of its own). `created` (from `SOURCE_DATE_EPOCH`)
/// overrides the date the packages say they were made.
pub fn place(planned: &[Planned], created: Option<NaiveDateTime>) -> Packages {
    let mut groups: BTreeMap<Option<PathBuf>, Vec<usize>> = BTreeMap::new();
    for (index, planned) in planned.iter().enumerate() {
        // A case on no meeting is a package of its own.
        let key = planned
            .meeting
            .clone()
            .or_else(|| Some(PathBuf::from(&planned.stem)));
        groups.entry(key).or_default().push(index);
    }
    let mut members = BTreeMap::new();
    let mut placements: Vec<Placement> = planned.iter().map(|p| Placement::top(&p.stem)).collect();
    for indexes in groups.into_values() {
        let documents: Vec<&Planned> = indexes.iter().map(|&i| &planned[i]).collect();
        let id = match (organ(&documents), meeting_date(&documents)) {
            (Some(organ), Some(date)) => format!("{}-{date}", slug(organ, 60)),
            _ => documents
                .first()
                .map_or_else(String::new, |p| p.stem.clone()),
        };
        let id = unique_id(id, &documents, &members);
        for &index in &indexes {
            placements[index] = Placement::under(format!("{id}/{DATA}"), &planned[index].stem);
        }
        members.insert(id, indexes);
    }
    Packages {
        members,
        placements,
        created,
    }
}

/// `id`, or when another package of the build has it (two municipalities' Testnämnden
/// meeting on one day, organ names that differ only in case or punctuation), the
/// municipality's name before it, then a number after it: one meeting, one package.
fn unique_id(id: String, documents: &[&Planned], taken: &BTreeMap<String, Vec<usize>>) -> String {
    if !taken.contains_key(&id) {
        return id;
    }
    let municipality = documents
        .iter()
        .find_map(|p| p.document.profile.municipality.as_deref());
    let with_municipality = match municipality {
        Some(m) => format!("{}-{id}", slug(m, 40)),
        None => id.clone(),
    };
    (1..)
        .map(|n| match n {
            1 => with_municipality.clone(),
            n => format!("{with_municipality}-{n}"),
        })
        .find(|candidate| !taken.contains_key(candidate))
        .unwrap_or(with_municipality)
}

/// The organ whose meeting the documents are from: that of the protocol, kallelse or
/// anslag (a tjänsteutlåtande may be the förvaltning's of another nämnd, as for a
/// fullmäktige's case prepared by the styrelse), else of the case.
fn organ<'a>(documents: &[&'a Planned]) -> Option<&'a str> {
    documents
        .iter()
        .find(|p| p.document.kind != DocumentKind::Statement)
        .or(documents.first())
        .map(|p| p.document.committee.as_str())
}

fn meeting_date(documents: &[&Planned]) -> Option<chrono::NaiveDate> {
    documents.iter().find_map(|p| p.document.meeting_date)
}

impl Packages {
    /// Every package's files beside the PDFs (whose stamps `pdfs` are aligned with
    /// `planned`): the two METS, the ERMS, the documentation and the schemas.
    /// `signed` says, by file, what the signatures of a signed copy say (see
    /// [`super::signed`]).
    pub fn files(
        &self,
        planned: &[Planned],
        pdfs: &[Stamp],
        signed: &BTreeMap<String, Vec<String>>,
    ) -> Result<Vec<OutputFile>> {
        let mut files = Vec::new();
        for (id, members) in &self.members {
            let documents: Vec<(&Planned, &Stamp)> =
                members.iter().map(|&i| (&planned[i], &pdfs[i])).collect();
            let package = Package {
                id,
                documents,
                created: self.created,
                signed,
            };
            files.extend(package.files().map_err(|e| {
                Error::from(Problem::in_file(
                    std::path::Path::new(id),
                    format!("arkivpaketet kunde inte skrivas: {e}"),
                ))
            })?);
        }
        Ok(files)
    }
}

/// One meeting's package.
struct Package<'a> {
    id: &'a str,
    documents: Vec<(&'a Planned, &'a Stamp)>,
    created: Option<NaiveDateTime>,
    /// What the signatures of the signed copies say, by file.
    signed: &'a BTreeMap<String, Vec<String>>,
}

/// A file of the package as METS lists it.
struct Listed {
    id: String,
    path: String,
    mime: &'static str,
    size: u64,
    sha256: String,
}

impl Listed {
    fn of(id: String, path: &str, mime: &'static str, bytes: &[u8]) -> Self {
        Listed {
            id,
            path: path.to_owned(),
            mime,
            size: bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(bytes)),
        }
    }
}

impl Package<'_> {
    fn organ(&self) -> &str {
        let documents: Vec<&Planned> = self.documents.iter().map(|(p, _)| *p).collect();
        organ(&documents).unwrap_or_default()
    }

    fn municipality(&self) -> Option<&str> {
        self.documents
            .iter()
            .find_map(|(p, _)| p.document.profile.municipality.as_deref())
    }

    /// The arkivbildare: the organ of its municipality or region.
    fn creator(&self) -> String {
        match self.municipality() {
            Some(m) => format!("{}, {m}", self.organ()),
            None => self.organ().to_owned(),
        }
    }

    /// When the package was made: `SOURCE_DATE_EPOCH`, else its latest document's date.
    fn created(&self) -> String {
        let latest = self.documents.iter().map(|(p, _)| p.document.date).max();
        let at = self
            .created
            .or_else(|| latest.and_then(|d| d.and_hms_opt(0, 0, 0)));
        at.map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
    }

    fn label(&self) -> String {
        let documents: Vec<&Planned> = self.documents.iter().map(|(p, _)| *p).collect();
        // One person's decisions under delegation were taken at no sammanträde.
        let delegated = documents.iter().any(|p| match &p.document.view {
            View::Protocol(protocol) => protocol.meeting.decider.is_some(),
            _ => false,
        });
        let what = if delegated {
            "delegeringsbeslut"
        } else {
            "sammanträde"
        };
        match meeting_date(&documents) {
            Some(date) => format!("{}, {what} {date}", self.creator()),
            None => self.creator(),
        }
    }

    fn files(&self) -> io::Result<Vec<OutputFile>> {
        let created = self.created();
        let erms = self.erms(&created)?;
        let documentation = self.documentation().into_bytes();
        let representation = self.representation_mets(&created)?;
        let schemas: Vec<Listed> = SCHEMAS
            .iter()
            .enumerate()
            .map(|(n, (name, bytes))| {
                Listed::of(
                    format!("schema-{}", n + 1),
                    &format!("schemas/{name}"),
                    "application/xml",
                    bytes,
                )
            })
            .collect();
        let root = self.root_mets(
            &created,
            &Listed::of("erms".into(), ERMS_FILE, "text/xml", &erms),
            &Listed::of(
                "documentation-1".into(),
                DOCUMENTATION,
                "text/plain",
                &documentation,
            ),
            &schemas,
            &Listed::of(
                "rep1-mets".into(),
                REPRESENTATION_METS,
                "application/xml",
                &representation,
            ),
        )?;
        let file = |path: &str, bytes: Vec<u8>| OutputFile {
            name: format!("{}/{path}", self.id),
            bytes,
        };
        let mut files = vec![
            file("METS.xml", root),
            file(REPRESENTATION_METS, representation),
            file(ERMS_FILE, erms),
            file(DOCUMENTATION, documentation),
        ];
        files.extend(
            SCHEMAS
                .iter()
                .map(|(name, bytes)| file(&format!("schemas/{name}"), bytes.to_vec())),
        );
        Ok(files)
    }

    /// The PDFs as the representation lists them, with paths relative to it.
    fn data(&self) -> Vec<Listed> {
        self.documents
            .iter()
            .enumerate()
            .map(|(n, (_, stamp))| Listed {
                id: format!("data-{}", n + 1),
                path: format!("data/{}", file_name(&stamp.name)),
                mime: "application/pdf",
                size: stamp.size,
                sha256: stamp.sha256.clone(),
            })
            .collect()
    }

    /// The package described for a person opening it.
    fn documentation(&self) -> String {
        let mut text = format!(
            "Leveranspaket {}\n{}\n\nSkapat av paragraf {} enligt FGS Paketstruktur 2.0 (E-ARK SIP 2.1)\nmed ärendebeskrivning enligt FGS Ärendehantering (E-ARK CITS ERMS 3).\n\n",
            self.id,
            self.label(),
            env!("CARGO_PKG_VERSION"),
        );
        text.push_str(
            "METS.xml                         paketet: arkivbildare, filer med SHA-256, struktur\n\
             metadata/descriptive/erms.xml    ärendena med diarienummer, beslut och handlingar\n\
             representations/rep1/METS.xml    handlingarnas filer med SHA-256\n\
             representations/rep1/data/       handlingarna som PDF; varje PDF bär de YAML-filer\n\
             \x20                                den är gjord av som bilagor; en bilaga som är en\n\
             \x20                                fil bär också originalet\n\
             schemas/                         XML-scheman som filerna följer\n\nHandlingar:\n",
        );
        for (planned, stamp) in &self.documents {
            text.push_str(&format!(
                "  {}  {}, {}{}\n",
                file_name(&stamp.name),
                planned.document.kind_name(),
                planned.document.date,
                if self.signed.contains_key(&stamp.name) {
                    ", underskriven digitalt (PAdES; se erms.xml)"
                } else {
                    ""
                }
            ));
        }
        text
    }
}

/// A writer that starts the XML declaration.
fn xml_writer() -> io::Result<Writer<Vec<u8>>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

fn finish(w: Writer<Vec<u8>>) -> Vec<u8> {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// An element with attributes and nothing inside.
fn empty(w: &mut Writer<Vec<u8>>, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attributes.iter().copied())
        .write_empty()?;
    Ok(())
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
