//! Reading and writing the data files: CSV into validated model types, and back.
//!
//! This is an edge: it touches the file system and owns the column names. Loading checks
//! every rule of PRODUCT.md section 6 and reports every problem with its position (see
//! [`Problem`]); past loading, the model's invariants hold.

mod cell;
pub use cell::NOT_SHOWN;
mod checks;
mod children;
mod geography;
mod problem;
mod row;
mod scenario;
mod sites;
mod table;
mod weights;
mod write;

use std::path::{Path, PathBuf};

pub(crate) use cell::{contains_cpr_like, identifier, shown};
pub use problem::{Arg, Column, FileSummary, MAX_PROBLEMS_KEPT, Problem, Report, Rule, Severity};
pub use scenario::{
    AddedSites, BASELINE_NAME, Scenario, ScenarioError, apply_scenario, confine_add_sites,
    parse_scenario, parse_scenario_table, read_scenario,
};
pub use table::{
    MAX_CELL_BYTES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_HEADER_BYTES, MAX_LINE_BYTES, MAX_ROWS,
};
pub use weights::{
    WeightsFileError, parse_weights, policy_from_table, read_weights, read_weights_and_policy,
    weights_from_table,
};
pub use write::{children_csv, sites_csv, write_dataset_files};

use crate::geo::{GeoError, GeoIndex};
use crate::model::Dataset;
use geography::KnownMunicipalities;

/// File names inside a data directory.
pub const CHILDREN_FILE: &str = "children.csv";
/// Sites file name.
pub const SITES_FILE: &str = "sites.csv";
/// Municipalities file name.
pub const MUNICIPALITIES_FILE: &str = "municipalities.csv";
/// Links file name.
pub const LINKS_FILE: &str = "links.csv";

/// The real Danish municipalities, built into the binary (see `data/SOURCES.md`).
pub const EMBEDDED_MUNICIPALITIES: &str = include_str!("../../data/municipalities.csv");
/// The real Danish travel links, built into the binary (see `data/SOURCES.md`).
pub const EMBEDDED_LINKS: &str = include_str!("../../data/links.csv");

/// The bytes of one input file and the name to use for it in messages.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// How messages name the file, e.g. `data/children.csv`.
    pub label: &'a str,
    /// The file's content.
    pub bytes: &'a [u8],
}

/// The four input files of a dataset.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `children.csv`.
    pub children: Source<'a>,
    /// `sites.csv`.
    pub sites: Source<'a>,
    /// `municipalities.csv`.
    pub municipalities: Source<'a>,
    /// `links.csv`.
    pub links: Source<'a>,
}

/// A loaded dataset with its travel-time index and any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated dataset.
    pub dataset: Dataset,
    /// Travel times between municipalities.
    pub geo: GeoIndex,
    /// Warnings and file summaries; it holds no errors.
    pub report: Report,
}

/// Why a data directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Some files are missing or unreadable.
    #[error("cannot read {}", .0.iter().map(|(path, error)| format!("{}: {error}", path.display())).collect::<Vec<_>>().join("; "))]
    Unreadable(Vec<(PathBuf, std::io::Error)>),
    /// The files were read but are invalid; the report lists every problem.
    #[error("invalid data: {} error{}", .0.error_count(), if .0.error_count() == 1 { "" } else { "s" })]
    Invalid(Report),
}

/// The built-in Danish geography with an empty set of children and sites, for `generate`.
pub fn embedded_geography() -> Result<Loaded, Report> {
    let mut report = Report::default();
    let municipalities = table::read_table(
        MUNICIPALITIES_FILE,
        EMBEDDED_MUNICIPALITIES.as_bytes(),
        geography::MUNICIPALITY_COLUMNS,
        &mut report,
    )
    .map(|table| strip(geography::read_municipalities(&table, &mut report)))
    .unwrap_or_default();
    let known: KnownMunicipalities = municipalities
        .iter()
        .map(|municipality| (municipality.code, municipality.name.clone()))
        .collect();
    let links = table::read_table(
        LINKS_FILE,
        EMBEDDED_LINKS.as_bytes(),
        geography::LINK_COLUMNS,
        &mut report,
    )
    .map(|table| strip(geography::read_links(&table, Some(&known), &mut report)))
    .unwrap_or_default();
    match GeoIndex::build(&municipalities, &links) {
        Ok(geo) if !report.has_errors() => Ok(Loaded {
            dataset: Dataset::new(Vec::new(), Vec::new(), municipalities, links),
            geo,
            report,
        }),
        Ok(_) => Err(report),
        Err(error) => {
            report.push(geo_problem(LINKS_FILE, &error, &municipalities));
            Err(report)
        }
    }
}

/// Reads and validates the four files of a data directory.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    let names = [CHILDREN_FILE, SITES_FILE, MUNICIPALITIES_FILE, LINKS_FILE];
    let mut contents = Vec::with_capacity(names.len());
    let mut unreadable = Vec::new();
    for name in names {
        let path = dir.join(name);
        match read_capped(&path) {
            Ok(bytes) => contents.push((path.display().to_string(), bytes)),
            Err(error) => unreadable.push((path, error)),
        }
    }
    if !unreadable.is_empty() {
        return Err(LoadError::Unreadable(unreadable));
    }
    let source = |idx: usize| Source {
        label: &contents[idx].0,
        bytes: &contents[idx].1,
    };
    load(&Sources {
        children: source(0),
        sites: source(1),
        municipalities: source(2),
        links: source(3),
    })
    .map_err(LoadError::Invalid)
}

/// Reads a data file, refusing (as invalid data, later) anything past the size cap without
/// reading all of it; anything but a regular file is refused at once.
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    regular_file(path)?;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Largest settings file accepted (scenario, weights, token file), in bytes.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// What an operating-system error says when the path is not a regular file (render words it).
pub const NOT_REGULAR_FILE: &str = "not a regular file";

/// What it says when a settings file is not UTF-8.
pub const NOT_UTF8: &str = "not UTF-8 text; save the file as UTF-8";

/// How it begins when a file is over its cap.
pub const TOO_LARGE: &str = "larger than the ";

/// Refuses what is not a regular file: a FIFO would block forever, a device may never end.
fn regular_file(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            NOT_REGULAR_FILE,
        ))
    }
}

/// Reads a whole file of at most `cap` bytes: anything but a regular file, or a file over the
/// cap, is refused without reading past the cap.
pub fn read_bounded(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    regular_file(path)?;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{TOO_LARGE}{cap} bytes accepted"),
        ));
    }
    Ok(bytes)
}

/// [`read_bounded`] for UTF-8 text.
pub fn read_bounded_text(path: &Path, cap: u64) -> std::io::Result<String> {
    String::from_utf8(read_bounded(path, cap)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, NOT_UTF8))
}

/// Validates the four files and builds the dataset; on any error, returns the full report.
pub fn load(sources: &Sources<'_>) -> Result<Loaded, Report> {
    let mut report = Report::default();

    let municipalities = table::read_table(
        sources.municipalities.label,
        sources.municipalities.bytes,
        geography::MUNICIPALITY_COLUMNS,
        &mut report,
    )
    .map(|table| geography::read_municipalities(&table, &mut report))
    .map(|rows| {
        checks::dedupe(
            rows,
            |m| &m.code,
            sources.municipalities.label,
            "municipality code",
            &mut report,
        )
    });
    let known: Option<KnownMunicipalities> = municipalities
        .as_ref()
        .filter(|rows| !rows.is_empty())
        .map(|rows| {
            rows.iter()
                .map(|row| (row.value.code, row.value.name.clone()))
                .collect()
        });

    let links = table::read_table(
        sources.links.label,
        sources.links.bytes,
        geography::LINK_COLUMNS,
        &mut report,
    )
    .map(|table| geography::read_links(&table, known.as_ref(), &mut report));

    let children_table = table::read_table(
        sources.children.label,
        sources.children.bytes,
        children::CHILD_COLUMNS,
        &mut report,
    );
    let children = children_table
        .as_ref()
        .map(|table| children::read_children(table, known.as_ref(), &mut report))
        .map(|rows| {
            checks::dedupe(
                rows,
                |c| &c.id,
                sources.children.label,
                "child ID",
                &mut report,
            )
        });

    let sites_table = table::read_table(
        sources.sites.label,
        sources.sites.bytes,
        sites::SITE_COLUMNS,
        &mut report,
    );
    let sites = sites_table
        .as_ref()
        .map(|table| sites::read_sites(table, known.as_ref(), &mut report))
        .map(|rows| checks::dedupe(rows, |s| &s.id, sources.sites.label, "site ID", &mut report));

    if let (Some(children), Some(sites), Some(children_table), Some(sites_table)) =
        (&children, &sites, &children_table, &sites_table)
    {
        let files = checks::Files {
            children: sources.children.label,
            sites: sources.sites.label,
        };
        let column_number = |file: &str, name: &str| {
            let table = if file == "children" {
                children_table
            } else {
                sites_table
            };
            table.column(name).number
        };
        checks::check_network_references(children, sites, &files, column_number, &mut report);
        checks::check_siblings_placed_at(
            children,
            sites,
            sources.children.label,
            children_table.column("siblings_placed_at").number,
            &mut report,
        );
        checks::check_plausibility(children, sites, &files, column_number, &mut report);
        checks::check_sibling_groups(
            children,
            sites,
            sources.children.label,
            children_table.column("sibling_group").number,
            &mut report,
        );
    }

    let (Some(municipalities), Some(links), Some(children), Some(sites)) =
        (municipalities, links, children, sites)
    else {
        return Err(report);
    };
    let municipalities = strip(municipalities);
    let links = strip(links);
    let geo = match GeoIndex::build(&municipalities, &links) {
        Ok(geo) => Some(geo),
        Err(error) => {
            report.push(geo_problem(sources.links.label, &error, &municipalities));
            None
        }
    };
    match geo {
        Some(geo) if !report.has_errors() => Ok(Loaded {
            dataset: Dataset::new(strip(children), strip(sites), municipalities, links),
            geo,
            report,
        }),
        _ => Err(report),
    }
}

fn strip<T>(rows: Vec<row::Located<T>>) -> Vec<T> {
    rows.into_iter().map(|row| row.value).collect()
}

fn geo_problem(
    file: &str,
    error: &GeoError,
    municipalities: &[crate::model::Municipality],
) -> Problem {
    let rule = match error {
        GeoError::Unreachable { codes } => {
            let names: Vec<String> = codes
                .iter()
                .map(|code| {
                    let name = municipalities
                        .iter()
                        .find(|m| m.code == *code)
                        .map_or("?", |m| m.name.as_str());
                    format!("{code} ({name})")
                })
                .collect();
            Rule::new(
                "no road, bridge or ferry link reaches {0}; add a link",
                [problem::text(names.join(", "))],
            )
        }
        GeoError::UnknownMunicipality { index, code } => Rule::new(
            "link {0} names municipality {1}, which is not in the municipality list",
            [problem::text(index), problem::text(code)],
        ),
    };
    Problem {
        severity: Severity::Error,
        code: "unreachable",
        file: file.to_string(),
        line: None,
        column: None,
        rule,
    }
}
