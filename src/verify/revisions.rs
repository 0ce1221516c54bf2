//! A PDF's revisions, found from its structure (what each changes: `increment`).
//!
//! A revision ends with `startxref N %%EOF`, N being the offset of its own cross-reference
//! section; each section after the first names the one before it (`/Prev`). Following
//! that chain back from the end of the file finds every revision, the first one included,
//! however often `%%EOF` stands in the text (a rubrik, the XMP).

/// One revision: where its cross-reference section starts and where it ends (after its
/// `%%EOF` and the line end that follows it, if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Revision {
    pub xref: usize,
    pub end: usize,
    /// Where its `%%EOF` ends: a signature may cover the line end after it or not.
    pub eof: usize,
}

/// The file's revisions, the first (paragraf's) first; Err with why when the chain of
/// cross-reference sections cannot be followed. Trailing white space is no revision.
pub(super) fn revisions(bytes: &[u8]) -> Result<Vec<Revision>, String> {
    let content_end = bytes.trim_ascii_end().len();
    let Some(xref) = startxref_before(bytes, content_end) else {
        return Err("filen slutar inte med startxref och %%EOF".into());
    };
    let mut found = vec![revision_ending(bytes, xref, content_end)];
    loop {
        let last = found[found.len() - 1];
        let Some(previous) = previous_section(bytes, last) else {
            break;
        };
        if previous >= last.xref {
            return Err("en korsreferens pekar framåt i filen (/Prev)".into());
        }
        let eof = end_of_section(bytes, previous, last.xref).ok_or_else(|| {
            format!("korsreferensen vid byte {previous} avslutas inte med startxref och %%EOF")
        })?;
        found.push(revision_ending(bytes, previous, eof));
        if found.len() > 1000 {
            return Err("filen har fler än 1000 revisioner".into());
        }
    }
    found.reverse();
    Ok(found)
}

/// The `/Prev` of a revision's trailer: in the dictionary after `trailer` (a table) or
/// before `stream` (a cross-reference stream), between its section and its `startxref`.
fn previous_section(bytes: &[u8], revision: Revision) -> Option<usize> {
    let section = bytes.get(revision.xref..revision.eof)?;
    let end = find(section, b"startxref")?;
    let section = &section[..end];
    let dictionary = if section.starts_with(b"xref") {
        &section[find(section, b"trailer")?..]
    } else {
        &section[..find(section, b"stream").unwrap_or(section.len())]
    };
    let at = find(dictionary, b"/Prev")? + 5;
    number_at(&dictionary[at..]).map(|(number, _)| number)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The revision whose `%%EOF` ends at `eof`, its section at `xref`.
fn revision_ending(bytes: &[u8], xref: usize, eof: usize) -> Revision {
    let eol = match bytes.get(eof..eof + 2) {
        Some(b"\r\n") => 2,
        _ if matches!(bytes.get(eof), Some(b'\n' | b'\r')) => 1,
        _ => 0,
    };
    Revision {
        xref,
        end: eof + eol,
        eof,
    }
}

/// The offset N of a `startxref N %%EOF` that ends exactly at `end`.
fn startxref_before(bytes: &[u8], end: usize) -> Option<usize> {
    let text = bytes.get(..end)?.strip_suffix(b"%%EOF")?.trim_ascii_end();
    let digits = text.len() - text.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let number = std::str::from_utf8(&text[digits..]).ok()?.parse().ok()?;
    text[..digits]
        .trim_ascii_end()
        .ends_with(b"startxref")
        .then_some(number)
}

/// Where the revision whose section starts at `xref` ends: after the first `startxref
/// xref %%EOF` following it, before `limit`.
fn end_of_section(bytes: &[u8], xref: usize, limit: usize) -> Option<usize> {
    let window = bytes.get(xref..limit)?;
    let mut at = 0;
    while let Some(found) = find(&window[at..], b"startxref") {
        let start = at + found + 9;
        if let Some((named, used)) = number_at(&window[start..])
            && named == xref
        {
            let after = &window[start + used..];
            let rest = after.trim_ascii_start();
            if rest.starts_with(b"%%EOF") {
                return Some(xref + start + used + (after.len() - rest.len()) + 5);
            }
        }
        at = start;
    }
    None
}

/// The number after the white space that starts `bytes`, and how many bytes both take.
fn number_at(bytes: &[u8]) -> Option<(usize, usize)> {
    let skip = bytes.len() - bytes.trim_ascii_start().len();
    let digits = bytes[skip..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let number = std::str::from_utf8(&bytes[skip..skip + digits])
        .ok()?
        .parse()
        .ok()?;
    Some((number, skip + digits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object};

    #[test]
    fn revisions_are_found_from_the_chain_not_from_the_text() {
        // A first revision whose content holds "%%EOF", then an update naming it.
        let mut document = Document::with_version("1.7");
        let info = document.add_object(lopdf::dictionary! {
            "Title" => Object::string_literal("Rubrik med %%EOF i")
        });
        let catalog = document.add_object(lopdf::dictionary! { "Type" => "Catalog" });
        document.trailer.set("Root", catalog);
        document.trailer.set("Info", info);
        let mut bytes = Vec::new();
        document
            .save_to(&mut bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        let first = revisions(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].end, bytes.len());
        assert!(bytes.windows(5).position(|w| w == b"%%EOF") < Some(first[0].eof - 5));
        let mut update = lopdf::IncrementalDocument::load_from(bytes.as_slice())
            .unwrap_or_else(|e| panic!("{e}"));
        update
            .new_document
            .add_object(lopdf::dictionary! { "Tillagd" => true });
        let mut both = Vec::new();
        update.save_to(&mut both).unwrap_or_else(|e| panic!("{e}"));
        both.extend_from_slice(b"\n \n");
        let found = revisions(&both).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].xref, found[0].eof), (first[0].xref, first[0].eof));
        assert!(found[1].end <= both.len() - 2);
        assert_eq!(
            revisions(b"%PDF-1.7\nnothing"),
            Err("filen slutar inte med startxref och %%EOF".into())
        );
    }
}
