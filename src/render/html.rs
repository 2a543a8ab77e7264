//! The shortlist as a self-contained, print-ready HTML page for the case file: no scripts,
//! no external fonts or styles, every value escaped.

use std::fmt::Write;

use super::catalog::ui;
use super::json::ShortlistJson;
use super::{Lang, element_name};
use crate::explain::ElementId;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}\
.bar{display:inline-block;height:.6rem;background:#345;vertical-align:middle;margin-right:.3rem}\
.flag{color:#8a1c00}.gap{color:#6b4e00}.site{break-inside:avoid;border-top:2px solid #333;padding-top:.5rem}\
.note{font-size:.9rem;color:#333}.child dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}.child dt{font-weight:600}.child dd{margin:0}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// The child's situation as a labelled list (the shortlist page and the decision basis).
pub(crate) fn child_section(out: &mut String, child: &super::ChildPanelJson) {
    let _ = write!(
        out,
        "<section class=\"child\"><h2>{}</h2><dl>",
        escape(&child.heading)
    );
    for fact in &child.facts {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(fact.label),
            escape(&fact.text)
        );
    }
    out.push_str("</dl></section>\n");
}

/// Renders the shortlist as a self-contained, print-ready HTML page.
pub fn shortlist_html(view: &ShortlistJson, lang: Lang) -> String {
    let mut out = String::new();
    let title = format!("{} {}", ui("title", lang), view.child_id);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.as_str(),
        escape(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p>{}: {} · placematch {}</p>",
        ui("as_of", lang),
        escape(&view.as_of),
        escape(view.engine_version)
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>",
        escape(ui("recommends", lang))
    );
    child_section(&mut out, &view.child);
    let _ = write!(out, "<table><caption>{}</caption><tr>", ui("weights", lang));
    for element in ElementId::ALL {
        let _ = write!(out, "<th>{}</th>", escape(element_name(element, lang)));
    }
    out.push_str("</tr><tr>");
    for element in ElementId::ALL {
        let _ = write!(
            out,
            "<td>{}</td>",
            super::decimal(view.weights.get(element), 2, lang)
        );
    }
    out.push_str("</tr></table>\n");
    let counts = ui("counts", lang)
        .replacen("{}", &super::count(view.eligible_count, lang), 1)
        .replacen("{}", &super::count(view.excluded_count, lang), 1)
        .replacen("{}", &super::count(view.near_miss_count, lang), 1);
    let policy = super::policy_text(&view.policy, Some(view.child.age), lang);
    let _ = writeln!(
        out,
        "<p>{}: {}</p>",
        escape(ui("policy", lang)),
        escape(&policy)
    );
    let _ = writeln!(out, "<p>{}</p>", escape(&counts));
    if let Some(network) = &view.network_family {
        let key = if network.status == "eligible" {
            "network_eligible"
        } else {
            "network_excluded"
        };
        let text = ui(key, lang).replacen("{}", &network.site_id, 1);
        let _ = writeln!(
            out,
            "<p>{} {}</p>",
            escape(&text),
            escape(&super::sentence_list(&network.texts))
        );
    }

    if view.eligible.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(ui("none_eligible", lang)));
    }
    for site in &view.eligible {
        let _ = writeln!(
            out,
            "<section class=\"site\"><h2>{}. {} — {}, {}</h2>",
            site.rank,
            escape(&site.site_id),
            escape(site.site_type_text),
            escape(&site.municipality_name)
        );
        let _ = writeln!(
            out,
            "<p>{} <strong>{}</strong> · {} {} · {} {}</p>",
            ui("total", lang),
            super::decimal(site.total, 3, lang),
            ui("confidence", lang),
            super::percent(site.confidence, lang),
            ui("updated", lang),
            escape(site.updated.as_deref().unwrap_or("—"))
        );
        for flag in &site.flag_details {
            let law = flag.law.map(|law| format!(" ({law})")).unwrap_or_default();
            let _ = writeln!(
                out,
                "<p class=\"flag\">(!) {}{}</p>",
                escape(&flag.text),
                escape(&law)
            );
        }
        for gap in &site.gap_details {
            let _ = writeln!(out, "<p class=\"gap\">△ {}</p>", escape(&gap.text));
        }
        out.push_str("<table>");
        let shown_above: Vec<String> = site.flags.iter().chain(&site.gaps).cloned().collect();
        for (id, element) in site.elements.iter() {
            let width = (element.score * 8.0).round();
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td><span class=\"bar\" style=\"width:{width}rem\"></span>{}</td><td>{}</td></tr>",
                escape(element_name(id, lang)),
                super::decimal(element.score, 2, lang),
                escape(&super::sentences(element, &shown_above, false))
            );
        }
        out.push_str("</table></section>\n");
    }

    if !view.near_misses.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2><ul>", ui("near_misses", lang));
        for near in &view.near_misses {
            let _ = writeln!(
                out,
                "<li>{}: {} ({} {}). {}</li>",
                escape(&near.site_id),
                escape(&near.text),
                ui("would_be", lang),
                super::decimal(near.total_without_gate, 3, lang),
                escape(near.fix.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2><table>", ui("excluded_by_gate", lang));
    for row in &view.excluded_by_gate {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&row.text),
            super::count(row.count, lang)
        );
    }
    out.push_str("</table>\n");
    if let Some(excluded) = &view.excluded {
        let _ = writeln!(out, "<h2>{}</h2><table>", ui("excluded_sites", lang));
        for site in excluded {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&site.site_id),
                escape(&super::sentence_list(&site.texts)),
                escape(site.updated.as_deref().unwrap_or("—"))
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
