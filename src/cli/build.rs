//! `paragraf build`: the PDFs of the meetings and cases named.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::BuildOptions;

use super::{PdfArgs, finish};

#[derive(clap::Args)]
pub struct Args {
    /// Meeting files, case files or folders (searched for *.yaml).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    out: PathBuf,
    /// Also write the generated source of each document.
    #[arg(long, value_enum)]
    emit: Option<Emit>,
    /// Typeset every document, even those the output folder's cache
    /// (`.paragraf-cache.json`) shows unchanged.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    pdf: PdfArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Emit {
    Typst,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        force: args.force,
        ..args.pdf.options(matches!(args.emit, Some(Emit::Typst)))
    };
    finish(paragraf::build(&args.paths, &args.out, &options))
}
