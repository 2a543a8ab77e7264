//! Checks across rows and files: unique IDs, references between children and sites, and
//! sibling groups.

use std::collections::{BTreeMap, HashMap};

use super::problem::{Column, Problem, Report, Rule, Severity, noun, text};
use super::row::Located;
use crate::model::{Child, ChildId, Site, SiteId, SiteType};

/// Where the rows being checked came from, for messages.
pub(crate) struct Files<'a> {
    pub(crate) children: &'a str,
    pub(crate) sites: &'a str,
}

fn at(
    severity: Severity,
    file: &str,
    line: u64,
    column: (usize, &str),
    code: &'static str,
    rule: Rule,
) -> Problem {
    Problem {
        severity,
        code,
        file: file.to_string(),
        line: Some(line),
        column: Some(Column {
            number: column.0,
            name: column.1.to_string(),
        }),
        rule,
    }
}

/// Keeps the first row of each ID and reports every later one, naming both lines.
pub(crate) fn dedupe<T, K: Ord + Clone>(
    rows: Vec<Located<T>>,
    key: impl Fn(&T) -> &K,
    file: &str,
    what: &'static str,
    report: &mut Report,
) -> Vec<Located<T>> {
    let mut first_line: BTreeMap<K, u64> = BTreeMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        match first_line.get(key(&row.value)) {
            Some(&first) => report.push(at(
                Severity::Error,
                file,
                row.line,
                (1, "id"),
                "duplicate_id",
                Rule::new(
                    "duplicate {0}: the same ID is on lines {1} and {2}",
                    [noun(what), text(first), text(row.line)],
                ),
            )),
            None => {
                first_line.insert(key(&row.value).clone(), row.line);
                kept.push(row);
            }
        }
    }
    kept
}

/// Network families and the children they are approved for must name each other.
pub(crate) fn check_network_references(
    children: &[Located<Child>],
    sites: &[Located<Site>],
    files: &Files<'_>,
    column_number: impl Fn(&str, &str) -> usize,
    report: &mut Report,
) {
    let site_by_id: HashMap<&SiteId, &Located<Site>> =
        sites.iter().map(|site| (&site.value.id, site)).collect();
    let child_by_id: HashMap<&ChildId, &Located<Child>> = children
        .iter()
        .map(|child| (&child.value.id, child))
        .collect();
    let child_column = (column_number("children", "network_site"), "network_site");
    let site_column = (column_number("sites", "network_for"), "network_for");

    for child in children {
        let Some(site_id) = &child.value.network_site else {
            continue;
        };
        let rule = match site_by_id.get(site_id) {
            None => Some(Rule::fixed("network_site names no site in sites.csv")),
            Some(site) if site.value.site_type != SiteType::FosterNetwork => Some(Rule::new(
                "network_site names the site on line {0}, which is not of type foster_network",
                [text(site.line)],
            )),
            Some(site) if site.value.network_for.as_ref() != Some(&child.value.id) => {
                Some(Rule::new(
                    "network_site names the site on line {0}, whose network_for names another child",
                    [text(site.line)],
                ))
            }
            Some(_) => None,
        };
        if let Some(rule) = rule {
            report.push(at(
                Severity::Error,
                files.children,
                child.line,
                child_column,
                "unknown_reference",
                rule,
            ));
        }
    }

    for site in sites {
        let Some(child_id) = &site.value.network_for else {
            continue;
        };
        match child_by_id.get(child_id) {
            None => report.push(at(
                Severity::Error,
                files.sites,
                site.line,
                site_column,
                "unknown_reference",
                Rule::fixed("network_for names no child in children.csv"),
            )),
            Some(child) if child.value.network_site.as_ref() != Some(&site.value.id) => {
                report.push(at(
                    Severity::Warning,
                    files.sites,
                    site.line,
                    site_column,
                    "inconsistent_reference",
                    Rule::new(
                        "network_for names the child on line {0}, whose network_site does not name this site",
                        [text(child.line)],
                    ),
                ))
            }
            Some(_) => {}
        }
    }
}

/// Sibling groups: labels that differ only in case or spacing are an error (they are almost
/// surely one group); a group of one, or one larger than every site, is a warning.
pub(crate) fn check_sibling_groups(
    children: &[Located<Child>],
    sites: &[Located<Site>],
    file: &str,
    column_number: usize,
    report: &mut Report,
) {
    let column = (column_number, "sibling_group");
    let mut members: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    let mut label_by_key: HashMap<String, (&str, u64)> = HashMap::new();
    for child in children {
        let Some(group) = &child.value.sibling_group else {
            continue;
        };
        let label = group.as_str();
        members.entry(label).or_default().push(child.line);
        let key: String = label
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match label_by_key.get(&key) {
            Some(&(first_label, first_line)) if first_label != label => report.push(at(
                Severity::Error,
                file,
                child.line,
                column,
                "sibling_group",
                Rule::new(
                    "sibling group label differs only in case or punctuation from the one on line {0}; write it the same way",
                    [text(first_line)],
                ),
            )),
            Some(_) => {}
            None => {
                label_by_key.insert(key, (label, child.line));
            }
        }
    }
    let largest_site = sites
        .iter()
        .map(|site| site.value.places)
        .max()
        .unwrap_or(0);
    for lines in members.values() {
        if lines.len() == 1 {
            report.push(at(
                Severity::Warning,
                file,
                lines[0],
                column,
                "sibling_group",
                Rule::fixed(
                    "sibling group has only this child; leave it empty if no sibling awaits placement",
                ),
            ));
        } else if lines.len() > largest_site as usize {
            report.push(at(
                Severity::Warning,
                file,
                lines[0],
                column,
                "sibling_group",
                Rule::new(
                    "sibling group of {0} children is larger than any site ({1} places at most)",
                    [text(lines.len()), text(largest_site)],
                ),
            ));
        }
    }
}

/// Every site named in `siblings_placed_at` must exist.
pub(crate) fn check_siblings_placed_at(
    children: &[Located<Child>],
    sites: &[Located<Site>],
    file: &str,
    column_number: usize,
    report: &mut Report,
) {
    let site_ids: std::collections::HashSet<&SiteId> =
        sites.iter().map(|site| &site.value.id).collect();
    for child in children {
        if child
            .value
            .siblings_placed_at
            .iter()
            .any(|site_id| !site_ids.contains(site_id))
        {
            report.push(at(
                Severity::Error,
                file,
                child.line,
                (column_number, "siblings_placed_at"),
                "unknown_reference",
                Rule::fixed("siblings_placed_at names a site that is not in sites.csv"),
            ));
        }
    }
}

/// Combinations that real data should not contain (PRODUCT.md section 6.6): each is a
/// warning with its position, never an error, so the data still loads.
pub(crate) fn check_plausibility(
    children: &[Located<Child>],
    sites: &[Located<Site>],
    files: &Files<'_>,
    column_number: impl Fn(&str, &str) -> usize,
    report: &mut Report,
) {
    use crate::model::{Purpose, Security};
    let mut warn = |file: &str, line: u64, column: &'static str, rule: Rule| {
        let number = column_number(
            if file == files.children {
                "children"
            } else {
                "sites"
            },
            column,
        );
        report.push(at(
            Severity::Warning,
            file,
            line,
            (number, column),
            "implausible",
            rule,
        ));
    };
    for child in children {
        let value = &child.value;
        if value.purpose == Purpose::Permanent && value.security != Security::None {
            warn(
                files.children,
                child.line,
                "purpose",
                Rule::fixed(
                    "purpose permanent with a partly closed or secure placement; a secure placement is never permanent, check both cells",
                ),
            );
        }
        if value.age >= 18 && value.purpose == Purpose::Emergency {
            warn(
                files.children,
                child.line,
                "purpose",
                Rule::fixed(
                    "purpose emergency for a young adult aged 18 to 22 in aftercare; check the purpose",
                ),
            );
        }
        if value.age >= 18 && value.security == Security::Secure {
            warn(
                files.children,
                child.line,
                "security",
                Rule::fixed(
                    "secure placement for a young adult aged 18 to 22; secure units take children under 18, check the cell",
                ),
            );
        }
        if value.age < 3 && !value.wishes.is_empty() {
            warn(
                files.children,
                child.line,
                "wishes",
                Rule::fixed(
                    "wishes recorded for a child under 3; record what the child's perspective shows in the conversation notes instead",
                ),
            );
        }
    }
    for site in sites {
        let value = &site.value;
        if value.site_type == SiteType::FosterNetwork
            && (value.age_min.is_some() || value.age_max.is_some())
        {
            warn(
                files.sites,
                site.line,
                "age_min",
                Rule::fixed(
                    "a network family has an age range; it is approved for one named child, leave age_min and age_max empty",
                ),
            );
        }
    }
}
