//! The routes under `/api/` (PRODUCT.md section 10). Handlers are thin: check the caller,
//! parse the request, run the same [`crate::app`] function as the CLI on a blocking thread,
//! return its JSON view.

use std::path::Path as FsPath;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{Caller, Role};
use super::problem::{Kind, Problem};
use super::{Access, AppState, purpose_of};
use crate::app::{self, Run, SolveOptions};
use crate::io::{self, Scenario};
use crate::render::{self, Lang};
use crate::shortlist::ShortlistOptions;

/// Roles per route; the OpenAPI description lists them too.
pub(super) const CHILDREN_ROLES: &[Role] = &[Role::Coordinator, Role::Planner];
pub(super) const SHORTLIST_ROLES: &[Role] = &[Role::Coordinator];
pub(super) const SITE_ROLES: &[Role] = &[Role::Coordinator, Role::Planner];
pub(super) const ASSIGN_ROLES: &[Role] = &[Role::Planner];
pub(super) const AUDITOR_ROLES: &[Role] = &[Role::Auditor];
pub(super) const OUTCOME_ROLES: &[Role] = &[Role::Planner, Role::Auditor];
/// The child's process: the coordinator in full, the auditor without free text.
pub(super) const CASE_ROLES: &[Role] = &[Role::Coordinator, Role::Auditor];

/// Most sites a shortlist request may ask for.
pub const MAX_TOP: usize = 200;

/// Set when the request that started some work is gone (its deadline passed and its answer
/// was dropped) or its job was cancelled: the work stops at its next check and records
/// nothing. It also counts the search's steps, for a job's progress.
#[derive(Clone, Default)]
pub(super) struct Cancel {
    flag: Arc<std::sync::atomic::AtomicBool>,
    steps: Arc<std::sync::atomic::AtomicU64>,
}

impl Cancel {
    pub(super) fn is_cancelled(&self) -> bool {
        self.flag.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Tells the work to stop.
    pub(super) fn cancel(&self) {
        self.flag.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the search should stop now (cancelled, or past `deadline`); each question is
    /// one step of the search.
    pub(super) fn should_stop(&self, deadline: Instant) -> bool {
        self.steps
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Instant::now() >= deadline || self.is_cancelled()
    }

    /// The search's steps so far.
    pub(super) fn steps(&self) -> u64 {
        self.steps.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Cancels the work when dropped before [`Armed::disarm`]: the request future was dropped.
struct Armed(Option<Cancel>);

impl Armed {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        if let Some(cancel) = &self.0 {
            cancel.cancel();
        }
    }
}

/// Runs CPU work off the async threads. If the request is dropped first (the server's
/// deadline), the work is told through its [`Cancel`].
async fn blocking<T: Send + 'static>(
    work: impl FnOnce(&Cancel) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let cancel = Cancel::default();
    let armed = Armed(Some(cancel.clone()));
    let result = tokio::task::spawn_blocking(move || work(&cancel)).await;
    armed.disarm();
    result.map_err(|_| {
        Problem::new(
            Kind::Internal,
            "beregningen stoppede uventet",
            "the worker stopped unexpectedly",
        )
    })?
}

/// The problem for a query other than `lang=da` or `lang=en` on a route that takes only that.
pub(super) fn lang_query_problem() -> Problem {
    Problem::new(
        Kind::InvalidQuery,
        "lang skal være da eller en",
        "expected lang (da or en)",
    )
}

/// The ID in a route's path; a path that does not decode (bad UTF-8, a bad escape) is a
/// problem document like every other error, and does not echo the path.
pub(super) fn path_id(id: Result<Path<String>, PathRejection>) -> Result<String, Problem> {
    id.map(|Path(id)| id).map_err(|_| {
        Problem::new(
            Kind::InvalidPath,
            "ID'et i stien kan ikke læses (det skal være UTF-8-tekst)",
            "the ID in the path cannot be read (it must be UTF-8 text)",
        )
    })
}

pub(super) fn lang(text: Option<&str>) -> Result<Lang, Problem> {
    match text {
        None | Some("da") => Ok(Lang::Da),
        Some("en") => Ok(Lang::En),
        Some(_) => Err(Problem::new(
            Kind::InvalidQuery,
            "lang skal være da eller en",
            "lang must be da or en",
        )),
    }
}

/// Who the caller is and which roles they hold.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeJson {
    /// User name (`local` on a server without a token file).
    pub user: String,
    /// Roles held.
    pub roles: Vec<Role>,
    /// Whether the server has a case store (`serve --cases`): inquiries, follow-ups due and
    /// the outcomes report.
    pub case_store: bool,
    /// Whether the server keeps an audit database (`serve --audit`): decisions can be
    /// recorded.
    pub audit: bool,
}

/// The caller's user name and roles.
#[utoipa::path(get, path = "/api/me", tag = "access",
    responses((status = 200, body = MeJson), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn me(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<MeJson>, Problem> {
    let caller: Caller = state.caller(&headers)?;
    Ok(Json(MeJson {
        user: caller.user,
        roles: caller.roles,
        case_store: state.has_case_store(),
        audit: state.audits(),
    }))
}

/// One matching element.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElementInfo {
    /// Key, as in the shortlist's `elements`.
    pub key: &'static str,
    /// Name in the requested language.
    pub name: &'static str,
    /// The server's weight for it (normalized; scenarios may set their own).
    pub weight: f64,
}

/// The seven elements in their fixed order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElementsInfoJson {
    /// The elements.
    pub elements: Vec<ElementInfo>,
}

/// The frame of the maps: Denmark's outline (Natural Earth, public domain) and the `viewBox`
/// that the points of a shortlist (`map`) and the recruitment report are drawn in (any role;
/// no personal data).
#[utoipa::path(get, path = "/api/map", tag = "access",
    responses((status = 200, body = render::MapFrameJson),
        (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn map(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<render::MapFrameJson>, Problem> {
    state.caller(&headers)?;
    Ok(Json(render::map_frame()))
}

/// The seven matching elements with their names and the server's weights (any role).
#[utoipa::path(get, path = "/api/elements", tag = "access", params(LangQuery),
    responses((status = 200, body = ElementsInfoJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn elements(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Json<ElementsInfoJson>, Problem> {
    state.caller(&headers)?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    Ok(Json(ElementsInfoJson {
        elements: state
            .weights
            .as_map()
            .iter()
            .map(|(element, &weight)| ElementInfo {
                key: element.as_str(),
                name: render::element_name(element, lang),
                weight: render::round6(weight),
            })
            .collect(),
    }))
}

/// The children awaiting placement: pseudonym, age, support level, purpose, home municipality,
/// siblings and network family (roles: coordinator, planner).
#[utoipa::path(get, path = "/api/children", tag = "coordinator",
    responses((status = 200, body = render::ChildrenJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn children(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<render::ChildrenJson>, Problem> {
    let (caller, role) = state.authorize(&headers, CHILDREN_ROLES)?;
    let view = app::children_view(&state.loaded, state.as_of);
    let children = view
        .children
        .iter()
        .map(|child| child.child_id.clone())
        .collect();
    // Reading the list is recorded, naming every child (their age and support level are
    // read); a purpose is not required: the page loads the list before one is typed.
    let access = Access {
        caller,
        role,
        command: "children",
        purpose: purpose_of(&headers)?,
    };
    let work = Arc::clone(&state);
    blocking(move |cancel| {
        work.record(cancel, &access, Vec::new(), children, &view)?;
        Ok(Json(view))
    })
    .await
}

/// A language of the texts, for the OpenAPI description (the routes read it as text and
/// answer an unknown one with a problem document).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub enum LangParam {
    /// Danish (the default).
    #[schema(rename = "da")]
    Da,
    /// English.
    #[schema(rename = "en")]
    En,
}

/// The sibling rule of a scenario, for the OpenAPI description.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub enum SiblingsParam {
    /// Sibling groups kept together (the default, barnets lov § 52, stk. 3).
    #[schema(rename = "together")]
    Together,
    /// Together first; split only when that places more children.
    #[schema(rename = "allow_split")]
    AllowSplit,
}

/// Query of the shortlist route.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShortlistQuery {
    /// How many eligible sites and near misses (default 10, at most 200).
    pub top: Option<usize>,
    /// Language of the texts: `da` (default) or `en`.
    #[param(inline, value_type = Option<LangParam>)]
    pub lang: Option<String>,
    /// Also list every excluded site with its gates.
    pub explain_excluded: Option<bool>,
}

/// The ranked, explained shortlist of one child (role: coordinator).
#[utoipa::path(get, path = "/api/children/{id}/shortlist", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), ShortlistQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::ShortlistJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn shortlist(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<ShortlistQuery>, QueryRejection>,
) -> Result<Json<render::ShortlistJson>, Problem> {
    let access = state.access(&headers, SHORTLIST_ROLES, "shortlist")?;
    let id = path_id(id)?;
    let Query(query) = query.map_err(|_| {
        Problem::new(
            Kind::InvalidQuery,
            "top skal være et helt tal, lang da eller en og explain_excluded true eller false",
            "expected top (a whole number), lang (da or en), explain_excluded (true or false)",
        )
    })?;
    let top = query.top.unwrap_or(10);
    if !(1..=MAX_TOP).contains(&top) {
        return Err(Problem::new(
            Kind::InvalidQuery,
            format!("top skal være mellem 1 og {MAX_TOP}"),
            format!("top must be between 1 and {MAX_TOP}"),
        ));
    }
    let lang = lang(query.lang.as_deref())?;
    let options = ShortlistOptions {
        top,
        explain_excluded: query.explain_excluded.unwrap_or(false),
        policy: state.policy,
    };
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        // With a case store, each site carries its answer and the child conversation is
        // shown, as on the command line.
        let view = match work.case_store()? {
            None => {
                app::shortlist_view(&work.loaded, &work.weights, work.as_of, &id, &options, lang)?
            }
            Some(store) => {
                let unreadable = |_| {
                    Problem::new(
                        Kind::Internal,
                        "sagsregistret kan ikke læses",
                        "the case store cannot be read",
                    )
                };
                let case = store
                    .child_case(&id, &work.policy.followups)
                    .map_err(unreadable)?;
                let view = app::shortlist_view_with_inquiries(
                    &work.loaded,
                    &work.weights,
                    work.as_of,
                    &id,
                    &options,
                    (&case.inquiries, lang),
                )?;
                render::with_child_case(view, &case, lang)
            }
        };
        work.record(
            cancel,
            &access,
            vec![
                ("top", options.top.to_string()),
                ("explain_excluded", options.explain_excluded.to_string()),
                ("lang", lang.as_str().to_string()),
            ],
            vec![view.child_id.clone()],
            &view,
        )?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// Query with a language only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// Language of the texts: `da` (default) or `en`.
    #[param(inline, value_type = Option<LangParam>)]
    pub lang: Option<String>,
}

/// One site's profile (roles: coordinator, planner).
#[utoipa::path(get, path = "/api/sites/{id}", tag = "coordinator",
    params(("id" = String, Path, description = "The site's ID"), LangQuery),
    responses((status = 200, body = render::SiteJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn site(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Json<render::SiteJson>, Problem> {
    state.authorize(&headers, SITE_ROLES)?;
    let id = path_id(id)?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    Ok(Json(app::site_view(&state.loaded, &id, lang)?))
}

/// A scenario as JSON: the keys of a scenario file (docs/scenarios.md) except `data` and
/// `add_sites`, which name files on the server.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRequest {
    /// Name shown in outputs (default `scenario`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The seven element weights by name; normalized to sum 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<std::collections::BTreeMap<String, f64>>,
    /// `together` (default) or `allow_split`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(inline, value_type = Option<SiblingsParam>)]
    pub siblings: Option<String>,
    /// With `allow_split`: score points per extra part a sibling group is split into
    /// (default 0.2, at most 10); it only orders splits among themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_penalty: Option<f64>,
    /// Pairs fixed by the planner: `[["C-1", "S-9"]]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<Vec<[String; 2]>>,
    /// Pairs excluded by the planner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbid: Option<Vec<[String; 2]>>,
    /// Free places by site ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_places: Option<std::collections::BTreeMap<String, u32>>,
    /// Places added to existing sites by site ID, approved and free (at least 1 each): the
    /// what-if of `/api/report/recruit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_places: Option<std::collections::BTreeMap<String, u32>>,
    /// Sites taken out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_sites: Option<Vec<String>>,
    /// Pairs farther than this many minutes from home are excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_travel_minutes: Option<f64>,
    /// The objective's tiers, highest first; a tier may be left out. Default: `placed`,
    /// `siblings_together`, `network_family`, `family_care`, `score`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(inline, value_type = Option<Vec<PriorityParam>>)]
    pub priorities: Option<Vec<String>>,
    /// The municipality's policy for this scenario (default: the server's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyRequest>,
    /// Sites added for this scenario, as CSV text with the columns of sites.csv and its header
    /// row, checked exactly like sites.csv (a what-if such as two foster families in Aarhus
    /// with trauma competence). A file path is never accepted over HTTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_sites_csv: Option<String>,
}

/// The municipality's local policy for one scenario; a key left out keeps its default.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyRequest {
    /// Children younger than this (years) are to be placed in foster families where one can
    /// take them (0 to 23; 0 turns the policy off; default 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_care_under: Option<u8>,
    /// From this age the child's wishes count in the total (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wishes_from: Option<u8>,
    /// From this age the child's wishes have their full weight (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wishes_full_from: Option<u8>,
}

/// A tier of the assignment's objective, for the OpenAPI description.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub enum PriorityParam {
    /// Children placed.
    #[schema(rename = "placed")]
    Placed,
    /// Sibling groups kept together (barnets lov § 52, stk. 3).
    #[schema(rename = "siblings_together")]
    SiblingsTogether,
    /// Children at their own eligible network family (§ 2, stk. 2, nr. 5).
    #[schema(rename = "network_family")]
    NetworkFamily,
    /// Children under the policy age in foster families.
    #[schema(rename = "family_care")]
    FamilyCare,
    /// Total score.
    #[schema(rename = "score")]
    Score,
}

impl ScenarioRequest {
    /// Checks the scenario exactly as a scenario file is checked.
    pub(super) fn into_scenario(mut self, label: &str) -> Result<Scenario, Problem> {
        let added = self.add_sites_csv.take();
        let table = toml::Table::try_from(&self).map_err(|_| {
            Problem::new(
                Kind::MalformedJson,
                format!("{label}: tal skal være endelige"),
                format!("{label}: numbers must be finite"),
            )
        })?;
        let mut scenario = io::parse_scenario_table(label, &table, FsPath::new("."), "scenario")
            .map_err(app::AppError::from)?;
        // Inline rows are read as an added-sites file is: `apply_scenario` checks them.
        if let Some(csv) = added.filter(|csv| !csv.trim().is_empty()) {
            scenario.added_sites = Some(io::AddedSites {
                label: format!("{label}: add_sites_csv"),
                bytes: csv.into_bytes(),
            });
        }
        Ok(scenario)
    }
}

/// Reads a JSON body, mapping every failure to a problem.
pub(super) fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Problem> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::new(
                Kind::BodyTooLarge,
                "forespørgslens indhold overskrider den tilladte størrelse",
                "the request body exceeds the limit",
            )
        } else {
            Problem::new(
                Kind::MalformedJson,
                "forespørgslens indhold kunne ikke læses",
                "the request body could not be read",
            )
        }
    })?;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(Problem::new(
            Kind::UnsupportedMediaType,
            "send indholdet med Content-Type: application/json",
            "send the body with Content-Type: application/json",
        ));
    }
    // serde_json's message names a line and column and the expected shape; it quotes no
    // value from the body.
    serde_json::from_slice(&body).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let (da, en) = match error.classify() {
            // Line 0: serde read a buffered part (a tagged object) and knows no position.
            serde_json::error::Category::Data => {
                let (da, en) = data_error_message(&error);
                if line == 0 {
                    (da, en)
                } else {
                    (
                        format!("linje {line}, kolonne {column}: {da}"),
                        format!("line {line}, column {column}: {en}"),
                    )
                }
            }
            _ => (
                format!("linje {line}, kolonne {column}: ikke gyldig JSON"),
                format!("line {line}, column {column}: not valid JSON"),
            ),
        };
        Problem::new(Kind::MalformedJson, da, en)
    })
}

/// A data error without quoted values: serde names unknown fields and expected types, and
/// sometimes quotes the value it got, which may be anything the caller sent.
fn data_error_message(error: &serde_json::Error) -> (String, String) {
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or("");
    if let Some(field) = text.strip_prefix("unknown field `") {
        let name: String = field.chars().take_while(|c| *c != '`').take(40).collect();
        let name = io::shown(&name);
        return (
            format!("ukendt nøgle `{name}`"),
            format!("unknown key `{name}`"),
        );
    }
    if text.starts_with("invalid type") || text.starts_with("invalid value") {
        // serde's name of the expected type ("a string", "u32") in Danish words where known.
        return match text.split_once(", expected ") {
            Some((_, expected)) => {
                let danish = match expected.trim() {
                    "a string" => Some("en tekst"),
                    "a boolean" => Some("true eller false"),
                    "a sequence" => Some("en liste"),
                    "a map" | "struct ScenarioRequest" => Some("et objekt"),
                    "f64" | "f32" => Some("et tal"),
                    kind if kind.starts_with('u') || kind.starts_with('i') => Some("et helt tal"),
                    _ => None,
                };
                (
                    danish.map_or_else(
                        || "forkert type".to_string(),
                        |word| format!("forkert type: der skal stå {word}"),
                    ),
                    format!("wrong type, expected {expected}"),
                )
            }
            None => ("forkert type".into(), "wrong type".into()),
        };
    }
    if let Some(field) = text.strip_prefix("missing field `") {
        let name: String = field.chars().take_while(|c| *c != '`').take(40).collect();
        return (
            format!("nøglen `{name}` mangler"),
            format!("missing field `{name}`"),
        );
    }
    (
        "indholdet har ikke den forventede opbygning".into(),
        "unexpected shape".into(),
    )
}

/// Query of the assignment routes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignQuery {
    /// Language of the reasons: `da` (default) or `en`.
    #[param(inline, value_type = Option<LangParam>)]
    pub lang: Option<String>,
}

fn solve(
    state: &AppState,
    scenario: &Scenario,
    label: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> Result<Run, Problem> {
    // Work nobody can collect any more (a cancelled job, a dropped request) is not started:
    // the second side of a comparison after the first was cancelled.
    if cancel.is_cancelled() {
        return Err(Problem::new(
            Kind::Timeout,
            "beregningen blev stoppet",
            "the calculation was stopped",
        ));
    }
    let stop = || cancel.should_stop(deadline);
    Ok(app::run_scenario(
        &state.loaded,
        scenario,
        label,
        &state.weights,
        state.as_of,
        solve_options(state, deadline),
        &stop,
    )?)
}

/// The solver's options under the request's deadline.
fn solve_options(state: &AppState, deadline: Instant) -> SolveOptions {
    SolveOptions {
        candidates: 32,
        time_limit: deadline
            .checked_duration_since(Instant::now())
            .map(|left| left.as_secs_f64().max(0.001)),
        policy: state.policy,
    }
}

/// The optimizer stops itself a little before the request limit, so that a slow scenario
/// returns its best assignment with the proven gap instead of a timeout.
fn solve_deadline(state: &AppState) -> Instant {
    Instant::now()
        + state
            .limits
            .request_time
            .mul_f64(0.8)
            .max(Duration::from_millis(10))
}

/// Batch assignment of one scenario (role: planner).
#[utoipa::path(post, path = "/api/assign", tag = "planner",
    params(AssignQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body(content = ScenarioRequest, content_type = "application/json"),
    responses((status = 200, body = render::AssignJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn assign(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<AssignQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::AssignJson>, Problem> {
    let access = state.access(&headers, ASSIGN_ROLES, "assign")?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    let request: ScenarioRequest = json_body(&headers, body)?;
    let scenario = request.into_scenario("scenario")?;
    let slot = state.solver_slot()?;
    let deadline = solve_deadline(&state);
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let _slot = slot;
        assign_work(&work, &scenario, lang, &access, deadline, cancel)
    })
    .await?;
    Ok(Json(view))
}

/// The work of `POST /api/assign`, for a request or a job: solve, render, record.
pub(super) fn assign_work(
    state: &AppState,
    scenario: &Scenario,
    lang: Lang,
    access: &Access,
    deadline: Instant,
    cancel: &Cancel,
) -> Result<render::AssignJson, Problem> {
    let run = solve(state, scenario, "scenario", deadline, cancel)?;
    let view = app::assign_view(&run, state.as_of, lang);
    state.record(
        cancel,
        access,
        vec![("scenario", run.name.clone())],
        run.child_ids(),
        &view,
    )?;
    Ok(view)
}

/// Query of the recruitment report.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecruitQuery {
    /// Language of the texts: `da` (default) or `en`.
    #[param(inline, value_type = Option<LangParam>)]
    pub lang: Option<String>,
    /// Candidates to verify by solving again, 1 to 50 (default 6).
    pub verify: Option<u32>,
}

/// Where one more place would help the most children, each gain verified by solving again
/// (role: planner). The body is a scenario, as for `/api/assign` (`{}`: the data as it
/// stands).
#[utoipa::path(post, path = "/api/report/recruit", tag = "planner",
    params(RecruitQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body(content = ScenarioRequest, content_type = "application/json"),
    responses((status = 200, body = render::RecruitJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn recruit_report(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<RecruitQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::RecruitJson>, Problem> {
    let access = state.access(&headers, ASSIGN_ROLES, "report recruit")?;
    let Query(query) = query.map_err(|_| {
        Problem::new(
            Kind::InvalidQuery,
            "lang skal være da eller en, og verify et tal fra 1 til 50",
            "expected lang (da or en) and verify (1 to 50)",
        )
    })?;
    let lang = lang(query.lang.as_deref())?;
    let verify = match query.verify {
        None => crate::recruit::DEFAULT_VERIFY,
        Some(n @ 1..=50) => n as usize,
        Some(_) => {
            return Err(Problem::new(
                Kind::InvalidQuery,
                "verify skal være fra 1 til 50",
                "verify must be from 1 to 50",
            ));
        }
    };
    let request: ScenarioRequest = json_body(&headers, body)?;
    let scenario = request.into_scenario("scenario")?;
    let slot = state.solver_slot()?;
    let deadline = solve_deadline(&state);
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let _slot = slot;
        let stop = || cancel.should_stop(deadline);
        let options = solve_options(&work, deadline);
        let (view, children) = app::recruit_view(
            &work.loaded,
            (&scenario, "scenario"),
            &work.weights,
            work.as_of,
            (options, verify, lang),
            &stop,
        )?;
        work.record(
            cancel,
            &access,
            vec![
                ("scenario", scenario.name.clone()),
                ("verify", verify.to_string()),
            ],
            children,
            &view,
        )?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// Two scenarios to compare.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// Scenario A.
    pub a: ScenarioRequest,
    /// Scenario B.
    pub b: ScenarioRequest,
}

/// Two scenarios solved and side by side, with who moved (role: planner).
#[utoipa::path(post, path = "/api/compare", tag = "planner",
    params(LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body(content = CompareRequest, content_type = "application/json"),
    responses((status = 200, body = render::CompareJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn compare(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::CompareJson>, Problem> {
    let access = state.access(&headers, ASSIGN_ROLES, "compare")?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    let request: CompareRequest = json_body(&headers, body)?;
    let a = request.a.into_scenario("a")?;
    let b = request.b.into_scenario("b")?;
    let slot = state.solver_slot()?;
    let deadline = solve_deadline(&state);
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let _slot = slot;
        compare_work(&work, (&a, &b), lang, &access, deadline, cancel)
    })
    .await?;
    Ok(Json(view))
}

/// The work of `POST /api/compare`, for a request or a job: check both scenarios, solve each
/// in half the time, render, record.
pub(super) fn compare_work(
    state: &AppState,
    (a, b): (&Scenario, &Scenario),
    lang: Lang,
    access: &Access,
    deadline: Instant,
    cancel: &Cancel,
) -> Result<render::CompareJson, Problem> {
    // Both sides are checked against the data before either is solved.
    app::check_scenario(&state.loaded, a, "a")?;
    app::check_scenario(&state.loaded, b, "b")?;
    // Each side gets half of the time.
    let now = Instant::now();
    let half = now + deadline.saturating_duration_since(now) / 2;
    let run_a = solve(state, a, "a", half, cancel)?;
    let run_b = solve(state, b, "b", deadline, cancel)?;
    let mut children = run_a.child_ids();
    children.extend(run_b.child_ids());
    children.sort();
    children.dedup();
    let view = app::compare_view(&run_a, &run_b, lang);
    state.record(
        cancel,
        access,
        vec![("a", run_a.name.clone()), ("b", run_b.name.clone())],
        children,
        &view,
    )?;
    Ok(view)
}

/// Every access to one child's data, for a data subject's request (role: auditor). The
/// extract is itself recorded.
#[utoipa::path(get, path = "/api/audit/children/{id}", tag = "auditor",
    params(("id" = String, Path, description = "The child's pseudonym"), ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::ExtractJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn audit_extract(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<render::ExtractJson>, Problem> {
    let access = state.access(&headers, AUDITOR_ROLES, "audit extract")?;
    let id = path_id(id)?;
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let records = work.audit_records_for_child(&id)?;
        let view = app::access_extract(&records, &id);
        work.record(
            cancel,
            &access,
            Vec::new(),
            vec![view.child_id.clone()],
            &view,
        )?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// Fairness figures from the recorded decisions, by region, age band and sex, cells under 5
/// children suppressed (role: auditor).
#[utoipa::path(get, path = "/api/report/fairness", tag = "auditor",
    params(("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::FairnessJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn fairness_report(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<render::FairnessJson>, Problem> {
    let access = state.access(&headers, AUDITOR_ROLES, "report fairness")?;
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let records = work.audit_records()?;
        let (view, decided) = app::fairness_from_decisions(&work.loaded, &records, work.as_of);
        work.record(cancel, &access, Vec::new(), decided.children, &view)?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// Does the matching work? Breakdowns within 12 months of each placement in the case store,
/// by score band, flag, site type and region, with Wilson intervals and small cells
/// suppressed, and the calibration of the element scores (roles: planner, auditor). Aggregate
/// only: no figure about one child.
#[utoipa::path(get, path = "/api/report/outcomes", tag = "planner",
    params(LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::OutcomesJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn outcomes_report(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Json<render::OutcomesJson>, Problem> {
    let access = state.access(&headers, OUTCOME_ROLES, "report outcomes")?;
    let Query(query) = query.map_err(|_| {
        Problem::new(
            Kind::InvalidQuery,
            "lang skal være da eller en",
            "lang must be da or en",
        )
    })?;
    let lang = lang(query.lang.as_deref())?;
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let histories = work.match_histories()?;
        let mut shares = [0.0; 7];
        for (share, element) in shares.iter_mut().zip(crate::explain::ElementId::ALL) {
            *share = work.weights.get(element);
        }
        let report = crate::outcomes::outcomes(&histories, work.as_of, shares);
        let view = render::outcomes_json(&report, &work.as_of.to_string(), lang);
        work.record(cancel, &access, Vec::new(), Vec::new(), &view)?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// Today in Danish time: the day an inquiry is recorded (a clock read, here at the edge).
fn today() -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(
            jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap_or(jiff::tz::TimeZone::UTC),
        )
        .date()
}

/// The case store's failure as a problem (nothing personal in it).
fn case_problem(error: crate::cases::CaseError) -> Problem {
    match error {
        crate::cases::CaseError::Database { .. } | crate::cases::CaseError::File { .. } => {
            Problem::new(
                Kind::Internal,
                "sagsregistret kan ikke læses eller skrives",
                "the case store cannot be read or written",
            )
        }
        crate::cases::CaseError::NotAsked { .. }
        | crate::cases::CaseError::AnswerBeforeQuestion { .. }
        | crate::cases::CaseError::NoPlacement
        | crate::cases::CaseError::FollowupBeforeDecision { .. } => Problem::new(
            Kind::CaseConflict,
            crate::render::case_error_text(&error, Lang::Da),
            crate::render::case_error_text(&error, Lang::En),
        ),
        other => Problem::new(
            Kind::InvalidQuery,
            crate::render::case_error_text(&other, Lang::Da),
            crate::render::case_error_text(&other, Lang::En),
        ),
    }
}

impl From<crate::cases::CaseError> for Problem {
    fn from(error: crate::cases::CaseError) -> Self {
        case_problem(error)
    }
}

/// Sites asked to take a child.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InquiryRequest {
    /// The sites asked (at least one, at most 50).
    pub sites: Vec<String>,
}

/// Records that sites were asked to take the child, today (Danish time), in the case store;
/// the record is kept only with its audit record. Answers the child's inquiries (role:
/// coordinator).
#[utoipa::path(post, path = "/api/children/{id}/inquiries", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = InquiryRequest,
    responses((status = 200, body = render::CaseJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn inquire(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::CaseJson>, Problem> {
    let (access, id, lang, request): (_, _, _, InquiryRequest) =
        case_write(&state, &headers, "inquire", (id, query, body))?;
    let dataset = &state.loaded.dataset;
    let mut sites = request.sites;
    sites.sort();
    sites.dedup();
    if sites.is_empty() || sites.len() > 50 {
        return Err(Problem::new(
            Kind::MalformedJson,
            "angiv mellem 1 og 50 steder i sites",
            "give between 1 and 50 sites in sites",
        ));
    }
    if sites
        .iter()
        .any(|site| dataset.site(&crate::model::SiteId::new(site)).is_none())
    {
        return Err(Problem::new(
            Kind::UnknownSite,
            "et af stederne findes ikke i data",
            "one of the sites is not in the data",
        ));
    }
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut store = work.case_store()?.ok_or_else(no_case_store)?;
        let on = today();
        // The answer is the child's inquiries with this request's new ones added, as the
        // transaction will leave them.
        let mut listed = store.inquiries_for(&id)?;
        for site in &sites {
            if listed.iter().all(|inquiry| &inquiry.site != site) {
                listed.push(crate::cases::Inquiry {
                    child: id.clone(),
                    asked_by: access.caller.user.clone(),
                    site: site.clone(),
                    asked_on: on,
                    answer: crate::cases::Answer::Asked,
                    answered_on: None,
                });
            }
        }
        let json = render::case_json(&id, &listed, lang);
        store.inquire(&id, &sites, on, &access.caller.user, |_| {
            work.record(
                cancel,
                &access,
                vec![("sites", sites.len().to_string()), ("on", on.to_string())],
                vec![id.clone()],
                &json,
            )
        })?;
        Ok(json)
    })
    .await?;
    Ok(Json(view))
}

/// A site's answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseRequest {
    /// The site that answered (it must have been asked).
    pub site: String,
    /// `accepted` or `declined`.
    pub answer: String,
    /// Why it declined: `no_capacity`, `needs_not_met`, `group_fit`, `timing` or `other`
    /// (required with `declined`).
    pub reason: Option<String>,
    /// Conditions agreed with the site (with `accepted`; at most 1,000 characters; never in
    /// an error).
    pub conditions: Option<String>,
    /// Needs (codes) whose gap the conditions cover (with `conditions`): each must be a gap
    /// the shortlist shows for the site.
    #[serde(default)]
    pub closes: Vec<String>,
}

/// Records a site's answer today (Danish time): accepted, possibly with conditions, or
/// declined with a reason; kept only with its audit record. Answers the child's inquiries
/// (role: coordinator).
#[utoipa::path(post, path = "/api/children/{id}/responses", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = ResponseRequest,
    responses((status = 200, body = render::CaseJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn respond(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::CaseJson>, Problem> {
    let (access, id, lang, request): (_, _, _, ResponseRequest) =
        case_write(&state, &headers, "respond", (id, query, body))?;
    let bad = |danish: &str, english: &str| Problem::new(Kind::MalformedJson, danish, english);
    let answer = match (request.answer.as_str(), request.reason.as_deref()) {
        ("accepted", None) => {
            let conditions = checked_text("conditions", request.conditions.as_deref())?;
            if conditions.is_none() && !request.closes.is_empty() {
                return Err(bad(
                    "closes kræver conditions: den betingelse, der dækker manglen",
                    "closes needs conditions: the condition that covers the gap",
                ));
            }
            crate::cases::Answer::Accepted {
                conditions,
                closes: request.closes.clone(),
            }
        }
        ("declined", Some(code)) if request.conditions.is_none() => {
            let reason = crate::cases::DeclineReason::from_code(code).ok_or_else(|| {
                bad(
                    "reason skal være no_capacity, needs_not_met, group_fit, timing eller other",
                    "reason must be no_capacity, needs_not_met, group_fit, timing or other",
                )
            })?;
            crate::cases::Answer::Declined { reason }
        }
        _ => {
            return Err(bad(
                "angiv answer som accepted (evt. med conditions) eller declined med reason",
                "give answer as accepted (optionally with conditions) or declined with a reason",
            ));
        }
    };
    let site = request.site;
    if state
        .loaded
        .dataset
        .site(&crate::model::SiteId::new(&site))
        .is_none()
    {
        return Err(Problem::new(
            Kind::UnknownSite,
            "stedet findes ikke i data",
            "the site is not in the data",
        ));
    }
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut answer = answer;
        if let crate::cases::Answer::Accepted { closes, .. } = &mut answer {
            if !closes.is_empty() {
                let uncovered = app::uncovered_needs(
                    &work.loaded,
                    &work.weights,
                    (work.policy, work.as_of),
                    &id,
                    &site,
                )?;
                *closes = crate::cases::closing_needs(closes, &uncovered).map_err(|code| {
                    Problem::new(
                        Kind::MalformedJson,
                        render::not_a_gap_text("closes", &code, Lang::Da),
                        render::not_a_gap_text("closes", &code, Lang::En),
                    )
                })?;
            }
        }
        let mut store = work.case_store()?.ok_or_else(no_case_store)?;
        let on = today();
        let mut listed = store.inquiries_for(&id)?;
        for inquiry in &mut listed {
            if inquiry.site == site {
                inquiry.answer = answer.clone();
                inquiry.answered_on = Some(on);
            }
        }
        let json = render::case_json(&id, &listed, lang);
        store.respond(&id, &site, (&answer, on, &access.caller.user), || {
            work.record(
                cancel,
                &access,
                vec![("site", site.clone()), ("on", on.to_string())],
                vec![id.clone()],
                &json,
            )
        })?;
        Ok(json)
    })
    .await?;
    Ok(Json(view))
}

/// How the child's view was sought before the decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversationRequest {
    /// The day (YYYY-MM-DD), not after today.
    pub held_on: String,
    /// `conversation` (barnets lov § 5, stk. 3) or `other_ways` (stk. 4).
    pub how: String,
}

/// Records that the child's view was sought: a conversation with the child (barnets lov § 5,
/// stk. 3) or other ways (stk. 4), in one transaction with the audit record (role:
/// coordinator).
#[utoipa::path(post, path = "/api/children/{id}/conversation", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = ConversationRequest,
    responses((status = 200, body = render::ConversationJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn conversation(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::ConversationJson>, Problem> {
    let (access, id, lang, request): (_, _, _, ConversationRequest) =
        case_write(&state, &headers, "conversation", (id, query, body))?;
    let held_on: jiff::civil::Date = request
        .held_on
        .parse()
        .ok()
        .filter(|day| *day <= today())
        .ok_or_else(|| {
            Problem::new(
                Kind::MalformedJson,
                "held_on skal være en dato som 2026-12-01, ikke efter i dag",
                "held_on must be a date like 2026-12-01, not after today",
            )
        })?;
    let how = match request.how.as_str() {
        "conversation" => crate::cases::Heard::Conversation,
        "other_ways" => crate::cases::Heard::OtherWays,
        _ => {
            return Err(Problem::new(
                Kind::MalformedJson,
                "how skal være conversation eller other_ways",
                "how must be conversation or other_ways",
            ));
        }
    };
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut store = work.case_store()?.ok_or_else(no_case_store)?;
        let talk = crate::cases::Conversation { held_on, how };
        let json = render::conversation_json(Some(&talk), lang);
        store.record_conversation(&id, talk, &access.caller.user, || {
            work.record(
                cancel,
                &access,
                vec![
                    ("held_on", held_on.to_string()),
                    ("how", how.as_str().to_string()),
                ],
                vec![id.clone()],
                &json,
            )
        })?;
        Ok(json)
    })
    .await?;
    Ok(Json(view))
}

/// A free text of a request's `field`, checked (trimmed; `None` when empty); the text is never
/// repeated in the answer.
fn checked_text(field: &str, text: Option<&str>) -> Result<Option<String>, Problem> {
    match text {
        None => Ok(None),
        Some(text) => crate::cases::free_text(text).map_err(|error| {
            Problem::new(
                Kind::MalformedJson,
                render::free_text_error(field, error, Lang::Da),
                render::free_text_error(field, error, Lang::En),
            )
        }),
    }
}

/// The child's and the parents' views and the consents; a key left out keeps its value.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewsRequest {
    /// The child's wishes in the child's own words (at most 1,000 characters).
    pub child_wishes: Option<String>,
    /// The parents' wishes (at most 1,000 characters).
    pub parents_wishes: Option<String>,
    /// The child's resources (at most 1,000 characters).
    pub resources: Option<String>,
    /// The custody holder's consent to the placement (barnets lov § 46): `given` or `refused`.
    pub parents_consent: Option<String>,
    /// The child's own consent (§ 46 from 15; § 98 for a change of site from 12): `given` or
    /// `refused`.
    pub child_consent: Option<String>,
}

/// Records the child's and the parents' views and the consents today (Danish time), in one
/// transaction with the audit record, which names the fields and never their
/// text (role: coordinator). Answers the child's process.
#[utoipa::path(post, path = "/api/children/{id}/views", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = ViewsRequest,
    responses((status = 200, body = render::ProcessJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn views(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<render::ProcessJson>, Problem> {
    let (access, id, lang, request): (_, _, _, ViewsRequest) =
        case_write(&state, &headers, "views", (id, query, body))?;
    let consent = |field: &str, code: Option<&str>| match code {
        None => Ok(None),
        Some(code) => crate::cases::Consent::from_code(code)
            .map(Some)
            .ok_or_else(|| {
                Problem::new(
                    Kind::MalformedJson,
                    format!("{field} skal være given eller refused"),
                    format!("{field} must be given or refused"),
                )
            }),
    };
    let update = crate::cases::ViewsUpdate {
        child_wishes: checked_text("child_wishes", request.child_wishes.as_deref())?,
        parents_wishes: checked_text("parents_wishes", request.parents_wishes.as_deref())?,
        resources: checked_text("resources", request.resources.as_deref())?,
        parents_consent: consent("parents_consent", request.parents_consent.as_deref())?,
        child_consent: consent("child_consent", request.child_consent.as_deref())?,
    };
    if update.is_empty() {
        return Err(Problem::new(
            Kind::MalformedJson,
            "angiv mindst én af child_wishes, parents_wishes, resources, parents_consent og child_consent (en tom tekst tæller ikke)",
            "give at least one of child_wishes, parents_wishes, resources, parents_consent and child_consent (an empty text does not count)",
        ));
    }
    let fields = update.fields();
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut store = work.case_store()?.ok_or_else(no_case_store)?;
        let on = today();
        let age = child_age(&work, &id);
        // A consent is recorded only where the law asks for it, at the child's age.
        if let Some(age) = age {
            let placed_before = store.placement_of(&id)?.is_some();
            crate::cases::check_consents(&update, age, placed_before).map_err(|misfit| {
                Problem::new(
                    Kind::MalformedJson,
                    render::consent_misfit_text(misfit.field(), misfit, Lang::Da),
                    render::consent_misfit_text(misfit.field(), misfit, Lang::En),
                )
            })?;
        }
        store.record_views(&id, &update, on, &access.caller.user, || {
            work.record(
                cancel,
                &access,
                vec![("fields", fields.join(" ")), ("on", on.to_string())],
                vec![id.clone()],
                &fields,
            )
        })?;
        let case = store.child_case(&id, &work.policy.followups)?;
        Ok(render::process_json(&id, &case, age, false, lang))
    })
    .await?;
    Ok(Json(view))
}

/// The child's age in the server's data, if the child is there.
fn child_age(state: &AppState, id: &str) -> Option<u8> {
    state
        .loaded
        .dataset
        .child(&crate::model::ChildId::new(id))
        .map(|child| child.age)
}

/// The child's process on one screen: the child conversation, the views and consents, the
/// sites asked and their answers, the decision and its follow-ups with the next one. A
/// coordinator reads everything; an auditor reads the same without the free text (the
/// conditions agreed, the wishes, the resources), which is marked withheld.
#[utoipa::path(get, path = "/api/children/{id}/case", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::ProcessJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn case(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Json<render::ProcessJson>, Problem> {
    let access = state.access(&headers, CASE_ROLES, "case")?;
    let id = path_id(id)?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    let withhold = access.role != Role::Coordinator;
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let store = work.case_store()?.ok_or_else(no_case_store)?;
        let case = store.child_case(&id, &work.policy.followups)?;
        let view = render::process_json(&id, &case, child_age(&work, &id), withhold, lang);
        work.record(
            cancel,
            &access,
            vec![("withheld", withhold.to_string())],
            vec![id.clone()],
            &view,
        )?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// A caseworker's decision for a child.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// The chosen site.
    pub site: String,
    /// The caseworker's reason (at most 5,000 characters; kept in the audit database and
    /// written into the document, never echoed in an error). Required when the site is not
    /// the top-ranked one, a default of the law is flagged, or (with a case store) the site
    /// has not accepted.
    pub reason: Option<String>,
}

/// A recorded decision, with the decision basis for the case file.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionResponse {
    /// The child's pseudonym.
    pub child_id: String,
    /// The chosen site.
    pub site_id: String,
    /// Its rank among the sites that have not declined (1 = top).
    pub rank: usize,
    /// The top-ranked site.
    pub top_site_id: String,
    /// The flags raised for the chosen site (keys).
    pub flags: Vec<String>,
    /// The flags in words.
    pub flag_texts: Vec<String>,
    /// Whether a reason was given.
    pub reason_given: bool,
    /// The day of the decision (Danish time).
    pub decided_on: String,
    /// Whether the placement was kept in the case store (for its follow-ups).
    pub placement_recorded: bool,
    /// The confirmation in words.
    pub text: String,
    /// The SHA-256 of the document, which is the audit record's result hash.
    pub document_sha256: String,
    /// The decision basis for the case file (afgørelsesgrundlag): one HTML page, print-ready
    /// on A4, with no script and no external asset.
    pub document_html: String,
}

/// Records a caseworker's decision for the child, as `placematch decide --document` does: the
/// rank and flags at this moment, the reason when one is required, the placement in the case
/// store (with `--cases`, in one transaction with the audit record), and answers the decision
/// basis for the case file, whose SHA-256 is recorded. Needs an audit database (role:
/// coordinator).
#[utoipa::path(post, path = "/api/children/{id}/decision", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = DecisionRequest,
    responses((status = 200, body = DecisionResponse),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn decide(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<DecisionResponse>, Problem> {
    let (access, id, lang, request): (_, _, _, DecisionRequest) =
        case_write(&state, &headers, "decide", (id, query, body))?;
    if !state.audits() {
        return Err(Problem::new(
            Kind::NoAuditDatabase,
            "en afgørelse registreres i adgangsloggen: start serveren med --audit FIL",
            "a decision is recorded in the audit trail: start the server with --audit FILE",
        ));
    }
    let reason = match request.reason.as_deref() {
        None => None,
        Some(text) => crate::cases::reason_text(text).map_err(|error| {
            Problem::new(
                Kind::MalformedJson,
                render::free_text_error("reason", error, Lang::Da),
                render::free_text_error("reason", error, Lang::En),
            )
        })?,
    };
    let site = request.site;
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut store = work.case_store()?;
        let case = match &store {
            Some(store) => Some(store.child_case(&id, &work.policy.followups)?),
            None => None,
        };
        let app::CheckedDecision { facts, needed } = app::check_decision(
            &work.loaded,
            &work.weights,
            (work.policy, work.as_of),
            (&id, &site),
            case.as_ref(),
        )
        .map_err(|error| match error {
            app::AppError::Excluded(_) => Problem::new(
                Kind::CaseConflict,
                format!(
                    "afgørelsen afvises: {}",
                    render::app_error_text(&error, Lang::Da)
                ),
                format!(
                    "decision refused: {}",
                    render::app_error_text(&error, Lang::En)
                ),
            ),
            other => Problem::from(other),
        })?;

        if !needed.is_empty() && reason.is_none() {
            return Err(Problem::new(
                Kind::ReasonRequired,
                format!(
                    "{}; angiv en begrundelse",
                    render::reasons_needed_text(&needed, Lang::Da)
                ),
                format!(
                    "{}; give a reason",
                    render::reasons_needed_text(&needed, Lang::En)
                ),
            ));
        }
        let decided_on = today();
        let html = app::decision_document(
            &work.loaded,
            &work.weights,
            (work.policy, work.as_of),
            &app::DecisionInput {
                child: &id,
                site: &site,
                facts: &facts,
                case: case.as_ref(),
                reason: reason.as_deref(),
                decided_on,
                decided_by: Some(&access.caller.user),
            },
            lang,
        )?;
        let document_sha256 = crate::audit::sha256_hex(html.as_bytes());
        let decision = crate::audit::Decision {
            child_id: id.clone(),
            site_id: site.clone(),
            rank: facts.rank,
            top_site_id: Some(facts.top_site.clone()),
            flags: facts.flags.clone(),
            reason: reason.clone(),
        };
        let options = vec![("as_of", work.as_of.to_string())];
        let record = || {
            work.record_decision(
                cancel,
                &access,
                options.clone(),
                document_sha256.clone(),
                decision.clone(),
            )
        };
        let placement_recorded = match &mut store {
            // The placement is kept with its record, or neither is.
            Some(store) => {
                let placement = crate::cases::Placement {
                    child: id.clone(),
                    site: site.clone(),
                    decided_on,
                };
                store.record_placement(
                    &placement,
                    Some(&facts.matched),
                    &access.caller.user,
                    record,
                )?;
                true
            }
            None => {
                record()?;
                false
            }
        };
        let text = render::decision_confirmation(
            &render::Decided {
                child: &id,
                site: &site,
                rank: facts.rank,
                top_site: &facts.top_site,
                flags: &facts.flags,
                reason_given: reason.is_some(),
            },
            lang,
        );
        Ok(DecisionResponse {
            child_id: id.clone(),
            site_id: site.clone(),
            rank: facts.rank,
            top_site_id: facts.top_site.clone(),
            flag_texts: render::flag_words(&facts.flags, lang),
            flags: facts.flags,
            reason_given: reason.is_some(),
            decided_on: decided_on.to_string(),
            placement_recorded,
            text: text.trim_end().to_string(),
            document_sha256,
            document_html: html,
        })
    })
    .await?;
    Ok(Json(view))
}

/// A follow-up of the child's latest placement.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowupRequest {
    /// `ongoing`, `breakdown`, `planned_end` or `moved`.
    pub status: String,
    /// With `breakdown`: `site_ended`, `needs_not_met`, `child_left`, `parents` or `other`.
    pub cause: Option<String>,
}

/// What a recorded follow-up says.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowupJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// The site of the placement followed up.
    pub site_id: String,
    /// The day (today, Danish time).
    pub at: String,
    /// The status recorded.
    pub status: String,
    /// The confirmation in words.
    pub text: String,
}

/// Records how the child's latest placement stands today (Danish time), in one transaction
/// with the audit record. The child need not be among those awaiting placement: it needs a
/// placement recorded in the case store (role: coordinator).
#[utoipa::path(post, path = "/api/children/{id}/followups", tag = "coordinator",
    params(("id" = String, Path, description = "The child's pseudonym"), LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body = FollowupRequest,
    responses((status = 200, body = FollowupJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn followup(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<FollowupJson>, Problem> {
    let access = state.access(&headers, SHORTLIST_ROLES, "followup")?;
    let id = path_id(id)?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    let request: FollowupRequest = json_body(&headers, body)?;
    use crate::cases::{BreakdownCause, FollowupStatus};
    let status = FollowupStatus::from_code(&request.status).ok_or_else(|| {
        Problem::new(
            Kind::MalformedJson,
            "status skal være ongoing, breakdown, planned_end eller moved",
            "status must be ongoing, breakdown, planned_end or moved",
        )
    })?;
    let cause = match (status, request.cause.as_deref()) {
        (_, None) => None,
        (FollowupStatus::Breakdown, Some(code)) => {
            Some(BreakdownCause::from_code(code).ok_or_else(|| {
                Problem::new(
                    Kind::MalformedJson,
                    "cause skal være site_ended, needs_not_met, child_left, parents eller other",
                    "cause must be site_ended, needs_not_met, child_left, parents or other",
                )
            })?)
        }
        (_, Some(_)) => {
            return Err(Problem::new(
                Kind::MalformedJson,
                "cause bruges kun med status breakdown",
                "cause is for status breakdown only",
            ));
        }
    };
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let mut store = work.case_store()?.ok_or_else(no_case_store)?;
        let followup = crate::cases::Followup {
            at: today(),
            status,
            cause,
        };
        let mut view = None;
        store.record_followup(&id, followup, &access.caller.user, |placement| {
            let json = FollowupJson {
                child_id: id.clone(),
                site_id: placement.site.clone(),
                at: followup.at.to_string(),
                status: status.as_str().to_string(),
                text: render::followup_text(&id, placement, &followup, lang),
            };
            work.record(
                cancel,
                &access,
                vec![
                    ("status", status.as_str().to_string()),
                    ("at", followup.at.to_string()),
                ],
                vec![id.clone()],
                &json,
            )?;
            view = Some(json);
            Ok::<(), Problem>(())
        })?;
        view.ok_or_else(|| {
            Problem::new(
                Kind::Internal,
                "intern fejl: intet svar",
                "internal error: no answer",
            )
        })
    })
    .await?;
    Ok(Json(view))
}

/// A write's path, query and body as axum extracted them.
type CaseParts = (
    Result<Path<String>, PathRejection>,
    Result<Query<LangQuery>, QueryRejection>,
    Result<Bytes, BytesRejection>,
);

/// What every write to a child's case needs: the coordinator's access, the child's ID (a
/// child in the data), the language and the request body.
fn case_write<T: serde::de::DeserializeOwned>(
    state: &AppState,
    headers: &HeaderMap,
    command: &'static str,
    (id, query, body): CaseParts,
) -> Result<(Access, String, Lang, T), Problem> {
    let access = state.access(headers, SHORTLIST_ROLES, command)?;
    let id = path_id(id)?;
    let Query(query) = query.map_err(|_| lang_query_problem())?;
    let lang = lang(query.lang.as_deref())?;
    let request: T = json_body(headers, body)?;
    if state
        .loaded
        .dataset
        .child(&crate::model::ChildId::new(&id))
        .is_none()
    {
        return Err(Problem::new(
            Kind::UnknownChild,
            "intet barn med det ID",
            "no child with that ID",
        ));
    }
    Ok((access, id, lang, request))
}

fn no_case_store() -> Problem {
    Problem::new(
        Kind::NoCaseStore,
        "start serveren med --cases FIL for at registrere forespørgsler",
        "start the server with --cases FILE to record inquiries",
    )
}

/// How far ahead to list follow-ups due.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// Language of the texts: `da` (default) or `en`.
    #[param(inline, value_type = Option<LangParam>)]
    pub lang: Option<String>,
    /// Also list what falls due this many days ahead (default 14, at most 366).
    pub within: Option<u32>,
}

/// The follow-ups due from the server's reference date: after 14 days, 3, 6 and 12 months
/// from each recorded placement (role: coordinator).
#[utoipa::path(get, path = "/api/due", tag = "coordinator",
    params(DueQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = render::DueJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn due(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<DueQuery>, QueryRejection>,
) -> Result<Json<render::DueJson>, Problem> {
    let access = state.access(&headers, SHORTLIST_ROLES, "due")?;
    let Query(query) = query.map_err(|_| {
        Problem::new(
            Kind::InvalidQuery,
            "lang skal være da eller en og within et helt antal dage",
            "expected lang (da or en) and within (whole days)",
        )
    })?;
    let lang = lang(query.lang.as_deref())?;
    let within = query.within.unwrap_or(14);
    if within > 366 {
        return Err(Problem::new(
            Kind::InvalidQuery,
            "within skal være højst 366 dage",
            "within must be at most 366 days",
        ));
    }
    let work = Arc::clone(&state);
    let view = blocking(move |cancel| {
        let store = work.case_store()?.ok_or_else(|| {
            Problem::new(
                Kind::NoCaseStore,
                "start serveren med --cases FIL for at se opfølgninger",
                "start the server with --cases FILE to see follow-ups",
            )
        })?;
        let on = work.as_of;
        let until = on
            .checked_add(jiff::Span::new().days(i64::from(within)))
            .unwrap_or(on);
        let due = store.due(until, &work.policy.followups)?;
        let view = render::due_json(&due, on, until, lang);
        let mut children: Vec<String> = due.iter().map(|item| item.child.clone()).collect();
        children.sort();
        children.dedup();
        work.record(
            cancel,
            &access,
            vec![("within", within.to_string())],
            children,
            &view,
        )?;
        Ok(view)
    })
    .await?;
    Ok(Json(view))
}

/// The answer of `/livez` and `/readyz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthJson {
    /// `live` or `ready`.
    pub status: &'static str,
    /// Children loaded (readyz only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<usize>,
    /// Sites loaded (readyz only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sites: Option<usize>,
}

/// The process answers; no checks.
#[utoipa::path(get, path = "/livez", tag = "health", responses((status = 200, body = HealthJson)))]
pub(super) async fn livez() -> Json<HealthJson> {
    Json(HealthJson {
        status: "live",
        children: None,
        sites: None,
    })
}

/// Whether the data is loaded and requests can be served.
#[utoipa::path(get, path = "/readyz", tag = "health", responses((status = 200, body = HealthJson), (status = 503, description = "Not ready: the audit database cannot be written", body = Problem, content_type = "application/problem+json")))]
pub(super) async fn readyz(
    State(state): State<Arc<AppState>>,
) -> Result<Json<HealthJson>, Problem> {
    // With an audit database, every request that reads personal data needs a record: the
    // server is ready only while one can be written.
    if !state.audit_writable() {
        return Err(Problem::new(
            Kind::Unavailable,
            "der kan ikke skrives i adgangsloggen, så forespørgsler, der læser personoplysninger, ville mislykkes",
            "the audit database cannot be written, so requests that read personal data would fail",
        ));
    }
    Ok(Json(HealthJson {
        status: "ready",
        children: Some(state.loaded.dataset.children().len()),
        sites: Some(state.loaded.dataset.sites().len()),
    }))
}

/// Fallback for unknown routes.
pub(super) async fn not_found() -> Problem {
    Problem::new(
        Kind::NotFound,
        "se ruterne i /openapi.json",
        "see /openapi.json for the routes",
    )
}

/// Fallback for a known route asked with another method.
pub(super) async fn method_not_allowed() -> Problem {
    Problem::new(
        Kind::MethodNotAllowed,
        "ruten understøtter ikke denne HTTP-metode; se /openapi.json",
        "this route does not take that method; see /openapi.json",
    )
}

#[cfg(test)]
mod cancel_tests {
    use super::*;

    /// Issue 13, item 3: when the request's future is dropped (its deadline passed), the work
    /// still running on a blocking thread is told, so it stops and records nothing.
    #[tokio::test]
    async fn a_dropped_request_cancels_its_work() {
        let (seen_tx, seen_rx) = std::sync::mpsc::channel();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let work = blocking(move |cancel| {
            let _ = go_rx.recv();
            let _ = seen_tx.send(cancel.is_cancelled());
            Ok(())
        });
        let dropped = tokio::time::timeout(std::time::Duration::from_millis(20), work).await;
        assert!(dropped.is_err(), "the work waits for the signal");
        go_tx.send(()).unwrap();
        assert!(seen_rx.recv().unwrap(), "the work sees the cancellation");

        // Work that finishes in time is not cancelled.
        let finished = blocking(|cancel| Ok(cancel.is_cancelled())).await.unwrap();
        assert!(!finished);
    }
}
