//! `paragraf archive`: the registrar's export.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::ArchiveFormat;

use super::{PdfArgs, finish};

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(short, long)]
    out: PathBuf,
    /// `manifest`: the PDFs with manifest.json and manifest.txt; `fgs`: one FGS 2.0 /
    /// E-ARK SIP package per meeting (METS, ERMS, the PDFs, the schemas), dated by
    /// the documents or SOURCE_DATE_EPOCH.
    #[arg(long, value_enum, default_value = "manifest")]
    format: ArchiveKind,
    #[command(flatten)]
    pdf: PdfArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ArchiveKind {
    Manifest,
    Fgs,
}

pub fn run(args: Args) -> ExitCode {
    let format = match args.format {
        ArchiveKind::Manifest => ArchiveFormat::Manifest,
        ArchiveKind::Fgs => ArchiveFormat::Fgs {
            created: source_date_epoch(),
        },
    };
    let options = args.pdf.options(false);
    finish(paragraf::archive(&args.paths, &args.out, &options, format))
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), the reproducible-builds convention for
/// a date that is not the clock's; unset or not a date gives none.
fn source_date_epoch() -> Option<chrono::NaiveDateTime> {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc())
}
