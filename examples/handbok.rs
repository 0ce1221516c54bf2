//! Makes the handbook's generated parts (docs/handbok/), from the repository's root:
//!
//! - `cargo run --example handbok -- referens`: the reference of every key, from the
//!   vocabulary and the schemas (`paragraf::model::reference`).
//! - `cargo run --example handbok -- bilder`: the pictures, pages of PDFs built from the
//!   examples (`paragraf::handbook::ALL_PICTURES`) as PNG by pdftoppm (poppler-utils),
//!   and `bilder/källor.txt` with the SHA-256 of each PDF.
//!
//! tests/handbook.rs fails when a generated part is not current and says what to run.

use std::path::Path;
use std::process::{Command, ExitCode};

use paragraf::handbook::{PICTURE_SOURCES, PICTURES, picture_pdfs, source_line};

/// Pixels per inch: an A4 page 413 × 585, small enough for the repository, readable.
const RESOLUTION: &str = "50";

fn main() -> ExitCode {
    let parts: Vec<String> = std::env::args().skip(1).collect();
    if parts.is_empty() {
        eprintln!("Användning: cargo run --example handbok -- referens bilder");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for part in &parts {
        let result = match part.as_str() {
            "referens" => write_reference(),
            "bilder" => write_pictures(),
            other => Err(format!("okänd del {other:?}; välj referens eller bilder")),
        };
        if let Err(message) = result {
            eprintln!("fel: {message}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_reference() -> Result<(), String> {
    let path = paragraf::model::reference::REFERENCE_PATH;
    std::fs::write(path, paragraf::model::reference::reference())
        .map_err(|e| format!("{path}: {e}"))?;
    println!("skrev {path}");
    Ok(())
}

fn write_pictures() -> Result<(), String> {
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let pdfs = picture_pdfs(Path::new("."), scratch.path())?;
    std::fs::create_dir_all(PICTURES).map_err(|e| format!("{PICTURES}: {e}"))?;
    let mut sources = String::new();
    for (picture, pdf) in &pdfs {
        let page = picture.page.to_string();
        let target = Path::new(PICTURES).join(picture.png);
        // pdftoppm adds ".png" to the name it is given.
        let stem = target.with_extension("");
        let status = Command::new("pdftoppm")
            .args([
                "-png",
                "-singlefile",
                "-r",
                RESOLUTION,
                "-f",
                &page,
                "-l",
                &page,
            ])
            .arg(pdf)
            .arg(&stem)
            .status()
            .map_err(|e| format!("pdftoppm (apt-get install poppler-utils): {e}"))?;
        if !status.success() {
            return Err(format!("pdftoppm för {}: {status}", picture.png));
        }
        let bytes = std::fs::read(pdf).map_err(|e| format!("{}: {e}", pdf.display()))?;
        let name = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.push_str(&source_line(picture, &bytes, &name));
        println!("skrev {}", target.display());
    }
    std::fs::write(PICTURE_SOURCES, sources).map_err(|e| format!("{PICTURE_SOURCES}: {e}"))?;
    println!("skrev {PICTURE_SOURCES}");
    Ok(())
}
