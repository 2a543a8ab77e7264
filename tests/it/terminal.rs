//! Progress on long work (issue 17): `assign` draws a progress line on stderr when stderr is a
//! terminal and the search runs over a second, and prints none when stderr is piped.

use std::io::Read;
use std::path::PathBuf;
use std::process::Stdio;

/// The bundled data, with siblings allowed to split: the MILP runs to the time limit.
fn slow_assign(dir: &std::path::Path) -> std::process::Command {
    let scenario = dir.join("split.toml");
    std::fs::write(&scenario, "siblings = \"allow_split\"\n").unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("placematch"));
    command
        .env("NO_COLOR", "1")
        .env_remove("PLACEMATCH_AUDIT")
        .args([
            "assign",
            "--as-of",
            "2026-11-23",
            "--time-limit",
            "2",
            "--format",
            "json",
        ])
        .arg("--data")
        .arg(&data)
        .arg("--scenario")
        .arg(&scenario);
    command
}

#[cfg(unix)]
#[test]
fn a_long_assign_shows_progress_on_a_terminal_and_nothing_when_piped() {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let dir = tempfile::tempdir().unwrap();

    // stderr on a pseudo-terminal: the progress line appears, in Danish by default.
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let terminal = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    let mut child = slow_assign(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::from(terminal))
        .spawn()
        .unwrap();
    // The terminal's output is read while the command runs (a full buffer would block it);
    // reading ends with an error once the command has exited and the terminal is closed.
    let mut reader = std::fs::File::from(master);
    let drained = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(read) = reader.read(&mut chunk) {
            if read == 0 {
                break;
            }
            seen.extend_from_slice(&chunk[..read]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    let shown = drained.join().unwrap();
    assert!(
        shown.contains("placematch assign") && shown.contains("søgetrin"),
        "no progress line on the terminal: {shown:?}"
    );

    // Piped: no progress line, only the summary notes a script may read.
    let output = slow_assign(dir.path()).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("søgetrin"),
        "a progress line when piped: {stderr}"
    );
    assert!(
        !stderr.contains('\r'),
        "terminal control on a pipe: {stderr:?}"
    );
}
