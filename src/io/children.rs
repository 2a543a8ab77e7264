//! `children.csv` rows into [`Child`] values (PRODUCT.md section 6.1).

use super::cell::{self, CellError};
use super::geography::{KnownMunicipalities, municipality_code};
use super::problem::{Report, Rule, noun, text as arg};
use super::row::{Located, RowReader};
use super::table::{ColumnSpec, Table, optional, rarely_used, required};
use crate::model::{
    Child, ChildId, Feature, LanguageCode, MAX_CHILD_AGE, Need, Purpose, Security, Set, Sex,
    SiblingGroupId, SiteId, SupportLevel, Wish,
};

/// The columns of `children.csv`, in the order the writer uses.
pub(crate) const CHILD_COLUMNS: &[ColumnSpec] = &[
    required("id"),
    required("age"),
    optional("sex"),
    required("municipality"),
    optional("school_municipality"),
    required("support_level"),
    optional("needs"),
    optional("security"),
    required("purpose"),
    optional("sibling_group"),
    optional("network_site"),
    optional("previous_breakdowns"),
    optional("contact_per_month"),
    optional("special_education"),
    optional("languages"),
    optional("wishes"),
    optional("must_not"),
    rarely_used("siblings_placed_at"),
];

/// Most earlier breakdowns or monthly visits accepted; more is surely a typing error.
const MAX_COUNT: i64 = 100;

pub(crate) fn read_children(
    table: &Table,
    known: Option<&KnownMunicipalities>,
    report: &mut Report,
) -> Vec<Located<Child>> {
    let mut children = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = RowReader::new(table, row, report);
        let id = cells.required("id", cell::identifier);
        let age = cells.required("age", |text| {
            cell::integer(text, 0, i64::from(MAX_CHILD_AGE))
        });
        let sex = cells.optional("sex", cell::code::<Sex>);
        let municipality = cells.required("municipality", |text| municipality_code(text, known));
        let school_municipality =
            cells.optional("school_municipality", |text| municipality_code(text, known));
        let support_level = cells.required("support_level", cell::code::<SupportLevel>);
        let needs = cells.optional("needs", |text| cell::graded::<Need>(text, "severity"));
        let security = cells.optional("security", cell::code::<Security>);
        let purpose = cells.required("purpose", cell::code::<Purpose>);
        let sibling_group = cells.optional("sibling_group", cell::identifier);
        let network_site = cells.optional("network_site", cell::identifier);
        let previous_breakdowns = cells.optional("previous_breakdowns", |text| {
            cell::integer(text, 0, MAX_COUNT)
        });
        let contact_per_month = cells.optional("contact_per_month", |text| {
            cell::integer(text, 0, MAX_COUNT)
        });
        let special_education = cells.optional("special_education", cell::boolean);
        let languages = cells.optional("languages", languages);
        let wishes = cells.optional("wishes", |text| cell::graded::<Wish>(text, "importance"));
        let must_not = cells.optional("must_not", must_not);
        let siblings_placed_at = cells.optional("siblings_placed_at", site_ids);

        let (true, Some(id), Some(age), Some(municipality), Some(support_level), Some(purpose)) =
            (cells.is_ok(), id, age, municipality, support_level, purpose)
        else {
            continue;
        };
        children.push(Located {
            line: cells.line(),
            value: Child {
                id: ChildId::new(id),
                age: u8::try_from(age).expect("checked range"),
                sex,
                municipality,
                school_municipality,
                support_level,
                needs: needs.unwrap_or_default(),
                security: security.unwrap_or(Security::None),
                purpose,
                sibling_group: sibling_group.map(SiblingGroupId::new),
                network_site: network_site.map(SiteId::new),
                previous_breakdowns: previous_breakdowns.map(count),
                contact_per_month: contact_per_month.map(count),
                special_education,
                languages: languages.unwrap_or_default(),
                wishes: wishes.unwrap_or_default(),
                must_not: must_not.unwrap_or_default(),
                siblings_placed_at: siblings_placed_at.unwrap_or_default(),
            },
        });
    }
    children
}

fn count(value: i64) -> u32 {
    u32::try_from(value).expect("checked range")
}

/// A `|`-separated list of ISO 639-1 codes; a repeated code is an error.
pub(crate) fn languages(text: &str) -> Result<Vec<LanguageCode>, CellError> {
    let mut languages = Vec::new();
    for item in cell::list_items(text) {
        let language = LanguageCode::parse(item).ok_or_else(|| {
            cell::error(
                "unknown_code",
                Rule::fixed("expected two-letter ISO 639-1 language codes separated by |"),
            )
        })?;
        if languages.contains(&language) {
            return Err(cell::error(
                "duplicate_item",
                Rule::new("a {0} is listed twice", [noun("language")]),
            ));
        }
        languages.push(language);
    }
    Ok(languages)
}

/// A `|`-separated list of site IDs; a repeated ID is an error.
fn site_ids(text: &str) -> Result<Vec<SiteId>, CellError> {
    let mut ids: Vec<SiteId> = Vec::new();
    for item in cell::list_items(text) {
        let id = SiteId::new(cell::identifier(item)?);
        if ids.contains(&id) {
            return Err(cell::error(
                "duplicate_item",
                Rule::new("a {0} is listed twice", [noun("site")]),
            ));
        }
        ids.push(id);
    }
    Ok(ids)
}

/// The `must_not` shorthand for any pet.
pub(crate) const PETS: &str = "pets";

/// A `|`-separated list of features, where `pets` stands for dog, cat and other_pets.
fn must_not(text: &str) -> Result<Set<Feature>, CellError> {
    let mut set = Set::empty();
    for item in cell::list_items(text) {
        if item.eq_ignore_ascii_case(PETS) {
            Feature::PETS.iter().for_each(|&pet| {
                set.insert(pet);
            });
            continue;
        }
        let feature = cell::code::<Feature>(item).map_err(|error| {
            let mut names: Vec<&str> = Feature::ALL.iter().map(|f| f.as_str()).collect();
            names.push(PETS);
            match cell::closest(item, &names) {
                Some(closest) => cell::error(
                    error.code,
                    Rule::new(
                        "unknown {0} code; closest valid code is \"{1}\"",
                        [noun("feature"), arg(closest)],
                    ),
                ),
                None => error,
            }
        })?;
        set.insert(feature);
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pets_expands_and_suggests() {
        let set = must_not("pets|young_children_in_home").expect("valid");
        assert_eq!(set.len(), 4);
        assert_eq!(
            must_not("pet").unwrap_err().rule.to_string(),
            r#"unknown feature code; closest valid code is "pets""#
        );
    }

    #[test]
    fn languages_are_two_letter_codes() {
        assert_eq!(
            languages("da|AR").expect("valid"),
            [
                LanguageCode::DANISH,
                LanguageCode::parse("ar").expect("code")
            ]
        );
        assert_eq!(languages("danish").unwrap_err().code, "unknown_code");
        assert_eq!(languages("da|da").unwrap_err().code, "duplicate_item");
    }
}
