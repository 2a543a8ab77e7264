//! `placematch generate`: a realistic synthetic dataset, written atomically and validated
//! before it is moved into place.

use std::path::Path;

use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::generate::{GenerateParams, generate};
use crate::io::{self, CHILDREN_FILE, LINKS_FILE, LoadError, MUNICIPALITIES_FILE, SITES_FILE};

/// Largest dataset `generate` writes: what `load` accepts per file, far above Danish scale
/// (about 14,000 placed children).
const MAX_ROWS: usize = io::MAX_ROWS;

/// The case store `generate --history` writes beside the data files.
pub(crate) const CASES_FILE: &str = "cases.sqlite";

/// Past placements per child of the batch in a generated history, and the fewest.
const HISTORY_PER_CHILD: usize = 3;
const HISTORY_MIN: usize = 300;

pub(super) fn run(
    children: usize,
    sites: usize,
    seed: u64,
    out: &Path,
    (as_of, force, with_history): (&str, bool, bool),
) -> Result<(), CliError> {
    let as_of = as_of.parse().map_err(|_| {
        CliError::said(
            ExitCode::Usage,
            "--as-of skal være en dato skrevet ÅÅÅÅ-MM-DD",
            "--as-of must be a date written YYYY-MM-DD",
        )
    })?;
    if children == 0 || sites == 0 || children > MAX_ROWS || sites > MAX_ROWS {
        return Err(CliError::said(
            ExitCode::Usage,
            format!("--children og --sites skal være mellem 1 og {MAX_ROWS}"),
            format!("--children and --sites must be between 1 and {MAX_ROWS}"),
        ));
    }
    let geography = io::embedded_geography().map_err(|error| {
        CliError::said(
            ExitCode::Internal,
            format!("intern fejl: den indbyggede geografi er ugyldig: {error}"),
            format!("built-in geography is invalid: {error}"),
        )
    })?;
    let params = GenerateParams {
        children,
        sites,
        seed,
        as_of,
    };
    let dataset = generate(
        &params,
        geography.dataset.municipalities(),
        geography.dataset.links(),
        &geography.geo,
    );
    let past = with_history.then(|| {
        crate::generate::history(
            seed,
            (children * HISTORY_PER_CHILD).max(HISTORY_MIN),
            dataset.sites(),
            (dataset.municipalities(), dataset.links()),
            &geography.geo,
            as_of,
        )
    });
    let mut names = vec![CHILDREN_FILE, SITES_FILE, MUNICIPALITIES_FILE, LINKS_FILE];
    if past.is_some() {
        names.push(CASES_FILE);
    }
    output::write_dir_atomically(
        out,
        &names,
        force,
        |dir| {
            // The real geography is copied byte for byte, not re-serialised.
            std::fs::write(dir.join(CHILDREN_FILE), io::children_csv(&dataset))?;
            std::fs::write(dir.join(SITES_FILE), io::sites_csv(&dataset))?;
            std::fs::write(dir.join(MUNICIPALITIES_FILE), io::EMBEDDED_MUNICIPALITIES)?;
            std::fs::write(dir.join(LINKS_FILE), io::EMBEDDED_LINKS)?;
            if let Some(past) = &past {
                let mut store = crate::cases::CaseStore::open(&dir.join(CASES_FILE))
                    .map_err(std::io::Error::other)?;
                store
                    .import_past(past, "generate")
                    .map_err(std::io::Error::other)?;
            }
            Ok(())
        },
        |dir| match io::load_dir(dir) {
            Ok(_) => Ok(()),
            Err(LoadError::Invalid(report)) => Err(CliError::said(
                ExitCode::Internal,
                format!("intern fejl: de dannede data bestod ikke kontrollen: {report}"),
                format!("generated data failed validation (a bug): {report}"),
            )),
            Err(error) => Err(CliError::worded(ExitCode::Internal, |lang| {
                crate::render::load_error_text(&error, lang)
            })),
        },
    )?;
    if let Some(past) = &past {
        let broke = past
            .iter()
            .filter(|placement| placement.breakdown.is_some())
            .count();
        crate::cli::error::note(
            format!(
                "skrev en historik med {} og {} sammenbrud til {}",
                crate::render::plural(
                    past.len(),
                    "tidligere anbringelse",
                    "tidligere anbringelser"
                ),
                broke,
                out.join(CASES_FILE).display()
            ),
            format!(
                "wrote a history of {} with {} breakdowns to {}",
                crate::render::plural(past.len(), "past placement", "past placements"),
                broke,
                out.join(CASES_FILE).display()
            ),
        );
    }
    crate::cli::error::note(
        format!(
            "skrev {} og {} til {}",
            crate::render::plural(dataset.children().len(), "barn", "børn"),
            crate::render::plural(dataset.sites().len(), "sted", "steder"),
            out.display()
        ),
        format!(
            "wrote {} and {} to {}",
            crate::render::plural(dataset.children().len(), "child", "children"),
            crate::render::plural(dataset.sites().len(), "site", "sites"),
            out.display()
        ),
    );
    Ok(())
}
