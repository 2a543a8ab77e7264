//! Allow-split: keep siblings together first (issue 12), then price the split.

use super::certify::certified_flow;
use super::partition::{self, Shares};
use super::problem::{Problem, Unit, in_groups};
use super::{AssignOptions, Placement, SiblingRule, Value, solve};
use crate::model::SiteId;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The column of a unit at a site, if the site is among its columns.
fn column_at(units: &[Unit], unit: usize, site: usize) -> Option<usize> {
    units[unit]
        .columns
        .iter()
        .position(|column| column.0 == site)
}

/// The placements a lock did not make, as (unit, column) of single-child units.
fn columns_of(placements: &[Placement], units: &[Unit], unit_of: &[usize]) -> Vec<(usize, usize)> {
    placements
        .iter()
        .enumerate()
        .filter_map(|(child, placement)| match placement {
            Placement::Placed {
                site,
                locked: false,
                ..
            } => {
                let unit = unit_of[child];
                column_at(units, unit, *site).map(|column| (unit, column))
            }
            _ => None,
        })
        .collect()
}

/// An allow-split problem as its together problems need it: the problem and options to solve
/// them with, and the single-child units (with `unit_of`) their answers are read back into.
pub(super) struct Split<'a> {
    pub(super) problem: &'a Problem,
    pub(super) options: &'a AssignOptions,
    pub(super) site_ids: &'a [SiteId],
    pub(super) stop: &'a (dyn Fn() -> bool + Sync),
    pub(super) units: &'a [Unit],
    pub(super) unit_of: &'a [usize],
    /// The units of each sibling group.
    pub(super) groups: &'a [Vec<usize>],
}

impl Split<'_> {
    /// The problem with these groups of children kept together, solved: its placements as
    /// columns of single children, and whether it was proven optimal.
    fn solve_together(&self, groups: Vec<Vec<usize>>) -> Option<(Vec<(usize, usize)>, bool)> {
        let together = Problem {
            groups,
            siblings: SiblingRule::Together,
            ..self.problem.clone()
        };
        let solved = solve(&together, self.options, self.site_ids, self.stop).ok()?;
        Some((
            columns_of(&solved.placements, self.units, self.unit_of),
            solved.optimality.status == "optimal",
        ))
    }
}

/// Feasible allow-split solutions that keep siblings together first, as (unit, column) over
/// single-child units: the together optimum; the same with the groups it could not place
/// given to a flow child by child; and the same with those groups first put in as few parts
/// as the places left allow.
pub(super) fn together_first_candidates(
    split: &Split<'_>,
    supply: &[u32],
    capacity: &[u32],
) -> Vec<Vec<(usize, usize)>> {
    let (problem, units) = (split.problem, split.units);
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
    let Some((kept, _)) = split.solve_together(problem.groups.clone()) else {
        return Vec::new();
    };
    let candidates = split.options.candidates;
    let more = with_the_rest_by_flow(&kept, units, supply, capacity, candidates);
    let few = with_groups_in_few_parts(&kept, split.groups, units, capacity);
    let few = with_the_rest_by_flow(&few, units, supply, capacity, candidates);
    vec![kept, more, few]
}

/// A solution with each sibling group it leaves without a place put in as few parts as the
/// places left allow, one group after another, the largest first: of every partition of the
/// group, each part at the free site where it adds most (the largest part first), the one
/// that places the most members, then with the fewest parts, then with the most value.
fn with_groups_in_few_parts(
    kept: &[(usize, usize)],
    groups: &[Vec<usize>],
    units: &[Unit],
    capacity: &[u32],
) -> Vec<(usize, usize)> {
    let mut left = capacity.to_vec();
    let mut placed = vec![false; units.len()];
    for &(unit, column) in kept {
        left[units[unit].columns[column].0] -= 1;
        placed[unit] = true;
    }
    let mut order: Vec<&Vec<usize>> = groups
        .iter()
        .filter(|members| members.len() <= partition::MOST_MEMBERS)
        .filter(|members| {
            members
                .iter()
                .all(|&unit| !placed[unit] && !units[unit].columns.is_empty())
        })
        .collect();
    order.sort_by_key(|members| std::cmp::Reverse(members.len()));
    let mut out = kept.to_vec();
    for members in order {
        let parts = partition::part_columns(units, members, &left);
        // (members placed, parts used as a negative, value) and where each part goes.
        type Placed = ((u32, i64, Value), Vec<(u32, usize)>);
        let mut best: Option<Placed> = None;
        for mut partition in partition::set_partitions(members.len()) {
            partition.sort_by_key(|part| std::cmp::Reverse(part.count_ones()));
            let mut room = left.clone();
            let mut at: Vec<(u32, usize)> = Vec::new();
            let mut value = 0;
            for &part in &partition {
                let size = part.count_ones();
                let site = parts[part as usize]
                    .iter()
                    .filter(|&&(site, _)| room[site] >= size)
                    .max_by_key(|&&(site, value)| (value, std::cmp::Reverse(site)));
                if let Some(&(site, part_value)) = site {
                    room[site] -= size;
                    value += part_value;
                    at.push((part, site));
                }
            }
            let members_placed: u32 = at.iter().map(|(part, _)| part.count_ones()).sum();
            let mut sites: Vec<usize> = at.iter().map(|&(_, site)| site).collect();
            sites.sort_unstable();
            sites.dedup();
            let key = (members_placed, -(sites.len() as i64), value);
            if best.as_ref().is_none_or(|(known, _)| key > *known) {
                best = Some((key, at));
            }
        }
        let Some((_, at)) = best else { continue };
        for (part, site) in at {
            for (idx, &unit) in members.iter().enumerate() {
                if part & (1 << idx) != 0 {
                    if let Some(column) = column_at(units, unit, site) {
                        left[site] -= 1;
                        out.push((unit, column));
                    }
                }
            }
        }
    }
    out
}

/// A solution with the children it leaves without a place given to the certified flow one by
/// one, on the places it leaves free (locked children stay as they are).
fn with_the_rest_by_flow(
    kept: &[(usize, usize)],
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
) -> Vec<(usize, usize)> {
    let mut left = capacity.to_vec();
    // Locked children are fixed outside the units (their columns are empty).
    let mut free: Vec<bool> = units.iter().map(|unit| !unit.columns.is_empty()).collect();
    for &(unit, column) in kept {
        let site = units[unit].columns[column].0;
        left[site] = left[site].saturating_sub(supply[unit]);
        free[unit] = false;
    }
    let mut more = kept.to_vec();
    if free.iter().any(|&on| on) {
        let flow = certified_flow(units, &free, supply, &left, candidates, None);
        for ((unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
            if units_on_arc > 0 {
                more.push((*unit, *column));
            }
        }
    }
    more
}

/// Values a solution (unit, column) exactly, penalties included.
pub(super) type ValueOf<'a> = dyn Fn(&[(usize, usize)]) -> Value + Sync + 'a;

/// A choice solved: its exact value, its columns, and whether its solve was proven.
type Solved = (Value, Vec<(usize, usize)>, bool);

/// What the search over partitions found.
pub(super) struct Partitions {
    /// The best solution: its columns and exact value.
    pub(super) chosen: Vec<(usize, usize)>,
    pub(super) value: Value,
    /// Choices of partitions that could hold a better solution than the incumbent the search
    /// started from; `None` when there were more than [`partition::MOST_CHOICES`] (the
    /// search then only tried the relaxation's own choice).
    pub(super) choices: Option<usize>,
    /// Choices solved (the relaxation's own choice included); the others were ruled out by a
    /// better solution found meanwhile.
    pub(super) solved: usize,
    /// Whether every choice was solved to its proof: then `value` is the optimum.
    pub(super) complete: bool,
}

/// The allow-split search over partitions (see `partition.rs`): the relaxation's own choice
/// of partitions first, solved as a together problem (a strong incumbent), then every other
/// choice that could beat the best so far. `groups` are the units of each sibling group;
/// none may be locked, and none larger than [`partition::MOST_MEMBERS`]. `value_of` values a
/// solution exactly, penalties included.
pub(super) fn search_partitions(
    split: &Split<'_>,
    shares: &Shares,
    incumbent: (Value, Vec<(usize, usize)>),
    value_of: &ValueOf<'_>,
) -> Partitions {
    let (mut value, mut chosen) = incumbent;
    // One choice solved: the together problem over its parts, its placements as columns of
    // single children, valued exactly here, and whether it was proven.
    let solve_choice = |choice: &[Vec<u32>]| -> Option<Solved> {
        let parts: Vec<Vec<usize>> = choice
            .iter()
            .zip(&split.problem.groups)
            .flat_map(|(partition, members)| {
                partition.iter().map(move |&part| {
                    (0..members.len())
                        .filter(|&member| part & (1 << member) != 0)
                        .map(|member| members[member])
                        .collect::<Vec<usize>>()
                })
            })
            .filter(|part| part.len() > 1)
            .collect();
        let (columns, proven) = split.solve_together(parts)?;
        Some((value_of(&columns), columns, proven))
    };
    // Keeps a solved choice if it is the best so far; says whether it was proven.
    let take =
        |found: Option<Solved>, value: &mut Value, chosen: &mut Vec<(usize, usize)>| match found {
            Some((found, columns, proven)) => {
                if found > *value {
                    *value = found;
                    *chosen = columns;
                }
                proven
            }
            None => false,
        };
    let own: Vec<Vec<u32>> = shares
        .groups
        .iter()
        .map(|partitions| {
            partitions
                .iter()
                .max_by_key(|(_, share)| *share)
                .map(|(parts, _)| parts.clone())
                .unwrap_or_default()
        })
        .collect();
    let own_proven = take(solve_choice(&own), &mut value, &mut chosen);
    let mut solved = 1;
    // Every choice that could still beat the best so far must be solved to its proof.
    let choices = partition::choices(shares, value);
    let mut complete = choices.is_some();
    if let Some(list) = &choices {
        complete &= own_proven || list.iter().all(|(_, choice)| *choice != own);
        // The rest, a few at a time on every thread, the highest bounds first; a choice whose
        // bound a better solution has since reached is left out.
        let rest: Vec<&partition::Choice> =
            list.iter().filter(|(_, choice)| *choice != own).collect();
        for batch in rest.chunks(rayon::current_num_threads().max(1)) {
            if (split.stop)() {
                complete = false;
                break;
            }
            let found: Vec<_> = batch
                .par_iter()
                .filter(|(bound, _)| *bound > value)
                .map(|(_, choice)| solve_choice(choice))
                .collect();
            solved += found.len();
            for found in found {
                complete &= take(found, &mut value, &mut chosen);
            }
        }
    }
    Partitions {
        chosen,
        value,
        choices: choices.map(|list| list.len()),
        solved,
        complete,
    }
}

/// Brings split groups together where a place allows: a member (placed or not) moves to a
/// site where another part of its group is, into a free place there, or in exchange with a
/// child outside the groups who can take the member's site. A move is kept only when the
/// exact value rises; passes repeat until none is. `capacity` are the places after locks.
pub(super) fn gather(
    chosen: Vec<(usize, usize)>,
    groups: &[Vec<usize>],
    units: &[Unit],
    capacity: &[u32],
    value_of: &ValueOf<'_>,
) -> (Value, Vec<(usize, usize)>) {
    let mut column: Vec<Option<usize>> = vec![None; units.len()];
    let mut used = vec![0u32; capacity.len()];
    for &(unit, at) in &chosen {
        column[unit] = Some(at);
        used[units[unit].columns[at].0] += 1;
    }
    let in_group = in_groups(groups, units.len());
    let site =
        |column: &[Option<usize>], unit: usize| column[unit].map(|at| units[unit].columns[at].0);
    let as_chosen = |column: &[Option<usize>]| -> Vec<(usize, usize)> {
        column
            .iter()
            .enumerate()
            .filter_map(|(unit, at)| at.map(|at| (unit, at)))
            .collect()
    };
    let mut value = value_of(&chosen);
    for _ in 0..GATHER_PASSES {
        let mut better = false;
        for members in groups {
            for &member in members {
                let from = site(&column, member);
                let targets: BTreeSet<usize> = members
                    .iter()
                    .filter_map(|&other| site(&column, other))
                    .filter(|&target| Some(target) != from)
                    .collect();
                for target in targets {
                    let Some(to) = column_at(units, member, target) else {
                        continue;
                    };
                    // Into a free place, or in exchange with a child outside the groups.
                    let mut tries: Vec<Option<(usize, usize)>> = Vec::new();
                    if used[target] < capacity[target] {
                        tries.push(None);
                    } else if let Some(from) = from {
                        for other in (0..units.len()).filter(|&other| {
                            !in_group[other] && site(&column, other) == Some(target)
                        }) {
                            if let Some(back) = column_at(units, other, from) {
                                tries.push(Some((other, back)));
                            }
                        }
                    }
                    for swap in tries {
                        let mut trial = column.clone();
                        trial[member] = Some(to);
                        if let Some((other, back)) = swap {
                            trial[other] = Some(back);
                        }
                        let found = value_of(&as_chosen(&trial));
                        if found > value {
                            if swap.is_none() {
                                used[target] += 1;
                                if let Some(from) = from {
                                    used[from] -= 1;
                                }
                            }
                            column = trial;
                            value = found;
                            better = true;
                            break;
                        }
                    }
                }
            }
        }
        if !better {
            break;
        }
    }
    (value, as_chosen(&column))
}

/// Passes of [`gather`] at most.
const GATHER_PASSES: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    /// Two siblings (units 0 and 1) at sites 0 and 1, a child outside groups (unit 2) at site
    /// 1 too; site 1 is full. A split costs 100; the values barely differ.
    fn apart() -> (Vec<Unit>, Vec<Vec<usize>>, Vec<u32>) {
        let unit = |columns: Vec<(usize, Value)>| Unit {
            members: Vec::new(),
            columns: columns
                .into_iter()
                .map(|(site, value)| (site, value, 0.0))
                .collect(),
        };
        let units = vec![
            unit(vec![(0, 12), (1, 10)]),
            unit(vec![(1, 10)]),
            unit(vec![(1, 11), (0, 10)]),
        ];
        (units, vec![vec![0, 1]], vec![1, 2])
    }

    fn value(units: &[Unit], groups: &[Vec<usize>], chosen: &[(usize, usize)]) -> Value {
        let site_of = |unit: usize| {
            chosen
                .iter()
                .find(|&&(at, _)| at == unit)
                .map(|&(_, column)| units[unit].columns[column].0)
        };
        let parts: Value = groups
            .iter()
            .map(|members| {
                let sites: BTreeSet<Option<usize>> = members.iter().map(|&m| site_of(m)).collect();
                sites.len() as Value - 1
            })
            .sum();
        chosen
            .iter()
            .map(|&(unit, column)| units[unit].columns[column].1)
            .sum::<Value>()
            - 100 * parts
    }

    #[test]
    fn a_sibling_moves_to_its_sibling_by_exchange_with_a_child_outside_groups() {
        let (units, groups, capacity) = apart();
        let chosen = vec![(0, 0), (1, 0), (2, 0)];
        let value_of = |chosen: &[(usize, usize)]| value(&units, &groups, chosen);
        let before = value_of(&chosen);
        let (after, gathered) = gather(chosen, &groups, &units, &capacity, &value_of);
        assert_eq!(after, before + 100 - 2 - 1);
        let mut gathered = gathered;
        gathered.sort_unstable();
        // Sibling 0 at site 1 beside sibling 1; the other child at site 0.
        assert_eq!(gathered, vec![(0, 1), (1, 0), (2, 1)]);
    }

    #[test]
    fn a_sibling_without_a_place_joins_its_sibling_in_a_free_place() {
        let (units, groups, mut capacity) = apart();
        capacity[1] = 3;
        let chosen = vec![(1, 0), (2, 0)];
        let value_of = |chosen: &[(usize, usize)]| value(&units, &groups, chosen);
        let before = value_of(&chosen);
        let (after, gathered) = gather(chosen, &groups, &units, &capacity, &value_of);
        assert_eq!(after, before + 100 + 10);
        assert!(gathered.contains(&(0, 1)));
    }
}
