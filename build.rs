//! The identity of this build of paragraf: a hash of its code, templates, fonts and locked
//! dependencies. A build's cache of what each output was made from (`src/cache.rs`)
//! includes it, so that a new paragraf typesets everything again rather than trusting
//! PDFs another version made.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

const INPUTS: [&str; 4] = ["src", "templates", "fonts", "Cargo.lock"];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        collect(&root.join(input), &mut files);
    }
    files.sort();
    // SipHash with fixed keys: the same files give the same identity on every machine.
    let mut hasher = std::hash::DefaultHasher::new();
    for file in &files {
        hasher.write(
            file.strip_prefix(&root)
                .unwrap_or(file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=PARAGRAF_BUILD_ID={}-{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        hasher.finish()
    );
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            collect(&entry.path(), files);
        }
    } else if path.is_file() {
        files.push(path.to_path_buf());
    }
}
