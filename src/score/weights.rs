//! Element weights: non-negative, normalized to sum 1, echoed in every output.

use crate::explain::{ElementId, ElementMap};

/// The weight of each element, normalized to sum 1, in the order of [`ElementId::ALL`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights(ElementMap<f64>);

/// Why a set of weights is unusable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    /// A weight is negative, NaN, infinite or above [`Weights::MAX`].
    #[error("the weight of {0} must be a number from 0 to 1000000")]
    Invalid(ElementId),
    /// All weights are zero.
    #[error("at least one weight must be above 0")]
    AllZero,
}

impl Weights {
    /// PRODUCT.md section 3: needs 0.25, stability 0.15, network 0.15, siblings 0.10,
    /// school 0.15, wishes 0.10, setting 0.10 (the weights of the element list, which sum
    /// to 1).
    pub const DEFAULT: Weights = Weights(ElementId::DEFAULT_WEIGHTS);

    /// Largest raw weight accepted: weights are relative, and beyond this their sum could lose
    /// the small ones (seven weights of 1e308 used to normalize to zero).
    pub const MAX: f64 = 1e6;

    /// Normalizes raw weights (in element order) to sum 1.
    pub fn new(raw: ElementMap<f64>) -> Result<Self, WeightsError> {
        for (element, weight) in raw.iter() {
            if !weight.is_finite() || *weight < 0.0 || *weight > Self::MAX {
                return Err(WeightsError::Invalid(element));
            }
        }
        let sum: f64 = raw.values().sum();
        if sum <= 0.0 {
            return Err(WeightsError::AllZero);
        }
        Ok(Weights(raw.map(|weight| weight / sum)))
    }

    /// The normalized weight of an element.
    pub fn get(&self, element: ElementId) -> f64 {
        self.0[element]
    }

    /// The normalized weights.
    pub fn as_map(&self) -> &ElementMap<f64> {
        &self.0
    }

    /// The normalized weights in element order, for records and JSON.
    pub fn to_vec(&self) -> Vec<f64> {
        self.0.values().copied().collect()
    }

    /// Weighted arithmetic mean of one value per element: the one aggregation policy.
    #[inline]
    pub fn combine(&self, values: &ElementMap<f64>) -> f64 {
        self.0
            .values()
            .zip(values.values())
            .map(|(weight, value)| weight * value)
            .sum()
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_normalized_and_checked() {
        let mut raw = ElementMap::default();
        raw[ElementId::Needs] = 2.0;
        raw[ElementId::Setting] = 2.0;
        let weights = Weights::new(raw).unwrap();
        assert_eq!(weights.get(ElementId::Needs), 0.5);
        let mut values = ElementMap::default();
        values[ElementId::Needs] = 1.0;
        values[ElementId::Setting] = 0.5;
        assert_eq!(weights.combine(&values), 0.75);
        assert_eq!(
            Weights::new(ElementMap::default()),
            Err(WeightsError::AllZero)
        );
        let mut raw = ElementMap([1.0; ElementId::COUNT]);
        raw[ElementId::School] = f64::NAN;
        assert_eq!(
            Weights::new(raw),
            Err(WeightsError::Invalid(ElementId::School))
        );
        let sum: f64 = Weights::DEFAULT.as_map().values().sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }
}
