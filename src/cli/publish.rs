//! `paragraf publish`: the web site with the anslagstavla.

use std::path::PathBuf;
use std::process::ExitCode;

use paragraf::BuildOptions;
use paragraf::output::site::Site;

use super::{Sources, finish, terminal_progress};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Mappen som webbplatsen skrivs till.
    #[arg(short, long, value_name = "MAPP")]
    out: PathBuf,
    /// Dagen som anslagstavlan visar (ÅÅÅÅ-MM-DD); i dag (UTC) om inget anges. Även
    /// --date.
    #[arg(long, alias = "date", value_parser = parse_date, value_name = "DATUM")]
    datum: Option<chrono::NaiveDate>,
    /// Adressen som mappen nås på (https://kommun.se/anslag), för flödets länkar och id.
    /// Även --address.
    #[arg(long, alias = "address", value_name = "URL", value_parser = parse_address)]
    adress: Option<String>,
    /// En mapp med egna mallar som ersätter de inbyggda med samma namn
    /// (protokoll.html.j2, stil.css …).
    #[arg(long, value_name = "MAPP")]
    templates: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        templates: args.templates,
        progress: terminal_progress(),
        ..BuildOptions::default()
    };
    let site = Site {
        on: args.datum.unwrap_or_else(today),
        address: args.adress,
    };
    finish(paragraf::publish(
        &args.sources.paths,
        &args.out,
        &options,
        &site,
    ))
}

/// `--datum`: a day as YYYY-MM-DD, in the years a protocol can be from.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("{text:?} är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2024-10-01")
    })?;
    paragraf::swedish::plausible_year(date)
}

/// `--adress`: where the site is served, an http(s) address with a host and nothing a
/// feed could not carry as it is.
fn parse_address(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    let host = rest.and_then(|r| r.split('/').next()).unwrap_or_default();
    let clean = !text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c));
    if host.is_empty() || !clean {
        return Err(format!(
            "{text:?} är ingen webbadress; skriv den som https://kommun.se/anslag"
        ));
    }
    Ok(text.to_owned())
}

/// Today's date in UTC, from the system clock.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}
