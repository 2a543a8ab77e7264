//! CLI failures and their exit codes (PRODUCT.md section 7).

use std::fmt;

/// Exit codes; they follow BSD `sysexits.h` where one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// 2: bad command line (clap uses it too).
    Usage = 2,
    /// 65: the input data is invalid.
    InvalidData = 65,
    /// 66: an input file is missing or unreadable.
    NoInput = 66,
    /// 70: a bug in placematch.
    Internal = 70,
    /// 73: output cannot be written.
    CannotWrite = 73,
}

/// A failed command: the exit code and a message for stderr (without personal data).
#[derive(Debug)]
pub struct CliError {
    /// Exit code for the process.
    pub code: ExitCode,
    /// One-line message; may hold several causes joined by `: `.
    pub message: String,
}

impl CliError {
    /// A failure with the given exit code.
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        CliError {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}
