//! `placematch score`: every eligible pair as CSV (PRODUCT.md section 7), child order then
//! site order, scores with 6 decimals.

use crate::cli::args::ScoringArgs;
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output::{self, Progress};
use crate::elements::Batch;
use crate::render;
use crate::score::score_all;

use super::session::Session;

pub(super) fn run(scoring: &ScoringArgs) -> Result<(), CliError> {
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
    output::print_stdout_bytes(&bytes)
}
