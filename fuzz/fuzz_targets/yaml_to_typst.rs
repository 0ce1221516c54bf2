//! Fuzz target: any bytes as a case file, through parsing, checks, derivation and the
//! templates. Whatever the input, the pipeline must not panic, and when it renders, the
//! generated Typst must parse without a syntax error: user text can never break out of
//! its string literal. Typesetting is left out to keep each run fast.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use paragraf::model::{LoadedCase, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = SourceFile::from_text(Path::new("fuzz/arende.yaml"), text.to_owned());
    let Ok(case) = LoadedCase::from_source(source) else { return };
    if paragraf::validate::case(&case).iter().any(|p| p.is_error()) {
        return;
    }
    let Ok(document) = paragraf::derive::statement(&case) else { return };
    let renderer = paragraf::render::Renderer::new(&paragraf::render::Templates::built_in()).expect("the templates compile");
    let typst = renderer.render(&document, true, false).expect("a valid case renders");
    let (errors, _warnings) = typst_syntax::parse(&typst.text).errors_and_warnings();
    assert!(errors.is_empty(), "generated Typst does not parse: {errors:?}\n{}", typst.text);
});
