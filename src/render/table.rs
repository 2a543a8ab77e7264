//! The shortlist as text for a terminal, at most 100 columns wide.

use std::fmt::Write;

use super::catalog::ui;
use super::json::ShortlistJson;
use super::{Lang, element_name, printable};
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
        .map(|element| format!("{} {:.2}", element.as_str(), view.weights.get(*element)))
        .collect();
    wrap(
        &mut out,
        "",
        &format!("{}: {}", ui("weights", lang), weights.join(", ")),
    );
    let counts = [
        view.eligible_count,
        view.excluded_count,
        view.near_miss_count,
    ]
    .map(|n| n.to_string());
    let _ = writeln!(out, "{}", fill(ui("counts", lang), &counts));
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
                &format!("{text} {}", network.gates.join(", ")),
            );
        }
    }
    wrap(&mut out, "", ui("recommends", lang));
    out.push('\n');

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
            "{} {:.3}  {} {:.2}",
            ui("total", lang),
            site.total,
            ui("confidence", lang),
            site.confidence
        );
        let pad = WIDTH
            .saturating_sub(heading.chars().count() + score.chars().count())
            .max(2);
        let _ = writeln!(out, "{heading}{}{score}", " ".repeat(pad));
        let scores: Vec<String> = site
            .elements
            .iter()
            .iter()
            .map(|(key, element)| format!("{key} {:.2}", element.score))
            .collect();
        wrap(&mut out, "     ", &scores.join(" · "));
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
        for ((_, element), id) in site.elements.iter().iter().zip(ElementId::ALL) {
            if !element.texts.is_empty() {
                wrap(
                    &mut out,
                    "     ",
                    &format!("{}: {}.", element_name(id, lang), element.texts.join("; ")),
                );
            }
        }
        if let Some(updated) = &site.updated {
            let _ = writeln!(out, "     {} {updated}", ui("updated", lang));
        }
        out.push('\n');
    }

    if !view.near_misses.is_empty() {
        let _ = writeln!(out, "{}:", ui("near_misses", lang));
        for near in &view.near_misses {
            let line = format!(
                "{} — {} ({} {:.3})",
                printable(&near.site_id),
                near.text,
                ui("would_be", lang),
                near.total_without_gate
            );
            wrap(&mut out, "  ", &line);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}:", ui("excluded_by_gate", lang));
    let mut counts: Vec<(&String, &usize)> = view.excluded_counts.iter().collect();
    counts.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    for (code, count) in counts {
        let _ = writeln!(out, "  {count:>6}  {code}");
    }
    if let Some(excluded) = &view.excluded {
        out.push('\n');
        let _ = writeln!(out, "{}:", ui("excluded_sites", lang));
        for site in excluded {
            wrap(
                &mut out,
                "  ",
                &format!("{}: {}", printable(&site.site_id), site.texts.join("; ")),
            );
        }
    }
    out
}
