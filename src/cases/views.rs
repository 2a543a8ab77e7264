//! The child's and the parents' views as data (barnets lov § 5): the child's wishes in the
//! child's own terms, the parents' wishes, the child's resources (free text, personal: kept in
//! the case store, never in a log, an error or an auditor's view), and the consents the law
//! asks for: the custody holder's and, from 15, the young person's consent to a placement
//! (§ 46); from 12, the child's consent to a change of placement site (§ 98).
//!
//! Each record may set some fields; the views are the latest value of each field, with the
//! day it was recorded.

use jiff::civil::Date;
use rusqlite::params;

use super::{CaseError, CaseStore};

/// Longest free text kept in one field (characters).
pub const MAX_FREE_TEXT: usize = 1_000;

/// Why a free text is not recorded. The text itself is never repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeTextError {
    /// Longer than the field allows ([`MAX_FREE_TEXT`], or [`MAX_REASON`] for a reason).
    TooLong,
    /// Looks like it holds a CPR number (the child is named by pseudonym only).
    CprLike,
    /// Holds a control character (other than line breaks and tabs).
    Control,
}

/// Longest reason for a decision kept (characters): a written justification may be long.
pub const MAX_REASON: usize = 5_000;

/// Checks a free text before it is recorded: trimmed, `None` when empty.
pub fn free_text(text: &str) -> Result<Option<String>, FreeTextError> {
    free_text_within(text, MAX_FREE_TEXT)
}

/// Checks the caseworker's reason for a decision, as [`free_text`] but up to [`MAX_REASON`].
pub fn reason_text(text: &str) -> Result<Option<String>, FreeTextError> {
    free_text_within(text, MAX_REASON)
}

fn free_text_within(text: &str, max: usize) -> Result<Option<String>, FreeTextError> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(FreeTextError::TooLong);
    }
    if crate::io::contains_cpr_like(text) {
        return Err(FreeTextError::CprLike);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(FreeTextError::Control);
    }
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// A consent's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Given.
    Given,
    /// Refused.
    Refused,
}

impl Consent {
    /// The code stored and accepted.
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Given => "given",
            Consent::Refused => "refused",
        }
    }

    /// The consent of a code.
    pub fn from_code(code: &str) -> Option<Consent> {
        match code {
            "given" => Some(Consent::Given),
            "refused" => Some(Consent::Refused),
            _ => None,
        }
    }
}

/// What one record sets (a field left `None` keeps its earlier value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewsUpdate {
    /// The child's wishes in the child's own terms.
    pub child_wishes: Option<String>,
    /// The parents' wishes.
    pub parents_wishes: Option<String>,
    /// The child's resources.
    pub resources: Option<String>,
    /// The custody holder's consent to the placement (§ 46).
    pub parents_consent: Option<Consent>,
    /// The child's own consent (§ 46 from 15; § 98 for a change of site from 12).
    pub child_consent: Option<Consent>,
}

impl ViewsUpdate {
    /// Whether the record sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == ViewsUpdate::default()
    }

    /// The fields the record sets, by name (for the audit record, which never holds their
    /// text, and the confirmation).
    pub fn fields(&self) -> Vec<&'static str> {
        [
            ("child_wishes", self.child_wishes.is_some()),
            ("parents_wishes", self.parents_wishes.is_some()),
            ("resources", self.resources.is_some()),
            ("parents_consent", self.parents_consent.is_some()),
            ("child_consent", self.child_consent.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, set)| set.then_some(field))
        .collect()
    }
}

/// A value with the day it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    /// The value.
    pub value: T,
    /// When it was recorded.
    pub on: Date,
}

/// The latest value of each field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Views {
    /// The child's wishes in the child's own terms.
    pub child_wishes: Option<Dated<String>>,
    /// The parents' wishes.
    pub parents_wishes: Option<Dated<String>>,
    /// The child's resources.
    pub resources: Option<Dated<String>>,
    /// The custody holder's consent.
    pub parents_consent: Option<Dated<Consent>>,
    /// The child's own consent.
    pub child_consent: Option<Dated<Consent>>,
}

/// A consent the law asks for, by whom and for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentKind {
    /// The custody holder's consent to the placement (barnets lov § 46).
    ParentsPlacement,
    /// The young person's own consent to the placement, from 15 (§ 46).
    ChildPlacement,
    /// The custody holder's consent to a change of placement site (§ 98).
    ParentsChange,
    /// The child's own consent to a change of placement site, from 12 (§ 98).
    ChildChange,
}

impl ConsentKind {
    /// The stable key.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::ParentsPlacement => "parents_placement",
            ConsentKind::ChildPlacement => "child_placement",
            ConsentKind::ParentsChange => "parents_change",
            ConsentKind::ChildChange => "child_change",
        }
    }

    /// Whether the custody holder gives it (else the child).
    pub fn by_parents(self) -> bool {
        matches!(
            self,
            ConsentKind::ParentsPlacement | ConsentKind::ParentsChange
        )
    }
}

/// Which consents the law asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentsAsked {
    /// The custody holder's: for every child under 18.
    pub parents: Option<ConsentKind>,
    /// The child's own: from 15 for a placement, from 12 for a change of site.
    pub child: Option<ConsentKind>,
}

/// Age from which the young person's own consent to a placement is asked (§ 46).
pub const PLACEMENT_CONSENT_AGE: u8 = 15;
/// Age from which the child's consent to a change of placement site is asked (§ 98).
pub const CHANGE_CONSENT_AGE: u8 = 12;

impl ConsentsAsked {
    /// For a child of `age`; `placed_before`: the case store holds a placement of the child,
    /// so a new site is a change of placement site (§ 98) rather than a placement (§ 46). A
    /// young adult (18–22) decides alone: none is asked.
    pub fn for_child(age: u8, placed_before: bool) -> ConsentsAsked {
        if age >= 18 {
            return ConsentsAsked {
                parents: None,
                child: None,
            };
        }
        if placed_before {
            ConsentsAsked {
                parents: Some(ConsentKind::ParentsChange),
                child: (age >= CHANGE_CONSENT_AGE).then_some(ConsentKind::ChildChange),
            }
        } else {
            ConsentsAsked {
                parents: Some(ConsentKind::ParentsPlacement),
                child: (age >= PLACEMENT_CONSENT_AGE).then_some(ConsentKind::ChildPlacement),
            }
        }
    }

    /// The consents asked, the custody holder's first.
    pub fn kinds(self) -> impl Iterator<Item = ConsentKind> {
        self.parents.into_iter().chain(self.child)
    }
}

/// A consent recorded where the law asks for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentMisfit {
    /// The custody holder's, for a young adult (18 or over).
    ParentsForAdult,
    /// The child's own, below the age the law asks it from (15 for a placement, 12 for a
    /// change of site), or from a young adult.
    ChildNotAsked,
}

impl ConsentMisfit {
    /// The field that holds the consent (`parents_consent`, `child_consent`).
    pub fn field(self) -> &'static str {
        match self {
            ConsentMisfit::ParentsForAdult => "parents_consent",
            ConsentMisfit::ChildNotAsked => "child_consent",
        }
    }
}

/// Whether the consents in `update` are ones the law asks for, for a child of `age`.
pub fn check_consents(
    update: &ViewsUpdate,
    age: u8,
    placed_before: bool,
) -> Result<(), ConsentMisfit> {
    let asked = ConsentsAsked::for_child(age, placed_before);
    if update.parents_consent.is_some() && asked.parents.is_none() {
        return Err(ConsentMisfit::ParentsForAdult);
    }
    if update.child_consent.is_some() && asked.child.is_none() {
        return Err(ConsentMisfit::ChildNotAsked);
    }
    Ok(())
}

/// What the child's case lacks before a decision, as flag keys: no child conversation
/// (`case.no_conversation`, barnets lov § 5), and each consent the law asks for that is not
/// recorded (`case.consent_missing:<kind>`) or refused (`case.consent_refused:<kind>`). Each
/// needs the caseworker's reason in the decision.
pub fn open_points(case: &super::ChildCase, age: u8) -> Vec<String> {
    let mut points = Vec::new();
    if case.conversation.is_none() {
        points.push("case.no_conversation".to_string());
    }
    let asked = ConsentsAsked::for_child(age, case.placement.is_some());
    for kind in asked.kinds() {
        let given = if kind.by_parents() {
            &case.views.parents_consent
        } else {
            &case.views.child_consent
        };
        match given.as_ref().map(|dated| dated.value) {
            Some(Consent::Given) => {}
            Some(Consent::Refused) => {
                points.push(format!("case.consent_refused:{}", kind.as_str()))
            }
            None => points.push(format!("case.consent_missing:{}", kind.as_str())),
        }
    }
    points
}

impl CaseStore {
    /// Records the views of `update` as of `on`. `then` runs before the change is committed.
    pub fn record_views<E: From<CaseError>>(
        &mut self,
        child: &str,
        update: &ViewsUpdate,
        on: Date,
        by: &str,
        then: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        self.write(
            |transaction| {
                transaction.execute(
                    "INSERT INTO views (child, recorded_on, child_wishes, parents_wishes,
                         resources, parents_consent, child_consent, recorded_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        child,
                        on.to_string(),
                        update.child_wishes,
                        update.parents_wishes,
                        update.resources,
                        update.parents_consent.map(Consent::as_str),
                        update.child_consent.map(Consent::as_str),
                        by
                    ],
                )?;
                Ok(())
            },
            |()| then(),
        )
    }

    /// The child's views: the latest recorded value of each field.
    pub fn views_for(&self, child: &str) -> Result<Views, CaseError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT recorded_on, child_wishes, parents_wishes, resources, parents_consent,
                     child_consent
                 FROM views WHERE child = ?1 ORDER BY recorded_on, seq",
            )
            .map_err(|error| self.failed(error))?;
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows = statement
            .query_map(params![child], |row| -> rusqlite::Result<Row> {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            })
            .map_err(|error| self.failed(error))?;
        let mut views = Views::default();
        for row in rows {
            let (on, child_wishes, parents_wishes, resources, parents_consent, child_consent) =
                row.map_err(|error| self.failed(error))?;
            let Ok(on) = on.parse::<Date>() else {
                continue;
            };
            let dated = |value| Some(Dated { value, on });
            if let Some(text) = child_wishes {
                views.child_wishes = dated(text);
            }
            if let Some(text) = parents_wishes {
                views.parents_wishes = dated(text);
            }
            if let Some(text) = resources {
                views.resources = dated(text);
            }
            if let Some(consent) = parents_consent.as_deref().and_then(Consent::from_code) {
                views.parents_consent = Some(Dated { value: consent, on });
            }
            if let Some(consent) = child_consent.as_deref().and_then(Consent::from_code) {
                views.child_consent = Some(Dated { value: consent, on });
            }
        }
        Ok(views)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_checked_and_never_kept_empty() {
        assert_eq!(free_text("  "), Ok(None));
        assert_eq!(
            free_text(" vil gerne bo nær mormor "),
            Ok(Some("vil gerne bo nær mormor".into()))
        );
        assert_eq!(
            free_text(&"x".repeat(MAX_FREE_TEXT + 1)),
            Err(FreeTextError::TooLong)
        );
        assert_eq!(free_text("mor 0101901234"), Err(FreeTextError::CprLike));
        assert_eq!(free_text("a\u{1b}[2J"), Err(FreeTextError::Control));
        assert!(free_text("to linjer\nher").is_ok());
    }

    #[test]
    fn consents_follow_the_ages_of_the_law() {
        let kinds = |age, placed| {
            ConsentsAsked::for_child(age, placed)
                .kinds()
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(14, false), [ConsentKind::ParentsPlacement]);
        assert_eq!(
            kinds(15, false),
            [ConsentKind::ParentsPlacement, ConsentKind::ChildPlacement]
        );
        assert_eq!(kinds(11, true), [ConsentKind::ParentsChange]);
        assert_eq!(
            kinds(12, true),
            [ConsentKind::ParentsChange, ConsentKind::ChildChange]
        );
        assert_eq!(
            kinds(16, true),
            [ConsentKind::ParentsChange, ConsentKind::ChildChange]
        );
        assert!(kinds(19, true).is_empty(), "a young adult decides alone");
    }

    #[test]
    fn the_latest_value_of_each_field_wins() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = CaseStore::open(&dir.path().join("cases.sqlite")).unwrap();
        let day = |d: i8| jiff::civil::date(2026, 11, d);
        let first = ViewsUpdate {
            child_wishes: Some("vil gerne have en hund".into()),
            parents_consent: Some(Consent::Refused),
            ..ViewsUpdate::default()
        };
        store
            .record_views::<CaseError>("C-1", &first, day(10), "cw", || Ok(()))
            .unwrap();
        let second = ViewsUpdate {
            parents_wishes: Some("nær skolen".into()),
            parents_consent: Some(Consent::Given),
            ..ViewsUpdate::default()
        };
        store
            .record_views::<CaseError>("C-1", &second, day(20), "cw", || Ok(()))
            .unwrap();
        let views = store.views_for("C-1").unwrap();
        assert_eq!(views.child_wishes.as_ref().map(|d| d.on), Some(day(10)));
        assert_eq!(
            views.parents_wishes.as_ref().map(|d| d.value.as_str()),
            Some("nær skolen")
        );
        assert_eq!(
            views.parents_consent,
            Some(Dated {
                value: Consent::Given,
                on: day(20)
            })
        );
        assert_eq!(views.child_consent, None);
        assert_eq!(store.views_for("C-2").unwrap(), Views::default());
        // A failed audit record keeps nothing.
        let failed: Result<(), CaseError> =
            store.record_views("C-2", &first, day(21), "cw", || Err(CaseError::NoPlacement));
        assert!(failed.is_err());
        assert_eq!(store.views_for("C-2").unwrap(), Views::default());
    }
}
