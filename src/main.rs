//! The `paragraf` command: a thin layer over the library, a file per command in `cli/`.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 wrong usage (clap).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
    about = "YAML till nämndens handlingar: tjänsteutlåtanden, protokoll, protokollsutdrag, kallelser och anslag som PDF, anslagstavlan på webben och leveranser till arkivet"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Gör handlingarna som PDF: tjänsteutlåtanden, protokoll, protokollsutdrag, kallelse,
    /// anslag och handlingar.
    Build(cli::build::Args),
    /// Gör handlingarna och gör om dem varje gång ett ärende, sammanträde, en mall, profil
    /// eller logotyp sparas; bara det som ändringen rör typsätts igen. Avsluta med Ctrl-C.
    Watch(cli::watch::Args),
    /// Leverans till registratorn: PDF:erna och ett manifest (manifest.json,
    /// manifest.txt) med diarienummer, handlingstyp, datum, storlek och SHA-256 för varje
    /// fil, eller FGS-paket.
    Archive(cli::archive::Args),
    /// Webbplatsen att lägga på kommunens webbserver: anslagstavlan (anslagen som gäller
    /// --datum, en sida med tidigare anslag, ett Atom-flöde) och en sida per protokoll och
    /// protokollsutdrag bredvid dess webbkopia som PDF (personuppgifter ersatta, ärenden
    /// med sekretess utelämnade).
    Publish(cli::publish::Args),
    /// Skriv ut YAML-filerna som är bifogade i en PDF, byte för byte, i MAPP.
    Extract(cli::extract::Args),
    /// Om varje PDF fortfarande är byte för byte det som dess bifogade YAML ger, och om
    /// det som lagts till efter är bara underskrifter som håller (slutkod 0 bara om alla
    /// är det).
    Verify(cli::verify::Args),
    /// Skriv under en PDF digitalt (PAdES, digital justering) som en ny revision: med en
    /// nyckel i en PKCS#12-fil eller på ett kort, eller i två steg genom en
    /// underskriftstjänst; och tidsstämpla den sista underskriften (PAdES B-T) i två steg
    /// genom en tidsstämpeltjänst.
    Sign(Box<cli::sign::Args>),
    /// En stabil, läsbar text av ett ärende eller sammanträde för git diff (textconv).
    Textconv(cli::textconv::Args),
    /// Vad som har ändrats mellan två versioner av ett ärende eller sammanträde, i sak:
    /// två filer, eller en git-revision och en fil (paragraf diff HEAD~1 cases/…/x.yaml).
    Diff(cli::diff::Args),
    /// Skriv ett kommenterat skelett till ett ärende, ett sammanträde eller en profil
    /// (varje val med sitt inbyggda värde); check visar vad som återstår att fylla i.
    New(cli::new::Args),
    /// JSON-schemat för ett slags fil (arende, sammantrade, profil) på standard ut, eller
    /// med -o MAPP alla tre som MAPP/SLAG.schema.json, för redigerarens YAML-stöd.
    Schema(cli::schema::Args),
    /// Granska YAML-filerna (tolkning, alla regler, beloppen i löptexten) utan att göra
    /// några handlingar.
    Check(cli::check::Args),
}

fn main() -> ExitCode {
    let cli = cli::help::swedish(Cli::command())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|error| cli::help::exit_with(error));
    match cli.command {
        Command::Build(args) => cli::build::run(args),
        Command::Watch(args) => cli::watch::run(args),
        Command::Archive(args) => cli::archive::run(args),
        Command::Publish(args) => cli::publish::run(args),
        Command::Extract(args) => cli::extract::run(args),
        Command::Verify(args) => cli::verify::run(args),
        Command::Sign(args) => cli::sign::run(*args),
        Command::Textconv(args) => cli::textconv::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::New(args) => cli::new::run(args),
        Command::Schema(args) => cli::schema::run(args),
        Command::Check(args) => cli::check::run(args),
    }
}
