//! # `wishes`: Barnets perspektiv og ønsker
//!
//! Does the site fit what the child (and the parents) said? Barnets Lov § 5: the child's
//! perspective is part of every decision. The child's own recorded languages are continuity
//! needs counted here too (PRODUCT.md section 8), each as an item of importance 2, so their
//! weight is visible in the explanation.
//!
//! Gate: the site has something the child must not live with (`must_not`, e.g. pets for an
//! allergic child).
//!
//! Score: the importance-weighted share of wishes the site meets. An item the data cannot
//! settle (a site without a recorded number of other children, a site without recorded
//! languages) counts half and costs confidence. No wishes and no languages beyond Danish:
//! the neutral 0.5 with confidence 0.3, because an unheard child is not a perfectly matched
//! one.
//!
//! Example: `dog:3|urban:1` at a rural site with a dog: `3 / 4 = 0.75`.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, Gate, MISSING_PENALTY, NEUTRAL, ReasonCode,
    ReasonKind, Verdict,
};
use crate::model::{Child, Feature, LanguageCode, Site, Wish};

/// The `wishes` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wishes;

const MUST_NOT: ReasonCode = ReasonCode("wishes.must_not");
const MET: ReasonCode = ReasonCode("wishes.met");
const NOT_MET: ReasonCode = ReasonCode("wishes.not_met");
const UNKNOWN: ReasonCode = ReasonCode("wishes.unknown");
const LANGUAGE_KEPT: ReasonCode = ReasonCode("wishes.language_kept");
const LANGUAGE_NOT_SPOKEN: ReasonCode = ReasonCode("wishes.language_not_spoken");
const NONE_RECORDED: ReasonCode = ReasonCode("wishes.none_recorded");

/// Importance of keeping one of the child's own languages.
const LANGUAGE_IMPORTANCE: f64 = 2.0;
/// Travel time within which the child stays near friends (school municipality), minutes.
const NEAR_FRIENDS_MINUTES: f64 = 30.0;

/// Whether the site meets a wish; `None` when the data cannot say.
fn meets(ctx: &MatchContext<'_>, child: &Child, site: &Site, wish: Wish) -> Option<bool> {
    let has = |feature| Some(site.features.contains(feature));
    match wish {
        Wish::Dog => has(Feature::Dog),
        Wish::Cat => has(Feature::Cat),
        Wish::OtherPets => has(Feature::OtherPets),
        Wish::Rural => has(Feature::Rural),
        Wish::Urban => has(Feature::Urban),
        Wish::OwnRoom => has(Feature::OwnRoom),
        Wish::Sports => has(Feature::Sports),
        Wish::Music => has(Feature::Music),
        Wish::HorseRiding => has(Feature::Horses),
        Wish::FaithPractice => has(Feature::FaithPractice),
        Wish::OtherChildren => site.other_children.map(|others| others > 0),
        Wish::NoOtherChildren => site.other_children.map(|others| others == 0),
        Wish::NearFriends => ctx
            .travel_minutes(child.school_municipality(), site.municipality)
            .map(|minutes| minutes <= NEAR_FRIENDS_MINUTES),
    }
}

impl Judge for Wishes {
    const ID: ElementId = ElementId::Wishes;
    const GATES: &'static [Gate] = &[Gate::decisive(MUST_NOT)];
    const CODES: &'static [ReasonCode] = &[
        MUST_NOT,
        MET,
        NOT_MET,
        UNKNOWN,
        LANGUAGE_KEPT,
        LANGUAGE_NOT_SPOKEN,
        NONE_RECORDED,
    ];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let mut gates = 0;
        let forbidden = child.must_not.intersection(site.features);
        if !forbidden.is_empty() {
            gates |= 1;
            for feature in forbidden.iter() {
                evidence.finding(ReasonKind::Gate, MUST_NOT, Detail::Code(feature.as_str()));
            }
        }

        let mut met = 0.0;
        let mut total = 0.0;
        let mut confidence = 1.0;
        if child.wishes.is_empty() {
            // Said even when a language to keep gives the element a score: the child's own
            // perspective is still missing.
            evidence.note(NONE_RECORDED);
        }
        for (wish, importance) in child.wishes.iter() {
            let importance = f64::from(importance);
            total += importance;
            let detail = Detail::Code(wish.as_str());
            match meets(ctx, child, site, wish) {
                Some(true) => {
                    met += importance;
                    evidence.finding(ReasonKind::Note, MET, detail);
                }
                Some(false) => evidence.finding(ReasonKind::Note, NOT_MET, detail),
                None => {
                    met += importance * NEUTRAL;
                    confidence -= MISSING_PENALTY / 2.0;
                    evidence.finding(ReasonKind::Note, UNKNOWN, detail);
                }
            }
        }
        for &language in child
            .languages
            .iter()
            .filter(|&&l| l != LanguageCode::DANISH)
        {
            total += LANGUAGE_IMPORTANCE;
            let detail = Detail::Language(language);
            if site.languages.is_empty() {
                met += LANGUAGE_IMPORTANCE * NEUTRAL;
                confidence -= MISSING_PENALTY / 2.0;
                evidence.finding(ReasonKind::Note, UNKNOWN, detail);
            } else if site.languages.contains(&language) {
                met += LANGUAGE_IMPORTANCE;
                evidence.finding(ReasonKind::Note, LANGUAGE_KEPT, detail);
            } else {
                evidence.finding(ReasonKind::Note, LANGUAGE_NOT_SPOKEN, detail);
            }
        }
        if total == 0.0 {
            return Verdict {
                gates,
                score: NEUTRAL,
                confidence: 0.3,
            };
        }
        evidence.number("importance_met", met);
        evidence.number("importance_total", total);
        Verdict {
            gates,
            score: unit(met / total),
            confidence: unit(confidence),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: the must-not gate (with `pets` expanded by the loader); the worked example;
    //! languages count; nothing recorded is neutral; meeting one more wish never lowers the
    //! score.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use crate::model::{Levels, Set};

    fn check(child: &Child, site: &Site) -> (Verdict, Vec<String>) {
        let (verdict, explanation) = judge(&Wishes, child, site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn must_not_excludes() {
        let mut child = child();
        child.must_not = Set::of(&Feature::PETS);
        let mut site = site();
        site.features = Set::of(&[Feature::Cat, Feature::Rural]);
        let (verdict, keys) = check(&child, &site);
        assert_eq!(verdict.gates, 1);
        assert_eq!(keys[0], "wishes.must_not:cat");
    }

    #[test]
    fn worked_example_and_languages() {
        let mut child = child();
        child.wishes = Levels::of(&[(Wish::Dog, 3), (Wish::Urban, 1)]);
        let mut site = site();
        site.features = Set::of(&[Feature::Dog, Feature::Rural]);
        let (verdict, keys) = check(&child, &site);
        assert_eq!(verdict.score, 0.75);
        assert_eq!(
            keys,
            [
                "wishes.met:dog",
                "wishes.not_met:urban",
                "wishes.importance_met",
                "wishes.importance_total"
            ][..2]
        );

        child.languages = vec![LanguageCode::DANISH, LanguageCode::parse("ar").unwrap()];
        site.languages = vec![LanguageCode::DANISH];
        let (verdict, keys) = check(&child, &site);
        assert_eq!(verdict.score, 3.0 / 6.0);
        assert_eq!(keys.last().unwrap(), "wishes.language_not_spoken:ar");
    }

    #[test]
    fn nothing_recorded_is_neutral() {
        let (verdict, keys) = check(&child(), &site());
        assert_eq!((verdict.score, verdict.confidence), (0.5, 0.3));
        assert_eq!(keys, ["wishes.none_recorded"]);
    }

    #[test]
    fn meeting_one_more_wish_never_lowers_the_score() {
        let mut child = child();
        child.wishes = Levels::of(&[(Wish::Dog, 1), (Wish::Music, 2), (Wish::Sports, 3)]);
        let mut site = site();
        let mut previous = check(&child, &site).0.score;
        for feature in [Feature::Dog, Feature::Music, Feature::Sports] {
            site.features.insert(feature);
            let score = check(&child, &site).0.score;
            assert!(score >= previous);
            previous = score;
        }
        assert_eq!(previous, 1.0);
    }
}
