//! `placematch score`: every eligible pair as CSV (PRODUCT.md section 7), child order then
//! site order, scores with 6 decimals.
//!
//! The CSV is streamed: children are scored a step at a time and each step's rows are written
//! before the next is scored, so memory stays flat at any size. With an audit database, the
//! rows go first to an unnamed temporary file (removed by the system however the process
//! ends) while their hash is taken; the result is printed only after its record is written.

use std::io::{BufWriter, Seek, Write};

use crate::audit::HashingWriter;
use crate::cli::args::{AuditArgs, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output::{self, Progress};
use crate::context::ScoringContext;
use crate::render;
use crate::score::score_all;

use super::audit::{Access, Auditor, data_files};
use super::session::Session;

/// Children scored in one step; their rows are written before the next step.
const CHILDREN_PER_STEP: usize = 256;

fn cannot_write(error: impl std::fmt::Display) -> CliError {
    CliError::said(
        ExitCode::CannotWrite,
        format!("kan ikke skrive CSV: {error}"),
        format!("cannot write CSV: {error}"),
    )
}

/// Scores every child and writes the CSV rows to `out`, a step of children at a time.
fn write_scores<W: Write>(
    session: &Session,
    batch: &ScoringContext<'_>,
    out: W,
) -> Result<W, csv::Error> {
    let dataset = &session.loaded.dataset;
    let progress = Progress::new("scoring children", dataset.children().len());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(render::score_csv_header())?;
    for children in dataset.children().chunks(CHILDREN_PER_STEP) {
        let pairs = score_all(
            batch,
            children,
            dataset.sites(),
            &session.weights,
            &session.policy,
            &|done| progress.advance(done),
        );
        for pair in &pairs {
            writer.write_record(render::score_csv_row(
                children[pair.child].id.as_str(),
                dataset.sites()[pair.site].id.as_str(),
                &pair.score,
            ))?;
        }
    }
    progress.finish();
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// Whether an error is only the reader of stdout having gone away (`| head`).
fn reader_left(error: &csv::Error) -> bool {
    matches!(error.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}

pub(super) fn run(audit: &AuditArgs, scoring: &ScoringArgs) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let dataset = &session.loaded.dataset;
    let batch = ScoringContext::new(dataset, &session.loaded.geo, session.as_of);

    if auditor.log().is_none() {
        let written = write_scores(&session, &batch, BufWriter::new(std::io::stdout().lock()))
            .and_then(|mut stdout| stdout.flush().map_err(csv::Error::from));
        return match written {
            Err(error) if !reader_left(&error) => Err(cannot_write(error)),
            _ => Ok(()),
        };
    }

    let spool = tempfile::tempfile().map_err(cannot_write)?;
    let spooled = write_scores(&session, &batch, HashingWriter::new(BufWriter::new(spool)))
        .map_err(cannot_write)?;
    let (spool, result_hash) = spooled.finish();
    let mut spool = spool.into_inner().map_err(cannot_write)?;
    let mut inputs = data_files(&scoring.data);
    inputs.extend(scoring.weights.clone());
    auditor.record(Access {
        command: "score",
        role: crate::app::Role::Planner,
        options: vec![("as_of", session.as_of.to_string())],
        inputs,
        weights: Some(&session.weights),
        children: dataset
            .children()
            .iter()
            .map(|child| child.id.to_string())
            .collect(),
        result_hash,
        decision: None,
    })?;
    spool.rewind().map_err(cannot_write)?;
    output::copy_to_stdout(&mut spool)
}
