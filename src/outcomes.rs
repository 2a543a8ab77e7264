//! Does the matching work? Breakdown (sammenbrud) within 12 months of a decided placement, by
//! the match's total score band, by each flag the decision went against, by site type and by
//! region, with Wilson 95 % intervals and small-cell suppression; and a calibration: a
//! regularized logistic model of breakdown on the seven element scores, saying how much each
//! element's score tells, with its uncertainty, and proposing weights only when the evidence
//! is strong enough.
//!
//! Aggregate only: every figure is about a group of placements, never one child, and nothing
//! here scores a child's risk. Pure: the caller supplies the placements and the day.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::explain::ElementId;

/// The match as it stood when a placement was decided: what the report groups by. Codes and
/// scores only, nothing personal.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchFacts {
    /// The total score.
    pub total: f64,
    /// The seven element scores in element order.
    pub elements: [f64; 7],
    /// The flags raised for the site (legal defaults not met), as keys (`code` or
    /// `code:argument`).
    pub flags: Vec<String>,
    /// The site type's code.
    pub site_type: String,
    /// The site's region.
    pub region: String,
}

impl MatchFacts {
    /// The match of a site on a child's shortlist, with the flag keys that stand.
    pub fn of(
        dataset: &crate::model::Dataset,
        chosen: &crate::shortlist::RankedSite<'_>,
        flags: Vec<String>,
    ) -> MatchFacts {
        let mut elements = [0.0; 7];
        for explanation in &chosen.explanations {
            let idx = ElementId::ALL
                .iter()
                .position(|id| *id == explanation.element);
            if let (Some(idx), crate::explain::Outcome::Scored(score)) = (idx, explanation.outcome)
            {
                elements[idx] = score;
            }
        }
        let region = dataset
            .municipality(chosen.site.municipality)
            .map_or("unknown", |municipality| municipality.region.as_str());
        MatchFacts {
            total: chosen.total,
            elements,
            flags,
            site_type: chosen.site.site_type.as_str().to_string(),
            region: region.to_string(),
        }
    }
}

/// One decided placement with its match and what its follow-ups say.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchHistory {
    /// The day of the decision.
    pub decided_on: Date,
    /// The match at that moment.
    pub facts: MatchFacts,
    /// The first follow-up that recorded a breakdown.
    pub breakdown_on: Option<Date>,
    /// The first follow-up that recorded a planned end or a planned move.
    pub ended_on: Option<Date>,
}

/// Smallest number of placements a cell must have to be shown (as the fairness report).
pub const MIN_CELL: usize = crate::fairness::MIN_CELL;

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The total-score bands, as their lower bounds; the last runs to 1.
pub const SCORE_BANDS: [f64; 5] = [0.0, 0.6, 0.7, 0.8, 0.9];

/// What one placement counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// It broke down within 12 months of the decision.
    Breakdown,
    /// Twelve months passed without a breakdown (or it ended as planned before).
    NoBreakdown,
    /// Less than 12 months before the day: not counted, whatever happened.
    TooRecent,
}

/// Whether a placement broke down within 12 months, as of `as_of`. Only placements whose
/// whole year has passed count: a younger one that already broke down would otherwise be
/// counted while its peers that have not (yet) are left out, which inflates the rate. A
/// follow-up after `as_of` is not known on that day.
pub fn observe(history: &MatchHistory, as_of: Date) -> Observed {
    let Ok(year_after) = history.decided_on.checked_add(12.months()) else {
        return Observed::TooRecent;
    };
    if year_after > as_of {
        return Observed::TooRecent;
    }
    let within = |day: Option<Date>| day.is_some_and(|day| day <= year_after);
    // A breakdown after a planned end belongs to no placement of ours.
    let broke = within(history.breakdown_on)
        && history
            .ended_on
            .is_none_or(|ended| Some(ended) >= history.breakdown_on);
    if broke {
        Observed::Breakdown
    } else {
        Observed::NoBreakdown
    }
}

/// A breakdown rate with its Wilson 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Placements counted.
    pub placements: usize,
    /// Of which broke down within 12 months.
    pub breakdowns: usize,
    /// `breakdowns / placements`.
    pub rate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// The rate of `breakdowns` in `placements` with its Wilson 95 % interval; `None` for no
/// placements.
pub fn wilson(breakdowns: usize, placements: usize) -> Option<Rate> {
    if placements == 0 {
        return None;
    }
    let n = placements as f64;
    let p = breakdowns as f64 / n;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(Rate {
        placements,
        breakdowns,
        rate: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// One group of one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeCell {
    /// The group: a band such as `0.7-0.8`, a flag code, a site type code or a region.
    pub group: String,
    /// The rate, `None` when suppressed.
    pub rate: Option<Rate>,
    /// Suppressed although it has [`MIN_CELL`] placements or more, so that a small cell
    /// cannot be worked out from the total.
    pub complementary: bool,
}

/// One way of grouping the placements.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeDimension {
    /// `score_band`, `flag`, `site_type` or `region`.
    pub name: &'static str,
    /// Its cells in a fixed order.
    pub cells: Vec<OutcomeCell>,
}

/// How much one element's score tells about breakdown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElementEffect {
    /// The element.
    pub element: ElementId,
    /// Change in the log-odds of breakdown for 0.1 more of this element's score.
    pub per_tenth: f64,
    /// Lower end of its 95 % interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// Whether the element's score varies among the placements at all; when it does not
    /// (every placement scored the same), nothing can be said about it.
    pub varies: bool,
}

impl ElementEffect {
    /// The odds ratio for 0.1 more score (below 1: fewer breakdowns).
    pub fn odds_ratio(&self) -> f64 {
        self.per_tenth.exp()
    }

    /// Whether the interval lies wholly below 0 (a higher score goes with fewer breakdowns)
    /// or wholly above 0.
    pub fn clear(&self) -> bool {
        self.varies && (self.high < 0.0 || self.low > 0.0)
    }

    /// Whether a higher score clearly goes with fewer breakdowns.
    pub fn protective(&self) -> bool {
        self.varies && self.high < 0.0
    }
}

/// Why no weights are proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoProposal {
    /// Fewer placements observed than [`MIN_PLACEMENTS`].
    FewPlacements,
    /// Fewer breakdowns than [`MIN_BREAKDOWNS`].
    FewBreakdowns,
    /// The scores together do not tell breakdown apart better than chance would (likelihood
    /// ratio test, 5 % level).
    NoSignal,
    /// No element's score goes clearly with fewer breakdowns.
    NoClearElement,
}

/// Fewest observed placements before a calibration is fitted at all.
pub const MIN_PLACEMENTS: usize = 200;

/// Fewest breakdowns before weights are proposed.
pub const MIN_BREAKDOWNS: usize = 40;

/// The calibration: the model, what each element tells, and a proposal or why not.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Placements in the model.
    pub placements: usize,
    /// Breakdowns among them.
    pub breakdowns: usize,
    /// Likelihood-ratio statistic of the seven scores together against none (χ² with 7
    /// degrees of freedom); `None` when no model was fitted.
    pub likelihood_ratio: Option<f64>,
    /// Each element's effect, in element order (empty when no model was fitted).
    pub effects: Vec<ElementEffect>,
    /// Proposed weights in element order, summing to 1, or why none.
    pub proposal: Result<[f64; 7], NoProposal>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// All observed placements.
    pub overall: Option<Rate>,
    /// Placements too recent to count.
    pub too_recent: usize,
    /// The groupings.
    pub dimensions: Vec<OutcomeDimension>,
    /// The calibration.
    pub calibration: Calibration,
}

/// χ²(7) at the 5 % level.
const CHI2_7_95: f64 = 14.067;

/// L2 penalty on the element coefficients (scores in [0, 1]).
const RIDGE: f64 = 1.0;

/// The band of a total score, as `0.7-0.8`.
pub fn score_band(total: f64) -> String {
    let idx = SCORE_BANDS
        .iter()
        .rposition(|&low| total >= low)
        .unwrap_or(0);
    let low = SCORE_BANDS[idx];
    let high = SCORE_BANDS.get(idx + 1).copied().unwrap_or(1.0);
    format!("{low:.1}-{high:.1}")
}

/// The outcomes of every placement in `histories` as of `as_of`, weighed by `weights` (the
/// current element weights, in element order, for the proposal's floor).
pub fn outcomes(histories: &[MatchHistory], as_of: Date, weights: [f64; 7]) -> Outcomes {
    let mut observed = Vec::new();
    let mut too_recent = 0;
    for history in histories {
        match observe(history, as_of) {
            Observed::TooRecent => too_recent += 1,
            outcome => observed.push((history, outcome == Observed::Breakdown)),
        }
    }
    let overall = wilson(
        observed.iter().filter(|(_, broke)| *broke).count(),
        observed.len(),
    );
    let bands: Vec<String> = (0..SCORE_BANDS.len())
        .map(|idx| score_band(SCORE_BANDS[idx]))
        .collect();
    let mut dimensions = vec![
        partition("score_band", &observed, &bands, |history| {
            score_band(history.facts.total)
        }),
        flags(&observed),
    ];
    for (name, key) in [
        (
            "site_type",
            (|history: &MatchHistory| history.facts.site_type.clone())
                as fn(&MatchHistory) -> String,
        ),
        ("region", |history: &MatchHistory| {
            history.facts.region.clone()
        }),
    ] {
        let mut groups: Vec<String> = observed.iter().map(|(history, _)| key(history)).collect();
        groups.sort();
        groups.dedup();
        dimensions.push(partition(name, &observed, &groups, key));
    }
    Outcomes {
        overall,
        too_recent,
        dimensions,
        calibration: calibrate(&observed, weights),
    }
}

/// A dimension whose groups partition the placements: small cells suppressed, and one more
/// where a small one could be worked out as the total minus the others.
fn partition(
    name: &'static str,
    observed: &[(&MatchHistory, bool)],
    groups: &[String],
    key: impl Fn(&MatchHistory) -> String,
) -> OutcomeDimension {
    let counts: Vec<(usize, usize)> = groups
        .iter()
        .map(|group| {
            let members: Vec<bool> = observed
                .iter()
                .filter(|(history, _)| key(history) == *group)
                .map(|(_, broke)| *broke)
                .collect();
            (
                members.iter().filter(|broke| **broke).count(),
                members.len(),
            )
        })
        .collect();
    let sizes: Vec<usize> = counts.iter().map(|(_, size)| *size).collect();
    let mut hidden: Vec<bool> = sizes.iter().map(|&size| size < MIN_CELL).collect();
    let primary = hidden.clone();
    crate::fairness::protect_sizes(&sizes, &mut hidden);
    // Groups with no placement (a score band nobody fell in) are left out.
    let cells = groups
        .iter()
        .zip(&counts)
        .zip(hidden.iter().zip(&primary))
        .filter(|((_, (_, size)), _)| *size > 0)
        .map(
            |((group, &(breakdowns, size)), (&hide, &small))| OutcomeCell {
                group: group.clone(),
                rate: if hide { None } else { wilson(breakdowns, size) },
                complementary: hide && !small,
            },
        )
        .collect();
    OutcomeDimension { name, cells }
}

/// The flags a decision went against: one cell per flag code (a placement may count in
/// several), and one for placements without flags. Small cells are suppressed.
fn flags(observed: &[(&MatchHistory, bool)]) -> OutcomeDimension {
    let code = |key: &String| key.split(':').next().unwrap_or_default().to_string();
    let mut codes: Vec<String> = observed
        .iter()
        .flat_map(|(history, _)| history.facts.flags.iter().map(code))
        .collect();
    codes.sort();
    codes.dedup();
    codes.push(String::new());
    let cells = codes
        .into_iter()
        .map(|group| {
            let members: Vec<bool> = observed
                .iter()
                .filter(|(history, _)| {
                    if group.is_empty() {
                        history.facts.flags.is_empty()
                    } else {
                        history.facts.flags.iter().any(|flag| code(flag) == group)
                    }
                })
                .map(|(_, broke)| *broke)
                .collect();
            let breakdowns = members.iter().filter(|broke| **broke).count();
            OutcomeCell {
                rate: if members.len() < MIN_CELL {
                    None
                } else {
                    wilson(breakdowns, members.len())
                },
                group: if group.is_empty() {
                    "none".to_string()
                } else {
                    group
                },
                complementary: false,
            }
        })
        .collect();
    OutcomeDimension {
        name: "flag",
        cells,
    }
}

/// Fits the logistic model and decides whether to propose weights.
fn calibrate(observed: &[(&MatchHistory, bool)], weights: [f64; 7]) -> Calibration {
    let placements = observed.len();
    let breakdowns = observed.iter().filter(|(_, broke)| *broke).count();
    let none = |why| Calibration {
        placements,
        breakdowns,
        likelihood_ratio: None,
        effects: Vec::new(),
        proposal: Err(why),
    };
    if placements < MIN_PLACEMENTS {
        return none(NoProposal::FewPlacements);
    }
    if breakdowns == 0 || breakdowns == placements {
        return none(NoProposal::FewBreakdowns);
    }
    // An element every placement scored the same on says nothing: its column is left out.
    let mut varies = [false; 7];
    for (idx, flag) in varies.iter_mut().enumerate() {
        let first = observed[0].0.facts.elements[idx];
        *flag = observed
            .iter()
            .any(|(history, _)| (history.facts.elements[idx] - first).abs() > 1e-9);
    }
    let rows: Vec<[f64; 8]> = observed
        .iter()
        .map(|(history, _)| {
            let mut row = [1.0; 8];
            for idx in 0..7 {
                row[idx + 1] = if varies[idx] {
                    history.facts.elements[idx]
                } else {
                    0.0
                };
            }
            row
        })
        .collect();
    let outcomes: Vec<f64> = observed
        .iter()
        .map(|(_, broke)| if *broke { 1.0 } else { 0.0 })
        .collect();
    let Some(fit) = fit_logistic(&rows, &outcomes) else {
        return none(NoProposal::NoSignal);
    };
    let p = breakdowns as f64 / placements as f64;
    let null_log_likelihood =
        breakdowns as f64 * p.ln() + (placements - breakdowns) as f64 * (1.0 - p).ln();
    let likelihood_ratio = (2.0 * (fit.log_likelihood - null_log_likelihood)).max(0.0);
    let effects: Vec<ElementEffect> = ElementId::ALL
        .iter()
        .enumerate()
        .map(|(idx, &element)| {
            let beta = fit.beta[idx + 1] / 10.0;
            let se = fit.standard_errors[idx + 1] / 10.0;
            ElementEffect {
                element,
                per_tenth: beta,
                low: beta - Z95 * se,
                high: beta + Z95 * se,
                varies: varies[idx],
            }
        })
        .collect();
    let proposal = if breakdowns < MIN_BREAKDOWNS {
        Err(NoProposal::FewBreakdowns)
    } else if likelihood_ratio < CHI2_7_95 {
        Err(NoProposal::NoSignal)
    } else if !effects.iter().any(ElementEffect::protective) {
        Err(NoProposal::NoClearElement)
    } else {
        Ok(propose(&effects, weights))
    };
    Calibration {
        placements,
        breakdowns,
        likelihood_ratio: Some(likelihood_ratio),
        effects,
        proposal,
    }
}

/// Weights from the evidence. An element that could not be assessed (its score never varied)
/// keeps its whole current share. The others share the rest: half of it as now, half in
/// proportion to how strongly a higher score clearly goes with fewer breakdowns; so an element
/// without a clear effect keeps half its share and none drops out on statistics alone. Sums
/// to 1.
fn propose(effects: &[ElementEffect], weights: [f64; 7]) -> [f64; 7] {
    let current_sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let share = |idx: usize| weights[idx] / current_sum;
    let assessed: f64 = (0..7).filter(|&idx| effects[idx].varies).map(share).sum();
    let evidence: Vec<f64> = effects
        .iter()
        .map(|effect| {
            if effect.protective() {
                -effect.per_tenth
            } else {
                0.0
            }
        })
        .collect();
    let evidence_sum: f64 = evidence.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let mut proposed = [0.0; 7];
    for (idx, value) in proposed.iter_mut().enumerate() {
        *value = if effects[idx].varies {
            0.5 * share(idx) + 0.5 * assessed * evidence[idx] / evidence_sum
        } else {
            share(idx)
        };
    }
    proposed
}

/// A fitted logistic model.
struct Fit {
    beta: [f64; 8],
    standard_errors: [f64; 8],
    log_likelihood: f64,
}

/// Ridge-penalized logistic regression by Newton's method (the intercept unpenalized);
/// standard errors from the inverse of the penalized information matrix. `None` when it does
/// not converge.
#[allow(clippy::needless_range_loop)] // dense 8 × 8 algebra reads best with indices
fn fit_logistic(rows: &[[f64; 8]], outcomes: &[f64]) -> Option<Fit> {
    let mut beta = [0.0; 8];
    let mean = outcomes.iter().sum::<f64>() / outcomes.len() as f64;
    beta[0] = (mean / (1.0 - mean)).ln();
    for _ in 0..50 {
        let mut gradient = [0.0; 8];
        let mut information = [[0.0; 8]; 8];
        for (row, &y) in rows.iter().zip(outcomes) {
            let p = sigmoid(dot(row, &beta));
            let w = p * (1.0 - p);
            for i in 0..8 {
                gradient[i] += (y - p) * row[i];
                for j in 0..8 {
                    information[i][j] += w * row[i] * row[j];
                }
            }
        }
        for i in 1..8 {
            gradient[i] -= RIDGE * beta[i];
            information[i][i] += RIDGE;
        }
        let step = solve(information, gradient)?;
        let mut largest: f64 = 0.0;
        for i in 0..8 {
            beta[i] += step[i];
            largest = largest.max(step[i].abs());
        }
        if !largest.is_finite() {
            return None;
        }
        if largest < 1e-9 {
            let inverse = invert(information)?;
            let mut standard_errors = [0.0; 8];
            for i in 0..8 {
                standard_errors[i] = inverse[i][i].max(0.0).sqrt();
            }
            let log_likelihood = rows
                .iter()
                .zip(outcomes)
                .map(|(row, &y)| {
                    let p = sigmoid(dot(row, &beta)).clamp(1e-12, 1.0 - 1e-12);
                    y * p.ln() + (1.0 - y) * (1.0 - p).ln()
                })
                .sum();
            return Some(Fit {
                beta,
                standard_errors,
                log_likelihood,
            });
        }
    }
    None
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn dot(a: &[f64; 8], b: &[f64; 8]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` when singular.
#[allow(clippy::needless_range_loop)] // dense 8 × 8 algebra reads best with indices
fn solve(mut a: [[f64; 8]; 8], mut b: [f64; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..8 {
            let factor = a[row][col] / a[col][col];
            for k in col..8 {
                a[row][k] -= factor * a[col][k];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = [0.0; 8];
    for row in (0..8).rev() {
        let tail: f64 = (row + 1..8).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

/// The inverse of a symmetric positive definite matrix, column by column.
#[allow(clippy::needless_range_loop)] // dense 8 × 8 algebra reads best with indices
fn invert(a: [[f64; 8]; 8]) -> Option<[[f64; 8]; 8]> {
    let mut inverse = [[0.0; 8]; 8];
    for col in 0..8 {
        let mut unit = [0.0; 8];
        unit[col] = 1.0;
        let x = solve(a, unit)?;
        for row in 0..8 {
            inverse[row][col] = x[row];
        }
    }
    Some(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        jiff::civil::date(y, m, d)
    }

    fn history(decided_on: Date, total: f64, broke_on: Option<Date>) -> MatchHistory {
        MatchHistory {
            decided_on,
            facts: MatchFacts {
                total,
                elements: [total; 7],
                flags: Vec::new(),
                site_type: "foster_general".into(),
                region: "Hovedstaden".into(),
            },
            breakdown_on: broke_on,
            ended_on: None,
        }
    }

    #[test]
    fn a_placement_counts_once_its_twelve_months_have_passed() {
        let as_of = date(2026, 6, 1);
        assert_eq!(
            observe(&history(date(2025, 1, 1), 0.5, None), as_of),
            Observed::NoBreakdown
        );
        assert_eq!(
            observe(&history(date(2026, 1, 1), 0.5, None), as_of),
            Observed::TooRecent
        );
        // A young placement that already broke down is not counted either: counting it
        // while its peers without a breakdown wait would inflate the rate.
        assert_eq!(
            observe(
                &history(date(2026, 1, 1), 0.5, Some(date(2026, 3, 1))),
                as_of
            ),
            Observed::TooRecent
        );
        assert_eq!(
            observe(
                &history(date(2025, 1, 1), 0.5, Some(date(2025, 3, 1))),
                as_of
            ),
            Observed::Breakdown
        );
        // A breakdown after the day is not known on the day.
        assert_eq!(
            observe(
                &history(date(2025, 6, 1), 0.5, Some(date(2026, 6, 10))),
                date(2026, 6, 5)
            ),
            Observed::NoBreakdown
        );
        // A breakdown after 12 months is not a breakdown within 12 months.
        assert_eq!(
            observe(
                &history(date(2024, 1, 1), 0.5, Some(date(2025, 3, 1))),
                as_of
            ),
            Observed::NoBreakdown
        );
    }

    #[test]
    fn wilson_intervals_match_published_values() {
        // 10 of 100: 0.0552 to 0.1744 (Wilson 1927, as in R's prop.test without correction).
        let rate = wilson(10, 100).unwrap();
        assert!((rate.low - 0.0552).abs() < 1e-4, "{rate:?}");
        assert!((rate.high - 0.1744).abs() < 1e-4, "{rate:?}");
        let none = wilson(0, 20).unwrap();
        assert_eq!(none.low, 0.0);
        assert!((none.high - 0.1611).abs() < 1e-4, "{none:?}");
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn bands_cover_the_scores() {
        assert_eq!(score_band(0.0), "0.0-0.6");
        assert_eq!(score_band(0.65), "0.6-0.7");
        assert_eq!(score_band(0.9), "0.9-1.0");
        assert_eq!(score_band(1.0), "0.9-1.0");
    }

    #[test]
    fn small_cells_are_suppressed_and_one_more_so_they_cannot_be_worked_out() {
        let as_of = date(2026, 6, 1);
        let mut histories: Vec<MatchHistory> = (0..30)
            .map(|idx| {
                history(
                    date(2024, 1, 1),
                    0.85,
                    (idx % 5 == 0).then(|| date(2024, 3, 1)),
                )
            })
            .collect();
        histories.extend((0..20).map(|_| history(date(2024, 1, 1), 0.75, None)));
        histories.push(history(date(2024, 1, 1), 0.95, None));
        let report = outcomes(&histories, as_of, [1.0; 7]);
        let bands = &report.dimensions[0];
        let cell = |group: &str| bands.cells.iter().find(|cell| cell.group == group).unwrap();
        assert_eq!(cell("0.9-1.0").rate, None);
        assert!(!cell("0.9-1.0").complementary);
        // The 0.7-0.8 cell (20) is the smallest shown: suppressed so 0.9-1.0 stays hidden.
        assert_eq!(cell("0.7-0.8").rate, None);
        assert!(cell("0.7-0.8").complementary);
        assert_eq!(cell("0.8-0.9").rate.unwrap().breakdowns, 6);
        assert_eq!(report.overall.unwrap().placements, 51);
    }

    /// A synthetic history where breakdown depends on the needs score only: the model finds
    /// needs, leaves the others unclear, and proposes more weight on needs.
    #[test]
    fn the_calibration_recovers_the_element_that_matters() {
        let mut state = 7_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let histories: Vec<MatchHistory> = (0..3000)
            .map(|_| {
                let mut elements = [0.0; 7];
                for value in &mut elements {
                    *value = next();
                }
                // Siblings: every placement scored 1.0 (no sibling groups), as in a history
                // without groups.
                elements[3] = 1.0;
                let risk = sigmoid(-0.5 - 4.0 * elements[0]);
                let broke = next() < risk;
                let mut history = history(date(2023, 1, 1), 0.5, broke.then(|| date(2023, 5, 1)));
                history.facts.elements = elements;
                history
            })
            .collect();
        let report = outcomes(&histories, date(2026, 1, 1), [1.0; 7]);
        let calibration = &report.calibration;
        let needs = calibration.effects[0];
        assert!(needs.high < 0.0, "{needs:?}");
        assert!((needs.per_tenth + 0.4).abs() < 0.1, "{needs:?}");
        let unclear = calibration.effects[1..]
            .iter()
            .filter(|e| !e.clear())
            .count();
        assert!(unclear >= 5, "{:?}", calibration.effects);
        assert!(!calibration.effects[3].varies && !calibration.effects[3].clear());
        let proposal = calibration.proposal.unwrap();
        // The element that could not be assessed keeps its whole share.
        assert!((proposal[3] - 1.0 / 7.0).abs() < 1e-12, "{proposal:?}");
        assert!((proposal.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(proposal[0] > proposal[1] * 2.0, "{proposal:?}");
        assert!(
            proposal.iter().all(|&w| w >= 0.5 / 7.0 - 1e-12),
            "{proposal:?}"
        );
    }

    #[test]
    fn no_weights_are_proposed_on_too_little_or_no_signal() {
        let few: Vec<MatchHistory> = (0..50)
            .map(|_| history(date(2023, 1, 1), 0.5, None))
            .collect();
        let report = outcomes(&few, date(2026, 1, 1), [1.0; 7]);
        assert_eq!(report.calibration.proposal, Err(NoProposal::FewPlacements));
        // Breakdown independent of every score: no signal.
        let mut state = 11_u64;
        let noise: Vec<MatchHistory> = (0..2000)
            .map(|idx| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let score = (state >> 33) as f64 / (1u64 << 31) as f64;
                history(
                    date(2023, 1, 1),
                    score,
                    (idx % 6 == 0).then(|| date(2023, 3, 1)),
                )
            })
            .collect();
        let report = outcomes(&noise, date(2026, 1, 1), [1.0; 7]);
        assert!(
            report.calibration.proposal.is_err(),
            "{:?}",
            report.calibration
        );
    }
}
