//! Integration tests, one binary (ripgrep's habit).

// Test helpers may panic on setup failures; helpers are shared across modules.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

/// Shared helpers: fixtures in temporary directories, running the binary.
mod support;

/// `validate`: every hostile input gets the right exit code and a positioned message.
mod validate;

/// `generate`: determinism, atomic output, calibration.
mod generate;

/// Batch assignment: oracle against brute force, invariants, the command.
mod assign;

/// The case store: inquiries, answers, and their use in assign and decide.
mod cases;

/// `report recruit`: verified gains reproduced by `assign`.
mod recruit;

/// `shortlist` and `score`: formats, snapshots, exit codes.
mod shortlist;

/// Property tests of the data layer: generated data validates, row order is irrelevant,
/// loading never panics.
mod properties;

/// The house rules as a table, module docs, links that stay inside the repository.
mod tidy;

/// The HTTP API in process: routes, roles, hostile requests, limits, OpenAPI.
#[cfg(feature = "server")]
mod server;

/// The audit trail, decisions and the fairness report end to end.
mod audit;

/// Privacy: no CPR-like value or free text in stderr across the commands.
mod privacy;

/// Files that are not what they claim: devices, FIFOs, oversized settings files.
mod files;

/// Progress lines: on a terminal for long work, silent when piped.
mod terminal;

/// The command line: help and usage errors in the user's language.
mod usage;

/// Regressions, named by their cause.
mod regression;
