//! The figures the generator is calibrated to, each with its source.
//!
//! Sources are in `docs/calibration.md` (section numbers below) and are summarised in
//! `data/README.md`. ASSUMPTION marks a reasoned default, not a published figure.

use crate::model::{Purpose, Security, SiteType, SupportLevel};

/// Default reference date of `generate`, fixed so that the same arguments give the same
/// bytes on any day.
pub const DEFAULT_AS_OF: &str = "2026-11-01";

/// Age bands of children awaiting placement and their shares: about half are 12–17
/// (facts 1: "about half of those placed are 12–17"); aftercare 18–22 about 15 % of all
/// placed (2,100 of 13,823), fewer among new placements; 485 of 3,501 new placements in
/// 2022 were under 5 (14 %).
pub(super) const AGE_BANDS: &[((u32, u32), f64)] = &[
    ((0, 5), 0.15),
    ((6, 11), 0.21),
    ((12, 17), 0.52),
    ((18, 22), 0.12),
];

/// Share of boys: 7,487 of 13,810 placed in 2018 (facts 1).
pub(super) const SHARE_BOYS: f64 = 0.55;
/// Share recorded as neither f nor m, and share with sex missing (ASSUMPTION).
pub(super) const SHARE_SEX_X: f64 = 0.005;
/// Share with the sex cell left empty (ASSUMPTION).
pub(super) const SHARE_SEX_MISSING: f64 = 0.01;

/// Support level by age band (ASSUMPTION: teenagers are placed for heavier reasons, and
/// 24–40 % of placements without consent are of 12–17-year-olds, facts 1).
pub(super) fn support_levels(age: u8) -> [(SupportLevel, f64); 3] {
    let (light, moderate, severe) = match age {
        0..=5 => (0.45, 0.40, 0.15),
        6..=11 => (0.30, 0.45, 0.25),
        12..=17 => (0.25, 0.45, 0.30),
        _ => (0.55, 0.35, 0.10),
    };
    [
        (SupportLevel::Light, light),
        (SupportLevel::Moderate, moderate),
        (SupportLevel::Severe, severe),
    ]
}

/// Purpose of the placement (ASSUMPTION; emergency placements are a minority, most
/// placements are meant to last).
///
/// Plausible combinations only (PRODUCT.md section 6.6): a permanent placement (varig
/// anbringelse) is decided after years in care, so it is rare among children awaiting a site
/// and never a secure or partly closed one; young adults in aftercare (18–22) are neither
/// emergencies nor permanent. A stay in a secure unit is short (emergency or short term, the
/// purposes secure units take), a partly closed one short or long term.
pub(super) fn purposes(age: u8, security: Security) -> [(Purpose, f64); 4] {
    match security {
        Security::Secure => {
            return [
                (Purpose::Emergency, 0.4),
                (Purpose::ShortTerm, 0.6),
                (Purpose::LongTerm, 0.0),
                (Purpose::Permanent, 0.0),
            ];
        }
        Security::PartlyClosed => {
            return [
                (Purpose::Emergency, 0.2),
                (Purpose::ShortTerm, 0.5),
                (Purpose::LongTerm, 0.3),
                (Purpose::Permanent, 0.0),
            ];
        }
        Security::None => {}
    }
    let adult = age >= 18;
    let permanent = if adult { 0.0 } else { 0.03 };
    let emergency = if adult { 0.0 } else { 0.15 };
    [
        (Purpose::Emergency, emergency),
        (Purpose::ShortTerm, 0.20),
        (Purpose::LongTerm, 0.65 - permanent - emergency),
        (Purpose::Permanent, permanent),
    ]
}

/// Sibling group sizes among new placements: sizes 1, 2, 3 weighted so that about a quarter
/// of children await placement with a sibling (facts 7: 35–45 % of placed children have a
/// sibling also placed, not all at the same time; ASSUMPTION).
pub(super) const GROUP_SIZES: &[(usize, f64)] = &[(1, 0.88), (2, 0.08), (3, 0.04)];

/// Share of children under 18 (without siblings in the batch) with an approved network
/// family: 11.1 % of family placements in 2010, rising (facts 1).
pub(super) const SHARE_NETWORK_FAMILY: f64 = 0.10;

/// Site types by share of regular (non-network) sites. Calibrated so that *places* split
/// about 60 % families, 34 % children's homes (døgninstitution, opholdssted), 7 % other
/// (facts 1, De Anbragtes Vilkår 2025), with family sizes 1–3 and home sizes of facts 4.
/// Partly closed (5 units) and secure units (8 institutions) are counted per 5,000 sites.
pub(super) const SITE_TYPE_SHARES: &[(SiteType, f64)] = &[
    (SiteType::FosterGeneral, 0.50),
    (SiteType::FosterReinforced, 0.24),
    (SiteType::FosterSpecialised, 0.09),
    (SiteType::CareHome, 0.045),
    (SiteType::ResidentialHome, 0.017),
    (SiteType::OwnRoom, 0.018),
    (SiteType::BoardingSchool, 0.018),
];

/// Partly closed units and secure institutions per 5,000 sites (facts 4: 5 and 8 nationally).
pub(super) const SECURE_PER_5000: [(SiteType, f64); 2] =
    [(SiteType::PartlyClosed, 5.0), (SiteType::SecureUnit, 8.0)];

/// Approved places per site type, inclusive range (facts 4; families ASSUMPTION 1–3).
pub(super) fn places_range(site_type: SiteType) -> (u32, u32) {
    match site_type {
        SiteType::FosterGeneral | SiteType::FosterReinforced => (1, 3),
        SiteType::FosterSpecialised => (1, 2),
        SiteType::FosterNetwork => (1, 1),
        SiteType::CareHome => (4, 18),
        SiteType::ResidentialHome => (8, 40),
        SiteType::PartlyClosed => (6, 12),
        SiteType::SecureUnit => (5, 18),
        SiteType::OwnRoom => (1, 20),
        SiteType::BoardingSchool => (2, 10),
    }
}

/// Probability that one approved place is taken: sites are mostly full (facts 8: free places
/// are a mandatory, often stale field; ASSUMPTION for the rates).
pub(super) fn occupancy(site_type: SiteType) -> f64 {
    match site_type {
        SiteType::FosterNetwork => 0.0,
        SiteType::SecureUnit | SiteType::PartlyClosed => 0.93,
        SiteType::ResidentialHome | SiteType::CareHome => 0.88,
        SiteType::OwnRoom | SiteType::BoardingSchool => 0.82,
        _ => 0.85,
    }
}

/// Monthly cost range in DKK per type (facts 5, synthetic suggestion; own room and boarding
/// school ASSUMPTION).
pub(super) fn monthly_cost_range(site_type: SiteType) -> (u32, u32) {
    match site_type {
        SiteType::FosterGeneral => (25_000, 40_000),
        SiteType::FosterReinforced => (35_000, 55_000),
        SiteType::FosterSpecialised => (50_000, 80_000),
        SiteType::FosterNetwork => (10_000, 25_000),
        SiteType::CareHome => (60_000, 95_000),
        SiteType::ResidentialHome => (80_000, 130_000),
        SiteType::PartlyClosed => (120_000, 180_000),
        SiteType::SecureUnit => (150_000, 250_000),
        SiteType::OwnRoom => (15_000, 35_000),
        SiteType::BoardingSchool => (20_000, 40_000),
    }
}

/// Share of site profiles not updated in the last 12 months: Rigsrevisionen (beretning
/// 17/2022) found portal data often outdated (facts 8; ASSUMPTION for the rate).
pub(super) const SHARE_STALE: f64 = 0.22;

/// Languages other than Danish that children need to keep (ASSUMPTION from the largest
/// immigrant languages in Denmark).
pub(super) const OTHER_LANGUAGES: &[&str] = &["ar", "tr", "so", "ur", "pl", "fa", "uk", "ro", "en"];
/// Languages of unaccompanied minors (ASSUMPTION).
pub(super) const UNACCOMPANIED_LANGUAGES: &[&str] = &["ar", "fa", "ps", "ti", "so"];
