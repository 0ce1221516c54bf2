//! Beside the pipeline: the municipality's published web site (`paragraf publish`). The
//! digital anslagstavla (KL 8 kap. 9 §) with the notices current on a day, the past ones
//! on an archive page and all of them in an Atom feed; a page per protocol and per
//! extract beside its PDF web copy. Pages are made from the same views as the PDFs, with
//! the web copy's rules: personal data replaced, secret §§ reduced to their heading,
//! secret items' extracts left out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::{Serde, merge_maps};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Planned;
use crate::cache::hex;
use crate::derive::{DocumentKind, NoticeView, ProfileView, View};
use crate::error::Result;
use crate::render::html::{self, HtmlRenderer};
use crate::write::OutputFile;

/// The anslagstavla's folder: its pages, its feed and the anslag PDFs.
pub const BOARD: &str = "anslagstavla";
/// The protocols' and extracts' pages and PDFs.
pub const PROTOCOLS: &str = "protokoll";
/// The logos the pages show, named by their content.
const IMAGES: &str = "bilder";
/// The colour of pages whose profile gives none: white text on it has a contrast of
/// 10.9:1.
const DEFAULT_COLOUR: &str = "#1d3f6e";

/// What the site is published as.
#[derive(Debug, Clone)]
pub struct Site {
    /// The day the anslagstavla shows: notices posted by then and not yet past their
    /// last day to appeal are current, earlier ones are in the archive.
    pub on: NaiveDate,
    /// The address the folder is served at (`https://ekby.se/politik`), for the feed's
    /// links and ids; without it they are relative.
    pub address: Option<String>,
}

/// Keep the documents the site shows (protocols, extracts, anslag) and put each in its
/// folder: protocols and extracts beside their pages, anslag on the anslagstavla.
pub fn place(planned: &mut Vec<Planned>) {
    planned.retain(|p| {
        matches!(
            p.document.kind,
            DocumentKind::Protocol | DocumentKind::Extract | DocumentKind::Notice
        )
    });
    for p in planned.iter_mut() {
        let folder = match p.document.kind {
            DocumentKind::Notice => BOARD,
            _ => PROTOCOLS,
        };
        p.stem = format!("{folder}/{}", p.stem);
    }
}

/// The look of a page: the profile's name, logo and colour.
#[derive(Debug, Clone, Serialize, PartialEq)]
struct Brand {
    name: Option<String>,
    logo: Option<LogoLink>,
    colour: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
struct LogoLink {
    /// From the site's root.
    src: String,
    alt: String,
}

/// A link from one page to another document: its file without the extension, from the
/// site's root.
#[derive(Debug, Clone, Serialize)]
struct DocumentLink {
    paragraph: Option<String>,
    title: String,
    page: String,
    pdf: String,
}

/// A notice on the anslagstavla or in the feed.
#[derive(Debug, Clone, Serialize)]
struct Notice<'a> {
    notice: &'a NoticeView,
    municipality: Option<String>,
    /// The anslag's own PDF.
    pdf: String,
    /// The protocol's page and PDF web copy, when the protocol is published.
    protocol: Option<DocumentLink>,
    /// A stable id for the feed.
    id: String,
}

/// The HTML pages, the feed, the stylesheet and the logos of the site whose PDFs are
/// `planned` (as [`place`] left them).
pub fn pages(planned: &[Planned], renderer: &HtmlRenderer, site: &Site) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    let mut images = BTreeMap::new();
    let mut brand_of = |profile: &ProfileView| {
        let logo = profile.logo.as_ref().and_then(|logo| {
            let (name, bytes) = profile.images.first()?;
            let extension = name.rsplit('.').next().unwrap_or("bild");
            let hash = hex(&Sha256::digest(bytes.as_ref()))[..16].to_owned();
            let src = format!("{IMAGES}/{hash}.{extension}");
            images.insert(src.clone(), bytes.clone());
            Some(LogoLink {
                src,
                alt: logo.alt.clone(),
            })
        });
        Brand {
            name: profile.municipality.clone(),
            logo,
            colour: profile
                .colour
                .clone()
                .unwrap_or_else(|| DEFAULT_COLOUR.to_owned()),
        }
    };
    let link = |p: &Planned| DocumentLink {
        paragraph: p.document.paragraph.map(|n| n.to_string()),
        title: p.document.title.clone(),
        page: format!("{}.html", p.stem),
        pdf: format!("{}.pdf", p.stem),
    };
    let same_part =
        |a: &Planned, b: &Planned| a.meeting == b.meeting && a.document.part == b.document.part;
    let of_kind = |kind: DocumentKind| planned.iter().filter(move |p| p.document.kind == kind);

    for p in planned {
        let brand = brand_of(&p.document.profile);
        let common = |own: &DocumentLink| {
            minijinja::context! {
                root => "../",
                brand => Value::from(Serde(&brand)),
                profile => Value::from(Serde(&p.document.profile)),
                publish => true,
                this => Value::from(Serde(own)),
            }
        };
        let own = link(p);
        let (template, context) = match &p.document.view {
            View::Protocol(view) => {
                let extracts: Vec<DocumentLink> = of_kind(DocumentKind::Extract)
                    .filter(|e| e.meeting == p.meeting)
                    .map(link)
                    .collect();
                let context = merge_maps([
                    minijinja::context! { extracts => Value::from(Serde(&extracts)) },
                    common(&own),
                    Value::from(Serde(view)),
                ]);
                (html::PROTOCOL_TEMPLATE, context)
            }
            View::Extract(view) => {
                // The protocol of the justering that holds the § (a meeting justerad in
                // parts has several).
                let holds = |q: &&Planned| match &q.document.view {
                    View::Protocol(protocol) => {
                        q.meeting == p.meeting
                            && protocol.items.iter().any(|i| i.anchor == view.item.anchor)
                    }
                    _ => false,
                };
                let protocol = of_kind(DocumentKind::Protocol).find(holds).map(link);
                let context = merge_maps([
                    minijinja::context! { protocol => Value::from(Serde(&protocol)) },
                    common(&own),
                    Value::from(Serde(view)),
                ]);
                (html::EXTRACT_TEMPLATE, context)
            }
            _ => continue,
        };
        let text = renderer.render(template, context, &p.document.redactions)?;
        files.push(OutputFile {
            name: own.page.clone(),
            bytes: text.into_bytes(),
        });
    }

    // The anslagstavla: notices posted by the day, newest first.
    let mut notices: Vec<(&Planned, Notice)> = of_kind(DocumentKind::Notice)
        .filter_map(|p| match &p.document.view {
            View::Notice(view) if view.dates.posted <= site.on => Some((p, view)),
            _ => None,
        })
        .map(|(p, view)| {
            let protocol = of_kind(DocumentKind::Protocol)
                .find(|q| same_part(p, q))
                .map(link);
            let notice = Notice {
                notice: view,
                municipality: p.document.profile.municipality.clone(),
                pdf: format!("{}.pdf", p.stem),
                protocol,
                id: format!("urn:uuid:{}", uuid_of(&p.stem)),
            };
            (p, notice)
        })
        .collect();
    notices.sort_by(|(a, x), (b, y)| {
        (y.notice.dates.posted, &a.document.committee, &a.stem).cmp(&(
            x.notice.dates.posted,
            &b.document.committee,
            &b.stem,
        ))
    });
    let redactions: Vec<String> = notices
        .iter()
        .flat_map(|(p, _)| p.document.redactions.iter().cloned())
        .collect();
    // The site has one look when all its documents share one profile's; else a neutral one.
    let brands: Vec<Brand> = planned
        .iter()
        .map(|p| brand_of(&p.document.profile))
        .collect();
    let brand = match brands.first() {
        Some(first) if brands.iter().all(|b| b == first) => first.clone(),
        _ => Brand {
            name: None,
            logo: None,
            colour: DEFAULT_COLOUR.to_owned(),
        },
    };
    let (current, past): (Vec<&Notice>, Vec<&Notice>) = notices
        .iter()
        .map(|(_, n)| n)
        .partition(|n| n.notice.dates.appeal_last_day >= site.on);
    let board = |archive: bool, shown: &[&Notice]| {
        minijinja::context! {
            root => "../",
            brand => Value::from(Serde(&brand)),
            archive => archive,
            notices => Value::from(Serde(shown)),
            on => site.on.to_string(),
            on_long => crate::swedish::long_date(site.on),
            other_count => if archive { current.len() } else { past.len() },
        }
    };
    for (name, archive, shown) in [("index.html", false, &current), ("arkiv.html", true, &past)] {
        let text = renderer.render(html::BOARD_TEMPLATE, board(archive, shown), &redactions)?;
        files.push(OutputFile {
            name: format!("{BOARD}/{name}"),
            bytes: text.into_bytes(),
        });
    }
    let all: Vec<&Notice> = notices.iter().map(|(_, n)| n).collect();
    let address = site.address.as_deref().map(|a| a.trim_end_matches('/'));
    let feed = minijinja::context! {
        brand => Value::from(Serde(&brand)),
        notices => Value::from(Serde(&all)),
        base => address.map(|a| format!("{a}/{BOARD}/")),
        id => match address {
            Some(a) => format!("{a}/{BOARD}/flode.xml"),
            None => format!("urn:uuid:{}", uuid_of(brand.name.as_deref().unwrap_or(BOARD))),
        },
        updated => all.first().map_or(site.on, |n| n.notice.dates.posted).to_string(),
    };
    let text = renderer.render(html::FEED_TEMPLATE, feed, &redactions)?;
    files.push(OutputFile {
        name: format!("{BOARD}/flode.xml"),
        bytes: text.into_bytes(),
    });
    files.push(OutputFile {
        name: html::STYLESHEET.to_owned(),
        bytes: renderer.stylesheet().as_bytes().to_vec(),
    });
    files.extend(images.into_iter().map(|(name, bytes)| OutputFile {
        name,
        bytes: bytes.to_vec(),
    }));
    Ok(files)
}

/// A name-based UUID (the form of version 5, from SHA-256): the same document always has
/// the same id in the feed.
fn uuid_of(name: &str) -> String {
    let mut bytes: [u8; 16] = Sha256::digest(name.as_bytes())[..16]
        .try_into()
        .unwrap_or([0; 16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
