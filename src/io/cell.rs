//! Parsing one cell: numbers, booleans, codes, lists, graded items, dates and IDs.
//!
//! Every parser returns a [`CellError`] whose message states the rule broken and, for
//! unknown codes, the closest valid code. No message repeats the cell's content.

use jiff::civil::Date;

use super::problem::{Rule, noun, text as arg};
use crate::model::{Levels, MAX_LEVEL, Set, Vocabulary};

/// Why a cell could not be read: a stable kind and the rule broken, without the cell's
/// content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellError {
    pub(crate) code: &'static str,
    pub(crate) rule: Rule,
}

pub(crate) fn error(code: &'static str, rule: Rule) -> CellError {
    CellError { code, rule }
}

fn between(min: impl std::fmt::Display, max: impl std::fmt::Display) -> Rule {
    Rule::new("must be between {0} and {1}", [arg(min), arg(max)])
}

/// The candidate most similar to `text` (Damerau-Levenshtein, case-insensitive), if any is
/// at least a little similar.
pub(crate) fn closest<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let text = text.to_lowercase();
    candidates
        .iter()
        .map(|&candidate| {
            let similarity =
                strsim::normalized_damerau_levenshtein(&text, &candidate.to_lowercase());
            (similarity, candidate)
        })
        .filter(|&(similarity, _)| similarity > 0.3)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// A whole number in `min..=max`. `NaN`, `inf` and `1e400` are named as non-finite.
pub(crate) fn integer(text: &str, min: i64, max: i64) -> Result<i64, CellError> {
    let value = match text.parse::<i64>() {
        Ok(value) => value,
        Err(_) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            return Err(match text.replace(',', ".").parse::<f64>() {
                _ if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => {
                    error("out_of_range", between(min, max))
                }
                Ok(number) if !number.is_finite() => error(
                    "non_finite",
                    Rule::fixed("NaN and infinity are not allowed; expected a whole number"),
                ),
                _ => error("not_a_number", Rule::fixed("expected a whole number")),
            });
        }
    };
    if !(min..=max).contains(&value) {
        return Err(error("out_of_range", between(min, max)));
    }
    Ok(value)
}

/// A finite decimal number in `min..=max`; a decimal comma is accepted.
pub(crate) fn decimal(text: &str, min: f64, max: f64) -> Result<f64, CellError> {
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| error("not_a_number", Rule::fixed("expected a number")))?;
    if !value.is_finite() {
        return Err(error(
            "non_finite",
            Rule::fixed("NaN and infinity are not allowed; expected a number"),
        ));
    }
    if !(min..=max).contains(&value) {
        return Err(error("out_of_range", between(min, max)));
    }
    Ok(value)
}

/// `true` or `false`, in any case.
pub(crate) fn boolean(text: &str) -> Result<bool, CellError> {
    match text.to_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(error("unknown_code", Rule::fixed("expected true or false"))),
    }
}

/// One code of a vocabulary, in any case.
pub(crate) fn code<T: Vocabulary>(text: &str) -> Result<T, CellError> {
    let lowered = text.to_lowercase();
    T::ALL
        .iter()
        .copied()
        .find(|item| item.as_str().to_lowercase() == lowered)
        .ok_or_else(|| unknown_code::<T>(text))
}

fn unknown_code<T: Vocabulary>(text: &str) -> CellError {
    let names: Vec<&str> = T::ALL.iter().map(|item| item.as_str()).collect();
    let rule = match closest(text, &names) {
        Some(closest) => Rule::new(
            "unknown {0} code; closest valid code is \"{1}\"",
            [noun(T::NAME), arg(closest)],
        ),
        None => Rule::new(
            "unknown {0} code; valid codes: {1}",
            [noun(T::NAME), arg(names.join(", "))],
        ),
    };
    error("unknown_code", rule)
}

/// The items of a `|`-separated list, trimmed, empty items skipped.
pub(crate) fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split('|')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// A `|`-separated set of codes; a repeated code is an error.
pub(crate) fn code_set<T: Vocabulary>(text: &str) -> Result<Set<T>, CellError> {
    let mut set = Set::empty();
    for item in list_items(text) {
        if !set.insert(code::<T>(item)?) {
            return Err(error(
                "duplicate_item",
                Rule::new("a {0} is listed twice", [noun(T::NAME)]),
            ));
        }
    }
    Ok(set)
}

/// A `|`-separated list of `code:level` items, level 1..=3; a repeated code is an error.
pub(crate) fn graded<T: Vocabulary>(
    text: &str,
    level_name: &'static str,
) -> Result<Levels<T>, CellError> {
    let mut levels = Levels::empty();
    for item in list_items(text) {
        let Some((tag, level)) = item.split_once(':') else {
            return Err(error(
                "bad_format",
                Rule::new(
                    "expected items as {0}:{1} with {1} 1-{2}, separated by |",
                    [noun(T::NAME), noun(level_name), arg(MAX_LEVEL)],
                ),
            ));
        };
        let tag = code::<T>(tag.trim())?;
        let level = integer(level.trim(), 1, i64::from(MAX_LEVEL)).map_err(|_| {
            error(
                "out_of_range",
                Rule::new(
                    "{0} of a {1} must be 1, 2 or 3",
                    [noun(level_name), noun(T::NAME)],
                ),
            )
        })?;
        let level = u8::try_from(level).expect("checked to be in 1..=3");
        if !levels.set(tag, level) {
            return Err(error(
                "duplicate_item",
                Rule::new("a {0} is listed twice", [noun(T::NAME)]),
            ));
        }
    }
    Ok(levels)
}

/// A date written `YYYY-MM-DD`.
pub(crate) fn date(text: &str) -> Result<Date, CellError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
    let parsed = shape_ok.then(|| text.parse::<Date>().ok()).flatten();
    parsed.ok_or_else(|| {
        error(
            "bad_date",
            Rule::fixed("expected a real date written YYYY-MM-DD"),
        )
    })
}

/// Longest ID accepted, in characters.
pub(crate) const MAX_ID_CHARS: usize = 64;

/// A pseudonymous ID: printable, no spaces, at most 64 characters, and nothing that looks
/// like a CPR number (the value is never echoed).
pub(crate) fn identifier(text: &str) -> Result<String, CellError> {
    if text.chars().count() > MAX_ID_CHARS {
        return Err(error(
            "bad_id",
            Rule::new("an ID may have at most {0} characters", [arg(MAX_ID_CHARS)]),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || is_bidi_control(c))
    {
        return Err(error(
            "bad_id",
            Rule::fixed("an ID may not contain spaces or control characters"),
        ));
    }
    if contains_cpr_like(text) {
        return Err(cpr_error());
    }
    Ok(text.to_string())
}

/// The error for a value that looks like a CPR number; it never shows the value.
/// What stands in a message instead of a value that is not shown (render words it).
pub const NOT_SHOWN: &str = "(not shown)";

/// A key or ID from a settings file or request, for a message: itself when it is a valid ID
/// (see [`identifier`]: printable, short, not shaped like a CPR number), else a placeholder,
/// so a pasted CPR number or note never reaches an error.
pub(crate) fn shown(text: &str) -> &str {
    match identifier(text) {
        Ok(_) => text,
        Err(_) => NOT_SHOWN,
    }
}

pub(crate) fn cpr_error() -> CellError {
    error(
        "cpr_like",
        Rule::fixed("value looks like a CPR number and is refused (not shown); use a pseudonym"),
    )
}

/// Unicode bidirectional controls, which can make printed text lie about its order.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether the text contains something shaped like a CPR number: six digits forming a valid
/// day and month (DDMMYY), an optional `-` or space, then four digits, not part of a longer
/// number.
pub(crate) fn contains_cpr_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit = |idx: usize| bytes.get(idx).is_some_and(u8::is_ascii_digit);
    (0..bytes.len()).any(|start| {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            return false;
        }
        if !(start..start + 6).all(digit) {
            return false;
        }
        let rest = if matches!(bytes.get(start + 6), Some(&b'-' | &b' ')) {
            start + 7
        } else {
            start + 6
        };
        if !(rest..rest + 4).all(digit) || digit(rest + 4) {
            return false;
        }
        let number =
            |idx: usize| u32::from(bytes[idx] - b'0') * 10 + u32::from(bytes[idx + 1] - b'0');
        let (day, month) = (number(start), number(start + 2));
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => 29,
            _ => 0,
        };
        (1..=days_in_month).contains(&day)
    })
}

#[cfg(test)]
mod tests {
    //! Properties: non-finite numbers are named as such; codes suggest the nearest valid one;
    //! graded lists reject malformed items and repeats; CPR-like values are refused without
    //! echo; no error message repeats the cell.
    use super::*;
    use crate::model::{Need, Purpose};

    #[test]
    fn integers_name_the_rule_broken() {
        assert_eq!(integer("7", 0, 22), Ok(7));
        assert_eq!(integer("NaN", 0, 22).unwrap_err().code, "non_finite");
        assert_eq!(integer("inf", 0, 22).unwrap_err().code, "non_finite");
        assert_eq!(integer("1e400", 0, 22).unwrap_err().code, "non_finite");
        assert_eq!(integer("2.5", 0, 22).unwrap_err().code, "not_a_number");
        assert_eq!(integer("-1", 0, 22).unwrap_err().code, "out_of_range");
        assert_eq!(
            integer("99999999999999999999", 0, 22).unwrap_err().code,
            "out_of_range"
        );
        assert_eq!(integer("seven", 0, 22).unwrap_err().code, "not_a_number");
    }

    #[test]
    fn decimals_accept_a_decimal_comma_and_refuse_nan() {
        assert_eq!(decimal("3,5", 1.0, 5.0), Ok(3.5));
        assert_eq!(decimal("nan", 1.0, 5.0).unwrap_err().code, "non_finite");
        assert_eq!(decimal("-inf", 1.0, 5.0).unwrap_err().code, "non_finite");
        assert_eq!(decimal("6", 1.0, 5.0).unwrap_err().code, "out_of_range");
    }

    #[test]
    fn unknown_codes_name_the_closest_valid_code() {
        assert_eq!(code::<Need>("ADHD"), Ok(Need::Adhd));
        let error = code::<Need>("autsim").unwrap_err();
        assert_eq!(
            error.rule.to_string(),
            r#"unknown need code; closest valid code is "autism""#
        );
        let error = code::<Purpose>("longterm").unwrap_err();
        assert_eq!(
            error.rule.to_string(),
            r#"unknown purpose code; closest valid code is "long_term""#
        );
    }

    #[test]
    fn graded_lists() {
        let levels = graded::<Need>("adhd:2 | trauma:3|", "severity").expect("valid list");
        assert_eq!(levels.get(Need::Adhd), Some(2));
        assert_eq!(levels.get(Need::Trauma), Some(3));
        assert_eq!(
            graded::<Need>("adhd", "severity").unwrap_err().code,
            "bad_format"
        );
        assert_eq!(
            graded::<Need>("adhd:4", "severity").unwrap_err().code,
            "out_of_range"
        );
        assert_eq!(
            graded::<Need>("adhd:1|adhd:2", "severity")
                .unwrap_err()
                .code,
            "duplicate_item"
        );
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(date("2026-02-28").is_ok());
        assert_eq!(date("2026-02-30").unwrap_err().code, "bad_date");
        assert_eq!(date("28-02-2026").unwrap_err().code, "bad_date");
        assert_eq!(date("2026-2-8").unwrap_err().code, "bad_date");
    }

    #[test]
    fn cpr_like_values_are_refused_without_echo() {
        for cpr in ["0101901234", "010190-1234", "C-311299-0001", "x2902001111"] {
            assert!(contains_cpr_like(cpr), "{cpr}");
            assert!(contains_cpr_like(&format!(
                "mor cpr {}",
                cpr.replacen('-', " ", 1)
            )));
            let error = identifier(cpr).unwrap_err();
            assert_eq!(error.code, "cpr_like");
            assert!(!error.rule.to_string().contains(cpr));
        }
        for not_cpr in [
            "C-0001",
            "3201901234",
            "0113901234",
            "01019012345",
            "S-00042",
            "12345678901",
        ] {
            assert!(!contains_cpr_like(not_cpr), "{not_cpr}");
        }
    }

    #[test]
    fn ids_refuse_spaces_controls_and_bidi() {
        assert!(identifier("C-1").is_ok());
        assert_eq!(identifier("C 1").unwrap_err().code, "bad_id");
        assert_eq!(identifier("C-\u{202e}1").unwrap_err().code, "bad_id");
        assert_eq!(identifier(&"x".repeat(65)).unwrap_err().code, "bad_id");
    }
}
