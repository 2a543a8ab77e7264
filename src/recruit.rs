//! Recruitment insight: where one more place would help the most children.
//!
//! Method. The batch assignment is solved as the data stands (the baseline). The root LP's
//! dual prices rank every site by the value of one more place there
//! ([`crate::optimize::place_values`]; a site without a free place is scored as if it had
//! one). Per region and site type the best-ranked site stands for "one more place of this
//! type here", and the highest-ranked of these are **verified**: the assignment is solved
//! again with one more place at that site, and only the verified change is reported, tier by
//! tier (children placed, sibling groups kept together, network families used, young children
//! in family care, total score). The dual value alone is never reported as a gain.
//!
//! Alongside, from the baseline: the children left without a site by region, the sibling
//! groups not kept together (size and region), the children under the family-care policy age
//! placed outside a foster family by region, and the competences most often missing among the
//! gaps of placed children. All figures are aggregates or site facts: nothing here scores a
//! child.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::context::ScoringContext;
use crate::elements::registry;
use crate::explain::{Detail, ElementId};
use crate::geo::GeoIndex;
use crate::model::{Dataset, MunicipalityCode, Region, SiteType};
use crate::optimize::{
    AssignOptions, Assignment, OptimizeError, Placement, Priority, assign, build_problem,
    place_values,
};
use crate::score::{Policy, Weights};

/// How many of the LP's best candidates are verified by solving again, by default.
pub const DEFAULT_VERIFY: usize = 5;

/// Sibling groups kept apart whose best "one place short" site is verified as well.
const GROUP_CANDIDATES: usize = 3;

/// What the recruitment analysis reads.
pub struct RecruitInput<'a> {
    /// The data (a scenario already applied).
    pub dataset: &'a Dataset,
    /// Travel times.
    pub geo: &'a GeoIndex,
    /// Reference date.
    pub as_of: Date,
    /// Element weights.
    pub weights: &'a Weights,
    /// The municipality's local policy.
    pub policy: &'a Policy,
    /// The assignment's options (priorities, sibling rule, locks, ...).
    pub options: &'a AssignOptions,
    /// Candidates to verify by solving again.
    pub verify: usize,
}

/// The tiers of an assignment, counted.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TierCounts {
    /// Children placed.
    pub placed: usize,
    /// Sibling groups with every member at one site.
    pub groups_together: usize,
    /// Children at their own network family.
    pub network_family: usize,
    /// Children under the policy age in a foster family.
    pub family_care: usize,
    /// Sum of total scores.
    pub total_score: f64,
}

/// One more place at a site, verified by solving again.
#[derive(Debug, Clone, PartialEq)]
pub struct Addition {
    /// Position of the site in the dataset.
    pub site: usize,
    /// The site's region.
    pub region: Region,
    /// The site's type.
    pub site_type: SiteType,
    /// The LP's value of the place (the ranking), in the objective's exact units.
    pub lp_value: i128,
    /// The tiers with the place added.
    pub after: TierCounts,
    /// Whether the solve with the place ended with a proof of optimality.
    pub proven: bool,
}

/// A sibling group the baseline does not keep together.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupApart {
    /// Children in the group.
    pub size: usize,
    /// Region of the (first member's) home municipality.
    pub region: Region,
    /// Members placed somewhere.
    pub placed: usize,
}

/// The recruitment analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Recruitment {
    /// The tiers as the data stands.
    pub baseline: TierCounts,
    /// Whether the baseline is proven optimal.
    pub baseline_proven: bool,
    /// Sites where one more place has a positive LP value.
    pub ranked_sites: usize,
    /// Candidates verified by solving again.
    pub verified: usize,
    /// Verified additions with a gain, best first (in the order of the priorities).
    pub additions: Vec<Addition>,
    /// Verified candidates that turned out to gain nothing.
    pub verified_without_gain: usize,
    /// Children without a site, by home region.
    pub unplaced: Vec<(Region, usize)>,
    /// Children without a site, by home municipality (for the map).
    pub unplaced_by_municipality: Vec<(MunicipalityCode, usize)>,
    /// Sibling groups not kept together.
    pub groups_apart: Vec<GroupApart>,
    /// Children under the policy age placed outside a foster family, by home region.
    pub young_outside_family: Vec<(Region, usize)>,
    /// Needs (codes) most often uncovered at the site of a placed child, with counts.
    pub missing_competences: Vec<(&'static str, usize)>,
}

/// Counts the tiers of an assignment.
pub fn tier_counts(dataset: &Dataset, assignment: &Assignment, policy: &Policy) -> TierCounts {
    let children = dataset.children();
    let sites = dataset.sites();
    let site_of = |child: usize| match assignment.placements.get(child) {
        Some(Placement::Placed { site, .. }) => Some(*site),
        _ => None,
    };
    let mut counts = TierCounts {
        placed: assignment.placed,
        total_score: assignment.total_score,
        ..TierCounts::default()
    };
    for (idx, child) in children.iter().enumerate() {
        let Some(site) = site_of(idx) else { continue };
        if child.network_site.as_ref() == Some(&sites[site].id) {
            counts.network_family += 1;
        }
        if policy.family_care_applies(child.age) && sites[site].site_type.is_family() {
            counts.family_care += 1;
        }
    }
    counts.groups_together = dataset
        .sibling_groups()
        .iter()
        .filter(|members| {
            let first = site_of(members[0]);
            first.is_some() && members.iter().all(|&member| site_of(member) == first)
        })
        .count();
    counts
}

/// Compares two tier counts in the order of the priorities (greater is better).
fn better(a: &TierCounts, b: &TierCounts, priorities: &[Priority]) -> std::cmp::Ordering {
    for priority in priorities {
        let order = match priority {
            Priority::Placed => a.placed.cmp(&b.placed),
            Priority::SiblingsTogether => a.groups_together.cmp(&b.groups_together),
            Priority::NetworkFamily => a.network_family.cmp(&b.network_family),
            Priority::FamilyCare => a.family_care.cmp(&b.family_care),
            Priority::Score => a.total_score.total_cmp(&b.total_score),
        };
        if order.is_ne() {
            return order;
        }
    }
    std::cmp::Ordering::Equal
}

/// The data with one more place (approved and free) at `site`.
fn with_places(dataset: &Dataset, extra: impl Fn(usize) -> u32) -> Dataset {
    let mut sites = dataset.sites().to_vec();
    for (idx, site) in sites.iter_mut().enumerate() {
        site.places = site.places.saturating_add(extra(idx));
        site.free_places = site.free_places.saturating_add(extra(idx));
    }
    Dataset::new(
        dataset.children().to_vec(),
        sites,
        dataset.municipalities().to_vec(),
        dataset.links().to_vec(),
    )
}

fn region_of(dataset: &Dataset, code: crate::model::MunicipalityCode) -> Option<Region> {
    dataset
        .municipality(code)
        .map(|municipality| municipality.region)
}

fn by_region(counts: BTreeMap<Region, usize>) -> Vec<(Region, usize)> {
    let mut list: Vec<(Region, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}

/// Runs the analysis; `stop` is asked between solves (and inside them) whether to stop.
pub fn recruit(
    input: &RecruitInput<'_>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Recruitment, OptimizeError> {
    let RecruitInput {
        dataset,
        geo,
        as_of,
        weights,
        policy,
        options,
        verify,
    } = *input;
    let priorities = options.priorities.as_slice();
    let batch = ScoringContext::new(dataset, geo, as_of);
    let baseline = assign(dataset, &batch, weights, policy, options, stop)?;
    let counts = tier_counts(dataset, &baseline, policy);

    // The ranking: every pair scored as if each site had one more place, with the real
    // places binding in the LP.
    let roomy = with_places(dataset, |_| 1);
    let roomy_batch = ScoringContext::new(&roomy, geo, as_of);
    let mut problem = build_problem(&roomy, &roomy_batch, weights, policy, options)?;
    problem.capacity = dataset
        .sites()
        .iter()
        .map(|site| site.free_places)
        .collect();
    let values = place_values(&problem, options);
    let sites = dataset.sites();
    let mut best: BTreeMap<(Region, SiteType), (i128, usize)> = BTreeMap::new();
    for (site, &value) in values.iter().enumerate() {
        let Some(region) = region_of(dataset, sites[site].municipality) else {
            continue;
        };
        if value <= 0 {
            continue;
        }
        let entry = best
            .entry((region, sites[site].site_type))
            .or_insert((value, site));
        if value > entry.0 {
            *entry = (value, site);
        }
    }
    let ranked_sites = values.iter().filter(|&&value| value > 0).count();
    let mut ranked: Vec<((Region, SiteType), (i128, usize))> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let mut candidates: Vec<(i128, usize)> = ranked
        .iter()
        .take(verify)
        .map(|&(_, candidate)| candidate)
        .collect();
    // The LP may split a sibling group that no site can take whole, so it misses what one
    // more place does for such a group: a site where every member is eligible and one place
    // is missing. The best such site of each group the baseline keeps apart is verified too.
    let site_of = |child: usize| match baseline.placements.get(child) {
        Some(Placement::Placed { site, .. }) => Some(*site),
        _ => None,
    };
    let groups = dataset.sibling_groups();
    let apart: Vec<&Vec<usize>> = groups
        .iter()
        .filter(|members| {
            let first = site_of(members[0]);
            first.is_none() || members.iter().any(|&member| site_of(member) != first)
        })
        .collect();
    for members in apart.iter().take(GROUP_CANDIDATES) {
        let size = members.len() as u32;
        let whole_with_one_more = problem.pairs[members[0]]
            .keys()
            .filter(|&&site| sites[site].free_places + 1 == size)
            .filter(|site| {
                members
                    .iter()
                    .all(|&member| problem.pairs[member].contains_key(site))
            })
            .map(|&site| {
                let total: f64 = members
                    .iter()
                    .map(|&member| problem.pairs[member][&site])
                    .sum();
                (total, site)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, site)) = whole_with_one_more {
            if candidates.iter().all(|&(_, other)| other != site) {
                candidates.push((values[site], site));
            }
        }
    }

    // Verification: solve again with the place.
    let mut additions = Vec::new();
    let mut verified_without_gain = 0;
    let mut verified = 0;
    for &(lp_value, site) in &candidates {
        let Some(region) = region_of(dataset, sites[site].municipality) else {
            continue;
        };
        let site_type = sites[site].site_type;
        if stop() {
            break;
        }
        let more = with_places(dataset, |idx| u32::from(idx == site));
        let more_batch = ScoringContext::new(&more, geo, as_of);
        let solved = assign(&more, &more_batch, weights, policy, options, stop)?;
        let after = tier_counts(&more, &solved, policy);
        verified += 1;
        if better(&after, &counts, priorities).is_gt() {
            additions.push(Addition {
                site,
                region,
                site_type,
                lp_value,
                after,
                proven: solved.optimality.status == "optimal",
            });
        } else {
            verified_without_gain += 1;
        }
    }
    additions.sort_by(|a, b| better(&b.after, &a.after, priorities).then(a.site.cmp(&b.site)));

    // Where the baseline falls short.
    let children = dataset.children();
    let mut unplaced = BTreeMap::new();
    let mut unplaced_by_municipality: BTreeMap<MunicipalityCode, usize> = BTreeMap::new();
    let mut young_outside = BTreeMap::new();
    let mut missing: BTreeMap<&'static str, usize> = BTreeMap::new();
    let needs = registry()[ElementId::Needs.index()];
    for (child, placement) in children.iter().zip(&baseline.placements) {
        let region = region_of(dataset, child.municipality);
        match placement {
            Placement::Unassigned(_) => {
                if let Some(region) = region {
                    *unplaced.entry(region).or_insert(0) += 1;
                }
                *unplaced_by_municipality
                    .entry(child.municipality)
                    .or_insert(0) += 1;
            }
            Placement::Placed { site, .. } => {
                let site = &sites[*site];
                if policy.family_care_applies(child.age) && !site.site_type.is_family() {
                    if let Some(region) = region {
                        *young_outside.entry(region).or_insert(0) += 1;
                    }
                }
                let ctx = batch.for_child(child);
                for reason in needs.assess(&ctx, child, site).reasons {
                    if let ("needs.uncovered", Detail::Code(need)) =
                        (reason.code.as_str(), reason.detail)
                    {
                        *missing.entry(need).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut groups_apart: Vec<GroupApart> = apart
        .iter()
        .filter_map(|members| {
            Some(GroupApart {
                size: members.len(),
                region: region_of(dataset, children[members[0]].municipality)?,
                placed: members
                    .iter()
                    .filter(|&&member| site_of(member).is_some())
                    .count(),
            })
        })
        .collect();
    groups_apart.sort_by(|a, b| b.size.cmp(&a.size).then(a.region.cmp(&b.region)));
    let mut missing_competences: Vec<(&'static str, usize)> = missing.into_iter().collect();
    missing_competences.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

    Ok(Recruitment {
        baseline: counts,
        baseline_proven: baseline.optimality.status == "optimal",
        ranked_sites,
        verified,
        additions,
        verified_without_gain,
        unplaced: by_region(unplaced),
        unplaced_by_municipality: unplaced_by_municipality.into_iter().collect(),
        groups_apart,
        young_outside_family: by_region(young_outside),
        missing_competences,
    })
}
