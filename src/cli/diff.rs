//! `paragraf diff`: what changed between two versions of a case or meeting.

use std::path::PathBuf;
use std::process::ExitCode;

use super::fail;

#[derive(clap::Args)]
pub struct Args {
    /// Den gamla versionen: en fil, eller en git-revision (HEAD~1) av den nya filen.
    #[arg(value_name = "GAMMAL")]
    old: String,
    /// Den nya versionen.
    #[arg(value_name = "NY")]
    new: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match paragraf::textconv::diff(&args.old, &args.new) {
        Ok(changes) if changes.is_empty() => {
            outln!("inga ändringar i sak");
            ExitCode::SUCCESS
        }
        Ok(changes) => {
            changes.iter().for_each(|line| outln!("{line}"));
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}
