//! Timing and memory helpers shared by the benchmarks.
#![allow(dead_code)] // each benchmark uses its own subset

use std::time::{Duration, Instant};

use paragraf::render::{Renderer, TypstSource};
use paragraf::typeset::PdfSettings;
use paragraf::{BuildOptions, Planned, write};

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median of `rounds` runs of `run`, after one warm-up run (lazy statics, page cache).
pub fn measure(rounds: usize, mut run: impl FnMut()) -> Duration {
    run();
    median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed()
            })
            .collect(),
    )
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// What the typesetting stage gets for each planned document: its Typst source (sources
/// attached, not the web copy) and its PDF settings.
pub fn typeset_inputs(
    renderer: &Renderer,
    planned: &[Planned],
    options: &BuildOptions,
) -> (Vec<TypstSource>, Vec<PdfSettings>) {
    planned
        .iter()
        .map(|p| {
            let source = renderer.render(&p.document, true, false).expect("render");
            let settings = PdfSettings {
                ident: write::file_stem(&p.document),
                date: p.document.date,
                root: Some(p.root.clone()),
                conformance: options.conformance.clone(),
            };
            (source, settings)
        })
        .unzip()
}

/// Peak resident memory of this process, in MiB.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}
