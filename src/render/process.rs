//! The child's whole process on one screen (`placematch case`, `GET /api/children/{id}/case`):
//! the sites asked and their answers, the child conversation, the views and consents, the
//! placement decided, its follow-ups and the next ones. For an auditor the free text (the
//! conditions agreed, the wishes, the resources) is withheld: the reader sees that it exists,
//! not what it says.

use std::fmt::Write;

use serde::Serialize;

use super::cases::{
    ConversationJson, InquiryJson, case_json, cause_text, conversation_json, milestone_text,
    status_text,
};
use super::views::{ViewsJson, views_json};
use super::{Lang, printable};
use crate::cases::{Answer, ChildCase};

/// The placement decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlacementJson {
    /// The site.
    pub site_id: String,
    /// The day of the decision.
    pub decided_on: String,
}

/// A follow-up recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FollowupRowJson {
    /// The day.
    pub at: String,
    /// `ongoing`, `breakdown`, `planned_end` or `moved`.
    pub status: &'static str,
    /// With a breakdown, its cause (code).
    pub cause: Option<&'static str>,
    /// In words.
    pub text: String,
}

/// A follow-up not yet recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OpenFollowupJson {
    /// `14_days`, `3_months`, `6_months`, `12_months` or the municipality's own.
    pub milestone: String,
    /// Its day.
    pub date: String,
    /// In words.
    pub text: String,
}

/// The child's process.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProcessJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// Language of the texts.
    pub lang: &'static str,
    /// Whether free text is withheld from the reader's role (auditors).
    pub withheld: bool,
    /// Whether the texts speak of a young person (18–22, in aftercare) rather than a child.
    pub young_adult: bool,
    /// The sites asked and their answers, in the order asked.
    pub inquiries: Vec<InquiryJson>,
    /// Whether and how the child's view was sought.
    pub conversation: ConversationJson,
    /// The child's and the parents' views and the consents.
    pub views: ViewsJson,
    /// The placement decided, if recorded.
    pub placement: Option<PlacementJson>,
    /// Its follow-ups, by date.
    pub followups: Vec<FollowupRowJson>,
    /// Its follow-ups not yet recorded, by date; the first is the next.
    pub open_followups: Vec<OpenFollowupJson>,
}

/// Builds the view of a child of `age` (`None` when the child is not in the data).
pub fn process_json(
    child: &str,
    case: &ChildCase,
    age: Option<u8>,
    withhold: bool,
    lang: Lang,
) -> ProcessJson {
    let mut inquiries = case_json(child, &case.inquiries, lang).inquiries;
    if withhold {
        for (json, inquiry) in inquiries.iter_mut().zip(&case.inquiries) {
            if let Answer::Accepted {
                conditions: Some(_),
                ..
            } = &inquiry.answer
            {
                json.conditions = None;
                let mut bare = inquiry.clone();
                bare.answer = Answer::Accepted {
                    conditions: None,
                    closes: Vec::new(),
                };
                json.text = format!(
                    "{} {}",
                    super::cases::answer_text(&bare, lang),
                    match lang {
                        Lang::Da => "på betingelser (vises ikke for denne rolle)",
                        Lang::En => "on conditions (not shown to this role)",
                    }
                );
            }
        }
    }
    // An earlier placement makes a new site a change of site (§ 98); once a placement is
    // recorded the process shown is that placement's.
    let views = views_json(&case.views, age, false, withhold, lang);
    ProcessJson {
        child_id: child.to_string(),
        lang: lang.as_str(),
        withheld: withhold,
        young_adult: age.is_some_and(|age| age >= 18),
        inquiries,
        conversation: conversation_json(case.conversation.as_ref(), lang),
        views,
        placement: case.placement.as_ref().map(|placement| PlacementJson {
            site_id: placement.site.clone(),
            decided_on: placement.decided_on.to_string(),
        }),
        followups: case
            .followups
            .iter()
            .map(|followup| FollowupRowJson {
                at: followup.at.to_string(),
                status: followup.status.as_str(),
                cause: followup.cause.map(|cause| cause.as_str()),
                text: match followup.cause {
                    Some(cause) => format!(
                        "{} ({})",
                        status_text(followup.status, lang),
                        cause_text(cause, lang)
                    ),
                    None => status_text(followup.status, lang).to_string(),
                },
            })
            .collect(),
        open_followups: case
            .open_followups
            .iter()
            .map(|due| OpenFollowupJson {
                milestone: due.milestone.code(),
                date: due.date.to_string(),
                text: milestone_text(due.milestone, lang),
            })
            .collect(),
    }
}

/// The process for a terminal.
pub fn process_table(view: &ProcessJson, lang: Lang) -> String {
    let da = lang == Lang::Da;
    // Labels speak of "den unge" from 18; recorded free text is never rewritten.
    let wording = super::catalog::Wording::new(lang, if view.young_adult { 18 } else { 0 });
    let label = |text: &str| wording.adapt(text.to_string());
    let mut out = String::new();
    let child = printable(&view.child_id);
    let _ = writeln!(
        out,
        "{} {child}",
        if da {
            "Sagsforløb for"
        } else {
            "Case process for"
        }
    );
    let heading = |out: &mut String, da_text: &str, en_text: &str| {
        let _ = writeln!(out, "\n{}", if da { da_text } else { en_text });
    };
    let _ = writeln!(
        out,
        "\n{}",
        label(if da {
            "Barnets perspektiv"
        } else {
            "The child's perspective"
        })
    );
    let mark = if view.conversation.recorded {
        ""
    } else {
        "(!) "
    };
    let _ = writeln!(out, "  {mark}{}.", view.conversation.text);
    let free = |out: &mut String, label: &str, text: &Option<super::FreeTextJson>| {
        if let Some(text) = text {
            let shown = match (&text.text, da) {
                (Some(words), _) => printable(words),
                (None, true) => "(registreret; vises ikke for denne rolle)".to_string(),
                (None, false) => "(recorded; not shown to this role)".to_string(),
            };
            let _ = writeln!(out, "  {label} ({}): {shown}", text.recorded_on);
        }
    };
    free(
        &mut out,
        &label(if da {
            "Barnets ønsker"
        } else {
            "The child's wishes"
        }),
        &view.views.child_wishes,
    );
    free(
        &mut out,
        if da {
            "Forældrenes ønsker"
        } else {
            "The parents' wishes"
        },
        &view.views.parents_wishes,
    );
    free(
        &mut out,
        &label(if da {
            "Barnets ressourcer"
        } else {
            "The child's resources"
        }),
        &view.views.resources,
    );
    for consent in &view.views.consents {
        let mark = if consent.status == "given" {
            ""
        } else {
            "(!) "
        };
        let _ = writeln!(out, "  {mark}{}.", consent.text);
    }
    for missing in &view.views.missing {
        if !view.views.consents.iter().any(|c| &c.text == missing) {
            let _ = writeln!(out, "  (!) {missing}.");
        }
    }
    heading(&mut out, "Forespørgsler", "Inquiries");
    if view.inquiries.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            if da {
                "Ingen steder er spurgt endnu."
            } else {
                "No site has been asked yet."
            }
        );
    }
    for inquiry in &view.inquiries {
        let _ = writeln!(out, "  {:<8} {}", printable(&inquiry.site_id), inquiry.text);
    }
    heading(
        &mut out,
        "Afgørelse og opfølgning",
        "Decision and follow-up",
    );
    match &view.placement {
        None => {
            let _ = writeln!(
                out,
                "  {}",
                if da {
                    "Ingen afgørelse er registreret."
                } else {
                    "No decision is recorded."
                }
            );
        }
        Some(placement) => {
            let site = printable(&placement.site_id);
            let _ = writeln!(
                out,
                "  {}",
                if da {
                    format!("Anbragt på {site} ved afgørelse {}.", placement.decided_on)
                } else {
                    format!("Placed at {site} by decision of {}.", placement.decided_on)
                }
            );
            for followup in &view.followups {
                let _ = writeln!(out, "  {}  {}", followup.at, followup.text);
            }
            match view.open_followups.first() {
                Some(next) => {
                    let _ = writeln!(
                        out,
                        "  {}: {} ({})",
                        if da {
                            "Næste opfølgning"
                        } else {
                            "Next follow-up"
                        },
                        next.text,
                        next.date
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        if da {
                            "Ingen opfølgninger mangler."
                        } else {
                            "No follow-up is outstanding."
                        }
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{
        Consent, Dated, Due, Followup, FollowupStatus, Inquiry, Milestone, Placement, Views,
    };
    use jiff::civil::date;

    fn case() -> ChildCase {
        let placement = Placement {
            child: "C-1".into(),
            site: "S-1".into(),
            decided_on: date(2026, 11, 1),
        };
        ChildCase {
            inquiries: vec![Inquiry {
                child: "C-1".into(),
                site: "S-1".into(),
                asked_on: date(2026, 10, 20),
                asked_by: "anna".into(),
                answer: Answer::Accepted {
                    conditions: Some("supervision i traumer".into()),
                    closes: vec!["trauma".into()],
                },
                answered_on: Some(date(2026, 10, 25)),
            }],
            conversation: None,
            views: Views {
                child_wishes: Some(Dated {
                    value: "vil have sin hund med".into(),
                    on: date(2026, 10, 18),
                }),
                parents_consent: Some(Dated {
                    value: Consent::Given,
                    on: date(2026, 10, 19),
                }),
                ..Views::default()
            },
            placement: Some(placement.clone()),
            followups: vec![Followup {
                at: date(2026, 11, 15),
                status: FollowupStatus::Ongoing,
                cause: None,
            }],
            open_followups: vec![Due {
                child: "C-1".into(),
                site: "S-1".into(),
                milestone: Milestone::MONTHS_3,
                date: date(2027, 2, 1),
            }],
        }
    }

    #[test]
    fn the_process_reads_in_order_for_the_coordinator() {
        let text = process_table(
            &process_json("C-1", &case(), Some(10), false, Lang::Da),
            Lang::Da,
        );
        for part in [
            "Sagsforløb for C-1",
            "(!) Det er ikke registreret, at barnets synspunkter er tilvejebragt ved en samtale med barnet",
            "Barnets ønsker (2026-10-18): vil have sin hund med",
            "Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46): givet",
            "(!) Forældrenes ønsker er ikke registreret.",
            "S-1      spurgt 2026-10-20; svarede ja 2026-10-25 på betingelse af: supervision i traumer",
            "Anbragt på S-1 ved afgørelse 2026-11-01.",
            "2026-11-15  anbringelsen fortsætter",
            "Næste opfølgning: status efter 3 måneder (2027-02-01)",
        ] {
            assert!(text.contains(part), "{part}\n{text}");
        }
    }

    #[test]
    fn an_auditor_sees_no_free_text() {
        let view = process_json("C-1", &case(), Some(10), true, Lang::Da);
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("hund"), "{json}");
        assert!(!json.contains("supervision"), "{json}");
        let text = process_table(&view, Lang::Da);
        assert!(
            !text.contains("hund") && !text.contains("supervision"),
            "{text}"
        );
        assert!(
            text.contains("på betingelser (vises ikke for denne rolle)"),
            "{text}"
        );
        assert!(
            text.contains("Barnets ønsker (2026-10-18): (registreret; vises ikke for denne rolle)")
        );
    }
}
