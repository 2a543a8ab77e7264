//! `placematch score`: every eligible pair as CSV (PRODUCT.md section 7), child order then
//! site order, scores with 6 decimals.

use crate::cli::args::{AuditArgs, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output::{self, Progress};
use crate::elements::Batch;
use crate::render;
use crate::score::score_all;

use super::audit::{Access, Auditor, data_files};
use super::session::Session;

pub(super) fn run(audit: &AuditArgs, scoring: &ScoringArgs) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let dataset = &session.loaded.dataset;
    let batch = Batch::new(dataset, &session.loaded.geo, session.as_of);
    let progress = Progress::new("scoring children", dataset.children().len());
    let pairs = score_all(
        &batch,
        dataset.children(),
        dataset.sites(),
        &session.weights,
        &|done| progress.advance(done),
    );
    progress.finish();

    let mut writer = csv::Writer::from_writer(Vec::with_capacity(pairs.len() * 96));
    let write_error =
        |error: csv::Error| CliError::new(ExitCode::Internal, format!("cannot write CSV: {error}"));
    writer
        .write_record(render::score_csv_header())
        .map_err(write_error)?;
    for pair in &pairs {
        let child = &dataset.children()[pair.child];
        let site = &dataset.sites()[pair.site];
        writer
            .write_record(render::score_csv_row(
                child.id.as_str(),
                site.id.as_str(),
                &pair.score,
            ))
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| CliError::new(ExitCode::Internal, format!("cannot write CSV: {error}")))?;
    let mut inputs = data_files(&scoring.data);
    inputs.extend(scoring.weights.clone());
    auditor.record(Access {
        command: "score",
        role: "planner",
        options: vec![("as_of", session.as_of.to_string())],
        inputs,
        weights: Some(&session.weights),
        children: dataset
            .children()
            .iter()
            .map(|child| child.id.to_string())
            .collect(),
        result: &bytes,
        decision: None,
    })?;
    output::print_stdout_bytes(&bytes)
}
