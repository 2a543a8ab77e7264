//! `placematch assign` and `placematch compare`: batch assignment of a scenario, and two
//! scenarios side by side.

use std::path::Path;

use crate::cli::args::{AssignFormat, LangArg, ReportFormat, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use jiff::civil::Date;

use crate::app::{self, AppError, Run, SolveOptions};
use crate::io::{self, Scenario, ScenarioError};
use crate::optimize::Placement;
use crate::render::{self, Lang};

use super::session::{self, Session};

fn scenario_error(error: ScenarioError) -> CliError {
    session::app_error(AppError::Scenario(error))
}

/// Loads the data a scenario names (or `--data`), applies the scenario and solves it.
fn run_scenario(
    path: Option<&Path>,
    scoring: &ScoringArgs,
    time_limit: Option<f64>,
    candidates: usize,
) -> Result<(Run, Date), CliError> {
    let (scenario, file) = match path {
        Some(path) => (
            io::read_scenario(path).map_err(scenario_error)?,
            path.display().to_string(),
        ),
        None => (Scenario::baseline(), "(no scenario)".to_string()),
    };
    let mut args = scoring.clone();
    if let Some(data) = &scenario.data {
        args.data = data.clone();
    }
    let session = Session::open(&args)?;
    if time_limit.is_some_and(|seconds| !seconds.is_finite() || seconds <= 0.0) {
        return Err(CliError::new(
            ExitCode::Usage,
            "--time-limit must be a number of seconds above 0",
        ));
    }
    // The clock stays at the edge: the optimizer only asks whether to stop.
    let deadline = time_limit
        .map(|seconds| std::time::Instant::now() + std::time::Duration::from_secs_f64(seconds));
    let stop = || deadline.is_some_and(|deadline| std::time::Instant::now() >= deadline);
    let run = app::run_scenario(
        &session.loaded,
        &scenario,
        &file,
        &session.weights,
        session.as_of,
        SolveOptions {
            candidates,
            time_limit,
        },
        &stop,
    )
    .map_err(session::app_error)?;
    Ok((run, session.as_of))
}

fn lang(lang: LangArg) -> Lang {
    match lang {
        LangArg::Da => Lang::Da,
        LangArg::En => Lang::En,
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    let mut json = serde_json::to_string_pretty(value).map_err(|error| {
        CliError::new(ExitCode::Internal, format!("cannot encode JSON: {error}"))
    })?;
    json.push('\n');
    Ok(json)
}

pub(super) fn run(
    scenario: Option<&Path>,
    out: Option<&Path>,
    format: AssignFormat,
    time_limit: Option<f64>,
    candidates: usize,
    lang_arg: LangArg,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let (run, as_of) = run_scenario(scenario, scoring, time_limit, candidates)?;
    let view = app::assign_view(&run, as_of, lang(lang_arg));
    let text = match format {
        AssignFormat::Table => render::assign_table(&view),
        AssignFormat::Json => to_json(&view)?,
        AssignFormat::Csv => {
            eprintln!(
                "placematch: scenario {}: placed {} of {} children, total score {:.6}, {} ({})",
                view.scenario,
                view.objective.placed,
                view.objective.children,
                view.objective.total_score,
                view.optimality.status,
                view.optimality.method
            );
            assignment_csv(&run)?
        }
    };
    match out {
        Some(path) => output::write_file_atomically(path, text.as_bytes()),
        None => output::print_stdout(&text),
    }
}

/// `child_id,site_id,total`, every child in ID order, `site_id` empty when unassigned.
fn assignment_csv(run: &Run) -> Result<String, CliError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write_error =
        |error: csv::Error| CliError::new(ExitCode::Internal, format!("cannot write CSV: {error}"));
    writer
        .write_record(["child_id", "site_id", "total"])
        .map_err(write_error)?;
    for (child, placement) in run
        .dataset
        .children()
        .iter()
        .zip(&run.assignment.placements)
    {
        let (site, total) = match placement {
            Placement::Placed { site, total, .. } => (
                run.dataset.sites()[*site].id.to_string(),
                format!("{total:.6}"),
            ),
            Placement::Unassigned(_) => (String::new(), String::new()),
        };
        writer
            .write_record([
                render::escape_cell(child.id.as_str()).as_ref(),
                render::escape_cell(&site).as_ref(),
                &total,
            ])
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| CliError::new(ExitCode::Internal, error.to_string()))?;
    String::from_utf8(bytes).map_err(|error| CliError::new(ExitCode::Internal, error.to_string()))
}

pub(super) fn compare(
    a: &Path,
    b: &Path,
    format: ReportFormat,
    time_limit: Option<f64>,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    // Both sides use the same reference date, read once.
    let mut scoring = scoring.clone();
    scoring.as_of = Some(session::as_of(scoring.as_of.as_deref())?.to_string());
    let (run_a, _) = run_scenario(Some(a), &scoring, time_limit, 32)?;
    let (run_b, _) = run_scenario(Some(b), &scoring, time_limit, 32)?;
    let view = app::compare_view(&run_a, &run_b);
    let text = match format {
        ReportFormat::Table => render::compare_table(&view),
        ReportFormat::Json => to_json(&view)?,
    };
    output::print_stdout(&text)
}
