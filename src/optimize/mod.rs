//! Batch assignment for planners (PRODUCT.md section 5): every child gets at most one eligible
//! site, every site at most its free places, sibling groups together (or split at a penalty),
//! locks fixed and forbids excluded. The objective, in strict priority: place as many
//! children as possible, then maximize the sum of total scores. The result is optimal and
//! says how that was established.
//!
//! Method:
//! 1. Every eligible pair is scored (`score::score_all`); forbids and the travel limit remove
//!    pairs; locks fix their children and use up places.
//! 2. Units: each child, or each sibling group that must stay together. A unit at a site is a
//!    column worth `B·children + Σ scores`, with `B` larger than any possible score sum, so one
//!    more child always outweighs any score gain (the two-level objective in one).
//! 3. The LP relaxation is a transportation problem (a group is a node with supply = its size),
//!    solved exactly by our min-cost flow (`flow.rs`) on the best K columns of each unit. Its
//!    dual solution certifies the result for *all* columns: no column, pruned or not, has a
//!    positive reduced cost, and the dual objective equals the primal. Violating columns are
//!    added and the flow solved again until that holds.
//! 4. If every group lands whole on one site, that flow is an integer solution equal to the
//!    LP bound: optimal. Otherwise a branch and bound over the groups (`bnb.rs`: a group whole
//!    at one site, or without a site), each node bounded by the knapsack relaxation of every
//!    site (`knapsack.rs`), the single children placed by the certified flow once every group
//!    is decided, finds the optimum.
//! 5. With `allow_split`, each group takes a partition of its members into parts, each part
//!    beyond the first (a part without a place too) costing a unit of the siblings tier; given
//!    the partitions, the parts stay together and step 4 proves the rest. A Lagrangian
//!    relaxation of the sites' places (`partition.rs`) bounds every choice of partitions, and
//!    every choice that could beat the best so far is solved (`split.rs`). Where that cannot
//!    run (a locked sibling, a group of more than 8, more than 256 choices), a MILP (`milp.rs`,
//!    good_lp) prices the split on the columns that survive reduced-cost fixing.

mod bnb;
mod certify;
mod flow;
mod knapsack;
mod metrics;
mod milp;
mod partition;
mod priorities;
mod problem;
mod reference;
mod solver;
mod split;

pub use priorities::{Priorities, PrioritiesError, Priority};
pub use problem::{Problem, SiteScores, TierFacts, build_problem};
pub use reference::{Reference, solve_reference};

pub(crate) use metrics::PlacedFigures;
pub use metrics::{Metrics, metrics};

use std::collections::BTreeSet;

use crate::context::ScoringContext;
use crate::model::{ChildId, Dataset, SiteId};
use crate::score::{Policy, Weights};
use rayon::prelude::*;

use bnb::{LpBound, Root, branch_and_bound, greedy};
use certify::{CertifiedFlow, certified_flow, repair};
use milp::{Milp, MilpStatus};
use priorities::{TierMaxima, TierWeights, score_units};
use problem::{Unit, in_groups, units_of};
use split::{Split, gather, search_partitions, together_first_candidates};

/// An exact objective value: the tiers of [`Priorities`] as one integer (see `priorities.rs`).
pub(crate) type Value = i128;

/// What to do with sibling groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SiblingRule {
    /// All members of a group go to the same site or all stay unassigned (the default,
    /// Barnets Lov § 52, stk. 3).
    Together,
    /// Members may go to different sites; each part beyond the first (a further site, or the
    /// members left without a place) costs a unit of the siblings tier and `penalty` score
    /// points.
    AllowSplit {
        /// Score points lost per extra part.
        penalty: f64,
    },
}

/// Options of one assignment run.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignOptions {
    /// Sibling rule.
    pub siblings: SiblingRule,
    /// Pairs fixed by the planner.
    pub locks: Vec<(ChildId, SiteId)>,
    /// Pairs the planner excludes.
    pub forbids: Vec<(ChildId, SiteId)>,
    /// Pairs farther than this from the child's home are excluded.
    pub max_travel_minutes: Option<f64>,
    /// Columns per unit in the first round (more are added when the certificate asks).
    pub candidates: usize,
    /// Time limit of the MILP stage, seconds; on expiry the best solution and its proven gap
    /// are returned.
    pub time_limit: Option<f64>,
    /// The tiers of the objective, highest first.
    pub priorities: Priorities,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions {
            siblings: SiblingRule::Together,
            locks: Vec::new(),
            forbids: Vec::new(),
            max_travel_minutes: None,
            candidates: 32,
            time_limit: None,
            priorities: Priorities::default_order(),
        }
    }
}

/// Why a child has no site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnassignedReason {
    /// No site passes every rule for the child (after forbids and the travel limit).
    NoEligibleSite,
    /// The child's sibling group has no site where all members are eligible and that has
    /// room for the whole group.
    NoSiteForGroup,
    /// Every eligible site is filled by children with a stronger claim; the best of them.
    SitesSaturated(Vec<SiteId>),
}

impl UnassignedReason {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            UnassignedReason::NoEligibleSite => "assign.no_eligible_site",
            UnassignedReason::NoSiteForGroup => "siblings.no_site_for_group",
            UnassignedReason::SitesSaturated(_) => "assign.sites_saturated",
        }
    }
}

/// The outcome for one child.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Placed at a site (position in `Dataset::sites()`), with the pair's total score.
    Placed {
        /// Site position.
        site: usize,
        /// Total score of the pair.
        total: f64,
        /// Whether a lock fixed it.
        locked: bool,
    },
    /// Not placed.
    Unassigned(UnassignedReason),
}

/// How optimality was established.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimality {
    /// `optimal`, or `time_limit` with a proven gap.
    pub status: &'static str,
    /// How it was established, as data (`render` words it in Danish and English).
    pub proof: Proof,
    /// Relative gap between the solution's exact objective and the proven upper bound (0 when
    /// optimal).
    pub gap: f64,
    /// At most this many more children could be placed than this assignment places (0: the
    /// number placed is proven the highest possible). `None` when `placed` is not the first
    /// priority.
    pub more_placed_at_most: Option<u64>,
    /// At most this many score points of total score are missing, when the gap lies in the
    /// score tier alone (every higher tier proven); `None` when a higher tier may still gain.
    pub gap_score_points: Option<f64>,
    /// Columns (unit, site) checked by the dual certificate.
    pub pairs_certified: usize,
    /// Columns in the final flow model.
    pub candidate_pairs: usize,
    /// Flow rounds (1 + widenings).
    pub rounds: usize,
    /// Columns kept for the MILP (0 when none was needed).
    pub milp_columns: usize,
    /// The MILP backend of this build.
    pub backend: &'static str,
}

/// How optimality was established: the certified flow every run starts with, and the step
/// that made the answer integral.
#[derive(Debug, Clone, PartialEq)]
pub struct Proof {
    /// Sites per child in the first flow model.
    pub candidates: usize,
    /// Rounds in which the flow model was widened with columns of positive reduced cost.
    pub widenings: usize,
    /// (child or sibling group, site) columns the dual certificate covers.
    pub pairs_certified: usize,
    /// What made the LP optimum an integer optimum.
    pub step: ProofStep,
}

/// The step after the certified flow.
#[derive(Debug, Clone, PartialEq)]
pub enum ProofStep {
    /// The LP optimum is already integral: every sibling group whole (`groups_whole`), or no
    /// groups (a transportation problem has integral optima).
    Integral {
        /// Whether there were sibling groups, all whole in the LP optimum.
        groups_whole: bool,
    },
    /// Branch and bound over the sibling groups the LP split.
    BranchAndBound {
        /// Groups split in the LP optimum.
        split_groups: usize,
        /// Nodes searched.
        nodes: usize,
        /// Whether the search finished (proven optimal).
        complete: bool,
    },
    /// With `allow_split`: every way of dividing the sibling groups into parts that could
    /// hold a better solution, each solved as a together problem to its proof.
    Partitions {
        /// Sibling groups split in the LP optimum (of the children one by one).
        split_groups: usize,
        /// Sibling groups that may split.
        groups: usize,
        /// Ways of dividing them that the relaxation could not rule out.
        choices: usize,
        /// Of those, the ways solved (the others were ruled out by a better solution found
        /// meanwhile).
        solved: usize,
        /// Whether every one was solved to its proof (proven optimal).
        complete: bool,
    },
    /// Reduced-cost fixing, then a MILP (for `allow_split`).
    Milp {
        /// Groups split in the LP optimum.
        split_groups: usize,
        /// Columns kept after fixing.
        kept_columns: usize,
        /// The MILP backend.
        backend: &'static str,
        /// Whether the MILP proved its optimum.
        complete: bool,
    },
}

/// The result of an assignment run.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// One placement per child, in `Dataset::children()` order.
    pub placements: Vec<Placement>,
    /// Children placed.
    pub placed: usize,
    /// Sum of the total scores of placed children.
    pub total_score: f64,
    /// Score points lost to split sibling groups (allow_split only).
    pub split_penalty: f64,
    /// The exact objective of the unlocked placements in the tiers' integer units (see
    /// `priorities.rs`): equal objectives are equally good under the same priorities.
    pub objective: i128,
    /// The proof.
    pub optimality: Optimality,
}

/// Why an assignment could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimizeError {
    /// More pairs than one assignment evaluates (200 million).
    #[error(
        "{children} children against {sites} sites is more than the {} pairs one assignment evaluates; assign region by region, or remove sites that cannot take these children",
        problem::MAX_PAIRS
    )]
    TooLarge {
        /// Children in the data.
        children: usize,
        /// Sites in the data.
        sites: usize,
    },
    /// A lock or forbid names an unknown child or site.
    #[error("{what} names {kind} {id}, which is not in the data")]
    UnknownId {
        /// `lock` or `forbid`.
        what: &'static str,
        /// `child` or `site`.
        kind: &'static str,
        /// The ID.
        id: String,
    },
    /// A lock fixes a pair that a gate (or a forbid, or the travel limit) excludes.
    #[error(
        "lock {child} → {site}: the site is not eligible for this child{}",
        .sibling.as_ref().map(|sibling| format!(" (sibling {sibling} is not eligible there)")).unwrap_or_default()
    )]
    LockNotEligible {
        /// Child.
        child: ChildId,
        /// Site.
        site: SiteId,
        /// The sibling (kept together with the child) who makes the site ineligible.
        sibling: Option<ChildId>,
    },
    /// Two locks place one child (or group) at different sites.
    #[error("locks place child {0} at two sites")]
    ConflictingLocks(ChildId),
    /// Locks use more places than a site has free.
    #[error("locks need more places at {0} than it has free")]
    LocksExceedCapacity(SiteId),
    /// The MILP backend failed.
    #[error("the MILP solver failed: {0}")]
    Solver(String),
    /// The flow's certificate did not hold (a bug).
    #[error("internal error: the optimality certificate failed ({0})")]
    Certificate(String),
}

pub(crate) use problem::MAX_PAIRS;

/// Largest split penalty accepted (score points per extra site); scenario files are checked
/// against it, and the solver clamps to it.
pub const MAX_SPLIT_PENALTY: f64 = 10.0;

/// Coordinate-descent passes that tighten the knapsack relaxation's multipliers before the
/// search: `FIRST_SWEEPS` on the columns the LP leaves, enough to guide the first incumbent,
/// then `ROOT_SWEEPS` on the fewer columns that incumbent leaves. They stop early once a
/// pass gains less than one score point divided by [`SWEEP_GAIN_PARTS`].
const FIRST_SWEEPS: usize = 10;
const ROOT_SWEEPS: usize = 60;
const SWEEP_GAIN_PARTS: Value = 2000;

/// Subgradient steps at the root after the descent (see `knapsack::Knapsacks::polish`).
const ROOT_STEPS: usize = 4000;

/// Subgradient steps on the site prices of the allow-split relaxation (see
/// `partition::Relaxation::tighten`).
const SPLIT_STEPS: usize = 400;

/// Seconds the allow-split MILP may run when no time limit is given; then the best solution
/// found is returned with its proven gap.
const DEFAULT_SPLIT_SECONDS: f64 = 3.0;
/// Longest single run of the MILP backend: between runs the search asks whether to stop.
const MILP_SLICE_SECONDS: f64 = 2.0;

/// The most children the score tier counts (as in [`TierMaxima::children`]).
fn maxima_children(n_children: usize) -> Value {
    n_children as Value
}

/// The parts of a sibling group beyond the first, given each unit's site: one part per site
/// its members are at, and one for the members without a place; 0 when none is placed.
fn extra_parts(group: &[usize], site_of: &[Option<usize>]) -> usize {
    let sites: BTreeSet<usize> = group.iter().filter_map(|&unit| site_of[unit]).collect();
    let unplaced = group.iter().any(|&unit| site_of[unit].is_none());
    if sites.is_empty() {
        0
    } else {
        sites.len() + usize::from(unplaced) - 1
    }
}

/// Least common multiple.
fn lcm_of(a: Value, b: Value) -> Value {
    fn gcd(a: Value, b: Value) -> Value {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    a / gcd(a, b) * b
}

/// Assigns children to sites optimally: [`build_problem`], then [`solve`]. `stop` is asked
/// between branch-and-bound nodes whether to stop early (the caller owns the clock; pass
/// `&|| false` to run to the proof).
pub fn assign(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    weights: &Weights,
    policy: &Policy,
    options: &AssignOptions,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Assignment, OptimizeError> {
    let problem = build_problem(dataset, batch, weights, policy, options)?;
    let site_ids: Vec<SiteId> = dataset.sites().iter().map(|site| site.id.clone()).collect();
    solve(&problem, options, &site_ids, stop)
}

/// The LP value of one more place at each site, in the objective's exact units: the most a
/// child (or one child of a sibling group) would add there at the root LP's dual prices,
/// `max(column value per child − u)`, and 0 where nobody would gain. Sites without a free
/// place count too: their pairs are scored by the caller as if the place existed (see
/// `recruit`). A ranking to choose what to verify, never a promise: the gain of a place is
/// only known by solving again with it.
pub fn place_values(problem: &Problem, options: &AssignOptions) -> Vec<i128> {
    let real = model_of(problem, options);
    // Every column kept (a column needs room for its whole unit); the real places bind in
    // the flow.
    let mut roomy = problem.clone();
    for capacity in &mut roomy.capacity {
        *capacity = capacity.saturating_add(64);
    }
    let wide = model_of(&roomy, options);
    let active = vec![true; wide.units.len()];
    let flow = certified_flow(
        &wide.units,
        &active,
        &wide.supply,
        &real.capacity,
        options.candidates,
        None,
    );
    let mut values = vec![0; problem.capacity.len()];
    for (unit_idx, unit) in wide.units.iter().enumerate() {
        for &(site, value, _) in &unit.columns {
            let gain = certify::per_child(value, wide.supply[unit_idx]) - flow.lp.u[unit_idx];
            values[site] = values[site].max(gain);
        }
    }
    values
}

/// The units, their exact columns and the places left after locks: what every method solves.
struct Model {
    unit_of: Vec<usize>,
    units: Vec<Unit>,
    supply: Vec<u32>,
    capacity: Vec<u32>,
    locked_site: Vec<Option<usize>>,
    tiers: TierWeights,
    /// Every column value is a multiple of `scale`.
    scale: Value,
    /// The exact cost of one part beyond the first for a split group.
    penalty: Value,
    /// The planner's split penalty in score points (0 when groups stay together).
    planner_penalty: f64,
}

/// Builds the [`Model`] of a problem: units, exact column values from the tiers, locks applied.
fn model_of(problem: &Problem, options: &AssignOptions) -> Model {
    let pairs = &problem.pairs;
    let n_children = pairs.len();
    let together = problem.siblings == SiblingRule::Together;
    let group_members = &problem.groups;
    let (unit_of, unit_members) = units_of(n_children, group_members, together);
    let mut capacity = problem.capacity.clone();
    let mut locked_site: Vec<Option<usize>> = vec![None; unit_members.len()];
    for &(child, site) in &problem.locks {
        let unit = unit_of[child];
        if locked_site[unit].is_none() {
            let size = unit_members[unit].len() as u32;
            capacity[site] = capacity[site].saturating_sub(size);
            locked_site[unit] = Some(site);
        }
    }

    // The tiers as exact integer weights. Every column value is a multiple of `scale`, so a
    // group's value divides evenly by its size in the LP relaxation.
    let planner_penalty = match problem.siblings {
        SiblingRule::Together => 0.0,
        SiblingRule::AllowSplit { penalty } => penalty,
    };
    let facts = &problem.facts;
    let maxima = TierMaxima {
        children: maxima_children(n_children),
        extra_sites: group_members
            .iter()
            .map(|members| members.len().saturating_sub(1) as Value)
            .sum(),
        network: (0..n_children)
            .filter(|&child| {
                facts
                    .network_site(child)
                    .is_some_and(|site| pairs[child].contains_key(&site))
            })
            .count() as Value,
        family: (0..n_children)
            .filter(|&child| {
                facts.family_care(child) && pairs[child].keys().any(|&site| facts.family_site(site))
            })
            .count() as Value,
        penalty_units: (planner_penalty.clamp(0.0, MAX_SPLIT_PENALTY) * priorities::SCORE_UNITS)
            .round() as Value,
    };
    let tiers = TierWeights::new(&options.priorities, &maxima);
    let scale: Value = (1..=unit_members.iter().map(Vec::len).max().unwrap_or(1))
        .fold(1, |lcm, size| lcm_of(lcm, size as Value));
    // One child's share of a column's value (before `scale`).
    let member_value = |member: usize, site: usize, member_score: f64| -> Value {
        let mut value = tiers.placed + tiers.score * score_units(member_score);
        if facts.network_site(member) == Some(site) {
            value += tiers.network;
        }
        if facts.family_care(member) && facts.family_site(site) {
            value += tiers.family;
        }
        value
    };
    let child_value =
        |child: usize, site: usize, score: f64| member_value(child, site, score) * scale;
    let column_value = |members: &[usize], site: usize| -> Option<(Value, f64)> {
        let mut score = 0.0;
        let mut value: Value = 0;
        for &member in members {
            let member_score = *pairs[member].get(&site)?;
            score += member_score;
            value += member_value(member, site, member_score);
        }
        Some((value * scale, score))
    };
    let penalty: Value = tiers.split * scale;

    // Children whose group may split: a column worth nothing in the tiers still keeps such a
    // child with its siblings' sites (leaving a sibling out costs the siblings tier).
    let splittable = if together {
        vec![false; n_children]
    } else {
        in_groups(group_members, n_children)
    };
    // Each unit's columns, best first (in parallel: at national scale, millions of columns).
    let units: Vec<Unit> = unit_members
        .par_iter()
        .enumerate()
        .map(|(unit, members)| {
            if locked_site[unit].is_some() {
                return Unit {
                    members: members.clone(),
                    columns: Vec::new(),
                };
            }
            let size = members.len() as u32;
            let first = &pairs[members[0]];
            let mut columns: Vec<(usize, Value, f64)> = Vec::with_capacity(first.len());
            columns.extend(
                first
                    .iter()
                    .filter(|&(&site, _)| capacity[site] >= size)
                    .filter_map(|(&site, &score)| {
                        let (value, score) = match members.as_slice() {
                            // A single child's score is at hand: no lookup.
                            &[child] => (child_value(child, site, score), score),
                            _ => column_value(members, site)?,
                        };
                        (value > 0 || splittable[members[0]]).then_some((site, value, score))
                    }),
            );
            // Sites are unique within a unit, so the order is total.
            columns.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Unit {
                members: members.clone(),
                columns,
            }
        })
        .collect();

    let supply: Vec<u32> = units.iter().map(|unit| unit.members.len() as u32).collect();
    Model {
        unit_of,
        units,
        supply,
        capacity,
        locked_site,
        tiers,
        scale,
        penalty,
        planner_penalty,
    }
}

/// Solves a problem whose locks are valid. `site_ids` name sites in unassigned reasons.
pub fn solve(
    problem: &Problem,
    options: &AssignOptions,
    site_ids: &[SiteId],
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Assignment, OptimizeError> {
    let pairs = &problem.pairs;
    let n_children = pairs.len();
    let together = problem.siblings == SiblingRule::Together;
    let group_members = &problem.groups;
    let Model {
        unit_of,
        units,
        supply,
        capacity,
        locked_site,
        tiers,
        scale,
        penalty,
        planner_penalty,
    } = model_of(problem, options);
    // 3. The LP relaxation by min-cost flow, widened until the dual certificate holds.
    let all_units = vec![true; units.len()];
    let CertifiedFlow {
        arc_columns,
        lp,
        rounds,
        extra: root_extra,
        ..
    } = certified_flow(
        &units,
        &all_units,
        &supply,
        &capacity,
        options.candidates,
        None,
    );
    if lp.dual != lp.primal {
        return Err(OptimizeError::Certificate(format!(
            "primal {} and dual {} differ",
            lp.primal, lp.dual
        )));
    }
    let upper = lp.dual;
    let pairs_certified: usize = units.iter().map(|unit| unit.columns.len()).sum();

    // The flow as a choice of columns; groups split by the LP are dropped (lower bound).
    let mut units_at: Vec<Vec<(usize, u32)>> = vec![Vec::new(); units.len()];
    for ((unit, column), &units_on_arc) in arc_columns.iter().zip(&lp.flow) {
        if units_on_arc > 0 {
            units_at[*unit].push((*column, units_on_arc));
        }
    }
    let mut chosen: Vec<(usize, usize)> = Vec::new(); // (unit, column)
    let mut split_units = Vec::new();
    for (unit, at) in units_at.iter().enumerate() {
        match at.as_slice() {
            [] => {}
            [(column, count)] if *count == supply[unit] => chosen.push((unit, *column)),
            _ => split_units.push(unit),
        }
    }
    let split_by_lp = split_units.len();
    if split_by_lp > 0 {
        let groups_kept: Vec<(usize, usize)> = chosen
            .iter()
            .copied()
            .filter(|&(unit, _)| supply[unit] > 1)
            .collect();
        chosen = repair(
            &units,
            &supply,
            &capacity,
            &groups_kept,
            &split_units,
            options.candidates,
            &all_units,
            Some(root_extra.clone()),
        );
    }
    // Allow-split: members of one group on several sites cost a penalty.
    let split_groups: Vec<Vec<usize>> = if together {
        Vec::new()
    } else {
        group_members
            .iter()
            .map(|members| members.iter().map(|&child| unit_of[child]).collect())
            .collect()
    };
    // Groups that may split and that the LP optimum (children one by one) does not keep
    // together: members at more than one site, or some placed and others not.
    let lp_site: Vec<Option<usize>> = (0..units.len())
        .map(|unit| {
            locked_site[unit].or_else(|| {
                units_at[unit]
                    .first()
                    .map(|&(column, _)| units[unit].columns[column].0)
            })
        })
        .collect();
    let split_in_lp = split_groups
        .iter()
        .filter(|group| extra_parts(group, &lp_site) > 0)
        .count();
    // Sites a split group already uses through locks.
    let locked_sites: Vec<BTreeSet<usize>> = split_groups
        .iter()
        .map(|group| group.iter().filter_map(|&unit| locked_site[unit]).collect())
        .collect();
    // A split group costs one unit of the siblings tier per part beyond the first: each site
    // its members are at, and the members left unplaced (a sibling left out separates the
    // group as surely as another site does).
    let extra_sites_of = |chosen: &[(usize, usize)]| -> Value {
        if split_groups.is_empty() {
            return 0;
        }
        let mut site_of = locked_site.clone();
        for &(unit, column) in chosen {
            site_of[unit] = Some(units[unit].columns[column].0);
        }
        split_groups
            .iter()
            .map(|group| extra_parts(group, &site_of) as Value)
            .sum()
    };
    let value_of = |chosen: &[(usize, usize)]| -> Value {
        chosen
            .iter()
            .map(|&(unit, column)| units[unit].columns[column].1)
            .sum::<Value>()
            - penalty * extra_sites_of(chosen)
    };
    // How many score points a gap in the objective is worth, when it is smaller than one unit
    // of the tier above the score.
    let score_value = scale * tiers.score.max(1) * score_units(1.0);
    let gap_of = |bound: Value, value: Value| -> f64 {
        ((bound - value).max(0) as f64) / (bound.max(1) as f64)
    };
    let lower = value_of(&chosen);
    let proof = |step: ProofStep| Proof {
        candidates: options.candidates,
        widenings: rounds.saturating_sub(1),
        pairs_certified,
        step,
    };

    let (final_chosen, status, gap, method, milp_columns, bound) = if upper == lower {
        let groups_whole = split_groups.is_empty() && group_members.iter().any(|_| together);
        (
            chosen,
            "optimal",
            0.0,
            proof(ProofStep::Integral { groups_whole }),
            0,
            upper,
        )
    } else if together {
        // 4a. Sibling groups together: the knapsack relaxation as the bound, an incumbent
        // guided by it, then branch and bound over the groups' sites.
        // The knapsack relaxation of every site, its multipliers tightened by coordinate
        // descent from the LP duals: a bound usually far below the LP's. A few passes first,
        // to guide the incumbent; the rest on the columns the incumbent leaves.
        let sweep_gain = score_value / SWEEP_GAIN_PARTS;
        // Only the columns that a solution better than the repaired LP solution may use, by
        // the LP's bound: the relaxation of those bounds every solution the search looks
        // for, and at national scale it is a fraction of the columns.
        let lp_pool = LpBound {
            bound: upper,
            u: &lp.u,
            v: &lp.v,
        }
        .pool(&units, &supply, lower);
        let mut knapsacks = knapsack::Knapsacks::new(
            &units,
            Some(&lp_pool),
            &all_units,
            &supply,
            &capacity,
            knapsack::per_unit(&lp.u, &supply),
        );
        knapsacks.descend(knapsack::Passes {
            most: FIRST_SWEEPS,
            min_gain: sweep_gain,
            stop,
        });
        let root_of = |knapsacks| Root {
            bound: upper,
            knapsacks,
            u: &lp.u,
            v: &lp.v,
            extra: &root_extra,
            sweep_gain,
        };
        let (mut lower, mut chosen) = (lower, chosen);
        let guided = greedy(
            &units,
            &supply,
            &capacity,
            options.candidates,
            &root_of(&knapsacks),
        );
        let guided_value = value_of(&guided);
        if guided_value > lower {
            lower = guided_value;
            chosen = guided;
        }
        // The rest of the descent, then subgradient steps from where it stalls, on the
        // columns that could still be part of a better solution: every better solution is
        // bounded by the relaxation of those columns, so it bounds the search.
        let pool = root_of(&knapsacks).pool(&units, &supply, lower);
        let mut pooled = knapsack::Knapsacks::new(
            &units,
            Some(&pool),
            &all_units,
            &supply,
            &capacity,
            knapsacks.multipliers().to_vec(),
        );
        drop(pool);
        pooled.descend(knapsack::Passes {
            most: ROOT_SWEEPS,
            min_gain: sweep_gain,
            stop,
        });
        pooled.polish(lower, ROOT_STEPS, stop);
        let polished = if pooled.bound < knapsacks.bound {
            &pooled
        } else {
            &knapsacks
        };
        let search = branch_and_bound(
            &units,
            &supply,
            &capacity,
            options.candidates,
            &root_of(polished),
            (lower, chosen),
            stop,
        );
        let (status, gap) = if search.complete {
            ("optimal", 0.0)
        } else {
            ("time_limit", gap_of(search.bound, search.value))
        };
        let method = proof(ProofStep::BranchAndBound {
            split_groups: split_by_lp,
            nodes: search.nodes,
            complete: search.complete,
        });
        (search.chosen, status, gap, method, 0, search.bound)
    } else {
        // 4. Allow-split: together first. Candidates: the flow's solution (singles), the
        // together optimum (no split), and the together optimum with the groups it could not
        // place re-placed child by child. The best, valued exactly, is the incumbent.
        let mut chosen = chosen;
        let mut lower = lower;
        let fits = |candidate: &[(usize, usize)]| {
            let mut used = capacity.clone();
            let mut seen = BTreeSet::new();
            candidate.iter().all(|&(unit, column)| {
                let site = units[unit].columns[column].0;
                let ok = seen.insert(unit) && used[site] >= supply[unit];
                used[site] = used[site].saturating_sub(supply[unit]);
                ok
            })
        };
        let split = Split {
            problem,
            options,
            site_ids,
            stop,
            units: &units,
            unit_of: &unit_of,
            groups: &split_groups,
        };
        for candidate in together_first_candidates(&split, &supply, &capacity) {
            let value = value_of(&candidate);
            if value > lower && fits(&candidate) {
                lower = value;
                chosen = candidate;
            }
        }
        // 5. Our own search over the ways to divide the groups (`partition.rs`), when every
        // group can take part: none locked, none too large to enumerate.
        let searchable = !split_groups.is_empty()
            && split_groups.iter().all(|group| {
                group.len() <= partition::MOST_MEMBERS
                    && group.iter().all(|&unit| locked_site[unit].is_none())
            });
        let mut searched = None;
        if searchable {
            let relaxation = partition::Relaxation::new(&units, &split_groups, &capacity, penalty);
            let prices = relaxation.tighten(lp.v.clone(), lower, SPLIT_STEPS, stop);
            let shares = relaxation.shares(&prices);
            let found = search_partitions(&split, &shares, (lower, chosen), &value_of);
            (lower, chosen) = (found.value, found.chosen);
            if !found.complete {
                // Not proven: bring split groups together where places allow.
                (lower, chosen) = gather(chosen, &split_groups, &units, &capacity, &value_of);
            }
            if let Some(choices) = found.choices {
                let (status, gap, bound) = if found.complete {
                    ("optimal", 0.0, lower)
                } else {
                    ("time_limit", gap_of(shares.bound, lower), shares.bound)
                };
                let method = proof(ProofStep::Partitions {
                    split_groups: split_in_lp,
                    groups: split_groups.len(),
                    choices,
                    solved: found.solved,
                    complete: found.complete,
                });
                searched = Some((chosen.clone(), status, gap, method, 0, bound));
            }
        }
        if let Some(result) = searched {
            result
        } else {
            // 6. Reduced-cost fixing, then the MILP on what is left, within a time limit; a
            // stopped or failed MILP leaves the incumbent with its proven gap, never an error.
            let delta = upper - lower;
            let mut columns = Vec::new();
            let mut warm_start = Vec::new();
            let chosen_set: BTreeSet<(usize, usize)> = chosen.iter().copied().collect();
            for (unit_idx, unit) in units.iter().enumerate() {
                let size = Value::from(supply[unit_idx]);
                for (column_idx, &(site, value, _)) in unit.columns.iter().enumerate() {
                    let reduced = value - size * (lp.u[unit_idx] + lp.v[site]);
                    if reduced >= -delta || chosen_set.contains(&(unit_idx, column_idx)) {
                        if chosen_set.contains(&(unit_idx, column_idx)) {
                            warm_start.push(columns.len());
                        }
                        columns.push((unit_idx, column_idx));
                    }
                }
            }
            let locked_units: Vec<bool> = locked_site.iter().map(Option::is_some).collect();
            let mut milp = Milp {
                unit_sizes: &supply,
                columns: columns
                    .iter()
                    .map(|&(unit, column)| milp::Column {
                        unit,
                        site: units[unit].columns[column].0,
                        // The MILP backend works in floating point; its answer is re-valued
                        // exactly below and kept only if it beats the exact lower bound.
                        value: units[unit].columns[column].1 as f64,
                    })
                    .collect(),
                capacity: &capacity,
                split_groups: &split_groups,
                locked_sites: &locked_sites,
                locked_units: &locked_units,
                split_penalty: penalty as f64,
                warm_start,
                time_limit: None,
                binary_columns: false,
            };
            // The backend cannot be interrupted, so it runs in slices of at most
            // `MILP_SLICE_SECONDS`, each from the best solution so far, and the search asks between
            // slices whether to stop (a cancelled job, a passed deadline). A slice that does not
            // prove optimality runs to its limit, so the slices' limits add up to the time used.
            // The backend works in floating point: each answer is checked exactly (one column per
            // unit, free places per site) and valued exactly before it is trusted.
            let mut remaining = options.time_limit.unwrap_or(DEFAULT_SPLIT_SECONDS);
            // The best answer so far: its columns, exact value, and whether it is proven.
            type Answer = (Vec<(usize, usize)>, Value, bool);
            let mut best: Option<Answer> = None;
            loop {
                let slice = remaining.min(MILP_SLICE_SECONDS);
                remaining -= slice;
                milp.time_limit = Some(slice);
                if let Ok(result) = milp.solve() {
                    let picked: Vec<(usize, usize)> =
                        result.chosen.iter().map(|&idx| columns[idx]).collect();
                    if fits(&picked) {
                        let value = value_of(&picked);
                        let proven = result.status == MilpStatus::Optimal;
                        if best.as_ref().is_none_or(|(_, known, _)| value >= *known) {
                            milp.warm_start = result.chosen.clone();
                            best = Some((picked, value, proven));
                        }
                        if proven {
                            break;
                        }
                    }
                }
                if remaining <= 0.0 || stop() {
                    break;
                }
            }
            let (picked, picked_value, proven) = best.unwrap_or((Vec::new(), Value::MIN, false));
            let trusted = proven;
            let (picked, objective) = if picked_value < lower {
                (chosen, lower) // The incumbent was better than what the solver returned.
            } else {
                (picked, picked_value)
            };
            let (status, gap) = if trusted && objective == picked_value {
                ("optimal", 0.0)
            } else {
                ("time_limit", gap_of(upper, objective))
            };
            let method = proof(ProofStep::Milp {
                split_groups: split_in_lp,
                kept_columns: columns.len(),
                backend: solver::MILP_BACKEND,
                complete: status == "optimal",
            });
            (picked, status, gap, method, columns.len(), upper)
        }
    };

    // 5. Placements and reasons.
    let mut placements: Vec<Placement> =
        vec![Placement::Unassigned(UnassignedReason::NoEligibleSite); n_children];
    let place = |unit: usize, site: usize, locked: bool, placements: &mut Vec<Placement>| {
        for &member in &units[unit].members {
            placements[member] = Placement::Placed {
                site,
                total: pairs[member][&site],
                locked,
            };
        }
    };
    for (unit, site) in locked_site.iter().enumerate() {
        if let Some(site) = site {
            place(unit, *site, true, &mut placements);
        }
    }
    for &(unit, column) in &final_chosen {
        place(unit, units[unit].columns[column].0, false, &mut placements);
    }
    for (child, placement) in placements.iter_mut().enumerate() {
        if matches!(placement, Placement::Placed { .. }) {
            continue;
        }
        let unit = &units[unit_of[child]];
        *placement = Placement::Unassigned(if pairs[child].is_empty() {
            UnassignedReason::NoEligibleSite
        } else if unit.members.len() > 1 && unit.columns.is_empty() {
            UnassignedReason::NoSiteForGroup
        } else {
            let best: Vec<SiteId> = unit
                .columns
                .iter()
                .take(5)
                .map(|&(site, _, _)| site_ids[site].clone())
                .collect();
            UnassignedReason::SitesSaturated(best)
        });
    }
    let placed = placements
        .iter()
        .filter(|p| matches!(p, Placement::Placed { .. }))
        .count();
    let total_score = placements
        .iter()
        .map(|placement| match placement {
            Placement::Placed { total, .. } => *total,
            Placement::Unassigned(_) => 0.0,
        })
        .sum();
    let split_penalty = extra_sites_of(&final_chosen) as f64 * planner_penalty.max(0.0);
    let final_value = value_of(&final_chosen);
    let proven_bound = match status {
        "optimal" => final_value,
        _ => bound.max(final_value),
    };
    let missing = proven_bound - final_value;
    let order = options.priorities.as_slice();
    // With `placed` first, every solution's value is at least its number placed times the
    // placed weight (the other tiers add, never subtract, when groups stay together), so no
    // solution places more than floor(bound / weight) children; this one places exactly
    // floor(value / weight) (its lower tiers add less than one weight).
    // With `allow_split` a split subtracts, so only a proven optimum (no gap) says it.
    let figures_hold = together || status == "optimal";
    let more_placed_at_most =
        (order.first() == Some(&Priority::Placed) && figures_hold).then(|| {
            let weight = (scale * tiers.placed).max(1);
            u64::try_from(proven_bound / weight - final_value / weight).unwrap_or(u64::MAX)
        });
    // With the score last, a solution that is better in any higher tier is better by more
    // than the score's whole range minus this solution's score part; a gap below that lies
    // in the score alone, so every higher tier is proven.
    let our_score: Value = final_chosen
        .iter()
        .flat_map(|&(unit, column)| {
            let site = units[unit].columns[column].0;
            units[unit]
                .members
                .iter()
                .map(move |&member| score_units(pairs[member][&site]))
        })
        .sum::<Value>()
        * tiers.score
        * scale;
    let score_range = maxima_children(n_children) * score_units(1.0) * tiers.score * scale;
    let in_score_alone = order.last() == Some(&Priority::Score)
        && figures_hold
        && missing + our_score <= score_range;
    let gap_score_points = in_score_alone.then(|| missing as f64 / score_value as f64);
    Ok(Assignment {
        placements,
        placed,
        total_score,
        split_penalty,
        objective: final_value / scale,
        optimality: Optimality {
            status,
            proof: method,
            gap,
            more_placed_at_most,
            gap_score_points,
            pairs_certified,
            candidate_pairs: arc_columns.len(),
            rounds,
            milp_columns,
            backend: solver::MILP_BACKEND,
        },
    })
}
