//! The command line itself: help and usage errors in the user's language, Danish by default.

use crate::support::placematch;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = placematch().args(args).output().expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

#[test]
fn help_is_danish_by_default_and_english_with_lang_en() {
    let (code, out, _) = run(&["shortlist", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Brug: placematch shortlist --child <ID> [TILVALG]"),
        "{out}"
    );
    assert!(out.contains("Barnets pseudonym."), "{out}");
    assert!(
        out.contains("- html: en selvstændig side, klar til print til sagen"),
        "{out}"
    );
    for english in ["Usage", "Options", "Print help", "[default"] {
        assert!(!out.contains(english), "{english}: {out}");
    }
    let (code, out, _) = run(&["shortlist", "--lang", "en", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: placematch shortlist"), "{out}");
    assert!(out.contains("The child's pseudonymous ID"), "{out}");
}

#[test]
fn a_mistyped_option_is_one_danish_line_with_the_nearest_option_and_exit_2() {
    let (code, out, err) = run(&["assign", "--scenaro", "x.toml"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err,
        "placematch: ukendt tilvalg `--scenaro` (mente du `--scenario`?); se `placematch --help`\n"
    );
    let (code, _, err) = run(&["assign", "--scenaro", "x.toml", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unexpected argument '--scenaro'"),
        "{err}"
    );
}

#[test]
fn a_missing_command_shows_the_danish_help_and_exits_2() {
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Brug: placematch [TILVALG] <KOMMANDO>"),
        "{err}"
    );
    assert!(err.contains("Kommandoer:"), "{err}");
}
