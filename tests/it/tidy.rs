//! The house rules, as a table (`RULES`): the pure core (model, geo, generate, explain,
//! context, elements, score, shortlist, optimize, fairness, flags, recruit, outcomes) does no IO, reads no
//! clock or environment, derives no serde and knows nothing of the edges; elements never see
//! score or shortlist; the optimizer never sees elements; petgraph stays in geo. Each broken
//! rule is reported with file and line. Also: every source file starts with a `//!` doc,
//! and no Markdown link leaves the repository.

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
    "recruit",
    "outcomes",
];

/// Where a rule applies.
enum Scope {
    /// These modules (a folder `src/NAME/` or a file `src/NAME.rs`).
    Modules(&'static [&'static str]),
    /// Every module but these.
    AllBut(&'static [&'static str]),
}

/// The house rules: where, what must not appear there, and why.
const RULES: &[(Scope, &[&str], &str)] = &[
    (
        Scope::Modules(CORE),
        &[
            "crate::io",
            "crate::cli",
            "crate::render",
            "crate::server",
            "crate::audit",
            "crate::app",
        ],
        "the core never imports an edge",
    ),
    (
        Scope::Modules(CORE),
        &[
            "std::fs",
            "std::net",
            "std::io::stdout",
            "println!",
            "eprintln!",
        ],
        "the core does no IO",
    ),
    (
        Scope::Modules(CORE),
        &["std::env"],
        "the core reads no environment",
    ),
    (
        Scope::Modules(CORE),
        &["SystemTime", "Instant::now", "Zoned::now", "Timestamp::now"],
        "the core reads no clock",
    ),
    (
        Scope::Modules(CORE),
        &["thread_rng", "from_entropy"],
        "the core draws no unseeded randomness",
    ),
    (
        Scope::Modules(CORE),
        &["serde::"],
        "JSON shapes live in render, not in the core",
    ),
    (
        Scope::Modules(&["elements"]),
        &["crate::score"],
        "elements never see the weights or their combination",
    ),
    (
        Scope::Modules(&["elements"]),
        &["crate::shortlist"],
        "elements never see the ranking",
    ),
    (
        Scope::Modules(&["optimize"]),
        &["crate::elements"],
        "the optimizer works on scores, not on elements",
    ),
    (
        Scope::AllBut(&["geo"]),
        &["petgraph"],
        "the road graph stays inside geo",
    ),
];

/// The source files of a module.
fn module_files(module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&root().join("src").join(module), &mut files);
    let single = root().join("src").join(format!("{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    files
}

/// Every module under `src/` (folders and files, `lib.rs` and `main.rs` excluded).
fn all_modules() -> Vec<String> {
    let mut modules: Vec<String> = std::fs::read_dir(root().join("src"))
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let module = name.strip_suffix(".rs").unwrap_or(&name).to_string();
            (!matches!(module.as_str(), "lib" | "main")).then_some(module)
        })
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

/// Whether a line derives serde's traits: `#[derive(...)]` with `Serialize` or `Deserialize`
/// in its list (a `Serialize` in a comment or a string does not count).
fn derives_serde(line: &str) -> bool {
    let line = line.trim_start();
    let Some(list) = line.strip_prefix("#[derive(").or_else(|| {
        line.strip_prefix("#[cfg_attr(")
            .and_then(|rest| rest.split_once("derive(").map(|(_, list)| list))
    }) else {
        return false;
    };
    list.split([',', ')'])
        .map(|item| item.trim().rsplit("::").next().unwrap_or(""))
        .any(|item| item == "Serialize" || item == "Deserialize")
}

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
fn the_house_rules_hold() {
    let modules = all_modules();
    let mut violations = Vec::new();
    for (scope, tokens, why) in RULES {
        let applies: Vec<&str> = match scope {
            Scope::Modules(listed) => listed.to_vec(),
            Scope::AllBut(excepted) => modules
                .iter()
                .map(String::as_str)
                .filter(|module| !excepted.contains(module))
                .collect(),
        };
        for module in applies {
            for file in module_files(module) {
                let text = std::fs::read_to_string(&file).unwrap();
                for (number, line) in text.lines().enumerate() {
                    for token in tokens.iter().filter(|token| line.contains(*token)) {
                        violations.push(format!(
                            "{}:{}: `{token}`: {why}",
                            file.display(),
                            number + 1
                        ));
                    }
                }
            }
        }
    }
    for module in CORE {
        for file in module_files(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                if derives_serde(line) {
                    violations.push(format!(
                        "{}:{}: derives serde: JSON shapes live in render, not in the core",
                        file.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "house rules broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_serde_derive_check_reads_the_derive_list() {
    assert!(derives_serde("#[derive(Debug, Serialize)]"));
    assert!(derives_serde(
        "    #[derive(Clone, serde::Deserialize, PartialEq)]"
    ));
    assert!(derives_serde(
        "#[cfg_attr(feature = \"x\", derive(Serialize))]"
    ));
    assert!(!derives_serde("// a Serialize) in a comment"));
    assert!(!derives_serde("#[derive(Debug, Clone)]"));
    assert!(!derives_serde("let text = \"#[derive(Serialize)]\";"));
}

/// Every relative link in a Markdown file resolves to a file inside the repository: a clone
/// alone explains the product.
#[test]
fn markdown_links_stay_inside_the_repository() {
    let mut files = Vec::new();
    collect_text_files(&root().join("docs"), &mut files);
    collect_text_files(&root().join("data"), &mut files);
    for name in [
        "README.md",
        "ARCHITECTURE.md",
        "BENCHMARKS.md",
        "CONTRIBUTING.md",
    ] {
        files.push(root().join(name));
    }
    let repository = root().canonicalize().unwrap();
    let mut broken = Vec::new();
    for file in files
        .iter()
        .filter(|file| file.extension().is_some_and(|ext| ext == "md"))
    {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for target in line
                .split("](")
                .skip(1)
                .filter_map(|rest| rest.split(')').next())
            {
                let path = target.split('#').next().unwrap_or("");
                if path.is_empty() || path.contains("://") || path.starts_with("mailto:") {
                    continue;
                }
                // A link that climbs (`../`) is refused even when it lands inside: the
                // shared notes beside the repository were once reached that way.
                if path.split('/').any(|part| part == "..") {
                    broken.push(format!(
                        "{}:{}: {target} (climbs with ../)",
                        file.display(),
                        number + 1
                    ));
                    continue;
                }
                let resolved = file.parent().unwrap().join(path);
                let inside = resolved
                    .canonicalize()
                    .is_ok_and(|resolved| resolved.starts_with(&repository));
                if !inside {
                    broken.push(format!("{}:{}: {target}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that leave the repository or lead nowhere:\n{}",
        broken.join("\n")
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
