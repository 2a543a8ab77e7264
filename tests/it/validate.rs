//! Properties checked, one test per kind of hostile input (malformed CSV, encodings, sizes,
//! duplicates, references, formula cells, CPR-like values):
//! - the exit code (0 clean, 65 invalid, 66 missing);
//! - the message names file, line and column;
//! - the message never repeats the content of the bad cell.

use crate::support::{CHILDREN, SITES, data_dir, links, municipalities, validate};

/// Validates a dataset where `file` has `content`; asserts exit 65 and that stdout has each
/// expected fragment; returns stdout.
fn invalid(file: &str, content: &str, expected: &[&str]) -> String {
    let dir = data_dir(&[(file, Some(content.as_bytes()))]);
    let (code, stdout, stderr) = validate(dir.path(), &[]);
    assert_eq!(code, 65, "stdout:\n{stdout}\nstderr:\n{stderr}");
    for fragment in expected {
        assert!(
            stdout.contains(fragment),
            "missing {fragment:?} in:\n{stdout}"
        );
    }
    assert!(stderr.contains("invalid"), "{stderr}");
    stdout
}

/// Danish by default: every problem, the file summary and the verdict read as a Danish data
/// officer would write them; codes, files and columns stay as they are; JSON says its language.
#[test]
fn problems_are_in_danish_by_default() {
    let children = CHILDREN.replace(
        "C-1,9,f,101,,moderate,adhd:2|trauma:1,none,long_term,",
        "C-1,9,f,101,,moderat,adhd:2|trauma:1,none,long_term,",
    );
    let dir = data_dir(&[("children.csv", Some(children.as_bytes()))]);
    let output = crate::support::placematch()
        .args(["validate", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(65));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stdout.contains("fejl[unknown_code]: ")
            && stdout.contains(
                "children.csv:2:6 (kolonne \"support_level\"): ukendt kode for støtteniveau; nærmeste gyldige kode er \"moderate\""
            ),
        "{stdout}"
    );
    // Its sibling is left alone in the group: a warning, in Danish too.
    assert!(stdout.contains("advarsel[sibling_group]: "), "{stdout}");
    assert!(stdout.contains("rækker, skilletegn ','"), "{stdout}");
    assert!(
        stdout.contains(": ugyldige data (1 fejl, 1 advarsel)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("indeholder ugyldige data: 1 fejl"),
        "{stderr}"
    );
    for english in ["error[", " rows", "invalid", "unknown ", "closest"] {
        assert!(
            !stdout.contains(english),
            "English {english:?} in:\n{stdout}"
        );
    }
    let json = crate::support::placematch()
        .args(["validate", "--format", "json", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["lang"], "da");
    assert_eq!(json["problems"][0]["code"], "unknown_code");
    assert!(
        json["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("ukendt kode for støtteniveau")
    );
}

#[test]
fn the_fixture_and_the_bundled_data_are_valid() {
    let dir = data_dir(&[]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("valid (0 errors, 0 warnings)"), "{stdout}");

    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let (code, stdout, _) = validate(&bundled, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("valid (0 errors, 0 warnings)"),
        "the generator makes no implausible combination:\n{stdout}"
    );
}

/// Each plausibility warning of PRODUCT.md section 6.6, with its position, and the data still
/// loads (exit 0).
#[test]
fn implausible_combinations_are_warnings_with_their_position() {
    let children = CHILDREN
        .replace(
            "C-1,9,f,101,,moderate,adhd:2|trauma:1,none,long_term,",
            "C-1,2,f,101,,moderate,adhd:2|trauma:1,none,long_term,",
        )
        .replace(
            "C-2,12,m,101,147,moderate,,none,long_term,",
            "C-2,19,m,101,147,moderate,,none,emergency,",
        )
        .replace(
            "C-3,15,x,751,,severe,crime:3,none,emergency,",
            "C-3,15,x,751,,severe,crime:3,secure,permanent,",
        );
    let sites = SITES.replace(
        "S-3,Netværk C,foster_network,751,1,1,,,any,",
        "S-3,Netværk C,foster_network,751,1,1,10,20,any,",
    );
    let dir = data_dir(&[
        ("children.csv", Some(children.as_bytes())),
        ("sites.csv", Some(sites.as_bytes())),
    ]);
    let (code, stdout, stderr) = validate(dir.path(), &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for expected in [
        "children.csv:2:16 (column \"wishes\"): wishes recorded for a child under 3",
        "children.csv:3:9 (column \"purpose\"): purpose emergency for a young adult",
        "children.csv:4:9 (column \"purpose\"): purpose permanent with a partly closed or secure placement",
        "sites.csv:4:7 (column \"age_min\"): a network family has an age range",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert_eq!(
        stdout.matches("warning[implausible]").count(),
        4,
        "{stdout}"
    );
    let secure_adult = CHILDREN.replace(
        "C-3,15,x,751,,severe,crime:3,none,emergency,",
        "C-3,18,x,751,,severe,crime:3,secure,long_term,",
    );
    let dir = data_dir(&[("children.csv", Some(secure_adult.as_bytes()))]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(
        stdout
            .contains("children.csv:4:8 (column \"security\"): secure placement for a young adult"),
        "{stdout}"
    );
}

#[test]
fn siblings_placed_at_must_name_known_sites() {
    let children = CHILDREN
        .replacen("must_not\n", "must_not,siblings_placed_at\n", 1)
        .replacen(",dog:2,\n", ",dog:2,,S-1|S-99\n", 1);
    invalid(
        "children.csv",
        &children,
        &[
            "children.csv:2:18 (column \"siblings_placed_at\"): siblings_placed_at names a site that is not in sites.csv",
        ],
    );
}

#[test]
fn a_missing_file_exits_66_and_names_it() {
    let dir = data_dir(&[("sites.csv", None)]);
    let (code, _, stderr) = validate(dir.path(), &[]);
    assert_eq!(code, 66);
    assert!(stderr.contains("sites.csv"), "{stderr}");
}

#[test]
fn empty_and_header_only_files() {
    invalid("children.csv", "", &["children.csv: file is empty"]);
    invalid("children.csv", "\u{feff}\r\n", &["error[empty_file]"]);
    let header = CHILDREN.lines().next().unwrap();
    invalid(
        "children.csv",
        header,
        &["children.csv: file has a header but no data rows"],
    );
}

#[test]
fn missing_unknown_and_duplicate_columns() {
    invalid(
        "sites.csv",
        &SITES.replacen("free_places", "free_place", 1),
        &[
            r#"sites.csv:1:6 (column "free_place"): unknown column; did you mean "free_places"?"#,
            r#"sites.csv:1: missing column "free_places""#,
        ],
    );
    invalid(
        "children.csv",
        &CHILDREN.replacen("must_not", "age", 1),
        &[r#"children.csv:1:17 (column "age"): column name appears twice (first as column 2)"#],
    );
}

#[test]
fn duplicate_ids_name_both_lines() {
    let children = CHILDREN.replace("C-3,15", "C-1,15");
    invalid(
        "children.csv",
        &children,
        &["children.csv:4:1", "lines 2 and 4"],
    );
}

#[test]
fn non_finite_and_out_of_range_numbers() {
    invalid(
        "children.csv",
        &CHILDREN.replace("C-1,9,", "C-1,NaN,"),
        &[
            r#"error[non_finite]: "#,
            r#"children.csv:2:2 (column "age"): NaN and infinity are not allowed"#,
        ],
    );
    invalid(
        "sites.csv",
        &SITES.replace(",4.1,", ",inf,"),
        &[r#"sites.csv:2:19 (column "quality"): NaN and infinity"#],
    );
    invalid(
        "sites.csv",
        &SITES.replace("care_home,751,10,", "care_home,751,-3,"),
        &[r#"sites.csv:3:5 (column "places"): must be between 0 and 1000"#],
    );
    invalid(
        "children.csv",
        &CHILDREN.replace("C-3,15,", "C-3,23,"),
        &[r#"children.csv:4:2 (column "age"): must be between 0 and 22"#],
    );
}

#[test]
fn free_places_above_places_and_inverted_age_range() {
    invalid(
        "sites.csv",
        &SITES.replace("foster_reinforced,147,2,2,", "foster_reinforced,147,2,3,"),
        &[r#"sites.csv:2:6 (column "free_places"): free_places is larger than places"#],
    );
    invalid(
        "sites.csv",
        &SITES.replace(",12,22,", ",22,12,"),
        &[r#"sites.csv:3:8 (column "age_max"): age_min is larger than age_max"#],
    );
}

#[test]
fn unknown_codes_name_the_closest_valid_one_without_echoing() {
    let stdout = invalid(
        "children.csv",
        &CHILDREN.replace("adhd:2|trauma:1", "adhd:2|trauam:1"),
        &[
            r#"children.csv:2:7 (column "needs"): unknown need code; closest valid code is "trauma""#,
        ],
    );
    assert!(!stdout.contains("trauam"));
    invalid(
        "children.csv",
        &CHILDREN.replace("moderate,adhd", "moderat,adhd"),
        &[
            r#"children.csv:2:6 (column "support_level"): unknown support level code; closest valid code is "moderate""#,
        ],
    );
    invalid(
        "children.csv",
        &CHILDREN.replace("C-3,15,x,751", "C-3,15,x,752"),
        &[
            r#"children.csv:4:4 (column "municipality"): unknown municipality code; closest valid code is 751 (Aarhus)"#,
        ],
    );
    invalid(
        "sites.csv",
        &SITES.replace("foster_reinforced", "foster_reinforcd"),
        &[r#"closest valid code is "foster_reinforced""#],
    );
}

#[test]
fn network_references_must_resolve() {
    invalid(
        "children.csv",
        &CHILDREN.replace(",S-3,", ",S-9,"),
        &[r#"children.csv:4:11 (column "network_site"): network_site names no site in sites.csv"#],
    );
    invalid(
        "sites.csv",
        &SITES.replace(",C-3,", ",C-7,"),
        &[r#"sites.csv:4:13 (column "network_for"): network_for names no child in children.csv"#],
    );
    invalid(
        "sites.csv",
        &SITES.replace(",C-3,", ",,"),
        &[r#"sites.csv:4:13 (column "network_for"): a foster_network site needs network_for"#],
    );
    invalid(
        "children.csv",
        &CHILDREN.replace(",S-3,", ",S-2,"),
        &["which is not of type foster_network"],
    );
}

#[test]
fn sibling_groups_with_inconsistent_labels() {
    invalid(
        "children.csv",
        &CHILDREN.replace("long_term,G-1,,1", "long_term,g-1,,1"),
        &[
            r#"children.csv:3:10 (column "sibling_group"): sibling group label differs only in case or punctuation from the one on line 2"#,
        ],
    );
    // A group of one is only a warning: exit 0.
    let dir = data_dir(&[(
        "children.csv",
        Some(
            CHILDREN
                .replace("long_term,G-1,,1", "long_term,,,1")
                .as_bytes(),
        ),
    )]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("warning[sibling_group]: "), "{stdout}");
}

#[test]
fn cpr_like_ids_are_refused_without_echo() {
    let stdout = invalid(
        "children.csv",
        &CHILDREN.replace("C-2,", "0101901234,"),
        &[
            r#"error[cpr_like]: "#,
            r#"children.csv:3:1 (column "id"): value looks like a CPR number and is refused (not shown)"#,
        ],
    );
    assert!(!stdout.contains("0101901234"));
    assert!(!stdout.contains("010190"));
}

#[test]
fn semicolons_bom_and_crlf_are_accepted() {
    let children = format!(
        "\u{feff}{}",
        CHILDREN.replace(',', ";").replace('\n', "\r\n")
    );
    let dir = data_dir(&[("children.csv", Some(children.as_bytes()))]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("children.csv: 3 rows, delimiter ';'"),
        "{stdout}"
    );
}

#[test]
fn encodings_other_than_utf8_are_located() {
    let mut latin1 = SITES.replace("Familie A", "Familie X").into_bytes();
    let at = latin1.windows(8).position(|w| w == b"Familie ").unwrap() + 8;
    latin1[at] = 0xE6; // 'æ' in Windows-1252.
    let dir = data_dir(&[("sites.csv", Some(&latin1))]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 65);
    assert!(
        stdout.contains(r#"sites.csv:2:2 (column "name"): cell is not UTF-8"#),
        "{stdout}"
    );

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(CHILDREN.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = data_dir(&[("children.csv", Some(&utf16))]);
    let (code, stdout, _) = validate(dir.path(), &[]);
    assert_eq!(code, 65);
    assert!(stdout.contains("file is UTF-16"), "{stdout}");
}

#[test]
fn ragged_rows_are_reported_and_the_rest_still_checked() {
    let children = CHILDREN
        .replace("C-1,9,f,101,,", "C-1,9,f,101,")
        .replace("C-3,15,", "C-3,NaN,");
    invalid(
        "children.csv",
        &children,
        &[
            "children.csv:2: row has 16 fields but the header has 17",
            r#"children.csv:4:2 (column "age")"#,
        ],
    );
}

#[test]
fn geography_problems() {
    let swapped = municipalities().replacen("55.67098,12.55360", "12.55360,55.67098", 1);
    invalid(
        "municipalities.csv",
        &swapped,
        &[
            r#"municipalities.csv:2:4 (column "lat"): latitude must be within Denmark (54.4 to 57.9); lat and lon swapped?"#,
        ],
    );
    let no_laeso_ferry: String = links()
        .lines()
        .filter(|line| !line.contains("825"))
        .map(|line| format!("{line}\n"))
        .collect();
    invalid(
        "links.csv",
        &no_laeso_ferry,
        &["error[unreachable]", "825 (Læsø)"],
    );
}

#[test]
fn problems_are_capped_with_a_count_of_the_rest() {
    let mut children = String::from(CHILDREN.lines().next().unwrap());
    children.push('\n');
    for idx in 0..300 {
        children += &format!("C-{idx},NaN,f,101,,light,,,long_term,,,,,,,,\n");
    }
    // 300 bad ages, plus S-3 whose network_for now names no loaded child.
    let stdout = invalid(
        "children.csv",
        &children,
        &["... and 201 more problems not shown"],
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|line| line.starts_with("error["))
            .count(),
        100
    );
}

#[test]
fn json_lists_problems_as_data() {
    let dir = data_dir(&[(
        "children.csv",
        Some(CHILDREN.replace("C-1,9,", "C-1,x,").as_bytes()),
    )]);
    let (code, stdout, _) = validate(dir.path(), &["--format", "json"]);
    assert_eq!(code, 65);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"], 1);
    let problem = &json["problems"][0];
    assert_eq!(problem["code"], "not_a_number");
    assert_eq!(problem["line"], 2);
    assert_eq!(problem["column"], 2);
    assert_eq!(problem["column_name"], "age");
    assert!(problem["file"].as_str().unwrap().ends_with("children.csv"));
}
