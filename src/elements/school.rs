//! # `school`: Skolegang og hverdagsliv
//!
//! Can the child keep school, friends and activities? Barnets lov § 52, stk. 2: the
//! municipality weighs the child's schooling and avoids a change of school unless the child's
//! needs speak against it. For a child under school age (0–5) the same travel bands speak of
//! daycare (dagtilbud), and no school change is flagged.
//!
//! No gate. Flag `school.school_change` for a child of school age (6–17) when travel to the
//! current school municipality is over 45 minutes. Flag `school.assessment_before_home`
//! (§ 52, stk. 4) for a child of school age at a children's home (børne- og ungehjem) in
//! another municipality than the child's own: the need for special education must be assessed
//! before that decision.
//!
//! Score: 1.0 within 30 minutes of the school municipality, falling linearly to 0 at 75
//! minutes. A site with an internal school halves the fall for a child who needs special
//! education (never below 0.5). The school municipality defaults to the home municipality
//! (confidence 0.9); unknown special-education need costs 0.1 confidence at a site with an
//! internal school.
//!
//! Example: 60 minutes away: `1 − 30/45 = 0.33`; with special education and an internal
//! school `1 − 0.5 · 30/45 = 0.67`.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, FactorValue, Gate, ReasonCode, ReasonKind, Verdict,
};
use crate::model::{Child, Feature, Site};

/// The `school` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct School;

const WITHIN_REACH: ReasonCode = ReasonCode("school.within_reach");
const TRAVEL_LONG: ReasonCode = ReasonCode("school.travel_long");
const TRAVEL_TOO_LONG: ReasonCode = ReasonCode("school.travel_too_long");
const INTERNAL_SCHOOL: ReasonCode = ReasonCode("school.internal_school");
pub(crate) const SCHOOL_CHANGE: ReasonCode = ReasonCode("school.school_change");
const DAYCARE_WITHIN_REACH: ReasonCode = ReasonCode("school.daycare_within_reach");
const DAYCARE_TRAVEL_LONG: ReasonCode = ReasonCode("school.daycare_travel_long");
const DAYCARE_TRAVEL_TOO_LONG: ReasonCode = ReasonCode("school.daycare_travel_too_long");
pub(crate) const ASSESSMENT_BEFORE_HOME: ReasonCode = ReasonCode("school.assessment_before_home");

/// Travel time up to which the school is fully kept, minutes.
const FULL_MINUTES: f64 = 30.0;
/// Travel time at which the score reaches 0, minutes.
const ZERO_MINUTES: f64 = 75.0;
/// Travel time beyond which a school change is flagged, minutes (the one definition).
const CHANGE_MINUTES: f64 = crate::model::SCHOOL_CHANGE_MINUTES;

impl Judge for School {
    const ID: ElementId = ElementId::School;
    const GATES: &'static [Gate] = &[];
    const CODES: &'static [ReasonCode] = &[
        WITHIN_REACH,
        TRAVEL_LONG,
        TRAVEL_TOO_LONG,
        INTERNAL_SCHOOL,
        SCHOOL_CHANGE,
        DAYCARE_WITHIN_REACH,
        DAYCARE_TRAVEL_LONG,
        DAYCARE_TRAVEL_TOO_LONG,
        ASSESSMENT_BEFORE_HOME,
    ];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let mut confidence = if child.school_municipality.is_some() {
            1.0
        } else {
            0.9
        };
        let minutes = ctx
            .travel_minutes(child.school_municipality(), site.municipality)
            .unwrap_or(f64::INFINITY);
        evidence.number("travel_minutes_school", minutes);
        let fall = ((minutes - FULL_MINUTES) / (ZERO_MINUTES - FULL_MINUTES)).clamp(0.0, 1.0);
        let internal_school = site.features.contains(Feature::InternalSchool);
        let softened = internal_school && child.special_education == Some(true);
        if internal_school && child.special_education.is_none() {
            confidence -= 0.1;
            evidence.factor("special_education", FactorValue::Missing);
        }
        let score = if softened {
            evidence.note(INTERNAL_SCHOOL);
            1.0 - 0.5 * fall
        } else {
            1.0 - fall
        };
        let preschool = child.is_preschool();
        if minutes <= FULL_MINUTES {
            evidence.note(if preschool {
                DAYCARE_WITHIN_REACH
            } else {
                WITHIN_REACH
            });
        } else if minutes <= CHANGE_MINUTES {
            evidence.note(if preschool {
                DAYCARE_TRAVEL_LONG
            } else {
                TRAVEL_LONG
            });
        } else {
            evidence.note(if preschool {
                DAYCARE_TRAVEL_TOO_LONG
            } else {
                TRAVEL_TOO_LONG
            });
            if child.changes_school(minutes) {
                evidence.finding(ReasonKind::Flag, SCHOOL_CHANGE, Detail::None);
            }
        }
        if child.is_school_age()
            && site.site_type.is_childrens_home()
            && site.municipality != child.municipality
        {
            evidence.finding(ReasonKind::Flag, ASSESSMENT_BEFORE_HOME, Detail::None);
        }
        Verdict {
            gates: 0,
            score: unit(score),
            confidence: unit(confidence),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: full score within 30 minutes, zero at 75; more travel never raises the
    //! score; the school-change flag only for school-age children beyond 45 minutes; the
    //! internal school softens the fall only with special education.
    use super::*;
    use crate::elements::testing::{FAR, HOME, MIDDLE, NEAR, child, judge, keys, site};
    use crate::model::{MunicipalityCode, Set};

    fn check(child: &Child, at: MunicipalityCode, internal_school: bool) -> (Verdict, Vec<String>) {
        let mut site = site();
        site.municipality = at;
        if internal_school {
            site.features = Set::of(&[Feature::InternalSchool]);
        }
        let (verdict, explanation) = judge(&School, child, &site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn travel_bands_and_flag() {
        let mut child = child();
        child.school_municipality = Some(HOME);
        assert_eq!(check(&child, NEAR, false).0.score, 1.0);
        let (verdict, keys) = check(&child, MIDDLE, false);
        assert!((verdict.score - (1.0 - 10.0 / 45.0)).abs() < 1e-12);
        assert_eq!(keys, ["school.travel_long"]);
        let (verdict, keys) = check(&child, FAR, false);
        assert_eq!(verdict.score, 0.0);
        assert_eq!(keys, ["school.travel_too_long", "school.school_change"]);
        child.age = 4;
        assert_eq!(
            check(&child, FAR, false).1,
            ["school.daycare_travel_too_long"]
        );
        assert_eq!(
            check(&child, NEAR, false).1,
            ["school.daycare_within_reach"]
        );
    }

    #[test]
    fn more_travel_never_raises_the_score() {
        let mut previous = f64::INFINITY;
        for at in [HOME, NEAR, MIDDLE, FAR] {
            let score = check(&child(), at, false).0.score;
            assert!(score <= previous);
            previous = score;
        }
    }

    #[test]
    fn internal_school_softens_only_with_special_education() {
        let mut child = child();
        child.special_education = Some(true);
        assert_eq!(check(&child, FAR, true).0.score, 0.5);
        child.special_education = Some(false);
        assert_eq!(check(&child, FAR, true).0.score, 0.0);
        child.special_education = None;
        let (verdict, _) = check(&child, FAR, true);
        assert!(
            (verdict.confidence - 0.8).abs() < 1e-12,
            "defaulted school and unknown need"
        );
    }

    #[test]
    fn childrens_home_in_another_municipality_needs_an_assessment_first() {
        let mut child = child();
        let mut home = site();
        home.site_type = crate::model::SiteType::ResidentialHome;
        home.municipality = NEAR;
        let flagged = |child: &Child, site: &Site| {
            keys(&judge(&School, child, site, &[]).1)
                .contains(&"school.assessment_before_home".to_string())
        };
        assert!(flagged(&child, &home));
        home.municipality = HOME;
        assert!(!flagged(&child, &home), "same municipality");
        home.municipality = NEAR;
        child.age = 5;
        assert!(!flagged(&child, &home), "not of school age");
        child.age = 12;
        home.site_type = crate::model::SiteType::FosterGeneral;
        assert!(!flagged(&child, &home), "a family is not a children's home");
    }
}
