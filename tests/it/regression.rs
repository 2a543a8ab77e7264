//! Regressions, each test named by its cause: what went wrong, so it cannot come back.

use std::ffi::OsStr;
use std::path::Path;

use crate::support::{SITES, data_dir, run_args};

/// `placematch assign` on the data in `dir` with a scenario file.
fn assign_with(dir: &Path, scenario: &Path) -> (i32, String, String) {
    run_args(&[
        OsStr::new("assign"),
        OsStr::new("--data"),
        dir.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new("2026-11-01"),
        OsStr::new("--scenario"),
        scenario.as_os_str(),
    ])
}

/// Cause: `add_sites` checked each added site only against the data, not against the rows
/// before it, so a site listed twice was added twice and its places counted double (a site
/// with 2 places took 4 children).
#[test]
fn an_added_site_listed_twice_counted_its_places_twice() {
    let dir = data_dir(&[]);
    let header = SITES.lines().next().unwrap();
    let row = "S-9,Familie Ny,foster_specialised,101,2,2,0,17,any,adhd:2|trauma:2,long_term|permanent,none,,da,own_room,0,true,2,4.0,60000,true,2026-11-01";
    std::fs::write(
        dir.path().join("extra.csv"),
        format!("{header}\n{row}\n{row}\n"),
    )
    .unwrap();
    let scenario = dir.path().join("added.toml");
    std::fs::write(&scenario, "add_sites = \"extra.csv\"\n").unwrap();
    let (code, stdout, stderr) = assign_with(dir.path(), &scenario);
    assert_eq!((code, stdout.as_str()), (65, ""), "{stderr}");
    assert!(
        stderr.contains("linje 3: stedets ID findes allerede i data eller tidligere i denne fil"),
        "{stderr}"
    );
}

/// Cause: a scenario that took a site out with `remove_sites` and gave it places with
/// `extra_places` (or `free_places`) was told the site "is not in the data", which sent the
/// planner looking for a typo in the ID.
#[test]
fn places_for_a_removed_site_said_the_site_was_not_in_the_data() {
    let dir = data_dir(&[]);
    for key in ["extra_places", "free_places"] {
        let scenario = dir.path().join("removed.toml");
        std::fs::write(
            &scenario,
            format!("remove_sites = [\"S-1\"]\n[{key}]\n\"S-1\" = 1\n"),
        )
        .unwrap();
        let (code, stdout, stderr) = assign_with(dir.path(), &scenario);
        assert_ne!(code, 0);
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(&format!(
                "nøglen `{key}`: stedet S-1 er fjernet med `remove_sites`"
            )),
            "{stderr}"
        );
    }
}

/// Cause: with `allow_split`, a split cost one unit of the siblings tier per site beyond the
/// first, so a group with one sibling left unplaced and the others at one site counted as
/// whole. The optimizer then left a sibling out for a better-scoring stranger at no cost to
/// the siblings tier, while the output flagged the group as split.
#[test]
fn a_sibling_left_unplaced_did_not_count_as_a_split() {
    use placematch::model::SiteId;
    use placematch::optimize::{AssignOptions, Placement, Problem, SiblingRule, TierFacts, solve};
    // Children 0 and 1 are siblings, child 2 is not; one site with two places.
    let problem = Problem {
        pairs: vec![
            [(0, 0.5)].into_iter().collect(),
            [(0, 0.1)].into_iter().collect(),
            [(0, 0.9)].into_iter().collect(),
        ],
        groups: vec![vec![0, 1]],
        capacity: vec![2],
        locks: Vec::new(),
        siblings: SiblingRule::AllowSplit { penalty: 0.2 },
        facts: TierFacts {
            network_site: vec![None; 3],
            family_care: vec![false; 3],
            family_site: vec![false],
        },
    };
    let assignment = solve(
        &problem,
        &AssignOptions::default(),
        &[SiteId::new("S-1".to_string())],
        &|| false,
    )
    .expect("solves");
    let placed: Vec<bool> = assignment
        .placements
        .iter()
        .map(|placement| matches!(placement, Placement::Placed { .. }))
        .collect();
    assert_eq!(placed, [true, true, false], "the siblings stay together");
    assert_eq!(assignment.split_penalty, 0.0);
    assert_eq!(assignment.optimality.status, "optimal");
}
