//! Reading the cells of one row, recording a positioned problem for each bad cell.

use super::cell::CellError;
use super::problem::{Problem, Report, Severity};
use super::table::{Row, Table};

/// A value read from a file, with the line its record starts on.
#[derive(Debug, Clone)]
pub(crate) struct Located<T> {
    pub(crate) line: u64,
    pub(crate) value: T,
}

/// Reads the cells of one row; every bad cell is reported and marks the row as failed, so
/// that one pass finds every problem in the row.
pub(crate) struct RowReader<'a> {
    table: &'a Table,
    row: &'a Row,
    report: &'a mut Report,
    ok: bool,
}

impl<'a> RowReader<'a> {
    pub(crate) fn new(table: &'a Table, row: &'a Row, report: &'a mut Report) -> Self {
        RowReader {
            table,
            row,
            report,
            ok: true,
        }
    }

    pub(crate) fn line(&self) -> u64 {
        self.row.line
    }

    /// Records a problem in a cell of this row.
    pub(crate) fn problem(&mut self, severity: Severity, column: &str, error: CellError) {
        if severity == Severity::Error {
            self.ok = false;
        }
        self.report.push(Problem {
            severity,
            code: error.code,
            file: self.table.file.clone(),
            line: Some(self.row.line),
            column: Some(self.table.column(column)),
            rule: error.rule,
        });
    }

    /// A cell that must have a value.
    pub(crate) fn required<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, CellError>,
    ) -> Option<T> {
        match self.table.cell(self.row, column) {
            Some(text) => self.parse(column, text, parse),
            None if self.table.has_column(column) => {
                let error = super::cell::error(
                    "missing_value",
                    super::problem::Rule::fixed("a value is required"),
                );
                self.problem(Severity::Error, column, error);
                None
            }
            // The missing column was reported once, at the header.
            None => {
                self.ok = false;
                None
            }
        }
    }

    /// A cell that may be empty; `None` when empty (or when bad, which fails the row).
    pub(crate) fn optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, CellError>,
    ) -> Option<T> {
        let text = self.table.cell(self.row, column)?;
        self.parse(column, text, parse)
    }

    fn parse<T>(
        &mut self,
        column: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, CellError>,
    ) -> Option<T> {
        match parse(text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.problem(Severity::Error, column, error);
                None
            }
        }
    }

    /// Whether every cell read so far was good.
    pub(crate) fn is_ok(&self) -> bool {
        self.ok
    }
}
