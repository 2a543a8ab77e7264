//! One module per command; `run` dispatches.

mod generate;
mod validate;

use super::args::{Args, Command};
use super::error::CliError;

pub(super) fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Validate {
            data,
            format,
            max_problems,
        } => validate::run(&data, format, max_problems),
        Command::Generate {
            children,
            sites,
            seed,
            out,
            as_of,
            force,
        } => generate::run(children, sites, seed, &out, &as_of, force),
    }
}
