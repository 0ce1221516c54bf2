//! The `paragraf` command: a thin layer over the library.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 wrong usage (clap).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use paragraf::swedish::count;
use paragraf::typeset::Conformance;

/// jemalloc rather than glibc's malloc: Typst allocates and frees a great deal on both
/// threads, and glibc's per-thread arenas held a year's build at 280 MiB where jemalloc
/// needs 210 MiB, a little faster (docs/performance.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Print on stdout. A reader that has gone (`paragraf textconv … | head`) ends the
/// program quietly, as a Unix tool does, instead of a panic.
macro_rules! outln {
    ($($arg:tt)*) => { emit(&mut std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! out {
    ($($arg:tt)*) => { emit(&mut std::io::stdout().lock(), format_args!($($arg)*)) };
}
/// Print on stderr, likewise.
macro_rules! errln {
    ($($arg:tt)*) => { emit(&mut std::io::stderr().lock(), format_args!("{}\n", format_args!($($arg)*))) };
}

fn emit(stream: &mut impl Write, text: std::fmt::Arguments) {
    if let Err(e) = stream.write_fmt(text).and_then(|()| stream.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}
use paragraf::write::{OutputFile, Written};
use paragraf::{BuildOptions, Error, Problem, Report};

#[derive(Parser)]
#[command(
    name = "paragraf",
    version,
    about = "YAML till nämndens handlingar: tjänsteutlåtanden och protokollsutdrag som PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build PDFs: a tjänsteutlåtande per case and a protokollsutdrag per § of each meeting.
    Build {
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
    },
    /// Build, then build again whenever a case, meeting, template, profile or logo is saved;
    /// only the documents an edit changes are typeset again. Stop with Ctrl-C.
    Watch {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Export for the registrar: the PDFs and a manifest (manifest.json, manifest.txt)
    /// with diarienummer, handlingstyp, dates, size and SHA-256 of every file.
    Archive {
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
    },
    /// The web site to copy to the municipality's web server: the anslagstavla (the
    /// notices current on --datum, an archive page of past ones, an Atom feed) and a page
    /// per protocol and extract beside its PDF web copy (personal data replaced, secret
    /// items left out).
    Publish {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(short, long)]
        out: PathBuf,
        /// The day the anslagstavla shows (YYYY-MM-DD); today (UTC) if left out.
        #[arg(long, visible_alias = "date", value_parser = parse_date)]
        datum: Option<chrono::NaiveDate>,
        /// The address the folder is served at (`https://kommun.se/anslag`), for the
        /// feed's links and ids.
        #[arg(long, visible_alias = "address", value_name = "URL")]
        adress: Option<String>,
        /// A folder of templates that replace the built-in ones of the same name
        /// (`protokoll.html.j2`, `stil.css`, …).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Write out the YAML files attached to a PDF, byte for byte, under DIR.
    Extract {
        pdf: PathBuf,
        #[arg(short, long, default_value = ".")]
        out: PathBuf,
    },
    /// Whether each PDF is still byte for byte what the YAML attached to it makes
    /// (exit 0 only if every one is).
    Verify {
        #[arg(required = true)]
        pdfs: Vec<PathBuf>,
    },
    /// A stable, readable text of a case or meeting for `git diff` (textconv driver).
    Textconv { file: PathBuf },
    /// What changed between two versions of a case or meeting, in domain terms: two
    /// files, or a git revision and a file (`paragraf diff HEAD~1 cases/…/x.yaml`).
    Diff { old: String, new: PathBuf },
    /// Write a commented skeleton of a case, a meeting or a profile (every option at its
    /// built-in value); `check` lists what is left to fill in.
    New {
        #[arg(value_enum)]
        kind: NewKind,
        path: PathBuf,
    },
    /// The JSON Schema of a kind of file (arende, sammantrade, profil) on stdout, or with
    /// `-o DIR` all three as DIR/KIND.schema.json, for an editor's YAML extension.
    Schema {
        #[arg(value_parser = ["arende", "sammantrade", "profil"])]
        kind: Option<String>,
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check the YAML (parsing, every rule, the figures in prose) without building anything.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How to report: text for people, json for CI tools (on stdout).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// What kind of PDF to make; shared by `build` and `archive`.
#[derive(Args)]
struct PdfArgs {
    /// PDF standards: `archive` (PDF/A-3a + PDF/UA-1 with the YAML source attached),
    /// `plain` (tagged PDF 1.7), or Typst's names, e.g. `a-2b` or `a-2a,ua-1`. A
    /// standard that forbids attachments (PDF/A-1, -2, -4) leaves the source out.
    #[arg(long, default_value = "archive", value_parser = Conformance::parse)]
    pdf_standard: Conformance,
    /// The web copy: no attached source, personal data (`personuppgifter`) replaced,
    /// secret items (`sekretess: true`) left out.
    #[arg(long)]
    publish: bool,
    /// A folder of templates that replace the built-in ones of the same name
    /// (`tjansteutlatande.typ.j2`, `paragraf.typ`, …).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

impl PdfArgs {
    fn options(self, emit_typst: bool) -> BuildOptions {
        BuildOptions {
            emit_typst,
            conformance: self.pdf_standard,
            publish: self.publish,
            templates: self.templates,
            progress: terminal_progress(),
            force: false,
        }
    }
}

/// A progress line only for a person watching; logs get the list of files.
fn terminal_progress() -> Option<fn(usize, usize)> {
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

/// `--datum`: a day as YYYY-MM-DD.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2024-10-01"))
}

/// Today's date in UTC, from the system clock.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}

#[derive(Clone, Copy, ValueEnum)]
enum ArchiveKind {
    Manifest,
    Fgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Case,
    Meeting,
    #[value(alias = "profil")]
    Profile,
}

#[derive(Clone, Copy, ValueEnum)]
enum Emit {
    Typst,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            paths,
            out,
            emit,
            force,
            pdf,
        } => {
            let options = BuildOptions {
                force,
                ..pdf.options(matches!(emit, Some(Emit::Typst)))
            };
            finish(paragraf::build(&paths, &out, &options))
        }
        Command::Watch { paths, out, pdf } => {
            let mut options = pdf.options(false);
            options.progress = None; // one line per build instead
            let mut last_warnings = String::new();
            let watched = paragraf::watch::watch(&paths, &out, &options, |rebuild| {
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
        Command::Archive {
            paths,
            out,
            format,
            pdf,
        } => {
            let format = match format {
                ArchiveKind::Manifest => paragraf::ArchiveFormat::Manifest,
                ArchiveKind::Fgs => paragraf::ArchiveFormat::Fgs {
                    created: source_date_epoch(),
                },
            };
            finish(paragraf::archive(&paths, &out, &pdf.options(false), format))
        }
        Command::Publish {
            paths,
            out,
            datum,
            adress,
            templates,
        } => {
            let options = BuildOptions {
                templates,
                progress: terminal_progress(),
                ..BuildOptions::default()
            };
            let site = paragraf::publish::Site {
                on: datum.unwrap_or_else(today),
                address: adress,
            };
            finish(paragraf::publish(&paths, &out, &options, &site))
        }
        Command::Extract { pdf, out } => match extract(&pdf, &out) {
            Ok(written) => {
                print_written(&written);
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Verify { pdfs } => verify(&pdfs),
        Command::Textconv { file } => {
            match paragraf::model::SourceFile::read(&file).and_then(paragraf::textconv::facts) {
                Ok(facts) => out!("{}", paragraf::textconv::text(&facts)),
                // git diff must still show something for a file that does not parse
                // (yet): the problem, then the file as it is.
                Err(error) => {
                    // A file that cannot be read at all (a device, too large) is an error.
                    let Ok(bytes) = paragraf::model::files::read_regular(&file, 4 << 20) else {
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
        Command::Diff { old, new } => match diff(&old, &new) {
            Ok(changes) if changes.is_empty() => {
                outln!("inga ändringar i sak");
                ExitCode::SUCCESS
            }
            Ok(changes) => {
                changes.iter().for_each(|line| outln!("{line}"));
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::New { kind, path } => {
            use paragraf::model::schema::{FileKind, modeline};
            let (skeleton, file_kind) = match kind {
                NewKind::Case => (paragraf::model::CASE_SKELETON, FileKind::Case),
                NewKind::Meeting => (paragraf::model::MEETING_SKELETON, FileKind::Meeting),
                NewKind::Profile => (paragraf::model::PROFILE_SKELETON, FileKind::Profile),
            };
            if path.exists() {
                return fail(&Problem::in_file(&path, "finns redan; välj ett nytt filnamn").into());
            }
            let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = OutputFile {
                name,
                bytes: format!(
                    "{}{skeleton}",
                    modeline(file_kind, &folder).unwrap_or_default()
                )
                .into_bytes(),
            };
            match paragraf::write::write_all(&folder, &[file]) {
                Ok(written) => {
                    print_written(&written);
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Command::Schema { kind, out } => schema(kind.as_deref(), out.as_deref()),
        Command::Check { paths, format } => {
            let result = paragraf::load(&paths)
                .and_then(|inputs| paragraf::check(&inputs).map(|w| (inputs, w)));
            if format == Format::Json {
                let problems = match &result {
                    Ok((_, warnings)) => warnings.as_slice(),
                    Err(error) => error.problems.as_slice(),
                };
                outln!("{}", json_report(result.is_ok(), problems));
                return if result.is_ok() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            match result {
                Ok((inputs, warnings)) => {
                    report_problems(&warnings);
                    errln!(
                        "ok: {}, {}",
                        count(inputs.meetings.len(), "sammanträde", "sammanträden"),
                        count(
                            inputs.cases.len(),
                            "fristående ärende",
                            "fristående ärenden"
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
    }
}

/// The attached sources of `pdf`, written under `out` at their relative places.
fn extract(pdf: &Path, out: &Path) -> paragraf::Result<Vec<Written>> {
    paragraf::write::write_all(out, &paragraf::extract::files(pdf)?)
}

/// Verify each PDF and say what was found, a line each; 0 only if every one is unchanged.
fn verify(pdfs: &[PathBuf]) -> ExitCode {
    let mut all_unchanged = true;
    for pdf in pdfs {
        match paragraf::verify::verify(pdf) {
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

/// The changes from `old` (a file, or a git revision of `new`) to `new`.
fn diff(old: &str, new: &Path) -> paragraf::Result<Vec<String>> {
    use paragraf::model::SourceFile;
    let old_source = if Path::new(old).is_file() {
        SourceFile::read(Path::new(old))?
    } else {
        // A revision: the same file as git has it there, read as if it stood where it is.
        let text = revision_text(old, new).map_err(|why| Problem::in_file(Path::new(old), why))?;
        SourceFile::from_text(new, text)
    };
    let old_facts = paragraf::textconv::facts(old_source)?;
    let new_facts = paragraf::textconv::facts(SourceFile::read(new)?)?;
    Ok(paragraf::textconv::changes(&old_facts, &new_facts))
}

/// The text of `file` at git revision `revision`. The revision is passed after
/// `--end-of-options`, so that nothing a user types is read as an option to git, and the
/// path relative to the repository, so that an absolute path works too.
fn revision_text(revision: &str, file: &Path) -> Result<String, String> {
    if revision.starts_with('-') {
        return Err(format!("`{revision}` är ingen git-revision"));
    }
    let real = file.canonicalize().map_err(|e| {
        format!(
            "{} {}",
            file.display(),
            paragraf::model::files::io_message(&e)
        )
    })?;
    let folder = real.parent().unwrap_or(Path::new("/"));
    let top = git(folder, &["rev-parse", "--show-toplevel"])?;
    let relative = real
        .strip_prefix(top.trim_end())
        .map_err(|_| format!("{} ligger inte i git-förrådet", file.display()))?;
    let spec = format!("{revision}:{}", relative.display());
    git(folder, &["show", "--end-of-options", &spec])
}

/// What `git ARGS` prints, run in `folder`; git's own message when it fails.
fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(folder)
        .output()
        .map_err(|e| {
            format!(
                "git kan inte köras: {}",
                paragraf::model::files::io_message(&e)
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "git: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "git gav en text som inte är UTF-8".to_owned())
}

fn finish(result: paragraf::Result<Report>) -> ExitCode {
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

/// Say what was written; what already held the same bytes is left alone and said so.
fn print_written(written: &[Written]) {
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
fn report_problems(problems: &[Problem]) {
    if !problems.is_empty() {
        errln!("{}", Error::new(problems.to_vec()));
    }
}

fn fail(error: &Error) -> ExitCode {
    report_problems(&error.problems);
    ExitCode::from(1)
}

/// `check --format json`: one object, `{"ok": …, "problems": [{severity, file, line,
/// column, field, message}]}`.
fn json_report(ok: bool, problems: &[Problem]) -> String {
    let problems: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "severity": if p.is_error() { "error" } else { "warning" },
                "file": p.file.display().to_string(),
                "line": p.position.map(|(line, _)| line),
                "column": p.position.map(|(_, column)| column),
                "field": p.field,
                "message": p.message,
            })
        })
        .collect();
    serde_json::json!({ "ok": ok, "problems": problems }).to_string()
}

/// `paragraf schema`: one schema on stdout, or the chosen ones written to a folder.
fn schema(kind: Option<&str>, out: Option<&Path>) -> ExitCode {
    use paragraf::model::schema::{FileKind, schema_text};
    let kinds: Vec<FileKind> = match kind.and_then(FileKind::from_name) {
        Some(kind) => vec![kind],
        None => FileKind::ALL.to_vec(),
    };
    let Some(out) = out else {
        return match kinds.as_slice() {
            [kind] => {
                out!("{}", schema_text(*kind));
                ExitCode::SUCCESS
            }
            _ => fail(
                &Problem::in_file(
                    Path::new("schema"),
                    "ange vilken sort (arende, sammantrade, profil) eller -o MAPP för alla tre",
                )
                .into(),
            ),
        };
    };
    let files: Vec<OutputFile> = kinds
        .iter()
        .map(|kind| OutputFile {
            name: kind.file_name(),
            bytes: schema_text(*kind).into_bytes(),
        })
        .collect();
    match std::fs::create_dir_all(out)
        .map_err(|e| {
            Error::from(Problem::in_file(
                out,
                format!(
                    "kan inte skapas: {}",
                    paragraf::model::files::io_message(&e)
                ),
            ))
        })
        .and_then(|()| paragraf::write::write_all(out, &files))
    {
        Ok(written) => {
            print_written(&written);
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
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
