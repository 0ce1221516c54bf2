//! The commands of `paragraf`, a file each: its arguments and a short `run` over the
//! library. Here: what they share (printing, the report of a build, the PDF options).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use paragraf::swedish::count;
use paragraf::typeset::Conformance;
use paragraf::write::Written;
use paragraf::{BuildOptions, Error, Problem, Report};

/// Print on stdout. A reader that has gone (`paragraf textconv … | head`) ends the
/// program quietly, as a Unix tool does, instead of a panic.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::emit(&mut std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::emit(&mut std::io::stdout().lock(), format_args!($($arg)*)) };
}
/// Print on stderr, likewise.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::emit(&mut std::io::stderr().lock(), format_args!("{}\n", format_args!($($arg)*))) };
}

pub mod archive;
pub mod build;
pub mod check;
pub mod diff;
pub mod extract;
pub mod help;
pub mod new;
pub mod publish;
pub mod schema;
pub mod sign;
pub mod textconv;
pub mod verify;
pub mod watch;

pub fn emit(stream: &mut impl Write, text: std::fmt::Arguments) {
    if let Err(e) = stream.write_fmt(text).and_then(|()| stream.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

/// The YAML files a command reads; shared by every command that reads a nämnd's.
#[derive(Args)]
pub struct Sources {
    /// Sammanträdesfiler, ärendefiler eller mappar (där alla *.yaml läses).
    #[arg(required = true, value_name = "SÖKVÄG")]
    pub paths: Vec<PathBuf>,
}

/// What kind of PDF to make; shared by `build`, `watch` and `archive`.
#[derive(Args)]
pub struct PdfArgs {
    /// PDF-standard: archive (om inget anges: PDF/A-3a + PDF/UA-1 med YAML-källan
    /// bifogad), plain (taggad PDF 1.7) eller Typsts namn, t.ex. a-2b eller a-2a,ua-1. En
    /// standard som inte tillåter bifogade filer (PDF/A-1, -2, -4) lämnar källan utanför.
    #[arg(long, default_value = "archive", value_parser = Conformance::parse, value_name = "STANDARD")]
    pdf_standard: Conformance,
    /// Webbkopian: ingen bifogad källa, personuppgifterna (nyckeln personuppgifter)
    /// ersatta, ärenden med sekretess (sekretess: true) utelämnade.
    #[arg(long = "publish")]
    web_copy: bool,
    /// En mapp med egna mallar som ersätter de inbyggda med samma namn
    /// (tjansteutlatande.typ.j2, paragraf.typ …).
    #[arg(long, value_name = "MAPP")]
    templates: Option<PathBuf>,
}

impl PdfArgs {
    pub fn options(self, emit_typst: bool) -> BuildOptions {
        BuildOptions {
            emit_typst,
            conformance: self.pdf_standard,
            web_copy: self.web_copy,
            templates: self.templates,
            progress: terminal_progress(),
            force: false,
        }
    }
}

/// A progress line only for a person watching; logs get the list of files.
pub fn terminal_progress() -> Option<fn(usize, usize)> {
    std::io::stderr()
        .is_terminal()
        .then_some(show_progress as fn(usize, usize))
}

/// `typsätter 12/29` on one line of the terminal, cleared when all are done; after a
/// second, with the pace and the time left: `typsätter 1200/3300, 250/s, 8 s kvar`.
fn show_progress(done: usize, total: usize) {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let elapsed = STARTED
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64();
    let mut stderr = std::io::stderr();
    let _ = if done == total {
        write!(stderr, "\r\x1b[K")
    } else if elapsed >= 1.0 {
        let pace = done as f64 / elapsed;
        let left = (total - done) as f64 / pace;
        write!(
            stderr,
            "\r\x1b[Ktypsätter {done}/{total}, {pace:.0}/s, {left:.0} s kvar"
        )
    } else {
        write!(stderr, "\rtypsätter {done}/{total}")
    };
    let _ = stderr.flush();
}

/// The end of a command that writes files: its warnings, what it wrote and a count.
pub fn finish(result: paragraf::Result<Report>) -> ExitCode {
    match result {
        Ok(report) => {
            report_problems(&report.warnings);
            print_written(&report.written);
            let changed = report.written.iter().filter(|w| w.changed).count();
            errln!(
                "{}, {} ({}, {})",
                count(changed, "fil skriven", "filer skrivna"),
                count(report.written.len() - changed, "oförändrad", "oförändrade"),
                count(
                    report.typeset.len(),
                    "handling typsatt",
                    "handlingar typsatta"
                ),
                count(report.reused, "återanvänd", "återanvända")
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// The end of a command that writes files and reports nothing else.
pub fn finish_written(result: paragraf::Result<Vec<Written>>) -> ExitCode {
    match result {
        Ok(written) => {
            print_written(&written);
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// Say what was written; what already held the same bytes is left alone and said so.
pub fn print_written(written: &[Written]) {
    for file in written {
        let verb = if file.changed {
            "skrev"
        } else {
            "oförändrad"
        };
        outln!("{verb} {}", file.path.display());
    }
}

/// Print problems on stderr. A closed stderr (`| head`) must not turn into a panic.
pub fn report_problems(problems: &[Problem]) {
    if !problems.is_empty() {
        errln!("{}", Error::new(problems.to_vec()));
    }
}

pub fn fail(error: &Error) -> ExitCode {
    report_problems(&error.problems);
    ExitCode::from(1)
}
