//! The visual identity a graphic profile fixes: typefaces, the header's layout and the
//! logo's size. The faces are the ones compiled into the binary (`fonts/`), named as a
//! municipality's graphic profile names their originals' stand-ins, or the
//! municipality's own font files, which it holds the licence for.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The faces of the documents: running text and headings (with the header block, labels
/// and tables' heads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Typefaces {
    #[serde(default = "Typeface::serif")]
    pub brödtext: Typeface,
    #[serde(default = "Typeface::sans")]
    pub rubriker: Typeface,
    /// The municipality's own font files (TrueType or OpenType), beside the profile or
    /// below it: their families may be named as `brödtext` and `rubriker`, and are
    /// embedded in every PDF (the profile's owner holds the licence).
    #[serde(default, skip_serializing)]
    pub filer: Vec<PathBuf>,
}

impl Default for Typefaces {
    fn default() -> Self {
        Typefaces {
            brödtext: Typeface::serif(),
            rubriker: Typeface::sans(),
            filer: Vec::new(),
        }
    }
}

/// A face: one compiled in, or a family of the profile's own font files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Typeface {
    Bundled(BundledFace),
    Own(String),
}

impl Typeface {
    fn serif() -> Self {
        Typeface::Bundled(BundledFace::LiberationSerif)
    }

    fn sans() -> Self {
        Typeface::Bundled(BundledFace::LiberationSans)
    }

    /// The family as the font files name it (and as CSS does).
    pub fn family(&self) -> &str {
        match self {
            Typeface::Bundled(face) => face.family(),
            Typeface::Own(family) => family,
        }
    }

    /// The family and what a reader's browser may have in its place, for the web pages
    /// (unquoted, as it is printed into a style element where no entity is decoded): an
    /// own family is followed by the stack of the bundled face it stands in for.
    pub fn css_stack(&self, instead: BundledFace) -> String {
        match self {
            Typeface::Bundled(face) => face.css_stack().to_owned(),
            Typeface::Own(family) => format!("{family}, {}", instead.css_stack()),
        }
    }
}

/// A bundled family: Liberation Serif and Sans (metric-compatible with Times New Roman and
/// Arial), Carlito (with Calibri), Caladea (with Cambria), Open Sans (a humanist sans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum BundledFace {
    #[serde(rename = "Liberation Serif")]
    LiberationSerif,
    #[serde(rename = "Liberation Sans")]
    LiberationSans,
    Carlito,
    Caladea,
    #[serde(rename = "Open Sans")]
    OpenSans,
}

impl BundledFace {
    pub const ALL: [BundledFace; 5] = [
        BundledFace::LiberationSerif,
        BundledFace::LiberationSans,
        BundledFace::Carlito,
        BundledFace::Caladea,
        BundledFace::OpenSans,
    ];

    /// The family as the font files name it (and as CSS does).
    pub fn family(self) -> &'static str {
        match self {
            BundledFace::LiberationSerif => "Liberation Serif",
            BundledFace::LiberationSans => "Liberation Sans",
            BundledFace::Carlito => "Carlito",
            BundledFace::Caladea => "Caladea",
            BundledFace::OpenSans => "Open Sans",
        }
    }

    fn css_stack(self) -> &'static str {
        match self {
            BundledFace::LiberationSerif => "Liberation Serif, Times New Roman, Times, serif",
            BundledFace::LiberationSans => "Liberation Sans, Arial, Helvetica, sans-serif",
            BundledFace::Carlito => "Carlito, Calibri, sans-serif",
            BundledFace::Caladea => "Caladea, Cambria, Georgia, serif",
            BundledFace::OpenSans => "Open Sans, sans-serif",
        }
    }
}

/// How the first page's header places the logo beside the issuer and the document's facts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HeaderLayout {
    /// The logo above the municipality and the issuer, on the left (Stockholm's).
    #[default]
    #[serde(rename = "logotyp_över")]
    LogoAbove,
    /// The logo on the left, the municipality and the issuer beside it.
    #[serde(rename = "logotyp_bredvid")]
    LogoBeside,
    /// The issuer on the left, the logo at the right edge after the document's facts.
    #[serde(rename = "logotyp_höger")]
    LogoRight,
}

impl HeaderLayout {
    pub fn key(self) -> &'static str {
        match self {
            HeaderLayout::LogoAbove => "logotyp_över",
            HeaderLayout::LogoBeside => "logotyp_bredvid",
            HeaderLayout::LogoRight => "logotyp_höger",
        }
    }
}

/// The logo's height in millimetres when the profile gives none, and the range it may
/// take: the header's room holds no more above the 10 mm printers leave blank.
pub const LOGO_HEIGHT_MM: u8 = 12;
pub const LOGO_HEIGHTS_MM: std::ops::RangeInclusive<u8> = 6..=15;

/// The side margins in millimetres, as the house's page has them (a binding margin on the
/// left is common). The top and bottom follow from the header and the page foot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    #[serde(default = "Margins::left")]
    pub vänster: u8,
    #[serde(default = "Margins::right")]
    pub höger: u8,
}

impl Margins {
    fn left() -> u8 {
        25
    }

    fn right() -> u8 {
        22
    }
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            vänster: Margins::left(),
            höger: Margins::right(),
        }
    }
}

/// The side margins a profile may set: no less than leaves the 10 mm printers keep blank
/// with room for the text's edge, no more than leaves a readable line.
pub const MARGINS_MM: std::ops::RangeInclusive<u8> = 15..=40;
