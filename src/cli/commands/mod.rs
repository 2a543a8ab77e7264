//! One module per command; `run` dispatches.

mod generate;
mod score;
mod session;
mod shortlist;
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
        Command::Shortlist {
            child,
            top,
            explain_excluded,
            lang,
            format,
            scoring,
        } => shortlist::run(&child, top, explain_excluded, lang, format, &scoring),
        Command::Score { format: _, scoring } => score::run(&scoring),
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
