//! The case store: what happens after the data files, one SQLite database (files 0600): the
//! inquiries to sites (which sites were asked to take a child, and their answers: accepted,
//! possibly with conditions; declined, with a reason code), the child conversations, the
//! placements decided (`decide --cases`) and their follow-ups, from which the follow-ups due
//! are computed, and the child's and parents' views with the consents (`views`).
//!
//! Migrations live in the code: `PRAGMA user_version` is the schema number, every older
//! schema is brought forward when the file is opened, and a file from a newer placematch is
//! refused. Nothing personal is printed in an error: children and sites are named by their
//! pseudonymous IDs only, and free text (conditions) is never repeated.
//!
//! An edge module: it reads no clock (callers pass the date).

use std::path::Path;

use std::collections::BTreeMap;

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};

pub use crate::outcomes::{MatchFacts, MatchHistory};
pub use crate::score::{FollowupPlan, Milestone};

mod views;

pub use views::{
    CHANGE_CONSENT_AGE, Consent, ConsentKind, ConsentMisfit, ConsentsAsked, Dated, FreeTextError,
    MAX_FREE_TEXT, MAX_REASON, PLACEMENT_CONSENT_AGE, Views, ViewsUpdate, check_consents,
    free_text, open_points, reason_text,
};

/// The application ID written into every case store (`PRAGMA application_id`): "PMCS".
const APPLICATION_ID: i32 = 0x504d_4353;

/// The schema this placematch writes.
const SCHEMA: i32 = 6;

/// The migrations, in order: `MIGRATIONS[n]` brings schema `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE inquiries (
        child TEXT NOT NULL,
        site TEXT NOT NULL,
        asked_on TEXT NOT NULL,
        asked_by TEXT NOT NULL,
        answer TEXT NOT NULL CHECK (answer IN ('asked', 'accepted', 'declined')),
        answered_on TEXT,
        answered_by TEXT,
        reason TEXT,
        conditions TEXT,
        PRIMARY KEY (child, site)
    );
",
    "
    CREATE TABLE conversations (
        child TEXT NOT NULL,
        held_on TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('conversation', 'other_ways')),
        recorded_by TEXT NOT NULL,
        PRIMARY KEY (child, held_on, how)
    );
",
    "
    CREATE TABLE placements (
        child TEXT NOT NULL,
        site TEXT NOT NULL,
        decided_on TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        PRIMARY KEY (child, decided_on, site)
    );
    CREATE TABLE followups (
        child TEXT NOT NULL,
        site TEXT NOT NULL,
        at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ongoing', 'breakdown', 'planned_end', 'moved')),
        cause TEXT,
        recorded_by TEXT NOT NULL,
        PRIMARY KEY (child, site, at)
    );
",
    "
    CREATE TABLE match_facts (
        child TEXT NOT NULL,
        site TEXT NOT NULL,
        decided_on TEXT NOT NULL,
        total REAL NOT NULL,
        needs REAL NOT NULL,
        stability REAL NOT NULL,
        network REAL NOT NULL,
        siblings REAL NOT NULL,
        school REAL NOT NULL,
        wishes REAL NOT NULL,
        setting REAL NOT NULL,
        flags TEXT NOT NULL,
        site_type TEXT NOT NULL,
        region TEXT NOT NULL,
        PRIMARY KEY (child, decided_on, site)
    );
",
    "
    CREATE TABLE views (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        child TEXT NOT NULL,
        recorded_on TEXT NOT NULL,
        child_wishes TEXT,
        parents_wishes TEXT,
        resources TEXT,
        parents_consent TEXT CHECK (parents_consent IN ('given', 'refused')),
        child_consent TEXT CHECK (child_consent IN ('given', 'refused')),
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX views_child ON views (child);
",
    "
    ALTER TABLE inquiries ADD COLUMN closes TEXT;
",
];

/// Writes one placement and, when known, its match.
fn insert_placement(
    transaction: &rusqlite::Transaction<'_>,
    placement: &Placement,
    facts: Option<&MatchFacts>,
    by: &str,
) -> rusqlite::Result<()> {
    let decided_on = placement.decided_on.to_string();
    transaction.execute(
        "INSERT OR REPLACE INTO placements (child, site, decided_on, decided_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![placement.child, placement.site, decided_on, by],
    )?;
    if let Some(facts) = facts {
        let [needs, stability, network, siblings, school, wishes, setting] = facts.elements;
        transaction.execute(
            "INSERT OR REPLACE INTO match_facts (child, site, decided_on, total, needs,
                 stability, network, siblings, school, wishes, setting, flags, site_type, region)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                placement.child,
                placement.site,
                decided_on,
                facts.total,
                needs,
                stability,
                network,
                siblings,
                school,
                wishes,
                setting,
                facts.flags.join(" "),
                facts.site_type,
                facts.region
            ],
        )?;
    }
    Ok(())
}

/// Writes one past placement with its match and its follow-ups.
fn insert_history(
    transaction: &rusqlite::Transaction<'_>,
    placement: &Placement,
    facts: &MatchFacts,
    followups: &[Followup],
    by: &str,
) -> rusqlite::Result<()> {
    insert_placement(transaction, placement, Some(facts), by)?;
    for followup in followups {
        insert_followup(transaction, &placement.child, &placement.site, followup, by)?;
    }
    Ok(())
}

/// Writes one follow-up of the child's placement at `site`.
fn insert_followup(
    transaction: &rusqlite::Transaction<'_>,
    child: &str,
    site: &str,
    followup: &Followup,
    by: &str,
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT OR REPLACE INTO followups (child, site, at, status, cause, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            child,
            site,
            followup.at.to_string(),
            followup.status.as_str(),
            followup.cause.map(BreakdownCause::as_str),
            by
        ],
    )?;
    Ok(())
}

/// Why a site declined, as a code (the words are in `render`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineReason {
    /// No free place after all.
    NoCapacity,
    /// The site cannot meet the child's needs.
    NeedsNotMet,
    /// The child does not fit the group of children at the site.
    GroupFit,
    /// Not at the time asked.
    Timing,
    /// Another reason, given to the coordinator directly.
    Other,
}

impl DeclineReason {
    /// Every reason, in the order shown.
    pub const ALL: [DeclineReason; 5] = [
        DeclineReason::NoCapacity,
        DeclineReason::NeedsNotMet,
        DeclineReason::GroupFit,
        DeclineReason::Timing,
        DeclineReason::Other,
    ];

    /// The code stored and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::NoCapacity => "no_capacity",
            DeclineReason::NeedsNotMet => "needs_not_met",
            DeclineReason::GroupFit => "group_fit",
            DeclineReason::Timing => "timing",
            DeclineReason::Other => "other",
        }
    }

    /// The reason with this code.
    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == code)
    }
}

/// How a placement stands at a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupStatus {
    /// The placement goes on.
    Ongoing,
    /// It broke down (sammenbrud): ended before planned, not by the plan.
    Breakdown,
    /// It ended as planned (e.g. home again, or the end of an emergency placement).
    PlannedEnd,
    /// The child moved to another site as planned (not a breakdown).
    Moved,
}

impl FollowupStatus {
    /// Every status, in the order shown.
    pub const ALL: [FollowupStatus; 4] = [
        FollowupStatus::Ongoing,
        FollowupStatus::Breakdown,
        FollowupStatus::PlannedEnd,
        FollowupStatus::Moved,
    ];

    /// The code stored and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowupStatus::Ongoing => "ongoing",
            FollowupStatus::Breakdown => "breakdown",
            FollowupStatus::PlannedEnd => "planned_end",
            FollowupStatus::Moved => "moved",
        }
    }

    /// The status with this code.
    pub fn from_code(code: &str) -> Option<FollowupStatus> {
        FollowupStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == code)
    }

    /// Whether the placement has ended: nothing more is due after it.
    pub fn ends(self) -> bool {
        self != FollowupStatus::Ongoing
    }
}

/// Why a placement broke down, as a code (the words are in `render`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownCause {
    /// The site ended the placement.
    SiteEnded,
    /// The child's needs could not be met there.
    NeedsNotMet,
    /// The child left or would not stay.
    ChildLeft,
    /// The parents' situation or wish ended it.
    Parents,
    /// Another cause.
    Other,
}

impl BreakdownCause {
    /// Every cause, in the order shown.
    pub const ALL: [BreakdownCause; 5] = [
        BreakdownCause::SiteEnded,
        BreakdownCause::NeedsNotMet,
        BreakdownCause::ChildLeft,
        BreakdownCause::Parents,
        BreakdownCause::Other,
    ];

    /// The code stored and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            BreakdownCause::SiteEnded => "site_ended",
            BreakdownCause::NeedsNotMet => "needs_not_met",
            BreakdownCause::ChildLeft => "child_left",
            BreakdownCause::Parents => "parents",
            BreakdownCause::Other => "other",
        }
    }

    /// The cause with this code.
    pub fn from_code(code: &str) -> Option<BreakdownCause> {
        BreakdownCause::ALL
            .into_iter()
            .find(|cause| cause.as_str() == code)
    }
}

/// A placement decided (`decide --cases`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The child's pseudonym.
    pub child: String,
    /// The site.
    pub site: String,
    /// The day of the decision.
    pub decided_on: Date,
}

/// A follow-up of a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Followup {
    /// The day.
    pub at: Date,
    /// How the placement stands.
    pub status: FollowupStatus,
    /// Why it broke down, for a breakdown.
    pub cause: Option<BreakdownCause>,
}

/// A follow-up due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The child's pseudonym.
    pub child: String,
    /// The site.
    pub site: String,
    /// Which follow-up.
    pub milestone: Milestone,
    /// Its day.
    pub date: Date,
}

/// A follow-up recorded up to this many days before a milestone counts for it.
pub const EARLY_DAYS: i64 = 7;

/// The follow-ups due by `until` for a placement and the follow-ups recorded since it: each
/// milestone of `plan` on or before `until` that no follow-up covers (one recorded at most
/// [`EARLY_DAYS`] before it, or later), none after a follow-up that ended the placement.
pub fn due_for(
    placement: &Placement,
    followups: &[Followup],
    plan: &FollowupPlan,
    until: Date,
) -> Vec<Due> {
    let ended = followups
        .iter()
        .filter(|followup| followup.status.ends())
        .map(|followup| followup.at)
        .min();
    plan.as_slice()
        .iter()
        .copied()
        .filter_map(|milestone| {
            let date = milestone.date(placement.decided_on);
            let early = date
                .checked_sub(jiff::Span::new().days(EARLY_DAYS))
                .unwrap_or(date);
            let covered = followups.iter().any(|followup| followup.at >= early);
            let after_end = ended.is_some_and(|end| end <= date);
            (date <= until && !covered && !after_end).then(|| Due {
                child: placement.child.clone(),
                site: placement.site.clone(),
                milestone,
                date,
            })
        })
        .collect()
}

/// The needs a condition closes, each one the site lacks for the child; the first that is
/// not a gap is the error (shown only when it is a need code, never free text).
pub fn closing_needs(closes: &[String], uncovered: &[&str]) -> Result<Vec<String>, String> {
    let mut needs: Vec<String> = Vec::new();
    for code in closes {
        let code = code.trim();
        if !uncovered.contains(&code) {
            return Err(code.to_string());
        }
        if !needs.iter().any(|need| need == code) {
            needs.push(code.to_string());
        }
    }
    Ok(needs)
}

/// Everything the case store holds about one child: the process on one screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildCase {
    /// The sites asked and their answers.
    pub inquiries: Vec<Inquiry>,
    /// The latest child conversation.
    pub conversation: Option<Conversation>,
    /// The child's and the parents' views and the consents.
    pub views: Views,
    /// The child's latest placement.
    pub placement: Option<Placement>,
    /// Its follow-ups, in date order.
    pub followups: Vec<Followup>,
    /// Its follow-ups not yet recorded, in date order (any date; none after it ended).
    pub open_followups: Vec<Due>,
}

/// A site's answer so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Asked, no answer yet.
    Asked,
    /// Accepted, possibly with conditions (free text agreed with the site).
    Accepted {
        /// The conditions, if any.
        conditions: Option<String>,
        /// The needs (codes) whose gap the conditions close: the site lacks the competence,
        /// and the support agreed (supervision, training, a specialist) covers it.
        closes: Vec<String>,
    },
    /// Declined.
    Declined {
        /// Why.
        reason: DeclineReason,
    },
}

/// How the child's view was sought before the decision (barnets lov § 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// A conversation with the child (§ 5, stk. 3).
    Conversation,
    /// Other ways, for a child too young for a conversation (§ 5, stk. 4).
    OtherWays,
}

impl Heard {
    /// The code stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Heard::Conversation => "conversation",
            Heard::OtherWays => "other_ways",
        }
    }
}

/// A recorded child conversation (or the other ways the child's view was sought).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversation {
    /// When.
    pub held_on: Date,
    /// How.
    pub how: Heard,
}

/// One site asked to take one child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inquiry {
    /// The child's pseudonym.
    pub child: String,
    /// The site's ID.
    pub site: String,
    /// When the site was asked.
    pub asked_on: Date,
    /// Who asked.
    pub asked_by: String,
    /// The answer.
    pub answer: Answer,
    /// When the site answered.
    pub answered_on: Option<Date>,
}

/// Why the case store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// Not a regular file path (`:memory:`, URIs and folders are refused).
    #[error("{0}: not a case store file path")]
    NotAFile(String),
    /// Another kind of SQLite file.
    #[error("{0}: not a placematch case store")]
    NotCases(String),
    /// Written by a newer placematch.
    #[error(
        "{file}: written by a newer placematch (schema {found}, this one knows {known}); upgrade placematch"
    )]
    Newer {
        /// The file.
        file: String,
        /// Its schema.
        found: i32,
        /// The newest schema this build knows.
        known: i32,
    },
    /// No case store at this path (a read names an existing store).
    #[error("{0}: no case store there; check the path (placematch inquire creates one)")]
    Missing(String),
    /// A follow-up for a child without a recorded placement.
    #[error(
        "no placement is recorded for this child in the case store; record the decision with placematch decide --cases"
    )]
    NoPlacement,
    /// A follow-up dated before the decision.
    #[error("the follow-up is dated before the decision ({decided_on})")]
    FollowupBeforeDecision {
        /// The day of the decision.
        decided_on: Date,
    },
    /// An answer dated before the question.
    #[error("the answer is dated before the site was asked ({asked_on})")]
    AnswerBeforeQuestion {
        /// When the site was asked.
        asked_on: Date,
    },
    /// A site answered that was never asked.
    #[error(
        "site {site} was never asked about this child; record the inquiry first (placematch inquire)"
    )]
    NotAsked {
        /// The site's ID.
        site: String,
    },
    /// The file system refused the file.
    #[error("{file}: {message}")]
    File {
        /// The file.
        file: String,
        /// The kind of failure.
        kind: std::io::ErrorKind,
        /// The system's words.
        message: String,
    },
    /// SQLite failed.
    #[error("{file}: {message}")]
    Database {
        /// The file.
        file: String,
        /// What failed.
        message: String,
    },
}

/// The case store.
pub struct CaseStore {
    connection: Connection,
    file: String,
}

impl CaseStore {
    /// Opens an existing store to read it (a mistyped path is an error, not a new empty
    /// store).
    pub fn open_existing(path: &Path) -> Result<CaseStore, CaseError> {
        if !path.exists() {
            return Err(CaseError::Missing(path.display().to_string()));
        }
        CaseStore::open(path)
    }

    /// Opens the store, creating it (0600) if it does not exist, and brings its schema up to
    /// date.
    pub fn open(path: &Path) -> Result<CaseStore, CaseError> {
        let file = path.display().to_string();
        let text = path.to_string_lossy();
        if text.is_empty() || text.starts_with(':') || text.starts_with("file:") || path.is_dir() {
            return Err(CaseError::NotAFile(file));
        }
        let database = |error: &dyn std::fmt::Display| CaseError::Database {
            file: file.clone(),
            message: error.to_string(),
        };
        let refused = |error: std::io::Error| CaseError::File {
            file: file.clone(),
            kind: error.kind(),
            message: error.to_string(),
        };
        if !path.exists() {
            crate::audit::create_private(path).map_err(refused)?;
        }
        // A store holds personal data: whatever made the file, only its owner reads it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(refused)?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                    .map_err(refused)?;
            }
        }
        let connection = Connection::open(path).map_err(|error| database(&error))?;
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|error| database(&error))?;
        let id: i32 = connection
            .query_row("PRAGMA application_id", [], |row| row.get(0))
            .map_err(|_| CaseError::NotCases(file.clone()))?;
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(|_| CaseError::NotCases(file.clone()))?;
        if id != APPLICATION_ID {
            if tables > 0 {
                return Err(CaseError::NotCases(file));
            }
            connection
                .execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
                .map_err(|error| database(&error))?;
        }
        let mut store = CaseStore { connection, file };
        store.migrate()?;
        Ok(store)
    }

    fn failed(&self, error: rusqlite::Error) -> CaseError {
        CaseError::Database {
            file: self.file.clone(),
            message: error.to_string(),
        }
    }

    /// Brings the schema to [`SCHEMA`], one migration at a time, each in its own
    /// transaction.
    fn migrate(&mut self) -> Result<(), CaseError> {
        let version: i32 = self
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|error| self.failed(error))?;
        if version > SCHEMA {
            return Err(CaseError::Newer {
                file: self.file.clone(),
                found: version,
                known: SCHEMA,
            });
        }
        for (from, migration) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let to = from + 1;
            let batch = format!("BEGIN; {migration} PRAGMA user_version = {to}; COMMIT;");
            self.connection
                .execute_batch(&batch)
                .map_err(|error| self.failed(error))?;
        }
        Ok(())
    }

    /// Runs `change` in a transaction and commits it only when `then` (the audit record)
    /// succeeds: a refused record keeps nothing.
    fn write<T, E: From<CaseError>>(
        &mut self,
        change: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
        then: impl FnOnce(&T) -> Result<(), E>,
    ) -> Result<T, E> {
        let file = self.file.clone();
        let failed = |error: rusqlite::Error| CaseError::Database {
            file: file.clone(),
            message: error.to_string(),
        };
        let transaction = self.connection.transaction().map_err(&failed)?;
        let changed = change(&transaction).map_err(&failed)?;
        then(&changed)?;
        transaction.commit().map_err(&failed)?;
        Ok(changed)
    }

    /// Records that `sites` were asked to take `child` on `on`. A site asked before keeps its
    /// record (and answer). `then` is given how many were new and runs before the change is
    /// committed: if it fails (the audit record cannot be written), nothing is kept.
    pub fn inquire<E: From<CaseError>>(
        &mut self,
        child: &str,
        sites: &[String],
        on: Date,
        by: &str,
        then: impl FnOnce(usize) -> Result<(), E>,
    ) -> Result<usize, E> {
        self.write(
            |transaction| {
                let mut new = 0;
                for site in sites {
                    new += transaction.execute(
                        "INSERT OR IGNORE INTO inquiries (child, site, asked_on, asked_by, answer)
                         VALUES (?1, ?2, ?3, ?4, 'asked')",
                        params![child, site, on.to_string(), by],
                    )?;
                }
                Ok(new)
            },
            |new| then(*new),
        )
    }

    /// Records a site's answer; the site must have been asked, before the answer. A later
    /// answer replaces an earlier one. `then` runs before the change is committed.
    pub fn respond<E: From<CaseError>>(
        &mut self,
        child: &str,
        site: &str,
        (answer, on, by): (&Answer, Date, &str),
        then: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(asked) = self.inquiry(child, site)? else {
            return Err(CaseError::NotAsked {
                site: site.to_string(),
            }
            .into());
        };
        if on < asked.asked_on {
            return Err(CaseError::AnswerBeforeQuestion {
                asked_on: asked.asked_on,
            }
            .into());
        }
        let (code, reason, conditions, closes) = match answer {
            Answer::Asked => ("asked", None, None, None),
            Answer::Accepted { conditions, closes } => (
                "accepted",
                None,
                conditions.clone(),
                (!closes.is_empty()).then(|| closes.join(" ")),
            ),
            Answer::Declined { reason } => ("declined", Some(reason.as_str()), None, None),
        };
        self.write(
            |transaction| {
                transaction.execute(
                    "UPDATE inquiries SET answer = ?3, answered_on = ?4, answered_by = ?5,
                         reason = ?6, conditions = ?7, closes = ?8
                     WHERE child = ?1 AND site = ?2",
                    params![
                        child,
                        site,
                        code,
                        on.to_string(),
                        by,
                        reason,
                        conditions,
                        closes
                    ],
                )?;
                Ok(())
            },
            |()| then(),
        )
    }

    /// Every site asked about one child, in the order asked (then by site ID).
    pub fn inquiries_for(&self, child: &str) -> Result<Vec<Inquiry>, CaseError> {
        self.query(
            "SELECT child, site, asked_on, asked_by, answer, answered_on, reason, conditions,
                 closes
             FROM inquiries WHERE child = ?1 ORDER BY asked_on, site",
            Some(child),
        )
    }

    /// The answer of one site about one child, if it was asked.
    pub fn inquiry(&self, child: &str, site: &str) -> Result<Option<Inquiry>, CaseError> {
        Ok(self
            .inquiries_for(child)?
            .into_iter()
            .find(|inquiry| inquiry.site == site))
    }

    /// Every declined (child, site) pair: batch assignment forbids them.
    pub fn declined(&self) -> Result<Vec<(String, String)>, CaseError> {
        Ok(self
            .query(
                "SELECT child, site, asked_on, asked_by, answer, answered_on, reason, conditions,
                     closes
                 FROM inquiries WHERE answer = 'declined' ORDER BY child, site",
                None,
            )?
            .into_iter()
            .map(|inquiry| (inquiry.child, inquiry.site))
            .collect())
    }

    fn query(&self, sql: &str, child: Option<&str>) -> Result<Vec<Inquiry>, CaseError> {
        let mut statement = self
            .connection
            .prepare(sql)
            .map_err(|error| self.failed(error))?;
        let row = |row: &rusqlite::Row<'_>| -> rusqlite::Result<Inquiry> {
            let date = |text: Option<String>| text.and_then(|text| text.parse::<Date>().ok());
            let answer: String = row.get(4)?;
            let reason: Option<String> = row.get(6)?;
            let answer = match answer.as_str() {
                "accepted" => Answer::Accepted {
                    conditions: row.get(7)?,
                    closes: row
                        .get::<_, Option<String>>(8)?
                        .map(|text| text.split_whitespace().map(str::to_string).collect())
                        .unwrap_or_default(),
                },
                "declined" => Answer::Declined {
                    reason: reason
                        .as_deref()
                        .and_then(DeclineReason::from_code)
                        .unwrap_or(DeclineReason::Other),
                },
                _ => Answer::Asked,
            };
            Ok(Inquiry {
                child: row.get(0)?,
                site: row.get(1)?,
                asked_on: date(row.get(2)?).unwrap_or_default(),
                asked_by: row.get(3)?,
                answer,
                answered_on: date(row.get(5)?),
            })
        };
        let rows = match child {
            Some(child) => statement.query_map(params![child], row),
            None => statement.query_map([], row),
        }
        .map_err(|error| self.failed(error))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|error| self.failed(error))
    }

    /// Records that the child's view was sought on `held_on` (a repeat is kept once). `then`
    /// runs before the change is committed.
    pub fn record_conversation<E: From<CaseError>>(
        &mut self,
        child: &str,
        conversation: Conversation,
        by: &str,
        then: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        self.write(
            |transaction| {
                transaction.execute(
                    "INSERT OR IGNORE INTO conversations (child, held_on, how, recorded_by)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        child,
                        conversation.held_on.to_string(),
                        conversation.how.as_str(),
                        by
                    ],
                )?;
                Ok(())
            },
            |()| then(),
        )
    }

    /// The child's recorded conversations, latest first.
    pub fn conversations_for(&self, child: &str) -> Result<Vec<Conversation>, CaseError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT held_on, how FROM conversations WHERE child = ?1
                 ORDER BY held_on DESC, how",
            )
            .map_err(|error| self.failed(error))?;
        let rows = statement
            .query_map(params![child], |row| {
                let held_on: String = row.get(0)?;
                let how: String = row.get(1)?;
                Ok((held_on, how))
            })
            .map_err(|error| self.failed(error))?;
        let mut list = Vec::new();
        for row in rows {
            let (held_on, how) = row.map_err(|error| self.failed(error))?;
            if let Ok(held_on) = held_on.parse::<Date>() {
                let how = if how == "other_ways" {
                    Heard::OtherWays
                } else {
                    Heard::Conversation
                };
                list.push(Conversation { held_on, how });
            }
        }
        Ok(list)
    }

    /// Records a placement decided on `on` by `by`, with the match as it stood. `then` runs
    /// before the change is committed: if it fails (the audit record cannot be written),
    /// nothing is kept.
    pub fn record_placement<E: From<CaseError>>(
        &mut self,
        placement: &Placement,
        facts: Option<&MatchFacts>,
        by: &str,
        then: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        self.write(
            |transaction| insert_placement(transaction, placement, facts, by),
            |()| then(),
        )
    }

    /// Imports a history of placements, their match and follow-ups in one transaction (for
    /// `generate --history`): `(placement, facts, follow-ups)`, recorded by `by`.
    pub fn import_history(
        &mut self,
        history: &[(Placement, MatchFacts, Vec<Followup>)],
        by: &str,
    ) -> Result<(), CaseError> {
        self.write(
            |transaction| {
                for (placement, facts, followups) in history {
                    insert_history(transaction, placement, facts, followups, by)?;
                }
                Ok(())
            },
            |()| Ok::<(), CaseError>(()),
        )
    }

    /// Imports a generated history (`generate --history`) in one transaction: each past
    /// placement with its match, the sites asked (asked a week before the decision, answered
    /// two days later), its follow-ups and its breakdown.
    pub fn import_past(
        &mut self,
        past: &[crate::generate::PastPlacement],
        by: &str,
    ) -> Result<(), CaseError> {
        self.write(
            |transaction| {
                for placement in past {
                    let asked_on = placement
                        .decided_on
                        .checked_sub(jiff::Span::new().days(7))
                        .unwrap_or(placement.decided_on);
                    let answered_on = asked_on
                        .checked_add(jiff::Span::new().days(2))
                        .unwrap_or(asked_on);
                    for (site, declined) in &placement.asked {
                        transaction.execute(
                            "INSERT OR REPLACE INTO inquiries (child, site, asked_on, asked_by,
                                 answer, answered_on, answered_by, reason, conditions)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?7, NULL)",
                            params![
                                placement.child,
                                site,
                                asked_on.to_string(),
                                by,
                                if declined.is_some() {
                                    "declined"
                                } else {
                                    "accepted"
                                },
                                answered_on.to_string(),
                                declined
                            ],
                        )?;
                    }
                    let decided = Placement {
                        child: placement.child.clone(),
                        site: placement.site.clone(),
                        decided_on: placement.decided_on,
                    };

                    let mut followups: Vec<Followup> = placement
                        .ongoing
                        .iter()
                        .map(|&at| Followup {
                            at,
                            status: FollowupStatus::Ongoing,
                            cause: None,
                        })
                        .collect();
                    if let Some(breakdown) = &placement.breakdown {
                        followups.push(Followup {
                            at: breakdown.on,
                            status: FollowupStatus::Breakdown,
                            cause: BreakdownCause::from_code(breakdown.cause),
                        });
                    }
                    insert_history(transaction, &decided, &placement.facts, &followups, by)?;
                }
                Ok(())
            },
            |()| Ok::<(), CaseError>(()),
        )
    }

    /// Every placement recorded with its match, and what its follow-ups (until the child's
    /// next placement) say, by decision day then child.
    pub fn match_histories(&self) -> Result<Vec<MatchHistory>, CaseError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT child, site, decided_on, total, needs, stability, network, siblings,
                        school, wishes, setting, flags, site_type, region
                 FROM match_facts ORDER BY decided_on, child",
            )
            .map_err(|error| self.failed(error))?;
        let rows = statement
            .query_map([], |row| {
                let mut elements = [0.0; 7];
                for (idx, value) in elements.iter_mut().enumerate() {
                    *value = row.get(4 + idx)?;
                }
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, f64>(3)?,
                    elements,
                    row.get::<_, String>(11)?,
                    row.get::<_, String>(12)?,
                    row.get::<_, String>(13)?,
                ))
            })
            .map_err(|error| self.failed(error))?;
        let mut found = Vec::new();
        for row in rows {
            let (child, site, decided_on, total, elements, flags, site_type, region) =
                row.map_err(|error| self.failed(error))?;
            let Ok(decided_on) = decided_on.parse::<Date>() else {
                continue;
            };
            let facts = MatchFacts {
                total,
                elements,
                flags: flags.split_whitespace().map(str::to_string).collect(),
                site_type,
                region,
            };
            found.push((child, site, decided_on, facts));
        }
        let mut next_of: BTreeMap<(String, Date), Date> = BTreeMap::new();
        let mut by_child: BTreeMap<&str, Vec<Date>> = BTreeMap::new();
        for (child, _, decided_on, _) in &found {
            by_child.entry(child).or_default().push(*decided_on);
        }
        for (child, dates) in &mut by_child {
            dates.sort();
            for pair in dates.windows(2) {
                next_of.insert(((*child).to_string(), pair[0]), pair[1]);
            }
        }
        let mut list = Vec::with_capacity(found.len());
        for (child, site, decided_on, facts) in found {
            let placement = Placement {
                child: child.clone(),
                site,
                decided_on,
            };
            let next = next_of.get(&(child, decided_on)).copied();
            let followups: Vec<Followup> = self
                .followups_of(&placement)?
                .into_iter()
                .filter(|followup| next.is_none_or(|next| followup.at < next))
                .collect();
            let first = |wanted: fn(FollowupStatus) -> bool| {
                followups
                    .iter()
                    .find(|followup| wanted(followup.status))
                    .map(|followup| followup.at)
            };
            list.push(MatchHistory {
                decided_on,
                facts,
                breakdown_on: first(|status| status == FollowupStatus::Breakdown),
                ended_on: first(|status| {
                    matches!(status, FollowupStatus::PlannedEnd | FollowupStatus::Moved)
                }),
            });
        }
        Ok(list)
    }

    /// The latest placement of every child, in child order.
    pub fn placements(&self) -> Result<Vec<Placement>, CaseError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT child, site, max(decided_on) FROM placements GROUP BY child ORDER BY child",
            )
            .map_err(|error| self.failed(error))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(|error| self.failed(error))?;
        let mut list = Vec::new();
        for row in rows {
            let (child, site, decided_on) = row.map_err(|error| self.failed(error))?;
            if let Ok(decided_on) = decided_on.parse::<Date>() {
                list.push(Placement {
                    child,
                    site,
                    decided_on,
                });
            }
        }
        Ok(list)
    }

    /// Everything recorded about one child, its open follow-ups after `plan`.
    pub fn child_case(&self, child: &str, plan: &FollowupPlan) -> Result<ChildCase, CaseError> {
        let placement = self.placement_of(child)?;
        let (followups, open_followups) = match &placement {
            Some(placement) => {
                let mut followups = self.followups_of(placement)?;
                followups.sort_by_key(|followup| followup.at);
                let open = due_for(placement, &followups, plan, Date::MAX);
                (followups, open)
            }
            None => (Vec::new(), Vec::new()),
        };
        Ok(ChildCase {
            inquiries: self.inquiries_for(child)?,
            conversation: self.conversations_for(child)?.first().copied(),
            views: self.views_for(child)?,
            placement,
            followups,
            open_followups,
        })
    }

    /// The child's latest placement, if any.
    pub fn placement_of(&self, child: &str) -> Result<Option<Placement>, CaseError> {
        Ok(self
            .placements()?
            .into_iter()
            .find(|placement| placement.child == child))
    }

    /// Records a follow-up of the child's latest placement. Refused without a placement or
    /// before its day. `then` runs before the change is committed.
    pub fn record_followup<E: From<CaseError>>(
        &mut self,
        child: &str,
        followup: Followup,
        by: &str,
        then: impl FnOnce(&Placement) -> Result<(), E>,
    ) -> Result<Placement, E> {
        let placement = self.placement_of(child)?.ok_or(CaseError::NoPlacement)?;
        if followup.at < placement.decided_on {
            return Err(CaseError::FollowupBeforeDecision {
                decided_on: placement.decided_on,
            }
            .into());
        }
        let site = placement.site.clone();
        self.write(
            |transaction| insert_followup(transaction, child, &site, &followup, by),
            |()| then(&placement),
        )?;
        Ok(placement)
    }

    /// The follow-ups of one placement, in date order.
    pub fn followups_of(&self, placement: &Placement) -> Result<Vec<Followup>, CaseError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT at, status, cause FROM followups
                 WHERE child = ?1 AND site = ?2 AND at >= ?3 ORDER BY at",
            )
            .map_err(|error| self.failed(error))?;
        let rows = statement
            .query_map(
                params![
                    placement.child,
                    placement.site,
                    placement.decided_on.to_string()
                ],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<String>>(2)?,
                    ))
                },
            )
            .map_err(|error| self.failed(error))?;
        let mut list = Vec::new();
        for row in rows {
            let (at, status, cause) = row.map_err(|error| self.failed(error))?;
            if let (Ok(at), Some(status)) = (at.parse::<Date>(), FollowupStatus::from_code(&status))
            {
                list.push(Followup {
                    at,
                    status,
                    cause: cause.as_deref().and_then(BreakdownCause::from_code),
                });
            }
        }
        Ok(list)
    }

    /// Every follow-up due by `until` after `plan`, by date, then child.
    pub fn due(&self, until: Date, plan: &FollowupPlan) -> Result<Vec<Due>, CaseError> {
        let mut list = Vec::new();
        for placement in self.placements()? {
            let followups = self.followups_of(&placement)?;
            list.extend(due_for(&placement, &followups, plan, until));
        }
        list.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.child.cmp(&b.child)));
        Ok(list)
    }

    /// The schema number of the open file (for tests and `--version`-like checks).
    pub fn schema(&self) -> Result<i32, CaseError> {
        self.connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .optional()
            .map_err(|error| self.failed(error))
            .map(|version| version.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn store() -> (tempfile::TempDir, CaseStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = CaseStore::open(&dir.path().join("cases.sqlite")).unwrap();
        (dir, store)
    }

    fn placement(on: Date) -> Placement {
        Placement {
            child: "C-1".into(),
            site: "S-1".into(),
            decided_on: on,
        }
    }

    fn ongoing(at: Date) -> Followup {
        Followup {
            at,
            status: FollowupStatus::Ongoing,
            cause: None,
        }
    }

    #[test]
    fn follow_ups_fall_due_at_14_days_and_3_6_12_months_until_recorded() {
        let decided = placement(date(2026, 11, 30));
        let milestones =
            |due: Vec<Due>| -> Vec<String> { due.iter().map(|due| due.milestone.code()).collect() };
        let plan = &FollowupPlan::DEFAULT;
        assert!(due_for(&decided, &[], plan, date(2026, 12, 13)).is_empty());
        assert_eq!(
            milestones(due_for(&decided, &[], plan, date(2026, 12, 14))),
            ["14_days"]
        );
        // Months count in the calendar: 30 November + 3 months is 28 February.
        assert_eq!(
            due_for(&decided, &[], plan, date(2027, 2, 28))[1].date,
            date(2027, 2, 28)
        );
        // A follow-up up to a week early covers its milestone; one earlier does not.
        let early = [ongoing(date(2026, 12, 7))];
        assert!(due_for(&decided, &early, plan, date(2026, 12, 20)).is_empty());
        let too_early = [ongoing(date(2026, 12, 6))];
        assert_eq!(
            milestones(due_for(&decided, &too_early, plan, date(2026, 12, 20))),
            ["14_days"]
        );
        // A breakdown ends the placement: nothing after it is due.
        let ended = [Followup {
            at: date(2027, 1, 10),
            status: FollowupStatus::Breakdown,
            cause: Some(BreakdownCause::SiteEnded),
        }];
        assert!(due_for(&decided, &ended, plan, date(2027, 12, 31)).is_empty());
        // A year on with nothing recorded, all four are due.
        assert_eq!(
            milestones(due_for(&decided, &[], plan, date(2027, 12, 31))),
            ["14_days", "3_months", "6_months", "12_months"]
        );
    }

    #[test]
    fn a_follow_up_needs_a_placement_and_comes_after_it() {
        let (_dir, mut store) = store();
        let ok = |_: &Placement| Ok::<(), CaseError>(());
        let refused = store.record_followup("C-1", ongoing(date(2026, 12, 1)), "anna", ok);
        assert!(matches!(refused, Err(CaseError::NoPlacement)));
        store
            .record_placement(&placement(date(2026, 11, 30)), None, "anna", || {
                Ok::<(), CaseError>(())
            })
            .unwrap();
        let early = store.record_followup("C-1", ongoing(date(2026, 11, 1)), "anna", ok);
        assert!(matches!(
            early,
            Err(CaseError::FollowupBeforeDecision { .. })
        ));
        store
            .record_followup("C-1", ongoing(date(2026, 12, 14)), "anna", ok)
            .unwrap();
        assert_eq!(
            store
                .followups_of(&placement(date(2026, 11, 30)))
                .unwrap()
                .len(),
            1
        );
        let due = store.due(date(2027, 3, 1), &FollowupPlan::DEFAULT).unwrap();
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(due[0].milestone, Milestone::MONTHS_3);
        // A refused audit record keeps no placement.
        let refused = store.record_placement(&placement(date(2026, 12, 5)), None, "anna", || {
            Err::<(), CaseError>(CaseError::Missing("audit".into()))
        });
        assert!(refused.is_err());
        assert_eq!(
            store.placement_of("C-1").unwrap().unwrap().decided_on,
            date(2026, 11, 30)
        );
    }

    #[test]
    fn a_placement_keeps_its_match_and_each_follow_up_belongs_to_one_placement() {
        let (_dir, mut store) = store();
        let facts = |total: f64| MatchFacts {
            total,
            elements: [total; 7],
            flags: vec!["school.change".into(), "siblings.split".into()],
            site_type: "care_home".into(),
            region: "Nordjylland".into(),
        };
        let first = placement(date(2025, 1, 10));
        let second = Placement {
            decided_on: date(2025, 6, 1),
            ..first.clone()
        };
        let breakdown = Followup {
            at: date(2025, 5, 2),
            status: FollowupStatus::Breakdown,
            cause: Some(BreakdownCause::SiteEnded),
        };
        store
            .import_history(
                &[
                    (
                        first,
                        facts(0.4),
                        vec![ongoing(date(2025, 1, 24)), breakdown],
                    ),
                    (second, facts(0.8), vec![ongoing(date(2025, 6, 15))]),
                ],
                "generate",
            )
            .unwrap();
        let histories = store.match_histories().unwrap();
        assert_eq!(histories.len(), 2);
        assert_eq!(histories[0].facts, facts(0.4));
        assert_eq!(histories[0].breakdown_on, Some(date(2025, 5, 2)));
        assert_eq!(histories[0].ended_on, None);
        // The second placement at the same site has only its own follow-up.
        assert_eq!(histories[1].breakdown_on, None);
    }

    #[test]
    fn asked_then_answered_then_listed() {
        let (_dir, mut store) = store();
        let sites = vec!["S-1".to_string(), "S-2".to_string()];
        let ok = |_| Ok::<(), CaseError>(());
        assert_eq!(
            store
                .inquire("C-1", &sites, date(2026, 12, 1), "anna", ok)
                .unwrap(),
            2
        );
        assert_eq!(
            store
                .inquire("C-1", &sites, date(2026, 12, 2), "anna", ok)
                .unwrap(),
            0
        );
        // A failing follow-up (the audit record) keeps nothing.
        let refused = store.inquire("C-2", &sites, date(2026, 12, 2), "anna", |_| {
            Err(CaseError::Missing("audit".into()))
        });
        assert!(refused.is_err());
        assert!(store.inquiries_for("C-2").unwrap().is_empty());
        let done = || Ok::<(), CaseError>(());
        let conditions = Some("supervision in trauma".to_string());
        let accepted = Answer::Accepted {
            conditions: conditions.clone(),
            closes: vec!["trauma".to_string()],
        };
        store
            .respond("C-1", "S-1", (&accepted, date(2026, 12, 3), "anna"), done)
            .unwrap();
        let declined = Answer::Declined {
            reason: DeclineReason::NoCapacity,
        };
        store
            .respond("C-1", "S-2", (&declined, date(2026, 12, 3), "anna"), done)
            .unwrap();
        let early = store.respond("C-1", "S-2", (&declined, date(2026, 11, 30), "anna"), done);
        assert!(matches!(early, Err(CaseError::AnswerBeforeQuestion { .. })));
        let listed = store.inquiries_for("C-1").unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].answer, accepted, "kept with the needs it covers");
        assert_eq!(
            listed[0].asked_on,
            date(2026, 12, 1),
            "the first ask is kept"
        );
        assert_eq!(listed[1].answered_on, Some(date(2026, 12, 3)));
        assert_eq!(
            store.declined().unwrap(),
            [("C-1".to_string(), "S-2".to_string())]
        );
        let other = Answer::Declined {
            reason: DeclineReason::Other,
        };
        let error = store
            .respond("C-1", "S-9", (&other, date(2026, 12, 3), "anna"), done)
            .unwrap_err();
        assert!(matches!(error, CaseError::NotAsked { .. }), "{error}");
    }

    /// A file of the first schema (inquiries only) is brought forward and keeps its rows.
    #[test]
    fn an_older_schema_is_migrated_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.sqlite");
        let connection = Connection::open(&path).unwrap();
        connection
            .execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; {} PRAGMA user_version = 1;
                 INSERT INTO inquiries (child, site, asked_on, asked_by, answer)
                 VALUES ('C-1', 'S-1', '2026-12-01', 'anna', 'asked');",
                MIGRATIONS[0]
            ))
            .unwrap();
        drop(connection);
        let mut store = CaseStore::open(&path).unwrap();
        assert_eq!(store.schema().unwrap(), SCHEMA);
        assert_eq!(store.inquiries_for("C-1").unwrap().len(), 1);
        let talk = Conversation {
            held_on: date(2026, 11, 20),
            how: Heard::Conversation,
        };
        let done = || Ok::<(), CaseError>(());
        store
            .record_conversation("C-1", talk, "anna", done)
            .unwrap();
        store
            .record_conversation("C-1", talk, "anna", done)
            .unwrap();
        assert_eq!(store.conversations_for("C-1").unwrap(), [talk]);
        assert!(store.conversations_for("C-2").unwrap().is_empty());
    }

    #[test]
    fn every_earlier_schema_is_brought_forward() {
        for version in 0..SCHEMA {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("cases.sqlite");
            let connection = Connection::open(&path).unwrap();
            let older: String = MIGRATIONS[..version as usize].concat();
            connection
                .execute_batch(&format!(
                    "PRAGMA application_id = {APPLICATION_ID}; {older} PRAGMA user_version = {version};"
                ))
                .unwrap();
            drop(connection);
            let store = CaseStore::open(&path).unwrap();
            assert_eq!(store.schema().unwrap(), SCHEMA, "from schema {version}");
            assert_eq!(store.views_for("C-1").unwrap(), Views::default());
            assert!(store.placements().unwrap().is_empty());
        }
    }

    #[test]
    fn files_are_private_migrated_and_newer_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.sqlite");
        let store = CaseStore::open(&path).unwrap();
        assert_eq!(store.schema().unwrap(), SCHEMA);
        drop(store);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Reopening changes nothing; a newer schema is refused.
        CaseStore::open(&path).unwrap();
        let connection = Connection::open(&path).unwrap();
        connection
            .execute_batch("PRAGMA user_version = 99;")
            .unwrap();
        drop(connection);
        assert!(matches!(
            CaseStore::open(&path),
            Err(CaseError::Newer { found: 99, .. })
        ));
        // Another SQLite file is not a case store.
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x);")
            .unwrap();
        assert!(matches!(
            CaseStore::open(&other),
            Err(CaseError::NotCases(_))
        ));
        assert!(matches!(
            CaseStore::open(Path::new(":memory:")),
            Err(CaseError::NotAFile(_))
        ));
    }
}
