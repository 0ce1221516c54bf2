//! PDF bilagor as they come from elsewhere, made here with lopdf so that each is small and
//! its shape is known: a ritning (vector lines, text in Helvetica not embedded), a
//! scanned letter (a page that is one grey image), an office-suite report (fonts not
//! embedded, a transparency group, a form field, JavaScript), and an encrypted file. The
//! example meeting's bilagor are these bytes (the test `the_example_bilagor_are_current`).
#![allow(dead_code)] // each test binary uses its own subset

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// A document of `pages` (each its size in points and its content stream), whose
/// resources `resources` makes (adding what they refer to).
fn document(
    pages: &[((f32, f32), Vec<u8>)],
    resources: impl FnOnce(&mut Document) -> Dictionary,
) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let resources = resources(&mut doc);
    let resources = doc.add_object(resources);
    let mut kids = Vec::new();
    for ((width, height), content) in pages {
        let content = doc.add_object(Stream::new(dictionary! {}, content.clone()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(*width), Object::Real(*height)],
            "Contents" => content,
            "Resources" => resources,
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let root = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", root);
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF made in memory saves");
    bytes
}

/// Text in Helvetica (one of the 14 fonts a reader has; not embedded).
fn helvetica() -> Dictionary {
    dictionary! {
        "Font" => dictionary! {
            "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" },
        },
    }
}

/// A situationsplan on A3 landscape: a plot, a house, a scale bar and their labels.
pub fn ritning() -> Vec<u8> {
    let content = b"2 w 60 60 m 1130 60 l 1130 780 l 60 780 l h S\n\
        1 w 200 200 m 900 200 l 900 650 l 200 650 l h S\n\
        0.2 0.3 0.8 rg 420 330 240 160 re f\n\
        0 g 3 w 80 100 m 280 100 l S\n\
        BT /F1 28 Tf 80 800 Td (Situationsplan Lonnen 4) Tj ET\n\
        BT /F1 16 Tf 470 400 Td (Nybyggnad) Tj ET\n\
        BT /F1 12 Tf 80 110 Td (0        10 m) Tj ET\n\
        BT /F1 12 Tf 920 210 Td (Tomtgrans) Tj ET\n"
        .to_vec();
    save(document(&[((1190.0, 842.0), content)], |_| helvetica()))
}

/// A scanned letter: an A4 page that is one grey image (rows of dark "text" on light
/// paper), as a scanner writes it.
pub fn scanned_letter() -> Vec<u8> {
    let (width, height) = (248u32, 351u32); // 30 dpi: a fixture, not a scan
    let mut pixels = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        for x in 0..width {
            let line = (40..300).contains(&y) && y % 12 < 5;
            let word = (20..228).contains(&x) && (x / 9 + y / 12) % 7 != 0;
            let speck = (x * 7 + y * 13) % 97 == 0;
            pixels.push(if (line && word) || speck { 40 } else { 235 });
        }
    }
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n".to_vec();
    save(document(&[((595.0, 842.0), content)], |doc| {
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image",
                "Width" => width as i64, "Height" => height as i64,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            pixels,
        ));
        dictionary! { "XObject" => dictionary! { "Im1" => image } }
    }))
}

/// A report as an office suite exports it: three pages of text in fonts it did not
/// embed (Calibri, Arial), a transparency group, a filled-in form field and a script.
pub fn office_report() -> Vec<u8> {
    let mut pages = Vec::new();
    for n in 1..=3 {
        let mut content =
            format!("BT /F1 20 Tf 72 760 Td (Trafikutredning Lonnen, del {n}) Tj ET\n");
        for line in 0..30 {
            content.push_str(&format!(
                "BT /F2 10 Tf 72 {} Td (Rad {line}: trafikflodet vid korsningen uppmattes till {} fordon per dygn.) Tj ET\n",
                720 - line * 20,
                1200 + line * 37 + n * 5
            ));
        }
        content.push_str("0.9 0.5 0.1 rg 380 60 150 40 re f\n");
        pages.push(((595.0, 842.0), content.into_bytes()));
    }
    let resources = dictionary! {
        "Font" => dictionary! {
            "F1" => dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Calibri-Bold", "FirstChar" => 32, "LastChar" => 126, "Encoding" => "WinAnsiEncoding" },
            "F2" => dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ArialMT", "FirstChar" => 32, "LastChar" => 126, "Encoding" => "WinAnsiEncoding" },
        },
    };
    let mut doc = document(&pages, |_| resources);
    let first_page = doc.get_pages().into_values().next().expect("three pages");
    // A form field with its appearance (what a reader shows, and the render flattens).
    let appearance = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "Helv" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" } } },
        },
        b"0.95 g 0 0 200 20 re f 0 g BT /Helv 10 Tf 4 6 Td (Godkand av: A. Lind) Tj ET".to_vec(),
    ));
    let field = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("granskare"),
        "V" => Object::string_literal("Godkand av: A. Lind"),
        "Rect" => vec![72.into(), 100.into(), 272.into(), 120.into()],
        "P" => first_page, "F" => 4,
        "AP" => dictionary! { "N" => appearance },
    });
    let script = doc.add_object(
        dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert('Hej');") },
    );
    if let Ok(Object::Dictionary(page)) = doc.get_object_mut(first_page) {
        page.set("Annots", vec![field.into()]);
        page.set(
            "Group",
            dictionary! { "Type" => "Group", "S" => "Transparency", "CS" => "DeviceRGB" },
        );
    }
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("a catalogue");
    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(root) {
        catalog.set("AcroForm", dictionary! { "Fields" => vec![field.into()] });
        catalog.set("OpenAction", script);
    }
    let info =
        doc.add_object(dictionary! { "Producer" => Object::string_literal("LibreOffice 7.6") });
    doc.trailer.set("Info", info);
    save(doc)
}

/// A file with an /Encrypt dictionary: the standard handler, revision 3, no user
/// password but one of the owner's (its restrictions).
pub fn encrypted() -> Vec<u8> {
    let mut doc = document(
        &[(
            (595.0, 842.0),
            b"BT /F1 12 Tf 72 760 Td (Hemligt) Tj ET".to_vec(),
        )],
        |_| helvetica(),
    );
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -3904,
        "O" => Object::String(vec![0x11; 32], lopdf::StringFormat::Hexadecimal),
        "U" => Object::String(vec![0x22; 32], lopdf::StringFormat::Hexadecimal),
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], lopdf::StringFormat::Hexadecimal),
            Object::String(vec![1; 16], lopdf::StringFormat::Hexadecimal),
        ],
    );
    save(doc)
}

/// The example meeting's bilagor: file name and bytes.
pub fn examples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("bilagor/situationsplan-lonnen-4.pdf", ritning()),
        ("bilagor/skrivelse-granne.pdf", scanned_letter()),
        ("bilagor/trafikutredning.pdf", office_report()),
    ]
}

/// A document of `count` A4 pages, one line of text each.
pub fn pages(count: usize) -> Vec<u8> {
    let pages: Vec<((f32, f32), Vec<u8>)> = (1..=count)
        .map(|n| {
            (
                (595.0, 842.0),
                format!("BT /F1 12 Tf 72 760 Td (Sida {n}) Tj ET").into_bytes(),
            )
        })
        .collect();
    save(document(&pages, |_| helvetica()))
}

/// A page 2000 points wide and 20 high: a strip, no page.
pub fn strip() -> Vec<u8> {
    save(document(
        &[((2000.0, 20.0), b"0 0 2000 20 re f".to_vec())],
        |_| helvetica(),
    ))
}
