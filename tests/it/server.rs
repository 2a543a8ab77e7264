//! The HTTP API in process: every route with every role, and the hostile requests (malformed
//! JSON, oversized bodies, wrong media type, unknown IDs, bad queries, overload, timeouts).

use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use placematch::server::{AppState, Limits, Tokens, router};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{CHILDREN, SITES, last_record, links, municipalities};

const COORDINATOR: &str = "coordinator-token-0123456789";
const PLANNER: &str = "planner-token-0123456789abcd";
const AUDITOR: &str = "auditor-token-0123456789abcde";

fn tokens() -> Tokens {
    let file = format!(
        "[[token]]\ntoken = \"{COORDINATOR}\"\nuser = \"anna\"\nrole = \"coordinator\"\n\
         [[token]]\ntoken = \"{PLANNER}\"\nuser = \"bo\"\nrole = \"planner\"\n\
         [[token]]\ntoken = \"{AUDITOR}\"\nuser = \"carl\"\nrole = \"auditor\"\n"
    );
    Tokens::parse("tokens.toml", &file).unwrap()
}

fn state(tokens: Option<Tokens>, limits: Limits) -> AppState {
    let loaded = placematch::io::load(&placematch::io::Sources {
        children: placematch::io::Source {
            label: "children.csv",
            bytes: CHILDREN.as_bytes(),
        },
        sites: placematch::io::Source {
            label: "sites.csv",
            bytes: SITES.as_bytes(),
        },
        municipalities: placematch::io::Source {
            label: "municipalities.csv",
            bytes: municipalities().as_bytes(),
        },
        links: placematch::io::Source {
            label: "links.csv",
            bytes: links().as_bytes(),
        },
    })
    .unwrap();
    AppState::new(
        loaded,
        placematch::score::Weights::DEFAULT,
        "2026-11-01".parse().unwrap(),
        tokens,
        limits,
    )
}

fn app() -> Router {
    router(state(Some(tokens()), Limits::default()))
}

struct Reply {
    status: StatusCode,
    content_type: String,
    json: Value,
    text: String,
}

async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Reply {
    send_with(app, method, uri, token, body, &[]).await
}

/// [`send`] with more header fields.
async fn send_with(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "127.0.0.1:8080");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    reply(app.clone().oneshot(request).await.unwrap()).await
}

async fn reply(response: axum::response::Response) -> Reply {
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        content_type,
        json,
        text,
    }
}

/// A problem reply of the given kind.
fn assert_problem(reply: &Reply, status: u16, kind: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(
        reply.json["type"],
        format!("urn:placematch:problem:{kind}"),
        "{}",
        reply.text
    );
    assert_eq!(reply.json["status"], status);
}

const ROUTES: &[(&str, &str, Option<&str>, &[&str])] = &[
    (
        "GET",
        "/api/me",
        None,
        &["coordinator", "planner", "auditor"],
    ),
    (
        "GET",
        "/api/elements",
        None,
        &["coordinator", "planner", "auditor"],
    ),
    ("GET", "/api/children", None, &["coordinator", "planner"]),
    ("GET", "/api/children/C-1/shortlist", None, &["coordinator"]),
    ("GET", "/api/sites/S-1", None, &["coordinator", "planner"]),
    ("POST", "/api/assign", Some("{}"), &["planner"]),
    (
        "POST",
        "/api/report/recruit?verify=1",
        Some("{}"),
        &["planner"],
    ),
    (
        "POST",
        "/api/compare",
        Some(r#"{"a": {}, "b": {"remove_sites": ["S-5"]}}"#),
        &["planner"],
    ),
];

#[tokio::test]
async fn every_route_answers_its_roles_and_refuses_the_others() {
    let app = app();
    for (method, uri, body, allowed) in ROUTES {
        for (role, token) in [
            ("coordinator", COORDINATOR),
            ("planner", PLANNER),
            ("auditor", AUDITOR),
        ] {
            let reply = send(&app, method, uri, Some(token), *body).await;
            if allowed.contains(&role) {
                assert_eq!(
                    reply.status,
                    StatusCode::OK,
                    "{role} {method} {uri}: {}",
                    reply.text
                );
                assert_eq!(reply.content_type, "application/json");
            } else {
                assert_problem(&reply, 403, "forbidden");
            }
        }
        let reply = send(&app, method, uri, None, *body).await;
        assert_problem(&reply, 401, "unauthorized");
        let reply = send(
            &app,
            method,
            uri,
            Some("not-a-known-token-at-all-000"),
            *body,
        )
        .await;
        assert_problem(&reply, 401, "unauthorized");
    }
    for uri in [
        "/livez",
        "/readyz",
        "/openapi.json",
        "/",
        "/app.js",
        "/app.css",
    ] {
        let reply = send(&app, "GET", uri, None, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
    }
}

/// Issue 14, item 8: the outcomes report over HTTP for planners and auditors, from the case
/// store the server was started with; 404 without one; other roles refused.
#[tokio::test]
async fn the_outcomes_report_is_served_to_planners_and_auditors_from_the_case_store() {
    use placematch::cases::{CaseStore, MatchFacts, Placement};
    let without = send(&app(), "GET", "/api/report/outcomes", Some(PLANNER), None).await;
    assert_problem(&without, 404, "no-case-store");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.sqlite");
    let history: Vec<_> = (0..12)
        .map(|idx| {
            let placement = Placement {
                child: format!("H-{idx:05}"),
                site: "S-1".into(),
                decided_on: jiff::civil::date(2024, 5, 1),
            };
            let facts = MatchFacts {
                total: 0.75,
                elements: [0.75; 7],
                flags: Vec::new(),
                site_type: "foster_general".into(),
                region: "Hovedstaden".into(),
            };
            (placement, facts, Vec::new())
        })
        .collect();
    CaseStore::open(&file)
        .unwrap()
        .import_history(&history, "test")
        .unwrap();
    let app = router(state(Some(tokens()), Limits::default()).with_cases(file));
    for token in [PLANNER, AUDITOR] {
        let reply = send(
            &app,
            "GET",
            "/api/report/outcomes?lang=en",
            Some(token),
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.json["overall"]["placements"], 12);
        assert_eq!(reply.json["dimensions"][0]["label"], "By total score");
        assert!(!reply.text.contains("H-0"), "no past child is named");
    }
    let refused = send(&app, "GET", "/api/report/outcomes", Some(COORDINATOR), None).await;
    assert_problem(&refused, 403, "forbidden");
    // A coordinator records a follow-up of a placed child (not among those awaiting one).
    let body = r#"{"status": "breakdown", "cause": "child_left"}"#;
    let recorded = send(
        &app,
        "POST",
        "/api/children/H-00003/followups",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
    assert_eq!(recorded.json["site_id"], "S-1");
    assert_eq!(recorded.json["status"], "breakdown");
    let unplaced = send(
        &app,
        "POST",
        "/api/children/C-1/followups",
        Some(COORDINATOR),
        Some(r#"{"status": "ongoing"}"#),
    )
    .await;
    assert_problem(&unplaced, 409, "case-conflict");
    let wrong = send(
        &app,
        "POST",
        "/api/children/H-00003/followups",
        Some(COORDINATOR),
        Some(r#"{"status": "ongoing", "cause": "parents"}"#),
    )
    .await;
    assert_problem(&wrong, 400, "malformed-json");
    let planner = send(
        &app,
        "POST",
        "/api/children/H-00003/followups",
        Some(PLANNER),
        Some(body),
    )
    .await;
    assert_problem(&planner, 403, "forbidden");
}

/// Issue 14, item 8: a coordinator asks sites over HTTP; the shortlist then shows each
/// site's status; follow-ups due are listed; other roles are refused, and without a case
/// store the routes say so.
#[tokio::test]
async fn a_coordinator_asks_sites_and_the_shortlist_shows_their_status() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.sqlite");
    placematch::cases::CaseStore::open(&file).unwrap();
    let body = r#"{"sites": ["S-1", "S-2"]}"#;
    let without = send(
        &app(),
        "POST",
        "/api/children/C-1/inquiries",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_problem(&without, 404, "no-case-store");
    let app = router(state(Some(tokens()), Limits::default()).with_cases(file));
    let refused = send(
        &app,
        "POST",
        "/api/children/C-1/inquiries",
        Some(PLANNER),
        Some(body),
    )
    .await;
    assert_problem(&refused, 403, "forbidden");
    let unknown = send(
        &app,
        "POST",
        "/api/children/C-1/inquiries",
        Some(COORDINATOR),
        Some(r#"{"sites": ["S-404"]}"#),
    )
    .await;
    assert_problem(&unknown, 404, "unknown-site");
    let asked = send(
        &app,
        "POST",
        "/api/children/C-1/inquiries",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.text);
    let inquiries = asked.json["inquiries"].as_array().unwrap();
    assert_eq!(inquiries.len(), 2);
    assert!(inquiries.iter().all(|inquiry| inquiry["answer"] == "asked"));
    // Asking again keeps the first record.
    let again = send(
        &app,
        "POST",
        "/api/children/C-1/inquiries",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_eq!(again.json["inquiries"].as_array().unwrap().len(), 2);
    let shortlist = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist?top=10",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_eq!(shortlist.status, StatusCode::OK, "{}", shortlist.text);
    let statuses: Vec<&str> = shortlist.json["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|site| site["inquiry"]["answer"].as_str())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|answer| *answer == "asked"),
        "{statuses:?}"
    );
    assert_eq!(
        shortlist.json["child_conversation"]["recorded"], false,
        "says the child was not heard yet"
    );
    let talk = r#"{"held_on": "2026-11-20", "how": "conversation"}"#;
    let heard = send(
        &app,
        "POST",
        "/api/children/C-1/conversation",
        Some(COORDINATOR),
        Some(talk),
    )
    .await;
    assert_eq!(heard.status, StatusCode::OK, "{}", heard.text);
    assert!(heard.json["text"].as_str().unwrap().contains("§ 5, stk. 3"));
    let future = r#"{"held_on": "2999-01-01", "how": "conversation"}"#;
    let refused = send(
        &app,
        "POST",
        "/api/children/C-1/conversation",
        Some(COORDINATOR),
        Some(future),
    )
    .await;
    assert_problem(&refused, 400, "malformed-json");
    let shortlist = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist?top=10",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_eq!(
        shortlist.json["child_conversation"]["held_on"],
        "2026-11-20"
    );
    // The sites' answers: one accepts with conditions, one declines and leaves the ranking.
    let accept = r#"{"site": "S-1", "answer": "accepted", "conditions": "supervision i traumer"}"#;
    let accepted = send(
        &app,
        "POST",
        "/api/children/C-1/responses",
        Some(COORDINATOR),
        Some(accept),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let decline = r#"{"site": "S-2", "answer": "declined", "reason": "no_capacity"}"#;
    let declined = send(
        &app,
        "POST",
        "/api/children/C-1/responses",
        Some(COORDINATOR),
        Some(decline),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text);
    let answers: Vec<(&str, &str)> = declined.json["inquiries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|inquiry| {
            (
                inquiry["site_id"].as_str().unwrap(),
                inquiry["answer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(answers, [("S-1", "accepted"), ("S-2", "declined")]);
    let after = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist?top=10",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert!(
        after.json["eligible"]
            .as_array()
            .unwrap()
            .iter()
            .all(|site| site["site_id"] != "S-2")
    );
    assert_eq!(after.json["declined"][0]["site_id"], "S-2");
    // An answer from a site never asked, or of the wrong shape, changes nothing.
    let unasked = r#"{"site": "S-4", "answer": "accepted"}"#;
    let refused = send(
        &app,
        "POST",
        "/api/children/C-1/responses",
        Some(COORDINATOR),
        Some(unasked),
    )
    .await;
    assert_problem(&refused, 409, "case-conflict");
    let cpr = r#"{"site": "S-1", "answer": "accepted", "conditions": "barnet 010203-1234"}"#;
    let refused = send(
        &app,
        "POST",
        "/api/children/C-1/responses",
        Some(COORDINATOR),
        Some(cpr),
    )
    .await;
    assert_problem(&refused, 400, "malformed-json");
    assert!(!refused.text.contains("010203"), "{}", refused.text);
    let due = send(&app, "GET", "/api/due?within=30", Some(COORDINATOR), None).await;
    assert_eq!(due.status, StatusCode::OK, "{}", due.text);
    assert_eq!(due.json["due"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn the_api_gives_the_cli_json() {
    let app = app();
    let shortlist = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist?top=3&lang=en",
        Some(COORDINATOR),
        None,
    )
    .await;
    let json = &shortlist.json;
    assert_eq!(json["child_id"], "C-1");
    assert_eq!(json["as_of"], "2026-11-01");
    assert!(json["eligible"].as_array().unwrap().len() <= 3);
    let keys: Vec<&str> = json["eligible"][0]["elements"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 7);
    assert!(json["excluded_counts"].is_object());
    assert!(json.get("excluded").is_none());
    let with_excluded = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist?explain_excluded=true",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert!(with_excluded.json["excluded"].is_array());

    let assign = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some(r#"{"name": "base", "siblings": "allow_split", "split_penalty": 0.3}"#),
    )
    .await;
    assert_eq!(assign.json["scenario"], "base");
    assert_eq!(assign.json["optimality"]["status"], "optimal");
    assert!(assign.json["objective"]["placed"].as_u64().unwrap() >= 1);

    let compare = send(
        &app,
        "POST",
        "/api/compare",
        Some(PLANNER),
        Some(r#"{"a": {"name": "A"}, "b": {"name": "B", "remove_sites": ["S-1", "S-5"]}}"#),
    )
    .await;
    assert_eq!(compare.json["a"]["scenario"], "A");
    assert_eq!(compare.json["b"]["scenario"], "B");
    assert!(compare.json["moved"].is_array());

    let site = send(&app, "GET", "/api/sites/S-3", Some(COORDINATOR), None).await;
    assert_eq!(site.json["site_id"], "S-3");
    assert!(
        site.json.get("network_for").is_none(),
        "the family's child is not exposed"
    );
}

#[tokio::test]
async fn hostile_requests_get_problems_without_personal_fields() {
    let app = app();
    let unknown = send(
        &app,
        "GET",
        "/api/children/C-secret-99/shortlist",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_problem(&unknown, 404, "unknown-child");
    assert!(!unknown.text.contains("secret"));
    // Framework-level errors are problem documents too (issue 13, item 5).
    assert_problem(
        &send(&app, "DELETE", "/api/assign", Some(PLANNER), None).await,
        405,
        "method-not-allowed",
    );
    let bad_path = send(
        &app,
        "GET",
        "/api/sites/S-%FF%FEsecret",
        Some(PLANNER),
        None,
    )
    .await;
    assert_problem(&bad_path, 400, "invalid-path");
    assert!(!bad_path.text.contains("secret"));
    assert_problem(
        &send(&app, "GET", "/api/sites/S-nope", Some(PLANNER), None).await,
        404,
        "unknown-site",
    );
    assert_problem(
        &send(
            &app,
            "GET",
            "/api/children/C-1/shortlist?top=0",
            Some(COORDINATOR),
            None,
        )
        .await,
        400,
        "invalid-query",
    );
    assert_problem(
        &send(
            &app,
            "GET",
            "/api/children/C-1/shortlist?top=many",
            Some(COORDINATOR),
            None,
        )
        .await,
        400,
        "invalid-query",
    );
    assert_problem(
        &send(
            &app,
            "GET",
            "/api/children/C-1/shortlist?lang=fr",
            Some(COORDINATOR),
            None,
        )
        .await,
        400,
        "invalid-query",
    );
    assert_problem(
        &send(&app, "GET", "/api/nothing", Some(COORDINATOR), None).await,
        404,
        "not-found",
    );

    let malformed = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some("{\"name\": \"CPR 010203-1234\""),
    )
    .await;
    assert_problem(&malformed, 400, "malformed-json");
    assert!(
        malformed.json["detail"]
            .as_str()
            .unwrap()
            .contains("linje 1")
    );
    let wrong_type = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some(r#"{"name": ["010203-1234"]}"#),
    )
    .await;
    assert_problem(&wrong_type, 400, "malformed-json");
    assert!(!wrong_type.text.contains("010203"), "{}", wrong_type.text);
    let file_key = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some(r#"{"data": "/etc"}"#),
    )
    .await;
    assert_problem(&file_key, 400, "malformed-json");
    assert!(
        file_key.json["detail"]
            .as_str()
            .unwrap()
            .contains("ukendt nøgle `data`")
    );
    let bad_weights = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some(r#"{"weights": {"needs": 1, "love": 2}}"#),
    )
    .await;
    assert_problem(&bad_weights, 422, "invalid-scenario");
    let bad_lock = send(
        &app,
        "POST",
        "/api/assign",
        Some(PLANNER),
        Some(r#"{"lock": [["C-1", "S-2"]]}"#),
    )
    .await;
    assert_problem(&bad_lock, 422, "invalid-scenario");
    let bad_site = send(
        &app,
        "POST",
        "/api/compare",
        Some(PLANNER),
        Some(r#"{"a": {}, "b": {"remove_sites": ["S-404"]}}"#),
    )
    .await;
    assert_problem(&bad_site, 422, "invalid-scenario");
    assert!(bad_site.json["detail"].as_str().unwrap().starts_with("b:"));

    let text_body = Request::builder()
        .method("POST")
        .uri("/api/assign")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {PLANNER}"))
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    assert_problem(
        &reply(app.clone().oneshot(text_body).await.unwrap()).await,
        415,
        "unsupported-media-type",
    );

    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(300 * 1024));
    assert_problem(
        &send(&app, "POST", "/api/assign", Some(PLANNER), Some(&big)).await,
        413,
        "body-too-large",
    );
}

#[tokio::test]
async fn without_tokens_only_loopback_hosts_are_answered() {
    let app = router(state(None, Limits::default()));
    let me = send(&app, "GET", "/api/me", None, None).await;
    assert_eq!(me.json["user"], "local");
    assert_eq!(me.json["roles"].as_array().unwrap().len(), 3);
    let rebound = Request::builder()
        .uri("/api/children")
        .header(header::HOST, "evil.example:8080")
        .body(Body::empty())
        .unwrap();
    assert_problem(
        &reply(app.clone().oneshot(rebound).await.unwrap()).await,
        421,
        "misdirected-request",
    );
}

#[tokio::test]
async fn excess_requests_get_503_at_once_and_slow_bodies_408() {
    // One slot: while the first request works, the others are answered 503 at once; health
    // is not limited.
    let limits = Limits {
        in_flight: 1,
        ..Limits::default()
    };
    let app = router(state(Some(tokens()), limits));
    let replies = futures_util::future::join_all(
        (0..8).map(|_| send(&app, "POST", "/api/assign", Some(PLANNER), Some("{}"))),
    )
    .await;
    assert!(replies.iter().any(|reply| reply.status == StatusCode::OK));
    let refused = replies
        .iter()
        .find(|reply| reply.status == StatusCode::SERVICE_UNAVAILABLE)
        .expect("some requests find the one slot taken");
    assert_problem(refused, 503, "overloaded");
    assert_eq!(
        send(&app, "GET", "/livez", None, None).await.status,
        StatusCode::OK,
        "health is not limited"
    );

    // A body that never arrives holds no slot (the one slot still serves others) and is
    // answered 408 after the header timeout.
    let limits = Limits {
        in_flight: 1,
        header_time: Duration::from_millis(300),
        ..Limits::default()
    };
    let app = router(state(Some(tokens()), limits));
    let stuck = Request::builder()
        .method("POST")
        .uri("/api/assign")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {PLANNER}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_util::stream::pending::<
            Result<Bytes, std::io::Error>,
        >()))
        .unwrap();
    let holder = tokio::spawn(app.clone().oneshot(stuck));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let served = send(&app, "GET", "/api/children", Some(COORDINATOR), None).await;
    assert_eq!(served.status, StatusCode::OK);
    let stuck = reply(holder.await.unwrap().unwrap()).await;
    assert_problem(&stuck, 408, "body-timeout");
}

#[tokio::test]
async fn openapi_describes_every_route_and_schema() {
    let app = app();
    let doc = send(&app, "GET", "/openapi.json", None, None).await.json;
    let paths = doc["paths"].as_object().unwrap();
    // The audited routes document the purpose header; languages and sibling rules are enums.
    for (path, method) in [
        ("/api/children/{id}/shortlist", "get"),
        ("/api/assign", "post"),
        ("/api/compare", "post"),
        ("/api/audit/children/{id}", "get"),
        ("/api/report/fairness", "get"),
    ] {
        let parameters = doc["paths"][path][method]["parameters"].as_array().unwrap();
        assert!(
            parameters
                .iter()
                .any(|p| p["name"] == "X-Purpose" && p["in"] == "header"),
            "{path}"
        );
    }
    let shortlist = doc["paths"]["/api/children/{id}/shortlist"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let lang = shortlist.iter().find(|p| p["name"] == "lang").unwrap();
    assert_eq!(lang["schema"]["enum"], serde_json::json!(["da", "en"]));
    let siblings =
        doc["components"]["schemas"]["ScenarioRequest"]["properties"]["siblings"].to_string();
    assert!(
        siblings.contains("allow_split") && siblings.contains("together"),
        "{siblings}"
    );
    for (method, uri, _, _) in ROUTES {
        let path = uri.split('?').next().unwrap_or(uri);
        let templated = path.replace("C-1", "{id}").replace("S-1", "{id}");
        let entry = paths
            .get(&templated)
            .unwrap_or_else(|| panic!("{templated} missing"));
        let operation = entry
            .get(method.to_lowercase())
            .unwrap_or_else(|| panic!("{method} {templated}"));
        // Every status the server can send before or around the route is documented.
        for status in ["400", "414", "431", "500", "503"] {
            assert!(
                operation["responses"].get(status).is_some(),
                "{method} {templated}: {status}"
            );
        }
    }
    for path in [
        "/livez",
        "/readyz",
        "/api/audit/children/{id}",
        "/api/report/fairness",
        "/api/report/outcomes",
    ] {
        assert!(paths.contains_key(path), "{path}");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "ShortlistJson",
        "AssignJson",
        "CompareJson",
        "Problem",
        "ScenarioRequest",
        "SiteJson",
    ] {
        assert!(schemas.contains_key(schema), "{schema} missing");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn the_page_is_self_contained() {
    let app = app();
    let page = send(&app, "GET", "/", None, None).await;
    assert!(page.content_type.starts_with("text/html"));
    // The SVG namespace is a name, never fetched: the only URL the script may hold.
    let script = send(&app, "GET", "/app.js", None, None)
        .await
        .text
        .replace("\"http://www.w3.org/2000/svg\"", "");
    for external in ["http://", "https://", "//cdn", "fonts.googleapis"] {
        assert!(!page.text.contains(external), "{external} in the page");
        assert!(!script.contains(external), "{external} in the script");
    }
    assert!(
        !send(&app, "GET", "/app.js", None, None)
            .await
            .text
            .contains("innerHTML")
    );
}

#[tokio::test]
async fn with_an_audit_database_every_access_is_recorded_with_its_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.sqlite");
    let log = placematch::audit::AuditLog::open(&path).unwrap();
    let inputs = [("children.csv".to_string(), "abc".to_string())].into();
    let app = router(state(Some(tokens()), Limits::default()).with_audit(log, inputs));

    let missing = send(
        &app,
        "GET",
        "/api/children/C-1/shortlist",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_problem(&missing, 400, "purpose-required");

    let request = |purpose: &str| {
        Request::builder()
            .uri("/api/children/C-1/shortlist?lang=en")
            .header(header::HOST, "localhost")
            .header(header::AUTHORIZATION, format!("Bearer {COORDINATOR}"))
            .header("x-purpose", purpose)
            .body(Body::empty())
            .unwrap()
    };
    let ok = reply(
        app.clone()
            .oneshot(request("anbringelse%20af%20C-1%20%C3%A6"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    let compare = Request::builder()
        .method("POST")
        .uri("/api/compare")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {PLANNER}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-purpose", "planning")
        .body(Body::from(r#"{"a": {}, "b": {}}"#))
        .unwrap();
    assert_eq!(
        reply(app.clone().oneshot(compare).await.unwrap())
            .await
            .status,
        StatusCode::OK
    );

    let auditor = |uri: &str, token: &str| {
        Request::builder()
            .uri(uri)
            .header(header::HOST, "localhost")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header("x-purpose", "access request")
            .body(Body::empty())
            .unwrap()
    };
    let extract = reply(
        app.clone()
            .oneshot(auditor("/api/audit/children/C-1", AUDITOR))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(extract.status, StatusCode::OK, "{}", extract.text);
    let commands: Vec<&str> = extract.json["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|access| access["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands, ["shortlist", "compare"]);
    assert_eq!(
        extract.json["accesses"][0]["purpose"],
        "anbringelse af C-1 æ"
    );
    let forbidden = reply(
        app.clone()
            .oneshot(auditor("/api/audit/children/C-1", COORDINATOR))
            .await
            .unwrap(),
    )
    .await;
    assert_problem(&forbidden, 403, "forbidden");
    let fairness = reply(
        app.clone()
            .oneshot(auditor("/api/report/fairness", AUDITOR))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(fairness.status, StatusCode::OK, "{}", fairness.text);
    assert_eq!(fairness.json["source"], "decisions");
    assert_eq!(fairness.json["children"], 0);

    let log = placematch::audit::AuditLog::open(&path).unwrap();
    let records = log.records().unwrap();
    assert_eq!(
        records.len(),
        5,
        "the extract, the denied extract and the report are recorded too"
    );
    assert_eq!(records[2].command, "audit extract");
    assert_eq!(records[2].role, "auditor");
    assert_eq!(records[3].command, "denied: audit extract");
    assert_eq!(records[3].role, "coordinator");
    assert_eq!(records[0].user, "anna");
    assert_eq!(records[0].role, "coordinator");
    assert_eq!(records[0].purpose, "anbringelse af C-1 æ");
    assert_eq!(records[0].children, vec!["C-1"]);
    assert_eq!(records[0].inputs["children.csv"], "abc");
    assert_eq!(
        records[0].result_hash,
        placematch::audit::sha256_hex(ok.text.as_bytes()),
        "the hash is of the JSON the caller received"
    );
    assert_eq!(records[1].command, "compare");
    assert_eq!(records[1].children.len(), 3);
    assert!(log.verify().unwrap().broken.is_none());

    // The list of children is recorded too, without a purpose, naming every child listed
    // (their age and support level are read).
    let listed = send(&app, "GET", "/api/children", Some(COORDINATOR), None).await;
    assert_eq!(listed.status, 200);
    let list: serde_json::Value = serde_json::from_str(&listed.text).unwrap();
    let ids: Vec<&str> = list["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|child| child["child_id"].as_str().unwrap())
        .collect();
    assert!(list["children"][0]["age"].is_u64());
    let last = last_record(&path);
    assert_eq!(last.command, "children");
    assert_eq!(last.user, "anna");
    assert_eq!(last.children, ids);

    // A known caller refused by role is recorded as denied; no child is named.
    let denied = send(&app, "POST", "/api/assign", Some(COORDINATOR), Some("{}")).await;
    assert_eq!(denied.status, 403);
    let last = last_record(&path);
    assert_eq!(last.command, "denied: assign");
    assert_eq!(last.user, "anna");
    assert!(last.children.is_empty());

    // Ready while a record can be written; not ready while another writer holds the lock.
    let ready = send(&app, "GET", "/readyz", None, None).await;
    assert_eq!(ready.status, 200);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let busy = send(&app, "GET", "/readyz", None, None).await;
    assert_problem(&busy, 503, "unavailable");
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    assert_eq!(send(&app, "GET", "/readyz", None, None).await.status, 200);

    // The database breaks: the request fails and no result is given.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete; DROP TABLE records; CREATE TABLE records (x);",
        )
        .unwrap();
    let failed = reply(app.clone().oneshot(request("p")).await.unwrap()).await;
    assert_problem(&failed, 500, "audit-failed");
    assert!(!failed.text.contains("eligible"));
}

#[test]
fn serve_starts_answers_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};

    let dir = crate::support::data_dir(&[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_placematch"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--as-of",
            "2026-11-01",
            "--data",
        ])
        .arg(dir.path())
        .env_remove("PLACEMATCH_AUDIT")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    // A failed assertion must not leave the server running (it would hold the test's output
    // open): killed on the way out, whatever happens.
    struct KillOnDrop(u32);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &self.0.to_string()])
                .stderr(std::process::Stdio::null())
                .status();
        }
    }
    let guard = KillOnDrop(child.id());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("kun denne maskine"), "{line}");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /readyz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"children\":3"), "{response}");

    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    // Reaped: its ID may be reused, so it is not killed again.
    std::mem::forget(guard);
    assert!(exit.success(), "{exit:?}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(
        rest.contains("afslutter igangværende forespørgsler"),
        "{rest}"
    );
}

#[test]
fn serve_refuses_a_public_address_without_tokens() {
    let dir = crate::support::data_dir(&[]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_placematch"))
        .args(["serve", "--addr", "0.0.0.0:0", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("kun på denne maskine"));
}

/// Starts `placematch serve` on a free loopback port with `extra` arguments; returns the
/// child, its stderr reader and the address.
fn start_server(
    dir: &std::path::Path,
    extra: &[&str],
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStderr>,
    String,
) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_placematch"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--as-of",
            "2026-11-01",
            "--data",
        ])
        .arg(dir)
        .args(extra)
        .env_remove("PLACEMATCH_AUDIT")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    // The address is on the start-up line; notes (such as the audit file) may come first.
    let mut said = String::new();
    for _ in 0..5 {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(addr) = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
        {
            return (child, stderr, addr.to_string());
        }
        said.push_str(&line);
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("no address in {said}");
}

/// A token file in `dir` with one planner, `bo`.
fn planner_token_file(dir: &std::path::Path) -> std::path::PathBuf {
    let tokens = dir.join("tokens.toml");
    std::fs::write(
        &tokens,
        format!("[[token]]\ntoken = \"{PLANNER}\"\nuser = \"bo\"\nrole = \"planner\"\n"),
    )
    .unwrap();
    tokens
}

/// What a connection reads before the server closes it or `wait` passes: `None` when it is
/// still open after `wait`.
fn read_until_closed(stream: &mut std::net::TcpStream, wait: Duration) -> Option<String> {
    use std::io::Read;
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut all = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(String::from_utf8_lossy(&all).into_owned()),
            Ok(n) => all.extend_from_slice(&buffer[..n]),
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return if all.is_empty() {
                    None
                } else {
                    Some(String::from_utf8_lossy(&all).into_owned())
                };
            }
            Err(_) => return Some(String::from_utf8_lossy(&all).into_owned()),
        }
    }
}

/// Issue 13, items 1 and 2: a caller without a token is answered 401 before its body is
/// read (a trickled body cannot hold a slot); a half-sent header is closed after
/// `--header-timeout`; connections beyond `--max-connections` are closed at once; SIGTERM
/// does not wait for connections that never send a request.
#[test]
fn serve_bounds_connections_and_refuses_unknown_callers_before_the_body() {
    use std::io::Write;

    let dir = crate::support::data_dir(&[]);
    let tokens = planner_token_file(dir.path());
    let (mut child, _stderr, addr) = start_server(
        dir.path(),
        &[
            "--tokens",
            tokens.to_str().unwrap(),
            "--header-timeout",
            "1",
            "--max-connections",
            "6",
        ],
    );

    // No token, a body announced and never sent: 401 at once.
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "POST /api/assign HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{"
    )
    .unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(3)).unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    drop(stream);

    // Half a header: closed after the header timeout (1 s), well before 5 s.
    let mut half = std::net::TcpStream::connect(&addr).unwrap();
    write!(half, "GET /api/me HTTP/1.1\r\nHo").unwrap();
    let started = std::time::Instant::now();
    let closed = read_until_closed(&mut half, Duration::from_secs(5));
    assert!(
        closed.is_some(),
        "a half-sent header keeps its connection open"
    );
    assert!(started.elapsed() < Duration::from_secs(4));

    // Six idle connections fill the cap; the seventh is closed at once.
    let idle: Vec<std::net::TcpStream> = (0..6)
        .map(|_| std::net::TcpStream::connect(&addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut seventh = std::net::TcpStream::connect(&addr).unwrap();
    assert_eq!(
        read_until_closed(&mut seventh, Duration::from_millis(800)).as_deref(),
        Some(""),
        "the connection beyond the cap is closed without an answer"
    );
    drop(idle);
    // Once they are gone, a caller with a token is served.
    std::thread::sleep(Duration::from_millis(300));
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /api/me HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {PLANNER}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(3)).unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // SIGTERM with a connection that never sends anything: the server still stops at once.
    let _silent = std::net::TcpStream::connect(&addr).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let stopping = std::time::Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    assert!(
        stopping.elapsed() < Duration::from_secs(3),
        "{:?}",
        stopping.elapsed()
    );
}

/// Regression, cause: the signal handlers were installed on the accept loop's first poll, so
/// a SIGTERM right after the start-up line killed the server with the default action (not a
/// clean stop). They are installed before the address is announced.
#[test]
fn regression_sigterm_right_after_start_is_a_clean_stop() {
    for _ in 0..5 {
        let dir = crate::support::data_dir(&[]);
        let (mut child, _stderr, _addr) = start_server(dir.path(), &[]);
        let status = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = child.wait().unwrap();
        assert!(exit.success(), "{exit:?}");
    }
}

/// Issue 13, item 5: requests hyper cannot parse (a request line over 64 KiB, header fields
/// too large, a malformed header, bytes that are not HTTP) are answered as problem documents
/// like every other error, not with an empty body.
#[test]
fn unparseable_requests_get_problem_documents() {
    use std::io::Write;

    let dir = crate::support::data_dir(&[]);
    let (mut child, _stderr, addr) = start_server(dir.path(), &[]);
    let long_path = "a".repeat(70 * 1024);
    let huge_header = "b".repeat(1024 * 1024);
    let cases = [
        (
            format!("GET /{long_path} HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
            414,
            "uri-too-long",
        ),
        (
            format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-A: {huge_header}\r\n\r\n"),
            431,
            "headers-too-large",
        ),
        (
            format!("GET / HTTP/1.1\r\nHo st: {addr}\r\n\r\n"),
            400,
            "malformed-request",
        ),
        ("BLAH\r\n\r\n".to_string(), 400, "malformed-request"),
    ];
    for (request, status, kind) in cases {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        // The server may answer and close before it has read everything sent.
        let _ = stream.write_all(request.as_bytes());
        let answer = read_until_closed(&mut stream, Duration::from_secs(5)).unwrap_or_default();
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{kind}: {}",
            &answer[..answer.len().min(200)]
        );
        assert!(
            answer.contains("content-type: application/problem+json"),
            "{kind}: {answer}"
        );
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        let json: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{kind}: {answer}"));
        assert_eq!(json["status"], status);
        assert_eq!(json["type"], format!("urn:placematch:problem:{kind}"));
    }
    child.kill().unwrap();
    let _ = child.wait();
}

/// Issue 13, items 1 and 7: a caller *with* a token cannot hold a request slot by announcing
/// a huge body (413 at once) or trickling one (408 after the header timeout, before any slot
/// is taken); a CPR-shaped or overlong purpose is refused with 400, not recorded.
#[test]
fn token_holders_cannot_stall_the_api_or_record_a_cpr_number() {
    use std::io::Write;

    let dir = crate::support::data_dir(&[]);
    let tokens = planner_token_file(dir.path());
    let audit = dir.path().join("audit.sqlite");
    let (mut child, _stderr, addr) = start_server(
        dir.path(),
        &[
            "--tokens",
            tokens.to_str().unwrap(),
            "--header-timeout",
            "1",
            "--audit",
            audit.to_str().unwrap(),
        ],
    );
    let head = |extra: &str| {
        format!(
            "POST /api/assign HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {PLANNER}\r\nX-Purpose: planning\r\nContent-Type: application/json\r\n{extra}\r\n"
        )
    };

    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(stream, "{}", head("Content-Length: 999999999\r\n")).unwrap();
    let started = std::time::Instant::now();
    let answer = read_until_closed(&mut stream, Duration::from_secs(5)).unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(1));

    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(stream, "{}{{", head("Content-Length: 100\r\n")).unwrap();
    let started = std::time::Instant::now();
    let answer = read_until_closed(&mut stream, Duration::from_secs(5)).unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("body-timeout"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(4));

    for purpose in ["010203-1234".to_string(), "x".repeat(600)] {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "GET /api/children HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {PLANNER}\r\nX-Purpose: {purpose}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let answer = read_until_closed(&mut stream, Duration::from_secs(5)).unwrap_or_default();
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        assert!(!answer.contains("1234"), "{answer}");
    }
    child.kill().unwrap();
    let _ = child.wait();
    let records = placematch::audit::AuditLog::open_read_only(&audit)
        .unwrap()
        .records()
        .unwrap();
    assert!(
        records
            .iter()
            .all(|record| !record.purpose.contains("1234")),
        "a CPR-shaped purpose was recorded"
    );
}

/// A planner can set the priorities and the policy of a scenario over HTTP, as in a file;
/// the answer echoes them.
#[tokio::test]
async fn http_scenarios_set_priorities_and_policy() {
    let app = app();
    let body = r#"{"priorities": ["placed", "score"], "policy": {"family_care_under": 0}}"#;
    let reply = send(&app, "POST", "/api/assign", Some(PLANNER), Some(body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(
        reply.json["priorities"],
        serde_json::json!(["placed", "score"])
    );
    assert_eq!(reply.json["policy"]["family_care_under"], 0);
    let bad = r#"{"priorities": ["placed", "placed"]}"#;
    let reply = send(&app, "POST", "/api/assign", Some(PLANNER), Some(bad)).await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.json);
}

/// Issue 15, item 2: a what-if with new sites over HTTP, as inline CSV rows with the columns
/// of sites.csv, checked like sites.csv: the added site takes a child; a bad row is refused
/// with its line and column and no cell content; a file path is never read.
#[tokio::test]
async fn a_scenario_adds_sites_as_inline_rows() {
    let app = app();
    let header = crate::support::SITES.lines().next().unwrap();
    let row = "S-NEW,Ny familie,foster_reinforced,101,3,3,0,17,any,adhd:3|trauma:3,emergency|short_term|long_term|permanent,none,,da,,0,true,3,4.8,30000,true,2026-11-01";
    let body = serde_json::json!({
        "name": "with new family",
        "add_sites_csv": format!("{header}\n{row}\n"),
    })
    .to_string();
    let added = send(&app, "POST", "/api/assign", Some(PLANNER), Some(&body)).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let used = added.json["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|row| row["site_id"] == "S-NEW");
    assert!(used, "the added site takes a child: {}", added.text);

    let bad = row.replace(",3,3,0,17,", ",3,9,0,17,");
    let body = serde_json::json!({ "add_sites_csv": format!("{header}\n{bad}\n") }).to_string();
    let refused = send(&app, "POST", "/api/assign", Some(PLANNER), Some(&body)).await;
    assert!(refused.status.is_client_error(), "{}", refused.text);
    let detail = refused.json["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("add_sites_csv") && detail.contains(":2:"),
        "{detail}"
    );
    assert!(
        !refused.text.contains("Ny familie"),
        "no cell content: {}",
        refused.text
    );

    let path = serde_json::json!({ "add_sites": "/etc/passwd" }).to_string();
    let refused = send(&app, "POST", "/api/assign", Some(PLANNER), Some(&path)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
}

/// Issue 17: a long solve runs as a job the planner follows and can cancel, and a job is only
/// its caller's.
#[tokio::test]
async fn a_comparison_runs_as_a_job_its_caller_follows() {
    let app = app();
    let started = send(
        &app,
        "POST",
        "/api/jobs?lang=en",
        Some(PLANNER),
        Some(r#"{"kind": "compare", "a": {"name": "A"}, "b": {"name": "B", "remove_sites": ["S-1", "S-5"]}}"#),
    )
    .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    assert_eq!(started.json["kind"], "compare");
    let id = started.json["id"].as_str().unwrap().to_string();
    let mut job = started.json;
    for _ in 0..600 {
        if job["status"] != "running" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        job = send(&app, "GET", &format!("/api/jobs/{id}"), Some(PLANNER), None)
            .await
            .json;
    }
    assert_eq!(job["status"], "done", "{job}");
    assert!(
        job["steps"].is_u64() && job["elapsed_seconds"].is_f64(),
        "{job}"
    );
    let result = &job["result"];
    assert_eq!(result["a"]["scenario"], "A");
    assert_eq!(result["b"]["scenario"], "B");
    assert_eq!(result["a_optimality"]["status"], "optimal");
    let placed = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["key"] == "children_placed")
        .unwrap();
    assert!(["better", "worse", "same"].contains(&placed["change"].as_str().unwrap()));
    // A cancel after the end leaves the job as it ended.
    let late = send(
        &app,
        "DELETE",
        &format!("/api/jobs/{id}"),
        Some(PLANNER),
        None,
    )
    .await;
    assert_eq!(late.json["status"], "done");
    // Other roles are refused; unknown jobs are 404 without echoing the ID.
    let other = send(
        &app,
        "GET",
        &format!("/api/jobs/{id}"),
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_problem(&other, 403, "forbidden");
    let unknown = send(&app, "GET", "/api/jobs/job-424242", Some(PLANNER), None).await;
    assert_problem(&unknown, 404, "unknown-job");
    assert!(!unknown.text.contains("424242"));
    // Mistakes are said at once, before any job starts: B's unknown site, a bad time limit,
    // an unknown kind.
    let bad = send(
        &app,
        "POST",
        "/api/jobs",
        Some(PLANNER),
        Some(r#"{"kind": "compare", "a": {}, "b": {"extra_places": {"S-404": 1}}}"#),
    )
    .await;
    assert_problem(&bad, 422, "invalid-scenario");
    assert!(
        bad.json["detail"].as_str().unwrap().starts_with("b: "),
        "{}",
        bad.text
    );
    for body in [
        r#"{"kind": "assign", "scenario": {}, "time_limit": 0}"#,
        r#"{"kind": "assign", "scenario": {}, "time_limit": 1e300}"#,
        r#"{"kind": "sleep", "scenario": {}}"#,
    ] {
        let refused = send(&app, "POST", "/api/jobs", Some(PLANNER), Some(body)).await;
        assert_problem(&refused, 400, "malformed-json");
    }
}

/// Issue 17: problem documents are in Danish by default and in English when the request asks
/// (`lang=en` or `Accept-Language: en`), titles and details alike.
#[tokio::test]
async fn problems_speak_the_language_of_the_request() {
    let app = app();
    let body = r#"{"extra_places": {"S-404": 1}}"#;
    let danish = send(&app, "POST", "/api/assign", Some(PLANNER), Some(body)).await;
    assert_problem(&danish, 422, "invalid-scenario");
    assert_eq!(
        danish.json["title"],
        "Scenariet er ugyldigt eller kan ikke løses som ønsket"
    );
    assert_eq!(
        danish.json["detail"],
        "scenario: nøglen `extra_places`: stedet S-404 findes ikke i data"
    );
    let by_query = send(
        &app,
        "POST",
        "/api/assign?lang=en",
        Some(PLANNER),
        Some(body),
    )
    .await;
    assert_eq!(
        by_query.json["detail"],
        "scenario: key `extra_places`: site S-404 is not in the data"
    );
    assert_eq!(
        by_query.json["title"],
        "The scenario is invalid or cannot be solved as asked"
    );
    let request = Request::builder()
        .method("GET")
        .uri("/api/nothing")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,da;q=0.8")
        .header(header::AUTHORIZATION, format!("Bearer {PLANNER}"))
        .body(Body::empty())
        .unwrap();
    let english = reply(app.clone().oneshot(request).await.unwrap()).await;
    assert_eq!(english.json["title"], "No such route");
    let forbidden = send(&app, "POST", "/api/assign", Some(COORDINATOR), Some("{}")).await;
    assert_eq!(
        forbidden.json["detail"],
        "denne rute kræver rollen planlægger"
    );
    // Every kind has a Danish title of its own.
    for kind in placematch::server::Kind::ALL {
        assert_ne!(kind.title_da(), kind.title(), "{kind:?}");
    }
}

/// Issue 14, items 2 and 8: the child's and the parents' views and the consents over HTTP;
/// the child's process on one screen, in full for the coordinator and without any free text
/// for the auditor; the shortlist says what is missing.
#[tokio::test]
async fn the_childs_views_are_recorded_and_withheld_from_the_auditor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.sqlite");
    placematch::cases::CaseStore::open(&file).unwrap();
    let app = router(state(Some(tokens()), Limits::default()).with_cases(file));
    // C-3 is 15: the young person's own consent is asked for (barnets lov § 46).
    let shortlist = send(
        &app,
        "GET",
        "/api/children/C-3/shortlist",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_eq!(shortlist.status, StatusCode::OK, "{}", shortlist.text);
    let missing: Vec<&str> = shortlist.json["child_views"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|text| text.as_str())
        .collect();
    assert!(
        missing.iter().any(|text| text
            .starts_with("Den unges samtykke til anbringelsen (fyldt 15 år, barnets lov § 46)")),
        "{missing:?}"
    );
    let body = r#"{"child_wishes": "vil gerne blive i sin klub", "parents_wishes": "tæt på hjemmet", "resources": "god til fodbold", "parents_consent": "given", "child_consent": "refused"}"#;
    let planner = send(
        &app,
        "POST",
        "/api/children/C-3/views",
        Some(PLANNER),
        Some(body),
    )
    .await;
    assert_problem(&planner, 403, "forbidden");
    let cpr = r#"{"resources": "cpr 0101901234"}"#;
    let refused = send(
        &app,
        "POST",
        "/api/children/C-3/views",
        Some(COORDINATOR),
        Some(cpr),
    )
    .await;
    assert_problem(&refused, 400, "malformed-json");
    assert!(!refused.text.contains("0101901234"));
    let empty = send(
        &app,
        "POST",
        "/api/children/C-3/views",
        Some(COORDINATOR),
        Some(r#"{"resources": "  "}"#),
    )
    .await;
    assert_problem(&empty, 400, "malformed-json");
    let recorded = send(
        &app,
        "POST",
        "/api/children/C-3/views",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
    assert_eq!(
        recorded.json["views"]["child_wishes"]["text"],
        "vil gerne blive i sin klub"
    );
    let consents: Vec<(&str, &str)> = recorded.json["views"]["consents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        consents,
        [
            ("parents_placement", "given"),
            ("child_placement", "refused")
        ]
    );
    // The coordinator reads it all; the auditor sees that texts exist, not what they say.
    let full = send(
        &app,
        "GET",
        "/api/children/C-3/case",
        Some(COORDINATOR),
        None,
    )
    .await;
    assert_eq!(full.status, StatusCode::OK, "{}", full.text);
    assert_eq!(full.json["withheld"], false);
    assert_eq!(full.json["views"]["resources"]["text"], "god til fodbold");
    let audited = send(&app, "GET", "/api/children/C-3/case", Some(AUDITOR), None).await;
    assert_eq!(audited.status, StatusCode::OK, "{}", audited.text);
    assert_eq!(audited.json["withheld"], true);
    for secret in ["klub", "hjemmet", "fodbold"] {
        assert!(!audited.text.contains(secret), "{secret}: {}", audited.text);
    }
    assert_eq!(audited.json["views"]["child_wishes"]["withheld"], true);
    let planner = send(&app, "GET", "/api/children/C-3/case", Some(PLANNER), None).await;
    assert_problem(&planner, 403, "forbidden");
    // The shortlist now says the refusal, and no longer that the wishes are missing.
    let shortlist = send(
        &app,
        "GET",
        "/api/children/C-3/shortlist",
        Some(COORDINATOR),
        None,
    )
    .await;
    let views = &shortlist.json["child_views"];
    assert!(views["missing"].as_array().unwrap().is_empty(), "{views}");
    assert_eq!(views["consents"][1]["status"], "refused");
}

/// Issue 14, items 4 and 8: the decision from the page: a reason when one is required, no
/// decision for an excluded site, the decision basis for the case file in the answer with its
/// SHA-256 in the audit record, and the placement kept for its follow-ups.
#[tokio::test]
async fn a_decision_over_http_returns_the_decision_basis_and_keeps_the_placement() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.sqlite");
    placematch::cases::CaseStore::open(&cases).unwrap();
    let body = r#"{"site": "S-5", "reason": "Tæt på skolen og søskende"}"#;
    let without = router(state(Some(tokens()), Limits::default()).with_cases(cases.clone()));
    let refused = send(
        &without,
        "POST",
        "/api/children/C-1/decision",
        Some(COORDINATOR),
        Some(body),
    )
    .await;
    assert_problem(&refused, 404, "no-audit-database");
    let path = dir.path().join("audit.sqlite");
    let log = placematch::audit::AuditLog::open(&path).unwrap();
    let app = router(
        state(Some(tokens()), Limits::default())
            .with_audit(log, Default::default())
            .with_cases(cases),
    );
    let post = |body: &'static str, token: &'static str| {
        let app = app.clone();
        async move {
            send_with(
                &app,
                "POST",
                "/api/children/C-1/decision",
                Some(token),
                Some(body),
                &[("x-purpose", "anbringelse")],
            )
            .await
        }
    };
    assert_problem(&post(body, PLANNER).await, 403, "forbidden");
    // S-5 was never asked and carries a flag: a reason is required, and none is given.
    let missing = post(r#"{"site": "S-5"}"#, COORDINATOR).await;
    assert_problem(&missing, 422, "reason-required");
    assert!(
        missing.text.contains("stedet aldrig er blevet spurgt"),
        "{}",
        missing.text
    );
    // S-6 is full for C-1: no decision for an excluded site.
    let excluded = post(r#"{"site": "S-6", "reason": "x"}"#, COORDINATOR).await;
    assert_problem(&excluded, 409, "case-conflict");
    let decided = post(body, COORDINATOR).await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.text);
    assert_eq!(decided.json["placement_recorded"], true);
    let html = decided.json["document_html"].as_str().unwrap();
    for part in [
        "Afgørelsesgrundlag: valg af anbringelsessted",
        "Tæt på skolen og søskende",
        "Hensyn, element for element",
        "Afgjort af: anna.",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    let record = last_record(&path);
    assert_eq!(
        record.result_hash,
        placematch::audit::sha256_hex(html.as_bytes())
    );
    assert_eq!(decided.json["document_sha256"], record.result_hash.as_str());
    let decision = record.decision.expect("the decision is recorded");
    assert_eq!(decision.site_id, "S-5");
    assert_eq!(
        decision.reason.as_deref(),
        Some("Tæt på skolen og søskende")
    );
    // The process now shows the placement and the next follow-up.
    let case = send_with(
        &app,
        "GET",
        "/api/children/C-1/case",
        Some(COORDINATOR),
        None,
        &[("x-purpose", "opfoelgning")],
    )
    .await;
    assert_eq!(case.json["placement"]["site_id"], "S-5", "{}", case.text);
    assert_eq!(case.json["open_followups"][0]["milestone"], "14_days");
}
