//! The validated data model: children, sites, municipalities and their vocabularies.
//!
//! Model types carry no serde derives and do no IO: `io` builds them from files after
//! checking every rule, so code past loading can rely on their invariants.

mod child;
mod codes;
mod dataset;
mod geography;
mod ids;
mod site;
pub(crate) mod vocab;

pub use child::{Child, MAX_CHILD_AGE, SCHOOL_AGES, SCHOOL_CHANGE_MINUTES};
pub use codes::{
    Feature, LinkMode, Need, Purpose, Region, Security, Sex, SiteSex, SiteType, SupportLevel, Wish,
};
pub use dataset::Dataset;
pub use geography::{Link, Municipality};
pub use ids::{ChildId, LanguageCode, MunicipalityCode, SiblingGroupId, SiteId};
pub use site::Site;
pub use vocab::{Levels, MAX_LEVEL, Set, Vocabulary};
