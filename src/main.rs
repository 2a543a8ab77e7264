//! The `placematch` binary: parse, dispatch, print the error, choose the exit code.
//!
//! A panic is a bug in placematch. It must never reach a user as a backtrace with data in it:
//! the hook prints one line without the panic's message (which could hold a value from the
//! input) and the process exits 70.

use std::process::ExitCode;

/// Exit code of an internal error (PRODUCT.md section 7).
const INTERNAL: u8 = 70;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|location| format!(" at {}:{}", location.file(), location.line()))
            .unwrap_or_default();
        eprintln!(
            "placematch: {}",
            placematch::cli::internal_error_words(&place)
        );
        std::process::exit(i32::from(INTERNAL));
    }));
    match placematch::cli::run_from_env() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("placematch: {error}");
            ExitCode::from(error.code as u8)
        }
    }
}
