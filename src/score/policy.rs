//! The municipality's local policy: rules a municipality sets for itself on top of the law,
//! read from the `[policy]` table of the weights file and echoed in every output.

/// Local policy. Unlike a legal default, its texts say it is the municipality's own rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Children younger than this (in years) have eligible foster families ranked above every
    /// other site, and a flag when no foster family meets every rule. Barnets lov § 52,
    /// stk. 2 sets no age: it asks for an assessment for every child; this is the
    /// municipality's own line. 0 turns the policy off.
    pub family_care_under: u8,
    /// From this age (in years) the child's own wishes count in the total score; below it the
    /// wishes element has no weight. Barnets lov § 5 gives the child's view weight according
    /// to age and maturity; the ages are the municipality's own line.
    pub wishes_from: u8,
    /// From this age the wishes element has its full weight; between `wishes_from` and this
    /// age its weight grows by equal steps, one per year.
    pub wishes_full_from: u8,
}

impl Policy {
    /// `family_care_under = 6`: children under school age.
    /// `wishes_from = 3`, `wishes_full_from = 12`: no weight below 3, a tenth at 3, full from 12.
    pub const DEFAULT: Policy = Policy {
        family_care_under: 6,
        wishes_from: 3,
        wishes_full_from: 12,
    };

    /// Oldest value accepted for `family_care_under` (one above the oldest child).
    pub const MAX_FAMILY_CARE_UNDER: u8 = crate::model::MAX_CHILD_AGE + 1;

    /// Whether a child of this age falls under the family-care policy.
    pub fn family_care_applies(&self, age: u8) -> bool {
        age < self.family_care_under
    }

    /// The share (0 to 1) of the wishes element's weight that counts for a child of this age:
    /// 0 below `wishes_from`, 1 from `wishes_full_from`, and one equal step per year between
    /// (the first step at `wishes_from` itself).
    pub fn wishes_share(&self, age: u8) -> f64 {
        if age < self.wishes_from {
            return 0.0;
        }
        if age >= self.wishes_full_from {
            return 1.0;
        }
        let steps = f64::from(self.wishes_full_from - self.wishes_from + 1);
        f64::from(age - self.wishes_from + 1) / steps
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_age_is_a_strict_bound() {
        let policy = Policy::DEFAULT;
        assert!(policy.family_care_applies(0));
        assert!(policy.family_care_applies(5));
        assert!(!policy.family_care_applies(6), "6 is not under 6");
        let off = Policy {
            family_care_under: 0,
            ..Policy::DEFAULT
        };
        assert!(!off.family_care_applies(0));
    }

    #[test]
    fn wishes_weigh_by_age() {
        let policy = Policy::DEFAULT;
        assert_eq!(policy.wishes_share(0), 0.0);
        assert_eq!(policy.wishes_share(2), 0.0, "none below 3");
        assert!((policy.wishes_share(3) - 0.1).abs() < 1e-12);
        assert!((policy.wishes_share(11) - 0.9).abs() < 1e-12);
        assert_eq!(policy.wishes_share(12), 1.0);
        assert_eq!(policy.wishes_share(22), 1.0);
        let mut previous = 0.0;
        for age in 0..=22 {
            let share = policy.wishes_share(age);
            assert!(share >= previous, "never less weight with age");
            previous = share;
        }
        // Equal ages: full weight from that age, none before.
        let step = Policy {
            wishes_from: 7,
            wishes_full_from: 7,
            ..Policy::DEFAULT
        };
        assert_eq!(step.wishes_share(6), 0.0);
        assert_eq!(step.wishes_share(7), 1.0);
    }
}
