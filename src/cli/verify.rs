//! `paragraf verify`: whether each PDF is still what its attached YAML makes.

use std::path::PathBuf;
use std::process::ExitCode;

use super::report_problems;

#[derive(clap::Args)]
pub struct Args {
    /// PDF:erna som ska kontrolleras.
    #[arg(required = true, value_name = "PDF")]
    pdfs: Vec<PathBuf>,
    /// Betrodda certifikat (PEM, ett eller flera per fil): en underskrift godtas bara om
    /// dess certifikat leder till något av dem. Utan dem sägs undertecknaren vara okänd.
    #[arg(long = "betrodd", value_name = "FIL.pem")]
    trusted: Vec<PathBuf>,
}

/// A line for each PDF; 0 only if every one is unchanged.
pub fn run(args: Args) -> ExitCode {
    let trust = match paragraf::verify::Trust::from_pem_files(&args.trusted) {
        Ok(trust) => trust,
        Err(error) => {
            report_problems(&error.problems);
            return ExitCode::from(1);
        }
    };
    let mut all_unchanged = true;
    for pdf in &args.pdfs {
        match paragraf::verify::verify(pdf, &trust) {
            Ok(finding) => {
                all_unchanged &= finding.holds();
                outln!("{}: {}", pdf.display(), finding.message());
            }
            Err(error) => {
                all_unchanged = false;
                report_problems(&error.problems);
            }
        }
    }
    if all_unchanged {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
