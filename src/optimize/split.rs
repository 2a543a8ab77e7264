//! Allow-split: keep siblings together first (issue 12), then price the split.

use super::certify::certified_flow;
use super::problem::{Problem, Unit};
use super::{AssignOptions, Placement, SiblingRule, solve};
use crate::model::SiteId;

/// Feasible allow-split solutions that keep siblings together first, as (unit, column) over
/// single-child units: the together optimum, and the same with the groups it could not place
/// given to a flow child by child.
#[allow(clippy::too_many_arguments)]
pub(super) fn together_first_candidates(
    problem: &Problem,
    options: &AssignOptions,
    site_ids: &[SiteId],
    stop: &dyn Fn() -> bool,
    units: &[Unit],
    unit_of: &[usize],
    supply: &[u32],
    capacity: &[u32],
) -> Vec<Vec<(usize, usize)>> {
    // The together problem must keep the planner's locks valid for whole groups: every
    // member eligible at its locked site, one site per group. Otherwise there is no together
    // candidate.
    let mut locked_use = vec![0u32; problem.capacity.len()];
    for &(child, site) in &problem.locks {
        let size = problem
            .groups
            .iter()
            .find(|group| group.contains(&child))
            .map_or(1, |group| group.len() as u32);
        locked_use[site] += size;
        if locked_use[site] > problem.capacity[site] {
            return Vec::new();
        }
        if let Some(group) = problem.groups.iter().find(|group| group.contains(&child)) {
            let locked_elsewhere = problem
                .locks
                .iter()
                .any(|&(other, other_site)| group.contains(&other) && other_site != site);
            if locked_elsewhere
                || group
                    .iter()
                    .any(|&member| !problem.pairs[member].contains_key(&site))
            {
                return Vec::new();
            }
        }
    }
    let together = Problem {
        siblings: SiblingRule::Together,
        ..problem.clone()
    };
    let Ok(whole) = solve(&together, options, site_ids, stop) else {
        return Vec::new();
    };
    let column_of = |child: usize, site: usize| -> Option<(usize, usize)> {
        let unit = unit_of[child];
        units[unit]
            .columns
            .iter()
            .position(|column| column.0 == site)
            .map(|column| (unit, column))
    };
    let placed_at = |child: usize| match whole.placements.get(child) {
        Some(Placement::Placed { site, .. }) => Some(*site),
        _ => None,
    };
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut left = capacity.to_vec();
    let mut free = vec![true; units.len()];
    for child in 0..unit_of.len() {
        if let Some(site) = placed_at(child) {
            if let Some(column) = column_of(child, site) {
                kept.push(column);
                left[site] = left[site].saturating_sub(supply[column.0]);
                free[column.0] = false;
            }
        }
    }
    // Locked children are fixed outside the units (their columns are empty).
    for (unit, members) in units.iter().enumerate() {
        if members.columns.is_empty() {
            free[unit] = false;
        }
    }
    let mut candidates = vec![kept.clone()];
    if free.iter().any(|&on| on) {
        let flow = certified_flow(units, &free, supply, &left, options.candidates, None);
        let mut more = kept;
        for ((unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
            if units_on_arc > 0 {
                more.push((*unit, *column));
            }
        }
        candidates.push(more);
    }
    candidates
}
