//! What the handbook (`docs/handbok/`) is made of besides its prose: its complete example
//! files, laid out in folders so that `check` and `build` can read them, and its pictures,
//! pages of PDFs built from the examples. `cargo run --example handbok` makes the pictures;
//! tests/handbook.rs checks the examples pass `check` and the pictures are current. The
//! reference page is [`crate::model::reference`].

use std::path::{Path, PathBuf};

use crate::output::pdf::build;
use crate::plan::BuildOptions;

/// Where the handbook lives, from the repository's root.
pub const HANDBOOK: &str = "docs/handbok";
/// Its pictures, and beside them the SHA-256 of each PDF a picture was made from.
pub const PICTURES: &str = "docs/handbok/bilder";
pub const PICTURE_SOURCES: &str = "docs/handbok/bilder/källor.txt";

/// The marker before a YAML block that is a whole file: `<!-- komplett fil: PATH -->`.
const MARKER: &str = "<!-- komplett fil:";

/// The meeting a profile of the handbook is shown with: a folder of complete files with a
/// `profil.yaml` and no meeting gets a copy of it, and of the files beside its profile
/// that it reads: the logotype and the organ's roll.
pub const PROFILE_MEETING: &str = "cases/kultur-och-fritidsnamnden/2024-09-17";
const BESIDE_THE_PROFILE: &[&str] = &[
    "cases/kultur-och-fritidsnamnden/logotyp.png",
    "cases/kultur-och-fritidsnamnden/ledamoter.yaml",
];

/// One complete file of a page: its path (relative to the page's folder) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompleteFile {
    pub path: String,
    pub text: String,
    /// The line of the page where the block begins, for messages.
    pub line: usize,
}

/// Every YAML block of `markdown` that follows a `<!-- komplett fil: PATH -->` line.
pub fn complete_files(markdown: &str) -> Result<Vec<CompleteFile>, String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut files = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(rest) = lines[at].trim().strip_prefix(MARKER) else {
            at += 1;
            continue;
        };
        let path = rest.trim_end_matches("-->").trim().to_owned();
        let opens = lines.get(at + 1).map(|l| l.trim_start());
        if !opens.is_some_and(|l| l.starts_with("```yaml")) || path.is_empty() {
            return Err(format!(
                "rad {}: efter {MARKER} PATH --> ska ett ```yaml-block komma",
                at + 1
            ));
        }
        let start = at + 2;
        let Some(length) = lines[start..].iter().position(|l| l.trim() == "```") else {
            return Err(format!("rad {}: blocket slutar aldrig", at + 2));
        };
        let mut text = lines[start..start + length].join("\n");
        text.push('\n');
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(format!("rad {}: {path} ska vara en relativ sökväg", at + 1));
        }
        files.push(CompleteFile {
            path,
            text,
            line: at + 2,
        });
        at = start + length + 1;
    }
    Ok(files)
}

/// Write `files` under `folder`, and beside each profile without a meeting the meeting
/// (with what lies beside its profile) of [`PROFILE_MEETING`] from the repository at `root`.
pub fn lay_out(files: &[CompleteFile], folder: &Path, root: &Path) -> Result<(), String> {
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    for file in files {
        let path = folder.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, &file.text).map_err(|e| io(&path, e))?;
    }
    for file in files.iter().filter(|f| f.path.ends_with("profil.yaml")) {
        let beside = folder
            .join(&file.path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| folder.to_path_buf());
        let has_meeting = files.iter().any(|other| {
            other.path.ends_with("sammantrade.yaml")
                && folder.join(&other.path).starts_with(&beside)
        });
        if has_meeting {
            continue;
        }
        let meeting = root.join(PROFILE_MEETING);
        let name = meeting.file_name().unwrap_or_default();
        copy_folder(&meeting, &beside.join(name)).map_err(|e| io(&meeting, e))?;
        for file in BESIDE_THE_PROFILE {
            let original = root.join(file);
            let copy = beside.join(original.file_name().unwrap_or_default());
            std::fs::copy(&original, &copy).map_err(|e| io(&original, e))?;
        }
    }
    Ok(())
}

fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// What a picture is made from: an example of `cases/`, or a folder of a page's complete
/// files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A folder or file under the repository's root.
    Example(&'static str),
    /// A folder of the complete files of a page of the handbook (`page`, under
    /// [`HANDBOOK`]), laid out by [`lay_out`].
    Page {
        page: &'static str,
        folder: &'static str,
    },
}

/// One picture of the handbook: a page of one PDF of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picture {
    /// The PNG's name under [`PICTURES`].
    pub png: &'static str,
    pub source: Source,
    /// How the PDF's file name ends (`_protokoll.pdf`); exactly one may.
    pub document: &'static str,
    /// The page, from 1.
    pub page: u32,
}

const KOM_IGANG: Source = Source::Page {
    page: "kom-igang.md",
    folder: "mina-arenden",
};
const MEETING: Source = Source::Example("cases/kultur-och-fritidsnamnden/2024-09-17");
/// Justerad digitally (its profile says so).
const DIGITAL: Source = Source::Example("cases/regionstyrelsen/2024-11-26");
/// Justerad in parts, kept as one protocol.
const PARTS: Source = Source::Example("cases/kommunfullmaktige/2024-10-21");
/// The meeting whose cases carry bilagor that are files.
const BILAGOR: Source = Source::Example("cases/byggnadsnamnden/2024-10-17");
/// A bolag's styrelse, with observatörer, revisorer and fackliga företrädare.
const GROUPS: Source = Source::Example("cases/ekby-energi/2024-11-20");
/// A protocol of delegeringsbeslut.
const DELEGATION: Source = Source::Example("cases/kultur-och-fritidsnamnden/2024-10-03");
const AGENDA: Source = Source::Example("cases/samhallsbyggnadsnamnden/2024-11-21");
const fn style(folder: &'static str) -> Source {
    Source::Page {
        page: "kommunens-stil.md",
        folder,
    }
}

/// Every picture of the handbook.
pub const ALL_PICTURES: &[Picture] = &[
    Picture {
        png: "kom-igang-tjansteutlatande.png",
        source: KOM_IGANG,
        document: "_tjansteutlatande_kfn-2025-17.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-kallelse.png",
        source: MEETING,
        document: "_kallelse.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-delpunkter.png",
        source: AGENDA,
        document: "_kallelse.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-protokoll.png",
        source: MEETING,
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-bilaga-ritning.png",
        source: BILAGOR,
        document: "_handlingar.pdf",
        page: 6,
    },
    Picture {
        png: "sammantrade-bilaga-offentlig.png",
        source: BILAGOR,
        document: "_handlingar-offentlig.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-protokollsutdrag.png",
        source: MEETING,
        document: "_protokollsutdrag_p001_kfn-2024-201.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-delegeringsbeslut.png",
        source: DELEGATION,
        document: "_protokoll-delegeringsbeslut.pdf",
        page: 1,
    },
    Picture {
        png: "sammantrade-anslag.png",
        source: MEETING,
        document: "_anslag.pdf",
        page: 1,
    },
    Picture {
        png: "digital-justering.png",
        source: DIGITAL,
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "digital-justering-utdrag.png",
        source: DIGITAL,
        document: "_protokollsutdrag_p302_rs-2024-0877.pdf",
        page: 1,
    },
    Picture {
        png: "justering-i-delar.png",
        source: PARTS,
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "justering-i-delar-anslag.png",
        source: PARTS,
        document: "_protokoll.pdf",
        page: 2,
    },
    Picture {
        png: "stil-omrostningslista.png",
        source: PARTS,
        document: "_protokoll.pdf",
        page: 3,
    },
    Picture {
        png: "sammantrade-grupper.png",
        source: GROUPS,
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-fore-protokoll-1.png",
        source: style("stil/före"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-fore-protokoll-2.png",
        source: style("stil/före"),
        document: "_protokoll.pdf",
        page: 2,
    },
    Picture {
        png: "stil-fore-tjansteutlatande.png",
        source: style("stil/före"),
        document: "_tjansteutlatande_kfn-2024-201.pdf",
        page: 1,
    },
    Picture {
        png: "stil-fore-anslag.png",
        source: style("stil/före"),
        document: "_anslag.pdf",
        page: 1,
    },
    Picture {
        png: "stil-brevhuvud.png",
        source: style("stil/brevhuvud"),
        document: "_tjansteutlatande_kfn-2024-201.pdf",
        page: 1,
    },
    Picture {
        png: "stil-utseende.png",
        source: style("stil/utseende"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-etiketter.png",
        source: style("stil/etiketter"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-datum.png",
        source: style("stil/datum"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-namn.png",
        source: style("stil/namn"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-forsattsblad.png",
        source: style("stil/försättsblad"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-block.png",
        source: style("stil/block"),
        document: "_protokoll.pdf",
        page: 1,
    },
    Picture {
        png: "stil-paragraf.png",
        source: style("stil/paragraf"),
        document: "_protokoll.pdf",
        page: 2,
    },
    Picture {
        png: "stil-rubriker.png",
        source: style("stil/rubriker"),
        document: "_protokoll.pdf",
        page: 2,
    },
    Picture {
        png: "stil-tjansteskrivelse.png",
        source: style("stil/tjänsteskrivelse"),
        document: "_tjansteskrivelse_kfn-2024-201.pdf",
        page: 1,
    },
    Picture {
        png: "stil-anslag.png",
        source: style("stil/anslag"),
        document: "_anslag.pdf",
        page: 1,
    },
];

/// Build what every picture is made from, under `scratch`, and give each picture its PDF.
/// Each source is built once.
pub fn picture_pdfs(root: &Path, scratch: &Path) -> Result<Vec<(Picture, PathBuf)>, String> {
    let mut built: Vec<(Source, PathBuf)> = Vec::new();
    let mut found = Vec::new();
    for picture in ALL_PICTURES {
        let out = match built.iter().find(|(source, _)| *source == picture.source) {
            Some((_, out)) => out.clone(),
            None => {
                let out = scratch.join(format!("ut-{}", built.len()));
                let input = match picture.source {
                    Source::Example(path) => root.join(path),
                    Source::Page { page, folder } => {
                        let pages = scratch.join(format!("sidor-{}", built.len()));
                        let markdown = std::fs::read_to_string(root.join(HANDBOOK).join(page))
                            .map_err(|e| format!("{page}: {e}"))?;
                        let files =
                            complete_files(&markdown).map_err(|e| format!("{page}: {e}"))?;
                        lay_out(&files, &pages, root)?;
                        pages.join(folder)
                    }
                };
                build(&[input], &out, &BuildOptions::default()).map_err(|e| e.to_string())?;
                built.push((picture.source, out.clone()));
                out
            }
        };
        let names: Vec<PathBuf> = std::fs::read_dir(&out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.file_name()
                    .is_some_and(|n| n.to_string_lossy().ends_with(picture.document))
            })
            .collect();
        match names.as_slice() {
            [pdf] => found.push((*picture, pdf.clone())),
            _ => {
                return Err(format!(
                    "{}: {} PDF:er slutar på {}",
                    picture.png,
                    names.len(),
                    picture.document
                ));
            }
        }
    }
    Ok(found)
}

/// The line [`PICTURE_SOURCES`] has for a picture: the PDF's SHA-256, the picture, the
/// PDF's name and the page.
pub fn source_line(picture: &Picture, pdf: &[u8], pdf_name: &str) -> String {
    use sha2::Digest;
    format!(
        "{}  {}  {pdf_name} sida {}\n",
        hex::encode(sha2::Sha256::digest(pdf)),
        picture.png,
        picture.page
    )
}
