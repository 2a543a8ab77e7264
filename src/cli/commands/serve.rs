//! `placematch serve`: loads and validates the data once, reads the token file, serves.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use crate::cli::args::ScoringArgs;
use crate::cli::error::{CliError, ExitCode};
use crate::server::{self, AppState, Limits, Tokens};

use super::audit::{data_files, hash_files};
use super::session::Session;
use crate::audit::AuditLog;

/// The server's numeric options, as given.
pub(super) struct Numbers {
    pub(super) max_body: usize,
    pub(super) request_timeout: f64,
    pub(super) max_in_flight: usize,
    pub(super) max_connections: usize,
    pub(super) header_timeout: f64,
}

pub(super) fn run(
    addr: SocketAddr,
    tokens: Option<&Path>,
    numbers: Numbers,
    audit: Option<&Path>,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let Numbers {
        max_body,
        request_timeout,
        max_in_flight,
        max_connections,
        header_timeout,
    } = numbers;
    for (flag, seconds) in [
        ("--request-timeout", request_timeout),
        ("--header-timeout", header_timeout),
    ] {
        if !seconds.is_finite() || seconds <= 0.0 || seconds > 3600.0 {
            return Err(CliError::said(
                ExitCode::Usage,
                format!("{flag} skal være et antal sekunder over 0 og højst 3600"),
                format!("{flag} must be a number of seconds above 0 and at most 3600"),
            ));
        }
    }
    if max_in_flight == 0 || max_body == 0 || max_connections == 0 {
        return Err(CliError::said(
            ExitCode::Usage,
            "--max-in-flight, --max-connections og --max-body skal være over 0",
            "--max-in-flight, --max-connections and --max-body must be above 0",
        ));
    }
    let tokens = match tokens {
        Some(path) => {
            let text = crate::io::read_bounded_text(path, crate::io::MAX_SETTINGS_BYTES).map_err(
                |error| {
                    CliError::worded(ExitCode::NoInput, |lang| match lang {
                        crate::render::Lang::Da => format!(
                            "kan ikke læse {}: {}",
                            path.display(),
                            crate::render::io_error_text(&error, lang)
                        ),
                        crate::render::Lang::En => {
                            format!("cannot read {}: {error}", path.display())
                        }
                    })
                },
            )?;
            let label = path.display().to_string();
            Some(
                Tokens::parse(&label, &text)
                    .map_err(|message| CliError::new(ExitCode::InvalidData, message))?,
            )
        }
        None => None,
    };
    if tokens.is_none() && !addr.ip().is_loopback() {
        return Err(CliError::said(
            ExitCode::Usage,
            "uden --tokens har alle, der sender forespørgsler, alle roller, så serveren lytter kun på denne maskine (brug --addr 127.0.0.1:PORT, eller angiv en fil med adgangsnøgler)",
            "without --tokens every caller has every role, so the server listens on loopback only (use --addr 127.0.0.1:PORT, or give a token file)",
        ));
    }
    let session = Session::open(scoring)?;
    let children = session.loaded.dataset.children().len();
    let sites = session.loaded.dataset.sites().len();
    let access = match &tokens {
        Some(tokens) => (
            format!(
                "{} fra tokenfilen",
                crate::render::plural(tokens.len(), "token", "tokens")
            ),
            format!(
                "{} from the token file",
                crate::render::plural(tokens.len(), "token", "tokens")
            ),
        ),
        None => (
            "ingen fil med adgangsnøgler: kun denne maskine, og alle, der sender forespørgsler, har alle roller".to_string(),
            "no token file: loopback only, every caller has every role".to_string(),
        ),
    };
    let policy = session.policy;
    let state = AppState::new(
        session.loaded,
        session.weights,
        session.as_of,
        tokens,
        Limits {
            body_bytes: max_body,
            request_time: Duration::from_secs_f64(request_timeout),
            in_flight: max_in_flight,
            connections: max_connections,
            header_time: Duration::from_secs_f64(header_timeout),
            ..Limits::default()
        },
    )
    .with_policy(policy)
    .with_log_lang(crate::cli::error::lang());
    let state = match audit {
        Some(path) => {
            let log = AuditLog::open(path).map_err(|error| {
                CliError::worded(ExitCode::CannotWrite, |lang| match lang {
                    crate::render::Lang::Da => format!(
                        "kan ikke åbne adgangsloggen: {}",
                        crate::render::audit_error_text(&error, lang)
                    ),
                    crate::render::Lang::En => format!("cannot open the audit database: {error}"),
                })
            })?;
            let mut files = data_files(&scoring.data);
            files.extend(scoring.weights.clone());
            let inputs = hash_files(&files);
            crate::cli::error::note(
                format!(
                    "registrerer hver adgang i {} (forespørgsler skal have headeren X-Purpose)",
                    path.display()
                ),
                format!(
                    "auditing every access in {} (requests need an X-Purpose header)",
                    path.display()
                ),
            );
            state.with_audit(log, inputs)
        }
        None => state,
    };
    // The case store is read for the outcomes report; it must exist (the server never
    // creates one).
    let state = match &scoring.cases {
        Some(file) => {
            crate::cases::CaseStore::open_existing(file).map_err(super::cases::case_error)?;
            state.with_cases(file.clone())
        }
        None => state,
    };
    let as_of = session.as_of;
    server::serve(addr, state, |bound| {
        crate::cli::error::note(
            format!(
                "data om {} børn og {} steder (pr. {as_of}) er til rådighed på http://{bound}/ ({})",
                crate::render::count(children, crate::render::Lang::Da),
                crate::render::count(sites, crate::render::Lang::Da),
                access.0
            ),
            format!(
                "serving {children} children and {sites} sites (as of {as_of}) on http://{bound}/ ({})",
                access.1
            ),
        );
    })
    .map_err(|error| {
        CliError::worded(ExitCode::CannotWrite, |lang| match lang {
            crate::render::Lang::Da => format!(
                "kan ikke lytte på {addr}: {}",
                crate::render::io_error_text(&error, lang)
            ),
            crate::render::Lang::En => format!("cannot serve on {addr}: {error}"),
        })
    })
}
