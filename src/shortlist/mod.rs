//! The coordinator's shortlist for one child (PRODUCT.md section 4).
//!
//! Every site is either excluded (each failed gate named) or eligible with a total score.
//! Eligible sites are ranked by total descending, ties by site ID ascending, except that the
//! child's own network family, when eligible, ranks first (Barnets Lov § 52 prefers the
//! network). Only the top K get full explanations; excluded sites are counted by gate, near
//! misses (exactly one failed gate) are listed by the total they would have had, and each
//! excluded site is explained on request.
//!
//! Flags that depend on the ranking are raised here: `stability.family_care_preferred` on a
//! non-family site ranked above an eligible family for a child under 12, and
//! `network.network_family_not_first` on every other site when the child's network family is
//! eligible.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::elements::{Batch, MatchContext, gate_codes, registry};
use crate::explain::{Detail, ElementId, Explanation, Reason, ReasonCode, ReasonKind};
use crate::model::{Child, ChildId, Dataset, Site};
use crate::score::{PairVerdicts, Weights, judge_sites};

/// What to put on the shortlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortlistOptions {
    /// How many eligible sites to explain (and near misses to list).
    pub top: usize,
    /// Whether to explain every excluded site.
    pub explain_excluded: bool,
}

impl Default for ShortlistOptions {
    fn default() -> Self {
        ShortlistOptions {
            top: 10,
            explain_excluded: false,
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

/// A site excluded by exactly one gate.
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
}

/// Why a shortlist could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShortlistError {
    /// No child has this ID.
    #[error("no child with this ID in the data")]
    UnknownChild,
}

/// Orders eligible sites: the child's network family first, then total descending, then site
/// ID ascending.
fn rank_order(a: (&Site, f64), b: (&Site, f64), child: &ChildId) -> Ordering {
    let own = |site: &Site| site.network_for.as_ref() == Some(child);
    own(b.0)
        .cmp(&own(a.0))
        .then_with(|| b.1.total_cmp(&a.1))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// The failed gates of a pair as reasons with details (runs the explaining path).
fn gates_of(
    ctx: &MatchContext<'_>,
    child: &Child,
    site: &Site,
    verdicts: &PairVerdicts,
) -> Vec<Reason> {
    let mut gates = Vec::new();
    for (element, verdict) in registry().iter().zip(verdicts.0) {
        if verdict.is_excluded() {
            let explanation = element.assess(ctx, child, site);
            gates.extend(explanation.of_kind(ReasonKind::Gate).copied());
        }
    }
    gates
}

/// Builds the shortlist of one child.
pub fn shortlist<'a>(
    dataset: &'a Dataset,
    batch: &Batch<'_>,
    child_id: &ChildId,
    weights: &Weights,
    options: &ShortlistOptions,
) -> Result<Shortlist<'a>, ShortlistError> {
    let child = dataset
        .child(child_id)
        .ok_or(ShortlistError::UnknownChild)?;
    let ctx = batch.for_child(child);
    let sites = dataset.sites();
    let verdicts = judge_sites(&ctx, child, sites);

    let mut eligible: Vec<(usize, f64)> = Vec::new();
    let mut near: Vec<(usize, f64)> = Vec::new();
    let mut excluded_counts: BTreeMap<ReasonCode, usize> = BTreeMap::new();
    let mut excluded_idx = Vec::new();
    for (site_idx, pair) in verdicts.iter().enumerate() {
        let total = pair.total(weights);
        if !pair.is_excluded() {
            eligible.push((site_idx, total));
            continue;
        }
        excluded_idx.push(site_idx);
        for (element, verdict) in ElementId::ALL.into_iter().zip(pair.0) {
            for code in gate_codes(element, verdict.gates) {
                *excluded_counts.entry(code).or_default() += 1;
            }
        }
        if pair.gate_count() == 1 {
            near.push((site_idx, total));
        }
    }
    eligible.sort_by(|a, b| rank_order((&sites[a.0], a.1), (&sites[b.0], b.1), &child.id));
    near.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| sites[a.0].id.cmp(&sites[b.0].id))
    });

    let network_family = match &child.network_site {
        None => NetworkFamily::None,
        Some(site_id) => match dataset
            .sites()
            .binary_search_by(|site| site.id.cmp(site_id))
        {
            Ok(idx) if !verdicts[idx].is_excluded() => NetworkFamily::Eligible(&sites[idx]),
            Ok(idx) => NetworkFamily::Excluded(
                &sites[idx],
                gates_of(&ctx, child, &sites[idx], &verdicts[idx]),
            ),
            Err(_) => NetworkFamily::None,
        },
    };
    let best_family_rank = eligible
        .iter()
        .position(|&(idx, _)| sites[idx].site_type.is_family());

    let ranked = eligible
        .iter()
        .take(options.top)
        .enumerate()
        .map(|(position, &(site_idx, total))| {
            let site = &sites[site_idx];
            let explanations: Vec<Explanation> = registry()
                .iter()
                .map(|element| element.assess(&ctx, child, site))
                .collect();
            let mut flags: Vec<Reason> = explanations
                .iter()
                .flat_map(|explanation| explanation.of_kind(ReasonKind::Flag).copied())
                .collect();
            let gaps = explanations
                .iter()
                .flat_map(|explanation| explanation.of_kind(ReasonKind::Gap).copied())
                .collect();
            let above_family = best_family_rank.is_some_and(|family_rank| position < family_rank);
            if child.age < 12 && !site.site_type.is_family() && above_family {
                flags.push(flag(crate::elements::FAMILY_CARE_PREFERRED));
            }
            if matches!(network_family, NetworkFamily::Eligible(family) if family.id != site.id) {
                flags.push(flag(crate::elements::NETWORK_FAMILY_NOT_FIRST));
            }
            RankedSite {
                rank: position + 1,
                site,
                total,
                confidence: verdicts[site_idx].confidence(weights),
                explanations,
                flags,
                gaps,
            }
        })
        .collect();

    let near_misses = near
        .iter()
        .take(options.top)
        .map(|&(site_idx, total)| {
            let site = &sites[site_idx];
            let gate = gates_of(&ctx, child, site, &verdicts[site_idx])
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
                gates: gates_of(&ctx, child, &sites[site_idx], &verdicts[site_idx]),
            })
            .collect()
    });

    Ok(Shortlist {
        child,
        as_of: batch.as_of(),
        weights: *weights,
        eligible_count: eligible.len(),
        excluded_count: excluded_idx.len(),
        eligible: ranked,
        near_misses,
        near_miss_count: near.len(),
        excluded_counts,
        excluded,
        network_family,
    })
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
    batch: &Batch<'_>,
    child: &Child,
    weights: &Weights,
) -> Vec<(usize, f64)> {
    let ctx = batch.for_child(child);
    let sites = dataset.sites();
    let mut eligible: Vec<(usize, f64)> = judge_sites(&ctx, child, sites)
        .iter()
        .enumerate()
        .filter(|(_, pair)| !pair.is_excluded())
        .map(|(idx, pair)| (idx, pair.total(weights)))
        .collect();
    eligible.sort_by(|a, b| rank_order((&sites[a.0], a.1), (&sites[b.0], b.1), &child.id));
    eligible
}
