//! # `network`: Netværk og forældresamarbejde
//!
//! Can the child keep family and network? Barnets lov § 2, stk. 2, nr. 5 asks for continuity
//! and support of the child's family relations and network, and § 52, stk. 2 for close and
//! stable adults; a network family (netværksplejefamilie, § 43, stk. 1, nr. 4) is approved for
//! one specific child and comes first when it can take the child. A network family not yet
//! approved stays eligible for its own child and raises `network.approval_needed`: the placing
//! municipality approves it concretely (plejefamiliebekendtgørelsen § 9, stk. 2).
//!
//! Gate: a `foster_network` site is eligible only for the child it is approved for.
//!
//! Score: 1.0 for the child's own network family. Otherwise `0.8 · travel + 0.2 · cooperation`:
//! `travel` halves every `half_life` minutes beyond 15 (a trip inside one municipality costs
//! nothing), with `half_life = 90 / (1 + contact/2)` minutes, at least 20: more planned visits,
//! steeper decay. `cooperation` is the site's experience with hard parent cooperation, 0–3
//! mapped to [0, 1]. Missing contact counts as 2 visits a month; missing cooperation as 0.5;
//! each costs 0.2 confidence.
//!
//! Example: 4 visits a month (half-life 30 min), site 45 minutes away, cooperation 3:
//! `0.8 · 0.5^(30/30) + 0.2 · 1 = 0.6`.
//!
//! The flag for choosing another site than an eligible network family depends on the
//! ranking, so the shortlist raises it.

use super::{Judge, MatchContext, unit};
use crate::explain::{
    Detail, ElementId, Evidence, EvidenceExt, FactorValue, Gate, MISSING_PENALTY, NEUTRAL,
    ReasonCode, ReasonKind, Verdict,
};
use crate::geo::WITHIN_MUNICIPALITY_MINUTES;
use crate::model::{Child, Site, SiteType};

/// The `network` element.
#[derive(Debug, Clone, Copy, Default)]
pub struct Network;

const OTHER_CHILDS_NETWORK_FAMILY: ReasonCode = ReasonCode("network.other_childs_network_family");
const OWN_NETWORK_FAMILY: ReasonCode = ReasonCode("network.own_network_family");
pub(crate) const APPROVAL_NEEDED: ReasonCode = ReasonCode("network.approval_needed");
const NEAR_HOME: ReasonCode = ReasonCode("network.near_home");
const FAR_FROM_HOME: ReasonCode = ReasonCode("network.far_from_home");
const COOPERATION_EXPERIENCE: ReasonCode = ReasonCode("network.cooperation_experience");
/// Raised by the shortlist on sites ranked instead of an eligible network family, or on every
/// site when the network family is excluded.
pub(crate) const NETWORK_FAMILY_NOT_FIRST: ReasonCode =
    ReasonCode("network.network_family_not_first");

/// Planned visits per month assumed when none is recorded.
const DEFAULT_CONTACT: u32 = 2;
/// Minutes within which the site counts as near home.
const NEAR_MINUTES: f64 = 30.0;
/// Minutes beyond which the site counts as far from home.
const FAR_MINUTES: f64 = 60.0;

/// Minutes over which the travel part halves, given planned visits per month.
pub(crate) fn half_life(contact_per_month: u32) -> f64 {
    (90.0 / (1.0 + f64::from(contact_per_month) / 2.0)).max(20.0)
}

impl Judge for Network {
    const ID: ElementId = ElementId::Network;
    const GATES: &'static [Gate] = &[Gate::decisive(OTHER_CHILDS_NETWORK_FAMILY)];
    const CODES: &'static [ReasonCode] = &[
        OTHER_CHILDS_NETWORK_FAMILY,
        OWN_NETWORK_FAMILY,
        NEAR_HOME,
        FAR_FROM_HOME,
        COOPERATION_EXPERIENCE,
        NETWORK_FAMILY_NOT_FIRST,
        APPROVAL_NEEDED,
    ];

    fn judge<E: Evidence>(
        &self,
        ctx: &MatchContext<'_>,
        child: &Child,
        site: &Site,
        evidence: &mut E,
    ) -> Verdict {
        if site.network_for.as_ref() == Some(&child.id) {
            evidence.note(OWN_NETWORK_FAMILY);
            if !site.approved {
                evidence.finding(ReasonKind::Flag, APPROVAL_NEEDED, Detail::None);
            }
            return Verdict {
                gates: 0,
                score: 1.0,
                confidence: 1.0,
            };
        }
        let mut gates = 0;
        if site.site_type == SiteType::FosterNetwork {
            gates |= 1;
            evidence.finding(ReasonKind::Gate, OTHER_CHILDS_NETWORK_FAMILY, Detail::None);
        }

        let mut confidence = 1.0;
        let minutes = ctx
            .travel_minutes(child.municipality, site.municipality)
            .unwrap_or(f64::INFINITY);
        let contact = child.contact_per_month.unwrap_or_else(|| {
            confidence -= MISSING_PENALTY;
            DEFAULT_CONTACT
        });
        let half_life = half_life(contact);
        let travel = 0.5f64.powf((minutes - WITHIN_MUNICIPALITY_MINUTES).max(0.0) / half_life);
        evidence.number("travel_minutes_home", minutes);
        evidence.factor(
            "contact_per_month",
            child.contact_per_month.map(f64::from).into(),
        );
        evidence.number("half_life_minutes", half_life);
        if minutes <= NEAR_MINUTES {
            evidence.note(NEAR_HOME);
        } else if minutes > FAR_MINUTES {
            evidence.note(FAR_FROM_HOME);
        }
        let cooperation = match site.parent_cooperation {
            Some(level) => {
                if level >= 2 {
                    evidence.note(COOPERATION_EXPERIENCE);
                }
                f64::from(level) / 3.0
            }
            None => {
                confidence -= MISSING_PENALTY;
                evidence.factor("parent_cooperation", FactorValue::Missing);
                NEUTRAL
            }
        };
        Verdict {
            gates,
            score: unit(0.8 * travel + 0.2 * cooperation),
            confidence: unit(confidence),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: the network-family gate and its own child; the worked example; more travel
    //! never raises the score; more contact makes distance weigh more; missing data neutral.
    use super::*;
    use crate::elements::testing::{FAR, HOME, MIDDLE, NEAR, child, judge, keys, site};
    use crate::model::ChildId;

    fn check(child: &Child, site: &Site) -> (Verdict, Vec<String>) {
        let (verdict, explanation) = judge(&Network, child, site, &[]);
        (verdict, keys(&explanation))
    }

    #[test]
    fn network_families_take_only_their_own_child() {
        let mut site = site();
        site.site_type = SiteType::FosterNetwork;
        site.network_for = Some(ChildId::new("C-1"));
        site.municipality = FAR;
        let (verdict, keys) = check(&child(), &site);
        assert_eq!((verdict.gates, verdict.score), (0, 1.0));
        assert_eq!(keys, ["network.own_network_family"]);
        site.network_for = Some(ChildId::new("C-2"));
        assert_eq!(check(&child(), &site).0.gates, 1);
    }

    #[test]
    fn worked_example() {
        let mut child = child();
        child.contact_per_month = Some(4);
        let mut site = site();
        site.municipality = MIDDLE; // 40 minutes: 25 beyond the first 15.
        site.parent_cooperation = Some(3);
        let expected = 0.8 * 0.5f64.powf(25.0 / 30.0) + 0.2;
        assert!((check(&child, &site).0.score - expected).abs() < 1e-12);
    }

    #[test]
    fn more_travel_never_raises_the_score_and_contact_steepens() {
        for contact in [0, 2, 8] {
            let mut child = child();
            child.contact_per_month = Some(contact);
            let mut previous = f64::INFINITY;
            for municipality in [HOME, NEAR, MIDDLE, FAR] {
                let mut site = site();
                site.municipality = municipality;
                let score = check(&child, &site).0.score;
                assert!(score <= previous, "contact {contact}");
                previous = score;
            }
        }
        let mut far = site();
        far.municipality = FAR;
        let mut rare = child();
        rare.contact_per_month = Some(0);
        let mut often = child();
        often.contact_per_month = Some(8);
        assert!(check(&rare, &far).0.score > check(&often, &far).0.score);
    }

    #[test]
    fn missing_data_is_neutral_with_lower_confidence() {
        let mut child = child();
        child.contact_per_month = None;
        let mut site = site();
        site.parent_cooperation = None;
        let (verdict, keys) = check(&child, &site);
        assert!((verdict.confidence - 0.6).abs() < 1e-12);
        assert!(!keys.contains(&"network.cooperation_experience".to_string()));
    }
}
