//! Identifiers: pseudonymous child and site IDs, municipality codes, sibling groups, languages.
//!
//! IDs are compared as strings; the bundled and generated data zero-pad their numbers so that
//! string order is also numeric order.

use std::fmt;

macro_rules! text_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps an already validated identifier.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The identifier text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id! {
    /// Pseudonymous ID of a child; never a CPR number (the loader refuses those).
    ChildId
}

text_id! {
    /// ID of a placement site.
    SiteId
}

text_id! {
    /// Label shared by the children of one sibling group.
    SiblingGroupId
}

/// Official three-digit municipality code (kommunekode), e.g. 101 for København.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityCode(pub u16);

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

/// ISO 639-1 language code: two lowercase ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageCode([u8; 2]);

impl LanguageCode {
    /// Danish.
    pub const DANISH: LanguageCode = LanguageCode(*b"da");

    /// Parses two ASCII letters (case-insensitive); `None` for anything else.
    pub fn parse(code: &str) -> Option<Self> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some(LanguageCode([
                a.to_ascii_lowercase(),
                b.to_ascii_lowercase(),
            ])),
            _ => None,
        }
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("constructed from ASCII letters only")
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_codes_print_with_three_digits() {
        assert_eq!(MunicipalityCode(101).to_string(), "101");
        assert_eq!(MunicipalityCode(40).to_string(), "040");
    }

    #[test]
    fn language_codes_are_two_letters() {
        assert_eq!(LanguageCode::parse("DA"), Some(LanguageCode::DANISH));
        assert_eq!(LanguageCode::parse("dan"), None);
        assert_eq!(LanguageCode::parse("d1"), None);
        assert_eq!(LanguageCode::parse("æø"), None);
    }
}
