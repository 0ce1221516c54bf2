//! `paragraf build`: the PDFs of the meetings and cases named.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::BuildOptions;

use super::{PdfArgs, Sources, finish};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Mappen som handlingarna skrivs till (om inget anges: out).
    #[arg(short, long, default_value = "out", value_name = "MAPP")]
    out: PathBuf,
    /// Skriv också varje handlings Typst-källa (typst) bredvid PDF:en.
    #[arg(long, value_enum, value_name = "SLAG")]
    emit: Option<Emit>,
    /// Typsätt alla handlingar, också de som utmappens cache (.paragraf-cache.json)
    /// visar är oförändrade.
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
    finish(paragraf::build(&args.sources.paths, &args.out, &options))
}
