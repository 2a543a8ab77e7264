//! Properties checked for batch assignment:
//! - oracle: on random instances of at most 6 children and 4 sites, with sibling groups
//!   (together or split at a penalty), locks, capacities, network families, children under
//!   the family-care policy age and foster-family sites, and a random order (or subset) of the
//!   priority tiers, the optimizer's result is lexicographically equal to the best of a
//!   brute-force enumeration of every assignment;
//! - invariants: capacities never exceeded, groups together under `together`, locks kept;
//! - the status is `optimal` and the gap 0 without a time limit.

use std::collections::{BTreeMap, BTreeSet};

use placematch::model::SiteId;
use placematch::optimize::{
    AssignOptions, Placement, Priorities, Priority, Problem, SiblingRule, SiteScores, TierFacts,
    solve, solve_reference,
};
use proptest::prelude::*;

/// Millionths of a score point, as the objective counts them.
fn units(score: f64) -> i128 {
    (score * 1e6).round() as i128
}

/// The tiers of one assignment in the given priority order (higher is better).
fn tiers(problem: &Problem, priorities: &Priorities, sites: &[Option<usize>]) -> Vec<i128> {
    let penalty = match problem.siblings {
        SiblingRule::Together => 0.0,
        SiblingRule::AllowSplit { penalty } => penalty,
    };
    let placed = sites.iter().filter(|site| site.is_some()).count() as i128;
    let extra: i128 = problem
        .groups
        .iter()
        .map(|group| {
            // One part per site used, and one for the members left unplaced.
            let used: BTreeSet<usize> = group.iter().filter_map(|&child| sites[child]).collect();
            let left_out = group.iter().any(|&child| sites[child].is_none());
            if used.is_empty() {
                0
            } else {
                (used.len() + usize::from(left_out) - 1) as i128
            }
        })
        .sum();
    let facts = &problem.facts;
    let network = sites
        .iter()
        .enumerate()
        .filter(|&(child, site)| {
            site.is_some() && facts.network_site.get(child).copied().flatten() == *site
        })
        .count() as i128;
    let family = sites
        .iter()
        .enumerate()
        .filter(|&(child, site)| {
            facts.family_care.get(child).copied().unwrap_or(false)
                && site.is_some_and(|site| facts.family_site.get(site).copied().unwrap_or(false))
        })
        .count() as i128;
    let score: i128 = sites
        .iter()
        .enumerate()
        .filter_map(|(child, site)| site.map(|site| units(problem.pairs[child][&site])))
        .sum::<i128>()
        - extra * units(penalty);
    priorities
        .as_slice()
        .iter()
        .map(|priority| match priority {
            Priority::Placed => placed,
            Priority::SiblingsTogether => -extra,
            Priority::NetworkFamily => network,
            Priority::FamilyCare => family,
            Priority::Score => score,
        })
        .collect()
}

/// The lexicographically best tiers over every feasible assignment, by enumeration.
fn brute_force_tiers(problem: &Problem, priorities: &Priorities) -> Vec<i128> {
    let n = problem.pairs.len();
    let options: Vec<Vec<Option<usize>>> = problem
        .pairs
        .iter()
        .map(|pairs| {
            std::iter::once(None)
                .chain(pairs.keys().map(|&site| Some(site)))
                .collect()
        })
        .collect();
    let mut best: Option<Vec<i128>> = None;
    let mut choice = vec![0usize; n];
    loop {
        let sites: Vec<Option<usize>> = (0..n).map(|child| options[child][choice[child]]).collect();
        if feasible(problem, &sites) {
            let value = tiers(problem, priorities, &sites);
            if best.as_ref().is_none_or(|best| value > *best) {
                best = Some(value);
            }
        }
        let mut idx = 0;
        loop {
            if idx == n {
                return best.expect("leaving everyone unplaced is feasible without locks");
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

/// Best (placed, score − penalties) over every assignment, by enumeration.
fn brute_force(problem: &Problem) -> (usize, f64) {
    let order = Priorities::new(vec![Priority::Placed, Priority::Score]).unwrap();
    let best = brute_force_tiers(problem, &order);
    (best[0] as usize, best[1] as f64 / 1e6)
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
            (
                proptest::collection::vec(proptest::option::weighted(0.3, 0usize..4), n_children),
                proptest::collection::vec(any::<bool>(), n_children),
                proptest::collection::vec(any::<bool>(), n_sites),
            ),
        )
            .prop_map(
                move |(
                    scores,
                    capacity,
                    group_of,
                    together,
                    lock_wishes,
                    (network, young, family),
                )| {
                    let pairs: Vec<SiteScores> = scores
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
                    // A network family is one of the child's own eligible sites.
                    let network_site = network
                        .iter()
                        .enumerate()
                        .map(|(child, site)| site.filter(|site| pairs[child].contains_key(site)))
                        .collect();
                    let mut problem = Problem {
                        pairs,
                        groups,
                        capacity,
                        locks: Vec::new(),
                        siblings,
                        facts: TierFacts {
                            network_site,
                            family_care: young,
                            family_site: family,
                        },
                    };
                    problem.locks = valid_locks(&problem, &lock_wishes);
                    problem
                },
            )
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
    fn the_optimizer_matches_brute_force(problem in instance(), candidates in 1usize..4, order in Just(Priority::DEFAULT_ORDER.to_vec()).prop_shuffle(), keep in 1usize..=5) {
        let site_ids: Vec<SiteId> = (0..problem.capacity.len()).map(|idx| SiteId::new(format!("S-{idx}"))).collect();
        // The default order half the time, otherwise a random order of a random subset.
        let priorities = if keep == 5 && candidates == 1 {
            Priorities::default_order()
        } else {
            Priorities::new(order[..keep].to_vec()).unwrap()
        };
        let options = AssignOptions { candidates, priorities: priorities.clone(), ..AssignOptions::default() };
        let assignment = solve(&problem, &options, &site_ids, &|| false).expect("solves");
        prop_assert_eq!(assignment.optimality.status, "optimal");
        prop_assert_eq!(assignment.optimality.gap, 0.0);

        // Invariants.
        let sites: Vec<Option<usize>> = assignment.placements.iter().map(|p| match p {
            Placement::Placed { site, .. } => Some(*site),
            Placement::Unassigned(_) => None,
        }).collect();
        prop_assert!(feasible(&problem, &sites), "capacity, locks and groups hold");
        prop_assert_eq!(tiers(&problem, &priorities, &sites), brute_force_tiers(&problem, &priorities),
            "lexicographically optimal for {:?}", priorities);
        for (child, site) in sites.iter().enumerate() {
            if let Some(site) = site {
                prop_assert!(problem.pairs[child].contains_key(site), "only eligible pairs");
            }
        }
    }
}

/// Solves `problem` to the end under `priorities`, the other options at their defaults.
fn solve_under(problem: &Problem, priorities: &Priorities) -> placematch::optimize::Assignment {
    let site_ids: Vec<SiteId> = (0..problem.capacity.len())
        .map(|idx| SiteId::new(format!("S-{idx}")))
        .collect();
    let options = AssignOptions {
        priorities: priorities.clone(),
        ..AssignOptions::default()
    };
    solve(problem, &options, &site_ids, &|| false).expect("solves")
}

/// Each child's site in an assignment (none when not placed).
fn sites_of(assignment: &placematch::optimize::Assignment) -> Vec<Option<usize>> {
    assignment
        .placements
        .iter()
        .map(|p| match p {
            Placement::Placed { site, .. } => Some(*site),
            Placement::Unassigned(_) => None,
        })
        .collect()
}

/// The assignment is feasible and lexicographically as good as brute force.
fn assert_matches_brute_force(
    problem: &Problem,
    priorities: &Priorities,
    assignment: &placematch::optimize::Assignment,
) {
    let sites = sites_of(assignment);
    assert!(feasible(problem, &sites));
    assert_eq!(
        tiers(problem, priorities, &sites),
        brute_force_tiers(problem, priorities),
        "{priorities:?} {problem:?}"
    );
}

/// A fixed stream of random instances.
fn instances(seed: u8) -> impl Iterator<Item = Problem> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    );
    std::iter::repeat_with(move || instance().new_tree(&mut runner).unwrap().current())
}

/// The branch and bound over sibling groups (knapsack bound, group decisions, the certified
/// flow at the leaves) is exercised, not only the integral LP: many small instances with
/// groups kept together, each checked against brute force, and enough of them need the search.
#[test]
fn the_group_search_matches_brute_force_where_the_lp_splits_a_group() {
    let priorities = Priorities::default_order();
    let mut searched = 0;
    for problem in instances(7).take(4000) {
        if problem.siblings != SiblingRule::Together || problem.groups.is_empty() {
            continue;
        }
        let assignment = solve_under(&problem, &priorities);
        assert_eq!(assignment.optimality.status, "optimal");
        if matches!(
            assignment.optimality.proof.step,
            placematch::optimize::ProofStep::BranchAndBound { .. }
        ) {
            searched += 1;
        }
        assert_matches_brute_force(&problem, &priorities, &assignment);
    }
    assert!(
        searched >= 20,
        "only {searched} instances needed the search"
    );
}

/// The search over partitions of `allow_split` (the relaxation's choice, then every choice
/// that could beat it, each solved together) is exercised: many small instances whose groups
/// may split, each checked against brute force under the default order and a random one,
/// and enough of them leave more than one choice to solve.
#[test]
fn the_search_over_partitions_matches_brute_force() {
    let mut several = 0;
    for (round, mut problem) in instances(11).take(3000).enumerate() {
        if problem.groups.is_empty() {
            continue;
        }
        problem.siblings = SiblingRule::AllowSplit { penalty: 0.2 };
        problem.locks = valid_locks(&problem, &problem.locks.clone());
        let priorities = if round % 2 == 0 {
            Priorities::default_order()
        } else {
            let mut order = Priority::DEFAULT_ORDER.to_vec();
            order.rotate_left(round % 5);
            Priorities::new(order).unwrap()
        };
        let assignment = solve_under(&problem, &priorities);
        assert_eq!(assignment.optimality.status, "optimal", "{problem:?}");
        if let placematch::optimize::ProofStep::Partitions { choices, .. } =
            assignment.optimality.proof.step
        {
            if choices > 1 {
                several += 1;
            }
        }
        assert_matches_brute_force(&problem, &priorities, &assignment);
    }
    assert!(
        several >= 20,
        "only {several} instances left several choices"
    );
}

/// The legal defaults, checked directly under the default order on many small instances
/// (the brute-force oracles imply them; these say them in the words):
/// - a child outside sibling groups is at its own eligible network family whenever that costs
///   no placed child and splits no group: the family has no free place, and no child there
///   could take this child's site instead;
/// - with `allow_split`, a group is split only when no site has room for all of it;
/// - a split group uses the fewest parts: no sibling alone in its part could join another
///   part's site, where there is a free place.
#[test]
fn the_laws_defaults_hold_whenever_they_cost_no_placed_child() {
    let priorities = Priorities::default_order();
    let (mut network_checked, mut splits_checked) = (0, 0);
    for (round, mut problem) in instances(23).take(2500).enumerate() {
        if round % 2 == 1 {
            problem.siblings = SiblingRule::AllowSplit { penalty: 0.2 };
        }
        let assignment = solve_under(&problem, &priorities);
        let sites = sites_of(&assignment);
        let mut used = vec![0u32; problem.capacity.len()];
        for site in sites.iter().flatten() {
            used[*site] += 1;
        }
        let free = |site: usize| used[site] < problem.capacity[site];
        let locked = |child: usize| problem.locks.iter().any(|&(c, _)| c == child);
        let in_group = |child: usize| problem.groups.iter().any(|g| g.contains(&child));
        let eligible = |child: usize, site: usize| problem.pairs[child].contains_key(&site);
        let network = |child: usize| problem.facts.network_site.get(child).copied().flatten();

        for child in 0..sites.len() {
            let Some(family) = network(child) else {
                continue;
            };
            if sites[child] == Some(family) || in_group(child) || locked(child) {
                continue;
            }
            network_checked += 1;
            assert!(
                !free(family),
                "child {child} kept from its network family {family}, which has a free place: {problem:?}"
            );
            if let Some(own) = sites[child] {
                for other in (0..sites.len()).filter(|&other| sites[other] == Some(family)) {
                    let could_swap = !in_group(other)
                        && !locked(other)
                        && network(other) != Some(family)
                        && eligible(other, own);
                    assert!(
                        !could_swap,
                        "child {child} and child {other} could swap to use the network family: {problem:?}"
                    );
                }
            }
        }

        if problem.siblings == SiblingRule::Together {
            continue;
        }
        for group in &problem.groups {
            if group.iter().any(|&child| locked(child)) {
                continue;
            }
            let parts: BTreeSet<Option<usize>> = group.iter().map(|&child| sites[child]).collect();
            if parts.len() < 2 || parts.iter().all(Option::is_none) {
                continue;
            }
            splits_checked += 1;
            for (site, (&places, &taken)) in problem.capacity.iter().zip(&used).enumerate() {
                let members_here = group.iter().filter(|&&c| sites[c] == Some(site)).count();
                let room = places - taken + members_here as u32;
                let whole = group.iter().all(|&child| eligible(child, site));
                assert!(
                    !(whole && room as usize >= group.len()),
                    "group {group:?} split although site {site} has room for all of it: {problem:?}"
                );
            }
            for part in &parts {
                let members: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&c| sites[c] == *part)
                    .collect();
                let [alone] = members[..] else {
                    continue;
                };
                for other in parts
                    .iter()
                    .flatten()
                    .filter(|&&other| Some(other) != *part)
                {
                    assert!(
                        !(free(*other) && eligible(alone, *other)),
                        "child {alone} could join its siblings at site {other}: {problem:?}"
                    );
                }
            }
        }
    }
    assert!(
        network_checked >= 50 && splits_checked >= 20,
        "only {network_checked} network families and {splits_checked} splits checked"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    /// A search stopped at once (before any branch-and-bound node) still says only what is
    /// true: no more than `more_placed_at_most` more children can be placed, and when it
    /// gives a score gap, every higher tier equals the optimum's and the score is within it.
    #[test]
    fn a_stopped_search_claims_only_proven_gaps(problem in instance()) {
        prop_assume!(problem.siblings == SiblingRule::Together);
        let site_ids: Vec<SiteId> = (0..problem.capacity.len()).map(|idx| SiteId::new(format!("S-{idx}"))).collect();
        let priorities = Priorities::default_order();
        let options = AssignOptions { priorities: priorities.clone(), ..AssignOptions::default() };
        let ours = solve(&problem, &options, &site_ids, &|| true).expect("solves");
        let sites: Vec<Option<usize>> = ours.placements.iter().map(|p| match p {
            Placement::Placed { site, .. } => Some(*site),
            Placement::Unassigned(_) => None,
        }).collect();
        let found = tiers(&problem, &priorities, &sites);
        let best = brute_force_tiers(&problem, &priorities);
        let more = ours.optimality.more_placed_at_most.expect("placed is the first tier");
        prop_assert!(best[0] - found[0] <= more as i128, "{:?} vs {:?}, at most {} more", found, best, more);
        if let Some(points) = ours.optimality.gap_score_points {
            let last = found.len() - 1;
            prop_assert_eq!(&found[..last], &best[..last]);
            prop_assert!((best[last] - found[last]) as f64 <= points * 1e6 + 0.5);
        }
        if ours.optimality.status == "optimal" {
            prop_assert_eq!(found, best);
        }
    }

    /// The benches' peer (the whole model as one MILP in good_lp's backend) and our own
    /// method reach the same exact objective and the same number placed, groups together.
    #[test]
    fn our_method_matches_the_reference_milp(problem in instance()) {
        prop_assume!(problem.siblings == SiblingRule::Together);
        let site_ids: Vec<SiteId> = (0..problem.capacity.len()).map(|idx| SiteId::new(format!("S-{idx}"))).collect();
        let priorities = Priorities::new(vec![Priority::Placed, Priority::Score]).unwrap();
        let options = AssignOptions { priorities, ..AssignOptions::default() };
        let ours = solve(&problem, &options, &site_ids, &|| false).expect("solves");
        let reference = solve_reference(&problem, &options, 60.0).expect("the reference solves");
        prop_assert!(reference.proven);
        prop_assert_eq!(ours.objective, reference.objective);
        prop_assert_eq!(ours.placed, reference.placed);
    }
}

#[test]
fn split_lp_optima_go_through_branch_and_bound_and_stay_optimal() {
    // Three sibling pairs, two sites with three places each: the LP places all six children
    // by splitting a group; whole groups fit only two at a time.
    let pairs: Vec<SiteScores> = (0..6)
        .map(|child| [(0, 0.5 + child as f64 / 100.0), (1, 0.4)].into())
        .collect();
    let problem = Problem {
        pairs,
        groups: vec![vec![0, 1], vec![2, 3], vec![4, 5]],
        capacity: vec![3, 3],
        locks: Vec::new(),
        siblings: SiblingRule::Together,
        facts: TierFacts::default(),
    };
    let site_ids = [SiteId::new("S-A"), SiteId::new("S-B")];
    let assignment = solve(&problem, &AssignOptions::default(), &site_ids, &|| false).unwrap();
    assert_eq!(assignment.placed, 4);
    assert_eq!(brute_force(&problem).0, 4);
    assert!(
        matches!(
            assignment.optimality.proof.step,
            placematch::optimize::ProofStep::BranchAndBound { complete: true, .. }
        ),
        "{:?}",
        assignment.optimality.proof
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

/// Siblings 0 and 1 only fit at different sites: splitting places both, at a penalty.
fn a_pair_that_only_fits_apart() -> Problem {
    let pairs: Vec<SiteScores> = vec![[(0, 0.9)].into(), [(1, 0.8)].into(), [(1, 0.3)].into()];
    Problem {
        pairs,
        groups: vec![vec![0, 1]],
        capacity: vec![1, 2],
        locks: Vec::new(),
        siblings: SiblingRule::AllowSplit { penalty: 0.2 },
        facts: TierFacts::default(),
    }
}

#[test]
fn split_groups_are_proven_by_the_search_over_partitions() {
    let problem = a_pair_that_only_fits_apart();
    let site_ids = [SiteId::new("S-A"), SiteId::new("S-B")];
    let assignment = solve(&problem, &AssignOptions::default(), &site_ids, &|| false).unwrap();
    let (placed, value) = brute_force(&problem);
    assert_eq!(assignment.placed, placed);
    assert!((assignment.total_score - assignment.split_penalty - value).abs() < 1e-9);
    assert_eq!((assignment.placed, assignment.split_penalty), (3, 0.2));
    assert!(
        matches!(
            assignment.optimality.proof.step,
            placematch::optimize::ProofStep::Partitions { complete: true, .. }
        ),
        "{:?}",
        assignment.optimality.proof
    );
    assert_eq!(assignment.optimality.status, "optimal");
    assert_eq!(assignment.optimality.more_placed_at_most, Some(0));
}

/// A lock on a sibling keeps the group out of the search over partitions: the MILP proves it.
#[test]
fn split_groups_with_a_locked_sibling_go_through_the_milp() {
    let mut problem = a_pair_that_only_fits_apart();
    problem.locks = vec![(1, 1)];
    let site_ids = [SiteId::new("S-A"), SiteId::new("S-B")];
    let assignment = solve(&problem, &AssignOptions::default(), &site_ids, &|| false).unwrap();
    let (placed, value) = brute_force(&problem);
    assert_eq!(assignment.placed, placed);
    assert!((assignment.total_score - assignment.split_penalty - value).abs() < 1e-9);
    assert!(
        assignment.optimality.milp_columns > 0,
        "{:?}",
        assignment.optimality.proof
    );
    assert_eq!(assignment.optimality.status, "optimal");
}

mod cli {
    //! The `assign` and `compare` commands on the fixture data: the JSON contract, scenario
    //! effects and errors, CSV, atomic `--out`, determinism.

    use std::path::Path;

    use crate::support::{data_dir, placematch};

    fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
        let output = placematch()
            .args(args)
            .arg("--data")
            .arg(dir)
            .args(["--as-of", "2026-11-23"])
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn scenario(dir: &Path, name: &str, text: &str) -> String {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }

    #[test]
    fn json_has_the_contract_fields_and_reasons() {
        let dir = data_dir(&[]);
        let (code, stdout, stderr) =
            run(dir.path(), &["assign", "--format", "json", "--lang", "en"]);
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["scenario"], "baseline");
        assert_eq!(json["as_of"], "2026-11-23");
        assert_eq!(json["weights"]["needs"], 0.25);
        assert_eq!(json["objective"]["placed"], 1);
        assert_eq!(json["optimality"]["status"], "optimal");
        assert_eq!(json["optimality"]["gap"], 0.0);
        assert!(
            json["optimality"]["method"]
                .as_str()
                .unwrap()
                .contains("dual")
        );
        assert_eq!(json["assignments"][0]["child_id"], "C-3");
        assert_eq!(json["assignments"][0]["site_id"], "S-3");
        assert_eq!(
            json["unassigned"][0]["reason"],
            "siblings.no_site_for_group"
        );
        assert_eq!(json["unassigned"][1]["child_id"], "C-2");
        let (_, again, _) = run(dir.path(), &["assign", "--format", "json", "--lang", "en"]);
        assert_eq!(stdout, again, "same inputs, same bytes");
    }

    /// The priorities are echoed; a child kept from its network family by a forbid carries the
    /// flag with its law; a reordered list changes who gets the place; a bad list is refused
    /// with the key named.
    #[test]
    fn priorities_are_echoed_and_flags_carry_their_law() {
        let dir = data_dir(&[]);
        let (code, stdout, stderr) = run(dir.path(), &["assign", "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stderr, "", "no progress line when stderr is not a terminal");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            json["priorities"],
            serde_json::json!([
                "placed",
                "siblings_together",
                "network_family",
                "family_care",
                "score"
            ])
        );
        assert_eq!(json["policy"]["family_care_under"], 6);
        assert_eq!(
            json["optimality"]["summary"],
            "Det er bevist, at ingen anden fordeling er bedre efter de valgte prioriteter"
        );

        let away = scenario(dir.path(), "away.toml", "forbid = [[\"C-3\", \"S-3\"]]\n");
        let (code, stdout, stderr) = run(
            dir.path(),
            &["assign", "--scenario", &away, "--format", "json"],
        );
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let c3 = json["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["child_id"] == "C-3");
        // A forbidden network family is not eligible, so no flag claims it could be used.
        if let Some(c3) = c3 {
            assert!(
                !c3["flags"]
                    .as_array()
                    .unwrap()
                    .contains(&"network.network_family_not_first".into())
            );
        }
        assert!(json["metrics"]["flag_counts"].is_object());

        let bad = scenario(
            dir.path(),
            "bad.toml",
            "priorities = [\"placed\", \"scor\"]\n",
        );
        let (code, _, stderr) = run(dir.path(), &["assign", "--scenario", &bad]);
        assert_eq!(code, 65, "{stderr}");
        assert!(
            stderr.contains("nøglen `priorities`, punkt 2") && stderr.contains("mente du `score`?"),
            "{stderr}"
        );
        let twice = scenario(
            dir.path(),
            "twice.toml",
            "priorities = [\"placed\", \"placed\"]\n",
        );
        let (code, _, stderr) = run(dir.path(), &["assign", "--scenario", &twice]);
        assert_eq!(code, 65, "{stderr}");
        assert!(stderr.contains("står to gange: placed"), "{stderr}");
        for limit in ["1e300", "0", "-1", "NaN"] {
            let arg = format!("--time-limit={limit}");
            let (code, _, stderr) = run(dir.path(), &["assign", &arg]);
            assert_eq!(code, 2, "{limit}: {stderr}");
            assert!(stderr.contains("--time-limit"), "{stderr}");
        }
        let penalty = scenario(
            dir.path(),
            "penalty.toml",
            "siblings = \"allow_split\"\nsplit_penalty = 1e308\n",
        );
        let (code, _, stderr) = run(dir.path(), &["assign", "--scenario", &penalty]);
        assert_eq!(code, 65, "{stderr}");
        assert!(stderr.contains("højst være 10 point"), "{stderr}");
    }

    #[test]
    fn scenario_keys_change_the_result() {
        let dir = data_dir(&[]);
        // Room for the sibling pair at S-4; C-3 kept away from its network family.
        let more = scenario(
            dir.path(),
            "more.toml",
            "name = \"more places\"\nfree_places = { \"S-4\" = 2 }\nforbid = [[\"C-3\", \"S-3\"]]\n",
        );
        let (code, stdout, stderr) = run(
            dir.path(),
            &["assign", "--scenario", &more, "--format", "json"],
        );
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["scenario"], "more places");
        let site_of = |child: &str| {
            json["assignments"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["child_id"] == child)
                .map(|a| a["site_id"].as_str().unwrap().to_string())
        };
        assert_eq!(site_of("C-1"), Some("S-4".into()));
        assert_eq!(site_of("C-2"), Some("S-4".into()));
        assert_ne!(site_of("C-3"), Some("S-3".into()));
        assert_eq!(json["metrics"]["siblings_together"], 1);

        let extra = dir.path().join("extra.csv");
        let header = crate::support::SITES.lines().next().unwrap();
        std::fs::write(&extra, format!("{header}\nS-9,Familie Ny,foster_specialised,101,2,2,0,17,any,adhd:2|trauma:2,long_term|permanent,none,,da,own_room,0,true,2,4.0,60000,true,2026-11-01\n")).unwrap();
        let added = scenario(
            dir.path(),
            "added.toml",
            "add_sites = \"extra.csv\"\nremove_sites = [\"S-3\"]\n",
        );
        let (code, stdout, stderr) = run(
            dir.path(),
            &["assign", "--scenario", &added, "--format", "csv"],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.starts_with("child_id,site_id,total\n"), "{stdout}");
        assert!(
            stdout.contains("C-1,S-9,") && stdout.contains("C-2,S-9,"),
            "{stdout}"
        );
        assert!(
            stdout.contains("\nC-3,,\n") || stdout.contains("C-3,S-"),
            "{stdout}"
        );
        assert!(
            stderr.contains("børn anbragt"),
            "summary on stderr: {stderr}"
        );
    }

    #[test]
    fn scenario_errors_name_the_file_and_key() {
        let dir = data_dir(&[]);
        let typo = scenario(dir.path(), "typo.toml", "sibling = \"together\"\n");
        let (code, stdout, stderr) = run(dir.path(), &["assign", "--scenario", &typo]);
        assert_eq!((code, stdout.as_str()), (65, ""));
        assert!(
            stderr.contains("typo.toml: ukendt nøgle `sibling`; mente du `siblings`?"),
            "{stderr}"
        );

        let lock = scenario(dir.path(), "lock.toml", "lock = [[\"C-1\", \"S-2\"]]\n");
        let (code, _, stderr) = run(dir.path(), &["assign", "--scenario", &lock]);
        assert_eq!(code, 65);
        assert!(
            stderr.contains("lock.toml: den fastlåste anbringelse C-1 → S-2: stedet er frasorteret for dette barn"),
            "{stderr}"
        );

        let removed = scenario(dir.path(), "removed.toml", "remove_sites = [\"S-77\"]\n");
        let (code, _, stderr) = run(dir.path(), &["assign", "--scenario", &removed]);
        assert_eq!(code, 65);
        assert!(
            stderr.contains("nøglen `remove_sites`: stedet S-77 findes ikke i data"),
            "{stderr}"
        );

        let (code, _, _) = run(dir.path(), &["assign", "--scenario", "/nonexistent/s.toml"]);
        assert_eq!(code, 66);
    }

    #[test]
    fn out_is_written_atomically() {
        let dir = data_dir(&[]);
        let out = dir.path().join("result.json");
        let (code, stdout, _) = run(
            dir.path(),
            &["assign", "--format", "json", "--out", out.to_str().unwrap()],
        );
        assert_eq!((code, stdout.as_str()), (0, ""));
        assert!(
            std::fs::read_to_string(&out)
                .unwrap()
                .contains("\"optimality\"")
        );

        let missing = dir.path().join("no/such/dir/result.json");
        let (code, _, _) = run(dir.path(), &["assign", "--out", missing.to_str().unwrap()]);
        assert_eq!(code, 73);
        let typo = scenario(dir.path(), "bad.toml", "siblings = 3\n");
        let failed = dir.path().join("failed.json");
        let (code, _, _) = run(
            dir.path(),
            &[
                "assign",
                "--scenario",
                &typo,
                "--out",
                failed.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 65);
        assert!(!failed.exists(), "a failing run leaves no file");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".placematch"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn compare_shows_both_sides_and_who_moved() {
        let dir = data_dir(&[]);
        let a = scenario(dir.path(), "a.toml", "name = \"as is\"\n");
        let b = scenario(
            dir.path(),
            "b.toml",
            "name = \"room at S-4\"\nfree_places = { \"S-4\" = 2 }\n",
        );
        let (code, stdout, stderr) = run(dir.path(), &["compare", &a, &b, "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["a"]["scenario"], "as is");
        assert_eq!(json["a"]["placed"], 1);
        assert_eq!(json["b"]["placed"], 3);
        assert_eq!(json["b"]["siblings_together"], 1);
        for key in [
            "total_score",
            "median_travel_minutes_home",
            "median_travel_minutes_school",
            "school_changes",
            "family_care_share",
            "institutional_share",
        ] {
            assert!(json["a"].get(key).is_some(), "{key}");
        }
        let moved = json["moved"].as_array().unwrap();
        assert!(
            moved.iter().any(|m| m["child_id"] == "C-1"
                && m["a_site_id"].is_null()
                && m["b_site_id"] == "S-4"),
            "{moved:?}"
        );
        let (code, table, _) = run(dir.path(), &["compare", &a, &b]);
        assert_eq!(code, 0);
        assert!(
            table.contains("børn får forskellige steder i A og B"),
            "{table}"
        );
        assert!(
            table.contains("anbragte børn") && table.contains("0,730"),
            "{table}"
        );
        let (code, table, _) = run(dir.path(), &["compare", &a, &b, "--lang", "en"]);
        assert_eq!(code, 0);
        assert!(
            table.contains("children get different sites in A and B"),
            "{table}"
        );
    }

    /// A mistake in scenario B is said before scenario A is solved (a planner used to wait
    /// for A's solve, then read B's file error).
    #[test]
    fn compare_checks_both_files_before_solving() {
        let dir = data_dir(&[]);
        let a = scenario(dir.path(), "a.toml", "name = \"A\"\n");
        let b = scenario(dir.path(), "b.toml", "sibling = \"together\"\n");
        let (code, stdout, stderr) = run(dir.path(), &["compare", &a, &b]);
        assert_eq!((code, stdout.as_str()), (65, ""));
        assert!(
            stderr.contains("b.toml: ukendt nøgle `sibling`"),
            "{stderr}"
        );
        // In English on request.
        let (_, _, english) = run(dir.path(), &["compare", &a, &b, "--lang", "en"]);
        assert!(
            english.contains("b.toml: unknown key `sibling`; did you mean `siblings`?"),
            "{english}"
        );
        assert!(!stderr.contains("placed"), "A was solved first: {stderr}");
    }
}

#[test]
fn the_pruned_solve_equals_the_unpruned_solve_on_contended_data() {
    use jiff::civil::date;
    use placematch::context::ScoringContext;
    use placematch::generate::{GenerateParams, generate};
    use placematch::model::Dataset;
    use placematch::optimize::assign;
    use placematch::score::{Policy, Weights};

    let geography = placematch::io::embedded_geography().unwrap();
    for seed in [3, 4] {
        let params = GenerateParams {
            children: 120,
            sites: 400,
            seed,
            as_of: date(2026, 11, 1),
        };
        let generated = generate(
            &params,
            geography.dataset.municipalities(),
            geography.dataset.links(),
            &geography.geo,
        );
        // Contended: every site has at most one free place, and only half the sites remain.
        let sites = generated
            .sites()
            .iter()
            .enumerate()
            .filter(|(idx, site)| idx % 2 == 0 || site.network_for.is_some())
            .map(|(_, site)| {
                let mut site = site.clone();
                site.free_places = site.free_places.min(1);
                site
            })
            .collect();
        let dataset = Dataset::new(
            generated.children().to_vec(),
            sites,
            generated.municipalities().to_vec(),
            generated.links().to_vec(),
        );
        let batch = ScoringContext::new(&dataset, &geography.geo, date(2026, 11, 23));
        let solve = |candidates| {
            let options = AssignOptions {
                candidates,
                ..AssignOptions::default()
            };
            assign(
                &dataset,
                &batch,
                &Weights::DEFAULT,
                &Policy::DEFAULT,
                &options,
                &|| false,
            )
            .unwrap()
        };
        let pruned = solve(2);
        let full = solve(100_000);
        assert_eq!(pruned.placed, full.placed, "seed {seed}");
        assert!(
            (pruned.total_score - full.total_score).abs() < 1e-6,
            "seed {seed}: {} vs {}",
            pruned.total_score,
            full.total_score
        );
        assert_eq!(pruned.optimality.status, "optimal");
        assert!(
            pruned.optimality.rounds > 1,
            "contention made the certificate widen the candidates"
        );
        assert!(
            pruned.placed < dataset.children().len(),
            "the instance is contended"
        );
    }
}
