//! Fixtures: a small valid dataset in a temporary directory, with one file replaced per test.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// Three children (a sibling pair and one with a network family) and three sites.
pub const CHILDREN: &str = "\
id,age,sex,municipality,school_municipality,support_level,needs,security,purpose,sibling_group,network_site,previous_breakdowns,contact_per_month,special_education,languages,wishes,must_not
C-1,9,f,101,,moderate,adhd:2|trauma:1,none,long_term,G-1,,0,2,true,da,dog:2,
C-2,12,m,101,147,moderate,,none,long_term,G-1,,1,2,false,da|ar,,pets
C-3,15,x,751,,severe,crime:3,none,emergency,,S-3,2,,false,da,,
";

/// Sites matching [`CHILDREN`]; S-3 is C-3's network family. For C-1, S-5 (a children's
/// home) ranks above the families (family-care flag), S-7 is far away and has one place
/// (school and sibling flags, stale profile), S-6 is full (near miss).
pub const SITES: &str = "\
id,name,type,municipality,places,free_places,age_min,age_max,sex,competences,accepts,security,network_for,languages,features,other_children,full_time_carer,parent_cooperation,quality,monthly_cost_dkk,approved,updated
S-1,Familie A,foster_reinforced,147,2,2,0,17,any,adhd:2,long_term|permanent,none,,da,dog|own_room,1,true,2,4.1,45000,true,2026-03-01
S-2,Opholdsstedet B,care_home,751,10,1,12,22,any,crime:3|trauma:2,short_term|long_term,none,,da|en,internal_school,9,,3,3.8,80000,true,2025-01-15
S-3,Netværk C,foster_network,751,1,1,,,any,,emergency|long_term,none,C-3,da,,0,false,1,,15000,true,
S-4,Opholdsstedet D,care_home,101,8,1,6,17,any,adhd:3|trauma:3,short_term|long_term,none,,da,internal_school|own_room,7,,2,4.5,85000,true,2026-09-01
S-5,Børnehjemmet E,residential_home,101,20,4,0,17,any,adhd:3|trauma:3,emergency|short_term|long_term|permanent,none,,da|en,dog|own_room,16,,3,5,110000,true,2026-10-01
S-6,Familie F,foster_general,101,1,0,0,17,any,adhd:1,long_term|permanent,none,,da,dog,1,false,1,3.9,30000,true,2026-08-15
S-7,Familie G,foster_specialised,751,2,1,0,17,any,adhd:3|trauma:2,long_term|permanent,none,,da,rural|horses,1,true,2,4.4,70000,true,2025-05-01
";

/// The real municipalities and links.
pub fn municipalities() -> &'static str {
    placematch::io::EMBEDDED_MUNICIPALITIES
}

/// The real links.
pub fn links() -> &'static str {
    placematch::io::EMBEDDED_LINKS
}

/// A data directory with the four files; each is given as bytes (`None` leaves it out).
pub fn data_dir(files: &[(&str, Option<&[u8]>)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let defaults: [(&str, &[u8]); 4] = [
        ("children.csv", CHILDREN.as_bytes()),
        ("sites.csv", SITES.as_bytes()),
        ("municipalities.csv", municipalities().as_bytes()),
        ("links.csv", links().as_bytes()),
    ];
    for (name, default) in defaults {
        let content = files
            .iter()
            .find(|(file, _)| *file == name)
            .map_or(Some(default), |(_, content)| *content);
        if let Some(content) = content {
            std::fs::write(dir.path().join(name), content).expect("write fixture");
        }
    }
    dir
}

/// The `placematch` binary.
pub fn placematch() -> Command {
    let mut command = Command::cargo_bin("placematch").expect("binary is built");
    command.env("NO_COLOR", "1").env_remove("PLACEMATCH_AUDIT");
    command
}

/// Runs `validate --lang en` on a directory (the tests check the English wording; Danish,
/// the default, has its own test): (exit code, stdout, stderr).
pub fn validate(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let output = placematch()
        .arg("validate")
        .arg("--data")
        .arg(dir)
        .args(["--lang", "en"])
        .args(extra)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

/// Runs the binary with arguments: (exit code, stdout, stderr).
pub fn run_args(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let output = placematch().args(args).output().expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

/// The newest record of an audit database.
pub fn last_record(path: &std::path::Path) -> placematch::audit::Record {
    let records = placematch::audit::AuditLog::open_read_only(path)
        .unwrap()
        .records()
        .unwrap();
    records.last().unwrap().clone()
}
