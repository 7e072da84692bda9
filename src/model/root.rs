//! Where Outlook keeps profiles in the registry: the profile root of each
//! version (`…\Windows Messaging Subsystem\Profiles` up to Outlook 2010,
//! `…\Office\NN.N\Outlook\Profiles` from 2013, under any hive), a key's
//! path relative to its profile, and the key that holds `DefaultProfile`.
//! Key paths only: what the values mean is elsewhere.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::reg::{Block, name};

/// The relative path of the profile key itself.
pub const PROFILE_KEY: &str = ".";

/// `root\profile[\rel]`.
pub fn join(root: &str, profile: &str, rel: &str) -> String {
    if rel == PROFILE_KEY {
        format!("{root}\\{profile}")
    } else {
        format!("{root}\\{profile}\\{rel}")
    }
}

/// The profile root that `path` lies under (`…\Windows Messaging
/// Subsystem\Profiles` or `…\Office\NN.N\Outlook\Profiles`, any hive), when
/// the path names a profile or something below one.
pub fn profile_root(path: &str) -> Option<&str> {
    const TAILS: &[&str] = &[
        "\\software\\microsoft\\windows nt\\currentversion\\windows messaging subsystem\\profiles\\",
        "\\software\\microsoft\\windows messaging subsystem\\profiles\\",
    ];
    for tail in TAILS {
        if let Some(found) = name::find(path, tail) {
            return path.get(..found.end.saturating_sub(1));
        }
    }
    let office = name::find(path, "\\software\\microsoft\\office\\")?;
    let rest = path.get(office.end..)?;
    let (version, rest) = rest.split_once('\\')?;
    let valid = version
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    // what follows `Outlook\Profiles\`: the profile and below
    let below = name::strip_path_prefix(rest, "outlook\\profiles")?;
    if !valid {
        return None;
    }
    path.get(..path.len().saturating_sub(below.len()).saturating_sub(1))
}

/// The key that holds `DefaultProfile` for profiles under `root`: the
/// `Profiles` key itself up to Outlook 2010, its parent `Outlook` key from 2013.
pub fn default_profile_key(root: &str) -> String {
    if name::find(root, "\\windows messaging subsystem\\").is_some() {
        root.to_owned()
    } else {
        root.rsplit_once('\\').map_or(root, |(p, _)| p).to_owned()
    }
}

/// The profile root most profiles lie under; on a tie the one with more
/// keys, then the one Regedit sorts first. (Not the first one met: a write
/// reorders keys, and the root must not change with the order. Keys count
/// once however many blocks name them, since the model merges those; the
/// blocks a later deletion wipes out are gone before this is asked.)
pub(super) fn main_root(blocks: &[Block]) -> Option<String> {
    // each root met, and the profiles under it (folded, each once)
    let mut counts: Vec<(&str, HashSet<String>)> = Vec::new();
    // the root and profile of the block before: keys of a profile come
    // together, so its name is folded once
    let mut last: Option<(usize, &str)> = None;
    // each root met (folded) → its place in `counts`
    let mut roots: HashMap<String, usize> = HashMap::new();
    for block in blocks {
        let path = block.path.as_str();
        // most keys lie under the root of the key before: no need to search
        let under_last = last
            .and_then(|(i, _)| counts.get(i).map(|(r, _)| (i, *r)))
            .filter(|(_, r)| name::strip_path_prefix(path, r).is_some_and(|rest| !rest.is_empty()));
        let index = match under_last {
            Some((index, _)) => index,
            None => {
                let Some(root) = profile_root(path) else {
                    continue;
                };
                match roots.entry(name::fold(root)) {
                    Entry::Occupied(at) => *at.get(),
                    Entry::Vacant(slot) => {
                        slot.insert(counts.len());
                        counts.push((root, HashSet::new()));
                        counts.len().saturating_sub(1)
                    }
                }
            }
        };
        let Some((root, profiles)) = counts.get_mut(index) else {
            continue;
        };
        let rest = name::strip_path_prefix(path, root).unwrap_or_default();
        let profile = rest.split('\\').next().unwrap_or(rest);
        if last.is_some_and(|(i, p)| i == index && name::same(p, profile)) {
            continue;
        }
        last = Some((index, profile));
        profiles.insert(name::fold(profile));
    }
    let most = counts.iter().map(|(_, p)| p.len()).max()?;
    let tied: Vec<&str> = counts
        .iter()
        .filter(|(_, p)| p.len() == most)
        .map(|(r, _)| *r)
        .collect();
    // on a tie, the root with more keys (each counted once); then the order
    let keys = |root: &str| {
        if tied.len() > 1 {
            distinct_keys(blocks, root)
        } else {
            0
        }
    };
    tied.iter()
        .map(|root| (*root, keys(root)))
        .max_by(|(ra, na), (rb, nb)| {
            na.cmp(nb)
                .then_with(|| name::compare_paths(rb, ra).then_with(|| rb.cmp(ra)))
        })
        .map(|(root, _)| root.to_owned())
}

/// A profile root as short as a place can say it: `Office 15.0` or
/// `Windows Messaging Subsystem`.
pub fn root_label(root: &str) -> String {
    let parts: Vec<&str> = root.split('\\').collect();
    match parts.iter().position(|p| name::same(p, "Office")) {
        Some(at) => format!(
            "Office {}",
            parts.get(at.saturating_add(1)).copied().unwrap_or_default()
        ),
        None => "Windows Messaging Subsystem".to_owned(),
    }
}

/// How many keys lie under `root`, a key named in several blocks (or set
/// and deleted) counted once.
fn distinct_keys(blocks: &[Block], root: &str) -> usize {
    blocks
        .iter()
        .filter(|b| name::strip_path_prefix(&b.path, root).is_some_and(|r| !r.is_empty()))
        .map(|b| (name::fold(&b.path), b.delete))
        .collect::<HashSet<_>>()
        .len()
}

/// The profiles of `model` under roots other than its own, each grouped as
/// a model of its own (with the key that holds its `DefaultProfile`), by
/// root, in the order the roots first appear: a user's hive or an export of
/// it may hold Outlook 2013 and 2016 profiles side by side, and the model
/// names the values of one root only.
pub fn other_roots(model: &super::Model) -> Vec<(String, super::Model)> {
    let mut groups: Vec<(String, Vec<Block>)> = Vec::new();
    for block in &model.keys {
        let Some(root) = profile_root(&block.path) else {
            continue;
        };
        if model.root.as_deref().is_some_and(|r| name::same(r, root)) {
            continue;
        }
        match groups.iter_mut().find(|(r, _)| name::same(r, root)) {
            Some((_, blocks)) => blocks.push(block.clone()),
            None => groups.push((root.to_owned(), vec![block.clone()])),
        }
    }
    groups
        .into_iter()
        .map(|(root, mut blocks)| {
            let holder = default_profile_key(&root);
            if let Some(key) = model.keys.iter().find(|b| name::same(&b.path, &holder)) {
                blocks.insert(0, key.clone());
            }
            let doc = crate::reg::Document {
                format: model.source.format,
                blocks,
            };
            let (sub, _) = super::Model::from_document(doc, model.source);
            (root, sub)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_of_every_outlook_version() {
        assert_eq!(
            profile_root(
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\x"
            ),
            Some("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles")
        );
        assert_eq!(
            profile_root(
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\ttye"
            ),
            Some(
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles"
            )
        );
        assert_eq!(
            profile_root(
                "HKEY_USERS\\S-1-5-21-1\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles\\P"
            ),
            Some("HKEY_USERS\\S-1-5-21-1\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles")
        );
        assert_eq!(
            profile_root("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles"),
            None
        );
        assert_eq!(
            profile_root("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Security"),
            None
        );
    }
}
