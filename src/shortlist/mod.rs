//! The coordinator's shortlist for one child (PRODUCT.md section 4).
//!
//! Every site is either excluded (each failed gate named) or eligible with a total score.
//! Eligible sites are ranked by total descending, ties by site ID ascending, except that
//! 1. the child's own network family, when eligible, ranks first (barnets lov § 2, stk. 2,
//!    nr. 5, and § 52, stk. 2);
//! 2. for a child under the municipality's family-care policy age ([`Policy`]), foster
//!    families that meet every rule rank above every other site.
//!
//! Only the top K get full explanations; excluded sites are counted by gate, near misses
//! (exactly one failed gate, and that gate fixable) are listed by the total they would have
//! had, and each excluded site is explained on request.
//!
//! Flags that depend on the ranking are raised here: `stability.family_care_preferred` on a
//! non-family site ranked above a foster family that meets every rule (the assessment duty of
//! § 52, stk. 2, at any age), `stability.no_family_under_policy` on every site of a child
//! under the policy age when no foster family meets every rule, and
//! `network.network_family_not_first` on every other site when the child's network family is
//! eligible.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::context::{MatchContext, ScoringContext};
use crate::elements::registry;
use crate::explain::{Detail, ElementMap, Explanation, Reason, ReasonCode, ReasonKind};
use crate::model::{Child, ChildId, Dataset, Site};
use rayon::prelude::*;

use crate::score::{PairVerdicts, Policy, Weights, judge_pair, judge_sites};

/// What to put on the shortlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortlistOptions {
    /// How many eligible sites to explain (and near misses to list).
    pub top: usize,
    /// Whether to explain every excluded site.
    pub explain_excluded: bool,
    /// The municipality's local policy (family care under an age).
    pub policy: Policy,
}

impl Default for ShortlistOptions {
    fn default() -> Self {
        ShortlistOptions {
            top: 10,
            explain_excluded: false,
            policy: Policy::DEFAULT,
        }
    }
}

/// One eligible site on the shortlist, fully explained.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedSite<'a> {
    /// 1-based rank among all eligible sites.
    pub rank: usize,
    /// The site.
    pub site: &'a Site,
    /// Weighted total score.
    pub total: f64,
    /// Weighted confidence.
    pub confidence: f64,
    /// The seven explanations in element order.
    pub explanations: Vec<Explanation>,
    /// Legal defaults not met, from the elements and from the ranking.
    pub flags: Vec<Reason>,
    /// Needs the site does not cover.
    pub gaps: Vec<Reason>,
}

/// A site excluded by exactly one gate, and that gate fixable.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss<'a> {
    /// The site.
    pub site: &'a Site,
    /// The one gate that failed.
    pub gate: Reason,
    /// The total the site would have had without the gate.
    pub total_without_gate: f64,
}

/// An excluded site with every failed gate.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcludedSite<'a> {
    /// The site.
    pub site: &'a Site,
    /// Every failed gate, in element order.
    pub gates: Vec<Reason>,
}

/// Where the child's approved network family stands.
#[derive(Debug, Clone, PartialEq)]
pub enum NetworkFamily<'a> {
    /// The child has none.
    None,
    /// Eligible, and therefore ranked first.
    Eligible(&'a Site),
    /// Excluded by these gates.
    Excluded(&'a Site, Vec<Reason>),
}

/// The shortlist of one child.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortlist<'a> {
    /// The child.
    pub child: &'a Child,
    /// Reference date.
    pub as_of: Date,
    /// Weights used.
    pub weights: Weights,
    /// The top K eligible sites.
    pub eligible: Vec<RankedSite<'a>>,
    /// Eligible sites in all.
    pub eligible_count: usize,
    /// Sites excluded in all.
    pub excluded_count: usize,
    /// Near misses, best would-be total first, at most K.
    pub near_misses: Vec<NearMiss<'a>>,
    /// Near misses in all.
    pub near_miss_count: usize,
    /// Excluded sites per gate (a site with two gates counts under both).
    pub excluded_counts: BTreeMap<ReasonCode, usize>,
    /// Every excluded site, when asked for.
    pub excluded: Option<Vec<ExcludedSite<'a>>>,
    /// The child's network family.
    pub network_family: NetworkFamily<'a>,
    /// The local policy used for the ranking.
    pub policy: Policy,
    /// Eligible foster families in all.
    pub eligible_families: usize,
}

/// Why a shortlist could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShortlistError {
    /// No child has this ID.
    #[error("no child with this ID in the data")]
    UnknownChild,
}

/// Orders eligible sites: the child's network family first; for a child under the policy
/// age, foster families next; then total descending, then site ID ascending.
fn rank_order(a: (&Site, f64), b: (&Site, f64), child: &Child, policy: &Policy) -> Ordering {
    let own = |site: &Site| site.network_for.as_ref() == Some(&child.id);
    let family_first = policy.family_care_applies(child.age);
    let family = |site: &Site| family_first && site.site_type.is_family();
    own(b.0)
        .cmp(&own(a.0))
        .then_with(|| family(b.0).cmp(&family(a.0)))
        .then_with(|| b.1.total_cmp(&a.1))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// The decisive gate bits of each element, in element order.
fn decisive_masks() -> ElementMap<u8> {
    ElementMap(registry().map(|element| element.decisive()))
}

/// The failed gates of a pair as reasons with details (runs the explaining path).
fn gates_of(ctx: &MatchContext<'_>, child: &Child, site: &Site) -> Vec<Reason> {
    registry()
        .iter()
        .flat_map(|element| {
            let explanation = element.assess(ctx, child, site);
            explanation
                .of_kind(ReasonKind::Gate)
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every site of one child sorted into eligible, near miss or excluded, with the failed gates
/// counted per element and gate bit.
#[derive(Default)]
struct Triage {
    /// `(site position, total)` of eligible sites.
    eligible: Vec<(usize, f64)>,
    /// `(site position, total without the gate)` of sites excluded by exactly one gate.
    near: Vec<(usize, f64)>,
    /// Failed gates per element and bit.
    gate_counts: ElementMap<[usize; 8]>,
    /// Positions of excluded sites.
    excluded: Vec<usize>,
}

impl Triage {
    fn add(
        mut self,
        site_idx: usize,
        pair: &PairVerdicts,
        weights: &Weights,
        decisive: &ElementMap<u8>,
    ) -> Self {
        if !pair.is_excluded() {
            self.eligible.push((site_idx, pair.total(weights)));
            return self;
        }
        self.excluded.push(site_idx);
        for (counts, verdict) in self.gate_counts.values_mut().zip(pair.0.values()) {
            let mut gates = verdict.gates;
            while gates != 0 {
                counts[gates.trailing_zeros() as usize] += 1;
                gates &= gates - 1;
            }
        }
        let any_decisive = pair
            .0
            .values()
            .zip(decisive.values())
            .any(|(verdict, mask)| verdict.gates & mask != 0);
        if pair.gate_count() == 1 && !any_decisive {
            self.near.push((site_idx, pair.total(weights)));
        }
        self
    }

    /// Joins the triage of a later run of sites onto this one, keeping site order.
    fn merge(mut self, later: Triage) -> Self {
        self.eligible.extend(later.eligible);
        self.near.extend(later.near);
        self.excluded.extend(later.excluded);
        for (counts, more) in self
            .gate_counts
            .values_mut()
            .zip(later.gate_counts.values())
        {
            for (count, more) in counts.iter_mut().zip(more) {
                *count += more;
            }
        }
        self
    }
}

/// Judges every site for one child, in parallel when there are many, without keeping the
/// verdicts: each is sorted into the triage as soon as it is made.
fn triage(ctx: &MatchContext<'_>, child: &Child, sites: &[Site], weights: &Weights) -> Triage {
    /// Below this many sites, threads cost more than they save.
    const PARALLEL_FROM: usize = 20_000;
    /// Sites per parallel fold, at least.
    const CHUNK: usize = 4096;
    triage_with(
        ctx,
        child,
        sites,
        weights,
        (sites.len() >= PARALLEL_FROM).then_some(CHUNK),
    )
}

/// [`triage`], in one sequential fold, or in parallel folds of at least `chunk` sites merged
/// in site order.
fn triage_with(
    ctx: &MatchContext<'_>,
    child: &Child,
    sites: &[Site],
    weights: &Weights,
    chunk: Option<usize>,
) -> Triage {
    let decisive = decisive_masks();
    let judge = |triage: Triage, (site_idx, site): (usize, &Site)| {
        triage.add(site_idx, &judge_pair(ctx, child, site), weights, &decisive)
    };
    if let Some(chunk) = chunk {
        sites
            .par_iter()
            .enumerate()
            .with_min_len(chunk)
            .fold(Triage::default, judge)
            .reduce(Triage::default, Triage::merge)
    } else {
        sites.iter().enumerate().fold(Triage::default(), judge)
    }
}

/// Builds the shortlist of one child.
pub fn shortlist<'a>(
    dataset: &'a Dataset,
    batch: &ScoringContext<'_>,
    child_id: &ChildId,
    weights: &Weights,
    options: &ShortlistOptions,
) -> Result<Shortlist<'a>, ShortlistError> {
    let child = dataset
        .child(child_id)
        .ok_or(ShortlistError::UnknownChild)?;
    let ctx = batch.for_child(child);
    let sites = dataset.sites();
    let weights = &crate::score::child_weights(weights, &options.policy, child);
    let Triage {
        mut eligible,
        mut near,
        gate_counts,
        excluded: excluded_idx,
    } = triage(&ctx, child, sites, weights);
    let excluded_counts: BTreeMap<ReasonCode, usize> = registry()
        .iter()
        .zip(gate_counts.0)
        .flat_map(|(element, counts)| {
            element
                .gates()
                .iter()
                .zip(counts)
                .filter(|(_, count)| *count > 0)
                .map(|(gate, count)| (gate.code, count))
        })
        .collect();
    let eligible_count = eligible.len();
    let eligible_families = eligible
        .iter()
        .filter(|&&(idx, _)| sites[idx].site_type.is_family())
        .count();
    let near_miss_count = near.len();
    let policy = options.policy;
    let by_rank = |a: &(usize, f64), b: &(usize, f64)| {
        rank_order((&sites[a.0], a.1), (&sites[b.0], b.1), child, &policy)
    };
    let by_total = |a: &(usize, f64), b: &(usize, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| sites[a.0].id.cmp(&sites[b.0].id))
    };
    top_k(&mut eligible, options.top, by_rank);
    top_k(&mut near, options.top, by_total);

    let network_family = match &child.network_site {
        None => NetworkFamily::None,
        Some(site_id) => match dataset.site(site_id) {
            Some(site) if !judge_pair(&ctx, child, site).is_excluded() => {
                NetworkFamily::Eligible(site)
            }
            Some(site) => NetworkFamily::Excluded(site, gates_of(&ctx, child, site)),
            None => NetworkFamily::None,
        },
    };
    // The best eligible family is in the top K, or ranks below every shortlisted site.
    let best_family_rank = eligible
        .iter()
        .position(|&(idx, _)| sites[idx].site_type.is_family())
        .or_else(|| (eligible_families > 0).then_some(usize::MAX));

    let ranked = eligible
        .iter()
        .enumerate()
        .map(|(position, &(site_idx, total))| {
            let site = &sites[site_idx];
            let explanations: Vec<Explanation> = registry()
                .iter()
                .map(|element| element.assess(&ctx, child, site))
                .collect();
            let mut flags: Vec<Reason> = explanations
                .iter()
                .flat_map(|explanation| explanation.of_kind(ReasonKind::Flag).cloned())
                .collect();
            let gaps = explanations
                .iter()
                .flat_map(|explanation| explanation.of_kind(ReasonKind::Gap).cloned())
                .collect();
            let above_family = best_family_rank.is_some_and(|family_rank| position < family_rank);
            // The assessment duty of § 52, stk. 2 concerns children; a young adult (18–22)
            // in aftercare is not flagged.
            if !site.site_type.is_family() && above_family && child.age < 18 {
                flags.push(flag(crate::elements::FAMILY_CARE_PREFERRED));
            }
            if policy.family_care_applies(child.age) && eligible_families == 0 {
                flags.push(Reason {
                    code: crate::elements::NO_FAMILY_UNDER_POLICY,
                    kind: ReasonKind::Flag,
                    detail: Detail::Number(u32::from(policy.family_care_under)),
                });
            }
            if matches!(network_family, NetworkFamily::Eligible(family) if family.id != site.id) {
                flags.push(flag(crate::elements::NETWORK_FAMILY_NOT_FIRST));
            }
            RankedSite {
                rank: position + 1,
                site,
                total,
                confidence: judge_pair(&ctx, child, site).confidence(weights),
                explanations,
                flags,
                gaps,
            }
        })
        .collect();

    let near_misses = near
        .iter()
        .map(|&(site_idx, total)| {
            let site = &sites[site_idx];
            let gate = gates_of(&ctx, child, site)
                .into_iter()
                .next()
                .expect("a near miss has exactly one gate");
            NearMiss {
                site,
                gate,
                total_without_gate: total,
            }
        })
        .collect();

    let excluded = options.explain_excluded.then(|| {
        excluded_idx
            .iter()
            .map(|&site_idx| ExcludedSite {
                site: &sites[site_idx],
                gates: gates_of(&ctx, child, &sites[site_idx]),
            })
            .collect()
    });

    Ok(Shortlist {
        child,
        as_of: batch.as_of(),
        weights: *weights,
        eligible_count,
        excluded_count: excluded_idx.len(),
        eligible: ranked,
        near_misses,
        near_miss_count,
        excluded_counts,
        excluded,
        network_family,
        policy,
        eligible_families,
    })
}

/// Keeps the `k` first items in `order`, sorted; linear selection first, so that only `k`
/// items are sorted.
fn top_k<T>(items: &mut Vec<T>, k: usize, order: impl Fn(&T, &T) -> Ordering) {
    if k == 0 {
        items.clear();
        return;
    }
    if items.len() > k {
        items.select_nth_unstable_by(k - 1, &order);
        items.truncate(k);
    }
    items.sort_by(order);
}

fn flag(code: ReasonCode) -> Reason {
    Reason {
        code,
        kind: ReasonKind::Flag,
        detail: Detail::None,
    }
}

/// The eligible sites of one child in shortlist order, without explanations: `(site
/// position, total)`. The shortlist's top K is a prefix of this.
pub fn ranking(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    child: &Child,
    weights: &Weights,
    policy: &Policy,
) -> Vec<(usize, f64)> {
    let ctx = batch.for_child(child);
    let sites = dataset.sites();
    let weights = &crate::score::child_weights(weights, policy, child);
    let mut eligible: Vec<(usize, f64)> = judge_sites(&ctx, child, sites)
        .iter()
        .enumerate()
        .filter(|(_, pair)| !pair.is_excluded())
        .map(|(idx, pair)| (idx, pair.total(weights)))
        .collect();
    eligible.sort_by(|a, b| rank_order((&sites[a.0], a.1), (&sites[b.0], b.1), child, policy));
    eligible
}

#[cfg(test)]
mod triage_tests {
    use super::*;
    use crate::elements::testing;
    use crate::model::SiteId;

    /// The parallel path (taken from 20,000 sites) gives exactly the sequential triage: same
    /// sites in the same order, same gate counts.
    #[test]
    fn parallel_folds_merge_into_the_sequential_triage() {
        let child = testing::child();
        let places = [testing::HOME, testing::NEAR, testing::MIDDLE, testing::FAR];
        let sites: Vec<Site> = (0..3000)
            .map(|i| {
                let mut site = testing::site();
                site.id = SiteId::new(format!("S-{i:05}"));
                site.free_places = (i % 3) as u32;
                site.age_max = Some(if i % 5 == 0 { 5 } else { 17 });
                site.municipality = places[i % 4];
                site
            })
            .collect();
        let geo = testing::geo();
        let dataset = Dataset::new(vec![child.clone()], sites, Vec::new(), Vec::new());
        let context = ScoringContext::new(&dataset, &geo, testing::AS_OF);
        let ctx = context.for_child(&child);
        let weights = Weights::DEFAULT;
        let one = triage_with(&ctx, &child, dataset.sites(), &weights, None);
        let many = triage_with(&ctx, &child, dataset.sites(), &weights, Some(100));
        assert!(!one.eligible.is_empty() && !one.near.is_empty() && !one.excluded.is_empty());
        assert_eq!(one.eligible, many.eligible);
        assert_eq!(one.near, many.near);
        assert_eq!(one.excluded, many.excluded);
        assert_eq!(one.gate_counts, many.gate_counts);
    }
}
