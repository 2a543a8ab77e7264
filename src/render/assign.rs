//! Batch assignments and scenario comparisons as JSON (PRODUCT.md section 9), CSV and text.

use std::fmt::Write;

use serde::Serialize;

use super::catalog::code_text;
use super::json::WeightsJson;
use super::{Lang, round6};
use crate::model::Dataset;
use crate::optimize::{Assignment, Metrics, Placement, UnassignedReason};
use crate::score::Weights;

/// `objective` of the assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ObjectiveJson {
    /// Children placed.
    pub placed: usize,
    /// Children in the data.
    pub children: usize,
    /// Sum of total scores of placed children.
    pub total_score: f64,
    /// Score points lost to split sibling groups.
    pub split_penalty: f64,
}

/// `optimality` of the assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OptimalityJson {
    /// `optimal` or `time_limit`.
    pub status: &'static str,
    /// How optimality was established.
    pub method: String,
    /// Relative gap to the proven upper bound.
    pub gap: f64,
    /// Columns checked by the dual certificate.
    pub pairs_certified: usize,
    /// Columns in the final flow model.
    pub candidate_pairs: usize,
    /// Flow rounds.
    pub rounds: usize,
    /// Columns of the MILP, 0 when none was needed.
    pub milp_columns: usize,
    /// MILP backend of this build.
    pub backend: &'static str,
}

/// One placed child.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignmentJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Site.
    pub site_id: String,
    /// Total score of the pair.
    pub total: f64,
    /// Whether the planner locked it.
    pub locked: bool,
}

/// One unassigned child and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UnassignedJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Reason code.
    pub reason: &'static str,
    /// The reason in words.
    pub text: &'static str,
    /// For `assign.sites_saturated`: the child's best eligible sites, all full.
    pub saturated_sites: Vec<String>,
}

/// The assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignJson {
    /// Scenario name.
    pub scenario: String,
    /// Reference date.
    pub as_of: String,
    /// Normalized weights.
    pub weights: WeightsJson,
    /// Objective values.
    pub objective: ObjectiveJson,
    /// How optimality was established.
    pub optimality: OptimalityJson,
    /// Placed children.
    pub assignments: Vec<AssignmentJson>,
    /// Unplaced children and why.
    pub unassigned: Vec<UnassignedJson>,
    /// Figures of the result.
    pub metrics: MetricsJson,
}

/// Figures of an assignment (also the sides of `compare`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MetricsJson {
    /// Scenario name.
    pub scenario: String,
    /// Children in the data.
    pub children: usize,
    /// Children placed.
    pub placed: usize,
    /// Sum of total scores.
    pub total_score: f64,
    /// Sibling groups in the data.
    pub sibling_groups: usize,
    /// Groups placed whole at one site.
    pub siblings_together: usize,
    /// Groups split over sites.
    pub siblings_split: usize,
    /// Median minutes from home to site.
    pub median_travel_minutes_home: Option<f64>,
    /// Median minutes from school to site.
    pub median_travel_minutes_school: Option<f64>,
    /// School-age children placed more than 45 minutes from school.
    pub school_changes: usize,
    /// Share of placed children in family care.
    pub family_care_share: Option<f64>,
    /// Share of placed children in institutions and other sites.
    pub institutional_share: Option<f64>,
}

/// Builds the figures view.
pub fn metrics_json(scenario: &str, metrics: &Metrics) -> MetricsJson {
    MetricsJson {
        scenario: scenario.to_string(),
        children: metrics.children,
        placed: metrics.placed,
        total_score: round6(metrics.total_score),
        sibling_groups: metrics.sibling_groups,
        siblings_together: metrics.groups_together,
        siblings_split: metrics.groups_split,
        median_travel_minutes_home: metrics.median_minutes_home.map(round6),
        median_travel_minutes_school: metrics.median_minutes_school.map(round6),
        school_changes: metrics.school_changes,
        family_care_share: metrics.family_share.map(round6),
        institutional_share: metrics.family_share.map(|share| round6(1.0 - share)),
    }
}

/// Builds the assignment view.
pub fn assign_json(
    scenario: &str,
    as_of: &str,
    weights: &Weights,
    dataset: &Dataset,
    assignment: &Assignment,
    metrics: &Metrics,
    lang: Lang,
) -> AssignJson {
    let children = dataset.children();
    let sites = dataset.sites();
    let mut assignments = Vec::new();
    let mut unassigned = Vec::new();
    for (child, placement) in children.iter().zip(&assignment.placements) {
        match placement {
            Placement::Placed {
                site,
                total,
                locked,
            } => assignments.push(AssignmentJson {
                child_id: child.id.to_string(),
                site_id: sites[*site].id.to_string(),
                total: round6(*total),
                locked: *locked,
            }),
            Placement::Unassigned(reason) => unassigned.push(UnassignedJson {
                child_id: child.id.to_string(),
                reason: reason.code(),
                text: code_text(reason.code(), lang).unwrap_or(""),
                saturated_sites: match reason {
                    UnassignedReason::SitesSaturated(sites) => {
                        sites.iter().map(ToString::to_string).collect()
                    }
                    _ => Vec::new(),
                },
            }),
        }
    }
    let optimality = &assignment.optimality;
    AssignJson {
        scenario: scenario.to_string(),
        as_of: as_of.to_string(),
        weights: WeightsJson::from(weights),
        objective: ObjectiveJson {
            placed: assignment.placed,
            children: children.len(),
            total_score: round6(assignment.total_score),
            // `+ 0.0` turns a negative zero into zero.
            split_penalty: round6(assignment.split_penalty) + 0.0,
        },
        optimality: OptimalityJson {
            status: optimality.status,
            method: optimality.method.clone(),
            gap: round6(optimality.gap),
            pairs_certified: optimality.pairs_certified,
            candidate_pairs: optimality.candidate_pairs,
            rounds: optimality.rounds,
            milp_columns: optimality.milp_columns,
            backend: optimality.backend,
        },
        assignments,
        unassigned,
        metrics: metrics_json(scenario, metrics),
    }
}

fn option(value: Option<f64>, digits: usize) -> String {
    value.map_or("—".into(), |value| format!("{value:.digits$}"))
}

/// The figures of one or two scenarios as rows.
fn metrics_rows(sides: &[&MetricsJson]) -> Vec<(&'static str, Vec<String>)> {
    let row =
        |f: &dyn Fn(&MetricsJson) -> String| sides.iter().map(|side| f(side)).collect::<Vec<_>>();
    vec![
        (
            "children placed",
            row(&|m| format!("{} of {}", m.placed, m.children)),
        ),
        ("total score", row(&|m| format!("{:.3}", m.total_score))),
        (
            "sibling groups together",
            row(&|m| {
                format!(
                    "{} of {} ({} split)",
                    m.siblings_together, m.sibling_groups, m.siblings_split
                )
            }),
        ),
        (
            "median minutes to home",
            row(&|m| option(m.median_travel_minutes_home, 1)),
        ),
        (
            "median minutes to school",
            row(&|m| option(m.median_travel_minutes_school, 1)),
        ),
        ("school changes", row(&|m| m.school_changes.to_string())),
        (
            "family care share",
            row(&|m| option(m.family_care_share.map(|s| s * 100.0), 1) + " %"),
        ),
        (
            "institutional share",
            row(&|m| option(m.institutional_share.map(|s| s * 100.0), 1) + " %"),
        ),
    ]
}

/// The assignment as text: summary, proof, placements, unassigned children.
pub fn assign_table(view: &AssignJson) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scenario {} · reference date {}",
        view.scenario, view.as_of
    );
    let _ = writeln!(
        out,
        "Placed {} of {} children · total score {:.3}{}",
        view.objective.placed,
        view.objective.children,
        view.objective.total_score,
        if view.objective.split_penalty > 0.0 {
            format!(" · split penalty {:.3}", view.objective.split_penalty)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "Optimality: {} (gap {:.6})",
        view.optimality.status, view.optimality.gap
    );
    let _ = writeln!(out, "  {}", view.optimality.method);
    out.push('\n');
    for (label, values) in metrics_rows(&[&view.metrics]) {
        let _ = writeln!(out, "  {label:<26}{}", values[0]);
    }
    out.push('\n');
    let _ = writeln!(out, "{:<12} {:<12} {:>8}", "child", "site", "total");
    for row in &view.assignments {
        let lock = if row.locked { "  (locked)" } else { "" };
        let _ = writeln!(
            out,
            "{:<12} {:<12} {:>8.3}{lock}",
            super::printable(&row.child_id),
            super::printable(&row.site_id),
            row.total
        );
    }
    if !view.unassigned.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Unassigned:");
        for row in &view.unassigned {
            let sites = if row.saturated_sites.is_empty() {
                String::new()
            } else {
                format!(" (full: {})", row.saturated_sites.join(", "))
            };
            let _ = writeln!(
                out,
                "  {:<12} {}{sites}",
                super::printable(&row.child_id),
                row.text
            );
        }
    }
    out
}

/// `compare` JSON: both sides and the children who moved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompareJson {
    /// Scenario A.
    pub a: MetricsJson,
    /// Scenario B.
    pub b: MetricsJson,
    /// Children whose site differs between A and B.
    pub moved: Vec<MovedJson>,
}

/// A child placed differently in A and B.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MovedJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Site in A, or null when unassigned.
    pub a_site_id: Option<String>,
    /// Site in B, or null when unassigned.
    pub b_site_id: Option<String>,
}

/// Two scenarios side by side as text.
pub fn compare_table(view: &CompareJson) -> String {
    let mut out = String::new();
    let width = view.a.scenario.chars().count().max(24);
    let _ = writeln!(
        out,
        "{:<26}{:<width$}  {}",
        "", view.a.scenario, view.b.scenario
    );
    for (label, values) in metrics_rows(&[&view.a, &view.b]) {
        let _ = writeln!(out, "{label:<26}{:<width$}  {}", values[0], values[1]);
    }
    out.push('\n');
    let _ = writeln!(out, "{} children moved", view.moved.len());
    for moved in &view.moved {
        let _ = writeln!(
            out,
            "  {:<12} {:<12} → {}",
            super::printable(&moved.child_id),
            moved.a_site_id.as_deref().unwrap_or("unassigned"),
            moved.b_site_id.as_deref().unwrap_or("unassigned")
        );
    }
    out
}
