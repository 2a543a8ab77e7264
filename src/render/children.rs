//! The children awaiting placement, one line each: `placematch children` and
//! `GET /api/children`. What a coordinator needs to pick the right pseudonym (age, support
//! level, purpose, home municipality, siblings, network family), nothing more: no needs, no
//! wishes, no free text.

use serde::Serialize;

use super::{Lang, escape_cell, printable};
use crate::model::{Child, Dataset};

/// One child in the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChildListItem {
    /// The child's pseudonym.
    pub child_id: String,
    /// Age in whole years at the reference date of the data.
    pub age: u8,
    /// Support level code (`light`, `moderate`, `severe`).
    pub support_level: &'static str,
    /// Purpose code (`emergency`, `short_term`, `long_term`, `permanent`).
    pub purpose: &'static str,
    /// Home municipality code.
    pub municipality: String,
    /// Home municipality name.
    pub municipality_name: String,
    /// Children in the child's sibling group awaiting placement, the child included (1 without
    /// a group).
    pub siblings_awaiting: usize,
    /// Whether the child has an own network family among the sites.
    pub network_family: bool,
}

/// Every child awaiting placement, in ID order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChildrenJson {
    /// Reference date.
    pub as_of: String,
    /// The children.
    pub children: Vec<ChildListItem>,
}

/// Builds the list.
pub fn children_json(dataset: &Dataset, as_of: &str) -> ChildrenJson {
    let groups = dataset.sibling_groups();
    let mut awaiting = vec![1usize; dataset.children().len()];
    for group in &groups {
        for &member in group {
            awaiting[member] = group.len();
        }
    }
    let item = |(idx, child): (usize, &Child)| ChildListItem {
        child_id: child.id.to_string(),
        age: child.age,
        support_level: child.support_level.as_str(),
        purpose: child.purpose.as_str(),
        municipality: child.municipality.to_string(),
        municipality_name: dataset
            .municipality(child.municipality)
            .map_or_else(String::new, |municipality| municipality.name.clone()),
        siblings_awaiting: awaiting[idx],
        network_family: child
            .network_site
            .as_ref()
            .is_some_and(|site| dataset.site(site).is_some()),
    };
    ChildrenJson {
        as_of: as_of.to_string(),
        children: dataset.children().iter().enumerate().map(item).collect(),
    }
}

/// Column headings of the table and the CSV, in order.
fn headings(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Da => [
            "barn",
            "alder",
            "støtteniveau",
            "anbringelsens art",
            "kommune",
            "søskende",
            "netværksplejefamilie",
        ],
        Lang::En => [
            "child",
            "age",
            "support level",
            "purpose",
            "municipality",
            "siblings",
            "network family",
        ],
    }
}

fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (value, lang) {
        (true, Lang::Da) => "ja",
        (false, Lang::Da) => "nej",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// The cells of one child, in the order of [`headings`].
fn cells(child: &ChildListItem, lang: Lang) -> [String; 7] {
    let siblings = match child.siblings_awaiting {
        1 => "–".to_string(),
        n => match lang {
            Lang::Da => format!("flok på {n}"),
            Lang::En => format!("group of {n}"),
        },
    };
    [
        printable(&child.child_id),
        child.age.to_string(),
        super::child::value(child.support_level, lang),
        super::child::value(child.purpose, lang),
        printable(&child.municipality_name),
        siblings,
        yes_no(child.network_family, lang).to_string(),
    ]
}

/// The list for a terminal: a heading line, then aligned columns.
pub fn children_table(view: &ChildrenJson, lang: Lang) -> String {
    let heads = headings(lang);
    let rows: Vec<[String; 7]> = view
        .children
        .iter()
        .map(|child| cells(child, lang))
        .collect();
    let mut widths = heads.map(|head| head.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let n = view.children.len();
    let title = match lang {
        Lang::Da => format!(
            "{} {} venter på et anbringelsessted · skæringsdato {}\n",
            super::count(n, lang),
            if n == 1 {
                "barn eller ung"
            } else {
                "børn og unge"
            },
            view.as_of
        ),
        Lang::En => format!(
            "{} awaiting placement · reference date {}\n",
            super::plural(n, "child", "children"),
            view.as_of
        ),
    };
    let mut out = title;
    out += &line(&heads.map(String::from));
    for row in &rows {
        out += &line(row);
    }
    out
}

/// The list as CSV rows, header first: codes as in the data files, every cell escaped.
pub fn children_csv_rows(view: &ChildrenJson) -> Vec<Vec<String>> {
    let header = [
        "child_id",
        "age",
        "support_level",
        "purpose",
        "municipality",
        "municipality_name",
        "siblings_awaiting",
        "network_family",
    ];
    std::iter::once(header.iter().map(|cell| cell.to_string()).collect())
        .chain(view.children.iter().map(|child| {
            vec![
                escape_cell(&child.child_id).into_owned(),
                child.age.to_string(),
                child.support_level.to_string(),
                child.purpose.to_string(),
                child.municipality.clone(),
                escape_cell(&child.municipality_name).into_owned(),
                child.siblings_awaiting.to_string(),
                child.network_family.to_string(),
            ]
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(n: usize) -> ChildrenJson {
        ChildrenJson {
            as_of: "2026-11-23".into(),
            children: (0..n)
                .map(|idx| ChildListItem {
                    child_id: format!("C-000{idx}"),
                    age: 7 + idx as u8,
                    support_level: "severe",
                    purpose: "long_term",
                    municipality: "101".into(),
                    municipality_name: "København".into(),
                    siblings_awaiting: 1 + idx,
                    network_family: idx == 0,
                })
                .collect(),
        }
    }

    #[test]
    fn the_table_reads_in_danish_with_aligned_columns() {
        let text = children_table(&view(2), Lang::Da);
        assert_eq!(
            text,
            "2 børn og unge venter på et anbringelsessted · skæringsdato 2026-11-23\n\
             barn    alder  støtteniveau  anbringelsens art  kommune    søskende   netværksplejefamilie\n\
             C-0000  7      svær          længerevarende     København  –          ja\n\
             C-0001  8      svær          længerevarende     København  flok på 2  nej\n"
        );
        assert!(children_table(&view(1), Lang::Da).starts_with("1 barn eller ung venter"));
        assert!(children_table(&view(1), Lang::En).starts_with("1 child awaiting"));
    }

    #[test]
    fn csv_keeps_codes_and_escapes_cells() {
        let mut list = view(1);
        list.children[0].municipality_name = "=HYPERLINK()".into();
        let rows = children_csv_rows(&list);
        assert_eq!(rows[0][0], "child_id");
        assert_eq!(rows[1][2], "severe");
        assert_eq!(rows[1][5], "'=HYPERLINK()");
    }
}
