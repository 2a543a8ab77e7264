//! A synthetic history of past placements, so that the case process and the outcomes report
//! can be seen on a fresh machine (`generate --history`): children placed over the three
//! years before the reference date at the generated sites, each with its match as the engine
//! scores it, the sites asked and their answers, the follow-ups and, for some, a breakdown.
//!
//! The breakdowns depend on the match, so that `report outcomes` has a real signal to find:
//! the log-odds of a breakdown within 12 months fall with the needs, stability, setting and
//! wishes scores (`EFFECTS`), rise with a school change, and the intercept is set so that about
//! 8 % of placements break down within the year (facts 2: VIVE, about 8 % of foster-family
//! placements fail; Ankestyrelsen, 3–5 % a year overall). These effect sizes are ASSUMPTIONS
//! chosen to be visible, not published figures. The past children are new pseudonyms
//! (`H-00001`…), not the children of the batch, and the model simulates aggregate outcomes:
//! it is never used on a child.

use jiff::ToSpan;
use jiff::civil::Date;
use rand::Rng;

use super::draw;
use crate::context::ScoringContext;
use crate::geo::GeoIndex;
use crate::model::{Child, ChildId, Dataset, Site};
use crate::outcomes::MatchFacts;
use crate::score::{Policy, Weights};
use crate::shortlist::{ShortlistOptions, shortlist};

/// How a past placement ended within the history, if it broke down.
#[derive(Debug, Clone, PartialEq)]
pub struct PastBreakdown {
    /// The day of the breakdown.
    pub on: Date,
    /// Its cause: `site_ended`, `needs_not_met`, `child_left` or `parents`.
    pub cause: &'static str,
}

/// One past placement.
#[derive(Debug, Clone, PartialEq)]
pub struct PastPlacement {
    /// The past child's pseudonym (`H-00001`).
    pub child: String,
    /// The site chosen.
    pub site: String,
    /// The day of the decision.
    pub decided_on: Date,
    /// The match as it stood.
    pub facts: MatchFacts,
    /// The sites asked, each with `None` for accepted or the decline reason's code.
    pub asked: Vec<(String, Option<&'static str>)>,
    /// The days of the follow-ups that found the placement going on.
    pub ongoing: Vec<Date>,
    /// The breakdown, if any.
    pub breakdown: Option<PastBreakdown>,
}

/// Change in the log-odds of a breakdown per point of each element's score, in element order
/// (ASSUMPTION, see the module documentation).
const EFFECTS: [f64; 7] = [-3.0, -2.0, 0.0, 0.0, 0.0, -1.0, -1.5];

/// Added to the log-odds when the placement changes the child's school.
const SCHOOL_CHANGE_EFFECT: f64 = 0.4;

/// Share of placements that break down within 12 months (facts 2).
const BREAKDOWN_SHARE: f64 = 0.08;

/// How often the coordinator chose the site of each rank (1 to 5).
const RANK_WEIGHTS: [f64; 5] = [0.55, 0.2, 0.12, 0.08, 0.05];

/// Generates `count` past placements at the sites of `sites` over the three years before
/// `as_of`, deterministic for the seed.
pub fn history(
    seed: u64,
    count: usize,
    sites: &[Site],
    dataset_geography: (&[crate::model::Municipality], &[crate::model::Link]),
    geo: &GeoIndex,
    as_of: Date,
) -> Vec<PastPlacement> {
    let (municipalities, links) = dataset_geography;
    let places = draw::Places::new(municipalities, geo);
    let mut child_rng = draw::stream(seed, 11);
    let mut children: Vec<Child> = super::children::generate(&mut child_rng, &places, count);
    for (idx, child) in children.iter_mut().enumerate() {
        child.id = ChildId::new(format!("H-{:05}", idx + 1));
        // Past children are scored alone: no group, no network family in this history.
        child.sibling_group = None;
        child.network_site = None;
        child.siblings_placed_at.clear();
    }
    let dataset = Dataset::new(
        children,
        sites.to_vec(),
        municipalities.to_vec(),
        links.to_vec(),
    );
    let weights = Weights::DEFAULT;
    let options = ShortlistOptions {
        top: RANK_WEIGHTS.len(),
        explain_excluded: false,
        policy: Policy::DEFAULT,
    };
    let mut rng = draw::stream(seed, 12);
    let mut drafts = Vec::new();
    for child in dataset.children() {
        let decided_on = as_of
            .checked_sub((draw::between(&mut rng, 14, 3 * 365) as i64).days())
            .unwrap_or(as_of);
        let context = ScoringContext::new(&dataset, geo, decided_on);
        let Ok(list) = shortlist(&dataset, &context, &child.id, &weights, &options) else {
            continue;
        };
        if list.eligible.is_empty() {
            continue;
        }
        let ranks = RANK_WEIGHTS.len().min(list.eligible.len());
        let chosen_rank = draw::weighted(&mut rng, &RANK_WEIGHTS[..ranks]);
        let chosen = &list.eligible[chosen_rank];
        // The sites ranked above the chosen one were asked and declined; the chosen one
        // accepted.
        let mut asked: Vec<(String, Option<&'static str>)> = list.eligible[..chosen_rank]
            .iter()
            .map(|ranked| {
                let reason = draw::choose(
                    &mut rng,
                    &[
                        ("no_capacity", 0.5),
                        ("group_fit", 0.25),
                        ("needs_not_met", 0.15),
                        ("timing", 0.1),
                    ],
                );
                (ranked.site.id.to_string(), Some(reason))
            })
            .collect();
        asked.push((chosen.site.id.to_string(), None));
        let flags = chosen.flags.iter().map(|flag| flag.key()).collect();
        let facts = MatchFacts::of(&dataset, chosen, flags);
        let school_change = facts
            .flags
            .iter()
            .any(|flag| flag.starts_with("school.school_change"));
        let log_odds: f64 = EFFECTS
            .iter()
            .zip(&facts.elements)
            .map(|(effect, score)| effect * score)
            .sum::<f64>()
            + if school_change {
                SCHOOL_CHANGE_EFFECT
            } else {
                0.0
            };
        drafts.push((
            child.id.to_string(),
            chosen.site.id.to_string(),
            decided_on,
            facts,
            asked,
            log_odds,
        ));
    }
    let intercept = intercept_for(
        &drafts.iter().map(|draft| draft.5).collect::<Vec<_>>(),
        BREAKDOWN_SHARE,
    );
    let mut outcome_rng = draw::stream(seed, 13);
    drafts
        .into_iter()
        .map(|(child, site, decided_on, facts, asked, log_odds)| {
            let p = 1.0 / (1.0 + (-(intercept + log_odds)).exp());
            let broke = outcome_rng.random::<f64>() < p;
            let breakdown_day = decided_on
                .checked_add((draw::between(&mut outcome_rng, 15, 364) as i64).days())
                .unwrap_or(decided_on);
            let breakdown = (broke && breakdown_day <= as_of).then(|| PastBreakdown {
                on: breakdown_day,
                cause: draw::choose(
                    &mut outcome_rng,
                    &[
                        ("site_ended", 0.4),
                        ("needs_not_met", 0.3),
                        ("child_left", 0.2),
                        ("parents", 0.1),
                    ],
                ),
            });
            let ongoing = [14.days(), 3.months(), 6.months(), 12.months()]
                .into_iter()
                .filter_map(|after| decided_on.checked_add(after).ok())
                .filter(|day| *day <= as_of)
                .filter(|day| breakdown.as_ref().is_none_or(|broke| *day < broke.on))
                .collect();
            PastPlacement {
                child,
                site,
                decided_on,
                facts,
                asked,
                ongoing,
                breakdown,
            }
        })
        .collect()
}

/// The intercept that makes the mean probability `share`, by bisection.
fn intercept_for(log_odds: &[f64], share: f64) -> f64 {
    if log_odds.is_empty() {
        return 0.0;
    }
    let mean = |intercept: f64| {
        log_odds
            .iter()
            .map(|eta| 1.0 / (1.0 + (-(intercept + eta)).exp()))
            .sum::<f64>()
            / log_odds.len() as f64
    };
    let (mut low, mut high) = (-30.0, 30.0);
    for _ in 0..100 {
        let middle = 0.5 * (low + high);
        if mean(middle) < share {
            low = middle;
        } else {
            high = middle;
        }
    }
    0.5 * (low + high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intercept_gives_the_share() {
        let log_odds = [-2.0, -1.0, 0.0, 0.5, 1.0];
        let intercept = intercept_for(&log_odds, 0.08);
        let mean: f64 = log_odds
            .iter()
            .map(|eta| 1.0 / (1.0 + (-(intercept + eta)).exp()))
            .sum::<f64>()
            / 5.0;
        assert!((mean - 0.08).abs() < 1e-9);
    }
}
