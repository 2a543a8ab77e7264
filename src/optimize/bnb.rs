//! Branch and bound over the sibling groups, bounded by the knapsack relaxation of every site
//! (issue 12). A node decides some groups (a column, or unassigned); its bound is the
//! relaxation of what is left, the multipliers tightened by coordinate descent. Each
//! undecided group's options are the columns whose forced-in bound still beats the incumbent,
//! and "unassigned" when the bound without the group does; a group with one option is decided
//! at once, a node where a group has none is pruned, and the group with the fewest options is
//! branched on, one child per option, the most promising first (a dive). When every group is
//! decided the single children are a transportation problem, solved exactly by the certified
//! flow: a whole-group solution.

use std::cell::OnceCell;
use std::collections::{BTreeSet, BinaryHeap};
use std::rc::Rc;

use super::Value;
use super::certify::{CertifiedFlow, certified_flow, certified_flow_near, place_singles};
use super::knapsack::{Knapsacks, Passes};
use super::problem::Unit;

/// The root LP relaxation: its bound, its dual solution (per unit of supply) and the columns
/// its certificate added beyond each unit's first candidates.
pub(super) struct Root<'a> {
    /// The LP bound.
    pub(super) bound: Value,
    /// The knapsack relaxation with the same duals (never above the LP bound).
    pub(super) knapsacks: &'a Knapsacks,
    pub(super) u: &'a [Value],
    pub(super) v: &'a [Value],
    pub(super) extra: &'a [BTreeSet<usize>],
    /// A coordinate-descent pass at a node stops once it gains less than this.
    pub(super) sweep_gain: Value,
}

impl Root<'_> {
    /// Reduced-cost fixing: for each unit, the columns (ascending) that a solution better than
    /// `incumbent` may use. By LP duality, any integer solution that uses a column is worth at
    /// most the root bound plus the column's reduced cost (which is never positive at the
    /// certified root), and at most the knapsack bound with that column forced in; a column
    /// whose bound cannot beat the incumbent is left out of every node. Exact: values and
    /// duals are integers.
    pub(super) fn pool(&self, units: &[Unit], supply: &[u32], incumbent: Value) -> Vec<Vec<usize>> {
        let lp = LpBound {
            bound: self.bound,
            u: self.u,
            v: self.v,
        };
        units
            .iter()
            .enumerate()
            .map(|(unit_idx, unit)| {
                let decided = self.knapsacks.unit(unit_idx);
                unit.columns
                    .iter()
                    .enumerate()
                    .filter(|&(_, &(site, column_value, _))| {
                        lp.may_beat(supply[unit_idx], unit_idx, (site, column_value), incumbent)
                            && decided.with(site, column_value) > incumbent
                    })
                    .map(|(column, _)| column)
                    .collect()
            })
            .collect()
    }
}

/// The root LP's bound and dual solution (per unit of supply): what reduced-cost fixing needs.
pub(super) struct LpBound<'a> {
    pub(super) bound: Value,
    pub(super) u: &'a [Value],
    pub(super) v: &'a [Value],
}

impl LpBound<'_> {
    /// Whether a solution that uses a column of `unit` (of `size`), at `site` worth `value`,
    /// may beat `incumbent`: by LP duality it is worth at most the bound plus the column's
    /// reduced cost (never positive at the certified root).
    fn may_beat(
        &self,
        size: u32,
        unit: usize,
        (site, value): (usize, Value),
        incumbent: Value,
    ) -> bool {
        let size = Value::from(size);
        self.bound + value - size * self.u[unit] - size * self.v[site] > incumbent
    }

    /// For each unit, the columns (ascending) that a solution better than `incumbent` may
    /// use by the LP's bound alone.
    pub(super) fn pool(&self, units: &[Unit], supply: &[u32], incumbent: Value) -> Vec<Vec<usize>> {
        units
            .iter()
            .enumerate()
            .map(|(unit_idx, unit)| {
                unit.columns
                    .iter()
                    .enumerate()
                    .filter(|&(_, &(site, value, _))| {
                        self.may_beat(supply[unit_idx], unit_idx, (site, value), incumbent)
                    })
                    .map(|(column, _)| column)
                    .collect()
            })
            .collect()
    }
}

/// A whole-group solution guided by the relaxation: each group in turn (the largest
/// multiplier first, i.e. the most at stake) goes to the column that costs the relaxation
/// least, where it still fits, or stays unassigned when that costs less; then the single
/// children are placed exactly by the certified flow around the groups. A starting point for
/// the search, valued exactly by the caller.
pub(super) fn greedy(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    root: &Root<'_>,
) -> Vec<(usize, usize)> {
    let knapsacks = root.knapsacks;
    let lambda = knapsacks.multipliers();
    let mut groups: Vec<usize> = (0..units.len()).filter(|&unit| supply[unit] > 1).collect();
    groups.sort_by(|&a, &b| lambda[b].cmp(&lambda[a]).then_with(|| a.cmp(&b)));
    let mut left = capacity.to_vec();
    let mut chosen = Vec::new();
    for group in groups {
        let size = supply[group];
        let decided = knapsacks.unit(group);
        let best = units[group]
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| left[column.0] >= size)
            .map(|(idx, &(site, value, _))| (decided.with(site, value), idx))
            .filter(|&(with, _)| with > decided.without)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
        if let Some((_, column)) = best {
            left[units[group].columns[column].0] -= size;
            chosen.push((group, column));
        }
    }
    let all = vec![true; units.len()];
    place_singles(
        units,
        supply,
        &left,
        candidates,
        &all,
        Some(root.extra.to_vec()),
        &mut chosen,
    );
    chosen
}

/// What a branch and bound found.
pub(super) struct Search {
    pub(super) chosen: Vec<(usize, usize)>,
    pub(super) value: Value,
    /// Best bound of the nodes left (equal to `value` when complete).
    pub(super) bound: Value,
    pub(super) nodes: usize,
    pub(super) complete: bool,
}

/// A group's decision: its column, or unassigned.
type Decision = (usize, Option<usize>);

/// One option of a group (its column, or unassigned) with the bound of the node that takes it.
type Choice = (Value, Option<usize>);

/// A node waiting to be explored, ordered by its bound (best first), then by age.
struct Node {
    bound: Value,
    order: usize,
    decisions: Vec<Decision>,
    start: Start,
}

/// Where a node's relaxation starts from.
enum Start {
    /// Built again for the node's decisions, from the parent's multipliers (shared by its
    /// children while memory allows) or the root's.
    Cold(Option<Rc<Vec<Value>>>),
    /// The parent's relaxation itself, with all but the node's last decision applied: the
    /// child a dive goes on with.
    Warm(Box<Knapsacks>),
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Node {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound
            .cmp(&other.bound)
            .then_with(|| other.order.cmp(&self.order))
    }
}

/// What exploring a node gave.
enum Outcome {
    /// No solution under the node beats the incumbent.
    Pruned,
    /// Every group decided: the best solution under the node.
    Leaf(Value, Vec<(usize, usize)>),
    /// A group to branch on: each option with the bound of the child that takes it.
    Branch {
        bound: Value,
        group: usize,
        options: Vec<Choice>,
        decisions: Vec<Decision>,
        knapsacks: Box<Knapsacks>,
    },
}

/// What a node's decisions fix: the units decided, the places left, the groups placed and
/// their value.
struct Fixed {
    active: Vec<bool>,
    left: Vec<u32>,
    chosen: Vec<(usize, usize)>,
    value: Value,
}

impl Fixed {
    /// Takes a decision; false where the group does not fit.
    fn take(&mut self, units: &[Unit], supply: &[u32], (group, column): Decision) -> bool {
        self.active[group] = false;
        if let Some(column) = column {
            let (site, value, _) = units[group].columns[column];
            if self.left[site] < supply[group] {
                return false;
            }
            self.left[site] -= supply[group];
            self.value += value;
            self.chosen.push((group, column));
        }
        true
    }
}

/// The fixed parts of a search.
struct Tree<'a> {
    units: &'a [Unit],
    supply: &'a [u32],
    capacity: &'a [u32],
    candidates: usize,
    root: &'a Root<'a>,
    groups: Vec<usize>,
}

impl Tree<'_> {
    /// Explores the node with `decisions` (more are added where a group has one option).
    fn explore(
        &self,
        pool: &Pool,
        mut decisions: Vec<Decision>,
        start: Start,
        incumbent: Value,
    ) -> Outcome {
        let (units, supply) = (self.units, self.supply);
        let mut fixed = Fixed {
            active: vec![true; units.len()],
            left: self.capacity.to_vec(),
            chosen: Vec::new(),
            value: 0,
        };
        if !decisions
            .iter()
            .all(|&decision| fixed.take(units, supply, decision))
        {
            return Outcome::Pruned;
        }
        let mut knapsacks = match start {
            Start::Warm(mut knapsacks) => {
                if let Some(&(group, column)) = decisions.last() {
                    knapsacks.decide(group, column.map(|column| units[group].columns[column].0));
                }
                knapsacks
            }
            Start::Cold(lambda) => {
                let lambda = match lambda {
                    Some(shared) => Rc::unwrap_or_clone(shared),
                    None => self.root.knapsacks.multipliers().to_vec(),
                };
                let whole = pool.whole.get_or_init(|| {
                    Knapsacks::new(
                        units,
                        Some(&pool.columns),
                        &vec![true; units.len()],
                        supply,
                        self.capacity,
                        self.root.knapsacks.multipliers().to_vec(),
                    )
                });
                let decided = decisions.iter().map(|&(group, column)| {
                    (group, column.map(|column| units[group].columns[column].0))
                });
                Box::new(whole.decided(decided, lambda))
            }
        };
        loop {
            knapsacks.descend(Passes {
                most: NODE_SWEEPS,
                min_gain: self.root.sweep_gain,
                stop: &|| false,
            });
            let bound = fixed.value + knapsacks.bound;
            if bound <= incumbent {
                return Outcome::Pruned;
            }
            let mut forced: Vec<Decision> = Vec::new();
            let mut branch: Option<(usize, Vec<Choice>)> = None;
            for &group in &self.groups {
                if !fixed.active[group] {
                    continue;
                }
                let decided = knapsacks.unit(group);
                let mut options: Vec<Choice> = knapsacks
                    .columns(group)
                    .filter_map(|(site, value, column)| {
                        let with = fixed.value + decided.with(site, value);
                        (with > incumbent).then_some((with, Some(column)))
                    })
                    .collect();
                let without = fixed.value + decided.without;
                if without > incumbent {
                    options.push((without, None));
                }
                match options.len() {
                    0 => return Outcome::Pruned,
                    1 => forced.push((group, options[0].1)),
                    count => {
                        if branch.as_ref().is_none_or(|(_, best)| count < best.len()) {
                            branch = Some((group, options));
                        }
                    }
                }
            }
            if !forced.is_empty() {
                for (group, column) in forced {
                    if !fixed.take(units, supply, (group, column)) {
                        return Outcome::Pruned;
                    }
                    decisions.push((group, column));
                    knapsacks.decide(group, column.map(|column| units[group].columns[column].0));
                }
                continue;
            }
            if let Some((group, mut options)) = branch {
                options.sort_by_key(|choice| std::cmp::Reverse(choice.0));
                return Outcome::Branch {
                    bound,
                    group,
                    options,
                    decisions,
                    knapsacks,
                };
            }
            // Every group decided: the single children by the certified flow, on the
            // columns a better solution may use, from their flow with every place free.
            let leaves = pool.leaves.get_or_init(|| Leaves::new(self, &pool.columns));
            let flow = certified_flow_near(
                &leaves.restricted,
                &leaves.singles,
                supply,
                &fixed.left,
                self.candidates,
                &leaves.free,
            );
            let mut chosen = fixed.chosen;
            for (&(unit, column), &units_on_arc) in flow.arc_columns.iter().zip(&flow.lp.flow) {
                if units_on_arc > 0 {
                    chosen.push((unit, pool.columns[unit][column]));
                }
            }
            return Outcome::Leaf(fixed.value + flow.lp.primal, chosen);
        }
    }
}

/// The columns that a solution better than the incumbent may use (see [`Root::pool`]),
/// with what the nodes under them share, each made when first needed.
struct Pool {
    columns: Vec<Vec<usize>>,
    /// The relaxation of every unit on these columns, where each node that does not go on
    /// from its parent's starts (a copy with the node's decisions).
    whole: OnceCell<Knapsacks>,
    leaves: OnceCell<Leaves>,
}

impl Pool {
    fn new(columns: Vec<Vec<usize>>) -> Pool {
        Pool {
            columns,
            whole: OnceCell::new(),
            leaves: OnceCell::new(),
        }
    }
}

/// What every leaf under one pool of columns shares: the single children's columns in the
/// pool, and their certified flow with every place free, where each leaf's flow starts.
struct Leaves {
    restricted: Vec<Unit>,
    singles: Vec<bool>,
    free: CertifiedFlow,
}

impl Leaves {
    fn new(tree: &Tree<'_>, pool: &[Vec<usize>]) -> Leaves {
        let singles: Vec<bool> = tree.supply.iter().map(|&size| size == 1).collect();
        let restricted: Vec<Unit> = tree
            .units
            .iter()
            .zip(pool)
            .zip(&singles)
            .map(|((unit, kept), &single)| Unit {
                members: Vec::new(),
                columns: if single {
                    kept.iter().map(|&c| unit.columns[c]).collect()
                } else {
                    Vec::new()
                },
            })
            .collect();
        let seed: Vec<BTreeSet<usize>> = tree
            .root
            .extra
            .iter()
            .zip(pool)
            .zip(&singles)
            .map(|((extra, kept), &single)| {
                extra
                    .iter()
                    .filter(|_| single)
                    .filter_map(|column| kept.binary_search(column).ok())
                    .collect()
            })
            .collect();
        let free = certified_flow(
            &restricted,
            &singles,
            tree.supply,
            tree.capacity,
            tree.candidates,
            Some(seed),
        );
        Leaves {
            restricted,
            singles,
            free,
        }
    }
}

/// At most this many multipliers (16 bytes each) are kept for nodes waiting in the heap.
const WARM_VALUES: usize = 4 << 20;

/// Coordinate-descent passes per node (see `knapsack::coordinate_descent`).
const NODE_SWEEPS: usize = 2;

/// Branch and bound for sibling groups that must stay together, from the incumbent given;
/// stops when `stop` says so, with the best solution found and the bound of what is left.
pub(super) fn branch_and_bound(
    units: &[Unit],
    supply: &[u32],
    capacity: &[u32],
    candidates: usize,
    root: &Root<'_>,
    incumbent: (Value, Vec<(usize, usize)>),
    stop: &(dyn Fn() -> bool + Sync),
) -> Search {
    let search = Tree {
        units,
        supply,
        capacity,
        candidates,
        root,
        groups: (0..units.len()).filter(|&unit| supply[unit] > 1).collect(),
    };
    let (mut value, mut chosen) = incumbent;
    // Reduced-cost fixing: the columns that could still be part of a better solution. Redone
    // whenever the incumbent improves.
    let mut pool = Pool::new(root.pool(units, supply, value));
    let mut pool_value = value;
    let mut heap = BinaryHeap::new();
    let root_bound = root.bound.min(root.knapsacks.bound);
    heap.push(Node {
        bound: root_bound,
        order: 0,
        decisions: Vec::new(),
        start: Start::Cold(None),
    });
    let mut order = 1;
    let mut nodes = 0;
    let mut dive: Option<Node> = None;
    loop {
        let node = match dive.take() {
            Some(node) => node,
            None => match heap.pop() {
                Some(node) => node,
                None => break,
            },
        };
        if node.bound <= value {
            continue;
        }
        if stop() {
            heap.push(node);
            break;
        }
        nodes += 1;
        if value > pool_value {
            pool = Pool::new(root.pool(units, supply, value));
            pool_value = value;
        }
        match search.explore(&pool, node.decisions, node.start, value) {
            Outcome::Pruned => {}
            Outcome::Leaf(leaf_value, leaf) => {
                if leaf_value > value {
                    value = leaf_value;
                    chosen = leaf;
                }
            }
            Outcome::Branch {
                bound,
                group,
                options,
                decisions,
                knapsacks,
            } => {
                // The dive goes on from this node's relaxation; the other children start from
                // its multipliers, a shared copy kept only while the copies stay within
                // `WARM_VALUES` numbers.
                let lambda = Rc::new(knapsacks.multipliers().to_vec());
                let share = heap.len().saturating_mul(units.len()) < WARM_VALUES;
                let mut warm = Some(knapsacks);
                for (estimate, column) in options {
                    let mut child = decisions.clone();
                    child.push((group, column));
                    let start = match (dive.is_none(), warm.take()) {
                        (true, Some(knapsacks)) => Start::Warm(knapsacks),
                        _ => Start::Cold(share.then(|| Rc::clone(&lambda))),
                    };
                    let child = Node {
                        bound: estimate.min(bound),
                        order,
                        decisions: child,
                        start,
                    };
                    order += 1;
                    if dive.is_none() {
                        dive = Some(child);
                    } else {
                        heap.push(child);
                    }
                }
            }
        }
    }
    heap.extend(dive);
    let complete = heap.iter().all(|node| node.bound <= value);
    let open_bound = heap.iter().map(|node| node.bound).max().unwrap_or(value);
    Search {
        chosen,
        value,
        bound: if complete {
            value
        } else {
            open_bound.max(value)
        },
        nodes,
        complete,
    }
}
