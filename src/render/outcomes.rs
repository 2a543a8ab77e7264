//! The outcomes report (`report outcomes`) as JSON, CSV and text: breakdown rates within 12
//! months with their intervals, by score band, flag, site type and region, and the
//! calibration of the element scores. Aggregate figures only.

use std::fmt::Write as _;

use serde::Serialize;

use super::Lang;
use crate::model::{SiteType, Vocabulary};
use crate::outcomes::{ElementEffect, NoProposal, Outcomes, Rate};

/// A rate with its interval.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RateJson {
    /// Placements counted.
    pub placements: usize,
    /// Of which broke down within 12 months.
    pub breakdowns: usize,
    /// The breakdown rate.
    pub rate: f64,
    /// Lower end of the Wilson 95 % interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// One group of one dimension.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutcomeCellJson {
    /// The group's code.
    pub group: String,
    /// The group in words.
    pub label: String,
    /// The rate, `null` when suppressed.
    pub rate: Option<RateJson>,
    /// Suppressed.
    pub suppressed: bool,
    /// Suppressed only so that a small cell cannot be worked out.
    pub complementary: bool,
}

/// One dimension.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutcomeDimensionJson {
    /// `score_band`, `flag`, `site_type` or `region`.
    pub name: String,
    /// Its name in words.
    pub label: String,
    /// Its groups.
    pub cells: Vec<OutcomeCellJson>,
}

/// What one element's score tells.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EffectJson {
    /// The element's key.
    pub element: String,
    /// Its name.
    pub label: String,
    /// Odds ratio of breakdown for 0.1 more score.
    pub odds_ratio: f64,
    /// Lower end of its 95 % interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// `fewer` (a higher score goes clearly with fewer breakdowns), `more`, `unclear`, or
    /// `not_assessable` (every placement had the same score on this element).
    pub reading: &'static str,
}

/// The calibration.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CalibrationJson {
    /// Placements in the model.
    pub placements: usize,
    /// Breakdowns among them.
    pub breakdowns: usize,
    /// Likelihood-ratio statistic of the seven scores (χ², 7 degrees of freedom).
    pub likelihood_ratio: Option<f64>,
    /// Each element's effect.
    pub effects: Vec<EffectJson>,
    /// Proposed weights by element key, `null` when none.
    pub proposed_weights: Option<std::collections::BTreeMap<String, f64>>,
    /// Why no weights are proposed (`few_placements`, `few_breakdowns`, `no_signal`,
    /// `no_clear_element`), `null` when proposed.
    pub no_proposal: Option<&'static str>,
    /// The same in words.
    pub no_proposal_text: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutcomesJson {
    /// The day the report looks from.
    pub as_of: String,
    /// All observed placements.
    pub overall: Option<RateJson>,
    /// Placements under 12 months old without a breakdown, not counted.
    pub too_recent: usize,
    /// Smallest cell shown.
    pub min_cell: usize,
    /// The groupings.
    pub dimensions: Vec<OutcomeDimensionJson>,
    /// The calibration.
    pub calibration: CalibrationJson,
}

fn rate_json(rate: &Rate) -> RateJson {
    RateJson {
        placements: rate.placements,
        breakdowns: rate.breakdowns,
        rate: rate.rate,
        low: rate.low,
        high: rate.high,
    }
}

fn dimension_label(name: &str, lang: Lang) -> &'static str {
    match (name, lang) {
        ("score_band", Lang::Da) => "Efter samlet score",
        ("score_band", Lang::En) => "By total score",
        ("flag", Lang::Da) => "Efter markering på det valgte sted ved afgørelsen",
        ("flag", Lang::En) => "By flag on the chosen site at the decision",
        ("site_type", Lang::Da) => "Efter stedtype",
        ("site_type", Lang::En) => "By site type",
        (_, Lang::Da) => "Efter region",
        (_, Lang::En) => "By region",
    }
}

fn group_label(dimension: &str, group: &str, lang: Lang) -> String {
    match dimension {
        "score_band" => group.replace('-', "–").replace(
            '.',
            match lang {
                Lang::Da => ",",
                Lang::En => ".",
            },
        ),
        "flag" if group == "none" => super::choose(lang, "no flag", "ingen markering").to_string(),
        "flag" => super::flag_label(group, lang),
        "site_type" => SiteType::from_code(group).map_or_else(
            || super::printable(group),
            |kind| super::site_type_name(kind, lang).to_string(),
        ),
        _ => super::printable(group),
    }
}

fn no_proposal_code(why: NoProposal) -> &'static str {
    match why {
        NoProposal::FewPlacements => "few_placements",
        NoProposal::FewBreakdowns => "few_breakdowns",
        NoProposal::NoSignal => "no_signal",
        NoProposal::NoClearElement => "no_clear_element",
    }
}

fn no_proposal_text(why: NoProposal, lang: Lang) -> String {
    let (english, danish) = match why {
        NoProposal::FewPlacements => (
            format!(
                "fewer than {} placements have been followed for 12 months",
                crate::outcomes::MIN_PLACEMENTS
            ),
            format!(
                "færre end {} anbringelser er fulgt i 12 måneder",
                crate::outcomes::MIN_PLACEMENTS
            ),
        ),
        NoProposal::FewBreakdowns => (
            format!(
                "fewer than {} breakdowns to learn from",
                crate::outcomes::MIN_BREAKDOWNS
            ),
            format!(
                "færre end {} sammenbrud at lære af",
                crate::outcomes::MIN_BREAKDOWNS
            ),
        ),
        NoProposal::NoSignal => (
            "the seven scores together do not tell breakdowns apart better than chance (likelihood-ratio test, 5 % level)".to_string(),
            "de syv scorer siger tilsammen ikke mere om sammenbrud, end tilfældet ville (likelihood ratio-test, 5 %-niveau)".to_string(),
        ),
        NoProposal::NoClearElement => (
            "no element's higher score goes clearly with fewer breakdowns".to_string(),
            "intet element, hvor en højere score klart hænger sammen med færre sammenbrud".to_string(),
        ),
    };
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

fn reading(effect: &ElementEffect) -> &'static str {
    if !effect.varies {
        "not_assessable"
    } else if effect.high < 0.0 {
        "fewer"
    } else if effect.low > 0.0 {
        "more"
    } else {
        "unclear"
    }
}

/// The report as JSON.
pub fn outcomes_json(report: &Outcomes, as_of: &str, lang: Lang) -> OutcomesJson {
    let dimensions = report
        .dimensions
        .iter()
        .map(|dimension| {
            let mut cells: Vec<OutcomeCellJson> = dimension
                .cells
                .iter()
                .map(|cell| OutcomeCellJson {
                    label: group_label(dimension.name, &cell.group, lang),
                    group: cell.group.clone(),
                    rate: cell.rate.as_ref().map(rate_json),
                    suppressed: cell.rate.is_none(),
                    complementary: cell.complementary,
                })
                .collect();
            // Site types in the order of their names in the reader's language.
            if dimension.name == "site_type" {
                cells.sort_by(|a, b| a.label.cmp(&b.label));
            }
            OutcomeDimensionJson {
                name: dimension.name.to_string(),
                label: dimension_label(dimension.name, lang).to_string(),
                cells,
            }
        })
        .collect();
    let calibration = &report.calibration;
    OutcomesJson {
        as_of: as_of.to_string(),
        overall: report.overall.as_ref().map(rate_json),
        too_recent: report.too_recent,
        min_cell: crate::outcomes::MIN_CELL,
        dimensions,
        calibration: CalibrationJson {
            placements: calibration.placements,
            breakdowns: calibration.breakdowns,
            likelihood_ratio: calibration.likelihood_ratio,
            effects: calibration
                .effects
                .iter()
                .map(|effect| EffectJson {
                    element: effect.element.as_str().to_string(),
                    label: super::element_name(effect.element, lang).to_string(),
                    odds_ratio: effect.odds_ratio(),
                    low: effect.low.exp(),
                    high: effect.high.exp(),
                    reading: reading(effect),
                })
                .collect(),
            proposed_weights: calibration.proposal.ok().map(|weights| {
                crate::explain::ElementId::ALL
                    .iter()
                    .zip(weights)
                    .map(|(element, weight)| {
                        (
                            element.as_str().to_string(),
                            (weight * 1000.0).round() / 1000.0,
                        )
                    })
                    .collect()
            }),
            no_proposal: calibration.proposal.err().map(no_proposal_code),
            no_proposal_text: calibration
                .proposal
                .err()
                .map(|why| no_proposal_text(why, lang)),
        },
    }
}

/// A rate as `7,1 % (5,9–8,5 %) · 87 af 1.234`.
fn rate_text(rate: &RateJson, lang: Lang) -> String {
    let share = |value: f64| super::decimal(value * 100.0, 1, lang);
    let of = super::choose(lang, "of", "af");
    let unit = super::choose(lang, "%", "\u{a0}%");
    format!(
        "{}{unit} ({}–{}{unit}) · {} {of} {}",
        share(rate.rate),
        share(rate.low),
        share(rate.high),
        super::count(rate.breakdowns, lang),
        super::count(rate.placements, lang)
    )
}

/// The report as text for a terminal.
pub fn outcomes_table(view: &OutcomesJson, lang: Lang) -> String {
    let mut out = String::new();
    let observed = view.overall.as_ref().map_or(0, |rate| rate.placements);
    let _ = match lang {
        Lang::Da => writeln!(
            out,
            "Sammenbrud inden for 12 måneder efter afgørelsen, skæringsdato {}: {} anbringelser er fulgt i 12 måneder ({} er under 12 måneder gamle og tæller ikke med). Tallene i parentes er 95 %-konfidensintervaller (Wilson). Grupper med færre end {} anbringelser vises ikke.",
            view.as_of,
            super::count(observed, lang),
            super::count(view.too_recent, lang),
            view.min_cell
        ),
        Lang::En => writeln!(
            out,
            "Breakdown within 12 months of the decision, as of {}: {} placements followed for 12 months ({} are under 12 months old and do not count). The figures in brackets are 95% confidence intervals (Wilson). Groups with fewer than {} placements are not shown.",
            view.as_of,
            super::count(observed, lang),
            super::count(view.too_recent, lang),
            view.min_cell
        ),
    };
    let hidden = match lang {
        Lang::Da => format!("vises ikke (under {})", view.min_cell),
        Lang::En => format!("not shown (under {})", view.min_cell),
    };
    let width = view
        .dimensions
        .iter()
        .flat_map(|dimension| dimension.cells.iter())
        .map(|cell| cell.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(12, 60);
    let line = |out: &mut String, label: &str, rate: Option<&RateJson>| {
        let text = rate.map_or_else(|| hidden.to_string(), |rate| rate_text(rate, lang));
        let _ = writeln!(out, "  {label:<width$}  {text}");
    };
    let _ = writeln!(out);
    line(
        &mut out,
        super::choose(lang, "All", "Alle"),
        view.overall.as_ref(),
    );
    for dimension in &view.dimensions {
        let _ = writeln!(out, "\n{}", dimension.label);
        for cell in &dimension.cells {
            line(&mut out, &cell.label, cell.rate.as_ref());
        }
    }
    let calibration = &view.calibration;
    let _ = writeln!(out);
    let _ = match lang {
        Lang::Da => writeln!(
            out,
            "Hvad hvert elements score siger om sammenbrud (logistisk model med de syv scorer, {} anbringelser, {} sammenbrud). Tallet er en oddsratio: hvor mange gange oddsene for sammenbrud ganges med, når elementets score er 0,1 højere og de øvrige scorer er uændrede (under 1: færre sammenbrud), med 95 %-konfidensinterval.",
            super::count(calibration.placements, lang),
            super::count(calibration.breakdowns, lang)
        ),
        Lang::En => writeln!(
            out,
            "What each element's score tells about breakdown (logistic model of the seven scores, {} placements, {} breakdowns). The figure is an odds ratio: how many times the odds of breakdown are multiplied when the element's score is 0.1 higher and the other scores stay the same (below 1: fewer breakdowns), with a 95% confidence interval.",
            super::count(calibration.placements, lang),
            super::count(calibration.breakdowns, lang)
        ),
    };
    let name_width = calibration
        .effects
        .iter()
        .map(|effect| effect.label.chars().count())
        .max()
        .unwrap_or(0);
    for effect in &calibration.effects {
        let words = match (effect.reading, lang) {
            ("fewer", Lang::Da) => "færre sammenbrud ved højere score (sikker sammenhæng)",
            ("fewer", Lang::En) => "fewer breakdowns with a higher score (a clear link)",
            ("more", Lang::Da) => {
                "flere sammenbrud ved højere score (sikker sammenhæng); se nærmere på elementet"
            }
            ("more", Lang::En) => {
                "more breakdowns with a higher score (a clear link); look into the element"
            }
            ("not_assessable", Lang::Da) => "kan ikke vurderes (alle anbringelser har samme score)",
            ("not_assessable", Lang::En) => {
                "cannot be assessed (every placement has the same score)"
            }
            (_, Lang::Da) => "ingen sikker sammenhæng",
            (_, Lang::En) => "no clear link",
        };
        if effect.reading == "not_assessable" {
            let _ = writeln!(out, "  {:<name_width$}  {words}", effect.label);
            continue;
        }
        let _ = writeln!(
            out,
            "  {:<name_width$}  {} ({}–{})  {words}",
            effect.label,
            super::decimal(effect.odds_ratio, 2, lang),
            super::decimal(effect.low, 2, lang),
            super::decimal(effect.high, 2, lang),
        );
    }
    if calibration.effects.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            super::choose(lang, "no model fitted", "ingen model beregnet")
        );
    }
    let _ = writeln!(out);
    match (&calibration.proposed_weights, &calibration.no_proposal_text) {
        (Some(weights), _) => {
            let _ = writeln!(
                out,
                "{}",
                super::choose(
                    lang,
                    "Proposed weights from the outcomes. Elements without a clear link keep half their share, elements that cannot be assessed all of it. The proposal is not used automatically: if you decide to use it, save the lines in a file and give it with --weights.",
                    "Forslag til vægte ud fra udfaldene. Elementer uden sikker sammenhæng beholder halvdelen af deres andel, elementer, der ikke kan vurderes, hele andelen. Forslaget bruges ikke automatisk: beslutter I at bruge det, så gem linjerne i en fil, og angiv den med --weights.",
                )
            );
            // In element order, as lines of a weights file.
            for effect in &calibration.effects {
                if let Some(weight) = weights.get(&effect.element) {
                    let _ = writeln!(
                        out,
                        "  {} = {weight:.3}  # {}",
                        effect.element, effect.label
                    );
                }
            }
        }
        (None, Some(why)) => {
            let _ = writeln!(
                out,
                "{} {why}.",
                super::choose(lang, "No weights are proposed:", "Ingen forslag til vægte:")
            );
        }
        (None, None) => {}
    }
    let _ = writeln!(
        out,
        "\n{}",
        super::choose(
            lang,
            "The figures are about groups of placements; they say nothing about one child and are not a risk assessment.",
            "Tallene handler om grupper af anbringelser; de siger intet om det enkelte barn og er ikke en risikovurdering.",
        )
    );
    out
}

/// CSV columns.
const COLUMNS: [&str; 8] = [
    "dimension",
    "group",
    "label",
    "placements",
    "breakdowns",
    "rate",
    "low",
    "high",
];

/// The groups as CSV rows (header first); suppressed cells have empty figures.
pub fn outcomes_csv_rows(view: &OutcomesJson) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS.iter().map(ToString::to_string).collect()];
    let figures = |rate: Option<&RateJson>| match rate {
        Some(rate) => vec![
            rate.placements.to_string(),
            rate.breakdowns.to_string(),
            format!("{:.4}", rate.rate),
            format!("{:.4}", rate.low),
            format!("{:.4}", rate.high),
        ],
        None => vec![String::new(); 5],
    };
    let mut all = vec!["all".to_string(), "all".to_string(), String::new()];
    all.extend(figures(view.overall.as_ref()));
    rows.push(all);
    for dimension in &view.dimensions {
        for cell in &dimension.cells {
            let mut row = vec![
                dimension.name.clone(),
                cell.group.clone(),
                cell.label.clone(),
            ];
            row.extend(figures(cell.rate.as_ref()));
            rows.push(
                row.into_iter()
                    .map(|value| super::escape_cell(&value).into_owned())
                    .collect(),
            );
        }
    }
    rows
}
