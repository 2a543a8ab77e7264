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
//!    LP bound: optimal. Otherwise a branch and bound over the split groups (a group fixed to
//!    one site, or kept off those sites), each node bounded by the same certified flow, finds
//!    the optimum. With `allow_split`, a MILP (`milp.rs`, good_lp) prices the split penalty on
//!    the columns that survive reduced-cost fixing, warm-started with the flow's solution.

mod flow;
mod metrics;
mod milp;
mod priorities;
mod solver;

pub use priorities::{Priorities, PrioritiesError, Priority};

pub(crate) use metrics::PlacedFigures;
pub use metrics::{Metrics, metrics};

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::elements::Batch;
use crate::model::{ChildId, Dataset, SiteId};
use crate::score::{Policy, Weights, score_all};

use flow::{Arc, Transport};
use milp::{Milp, MilpStatus};
use priorities::{TierMaxima, TierWeights, score_units};

/// An exact objective value: the tiers of [`Priorities`] as one integer (see `priorities.rs`).
pub(crate) type Value = i128;

/// What to do with sibling groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SiblingRule {
    /// All members of a group go to the same site or all stay unassigned (the default,
    /// Barnets Lov § 52, stk. 3).
    Together,
    /// Members may go to different sites; each site used beyond the first costs `penalty`
    /// (in score points).
    AllowSplit {
        /// Score points lost per extra site.
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
    /// The same gap in score points: at most this many points of total score may be missing
    /// (when below 1, no higher tier can be missing either).
    pub gap_score_points: f64,
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
        /// The LP bound.
        lp_bound: f64,
        /// Nodes searched.
        nodes: usize,
        /// Whether the search finished (proven optimal).
        complete: bool,
        /// The best bound when stopped.
        best_bound: f64,
    },
    /// Reduced-cost fixing, then a MILP (for `allow_split`).
    Milp {
        /// Groups split in the LP optimum.
        split_groups: usize,
        /// The LP bound.
        lp_bound: f64,
        /// The lower bound used for fixing.
        lower_bound: f64,
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
    /// The proof.
    pub optimality: Optimality,
}

/// Why an assignment could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimizeError {
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
    #[error("lock {child} → {site}: the site is not eligible for this child{group}")]
    LockNotEligible {
        /// Child.
        child: ChildId,
        /// Site.
        site: SiteId,
        /// Extra words when a sibling makes it ineligible.
        group: String,
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

/// Largest split penalty accepted (score points per extra site); scenario files are checked
/// against it, and the solver clamps to it.
pub const MAX_SPLIT_PENALTY: f64 = 10.0;

/// Seconds the allow-split MILP may run when no time limit is given; then the best solution
/// found is returned with its proven gap.
const DEFAULT_SPLIT_SECONDS: f64 = 5.0;

/// Feasible allow-split solutions that keep siblings together first, as (unit, column) over
/// single-child units: the together optimum, and the same with the groups it could not place
/// given to a flow child by child.
#[allow(clippy::too_many_arguments)]
fn together_first_candidates(
    problem: &Problem,
    options: &AssignOptions,
    site_ids: &[SiteId],
    stop: &dyn Fn() -> bool,
    units: &[Unit],
    unit_of: &[usize],
    supply: &[u32],
    capacity: &[u32],
) -> Vec<Vec<(usize, usize)>> {
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
    let together = Problem {
        siblings: SiblingRule::Together,
        ..problem.clone()
    };
    let Ok(whole) = solve(&together, options, site_ids, stop) else {
        return Vec::new();
    };
    let column_of = |child: usize, site: usize| -> Option<(usize, usize)> {
        let unit = unit_of[child];
        units[unit]
            .columns
            .iter()
            .position(|column| column.0 == site)
            .map(|column| (unit, column))
    };
    let placed_at = |child: usize| match whole.placements.get(child) {
        Some(Placement::Placed { site, .. }) => Some(*site),
        _ => None,
    };
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut left = capacity.to_vec();
    let mut free = vec![true; units.len()];
    for child in 0..unit_of.len() {
        if let Some(site) = placed_at(child) {
            if let Some(column) = column_of(child, site) {
                kept.push(column);
                left[site] = left[site].saturating_sub(supply[column.0]);
                free[column.0] = false;
            }
        }
    }
    // Locked children are fixed outside the units (their columns are empty).
    for (unit, members) in units.iter().enumerate() {
        if members.columns.is_empty() {
            free[unit] = false;
        }
    }
    let mut candidates = vec![kept.clone()];
    if free.iter().any(|&on| on) {
        let flow = certified_flow(units, &free, supply, &left, options.candidates, None);
        let mut more = kept;
        for ((unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
            if units_on_arc > 0 {
                more.push((*unit, *column));
            }
        }
        candidates.push(more);
    }
    candidates
}

/// Least common multiple.
fn lcm_of(a: Value, b: Value) -> Value {
    fn gcd(a: Value, b: Value) -> Value {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    a / gcd(a, b) * b
}

/// Columns added per unit per widening round.
const ADD_PER_ROUND: usize = 16;

/// A unit to place: one child, or a sibling group kept together.
struct Unit {
    members: Vec<usize>,
    /// Every eligible column: (site, exact value of the whole unit, sum of member scores).
    columns: Vec<(usize, Value, f64)>,
}

/// The optimization problem on positions: what [`solve`] needs, built by [`build_problem`]
/// from a dataset or directly (tests build small ones by hand).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// For each child (position in `Dataset::children()`): eligible site position → total score.
    pub pairs: Vec<BTreeMap<usize, f64>>,
    /// Sibling groups of two or more children (positions).
    pub groups: Vec<Vec<usize>>,
    /// Free places per site.
    pub capacity: Vec<u32>,
    /// Locked (child, site) positions; checked by `build_problem`.
    pub locks: Vec<(usize, usize)>,
    /// Sibling rule.
    pub siblings: SiblingRule,
    /// What the law's priorities need to know about children and sites.
    pub facts: TierFacts,
}

/// Facts behind the priority tiers, by position (empty vectors: none apply).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierFacts {
    /// For each child, the position of its own network foster family, if any.
    pub network_site: Vec<Option<usize>>,
    /// For each child, whether it is under the family-care policy age.
    pub family_care: Vec<bool>,
    /// For each site, whether it is a foster family.
    pub family_site: Vec<bool>,
}

impl TierFacts {
    fn network_site(&self, child: usize) -> Option<usize> {
        self.network_site.get(child).copied().flatten()
    }
    fn family_care(&self, child: usize) -> bool {
        self.family_care.get(child).copied().unwrap_or(false)
    }
    fn family_site(&self, site: usize) -> bool {
        self.family_site.get(site).copied().unwrap_or(false)
    }
}

/// Units to place: each sibling group kept together, and each other child. Returns the unit
/// of each child and the members of each unit.
fn units_of(
    n_children: usize,
    groups: &[Vec<usize>],
    together: bool,
) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut unit_of = vec![usize::MAX; n_children];
    let mut unit_members: Vec<Vec<usize>> = Vec::new();
    if together {
        for members in groups {
            for &member in members {
                unit_of[member] = unit_members.len();
            }
            unit_members.push(members.clone());
        }
    }
    for (idx, unit) in unit_of.iter_mut().enumerate() {
        if *unit == usize::MAX {
            *unit = unit_members.len();
            unit_members.push(vec![idx]);
        }
    }
    (unit_of, unit_members)
}

/// Scores every pair and applies the planner's options, checking every lock.
pub fn build_problem(
    dataset: &Dataset,
    batch: &Batch<'_>,
    weights: &Weights,
    policy: &Policy,
    options: &AssignOptions,
) -> Result<Problem, OptimizeError> {
    let children = dataset.children();
    let sites = dataset.sites();
    let child_idx = |id: &ChildId, what| {
        children
            .binary_search_by(|child| child.id.cmp(id))
            .map_err(|_| OptimizeError::UnknownId {
                what,
                kind: "child",
                id: id.to_string(),
            })
    };
    let site_idx = |id: &SiteId, what| {
        sites
            .binary_search_by(|site| site.id.cmp(id))
            .map_err(|_| OptimizeError::UnknownId {
                what,
                kind: "site",
                id: id.to_string(),
            })
    };

    // Eligible pairs, minus forbids and pairs beyond the travel limit.
    let forbidden: HashSet<(usize, usize)> = options
        .forbids
        .iter()
        .map(|(child, site)| Ok((child_idx(child, "forbid")?, site_idx(site, "forbid")?)))
        .collect::<Result<_, OptimizeError>>()?;
    let mut pairs: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); children.len()];
    for pair in score_all(batch, children, sites, weights, &|_| {}) {
        let child = &children[pair.child];
        let too_far = options.max_travel_minutes.is_some_and(|limit| {
            let ctx = batch.for_child(child);
            ctx.travel_minutes(child.municipality, sites[pair.site].municipality)
                .is_none_or(|minutes| minutes > limit)
        });
        if !too_far && !forbidden.contains(&(pair.child, pair.site)) {
            pairs[pair.child].insert(pair.site, pair.score.total);
        }
    }

    let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (idx, child) in children.iter().enumerate() {
        if let Some(group) = &child.sibling_group {
            by_label.entry(group.as_str()).or_default().push(idx);
        }
    }
    let groups: Vec<Vec<usize>> = by_label
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();

    // Locks: eligible for the whole unit, one site per unit, within the free places.
    let together = options.siblings == SiblingRule::Together;
    let (unit_of, unit_members) = units_of(children.len(), &groups, together);
    let mut capacity: Vec<u32> = sites.iter().map(|site| site.free_places).collect();
    let mut locked_site: Vec<Option<usize>> = vec![None; unit_members.len()];
    let mut locks = Vec::new();
    for (child_id, site_id) in &options.locks {
        let child = child_idx(child_id, "lock")?;
        let site = site_idx(site_id, "lock")?;
        let unit = unit_of[child];
        match locked_site[unit] {
            Some(other) if other != site => {
                return Err(OptimizeError::ConflictingLocks(child_id.clone()));
            }
            Some(_) => continue,
            None => {}
        }
        for &member in &unit_members[unit] {
            if !pairs[member].contains_key(&site) {
                let group = if member == child {
                    String::new()
                } else {
                    format!(" (sibling {} is not eligible there)", children[member].id)
                };
                return Err(OptimizeError::LockNotEligible {
                    child: child_id.clone(),
                    site: site_id.clone(),
                    group,
                });
            }
        }
        let size = unit_members[unit].len() as u32;
        if capacity[site] < size {
            return Err(OptimizeError::LocksExceedCapacity(site_id.clone()));
        }
        capacity[site] -= size;
        locked_site[unit] = Some(site);
        locks.push((child, site));
    }
    let facts = TierFacts {
        network_site: children
            .iter()
            .map(|child| {
                child
                    .network_site
                    .as_ref()
                    .and_then(|id| sites.binary_search_by(|site| site.id.cmp(id)).ok())
            })
            .collect(),
        family_care: children
            .iter()
            .map(|child| policy.family_care_applies(child.age))
            .collect(),
        family_site: sites
            .iter()
            .map(|site| site.site_type.is_family())
            .collect(),
    };
    Ok(Problem {
        pairs,
        groups,
        capacity: sites.iter().map(|site| site.free_places).collect(),
        locks,
        siblings: options.siblings,
        facts,
    })
}

/// Assigns children to sites optimally: [`build_problem`], then [`solve`]. `stop` is asked
/// between branch-and-bound nodes whether to stop early (the caller owns the clock; pass
/// `&|| false` to run to the proof).
pub fn assign(
    dataset: &Dataset,
    batch: &Batch<'_>,
    weights: &Weights,
    policy: &Policy,
    options: &AssignOptions,
    stop: &dyn Fn() -> bool,
) -> Result<Assignment, OptimizeError> {
    let problem = build_problem(dataset, batch, weights, policy, options)?;
    let site_ids: Vec<SiteId> = dataset.sites().iter().map(|site| site.id.clone()).collect();
    solve(&problem, options, &site_ids, stop)
}

/// Solves a problem whose locks are valid. `site_ids` name sites in unassigned reasons.
pub fn solve(
    problem: &Problem,
    options: &AssignOptions,
    site_ids: &[SiteId],
    stop: &dyn Fn() -> bool,
) -> Result<Assignment, OptimizeError> {
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
        children: n_children as Value,
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
    let column_value = |members: &[usize], site: usize| -> Option<(Value, f64)> {
        let mut score = 0.0;
        let mut value: Value = 0;
        for &member in members {
            let member_score = *pairs[member].get(&site)?;
            score += member_score;
            value += tiers.placed + tiers.score * score_units(member_score);
            if facts.network_site(member) == Some(site) {
                value += tiers.network;
            }
            if facts.family_care(member) && facts.family_site(site) {
                value += tiers.family;
            }
        }
        Some((value * scale, score))
    };
    let penalty: Value = tiers.split * scale;

    let units: Vec<Unit> = unit_members
        .iter()
        .enumerate()
        .map(|(unit, members)| {
            if locked_site[unit].is_some() {
                return Unit {
                    members: members.clone(),
                    columns: Vec::new(),
                };
            }
            let size = members.len() as u32;
            let mut columns: Vec<(usize, Value, f64)> = pairs[members[0]]
                .iter()
                .filter(|&(&site, _)| capacity[site] >= size)
                .filter_map(|(&site, _)| {
                    let (value, score) = column_value(members, site)?;
                    (value > 0).then_some((site, value, score))
                })
                .collect();
            columns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Unit {
                members: members.clone(),
                columns,
            }
        })
        .collect();

    // 3. The LP relaxation by min-cost flow, widened until the dual certificate holds.
    let supply: Vec<u32> = units.iter().map(|unit| unit.members.len() as u32).collect();
    let all_units = vec![true; units.len()];
    let CertifiedFlow {
        arc_columns,
        lp,
        rounds,
        extra: root_extra,
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
    // Sites a split group already uses through locks.
    let locked_sites: Vec<BTreeSet<usize>> = split_groups
        .iter()
        .map(|group| group.iter().filter_map(|&unit| locked_site[unit]).collect())
        .collect();
    let extra_sites_of = |chosen: &[(usize, usize)]| -> Value {
        split_groups
            .iter()
            .zip(&locked_sites)
            .map(|(group, locked)| {
                let mut sites: BTreeSet<usize> = locked.clone();
                sites.extend(
                    chosen
                        .iter()
                        .filter(|(unit, _)| group.contains(unit))
                        .map(|&(unit, column)| units[unit].columns[column].0),
                );
                sites.len().saturating_sub(1) as Value
            })
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

    let (final_chosen, status, gap, method, milp_columns) = if upper == lower {
        let groups_whole = split_groups.is_empty() && group_members.iter().any(|_| together);
        (
            chosen,
            "optimal",
            0.0,
            proof(ProofStep::Integral { groups_whole }),
            0,
        )
    } else if together {
        // 4a. Sibling groups together: branch and bound over the split groups, every node
        // bounded exactly by a certified flow.
        let search = branch_and_bound(
            &units,
            &supply,
            &capacity,
            options.candidates,
            &root_extra,
            upper,
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
            lp_bound: upper as f64,
            nodes: search.nodes,
            complete: search.complete,
            best_bound: search.bound as f64,
        });
        (search.chosen, status, gap, method, 0)
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
        for candidate in together_first_candidates(
            problem, options, site_ids, stop, &units, &unit_of, &supply, &capacity,
        ) {
            let value = value_of(&candidate);
            if value > lower && fits(&candidate) {
                lower = value;
                chosen = candidate;
            }
        }
        // 5. Reduced-cost fixing, then the MILP on what is left, within a time limit; a
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
        let milp = Milp {
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
            split_penalty: penalty as f64,
            warm_start,
            time_limit: Some(options.time_limit.unwrap_or(DEFAULT_SPLIT_SECONDS)),
        };
        let result = milp.solve().unwrap_or(milp::MilpResult {
            chosen: Vec::new(),
            status: MilpStatus::TimeLimit,
        });
        let picked: Vec<(usize, usize)> = result.chosen.iter().map(|&idx| columns[idx]).collect();
        // The backend works in floating point: its answer is checked exactly (one column per
        // unit, free places per site) and valued exactly before it is trusted.
        let feasible = fits(&picked);
        let picked_value = if feasible {
            value_of(&picked)
        } else {
            Value::MIN
        };
        let trusted = feasible && result.status == MilpStatus::Optimal;
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
            split_groups: split_by_lp.max(split_groups.len().min(1)),
            lp_bound: upper as f64,
            lower_bound: lower as f64,
            kept_columns: columns.len(),
            backend: solver::MILP_BACKEND,
            complete: status == "optimal",
        });
        (picked, status, gap, method, columns.len())
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
        _ => upper.max(final_value),
    };
    let gap_score_points = ((proven_bound - final_value) as f64) / (score_value as f64);
    Ok(Assignment {
        placements,
        placed,
        total_score,
        split_penalty,
        optimality: Optimality {
            status,
            proof: method,
            gap,
            gap_score_points,
            pairs_certified,
            candidate_pairs: arc_columns.len(),
            rounds,
            milp_columns,
            backend: solver::MILP_BACKEND,
        },
    })
}

/// An optimal flow over some units, with the columns of its arcs and the number of rounds.
struct CertifiedFlow {
    /// `(unit, column)` of each arc of the final model.
    arc_columns: Vec<(usize, usize)>,
    lp: flow::FlowSolution,
    rounds: usize,
    /// Columns added beyond the first `candidates` of each unit, to seed later solves.
    extra: Vec<BTreeSet<usize>>,
}

/// Solves the transportation problem of the `active` units on their best `candidates`
/// columns, then adds every column with a positive reduced cost under the dual solution and
/// solves again, until none is left: the result is optimal over *all* columns.
fn certified_flow(
    units: &[Unit],
    active: &[bool],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    seed: Option<Vec<BTreeSet<usize>>>,
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
    let mut extra: Vec<BTreeSet<usize>> =
        seed.unwrap_or_else(|| vec![BTreeSet::new(); units.len()]);
    let mut rounds = 0;
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
                    // Exact: every value is a multiple of every unit size.
                    value: value / Value::from(supply[unit_idx]),
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
        let lp = transport.solve();
        let mut widened = false;
        for (unit_idx, unit) in units.iter().enumerate().filter(|(idx, _)| active[*idx]) {
            let size = Value::from(supply[unit_idx]);
            let mut violations: Vec<(Value, usize)> = unit
                .columns
                .iter()
                .enumerate()
                .skip(included[unit_idx])
                .filter(|(column, _)| !extra[unit_idx].contains(column))
                .map(|(column, &(site, value, _))| {
                    (value / size - lp.u[unit_idx] - lp.v[site], column)
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
            };
        }
    }
}

/// A feasible integer solution near the LP optimum: groups the LP kept whole stay; each split
/// group goes whole to its best column that still has room; then the single children are
/// placed optimally around the groups by a certified flow.
#[allow(clippy::too_many_arguments)]
fn repair(
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
    let singles: Vec<bool> = supply
        .iter()
        .zip(active)
        .map(|(&size, &on)| size == 1 && on)
        .collect();
    let flow = certified_flow(units, &singles, supply, &left, candidates, seed);
    for ((unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
        if units_on_arc > 0 {
            chosen.push((*unit, *column));
        }
    }
    chosen
}

/// What a branch and bound found.
struct Search {
    chosen: Vec<(usize, usize)>,
    value: Value,
    /// Best bound of the nodes left (equal to `value` when complete).
    bound: Value,
    nodes: usize,
    complete: bool,
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
fn branch_and_bound(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    root_extra: &[BTreeSet<usize>],
    root_bound: Value,
    incumbent: (Value, Vec<(usize, usize)>),
    stop: &dyn Fn() -> bool,
) -> Search {
    let (mut value, mut chosen) = incumbent;
    let mut heap = std::collections::BinaryHeap::new();
    heap.push(Node {
        bound: root_bound,
        order: 0,
        restrictions: Vec::new(),
    });
    let mut order = 1;
    let mut nodes = 0;
    while let Some(node) = heap.pop() {
        if node.bound <= value {
            continue;
        }
        if stop() {
            heap.push(node);
            break;
        }
        nodes += 1;
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
            let mut kept: Vec<usize> = (0..unit.columns.len()).collect();
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
        let bound = fixed_value + flow.lp.dual;
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
        // A whole-group solution near this node's optimum may improve the incumbent.
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
        let sites: BTreeSet<usize> = parts
            .iter()
            .map(|&(column, _)| restricted[split_unit].columns[column].0)
            .collect();
        for &(column, _) in parts {
            let mut restrictions = node.restrictions.clone();
            restrictions.push((split_unit, Restriction::Fixed(original[split_unit][column])));
            heap.push(Node {
                bound,
                order,
                restrictions,
            });
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
