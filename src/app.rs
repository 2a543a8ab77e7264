//! The operations users run, shared by the command line and the server, so that both give the
//! same answer: each takes loaded data, calls the core and returns a view of [`crate::render`].
//!
//! An edge module that reads no file and no clock: the caller passes loaded data and read
//! scenarios (`io::read_scenario` reads a scenario's `add_sites` with it), the reference
//! date, and a `stop` closure for time limits.

use jiff::civil::Date;

use crate::context::ScoringContext;
use crate::explain::Reason;
use crate::io::{self, Loaded, Scenario, ScenarioError};
use crate::model::{ChildId, Dataset, SiteId};
use crate::optimize::{self, AssignOptions, Assignment, Metrics, OptimizeError, Placement};
use crate::render::{self, Lang};
use crate::score::{Policy, Weights};
use crate::shortlist::{ShortlistError, ShortlistOptions, shortlist};

/// Why an operation failed. The CLI maps each kind to an exit code, the server to an HTTP
/// status; no variant carries a personal field (IDs the user typed are not repeated).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No child with the requested ID.
    #[error("no child with the given ID in the data")]
    UnknownChild,
    /// No site with the requested ID.
    #[error("no site with the given ID in the data")]
    UnknownSite,
    /// The scenario is invalid (or a file it names is unreadable).
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The scenario is well formed but cannot be solved as asked (for example a lock on an
    /// ineligible pair). Names the scenario.
    #[error("{scenario}: {error}")]
    Unsolvable {
        /// Scenario name or file.
        scenario: String,
        /// The optimizer's reason.
        error: OptimizeError,
    },
    /// The chosen site is excluded for the child by these gates.
    #[error("the site is excluded for this child by: {}", .0.join(", "))]
    Excluded(Vec<String>),
    /// The solver failed or could not certify its result: a bug in placematch.
    #[error("{0}")]
    Internal(OptimizeError),
    /// The chosen site declined to take the child (case store): a new answer must be recorded
    /// before it can be chosen.
    #[error("the site has declined to take this child; record its new answer first")]
    SiteDeclined,
    /// The chosen site is missing from the shortlist it was ranked on: a bug in placematch.
    #[error("the chosen site is missing from its own shortlist")]
    ChosenSiteMissing,
}

/// A role: who uses placematch for what. Each command and each route serves one or more
/// roles, and the audit trail records the role an access was made in; the command line and
/// the server share this one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Shortlists for one child.
    Coordinator,
    /// Batch assignment and scenario comparison.
    Planner,
    /// Audit extracts and the fairness report.
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Coordinator, Role::Planner, Role::Auditor];

    /// The role's name in token files, audit records and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Planner => "planner",
            Role::Auditor => "auditor",
        }
    }
}

/// The shortlist of one child as the JSON view (PRODUCT.md section 9).
pub fn shortlist_view(
    loaded: &Loaded,
    weights: &Weights,
    as_of: Date,
    child: &str,
    options: &ShortlistOptions,
    lang: Lang,
) -> Result<render::ShortlistJson, AppError> {
    let dataset = &loaded.dataset;
    let batch = ScoringContext::new(dataset, &loaded.geo, as_of);
    let shortlist =
        shortlist(dataset, &batch, &ChildId::new(child), weights, options).map_err(|error| {
            match error {
                ShortlistError::UnknownChild => AppError::UnknownChild,
            }
        })?;
    Ok(render::shortlist_json(&shortlist, dataset, lang))
}

/// The shortlist with each site's answer from the case store: a declined site leaves the
/// ranking (listed apart), the rest carry their status.
pub fn shortlist_view_with_inquiries(
    loaded: &Loaded,
    weights: &Weights,
    as_of: Date,
    child: &str,
    options: &ShortlistOptions,
    (inquiries, lang): (&[crate::cases::Inquiry], Lang),
) -> Result<render::ShortlistJson, AppError> {
    let declined = inquiries
        .iter()
        .filter(|inquiry| matches!(inquiry.answer, crate::cases::Answer::Declined { .. }))
        .count();
    let wider = ShortlistOptions {
        top: options.top.saturating_add(declined),
        ..*options
    };
    let view = shortlist_view(loaded, weights, as_of, child, &wider, lang)?;
    Ok(render::with_inquiries(view, inquiries, options.top, lang))
}

/// One site's profile, or [`AppError::UnknownSite`].
pub fn site_view(loaded: &Loaded, site: &str, lang: Lang) -> Result<render::SiteJson, AppError> {
    let dataset = &loaded.dataset;
    let site = dataset
        .site(&SiteId::new(site))
        .ok_or(AppError::UnknownSite)?;
    Ok(render::site_json(site, dataset, lang))
}

/// What a decision for a site means at this moment.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionFacts {
    /// The site's rank among the eligible sites (1 = top).
    pub rank: usize,
    /// The top-ranked eligible site.
    pub top_site: String,
    /// Every flag raised for the site.
    pub flags: Vec<String>,
    /// The match as it stands: scores, flags, site type and region (kept with a placement
    /// for the outcomes report).
    pub matched: crate::cases::MatchFacts,
}

impl DecisionFacts {
    /// Every ground on which a reason is required. `answer`: with a case store, the chosen
    /// site's inquiry (`None` inside: never asked); without one, `None`.
    pub fn reasons_needed(
        &self,
        answer: Option<Option<&crate::cases::Answer>>,
    ) -> Vec<ReasonNeeded> {
        use crate::cases::Answer;
        let mut needed = Vec::new();
        match answer {
            None | Some(Some(Answer::Accepted { .. })) => {}
            Some(None) => needed.push(ReasonNeeded::NotAsked),
            Some(Some(Answer::Asked)) => needed.push(ReasonNeeded::NotAnswered),
            Some(Some(Answer::Declined { .. })) => needed.push(ReasonNeeded::Declined),
        }
        if self.rank != 1 {
            needed.push(ReasonNeeded::NotTop {
                rank: self.rank,
                top: self.top_site.clone(),
            });
        }
        let (case, site): (Vec<String>, Vec<String>) = self
            .flags
            .iter()
            .cloned()
            .partition(|key| key.starts_with("case."));
        if !site.is_empty() {
            needed.push(ReasonNeeded::Flags(site));
        }
        if !case.is_empty() {
            needed.push(ReasonNeeded::CaseOpen(case));
        }
        needed
    }
}

/// A ground on which a decision needs a written reason (worded in `render`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonNeeded {
    /// The chosen site was never asked (case store).
    NotAsked,
    /// The chosen site has not answered yet.
    NotAnswered,
    /// The chosen site declined.
    Declined,
    /// The chosen site is not the top-ranked one.
    NotTop {
        /// Its rank.
        rank: usize,
        /// The top-ranked site.
        top: String,
    },
    /// Defaults of the law (or the municipality's policy) are flagged.
    Flags(Vec<String>),
    /// The child's case lacks what the law asks for before a decision (no child
    /// conversation, a consent missing or refused): [`crate::cases::open_points`].
    CaseOpen(Vec<String>),
}

/// The child's whole ranking from the core shortlist: every eligible site, with codes rather
/// than rendered text (what a decision and a condition are checked against).
fn full_ranking<'a>(
    loaded: &'a Loaded,
    weights: &Weights,
    (policy, as_of): (Policy, Date),
    child: &str,
    explain_excluded: bool,
) -> Result<crate::shortlist::Shortlist<'a>, AppError> {
    let dataset = &loaded.dataset;
    let options = ShortlistOptions {
        top: dataset.sites().len(),
        explain_excluded,
        policy,
    };
    let context = ScoringContext::new(dataset, &loaded.geo, as_of);
    shortlist(dataset, &context, &ChildId::new(child), weights, &options)
        .map_err(|ShortlistError::UnknownChild| AppError::UnknownChild)
}

/// The needs (codes) a site lacks the competence for, for a child, now (the shortlist's
/// gaps); a site excluded for the child has none to close.
pub fn uncovered_needs(
    loaded: &Loaded,
    weights: &Weights,
    when: (Policy, Date),
    child: &str,
    site: &str,
) -> Result<Vec<&'static str>, AppError> {
    let list = full_ranking(loaded, weights, when, child, false)?;
    let site_id = SiteId::new(site);
    Ok(list
        .eligible
        .iter()
        .find(|ranked| ranked.site.id == site_id)
        .map(|ranked| {
            ranked
                .gaps
                .iter()
                .filter(|gap| gap.code == crate::elements::NEEDS_UNCOVERED)
                .filter_map(|gap| match gap.detail {
                    crate::explain::Detail::Code(code) => Some(code),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default())
}

/// A decision checked against the data and the child's case: its facts (with the case's open
/// points among the flags) and every ground on which a reason is required.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedDecision {
    /// Rank, flags, the match.
    pub facts: DecisionFacts,
    /// Why a reason is required (empty: none is).
    pub needed: Vec<ReasonNeeded>,
}

/// Checks a decision for `site`: the site must be eligible and, with a case store, must not
/// have declined; a site that declined leaves the ranking the rank is counted in. With a case
/// store the case's open points (no child conversation, a consent the law asks for missing or
/// refused: [`crate::cases::open_points`]) join the flags, and a site that has not accepted
/// needs a reason too.
pub fn check_decision(
    loaded: &Loaded,
    weights: &Weights,
    when: (Policy, Date),
    (child, site): (&str, &str),
    case: Option<&crate::cases::ChildCase>,
) -> Result<CheckedDecision, AppError> {
    use crate::cases::Answer;
    let inquiries = case.map_or(&[][..], |case| case.inquiries.as_slice());
    let answer = case.map(|_| {
        inquiries
            .iter()
            .find(|inquiry| inquiry.site == site)
            .map(|inquiry| &inquiry.answer)
    });
    if matches!(answer, Some(Some(Answer::Declined { .. }))) {
        return Err(AppError::SiteDeclined);
    }
    let declined: Vec<String> = inquiries
        .iter()
        .filter(|inquiry| matches!(inquiry.answer, Answer::Declined { .. }))
        .map(|inquiry| inquiry.site.clone())
        .collect();
    let mut facts = decision_facts(loaded, weights, when, child, site, &declined)?;
    if let (Some(case), Some(record)) = (case, loaded.dataset.child(&ChildId::new(child))) {
        facts
            .flags
            .extend(crate::cases::open_points(case, record.age));
    }
    let needed = facts.reasons_needed(answer);
    Ok(CheckedDecision { facts, needed })
}

/// What the decision basis for the case file is made of, beyond the data.
#[derive(Debug, Clone, Copy)]
pub struct DecisionInput<'a> {
    /// The child's pseudonym.
    pub child: &'a str,
    /// The chosen site.
    pub site: &'a str,
    /// The facts of the decision ([`decision_facts`]).
    pub facts: &'a DecisionFacts,
    /// The child's case, with a case store.
    pub case: Option<&'a crate::cases::ChildCase>,
    /// The caseworker's reason.
    pub reason: Option<&'a str>,
    /// The day of the decision.
    pub decided_on: Date,
    /// Who decided.
    pub decided_by: Option<&'a str>,
}

/// The decision basis for the case file (HTML, print-ready on A4): the shortlist as the
/// caseworker saw it (with the sites' answers and the child's views, with a case store) and
/// what was decided.
pub fn decision_document(
    loaded: &Loaded,
    weights: &Weights,
    (policy, as_of): (Policy, Date),
    input: &DecisionInput<'_>,
    lang: Lang,
) -> Result<String, AppError> {
    let options = ShortlistOptions {
        top: input.facts.rank.max(5),
        explain_excluded: false,
        policy,
    };
    let view = match input.case {
        None => shortlist_view(loaded, weights, as_of, input.child, &options, lang)?,
        Some(case) => render::with_child_case(
            shortlist_view_with_inquiries(
                loaded,
                weights,
                as_of,
                input.child,
                &options,
                (&case.inquiries, lang),
            )?,
            case,
            lang,
        ),
    };
    render::decision_html(
        &render::DecisionDocument {
            view: &view,
            site_id: input.site,
            rank: input.facts.rank,
            reason: input.reason,
            decided_on: input.decided_on,
            decided_by: input.decided_by,
        },
        lang,
    )
    .ok_or(AppError::ChosenSiteMissing)
}

/// The rank and flags a site has for a child now; an excluded site is an error naming its
/// gates.
pub fn decision_facts(
    loaded: &Loaded,
    weights: &Weights,
    (policy, as_of): (Policy, Date),
    child: &str,
    site: &str,
    declined: &[String],
) -> Result<DecisionFacts, AppError> {
    if loaded.dataset.site(&SiteId::new(site)).is_none() {
        return Err(AppError::UnknownSite);
    }
    // From the core shortlist itself (codes, not rendered text), so the rank and flags
    // recorded are exactly those the coordinator was shown.
    let dataset = &loaded.dataset;
    let list = full_ranking(loaded, weights, (policy, as_of), child, true)?;
    let site_id = SiteId::new(site);
    // Sites that declined (case store) leave the ranking, as on the shortlist shown.
    let open = |ranked: &&crate::shortlist::RankedSite<'_>| {
        ranked.site.id == site_id || !declined.iter().any(|id| ranked.site.id.as_str() == id)
    };
    let ranking: Vec<_> = list.eligible.iter().filter(open).collect();
    if let Some(position) = ranking.iter().position(|ranked| ranked.site.id == site_id) {
        let chosen = ranking[position];
        // A network family that declined is no longer a default to depart from.
        let child_network = loaded
            .dataset
            .child(&ChildId::new(child))
            .and_then(|child| child.network_site.as_ref());
        let network_declined =
            child_network.is_some_and(|network| declined.iter().any(|id| network.as_str() == id));
        let flags: Vec<String> = chosen
            .flags
            .iter()
            .map(Reason::key)
            .filter(|key| {
                !(network_declined
                    && key.split(':').next()
                        == Some(crate::elements::NETWORK_FAMILY_NOT_FIRST.as_str()))
            })
            .collect();
        return Ok(DecisionFacts {
            rank: position + 1,
            top_site: ranking
                .first()
                .map(|top| top.site.id.to_string())
                .unwrap_or_default(),
            matched: crate::cases::MatchFacts::of(dataset, chosen, flags.clone()),
            flags,
        });
    }
    let gates = list
        .excluded
        .unwrap_or_default()
        .into_iter()
        .find(|excluded| excluded.site.id == site_id)
        .map(|excluded| excluded.gates.iter().map(Reason::key).collect())
        .unwrap_or_default();
    Err(AppError::Excluded(gates))
}

/// How to solve a scenario.
#[derive(Debug, Clone, Copy)]
pub struct SolveOptions {
    /// Candidate sites per child in the first flow round.
    pub candidates: usize,
    /// Seconds after which the MILP stage stops with its proven gap (the caller's `stop`
    /// closure enforces it; the value is reported).
    pub time_limit: Option<f64>,
    /// The municipality's policy when the scenario sets none (from the weights file).
    pub policy: Policy,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            candidates: 32,
            time_limit: None,
            policy: Policy::DEFAULT,
        }
    }
}

/// One scenario, solved.
#[derive(Debug, Clone)]
pub struct Run {
    /// Scenario name.
    pub name: String,
    /// The data as the scenario changed it.
    pub dataset: Dataset,
    /// The weights used.
    pub weights: Weights,
    /// The optimal (or time-limited) assignment.
    pub assignment: Assignment,
    /// Its metrics (PRODUCT.md section 5).
    pub metrics: Metrics,
    /// The tiers of the objective used.
    pub priorities: optimize::Priorities,
    /// The local policy used.
    pub policy: Policy,
    /// The legal-default flags of each child's placement (`Dataset::children()` order).
    pub flags: Vec<Vec<crate::explain::Reason>>,
}

impl Run {
    /// The flag keys of one child's placement.
    fn flag_keys(&self, child: &ChildId) -> Vec<String> {
        self.dataset
            .children()
            .binary_search_by(|c| c.id.cmp(child))
            .ok()
            .and_then(|idx| self.flags.get(idx))
            .map(|flags| flags.iter().map(crate::explain::Reason::key).collect())
            .unwrap_or_default()
    }
}

impl Run {
    /// The IDs of the children whose data the run read, in ID order.
    pub fn child_ids(&self) -> Vec<String> {
        self.dataset
            .children()
            .iter()
            .map(|child| child.id.to_string())
            .collect()
    }
}

/// Every access to one child's data among `records` (a data subject's request).
pub fn access_extract(records: &[crate::audit::Record], child: &str) -> render::ExtractJson {
    render::ExtractJson {
        child_id: child.to_string(),
        accesses: crate::audit::accesses_to(records, child),
    }
}

/// The fairness report over the latest recorded decision per child, and the children it
/// read; decisions naming a child or site no longer in the data are counted in `stale`.
pub fn fairness_from_decisions(
    loaded: &Loaded,
    records: &[crate::audit::Record],
    as_of: Date,
) -> (render::FairnessJson, crate::audit::DecisionsFairness) {
    let dataset = &loaded.dataset;
    let batch = ScoringContext::new(dataset, &loaded.geo, as_of);
    let decided = crate::audit::decisions_fairness(dataset, &batch, records);
    let view = render::fairness_json("decisions", &as_of.to_string(), &decided.report);
    (view, decided)
}

/// The fairness report of a scenario's optimal assignment.
pub fn fairness_from_run(loaded: &Loaded, run: &Run, as_of: Date) -> render::FairnessJson {
    let batch = ScoringContext::new(&run.dataset, &loaded.geo, as_of);
    let outcomes: Vec<Option<crate::fairness::Outcome>> = run
        .assignment
        .placements
        .iter()
        .map(|placement| {
            Some(crate::fairness::Outcome {
                site: match placement {
                    Placement::Placed { site, .. } => Some(*site),
                    Placement::Unassigned(_) => None,
                },
                overrode_top: None,
            })
        })
        .collect();
    let report = crate::fairness::fairness(&run.dataset, &batch, &outcomes);
    render::fairness_json(
        &format!("scenario:{}", run.name),
        &as_of.to_string(),
        &report,
    )
}

/// Where one more place would help most (`placematch report recruit`): the scenario (with the
/// name it goes by in messages) applied to loaded data, the baseline solved, the LP's best
/// `verify` candidates verified by solving again; the view and the children it read.
pub fn recruit_view(
    loaded: &Loaded,
    (scenario, file): (&Scenario, &str),
    default_weights: &Weights,
    as_of: Date,
    (options, verify, lang): (SolveOptions, usize, Lang),
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<(render::RecruitJson, Vec<String>), AppError> {
    let dataset = io::apply_scenario(loaded, scenario, file)?;
    let weights = scenario.weights.unwrap_or(*default_weights);
    let policy = scenario.policy.unwrap_or(options.policy);
    let assign_options = assign_options(scenario, &options);
    let input = crate::recruit::RecruitInput {
        dataset: &dataset,
        geo: &loaded.geo,
        as_of,
        weights: &weights,
        policy: &policy,
        options: &assign_options,
        verify,
    };
    let report = crate::recruit::recruit(&input, stop).map_err(unsolvable(file))?;
    let view = render::recruit_json(
        &render::RecruitInput {
            scenario: &scenario.name,
            as_of: &as_of.to_string(),
            dataset: &dataset,
            priorities: &scenario.priorities,
            family_care_under: policy.family_care_under,
        },
        &report,
        lang,
    );
    let children = dataset
        .children()
        .iter()
        .map(|child| child.id.to_string())
        .collect();
    Ok((view, children))
}

/// The children awaiting placement, in ID order (`placematch children`, `GET /api/children`).
pub fn children_view(loaded: &Loaded, as_of: Date) -> render::ChildrenJson {
    render::children_json(&loaded.dataset, &as_of.to_string())
}

/// Up to three child IDs closest to one typed (the nearest, at edit distance at most 2), to
/// suggest when the typed one is unknown. The typed text itself is never repeated.
pub fn closest_children(loaded: &Loaded, typed: &str) -> Vec<String> {
    let typed = typed.trim().to_uppercase();
    let mut near: Vec<(usize, &str)> = loaded
        .dataset
        .children()
        .iter()
        .map(|child| {
            (
                strsim::levenshtein(&typed, child.id.as_str()),
                child.id.as_str(),
            )
        })
        .filter(|&(distance, _)| distance <= 2)
        .collect();
    near.sort();
    let closest = near.first().map_or(0, |&(distance, _)| distance);
    near.into_iter()
        .take_while(|&(distance, _)| distance == closest)
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// The optimizer's options for a scenario.
fn assign_options(scenario: &Scenario, options: &SolveOptions) -> AssignOptions {
    AssignOptions {
        siblings: scenario.siblings,
        locks: scenario.locks.clone(),
        forbids: scenario.forbids.clone(),
        max_travel_minutes: scenario.max_travel_minutes,
        candidates: options.candidates.max(1),
        time_limit: options.time_limit,
        priorities: scenario.priorities.clone(),
    }
}

/// An optimizer error as the app says it: a bug, or a scenario that cannot be solved.
fn unsolvable(file: &str) -> impl Fn(OptimizeError) -> AppError + '_ {
    move |error| match error {
        OptimizeError::Solver(_) | OptimizeError::Certificate(_) => AppError::Internal(error),
        _ => AppError::Unsolvable {
            scenario: file.to_string(),
            error,
        },
    }
}

/// Checks that a scenario applies to the data (its IDs exist, its places are possible) without
/// solving it: `compare` checks both sides before solving either.
pub fn check_scenario(loaded: &Loaded, scenario: &Scenario, file: &str) -> Result<(), AppError> {
    let dataset = io::apply_scenario(loaded, scenario, file)?;
    // Locks and forbids name children and sites of the data as the scenario leaves it: the
    // same error the optimizer would give, before any solve.
    let pairs = scenario
        .locks
        .iter()
        .map(|pair| ("lock", pair))
        .chain(scenario.forbids.iter().map(|pair| ("forbid", pair)));
    for (what, (child, site)) in pairs {
        let unknown = if dataset.child(child).is_none() {
            Some(("child", child.to_string()))
        } else if dataset.site(site).is_none() {
            Some(("site", site.to_string()))
        } else {
            None
        };
        if let Some((kind, id)) = unknown {
            return Err(AppError::Unsolvable {
                scenario: file.to_string(),
                error: OptimizeError::UnknownId { what, kind, id },
            });
        }
    }
    Ok(())
}

/// Applies a scenario to loaded data and solves it. `file` names the scenario in errors;
/// `default_weights` apply when the scenario sets none.
pub fn run_scenario(
    loaded: &Loaded,
    scenario: &Scenario,
    file: &str,
    default_weights: &Weights,
    as_of: Date,
    options: SolveOptions,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Run, AppError> {
    let dataset = io::apply_scenario(loaded, scenario, file)?;
    let weights = scenario.weights.unwrap_or(*default_weights);
    let batch = ScoringContext::new(&dataset, &loaded.geo, as_of);
    let assign_options = assign_options(scenario, &options);
    let policy = scenario.policy.unwrap_or(options.policy);
    let assignment = optimize::assign(&dataset, &batch, &weights, &policy, &assign_options, stop)
        .map_err(unsolvable(file))?;
    let metrics = optimize::metrics(&dataset, &batch, &assignment);
    let flags = crate::flags::assignment_flags(
        &dataset,
        &batch,
        &assignment,
        &policy,
        &scenario.priorities,
    );
    Ok(Run {
        name: scenario.name.clone(),
        dataset,
        weights,
        assignment,
        metrics,
        priorities: scenario.priorities.clone(),
        policy,
        flags,
    })
}

/// The `assign` JSON view of a solved scenario.
pub fn assign_view(run: &Run, as_of: Date, lang: Lang) -> render::AssignJson {
    render::assign_json(
        &render::AssignInput {
            scenario: &run.name,
            as_of: &as_of.to_string(),
            weights: &run.weights,
            dataset: &run.dataset,
            assignment: &run.assignment,
            metrics: &run.metrics,
            flags: &run.flags,
            priorities: &run.priorities,
            policy: &run.policy,
        },
        lang,
    )
}

/// The site a run gave a child, if any.
fn site_of(run: &Run, child: &ChildId) -> Option<String> {
    let idx = run
        .dataset
        .children()
        .binary_search_by(|c| c.id.cmp(child))
        .ok()?;
    match run.assignment.placements.get(idx)? {
        Placement::Placed { site, .. } => Some(run.dataset.sites()[*site].id.to_string()),
        Placement::Unassigned(_) => None,
    }
}

/// Two solved scenarios side by side, with every child whose site differs.
pub fn compare_view(a: &Run, b: &Run, lang: Lang) -> render::CompareJson {
    let mut children: Vec<&ChildId> = a
        .dataset
        .children()
        .iter()
        .chain(b.dataset.children())
        .map(|child| &child.id)
        .collect();
    children.sort();
    children.dedup();
    let moved = children
        .into_iter()
        .filter_map(|child| {
            let (in_a, in_b) = (site_of(a, child), site_of(b, child));
            (in_a != in_b).then(|| render::MovedJson {
                child_id: child.to_string(),
                a_site_id: in_a,
                b_site_id: in_b,
                a_flags: a.flag_keys(child),
                b_flags: b.flag_keys(child),
            })
        })
        .collect();
    render::compare_json(
        render::metrics_json(&a.name, &a.metrics, &a.flags),
        render::metrics_json(&b.name, &b.metrics, &b.flags),
        moved,
        (&a.assignment.optimality, &b.assignment.optimality),
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::io::{EMBEDDED_LINKS, EMBEDDED_MUNICIPALITIES, Source, Sources};

    /// A flag without a paragraph (a young adult's, or the municipality's policy) still needs
    /// a written reason, even on the top-ranked site.
    #[test]
    fn every_flag_needs_a_reason() {
        let facts = |rank: usize, flags: &[&str]| DecisionFacts {
            rank,
            top_site: "S-1".into(),
            flags: flags.iter().map(ToString::to_string).collect(),
            matched: crate::cases::MatchFacts {
                total: 0.5,
                elements: [0.5; 7],
                flags: Vec::new(),
                site_type: "foster_general".into(),
                region: "Hovedstaden".into(),
            },
        };
        // A reason is required when the site is not the top-ranked one or any flag is raised
        // (of the law, or the municipality's policy), whatever the child's age.
        assert!(facts(1, &[]).reasons_needed(None).is_empty());
        assert!(!facts(2, &[]).reasons_needed(None).is_empty());
        assert!(
            !facts(1, &["stability.no_family_under_policy"])
                .reasons_needed(None)
                .is_empty()
        );
        // The case's open points are a ground of their own.
        assert!(matches!(
            facts(1, &["case.no_conversation"]).reasons_needed(None)[..],
            [ReasonNeeded::CaseOpen(_)]
        ));
    }

    fn loaded() -> Loaded {
        let children = "id,age,municipality,support_level,purpose\nC-1,9,101,light,long_term\nC-2,10,101,light,long_term\n";
        let sites = "id,name,type,municipality,places,free_places,approved\n\
                     S-1,Family Hansen,foster_general,147,1,1,true\n\
                     S-2,Family Berg,foster_general,101,1,1,true\n";
        io::load(&Sources {
            children: Source {
                label: "children.csv",
                bytes: children.as_bytes(),
            },
            sites: Source {
                label: "sites.csv",
                bytes: sites.as_bytes(),
            },
            municipalities: Source {
                label: "municipalities.csv",
                bytes: EMBEDDED_MUNICIPALITIES.as_bytes(),
            },
            links: Source {
                label: "links.csv",
                bytes: EMBEDDED_LINKS.as_bytes(),
            },
        })
        .expect("valid")
    }

    fn date() -> Date {
        "2026-11-01".parse().expect("date")
    }

    #[test]
    fn unknown_ids_are_errors_that_do_not_repeat_the_id() {
        let loaded = loaded();
        let options = ShortlistOptions {
            top: 5,
            ..ShortlistOptions::default()
        };
        let error = shortlist_view(
            &loaded,
            &Weights::DEFAULT,
            date(),
            "C-secret",
            &options,
            Lang::En,
        )
        .expect_err("unknown");
        assert!(matches!(error, AppError::UnknownChild));
        assert!(!error.to_string().contains("secret"));
        let error = site_view(&loaded, "S-secret", Lang::En).expect_err("unknown");
        assert!(matches!(error, AppError::UnknownSite));
        assert!(!error.to_string().contains("secret"));
    }

    #[test]
    fn compare_lists_exactly_the_children_who_moved() {
        let loaded = loaded();
        let run = |scenario: &Scenario| {
            run_scenario(
                &loaded,
                scenario,
                "test",
                &Weights::DEFAULT,
                date(),
                SolveOptions::default(),
                &|| false,
            )
            .expect("solves")
        };
        let a = run(&Scenario::baseline());
        assert_eq!(a.metrics.placed, 2);
        let mut removed = Scenario::baseline();
        removed.name = "without S-1".into();
        removed.remove_sites = vec![SiteId::new("S-1")];
        let b = run(&removed);
        assert_eq!(b.metrics.placed, 1);
        let view = compare_view(&a, &b, Lang::En);
        assert!(!view.moved.is_empty(), "a child loses S-1");
        for moved in &view.moved {
            assert_ne!(moved.a_site_id, moved.b_site_id);
            assert_ne!(moved.b_site_id.as_deref(), Some("S-1"), "S-1 is gone in B");
        }
        assert!(
            view.moved
                .iter()
                .any(|m| m.a_site_id.as_deref() == Some("S-1"))
        );
        assert!(compare_view(&a, &a, Lang::En).moved.is_empty());
    }
}
