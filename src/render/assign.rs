//! Batch assignments and scenario comparisons as JSON (PRODUCT.md section 9), CSV and text.

use std::fmt::Write;

use serde::Serialize;

use std::collections::BTreeMap;

use super::catalog::{Wording, code_text, lookup};
use super::json::{FlagJson, PolicyJson, WeightsJson, flag_json};
use super::proof::{proof_summary, proof_text};
use super::{Lang, count, decimal, round6};
use crate::explain::Reason;
use crate::model::Dataset;
use crate::optimize::{
    Assignment, Metrics, Placement, Priorities, Proof, ProofStep, UnassignedReason,
};
use crate::score::{Policy, Weights};

/// `objective` of the assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ObjectiveJson {
    /// Children placed.
    pub placed: usize,
    /// Children in the data.
    pub children: usize,
    /// Sum of total scores of placed children.
    pub total_score: f64,
    /// Score points lost to split sibling groups.
    pub split_penalty: f64,
}

/// How optimality was established, as data.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProofJson {
    /// `integral` (the LP optimum is already whole), `branch_and_bound`, `partitions` or
    /// `milp`.
    pub step: &'static str,
    /// Sites per child in the first flow model.
    pub candidates: usize,
    /// Widening rounds of the flow model.
    pub widenings: usize,
    /// Sibling groups split in the LP optimum (0 for `integral`).
    pub split_groups: usize,
    /// Branch-and-bound nodes searched.
    pub nodes: Option<usize>,
    /// Ways of dividing the sibling groups solved (`partitions` only).
    pub choices: Option<usize>,
    /// Whether the last step finished (proven optimal).
    pub complete: bool,
}

/// `optimality` of the assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OptimalityJson {
    /// `optimal` or `time_limit`.
    pub status: &'static str,
    /// In plain words, in the requested language: proven, or how far from the best at most.
    pub summary: String,
    /// How optimality was established, in the requested language (technical).
    pub method: String,
    /// The same proof as data.
    pub proof: ProofJson,
    /// Relative gap to the proven upper bound on the exact objective (mixes the tiers; read
    /// `more_placed_at_most` and `gap_score_points` for what is proven).
    pub gap: f64,
    /// At most this many more children could be placed (0: the number placed is proven the
    /// highest possible); absent when `placed` is not the first priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_placed_at_most: Option<u64>,
    /// At most this many score points are missing, when every higher priority is proven.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap_score_points: Option<f64>,
    /// Columns checked by the dual certificate.
    pub pairs_certified: usize,
    /// Columns in the final flow model.
    pub candidate_pairs: usize,
    /// Flow rounds.
    pub rounds: usize,
    /// Columns of the MILP, 0 when none was needed.
    pub milp_columns: usize,
    /// MILP backend of this build.
    pub backend: &'static str,
}

/// One placed child.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignmentJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Site.
    pub site_id: String,
    /// Total score of the pair.
    pub total: f64,
    /// Whether the planner locked it.
    pub locked: bool,
    /// Legal defaults this placement leaves unmet (keys).
    pub flags: Vec<String>,
    /// The same with their legal basis and words.
    pub flag_details: Vec<FlagJson>,
}

/// One unassigned child and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UnassignedJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Reason code.
    pub reason: &'static str,
    /// The reason in words.
    pub text: &'static str,
    /// For `assign.sites_saturated`: the child's best eligible sites, all full.
    pub saturated_sites: Vec<String>,
}

/// The assignment JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignJson {
    /// Scenario name.
    pub scenario: String,
    /// Reference date.
    pub as_of: String,
    /// Language of the texts.
    pub lang: &'static str,
    /// placematch version.
    pub engine_version: &'static str,
    /// Normalized weights.
    pub weights: WeightsJson,
    /// Objective values.
    pub objective: ObjectiveJson,
    /// How optimality was established.
    pub optimality: OptimalityJson,
    /// The tiers of the objective, highest first.
    pub priorities: Vec<&'static str>,
    /// The municipality's local policy used.
    pub policy: PolicyJson,
    /// Placed children.
    pub assignments: Vec<AssignmentJson>,
    /// Unplaced children and why.
    pub unassigned: Vec<UnassignedJson>,
    /// Figures of the result.
    pub metrics: MetricsJson,
}

/// Figures of an assignment (also the sides of `compare`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MetricsJson {
    /// Scenario name.
    pub scenario: String,
    /// Children in the data.
    pub children: usize,
    /// Children placed.
    pub placed: usize,
    /// Sum of total scores.
    pub total_score: f64,
    /// Sibling groups in the data.
    pub sibling_groups: usize,
    /// Groups placed whole at one site.
    pub siblings_together: usize,
    /// Groups split over sites.
    pub siblings_split: usize,
    /// Median minutes from home to site.
    pub median_travel_minutes_home: Option<f64>,
    /// Median minutes from school to site.
    pub median_travel_minutes_school: Option<f64>,
    /// School-age children placed more than 45 minutes from school.
    pub school_changes: usize,
    /// Share of placed children in family care.
    pub family_care_share: Option<f64>,
    /// Share of placed children in institutions and other sites.
    pub institutional_share: Option<f64>,
    /// Placed children per flag (legal default not met), by flag code.
    pub flag_counts: BTreeMap<String, usize>,
}

/// Builds the figures view.
pub fn metrics_json(scenario: &str, metrics: &Metrics, flags: &[Vec<Reason>]) -> MetricsJson {
    let mut flag_counts: BTreeMap<String, usize> = BTreeMap::new();
    for reason in flags.iter().flatten() {
        *flag_counts
            .entry(reason.code.as_str().to_string())
            .or_default() += 1;
    }
    MetricsJson {
        scenario: scenario.to_string(),
        children: metrics.children,
        placed: metrics.placed,
        total_score: round6(metrics.total_score),
        sibling_groups: metrics.sibling_groups,
        siblings_together: metrics.groups_together,
        siblings_split: metrics.groups_split,
        median_travel_minutes_home: metrics.median_minutes_home.map(round6),
        median_travel_minutes_school: metrics.median_minutes_school.map(round6),
        school_changes: metrics.school_changes,
        family_care_share: metrics.family_share.map(round6),
        institutional_share: metrics.family_share.map(|share| round6(1.0 - share)),
        flag_counts,
    }
}

/// What an assignment view is made from.
pub struct AssignInput<'a> {
    /// Scenario name.
    pub scenario: &'a str,
    /// Reference date.
    pub as_of: &'a str,
    /// Weights used.
    pub weights: &'a Weights,
    /// The data as the scenario changed it.
    pub dataset: &'a Dataset,
    /// The assignment.
    pub assignment: &'a Assignment,
    /// Its metrics.
    pub metrics: &'a Metrics,
    /// Each child's flags.
    pub flags: &'a [Vec<Reason>],
    /// The tiers used.
    pub priorities: &'a Priorities,
    /// The policy used.
    pub policy: &'a Policy,
}

/// Builds the assignment view.
pub fn assign_json(input: &AssignInput<'_>, lang: Lang) -> AssignJson {
    let AssignInput {
        scenario,
        as_of,
        weights,
        dataset,
        assignment,
        metrics,
        flags,
        priorities,
        policy,
    } = *input;
    let children = dataset.children();
    let sites = dataset.sites();
    let mut assignments = Vec::new();
    let mut unassigned = Vec::new();
    for ((child, placement), child_flags) in children
        .iter()
        .zip(&assignment.placements)
        .zip(flags.iter().chain(std::iter::repeat(&Vec::new())))
    {
        let wording = Wording::new(lang, child.age);
        match placement {
            Placement::Placed {
                site,
                total,
                locked,
            } => assignments.push(AssignmentJson {
                child_id: child.id.to_string(),
                site_id: sites[*site].id.to_string(),
                total: round6(*total),
                locked: *locked,
                flags: child_flags.iter().map(Reason::key).collect(),
                flag_details: child_flags
                    .iter()
                    .map(|flag| flag_json(flag, wording))
                    .collect(),
            }),
            Placement::Unassigned(reason) => unassigned.push(UnassignedJson {
                child_id: child.id.to_string(),
                reason: reason.code(),
                text: code_text(reason.code(), lang).unwrap_or(""),
                saturated_sites: match reason {
                    UnassignedReason::SitesSaturated(sites) => {
                        sites.iter().map(ToString::to_string).collect()
                    }
                    _ => Vec::new(),
                },
            }),
        }
    }
    let optimality = &assignment.optimality;
    AssignJson {
        scenario: scenario.to_string(),
        as_of: as_of.to_string(),
        lang: lang.as_str(),
        engine_version: env!("CARGO_PKG_VERSION"),
        weights: WeightsJson::from(weights),
        objective: ObjectiveJson {
            placed: assignment.placed,
            children: children.len(),
            total_score: round6(assignment.total_score),
            // `+ 0.0` turns a negative zero into zero.
            split_penalty: round6(assignment.split_penalty) + 0.0,
        },
        optimality: optimality_json(optimality, lang),
        priorities: priorities
            .as_slice()
            .iter()
            .map(|priority| priority.as_str())
            .collect(),
        policy: PolicyJson::from(policy),
        assignments,
        unassigned,
        metrics: metrics_json(scenario, metrics, flags),
    }
}

/// How far an assignment is proven, in plain words, technically and as figures.
fn optimality_json(optimality: &crate::optimize::Optimality, lang: Lang) -> OptimalityJson {
    OptimalityJson {
        status: optimality.status,
        summary: proof_summary(optimality, lang),
        method: proof_text(&optimality.proof, lang),
        proof: proof_json(&optimality.proof),
        gap: round6(optimality.gap),
        more_placed_at_most: optimality.more_placed_at_most,
        gap_score_points: optimality.gap_score_points.map(round6),
        pairs_certified: optimality.pairs_certified,
        candidate_pairs: optimality.candidate_pairs,
        rounds: optimality.rounds,
        milp_columns: optimality.milp_columns,
        backend: optimality.backend,
    }
}

fn proof_json(proof: &Proof) -> ProofJson {
    let (step, split_groups, nodes, choices, complete) = match &proof.step {
        ProofStep::Integral { .. } => ("integral", 0, None, None, true),
        ProofStep::BranchAndBound {
            split_groups,
            nodes,
            complete,
        } => (
            "branch_and_bound",
            *split_groups,
            Some(*nodes),
            None,
            *complete,
        ),
        ProofStep::Partitions {
            split_groups,
            choices,
            complete,
            ..
        } => ("partitions", *split_groups, None, Some(*choices), *complete),
        ProofStep::Milp {
            split_groups,
            complete,
            ..
        } => ("milp", *split_groups, None, None, *complete),
    };
    ProofJson {
        step,
        candidates: proof.candidates,
        widenings: proof.widenings,
        split_groups,
        nodes,
        choices,
        complete,
    }
}

/// A label of the assignment and comparison texts.
fn label(key: &str, lang: Lang) -> &'static str {
    const LABELS: &[(&str, &str, &str)] = &[
        ("children_placed", "children placed", "anbragte børn"),
        ("total_score", "total score", "samlet score"),
        (
            "siblings_together",
            "sibling groups together",
            "søskendeflokke samlet",
        ),
        (
            "median_home",
            "median minutes to home",
            "median minutter til hjemmet",
        ),
        (
            "median_school",
            "median minutes to school",
            "median minutter til skolen",
        ),
        ("school_changes", "school changes", "skoleskift"),
        (
            "family_share",
            "share in foster families",
            "andel i plejefamilie",
        ),
        (
            "institutional_share",
            "share at other sites",
            "andel på andre anbringelsessteder",
        ),
        ("of", "of", "af"),
        ("difference", "Difference (B − A)", "Forskel (B − A)"),
        ("split", "split", "delt"),
        (
            "siblings_split",
            "sibling groups split",
            "søskendeflokke delt",
        ),
        ("scenario", "Scenario", "Scenarie"),
        ("as_of", "reference date", "referencedato"),
        (
            "placed_line",
            "Placed {} of {} children · total score {}",
            "Anbragt {} af {} børn · samlet score {}",
        ),
        (
            "split_penalty",
            "split penalty",
            "fradrag for delte søskendeflokke",
        ),
        ("proof", "Method and proof", "Metode og bevis"),
        ("child", "child", "barn"),
        ("site", "site", "sted"),
        ("total", "total", "samlet"),
        ("locked", "(locked)", "(fastlåst)"),
        ("unassigned", "Not placed", "Ikke anbragt"),
        ("full", "all full", "alle fulde"),
        (
            "moved_one",
            "child gets a different site in A and B",
            "barn får forskellige steder i A og B",
        ),
        (
            "moved_many",
            "children get different sites in A and B",
            "børn får forskellige steder i A og B",
        ),
        ("none", "not placed", "ikke anbragt"),
        ("no_member", "without a place", "helt uden plads"),
        (
            "flags",
            "Placed children with flags that need a reason or an action",
            "Anbragte børn med markeringer, der kræver begrundelse eller handling",
        ),
        ("priorities", "Priorities", "Prioriteter"),
    ];
    lookup(LABELS, key, lang).unwrap_or("")
}

/// A priority tier in words.
fn priority_label(key: &str, lang: Lang) -> &'static str {
    let (english, danish) = match key {
        "placed" => ("children placed", "flest børn anbragt"),
        "siblings_together" => ("siblings together", "søskende samlet"),
        "network_family" => ("own network family", "egen netværksplejefamilie"),
        "family_care" => (
            "family care under the policy age",
            "plejefamilie under politikkens alder",
        ),
        _ => ("total score", "samlet score"),
    };
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

fn option(value: Option<f64>, digits: usize, lang: Lang) -> String {
    value.map_or("—".into(), |value| decimal(value, digits, lang))
}

fn share(value: Option<f64>, lang: Lang) -> String {
    value.map_or("—".into(), |value| {
        let number = decimal(value * 100.0, 1, lang);
        match lang {
            Lang::Da => format!("{number}\u{a0}%"),
            Lang::En => format!("{number}%"),
        }
    })
}

/// A flag in a few words, for counts and confirmations.
pub fn flag_label(code: &str, lang: Lang) -> String {
    const LABELS: &[(&str, &str, &str)] = &[
        ("school.school_change", "school change", "skoleskift"),
        (
            "case.no_conversation",
            "no conversation with the child recorded (barnets lov § 5)",
            "ingen samtale med barnet registreret (barnets lov § 5)",
        ),
        (
            "case.consent_missing",
            "a consent the law asks for is not recorded",
            "et samtykke, loven kræver, er ikke registreret",
        ),
        (
            "case.consent_refused",
            "a consent the law asks for is refused",
            "et samtykke, loven kræver, er ikke givet",
        ),
        (
            "school.assessment_before_home",
            "children's home in another municipality: the need for special education must be assessed (§ 52, stk. 4)",
            "børne- og ungehjem i anden kommune: behov for specialundervisning skal vurderes (§ 52, stk. 4)",
        ),
        (
            "network.network_family_not_first",
            "own network foster family not used",
            "egen netværksplejefamilie ikke brugt",
        ),
        (
            "network.approval_needed",
            "network foster family to be approved",
            "netværksplejefamilie skal godkendes",
        ),
        (
            "siblings.split_in_assignment",
            "not kept together with all siblings",
            "ikke holdt samlet med alle søskende",
        ),
        (
            "siblings.apart_from_placed_siblings",
            "not with siblings already placed",
            "ikke sammen med allerede anbragte søskende",
        ),
        (
            "siblings.split_required",
            "too few free places for the whole sibling group",
            "for få ledige pladser til hele søskendeflokken",
        ),
        (
            "siblings.sibling_excluded",
            "a sibling cannot be placed here",
            "en søskende kan ikke anbringes her",
        ),
        (
            "stability.family_care_preferred",
            "a foster family that meets the conditions ranks lower",
            "en egnet plejefamilie står lavere på listen",
        ),
        (
            "stability.no_family_under_policy",
            "no foster family meets every condition (the municipality's policy)",
            "ingen plejefamilie opfylder alle betingelser (kommunens politik)",
        ),
        (
            "stability.outside_family_under_policy",
            "under the policy age, not in a foster family",
            "under politikkens alder, ikke i plejefamilie",
        ),
        (
            "stability.outside_family_not_prioritized",
            "under the policy age, not in a foster family",
            "under politikkens alder, ikke i plejefamilie",
        ),
    ];
    lookup(LABELS, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
}

/// How a figure's difference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// A count of children or groups.
    Count,
    /// Score points, three decimals.
    Points,
    /// Minutes, one decimal.
    Minutes,
    /// A share in [0, 1], as percentage points.
    Share,
}

/// One figure of one or two scenarios: the words, the text per side, the value per side (for
/// differences) and which way is better.
struct Figure {
    key: String,
    label: String,
    texts: Vec<String>,
    values: Vec<Option<f64>>,
    better: Better,
    unit: Unit,
}

/// The figures of one or two scenarios, then the count of each flag (fewer is better).
fn figures(sides: &[&MetricsJson], lang: Lang) -> Vec<Figure> {
    let of = label("of", lang);
    let figure = |key: &str,
                  better: Better,
                  unit: Unit,
                  text: &dyn Fn(&MetricsJson) -> String,
                  value: &dyn Fn(&MetricsJson) -> Option<f64>| Figure {
        key: key.to_string(),
        label: label(key, lang).to_string(),
        texts: sides.iter().map(|side| text(side)).collect(),
        values: sides.iter().map(|side| value(side)).collect(),
        better,
        unit,
    };
    let mut rows = vec![
        figure(
            "children_placed",
            Better::Higher,
            Unit::Count,
            &|m| format!("{} {of} {}", count(m.placed, lang), count(m.children, lang)),
            &|m| Some(m.placed as f64),
        ),
        figure(
            "total_score",
            Better::Higher,
            Unit::Points,
            &|m| decimal(m.total_score, 3, lang),
            &|m| Some(m.total_score),
        ),
        figure(
            "siblings_together",
            Better::Higher,
            Unit::Count,
            &|m| {
                let unplaced = m
                    .sibling_groups
                    .saturating_sub(m.siblings_together + m.siblings_split);
                format!(
                    "{} {of} {}, {} {}, {} {}",
                    m.siblings_together,
                    m.sibling_groups,
                    m.siblings_split,
                    label("split", lang),
                    unplaced,
                    label("no_member", lang)
                )
            },
            &|m| Some(m.siblings_together as f64),
        ),
        figure(
            "siblings_split",
            Better::Lower,
            Unit::Count,
            &|m| count(m.siblings_split, lang),
            &|m| Some(m.siblings_split as f64),
        ),
        figure(
            "median_home",
            Better::Lower,
            Unit::Minutes,
            &|m| option(m.median_travel_minutes_home, 1, lang),
            &|m| m.median_travel_minutes_home,
        ),
        figure(
            "median_school",
            Better::Lower,
            Unit::Minutes,
            &|m| option(m.median_travel_minutes_school, 1, lang),
            &|m| m.median_travel_minutes_school,
        ),
        figure(
            "school_changes",
            Better::Lower,
            Unit::Count,
            &|m| count(m.school_changes, lang),
            &|m| Some(m.school_changes as f64),
        ),
        figure(
            "family_share",
            Better::Higher,
            Unit::Share,
            &|m| share(m.family_care_share, lang),
            &|m| m.family_care_share,
        ),
        figure(
            "institutional_share",
            Better::Lower,
            Unit::Share,
            &|m| share(m.institutional_share, lang),
            &|m| m.institutional_share,
        ),
    ];
    let codes: std::collections::BTreeSet<&String> = sides
        .iter()
        .flat_map(|side| side.flag_counts.keys())
        .collect();
    rows.extend(codes.into_iter().map(|code| {
        let flagged = |side: &&MetricsJson| side.flag_counts.get(code).copied().unwrap_or(0);
        Figure {
            key: format!("flag:{code}"),
            label: flag_label(code, lang),
            texts: sides
                .iter()
                .map(|side| count(flagged(side), lang))
                .collect(),
            values: sides
                .iter()
                .map(|side| Some(flagged(side) as f64))
                .collect(),
            better: Better::Lower,
            unit: Unit::Count,
        }
    }));
    rows
}

/// One row of a comparison: the figure of each scenario and what the change from A to B means.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompareRowJson {
    /// Stable key: `children_placed`, `total_score`, `siblings_together`, `median_home`,
    /// `median_school`, `school_changes`, `family_share`, `institutional_share`, or
    /// `flag:<code>` for the children placed with that flag.
    pub key: String,
    /// What is compared, in the requested language.
    pub label: String,
    /// Scenario A's figure as text.
    pub a: String,
    /// Scenario B's figure as text.
    pub b: String,
    /// B minus A as text with its sign and unit (`+2`, `−0,150 point`); absent when a side
    /// has no figure.
    pub difference: Option<String>,
    /// B against A: `better`, `worse`, `same`, or `unknown` when a side has no figure.
    pub change: &'static str,
    /// `change` in words, in the requested language.
    pub change_text: &'static str,
}

/// B minus A with its sign (a true minus sign) and unit, rounded as the figures are shown.
fn difference_text(delta: f64, unit: Unit, lang: Lang) -> String {
    let (value, digits, suffix) = match (unit, lang) {
        (Unit::Count, _) => (delta, 0, ""),
        (Unit::Points, Lang::Da) => (delta, 3, " point"),
        (Unit::Points, Lang::En) => (delta, 3, " points"),
        (Unit::Minutes, _) => (delta, 1, " min"),
        (Unit::Share, Lang::Da) => (delta * 100.0, 1, " procentpoint"),
        (Unit::Share, Lang::En) => (delta * 100.0, 1, " percentage points"),
    };
    let sign = if value > 0.0 { "+" } else { "\u{2212}" };
    format!("{sign}{}{suffix}", decimal(value.abs(), digits, lang))
}

/// The comparison's rows: each figure of A and B with the difference and whether B is better.
/// A difference too small to show (below the last shown decimal) counts as the same.
fn compare_rows(a: &MetricsJson, b: &MetricsJson, lang: Lang) -> Vec<CompareRowJson> {
    figures(&[a, b], lang)
        .into_iter()
        .map(|figure| {
            let shown = |unit: Unit| match unit {
                Unit::Count => 0.5,
                Unit::Points => 0.0005,
                Unit::Minutes => 0.05,
                Unit::Share => 0.0005,
            };
            let (difference, change) = match (figure.values[0], figure.values[1]) {
                (Some(from), Some(to)) => {
                    let delta = to - from;
                    if delta.abs() < shown(figure.unit) {
                        (Some("0".to_string()), "same")
                    } else {
                        let better = (delta > 0.0) == (figure.better == Better::Higher);
                        (
                            Some(difference_text(delta, figure.unit, lang)),
                            if better { "better" } else { "worse" },
                        )
                    }
                }
                _ => (None, "unknown"),
            };
            let change_text = match (change, lang) {
                ("better", Lang::Da) => "bedre",
                ("better", Lang::En) => "better",
                ("worse", Lang::Da) => "dårligere",
                ("worse", Lang::En) => "worse",
                ("same", Lang::Da) => "uændret",
                ("same", Lang::En) => "unchanged",
                (_, Lang::Da) => "kan ikke sammenlignes",
                (_, Lang::En) => "cannot be compared",
            };
            let mut texts = figure.texts.into_iter();
            CompareRowJson {
                key: figure.key,
                label: figure.label,
                a: texts.next().unwrap_or_default(),
                b: texts.next().unwrap_or_default(),
                difference,
                change,
                change_text,
            }
        })
        .collect()
}

/// The assignment as text: summary, proof, placements, unassigned children.
pub fn assign_table(view: &AssignJson, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        label("scenario", lang),
        super::scenario_name(&view.scenario, lang),
        label("as_of", lang),
        view.as_of
    );
    let mut placed = label("placed_line", lang).to_string();
    for value in [
        count(view.objective.placed, lang),
        count(view.objective.children, lang),
        decimal(view.objective.total_score, 3, lang),
    ] {
        placed = placed.replacen("{}", &value, 1);
    }
    if view.objective.split_penalty > 0.0 {
        placed += &format!(
            " · {} {}",
            label("split_penalty", lang),
            decimal(view.objective.split_penalty, 3, lang)
        );
    }
    let _ = writeln!(out, "{placed}");
    let _ = writeln!(out, "{}.", view.optimality.summary);
    let _ = writeln!(
        out,
        "  {}: {}",
        label("proof", lang),
        view.optimality.method
    );
    out.push('\n');
    let (flags, metrics): (Vec<Figure>, Vec<Figure>) = figures(&[&view.metrics], lang)
        .into_iter()
        .partition(|figure| figure.key.starts_with("flag:"));
    for figure in &metrics {
        let _ = writeln!(out, "  {:<36}{}", figure.label, figure.texts[0]);
    }
    if !flags.is_empty() {
        let _ = writeln!(out, "  {}:", label("flags", lang));
        for figure in &flags {
            let _ = writeln!(out, "    {:>6}  {}", figure.texts[0], figure.label);
        }
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        label("priorities", lang),
        view.priorities
            .iter()
            .map(|key| priority_label(key, lang))
            .collect::<Vec<_>>()
            .join(" > ")
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "{:<12} {:<12} {:>8}",
        label("child", lang),
        label("site", lang),
        label("total", lang)
    );
    for row in &view.assignments {
        let lock = if row.locked {
            format!("  {}", label("locked", lang))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{:<12} {:<12} {:>8}{lock}",
            super::printable(&row.child_id),
            super::printable(&row.site_id),
            decimal(row.total, 3, lang)
        );
        for flag in &row.flag_details {
            let law = flag.law.map(|law| format!(" ({law})")).unwrap_or_default();
            let _ = writeln!(out, "    ! {}{law}", flag.text);
        }
    }
    if !view.unassigned.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}:", label("unassigned", lang));
        for row in &view.unassigned {
            let sites = if row.saturated_sites.is_empty() {
                String::new()
            } else {
                format!(
                    " ({}: {})",
                    label("full", lang),
                    row.saturated_sites.join(", ")
                )
            };
            let _ = writeln!(
                out,
                "  {:<12} {}{sites}",
                super::printable(&row.child_id),
                row.text
            );
        }
    }
    out
}

/// `compare` JSON: both sides and the children who moved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompareJson {
    /// Scenario A.
    pub a: MetricsJson,
    /// Scenario B.
    pub b: MetricsJson,
    /// Children whose site differs between A and B.
    pub moved: Vec<MovedJson>,
    /// How far scenario A's assignment is proven, in plain words in the requested language.
    pub a_summary: String,
    /// The same for scenario B.
    pub b_summary: String,
    /// The words for each flag code in `flag_counts` and `moved`, in the requested language.
    pub flag_labels: BTreeMap<String, String>,
    /// Every figure of A and B with the difference and whether B is better, in the requested
    /// language.
    pub rows: Vec<CompareRowJson>,
    /// How far scenario A is proven: status, plain words, the technical proof and figures.
    pub a_optimality: OptimalityJson,
    /// The same for scenario B.
    pub b_optimality: OptimalityJson,
}

/// A comparison in `lang`: both sides' figures side by side with their differences, each
/// side's proof, the children who moved and the words for every flag code mentioned.
pub fn compare_json(
    a: MetricsJson,
    b: MetricsJson,
    moved: Vec<MovedJson>,
    optimality: (&crate::optimize::Optimality, &crate::optimize::Optimality),
    lang: Lang,
) -> CompareJson {
    let codes: Vec<String> = a
        .flag_counts
        .keys()
        .chain(b.flag_counts.keys())
        .cloned()
        .chain(moved.iter().flat_map(|moved| {
            moved
                .a_flags
                .iter()
                .chain(&moved.b_flags)
                .map(|flag| flag.split(':').next().unwrap_or(flag).to_string())
        }))
        .collect();
    let flag_labels = codes
        .into_iter()
        .map(|code| {
            let label = flag_label(&code, lang);
            (code, label)
        })
        .collect();
    let a_optimality = optimality_json(optimality.0, lang);
    let b_optimality = optimality_json(optimality.1, lang);
    CompareJson {
        rows: compare_rows(&a, &b, lang),
        a,
        b,
        moved,
        a_summary: a_optimality.summary.clone(),
        b_summary: b_optimality.summary.clone(),
        flag_labels,
        a_optimality,
        b_optimality,
    }
}

/// A child placed differently in A and B.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MovedJson {
    /// Child pseudonym.
    pub child_id: String,
    /// Site in A, or null when unassigned.
    pub a_site_id: Option<String>,
    /// Site in B, or null when unassigned.
    pub b_site_id: Option<String>,
    /// Flags of the child's placement in A.
    pub a_flags: Vec<String>,
    /// Flags of the child's placement in B.
    pub b_flags: Vec<String>,
}

/// Two scenarios side by side as text.
pub fn compare_table(view: &CompareJson, lang: Lang) -> String {
    let mut out = String::new();
    let a_name = super::scenario_name(&view.a.scenario, lang);
    let b_name = super::scenario_name(&view.b.scenario, lang);
    let width = view
        .rows
        .iter()
        .map(|row| row.a.chars().count())
        .chain([a_name.chars().count()])
        .max()
        .unwrap_or(0)
        .max(12);
    let b_width = view
        .rows
        .iter()
        .map(|row| row.b.chars().count())
        .chain([b_name.chars().count()])
        .max()
        .unwrap_or(0)
        .max(12);
    // The names' column is as wide as the longest name (a flag's label with its paragraph can
    // be long), so that no figure runs into its name.
    let names = view
        .rows
        .iter()
        .map(|row| row.label.chars().count() + if row.key.starts_with("flag:") { 2 } else { 0 })
        .max()
        .unwrap_or(0)
        + 2;
    let line = |out: &mut String, name: &str, row: &CompareRowJson| {
        let change = match &row.difference {
            Some(difference) if row.change != "same" => {
                format!("{difference} ({})", row.change_text)
            }
            _ => row.change_text.to_string(),
        };
        let _ = writeln!(
            out,
            "{name:<names$}{:<width$}  {:<b_width$}  {change}",
            row.a, row.b
        );
    };
    let _ = writeln!(
        out,
        "{:<names$}{a_name:<width$}  {b_name:<b_width$}  {}",
        "",
        label("difference", lang)
    );
    for row in view.rows.iter().filter(|row| !row.key.starts_with("flag:")) {
        line(&mut out, &row.label, row);
    }
    if view.rows.iter().any(|row| row.key.starts_with("flag:")) {
        let _ = writeln!(out, "{}:", label("flags", lang));
        for row in view.rows.iter().filter(|row| row.key.starts_with("flag:")) {
            line(&mut out, &format!("  {}", row.label), row);
        }
    }
    out.push('\n');
    for (name, optimality) in [(&a_name, &view.a_optimality), (&b_name, &view.b_optimality)] {
        let _ = writeln!(out, "{name}: {}.", optimality.summary);
    }
    out.push('\n');
    let moved = if view.moved.len() == 1 {
        label("moved_one", lang)
    } else {
        label("moved_many", lang)
    };
    let _ = writeln!(out, "{} {moved}", count(view.moved.len(), lang));
    let none = label("none", lang);
    for moved in &view.moved {
        let _ = writeln!(
            out,
            "  {:<12} {:<12} → {}",
            super::printable(&moved.child_id),
            moved.a_site_id.as_deref().unwrap_or(none),
            moved.b_site_id.as_deref().unwrap_or(none)
        );
        let gone: Vec<String> = moved
            .a_flags
            .iter()
            .filter(|flag| !moved.b_flags.contains(flag))
            .map(|flag| flag_label(flag.split(':').next().unwrap_or(flag), lang))
            .collect();
        let new: Vec<String> = moved
            .b_flags
            .iter()
            .filter(|flag| !moved.a_flags.contains(flag))
            .map(|flag| flag_label(flag.split(':').next().unwrap_or(flag), lang))
            .collect();
        if !gone.is_empty() {
            let _ = writeln!(out, "      − {}", gone.join("; "));
        }
        if !new.is_empty() {
            let _ = writeln!(out, "      + {}", new.join("; "));
        }
    }
    out
}

#[cfg(test)]
mod flag_label_tests {
    use super::*;

    /// Every flag the engine raises (shortlist, elements, assignment) has a label in both
    /// languages: no code reaches a caseworker as a raw key.
    #[test]
    fn every_flag_code_has_words() {
        let codes = [
            crate::elements::FAMILY_CARE_PREFERRED.as_str(),
            crate::elements::NO_FAMILY_UNDER_POLICY.as_str(),
            crate::elements::NETWORK_FAMILY_NOT_FIRST.as_str(),
            crate::flags::SPLIT_IN_ASSIGNMENT.as_str(),
            "stability.outside_family_under_policy",
            "stability.outside_family_not_prioritized",
            "school.school_change",
            "school.assessment_before_home",
            "network.approval_needed",
            "siblings.split_required",
            "siblings.sibling_excluded",
            "siblings.apart_from_placed_siblings",
        ];
        for code in codes {
            for lang in [Lang::Da, Lang::En] {
                let label = flag_label(code, lang);
                assert_ne!(label, code, "{code} has no {lang:?} label");
            }
        }
    }
}
