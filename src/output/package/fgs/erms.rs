//! The package's description of its records in CITS ERMS 3 (FGS Ärendehantering): the
//! arkivbildare, each ärende with its beslut and handlingar, the meeting's own handlingar.

use std::collections::BTreeMap;
use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::{DATA, NS_XSI, Package, empty, file_name, finish, text_element, xml_writer};
use crate::cache::Stamp;
use crate::derive::{DocumentKind, View};
use crate::plan::Planned;

const NS_ERMS: &str = "https://DILCIS.eu/XML/ERMS";

impl Package<'_> {
    /// The ERMS document: the arkivbildare, each ärende (by diarienummer) with its beslut
    /// and handlingar, and the meeting's own handlingar (protokoll, kallelse, anslag).
    pub(super) fn erms(&self, created: &str) -> io::Result<Vec<u8>> {
        let mut cases: BTreeMap<&str, Vec<&(&Planned, &Stamp)>> = BTreeMap::new();
        let mut meeting = Vec::new();
        for entry in &self.documents {
            // A § of several cases is filed under the first; its record names each.
            match entry.0.document.dnr.first() {
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
                } else if let Some(dnr) = documents.iter().find_map(|(p, _)| {
                    (p.document.kind == DocumentKind::Protocol)
                        .then(|| p.document.dnr.first())
                        .flatten()
                }) {
                    // The meeting's own file under the protocol's diarienummer.
                    extra_id(w, "diarienummer", dnr)?;
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
                for dnr in &document.dnr {
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
                self.signatures(w, &stamp.name)?;
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
}

impl Package<'_> {
    /// A signed handling's signatures: who signed in which role and when, as notes, and
    /// that it carries them (eSignature present), in the order ERMS 3 gives a record.
    fn signatures(&self, w: &mut Writer<Vec<u8>>, file: &str) -> io::Result<()> {
        let Some(signatures) = self.signed.get(file).filter(|s| !s.is_empty()) else {
            return Ok(());
        };
        w.create_element("notes").write_inner_content(|w| {
            for signature in signatures {
                w.create_element("note")
                    .with_attribute(("noteType", "eSignature"))
                    .write_text_content(BytesText::new(signature))?;
            }
            Ok(())
        })?;
        w.create_element("eSignatures").write_inner_content(|w| {
            for _ in signatures {
                empty(w, "eSignature", &[("present", "true")])?;
            }
            Ok(())
        })?;
        Ok(())
    }
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
