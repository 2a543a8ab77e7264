//! Allow-split proven by our own search (issue 12).
//!
//! A sibling group that may split takes one *partition* of its members into parts. Given a
//! partition for every group, each part is a unit kept together, and the problem is the
//! together problem that [`super::solve`] proves. Each part beyond the first costs one unit of
//! the siblings tier, also a part left without a place: that is exact for a configuration's
//! own partition (the members at each site one part, the members without a place one more)
//! and an underestimate for any other partition of the same configuration (two parts at one
//! site, or several without a place). So the best over every choice of partitions, each valued
//! with its penalties, is the allow-split optimum.
//!
//! Which choices can matter is decided by a Lagrangian relaxation of the site capacities at
//! the root LP's site prices `v` (any prices ≥ 0 give a bound). It falls apart by group: a
//! group's share is the best of its partitions, each part at its best site at those prices or
//! nowhere, less the penalties; a child outside groups adds its best reduced value. With one
//! group's partition fixed, the bound is the same with that group's share replaced by the
//! partition's. A choice of partitions whose bound does not beat the incumbent cannot hold a
//! better solution and is left out. When few choices are left, each is solved to its proof,
//! and the best of them and the incumbent is the optimum.

use std::collections::HashMap;

use super::Value;
use super::problem::{Unit, in_groups};

/// Largest sibling group whose partitions are enumerated (Bell(8) = 4,140 partitions).
pub(super) const MOST_MEMBERS: usize = 8;

/// Most choices of partitions that are each solved to their proof; with more, the caller
/// uses another method.
pub(super) const MOST_CHOICES: usize = 256;

/// Every partition of `k` members into parts, each part a bit mask of members; each partition
/// once (restricted growth strings: member `i` joins one of the parts opened before it or
/// opens the next).
pub(super) fn set_partitions(k: usize) -> Vec<Vec<u32>> {
    fn grow(member: usize, k: usize, parts: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        if member == k {
            out.push(parts.clone());
            return;
        }
        for part in 0..parts.len() {
            parts[part] |= 1 << member;
            grow(member + 1, k, parts, out);
            parts[part] &= !(1 << member);
        }
        parts.push(1 << member);
        grow(member + 1, k, parts, out);
        parts.pop();
    }
    let mut out = Vec::new();
    if k > 0 {
        grow(0, k, &mut Vec::new(), &mut out);
    }
    out
}

/// The relaxation at some prices: its bound, and per group the share of each partition.
pub(super) struct Shares {
    /// The Lagrangian bound (every group at its best partition).
    pub(super) bound: Value,
    /// Per group: its partitions with their shares of the bound.
    pub(super) groups: Vec<Vec<(Vec<u32>, Value)>>,
}

/// The Lagrangian relaxation of the site capacities for single `units` (one child each) and
/// the `groups` of units that may split, each part beyond the first costing `penalty`: what
/// it needs at any prices. No group member may be locked (its unit would have no columns, and
/// the bound would count it as without a place).
pub(super) struct Relaxation<'a> {
    units: &'a [Unit],
    capacity: &'a [u32],
    penalty: Value,
    /// The children outside groups.
    singles: Vec<usize>,
    /// Per group: for every set of members (a bit mask) the sites where all of them are
    /// eligible with room for all, with their value there.
    parts: Vec<Vec<Vec<(usize, Value)>>>,
    /// The partitions of a group of each size.
    partitions: Vec<Vec<Vec<u32>>>,
}

/// The best part of a set of members at some prices: what it adds, and where (none when it
/// adds most without a place).
type Part = (Value, Option<usize>);

impl<'a> Relaxation<'a> {
    pub(super) fn new(
        units: &'a [Unit],
        groups: &[Vec<usize>],
        capacity: &'a [u32],
        penalty: Value,
    ) -> Self {
        let in_group = in_groups(groups, units.len());
        let largest = groups.iter().map(Vec::len).max().unwrap_or(0);
        Relaxation {
            units,
            capacity,
            penalty,
            singles: (0..units.len()).filter(|&unit| !in_group[unit]).collect(),
            parts: groups
                .iter()
                .map(|members| part_columns(units, members, capacity))
                .collect(),
            partitions: (0..=largest).map(set_partitions).collect(),
        }
    }

    /// The best part of every set of a group's members at prices `v` (index: the bit mask).
    fn best_parts(&self, group: usize, v: &[Value]) -> Vec<Part> {
        self.parts[group]
            .iter()
            .enumerate()
            .map(|(mask, columns)| {
                let size = Value::from(mask.count_ones());
                let mut best = (0, None);
                for &(site, value) in columns {
                    let reduced = value - size * v[site];
                    if reduced > best.0 {
                        best = (reduced, Some(site));
                    }
                }
                best
            })
            .collect()
    }

    /// A partition's share of the bound, its parts at their best.
    fn share(&self, best: &[Part], parts: &[u32]) -> Value {
        parts
            .iter()
            .map(|&part| best[part as usize].0)
            .sum::<Value>()
            - self.penalty * (parts.len() as Value - 1)
    }

    /// The partitions of a group.
    fn partitions_of(&self, group: usize) -> &[Vec<u32>] {
        // A group of k members has 2^k sets of members.
        &self.partitions[self.parts[group].len().trailing_zeros() as usize]
    }

    /// The bound at prices `v`, and the places its choice uses at each site.
    fn bound(&self, v: &[Value]) -> (Value, Vec<u32>) {
        let mut used = vec![0u32; self.capacity.len()];
        let mut bound: Value = self
            .capacity
            .iter()
            .zip(v)
            .map(|(&places, &price)| Value::from(places) * price)
            .sum();
        for &unit in &self.singles {
            let best = self.units[unit]
                .columns
                .iter()
                .map(|&(site, value, _)| (value - v[site], site))
                .max();
            if let Some((reduced, site)) = best.filter(|best| best.0 > 0) {
                bound += reduced;
                used[site] += 1;
            }
        }
        for group in 0..self.parts.len() {
            let best = self.best_parts(group, v);
            let chosen = self
                .partitions_of(group)
                .iter()
                .map(|parts| (self.share(&best, parts), parts))
                .max_by_key(|&(share, _)| share);
            if let Some((share, parts)) = chosen {
                bound += share;
                for &part in parts {
                    if let Some(site) = best[part as usize].1 {
                        used[site] += part.count_ones();
                    }
                }
            }
        }
        (bound, used)
    }

    /// Prices at most as high a bound as `v`'s, by subgradient steps towards `target` (Polyak
    /// steps, halved after [`PATIENCE`] steps without a better bound): the best prices seen.
    pub(super) fn tighten(
        &self,
        mut v: Vec<Value>,
        target: Value,
        steps: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Vec<Value> {
        let (mut best_bound, mut used) = self.bound(&v);
        let mut best = v.clone();
        let mut theta = 1.0;
        let mut since = 0;
        for _ in 0..steps {
            if best_bound <= target || stop() || theta < SMALLEST {
                break;
            }
            let gradient: Vec<f64> = self
                .capacity
                .iter()
                .zip(&used)
                .map(|(&places, &used)| f64::from(places) - f64::from(used))
                .collect();
            let norm: f64 = gradient.iter().map(|g| g * g).sum();
            if norm == 0.0 {
                break;
            }
            let step = theta * (best_bound - target) as f64 / norm;
            for (price, g) in v.iter_mut().zip(&gradient) {
                if *g != 0.0 {
                    *price = (*price - (step * g).round() as Value).max(0);
                }
            }
            let (bound, now_used) = self.bound(&v);
            used = now_used;
            if bound < best_bound {
                best_bound = bound;
                best.clone_from(&v);
                since = 0;
            } else {
                since += 1;
                if since == PATIENCE {
                    theta /= 2.0;
                    since = 0;
                }
            }
        }
        best
    }

    /// The bound at prices `v`, with every partition's share.
    pub(super) fn shares(&self, v: &[Value]) -> Shares {
        let (bound, _) = self.bound(v);
        let groups = (0..self.parts.len())
            .map(|group| {
                let best = self.best_parts(group, v);
                self.partitions_of(group)
                    .iter()
                    .map(|parts| (parts.clone(), self.share(&best, parts)))
                    .collect()
            })
            .collect();
        Shares { bound, groups }
    }
}

/// Steps without a better bound before the step size is halved.
const PATIENCE: usize = 20;
/// The smallest step factor tried.
const SMALLEST: f64 = 1.0 / 1024.0;

/// For every set of a group's members (a bit mask; the empty set has none), the sites where
/// every member is eligible and that have room for all, with the members' value there.
pub(super) fn part_columns(
    units: &[Unit],
    members: &[usize],
    capacity: &[u32],
) -> Vec<Vec<(usize, Value)>> {
    let at: Vec<HashMap<usize, Value>> = members
        .iter()
        .map(|&unit| {
            units[unit]
                .columns
                .iter()
                .map(|&(site, value, _)| (site, value))
                .collect()
        })
        .collect();
    (0..1usize << members.len())
        .map(|mask| {
            if mask == 0 {
                return Vec::new();
            }
            let first = mask.trailing_zeros() as usize;
            let others: Vec<usize> = (first + 1..members.len())
                .filter(|&member| mask & (1 << member) != 0)
                .collect();
            units[members[first]]
                .columns
                .iter()
                .filter(|&&(site, _, _)| capacity[site] >= mask.count_ones())
                .filter_map(|&(site, value, _)| {
                    others
                        .iter()
                        .try_fold(value, |sum, &member| {
                            at[member].get(&site).map(|&value| sum + value)
                        })
                        .map(|sum| (site, sum))
                })
                .collect()
        })
        .collect()
}

/// A choice of one partition per group, with the bound of every solution that uses it.
pub(super) type Choice = (Value, Vec<Vec<u32>>);

/// The choices of one partition per group that could hold a solution better than
/// `incumbent`, by the bound of [`Shares`], the highest bound first; `None` when there are
/// more than [`MOST_CHOICES`]. Empty when no choice can beat the incumbent.
pub(super) fn choices(shares: &Shares, incumbent: Value) -> Option<Vec<Choice>> {
    let slack = shares.bound - incumbent;
    if slack <= 0 {
        return Some(Vec::new());
    }
    // Per group, the partitions that may be part of a better solution, with what they cost
    // the bound, cheapest first.
    let mut options: Vec<Vec<(Value, &Vec<u32>)>> = Vec::with_capacity(shares.groups.len());
    for partitions in &shares.groups {
        let best = partitions.iter().map(|p| p.1).max().unwrap_or(0);
        let mut kept: Vec<(Value, &Vec<u32>)> = partitions
            .iter()
            .map(|(parts, share)| (best - share, parts))
            .filter(|&(loss, _)| loss < slack)
            .collect();
        if kept.is_empty() {
            return Some(Vec::new());
        }
        kept.sort_by_key(|&(loss, _)| loss);
        options.push(kept);
    }
    /// Walks the groups in turn; false once more than [`MOST_CHOICES`] are found.
    fn walk<'a>(
        options: &[Vec<(Value, &'a Vec<u32>)>],
        bound: Value,
        incumbent: Value,
        picked: &mut Vec<&'a Vec<u32>>,
        out: &mut Vec<Choice>,
    ) -> bool {
        let Some((first, rest)) = options.split_first() else {
            if out.len() == MOST_CHOICES {
                return false;
            }
            out.push((bound, picked.iter().map(|&parts| parts.clone()).collect()));
            return true;
        };
        for &(loss, parts) in first {
            if bound - loss <= incumbent {
                break;
            }
            picked.push(parts);
            let within = walk(rest, bound - loss, incumbent, picked, out);
            picked.pop();
            if !within {
                return false;
            }
        }
        true
    }
    let mut out = Vec::new();
    let mut picked = Vec::with_capacity(options.len());
    if !walk(&options, shares.bound, incumbent, &mut picked, &mut out) {
        return None;
    }
    out.sort_by_key(|choice| std::cmp::Reverse(choice.0));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_are_counted_by_the_bell_numbers_each_once() {
        let bell = [1, 1, 2, 5, 15, 52, 203, 877, 4140];
        for (k, &count) in bell.iter().enumerate().skip(1) {
            let partitions = set_partitions(k);
            assert_eq!(partitions.len(), count, "k = {k}");
            let mut seen = std::collections::BTreeSet::new();
            for parts in &partitions {
                let mut sorted = parts.clone();
                sorted.sort_unstable();
                assert!(seen.insert(sorted), "each partition once");
                assert_eq!(parts.iter().fold(0, |all, part| all | part), (1 << k) - 1);
                assert_eq!(
                    parts.iter().map(|part| part.count_ones()).sum::<u32>(),
                    k as u32
                );
            }
        }
    }

    /// The best solution by enumeration: each child at one of its columns or none, a group
    /// costing `penalty` per part beyond the first (the members at each site one part, the
    /// members without a place one more); with it, how it divides each group.
    fn brute_force(
        units: &[Unit],
        groups: &[Vec<usize>],
        capacity: &[u32],
        penalty: Value,
    ) -> (Value, Vec<Vec<u32>>) {
        fn go(
            unit: usize,
            units: &[Unit],
            left: &mut [u32],
            at: &mut Vec<Option<usize>>,
            best: &mut Vec<(Value, Vec<Option<usize>>)>,
            value: Value,
        ) {
            if unit == units.len() {
                best.push((value, at.clone()));
                return;
            }
            at.push(None);
            go(unit + 1, units, left, at, best, value);
            at.pop();
            for &(site, column, _) in &units[unit].columns {
                if left[site] > 0 {
                    left[site] -= 1;
                    at.push(Some(site));
                    go(unit + 1, units, left, at, best, value + column);
                    at.pop();
                    left[site] += 1;
                }
            }
        }
        let mut all = Vec::new();
        go(
            0,
            units,
            &mut capacity.to_vec(),
            &mut Vec::new(),
            &mut all,
            0,
        );
        let divide = |at: &[Option<usize>]| -> Vec<Vec<u32>> {
            groups
                .iter()
                .map(|members| {
                    let mut parts: Vec<(Option<usize>, u32)> = Vec::new();
                    for (idx, &member) in members.iter().enumerate() {
                        match parts.iter_mut().find(|(site, _)| *site == at[member]) {
                            Some((_, part)) => *part |= 1 << idx,
                            None => parts.push((at[member], 1 << idx)),
                        }
                    }
                    parts.into_iter().map(|(_, part)| part).collect()
                })
                .collect()
        };
        all.into_iter()
            .map(|(value, at)| {
                let parts = divide(&at);
                let extra: Value = parts
                    .iter()
                    .zip(groups)
                    .filter(|(_, members)| members.iter().any(|&member| at[member].is_some()))
                    .map(|(parts, _)| parts.len() as Value - 1)
                    .sum();
                (value - penalty * extra, parts)
            })
            .max_by_key(|(value, _)| *value)
            .unwrap_or_default()
    }

    proptest::proptest! {
        /// At any prices the relaxation bounds the best solution, and the choices that could
        /// beat a solution just below the best include how the best divides its groups.
        #[test]
        fn the_relaxation_bounds_every_choice_of_partitions(
            n_units in 2usize..6,
            capacity in proptest::collection::vec(0u32..3, 1..4),
            values in proptest::collection::vec(proptest::option::of(0i64..40), 24),
            prices in proptest::collection::vec(0i64..30, 4),
            first_group in 2usize..4,
            penalty in 0i64..25,
            steps in 0usize..30,
        ) {
            let sites = capacity.len();
            let units: Vec<Unit> = (0..n_units)
                .map(|unit| Unit {
                    members: vec![unit],
                    columns: (0..sites)
                        .filter_map(|site| {
                            values[(unit * 4 + site) % values.len()]
                                .map(|value| (site, Value::from(value), 0.0))
                        })
                        .collect(),
                })
                .collect();
            let groups = vec![(0..first_group.min(n_units)).collect::<Vec<usize>>()];
            let penalty = Value::from(penalty);
            let v: Vec<Value> = (0..sites).map(|site| Value::from(prices[site])).collect();
            let (best, divided) = brute_force(&units, &groups, &capacity, penalty);
            let relaxation = Relaxation::new(&units, &groups, &capacity, penalty);
            let v = relaxation.tighten(v, best, steps, &|| false);
            let shares = relaxation.shares(&v);
            proptest::prop_assert!(shares.bound >= best, "bound {} below the best {}", shares.bound, best);
            if let Some(list) = choices(&shares, best - 1) {
                let normal = |choice: &[Vec<u32>]| -> Vec<Vec<u32>> {
                    choice.iter().map(|parts| { let mut parts = parts.clone(); parts.sort_unstable(); parts }).collect()
                };
                proptest::prop_assert!(
                    list.iter().any(|(bound, choice)| *bound >= best && normal(choice) == normal(&divided)),
                    "the best solution's division is among the choices"
                );
            }
        }
    }
}
