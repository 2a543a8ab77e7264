//! The fairness report as JSON, a terminal table and CSV. Suppressed cells show no figures
//! and no exact count.

use std::fmt::Write;

use serde::Serialize;

use super::round6;
use crate::fairness::{Fairness, Figures, MIN_CELL};

/// One cell.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FairnessCellJson {
    /// `all`, `region`, `age_band` or `sex`.
    pub dimension: &'static str,
    /// The group.
    pub group: String,
    /// Whether the cell's figures are withheld: it has fewer than 5 children, or it is
    /// withheld so that such a cell cannot be worked out from the others (`complementary`).
    pub suppressed: bool,
    /// Withheld to protect another cell, though it has 5 children or more.
    pub complementary: bool,
    /// Children in the cell (absent when suppressed).
    pub children: Option<usize>,
    /// Children placed.
    pub placed: Option<usize>,
    /// Sibling groups split.
    pub sibling_groups_split: Option<usize>,
    /// Median minutes from home to site.
    pub median_travel_minutes_home: Option<f64>,
    /// Median minutes from school to site.
    pub median_travel_minutes_school: Option<f64>,
    /// School changes.
    pub school_changes: Option<usize>,
    /// Share in family care.
    pub family_care_share: Option<f64>,
    /// Share in institutions and other sites.
    pub institutional_share: Option<f64>,
    /// Decisions that overrode the top-ranked site (absent for a scenario).
    pub overrode_top: Option<usize>,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FairnessJson {
    /// `decisions` or `scenario:<name>`.
    pub source: String,
    /// Reference date.
    pub as_of: String,
    /// Smallest cell shown.
    pub min_cell: usize,
    /// Children in the report.
    pub children: usize,
    /// Every cell, dimension by dimension.
    pub cells: Vec<FairnessCellJson>,
}

/// Builds the view.
pub fn fairness_json(source: &str, as_of: &str, report: &Fairness) -> FairnessJson {
    let cells = report
        .dimensions
        .iter()
        .flat_map(|dimension| {
            dimension.cells.iter().map(|cell| {
                let figures: Option<&Figures> = cell.figures.as_ref();
                FairnessCellJson {
                    dimension: dimension.name,
                    group: cell.group.clone(),
                    suppressed: cell.suppressed(),
                    complementary: cell.complementary,
                    children: cell.children,
                    placed: figures.map(|f| f.placed),
                    sibling_groups_split: figures.map(|f| f.sibling_groups_split),
                    median_travel_minutes_home: figures
                        .and_then(|f| f.median_minutes_home)
                        .map(round6),
                    median_travel_minutes_school: figures
                        .and_then(|f| f.median_minutes_school)
                        .map(round6),
                    school_changes: figures.map(|f| f.school_changes),
                    family_care_share: figures.and_then(|f| f.family_share).map(round6),
                    institutional_share: figures.and_then(|f| f.institutional_share).map(round6),
                    overrode_top: figures.and_then(|f| f.overrode_top),
                }
            })
        })
        .collect();
    FairnessJson {
        source: source.to_string(),
        as_of: as_of.to_string(),
        min_cell: MIN_CELL,
        children: report.children,
        cells,
    }
}

const COLUMNS: [&str; 12] = [
    "dimension",
    "group",
    "children",
    "placed",
    "sibling_groups_split",
    "median_travel_minutes_home",
    "median_travel_minutes_school",
    "school_changes",
    "family_care_share",
    "institutional_share",
    "overrode_top",
    "suppressed",
];

fn values(cell: &FairnessCellJson) -> [String; 12] {
    let count = |value: Option<usize>| value.map_or_else(String::new, |v| v.to_string());
    let number = |value: Option<f64>| value.map_or_else(String::new, |v| format!("{v:.3}"));
    [
        cell.dimension.to_string(),
        cell.group.clone(),
        if cell.complementary {
            // Withheld to protect a small cell; it is not itself small.
            "*".to_string()
        } else if cell.suppressed {
            format!("<{MIN_CELL}")
        } else {
            count(cell.children)
        },
        count(cell.placed),
        count(cell.sibling_groups_split),
        number(cell.median_travel_minutes_home),
        number(cell.median_travel_minutes_school),
        count(cell.school_changes),
        number(cell.family_care_share),
        number(cell.institutional_share),
        count(cell.overrode_top),
        cell.suppressed.to_string(),
    ]
}

/// The report as CSV rows (header first), cells escaped against formula injection.
pub fn fairness_rows(view: &FairnessJson) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS.iter().map(ToString::to_string).collect()];
    rows.extend(view.cells.iter().map(|cell| {
        values(cell)
            .iter()
            .map(|value| super::escape_cell(value).into_owned())
            .collect()
    }));
    rows
}

/// The report as text for a terminal.
pub fn fairness_table(view: &FairnessJson) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Fairness report ({}), as of {}: {} children; cells with fewer than {} children are suppressed, and so is one more cell of the same dimension (children shown as *) when otherwise a small cell could be worked out as the total minus the others",
        view.source, view.as_of, view.children, view.min_cell
    );
    let _ = writeln!(
        out,
        "{:<9} {:<12} {:>8} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "dimension",
        "group",
        "children",
        "placed",
        "split",
        "min.home",
        "min.sch",
        "sch.chg",
        "family",
        "overrides"
    );
    for cell in &view.cells {
        let v = values(cell);
        if cell.suppressed {
            let _ = writeln!(
                out,
                "{:<9} {:<12} {:>8} suppressed",
                v[0],
                super::printable(&v[1]),
                v[2]
            );
            continue;
        }
        let _ = writeln!(
            out,
            "{:<9} {:<12} {:>8} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>9}",
            v[0],
            super::printable(&v[1]),
            v[2],
            v[3],
            v[4],
            v[5],
            v[6],
            v[7],
            v[8],
            if v[10].is_empty() { "-" } else { &v[10] }
        );
    }
    out
}
