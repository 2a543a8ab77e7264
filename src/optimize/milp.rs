//! The mixed-integer part of batch assignment with `siblings = "allow_split"`: children
//! outside sibling groups are continuous (given the rest, a transportation problem with
//! integral optima); members of groups are binary, and so is one variable per (group, site
//! used) and one per group with a member left out, which carry the split penalty.
//!
//! Only the columns that survive reduced-cost fixing reach this model (see `mod.rs`), and the
//! best known integer solution is passed as a warm start, so the branch and bound starts
//! from a proven lower bound.

use good_lp::{
    Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithTimeLimit, variable,
};

/// A column of the model: a unit (child or sibling group) at a site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) unit: usize,
    pub(crate) site: usize,
    /// Objective value when chosen (for a group: all members together).
    pub(crate) value: f64,
}

/// The model to solve.
pub(crate) struct Milp<'a> {
    /// Children in each unit (1 for a child, the group size for a group).
    pub(crate) unit_sizes: &'a [u32],
    pub(crate) columns: Vec<Column>,
    pub(crate) capacity: &'a [u32],
    /// Units of children whose groups may split, each group a list of units; a penalty per
    /// site used beyond the first.
    pub(crate) split_groups: &'a [Vec<usize>],
    /// Sites each split group already uses through locks (their `z` is fixed to 1).
    pub(crate) locked_sites: &'a [std::collections::BTreeSet<usize>],
    /// Units a lock places (they have no columns here).
    pub(crate) locked_units: &'a [bool],
    pub(crate) split_penalty: f64,
    /// Indices into `columns` of a feasible solution to start from.
    pub(crate) warm_start: Vec<usize>,
    pub(crate) time_limit: Option<f64>,
    /// Whether the columns of units of several children (sibling groups kept together) are
    /// binaries; single children stay continuous (with the groups fixed, the rest is a
    /// transportation problem with integral vertices). The allow-split model has no such
    /// units: there only the site-use variables are binary.
    pub(crate) binary_columns: bool,
}

/// How the MILP ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MilpStatus {
    /// Proven optimal.
    Optimal,
    /// Stopped at the time limit with a feasible solution.
    TimeLimit,
}

/// The chosen columns (the caller values them exactly).
#[derive(Debug, Clone)]
pub(crate) struct MilpResult {
    pub(crate) chosen: Vec<usize>,
    pub(crate) status: MilpStatus,
}

impl Milp<'_> {
    /// Solves with the build's default backend.
    pub(crate) fn solve(&self) -> Result<MilpResult, String> {
        // Nothing to choose: the empty choice is optimal (HiGHS refuses an empty model).
        if self.columns.is_empty() {
            return Ok(MilpResult {
                chosen: Vec::new(),
                status: MilpStatus::Optimal,
            });
        }
        let mut vars = ProblemVariables::new();
        // A member of a split group is binary: whether it is left out moves the penalty, and
        // with that row the vertices need no longer be integral.
        let in_split_group = super::problem::in_groups(self.split_groups, self.unit_sizes.len());
        let x: Vec<Variable> = self
            .columns
            .iter()
            .map(|column| {
                if super::solver::STRICT_MODEL
                    || in_split_group[column.unit]
                    || (self.binary_columns && self.unit_sizes[column.unit] > 1)
                {
                    vars.add(variable().binary())
                } else {
                    vars.add(variable().min(0.0).max(1.0))
                }
            })
            .collect();

        // Split groups: z per (group, site) used, w per group placed at all, y per group with
        // a member left unplaced while another is placed. A group costs one penalty per part
        // beyond the first: Σ z − w + y.
        let mut links: Vec<(usize, usize, Variable)> = Vec::new(); // (group, site, z)
        let mut placed_any: Vec<Variable> = Vec::new();
        let mut left_out: Vec<Variable> = Vec::new();
        let mut unit_group = vec![usize::MAX; self.unit_sizes.len()];
        for (group, units) in self.split_groups.iter().enumerate() {
            for &unit in units {
                unit_group[unit] = group;
            }
            placed_any.push(vars.add(variable().min(0.0).max(1.0)));
            left_out.push(vars.add(variable().binary()));
        }
        let mut z_of: std::collections::BTreeMap<(usize, usize), Variable> = Default::default();
        for (group, sites) in self.locked_sites.iter().enumerate() {
            for &site in sites {
                let z = vars.add(variable().min(1.0).max(1.0));
                z_of.insert((group, site), z);
                links.push((group, site, z));
            }
        }
        for column in &self.columns {
            let group = unit_group[column.unit];
            if group != usize::MAX {
                z_of.entry((group, column.site)).or_insert_with(|| {
                    let z = vars.add(variable().binary());
                    links.push((group, column.site, z));
                    z
                });
            }
        }

        let mut objective = Expression::with_capacity(x.len() + links.len() + placed_any.len());
        for (column, &var) in self.columns.iter().zip(&x) {
            objective.add_mul(column.value, var);
        }
        for &(_, _, z) in &links {
            objective.add_mul(-self.split_penalty, z);
        }
        for &w in &placed_any {
            objective.add_mul(self.split_penalty, w);
        }
        for &y in &left_out {
            objective.add_mul(-self.split_penalty, y);
        }

        let initial: Vec<(Variable, f64)> =
            self.warm_start_values(&x, &z_of, &placed_any, &left_out, &unit_group);
        let mut model = super::solver::exact(
            vars.maximise(objective)
                .using(super::solver::default_solver()),
        );
        if let Some(seconds) = self.time_limit {
            model = model.with_time_limit(seconds);
        }
        if !super::solver::STRICT_MODEL {
            model = model.with_initial_solution(initial);
        }

        let mut unit_rows: Vec<Option<Expression>> = vec![None; self.unit_sizes.len()];
        let mut site_rows: Vec<Option<Expression>> = vec![None; self.capacity.len()];
        for (column, &var) in self.columns.iter().zip(&x) {
            unit_rows[column.unit]
                .get_or_insert_with(Expression::default)
                .add_mul(1.0, var);
            site_rows[column.site]
                .get_or_insert_with(Expression::default)
                .add_mul(f64::from(self.unit_sizes[column.unit]), var);
            let group = unit_group[column.unit];
            if group != usize::MAX {
                let z = z_of[&(group, column.site)];
                model.add_constraint(Expression::from(var).leq(z));
            }
        }
        for row in unit_rows.into_iter().flatten() {
            model.add_constraint(row.leq(1.0));
        }
        for (row, &capacity) in site_rows.into_iter().zip(self.capacity) {
            if let Some(row) = row {
                model.add_constraint(row.leq(f64::from(capacity)));
            }
        }
        for (group, &w) in placed_any.iter().enumerate() {
            let mut used = Expression::default();
            for &(_, _, z) in links.iter().filter(|(g, _, _)| *g == group) {
                used.add_mul(1.0, z);
            }
            model.add_constraint(Expression::from(w).leq(used));
        }
        // y ≥ w − (member placed), for every member a lock does not place.
        let mut placed_rows: Vec<Expression> = vec![Expression::default(); self.unit_sizes.len()];
        for (column, &var) in self.columns.iter().zip(&x) {
            placed_rows[column.unit].add_mul(1.0, var);
        }
        for (group, units) in self.split_groups.iter().enumerate() {
            for &unit in units.iter().filter(|&&unit| !self.locked_units[unit]) {
                let placed = std::mem::take(&mut placed_rows[unit]);
                model.add_constraint(
                    (Expression::from(placed_any[group]) - placed).leq(left_out[group]),
                );
            }
        }

        let solution = model.solve().map_err(|error| error.to_string())?;
        let status = match solution.status() {
            // With the gaps at zero (`solver::exact`), reaching the gap limit is optimality.
            SolutionStatus::Optimal | SolutionStatus::GapLimit => MilpStatus::Optimal,
            SolutionStatus::TimeLimit => MilpStatus::TimeLimit,
        };
        let chosen: Vec<usize> = x
            .iter()
            .enumerate()
            .filter(|(_, var)| solution.value(**var) > 0.5)
            .map(|(idx, _)| idx)
            .collect();
        for var in &x {
            let value = solution.value(*var);
            if (value - value.round()).abs() > 1e-6 {
                return Err("the MILP returned a fractional assignment".into());
            }
        }
        Ok(MilpResult { chosen, status })
    }

    fn warm_start_values(
        &self,
        x: &[Variable],
        z_of: &std::collections::BTreeMap<(usize, usize), Variable>,
        placed_any: &[Variable],
        left_out: &[Variable],
        unit_group: &[usize],
    ) -> Vec<(Variable, f64)> {
        let chosen: std::collections::BTreeSet<usize> = self.warm_start.iter().copied().collect();
        let mut values: Vec<(Variable, f64)> = x
            .iter()
            .enumerate()
            .map(|(idx, &var)| (var, if chosen.contains(&idx) { 1.0 } else { 0.0 }))
            .collect();
        let mut used_sites: std::collections::BTreeSet<(usize, usize)> = Default::default();
        for &idx in &chosen {
            let column = self.columns[idx];
            let group = unit_group[column.unit];
            if group != usize::MAX {
                used_sites.insert((group, column.site));
            }
        }
        for (group, sites) in self.locked_sites.iter().enumerate() {
            for &site in sites {
                used_sites.insert((group, site));
            }
        }
        for (&(group, site), &z) in z_of {
            values.push((
                z,
                if used_sites.contains(&(group, site)) {
                    1.0
                } else {
                    0.0
                },
            ));
        }
        let placed_units: std::collections::BTreeSet<usize> =
            chosen.iter().map(|&idx| self.columns[idx].unit).collect();
        for (group, (&w, &y)) in placed_any.iter().zip(left_out).enumerate() {
            let any = used_sites.iter().any(|&(g, _)| g == group);
            let missing = self.split_groups[group]
                .iter()
                .any(|&unit| !self.locked_units[unit] && !placed_units.contains(&unit));
            values.push((w, if any { 1.0 } else { 0.0 }));
            values.push((y, if any && missing { 1.0 } else { 0.0 }));
        }
        values
    }
}
