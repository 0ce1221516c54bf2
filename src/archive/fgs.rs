//! The registrar's handover as an e-archive takes it: FGS Paketstruktur 2.0, which is
//! E-ARK CSIP + SIP 2.1 (METS), with the case records described by FGS Ärendehantering
//! (E-ARK CITS ERMS 3). One submission package per meeting, in a folder named by its
//! OBJID:
//!
//! ```text
//! METS.xml                              the package: agents, files with SHA-256, structure
//! metadata/descriptive/erms.xml         arkivbildare, each ärende with its beslut, each handling
//! representations/rep1/METS.xml         the representation: its PDFs
//! representations/rep1/data/*.pdf       protokoll, extracts, anslag, kallelse, tjänsteutlåtanden
//! schemas/*.xsd                         the schemas the XML files use
//! documentation/om-paketet.txt          what the package holds, in Swedish
//! ```
//!
//! Every byte follows from the input: identifiers are counted, dates come from the
//! documents (or `SOURCE_DATE_EPOCH`), never from the clock. The XML is written with
//! quick-xml, which escapes every text and attribute.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use sha2::{Digest, Sha256};

use crate::Planned;
use crate::cache::{Stamp, hex};
use crate::derive::{DocumentKind, View};
use crate::write::{OutputFile, slug};
use crate::{Error, Problem, Result};

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

const NS_METS: &str = "http://www.loc.gov/METS/";
const NS_CSIP: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const NS_SIP: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const NS_XLINK: &str = "http://www.w3.org/1999/xlink";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const NS_ERMS: &str = "https://DILCIS.eu/XML/ERMS";
const SIP_PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// The content category of CSIP's vocabulary (with its en dash).
const CONTENT_CATEGORY: &str = "Textual works – Digital";

/// The packages of a build: each planned document's file moved into its package's data
/// folder, and which documents each package holds.
pub struct Packages {
    /// Package id (its folder and OBJID) → indexes into the planned documents.
    members: BTreeMap<String, Vec<usize>>,
    created: Option<NaiveDateTime>,
}

/// Put every planned document into the package of the meeting it was planned with (a
/// case on no meeting gets a package of its own). `created` (from `SOURCE_DATE_EPOCH`)
/// overrides the date the packages say they were made.
pub fn place(planned: &mut [Planned], created: Option<NaiveDateTime>) -> Packages {
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
    for indexes in groups.into_values() {
        let documents: Vec<&Planned> = indexes.iter().map(|&i| &planned[i]).collect();
        let id = match (organ(&documents), meeting_date(&documents)) {
            (Some(organ), Some(date)) => format!("{}-{date}", slug(organ, 60)),
            _ => documents
                .first()
                .map_or_else(String::new, |p| p.stem.clone()),
        };
        for &index in &indexes {
            let stem = &mut planned[index].stem;
            *stem = format!("{id}/{DATA}/{stem}");
        }
        members.insert(id, indexes);
    }
    Packages { members, created }
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
    pub fn files(&self, planned: &[Planned], pdfs: &[Stamp]) -> Result<Vec<OutputFile>> {
        let mut files = Vec::new();
        for (id, members) in &self.members {
            let documents: Vec<(&Planned, &Stamp)> =
                members.iter().map(|&i| (&planned[i], &pdfs[i])).collect();
            let package = Package {
                id,
                documents,
                created: self.created,
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
            sha256: hex(&Sha256::digest(bytes)),
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
        match meeting_date(&documents) {
            Some(date) => format!("{}, sammanträde {date}", self.creator()),
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

    /// The root METS: the package, its agents, every file but the PDFs (which the
    /// representation's METS lists) and the CSIP structure.
    fn root_mets(
        &self,
        created: &str,
        erms: &Listed,
        documentation: &Listed,
        schemas: &[Listed],
        representation: &Listed,
    ) -> io::Result<Vec<u8>> {
        let mut w = xml_writer()?;
        mets_element(&mut w, self.id, &self.label(), "schemas/").write_inner_content(|w| {
            self.header(w, created, true)?;
            w.create_element("dmdSec")
                .with_attributes([("ID", "dmd-erms"), ("CREATED", created)])
                .write_inner_content(|w| {
                    empty(
                        w,
                        "mdRef",
                        &[
                            ("ID", erms.id.as_str()),
                            ("LOCTYPE", "URL"),
                            ("xlink:type", "simple"),
                            ("xlink:href", erms.path.as_str()),
                            ("MDTYPE", "OTHER"),
                            ("OTHERMDTYPE", "ERMS"),
                            ("MDTYPEVERSION", "3.0.1"),
                            ("MIMETYPE", erms.mime),
                            ("SIZE", &erms.size.to_string()),
                            ("CREATED", created),
                            ("CHECKSUM", &erms.sha256),
                            ("CHECKSUMTYPE", "SHA-256"),
                        ],
                    )?;
                    Ok(())
                })?;
            w.create_element("fileSec")
                .with_attribute(("ID", "filesec"))
                .write_inner_content(|w| {
                    file_group(
                        w,
                        "Documentation",
                        std::slice::from_ref(documentation),
                        created,
                    )?;
                    file_group(w, "Schemas", schemas, created)?;
                    file_group(
                        w,
                        "Representations/rep1",
                        std::slice::from_ref(representation),
                        created,
                    )
                })?;
            structure(w, self.id, |w| {
                empty(
                    w,
                    "div",
                    &[
                        ("ID", "div-metadata"),
                        ("LABEL", "Metadata"),
                        ("DMDID", "dmd-erms"),
                    ],
                )?;
                pointers(
                    w,
                    "div-documentation",
                    "Documentation",
                    std::slice::from_ref(documentation),
                )?;
                pointers(w, "div-schemas", "Schemas", schemas)?;
                // CSIP's rules want the representation's METS both as a file of the
                // Representations division and behind its own division's mptr.
                w.create_element("div")
                    .with_attributes([("ID", "div-representations"), ("LABEL", "Representations")])
                    .write_inner_content(|w| {
                        empty(w, "fptr", &[("FILEID", representation.id.as_str())])?;
                        w.create_element("div")
                            .with_attributes([
                                ("ID", "div-rep1"),
                                ("LABEL", "Representations/rep1"),
                            ])
                            .write_inner_content(|w| {
                                empty(
                                    w,
                                    "mptr",
                                    &[
                                        ("LOCTYPE", "URL"),
                                        ("xlink:type", "simple"),
                                        ("xlink:href", REPRESENTATION_METS),
                                        ("xlink:title", representation.id.as_str()),
                                    ],
                                )
                            })?;
                        Ok(())
                    })?;
                Ok(())
            })
        })?;
        Ok(finish(w))
    }

    /// The representation's METS: the PDFs with their checksums.
    fn representation_mets(&self, created: &str) -> io::Result<Vec<u8>> {
        let data = self.data();
        let mut w = xml_writer()?;
        let id = format!("{}-rep1", self.id);
        mets_element(&mut w, &id, &self.label(), "../../schemas/").write_inner_content(|w| {
            self.header(w, created, false)?;
            w.create_element("fileSec")
                .with_attribute(("ID", "filesec"))
                .write_inner_content(|w| file_group(w, "Data", &data, created))?;
            structure(w, &id, |w| pointers(w, "div-data", "Data", &data))
        })?;
        Ok(finish(w))
    }

    /// metsHdr: the software that made the package (CSIP's CREATOR), and in the root the
    /// arkivbildare (ARCHIVIST) and the submitting organisation.
    fn header(&self, w: &mut Writer<Vec<u8>>, created: &str, root: bool) -> io::Result<()> {
        w.create_element("metsHdr")
            .with_attributes([
                ("CREATEDATE", created),
                ("LASTMODDATE", created),
                ("RECORDSTATUS", "NEW"),
                ("csip:OAISPACKAGETYPE", "SIP"),
            ])
            .write_inner_content(|w| {
                w.create_element("agent")
                    .with_attributes([
                        ("ROLE", "CREATOR"),
                        ("TYPE", "OTHER"),
                        ("OTHERTYPE", "SOFTWARE"),
                    ])
                    .write_inner_content(|w| {
                        text_element(w, "name", "paragraf")?;
                        w.create_element("note")
                            .with_attribute(("csip:NOTETYPE", "SOFTWARE VERSION"))
                            .write_text_content(BytesText::new(env!("CARGO_PKG_VERSION")))?;
                        Ok(())
                    })?;
                if root {
                    let creator = self.creator();
                    for (role, name) in [
                        ("ARCHIVIST", creator.as_str()),
                        ("OTHER", self.municipality().unwrap_or(self.organ())),
                    ] {
                        let mut agent = w
                            .create_element("agent")
                            .with_attributes([("ROLE", role), ("TYPE", "ORGANIZATION")]);
                        if role == "OTHER" {
                            agent = agent.with_attribute(("OTHERROLE", "SUBMITTER"));
                        }
                        agent.write_inner_content(|w| text_element(w, "name", name))?;
                    }
                }
                Ok(())
            })?;
        Ok(())
    }

    /// The ERMS document: the arkivbildare, each ärende (by diarienummer) with its beslut
    /// and handlingar, and the meeting's own handlingar (protokoll, kallelse, anslag).
    fn erms(&self, created: &str) -> io::Result<Vec<u8>> {
        let mut cases: BTreeMap<&str, Vec<&(&Planned, &Stamp)>> = BTreeMap::new();
        let mut meeting = Vec::new();
        for entry in &self.documents {
            match entry.0.document.dnr.as_deref() {
                Some(dnr) if entry.0.document.kind != DocumentKind::Protocol => {
                    cases.entry(dnr).or_default().push(entry)
                }
                _ => meeting.push(entry),
            }
        }
        let mut w = xml_writer()?;
        w.create_element("erms")
            .with_attributes([
                ("xmlns", NS_ERMS),
                ("xmlns:xsi", NS_XSI),
                (
                    "xsi:schemaLocation",
                    &format!("{NS_ERMS} ../../schemas/ERMS_v3.xsd"),
                ),
            ])
            .write_inner_content(|w| {
                w.create_element("control").write_inner_content(|w| {
                    w.create_element("identification")
                        .with_attribute(("identificationType", "arkivbildare"))
                        .write_text_content(BytesText::new(&self.creator()))?;
                    w.create_element("maintenanceInformation")
                        .write_inner_content(|w| {
                            empty(w, "maintenanceStatus", &[("value", "new")])?;
                            w.create_element("maintenanceAgency")
                                .write_inner_content(|w| {
                                    text_element(
                                        w,
                                        "agencyName",
                                        self.municipality().unwrap_or(self.organ()),
                                    )
                                })?;
                            w.create_element("maintenanceHistory")
                                .write_inner_content(|w| {
                                    w.create_element("maintenanceEvent").write_inner_content(
                                        |w| {
                                            empty(w, "eventType", &[("value", "created")])?;
                                            text_element(w, "eventDateTime", created)?;
                                            let version =
                                                format!("paragraf {}", env!("CARGO_PKG_VERSION"));
                                            agent(w, "creator", &version, None)
                                        },
                                    )?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
                w.create_element("aggregations").write_inner_content(|w| {
                    for (dnr, documents) in &cases {
                        // The ärendemening: the tjänsteutlåtande's rubrik.
                        let title = documents
                            .iter()
                            .find(|(p, _)| p.document.kind == DocumentKind::Statement)
                            .or(documents.first())
                            .map_or("", |(p, _)| p.document.title.as_str());
                        self.aggregation(w, "caseFile", dnr, title, documents)?;
                    }
                    if !meeting.is_empty() {
                        self.aggregation(w, "file", self.id, &self.label(), &meeting)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(finish(w))
    }

    /// An aggregation of handlingar: an ärende (`caseFile`, with its diarienummer and
    /// ärendemening) or the meeting's own (`file`: protokoll, kallelse, anslag, and the
    /// extracts of §§ without diarienummer); with the beslut of each § among them.
    fn aggregation(
        &self,
        w: &mut Writer<Vec<u8>>,
        kind: &str,
        id: &str,
        title: &str,
        documents: &[&(&Planned, &Stamp)],
    ) -> io::Result<()> {
        w.create_element("aggregation")
            .with_attributes([("systemIdentifier", id), ("aggregationType", kind)])
            .write_inner_content(|w| {
                text_element(w, "objectId", id)?;
                if kind == "caseFile" {
                    extra_id(w, "diarienummer", id)?;
                    secrecy(w, documents.iter().any(|(p, _)| p.document.secret))?;
                }
                text_element(w, "title", title)?;
                w.create_element("agents").write_inner_content(|w| {
                    agent(w, "creator", self.organ(), self.municipality())
                })?;
                for (planned, _) in documents {
                    if let View::Extract(extract) = &planned.document.view {
                        self.decision(w, planned, &extract.item.decisions)?;
                    }
                }
                for entry in documents {
                    self.record(w, entry)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    /// The beslut of one §: what was decided, when, by which organ.
    fn decision(
        &self,
        w: &mut Writer<Vec<u8>>,
        planned: &Planned,
        decisions: &[String],
    ) -> io::Result<()> {
        let document = &planned.document;
        let paragraph = document
            .paragraph
            .map(|n| format!("§ {n}"))
            .unwrap_or_default();
        let decided = document.meeting_date.unwrap_or(document.date);
        w.create_element("action").write_inner_content(|w| {
            let text = if decisions.is_empty() {
                "Informationen noteras.".to_owned()
            } else {
                decisions.join("\n")
            };
            text_element(w, "actionText", &text)?;
            text_element(w, "actionType", &format!("Beslut {paragraph}"))?;
            w.create_element("dates").write_inner_content(|w| {
                w.create_element("actionDate")
                    .with_attribute(("dateType", "decision"))
                    .write_text_content(BytesText::new(&format!("{decided}T00:00:00")))?;
                Ok(())
            })?;
            w.create_element("agents").write_inner_content(|w| {
                agent(w, "authorising_person", self.organ(), self.municipality())
            })?;
            Ok(())
        })?;
        Ok(())
    }

    /// A handling: its handlingstyp, rubrik, § and date, and the file it is.
    fn record(
        &self,
        w: &mut Writer<Vec<u8>>,
        (planned, stamp): &(&Planned, &Stamp),
    ) -> io::Result<()> {
        let document = &planned.document;
        let name = file_name(&stamp.name);
        let kind = document.kind_name();
        let title = match document.paragraph {
            Some(n) => format!("§ {n} {}", document.title),
            None => document.title.clone(),
        };
        w.create_element("record")
            .with_attributes([("systemIdentifier", name), ("recordType", kind.as_str())])
            .write_inner_content(|w| {
                text_element(w, "objectId", name)?;
                if let Some(dnr) = &document.dnr {
                    extra_id(w, "diarienummer", dnr)?;
                }
                if let Some(n) = document.paragraph {
                    extra_id(w, "paragraf", &format!("§ {n}"))?;
                }
                secrecy(w, document.secret)?;
                text_element(w, "title", &title)?;
                w.create_element("dates").write_inner_content(|w| {
                    w.create_element("date")
                        .with_attribute(("dateType", "created"))
                        .write_text_content(BytesText::new(&format!(
                            "{}T00:00:00",
                            document.date
                        )))?;
                    Ok(())
                })?;
                w.create_element("additionalInformation")
                    .write_inner_content(|w| {
                        empty(
                            w,
                            "appendix",
                            &[
                                ("name", name),
                                ("description", kind.as_str()),
                                ("fileFormat", "application/pdf"),
                                ("path", &format!("{DATA}/{name}")),
                            ],
                        )?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
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
             \x20                                den är gjord av som bilagor\n\
             schemas/                         XML-scheman som filerna följer\n\nHandlingar:\n",
        );
        for (planned, stamp) in &self.documents {
            text.push_str(&format!(
                "  {}  {}, {}\n",
                file_name(&stamp.name),
                planned.document.kind_name(),
                planned.document.date
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

/// The `mets` element with its namespaces, identity and the E-ARK SIP profile.
fn mets_element<'w>(
    w: &'w mut Writer<Vec<u8>>,
    id: &str,
    label: &str,
    schemas: &str,
) -> quick_xml::writer::ElementWriter<'w, Vec<u8>> {
    let locations = format!(
        "{NS_METS} {schemas}mets.xsd {NS_XLINK} {schemas}xlink.xsd {NS_CSIP} {schemas}DILCISExtensionMETS.xsd {NS_SIP} {schemas}DILCISExtensionSIPMETS.xsd"
    );
    w.create_element("mets").with_attributes([
        ("xmlns", NS_METS),
        ("xmlns:csip", NS_CSIP),
        ("xmlns:sip", NS_SIP),
        ("xmlns:xlink", NS_XLINK),
        ("xmlns:xsi", NS_XSI),
        ("xsi:schemaLocation", locations.as_str()),
        ("OBJID", id),
        ("LABEL", label),
        ("TYPE", CONTENT_CATEGORY),
        ("csip:CONTENTINFORMATIONTYPE", "ERMS"),
        ("PROFILE", SIP_PROFILE),
    ])
}

/// A fileGrp of `files`, each with size, checksum and location. (CSIP's rules accept a
/// file group only with a content information type of its own.)
fn file_group(
    w: &mut Writer<Vec<u8>>,
    usage: &str,
    files: &[Listed],
    created: &str,
) -> io::Result<()> {
    let id = format!("grp-{}", slug(usage, 40));
    w.create_element("fileGrp")
        .with_attributes([
            ("ID", id.as_str()),
            ("USE", usage),
            ("csip:CONTENTINFORMATIONTYPE", "OTHER"),
            ("csip:OTHERCONTENTINFORMATIONTYPE", "FGS Ärendehantering"),
        ])
        .write_inner_content(|w| {
            for file in files {
                w.create_element("file")
                    .with_attributes([
                        ("ID", file.id.as_str()),
                        ("MIMETYPE", file.mime),
                        ("SIZE", &file.size.to_string()),
                        ("CREATED", created),
                        ("CHECKSUM", &file.sha256),
                        ("CHECKSUMTYPE", "SHA-256"),
                    ])
                    .write_inner_content(|w| {
                        empty(
                            w,
                            "FLocat",
                            &[
                                ("LOCTYPE", "URL"),
                                ("xlink:type", "simple"),
                                ("xlink:href", file.path.as_str()),
                            ],
                        )?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The CSIP structMap: one division for the package (labelled `label`) with what
/// `divisions` writes inside.
fn structure(
    w: &mut Writer<Vec<u8>>,
    label: &str,
    divisions: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
) -> io::Result<()> {
    w.create_element("structMap")
        .with_attributes([("ID", "structmap"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])
        .write_inner_content(|w| {
            w.create_element("div")
                .with_attributes([("ID", "div-package"), ("LABEL", label)])
                .write_inner_content(divisions)?;
            Ok(())
        })?;
    Ok(())
}

/// A structMap div pointing at `files`.
fn pointers(w: &mut Writer<Vec<u8>>, id: &str, label: &str, files: &[Listed]) -> io::Result<()> {
    w.create_element("div")
        .with_attributes([("ID", id), ("LABEL", label)])
        .write_inner_content(|w| {
            for file in files {
                empty(w, "fptr", &[("FILEID", file.id.as_str())])?;
            }
            Ok(())
        })?;
    Ok(())
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

/// The mark of a handling or ärende under sekretess (an item handled as secret), so that
/// the e-archive keeps it from the public.
fn secrecy(w: &mut Writer<Vec<u8>>, secret: bool) -> io::Result<()> {
    if secret {
        text_element(w, "securityClass", "Sekretess")?;
    }
    Ok(())
}

fn extra_id(w: &mut Writer<Vec<u8>>, kind: &str, value: &str) -> io::Result<()> {
    w.create_element("extraId")
        .with_attribute(("extraIdType", kind))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// An ERMS agent: an organ (with its municipality) or the software.
fn agent(
    w: &mut Writer<Vec<u8>>,
    kind: &str,
    name: &str,
    organisation: Option<&str>,
) -> io::Result<()> {
    w.create_element("agent")
        .with_attribute(("agentType", kind))
        .write_inner_content(|w| {
            text_element(w, "name", name)?;
            if let Some(organisation) = organisation {
                text_element(w, "organisation", organisation)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
