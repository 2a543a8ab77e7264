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

    /// These weights with the wishes element's weight multiplied by `share` (0 to 1) and all of
    /// them normalized again to sum 1: the weights for one child under the local policy on
    /// wishes by age ([`super::Policy::wishes_share`]). A share of 1 returns them unchanged.
    pub fn with_wishes_share(&self, share: f64) -> Weights {
        if share >= 1.0 || !share.is_finite() {
            return *self;
        }
        let mut raw = self.0;
        raw[ElementId::Wishes] *= share.max(0.0);
        let sum: f64 = raw.values().sum();
        if sum <= 0.0 {
            // Only the wishes had weight: for this child no element counts, every total is 0.
            return Weights(raw);
        }
        Weights(raw.map(|weight| weight / sum))
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
    fn a_share_of_the_wishes_weight() {
        let weights = Weights::DEFAULT;
        assert_eq!(weights.with_wishes_share(1.0), weights);
        let none = weights.with_wishes_share(0.0);
        assert_eq!(none.get(ElementId::Wishes), 0.0);
        assert!((none.as_map().values().sum::<f64>() - 1.0).abs() < 1e-12);
        // The other elements keep their proportions.
        let ratio = none.get(ElementId::Needs) / none.get(ElementId::School);
        assert!(
            (ratio - weights.get(ElementId::Needs) / weights.get(ElementId::School)).abs() < 1e-12
        );
        let half = weights.with_wishes_share(0.5);
        assert!(half.get(ElementId::Wishes) < weights.get(ElementId::Wishes));
        assert!(half.get(ElementId::Wishes) > 0.0);
        let mut only = ElementMap([0.0; ElementId::COUNT]);
        only[ElementId::Wishes] = 1.0;
        let only = Weights::new(only).unwrap().with_wishes_share(0.0);
        assert_eq!(only.as_map().values().sum::<f64>(), 0.0);
    }

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
