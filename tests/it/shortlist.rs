//! Properties checked through the binary:
//! - the shortlist renders the same content in every format, in Danish and English
//!   (snapshots of the table and JSON);
//! - the JSON has the fields of PRODUCT.md section 9, with the seven elements in order;
//! - flags carry their legal paragraph; gaps, near misses and exclusion counts are present;
//! - bad input gets the right exit code and never echoes the child ID;
//! - `score` prints exactly the columns of PRODUCT.md section 7, deterministically.

use std::path::Path;

use crate::support::{data_dir, placematch};

const AS_OF: &str = "2026-11-23";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = placematch()
        .args(args)
        .arg("--data")
        .arg(dir)
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

fn shortlist(args: &[&str]) -> String {
    let dir = data_dir(&[]);
    let mut all = vec!["shortlist"];
    all.extend(args);
    let (code, stdout, stderr) = run(dir.path(), &all);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn table_in_english_and_danish() {
    insta::assert_snapshot!(
        "shortlist_c1_en",
        shortlist(&["--child", "C-1", "--lang", "en"])
    );
    insta::assert_snapshot!(
        "shortlist_c1_da",
        shortlist(&["--child", "C-1", "--lang", "da", "--explain-excluded"])
    );
}

#[test]
fn table_fits_100_columns() {
    for lang in ["en", "da"] {
        let text = shortlist(&["--child", "C-1", "--lang", lang, "--explain-excluded"]);
        for line in text.lines() {
            assert!(
                line.chars().count() <= 100,
                "{} chars: {line}",
                line.chars().count()
            );
        }
    }
}

#[test]
fn json_has_the_contract_fields() {
    let text = shortlist(&[
        "--child",
        "C-1",
        "--format",
        "json",
        "--lang",
        "en",
        "--explain-excluded",
    ]);
    // The version changes with every release; the snapshot is about the shape and the words.
    let text = text.replace(
        &format!("\"engine_version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"engine_version\": \"[version]\"",
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Small snapshots, one per element of the first site: the words and figures a
    // caseworker reads, element by element.
    for element in placematch::ElementId::ALL {
        insta::assert_snapshot!(
            format!("shortlist_c1_json_{}", element.as_str()),
            serde_json::to_string_pretty(&json["eligible"][0]["elements"][element.as_str()])
                .unwrap()
        );
    }
    assert_eq!(json["child_id"], "C-1");
    assert_eq!(json["as_of"], AS_OF);
    // The weights echoed are the child's own: C-1 is 9, so the wishes weigh 70 % of 0.10
    // (local policy: from 3, full from 12) and the rest is normalized again.
    assert_eq!(json["weights"]["needs"], 0.257732);
    assert_eq!(json["weights"]["wishes"], 0.072165);
    assert_eq!(json["policy"]["wishes_from"], 3);
    assert_eq!(json["policy"]["wishes_full_from"], 12);
    let first = &json["eligible"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["site_id"], "S-5");
    let keys: Vec<&str> = first["elements"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "needs",
            "network",
            "school",
            "setting",
            "siblings",
            "stability",
            "wishes"
        ]
    );
    assert!(
        first["elements"]["needs"]["reasons"]
            .as_array()
            .unwrap()
            .contains(&"needs.all_covered".into())
    );
    // C-1's sister C-2 cannot live at S-5 (a `must_not` feature): the group does not fit.
    assert_eq!(first["flags"][0], "siblings.sibling_excluded:C-2");
    assert_eq!(first["flag_details"][0]["law"], "barnets lov § 52, stk. 3");
    assert_eq!(first["flags"][1], "stability.family_care_preferred");
    assert_eq!(first["flag_details"][1]["law"], "barnets lov § 52, stk. 2");
    assert_eq!(json["eligible"][1]["gaps"][0], "needs.uncovered:trauma");
    let s7 = json["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|site| site["site_id"] == "S-7")
        .unwrap();
    assert_eq!(
        s7["flags"],
        serde_json::json!(["siblings.split_required", "school.school_change"])
    );
    // S-2 fails only the age gate, but by more than a year: decisive, so no near miss.
    assert_eq!(json["near_misses"], serde_json::json!([]));
    assert_eq!(json["excluded_counts"]["setting.age_out_of_range"], 1);
    let excluded = json["excluded"].as_array().unwrap();
    assert_eq!(excluded.len(), 3);
    let s6 = excluded
        .iter()
        .find(|site| site["site_id"] == "S-6")
        .unwrap();
    assert_eq!(
        s6["gates"],
        serde_json::json!(["needs.type_too_light:moderate", "setting.no_free_place"])
    );
}

#[test]
fn the_network_family_ranks_first() {
    let text = shortlist(&["--child", "C-3", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["eligible"][0]["site_id"], "S-3");
    assert_eq!(json["network_family"]["status"], "eligible");
    for site in json["eligible"].as_array().unwrap().iter().skip(1) {
        assert!(
            site["flags"]
                .as_array()
                .unwrap()
                .contains(&"network.network_family_not_first".into())
        );
    }
}

#[test]
fn top_k_is_a_prefix_and_other_formats_agree() {
    let full = shortlist(&["--child", "C-1", "--format", "csv"]);
    let top2 = shortlist(&["--child", "C-1", "--format", "csv", "--top", "2"]);
    assert_eq!(
        full.lines().take(3).collect::<Vec<_>>(),
        top2.lines().collect::<Vec<_>>()
    );
    assert!(full.starts_with("rank,site_id,total,needs,stability,network,siblings,school,wishes,setting,confidence,flags,gaps,flag_texts,gap_texts\n1,S-5,"), "{full}");
    let html = shortlist(&["--child", "C-1", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"da\">"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
        "self-contained"
    );
    assert!(html.contains("barnets lov § 52, stk. 2"));
}

#[test]
fn bad_input_gets_its_exit_code_without_echo() {
    let dir = data_dir(&[]);
    let (code, stdout, stderr) = run(dir.path(), &["shortlist", "--child", "C-404"]);
    assert_eq!((code, stdout.as_str()), (65, ""));
    assert!(
        stderr.contains("intet barn med det angivne --child-ID") && !stderr.contains("C-404"),
        "{stderr}"
    );

    let missing = data_dir(&[("children.csv", None)]);
    assert_eq!(run(missing.path(), &["shortlist", "--child", "C-1"]).0, 66);

    let broken = data_dir(&[("children.csv", Some(b"id\n"))]);
    let (code, _, stderr) = run(broken.path(), &["shortlist", "--child", "C-1"]);
    assert_eq!(code, 65);
    assert!(stderr.contains("placematch validate"), "{stderr}");

    let weights = dir.path().join("weights.toml");
    std::fs::write(&weights, "needs = 1\nschol = 1\n").unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "shortlist",
            "--child",
            "C-1",
            "--weights",
            weights.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 65);
    assert!(
        stderr.contains("weights.toml: ukendt nøgle `schol`; mente du `school`?"),
        "{stderr}"
    );

    let output = placematch()
        .args(["shortlist", "--child", "C-1", "--as-of", "23-11-2026"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn weights_change_the_ranking_and_are_echoed() {
    let dir = data_dir(&[]);
    let weights = dir.path().join("weights.toml");
    std::fs::write(&weights, "[weights]\nneeds = 0\nstability = 1\nnetwork = 0\nsiblings = 0\nschool = 0\nwishes = 0\nsetting = 0\n").unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "shortlist",
            "--child",
            "C-1",
            "--format",
            "json",
            "--weights",
            weights.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["weights"]["stability"], 1.0);
    let first = json["eligible"][0]["site_id"].as_str().unwrap();
    assert!(
        first == "S-1" || first == "S-7",
        "a family ranks first on stability alone: {first}"
    );
}

#[test]
fn score_prints_every_eligible_pair_with_checkable_sums() {
    let dir = data_dir(&[]);
    let (code, first, _) = run(dir.path(), &["score"]);
    assert_eq!(code, 0);
    let (_, second, _) = run(dir.path(), &["score"]);
    assert_eq!(first, second, "deterministic");
    let mut lines = first.lines();
    assert_eq!(
        lines.next(),
        Some(
            "child_id,site_id,total,needs,stability,network,siblings,school,wishes,setting,confidence"
        )
    );
    // Each child's weights: the wishes weigh by age (C-1 is 9: 70 % of 0.10; C-2 and C-3 are
    // 12 and over: full), the rest normalized again.
    let weights_of = |child: &str| {
        let share = if child == "C-1" { 0.7 } else { 1.0 };
        let raw = [0.25, 0.15, 0.15, 0.10, 0.15, 0.10 * share, 0.10];
        let sum: f64 = raw.iter().sum();
        raw.map(|w| w / sum)
    };
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    assert!(rows.iter().any(|row| row[0] == "C-1" && row[1] == "S-5"));
    assert!(
        !rows.iter().any(|row| row[0] == "C-1" && row[1] == "S-6"),
        "excluded pairs are left out"
    );
    for row in &rows {
        assert_eq!(row.len(), 11);
        assert!(
            row[2..]
                .iter()
                .all(|cell| cell.split('.').nth(1).is_some_and(|d| d.len() == 6))
        );
        let total: f64 = row[2].parse().unwrap();
        let sum: f64 = row[3..10]
            .iter()
            .zip(weights_of(row[0]))
            .map(|(cell, w)| w * cell.parse::<f64>().unwrap())
            .sum();
        assert!((total - sum).abs() < 1e-5, "{row:?}");
    }
}

/// The JSON shortlist of `child` over the fixture with `children` and `sites` replaced.
fn shortlist_of(children: &str, sites: &str, child: &str, extra: &[&str]) -> serde_json::Value {
    let dir = data_dir(&[
        ("children.csv", Some(children.as_bytes())),
        ("sites.csv", Some(sites.as_bytes())),
    ]);
    let mut args = vec!["shortlist", "--child", child, "--format", "json"];
    args.extend(extra);
    let (code, stdout, stderr) = run(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("json")
}

fn site_ids(json: &serde_json::Value) -> Vec<String> {
    json["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|site| site["site_id"].as_str().unwrap().to_string())
        .collect()
}

/// The family-care policy at its boundary: a 5-year-old has the foster families first, a
/// 6-year-old is ranked by score (the law's assessment flag still marks the home above a
/// family); `family_care_under = 0` in the weights file turns the policy off.
#[test]
fn family_care_policy_ranks_foster_families_first_under_its_age() {
    use crate::support::{CHILDREN, SITES};
    let aged = |age: &str| {
        CHILDREN.replace(
            "C-1,9,f,101,,moderate",
            &format!("C-1,{age},f,101,,moderate"),
        )
    };
    let five = shortlist_of(&aged("5"), SITES, "C-1", &[]);
    assert_eq!(five["policy"]["family_care_under"], 6);
    assert_eq!(site_ids(&five)[..2], ["S-1", "S-7"], "families first at 5");
    let six = shortlist_of(&aged("6"), SITES, "C-1", &[]);
    assert_eq!(site_ids(&six)[0], "S-5", "by score at 6");
    assert!(
        six["eligible"][0]["flags"]
            .as_array()
            .unwrap()
            .contains(&"stability.family_care_preferred".into())
    );

    let dir = tempfile::tempdir().unwrap();
    let weights = dir.path().join("weights.toml");
    std::fs::write(
        &weights,
        "needs = 0.25\nstability = 0.15\nnetwork = 0.15\nsiblings = 0.10\nschool = 0.15\nwishes = 0.10\nsetting = 0.10\n[policy]\nfamily_care_under = 0\n",
    )
    .unwrap();
    let off = shortlist_of(
        &aged("5"),
        SITES,
        "C-1",
        &["--weights", weights.to_str().unwrap()],
    );
    assert_eq!(off["policy"]["family_care_under"], 0);
    assert_eq!(site_ids(&off)[0], "S-5", "policy off: by score");
}

/// A child under the policy age with no foster family that meets every condition: every site
/// carries the policy flag, whose basis says it is the municipality's policy.
#[test]
fn no_foster_family_under_the_policy_age_is_flagged_as_policy() {
    use crate::support::{CHILDREN, SITES};
    let children = CHILDREN.replace("C-1,9,f,101,,moderate", "C-1,4,f,101,,moderate");
    let sites = SITES
        .replace(",foster_reinforced,147,2,2,", ",foster_reinforced,147,2,0,")
        .replace(
            ",foster_specialised,751,2,1,",
            ",foster_specialised,751,2,0,",
        );
    let json = shortlist_of(&children, &sites, "C-1", &[]);
    for site in json["eligible"].as_array().unwrap() {
        let flag = site["flag_details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|flag| flag["code"] == "stability.no_family_under_policy:6")
            .expect("policy flag on every site");
        assert_eq!(flag["policy"], true);
        assert_eq!(flag["law"], "kommunens politik, ikke et lovkrav");
    }
}

/// A network family not yet approved stays first for its own child, with "approval needed"
/// (plejefamiliebekendtgørelsen § 9, stk. 2); it is never a near miss for another child.
#[test]
fn an_unapproved_network_family_stays_first_with_approval_needed() {
    use crate::support::{CHILDREN, SITES};
    let sites = SITES.replace(
        "S-3,Netværk C,foster_network,751,1,1,,,any,,emergency|long_term,none,C-3,da,,0,false,1,,15000,true,",
        "S-3,Netværk C,foster_network,751,1,1,,,any,,emergency|long_term,none,C-3,da,,0,false,1,,15000,false,",
    );
    let json = shortlist_of(CHILDREN, &sites, "C-3", &[]);
    assert_eq!(json["eligible"][0]["site_id"], "S-3");
    let flag = &json["eligible"][0]["flag_details"][0];
    assert_eq!(flag["code"], "network.approval_needed");
    assert_eq!(flag["law"], "plejefamiliebekendtgørelsen § 9, stk. 2");
    let other = shortlist_of(CHILDREN, &sites, "C-1", &[]);
    assert!(
        other["near_misses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|near| near["site_id"] != "S-3")
    );
}

/// `--top 0` is a usage error (it used to print "no site passes every rule" while sites did).
#[test]
fn top_zero_is_a_usage_error() {
    let dir = data_dir(&[]);
    let (code, stdout, stderr) = run(dir.path(), &["shortlist", "--child", "C-1", "--top", "0"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("--top"), "{stderr}");
}

/// `--as-of` is strictly YYYY-MM-DD within 1900–2200 (it used to accept 20261123 and year 0).
#[test]
fn as_of_is_strict() {
    let dir = data_dir(&[]);
    for bad in [
        "20261123",
        "0000-01-01",
        "2300-01-01",
        "2026-11-23T00:00",
        "-009999-01-01",
    ] {
        let output = placematch()
            .args(["shortlist", "--child", "C-1", "--data"])
            .arg(dir.path())
            .arg(format!("--as-of={bad}"))
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("--as-of"), "{stderr}");
    }
}

/// `placematch children` lists every child with age and status, in Danish by default; an
/// unknown `--child` suggests close pseudonyms without repeating what was typed.
#[test]
fn children_are_listed_and_close_ids_suggested() {
    let dir = data_dir(&[]);
    let (code, stdout, stderr) = run(dir.path(), &["children"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "3 børn og unge venter på et anbringelsessted · skæringsdato 2026-11-23"
    );
    let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words(lines[1]),
        "barn alder støtteniveau anbringelsens art kommune søskende netværksplejefamilie"
    );
    assert_eq!(
        words(lines[2]),
        "C-1 9 moderat længerevarende København flok på 2 nej"
    );
    assert!(
        words(lines[4]).starts_with("C-3 15 svær akut") && lines[4].ends_with("ja"),
        "C-3 has its network family: {stdout}"
    );

    let (code, stdout, _) = run(dir.path(), &["children", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["children"][2]["purpose"], "emergency");
    assert_eq!(json["children"][0]["siblings_awaiting"], 2);

    let (code, stdout, stderr) = run(dir.path(), &["shortlist", "--child", "c-2x"]);
    assert_eq!((code, stdout.as_str()), (65, ""));
    assert!(stderr.contains("mente du C-2?"), "{stderr}");
    assert!(!stderr.contains("c-2x"), "{stderr}");
    // The same message in English with --lang en.
    let (_, _, stderr) = run(
        dir.path(),
        &["shortlist", "--child", "c-2x", "--lang", "en"],
    );
    assert!(stderr.contains("did you mean C-2?"), "{stderr}");
}
