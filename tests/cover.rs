//! The protocol's first page (issue 28, item 2): its blocks as the profile places them,
//! where the attendance stands, and a first page too tall for one page, measured on the
//! PDF's text page by page.

mod common;

use std::path::PathBuf;

use common::*;

/// Älvby's tekniska nämnd: five beslutande, one of them on distance, an ärendeförteckning
/// on the first page, signatures under each other on lines and an ANSLAG/BEVIS whose
/// dates are written in by hand.
fn alvby() -> PathBuf {
    repo().join("tests/fixtures/forsattsblad")
}

const ALVBY_PROTOCOL: &str = "2025-02-11_tekniska-namnden_protokoll.pdf";

#[test]
fn a_first_page_too_tall_keeps_its_signatures_and_the_anslag_follows_under_a_heading() {
    let (_out, built) = build(&[alvby()]);
    let protocol = pdf(&built, ALVBY_PROTOCOL);
    let first = page_text(protocol, 1);
    // Everything but the ANSLAG/BEVIS fits: the signatures stay under the list …
    for signed in ["Sekreterare Nina Åberg", "Ordförande Karl Ström", "Justerande Eva Berg"] {
        assert!(first.contains(signed), "{signed:?} not on page 1:\n{first}");
    }
    assert!(!first.contains("ANSLAG/BEVIS"), "{first}");
    // … and the ANSLAG/BEVIS opens the next page, saying whose it is.
    let second = page_text(protocol, 2);
    assert!(
        second.contains("Protokoll (forts.) ANSLAG/BEVIS"),
        "{second}"
    );
    assert!(!second.contains("Sekreterare"), "{second}");
}

#[test]
fn five_beslutande_stand_on_the_first_page_when_the_anslag_would_not_fit_anyway() {
    // `närvarolista: automatisk` moves the lists to the bilaga only where that keeps the
    // page whole; here the ANSLAG/BEVIS goes on to the next page with or without them.
    let (_out, built) = build(&[alvby()]);
    let protocol = pdf(&built, ALVBY_PROTOCOL);
    let first = page_text(protocol, 1);
    assert!(!first.contains("Se bilaga"), "{first}");
    assert!(
        first.contains("Lisa Holm, C, deltar på distans"),
        "{first}"
    );
    let all = text(protocol);
    assert!(!all.contains("Närvaro- och omröstningslista"), "{all}");
}
