//! Redaction as a property: for generated names (Swedish letters, hyphenated double
//! names, initials) written in generated variants (case, decomposed letters, invisible
//! characters, every kind of space and line break, Markdown emphasis), the web copy's
//! matcher replaces the name wherever it stands and nothing else. tests/publish.rs shows
//! the same end to end: no published byte (page, feed, PDF text and metadata, file name)
//! holds a listed name.

use paragraf::web_copy::redact::{Piece, REPLACEMENT, Redactions};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// A first or last name: Swedish letters, sometimes a double name with a hyphen.
fn name_part() -> impl Strategy<Value = String> {
    let word = "[A-ZÅÄÖ][a-zåäöéü]{2,9}";
    prop_oneof![
        4 => word.prop_map(|w| w.to_owned()),
        1 => (word, word).prop_map(|(a, b)| format!("{a}-{b}")),
    ]
}

/// A listed name: first and last name, sometimes with an initial between.
fn listed_name() -> impl Strategy<Value = String> {
    (name_part(), proptest::option::of("[A-ZÅÄÖ]"), name_part()).prop_map(
        |(first, initial, last)| match initial {
            Some(i) => format!("{first} {i}. {last}"),
            None => format!("{first} {last}"),
        },
    )
}

/// How a text may write the name so that a reader sees the same name.
#[derive(Debug, Clone)]
enum Variant {
    Upper,
    Lower,
    Decomposed,
    SoftHyphens,
    ZeroWidth,
    Space(char),
}

fn variant() -> impl Strategy<Value = Variant> {
    prop_oneof![
        Just(Variant::Upper),
        Just(Variant::Lower),
        Just(Variant::Decomposed),
        Just(Variant::SoftHyphens),
        Just(Variant::ZeroWidth),
        prop::sample::select(vec![
            '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{202f}', '\u{3000}', '\n', '\u{2028}',
        ])
        .prop_map(Variant::Space),
    ]
}

fn written(name: &str, variant: &Variant) -> String {
    match variant {
        Variant::Upper => name.to_uppercase(),
        Variant::Lower => name.to_lowercase(),
        Variant::Decomposed => name.nfd().collect(),
        Variant::SoftHyphens => name
            .chars()
            .flat_map(|c| [c, '\u{ad}'])
            .collect::<String>()
            .trim_end_matches('\u{ad}')
            .to_owned(),
        // A zero-width non-joiner inside the first word, a joiner after each space.
        Variant::ZeroWidth => name
            .chars()
            .enumerate()
            .flat_map(|(i, c)| match (i, c) {
                (1, c) => vec![c, '\u{200c}'],
                (_, ' ') => vec![' ', '\u{200d}'],
                (_, c) => vec![c],
            })
            .collect(),
        Variant::Space(space) => name.replace(' ', &space.to_string()),
    }
}

/// Text around a name, chosen so that it cannot hold the name itself.
fn surrounding() -> impl Strategy<Value = String> {
    "[a-z0-9 ,.:;!?()]{0,30}".prop_map(|s| s.to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_listed_name_is_replaced_however_written_and_nothing_else(
        name in listed_name(),
        variant in variant(),
        before in surrounding(),
        after in surrounding(),
    ) {
        let redactions = Redactions::new(std::slice::from_ref(&name));
        let text = format!("{before} {} {after}", written(&name, &variant));
        let redacted = redactions.apply(&text);
        prop_assert_eq!(&redacted, &format!("{before} {REPLACEMENT} {after}"));
        // The same inside Markdown emphasis: the markup between stays, the name goes.
        let (first, rest) = name.split_once(' ').unwrap_or((&name, ""));
        let pieces = vec![
            Piece::Text(format!("{before} ")),
            Piece::Code("#emph[".into()),
            Piece::Text(written(first, &variant)),
            Piece::Code("]".into()),
            Piece::Text(format!(" {} {after}", written(rest, &variant))),
        ];
        let shown: String = redactions
            .apply_pieces(pieces)
            .iter()
            .filter_map(|p| match p { Piece::Text(t) => Some(t.as_str()), _ => None })
            .collect();
        prop_assert_eq!(shown, format!("{before} {REPLACEMENT} {after}"));
    }
}
