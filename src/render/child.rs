//! The child's situation beside a shortlist: what a coordinator needs to read the ranking
//! (age, support, purpose, needs with severity, home and school, siblings, network family,
//! the child's own wishes), as labelled lines in the caseworker's language. Shown only with
//! that one child's shortlist, which is audited; the list of all children
//! (`render::children`) shows none of it.

use serde::Serialize;

use super::Lang;
use super::catalog::{Wording, join_words, lookup};
use crate::explain::Detail;
use crate::model::{Child, Dataset, MunicipalityCode};

/// One labelled line of the panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChildFactJson {
    /// Stable key: `age`, `support_level`, `purpose`, `security`, `home`, `school`,
    /// `special_education`, `needs`, `unaccompanied`, `wishes`, `must_not`, `languages`,
    /// `contact`, `previous_breakdowns`, `siblings`, `siblings_placed_at`, `network_family`.
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
    /// "Barnet C-0007", or "Den unge C-0017" from 18.
    pub heading: String,
    /// Age in whole years at the reference date of the data.
    pub age: u8,
    /// The facts, labelled.
    pub facts: Vec<ChildFactJson>,
}

/// `(key, English label, Danish label)`.
const LABELS: &[(&str, &str, &str)] = &[
    ("age", "Age", "Alder"),
    ("support_level", "Support level", "Støtteniveau"),
    ("purpose", "Type of placement", "Type anbringelse"),
    ("security", "Security", "Sikring"),
    ("home", "Home municipality", "Hjemkommune"),
    ("school", "School", "Skole"),
    (
        "special_education",
        "Special education",
        "Specialundervisning",
    ),
    ("needs", "Assessed needs", "Vurderede behov"),
    (
        "unaccompanied",
        "Unaccompanied minor",
        "Uledsaget mindreårig",
    ),
    ("wishes", "The child's wishes", "Barnets ønsker"),
    ("must_not", "Must not live with", "Må ikke bo sammen med"),
    ("languages", "The child's languages", "Barnets sprog"),
    ("contact", "Contact with parents", "Samvær med forældre"),
    (
        "previous_breakdowns",
        "Earlier placements that broke down",
        "Tidligere afbrudte anbringelser",
    ),
    (
        "siblings",
        "Siblings awaiting placement",
        "Søskende, der venter på anbringelse",
    ),
    (
        "siblings_placed_at",
        "Siblings already placed",
        "Søskende er allerede anbragt",
    ),
    (
        "network_family",
        "The child's network foster family",
        "Barnets netværksplejefamilie",
    ),
];

/// `(code, English, Danish)` for support levels, purposes and security levels as a value on
/// its own line (the child panel and the list of children).
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

pub(super) fn value(code: &str, lang: Lang) -> String {
    lookup(VALUES, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A graded item in words: `traumer (svær)`.
fn graded(code: &'static str, level: u8, lang: Lang, severity: bool) -> String {
    let word = if severity {
        super::catalog::detail_text(&Detail::Code(code), lang)
    } else {
        lookup(super::catalog::WISH_WORDS, code, lang).map_or_else(
            || super::catalog::detail_text(&Detail::Code(code), lang),
            str::to_string,
        )
    };
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
        (false, 1, Lang::En) => "somewhat important",
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

/// A site in words: its name and ID (`Netværksplejefamilie Sorø 1 (S-4967)`), or the ID alone
/// when it is not in the data.
fn site_words(dataset: &Dataset, id: &crate::model::SiteId) -> String {
    match dataset.site(id) {
        Some(site) => format!("{} ({id})", site.name),
        None => id.to_string(),
    }
}

/// The panel of one child. From 18 the words are the young person's (aftercare).
pub fn child_panel(child: &Child, dataset: &Dataset, lang: Lang) -> ChildPanelJson {
    let wording = Wording::new(lang, child.age);
    let mut facts = Vec::new();
    let mut fact = |key: &'static str, text: String| {
        facts.push(ChildFactJson {
            key,
            label: label(key, lang),
            text,
        })
    };
    let pick = |english: &str, danish: &str| match lang {
        Lang::En => english.to_string(),
        Lang::Da => danish.to_string(),
    };
    fact(
        "age",
        match (child.age, lang) {
            (0, Lang::Da) => "under 1 år".to_string(),
            (0, Lang::En) => "under 1 year".to_string(),
            (age, Lang::Da) => format!("{age} år"),
            (age, Lang::En) => format!("{age} years"),
        },
    );
    fact("support_level", value(child.support_level.as_str(), lang));
    let purpose = value(child.purpose.as_str(), lang);
    fact(
        "purpose",
        if wording.young_adult {
            pick(
                &format!("aftercare (residential), {purpose}"),
                &format!("ungestøtte (døgnophold), {purpose}"),
            )
        } else {
            purpose
        },
    );
    if child.security.as_str() != "none" {
        fact("security", value(child.security.as_str(), lang));
    }
    fact("home", municipality(dataset, child.municipality));
    if child.is_school_age() {
        let school = match child.school_municipality {
            Some(code) if code != child.municipality => pick(
                &format!("in {}", municipality(dataset, code)),
                &format!("i {}", municipality(dataset, code)),
            ),
            _ => pick("in the home municipality", "i hjemkommunen"),
        };
        fact("school", school);
        fact(
            "special_education",
            match child.special_education {
                Some(true) => pick("yes", "ja"),
                Some(false) => pick("no", "nej"),
                None => pick("not recorded", "ikke oplyst"),
            },
        );
    }
    // Being an unaccompanied minor is a status, not a need with a severity.
    let needs: Vec<String> = child
        .needs
        .iter()
        .filter(|(need, _)| *need != crate::model::Need::UnaccompaniedMinor)
        .map(|(need, level)| graded(need.as_str(), level, lang, true))
        .collect();
    fact(
        "needs",
        if needs.is_empty() {
            pick("none recorded", "ingen registreret")
        } else {
            needs.join(", ")
        },
    );
    if child
        .needs
        .get(crate::model::Need::UnaccompaniedMinor)
        .is_some()
    {
        fact("unaccompanied", pick("yes", "ja"));
    }
    let wishes: Vec<String> = child
        .wishes
        .iter()
        .map(|(wish, level)| graded(wish.as_str(), level, lang, false))
        .collect();
    fact(
        "wishes",
        match (wishes.is_empty(), child.age < 3) {
            (false, _) => wishes.join(", "),
            (true, true) => pick(
                "none recorded (under 3 years); the child's perspective is included in other ways, e.g. through observation",
                "ikke registreret (under 3 år); barnets perspektiv inddrages på anden vis, fx ved observation",
            ),
            (true, false) => wording.adapt(pick(
                "none recorded; the child's perspective must be included (barnets lov § 5)",
                "ikke registreret; barnets perspektiv skal inddrages (barnets lov § 5)",
            )),
        },
    );
    if !child.must_not.is_empty() {
        let words: Vec<String> = child
            .must_not
            .iter()
            .map(|feature| super::catalog::detail_text(&Detail::Code(feature.as_str()), lang))
            .collect();
        fact("must_not", join_words(&words, lang));
    }
    if !child.languages.is_empty() {
        let words: Vec<String> = child
            .languages
            .iter()
            .map(|language| super::catalog::detail_text(&Detail::Language(*language), lang))
            .collect();
        fact("languages", join_words(&words, lang));
    }
    if let Some(times) = child.contact_per_month {
        fact(
            "contact",
            match (times, lang) {
                (0, Lang::Da) => "intet planlagt".to_string(),
                (0, Lang::En) => "none planned".to_string(),
                (1, Lang::Da) => "1 gang om måneden".to_string(),
                (1, Lang::En) => "once a month".to_string(),
                (n, Lang::Da) => format!("{n} gange om måneden"),
                (n, Lang::En) => format!("{n} times a month"),
            },
        );
    }
    if let Some(breakdowns) = child.previous_breakdowns.filter(|&n| n > 0) {
        fact("previous_breakdowns", breakdowns.to_string());
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
            .map(|id| site_words(dataset, id))
            .collect();
        fact("siblings_placed_at", join_words(&sites, lang));
    }
    if let Some(id) = &child.network_site {
        let approved = dataset.site(id).map(|site| site.approved);
        let status = match (approved, lang) {
            (Some(true), Lang::Da) => ", godkendt",
            (Some(true), Lang::En) => ", approved",
            (Some(false), Lang::Da) => ", godkendelse mangler",
            (Some(false), Lang::En) => ", approval needed",
            (None, _) => "",
        };
        fact(
            "network_family",
            format!("{}{status}", site_words(dataset, id)),
        );
    }
    for fact in &mut facts {
        fact.label = adapt_label(fact.label, &wording);
    }
    ChildPanelJson {
        child_id: child.id.to_string(),
        heading: wording.adapt(pick(
            &format!("The child {}", child.id),
            &format!("Barnet {}", child.id),
        )),
        age: child.age,
        facts,
    }
}

/// A label in the young person's words from 18 ("Den unges ønsker").
fn adapt_label(label: &'static str, wording: &Wording) -> &'static str {
    if !wording.young_adult {
        return label;
    }
    match label {
        "Barnets ønsker" => "Den unges ønsker",
        "Barnets sprog" => "Den unges sprog",
        "Barnets netværksplejefamilie" => "Den unges netværksplejefamilie",
        "The child's wishes" => "The young person's wishes",
        "The child's languages" => "The young person's languages",
        "The child's network foster family" => "The young person's network foster family",
        other => other,
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
