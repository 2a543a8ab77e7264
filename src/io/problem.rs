//! Problems found in input files, each with a position a person can act on.
//!
//! Messages name the file, line and column and the rule broken. They never contain the
//! content of a cell: the data is about children, and a message may end up in a log.

use std::fmt;

/// How bad a problem is: errors make the data invalid, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The data cannot be used until this is fixed.
    Error,
    /// The data can be used, but a person should look at this.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A column of an input file: its 1-based position in the header and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// 1-based position in the header row.
    pub number: usize,
    /// Column name as the specification spells it.
    pub name: String,
}

/// One problem in the input, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine-readable kind, e.g. `unknown_code`, `duplicate_id`.
    pub code: &'static str,
    /// The file, as the user named it (e.g. `data/children.csv`).
    pub file: String,
    /// 1-based line where the record starts; `None` for whole-file problems.
    pub line: Option<u64>,
    /// The column, when the problem is in one cell or one header name.
    pub column: Option<Column>,
    /// What rule was broken, without the cell's content; put into words by `render`.
    pub rule: Rule,
}

/// A rule broken by a cell, a row or a file: an English template with numbered places
/// (`must be between {0} and {1}`) and what goes in them. `render::rule_text` puts it into
/// Danish or English; the template is also the key of its Danish wording, so every template
/// written here has one (a test in `render` reads the sources to check). The arguments are
/// numbers, codes, column names and line numbers, never a cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The English wording with `{0}`, `{1}`, … for the arguments.
    pub template: &'static str,
    /// The arguments, in order.
    pub args: Vec<Arg>,
}

/// One argument of a [`Rule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is in every language: a number, a code, a column name, a line.
    Text(String),
    /// A word of the data format (`need`, `site`, `support level`) that `render` translates.
    Noun(&'static str),
    /// A rule inside another (a cell's rule inside a scenario key's), put into words in the
    /// same language.
    Rule(Box<Rule>),
    /// Problems of a file read inside another (the sites a scenario adds), each on a new line.
    Problems(Vec<Problem>),
    /// What the operating system said about a file: its kind (put into words) and its own
    /// message (shown in English output).
    Io(std::io::ErrorKind, String),
}

impl Rule {
    /// A rule without arguments.
    pub fn fixed(template: &'static str) -> Rule {
        Rule {
            template,
            args: Vec::new(),
        }
    }

    /// A rule with arguments.
    pub fn new(template: &'static str, args: impl IntoIterator<Item = Arg>) -> Rule {
        Rule {
            template,
            args: args.into_iter().collect(),
        }
    }
}

/// A value shown as it is.
pub(crate) fn text(value: impl fmt::Display) -> Arg {
    Arg::Text(value.to_string())
}

/// An operating-system error, put into words when rendered.
pub(crate) fn io_arg(error: &std::io::Error) -> Arg {
    Arg::Io(error.kind(), error.to_string())
}

/// A word of the data format, translated when rendered.
pub(crate) fn noun(word: &'static str) -> Arg {
    Arg::Noun(word)
}

impl fmt::Display for Rule {
    /// The English wording (logs, errors that have no language yet).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::render::rule_text(self, crate::render::Lang::En))
    }
}

impl fmt::Display for Problem {
    /// `error[unknown_code]: data/children.csv:14:8 (column "needs"): unknown need code ...`,
    /// in English (see `render::problem_line` for Danish).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::render::problem_line(self, crate::render::Lang::En))
    }
}

/// Most problems kept in a report; the rest are counted, not stored.
pub const MAX_PROBLEMS_KEPT: usize = 1000;

/// What validation found: the problems (capped) and a summary of each file read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    problems: Vec<Problem>,
    errors: usize,
    warnings: usize,
    files: Vec<FileSummary>,
}

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// The file, as the user named it.
    pub file: String,
    /// Data rows read (header excluded).
    pub rows: usize,
    /// Detected field delimiter: `,`, `;` or tab.
    pub delimiter: char,
}

impl Report {
    /// Records a problem; past [`MAX_PROBLEMS_KEPT`] it is only counted.
    pub(crate) fn push(&mut self, problem: Problem) {
        match problem.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        if self.problems.len() < MAX_PROBLEMS_KEPT {
            self.problems.push(problem);
        }
    }

    pub(crate) fn add_file(&mut self, summary: FileSummary) {
        self.files.push(summary);
    }

    /// The stored problems in the order found (file by file, line by line).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Number of errors found, stored or not.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Number of warnings found, stored or not.
    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    /// Problems found but not stored because of the cap.
    pub fn omitted(&self) -> usize {
        self.errors + self.warnings - self.problems.len()
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Summaries of the files read.
    pub fn files(&self) -> &[FileSummary] {
        &self.files
    }
}

impl fmt::Display for Report {
    /// A one-line summary: counts and the first problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}, {}",
            noun(self.errors, "error", "errors"),
            noun(self.warnings, "warning", "warnings")
        )?;
        if let Some(first) = self.problems.first() {
            write!(f, "; first: {first}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: Option<u64>, column: Option<Column>) -> Problem {
        Problem {
            severity: Severity::Error,
            code: "out_of_range",
            file: "data/children.csv".into(),
            line,
            column,
            rule: Rule::new("must be between {0} and {1}", [text(0), text(22)]),
        }
    }

    #[test]
    fn display_names_file_line_and_column() {
        let column = Column {
            number: 2,
            name: "age".into(),
        };
        assert_eq!(
            problem(Some(7), Some(column.clone())).to_string(),
            r#"error[out_of_range]: data/children.csv:7:2 (column "age"): must be between 0 and 22"#
        );
        assert_eq!(
            problem(None, Some(column)).to_string(),
            r#"error[out_of_range]: data/children.csv (column 2 "age"): must be between 0 and 22"#
        );
    }

    #[test]
    fn report_caps_what_it_stores_but_counts_everything() {
        let mut report = Report::default();
        for _ in 0..MAX_PROBLEMS_KEPT + 5 {
            report.push(problem(Some(1), None));
        }
        assert_eq!(report.problems().len(), MAX_PROBLEMS_KEPT);
        assert_eq!(report.error_count(), MAX_PROBLEMS_KEPT + 5);
        assert_eq!(report.omitted(), 5);
    }
}
