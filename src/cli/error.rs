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

/// The language of this process's messages: the command's `--lang` (Danish by default), set
/// once when the command line is read.
static LANG: std::sync::OnceLock<crate::render::Lang> = std::sync::OnceLock::new();

/// Sets the language of messages from the command line's `--lang` (`--lang en` or
/// `--lang=en`); Danish otherwise. The first call wins.
pub(crate) fn set_lang_from_args(args: impl IntoIterator<Item = std::ffi::OsString>) {
    let _ = LANG.set(if english_requested(args) {
        crate::render::Lang::En
    } else {
        crate::render::Lang::Da
    });
}

/// Whether the command line asks for English (`--lang en` or `--lang=en`).
fn english_requested(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    let args: Vec<String> = args
        .into_iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().any(|(idx, arg)| {
        arg == "--lang=en"
            || (arg == "--lang" && args.get(idx + 1).is_some_and(|next| next == "en"))
    })
}

/// The language of messages (Danish unless set otherwise).
pub(crate) fn lang() -> crate::render::Lang {
    LANG.get().copied().unwrap_or(crate::render::Lang::Da)
}

/// Prints a note on stderr (`placematch: …`) in the user's language.
pub(crate) fn note(danish: impl AsRef<str>, english: impl AsRef<str>) {
    match lang() {
        crate::render::Lang::Da => eprintln!("placematch: {}", danish.as_ref()),
        crate::render::Lang::En => eprintln!("placematch: {}", english.as_ref()),
    }
}

/// The words for a panic, in the user's language (the process then exits 70).
pub fn internal_error_words(place: &str) -> String {
    match lang() {
        crate::render::Lang::Da => format!(
            "intern fejl{place}; dette er en fejl i placematch, meld den venligst (ingen data vises)"
        ),
        crate::render::Lang::En => format!(
            "internal error{place}; this is a bug in placematch, please report it (no data is shown)"
        ),
    }
}

impl CliError {
    /// A failure said in the user's language: Danish, or English with `--lang en`.
    pub fn said(code: ExitCode, danish: impl Into<String>, english: impl Into<String>) -> Self {
        CliError {
            code,
            message: match lang() {
                crate::render::Lang::Da => danish.into(),
                crate::render::Lang::En => english.into(),
            },
        }
    }

    /// A failure said in the user's language by a function of the language (the `render`
    /// functions for library errors).
    pub fn worded(code: ExitCode, words: impl Fn(crate::render::Lang) -> String) -> Self {
        CliError::said(
            code,
            words(crate::render::Lang::Da),
            words(crate::render::Lang::En),
        )
    }

    /// A failure with the given exit code, in one wording for every language (a system
    /// message, or text with no words to translate).
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

#[cfg(test)]
mod tests {
    use super::english_requested;

    #[test]
    fn messages_are_english_only_when_asked_for() {
        let args = |line: &str| {
            line.split(' ')
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert!(english_requested(args(
            "placematch shortlist --child C-1 --lang en"
        )));
        assert!(english_requested(args("placematch shortlist --lang=en")));
        assert!(!english_requested(args("placematch shortlist --child C-1")));
        assert!(!english_requested(args("placematch shortlist --lang da")));
        assert!(!english_requested(args(
            "placematch shortlist --child en --lang"
        )));
    }
}
