//! `paragraf archive`: the registrar's export.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::{ArchiveFormat, Problem};

use super::{PdfArgs, Sources, fail, finish};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Mappen som leveransen skrivs till.
    #[arg(short, long, value_name = "MAPP")]
    out: PathBuf,
    /// manifest (om inget anges): PDF:erna med manifest.json och manifest.txt; fgs: ett
    /// FGS 2.0-/E-ARK-paket per sammanträde (METS, ERMS, PDF:erna, scheman), daterat
    /// efter handlingarna eller SOURCE_DATE_EPOCH.
    #[arg(long, value_enum, default_value = "manifest", value_name = "FORMAT")]
    format: ArchiveKind,
    /// En mapp med underskrivna PDF:er (digital justering): en PDF som heter som en
    /// handling i leveransen läggs in i stället för paragrafs egen, om den är just den
    /// handlingen och det som lagts till efter är bara underskrifter som håller (som
    /// verify kontrollerar). En PDF som inte är det stoppar leveransen; inget skrivs.
    #[arg(long = "underskrivna", value_name = "MAPP")]
    signed: Option<PathBuf>,
    /// Med --underskrivna: betrodda certifikat (PEM); en underskrift godtas bara om dess
    /// certifikat leder till något av dem.
    #[arg(long = "betrodd", value_name = "FIL.pem", requires = "signed")]
    trusted: Vec<PathBuf>,
    #[command(flatten)]
    pdf: PdfArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ArchiveKind {
    Manifest,
    Fgs,
}

pub fn run(args: Args) -> ExitCode {
    let format = match args.format {
        ArchiveKind::Manifest => ArchiveFormat::Manifest,
        ArchiveKind::Fgs => match source_date_epoch() {
            Ok(created) => ArchiveFormat::Fgs { created },
            Err(why) => {
                return fail(&Problem::in_file(Path::new("SOURCE_DATE_EPOCH"), why).into());
            }
        },
    };
    let trust = match paragraf::verify::Trust::from_pem_files(&args.trusted) {
        Ok(trust) => trust,
        Err(error) => return fail(&error),
    };
    let check = paragraf::verify::for_archive(&trust);
    let signed = args.signed.as_deref().map(|folder| paragraf::SignedCopies {
        folder,
        check: &check,
    });
    let options = args.pdf.options(false);
    finish(paragraf::archive_signed(
        &args.sources.paths,
        &args.out,
        &options,
        format,
        signed,
    ))
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), the reproducible-builds convention for
/// a date that is not the clock's: none when unset; set, it must be such a date.
fn source_date_epoch() -> Result<Option<chrono::NaiveDateTime>, String> {
    let Some(text) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = text.to_string_lossy();
    let refused = || {
        format!(
            "{text:?} är ingen tidpunkt; SOURCE_DATE_EPOCH är sekunder sedan 1970 (UTC), \
             till exempel 1733054400"
        )
    };
    let seconds: i64 = text.trim().parse().map_err(|_| refused())?;
    let at = chrono::DateTime::from_timestamp(seconds, 0)
        .ok_or_else(refused)?
        .naive_utc();
    paragraf::swedish::plausible_year(at.date())?;
    Ok(Some(at))
}
