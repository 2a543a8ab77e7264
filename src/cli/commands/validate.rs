//! `placematch validate`: every problem in the data files, with file, line and column.

use std::path::Path;

use crate::cli::args::ReportFormat;
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::io::{self, LoadError};
use crate::render::{self, Lang};

pub(super) fn run(
    data: &Path,
    format: ReportFormat,
    max_problems: usize,
    lang: Lang,
) -> Result<(), CliError> {
    let report = match io::load_dir(data) {
        Ok(loaded) => loaded.report,
        Err(LoadError::Invalid(report)) => report,
        Err(error @ LoadError::Unreadable(_)) => {
            return Err(CliError::new(
                ExitCode::NoInput,
                render::load_error_text(&error, lang),
            ));
        }
    };
    let text = match format {
        ReportFormat::Table => render::validation_table(
            &report,
            &data.display().to_string(),
            max_problems,
            output::use_color(),
            lang,
        ),
        ReportFormat::Json => render::validation_json(&report, lang),
    };
    output::print_stdout(&text)?;
    if report.has_errors() {
        return Err(CliError::new(
            ExitCode::InvalidData,
            match lang {
                Lang::En => format!(
                    "{} is invalid: {}",
                    data.display(),
                    render::plural(report.error_count(), "error", "errors")
                ),
                Lang::Da => format!(
                    "{} indeholder ugyldige data: {} fejl",
                    data.display(),
                    render::count(report.error_count(), lang)
                ),
            },
        ));
    }
    Ok(())
}
