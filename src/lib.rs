//! placematch: matching children who must live away from home with placement sites.
//!
//! placematch recommends; a person decides.
//!
//! The crate is a pure core with edges around it:
//! - [`model`]: validated children, sites and municipalities;
//! - [`geo`]: travel minutes between municipalities;
//! - [`generate`]: realistic synthetic datasets from a seed;
//! - [`io`] (edge): CSV files into the model, every problem with file, line and column.
//!
//! ```
//! use placematch::io::{self, Source, Sources};
//!
//! let children = "id,age,municipality,support_level,purpose\nC-1,9,101,light,long_term\n";
//! let sites = "id,name,type,municipality,places,free_places,approved\n\
//!              S-1,Family Hansen,foster_general,147,2,1,true\n";
//! let loaded = io::load(&Sources {
//!     children: Source { label: "children.csv", bytes: children.as_bytes() },
//!     sites: Source { label: "sites.csv", bytes: sites.as_bytes() },
//!     municipalities: Source { label: "municipalities.csv", bytes: io::EMBEDDED_MUNICIPALITIES.as_bytes() },
//!     links: Source { label: "links.csv", bytes: io::EMBEDDED_LINKS.as_bytes() },
//! })
//! .expect("valid data");
//! let child = &loaded.dataset.children()[0];
//! let site = &loaded.dataset.sites()[0];
//! let minutes = loaded.geo.travel_minutes(child.municipality, site.municipality);
//! assert_eq!(minutes, Some(2.7)); // København to Frederiksberg
//! ```

pub mod app;
#[cfg(feature = "audit")]
pub mod audit;
pub mod elements;
pub mod explain;
pub mod fairness;
pub mod flags;
pub mod generate;
pub mod geo;
pub mod io;
pub mod model;
pub mod optimize;
pub mod render;
pub mod score;
pub mod shortlist;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "server")]
pub mod server;
