//! Timing helpers shared by the in-process benchmarks.
#![allow(dead_code)] // each benchmark uses its own subset

use std::time::{Duration, Instant};

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
