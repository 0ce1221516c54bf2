//! Benchmark of building everything in cases/ (seed 000's meeting, seed 001's case and the
//! example meeting of Kultur- och fritidsnämnden), stage by stage and end to end. `cargo bench` prints a Markdown table; the figures in
//! docs/performance.md come from it. Peak memory is the process's high-water mark.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use paragraf::{BuildOptions, render, typeset, write};

mod common;
use common::ms;

/// Each row is the median of this many runs after a warm-up.
const ROUNDS: usize = 15;

fn measure(run: impl FnMut()) -> Duration {
    common::measure(ROUNDS, run)
}

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("n/a".into(), |kb| format!("{:.0} MiB", kb / 1024.0))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = vec![root.join("cases")];
    let options = BuildOptions::default();
    let folder = tempfile::tempdir().expect("temporary folder");
    let out = folder.path().to_path_buf();

    let inputs = paragraf::load(&paths).expect("examples load");
    let planned = paragraf::plan(&inputs).expect("examples derive");
    let renderer = render::Renderer::new(&render::Templates::built_in()).expect("templates");
    let (sources, settings) = common::typeset_inputs(&renderer, &planned, &options);
    let outputs: Vec<_> = paragraf::produce(&planned, &options)
        .expect("produce")
        .into_iter()
        .flat_map(|p| p.files(false))
        .collect();
    let pages: usize = outputs.len();

    let rows = [
        (
            "parse (load every YAML file)",
            measure(|| {
                black_box(paragraf::load(&paths).unwrap());
            }),
        ),
        (
            "check (validate + prose figures, no typesetting)",
            measure(|| {
                black_box(paragraf::check(black_box(&inputs)).unwrap());
            }),
        ),
        (
            "derive",
            measure(|| {
                black_box(paragraf::plan(&inputs).unwrap());
            }),
        ),
        (
            "render (minijinja → Typst)",
            measure(|| {
                for p in &planned {
                    black_box(renderer.render(&p.document, true, false).unwrap());
                }
            }),
        ),
        (
            "typeset, cold (compile + PDF export, memo cache cleared)",
            measure(|| {
                for (source, settings) in sources.iter().zip(&settings) {
                    comemo::evict(0);
                    black_box(typeset::typeset(source, settings).unwrap());
                }
            }),
        ),
        (
            "typeset, unchanged input again (memoised)",
            measure(|| {
                for (source, settings) in sources.iter().zip(&settings) {
                    black_box(typeset::typeset(source, settings).unwrap());
                }
            }),
        ),
        (
            "write (every PDF, atomic)",
            measure(|| {
                black_box(write::write_all(&out, &outputs).unwrap());
            }),
        ),
        (
            "end to end (`paragraf::build`, cold)",
            measure(|| {
                comemo::evict(0);
                black_box(paragraf::build(&paths, &out, &options).unwrap());
            }),
        ),
    ];

    // What `paragraf watch` does after a one-word edit in seed 000's case: the same
    // process builds again, reusing the PDFs (and Typst's memo cache) of what did not change.
    let copy_folder = tempfile::tempdir().expect("temporary folder");
    let copy = copy_folder.path().to_path_buf();
    let meeting_folder = copy.join("socialnamnden/2015-03-24");
    std::fs::create_dir_all(&meeting_folder).expect("temporary folder");
    let seed = root.join("cases/socialnamnden/2015-03-24");
    for entry in std::fs::read_dir(&seed).expect("seed 000") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            meeting_folder.join(path.file_name().expect("a file")),
        )
        .expect("copy");
    }
    // The nämnd's profile and logo, as beside the real meeting folder.
    for name in ["profil.yaml", "logotyp.svg"] {
        std::fs::copy(
            root.join("cases/socialnamnden").join(name),
            copy.join("socialnamnden").join(name),
        )
        .expect("copy the profile");
    }
    let case = meeting_folder.join("3.2-482-2014-fordelning-must.yaml");
    let original = std::fs::read_to_string(&case).expect("the case");
    let watched = vec![meeting_folder.join("sammantrade.yaml")];
    paragraf::build(&watched, &copy.join("ut"), &options).expect("first build");
    let mut edit = 0;
    let rebuild = measure(|| {
        edit += 1;
        let word = if edit % 2 == 0 {
            "för 2015"
        } else {
            "för år 2015"
        };
        std::fs::write(&case, original.replacen("för 2015", word, 1)).expect("edit");
        black_box(paragraf::build(&watched, &copy.join("ut"), &options).expect("rebuild"));
    });
    let rows: Vec<(&str, Duration)> = rows
        .into_iter()
        .chain([(
            "watch: rebuild of seed 000's meeting after a one-word edit",
            rebuild,
        )])
        .collect();

    println!("| stage | median of {ROUNDS} |");
    println!("| --- | --- |");
    for (stage, time) in rows {
        println!("| {stage} | {} |", ms(time));
    }
    println!("\n{pages} PDFs; peak memory (VmHWM) {}", peak_rss_mib());
}
