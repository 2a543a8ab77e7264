//! `placematch inquire`, `respond` and `case`: the sites asked to take a child and their
//! answers, in the case store. Every write is recorded in the audit trail when one is
//! configured; conditions (free text) are never printed in an error.

use jiff::civil::Date;

use crate::cases::{
    Answer, BreakdownCause, CaseError, CaseStore, Conversation, FollowupStatus, Heard,
};
use crate::cli::args::{AuditArgs, CaseArgs, DeclineArg, HeardArg, ReportFormat, ScoringArgs};
use crate::cli::error::{CliError, ExitCode};
use crate::cli::output;
use crate::render::{self, Lang};

use super::audit::{Access, Auditor, data_files};
use super::session::{self, Session};

pub(super) fn case_error(error: CaseError) -> CliError {
    let code = match error {
        CaseError::NotAsked { .. }
        | CaseError::NotCases(_)
        | CaseError::Newer { .. }
        | CaseError::AnswerBeforeQuestion { .. }
        | CaseError::NoPlacement
        | CaseError::FollowupBeforeDecision { .. } => ExitCode::InvalidData,
        CaseError::Missing(_) => ExitCode::NoInput,
        CaseError::NotAFile(_) => ExitCode::Usage,
        CaseError::Database { .. } | CaseError::File { .. } => ExitCode::CannotWrite,
    };
    CliError::worded(code, |lang| render::case_error_text(&error, lang))
}

/// Today in Danish time (a clock read, here at the edge).
pub(super) fn today() -> Date {
    jiff::Zoned::now()
        .with_time_zone(
            jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap_or(jiff::tz::TimeZone::UTC),
        )
        .date()
}

/// The day given, or today in Danish time.
pub(super) fn day(on: Option<&str>, option: &str) -> Result<Date, CliError> {
    match on {
        Some(text) => text.parse::<Date>().map_err(|_| {
            CliError::said(
                ExitCode::Usage,
                format!("{option} skal være en dato som 2026-12-01"),
                format!("{option} must be a date like 2026-12-01"),
            )
        }),
        None => Ok(today()),
    }
}

/// A day a recorded event happened on: not after today (Danish time).
fn not_after_today(date: Date, option: &str) -> Result<(), CliError> {
    if date > today() {
        return Err(CliError::said(
            ExitCode::Usage,
            format!("{option} må ikke være efter i dag"),
            format!("{option} must not be after today"),
        ));
    }
    Ok(())
}

/// The case store a write goes to: `--cases FILE` or `PLACEMATCH_CASES`.
fn case_file(scoring: &ScoringArgs) -> Result<&std::path::Path, CliError> {
    scoring.cases.as_deref().ok_or_else(|| {
        CliError::said(
            ExitCode::Usage,
            "--cases FIL (eller PLACEMATCH_CASES) skal angives: det sagsregister, der skrives i",
            "--cases FILE (or PLACEMATCH_CASES) is required: the case store to write to",
        )
    })
}

/// The declined (child, site) pairs of the case store named by `--cases`, if any.
pub(super) fn declined_pairs(scoring: &ScoringArgs) -> Result<Vec<(String, String)>, CliError> {
    match &scoring.cases {
        None => Ok(Vec::new()),
        Some(file) => CaseStore::open_existing(file)
            .and_then(|store| store.declined())
            .map_err(case_error),
    }
}

/// Every site asked about `child` in the case store named by `--cases`, if one is named.
pub(super) fn inquiries_of(
    scoring: &ScoringArgs,
    child: &str,
) -> Result<Option<Vec<crate::cases::Inquiry>>, CliError> {
    match &scoring.cases {
        None => Ok(None),
        Some(file) => CaseStore::open_existing(file)
            .and_then(|store| store.inquiries_for(child))
            .map(Some)
            .map_err(case_error),
    }
}

/// Who records: `--by` is required for every write.
fn recorder(audit: &AuditArgs) -> Result<&str, CliError> {
    match audit.by.as_deref().map(str::trim) {
        Some(by) if !by.is_empty() && !crate::io::contains_cpr_like(by) => Ok(by),
        Some(_) => Err(CliError::said(
            ExitCode::Usage,
            "--by skal angive brugeren (vises ikke); en værdi, der ligner et CPR-nummer, afvises",
            "--by must name the user (not shown); a CPR-like value is refused",
        )),
        None => Err(CliError::said(
            ExitCode::Usage,
            "--by BRUGER skal angives: sagsregistret registrerer, hvem der har spurgt og svaret",
            "--by USER is required: the case store records who asked and who answered",
        )),
    }
}

/// Checks that the child and the sites are in the data (without repeating what was typed).
fn check_ids(session: &Session, child: &str, sites: &[String], data: &str) -> Result<(), CliError> {
    let dataset = &session.loaded.dataset;
    if dataset.child(&crate::model::ChildId::new(child)).is_none() {
        return Err(session::unknown_child(&session.loaded, child, data));
    }
    for (idx, site) in sites.iter().enumerate() {
        if dataset
            .site(&crate::model::SiteId::new(site.as_str()))
            .is_none()
        {
            return Err(CliError::said(
                ExitCode::InvalidData,
                format!(
                    "intet sted med det angivne --site-ID i {data} (sted {} af {}); ID'et vises ikke",
                    idx + 1,
                    sites.len()
                ),
                format!(
                    "no site with the given --site ID in {data} (site {} of {}); the ID is not shown",
                    idx + 1,
                    sites.len()
                ),
            ));
        }
    }
    Ok(())
}

fn record_write(
    auditor: &mut Auditor,
    command: &'static str,
    child: &str,
    options: Vec<(&'static str, String)>,
    scoring: &ScoringArgs,
    text: &str,
) -> Result<(), CliError> {
    auditor.record(Access {
        command,
        role: crate::app::Role::Coordinator,
        options,
        inputs: data_files(&scoring.data),
        weights: None,
        children: vec![child.to_string()],
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    Ok(())
}

impl From<CaseError> for CliError {
    fn from(error: CaseError) -> Self {
        case_error(error)
    }
}

/// What `placematch views` records (see [`views`]).
pub(super) struct ViewsArgs<'a> {
    pub(super) child_wishes: Option<&'a str>,
    pub(super) parents_wishes: Option<&'a str>,
    pub(super) resources: Option<&'a str>,
    pub(super) parents_consent: Option<crate::cases::Consent>,
    pub(super) child_consent: Option<crate::cases::Consent>,
    pub(super) on: Option<&'a str>,
}

/// A free text given to `option`, checked; the text is never repeated in an error.
fn checked_text(option: &str, text: Option<&str>) -> Result<Option<String>, CliError> {
    match text {
        None => Ok(None),
        Some(text) => crate::cases::free_text(text).map_err(|error| {
            CliError::worded(ExitCode::Usage, |lang| {
                render::free_text_error(option, error, lang)
            })
        }),
    }
}

/// `placematch views`: the child's and the parents' views and the consents.
pub(super) fn views(
    child: &str,
    args: &ViewsArgs<'_>,
    lang: Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let by = recorder(audit)?;
    let on = day(args.on, "--on")?;
    not_after_today(on, "--on")?;
    let cases = case_file(scoring)?;
    let update = crate::cases::ViewsUpdate {
        child_wishes: checked_text("--child-wishes", args.child_wishes)?,
        parents_wishes: checked_text("--parents-wishes", args.parents_wishes)?,
        resources: checked_text("--resources", args.resources)?,
        parents_consent: args.parents_consent,
        child_consent: args.child_consent,
    };
    if update.is_empty() {
        return Err(CliError::said(
            ExitCode::Usage,
            "angiv mindst én af --child-wishes, --parents-wishes, --resources, --parents-consent og --child-consent (en tom tekst tæller ikke)",
            "give at least one of --child-wishes, --parents-wishes, --resources, --parents-consent and --child-consent (an empty text does not count)",
        ));
    }
    let fields = update.fields();
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    check_ids(&session, child, &[], &scoring.data.display().to_string())?;
    let text = format!(
        "{}\n",
        render::views_recorded_text(child, &fields, on, lang)
    );
    let mut store = CaseStore::open(cases).map_err(case_error)?;
    // A consent is recorded only where the law asks for it, at the child's age.
    if let Some(record) = session
        .loaded
        .dataset
        .child(&crate::model::ChildId::new(child))
    {
        let placed_before = store.placement_of(child).map_err(case_error)?.is_some();
        crate::cases::check_consents(&update, record.age, placed_before).map_err(|misfit| {
            let option = format!("--{}", misfit.field().replace('_', "-"));
            CliError::worded(ExitCode::Usage, |lang| {
                render::consent_misfit_text(&option, misfit, lang)
            })
        })?;
    }
    store.record_views(child, &update, on, by, || {
        // The audit record names the fields recorded, never their text.
        record_write(
            &mut auditor,
            "views",
            child,
            vec![("fields", fields.join(" ")), ("on", on.to_string())],
            scoring,
            &text,
        )
    })?;
    output::print_stdout(&text)
}

pub(super) fn inquire(
    child: &str,
    sites: &[String],
    on: Option<&str>,
    lang: Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let by = recorder(audit)?;
    let on = day(on, "--on")?;
    let cases = case_file(scoring)?;
    // The audit trail is opened (and its options checked) before anything is written; the
    // record is written inside the store's transaction, so a refused record keeps nothing.
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    let mut sites: Vec<String> = sites.to_vec();
    sites.sort();
    sites.dedup();
    check_ids(&session, child, &sites, &scoring.data.display().to_string())?;
    let mut store = CaseStore::open(cases).map_err(case_error)?;
    let (n, child_shown) = (sites.len(), render::printable(child));
    let mut text = String::new();
    store.inquire(child, &sites, on, by, |new| {
        let sites_text = match lang {
            Lang::Da if n == 1 => "1 sted".to_string(),
            Lang::Da => format!("{n} steder"),
            Lang::En => render::plural(n, "site", "sites"),
        };
        let news = match (lang, new) {
            (Lang::Da, 0) => "alle var spurgt før".to_string(),
            (Lang::En, 0) => "all were asked before".to_string(),
            (Lang::Da, new) if new == n => {
                format!("{new} {}", if new == 1 { "nyt" } else { "nye" })
            }
            (Lang::En, new) if new == n => format!("{new} new"),
            (Lang::Da, new) => format!(
                "{new} {}; de øvrige var spurgt før",
                if new == 1 { "nyt" } else { "nye" }
            ),
            (Lang::En, new) => format!("{new} new; the others were asked before"),
        };
        text = match lang {
            Lang::Da => {
                format!("Registreret: {sites_text} spurgt om {child_shown} den {on} ({news}).\n")
            }
            Lang::En => {
                format!("Recorded: {sites_text} asked about {child_shown} on {on} ({news}).\n")
            }
        };
        record_write(
            &mut auditor,
            "inquire",
            child,
            vec![("sites", n.to_string()), ("on", on.to_string())],
            scoring,
            &text,
        )
    })?;
    output::print_stdout(&text)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn respond(
    child: &str,
    site: &str,
    decline: Option<DeclineArg>,
    (conditions, closes): (Option<&str>, &[String]),
    on: Option<&str>,
    lang: Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let by = recorder(audit)?;
    let on = day(on, "--on")?;
    let cases = case_file(scoring)?;
    let conditions = checked_text("--conditions", conditions)?;
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    check_ids(
        &session,
        child,
        &[site.to_string()],
        &scoring.data.display().to_string(),
    )?;
    let closes = if closes.is_empty() {
        Vec::new()
    } else {
        let uncovered = crate::app::uncovered_needs(
            &session.loaded,
            &session.weights,
            (session.policy, session.as_of),
            child,
            site,
        )
        .map_err(session::app_error)?;
        crate::cases::closing_needs(closes, &uncovered).map_err(|code| {
            CliError::worded(ExitCode::Usage, |lang| {
                render::not_a_gap_text("--closes", &code, lang)
            })
        })?
    };
    let answer = match decline {
        Some(reason) => Answer::Declined {
            reason: reason.into(),
        },
        None => Answer::Accepted { conditions, closes },
    };
    let text = format!("{}\n", render::respond_text(child, site, on, &answer, lang));
    let mut options = vec![(
        "answer",
        match &answer {
            Answer::Declined { .. } => "declined".to_string(),
            _ => "accepted".to_string(),
        },
    )];
    if let Answer::Declined { reason } = &answer {
        options.push(("reason", reason.as_str().to_string()));
    }
    options.push(("on", on.to_string()));
    let mut store = CaseStore::open(cases).map_err(case_error)?;
    store.respond(child, site, (&answer, on, by), || {
        record_write(&mut auditor, "respond", child, options, scoring, &text)
    })?;
    output::print_stdout(&text)
}

pub(super) fn case(
    child: &str,
    (data, weights): (&std::path::Path, Option<&std::path::Path>),
    format: ReportFormat,
    lang: Lang,
    cases: &CaseArgs,
    audit: &AuditArgs,
) -> Result<(), CliError> {
    // The typed ID is shown back only when it is a valid pseudonym (never a CPR number or
    // free text).
    if crate::io::identifier(child).is_err() {
        return Err(CliError::said(
            ExitCode::Usage,
            "--child skal være et barns pseudonym (værdien vises ikke)",
            "--child must be a child's pseudonym (the value is not shown)",
        ));
    }
    let mut auditor = Auditor::open(audit)?;
    let store = CaseStore::open_existing(&cases.file).map_err(case_error)?;
    // The child's age decides which consents the law asks for; a child no longer in the data
    // (placed long ago) is shown with what is recorded.
    let session = Session::open(&ScoringArgs {
        data: data.to_path_buf(),
        weights: weights.map(std::path::Path::to_path_buf),
        as_of: None,
        allow_outside: false,
        cases: None,
    })?;
    let age = session
        .loaded
        .dataset
        .child(&crate::model::ChildId::new(child))
        .map(|child| child.age);
    let case = store
        .child_case(child, &session.policy.followups)
        .map_err(case_error)?;
    let view = render::process_json(child, &case, age, false, lang);
    let text = match format {
        ReportFormat::Table => render::process_table(&view, lang),
        ReportFormat::Json => output::json_text(&view)?,
    };
    auditor.record(Access {
        command: "case",
        role: crate::app::Role::Coordinator,
        options: vec![("format", format!("{format:?}").to_lowercase())],
        inputs: data_files(data),
        weights: None,
        children: vec![child.to_string()],
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

pub(super) fn conversation(
    child: &str,
    held_on: &str,
    how: HeardArg,
    lang: Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let by = recorder(audit)?;
    let held_on = day(Some(held_on), "--held-on")?;
    not_after_today(held_on, "--held-on")?;
    let cases = case_file(scoring)?;
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    check_ids(&session, child, &[], &scoring.data.display().to_string())?;
    let how = match how {
        HeardArg::Conversation => Heard::Conversation,
        HeardArg::OtherWays => Heard::OtherWays,
    };
    let text = format!(
        "{}\n",
        render::conversation_text(Some(&Conversation { held_on, how }), lang)
    );
    let mut store = CaseStore::open(cases).map_err(case_error)?;
    store.record_conversation(child, Conversation { held_on, how }, by, || {
        record_write(
            &mut auditor,
            "conversation",
            child,
            vec![
                ("how", how.as_str().to_string()),
                ("held_on", held_on.to_string()),
            ],
            scoring,
            &text,
        )
    })?;
    output::print_stdout(&text)
}

/// What the case store named by `--cases` holds about the child: `None` without one.
pub(super) fn case_of(
    scoring: &ScoringArgs,
    child: &str,
    plan: &crate::cases::FollowupPlan,
) -> Result<Option<crate::cases::ChildCase>, CliError> {
    match &scoring.cases {
        None => Ok(None),
        Some(file) => CaseStore::open_existing(file)
            .and_then(|store| store.child_case(child, plan))
            .map(Some)
            .map_err(case_error),
    }
}

/// `placematch followup`: how the child's latest placement stands on a day.
pub(super) fn followup(
    child: &str,
    at: Option<&str>,
    status: FollowupStatus,
    cause: Option<BreakdownCause>,
    lang: Lang,
    audit: &AuditArgs,
    scoring: &ScoringArgs,
) -> Result<(), CliError> {
    let by = recorder(audit)?;
    let at = day(at, "--at")?;
    not_after_today(at, "--at")?;
    let cases = case_file(scoring)?;
    if cause.is_some() && status != FollowupStatus::Breakdown {
        return Err(CliError::said(
            ExitCode::Usage,
            "--cause bruges kun med --status breakdown",
            "--cause is for --status breakdown only",
        ));
    }
    let mut auditor = Auditor::open(audit)?;
    let session = Session::open(scoring)?;
    check_ids(&session, child, &[], &scoring.data.display().to_string())?;
    let mut store = CaseStore::open_existing(cases).map_err(case_error)?;
    let mut text = String::new();
    let followup = crate::cases::Followup { at, status, cause };
    store.record_followup(child, followup, by, |placement| {
        text = render::followup_text(child, placement, &followup, lang);
        record_write(
            &mut auditor,
            "followup",
            child,
            vec![
                ("status", status.as_str().to_string()),
                ("at", at.to_string()),
            ],
            scoring,
            &text,
        )
    })?;
    output::print_stdout(&text)
}

/// `placematch due`: the follow-ups due by a day, every child with a recorded placement.
pub(super) fn due(
    on: Option<&str>,
    (within, weights): (u32, Option<&std::path::Path>),
    lang: Lang,
    format: ReportFormat,
    audit: &AuditArgs,
    cases: &CaseArgs,
) -> Result<(), CliError> {
    let on = day(on, "--on")?;
    let mut auditor = Auditor::open(audit)?;
    let store = CaseStore::open_existing(&cases.file).map_err(case_error)?;
    let until = on
        .checked_add(jiff::Span::new().days(i64::from(within)))
        .map_err(|_| {
            CliError::said(
                ExitCode::Usage,
                "--within rækker ud over kalenderen",
                "--within reaches past the calendar",
            )
        })?;
    let plan = match weights {
        None => crate::cases::FollowupPlan::DEFAULT,
        Some(path) => {
            crate::io::read_weights_and_policy(path)
                .map_err(super::session::weights_error)?
                .1
                .followups
        }
    };
    let due = store.due(until, &plan).map_err(case_error)?;
    let view = render::due_json(&due, on, until, lang);
    let text = match format {
        ReportFormat::Table => render::due_table(&view, lang),
        ReportFormat::Json => output::json_text(&view)?,
    };
    let mut children: Vec<String> = due.iter().map(|due| due.child.clone()).collect();
    children.sort();
    children.dedup();
    auditor.record(Access {
        command: "due",
        role: crate::app::Role::Coordinator,
        options: vec![("on", on.to_string()), ("within", within.to_string())],
        inputs: Vec::new(),
        weights: None,
        children,
        result_hash: crate::audit::sha256_hex(text.as_bytes()),
        decision: None,
    })?;
    output::print_stdout(&text)
}

/// With `--cases`, `decide` records the placement, and the audit record (`then`) is written
/// inside the store's transaction; without it, `then` alone.
pub(super) fn record_placement<T>(
    scoring: &ScoringArgs,
    placement: &crate::cases::Placement,
    facts: &crate::cases::MatchFacts,
    by: &str,
    then: impl FnOnce() -> Result<T, CliError>,
) -> Result<T, CliError> {
    match &scoring.cases {
        None => then(),
        Some(file) => {
            let mut store = CaseStore::open(file).map_err(case_error)?;
            let mut result = None;
            store.record_placement(placement, Some(facts), by, || {
                result = Some(then()?);
                Ok::<(), CliError>(())
            })?;
            result.ok_or_else(|| {
                CliError::said(
                    ExitCode::Internal,
                    "intern fejl: ingen registrering",
                    "internal error: no record",
                )
            })
        }
    }
}
