//! `placematch shortlist`: ranked, explained sites for one child.

use crate::app::{self, AppError};
use crate::cli::args::{AuditArgs, LangArg, ScoringArgs, ShortlistFormat};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::render::{self, Lang};
use crate::shortlist::ShortlistOptions;

use super::audit::{Access, Auditor, data_files};
use super::session::Session;

pub(super) fn run(
    child: &str,
    top: usize,
    explain_excluded: bool,
    lang: LangArg,
    format: ShortlistFormat,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let options = ShortlistOptions {
        top,
        explain_excluded,
        policy: session.policy,
    };
    let lang = match lang {
        LangArg::Da => Lang::Da,
        LangArg::En => Lang::En,
    };
    let view = app::shortlist_view(
        &session.loaded,
        &session.weights,
        session.as_of,
        child,
        &options,
        lang,
    )
    .map_err(|error| match error {
        // The ID is a pseudonym the user typed; it is not repeated back.
        AppError::UnknownChild => CliError::new(
            ExitCode::InvalidData,
            format!(
                "no child with the given --child ID in {}",
                scoring.data.display()
            ),
        ),
        other => super::session::app_error(other),
    })?;
    let text = match format {
        ShortlistFormat::Table => render::shortlist_table(&view, lang),
        ShortlistFormat::Json => output::json_text(&view)?,
        ShortlistFormat::Html => render::shortlist_html(&view, lang),
        ShortlistFormat::Csv => shortlist_csv(&view)?,
    };
    let mut inputs = data_files(&scoring.data);
    inputs.extend(scoring.weights.clone());
    auditor.record(Access {
        command: "shortlist",
        role: crate::app::Role::Coordinator,
        options: vec![
            ("top", top.to_string()),
            ("explain_excluded", explain_excluded.to_string()),
            ("as_of", session.as_of.to_string()),
            ("format", format!("{format:?}").to_lowercase()),
        ],
        inputs,
        weights: Some(&session.weights),
        children: vec![view.child_id.clone()],
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

fn shortlist_csv(view: &render::ShortlistJson) -> Result<String, CliError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["rank", "site_id", "total"];
    header.extend(
        crate::explain::ElementId::ALL
            .iter()
            .map(|element| element.as_str()),
    );
    header.extend(["confidence", "flags", "gaps"]);
    let write_error =
        |error: csv::Error| CliError::new(ExitCode::Internal, format!("cannot write CSV: {error}"));
    writer.write_record(&header).map_err(write_error)?;
    for site in &view.eligible {
        let mut row = vec![
            site.rank.to_string(),
            render::escape_cell(&site.site_id).into_owned(),
            format!("{:.6}", site.total),
        ];
        row.extend(
            site.elements
                .iter()
                .map(|(_, element)| format!("{:.6}", element.score)),
        );
        row.push(format!("{:.6}", site.confidence));
        row.push(site.flags.join("|"));
        row.push(site.gaps.join("|"));
        writer.write_record(&row).map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| CliError::new(ExitCode::Internal, format!("cannot write CSV: {error}")))?;
    String::from_utf8(bytes).map_err(|error| CliError::new(ExitCode::Internal, error.to_string()))
}
