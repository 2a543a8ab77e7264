//! # `siblings`: Søskende
//!
//! Can siblings live together? Barnets lov § 52, stk. 3: a child whose brothers or sisters
//! are placed is placed at the same site, unless their needs or other weighty reasons speak
//! against it. placematch applies it to siblings awaiting placement together (a sibling
//! group) and to siblings who already live at a site (`siblings_placed_at`).
//!
//! No gate: a split is allowed, but it is a legal default not met, so it raises a flag and
//! needs a documented reason.
//!
//! The group fits at a site only when the site has a free place for every sibling **and**
//! every sibling passes all of that site's gates (a sister excluded by a need the site cannot
//! meet cannot live there, whatever the free places say). Score: 1.0 for a child without
//! siblings, or when the whole group fits; otherwise the share of the group that could live
//! there, `min(free places, siblings who pass the gates) / group size`. Flags:
//! `siblings.split_required` when the free places are too few, `siblings.sibling_excluded`
//! for each sibling who fails a gate (naming the sibling's pseudonym and the gate).
//!
//! Siblings already placed: the site where they live is the sibling default
//! (`siblings.placed_siblings_here`); every other site raises
//! `siblings.apart_from_placed_siblings` and keeps half its score.
//!
//! Example: three siblings, three free places, one sister excluded by the site's security
//! level: score 2/3, and the flag names the sister.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, Gate, ReasonCode, ReasonKind, Verdict,
};
use crate::model::{Child, Site};

/// The `siblings` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Siblings;

const NO_SIBLINGS_IN_BATCH: ReasonCode = ReasonCode("siblings.no_siblings_in_batch");
pub(crate) const GROUP_FITS: ReasonCode = ReasonCode("siblings.group_fits");
pub(crate) const SPLIT_REQUIRED: ReasonCode = ReasonCode("siblings.split_required");
pub(crate) const SIBLING_EXCLUDED: ReasonCode = ReasonCode("siblings.sibling_excluded");
pub(crate) const PLACED_SIBLINGS_HERE: ReasonCode = ReasonCode("siblings.placed_siblings_here");
pub(crate) const APART_FROM_PLACED_SIBLINGS: ReasonCode =
    ReasonCode("siblings.apart_from_placed_siblings");

/// Share of the score kept at a site other than the one where siblings already live.
const APART_SHARE: f64 = 0.5;

impl Judge for Siblings {
    const ID: ElementId = ElementId::Siblings;
    const GATES: &'static [Gate] = &[];
    const CODES: &'static [ReasonCode] = &[
        NO_SIBLINGS_IN_BATCH,
        GROUP_FITS,
        SPLIT_REQUIRED,
        SIBLING_EXCLUDED,
        PLACED_SIBLINGS_HERE,
        APART_FROM_PLACED_SIBLINGS,
    ];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let group = ctx.group_size();
        let mut score = if group <= 1 {
            if child.siblings_placed_at.is_empty() {
                evidence.note(NO_SIBLINGS_IN_BATCH);
            }
            1.0
        } else {
            evidence.number("group_size", f64::from(group));
            evidence.number("free_places", f64::from(site.free_places));
            let blocked = if evidence.records() {
                let blocked = ctx.siblings_blocked_at(child, site);
                for entry in &blocked {
                    let detail = Detail::Sibling(entry.sibling.id.clone(), entry.gate);
                    evidence.finding(ReasonKind::Flag, SIBLING_EXCLUDED, detail);
                }
                u32::try_from(blocked.len()).unwrap_or(u32::MAX)
            } else {
                ctx.count_siblings_blocked_at(child, site)
            };
            if site.free_places < group {
                evidence.finding(ReasonKind::Flag, SPLIT_REQUIRED, Detail::None);
            }
            let can_live_here = group.saturating_sub(blocked).min(site.free_places);
            if can_live_here >= group {
                evidence.note(GROUP_FITS);
            }
            f64::from(can_live_here) / f64::from(group)
        };
        if let Some(first) = child.siblings_placed_at.first() {
            if child.siblings_placed_at.contains(&site.id) {
                evidence.note(PLACED_SIBLINGS_HERE);
            } else {
                let detail = Detail::Site(first.clone());
                evidence.finding(ReasonKind::Flag, APART_FROM_PLACED_SIBLINGS, detail);
                score *= APART_SHARE;
            }
        }
        Verdict {
            gates: 0,
            score: unit(score),
            confidence: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: no siblings scores 1; a group that fits scores 1 and says so only when
    //! every sibling passes the site's gates; a split scores the share that could live there
    //! and raises the flag; an excluded sibling is named with the gate; more free places
    //! never lower the score; placed siblings make their site the default.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use crate::model::{ChildId, Security, SiblingGroupId, SiteId};

    fn group(size: u32) -> (Child, Vec<Child>) {
        let mut first = child();
        first.sibling_group = Some(SiblingGroupId::new("G-1"));
        let others = (2..=size)
            .map(|idx| Child {
                id: ChildId::new(format!("C-{idx}")),
                ..first.clone()
            })
            .collect();
        (first, others)
    }

    fn check_with(child: &Child, others: &[Child], free_places: u32) -> (Verdict, Vec<String>) {
        let mut site = site();
        site.places = free_places.max(1);
        site.free_places = free_places;
        let (verdict, explanation) = judge(&Siblings, child, &site, others);
        (verdict, keys(&explanation))
    }

    fn check(size: u32, free_places: u32) -> (Verdict, Vec<String>) {
        let (child, others) = group(size);
        check_with(&child, &others, free_places)
    }

    #[test]
    fn groups_fit_or_split() {
        assert_eq!(
            check(1, 1),
            (
                Verdict {
                    gates: 0,
                    score: 1.0,
                    confidence: 1.0
                },
                vec!["siblings.no_siblings_in_batch".to_string()]
            )
        );
        assert_eq!(check(3, 3).0.score, 1.0);
        assert!(check(3, 3).1.contains(&"siblings.group_fits".to_string()));
        let (verdict, keys) = check(3, 2);
        assert!((verdict.score - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(keys, ["siblings.split_required"]);
    }

    #[test]
    fn an_excluded_sibling_means_the_group_does_not_fit() {
        let (child, mut others) = group(3);
        // The sister needs a secure unit: the open site's gate excludes her.
        others[0].security = Security::Secure;
        let (verdict, keys) = check_with(&child, &others, 3);
        assert!((verdict.score - 2.0 / 3.0).abs() < 1e-12);
        assert!(
            !keys.contains(&"siblings.group_fits".to_string()),
            "{keys:?}"
        );
        assert!(
            keys.contains(&"siblings.sibling_excluded:C-2".to_string()),
            "{keys:?}"
        );
    }

    #[test]
    fn more_free_places_never_lower_the_score() {
        let scores: Vec<f64> = (1..=4).map(|free| check(3, free).0.score).collect();
        assert!(
            scores.windows(2).all(|pair| pair[0] <= pair[1]),
            "{scores:?}"
        );
    }

    #[test]
    fn placed_siblings_make_their_site_the_default() {
        let mut child = child();
        child.siblings_placed_at = vec![SiteId::new("S-1")];
        let (verdict, keys) = check_with(&child, &[], 1);
        assert_eq!(verdict.score, 1.0);
        assert_eq!(keys, ["siblings.placed_siblings_here"]);
        child.siblings_placed_at = vec![SiteId::new("S-9")];
        let (verdict, keys) = check_with(&child, &[], 1);
        assert_eq!(verdict.score, 0.5);
        assert_eq!(keys, ["siblings.apart_from_placed_siblings:S-9"]);
    }
}
