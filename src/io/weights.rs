//! Reading element weights from a TOML file (`--weights FILE`).
//!
//! The file holds the seven element keys, either at the top level or in a `[weights]` table
//! (the form a scenario file uses). Every key must be present: a missing weight is an error
//! rather than a guess.
//!
//! An optional `[policy]` table holds the municipality's local policy:
//! `family_care_under = 6` (children under this age have eligible foster families ranked
//! first; 0 turns it off).

use std::path::Path;

use super::problem::{Rule, text as arg};
use crate::explain::ElementId;
use crate::score::{Policy, Weights};

/// Why a weights file is unusable; the message names the file and the key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {rule}")]
pub struct WeightsFileError {
    /// The file, as the user named it.
    pub file: String,
    /// What is wrong, naming the key or the line and column, put into words by
    /// `render::rule_text`.
    pub rule: Rule,
    /// Whether the file could not be read at all (exit 66) rather than being invalid (65).
    pub unreadable: bool,
}

/// Reads and checks a weights file.
pub fn read_weights(path: &Path) -> Result<Weights, WeightsFileError> {
    read_weights_and_policy(path).map(|(weights, _)| weights)
}

/// Reads a weights file with its optional `[policy]` table.
pub fn read_weights_and_policy(path: &Path) -> Result<(Weights, Policy), WeightsFileError> {
    let file = path.display().to_string();
    let text = super::read_bounded_text(path, super::MAX_SETTINGS_BYTES).map_err(|error| {
        WeightsFileError {
            file: file.clone(),
            rule: Rule::new("cannot read: {0}", [super::problem::io_arg(&error)]),
            unreadable: true,
        }
    })?;
    let table = parse_table(&file, &text)?;
    Ok((
        weights_from_table(&file, &table)?,
        policy_from_table(&file, &table)?,
    ))
}

/// The keys of the `[policy]` table.
const POLICY_KEYS: &[&str] = &[
    "family_care_under",
    "wishes_from",
    "wishes_full_from",
    "followups",
];

/// The `[policy]` table of a weights or scenario file; the default policy without one.
pub fn policy_from_table(file: &str, table: &toml::Table) -> Result<Policy, WeightsFileError> {
    let invalid = |rule: Rule| WeightsFileError {
        file: file.to_string(),
        rule,
        unreadable: false,
    };
    let Some(value) = table.get("policy") else {
        return Ok(Policy::DEFAULT);
    };
    let Some(policy) = value.as_table() else {
        return Err(invalid(Rule::fixed(
            "`policy` must be a table, e.g. [policy] family_care_under = 6",
        )));
    };
    let mut result = Policy::DEFAULT;
    let max = i64::from(Policy::MAX_FAMILY_CARE_UNDER);
    let age = |key: &str, value: &toml::Value| -> Result<u8, WeightsFileError> {
        match value.as_integer() {
            Some(age) if (0..=max).contains(&age) => Ok(u8::try_from(age).unwrap_or(0)),
            _ => Err(invalid(Rule::new(
                "key `policy.{0}`: must be a whole number of years from 0 to {1}",
                [arg(key), arg(max)],
            ))),
        }
    };
    for (key, value) in policy {
        match key.as_str() {
            "family_care_under" => result.family_care_under = age(key, value)?,
            "wishes_from" => result.wishes_from = age(key, value)?,
            "wishes_full_from" => result.wishes_full_from = age(key, value)?,
            "followups" => {
                let bad = || {
                    invalid(Rule::new(
                        "key `policy.followups`: must be a list of 1 to {0} follow-ups, each later than the one before, such as [\"14_days\", \"3_months\"] (days, weeks or months, at most five years)",
                        [arg(crate::score::FollowupPlan::MAX)],
                    ))
                };
                let list = value.as_array().ok_or_else(bad)?;
                let milestones = list
                    .iter()
                    .map(|item| item.as_str().and_then(crate::score::Milestone::parse))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(bad)?;
                result.followups = crate::score::FollowupPlan::new(&milestones).ok_or_else(bad)?;
            }
            _ => {
                return Err(invalid(match super::cell::closest(key, POLICY_KEYS) {
                    Some(closest) => Rule::new(
                        "unknown key in [policy]; did you mean `{0}`?",
                        [arg(closest)],
                    ),
                    None => Rule::fixed("unknown key in [policy]"),
                }));
            }
        }
    }
    if result.wishes_full_from < result.wishes_from {
        return Err(invalid(Rule::fixed(
            "`policy.wishes_full_from` must not be below `policy.wishes_from`",
        )));
    }
    Ok(result)
}

fn parse_table(file: &str, text: &str) -> Result<toml::Table, WeightsFileError> {
    text.parse()
        .map_err(|error: toml::de::Error| WeightsFileError {
            file: file.to_string(),
            rule: toml_rule(text, &error),
            unreadable: false,
        })
}

/// Checks the weights in a parsed TOML table (top level or `[weights]`).
pub fn weights_from_table(file: &str, table: &toml::Table) -> Result<Weights, WeightsFileError> {
    let invalid = |rule: Rule| WeightsFileError {
        file: file.to_string(),
        rule,
        unreadable: false,
    };
    let table = match table.get("weights") {
        Some(toml::Value::Table(weights)) => weights,
        Some(_) => {
            return Err(invalid(Rule::fixed(
                "`weights` must be a table of the element keys",
            )));
        }
        None => table,
    };
    let mut raw = crate::explain::ElementMap::default();
    let mut missing = Vec::new();
    for element in ElementId::ALL {
        match table.get(element.as_str()) {
            Some(toml::Value::Float(value)) => raw[element] = *value,
            Some(toml::Value::Integer(value)) => raw[element] = *value as f64,
            Some(_) => {
                return Err(invalid(Rule::new(
                    "key `{0}`: the weight must be a number",
                    [arg(element)],
                )));
            }
            None => missing.push(element.as_str()),
        }
    }
    let keys: Vec<&str> = ElementId::ALL
        .iter()
        .map(|element| element.as_str())
        .collect();
    for key in table.keys() {
        if ElementId::from_key(key).is_none() && key != "policy" {
            return Err(invalid(match super::cell::closest(key, &keys) {
                Some(closest) => Rule::new(
                    "unknown key `{0}`; did you mean `{1}`?",
                    [arg(super::cell::shown(key)), arg(closest)],
                ),
                None => Rule::new("unknown key `{0}`", [arg(super::cell::shown(key))]),
            }));
        }
    }
    if !missing.is_empty() {
        return Err(invalid(Rule::new(
            "missing weight for {0}",
            [arg(missing.join(", "))],
        )));
    }
    Weights::new(raw).map_err(|error| match error {
        crate::score::WeightsError::Invalid(element) => invalid(Rule::new(
            "key `{0}`: the weight must be a number from 0 to 1000000",
            [arg(element)],
        )),
        crate::score::WeightsError::AllZero => {
            invalid(Rule::fixed("at least one weight must be above 0"))
        }
    })
}

/// Parses weights from TOML text; syntax errors name the line and column.
pub fn parse_weights(file: &str, text: &str) -> Result<Weights, WeightsFileError> {
    weights_from_table(file, &parse_table(file, text)?)
}

/// A TOML syntax error as a rule: its line and column, and what is wrong in words of our own
/// (the parser's messages are English; they choose the words but are never shown).
pub(crate) fn toml_rule(text: &str, error: &toml::de::Error) -> super::Rule {
    match position(text, error) {
        Some((line, column)) => super::Rule::new(
            toml_mistake(error.message()),
            [super::problem::text(line), super::problem::text(column)],
        ),
        None => super::Rule::fixed("the file is not valid TOML"),
    }
}

/// The kinds of TOML mistakes, by words of the parser's message, first match wins.
const TOML_MISTAKES: &[(&[&str], &str)] = &[
    (
        &["duplicate key"],
        "line {0}, column {1}: a key is given twice",
    ),
    (
        &["must be quoted", "missing opening quote"],
        "line {0}, column {1}: a text must be in quotes, e.g. name = \"more places\"",
    ),
    (
        &["escape", "unicode"],
        "line {0}, column {1}: a backslash in a text is not followed by a valid escape",
    ),
    (
        &[
            "basic string",
            "literal string",
            "invalid string",
            "unterminated",
        ],
        "line {0}, column {1}: a text lacks its closing quote",
    ),
    (
        &["unclosed array table", "unclosed table"],
        "line {0}, column {1}: a table name lacks its closing ]",
    ),
    (
        &["unclosed array"],
        "line {0}, column {1}: a list lacks its closing ]",
    ),
    (
        &["unclosed inline table", "inline table opening"],
        "line {0}, column {1}: a table on one line lacks its closing brace",
    ),
    (
        &["comma"],
        "line {0}, column {1}: a comma is missing or one too many",
    ),
    (
        &[
            "unexpected key or value",
            "unexpected content",
            "assignment",
            "extra `=`",
            "unexpected `=`",
            "comment",
        ],
        "line {0}, column {1}: something follows the value; write one key = value per line",
    ),
    (
        &["key"],
        "line {0}, column {1}: a key is missing or not valid (letters, digits, - and _)",
    ),
    (
        &["missing value"],
        "line {0}, column {1}: the key has no value",
    ),
    (
        &["date", "time", "offset"],
        "line {0}, column {1}: the date is not valid (write YYYY-MM-DD)",
    ),
    (
        &[
            "number",
            "integer",
            "zero",
            "digit",
            "float",
            "exponent",
            "fraction",
            "mantissa",
            "sign",
            "radix",
            "hexadecimal",
            "octal",
            "binary",
            "overflow",
            "inf",
            "nan",
        ],
        "line {0}, column {1}: the number is not valid",
    ),
];

/// The template of a TOML mistake from the parser's message.
fn toml_mistake(message: &str) -> &'static str {
    let message = message.to_lowercase();
    TOML_MISTAKES
        .iter()
        .find(|(needles, _)| needles.iter().any(|needle| message.contains(needle)))
        .map_or(
            "line {0}, column {1}: this is not valid TOML",
            |(_, template)| template,
        )
}

/// Line and column (from 1) where a TOML error starts.
fn position(text: &str, error: &toml::de::Error) -> Option<(usize, usize)> {
    let span = error.span()?;
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |tail| tail.chars().count())
        + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &str = "needs = 2\nstability = 1\nnetwork = 1\nsiblings = 1\nschool = 1\nwishes = 1\nsetting = 1\n";

    #[test]
    fn toml_mistakes_are_named_in_our_words_with_their_place() {
        let cases = [
            (
                "name = more\n",
                "line {0}, column {1}: a text must be in quotes, e.g. name = \"more places\"",
            ),
            (
                "a = 1\na = 2\n",
                "line {0}, column {1}: a key is given twice",
            ),
            (
                "x = \"\\u12\"\n",
                "line {0}, column {1}: a backslash in a text is not followed by a valid escape",
            ),
            (
                "x = \"abc\n",
                "line {0}, column {1}: a text lacks its closing quote",
            ),
            (
                "[policy\n",
                "line {0}, column {1}: a table name lacks its closing ]",
            ),
            (
                "x = [1, 2\n",
                "line {0}, column {1}: a list lacks its closing ]",
            ),
            (
                "x = {a = 1\n",
                "line {0}, column {1}: a table on one line lacks its closing brace",
            ),
            (
                "x = [1,,2]\n",
                "line {0}, column {1}: a comma is missing or one too many",
            ),
            (
                "a = 1 b = 2\n",
                "line {0}, column {1}: something follows the value; write one key = value per line",
            ),
            (
                "= 1\n",
                "line {0}, column {1}: a key is missing or not valid (letters, digits, - and _)",
            ),
            (
                "x = 1979-13-45\n",
                "line {0}, column {1}: the date is not valid (write YYYY-MM-DD)",
            ),
            ("x = 01\n", "line {0}, column {1}: the number is not valid"),
            (
                "x = 1__0\n",
                "line {0}, column {1}: the number is not valid",
            ),
            (
                "x = 99999999999999999999\n",
                "line {0}, column {1}: the number is not valid",
            ),
        ];
        for (text, template) in cases {
            let error = text.parse::<toml::Table>().unwrap_err();
            let rule = toml_rule(text, &error);
            assert_eq!(rule.template, template, "{text:?}: {}", error.message());
            assert_eq!(rule.args.len(), 2, "{text:?}");
        }
    }

    #[test]
    fn weights_files() {
        let weights = parse_weights("w.toml", ALL).unwrap();
        assert_eq!(weights.get(ElementId::Needs), 0.25);
        let nested = format!("name = \"x\"\n[weights]\n{ALL}");
        let table: toml::Table = nested.parse().unwrap();
        assert!(weights_from_table("s.toml", &table).is_ok());
        let error = parse_weights("w.toml", &ALL.replace("school", "schol")).unwrap_err();
        assert_eq!(
            error.rule.to_string(),
            "unknown key `schol`; did you mean `school`?"
        );
        let error = parse_weights("w.toml", &ALL.replace("wishes = 1\n", "")).unwrap_err();
        assert_eq!(error.to_string(), "w.toml: missing weight for wishes");
        let error =
            parse_weights("w.toml", &ALL.replace("network = 1", "network = -1")).unwrap_err();
        assert_eq!(
            error.rule.to_string(),
            "key `network`: the weight must be a number from 0 to 1000000"
        );
        // Seven weights of 1e308 used to normalize to zero.
        let huge = ALL
            .replace(" 1\n", " 1e308\n")
            .replace("needs = 2", "needs = 1e308");
        let error = parse_weights("w.toml", &huge).unwrap_err();
        assert!(
            error.rule.to_string().contains("from 0 to 1000000"),
            "{}",
            error.rule.to_string()
        );
        let error = parse_weights("w.toml", "needs = \n").unwrap_err();
        assert!(
            error.rule.to_string().starts_with("line 1, column 9:"),
            "{}",
            error.rule.to_string()
        );
        let error = parse_weights("w.toml", &ALL.replace("needs = 2", "needs = nan")).unwrap_err();
        assert!(
            error.rule.to_string().contains("`needs`"),
            "{}",
            error.rule.to_string()
        );
    }

    #[test]
    fn policy_table() {
        let file = |policy: &str| -> Result<Policy, WeightsFileError> {
            let text = format!("{ALL}{policy}");
            policy_from_table("w.toml", &parse_table("w.toml", &text)?)
        };
        assert_eq!(file(""), Ok(Policy::DEFAULT));
        assert_eq!(
            file("[policy]\nfamily_care_under = 3\n").map(|p| p.family_care_under),
            Ok(3)
        );
        assert!(
            file("[policy]\nfamily_care_under = 99\n")
                .unwrap_err()
                .rule
                .to_string()
                .contains("0 to 23")
        );
        assert!(
            file("[policy]\nfamily_care_undr = 3\n")
                .unwrap_err()
                .rule
                .to_string()
                .contains("did you mean `family_care_under`")
        );
        assert!(
            parse_weights("w.toml", &format!("{ALL}[policy]\nfamily_care_under = 3\n")).is_ok()
        );
        let plan = file("[policy]\nfollowups = [\"1_week\", \"2_months\"]\n").unwrap();
        assert_eq!(
            plan.followups
                .as_slice()
                .iter()
                .map(|milestone| milestone.code())
                .collect::<Vec<_>>(),
            ["1_weeks", "2_months"]
        );
        for bad in [
            "[]",
            "[\"3_months\", \"14_days\"]",
            "\"3_months\"",
            "[\"3_years\"]",
            "[14]",
        ] {
            let error = file(&format!("[policy]\nfollowups = {bad}\n")).unwrap_err();
            assert!(
                error.rule.to_string().contains("`policy.followups`"),
                "{bad}"
            );
        }
        let wishes = file("[policy]\nwishes_from = 5\nwishes_full_from = 15\n").unwrap();
        assert_eq!((wishes.wishes_from, wishes.wishes_full_from), (5, 15));
        assert!(
            file("[policy]\nwishes_from = 12\nwishes_full_from = 6\n")
                .unwrap_err()
                .rule
                .to_string()
                .contains("must not be below")
        );
        assert!(
            file("[policy]\nwishes_from = -1\n")
                .unwrap_err()
                .rule
                .to_string()
                .contains("`policy.wishes_from`")
        );
    }
}
