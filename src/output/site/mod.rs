//! Beside the pipeline: the municipality's published web site (`paragraf publish`). The
//! digital anslagstavla (KL 8 kap. 9 §) with the notices current on a day, the past ones
//! on an archive page and all of them in an Atom feed; a page per protocol and per
//! extract beside its PDF web copy. Pages are made from the same views as the PDFs, with
//! the web copy's rules: personal data replaced, secret §§ reduced to their heading,
//! secret items' extracts left out.

mod logo;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::{Serde, merge_maps};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::pdf::{self, Placed};
use super::{Placement, Report, prepare};
use crate::derive::{DocumentKind, NoticeView, ProfileView, View};
use crate::error::{Problem, Result};
use crate::model::{BundledFace, Typefaces, labels};
use crate::plan::{BuildOptions, Planned};
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

/// Where the site puts a document's PDF and page: protocols and extracts beside their
/// pages, anslag on the anslagstavla; none for the documents the site does not show.
fn placement(planned: &Planned) -> Option<Placement> {
    let folder = match planned.document.kind {
        DocumentKind::Notice => BOARD,
        DocumentKind::Protocol | DocumentKind::Extract => PROTOCOLS,
        _ => return None,
    };
    Some(Placement::under(folder, &planned.stem))
}

/// The site's name of a document's file without extension, from the site's root.
fn path(p: &Placed) -> String {
    format!("{}/{}", p.place.folder, p.place.stem)
}

/// The look of a page: the profile's name, logo and colour.
#[derive(Debug, Clone, Serialize, PartialEq)]
struct Brand {
    name: Option<String>,
    logo: Option<LogoLink>,
    colour: String,
    /// The profile's faces as CSS font stacks (text, headings), when it names its own.
    faces: Option<(String, String)>,
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
    /// The labels of the notice's profile, in which the board tells it.
    labels: &'a BTreeMap<&'static str, String>,
    municipality: Option<String>,
    /// The anslag's own PDF.
    pdf: String,
    /// The protocol's page and PDF web copy, when the protocol is published.
    protocol: Option<DocumentLink>,
    /// A stable id for the feed.
    id: String,
}

/// The HTML pages, the feed, the stylesheet and the logos of the site whose PDFs are
/// `planned`.
fn pages(planned: &[Placed], renderer: &HtmlRenderer, site: &Site) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    let mut images = BTreeMap::new();
    // A logo is published as logo::published makes it: named by its content's kind, an
    // SVG rebuilt without anything that could run or fetch.
    let mut brand_of = |profile: &ProfileView| -> Result<Brand> {
        let logo = match (profile.logo.as_ref(), profile.images.first()) {
            (Some(logo), Some((name, bytes))) => {
                let (extension, published) = logo::published(bytes).map_err(|why| {
                    Problem::in_file(
                        std::path::Path::new(name),
                        format!("logotypen kan inte publiceras: {why}"),
                    )
                })?;
                let hash = hex::encode(Sha256::digest(&published))[..16].to_owned();
                let src = format!("{IMAGES}/{hash}.{extension}");
                images.insert(src.clone(), published);
                Some(LogoLink {
                    src,
                    alt: logo.alt.clone(),
                })
            }
            _ => None,
        };
        Ok(Brand {
            name: profile.municipality.clone(),
            logo,
            colour: profile
                .colour
                .clone()
                .unwrap_or_else(|| DEFAULT_COLOUR.to_owned()),
            faces: (profile.typefaces != Typefaces::default()).then(|| {
                (
                    profile
                        .typefaces
                        .brödtext
                        .css_stack(BundledFace::LiberationSerif),
                    profile
                        .typefaces
                        .rubriker
                        .css_stack(BundledFace::LiberationSans),
                )
            }),
        })
    };
    let link = |p: &Placed| DocumentLink {
        // The § as the extract prints it (`BN § 167/24`), not its file name's number.
        paragraph: match &p.planned.document.view {
            View::Extract(view) => Some(view.item.paragraph.clone()),
            _ => p.planned.document.paragraph.map(|n| n.to_string()),
        },
        title: p.planned.document.title.clone(),
        page: p.place.file("html"),
        pdf: p.place.file("pdf"),
    };
    // A notice and a protocol or extract of the same meeting holding one of its §§ (one
    // protocol justerat in parts holds the §§ of several notices).
    let holds = |notice: &Placed, other: &Placed| {
        let View::Notice(view) = &notice.planned.document.view else {
            return false;
        };
        let anchors: Vec<usize> = match &other.planned.document.view {
            View::Protocol(protocol) => protocol.items.iter().map(|i| i.anchor).collect(),
            View::Extract(extract) => vec![extract.item.anchor],
            _ => Vec::new(),
        };
        notice.planned.meeting == other.planned.meeting
            && view.items.iter().any(|i| anchors.contains(i))
    };
    let of_kind = |kind: DocumentKind| {
        planned
            .iter()
            .filter(move |p| p.planned.document.kind == kind)
    };

    // A site of a bolag's styrelse alone has no anslagstavla: nothing of it is posted.
    let board_kept = planned
        .iter()
        .any(|p| p.planned.document.profile.posts_notices);
    for p in planned {
        let brand = brand_of(&p.planned.document.profile)?;
        let common = |own: &DocumentLink| {
            minijinja::context! {
                root => "../",
                board => board_kept,
                brand => Value::from(Serde(&brand)),
                labels => Value::from(Serde(&p.planned.document.profile.labels)),
                profile => Value::from(Serde(&p.planned.document.profile)),
                web_copy => true,
                this => Value::from(Serde(own)),
            }
        };
        let own = link(p);
        let (template, context) = match &p.planned.document.view {
            View::Protocol(view) => {
                let extracts: Vec<DocumentLink> = of_kind(DocumentKind::Extract)
                    .filter(|e| e.planned.meeting == p.planned.meeting)
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
                let holder = |q: &&Placed| match &q.planned.document.view {
                    View::Protocol(protocol) => {
                        q.planned.meeting == p.planned.meeting
                            && protocol.items.iter().any(|i| i.anchor == view.item.anchor)
                    }
                    _ => false,
                };
                let protocol = of_kind(DocumentKind::Protocol).find(holder).map(link);
                // The anslag from which the time to appeal the § runs.
                let notice = of_kind(DocumentKind::Notice)
                    .find(|q| holds(q, p))
                    .map(link);
                let context = merge_maps([
                    minijinja::context! {
                        protocol => Value::from(Serde(&protocol)),
                        notice_link => Value::from(Serde(&notice)),
                    },
                    common(&own),
                    Value::from(Serde(view)),
                ]);
                (html::EXTRACT_TEMPLATE, context)
            }
            _ => continue,
        };
        let text = renderer.render(template, context, &p.planned.document.redactions)?;
        files.push(OutputFile {
            name: own.page.clone(),
            bytes: text.into_bytes(),
        });
    }

    // The anslagstavla: notices posted by the day, newest first.
    let mut notices: Vec<(&Placed, Notice)> = of_kind(DocumentKind::Notice)
        .filter_map(|p| match &p.planned.document.view {
            View::Notice(view) if view.dates.posted <= site.on => Some((p, view)),
            _ => None,
        })
        .map(|(p, view)| {
            let protocol = of_kind(DocumentKind::Protocol)
                .find(|q| holds(p, q))
                .map(link);
            let notice = Notice {
                notice: view,
                labels: &p.planned.document.profile.labels,
                municipality: p.planned.document.profile.municipality.clone(),
                pdf: p.place.file("pdf"),
                protocol,
                id: format!("urn:uuid:{}", uuid_of(&path(p))),
            };
            (p, notice)
        })
        .collect();
    notices.sort_by(|(a, x), (b, y)| {
        (
            y.notice.dates.posted,
            &a.planned.document.committee,
            path(a),
        )
            .cmp(&(
                x.notice.dates.posted,
                &b.planned.document.committee,
                path(b),
            ))
    });
    let redactions: Vec<String> = notices
        .iter()
        .flat_map(|(p, _)| p.planned.document.redactions.iter().cloned())
        .collect();
    // The site has one look when all its documents share one profile's; else a neutral one.
    let brands: Vec<Brand> = planned
        .iter()
        .map(|p| brand_of(&p.planned.document.profile))
        .collect::<Result<_>>()?;
    let brand = shared(&brands).unwrap_or_else(|| Brand {
        name: None,
        logo: None,
        colour: DEFAULT_COLOUR.to_owned(),
        faces: None,
    });
    // And its words, likewise: the catalogue's own where the profiles differ.
    let all_labels: Vec<&BTreeMap<&str, String>> = planned
        .iter()
        .map(|p| &p.planned.document.profile.labels)
        .collect();
    let labels = shared(&all_labels)
        .cloned()
        .unwrap_or_else(|| labels::all(&BTreeMap::new()));
    let (current, past): (Vec<&Notice>, Vec<&Notice>) = notices
        .iter()
        .map(|(_, n)| n)
        .partition(|n| n.notice.dates.appeal_last_day >= site.on);
    let board = |archive: bool, shown: &[&Notice]| {
        minijinja::context! {
            root => "../",
            brand => Value::from(Serde(&brand)),
            labels => Value::from(Serde(&labels)),
            board => true,
            archive => archive,
            notices => Value::from(Serde(shown)),
            on => site.on.to_string(),
            on_long => crate::swedish::long_date(site.on),
            other_count => if archive { current.len() } else { past.len() },
        }
    };
    if board_kept {
        for (name, archive, shown) in [("index.html", false, &current), ("arkiv.html", true, &past)]
        {
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
            labels => Value::from(Serde(&labels)),
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
    }
    files.push(OutputFile {
        name: html::STYLESHEET.to_owned(),
        bytes: renderer.stylesheet().as_bytes().to_vec(),
    });
    files.extend(
        images
            .into_iter()
            .map(|(name, bytes)| OutputFile { name, bytes }),
    );
    Ok(files)
}

/// The published web site: the anslagstavla as on `site.on`, a page per protocol and
/// extract with its PDF web copy, the feed; written all or nothing, every document
/// typeset (like an export, it trusts no earlier build).
pub fn publish(
    paths: &[std::path::PathBuf],
    out_dir: &std::path::Path,
    options: &BuildOptions,
    site: &Site,
) -> Result<Report> {
    let options = BuildOptions {
        emit_typst: false,
        web_copy: true,
        ..options.clone()
    };
    let (planned, warnings) = prepare(paths, &options)?;
    let placed: Vec<Placed> = planned
        .iter()
        .filter_map(|planned| {
            let place = placement(planned)?;
            Some(Placed { planned, place })
        })
        .collect();
    let renderer = HtmlRenderer::new(&pdf::templates(&options)?)?;
    let names = pdf::file_names(&placed, false);
    let stage = crate::write::Stage::open(out_dir, names.iter().map(String::as_str))?;
    let made = pdf::make(&placed, &stage, &options, None)?;
    let mut written = pdf::written(&made);
    for file in pages(&placed, &renderer, site)? {
        written.push(stage.put(&file)?);
    }
    stage.commit()?;
    Ok(Report::of(written, &placed, &made, warnings))
}

/// What all of `each` are, when they are the same.
fn shared<T: PartialEq + Clone>(each: &[T]) -> Option<T> {
    let first = each.first()?;
    each.iter().all(|x| x == first).then(|| first.clone())
}

/// A name-based UUID (version 5, RFC 9562: SHA-1 of the name in the URL namespace):
/// the same document always has the same id in the feed.
fn uuid_of(name: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}
