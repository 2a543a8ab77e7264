//! What elements may know beyond the pair: travel times, the reference date, sibling group
//! sizes and the median cost of each site type.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::geo::GeoIndex;
use crate::model::{Child, Dataset, MunicipalityCode, SiblingGroupId, SiteType, Vocabulary};

/// Facts about the whole dataset, computed once before scoring.
#[derive(Debug, Clone)]
pub struct Batch<'a> {
    geo: &'a GeoIndex,
    as_of: Date,
    /// Profiles updated before this date are stale: 12 months before `as_of`.
    stale_before: Date,
    group_sizes: HashMap<SiblingGroupId, u32>,
    median_cost: [Option<f64>; 10],
}

impl<'a> Batch<'a> {
    /// Precomputes group sizes and median costs of the dataset.
    pub fn new(dataset: &Dataset, geo: &'a GeoIndex, as_of: Date) -> Self {
        let mut group_sizes: HashMap<SiblingGroupId, u32> = HashMap::new();
        for child in dataset.children() {
            if let Some(group) = &child.sibling_group {
                *group_sizes.entry(group.clone()).or_default() += 1;
            }
        }
        let mut median_cost = [None; 10];
        for &site_type in SiteType::ALL {
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
        Batch {
            geo,
            as_of,
            stale_before: as_of.checked_sub(12.months()).unwrap_or(as_of),
            group_sizes,
            median_cost,
        }
    }

    /// The context for judging one child against sites.
    pub fn for_child(&self, child: &Child) -> MatchContext<'_> {
        let group_size = child
            .sibling_group
            .as_ref()
            .and_then(|group| self.group_sizes.get(group).copied())
            .unwrap_or(1);
        MatchContext {
            batch: self,
            group_size,
        }
    }

    /// The reference date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }
}

/// What an element may know when judging one child: the batch facts plus the child's own.
#[derive(Debug, Clone, Copy)]
pub struct MatchContext<'a> {
    batch: &'a Batch<'a>,
    group_size: u32,
}

impl MatchContext<'_> {
    /// Travel minutes between municipalities; `None` for an unknown code (never after loading).
    #[inline]
    pub fn travel_minutes(&self, from: MunicipalityCode, to: MunicipalityCode) -> Option<f64> {
        self.batch.geo.travel_minutes(from, to)
    }

    /// The reference date (`--as-of`).
    pub fn as_of(&self) -> Date {
        self.batch.as_of
    }

    /// Site profiles updated before this date are stale (12 months before the reference date).
    pub fn stale_before(&self) -> Date {
        self.batch.stale_before
    }

    /// Children in this child's sibling group awaiting placement, the child included (1
    /// without a group).
    pub fn group_size(&self) -> u32 {
        self.group_size
    }

    /// Median monthly cost of sites of this type in the dataset.
    pub fn median_cost(&self, site_type: SiteType) -> Option<f64> {
        self.batch.median_cost[site_type.index()]
    }
}
