//! `placematch validate`: the problems found in the data files, as a terminal table or JSON.

use serde::Serialize;

use crate::io::{Problem, Report, Severity};

/// The report for a terminal: each file's rows and delimiter, at most `max_problems` problems
/// (coloured when `color`), and the verdict for the folder `data`.
pub fn validation_table(report: &Report, data: &str, max_problems: usize, color: bool) -> String {
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
        data,
        super::plural(report.error_count(), "error", "errors"),
        super::plural(report.warning_count(), "warning", "warnings")
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

/// The report as JSON text.
pub fn validation_json(report: &Report) -> String {
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
