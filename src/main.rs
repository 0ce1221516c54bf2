//! The `paragraf` command: a thin layer over the library, a file per command in `cli/`.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 wrong usage (clap).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// jemalloc rather than glibc's malloc: Typst allocates and frees a great deal on both
/// threads, and glibc's per-thread arenas held a year's build at 280 MiB where jemalloc
/// needs 210 MiB, a little faster (docs/performance.md). The binary's choice only: the
/// library leaves the allocator to whoever links it.
#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
    Build(cli::build::Args),
    /// Build, then build again whenever a case, meeting, template, profile or logo is saved;
    /// only the documents an edit changes are typeset again. Stop with Ctrl-C.
    Watch(cli::watch::Args),
    /// Export for the registrar: the PDFs and a manifest (manifest.json, manifest.txt)
    /// with diarienummer, handlingstyp, dates, size and SHA-256 of every file.
    Archive(cli::archive::Args),
    /// The web site to copy to the municipality's web server: the anslagstavla (the
    /// notices current on --datum, an archive page of past ones, an Atom feed) and a page
    /// per protocol and extract beside its PDF web copy (personal data replaced, secret
    /// items left out).
    Publish(cli::publish::Args),
    /// Write out the YAML files attached to a PDF, byte for byte, under DIR.
    Extract(cli::extract::Args),
    /// Whether each PDF is still byte for byte what the YAML attached to it makes
    /// (exit 0 only if every one is).
    Verify(cli::verify::Args),
    /// A stable, readable text of a case or meeting for `git diff` (textconv driver).
    Textconv(cli::textconv::Args),
    /// What changed between two versions of a case or meeting, in domain terms: two
    /// files, or a git revision and a file (`paragraf diff HEAD~1 cases/…/x.yaml`).
    Diff(cli::diff::Args),
    /// Write a commented skeleton of a case, a meeting or a profile (every option at its
    /// built-in value); `check` lists what is left to fill in.
    New(cli::new::Args),
    /// The JSON Schema of a kind of file (arende, sammantrade, profil) on stdout, or with
    /// `-o DIR` all three as DIR/KIND.schema.json, for an editor's YAML extension.
    Schema(cli::schema::Args),
    /// Check the YAML (parsing, every rule, the figures in prose) without building anything.
    Check(cli::check::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cli::build::run(args),
        Command::Watch(args) => cli::watch::run(args),
        Command::Archive(args) => cli::archive::run(args),
        Command::Publish(args) => cli::publish::run(args),
        Command::Extract(args) => cli::extract::run(args),
        Command::Verify(args) => cli::verify::run(args),
        Command::Textconv(args) => cli::textconv::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::New(args) => cli::new::run(args),
        Command::Schema(args) => cli::schema::run(args),
        Command::Check(args) => cli::check::run(args),
    }
}
