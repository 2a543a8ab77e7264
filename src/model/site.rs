//! A placement site, as `sites.csv` describes it (PRODUCT.md section 6.2).

use jiff::civil::Date;

use super::{
    ChildId, Feature, LanguageCode, Levels, MunicipalityCode, Need, Purpose, Security, Set, SiteId,
    SiteSex, SiteType,
};

/// A placement site approved under Barnets Lov § 43. Built by the loader, which checks every
/// range and reference (for example `free_places <= places`, `age_min <= age_max`).
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Site ID.
    pub id: SiteId,
    /// Display name; may name a family, so it is never printed in messages.
    pub name: String,
    /// Type of site.
    pub site_type: SiteType,
    /// Municipality where the site is.
    pub municipality: MunicipalityCode,
    /// Approved number of places.
    pub places: u32,
    /// Free places now; never more than `places`.
    pub free_places: u32,
    /// Youngest age taken, in years.
    pub age_min: Option<u8>,
    /// Oldest age taken, in years.
    pub age_max: Option<u8>,
    /// Sex restriction.
    pub sex: SiteSex,
    /// Competences with level 1..=3.
    pub competences: Levels<Need>,
    /// Purposes the site accepts; `None` when not recorded.
    pub accepts: Option<Set<Purpose>>,
    /// Security the site provides.
    pub security: Security,
    /// For a network family: the one child it is approved for.
    pub network_for: Option<ChildId>,
    /// Languages spoken in the household or by staff.
    pub languages: Vec<LanguageCode>,
    /// Features of the site.
    pub features: Set<Feature>,
    /// Children already living there.
    pub other_children: Option<u32>,
    /// Whether a carer is at home full time (families).
    pub full_time_carer: Option<bool>,
    /// Experience with hard parent cooperation, 0..=3.
    pub parent_cooperation: Option<u8>,
    /// Latest Socialtilsyn quality assessment, 1.0..=5.0.
    pub quality: Option<f64>,
    /// Monthly cost in DKK.
    pub monthly_cost_dkk: Option<u32>,
    /// Whether the site is approved.
    pub approved: bool,
    /// Last update of this profile.
    pub updated: Option<Date>,
}
