//! The whole together model as one MILP for good_lp's backend (HiGHS with `--features
//! highs`): one binary per column (a child or a whole sibling group at a site), one row per
//! unit, one capacity row per site. It is the peer the benches measure our own method
//! against, and a second oracle in tests. It is never used to answer a user.

use super::milp::{self, Milp, MilpStatus};
use super::{AssignOptions, Problem, SiblingRule, Value, model_of};

/// What the reference MILP found, valued exactly as [`super::solve`] values its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Children placed (locked children included).
    pub placed: usize,
    /// The exact objective of the chosen columns, in the tiers' integer units (locks not
    /// included); compare it with another reference or [`super::Assignment::objective`].
    pub objective: i128,
    /// Whether the backend proved its answer optimal before the time limit.
    pub proven: bool,
}

/// Solves `problem` (groups kept together) as one MILP. Column values go to the backend in
/// floating point; use priorities whose weights stay below 2^53 (for example `placed` then
/// `score`) when the answers must be comparable exactly.
pub fn solve_reference(
    problem: &Problem,
    options: &AssignOptions,
    time_limit: f64,
) -> Result<Reference, String> {
    let together = Problem {
        siblings: SiblingRule::Together,
        ..problem.clone()
    };
    let model = model_of(&together, options);
    let mut columns = Vec::new();
    let mut index = Vec::new();
    for (unit, columns_of_unit) in model.units.iter().enumerate() {
        for (column, &(site, value, _)) in columns_of_unit.columns.iter().enumerate() {
            columns.push(milp::Column {
                unit,
                site,
                value: (value / model.scale) as f64,
            });
            index.push((unit, column));
        }
    }
    let no_groups: Vec<Vec<usize>> = Vec::new();
    let no_sites = Vec::new();
    let result = Milp {
        unit_sizes: &model.supply,
        columns,
        capacity: &model.capacity,
        split_groups: &no_groups,
        locked_sites: &no_sites,
        locked_units: &[],
        split_penalty: 0.0,
        warm_start: Vec::new(),
        time_limit: Some(time_limit),
        binary_columns: true,
    }
    .solve()?;
    let mut objective: Value = 0;
    let mut placed: usize = model
        .locked_site
        .iter()
        .zip(&model.supply)
        .filter(|(site, _)| site.is_some())
        .map(|(_, &size)| size as usize)
        .sum();
    for &idx in &result.chosen {
        let (unit, column) = index[idx];
        objective += model.units[unit].columns[column].1 / model.scale;
        placed += model.supply[unit] as usize;
    }
    Ok(Reference {
        placed,
        objective,
        proven: result.status == MilpStatus::Optimal,
    })
}
