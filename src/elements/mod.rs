//! The seven matching elements of PRODUCT.md section 3, one file each, behind one trait.
//!
//! An element judges one (child, site) pair: it applies its gates (hard rules that exclude
//! the site), scores the pair in [0, 1], says how complete its inputs were (confidence), and
//! records why as reason codes and factors. Elements never see each other, the weights or
//! the combination of scores (that is `score`).
//!
//! Each element implements [`Judge`] once, generic over where its evidence goes; the
//! object-safe [`Element`] trait follows from it: `score` (fast, no allocation) and `assess`
//! (full explanation) run the same code.

#[cfg(test)]
pub(crate) mod testing;

pub use crate::context::{MatchContext, ScoringContext, SiblingBlocked};
pub(crate) use needs::UNCOVERED as NEEDS_UNCOVERED;
pub(crate) use network::NETWORK_FAMILY_NOT_FIRST;
pub(crate) use stability::{FAMILY_CARE_PREFERRED, NO_FAMILY_UNDER_POLICY};

use crate::explain::{
    ElementId, ElementMap, Evidence, Explanation, Gate, NoEvidence, ReasonCode, Verdict,
    decisive_mask, element_list,
};
use crate::model::{Child, Site};

/// One matching element, written once for both the fast and the explaining path.
///
/// Contract:
/// - the score is in [0, 1], the confidence in [0, 1];
/// - a gate (bit in [`Verdict::gates`]) only for a hard rule of PRODUCT.md section 3;
/// - missing input gives a neutral score (0.5 unless the rule says otherwise), a lower
///   confidence and a `Missing` factor, never an error or a perfect fit;
/// - the same input always gives the same output; no panics on any loaded data.
pub trait Judge: Sync {
    /// Which element this is.
    const ID: ElementId;
    /// The gates with their class; bit `i` of [`Verdict::gates`] is `GATES[i]`.
    const GATES: &'static [Gate];
    /// Every code the element may record, gates included (for the text catalog).
    const CODES: &'static [ReasonCode];

    /// Judges one pair, recording findings in `evidence`.
    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict;
}

/// The object-safe face of a [`Judge`], for code that walks all seven in order.
pub trait Element: Sync {
    /// Which element this is.
    fn id(&self) -> ElementId;
    /// The gates in bit order.
    fn gates(&self) -> &'static [Gate];
    /// The bits of [`Element::gates`] that are decisive (never a near miss).
    fn decisive(&self) -> u8;
    /// Every code the element may record.
    fn codes(&self) -> &'static [ReasonCode];
    /// The verdict without evidence: no allocation.
    fn score(&self, ctx: &MatchContext<'_>, child: &Child, site: &Site) -> Verdict;
    /// The verdict with every reason and factor.
    fn assess(&self, ctx: &MatchContext<'_>, child: &Child, site: &Site) -> Explanation;
}

impl<J: Judge> Element for J {
    fn id(&self) -> ElementId {
        J::ID
    }
    fn gates(&self) -> &'static [Gate] {
        J::GATES
    }
    fn decisive(&self) -> u8 {
        decisive_mask(J::GATES)
    }
    fn codes(&self) -> &'static [ReasonCode] {
        J::CODES
    }
    fn score(&self, ctx: &MatchContext<'_>, child: &Child, site: &Site) -> Verdict {
        self.judge(ctx, child, site, &mut NoEvidence)
    }
    fn assess(&self, ctx: &MatchContext<'_>, child: &Child, site: &Site) -> Explanation {
        let mut explanation = Explanation::new(J::ID);
        let verdict = self.judge(ctx, child, site, &mut explanation);
        explanation.conclude(verdict)
    }
}

/// The element modules, their types, the registry and [`judge_with`], all from the one
/// list in [`crate::explain`].
macro_rules! element_types {
    ($( $(#[$doc:meta])* $variant:ident = $key:literal in $module:ident, weight $weight:literal; )+) => {
        $( mod $module; )+
        $( pub use $module::$variant; )+

        /// Every element in the fixed order of [`ElementId::ALL`].
        pub fn registry() -> [&'static dyn Element; ElementId::COUNT] {
            [$( &$variant ),+]
        }

        /// The verdict of one element, called by its id: statically dispatched, so a loop
        /// over constant ids compiles to direct calls.
        #[inline(always)]
        pub fn judge_with<E: Evidence>(
            element: ElementId,
            ctx: &MatchContext<'_>,
            child: &Child,
            site: &Site,
            evidence: &mut E,
        ) -> Verdict {
            match element {
                $( ElementId::$variant => $variant.judge(ctx, child, site, evidence), )+
            }
        }
    };
}
element_list!(element_types);

pub use screen::BatchScreen;
pub use setting::closed_to_every_child;

mod screen;

/// The verdicts of every element on one pair, without evidence.
#[inline]
pub fn judge_all(ctx: &MatchContext<'_>, child: &Child, site: &Site) -> ElementMap<Verdict> {
    ElementMap::from_fn(|element| judge_with(element, ctx, child, site, &mut NoEvidence))
}

/// Clamps to [0, 1]; elements call it on every score and confidence they return.
pub(crate) fn unit(value: f64) -> f64 {
    value.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_the_fixed_order_and_codes_belong_to_their_element() {
        let registry = registry();
        for (element, id) in registry.iter().zip(ElementId::ALL) {
            assert_eq!(element.id(), id);
            assert!(element.gates().len() <= 8, "gates fit a u8");
            for code in element.codes() {
                assert!(
                    code.as_str().starts_with(&format!("{}.", id.as_str())),
                    "{code}"
                );
            }
            for gate in element.gates() {
                assert!(
                    element.codes().contains(&gate.code),
                    "{} is listed in CODES",
                    gate.code
                );
            }
        }
    }
}
