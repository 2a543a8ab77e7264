//! One module per command; `run` dispatches.

mod assign;
mod audit;
mod cases;
mod decide;
mod generate;
mod report;
mod score;
#[cfg(feature = "server")]
mod serve;
mod session;
mod shortlist;
mod validate;

use super::args::{Args, AuditAction, Command, ReportKind};
use super::error::CliError;

pub(super) fn run(args: Args) -> Result<(), CliError> {
    match args.command {
        Command::Validate {
            data,
            format,
            max_problems,
            lang,
        } => validate::run(&data, format, max_problems, lang.into()),
        Command::Children {
            lang,
            format,
            audit,
            scoring,
        } => shortlist::children(lang, format, &audit, &scoring),
        Command::Shortlist {
            child,
            top,
            explain_excluded,
            lang,
            format,
            audit,
            scoring,
        } => shortlist::run(
            &child,
            usize::try_from(top).unwrap_or(usize::MAX),
            explain_excluded,
            lang,
            format,
            &audit,
            &scoring,
        ),
        // Messages take the language from the command line (`cli::error::lang`).
        Command::Score { audit, scoring, .. } => score::run(&audit, &scoring),
        Command::Assign {
            scenario,
            out,
            format,
            time_limit,
            candidates,
            lang,
            audit,
            scoring,
        } => assign::run(
            scenario.as_deref(),
            out.as_deref(),
            format,
            crate::app::SolveOptions {
                candidates,
                time_limit,
                ..Default::default()
            },
            lang,
            &audit,
            &scoring,
        ),
        Command::Compare {
            a,
            b,
            format,
            time_limit,
            lang,
            audit,
            scoring,
        } => assign::compare(&a, &b, format, time_limit, lang, &audit, &scoring),
        Command::Followup {
            child,
            at,
            status,
            cause,
            lang,
            audit,
            scoring,
        } => cases::followup(
            &child,
            at.as_deref(),
            status.into(),
            cause.map(Into::into),
            lang.into(),
            &audit,
            &scoring,
        ),
        Command::Due {
            on,
            within,
            weights,
            format,
            lang,
            audit,
            cases,
        } => cases::due(
            on.as_deref(),
            (within, weights.as_deref()),
            lang.into(),
            format,
            &audit,
            &cases,
        ),
        Command::Decide {
            child,
            site,
            reason,
            document,
            lang,
            format,
            audit,
            scoring,
        } => decide::run(
            decide::Choice {
                child: &child,
                site: &site,
                reason: reason.as_deref(),
                document: document.as_deref(),
                lang: lang.into(),
            },
            format,
            &audit,
            &scoring,
        ),
        Command::Audit {
            action:
                AuditAction::Verify {
                    audit,
                    format,
                    expect_head,
                    write_head,
                    ..
                },
        } => audit::verify(
            &audit,
            format,
            expect_head.as_deref(),
            write_head.as_deref(),
        ),
        Command::Audit {
            action:
                AuditAction::Extract {
                    child,
                    format,
                    lang,
                    audit,
                },
        } => audit::extract(&child, format, lang.into(), &audit),
        Command::Inquire {
            child,
            sites,
            on,
            lang,
            audit,
            scoring,
        } => cases::inquire(&child, &sites, on.as_deref(), lang.into(), &audit, &scoring),
        Command::Conversation {
            child,
            held_on,
            how,
            lang,
            audit,
            scoring,
        } => cases::conversation(&child, &held_on, how, lang.into(), &audit, &scoring),
        Command::Views {
            child,
            child_wishes,
            parents_wishes,
            resources,
            parents_consent,
            child_consent,
            on,
            lang,
            audit,
            scoring,
        } => cases::views(
            &child,
            &cases::ViewsArgs {
                child_wishes: child_wishes.as_deref(),
                parents_wishes: parents_wishes.as_deref(),
                resources: resources.as_deref(),
                parents_consent: parents_consent.map(Into::into),
                child_consent: child_consent.map(Into::into),
                on: on.as_deref(),
            },
            lang.into(),
            &audit,
            &scoring,
        ),
        Command::Respond {
            child,
            site,
            accept: _,
            decline,
            reason,
            conditions,
            closes,
            on,
            lang,
            audit,
            scoring,
        } => cases::respond(
            &child,
            &site,
            if decline { reason } else { None },
            (conditions.as_deref(), &closes),
            on.as_deref(),
            lang.into(),
            &audit,
            &scoring,
        ),
        Command::Case {
            child,
            data,
            weights,
            format,
            lang,
            cases: case_args,
            audit,
        } => cases::case(
            &child,
            (&data, weights.as_deref()),
            format,
            lang.into(),
            &case_args,
            &audit,
        ),
        Command::Report {
            report:
                ReportKind::Recruit {
                    scenario,
                    verify,
                    time_limit,
                    format,
                    lang,
                    audit,
                    scoring,
                },
        } => report::recruit(
            scenario.as_deref(),
            usize::try_from(verify).unwrap_or(1),
            time_limit,
            format,
            lang.into(),
            &audit,
            &scoring,
        ),
        Command::Report {
            report:
                ReportKind::Outcomes {
                    on,
                    weights,
                    format,
                    lang,
                    audit,
                    cases,
                },
        } => report::outcomes(
            on.as_deref(),
            weights.as_deref(),
            (format, lang.into()),
            &audit,
            &cases,
        ),
        Command::Report {
            report:
                ReportKind::Fairness {
                    scenario,
                    format,
                    lang,
                    audit,
                    scoring,
                },
        } => report::fairness(scenario.as_deref(), format, lang.into(), &audit, &scoring),
        Command::Generate {
            children,
            sites,
            seed,
            out,
            as_of,
            force,
            history,
            ..
        } => generate::run(children, sites, seed, &out, (&as_of, force, history)),
        #[cfg(feature = "server")]
        Command::Serve {
            lang: _,
            addr,
            tokens,
            max_body,
            request_timeout,
            max_in_flight,
            max_connections,
            header_timeout,
            audit,
            scoring,
        } => serve::run(
            addr,
            tokens.as_deref(),
            serve::Numbers {
                max_body,
                request_timeout,
                max_in_flight,
                max_connections,
                header_timeout,
            },
            audit.as_deref(),
            &scoring,
        ),
    }
}
