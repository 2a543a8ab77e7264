//! Children awaiting placement: ages, needs and wishes that fit together, in sibling groups.

use super::calibration::{
    AGE_BANDS, GROUP_SIZES, OTHER_LANGUAGES, SHARE_BOYS, SHARE_SEX_MISSING, SHARE_SEX_X,
    UNACCOMPANIED_LANGUAGES, purposes, support_levels,
};
use super::draw::{GenRng, Places, between, chance, choose};
use super::id_width;
use crate::model::{
    Child, ChildId, Feature, LanguageCode, Levels, Need, Security, Set, Sex, SiblingGroupId,
    SupportLevel, Wish,
};

/// How often each need is recorded, by age (ASSUMPTION, shaped by the ICS headings of facts 9:
/// attachment and trauma for the young; self-harm, substance use and crime only for teens).
fn need_weights(age: u8) -> Vec<(Need, f64)> {
    let teen = age >= 12;
    let school_age = age >= 6;
    let weight = |on: bool, weight: f64| if on { weight } else { 0.0 };
    vec![
        (Need::Trauma, 10.0),
        (Need::Attachment, if age < 6 { 12.0 } else { 6.0 }),
        (Need::AnxietyDepression, if teen { 7.0 } else { 2.0 }),
        (Need::Adhd, weight(school_age, 7.0)),
        (Need::Autism, weight(age >= 3, 4.0)),
        (Need::IntellectualDisability, 2.0),
        (Need::PhysicalDisability, 1.0),
        (Need::MedicalCare, 1.0),
        (Need::SelfHarm, weight(teen, 3.0)),
        (Need::SubstanceUse, weight(age >= 13, 3.0)),
        (Need::Crime, weight(teen, 3.0)),
        (Need::Aggression, weight(school_age, 4.0)),
        (Need::SexualisedBehaviour, weight(age >= 4, 2.0)),
        (Need::SchoolAbsence, weight(school_age, 5.0)),
        (Need::EatingDisorder, weight(age >= 11, 1.5)),
        (Need::UnaccompaniedMinor, 0.0),
    ]
}

/// Wishes by age (ASSUMPTION): pets for the young, town life and own room for teens.
fn wish_weights(age: u8) -> Vec<(Wish, f64)> {
    let teen = age >= 12;
    vec![
        (Wish::Dog, if teen { 2.0 } else { 5.0 }),
        (Wish::Cat, if teen { 1.5 } else { 3.0 }),
        (Wish::OtherPets, 1.0),
        (Wish::Rural, 1.5),
        (Wish::Urban, if teen { 3.0 } else { 1.0 }),
        (Wish::OtherChildren, if teen { 1.0 } else { 3.0 }),
        (Wish::NoOtherChildren, 1.0),
        (Wish::OwnRoom, if teen { 5.0 } else { 1.0 }),
        (Wish::Sports, 3.0),
        (Wish::Music, 1.5),
        (Wish::HorseRiding, 1.0),
        (Wish::NearFriends, if teen { 5.0 } else { 2.0 }),
        (Wish::FaithPractice, 0.6),
    ]
}

/// Draws `count` distinct items by weight.
fn distinct<T: Copy + PartialEq>(rng: &mut GenRng, table: &[(T, f64)], count: usize) -> Vec<T> {
    let mut table = table.to_vec();
    let mut items = Vec::with_capacity(count);
    while items.len() < count && table.iter().any(|&(_, weight)| weight > 0.0) {
        let item = choose(rng, &table);
        items.push(item);
        for entry in &mut table {
            if entry.0 == item {
                entry.1 = 0.0;
            }
        }
    }
    items
}

fn age(rng: &mut GenRng) -> u8 {
    let (low, high) = choose(rng, AGE_BANDS);
    u8::try_from(between(rng, low, high)).expect("ages are at most 22")
}

fn needs(rng: &mut GenRng, age: u8, support_level: SupportLevel) -> Levels<Need> {
    let (count, severities) = match support_level {
        SupportLevel::Light => (between(rng, 0, 2), [0.75, 0.25, 0.0]),
        SupportLevel::Moderate => (between(rng, 1, 3), [0.35, 0.55, 0.10]),
        SupportLevel::Severe => (between(rng, 2, 4), [0.05, 0.45, 0.50]),
    };
    let mut levels = Levels::empty();
    for need in distinct(rng, &need_weights(age), count as usize) {
        let severity = choose(
            rng,
            &[(1u8, severities[0]), (2, severities[1]), (3, severities[2])],
        );
        levels.set(need, severity);
    }
    levels
}

fn languages(rng: &mut GenRng, unaccompanied: bool) -> Vec<LanguageCode> {
    let code = |text: &str| LanguageCode::parse(text).expect("calibration codes are valid");
    let pick = |rng: &mut GenRng, list: &[&str]| {
        code(list[between(rng, 0, list.len() as u32 - 1) as usize])
    };
    if unaccompanied {
        return vec![pick(rng, UNACCOMPANIED_LANGUAGES)];
    }
    if chance(rng, 0.03) {
        return Vec::new();
    }
    let mut languages = vec![LanguageCode::DANISH];
    if chance(rng, 0.09) {
        languages.push(pick(rng, OTHER_LANGUAGES));
    }
    languages
}

/// What one child shares with its siblings.
struct Family {
    municipality: usize,
    school_municipality: Option<usize>,
    first_age: u8,
    group: Option<SiblingGroupId>,
}

fn child(
    rng: &mut GenRng,
    id: ChildId,
    family: &Family,
    sibling_idx: usize,
    places: &Places<'_>,
) -> Child {
    let age = if sibling_idx == 0 {
        family.first_age
    } else {
        let gap = between(rng, 1, 5) as u8;
        let younger = family.first_age.saturating_sub(gap);
        if chance(rng, 0.7) || family.first_age + gap > 17 {
            younger
        } else {
            family.first_age + gap
        }
    };
    let sex = if chance(rng, SHARE_SEX_MISSING) {
        None
    } else if chance(rng, SHARE_SEX_X) {
        Some(Sex::Other)
    } else if chance(rng, SHARE_BOYS) {
        Some(Sex::Male)
    } else {
        Some(Sex::Female)
    };
    let unaccompanied = family.group.is_none() && (12..=17).contains(&age) && chance(rng, 0.03);
    let support_level = choose(rng, &support_levels(age));
    let mut needs = needs(rng, age, support_level);
    if unaccompanied {
        needs.set(Need::UnaccompaniedMinor, 2);
    }
    let risky = [Need::Crime, Need::Aggression, Need::SubstanceUse]
        .iter()
        .any(|&need| needs.get(need).is_some());
    // Secure and partly closed placements need a decision by the children and young people
    // committee; 106 secure places nationally (facts 4) against about 3,400 new placements.
    let security = if (12..=17).contains(&age) && support_level == SupportLevel::Severe && risky {
        choose(
            rng,
            &[
                (Security::None, 0.70),
                (Security::PartlyClosed, 0.15),
                (Security::Secure, 0.15),
            ],
        )
    } else {
        Security::None
    };
    let previous_breakdowns = (!chance(rng, 0.04)).then(|| match age {
        0..=5 => choose(rng, &[(0, 0.85), (1, 0.15)]),
        6..=11 => choose(rng, &[(0, 0.6), (1, 0.25), (2, 0.15)]),
        _ => choose(
            rng,
            &[(0, 0.45), (1, 0.30), (2, 0.15), (3, 0.07), (4, 0.03)],
        ),
    });
    let contact_per_month = (!chance(rng, 0.05)).then(|| {
        if unaccompanied {
            0
        } else {
            choose(
                rng,
                &[(0, 0.10), (1, 0.20), (2, 0.30), (4, 0.25), (8, 0.15)],
            )
        }
    });
    let learning = [
        Need::Adhd,
        Need::Autism,
        Need::IntellectualDisability,
        Need::SchoolAbsence,
    ]
    .iter()
    .any(|&need| needs.get(need).is_some());
    let special_education =
        (age >= 6 && !chance(rng, 0.05)).then(|| chance(rng, if learning { 0.4 } else { 0.1 }));
    // A child under 3 has no recorded wishes: its perspective is found in other ways
    // (barnets lov § 5, stk. 4), not as a list.
    let wish_count = if age < 3 {
        0
    } else {
        choose(rng, &[(0usize, 0.3), (1, 0.3), (2, 0.25), (3, 0.15)])
    };
    let mut wishes = Levels::empty();
    for wish in distinct(rng, &wish_weights(age), wish_count) {
        let conflicting = match wish {
            Wish::Rural => Some(Wish::Urban),
            Wish::Urban => Some(Wish::Rural),
            Wish::OtherChildren => Some(Wish::NoOtherChildren),
            Wish::NoOtherChildren => Some(Wish::OtherChildren),
            _ => None,
        };
        if conflicting.is_none_or(|other| wishes.get(other).is_none()) {
            wishes.set(wish, between(rng, 1, 3) as u8);
        }
    }
    let mut must_not = Set::empty();
    if chance(rng, 0.05) {
        Feature::PETS.iter().for_each(|&pet| {
            must_not.insert(pet);
        });
    }
    let sexualised = needs
        .get(Need::SexualisedBehaviour)
        .is_some_and(|severity| severity >= 2);
    if chance(rng, if sexualised { 0.6 } else { 0.02 }) {
        must_not.insert(Feature::YoungChildrenInHome);
    }
    let school_municipality = if (6..=17).contains(&age) {
        family.school_municipality.map(|idx| places.code(idx))
    } else {
        None
    };
    Child {
        id,
        age,
        sex,
        municipality: places.code(family.municipality),
        school_municipality,
        support_level,
        needs,
        security,
        purpose: choose(rng, &purposes(age, security)),
        sibling_group: family.group.clone(),
        network_site: None,
        previous_breakdowns,
        contact_per_month,
        special_education,
        languages: languages(rng, unaccompanied),
        wishes,
        must_not,
        siblings_placed_at: Vec::new(),
    }
}

/// Generates `count` children in sibling groups; network families are attached later.
pub(super) fn generate(rng: &mut GenRng, places: &Places<'_>, count: usize) -> Vec<Child> {
    let width = id_width(count);
    let mut children = Vec::with_capacity(count);
    let mut groups = 0;
    while children.len() < count {
        let size = choose(rng, GROUP_SIZES).min(count - children.len());
        let municipality = places.by_population(rng);
        // Most children keep the school of their home municipality; some attend one nearby.
        let school_municipality = chance(rng, 0.15).then(|| places.near(rng, municipality));
        let mut first_age = age(rng);
        if size > 1 {
            first_age = first_age.min(17);
            groups += 1;
        }
        let family = Family {
            municipality,
            school_municipality,
            first_age,
            group: (size > 1).then(|| SiblingGroupId::new(format!("G-{groups:0width$}"))),
        };
        for sibling_idx in 0..size {
            let id = ChildId::new(format!("C-{:0width$}", children.len() + 1));
            children.push(child(rng, id, &family, sibling_idx, places));
        }
    }
    children
}
