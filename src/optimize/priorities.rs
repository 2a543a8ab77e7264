//! The planner's priorities: the tiers of the assignment's objective, in strict order
//! (PRODUCT.md section 5). No amount of a lower tier buys one unit of a higher one.
//!
//! Default order, from the law: (1) children placed; (2) sibling groups kept together
//! (barnets lov § 52, stk. 3; with `allow_split` a split costs this tier); (3) children at
//! their own network foster family (§ 2, stk. 2, nr. 5); (4) children under the family-care
//! policy age in foster families (the municipality's policy); (5) the sum of total scores.
//!
//! The encoding is exact: every column's value is an integer (`Value`, 128 bits) made of the
//! tiers with weights chosen from this problem's own maxima, each weight one more than
//! everything below it can add up to. Scores enter in millionths (the 6 decimals every output
//! shows). So the lexicographic order holds for any input, with no floating-point loss.

use super::Value;

/// One tier of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Children placed.
    Placed,
    /// Sibling groups kept together (a split costs one unit per part beyond the first: each
    /// further site its members are at, and the members left without a place).
    SiblingsTogether,
    /// Children placed at their own eligible network foster family.
    NetworkFamily,
    /// Children under the family-care policy age placed in foster families.
    FamilyCare,
    /// The sum of total scores.
    Score,
}

impl Priority {
    /// Every tier in the default order.
    pub const DEFAULT_ORDER: [Priority; 5] = [
        Priority::Placed,
        Priority::SiblingsTogether,
        Priority::NetworkFamily,
        Priority::FamilyCare,
        Priority::Score,
    ];

    /// The key used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Placed => "placed",
            Priority::SiblingsTogether => "siblings_together",
            Priority::NetworkFamily => "network_family",
            Priority::FamilyCare => "family_care",
            Priority::Score => "score",
        }
    }

    /// The tier with this key.
    pub fn from_key(key: &str) -> Option<Priority> {
        Priority::DEFAULT_ORDER
            .into_iter()
            .find(|priority| priority.as_str() == key)
    }
}

/// The tiers in force, highest first; each at most once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priorities(Vec<Priority>);

/// Why a list of priorities is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrioritiesError {
    /// A tier is named twice.
    #[error("a priority is listed twice: {0}")]
    Repeated(&'static str),
    /// No tier at all.
    #[error("at least one priority is needed")]
    Empty,
}

impl Priorities {
    /// The order of the law (see the module doc).
    pub fn default_order() -> Self {
        Priorities(Priority::DEFAULT_ORDER.to_vec())
    }

    /// Checks a planner's order: no tier twice, at least one.
    pub fn new(order: Vec<Priority>) -> Result<Self, PrioritiesError> {
        if order.is_empty() {
            return Err(PrioritiesError::Empty);
        }
        for (idx, priority) in order.iter().enumerate() {
            if order[..idx].contains(priority) {
                return Err(PrioritiesError::Repeated(priority.as_str()));
            }
        }
        Ok(Priorities(order))
    }

    /// The tiers, highest first.
    pub fn as_slice(&self) -> &[Priority] {
        &self.0
    }

    /// Whether a tier is in force.
    pub fn contains(&self, priority: Priority) -> bool {
        self.0.contains(&priority)
    }
}

impl Default for Priorities {
    fn default() -> Self {
        Priorities::default_order()
    }
}

/// Millionths of a score point: scores enter the objective at 6 decimals.
pub(crate) const SCORE_UNITS: f64 = 1_000_000.0;

/// A score as whole millionths.
pub(crate) fn score_units(score: f64) -> Value {
    // Scores are in [0, 1] (checked by the scoring contract); the cast cannot overflow.
    (score.clamp(0.0, 1.0) * SCORE_UNITS).round() as Value
}

/// How far each tier can go in one problem, the input to [`TierWeights::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TierMaxima {
    /// Children in all.
    pub(crate) children: Value,
    /// Parts beyond the first that split groups could have in all (Σ (group size − 1)).
    pub(crate) extra_sites: Value,
    /// Children with their own network family among their eligible sites.
    pub(crate) network: Value,
    /// Children under the policy age with a foster family among their eligible sites.
    pub(crate) family: Value,
    /// The planner's split penalty per extra site, in score millionths.
    pub(crate) penalty_units: Value,
}

/// Exact integer weights of the tiers for one problem (0 for a tier not in force).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TierWeights {
    /// Per child placed.
    pub(crate) placed: Value,
    /// Lost per extra site a sibling group is split over (the tier and the planner's
    /// penalty, which counts in the score tier).
    pub(crate) split: Value,
    /// Per child at its own network family.
    pub(crate) network: Value,
    /// Per child under the policy age in a foster family.
    pub(crate) family: Value,
    /// Per score millionth.
    pub(crate) score: Value,
}

impl TierWeights {
    /// Weights from the lowest tier up: each is one more than the most that every lower tier
    /// together can add (or take away).
    pub(crate) fn new(priorities: &Priorities, maxima: &TierMaxima) -> Self {
        let mut weights = TierWeights {
            placed: 0,
            split: 0,
            network: 0,
            family: 0,
            score: 0,
        };
        let mut split_tier = 0;
        // The most the tiers below the current one can move the objective.
        let mut range: Value = 0;
        for &priority in priorities.as_slice().iter().rev() {
            let weight = range + 1;
            let most = match priority {
                Priority::Score => {
                    weights.score = weight;
                    // Scores plus the planner's split penalty (both in millionths).
                    maxima.children * score_units(1.0) + maxima.extra_sites * maxima.penalty_units
                }
                Priority::Placed => {
                    weights.placed = weight;
                    maxima.children
                }
                Priority::SiblingsTogether => {
                    split_tier = weight;
                    maxima.extra_sites
                }
                Priority::NetworkFamily => {
                    weights.network = weight;
                    maxima.network
                }
                Priority::FamilyCare => {
                    weights.family = weight;
                    maxima.family
                }
            };
            range += weight * most;
        }
        weights.split = split_tier + weights.score * maxima.penalty_units;
        weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maxima() -> TierMaxima {
        TierMaxima {
            children: 10_000,
            extra_sites: 3_000,
            network: 600,
            family: 1_500,
            penalty_units: 200_000,
        }
    }

    /// One unit of a tier outweighs the most that all lower tiers can add or take away.
    #[test]
    fn each_tier_outweighs_everything_below_it() {
        let m = maxima();
        let w = TierWeights::new(&Priorities::default_order(), &m);
        let score_range = m.children * score_units(1.0) + m.extra_sites * m.penalty_units;
        assert!(w.family > score_range);
        assert!(w.network > w.family * m.family + score_range);
        let split_tier = w.split - m.penalty_units;
        assert!(split_tier > w.network * m.network + w.family * m.family + score_range);
        assert!(
            w.placed
                > split_tier * m.extra_sites
                    + w.network * m.network
                    + w.family * m.family
                    + score_range
        );
        // Room to spare in 128 bits even at this size.
        assert!(w.placed.checked_mul(m.children * 1000).is_some());
    }

    #[test]
    fn reordered_and_dropped_tiers() {
        let order = Priorities::new(vec![Priority::Score, Priority::Placed]).unwrap();
        let w = TierWeights::new(&order, &maxima());
        assert_eq!((w.network, w.family), (0, 0));
        assert_eq!(w.placed, 1);
        assert!(
            w.score > maxima().children,
            "score first: one millionth beats every child"
        );
        assert_eq!(
            Priorities::new(vec![Priority::Score, Priority::Score]),
            Err(PrioritiesError::Repeated("score"))
        );
    }

    #[test]
    fn extreme_scores_and_penalties_stay_in_range() {
        assert_eq!(score_units(f64::NAN.max(0.0)), 0);
        assert_eq!(score_units(2.0), 1_000_000);
        let m = TierMaxima {
            penalty_units: score_units(1.0) * 10,
            ..maxima()
        };
        let w = TierWeights::new(&Priorities::default_order(), &m);
        assert!(w.placed > 0 && w.split > 0);
    }
}
