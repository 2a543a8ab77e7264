//! One module per command; `run` dispatches.

mod assign;
mod generate;
mod score;
#[cfg(feature = "server")]
mod serve;
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
        Command::Assign {
            scenario,
            out,
            format,
            time_limit,
            candidates,
            lang,
            scoring,
        } => assign::run(
            scenario.as_deref(),
            out.as_deref(),
            format,
            time_limit,
            candidates,
            lang,
            &scoring,
        ),
        Command::Compare {
            a,
            b,
            format,
            time_limit,
            scoring,
        } => assign::compare(&a, &b, format, time_limit, &scoring),
        Command::Generate {
            children,
            sites,
            seed,
            out,
            as_of,
            force,
        } => generate::run(children, sites, seed, &out, &as_of, force),
        #[cfg(feature = "server")]
        Command::Serve {
            addr,
            tokens,
            max_body,
            request_timeout,
            max_in_flight,
            scoring,
        } => serve::run(
            addr,
            tokens.as_deref(),
            max_body,
            request_timeout,
            max_in_flight,
            &scoring,
        ),
    }
}
