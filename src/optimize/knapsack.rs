//! A bound tighter than the LP's for sibling groups kept together: Lagrangian relaxation of
//! "each unit at most one site". What is left falls apart into one 0-1 knapsack per site
//! (items: the columns at the site with a positive profit, weights: unit sizes, capacity: the
//! free places), solved exactly by a small dynamic program. For any multipliers λ ≥ 0 the
//! value `Σ λ + Σ knapsack` bounds every integer solution; with the LP duals it is never above
//! the LP bound, and it is below it where a group of three cannot use the last two places of
//! a site the LP filled fractionally. The multipliers start at the LP duals and are tightened
//! by coordinate descent ([`coordinate_descent`]). All in exact integers.

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
    /// `lambda` per unit (not per unit of supply), on the free places `capacity`.
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

/// How long [`coordinate_descent`] runs: at most `most` passes, fewer once a pass lowers the
/// bound by less than `min_gain` or `stop` says so.
pub(super) struct Passes<'a> {
    pub(super) most: usize,
    pub(super) min_gain: Value,
    pub(super) stop: &'a dyn Fn() -> bool,
}

/// Block coordinate descent on the multipliers, from `lambda` (per unit), for the `passes`
/// over the active units; returns the bound at the multipliers left in `lambda`.
///
/// Each unit's multiplier in turn is set to a minimizer of the relaxation along its own
/// coordinate, the others held. Along one coordinate the bound is
/// `λ + Σ_s max(A_s, C_s − λ) + const`, where `A_s` is site s's best knapsack without the unit
/// and `C_s` the best with the unit's column forced in (before its multiplier): convex and
/// piecewise linear, with a minimum anywhere between the two largest gains `C_s − A_s`
/// (clamped at 0). The midpoint is taken. A pass never raises the bound, and every
/// multiplier ≥ 0 gives a valid one, so stopping at any point is safe. (Subgradient steps
/// from the same start stalled three times higher on generated national data.)
pub(super) fn coordinate_descent(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    lambda: &mut [Value],
    passes: Passes<'_>,
) -> Value {
    let Passes {
        most: sweeps,
        min_gain,
        stop,
    } = passes;
    // The sites the active units reach, each with its items.
    let mut slot = vec![u32::MAX; capacity.len()];
    let mut sites: Vec<SiteKnapsack> = Vec::new();
    for (unit_idx, unit) in units.iter().enumerate() {
        if !active[unit_idx] {
            lambda[unit_idx] = 0;
            continue;
        }
        for &(site, value, _) in &unit.columns {
            if supply[unit_idx] > capacity[site] {
                continue;
            }
            if slot[site] == u32::MAX {
                slot[site] = sites.len() as u32;
                sites.push(SiteKnapsack::new(site, capacity[site]));
            }
            sites[slot[site] as usize]
                .items
                .push((unit_idx as u32, supply[unit_idx], value));
        }
    }
    // The sites where each unit is selected (see `SiteKnapsack`).
    let mut selected_at: Vec<Vec<u32>> = vec![Vec::new(); units.len()];
    for site in &mut sites {
        site.select(lambda, &mut selected_at);
    }
    let bound_of = |sites: &[SiteKnapsack], lambda: &[Value]| -> Value {
        lambda.iter().sum::<Value>() + sites.iter().map(SiteKnapsack::best).sum::<Value>()
    };
    let mut bound = bound_of(&sites, lambda);
    let mut scratch = Vec::new();
    for _ in 0..sweeps {
        for (unit_idx, unit) in units.iter().enumerate() {
            if !active[unit_idx] {
                continue;
            }
            let size = supply[unit_idx] as usize;
            let old = lambda[unit_idx];
            // The two largest gains, at least 0. Where the unit is selected, the site's best
            // without it is computed again; elsewhere the site's table is that already.
            let (mut first, mut second) = (0 as Value, 0 as Value);
            let at = &selected_at[unit_idx];
            for &(site, value, _) in &unit.columns {
                if supply[unit_idx] > capacity[site] {
                    continue;
                }
                let knapsack = &sites[slot[site] as usize];
                let marginal = if at.contains(&(site as u32)) {
                    knapsack.marginal_without(unit_idx as u32, size, &mut scratch)
                } else {
                    knapsack.marginal(size)
                };
                let gain = value - marginal;
                if gain > first {
                    second = first;
                    first = gain;
                } else if gain > second {
                    second = gain;
                }
            }
            let new = second + (first - second) / 2;
            if new == old {
                continue;
            }
            lambda[unit_idx] = new;
            for &(site, value, _) in &unit.columns {
                if supply[unit_idx] > capacity[site] {
                    continue;
                }
                let knapsack = &mut sites[slot[site] as usize];
                if knapsack.affected(unit_idx as u32, size, value - new) {
                    knapsack.select(lambda, &mut selected_at);
                }
            }
        }
        let lowered = bound_of(&sites, lambda);
        let gain = bound - lowered;
        bound = lowered;
        if gain < min_gain || stop() {
            break;
        }
    }
    bound
}

/// One site's knapsack in [`coordinate_descent`]: its items, and the few that can matter.
/// Items of the same size are interchangeable but for their profit, so a best packing of
/// `places` uses only the best `places / size` items of each size; keeping one more of each
/// (the selection) leaves the best packing *without any one item* computable from the
/// selection alone.
struct SiteKnapsack {
    site: u32,
    places: usize,
    /// (unit, size, value) of every column at the site that fits.
    items: Vec<(u32, u32, Value)>,
    /// The selected items, all with a positive profit.
    selected: Vec<Item>,
    /// The best profit using at most `k` places, from the selection.
    table: Vec<Value>,
}

impl SiteKnapsack {
    fn new(site: usize, places: u32) -> SiteKnapsack {
        SiteKnapsack {
            site: site as u32,
            places: places as usize,
            items: Vec::new(),
            selected: Vec::new(),
            table: vec![0; places as usize + 1],
        }
    }

    fn best(&self) -> Value {
        self.table[self.places]
    }

    /// How many items of `size` the selection keeps.
    fn keep(&self, size: u32) -> usize {
        self.places / size as usize + 1
    }

    /// Selects the best items of each size under `lambda` and fills the table; keeps
    /// `selected_at` (the sites where each unit is selected) up to date.
    fn select(&mut self, lambda: &[Value], selected_at: &mut [Vec<u32>]) {
        for &(_, _, unit) in &self.selected {
            selected_at[unit].retain(|&site| site != self.site);
        }
        self.selected.clear();
        for &(unit, size, value) in &self.items {
            let profit = value - lambda[unit as usize];
            if profit <= 0 {
                continue;
            }
            let keep = self.keep(size);
            let mut same = 0;
            let mut weakest: Option<usize> = None;
            for (idx, &(other_size, other_profit, _)) in self.selected.iter().enumerate() {
                if other_size == size {
                    same += 1;
                    if weakest.is_none_or(|w| other_profit < self.selected[w].1) {
                        weakest = Some(idx);
                    }
                }
            }
            let item = (size, profit, unit as usize);
            if same < keep {
                self.selected.push(item);
            } else if let Some(w) = weakest.filter(|&w| profit > self.selected[w].1) {
                self.selected[w] = item;
            }
        }
        for &(_, _, unit) in &self.selected {
            selected_at[unit].push(self.site);
        }
        let mut table = std::mem::take(&mut self.table);
        fill(&self.selected, self.places, None, &mut table);
        self.table = table;
    }

    /// The best profit of all places minus the best of `size` places fewer, for a unit that
    /// is not selected here.
    fn marginal(&self, size: usize) -> Value {
        self.table[self.places] - self.table[self.places - size]
    }

    /// The same for a selected `unit`: the knapsack without it.
    fn marginal_without(&self, unit: u32, size: usize, scratch: &mut Vec<Value>) -> Value {
        let places = self.places;
        fill(&self.selected, places, Some(unit as usize), scratch);
        scratch[places] - scratch[places - size]
    }

    /// Whether a new `profit` of `unit` can change the selection.
    fn affected(&self, unit: u32, size: usize, profit: Value) -> bool {
        if self.selected.iter().any(|item| item.2 == unit as usize) {
            return true;
        }
        if profit <= 0 {
            return false;
        }
        let mut same = 0;
        let mut weaker = false;
        for &(other_size, other_profit, _) in &self.selected {
            if other_size as usize == size {
                same += 1;
                weaker |= profit > other_profit;
            }
        }
        same < self.keep(size as u32) || weaker
    }
}

/// The 0-1 knapsack over `items` (leaving out the unit `without`): the best profit for each
/// number of places up to `places`, into `table`.
fn fill(items: &[Item], places: usize, without: Option<usize>, table: &mut Vec<Value>) {
    table.clear();
    table.resize(places + 1, 0);
    for &(size, profit, unit) in items {
        if Some(unit) == without {
            continue;
        }
        let size = size as usize;
        for k in (size..=places).rev() {
            table[k] = table[k].max(table[k - size] + profit);
        }
    }
}

/// Multipliers per unit from duals per unit of supply.
pub(super) fn per_unit(u: &[Value], supply: &[u32]) -> Vec<Value> {
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
    let mut table = Vec::new();
    fill(items, places as usize, None, &mut table);
    table
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
        let k = Knapsacks::with_multipliers(&units, &[true], &[3], &[2], &[0]);
        assert_eq!(k.bound, 0);
        assert_eq!(k.bound_with(0, 0, 3, 30), Value::MIN);
    }
}
