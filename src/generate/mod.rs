//! Realistic synthetic datasets: children awaiting placement and the sites that could take
//! them, calibrated to published Danish figures (`data/README.md` lists each choice).
//!
//! Pure and deterministic: the same parameters and geography give the same [`Dataset`] on
//! every platform (ChaCha8 streams, no clock, no hash-map iteration). Children and sites draw
//! from separate streams, so changing the number of sites leaves the children unchanged.

mod calibration;
mod children;
mod draw;
mod sites;

use jiff::civil::Date;

use crate::geo::GeoIndex;
use crate::model::{Dataset, Link, Municipality};

pub use calibration::DEFAULT_AS_OF;

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
    Dataset::new(children, sites, municipalities.to_vec(), links.to_vec())
}

/// Width of zero-padded numbers in IDs, so that string order is numeric order.
fn id_width(count: usize) -> usize {
    count.max(1).to_string().len().max(4)
}
