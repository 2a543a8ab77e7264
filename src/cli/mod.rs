//! The command-line edge: parses arguments, runs one command, prints its result.
//!
//! Results go to stdout, messages to stderr. Every failure maps to one exit code of
//! PRODUCT.md section 7 through [`CliError`].

mod args;
mod cleanup;
mod commands;
mod error;
mod help;
mod output;

pub use args::Args;
pub use error::{CliError, ExitCode, internal_error_words};

/// Parses the process arguments (help and errors in the language of `--lang`, Danish by
/// default) and runs the command.
pub fn run_from_env() -> Result<(), CliError> {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    error::set_lang_from_args(raw.iter().cloned());
    let args = help::parse(raw, error::lang())?;
    run(args)
}

/// Runs one parsed command.
pub fn run(args: Args) -> Result<(), CliError> {
    commands::run(args)
}
