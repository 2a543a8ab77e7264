//! Rendering results for people and programs: text from reason codes (Danish and English),
//! tables for the terminal, JSON, CSV and a print-ready HTML page.
//!
//! An edge: the core hands over explanations as data; every sentence is made here.

mod assign;
mod audit;
mod cases;
mod catalog;
mod child;
mod children;
mod csv;
mod decision;
mod errors;
mod fairness;
pub mod help;
mod html;
mod json;
mod outcomes;
mod process;
mod proof;
mod recruit;
mod rules;
mod site;
mod table;
mod validate;
mod views;

pub use assign::{
    AssignInput, AssignJson, CompareJson, MetricsJson, MovedJson, ProofJson, assign_json,
    assign_table, compare_json, compare_table, flag_label, metrics_json,
};
pub use audit::{
    ExtractJson, VerifyJson, access_csv_rows, access_table, break_text, command_text, local_time,
    role_text, verify_json, verify_table,
};
pub use cases::{
    CaseJson, ConversationJson, DueItemJson, DueJson, InquiryJson, answer_text, case_json,
    cause_text, conversation_json, conversation_text, decline_text, due_json, due_table,
    followup_text, milestone_text, status_text, with_inquiries,
};
pub use cases::{need_words, not_a_gap_text, respond_text};
pub use catalog::{fix_text, is_policy, law, reason_text};
pub use child::{ChildFactJson, ChildPanelJson, child_panel};
pub use children::{ChildListItem, ChildrenJson, children_csv_rows, children_json, children_table};
pub use csv::{
    assignment_csv_rows, escape_cell, score_csv_header, score_csv_row, shortlist_csv_rows,
};
pub use decision::{Decided, decision_confirmation, flag_words, reasons_needed_text};
pub use decision::{DecisionDocument, decision_html};
pub use errors::{
    app_error_text, audit_error_text, case_error_text, io_error_text, load_error_text,
    optimize_error_text,
};
pub use fairness::{FairnessCellJson, FairnessJson, fairness_json, fairness_rows, fairness_table};
pub use html::shortlist_html;
pub use json::{
    ElementJson, ElementNameJson, ElementsJson, EligibleJson, ExcludedJson, FlagJson, GapJson,
    GateCountJson, NearMissJson, NetworkFamilyJson, PolicyJson, ReasonJson, ShortlistJson,
    WeightsJson, shortlist_json,
};
pub use outcomes::{
    CalibrationJson, EffectJson, OutcomeCellJson, OutcomeDimensionJson, OutcomesJson, RateJson,
    outcomes_csv_rows, outcomes_json, outcomes_table,
};
pub use process::{
    FollowupRowJson, OpenFollowupJson, PlacementJson, ProcessJson, process_json, process_table,
};
pub use proof::{proof_summary, proof_text};
pub use recruit::{
    AdditionJson, GroupApartJson, MapFrameJson, MissingCompetenceJson, RecruitInput, RecruitJson,
    RegionCountJson, TiersJson, map_frame, recruit_csv_rows, recruit_json, recruit_table,
};
pub use rules::rule_text;
pub use site::{SiteJson, site_json};
pub use table::shortlist_table;
pub use validate::{problem_line, validation_json, validation_table};
pub use views::{
    ConsentJson, FreeTextJson, ViewsJson, consent_misfit_text, field_name, free_text_error,
    views_json, views_recorded_text, with_child_case,
};

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

/// `n` with the singular or plural noun: "1 error", "2 errors".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The element's name in words.
pub fn element_name(element: ElementId, lang: Lang) -> &'static str {
    let (english, danish) = match element {
        ElementId::Needs => ("Needs and competences", "Behov og kompetencer"),
        ElementId::Stability => (
            "Close and stable adults",
            "Nære og stabile voksenrelationer",
        ),
        ElementId::Network => (
            "Network and cooperation with parents",
            "Netværk og forældresamarbejde",
        ),
        ElementId::Siblings => ("Siblings", "Søskende"),
        ElementId::School => ("School and daily life", "Skolegang og hverdagsliv"),
        ElementId::Wishes => (
            "The child's perspective and wishes",
            "Barnets perspektiv og ønsker",
        ),
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
        SiteType::ResidentialHome => (
            "children's home (residential institution)",
            "børne- og ungehjem (døgninstitution)",
        ),
        SiteType::CareHome => (
            "small residential children's home (opholdssted)",
            "børne- og ungehjem (socialpædagogisk opholdssted)",
        ),
        SiteType::PartlyClosed => ("partly closed unit", "delvis lukket døgninstitution"),
        SiteType::SecureUnit => ("secure unit", "sikret døgninstitution"),
        SiteType::OwnRoom => (
            "own room or hall of residence",
            "eget værelse eller kollegium",
        ),
        SiteType::BoardingSchool => (
            "boarding school (efterskole or free school with boarding)",
            "efterskole eller fri skole med kostafdeling",
        ),
    };
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// The words for the language: `english` or `danish`.
pub(crate) fn choose<'a>(lang: Lang, english: &'a str, danish: &'a str) -> &'a str {
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// A number with `places` decimals: decimal comma in Danish (`0,83`), point in English.
pub(crate) fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::En => text,
        Lang::Da => text.replace('.', ","),
    }
}

/// A whole number with a thousands separator: `4.899` in Danish, `4,899` in English.
pub(crate) fn count(value: usize, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = match lang {
        Lang::En => ',',
        Lang::Da => '.',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A share in [0, 1] as a whole per cent: `88 %` in Danish, `88%` in English.
pub(crate) fn percent(share: f64, lang: Lang) -> String {
    let value = (share * 100.0).round();
    match lang {
        Lang::En => format!("{value:.0}%"),
        Lang::Da => format!("{value:.0}\u{a0}%"),
    }
}

/// An element's reasons as one sentence list for a table or page: flags and gaps are left out
/// (they stand above the elements, flags with their paragraph), a legal basis is cited once
/// after the last of a run of reasons that share it, and every sentence after the first
/// starts in lower case. `keep_together` joins the words of a citation with no-break spaces
/// (for wrapped text).
/// The local policy in words, for a shortlist of a child of `age` (or a batch, without an
/// age): foster families first under an age, and how much the child's wishes weigh.
pub(crate) fn policy_text(policy: &PolicyJson, age: Option<u8>, lang: Lang) -> String {
    let family = match policy.family_care_under {
        0 => catalog::ui("policy_family_off", lang).to_string(),
        age => catalog::ui("policy_family_care", lang).replacen("{}", &age.to_string(), 1),
    };
    let ramp = if policy.wishes_full_from <= policy.wishes_from {
        catalog::ui("policy_wishes_step", lang).replacen("{}", &policy.wishes_from.to_string(), 1)
    } else {
        catalog::ui("policy_wishes_ramp", lang)
            .replacen("{}", &policy.wishes_from.to_string(), 1)
            .replacen("{}", &policy.wishes_full_from.to_string(), 1)
    };
    let wishes = match age {
        Some(age) => {
            let share = policy.policy().wishes_share(age);
            let key = if share >= 1.0 {
                "policy_wishes_full"
            } else if share <= 0.0 {
                "policy_wishes_none"
            } else {
                "policy_wishes_part"
            };
            catalog::ui(key, lang)
                .replacen("{}", &age.to_string(), 1)
                .replacen("{}", &percent(share, lang), 1)
                + " ("
                + &ramp.replacen(catalog::ui("policy_wishes_subject", lang), "", 1)
                + ")"
        }
        None => ramp,
    };
    let text = format!("{family}; {wishes}");
    match age {
        Some(age) => catalog::Wording::new(lang, age).adapt(text),
        None => text,
    }
}

pub(crate) fn sentences(
    element: &ElementJson,
    shown_above: &[String],
    keep_together: bool,
) -> String {
    let reasons: Vec<&json::ReasonJson> = element
        .reason_details
        .iter()
        .filter(|reason| !shown_above.contains(&reason.code))
        .collect();
    let mut parts: Vec<String> = Vec::new();
    for (idx, reason) in reasons.iter().enumerate() {
        let next_law = reasons.get(idx + 1).and_then(|next| next.law);
        let mut text = match reason.law {
            Some(law) if next_law == Some(law) => reason.text.clone(),
            Some(law) if keep_together => {
                format!("{} ({})", reason.text, law.replace(' ', "\u{a0}"))
            }
            Some(law) => format!("{} ({law})", reason.text),
            None => reason.text.clone(),
        };
        if !parts.is_empty() {
            text = lowercase_first(&text);
        }
        parts.push(text);
    }
    parts.join("; ")
}

/// Sentences joined by "; ", each after the first starting in lower case.
pub(crate) fn sentence_list(texts: &[String]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(idx, text)| {
            if idx == 0 {
                text.clone()
            } else {
                lowercase_first(text)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The text with its first letter in lower case, unless the first word is an abbreviation or
/// an ID (two capitals, or a capital and a digit or hyphen, as in "ADHD" or "C-0015").
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return text.to_string();
    };
    let abbreviation = second.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
    if abbreviation || first == 'S' && text.starts_with("Socialtilsynet") {
        return text.to_string();
    }
    first.to_lowercase().chain(text.chars().skip(1)).collect()
}

/// Rounds to 6 decimals for output, so that sums can be checked and bytes stay stable.
pub(crate) fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// Text for a terminal or a page: control characters (terminal escapes, bidi overrides)
/// replaced, so data cannot rewrite the screen.
/// A scenario's name for people: the name of no scenario file (`baseline`, a code in JSON) in
/// the user's language, any other name as written.
pub(crate) fn scenario_name(name: &str, lang: Lang) -> String {
    match (name, lang) {
        (crate::io::BASELINE_NAME, Lang::Da) => "basis (data som de er)".to_string(),
        (crate::io::BASELINE_NAME, Lang::En) => "baseline (the data as it is)".to_string(),
        _ => printable(name),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scenario_of_no_file_is_named_in_the_users_language_and_others_as_written() {
        assert_eq!(
            scenario_name(crate::io::BASELINE_NAME, Lang::Da),
            "basis (data som de er)"
        );
        assert_eq!(
            scenario_name(crate::io::BASELINE_NAME, Lang::En),
            "baseline (the data as it is)"
        );
        assert_eq!(scenario_name("flere-pladser", Lang::Da), "flere-pladser");
        assert_eq!(scenario_name("a\u{202e}b", Lang::Da), "a\u{FFFD}b");
    }
}
