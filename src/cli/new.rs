//! `paragraf new`: a commented skeleton of a case, a meeting, a profile or an organ's roll.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::Problem;
use paragraf::model::schema::{FileKind, modeline};
use paragraf::write::OutputFile;

use super::{fail, finish_written};

#[derive(clap::Args)]
pub struct Args {
    /// Vad som ska skapas: case (ärende), meeting (sammanträde), profile (profil) eller
    /// roll (ledamöter).
    #[arg(value_enum, value_name = "SLAG")]
    kind: NewKind,
    /// Filen som skapas; den får inte finnas.
    #[arg(value_name = "FIL")]
    path: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Case,
    Meeting,
    #[value(alias = "profil")]
    Profile,
    #[value(alias = "ledamoter")]
    Roll,
}

pub fn run(Args { kind, path }: Args) -> ExitCode {
    let (skeleton, file_kind) = match kind {
        NewKind::Case => (paragraf::model::CASE_SKELETON, FileKind::Case),
        NewKind::Meeting => (paragraf::model::MEETING_SKELETON, FileKind::Meeting),
        NewKind::Profile => (paragraf::model::PROFILE_SKELETON, FileKind::Profile),
        NewKind::Roll => (paragraf::model::ROSTER_SKELETON, FileKind::Roster),
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
    finish_written(paragraf::write::write_all(&folder, &[file]))
}
