//! `/openapi.json`: the API description, generated from the handler annotations and the
//! response types (the same types the CLI prints).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api, jobs};

/// The API document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "placematch",
        description = "Ranked, explained placement sites for children placed away from home (Barnets Lov § 52). It recommends; a person decides. Roles: coordinator (children, shortlists, sites), planner (children, sites, assign, compare, jobs), auditor (audit extracts, fairness report). Errors are application/problem+json with a stable type per kind."
    ),
    paths(
        api::me,
        api::elements,
        api::map,
        api::children,
        api::shortlist,
        api::site,
        api::assign,
        api::compare,
        api::audit_extract,
        api::fairness_report,
        api::outcomes_report,
        api::inquire,
        api::respond,
        api::followup,
        api::conversation,
        api::views,
        api::case,
        api::decide,
        api::due,
        api::recruit_report,
        jobs::start,
        jobs::status,
        jobs::cancel,
        api::livez,
        api::readyz,
    ),
    modifiers(&Bearer, &EveryRoute),
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The answers any route can give before it runs: a request hyper cannot parse, a request
/// line or header fields too large, the in-flight limit reached.
struct EveryRoute;

impl Modify for EveryRoute {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let answers = [
            (
                "400",
                "The request is not valid HTTP or a parameter is invalid",
            ),
            (
                "408",
                "The request body did not arrive within the header timeout",
            ),
            ("414", "The request line is longer than 64 KiB"),
            ("431", "The header fields are too large"),
            (
                "500",
                "The access could not be audited (no result is given), or an internal error",
            ),
            (
                "503",
                "Too many requests in flight, or past the request deadline; retry after the Retry-After seconds",
            ),
        ];
        for (path, item) in openapi.paths.paths.iter_mut() {
            // Liveness answers from the accept loop's own task: never limited, never audited.
            let answers = if path == "/livez" {
                &answers[..4]
            } else {
                &answers[..]
            };
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for &(status, description) in answers {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| {
                            ResponseBuilder::new()
                                .description(description)
                                .content(
                                    "application/problem+json",
                                    ContentBuilder::new()
                                        .schema(Some(Ref::from_schema_name("Problem")))
                                        .build(),
                                )
                                .build()
                                .into()
                        });
                }
            }
        }
    }
}

/// The document as JSON text.
pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}
