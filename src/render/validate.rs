//! `placematch validate`: the problems found in the data files, as a terminal table or JSON,
//! in Danish or English.

use serde::Serialize;

use super::{Lang, rule_text};
use crate::io::{Problem, Report, Severity};

/// One problem as a line: `fejl[unknown_code]: data/children.csv:14:8 (kolonne "needs"): …`.
/// The file, line and column come first, so an editor can jump to them; the code stays the
/// stable English key.
pub fn problem_line(problem: &Problem, lang: Lang) -> String {
    let severity = match (problem.severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Da) => "fejl",
        (Severity::Warning, Lang::Da) => "advarsel",
    };
    let column_word = match lang {
        Lang::En => "column",
        Lang::Da => "kolonne",
    };
    let mut line = format!("{severity}[{}]: {}", problem.code, problem.file);
    if let Some(number) = problem.line {
        line += &format!(":{number}");
    }
    match &problem.column {
        // A name withheld (it may hold data): the position alone.
        Some(column) if problem.line.is_some() && column.name.is_empty() => {
            line += &format!(":{}", column.number)
        }
        Some(column) if column.name.is_empty() => {
            line += &format!(" ({column_word} {})", column.number)
        }
        Some(column) if problem.line.is_some() => {
            line += &format!(":{} ({column_word} \"{}\")", column.number, column.name)
        }
        Some(column) => line += &format!(" ({column_word} {} \"{}\")", column.number, column.name),
        None => {}
    }
    line + ": " + &rule_text(&problem.rule, lang)
}

/// The report for a terminal: each file's rows and delimiter, at most `max_problems` problems
/// (coloured when `color`), and the verdict for the folder `data`.
pub fn validation_table(
    report: &Report,
    data: &str,
    max_problems: usize,
    color: bool,
    lang: Lang,
) -> String {
    let mut text = String::new();
    for file in report.files() {
        let delimiter = match (file.delimiter, lang) {
            ('\t', Lang::En) => "tab".to_string(),
            ('\t', Lang::Da) => "tabulator".to_string(),
            (other, _) => format!("'{other}'"),
        };
        text += &match lang {
            Lang::En => format!("{}: {} rows, delimiter {delimiter}\n", file.file, file.rows),
            Lang::Da => format!(
                "{}: {} rækker, skilletegn {delimiter}\n",
                file.file,
                super::count(file.rows, lang)
            ),
        };
    }
    for problem in report.problems().iter().take(max_problems) {
        let line = problem_line(problem, lang);
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
        text += &match lang {
            Lang::En => format!("... and {} more problems not shown\n", total - shown),
            Lang::Da => format!(
                "… og {} {} mere, som ikke vises\n",
                super::count(total - shown, lang),
                if total - shown == 1 {
                    "problem"
                } else {
                    "problemer"
                }
            ),
        };
    }
    let errors = report.error_count();
    let warnings = report.warning_count();
    text += &match lang {
        Lang::En => format!(
            "{}: {} ({}, {})\n",
            data,
            if report.has_errors() {
                "invalid"
            } else {
                "valid"
            },
            super::plural(errors, "error", "errors"),
            super::plural(warnings, "warning", "warnings")
        ),
        Lang::Da => format!(
            "{}: {} ({} {}, {} {})\n",
            data,
            if report.has_errors() {
                "ugyldige data"
            } else {
                "gyldige data"
            },
            super::count(errors, lang),
            "fejl",
            super::count(warnings, lang),
            if warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            }
        ),
    };
    text
}

#[derive(Serialize)]
struct JsonReport<'a> {
    lang: &'static str,
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
    message: String,
}

impl<'a> JsonProblem<'a> {
    fn new(problem: &'a Problem, lang: Lang) -> Self {
        JsonProblem {
            severity: problem.severity.as_str(),
            code: problem.code,
            file: &problem.file,
            line: problem.line,
            column: problem.column.as_ref().map(|column| column.number),
            column_name: problem.column.as_ref().map(|column| column.name.as_str()),
            message: rule_text(&problem.rule, lang),
        }
    }
}

/// The report as JSON text.
pub fn validation_json(report: &Report, lang: Lang) -> String {
    let json = JsonReport {
        lang: lang.as_str(),
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
        problems: report
            .problems()
            .iter()
            .map(|problem| JsonProblem::new(problem, lang))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("plain data serializes");
    text.push('\n');
    text
}
