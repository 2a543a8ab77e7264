//! Why a command or a request could not do what was asked, in Danish and English: the
//! errors of `app` (unknown IDs, invalid scenarios, assignments that cannot be made as asked).
//! The CLI prints these; the server puts them in a problem document's `detail`.

use super::{Lang, rule_text};
use crate::app::AppError;
use crate::audit::AuditError;
use crate::cases::CaseError;
use crate::io::LoadError;
use crate::optimize::{MAX_PAIRS, OptimizeError};

/// The rules that exclude a site (keys `code` or `code:argument`), each in a few words.
fn gate_words(gates: &[String], lang: Lang) -> String {
    let mut words: Vec<String> = gates
        .iter()
        .map(|key| super::catalog::gate_label(key.split(':').next().unwrap_or(key), lang))
        .collect();
    words.dedup();
    words.join(", ")
}

/// What the operating system said about a file, in words: the common cases in Danish, the
/// system's own words otherwise.
pub fn io_error_text(error: &std::io::Error, lang: Lang) -> String {
    io_kind_text(error.kind(), &error.to_string(), lang)
}

/// The words for an operating-system error of a kind; `text` is the system's own message.
pub(super) fn io_kind_text(kind: std::io::ErrorKind, text: &str, lang: Lang) -> String {
    use std::io::ErrorKind;
    match (kind, lang) {
        (ErrorKind::NotFound, Lang::Da) => "filen eller mappen findes ikke".to_string(),
        (ErrorKind::PermissionDenied, Lang::Da) => "ingen adgang".to_string(),
        (ErrorKind::AlreadyExists, Lang::Da) => "findes allerede".to_string(),
        (ErrorKind::IsADirectory, Lang::Da) => "er en mappe, ikke en fil".to_string(),
        (ErrorKind::NotADirectory, Lang::Da) => "er ikke en mappe".to_string(),
        (ErrorKind::StorageFull, Lang::Da) => "der er ikke mere plads på disken".to_string(),
        (ErrorKind::ReadOnlyFilesystem, Lang::Da) => "filsystemet er skrivebeskyttet".to_string(),
        (_, Lang::Da) if text == crate::io::NOT_REGULAR_FILE => {
            "er ikke en almindelig fil".to_string()
        }
        (_, Lang::Da) if text == crate::io::NOT_UTF8 => {
            "er ikke UTF-8-tekst; gem filen som UTF-8".to_string()
        }
        (_, Lang::Da) if text.starts_with(crate::io::TOO_LARGE) => {
            let cap = text[crate::io::TOO_LARGE.len()..]
                .split(' ')
                .next()
                .and_then(|cap| cap.parse::<usize>().ok())
                .unwrap_or_default();
            format!(
                "er større end de {} bytes, der accepteres",
                super::count(cap, lang)
            )
        }
        (ErrorKind::InvalidData, Lang::Da) => format!("ugyldigt indhold ({text})"),
        (_, Lang::Da) => format!("systemfejl ({text})"),
        (_, Lang::En) => text.to_string(),
    }
}

/// Why the data folder could not be loaded, in words.
pub fn load_error_text(error: &LoadError, lang: Lang) -> String {
    match (error, lang) {
        (LoadError::Unreadable(files), _) => {
            let each = files
                .iter()
                .map(|(path, error)| format!("{}: {}", path.display(), io_error_text(error, lang)))
                .collect::<Vec<_>>()
                .join("; ");
            match lang {
                Lang::Da => format!("kan ikke læse {each}"),
                Lang::En => format!("cannot read {each}"),
            }
        }
        (LoadError::Invalid(report), Lang::Da) => format!(
            "ugyldige data: {} fejl",
            super::count(report.error_count(), lang)
        ),
        (LoadError::Invalid(_), Lang::En) => error.to_string(),
    }
}

/// Why the audit trail cannot be used, in words.
pub fn audit_error_text(error: &AuditError, lang: Lang) -> String {
    match (error, lang) {
        (_, Lang::En) => error.to_string(),
        (AuditError::Database { file, message }, Lang::Da) => {
            format!("{file}: databasefejl ({message})")
        }
        (AuditError::NotAudit(file), Lang::Da) => {
            format!("{file}: ikke en placematch-adgangslog")
        }
        (AuditError::Empty(file), Lang::Da) => {
            format!("{file}: filen er tom og ikke en adgangslog (er loggen blevet slettet?)")
        }
        (AuditError::NotAFile(file), Lang::Da) => format!(
            "{file}: adgangsloggen skal være en almindelig fil (`:memory:` og `file:`-URI'er gemmer intet varigt)"
        ),
        (AuditError::Key { file, key }, Lang::Da) => format!(
            "{file}: nøglefilen {key} mangler eller kan ikke læses; uden den kan loggen hverken udvides eller kontrolleres"
        ),
        (AuditError::Wiped { file, key }, Lang::Da) => format!(
            "{file}: databasen er tom, men nøglefilen {key} findes: loggen kan være blevet slettet; der oprettes ikke en ny log i stedet"
        ),
        (AuditError::Cpr(field), Lang::Da) => format!(
            "{} ligner et CPR-nummer; det registreres og vises ikke. Brug et pseudonym, eller omformulér teksten",
            audit_field(field)
        ),
        (AuditError::TooLong(most), Lang::Da) => {
            format!("formålet og brugernavnet må hver højst være på {most} tegn")
        }
    }
}

/// A field of an audit record in Danish, with its article.
fn audit_field(field: &str) -> String {
    match field {
        "purpose" => "formålet".to_string(),
        "user" | "user name" => "brugernavnet".to_string(),
        "reason" => "begrundelsen".to_string(),
        "child ID" => "barnets ID".to_string(),
        other => format!("feltet {other}"),
    }
}

/// Why the case store cannot be used, in words.
pub fn case_error_text(error: &CaseError, lang: Lang) -> String {
    match (error, lang) {
        (_, Lang::En) => error.to_string(),
        (CaseError::NotAFile(file), Lang::Da) => {
            format!("{file}: ikke en sti til en sagsregisterfil")
        }
        (CaseError::NotCases(file), Lang::Da) => {
            format!("{file}: ikke et placematch-sagsregister")
        }
        (CaseError::Newer { file, found, known }, Lang::Da) => format!(
            "{file}: oprettet af en nyere version af placematch (skemaversion {found}; denne version kender op til {known}); opdatér placematch"
        ),
        (CaseError::Missing(file), Lang::Da) => format!(
            "{file}: der er intet sagsregister her; kontrollér stien (placematch inquire opretter et)"
        ),
        (CaseError::NoPlacement, Lang::Da) => "der er ikke registreret en anbringelse af barnet i sagsregistret; registrér afgørelsen med placematch decide --cases".to_string(),
        (CaseError::FollowupBeforeDecision { decided_on }, Lang::Da) => {
            format!("opfølgningen er dateret før afgørelsen ({decided_on})")
        }
        (CaseError::AnswerBeforeQuestion { asked_on }, Lang::Da) => {
            format!("svaret er dateret før forespørgslen til stedet ({asked_on})")
        }
        (CaseError::NotAsked { site }, Lang::Da) => format!(
            "stedet {site} har ikke fået en forespørgsel om dette barn; registrér forespørgslen først (placematch inquire)"
        ),
        (
            CaseError::File {
                file,
                kind,
                message,
            },
            Lang::Da,
        ) => format!("{file}: {}", io_kind_text(*kind, message, lang)),
        (CaseError::Database { file, message }, Lang::Da) => {
            format!("{file}: databasefejl ({message})")
        }
    }
}

/// The error in words.
pub fn app_error_text(error: &AppError, lang: Lang) -> String {
    match (error, lang) {
        (AppError::UnknownChild, Lang::Da) => "intet barn med det angivne ID i data".to_string(),
        (AppError::UnknownChild, Lang::En) => "no child with the given ID in the data".to_string(),
        (AppError::UnknownSite, Lang::Da) => "intet sted med det angivne ID i data".to_string(),
        (AppError::UnknownSite, Lang::En) => "no site with the given ID in the data".to_string(),
        (AppError::Scenario(error), _) => {
            format!("{}: {}", error.file, rule_text(&error.rule, lang))
        }
        (AppError::Unsolvable { scenario, error }, _) => {
            format!("{scenario}: {}", optimize_error_text(error, lang))
        }
        (AppError::Excluded(gates), Lang::Da) => format!(
            "stedet er frasorteret for dette barn på grund af: {}",
            gate_words(gates, lang)
        ),
        (AppError::Excluded(gates), Lang::En) => format!(
            "the site is excluded for this child by: {}",
            gate_words(gates, lang)
        ),
        (AppError::Internal(error), _) => optimize_error_text(error, lang),
        (AppError::SiteDeclined, Lang::Da) => {
            "stedet har sagt nej til barnet; registrér stedets nye svar (placematch respond), før det kan vælges".to_string()
        }
        (AppError::SiteDeclined, Lang::En) => {
            "the site has declined to take this child; record its new answer (placematch respond) before it can be chosen".to_string()
        }
        (AppError::ChosenSiteMissing, Lang::Da) => {
            "intern fejl: det valgte sted mangler på sin egen liste".to_string()
        }
        (AppError::ChosenSiteMissing, Lang::En) => {
            "internal error: the chosen site is missing from its own shortlist".to_string()
        }
    }
}

/// Why an assignment could not be made, in words.
pub fn optimize_error_text(error: &OptimizeError, lang: Lang) -> String {
    let pairs = super::count(MAX_PAIRS, lang);
    match (error, lang) {
        (OptimizeError::TooLarge { children, sites }, Lang::Da) => format!(
            "{} børn og {} steder giver flere end de {pairs} par, én fordeling kan vurdere; fordel én region ad gangen, eller fjern steder, der ikke kan modtage disse børn",
            super::count(*children, lang),
            super::count(*sites, lang)
        ),
        (OptimizeError::TooLarge { children, sites }, Lang::En) => format!(
            "{} children against {} sites is more than the {pairs} pairs one assignment evaluates; assign region by region, or remove sites that cannot take these children",
            super::count(*children, lang),
            super::count(*sites, lang)
        ),
        (OptimizeError::UnknownId { what, kind, id }, Lang::Da) => {
            let noun = if *kind == "child" { "barnet" } else { "stedet" };
            format!("nøglen `{what}`: {noun} {id} findes ikke i data")
        }
        (OptimizeError::UnknownId { what, kind, id }, Lang::En) => {
            format!("{what} names {kind} {id}, which is not in the data")
        }
        (
            OptimizeError::LockNotEligible {
                child,
                site,
                sibling,
            },
            Lang::Da,
        ) => format!(
            "den fastlåste anbringelse {child} → {site}: stedet er frasorteret for dette barn{}",
            sibling
                .as_ref()
                .map(|sibling| format!(" (søskendebarnet {sibling} kan ikke anbringes der)"))
                .unwrap_or_default()
        ),
        (OptimizeError::ConflictingLocks(child), Lang::Da) => {
            format!("de fastlåste anbringelser placerer barnet {child} to forskellige steder")
        }
        (OptimizeError::LocksExceedCapacity(site), Lang::Da) => {
            format!("de fastlåste anbringelser kræver flere pladser på {site}, end der er ledige")
        }
        (OptimizeError::Solver(reason), Lang::Da) => {
            format!("intern fejl: optimeringen mislykkedes ({reason})")
        }
        (OptimizeError::Certificate(reason), Lang::Da) => {
            format!(
                "intern fejl: kontrollen af, at fordelingen er den bedst mulige, slog fejl ({reason})"
            )
        }
        (_, Lang::En) => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{Rule, ScenarioError};
    use crate::model::{ChildId, SiteId};

    #[test]
    fn every_error_reads_in_both_languages() {
        let scenario = AppError::Scenario(ScenarioError {
            file: "b.toml".into(),
            rule: Rule::new(
                "key `extra_places`: site {0} is not in the data",
                [crate::io::Arg::Text("S-9999".into())],
            ),
            unreadable: false,
        });
        assert_eq!(
            app_error_text(&scenario, Lang::Da),
            "b.toml: nøglen `extra_places`: stedet S-9999 findes ikke i data"
        );
        assert_eq!(app_error_text(&scenario, Lang::En), scenario.to_string());
        let lock = OptimizeError::LockNotEligible {
            child: ChildId::new("C-1"),
            site: SiteId::new("S-2"),
            sibling: Some(ChildId::new("C-3")),
        };
        assert_eq!(
            optimize_error_text(&lock, Lang::Da),
            "den fastlåste anbringelse C-1 → S-2: stedet er frasorteret for dette barn (søskendebarnet C-3 kan ikke anbringes der)"
        );
        assert_eq!(
            optimize_error_text(&lock, Lang::En),
            "lock C-1 → S-2: the site is not eligible for this child (sibling C-3 is not eligible there)"
        );
        let large = OptimizeError::TooLarge {
            children: 20_000,
            sites: 20_000,
        };
        assert!(optimize_error_text(&large, Lang::Da).starts_with("20.000 børn og 20.000 steder"));
        for error in [
            OptimizeError::ConflictingLocks(ChildId::new("C-1")),
            OptimizeError::LocksExceedCapacity(SiteId::new("S-1")),
            OptimizeError::UnknownId {
                what: "lock",
                kind: "site",
                id: "S-7".into(),
            },
        ] {
            let danish = optimize_error_text(&error, Lang::Da);
            assert_ne!(danish, error.to_string(), "{danish}");
        }
    }
}
