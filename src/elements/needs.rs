//! # `needs`: Behov og kompetencer
//!
//! Can the site meet this child's assessed needs? Barnets Lov § 52 asks first of all whether a
//! placement site can meet the needs found in the child's assessment (børnefaglig
//! undersøgelse); the site's side is its approved type and its competences.
//!
//! Gates: the site type is too light for the child's support level (PRODUCT.md 6.2); the
//! site's security does not match the child's (a secure or partly closed placement needs
//! its own decision, and an open child is never placed behind locks); a need of severity 3
//! with no competence for it at all.
//!
//! Score: severity-weighted coverage, `Σ s·min(1, level/s) / Σ s`. Every need the site does
//! not fully cover is a gap. No recorded needs scores 1 with confidence 0.6; a site with no
//! recorded competences scores the neutral 0.5 with confidence 0.4.
//!
//! Example: `adhd:2|trauma:3` against `adhd:2|trauma:1` gives `(2·1 + 3·⅓) / 5 = 0.6` and
//! the gap `needs.uncovered:trauma`.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, FactorValue, Gate, NEUTRAL, ReasonCode, ReasonKind,
    Verdict,
};
use crate::model::{Child, Site};

/// The `needs` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs;

const TYPE_TOO_LIGHT: ReasonCode = ReasonCode("needs.type_too_light");
const SECURITY_MISMATCH: ReasonCode = ReasonCode("needs.security_mismatch");
const SEVERE_NEED_UNCOVERED: ReasonCode = ReasonCode("needs.severe_need_uncovered");
/// The gap of a need the site has no competence for (`needs.uncovered:<need>`).
pub(crate) const UNCOVERED: ReasonCode = ReasonCode("needs.uncovered");
const ALL_COVERED: ReasonCode = ReasonCode("needs.all_covered");
const PARTLY_COVERED: ReasonCode = ReasonCode("needs.partly_covered");
const NO_NEEDS_RECORDED: ReasonCode = ReasonCode("needs.no_needs_recorded");
const COMPETENCES_MISSING: ReasonCode = ReasonCode("needs.competences_missing");

/// Confidence when the child has no recorded needs: an assessment usually finds some.
const NO_NEEDS_CONFIDENCE: f64 = 0.6;
/// Confidence when the site has no recorded competences.
const NO_COMPETENCES_CONFIDENCE: f64 = 0.4;

impl Judge for Needs {
    const ID: ElementId = ElementId::Needs;
    const GATES: &'static [Gate] = &[
        Gate::decisive(TYPE_TOO_LIGHT),
        Gate::decisive(SECURITY_MISMATCH),
        Gate::fixable(SEVERE_NEED_UNCOVERED),
    ];
    const CODES: &'static [ReasonCode] = &[
        TYPE_TOO_LIGHT,
        SECURITY_MISMATCH,
        SEVERE_NEED_UNCOVERED,
        UNCOVERED,
        ALL_COVERED,
        PARTLY_COVERED,
        NO_NEEDS_RECORDED,
        COMPETENCES_MISSING,
    ];

    fn judge<E: Evidence>(
        &self,
        _ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        let mut gates = 0;
        if !site.site_type.takes_support_level(child.support_level) {
            gates |= 1;
            let detail = Detail::Code(child.support_level.as_str());
            evidence.finding(ReasonKind::Gate, TYPE_TOO_LIGHT, detail);
        }
        if child.security != site.security {
            gates |= 1 << 1;
            let detail = Detail::Code(child.security.as_str());
            evidence.finding(ReasonKind::Gate, SECURITY_MISMATCH, detail);
        }
        if child.needs.is_empty() {
            evidence.note(NO_NEEDS_RECORDED);
            evidence.factor("needs_recorded", FactorValue::Number(0.0));
            return Verdict {
                gates,
                score: 1.0,
                confidence: NO_NEEDS_CONFIDENCE,
            };
        }
        if site.competences.is_empty() {
            evidence.note(COMPETENCES_MISSING);
            evidence.factor("competences", FactorValue::Missing);
            return Verdict {
                gates,
                score: NEUTRAL,
                confidence: NO_COMPETENCES_CONFIDENCE,
            };
        }

        let mut covered = 0.0;
        let mut total = 0.0;
        let mut uncovered = 0u32;
        let mut fully_covered = crate::model::Set::empty();
        for (need, severity) in child.needs.iter() {
            let level = site.competences.get(need).unwrap_or(0);
            let severity_f = f64::from(severity);
            covered += severity_f * (f64::from(level) / severity_f).min(1.0);
            total += severity_f;
            if level >= severity {
                fully_covered.insert(need);
            }
            if level < severity {
                uncovered += 1;
                evidence.finding(ReasonKind::Gap, UNCOVERED, Detail::Code(need.as_str()));
                if severity == 3 && level == 0 {
                    gates |= 1 << 2;
                    let detail = Detail::Code(need.as_str());
                    evidence.finding(ReasonKind::Gate, SEVERE_NEED_UNCOVERED, detail);
                }
            }
        }
        let coverage = covered / total;
        let code = if uncovered == 0 {
            ALL_COVERED
        } else {
            PARTLY_COVERED
        };
        evidence.finding(ReasonKind::Note, code, Detail::Needs(fully_covered));
        evidence.number("coverage", coverage);
        evidence.number("needs_recorded", f64::from(child.needs.len() as u32));
        evidence.number("needs_uncovered", f64::from(uncovered));
        Verdict {
            gates,
            score: unit(coverage),
            confidence: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: each gate fires on its own; the worked example of the module doc; adding
    //! a competence never lowers the score; missing data is neutral with lower confidence.
    use super::*;
    use crate::elements::testing::{child, judge, keys, site};
    use crate::model::{Levels, Need, Security, SiteType, SupportLevel};

    fn check(child: &Child, site: &Site) -> (Verdict, Vec<String>) {
        let (verdict, explanation) = judge(&Needs, child, site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn worked_example() {
        let mut child = child();
        child.needs = Levels::of(&[(Need::Adhd, 2), (Need::Trauma, 3)]);
        let mut site = site();
        site.competences = Levels::of(&[(Need::Adhd, 2), (Need::Trauma, 1)]);
        let (verdict, keys) = check(&child, &site);
        assert!((verdict.score - 0.6).abs() < 1e-12);
        assert_eq!(verdict.gates, 0);
        assert_eq!(keys, ["needs.uncovered:trauma", "needs.partly_covered"]);
    }

    #[test]
    fn gates() {
        let mut child = child();
        child.support_level = SupportLevel::Severe;
        let mut site = site();
        assert_eq!(
            check(&child, &site).0.gates,
            0b001,
            "reinforced families cannot take severe"
        );
        site.site_type = SiteType::CareHome;
        assert_eq!(check(&child, &site).0.gates, 0);
        child.security = Security::Secure;
        assert_eq!(check(&child, &site).0.gates, 0b010);
        child.security = Security::None;
        child.needs = Levels::of(&[(Need::Autism, 3)]);
        site.competences = Levels::of(&[(Need::Adhd, 3)]);
        let (verdict, keys) = check(&child, &site);
        assert_eq!(verdict.gates, 0b100);
        assert_eq!(
            keys,
            [
                "needs.uncovered:autism",
                "needs.severe_need_uncovered:autism",
                "needs.partly_covered"
            ]
        );
        site.competences = Levels::of(&[(Need::Autism, 1)]);
        assert_eq!(
            check(&child, &site).0.gates,
            0,
            "some competence is a gap, not a gate"
        );
    }

    #[test]
    fn adding_a_competence_never_lowers_the_score() {
        let mut child = child();
        child.needs = Levels::of(&[(Need::Adhd, 2), (Need::Autism, 1), (Need::Trauma, 3)]);
        let mut site = site();
        site.competences = Levels::of(&[(Need::Adhd, 1)]);
        let mut previous = check(&child, &site).0.score;
        for need in [Need::Trauma, Need::Autism, Need::Adhd, Need::Crime] {
            for level in 1..=3 {
                if site.competences.get(need).unwrap_or(0) < level {
                    site.competences.set(need, level);
                }
                let score = check(&child, &site).0.score;
                assert!(score >= previous, "{need:?}:{level}");
                previous = score;
            }
        }
        assert_eq!(previous, 1.0);
    }

    #[test]
    fn missing_data_is_neutral_with_lower_confidence() {
        let (verdict, keys) = check(&child(), &site());
        assert_eq!((verdict.score, verdict.confidence), (1.0, 0.6));
        assert_eq!(keys, ["needs.no_needs_recorded"]);
        let mut child = child();
        child.needs = Levels::of(&[(Need::Adhd, 2)]);
        let (verdict, keys) = check(&child, &site());
        assert_eq!((verdict.score, verdict.confidence), (0.5, 0.4));
        assert_eq!(keys, ["needs.competences_missing"]);
    }
}
