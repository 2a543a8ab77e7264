//! Figures that describe an assignment for planners and for `compare`: children placed,
//! total score, sibling groups kept together, travel, school changes, family care share.

use crate::context::ScoringContext;
use crate::model::{Child, Dataset, Site};

use super::{Assignment, Placement};

/// Summary figures of one assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Children in the data.
    pub children: usize,
    /// Children placed.
    pub placed: usize,
    /// Sum of total scores of placed children.
    pub total_score: f64,
    /// Sibling groups (two or more children) in the data.
    pub sibling_groups: usize,
    /// Groups with every member placed at one site.
    pub groups_together: usize,
    /// Groups not kept together although some member is placed: members at more than one
    /// site, or some placed and others not.
    pub groups_split: usize,
    /// Median travel minutes from placed children's homes to their sites.
    pub median_minutes_home: Option<f64>,
    /// Median travel minutes from placed children's schools to their sites.
    pub median_minutes_school: Option<f64>,
    /// Placed school-age children (6–17) more than 45 minutes from their school.
    pub school_changes: usize,
    /// Share of placed children in family care (any foster family).
    pub family_share: Option<f64>,
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Travel, school and family-care figures over placed children: one definition for the
/// assignment metrics and the fairness report.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlacedFigures {
    /// Children placed.
    pub(crate) placed: usize,
    home: Vec<f64>,
    school: Vec<f64>,
    /// School-age children placed more than 45 minutes from school.
    pub(crate) school_changes: usize,
    /// Children placed in family care.
    pub(crate) family: usize,
}

impl PlacedFigures {
    /// Counts one child placed at one site.
    pub(crate) fn add(&mut self, batch: &ScoringContext<'_>, child: &Child, site: &Site) {
        self.placed += 1;
        let ctx = batch.for_child(child);
        if let Some(minutes) = ctx.travel_minutes(child.municipality, site.municipality) {
            self.home.push(minutes);
        }
        if let Some(minutes) = ctx.travel_minutes(child.school_municipality(), site.municipality) {
            self.school.push(minutes);
            if child.changes_school(minutes) {
                self.school_changes += 1;
            }
        }
        if site.site_type.is_family() {
            self.family += 1;
        }
    }

    /// Median minutes from home to site.
    pub(crate) fn median_minutes_home(&self) -> Option<f64> {
        median(self.home.clone())
    }

    /// Median minutes from school to site.
    pub(crate) fn median_minutes_school(&self) -> Option<f64> {
        median(self.school.clone())
    }
}

/// Computes the figures of an assignment over the dataset it was made on.
pub fn metrics(dataset: &Dataset, batch: &ScoringContext<'_>, assignment: &Assignment) -> Metrics {
    let children = dataset.children();
    let sites = dataset.sites();
    let mut figures = PlacedFigures::default();
    for (child, placement) in children.iter().zip(&assignment.placements) {
        if let Placement::Placed { site, .. } = placement {
            figures.add(batch, child, &sites[*site]);
        }
    }
    let mut groups: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (idx, child) in children.iter().enumerate() {
        if let Some(group) = &child.sibling_group {
            groups.entry(group.as_str()).or_default().push(idx);
        }
    }
    let groups: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();
    let site_of = |child: usize| match assignment.placements[child] {
        Placement::Placed { site, .. } => Some(site),
        Placement::Unassigned(_) => None,
    };
    let groups_together = groups
        .iter()
        .filter(|members| {
            let first = site_of(members[0]);
            first.is_some() && members.iter().all(|&member| site_of(member) == first)
        })
        .count();
    let groups_split = groups
        .iter()
        .filter(|members| {
            let used: std::collections::BTreeSet<Option<usize>> =
                members.iter().map(|&member| site_of(member)).collect();
            used.len() > 1
        })
        .count();
    Metrics {
        children: children.len(),
        placed: assignment.placed,
        total_score: assignment.total_score,
        sibling_groups: groups.len(),
        groups_together,
        groups_split,
        median_minutes_home: figures.median_minutes_home(),
        median_minutes_school: figures.median_minutes_school(),
        school_changes: figures.school_changes,
        family_share: (assignment.placed > 0)
            .then(|| figures.family as f64 / assignment.placed as f64),
    }
}
