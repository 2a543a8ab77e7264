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
//! Values are exact integers (`Value`, 128 bits): every sum, potential and comparison is
//! exact, so the certificate below is checked for equality, not within a tolerance.
//!
//! The result is not trusted on faith: [`Transport::solve`] derives an explicit dual solution
//! (`u` per left node, `v` per site, all `>= 0`, `u + v >= value` on every arc) and reports
//! its objective. Primal equal to dual proves optimality by LP duality; the callers also check
//! `u + v >= value` on arcs that were pruned from the model (the certificate for pruning).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Value;

/// Larger than any path length: the distance of a node not reached yet.
const UNREACHED: Value = Value::MAX / 4;

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
}

/// A heap entry ordered by distance, smallest first.
#[derive(Clone, Copy, PartialEq)]
struct Entry {
    dist: Value,
    node: usize,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// How a node was reached in a search: the node before it and the kind of step.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    None,
    /// Left to right over an arc.
    Forward(usize),
    /// Right back to left over an arc that carries flow.
    Backward(usize),
    /// Left to sink: the unit stays unassigned.
    Skip(usize),
    /// Right to sink: a free place at this site.
    Place(usize),
}

impl Transport {
    /// Solves the problem exactly and returns the flow with its dual solution.
    pub(crate) fn solve(&self) -> FlowSolution {
        let n_left = self.supply.len();
        let n_right = self.capacity.len();
        let sink = n_left + n_right;
        let n = sink + 1;

        let mut out_arcs: Vec<Vec<usize>> = vec![Vec::new(); n_left];
        let mut in_arcs: Vec<Vec<usize>> = vec![Vec::new(); n_right];
        for (idx, arc) in self.arcs.iter().enumerate() {
            out_arcs[arc.left].push(idx);
            in_arcs[arc.right].push(idx);
        }

        // Potentials that make every reduced cost >= 0 for the empty flow. The sink keeps
        // potential 0 throughout (it is never settled before itself).
        let mut potential: Vec<Value> = vec![0; n];
        for arc in &self.arcs {
            potential[arc.left] = potential[arc.left].max(arc.value);
        }
        let mut flow = vec![0u32; self.arcs.len()];
        let mut used = vec![0u32; n_right];

        let mut dist: Vec<Value> = vec![UNREACHED; n];
        let mut step = vec![Step::None; n];
        let mut done = vec![false; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut settled: Vec<usize> = Vec::new();
        let mut heap = BinaryHeap::new();

        for start in 0..n_left {
            for _unit in 0..self.supply[start] {
                for &node in &touched {
                    dist[node] = UNREACHED;
                    step[node] = Step::None;
                    done[node] = false;
                }
                touched.clear();
                settled.clear();
                heap.clear();
                dist[start] = 0;
                touched.push(start);
                heap.push(Entry {
                    dist: 0,
                    node: start,
                });

                while let Some(Entry { dist: d, node }) = heap.pop() {
                    if done[node] {
                        continue;
                    }
                    done[node] = true;
                    if node == sink {
                        break;
                    }
                    settled.push(node);
                    let mut relax = |to: usize, cost: Value, how: Step| {
                        let reduced = (cost + potential[node] - potential[to]).max(0);
                        let candidate = d + reduced;
                        if candidate < dist[to] {
                            if dist[to] == UNREACHED {
                                touched.push(to);
                            }
                            dist[to] = candidate;
                            step[to] = how;
                            heap.push(Entry {
                                dist: candidate,
                                node: to,
                            });
                        }
                    };
                    if node < n_left {
                        relax(sink, 0, Step::Skip(node));
                        for &arc_idx in &out_arcs[node] {
                            let arc = &self.arcs[arc_idx];
                            relax(n_left + arc.right, -arc.value, Step::Forward(arc_idx));
                        }
                    } else {
                        let right = node - n_left;
                        if used[right] < self.capacity[right] {
                            relax(sink, 0, Step::Place(right));
                        }
                        for &arc_idx in &in_arcs[right] {
                            if flow[arc_idx] > 0 {
                                relax(
                                    self.arcs[arc_idx].left,
                                    self.arcs[arc_idx].value,
                                    Step::Backward(arc_idx),
                                );
                            }
                        }
                    }
                }

                // Augment one unit along the path, walking back from the sink.
                let mut node = sink;
                while node != start {
                    node = match step[node] {
                        Step::Skip(left) => left,
                        Step::Place(right) => {
                            used[right] += 1;
                            n_left + right
                        }
                        Step::Forward(arc_idx) => {
                            flow[arc_idx] += 1;
                            self.arcs[arc_idx].left
                        }
                        Step::Backward(arc_idx) => {
                            flow[arc_idx] -= 1;
                            n_left + self.arcs[arc_idx].right
                        }
                        Step::None => {
                            unreachable!("the sink is always reached: skipping is allowed")
                        }
                    };
                }
                // Keep reduced costs non-negative: shift the nodes settled before the sink.
                let dist_sink = dist[sink];
                for &node in &settled {
                    potential[node] += dist[node] - dist_sink;
                }
            }
        }

        // Potentials of an optimal flow are dual values: v for sites, u for left nodes,
        // tightened to the smallest feasible u.
        let v: Vec<Value> = (0..n_right)
            .map(|right| (-potential[n_left + right]).max(0))
            .collect();
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
        }
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
        }
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
