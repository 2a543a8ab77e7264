//! What every scoring command needs first: the validated data, the weights and the
//! reference date, each failure mapped to its exit code.

use jiff::civil::Date;

use crate::app::AppError;
use crate::cli::args::ScoringArgs;
use crate::cli::error::{CliError, ExitCode};
use crate::io::{self, LoadError, Loaded};
use crate::score::{Policy, Weights};

/// Loaded inputs of a scoring command.
pub(super) struct Session {
    pub(super) loaded: Loaded,
    pub(super) weights: Weights,
    pub(super) policy: Policy,
    pub(super) as_of: Date,
}

/// The reference date: `--as-of`, or today (the one clock read, here at the edge).
pub(super) fn as_of(arg: Option<&str>) -> Result<Date, CliError> {
    match arg {
        Some(text) => {
            let usage = || {
                CliError::said(
                    ExitCode::Usage,
                    "--as-of skal være en dato skrevet ÅÅÅÅ-MM-DD, i årene 1900 til 2200",
                    "--as-of must be a date written YYYY-MM-DD, in the years 1900 to 2200",
                )
            };
            // Strictly YYYY-MM-DD: jiff also reads other forms (20261123, signed years).
            let shaped = text.len() == 10
                && text.bytes().enumerate().all(|(idx, byte)| {
                    if idx == 4 || idx == 7 {
                        byte == b'-'
                    } else {
                        byte.is_ascii_digit()
                    }
                });
            if !shaped {
                return Err(usage());
            }
            let date: Date = text.parse().map_err(|_| usage())?;
            if !(1900..=2200).contains(&date.year()) {
                return Err(usage());
            }
            Ok(date)
        }
        None => Ok(jiff::Zoned::now().date()),
    }
}

/// A weights file that cannot be read (exit 66) or is invalid (65), in the user's language.
pub(super) fn weights_error(error: io::WeightsFileError) -> CliError {
    let code = if error.unreadable {
        ExitCode::NoInput
    } else {
        ExitCode::InvalidData
    };
    CliError::worded(code, |lang| {
        format!(
            "{}: {}",
            error.file,
            crate::render::rule_text(&error.rule, lang)
        )
    })
}

impl Session {
    pub(super) fn open(args: &ScoringArgs) -> Result<Self, CliError> {
        let as_of = as_of(args.as_of.as_deref())?;
        let (weights, policy) = match &args.weights {
            Some(path) => io::read_weights_and_policy(path).map_err(weights_error)?,
            None => (Weights::DEFAULT, Policy::DEFAULT),
        };
        let loaded = io::load_dir(&args.data).map_err(|error| match error {
            LoadError::Unreadable(_) => CliError::worded(ExitCode::NoInput, |lang| {
                crate::render::load_error_text(&error, lang)
            }),
            LoadError::Invalid(report) => CliError::said(
                ExitCode::InvalidData,
                format!(
                    "{} indeholder ugyldige data ({} fejl); kør `placematch validate --data {}` for at se alle problemer",
                    args.data.display(),
                    report.error_count(),
                    args.data.display()
                ),
                format!(
                    "{} is invalid ({report}); run `placematch validate --data {}` for every problem",
                    args.data.display(),
                    args.data.display()
                ),
            ),
        })?;
        Ok(Session {
            loaded,
            weights,
            policy,
            as_of,
        })
    }
}

/// The exit code and message of a failed operation.
pub(super) fn app_error(error: AppError) -> CliError {
    let code = match &error {
        AppError::UnknownChild
        | AppError::UnknownSite
        | AppError::Excluded(_)
        | AppError::Unsolvable { .. } => ExitCode::InvalidData,
        AppError::Scenario(scenario) if scenario.unreadable => ExitCode::NoInput,
        AppError::Scenario(_) => ExitCode::InvalidData,
        AppError::Internal(_) | AppError::ChosenSiteMissing => ExitCode::Internal,
        AppError::SiteDeclined => ExitCode::InvalidData,
    };
    CliError::said(
        code,
        crate::render::app_error_text(&error, crate::render::Lang::Da),
        crate::render::app_error_text(&error, crate::render::Lang::En),
    )
}

/// The error for a `--child` ID that is not in the data: the typed ID is not repeated (it may
/// be anything, even a CPR number), but up to three close pseudonyms are suggested.
pub(super) fn unknown_child(loaded: &crate::io::Loaded, typed: &str, data: &str) -> CliError {
    let near = crate::app::closest_children(loaded, typed);
    let (hint_da, hint_en) = match near.as_slice() {
        [] => (String::new(), String::new()),
        [one] => (
            format!("; mente du {one}?"),
            format!("; did you mean {one}?"),
        ),
        more => (
            format!("; mente du en af {}?", more.join(", ")),
            format!("; did you mean one of {}?", more.join(", ")),
        ),
    };
    CliError::said(
        ExitCode::InvalidData,
        format!(
            "intet barn med det angivne --child-ID i {data}{hint_da} (`placematch children` viser dem)"
        ),
        format!(
            "no child with the given --child ID in {data}{hint_en} (`placematch children` lists them)"
        ),
    )
}
