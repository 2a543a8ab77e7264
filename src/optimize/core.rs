//! An incumbent for the branch and bound from an LP-guided core problem (issue 12): keep only
//! the columns whose reduced cost under the root duals is within `tolerance` of zero (the
//! columns an optimum almost surely uses), solve that small MILP with only the sibling-group
//! columns integer, then keep its group choices and re-place every single child exactly by a
//! certified flow over *all* its columns. The result is feasible and valued exactly by the
//! caller; it is only a starting point, never the proof.

use super::Value;
use super::certify::certified_flow;
use super::milp::{self, Milp};
use super::priorities::{SCORE_UNITS, TierWeights};
use super::problem::Unit;

/// Each unit's best columns always enter the core: a whole-group solution may need to give
/// up a lower tier (a foster family for a young child) to place one more child, and such a
/// column's reduced cost is far below any small tolerance.
const CORE_BEST_COLUMNS: usize = 8;

/// Seconds the core MILP may run.
const CORE_SECONDS: f64 = 3.0;

/// How the core values columns: the exact tiers, the scale of the column values, and the
/// reduced cost within which a column enters.
#[derive(Clone, Copy)]
pub(super) struct CoreObjective<'a> {
    pub(super) tiers: &'a TierWeights,
    pub(super) scale: Value,
    pub(super) tolerance: Value,
}

/// A whole-group solution as (unit, column), or `None` when the backend found nothing.
pub(super) fn core_incumbent(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    duals: (&[Value], &[Value]),
    objective: &CoreObjective<'_>,
    candidates: usize,
    incumbent: &[(usize, usize)],
) -> Option<Vec<(usize, usize)>> {
    let CoreObjective {
        tiers,
        scale,
        tolerance,
    } = *objective;
    let mut columns = Vec::new();
    let mut index = Vec::new();
    let mut warm_start = Vec::new();
    let start: std::collections::BTreeSet<(usize, usize)> = incumbent.iter().copied().collect();
    for (unit_idx, unit) in units.iter().enumerate() {
        let size = Value::from(supply[unit_idx]);
        for (column, &(site, value, _)) in unit.columns.iter().enumerate() {
            let reduced = value - size * (duals.0[unit_idx] + duals.1[site]);
            let in_start = start.contains(&(unit_idx, column));
            if reduced >= -tolerance || column < CORE_BEST_COLUMNS || in_start {
                if in_start {
                    warm_start.push(columns.len());
                }
                columns.push(milp::Column {
                    unit: unit_idx,
                    site,
                    value: compressed(value / scale, tiers),
                });
                index.push((unit_idx, column));
            }
        }
    }
    let no_groups: Vec<Vec<usize>> = Vec::new();
    let no_sites = Vec::new();
    let result = Milp {
        unit_sizes: supply,
        columns,
        capacity,
        split_groups: &no_groups,
        locked_sites: &no_sites,
        split_penalty: 0.0,
        // The incumbent is in the core: a stopped backend returns at least that.
        warm_start,
        time_limit: Some(CORE_SECONDS),
        binary_columns: true,
    }
    .solve()
    .ok()?;
    // Keep the groups where the core put them; place the single children exactly.
    let mut left = capacity.to_vec();
    let mut chosen = Vec::new();
    for &idx in &result.chosen {
        let (unit, column) = index[idx];
        if supply[unit] > 1 {
            let site = units[unit].columns[column].0;
            if left[site] < supply[unit] {
                return None;
            }
            left[site] -= supply[unit];
            chosen.push((unit, column));
        }
    }
    let singles: Vec<bool> = supply.iter().map(|&size| size == 1).collect();
    let flow = certified_flow(units, &singles, supply, &left, candidates, None);
    for ((unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
        if units_on_arc > 0 {
            chosen.push((*unit, *column));
        }
    }
    Some(chosen)
}

/// A column's value for the floating-point backend: the exact tiers would need 128 bits, and
/// a score point would vanish next to one placed child. Each tier's count is taken out of the
/// exact value (highest weight first) and weighted by a small factor per rank: 10 score
/// points per unit of the tier just above the score, 100 for the next, and so on. The order
/// of the tiers holds within one column and nearly always across columns; the caller values
/// the answer exactly and keeps it only if it is better.
fn compressed(value: Value, tiers: &TierWeights) -> f64 {
    let mut present: Vec<Value> = [tiers.placed, tiers.network, tiers.family]
        .into_iter()
        .filter(|&weight| weight > 0)
        .collect();
    present.sort_unstable_by(|a, b| b.cmp(a));
    let mut rest = value;
    let mut total = 0.0;
    let ranks = present.len() as i32;
    for (rank, weight) in present.into_iter().enumerate() {
        let count = rest / weight;
        rest -= count * weight;
        total += count as f64 * 10f64.powi(ranks - rank as i32);
    }
    let score_units = if tiers.score > 0 {
        rest / tiers.score
    } else {
        0
    };
    total + score_units as f64 / SCORE_UNITS
}
