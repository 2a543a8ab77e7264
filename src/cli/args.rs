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

/// Output format of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Human-readable lines.
    Table,
    /// One JSON document.
    Json,
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
    },
    /// Write a realistic synthetic dataset (byte-identical for the same arguments).
    ///
    /// The data is calibrated to published Danish figures (see data/README.md) and always
    /// passes `validate`. Files are written atomically: a failed run leaves nothing.
    Generate {
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
    },
}
