//! # `setting`: Rammer, kvalitet og kapacitet
//!
//! Is there a free place, for the child's age and sex, at an approved site of good quality?
//! Sites must be approved under Barnets Lov § 43; quality is the latest Socialtilsyn
//! assessment.
//!
//! Gates: no free place (fixable); the child's age a year outside the site's range
//! (fixable: `setting.age_one_year_outside`) or more (decisive); the site's sex restriction
//! (decisive); the site is not approved (decisive), except the child's own network family,
//! which the placing municipality approves for this child (plejefamiliebekendtgørelsen § 9,
//! stk. 2): the `network` element flags that approval is needed instead.
//!
//! A site with no recorded age range passes the age gate but is not a fit by default: the
//! score is at most neutral (0.5), confidence drops and a gap asks to confirm with the site.
//!
//! Score: `0.9 · quality + 0.1 · cost`. `quality` maps the Socialtilsyn score 1–5 to
//! [0.6, 1]; a network foster family, approved by the municipality for one child and not
//! assessed by Socialtilsynet, counts 0.5 for quality whatever its file says; `cost` is `1.5 − cost / median cost of the same type`, clamped to [0, 1] (the
//! median costs 0.5, half the median 1.0); cost is never worth more than 10 % of the element.
//! Missing quality or cost counts 0.5. A profile not updated in the 12 months before the
//! reference date keeps 60 % of its confidence and says so (`setting.stale_data`).
//!
//! Example: quality 4.0 at the median cost: `0.9 · 0.9 + 0.1 · 0.5 = 0.86`.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, FactorValue, Gate, MISSING_PENALTY, NEUTRAL,
    ReasonCode, ReasonKind, Verdict,
};
use crate::model::{Child, Sex, Site, SiteSex, SiteType};

/// The `setting` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting;

const NO_FREE_PLACE: ReasonCode = ReasonCode("setting.no_free_place");
const AGE_OUT_OF_RANGE: ReasonCode = ReasonCode("setting.age_out_of_range");
const SEX_RESTRICTION: ReasonCode = ReasonCode("setting.sex_restriction");
const NOT_APPROVED: ReasonCode = ReasonCode("setting.not_approved");
const HIGH_QUALITY: ReasonCode = ReasonCode("setting.high_quality");
const QUALITY_MISSING: ReasonCode = ReasonCode("setting.quality_missing");
const STALE_DATA: ReasonCode = ReasonCode("setting.stale_data");
const UPDATE_DATE_MISSING: ReasonCode = ReasonCode("setting.update_date_missing");
const AGE_RANGE_MISSING: ReasonCode = ReasonCode("setting.age_range_missing");
const AGE_ONE_YEAR_OUTSIDE: ReasonCode = ReasonCode("setting.age_one_year_outside");
const NETWORK_NOT_ASSESSED: ReasonCode = ReasonCode("setting.network_family_not_assessed");

/// Whether the site is excluded for every child whatever the child: no free place, or not
/// approved and nobody's network family. Batch scoring skips such sites unseen; `judge`
/// raises the same gates for them.
#[inline]
pub fn closed_to_every_child(site: &Site) -> bool {
    site.free_places == 0 || (!site.approved && site.network_for.is_none())
}

/// Quality at or above which the site is called high quality.
const HIGH_QUALITY_SCORE: f64 = 4.0;
/// Share of confidence kept when the profile is stale.
const STALE_CONFIDENCE: f64 = 0.6;

impl Judge for Setting {
    const ID: ElementId = ElementId::Setting;
    const GATES: &'static [Gate] = &[
        Gate::fixable(NO_FREE_PLACE),
        Gate::decisive(AGE_OUT_OF_RANGE),
        Gate::decisive(SEX_RESTRICTION),
        Gate::decisive(NOT_APPROVED),
        Gate::fixable(AGE_ONE_YEAR_OUTSIDE),
    ];
    const CODES: &'static [ReasonCode] = &[
        NO_FREE_PLACE,
        AGE_OUT_OF_RANGE,
        SEX_RESTRICTION,
        NOT_APPROVED,
        HIGH_QUALITY,
        QUALITY_MISSING,
        STALE_DATA,
        UPDATE_DATE_MISSING,
        AGE_RANGE_MISSING,
        AGE_ONE_YEAR_OUTSIDE,
        NETWORK_NOT_ASSESSED,
    ];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let mut gates = 0;
        let mut confidence = 1.0;
        if site.free_places == 0 {
            gates |= 1;
            evidence.finding(ReasonKind::Gate, NO_FREE_PLACE, Detail::None);
        }
        let own_network_family = site.network_for.as_ref() == Some(&child.id);
        // A network family is approved for its one child: its age range does not matter.
        let age_range_missing =
            site.age_min.is_none() && site.age_max.is_none() && !own_network_family;
        if age_range_missing {
            confidence -= MISSING_PENALTY;
            evidence.finding(ReasonKind::Gap, AGE_RANGE_MISSING, Detail::None);
            evidence.factor("age_range", FactorValue::Missing);
        }
        let years_below = site.age_min.map_or(0, |min| min.saturating_sub(child.age));
        let years_above = site.age_max.map_or(0, |max| child.age.saturating_sub(max));
        match years_below.max(years_above) {
            0 => {}
            1 => {
                gates |= 1 << 4;
                evidence.finding(ReasonKind::Gate, AGE_ONE_YEAR_OUTSIDE, Detail::None);
            }
            _ => {
                gates |= 1 << 1;
                evidence.finding(ReasonKind::Gate, AGE_OUT_OF_RANGE, Detail::None);
            }
        }
        let restricted = match (site.sex, child.sex) {
            (SiteSex::Any, _) | (_, None) => false,
            (SiteSex::Female, Some(sex)) => sex != Sex::Female,
            (SiteSex::Male, Some(sex)) => sex != Sex::Male,
        };
        if restricted {
            gates |= 1 << 2;
            evidence.finding(ReasonKind::Gate, SEX_RESTRICTION, Detail::None);
        }
        if !site.approved && !own_network_family {
            gates |= 1 << 3;
            evidence.finding(ReasonKind::Gate, NOT_APPROVED, Detail::None);
        }
        if gates != 0 && evidence.stops_at_gate() {
            return Verdict::excluded(gates);
        }

        let quality = match site.quality {
            // A network foster family is approved by the municipality for one child; it has
            // no Socialtilsynet quality assessment, so quality counts as neutral and nothing
            // is said about Socialtilsynet (a value in the file is not read).
            _ if site.site_type == SiteType::FosterNetwork => {
                evidence.note(NETWORK_NOT_ASSESSED);
                NEUTRAL
            }
            Some(quality) => {
                if quality >= HIGH_QUALITY_SCORE {
                    evidence.note(HIGH_QUALITY);
                }
                evidence.number("quality", quality);
                0.6 + 0.4 * (quality - 1.0) / 4.0
            }
            None => {
                confidence -= MISSING_PENALTY;
                evidence.note(QUALITY_MISSING);
                evidence.factor("quality", FactorValue::Missing);
                NEUTRAL
            }
        };
        let cost = match (site.monthly_cost_dkk, ctx.median_cost(site.site_type)) {
            (Some(cost), Some(median)) if median > 0.0 => {
                let ratio = f64::from(cost) / median;
                evidence.number("cost_to_type_median", ratio);
                (1.5 - ratio).clamp(0.0, 1.0)
            }
            _ => {
                evidence.factor("cost_to_type_median", FactorValue::Missing);
                NEUTRAL
            }
        };
        match site.updated {
            Some(updated) => {
                if updated < ctx.stale_before() {
                    confidence *= STALE_CONFIDENCE;
                    evidence.note(STALE_DATA);
                }
            }
            None => {
                confidence -= MISSING_PENALTY;
                evidence.note(UPDATE_DATE_MISSING);
            }
        }
        let mut score = 0.9 * quality + 0.1 * cost;
        if age_range_missing {
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
    //! Properties: each gate on its own; the worked example; better quality never lowers the
    //! score; cost never moves it by more than 0.1; stale and missing data lower confidence.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use jiff::civil::date;

    fn check(child: &Child, site: &Site) -> (Verdict, Vec<String>) {
        let (verdict, explanation) = judge(&Setting, child, site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn gates() {
        let mut site = site();
        site.free_places = 0;
        assert_eq!(check(&child(), &site).0.gates, 0b0001);
        let mut site = crate::elements::testing::site();
        site.age_min = Some(12);
        assert_eq!(check(&child(), &site).0.gates, 0b0010);
        site.age_min = Some(10);
        assert_eq!(
            check(&child(), &site).0.gates,
            0b1_0000,
            "a year outside is fixable"
        );
        site.age_min = None;
        site.sex = SiteSex::Male;
        let mut child = child();
        assert_eq!(
            check(&child, &site).0.gates,
            0,
            "unknown sex is not excluded"
        );
        child.sex = Some(Sex::Female);
        assert_eq!(check(&child, &site).0.gates, 0b0100);
        site.sex = SiteSex::Any;
        site.approved = false;
        let (verdict, keys) = check(&child, &site);
        assert_eq!(verdict.gates, 0b1000);
        assert_eq!(keys[0], "setting.not_approved");
    }

    #[test]
    fn worked_example() {
        // The test dataset holds one site, so its cost is the median.
        let (verdict, keys) = check(&child(), &site());
        assert!((verdict.score - 0.86).abs() < 1e-12);
        assert_eq!(keys, ["setting.high_quality"]);
    }

    /// A network foster family has no Socialtilsynet assessment: nothing is said about one,
    /// whatever the file holds, and quality counts as neutral (the false reason a
    /// caseworker's review found: "high quality score from Socialtilsynet" for a network
    /// family).
    #[test]
    fn a_network_family_is_never_said_to_have_a_socialtilsynet_score() {
        let mut network = site();
        network.site_type = SiteType::FosterNetwork;
        for quality in [Some(5.0), Some(1.0), None] {
            network.quality = quality;
            let (verdict, keys) = check(&child(), &network);
            assert_eq!(keys, ["setting.network_family_not_assessed"], "{quality:?}");
            assert!((verdict.score - (0.9 * 0.5 + 0.1 * 0.5)).abs() < 1e-12);
            assert_eq!(verdict.confidence, 1.0, "nothing is missing");
        }
    }

    #[test]
    fn quality_is_monotone() {
        let mut site = site();
        let mut previous = 0.0;
        for quality in [1.0, 2.5, 3.0, 4.9, 5.0] {
            site.quality = Some(quality);
            let score = check(&child(), &site).0.score;
            assert!(score >= previous);
            previous = score;
        }
    }

    #[test]
    fn stale_and_missing_data_lower_confidence() {
        let mut site = site();
        site.updated = Some(date(2025, 11, 22));
        let (verdict, keys) = check(&child(), &site);
        assert_eq!(verdict.confidence, 0.6);
        assert!(keys.contains(&"setting.stale_data".to_string()));
        site.updated = Some(date(2025, 11, 23));
        assert_eq!(
            check(&child(), &site).0.confidence,
            1.0,
            "exactly 12 months is not stale"
        );
        site.quality = None;
        site.updated = None;
        let (verdict, _) = check(&child(), &site);
        assert!((verdict.confidence - 0.6).abs() < 1e-12);
        assert!((verdict.score - (0.9 * 0.5 + 0.1 * 0.5)).abs() < 1e-12);
    }

    #[test]
    fn own_network_family_needs_approval_but_is_not_excluded() {
        let mut site = site();
        site.approved = false;
        site.site_type = crate::model::SiteType::FosterNetwork;
        site.network_for = Some(crate::model::ChildId::new("C-1"));
        assert_eq!(check(&child(), &site).0.gates, 0);
        site.network_for = Some(crate::model::ChildId::new("C-2"));
        assert_eq!(check(&child(), &site).0.gates, 0b1000);
    }

    #[test]
    fn missing_age_range_is_not_a_fit() {
        let mut site = site();
        site.quality = Some(5.0);
        let full = check(&child(), &site).0;
        site.age_min = None;
        site.age_max = None;
        let (verdict, keys) = check(&child(), &site);
        assert_eq!(verdict.gates, 0);
        assert!(verdict.score <= NEUTRAL && verdict.score < full.score);
        assert!(verdict.confidence < full.confidence);
        assert!(keys.contains(&"setting.age_range_missing".to_string()));
    }
}
