//! Issue 13, item 8: every file placematch reads is bounded. A device (`/dev/zero`), a FIFO
//! or an oversized settings file is refused at once with a clear error, never read without
//! end, never waited on.

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use crate::support::{data_dir, run_args};

fn run(args: &[&OsStr]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let (code, stdout, stderr) = run_args(args);
    (code, stdout, stderr, started.elapsed())
}

#[test]
fn devices_fifos_and_oversized_settings_files_are_refused_at_once() {
    let dir = data_dir(&[]);
    let data = dir.path().as_os_str();
    let os = OsStr::new;

    // /dev/zero as weights or scenario: refused, not read until memory runs out.
    for flag in ["--weights", "--scenario"] {
        let mut args = vec![
            os("assign"),
            os("--data"),
            data,
            os("--as-of"),
            os("2026-11-01"),
        ];
        args.extend([os(flag), os("/dev/zero")]);
        let (code, stdout, stderr, took) = run(&args);
        assert_ne!(code, 0, "{flag}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("er ikke en almindelig fil"),
            "{flag}: {stderr}"
        );
        assert!(took < Duration::from_secs(10), "{flag}: {took:?}");
    }

    // A settings file over 1 MiB.
    let big = dir.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; 2 * 1024 * 1024]).unwrap();
    let (code, _, stderr, _) = run(&[
        os("assign"),
        os("--data"),
        data,
        os("--as-of"),
        os("2026-11-01"),
        os("--scenario"),
        big.as_os_str(),
    ]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("er større end de 1.048.576 bytes"),
        "{stderr}"
    );

    // A FIFO as a data file: refused at once instead of waiting for a writer.
    let fifo_dir = data_dir(&[]);
    let children = fifo_dir.path().join("children.csv");
    std::fs::remove_file(&children).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&children)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, _, stderr, took) = run(&[os("validate"), os("--data"), fifo_dir.path().as_os_str()]);
    assert_ne!(code, 0);
    assert!(stderr.contains("er ikke en almindelig fil"), "{stderr}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

/// Issue 13, item 9: a scenario's `add_sites` must lie in the scenario's folder (symbolic
/// links resolved) unless the person running it passes `--allow-outside`.
#[test]
fn add_sites_outside_the_scenario_folder_needs_allow_outside() {
    let dir = data_dir(&[]);
    let os = OsStr::new;
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir(&scenarios).unwrap();
    let outside = dir.path().join("outside.csv");
    std::fs::copy(dir.path().join("sites.csv"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, scenarios.join("link.csv")).unwrap();
    for target in ["../outside.csv", "link.csv"] {
        let scenario = scenarios.join("s.toml");
        std::fs::write(&scenario, format!("add_sites = \"{target}\"\n")).unwrap();
        let base = [
            os("assign"),
            os("--data"),
            dir.path().as_os_str(),
            os("--as-of"),
            os("2026-11-01"),
            os("--scenario"),
            scenario.as_os_str(),
        ];
        let (code, stdout, stderr, _) = run(&base);
        assert_eq!(code, 65, "{target}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("uden for scenariets mappe"), "{stderr}");
        let mut allowed = base.to_vec();
        allowed.push(os("--allow-outside"));
        let (_, _, stderr, _) = run(&allowed);
        assert!(
            !stderr.contains("outside this scenario's folder"),
            "{stderr}"
        );
    }
}

/// Runs placematch with its address space capped at 1 GiB, as an operator's `ulimit` would.
fn run_capped(args: &[&OsStr]) -> (i32, String, String) {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_placematch"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Issue 13, item 8: hostile shapes of a data file (a 40 MB header of commas, a 40 MB data
/// line, more rows than accepted, a device) get a clear error naming the file, within a
/// 1 GiB memory limit, and nothing from the file is echoed.
#[test]
fn hostile_data_files_are_refused_within_a_memory_limit() {
    let header = crate::support::CHILDREN.lines().next().unwrap();
    let commas = vec![b','; 40 * 1024 * 1024];
    let mut long_header = commas.clone();
    long_header.extend_from_slice(b"\n");
    let mut long_line = format!("{header}\n").into_bytes();
    long_line.extend_from_slice(&commas);
    long_line.extend_from_slice(b"\n");
    let mut many_rows = format!("{header}\n").into_bytes();
    let row = crate::support::CHILDREN.lines().nth(1).unwrap();
    for _ in 0..=placematch::io::MAX_ROWS {
        many_rows.extend_from_slice(row.as_bytes());
        many_rows.push(b'\n');
    }
    let cases: [(&str, &[u8], &str); 3] = [
        ("header", &long_header, "header row is longer than"),
        ("line", &long_line, "line is longer than"),
        ("rows", &many_rows, "data rows"),
    ];
    for (case, bytes, expected) in cases {
        let dir = data_dir(&[("children.csv", Some(bytes))]);
        let (code, stdout, stderr) = run_capped(&[
            OsStr::new("validate"),
            OsStr::new("--lang"),
            OsStr::new("en"),
            OsStr::new("--data"),
            dir.path().as_os_str(),
        ]);
        // The report is on stdout, the one-line summary on stderr.
        let said = format!("{stdout}{stderr}");
        assert_eq!(code, 65, "{case}: {said}");
        assert!(said.contains("children.csv"), "{case}: {said}");
        assert!(said.contains(expected), "{case}: {said}");
        assert!(!said.contains(row), "{case}: a row was echoed");
        assert!(said.len() < 2000, "{case}: {} bytes of errors", said.len());
    }

    // A data file that is a device: refused, under the same limit.
    let dir = data_dir(&[]);
    let children = dir.path().join("children.csv");
    std::fs::remove_file(&children).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &children).unwrap();
    let (code, _, stderr) = run_capped(&[
        OsStr::new("validate"),
        OsStr::new("--data"),
        dir.path().as_os_str(),
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("er ikke en almindelig fil"), "{stderr}");
}

/// Issue 13, item 9: a run stopped by SIGTERM or SIGINT while its output is being written
/// leaves no temporary files and no partial output.
#[test]
fn a_stopped_write_leaves_no_temporary_files() {
    for signal in ["TERM", "INT"] {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_placematch"))
            .args(["generate", "--children", "20000", "--sites", "5000"])
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let staging = || {
            std::fs::read_dir(root.path())
                .unwrap()
                .filter_map(Result::ok)
                .any(|entry| {
                    entry
                        .file_name()
                        .to_string_lossy()
                        .starts_with(".placematch-")
                })
        };
        let started = Instant::now();
        while !staging() && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(staging(), "{signal}: the staging folder never appeared");
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        let expected = if signal == "TERM" { 143 } else { 130 };
        assert_eq!(status.code(), Some(expected), "{signal}");
        let left: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name())
            .collect();
        assert!(left.is_empty(), "{signal}: left behind {left:?}");
    }
}
