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
}

impl Policy {
    /// `family_care_under = 6`: children under school age.
    pub const DEFAULT: Policy = Policy {
        family_care_under: 6,
    };

    /// Oldest value accepted for `family_care_under` (one above the oldest child).
    pub const MAX_FAMILY_CARE_UNDER: u8 = crate::model::MAX_CHILD_AGE + 1;

    /// Whether a child of this age falls under the family-care policy.
    pub fn family_care_applies(&self, age: u8) -> bool {
        age < self.family_care_under
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
        };
        assert!(!off.family_care_applies(0));
    }
}
