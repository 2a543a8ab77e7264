//! Scoring pairs: the seven elements combined with the weights, for one child against many
//! sites or for every pair of a dataset.
//!
//! rayon is used here (and in `shortlist`'s triage). Results come back in child order, then
//! site order, whatever the number of threads, so output is byte-identical for any thread
//! count.

mod policy;
mod weights;

pub use policy::{FollowupPlan, Milestone, MilestoneUnit, Policy};
pub use weights::{Weights, WeightsError};

use rayon::prelude::*;

use crate::context::{MatchContext, ScoringContext};
use crate::elements::{BatchScreen, judge_all, judge_with};
use crate::explain::{ElementId, ElementMap, Screening, Verdict};
use crate::model::{Child, Site};

/// The verdicts of one pair, one per element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairVerdicts(pub ElementMap<Verdict>);

impl PairVerdicts {
    /// Whether any element excluded the site.
    pub fn is_excluded(&self) -> bool {
        self.0.values().any(Verdict::is_excluded)
    }

    /// Number of failed gates over all elements.
    pub fn gate_count(&self) -> u32 {
        self.0
            .values()
            .map(|verdict| verdict.gates.count_ones())
            .sum()
    }

    /// The element scores.
    pub fn scores(&self) -> ElementMap<f64> {
        self.0.map(|verdict| verdict.score)
    }

    /// The element confidences.
    pub fn confidences(&self) -> ElementMap<f64> {
        self.0.map(|verdict| verdict.confidence)
    }

    /// Weighted total score.
    pub fn total(&self, weights: &Weights) -> f64 {
        weights.combine(&self.scores())
    }

    /// Weighted confidence: how complete the data behind the total was.
    pub fn confidence(&self, weights: &Weights) -> f64 {
        weights.combine(&self.confidences())
    }
}

/// The weights for one child: `weights` with the wishes element's weight scaled by the
/// child's age under `policy` (none below `wishes_from`, full from `wishes_full_from`).
#[inline]
pub fn child_weights(weights: &Weights, policy: &Policy, child: &Child) -> Weights {
    weights.with_wishes_share(policy.wishes_share(child.age))
}

/// All verdicts of a pair, with every gate evaluated (for shortlists and explanations).
#[inline]
pub fn judge_pair(ctx: &MatchContext<'_>, child: &Child, site: &Site) -> PairVerdicts {
    PairVerdicts(judge_all(ctx, child, site))
}

/// The scores of an eligible pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScore {
    /// Weighted total in [0, 1].
    pub total: f64,
    /// Weighted confidence in [0, 1].
    pub confidence: f64,
    /// The element scores.
    pub elements: ElementMap<f64>,
}

/// The elements whose gates are cheap and most often exclude a site, asked first by
/// [`score_pair`], so most excluded pairs cost one or two elements.
const CHEAP_FIRST: [ElementId; 5] = [
    ElementId::Setting,
    ElementId::Needs,
    ElementId::Stability,
    ElementId::Network,
    ElementId::Wishes,
];

/// The order in which [`score_pair`] asks the elements: [`CHEAP_FIRST`], then every other
/// element in list order, so a new element is asked without an edit here.
const EXCLUDING_FIRST: [ElementId; ElementId::COUNT] = {
    let mut order = [ElementId::Needs; ElementId::COUNT];
    let mut filled = 0;
    while filled < CHEAP_FIRST.len() {
        order[filled] = CHEAP_FIRST[filled];
        filled += 1;
    }
    let mut next = 0;
    while next < ElementId::COUNT {
        let element = ElementId::ALL[next];
        let mut listed = false;
        let mut at = 0;
        while at < CHEAP_FIRST.len() {
            listed |= CHEAP_FIRST[at] as usize == element as usize;
            at += 1;
        }
        if !listed {
            order[filled] = element;
            filled += 1;
        }
        next += 1;
    }
    order
};

/// The scores of a pair, or `None` when any gate excludes it. Asks the elements in the order
/// of `EXCLUDING_FIRST` (cheap, often excluding gates first) and stops at the first exclusion.
#[inline]
pub fn score_pair(
    ctx: &MatchContext<'_>,
    child: &Child,
    site: &Site,
    weights: &Weights,
) -> Option<PairScore> {
    let mut verdicts = ElementMap([Verdict::default(); ElementId::COUNT]);
    for element in EXCLUDING_FIRST {
        let verdict = judge_with(element, ctx, child, site, &mut Screening);
        if verdict.is_excluded() {
            return None;
        }
        verdicts[element] = verdict;
    }
    let verdicts = PairVerdicts(verdicts);
    Some(PairScore {
        total: verdicts.total(weights),
        confidence: verdicts.confidence(weights),
        elements: verdicts.scores(),
    })
}

/// One eligible pair of [`score_all`]: positions in the dataset's (sorted) child and site
/// lists, and the scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// Position of the child in `Dataset::children()`.
    pub child: usize,
    /// Position of the site in `Dataset::sites()`.
    pub site: usize,
    /// The scores.
    pub score: PairScore,
}

/// Scores every (child, site) pair in parallel; returns the eligible ones ordered by child,
/// then site. Each child's totals use its own weights under the local policy on wishes by
/// age ([`Policy::wishes_share`]). `progress` is called with the number of children done,
/// from any thread.
pub fn score_all(
    batch: &ScoringContext<'_>,
    children: &[Child],
    sites: &[Site],
    weights: &Weights,
    policy: &Policy,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<ScoredPair> {
    // Sites no child can be placed at (most of them, in national data) are never asked, a
    // network family only for its own child, and the cheapest gates are screened from a
    // compact table; every other pair is judged in full.
    let screen = BatchScreen::new(sites);
    let per_child: Vec<Vec<ScoredPair>> = children
        .par_iter()
        .enumerate()
        .map(|(child_idx, child)| {
            let ctx = batch.for_child(child);
            let weights = child_weights(weights, policy, child);
            let pairs = screen
                .candidates(child)
                .iter()
                .filter_map(|&site_idx| {
                    score_pair(&ctx, child, &sites[site_idx], &weights).map(|score| ScoredPair {
                        child: child_idx,
                        site: site_idx,
                        score,
                    })
                })
                .collect();
            progress(1);
            pairs
        })
        .collect();
    per_child.into_iter().flatten().collect()
}

/// The verdicts of one child against every site, in site order; parallel over sites when
/// there are many.
pub fn judge_sites(ctx: &MatchContext<'_>, child: &Child, sites: &[Site]) -> Vec<PairVerdicts> {
    /// Below this many sites, threads cost more than they save.
    const PARALLEL_FROM: usize = 20_000;
    if sites.len() < PARALLEL_FROM {
        sites
            .iter()
            .map(|site| judge_pair(ctx, child, site))
            .collect()
    } else {
        sites
            .par_iter()
            .with_min_len(4096)
            .map(|site| judge_pair(ctx, child, site))
            .collect()
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn every_element_is_asked_once_when_scoring() {
        let mut asked = EXCLUDING_FIRST.to_vec();
        assert_eq!(&asked[..CHEAP_FIRST.len()], &CHEAP_FIRST);
        asked.sort();
        assert_eq!(asked, ElementId::ALL);
    }
}
