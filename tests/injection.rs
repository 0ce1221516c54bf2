//! Injection, proved by property: arbitrary text, weighted toward Typst and Markdown
//! syntax, in every kind of text field of a case comes out of the PDF as typed (modulo
//! white space). Prose fields get the text Markdown-escaped, as a secretary would write
//! characters she means literally.

mod common;

use proptest::prelude::*;
use serde_json::Value;

use common::*;

/// Characters that mean something to Typst or Markdown, and ordinary Swedish text. All are
/// in the embedded fonts, so what is typeset can be read back.
fn character() -> impl Strategy<Value = char> {
    let syntax: Vec<char> = "#$*_@<>[]\\/`=-+~'\"{}()%:;.,!?&|^".chars().collect();
    let text: Vec<char> = "abcåäöÅÄÖéxyzQ".chars().collect();
    let other: Vec<char> = "0123456789§”–…".chars().collect();
    prop_oneof![
        5 => proptest::sample::select(syntax),
        4 => proptest::sample::select(text),
        2 => proptest::sample::select(other),
        2 => Just(' '),
    ]
}

/// A field's text: never blank, so every field is typeset.
fn field_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(character(), 1..40)
        .prop_map(|chars| format!("Q{}", chars.into_iter().collect::<String>()))
}

/// Prose: lines of field text, sometimes with a blank line between (paragraphs).
fn prose_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((field_text(), any::<bool>()), 1..4).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(line, paragraph)| if paragraph { line + "\n" } else { line })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn typeset_text_equals_the_input(
        texts in proptest::collection::vec(field_text(), 11),
        prose in proptest::collection::vec(prose_text(), 3),
    ) {
        let row = yaml_map(vec![
            ("nr", Value::from(1)),
            ("titel", Value::from(texts[0].clone())),
            ("beskrivning", Value::from(markdown_escaped(&prose[0]))),
            ("sökande", Value::from(texts[1].clone())),
            ("sökt", Value::from(1000)),
            ("förslag", Value::from("avslag")),
            ("motivering", Value::from(markdown_escaped(&prose[1]))),
        ]);
        let case = yaml_map(vec![
            ("nämnd", Value::from(texts[2].clone())),
            ("förvaltning", Value::from(texts[3].clone())),
            ("avdelning", Value::from(texts[4].clone())),
            ("handläggare", yaml_map(vec![("namn", Value::from(texts[5].clone()))])),
            ("datum", Value::from("2015-03-06")),
            ("dnr", Value::from(texts[6].clone())),
            ("rubrik", Value::from(texts[7].clone())),
            ("förslag_till_beslut", Value::Array(vec![Value::from(texts[8].clone())])),
            ("underskrifter", Value::Array(vec![yaml_map(vec![("namn", Value::from(texts[9].clone()))])])),
            ("sammanfattning", Value::from(markdown_escaped(&prose[2]))),
            ("avsnitt", Value::Array(vec![yaml_map(vec![
                ("rubrik", Value::from(texts[10].clone())),
                ("tabeller", Value::Array(vec![Value::from("t")])),
            ])])),
            ("tabeller", yaml_map(vec![("t", yaml_map(vec![
                ("rubrik", Value::from("Tabell")),
                ("ansökningar", Value::Array(vec![row])),
            ]))])),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("arende.yaml");
        std::fs::write(&path, serde_saphyr::to_string(&case).unwrap()).unwrap();
        let (_out, pdfs) = build(&[path]);
        let typeset = squeezed(&raw_text(pdf(&pdfs, "tjansteutlatande")));
        for expected in texts.iter().chain(&prose) {
            prop_assert!(
                typeset.contains(&squeezed(expected)),
                "{:?} not typeset as written; the PDF reads {:?}", expected, typeset
            );
        }
    }
}
