//! Danish and English text for every reason code and vocabulary detail.
//!
//! Written so that a caseworker can reuse a sentence in the written justification of a
//! decision (forvaltningsloven §§ 22 and 24). `{}` in a text is replaced by the reason's
//! detail in the same language. A test checks that every code has both texts.

use super::Lang;
use crate::explain::{Detail, Reason};

/// `(code, English, Danish)`.
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "needs.type_too_light",
        "The site type is not approved for children with {} support needs",
        "Stedstypen er ikke godkendt til børn med {} støttebehov",
    ),
    (
        "needs.security_mismatch",
        "The site's security level does not match the placement decision ({})",
        "Stedets sikkerhedsniveau svarer ikke til anbringelsesafgørelsen ({})",
    ),
    (
        "needs.severe_need_uncovered",
        "A severe need with no competence at the site: {}",
        "Et svært behov uden kompetence på stedet: {}",
    ),
    (
        "needs.uncovered",
        "Not fully covered by the site's competences: {}",
        "Ikke fuldt dækket af stedets kompetencer: {}",
    ),
    (
        "needs.all_covered",
        "The site's competences cover all of the child's assessed needs",
        "Stedets kompetencer dækker alle barnets vurderede behov",
    ),
    (
        "needs.partly_covered",
        "The site's competences cover part of the child's assessed needs",
        "Stedets kompetencer dækker en del af barnets vurderede behov",
    ),
    (
        "needs.no_needs_recorded",
        "No needs are recorded for the child; check the assessment",
        "Der er ikke registreret behov for barnet; tjek den børnefaglige undersøgelse",
    ),
    (
        "needs.competences_missing",
        "The site has no recorded competences, so coverage is unknown",
        "Stedet har ingen registrerede kompetencer, så dækningen er ukendt",
    ),
    (
        "stability.purpose_not_accepted",
        "The site does not take this kind of placement: {}",
        "Stedet modtager ikke denne type anbringelse: {}",
    ),
    (
        "stability.family_for_young_child",
        "Family care for a child under 12",
        "Familiepleje til et barn under 12 år",
    ),
    (
        "stability.institution_for_young_child",
        "An institution for a child under 12, where family care is preferred",
        "En institution til et barn under 12 år, hvor familiepleje foretrækkes",
    ),
    (
        "stability.full_time_carer",
        "A carer is at home full time",
        "En plejeforælder er hjemme på fuld tid",
    ),
    (
        "stability.many_other_children",
        "Many other children live at the site",
        "Der bor mange andre børn på stedet",
    ),
    (
        "stability.experienced_carers",
        "The adults are experienced with trauma or attachment, which matters after earlier breakdowns",
        "De voksne har erfaring med traumer eller tilknytning, hvilket er vigtigt efter tidligere sammenbrud",
    ),
    (
        "stability.breakdowns_need_experience",
        "The child has had placement breakdowns and the site lacks experience with trauma or attachment",
        "Barnet har oplevet sammenbrud i anbringelser, og stedet mangler erfaring med traumer eller tilknytning",
    ),
    (
        "stability.purposes_missing",
        "The site has not recorded which placements it takes",
        "Stedet har ikke registreret, hvilke anbringelser det modtager",
    ),
    (
        "stability.family_care_preferred",
        "An eligible foster family ranks below this site; family care is the default for children under 12",
        "En egnet plejefamilie rangerer under dette sted; familiepleje er udgangspunktet for børn under 12 år",
    ),
    (
        "network.other_childs_network_family",
        "A network family approved for another child",
        "En netværksplejefamilie godkendt til et andet barn",
    ),
    (
        "network.own_network_family",
        "The network family approved for this child",
        "Netværksplejefamilien godkendt til dette barn",
    ),
    (
        "network.near_home",
        "Close to the child's home (30 minutes or less)",
        "Tæt på barnets hjem (30 minutter eller mindre)",
    ),
    (
        "network.far_from_home",
        "Far from the child's home (more than an hour)",
        "Langt fra barnets hjem (mere end en time)",
    ),
    (
        "network.cooperation_experience",
        "Experienced with difficult cooperation with parents",
        "Erfaring med vanskeligt samarbejde med forældre",
    ),
    (
        "network.network_family_not_first",
        "The child's approved network family is eligible; choosing another site needs a documented reason",
        "Barnets godkendte netværksplejefamilie er egnet; vælges et andet sted, skal det begrundes",
    ),
    (
        "siblings.no_siblings_in_batch",
        "No siblings await placement with the child",
        "Ingen søskende afventer anbringelse sammen med barnet",
    ),
    (
        "siblings.group_fits",
        "There is room for the whole sibling group",
        "Der er plads til hele søskendeflokken",
    ),
    (
        "siblings.split_required",
        "Too few free places for the whole sibling group, so the siblings would be split",
        "For få ledige pladser til hele søskendeflokken, så søskende vil blive adskilt",
    ),
    (
        "school.within_reach",
        "The child's current school is within 30 minutes",
        "Barnets nuværende skole ligger inden for 30 minutter",
    ),
    (
        "school.travel_long",
        "30 to 45 minutes to the child's current school",
        "30 til 45 minutter til barnets nuværende skole",
    ),
    (
        "school.travel_too_long",
        "More than 45 minutes to the child's current school",
        "Mere end 45 minutter til barnets nuværende skole",
    ),
    (
        "school.internal_school",
        "An internal school for a child who needs special education",
        "Intern skole til et barn med behov for specialundervisning",
    ),
    (
        "school.school_change",
        "The child would probably have to change school",
        "Barnet vil sandsynligvis skulle skifte skole",
    ),
    (
        "wishes.must_not",
        "The site has something the child must not live with: {}",
        "Stedet har noget, barnet ikke må bo sammen med: {}",
    ),
    ("wishes.met", "Wish met: {}", "Ønske opfyldt: {}"),
    (
        "wishes.not_met",
        "Wish not met: {}",
        "Ønske ikke opfyldt: {}",
    ),
    (
        "wishes.unknown",
        "The site's data does not say: {}",
        "Stedets oplysninger siger intet om: {}",
    ),
    (
        "wishes.language_kept",
        "The child's language is spoken: {}",
        "Barnets sprog tales: {}",
    ),
    (
        "wishes.language_not_spoken",
        "The child's language is not spoken: {}",
        "Barnets sprog tales ikke: {}",
    ),
    (
        "wishes.none_recorded",
        "No wishes are recorded; the child's perspective must be heard (Barnets Lov § 5)",
        "Der er ikke registreret ønsker; barnets perspektiv skal inddrages (barnets lov § 5)",
    ),
    (
        "setting.no_free_place",
        "No free place",
        "Ingen ledig plads",
    ),
    (
        "setting.age_out_of_range",
        "The child's age is outside the site's age range",
        "Barnets alder ligger uden for stedets aldersgruppe",
    ),
    (
        "setting.sex_restriction",
        "The site takes only children of another sex",
        "Stedet modtager kun børn af et andet køn",
    ),
    (
        "setting.not_approved",
        "The site is not approved",
        "Stedet er ikke godkendt",
    ),
    (
        "setting.high_quality",
        "High quality score from Socialtilsynet (4 or more)",
        "Høj kvalitetsvurdering fra Socialtilsynet (4 eller mere)",
    ),
    (
        "setting.quality_missing",
        "No quality score from Socialtilsynet is recorded",
        "Der er ikke registreret en kvalitetsvurdering fra Socialtilsynet",
    ),
    (
        "setting.stale_data",
        "The site's profile was last updated more than 12 months ago",
        "Stedets oplysninger er sidst opdateret for mere end 12 måneder siden",
    ),
    (
        "setting.update_date_missing",
        "The site's profile has no update date",
        "Stedets oplysninger har ingen opdateringsdato",
    ),
    (
        "setting.age_range_missing",
        "The site has no recorded age range",
        "Stedet har ingen registreret aldersgruppe",
    ),
    (
        "assign.no_eligible_site",
        "No site passes every rule for the child",
        "Intet sted opfylder alle regler for barnet",
    ),
    (
        "siblings.no_site_for_group",
        "No site where every sibling is eligible has room for the whole group",
        "Intet sted, hvor alle søskende er egnede, har plads til hele søskendeflokken",
    ),
    (
        "assign.sites_saturated",
        "Every eligible site is filled by children with a stronger claim",
        "Alle egnede steder er fyldt af børn med et stærkere match",
    ),
];

/// The legal paragraph behind each flag (PRODUCT.md section 3).
const LAW: &[(&str, &str)] = &[
    ("siblings.split_required", "Barnets Lov § 52, stk. 3"),
    ("school.school_change", "Barnets Lov § 52, stk. 2"),
    (
        "stability.family_care_preferred",
        "Barnets Lov § 52, stk. 2",
    ),
    ("network.network_family_not_first", "Barnets Lov § 52"),
];

/// `(code, English, Danish)` for vocabulary codes used as details.
const DETAILS: &[(&str, &str, &str)] = &[
    ("trauma", "trauma", "traumer"),
    ("attachment", "attachment", "tilknytning"),
    (
        "anxiety_depression",
        "anxiety and depression",
        "angst og depression",
    ),
    ("adhd", "ADHD", "ADHD"),
    ("autism", "autism", "autisme"),
    (
        "intellectual_disability",
        "intellectual disability",
        "udviklingshæmning",
    ),
    (
        "physical_disability",
        "physical disability",
        "fysisk handicap",
    ),
    ("medical_care", "medical care", "medicinsk pleje"),
    ("self_harm", "self-harm", "selvskade"),
    ("substance_use", "substance use", "misbrug"),
    ("crime", "crime", "kriminalitet"),
    ("aggression", "aggression", "udadreagerende adfærd"),
    (
        "sexualised_behaviour",
        "sexualised behaviour",
        "seksualiseret adfærd",
    ),
    ("school_absence", "school absence", "skolefravær"),
    ("eating_disorder", "eating disorder", "spiseforstyrrelse"),
    (
        "unaccompanied_minor",
        "unaccompanied minor",
        "uledsaget mindreårig",
    ),
    ("dog", "dog", "hund"),
    ("cat", "cat", "kat"),
    ("other_pets", "other pets", "andre kæledyr"),
    ("rural", "in the country", "på landet"),
    ("urban", "in town", "i byen"),
    ("own_room", "own room", "eget værelse"),
    ("internal_school", "internal school", "intern skole"),
    ("wheelchair_access", "wheelchair access", "kørestolsadgang"),
    ("sports", "sports", "sport"),
    ("music", "music", "musik"),
    ("horses", "horses", "heste"),
    ("horse_riding", "horse riding", "ridning"),
    ("faith_practice", "faith practice", "religiøs praksis"),
    (
        "young_children_in_home",
        "young children in the home",
        "små børn i hjemmet",
    ),
    ("other_children", "other children", "andre børn"),
    ("no_other_children", "no other children", "ingen andre børn"),
    ("near_friends", "near friends", "tæt på venner"),
    ("emergency", "emergency", "akut"),
    ("short_term", "short-term", "kortvarig"),
    ("long_term", "long-term", "længerevarende"),
    ("permanent", "permanent", "varig"),
    ("light", "light", "lette"),
    ("moderate", "moderate", "moderate"),
    ("severe", "severe", "svære"),
    ("none", "open", "åben"),
    ("partly_closed", "partly closed", "delvis lukket"),
    ("secure", "secure", "sikret"),
];

fn pick(lang: Lang, english: &'static str, danish: &'static str) -> &'static str {
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// The text of a code, `None` for an unknown code.
pub(crate) fn code_text(code: &str, lang: Lang) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(key, _, _)| *key == code)
        .map(|&(_, english, danish)| pick(lang, english, danish))
}

/// A code in words without its detail, for counts over many sites: the placeholder and its
/// lead-in are dropped (`needs.type_too_light` reads "this level of support needs").
pub(crate) fn summary_text(code: &str, lang: Lang) -> String {
    let Some(text) = code_text(code, lang) else {
        return code.to_string();
    };
    let middle = match lang {
        Lang::En => "this level of",
        Lang::Da => "dette niveau af",
    };
    text.replace(": {}", "")
        .replace(" ({})", "")
        .replace("{}", middle)
}

/// A vocabulary code in words; the code itself when it has no entry (e.g. a language).
pub(crate) fn detail_text(detail: Detail, lang: Lang) -> String {
    match detail {
        Detail::None => String::new(),
        Detail::Code(code) => DETAILS
            .iter()
            .find(|(key, _, _)| *key == code)
            .map_or(code.to_string(), |&(_, english, danish)| {
                pick(lang, english, danish).to_string()
            }),
        Detail::Language(language) => language.to_string(),
    }
}

/// The sentence for a reason, with its detail filled in.
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    let text = code_text(reason.code.as_str(), lang).unwrap_or(reason.code.as_str());
    text.replace("{}", &detail_text(reason.detail, lang))
}

/// The legal paragraph behind a flag.
pub fn law(code: &str) -> Option<&'static str> {
    LAW.iter()
        .find(|(key, _)| *key == code)
        .map(|&(_, law)| law)
}

/// `(key, English, Danish)` for labels of rendered pages and tables.
const UI: &[(&str, &str, &str)] = &[
    ("title", "Shortlist for child", "Kortliste for barn"),
    ("as_of", "reference date", "referencedato"),
    ("weights", "Weights", "Vægte"),
    (
        "counts",
        "{} eligible, {} excluded, {} near misses (excluded by one rule)",
        "{} egnede, {} udelukkede, {} næsten egnede (udelukket af én regel)",
    ),
    ("total", "total", "samlet"),
    ("confidence", "confidence", "datasikkerhed"),
    ("updated", "profile updated", "oplysninger opdateret"),
    ("near_misses", "Near misses", "Næsten egnede"),
    (
        "excluded_by_gate",
        "Excluded sites by rule",
        "Udelukkede steder pr. regel",
    ),
    ("excluded_sites", "Excluded sites", "Udelukkede steder"),
    (
        "none_eligible",
        "No site passes every rule for this child.",
        "Intet sted opfylder alle regler for dette barn.",
    ),
    (
        "network_eligible",
        "The child's approved network family {} is eligible and ranks first.",
        "Barnets godkendte netværksplejefamilie {} er egnet og står først.",
    ),
    (
        "network_excluded",
        "The child's approved network family {} is excluded:",
        "Barnets godkendte netværksplejefamilie {} er udelukket:",
    ),
    (
        "recommends",
        "placematch recommends; a person decides. Flags mark legal defaults that are not met and need a documented reason.",
        "placematch anbefaler; et menneske beslutter. Markeringer viser lovens udgangspunkter, der ikke er opfyldt, og som kræver en begrundelse.",
    ),
    ("would_be", "would score", "ville have fået"),
    ("site", "site", "sted"),
    ("rank", "rank", "nr."),
];

/// A label of the rendered output.
pub(crate) fn ui(key: &str, lang: Lang) -> &'static str {
    UI.iter()
        .find(|(name, _, _)| *name == key)
        .map_or("", |&(_, english, danish)| pick(lang, english, danish))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elements::registry;

    #[test]
    fn every_code_has_both_texts_and_every_flag_a_law() {
        for element in registry() {
            for code in element.codes() {
                for lang in [Lang::Da, Lang::En] {
                    let text = code_text(code.as_str(), lang);
                    assert!(
                        text.is_some_and(|text| !text.is_empty()),
                        "{code} in {lang:?}"
                    );
                }
            }
        }
        for code in [
            "assign.no_eligible_site",
            "siblings.no_site_for_group",
            "assign.sites_saturated",
        ] {
            assert!(
                code_text(code, Lang::Da).is_some() && code_text(code, Lang::En).is_some(),
                "{code}"
            );
        }
        for (code, _) in LAW {
            assert!(code_text(code, Lang::Da).is_some(), "{code}");
        }
        for (code, english, danish) in TEXTS {
            assert_eq!(english.contains("{}"), danish.contains("{}"), "{code}");
            for lang in [Lang::En, Lang::Da] {
                assert!(!summary_text(code, lang).contains("{}"), "{code}");
            }
        }
    }

    #[test]
    fn every_vocabulary_code_used_as_detail_has_words() {
        use crate::model::{Feature, Need, Purpose, Security, SupportLevel, Vocabulary, Wish};
        let codes = Need::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(Feature::ALL.iter().map(|c| c.as_str()))
            .chain(Wish::ALL.iter().map(|c| c.as_str()))
            .chain(Purpose::ALL.iter().map(|c| c.as_str()))
            .chain(Security::ALL.iter().map(|c| c.as_str()))
            .chain(SupportLevel::ALL.iter().map(|c| c.as_str()));
        for code in codes {
            assert!(DETAILS.iter().any(|(key, _, _)| *key == code), "{code}");
        }
    }
}
