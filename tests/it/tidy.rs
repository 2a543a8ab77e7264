//! Properties checked: the pure core (model, geo, generate, and later elements, score,
//! shortlist, optimize) does no IO, reads no clock or environment, and knows nothing of the
//! edges; every source file starts with a `//!` doc saying what it is.

use std::path::{Path, PathBuf};

const CORE: &[&str] = &[
    "model",
    "geo",
    "generate",
    "explain",
    "elements",
    "context",
    "score",
    "shortlist",
    "optimize",
    "fairness",
    "flags",
];

const FORBIDDEN_IN_CORE: &[&str] = &[
    "std::fs",
    "std::env",
    "std::net",
    "std::io::stdout",
    "println!",
    "eprintln!",
    "SystemTime",
    "Instant::now",
    "Zoned::now",
    "thread_rng",
    "from_entropy",
    "serde::",
    "Serialize)",
    "Deserialize)",
    "crate::io",
    "crate::cli",
    "crate::render",
    "crate::server",
    "crate::audit",
];

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_core_does_no_io_and_knows_no_edge() {
    let mut violations = Vec::new();
    for module in CORE {
        let mut files = Vec::new();
        rust_files(&root().join("src").join(module), &mut files);
        let single = root().join("src").join(format!("{module}.rs"));
        if single.exists() {
            files.push(single);
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for token in FORBIDDEN_IN_CORE {
                if text.contains(token) {
                    violations.push(format!("{}: {token}", file.display()));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "core modules must stay pure:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root().join(dir), &mut files);
    }
    let undocumented: Vec<String> = files
        .iter()
        .filter(|file| !std::fs::read_to_string(file).unwrap().starts_with("//!"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        undocumented.is_empty(),
        "files without a //! doc:\n{}",
        undocumented.join("\n")
    );
}

/// Users never see the team's notes: nothing in the project links to the shared folder; what a
/// user needs lives in `docs/` and `data/`.
#[test]
fn nothing_links_to_the_teams_shared_notes() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "docs", "benches", "data"] {
        collect_text_files(&root().join(dir), &mut files);
    }
    for name in [
        "README.md",
        "ARCHITECTURE.md",
        "BENCHMARKS.md",
        "Cargo.toml",
    ] {
        files.push(root().join(name));
    }
    // Built from parts so that this file does not match itself.
    let needle = format!("{}/{}", "shared", "notes");
    let parent = format!("../{}", "shared");
    let offending: Vec<String> = files
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file)
                .is_ok_and(|text| text.contains(&needle) || text.contains(&parent))
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(offending.is_empty(), "{offending:?}");
}

fn collect_text_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_text_files(&path, files);
        } else if path.extension().is_some_and(|ext| {
            ["rs", "md", "toml", "js", "html", "css"]
                .iter()
                .any(|e| ext == *e)
        }) {
            files.push(path);
        }
    }
}
