//! The scoring context: what elements may know beyond the pair. [`ScoringContext`] holds the
//! facts about a whole loaded dataset (travel times, the reference date, sibling groups,
//! the median cost of each site type), built once per dataset and shared by shortlists,
//! scoring, assignment and fairness; [`MatchContext`] is its view for one child (the
//! sibling group, whether each sibling could live at a site).

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::explain::{ElementId, ReasonCode};
use crate::geo::GeoIndex;
use crate::model::{Child, Dataset, MunicipalityCode, SiblingGroupId, Site, SiteType};

/// Facts about the whole dataset, computed once before scoring.
#[derive(Debug, Clone)]
pub struct ScoringContext<'a> {
    geo: &'a GeoIndex,
    as_of: Date,
    /// Profiles updated before this date are stale: 12 months before `as_of`.
    stale_before: Date,
    groups: HashMap<SiblingGroupId, Vec<&'a Child>>,
    median_cost: [Option<f64>; SiteType::COUNT],
}

impl<'a> ScoringContext<'a> {
    /// Precomputes group sizes and median costs of the dataset.
    pub fn new(dataset: &'a Dataset, geo: &'a GeoIndex, as_of: Date) -> Self {
        let mut groups: HashMap<SiblingGroupId, Vec<&'a Child>> = HashMap::new();
        for child in dataset.children() {
            if let Some(group) = &child.sibling_group {
                groups.entry(group.clone()).or_default().push(child);
            }
        }
        let mut median_cost = [None; SiteType::COUNT];
        for site_type in SiteType::ALL {
            let mut costs: Vec<u32> = dataset
                .sites()
                .iter()
                .filter(|site| site.site_type == site_type)
                .filter_map(|site| site.monthly_cost_dkk)
                .collect();
            costs.sort_unstable();
            median_cost[site_type.index()] = match costs.len() {
                0 => None,
                n if n % 2 == 1 => Some(f64::from(costs[n / 2])),
                n => Some((f64::from(costs[n / 2 - 1]) + f64::from(costs[n / 2])) / 2.0),
            };
        }
        ScoringContext {
            geo,
            as_of,
            stale_before: as_of.checked_sub(12.months()).unwrap_or(as_of),
            groups,
            median_cost,
        }
    }

    /// The context for judging one child against sites.
    pub fn for_child(&self, child: &Child) -> MatchContext<'_> {
        let group: &[&Child] = child
            .sibling_group
            .as_ref()
            .and_then(|group| self.groups.get(group))
            .map_or(&[], Vec::as_slice);
        MatchContext { batch: self, group }
    }

    /// The reference date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }
}

/// What an element may know when judging one child: the batch facts plus the child's own.
#[derive(Debug, Clone, Copy)]
pub struct MatchContext<'a> {
    batch: &'a ScoringContext<'a>,
    /// The child's sibling group awaiting placement, the child included, in ID order; empty
    /// without a group.
    group: &'a [&'a Child],
}

/// A sibling who could not live at a site, and the first gate that says why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiblingBlocked<'a> {
    /// The sibling.
    pub sibling: &'a Child,
    /// The first failed gate, in element order.
    pub gate: ReasonCode,
}

impl<'a> MatchContext<'a> {
    /// Travel minutes between municipalities; `None` for an unknown code (never after loading).
    #[inline]
    pub fn travel_minutes(&self, from: MunicipalityCode, to: MunicipalityCode) -> Option<f64> {
        self.batch.geo.travel_minutes(from, to)
    }

    /// Site profiles updated before this date are stale (12 months before the reference date).
    pub fn stale_before(&self) -> Date {
        self.batch.stale_before
    }

    /// Children in this child's sibling group awaiting placement, the child included (1
    /// without a group).
    pub fn group_size(&self) -> u32 {
        u32::try_from(self.group.len()).unwrap_or(u32::MAX).max(1)
    }

    /// The other members of the child's sibling group that fail one of `site`'s gates, each
    /// with its first failed gate. Runs the gates of every element but `siblings` (which has
    /// none) for each sibling; the child itself is not judged here.
    pub fn siblings_blocked_at(&self, child: &Child, site: &Site) -> Vec<SiblingBlocked<'a>> {
        self.other_siblings(child)
            .filter_map(|sibling| {
                self.first_gate(sibling, site)
                    .map(|gate| SiblingBlocked { sibling, gate })
            })
            .collect()
    }

    /// How many of the other siblings fail one of `site`'s gates (no allocation).
    pub fn count_siblings_blocked_at(&self, child: &Child, site: &Site) -> u32 {
        let blocked = self
            .other_siblings(child)
            .filter(|sibling| self.first_gate(sibling, site).is_some())
            .count();
        u32::try_from(blocked).unwrap_or(u32::MAX)
    }

    /// The members of the child's group other than the child.
    fn other_siblings<'c>(&self, child: &'c Child) -> impl Iterator<Item = &'a Child> + 'c
    where
        'a: 'c,
    {
        self.group
            .iter()
            .copied()
            .filter(move |sibling| sibling.id != child.id)
    }

    /// The first gate, in element order, that excludes `sibling` from `site`.
    fn first_gate(&self, sibling: &Child, site: &Site) -> Option<ReasonCode> {
        let ctx = self.batch.for_child(sibling);
        crate::elements::registry()
            .iter()
            .filter(|element| element.id() != ElementId::Siblings)
            .find_map(|element| {
                let gates = element.score(&ctx, sibling, site).gates;
                (gates != 0).then(|| element.gates()[gates.trailing_zeros() as usize].code)
            })
    }

    /// Median monthly cost of sites of this type in the dataset.
    pub fn median_cost(&self, site_type: SiteType) -> Option<f64> {
        self.batch.median_cost[site_type.index()]
    }
}
