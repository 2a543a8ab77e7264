//! Writing a dataset back to the CSV files `load` reads, column for column.
//!
//! Used by `generate`; the output of writing then loading is the same dataset (a property
//! test checks it).

use std::path::Path;

use super::children::CHILD_COLUMNS;
use super::geography::{LINK_COLUMNS, MUNICIPALITY_COLUMNS};
use super::sites::SITE_COLUMNS;
use super::table::ColumnSpec;
use super::{CHILDREN_FILE, LINKS_FILE, MUNICIPALITIES_FILE, SITES_FILE};
use crate::model::{Dataset, LanguageCode, Levels, Set, Vocabulary};

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn set<T: Vocabulary>(set: Set<T>) -> String {
    set.iter()
        .map(|item| item.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

fn levels<T: Vocabulary>(levels: &Levels<T>) -> String {
    levels
        .iter()
        .map(|(item, level)| format!("{}:{level}", item.as_str()))
        .collect::<Vec<_>>()
        .join("|")
}

fn languages(languages: &[LanguageCode]) -> String {
    languages
        .iter()
        .map(LanguageCode::as_str)
        .collect::<Vec<_>>()
        .join("|")
}

fn to_csv(columns: &[ColumnSpec], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = columns.iter().map(|column| column.name).collect();
    writer
        .write_record(&header)
        .expect("writing to memory cannot fail");
    for row in rows {
        debug_assert_eq!(row.len(), columns.len());
        writer
            .write_record(&row)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// `children.csv` for the dataset's children.
pub fn children_csv(dataset: &Dataset) -> Vec<u8> {
    let rows = dataset.children().iter().map(|child| {
        vec![
            child.id.to_string(),
            child.age.to_string(),
            optional(child.sex),
            child.municipality.to_string(),
            optional(child.school_municipality),
            child.support_level.to_string(),
            levels(&child.needs),
            child.security.to_string(),
            child.purpose.to_string(),
            optional(child.sibling_group.as_ref()),
            optional(child.network_site.as_ref()),
            optional(child.previous_breakdowns),
            optional(child.contact_per_month),
            optional(child.special_education),
            languages(&child.languages),
            levels(&child.wishes),
            set(child.must_not),
            child
                .siblings_placed_at
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("|"),
        ]
    });
    to_csv(CHILD_COLUMNS, rows)
}

/// `sites.csv` for the dataset's sites.
pub fn sites_csv(dataset: &Dataset) -> Vec<u8> {
    let rows = dataset.sites().iter().map(|site| {
        vec![
            site.id.to_string(),
            site.name.clone(),
            site.site_type.to_string(),
            site.municipality.to_string(),
            site.places.to_string(),
            site.free_places.to_string(),
            optional(site.age_min),
            optional(site.age_max),
            site.sex.to_string(),
            levels(&site.competences),
            site.accepts.map(set).unwrap_or_default(),
            site.security.to_string(),
            optional(site.network_for.as_ref()),
            languages(&site.languages),
            set(site.features),
            optional(site.other_children),
            optional(site.full_time_carer),
            optional(site.parent_cooperation),
            optional(site.quality),
            optional(site.monthly_cost_dkk),
            site.approved.to_string(),
            optional(site.updated),
        ]
    });
    to_csv(SITE_COLUMNS, rows)
}

fn municipalities_csv(dataset: &Dataset) -> Vec<u8> {
    let rows = dataset.municipalities().iter().map(|municipality| {
        vec![
            municipality.code.to_string(),
            municipality.name.clone(),
            municipality.region.to_string(),
            format!("{:.5}", municipality.lat),
            format!("{:.5}", municipality.lon),
            municipality.population.to_string(),
        ]
    });
    to_csv(MUNICIPALITY_COLUMNS, rows)
}

fn links_csv(dataset: &Dataset) -> Vec<u8> {
    let rows = dataset.links().iter().map(|link| {
        vec![
            link.a.to_string(),
            link.b.to_string(),
            link.km.to_string(),
            link.minutes.to_string(),
            link.mode.to_string(),
        ]
    });
    to_csv(LINK_COLUMNS, rows)
}

/// Writes the four files of a dataset into an existing directory (not atomically: callers
/// write into a temporary directory and rename).
pub fn write_dataset_files(dataset: &Dataset, dir: &Path) -> std::io::Result<()> {
    std::fs::write(dir.join(CHILDREN_FILE), children_csv(dataset))?;
    std::fs::write(dir.join(SITES_FILE), sites_csv(dataset))?;
    std::fs::write(dir.join(MUNICIPALITIES_FILE), municipalities_csv(dataset))?;
    std::fs::write(dir.join(LINKS_FILE), links_csv(dataset))?;
    Ok(())
}
