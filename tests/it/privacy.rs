//! Privacy as a test: across the commands, with CPR-like values and free text planted in
//! every place a user can put them (data cells, IDs, purposes, reasons), nothing of it
//! reaches stderr, and failed runs print no result.

use std::ffi::OsStr;

use crate::support::{CHILDREN, data_dir, run_args};

const CPR: &str = "010203-1234";
const REASON: &str = "mother has schizophrenia";

#[test]
fn no_cpr_number_or_free_text_reaches_stderr() {
    // A children file with a CPR number as an ID and in a needs cell.
    let hostile = CHILDREN
        .replace("C-3,15", &format!("{CPR},15"))
        .replace("adhd:2|trauma:1", &format!("adhd:2|{CPR}:1"));
    let bad = data_dir(&[("children.csv", Some(hostile.as_bytes()))]);
    let good = data_dir(&[]);
    let audit = good.path().join("audit.sqlite");
    let not_a_db = good.path().join("dir");
    std::fs::create_dir(&not_a_db).unwrap();
    let bad_data = bad.path().as_os_str();
    let data = good.path().as_os_str();
    let s = OsStr::new;
    let runs: Vec<Vec<&OsStr>> = vec![
        vec![s("validate"), s("--data"), bad_data],
        vec![
            s("validate"),
            s("--data"),
            bad_data,
            s("--format"),
            s("json"),
        ],
        vec![
            s("shortlist"),
            s("--child"),
            s("C-1"),
            s("--data"),
            bad_data,
        ],
        vec![s("shortlist"), s("--child"), s(CPR), s("--data"), data],
        vec![s("assign"), s("--data"), bad_data],
        vec![s("score"), s("--data"), bad_data],
        vec![
            s("shortlist"),
            s("--child"),
            s("C-1"),
            s("--data"),
            data,
            s("--audit"),
            not_a_db.as_os_str(),
            s("--purpose"),
            s(REASON),
            s("--by"),
            s(CPR),
        ],
        vec![
            s("decide"),
            s("--child"),
            s("C-1"),
            s("--site"),
            s("S-6"),
            s("--reason"),
            s(REASON),
            s("--data"),
            data,
            s("--audit"),
            audit.as_os_str(),
            s("--purpose"),
            s(REASON),
            s("--by"),
            s("anna"),
        ],
        vec![
            s("decide"),
            s("--child"),
            s(CPR),
            s("--site"),
            s("S-1"),
            s("--reason"),
            s(REASON),
            s("--data"),
            data,
            s("--audit"),
            audit.as_os_str(),
            s("--purpose"),
            s(REASON),
            s("--by"),
            s("anna"),
        ],
        vec![
            s("decide"),
            s("--child"),
            s("C-1"),
            s("--site"),
            s("S-2"),
            s("--reason"),
            s(REASON),
            s("--data"),
            data,
            s("--audit"),
            audit.as_os_str(),
            s("--purpose"),
            s(REASON),
            s("--by"),
            s("anna"),
        ],
        vec![
            s("audit"),
            s("extract"),
            s("--child"),
            s(CPR),
            s("--audit"),
            audit.as_os_str(),
            s("--purpose"),
            s(REASON),
            s("--by"),
            s("anna"),
        ],
        vec![s("audit"), s("verify"), s("--audit"), audit.as_os_str()],
    ];
    let mut failures = 0;
    for args in &runs {
        let (code, stdout, stderr) = run_args(args);
        for secret in [CPR, REASON] {
            assert!(
                !stderr.contains(secret),
                "{args:?} leaked into stderr: {stderr}"
            );
        }
        if code != 0 {
            failures += 1;
            assert!(
                stdout.is_empty() || args[0] == "validate",
                "{args:?} failed but printed a result"
            );
        }
    }
    assert!(failures >= 6, "the hostile runs fail ({failures})");
}
