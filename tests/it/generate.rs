//! Properties checked: same arguments give the same bytes; output always validates; existing
//! files are never replaced without `--force`; a failed run leaves nothing; the data follows
//! the Danish calibration within tolerances.

use std::collections::BTreeMap;

use jiff::civil::date;
use placematch::generate::{GenerateParams, generate};
use placematch::model::{Sex, SiteType};

use crate::support::{placematch, validate};

const FILES: [&str; 4] = [
    "children.csv",
    "sites.csv",
    "municipalities.csv",
    "links.csv",
];

fn run(args: &[&str]) -> (i32, String) {
    let output = placematch()
        .arg("generate")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

#[test]
fn same_arguments_give_the_same_bytes_and_valid_data() {
    let root = tempfile::tempdir().unwrap();
    let a = root.path().join("a");
    let b = root.path().join("b");
    let c = root.path().join("c");
    for (out, seed) in [(&a, "9"), (&b, "9"), (&c, "10")] {
        let (code, stderr) = run(&[
            "--children",
            "120",
            "--sites",
            "600",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{stderr}");
    }
    for file in FILES {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
    assert_ne!(
        std::fs::read(a.join("sites.csv")).unwrap(),
        std::fs::read(c.join("sites.csv")).unwrap()
    );
    assert_eq!(validate(&a, &[]).0, 0);
    let names: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        3,
        "no staging directory is left behind: {names:?}"
    );
}

#[test]
fn existing_files_are_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("children.csv"), "mine").unwrap();
    std::fs::write(dir.path().join("README.md"), "notes").unwrap();
    let (code, stderr) = run(&["--children", "5", "--sites", "20", "--out", out]);
    assert_eq!(code, 73, "{stderr}");
    assert!(stderr.contains("brug --force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("children.csv")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("sites.csv").exists());

    let (code, stderr) = run(&["--children", "5", "--sites", "20", "--out", out, "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(dir.path().join("children.csv"))
            .unwrap()
            .starts_with("id,age")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "notes"
    );
}

#[test]
fn bad_arguments_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    assert_eq!(
        run(&["--children", "0", "--sites", "20", "--out", out]).0,
        2
    );
    assert_eq!(
        run(&[
            "--children",
            "5",
            "--sites",
            "20",
            "--out",
            out,
            "--as-of",
            "01-11-2026"
        ])
        .0,
        2
    );
    assert_eq!(
        run(&["--children", "five", "--sites", "20", "--out", out]).0,
        2
    );
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(
        run(&[
            "--children",
            "5",
            "--sites",
            "20",
            "--out",
            file.to_str().unwrap()
        ])
        .0,
        73
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["file"]);
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

#[test]
fn generated_data_follows_the_danish_calibration() {
    let geography = placematch::io::embedded_geography().unwrap();
    let params = GenerateParams {
        children: 3000,
        sites: 5000,
        seed: 2026,
        as_of: date(2026, 11, 1),
    };
    let dataset = generate(
        &params,
        geography.dataset.municipalities(),
        geography.dataset.links(),
        &geography.geo,
    );
    let children = dataset.children();
    assert_eq!(children.len(), 3000);
    assert_eq!(dataset.sites().len(), 5000);

    let boys = children
        .iter()
        .filter(|child| child.sex == Some(Sex::Male))
        .count();
    assert!(
        (0.52..0.58).contains(&share(boys, children.len())),
        "boys {boys}"
    );
    let teens = children
        .iter()
        .filter(|child| (12..=17).contains(&child.age))
        .count();
    assert!(
        (0.47..0.57).contains(&share(teens, children.len())),
        "12-17: {teens}"
    );
    let aftercare = children.iter().filter(|child| child.age >= 18).count();
    assert!(
        (0.08..0.16).contains(&share(aftercare, children.len())),
        "18-22: {aftercare}"
    );
    let in_groups = children
        .iter()
        .filter(|child| child.sibling_group.is_some())
        .count();
    assert!(
        (0.15..0.35).contains(&share(in_groups, children.len())),
        "siblings: {in_groups}"
    );

    let mut places: BTreeMap<&str, u32> = BTreeMap::new();
    for site in dataset.sites() {
        let kind = match site.site_type {
            t if t.is_family() => "family",
            SiteType::ResidentialHome
            | SiteType::CareHome
            | SiteType::PartlyClosed
            | SiteType::SecureUnit => "home",
            _ => "other",
        };
        *places.entry(kind).or_default() += site.places;
    }
    let total: u32 = places.values().sum();
    let family = f64::from(places["family"]) / f64::from(total);
    let home = f64::from(places["home"]) / f64::from(total);
    assert!((0.55..0.67).contains(&family), "family places {family}");
    assert!((0.27..0.40).contains(&home), "home places {home}");

    let free: u32 = dataset.sites().iter().map(|site| site.free_places).sum();
    assert!(
        f64::from(free) / f64::from(total) < 0.25,
        "sites are mostly full"
    );
    let stale = dataset
        .sites()
        .iter()
        .filter(|site| site.updated.is_some_and(|d| d < date(2025, 11, 1)))
        .count();
    assert!(
        (0.15..0.30).contains(&share(stale, dataset.sites().len())),
        "stale {stale}"
    );
    for child in children.iter().filter(|child| child.network_site.is_some()) {
        let site = dataset.site(child.network_site.as_ref().unwrap()).unwrap();
        assert_eq!(site.network_for.as_ref(), Some(&child.id));
    }
}

fn history_args(out: &str) -> [&str; 9] {
    [
        "--children",
        "200",
        "--sites",
        "600",
        "--seed",
        "9",
        "--out",
        out,
        "--history",
    ]
}

/// Issue 14, item 7: `generate --history` writes a case store whose breakdowns depend on the
/// match, and `report outcomes` finds that signal: fewer breakdowns in higher score bands, and
/// the needs element's score clearly going with fewer breakdowns.
#[test]
fn a_generated_history_has_a_signal_that_the_outcomes_report_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let out_text = out.to_str().unwrap();
    let (code, _) = run(&history_args(out_text));
    assert_eq!(code, 0);
    let cases = out.join("cases.sqlite");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cases).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the case store is private");
    }
    let output = placematch()
        .args([
            "report",
            "outcomes",
            "--on",
            "2026-11-23",
            "--format",
            "json",
            "--cases",
        ])
        .arg(&cases)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let overall = json["overall"]["rate"].as_f64().unwrap();
    assert!(
        (0.04..0.16).contains(&overall),
        "about 8 % break down: {overall}"
    );
    let bands: Vec<f64> = json["dimensions"][0]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|cell| cell["rate"]["rate"].as_f64())
        .collect();
    assert!(bands.len() >= 3, "{bands:?}");
    assert!(
        bands[0] > bands[bands.len() - 1],
        "low scores break down more: {bands:?}"
    );
    let needs = &json["calibration"]["effects"][0];
    assert_eq!(needs["element"], "needs");
    assert_eq!(needs["reading"], "fewer", "{needs}");
    // Nothing about one child: no past child's pseudonym in the report.
    assert!(!String::from_utf8_lossy(&output.stdout).contains("H-0"));
    // The history is part of the atomic output: without --force it is not replaced.
    let (code, _) = run(&history_args(out_text));
    assert_ne!(code, 0);
}
