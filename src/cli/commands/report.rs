//! `placematch report fairness`: aggregate figures from the recorded decisions or from a
//! scenario's optimal assignment, cells under 5 children suppressed.

use std::path::Path;

use crate::app;
use crate::cli::args::{AuditArgs, ScoringArgs, TableFormat};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::render;

use super::audit::{Access, Auditor, data_files};
use super::session::Session;

pub(super) fn fairness(
    scenario: Option<&Path>,
    format: TableFormat,
    lang: render::Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = match scenario {
        Some(_) => Auditor::open(audit)?,
        None => Auditor::open_required(
            audit,
            (
                "report fairness",
                " (ud fra de registrerede afgørelser)",
                " (from recorded decisions)",
            ),
        )?,
    };
    let inputs;
    let (view, weights, children) = match scenario {
        Some(path) => {
            let solved = super::assign::run_scenario(
                super::assign::read_scenario(Some(path), scoring)?,
                scoring,
                None,
                32,
            )?;
            let (run, session) = (solved.run, solved.session);
            let view = app::fairness_from_run(&session.loaded, &run, session.as_of);
            inputs = solved.inputs;
            let children = run
                .dataset
                .children()
                .iter()
                .map(|c| c.id.to_string())
                .collect();
            (view, run.weights, children)
        }
        None => {
            let session = Session::open(scoring)?;
            let records = auditor
                .log()
                .map(crate::audit::AuditLog::records)
                .transpose()
                .map_err(|error| {
                    CliError::worded(ExitCode::NoInput, |lang| {
                        crate::render::audit_error_text(&error, lang)
                    })
                })?
                .unwrap_or_default();
            let (view, decided) =
                app::fairness_from_decisions(&session.loaded, &records, session.as_of);
            if decided.stale > 0 {
                crate::cli::error::note(
                    format!(
                        "{} registrerede afgørelser nævner et barn eller sted, der ikke findes i data; de er udeladt",
                        decided.stale
                    ),
                    format!(
                        "{} recorded decisions name a child or site that is not in the data; they are left out",
                        decided.stale
                    ),
                );
            }
            inputs = data_files(&scoring.data);
            (view, session.weights, decided.children)
        }
    };
    let text = match format {
        TableFormat::Table => render::fairness_table(&view, lang),
        TableFormat::Json => output::json_text(&view)?,
        TableFormat::Csv => output::csv_text(render::fairness_rows(&view))?,
    };
    auditor.record(Access {
        command: "report fairness",
        role: crate::app::Role::Auditor,
        options: vec![
            ("source", view.source.clone()),
            ("as_of", view.as_of.clone()),
        ],
        inputs,
        weights: Some(&weights),
        children,
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

/// `placematch report outcomes`: breakdowns within 12 months by match, from the case store.
pub(super) fn outcomes(
    on: Option<&str>,
    weights: Option<&Path>,
    (format, lang): (TableFormat, render::Lang),
    audit: &AuditArgs,
    cases: &crate::cli::args::CaseArgs,
) -> Result<(), CliError> {
    let on = super::cases::day(on, "--on")?;
    let mut auditor = Auditor::open(audit)?;
    let weights = match weights {
        Some(path) => crate::io::read_weights(path).map_err(super::session::weights_error)?,
        None => crate::score::Weights::DEFAULT,
    };
    let store =
        crate::cases::CaseStore::open_existing(&cases.file).map_err(super::cases::case_error)?;
    let histories = store.match_histories().map_err(super::cases::case_error)?;
    let mut shares = [0.0; 7];
    for (share, element) in shares.iter_mut().zip(crate::explain::ElementId::ALL) {
        *share = weights.get(element);
    }
    let report = crate::outcomes::outcomes(&histories, on, shares);
    let view = render::outcomes_json(&report, &on.to_string(), lang);
    let text = match format {
        TableFormat::Table => render::outcomes_table(&view, lang),
        TableFormat::Json => output::json_text(&view)?,
        TableFormat::Csv => output::csv_text(render::outcomes_csv_rows(&view))?,
    };
    auditor.record(Access {
        command: "report outcomes",
        role: crate::app::Role::Planner,
        options: vec![("on", on.to_string())],
        inputs: Vec::new(),
        weights: Some(&weights),
        children: Vec::new(),
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

/// `placematch report recruit`: where one more place would help the most children.
pub(super) fn recruit(
    scenario: Option<&Path>,
    verify: usize,
    time_limit: Option<f64>,
    format: TableFormat,
    lang: render::Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    super::assign::check_time_limit(time_limit)?;
    let read = super::assign::read_scenario(scenario, scoring)?;
    let mut args = scoring.clone();
    if let Some(data) = &read.scenario.data {
        args.data = data.clone();
    }
    let session = Session::open(&args)?;
    let deadline = time_limit
        .map(|seconds| std::time::Instant::now() + std::time::Duration::from_secs_f64(seconds));
    let progress = super::assign::progress_line(&format!(
        "placematch report recruit {}",
        render::scenario_name(&read.scenario.name, crate::cli::error::lang())
    ));
    let stop = || {
        if let Some(bar) = &progress {
            bar.inc(1);
            super::assign::show_after_a_second(bar);
        }
        deadline.is_some_and(|deadline| std::time::Instant::now() >= deadline)
    };
    let options = app::SolveOptions {
        time_limit,
        policy: session.policy,
        ..Default::default()
    };
    let result = app::recruit_view(
        &session.loaded,
        (&read.scenario, &read.file),
        &session.weights,
        session.as_of,
        (options, verify, lang),
        &stop,
    );
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let (view, children) = result.map_err(super::session::app_error)?;
    let text = match format {
        TableFormat::Table => render::recruit_table(&view, lang),
        TableFormat::Json => output::json_text(&view)?,
        TableFormat::Csv => output::csv_text(render::recruit_csv_rows(&view))?,
    };
    let mut inputs = data_files(&args.data);
    inputs.extend(args.weights.clone());
    inputs.extend(read.path.clone());
    inputs.extend(read.scenario.add_sites.clone());
    auditor.record(Access {
        command: "report recruit",
        role: crate::app::Role::Planner,
        options: vec![
            ("scenario", read.scenario.name.clone()),
            ("as_of", session.as_of.to_string()),
            ("verify", verify.to_string()),
            ("format", format!("{format:?}").to_lowercase()),
        ],
        inputs,
        weights: Some(&session.weights),
        children,
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}
