//! The child's situation beside a shortlist: what a coordinator needs to read the ranking
//! (age, support, purpose, needs with severity, home and school, siblings, network family,
//! the child's own wishes), as labelled lines in the caseworker's language. Shown only with
//! that one child's shortlist, which is audited; the list of all children
//! (`render::children`) shows none of it.

use serde::Serialize;

use super::Lang;
use super::catalog::{join_words, lookup};
use crate::explain::Detail;
use crate::model::{Child, Dataset, MunicipalityCode};

/// One labelled line of the panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChildFactJson {
    /// Stable key: `age`, `support_level`, `purpose`, `security`, `home`, `school`, `needs`,
    /// `wishes`, `languages`, `siblings`, `siblings_placed_at`, `network_family`.
    pub key: &'static str,
    /// The label in the requested language.
    pub label: &'static str,
    /// The value in words.
    pub text: String,
}

/// The child's situation, in the order a caseworker reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChildPanelJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// Age in whole years at the reference date of the data.
    pub age: u8,
    /// The facts, labelled.
    pub facts: Vec<ChildFactJson>,
}

/// `(key, English label, Danish label)`.
const LABELS: &[(&str, &str, &str)] = &[
    ("age", "Age", "Alder"),
    ("support_level", "Support level", "Støtteniveau"),
    ("purpose", "Type of placement", "Anbringelsens art"),
    ("security", "Security", "Sikring"),
    ("home", "Home municipality", "Hjemkommune"),
    ("school", "School", "Skole"),
    ("needs", "Assessed needs", "Vurderede behov"),
    ("wishes", "The child's wishes", "Barnets ønsker"),
    ("languages", "Languages to keep", "Sprog, der skal bevares"),
    (
        "siblings",
        "Siblings awaiting placement",
        "Søskende, der venter på anbringelse",
    ),
    (
        "siblings_placed_at",
        "Siblings already placed at",
        "Søskende allerede anbragt på",
    ),
    (
        "network_family",
        "Own network family",
        "Egen netværksplejefamilie",
    ),
];

/// `(code, English, Danish)` for the panel's codes, as a value on its own line.
const VALUES: &[(&str, &str, &str)] = &[
    ("light", "light", "let"),
    ("moderate", "moderate", "moderat"),
    ("severe", "severe", "svær"),
    ("emergency", "emergency", "akut"),
    ("short_term", "short-term", "kortvarig"),
    ("long_term", "long-term", "længerevarende"),
    ("permanent", "permanent", "varig"),
    ("none", "open", "åben"),
    ("partly_closed", "partly closed", "delvis lukket"),
    ("secure", "secure", "sikret"),
];

fn label(key: &'static str, lang: Lang) -> &'static str {
    lookup(LABELS, key, lang).unwrap_or(key)
}

fn value(code: &str, lang: Lang) -> String {
    lookup(VALUES, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A graded item in words: `traumer (svær)`.
fn graded(code: &'static str, level: u8, lang: Lang, severity: bool) -> String {
    let word = super::catalog::detail_text(&Detail::Code(code), lang);
    let grade = match (severity, level, lang) {
        (true, 1, Lang::Da) => "let",
        (true, 2, Lang::Da) => "moderat",
        (true, _, Lang::Da) => "svær",
        (true, 1, Lang::En) => "light",
        (true, 2, Lang::En) => "moderate",
        (true, _, Lang::En) => "severe",
        (false, 1, Lang::Da) => "lidt vigtigt",
        (false, 2, Lang::Da) => "vigtigt",
        (false, _, Lang::Da) => "meget vigtigt",
        (false, 1, Lang::En) => "of some importance",
        (false, 2, Lang::En) => "important",
        (false, _, Lang::En) => "very important",
    };
    format!("{word} ({grade})")
}

fn municipality(dataset: &Dataset, code: MunicipalityCode) -> String {
    dataset.municipality(code).map_or_else(
        || code.to_string(),
        |municipality| municipality.name.clone(),
    )
}

/// The panel of one child.
pub fn child_panel(child: &Child, dataset: &Dataset, lang: Lang) -> ChildPanelJson {
    let mut facts = Vec::new();
    let mut fact = |key: &'static str, text: String| {
        facts.push(ChildFactJson {
            key,
            label: label(key, lang),
            text,
        })
    };
    let none = || match lang {
        Lang::Da => "ingen registreret".to_string(),
        Lang::En => "none recorded".to_string(),
    };
    fact(
        "age",
        match lang {
            Lang::Da => format!("{} år", child.age),
            Lang::En => format!("{} years", child.age),
        },
    );
    fact("support_level", value(child.support_level.as_str(), lang));
    fact("purpose", value(child.purpose.as_str(), lang));
    if child.security.as_str() != "none" {
        fact("security", value(child.security.as_str(), lang));
    }
    fact("home", municipality(dataset, child.municipality));
    if child.is_school_age() {
        let school = match child.school_municipality {
            Some(code) if code != child.municipality => match lang {
                Lang::Da => format!("i {}", municipality(dataset, code)),
                Lang::En => format!("in {}", municipality(dataset, code)),
            },
            _ => match lang {
                Lang::Da => "i hjemkommunen".to_string(),
                Lang::En => "in the home municipality".to_string(),
            },
        };
        fact("school", school);
    }
    let needs: Vec<String> = child
        .needs
        .iter()
        .map(|(need, level)| graded(need.as_str(), level, lang, true))
        .collect();
    fact(
        "needs",
        if needs.is_empty() {
            none()
        } else {
            needs.join(", ")
        },
    );
    let wishes: Vec<String> = child
        .wishes
        .iter()
        .map(|(wish, level)| graded(wish.as_str(), level, lang, false))
        .collect();
    fact(
        "wishes",
        if wishes.is_empty() {
            none()
        } else {
            wishes.join(", ")
        },
    );
    if !child.languages.is_empty() {
        let words: Vec<String> = child
            .languages
            .iter()
            .map(|language| super::catalog::detail_text(&Detail::Language(*language), lang))
            .collect();
        fact("languages", join_words(&words, lang));
    }
    if let Some(group) = &child.sibling_group {
        let others: Vec<String> = dataset
            .children()
            .iter()
            .filter(|other| other.sibling_group.as_ref() == Some(group) && other.id != child.id)
            .map(|other| other.id.to_string())
            .collect();
        if !others.is_empty() {
            fact("siblings", join_words(&others, lang));
        }
    }
    if !child.siblings_placed_at.is_empty() {
        let sites: Vec<String> = child
            .siblings_placed_at
            .iter()
            .map(ToString::to_string)
            .collect();
        fact("siblings_placed_at", join_words(&sites, lang));
    }
    if let Some(site) = &child.network_site {
        fact("network_family", site.to_string());
    }
    ChildPanelJson {
        child_id: child.id.to_string(),
        age: child.age,
        facts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateParams, generate};

    #[test]
    fn the_panel_reads_in_danish_with_needs_graded_and_no_codes() {
        let geography = crate::io::embedded_geography().expect("embedded geography is valid");
        let params = GenerateParams {
            children: 40,
            sites: 50,
            seed: 7,
            as_of: jiff::civil::date(2026, 11, 23),
        };
        let data = generate(
            &params,
            geography.dataset.municipalities(),
            geography.dataset.links(),
            &geography.geo,
        );
        let child = data
            .children()
            .iter()
            .find(|child| child.needs.len() >= 2 && child.is_school_age())
            .expect("a generated child with two needs");
        let panel = child_panel(child, &data, Lang::Da);
        let keys: Vec<&str> = panel.facts.iter().map(|fact| fact.key).collect();
        assert_eq!(&keys[..3], ["age", "support_level", "purpose"]);
        let needs = &panel.facts.iter().find(|f| f.key == "needs").unwrap().text;
        for (need, _) in child.needs.iter() {
            assert!(
                !needs.contains(need.as_str()) || need.as_str() == "adhd",
                "{needs}"
            );
        }
        assert!(needs.contains(" (") && needs.contains(')'), "{needs}");
        assert_eq!(panel.facts[0].text, format!("{} år", child.age));
        assert_eq!(panel.facts[0].label, "Alder");
        let english = child_panel(child, &data, Lang::En);
        assert_eq!(english.facts[0].label, "Age");
    }
}
