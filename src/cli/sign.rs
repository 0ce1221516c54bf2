//! `paragraf sign`: a PAdES signature appended to a PDF, with a key of one's own (PKCS#12,
//! or on a PKCS#11 token) or in two steps for a signing service (prepare, then insert
//! what came back).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::sign::{self, Key, Role};
use paragraf::{Problem, Result};

use super::fail;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("nyckel").required(true).args(["p12", "pkcs11", "prepare", "insert", "stamp_request", "stamp"])))]
pub struct Args {
    /// PDF:en som ska skrivas under.
    #[arg(value_name = "PDF")]
    pdf: PathBuf,
    /// Den underskrivna PDF:en (om inget anges skrivs PDF:en över).
    #[arg(short, long, value_name = "UT.pdf")]
    out: Option<PathBuf>,
    /// I vilken roll undertecknaren justerar: ordförande, justerare eller sekreterare.
    #[arg(
        long = "roll",
        value_enum,
        value_name = "ROLL",
        required_unless_present_any = ["insert", "time_stamp", "stamp_request", "stamp"]
    )]
    role: Option<RoleArg>,
    /// Nyckel och certifikat i en PKCS#12-fil (.p12, .pfx).
    #[arg(long = "p12", value_name = "NYCKEL.p12", requires = "password")]
    p12: Option<PathBuf>,
    /// Lösenordet till PKCS#12-filen eller PIN-koden till token, på första raden i den
    /// här filen.
    #[arg(long = "losenord-fil", value_name = "FIL")]
    password: Option<PathBuf>,
    /// Nyckeln på ett smartkort eller en HSM (PKCS#11): tokens modul, till exempel
    /// /usr/lib/softhsm/libsofthsm2.so. Nyckeln lämnar aldrig token.
    #[arg(long = "pkcs11", value_name = "MODUL", requires = "password")]
    pkcs11: Option<PathBuf>,
    /// Etiketten på den token som används (om inget anges: den första).
    #[arg(long = "token", value_name = "ETIKETT", requires = "pkcs11")]
    token: Option<String>,
    /// Etiketten på nyckeln och dess certifikat på token (om inget anges: den första).
    #[arg(long = "nyckel", value_name = "ETIKETT", requires = "pkcs11")]
    key: Option<String>,
    /// Undertecknarens certifikat (PEM), om det inte finns på token.
    #[arg(long = "certifikat", value_name = "FIL.pem", requires = "pkcs11")]
    certificate: Option<PathBuf>,
    /// För en underskriftstjänst: lägg in en tom underskrift och skriv exakt de byte som
    /// ska skrivas under hit (deras SHA-256 visas). Tjänstens CMS läggs sedan in med
    /// --infoga.
    #[arg(long = "forbered", value_name = "UNDERLAG")]
    prepare: Option<PathBuf>,
    /// Lägg in en CMS-underskrift (DER) från en underskriftstjänst i en PDF som
    /// förberetts med --forbered.
    #[arg(long = "infoga", value_name = "CMS")]
    insert: Option<PathBuf>,
    /// Med --forbered: förbered en tidsstämpel för hela dokumentet (RFC 3161, PAdES
    /// B-LTA) i stället för en underskrift; tidsstämpeltjänstens token läggs in med
    /// --infoga.
    #[arg(long = "tidsstampel", requires = "prepare", conflicts_with_all = ["role", "name"])]
    time_stamp: bool,
    /// Tidsstämpla den sista underskriften (PAdES B-T), steg 1: skriv en begäran om
    /// tidsstämpel (RFC 3161, .tsq) över underskriftens värde hit. Skicka den till
    /// tidsstämpeltjänsten (paragraf kopplar aldrig upp sig själv) och lägg in svaret med
    /// --infoga-tidsstampel. PDF:en ändras inte.
    #[arg(
        long = "tidsstampel-begaran",
        value_name = "BEGÄRAN.tsq",
        conflicts_with_all = ["role", "name", "out", "password"]
    )]
    stamp_request: Option<PathBuf>,
    /// Tidsstämpla den sista underskriften, steg 2: lägg in tidsstämpeltjänstens svar
    /// (.tsr, eller tidsstämpeln ensam) i underskriften. Svaret kontrolleras först: att
    /// det är beviljat, att det gäller just den underskriften och att dess signatur
    /// stämmer. Underskriften måste vara filens sista revision.
    #[arg(
        long = "infoga-tidsstampel",
        value_name = "SVAR.tsr",
        conflicts_with_all = ["role", "name", "password"]
    )]
    stamp: Option<PathBuf>,
    /// Undertecknarens namn i en förberedd underskrift (/Name).
    #[arg(long = "namn", value_name = "NAMN", requires = "prepare")]
    name: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    #[value(name = "ordförande")]
    Chair,
    #[value(name = "justerare")]
    Adjuster,
    #[value(name = "sekreterare")]
    Secretary,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Chair => Role::Chair,
            RoleArg::Adjuster => Role::Adjuster,
            RoleArg::Secretary => Role::Secretary,
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    match signed(&args) {
        Ok(said) => {
            outln!("{said}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// Sign, prepare or insert as `args` say; what to tell the user.
fn signed(args: &Args) -> Result<String> {
    let out = args.out.as_deref().unwrap_or(&args.pdf);
    let original = paragraf::extract::read_pdf(&args.pdf)?;
    let role = args.role.map(Role::from).unwrap_or(Role::Adjuster);
    if let Some(request) = &args.stamp_request {
        let last = sign::LastSignature::read(original, &args.pdf)?;
        let digest = hex::encode(last.digest());
        write(request, last.request(&args.pdf)?)?;
        return Ok(format!(
            "begäran om tidsstämpel för den sista underskriften i {} står i {} (SHA-256 av \
             underskriftens värde {digest}); skicka den till tidsstämpeltjänsten, till exempel \
             curl -H 'Content-Type: application/timestamp-query' --data-binary @{} ADRESS -o \
             svar.tsr, och lägg in svaret med paragraf sign {} --infoga-tidsstampel svar.tsr",
            args.pdf.display(),
            request.display(),
            request.display(),
            args.pdf.display()
        ));
    }
    if let Some(response) = &args.stamp {
        let bytes = std::fs::read(response)
            .map_err(|e| Problem::in_file(response, paragraf::model::files::io_message(&e)))?;
        let stamped =
            sign::LastSignature::read(original, &args.pdf)?.insert(&bytes, &args.pdf, response)?;
        let at = stamped
            .at
            .and_then(|at| chrono::DateTime::from_timestamp(i64::try_from(at.as_secs()).ok()?, 0))
            .map_or_else(
                || "vid okänd tid".to_owned(),
                |at| at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            );
        write(out, stamped.bytes)?;
        return Ok(format!(
            "underskriften av {} i {} är tidsstämplad {at} av {}",
            stamped.signer,
            out.display(),
            stamped.authority
        ));
    }
    if let Some(cms) = &args.insert {
        let cms = std::fs::read(cms)
            .map_err(|e| Problem::in_file(cms, paragraf::model::files::io_message(&e)))?;
        let bytes = sign::Prepared::read(original, &args.pdf)?.insert(&cms, &args.pdf)?;
        write(out, bytes)?;
        return Ok(format!("underskriften är inlagd i {}", out.display()));
    }
    if let Some(basis) = &args.prepare {
        let now = now();
        let signing = if args.time_stamp {
            sign::Signing::TimeStamp
        } else {
            sign::Signing::Signature {
                name: args.name.as_deref(),
                role,
                time: &now,
            }
        };
        let prepared = sign::prepare(&original, &args.pdf, signing)?;
        write(basis, prepared.to_be_signed())?;
        let digest = hex::encode(prepared.digest());
        write(out, prepared.bytes)?;
        return Ok(format!(
            "förberedd: {} väntar på underskrift; de byte som ska skrivas under står i {} \
             (SHA-256 {digest}); lägg in tjänstens CMS med paragraf sign {} --infoga FIL",
            out.display(),
            basis.display(),
            out.display()
        ));
    }
    let Some(password) = &args.password else {
        return Err(Problem::in_file(&args.pdf, "inget lösenord angivet").into());
    };
    let password = first_line(password)?;
    let key = match (&args.p12, &args.pkcs11) {
        (Some(p12), _) => Key::from_pkcs12(p12, &password)?,
        (None, Some(module)) => {
            let certificate = match &args.certificate {
                Some(path) => Some(certificate(path)?),
                None => None,
            };
            let token = sign::Token {
                module,
                label: args.token.as_deref(),
                key: args.key.as_deref(),
                pin: &password,
            };
            Key::from_pkcs11(&token, certificate)?
        }
        (None, None) => return Err(Problem::in_file(&args.pdf, "ingen nyckel angiven").into()),
    };
    let bytes = sign::sign(&original, &args.pdf, &key, role, &now())?;
    write(out, bytes)?;
    Ok(format!(
        "{} är underskriven av {} som {}",
        out.display(),
        paragraf::verify::cms::name(&key.certificate),
        role.swedish()
    ))
}

/// The first line of the file at `path` (a password, a PIN).
fn first_line(path: &Path) -> Result<String> {
    let text = paragraf::model::files::read_regular(path, 4096)
        .map_err(|why| Problem::in_file(path, why))?;
    Ok(String::from_utf8_lossy(&text)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// The one certificate in the PEM file at `path`.
fn certificate(path: &Path) -> Result<x509_cert::Certificate> {
    let text = paragraf::model::files::read_regular(path, 1 << 20)
        .map_err(|why| Problem::in_file(path, why))?;
    <x509_cert::Certificate as x509_cert::der::DecodePem>::from_pem(&text)
        .map_err(|e| Problem::in_file(path, format!("inget certifikat i PEM-form: {e}")).into())
}

/// Write `bytes` to `path`, whole or not at all.
fn write(path: &Path, bytes: Vec<u8>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Problem::in_file(path, "inget filnamn"))?;
    paragraf::write::write_all(
        dir.unwrap_or(Path::new(".")),
        &[paragraf::write::OutputFile { name, bytes }],
    )?;
    Ok(())
}

/// Now as a PDF date, in UTC: a signature's time is the clock's, not the document's.
fn now() -> String {
    let now: chrono::DateTime<chrono::Utc> = std::time::SystemTime::now().into();
    now.format("D:%Y%m%d%H%M%SZ").to_string()
}
