//! `paragraf watch`: build, then build again on every save.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use paragraf::Error;
use paragraf::swedish::count;

use super::{PdfArgs, Sources, fail, report_problems};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Mappen som handlingarna skrivs till (om inget anges: out).
    #[arg(short, long, default_value = "out", value_name = "MAPP")]
    out: PathBuf,
    #[command(flatten)]
    pdf: PdfArgs,
}

pub fn run(args: Args) -> ExitCode {
    let mut options = args.pdf.options(false);
    options.progress = None; // one line per build instead
    let mut last_warnings = String::new();
    let watched = paragraf::watch::watch(&args.sources.paths, &args.out, &options, |rebuild| {
        let time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let clock = format!(
            "{:02}:{:02}:{:02}",
            time / 3600 % 24,
            time / 60 % 60,
            time % 60
        );
        let ms = rebuild.elapsed.as_millis();
        match rebuild.result {
            Ok(report) => {
                // The same warnings again after every save would bury the news.
                let warnings = Error::new(report.warnings.clone()).to_string();
                if warnings != last_warnings {
                    report_problems(&report.warnings);
                    last_warnings = warnings;
                }
                let changed: Vec<_> = report.written.iter().filter(|w| w.changed).collect();
                for file in &changed {
                    outln!("skrev {}", file.path.display());
                }
                outln!(
                    "{clock} UTC: byggt på {ms} ms, {}",
                    count(changed.len(), "fil ändrad", "filer ändrade")
                );
            }
            Err(error) => {
                report_problems(&error.problems);
                last_warnings.clear();
                outln!("{clock} UTC: fel efter {ms} ms; väntar på nästa ändring");
            }
        }
        let _ = std::io::stdout().flush();
    });
    match watched {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}
