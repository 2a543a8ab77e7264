//! CSV output as rows of cells (the edge writes them): `score`, `shortlist` and `assign`,
//! every cell that may come from data escaped against formula injection.

use super::json::ShortlistJson;
use crate::explain::ElementId;
use crate::model::Dataset;
use crate::optimize::{Assignment, Placement};
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

/// `placematch shortlist --format csv`: a header, then one row per eligible site in rank
/// order with the element scores, confidence, flags and gaps as codes (`|` between them),
/// then the same flags (with their law) and gaps in words, in the language of the view
/// (` | ` between them, as the texts hold `;`). Column names are stable keys in every language.
pub fn shortlist_csv_rows(view: &ShortlistJson) -> Vec<Vec<String>> {
    let mut header: Vec<String> = ["rank", "site_id", "total"].map(String::from).to_vec();
    header.extend(
        ElementId::ALL
            .iter()
            .map(|element| element.as_str().to_string()),
    );
    header.extend(["confidence", "flags", "gaps", "flag_texts", "gap_texts"].map(String::from));
    let mut rows = vec![header];
    for site in &view.eligible {
        let mut row = vec![
            site.rank.to_string(),
            escape_cell(&site.site_id).into_owned(),
            format!("{:.6}", site.total),
        ];
        row.extend(
            site.elements
                .iter()
                .map(|(_, element)| format!("{:.6}", element.score)),
        );
        row.push(format!("{:.6}", site.confidence));
        row.push(site.flags.join("|"));
        row.push(site.gaps.join("|"));
        let flag_texts: Vec<String> = site
            .flag_details
            .iter()
            .map(|flag| match flag.law {
                Some(law) => format!("{} ({law})", flag.text),
                None => flag.text.clone(),
            })
            .collect();
        let gap_texts: Vec<&str> = site
            .gap_details
            .iter()
            .map(|gap| gap.text.as_str())
            .collect();
        row.push(escape_cell(&flag_texts.join(" | ")).into_owned());
        row.push(escape_cell(&gap_texts.join(" | ")).into_owned());
        rows.push(row);
    }
    rows
}

/// `placematch assign --format csv`: `child_id,site_id,total`, every child in ID order,
/// `site_id` and `total` empty when unassigned.
pub fn assignment_csv_rows(dataset: &Dataset, assignment: &Assignment) -> Vec<Vec<String>> {
    let mut rows = vec![["child_id", "site_id", "total"].map(String::from).to_vec()];
    for (child, placement) in dataset.children().iter().zip(&assignment.placements) {
        let (site, total) = match placement {
            Placement::Placed { site, total, .. } => {
                (dataset.sites()[*site].id.to_string(), format!("{total:.6}"))
            }
            Placement::Unassigned(_) => (String::new(), String::new()),
        };
        rows.push(vec![
            escape_cell(child.id.as_str()).into_owned(),
            escape_cell(&site).into_owned(),
            total,
        ]);
    }
    rows
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
