//! The decision basis for the case file (afgørelsesgrundlag): one print-ready A4 document
//! written by `placematch decide --document FILE.html`. It states what the tool found and
//! what the caseworker decided and wrote, and nothing the tool cannot know: the reasons per
//! matching element with their legal references, every legal default not met with the
//! caseworker's reason, the site's answer and agreed conditions, the other sites considered
//! with the facts that set them apart, the follow-up dates and the data behind it. No script,
//! no external asset; every value escaped.

use std::fmt::Write;

use jiff::civil::Date;

use super::html::escape;
use super::json::{EligibleJson, ShortlistJson};
use super::{Lang, decimal, element_name, percent};
use crate::explain::ElementId;

/// What the document is made from.
#[derive(Debug, Clone, Copy)]
pub struct DecisionDocument<'a> {
    /// The child's shortlist as the caseworker saw it (with the sites' answers, if any).
    pub view: &'a ShortlistJson,
    /// The chosen site.
    pub site_id: &'a str,
    /// Its rank among the sites that have not declined.
    pub rank: usize,
    /// The caseworker's reason, as given to `decide --reason`.
    pub reason: Option<&'a str>,
    /// The day of the decision (Danish time).
    pub decided_on: Date,
    /// Who decided (`--by`), if an audit database records it.
    pub decided_by: Option<&'a str>,
}

/// `(key, English, Danish)` for the document's own words.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Decision basis: choice of placement site",
        "Afgørelsesgrundlag: valg af anbringelsessted",
    ),
    (
        "made",
        "Prepared {date} with placematch {version} on data as of {as_of}.",
        "Udarbejdet {date} med placematch {version} på data med referencedato {as_of}.",
    ),
    ("decided_by", "Decided by: {by}.", "Afgjort af: {by}."),
    (
        "recommends",
        "placematch makes a proposal. The municipality makes the decision; this document records the basis and the caseworker's reasons.",
        "placematch giver et forslag. Kommunen træffer afgørelsen; dette dokument samler grundlaget og sagsbehandlerens begrundelse.",
    ),
    (
        "perspective",
        "The child's perspective",
        "Barnets perspektiv",
    ),
    (
        "no_conversation_store",
        "No child conversation is recorded in placematch; see the case file.",
        "Der er ikke registreret en børnesamtale i placematch; se sagen.",
    ),
    ("chosen", "The chosen site", "Det valgte sted"),
    (
        "covered",
        "Gaps covered by the conditions agreed with the site",
        "Mangler, som de aftalte betingelser dækker",
    ),
    (
        "covered_line",
        "{gap}. Agreed with the site: {conditions}.",
        "{gap}. Aftalt med stedet: {conditions}.",
    ),
    (
        "child_wishes",
        "The child's wishes in the child's own words",
        "Barnets ønsker med barnets egne ord",
    ),
    ("resources", "The child's resources", "Barnets ressourcer"),
    (
        "parents",
        "The parents' views and consent",
        "Forældrenes synspunkter og samtykke",
    ),
    (
        "parents_wishes",
        "The parents' wishes",
        "Forældrenes ønsker",
    ),
    ("recorded", "recorded", "registreret"),
    (
        "not_recorded",
        "Not recorded in placematch; see the case file",
        "Ikke registreret i placematch; se sagen",
    ),
    (
        "chosen_line",
        "{name} ({id}), {type}, {municipality}. Rank {rank} of {eligible} possible sites; total {total}; data basis {confidence}; profile updated {updated}.",
        "{name} ({id}), {type}, {municipality}. Nr. {rank} af {eligible} mulige steder; samlet {total}; datagrundlag {confidence}; oplysninger opdateret {updated}.",
    ),
    ("answer", "The site's answer", "Stedets svar"),
    (
        "not_asked",
        "Not recorded in placematch.",
        "Ikke registreret i placematch.",
    ),
    (
        "considerations",
        "Considerations, element by element",
        "Hensyn, element for element",
    ),
    ("element", "Element", "Element"),
    ("score", "Score", "Score"),
    ("reasons", "Reasons", "Begrundelser"),
    (
        "defaults",
        "Defaults of the law not met, and the reason",
        "Lovens udgangspunkter, der ikke er opfyldt, og begrundelsen",
    ),
    (
        "no_defaults",
        "placematch has flagged none of the defaults of the law it checks for this site. The municipality must still assess whether a foster family is most appropriate (barnets lov § 52, stk. 2) and whether the site best meets the child's needs overall.",
        "placematch har ikke markeret nogen af de udgangspunkter i loven, som værktøjet kontrollerer for dette sted. Kommunen skal fortsat vurdere, om en plejefamilie er mest hensigtsmæssig (barnets lov § 52, stk. 2), og om stedet samlet set bedst imødekommer barnets behov.",
    ),
    (
        "not_top",
        "Departure from placematch's proposal: number 1 on the list is {top}. The order is a proposal, not a requirement of the law.",
        "Afvigelse fra placematchs forslag: nr. 1 på listen er {top}. Rækkefølgen er et forslag, ikke et lovkrav.",
    ),
    (
        "caseworker_reason",
        "The caseworker's reason",
        "Sagsbehandlerens begrundelse",
    ),
    (
        "no_reason",
        "No reason is given in placematch (none of the grounds it checks called for one). The decision must be reasoned (forvaltningsloven § 24): [to be written by the caseworker]",
        "Der er ikke angivet en begrundelse i placematch (ingen af de forhold, værktøjet kontrollerer, krævede det). Afgørelsen skal begrundes (forvaltningslovens § 24): [udfyldes af sagsbehandleren]",
    ),
    (
        "gaps",
        "To settle with the site before the move",
        "Afklares med stedet før flytningen",
    ),
    (
        "alternatives",
        "Other sites considered",
        "Andre steder, der er overvejet",
    ),
    ("site", "Site", "Sted"),
    ("total", "Total", "Samlet"),
    (
        "compared",
        "Compared with the chosen site",
        "Sammenlignet med det valgte sted",
    ),
    (
        "higher",
        "Ranked higher (total {other} against {chosen}); the choice of a lower-ranked site is explained above.",
        "Står højere på listen (samlet {other} mod {chosen}); valget af et lavere rangeret sted er begrundet ovenfor.",
    ),
    (
        "lower",
        "Ranked lower (total {other} against {chosen}); largest difference: {element} {other_score} against {chosen_score}.",
        "Står lavere på listen (samlet {other} mod {chosen}); største forskel: {element} {other_score} mod {chosen_score}.",
    ),
    ("flags_of", "Flags: {flags}.", "Markeringer: {flags}."),
    ("declined", "Declined", "Har afslået"),
    ("followup", "Follow-up", "Opfølgning"),
    (
        "followup_line",
        "Proposed follow-up, counted from the day of the decision; the law's time limits for following up a placement apply, and the further follow-up is set in the case: {list}.",
        "Forslag til opfølgning, regnet fra afgørelsens dato; lovens frister for opfølgning på anbringelsen gælder, og den videre opfølgning fastlægges i sagen: {list}.",
    ),
    ("basis", "Data and method", "Data og metode"),
    (
        "weights_line",
        "Weights of the seven elements: {weights}.",
        "Vægte for de syv elementer: {weights}.",
    ),
    (
        "policy_line",
        "Local policy: {policy}.",
        "Lokal politik: {policy}.",
    ),
    (
        "scores_line",
        "Scores (0 to 1) describe how well the site's recorded data match the child's; they are no assessment of the child. The data basis is the share of the data the assessment rests on that is recorded.",
        "Scorerne (0 til 1) beskriver, hvor godt stedets registrerede oplysninger passer til barnets; de er ingen vurdering af barnet. Datagrundlaget er den andel af de oplysninger, vurderingen bygger på, der er registreret.",
    ),
    (
        "title_young",
        "Decision basis: choice of a residential stay in aftercare",
        "Afgørelsesgrundlag: valg af sted for døgnophold som ungestøtte",
    ),
    (
        "audit_line",
        "The decision is recorded in the audit trail together with the SHA-256 of this document.",
        "Afgørelsen er registreret i adgangsloggen sammen med SHA-256-kontrolsummen af dette dokument.",
    ),
    ("not_given", "not recorded", "ikke oplyst"),
    (
        "nothing_to_note",
        "The site's data give no cause for remarks.",
        "Stedets oplysninger giver ikke anledning til bemærkninger.",
    ),
];

/// The child's wishes in the child's own words, the resources, the parents' wishes and the
/// consents, as recorded in the case store (free text escaped, quoted as recorded).
fn views_sections(out: &mut String, views: &super::ViewsJson, age: u8, lang: Lang) {
    let wording = super::catalog::Wording::new(lang, age);
    let line = |out: &mut String, label: &str, text: &Option<super::FreeTextJson>| {
        let label = wording.adapt(label.to_string());
        let shown = match text {
            Some(super::FreeTextJson {
                text: Some(words),
                recorded_on,
                ..
            }) => match lang {
                Lang::Da => format!("»{words}« ({} {recorded_on}).", word("recorded", lang)),
                Lang::En => format!("“{words}” ({} {recorded_on}).", word("recorded", lang)),
            },
            _ => format!("{}.", word("not_recorded", lang)),
        };
        let _ = writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            escape(&label),
            escape(&shown)
        );
    };
    line(out, word("child_wishes", lang), &views.child_wishes);
    line(out, word("resources", lang), &views.resources);
    let _ = writeln!(out, "<h2>{}</h2>", escape(word("parents", lang)));
    line(out, word("parents_wishes", lang), &views.parents_wishes);
    if !views.consents.is_empty() {
        out.push_str("<ul>");
        for consent in &views.consents {
            let _ = write!(out, "<li>{}.</li>", escape(&consent.text));
        }
        out.push_str("</ul>\n");
    }
}

/// A decision as recorded, for its confirmation.
#[derive(Debug, Clone, Copy)]
pub struct Decided<'a> {
    /// The child's pseudonym.
    pub child: &'a str,
    /// The chosen site.
    pub site: &'a str,
    /// Its rank.
    pub rank: usize,
    /// The top-ranked site.
    pub top_site: &'a str,
    /// The flags raised (keys).
    pub flags: &'a [String],
    /// Whether a reason was given.
    pub reason_given: bool,
}

/// Flag keys (`code` or `code:detail`) in a few words each, each wording once (two siblings
/// who cannot live at the site read "en søskende kan ikke anbringes her" once).
pub fn flag_words(keys: &[String], lang: Lang) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for key in keys {
        let word = super::flag_label(key.split(':').next().unwrap_or(key), lang);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// The confirmation line of a recorded decision, in the caseworker's language.
pub fn decision_confirmation(view: &Decided<'_>, lang: Lang) -> String {
    let child = super::printable(view.child);
    let site = super::printable(view.site);
    let flags = flag_words(view.flags, lang);
    let top = super::printable(view.top_site);
    match lang {
        Lang::Da => format!(
            "Afgørelsen er registreret: {child} anbringes på {site} ({}; markeringer: {}; begrundelse: {})\n",
            if view.rank == 1 {
                "nr. 1 på listen".to_string()
            } else {
                format!("nr. {} på listen; nr. 1 er {top}", view.rank)
            },
            if flags.is_empty() {
                "ingen".to_string()
            } else {
                flags.join(", ")
            },
            if view.reason_given {
                "givet"
            } else {
                "ikke krævet"
            }
        ),
        Lang::En => format!(
            "Decision recorded: child {child} to site {site} ({}; flags: {}; reason {})\n",
            if view.rank == 1 {
                "ranked first".to_string()
            } else {
                format!("rank {}, top-ranked {top}", view.rank)
            },
            if flags.is_empty() {
                "none".to_string()
            } else {
                flags.join(", ")
            },
            if view.reason_given {
                "given"
            } else {
                "not needed"
            }
        ),
    }
}

/// Why a reason is required, as one clause ("der kræves en begrundelse, fordi …"), without
/// the way to give it (the command line and the page each add their own).
pub fn reasons_needed_text(needed: &[crate::app::ReasonNeeded], lang: Lang) -> String {
    use crate::app::ReasonNeeded;
    let flags = |keys: &[String]| flag_words(keys, lang).join(", ");
    let grounds: Vec<String> = needed
        .iter()
        .map(|ground| match (ground, lang) {
            (ReasonNeeded::NotAsked, Lang::Da) => "stedet aldrig er blevet spurgt".to_string(),
            (ReasonNeeded::NotAsked, Lang::En) => "the site was never asked".to_string(),
            (ReasonNeeded::NotAnswered, Lang::Da) => "stedet ikke har svaret endnu".to_string(),
            (ReasonNeeded::NotAnswered, Lang::En) => "the site has not answered yet".to_string(),
            (ReasonNeeded::Declined, Lang::Da) => "stedet har sagt nej".to_string(),
            (ReasonNeeded::Declined, Lang::En) => "the site has declined".to_string(),
            (ReasonNeeded::NotTop { rank, top }, Lang::Da) => format!(
                "stedet er nr. {rank} på listen (nr. 1 er {})",
                super::printable(top)
            ),
            (ReasonNeeded::NotTop { rank, top }, Lang::En) => format!(
                "the site is ranked {rank} (the top-ranked eligible site is {})",
                super::printable(top)
            ),
            (ReasonNeeded::Flags(keys), Lang::Da) => {
                format!("lovens udgangspunkter er markeret: {}", flags(keys))
            }
            (ReasonNeeded::Flags(keys), Lang::En) => {
                format!("defaults are flagged: {}", flags(keys))
            }
            (ReasonNeeded::CaseOpen(keys), Lang::Da) => {
                format!("sagen mangler noget, loven kræver: {}", flags(keys))
            }
            (ReasonNeeded::CaseOpen(keys), Lang::En) => {
                format!("the case lacks what the law asks for: {}", flags(keys))
            }
        })
        .collect();
    match lang {
        Lang::Da => format!("der kræves en begrundelse, fordi {}", grounds.join(", og ")),
        Lang::En => format!("a reason is required because {}", grounds.join(" and ")),
    }
}

fn word(key: &str, lang: Lang) -> &'static str {
    super::catalog::lookup(WORDS, key, lang).unwrap_or("")
}

/// `{name}` places filled in.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

const STYLE: &str = "@page{size:A4;margin:16mm 15mm}\
body{font-family:system-ui,sans-serif;font-size:10pt;color:#111;line-height:1.35;max-width:48rem;margin:1rem auto;padding:0 .8rem}\
h1{font-size:14pt;margin:0 0 .3rem}h2{font-size:11.5pt;margin:1rem 0 .3rem;border-bottom:1px solid #999;break-after:avoid}\
p{margin:.25rem 0}table{border-collapse:collapse;width:100%;margin:.3rem 0}\
th,td{border:1px solid #999;padding:.2rem .35rem;text-align:left;vertical-align:top}td.num{text-align:right;white-space:nowrap}\
tr{break-inside:avoid}ul{margin:.2rem 0;padding-left:1.1rem}.note{color:#333}\
.child dl{display:grid;grid-template-columns:max-content 1fr;gap:.05rem .8rem;margin:.2rem 0}.child dt{font-weight:600}.child dd{margin:0}\
.reason{border-left:3px solid #333;padding:.2rem .6rem;white-space:pre-wrap;background:#f4f4f4}\
@media print{body{margin:0;max-width:none;padding:0}}";

/// The site's answer from the case store, in words.
fn answer_text(site: &EligibleJson, lang: Lang) -> String {
    // The answer in words already names any conditions agreed.
    match &site.inquiry {
        Some(inquiry) => sentence(&inquiry.text),
        None => word("not_asked", lang).to_string(),
    }
}

/// A clause as a sentence: capital first letter, full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// How another site compares with the chosen one, in facts only.
fn compared(other: &EligibleJson, chosen: &EligibleJson, lang: Lang) -> String {
    // Two decimals, or three where two would show a tie that is not one.
    let places = if decimal(other.total, 2, lang) == decimal(chosen.total, 2, lang) {
        3
    } else {
        2
    };
    let total = |value: f64| decimal(value, places, lang);
    let mut text = if other.rank < chosen.rank {
        fill(
            word("higher", lang),
            &[
                ("other", total(other.total)),
                ("chosen", total(chosen.total)),
            ],
        )
    } else {
        // The element where the chosen site is furthest ahead.
        let element = ElementId::ALL
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let ahead = |element: ElementId| {
                    chosen.elements.0.0[element].score - other.elements.0.0[element].score
                };
                ahead(a).total_cmp(&ahead(b))
            })
            .unwrap_or(ElementId::Needs);
        fill(
            word("lower", lang),
            &[
                ("other", total(other.total)),
                ("chosen", total(chosen.total)),
                ("element", element_name(element, lang).to_string()),
                (
                    "other_score",
                    decimal(other.elements.0.0[element].score, 2, lang),
                ),
                (
                    "chosen_score",
                    decimal(chosen.elements.0.0[element].score, 2, lang),
                ),
            ],
        )
    };
    // Only the flags that set it apart: those the chosen site does not have too.
    let flags: Vec<&str> = other
        .flag_details
        .iter()
        .filter(|flag| !chosen.flag_details.iter().any(|own| own.code == flag.code))
        .map(|flag| flag.text.as_str())
        .collect();
    if !flags.is_empty() {
        text.push(' ');
        text += &fill(word("flags_of", lang), &[("flags", flags.join("; "))]);
    }
    // Another site's answer without the conditions negotiated with it: those are the chosen
    // site's business only.
    if let Some(inquiry) = &other.inquiry {
        text.push(' ');
        text += &sentence(&super::cases::answer_summary(inquiry, lang));
    }
    text
}

/// The document as a complete HTML page, or `None` when the chosen site is not among the
/// view's eligible sites (the caller builds the view to include it).
pub fn decision_html(document: &DecisionDocument<'_>, lang: Lang) -> Option<String> {
    let view = document.view;
    let chosen = view
        .eligible
        .iter()
        .find(|site| site.site_id == document.site_id)?;
    let mut out = String::new();
    let heading = if view.child.age >= 18 {
        word("title_young", lang)
    } else {
        word("title", lang)
    };
    let title = format!("{heading} · {}", view.child.heading);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.as_str(),
        escape(&title)
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p><strong>{}</strong></p>",
        escape(heading),
        escape(&view.child.heading)
    );
    let made = fill(
        word("made", lang),
        &[
            ("date", document.decided_on.to_string()),
            ("version", view.engine_version.to_string()),
            ("as_of", view.as_of.clone()),
        ],
    );
    let _ = writeln!(out, "<p>{}</p>", escape(&made));
    if let Some(by) = document.decided_by {
        let line = fill(word("decided_by", lang), &[("by", by.to_string())]);
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>",
        escape(word("recommends", lang))
    );

    // The child.
    super::html::child_section(&mut out, &view.child);
    let mut perspective = match &view.child_conversation {
        Some(conversation) => conversation.text.clone(),
        None => word("no_conversation_store", lang).to_string(),
    };
    if !perspective.ends_with('.') {
        perspective.push('.');
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>",
        escape(
            &super::catalog::Wording::new(lang, view.child.age)
                .adapt(word("perspective", lang).to_string())
        ),
        escape(&perspective)
    );
    if let Some(views) = &view.child_views {
        views_sections(&mut out, views, view.child.age, lang);
    }

    // The chosen site.
    let chosen_line = fill(
        word("chosen_line", lang),
        &[
            ("name", chosen.site_name.clone()),
            ("id", chosen.site_id.clone()),
            ("type", chosen.site_type_text.to_string()),
            ("municipality", chosen.municipality_name.clone()),
            ("rank", document.rank.to_string()),
            ("eligible", view.eligible_count.to_string()),
            ("total", decimal(chosen.total, 2, lang)),
            ("confidence", percent(chosen.confidence, lang)),
            (
                "updated",
                chosen
                    .updated
                    .clone()
                    .unwrap_or_else(|| word("not_given", lang).to_string()),
            ),
        ],
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>\n<p><strong>{}:</strong> {}</p>",
        escape(word("chosen", lang)),
        escape(&chosen_line),
        escape(word("answer", lang)),
        escape(&answer_text(chosen, lang))
    );

    if document.rank > 1 {
        let top = view
            .eligible
            .iter()
            .find(|site| {
                site.rank == 1 && site.inquiry.as_ref().is_none_or(|i| i.answer != "declined")
            })
            .or_else(|| view.eligible.first())
            .map(|site| format!("{} ({})", site.site_name, site.site_id))
            .unwrap_or_default();
        let line = fill(word("not_top", lang), &[("top", top)]);
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    // Each element with its reasons and their legal references.
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(word("considerations", lang)),
        escape(word("element", lang)),
        escape(word("score", lang)),
        escape(word("reasons", lang))
    );
    for element in ElementId::ALL {
        let scores = &chosen.elements.0.0[element];
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td><ul>",
            escape(element_name(element, lang)),
            decimal(scores.score, 2, lang)
        );
        for reason in &scores.reason_details {
            let law = reason
                .law
                .map(|law| format!(" ({law})"))
                .unwrap_or_default();
            let _ = write!(out, "<li>{}{}</li>", escape(&reason.text), escape(&law));
        }
        if scores.reason_details.is_empty() {
            let _ = write!(out, "<li>{}</li>", escape(word("nothing_to_note", lang)));
        }
        out.push_str("</ul></td></tr>");
    }
    out.push_str("</tbody></table>\n");

    // Legal defaults not met, and the caseworker's reason.
    let _ = writeln!(out, "<h2>{}</h2>", escape(word("defaults", lang)));
    // The site's flags, then what the child's case lacks (with a case store): no child
    // conversation, a consent the law asks for that is missing or refused.
    let mut items: Vec<String> = chosen
        .flag_details
        .iter()
        .map(|flag| {
            let law = flag.law.map(|law| format!(" ({law})")).unwrap_or_default();
            format!("{}{law}", flag.text)
        })
        .collect();
    if let (Some(views), Some(conversation)) = (&view.child_views, &view.child_conversation) {
        if !conversation.recorded {
            items.push(conversation.text.clone());
        }
        items.extend(
            views
                .consents
                .iter()
                .filter(|consent| consent.status != "given")
                .map(|consent| consent.text.clone()),
        );
    }
    if items.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(word("no_defaults", lang)));
    } else {
        out.push_str("<ul>");
        for item in &items {
            let _ = write!(out, "<li>{}.</li>", escape(item.trim_end_matches('.')));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<p><strong>{}:</strong></p>",
        escape(word("caseworker_reason", lang))
    );
    match document.reason {
        Some(reason) => {
            let _ = writeln!(out, "<p class=\"reason\">{}</p>", escape(reason));
        }
        None => {
            let _ = writeln!(out, "<p>{}</p>", escape(word("no_reason", lang)));
        }
    }
    if !chosen.gap_details.is_empty() {
        let _ = write!(out, "<h2>{}</h2><ul>", escape(word("gaps", lang)));
        for gap in &chosen.gap_details {
            let _ = write!(out, "<li>{}</li>", escape(&gap.text));
        }
        out.push_str("</ul>\n");
    }
    if let (false, Some(inquiry)) = (chosen.covered_gaps.is_empty(), &chosen.inquiry) {
        let _ = write!(out, "<h2>{}</h2><ul>", escape(word("covered", lang)));
        let conditions = inquiry.conditions.as_deref().unwrap_or_default();
        for gap in &chosen.covered_gaps {
            let line = fill(
                word("covered_line", lang),
                &[
                    ("gap", gap.text.trim_end_matches('.').to_string()),
                    ("conditions", conditions.trim_end_matches('.').to_string()),
                ],
            );
            let _ = write!(out, "<li>{}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
    }

    // The other sites considered: the best ones, each set apart by facts.
    let others: Vec<&EligibleJson> = view
        .eligible
        .iter()
        .filter(|site| site.site_id != chosen.site_id)
        .take(4)
        .collect();
    if !others.is_empty() || !view.declined.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(word("alternatives", lang)),
            escape(word("site", lang)),
            escape(word("total", lang)),
            escape(word("compared", lang))
        );
        for other in others {
            let _ = write!(
                out,
                "<tr><td>{}. {} ({})</td><td class=\"num\">{}</td><td>{}</td></tr>",
                other.rank,
                escape(&other.site_name),
                escape(&other.site_id),
                decimal(other.total, 2, lang),
                escape(&compared(other, chosen, lang))
            );
        }
        for declined in &view.declined {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">–</td><td>{}: {}</td></tr>",
                escape(&declined.site_id),
                escape(word("declined", lang)),
                escape(&declined.text)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    // Follow-up dates, from the day of the decision: the milestones `due` lists.
    let day = document.decided_on;
    let plan = view.policy.policy().followups;
    let dates: Vec<String> = plan
        .as_slice()
        .iter()
        .map(|&milestone| {
            format!(
                "{}, {}",
                super::milestone_text(milestone, lang),
                milestone.date(day)
            )
        })
        .collect();
    let followup = fill(word("followup_line", lang), &[("list", dates.join("; "))]);
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>",
        escape(word("followup", lang)),
        escape(&followup)
    );

    // What the ranking rests on.
    let weights: Vec<String> = ElementId::ALL
        .iter()
        .map(|&element| {
            format!(
                "{} {}",
                element_name(element, lang),
                decimal(view.weights.get(element), 2, lang)
            )
        })
        .collect();
    let policy = super::policy_text(&view.policy, Some(view.child.age), lang);
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>",
        escape(word("basis", lang)),
        escape(word("scores_line", lang)),
        escape(&fill(
            word("weights_line", lang),
            &[("weights", weights.join(", "))]
        )),
        escape(&fill(word("policy_line", lang), &[("policy", policy)])),
        escape(word("audit_line", lang))
    );
    out.push_str("</body>\n</html>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_is_worded_once_in_a_confirmation() {
        let keys = [
            "siblings.sibling_excluded:C-0014".to_string(),
            "siblings.sibling_excluded:C-0015".to_string(),
            "case.no_conversation".to_string(),
        ];
        let words = flag_words(&keys, Lang::Da);
        assert_eq!(words.len(), 2, "{words:?}");
    }

    #[test]
    fn every_word_has_both_languages() {
        for (key, english, danish) in WORDS {
            assert!(!english.is_empty() && !danish.is_empty(), "{key}");
            let places = |text: &'static str| {
                let mut found: Vec<&'static str> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|part| part.split('}').next())
                    .collect();
                found.sort_unstable();
                found
            };
            assert_eq!(places(english), places(danish), "{key}");
        }
    }
}
