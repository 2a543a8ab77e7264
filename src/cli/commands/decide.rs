//! `placematch decide`: records a person's decision with the site's rank and flags at that
//! moment, and with `--document` writes the decision basis for the case file. The reason is
//! stored in the audit database and written into the document; it is never printed.

use serde::Serialize;

use crate::app::{self, AppError};
use crate::audit::Decision;
use crate::cli::args::{AuditArgs, ReportFormat, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;

use super::audit::{Access, Auditor, data_files};
use super::session::{self, Session};
use crate::render::{self, Lang};

/// What the caseworker chose, and how to answer.
pub(super) struct Choice<'a> {
    pub(super) child: &'a str,
    pub(super) site: &'a str,
    pub(super) reason: Option<&'a str>,
    pub(super) document: Option<&'a std::path::Path>,
    pub(super) lang: Lang,
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    child_id: &'a str,
    site_id: &'a str,
    rank: usize,
    top_site_id: &'a str,
    flags: &'a [String],
    reason_given: bool,
}

pub(super) fn run(
    choice: Choice<'_>,
    format: ReportFormat,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let Choice {
        child,
        site,
        reason,
        document,
        lang,
    } = choice;
    let mut auditor = Auditor::open_required(audit, ("decide", "", ""))?;
    let session = Session::open(scoring)?;
    // With a case store: the sites' answers and the child's case (declined sites leave the
    // ranking; the case's open points join the flags).
    let case = super::cases::case_of(scoring, child, &session.policy.followups)?;
    let app::CheckedDecision { facts, needed } = app::check_decision(
        &session.loaded,
        &session.weights,
        (session.policy, session.as_of),
        (child, site),
        case.as_ref(),
    )
    .map_err(|error| match error {
        AppError::UnknownChild => {
            session::unknown_child(&session.loaded, child, &scoring.data.display().to_string())
        }
        AppError::UnknownSite => CliError::said(
            ExitCode::InvalidData,
            "intet sted med det angivne --site-ID i data",
            "no site with the given --site ID in the data",
        ),
        AppError::Excluded(gates) => CliError::said(
            ExitCode::InvalidData,
            format!(
                "afgørelsen afvises: stedet er frasorteret for barnet efter {}",
                gates.join(", ")
            ),
            format!(
                "decision refused: the site is excluded for this child by {}",
                gates.join(", ")
            ),
        ),
        other => session::app_error(other),
    })?;
    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    if reason.is_some_and(crate::io::contains_cpr_like) {
        return Err(CliError::said(
            ExitCode::Usage,
            "--reason ser ud til at indeholde et CPR-nummer og registreres ikke (vises ikke); henvis til barnet med dets pseudonym",
            "--reason looks like it contains a CPR number and is not recorded (not shown); refer to the child by its pseudonym",
        ));
    }
    if !needed.is_empty() && reason.is_none() {
        return Err(CliError::worded(ExitCode::Usage, |lang| {
            let because = render::reasons_needed_text(&needed, lang);
            match lang {
                Lang::Da => format!("{because}; angiv --reason TEKST"),
                Lang::En => format!("{because}; give --reason TEXT"),
            }
        }));
    }
    let view = DecisionJson {
        child_id: child,
        site_id: site,
        rank: facts.rank,
        top_site_id: &facts.top_site,
        flags: &facts.flags,
        reason_given: reason.is_some(),
    };
    let text = match format {
        ReportFormat::Json => output::json_text(&view)?,
        ReportFormat::Table => render::decision_confirmation(
            &render::Decided {
                child,
                site,
                rank: facts.rank,
                top_site: &facts.top_site,
                flags: &facts.flags,
                reason_given: reason.is_some(),
            },
            lang,
        ),
    };
    let decided_on = super::cases::today();
    // The document is written beside its target before the decision is recorded, and put in
    // place only after the record: a failed record leaves no document, and the record holds
    // the document's SHA-256.
    let written = match document {
        Some(path) => {
            let html = app::decision_document(
                &session.loaded,
                &session.weights,
                (session.policy, session.as_of),
                &app::DecisionInput {
                    child,
                    site,
                    facts: &facts,
                    case: case.as_ref(),
                    reason,
                    decided_on,
                    decided_by: audit.by.as_deref(),
                },
                lang,
            )
            .map_err(session::app_error)?;
            Some((path, output::stage_file(path, html.as_bytes())?, html))
        }
        None => None,
    };
    let result_hash = match &written {
        Some((_, _, html)) => crate::audit::sha256_hex(html.as_bytes()),
        None => crate::audit::sha256_hex(text.as_bytes()),
    };
    let mut inputs = data_files(&scoring.data);
    inputs.extend(scoring.weights.clone());
    // With a case store, the placement is kept for its follow-ups, in one transaction with
    // the audit record: one is never kept without the other.
    let placement = crate::cases::Placement {
        child: child.to_string(),
        site: site.to_string(),
        decided_on,
    };
    let by = audit.by.as_deref().unwrap_or_default();
    let record = super::cases::record_placement(scoring, &placement, &facts.matched, by, || {
        auditor.record(Access {
            command: "decide",
            role: crate::app::Role::Coordinator,
            options: vec![("as_of", session.as_of.to_string())],
            inputs,
            weights: Some(&session.weights),
            children: vec![child.to_string()],
            result_hash: result_hash.clone(),
            decision: Some(Decision {
                child_id: child.to_string(),
                site_id: site.to_string(),
                rank: facts.rank,
                top_site_id: Some(facts.top_site.clone()),
                flags: facts.flags.clone(),
                reason: reason.map(str::to_string),
            }),
        })
    })?;
    if let Some((path, staged, html)) = written {
        staged.commit()?;
        eprintln!(
            "placematch: {}",
            match lang {
                Lang::Da => format!(
                    "afgørelsesgrundlaget er skrevet til {} ({} bytes, SHA-256 {})",
                    path.display(),
                    html.len(),
                    result_hash
                ),
                Lang::En => format!(
                    "wrote the decision basis to {} ({} bytes, SHA-256 {})",
                    path.display(),
                    html.len(),
                    result_hash
                ),
            }
        );
    }
    if let Some(record) = record {
        eprintln!(
            "placematch: {}",
            match lang {
                Lang::Da => format!(
                    "afgørelsen er registreret som post {} i adgangsloggen",
                    record.seq
                ),
                Lang::En => format!("the decision is audit record {}", record.seq),
            }
        );
    }
    output::print_stdout(&text)
}
