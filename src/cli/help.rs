//! clap's own words in Swedish: the usage line, the headings, the help and version
//! flags, default and possible values (written into each option's own help instead).
//! The command names stay as they are; the top help says so.

use clap::{Arg, ArgAction, Command};

/// Every help page: what the command does, how it is called, its arguments and flags.
const TEMPLATE: &str = "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// `command` (the whole `paragraf`) with every help text Swedish.
pub fn swedish(command: Command) -> Command {
    let name = command.get_name().to_owned();
    let command = command
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Visa versionen"),
        )
        .disable_help_subcommand(true)
        .subcommand_help_heading("Kommandon")
        .subcommand_value_name("KOMMANDO")
        .after_help(
            "Kommandona har engelska namn (build, check …); allt annat är på svenska.\n\
             Skriv paragraf KOMMANDO --help för ett kommandos hjälp.",
        )
        .override_usage(format!("{name} KOMMANDO"));
    let command = in_swedish(command);
    command.mut_subcommands(|sub| {
        let sub = in_swedish(sub);
        let usage = usage(&name, &sub);
        sub.override_usage(usage)
    })
}

/// One command's help flag, template and argument headings in Swedish.
fn in_swedish(command: Command) -> Command {
    command
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .arg(
            Arg::new("hjälp")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Visa den här hjälpen"),
        )
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "Argument"
            } else {
                "Flaggor"
            };
            let arg = arg.help_heading(heading);
            // Said in the option's own help, in Swedish.
            if arg.get_action().takes_values() {
                arg.hide_default_value(true).hide_possible_values(true)
            } else {
                arg
            }
        })
}

/// `paragraf build [FLAGGOR] <SÖKVÄG>...`: how `command` is called, with its arguments'
/// Swedish names.
fn usage(program: &str, command: &Command) -> String {
    let mut usage = format!("{program} {}", command.get_name());
    if command
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        usage.push_str(" [FLAGGOR]");
    }
    for arg in command.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
        let many = matches!(arg.get_action(), ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if arg.is_required_set() {
            usage.push_str(&format!(" <{name}>{dots}"));
        } else {
            usage.push_str(&format!(" [{name}]{dots}"));
        }
    }
    usage
}

/// A wrong command line said in Swedish (clap says it in English), then exit 2; help and
/// version go out as clap writes them.
pub fn exit_with(error: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let what = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        ErrorKind::InvalidSubcommand => {
            format!(
                "det finns inget kommando {}",
                context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::UnknownArgument => {
            format!(
                "okänd flagga eller argument: {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("det saknas: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "ange ett kommando".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // A value parser of ours says why in Swedish; clap's own only which value.
            let why = std::error::Error::source(&error)
                .map_or_else(String::new, |source| format!(": {source}"));
            format!(
                "ogiltigt värde {} för {}{why}",
                context(ContextKind::InvalidValue),
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => {
            format!(
                "{} går inte tillsammans med {}",
                context(ContextKind::InvalidArg),
                context(ContextKind::PriorArg)
            )
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("fel antal värden för {}", context(ContextKind::InvalidArg))
        }
        _ => "kommandoraden går inte att tolka".to_owned(),
    };
    let usage = context(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    eprintln!("fel: {what}\n");
    if !usage.is_empty() {
        eprintln!("Användning: {usage}\n");
    }
    eprintln!("Skriv paragraf --help (eller paragraf KOMMANDO --help) för hjälp.");
    std::process::exit(2)
}
