//! placematch: matching children who must live away from home with placement sites
//! (barnets lov § 52). It recommends; a person decides. It computes no risk score about any
//! child or family.
//!
//! # A tour
//!
//! Load the data, build the scoring context once, ask for one child's shortlist and its
//! JSON view, then assign every child at once:
//!
//! ```
//! use placematch::{
//!     AssignOptions, ChildId, Lang, Policy, ScoringContext, ShortlistOptions, Weights,
//! };
//! use placematch::io::{self, Source, Sources};
//!
//! // 1. Load four CSV files; any problem is named with file, line and column.
//! let children = "id,age,municipality,support_level,purpose\n\
//!                 C-1,9,101,light,long_term\n\
//!                 C-2,14,147,moderate,long_term\n";
//! let sites = "id,name,type,municipality,places,free_places,age_min,age_max,approved\n\
//!              S-1,Familie Hansen,foster_general,147,2,1,0,17,true\n\
//!              S-2,Familie Holm,foster_reinforced,101,1,1,6,17,true\n";
//! let source = |label, text: &'static str| Source { label, bytes: text.as_bytes() };
//! let loaded = io::load(&Sources {
//!     children: source("children.csv", children),
//!     sites: source("sites.csv", sites),
//!     municipalities: source("municipalities.csv", io::EMBEDDED_MUNICIPALITIES),
//!     links: source("links.csv", io::EMBEDDED_LINKS),
//! })
//! .expect("valid data");
//! let dataset = &loaded.dataset;
//!
//! // 2. The scoring context: travel times, reference date, sibling groups. Built once.
//! let context = ScoringContext::new(dataset, &loaded.geo, "2026-11-23".parse().unwrap());
//!
//! // 3. One child's shortlist: the sites that pass every hard rule, ranked, with reasons.
//! let weights = Weights::DEFAULT;
//! let options = ShortlistOptions::default();
//! let list = placematch::shortlist::shortlist(dataset, &context, &ChildId::new("C-2"), &weights, &options)
//!     .expect("a known child");
//!
//! // 4. Its JSON view, every sentence in Danish (the default) or English.
//! let view = placematch::render::shortlist_json(&list, dataset, Lang::Da);
//! assert_eq!(view.eligible[0].site_id, "S-2"); // S-1 cannot take moderate support
//!
//! // 5. Every child at once, proven optimal under the law's priorities.
//! let assignment = placematch::optimize::assign(
//!     dataset, &context, &weights, &Policy::DEFAULT, &AssignOptions::default(), &|| false,
//! )
//! .expect("solvable");
//! assert_eq!((assignment.placed, assignment.optimality.status), (2, "optimal"));
//! ```
//!
//! # The house
//!
//! A pure core, with edges around it (see ARCHITECTURE.md):
//! - [`model`]: validated children, sites and municipalities; [`geo`]: travel minutes;
//!   [`generate`]: realistic synthetic datasets from a seed;
//! - [`explain`]: the one list of elements and explanations as data; [`elements`]: one file
//!   per element behind one trait; [`context`]: what elements may know beyond the pair;
//! - [`score`], [`shortlist`], [`optimize`] (batch assignment with its proof), [`flags`],
//!   [`fairness`];
//! - edges: [`io`] (files into the model), [`render`] (every sentence, in Danish and
//!   English), [`app`] (the operations the command line and the server share), and behind
//!   features `audit`, `cli` and `server`.

pub mod app;
#[cfg(feature = "audit")]
pub mod audit;
pub mod cases;
pub mod context;
pub mod elements;
pub mod explain;
pub mod fairness;
pub mod flags;
pub mod generate;
pub mod geo;
pub mod io;
pub mod model;
pub mod optimize;
pub mod outcomes;
pub mod recruit;
pub mod render;
pub mod score;
pub mod shortlist;

pub use context::ScoringContext;
pub use explain::{ElementId, ElementMap};
pub use model::{ChildId, Dataset, SiteId};
pub use optimize::{AssignOptions, Assignment};
pub use render::Lang;
pub use score::{Policy, Weights};
pub use shortlist::{Shortlist, ShortlistOptions};

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "server")]
pub mod server;
