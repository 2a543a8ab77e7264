//! # `stability`: Nære og stabile voksenrelationer
//!
//! Will the child get close, stable adults for the intended duration? Barnets lov § 52,
//! stk. 2 asks the municipality to weigh close and stable adult relations and to assess, for
//! every child whatever the age, whether a foster family (§ 43, stk. 1, nr. 1–4) is most
//! appropriate.
//!
//! Gate: the site does not accept the purpose of the placement (for example an emergency at a
//! site that takes no emergencies).
//!
//! Score: a base by site type and age (families score highest for children under 12, own
//! rooms for young adults), then adjustments: a full-time carer +0.10 (families); four or
//! more other children in a family −0.15, two or three −0.05; a child with earlier
//! breakdowns needs experienced carers (competence in `trauma` or `attachment` at level 2
//! or more): +0.05 with it, −0.15 without. Each missing input costs 0.2 confidence. A site
//! with no recorded purposes passes the gate but is not a fit by default: the score is at
//! most neutral (0.5) and a gap asks to confirm with the site.
//!
//! Example: a 9-year-old with one breakdown, a reinforced family with a full-time carer, one
//! other child and `attachment:2`: 1.0 + 0.10 + 0.05, clamped to 1.0.
//!
//! The family-care flags depend on the ranking, so the shortlist raises them: the assessment
//! duty (a non-family site ranked above a foster family that meets every rule, any age) and
//! the municipality's policy (`family_care_under`, default 6: no foster family meets every
//! rule for a younger child).

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, FactorValue, Gate, MISSING_PENALTY, NEUTRAL,
    ReasonCode, ReasonKind, Verdict,
};
use crate::model::{Child, Need, Site, SiteType};

/// The `stability` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stability;

const PURPOSE_NOT_ACCEPTED: ReasonCode = ReasonCode("stability.purpose_not_accepted");
const FAMILY_FOR_YOUNG_CHILD: ReasonCode = ReasonCode("stability.family_for_young_child");
const INSTITUTION_FOR_YOUNG_CHILD: ReasonCode = ReasonCode("stability.institution_for_young_child");
const FULL_TIME_CARER: ReasonCode = ReasonCode("stability.full_time_carer");
const MANY_OTHER_CHILDREN: ReasonCode = ReasonCode("stability.many_other_children");
const EXPERIENCED_CARERS: ReasonCode = ReasonCode("stability.experienced_carers");
const BREAKDOWNS_NEED_EXPERIENCE: ReasonCode = ReasonCode("stability.breakdowns_need_experience");
const PURPOSES_MISSING: ReasonCode = ReasonCode("stability.purposes_missing");
/// Raised by the shortlist, listed here because it belongs to this element.
pub(crate) const FAMILY_CARE_PREFERRED: ReasonCode = ReasonCode("stability.family_care_preferred");
/// Raised by the shortlist on every site of a child under the policy age when no foster family
/// meets every rule.
pub(crate) const NO_FAMILY_UNDER_POLICY: ReasonCode =
    ReasonCode("stability.no_family_under_policy");

/// Base score by site type and the child's age.
fn base(site_type: SiteType, age: u8) -> f64 {
    use SiteType::*;
    match (site_type, age) {
        (FosterGeneral | FosterReinforced | FosterSpecialised | FosterNetwork, 0..=11) => 1.0,
        (FosterGeneral | FosterReinforced | FosterSpecialised | FosterNetwork, 12..=17) => 0.85,
        (FosterGeneral | FosterReinforced | FosterSpecialised | FosterNetwork, _) => 0.75,
        (CareHome, 0..=11) => 0.55,
        (CareHome, _) => 0.75,
        (ResidentialHome, 0..=11) => 0.45,
        (ResidentialHome, _) => 0.65,
        (PartlyClosed | SecureUnit, _) => 0.5,
        (OwnRoom, 0..=15) => 0.3,
        (OwnRoom, 16..=17) => 0.6,
        (OwnRoom, _) => 0.9,
        (BoardingSchool, 0..=13) => 0.3,
        (BoardingSchool, _) => 0.6,
    }
}

impl Judge for Stability {
    const ID: ElementId = ElementId::Stability;
    const GATES: &'static [Gate] = &[Gate::fixable(PURPOSE_NOT_ACCEPTED)];
    const CODES: &'static [ReasonCode] = &[
        PURPOSE_NOT_ACCEPTED,
        FAMILY_FOR_YOUNG_CHILD,
        INSTITUTION_FOR_YOUNG_CHILD,
        FULL_TIME_CARER,
        MANY_OTHER_CHILDREN,
        EXPERIENCED_CARERS,
        BREAKDOWNS_NEED_EXPERIENCE,
        PURPOSES_MISSING,
        FAMILY_CARE_PREFERRED,
        NO_FAMILY_UNDER_POLICY,
    ];

    fn judge<E: Evidence>(
        &self,
        _ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let mut gates = 0;
        let mut confidence = 1.0;
        match site.accepts {
            Some(accepts) if !accepts.contains(child.purpose) => {
                gates |= 1;
                let detail = Detail::Code(child.purpose.as_str());
                evidence.finding(ReasonKind::Gate, PURPOSE_NOT_ACCEPTED, detail);
            }
            Some(_) => {}
            None => {
                confidence -= MISSING_PENALTY;
                evidence.finding(ReasonKind::Gap, PURPOSES_MISSING, Detail::None);
                evidence.factor("accepts", FactorValue::Missing);
            }
        }

        let family = site.site_type.is_family();
        let mut score = base(site.site_type, child.age);
        evidence.number("type_base", score);
        if child.age < 12 {
            evidence.note(if family {
                FAMILY_FOR_YOUNG_CHILD
            } else {
                INSTITUTION_FOR_YOUNG_CHILD
            });
        }
        if family {
            match site.full_time_carer {
                Some(true) => {
                    score += 0.10;
                    evidence.note(FULL_TIME_CARER);
                }
                Some(false) => {}
                None => {
                    confidence -= MISSING_PENALTY;
                    evidence.factor("full_time_carer", FactorValue::Missing);
                }
            }
            match site.other_children {
                Some(others @ 4..) => {
                    score -= 0.15;
                    evidence.note(MANY_OTHER_CHILDREN);
                    evidence.number("other_children", f64::from(others));
                }
                Some(others @ 2..=3) => {
                    score -= 0.05;
                    evidence.number("other_children", f64::from(others));
                }
                Some(_) => {}
                None => {
                    confidence -= MISSING_PENALTY;
                    evidence.factor("other_children", FactorValue::Missing);
                }
            }
        }
        match child.previous_breakdowns {
            Some(0) => {}
            Some(breakdowns) => {
                let experienced = [Need::Trauma, Need::Attachment]
                    .iter()
                    .any(|&need| site.competences.get(need).is_some_and(|level| level >= 2));
                evidence.number("previous_breakdowns", f64::from(breakdowns));
                if experienced {
                    score += 0.05;
                    evidence.note(EXPERIENCED_CARERS);
                } else {
                    score -= 0.15;
                    evidence.note(BREAKDOWNS_NEED_EXPERIENCE);
                }
            }
            None => {
                confidence -= MISSING_PENALTY;
                evidence.factor("previous_breakdowns", FactorValue::Missing);
            }
        }
        if site.accepts.is_none() {
            score = score.min(NEUTRAL);
        }
        Verdict {
            gates,
            score: unit(score),
            confidence: unit(confidence),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: the purpose gate; families above institutions for young children;
    //! experience matters after breakdowns; missing data lowers confidence, not the score.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use crate::model::{Levels, Purpose};

    fn check(child: &Child, site: &Site) -> (Verdict, Vec<String>) {
        let (verdict, explanation) = judge(&Stability, child, site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn purpose_gate() {
        let mut child = child();
        child.purpose = Purpose::Emergency;
        let (verdict, keys) = check(&child, &site());
        assert_eq!(verdict.gates, 1);
        assert_eq!(keys[0], "stability.purpose_not_accepted:emergency");
    }

    #[test]
    fn young_children_do_better_in_families() {
        let family = check(&child(), &site()).0.score;
        let mut home = site();
        home.site_type = SiteType::ResidentialHome;
        let (verdict, keys) = check(&child(), &home);
        assert!(family > verdict.score);
        assert!(keys.contains(&"stability.institution_for_young_child".to_string()));
    }

    #[test]
    fn breakdowns_need_experienced_carers() {
        let mut child = child();
        child.age = 14; // Base 0.85, so neither result is clamped.
        child.previous_breakdowns = Some(2);
        let mut site = site();
        site.full_time_carer = Some(false);
        let without = check(&child, &site).0.score;
        site.competences = Levels::of(&[(crate::model::Need::Attachment, 2)]);
        let with = check(&child, &site).0.score;
        assert!((with - without - 0.20).abs() < 1e-12, "{with} vs {without}");
    }

    #[test]
    fn missing_data_lowers_confidence_only() {
        let complete = check(&child(), &site()).0;
        let mut site = site();
        site.full_time_carer = None;
        site.other_children = None;
        site.accepts = None;
        let (verdict, _) = check(&child(), &site);
        assert!((verdict.confidence - 0.4).abs() < 1e-12);
        assert!(
            verdict.score <= complete.score,
            "missing never counts as better"
        );
        assert_eq!(verdict.gates, 0, "missing purposes do not exclude");
    }
}
