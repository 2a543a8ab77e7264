//! Scoring pairs: the seven elements combined with the weights, for one child against many
//! sites or for every pair of a dataset.
//!
//! This is the one module that uses rayon. Results come back in site order (then child
//! order), whatever the number of threads, so output is byte-identical for any thread count.

mod policy;
mod weights;

pub use policy::Policy;
pub use weights::{Weights, WeightsError};

use rayon::prelude::*;

use crate::elements::{
    Batch, Judge, MatchContext, Needs, Network, School, Setting, Siblings, Stability, Wishes,
};
use crate::explain::{ElementId, NoEvidence, Verdict};
use crate::model::{Child, Site};

/// The seven verdicts of one pair, in element order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairVerdicts(pub [Verdict; 7]);

impl PairVerdicts {
    /// Whether any element excluded the site.
    pub fn is_excluded(&self) -> bool {
        self.0.iter().any(Verdict::is_excluded)
    }

    /// Number of failed gates over all elements.
    pub fn gate_count(&self) -> u32 {
        self.0
            .iter()
            .map(|verdict| verdict.gates.count_ones())
            .sum()
    }

    /// The seven scores.
    pub fn scores(&self) -> [f64; 7] {
        self.0.map(|verdict| verdict.score)
    }

    /// The seven confidences.
    pub fn confidences(&self) -> [f64; 7] {
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

/// All seven verdicts of a pair, with every gate evaluated (for shortlists and explanations).
#[inline]
pub fn judge_pair(ctx: &MatchContext<'_>, child: &Child, site: &Site) -> PairVerdicts {
    let mut none = NoEvidence;
    PairVerdicts([
        Needs.judge(ctx, child, site, &mut none),
        Stability.judge(ctx, child, site, &mut none),
        Network.judge(ctx, child, site, &mut none),
        Siblings.judge(ctx, child, site, &mut none),
        School.judge(ctx, child, site, &mut none),
        Wishes.judge(ctx, child, site, &mut none),
        Setting.judge(ctx, child, site, &mut none),
    ])
}

/// The scores of an eligible pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairScore {
    /// Weighted total in [0, 1].
    pub total: f64,
    /// Weighted confidence in [0, 1].
    pub confidence: f64,
    /// The seven element scores in element order.
    pub elements: [f64; 7],
}

/// The scores of a pair, or `None` when any gate excludes it. Checks the cheap, most often
/// failing gates (`setting`, then `needs`) first and stops at the first exclusion.
#[inline]
pub fn score_pair(
    ctx: &MatchContext<'_>,
    child: &Child,
    site: &Site,
    weights: &Weights,
) -> Option<PairScore> {
    let mut none = NoEvidence;
    let setting = Setting.judge(ctx, child, site, &mut none);
    if setting.is_excluded() {
        return None;
    }
    let needs = Needs.judge(ctx, child, site, &mut none);
    if needs.is_excluded() {
        return None;
    }
    let rest = [
        Stability.judge(ctx, child, site, &mut none),
        Network.judge(ctx, child, site, &mut none),
        Wishes.judge(ctx, child, site, &mut none),
    ];
    if rest.iter().any(Verdict::is_excluded) {
        return None;
    }
    let verdicts = PairVerdicts([
        needs,
        rest[0],
        rest[1],
        Siblings.judge(ctx, child, site, &mut none),
        School.judge(ctx, child, site, &mut none),
        rest[2],
        setting,
    ]);
    debug_assert_eq!(ElementId::ALL[6], ElementId::Setting);
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
/// then site. `progress` is called with the number of children done, from any thread.
pub fn score_all(
    batch: &Batch<'_>,
    children: &[Child],
    sites: &[Site],
    weights: &Weights,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<ScoredPair> {
    let per_child: Vec<Vec<ScoredPair>> = children
        .par_iter()
        .enumerate()
        .map(|(child_idx, child)| {
            let ctx = batch.for_child(child);
            let pairs = sites
                .iter()
                .enumerate()
                .filter_map(|(site_idx, site)| {
                    score_pair(&ctx, child, site, weights).map(|score| ScoredPair {
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
