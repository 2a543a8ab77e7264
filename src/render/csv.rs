//! CSV output: the `score` rows, with cells escaped against formula injection.

use crate::explain::ElementId;
use crate::score::PairScore;

/// A cell safe to open in a spreadsheet: one starting with `=`, `+`, `-`, `@`, tab or CR
/// gets a leading `'` (OWASP, CWE-1236). Quoting is left to the CSV writer.
pub fn escape_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The header of `placematch score`: PRODUCT.md section 7, exactly.
pub fn score_csv_header() -> Vec<&'static str> {
    let mut header = vec!["child_id", "site_id", "total"];
    header.extend(ElementId::ALL.iter().map(|element| element.as_str()));
    header.push("confidence");
    header
}

/// One row of `placematch score`: scores with 6 decimals.
pub fn score_csv_row(child_id: &str, site_id: &str, score: &PairScore) -> Vec<String> {
    let mut row = vec![
        escape_cell(child_id).into_owned(),
        escape_cell(site_id).into_owned(),
        format!("{:.6}", score.total),
    ];
    row.extend(score.elements.values().map(|value| format!("{value:.6}")));
    row.push(format!("{:.6}", score.confidence));
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(escape_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_cell("-1+2"), "'-1+2");
        assert_eq!(escape_cell("@SUM"), "'@SUM");
        assert_eq!(escape_cell("S-1"), "S-1");
        assert_eq!(
            score_csv_header().join(","),
            "child_id,site_id,total,needs,stability,network,siblings,school,wishes,setting,confidence"
        );
    }
}
