//! `paragraf extract`: the YAML files attached to a PDF, written out byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;

use super::finish_written;

#[derive(clap::Args)]
pub struct Args {
    /// PDF:en vars bifogade filer ska tas ut.
    #[arg(value_name = "PDF")]
    pdf: PathBuf,
    /// Mappen som filerna skrivs till (om inget anges: den aktuella mappen).
    #[arg(short, long, default_value = ".", value_name = "MAPP")]
    out: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    finish_written(
        paragraf::extract::files(&args.pdf)
            .and_then(|files| paragraf::write::write_all(&args.out, &files)),
    )
}
