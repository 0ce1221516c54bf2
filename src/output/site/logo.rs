//! A logo as the site publishes it: known by its content, never by its file name, and an
//! SVG rebuilt from an allow-list of drawing elements and attributes, so that what the
//! municipality's own site serves cannot run a script (`<script>`, `onload=`, a
//! `javascript:` link, a foreign object) or fetch anything from elsewhere.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// The SVG elements a logo may draw with.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "symbol",
    "use",
    "image",
];

/// The attributes they may have (presentation and geometry; no event handler, no style
/// sheet, no link but to the logo's own parts or an embedded raster image).
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "d",
    "points",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
    "clip-path",
    "clip-rule",
    "mask",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "patternUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "version",
    "xml:space",
    "href",
    "xlink:href",
];

/// The file extension and the bytes the site publishes for a logo `bytes`, or why it
/// cannot be published (in Swedish).
pub fn published(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(("png", bytes.to_vec()));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(("jpg", bytes.to_vec()));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "logotypen är varken PNG, JPEG eller SVG".to_owned())?;
    sanitised_svg(text).map(|svg| ("svg", svg.into_bytes()))
}

/// Whether an attribute's value may stand: a reference only to the logo's own parts
/// (`#id`, `url(#id)`) or an embedded PNG or JPEG.
fn safe_value(name: &str, value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if name.ends_with("href") {
        return value.starts_with('#')
            || lower.starts_with("data:image/png;base64,")
            || lower.starts_with("data:image/jpeg;base64,");
    }
    if lower.contains("url(") {
        return lower
            .split("url(")
            .skip(1)
            .all(|rest| rest.trim_start().starts_with('#'));
    }
    // A backslash is a CSS escape (`\75 rl(` is `url(`): no logo needs one.
    !lower.contains("javascript:") && !lower.contains("expression(") && !value.contains('\\')
}

/// The SVG `text`, rebuilt with only the allowed elements and attributes; anything else
/// is left out with all it holds.
fn sanitised_svg(text: &str) -> Result<String, String> {
    let text = without_plain_doctype(text)?;
    let document =
        roxmltree::Document::parse(&text).map_err(|_| "SVG-filen går inte att tolka".to_owned())?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err("logotypen är varken PNG, JPEG eller SVG".to_owned());
    }
    if root.tag_name().namespace() != Some("http://www.w3.org/2000/svg") {
        return Err(
            "SVG-filen saknar SVG:s namnrymd (xmlns=\"http://www.w3.org/2000/svg\")".to_owned(),
        );
    }
    let mut writer = Writer::new(Vec::new());
    write_element(&mut writer, root, true).map_err(|e| format!("SVG-filen: {e}"))?;
    String::from_utf8(writer.into_inner()).map_err(|_| "SVG-filen är inte UTF-8".to_owned())
}

/// `text` without a DOCTYPE that only names the SVG DTD (as drawing programs write it).
/// One with an internal subset is refused: its entities could expand a small file into
/// gigabytes, and a logo needs none.
fn without_plain_doctype(text: &str) -> Result<String, String> {
    let Some(start) = text.find("<!DOCTYPE") else {
        return Ok(text.to_owned());
    };
    let end = text[start..]
        .find('>')
        .map(|at| start + at + 1)
        .ok_or_else(|| "SVG-filen går inte att tolka".to_owned())?;
    if text[start..end].contains('[') || text[end..].contains("<!DOCTYPE") {
        return Err(
            "SVG-filen har en DTD med egna entiteter; spara den utan (som SVG 1.1 utan DTD)"
                .to_owned(),
        );
    }
    Ok(format!("{}{}", &text[..start], &text[end..]))
}

/// The name an attribute is written with: its prefix for the XML and xlink namespaces.
fn attribute_name(attribute: &roxmltree::Attribute) -> Option<String> {
    match attribute.namespace() {
        None => Some(attribute.name().to_owned()),
        Some("http://www.w3.org/1999/xlink") => Some(format!("xlink:{}", attribute.name())),
        Some("http://www.w3.org/XML/1998/namespace") => Some(format!("xml:{}", attribute.name())),
        // Another namespace's attribute means nothing to a browser drawing the logo.
        Some(_) => None,
    }
}

fn write_element(
    writer: &mut Writer<Vec<u8>>,
    node: roxmltree::Node,
    root: bool,
) -> std::io::Result<()> {
    let name = node.tag_name().name();
    let svg_namespace = matches!(
        node.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    if !svg_namespace || !ELEMENTS.contains(&name) {
        return Ok(());
    }
    let mut start = BytesStart::new(name);
    if root {
        start.push_attribute(("xmlns", "http://www.w3.org/2000/svg"));
        start.push_attribute(("xmlns:xlink", "http://www.w3.org/1999/xlink"));
    }
    for attribute in node.attributes() {
        let Some(attribute_name) = attribute_name(&attribute) else {
            continue;
        };
        if ATTRIBUTES.contains(&attribute_name.as_str())
            && safe_value(&attribute_name, attribute.value())
        {
            start.push_attribute((attribute_name.as_str(), attribute.value()));
        }
    }
    writer.write_event(Event::Start(start))?;
    for child in node.children() {
        if child.is_element() {
            write_element(writer, child, false)?;
        } else if child.is_text()
            && let Some(text) = child.text()
        {
            writer.write_event(Event::Text(BytesText::new(text)))?;
        }
    }
    writer.write_event(Event::End(BytesEnd::new(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_foreign_content_and_outside_links_are_left_out() {
        let hostile = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">
  <script>alert(2)</script>
  <style>rect { fill: url(https://spårare.example/x) }</style>
  <foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></body></foreignObject>
  <a href="javascript:alert(4)"><rect width="5" height="5"/></a>
  <rect width="10" height="10" fill="url(#g)" onclick="alert(5)" style="fill:red"/>
  <use xlink:href="https://example.se/logo.svg#a"/>
  <use xlink:href="#g"/>
  <linearGradient id="g"><stop offset="0" stop-color="#1d3f6e"/></linearGradient>
  <text x="1" y="9">Ekby &amp; &lt;kommun&gt;</text>
  <circle r="1" fill="\75 rl(https://x.se/y)" x:fill="red" xmlns:x="urn:x"/>
</svg>"##;
        let (extension, bytes) = published(hostile.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let svg = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(extension, "svg");
        for bad in [
            "script",
            "onload",
            "onclick",
            "alert",
            "style",
            "foreignObject",
            "https:",
            "javascript",
            "\\75",
        ] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        for kept in [
            r##"fill="url(#g)""##,
            r##"xlink:href="#g""##,
            "Ekby &amp; &lt;kommun&gt;",
            r#"viewBox="0 0 10 10""#,
        ] {
            assert!(svg.contains(kept), "{kept} not in {svg}");
        }
        // What is left is still an SVG that Typst can draw.
        let bytes = typst::foundations::Bytes::new(svg.clone().into_bytes());
        assert!(typst::visualize::SvgImage::new(bytes).is_ok(), "{svg}");
    }

    #[test]
    fn a_dtd_or_an_svg_outside_the_svg_namespace_is_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;&a;</text></svg>"#;
        assert!(published(bomb.as_bytes()).is_err());
        // The DOCTYPE a drawing program writes, naming the SVG DTD only, is passed over.
        let plain = r#"<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>"#;
        let (_, svg) = published(plain.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert!(!String::from_utf8_lossy(&svg).contains("DOCTYPE"));
        assert!(published(b"<svg><rect width=\"1\" height=\"1\"/></svg>").is_err());
    }

    #[test]
    fn a_logo_is_known_by_its_content_not_its_name() {
        assert_eq!(published(b"\x89PNG\r\n\x1a\n....").map(|p| p.0), Ok("png"));
        assert_eq!(published(&[0xFF, 0xD8, 0xFF, 0xE0]).map(|p| p.0), Ok("jpg"));
        assert!(published(b"<html><body>hej</body></html>").is_err());
        assert!(published(b"\x00\x01binary").is_err());
    }
}
