//! Rendering results for people and programs: text from reason codes (Danish and English),
//! tables for the terminal, JSON, CSV and a print-ready HTML page.
//!
//! An edge: the core hands over explanations as data; every sentence is made here.

mod assign;
mod catalog;
mod csv;
mod fairness;
mod html;
mod json;
mod site;
mod table;

pub use assign::{
    AssignJson, CompareJson, MetricsJson, MovedJson, assign_json, assign_table, compare_table,
    metrics_json,
};
pub use catalog::{law, reason_text};
pub use csv::{escape_cell, score_csv_header, score_csv_row};
pub use fairness::{FairnessCellJson, FairnessJson, fairness_json, fairness_rows, fairness_table};
pub use html::shortlist_html;
pub use json::{
    ElementJson, ElementNameJson, ElementsJson, EligibleJson, ExcludedJson, FlagJson, GapJson,
    GateCountJson, NearMissJson, NetworkFamilyJson, ShortlistJson, WeightsJson, shortlist_json,
};
pub use site::{SiteJson, site_json};
pub use table::shortlist_table;

use crate::explain::ElementId;
use crate::model::SiteType;

/// Language of rendered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Danish.
    Da,
    /// English.
    En,
}

impl Lang {
    /// `"da"` or `"en"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

/// The element's name in words.
pub fn element_name(element: ElementId, lang: Lang) -> &'static str {
    let (english, danish) = match element {
        ElementId::Needs => ("Needs and competences", "Behov og kompetencer"),
        ElementId::Stability => (
            "Close and stable adults",
            "Nære og stabile voksenrelationer",
        ),
        ElementId::Network => ("Network and parents", "Netværk og forældresamarbejde"),
        ElementId::Siblings => ("Siblings", "Søskende"),
        ElementId::School => ("School and daily life", "Skolegang og hverdagsliv"),
        ElementId::Wishes => ("The child's wishes", "Barnets perspektiv og ønsker"),
        ElementId::Setting => (
            "Setting, quality and capacity",
            "Rammer, kvalitet og kapacitet",
        ),
    };
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// The site type in words.
pub fn site_type_name(site_type: SiteType, lang: Lang) -> &'static str {
    let (english, danish) = match site_type {
        SiteType::FosterGeneral => ("general foster family", "almen plejefamilie"),
        SiteType::FosterReinforced => ("reinforced foster family", "forstærket plejefamilie"),
        SiteType::FosterSpecialised => ("specialised foster family", "specialiseret plejefamilie"),
        SiteType::FosterNetwork => ("network foster family", "netværksplejefamilie"),
        SiteType::ResidentialHome => ("children's home", "døgninstitution"),
        SiteType::CareHome => ("care home (opholdssted)", "opholdssted"),
        SiteType::PartlyClosed => ("partly closed unit", "delvis lukket afdeling"),
        SiteType::SecureUnit => ("secure unit", "sikret institution"),
        SiteType::OwnRoom => ("own room", "eget værelse"),
        SiteType::BoardingSchool => ("boarding school", "kost- eller efterskole"),
    };
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// Rounds to 6 decimals for output, so that sums can be checked and bytes stay stable.
pub(crate) fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// Text for a terminal or a page: control characters (terminal escapes, bidi overrides)
/// replaced, so data cannot rewrite the screen.
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
