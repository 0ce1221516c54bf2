//! A year of a large municipality's committee paperwork: N nämnder × 11 meetings, each
//! meeting the example meeting of Kultur- och fritidsnämnden (13 items, 33 documents)
//! moved to its own date. For 1 nämnd (363 documents) and 10 (3 630): the cold build, a
//! rebuild with nothing changed, and a rebuild after a one-word edit in one case, each in
//! a process of its own so that its peak memory (VmHWM) is its own.
//! `cargo bench --bench year` prints a Markdown table for docs/performance.md;
//! `cargo bench --bench year -- kinds` where one nämnd's year spends its typesetting, by
//! kind of document; `cargo bench --bench year -- spans KIND` (`tjansteutlatande`,
//! `protokollsutdrag`, …) where in the templates that kind spends it, line by line.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{Duration, NaiveDate};

/// The allocator of the `paragraf` command, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const NÄMNDER: [&str; 10] = [
    "Kultur- och fritidsnämnden",
    "Socialnämnden",
    "Miljönämnden",
    "Byggnadsnämnden",
    "Tekniska nämnden",
    "Utbildningsnämnden",
    "Äldrenämnden",
    "Servicenämnden",
    "Arbetsmarknadsnämnden",
    "Förskolenämnden",
];
const MEETINGS: i64 = 11;
const EXAMPLE: &str = "cases/kultur-och-fritidsnamnden";

/// Every `YYYY-MM-DD` in `text` moved by `days`.
fn shift_dates(text: &str, days: i64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("20") {
        let candidate = rest.get(at..at + 10).unwrap_or_default();
        match NaiveDate::parse_from_str(candidate, "%Y-%m-%d") {
            Ok(date) if candidate.len() == 10 => {
                out.push_str(&rest[..at]);
                out.push_str(&(date + Duration::days(days)).format("%Y-%m-%d").to_string());
                rest = &rest[at + 10..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = &rest[at + 2..];
            }
        }
    }
    out + rest
}

/// The example meeting's §§: the year numbers each meeting's on from the one before.
const PARAGRAPHS: u32 = 13;

/// Every "paragrafer: § N" in `text` moved on by `by`, as the year numbers its §§.
fn shift_paragraphs(text: &str, by: u32) -> String {
    const KEY: &str = "paragrafer: § ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let start = at + KEY.len();
        out.push_str(&rest[..start]);
        let digits = rest[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        let number: u32 = rest[start..start + digits].parse().unwrap_or_default();
        out.push_str(&(number + by).to_string());
        rest = &rest[start + digits..];
    }
    out + rest
}

/// Write the year under `root`: `nämnd-N/profil.yaml` and a folder per meeting.
fn generate(root: &Path, nämnder: usize) {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    for (n, name) in NÄMNDER.iter().take(nämnder).enumerate() {
        let folder = root.join(format!("namnd-{n}"));
        std::fs::create_dir_all(&folder).expect("folder");
        // The organ's roll, beside its profile, as in the example.
        for file in ["profil.yaml", "logotyp.png", "ledamoter.yaml"] {
            std::fs::copy(example.join(file), folder.join(file)).expect("profile copied");
        }
        for m in 0..MEETINGS {
            // From mid-January to late October, four weeks apart.
            let days = -245 + 28 * m;
            let meeting = folder.join(format!("mote-{m:02}"));
            std::fs::create_dir_all(&meeting).expect("meeting folder");
            for entry in std::fs::read_dir(example.join("2024-09-17")).expect("example meeting") {
                let path = entry.expect("entry").path();
                let text = std::fs::read_to_string(&path).expect("example file");
                let text = shift_paragraphs(&shift_dates(&text, days), PARAGRAPHS * m as u32)
                    .replace("Kultur- och fritidsnämnden", name)
                    .replace("kultur- och fritidsnämnden", &name.to_lowercase());
                std::fs::write(meeting.join(path.file_name().expect("name")), text)
                    .expect("written");
            }
        }
    }
}

/// One build of `root` into `root/ut`, in this process: prints
/// "seconds peak-MiB documents typeset".
fn one(root: &Path) {
    let out = root.join("ut");
    let started = Instant::now();
    let report = paragraf::build(
        &[root.join("namnder")],
        &out,
        &paragraf::BuildOptions::default(),
    )
    .expect("the year builds");
    println!(
        "{:.2} {:.0} {} {}",
        started.elapsed().as_secs_f64(),
        common::peak_rss_mib(),
        report.typeset.len() + report.reused,
        report.typeset.len()
    );
}

/// Run one build of `root` in a process of its own.
fn measured(root: &Path) -> Vec<String> {
    let output = Command::new(std::env::current_exe().expect("this benchmark"))
        .env("PARAGRAF_YEAR", root)
        .output()
        .expect("the benchmark runs itself");
    let line = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
    assert_eq!(
        fields.len(),
        4,
        "{line}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    fields
}

/// The kind of document a file stem names (`2024-09-17_nämnd_protokollsutdrag_p001_…`).
fn kind(stem: &str) -> &str {
    stem.split('_').nth(2).unwrap_or(stem)
}

/// Typst's own timing events since the last call, as Chrome's trace format has them; a
/// span is named by `place` (file and line).
fn timing_events(
    place: impl FnMut(std::num::NonZeroU64) -> (String, u32),
) -> Vec<serde_json::Value> {
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, place).expect("timing exported");
    serde_json::from_slice(&json).expect("timing read")
}

/// Each begin–end pair of `events` once, outermost first among those of the same name and
/// place: (name, place, milliseconds), where one of the same name and place is not inside.
fn outermost(events: &[serde_json::Value]) -> Vec<(String, String, f64)> {
    let mut open: Vec<(String, String, f64)> = Vec::new();
    let mut pairs = Vec::new();
    for event in events {
        let name = event["name"].as_str().unwrap_or_default().to_owned();
        let place = event["args"]["file"].as_str().unwrap_or("-").to_owned();
        let at = event["ts"].as_f64().unwrap_or_default();
        if event["ph"] == "B" {
            open.push((name, place, at));
        } else if let Some((name, place, began)) = open.pop()
            && open.iter().all(|(n, p, _)| *n != name || *p != place)
        {
            pairs.push((name, place, (at - began) / 1000.0));
        }
    }
    pairs
}

/// Each document of one nämnd's year (of the kind `only` names, if any) rendered and
/// typeset alone, one after another, with Typst's timing on; `each` hears the document,
/// its source and the milliseconds its rendering took, after its typesetting.
fn typeset_one_by_one(
    only: Option<&str>,
    mut each: impl FnMut(&paragraf::Planned, &paragraf::render::TypstSource, f64),
) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let root = folder.path().join("namnder");
    generate(&root, 1);
    let inputs = paragraf::load(&[root]).expect("the year loads");
    let planned = paragraf::plan(&inputs).expect("the year plans");
    let options = paragraf::BuildOptions::default();
    let renderer = paragraf::render::Renderer::new(&paragraf::render::Templates::built_in())
        .expect("templates");
    typst_timing::enable();
    for planned in planned
        .iter()
        .filter(|p| only.is_none_or(|only| kind(&p.stem) == only))
    {
        let started = Instant::now();
        let source = renderer
            .render(
                &planned.document,
                options.conformance.allows_attachments(),
                false,
            )
            .expect("rendered");
        let render = started.elapsed().as_secs_f64() * 1000.0;
        let settings = paragraf::typeset::PdfSettings {
            ident: planned.stem.clone(),
            date: planned.document.date,
            root: Some(planned.root.clone()),
            conformance: options.conformance.clone(),
        };
        paragraf::typeset::typeset(&source, &settings).expect("typeset");
        paragraf::typeset::trim_cache();
        each(planned, &source, render);
    }
}

/// Each document of one nämnd's year rendered and typeset alone, one after another, and
/// the time summed by kind: rendering, Typst's compilation (with its second layout pass,
/// which the page numbers of the running header need, apart), and the PDF export. A
/// packet's row is its own document (its contents page), not its assembly.
fn kinds() {
    // Per kind: documents, render, compile, of which the second pass, PDF export (ms).
    let mut rows: Vec<(String, usize, [f64; 4])> = Vec::new();
    typeset_one_by_one(None, |planned, _, render| {
        let mut timed = [0.0; 3];
        for (name, _, ms) in outermost(&timing_events(|_| (String::new(), 0))) {
            if let Some(i) = ["compile", "iter (2)", "pdf"]
                .iter()
                .position(|n| *n == name)
            {
                timed[i] += ms;
            }
        }
        let [compile, second, pdf] = timed;
        let at = match rows.iter().position(|(k, _, _)| k == kind(&planned.stem)) {
            Some(at) => at,
            None => {
                rows.push((kind(&planned.stem).to_owned(), 0, [0.0; 4]));
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        row.1 += 1;
        for (sum, add) in row.2.iter_mut().zip([render, compile, second, pdf]) {
            *sum += add;
        }
    });
    let all: f64 = rows.iter().map(|(_, _, t)| t[0] + t[1] + t[3]).sum();
    println!(
        "| kind | documents | render | Typst compile | of which the second layout pass | PDF export | share |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (kind, count, [render, compile, second, pdf]) in &rows {
        println!(
            "| {kind} | {count} | {render:.0} ms | {compile:.0} ms | {second:.0} ms | {pdf:.0} ms | {:.1} % |",
            100.0 * (render + compile + pdf) / all
        );
    }
}

/// Where in the templates one kind of document spends its typesetting: Typst's timed
/// steps (layout of a grid, a block, a paragraph…) summed over one nämnd's year by the
/// line of the document's source (`main`) or of the style (`style`, `paragraf.typ`) they
/// were made at, the costliest first. A step inside another of the same name and line
/// counts once.
fn spans(only: &str) {
    use typst::syntax::{RootedPath, Source, Span, SpanKind, VirtualPath, VirtualRoot};
    let id = |path: &str| {
        RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("path")).intern()
    };
    let mut sums: std::collections::HashMap<(String, String), (f64, usize)> = Default::default();
    typeset_one_by_one(Some(only), |_, source, _| {
        // Parsed with the timing off: only the document's own steps are summed.
        typst_timing::disable();
        let files = [
            ("main", Source::new(id("main.typ"), source.text.clone())),
            (
                "style",
                Source::new(
                    id(paragraf::render::STYLE_NAME),
                    source.style.text.to_string(),
                ),
            ),
        ];
        typst_timing::enable();
        let place = |raw| {
            let SpanKind::Number { id, num } = Span::from_raw(raw).get() else {
                return ("?".to_owned(), 0);
            };
            let Some((name, file)) = files.iter().find(|(_, f)| f.id() == id) else {
                return ("other".to_owned(), 0);
            };
            let line = file
                .range(num, None)
                .and_then(|r| file.lines().byte_to_line(r.start))
                .unwrap_or_default();
            let text: String = file
                .text()
                .lines()
                .nth(line)
                .unwrap_or_default()
                .trim()
                .chars()
                .take(60)
                .collect();
            (format!("{name}:{} {text}", line + 1), line as u32)
        };
        for (name, place, ms) in outermost(&timing_events(place)) {
            let sum = sums.entry((name, place)).or_default();
            sum.0 += ms;
            sum.1 += 1;
        }
    });
    let mut rows: Vec<_> = sums.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("| ms | times | step | where |");
    println!("| --- | --- | --- | --- |");
    for ((name, place), (ms, times)) in rows.iter().take(40) {
        println!("| {ms:.1} | {times} | {name} | `{place}` |");
    }
}

fn main() {
    if let Some(root) = std::env::var_os("PARAGRAF_YEAR") {
        one(Path::new(&root));
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "spans") {
        spans(args.get(at + 1).map_or("tjansteutlatande", String::as_str));
        return;
    }
    if args.iter().any(|a| a == "kinds") {
        kinds();
        return;
    }
    println!("| nämnder | documents | build | time | peak memory | typeset |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for nämnder in [1, 10] {
        let folder = tempfile::tempdir().expect("temporary folder");
        let root = folder.path().join(format!("year-{nämnder}"));
        generate(&root.join("namnder"), nämnder);
        let case = root.join("namnder/namnd-0/mote-05/01-delarsrapport.yaml");
        for (what, edit) in [
            ("cold", false),
            ("nothing changed", false),
            ("one word edited", true),
        ] {
            if edit {
                let text = std::fs::read_to_string(&case).expect("case");
                let edited = text.replacen("förvaltningen", "Förvaltningen", 1);
                assert_ne!(edited, text, "the edit changes the case");
                std::fs::write(&case, edited).expect("edited");
            }
            let fields = measured(&root);
            println!(
                "| {nämnder} | {} | {what} | {} s | {} MiB | {} |",
                fields[2], fields[0], fields[1], fields[3]
            );
        }
    }
}
