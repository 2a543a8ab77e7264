//! Random draws used by the generator: seeded streams, weighted choices, places by
//! population.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::geo::GeoIndex;
use crate::model::{Municipality, MunicipalityCode};

/// The random generator type: ChaCha8, portable across platforms and versions.
pub(super) type GenRng = ChaCha8Rng;

/// An independent stream of the seed.
pub(super) fn stream(seed: u64, stream: u64) -> GenRng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// Index drawn with probability proportional to `weights` (which must not all be zero).
pub(super) fn weighted(rng: &mut GenRng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = rng.random::<f64>() * total;
    for (idx, weight) in weights.iter().enumerate() {
        if target < *weight {
            return idx;
        }
        target -= weight;
    }
    weights
        .iter()
        .rposition(|&weight| weight > 0.0)
        .unwrap_or(0)
}

/// One of the values, drawn with the paired weights.
pub(super) fn choose<T: Copy>(rng: &mut GenRng, table: &[(T, f64)]) -> T {
    let weights: Vec<f64> = table.iter().map(|&(_, weight)| weight).collect();
    table[weighted(rng, &weights)].0
}

/// True with probability `p`.
pub(super) fn chance(rng: &mut GenRng, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A whole number in `low..=high`.
pub(super) fn between(rng: &mut GenRng, low: u32, high: u32) -> u32 {
    rng.random_range(low..=high)
}

/// Municipalities weighted by population, and each one's neighbours within reach.
pub(super) struct Places<'a> {
    pub(super) municipalities: &'a [Municipality],
    population_weights: Vec<f64>,
    /// For each municipality, the others within [`NEAR_MINUTES`], in code order.
    near: Vec<Vec<usize>>,
}

/// Travel time within which another municipality counts as near, minutes.
const NEAR_MINUTES: f64 = 40.0;

impl<'a> Places<'a> {
    pub(super) fn new(municipalities: &'a [Municipality], geo: &GeoIndex) -> Self {
        let population_weights = municipalities
            .iter()
            .map(|municipality| f64::from(municipality.population))
            .collect();
        let near = municipalities
            .iter()
            .map(|from| {
                municipalities
                    .iter()
                    .enumerate()
                    .filter(|(_, to)| to.code != from.code)
                    .filter(|(_, to)| {
                        geo.travel_minutes(from.code, to.code)
                            .is_some_and(|minutes| minutes <= NEAR_MINUTES)
                    })
                    .map(|(idx, _)| idx)
                    .collect()
            })
            .collect();
        Places {
            municipalities,
            population_weights,
            near,
        }
    }

    /// A municipality index drawn by population.
    pub(super) fn by_population(&self, rng: &mut GenRng) -> usize {
        weighted(rng, &self.population_weights)
    }

    /// A municipality near the given one (the same one when it has no near neighbour).
    pub(super) fn near(&self, rng: &mut GenRng, idx: usize) -> usize {
        let near = &self.near[idx];
        if near.is_empty() {
            idx
        } else {
            near[rng.random_range(0..near.len())]
        }
    }

    /// The code of a municipality index.
    pub(super) fn code(&self, idx: usize) -> MunicipalityCode {
        self.municipalities[idx].code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_independent() {
        let first: Vec<u32> = (0..4).map(|_| stream(7, 1).random()).collect();
        assert!(first.windows(2).all(|pair| pair[0] == pair[1]));
        let mut one = stream(7, 1);
        let mut two = stream(7, 2);
        assert_ne!(one.random::<u64>(), two.random::<u64>());
    }

    #[test]
    fn weighted_follows_the_weights() {
        let mut rng = stream(1, 1);
        let mut counts = [0; 3];
        for _ in 0..10_000 {
            counts[weighted(&mut rng, &[1.0, 0.0, 3.0])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((7_000..8_000).contains(&counts[2]), "{counts:?}");
    }
}
