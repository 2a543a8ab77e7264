//! `placematch validate`: every problem in the data files, with file, line and column.

use std::path::Path;

use serde::Serialize;

use crate::cli::args::ReportFormat;
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::io::{self, LoadError, Problem, Report, Severity};
use crate::render;

pub(super) fn run(data: &Path, format: ReportFormat, max_problems: usize) -> Result<(), CliError> {
    let report = match io::load_dir(data) {
        Ok(loaded) => loaded.report,
        Err(LoadError::Invalid(report)) => report,
        Err(error @ LoadError::Unreadable(_)) => {
            return Err(CliError::new(ExitCode::NoInput, error.to_string()));
        }
    };
    let text = match format {
        ReportFormat::Table => render_table(&report, data, max_problems, output::use_color()),
        ReportFormat::Json => render_json(&report),
    };
    output::print_stdout(&text)?;
    if report.has_errors() {
        return Err(CliError::new(
            ExitCode::InvalidData,
            format!(
                "{} is invalid: {}",
                data.display(),
                render::plural(report.error_count(), "error", "errors")
            ),
        ));
    }
    Ok(())
}

fn render_table(report: &Report, data: &Path, max_problems: usize, color: bool) -> String {
    let mut text = String::new();
    for file in report.files() {
        let delimiter = match file.delimiter {
            '\t' => "tab".to_string(),
            other => format!("'{other}'"),
        };
        text += &format!("{}: {} rows, delimiter {delimiter}\n", file.file, file.rows);
    }
    for problem in report.problems().iter().take(max_problems) {
        let line = problem.to_string();
        let line = match (color, problem.severity) {
            (true, Severity::Error) => format!("\x1b[31m{line}\x1b[0m"),
            (true, Severity::Warning) => format!("\x1b[33m{line}\x1b[0m"),
            (false, _) => line,
        };
        text += &line;
        text.push('\n');
    }
    let shown = report.problems().len().min(max_problems);
    let total = report.error_count() + report.warning_count();
    if total > shown {
        text += &format!("... and {} more problems not shown\n", total - shown);
    }
    let verdict = if report.has_errors() {
        "invalid"
    } else {
        "valid"
    };
    text += &format!(
        "{}: {verdict} ({}, {})\n",
        data.display(),
        render::plural(report.error_count(), "error", "errors"),
        render::plural(report.warning_count(), "warning", "warnings")
    );
    text
}

#[derive(Serialize)]
struct JsonReport<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    omitted: usize,
    files: Vec<JsonFile<'a>>,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    rows: usize,
    delimiter: String,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    severity: &'static str,
    code: &'static str,
    file: &'a str,
    line: Option<u64>,
    column: Option<usize>,
    column_name: Option<&'a str>,
    message: &'a str,
}

impl<'a> From<&'a Problem> for JsonProblem<'a> {
    fn from(problem: &'a Problem) -> Self {
        JsonProblem {
            severity: problem.severity.as_str(),
            code: problem.code,
            file: &problem.file,
            line: problem.line,
            column: problem.column.as_ref().map(|column| column.number),
            column_name: problem.column.as_ref().map(|column| column.name.as_str()),
            message: &problem.message,
        }
    }
}

fn render_json(report: &Report) -> String {
    let json = JsonReport {
        valid: !report.has_errors(),
        errors: report.error_count(),
        warnings: report.warning_count(),
        omitted: report.omitted(),
        files: report
            .files()
            .iter()
            .map(|file| JsonFile {
                file: &file.file,
                rows: file.rows,
                delimiter: file.delimiter.to_string(),
            })
            .collect(),
        problems: report.problems().iter().map(JsonProblem::from).collect(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("plain data serializes");
    text.push('\n');
    text
}
