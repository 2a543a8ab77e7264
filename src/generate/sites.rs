//! Sites: families, homes and institutions with sizes, competences and features that fit
//! their type, plus the network families approved for particular children.

use jiff::ToSpan;
use jiff::civil::Date;

use super::calibration::{
    OTHER_LANGUAGES, SECURE_PER_5000, SHARE_NETWORK_FAMILY, SHARE_STALE, SITE_TYPE_SHARES,
    monthly_cost_range, occupancy, places_range,
};
use super::draw::{GenRng, Places, between, chance, choose};
use super::id_width;
use crate::model::{
    Child, ChildId, Feature, LanguageCode, Levels, Need, Purpose, Security, Set, Site, SiteId,
    SiteSex, SiteType,
};

/// Danish label of a site type, used in generated names.
fn label(site_type: SiteType) -> &'static str {
    match site_type {
        SiteType::FosterGeneral => "Almen plejefamilie",
        SiteType::FosterReinforced => "Forstærket plejefamilie",
        SiteType::FosterSpecialised => "Specialiseret plejefamilie",
        SiteType::FosterNetwork => "Netværksplejefamilie",
        SiteType::ResidentialHome => "Børne- og ungehjem",
        SiteType::CareHome => "Opholdssted",
        SiteType::PartlyClosed => "Delvis lukket afdeling",
        SiteType::SecureUnit => "Sikret institution",
        SiteType::OwnRoom => "Kollegium",
        SiteType::BoardingSchool => "Efterskole",
    }
}

/// The number of regular sites of each type: shares rounded, the remainder to general
/// foster families, then shuffled so that IDs do not reveal the type.
fn site_types(rng: &mut GenRng, count: usize) -> Vec<SiteType> {
    let mut types = Vec::with_capacity(count);
    for (site_type, per_5000) in SECURE_PER_5000 {
        let n = (per_5000 * count as f64 / 5000.0).round() as usize;
        let n = if count >= 200 { n.max(1) } else { n };
        types.extend(std::iter::repeat_n(site_type, n));
    }
    for &(site_type, share) in &SITE_TYPE_SHARES[1..] {
        let n = (share * count as f64).round() as usize;
        types.extend(std::iter::repeat_n(site_type, n));
    }
    types.truncate(count);
    types.resize(count, SiteType::FosterGeneral);
    // Fisher-Yates, written out so that the order never depends on a library's shuffle.
    for idx in (1..types.len()).rev() {
        let other = between(rng, 0, idx as u32) as usize;
        types.swap(idx, other);
    }
    types
}

/// `(age_min, age_max)` choices per type (ASSUMPTION from typical approvals; facts 4 for
/// secure and partly closed units, 12–17).
fn age_range(rng: &mut GenRng, site_type: SiteType) -> (u8, u8) {
    match site_type {
        SiteType::FosterGeneral | SiteType::FosterReinforced | SiteType::FosterSpecialised => {
            choose(
                rng,
                &[
                    ((0, 17), 0.45),
                    ((0, 12), 0.15),
                    ((6, 17), 0.20),
                    ((10, 22), 0.08),
                    ((0, 22), 0.12),
                ],
            )
        }
        SiteType::CareHome => choose(
            rng,
            &[
                ((6, 17), 0.25),
                ((12, 17), 0.35),
                ((13, 22), 0.25),
                ((10, 17), 0.15),
            ],
        ),
        SiteType::ResidentialHome => choose(
            rng,
            &[
                ((0, 17), 0.2),
                ((6, 17), 0.3),
                ((12, 17), 0.3),
                ((14, 22), 0.2),
            ],
        ),
        SiteType::PartlyClosed | SiteType::SecureUnit => {
            choose(rng, &[((12, 17), 0.8), ((14, 17), 0.2)])
        }
        SiteType::OwnRoom => choose(rng, &[((16, 22), 0.5), ((17, 22), 0.3), ((15, 22), 0.2)]),
        SiteType::BoardingSchool => choose(rng, &[((14, 17), 0.6), ((14, 18), 0.4)]),
        SiteType::FosterNetwork => (0, 22),
    }
}

/// Competences: how many, at which levels, from which needs (ASSUMPTION: the typology of
/// facts 3, light to severe, and the target groups of homes).
fn competences(rng: &mut GenRng, site_type: SiteType) -> Levels<Need> {
    let family_needs = [
        (Need::Trauma, 5.0),
        (Need::Attachment, 5.0),
        (Need::AnxietyDepression, 2.0),
        (Need::Adhd, 3.0),
        (Need::Autism, 2.0),
        (Need::SchoolAbsence, 2.0),
        (Need::PhysicalDisability, 0.5),
        (Need::MedicalCare, 0.5),
        (Need::IntellectualDisability, 1.0),
        (Need::SexualisedBehaviour, 0.5),
        (Need::UnaccompaniedMinor, 0.7),
    ];
    let home_needs: Vec<(Need, f64)> = Need::ALL.iter().map(|&need| (need, 1.0)).collect();
    let secure_needs = [
        (Need::Crime, 5.0),
        (Need::Aggression, 5.0),
        (Need::SubstanceUse, 4.0),
        (Need::SelfHarm, 2.0),
        (Need::Trauma, 2.0),
    ];
    type Plan<'t> = ((u32, u32), [f64; 3], &'t [(Need, f64)]);
    let (count, levels, table): Plan<'_> = match site_type {
        SiteType::FosterGeneral => ((0, 2), [0.7, 0.3, 0.0], &family_needs),
        SiteType::FosterReinforced => ((1, 3), [0.3, 0.55, 0.15], &family_needs),
        SiteType::FosterSpecialised => ((2, 4), [0.0, 0.5, 0.5], &family_needs),
        SiteType::FosterNetwork => ((0, 1), [1.0, 0.0, 0.0], &family_needs),
        SiteType::CareHome => ((3, 6), [0.0, 0.5, 0.5], &home_needs),
        SiteType::ResidentialHome => ((4, 7), [0.0, 0.4, 0.6], &home_needs),
        SiteType::PartlyClosed | SiteType::SecureUnit => ((3, 5), [0.0, 0.3, 0.7], &secure_needs),
        SiteType::OwnRoom => ((0, 2), [0.8, 0.2, 0.0], &family_needs),
        SiteType::BoardingSchool => (
            (0, 2),
            [0.6, 0.4, 0.0],
            &[
                (Need::SchoolAbsence, 3.0),
                (Need::Adhd, 2.0),
                (Need::Autism, 1.0),
            ],
        ),
    };
    let mut competences = Levels::empty();
    let mut table = table.to_vec();
    for _ in 0..between(rng, count.0, count.1) {
        if table.iter().all(|&(_, weight)| weight == 0.0) {
            break;
        }
        let need = choose(rng, &table);
        table
            .iter_mut()
            .filter(|entry| entry.0 == need)
            .for_each(|entry| entry.1 = 0.0);
        let level = choose(rng, &[(1u8, levels[0]), (2, levels[1]), (3, levels[2])]);
        competences.set(need, level);
    }
    competences
}

fn accepts(rng: &mut GenRng, site_type: SiteType) -> Option<Set<Purpose>> {
    use Purpose::*;
    if chance(rng, 0.03) {
        return None;
    }
    let purposes: &[Purpose] = match site_type {
        SiteType::FosterGeneral if chance(rng, 0.4) => &[ShortTerm, LongTerm, Permanent],
        SiteType::FosterGeneral => &[LongTerm, Permanent],
        SiteType::FosterReinforced if chance(rng, 0.5) => &[Emergency, ShortTerm, LongTerm],
        SiteType::FosterReinforced => &[ShortTerm, LongTerm, Permanent],
        SiteType::FosterSpecialised => &[LongTerm, Permanent],
        SiteType::FosterNetwork => &[Emergency, ShortTerm, LongTerm, Permanent],
        SiteType::ResidentialHome => &[Emergency, ShortTerm, LongTerm, Permanent],
        SiteType::CareHome => &[ShortTerm, LongTerm, Permanent],
        SiteType::PartlyClosed => &[Emergency, ShortTerm, LongTerm],
        SiteType::SecureUnit => &[Emergency, ShortTerm],
        SiteType::OwnRoom => &[LongTerm, Permanent],
        SiteType::BoardingSchool => &[LongTerm],
    };
    Some(Set::of(purposes))
}

fn features(rng: &mut GenRng, site_type: SiteType, small_town: bool) -> Set<Feature> {
    let mut features = Set::empty();
    let mut maybe = |rng: &mut GenRng, feature: Feature, p: f64| {
        if chance(rng, p) {
            features.insert(feature);
        }
    };
    let rural = if small_town { 0.7 } else { 0.3 };
    if site_type.is_family() {
        if chance(rng, rural) {
            maybe(rng, Feature::Rural, 1.0);
            maybe(rng, Feature::Horses, 0.15);
        } else {
            maybe(rng, Feature::Urban, 0.7);
        }
        maybe(rng, Feature::Dog, 0.40);
        maybe(rng, Feature::Cat, 0.30);
        maybe(rng, Feature::OtherPets, 0.15);
        maybe(rng, Feature::OwnRoom, 0.70);
        maybe(
            rng,
            Feature::YoungChildrenInHome,
            if site_type == SiteType::FosterSpecialised {
                0.15
            } else {
                0.30
            },
        );
        maybe(rng, Feature::Sports, 0.30);
        maybe(rng, Feature::Music, 0.15);
        maybe(rng, Feature::FaithPractice, 0.06);
        maybe(rng, Feature::WheelchairAccess, 0.05);
        return features;
    }
    maybe(rng, Feature::OwnRoom, 0.95);
    match site_type {
        SiteType::CareHome => {
            let setting = if chance(rng, 0.6) {
                Feature::Rural
            } else {
                Feature::Urban
            };
            maybe(rng, setting, 1.0);
            maybe(rng, Feature::InternalSchool, 0.55);
            maybe(rng, Feature::Horses, 0.15);
            maybe(rng, Feature::Dog, 0.25);
            maybe(rng, Feature::Sports, 0.40);
            maybe(rng, Feature::Music, 0.20);
            maybe(rng, Feature::WheelchairAccess, 0.15);
        }
        SiteType::ResidentialHome => {
            let setting = if chance(rng, 0.5) {
                Feature::Urban
            } else {
                Feature::Rural
            };
            maybe(rng, setting, 1.0);
            maybe(rng, Feature::InternalSchool, 0.5);
            maybe(rng, Feature::WheelchairAccess, 0.3);
            maybe(rng, Feature::Sports, 0.4);
        }
        SiteType::PartlyClosed | SiteType::SecureUnit => {
            maybe(rng, Feature::InternalSchool, 1.0);
            maybe(rng, Feature::Sports, 0.5);
        }
        SiteType::OwnRoom => maybe(rng, Feature::Urban, 0.8),
        SiteType::BoardingSchool => {
            maybe(rng, Feature::InternalSchool, 1.0);
            maybe(rng, Feature::Rural, 0.6);
            maybe(rng, Feature::Sports, 0.7);
            maybe(rng, Feature::Music, 0.4);
            maybe(rng, Feature::Horses, 0.1);
        }
        _ => {}
    }
    features
}

fn languages(rng: &mut GenRng, site_type: SiteType) -> Vec<LanguageCode> {
    let mut languages = vec![LanguageCode::DANISH];
    if !site_type.is_family() {
        languages.push(LanguageCode::parse("en").expect("valid code"));
    }
    if chance(rng, if site_type.is_family() { 0.10 } else { 0.20 }) {
        let code = OTHER_LANGUAGES[between(rng, 0, OTHER_LANGUAGES.len() as u32 - 1) as usize];
        let language = LanguageCode::parse(code).expect("calibration codes are valid");
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    languages
}

fn updated(rng: &mut GenRng, as_of: Date) -> Option<Date> {
    if chance(rng, 0.02) {
        return None;
    }
    let days_back = if chance(rng, SHARE_STALE) {
        between(rng, 366, 1100)
    } else {
        between(rng, 0, 365)
    };
    as_of.checked_sub(i64::from(days_back).days()).ok()
}

/// One site of a type, in a municipality.
fn site(
    rng: &mut GenRng,
    id: SiteId,
    name: String,
    site_type: SiteType,
    municipality: usize,
    places: &Places<'_>,
    as_of: Date,
) -> Site {
    let (low, high) = places_range(site_type);
    let n_places = match site_type {
        SiteType::FosterGeneral | SiteType::FosterReinforced => {
            choose(rng, &[(1, 0.45), (2, 0.40), (3, 0.15)]).clamp(low, high)
        }
        SiteType::OwnRoom => {
            // Skewed towards small: most kollegier have a few places for placed young people.
            let cap = between(rng, low, high);
            between(rng, low, cap)
        }
        _ => between(rng, low, high),
    };
    let occupied = (0..n_places)
        .filter(|_| chance(rng, occupancy(site_type)))
        .count() as u32;
    let (age_min, age_max) = if chance(rng, 0.03) {
        (None, None)
    } else {
        let (age_min, age_max) = age_range(rng, site_type);
        (Some(age_min), Some(age_max))
    };
    let sex = if matches!(site_type, SiteType::CareHome | SiteType::ResidentialHome) {
        choose(
            rng,
            &[
                (SiteSex::Any, 0.9),
                (SiteSex::Female, 0.06),
                (SiteSex::Male, 0.04),
            ],
        )
    } else {
        SiteSex::Any
    };
    let security = match site_type {
        SiteType::SecureUnit => Security::Secure,
        SiteType::PartlyClosed => Security::PartlyClosed,
        _ => Security::None,
    };
    let family = site_type.is_family();
    let own_children = if family {
        choose(rng, &[(0, 0.4), (1, 0.25), (2, 0.25), (3, 0.1)])
    } else {
        0
    };
    let full_time_carer = family.then(|| {
        let p = match site_type {
            SiteType::FosterGeneral => 0.30,
            SiteType::FosterReinforced => 0.65,
            SiteType::FosterSpecialised => 0.90,
            _ => 0.40,
        };
        chance(rng, p)
    });
    let parent_cooperation = Some(if family {
        choose(rng, &[(0u8, 0.2), (1, 0.4), (2, 0.3), (3, 0.1)])
    } else {
        choose(rng, &[(1u8, 0.2), (2, 0.5), (3, 0.3)])
    });
    let quality_missing = if site_type == SiteType::FosterNetwork {
        0.6
    } else {
        0.06
    };
    let quality = (!chance(rng, quality_missing)).then(|| {
        // Sum of three uniforms: a bell around 3.9 on the 1-5 scale.
        let bell: f64 = (0..3)
            .map(|_| between(rng, 0, 1000) as f64 / 1000.0)
            .sum::<f64>()
            / 3.0;
        ((2.4 + 3.0 * bell) * 10.0).round().clamp(10.0, 50.0) / 10.0
    });
    let (cost_low, cost_high) = monthly_cost_range(site_type);
    let monthly_cost_dkk =
        (!chance(rng, 0.02)).then(|| between(rng, cost_low / 100, cost_high / 100) * 100);
    let small_town = places.municipalities[municipality].population < 50_000;
    Site {
        id,
        name,
        site_type,
        municipality: places.code(municipality),
        places: n_places,
        free_places: n_places - occupied,
        age_min,
        age_max,
        sex,
        competences: competences(rng, site_type),
        accepts: accepts(rng, site_type),
        security,
        network_for: None,
        languages: languages(rng, site_type),
        features: features(rng, site_type, small_town),
        other_children: Some(occupied + own_children),
        full_time_carer,
        parent_cooperation,
        quality,
        monthly_cost_dkk,
        approved: chance(rng, 0.985),
        updated: updated(rng, as_of),
    }
}

/// Generates `count` sites: network families for some children (at most `network_budget`),
/// the rest regular sites by type share. Sets `network_site` on those children.
pub(super) fn generate(
    rng: &mut GenRng,
    places: &Places<'_>,
    children: &mut [Child],
    count: usize,
    network_budget: usize,
    as_of: Date,
) -> Vec<Site> {
    let width = id_width(count);
    // Network families: for children under 18 without siblings in the batch.
    let mut network_children: Vec<usize> = Vec::new();
    for (idx, child) in children.iter().enumerate() {
        if network_children.len() < network_budget
            && child.age < 18
            && child.sibling_group.is_none()
            && chance(rng, SHARE_NETWORK_FAMILY)
        {
            network_children.push(idx);
        }
    }
    let n_regular = count - network_children.len();
    let mut sites = Vec::with_capacity(count);
    let mut name_counter = std::collections::BTreeMap::new();
    let mut name = |site_type: SiteType, municipality: usize| {
        let counter = name_counter
            .entry((site_type, municipality))
            .or_insert(0u32);
        *counter += 1;
        format!(
            "{} {} {}",
            label(site_type),
            places.municipalities[municipality].name,
            counter
        )
    };
    for (idx, site_type) in site_types(rng, n_regular).into_iter().enumerate() {
        let municipality = places.by_population(rng);
        let id = SiteId::new(format!("S-{:0width$}", idx + 1));
        let name = name(site_type, municipality);
        sites.push(site(rng, id, name, site_type, municipality, places, as_of));
    }
    for (offset, child_idx) in network_children.into_iter().enumerate() {
        let child = &mut children[child_idx];
        let home = places
            .municipalities
            .iter()
            .position(|municipality| municipality.code == child.municipality)
            .expect("children live in known municipalities");
        let municipality = if chance(rng, 0.7) {
            home
        } else {
            places.near(rng, home)
        };
        let id = SiteId::new(format!("S-{:0width$}", n_regular + offset + 1));
        let name = name(SiteType::FosterNetwork, municipality);
        let mut network = site(
            rng,
            id.clone(),
            name,
            SiteType::FosterNetwork,
            municipality,
            places,
            as_of,
        );
        // Relatives approved for this child: competence in its needs, mostly at its severity.
        for (need, severity) in child.needs.iter() {
            let level = if chance(rng, 0.7) {
                severity
            } else {
                severity.saturating_sub(1).max(1)
            };
            network.competences.set(need, level);
        }
        // Approved for one named child: no age range (PRODUCT.md section 6.6).
        network.age_min = None;
        network.age_max = None;
        network.approved = chance(rng, 0.9);
        network.network_for = Some(ChildId::new(child.id.as_str()));
        child.network_site = Some(id);
        sites.push(network);
    }
    sites
}
