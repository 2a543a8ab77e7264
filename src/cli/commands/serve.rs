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

pub(super) fn run(
    addr: SocketAddr,
    tokens: Option<&Path>,
    max_body: usize,
    request_timeout: f64,
    max_in_flight: usize,
    audit: Option<&Path>,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    if !request_timeout.is_finite() || request_timeout <= 0.0 || request_timeout > 3600.0 {
        return Err(CliError::new(
            ExitCode::Usage,
            "--request-timeout must be a number of seconds above 0 and at most 3600",
        ));
    }
    if max_in_flight == 0 || max_body == 0 {
        return Err(CliError::new(
            ExitCode::Usage,
            "--max-in-flight and --max-body must be above 0",
        ));
    }
    let tokens = match tokens {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                CliError::new(
                    ExitCode::NoInput,
                    format!("cannot read {}: {error}", path.display()),
                )
            })?;
            let label = path.display().to_string();
            Some(
                Tokens::parse(&label, &text)
                    .map_err(|message| CliError::new(ExitCode::InvalidData, message))?,
            )
        }
        None => None,
    };
    if tokens.is_none() && !addr.ip().is_loopback() {
        return Err(CliError::new(
            ExitCode::Usage,
            "without --tokens every caller has every role, so the server listens on loopback only (use --addr 127.0.0.1:PORT, or give a token file)",
        ));
    }
    let session = Session::open(scoring)?;
    let children = session.loaded.dataset.children().len();
    let sites = session.loaded.dataset.sites().len();
    let access = match &tokens {
        Some(tokens) => format!("{} tokens from the token file", tokens.len()),
        None => "no token file: loopback only, every caller has every role".to_string(),
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
            ..Limits::default()
        },
    )
    .with_policy(policy);
    let state = match audit {
        Some(path) => {
            let log = AuditLog::open(path).map_err(|error| {
                CliError::new(
                    ExitCode::CannotWrite,
                    format!("cannot open the audit database: {error}"),
                )
            })?;
            let mut files = data_files(&scoring.data);
            files.extend(scoring.weights.clone());
            let inputs = hash_files(&files);
            eprintln!(
                "placematch: auditing every access in {} (requests need an X-Purpose header)",
                path.display()
            );
            state.with_audit(log, inputs)
        }
        None => state,
    };
    let as_of = session.as_of;
    server::serve(addr, state, |bound| {
        eprintln!(
            "placematch: serving {children} children and {sites} sites (as of {as_of}) on http://{bound}/ ({access})"
        );
    })
    .map_err(|error| CliError::new(ExitCode::CannotWrite, format!("cannot serve on {addr}: {error}")))
}
