//! The way back: the YAML files attached to a PDF, byte for byte. Not a stage of the
//! pipeline but its inverse, for the registrar who holds only the PDF.

use std::path::{Component, Path, PathBuf};

use lopdf::{Document, Object};

use crate::error::{Error, Problem, Result};
use crate::write::OutputFile;

/// The largest attached file given back: a YAML source is at most 4 MiB (the limit it is
/// read with), a logo 1 MiB.
const MAX_ATTACHMENT_BYTES: usize = 4 << 20;

/// The largest PDF read.
const MAX_PDF_BYTES: u64 = 512 << 20;

/// All attached files of one PDF together, unpacked: a handlingar packet attaches its
/// meeting's cases, some megabytes; one small stream named thousands of times must not
/// unpack into gigabytes.
const MAX_TOTAL_BYTES: usize = 64 << 20;

/// The nodes of a name tree visited at most: a real one has one to a few.
const MAX_TREE_NODES: usize = 10_000;

/// What a walk through a name tree has seen so far.
#[derive(Default)]
struct Walk {
    found: Vec<Attached>,
    /// The tree's nodes by object number: a node reached twice (a loop, or a node listed
    /// twice so that the walk doubles at every level) is refused.
    visited: std::collections::BTreeSet<lopdf::ObjectId>,
    nodes: usize,
    bytes: usize,
}

/// One attached file: its name within the nämnd's folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files attached to the PDF at `path`, in the order of its name tree.
pub fn attachments(path: &Path) -> Result<Vec<Attached>> {
    attachments_in(&read_pdf(path)?, path)
}

/// The bytes of the PDF at `path`, at most [`MAX_PDF_BYTES`].
pub fn read_pdf(path: &Path) -> Result<Vec<u8>> {
    let bytes = crate::model::files::read_regular(path, MAX_PDF_BYTES)
        .map_err(|why| Problem::in_file(path, why))?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(Problem::in_file(path, "PDF-filen är större än 512 MiB").into());
    }
    Ok(bytes)
}

/// The files attached to the PDF `bytes` (read from `path`, which problems name).
pub fn attachments_in(bytes: &[u8], path: &Path) -> Result<Vec<Attached>> {
    let broken = |what: &str| {
        Error::from(Problem::in_file(
            path,
            format!("PDF-filen går inte att läsa: {what}"),
        ))
    };
    let document = Document::load_mem(bytes).map_err(|e| broken(&e.to_string()))?;
    let catalog = document.catalog().map_err(|e| broken(&e.to_string()))?;
    let tree = catalog
        .get_deref(b"Names", &document)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &document))
        .and_then(Object::as_dict);
    let Ok(tree) = tree else {
        return Ok(Vec::new());
    };
    let mut walk = Walk::default();
    collect(&document, tree, &mut walk, 0).map_err(|e| broken(&e.to_string()))?;
    Ok(walk.found)
}

/// Walk a name tree (`/Names [name filespec …]`, `/Kids [...]`), each node once.
fn collect(
    document: &Document,
    node: &lopdf::Dictionary,
    walk: &mut Walk,
    depth: usize,
) -> lopdf::Result<()> {
    let refused = |why: &str| Err(lopdf::Error::InvalidStream(why.to_owned()));
    walk.nodes += 1;
    if depth > 32 || walk.nodes > MAX_TREE_NODES {
        return refused("namnträdet för bifogade filer är för djupt eller för stort");
    }
    if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks(2) {
            let [name, spec] = pair else { continue };
            let spec = document.dereference(spec)?.1.as_dict()?;
            let name = spec
                .get(b"UF")
                .or_else(|_| spec.get(b"F"))
                .and_then(lopdf::decode_text_string)
                .or_else(|_| lopdf::decode_text_string(name))?;
            let stream = spec
                .get_deref(b"EF", document)?
                .as_dict()?
                .get_deref(b"F", document)?
                .as_stream()?;
            let bytes = inflate(stream).ok_or_else(|| {
                lopdf::Error::InvalidStream(format!(
                    "den bifogade filen {name} är större än 4 MiB uppackad, eller packad på ett okänt sätt"
                ))
            })?;
            walk.bytes += bytes.len();
            if walk.bytes > MAX_TOTAL_BYTES {
                return refused("de bifogade filerna är tillsammans större än 64 MiB uppackade");
            }
            walk.found.push(Attached { name, bytes });
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            if let Object::Reference(id) = kid
                && !walk.visited.insert(*id)
            {
                return refused("namnträdet för bifogade filer når samma nod två gånger");
            }
            collect(
                document,
                document.dereference(kid)?.1.as_dict()?,
                walk,
                depth + 1,
            )?;
        }
    }
    Ok(())
}

/// The content of an attached file's stream, unpacked through its filters (none, or
/// FlateDecode any number of times) with [`MAX_ATTACHMENT_BYTES`] as the limit of each
/// step: a small PDF can hold a nested stream that unpacks into gigabytes.
fn inflate(stream: &lopdf::Stream) -> Option<Vec<u8>> {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Err(_) => Vec::new(),
        Ok(Object::Name(name)) => vec![name.clone()],
        Ok(Object::Array(names)) => names
            .iter()
            .map(|n| n.as_name().map(<[u8]>::to_vec))
            .collect::<lopdf::Result<_>>()
            .ok()?,
        Ok(_) => return None,
    };
    let mut bytes = stream.content.clone();
    for filter in filters {
        if filter != b"FlateDecode" {
            return None;
        }
        bytes =
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_ATTACHMENT_BYTES)
                .ok()?;
    }
    (bytes.len() <= MAX_ATTACHMENT_BYTES).then_some(bytes)
}

/// The files attached to `pdf`, as files to write: each name once, none a folder of
/// another, none leading out of the folder they are written to.
pub fn files(pdf: &Path) -> Result<Vec<OutputFile>> {
    files_in(&read_pdf(pdf)?, pdf)
}

/// [`files`] of the PDF `bytes`, read from `pdf`.
pub fn files_in(bytes: &[u8], pdf: &Path) -> Result<Vec<OutputFile>> {
    let attached = attachments_in(bytes, pdf)?;
    if attached.is_empty() {
        return Err(Problem::in_file(pdf, "PDF-filen har ingen bifogad källfil").into());
    }
    let mut problems = Vec::new();
    let mut files: Vec<OutputFile> = Vec::new();
    for a in attached {
        let name = match target(Path::new(""), &a.name) {
            Ok(name) => name.to_string_lossy().into_owned(),
            Err(e) => {
                problems.extend(e.problems);
                continue;
            }
        };
        let clash = files.iter().find(|f| {
            f.name == name
                || name.starts_with(&format!("{}/", f.name))
                || f.name.starts_with(&format!("{name}/"))
        });
        if let Some(other) = clash {
            problems.push(Problem::in_file(
                pdf,
                format!(
                    "två bifogade filer skulle skrivas till samma plats ({name}, {}); inget skrivs",
                    other.name
                ),
            ));
            continue;
        }
        files.push(OutputFile {
            name,
            bytes: a.bytes,
        });
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Error::new(problems))
    }
}

/// Where an attachment named `name` goes under `dir`: its relative path, refused if it
/// would lead out of `dir` (a PDF from elsewhere may carry any name).
pub fn target(dir: &Path, name: &str) -> Result<PathBuf> {
    let relative = Path::new(name);
    let safe = !name.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(Problem::in_file(
            Path::new(name),
            "den bifogade filens namn leder ut ur målmappen; den skrivs inte",
        )
        .into());
    }
    Ok(dir.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_target_folder() {
        let dir = Path::new("/tmp/ut");
        assert_eq!(
            target(dir, "2015-03-24/sammantrade.yaml").ok(),
            Some(dir.join("2015-03-24/sammantrade.yaml"))
        );
        assert!(target(dir, "../etc/passwd").is_err());
        assert!(target(dir, "/etc/passwd").is_err());
        assert!(target(dir, "a/../../b").is_err());
        assert!(target(dir, "").is_err());
    }

    /// A PDF whose embedded-files name tree is `levels` nodes deep, each listing the next
    /// node twice (the walk would double at every level), the last naming `file` `count`
    /// times, packed with FlateDecode.
    fn hostile_pdf(levels: usize, file: &[u8], count: usize) -> Vec<u8> {
        use lopdf::{Dictionary, Stream, dictionary};
        let mut document = Document::with_version("1.7");
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(file, 9);
        let stream = document.add_object(Stream::new(
            dictionary! { "Type" => "EmbeddedFile", "Filter" => "FlateDecode" },
            packed,
        ));
        let spec = document.add_object(dictionary! {
            "Type" => "Filespec", "F" => Object::string_literal("a.yaml"),
            "EF" => dictionary! { "F" => stream },
        });
        let mut names = Vec::new();
        for i in 0..count {
            names.push(Object::string_literal(format!("{i:08}")));
            names.push(Object::Reference(spec));
        }
        let mut node = document.add_object(dictionary! { "Names" => names });
        for _ in 0..levels {
            let kids = vec![Object::Reference(node), Object::Reference(node)];
            node = document.add_object(dictionary! { "Kids" => kids });
        }
        let mut root = Dictionary::new();
        root.set("Type", "Catalog");
        root.set("Names", dictionary! { "EmbeddedFiles" => node });
        let catalog = document.add_object(root);
        document.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        document
            .save_to(&mut bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        bytes
    }

    #[test]
    fn a_name_tree_that_reaches_a_node_twice_is_refused_at_once() {
        // Without the check the walk makes 2^30 visits; with it, two.
        let pdf = hostile_pdf(30, b"a: 1\n", 1);
        let error = attachments_in(&pdf, Path::new("x.pdf")).unwrap_err();
        assert!(error.to_string().contains("samma nod"), "{error}");
        // The same tree without the doubling is read.
        let single = hostile_pdf(0, b"a: 1\n", 1);
        let found = attachments_in(&single, Path::new("x.pdf")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn one_file_named_many_times_cannot_unpack_into_gigabytes() {
        // 1 MiB of zeros packs into a kilobyte; named 100 times it would be 100 MiB.
        let pdf = hostile_pdf(0, &vec![0; 1 << 20], 100);
        assert!(pdf.len() < 100_000, "{}", pdf.len());
        let error = attachments_in(&pdf, Path::new("x.pdf")).unwrap_err();
        assert!(error.to_string().contains("64 MiB"), "{error}");
    }
}
