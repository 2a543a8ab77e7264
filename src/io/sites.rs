//! `sites.csv` rows into [`Site`] values (PRODUCT.md section 6.2).

use super::cell::{self, CellError};
use super::children::languages;
use super::geography::{KnownMunicipalities, municipality_code};
use super::problem::{Report, Rule, Severity};
use super::row::{Located, RowReader};
use super::table::{ColumnSpec, Table, optional, required};
use crate::model::{
    ChildId, Feature, MAX_CHILD_AGE, Need, Purpose, Security, Site, SiteId, SiteSex, SiteType,
};

/// The columns of `sites.csv`, in the order the writer uses.
pub(crate) const SITE_COLUMNS: &[ColumnSpec] = &[
    required("id"),
    required("name"),
    required("type"),
    required("municipality"),
    required("places"),
    required("free_places"),
    optional("age_min"),
    optional("age_max"),
    optional("sex"),
    optional("competences"),
    optional("accepts"),
    optional("security"),
    optional("network_for"),
    optional("languages"),
    optional("features"),
    optional("other_children"),
    optional("full_time_carer"),
    optional("parent_cooperation"),
    optional("quality"),
    optional("monthly_cost_dkk"),
    required("approved"),
    optional("updated"),
];

/// Most places one site may have; the largest Danish institutions have a few hundred.
const MAX_PLACES: i64 = 1_000;
/// Highest monthly cost accepted, DKK; secure units cost about 250,000.
const MAX_MONTHLY_COST: i64 = 10_000_000;

pub(crate) fn read_sites(
    table: &Table,
    known: Option<&KnownMunicipalities>,
    report: &mut Report,
) -> Vec<Located<Site>> {
    let mut sites = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = RowReader::new(table, row, report);
        let id = cells.required("id", cell::identifier);
        let name = cells.required("name", name);
        let site_type = cells.required("type", cell::code::<SiteType>);
        let municipality = cells.required("municipality", |text| municipality_code(text, known));
        let places = cells.required("places", |text| cell::integer(text, 0, MAX_PLACES));
        let free_places = cells.required("free_places", |text| cell::integer(text, 0, MAX_PLACES));
        let age = |text: &str| cell::integer(text, 0, i64::from(MAX_CHILD_AGE));
        let age_min = cells.optional("age_min", age);
        let age_max = cells.optional("age_max", age);
        let sex = cells.optional("sex", cell::code::<SiteSex>);
        let competences = cells.optional("competences", |text| cell::graded::<Need>(text, "level"));
        let accepts = cells.optional("accepts", cell::code_set::<Purpose>);
        let security = cells.optional("security", cell::code::<Security>);
        let network_for = cells.optional("network_for", cell::identifier);
        let languages = cells.optional("languages", languages);
        let features = cells.optional("features", cell::code_set::<Feature>);
        let other_children =
            cells.optional("other_children", |text| cell::integer(text, 0, MAX_PLACES));
        let full_time_carer = cells.optional("full_time_carer", cell::boolean);
        let parent_cooperation =
            cells.optional("parent_cooperation", |text| cell::integer(text, 0, 3));
        let quality = cells.optional("quality", |text| cell::decimal(text, 1.0, 5.0));
        let monthly_cost_dkk = cells.optional("monthly_cost_dkk", |text| {
            cell::integer(text, 0, MAX_MONTHLY_COST)
        });
        let approved = cells.required("approved", cell::boolean);
        let updated = cells.optional("updated", cell::date);

        if let (Some(places), Some(free_places)) = (places, free_places) {
            if free_places > places {
                let error = rule(
                    "free_places_exceed_places",
                    Rule::fixed("free_places is larger than places"),
                );
                cells.problem(Severity::Error, "free_places", error);
            }
        }
        if let (Some(age_min), Some(age_max)) = (age_min, age_max) {
            if age_min > age_max {
                let error = rule("age_range", Rule::fixed("age_min is larger than age_max"));
                cells.problem(Severity::Error, "age_max", error);
            }
        }
        match (site_type, &network_for) {
            (Some(SiteType::FosterNetwork), None) => {
                let error = rule(
                    "missing_value",
                    Rule::fixed(
                        "a foster_network site needs network_for: the child it is approved for",
                    ),
                );
                cells.problem(Severity::Error, "network_for", error);
            }
            (Some(site_type), Some(_)) if site_type != SiteType::FosterNetwork => {
                let error = rule(
                    "inconsistent_reference",
                    Rule::fixed("network_for is only for sites of type foster_network"),
                );
                cells.problem(Severity::Error, "network_for", error);
            }
            _ => {}
        }

        let (
            true,
            Some(id),
            Some(name),
            Some(site_type),
            Some(municipality),
            Some(places),
            Some(free_places),
            Some(approved),
        ) = (
            cells.is_ok(),
            id,
            name,
            site_type,
            municipality,
            places,
            free_places,
            approved,
        )
        else {
            continue;
        };
        let small = |value: i64| u32::try_from(value).expect("checked range");
        let age = |value: i64| u8::try_from(value).expect("checked range");
        sites.push(Located {
            line: cells.line(),
            value: Site {
                id: SiteId::new(id),
                name,
                site_type,
                municipality,
                places: small(places),
                free_places: small(free_places),
                age_min: age_min.map(age),
                age_max: age_max.map(age),
                sex: sex.unwrap_or(SiteSex::Any),
                competences: competences.unwrap_or_default(),
                accepts,
                security: security.unwrap_or(Security::None),
                network_for: network_for.map(ChildId::new),
                languages: languages.unwrap_or_default(),
                features: features.unwrap_or_default(),
                other_children: other_children.map(small),
                full_time_carer,
                parent_cooperation: parent_cooperation.map(age),
                quality,
                monthly_cost_dkk: monthly_cost_dkk.map(small),
                approved,
                updated,
            },
        });
    }
    sites
}

fn rule(code: &'static str, rule: Rule) -> CellError {
    cell::error(code, rule)
}

/// A site name: free text without control characters or anything CPR-like.
fn name(text: &str) -> Result<String, CellError> {
    if text.chars().any(char::is_control) {
        return Err(rule(
            "bad_text",
            Rule::fixed("name may not contain control characters"),
        ));
    }
    if cell::contains_cpr_like(text) {
        return Err(cell::cpr_error());
    }
    Ok(text.to_string())
}
