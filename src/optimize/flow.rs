//! An exact solver for the transportation problem at the heart of batch assignment, with a
//! dual certificate.
//!
//! Left nodes (a child, or in the LP relaxation a sibling group) have a supply; right nodes
//! (sites) have a capacity; an arc `(left, right)` earns `value` per unit. The solver
//! maximizes the total value; a unit may stay unassigned.
//!
//! Method: shortest augmenting paths, one unit at a time (Jonker–Volgenant style), Dijkstra
//! on reduced costs kept non-negative by node potentials. Each search starts at the new unit
//! and stops at the sink, so in uncontended data it touches a handful of nodes.
//!
//! Values are exact integers (`Value`, 128 bits; the search runs in 64 bits when the values
//! leave room, see `Transport::fits_i64`): every sum, potential and comparison is
//! exact, so the certificate below is checked for equality, not within a tolerance.
//!
//! The result is not trusted on faith: [`Transport::solve`] derives an explicit dual solution
//! (`u` per left node, `v` per site, all `>= 0`, `u + v >= value` on every arc) and reports
//! its objective. Primal equal to dual proves optimality by LP duality; the callers also check
//! `u + v >= value` on arcs that were pruned from the model (the certificate for pruning).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::{Add, Sub};

use super::Value;

/// One arc of the transportation problem.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Arc {
    pub(crate) left: usize,
    pub(crate) right: usize,
    /// Value earned per unit, > 0: an exact integer (see `Value`).
    pub(crate) value: Value,
}

/// A transportation problem.
#[derive(Debug, Clone, Default)]
pub(crate) struct Transport {
    pub(crate) supply: Vec<u32>,
    pub(crate) capacity: Vec<u32>,
    pub(crate) arcs: Vec<Arc>,
}

/// An optimal flow with its dual solution.
#[derive(Debug, Clone)]
pub(crate) struct FlowSolution {
    /// Units on each arc, in the order of `Transport::arcs`.
    pub(crate) flow: Vec<u32>,
    /// Dual value of each left node, >= 0.
    pub(crate) u: Vec<Value>,
    /// Dual value of each site, >= 0.
    pub(crate) v: Vec<Value>,
    /// Total value of the flow.
    pub(crate) primal: Value,
    /// Objective of the dual solution: an upper bound on any flow.
    pub(crate) dual: Value,
    /// The search's node potentials (left nodes, sites, the sink last at 0): where a
    /// warm start of a widened problem begins (see [`Transport::solve_from`]).
    potential: Vec<Value>,
}

/// The integer type of distances and potentials in one search: 64 bits when every value
/// of the problem leaves room for the longest path, else 128. Both are exact; the narrow
/// one halves the heap and the comparisons.
trait Exact: Copy + Ord + Add<Output = Self> + Sub<Output = Self> {
    /// Larger than any path length: the distance of a node not reached yet.
    const UNREACHED: Self;
    const ZERO: Self;
    fn from_value(value: Value) -> Self;
    fn to_value(self) -> Value;
}

impl Exact for i64 {
    const UNREACHED: Self = i64::MAX / 4;
    const ZERO: Self = 0;
    fn from_value(value: Value) -> Self {
        // Callers choose i64 only when every value fits (see `Transport::fits_i64`).
        value as i64
    }
    fn to_value(self) -> Value {
        Value::from(self)
    }
}

impl Exact for i128 {
    const UNREACHED: Self = i128::MAX / 4;
    const ZERO: Self = 0;
    fn from_value(value: Value) -> Self {
        value
    }
    fn to_value(self) -> Value {
        self
    }
}

/// A heap entry ordered by distance, smallest first.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Entry<D> {
    dist: D,
    node: u32,
}

impl<D: Ord> Ord for Entry<D> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl<D: Ord> PartialOrd for Entry<D> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// How a node was reached in a search: the node before it and the kind of step.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    None,
    /// Left to right over an arc.
    Forward(u32),
    /// Right back to left over an arc that carries flow.
    Backward(u32),
    /// Left to sink: the unit stays unassigned.
    Skip(u32),
    /// Right to sink: a free place at this site.
    Place(u32),
    /// Sink back to a left node whose unit is unassigned (warm starts only).
    Unskip(u32),
    /// Sink back to a site that sends a unit to it (warm starts only).
    Unplace(u32),
}

/// Arc indices grouped by a node, in one flat vector (compressed rows).
struct Rows {
    start: Vec<usize>,
    items: Vec<u32>,
}

impl Rows {
    /// Groups the indices `keep` accepts by their keys (`keys` in index order).
    fn new(
        n: usize,
        keys: impl Iterator<Item = usize> + Clone,
        keep: impl Fn(usize) -> bool,
    ) -> Rows {
        let mut start = vec![0usize; n + 1];
        for (idx, key) in keys.clone().enumerate() {
            if keep(idx) {
                start[key + 1] += 1;
            }
        }
        for idx in 0..n {
            start[idx + 1] += start[idx];
        }
        let mut next = start.clone();
        let mut items = vec![0u32; start[n]];
        for (idx, key) in keys.enumerate() {
            if keep(idx) {
                items[next[key]] = idx as u32;
                next[key] += 1;
            }
        }
        Rows { start, items }
    }

    fn of(&self, key: usize) -> &[u32] {
        &self.items[self.start[key]..self.start[key + 1]]
    }
}

impl Transport {
    /// Solves the problem exactly and returns the flow with its dual solution.
    pub(crate) fn solve(&self) -> FlowSolution {
        self.solve_with(None)
    }

    /// Solves a problem near one already solved, starting from its optimal flow and
    /// potentials: the same supplies, the same arcs or more, and the same places or fewer
    /// (sites taken by sibling groups at a leaf of the search). Only the left nodes a new arc
    /// would pay for, and those sending units to a site over its new capacity, are taken off
    /// and sent again, so a round that adds a handful of arcs, or a handful of places taken,
    /// costs a handful of searches instead of one per unit.
    pub(crate) fn solve_from(&self, previous: &Transport, solution: &FlowSolution) -> FlowSolution {
        let fewer_places = previous.capacity.len() == self.capacity.len()
            && previous
                .capacity
                .iter()
                .zip(&self.capacity)
                .all(|(before, now)| now <= before);
        if previous.supply != self.supply || !fewer_places {
            return self.solve();
        }
        if previous.arcs == self.arcs {
            return self.solve_with(Some((solution.flow.clone(), &solution.potential)));
        }
        // The previous flow on the same (left, site) pairs of this problem.
        let mut carried: std::collections::HashMap<(usize, usize), u32> = previous
            .arcs
            .iter()
            .zip(&solution.flow)
            .filter(|&(_, &units)| units > 0)
            .map(|(arc, &units)| ((arc.left, arc.right), units))
            .collect();
        let flow: Vec<u32> = self
            .arcs
            .iter()
            .map(|arc| carried.remove(&(arc.left, arc.right)).unwrap_or(0))
            .collect();
        if !carried.is_empty() {
            return self.solve();
        }
        self.solve_with(Some((flow, &solution.potential)))
    }

    fn solve_with(&self, warm: Option<(Vec<u32>, &[Value])>) -> FlowSolution {
        if self.fits_i64() {
            let narrow = self.certified(self.shortest_paths::<i64>(warm.clone()));
            // The certificate proves optimality whatever arithmetic found the flow; should it
            // ever fail, the wide search decides.
            if narrow.primal == narrow.dual {
                return narrow;
            }
        }
        let wide = self.certified(self.shortest_paths::<i128>(warm.clone()));
        if wide.primal == wide.dual || warm.is_none() {
            return wide;
        }
        // A warm start is a speed-up, never a risk: from scratch if its certificate fails.
        self.solve()
    }

    /// The flow with the dual solution derived from the search's potentials.
    fn certified(&self, (flow, potential): (Vec<u32>, Vec<Value>)) -> FlowSolution {
        let n_left = self.supply.len();
        // Potentials of an optimal flow are dual values: v for sites, u for left nodes,
        // tightened to the smallest feasible u.
        // A site without places costs nothing in the dual objective at any value: take its
        // best arc's, so that its arcs never bind.
        let mut v: Vec<Value> = (0..self.capacity.len())
            .map(|right| (-potential[n_left + right]).max(0))
            .collect();
        for arc in &self.arcs {
            if self.capacity[arc.right] == 0 {
                v[arc.right] = v[arc.right].max(arc.value);
            }
        }
        let mut u: Vec<Value> = vec![0; n_left];
        for arc in &self.arcs {
            u[arc.left] = u[arc.left].max(arc.value - v[arc.right]);
        }
        let primal = self.value(&flow);
        let dual = self.dual_objective(&u, &v);
        FlowSolution {
            flow,
            u,
            v,
            primal,
            dual,
            potential,
        }
    }

    /// Whether 64 bits hold every distance and potential. Arcs into sites without places
    /// take no part in the search, so every site the search settles either has a free place
    /// (potential 0) or carries flow on an arc with reduced cost 0 (potential in
    /// `[-largest, 0]`); left potentials start at their best value and stay non-negative (the
    /// skip arc). A tentative distance is a settled one (at most the start's skip cost,
    /// `largest`) plus one reduced cost (at most `3 · largest`): `4 · largest` in all, kept
    /// well below the 64-bit range. Should the reasoning ever fail, the certificate catches
    /// it (see `solve`).
    fn fits_i64(&self) -> bool {
        let largest = self
            .arcs
            .iter()
            .map(|arc| arc.value.abs())
            .max()
            .unwrap_or(0);
        largest
            .checked_mul(16)
            .is_some_and(|bound| bound < Value::from(i64::MAX))
    }

    /// Successive shortest paths: the flow and the final node potentials (sink last, 0).
    ///
    /// From scratch (`warm` is `None`) every unit is sent from its left node to the sink in
    /// turn. From a warm start (a flow and potentials optimal for a subset of the arcs), the
    /// left nodes whose best arc now has a negative reduced cost are taken off (their units
    /// leave a deficit where they were: a site, or the sink for an unassigned unit) and their
    /// potential raised until every arc out of them is non-negative; then each unit is sent
    /// to the nearest deficit, through the sink if need be. Every residual arc keeps a
    /// non-negative reduced cost throughout, so each search is a Dijkstra.
    fn shortest_paths<D: Exact>(
        &self,
        warm: Option<(Vec<u32>, &[Value])>,
    ) -> (Vec<u32>, Vec<Value>) {
        let n_left = self.supply.len();
        let n_right = self.capacity.len();
        let sink = n_left + n_right;
        let n = sink + 1;

        // Arcs into sites without places can never carry flow: the search skips them.
        let out_arcs = Rows::new(n_left, self.arcs.iter().map(|arc| arc.left), |idx| {
            self.capacity[self.arcs[idx].right] > 0
        });
        let values: Vec<D> = self
            .arcs
            .iter()
            .map(|arc| D::from_value(arc.value))
            .collect();
        let tight = |left: usize, potential: &[D]| {
            let mut tight = potential[sink];
            for &arc_idx in out_arcs.of(left) {
                let to = n_left + self.arcs[arc_idx as usize].right;
                tight = tight.max(values[arc_idx as usize] + potential[to]);
            }
            tight
        };

        let warm_start = warm.is_some();
        let (mut flow, mut potential): (Vec<u32>, Vec<D>) = match warm {
            Some((flow, potential)) => {
                (flow, potential.iter().map(|&p| D::from_value(p)).collect())
            }
            None => (vec![0u32; self.arcs.len()], vec![D::ZERO; n]),
        };
        // Units at each site, units left unassigned at each left node (from scratch, every
        // unit is still at its left node, none is unassigned yet), and for each site the arcs
        // into it that carry flow (at most its capacity).
        let mut used = vec![0u32; n_right];
        let mut skipped = if warm_start {
            self.supply.clone()
        } else {
            vec![0u32; n_left]
        };
        let mut carrying: Vec<Vec<u32>> = vec![Vec::new(); n_right];
        for (arc_idx, (arc, &units)) in self.arcs.iter().zip(&flow).enumerate() {
            if units > 0 {
                used[arc.right] += units;
                skipped[arc.left] -= units;
                carrying[arc.right].push(arc_idx as u32);
            }
        }
        // The units to send (left node, count) and where they may end: a site or the sink
        // with a deficit. From scratch the sink takes any number.
        let mut deficit = vec![0u32; n];
        let mut sends: Vec<(usize, u32)> = Vec::new();
        if warm_start {
            // Sites over their capacity (places taken since the flow was found): the left
            // nodes sending units there are taken off until the site fits. The units they lose
            // at such a site leave no deficit there; each ends at the sink, unassigned or at a
            // free place elsewhere.
            let mut sending: Vec<Vec<u32>> = vec![Vec::new(); n_left];
            for (arc_idx, (arc, &units)) in self.arcs.iter().zip(&flow).enumerate() {
                if units > 0 {
                    sending[arc.left].push(arc_idx as u32);
                }
            }
            for right in 0..n_right {
                while used[right] > self.capacity[right] {
                    let Some(&arc_idx) = carrying[right].last() else {
                        break;
                    };
                    let left = self.arcs[arc_idx as usize].left;
                    for arc_idx in std::mem::take(&mut sending[left]) {
                        let arc_idx = arc_idx as usize;
                        let units = std::mem::take(&mut flow[arc_idx]);
                        let site = self.arcs[arc_idx].right;
                        carrying[site].retain(|&other| other as usize != arc_idx);
                        let cut = units.min(used[site].saturating_sub(self.capacity[site]));
                        used[site] -= cut;
                        deficit[sink] += cut;
                        deficit[n_left + site] += units - cut;
                    }
                    deficit[sink] += std::mem::take(&mut skipped[left]);
                    // No arc enters the node now: any potential that keeps its own arcs
                    // non-negative will do.
                    let lowest = tight(left, &potential);
                    potential[left] = lowest;
                    sends.push((left, self.supply[left]));
                }
            }
            let taken_off: Vec<bool> = {
                let mut off = vec![false; n_left];
                for &(left, _) in &sends {
                    off[left] = true;
                }
                off
            };
            for left in (0..n_left).filter(|&left| !taken_off[left]) {
                let raised = tight(left, &potential);
                if raised <= potential[left] || self.supply[left] == 0 {
                    continue;
                }
                for &arc_idx in out_arcs.of(left) {
                    let arc_idx = arc_idx as usize;
                    let units = std::mem::take(&mut flow[arc_idx]);
                    if units > 0 {
                        let right = self.arcs[arc_idx].right;
                        deficit[n_left + right] += units;
                        carrying[right].retain(|&other| other as usize != arc_idx);
                    }
                }
                deficit[sink] += std::mem::take(&mut skipped[left]);
                potential[left] = raised;
                sends.push((left, self.supply[left]));
            }
        } else {
            deficit[sink] = u32::MAX;
            sends = (0..n_left).map(|left| (left, self.supply[left])).collect();
            {
                // The most valuable units first: the cheaper ones that come later find the
                // places taken and stop early at the sink (10,000 children on 2,300 places:
                // the search 0.15 s faster).
                let best: Vec<D> = (0..n_left)
                    .map(|left| {
                        out_arcs
                            .of(left)
                            .iter()
                            .map(|&arc| values[arc as usize])
                            .max()
                            .unwrap_or(D::ZERO)
                    })
                    .collect();
                sends.sort_by(|a, b| best[b.0].cmp(&best[a.0]).then_with(|| a.0.cmp(&b.0)));
            }
        }
        // Left nodes that may have an unassigned unit, for steps back out of the sink.
        let mut unassigned: Vec<u32> = (0..n_left)
            .filter(|&left| skipped[left] > 0)
            .map(|left| left as u32)
            .collect();

        let mut dist: Vec<D> = vec![D::UNREACHED; n];
        let mut step = vec![Step::None; n];
        let mut done = vec![false; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut settled: Vec<usize> = Vec::new();
        let mut heap: BinaryHeap<Entry<D>> = BinaryHeap::new();

        for (start, units) in sends {
            if !warm_start {
                // The tightest potential the new node may take: its best arc at today's site
                // prices, or the skip arc. Its first potential is its best value, loose once
                // sites fill up; nothing enters it before its first unit.
                potential[start] = tight(start, &potential);
            }
            for _unit in 0..units {
                for &node in &touched {
                    dist[node] = D::UNREACHED;
                    step[node] = Step::None;
                    done[node] = false;
                }
                touched.clear();
                settled.clear();
                heap.clear();
                dist[start] = D::ZERO;
                touched.push(start);
                heap.push(Entry {
                    dist: D::ZERO,
                    node: start as u32,
                });

                let mut target = None;
                while let Some(Entry { dist: d, node }) = heap.pop() {
                    let node = node as usize;
                    if done[node] {
                        continue;
                    }
                    done[node] = true;
                    if deficit[node] > 0 {
                        target = Some(node);
                        break;
                    }
                    settled.push(node);
                    let from = potential[node];
                    let mut relax = |to: usize, reduced: D, how: Step| {
                        let reduced = reduced.max(D::ZERO);
                        let candidate = d + reduced;
                        if candidate < dist[to] {
                            if dist[to] == D::UNREACHED {
                                touched.push(to);
                            }
                            dist[to] = candidate;
                            step[to] = how;
                            heap.push(Entry {
                                dist: candidate,
                                node: to as u32,
                            });
                        }
                    };
                    if node < n_left {
                        relax(sink, from - potential[sink], Step::Skip(node as u32));
                        for &arc_idx in out_arcs.of(node) {
                            let to = n_left + self.arcs[arc_idx as usize].right;
                            let reduced = from - values[arc_idx as usize] - potential[to];
                            relax(to, reduced, Step::Forward(arc_idx));
                        }
                    } else if node < sink {
                        let right = node - n_left;
                        if used[right] < self.capacity[right] {
                            let reduced = from - potential[sink];
                            relax(sink, reduced, Step::Place(right as u32));
                            // A free place at no extra cost: nothing left in the heap is
                            // nearer, so the sink is settled at this distance now.
                            if reduced <= D::ZERO && deficit[sink] > 0 {
                                target = Some(sink);
                                break;
                            }
                        }
                        for &arc_idx in &carrying[right] {
                            let to = self.arcs[arc_idx as usize].left;
                            let reduced = values[arc_idx as usize] + from - potential[to];
                            relax(to, reduced, Step::Backward(arc_idx));
                        }
                    } else {
                        // The sink on the way (warm starts only): back to an unassigned
                        // unit, or to a site that sends a unit to the sink.
                        for &left in &unassigned {
                            let left = left as usize;
                            if skipped[left] > 0 {
                                relax(left, from - potential[left], Step::Unskip(left as u32));
                            }
                        }
                        for right in (0..n_right).filter(|&right| used[right] > 0) {
                            let to = n_left + right;
                            relax(to, from - potential[to], Step::Unplace(right as u32));
                        }
                    }
                }
                let Some(target) = target else {
                    unreachable!("a deficit is always reached: skipping is allowed")
                };

                // Augment one unit along the path, walking back from the target.
                deficit[target] -= 1;
                let mut node = target;
                while node != start {
                    node = match step[node] {
                        Step::Skip(left) => {
                            if warm_start {
                                if skipped[left as usize] == 0 {
                                    unassigned.push(left);
                                }
                                skipped[left as usize] += 1;
                            }
                            left as usize
                        }
                        Step::Place(right) => {
                            used[right as usize] += 1;
                            n_left + right as usize
                        }
                        Step::Forward(arc_idx) => {
                            let arc = &self.arcs[arc_idx as usize];
                            if flow[arc_idx as usize] == 0 {
                                carrying[arc.right].push(arc_idx);
                            }
                            flow[arc_idx as usize] += 1;
                            arc.left
                        }
                        Step::Backward(arc_idx) => {
                            let arc = &self.arcs[arc_idx as usize];
                            flow[arc_idx as usize] -= 1;
                            if flow[arc_idx as usize] == 0 {
                                carrying[arc.right].retain(|&other| other != arc_idx);
                            }
                            n_left + arc.right
                        }
                        Step::Unskip(left) => {
                            skipped[left as usize] -= 1;
                            sink
                        }
                        Step::Unplace(right) => {
                            used[right as usize] -= 1;
                            sink
                        }
                        Step::None => {
                            unreachable!("every node on the path was reached")
                        }
                    };
                }
                // Keep reduced costs non-negative: shift the nodes settled before the target.
                let dist_target = dist[target];
                for &node in &settled {
                    potential[node] = potential[node] + (dist[node] - dist_target);
                }
            }
        }
        // Potentials are relative: the sink back at 0.
        let shift = potential[sink];
        let potential = potential
            .into_iter()
            .map(|p| (p - shift).to_value())
            .collect();
        (flow, potential)
    }

    /// Total value of a flow.
    pub(crate) fn value(&self, flow: &[u32]) -> Value {
        self.arcs
            .iter()
            .zip(flow)
            .map(|(arc, &units)| arc.value * Value::from(units))
            .sum()
    }

    /// Objective of a dual solution: `Σ supply·u + Σ capacity·v`.
    pub(crate) fn dual_objective(&self, u: &[Value], v: &[Value]) -> Value {
        let left: Value = self
            .supply
            .iter()
            .zip(u)
            .map(|(&s, &u)| Value::from(s) * u)
            .sum();
        let right: Value = self
            .capacity
            .iter()
            .zip(v)
            .map(|(&c, &v)| Value::from(c) * v)
            .sum();
        left + right
    }
}

#[cfg(test)]
mod tests {
    //! Properties: the flow respects supplies and capacities; its value equals a brute-force
    //! optimum on small random problems; primal equals dual (the certificate); every arc has
    //! `u + v >= value`.
    use super::*;
    use proptest::prelude::*;

    fn brute_force(problem: &Transport) -> Value {
        // Unit supplies only: each left node picks one arc or none.
        fn go(problem: &Transport, left: usize, used: &mut Vec<u32>) -> Value {
            if left == problem.supply.len() {
                return 0;
            }
            let mut best = go(problem, left + 1, used);
            for arc in problem.arcs.iter().filter(|arc| arc.left == left) {
                if used[arc.right] < problem.capacity[arc.right] {
                    used[arc.right] += 1;
                    best = best.max(arc.value + go(problem, left + 1, used));
                    used[arc.right] -= 1;
                }
            }
            best
        }
        go(problem, 0, &mut vec![0; problem.capacity.len()])
    }

    fn problem() -> impl Strategy<Value = Transport> {
        (1usize..7, 1usize..5).prop_flat_map(|(n_left, n_right)| {
            let arcs = proptest::collection::vec(
                (0..n_left, 0..n_right, 1u32..100),
                0..(n_left * n_right + 1),
            );
            let capacity = proptest::collection::vec(0u32..3, n_right);
            (Just(n_left), capacity, arcs).prop_map(|(n_left, capacity, arcs)| {
                let mut seen = std::collections::BTreeSet::new();
                let arcs = arcs
                    .into_iter()
                    .filter(|&(l, r, _)| seen.insert((l, r)))
                    .map(|(left, right, value)| Arc {
                        left,
                        right,
                        value: Value::from(value),
                    })
                    .collect();
                Transport {
                    supply: vec![1; n_left],
                    capacity,
                    arcs,
                }
            })
        })
    }

    /// The arcs whose flag in `keep` is set (`beyond` for those past its end).
    fn kept(arcs: &[Arc], keep: &[bool], beyond: bool) -> Vec<Arc> {
        arcs.iter()
            .enumerate()
            .filter(|(idx, _)| keep.get(*idx).copied().unwrap_or(beyond))
            .map(|(_, arc)| *arc)
            .collect()
    }

    /// Solves `before`, then `after` (the same supplies, the same arcs or more, the same
    /// places or fewer) from its optimum by each warm search and by `solve_from`: each is
    /// feasible, certified by itself, and as good as the cold solve.
    fn warm_starts_are_optimal(
        before: &Transport,
        after: &Transport,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let start = before.solve();
        let cold = after.solve();
        let flow: Vec<u32> = after
            .arcs
            .iter()
            .map(|arc| {
                before
                    .arcs
                    .iter()
                    .zip(&start.flow)
                    .find(|(old, _)| (old.left, old.right) == (arc.left, arc.right))
                    .map_or(0, |(_, &units)| units)
            })
            .collect();
        for warm in [
            after.certified(after.shortest_paths::<i64>(Some((flow.clone(), &start.potential)))),
            after.certified(after.shortest_paths::<i128>(Some((flow.clone(), &start.potential)))),
            after.solve_from(before, &start),
        ] {
            prop_assert_eq!(warm.dual, warm.primal, "the warm search's certificate");
            prop_assert_eq!(warm.primal, cold.primal);
            let mut out = vec![0u32; after.supply.len()];
            let mut into = vec![0u32; after.capacity.len()];
            for (arc, &units) in after.arcs.iter().zip(&warm.flow) {
                out[arc.left] += units;
                into[arc.right] += units;
            }
            prop_assert!(out.iter().zip(&after.supply).all(|(o, s)| o <= s));
            prop_assert!(into.iter().zip(&after.capacity).all(|(i, c)| i <= c));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
        #[test]
        fn optimal_feasible_and_certified(problem in problem()) {
            let solution = problem.solve();
            let mut out = vec![0u32; problem.supply.len()];
            let mut into = vec![0u32; problem.capacity.len()];
            for (arc, &units) in problem.arcs.iter().zip(&solution.flow) {
                out[arc.left] += units;
                into[arc.right] += units;
            }
            prop_assert!(out.iter().zip(&problem.supply).all(|(o, s)| o <= s));
            prop_assert!(into.iter().zip(&problem.capacity).all(|(i, c)| i <= c));
            prop_assert_eq!(solution.primal, brute_force(&problem));
            prop_assert_eq!(solution.dual, solution.primal, "the certificate is exact");
            for arc in &problem.arcs {
                prop_assert!(solution.u[arc.left] + solution.v[arc.right] >= arc.value);
            }
            // The 64-bit search and the 128-bit one find flows of the same value, each with
            // its own exact certificate.
            prop_assert!(problem.fits_i64());
            let wide = problem.certified(problem.shortest_paths::<i128>(None));
            prop_assert_eq!(wide.primal, solution.primal);
            prop_assert_eq!(wide.dual, wide.primal);
        }

        /// A warm start from the optimum of a subset of the arcs reaches the optimum of the
        /// whole problem with its own certificate (the search itself, not the fallback).
        #[test]
        fn a_warm_start_from_fewer_arcs_is_optimal_and_certified(
            problem in problem(),
            keep in proptest::collection::vec(any::<bool>(), 0..40),
            supplies in proptest::collection::vec(1u32..4, 7),
        ) {
            for supply in [problem.supply.clone(), supplies[..problem.supply.len()].to_vec()] {
                let full = Transport { supply, ..problem.clone() };
                let narrow = Transport { arcs: kept(&full.arcs, &keep, false), ..full.clone() };
                warm_starts_are_optimal(&narrow, &full)?;
            }
        }

        /// A warm start from the optimum with more places (and fewer arcs) reaches the
        /// optimum with places taken away, with its own certificate (the search itself, not
        /// the fallback): the leaves of the group search start so.
        #[test]
        fn a_warm_start_with_places_taken_is_optimal_and_certified(
            problem in problem(),
            keep in proptest::collection::vec(any::<bool>(), 0..40),
            taken in proptest::collection::vec(0u32..3, 4),
            supplies in proptest::collection::vec(1u32..4, 7),
        ) {
            for supply in [problem.supply.clone(), supplies[..problem.supply.len()].to_vec()] {
                let before = Transport {
                    supply,
                    arcs: kept(&problem.arcs, &keep, true),
                    ..problem.clone()
                };
                for arcs in [before.arcs.clone(), problem.arcs.clone()] {
                    let after = Transport {
                        capacity: before
                            .capacity
                            .iter()
                            .zip(&taken)
                            .map(|(&places, &taken)| places.saturating_sub(taken))
                            .collect(),
                        arcs,
                        ..before.clone()
                    };
                    warm_starts_are_optimal(&before, &after)?;
                }
            }
        }

        /// Values far beyond 64 bits (the tiers of a large problem) are solved exactly too.
        #[test]
        fn values_beyond_64_bits_are_exact(problem in problem(), shift in 60u32..100) {
            let scaled = Transport {
                arcs: problem
                    .arcs
                    .iter()
                    .map(|arc| Arc { value: arc.value << shift, ..*arc })
                    .collect(),
                ..problem.clone()
            };
            prop_assert_eq!(scaled.fits_i64(), scaled.arcs.is_empty());
            let solution = scaled.solve();
            prop_assert_eq!(solution.primal, brute_force(&problem) << shift);
            prop_assert_eq!(solution.dual, solution.primal);
        }
    }

    #[test]
    fn sites_without_places_never_bind_the_dual() {
        let problem = Transport {
            supply: vec![1],
            capacity: vec![0, 1],
            arcs: vec![
                Arc {
                    left: 0,
                    right: 0,
                    value: 9,
                },
                Arc {
                    left: 0,
                    right: 1,
                    value: 2,
                },
            ],
        };
        let solution = problem.solve();
        assert_eq!(solution.flow, [0, 1]);
        assert_eq!((solution.primal, solution.dual), (2, 2));
        assert!(solution.u[0] + solution.v[0] >= 9);
    }

    #[test]
    fn supplies_above_one_are_split_over_sites() {
        let problem = Transport {
            supply: vec![3],
            capacity: vec![2, 2],
            arcs: vec![
                Arc {
                    left: 0,
                    right: 0,
                    value: 2,
                },
                Arc {
                    left: 0,
                    right: 1,
                    value: 1,
                },
            ],
        };
        let solution = problem.solve();
        assert_eq!(solution.flow, [2, 1]);
        assert_eq!(solution.primal, 5);
        assert_eq!(solution.dual, 5);
    }
}
