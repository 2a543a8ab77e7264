//! The command line read in the user's language: clap's help and its errors in Danish.
//!
//! English is clap's own output from the doc comments of [`super::args`]. For Danish the
//! command tree is rewritten from `render::help` before parsing: summaries, option texts,
//! value names, choices, defaults, headings, the usage line and the help and version
//! switches; a parse error is worded here from its kind and context.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::args::Args;
use super::error::{CliError, ExitCode};
use crate::render::Lang;
use crate::render::help::{self as words_da, words};

/// Parses the command line; help and version are printed here and end the process.
pub(super) fn parse(raw: Vec<OsString>, lang: Lang) -> Result<Args, CliError> {
    let command = match lang {
        Lang::En => negative_numbers(Args::command()),
        Lang::Da => danish_command(),
    };
    let matches = match command.try_get_matches_from(raw) {
        Ok(matches) => matches,
        Err(error) => return Err(parse_error(error, lang)),
    };
    Args::from_arg_matches(&matches).map_err(|error| parse_error(error, lang))
}

/// A parse failure: help and version are printed and exit at once (0, or 2 for help shown
/// because a command is missing), as does an English error (clap's words); a Danish one
/// becomes a usage error worded here.
fn parse_error(error: clap::Error, lang: Lang) -> CliError {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        _ => {}
    }
    match lang {
        // clap's own English message, with the usage line and a hint, exit 2.
        Lang::En => error.exit(),
        Lang::Da => CliError::new(ExitCode::Usage, danish_error(&error)),
    }
}

/// The Danish words of a parse error: what is wrong, the suggestion if clap has one, and where
/// to read more.
fn danish_error(error: &clap::Error) -> String {
    let context = |kind| error.get(kind).map(value_text).unwrap_or_default();
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let what = match error.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} mangler en værdi")
            } else if valid.is_empty() {
                format!("ugyldig værdi `{value}` til {arg}")
            } else {
                format!("ugyldig værdi `{value}` til {arg}; mulige værdier: {valid}")
            }
        }
        ErrorKind::ValueValidation => format!("ugyldig værdi `{value}` til {arg}"),
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("ukendt tilvalg `{arg}`"),
        ErrorKind::UnknownArgument => format!("uventet argument `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "ukendt kommando `{}`",
                context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("mangler {arg}"),
        ErrorKind::MissingSubcommand => "mangler en kommando".to_owned(),
        ErrorKind::ArgumentConflict => {
            let prior = context(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("{arg} må kun gives én gang")
            } else {
                format!("{arg} kan ikke bruges sammen med {prior}")
            }
        }
        ErrorKind::NoEquals => format!("{arg} skal have sin værdi efter et lighedstegn"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("forkert antal værdier til {arg}")
        }
        ErrorKind::InvalidUtf8 => "et argument er ikke gyldig UTF-8".to_owned(),
        _ => "kommandolinjen kan ikke læses".to_owned(),
    };
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(context)
    .find(|text| !text.is_empty())
    .map(|text| format!(" (mente du `{text}`?)"))
    .unwrap_or_default();
    format!("{what}{suggestion}; se `placematch --help`")
}

/// One context value as text: strings joined by ", ".
fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(texts) => texts.join(", "),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(texts) => texts
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(number) => number.to_string(),
        ContextValue::Bool(yes) => yes.to_string(),
        _ => String::new(),
    }
}

/// Lets every option's value be a negative number (`--time-limit -1`), so that it is refused
/// as a bad value of that option rather than taken for an unknown option.
fn negative_numbers(command: Command) -> Command {
    command
        .mut_args(|arg| {
            if arg.get_action().takes_values() {
                arg.allow_negative_numbers(true)
            } else {
                arg
            }
        })
        .mut_subcommands(negative_numbers)
}

/// The command tree with every text in Danish.
pub(crate) fn danish_command() -> Command {
    let mut command = localize(negative_numbers(Args::command()), "");
    // The `help` commands exist only once the tree is built.
    command.build();
    localize_help_commands(command, "")
}

/// The `help` commands clap adds to every command with commands (and their copies of the
/// tree), in Danish.
fn localize_help_commands(command: Command, path: &str) -> Command {
    let mut command = command
        .subcommand_help_heading(words::COMMANDS)
        .help_template(TEMPLATE);
    if command.get_name() == "help" {
        let value = &words::COMMAND[1..words::COMMAND.len() - 1];
        command = command
            .about(words::HELP_COMMAND)
            .long_about(words::HELP_COMMAND)
            .override_usage(format!("placematch {path} [{value}]").replace("  ", " "))
            .mut_args(|arg| {
                arg.help(words::HELP_COMMAND)
                    .value_name(value)
                    .help_heading(words::ARGUMENTS)
            });
    }
    command.mut_subcommands(|sub| {
        let sub_path = format!("{path} {}", sub.get_name());
        localize_help_commands(sub, sub_path.trim_start())
    })
}

/// One command and everything under it, in Danish; `path` is its place in the tree.
fn localize(command: Command, path: &str) -> Command {
    let mut command = command
        .disable_help_flag(true)
        .subcommand_help_heading(words::COMMANDS)
        .help_template(TEMPLATE);
    if let Some(help) = words_da::command_help(path) {
        command = command.about(help.about).long_about(
            help.more
                .map(|more| format!("{}\n\n{more}", help.about))
                .unwrap_or_else(|| help.about.to_owned()),
        );
    }
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words::VERSION)
                .help_heading(words::OPTIONS),
        );
    }
    command = command.mut_args(|arg| localize_arg(arg, path));
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(words::HELP)
            .help_heading(words::OPTIONS),
    );
    let usage = usage_line(&command, path);
    command = command.override_usage(usage);
    command.mut_subcommands(|sub| {
        let name = sub.get_name().to_owned();
        let sub_path = if path.is_empty() {
            name
        } else {
            format!("{path} {name}")
        };
        localize(sub, &sub_path)
    })
}

/// Help for the usage line and the options: clap's "Usage:" heading replaced.
const TEMPLATE: &str = "{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}";

/// One option of the command at `path`, in Danish.
fn localize_arg(arg: Arg, path: &str) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let Some(help) = words_da::arg_help(path, &id) else {
        return arg;
    };
    let mut short = help.help.to_owned();
    let mut long = help.help.to_owned();
    let takes_value = arg.get_action().takes_values();
    let choices: Vec<(String, &'static str)> = arg
        .get_possible_values()
        .iter()
        .filter(|_| takes_value)
        .filter(|value| !value.is_hide_set())
        .map(|value| {
            let name = value.get_name().to_owned();
            let meaning = words_da::value_help(&id, &name).unwrap_or("");
            (name, meaning)
        })
        .collect();
    if !choices.is_empty() {
        let names: Vec<&str> = choices.iter().map(|(name, _)| name.as_str()).collect();
        short.push_str(&format!(" [{}: {}]", words::POSSIBLE, names.join(", ")));
        long.push_str(&format!("\n\n{}:", capitalized(words::POSSIBLE)));
        for (name, meaning) in &choices {
            long.push_str(&format!("\n- {name}: {meaning}"));
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_value {
        let defaults = defaults.join(", ");
        short.push_str(&format!(" [{}: {defaults}]", words::DEFAULT));
        if choices.is_empty() {
            long.push_str(&format!(" [{}: {defaults}]", words::DEFAULT));
        } else {
            long.push_str(&format!("\n\n{}: {defaults}", capitalized(words::DEFAULT)));
        }
    }
    if let Some(env) = arg.get_env() {
        let text = format!(" [{}: {}]", words::ENV, env.to_string_lossy());
        short.push_str(&text);
        long.push_str(&text);
    }
    let heading = if arg.is_positional() {
        words::ARGUMENTS
    } else {
        words::OPTIONS
    };
    let mut arg = arg
        .help(short)
        .long_help(long)
        .hide_env(true)
        .help_heading(heading);
    if takes_value {
        arg = arg.hide_possible_values(true).hide_default_value(true);
        if !help.value_name.is_empty() {
            arg = arg.value_name(help.value_name);
        }
    }
    arg
}

/// The usage line: the command, its required options, `[TILVALG]` and its arguments.
fn usage_line(command: &Command, path: &str) -> String {
    let mut parts = vec!["placematch".to_owned()];
    if !path.is_empty() {
        parts.push(path.to_owned());
    }
    let options = || {
        command
            .get_arguments()
            .filter(|arg| !arg.is_positional() && !arg.is_hide_set())
    };
    for arg in options().filter(|arg| arg.is_required_set()) {
        parts.push(format!("--{} <{}>", long_name(arg), value_name(arg)));
    }
    if options().any(|arg| !arg.is_required_set()) {
        parts.push(words::OPTIONS_PLACEHOLDER.to_owned());
    }
    for arg in command.get_positionals() {
        parts.push(format!("<{}>", value_name(arg)));
    }
    if command.has_subcommands() {
        parts.push(words::COMMAND.to_owned());
    }
    parts.join(" ")
}

fn long_name(arg: &Arg) -> String {
    arg.get_long().unwrap_or(arg.get_id().as_str()).to_owned()
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|names| names.first())
        .map(|name| name.as_str().to_owned())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase())
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option in the tree, with its path.
    fn walk(command: &Command, path: &str, out: &mut Vec<(String, Command)>) {
        out.push((path.to_owned(), command.clone()));
        for sub in command.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &sub_path, out);
        }
    }

    #[test]
    fn every_command_option_and_choice_has_danish_words() {
        let mut commands = Vec::new();
        walk(&Args::command(), "", &mut commands);
        let mut missing = Vec::new();
        for (path, command) in &commands {
            if words_da::command_help(path).is_none() {
                missing.push(format!("command `{path}`"));
            }
            if path == "help" || path.ends_with(" help") {
                continue;
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if words_da::arg_help(path, id).is_none() {
                    missing.push(format!("`{path}` --{id}"));
                }
                let choices = arg
                    .get_action()
                    .takes_values()
                    .then(|| arg.get_possible_values());
                for value in choices.into_iter().flatten() {
                    if words_da::value_help(id, value.get_name()).is_none() {
                        missing.push(format!("`{path}` --{id} {}", value.get_name()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no Danish words for: {missing:?}");
    }

    /// Words of clap's English help that must not appear in the Danish help.
    const ENGLISH: [&str; 9] = [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print help",
        "Print version",
        "[default",
        "[possible values",
        "[env",
    ];

    #[test]
    fn the_danish_help_of_every_command_has_no_english_words() {
        let mut commands = Vec::new();
        walk(&danish_command(), "", &mut commands);
        for (path, mut command) in commands {
            for long in [false, true] {
                let text = if long {
                    command.render_long_help().to_string()
                } else {
                    command.render_help().to_string()
                };
                for word in ENGLISH {
                    assert!(!text.contains(word), "`{path}` help has {word:?}:\n{text}");
                }
                assert!(text.contains("Brug: placematch"), "`{path}`:\n{text}");
            }
        }
    }

    fn danish_parse(args: &[&str]) -> CliError {
        let raw = args.iter().map(OsString::from).collect();
        match parse(raw, Lang::Da) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(error) => error,
        }
    }

    #[test]
    fn parse_errors_are_danish_usage_errors() {
        let error = danish_parse(&["placematch", "shortlist", "--child", "C-1", "--formt", "x"]);
        assert_eq!(error.code, ExitCode::Usage);
        assert_eq!(
            error.message,
            "ukendt tilvalg `--formt` (mente du `--format`?); se `placematch --help`"
        );
        let error = danish_parse(&[
            "placematch",
            "shortlist",
            "--child",
            "C-1",
            "--format",
            "pdf",
        ]);
        assert_eq!(
            error.message,
            "ugyldig værdi `pdf` til --format <FORMAT>; mulige værdier: table, json, csv, html; se `placematch --help`"
        );
        let error = danish_parse(&["placematch", "shortlist"]);
        assert_eq!(
            error.message,
            "mangler --child <ID>; se `placematch --help`"
        );
        let error = danish_parse(&["placematch", "shortlist", "--child", "C-1", "--top", "-3"]);
        assert_eq!(
            error.message,
            "ugyldig værdi `-3` til --top <ANTAL>; se `placematch --help`"
        );
        let error = danish_parse(&["placematch", "compare", "a.toml", "b.toml", "c.toml"]);
        assert_eq!(
            error.message,
            "uventet argument `c.toml`; se `placematch --help`"
        );
        let error = danish_parse(&["placematch", "shortlst"]);
        assert_eq!(
            error.message,
            "ukendt kommando `shortlst` (mente du `shortlist`?); se `placematch --help`"
        );
        let error = danish_parse(&[
            "placematch",
            "respond",
            "--child",
            "C",
            "--site",
            "S",
            "--accept",
            "--decline",
            "--reason",
            "timing",
        ]);
        assert!(
            error.message.contains("kan ikke bruges sammen med"),
            "{}",
            error.message
        );
    }
}
