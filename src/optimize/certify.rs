//! The LP relaxation by certified min-cost flow, and the repair of a split LP solution.

use std::collections::BTreeSet;

use super::Value;
use super::flow::{self, Arc, FlowSolution, Transport};
use super::problem::Unit;

const ADD_PER_ROUND: usize = 16;

/// A column's value per child of its unit (exact: every value is a multiple of every unit
/// size). Single children skip the 128-bit division, which dominates the scans otherwise.
pub(super) fn per_child(value: Value, size: u32) -> Value {
    if size == 1 {
        value
    } else {
        value / Value::from(size)
    }
}

/// An optimal flow over some units, with the columns of its arcs and the number of rounds.
pub(super) struct CertifiedFlow {
    /// `(unit, column)` of each arc of the final model.
    pub(super) arc_columns: Vec<(usize, usize)>,
    pub(super) lp: flow::FlowSolution,
    pub(super) rounds: usize,
    /// Columns added beyond the first `candidates` of each unit, to seed later solves.
    pub(super) extra: Vec<BTreeSet<usize>>,
    /// The final model: where a later solve of nearly the same problem starts (see
    /// [`certified_flow_near`]).
    transport: Transport,
}

/// Solves the transportation problem of the `active` units on their best `candidates`
/// columns, then adds every column with a positive reduced cost under the dual solution and
/// solves again, until none is left: the result is optimal over *all* columns.
pub(super) fn certified_flow(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    seed: Option<Vec<BTreeSet<usize>>>,
) -> CertifiedFlow {
    let extra = seed.unwrap_or_else(|| vec![BTreeSet::new(); units.len()]);
    certified_flow_from(units, active, supply, capacity, candidates, extra, None)
}

/// The same, from the result of an earlier solve of the same units with the same `active`
/// and `candidates` and as many places or more at every site: its columns, flow and
/// potentials are the start, so only the units that the places taken since displace are
/// sent again.
pub(super) fn certified_flow_near(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    near: &CertifiedFlow,
) -> CertifiedFlow {
    let extra = near.extra.clone();
    certified_flow_from(
        units,
        active,
        supply,
        capacity,
        candidates,
        extra,
        Some(near),
    )
}

fn certified_flow_from(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    mut extra: Vec<BTreeSet<usize>>,
    near: Option<&CertifiedFlow>,
) -> CertifiedFlow {
    let included: Vec<usize> = units
        .iter()
        .zip(active)
        .map(|(unit, &on)| {
            if on {
                unit.columns.len().min(candidates)
            } else {
                0
            }
        })
        .collect();
    let mut rounds = 0;
    let mut previous: Option<(Transport, FlowSolution)> = None;
    loop {
        rounds += 1;
        let mut arcs = Vec::new();
        let mut arc_columns = Vec::new();
        for (unit_idx, unit) in units.iter().enumerate() {
            let columns = (0..included[unit_idx]).chain(extra[unit_idx].iter().copied());
            for column in columns {
                let (site, value, _) = unit.columns[column];
                arcs.push(Arc {
                    left: unit_idx,
                    right: site,
                    value: per_child(value, supply[unit_idx]),
                });
                arc_columns.push((unit_idx, column));
            }
        }
        let supply: Vec<u32> = supply
            .iter()
            .zip(active)
            .map(|(&s, &on)| if on { s } else { 0 })
            .collect();
        let transport = Transport {
            supply: supply.clone(),
            capacity: capacity.to_vec(),
            arcs,
        };
        // Each round adds arcs only: it starts from the last round's optimum (the first from
        // the earlier solve, if any).
        let lp = match (&previous, near) {
            (Some((narrower, solution)), _) => transport.solve_from(narrower, solution),
            (None, Some(near)) => transport.solve_from(&near.transport, &near.lp),
            (None, None) => transport.solve(),
        };
        let mut widened = false;
        for (unit_idx, unit) in units.iter().enumerate().filter(|(idx, _)| active[*idx]) {
            let size = supply[unit_idx];
            let mut violations: Vec<(Value, usize)> = unit
                .columns
                .iter()
                .enumerate()
                .skip(included[unit_idx])
                .filter(|(column, _)| !extra[unit_idx].contains(column))
                .map(|(column, &(site, value, _))| {
                    (per_child(value, size) - lp.u[unit_idx] - lp.v[site], column)
                })
                .filter(|&(reduced, _)| reduced > 0)
                .collect();
            violations.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            for &(_, column) in violations.iter().take(ADD_PER_ROUND) {
                extra[unit_idx].insert(column);
                widened = true;
            }
        }
        if !widened {
            return CertifiedFlow {
                arc_columns,
                lp,
                rounds,
                extra,
                transport,
            };
        }
        previous = Some((transport, lp));
    }
}

/// A feasible integer solution near the LP optimum: groups the LP kept whole stay; each split
/// group goes whole to its best column that still has room; then the single children are
/// placed optimally around the groups by a certified flow.
#[allow(clippy::too_many_arguments)]
pub(super) fn repair(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    chosen_groups: &[(usize, usize)],
    split_groups: &[usize],
    candidates: usize,
    active: &[bool],
    seed: Option<Vec<BTreeSet<usize>>>,
) -> Vec<(usize, usize)> {
    let mut left = capacity.to_vec();
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for &(unit, column) in chosen_groups {
        left[units[unit].columns[column].0] -= supply[unit];
        chosen.push((unit, column));
    }
    let mut order = split_groups.to_vec();
    order.sort_by(|&a, &b| {
        let best = |unit: usize| units[unit].columns.first().map_or(0, |column| column.1);
        best(b).cmp(&best(a)).then_with(|| a.cmp(&b))
    });
    for unit in order {
        if let Some(column) = units[unit]
            .columns
            .iter()
            .position(|&(site, _, _)| left[site] >= supply[unit])
        {
            left[units[unit].columns[column].0] -= supply[unit];
            chosen.push((unit, column));
        }
    }
    place_singles(units, supply, &left, candidates, active, seed, &mut chosen);
    chosen
}

/// Places the `active` single children optimally on the places `left` (around groups already
/// placed) by a certified flow, adding their `(unit, column)` to `chosen`.
pub(super) fn place_singles(
    units: &[Unit],
    supply: &[u32],
    left: &[u32],
    candidates: usize,
    active: &[bool],
    seed: Option<Vec<BTreeSet<usize>>>,
    chosen: &mut Vec<(usize, usize)>,
) {
    let singles: Vec<bool> = supply
        .iter()
        .zip(active)
        .map(|(&size, &on)| size == 1 && on)
        .collect();
    let flow = certified_flow(units, &singles, supply, left, candidates, seed);
    for (&(unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
        if units_on_arc > 0 {
            chosen.push((unit, column));
        }
    }
}
