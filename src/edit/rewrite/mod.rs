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

/// The note a registry form gets when a new path holds `%VAR%`.
const NOT_EXPANDED: &str = "note: Outlook reads the paths of a registry profile as they are written: %…% is not expanded there (a .prf's settings are expanded when Outlook applies the file)";

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

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
    /// The mappings that changed something in some file, shared by the
    /// clones a batch works with: see [`Rewrite::unused`].
    pub used: Used,
}

/// The mappings that changed something, by kind and old side (folded).
#[derive(Debug, Clone, Default)]
pub struct Used(Arc<Mutex<HashSet<(Mapping, String)>>>);

/// What a mapping maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mapping {
    /// `--map-path`.
    Path,
    /// `--map-host`.
    Host,
    /// `--rename-profile`.
    Profile,
    /// `--rename-account`.
    Account,
}

impl Used {
    fn mark(&self, kind: Mapping, old: &str) {
        if let Ok(mut used) = self.0.lock() {
            used.insert((kind, crate::reg::name::fold(old)));
        }
    }

    fn has(&self, kind: Mapping, old: &str) -> bool {
        self.0
            .lock()
            .map(|used| used.contains(&(kind, crate::reg::name::fold(old))))
            .unwrap_or(true)
    }
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
        let new = renamed(&self.profiles, name)?;
        self.used.mark(Mapping::Profile, name);
        Some(new)
    }

    /// The new name of account `name`, when it is renamed.
    fn account(&self, name: &str) -> Option<&str> {
        let new = renamed(&self.accounts, name)?;
        self.used.mark(Mapping::Account, name);
        Some(new)
    }

    /// `path` with its prefix mapped, the mapping marked used. Only a text
    /// with a separator in it is a path: a PST's display name `H:` is not.
    fn path_of(&self, path: &str) -> Option<String> {
        if !path.contains(['\\', '/']) {
            return None;
        }
        let (new, old) = self.paths.map(path)?;
        self.used.mark(Mapping::Path, old);
        Some(new)
    }

    /// `text` with its host names mapped, the mappings marked used.
    fn hosts_of(&self, text: &str) -> Option<String> {
        let (new, olds) = self.hosts.map(text)?;
        for old in olds {
            self.used.mark(Mapping::Host, old);
        }
        Some(new)
    }

    /// Refuse one old name given two new ones: which would win is not for
    /// the order of the options to say.
    pub fn check(&self) -> Result<(), EditError> {
        let twice = |option: &str, pairs: Vec<(String, &str)>| -> Result<(), EditError> {
            let mut seen: std::collections::HashMap<String, &str> =
                std::collections::HashMap::new();
            for (old, new) in pairs {
                if let Some(other) = seen.insert(old.clone(), new)
                    && !crate::reg::name::same(other, new)
                {
                    return Err(EditError::value(
                        option,
                        BadValue::Rewrite(format!(
                            "'{}' is given twice, as '{}' and as '{}'",
                            crate::text::visible(&old),
                            crate::text::visible(other),
                            crate::text::visible(new)
                        )),
                    ));
                }
            }
            Ok(())
        };
        twice(
            "--map-path",
            self.paths
                .pairs()
                .map(|(o, n)| (crate::reg::name::fold(o), n))
                .collect(),
        )?;
        twice(
            "--map-host",
            self.hosts
                .pairs()
                .map(|(o, n)| (o.to_ascii_lowercase(), n))
                .collect(),
        )?;
        twice("--rename-profile", folded(&self.profiles))?;
        twice("--rename-account", folded(&self.accounts))
    }

    /// Whether `changes` moved a path to one that names an environment
    /// variable.
    fn names_variables(&self, changes: &[String]) -> bool {
        self.paths
            .pairs()
            .filter(|(_, new)| new.matches('%').count() >= 2)
            .any(|(_, new)| changes.iter().any(|c| c.contains(new)))
    }

    /// The options that changed nothing in any file so far, as given
    /// (`--map-host 'a=b'`).
    pub fn unused(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (old, new) in self.paths.pairs() {
            if !self.used.has(Mapping::Path, old) {
                out.push(format!("--map-path '{old}={new}'"));
            }
        }
        for (old, new) in self.hosts.pairs() {
            if !self.used.has(Mapping::Host, old) {
                out.push(format!("--map-host '{old}={new}'"));
            }
        }
        for (kind, option, pairs) in [
            (Mapping::Profile, "--rename-profile", &self.profiles),
            (Mapping::Account, "--rename-account", &self.accounts),
        ] {
            for (old, new) in pairs {
                if !self.used.has(kind, old) {
                    out.push(format!("{option} '{old}={new}'"));
                }
            }
        }
        out.into_iter()
            .map(|o| crate::text::visible(&o).into_owned())
            .collect()
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
            BadValue::Rewrite(format!("'{}': {why}", crate::text::visible(text))),
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

/// A profile rename: the new name must name a key, without control
/// characters or blanks at its ends (a `.prf` line would lose them).
pub fn profile_pair(text: &str) -> Result<(String, String), EditError> {
    let (old, new) = pair("--rename-profile", text)?;
    if new.is_empty()
        || new.contains('\\')
        || new.chars().any(char::is_control)
        || new.trim() != new
    {
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
                "'{}': give host names (mail.example.com=mail.example.net), without a scheme, port or path",
                crate::text::visible(text)
            )),
        ));
    }
    Ok((old, new))
}

/// A path mapping: neither side may be empty once the separators it ends
/// with are left out (`D:\Mail=` would glue the rest of a path onto
/// nothing).
pub fn path_pair(text: &str) -> Result<(String, String), EditError> {
    let (old, new) = pair("--map-path", text)?;
    if maps::trimmed(&old).is_empty() || maps::trimmed(&new).is_empty() {
        return Err(EditError::value(
            "--map-path",
            BadValue::Rewrite(format!(
                "'{}': give a path on both sides (D:\\Mail=E:\\Post)",
                crate::text::visible(text)
            )),
        ));
    }
    Ok((old, new))
}

/// Pairs with their old side folded, as the registry compares names.
fn folded(pairs: &[(String, String)]) -> Vec<(String, &str)> {
    pairs
        .iter()
        .map(|(old, new)| (crate::reg::name::fold(old), new.as_str()))
        .collect()
}
