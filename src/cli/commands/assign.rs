//! `placematch assign` and `placematch compare`: batch assignment of a scenario, and two
//! scenarios side by side.

use std::path::{Path, PathBuf};

use crate::app::{self, AppError, Run, SolveOptions};
use crate::cli::args::{AssignFormat, AuditArgs, LangArg, ReportFormat, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::io::{self, Scenario, ScenarioError};
use crate::render::{self, Lang};

use super::audit::{Access, Auditor, data_files};
use super::session::{self, Session};

fn scenario_error(error: ScenarioError) -> CliError {
    session::app_error(AppError::Scenario(error))
}

/// A solved scenario with the session it ran in and the files it read.
pub(super) struct Solved {
    pub(super) run: Run,
    pub(super) session: Session,
    pub(super) inputs: Vec<PathBuf>,
}

/// A spinner with the elapsed time and the branch-and-bound nodes searched, drawn on stderr
/// only when stderr is a terminal (silent when piped or in scripts). It is shown once the
/// search has run for a second (see `show_after_a_second`), so quick runs print nothing; a
/// watcher thread shows it then even while a solver runs without asking whether to stop.
pub(super) fn progress_line(message: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    let template = match crate::cli::error::lang() {
        Lang::Da => "{spinner} {msg}: {elapsed} · {pos} søgetrin",
        Lang::En => "{spinner} {msg}: {elapsed} · {pos} search steps",
    };
    let style = indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.set_message(crate::render::printable(message));
    let watched = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1050));
        show_after_a_second(&watched);
    });
    Some(bar)
}

/// Draws the progress line once it has existed for a second.
pub(super) fn show_after_a_second(bar: &indicatif::ProgressBar) {
    if bar.is_hidden() && !bar.is_finished() && bar.elapsed() >= std::time::Duration::from_secs(1) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
    }
}

/// Longest `--time-limit` accepted, seconds.
const MAX_TIME_LIMIT: f64 = 86_400.0;

/// Refuses a `--time-limit` that is not a number of seconds in (0, a day].
pub(super) fn check_time_limit(time_limit: Option<f64>) -> Result<(), CliError> {
    if time_limit
        .is_some_and(|seconds| !seconds.is_finite() || seconds <= 0.0 || seconds > MAX_TIME_LIMIT)
    {
        return Err(CliError::said(
            ExitCode::Usage,
            format!(
                "--time-limit skal være et antal sekunder over 0 og højst {MAX_TIME_LIMIT} (et døgn)"
            ),
            format!(
                "--time-limit must be a number of seconds above 0 and at most {MAX_TIME_LIMIT} (a day)"
            ),
        ));
    }
    Ok(())
}

/// A scenario as read, with the name it goes by in messages and its file.
pub(super) struct ReadScenario {
    pub(super) scenario: Scenario,
    pub(super) file: String,
    pub(super) path: Option<std::path::PathBuf>,
}

/// Reads a scenario file (with its `add_sites`), or the baseline without one.
pub(super) fn read_scenario(
    path: Option<&Path>,
    scoring: &ScoringArgs,
) -> Result<ReadScenario, CliError> {
    Ok(match path {
        Some(path) => ReadScenario {
            scenario: io::read_scenario(path, scoring.allow_outside).map_err(scenario_error)?,
            file: path.display().to_string(),
            path: Some(path.to_path_buf()),
        },
        None => ReadScenario {
            scenario: Scenario::baseline(),
            file: "(no scenario)".to_string(),
            path: None,
        },
    })
}

/// A scenario ready to solve: its data loaded, declined pairs forbidden, checked against the
/// data.
pub(super) struct Prepared {
    scenario: Scenario,
    file: String,
    path: Option<PathBuf>,
    args: ScoringArgs,
    session: Session,
}

/// Loads the data a scenario names (or `--data`), applies the scenario and solves it.
pub(super) fn run_scenario(
    read: ReadScenario,
    scoring: &ScoringArgs,
    time_limit: Option<f64>,
    candidates: usize,
) -> Result<Solved, CliError> {
    solve_prepared(prepare(read, scoring, time_limit)?, time_limit, candidates)
}

/// Loads the data a scenario names (or `--data`), forbids the pairs declined in the case
/// store and checks the scenario against the data, without solving it.
pub(super) fn prepare(
    ReadScenario {
        scenario,
        file,
        path,
    }: ReadScenario,
    scoring: &ScoringArgs,
    time_limit: Option<f64>,
) -> Result<Prepared, CliError> {
    let mut args = scoring.clone();
    if let Some(data) = &scenario.data {
        args.data = data.clone();
    }
    let session = Session::open(&args)?;
    check_time_limit(time_limit)?;
    // Pairs a site has declined in the case store are forbidden.
    let mut scenario = scenario;
    let declined = super::cases::declined_pairs(&args)?;
    if !declined.is_empty() {
        let dataset = &session.loaded.dataset;
        let mut added = 0;
        for (child, site) in declined {
            let pair = (
                crate::model::ChildId::new(child.as_str()),
                crate::model::SiteId::new(site.as_str()),
            );
            let known = dataset.child(&pair.0).is_some()
                && dataset.site(&pair.1).is_some()
                && !scenario.remove_sites.contains(&pair.1);
            if known && !scenario.forbids.contains(&pair) {
                scenario.forbids.push(pair);
                added += 1;
            }
        }
        crate::cli::error::note(
            format!(
                "{added} par (barn, sted), som et sted har sagt nej til i sagsregistret, er udelukket"
            ),
            format!("{added} declined (child, site) pairs from the case store are forbidden"),
        );
    }
    app::check_scenario(&session.loaded, &scenario, &file).map_err(session::app_error)?;
    Ok(Prepared {
        scenario,
        file,
        path,
        args,
        session,
    })
}

/// Solves a prepared scenario, with a progress line on a terminal.
pub(super) fn solve_prepared(
    Prepared {
        scenario,
        file,
        path,
        args,
        session,
    }: Prepared,
    time_limit: Option<f64>,
    candidates: usize,
) -> Result<Solved, CliError> {
    // The clock stays at the edge: the optimizer only asks whether to stop.
    let deadline = time_limit
        .map(|seconds| std::time::Instant::now() + std::time::Duration::from_secs_f64(seconds));
    // Progress on stderr for long work, only when a person watches a terminal.
    let progress = progress_line(&format!(
        "placematch assign {}",
        render::scenario_name(&scenario.name, crate::cli::error::lang())
    ));
    let stop = || {
        if let Some(bar) = &progress {
            bar.inc(1);
            show_after_a_second(bar);
        }
        deadline.is_some_and(|deadline| std::time::Instant::now() >= deadline)
    };
    let run = app::run_scenario(
        &session.loaded,
        &scenario,
        &file,
        &session.weights,
        session.as_of,
        SolveOptions {
            candidates,
            time_limit,
            policy: session.policy,
        },
        &stop,
    )
    .map_err(session::app_error);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let run = run?;
    let mut inputs = data_files(&args.data);
    inputs.extend(args.weights.clone());
    inputs.extend(path);
    inputs.extend(scenario.add_sites.clone());
    Ok(Solved {
        run,
        session,
        inputs,
    })
}

fn lang(lang: LangArg) -> Lang {
    lang.into()
}

pub(super) fn run(
    scenario: Option<&Path>,
    out: Option<&Path>,
    format: AssignFormat,
    solve: SolveOptions,
    lang_arg: LangArg,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let time_limit = solve.time_limit;
    let solved = run_scenario(
        read_scenario(scenario, scoring)?,
        scoring,
        time_limit,
        solve.candidates,
    )?;
    let run = &solved.run;
    let as_of = solved.session.as_of;
    let view = app::assign_view(run, as_of, lang(lang_arg));
    let text = match format {
        AssignFormat::Table => render::assign_table(&view, lang(lang_arg)),
        AssignFormat::Json => output::json_text(&view)?,
        AssignFormat::Csv => {
            crate::cli::error::note(
                format!(
                    "scenarie {}: {} af {} børn anbragt, samlet score {}. {}",
                    crate::render::scenario_name(&view.scenario, Lang::Da),
                    view.objective.placed,
                    view.objective.children,
                    crate::render::decimal(view.objective.total_score, 3, lang(lang_arg)),
                    view.optimality.summary
                ),
                format!(
                    "scenario {}: placed {} of {} children, total score {:.3}. {}",
                    crate::render::scenario_name(&view.scenario, Lang::En),
                    view.objective.placed,
                    view.objective.children,
                    view.objective.total_score,
                    view.optimality.summary
                ),
            );
            assignment_csv(run)?
        }
    };
    // The output file is written (beside its target) before the access is recorded, and put
    // in place only after the record: a write that fails records nothing.
    let staged = out
        .map(|path| output::stage_file(path, text.as_bytes()))
        .transpose()?;
    auditor.record(Access {
        command: "assign",
        role: crate::app::Role::Planner,
        options: vec![
            ("scenario", run.name.clone()),
            ("as_of", as_of.to_string()),
            ("format", format!("{format:?}").to_lowercase()),
            (
                "time_limit",
                time_limit.map_or_else(String::new, |t| t.to_string()),
            ),
        ],
        inputs: solved.inputs.clone(),
        weights: Some(&run.weights),
        children: run.child_ids(),
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    match (staged, out) {
        (Some(staged), Some(path)) => {
            staged.commit()?;
            crate::cli::error::note(
                format!(
                    "skrev {} ({} bytes): scenarie {}, {} af {} børn anbragt",
                    path.display(),
                    crate::render::count(text.len(), Lang::Da),
                    crate::render::scenario_name(&view.scenario, Lang::Da),
                    view.objective.placed,
                    view.objective.children
                ),
                format!(
                    "wrote {} ({} bytes): scenario {}, placed {} of {} children",
                    path.display(),
                    crate::render::count(text.len(), Lang::En),
                    crate::render::scenario_name(&view.scenario, Lang::En),
                    view.objective.placed,
                    view.objective.children
                ),
            );
            Ok(())
        }
        _ => output::print_stdout(&text),
    }
}

/// `child_id,site_id,total`, every child in ID order, `site_id` empty when unassigned.
fn assignment_csv(run: &Run) -> Result<String, CliError> {
    output::csv_text(render::assignment_csv_rows(&run.dataset, &run.assignment))
}

pub(super) fn compare(
    a: &Path,
    b: &Path,
    format: ReportFormat,
    time_limit: Option<f64>,
    lang_arg: LangArg,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    // Both sides use the same reference date, read once.
    let mut scoring = scoring.clone();
    scoring.as_of = Some(session::as_of(scoring.as_of.as_deref())?.to_string());
    // Both files are read and checked before either is solved, so a mistake in B is said at
    // once, not after A's solve.
    let read_a = read_scenario(Some(a), &scoring)?;
    let read_b = read_scenario(Some(b), &scoring)?;
    // Both are also checked against their data (unknown IDs, impossible places) first.
    let prepared_a = prepare(read_a, &scoring, time_limit)?;
    let prepared_b = prepare(read_b, &scoring, time_limit)?;
    let solved_a = solve_prepared(prepared_a, time_limit, 32)?;
    let solved_b = solve_prepared(prepared_b, time_limit, 32)?;
    let view = app::compare_view(&solved_a.run, &solved_b.run, lang(lang_arg));
    let text = match format {
        ReportFormat::Table => render::compare_table(&view, lang(lang_arg)),
        ReportFormat::Json => output::json_text(&view)?,
    };
    let mut children = solved_a.run.child_ids();
    children.extend(solved_b.run.child_ids());
    children.sort();
    children.dedup();
    let mut inputs = solved_a.inputs.clone();
    inputs.extend(solved_b.inputs.iter().cloned());
    inputs.sort();
    inputs.dedup();
    auditor.record(Access {
        command: "compare",
        role: crate::app::Role::Planner,
        options: vec![
            ("a", solved_a.run.name.clone()),
            ("b", solved_b.run.name.clone()),
            ("as_of", solved_a.session.as_of.to_string()),
        ],
        inputs,
        weights: None,
        children,
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}
