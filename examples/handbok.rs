//! Makes the handbook's generated parts (docs/handbok/):
//!
//! - `cargo run --example handbok -- referens`: the reference of every key, from the
//!   vocabulary and the schemas (`paragraf::model::reference`).
//!
//! Run from the repository's root. The tests in tests/handbook.rs fail when a generated
//! part is not current and say which command to run.

use std::process::ExitCode;

fn main() -> ExitCode {
    let what: Vec<String> = std::env::args().skip(1).collect();
    let mut failed = false;
    for part in &what {
        let result = match part.as_str() {
            "referens" => write_reference(),
            other => Err(format!("okänd del {other:?}; välj referens")),
        };
        if let Err(message) = result {
            eprintln!("fel: {message}");
            failed = true;
        }
    }
    if what.is_empty() {
        eprintln!("Användning: cargo run --example handbok -- referens");
        failed = true;
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
