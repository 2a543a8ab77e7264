//! The sites asked about a child and their answers (`placematch case`), the follow-ups due
//! (`placematch due`), and the confirmations of `inquire`, `respond` and `followup`, in Danish
//! and English.

use serde::Serialize;

use super::{Lang, printable};
use crate::cases::{
    Answer, BreakdownCause, Conversation, DeclineReason, Due, Followup, FollowupStatus, Heard,
    Inquiry, Milestone, Placement,
};

/// One site asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InquiryJson {
    /// The site's ID.
    pub site_id: String,
    /// `asked`, `accepted` or `declined`.
    pub answer: &'static str,
    /// The day the site was asked.
    pub asked_on: String,
    /// The day it answered.
    pub answered_on: Option<String>,
    /// Why it declined (code).
    pub reason: Option<&'static str>,
    /// Why it declined, in words.
    pub reason_text: Option<&'static str>,
    /// Conditions agreed with the site.
    pub conditions: Option<String>,
    /// The needs (codes) whose gap the conditions cover.
    pub closes: Vec<String>,
    /// The answer in words.
    pub text: String,
}

/// Every site asked about one child.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// The sites asked, in the order asked.
    pub inquiries: Vec<InquiryJson>,
}

/// A decline reason in words.
pub fn decline_text(reason: DeclineReason, lang: Lang) -> &'static str {
    match (reason, lang) {
        (DeclineReason::NoCapacity, Lang::Da) => "ingen ledig plads",
        (DeclineReason::NeedsNotMet, Lang::Da) => "kan ikke imødekomme barnets behov",
        (DeclineReason::GroupFit, Lang::Da) => "barnet passer ikke ind i børnegruppen",
        (DeclineReason::Timing, Lang::Da) => "ikke på det ønskede tidspunkt",
        (DeclineReason::Other, Lang::Da) => "anden grund",
        (DeclineReason::NoCapacity, Lang::En) => "no free place after all",
        (DeclineReason::NeedsNotMet, Lang::En) => "cannot meet the child's needs",
        (DeclineReason::GroupFit, Lang::En) => "the child does not fit the group of children",
        (DeclineReason::Timing, Lang::En) => "not at the time asked",
        (DeclineReason::Other, Lang::En) => "another reason",
    }
}

/// An answer in words, with its dates.
pub fn answer_text(inquiry: &Inquiry, lang: Lang) -> String {
    let asked = match lang {
        Lang::Da => format!("spurgt {}", inquiry.asked_on),
        Lang::En => format!("asked {}", inquiry.asked_on),
    };
    let on = inquiry
        .answered_on
        .map_or_else(String::new, |date| format!(" {date}"));
    let closing = |closes: &[String]| match (closes.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Da) => format!(
            "; betingelsen dækker den manglende kompetence inden for {}",
            need_words(closes, lang)
        ),
        (false, Lang::En) => format!(
            "; the condition covers the missing competence in {}",
            need_words(closes, lang)
        ),
    };
    match (&inquiry.answer, lang) {
        (Answer::Asked, Lang::Da) => format!("{asked}; intet svar endnu"),
        (Answer::Asked, Lang::En) => format!("{asked}; no answer yet"),
        (
            Answer::Accepted {
                conditions: None, ..
            },
            Lang::Da,
        ) => format!("{asked}; svarede ja{on}"),
        (
            Answer::Accepted {
                conditions: None, ..
            },
            Lang::En,
        ) => format!("{asked}; accepted{on}"),
        (
            Answer::Accepted {
                conditions: Some(text),
                closes,
            },
            Lang::Da,
        ) => {
            format!(
                "{asked}; svarede ja{on} på betingelse af: {}{}",
                printable(text),
                closing(closes)
            )
        }
        (
            Answer::Accepted {
                conditions: Some(text),
                closes,
            },
            Lang::En,
        ) => {
            format!(
                "{asked}; accepted{on} on condition of: {}{}",
                printable(text),
                closing(closes)
            )
        }
        (Answer::Declined { reason }, Lang::Da) => {
            format!("{asked}; svarede nej{on} ({})", decline_text(*reason, lang))
        }
        (Answer::Declined { reason }, Lang::En) => {
            format!("{asked}; declined{on} ({})", decline_text(*reason, lang))
        }
    }
}

/// Why a need given to `option` cannot be closed by the conditions: it is not among the
/// site's gaps for the child. The value is not shown (it would tie a need to the child).
pub fn not_a_gap_text(option: &str, _code: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{option}: et af de angivne behov er ikke en mangel ved stedet for barnet (værdien vises ikke); kun de mangler, kortlisten viser for stedet, kan dækkes af en betingelse"
        ),
        Lang::En => format!(
            "{option}: one of the needs given is not a gap of the site for this child (the value is not shown); only the gaps the shortlist shows for the site can be covered by a condition"
        ),
    }
}

/// The confirmation of a recorded answer.
pub fn respond_text(
    child: &str,
    site: &str,
    on: jiff::civil::Date,
    answer: &Answer,
    lang: Lang,
) -> String {
    let (site, child) = (printable(site), printable(child));
    match (answer, lang) {
        (Answer::Declined { reason }, Lang::Da) => format!(
            "Registreret: {site} har sagt nej til {child} den {on} ({}).",
            decline_text(*reason, lang)
        ),
        (Answer::Declined { reason }, Lang::En) => format!(
            "Recorded: {site} declined {child} on {on} ({}).",
            decline_text(*reason, lang)
        ),
        (Answer::Accepted { conditions, closes }, Lang::Da) => format!(
            "Registreret: {site} har sagt ja til {child} den {on}{}{}.",
            if conditions.is_some() {
                " med betingelser"
            } else {
                ""
            },
            if closes.is_empty() {
                String::new()
            } else {
                format!(
                    ", der dækker den manglende kompetence inden for {}",
                    need_words(closes, lang)
                )
            }
        ),
        (Answer::Accepted { conditions, closes }, Lang::En) => format!(
            "Recorded: {site} accepted {child} on {on}{}{}.",
            if conditions.is_some() {
                " with conditions"
            } else {
                ""
            },
            if closes.is_empty() {
                String::new()
            } else {
                format!(
                    " that cover the missing competence in {}",
                    need_words(closes, lang)
                )
            }
        ),
        (Answer::Asked, _) => String::new(),
    }
}

/// An answer in words without the conditions agreed (for the sites not chosen).
pub(super) fn answer_summary(inquiry: &InquiryJson, lang: Lang) -> String {
    let on = inquiry
        .answered_on
        .as_deref()
        .map(|day| format!(" {day}"))
        .unwrap_or_default();
    match (inquiry.answer, inquiry.conditions.is_some(), lang) {
        ("accepted", true, Lang::Da) => {
            format!("spurgt {}; svarede ja{on} på betingelser", inquiry.asked_on)
        }
        ("accepted", true, Lang::En) => {
            format!("asked {}; accepted{on} on conditions", inquiry.asked_on)
        }
        _ => inquiry.text.clone(),
    }
}

/// Needs (codes) in words, joined ("traumer og ADHD").
pub fn need_words(codes: &[String], lang: Lang) -> String {
    use crate::model::Vocabulary;
    let words: Vec<String> = codes
        .iter()
        .map(|code| match crate::model::Need::from_code(code) {
            Some(need) => {
                super::catalog::detail_text(&crate::explain::Detail::Code(need.as_str()), lang)
            }
            None => printable(code),
        })
        .collect();
    match (words.split_last(), lang) {
        (None, _) => String::new(),
        (Some((last, [])), _) => last.clone(),
        (Some((last, rest)), Lang::Da) => format!("{} og {last}", rest.join(", ")),
        (Some((last, rest)), Lang::En) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Builds the view.
pub fn case_json(child: &str, inquiries: &[Inquiry], lang: Lang) -> CaseJson {
    CaseJson {
        child_id: child.to_string(),
        inquiries: inquiries
            .iter()
            .map(|inquiry| {
                let (answer, reason, conditions, closes) = match &inquiry.answer {
                    Answer::Asked => ("asked", None, None, Vec::new()),
                    Answer::Accepted { conditions, closes } => {
                        ("accepted", None, conditions.clone(), closes.clone())
                    }
                    Answer::Declined { reason } => ("declined", Some(*reason), None, Vec::new()),
                };
                InquiryJson {
                    site_id: inquiry.site.clone(),
                    answer,
                    asked_on: inquiry.asked_on.to_string(),
                    answered_on: inquiry.answered_on.map(|date| date.to_string()),
                    reason: reason.map(DeclineReason::as_str),
                    reason_text: reason.map(|reason| decline_text(reason, lang)),
                    conditions,
                    closes,
                    text: answer_text(inquiry, lang),
                }
            })
            .collect(),
    }
}

/// Whether and how the child's view was sought (barnets lov § 5), for the shortlist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ConversationJson {
    /// Whether a conversation (or other ways, for a young child) is recorded.
    pub recorded: bool,
    /// The latest, if any.
    pub held_on: Option<String>,
    /// `conversation` or `other_ways`.
    pub how: Option<&'static str>,
    /// In words, with the law.
    pub text: String,
}

/// The child's latest recorded conversation in words (or that none is recorded).
pub fn conversation_text(conversation: Option<&Conversation>, lang: Lang) -> String {
    match (conversation, lang) {
        (None, Lang::Da) => "Det er ikke registreret, at barnets synspunkter er tilvejebragt ved en samtale med barnet (barnets lov § 5, stk. 3) eller, i helt særlige tilfælde, på anden vis (§ 5, stk. 4)".to_string(),
        (None, Lang::En) => "It is not recorded that the child's views were obtained in a conversation with the child (barnets lov § 5, stk. 3) or, in quite exceptional cases, in other ways (§ 5, stk. 4)".to_string(),
        (Some(talk), Lang::Da) => match talk.how {
            Heard::Conversation => format!("Der er afholdt samtale med barnet den {} (barnets lov § 5, stk. 3)", talk.held_on),
            Heard::OtherWays => format!("Barnets synspunkter er tilvejebragt på anden vis den {} (barnets lov § 5, stk. 4)", talk.held_on),
        },
        (Some(talk), Lang::En) => match talk.how {
            Heard::Conversation => format!("A conversation with the child was held on {} (barnets lov § 5, stk. 3)", talk.held_on),
            Heard::OtherWays => format!("The child's views were obtained in other ways on {} (barnets lov § 5, stk. 4)", talk.held_on),
        },
    }
}

/// The conversation view.
pub fn conversation_json(conversation: Option<&Conversation>, lang: Lang) -> ConversationJson {
    ConversationJson {
        recorded: conversation.is_some(),
        held_on: conversation.map(|talk| talk.held_on.to_string()),
        how: conversation.map(|talk| talk.how.as_str()),
        text: conversation_text(conversation, lang),
    }
}

/// The shortlist with each site's answer (`shortlist --cases`): a site that declined leaves
/// the ranking for the `declined` list, the ranks close up, and at most `top` sites stay
/// (the caller asks the core for `top` plus the number declined, so none is missing).
pub fn with_inquiries(
    mut view: super::ShortlistJson,
    inquiries: &[Inquiry],
    top: usize,
    lang: Lang,
) -> super::ShortlistJson {
    let json = case_json(&view.child_id, inquiries, lang).inquiries;
    let answer_of = |site: &str| json.iter().find(|inquiry| inquiry.site_id == site);
    let before = view.eligible.len();
    let mut declined = Vec::new();
    view.eligible.retain(|site| match answer_of(&site.site_id) {
        Some(inquiry) if inquiry.answer == "declined" => {
            declined.push(inquiry.clone());
            false
        }
        _ => true,
    });
    let removed = before - view.eligible.len();
    view.eligible_count = view.eligible_count.saturating_sub(removed);
    view.eligible.truncate(top);
    for (idx, site) in view.eligible.iter_mut().enumerate() {
        site.rank = idx + 1;
        site.inquiry = answer_of(&site.site_id).cloned();
        // A gap the agreed conditions cover leaves the gaps to settle for the covered ones.
        if let Some(inquiry) = &site.inquiry {
            let covered = |gap: &super::GapJson| {
                gap.need
                    .is_some_and(|need| inquiry.closes.iter().any(|code| code == need))
            };
            let (closed, open): (Vec<_>, Vec<_>) =
                site.gap_details.drain(..).partition(|gap| covered(gap));
            site.gap_details = open;
            site.gaps
                .retain(|key| !closed.iter().any(|gap| &gap.code == key));
            site.covered_gaps = closed;
        }
    }
    // Declined sites outside the shown ranking are listed too.
    for inquiry in &json {
        if inquiry.answer == "declined" && declined.iter().all(|d| d.site_id != inquiry.site_id) {
            declined.push(inquiry.clone());
        }
    }
    // A network family that declined is no longer a default the choice departs from: its
    // flag ("the network family can take the child") would be false, so it goes, and the
    // family is shown as out of the ranking with its answer.
    let network_declined = view.network_family.as_ref().and_then(|family| {
        declined
            .iter()
            .find(|inquiry| inquiry.site_id == family.site_id)
            .map(|inquiry| inquiry.text.clone())
    });
    if let Some(answer) = network_declined {
        let not_first = crate::elements::NETWORK_FAMILY_NOT_FIRST.as_str();
        for site in &mut view.eligible {
            site.flag_details.retain(|flag| flag.code != not_first);
            site.flags
                .retain(|key| key.split(':').next() != Some(not_first));
        }
        if let Some(family) = &mut view.network_family {
            family.status = "excluded";
            family.texts = vec![answer];
        }
    }
    let shown: Vec<String> = view
        .eligible
        .iter()
        .map(|site| site.site_id.clone())
        .collect();
    view.map.sites.retain(|place| shown.contains(&place.id));
    view.declined = declined;
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn answers_read_as_a_caseworker_writes() {
        let inquiry = |answer| Inquiry {
            child: "C-1".into(),
            site: "S-1".into(),
            asked_on: date(2026, 12, 1),
            asked_by: "anna".into(),
            answer,
            answered_on: Some(date(2026, 12, 3)),
        };
        let declined = inquiry(Answer::Declined {
            reason: DeclineReason::NeedsNotMet,
        });
        assert_eq!(
            answer_text(&declined, Lang::Da),
            "spurgt 2026-12-01; svarede nej 2026-12-03 (kan ikke imødekomme barnets behov)"
        );
        let accepted = inquiry(Answer::Accepted {
            conditions: Some("supervision i traumer".into()),
            closes: Vec::new(),
        });
        let view = case_json("C-1", &[accepted, declined], Lang::Da);
        assert_eq!(
            view.inquiries[0].text,
            "spurgt 2026-12-01; svarede ja 2026-12-03 på betingelse af: supervision i traumer"
        );
        assert_eq!(view.inquiries[1].reason, Some("needs_not_met"));
    }
}

/// A follow-up status in words.
pub fn status_text(status: FollowupStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (FollowupStatus::Ongoing, Lang::Da) => "anbringelsen fortsætter",
        (FollowupStatus::Breakdown, Lang::Da) => "anbringelsen er brudt sammen",
        (FollowupStatus::PlannedEnd, Lang::Da) => "anbringelsen er afsluttet som planlagt",
        (FollowupStatus::Moved, Lang::Da) => "barnet er flyttet til et andet sted som planlagt",
        (FollowupStatus::Ongoing, Lang::En) => "the placement continues",
        (FollowupStatus::Breakdown, Lang::En) => "the placement has broken down",
        (FollowupStatus::PlannedEnd, Lang::En) => "the placement ended as planned",
        (FollowupStatus::Moved, Lang::En) => "the child moved to another site as planned",
    }
}

/// Why a placement broke down, in words.
pub fn cause_text(cause: BreakdownCause, lang: Lang) -> &'static str {
    match (cause, lang) {
        (BreakdownCause::SiteEnded, Lang::Da) => "stedet opsagde anbringelsen",
        (BreakdownCause::NeedsNotMet, Lang::Da) => "barnets behov kunne ikke dækkes",
        (BreakdownCause::ChildLeft, Lang::Da) => "barnet ønskede ikke at blive eller rømmede",
        (BreakdownCause::Parents, Lang::Da) => "forældrenes situation eller ønske",
        (BreakdownCause::Other, Lang::Da) => "anden årsag",
        (BreakdownCause::SiteEnded, Lang::En) => "the site ended the placement",
        (BreakdownCause::NeedsNotMet, Lang::En) => "the child's needs could not be met",
        (BreakdownCause::ChildLeft, Lang::En) => "the child would not stay or ran away",
        (BreakdownCause::Parents, Lang::En) => "the parents' situation or wish",
        (BreakdownCause::Other, Lang::En) => "another cause",
    }
}

/// A follow-up milestone in words: a call after so many days or weeks, a status after so
/// many months.
pub fn milestone_text(milestone: Milestone, lang: Lang) -> String {
    use crate::score::MilestoneUnit;
    let n = milestone.count;
    let one = n == 1;
    match (milestone.unit, lang) {
        (MilestoneUnit::Days, Lang::Da) => {
            format!(
                "opfølgende kontakt efter {n} {}",
                if one { "dag" } else { "dage" }
            )
        }
        (MilestoneUnit::Weeks, Lang::Da) => {
            format!(
                "opfølgende kontakt efter {n} {}",
                if one { "uge" } else { "uger" }
            )
        }
        (MilestoneUnit::Months, Lang::Da) => {
            format!("status efter {n} {}", if one { "måned" } else { "måneder" })
        }
        (MilestoneUnit::Days, Lang::En) => {
            format!(
                "follow-up call after {n} {}",
                if one { "day" } else { "days" }
            )
        }
        (MilestoneUnit::Weeks, Lang::En) => {
            format!(
                "follow-up call after {n} {}",
                if one { "week" } else { "weeks" }
            )
        }
        (MilestoneUnit::Months, Lang::En) => {
            format!("status after {n} {}", if one { "month" } else { "months" })
        }
    }
}

/// The confirmation of `followup`.
pub fn followup_text(
    child: &str,
    placement: &Placement,
    followup: &Followup,
    lang: Lang,
) -> String {
    let child = printable(child);
    let site = printable(&placement.site);
    let status = status_text(followup.status, lang);
    let cause = followup
        .cause
        .map(|cause| format!(" ({})", cause_text(cause, lang)))
        .unwrap_or_default();
    match lang {
        Lang::Da => format!(
            "Opfølgning registreret for {child} på {site} den {}: {status}{cause}.\n",
            followup.at
        ),
        Lang::En => format!(
            "Follow-up recorded for {child} at {site} on {}: {status}{cause}.\n",
            followup.at
        ),
    }
}

/// One follow-up due.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DueItemJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// The site.
    pub site_id: String,
    /// `14_days`, `3_months`, `6_months`, `12_months` or the municipality's own
    /// (`[policy] followups`).
    pub milestone: String,
    /// The milestone in words.
    pub text: String,
    /// Its day.
    pub date: String,
    /// Days past it (0 when not yet due).
    pub days_overdue: i64,
}

/// The follow-ups due by a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DueJson {
    /// Language of the texts.
    pub lang: &'static str,
    /// The day looked from.
    pub on: String,
    /// Due by this day (`on` plus `--within`).
    pub until: String,
    /// The follow-ups, by date.
    pub due: Vec<DueItemJson>,
}

/// Builds the list.
pub fn due_json(
    due: &[Due],
    on: jiff::civil::Date,
    until: jiff::civil::Date,
    lang: Lang,
) -> DueJson {
    DueJson {
        lang: lang.as_str(),
        on: on.to_string(),
        until: until.to_string(),
        due: due
            .iter()
            .map(|item| DueItemJson {
                child_id: item.child.clone(),
                site_id: item.site.clone(),
                milestone: item.milestone.code(),
                text: milestone_text(item.milestone, lang),
                date: item.date.to_string(),
                days_overdue: (on - item.date).get_days().max(0).into(),
            })
            .collect(),
    }
}

/// The list for a terminal.
pub fn due_table(view: &DueJson, lang: Lang) -> String {
    let n = view.due.len();
    let overdue = view.due.iter().filter(|item| item.days_overdue > 0).count();
    let mut out = match lang {
        Lang::Da => format!(
            "{} senest {} (set fra {}){}\n",
            match n {
                0 => "Ingen opfølgninger er forfaldne eller forfalder".to_string(),
                1 => "1 opfølgning er forfalden eller forfalder".to_string(),
                n => format!(
                    "{} opfølgninger er forfaldne eller forfalder",
                    super::count(n, lang)
                ),
            },
            view.until,
            view.on,
            match overdue {
                0 => String::new(),
                1 => "; 1 er over fristen".to_string(),
                n => format!("; {} er over fristen", super::count(n, lang)),
            }
        ),
        Lang::En => format!(
            "{} due by {} (as seen from {}){}\n",
            match n {
                0 => "No follow-ups".to_string(),
                n => super::plural(n, "follow-up", "follow-ups"),
            },
            view.until,
            view.on,
            match overdue {
                0 => String::new(),
                n => format!("; {n} overdue"),
            }
        ),
    };
    for item in &view.due {
        let late = match (item.days_overdue, lang) {
            (0, _) => String::new(),
            (1, Lang::Da) => " · 1 dag over fristen".to_string(),
            (days, Lang::Da) => format!(" · {days} dage over fristen"),
            (1, Lang::En) => " · 1 day overdue".to_string(),
            (days, Lang::En) => format!(" · {days} days overdue"),
        };
        out += &format!(
            "  {}  {}  {}  {}{late}\n",
            item.date,
            printable(&item.child_id),
            printable(&item.site_id),
            item.text
        );
    }
    out
}
