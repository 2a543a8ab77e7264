//! Auditing at the command-line edge: every command that reads personal data records who,
//! why, what and a hash of the result before the result is printed; if the record cannot be
//! written the command fails (exit 73) and prints nothing. Also `audit verify` and
//! `audit extract`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::audit::{AuditLog, Decision, NewRecord, Record, sha256_hex};
use crate::cli::args::{AuditArgs, ReportFormat, TableFormat};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::render::{self, Lang};
use crate::score::Weights;

/// The data files a command reads from a data directory.
pub(super) fn data_files(dir: &Path) -> Vec<PathBuf> {
    [
        "children.csv",
        "sites.csv",
        "municipalities.csv",
        "links.csv",
    ]
    .iter()
    .map(|name| dir.join(name))
    .collect()
}

/// SHA-256 of each file, by path; a file that cannot be read is marked so.
pub(super) fn hash_files(paths: &[PathBuf]) -> BTreeMap<String, String> {
    paths
        .iter()
        .map(|path| {
            let hash = std::fs::read(path)
                .map(|bytes| sha256_hex(&bytes))
                .unwrap_or_else(|_| "unreadable".into());
            (path.display().to_string(), hash)
        })
        .collect()
}

/// One access to record.
pub(super) struct Access<'a> {
    /// Command name.
    pub(super) command: &'static str,
    /// The role the command stands for.
    pub(super) role: crate::app::Role,
    /// Options that shaped the result.
    pub(super) options: Vec<(&'static str, String)>,
    /// Input files, hashed when recorded.
    pub(super) inputs: Vec<PathBuf>,
    /// Weights used.
    pub(super) weights: Option<&'a Weights>,
    /// Child IDs whose data was read.
    pub(super) children: Vec<String>,
    /// SHA-256 (hex) of the result as given to the user ([`crate::audit::sha256_hex`]).
    pub(super) result_hash: String,
    /// A decision, for `decide`.
    pub(super) decision: Option<Decision>,
}

/// The audit database of a command, if one is configured, with the user and purpose.
pub(super) struct Auditor {
    log: Option<AuditLog>,
    by: String,
    purpose: String,
}

fn required<'a>(value: Option<&'a str>, flag: &str) -> Result<&'a str, CliError> {
    value
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| {
            CliError::said(
                ExitCode::Usage,
                format!("{flag} skal angives, når der bruges en adgangslog (audit-database)"),
                format!("{flag} is required when an audit database is configured"),
            )
        })
}

fn cannot_audit(error: crate::audit::AuditError) -> CliError {
    match error {
        // A field given on the command line: the person can fix it.
        crate::audit::AuditError::Cpr(_) | crate::audit::AuditError::TooLong(_) => {
            CliError::worded(ExitCode::Usage, |lang| {
                render::audit_error_text(&error, lang)
            })
        }
        crate::audit::AuditError::NotAFile(_) => CliError::worded(ExitCode::Usage, |lang| {
            render::audit_error_text(&error, lang)
        }),
        _ => CliError::worded(ExitCode::CannotWrite, |lang| match lang {
            Lang::Da => format!(
                "adgangen kan ikke registreres i adgangsloggen, så der gives intet resultat: {}",
                render::audit_error_text(&error, lang)
            ),
            Lang::En => format!("cannot write the audit record, so no result is given: {error}"),
        }),
    }
}

impl Auditor {
    /// Opens the audit database when `--audit` or `PLACEMATCH_AUDIT` names one; `--purpose`
    /// and `--by` are then required. Opened before any work, so a bad database fails fast.
    pub(super) fn open(args: &AuditArgs) -> Result<Auditor, CliError> {
        let Some(path) = &args.audit else {
            return Ok(Auditor {
                log: None,
                by: String::new(),
                purpose: String::new(),
            });
        };
        let purpose = required(args.purpose.as_deref(), "--purpose")?.to_string();
        let by = required(args.by.as_deref(), "--by")?.to_string();
        // Refused before any work, never shown.
        for (field, text) in [("--purpose", &purpose), ("--by", &by)] {
            if crate::io::contains_cpr_like(text) {
                return Err(CliError::said(
                    ExitCode::Usage,
                    format!(
                        "{field} ser ud til at indeholde et CPR-nummer og registreres ikke (vises ikke); brug et pseudonym eller omformulér"
                    ),
                    format!(
                        "{field} looks like it contains a CPR number and is not recorded (not shown); use a pseudonym or rephrase"
                    ),
                ));
            }
        }
        let log = AuditLog::open(path).map_err(cannot_audit)?;
        Ok(Auditor {
            log: Some(log),
            by,
            purpose,
        })
    }

    /// Like [`Auditor::open`], for commands that only make sense with an audit database.
    pub(super) fn open_required(
        args: &AuditArgs,
        (command, why_da, why_en): (&str, &str, &str),
    ) -> Result<Auditor, CliError> {
        if args.audit.is_none() {
            return Err(CliError::said(
                ExitCode::Usage,
                format!(
                    "{command}{why_da} kræver en adgangslog: angiv --audit FIL eller sæt PLACEMATCH_AUDIT"
                ),
                format!(
                    "{command}{why_en} needs an audit database: give --audit FILE or set PLACEMATCH_AUDIT"
                ),
            ));
        }
        Auditor::open(args)
    }

    /// The open database, if any.
    pub(super) fn log(&self) -> Option<&AuditLog> {
        self.log.as_ref()
    }

    /// Records an access; without an audit database nothing happens.
    pub(super) fn record(&mut self, access: Access<'_>) -> Result<Option<Record>, CliError> {
        let Some(log) = &mut self.log else {
            return Ok(None);
        };
        let inputs = hash_files(&access.inputs);
        let record = NewRecord {
            // The one wall-clock read of the audit trail, here at the edge.
            time: jiff::Timestamp::now().to_string(),
            user: self.by.clone(),
            role: access.role.as_str().into(),
            purpose: self.purpose.clone(),
            command: access.command.into(),
            options: access
                .options
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect(),
            inputs,
            weights: access
                .weights
                .map(|weights| weights.to_vec())
                .unwrap_or_default(),
            children: access.children,
            result_hash: access.result_hash,
            decision: access.decision,
        };
        log.append(record).map(Some).map_err(cannot_audit)
    }
}

/// `audit verify`: exit 0 when the chain is intact, 65 at the first break.
pub(super) fn verify(
    path: &Path,
    format: ReportFormat,
    expect_head: Option<&str>,
    write_head: Option<&Path>,
) -> Result<(), CliError> {
    if !path.exists() {
        return Err(CliError::said(
            ExitCode::NoInput,
            format!(
                "{}: der findes ingen adgangslog på denne sti",
                path.display()
            ),
            format!("{}: no such audit database", path.display()),
        ));
    }
    if let Some(expected) = expect_head {
        if expected.len() != 64 || !expected.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CliError::said(
                ExitCode::Usage,
                "--expect-head: angiv de 64 hexadecimale cifre, som `audit verify --write-head` skrev som sidste hashværdi",
                "--expect-head: give the 64 hexadecimal digits that verify printed as head",
            ));
        }
    }
    // Read-only: verifying never writes, so a wiped file stays wiped and is reported.
    let log = AuditLog::open_read_only(path).map_err(|error| {
        CliError::worded(ExitCode::InvalidData, |lang| {
            render::audit_error_text(&error, lang)
        })
    })?;
    let mut verification = log.verify().map_err(|error| {
        CliError::worded(ExitCode::NoInput, |lang| {
            render::audit_error_text(&error, lang)
        })
    })?;
    // The head kept elsewhere must be a record of the intact chain; records added since
    // then extend it. Not found: records were removed from the end, or the trail replaced.
    if let Some(expected) = expect_head {
        if verification.broken.is_none() {
            let found = log.position_of(expected).map_err(|error| {
                CliError::worded(ExitCode::NoInput, |lang| {
                    render::audit_error_text(&error, lang)
                })
            })?;
            if found.is_none() {
                verification.broken = Some(crate::audit::Break {
                    position: verification.records + 1,
                    seq: verification.records as i64 + 1,
                    problem: crate::audit::BreakKind::HeadMissing,
                });
            }
        }
    }
    let lang = crate::cli::error::lang();
    let view = render::verify_json(
        &path.display().to_string(),
        &verification,
        log.keyed(),
        lang,
    );
    let broken = verification.broken.as_ref();
    let text = match format {
        ReportFormat::Json => output::json_text(&view)?,
        ReportFormat::Table => render::verify_table(&view, lang),
    };
    if let (None, Some(head_file)) = (broken, write_head) {
        crate::audit::write_private(
            head_file,
            format!("{} {}\n", verification.head, verification.records).as_bytes(),
        )
        .map_err(|error| {
            CliError::worded(ExitCode::CannotWrite, |lang| match lang {
                Lang::Da => format!(
                    "{}: kan ikke skrive hovedet: {}",
                    head_file.display(),
                    render::io_error_text(&error, lang)
                ),
                Lang::En => format!("{}: cannot write the head: {error}", head_file.display()),
            })
        })?;
    }
    output::print_stdout(&text)?;
    match broken {
        None => Ok(()),
        Some(broken) => Err(CliError::said(
            ExitCode::InvalidData,
            format!(
                "{}: adgangsloggens kæde er brudt ved post {}",
                path.display(),
                broken.position
            ),
            format!(
                "{}: the audit chain is broken at record {}",
                path.display(),
                broken.position
            ),
        )),
    }
}

/// `audit extract --child ID`: every access to that child's data. The extract is recorded.
pub(super) fn extract(
    child: &str,
    format: TableFormat,
    lang: render::Lang,
    args: &AuditArgs,
) -> Result<(), CliError> {
    let mut auditor = Auditor::open_required(args, ("audit extract", "", ""))?;
    let records = auditor
        .log()
        .map(|log| log.records_for_child(child))
        .transpose()
        .map_err(|error| {
            CliError::worded(ExitCode::NoInput, |lang| {
                render::audit_error_text(&error, lang)
            })
        })?
        .unwrap_or_default();
    let view = crate::app::access_extract(&records, child);
    let text = match format {
        TableFormat::Json => output::json_text(&view)?,
        TableFormat::Csv => output::csv_text(render::access_csv_rows(&view.accesses))?,
        TableFormat::Table => render::access_table(&view, lang),
    };
    let mut options = BTreeMap::new();
    options.insert("format", format!("{format:?}").to_lowercase());
    auditor.record(Access {
        command: "audit extract",
        role: crate::app::Role::Auditor,
        options: options.into_iter().collect(),
        inputs: Vec::new(),
        weights: None,
        children: vec![child.to_string()],
        result_hash: sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}
