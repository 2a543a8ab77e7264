//! `placematch shortlist`: ranked, explained sites for one child; `placematch children`: the
//! children to choose from.

use crate::app::{self, AppError};
use crate::cli::args::{AuditArgs, LangArg, ScoringArgs, ShortlistFormat, TableFormat};
use crate::cli::error::CliError;
use crate::cli::output;
use crate::render::{self, Lang};
use crate::shortlist::ShortlistOptions;

use super::audit::{Access, Auditor, data_files};
use super::session::Session;

/// The child's shortlist as the coordinator sees it: with each site's answer and the child
/// conversation when a case store is given (`--cases`).
pub(super) fn coordinator_view(
    session: &Session,
    scoring: &ScoringArgs,
    child: &str,
    options: &ShortlistOptions,
    lang: Lang,
) -> Result<render::ShortlistJson, CliError> {
    let inquiries = super::cases::inquiries_of(scoring, child)?;
    let view = match &inquiries {
        None => app::shortlist_view(
            &session.loaded,
            &session.weights,
            session.as_of,
            child,
            options,
            lang,
        ),
        Some(inquiries) => app::shortlist_view_with_inquiries(
            &session.loaded,
            &session.weights,
            session.as_of,
            child,
            options,
            (inquiries, lang),
        ),
    }
    .map_err(|error| match error {
        // The ID is a pseudonym the user typed; it is not repeated back.
        AppError::UnknownChild => super::session::unknown_child(
            &session.loaded,
            child,
            &scoring.data.display().to_string(),
        ),
        other => super::session::app_error(other),
    })?;
    Ok(
        match super::cases::case_of(scoring, child, &session.policy.followups)? {
            Some(case) => render::with_child_case(view, &case, lang),
            None => view,
        },
    )
}

pub(super) fn run(
    child: &str,
    top: usize,
    explain_excluded: bool,
    lang: LangArg,
    format: ShortlistFormat,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let options = ShortlistOptions {
        top,
        explain_excluded,
        policy: session.policy,
    };
    let lang = Lang::from(lang);
    let view = coordinator_view(&session, scoring, child, &options, lang)?;
    let text = match format {
        ShortlistFormat::Table => render::shortlist_table(&view, lang),
        ShortlistFormat::Json => output::json_text(&view)?,
        ShortlistFormat::Html => render::shortlist_html(&view, lang),
        ShortlistFormat::Csv => shortlist_csv(&view)?,
    };
    let mut inputs = data_files(&scoring.data);
    inputs.extend(scoring.weights.clone());
    auditor.record(Access {
        command: "shortlist",
        role: crate::app::Role::Coordinator,
        options: vec![
            ("top", top.to_string()),
            ("explain_excluded", explain_excluded.to_string()),
            ("as_of", session.as_of.to_string()),
            ("format", format!("{format:?}").to_lowercase()),
        ],
        inputs,
        weights: Some(&session.weights),
        children: vec![view.child_id.clone()],
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

fn shortlist_csv(view: &render::ShortlistJson) -> Result<String, CliError> {
    output::csv_text(render::shortlist_csv_rows(view))
}

/// `placematch children`: the children awaiting placement, one line each.
pub(super) fn children(
    lang: LangArg,
    format: TableFormat,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let lang = Lang::from(lang);
    let view = app::children_view(&session.loaded, session.as_of);
    let text = match format {
        TableFormat::Table => render::children_table(&view, lang),
        TableFormat::Json => output::json_text(&view)?,
        TableFormat::Csv => output::csv_text(render::children_csv_rows(&view))?,
    };
    auditor.record(Access {
        command: "children",
        role: crate::app::Role::Coordinator,
        options: vec![
            ("as_of", session.as_of.to_string()),
            ("format", format!("{format:?}").to_lowercase()),
        ],
        inputs: data_files(&scoring.data),
        weights: None,
        // Every child's age and support level is read: each is named.
        children: view
            .children
            .iter()
            .map(|child| child.child_id.clone())
            .collect(),
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}
