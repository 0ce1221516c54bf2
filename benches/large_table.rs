//! A table near paragraf's limit: a tjänsteutlåtande with 100 to 1 000 applications in one
//! table (the most a table may hold; a real call for applications has tens). Each size is
//! checked and built in a process of its own, so that its peak memory is its own.
//! `cargo bench --bench large_table` prints a Markdown table for docs/performance.md.

mod common;

use std::process::Command;
use std::time::Instant;

const SIZES: [usize; 4] = [100, 250, 500, 1_000];

/// A case with `n` applications of realistic length.
fn case(n: usize) -> String {
    let mut text = String::from(
        "nämnd: Kulturnämnden\nförvaltning: Kulturförvaltningen\ndatum: 2024-05-02\ndnr: KUN 2024/1\n\
         rubrik: Fördelning av bidrag\nförslag_till_beslut: [Kulturnämnden fördelar bidragen enligt tabell 1.]\n\
         sammanfattning: |\n  Förvaltningen föreslår bidrag om totalt {{ summa.beviljat }} av sökta {{ summa.sökt }}.\n\
         avsnitt:\n  - rubrik: Ansökningar\n    tabeller: [bidrag]\ntabeller:\n  bidrag:\n    rubrik: Ansökningar om bidrag\n    ansökningar:\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "      - nr: {i}\n        titel: Projekt nummer {i}\n        beskrivning: |\n          \
             Föreningen vill under 2025 ordna kurser och öppna träffar för barn och unga i\n          \
             stadsdelen, med ledare från föreningen och stöd av skolan.\n        \
             sökande: Förening {i}\n        sökt: {}\n        förslag: {}\n        \
             motivering: Projektet stämmer väl med nämndens mål.\n",
            10_000 + i * 10,
            if i % 3 == 0 { "avslag".to_owned() } else { (5_000 + i * 5).to_string() }
        ));
    }
    text
}

/// One size, in this process: check, then build; prints "check-ms build-ms pages peak-mib".
fn one(n: usize) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let dir = folder.path().to_path_buf();
    let file = dir.join("arende.yaml");
    std::fs::write(&file, case(n)).expect("case written");
    let paths = [file];
    let started = Instant::now();
    let inputs = paragraf::load(&paths).expect("loads");
    paragraf::check(&inputs).expect("checks");
    let checked = started.elapsed();
    let out = dir.join("ut");
    let started = Instant::now();
    let report = paragraf::build(&paths, &out, &paragraf::BuildOptions::default()).expect("builds");
    let built = started.elapsed();
    let pdf = &report.written[0].path;
    let size = std::fs::metadata(pdf).map_or(0, |m| m.len());
    println!(
        "{:.1} {:.1} {} {:.0}",
        checked.as_secs_f64() * 1000.0,
        built.as_secs_f64() * 1000.0,
        size / 1024,
        common::peak_rss_mib()
    );
}

fn main() {
    if let Ok(n) = std::env::var("PARAGRAF_LARGE_TABLE") {
        one(n.parse().expect("a size"));
        return;
    }
    println!("| applications | check | build (typeset, one PDF) | PDF | peak memory |");
    println!("| --- | --- | --- | --- | --- |");
    for n in SIZES {
        let output = Command::new(std::env::current_exe().expect("this benchmark"))
            .env("PARAGRAF_LARGE_TABLE", n.to_string())
            .output()
            .expect("the benchmark runs itself");
        let line = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            fields.len(),
            4,
            "{line}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        println!(
            "| {n} | {} ms | {} ms | {} KiB | {} MiB |",
            fields[0], fields[1], fields[2], fields[3]
        );
    }
}
