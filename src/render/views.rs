//! The child's and the parents' views and the consents, in Danish and English: for the
//! shortlist (what is recorded and what is missing), the decision document and the child's
//! case. Free text is the caseworker's record: shown to the coordinator, withheld from an
//! auditor (`withheld`), never in an error.

use serde::Serialize;

use super::Lang;
use crate::cases::{Consent, ConsentKind, ConsentsAsked, Dated, FreeTextError, Views};

/// A free text with the day it was recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FreeTextJson {
    /// When it was recorded.
    pub recorded_on: String,
    /// The text; `null` when withheld from the reader's role.
    pub text: Option<String>,
    /// Whether the text is withheld (an auditor sees that it exists, not what it says).
    pub withheld: bool,
}

/// One consent the law asks for (or one recorded without the law asking).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ConsentJson {
    /// `parents_placement`, `child_placement`, `child_change` or `child` (recorded, not asked
    /// by the law for this child).
    pub key: &'static str,
    /// The paragraph, when the law asks for it.
    pub law: Option<&'static str>,
    /// `given`, `refused` or `not_recorded`.
    pub status: &'static str,
    /// When it was recorded.
    pub recorded_on: Option<String>,
    /// The consent in words.
    pub text: String,
}

/// The views and consents of one child.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ViewsJson {
    /// The child's wishes in the child's own terms.
    pub child_wishes: Option<FreeTextJson>,
    /// The parents' wishes.
    pub parents_wishes: Option<FreeTextJson>,
    /// The child's resources.
    pub resources: Option<FreeTextJson>,
    /// The consents.
    pub consents: Vec<ConsentJson>,
    /// What the law or the practice asks for that is not recorded, in words.
    pub missing: Vec<String>,
}

fn dated_text(text: &Option<Dated<String>>, withhold: bool) -> Option<FreeTextJson> {
    text.as_ref().map(|dated| FreeTextJson {
        recorded_on: dated.on.to_string(),
        text: (!withhold).then(|| dated.value.clone()),
        withheld: withhold,
    })
}

/// Who consents to what, in words; `young`: the child is 15 or over ("den unge").
fn who(kind: Option<ConsentKind>, young: bool, lang: Lang) -> &'static str {
    match (kind, young, lang) {
        (Some(ConsentKind::ParentsPlacement), _, Lang::Da) => {
            "Forældremyndighedsindehaverens samtykke til anbringelsen"
        }
        (Some(ConsentKind::ParentsPlacement), _, Lang::En) => {
            "The custody holder's consent to the placement"
        }
        (Some(ConsentKind::ParentsChange), _, Lang::Da) => {
            "Forældremyndighedsindehaverens samtykke til ændring af anbringelsessted"
        }
        (Some(ConsentKind::ParentsChange), _, Lang::En) => {
            "The custody holder's consent to a change of placement site"
        }
        (Some(ConsentKind::ChildPlacement), _, Lang::Da) => "Den unges samtykke til anbringelsen",
        (Some(ConsentKind::ChildPlacement), _, Lang::En) => {
            "The young person's consent to the placement"
        }
        (Some(ConsentKind::ChildChange), true, Lang::Da) => {
            "Den unges samtykke til ændring af anbringelsessted"
        }
        (Some(ConsentKind::ChildChange), false, Lang::Da) => {
            "Barnets samtykke til ændring af anbringelsessted"
        }
        (Some(ConsentKind::ChildChange), true, Lang::En) => {
            "The young person's consent to a change of placement site"
        }
        (Some(ConsentKind::ChildChange), false, Lang::En) => {
            "The child's consent to a change of placement site"
        }
        (None, _, Lang::Da) => "Barnets samtykke",
        (None, _, Lang::En) => "The child's consent",
    }
}

/// The paragraph and the age it applies from, as cited after a consent.
fn cited(kind: ConsentKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ConsentKind::ParentsPlacement, _) => "barnets lov § 46",
        (ConsentKind::ChildPlacement, Lang::Da) => "fyldt 15 år, barnets lov § 46",
        (ConsentKind::ChildPlacement, Lang::En) => "aged 15 or over, barnets lov § 46",
        (ConsentKind::ParentsChange, _) => "barnets lov § 98",
        (ConsentKind::ChildChange, Lang::Da) => "fyldt 12 år, barnets lov § 98",
        (ConsentKind::ChildChange, Lang::En) => "aged 12 or over, barnets lov § 98",
    }
}

/// What follows when a consent the law asks for is refused.
fn without_consent(kind: ConsentKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ConsentKind::ParentsPlacement | ConsentKind::ChildPlacement, Lang::Da) => {
            "uden samtykke træffer børne- og ungeudvalget afgørelse om anbringelse (barnets lov § 47)"
        }
        (ConsentKind::ParentsPlacement | ConsentKind::ChildPlacement, Lang::En) => {
            "without consent, the children and young people's committee decides on a placement (barnets lov § 47)"
        }
        (ConsentKind::ParentsChange | ConsentKind::ChildChange, Lang::Da) => {
            "uden samtykke træffer børne- og ungeudvalget afgørelse om ændring af anbringelsessted (barnets lov § 98)"
        }
        (ConsentKind::ParentsChange | ConsentKind::ChildChange, Lang::En) => {
            "without consent, the children and young people's committee decides on a change of placement site (barnets lov § 98)"
        }
    }
}

fn consent_json(
    kind: Option<ConsentKind>,
    consent: Option<&Dated<Consent>>,
    young: bool,
    lang: Lang,
) -> ConsentJson {
    let status = match consent.map(|dated| dated.value) {
        Some(Consent::Given) => "given",
        Some(Consent::Refused) => "refused",
        None => "not_recorded",
    };
    let mut state = match (consent, lang) {
        (Some(dated), Lang::Da) => match dated.value {
            Consent::Given => format!("givet (registreret {})", dated.on),
            Consent::Refused => format!("ikke givet (registreret {})", dated.on),
        },
        (Some(dated), Lang::En) => match dated.value {
            Consent::Given => format!("given (recorded {})", dated.on),
            Consent::Refused => format!("refused (recorded {})", dated.on),
        },
        (None, Lang::Da) => "ikke registreret".to_string(),
        (None, Lang::En) => "not recorded".to_string(),
    };
    if let (Some(kind), "refused") = (kind, status) {
        state = format!("{state}; {}", without_consent(kind, lang));
    }
    let law_text = kind
        .map(|kind| format!(" ({})", cited(kind, lang)))
        .unwrap_or_default();
    ConsentJson {
        key: kind.map_or("child", ConsentKind::as_str),
        law: kind.map(|kind| {
            cited(kind, Lang::Da)
                .rsplit(", ")
                .next()
                .unwrap_or_default()
        }),
        status,
        recorded_on: consent.map(|dated| dated.on.to_string()),
        text: format!("{}{law_text}: {state}", who(kind, young, lang)),
    }
}

/// The views of a child of `age` (`None` when the child is not in the data: only what is
/// recorded is shown); `placed_before`: the case store holds a placement of the child (a new
/// site is then a change of placement site, § 98). `withhold` leaves the free texts out
/// (auditors).
pub fn views_json(
    views: &Views,
    age: Option<u8>,
    placed_before: bool,
    withhold: bool,
    lang: Lang,
) -> ViewsJson {
    let young = age.is_some_and(|age| age >= 15);
    let mut consents = Vec::new();
    let mut missing = Vec::new();
    match age {
        Some(age) => {
            let asked = ConsentsAsked::for_child(age, placed_before);
            if let Some(kind) = asked.parents {
                consents.push(consent_json(
                    Some(kind),
                    views.parents_consent.as_ref(),
                    young,
                    lang,
                ));
            }
            if let Some(kind) = asked.child {
                consents.push(consent_json(
                    Some(kind),
                    views.child_consent.as_ref(),
                    young,
                    lang,
                ));
            }
        }
        // A child no longer in the data: what is recorded, without the paragraphs.
        None => {
            if let Some(consent) = &views.parents_consent {
                let kind = if placed_before {
                    ConsentKind::ParentsChange
                } else {
                    ConsentKind::ParentsPlacement
                };
                consents.push(consent_json(Some(kind), Some(consent), young, lang));
            }
            if let Some(consent) = &views.child_consent {
                consents.push(consent_json(None, Some(consent), young, lang));
            }
        }
    }
    for consent in &consents {
        if consent.status == "not_recorded" {
            missing.push(consent.text.clone());
        }
    }
    let not_recorded = |da: &str, en: &str| match lang {
        Lang::Da => format!("{da} er ikke registreret"),
        Lang::En => format!("{en} are not recorded"),
    };
    if views.child_wishes.is_none() && age.is_some_and(|age| age >= 3) {
        missing.push(not_recorded(
            "Barnets ønsker med barnets egne ord",
            "The child's wishes in the child's own words",
        ));
    }
    if views.parents_wishes.is_none() && age.is_some_and(|age| age < 18) {
        missing.push(not_recorded("Forældrenes ønsker", "The parents' wishes"));
    }
    if let Some(age) = age {
        let wording = super::catalog::Wording::new(lang, age);
        missing = missing
            .into_iter()
            .map(|text| wording.adapt(text))
            .collect();
    }
    ViewsJson {
        child_wishes: dated_text(&views.child_wishes, withhold),
        parents_wishes: dated_text(&views.parents_wishes, withhold),
        resources: dated_text(&views.resources, withhold),
        consents,
        missing,
    }
}

/// The shortlist with what the case store holds about the child's perspective: the latest
/// conversation and the views and consents (an earlier placement makes the new site a change
/// of site).
pub fn with_child_case(
    mut view: super::ShortlistJson,
    case: &crate::cases::ChildCase,
    lang: Lang,
) -> super::ShortlistJson {
    view.child_conversation = Some(super::conversation_json(case.conversation.as_ref(), lang));
    view.child_views = Some(views_json(
        &case.views,
        Some(view.child.age),
        case.placement.is_some(),
        false,
        lang,
    ));
    view
}

/// Why a consent is not recorded: the law asks for none here (`option` names it).
pub fn consent_misfit_text(
    option: &str,
    misfit: crate::cases::ConsentMisfit,
    lang: Lang,
) -> String {
    use crate::cases::ConsentMisfit;
    match (misfit, lang) {
        (ConsentMisfit::ParentsForAdult, Lang::Da) => format!(
            "{option}: den unge er fyldt 18 år, og forældremyndighedsindehaverens samtykke indgår ikke; den unges eget ønske registreres med --child-wishes"
        ),
        (ConsentMisfit::ParentsForAdult, Lang::En) => format!(
            "{option}: the young person is 18 or over, and the custody holder's consent does not apply; record the young person's own wish with --child-wishes"
        ),
        (ConsentMisfit::ChildNotAsked, Lang::Da) => format!(
            "{option}: loven kræver ikke barnets eget samtykke her (barnets lov § 46 fra 15 år; § 98 fra 12 år ved ændring af anbringelsessted; ikke fra 18 år); registrér barnets holdning med --child-wishes"
        ),
        (ConsentMisfit::ChildNotAsked, Lang::En) => format!(
            "{option}: the law asks for no consent of the child here (barnets lov § 46 from 15; § 98 from 12 for a change of placement site; not from 18); record the child's view with --child-wishes"
        ),
    }
}

/// Why a free text (named by its option or field) is not recorded; the text is never shown.
pub fn free_text_error(field: &str, error: FreeTextError, lang: Lang) -> String {
    let max = if field.contains("reason") {
        crate::cases::MAX_REASON
    } else {
        crate::cases::MAX_FREE_TEXT
    };
    match (error, lang) {
        (FreeTextError::TooLong, Lang::Da) => {
            format!(
                "{field} er længere end {} tegn (vises ikke)",
                super::count(max, lang)
            )
        }
        (FreeTextError::TooLong, Lang::En) => {
            format!(
                "{field} is longer than {} characters (not shown)",
                super::count(max, lang)
            )
        }
        (FreeTextError::CprLike, Lang::Da) => format!(
            "{field} ser ud til at indeholde et CPR-nummer og registreres ikke (vises ikke); fjern CPR-nummeret, og omtal barnet ved dets pseudonym"
        ),
        (FreeTextError::CprLike, Lang::En) => format!(
            "{field} looks like it contains a CPR number and is not recorded (not shown); remove the CPR number and refer to the child by its pseudonym"
        ),
        (FreeTextError::Control, Lang::Da) => {
            format!("{field} indeholder styretegn og registreres ikke (vises ikke)")
        }
        (FreeTextError::Control, Lang::En) => {
            format!("{field} holds control characters and is not recorded (not shown)")
        }
    }
}

/// The confirmation of `placematch views`: which fields were recorded, never their text.
pub fn views_recorded_text(
    child: &str,
    fields: &[&str],
    on: jiff::civil::Date,
    lang: Lang,
) -> String {
    let names: Vec<&str> = fields.iter().map(|field| field_name(field, lang)).collect();
    let list = super::sentence_list(
        &names
            .iter()
            .map(|name| name.to_string())
            .collect::<Vec<_>>(),
    );
    match lang {
        Lang::Da => format!(
            "Registreret for {} den {on}: {list}.",
            super::printable(child)
        ),
        Lang::En => format!("Recorded for {} on {on}: {list}.", super::printable(child)),
    }
}

/// A field of the views in words (lower case, for a list).
pub fn field_name(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("child_wishes", Lang::Da) => "barnets ønsker",
        ("child_wishes", Lang::En) => "the child's wishes",
        ("parents_wishes", Lang::Da) => "forældrenes ønsker",
        ("parents_wishes", Lang::En) => "the parents' wishes",
        ("resources", Lang::Da) => "barnets ressourcer",
        ("resources", Lang::En) => "the child's resources",
        ("parents_consent", Lang::Da) => "forældremyndighedsindehaverens samtykke",
        ("parents_consent", Lang::En) => "the custody holder's consent",
        ("child_consent", Lang::Da) => "barnets samtykke",
        ("child_consent", Lang::En) => "the child's consent",
        (_, Lang::Da) => "oplysning",
        (_, Lang::En) => "entry",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn views() -> Views {
        Views {
            child_wishes: Some(Dated {
                value: "vil bo tæt på mormor".into(),
                on: date(2026, 11, 20),
            }),
            parents_consent: Some(Dated {
                value: Consent::Given,
                on: date(2026, 11, 21),
            }),
            ..Views::default()
        }
    }

    #[test]
    fn consents_name_the_law_and_what_is_missing() {
        let young = views_json(&views(), Some(16), false, false, Lang::Da);
        let texts: Vec<&str> = young.consents.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46): givet (registreret 2026-11-21)",
                "Den unges samtykke til anbringelsen (fyldt 15 år, barnets lov § 46): ikke registreret",
            ]
        );
        assert_eq!(young.missing.len(), 2, "{:?}", young.missing);
        assert!(young.missing[1].starts_with("Forældrenes ønsker"));
        // A change of site: both the custody holder's and, from 12, the child's consent (§ 98).
        let change = views_json(&views(), Some(13), true, false, Lang::Da);
        let keys: Vec<&str> = change.consents.iter().map(|c| c.key).collect();
        assert_eq!(keys, ["parents_change", "child_change"]);
        assert_eq!(
            change.consents[1].text,
            "Barnets samtykke til ændring af anbringelsessted (fyldt 12 år, barnets lov § 98): ikke registreret"
        );
        assert_eq!(change.consents[1].law, Some("barnets lov § 98"));
        // A refusal says what follows.
        let mut refused = views();
        refused.parents_consent = Some(Dated {
            value: Consent::Refused,
            on: date(2026, 11, 22),
        });
        let refusal = views_json(&refused, Some(8), false, false, Lang::Da);
        assert_eq!(
            refusal.consents[0].text,
            "Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46): ikke givet (registreret 2026-11-22); uden samtykke træffer børne- og ungeudvalget afgørelse om anbringelse (barnets lov § 47)"
        );
        // A young adult in aftercare: no consent asked, no parents' wishes missing.
        let adult = views_json(&Views::default(), Some(19), true, false, Lang::Da);
        assert!(adult.consents.is_empty());
        assert_eq!(adult.missing.len(), 1, "only the young person's own wishes");
        // A baby: no wishes in own words asked.
        let baby = views_json(&Views::default(), Some(1), false, false, Lang::Da);
        assert!(baby.missing.iter().all(|m| !m.contains("egne ord")));
    }

    #[test]
    fn auditors_see_that_a_text_exists_not_what_it_says() {
        let json = views_json(&views(), Some(10), false, true, Lang::Da);
        let wishes = json.child_wishes.unwrap();
        assert!(wishes.withheld);
        assert_eq!(wishes.text, None);
        let text =
            serde_json::to_string(&views_json(&views(), Some(10), false, true, Lang::Da)).unwrap();
        assert!(!text.contains("mormor"));
    }

    #[test]
    fn free_text_errors_never_echo() {
        for error in [
            FreeTextError::TooLong,
            FreeTextError::CprLike,
            FreeTextError::Control,
        ] {
            for lang in [Lang::Da, Lang::En] {
                let text = free_text_error("--child-wishes", error, lang);
                assert!(text.starts_with("--child-wishes"), "{text}");
            }
        }
    }
}
