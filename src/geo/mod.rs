//! Travel times between municipalities, computed once from the link graph.
//!
//! The municipalities and their road, bridge and ferry links form an undirected graph
//! (petgraph). At build time Dijkstra runs from every municipality, so a lookup later is one
//! index into a dense table. petgraph types never leave this module: callers ask
//! [`GeoIndex::travel_minutes`] with municipality codes.
//!
//! A trip inside one municipality counts [`WITHIN_MUNICIPALITY_MINUTES`] (PRODUCT.md
//! section 3); a trip between two municipalities is the shortest path between their
//! representative points.

use std::collections::HashMap;

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::model::{Link, Municipality, MunicipalityCode};

/// Highest municipality code (codes have three digits).
const MAX_CODE: usize = 999;

/// Minutes counted for a trip that starts and ends in the same municipality.
pub const WITHIN_MUNICIPALITY_MINUTES: f64 = 15.0;

/// All-pairs travel minutes between municipalities.
#[derive(Debug, Clone)]
pub struct GeoIndex {
    codes: Vec<MunicipalityCode>,
    /// Position of each code (0..=999) in `codes`; `u16::MAX` for unknown codes. A dense
    /// table, because lookups sit in the innermost scoring loop.
    position: Vec<u16>,
    /// Row-major `n × n` minutes; `f64::INFINITY` where no path exists.
    minutes: Vec<f64>,
}

/// Why a geography could not be indexed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    /// A link names a municipality that is not in the list.
    #[error("link {index} names municipality {code}, which is not in the municipality list")]
    UnknownMunicipality {
        /// Position of the link in the list given.
        index: usize,
        /// The unknown code.
        code: MunicipalityCode,
    },
    /// Some municipalities cannot be reached from the first one.
    #[error("{} municipalities cannot be reached from the others: {}", .codes.len(), join(.codes))]
    Unreachable {
        /// The municipalities outside the largest connected part.
        codes: Vec<MunicipalityCode>,
    },
}

fn join(codes: &[MunicipalityCode]) -> String {
    codes
        .iter()
        .map(MunicipalityCode::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl GeoIndex {
    /// Builds the graph and the all-pairs table; fails when a link names an unknown
    /// municipality or when any municipality is unreachable.
    pub fn build(municipalities: &[Municipality], links: &[Link]) -> Result<Self, GeoError> {
        let mut graph: UnGraph<MunicipalityCode, f64> = UnGraph::new_undirected();
        let mut node_of = HashMap::with_capacity(municipalities.len());
        for municipality in municipalities {
            node_of.insert(municipality.code, graph.add_node(municipality.code));
        }
        for (index, link) in links.iter().enumerate() {
            let node = |code| {
                node_of
                    .get(&code)
                    .copied()
                    .ok_or(GeoError::UnknownMunicipality { index, code })
            };
            graph.add_edge(node(link.a)?, node(link.b)?, link.minutes);
        }

        let codes: Vec<MunicipalityCode> = municipalities.iter().map(|m| m.code).collect();
        let n = codes.len();
        let mut minutes = vec![f64::INFINITY; n * n];
        for (from_idx, &from) in codes.iter().enumerate() {
            let distances = dijkstra(&graph, node_of[&from], None, |edge| *edge.weight());
            for (to_idx, &to) in codes.iter().enumerate() {
                let node: NodeIndex = node_of[&to];
                minutes[from_idx * n + to_idx] = if from == to {
                    WITHIN_MUNICIPALITY_MINUTES
                } else {
                    distances.get(&node).copied().unwrap_or(f64::INFINITY)
                };
            }
        }

        if n > 0 {
            // Reachability from the first is enough: the graph is undirected.
            let unreachable: Vec<MunicipalityCode> = (0..n)
                .filter(|&to_idx| minutes[to_idx].is_infinite())
                .map(|to_idx| codes[to_idx])
                .collect();
            if !unreachable.is_empty() {
                return Err(GeoError::Unreachable { codes: unreachable });
            }
        }

        let mut position = vec![u16::MAX; MAX_CODE + 1];
        for (idx, code) in codes.iter().enumerate() {
            if let Some(slot) = position.get_mut(usize::from(code.0)) {
                *slot = u16::try_from(idx).expect("fewer than 65,535 municipalities");
            }
        }
        Ok(GeoIndex {
            codes,
            position,
            minutes,
        })
    }

    /// Travel time in minutes between two municipalities; `None` when either code is unknown.
    #[inline]
    pub fn travel_minutes(&self, from: MunicipalityCode, to: MunicipalityCode) -> Option<f64> {
        let from_idx = self.index(from)?;
        let to_idx = self.index(to)?;
        Some(self.minutes[from_idx * self.codes.len() + to_idx])
    }

    #[inline]
    fn index(&self, code: MunicipalityCode) -> Option<usize> {
        match self.position.get(usize::from(code.0)) {
            Some(&idx) if idx != u16::MAX => Some(usize::from(idx)),
            _ => None,
        }
    }

    /// Whether the code is a known municipality.
    pub fn contains(&self, code: MunicipalityCode) -> bool {
        self.index(code).is_some()
    }

    /// Number of municipalities.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no municipalities.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    //! Properties: within one municipality is 15 minutes; paths are shortest and symmetric;
    //! an island without a ferry is reported; unknown codes give `None`.
    use super::*;
    use crate::model::{LinkMode, Region};

    fn municipality(code: u16) -> Municipality {
        Municipality {
            code: MunicipalityCode(code),
            name: format!("M{code}"),
            region: Region::Hovedstaden,
            lat: 55.0,
            lon: 12.0,
            population: 1000,
        }
    }

    fn link(a: u16, b: u16, minutes: f64) -> Link {
        Link {
            a: MunicipalityCode(a),
            b: MunicipalityCode(b),
            km: minutes,
            minutes,
            mode: LinkMode::Road,
        }
    }

    fn check(links: &[Link], from: u16, to: u16) -> Option<f64> {
        let municipalities: Vec<_> = [101, 147, 151, 400].map(municipality).into();
        let geo = GeoIndex::build(&municipalities, links).expect("connected test graph");
        geo.travel_minutes(MunicipalityCode(from), MunicipalityCode(to))
    }

    #[test]
    fn shortest_path_is_symmetric_and_within_is_fifteen() {
        let links = [
            link(101, 147, 10.0),
            link(147, 151, 10.0),
            link(101, 151, 30.0),
            link(151, 400, 90.0),
        ];
        assert_eq!(check(&links, 101, 101), Some(15.0));
        assert_eq!(check(&links, 101, 151), Some(20.0));
        assert_eq!(check(&links, 151, 101), Some(20.0));
        assert_eq!(check(&links, 400, 101), Some(110.0));
        assert_eq!(check(&links, 101, 999), None);
    }

    #[test]
    fn an_island_without_links_is_unreachable() {
        let municipalities: Vec<_> = [101, 147, 400].map(municipality).into();
        let error = GeoIndex::build(&municipalities, &[link(101, 147, 5.0)]).unwrap_err();
        assert_eq!(
            error,
            GeoError::Unreachable {
                codes: vec![MunicipalityCode(400)]
            }
        );
    }

    #[test]
    fn a_link_to_an_unknown_municipality_is_refused() {
        let municipalities: Vec<_> = [101].map(municipality).into();
        let error = GeoIndex::build(&municipalities, &[link(101, 999, 5.0)]).unwrap_err();
        assert!(matches!(
            error,
            GeoError::UnknownMunicipality { index: 0, .. }
        ));
    }
}
