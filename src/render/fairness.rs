//! The fairness report as JSON, a terminal table and CSV. Suppressed cells show no figures
//! and no exact count.

use std::fmt::Write;

use serde::Serialize;

use super::{Lang, round6};
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

/// A dimension in words.
pub(crate) fn dimension_text(dimension: &str, lang: Lang) -> &str {
    match (dimension, lang) {
        ("all", Lang::Da) => "alle",
        ("region", Lang::Da) => "region",
        ("age_band", Lang::Da) => "alder",
        ("sex", Lang::Da) => "køn",
        ("all", Lang::En) => "all",
        ("age_band", Lang::En) => "age band",
        (other, _) => other,
    }
}

/// A group in words (regions and age bands are names already).
pub(crate) fn group_text(dimension: &str, group: &str, lang: Lang) -> String {
    let text = match (dimension, group, lang) {
        ("all", _, Lang::Da) => "alle",
        ("sex", "f", Lang::Da) => "pige/kvinde",
        ("sex", "m", Lang::Da) => "dreng/mand",
        ("sex", "x", Lang::Da) => "andet",
        ("sex", "unknown", Lang::Da) => "ikke oplyst",
        ("sex", "f", Lang::En) => "female",
        ("sex", "m", Lang::En) => "male",
        ("sex", "x", Lang::En) => "other",
        ("sex", "unknown", Lang::En) => "not recorded",
        ("age_band", band, Lang::Da) => return format!("{} år", band.replace('-', "–")),
        ("age_band", band, Lang::En) => return format!("{} years", band.replace('-', "–")),
        (_, other, _) => other,
    };
    super::printable(text)
}

/// The report as text for a terminal.
pub fn fairness_table(view: &FairnessJson, lang: Lang) -> String {
    let mut out = String::new();
    let source = match (view.source.strip_prefix("scenario:"), lang) {
        (Some(name), Lang::Da) => format!("scenariet {}", super::scenario_name(name, lang)),
        (Some(name), Lang::En) => format!("scenario {}", super::scenario_name(name, lang)),
        (None, Lang::Da) => "de registrerede afgørelser".to_string(),
        (None, Lang::En) => "the recorded decisions".to_string(),
    };
    let children = super::count(view.children, lang);
    let scenario = view.source.starts_with("scenario:");
    let _ = match lang {
        Lang::Da => writeln!(
            out,
            "Ligebehandling ({source}), skæringsdato {}: {children} {}. Grupper med færre end {} børn vises som «<{} skjult»; én gruppe mere i samme opdeling vises som «* skjult», når en lille gruppe ellers kunne regnes ud som totalen minus de andre. Rejsetider er medianer i minutter; «fravalgt nr. 1» er afgørelser, hvor det øverst rangerede sted ikke blev valgt{}.",
            view.as_of,
            if view.children == 1 { "barn" } else { "børn" },
            view.min_cell,
            view.min_cell,
            if scenario {
                " (–: ikke relevant for et scenarie)"
            } else {
                ""
            }
        ),
        Lang::En => writeln!(
            out,
            "Fairness report ({source}), as of {}: {}. Groups with fewer than {} children show as \"<{} suppressed\"; one more group of the same dimension shows as \"* suppressed\" when a small group could otherwise be worked out as the total minus the others. Travel times are medians in minutes; \"overrode no. 1\" counts decisions that did not choose the top-ranked site{}.",
            view.as_of,
            super::plural(view.children, "child", "children"),
            view.min_cell,
            view.min_cell,
            if scenario {
                " (–: not relevant for a scenario)"
            } else {
                ""
            }
        ),
    };
    let headings: [&str; 10] = match lang {
        Lang::Da => [
            "opdeling",
            "gruppe",
            "børn",
            "anbragt",
            "delt",
            "rejse hjem",
            "rejse skole",
            "skoleskift",
            "plejefamilie",
            "fravalgt nr. 1",
        ],
        Lang::En => [
            "dimension",
            "group",
            "children",
            "placed",
            "split",
            "to home",
            "to school",
            "sch.chg",
            "foster fam.",
            "overrode no. 1",
        ],
    };
    let line = |cells: [&str; 10]| {
        format!(
            "{:<9} {:<14} {:>8} {:>7} {:>6} {:>10} {:>11} {:>10} {:>12} {:>14}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            cells[5],
            cells[6],
            cells[7],
            cells[8],
            cells[9]
        )
        .trim_end()
        .to_string()
    };
    let _ = writeln!(out, "{}", line(headings));
    let count = |value: Option<usize>| value.map_or_else(|| "–".to_string(), |v| v.to_string());
    let number = |value: Option<f64>, places| {
        value.map_or_else(|| "–".to_string(), |v| super::decimal(v, places, lang))
    };
    let hidden = match lang {
        Lang::Da => "skjult",
        Lang::En => "suppressed",
    };
    for cell in &view.cells {
        let dimension = dimension_text(cell.dimension, lang);
        let group = group_text(cell.dimension, &cell.group, lang);
        let children = values(cell)[2].clone();
        if cell.suppressed {
            let _ = writeln!(
                out,
                "{:<9} {:<14} {:>8} {hidden}",
                dimension, group, children
            );
            continue;
        }
        let cells = [
            count(cell.placed),
            count(cell.sibling_groups_split),
            number(cell.median_travel_minutes_home, 1),
            number(cell.median_travel_minutes_school, 1),
            count(cell.school_changes),
            cell.family_care_share
                .map_or_else(|| "-".to_string(), |share| super::percent(share, lang)),
            count(cell.overrode_top),
        ];
        let _ = writeln!(
            out,
            "{}",
            line([
                dimension, &group, &children, &cells[0], &cells[1], &cells[2], &cells[3],
                &cells[4], &cells[5], &cells[6],
            ])
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> FairnessJson {
        let cell = |dimension, group: &str, children| FairnessCellJson {
            dimension,
            group: group.to_string(),
            suppressed: children < MIN_CELL,
            complementary: false,
            children: (children >= MIN_CELL).then_some(children),
            placed: (children >= MIN_CELL).then_some(children - 1),
            sibling_groups_split: Some(0),
            median_travel_minutes_home: Some(20.94),
            median_travel_minutes_school: None,
            school_changes: Some(2),
            family_care_share: Some(0.5),
            institutional_share: Some(0.5),
            overrode_top: None,
        };
        FairnessJson {
            source: "scenario:b".into(),
            as_of: "2026-11-23".into(),
            min_cell: MIN_CELL,
            children: 12,
            cells: vec![
                cell("all", "all", 12),
                cell("age_band", "0-5", 9),
                cell("sex", "unknown", 3),
            ],
        }
    }

    #[test]
    fn the_table_reads_in_danish_with_decimal_commas() {
        let text = fairness_table(&view(), Lang::Da);
        let lines: Vec<String> = text
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert!(
            lines[0].starts_with("Ligebehandling (scenariet b), skæringsdato 2026-11-23: 12 børn."),
            "{text}"
        );
        assert_eq!(
            lines[1],
            "opdeling gruppe børn anbragt delt rejse hjem rejse skole skoleskift plejefamilie fravalgt nr. 1"
        );
        assert_eq!(lines[2], "alle alle 12 11 0 20,9 – 2 50 % –");
        assert_eq!(lines[3], "alder 0–5 år 9 8 0 20,9 – 2 50 % –");
        assert_eq!(lines[4], "køn ikke oplyst <5 skjult");
        let english = fairness_table(&view(), Lang::En);
        assert!(english.contains("age band  0–5 years"), "{english}");
    }
}
