//! The batch build against one process per document, with the release binary: the 13
//! tjänsteutlåtanden of the example meeting (cases/kultur-och-fritidsnamnden) built by
//! one `paragraf build` and by 13 separate ones, and the whole meeting (29 documents) in
//! one process. `cargo bench --bench batch` prints a Markdown table for
//! docs/performance.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

fn run(args: &[&Path], out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("build")
        .args(args)
        .arg("-o")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("paragraf runs");
    assert!(status.success());
}

/// Median wall time of `work`, each round writing into a fresh folder.
fn measure(work: impl Fn(&Path)) -> Duration {
    let mut samples: Vec<Duration> = (0..ROUNDS)
        .map(|round| {
            let folder = tempfile::tempdir().expect("temporary folder");
            let out = folder.path().join(format!("round-{round}"));
            let started = Instant::now();
            work(&out);
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples[ROUNDS / 2]
}

fn main() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("cases/kultur-och-fritidsnamnden/2024-09-17");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the example meeting")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "sammantrade.yaml"))
        .collect();
    cases.sort();
    let case_refs: Vec<&Path> = cases.iter().map(PathBuf::as_path).collect();
    let meeting = folder.join("sammantrade.yaml");

    let one_process = measure(|out| run(&case_refs, out));
    let separate = measure(|out| case_refs.iter().for_each(|case| run(&[case], out)));
    let whole_meeting = measure(|out| run(&[&meeting], out));
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!("| build | documents | median of {ROUNDS} |");
    println!("| --- | --- | --- |");
    println!(
        "| {} tjänsteutlåtanden, one process | {} | {} |",
        cases.len(),
        cases.len(),
        ms(one_process)
    );
    println!(
        "| {} tjänsteutlåtanden, one process each | {} | {} |",
        cases.len(),
        cases.len(),
        ms(separate)
    );
    println!(
        "| the whole meeting, one process | 29 | {} |",
        ms(whole_meeting)
    );
}
