//! Branch and bound over the sibling groups the LP splits.

use std::collections::{BTreeMap, BTreeSet};

use super::Value;
use super::certify::{certified_flow, repair};
use super::knapsack::Knapsacks;
use super::problem::Unit;

/// The root LP relaxation: its bound, its dual solution (per unit of supply) and the columns
/// its certificate added beyond each unit's first candidates.
pub(super) struct Root<'a> {
    /// The LP bound.
    pub(super) bound: Value,
    /// The knapsack relaxation with the same duals (never above the LP bound).
    pub(super) knapsacks: &'a Knapsacks,
    pub(super) u: &'a [Value],
    pub(super) v: &'a [Value],
    pub(super) extra: &'a [BTreeSet<usize>],
}

impl Root<'_> {
    /// Reduced-cost fixing: for each unit, the columns (ascending) that a solution better than
    /// `incumbent` may use. By LP duality, any integer solution that uses a column is worth at
    /// most the root bound plus the column's reduced cost (which is never positive at the
    /// certified root), and at most the knapsack bound with that column forced in; a column
    /// whose bound cannot beat the incumbent is left out of every node. Exact: values and
    /// duals are integers.
    pub(super) fn pool(&self, units: &[Unit], supply: &[u32], incumbent: Value) -> Vec<Vec<usize>> {
        units
            .iter()
            .enumerate()
            .map(|(unit_idx, unit)| {
                let size = Value::from(supply[unit_idx]);
                unit.columns
                    .iter()
                    .enumerate()
                    .filter(|&(_, &(site, column_value, _))| {
                        let lambda = size * self.u[unit_idx];
                        let reduced = column_value - lambda - size * self.v[site];
                        self.bound + reduced > incumbent
                            && self.knapsacks.bound_with(
                                unit_idx,
                                site,
                                supply[unit_idx],
                                column_value,
                            ) > incumbent
                    })
                    .map(|(column, _)| column)
                    .collect()
            })
            .collect()
    }
}

/// What a branch and bound found.
pub(super) struct Search {
    pub(super) chosen: Vec<(usize, usize)>,
    pub(super) value: Value,
    /// Best bound of the nodes left (equal to `value` when complete).
    pub(super) bound: Value,
    pub(super) nodes: usize,
    pub(super) complete: bool,
}

/// A restriction on one sibling group's sites.
#[derive(Clone)]
enum Restriction {
    /// The whole group at this column (taken out of the LP, its places used).
    Fixed(usize),
    /// None of these sites.
    Not(BTreeSet<usize>),
}

/// A node waiting to be explored, ordered by its parent's bound (best first), then by age.
struct Node {
    bound: Value,
    order: usize,
    restrictions: Vec<(usize, Restriction)>,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Node {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound
            .cmp(&other.bound)
            .then_with(|| other.order.cmp(&self.order))
    }
}

/// Branch and bound for sibling groups that must stay together. The LP relaxation of every
/// node is a transportation problem (a group is a node with supply = its size), solved exactly
/// by [`certified_flow`]; a node whose bound cannot beat the incumbent is pruned; a split
/// group is branched on: one child node per site it was split over, plus one excluding them.
#[allow(clippy::too_many_arguments)]
pub(super) fn branch_and_bound(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    root: &Root<'_>,
    incumbent: (Value, Vec<(usize, usize)>),
    stop: &dyn Fn() -> bool,
) -> Search {
    let root_extra = root.extra;
    let root_bound = root.bound.min(root.knapsacks.bound);
    let (mut value, mut chosen) = incumbent;
    // Reduced-cost fixing: the columns that could still be part of a better solution. Redone
    // whenever the incumbent improves.
    let mut pool = root.pool(units, supply, value);
    let mut pool_value = value;
    let mut heap = std::collections::BinaryHeap::new();
    heap.push(Node {
        bound: root_bound,
        order: 0,
        restrictions: Vec::new(),
    });
    let mut order = 1;
    let mut nodes = 0;
    // Depth first along the most promising child (a "plunge"), best first when a dive ends:
    // dives reach whole-group solutions early, which prune the rest.
    let mut dive: Option<Node> = None;
    loop {
        let (node, diving) = match dive.take() {
            Some(node) => (node, true),
            None => match heap.pop() {
                Some(node) => (node, false),
                None => break,
            },
        };
        if node.bound <= value {
            continue;
        }
        if stop() {
            heap.push(node);
            break;
        }
        nodes += 1;
        if value > pool_value {
            pool = root.pool(units, supply, value);
            pool_value = value;
        }
        // The units with this node's restrictions applied; column indices map back through
        // `original`. Fixed groups leave the LP and use their places.
        let mut restricted: Vec<Unit> = Vec::with_capacity(units.len());
        let mut original: Vec<Vec<usize>> = Vec::with_capacity(units.len());
        let mut active = vec![true; units.len()];
        let mut left = capacity.to_vec();
        let mut fixed: Vec<(usize, usize)> = Vec::new();
        let mut fixed_value: Value = 0;
        let mut infeasible = false;
        for (unit_idx, unit) in units.iter().enumerate() {
            let mut kept: Vec<usize> = pool[unit_idx].clone();
            for (_, restriction) in node.restrictions.iter().filter(|(u, _)| *u == unit_idx) {
                match restriction {
                    Restriction::Fixed(column) => {
                        active[unit_idx] = false;
                        fixed.push((unit_idx, *column));
                        fixed_value += unit.columns[*column].1;
                        let site = unit.columns[*column].0;
                        if left[site] < supply[unit_idx] {
                            infeasible = true;
                        }
                        left[site] = left[site].saturating_sub(supply[unit_idx]);
                    }
                    Restriction::Not(sites) => {
                        kept.retain(|&c| !sites.contains(&unit.columns[c].0))
                    }
                }
            }
            restricted.push(Unit {
                members: unit.members.clone(),
                columns: kept.iter().map(|&c| unit.columns[c]).collect(),
            });
            original.push(kept);
        }
        if infeasible {
            // The fixed groups need more places than a site has.
            continue;
        }
        // Start from the root's certified columns, so that a node rarely needs to widen.
        let seed: Vec<BTreeSet<usize>> = root_extra
            .iter()
            .zip(&original)
            .map(|(extra, kept)| {
                extra
                    .iter()
                    .filter_map(|column| kept.binary_search(column).ok())
                    .collect()
            })
            .collect();
        let flow = certified_flow(
            &restricted,
            &active,
            supply,
            &left,
            candidates,
            Some(seed.clone()),
        );
        // The node's knapsack relaxation under its own duals may cut deeper than its LP.
        let knapsacks = Knapsacks::solve(&restricted, &active, supply, &left, &flow.lp.u);
        let rooted = Knapsacks::with_multipliers(
            &restricted,
            &active,
            supply,
            &left,
            root.knapsacks.multipliers(),
        );
        let bound = fixed_value + flow.lp.dual.min(knapsacks.bound).min(rooted.bound);
        if bound <= value {
            continue;
        }
        let mut at: BTreeMap<usize, Vec<(usize, u32)>> = BTreeMap::new();
        for (&(unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
            if units_on_arc > 0 {
                at.entry(unit).or_default().push((column, units_on_arc));
            }
        }
        let split = at
            .iter()
            .find(|(unit, parts)| parts.len() > 1 || parts[0].1 < supply[**unit]);
        let to_original = |picked: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
            let mut all: Vec<(usize, usize)> = fixed.clone();
            all.extend(
                picked
                    .into_iter()
                    .map(|(unit, column)| (unit, original[unit][column])),
            );
            all
        };
        let Some((&split_unit, parts)) = split else {
            // Integral: every group whole. It is the best solution under this node.
            let picked: Vec<(usize, usize)> =
                at.iter().map(|(&unit, parts)| (unit, parts[0].0)).collect();
            if fixed_value + flow.lp.primal > value {
                value = fixed_value + flow.lp.primal;
                chosen = to_original(picked);
            }
            continue;
        };
        // A whole-group solution near this node's optimum may improve the incumbent; repaired
        // where a dive starts (inside a dive, the dive itself reaches such solutions).
        if !diving {
            let kept_groups: Vec<(usize, usize)> = at
                .iter()
                .filter(|(unit, parts)| {
                    supply[**unit] > 1 && parts.len() == 1 && parts[0].1 == supply[**unit]
                })
                .map(|(&unit, parts)| (unit, parts[0].0))
                .collect();
            let split_units: Vec<usize> = at
                .iter()
                .filter(|(unit, parts)| {
                    supply[**unit] > 1 && (parts.len() > 1 || parts[0].1 < supply[**unit])
                })
                .map(|(&unit, _)| unit)
                .collect();
            let repaired = repair(
                &restricted,
                supply,
                &left,
                &kept_groups,
                &split_units,
                candidates,
                &active,
                Some(seed),
            );
            let repaired_value: Value = fixed_value
                + repaired
                    .iter()
                    .map(|&(unit, column)| restricted[unit].columns[column].1)
                    .sum::<Value>();
            if repaired_value > value {
                value = repaired_value;
                chosen = to_original(repaired);
            }
        }
        let sites: BTreeSet<usize> = parts
            .iter()
            .map(|&(column, _)| restricted[split_unit].columns[column].0)
            .collect();
        // Dive into the site that carries most of the group in the LP.
        let deepest = parts
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.1.cmp(&b.1.1).then_with(|| b.0.cmp(&a.0)))
            .map_or(0, |(idx, _)| idx);
        for (idx, &(column, _)) in parts.iter().enumerate() {
            let mut restrictions = node.restrictions.clone();
            restrictions.push((split_unit, Restriction::Fixed(original[split_unit][column])));
            let child = Node {
                bound,
                order,
                restrictions,
            };
            if idx == deepest {
                dive = Some(child);
            } else {
                heap.push(child);
            }
            order += 1;
        }
        let mut restrictions = node.restrictions.clone();
        restrictions.push((split_unit, Restriction::Not(sites)));
        heap.push(Node {
            bound,
            order,
            restrictions,
        });
        order += 1;
    }
    heap.extend(dive);
    let open_bound = heap.iter().map(|node| node.bound).max().unwrap_or(value);
    let complete = heap.iter().all(|node| node.bound <= value);
    Search {
        chosen,
        value,
        bound: if complete {
            value
        } else {
            open_bound.max(value)
        },
        nodes,
        complete,
    }
}
