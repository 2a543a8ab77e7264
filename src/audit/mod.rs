//! The audit trail (PRODUCT.md section 11): an append-only, hash-chained SQLite file that
//! records every command or request that read personal data, and every decision.
//!
//! Each record is stored as canonical JSON (`body`, fields in a fixed order) with a keyed
//! hash of that body (HMAC-SHA-256; the 32-byte key lives in `FILE.key`, created 0600 beside
//! the database); the body holds its sequence number and the hash of the record before it,
//! so editing, deleting, reordering or appending records breaks the chain at the first
//! touched record, and someone who can write the database but not read the key cannot
//! re-chain it. Triggers refuse UPDATE and DELETE. Removing records from the end is caught by
//! comparing the head hash with one kept elsewhere (`audit verify --expect-head`,
//! `--write-head`). Databases made before the key (format 0) keep their plain SHA-256 chain,
//! and `verify` says that a rewrite of such a file cannot be detected.
//!
//! The database is created 0600 and in WAL mode (readers do not block the writer); `:memory:`
//! and `file:` URIs are refused, because they record nothing that lasts. `verify` opens the
//! file read-only and refuses an empty file or one without the schema. User, purpose and
//! decision reason are refused when they contain something shaped like a CPR number.
//!
//! An edge: the caller supplies the time (the one wall-clock read) and the hashes.

use std::collections::BTreeMap;
use std::path::Path;

use std::path::PathBuf;

use hmac::{Hmac, Mac};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Longest purpose or user name recorded, in characters.
pub const MAX_PURPOSE_CHARS: usize = 500;

/// `PRAGMA user_version` of a database whose chain is keyed (HMAC-SHA-256).
const KEYED_FORMAT: i32 = 2;

/// Length of the chain key in bytes.
const KEY_LEN: usize = 32;

/// Hash that the first record points back to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Marks the file as a placematch audit database (`PRAGMA application_id`).
const APPLICATION_ID: i32 = 0x504d_4175; // "PMAu"

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS records_no_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS records_no_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE IF NOT EXISTS record_children (
    seq INTEGER NOT NULL,
    child_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_children_by_child ON record_children (child_id, seq);
CREATE TRIGGER IF NOT EXISTS record_children_no_update BEFORE UPDATE ON record_children
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS record_children_no_delete BEFORE DELETE ON record_children
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
";

/// A decision a person made, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The child's pseudonym.
    pub child_id: String,
    /// The chosen site.
    pub site_id: String,
    /// The site's rank among the eligible sites at that moment (1 = top).
    pub rank: usize,
    /// The top-ranked eligible site at that moment.
    pub top_site_id: Option<String>,
    /// Flags raised for the chosen site.
    pub flags: Vec<String>,
    /// The person's reason; required when overriding the top site or a legal default.
    pub reason: Option<String>,
}

/// What the caller records; [`AuditLog::append`] adds the sequence number and chain.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRecord {
    /// UTC time, RFC 3339.
    pub time: String,
    /// User (`--by`, or the token's user).
    pub user: String,
    /// Role.
    pub role: String,
    /// Purpose of the access.
    pub purpose: String,
    /// Command or route, e.g. `shortlist` or `POST /api/assign`.
    pub command: String,
    /// Options that shaped the result.
    pub options: BTreeMap<String, String>,
    /// SHA-256 of each input file, by name.
    pub inputs: BTreeMap<String, String>,
    /// The seven weights in element order.
    pub weights: Vec<f64>,
    /// The child IDs whose data was read.
    pub children: Vec<String>,
    /// SHA-256 of the result as given to the user.
    pub result_hash: String,
    /// The decision, for `decide`.
    pub decision: Option<Decision>,
}

/// A record in the chain (the stored body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// 1, 2, 3, … without gaps.
    pub seq: u64,
    /// Hash of the record before ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// UTC time, RFC 3339.
    pub time: String,
    /// User.
    pub user: String,
    /// Role.
    pub role: String,
    /// Purpose.
    pub purpose: String,
    /// Command or route.
    pub command: String,
    /// Options.
    pub options: BTreeMap<String, String>,
    /// Input file hashes.
    pub inputs: BTreeMap<String, String>,
    /// Weights.
    pub weights: Vec<f64>,
    /// placematch version.
    pub engine_version: String,
    /// Child IDs read.
    pub children: Vec<String>,
    /// Hash of the result.
    pub result_hash: String,
    /// The decision, for `decide`.
    pub decision: Option<Decision>,
}

/// Why the audit trail cannot be used. Messages name the file, never record contents.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// SQLite failed (cannot open, locked, disk full, …).
    #[error("{file}: {message}")]
    Database {
        /// The database file.
        file: String,
        /// SQLite's message.
        message: String,
    },
    /// The file is not a placematch audit database.
    #[error("{0}: not a placematch audit database")]
    NotAudit(String),
    /// The file is empty: an audit database always has its schema.
    #[error("{0}: the file is empty, not an audit database (was the trail wiped?)")]
    Empty(String),
    /// `:memory:`, a `file:` URI or something other than a regular file.
    #[error(
        "{0}: the audit trail must be a regular file (`:memory:` and `file:` URIs record nothing that lasts)"
    )]
    NotAFile(String),
    /// The chain key beside a keyed database is missing or unreadable.
    #[error(
        "{file}: its key file {key} is missing or unreadable; without it the trail can neither be extended nor verified"
    )]
    Key {
        /// The database file.
        file: String,
        /// The key file.
        key: String,
    },
    /// A key file exists for a database that has no schema: the trail was wiped.
    #[error(
        "{file}: the database is empty but its key file {key} exists: the trail may have been wiped; not starting a new one over it"
    )]
    Wiped {
        /// The database file.
        file: String,
        /// The key file.
        key: String,
    },
    /// A field to record looks like a CPR number (the value is not shown).
    #[error(
        "the {0} looks like a CPR number and is not recorded (not shown); use a pseudonym or rephrase"
    )]
    Cpr(&'static str),
    /// A purpose or user name is longer than [`MAX_PURPOSE_CHARS`].
    #[error("the purpose and the user name may have at most {0} characters")]
    TooLong(usize),
}

/// Where the chain breaks first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// Position in the table, 1-based.
    pub position: u64,
    /// The sequence number stored at that position.
    pub seq: i64,
    /// What is wrong (put into words by `render::break_text`).
    pub problem: BreakKind,
}

/// What is wrong where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakKind {
    /// A sequence number where another was expected (a record missing or out of order).
    Sequence {
        /// The number found.
        found: i64,
        /// The number expected.
        expected: u64,
    },
    /// The content does not match its (keyed) hash.
    Hash,
    /// The record cannot be read.
    Unreadable,
    /// The record's own sequence number differs (moved).
    Moved,
    /// The record does not point to the one before it.
    Link,
    /// The index of children by record differs from the records.
    Index {
        /// Rows in the index.
        rows: usize,
        /// Children the records name.
        named: usize,
    },
    /// The head kept elsewhere is not in the chain (records removed from the end, or the
    /// trail replaced).
    HeadMissing,
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Records read.
    pub records: u64,
    /// Hash of the last intact record (keep it elsewhere to detect rewriting of the tail).
    pub head: String,
    /// The first broken or missing record, if any.
    pub broken: Option<Break>,
}

/// One access to a child's data, as an extract lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccessRow {
    /// Sequence number of the record.
    pub seq: u64,
    /// UTC time.
    pub time: String,
    /// User.
    pub user: String,
    /// Role.
    pub role: String,
    /// Purpose.
    pub purpose: String,
    /// Command or route.
    pub command: String,
}

/// Every access to one child's data, in chain order (a data subject's request).
pub fn accesses_to(records: &[Record], child: &str) -> Vec<AccessRow> {
    records
        .iter()
        .filter(|record| record.children.iter().any(|id| id == child))
        .map(|record| AccessRow {
            seq: record.seq,
            time: record.time.clone(),
            user: record.user.clone(),
            role: record.role.clone(),
            purpose: record.purpose.clone(),
            command: record.command.clone(),
        })
        .collect()
}

/// The fairness report over the recorded decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionsFairness {
    /// The figures.
    pub report: crate::fairness::Fairness,
    /// The children with a decision (whose data the report read).
    pub children: Vec<String>,
    /// Decisions naming a child or site no longer in the data, left out.
    pub stale: usize,
}

/// The fairness report from the latest recorded decision per child.
pub fn decisions_fairness(
    dataset: &crate::model::Dataset,
    batch: &crate::context::ScoringContext<'_>,
    records: &[Record],
) -> DecisionsFairness {
    let mut latest: BTreeMap<&str, &Decision> = BTreeMap::new();
    for record in records {
        if let Some(decision) = &record.decision {
            latest.insert(decision.child_id.as_str(), decision);
        }
    }
    let mut outcomes = vec![None; dataset.children().len()];
    let mut stale = 0;
    for (child, decision) in latest {
        let child_idx = dataset
            .children()
            .binary_search_by(|c| c.id.as_str().cmp(child))
            .ok();
        let site_idx = dataset
            .sites()
            .binary_search_by(|s| s.id.as_str().cmp(decision.site_id.as_str()))
            .ok();
        match (child_idx, site_idx) {
            (Some(child), Some(site)) => {
                outcomes[child] = Some(crate::fairness::Outcome {
                    site: Some(site),
                    overrode_top: Some(decision.rank != 1),
                });
            }
            _ => stale += 1,
        }
    }
    let children = dataset
        .children()
        .iter()
        .zip(&outcomes)
        .filter(|(_, outcome)| outcome.is_some())
        .map(|(child, _)| child.id.to_string())
        .collect();
    DecisionsFairness {
        report: crate::fairness::fairness(dataset, batch, &outcomes),
        children,
        stale,
    }
}

/// SHA-256 in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A writer that hashes what passes through it, for results too large to hold in memory: the
/// hash equals [`sha256_hex`] of all bytes written.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: std::io::Write> HashingWriter<W> {
    /// Hashes everything written to `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
        }
    }

    /// The writer and the SHA-256 (lowercase hex) of every byte written.
    pub fn finish(self) -> (W, String) {
        (self.inner, hex(&self.hasher.finalize()))
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// How the chain's hashes are made.
enum Chain {
    /// HMAC-SHA-256 with the key beside the database.
    Keyed(Vec<u8>),
    /// Plain SHA-256 (format 0, before the key).
    Plain,
}

impl Chain {
    fn hash(&self, body: &[u8]) -> String {
        match self {
            Chain::Plain => sha256_hex(body),
            Chain::Keyed(key) => {
                let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
                    Ok(mac) => mac,
                    Err(_) => unreachable!("HMAC accepts keys of any length"),
                };
                mac.update(body);
                mac.finalize()
                    .into_bytes()
                    .iter()
                    .map(|byte| format!("{byte:02x}"))
                    .collect()
            }
        }
    }
}

/// An open audit database.
pub struct AuditLog {
    connection: Connection,
    file: String,
    chain: Chain,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLog")
            .field("file", &self.file)
            .finish()
    }
}

/// The key file of a database: `FILE.key` beside it.
pub fn key_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Refuses what is not a path to a regular file (or to nothing yet).
fn check_path(path: &Path) -> Result<(), AuditError> {
    let text = path.to_string_lossy();
    let file = path.display().to_string();
    if text.is_empty() || text.starts_with(':') || text.starts_with("file:") {
        return Err(AuditError::NotAFile(file));
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(AuditError::NotAFile(file)),
        _ => Ok(()),
    }
}

/// Creates a file readable and writable by its owner only.
pub(crate) fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    private().write(true).create_new(true).open(path)
}

/// Open options whose files are created readable by their owner only (0600).
fn private() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Writes a small file readable by its owner only (created 0600, or truncated if it exists):
/// a head kept elsewhere, for example.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = private()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.sync_all()
}

/// How the chain of an existing database is hashed. A key file beside the database means
/// the chain is keyed whatever the format number says: someone who lowered the number to make
/// a plain re-chaining pass would otherwise succeed (the number is in the file they can
/// write; the key is not).
fn chain_of(version: i32, key_file: &Path, file: &str) -> Result<Chain, AuditError> {
    if version == KEYED_FORMAT || key_file.exists() {
        Ok(Chain::Keyed(read_key(key_file, file)?))
    } else {
        Ok(Chain::Plain)
    }
}

/// Reads a key file (exactly [`KEY_LEN`] bytes).
fn read_key(path: &Path, file: &str) -> Result<Vec<u8>, AuditError> {
    let missing = || AuditError::Key {
        file: file.to_string(),
        key: path.display().to_string(),
    };
    let meta = std::fs::metadata(path).map_err(|_| missing())?;
    if !meta.is_file() || meta.len() != KEY_LEN as u64 {
        return Err(missing());
    }
    std::fs::read(path).map_err(|_| missing())
}

/// Maps an error about the database file (SQLite, the file system) to
/// [`AuditError::Database`].
fn failed<E: std::fmt::Display>(file: &str) -> impl Fn(E) -> AuditError + Copy + '_ {
    move |error| AuditError::Database {
        file: file.to_string(),
        message: error.to_string(),
    }
}

/// Opens the database with `flags` and a busy timeout; returns it with its application ID
/// (an unreadable ID means the file is not a database at all).
fn connect(path: &Path, flags: OpenFlags, file: &str) -> Result<(Connection, i32), AuditError> {
    let database = failed::<rusqlite::Error>(file);
    let connection = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(&database)?;
    connection
        .busy_timeout(std::time::Duration::from_secs(5))
        .map_err(&database)?;
    let id: i32 = connection
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(|_| AuditError::NotAudit(file.to_string()))?;
    Ok((connection, id))
}

/// Whether the database has the table `name`.
fn has_table(connection: &Connection, name: &str, file: &str) -> Result<bool, AuditError> {
    connection
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |row| row.get::<_, i64>(0),
        )
        .map(|count| count > 0)
        .map_err(failed(file))
}

impl AuditLog {
    /// Opens (creating when missing, with its key) an audit database for appending.
    pub fn open(path: &Path) -> Result<AuditLog, AuditError> {
        check_path(path)?;
        let file = path.display().to_string();
        let database = failed::<rusqlite::Error>(&file);
        let io_error = failed::<std::io::Error>(&file);
        if !path.exists() {
            create_private(path).map_err(&io_error)?;
        }
        let (connection, id) = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, &file)?;
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(|_| AuditError::NotAudit(file.clone()))?;
        let key_file = key_path(path);
        let chain = if id != APPLICATION_ID {
            if tables > 0 {
                return Err(AuditError::NotAudit(file.clone()));
            }
            if key_file.exists() {
                return Err(AuditError::Wiped {
                    file: file.clone(),
                    key: key_file.display().to_string(),
                });
            }
            // A new trail: its key first, then the schema.
            let mut key = vec![0u8; KEY_LEN];
            getrandom::fill(&mut key).map_err(|error| AuditError::Database {
                file: file.clone(),
                message: format!("no random key: {error}"),
            })?;
            let mut handle = create_private(&key_file).map_err(&io_error)?;
            std::io::Write::write_all(&mut handle, &key).map_err(&io_error)?;
            handle.sync_all().map_err(&io_error)?;
            connection
                .pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(&database)?;
            connection
                .pragma_update(None, "user_version", KEYED_FORMAT)
                .map_err(&database)?;
            Chain::Keyed(key)
        } else {
            let version: i32 = connection
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .map_err(&database)?;
            chain_of(version, &key_file, &file)?
        };
        // Readers (extracts, reports, verify) do not block the writer, nor it them.
        connection
            .query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
            .map_err(&database)?;
        connection.execute_batch(SCHEMA).map_err(&database)?;
        let log = AuditLog {
            connection,
            file: file.clone(),
            chain,
        };
        log.index_children()?;
        Ok(log)
    }

    /// Fills the index of children by record for a database made before it existed (once:
    /// only when the index is empty and records are not).
    fn index_children(&self) -> Result<(), AuditError> {
        let database = failed::<rusqlite::Error>(&self.file);
        let indexed: i64 = self
            .connection
            .query_row("SELECT count(*) FROM record_children", [], |row| row.get(0))
            .map_err(database)?;
        if indexed > 0 {
            return Ok(());
        }
        let rows = self.rows()?;
        let transaction = self.connection.unchecked_transaction().map_err(database)?;
        for (seq, body, _) in rows {
            if let Ok(record) = serde_json::from_str::<Record>(&body) {
                for child in &record.children {
                    transaction
                        .execute(
                            "INSERT INTO record_children (seq, child_id) VALUES (?1, ?2)",
                            rusqlite::params![seq, child],
                        )
                        .map_err(database)?;
                }
            }
        }
        transaction.commit().map_err(database)
    }

    /// The records that read one child's data, in chain order, through the index (a query
    /// on one child does not read the whole trail). Each body is checked to name the child.
    pub fn records_for_child(&self, child: &str) -> Result<Vec<Record>, AuditError> {
        let database = failed::<rusqlite::Error>(&self.file);
        if !has_table(&self.connection, "record_children", &self.file)? {
            // An older file opened read-only: no index to use.
            return Ok(self
                .records()?
                .into_iter()
                .filter(|record| record.children.iter().any(|c| c == child))
                .collect());
        }
        let mut statement = self
            .connection
            .prepare(
                "SELECT r.body FROM record_children c JOIN records r ON r.seq = c.seq \
                 WHERE c.child_id = ?1 ORDER BY r.seq",
            )
            .map_err(database)?;
        let bodies = statement
            .query_map([child], |row| row.get::<_, String>(0))
            .map_err(database)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(database)?;
        Ok(bodies
            .iter()
            .filter_map(|body| serde_json::from_str::<Record>(body).ok())
            .filter(|record| record.children.iter().any(|c| c == child))
            .collect())
    }

    /// Opens an existing audit database read-only (for `verify`, extracts and reports): it
    /// must be a non-empty placematch audit database with its schema, and nothing is written.
    pub fn open_read_only(path: &Path) -> Result<AuditLog, AuditError> {
        check_path(path)?;
        let file = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(failed(&file))?;
        if meta.len() == 0 {
            return Err(AuditError::Empty(file));
        }
        let (connection, id) = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, &file)?;
        let has_records = has_table(&connection, "records", &file)
            .map_err(|_| AuditError::NotAudit(file.clone()))?;
        if id != APPLICATION_ID || !has_records {
            return Err(AuditError::NotAudit(file));
        }
        let database = failed::<rusqlite::Error>(&file);
        let version: i32 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(database)?;
        let chain = chain_of(version, &key_path(path), &file)?;
        Ok(AuditLog {
            connection,
            file,
            chain,
        })
    }

    /// Whether a record could be written now: takes the write lock and releases it at once.
    /// Waits at most 100 ms for another writer.
    pub fn writable(&self) -> bool {
        let quick = std::time::Duration::from_millis(100);
        let usual = std::time::Duration::from_secs(5);
        let writable = self.connection.busy_timeout(quick).is_ok()
            && self
                .connection
                .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
                .is_ok();
        let _ = self.connection.busy_timeout(usual);
        writable
    }

    /// Whether the chain is keyed (a rewrite without the key is detected).
    pub fn keyed(&self) -> bool {
        matches!(self.chain, Chain::Keyed(_))
    }

    /// The database file.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Appends a record at the head of the chain, atomically.
    pub fn append(&mut self, record: NewRecord) -> Result<Record, AuditError> {
        let cpr = crate::io::contains_cpr_like;
        if cpr(&record.user) {
            return Err(AuditError::Cpr("user"));
        }
        if cpr(&record.purpose) {
            return Err(AuditError::Cpr("purpose"));
        }
        if record.purpose.chars().count() > MAX_PURPOSE_CHARS
            || record.user.chars().count() > MAX_PURPOSE_CHARS
        {
            return Err(AuditError::TooLong(MAX_PURPOSE_CHARS));
        }
        if record.children.iter().any(|child| cpr(child)) {
            return Err(AuditError::Cpr("child ID"));
        }
        if record
            .decision
            .as_ref()
            .and_then(|decision| decision.reason.as_deref())
            .is_some_and(cpr)
        {
            return Err(AuditError::Cpr("reason"));
        }
        let file = self.file.clone();
        let database = failed::<rusqlite::Error>(&file);
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(database)?;
        let head: Option<(i64, String)> = transaction
            .query_row(
                "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(database)?;
        let (seq, prev_hash) = match head {
            Some((seq, hash)) => (seq as u64 + 1, hash),
            None => (1, GENESIS.to_string()),
        };
        let stored = Record {
            seq,
            prev_hash,
            time: record.time,
            user: record.user,
            role: record.role,
            purpose: record.purpose,
            command: record.command,
            options: record.options,
            inputs: record.inputs,
            weights: record.weights,
            engine_version: env!("CARGO_PKG_VERSION").to_string(),
            children: record.children,
            result_hash: record.result_hash,
            decision: record.decision,
        };
        let body = serde_json::to_string(&stored).map_err(failed(&self.file))?;
        let hash = self.chain.hash(body.as_bytes());
        transaction
            .execute(
                "INSERT INTO records (seq, body, hash) VALUES (?1, ?2, ?3)",
                rusqlite::params![seq as i64, body, hash],
            )
            .map_err(database)?;
        for child in &stored.children {
            transaction
                .execute(
                    "INSERT INTO record_children (seq, child_id) VALUES (?1, ?2)",
                    rusqlite::params![seq as i64, child],
                )
                .map_err(database)?;
        }
        transaction.commit().map_err(database)?;
        Ok(stored)
    }

    /// Every record in table order, with its stored hash; bodies that do not parse are
    /// returned as `None`.
    fn rows(&self) -> Result<Vec<(i64, String, String)>, AuditError> {
        let database = failed::<rusqlite::Error>(&self.file);
        let mut statement = self
            .connection
            .prepare("SELECT seq, body, hash FROM records ORDER BY rowid")
            .map_err(database)?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .map_err(database)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(database)?;
        Ok(rows)
    }

    /// Walks the chain from the first record and reports the first break.
    pub fn verify(&self) -> Result<Verification, AuditError> {
        let mut head = GENESIS.to_string();
        let mut records = 0;
        for (position, (seq, body, hash)) in self.rows()?.into_iter().enumerate() {
            let position = position as u64 + 1;
            let broken = |problem: BreakKind| Break {
                position,
                seq,
                problem,
            };
            let problem = if seq != position as i64 {
                Some(broken(BreakKind::Sequence {
                    found: seq,
                    expected: position,
                }))
            } else if self.chain.hash(body.as_bytes()) != hash {
                Some(broken(BreakKind::Hash))
            } else {
                match serde_json::from_str::<Record>(&body) {
                    Err(_) => Some(broken(BreakKind::Unreadable)),
                    Ok(record) if record.seq != position => Some(broken(BreakKind::Moved)),
                    Ok(record) if record.prev_hash != head => Some(broken(BreakKind::Link)),
                    Ok(_) => None,
                }
            };
            if let Some(problem) = problem {
                return Ok(Verification {
                    records,
                    head,
                    broken: Some(problem),
                });
            }
            head = hash;
            records += 1;
        }
        // The index of children by record must list exactly the children of the records:
        // a row removed, added or changed would hide an access from the extract.
        if has_table(&self.connection, "record_children", &self.file)? {
            let database = failed::<rusqlite::Error>(&self.file);
            let mut statement = self
                .connection
                .prepare("SELECT seq, child_id FROM record_children ORDER BY seq, child_id")
                .map_err(&database)?;
            let indexed: Vec<(i64, String)> = statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(&database)?
                .collect::<Result<_, _>>()
                .map_err(&database)?;
            let mut named: Vec<(i64, String)> = self
                .records()?
                .into_iter()
                .flat_map(|record| {
                    let seq = record.seq as i64;
                    record.children.into_iter().map(move |child| (seq, child))
                })
                .collect();
            named.sort();
            if indexed != named {
                let seq = indexed
                    .iter()
                    .zip(&named)
                    .find(|(a, b)| a != b)
                    .map_or_else(
                        || indexed.len().min(named.len()) as i64,
                        |(a, b)| a.0.min(b.0),
                    );
                return Ok(Verification {
                    records,
                    head: head.clone(),
                    broken: Some(Break {
                        position: seq.max(1) as u64,
                        seq,
                        problem: BreakKind::Index {
                            rows: indexed.len(),
                            named: named.len(),
                        },
                    }),
                });
            }
        }
        Ok(Verification {
            records,
            head,
            broken: None,
        })
    }

    /// The position in the chain of the record with this hash, if any (compare only after
    /// [`AuditLog::verify`] found the chain intact).
    pub fn position_of(&self, hash: &str) -> Result<Option<u64>, AuditError> {
        use rusqlite::OptionalExtension;
        self.connection
            .query_row(
                "SELECT seq FROM records WHERE hash = ?1",
                [hash.to_ascii_lowercase()],
                |row| row.get::<_, i64>(0),
            )
            .optional()
            .map(|seq| seq.map(|seq| seq as u64))
            .map_err(failed(&self.file))
    }

    /// Every readable record in chain order (unreadable bodies are skipped; `verify` names
    /// them).
    pub fn records(&self) -> Result<Vec<Record>, AuditError> {
        Ok(self
            .rows()?
            .into_iter()
            .filter_map(|(_, body, _)| serde_json::from_str(&body).ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: usize) -> NewRecord {
        NewRecord {
            time: format!("2026-11-23T10:00:{n:02}Z"),
            user: "anna".into(),
            role: "coordinator".into(),
            purpose: "placement".into(),
            command: "shortlist".into(),
            children: vec![format!("C-{n}")],
            result_hash: sha256_hex(n.to_string().as_bytes()),
            ..NewRecord::default()
        }
    }

    #[test]
    fn a_hashing_writer_hashes_what_it_writes() {
        use std::io::Write;
        let mut writer = HashingWriter::new(Vec::new());
        writer.write_all(b"id,site\n").unwrap();
        writer.write_all(b"C-1,S-1\n").unwrap();
        let (bytes, hash) = writer.finish();
        assert_eq!(hash, sha256_hex(&bytes));
        assert_eq!(bytes, b"id,site\nC-1,S-1\n");
    }

    #[test]
    fn appended_records_chain_and_verify() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("audit.sqlite");
        let mut log = AuditLog::open(&path).expect("open");
        assert_eq!(log.verify().expect("verify").records, 0);
        let first = log.append(record(1)).expect("append");
        let second = log.append(record(2)).expect("append");
        assert_eq!(first.seq, 1);
        assert_eq!(first.prev_hash, GENESIS);
        assert_eq!(second.prev_hash.len(), 64);
        drop(log);
        let log = AuditLog::open(&path).expect("reopen");
        let verification = log.verify().expect("verify");
        assert_eq!(verification.records, 2);
        assert_eq!(verification.broken, None);
        assert_eq!(log.records().expect("records")[1].children, vec!["C-2"]);
    }

    #[test]
    fn updates_and_deletes_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let mut log = AuditLog::open(&dir.path().join("a.sqlite")).expect("open");
        log.append(record(1)).expect("append");
        assert!(log.connection.execute("DELETE FROM records", []).is_err());
        assert!(
            log.connection
                .execute("UPDATE records SET body = 'x'", [])
                .is_err()
        );
    }

    #[test]
    fn another_sqlite_file_is_not_taken_for_an_audit_database() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("other.sqlite");
        Connection::open(&path)
            .expect("open")
            .execute_batch("CREATE TABLE t (x)")
            .expect("create");
        assert!(matches!(
            AuditLog::open(&path),
            Err(AuditError::NotAudit(_))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Any sequence of appends, with any text in any field, verifies, and every record
        /// reads back as written.
        #[test]
        fn the_chain_verifies_after_any_appends(
            entries in proptest::collection::vec(
                ("\\PC{0,24}", "\\PC{0,24}", proptest::collection::vec("[A-Z]-[0-9]{1,4}", 0..4), proptest::option::of(1usize..50)),
                0..12,
            )
        ) {
            let dir = tempfile::tempdir().expect("dir");
            let path = dir.path().join("p.sqlite");
            let mut log = AuditLog::open(&path).expect("open");
            let mut written = Vec::new();
            for (user, purpose, children, rank) in entries {
                let decision = rank.map(|rank| Decision {
                    child_id: "C-1".into(),
                    site_id: "S-1".into(),
                    rank,
                    top_site_id: None,
                    flags: Vec::new(),
                    reason: Some(purpose.clone()),
                });
                written.push(log.append(NewRecord {
                    user,
                    purpose,
                    children,
                    weights: vec![0.25, 0.15, 0.1 / 3.0],
                    decision,
                    ..NewRecord::default()
                }).expect("append"));
            }
            let verification = log.verify().expect("verify");
            proptest::prop_assert_eq!(verification.broken, None);
            proptest::prop_assert_eq!(verification.records as usize, written.len());
            proptest::prop_assert_eq!(log.records().expect("records"), written);
        }
    }
}
