//! Element weights: non-negative, normalized to sum 1, echoed in every output.

use crate::explain::ElementId;

/// The weight of each element, normalized to sum 1, in the order of [`ElementId::ALL`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights([f64; 7]);

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
    /// school 0.15, wishes 0.10, setting 0.10.
    pub const DEFAULT: Weights = Weights([0.25, 0.15, 0.15, 0.10, 0.15, 0.10, 0.10]);

    /// Largest raw weight accepted: weights are relative, and beyond this their sum could lose
    /// the small ones (seven weights of 1e308 used to normalize to zero).
    pub const MAX: f64 = 1e6;

    /// Normalizes raw weights (in element order) to sum 1.
    pub fn new(raw: [f64; 7]) -> Result<Self, WeightsError> {
        for (weight, element) in raw.iter().zip(ElementId::ALL) {
            if !weight.is_finite() || *weight < 0.0 || *weight > Self::MAX {
                return Err(WeightsError::Invalid(element));
            }
        }
        let sum: f64 = raw.iter().sum();
        if sum <= 0.0 {
            return Err(WeightsError::AllZero);
        }
        Ok(Weights(raw.map(|weight| weight / sum)))
    }

    /// The normalized weight of an element.
    pub fn get(&self, element: ElementId) -> f64 {
        self.0[element.index()]
    }

    /// All seven normalized weights in element order.
    pub fn as_array(&self) -> [f64; 7] {
        self.0
    }

    /// Weighted arithmetic mean of seven values in element order: the one aggregation policy.
    #[inline]
    pub fn combine(&self, values: &[f64; 7]) -> f64 {
        self.0
            .iter()
            .zip(values)
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
        let weights = Weights::new([2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]).unwrap();
        assert_eq!(weights.get(ElementId::Needs), 0.5);
        assert_eq!(weights.combine(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]), 0.75);
        assert_eq!(Weights::new([0.0; 7]), Err(WeightsError::AllZero));
        let mut raw = [1.0; 7];
        raw[4] = f64::NAN;
        assert_eq!(
            Weights::new(raw),
            Err(WeightsError::Invalid(ElementId::School))
        );
        let sum: f64 = Weights::DEFAULT.as_array().iter().sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }
}
