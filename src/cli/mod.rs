//! The command-line edge: parses arguments, runs one command, prints its result.
//!
//! Results go to stdout, messages to stderr. Every failure maps to one exit code of
//! PRODUCT.md section 7 through [`CliError`].

mod args;
mod cleanup;
mod commands;
mod error;
mod output;

pub use args::Args;
pub use error::{CliError, ExitCode, internal_error_words};

use clap::Parser;

/// Parses the process arguments and runs the command.
pub fn run_from_env() -> Result<(), CliError> {
    let args = Args::parse();
    error::set_lang_from_args(std::env::args_os());
    run(args)
}

/// Runs one parsed command.
pub fn run(args: Args) -> Result<(), CliError> {
    commands::run(args)
}
