//! The municipality's own font files (`typsnitt.filer`): read beside the profile, checked
//! to be fonts Typst can set and a PDF/A may embed, and the families they give, which
//! `typsnitt.brödtext` and `typsnitt.rubriker` may then name.

use std::sync::Arc;

use typst::foundations::Bytes;
use typst::text::Font;

use super::{BundledFace, Profile, Typeface, read_beside};
use crate::error::{Problem, Result};
use crate::model::SourceFile;
use crate::model::keys::nearest;

/// The most one font file may weigh: a family's largest faces (CJK aside) stay far below.
const MAX_FONT_BYTES: u64 = 20 << 20;

/// One of the profile's font files: its name within the nämnd's folder, its bytes and the
/// families of its faces.
#[derive(Debug, Clone)]
pub struct LoadedFont {
    pub name: String,
    pub bytes: Arc<[u8]>,
    pub families: Vec<String>,
    /// `font/ttf`, `font/otf` or `font/collection`, as the file travels attached.
    pub mime: &'static str,
}

/// Read and check every file of `typsnitt.filer`.
pub(super) fn load_fonts(
    source: &SourceFile,
    files: &[std::path::PathBuf],
    profile_name: &str,
) -> Result<Vec<LoadedFont>> {
    let mut loaded = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let field = format!("typsnitt.filer[{i}]");
        let (name, bytes) = read_beside(
            source,
            &field,
            "typsnittsfilen",
            file,
            MAX_FONT_BYTES,
            profile_name,
        )?;
        let bytes: Arc<[u8]> = bytes.into();
        let fail = |why: &str| source.problem(&field, format!("{} {why}", file.display()));
        let faces: Vec<Font> = Font::iter(Bytes::new(bytes.clone())).collect();
        if faces.is_empty() {
            return Err(fail("är ingen typsnittsfil som går att använda (TrueType eller OpenType, .ttf, .otf eller .ttc)").into());
        }
        if let Some(why) = faces.iter().find_map(|face| refusal(&bytes, face)) {
            return Err(fail(why).into());
        }
        let mut families: Vec<String> = Vec::new();
        for face in &faces {
            let family = face.info().family.clone();
            if !families.contains(&family) {
                families.push(family);
            }
        }
        let mime = match bytes.get(0..4) {
            Some(b"ttcf") => "font/collection",
            Some(b"OTTO") => "font/otf",
            _ => "font/ttf",
        };
        loaded.push(LoadedFont {
            name,
            bytes,
            families,
            mime,
        });
    }
    Ok(loaded)
}

/// Why `face` cannot go into an archived PDF, if it cannot: the font's licence bits
/// (OS/2 `fsType`) forbid embedding it, embedding only its bitmaps or a subset of it
/// (Typst embeds subsets). A font without the table sets no such bits.
fn refusal(file: &[u8], face: &Font) -> Option<&'static str> {
    let parsed = ttf_parser::Face::parse(file, face.index()).ok()?;
    let os2 = parsed.tables().os2?;
    if os2.permissions() == Some(ttf_parser::Permissions::Restricted) {
        Some(
            "får enligt sin licens inte bäddas in i en PDF (fsType: Restricted License); be leverantören om en version som får bäddas in",
        )
    } else if !os2.is_subsetting_allowed() {
        Some(
            "får enligt sin licens inte bäddas in som delmängd (fsType: No subsetting), vilket PDF-filerna kräver",
        )
    } else if !os2.is_outline_embedding_allowed() {
        Some("får enligt sin licens bara bäddas in som bitmappar (fsType: Bitmap embedding only)")
    } else {
        None
    }
}

/// `typsnitt.brödtext` and `.rubriker` name a bundled face or a family of the profile's
/// own files.
pub(super) fn typeface_problems(
    profile: &Profile,
    source: &SourceFile,
    fonts: &[LoadedFont],
) -> Vec<Problem> {
    let own: Vec<&str> = fonts
        .iter()
        .flat_map(|f| f.families.iter().map(String::as_str))
        .collect();
    let faces = &profile.typsnitt;
    [("brödtext", &faces.brödtext), ("rubriker", &faces.rubriker)]
        .into_iter()
        .filter_map(|(key, face)| match face {
            Typeface::Own(family) if !own.contains(&family.as_str()) => Some((key, family)),
            _ => None,
        })
        .map(|(key, family)| {
            let known: Vec<&str> = BundledFace::ALL
                .iter()
                .map(|f| f.family())
                .chain(own.iter().copied())
                .collect();
            let hint = match nearest(family, &known) {
                Some(near) => format!("menade du {near}?"),
                None => format!("typsnitten här är {}", known.join(", ")),
            };
            let files = match own.is_empty() {
                true => " eller en familj i en egen typsnittsfil under `typsnitt.filer`".to_owned(),
                false => String::new(),
            };
            source.problem(
                &format!("typsnitt.{key}"),
                format!("typsnittet {family} finns varken bland de inbyggda{files} eller i profilens typsnittsfiler; {hint}"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_bits_are_read_from_the_os2_table() {
        let regular = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
        let face = Font::iter(Bytes::new(regular.as_slice())).next().unwrap();
        assert_eq!(refusal(regular, &face), None);
        // The same font with its fsType set to Restricted License (0x0002).
        let mut restricted = regular.to_vec();
        let at = os2_offset(&restricted) + 8;
        restricted[at..at + 2].copy_from_slice(&2u16.to_be_bytes());
        let face = Font::iter(Bytes::new(restricted.clone())).next().unwrap();
        assert!(refusal(&restricted, &face).unwrap().contains("Restricted"));
    }

    fn os2_offset(file: &[u8]) -> usize {
        let tables = u16::from_be_bytes([file[4], file[5]]) as usize;
        (0..tables)
            .map(|t| 12 + 16 * t)
            .find(|&r| &file[r..r + 4] == b"OS/2")
            .map(|r| u32::from_be_bytes(file[r + 8..r + 12].try_into().unwrap()) as usize)
            .unwrap()
    }
}
