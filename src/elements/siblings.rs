//! # `siblings`: Søskende
//!
//! Can siblings live together? Barnets Lov § 52, stk. 3: siblings are placed together unless
//! there are reasons against it.
//!
//! No gate: a split is allowed, but it is a legal default not met, so it raises the flag
//! `siblings.split_required` and needs a documented reason.
//!
//! Score: 1.0 for a child without siblings awaiting placement, or when the site's free places
//! hold the whole group; otherwise the share of the group that fits, `free_places / group`.
//!
//! Example: three siblings, two free places: score 2/3 and the flag.

use super::{Judge, MatchContext, unit};
use crate::explain::{Detail, ElementId, Evidence, EvidenceExt, ReasonCode, ReasonKind, Verdict};
use crate::model::{Child, Site};

/// The `siblings` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Siblings;

const NO_SIBLINGS_IN_BATCH: ReasonCode = ReasonCode("siblings.no_siblings_in_batch");
const GROUP_FITS: ReasonCode = ReasonCode("siblings.group_fits");
pub(crate) const SPLIT_REQUIRED: ReasonCode = ReasonCode("siblings.split_required");

impl Judge for Siblings {
    const ID: ElementId = ElementId::Siblings;
    const GATES: &'static [ReasonCode] = &[];
    const CODES: &'static [ReasonCode] = &[NO_SIBLINGS_IN_BATCH, GROUP_FITS, SPLIT_REQUIRED];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        _child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let group = ctx.group_size();
        let score = if group <= 1 {
            evidence.note(NO_SIBLINGS_IN_BATCH);
            1.0
        } else {
            evidence.number("group_size", f64::from(group));
            evidence.number("free_places", f64::from(site.free_places));
            if site.free_places >= group {
                evidence.note(GROUP_FITS);
                1.0
            } else {
                evidence.finding(ReasonKind::Flag, SPLIT_REQUIRED, Detail::None);
                f64::from(site.free_places) / f64::from(group)
            }
        };
        Verdict {
            gates: 0,
            score: unit(score),
            confidence: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: no siblings scores 1; a group that fits scores 1; a split scores the share
    //! that fits and raises the flag; more free places never lower the score.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use crate::model::{ChildId, SiblingGroupId};

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

    fn check(size: u32, free_places: u32) -> (Verdict, Vec<String>) {
        let (child, others) = group(size);
        let mut site = site();
        site.places = free_places.max(1);
        site.free_places = free_places;
        let (verdict, explanation) = judge(&Siblings, &child, &site, &others);
        (verdict, keys(&explanation))
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
        let (verdict, keys) = check(3, 2);
        assert!((verdict.score - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(keys, ["siblings.split_required"]);
    }

    #[test]
    fn more_free_places_never_lower_the_score() {
        let scores: Vec<f64> = (1..=4).map(|free| check(3, free).0.score).collect();
        assert!(
            scores.windows(2).all(|pair| pair[0] <= pair[1]),
            "{scores:?}"
        );
    }
}
