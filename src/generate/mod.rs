//! Realistic synthetic datasets: children awaiting placement and the sites that could take
//! them, calibrated to published Danish figures (`data/README.md` lists each choice).
//!
//! Pure and deterministic: the same parameters and geography give the same [`Dataset`] on
//! every platform (ChaCha8 streams, no clock, no hash-map iteration). Children and sites draw
//! from separate streams, so changing the number of sites leaves the children unchanged.

mod calibration;
mod children;
mod draw;
mod history;
mod sites;

use jiff::civil::Date;

use crate::geo::GeoIndex;
use crate::model::{Dataset, Link, Municipality};

pub use calibration::DEFAULT_AS_OF;
pub use history::{PastBreakdown, PastPlacement, history};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateParams {
    /// Number of children awaiting placement.
    pub children: usize,
    /// Number of sites, network families included.
    pub sites: usize,
    /// Seed of the random streams.
    pub seed: u64,
    /// Reference date: site `updated` dates are drawn back from it.
    pub as_of: Date,
}

/// Generates a dataset over the given geography.
pub fn generate(
    params: &GenerateParams,
    municipalities: &[Municipality],
    links: &[Link],
    geo: &GeoIndex,
) -> Dataset {
    let places = draw::Places::new(municipalities, geo);
    let mut child_rng = draw::stream(params.seed, 1);
    let mut site_rng = draw::stream(params.seed, 2);

    let mut children = children::generate(&mut child_rng, &places, params.children);
    let network_budget = params.sites / 2;
    let sites = sites::generate(
        &mut site_rng,
        &places,
        &mut children,
        params.sites,
        network_budget,
        params.as_of,
    );
    let mut sibling_rng = draw::stream(params.seed, 3);
    siblings_already_placed(&mut sibling_rng, &mut children, &sites, geo);
    Dataset::new(children, sites, municipalities.to_vec(), links.to_vec())
}

/// Share of children under 18 without a sibling group in the batch whose brothers or sisters
/// already live at a site (ASSUMPTION from facts 7: 35–45 % of placed children have a placed
/// sibling; most of those were placed earlier, and only some records name the site).
const SHARE_SIBLINGS_PLACED: f64 = 0.06;

/// Names, for some children, a site where a brother or sister already lives: a foster family
/// or children's home within an hour of the child's home (siblings are placed near home).
/// Uses its own random stream, so earlier columns keep their values.
fn siblings_already_placed(
    rng: &mut draw::GenRng,
    children: &mut [crate::model::Child],
    sites: &[crate::model::Site],
    geo: &GeoIndex,
) {
    for child in children.iter_mut() {
        if !draw::chance(rng, SHARE_SIBLINGS_PLACED)
            || child.sibling_group.is_some()
            || child.age >= 18
        {
            continue;
        }
        let near: Vec<&crate::model::Site> = sites
            .iter()
            .filter(|site| site.network_for.is_none())
            .filter(|site| site.site_type.is_family() || site.site_type.is_childrens_home())
            .filter(|site| {
                geo.travel_minutes(child.municipality, site.municipality)
                    .is_some_and(|minutes| minutes <= 60.0)
            })
            .collect();
        if near.is_empty() {
            continue;
        }
        let pick = draw::between(rng, 0, u32::try_from(near.len() - 1).unwrap_or(0)) as usize;
        child.siblings_placed_at = vec![near[pick].id.clone()];
    }
}

/// Width of zero-padded numbers in IDs, so that string order is numeric order.
fn id_width(count: usize) -> usize {
    count.max(1).to_string().len().max(4)
}
