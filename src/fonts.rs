//! The fonts compiled into the binary, and which characters they can show. Typesetting
//! loads them (no system fonts, ever); `check` refuses a character none of them has, so
//! that such a character is an error at its line in the YAML, not a failed build.

use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::recent::Recent;

const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    // The faces a profile may choose instead (`typsnitt`): stand-ins for Calibri and
    // Cambria, and a humanist sans.
    include_bytes!("../fonts/Carlito-Regular.ttf"),
    include_bytes!("../fonts/Carlito-Bold.ttf"),
    include_bytes!("../fonts/Carlito-Italic.ttf"),
    include_bytes!("../fonts/Carlito-BoldItalic.ttf"),
    include_bytes!("../fonts/Caladea-Regular.ttf"),
    include_bytes!("../fonts/Caladea-Bold.ttf"),
    include_bytes!("../fonts/Caladea-Italic.ttf"),
    include_bytes!("../fonts/Caladea-BoldItalic.ttf"),
    include_bytes!("../fonts/OpenSans-Regular.ttf"),
    include_bytes!("../fonts/OpenSans-Bold.ttf"),
    include_bytes!("../fonts/OpenSans-Italic.ttf"),
    include_bytes!("../fonts/OpenSans-BoldItalic.ttf"),
    // The fallback for what Liberation lacks (arrows, mathematical signs, more scripts),
    // and the face of `raw` code.
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

/// The embedded fonts and Typst's book of them.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The profile's own font files before the embedded fonts, and their book: made once per
/// set of files (a build has a handful of profiles) and shared by its documents. A family
/// the files share with an embedded font is theirs, since Typst takes the first it finds.
pub fn with_own(files: &[Arc<[u8]>]) -> Arc<Fonts> {
    // A long `watch` reads edited profiles again: keep the latest few sets only.
    static MADE: Recent<Vec<Arc<[u8]>>, Arc<Fonts>> = Recent::new(8);
    let same = |known: &Vec<Arc<[u8]>>| {
        known.len() == files.len() && known.iter().zip(files).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    MADE.get_or_make(same, || {
        let fonts: Vec<Font> = files
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(data.clone())))
            .chain(FONTS.fonts.iter().cloned())
            .collect();
        let set = Arc::new(Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        });
        (files.to_vec(), set)
    })
}

/// Whether some embedded font can show `c`. White space and control characters need no
/// glyph.
pub fn can_show(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || FONTS
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_symbols_are_covered_newer_emoji_and_chinese_not() {
        for c in "åäöÅÄÖé§€–”→≤∑Łł😀".chars() {
            assert!(can_show(c), "{c}");
        }
        for c in "🧠漢".chars() {
            assert!(!can_show(c), "{c}");
        }
    }
}
