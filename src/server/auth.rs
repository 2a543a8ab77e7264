//! Who may call what: the token file, callers and roles (PRODUCT.md section 10).
//!
//! ```toml
//! [[token]]
//! token = "a long random secret, at least 24 characters"
//! user = "anna"
//! role = "coordinator"   # or "planner", "auditor"
//! ```
//!
//! Tokens are kept only as SHA-256 digests in memory and compared by digest.

use std::collections::HashMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

pub use crate::app::Role;

/// The caller of a request, once authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// User name from the token file (`local` without one).
    pub user: String,
    /// The roles the caller holds.
    pub roles: Vec<Role>,
}

impl Caller {
    /// The caller on a server without a token file: a local user with every role.
    pub fn local() -> Self {
        Caller {
            user: "local".into(),
            roles: Role::ALL.to_vec(),
        }
    }

    /// The first of `allowed` that the caller holds.
    pub fn role_among(&self, allowed: &[Role]) -> Option<Role> {
        allowed
            .iter()
            .copied()
            .find(|role| self.roles.contains(role))
    }
}

/// Minimum token length, so that tokens cannot be guessed.
pub const MIN_TOKEN_CHARS: usize = 24;

/// The token file: digests of bearer tokens mapped to callers.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    by_digest: HashMap<[u8; 32], Caller>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenFile {
    token: Vec<toml::Spanned<TokenEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenEntry {
    token: String,
    user: String,
    role: String,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// `line L, column C` of a byte offset.
fn position(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |t| t.chars().count()) + 1;
    format!("line {line}, column {column}")
}

impl Tokens {
    /// Parses a token file; errors name the file, line and column, never a token.
    pub fn parse(file: &str, text: &str) -> Result<Tokens, String> {
        let parsed: TokenFile = toml::from_str(text).map_err(|error| {
            let at = error
                .span()
                .map(|span| format!("{}: ", position(text, span.start)))
                .unwrap_or_default();
            // toml's message may quote the offending line, which can hold a token.
            let message = error.message().lines().next().unwrap_or("").trim();
            let message = if message.contains('"') {
                "invalid entry (expected [[token]] tables with token, user and role)"
            } else {
                message
            };
            format!("{file}: {at}{message}")
        })?;
        let mut tokens = Tokens::default();
        for entry in &parsed.token {
            let at = format!("{file}: {}", position(text, entry.span().start));
            let entry = entry.get_ref();
            let role = Role::ALL
                .into_iter()
                .find(|role| role.as_str() == entry.role)
                .ok_or_else(|| format!("{at}: role must be coordinator, planner or auditor"))?;
            if entry.token.chars().count() < MIN_TOKEN_CHARS || entry.token.trim() != entry.token {
                return Err(format!(
                    "{at}: a token needs at least {MIN_TOKEN_CHARS} characters and no surrounding spaces"
                ));
            }
            if entry.user.trim().is_empty() || entry.user.chars().any(char::is_control) {
                return Err(format!("{at}: user must be a non-empty name"));
            }
            if crate::io::contains_cpr_like(&entry.user)
                || entry.user.chars().count() > crate::audit::MAX_PURPOSE_CHARS
            {
                return Err(format!(
                    "{at}: user must be a name or initials of at most {} characters, not a CPR number (not shown)",
                    crate::audit::MAX_PURPOSE_CHARS
                ));
            }
            let caller = tokens
                .by_digest
                .entry(digest(&entry.token))
                .or_insert_with(|| Caller {
                    user: entry.user.clone(),
                    roles: Vec::new(),
                });
            if caller.user != entry.user {
                return Err(format!("{at}: the same token is given to two users"));
            }
            if !caller.roles.contains(&role) {
                caller.roles.push(role);
            }
        }
        if tokens.by_digest.is_empty() {
            return Err(format!("{file}: no [[token]] entries"));
        }
        Ok(tokens)
    }

    /// The caller a bearer token belongs to.
    pub fn caller(&self, token: &str) -> Option<&Caller> {
        self.by_digest.get(&digest(token))
    }

    /// Number of distinct tokens.
    pub fn len(&self) -> usize {
        self.by_digest.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.by_digest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[token]]
token = "coordinator-token-0123456789"
user = "anna"
role = "coordinator"

[[token]]
token = "coordinator-token-0123456789"
user = "anna"
role = "auditor"

[[token]]
token = "planner-token-0123456789abc"
user = "bo"
role = "planner"
"#;

    #[test]
    fn tokens_map_to_users_and_roles() {
        let tokens = Tokens::parse("tokens.toml", FILE).expect("valid");
        assert_eq!(tokens.len(), 2);
        let anna = tokens
            .caller("coordinator-token-0123456789")
            .expect("known");
        assert_eq!(anna.user, "anna");
        assert_eq!(anna.roles, vec![Role::Coordinator, Role::Auditor]);
        assert_eq!(anna.role_among(&[Role::Planner]), None);
        assert!(tokens.caller("coordinator-token-012345678").is_none());
    }

    #[test]
    fn errors_name_the_place_and_never_the_token() {
        let short = "[[token]]\ntoken = \"short-secret\"\nuser = \"a\"\nrole = \"planner\"\n";
        let error = Tokens::parse("t.toml", short).expect_err("too short");
        assert!(error.starts_with("t.toml: line 1, column 1"), "{error}");
        assert!(!error.contains("short-secret"), "{error}");
        let role = FILE.replace("\"planner\"", "\"admin\"");
        let error = Tokens::parse("t.toml", &role).expect_err("bad role");
        assert!(error.contains("line 12"), "{error}");
        let syntax = "[[token]]\ntoken = \"secret-secret-secret-secret\nuser = 1\n";
        let error = Tokens::parse("t.toml", syntax).expect_err("syntax");
        assert!(error.contains("line 2"), "{error}");
        assert!(!error.contains("secret-secret"), "{error}");
        let error = Tokens::parse("t.toml", "").expect_err("empty");
        assert!(error.contains("t.toml"), "{error}");
    }
}
