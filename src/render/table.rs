//! The shortlist as text for a terminal, at most 100 columns wide.

use std::fmt::Write;

use super::catalog::ui;
use super::json::ShortlistJson;
use super::{Lang, count, decimal, element_name, percent, printable};
use crate::explain::ElementId;

/// Widest line printed.
const WIDTH: usize = 100;

/// Appends `text` word-wrapped to [`WIDTH`]; the first line starts with `indent`, the
/// following ones with as many spaces plus two.
fn wrap(out: &mut String, indent: &str, text: &str) {
    let continuation = " ".repeat(indent.chars().count());
    let mut line = String::from(indent);
    // Only ASCII spaces break lines, so that "§\u{a0}52" stays together.
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if line.trim().is_empty() || fits {
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            out.push_str(&line);
            out.push('\n');
            line = format!("{continuation}  {word}");
        }
    }
    out.push_str(&line);
    out.push('\n');
}

fn fill(template: &str, values: &[String]) -> String {
    let mut text = template.to_string();
    for value in values {
        text = text.replacen("{}", value, 1);
    }
    text
}

/// Renders the shortlist for a terminal.
pub fn shortlist_table(view: &ShortlistJson, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        ui("title", lang),
        printable(&view.child_id),
        ui("as_of", lang),
        view.as_of
    );
    let weights: Vec<String> = ElementId::ALL
        .iter()
        .map(|element| {
            format!(
                "{} {}",
                element_name(*element, lang),
                decimal(view.weights.get(*element), 2, lang)
            )
        })
        .collect();
    wrap(
        &mut out,
        "",
        &format!("{}: {}", ui("weights", lang), weights.join(", ")),
    );
    let policy = super::policy_text(&view.policy, Some(view.child.age), lang);
    wrap(&mut out, "", &format!("{}: {policy}", ui("policy", lang)));
    let counts = [
        view.eligible_count,
        view.excluded_count,
        view.near_miss_count,
    ]
    .map(|n| count(n, lang));
    wrap(&mut out, "", &fill(ui("counts", lang), &counts));
    if let Some(network) = &view.network_family {
        if network.status == "eligible" {
            wrap(
                &mut out,
                "",
                &fill(ui("network_eligible", lang), &[printable(&network.site_id)]),
            );
        } else {
            let text = fill(ui("network_excluded", lang), &[printable(&network.site_id)]);
            wrap(
                &mut out,
                "",
                &format!("{text} {}.", super::sentence_list(&network.texts)),
            );
        }
    }
    wrap(&mut out, "", ui("recommends", lang));
    out.push('\n');

    if let Some(conversation) = &view.child_conversation {
        let mark = if conversation.recorded { "" } else { "(!) " };
        wrap(&mut out, "", &format!("{mark}{}.", conversation.text));
    }
    if let Some(views) = &view.child_views {
        for missing in &views.missing {
            wrap(&mut out, "", &format!("(!) {missing}."));
        }
        for consent in views.consents.iter().filter(|c| c.status == "refused") {
            wrap(&mut out, "", &format!("(!) {}.", consent.text));
        }
    }
    if view.eligible.is_empty() {
        let _ = writeln!(out, "{}", ui("none_eligible", lang));
    }
    for site in &view.eligible {
        let heading = format!(
            "{:>3}. {}  {}, {}",
            site.rank,
            printable(&site.site_id),
            site.site_type_text,
            printable(&site.municipality_name)
        );
        let score = format!(
            "{} {}  {} {}",
            ui("total", lang),
            decimal(site.total, 3, lang),
            ui("confidence", lang),
            percent(site.confidence, lang)
        );
        let room = heading.chars().count() + 2 + score.chars().count();
        if room <= WIDTH {
            let pad = WIDTH - heading.chars().count() - score.chars().count();
            let _ = writeln!(out, "{heading}{}{score}", " ".repeat(pad));
        } else {
            // A long site type: the figures go on a line of their own, right-aligned.
            let _ = writeln!(out, "{heading}");
            let _ = writeln!(out, "{score:>WIDTH$}");
        }
        let scores: Vec<String> = site
            .elements
            .iter()
            .map(|(id, element)| {
                format!(
                    "{} {}",
                    element_name(id, lang),
                    decimal(element.score, 2, lang)
                )
            })
            .collect();
        wrap(&mut out, "     ", &scores.join(" · "));
        if let Some(inquiry) = &site.inquiry {
            let label = match lang {
                Lang::Da => "Forespørgsel",
                Lang::En => "Inquiry",
            };
            wrap(&mut out, "     ", &format!("{label}: {}.", inquiry.text));
        }
        for flag in &site.flag_details {
            let law = flag
                .law
                .map(|law| format!(" ({})", law.replace(' ', "\u{a0}")))
                .unwrap_or_default();
            wrap(&mut out, "     ! ", &format!("{}{law}", flag.text));
        }
        for gap in &site.gap_details {
            wrap(&mut out, "     - ", &gap.text);
        }
        let shown_above: Vec<String> = site.flags.iter().chain(&site.gaps).cloned().collect();
        for (id, element) in site.elements.iter() {
            let sentences = super::sentences(element, &shown_above, true);
            if !sentences.is_empty() {
                wrap(
                    &mut out,
                    "     ",
                    &format!("{}: {sentences}.", element_name(id, lang)),
                );
            }
        }
        if let Some(updated) = &site.updated {
            let _ = writeln!(out, "     {} {updated}", ui("updated", lang));
        }
        out.push('\n');
    }

    if !view.declined.is_empty() {
        let _ = writeln!(
            out,
            "{}:",
            match lang {
                Lang::Da => "Har sagt nej og er taget ud af rækkefølgen",
                Lang::En => "Declined and left out of the ranking",
            }
        );
        for inquiry in &view.declined {
            wrap(
                &mut out,
                "  ",
                &format!("{}: {}.", printable(&inquiry.site_id), inquiry.text),
            );
        }
    }
    if !view.near_misses.is_empty() {
        let _ = writeln!(out, "{}:", ui("near_misses", lang));
        for near in &view.near_misses {
            let fix = near
                .fix
                .as_ref()
                .map(|fix| format!(" {fix}."))
                .unwrap_or_default();
            let line = format!(
                "{} — {} ({} {}).{fix}",
                printable(&near.site_id),
                near.text,
                ui("would_be", lang),
                decimal(near.total_without_gate, 3, lang)
            );
            wrap(&mut out, "  ", &line);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}:", ui("excluded_by_gate", lang));
    for gate in &view.excluded_by_gate {
        let _ = writeln!(out, "  {:>6}  {}", count(gate.count, lang), gate.text);
    }
    if let Some(excluded) = &view.excluded {
        out.push('\n');
        let _ = writeln!(out, "{}:", ui("excluded_sites", lang));
        for site in excluded {
            wrap(
                &mut out,
                "  ",
                &format!(
                    "{}: {}",
                    printable(&site.site_id),
                    super::sentence_list(&site.texts)
                ),
            );
        }
    }
    out
}
