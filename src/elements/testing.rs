//! Test helpers for element files: a small geography, a default child and site, and a
//! context built from them.

use jiff::civil::{Date, date};

use super::{Element, MatchContext, ScoringContext};
use crate::explain::{Explanation, Verdict};
use crate::geo::GeoIndex;
use crate::model::{
    Child, ChildId, Dataset, Levels, Link, LinkMode, Municipality, MunicipalityCode, Purpose,
    Region, Security, Set, Site, SiteId, SiteSex, SiteType, SupportLevel,
};

/// København.
pub(crate) const HOME: MunicipalityCode = MunicipalityCode(101);
/// Frederiksberg, 10 minutes from København.
pub(crate) const NEAR: MunicipalityCode = MunicipalityCode(147);
/// Roskilde, 40 minutes from København.
pub(crate) const MIDDLE: MunicipalityCode = MunicipalityCode(265);
/// Aarhus, 180 minutes from København.
pub(crate) const FAR: MunicipalityCode = MunicipalityCode(751);

/// The reference date of the tests.
pub(crate) const AS_OF: Date = date(2026, 11, 23);

/// A municipality in Hovedstaden named by its code.
pub(crate) fn municipality(code: MunicipalityCode) -> Municipality {
    Municipality {
        code,
        name: code.to_string(),
        region: Region::Hovedstaden,
        lat: 55.0,
        lon: 12.0,
        population: 1000,
    }
}

pub(crate) fn geo() -> GeoIndex {
    let link = |a, b, minutes| Link {
        a,
        b,
        km: minutes,
        minutes,
        mode: LinkMode::Road,
    };
    GeoIndex::build(
        &[
            municipality(HOME),
            municipality(NEAR),
            municipality(MIDDLE),
            municipality(FAR),
        ],
        &[
            link(HOME, NEAR, 10.0),
            link(HOME, MIDDLE, 40.0),
            link(MIDDLE, FAR, 140.0),
        ],
    )
    .expect("connected")
}

/// A 9-year-old with moderate support and no recorded needs, living in [`HOME`].
pub(crate) fn child() -> Child {
    Child {
        id: ChildId::new("C-1"),
        age: 9,
        sex: None,
        municipality: HOME,
        school_municipality: None,
        support_level: SupportLevel::Moderate,
        needs: Levels::empty(),
        security: Security::None,
        purpose: Purpose::LongTerm,
        sibling_group: None,
        network_site: None,
        previous_breakdowns: Some(0),
        contact_per_month: Some(2),
        special_education: Some(false),
        languages: Vec::new(),
        wishes: Levels::empty(),
        must_not: Set::empty(),
        siblings_placed_at: Vec::new(),
    }
}

/// A reinforced foster family in [`NEAR`] with one free place and full data.
pub(crate) fn site() -> Site {
    Site {
        id: SiteId::new("S-1"),
        name: "Familie".into(),
        site_type: SiteType::FosterReinforced,
        municipality: NEAR,
        places: 2,
        free_places: 1,
        age_min: Some(0),
        age_max: Some(17),
        sex: SiteSex::Any,
        competences: Levels::empty(),
        accepts: Some(Set::of(&[Purpose::ShortTerm, Purpose::LongTerm])),
        security: Security::None,
        network_for: None,
        languages: Vec::new(),
        features: Set::empty(),
        other_children: Some(1),
        full_time_carer: Some(true),
        parent_cooperation: Some(2),
        quality: Some(4.0),
        monthly_cost_dkk: Some(45_000),
        approved: true,
        updated: Some(date(2026, 6, 1)),
    }
}

/// Judges one pair with `element`, both ways, checking the two paths agree and that score
/// and confidence are in [0, 1].
pub(crate) fn judge(
    element: &dyn Element,
    child: &Child,
    site: &Site,
    others: &[Child],
) -> (Verdict, Explanation) {
    let geo = geo();
    let mut children = vec![child.clone()];
    children.extend(others.iter().cloned());
    let dataset = Dataset::new(children, vec![site.clone()], Vec::new(), Vec::new());
    let batch = ScoringContext::new(&dataset, &geo, AS_OF);
    let ctx: MatchContext<'_> = batch.for_child(child);
    let verdict = element.score(&ctx, child, site);
    let explanation = element.assess(&ctx, child, site);
    assert_eq!(
        explanation.score(),
        (!verdict.is_excluded()).then_some(verdict.score)
    );
    assert_eq!(explanation.confidence, verdict.confidence);
    let gate_codes: Vec<_> = explanation
        .of_kind(crate::explain::ReasonKind::Gate)
        .map(|reason| reason.code)
        .collect();
    let bit_codes: Vec<_> = (0..8)
        .filter(|bit| verdict.gates & (1 << bit) != 0)
        .map(|bit| element.gates()[bit].code)
        .collect();
    assert_eq!(gate_codes, bit_codes, "gate reasons equal gate bits");
    assert!(
        (0.0..=1.0).contains(&verdict.score),
        "score {}",
        verdict.score
    );
    assert!(
        (0.0..=1.0).contains(&verdict.confidence),
        "confidence {}",
        verdict.confidence
    );
    (verdict, explanation)
}

/// The reason keys (`code` or `code:detail`) of an explanation.
pub(crate) fn keys(explanation: &Explanation) -> Vec<String> {
    explanation
        .reasons
        .iter()
        .map(|reason| reason.key())
        .collect()
}
