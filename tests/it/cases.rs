//! The case store through the binary: inquiries and answers recorded and listed in Danish,
//! an answer from a site never asked refused, conditions never echoed, declined pairs
//! forbidden in `assign`, and `decide` asking for a reason when the site has not accepted.

use std::path::Path;

use serde_json::Value;

use crate::support::{data_dir, placematch};

const AS_OF: &str = "2026-11-23";

fn run(data: &Path, cases: &Path, args: &[&str]) -> (i32, String, String) {
    let output = placematch()
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--cases")
        .arg(cases)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

fn placed_site(json: &Value, child: &str) -> Option<String> {
    json["assignments"]
        .as_array()?
        .iter()
        .find(|row| row["child_id"] == child)
        .and_then(|row| row["site_id"].as_str().map(String::from))
}

#[test]
fn inquiries_and_answers_are_recorded_listed_and_used() {
    let dir = data_dir(&[]);
    let cases = dir.path().join("cases.sqlite");
    let assign = |with_cases: bool| {
        let mut command = placematch();
        command
            .args(["assign", "--format", "json", "--as-of", AS_OF, "--data"])
            .arg(dir.path());
        if with_cases {
            command.arg("--cases").arg(&cases);
        }
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let chosen = placed_site(&assign(false), "C-3").expect("C-3 is placed");
    // A mistyped store is not a new empty one: reading it is an error and creates nothing.
    let output = placematch()
        .args(["assign", "--as-of", AS_OF, "--data"])
        .arg(dir.path())
        .arg("--cases")
        .arg(&cases)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
    assert!(!cases.exists());
    // A write refused by the audit trail keeps nothing in the store.
    let (code, _, _) = run(
        dir.path(),
        &cases,
        &[
            "inquire",
            "--child",
            "C-3",
            "--site",
            "S-1",
            "--by",
            "anna",
            "--audit",
            "/nonexistent/a.sqlite",
            "--purpose",
            "x",
        ],
    );
    assert_eq!(code, 73);
    assert!(
        !cases.exists(),
        "the audit trail is opened before the store"
    );

    let (code, stdout, stderr) = run(
        dir.path(),
        &cases,
        &[
            "inquire",
            "--child",
            "C-3",
            "--site",
            &chosen,
            "--site",
            "S-1",
            "--by",
            "anna",
            "--on",
            "2026-12-01",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Registreret: 2 steder spurgt om C-3 den 2026-12-01 (2 nye).\n"
    );

    // An answer from a site never asked is refused.
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "respond", "--child", "C-3", "--site", "S-2", "--accept", "--by", "anna",
        ],
    );
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("har ikke fået en forespørgsel om dette barn"),
        "{stderr}"
    );
    // Conditions that look like a CPR number are refused and not repeated.
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "respond",
            "--child",
            "C-3",
            "--site",
            "S-1",
            "--accept",
            "--conditions",
            "barnet 010203-1234",
            "--by",
            "anna",
        ],
    );
    assert_eq!(code, 2);
    assert!(!stderr.contains("010203"), "{stderr}");

    let (code, stdout, stderr) = run(
        dir.path(),
        &cases,
        &[
            "respond",
            "--child",
            "C-3",
            "--site",
            &chosen,
            "--decline",
            "--reason",
            "needs-not-met",
            "--by",
            "anna",
            "--on",
            "2026-12-02",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("har sagt nej til C-3 den 2026-12-02 (kan ikke imødekomme barnets behov)"),
        "{stdout}"
    );
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "respond",
            "--child",
            "C-3",
            "--site",
            "S-1",
            "--accept",
            "--conditions",
            "supervision i traumer",
            "--by",
            "anna",
            "--on",
            "2026-12-03",
        ],
    );
    assert_eq!(code, 0, "{stderr}");

    let output = placematch()
        .args(["case", "--child", "C-3", "--cases"])
        .arg(&cases)
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.starts_with("Sagsforløb for C-3\n"), "{table}");
    assert!(
        table.contains("svarede ja 2026-12-03 på betingelse af: supervision i traumer"),
        "{table}"
    );
    // C-3 is 15: the young person's own consent is asked for (§ 46), and none is recorded.
    assert!(
        table.contains(
            "(!) Den unges samtykke til anbringelsen (fyldt 15 år, barnets lov § 46): ikke registreret."
        ),
        "{table}"
    );
    assert!(table.contains("Ingen afgørelse er registreret."), "{table}");

    // The shortlist leaves the declined site out of the ranking, lists it apart, and shows
    // the accepted site's conditions.
    let shortlist = |format: &str| {
        let output = placematch()
            .args([
                "shortlist",
                "--child",
                "C-3",
                "--format",
                format,
                "--as-of",
                AS_OF,
                "--data",
            ])
            .arg(dir.path())
            .arg("--cases")
            .arg(&cases)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&shortlist("json")).unwrap();
    let ranked: Vec<&str> = json["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|site| site["site_id"].as_str().unwrap())
        .collect();
    assert!(!ranked.contains(&chosen.as_str()), "{ranked:?}");
    assert_eq!(json["declined"][0]["site_id"], chosen.as_str());
    for (idx, site) in json["eligible"].as_array().unwrap().iter().enumerate() {
        assert_eq!(site["rank"], idx + 1, "ranks close up");
    }
    assert_eq!(
        json["eligible_count"].as_u64().unwrap() as usize,
        ranked.len(),
        "the declined site is not counted as eligible: {json}"
    );
    if let Some(s1) = json["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|site| site["site_id"] == "S-1")
    {
        assert_eq!(s1["inquiry"]["answer"], "accepted");
    }
    let table = shortlist("table");
    assert!(
        table.contains("Har sagt nej og er taget ud af rækkefølgen:"),
        "{table}"
    );
    // The child's voice: the shortlist says when no conversation is recorded.
    assert!(
        table.contains(
            "(!) Det er ikke registreret, at barnets synspunkter er tilvejebragt ved en samtale med"
        ),
        "{table}"
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &cases,
        &[
            "conversation",
            "--child",
            "C-3",
            "--held-on",
            "2026-11-20",
            "--by",
            "anna",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Der er afholdt samtale med barnet den 2026-11-20 (barnets lov § 5, stk. 3)\n"
    );
    let json: Value = serde_json::from_str(&shortlist("json")).unwrap();
    assert_eq!(json["child_conversation"]["recorded"], true);
    assert_eq!(json["child_conversation"]["held_on"], "2026-11-20");

    // assign forbids the declined pair.
    let after = assign(true);
    assert_ne!(placed_site(&after, "C-3"), Some(chosen.clone()), "{after}");

    // decide asks for a reason when the site has not accepted.
    let audit = dir.path().join("audit.sqlite");
    let decide = |site: &str, reason: Option<&str>| {
        let mut command = placematch();
        command
            .args([
                "decide",
                "--child",
                "C-3",
                "--site",
                site,
                "--as-of",
                AS_OF,
                "--by",
                "anna",
                "--purpose",
                "matchning",
            ])
            .arg("--data")
            .arg(dir.path())
            .arg("--cases")
            .arg(&cases)
            .arg("--audit")
            .arg(&audit);
        if let Some(reason) = reason {
            command.args(["--reason", reason]);
        }
        let output = command.output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    // A site that declined cannot be chosen, with or without a reason, until its new answer
    // is recorded.
    let (code, stderr) = decide(&chosen, None);
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("stedet har sagt nej"), "{stderr}");
    let (code, stderr) = decide(&chosen, Some("familien har skiftet mening"));
    assert_eq!(code, 65, "{stderr}");
}

/// `decide` counts the rank as the shortlist shows it: a site that declined is not above
/// the chosen one (bundled data: C-0007's first site declines, so its second is first).
#[test]
fn decide_counts_the_rank_without_declined_sites() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.sqlite");
    let audit = dir.path().join("audit.sqlite");
    let data = Path::new("data");
    let shortlist = placematch()
        .args([
            "shortlist",
            "--child",
            "C-0007",
            "--format",
            "json",
            "--top",
            "2",
            "--as-of",
            AS_OF,
            "--data",
        ])
        .arg(data)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&shortlist.stdout).unwrap();
    let first = json["eligible"][0]["site_id"].as_str().unwrap().to_string();
    let second = json["eligible"][1]["site_id"].as_str().unwrap().to_string();
    for args in [
        vec![
            "inquire",
            "--child",
            "C-0007",
            "--site",
            &first,
            "--by",
            "anna",
            "--on",
            "2026-11-20",
        ],
        vec![
            "respond",
            "--child",
            "C-0007",
            "--site",
            &first,
            "--decline",
            "--reason",
            "timing",
            "--by",
            "anna",
            "--on",
            "2026-11-21",
        ],
    ] {
        let (code, _, stderr) = run(data, &cases, &args);
        assert_eq!(code, 0, "{stderr}");
    }
    let output = placematch()
        .args([
            "decide",
            "--child",
            "C-0007",
            "--site",
            &second,
            "--format",
            "json",
            "--reason",
            "sagt ja mundtligt",
            "--by",
            "anna",
            "--purpose",
            "matchning",
            "--as-of",
            AS_OF,
            "--data",
        ])
        .arg(data)
        .arg("--cases")
        .arg(&cases)
        .arg("--audit")
        .arg(&audit)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decided: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(decided["rank"], 1, "{decided}");
    assert_eq!(decided["top_site_id"], second.as_str());
}

/// Issue 14, item 5: `decide --cases` keeps the placement; `due` lists its follow-ups (after
/// 14 days, 3, 6 and 12 months) until they are recorded with `followup`; a follow-up needs
/// a placement, and `--cause` goes with a breakdown only.
#[test]
fn a_decided_placement_gets_follow_ups_until_they_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.sqlite");
    let audit = dir.path().join("audit.sqlite");
    let data = Path::new("data");
    let audited = |args: &[&str]| -> (i32, String, String) {
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--by",
            "anna",
            "--purpose",
            "opfølgning",
            "--audit",
            audit.to_str().unwrap(),
        ]);
        run(data, &cases, &all)
    };
    // Without a placement there is nothing to follow up.
    let (code, _, stderr) = audited(&[
        "followup",
        "--child",
        "C-0007",
        "--at",
        "2027-01-01",
        "--status",
        "ongoing",
    ]);
    assert_ne!(code, 0, "{stderr}");

    let shortlist = placematch()
        .args([
            "shortlist",
            "--child",
            "C-0007",
            "--format",
            "json",
            "--top",
            "1",
            "--as-of",
            AS_OF,
            "--data",
        ])
        .arg(data)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&shortlist.stdout).unwrap();
    let top = json["eligible"][0]["site_id"].as_str().unwrap().to_string();
    for args in [
        vec![
            "inquire", "--child", "C-0007", "--site", &top, "--as-of", AS_OF,
        ],
        vec![
            "respond", "--child", "C-0007", "--site", &top, "--accept", "--as-of", AS_OF,
        ],
        // The child's view and the custody holder's consent are recorded: nothing the law
        // asks for is missing, so no reason is required.
        vec![
            "conversation",
            "--child",
            "C-0007",
            "--held-on",
            "2026-11-20",
            "--how",
            "other-ways",
            "--as-of",
            AS_OF,
        ],
        vec![
            "views",
            "--child",
            "C-0007",
            "--parents-consent",
            "given",
            "--as-of",
            AS_OF,
        ],
        vec![
            "decide", "--child", "C-0007", "--site", &top, "--as-of", AS_OF,
        ],
    ] {
        let (code, stdout, stderr) = audited(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        if args[0] == "decide" {
            assert!(stdout.starts_with("Afgørelsen er registreret"), "{stdout}");
        }
    }
    let due = |on: &str| -> Value {
        let output = placematch()
            .args(["due", "--format", "json", "--on", on, "--cases"])
            .arg(&cases)
            .args(["--by", "anna", "--purpose", "opfølgning", "--audit"])
            .arg(&audit)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let later = due("2099-01-01");
    let milestones: Vec<&str> = later["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["milestone"].as_str().unwrap())
        .collect();
    assert_eq!(milestones, ["14_days", "3_months", "6_months", "12_months"]);
    assert_eq!(later["due"][0]["child_id"], "C-0007");
    assert_eq!(later["due"][0]["text"], "opfølgende kontakt efter 14 dage");
    assert!(later["due"][0]["days_overdue"].as_i64().unwrap() > 0);
    // The municipality's own follow-ups, from the [policy] table of a weights file.
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        "needs = 0.25\nstability = 0.15\nnetwork = 0.15\nsiblings = 0.10\nschool = 0.15\nwishes = 0.10\nsetting = 0.10\n\
         [policy]\nfollowups = [\"1_week\", \"1_month\", \"9_months\"]\n",
    )
    .unwrap();
    let own = placematch()
        .args(["due", "--format", "json", "--on", "2099-01-01", "--cases"])
        .arg(&cases)
        .arg("--weights")
        .arg(&plan)
        .output()
        .unwrap();
    assert!(
        own.status.success(),
        "{}",
        String::from_utf8_lossy(&own.stderr)
    );
    let own: Value = serde_json::from_slice(&own.stdout).unwrap();
    let texts: Vec<&str> = own["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "opfølgende kontakt efter 1 uge",
            "status efter 1 måned",
            "status efter 9 måneder"
        ]
    );

    let (code, _, stderr) = audited(&[
        "followup",
        "--child",
        "C-0007",
        "--at",
        "2099-01-01",
        "--status",
        "ongoing",
        "--cause",
        "other",
    ]);
    assert_eq!(code, 2, "--cause without a breakdown: {stderr}");
    // A follow-up is recorded for a day that has come, never ahead of time.
    let (code, _, stderr) = audited(&[
        "followup",
        "--child",
        "C-0007",
        "--at",
        "2099-01-01",
        "--status",
        "ongoing",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("må ikke være efter i dag"), "{stderr}");
    // The placement ends as planned today: nothing after it falls due.
    let (code, stdout, stderr) =
        audited(&["followup", "--child", "C-0007", "--status", "planned-end"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("anbringelsen er afsluttet som planlagt"),
        "{stdout}"
    );
    assert_eq!(due("2099-01-01")["due"].as_array().unwrap().len(), 0);
}

/// A network family that declined is no longer a default the choice departs from: no site
/// is flagged "the network family can take the child" (a false sentence then), the family is
/// shown out of the ranking, and the next site needs no reason for it (bundled data: C-0005's
/// network family S-4967 is first).
#[test]
fn a_declined_network_family_raises_no_network_flag() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.sqlite");
    let audit = dir.path().join("audit.sqlite");
    let data = Path::new("data");
    for args in [
        vec![
            "inquire", "--child", "C-0005", "--site", "S-4967", "--by", "anna",
        ],
        vec![
            "respond",
            "--child",
            "C-0005",
            "--site",
            "S-4967",
            "--decline",
            "--reason",
            "timing",
            "--by",
            "anna",
        ],
    ] {
        let (code, _, stderr) = run(data, &cases, &args);
        assert_eq!(code, 0, "{stderr}");
    }
    let (code, stdout, stderr) = run(
        data,
        &cases,
        &[
            "shortlist",
            "--child",
            "C-0005",
            "--format",
            "json",
            "--top",
            "5",
            "--as-of",
            AS_OF,
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let view: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(view["network_family"]["status"], "excluded");
    for site in view["eligible"].as_array().unwrap() {
        assert_ne!(site["site_id"], "S-4967");
        let codes: Vec<&str> = site["flag_details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|flag| flag["code"].as_str().unwrap())
            .collect();
        assert!(
            !codes.contains(&"network.network_family_not_first"),
            "{codes:?}"
        );
    }
    let first = view["eligible"][0]["site_id"].as_str().unwrap().to_string();
    let (code, _, stderr) = run(
        data,
        &cases,
        &[
            "inquire", "--child", "C-0005", "--site", &first, "--by", "anna",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(
        data,
        &cases,
        &[
            "respond", "--child", "C-0005", "--site", &first, "--accept", "--by", "anna",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut args = vec![
        "decide",
        "--child",
        "C-0005",
        "--site",
        &first,
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--by",
        "anna",
        "--purpose",
        "afgørelse",
        "--audit",
    ];
    args.push(audit.to_str().unwrap());
    // C-0005's case records no conversation and no consent: a reason is required for those
    // (whatever the site's own flags).
    args.extend(["--reason", "samtale og samtykke følger"]);
    let (code, stdout, stderr) = run(data, &cases, &args);
    assert_eq!(code, 0, "{stderr}");
    let decided: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(decided["rank"], 1);
    let flags: Vec<&str> = decided["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|flag| flag.as_str().unwrap())
        .collect();
    assert!(
        !flags
            .iter()
            .any(|flag| flag.starts_with("network.network_family_not_first")),
        "{flags:?}"
    );
    assert!(flags.contains(&"case.no_conversation"), "{flags:?}");
}

/// `report outcomes` on a store whose breakdowns fall with the match's score: the low band
/// breaks down more than the high one, small cells are suppressed, the table is Danish and
/// aggregate (no child ID), and JSON gives the intervals and the calibration.
#[test]
fn outcomes_report_breakdown_by_score_band_from_the_case_store() {
    use placematch::cases::{CaseStore, Followup, FollowupStatus, MatchFacts, Placement};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.sqlite");
    let mut store = CaseStore::open(&file).unwrap();
    let decided_on = jiff::civil::date(2024, 3, 1);
    let history: Vec<_> = (0..400)
        .map(|idx| {
            let total = if idx % 2 == 0 { 0.55 } else { 0.85 };
            // Every third low-band placement breaks down, every twentieth high-band one.
            let broke = if idx % 2 == 0 {
                idx % 3 == 0
            } else {
                idx % 20 == 1
            };
            let followups = if broke {
                vec![Followup {
                    at: jiff::civil::date(2024, 6, 1),
                    status: FollowupStatus::Breakdown,
                    cause: None,
                }]
            } else {
                Vec::new()
            };
            let facts = MatchFacts {
                total,
                elements: [total; 7],
                flags: if idx % 4 == 0 {
                    vec!["school.school_change".into()]
                } else {
                    Vec::new()
                },
                site_type: if idx == 7 {
                    "secure_unit"
                } else {
                    "foster_general"
                }
                .into(),
                region: "Hovedstaden".into(),
            };
            let placement = Placement {
                child: format!("H-{idx:04}"),
                site: "S-0001".into(),
                decided_on,
            };
            (placement, facts, followups)
        })
        .collect();
    store.import_history(&history, "test").unwrap();
    drop(store);
    let output = placematch()
        .args([
            "report", "outcomes", "--on", AS_OF, "--format", "json", "--cases",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["overall"]["placements"], 400);
    let bands = &json["dimensions"][0];
    assert_eq!(bands["name"], "score_band");
    let rate = |group: &str| {
        bands["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|cell| cell["group"] == group)
            .map(|cell| cell["rate"].clone())
            .unwrap()
    };
    let low = rate("0.0-0.6");
    let high = rate("0.8-0.9");
    assert_eq!(low["placements"], 200);
    assert_eq!(low["breakdowns"], 67);
    assert_eq!(high["breakdowns"], 20);
    assert!(low["low"].as_f64().unwrap() > high["high"].as_f64().unwrap());
    // The one secure unit is a cell of one: suppressed, and one more with it.
    let types = &json["dimensions"][2]["cells"];
    assert!(
        types
            .as_array()
            .unwrap()
            .iter()
            .all(|cell| cell["suppressed"] == true)
    );
    let table = placematch()
        .args(["report", "outcomes", "--on", AS_OF, "--cases"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("Sammenbrud inden for 12 måneder efter afgørelsen"),
        "{text}"
    );
    assert!(
        text.contains("33,5\u{a0}% (27,3–40,3\u{a0}%) · 67 af 200"),
        "{text}"
    );
    assert!(text.contains("skoleskift"), "{text}");
    assert!(text.contains("ikke en risikovurdering"), "{text}");
    assert!(!text.contains("H-0"), "{text}");
}

/// Issue 14, item 2: `views` records the child's and the parents' views and the consents;
/// a free text is never echoed in an error; `case` shows the process and what is missing;
/// the decision basis quotes the views and states each consent with its paragraph.
#[test]
fn the_childs_and_parents_views_reach_the_case_and_the_decision_basis() {
    let dir = data_dir(&[]);
    let cases = dir.path().join("cases.sqlite");
    let audit = dir.path().join("audit.sqlite");
    let views = |extra: &[&str]| {
        let mut args = vec![
            "views",
            "--child",
            "C-3",
            "--by",
            "anna",
            "--on",
            "2026-11-20",
        ];
        args.extend_from_slice(extra);
        run(dir.path(), &cases, &args)
    };
    let (code, _, stderr) = views(&[]);
    assert_eq!(code, 2, "nothing to record: {stderr}");
    assert!(
        stderr.contains("angiv mindst én af --child-wishes"),
        "{stderr}"
    );
    // C-1 is 9 and not placed: the law asks for no consent of the child's own.
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "views",
            "--child",
            "C-1",
            "--child-consent",
            "given",
            "--by",
            "anna",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("loven kræver ikke barnets eget samtykke her"),
        "{stderr}"
    );
    let (code, _, stderr) = views(&["--resources", "mor har cpr 010190-1234"]);
    assert_eq!(code, 2);
    assert!(
        !stderr.contains("1234") && stderr.contains("CPR-nummer"),
        "{stderr}"
    );
    let (code, stdout, stderr) = views(&[
        "--child-wishes",
        "Vil gerne gå til fodbold og se sin lillebror",
        "--parents-wishes",
        "Far ønsker et sted tæt på Aalborg",
        "--parents-consent",
        "given",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Registreret for C-3 den 2026-11-20: barnets ønsker; forældrenes ønsker; forældremyndighedsindehaverens samtykke.\n"
    );
    assert!(
        !stdout.contains("fodbold"),
        "the confirmation never repeats the text"
    );

    let output = placematch()
        .args(["case", "--child", "C-3", "--cases"])
        .arg(&cases)
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    for part in [
        "Barnets ønsker (2026-11-20): Vil gerne gå til fodbold og se sin lillebror",
        "Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46): givet (registreret 2026-11-20).",
        "(!) Den unges samtykke til anbringelsen (fyldt 15 år, barnets lov § 46): ikke registreret.",
    ] {
        assert!(table.contains(part), "{part}\n{table}");
    }

    let document = dir.path().join("afgoerelse.html");
    let shortlist = placematch()
        .args([
            "shortlist",
            "--child",
            "C-3",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&shortlist.stdout).unwrap();
    let top = json["eligible"][0]["site_id"].as_str().unwrap().to_string();
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "decide",
            "--child",
            "C-3",
            "--site",
            &top,
            "--reason",
            "Netværket bevares",
            "--as-of",
            AS_OF,
            "--audit",
            audit.to_str().unwrap(),
            "--by",
            "anna",
            "--purpose",
            "afgørelse",
            "--document",
            document.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&document).unwrap();
    for part in [
        "<strong>Barnets ønsker med barnets egne ord:</strong> »Vil gerne gå til fodbold og se sin lillebror« (registreret 2026-11-20).",
        "<strong>Barnets ressourcer:</strong> Ikke registreret i placematch; se sagen.",
        "<h2>Forældrenes synspunkter og samtykke</h2>",
        "<strong>Forældrenes ønsker:</strong> »Far ønsker et sted tæt på Aalborg« (registreret 2026-11-20).",
        "<li>Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46): givet (registreret 2026-11-20).</li>",
        "<li>Den unges samtykke til anbringelsen (fyldt 15 år, barnets lov § 46): ikke registreret.</li>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // The child's and the parents' part of the decision basis, as a caseworker reads it.
    let start = html
        .find("<h2>Barnets perspektiv</h2>")
        .expect("the child's perspective");
    let end = html
        .find("<h2>Det valgte sted</h2>")
        .expect("the chosen site");
    let section = html[start..end]
        .replace("</p>", "</p>\n")
        .replace("</li>", "</li>\n");
    insta::assert_snapshot!("decision_basis_views_da", section);
}

/// Issue 14, item 3: conditions can close a gap. A need given to `--closes` must be a gap the
/// shortlist shows for the site; the covered gap leaves the gaps to settle and the decision
/// basis lists it with what was agreed.
#[test]
fn an_agreed_condition_covers_a_gap_of_the_site() {
    let dir = data_dir(&[]);
    let cases = dir.path().join("cases.sqlite");
    let gaps_of = |json: &Value, site: &str, field: &str| -> Vec<String> {
        json["eligible"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["site_id"] == site)
            .map(|row| {
                row[field]
                    .as_array()
                    .map(|gaps| {
                        gaps.iter()
                            .map(|gap| gap["code"].as_str().unwrap().to_string())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    };
    let shortlist = || {
        let (code, stdout, stderr) = run(
            dir.path(),
            &cases,
            &[
                "shortlist",
                "--child",
                "C-1",
                "--format",
                "json",
                "--as-of",
                AS_OF,
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str::<Value>(&stdout).unwrap()
    };
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "inquire",
            "--child",
            "C-1",
            "--site",
            "S-1",
            "--by",
            "anna",
            "--on",
            "2026-11-20",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let before = gaps_of(&shortlist(), "S-1", "gap_details");
    assert!(
        before.contains(&"needs.uncovered:trauma".to_string()),
        "{before:?}"
    );
    let respond = |closes: &str| {
        run(
            dir.path(),
            &cases,
            &[
                "respond",
                "--child",
                "C-1",
                "--site",
                "S-1",
                "--accept",
                "--conditions",
                "Supervision i traumer hver måned",
                "--closes",
                closes,
                "--by",
                "anna",
                "--on",
                "2026-11-21",
                "--as-of",
                AS_OF,
            ],
        )
    };
    // ADHD is covered at S-1 already: not a gap to close, and the value is not echoed.
    let (code, _, stderr) = respond("adhd");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("ikke en mangel ved stedet") && !stderr.contains("adhd"),
        "{stderr}"
    );
    let (code, stdout, stderr) = respond("trauma");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Registreret: S-1 har sagt ja til C-1 den 2026-11-21 med betingelser, der dækker den manglende kompetence inden for traumer.\n"
    );
    let after = shortlist();
    assert!(!gaps_of(&after, "S-1", "gap_details").contains(&"needs.uncovered:trauma".to_string()));
    assert_eq!(
        gaps_of(&after, "S-1", "covered_gaps"),
        ["needs.uncovered:trauma"]
    );
    let document = dir.path().join("afgoerelse.html");
    let audit = dir.path().join("audit.sqlite");
    let (code, _, stderr) = run(
        dir.path(),
        &cases,
        &[
            "decide",
            "--child",
            "C-1",
            "--site",
            "S-1",
            "--reason",
            "Plejefamilie med supervision",
            "--as-of",
            AS_OF,
            "--audit",
            audit.to_str().unwrap(),
            "--by",
            "anna",
            "--purpose",
            "afgørelse",
            "--document",
            document.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&document).unwrap();
    assert!(
        html.contains("<h2>Mangler, som de aftalte betingelser dækker</h2>"),
        "covered gaps listed"
    );
    assert!(html.contains("Aftalt med stedet: Supervision i traumer hver måned."));
}
