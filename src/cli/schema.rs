//! `paragraf schema`: the JSON Schema of a kind of file, for an editor's YAML extension.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use paragraf::model::schema::{FileKind, schema_text};
use paragraf::write::OutputFile;
use paragraf::{Error, Problem};

use super::{fail, finish_written};

#[derive(clap::Args)]
pub struct Args {
    /// Vilket schema: arende, sammantrade, profil eller ledamoter.
    #[arg(value_parser = ["arende", "sammantrade", "profil", "ledamoter"], value_name = "SLAG")]
    kind: Option<String>,
    /// Skriv alla fyra scheman som MAPP/SLAG.schema.json.
    #[arg(short, long, value_name = "MAPP")]
    out: Option<PathBuf>,
}

/// One schema on stdout, or the chosen ones written to a folder.
pub fn run(Args { kind, out }: Args) -> ExitCode {
    let kinds: Vec<FileKind> = match kind.as_deref().and_then(FileKind::from_name) {
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
    finish_written(
        std::fs::create_dir_all(&out)
            .map_err(|e| {
                Error::from(Problem::in_file(
                    &out,
                    format!(
                        "kan inte skapas: {}",
                        paragraf::model::files::io_message(&e)
                    ),
                ))
            })
            .and_then(|()| paragraf::write::write_all(&out, &files)),
    )
}
