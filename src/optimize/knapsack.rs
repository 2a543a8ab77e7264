//! A bound tighter than the LP's for sibling groups kept together: Lagrangian relaxation of
//! "each unit at most one site". What is left falls apart into one 0-1 knapsack per site
//! (items: the columns at the site with a positive profit, weights: unit sizes, capacity: the
//! free places), solved exactly by a small dynamic program. For any multipliers λ ≥ 0 the
//! value `Σ λ + Σ knapsack` bounds every integer solution; with the LP duals it is never above
//! the LP bound, and it is below it where a group of three cannot use the last two places of
//! a site the LP filled fractionally. The multipliers start at the LP duals and are tightened
//! by coordinate descent ([`Knapsacks::descend`]), then by subgradient steps where the descent
//! stalls ([`Knapsacks::polish`]). With a unit decided (placed at one site, or
//! left without one) the relaxation is solved again exactly from the same tables
//! ([`Knapsacks::unit`]), which the search uses to fix and to branch. All in exact integers.

use super::Value;
use super::problem::Unit;

/// The relaxation at given multipliers: one knapsack per site the active units reach.
#[derive(Clone)]
pub(super) struct Knapsacks {
    /// Σ λ + Σ knapsack: an upper bound on every integer solution of the units given.
    pub(super) bound: Value,
    /// The multiplier of each unit (0 for units left out).
    lambda: Vec<Value>,
    /// The units in the relaxation.
    active: Vec<bool>,
    /// The size of each unit.
    sizes: Vec<u32>,
    /// Each active unit's columns in the relaxation: (its site's knapsack, value, the column's
    /// position among the unit's columns).
    columns: Vec<Vec<(u32, Value, u32)>>,
    /// Each site's knapsack in `sites`, or `u32::MAX` where no unit fits.
    slot: Vec<u32>,
    sites: Vec<SiteKnapsack>,
    /// The sites where each unit is selected (see [`SiteKnapsack`]).
    selected_at: Vec<Vec<u32>>,
    /// How many sites' best packings hold each unit, as of the last [`Knapsacks::packed`].
    packed: Vec<u32>,
}

/// How long [`Knapsacks::descend`] runs: at most `most` passes, fewer once a pass lowers the
/// bound by less than `min_gain` or `stop` says so.
pub(super) struct Passes<'a> {
    pub(super) most: usize,
    pub(super) min_gain: Value,
    pub(super) stop: &'a dyn Fn() -> bool,
}

impl Knapsacks {
    /// Solves the relaxation for the `active` units with multipliers `lambda` per unit (not
    /// per unit of supply), on the free places `capacity`: each unit's columns, or only those
    /// listed in `pool` (positions among its columns, ascending).
    pub(super) fn new(
        units: &[Unit],
        pool: Option<&[Vec<usize>]>,
        active: &[bool],
        supply: &[u32],
        capacity: &[u32],
        lambda: Vec<Value>,
    ) -> Knapsacks {
        let mut slot = vec![u32::MAX; capacity.len()];
        let mut sites: Vec<SiteKnapsack> = Vec::new();
        let mut columns: Vec<Vec<(u32, Value, u32)>> = vec![Vec::new(); units.len()];
        for (unit_idx, unit) in units.iter().enumerate() {
            if !active[unit_idx] {
                continue;
            }
            let size = supply[unit_idx];
            let mut add = |column: usize| {
                let (site, value, _) = unit.columns[column];
                if size > capacity[site] {
                    return;
                }
                if slot[site] == u32::MAX {
                    slot[site] = sites.len() as u32;
                    sites.push(SiteKnapsack::new(site, capacity[site]));
                }
                sites[slot[site] as usize]
                    .items
                    .push((unit_idx as u32, size, value));
                columns[unit_idx].push((slot[site], value, column as u32));
            };
            match pool {
                Some(pool) => pool[unit_idx].iter().for_each(|&column| add(column)),
                None => (0..unit.columns.len()).for_each(add),
            }
        }
        let mut knapsacks = Knapsacks {
            bound: 0,
            lambda: Vec::new(),
            active: active.to_vec(),
            sizes: supply.to_vec(),
            columns,
            slot,
            sites,
            selected_at: vec![Vec::new(); units.len()],
            packed: vec![0; units.len()],
        };
        knapsacks.set_multipliers(lambda);
        knapsacks
    }

    fn total(&self) -> Value {
        self.lambda.iter().sum::<Value>() + self.sites.iter().map(SiteKnapsack::best).sum::<Value>()
    }

    /// How many sites' best packings hold each unit: the subgradient of the bound is
    /// `1 − packed` per active unit. Only the sites whose knapsack changed since the last
    /// call are read back.
    fn packed(&mut self) -> &[u32] {
        for knapsack in self.sites.iter_mut().filter(|knapsack| knapsack.stale) {
            for &unit in &knapsack.packing {
                self.packed[unit as usize] -= 1;
            }
            knapsack.packing = knapsack.packing();
            for &unit in &knapsack.packing {
                self.packed[unit as usize] += 1;
            }
            knapsack.stale = false;
        }
        &self.packed
    }

    /// Sets the multipliers (0 for the units left out) and solves every knapsack again.
    fn set_multipliers(&mut self, lambda: Vec<Value>) {
        self.lambda = lambda;
        for (unit, lambda) in self.lambda.iter_mut().enumerate() {
            if !self.active[unit] {
                *lambda = 0;
            }
        }
        for knapsack in &mut self.sites {
            knapsack.select(&self.lambda, &mut self.selected_at);
        }
        self.bound = self.total();
    }

    /// At most `most` subgradient steps on the multipliers towards `target` (a value some
    /// solution reaches), fewer once `stop` says so; ends at the best multipliers seen.
    /// Coordinate descent stalls where no single multiplier helps but several together
    /// would; these steps go on from there. Polyak's step, `θ · (bound − target) / ‖g‖²`
    /// with `g = 1 − packed` per unit, θ halved after `PATIENCE` steps without a better
    /// bound, until it is below `SMALLEST`. The steps are rounded to integers; every bound is
    /// exact whatever the multipliers.
    pub(super) fn polish(&mut self, target: Value, most: usize, stop: &(dyn Fn() -> bool + Sync)) {
        const PATIENCE: usize = 100;
        const SMALLEST: f64 = 1.0 / 65536.0;
        let mut best = (self.bound, self.lambda.clone());
        let mut theta = 1.0f64;
        let mut since = 0;
        for _ in 0..most {
            if self.bound <= target || stop() {
                break;
            }
            self.packed();
            let packed = &self.packed;
            let step: Vec<i64> = (0..self.lambda.len())
                .map(|unit| {
                    let reached = self.active[unit] && !self.columns[unit].is_empty();
                    if reached {
                        1 - i64::from(packed[unit])
                    } else {
                        0
                    }
                })
                .collect();
            let norm: i64 = step.iter().map(|g| g * g).sum();
            if norm == 0 {
                break; // The bound is optimal for these multipliers.
            }
            let length = theta * (self.bound - target) as f64 / norm as f64;
            // Only the units packed other than once move; only their sites are solved again.
            let mut dirty = vec![false; self.sites.len()];
            for (unit, &g) in step.iter().enumerate() {
                if g == 0 {
                    continue;
                }
                let lambda = (self.lambda[unit] - (length * g as f64) as Value).max(0);
                if lambda != self.lambda[unit] {
                    self.lambda[unit] = lambda;
                    for &(slot, _, _) in &self.columns[unit] {
                        dirty[slot as usize] = true;
                    }
                }
            }
            for (knapsack, _) in self
                .sites
                .iter_mut()
                .zip(&dirty)
                .filter(|(_, dirty)| **dirty)
            {
                knapsack.select(&self.lambda, &mut self.selected_at);
            }
            self.bound = self.total();
            if self.bound < best.0 {
                best = (self.bound, self.lambda.clone());
                since = 0;
            } else {
                since += 1;
                if since >= PATIENCE {
                    theta /= 2.0;
                    since = 0;
                    if theta < SMALLEST {
                        break;
                    }
                }
            }
        }
        if best.0 < self.bound {
            self.set_multipliers(best.1);
        }
    }

    /// The multiplier of each unit.
    pub(super) fn multipliers(&self) -> &[Value] {
        &self.lambda
    }

    /// The knapsack of `site` if a unit of `size` fits there.
    fn site(&self, site: usize, size: u32) -> Option<&SiteKnapsack> {
        let slot = *self.slot.get(site)?;
        let knapsack = self.sites.get(slot as usize)?;
        (size as usize <= knapsack.places).then_some(knapsack)
    }

    /// The columns of an active `unit` in the relaxation: (site, value, position among the
    /// unit's columns).
    pub(super) fn columns(&self, unit: usize) -> impl Iterator<Item = (usize, Value, usize)> + '_ {
        self.columns[unit].iter().map(|&(slot, value, column)| {
            (
                self.sites[slot as usize].site as usize,
                value,
                column as usize,
            )
        })
    }

    /// Decides `unit`: it leaves the relaxation, and when placed at `site` its places there
    /// are taken (the caller has checked that it fits). The bound is then the relaxation of
    /// the rest at the same multipliers, as [`Knapsacks::unit`] said (without the unit's
    /// value).
    pub(super) fn decide(&mut self, unit: usize, site: Option<usize>) {
        for slot in self.take_out(unit, site) {
            self.sites[slot as usize].select(&self.lambda, &mut self.selected_at);
        }
        self.bound = self.total();
    }

    /// A copy of this relaxation (made with every unit active) with the `decided` units
    /// decided, at the multipliers `lambda`: the same relaxation as [`Knapsacks::new`] builds
    /// for the units left and the places left, at about a third of the cost.
    pub(super) fn decided(
        &self,
        decided: impl Iterator<Item = (usize, Option<usize>)>,
        lambda: Vec<Value>,
    ) -> Knapsacks {
        let mut knapsacks = self.clone();
        for (unit, site) in decided {
            knapsacks.take_out(unit, site);
        }
        knapsacks.set_multipliers(lambda);
        knapsacks
    }

    /// Takes `unit` out of the relaxation and its places at `site`; the knapsacks where it
    /// was selected, to be solved again.
    fn take_out(&mut self, unit: usize, site: Option<usize>) -> Vec<u32> {
        let size = self.sizes[unit];
        if let Some(&slot) = site.and_then(|site| self.slot.get(site))
            && let Some(knapsack) = self.sites.get_mut(slot as usize)
        {
            // The best use of fewer places is already in the table.
            knapsack.places = knapsack.places.saturating_sub(size as usize);
            knapsack.table.truncate(knapsack.places + 1);
            knapsack.stale = true;
        }
        let mut selected_at = Vec::new();
        if self.active[unit] {
            self.active[unit] = false;
            self.lambda[unit] = 0;
            for (slot, _, _) in std::mem::take(&mut self.columns[unit]) {
                let knapsack = &mut self.sites[slot as usize];
                knapsack.items.retain(|item| item.0 as usize != unit);
                if knapsack.selected.iter().any(|item| item.2 == unit) {
                    selected_at.push(slot);
                }
            }
        }
        selected_at
    }

    /// The relaxation with the active `unit` decided: see [`UnitBound`].
    pub(super) fn unit(&self, unit: usize) -> UnitBound<'_> {
        let lambda = self.lambda[unit];
        let mut without = self.bound - lambda;
        let mut at = Vec::new();
        for &site in &self.selected_at[unit] {
            let knapsack = &self.sites[self.slot[site as usize] as usize];
            let mut table = Vec::new();
            fill(&knapsack.selected, knapsack.places, Some(unit), &mut table);
            without -= knapsack.best() - table[knapsack.places];
            at.push((site, table));
        }
        UnitBound {
            knapsacks: self,
            size: self.sizes[unit],
            without,
            at,
        }
    }

    /// Block coordinate descent on the multipliers for the `passes` over the active units;
    /// lowers `bound` and keeps every table current.
    ///
    /// Each unit's multiplier in turn is set to a minimizer of the relaxation along its own
    /// coordinate, the others held. Along one coordinate the bound is
    /// `λ + Σ_s max(A_s, C_s − λ) + const`, where `A_s` is site s's best knapsack without the
    /// unit and `C_s` the best with the unit's column forced in (before its multiplier):
    /// convex and piecewise linear, with a minimum anywhere between the two largest gains
    /// `C_s − A_s` (clamped at 0). The midpoint is taken. A pass never raises the bound, and
    /// every multiplier ≥ 0 gives a valid one, so stopping at any point is safe. (Subgradient
    /// steps from the same start stalled three times higher on generated national data.)
    pub(super) fn descend(&mut self, passes: Passes<'_>) {
        let Passes {
            most: sweeps,
            min_gain,
            stop,
        } = passes;
        let mut scratch = Vec::new();
        for _ in 0..sweeps {
            for unit_idx in 0..self.columns.len() {
                if !self.active[unit_idx] || self.columns[unit_idx].is_empty() {
                    continue;
                }
                let size = self.sizes[unit_idx] as usize;
                let old = self.lambda[unit_idx];
                // The two largest gains, at least 0. Where the unit is selected, the site's
                // best without it is computed again; elsewhere the site's table is that.
                let (mut first, mut second) = (0 as Value, 0 as Value);
                for &(slot, value, _) in &self.columns[unit_idx] {
                    let knapsack = &self.sites[slot as usize];
                    if size > knapsack.places {
                        continue;
                    }
                    let marginal = if self.selected_at[unit_idx].contains(&knapsack.site) {
                        knapsack.marginal_without(unit_idx, size, &mut scratch)
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
                self.lambda[unit_idx] = new;
                for &(slot, value, _) in &self.columns[unit_idx] {
                    let knapsack = &mut self.sites[slot as usize];
                    if size <= knapsack.places
                        && knapsack.affected(unit_idx, size as u32, value - new)
                    {
                        knapsack.select(&self.lambda, &mut self.selected_at);
                    }
                }
            }
            let lowered = self.total();
            let gain = self.bound - lowered;
            self.bound = lowered;
            if gain < min_gain || stop() {
                break;
            }
        }
    }
}

/// The relaxation of one unit's decision at the same multipliers, exactly: its knapsacks
/// solved again without the unit (only where it is selected, elsewhere nothing changes).
pub(super) struct UnitBound<'a> {
    knapsacks: &'a Knapsacks,
    size: u32,
    /// An upper bound on every integer solution that leaves the unit without a site.
    pub(super) without: Value,
    /// The sites where the unit is selected, each with its table without the unit.
    at: Vec<(u32, Vec<Value>)>,
}

impl UnitBound<'_> {
    /// An upper bound on every integer solution that places the unit at `site`, its column
    /// worth `value` (a column of the units the relaxation was made from); `Value::MIN` where
    /// it does not fit.
    pub(super) fn with(&self, site: usize, value: Value) -> Value {
        let Some(knapsack) = self.knapsacks.site(site, self.size) else {
            return Value::MIN;
        };
        let places = knapsack.places;
        // `without` has the site's best without the unit; with it, the unit's value plus
        // the best of the places left.
        let table = self
            .at
            .iter()
            .find(|(at, _)| *at as usize == site)
            .map_or(&knapsack.table, |(_, table)| table);
        self.without + value - (table[places] - table[places - self.size as usize])
    }
}

/// One site's knapsack in [`Knapsacks`]: its items, and the few that can matter.
/// Items of the same size are interchangeable but for their profit, so a best packing of
/// `places` uses only the best `places / size` items of each size; keeping one more of each
/// (the selection) leaves the best packing *without any one item* computable from the
/// selection alone.
#[derive(Clone)]
struct SiteKnapsack {
    site: u32,
    places: usize,
    /// (unit, size, value) of every column at the site that fits.
    items: Vec<(u32, u32, Value)>,
    /// The selected items, all with a positive profit.
    selected: Vec<Item>,
    /// The best profit using at most `k` places, from the selection.
    table: Vec<Value>,
    /// The units of a best packing as last read back, and whether the knapsack has changed
    /// since (see [`Knapsacks::packed`]).
    packing: Vec<u32>,
    stale: bool,
}

impl SiteKnapsack {
    fn new(site: usize, places: u32) -> SiteKnapsack {
        SiteKnapsack {
            site: site as u32,
            places: places as usize,
            items: Vec::new(),
            selected: Vec::new(),
            table: vec![0; places as usize + 1],
            packing: Vec::new(),
            stale: true,
        }
    }

    /// The units of a best packing, read back from a knapsack over the selection.
    fn packing(&self) -> Vec<u32> {
        let (items, places) = (&self.selected, self.places);
        let width = places + 1;
        let mut table = vec![0 as Value; width * (items.len() + 1)];
        for (idx, &(size, profit, _)) in items.iter().enumerate() {
            let (done, next) = table.split_at_mut((idx + 1) * width);
            let row = &done[idx * width..];
            for k in 0..width {
                next[k] = row[k];
                if let Some(rest) = k.checked_sub(size as usize) {
                    next[k] = next[k].max(row[rest] + profit);
                }
            }
        }
        let mut packing = Vec::new();
        let mut k = places;
        for (idx, &(size, _, unit)) in items.iter().enumerate().rev() {
            if table[(idx + 1) * width + k] != table[idx * width + k] {
                packing.push(unit as u32);
                k -= size as usize;
            }
        }
        packing
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
        self.stale = true;
    }

    /// The best profit of all places minus the best of `size` places fewer, for a unit that
    /// is not selected here.
    fn marginal(&self, size: usize) -> Value {
        self.table[self.places] - self.table[self.places - size]
    }

    /// The same for a selected `unit`: the knapsack without it.
    fn marginal_without(&self, unit: usize, size: usize, scratch: &mut Vec<Value>) -> Value {
        let places = self.places;
        fill(&self.selected, places, Some(unit), scratch);
        scratch[places] - scratch[places - size]
    }

    /// Whether a new `profit` of `unit` can change the selection.
    fn affected(&self, unit: usize, size: u32, profit: Value) -> bool {
        if self.selected.iter().any(|item| item.2 == unit) {
            return true;
        }
        if profit <= 0 {
            return false;
        }
        let mut same = 0;
        let mut weaker = false;
        for &(other_size, other_profit, _) in &self.selected {
            if other_size == size {
                same += 1;
                weaker |= profit > other_profit;
            }
        }
        same < self.keep(size) || weaker
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

#[cfg(test)]
mod tests {
    use super::*;

    fn knapsack(items: &[Item], places: u32) -> Vec<Value> {
        let mut table = Vec::new();
        fill(items, places as usize, None, &mut table);
        table
    }

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
        let k = Knapsacks::new(&units, None, &[true], &[3], &[2], vec![0]);
        assert_eq!(k.bound, 0);
        assert_eq!(k.unit(0).with(0, 30), Value::MIN);
    }

    /// Units of `sizes` with columns at some of `sites` sites (`values`, cycled), and
    /// multipliers from `start`: the small random problems of the properties below.
    fn small(
        sizes: &[u32],
        sites: usize,
        values: &[Option<i64>],
        start: &[i64],
    ) -> (Vec<Unit>, Vec<Value>) {
        let units = (0..sizes.len())
            .map(|unit| Unit {
                members: Vec::new(),
                columns: (0..sites)
                    .filter_map(|site| {
                        values[(unit * 3 + site) % values.len()]
                            .map(|value| (site, Value::from(value), 0.0))
                    })
                    .collect(),
            })
            .collect();
        let lambda = (0..sizes.len())
            .map(|unit| Value::from(start[unit]))
            .collect();
        (units, lambda)
    }

    /// The best integer solution by enumeration: each unit at one of its columns or none.
    fn brute_force(units: &[Unit], sizes: &[u32], capacity: &[u32]) -> Value {
        fn go(unit: usize, units: &[Unit], sizes: &[u32], left: &mut [u32]) -> Value {
            let Some(columns) = units.get(unit).map(|unit| &unit.columns) else {
                return 0;
            };
            let mut best = go(unit + 1, units, sizes, left);
            for &(site, value, _) in columns {
                if left[site] >= sizes[unit] {
                    left[site] -= sizes[unit];
                    best = best.max(value + go(unit + 1, units, sizes, left));
                    left[site] += sizes[unit];
                }
            }
            best
        }
        go(0, units, sizes, &mut capacity.to_vec())
    }

    proptest::proptest! {
        /// Subgradient steps never raise the bound, never take it below the best solution,
        /// and leave every table as a fresh build at the same multipliers would.
        #[test]
        fn subgradient_steps_keep_a_valid_bound(
            sizes in proptest::collection::vec(1u32..4, 1..6),
            capacity in proptest::collection::vec(0u32..5, 1..4),
            values in proptest::collection::vec(proptest::option::of(1i64..40), 18),
            start in proptest::collection::vec(0i64..20, 6),
            below in 0i64..30,
            steps in 1usize..40,
        ) {
            let (units, lambda) = small(&sizes, capacity.len(), &values, &start);
            let active = vec![true; units.len()];
            let best = brute_force(&units, &sizes, &capacity);
            let mut k = Knapsacks::new(&units, None, &active, &sizes, &capacity, lambda);
            let before = k.bound;
            proptest::prop_assert!(before >= best);
            k.polish(best - Value::from(below), steps, &|| false);
            proptest::prop_assert!(k.bound <= before);
            proptest::prop_assert!(k.bound >= best);
            let fresh =
                Knapsacks::new(&units, None, &active, &sizes, &capacity, k.multipliers().to_vec());
            proptest::prop_assert_eq!(k.bound, fresh.bound);
        }

        /// A copy of the relaxation of every unit with some units decided is the relaxation
        /// built again for the units and places left, at any multipliers; after descent
        /// passes it still bounds every solution of what is left: the search's nodes start
        /// from such copies.
        #[test]
        fn a_copy_with_decisions_is_the_relaxation_built_again(
            sizes in proptest::collection::vec(1u32..4, 1..7),
            capacity in proptest::collection::vec(0u32..5, 1..4),
            values in proptest::collection::vec(proptest::option::of(0i64..40), 21),
            start in proptest::collection::vec(0i64..20, 7),
            choices in proptest::collection::vec(0usize..5, 7),
            passes in 0usize..3,
        ) {
            let (units, lambda) = small(&sizes, capacity.len(), &values, &start);
            let all = vec![true; units.len()];
            let whole = Knapsacks::new(&units, None, &all, &sizes, &capacity, lambda.clone());
            // Each unit stays, is left out, or is placed at one of its columns with room.
            let (mut active, mut left, mut decided) = (all.clone(), capacity.clone(), Vec::new());
            for (unit, &choice) in choices.iter().enumerate().take(units.len()) {
                let columns = &units[unit].columns;
                match choice {
                    0 | 1 => {}
                    2 => {
                        active[unit] = false;
                        decided.push((unit, None));
                    }
                    _ => {
                        let Some(&(site, _, _)) = columns.get(choice % columns.len().max(1)) else {
                            continue;
                        };
                        if left[site] >= sizes[unit] {
                            left[site] -= sizes[unit];
                            active[unit] = false;
                            decided.push((unit, Some(site)));
                        }
                    }
                }
            }
            let mut copy = whole.decided(decided.iter().copied(), lambda.clone());
            let mut again = Knapsacks::new(&units, None, &active, &sizes, &left, lambda);
            proptest::prop_assert_eq!(copy.bound, again.bound);
            // After descent the copy's bound may be lower: a unit none of whose columns fits
            // any more keeps its columns there and its multiplier goes to 0, while a fresh
            // build drops the columns and keeps the multiplier. Both bound every solution.
            let passes = Passes { most: passes, min_gain: 0, stop: &|| false };
            copy.descend(Passes { ..passes });
            again.descend(passes);
            let rest: Vec<Unit> = units
                .iter()
                .zip(&active)
                .map(|(unit, &on)| Unit {
                    members: Vec::new(),
                    columns: if on { unit.columns.clone() } else { Vec::new() },
                })
                .collect();
            proptest::prop_assert!(copy.bound <= again.bound);
            proptest::prop_assert!(copy.bound >= brute_force(&rest, &sizes, &left));
        }

        /// A decided unit's bounds are the relaxation solved again from scratch with the unit
        /// left out (and, when placed, its places taken and its value added), at the same
        /// multipliers, after any number of descent passes.
        #[test]
        fn a_decided_unit_is_bounded_as_if_solved_again(
            sizes in proptest::collection::vec(1u32..4, 1..7),
            capacity in proptest::collection::vec(0u32..5, 1..4),
            values in proptest::collection::vec(proptest::option::of(0i64..40), 21),
            start in proptest::collection::vec(0i64..20, 7),
            passes in 0usize..3,
        ) {
            let (units, lambda) = small(&sizes, capacity.len(), &values, &start);
            let active = vec![true; units.len()];
            let mut k = Knapsacks::new(&units, None, &active, &sizes, &capacity, lambda);
            k.descend(Passes { most: passes, min_gain: 0, stop: &|| false });
            for (unit, unit_columns) in units.iter().enumerate() {
                let mut out = active.clone();
                out[unit] = false;
                let decided = k.unit(unit);
                let again = |left: &[u32]| {
                    Knapsacks::new(&units, None, &out, &sizes, left, k.multipliers().to_vec()).bound
                };
                proptest::prop_assert_eq!(decided.without, again(&capacity));
                // Deciding in place gives the same bound as building again.
                let mut left_out = k.clone();
                left_out.decide(unit, None);
                proptest::prop_assert_eq!(left_out.bound, decided.without);
                for &(site, value, _) in &unit_columns.columns {
                    let expected = match capacity[site].checked_sub(sizes[unit]) {
                        Some(rest) => {
                            let mut left = capacity.clone();
                            left[site] = rest;
                            let mut placed = k.clone();
                            placed.decide(unit, Some(site));
                            proptest::prop_assert_eq!(placed.bound + value, again(&left) + value);
                            again(&left) + value
                        }
                        None => Value::MIN,
                    };
                    proptest::prop_assert_eq!(decided.with(site, value), expected);
                }
            }
        }
    }
}
