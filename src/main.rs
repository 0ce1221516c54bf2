//! The `paragraf` command: a thin layer over the library.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 wrong usage (clap).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use paragraf::typeset::Conformance;
use paragraf::{BuildOptions, Error, Problem};

#[derive(Parser)]
#[command(
    name = "paragraf",
    version,
    about = "YAML till nämndens handlingar: tjänsteutlåtanden och protokollsutdrag som PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build PDFs: a tjänsteutlåtande per case and a protokollsutdrag per § of each meeting.
    Build {
        /// Meeting files, case files or folders (searched for *.yaml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Also write the generated source of each document.
        #[arg(long, value_enum)]
        emit: Option<Emit>,
        /// PDF standard: archive (PDF/A-2a + PDF/UA-1) or plain (PDF 1.7, tagged).
        #[arg(long, value_enum, default_value = "archive")]
        pdf: PdfKind,
    },
    /// Check the YAML (parsing, every rule, the figures in prose) without building anything.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How to report: text for people, json for CI tools (on stdout).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Emit {
    Typst,
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfKind {
    Archive,
    Plain,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            paths,
            out,
            emit,
            pdf,
        } => {
            let options = BuildOptions {
                emit_typst: matches!(emit, Some(Emit::Typst)),
                conformance: match pdf {
                    PdfKind::Archive => Conformance::ArchiveAccessible,
                    PdfKind::Plain => Conformance::Plain,
                },
            };
            match paragraf::build(&paths, &out, &options) {
                Ok(report) => {
                    report_problems(&report.warnings);
                    for path in &report.written {
                        println!("skrev {}", path.display());
                    }
                    eprintln!("{} filer i {}", report.written.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Command::Check { paths, format } => {
            let result = paragraf::load(&paths)
                .and_then(|inputs| paragraf::check(&inputs).map(|w| (inputs, w)));
            if format == Format::Json {
                let problems = match &result {
                    Ok((_, warnings)) => warnings.as_slice(),
                    Err(error) => error.problems.as_slice(),
                };
                println!("{}", json_report(result.is_ok(), problems));
                return if result.is_ok() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            match result {
                Ok((inputs, warnings)) => {
                    report_problems(&warnings);
                    eprintln!(
                        "ok: {} sammanträden, {} fristående ärenden",
                        inputs.meetings.len(),
                        inputs.cases.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
    }
}

/// Print problems on stderr. A closed stderr (`| head`) must not turn into a panic.
fn report_problems(problems: &[Problem]) {
    if !problems.is_empty() {
        let _ = writeln!(std::io::stderr(), "{}", Error::new(problems.to_vec()));
    }
}

fn fail(error: &Error) -> ExitCode {
    report_problems(&error.problems);
    ExitCode::from(1)
}

/// `check --format json`: one object, `{"ok": …, "problems": [{severity, file, line,
/// column, field, message}]}`.
fn json_report(ok: bool, problems: &[Problem]) -> String {
    let problems: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "severity": if p.is_error() { "error" } else { "warning" },
                "file": p.file.display().to_string(),
                "line": p.position.map(|(line, _)| line),
                "column": p.position.map(|(_, column)| column),
                "field": p.field,
                "message": p.message,
            })
        })
        .collect();
    serde_json::json!({ "ok": ok, "problems": problems }).to_string()
}
