//! The package's two METS files (E-ARK CSIP + SIP 2.1): the root, listing every file but
//! the PDFs with the CSIP structure, and the representation's, listing the PDFs.

use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::{
    Listed, NS_XSI, Package, REPRESENTATION_METS, empty, finish, text_element, xml_writer,
};
use crate::write::slug;

const NS_METS: &str = "http://www.loc.gov/METS/";
const NS_CSIP: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const NS_SIP: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const NS_XLINK: &str = "http://www.w3.org/1999/xlink";
const SIP_PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// The content category of CSIP's vocabulary (with its en dash).
const CONTENT_CATEGORY: &str = "Textual works – Digital";

impl Package<'_> {
    /// The root METS: the package, its agents, every file but the PDFs (which the
    /// representation's METS lists) and the CSIP structure.
    pub(super) fn root_mets(
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
    pub(super) fn representation_mets(&self, created: &str) -> io::Result<Vec<u8>> {
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
