//! `placematch serve`: the HTTP API and web page (PRODUCT.md section 10), axum on tokio.
//!
//! An edge: the data is loaded and validated once by the caller; handlers call the same
//! [`crate::app`] functions as the CLI. Limits: request body size, request time and requests
//! in flight (excess answered 503 at once, never queued without bound). SIGTERM and Ctrl-C
//! stop accepting connections and let in-flight requests finish.

pub mod api;
pub mod auth;
pub mod jobs;
mod openapi;
mod page;
pub mod problem;
mod wire;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use tokio::sync::Semaphore;

pub use api::{MAX_TOP, ScenarioRequest};
pub use auth::{Caller, Role, Tokens};
pub use openapi::{ApiDoc, json as openapi_json};
pub use problem::{Kind, Problem};

use crate::audit::{AuditLog, NewRecord, sha256_hex};
use crate::io::Loaded;
use crate::score::{Policy, Weights};

/// Limits on requests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body, bytes.
    pub body_bytes: usize,
    /// Longest time for one request; assignments stop their search a little before.
    pub request_time: Duration,
    /// Requests under `/api/` in flight at once; more are answered 503.
    pub in_flight: usize,
    /// Threads that run requests' CPU work (scoring itself runs on rayon's pool). Assignments
    /// may use all but one of them at once, so shortlists are never starved; more assignments
    /// are answered 503.
    pub workers: usize,
    /// Open connections at once; a connection beyond them is closed at once.
    pub connections: usize,
    /// Longest time a client may take to send a request's headers (also an idle
    /// keep-alive connection's wait for its next request; then the connection is closed),
    /// and to send its body (then it is answered 408).
    pub header_time: Duration,
    /// Longest time to finish requests in flight after SIGTERM or Ctrl-C.
    pub shutdown_time: Duration,
    /// Longest search of a job (`POST /api/jobs`); then it returns its best assignment with
    /// the proven gap, as a request does at `request_time`.
    pub job_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 256 * 1024,
            request_time: Duration::from_secs(30),
            in_flight: 64,
            workers: std::thread::available_parallelism()
                .map_or(2, usize::from)
                .saturating_mul(2)
                .max(4),
            connections: 512,
            header_time: Duration::from_secs(10),
            shutdown_time: Duration::from_secs(10),
            job_time: Duration::from_secs(300),
        }
    }
}

/// Everything a request may read. Immutable once the server runs.
pub struct AppState {
    loaded: Loaded,
    weights: Weights,
    policy: Policy,
    as_of: Date,
    tokens: Option<Tokens>,
    limits: Limits,
    in_flight: Arc<Semaphore>,
    solvers: Arc<Semaphore>,
    audit: Option<Audit>,
    /// The case store (`serve --cases`), read for the outcomes report.
    cases: Option<std::path::PathBuf>,
    jobs: jobs::Jobs,
    /// The language of the server's own lines on stderr (`serve --lang`).
    log_lang: crate::render::Lang,
}

/// The audit database and the hashes of the files the server loaded.
struct Audit {
    log: std::sync::Mutex<AuditLog>,
    inputs: BTreeMap<String, String>,
}

/// An authorized access to personal data: who, in which role, and the command.
#[derive(Debug, Clone)]
pub struct Access {
    /// The caller.
    pub caller: Caller,
    /// The role used.
    pub role: Role,
    /// The command (`shortlist`, `assign`, `compare`).
    pub command: &'static str,
    /// Why, from the `X-Purpose` header (percent-decoded).
    pub purpose: String,
}

impl AppState {
    /// The language of the server's own lines on stderr (Danish by default).
    pub fn with_log_lang(mut self, lang: crate::render::Lang) -> Self {
        self.log_lang = lang;
        self
    }

    /// Prints one of the server's own lines on stderr, in its language.
    fn log(&self, danish: impl std::fmt::Display, english: impl std::fmt::Display) {
        match self.log_lang {
            crate::render::Lang::Da => eprintln!("placematch: {danish}"),
            crate::render::Lang::En => eprintln!("placematch: {english}"),
        }
    }

    /// Says on stderr that an audit record could not be written.
    fn log_audit_failure(&self, error: &crate::audit::AuditError) {
        self.log(
            format!(
                "kunne ikke skrive i adgangsloggen: {}",
                crate::render::audit_error_text(error, self.log_lang)
            ),
            format!("audit write failed: {error}"),
        );
    }

    /// The municipality's local policy (from the `[policy]` table of the weights file).
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// State over loaded data. Without `tokens`, every caller is the local user with every
    /// role (serve then binds to loopback only).
    pub fn new(
        loaded: Loaded,
        weights: Weights,
        as_of: Date,
        tokens: Option<Tokens>,
        limits: Limits,
    ) -> Self {
        AppState {
            loaded,
            weights,
            policy: Policy::DEFAULT,
            as_of,
            tokens,
            limits,
            in_flight: Arc::new(Semaphore::new(limits.in_flight.max(1))),
            solvers: Arc::new(Semaphore::new(limits.workers.saturating_sub(1).max(1))),
            audit: None,
            cases: None,
            jobs: jobs::Jobs::default(),
            log_lang: crate::render::Lang::Da,
        }
    }

    /// Reads outcomes from this case store.
    pub fn with_cases(mut self, file: std::path::PathBuf) -> Self {
        self.cases = Some(file);
        self
    }

    /// Whether the server was started with a case store.
    fn has_case_store(&self) -> bool {
        self.cases.is_some()
    }

    /// The case store, if the server has one (`--cases`).
    fn case_store(&self) -> Result<Option<crate::cases::CaseStore>, Problem> {
        let Some(file) = &self.cases else {
            return Ok(None);
        };
        crate::cases::CaseStore::open_existing(file)
            .map(Some)
            .map_err(|_| {
                Problem::new(
                    Kind::Internal,
                    "sagsregistret kan ikke læses",
                    "the case store cannot be read",
                )
            })
    }

    /// The matches and outcomes of the case store's placements.
    fn match_histories(&self) -> Result<Vec<crate::cases::MatchHistory>, Problem> {
        let file = self.cases.as_ref().ok_or_else(|| {
            Problem::new(
                Kind::NoCaseStore,
                "start serveren med --cases FIL for at læse udfaldene af anbringelserne",
                "start the server with --cases FILE to read the outcomes of placements",
            )
        })?;
        crate::cases::CaseStore::open_existing(file)
            .and_then(|store| store.match_histories())
            .map_err(|_| {
                Problem::new(
                    Kind::Internal,
                    "sagsregistret kan ikke læses",
                    "the case store cannot be read",
                )
            })
    }

    /// Records every API request that reads personal data in `log`; `inputs` are the hashes
    /// of the files the data was loaded from. Requests then need an `X-Purpose` header.
    pub fn with_audit(mut self, log: AuditLog, inputs: BTreeMap<String, String>) -> Self {
        self.audit = Some(Audit {
            log: std::sync::Mutex::new(log),
            inputs,
        });
        self
    }

    /// The caller a request's bearer token names.
    fn caller(&self, headers: &HeaderMap) -> Result<Caller, Problem> {
        let Some(tokens) = &self.tokens else {
            return Ok(Caller::local());
        };
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| {
                Problem::new(
                    Kind::Unauthorized,
                    "send headeren Authorization: Bearer <token>",
                    "send Authorization: Bearer <token>",
                )
            })?;
        tokens.caller(token.trim()).cloned().ok_or_else(|| {
            Problem::new(
                Kind::Unauthorized,
                "adgangsnøglen er ukendt",
                "the token is not known",
            )
        })
    }

    /// The caller, if they hold one of `roles`.
    fn authorize(&self, headers: &HeaderMap, roles: &[Role]) -> Result<(Caller, Role), Problem> {
        let caller = self.caller(headers)?;
        match caller.role_among(roles) {
            Some(role) => Ok((caller, role)),
            None => {
                let named = |lang, or| {
                    roles
                        .iter()
                        .map(|role| crate::render::role_text(role.as_str(), lang))
                        .collect::<Vec<_>>()
                        .join(or)
                };
                Err(Problem::new(
                    Kind::Forbidden,
                    format!(
                        "denne rute kræver rollen {}",
                        named(crate::render::Lang::Da, " eller ")
                    ),
                    format!(
                        "this route needs the role {}",
                        named(crate::render::Lang::En, " or ")
                    ),
                ))
            }
        }
    }

    /// An authorized access to personal data.
    fn access(
        &self,
        headers: &HeaderMap,
        roles: &[Role],
        command: &'static str,
    ) -> Result<Access, Problem> {
        let (caller, role) = match self.authorize(headers, roles) {
            Ok(allowed) => allowed,
            Err(problem) => {
                self.record_denied(headers, command, &problem);
                return Err(problem);
            }
        };
        let purpose = purpose_of(headers)?;
        if self.audit.is_some() && purpose.is_empty() {
            return Err(Problem::new(
                Kind::PurposeRequired,
                "denne server logger adgang til personoplysninger: angiv formålet i headeren X-Purpose",
                "this server audits access to personal data: send the purpose in an X-Purpose header",
            ));
        }
        Ok(Access {
            caller,
            role,
            command,
            purpose,
        })
    }

    /// Records a known caller's attempt at a route their role does not allow (a caller
    /// without a valid token is not recorded: anyone could fill the trail). Best effort: the
    /// answer is a refusal either way.
    fn record_denied(&self, headers: &HeaderMap, command: &'static str, problem: &Problem) {
        let (Some(audit), Some(Kind::Forbidden)) = (&self.audit, problem.code()) else {
            return;
        };
        let Ok(caller) = self.caller(headers) else {
            return;
        };
        let Ok(purpose) = purpose_of(headers) else {
            return;
        };
        let record = NewRecord {
            // The one wall-clock read of the audit trail, here at the edge.
            time: jiff::Timestamp::now().to_string(),
            user: caller.user.clone(),
            role: caller
                .roles
                .iter()
                .map(|role| role.as_str())
                .collect::<Vec<_>>()
                .join(","),
            purpose: if crate::io::contains_cpr_like(&purpose) {
                String::new()
            } else {
                purpose
            },
            command: format!("denied: {command}"),
            options: Default::default(),
            inputs: audit.inputs.clone(),
            weights: Vec::new(),
            children: Vec::new(),
            result_hash: String::new(),
            decision: None,
        };
        if let Ok(mut log) = audit.log.lock() {
            if let Err(error) = log.append(record) {
                self.log_audit_failure(&error);
            }
        }
    }

    /// Whether accesses are recorded (the server was started with an audit database).
    fn audits(&self) -> bool {
        self.audit.is_some()
    }

    /// A slot for one assignment or comparison, or 503 when all are taken.
    fn solver_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit, Problem> {
        Arc::clone(&self.solvers).try_acquire_owned().map_err(|_| {
            Problem::new(Kind::Overloaded, "serveren kører allerede så mange fordelinger, som den kan ad gangen; prøv igen, når en af dem er færdig", "every assignment slot is busy; try again when a running assignment has finished")
        })
    }

    /// Whether audit records can be written now (true without an audit database).
    fn audit_writable(&self) -> bool {
        self.audit
            .as_ref()
            .is_none_or(|audit| audit.log.lock().map(|log| log.writable()).unwrap_or(false))
    }

    /// A read-only connection of its own to the audit database (readers never hold up the
    /// writer), or the problem that there is none.
    fn audit_reader(&self) -> Result<AuditLog, Problem> {
        let audit = self.audit.as_ref().ok_or_else(|| {
            Problem::new(
                Kind::NoAuditDatabase,
                "start serveren med --audit FIL for at føre og læse en adgangslog",
                "start the server with --audit FILE to keep and read an audit trail",
            )
        })?;
        let file = audit
            .log
            .lock()
            .map(|log| log.file().to_string())
            .map_err(|_| {
                Problem::new(
                    Kind::Internal,
                    "adgangsloggen er ikke tilgængelig",
                    "the audit database is unavailable",
                )
            })?;
        AuditLog::open_read_only(std::path::Path::new(&file)).map_err(|_| {
            Problem::new(
                Kind::Internal,
                "adgangsloggen kan ikke læses",
                "the audit database cannot be read",
            )
        })
    }

    /// The records that read one child's data, through the index.
    fn audit_records_for_child(&self, child: &str) -> Result<Vec<crate::audit::Record>, Problem> {
        self.audit_reader()?.records_for_child(child).map_err(|_| {
            Problem::new(
                Kind::Internal,
                "adgangsloggen kan ikke læses",
                "the audit database cannot be read",
            )
        })
    }

    /// Every record of the audit database.
    fn audit_records(&self) -> Result<Vec<crate::audit::Record>, Problem> {
        self.audit_reader()?.records().map_err(|_| {
            Problem::new(
                Kind::Internal,
                "adgangsloggen kan ikke læses",
                "the audit database cannot be read",
            )
        })
    }

    /// Records an access before its result is returned; if the record cannot be written, no
    /// result is given. Without an audit database there is nothing to record. Blocking: call
    /// it off the async threads.
    fn record<T: serde::Serialize>(
        &self,
        cancel: &api::Cancel,
        access: &Access,
        options: Vec<(&str, String)>,
        children: Vec<String>,
        result: &T,
    ) -> Result<(), Problem> {
        let body = serde_json::to_vec(result).map_err(|_| audit_failed())?;
        self.append(cancel, access, (options, children), sha256_hex(&body), None)
    }

    /// Records a decision: its result hash is the decision document's SHA-256, and the
    /// record holds the decision (site, rank, flags, the reason).
    fn record_decision(
        &self,
        cancel: &api::Cancel,
        access: &Access,
        options: Vec<(&str, String)>,
        document_sha256: String,
        decision: crate::audit::Decision,
    ) -> Result<(), Problem> {
        let children = vec![decision.child_id.clone()];
        self.append(
            cancel,
            access,
            (options, children),
            document_sha256,
            Some(decision),
        )
    }

    fn append(
        &self,
        cancel: &api::Cancel,
        access: &Access,
        (options, children): (Vec<(&str, String)>, Vec<String>),
        result_hash: String,
        decision: Option<crate::audit::Decision>,
    ) -> Result<(), Problem> {
        // An answer that can no longer be delivered is not an access: nothing is recorded.
        if cancel.is_cancelled() {
            return Err(Problem::new(
                Kind::Timeout,
                "forespørgslen tog længere tid, end serveren tillader",
                "the request took longer than the server allows",
            ));
        }
        let Some(audit) = &self.audit else {
            return Ok(());
        };
        let failed = audit_failed;
        let record = NewRecord {
            // The one wall-clock read of the audit trail, here at the edge.
            time: jiff::Timestamp::now().to_string(),
            user: access.caller.user.clone(),
            role: access.role.as_str().to_string(),
            purpose: access.purpose.clone(),
            command: access.command.to_string(),
            options: options
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect(),
            inputs: audit.inputs.clone(),
            weights: self.weights.to_vec(),
            children,
            result_hash,
            decision,
        };
        let mut log = audit.log.lock().map_err(|_| failed())?;
        log.append(record).map(|_| ()).map_err(|error| {
            self.log_audit_failure(&error);
            failed()
        })
    }
}

fn audit_failed() -> Problem {
    Problem::new(
        Kind::AuditFailed,
        "opslaget kunne ikke registreres i adgangsloggen",
        "the audit record could not be written",
    )
}

/// The `X-Purpose` header, percent-decoded and trimmed (empty when absent). One that looks
/// like it holds a CPR number, or is overlong, is refused before any work is done, so it is
/// never recorded or echoed.
fn purpose_of(headers: &HeaderMap) -> Result<String, Problem> {
    let purpose = headers
        .get("x-purpose")
        .and_then(|value| value.to_str().ok())
        .map(percent_decode)
        .map(|purpose| purpose.trim().to_string())
        .unwrap_or_default();
    if crate::io::contains_cpr_like(&purpose) {
        return Err(Problem::new(
            Kind::PurposeRequired,
            "headeren X-Purpose ser ud til at indeholde et CPR-nummer; formålet er hverken gemt eller vist. Beskriv formålet uden CPR-nummer",
            "the X-Purpose header looks like it holds a CPR number; it is not recorded (not shown): describe the purpose without it",
        ));
    }
    if purpose.chars().count() > crate::audit::MAX_PURPOSE_CHARS {
        return Err(Problem::new(
            Kind::PurposeRequired,
            format!(
                "headeren X-Purpose må højst have {} tegn",
                crate::audit::MAX_PURPOSE_CHARS
            ),
            format!(
                "the X-Purpose header may have at most {} characters",
                crate::audit::MAX_PURPOSE_CHARS
            ),
        ));
    }
    Ok(purpose)
}

/// Decodes `%XX` escapes (the page sends the purpose URL-encoded, since header values are
/// ASCII); invalid escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(value) = u8::from_str_radix(hex, 16) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Answers 401 at once to a caller without a valid token, 503 at once when too many `/api/`
/// requests are in flight, and 503 when one takes longer than the limit (the body's arrival
/// included).
async fn limit(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    // Who is calling is known from the headers: an unknown caller is answered before a
    // permit is taken or a byte of the body is read, so it cannot hold a slot.
    if let Err(problem) = state.caller(request.headers()) {
        return problem.into_response();
    }
    // The body is read before a permit is taken, within the size limit and the header
    // timeout, so a caller who announces a huge body or trickles it holds no slot.
    let limit = state.limits.body_bytes;
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        return Problem::new(
            Kind::BodyTooLarge,
            "forespørgslens indhold overskrider den tilladte størrelse",
            "the request body exceeds the limit",
        )
        .into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes =
        match tokio::time::timeout(state.limits.header_time, axum::body::to_bytes(body, limit))
            .await
        {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => {
                return Problem::new(
                    Kind::BodyTooLarge,
                    "forespørgslens indhold overskrider den tilladte størrelse",
                    "the request body exceeds the limit",
                )
                .into_response();
            }
            Err(_) => {
                return Problem::new(
                    Kind::BodyTimeout,
                    "forespørgslens indhold kom ikke inden for den tid, serveren tillader",
                    "the request body did not arrive within the time the server allows",
                )
                .into_response();
            }
        };
    let request = Request::from_parts(parts, axum::body::Body::from(bytes));
    let Ok(_permit) = Arc::clone(&state.in_flight).try_acquire_owned() else {
        return Problem::new(
            Kind::Overloaded,
            "for mange forespørgsler i gang",
            "too many requests in flight",
        )
        .into_response();
    };
    match tokio::time::timeout(state.limits.request_time, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::new(
            Kind::Timeout,
            "forespørgslen tog længere tid, end serveren tillader",
            "the request took longer than the server allows",
        )
        .into_response(),
    }
}

/// Without a token file the server trusts loopback callers; a Host header naming another
/// host means a page elsewhere reached us through DNS rebinding, so it is refused.
async fn loopback_host(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if state.tokens.is_none() {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let name = match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        };
        let loopback = matches!(name, "localhost" | "[::1]" | "")
            || name
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Problem::new(
                Kind::MisdirectedRequest,
                "uden en tokenfil svarer serveren kun på localhost",
                "without a token file the server answers only for localhost",
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Answers the request in its language: problem documents are written in the `lang` query
/// parameter's language, else the first language of `Accept-Language`, else Danish.
async fn language(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    problem::LANG.scope(lang, next.run(request)).await
}

/// The language a request asks for (see [`language`]).
fn request_lang(request: &Request) -> crate::render::Lang {
    use crate::render::Lang;
    let from_query = request.uri().query().and_then(|query| {
        query.split('&').find_map(|pair| match pair {
            "lang=en" => Some(Lang::En),
            "lang=da" => Some(Lang::Da),
            _ => None,
        })
    });
    let from_header = || {
        let first = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)?
            .to_str()
            .ok()?
            .split(',')
            .next()?
            .split(';')
            .next()?
            .trim()
            .to_ascii_lowercase();
        if first == "en" || first.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    };
    from_query.or_else(from_header).unwrap_or(Lang::Da)
}

/// Headers every response gets: no caching of personal data, no sniffing, no framing, and a
/// content security policy that allows only the server's own assets.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

/// The router over a state; tests call it in process.
pub fn router(state: AppState) -> Router {
    router_over(Arc::new(state))
}

/// The router over shared state (`serve` keeps a handle to cancel jobs when stopping).
fn router_over(state: Arc<AppState>) -> Router {
    let body_limit = state.limits.body_bytes;
    let api = Router::new()
        .route("/api/me", get(api::me))
        .route("/api/elements", get(api::elements))
        .route("/api/map", get(api::map))
        .route("/api/children", get(api::children))
        .route("/api/children/{id}/shortlist", get(api::shortlist))
        .route("/api/sites/{id}", get(api::site))
        .route("/api/assign", post(api::assign))
        .route("/api/compare", post(api::compare))
        .route("/api/audit/children/{id}", get(api::audit_extract))
        .route("/api/report/fairness", get(api::fairness_report))
        .route("/api/report/outcomes", get(api::outcomes_report))
        .route("/api/children/{id}/inquiries", post(api::inquire))
        .route("/api/children/{id}/responses", post(api::respond))
        .route("/api/children/{id}/followups", post(api::followup))
        .route("/api/children/{id}/conversation", post(api::conversation))
        .route("/api/children/{id}/views", post(api::views))
        .route("/api/children/{id}/case", get(api::case))
        .route("/api/children/{id}/decision", post(api::decide))
        .route("/api/due", get(api::due))
        .route("/api/report/recruit", post(api::recruit_report))
        .route("/api/jobs", post(jobs::start))
        .route("/api/jobs/{id}", get(jobs::status).delete(jobs::cancel))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), limit))
        .layer(DefaultBodyLimit::max(body_limit));
    Router::new()
        .merge(api)
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/openapi.json", get(page::openapi))
        .route("/livez", get(api::livez))
        .route("/readyz", get(api::readyz))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            loopback_host,
        ))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(language))
        .with_state(state)
}

/// Resolves when SIGTERM or Ctrl-C arrives. The handlers are installed when this is called
/// (not when first polled), so a signal right after start-up is never missed: call it before
/// announcing the address.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (mut terminate, mut interrupt) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |stream: Option<tokio::signal::unix::Signal>| async move {
                match stream {
                    Some(mut stream) => {
                        stream.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(terminate.take()) => {},
                () = wait(interrupt.take()) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish (for at most
/// `Limits::shutdown_time`). `started` is told the bound address (port 0 picks a free one).
///
/// Our own accept loop over hyper, so that every connection is bounded: at most
/// `Limits::connections` are open (more are closed at once), headers must arrive within
/// `Limits::header_time` (a half-sent header or an idle keep-alive connection is closed), and
/// shutdown does not wait for connections that send nothing.
pub fn serve(
    addr: SocketAddr,
    state: AppState,
    started: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    // The work is CPU-bound (scoring runs on rayon's pool): a few blocking threads keep the
    // cores busy, and a bounded pool keeps memory flat (tokio's default grows to hundreds of
    // threads under load, each with its own allocator arena: measured in BENCHMARKS.md).
    // Requests beyond the pool wait in tokio's queue, which the in-flight limit bounds.
    let workers = state.limits.workers.max(2);
    let limits = state.limits;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(workers)
        .enable_all()
        .build()?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let shutdown = shutdown_signal();
        started(listener.local_addr()?);
        let state = Arc::new(state);
        let app = router_over(Arc::clone(&state));
        let open = Arc::new(Semaphore::new(limits.connections.max(1)));
        let (stopping, stop_seen) = tokio::sync::watch::channel(false);
        let mut connections = tokio::task::JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            let accepted = tokio::select! {
                () = &mut shutdown => break,
                accepted = listener.accept() => accepted,
            };
            // Finished connections are reaped as we go, so the set stays small.
            while connections.try_join_next().is_some() {}
            let stream = match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before accept: wait a little
                // rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            };
            let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
                drop(stream);
                continue;
            };
            let service = hyper_util::service::TowerToHyperService::new(app.clone());
            let mut stop_seen = stop_seen.clone();
            connections.spawn(async move {
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(limits.header_time);
                let connection = builder.serve_connection(
                    hyper_util::rt::TokioIo::new(wire::Wire::new(stream)),
                    service,
                );
                tokio::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = stop_seen.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
                drop(permit);
            });
        }
        drop(listener);
        state.log(
            "stopper; afslutter igangværende forespørgsler",
            "stopping; finishing requests in flight",
        );
        // Jobs nobody can collect any more stop now.
        state.jobs.cancel_all();
        let _ = stopping.send(true);
        let drained = tokio::time::timeout(limits.shutdown_time, async {
            while connections.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            state.log(
                "stoppet med forespørgsler i gang, da fristen for nedlukning udløb",
                "stopped with requests still in flight after the shutdown deadline",
            );
            connections.abort_all();
        }
        Ok(())
    });
    // Work that can no longer be delivered (a request past its deadline, computing on a
    // blocking thread) does not hold the process: it ends with it.
    runtime.shutdown_timeout(Duration::from_millis(200));
    served
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(workers: usize) -> AppState {
        let loaded = crate::io::embedded_geography().expect("geography");
        AppState::new(
            loaded,
            Weights::DEFAULT,
            "2026-11-01".parse().expect("date"),
            None,
            Limits {
                workers,
                ..Limits::default()
            },
        )
    }

    #[test]
    fn assignments_leave_one_worker_for_shortlists() {
        let three = state(3);
        let first = three.solver_slot().expect("slot 1");
        let _second = three.solver_slot().expect("slot 2");
        let refused = three.solver_slot().expect_err("only workers - 1 slots");
        assert_eq!(refused.code(), Some(Kind::Overloaded));
        drop(first);
        assert!(
            three.solver_slot().is_ok(),
            "a finished assignment frees its slot"
        );
        assert!(state(1).solver_slot().is_ok(), "at least one slot");
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%20b%C3%A6"), "a bæ");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
