//! The way back: the YAML files attached to a PDF, byte for byte. Not a stage of the
//! pipeline but its inverse, for the registrar who holds only the PDF.

use std::path::{Component, Path, PathBuf};

use lopdf::{Document, Object};

use crate::error::{Error, Problem, Result};

/// One attached file: its name within the nämnd's folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files attached to the PDF at `path`, in the order of its name tree.
pub fn attachments(path: &Path) -> Result<Vec<Attached>> {
    let bytes =
        std::fs::read(path).map_err(|e| Problem::in_file(path, format!("kan inte läsas: {e}")))?;
    let broken = |what: &str| {
        Error::from(Problem::in_file(
            path,
            format!("PDF-filen går inte att läsa: {what}"),
        ))
    };
    let document = Document::load_mem(&bytes).map_err(|e| broken(&e.to_string()))?;
    let catalog = document.catalog().map_err(|e| broken(&e.to_string()))?;
    let tree = catalog
        .get_deref(b"Names", &document)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &document))
        .and_then(Object::as_dict);
    let Ok(tree) = tree else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    collect(&document, tree, &mut found, 0).map_err(|e| broken(&e.to_string()))?;
    Ok(found)
}

/// Walk a name tree (`/Names [name filespec …]`, `/Kids [...]`).
fn collect(
    document: &Document,
    node: &lopdf::Dictionary,
    found: &mut Vec<Attached>,
    depth: usize,
) -> lopdf::Result<()> {
    if depth > 32 {
        return Ok(()); // a cycle or a hostile tree; a real one is one or two levels
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
            let bytes = stream
                .decompressed_content()
                .or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone()))?;
            found.push(Attached { name, bytes });
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            collect(
                document,
                document.dereference(kid)?.1.as_dict()?,
                found,
                depth + 1,
            )?;
        }
    }
    Ok(())
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
}
