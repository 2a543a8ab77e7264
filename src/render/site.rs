//! One site's profile as JSON, for `GET /api/sites/{id}`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Lang, site_type_name};
use crate::model::{Dataset, Site};

/// A site's profile: what the matching reads, without the family link of a network family.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SiteJson {
    /// Site ID.
    pub site_id: String,
    /// Display name.
    pub name: String,
    /// Site type code.
    pub site_type: &'static str,
    /// Site type in words.
    pub site_type_text: &'static str,
    /// Municipality code.
    pub municipality: String,
    /// Municipality name.
    pub municipality_name: String,
    /// Approved places.
    pub places: u32,
    /// Free places now.
    pub free_places: u32,
    /// Youngest age taken.
    pub age_min: Option<u8>,
    /// Oldest age taken.
    pub age_max: Option<u8>,
    /// Competence levels 1–3 by need.
    pub competences: BTreeMap<&'static str, u8>,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Approved under Barnets Lov § 43.
    pub approved: bool,
    /// Last update of the profile.
    pub updated: Option<String>,
    /// The competences in words, in the language asked for: the need and the highest
    /// severity the site can meet ("traumer (op til svær grad)").
    pub competence_texts: Vec<String>,
}

/// Builds the profile view of a site.
pub fn site_json(site: &Site, dataset: &Dataset, lang: Lang) -> SiteJson {
    SiteJson {
        site_id: site.id.to_string(),
        name: super::printable(&site.name),
        site_type: site.site_type.as_str(),
        site_type_text: site_type_name(site.site_type, lang),
        municipality: site.municipality.to_string(),
        municipality_name: dataset
            .municipality(site.municipality)
            .map_or_else(String::new, |municipality| municipality.name.clone()),
        places: site.places,
        free_places: site.free_places,
        age_min: site.age_min,
        age_max: site.age_max,
        competences: site
            .competences
            .iter()
            .map(|(need, level)| (need.as_str(), level))
            .collect(),
        languages: site.languages.iter().map(ToString::to_string).collect(),
        approved: site.approved,
        updated: site.updated.map(|date| date.to_string()),
        competence_texts: site
            .competences
            .iter()
            .map(|(need, level)| {
                let word =
                    super::catalog::detail_text(&crate::explain::Detail::Code(need.as_str()), lang);
                let grade = match (level, lang) {
                    (1, Lang::Da) => "op til let grad",
                    (2, Lang::Da) => "op til moderat grad",
                    (_, Lang::Da) => "op til svær grad",
                    (1, Lang::En) => "up to light",
                    (2, Lang::En) => "up to moderate",
                    (_, Lang::En) => "up to severe",
                };
                format!("{word} ({grade})")
            })
            .collect(),
    }
}
