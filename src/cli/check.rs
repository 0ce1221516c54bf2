//! `paragraf check`: every rule, without building anything; text for people, JSON for CI.

use std::process::ExitCode;

use clap::ValueEnum;
use paragraf::Problem;
use paragraf::model::Stage;
use paragraf::plan::MeetingInput;
use paragraf::swedish::count;

use super::{Sources, fail, report_problems};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Hur resultatet redovisas: text (om inget anges) för människor, json för
    /// CI-verktyg (på standard ut).
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> ExitCode {
    let result = paragraf::load(&args.sources.paths)
        .and_then(|inputs| paragraf::check(&inputs).map(|w| (inputs, w)));
    if args.format == Format::Json {
        let problems = match &result {
            Ok((_, warnings)) => warnings.as_slice(),
            Err(error) => error.problems.as_slice(),
        };
        let meetings = result
            .as_ref()
            .map_or(&[][..], |(inputs, _)| &inputs.meetings[..]);
        outln!("{}", json_report(result.is_ok(), problems, meetings));
        return if result.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    match result {
        Ok((inputs, warnings)) => {
            report_problems(&warnings);
            // Which stage each meeting was judged in decides what `build` makes of it.
            for input in &inputs.meetings {
                if input.loaded.meeting.skede == Stage::Agenda {
                    errln!(
                        "{}: skede kallelse, bedömt som ett sammanträde som inte är hållet: kallelsen och handlingarna byggs, inget protokoll",
                        input.loaded.source.path.display()
                    );
                }
            }
            // A protocol of delegeringsbeslut is counted apart: no one met.
            let delegations = (inputs.meetings.iter())
                .filter(|m| m.loaded.delegated())
                .count();
            let meetings = count(
                inputs.meetings.len() - delegations,
                "sammanträde",
                "sammanträden",
            );
            let delegations = match delegations {
                0 => String::new(),
                n => format!(
                    ", {} över delegeringsbeslut",
                    count(n, "protokoll", "protokoll")
                ),
            };
            errln!(
                "ok: {meetings}{delegations}, {}",
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

/// `check --format json`: one object, `{"ok": …, "problems": [{severity, file, line,
/// column, field, message}], "meetings": [{file, stage}]}`.
fn json_report(ok: bool, problems: &[Problem], meetings: &[MeetingInput]) -> String {
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
    let meetings: Vec<serde_json::Value> = meetings
        .iter()
        .map(|m| {
            serde_json::json!({
                "file": m.loaded.source.path.display().to_string(),
                "stage": m.loaded.meeting.skede.key(),
            })
        })
        .collect();
    serde_json::json!({ "ok": ok, "problems": problems, "meetings": meetings }).to_string()
}
