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
    /// The follow-ups a placement gets, counted from the decision (`followups`): by default a
    /// call after 14 days and status after 3, 6 and 12 months.
    pub followups: FollowupPlan,
}

/// The unit of a follow-up milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneUnit {
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Calendar months.
    Months,
}

/// A follow-up counted from the decision: so many days, weeks or calendar months after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// How many.
    pub count: u16,
    /// Of what.
    pub unit: MilestoneUnit,
}

impl Milestone {
    /// 14 days.
    pub const DAYS_14: Milestone = Milestone::new(14, MilestoneUnit::Days);
    /// 3 months.
    pub const MONTHS_3: Milestone = Milestone::new(3, MilestoneUnit::Months);
    /// 6 months.
    pub const MONTHS_6: Milestone = Milestone::new(6, MilestoneUnit::Months);
    /// 12 months.
    pub const MONTHS_12: Milestone = Milestone::new(12, MilestoneUnit::Months);
    /// The longest milestone accepted: five years.
    pub const MAX_DAYS: u32 = 5 * 366;

    const fn new(count: u16, unit: MilestoneUnit) -> Milestone {
        Milestone { count, unit }
    }

    /// The stable code: `14_days`, `2_weeks`, `3_months`.
    pub fn code(self) -> String {
        let unit = match self.unit {
            MilestoneUnit::Days => "days",
            MilestoneUnit::Weeks => "weeks",
            MilestoneUnit::Months => "months",
        };
        format!("{}_{unit}", self.count)
    }

    /// The milestone of a code (`14_days`, `1_week`, `3_months`, `1_month`); `None` for
    /// anything else, zero, or more than five years.
    pub fn parse(code: &str) -> Option<Milestone> {
        let (count, unit) = code.trim().split_once('_')?;
        let count: u16 = count.parse().ok().filter(|&count| count > 0)?;
        let unit = match unit {
            "day" | "days" => MilestoneUnit::Days,
            "week" | "weeks" => MilestoneUnit::Weeks,
            "month" | "months" => MilestoneUnit::Months,
            _ => return None,
        };
        let milestone = Milestone::new(count, unit);
        (milestone.approximate_days() <= Milestone::MAX_DAYS).then_some(milestone)
    }

    /// Its length in days, months counted as 31 (for ordering and bounds only).
    pub fn approximate_days(self) -> u32 {
        let count = u32::from(self.count);
        match self.unit {
            MilestoneUnit::Days => count,
            MilestoneUnit::Weeks => count * 7,
            MilestoneUnit::Months => count * 31,
        }
    }

    /// Its day, counted from the decision (months in the calendar: 30 November plus 3 months
    /// is 28 February).
    pub fn date(self, decided_on: jiff::civil::Date) -> jiff::civil::Date {
        let count = i64::from(self.count);
        let span = match self.unit {
            MilestoneUnit::Days => jiff::Span::new().days(count),
            MilestoneUnit::Weeks => jiff::Span::new().weeks(count),
            MilestoneUnit::Months => jiff::Span::new().months(count),
        };
        decided_on.checked_add(span).unwrap_or(decided_on)
    }
}

/// The follow-ups of a placement, in order (at most [`FollowupPlan::MAX`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowupPlan {
    milestones: [Milestone; FollowupPlan::MAX],
    len: u8,
}

impl FollowupPlan {
    /// Most follow-ups in a plan.
    pub const MAX: usize = 8;

    /// A call after 14 days, status after 3, 6 and 12 months.
    pub const DEFAULT: FollowupPlan = FollowupPlan {
        milestones: [
            Milestone::DAYS_14,
            Milestone::MONTHS_3,
            Milestone::MONTHS_6,
            Milestone::MONTHS_12,
            Milestone::MONTHS_12,
            Milestone::MONTHS_12,
            Milestone::MONTHS_12,
            Milestone::MONTHS_12,
        ],
        len: 4,
    };

    /// A plan of 1 to [`FollowupPlan::MAX`] milestones, each later than the one before;
    /// `None` otherwise.
    pub fn new(milestones: &[Milestone]) -> Option<FollowupPlan> {
        if milestones.is_empty() || milestones.len() > FollowupPlan::MAX {
            return None;
        }
        let increasing = milestones
            .windows(2)
            .all(|pair| pair[0].approximate_days() < pair[1].approximate_days());
        if !increasing {
            return None;
        }
        let mut plan = FollowupPlan::DEFAULT;
        plan.milestones[..milestones.len()].copy_from_slice(milestones);
        plan.len = u8::try_from(milestones.len()).ok()?;
        Some(plan)
    }

    /// The milestones, in order.
    pub fn as_slice(&self) -> &[Milestone] {
        &self.milestones[..usize::from(self.len)]
    }
}

impl Default for FollowupPlan {
    fn default() -> Self {
        FollowupPlan::DEFAULT
    }
}

impl Policy {
    /// `family_care_under = 6`: children under school age.
    /// `wishes_from = 3`, `wishes_full_from = 12`: no weight below 3, a tenth at 3, full from 12.
    pub const DEFAULT: Policy = Policy {
        family_care_under: 6,
        wishes_from: 3,
        wishes_full_from: 12,
        followups: FollowupPlan::DEFAULT,
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
    fn follow_up_milestones_parse_order_and_count_in_the_calendar() {
        assert_eq!(Milestone::parse("14_days"), Some(Milestone::DAYS_14));
        assert_eq!(
            Milestone::parse("1_month").map(Milestone::code),
            Some("1_months".to_string())
        );
        assert_eq!(
            Milestone::parse("2_weeks").map(Milestone::code),
            Some("2_weeks".to_string())
        );
        for bad in [
            "0_days",
            "14",
            "days_14",
            "3_years",
            "-1_months",
            "100_months",
        ] {
            assert_eq!(Milestone::parse(bad), None, "{bad}");
        }
        let day = jiff::civil::date(2026, 11, 30);
        assert_eq!(Milestone::DAYS_14.date(day).to_string(), "2026-12-14");
        assert_eq!(Milestone::MONTHS_3.date(day).to_string(), "2027-02-28");
        assert_eq!(Milestone::MONTHS_12.date(day).to_string(), "2027-11-30");
        assert_eq!(FollowupPlan::DEFAULT.as_slice().len(), 4);
        let weeks = [
            Milestone::parse("1_week").unwrap(),
            Milestone::parse("4_weeks").unwrap(),
        ];
        assert_eq!(
            FollowupPlan::new(&weeks).map(|plan| plan.as_slice().len()),
            Some(2)
        );
        assert_eq!(
            FollowupPlan::new(&[Milestone::MONTHS_3, Milestone::DAYS_14]),
            None,
            "in order"
        );
        assert_eq!(FollowupPlan::new(&[]), None);
        assert_eq!(FollowupPlan::new(&[Milestone::DAYS_14; 9]), None);
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
