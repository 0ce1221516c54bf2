//! The `paragraf` command: a thin layer over the library.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 wrong usage (clap).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use paragraf::BuildOptions;
use paragraf::typeset::Conformance;

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
    /// Check the YAML (parsing and every rule) without building anything.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
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
    let result = match cli.command {
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
            paragraf::build(&paths, &out, &options).map(|written| {
                for path in &written {
                    println!("skrev {}", path.display());
                }
                eprintln!("{} filer i {}", written.len(), out.display());
            })
        }
        Command::Check { paths } => paragraf::load(&paths)
            .and_then(|inputs| paragraf::check(&inputs).map(|()| inputs))
            .map(|inputs| {
                eprintln!(
                    "ok: {} sammanträden, {} fristående ärenden",
                    inputs.meetings.len(),
                    inputs.cases.len()
                );
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A closed stderr (`| head`) must not turn a clean failure into a panic.
            let _ = writeln!(std::io::stderr(), "{error}");
            ExitCode::from(1)
        }
    }
}
