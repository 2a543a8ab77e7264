//! A child awaiting placement, as `children.csv` describes it (PRODUCT.md section 6.1).

use super::{
    ChildId, Feature, LanguageCode, Levels, MunicipalityCode, Need, Purpose, Security, Set, Sex,
    SiblingGroupId, SiteId, SupportLevel, Wish,
};

/// Oldest age a child can have: aftercare (efterværn) runs to 22.
pub const MAX_CHILD_AGE: u8 = 22;

/// A child awaiting placement. Built by the loader, which checks every range and reference.
///
/// `Option` fields are missing when the cell was empty: the elements treat missing data as
/// neutral with lower confidence, never as a perfect fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    /// Pseudonymous ID.
    pub id: ChildId,
    /// Age in years, 0..=22.
    pub age: u8,
    /// Recorded sex; used only against a site's sex restriction.
    pub sex: Option<Sex>,
    /// Municipality of the child's home (parents).
    pub municipality: MunicipalityCode,
    /// Municipality of the child's current school; `None` means the home municipality.
    pub school_municipality: Option<MunicipalityCode>,
    /// Support level from the assessment.
    pub support_level: SupportLevel,
    /// Assessed needs with severity 1..=3; empty when none are recorded.
    pub needs: Levels<Need>,
    /// Security the placement requires (needs a court or committee decision).
    pub security: Security,
    /// What the placement is for.
    pub purpose: Purpose,
    /// Sibling group label shared with the siblings awaiting placement.
    pub sibling_group: Option<SiblingGroupId>,
    /// The network family approved for this child.
    pub network_site: Option<SiteId>,
    /// Number of earlier placement breakdowns.
    pub previous_breakdowns: Option<u32>,
    /// Planned visits with parents per month.
    pub contact_per_month: Option<u32>,
    /// Whether the child needs special education.
    pub special_education: Option<bool>,
    /// Languages the child needs to keep.
    pub languages: Vec<LanguageCode>,
    /// Wishes with importance 1..=3.
    pub wishes: Levels<Wish>,
    /// Site features the child must not live with (`pets` is expanded to dog, cat, other_pets).
    pub must_not: Set<Feature>,
    /// Sites where brothers or sisters already live (barnets lov § 52, stk. 3), in file order.
    pub siblings_placed_at: Vec<SiteId>,
}

/// Ages of compulsory schooling (folkeskole): 6 to 17. Below it the child is in daycare
/// (dagtilbud), above it a young adult in aftercare.
pub const SCHOOL_AGES: std::ops::RangeInclusive<u8> = 6..=17;

/// Travel to the current school beyond which a placement means a change of school, minutes
/// by car (PRODUCT.md section 3, element `school`).
pub const SCHOOL_CHANGE_MINUTES: f64 = 45.0;

impl Child {
    /// Whether a placement this many minutes from the child's current school changes school:
    /// the one definition used by the `school` element's flag, the assignment metrics and the
    /// fairness report.
    pub fn changes_school(&self, minutes_to_school: f64) -> bool {
        self.is_school_age() && minutes_to_school > SCHOOL_CHANGE_MINUTES
    }

    /// Whether the child is of school age ([`SCHOOL_AGES`]): the one definition used by the
    /// school-change rule, the assignment metrics and the fairness report.
    pub fn is_school_age(&self) -> bool {
        SCHOOL_AGES.contains(&self.age)
    }

    /// Whether the child is below school age (0–5): daycare, not school.
    pub fn is_preschool(&self) -> bool {
        self.age < *SCHOOL_AGES.start()
    }

    /// Municipality of the child's school, defaulting to the home municipality.
    pub fn school_municipality(&self) -> MunicipalityCode {
        self.school_municipality.unwrap_or(self.municipality)
    }
}
