//! `report recruit`: every reported gain is what `assign` finds with the place added; no
//! gain is reported where places are plentiful; the report is Danish by default.

use std::path::Path;

use serde_json::Value;

use crate::support::placematch;

const AS_OF: &str = "2026-11-23";

fn run(args: &[&str], data: &Path) -> (i32, String, String) {
    let output = placematch()
        .args(args)
        .arg("--data")
        .arg(data)
        .args(["--as-of", AS_OF])
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

fn generated(dir: &Path, children: &str, sites: &str) {
    let output = placematch()
        .args([
            "generate",
            "--children",
            children,
            "--sites",
            sites,
            "--seed",
            "11",
        ])
        .arg("--out")
        .arg(dir)
        .output()
        .expect("runs");
    assert!(output.status.success());
}

/// sites.csv with one more approved and free place at `site`.
fn add_place(data: &Path, site: &str) {
    let path = data.join("sites.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|cell| *cell == name).unwrap();
    let (places, free) = (column("places"), column("free_places"));
    let mut out = header.join(",") + "\n";
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        if cells[0] == site {
            for idx in [places, free] {
                cells[idx] = (cells[idx].parse::<u32>().unwrap() + 1).to_string();
            }
        }
        out += &(cells.join(",") + "\n");
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn each_gain_is_what_assign_finds_with_the_place_added() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    generated(&data, "120", "600");
    let (code, stdout, stderr) = run(
        &["report", "recruit", "--format", "json", "--verify", "4"],
        &data,
    );
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let additions = report["additions"].as_array().unwrap();
    assert!(
        !additions.is_empty(),
        "a contended set has places worth adding: {report}"
    );
    assert!(report["verified"].as_u64().unwrap() >= additions.len() as u64);
    for addition in additions {
        let site = addition["site_id"].as_str().unwrap();
        // The what-if as a planner writes it: a scenario with one extra place at the site.
        let scenario = root.path().join(format!("with-{site}.toml"));
        std::fs::write(&scenario, format!("extra_places = {{ \"{site}\" = 1 }}\n")).unwrap();
        let (code, stdout, stderr) = run(
            &[
                "assign",
                "--format",
                "json",
                "--scenario",
                scenario.to_str().unwrap(),
            ],
            &data,
        );
        assert_eq!(code, 0, "{stderr}");
        // The same by editing the data file: one more approved and free place.
        let copy = root.path().join(format!("with-{site}"));
        std::fs::create_dir(&copy).unwrap();
        for file in [
            "children.csv",
            "sites.csv",
            "municipalities.csv",
            "links.csv",
        ] {
            std::fs::copy(data.join(file), copy.join(file)).unwrap();
        }
        add_place(&copy, site);
        let (code, edited, stderr) = run(&["assign", "--format", "json"], &copy);
        assert_eq!(code, 0, "{stderr}");
        let edited: Value = serde_json::from_str(&edited).unwrap();
        let assigned: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            addition["after"]["placed"], assigned["objective"]["placed"],
            "{site}"
        );
        assert_eq!(
            edited["objective"], assigned["objective"],
            "{site}: the scenario equals the edited data"
        );
        let score = assigned["objective"]["total_score"].as_f64().unwrap();
        let after = addition["after"]["total_score"].as_f64().unwrap();
        assert!((score - after).abs() < 1e-6, "{site}: {score} vs {after}");
        let gain = &addition["gain"];
        let positive = ["placed", "groups_together", "network_family", "family_care"]
            .iter()
            .any(|tier| gain[tier].as_i64().unwrap() > 0)
            || gain["total_score"].as_f64().unwrap() > 0.0;
        assert!(positive, "only gains are reported: {addition}");
    }
}

/// The fixture of three children: every child that can be placed is, so one more place can
/// add no child; the report says what it verified, in Danish by default.
#[test]
fn no_child_is_gained_where_nobody_waits_and_the_table_is_danish() {
    let dir = crate::support::data_dir(&[]);
    let (code, stdout, stderr) = run(&["report", "recruit", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let (code, assigned, _) = run(&["assign", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let assigned: Value = serde_json::from_str(&assigned).unwrap();
    assert_eq!(
        report["baseline"]["placed"],
        assigned["objective"]["placed"]
    );
    let unplaced = assigned["unassigned"].as_array().unwrap();
    for addition in report["additions"].as_array().unwrap() {
        assert!(
            addition["gain"]["placed"].as_i64().unwrap() <= unplaced.len() as i64,
            "{addition}"
        );
    }
    let (code, table, _) = run(&["report", "recruit"], dir.path());
    assert_eq!(code, 0);
    assert!(
        table.starts_with("Hvor gør én ekstra plads mest gavn? Opgjort pr. 23. november 2026"),
        "{table}"
    );
    assert!(table.contains("I beregningen kan "), "{table}");
    // The tool cannot judge a site suitable (a legal judgement): no "egnet".
    assert!(!table.contains(" egnet"), "{table}");
    assert!(
        table.contains("Forslagene er fundet ved at beregne fordelingen igen"),
        "{table}"
    );
}
