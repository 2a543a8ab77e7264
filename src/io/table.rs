//! Reading one CSV file into rows of text cells, checking its shape.
//!
//! Handles what spreadsheets produce: a UTF-8 byte order mark, `;` or tab instead of `,`
//! (detected on the header line), CRLF, quoted fields with newlines, empty lines. Refuses
//! UTF-16 and non-UTF-8 text with a position. Column names are checked against the file's
//! specification: missing, unknown and duplicate names are each reported.

use super::problem::{Column, FileSummary, Problem, Report, Rule, Severity, noun, text as arg};

/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
/// Longest cell accepted, in bytes.
pub const MAX_CELL_BYTES: usize = 64 * 1024;
/// Longest header row accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Longest line accepted, in bytes: bounds what one record can take while it is read.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Most columns a file may have (the widest file, `sites.csv`, has about 30).
pub const MAX_COLUMNS: usize = 200;
/// Most data rows a file may have: many times the children placed in Denmark in a year, and
/// a bound on the memory a file can take.
pub const MAX_ROWS: usize = 200_000;

/// A column a file may have.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnSpec {
    /// Name in the header row.
    pub(crate) name: &'static str,
    /// Whether the column must be present. Optional columns may be left out of the header,
    /// with a warning; their cells then count as empty.
    pub(crate) required: bool,
    /// Whether leaving an optional column out is normal (a column added later, that most
    /// files do not need): then its absence is not reported.
    pub(crate) quiet: bool,
}

/// Shorthand for a column that must be in the header.
pub(crate) const fn required(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: true,
        quiet: false,
    }
}

/// Shorthand for a column that may be left out of the header.
pub(crate) const fn optional(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: false,
        quiet: false,
    }
}

/// Shorthand for an optional column whose absence is normal and not reported.
pub(crate) const fn rarely_used(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: false,
        quiet: true,
    }
}

/// A file's rows, with each specified column mapped to its position in the records.
pub(crate) struct Table {
    pub(crate) file: String,
    spec: &'static [ColumnSpec],
    /// For each spec column, its 0-based position in the records, if present.
    positions: Vec<Option<usize>>,
    pub(crate) rows: Vec<Row>,
}

/// One data record and the line it starts on.
///
/// Only the specified columns are kept, one after another in one string: a row costs its
/// text and four bytes per column, whatever the file holds besides.
pub(crate) struct Row {
    pub(crate) line: u64,
    text: String,
    /// For each spec column, where its cell ends in `text` (it starts where the one before
    /// ends); an absent column has an empty cell.
    ends: Box<[u32]>,
}

impl Row {
    fn cell(&self, spec_idx: usize) -> &str {
        let end = self.ends[spec_idx] as usize;
        let start = match spec_idx {
            0 => 0,
            _ => self.ends[spec_idx - 1] as usize,
        };
        &self.text[start..end]
    }
}

impl Table {
    fn spec_index(&self, name: &str) -> Option<usize> {
        let spec_idx = self.spec.iter().position(|column| column.name == name);
        debug_assert!(spec_idx.is_some(), "column {name} is not in the spec");
        spec_idx
    }

    /// The spec column's position in records, if the header has it.
    fn position(&self, name: &str) -> Option<usize> {
        self.spec_index(name).and_then(|idx| self.positions[idx])
    }

    /// The cell of a row in a named column; `None` when the column is absent or the cell is
    /// empty (after trimming spaces).
    pub(crate) fn cell<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let text = row.cell(self.spec_index(name)?).trim();
        (!text.is_empty()).then_some(text)
    }

    /// Whether the header has this column.
    pub(crate) fn has_column(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The column's 1-based number and name, for messages.
    pub(crate) fn column(&self, name: &str) -> Column {
        Column {
            number: self.position(name).map_or(0, |position| position + 1),
            name: name.to_string(),
        }
    }
}

fn file_problem(file: &str, code: &'static str, rule: Rule) -> Problem {
    Problem {
        severity: Severity::Error,
        code,
        file: file.to_string(),
        line: None,
        column: None,
        rule,
    }
}

/// Detects the delimiter from the header line: the most frequent of `,`, `;` and tab outside
/// quotes; `,` when none occurs (a one-column file).
fn detect_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for &byte in text {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            b',' if !in_quotes => counts[0] += 1,
            b';' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let mut best = 0;
    for idx in 1..3 {
        if counts[idx] > counts[best] {
            best = idx;
        }
    }
    candidates[best]
}

/// Reads a CSV file's bytes into a [`Table`], reporting every shape problem.
///
/// Returns `None` when the file cannot be read as a table at all (empty, wrong encoding,
/// unreadable header); the reason is in the report.
pub(crate) fn read_table(
    file: &str,
    bytes: &[u8],
    spec: &'static [ColumnSpec],
    report: &mut Report,
) -> Option<Table> {
    if bytes.len() > MAX_FILE_BYTES {
        report.push(file_problem(
            file,
            "too_large",
            Rule::new(
                "file is larger than {0} MiB",
                [arg(MAX_FILE_BYTES / (1024 * 1024))],
            ),
        ));
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        report.push(file_problem(
            file,
            "not_utf8",
            Rule::fixed("file is UTF-16; save it as \"CSV UTF-8\""),
        ));
        return None;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        report.push(file_problem(
            file,
            "empty_file",
            Rule::fixed("file is empty; expected a header row and at least one data row"),
        ));
        return None;
    }

    let first_line = text
        .iter()
        .position(|&byte| byte == b'\n')
        .unwrap_or(text.len());
    if first_line > MAX_HEADER_BYTES {
        report.push(Problem {
            line: Some(1),
            ..file_problem(
                file,
                "too_large",
                Rule::new(
                    "header row is longer than {0} KiB; the row is not shown",
                    [arg(MAX_HEADER_BYTES / 1024)],
                ),
            )
        });
        return None;
    }
    if let Some(line) = first_long_line(text) {
        report.push(Problem {
            line: Some(line),
            ..file_problem(
                file,
                "too_large",
                Rule::new(
                    "line is longer than {0} MiB; the line is not shown",
                    [arg(MAX_LINE_BYTES / (1024 * 1024))],
                ),
            )
        });
        return None;
    }

    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);

    let lines = LineIndex::new(text);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(error)) => {
            report.push(file_problem(
                file,
                "bad_csv",
                Rule::new(
                    "header row cannot be read as CSV ({0})",
                    [noun(csv_error_kind(&error))],
                ),
            ));
            return None;
        }
        None => {
            report.push(file_problem(
                file,
                "empty_file",
                Rule::fixed("file has no header row"),
            ));
            return None;
        }
    };
    if header.len() > MAX_COLUMNS {
        report.push(Problem {
            line: Some(1),
            ..file_problem(
                file,
                "too_large",
                Rule::new(
                    "header row has {0} columns, more than the {1} accepted; the row is not shown",
                    [arg(header.len()), arg(MAX_COLUMNS)],
                ),
            )
        });
        return None;
    }
    let names: Vec<String> = match header
        .iter()
        .map(|name| std::str::from_utf8(name).map(|name| name.trim().to_string()))
        .collect()
    {
        Ok(names) => names,
        Err(_) => {
            report.push(Problem {
                line: Some(1),
                ..file_problem(
                    file,
                    "not_utf8",
                    Rule::fixed("header row is not UTF-8; save the file as \"CSV UTF-8\""),
                )
            });
            return None;
        }
    };

    let positions = check_header(file, &names, spec, report);
    // For each record position, the spec column it holds, if any.
    let mut spec_at = vec![None; names.len()];
    for (spec_idx, position) in positions.iter().enumerate() {
        if let Some(position) = position {
            spec_at[*position] = Some(spec_idx);
        }
    }
    let mut table = Table {
        file: file.to_string(),
        spec,
        positions,
        rows: Vec::new(),
    };

    for record in records {
        if table.rows.len() == MAX_ROWS {
            report.push(file_problem(
                file,
                "too_large",
                Rule::new("file has more than {0} data rows", [arg(MAX_ROWS)]),
            ));
            return None;
        }
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map(|position| lines.line_at(position.byte()));
                report.push(Problem {
                    line,
                    ..file_problem(
                        file,
                        "bad_csv",
                        Rule::new(
                            "record cannot be read as CSV ({0})",
                            [noun(csv_error_kind(&error))],
                        ),
                    )
                });
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |position| lines.line_at(position.byte()));
        if record.len() != names.len() {
            report.push(Problem {
                line: Some(line),
                ..file_problem(
                    file,
                    "ragged_row",
                    Rule::new(
                        "row has {0} fields but the header has {1}",
                        [arg(record.len()), arg(names.len())],
                    ),
                )
            });
            continue;
        }
        let mut cells: Vec<&str> = vec![""; spec.len()];
        let mut row_ok = true;
        for (idx, cell) in record.iter().enumerate() {
            let column = Column {
                number: idx + 1,
                name: names[idx].clone(),
            };
            if cell.len() > MAX_CELL_BYTES {
                report.push(Problem {
                    line: Some(line),
                    column: Some(column),
                    ..file_problem(
                        file,
                        "too_large",
                        Rule::new("cell is longer than {0} KiB", [arg(MAX_CELL_BYTES / 1024)]),
                    )
                });
                row_ok = false;
                continue;
            }
            match std::str::from_utf8(cell) {
                Ok(cell) => {
                    if let Some(spec_idx) = spec_at[idx] {
                        cells[spec_idx] = cell;
                    }
                }
                Err(_) => {
                    report.push(Problem {
                        line: Some(line),
                        column: Some(column),
                        ..file_problem(
                            file,
                            "not_utf8",
                            Rule::fixed(
                                "cell is not UTF-8 (Windows-1252?); save the file as \"CSV UTF-8\"",
                            ),
                        )
                    });
                    row_ok = false;
                }
            }
        }
        if row_ok {
            let mut text = String::with_capacity(cells.iter().map(|cell| cell.len()).sum());
            let ends = cells
                .iter()
                .map(|cell| {
                    text.push_str(cell);
                    // At most MAX_COLUMNS cells of at most MAX_CELL_BYTES: fits in a u32.
                    text.len() as u32
                })
                .collect();
            table.rows.push(Row { line, text, ends });
        }
    }

    report.add_file(FileSummary {
        file: file.to_string(),
        rows: table.rows.len(),
        delimiter: char::from(delimiter),
    });
    if table.rows.is_empty() {
        report.push(file_problem(
            file,
            "no_rows",
            Rule::fixed("file has a header but no data rows"),
        ));
        return None;
    }
    Some(table)
}

/// The 1-based number of the first line longer than [`MAX_LINE_BYTES`], if any.
fn first_long_line(text: &[u8]) -> Option<u64> {
    let mut number = 0;
    text.split(|&byte| byte == b'\n').find_map(|line| {
        number += 1;
        (line.len() > MAX_LINE_BYTES).then_some(number)
    })
}

/// Maps byte offsets to 1-based line numbers.
///
/// The csv crate's own line count skips empty lines and miscounts CRLF; its byte offsets are
/// exact but point at the line breaks before a record, which `line_at` steps over.
struct LineIndex<'a> {
    text: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a [u8]) -> Self {
        let newlines = text
            .iter()
            .enumerate()
            .filter(|&(_, &byte)| byte == b'\n')
            .map(|(idx, _)| idx)
            .collect();
        LineIndex { text, newlines }
    }

    fn line_at(&self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        self.newlines.partition_point(|&newline| newline < start) as u64 + 1
    }
}

/// A short description of a csv error that never includes field content.
fn csv_error_kind(error: &csv::Error) -> &'static str {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8",
        csv::ErrorKind::UnequalLengths { .. } => "unequal row lengths",
        csv::ErrorKind::Io(_) => "read error",
        _ => "malformed CSV",
    }
}

/// Checks header names against the spec; returns each spec column's position.
fn check_header(
    file: &str,
    names: &[String],
    spec: &[ColumnSpec],
    report: &mut Report,
) -> Vec<Option<usize>> {
    let mut positions = vec![None; spec.len()];
    let known: Vec<&str> = spec.iter().map(|column| column.name).collect();
    // A file exported without its header row has a child's record where the names should be:
    // none of it is shown, and the problem is said as such.
    if !names.iter().any(|name| known.contains(&name.as_str())) {
        report.push(Problem {
            line: Some(1),
            ..file_problem(
                file,
                "header_missing",
                Rule::new(
                    "the first row has none of the expected column names, so it may be a data row (was the file saved without its header row?); the row is not shown; expected columns: {0}",
                    [arg(known.join(", "))],
                ),
            )
        });
        return positions;
    }
    for (position, name) in names.iter().enumerate() {
        let column = Column {
            number: position + 1,
            name: name.clone(),
        };
        match spec.iter().position(|column| column.name == name.as_str()) {
            Some(spec_idx) => match positions[spec_idx] {
                None => positions[spec_idx] = Some(position),
                Some(first) => report.push(Problem {
                    line: Some(1),
                    column: Some(column),
                    ..file_problem(
                        file,
                        "duplicate_column",
                        Rule::new(
                            "column name appears twice (first as column {0})",
                            [arg(first + 1)],
                        ),
                    )
                }),
            },
            None => {
                // The name is shown only when it is a near miss of a known column (a typo),
                // short, and not shaped like a CPR number; otherwise it may be data.
                let closest = super::cell::closest(name, &known);
                let shown = closest.is_some()
                    && name.chars().count() <= 40
                    && !super::cell::contains_cpr_like(name);
                let rule = match closest {
                    Some(closest) => {
                        Rule::new("unknown column; did you mean \"{0}\"?", [arg(closest)])
                    }
                    None => Rule::fixed("unknown column (name not shown)"),
                };
                report.push(Problem {
                    line: Some(1),
                    column: Some(Column {
                        number: column.number,
                        name: if shown { column.name } else { String::new() },
                    }),
                    ..file_problem(file, "unknown_column", rule)
                });
            }
        }
    }
    for (spec_idx, column) in spec.iter().enumerate() {
        if positions[spec_idx].is_some() || column.quiet {
            continue;
        }
        let severity = if column.required {
            Severity::Error
        } else {
            Severity::Warning
        };
        let rule = if column.required {
            Rule::new("missing column \"{0}\"", [arg(column.name)])
        } else {
            Rule::new(
                "missing column \"{0}\"; all its values count as missing",
                [arg(column.name)],
            )
        };
        report.push(Problem {
            severity,
            line: Some(1),
            ..file_problem(file, "missing_column", rule)
        });
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[ColumnSpec] = &[required("id"), required("age"), optional("sex")];

    fn check(text: &str) -> (Option<Table>, Vec<String>) {
        let mut report = Report::default();
        let table = read_table("t.csv", text.as_bytes(), SPEC, &mut report);
        let problems = report.problems().iter().map(ToString::to_string).collect();
        (table, problems)
    }

    #[test]
    fn delimiter_is_detected_on_the_header_line() {
        assert_eq!(detect_delimiter(b"id;age;sex\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"id,age,sex\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter(b"id\tage\n"), b'\t');
        assert_eq!(detect_delimiter(b"id\n"), b',');
    }

    #[test]
    fn bom_semicolons_and_crlf_are_read() {
        let (table, problems) = check("\u{feff}id;age;sex\r\nC-1;4;f\r\n\r\nC-2; 5 ;\r\n");
        assert_eq!(problems, Vec::<String>::new());
        let table = table.expect("valid table");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.cell(&table.rows[1], "age"), Some("5"));
        assert_eq!(table.cell(&table.rows[1], "sex"), None);
        assert_eq!(table.rows[1].line, 4);
    }

    #[test]
    fn header_problems_are_all_reported() {
        let (_, problems) = check("id,id,agee\nC-1,C-1,3\n");
        assert_eq!(
            problems,
            [
                r#"error[duplicate_column]: t.csv:1:2 (column "id"): column name appears twice (first as column 1)"#,
                r#"error[unknown_column]: t.csv:1:3 (column "agee"): unknown column; did you mean "age"?"#,
                r#"error[missing_column]: t.csv:1: missing column "age""#,
                r#"warning[missing_column]: t.csv:1: missing column "sex"; all its values count as missing"#,
            ]
        );
    }

    /// Issue 13, item 7: header cells are data until proven otherwise. A file without its
    /// header row is said to be so, with nothing of its first record; an unknown column is
    /// named only when it is a near miss of a known one and not shaped like a CPR number.
    #[test]
    fn header_cells_that_may_be_data_are_never_echoed() {
        let (_, problems) = check("C-7,trauma:2,f\nC-8,4,m\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("error[header_missing]: t.csv:1: the first row has none of the expected column names"), "{problems:?}");
        assert!(problems[0].contains("expected columns: id, age, sex"));
        assert!(!problems[0].contains("C-7") && !problems[0].contains("trauma"));

        let (_, problems) = check("id,age,sex,Lise Hansen,010203-1234,agee\nC-1,3,f,a,b,c\n");
        assert_eq!(
            problems,
            [
                "error[unknown_column]: t.csv:1:4: unknown column (name not shown)",
                "error[unknown_column]: t.csv:1:5: unknown column (name not shown)",
                r#"error[unknown_column]: t.csv:1:6 (column "agee"): unknown column; did you mean "age"?"#,
            ]
        );
    }

    #[test]
    fn empty_header_only_ragged_and_utf16_files_are_refused() {
        assert_eq!(
            check("").1,
            [
                "error[empty_file]: t.csv: file is empty; expected a header row and at least one data row"
            ]
        );
        assert_eq!(
            check("id,age,sex\n").1,
            ["error[no_rows]: t.csv: file has a header but no data rows"]
        );
        assert_eq!(
            check("id,age,sex\nC-1,3\nC-2,4,f,\n").1[..2],
            [
                "error[ragged_row]: t.csv:2: row has 2 fields but the header has 3",
                "error[ragged_row]: t.csv:3: row has 4 fields but the header has 3",
            ]
        );
        let mut report = Report::default();
        assert!(read_table("t.csv", b"\xFF\xFEi\0d\0", SPEC, &mut report).is_none());
        assert_eq!(report.problems()[0].code, "not_utf8");
    }

    #[test]
    fn windows_1252_cells_are_located() {
        let mut report = Report::default();
        let table = read_table(
            "t.csv",
            b"id,age,sex\nC-\xe6,3,f\nC-2,3,f\n",
            SPEC,
            &mut report,
        );
        assert_eq!(table.map(|table| table.rows.len()), Some(1));
        assert_eq!(
            report.problems()[0].to_string(),
            "error[not_utf8]: t.csv:2:1 (column \"id\"): cell is not UTF-8 (Windows-1252?); save the file as \"CSV UTF-8\""
        );
    }

    #[test]
    fn quoted_newlines_keep_the_starting_line() {
        let (table, problems) = check("id,age,sex\n\"C\n1\",3,f\nC-2,4,m\n");
        assert!(problems.is_empty(), "{problems:?}");
        let table = table.expect("valid");
        assert_eq!(table.rows[1].line, 4);
    }
}
