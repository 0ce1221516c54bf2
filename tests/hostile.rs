//! User text never becomes Typst code: strings full of Typst (and Markdown) syntax in every
//! kind of text field come out of the PDF exactly as typed.

mod common;

use std::path::Path;

use serde_json::Value;

use common::*;

/// Typst markup, code, math, labels, references, comments and escapes.
const HOSTILE: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "$x$",
    "*b*",
    "_i_",
    "@ref",
    "<label>",
    "[",
    "]",
    "\\",
    "//",
    "/*",
    "`kod`",
    "#set page(width: 1cm)",
    "#{ panic(\"x\") }",
    "\")];",
    "~-- ---",
    "'\"",
];

/// The hostile text of field number `n`, starting with `=` as a heading would. Joined
/// without spaces to stay short enough for the page header's fields.
fn hostile(n: usize) -> String {
    format!("= F{n:02} {}", HOSTILE.concat())
}

/// The same text for a Markdown field, escaped as a secretary would.
fn hostile_markdown(n: usize) -> String {
    markdown_escaped(&hostile(n))
}

struct Fields {
    next: usize,
    expected: Vec<String>,
}

impl Fields {
    fn text(&mut self) -> Value {
        self.next += 1;
        self.expected.push(hostile(self.next));
        Value::from(hostile(self.next))
    }

    fn markdown(&mut self) -> Value {
        self.next += 1;
        self.expected.push(hostile(self.next));
        Value::from(hostile_markdown(self.next))
    }
}

fn write_yaml(path: &Path, value: &Value) {
    std::fs::write(path, serde_saphyr::to_string(value).unwrap()).unwrap();
}

#[test]
fn hostile_strings_in_every_text_field_appear_literally() {
    let dir = tempfile::tempdir().unwrap();
    let mut case_fields = Fields {
        next: 0,
        expected: Vec::new(),
    };
    let f = &mut case_fields;
    let row = yaml_map(vec![
        ("nr", Value::from(1)),
        ("titel", f.text()),
        ("beskrivning", f.markdown()),
        ("sökande", f.text()),
        ("sökt", Value::from("25 000")),
        ("förslag", Value::from(20_000)),
        ("motivering", f.markdown()),
    ]);
    let case = yaml_map(vec![
        ("nämnd", f.text()),
        ("förvaltning", f.text()),
        ("avdelning", f.text()),
        (
            "handläggare",
            yaml_map(vec![("namn", f.text()), ("telefon", f.text())]),
        ),
        ("datum", Value::from("2015-03-06")),
        ("dnr", f.text()),
        ("rubrik", f.text()),
        (
            "förslag_till_beslut",
            Value::Array(vec![f.text(), f.text()]),
        ),
        (
            "underskrifter",
            Value::Array(vec![yaml_map(vec![
                ("namn", f.text()),
                ("titel", f.text()),
            ])]),
        ),
        ("sammanfattning", f.markdown()),
        (
            "avsnitt",
            Value::Array(vec![yaml_map(vec![
                ("rubrik", f.text()),
                ("text", f.markdown()),
                ("tabeller", Value::Array(vec![Value::from("t")])),
            ])]),
        ),
        (
            "tabeller",
            yaml_map(vec![(
                "t",
                yaml_map(vec![
                    ("rubrik", f.text()),
                    ("ansökningar", Value::Array(vec![row])),
                ]),
            )]),
        ),
        ("bilagor", Value::Array(vec![f.text()])),
    ]);
    write_yaml(&dir.path().join("arende.yaml"), &case);

    let mut meeting_fields = Fields {
        next: 100,
        expected: Vec::new(),
    };
    let m = &mut meeting_fields;
    let meeting = yaml_map(vec![
        ("nämnd", m.text()),
        ("datum", Value::from("2015-03-24")),
        ("plats", m.text()),
        ("ordförande", yaml_map(vec![("namn", m.text())])),
        (
            "sekreterare",
            yaml_map(vec![("namn", m.text()), ("titel", m.text())]),
        ),
        (
            "justerare",
            Value::Array(vec![yaml_map(vec![("namn", m.text())])]),
        ),
        (
            "justering",
            yaml_map(vec![
                ("datum", Value::from("2015-03-30")),
                ("plats", m.text()),
            ]),
        ),
        ("utdragsbestyrkande", m.text()),
        (
            "paragrafer",
            Value::Array(vec![yaml_map(vec![
                ("paragraf", Value::from(7)),
                ("ärende", Value::from("arende.yaml")),
                ("beslut", Value::Array(vec![m.text(), m.text()])),
                ("beslutsgång", m.markdown()),
                ("expediering", Value::Array(vec![m.text()])),
            ])]),
        ),
    ]);
    write_yaml(&dir.path().join("sammantrade.yaml"), &meeting);

    // The profile's texts: municipality and address line in both documents, each
    // heading and wording in the document that shows it.
    let f = &mut case_fields;
    let (municipality, address) = (f.text(), f.text());
    let mut headings = vec![
        ("förslag_till_beslut", f.text()),
        ("sammanfattning", f.text()),
        ("bilagor", f.text()),
    ];
    let m = &mut meeting_fields;
    for shared in [&municipality, &address] {
        m.expected.push(shared.as_str().unwrap().to_owned());
    }
    headings.extend([("ärendet", m.text()), ("expediering", m.text())]);
    let profile = yaml_map(vec![
        ("kommun", municipality),
        ("adressrad", address),
        ("rubriker", yaml_map(headings)),
        (
            "formuleringar",
            yaml_map(vec![("vid_protokollet", m.text())]),
        ),
    ]);
    write_yaml(&dir.path().join("profil.yaml"), &profile);

    let (_out, pdfs) = build(&[dir.path().join("sammantrade.yaml")]);
    let statement = text(pdf(&pdfs, "tjansteutlatande"));
    let extract = text(pdf(&pdfs, "protokollsutdrag"));
    for (document, expected) in [
        (&statement, &case_fields.expected),
        (&extract, &meeting_fields.expected),
    ] {
        let squeezed_document = squeezed(document);
        for field in expected {
            assert!(
                squeezed_document.contains(&squeezed(field)),
                "{:?} does not appear literally; the document reads:\n{document}",
                &field[..6]
            );
        }
        assert!(
            !document.contains("root:"),
            "a file was read into the document"
        );
    }
    // The case's rubrik reaches the extract too, unchanged.
    assert!(squeezed(&extract).contains(&squeezed(&hostile(11))));
}
