//! Raw command-line arguments (clap). Commands check their meaning.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// placematch: ranked, explained placement sites for children placed away from home.
/// It recommends; a person decides.
#[derive(Debug, Parser)]
#[command(name = "placematch", version, about)]
pub struct Args {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format of `assign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssignFormat {
    /// Summary, proof and placements as text.
    Table,
    /// JSON (PRODUCT.md section 9).
    Json,
    /// `child_id,site_id,total`, site empty when unassigned; summary on stderr.
    Csv,
}

/// Output format of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Human-readable lines.
    Table,
    /// One JSON document.
    Json,
}

/// Options every command that scores takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ScoringArgs {
    /// Directory with children.csv, sites.csv, municipalities.csv and links.csv.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// TOML file with the seven element weights (default: PRODUCT.md section 3).
    #[arg(long)]
    pub weights: Option<PathBuf>,
    /// Reference date YYYY-MM-DD, the only clock input (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Let a scenario's `add_sites` name a file outside the scenario file's folder (by
    /// default it must lie in that folder or below; scenarios only).
    #[arg(long)]
    pub allow_outside: bool,
    /// Case store (SQLite): the sites asked and their answers. `assign` and `compare` forbid
    /// declined pairs; `decide` asks for a reason when the site has not accepted; `inquire`
    /// and `respond` write to it.
    #[arg(long, env = "PLACEMATCH_CASES")]
    pub cases: Option<PathBuf>,
}

/// The audit trail and who is asking why (PRODUCT.md section 11).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AuditArgs {
    /// Audit database (SQLite); every access to personal data is recorded in it.
    #[arg(long, env = "PLACEMATCH_AUDIT")]
    pub audit: Option<PathBuf>,
    /// Why the data is read (required when an audit database is configured).
    #[arg(long)]
    pub purpose: Option<String>,
    /// Who is running the command (required when an audit database is configured).
    #[arg(long)]
    pub by: Option<String>,
}

/// Where the case store is.
#[derive(Debug, Clone, clap::Args)]
pub struct CaseArgs {
    /// Case store (SQLite, created 0600 if missing): inquiries to sites and their answers.
    #[arg(long = "cases", env = "PLACEMATCH_CASES")]
    pub file: PathBuf,
}

/// How the child's view was sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeardArg {
    /// A conversation with the child (barnets lov § 5, stk. 3).
    Conversation,
    /// Other ways, where a conversation cannot be held (for example because of the child's
    /// age) (§ 5, stk. 4).
    OtherWays,
}

/// A consent's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsentArg {
    /// Given.
    Given,
    /// Refused.
    Refused,
}

impl From<ConsentArg> for crate::cases::Consent {
    fn from(arg: ConsentArg) -> Self {
        match arg {
            ConsentArg::Given => crate::cases::Consent::Given,
            ConsentArg::Refused => crate::cases::Consent::Refused,
        }
    }
}

/// How a placement stands at a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FollowupArg {
    /// The placement goes on.
    Ongoing,
    /// It broke down (sammenbrud).
    Breakdown,
    /// It ended as planned.
    PlannedEnd,
    /// The child moved to another site as planned.
    Moved,
}

impl From<FollowupArg> for crate::cases::FollowupStatus {
    fn from(status: FollowupArg) -> Self {
        use crate::cases::FollowupStatus;
        match status {
            FollowupArg::Ongoing => FollowupStatus::Ongoing,
            FollowupArg::Breakdown => FollowupStatus::Breakdown,
            FollowupArg::PlannedEnd => FollowupStatus::PlannedEnd,
            FollowupArg::Moved => FollowupStatus::Moved,
        }
    }
}

/// Why a placement broke down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CauseArg {
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

impl From<CauseArg> for crate::cases::BreakdownCause {
    fn from(cause: CauseArg) -> Self {
        use crate::cases::BreakdownCause;
        match cause {
            CauseArg::SiteEnded => BreakdownCause::SiteEnded,
            CauseArg::NeedsNotMet => BreakdownCause::NeedsNotMet,
            CauseArg::ChildLeft => BreakdownCause::ChildLeft,
            CauseArg::Parents => BreakdownCause::Parents,
            CauseArg::Other => BreakdownCause::Other,
        }
    }
}

/// Why a site declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeclineArg {
    /// No free place after all.
    NoCapacity,
    /// The site cannot meet the child's needs.
    NeedsNotMet,
    /// The child does not fit the group of children at the site.
    GroupFit,
    /// Not at the time asked.
    Timing,
    /// Another reason.
    Other,
}

impl From<DeclineArg> for crate::cases::DeclineReason {
    fn from(reason: DeclineArg) -> Self {
        use crate::cases::DeclineReason;
        match reason {
            DeclineArg::NoCapacity => DeclineReason::NoCapacity,
            DeclineArg::NeedsNotMet => DeclineReason::NeedsNotMet,
            DeclineArg::GroupFit => DeclineReason::GroupFit,
            DeclineArg::Timing => DeclineReason::Timing,
            DeclineArg::Other => DeclineReason::Other,
        }
    }
}

/// Output format of `shortlist`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShortlistFormat {
    /// Text for a terminal, at most 100 columns.
    Table,
    /// JSON (PRODUCT.md section 9).
    Json,
    /// One row per shortlisted site.
    Csv,
    /// A self-contained, print-ready page for the case file.
    Html,
}

/// Language of texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Danish.
    Da,
    /// English.
    En,
}

impl From<LangArg> for crate::render::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Da => crate::render::Lang::Da,
            LangArg::En => crate::render::Lang::En,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every data file and print every problem with file, line and column.
    ///
    /// Exit 0 when the data is valid (warnings allowed), 65 when invalid, 66 when a file is
    /// missing or unreadable.
    Validate {
        /// Directory with children.csv, sites.csv, municipalities.csv and links.csv.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Most problems to print in the table format; the rest are counted.
        #[arg(long, default_value_t = 100)]
        max_problems: usize,
        /// Language of the problems and the summary (codes, files and columns stay as they are).
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
    },
    /// The children awaiting placement: pseudonym, age, support level, purpose, home
    /// municipality, siblings and network family (no needs, wishes or free text).
    Children {
        /// Language of the texts (table format).
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Ranked, explained eligible sites for one child, with gaps, near misses and exclusions.
    Shortlist {
        /// The child's pseudonymous ID.
        #[arg(long)]
        child: String,
        /// How many eligible sites (and near misses) to show, at least 1.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        top: u64,
        /// Also list every excluded site with its failed rules.
        #[arg(long)]
        explain_excluded: bool,
        /// Language of the texts.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShortlistFormat::Table)]
        format: ShortlistFormat,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Every eligible (child, site) pair as CSV
    /// (`child_id,site_id,total,needs,...,setting,confidence`), scores with 6 decimals.
    Score {
        /// Language of messages: `da` (default) or `en`.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Assign many children at once, optimally under these priorities: most placed, siblings
    /// together (barnets lov § 52, stk. 3), own network family, foster families for children
    /// under the municipality's policy age, then the best total score.
    Assign {
        /// Scenario file (TOML): weights, sibling rule, locks, forbids, sites removed or
        /// added, free places, travel limit.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Write the result to this file (atomically) instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AssignFormat::Table)]
        format: AssignFormat,
        /// Stop the MILP stage after this many seconds and report the best solution with its
        /// proven gap.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Candidate sites per child in the first flow round (more are added when needed).
        #[arg(long, default_value_t = 32)]
        candidates: usize,
        /// Language of the reasons.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Two scenarios side by side: placed, score, siblings together, travel, school changes,
    /// family care share, and which children moved.
    Compare {
        /// Scenario A (TOML).
        a: PathBuf,
        /// Scenario B (TOML).
        b: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Time limit of each MILP stage, seconds.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Language of the labels and texts.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Write a realistic synthetic dataset (byte-identical for the same arguments).
    ///
    /// The data is calibrated to published Danish figures (see data/README.md) and always
    /// passes `validate`. Files are written atomically: a failed run leaves nothing.
    Generate {
        /// Language of messages: `da` (default) or `en`.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Number of children awaiting placement.
        #[arg(long)]
        children: usize,
        /// Number of sites.
        #[arg(long)]
        sites: usize,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output directory; created if missing.
        #[arg(long)]
        out: PathBuf,
        /// Reference date the site `updated` dates are drawn back from (YYYY-MM-DD).
        #[arg(long, default_value = crate::generate::DEFAULT_AS_OF)]
        as_of: String,
        /// Replace the dataset files if the output directory already has them.
        #[arg(long)]
        force: bool,
        /// Also write a case store `cases.sqlite` with a synthetic history: past children
        /// (`H-00001`…, three per child of the batch, at least 300) placed at the generated
        /// sites over the three years before --as-of, the sites asked and their answers,
        /// follow-ups, and breakdowns that depend on the match (see data/README.md), for
        /// `report outcomes`, `case` and `due`.
        #[arg(long)]
        history: bool,
    },
    /// Serve the HTTP API and the web page on the loaded data (PRODUCT.md section 10).
    ///
    /// Without --tokens every caller has every role, so the server binds to loopback only.
    /// SIGTERM or Ctrl-C stops it after in-flight requests finish.
    #[cfg(feature = "server")]
    Serve {
        /// Language of messages: `da` (default) or `en`.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Token file (TOML) mapping bearer tokens to a user and a role.
        #[arg(long)]
        tokens: Option<PathBuf>,
        /// Largest request body, bytes.
        #[arg(long, default_value_t = 256 * 1024)]
        max_body: usize,
        /// Longest time for one request, seconds (assignments stop their search before).
        #[arg(long, default_value_t = 30.0)]
        request_timeout: f64,
        /// Requests under /api/ in flight at once; more are answered 503.
        #[arg(long, default_value_t = 64)]
        max_in_flight: usize,
        /// Open connections at once; more are closed at once.
        #[arg(long, default_value_t = 512)]
        max_connections: usize,
        /// Longest time a client may take to send a request's headers, seconds (also how long
        /// an idle connection is kept); then the connection is closed.
        #[arg(long, default_value_t = 10.0)]
        header_timeout: f64,
        /// Audit database; every API request that reads personal data is recorded, with the
        /// token's user and role and the `X-Purpose` header (then required).
        #[arg(long, env = "PLACEMATCH_AUDIT")]
        audit: Option<PathBuf>,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Record a person's decision for a child, with the site's rank and flags at that moment.
    ///
    /// A reason is required when the site is not the top-ranked eligible one or a legal
    /// default (siblings, school, family care, network family) is flagged. Deciding for an
    /// excluded site is refused. Needs an audit database.
    Decide {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// The chosen site.
        #[arg(long)]
        site: String,
        /// Why this site (kept in the audit database and written into `--document`; never
        /// printed).
        #[arg(long)]
        reason: Option<String>,
        /// Write the decision basis for the case file (afgørelsesgrundlag) to this HTML file,
        /// print-ready on A4; its SHA-256 is recorded with the decision.
        #[arg(long)]
        document: Option<PathBuf>,
        /// Language of the confirmation and the document.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Output format of the confirmation.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Audit options (`--by` and `--audit` required).
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Records that sites were asked to take a child (in the case store).
    Inquire {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// A site asked (repeat for several).
        #[arg(long = "site", required = true)]
        sites: Vec<String>,
        /// The day the sites were asked (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        on: Option<String>,
        /// Language of the confirmation.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Records that the child's view was sought before the decision: a conversation with the
    /// child (barnets lov § 5, stk. 3) or, where one cannot be held (for example because of the
    /// child's age), other ways (stk. 4).
    Conversation {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        held_on: String,
        /// How the child's view was sought.
        #[arg(long, value_enum, default_value_t = HeardArg::Conversation)]
        how: HeardArg,
        /// Language of the confirmation.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Records the child's and the parents' views and the consents (in the case store): the
    /// child's wishes in the child's own words, the parents' wishes, the child's resources,
    /// the custody holder's consent (barnets lov § 46) and the child's own (§ 46 from 15;
    /// § 98 for a change of site from 12). Give at least one; the others keep their values.
    Views {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// The child's wishes in the child's own words (at most 1,000 characters; never in an
        /// error or a log).
        #[arg(long)]
        child_wishes: Option<String>,
        /// The parents' wishes (at most 1,000 characters; never in an error or a log).
        #[arg(long)]
        parents_wishes: Option<String>,
        /// The child's resources (at most 1,000 characters; never in an error or a log).
        #[arg(long)]
        resources: Option<String>,
        /// The custody holder's consent to the placement (barnets lov § 46) or, for a child
        /// already placed, to the change of placement site (§ 98).
        #[arg(long, value_enum)]
        parents_consent: Option<ConsentArg>,
        /// The child's own consent (§ 46 from 15; § 98 for a change of site from 12).
        #[arg(long, value_enum)]
        child_consent: Option<ConsentArg>,
        /// The day (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        on: Option<String>,
        /// Language of the confirmation.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Records a site's answer: accepted (possibly with conditions) or declined (with a reason).
    Respond {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// The site that answered.
        #[arg(long)]
        site: String,
        /// The site accepts.
        #[arg(long, conflicts_with = "decline", required_unless_present = "decline")]
        accept: bool,
        /// The site declines.
        #[arg(long, requires = "reason")]
        decline: bool,
        /// Why the site declined.
        #[arg(long, value_enum, requires = "decline", conflicts_with = "accept")]
        reason: Option<DeclineArg>,
        /// Conditions agreed with the site (at most 1,000 characters; never printed in errors).
        #[arg(long, conflicts_with = "decline")]
        conditions: Option<String>,
        /// A need whose gap the conditions cover (repeat for several), as the data's need code
        /// (e.g. trauma, adhd, attachment): the site lacks the competence (the shortlist's gap),
        /// and the support agreed covers it.
        #[arg(long = "closes", value_name = "NEED", requires = "conditions")]
        closes: Vec<String>,
        /// The day of the answer (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        on: Option<String>,
        /// Language of the confirmation.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Records how the child's latest placement stands: a follow-up (needs the placement
    /// recorded by `decide --cases`).
    Followup {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// The day of the follow-up (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        at: Option<String>,
        /// How the placement stands.
        #[arg(long, value_enum)]
        status: FollowupArg,
        /// Why it broke down (with `--status breakdown`).
        #[arg(long, value_enum)]
        cause: Option<CauseArg>,
        /// Language of the confirmation.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// The follow-ups due: after 14 days, 3, 6 and 12 months from each recorded placement,
    /// those not yet recorded.
    Due {
        /// The day to look from (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        on: Option<String>,
        /// Also list what falls due this many days ahead.
        #[arg(long, default_value_t = 14)]
        within: u32,
        /// Weights file whose `[policy]` table sets the follow-ups (`followups = ["14_days",
        /// "3_months", "6_months", "12_months"]`, the default).
        #[arg(long)]
        weights: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Language of the table.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Case options.
        #[command(flatten)]
        cases: CaseArgs,
    },
    /// The child's process on one screen: the child conversation, the child's and the
    /// parents' views and the consents, the sites asked and their answers, the decision and its
    /// follow-ups with the next one due.
    Case {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// Directory with the data (for the child's age, which decides the consents asked).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Weights file whose `[policy]` table sets the follow-ups (default: 14 days, 3, 6
        /// and 12 months).
        #[arg(long)]
        weights: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Language of the table.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Case options.
        #[command(flatten)]
        cases: CaseArgs,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
    },
    /// The audit trail: check the chain, or list every access to one child's data.
    Audit {
        /// What to do.
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Aggregate reports.
    Report {
        /// Which report.
        #[command(subcommand)]
        report: ReportKind,
    },
}

/// Output formats of audit extracts and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Text for a terminal.
    Table,
    /// JSON.
    Json,
    /// CSV, formula-leading cells escaped.
    Csv,
}

/// `placematch audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Walk the hash chain and report the first broken or missing record (exit 65).
    Verify {
        /// Language of the report and messages: `da` (default) or `en`.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit database.
        #[arg(long, env = "PLACEMATCH_AUDIT")]
        audit: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// The head hash kept elsewhere from an earlier verify: a different head means records
        /// were removed from the end or the trail was replaced (exit 65).
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
        /// After an intact verify, write the head hash and record count to FILE (keep it on
        /// another machine or medium, and pass it back with --expect-head).
        #[arg(long, value_name = "FILE")]
        write_head: Option<PathBuf>,
    },
    /// Every access to one child's data: time, user, role, purpose, command (a data
    /// subject's request). The extract is itself recorded.
    Extract {
        /// The child's pseudonym.
        #[arg(long)]
        child: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Language of the table (roles and commands in words, Danish local time).
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options (`--audit`, `--purpose` and `--by` required).
        #[command(flatten)]
        audit: AuditArgs,
    },
}

/// `placematch report ...`.
#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Where one more place would help the most children: the LP's dual prices rank the
    /// sites, the best of each region and site type are verified by solving again, and only
    /// verified gains are shown; plus where the assignment falls short.
    Recruit {
        /// Analyse this scenario instead of the data as it stands.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// How many candidates to verify by solving again (each takes about one assignment).
        #[arg(long, default_value_t = crate::recruit::DEFAULT_VERIFY as u64, value_parser = clap::value_parser!(u64).range(1..=50))]
        verify: u64,
        /// Seconds for the whole report; solves it stops are marked not proven.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Language of the texts.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
    /// Does the matching work? Breakdowns within 12 months of each recorded placement, by
    /// total score band, flag overridden, site type and region, with 95 % intervals and small
    /// cells suppressed; and what each element's score tells about breakdown, with proposed
    /// weights only when the evidence is strong. Aggregate only: never a figure about one
    /// child, never a risk score.
    Outcomes {
        /// The day to look from (YYYY-MM-DD; default: today, Danish time).
        #[arg(long)]
        on: Option<String>,
        /// The weights in use (TOML), whose shares the proposal keeps at least half of
        /// (default: the product's weights).
        #[arg(long)]
        weights: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Language of the table.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Case options.
        #[command(flatten)]
        cases: CaseArgs,
    },
    /// Fairness figures by region, age band and sex, from the recorded decisions (or from a
    /// scenario's assignment); cells with fewer than 5 children are suppressed.
    Fairness {
        /// Use this scenario's optimal assignment instead of the recorded decisions.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Language of the table.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Audit options.
        #[command(flatten)]
        audit: AuditArgs,
        /// Common options.
        #[command(flatten)]
        scoring: ScoringArgs,
    },
}
