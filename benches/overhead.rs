//! Our overhead over Typst itself: seed 000's meeting (tjänsteutlåtande, extract, protokoll,
//! kallelse) built by `paragraf::build`, against the same Typst files (`--emit typst`)
//! compiled by the `typst` compiler of PyPI (typst-py 0.15.0, the Typst compiler as a
//! Python module: `pip install typst==0.15.0`). Both make PDF/A-3a + PDF/UA-1 with the
//! same fonts and attachments. `cargo bench --bench overhead` prints a Markdown table for
//! docs/performance.md; without the Python module it measures our side only.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use paragraf::{BuildOptions, render, typeset};

mod common;
use common::{measure, ms};

const ROUNDS: usize = 15;

/// Times the compiler of PyPI on the project at argv[1]: the first compile of every file in
/// a fresh process, then the median of ROUNDS more. Prints `first median` in seconds.
const PYTHON: &str = r#"
import sys, time, statistics, typst
project, fonts, rounds, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
def once():
    started = time.perf_counter()
    for name in files:
        typst.compile(f"{project}/{name}", output=f"{project}/{name}.pdf", root=project,
                      font_paths=[fonts], ignore_system_fonts=True,
                      pdf_standards=["a-3a", "ua-1"])
    return time.perf_counter() - started
first = once()
print(first, statistics.median(once() for _ in range(rounds)))
"#;

/// Write the emitted Typst files with everything they read (the style, the attached YAML,
/// the logo) into one folder, as a project the `typst` compiler can compile.
fn write_project(project: &Path, produced: &[paragraf::Produced]) -> Vec<String> {
    let write = |name: &str, bytes: &[u8]| {
        let path = project.join(name);
        std::fs::create_dir_all(path.parent().expect("inside the project")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    };
    let style = render::Templates::built_in();
    write(render::STYLE_NAME, style.style().text.as_bytes());
    let mut files = Vec::new();
    for document in produced {
        let name = format!("{}.typ", document.stem);
        write(&name, document.typst.as_bytes());
        for (file, bytes) in document.attachments.iter().chain(&document.images) {
            write(file, bytes);
        }
        files.push(name);
    }
    files
}

/// (first run, median of ROUNDS) of the PyPI compiler, or why it could not run.
fn python_compiler(project: &Path, files: &[String]) -> Result<(Duration, Duration), String> {
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let output = Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .arg(project)
        .arg(fonts)
        .arg(ROUNDS.to_string())
        .args(files)
        .output()
        .map_err(|e| format!("python3 does not run: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let seconds: Vec<f64> = text
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    match seconds[..] {
        [first, median] => Ok((
            Duration::from_secs_f64(first),
            Duration::from_secs_f64(median),
        )),
        _ => Err(format!("unexpected output: {text}")),
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = vec![root.join("cases/socialnamnden/2015-03-24/sammantrade.yaml")];
    let options = BuildOptions::default();
    let folder = tempfile::tempdir().expect("temporary folder");
    let out = folder.path().to_path_buf();
    let project = out.join("project");

    let inputs = paragraf::load(&paths).expect("seed 000 loads");
    let planned = paragraf::plan(&inputs).expect("seed 000 derives");
    let produced = paragraf::produce(&planned, &options).expect("seed 000 builds");
    let files = write_project(&project, &produced);
    let renderer = render::Renderer::new(&render::Templates::built_in()).expect("templates");
    let (sources, settings) = common::typeset_inputs(&renderer, &planned, &options);
    let typeset_all = || {
        for (source, settings) in sources.iter().zip(&settings) {
            black_box(typeset::typeset(source, settings).expect("typeset"));
        }
    };

    let build_cold = measure(ROUNDS, || {
        comemo::evict(0);
        black_box(paragraf::build(&paths, &out.join("pdf"), &options).expect("build"));
    });
    let before_typesetting = measure(ROUNDS, || {
        let inputs = paragraf::load(&paths).expect("load");
        paragraf::check(&inputs).expect("check");
        for p in paragraf::plan(&inputs).expect("plan") {
            black_box(renderer.render(&p.document, true, false).expect("render"));
        }
    });
    let typeset_cold = measure(ROUNDS, || {
        comemo::evict(0);
        typeset_all();
    });
    let typeset_warm = measure(ROUNDS, typeset_all);

    println!(
        "Seed 000's meeting: {} documents; median of {ROUNDS} after a warm-up.\n",
        files.len()
    );
    println!("| what | time |");
    println!("| --- | --- |");
    println!(
        "| paragraf: `paragraf::build` end to end, memo cache cleared (YAML → PDFs on disk, both cores) | {} |",
        ms(build_cold)
    );
    println!(
        "| paragraf: everything before typesetting (parse, check, derive, render to Typst) | {} |",
        ms(before_typesetting)
    );
    println!(
        "| paragraf: typesetting only, one document after another, memo cache cleared | {} |",
        ms(typeset_cold)
    );
    println!(
        "| paragraf: typesetting only, one after another, memoised | {} |",
        ms(typeset_warm)
    );
    match python_compiler(&project, &files) {
        Ok((first, median)) => {
            println!(
                "| typst 0.15.0 (PyPI), the emitted files one after another, first run in a fresh process | {} |",
                ms(first)
            );
            println!(
                "| typst 0.15.0 (PyPI), the emitted files one after another, same process again | {} |",
                ms(median)
            );
        }
        Err(why) => println!(
            "\nThe PyPI compiler was not measured (`pip install typst==0.15.0`): {}",
            why.trim()
        ),
    }
}
