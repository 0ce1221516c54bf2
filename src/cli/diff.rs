//! `paragraf diff`: what changed between two versions of a case or meeting.

use std::path::PathBuf;
use std::process::ExitCode;

use super::fail;

#[derive(clap::Args)]
pub struct Args {
    old: String,
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
