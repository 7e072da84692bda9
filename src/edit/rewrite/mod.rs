//! Migrations: paths moved to a new share or drive, hosts renamed, profiles
//! and accounts renamed, everywhere a profile stores them — in strings of
//! either type, in multi-valued strings, in the account manager's values,
//! and inside the binary store entry IDs that name a PST by its path (each
//! rebuilt whole, and the lists that hold them re-encoded with their
//! lengths and offsets).
//!
//! What may change where:
//! - a path (`--map-path`): the start of any string value, and the path of
//!   a PST store entry ID ([`crate::mapi::entryid`]);
//! - a host (`--map-host`): whole host names in the values that name a
//!   server: the Exchange home server (typed and resolved), proxy,
//!   principal and server address list, the LDAP server, and the
//!   accounts' incoming, outgoing and web servers;
//! - a profile (`--rename-profile`): its key (and every key below it) and
//!   `DefaultProfile`; a `.prf`'s `ProfileName`;
//! - an account (`--rename-account`): `Account Name` and the Exchange
//!   account section's `AccountName`; a `.prf`'s `AccountName`.
//!
//! A binary value that holds an old path in a structure mapiprof cannot
//! take apart is left as it is and reported.

mod files;
mod lint;
mod maps;
mod values;

pub use files::{rewrite_prf, rewrite_reg, rewrite_yaml};
pub use lint::new_findings;
pub use maps::{HostMap, PathMap};

use super::{BadValue, EditError};

/// What to rewrite.
#[derive(Debug, Clone, Default)]
pub struct Rewrite {
    /// Path prefixes, old → new.
    pub paths: PathMap,
    /// Host names, old → new.
    pub hosts: HostMap,
    /// Profile names, old → new.
    pub profiles: Vec<(String, String)>,
    /// Account names, old → new.
    pub accounts: Vec<(String, String)>,
}

impl Rewrite {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
            && self.hosts.is_empty()
            && self.profiles.is_empty()
            && self.accounts.is_empty()
    }

    /// The new name of profile `name`, when it is renamed.
    fn profile(&self, name: &str) -> Option<&str> {
        renamed(&self.profiles, name)
    }

    /// The new name of account `name`, when it is renamed.
    fn account(&self, name: &str) -> Option<&str> {
        renamed(&self.accounts, name)
    }
}

fn renamed<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(old, _)| crate::reg::name::same(old, name))
        .map(|(_, new)| new.as_str())
}

/// `OLD=NEW` of the option `option`: both sides given, no line break or
/// NUL in either.
pub fn pair(option: &str, text: &str) -> Result<(String, String), EditError> {
    let bad = |why: &str| {
        EditError::value(
            option,
            BadValue::Rewrite(format!("{:?}: {why}", crate::text::visible(text))),
        )
    };
    let (old, new) = text.split_once('=').ok_or_else(|| bad("give OLD=NEW"))?;
    if old.is_empty() {
        return Err(bad("OLD is empty"));
    }
    if text.contains(['\r', '\n', '\0']) {
        return Err(bad("a line break or NUL cannot be part of a name"));
    }
    Ok((old.to_owned(), new.to_owned()))
}

/// A profile rename: the new name must name a key.
pub fn profile_pair(text: &str) -> Result<(String, String), EditError> {
    let (old, new) = pair("--rename-profile", text)?;
    if new.is_empty() || new.contains('\\') {
        return Err(EditError::value(
            "--rename-profile",
            BadValue::ProfileName(new),
        ));
    }
    Ok((old, new))
}

/// A host rename: both sides host names (letters, digits, `.`, `-`, `_`),
/// so that a renamed proxy or principal stays one.
pub fn host_pair(text: &str) -> Result<(String, String), EditError> {
    let (old, new) = pair("--map-host", text)?;
    let host = |h: &str| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    if !host(&old) || !host(&new) {
        return Err(EditError::value(
            "--map-host",
            BadValue::Rewrite(format!(
                "{:?}: give host names (mail.example.com=mail.example.net), without a scheme, port or path",
                crate::text::visible(text)
            )),
        ));
    }
    Ok((old, new))
}
