//! `/openapi.json`: the API description, generated from the handler annotations and the
//! response types (the same types the CLI prints).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::api;

/// The API document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "placematch",
        description = "Ranked, explained placement sites for children placed away from home (Barnets Lov § 52). It recommends; a person decides. Roles: coordinator (children, shortlists, sites), planner (children, sites, assign, compare), auditor (audit extracts, fairness report). Errors are application/problem+json with a stable type per kind."
    ),
    paths(
        api::me,
        api::elements,
        api::children,
        api::shortlist,
        api::site,
        api::assign,
        api::compare,
        api::audit_extract,
        api::fairness_report,
        api::livez,
        api::readyz,
    ),
    modifiers(&Bearer),
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

/// The document as JSON text.
pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}
