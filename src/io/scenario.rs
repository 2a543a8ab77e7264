//! Scenario files for batch assignment (PRODUCT.md section 5), and applying them to a dataset.
//!
//! ```toml
//! name = "more foster families in Nordjylland"
//! data = "../data"                 # relative to this file; default: --data
//! siblings = "together"            # or "allow_split"
//! split_penalty = 0.2
//! max_travel_minutes = 120
//! lock = [["C-0001", "S-0009"]]
//! forbid = [["C-0002", "S-0004"]]
//! remove_sites = ["S-0100"]
//! add_sites = "extra_sites.csv"    # same columns as sites.csv, relative to this file
//! free_places = { "S-0004" = 3 }
//! extra_places = { "S-1477" = 1 }  # places added to a site, approved and free
//! [weights]
//! needs = 0.25                     # all seven elements, as in a weights file
//! ```
//!
//! Every error names the file and the key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::problem::{Arg, Report, Rule, text as arg};
use super::weights::{toml_rule, weights_from_table};
use super::{Loaded, sites, table};
use crate::model::{ChildId, Dataset, Site, SiteId};
use crate::optimize::{MAX_SPLIT_PENALTY, Priorities, PrioritiesError, Priority, SiblingRule};
use crate::score::{Policy, Weights};

/// A parsed scenario; paths are resolved against the scenario file's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name shown in outputs; default: the file name without extension.
    pub name: String,
    /// Data directory, if the scenario names one.
    pub data: Option<PathBuf>,
    /// Weights, if the scenario sets them.
    pub weights: Option<Weights>,
    /// Sibling rule.
    pub siblings: SiblingRule,
    /// Pairs fixed by the planner.
    pub locks: Vec<(ChildId, SiteId)>,
    /// Pairs excluded by the planner.
    pub forbids: Vec<(ChildId, SiteId)>,
    /// Free places overrides.
    pub free_places: BTreeMap<SiteId, u32>,
    /// Places added to existing sites, approved and free (the what-if of `report recruit`).
    pub extra_places: BTreeMap<SiteId, u32>,
    /// Sites taken out.
    pub remove_sites: Vec<SiteId>,
    /// A CSV file of extra sites, as named in the scenario.
    pub add_sites: Option<PathBuf>,
    /// The bytes of that file, read by [`read_scenario`] (applying a scenario reads nothing).
    pub added_sites: Option<AddedSites>,
    /// Pairs farther than this from the child's home are excluded.
    pub max_travel_minutes: Option<f64>,
    /// The tiers of the objective, highest first (`priorities = [...]`).
    pub priorities: Priorities,
    /// The municipality's local policy (`[policy]`), if the scenario sets one.
    pub policy: Option<Policy>,
}

/// The name of the scenario of no file (a code; people read it in their language).
pub const BASELINE_NAME: &str = "baseline";

impl Scenario {
    /// The scenario of no file: the data as it is, default rules.
    pub fn baseline() -> Self {
        Scenario {
            name: BASELINE_NAME.into(),
            data: None,
            weights: None,
            siblings: SiblingRule::Together,
            locks: Vec::new(),
            forbids: Vec::new(),
            free_places: BTreeMap::new(),
            extra_places: BTreeMap::new(),
            remove_sites: Vec::new(),
            add_sites: None,
            added_sites: None,
            max_travel_minutes: None,
            priorities: Priorities::default_order(),
            policy: None,
        }
    }
}

/// The `add_sites` file of a scenario, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedSites {
    /// The file's path, for messages.
    pub label: String,
    /// Its content (at most the size of a data file).
    pub bytes: Vec<u8>,
}

/// Why a scenario is unusable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {rule}")]
pub struct ScenarioError {
    /// The file, as the user named it.
    pub file: String,
    /// What is wrong, naming the key (or line and column for syntax, or the problems of an
    /// added sites file), put into words by `render::rule_text`.
    pub rule: Rule,
    /// Whether the file could not be read at all (exit 66) rather than being invalid (65).
    pub unreadable: bool,
}

/// Refuses an `add_sites` file outside the scenario file's folder (symbolic links resolved):
/// a scenario passed around should not make placematch read files elsewhere on the machine.
/// A file that does not exist is left for the read to report.
pub fn confine_add_sites(scenario: &Scenario, scenario_file: &Path) -> Result<(), ScenarioError> {
    let Some(add_sites) = &scenario.add_sites else {
        return Ok(());
    };
    let folder = match scenario_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (Ok(folder), Ok(target)) = (folder.canonicalize(), add_sites.canonicalize()) else {
        return Ok(());
    };
    if target.starts_with(&folder) {
        Ok(())
    } else {
        Err(ScenarioError {
            file: scenario_file.display().to_string(),
            rule: Rule::fixed(
                "key `add_sites`: the file lies outside this scenario's folder; move it beside the scenario, or pass --allow-outside",
            ),
            unreadable: false,
        })
    }
}

const KEYS: &[&str] = &[
    "name",
    "data",
    "weights",
    "siblings",
    "split_penalty",
    "lock",
    "forbid",
    "free_places",
    "extra_places",
    "remove_sites",
    "add_sites",
    "max_travel_minutes",
    "priorities",
    "policy",
];

/// Reads a scenario file and the `add_sites` file it names. Unless `allow_outside`, that file
/// must lie in the scenario's folder ([`confine_add_sites`]).
pub fn read_scenario(path: &Path, allow_outside: bool) -> Result<Scenario, ScenarioError> {
    let file = path.display().to_string();
    let text = super::read_bounded_text(path, super::MAX_SETTINGS_BYTES).map_err(|error| {
        ScenarioError {
            file: file.clone(),
            rule: Rule::new("cannot read: {0}", [super::problem::io_arg(&error)]),
            unreadable: true,
        }
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let default_name = path.file_stem().map_or("scenario".into(), |stem| {
        stem.to_string_lossy().into_owned()
    });
    let mut scenario = parse_scenario(&file, &text, base, &default_name)?;
    if !allow_outside {
        confine_add_sites(&scenario, path)?;
    }
    if let Some(added) = &scenario.add_sites {
        let label = added.display().to_string();
        let bytes = super::read_bounded(added, super::MAX_FILE_BYTES as u64).map_err(|error| {
            ScenarioError {
                file: label.clone(),
                rule: Rule::new(
                    "cannot read (key `add_sites` of {0}): {1}",
                    [arg(&file), super::problem::io_arg(&error)],
                ),
                unreadable: true,
            }
        })?;
        scenario.added_sites = Some(AddedSites { label, bytes });
    }
    Ok(scenario)
}

/// Parses scenario text; `base` resolves relative paths.
pub fn parse_scenario(
    file: &str,
    text: &str,
    base: &Path,
    default_name: &str,
) -> Result<Scenario, ScenarioError> {
    let table: toml::Table = text
        .parse()
        .map_err(|error: toml::de::Error| ScenarioError {
            file: file.to_string(),
            rule: toml_rule(text, &error),
            unreadable: false,
        })?;
    parse_scenario_table(file, &table, base, default_name)
}

/// Checks a scenario already parsed into a table (from TOML, or from JSON by the server);
/// `base` resolves relative paths.
pub fn parse_scenario_table(
    file: &str,
    table: &toml::Table,
    base: &Path,
    default_name: &str,
) -> Result<Scenario, ScenarioError> {
    let invalid = |rule: Rule| ScenarioError {
        file: file.to_string(),
        rule,
        unreadable: false,
    };
    for key in table.keys() {
        if !KEYS.contains(&key.as_str()) {
            return Err(invalid(match super::cell::closest(key, KEYS) {
                Some(close) => Rule::new(
                    "unknown key `{0}`; did you mean `{1}`?",
                    [arg(super::cell::shown(key)), arg(close)],
                ),
                None => Rule::new("unknown key `{0}`", [arg(super::cell::shown(key))]),
            }));
        }
    }
    // Every ID is checked as in the data files, so that no message can repeat a CPR number
    // or other text pasted where an ID belongs.
    let checked_id = |key: &str, item: usize, id: &str| -> Result<(), ScenarioError> {
        super::cell::identifier(id).map(|_| ()).map_err(|error| {
            invalid(Rule::new(
                "key `{0}`, item {1} is not a valid ID: {2}",
                [arg(key), arg(item), Arg::Rule(Box::new(error.rule))],
            ))
        })
    };
    let string = |key: &str| -> Result<Option<String>, ScenarioError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(invalid(Rule::new(
                "key `{0}`: expected a text in quotes",
                [arg(key)],
            ))),
        }
    };
    let number = |key: &str, min: f64| -> Result<Option<f64>, ScenarioError> {
        let value = match table.get(key) {
            None => return Ok(None),
            Some(toml::Value::Float(value)) => *value,
            Some(toml::Value::Integer(value)) => *value as f64,
            Some(_) => {
                return Err(invalid(Rule::new(
                    "key `{0}`: expected a number",
                    [arg(key)],
                )));
            }
        };
        if !value.is_finite() || value < min {
            return Err(invalid(Rule::new(
                "key `{0}`: must be a finite number of at least {1}",
                [arg(key), arg(min)],
            )));
        }
        Ok(Some(value))
    };
    let id_list = |key: &str| -> Result<Vec<String>, ScenarioError> {
        match table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(idx, item)| match item {
                    toml::Value::String(id) => checked_id(key, idx + 1, id).map(|()| id.clone()),
                    _ => Err(invalid(Rule::new(
                        "key `{0}`, item {1}: expected an ID in quotes",
                        [arg(key), arg(idx + 1)],
                    ))),
                })
                .collect(),
            Some(_) => Err(invalid(Rule::new(
                "key `{0}`: expected a list of IDs",
                [arg(key)],
            ))),
        }
    };
    let pair_list = |key: &str| -> Result<Vec<(ChildId, SiteId)>, ScenarioError> {
        match table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(idx, item)| match item.as_array().map(Vec::as_slice) {
                    Some([toml::Value::String(child), toml::Value::String(site)]) => {
                        checked_id(key, idx + 1, child)?;
                        checked_id(key, idx + 1, site)?;
                        Ok((ChildId::new(child.as_str()), SiteId::new(site.as_str())))
                    }
                    _ => Err(invalid(Rule::new(
                        "key `{0}`, item {1}: expected [\"child ID\", \"site ID\"]",
                        [arg(key), arg(idx + 1)],
                    ))),
                })
                .collect(),
            Some(_) => Err(invalid(Rule::new(
                "key `{0}`: expected a list of [\"child ID\", \"site ID\"] pairs",
                [arg(key)],
            ))),
        }
    };

    let penalty = |key: &str| -> Result<Option<f64>, ScenarioError> {
        let value = number(key, 0.0)?;
        if value.is_some_and(|value| value > MAX_SPLIT_PENALTY) {
            return Err(invalid(Rule::new(
                "key `{0}`: at most {1} score points per extra site (a split can never outweigh keeping siblings together; the penalty only orders splits among themselves)",
                [arg(key), arg(MAX_SPLIT_PENALTY)],
            )));
        }
        Ok(value)
    };
    let siblings = match string("siblings")?.as_deref() {
        None | Some("together") => SiblingRule::Together,
        Some("allow_split") => SiblingRule::AllowSplit {
            penalty: penalty("split_penalty")?.unwrap_or(0.2),
        },
        Some(_) => {
            return Err(invalid(Rule::fixed(
                "key `siblings`: expected \"together\" or \"allow_split\"",
            )));
        }
    };
    if table.contains_key("split_penalty") && siblings == SiblingRule::Together {
        penalty("split_penalty")?;
    }
    let priorities = match table.get("priorities") {
        None => Priorities::default_order(),
        Some(toml::Value::Array(items)) => {
            let keys: Vec<&str> = Priority::DEFAULT_ORDER.iter().map(|p| p.as_str()).collect();
            let order = items
                .iter()
                .enumerate()
                .map(|(idx, item)| {
                    item.as_str().and_then(Priority::from_key).ok_or_else(|| {
                        let close = item
                            .as_str()
                            .and_then(|typed| super::cell::closest(typed, &keys));
                        invalid(match close {
                            Some(close) => Rule::new(
                                "key `priorities`, item {0}: expected one of {1}; did you mean `{2}`?",
                                [arg(idx + 1), arg(keys.join(", ")), arg(close)],
                            ),
                            None => Rule::new(
                                "key `priorities`, item {0}: expected one of {1}",
                                [arg(idx + 1), arg(keys.join(", "))],
                            ),
                        })
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Priorities::new(order).map_err(|error| {
                invalid(match error {
                    PrioritiesError::Repeated(key) => Rule::new(
                        "key `priorities`: a priority is listed twice: {0}",
                        [arg(key)],
                    ),
                    PrioritiesError::Empty => {
                        Rule::fixed("key `priorities`: at least one priority is needed")
                    }
                })
            })?
        }
        Some(_) => {
            return Err(invalid(Rule::fixed(
                "key `priorities`: expected a list such as [\"placed\", \"siblings_together\", \"network_family\", \"family_care\", \"score\"]",
            )));
        }
    };
    let policy = if table.contains_key("policy") {
        Some(super::weights::policy_from_table(file, table).map_err(|error| invalid(error.rule))?)
    } else {
        None
    };
    let weights = match table.get("weights") {
        None => None,
        Some(toml::Value::Table(weights)) => {
            Some(weights_from_table(file, weights).map_err(|error| {
                invalid(Rule::new(
                    "key `weights`: {0}",
                    [Arg::Rule(Box::new(error.rule))],
                ))
            })?)
        }
        Some(_) => {
            return Err(invalid(Rule::fixed(
                "key `weights`: expected a table of the seven element weights",
            )));
        }
    };
    // A table of whole numbers by site ID, at least `least` each.
    let site_counts = |key: &str, least: i64| -> Result<BTreeMap<SiteId, u32>, ScenarioError> {
        match table.get(key) {
            None => Ok(BTreeMap::new()),
            Some(toml::Value::Table(places)) => places
                .iter()
                .enumerate()
                .map(|(idx, (site, value))| {
                    checked_id(key, idx + 1, site)?;
                    match value {
                        toml::Value::Integer(count) if (least..=100_000).contains(count) => {
                            Ok((SiteId::new(site.as_str()), *count as u32))
                        }
                        _ => Err(invalid(Rule::new(
                            "key `{0}.{1}`: expected a whole number of at least {2}",
                            [arg(key), arg(site), arg(least)],
                        ))),
                    }
                })
                .collect(),
            Some(_) => Err(invalid(Rule::new(
                "key `{0}`: expected a table like { \"S-4\" = 3 }",
                [arg(key)],
            ))),
        }
    };
    let free_places = site_counts("free_places", 0)?;
    let extra_places = site_counts("extra_places", 1)?;
    Ok(Scenario {
        name: string("name")?.unwrap_or_else(|| default_name.to_string()),
        data: string("data")?.map(|data| base.join(data)),
        weights,
        siblings,
        locks: pair_list("lock")?,
        forbids: pair_list("forbid")?,
        free_places,
        extra_places,
        remove_sites: id_list("remove_sites")?
            .into_iter()
            .map(SiteId::new)
            .collect(),
        add_sites: string("add_sites")?.map(|path| base.join(path)),
        added_sites: None,
        max_travel_minutes: number("max_travel_minutes", 0.0)?,
        priorities,
        policy,
    })
}

/// The dataset as the scenario changes it: sites removed, sites added (checked like
/// sites.csv), free places overridden. References to removed sites are cleared.
pub fn apply_scenario(
    loaded: &Loaded,
    scenario: &Scenario,
    scenario_file: &str,
) -> Result<Dataset, ScenarioError> {
    let invalid = |rule: Rule| ScenarioError {
        file: scenario_file.to_string(),
        rule,
        unreadable: false,
    };
    let dataset = &loaded.dataset;
    if scenario.add_sites.is_some() && scenario.added_sites.is_none() {
        return Err(invalid(Rule::fixed(
            "key `add_sites`: the file was not read (only scenario files may add sites)",
        )));
    }
    for site in &scenario.remove_sites {
        if dataset.site(site).is_none() {
            return Err(invalid(Rule::new(
                "key `remove_sites`: site {0} is not in the data",
                [arg(site)],
            )));
        }
    }
    let removed: BTreeSet<&SiteId> = scenario.remove_sites.iter().collect();
    let mut sites: Vec<Site> = dataset
        .sites()
        .iter()
        .filter(|site| !removed.contains(&site.id))
        .cloned()
        .collect();

    if let Some(AddedSites { label, bytes }) = &scenario.added_sites {
        let label = label.clone();
        let mut report = Report::default();
        let known = dataset
            .municipalities()
            .iter()
            .map(|m| (m.code, m.name.clone()))
            .collect();
        let added = table::read_table(&label, bytes, sites::SITE_COLUMNS, &mut report)
            .map(|table| sites::read_sites(&table, Some(&known), &mut report))
            .unwrap_or_default();
        let mut ids: BTreeSet<SiteId> = sites.iter().map(|site| site.id.clone()).collect();
        for row in &added {
            if !ids.insert(row.value.id.clone()) {
                return Err(ScenarioError {
                    file: label.clone(),
                    rule: Rule::new(
                        "line {0}: site ID is already in the data or earlier in this file",
                        [arg(row.line)],
                    ),
                    unreadable: false,
                });
            }
            if let Some(child) = &row.value.network_for {
                if dataset.child(child).is_none() {
                    return Err(ScenarioError {
                        file: label.clone(),
                        rule: Rule::new(
                            "line {0}: network_for names no child in the data",
                            [arg(row.line)],
                        ),
                        unreadable: false,
                    });
                }
            }
        }
        if report.has_errors() {
            return Err(ScenarioError {
                file: label,
                rule: Rule::new(
                    "invalid added sites:{0}",
                    [Arg::Problems(report.problems().to_vec())],
                ),
                unreadable: false,
            });
        }
        sites.extend(added.into_iter().map(|row| row.value));
    }
    for (site_id, &free) in &scenario.free_places {
        if scenario.remove_sites.contains(site_id) {
            return Err(invalid(Rule::new(
                "key `free_places`: site {0} is taken out by `remove_sites`",
                [arg(site_id)],
            )));
        }
        let Some(site) = sites.iter_mut().find(|site| &site.id == site_id) else {
            return Err(invalid(Rule::new(
                "key `free_places`: site {0} is not in the data",
                [arg(site_id)],
            )));
        };
        if free > site.places {
            return Err(invalid(Rule::new(
                "key `free_places.{0}`: more free places than the site's {1} places",
                [arg(site_id), arg(site.places)],
            )));
        }
        site.free_places = free;
    }
    for (site_id, &extra) in &scenario.extra_places {
        if scenario.remove_sites.contains(site_id) {
            return Err(invalid(Rule::new(
                "key `extra_places`: site {0} is taken out by `remove_sites`",
                [arg(site_id)],
            )));
        }
        let Some(site) = sites.iter_mut().find(|site| &site.id == site_id) else {
            return Err(invalid(Rule::new(
                "key `extra_places`: site {0} is not in the data",
                [arg(site_id)],
            )));
        };
        site.places = site.places.saturating_add(extra);
        site.free_places = site.free_places.saturating_add(extra);
    }
    let mut children = dataset.children().to_vec();
    for child in &mut children {
        if child
            .network_site
            .as_ref()
            .is_some_and(|site| removed.contains(site))
        {
            child.network_site = None;
        }
    }
    Ok(Dataset::new(
        children,
        sites,
        dataset.municipalities().to_vec(),
        dataset.links().to_vec(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Scenario, String> {
        parse_scenario("s.toml", text, Path::new("/scenarios"), "s")
            .map_err(|error| error.to_string())
    }

    #[test]
    fn every_key_is_read() {
        let scenario = parse(
            r#"
name = "closing S-1"
data = "../data"
siblings = "allow_split"
split_penalty = 0.5
max_travel_minutes = 90
lock = [["C-1", "S-9"]]
forbid = [["C-2", "S-4"]]
remove_sites = ["S-1"]
add_sites = "extra.csv"
free_places = { "S-4" = 3 }
[weights]
needs = 1
stability = 1
network = 1
siblings = 1
school = 1
wishes = 1
setting = 1
"#,
        )
        .unwrap();
        assert_eq!(scenario.name, "closing S-1");
        assert_eq!(scenario.data, Some(PathBuf::from("/scenarios/../data")));
        assert_eq!(scenario.siblings, SiblingRule::AllowSplit { penalty: 0.5 });
        assert_eq!(scenario.locks, [(ChildId::new("C-1"), SiteId::new("S-9"))]);
        assert_eq!(scenario.free_places[&SiteId::new("S-4")], 3);
        assert_eq!(
            scenario.add_sites,
            Some(PathBuf::from("/scenarios/extra.csv"))
        );
        assert!(scenario.weights.is_some());
    }

    /// Issue 13, item 7: a CPR number pasted where an ID or key belongs is refused and never
    /// repeated in the message.
    #[test]
    fn cpr_shaped_ids_and_keys_are_refused_without_echo() {
        for text in [
            "lock = [[\"010203-1234\", \"S-1\"]]",
            "forbid = [[\"C-1\", \"0102031234\"]]",
            "remove_sites = [\"010203-1234\"]",
            "free_places = { \"010203-1234\" = 2 }",
            "\"010203-1234\" = 1",
        ] {
            let error = parse(text).unwrap_err();
            assert!(!error.contains("1234"), "{text}: {error}");
        }
        assert!(
            parse("lock = [[\"010203-1234\", \"S-1\"]]")
                .unwrap_err()
                .contains("key `lock`, item 1 is not a valid ID")
        );
    }

    #[test]
    fn errors_name_the_file_and_the_key() {
        assert_eq!(
            parse("sibling = \"together\"").unwrap_err(),
            "s.toml: unknown key `sibling`; did you mean `siblings`?"
        );
        assert_eq!(
            parse("siblings = \"apart\"").unwrap_err(),
            "s.toml: key `siblings`: expected \"together\" or \"allow_split\""
        );
        assert_eq!(
            parse("lock = [[\"C-1\"]]").unwrap_err(),
            "s.toml: key `lock`, item 1: expected [\"child ID\", \"site ID\"]"
        );
        assert_eq!(
            parse("max_travel_minutes = -5").unwrap_err(),
            "s.toml: key `max_travel_minutes`: must be a finite number of at least 0"
        );
        assert_eq!(
            parse("free_places = { \"S-4\" = -1 }").unwrap_err(),
            "s.toml: key `free_places.S-4`: expected a whole number of at least 0"
        );
        assert_eq!(
            parse("extra_places = { \"S-4\" = 0 }").unwrap_err(),
            "s.toml: key `extra_places.S-4`: expected a whole number of at least 1"
        );
        assert!(
            parse("[weights]\nneeds = 1\n")
                .unwrap_err()
                .starts_with("s.toml: key `weights`: missing weight for stability")
        );
        assert!(
            parse("name = \n")
                .unwrap_err()
                .starts_with("s.toml: line 1, column 8")
        );
        assert_eq!(parse("").unwrap().name, "s");
    }
}
