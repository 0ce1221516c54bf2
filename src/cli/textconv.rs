//! `paragraf textconv`: a case or meeting as stable, readable text for `git diff`.

use std::path::PathBuf;
use std::process::ExitCode;

use paragraf::model::{SourceFile, files};

use super::fail;

#[derive(clap::Args)]
pub struct Args {
    /// Ärende- eller sammanträdesfilen.
    #[arg(value_name = "FIL")]
    file: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match SourceFile::read(&args.file).and_then(paragraf::textconv::facts) {
        Ok(facts) => out!("{}", paragraf::textconv::text(&facts)),
        // git diff must still show something for a file that does not parse (yet): the
        // problem, then the file as it is.
        Err(error) => {
            // A file that cannot be read at all (a device, too large) is an error.
            let Ok(bytes) = files::read_regular(&args.file, 4 << 20) else {
                return fail(&error);
            };
            for problem in &error.problems {
                outln!("# paragraf: {}", problem.message);
            }
            out!("{}", String::from_utf8_lossy(&bytes));
        }
    }
    ExitCode::SUCCESS
}
