//! The optimization problem on positions: units, columns, the planner's options applied.

use std::collections::HashSet;

use super::{AssignOptions, OptimizeError, SiblingRule, Value};
use crate::context::ScoringContext;
use crate::model::{ChildId, Dataset, SiteId};
use crate::score::{Policy, Weights, score_all};

/// A unit to place: one child, or a sibling group kept together.
pub(super) struct Unit {
    pub(super) members: Vec<usize>,
    /// Every eligible column: (site, exact value of the whole unit, sum of member scores).
    pub(super) columns: Vec<(usize, Value, f64)>,
}

/// A child's eligible sites with their total scores, sorted by site position: a flat map
/// (millions of them at national scale, built in site order and only read afterwards).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SiteScores(Vec<(usize, f64)>);

impl SiteScores {
    /// The score at a site, if eligible.
    pub fn get(&self, site: &usize) -> Option<&f64> {
        self.0
            .binary_search_by_key(site, |&(at, _)| at)
            .ok()
            .map(|idx| &self.0[idx].1)
    }
    /// Whether the site is eligible.
    pub fn contains_key(&self, site: &usize) -> bool {
        self.get(site).is_some()
    }
    /// Eligible sites, in position order.
    pub fn keys(&self) -> impl Iterator<Item = &usize> {
        self.0.iter().map(|(site, _)| site)
    }
    /// (site, score) pairs, in site order.
    pub fn iter(&self) -> impl Iterator<Item = (&usize, &f64)> {
        self.0.iter().map(|(site, score)| (site, score))
    }
    /// Number of eligible sites.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether no site is eligible.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&usize> for SiteScores {
    type Output = f64;
    /// The score at an eligible site; panics on an ineligible one (a caller's bug).
    fn index(&self, site: &usize) -> &f64 {
        self.get(site)
            .unwrap_or_else(|| panic!("site {site} is not eligible"))
    }
}

/// From (site, score) pairs in any order; a site listed twice keeps its last score.
impl FromIterator<(usize, f64)> for SiteScores {
    fn from_iter<I: IntoIterator<Item = (usize, f64)>>(pairs: I) -> Self {
        let mut pairs: Vec<(usize, f64)> = pairs.into_iter().collect();
        pairs.reverse();
        pairs.sort_by_key(|&(site, _)| site);
        pairs.dedup_by_key(|&mut (site, _)| site);
        SiteScores(pairs)
    }
}

impl<const N: usize> From<[(usize, f64); N]> for SiteScores {
    fn from(pairs: [(usize, f64); N]) -> Self {
        pairs.into_iter().collect()
    }
}

/// The optimization problem on positions: what [`super::solve`] needs, built by [`build_problem`]
/// from a dataset or directly (tests build small ones by hand).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// For each child (position in `Dataset::children()`): eligible site position → total score.
    pub pairs: Vec<SiteScores>,
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
    pub(super) fn network_site(&self, child: usize) -> Option<usize> {
        self.network_site.get(child).copied().flatten()
    }
    pub(super) fn family_care(&self, child: usize) -> bool {
        self.family_care.get(child).copied().unwrap_or(false)
    }
    pub(super) fn family_site(&self, site: usize) -> bool {
        self.family_site.get(site).copied().unwrap_or(false)
    }
}

/// Units to place: each sibling group kept together, and each other child. Returns the unit
/// of each child and the members of each unit.
pub(super) fn units_of(
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

/// Which of `n` children (or units) belong to one of `groups`.
pub(super) fn in_groups(groups: &[Vec<usize>], n: usize) -> Vec<bool> {
    let mut member = vec![false; n];
    for &idx in groups.iter().flatten() {
        member[idx] = true;
    }
    member
}

/// Most (child, site) pairs one assignment evaluates: 20,000 children against 10,000 sites,
/// well above Danish scale. Beyond it, the eligible pairs alone could outgrow memory.
pub(crate) const MAX_PAIRS: usize = 200_000_000;

/// Refuses more pairs than [`MAX_PAIRS`] before any is scored.
fn check_size(children: usize, sites: usize) -> Result<(), OptimizeError> {
    if children.saturating_mul(sites) > MAX_PAIRS {
        return Err(OptimizeError::TooLarge { children, sites });
    }
    Ok(())
}

/// Children scored in one step while the problem is built.
const CHILDREN_PER_STEP: usize = 256;

/// Scores every pair and applies the planner's options, checking every lock.
pub fn build_problem(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    weights: &Weights,
    policy: &Policy,
    options: &AssignOptions,
) -> Result<Problem, OptimizeError> {
    let children = dataset.children();
    let sites = dataset.sites();
    let child_idx = |id: &ChildId, what| {
        dataset
            .child_index(id)
            .ok_or_else(|| OptimizeError::UnknownId {
                what,
                kind: "child",
                id: id.to_string(),
            })
    };
    let site_idx = |id: &SiteId, what| {
        dataset
            .site_index(id)
            .ok_or_else(|| OptimizeError::UnknownId {
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
    check_size(children.len(), sites.len())?;
    // Scored a step of children at a time, so only the eligible totals are ever held.
    // Pairs arrive ordered by child, then site: each child's list is built sorted.
    let mut pairs: Vec<SiteScores> = vec![SiteScores::default(); children.len()];
    for (step, chunk) in children.chunks(CHILDREN_PER_STEP).enumerate() {
        let first = step * CHILDREN_PER_STEP;
        for pair in score_all(batch, chunk, sites, weights, policy, &|_| {}) {
            let child_idx = first + pair.child;
            let child = &children[child_idx];
            let too_far = options.max_travel_minutes.is_some_and(|limit| {
                let ctx = batch.for_child(child);
                ctx.travel_minutes(child.municipality, sites[pair.site].municipality)
                    .is_none_or(|minutes| minutes > limit)
            });
            if !too_far && !forbidden.contains(&(child_idx, pair.site)) {
                pairs[child_idx].0.push((pair.site, pair.score.total));
            }
        }
    }

    let groups = dataset.sibling_groups();

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
                return Err(OptimizeError::LockNotEligible {
                    child: child_id.clone(),
                    site: site_id.clone(),
                    sibling: (member != child).then(|| children[member].id.clone()),
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
                    .and_then(|id| dataset.site_index(id))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_scores_are_sorted_and_a_site_listed_twice_keeps_its_last_score() {
        let scores: SiteScores = [(7, 0.1), (2, 0.5), (7, 0.9)].into();
        assert_eq!(scores.keys().copied().collect::<Vec<_>>(), [2, 7]);
        assert_eq!(scores.get(&7), Some(&0.9));
        assert!(!scores.contains_key(&3));
        assert_eq!(scores.len(), 2);
    }

    #[test]
    fn more_pairs_than_one_assignment_evaluates_are_refused_before_scoring() {
        assert!(check_size(20_000, 10_000).is_ok());
        let error = check_size(30_000, 30_000).unwrap_err();
        assert!(
            error.to_string().contains("assign region by region"),
            "{error}"
        );
        assert!(check_size(usize::MAX, 2).is_err());
    }
}
