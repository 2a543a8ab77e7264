//! Errors as `application/problem+json` (RFC 9457), with one stable `type` per kind, and the
//! one place where library errors become HTTP status codes. No problem carries a personal
//! field: IDs the caller sent are not echoed, and scenario errors name keys only.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::app::AppError;
use crate::render::{Lang, app_error_text};

tokio::task_local! {
    /// The language of the request being answered (its `lang` query or `Accept-Language`),
    /// set by the router's outermost layer; problem documents are written in it.
    pub(super) static LANG: Lang;
}

/// The language of the request being answered; Danish outside a request.
pub(super) fn current_lang() -> Lang {
    LANG.try_with(|lang| *lang).unwrap_or(Lang::Da)
}

/// Kinds of failure, each with its status and stable type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 401: no or unknown bearer token.
    Unauthorized,
    /// 403: the caller's role may not call this route.
    Forbidden,
    /// 404: no such route.
    NotFound,
    /// 404: no child with that ID.
    UnknownChild,
    /// 404: no site with that ID.
    UnknownSite,
    /// 404: the server keeps no audit database, so there is nothing to extract or report.
    NoAuditDatabase,
    /// 404: the server has no case store, so there are no outcomes to report.
    NoCaseStore,
    /// 400: the body is not valid JSON of the expected shape.
    MalformedJson,
    /// 400: a query parameter is invalid.
    InvalidQuery,
    /// 400: the server audits access and the request gave no purpose.
    PurposeRequired,
    /// 413: the body exceeds the limit.
    BodyTooLarge,
    /// 415: a body that is not `application/json`.
    UnsupportedMediaType,
    /// 421: a Host header naming another host (loopback mode guards against DNS rebinding).
    MisdirectedRequest,
    /// 422: the scenario is invalid or cannot be solved as asked.
    InvalidScenario,
    /// 400: the ID in the path cannot be read (not UTF-8).
    InvalidPath,
    /// 405: the route exists, the method does not.
    MethodNotAllowed,
    /// 503: too many requests in flight.
    Overloaded,
    /// 503: the request took longer than the limit.
    Timeout,
    /// 503: not ready (the audit database cannot be written).
    Unavailable,
    /// 500: the audit record could not be written, so no result is given.
    AuditFailed,
    /// 500: a bug in placematch.
    Internal,
    /// 400: the request is not valid HTTP (answered before any route is reached).
    MalformedRequest,
    /// 414: the request line is too long.
    UriTooLong,
    /// 431: the header fields are too large.
    HeadersTooLarge,
    /// 408: the body did not arrive in time.
    BodyTimeout,
    /// 404: no job of the caller's with that ID.
    UnknownJob,
    /// 422: a decision needs a written reason and none was given.
    ReasonRequired,
    /// 409: the step does not fit the child's case as recorded (an answer from a site never
    /// asked, a follow-up without a placement or before it, a decision refused).
    CaseConflict,
}

impl Kind {
    /// Every kind, for documentation and tests.
    pub const ALL: [Kind; 28] = [
        Kind::Unauthorized,
        Kind::Forbidden,
        Kind::NotFound,
        Kind::UnknownChild,
        Kind::UnknownSite,
        Kind::NoAuditDatabase,
        Kind::NoCaseStore,
        Kind::MalformedJson,
        Kind::InvalidQuery,
        Kind::PurposeRequired,
        Kind::BodyTooLarge,
        Kind::UnsupportedMediaType,
        Kind::MisdirectedRequest,
        Kind::InvalidScenario,
        Kind::InvalidPath,
        Kind::MethodNotAllowed,
        Kind::Overloaded,
        Kind::Timeout,
        Kind::Unavailable,
        Kind::AuditFailed,
        Kind::Internal,
        Kind::MalformedRequest,
        Kind::UriTooLong,
        Kind::HeadersTooLarge,
        Kind::BodyTimeout,
        Kind::UnknownJob,
        Kind::CaseConflict,
        Kind::ReasonRequired,
    ];

    /// HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            Kind::Unauthorized => StatusCode::UNAUTHORIZED,
            Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::NotFound
            | Kind::UnknownChild
            | Kind::UnknownSite
            | Kind::UnknownJob
            | Kind::NoAuditDatabase
            | Kind::NoCaseStore => StatusCode::NOT_FOUND,
            Kind::MalformedJson
            | Kind::InvalidQuery
            | Kind::PurposeRequired
            | Kind::InvalidPath
            | Kind::MalformedRequest => StatusCode::BAD_REQUEST,
            Kind::UriTooLong => StatusCode::URI_TOO_LONG,
            Kind::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Kind::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Kind::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Kind::MisdirectedRequest => StatusCode::MISDIRECTED_REQUEST,
            Kind::InvalidScenario | Kind::ReasonRequired => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::CaseConflict => StatusCode::CONFLICT,
            Kind::Overloaded | Kind::Timeout | Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Kind::AuditFailed | Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable `type` URI.
    pub fn type_uri(self) -> &'static str {
        match self {
            Kind::Unauthorized => "urn:placematch:problem:unauthorized",
            Kind::Forbidden => "urn:placematch:problem:forbidden",
            Kind::NotFound => "urn:placematch:problem:not-found",
            Kind::UnknownChild => "urn:placematch:problem:unknown-child",
            Kind::UnknownSite => "urn:placematch:problem:unknown-site",
            Kind::NoAuditDatabase => "urn:placematch:problem:no-audit-database",
            Kind::NoCaseStore => "urn:placematch:problem:no-case-store",
            Kind::MalformedJson => "urn:placematch:problem:malformed-json",
            Kind::InvalidQuery => "urn:placematch:problem:invalid-query",
            Kind::PurposeRequired => "urn:placematch:problem:purpose-required",
            Kind::BodyTooLarge => "urn:placematch:problem:body-too-large",
            Kind::UnsupportedMediaType => "urn:placematch:problem:unsupported-media-type",
            Kind::MisdirectedRequest => "urn:placematch:problem:misdirected-request",
            Kind::InvalidScenario => "urn:placematch:problem:invalid-scenario",
            Kind::InvalidPath => "urn:placematch:problem:invalid-path",
            Kind::MethodNotAllowed => "urn:placematch:problem:method-not-allowed",
            Kind::Overloaded => "urn:placematch:problem:overloaded",
            Kind::Timeout => "urn:placematch:problem:timeout",
            Kind::Unavailable => "urn:placematch:problem:unavailable",
            Kind::AuditFailed => "urn:placematch:problem:audit-failed",
            Kind::Internal => "urn:placematch:problem:internal",
            Kind::MalformedRequest => "urn:placematch:problem:malformed-request",
            Kind::UriTooLong => "urn:placematch:problem:uri-too-long",
            Kind::HeadersTooLarge => "urn:placematch:problem:headers-too-large",
            Kind::BodyTimeout => "urn:placematch:problem:body-timeout",
            Kind::UnknownJob => "urn:placematch:problem:unknown-job",
            Kind::CaseConflict => "urn:placematch:problem:case-conflict",
            Kind::ReasonRequired => "urn:placematch:problem:reason-required",
        }
    }

    /// A short, fixed title in Danish.
    pub fn title_da(self) -> &'static str {
        match self {
            Kind::Unauthorized => "Der kræves en gyldig adgangsnøgle (bearer-token)",
            Kind::Forbidden => "Din rolle må ikke bruge denne rute",
            Kind::NotFound => "Ruten findes ikke",
            Kind::UnknownChild => "Intet barn med det ID",
            Kind::UnknownSite => "Intet sted med det ID",
            Kind::NoAuditDatabase => "Serveren fører ingen adgangslog",
            Kind::NoCaseStore => "Serveren har intet sagsregister",
            Kind::MalformedJson => {
                "Indholdet er ikke gyldig JSON eller har ikke den forventede opbygning"
            }
            Kind::InvalidQuery => "En forespørgselsparameter er ugyldig",
            Kind::PurposeRequired => "Angiv formålet med opslaget",
            Kind::BodyTooLarge => "Indholdet er for stort",
            Kind::UnsupportedMediaType => "Indholdet skal være application/json",
            Kind::MisdirectedRequest => "Serveren svarer ikke på dette værtsnavn",
            Kind::InvalidScenario => "Scenariet er ugyldigt eller kan ikke løses som ønsket",
            Kind::InvalidPath => "Stien kan ikke læses",
            Kind::MethodNotAllowed => "Ruten understøtter ikke denne HTTP-metode",
            Kind::Overloaded => "For mange forespørgsler i gang; prøv igen om lidt",
            Kind::Timeout => "Forespørgslen tog længere tid, end serveren tillader",
            Kind::Unavailable => "Ikke klar: der kan ikke skrives i adgangsloggen",
            Kind::AuditFailed => "Opslaget kunne ikke logges, og derfor vises intet resultat",
            Kind::Internal => "Intern fejl",
            Kind::MalformedRequest => "Forespørgslen er ikke gyldig HTTP",
            Kind::UriTooLong => "Forespørgselslinjen er for lang",
            Kind::HeadersTooLarge => "Headerfelterne er for store",
            Kind::BodyTimeout => "Indholdet kom ikke i tide",
            Kind::UnknownJob => "Ingen af dine beregninger har det ID",
            Kind::CaseConflict => "Skridtet passer ikke til barnets sag, som den er registreret",
            Kind::ReasonRequired => "Afgørelsen kræver en skriftlig begrundelse",
        }
    }

    /// A short, fixed title.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Unauthorized => "A valid bearer token is required",
            Kind::Forbidden => "Your role may not call this route",
            Kind::NotFound => "No such route",
            Kind::UnknownChild => "No child with that ID",
            Kind::UnknownSite => "No site with that ID",
            Kind::NoAuditDatabase => "This server keeps no audit database",
            Kind::NoCaseStore => "This server has no case store",
            Kind::MalformedJson => "The body is not valid JSON of the expected shape",
            Kind::InvalidQuery => "A query parameter is invalid",
            Kind::PurposeRequired => "Give the purpose of the access",
            Kind::BodyTooLarge => "The body is too large",
            Kind::UnsupportedMediaType => "The body must be application/json",
            Kind::MisdirectedRequest => "This server does not answer for that host",
            Kind::InvalidScenario => "The scenario is invalid or cannot be solved as asked",
            Kind::InvalidPath => "The path cannot be read",
            Kind::MethodNotAllowed => "This route does not take that method",
            Kind::Overloaded => "Too many requests in flight; try again shortly",
            Kind::Timeout => "The request took longer than the server allows",
            Kind::Unavailable => "Not ready: the audit database cannot be written",
            Kind::AuditFailed => "The access could not be audited, so no result is given",
            Kind::Internal => "Internal error",
            Kind::MalformedRequest => "The request is not valid HTTP",
            Kind::UriTooLong => "The request line is too long",
            Kind::HeadersTooLarge => "The header fields are too large",
            Kind::BodyTimeout => "The request body did not arrive in time",
            Kind::UnknownJob => "No job of yours with that ID",
            Kind::CaseConflict => "The step does not fit the child's case as recorded",
            Kind::ReasonRequired => "The decision needs a written reason",
        }
    }
}

/// A problem document. Its title and detail are written in the request's language
/// (`lang` query or `Accept-Language`; Danish by default).
#[derive(Debug, Clone, utoipa::ToSchema)]
pub struct Problem {
    /// Stable URI per kind, for example `urn:placematch:problem:unknown-child`.
    #[schema(rename = "type")]
    pub kind: &'static str,
    /// Fixed title of the kind.
    pub title: &'static str,
    /// HTTP status.
    pub status: u16,
    /// What went wrong, without personal fields.
    pub detail: String,
    #[schema(ignore)]
    detail_da: String,
    #[schema(ignore)]
    code: Option<Kind>,
}

impl Problem {
    /// A problem of a kind with its detail in Danish and English.
    pub fn new(kind: Kind, da: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            kind: kind.type_uri(),
            title: kind.title(),
            status: kind.status().as_u16(),
            detail: en.into(),
            detail_da: da.into(),
            code: Some(kind),
        }
    }

    /// The kind.
    pub fn code(&self) -> Option<Kind> {
        self.code
    }

    /// The detail in a language.
    pub fn detail_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.detail_da,
            Lang::En => &self.detail,
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lang = current_lang();
        let title = match (lang, self.code) {
            (Lang::Da, Some(kind)) => kind.title_da(),
            _ => self.title,
        };
        let mut out = serializer.serialize_struct("Problem", 4)?;
        out.serialize_field("type", self.kind)?;
        out.serialize_field("title", title)?;
        out.serialize_field("status", &self.status)?;
        out.serialize_field("detail", self.detail_in(lang))?;
        out.end()
    }
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        let kind = match &error {
            AppError::UnknownChild => Kind::UnknownChild,
            AppError::UnknownSite => Kind::UnknownSite,
            AppError::Excluded(_) => Kind::InvalidScenario,
            AppError::Scenario(_) | AppError::Unsolvable { .. } => Kind::InvalidScenario,
            AppError::Internal(_) | AppError::ChosenSiteMissing => Kind::Internal,
            AppError::SiteDeclined => Kind::CaseConflict,
        };
        Problem::new(
            kind,
            app_error_text(&error, Lang::Da),
            app_error_text(&error, Lang::En),
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self.code {
            Some(Kind::Unauthorized) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Some(Kind::Overloaded | Kind::Timeout | Kind::Unavailable) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_type_and_an_error_status() {
        let mut types: Vec<_> = Kind::ALL.iter().map(|kind| kind.type_uri()).collect();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            assert!(kind.status().is_client_error() || kind.status().is_server_error());
        }
    }
}
