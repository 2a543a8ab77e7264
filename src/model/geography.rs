//! Municipalities and the travel links between them (PRODUCT.md section 6.3).

use super::{LinkMode, MunicipalityCode, Region};

/// One of Denmark's 98 municipalities.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// Official three-digit code.
    pub code: MunicipalityCode,
    /// Short name, e.g. "København".
    pub name: String,
    /// Region the municipality belongs to.
    pub region: Region,
    /// Latitude of the representative point, degrees north.
    pub lat: f64,
    /// Longitude of the representative point, degrees east.
    pub lon: f64,
    /// Resident population.
    pub population: u32,
}

/// A road, bridge or ferry link between two municipalities, travelled both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// One end.
    pub a: MunicipalityCode,
    /// The other end.
    pub b: MunicipalityCode,
    /// Distance in kilometres.
    pub km: f64,
    /// Travel time in minutes, > 0.
    pub minutes: f64,
    /// How the link is travelled.
    pub mode: LinkMode,
}
