//! Properties checked for batch assignment:
//! - oracle: on random instances of at most 6 children and 4 sites, with sibling groups
//!   (together or split at a penalty), locks and capacities, the optimizer's objective equals
//!   a brute-force enumeration of every assignment;
//! - invariants: capacities never exceeded, groups together under `together`, locks kept;
//! - the status is `optimal` and the gap 0 without a time limit.

use std::collections::{BTreeMap, BTreeSet};

use placematch::model::SiteId;
use placematch::optimize::{AssignOptions, Placement, Problem, SiblingRule, solve};
use proptest::prelude::*;

/// Best (placed, score − penalties) over every assignment, by enumeration.
fn brute_force(problem: &Problem) -> (usize, f64) {
    let n = problem.pairs.len();
    let penalty = match problem.siblings {
        SiblingRule::Together => 0.0,
        SiblingRule::AllowSplit { penalty } => penalty,
    };
    let options: Vec<Vec<Option<usize>>> = problem
        .pairs
        .iter()
        .map(|pairs| {
            std::iter::once(None)
                .chain(pairs.keys().map(|&site| Some(site)))
                .collect()
        })
        .collect();
    let mut best = (0usize, f64::NEG_INFINITY);
    let mut choice = vec![0usize; n];
    loop {
        let sites: Vec<Option<usize>> = (0..n).map(|child| options[child][choice[child]]).collect();
        if feasible(problem, &sites) {
            let placed = sites.iter().filter(|site| site.is_some()).count();
            let score: f64 = sites
                .iter()
                .enumerate()
                .filter_map(|(child, site)| site.map(|site| problem.pairs[child][&site]))
                .sum();
            let extra: usize = problem
                .groups
                .iter()
                .map(|group| {
                    let used: BTreeSet<usize> =
                        group.iter().filter_map(|&child| sites[child]).collect();
                    used.len().saturating_sub(1)
                })
                .sum();
            let value = score - penalty * extra as f64;
            if placed > best.0 || (placed == best.0 && value > best.1 + 1e-12) {
                best = (placed, value);
            }
        }
        // Next combination.
        let mut idx = 0;
        loop {
            if idx == n {
                return best;
            }
            choice[idx] += 1;
            if choice[idx] < options[idx].len() {
                break;
            }
            choice[idx] = 0;
            idx += 1;
        }
    }
}

fn feasible(problem: &Problem, sites: &[Option<usize>]) -> bool {
    let mut used = vec![0u32; problem.capacity.len()];
    for site in sites.iter().flatten() {
        used[*site] += 1;
    }
    if used
        .iter()
        .zip(&problem.capacity)
        .any(|(used, cap)| used > cap)
    {
        return false;
    }
    for &(child, site) in &problem.locks {
        if sites[child] != Some(site) {
            return false;
        }
    }
    if problem.siblings == SiblingRule::Together {
        for group in &problem.groups {
            let first = sites[group[0]];
            if group.iter().any(|&child| sites[child] != first) {
                return false;
            }
        }
    }
    true
}

fn instance() -> impl Strategy<Value = Problem> {
    (1usize..=6, 1usize..=4).prop_flat_map(|(n_children, n_sites)| {
        (
            proptest::collection::vec(
                proptest::collection::vec(proptest::option::weighted(0.6, 0u32..=8), n_sites),
                n_children,
            ),
            proptest::collection::vec(0u32..=3, n_sites),
            proptest::collection::vec(0usize..3, n_children),
            any::<bool>(),
            proptest::collection::vec((0usize..6, 0usize..4), 0..3),
        )
            .prop_map(move |(scores, capacity, group_of, together, lock_wishes)| {
                let pairs: Vec<BTreeMap<usize, f64>> = scores
                    .iter()
                    .map(|row| {
                        row.iter()
                            .enumerate()
                            .filter_map(|(site, score)| {
                                score.map(|score| (site, f64::from(score) / 8.0))
                            })
                            .collect()
                    })
                    .collect();
                // Group labels 1 and 2 make groups; label 0 is no group.
                let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
                for (child, &label) in group_of.iter().enumerate() {
                    if label > 0 {
                        groups.entry(label).or_default().push(child);
                    }
                }
                let groups: Vec<Vec<usize>> =
                    groups.into_values().filter(|g| g.len() > 1).collect();
                let siblings = if together {
                    SiblingRule::Together
                } else {
                    SiblingRule::AllowSplit { penalty: 0.2 }
                };
                let mut problem = Problem {
                    pairs,
                    groups,
                    capacity,
                    locks: Vec::new(),
                    siblings,
                };
                problem.locks = valid_locks(&problem, &lock_wishes);
                problem
            })
    })
}

/// The lock wishes that are valid: the whole unit eligible, capacity left, one site per unit.
fn valid_locks(problem: &Problem, wishes: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut locks = Vec::new();
    let mut left = problem.capacity.clone();
    let mut locked: BTreeSet<usize> = BTreeSet::new();
    for &(child, site) in wishes {
        if child >= problem.pairs.len() || site >= problem.capacity.len() || locked.contains(&child)
        {
            continue;
        }
        let unit: Vec<usize> = match problem.siblings {
            SiblingRule::Together => problem
                .groups
                .iter()
                .find(|g| g.contains(&child))
                .cloned()
                .unwrap_or(vec![child]),
            SiblingRule::AllowSplit { .. } => vec![child],
        };
        let size = unit.len() as u32;
        if unit
            .iter()
            .all(|&member| problem.pairs[member].contains_key(&site))
            && left[site] >= size
        {
            left[site] -= size;
            locked.extend(unit.iter().copied());
            locks.push((child, site));
        }
    }
    locks
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_optimizer_matches_brute_force(problem in instance(), candidates in 1usize..4) {
        let site_ids: Vec<SiteId> = (0..problem.capacity.len()).map(|idx| SiteId::new(format!("S-{idx}"))).collect();
        let options = AssignOptions { candidates, ..AssignOptions::default() };
        let assignment = solve(&problem, &options, &site_ids, &|| false).expect("solves");
        let (placed, value) = brute_force(&problem);
        prop_assert_eq!(assignment.placed, placed);
        prop_assert!((assignment.total_score - assignment.split_penalty - value).abs() < 1e-6,
            "solver {} − {} vs brute force {}", assignment.total_score, assignment.split_penalty, value);
        prop_assert_eq!(assignment.optimality.status, "optimal");
        prop_assert_eq!(assignment.optimality.gap, 0.0);

        // Invariants.
        let sites: Vec<Option<usize>> = assignment.placements.iter().map(|p| match p {
            Placement::Placed { site, .. } => Some(*site),
            Placement::Unassigned(_) => None,
        }).collect();
        prop_assert!(feasible(&problem, &sites), "capacity, locks and groups hold");
        for (child, site) in sites.iter().enumerate() {
            if let Some(site) = site {
                prop_assert!(problem.pairs[child].contains_key(site), "only eligible pairs");
            }
        }
    }
}

#[test]
fn split_lp_optima_go_through_branch_and_bound_and_stay_optimal() {
    // Three sibling pairs, two sites with three places each: the LP places all six children
    // by splitting a group; whole groups fit only two at a time.
    let pairs: Vec<BTreeMap<usize, f64>> = (0..6)
        .map(|child| [(0, 0.5 + child as f64 / 100.0), (1, 0.4)].into())
        .collect();
    let problem = Problem {
        pairs,
        groups: vec![vec![0, 1], vec![2, 3], vec![4, 5]],
        capacity: vec![3, 3],
        locks: Vec::new(),
        siblings: SiblingRule::Together,
    };
    let site_ids = [SiteId::new("S-A"), SiteId::new("S-B")];
    let assignment = solve(&problem, &AssignOptions::default(), &site_ids, &|| false).unwrap();
    assert_eq!(assignment.placed, 4);
    assert_eq!(brute_force(&problem).0, 4);
    assert!(
        assignment.optimality.method.contains("Branch and bound"),
        "{}",
        assignment.optimality.method
    );
    assert_eq!(assignment.optimality.status, "optimal");
    let unassigned: Vec<_> = assignment
        .placements
        .iter()
        .filter_map(|p| match p {
            Placement::Unassigned(reason) => Some(reason.code()),
            Placement::Placed { .. } => None,
        })
        .collect();
    assert_eq!(
        unassigned,
        ["assign.sites_saturated", "assign.sites_saturated"]
    );
}

#[test]
fn split_groups_with_a_penalty_go_through_the_milp() {
    // Siblings 0 and 1 only fit at different sites: splitting places both, at a penalty.
    let pairs: Vec<BTreeMap<usize, f64>> =
        vec![[(0, 0.9)].into(), [(1, 0.8)].into(), [(1, 0.3)].into()];
    let problem = Problem {
        pairs,
        groups: vec![vec![0, 1]],
        capacity: vec![1, 2],
        locks: Vec::new(),
        siblings: SiblingRule::AllowSplit { penalty: 0.2 },
    };
    let site_ids = [SiteId::new("S-A"), SiteId::new("S-B")];
    let assignment = solve(&problem, &AssignOptions::default(), &site_ids, &|| false).unwrap();
    let (placed, value) = brute_force(&problem);
    assert_eq!(assignment.placed, placed);
    assert!((assignment.total_score - assignment.split_penalty - value).abs() < 1e-9);
    assert_eq!((assignment.placed, assignment.split_penalty), (3, 0.2));
    assert!(
        assignment.optimality.milp_columns > 0,
        "{}",
        assignment.optimality.method
    );
    assert_eq!(assignment.optimality.status, "optimal");
}
