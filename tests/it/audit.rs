//! The audit trail end to end: every command that reads personal data is in the chain,
//! tampering is caught, a failed audit write gives no result, decisions need reasons, the
//! fairness report suppresses small cells, and no personal text reaches stderr.

use std::ffi::OsStr;
use std::path::Path;

use serde_json::Value;

use crate::support::{data_dir, last_record, run_args};

const AS_OF: &str = "2026-11-01";
/// A free-text marker that must never appear in stderr.
const SECRET: &str = "Barnet har autisme og vil bo ved mormor";

/// Runs a command with the fixture data, the audit database and `--as-of`.
fn run(data: &Path, audit: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let command = args[0];
    if !matches!(command, "audit") {
        all.extend([OsStr::new("--data"), data.as_os_str()]);
        all.extend([OsStr::new("--as-of"), OsStr::new(AS_OF)]);
    }
    all.extend([OsStr::new("--audit"), audit.as_os_str()]);
    run_args(&all)
}

fn audited(args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(ToString::to_string).collect();
    all.extend(["--purpose", "placement of C-1", "--by", "anna"].map(String::from));
    all
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn extract(data: &Path, audit: &Path, child: &str) -> Value {
    let args = audited(&["audit", "extract", "--child", child, "--format", "json"]);
    let (code, stdout, stderr) = run(data, audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn verify(audit: &Path) -> (i32, String) {
    let (code, stdout, _) = run_args(&[
        OsStr::new("audit"),
        OsStr::new("verify"),
        OsStr::new("--audit"),
        audit.as_os_str(),
    ]);
    (code, stdout)
}

#[test]
fn a_streamed_score_is_recorded_with_the_hash_of_what_was_printed() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let (code, plain, stderr) = run_args(&[
        OsStr::new("score"),
        OsStr::new("--data"),
        dir.path().as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new(AS_OF),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, audited_out, stderr) = run(dir.path(), &audit, &strs(&audited(&["score"])));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(audited_out, plain);
    assert!(plain.lines().count() > 1);
    assert_eq!(
        last_record(&audit).result_hash,
        placematch::audit::sha256_hex(plain.as_bytes())
    );
}

#[test]
fn every_shortlist_assign_compare_and_score_run_is_in_the_chain() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let scenario = dir.path().join("b.toml");
    std::fs::write(&scenario, "name = \"b\"\nremove_sites = [\"S-5\"]\n").unwrap();
    let scenario = scenario.to_str().unwrap();
    for args in [
        vec!["shortlist", "--child", "C-1", "--format", "json"],
        vec!["assign", "--format", "json"],
        vec!["compare", scenario, scenario],
        vec!["score"],
    ] {
        let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&audited(&args)));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stdout.is_empty());
    }
    let (code, report) = verify(&audit);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("intakt: 4 poster"), "{report}");

    let accesses = extract(dir.path(), &audit, "C-1");
    let commands: Vec<&str> = accesses["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|access| access["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands, ["shortlist", "assign", "compare", "score"]);
    let first = &accesses["accesses"][0];
    assert_eq!(first["user"], "anna");
    assert_eq!(first["role"], "coordinator");
    assert_eq!(first["purpose"], "placement of C-1");
    // C-3 was not shortlisted: three accesses, and the extract itself is now recorded.
    assert_eq!(
        extract(dir.path(), &audit, "C-3")["accesses"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(verify(&audit).0, 0);
    assert!(verify(&audit).1.contains("intakt: 6 poster"));
}

#[test]
fn auditing_requires_purpose_and_user() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let (code, stdout, stderr) = run(
        dir.path(),
        &audit,
        &["shortlist", "--child", "C-1", "--by", "anna"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("--purpose skal angives"), "{stderr}");
    let (code, _, stderr) = run(
        dir.path(),
        &audit,
        &["shortlist", "--child", "C-1", "--purpose", "x"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--by skal angives"), "{stderr}");
}

#[test]
fn a_failed_audit_write_gives_no_result_and_no_file() {
    let dir = data_dir(&[]);
    // A directory cannot be opened as a database.
    let audit = dir.path().join("not-a-file");
    std::fs::create_dir(&audit).unwrap();
    let out = dir.path().join("result.json");
    let args = audited(&["assign", "--format", "json", "--out", out.to_str().unwrap()]);
    let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!out.exists(), "no output file without an audit record");
    assert!(stderr.contains("skal være en almindelig fil"), "{stderr}");

    // A database that becomes read-only after opening: the append fails.
    let audit = dir.path().join("ro.sqlite");
    let (code, _, stderr) = run(
        dir.path(),
        &audit,
        &strs(&audited(&["shortlist", "--child", "C-1"])),
    );
    assert_eq!(code, 0, "{stderr}");
    let mut permissions = std::fs::metadata(&audit).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&audit, permissions).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &audit,
        &strs(&audited(&["shortlist", "--child", "C-1"])),
    );
    // Root may still write a read-only file; then the run succeeds and is recorded.
    if code != 0 {
        assert_eq!(code, 73, "{stderr}");
        assert!(stdout.is_empty());
    } else {
        assert_eq!(verify(&audit).0, 0);
    }
}

/// Appends `n` accesses and returns the database path.
fn chain(dir: &Path, n: usize) -> std::path::PathBuf {
    let audit = dir.join("chain.sqlite");
    for _ in 0..n {
        let (code, _, stderr) = run(
            dir,
            &audit,
            &strs(&audited(&[
                "shortlist",
                "--child",
                "C-1",
                "--format",
                "json",
            ])),
        );
        assert_eq!(code, 0, "{stderr}");
    }
    audit
}

fn tamper(audit: &Path, sql: &str) {
    let connection = rusqlite::Connection::open(audit).unwrap();
    connection
        .execute_batch(&format!(
            "DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete; {sql}"
        ))
        .unwrap();
}

#[test]
fn verify_names_an_edited_record() {
    let dir = data_dir(&[]);
    let audit = chain(dir.path(), 4);
    tamper(
        &audit,
        "UPDATE records SET body = replace(body, 'anna', 'bent') WHERE seq = 3;",
    );
    let (code, report) = verify(&audit);
    assert_eq!(code, 65);
    assert!(report.contains("BRUDT ved post 3"), "{report}");
    assert!(report.contains("ændret"), "{report}");
}

#[test]
fn verify_names_an_edited_record_whose_hash_was_recomputed() {
    let dir = data_dir(&[]);
    let audit = chain(dir.path(), 4);
    let connection = rusqlite::Connection::open(&audit).unwrap();
    let body: String = connection
        .query_row("SELECT body FROM records WHERE seq = 2", [], |row| {
            row.get(0)
        })
        .unwrap();
    let forged = body.replace("anna", "bent");
    let hash = placematch::audit::sha256_hex(forged.as_bytes());
    drop(connection);
    tamper(
        &audit,
        &format!("UPDATE records SET body = '{forged}', hash = '{hash}' WHERE seq = 2;"),
    );
    let (code, report) = verify(&audit);
    assert_eq!(code, 65);
    assert!(
        report.contains("BRUDT ved post 2") && report.contains("nøglebaserede hash"),
        "a plain SHA-256 no longer matches the keyed chain: {report}"
    );
}

#[test]
fn verify_names_a_deleted_record() {
    let dir = data_dir(&[]);
    let audit = chain(dir.path(), 4);
    tamper(&audit, "DELETE FROM records WHERE seq = 2;");
    let (code, report) = verify(&audit);
    assert_eq!(code, 65);
    assert!(report.contains("BRUDT ved post 2"), "{report}");
    assert!(report.contains("en post mangler"), "{report}");
}

#[test]
fn verify_names_reordered_records() {
    let dir = data_dir(&[]);
    let audit = chain(dir.path(), 4);
    // Swap the contents of records 2 and 3 (keeping each body with its own hash).
    tamper(
        &audit,
        "CREATE TEMP TABLE t AS SELECT * FROM records WHERE seq IN (2, 3);
         UPDATE records SET body = (SELECT body FROM t WHERE seq = 3), hash = (SELECT hash FROM t WHERE seq = 3) WHERE seq = 2;
         UPDATE records SET body = (SELECT body FROM t WHERE seq = 2), hash = (SELECT hash FROM t WHERE seq = 2) WHERE seq = 3;",
    );
    let (code, report) = verify(&audit);
    assert_eq!(code, 65);
    assert!(report.contains("BRUDT ved post 2"), "{report}");
}

fn shortlist(data: &Path) -> Value {
    let (code, stdout, stderr) = run_args(&[
        OsStr::new("shortlist"),
        OsStr::new("--child"),
        OsStr::new("C-1"),
        OsStr::new("--top"),
        OsStr::new("50"),
        OsStr::new("--explain-excluded"),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--data"),
        data.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new(AS_OF),
    ]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn decisions_need_a_reason_when_overriding_and_excluded_sites_are_refused() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let view = shortlist(dir.path());
    let second = view["eligible"][1]["site_id"].as_str().unwrap();
    let excluded = view["excluded"][0]["site_id"].as_str().unwrap();

    let decide = |site: &str, reason: Option<&str>| {
        let mut args = audited(&["decide", "--child", "C-1", "--site", site]);
        if let Some(reason) = reason {
            args.extend(["--reason".to_string(), reason.to_string()]);
        }
        run(dir.path(), &audit, &strs(&args))
    };
    let (code, stdout, stderr) = decide(second, None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("der kræves en begrundelse") && stderr.contains("nr. 2 på listen"),
        "{stderr}"
    );

    let (code, _, stderr) = decide(excluded, Some(SECRET));
    assert_eq!(code, 65);
    assert!(stderr.contains("frasorteret for barnet efter"), "{stderr}");
    let gate = view["excluded"][0]["gates"][0].as_str().unwrap();
    assert!(stderr.contains(gate), "the gates are named: {stderr}");
    assert!(!stderr.contains("010203"));

    let (code, stdout, stderr) = decide(second, Some(SECRET));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("nr. 2 på listen"), "{stdout}");
    assert!(
        !stdout.contains("010203") && !stderr.contains("010203"),
        "the reason is never printed"
    );
    let log = placematch::audit::AuditLog::open(&audit).unwrap();
    let decision = log
        .records()
        .unwrap()
        .last()
        .unwrap()
        .decision
        .clone()
        .unwrap();
    assert_eq!(decision.rank, 2);
    assert_eq!(decision.site_id, second);
    assert_eq!(decision.reason.as_deref(), Some(SECRET));

    // Without an audit database there is nowhere to record the decision.
    let (code, _, stderr) = run_args(&[
        OsStr::new("decide"),
        OsStr::new("--child"),
        OsStr::new("C-1"),
        OsStr::new("--site"),
        OsStr::new(second),
        OsStr::new("--by"),
        OsStr::new("anna"),
        OsStr::new("--data"),
        dir.path().as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("kræver en adgangslog"), "{stderr}");
}

/// Issue 14, item 4: `decide --document` writes the decision basis for the case file: the
/// child, the chosen site's reasons with their paragraphs, the defaults not met with the
/// caseworker's reason, the other sites considered, the follow-up dates; its SHA-256 is the
/// record's result hash. The reason goes into the document only, never to the terminal; a
/// decision that cannot be recorded leaves no document.
#[test]
fn the_decision_basis_is_written_for_the_case_file_and_its_hash_recorded() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let view = shortlist(dir.path());
    let top = view["eligible"][0]["site_id"].as_str().unwrap().to_string();
    let second = view["eligible"][1]["site_id"].as_str().unwrap().to_string();
    let document = dir.path().join("afgoerelse.html");
    let args = audited(&[
        "decide",
        "--child",
        "C-1",
        "--site",
        &second,
        "--reason",
        SECRET,
        "--document",
        document.to_str().unwrap(),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET));
    assert!(
        stderr.contains("afgørelsesgrundlaget er skrevet til"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(&document).unwrap();
    for part in [
        "<html lang=\"da\">",
        "Afgørelsesgrundlag: valg af anbringelsessted",
        "Barnet C-1",
        "Hensyn, element for element",
        "(barnets lov § 52, stk. 2)",
        "Lovens udgangspunkter, der ikke er opfyldt, og begrundelsen",
        "Sagsbehandlerens begrundelse",
        SECRET,
        "Andre steder, der er overvejet",
        &top,
        "Står højere på listen",
        "Opfølgning",
        "Afgjort af: anna.",
        "@page{size:A4",
    ] {
        assert!(html.contains(part), "missing {part:?}");
    }
    assert!(!html.contains("<script"), "no script in the case file");
    let record = crate::support::last_record(&audit);
    assert_eq!(
        record.result_hash,
        placematch::audit::sha256_hex(html.as_bytes()),
        "the record holds the document's hash"
    );

    // In English on request, with no Danish heading left.
    let english = dir.path().join("decision.html");
    let args = audited(&[
        "decide",
        "--child",
        "C-1",
        "--site",
        &top,
        "--reason",
        "Close to school and the parents",
        "--lang",
        "en",
        "--document",
        english.to_str().unwrap(),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Decision recorded:"), "{stdout}");
    let html = std::fs::read_to_string(&english).unwrap();
    assert!(html.contains("Decision basis: choice of placement site"));
    assert!(html.contains("The caseworker&#39;s reason"));
    assert!(html.contains("Close to school and the parents"));
    for danish in [
        "Afgørelsesgrundlag",
        "Sagsbehandlerens",
        "Opfølgning",
        "Hensyn",
    ] {
        assert!(!html.contains(danish), "{danish} in the English document");
    }

    // An audit database that cannot be written: no decision, no document.
    let unwritable = dir.path().join("not-a-database");
    std::fs::create_dir(&unwritable).unwrap();
    let missing = dir.path().join("never.html");
    let args = audited(&[
        "decide",
        "--child",
        "C-1",
        "--site",
        &top,
        "--reason",
        "any",
        "--document",
        missing.to_str().unwrap(),
    ]);
    let (code, _, _) = run(dir.path(), &unwritable, &strs(&args));
    assert_ne!(code, 0);
    assert!(!missing.exists(), "no document without its record");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("never"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_fairness_report_suppresses_small_cells_and_reads_decisions() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let view = shortlist(dir.path());
    let top = view["eligible"][0]["site_id"].as_str().unwrap();
    let args = audited(&[
        "decide", "--child", "C-1", "--site", top, "--reason", SECRET,
    ]);
    assert_eq!(run(dir.path(), &audit, &strs(&args)).0, 0);
    let args = audited(&["report", "fairness", "--format", "json"]);
    let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["source"], "decisions");
    assert_eq!(report["children"], 1);
    for cell in report["cells"].as_array().unwrap() {
        assert_eq!(
            cell["suppressed"], true,
            "one child: every cell is suppressed"
        );
        assert!(cell["children"].is_null() && cell["placed"].is_null());
    }
    let args = audited(&["report", "fairness", "--format", "csv"]);
    let (code, csv, _) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0);
    assert!(csv.starts_with("dimension,group,children,placed"), "{csv}");
    assert!(csv.contains("all,all,<5,"), "{csv}");
    assert!(!stderr.contains("010203"));
}

#[test]
fn the_fairness_report_of_a_scenario_shows_cells_of_five_or_more() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (code, _, stderr) = run_args(&[
        OsStr::new("generate"),
        OsStr::new("--children"),
        OsStr::new("60"),
        OsStr::new("--sites"),
        OsStr::new("400"),
        OsStr::new("--seed"),
        OsStr::new("3"),
        OsStr::new("--out"),
        data.as_os_str(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let scenario = dir.path().join("base.toml");
    std::fs::write(&scenario, "name = \"base\"\n").unwrap();
    let audit = dir.path().join("audit.sqlite");
    let args = audited(&[
        "report",
        "fairness",
        "--scenario",
        scenario.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let (code, stdout, stderr) = run(&data, &audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["source"], "scenario:base");
    assert_eq!(report["children"], 60);
    let cells = report["cells"].as_array().unwrap();
    let all = &cells[0];
    assert_eq!(all["group"], "all");
    assert_eq!(all["children"], 60);
    assert!(all["overrode_top"].is_null(), "a scenario has no decisions");
    for cell in cells {
        match cell["children"].as_u64() {
            Some(children) => assert!(children >= 5, "{cell}"),
            None => assert_eq!(cell["suppressed"], true),
        }
    }
    let bands: Vec<&str> = cells
        .iter()
        .filter(|cell| cell["dimension"] == "age_band")
        .map(|cell| cell["group"].as_str().unwrap())
        .collect();
    assert!(
        bands.windows(2).all(|pair| {
            let order = ["0-5", "6-11", "12-17", "18-22"];
            order.iter().position(|b| *b == pair[0]) < order.iter().position(|b| *b == pair[1])
        }),
        "{bands:?}"
    );
}

#[test]
fn extract_csv_escapes_formula_cells() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let mut args = vec!["shortlist", "--child", "C-1"];
    args.extend(["--purpose", "=HYPERLINK(\"x\")", "--by", "+anna"]);
    assert_eq!(run(dir.path(), &audit, &args).0, 0);
    let args = audited(&["audit", "extract", "--child", "C-1", "--format", "csv"]);
    let (code, csv, _) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0);
    assert!(
        csv.contains("'+anna") && csv.contains("'=HYPERLINK"),
        "{csv}"
    );
}

/// The extract as a table reads in Danish by default: roles and commands in words, times in
/// Danish local time to the second (the JSON keeps the record's UTC time).
#[test]
fn extract_table_is_danish_with_local_time() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("audit.sqlite");
    let args = audited(&["shortlist", "--child", "C-1"]);
    assert_eq!(run(dir.path(), &audit, &strs(&args)).0, 0);
    let args = audited(&["audit", "extract", "--child", "C-1"]);
    let (code, table, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 0, "{stderr}");
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some(
            "1 opslag i oplysningerne om C-1 (tider i dansk tid). Dette udtræk registreres også, men er ikke medtaget."
        )
    );
    assert!(lines.next().unwrap_or_default().contains("tidspunkt"));
    let access = lines.next().unwrap_or_default();
    assert!(
        access.contains(" koordinator ") && access.contains(" kortliste "),
        "{table}"
    );
    let utc = extract(dir.path(), &audit, "C-1")["accesses"][0]["time"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(utc.ends_with('Z'), "JSON keeps UTC: {utc}");
    let local = placematch::render::local_time(&utc);
    assert_eq!(local.len(), "2026-12-01 10:15:03".len());
    assert!(access.contains(&local), "{table}");
}

/// `audit verify` with extra arguments: (exit code, stdout, stderr).
/// `audit verify` in English (the Danish report is checked by the tests that use `verify`).
fn verify_with(audit: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut all: Vec<&OsStr> = ["audit", "verify", "--lang", "en", "--audit"]
        .iter()
        .map(OsStr::new)
        .collect();
    all.push(audit.as_os_str());
    all.extend(extra.iter().map(OsStr::new));
    run_args(&all)
}

/// Every record's hash recomputed with plain SHA-256 and the chain re-linked: what someone
/// who can write the file but not read its key would do.
fn rechain_without_key(audit: &Path) {
    let connection = rusqlite::Connection::open(audit).unwrap();
    let bodies: Vec<(i64, String)> = {
        let mut statement = connection
            .prepare("SELECT seq, body FROM records ORDER BY seq")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    drop(connection);
    let mut prev = placematch::audit::GENESIS.to_string();
    let mut sql = String::new();
    for (seq, body) in bodies {
        let mut record: Value = serde_json::from_str(&body).unwrap();
        record["prev_hash"] = Value::String(prev.clone());
        record["user"] = Value::String("bent".into());
        let body = serde_json::to_string(&record).unwrap();
        let hash = placematch::audit::sha256_hex(body.as_bytes());
        sql.push_str(&format!(
            "UPDATE records SET body = '{}', hash = '{hash}' WHERE seq = {seq};",
            body.replace('\'', "''")
        ));
        prev = hash;
    }
    tamper(audit, &sql);
}

/// The tamper suite of issue 13: truncate, edit, delete in the middle, delete the last,
/// append, re-chain without the key, swap. Each is caught, and verify never writes.
#[test]
fn verify_detects_every_tamper_of_the_suite() {
    let dir = data_dir(&[]);
    let fresh = |name: &str| {
        let audit = chain(dir.path(), 4);
        let copy = dir.path().join(name);
        std::fs::copy(&audit, &copy).unwrap();
        std::fs::copy(
            placematch::audit::key_path(&audit),
            placematch::audit::key_path(&copy),
        )
        .unwrap();
        std::fs::remove_file(&audit).unwrap();
        std::fs::remove_file(placematch::audit::key_path(&audit)).unwrap();
        copy
    };

    // Truncated to 0 bytes: refused, and the file stays empty.
    let audit = fresh("truncated.sqlite");
    std::fs::write(&audit, b"").unwrap();
    let (code, _, stderr) = verify_with(&audit, &[]);
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("the file is empty"), "{stderr}");
    assert_eq!(std::fs::metadata(&audit).unwrap().len(), 0, "verify wrote");
    // Nor does a new run start a fresh trail over it while its key is there.
    let (code, _, stderr) = run(
        dir.path(),
        &audit,
        &strs(&audited(&["shortlist", "--child", "C-1"])),
    );
    assert_eq!(code, 73, "{stderr}");
    assert!(stderr.contains("kan være blevet slettet"), "{stderr}");

    // Edited, deleted in the middle, appended, swapped, re-chained without the key.
    let cases: [(&str, &str); 4] = [
        (
            "edited",
            "UPDATE records SET body = replace(body, 'anna', 'bent') WHERE seq = 2;",
        ),
        ("middle", "DELETE FROM records WHERE seq = 2;"),
        (
            "appended",
            "INSERT INTO records (seq, body, hash) SELECT 5, replace(body, '\"seq\":4', '\"seq\":5'), hash FROM records WHERE seq = 4;",
        ),
        (
            "swapped",
            "UPDATE records SET seq = -1 WHERE seq = 2; UPDATE records SET seq = 2 WHERE seq = 3; UPDATE records SET seq = 3 WHERE seq = -1;",
        ),
    ];
    for (name, sql) in cases {
        let audit = fresh(&format!("{name}.sqlite"));
        tamper(&audit, sql);
        let (code, stdout, stderr) = verify_with(&audit, &[]);
        assert_eq!(code, 65, "{name}: {stdout}{stderr}");
        assert!(stdout.contains("BROKEN"), "{name}: {stdout}");
    }
    let audit = fresh("rechained.sqlite");
    rechain_without_key(&audit);
    let (code, stdout, _) = verify_with(&audit, &[]);
    assert_eq!(code, 65, "{stdout}");
    assert!(stdout.contains("BROKEN at record 1"), "{stdout}");
    // Re-chained without the key and the format number lowered to the older, unkeyed
    // chain: the key file beside it still decides, so the rewrite is caught.
    let audit = fresh("downgraded.sqlite");
    rechain_without_key(&audit);
    rusqlite::Connection::open(&audit)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0;")
        .unwrap();
    let (code, stdout, _) = verify_with(&audit, &[]);
    assert_eq!(code, 65, "{stdout}");
    assert!(stdout.contains("BROKEN at record 1"), "{stdout}");

    // The last record deleted: the chain itself is intact, the kept head is not.
    let audit = fresh("last.sqlite");
    let head_file = dir.path().join("head.txt");
    let (code, stdout, stderr) =
        verify_with(&audit, &["--write-head", head_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("(keyed chain)"), "{stdout}");
    let kept = std::fs::read_to_string(&head_file).unwrap();
    let head = kept.split_whitespace().next().unwrap().to_string();
    assert_eq!(verify_with(&audit, &["--expect-head", &head]).0, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&head_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the head file is for its owner only");
    }
    // A head kept earlier still verifies after normal records were added: they extend it.
    let extended = fresh("extended.sqlite");
    let (_, stdout, _) = verify_with(&extended, &[]);
    let earlier = stdout
        .split("head ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let (code, _, stderr) = run(
        dir.path(),
        &extended,
        &strs(&audited(&["shortlist", "--child", "C-1"])),
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = verify_with(&extended, &["--expect-head", &earlier]);
    assert_eq!(code, 0, "{stdout}");
    // A careful forger removes the record's rows from the index too.
    let connection = rusqlite::Connection::open(&audit).unwrap();
    connection
        .execute_batch(
            "DROP TRIGGER record_children_no_delete; DELETE FROM record_children WHERE seq = 4;",
        )
        .unwrap();
    drop(connection);
    tamper(&audit, "DELETE FROM records WHERE seq = 4;");
    let (code, stdout, _) = verify_with(&audit, &["--expect-head", &head]);
    assert_eq!(code, 65, "{stdout}");
    assert!(
        stdout.contains("expected head is not in the chain"),
        "{stdout}"
    );
    // A row removed from the index of children (hiding an access from extracts) is caught.
    let audit = fresh("index.sqlite");
    let connection = rusqlite::Connection::open(&audit).unwrap();
    connection
        .execute_batch(
            "DROP TRIGGER record_children_no_delete; DELETE FROM record_children WHERE seq = 2;",
        )
        .unwrap();
    drop(connection);
    let (code, stdout, _) = verify_with(&audit, &[]);
    assert_eq!(code, 65, "{stdout}");
    assert!(stdout.contains("index of children"), "{stdout}");
    // A row of the index changed to another child (same count) is caught too.
    let audit = fresh("index_changed.sqlite");
    let connection = rusqlite::Connection::open(&audit).unwrap();
    connection
        .execute_batch(
            "DROP TRIGGER record_children_no_update; UPDATE record_children SET child_id = 'C-9' WHERE seq = 2;",
        )
        .unwrap();
    drop(connection);
    let (code, stdout, _) = verify_with(&audit, &[]);
    assert_eq!(code, 65, "{stdout}");
    assert!(stdout.contains("index of children"), "{stdout}");
    // A malformed expected head is a usage error.
    assert_eq!(verify_with(&audit, &["--expect-head", "abc"]).0, 2);
}

/// `:memory:` and `file:` URIs record nothing that lasts; files are created for their owner
/// only; CPR-shaped purpose, user or reason are refused before any work and never echoed.
#[test]
fn the_trail_refuses_what_would_not_last_or_would_hold_a_cpr_number() {
    let dir = data_dir(&[]);
    for path in [":memory:", "file:trail.sqlite?mode=memory"] {
        let (code, stdout, stderr) = run(
            dir.path(),
            Path::new(path),
            &strs(&audited(&["shortlist", "--child", "C-1"])),
        );
        assert_eq!(code, 2, "{path}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("almindelig fil"), "{stderr}");
    }
    let audit = chain(dir.path(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [audit.clone(), placematch::audit::key_path(&audit)] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
    let cpr = "070809-4321";
    for (flag, args) in [
        (
            "--purpose",
            vec![
                "shortlist",
                "--child",
                "C-1",
                "--purpose",
                cpr,
                "--by",
                "anna",
            ],
        ),
        (
            "--by",
            vec![
                "shortlist",
                "--child",
                "C-1",
                "--purpose",
                "placement",
                "--by",
                cpr,
            ],
        ),
    ] {
        let (code, stdout, stderr) = run(dir.path(), &audit, &args);
        assert_eq!(code, 2, "{flag}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(flag) && !stderr.contains(cpr), "{stderr}");
    }
    let (code, _, stderr) = run(
        dir.path(),
        &audit,
        &strs(&audited(&[
            "decide",
            "--child",
            "C-1",
            "--site",
            "S-1",
            "--reason",
            &format!("mor {cpr}"),
        ])),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--reason") && !stderr.contains(cpr),
        "{stderr}"
    );
    assert_eq!(verify(&audit).0, 0);
}

/// Issue 13, item 9: an output file that cannot be written is found before the access is
/// recorded, so the trail never says a result was given that nobody received.
#[test]
fn an_output_that_cannot_be_written_records_nothing() {
    let dir = data_dir(&[]);
    let audit = dir.path().join("trail.sqlite");
    let out = dir.path().join("no-such-folder").join("result.json");
    let args = audited(&["assign", "--format", "json", "--out", out.to_str().unwrap()]);
    let (code, stdout, stderr) = run(dir.path(), &audit, &strs(&args));
    assert_eq!(code, 73, "{stderr}");
    assert!(stdout.is_empty());
    let (code, report) = verify(&audit);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("intakt: 0 poster"), "{report}");
}
