//! Long assignments as asynchronous jobs, so a slow solve never holds an HTTP request:
//! `POST /api/jobs` starts one and answers 202 at once; `GET /api/jobs/{id}` says how far it
//! is (elapsed time, search steps) and carries the result once done; `DELETE /api/jobs/{id}`
//! cancels it (the search stops at its next check, nothing is recorded, and the job reads
//! `cancelled`).
//!
//! A job belongs to the caller who started it: anyone else is told there is no such job. At
//! most [`MAX_JOBS`] are kept at once; a finished job is forgotten [`KEEP_FINISHED`] after it
//! ended. A job's search stops by itself after `Limits::job_time` and returns its best
//! assignment with the proven gap, as a request's does at the request limit.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::api::{self, ASSIGN_ROLES, Cancel, LangQuery};
use super::problem::{Kind, Problem};
use crate::app;
use crate::io::Scenario;

/// Most jobs kept at once (running and finished).
pub const MAX_JOBS: usize = 32;
/// How long a finished job's result is kept.
pub const KEEP_FINISHED: Duration = Duration::from_secs(600);

/// What a job computes: the body of `POST /api/jobs`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum JobRequest {
    /// One scenario, as `POST /api/assign`.
    Assign {
        /// The scenario (`{}`: the data as it stands).
        scenario: super::ScenarioRequest,
        /// Longest search, seconds: 1 to the server's job limit (default 30); then the best
        /// assignment found is the result, with its proven gap.
        time_limit: Option<f64>,
    },
    /// Two scenarios side by side, as `POST /api/compare`.
    Compare {
        /// Scenario A.
        a: super::ScenarioRequest,
        /// Scenario B.
        b: Box<super::ScenarioRequest>,
        /// Longest search for both together, seconds (as for `assign`; each side gets half).
        time_limit: Option<f64>,
    },
}

impl JobRequest {
    /// The kind as a word: `assign` or `compare`.
    pub fn kind(&self) -> &'static str {
        match self {
            JobRequest::Assign { .. } => "assign",
            JobRequest::Compare { .. } => "compare",
        }
    }

    /// The time limit asked for, if any.
    fn time_limit(&self) -> Option<f64> {
        match self {
            JobRequest::Assign { time_limit, .. } | JobRequest::Compare { time_limit, .. } => {
                *time_limit
            }
        }
    }
}

/// A job's search time when the request names none.
pub const DEFAULT_JOB_SECONDS: f64 = 30.0;

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Still computing.
    Running,
    /// Finished: `result` holds the answer.
    Done,
    /// Stopped by an error: `problem` says what.
    Failed,
    /// Cancelled by its caller: no result, nothing recorded.
    Cancelled,
}

/// A job as `GET /api/jobs/{id}` shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobJson {
    /// The job's ID, for `GET` and `DELETE /api/jobs/{id}`.
    pub id: String,
    /// `assign` or `compare`.
    pub kind: &'static str,
    /// `running`, `done`, `failed` or `cancelled`.
    pub status: JobStatus,
    /// Seconds since the job started (until it ended, once it has).
    pub elapsed_seconds: f64,
    /// Search steps so far (branch-and-bound nodes and flow rounds): grows while the search
    /// works.
    pub steps: u64,
    /// The answer once `done`: the body `POST /api/assign` or `POST /api/compare` would give.
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    /// What went wrong once `failed`.
    pub problem: Option<Problem>,
}

/// One job.
struct Job {
    owner: String,
    kind: &'static str,
    started: Instant,
    ended: Option<Instant>,
    cancel: Cancel,
    outcome: Option<Result<serde_json::Value, Problem>>,
}

impl Job {
    fn view(&self, id: u64) -> JobJson {
        let status = match (&self.outcome, self.cancel.is_cancelled()) {
            (None, false) => JobStatus::Running,
            (_, true) => JobStatus::Cancelled,
            (Some(Ok(_)), false) => JobStatus::Done,
            (Some(Err(_)), false) => JobStatus::Failed,
        };
        let elapsed = self.ended.unwrap_or_else(Instant::now) - self.started;
        JobJson {
            id: format!("job-{id}"),
            kind: self.kind,
            status,
            elapsed_seconds: (elapsed.as_secs_f64() * 10.0).round() / 10.0,
            steps: self.cancel.steps(),
            result: match (&self.outcome, status) {
                (Some(Ok(value)), JobStatus::Done) => Some(value.clone()),
                _ => None,
            },
            problem: match (&self.outcome, status) {
                (Some(Err(problem)), JobStatus::Failed) => Some(problem.clone()),
                _ => None,
            },
        }
    }
}

/// Every job the server keeps.
#[derive(Default)]
pub(super) struct Jobs {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    jobs: BTreeMap<u64, Job>,
}

fn unknown() -> Problem {
    Problem::new(
        Kind::UnknownJob,
        "ingen af dine beregninger har det ID (en færdig beregning gemmes i ti minutter)",
        "no job of yours has that ID (a finished job is kept for ten minutes)",
    )
}

fn broken() -> Problem {
    Problem::new(
        Kind::Internal,
        "listen over beregninger kan ikke læses",
        "the job list cannot be read",
    )
}

/// The number in `job-<n>`.
fn number(id: &str) -> Option<u64> {
    id.strip_prefix("job-")?.parse().ok()
}

impl Jobs {
    /// Registers a new job of `owner` and returns its number and its cancel handle; refuses
    /// when [`MAX_JOBS`] are kept and none has finished long enough ago to be forgotten.
    pub(super) fn start(&self, owner: &str, kind: &'static str) -> Result<(u64, Cancel), Problem> {
        let mut inner = self.inner.lock().map_err(|_| broken())?;
        let now = Instant::now();
        inner
            .jobs
            .retain(|_, job| job.ended.is_none_or(|ended| now - ended < KEEP_FINISHED));
        if inner.jobs.len() >= MAX_JOBS {
            // The oldest finished job makes room before a request is refused.
            let oldest = inner
                .jobs
                .iter()
                .filter(|(_, job)| job.ended.is_some())
                .min_by_key(|(_, job)| job.ended)
                .map(|(id, _)| *id);
            match oldest {
                Some(id) => {
                    inner.jobs.remove(&id);
                }
                None => {
                    return Err(Problem::new(
                        Kind::Overloaded,
                        format!("{MAX_JOBS} beregninger kører; prøv igen, når en af dem er færdig"),
                        format!("{MAX_JOBS} jobs are running; try again when one has finished"),
                    ));
                }
            }
        }
        inner.next += 1;
        let id = inner.next;
        let cancel = Cancel::default();
        inner.jobs.insert(
            id,
            Job {
                owner: owner.to_string(),
                kind,
                started: now,
                ended: None,
                cancel: cancel.clone(),
                outcome: None,
            },
        );
        Ok((id, cancel))
    }

    /// Stores a job's outcome when its work has ended.
    pub(super) fn finish(&self, id: u64, outcome: Result<serde_json::Value, Problem>) {
        if let Ok(mut inner) = self.inner.lock()
            && let Some(job) = inner.jobs.get_mut(&id)
        {
            job.ended = Some(Instant::now());
            job.outcome = Some(outcome);
        }
    }

    /// The job `id` as its owner sees it.
    pub(super) fn view(&self, owner: &str, id: &str) -> Result<JobJson, Problem> {
        let number = number(id).ok_or_else(unknown)?;
        let inner = self.inner.lock().map_err(|_| broken())?;
        match inner.jobs.get(&number) {
            Some(job) if job.owner == owner => Ok(job.view(number)),
            _ => Err(unknown()),
        }
    }

    /// Cancels the job `id` of `owner` (a finished job stays as it ended) and returns it.
    pub(super) fn cancel(&self, owner: &str, id: &str) -> Result<JobJson, Problem> {
        let number = number(id).ok_or_else(unknown)?;
        let mut inner = self.inner.lock().map_err(|_| broken())?;
        match inner.jobs.get_mut(&number) {
            Some(job) if job.owner == owner => {
                if job.outcome.is_none() {
                    job.cancel.cancel();
                    job.ended = Some(Instant::now());
                }
                Ok(job.view(number))
            }
            _ => Err(unknown()),
        }
    }

    /// Cancels every running job (the server is stopping).
    pub(super) fn cancel_all(&self) {
        if let Ok(inner) = self.inner.lock() {
            for job in inner.jobs.values().filter(|job| job.outcome.is_none()) {
                job.cancel.cancel();
            }
        }
    }
}

/// The work a job does, its scenarios read and checked.
enum Work {
    Assign(Scenario),
    Compare(Scenario, Box<Scenario>),
}

/// Starts an assignment or a comparison as a job and answers **202** at once with the job and
/// its `Location` (role: planner). Poll `GET /api/jobs/{id}`; `DELETE` cancels. The scenarios
/// are read and checked against the data before the job starts, so a mistake is a 422 now,
/// not a failed job later.
#[utoipa::path(post, path = "/api/jobs", tag = "planner",
    params(LangQuery, ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    request_body(content = JobRequest, content_type = "application/json"),
    responses((status = 202, body = JobJson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn start(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<JobJson>), Problem> {
    let mut access = state.access(&headers, ASSIGN_ROLES, "job")?;
    let Query(query) = query.map_err(|_| api::lang_query_problem())?;
    let lang = api::lang(query.lang.as_deref())?;
    let request: JobRequest = api::json_body(&headers, body)?;
    let kind = request.kind();
    access.command = kind;
    let most = state.limits.job_time.as_secs_f64();
    let seconds = request
        .time_limit()
        .unwrap_or(DEFAULT_JOB_SECONDS.min(most));
    if !seconds.is_finite() || !(1.0..=most).contains(&seconds) {
        return Err(Problem::new(
            Kind::MalformedJson,
            format!("time_limit skal være et antal sekunder fra 1 til {most}"),
            format!("time_limit must be a number of seconds from 1 to {most}"),
        ));
    }
    let work = match request {
        JobRequest::Assign { scenario, .. } => Work::Assign(scenario.into_scenario("scenario")?),
        JobRequest::Compare { a, b, .. } => {
            Work::Compare(a.into_scenario("a")?, Box::new(b.into_scenario("b")?))
        }
    };
    match &work {
        Work::Assign(scenario) => app::check_scenario(&state.loaded, scenario, "scenario")?,
        Work::Compare(a, b) => {
            app::check_scenario(&state.loaded, a, "a")?;
            app::check_scenario(&state.loaded, b, "b")?;
        }
    }
    let slot = state.solver_slot()?;
    let owner = access.caller.user.clone();
    let (id, cancel) = state.jobs.start(&owner, kind)?;
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let runner = Arc::clone(&state);
    tokio::spawn(async move {
        let worker = Arc::clone(&runner);
        let outcome = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let json = |value: Result<serde_json::Value, serde_json::Error>| {
                value.map_err(|_| {
                    Problem::new(
                        Kind::Internal,
                        "resultatet kunne ikke skrives",
                        "the result could not be written",
                    )
                })
            };
            match work {
                Work::Assign(scenario) => {
                    api::assign_work(&worker, &scenario, lang, &access, deadline, &cancel)
                        .and_then(|view| json(serde_json::to_value(view)))
                }
                Work::Compare(a, b) => {
                    api::compare_work(&worker, (&a, &b), lang, &access, deadline, &cancel)
                        .and_then(|view| json(serde_json::to_value(view)))
                }
            }
        })
        .await
        .unwrap_or_else(|_| {
            Err(Problem::new(
                Kind::Internal,
                "beregningen stoppede uventet",
                "the job stopped unexpectedly",
            ))
        });
        runner.jobs.finish(id, outcome);
    });
    let name = format!("job-{id}");
    let view = state.jobs.view(&owner, &name)?;
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/api/jobs/{name}"))],
        Json(view),
    ))
}

/// How far a job is: status, elapsed time, search steps; the result once done (role:
/// planner, the caller who started it).
#[utoipa::path(get, path = "/api/jobs/{id}", tag = "planner",
    params(("id" = String, Path, description = "The job's ID from `POST /api/jobs`"), ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = JobJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn status(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<JobJson>, Problem> {
    let access = state.access(&headers, ASSIGN_ROLES, "job")?;
    let id = api::path_id(id)?;
    Ok(Json(state.jobs.view(&access.caller.user, &id)?))
}

/// Cancels a running job: its search stops at the next check and nothing is recorded (role:
/// planner, the caller who started it). A finished job is left as it ended.
#[utoipa::path(delete, path = "/api/jobs/{id}", tag = "planner",
    params(("id" = String, Path, description = "The job's ID from `POST /api/jobs`"), ("X-Purpose" = Option<String>, Header, description = "Why the personal data is read (required when the server keeps an audit database; percent-encode non-ASCII text)")),
    responses((status = 200, body = JobJson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub(super) async fn cancel(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<JobJson>, Problem> {
    let access = state.access(&headers, ASSIGN_ROLES, "job")?;
    let id = api::path_id(id)?;
    Ok(Json(state.jobs.cancel(&access.caller.user, &id)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_seen_and_cancelled_only_by_its_owner() {
        let jobs = Jobs::default();
        let (id, cancel) = jobs.start("anna", "assign").expect("room");
        let name = format!("job-{id}");
        assert_eq!(
            jobs.view("anna", &name).expect("own").status,
            JobStatus::Running
        );
        assert!(
            jobs.view("bo", &name).is_err(),
            "another caller sees nothing"
        );
        assert!(jobs.cancel("bo", &name).is_err(), "nor cancels it");
        assert!(!cancel.is_cancelled());
        let cancelled = jobs.cancel("anna", &name).expect("own");
        assert_eq!(cancelled.status, JobStatus::Cancelled);
        assert!(cancel.is_cancelled(), "the work is told");
        // The work ends after the cancel: the job stays cancelled, without a result.
        jobs.finish(id, Ok(serde_json::json!({ "placed": 1 })));
        let after = jobs.view("anna", &name).expect("own");
        assert_eq!(after.status, JobStatus::Cancelled);
        assert!(after.result.is_none());
        assert!(jobs.view("anna", "job-x").is_err() && jobs.view("anna", "7").is_err());
    }

    #[test]
    fn a_finished_job_keeps_its_result_and_a_cancel_does_not_undo_it() {
        let jobs = Jobs::default();
        let (id, _) = jobs.start("anna", "compare").expect("room");
        jobs.finish(id, Ok(serde_json::json!({ "moved": [] })));
        let name = format!("job-{id}");
        let done = jobs.cancel("anna", &name).expect("own");
        assert_eq!(done.status, JobStatus::Done);
        assert_eq!(done.result, Some(serde_json::json!({ "moved": [] })));
        let (failed, _) = jobs.start("anna", "assign").expect("room");
        jobs.finish(
            failed,
            Err(Problem::new(Kind::InvalidScenario, "ugyldig", "bad")),
        );
        let view = jobs.view("anna", &format!("job-{failed}")).expect("own");
        assert_eq!(view.status, JobStatus::Failed);
        assert_eq!(view.problem.map(|problem| problem.status), Some(422));
    }

    #[test]
    fn the_list_is_bounded_and_finished_jobs_make_room() {
        let jobs = Jobs::default();
        let mut first = None;
        for _ in 0..MAX_JOBS {
            let (id, _) = jobs.start("anna", "assign").expect("room");
            first.get_or_insert(id);
        }
        assert!(
            jobs.start("anna", "assign").is_err(),
            "all running: refused"
        );
        jobs.finish(first.expect("one"), Ok(serde_json::Value::Null));
        assert!(
            jobs.start("anna", "assign").is_ok(),
            "a finished job made room"
        );
        jobs.cancel_all();
        let inner = jobs.inner.lock().expect("lock");
        assert!(
            inner
                .jobs
                .values()
                .all(|job| job.cancel.is_cancelled() || job.outcome.is_some())
        );
    }
}
