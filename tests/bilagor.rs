//! Bilagor that are files (issue 31, items 1–3): a PDF or an image beside the case follows
//! its tjänsteutlåtande into the handlingar packet and the archive package, its pages made
//! archive-grade as images with the original attached; `check` refuses a broken, encrypted
//! or oversized one at its line; the public outputs leave out what is not marked public.

#[path = "common/bilagor.rs"]
mod bilagor;
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// The example meeting whose cases carry PDF bilagor.
const MEETING: &str = "cases/byggnadsnamnden/2024-10-17";

/// Byggnadsnämnden built once: its PDFs by file name.
fn built() -> &'static std::collections::BTreeMap<String, PathBuf> {
    static BUILT: OnceLock<(
        tempfile::TempDir,
        std::collections::BTreeMap<String, PathBuf>,
    )> = OnceLock::new();
    &BUILT
        .get_or_init(|| build(&[repo().join("cases/byggnadsnamnden")]))
        .1
}

#[test]
fn the_example_bilagor_are_current() {
    let folder = repo().join(MEETING);
    let update = std::env::var_os("PARAGRAF_UPDATE_BILAGOR").is_some();
    for (name, bytes) in bilagor::examples() {
        let path = folder.join(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is not what tests/common/bilagor.rs makes: run the test with PARAGRAF_UPDATE_BILAGOR=1",
            path.display()
        );
    }
}
