//! A logo (or any image the documents show) is checked before anything decodes it: PNG,
//! JPEG or SVG; a raster at most [`MAX_PIXELS`], read from its header (a 437 kB PNG can
//! claim 60 000 × 60 000 pixels and take gigabytes to decode); an SVG that refers to no
//! other file and whose embedded images are as bounded. Then Typst's own decoder must
//! accept it, so that what `check` passes, `build` can place.

use base64::Engine;

/// The most pixels a raster image may have: 25 Mpx, a poster-sized logo.
pub const MAX_PIXELS: u64 = 25_000_000;

/// The media type of `bytes` if Typst can place them as an image, or why not (in
/// Swedish).
pub fn check_image(bytes: &[u8]) -> Result<&'static str, String> {
    use typst::foundations::Bytes;
    use typst::visualize::{
        ExchangeFormat, ImageFormat, RasterFormat, RasterImage, SvgImage, VectorFormat,
    };
    let undecodable =
        |_| "bilden går inte att avkoda; filen är trasig eller inte en bild".to_owned();
    match ImageFormat::detect(bytes) {
        Some(ImageFormat::Raster(RasterFormat::Exchange(
            format @ (ExchangeFormat::Png | ExchangeFormat::Jpg),
        ))) => {
            raster_size(bytes)?;
            RasterImage::plain(Bytes::new(bytes.to_vec()), format).map_err(undecodable)?;
            Ok(if format == ExchangeFormat::Png {
                "image/png"
            } else {
                "image/jpeg"
            })
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            svg_references(bytes)?;
            SvgImage::new(Bytes::new(bytes.to_vec()))
                .map(|_| "image/svg+xml")
                .map_err(|_| "SVG-filen går inte att tolka".to_owned())
        }
        _ => {
            Err("formatet ska vara PNG eller JPEG (högst 25 miljoner pixlar) eller SVG".to_owned())
        }
    }
}

/// The width and height a PNG or JPEG declares in its header, refused above
/// [`MAX_PIXELS`].
pub(super) fn raster_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let (width, height) = png_size(bytes)
        .or_else(|| jpeg_size(bytes))
        .ok_or_else(|| "bildens storlek går inte att läsa; filen är trasig".to_owned())?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "bilden är {width} × {height} pixlar; högst {} miljoner pixlar går att använda",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok((width, height))
}

/// A PNG's size: its first chunk is IHDR, width and height big-endian.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let number = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    Some((number(16)?, number(20)?))
}

/// A JPEG's size, from its first start-of-frame segment (SOF0–SOF15 but DHT, JPG, DAC).
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1; // fill bytes
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let height = u16::from_be_bytes([*bytes.get(at + 5)?, *bytes.get(at + 6)?]);
            let width = u16::from_be_bytes([*bytes.get(at + 7)?, *bytes.get(at + 8)?]);
            return Some((u32::from(width), u32::from(height)));
        }
        at += 2 + length;
    }
}

/// An SVG's references: none to another file (a logo is one file), and each embedded
/// raster image (`data:` URI) within [`MAX_PIXELS`].
fn svg_references(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "SVG-filen är inte UTF-8".to_owned())?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|_| "SVG-filen går inte att tolka".to_owned())?;
    for node in document.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            let value = attribute.value().trim();
            let reference = attribute.name() == "href";
            let in_style = attribute.name() == "style" || node.tag_name().name() == "style";
            if !(reference || in_style) {
                continue;
            }
            if let Some(data) = value.strip_prefix("data:") {
                embedded_image(data)?;
            } else if reference && !value.starts_with('#') && !value.is_empty() {
                return Err(format!(
                    "SVG-filen hänvisar till {value}; en logotyp ska vara en enda fil (bädda in bilden eller rita den i SVG)"
                ));
            }
        }
        if node.tag_name().name() == "style" && node.text().is_some_and(|t| t.contains("url(")) {
            return Err("SVG-filen hänvisar till andra filer i sin stil (url(…)); en logotyp ska vara en enda fil".to_owned());
        }
    }
    Ok(())
}

/// An image embedded as `data:image/png;base64,…`: bounded like a file.
fn embedded_image(data: &str) -> Result<(), String> {
    let Some((kind, payload)) = data.split_once(',') else {
        return Err("en inbäddad bild i SVG-filen går inte att läsa".to_owned());
    };
    if !kind.ends_with(";base64") {
        return Err("en inbäddad bild i SVG-filen ska vara base64-kodad".to_owned());
    }
    let payload: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .map_err(|_| "en inbäddad bild i SVG-filen går inte att avkoda".to_owned())?;
    if kind.starts_with("image/svg") {
        return svg_references(&bytes);
    }
    raster_size(&bytes).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width` × `height` whose header is all there is: enough for its size.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([1, 0, 0, 0, 0]);
        bytes.extend([0; 4]);
        bytes
    }

    #[test]
    fn jpeg_sizes_come_from_the_frame_header() {
        // SOI, an APP0 segment of 4 bytes, SOF0 of 480 × 640.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0xE0, 0x02, 0x80, 1,
        ];
        assert_eq!(jpeg_size(&jpeg), Some((640, 480)));
        assert_eq!(jpeg_size(&jpeg[..9]), None);
    }

    #[test]
    fn huge_rasters_are_refused_before_decoding_also_inside_an_svg() {
        let huge = png_header(60_000, 60_000);
        let error = check_image(&huge).err().unwrap_or_default();
        assert!(error.contains("60000 × 60000 pixlar"), "{error}");
        let encoded = base64::engine::general_purpose::STANDARD.encode(&huge);
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/png;base64,{encoded}" width="10" height="10"/></svg>"#
        );
        let error = check_image(svg.as_bytes()).err().unwrap_or_default();
        assert!(error.contains("pixlar"), "{error}");
        let linked = r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="annan.png" width="10" height="10"/></svg>"#;
        let error = check_image(linked.as_bytes()).err().unwrap_or_default();
        assert!(error.contains("hänvisar till annan.png"), "{error}");
    }
}
