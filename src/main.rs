//! The `placematch` binary: parse, dispatch, print the error, choose the exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match placematch::cli::run_from_env() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("placematch: {error}");
            ExitCode::from(error.code as u8)
        }
    }
}
