//! A bilaga that is a file (`bilagor: [{namn: Ritning, fil: ritning.pdf}]`): a PDF, PNG or
//! JPEG in the case's folder, read and checked when the case is read, so that `check`
//! reports a broken, encrypted or oversized file at its line and `build` never meets one.
//!
//! A PDF's pages become images: PDF/A forbids what a PDF from elsewhere may hold (fonts
//! not embedded, transparency groups, encryption, JavaScript, forms), and Typst's export
//! refuses an embedded PDF under PDF/A altogether. Rendered, the pages show what the
//! original showed (a form's fields with their values, flattened), and the original
//! travels inside the bilaga's PDF as its source (PDF/A-3 allows that).

use std::path::{Component, Path};
use std::sync::{Arc, OnceLock};

use super::image::check_image;
use super::{Attachment, SourceFile, files};
use crate::error::Problem;

/// The largest bilaga read: a scanned report of a hundred pages is some tens of MiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 << 20;
/// The most pages of one PDF bilaga: each becomes an image in the packet.
pub const MAX_ATTACHMENT_PAGES: usize = 100;
/// The resolution a PDF page is rendered at: 150 dpi keeps a ritning's lines and an
/// A4 page's 8-point text readable on screen and on paper, at a few hundred kB a page
/// (300 dpi would quadruple the packet for nothing a councillor can see).
const DPI: f32 = 150.0;
/// How much longer than wide (or wider than long) a page may be: a long ritning is a few
/// times A4's 1.4.
const MAX_ASPECT: f32 = 20.0;
/// The longest side of a rendered page, in pixels: an A4 page at 300 dpi. A large
/// drawing (A1, A0) is rendered below 150 dpi rather than at tens of megapixels.
const MAX_SIDE: f32 = 3508.0;

/// A bilaga file as read: its bytes and what the documents need to know of it.
#[derive(Debug)]
pub struct AttachedFile {
    /// Its place in the case's `bilagor`, from 0: "Bilaga 1" is the first of the list.
    pub index: usize,
    /// The name the list gives it (`Ritning`).
    pub title: String,
    /// Its name within the nämnd's folder (`beredning/ritning.pdf`), as it is attached.
    pub name: String,
    pub bytes: Arc<[u8]>,
    pub mime: &'static str,
    /// Marked public (`offentlig: true`): shown in the public outputs.
    pub public: bool,
    /// Each page's width and height in points (an image bilaga: in pixels); the page of
    /// the bilaga is turned to landscape for a wide one.
    pub pages: Vec<(f32, f32)>,
    /// Each page as an image (PNG, or the image file itself), made once when first asked.
    rendered: OnceLock<Vec<Arc<[u8]>>>,
}

impl AttachedFile {
    /// The number printed before its name: "Bilaga 1".
    pub fn number(&self) -> usize {
        self.index + 1
    }

    /// Whether it is a PDF (its pages rendered), not an image placed as it is.
    pub fn is_pdf(&self) -> bool {
        self.mime == "application/pdf"
    }

    /// Each page as an image to place: a PDF's rendered at [`DPI`] (once, shared by the
    /// bilaga alone and every packet that holds it), an image file as it is.
    pub fn page_images(&self) -> &[Arc<[u8]>] {
        self.rendered.get_or_init(|| {
            if self.is_pdf() {
                render_pages(&self.bytes)
            } else {
                vec![self.bytes.clone()]
            }
        })
    }

    /// A short stable name for its page images, unique to its bytes: `bilaga-3f2a…`.
    pub fn image_stem(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = hex::encode(Sha256::digest(&self.bytes));
        format!("bilaga-{}", &digest[..16])
    }
}

/// Every file bilaga of `case`, read from beside the case file and checked; each problem
/// at its `bilagor[i].fil`. With `absent_allowed` (a rebuild from what a PDF carries) a
/// file that is not there is passed over: the document being made again does not show it.
pub fn load(
    source: &SourceFile,
    bilagor: &[Attachment],
    absent_allowed: bool,
) -> Result<Vec<Arc<AttachedFile>>, Vec<Problem>> {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for (index, attachment) in bilagor.iter().enumerate() {
        let Attachment::Described {
            namn,
            bifogad,
            fil: Some(file),
            offentlig,
        } = attachment
        else {
            continue;
        };
        if absent_allowed && !files::folder_of(&source.path).join(file).exists() {
            continue;
        }
        let field = format!("bilagor[{index}].fil");
        if !bifogad {
            problems.push(source.problem(
                &field,
                "en bilaga som inte bifogas (bifogad: false) har ingen fil; ta bort `fil` eller `bifogad`",
            ));
            continue;
        }
        match read(source, file) {
            Ok((name, bytes, mime, pages)) => loaded.push(Arc::new(AttachedFile {
                index,
                title: namn.clone(),
                name,
                bytes: bytes.into(),
                mime,
                public: *offentlig,
                pages,
                rendered: OnceLock::new(),
            })),
            Err(why) => {
                problems.push(source.problem(&field, format!("bilagan {}: {why}", file.display())))
            }
        }
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(problems)
    }
}

/// What [`read`] gives: the file's name, bytes, media type and page sizes.
type Read = (String, Vec<u8>, &'static str, Vec<(f32, f32)>);

/// The file `file` names beside the case: its name within the nämnd's folder, bytes,
/// media type and page sizes; or why not (in Swedish).
fn read(source: &SourceFile, file: &Path) -> Result<Read, String> {
    let mut parts = Vec::new();
    for component in file.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return Err("ska ligga i ärendets mapp eller under den".to_owned()),
        }
    }
    let folder = files::folder_of(&source.path);
    let path = folder.join(file);
    let real = files::inside(&path, folder).map_err(|why| match why.starts_with("leder") {
        true => "leder utanför ärendets mapp".to_owned(),
        false => format!("kan inte läsas: {why}"),
    })?;
    let bytes = files::read_regular(&real, MAX_ATTACHMENT_BYTES)?;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(format!(
            "filen är större än {} MiB; dela upp den eller spara den med lägre upplösning",
            MAX_ATTACHMENT_BYTES >> 20
        ));
    }
    let (mime, pages) = if sniff_pdf(&bytes) {
        ("application/pdf", pdf_pages(&bytes)?)
    } else {
        let raster = bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8]);
        let mime = match check_image(&bytes) {
            Ok(mime) if raster => mime,
            Err(why) if raster => return Err(format!("bilden går inte att använda: {why}")),
            _ => {
                return Err(
                    "en bilaga ska vara PDF, PNG eller JPEG; filen är inget av dem".to_owned(),
                );
            }
        };
        let size = super::image::raster_size(&bytes)?;
        (mime, vec![(size.0 as f32, size.1 as f32)])
    };
    // Its name within the nämnd's folder, as the case file's own.
    let case_folder = source.archive_name_under(&folder.join(".."));
    let prefix = case_folder
        .rsplit_once('/')
        .map_or(String::new(), |(folder, _)| format!("{folder}/"));
    Ok((format!("{prefix}{}", parts.join("/")), bytes, mime, pages))
}

/// A PDF: its header at the start or after some bytes of junk, as readers allow (within
/// the first 1024).
fn sniff_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The size of each page of the PDF `bytes`, or why it cannot be a bilaga.
fn pdf_pages(bytes: &[u8]) -> Result<Vec<(f32, f32)>, String> {
    use hayro::hayro_syntax::{LoadPdfError, Pdf};
    let encrypted = || {
        "PDF-filen är krypterad eller lösenordsskyddad; öppna den och spara en kopia utan \
         lösenord och behörighetsskydd (Skriv ut → Spara som PDF, eller Arkiv → Exportera)"
            .to_owned()
    };
    // Opened with a password nobody sets: a file with none opens all the same; one that
    // is encrypted does not, not even one only its owner's password protects (its
    // restrictions would not survive the packet).
    let pdf = match Pdf::new_with_password(bytes.to_vec(), "\u{1}paragraf\u{1}") {
        Ok(pdf) => pdf,
        Err(LoadPdfError::Decryption(_)) => return Err(encrypted()),
        Err(LoadPdfError::Invalid) => {
            return Err("PDF-filen är trasig och går inte att läsa; spara den på nytt från programmet den gjordes i".to_owned());
        }
    };
    let pages: Vec<(f32, f32)> = pdf
        .pages()
        .iter()
        .map(|page| page.render_dimensions())
        .collect();
    if pages.is_empty() {
        return Err("PDF-filen har inga sidor".to_owned());
    }
    if pages.len() > MAX_ATTACHMENT_PAGES {
        return Err(format!(
            "PDF-filen har {} sidor; en bilaga får ha högst {MAX_ATTACHMENT_PAGES}: dela upp den i flera bilagor",
            pages.len()
        ));
    }
    if pages.iter().any(|&(w, h)| !(w >= 1.0 && h >= 1.0)) {
        return Err("PDF-filen har en sida utan storlek; den är trasig".to_owned());
    }
    // A strip of a page would render to a line of pixels, or none.
    if let Some(n) = pages
        .iter()
        .position(|&(w, h)| w.max(h) / w.min(h) > MAX_ASPECT)
    {
        return Err(format!(
            "sidan {} är mer än {MAX_ASPECT} gånger så lång som den är bred; en bilaga har vanliga sidformat",
            n + 1
        ));
    }
    Ok(pages)
}

/// Each page of a PDF that [`pdf_pages`] accepted, rendered on white and encoded as PNG
/// (grey when the page has no colour, a third of the size).
fn render_pages(bytes: &Arc<[u8]>) -> Vec<Arc<[u8]>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{RenderCache, RenderSettings, render};
    let Ok(pdf) = Pdf::new(bytes.to_vec()) else {
        return Vec::new();
    };
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    pdf.pages()
        .iter()
        .map(|page| {
            let (width, height) = page.render_dimensions();
            let scale = (DPI / 72.0).min(MAX_SIDE / width.max(height));
            let pixmap = render(
                page,
                &cache,
                &settings,
                &RenderSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: WHITE,
                    ..Default::default()
                },
            );
            Arc::from(encode_png(
                pixmap.width().into(),
                pixmap.height().into(),
                pixmap.data_as_u8_slice(),
            ))
        })
        .collect()
}

/// Opaque RGBA pixels (rendered on white) as a PNG: grey when every pixel is, else RGB.
/// Typst decodes it and stores the pixels deflated in the PDF, grey in a third of the
/// room; so the PNG itself is compressed only lightly.
fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let grey = rgba.chunks_exact(4).all(|p| p[0] == p[1] && p[1] == p[2]);
    let (colour, data): (png::ColorType, Vec<u8>) = if grey {
        (
            png::ColorType::Grayscale,
            rgba.chunks_exact(4).map(|p| p[0]).collect(),
        )
    } else {
        (
            png::ColorType::Rgb,
            rgba.chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect(),
        )
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // Writing to memory fails only on a size the renderer cannot make (u16 sides).
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&data));
    match written {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}
