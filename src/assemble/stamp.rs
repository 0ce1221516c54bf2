//! The stamp drawn on each page of the handlingar packet ("KFN § 3 · Handlingar, sida 5
//! (23)"), written straight into the PDF: shaped as Typst shapes text, its glyphs drawn
//! from the embedded fonts' outlines into Type 3 fonts of the packet's own. A stamp page
//! typeset by Typst for every page of the packet cost more than all the merging; this
//! costs next to nothing, and the stamp stays text a reader can search and copy.
//!
//! It looks as the stamp pages did (`packet-stamp` in the style, before): the profile's
//! sans face at 8 pt in its house colour, the § bold, in a box with a rounded 0.6 pt frame
//! and 2 × 1.2 mm inset, turned to read upwards in the left margin, 12 mm from the left
//! edge and its top 42 mm from the top.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use typst::layout::Abs;
use typst::text::{FontInstance, FontStretch, FontStyle, FontVariant, FontVariations, FontWeight};

use crate::fonts::{FONTS, Fonts};

/// Millimetres in points.
const MM: f32 = 72.0 / 25.4;
/// The text's size, in points.
const SIZE: f32 = 8.0;
/// Glyph space units per em in the Type 3 fonts (their matrix is the usual 1/1000).
const UNITS: f32 = 1000.0;

/// How a packet's stamps look and what they say after the §.
pub struct StampStyle {
    /// The family of the profile's sans face (`typsnitt: rubriker`).
    pub family: String,
    /// The house colour, `#rrggbb`; black without one.
    pub colour: Option<String>,
    /// The words before the page number: "Handlingar, sida".
    pub words: String,
    /// The profile's own font files with the embedded ones, when it has some: the stamp
    /// is set in the documents' face.
    pub fonts: Option<Arc<Fonts>>,
}

/// One embedded font as a Type 3 font of the packet: the glyphs used so far, each with a
/// one-byte code.
struct Face {
    font: FontInstance,
    /// (glyph, its text) → code.
    codes: HashMap<(u16, String), u8>,
    /// By code, from 1: the glyph, its text and its width in glyph space.
    glyphs: Vec<(u16, String, f32)>,
}

impl Face {
    fn scale(&self) -> f32 {
        UNITS / self.font.units_per_em() as f32
    }

    /// The code of `glyph` showing `text`, given one on first use.
    fn code(&mut self, glyph: u16, text: &str) -> Result<u8, String> {
        if let Some(code) = self.codes.get(&(glyph, text.to_owned())) {
            return Ok(*code);
        }
        let code = u8::try_from(self.glyphs.len() + 1)
            .map_err(|_| "stämplarna använder fler än 255 olika tecken".to_owned())?;
        let width = self
            .font
            .ttf()
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0) as f32
            * self.scale();
        self.codes.insert((glyph, text.to_owned()), code);
        self.glyphs.push((glyph, text.to_owned(), width));
        Ok(code)
    }
}

/// A run of glyphs in one face: codes and the adjustment after each (thousandths of an
/// em, as `TJ` takes them).
struct Run {
    face: usize,
    glyphs: Vec<(u8, f32)>,
}

/// The stamps of one packet: draws each page's and, at the end, the fonts they use.
pub struct Stamper {
    regular: usize,
    bold: usize,
    faces: Vec<Face>,
    /// Which of `faces` is the embedded font of this index.
    by_font: HashMap<usize, usize>,
    colour: [f32; 3],
    words: String,
    /// The stamps' shared resources, written by [`Stamper::finish`].
    resources: ObjectId,
    fonts: Option<Arc<Fonts>>,
}

impl Stamper {
    pub fn new(style: &StampStyle, doc: &mut Document) -> Result<Self, String> {
        let family = style.family.to_lowercase();
        let fonts = style.fonts.as_deref().unwrap_or(&FONTS);
        let select = |weight| {
            fonts
                .book
                .select(
                    &family,
                    FontVariant::new(FontStyle::Normal, weight, FontStretch::NORMAL),
                )
                .ok_or_else(|| format!("typsnittet {} finns inte för stämpeln", style.family))
        };
        let colour = match &style.colour {
            Some(hex) => rgb(hex).ok_or_else(|| format!("färgen {hex} går inte att läsa"))?,
            None => [0.0; 3],
        };
        Ok(Stamper {
            regular: select(FontWeight::REGULAR)?,
            bold: select(FontWeight::BOLD)?,
            faces: Vec::new(),
            by_font: HashMap::new(),
            colour,
            words: style.words.clone(),
            resources: doc.new_object_id(),
            fonts: style.fonts.clone(),
        })
    }

    /// The stamp of packet page `page` of `total`, belonging to `reference` (its § or agenda
    /// point; none: the kallelse), as a form to draw over a page whose media box is `media`.
    pub fn form(
        &mut self,
        doc: &mut Document,
        media: [f32; 4],
        reference: Option<&str>,
        page: usize,
        total: usize,
    ) -> Result<ObjectId, String> {
        let mut runs = Vec::new();
        if let Some(reference) = reference {
            self.shape(reference, self.bold, &mut runs)?;
        }
        let rest = format!(
            "{}{} {page} ({total})",
            if reference.is_some() { " · " } else { "" },
            self.words
        );
        self.shape(&rest, self.regular, &mut runs)?;

        // The line's width, and its height as Typst's text box has it: from the baseline
        // to the tallest face's cap height.
        let width: f32 = runs
            .iter()
            .flat_map(|run| {
                let face = &self.faces[run.face];
                run.glyphs
                    .iter()
                    .map(move |(code, adjust)| face.glyphs[usize::from(*code) - 1].2 - adjust)
            })
            .sum::<f32>()
            * SIZE
            / UNITS;
        let cap = runs
            .iter()
            .map(|run| self.faces[run.face].font.metrics().cap_height.get() as f32)
            .fold(0.0, f32::max)
            * SIZE;
        let (inset_x, inset_y) = (2.0 * MM, 1.2 * MM);
        let [x0, _, _, y1] = media;
        // Turned a quarter to the left: the line's x runs up the page, its y to the left.
        let origin_x = x0 + 12.0 * MM + inset_y + cap;
        let origin_y = y1 - 42.0 * MM - (width + 2.0 * inset_x) + inset_x;

        let [r, g, b] = self.colour;
        let mut content = format!(
            "q 0 1 -1 0 {} {} cm /PgfCs CS /PgfCs cs {r:.4} {g:.4} {b:.4} SCN {r:.4} {g:.4} {b:.4} scn\n",
            num(origin_x),
            num(origin_y)
        );
        // The frame: on the box's edge, its corners rounded by 1 mm less half the stroke.
        content.push_str("0.6 w 4 M\n");
        rounded_rectangle(
            &mut content,
            -inset_x,
            -inset_y,
            width + 2.0 * inset_x,
            cap + 2.0 * inset_y,
            MM - 0.3,
        );
        content.push_str("S\nBT\n");
        for run in &runs {
            let _ = write!(content, "/PgfF{} {SIZE} Tf [<", run.face);
            for (code, adjust) in &run.glyphs {
                let _ = write!(content, "{code:02X}");
                if adjust.abs() > 0.001 {
                    let _ = write!(content, "> {} <", num(*adjust));
                }
            }
            content.push_str(">] TJ\n");
        }
        content.push_str("ET Q\n");

        let form = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => media.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>(),
            "Resources" => self.resources,
        };
        let mut stream = Stream::new(form, content.into_bytes());
        compress(&mut stream)?;
        Ok(doc.add_object(stream))
    }

    /// Shape `text` in the embedded font `font` (falling back, character by character,
    /// to a font that has it, as Typst does), appending its runs to `runs`.
    fn shape(&mut self, text: &str, font: usize, runs: &mut Vec<Run>) -> Result<(), String> {
        let mut segments: Vec<(usize, String)> = Vec::new();
        for c in text.chars() {
            let index = if c.is_whitespace() || self.has(font, c) {
                font
            } else {
                self.fonts()
                    .book
                    .select_fallback(
                        self.fonts().book.info(font),
                        self.fonts().fonts[font].info().variant,
                        &c.to_string(),
                    )
                    .unwrap_or(font)
            };
            match segments.last_mut() {
                Some((last, segment)) if *last == index => segment.push(c),
                _ => segments.push((index, c.to_string())),
            }
        }
        for (index, segment) in segments {
            let face = self.face(index);
            let font = self.faces[face].font.clone();
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(&segment);
            if let Ok(language) = "sv".parse() {
                buffer.set_language(language);
            }
            buffer.guess_segment_properties();
            let shaped = rustybuzz::shape(font.rusty(), &[], buffer);
            let infos = shaped.glyph_infos();
            let positions = shaped.glyph_positions();
            let scale = self.faces[face].scale();
            let mut glyphs = Vec::with_capacity(infos.len());
            for (i, (info, position)) in infos.iter().zip(positions).enumerate() {
                // A glyph's text: its cluster's, given to the cluster's first glyph.
                let start = info.cluster as usize;
                let end = infos[i + 1..]
                    .iter()
                    .map(|next| next.cluster as usize)
                    .find(|&next| next != start)
                    .unwrap_or(segment.len());
                let shown = if i > 0 && infos[i - 1].cluster as usize == start {
                    ""
                } else {
                    segment.get(start..end).unwrap_or("")
                };
                let glyph = u16::try_from(info.glyph_id).unwrap_or(0);
                let code = self.faces[face].code(glyph, shown)?;
                let width = self.faces[face].glyphs[usize::from(code) - 1].2;
                glyphs.push((code, width - position.x_advance as f32 * scale));
            }
            runs.push(Run { face, glyphs });
        }
        Ok(())
    }

    /// The profile's fonts, or the embedded ones.
    fn fonts(&self) -> &Fonts {
        self.fonts.as_deref().unwrap_or(&FONTS)
    }

    /// Whether font `index` has a glyph for `c`.
    fn has(&self, index: usize, c: char) -> bool {
        self.fonts()
            .book
            .info(index)
            .is_some_and(|info| info.coverage.contains(c as u32))
    }

    /// The face of embedded font `index`, added on first use.
    fn face(&mut self, index: usize) -> usize {
        let font = self.fonts().fonts[index].clone();
        *self.by_font.entry(index).or_insert_with(|| {
            let variant = font.info().variant;
            self.faces.push(Face {
                font: font.instantiate(
                    variant,
                    Abs::pt(f64::from(SIZE)),
                    &FontVariations::default(),
                ),
                codes: HashMap::new(),
                glyphs: Vec::new(),
            });
            self.faces.len() - 1
        })
    }

    /// Write the Type 3 fonts and the resources every stamp shares: the colour space is
    /// the packet's output intent's (sRGB), or device RGB in a PDF without one.
    pub fn finish(self, doc: &mut Document, colour_space: Object) -> Result<(), String> {
        let mut fonts = Dictionary::new();
        for (n, face) in self.faces.iter().enumerate() {
            let font = type3(doc, face)?;
            fonts.set(format!("PgfF{n}"), font);
        }
        doc.objects.insert(
            self.resources,
            Object::Dictionary(dictionary! {
                "Font" => fonts,
                "ColorSpace" => dictionary! { "PgfCs" => colour_space },
            }),
        );
        Ok(())
    }
}

/// `#rrggbb` as sRGB components.
fn rgb(hex: &str) -> Option<[f32; 3]> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let part = |i: usize| {
        u8::from_str_radix(hex.get(i..i + 2)?, 16)
            .ok()
            .map(|v| f32::from(v) / 255.0)
    };
    Some([part(0)?, part(2)?, part(4)?])
}

/// A number as a PDF content stream writes it: at most four decimals, no trailing zeros.
fn num(value: f32) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A coordinate in glyph space (thousandths of an em): a tenth of a unit is 0.0008 pt at
/// the stamp's size, far finer than any device shows.
fn glyph_num(value: f32) -> String {
    num((value * 10.0).round() / 10.0)
}

/// A rectangle with rounded corners of radius `r`, as a path.
fn rounded_rectangle(out: &mut String, x: f32, y: f32, w: f32, h: f32, r: f32) {
    // The control points of a quarter circle drawn with one cubic Bézier.
    let k = r * (1.0 - 0.552_284_8);
    let (x1, y1) = (x + w, y + h);
    let segments: [(&str, &[f32]); 9] = [
        ("m", &[x + r, y]),
        ("l", &[x1 - r, y]),
        ("c", &[x1 - k, y, x1, y + k, x1, y + r]),
        ("l", &[x1, y1 - r]),
        ("c", &[x1, y1 - k, x1 - k, y1, x1 - r, y1]),
        ("l", &[x + r, y1]),
        ("c", &[x + k, y1, x, y1 - k, x, y1 - r]),
        ("l", &[x, y + r]),
        ("c", &[x, y + k, x + k, y, x + r, y]),
    ];
    for (op, values) in segments {
        for value in values {
            out.push_str(&num(*value));
            out.push(' ');
        }
        out.push_str(op);
        out.push('\n');
    }
    out.push_str("h\n");
}

/// A glyph's outline as a content stream's path, in glyph space.
struct Path {
    ops: String,
    scale: f32,
    /// The last point, for turning quadratic segments into cubic ones.
    last: (f32, f32),
}

impl ttf_parser::OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = writeln!(
            self.ops,
            "{} {} m",
            glyph_num(x * self.scale),
            glyph_num(y * self.scale)
        );
        self.last = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let _ = writeln!(
            self.ops,
            "{} {} l",
            glyph_num(x * self.scale),
            glyph_num(y * self.scale)
        );
        self.last = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.last;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let s = self.scale;
        let _ = writeln!(
            self.ops,
            "{} {} {} {} {} {} c",
            glyph_num(x1 * s),
            glyph_num(y1 * s),
            glyph_num(x2 * s),
            glyph_num(y2 * s),
            glyph_num(x * s),
            glyph_num(y * s)
        );
        self.last = (x, y);
    }

    fn close(&mut self) {
        self.ops.push_str("h\n");
    }
}

/// `face` as a Type 3 font: a glyph procedure per code (its outline, filled), the widths,
/// and a ToUnicode map so that the stamp reads as its text.
fn type3(doc: &mut Document, face: &Face) -> Result<ObjectId, String> {
    let scale = face.scale();
    let mut procs = Dictionary::new();
    let mut differences: Vec<Object> = vec![Object::Integer(1)];
    let mut widths = Vec::new();
    let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    let mut cmap = String::new();
    for (i, (glyph, text, width)) in face.glyphs.iter().enumerate() {
        let code = i + 1;
        let mut path = Path {
            ops: String::new(),
            scale,
            last: (0.0, 0.0),
        };
        let drawn = face
            .font
            .ttf()
            .outline_glyph(ttf_parser::GlyphId(*glyph), &mut path);
        let rect = drawn.map_or([0.0; 4], |r| {
            [
                f32::from(r.x_min) * scale,
                f32::from(r.y_min) * scale,
                f32::from(r.x_max) * scale,
                f32::from(r.y_max) * scale,
            ]
        });
        if drawn.is_some() {
            bbox = [
                bbox[0].min(rect[0]),
                bbox[1].min(rect[1]),
                bbox[2].max(rect[2]),
                bbox[3].max(rect[3]),
            ];
        }
        // `d1`: the glyph is a shape, painted in the colour the stamp sets.
        let mut proc = format!(
            "{} 0 {} {} {} {} d1\n",
            num(*width),
            num(rect[0]),
            num(rect[1]),
            num(rect[2]),
            num(rect[3])
        );
        if drawn.is_some() {
            proc.push_str(&path.ops);
            proc.push_str("f\n");
        }
        let name = format!("g{code}");
        let mut stream = Stream::new(Dictionary::new(), proc.into_bytes());
        compress(&mut stream)?;
        procs.set(name.as_bytes(), doc.add_object(stream));
        differences.push(Object::Name(name.into_bytes()));
        widths.push(Object::Real(*width));
        let utf16: String = text
            .encode_utf16()
            .map(|unit| format!("{unit:04X}"))
            .collect();
        // A glyph of no text of its own (a second glyph of one character) reads as
        // nothing.
        let utf16 = if utf16.is_empty() {
            "FEFF".into()
        } else {
            utf16
        };
        let _ = writeln!(cmap, "<{code:02X}> <{utf16}>");
    }
    if bbox[0] > bbox[2] {
        bbox = [0.0; 4];
    }
    let count = face.glyphs.len();
    let to_unicode = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
         {count} beginbfchar\n{cmap}endbfchar\n\
         endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    );
    let mut to_unicode = Stream::new(Dictionary::new(), to_unicode.into_bytes());
    compress(&mut to_unicode)?;
    let to_unicode = doc.add_object(to_unicode);
    let bbox: Vec<Object> = bbox.iter().map(|v| Object::Real(*v)).collect();
    let name = format!(
        "PgfStamp{}",
        face.font
            .info()
            .family
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    );
    let metrics = face.font.metrics();
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        // Symbolic: its codes are its own.
        "Flags" => 4,
        "FontBBox" => bbox.clone(),
        "ItalicAngle" => 0,
        "Ascent" => Object::Real(metrics.ascender.get() as f32 * UNITS),
        "Descent" => Object::Real(metrics.descender.get() as f32 * UNITS),
        "CapHeight" => Object::Real(metrics.cap_height.get() as f32 * UNITS),
        "StemV" => 80,
    });
    Ok(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "Name" => Object::Name(name.into_bytes()),
        "FontBBox" => bbox,
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "CharProcs" => procs,
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => differences },
        "FirstChar" => 1,
        "LastChar" => count as i64,
        "Widths" => widths,
        "FontDescriptor" => descriptor,
        "ToUnicode" => to_unicode,
        "Resources" => Dictionary::new(),
    }))
}

fn compress(stream: &mut Stream) -> Result<(), String> {
    stream
        .compress()
        .map_err(|e| format!("stämpeln går inte att packa: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_colours_read() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(2.53461), "2.5346");
        assert_eq!(
            rgb("#2b5f2e"),
            Some([43.0 / 255.0, 95.0 / 255.0, 46.0 / 255.0])
        );
        assert_eq!(rgb("2b5f2e"), None);
    }
}
