//! Closed vocabularies of PRODUCT.md section 6: one enum per vocabulary, defined by one macro.
//!
//! Each enum has a stable lowercase code (`as_str`, `from_code`), a fixed order (`ALL`) and a
//! dense index, so that sets and graded maps of codes fit in small fixed arrays.

use std::fmt;
use std::marker::PhantomData;

/// A closed set of codes read from CSV cells.
pub trait Vocabulary: Copy + Eq + fmt::Debug + 'static {
    /// What one code of this vocabulary is called in messages, e.g. "need".
    const NAME: &'static str;
    /// Every code, in the fixed order of PRODUCT.md.
    const ALL: &'static [Self];
    /// The stable code, e.g. `"adhd"`.
    fn as_str(self) -> &'static str;
    /// The value for an exact code; `None` for anything else.
    fn from_code(code: &str) -> Option<Self>;
    /// Position in [`Vocabulary::ALL`].
    fn index(self) -> usize;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident as $label:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("Code `", $code, "`.")]
                $variant
            ),+
        }

        impl $crate::model::vocab::Vocabulary for $name {
            const NAME: &'static str = $label;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
            fn index(self) -> usize {
                self as usize
            }
        }

        impl $name {
            /// How many codes there are.
            pub const COUNT: usize = [$(stringify!($variant)),+].len();
            /// Every code, in order.
            pub const ALL: [Self; Self::COUNT] = [$($name::$variant),+];

            /// The stable code of this value.
            pub fn as_str(self) -> &'static str {
                <Self as $crate::model::vocab::Vocabulary>::as_str(self)
            }

            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

/// The most codes any vocabulary may have, so that [`Set`] and [`Levels`] stay fixed-size.
pub(crate) const MAX_CODES: usize = 16;

/// A set of codes of one vocabulary, as a bit mask.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Set<T> {
    bits: u32,
    vocabulary: PhantomData<T>,
}

impl<T: Vocabulary> Set<T> {
    /// The empty set.
    pub const fn empty() -> Self {
        Set {
            bits: 0,
            vocabulary: PhantomData,
        }
    }

    /// A set holding the given codes.
    pub fn of(items: &[T]) -> Self {
        let mut set = Self::empty();
        for &item in items {
            set.insert(item);
        }
        set
    }

    /// Adds a code; returns false when it was already present.
    pub fn insert(&mut self, item: T) -> bool {
        let bit = 1u32 << item.index();
        let added = self.bits & bit == 0;
        self.bits |= bit;
        added
    }

    /// Whether the code is present.
    pub fn contains(self, item: T) -> bool {
        self.bits & (1u32 << item.index()) != 0
    }

    /// Whether no code is present.
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// Number of codes present.
    pub fn len(self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The codes present in both sets.
    pub fn intersection(self, other: Self) -> Self {
        Set {
            bits: self.bits & other.bits,
            vocabulary: PhantomData,
        }
    }

    /// The codes present, in vocabulary order.
    pub fn iter(self) -> impl Iterator<Item = T> {
        T::ALL
            .iter()
            .copied()
            .filter(move |item| self.contains(*item))
    }
}

impl<T: Vocabulary> Default for Set<T> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<T: Vocabulary> fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// Graded codes (`tag:level`): at most one level in 1..=3 per code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Levels<T> {
    levels: [u8; MAX_CODES],
    vocabulary: PhantomData<T>,
}

/// The highest level of a graded item (severity, competence level, importance).
pub const MAX_LEVEL: u8 = 3;

impl<T: Vocabulary> Levels<T> {
    /// No graded items.
    pub const fn empty() -> Self {
        Levels {
            levels: [0; MAX_CODES],
            vocabulary: PhantomData,
        }
    }

    /// Builds from `(code, level)` pairs; levels are clamped to 1..=3.
    pub fn of(items: &[(T, u8)]) -> Self {
        let mut levels = Self::empty();
        for &(item, level) in items {
            levels.set(item, level);
        }
        levels
    }

    /// Sets a level, clamped to 1..=3; returns false when the code already had one.
    pub fn set(&mut self, item: T, level: u8) -> bool {
        let slot = &mut self.levels[item.index()];
        let added = *slot == 0;
        *slot = level.clamp(1, MAX_LEVEL);
        added
    }

    /// The level of a code, `None` when absent.
    pub fn get(&self, item: T) -> Option<u8> {
        match self.levels[item.index()] {
            0 => None,
            level => Some(level),
        }
    }

    /// Whether no code has a level.
    pub fn is_empty(&self) -> bool {
        self.levels.iter().all(|&level| level == 0)
    }

    /// Number of codes with a level.
    pub fn len(&self) -> usize {
        self.levels.iter().filter(|&&level| level != 0).count()
    }

    /// `(code, level)` pairs in vocabulary order.
    pub fn iter(&self) -> impl Iterator<Item = (T, u8)> + '_ {
        T::ALL
            .iter()
            .copied()
            .filter_map(|item| self.get(item).map(|level| (item, level)))
    }

    /// The codes that have a level.
    pub fn keys(&self) -> Set<T> {
        let mut set = Set::empty();
        for (item, _) in self.iter() {
            set.insert(item);
        }
        set
    }
}

impl<T: Vocabulary> Default for Levels<T> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<T: Vocabulary> fmt::Debug for Levels<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Feature, Need, Wish};

    #[test]
    fn every_vocabulary_fits_the_fixed_width() {
        assert!(Need::ALL.len() <= MAX_CODES);
        assert!(Feature::ALL.len() <= MAX_CODES);
        assert!(Wish::ALL.len() <= MAX_CODES);
    }

    #[test]
    fn codes_round_trip() {
        for need in Need::ALL {
            assert_eq!(Need::from_code(need.as_str()), Some(need));
        }
        assert_eq!(
            Need::from_code("ADHD"),
            None,
            "codes are exact; callers lowercase"
        );
    }

    #[test]
    fn set_and_levels_behave_like_maps() {
        let mut set = Set::of(&[Feature::Dog, Feature::Cat]);
        assert!(!set.insert(Feature::Dog));
        assert_eq!(set.len(), 2);
        assert_eq!(set.iter().collect::<Vec<_>>(), [Feature::Dog, Feature::Cat]);

        let mut levels = Levels::of(&[(Need::Adhd, 2)]);
        assert!(!levels.set(Need::Adhd, 9));
        assert_eq!(levels.get(Need::Adhd), Some(3), "levels clamp to 1..=3");
        assert_eq!(levels.get(Need::Autism), None);
        assert_eq!(levels.keys(), Set::of(&[Need::Adhd]));
    }
}
