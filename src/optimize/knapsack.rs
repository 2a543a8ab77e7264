//! A bound tighter than the LP's for sibling groups kept together: Lagrangian relaxation of
//! "each unit at most one site" with the flow's duals as multipliers. What is left falls
//! apart into one 0-1 knapsack per site (items: the columns at the site with a positive
//! profit, weights: unit sizes, capacity: the free places), solved exactly by a small
//! dynamic program. For any multipliers λ ≥ 0 the value `Σ λ + Σ knapsack` bounds every
//! integer solution; with the LP duals it is never above the LP bound, and it is below it
//! where a group of three cannot use the last two places of a site the LP filled
//! fractionally. All in exact integers.

use super::Value;
use super::problem::Unit;

/// The bound and, per site, the best profit for each number of places, to fix columns.
pub(super) struct Knapsacks {
    /// Σ λ + Σ knapsack: an upper bound on every integer solution of the units given.
    pub(super) bound: Value,
    /// For each site, the best profit using at most `k` places, for `k` in 0..=capacity.
    best: Vec<Vec<Value>>,
    /// The multiplier of each unit.
    lambda: Vec<Value>,
}

impl Knapsacks {
    /// Solves the relaxation for the `active` units (their columns as given) with multipliers
    /// `u` per unit of supply (the flow's left duals), on the free places `capacity`.
    pub(super) fn solve(
        units: &[Unit],
        active: &[bool],
        supply: &[u32],
        capacity: &[u32],
        u: &[Value],
    ) -> Knapsacks {
        Knapsacks::with_multipliers(units, active, supply, capacity, &per_unit(u, supply))
    }

    /// The same with multipliers per unit (not per unit of supply), e.g. from
    /// [`improve_multipliers`].
    pub(super) fn with_multipliers(
        units: &[Unit],
        active: &[bool],
        supply: &[u32],
        capacity: &[u32],
        lambda: &[Value],
    ) -> Knapsacks {
        let (mut bound, items) = site_items(units, active, supply, capacity, lambda);
        let best: Vec<Vec<Value>> = items
            .iter()
            .zip(capacity)
            .map(|(items, &places)| knapsack(items, places))
            .collect();
        bound += best
            .iter()
            .map(|table| table.last().copied().unwrap_or(0))
            .sum::<Value>();
        Knapsacks {
            bound,
            best,
            lambda: lambda.to_vec(),
        }
    }

    /// The multiplier of each unit.
    pub(super) fn multipliers(&self) -> &[Value] {
        &self.lambda
    }

    /// An upper bound on every integer solution that uses the column `value` of `unit` (of
    /// `size` children) at `site`.
    pub(super) fn bound_with(&self, unit: usize, site: usize, size: u32, value: Value) -> Value {
        let lambda = self.lambda[unit];
        let table = &self.best[site];
        let Some(&full) = table.last() else {
            return Value::MIN;
        };
        let places = table.len() - 1;
        let Some(rest) = places.checked_sub(size as usize) else {
            return Value::MIN; // The unit does not fit at all.
        };
        // The site's knapsack with this column forced in is at most its profit plus the best
        // use of the places left (which may count the column again: still an upper bound).
        self.bound - full + (value - lambda) + table[rest]
    }
}

/// How often each unit is picked by the site knapsacks at multipliers `lambda` (per unit,
/// size × dual), and the bound: the subgradient of the relaxation is `1 − picks`.
fn picks(units: &[Unit], supply: &[u32], capacity: &[u32], lambda: &[Value]) -> (Value, Vec<i64>) {
    let all = vec![true; units.len()];
    let (mut bound, items) = site_items(units, &all, supply, capacity, lambda);
    let mut count = vec![0i64; units.len()];
    for (site_items, &places) in items.iter().zip(capacity) {
        if site_items.is_empty() {
            continue;
        }
        let places = places as usize;
        let mut best = vec![0 as Value; places + 1];
        let mut take = vec![vec![false; places + 1]; site_items.len()];
        for (idx, &(size, profit, _)) in site_items.iter().enumerate() {
            let size = size as usize;
            for k in (size..=places).rev() {
                if best[k - size] + profit > best[k] {
                    best[k] = best[k - size] + profit;
                    take[idx][k] = true;
                }
            }
        }
        bound += best[places];
        let mut k = places;
        for idx in (0..site_items.len()).rev() {
            if take[idx][k] {
                count[site_items[idx].2] += 1;
                k -= site_items[idx].0 as usize;
            }
        }
    }
    (bound, count)
}

/// Subgradient descent on the multipliers (Polyak steps towards `target`, the incumbent),
/// starting from the LP duals `u` per unit of supply; returns the multipliers per unit with
/// the lowest bound found. Every step is exact; any multipliers ≥ 0 give a valid bound.
pub(super) fn improve_multipliers(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    u: &[Value],
    target: Value,
    rounds: usize,
) -> Vec<Value> {
    let mut lambda = per_unit(u, supply);
    let mut best = (Value::MAX, lambda.clone());
    // The step is (bound − target) / ‖g‖² divided by `shrink`, doubled after five rounds
    // without a better bound.
    let mut shrink: Value = 8;
    let mut stalled = 0;
    for _ in 0..rounds {
        let (bound, count) = picks(units, supply, capacity, &lambda);
        if bound < best.0 {
            best = (bound, lambda.clone());
            stalled = 0;
        } else {
            stalled += 1;
            if stalled >= 5 {
                shrink *= 2;
                stalled = 0;
                lambda = best.1.clone();
            }
        }
        if bound <= target {
            break;
        }
        // g = 1 − picks for units with columns; a unit with λ = 0 and no pick cannot go lower.
        let gradient: Vec<i64> = count
            .iter()
            .zip(&lambda)
            .zip(units)
            .map(|((&picked, &l), unit)| {
                let g = 1 - picked;
                if unit.columns.is_empty() || (g > 0 && l == 0) {
                    0
                } else {
                    g
                }
            })
            .collect();
        let norm: i128 = gradient.iter().map(|&g| i128::from(g * g)).sum();
        if norm == 0 {
            break;
        }
        let step = (bound - target) / norm / shrink;
        if step == 0 {
            break;
        }
        for (l, &g) in lambda.iter_mut().zip(&gradient) {
            *l = (*l - step * i128::from(g)).max(0);
        }
    }
    best.1
}

/// Multipliers per unit from duals per unit of supply.
fn per_unit(u: &[Value], supply: &[u32]) -> Vec<Value> {
    u.iter()
        .zip(supply)
        .map(|(&dual, &size)| dual * Value::from(size))
        .collect()
}

/// One item of a site's knapsack: the unit's size, its profit there, the unit.
type Item = (u32, Value, usize);

/// The knapsack items of every site (the `active` units' columns with a positive profit
/// under `lambda` that fit), and the sum of the active units' multipliers.
fn site_items(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    lambda: &[Value],
) -> (Value, Vec<Vec<Item>>) {
    let mut items: Vec<Vec<Item>> = vec![Vec::new(); capacity.len()];
    let mut multipliers: Value = 0;
    for (unit_idx, unit) in units.iter().enumerate() {
        if !active[unit_idx] {
            continue;
        }
        let size = supply[unit_idx];
        let multiplier = lambda[unit_idx];
        multipliers += multiplier;
        for &(site, value, _) in &unit.columns {
            let profit = value - multiplier;
            if profit > 0 && size <= capacity[site] {
                items[site].push((size, profit, unit_idx));
            }
        }
    }
    (multipliers, items)
}

/// The best total profit using at most `k` places, for every `k` up to `places`.
fn knapsack(items: &[Item], places: u32) -> Vec<Value> {
    let places = places as usize;
    let mut best = vec![0 as Value; places + 1];
    for &(size, profit, _) in items {
        let size = size as usize;
        for k in (size..=places).rev() {
            best[k] = best[k].max(best[k - size] + profit);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_knapsack_takes_the_best_fit_not_the_best_ratio() {
        // Two places: a group of two worth 5 beats two singles worth 2 each, and one single
        // is left over when a group of two and a single compete for two places.
        assert_eq!(
            knapsack(&[(2, 5, 0), (1, 2, 1), (1, 2, 2)], 2),
            vec![0, 2, 5]
        );
        assert_eq!(knapsack(&[(2, 3, 0), (1, 2, 1)], 2), vec![0, 2, 3]);
        assert_eq!(knapsack(&[(3, 9, 0)], 2), vec![0, 0, 0]);
    }

    #[test]
    fn the_bound_is_tighter_than_the_lp_where_a_group_does_not_fit() {
        // One site with 2 places; a group of three is worth 30, i.e. 10 per child, so the LP
        // with u = 0 and v = 10 would bound it at 20; no integer solution places the group.
        let units = vec![Unit {
            members: vec![0, 1, 2],
            columns: vec![(0, 30, 0.0)],
        }];
        let k = Knapsacks::solve(&units, &[true], &[3], &[2], &[0]);
        assert_eq!(k.bound, 0);
        assert_eq!(k.bound_with(0, 0, 3, 30), Value::MIN);
    }
}
