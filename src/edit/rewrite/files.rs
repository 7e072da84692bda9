//! A rewrite of each form: a `.reg` line by line (only the lines that
//! change are written anew), a YAML document through its model, a `.prf`
//! setting by setting in its own text.

use std::collections::{HashMap, HashSet};

use crate::input::{PrfInput, RegInput};
use crate::mapi::dictionary::Scope;
use crate::mapi::props::{EXCHANGE_ACCOUNT_NAME, LDAP_SERVER};
use crate::mapi::sections;
use crate::model::{Model, default_profile_key, describe, join, other_roots, profile_root};
use crate::prf::{self, Target};
use crate::reg::edit::Line;
use crate::reg::{self, Block, RegData, RegValue, name};
use crate::yaml;

use super::Rewrite;
use super::values::{EXCHANGE_HOST_IDS, Kind, Place};
use crate::edit::{EditError, Edited, NOTE};

const DEFAULT_PROFILE: &str = "DefaultProfile";

/// What a model says about its keys: the place of every key of every
/// profile (by folded full path) and the keys that hold `DefaultProfile`.
struct Map {
    places: HashMap<String, Place>,
    holders: Vec<String>,
    /// Folded full paths of the profiles, to refuse a rename onto one.
    profiles: Vec<(String, String)>,
}

impl Map {
    fn of(model: &Model) -> Map {
        let mut map = Map {
            places: HashMap::new(),
            holders: Vec::new(),
            profiles: Vec::new(),
        };
        map.add(model);
        for (_, sub) in other_roots(model) {
            map.add(&sub);
        }
        map
    }

    fn add(&mut self, model: &Model) {
        let Some(root) = model.root.as_deref() else {
            return;
        };
        self.holders.push(default_profile_key(root));
        for profile in &model.profiles {
            self.profiles.push((root.to_owned(), profile.name.clone()));
            let infos = describe(profile, model.source.codepage);
            for (block, info) in profile.keys.iter().zip(infos) {
                let place = if info.account_manager {
                    Place::Accounts
                } else {
                    Place::Mapi(info.scope)
                };
                let path = join(root, &profile.name, &block.path);
                self.places.entry(name::fold(&path)).or_insert(place);
            }
        }
    }

    fn is_holder(&self, key: &str) -> bool {
        self.holders.iter().any(|h| name::same(h, key))
    }
}

impl Rewrite {
    /// The new path of key `path` when its profile is renamed.
    fn path(&self, path: &str) -> Option<String> {
        let root = profile_root(path)?;
        let rest = name::strip_path_prefix(path, root)?;
        let (profile, below) = match rest.split_once('\\') {
            Some((p, b)) => (p, Some(b)),
            None => (rest, None),
        };
        let new = self.profile(profile)?;
        Some(match below {
            Some(b) => format!("{root}\\{new}\\{b}"),
            None => format!("{root}\\{new}"),
        })
    }

    /// Refuse a rename onto a profile the file holds already, or of two
    /// profiles onto one name: the two would merge on import.
    fn check_renames(&self, map: &Map) -> Result<(), EditError> {
        if self.profiles.is_empty() {
            return Ok(());
        }
        let mut by_root: HashMap<String, HashSet<String>> = HashMap::new();
        for (root, profile) in &map.profiles {
            by_root
                .entry(name::fold(root))
                .or_default()
                .insert(name::fold(profile));
        }
        for present in by_root.values() {
            let mut targets: HashMap<String, &str> = HashMap::new();
            for (old, new) in &self.profiles {
                let (old_key, target) = (name::fold(old), name::fold(new));
                if !present.contains(&old_key) {
                    continue;
                }
                if target != old_key && present.contains(&target) {
                    return Err(EditError::NoMatch(format!(
                        "the file holds a profile {new:?} already; renaming {old:?} to it would merge the two"
                    )));
                }
                if let Some(other) = targets.insert(target, old) {
                    return Err(EditError::NoMatch(format!(
                        "{other:?} and {old:?} would both be renamed {new:?}, which would merge them"
                    )));
                }
            }
        }
        Ok(())
    }

    /// The value at `key` rewritten, with what changed and what was left.
    fn line(
        &self,
        map: &Map,
        key: &str,
        value: &RegValue,
        cp: &'static encoding_rs::Encoding,
        changes: &mut Vec<String>,
    ) -> Option<RegValue> {
        let shown = shown(key, value);
        if map.is_holder(key) && name::same(value.name.as_str(), DEFAULT_PROFILE) {
            let RegData::String(old) = &value.data else {
                return None;
            };
            let new = self.profile(old)?;
            changes.push(format!("{shown}: {old} → {new}"));
            return Some(RegValue {
                name: value.name.clone(),
                data: RegData::String(new.to_owned()),
            });
        }
        let place = *map.places.get(&name::fold(key))?;
        let outcome = self.value(place, value, cp);
        changes.extend(outcome.said.iter().map(|s| format!("{shown}: {s}")));
        changes.extend(
            outcome
                .left
                .iter()
                .map(|s| format!("{NOTE}{shown}: left alone: {s}")),
        );
        outcome.data.map(|data| RegValue {
            name: value.name.clone(),
            data,
        })
    }

    fn renames(&self, map: &Map) -> Vec<String> {
        self.profiles
            .iter()
            .filter(|(old, _)| map.profiles.iter().any(|(_, p)| name::same(p, old)))
            .map(|(old, new)| format!("profile {old} renamed {new}"))
            .collect()
    }
}

/// `profile/section/name` of a value, the way changes are listed.
fn shown(key: &str, value: &RegValue) -> String {
    let rel = profile_root(key)
        .and_then(|root| name::strip_path_prefix(key, root))
        .unwrap_or(key);
    format!("{rel}/{}", value.name.as_str())
}

/// Rewrite a `.reg` file: only the lines of changed values and renamed keys
/// are written anew.
pub fn rewrite_reg(input: &RegInput, r: &Rewrite) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let map = Map::of(&model);
    let cp = model.source.codepage;
    drop(model);
    r.check_renames(&map)?;
    let mut changes = r.renames(&map);
    let text = reg::edit::rewrite(
        &input.text,
        &input.parsed.file,
        input.format.newline,
        |path| r.path(path),
        |key, value| match r.line(&map, key, value, cp, &mut changes) {
            Some(new) => Line::Replace(new),
            None => Line::Keep,
        },
    )?;
    Ok(registry_edit(r, text, changes))
}

/// What a rewrite of a registry form gives: the note a new path that
/// names `%VAR%` gets there, after the changes.
fn registry_edit(r: &Rewrite, text: String, mut changes: Vec<String>) -> Edited {
    if r.names_variables(&changes) {
        changes.push(super::NOT_EXPANDED.to_owned());
    }
    Edited {
        text,
        changes,
        format: None,
    }
}

/// Rewrite a YAML document of an export through its model.
pub fn rewrite_yaml(model: &Model, r: &Rewrite) -> Result<Edited, EditError> {
    let map = Map::of(model);
    r.check_renames(&map)?;
    let cp = model.source.codepage;
    let mut changes = r.renames(&map);
    let mut out = model.clone();
    let root = out.root.clone().unwrap_or_default();
    for profile in &mut out.profiles {
        for block in &mut profile.keys {
            let key = join(&root, &profile.name, &block.path);
            rewrite_block(r, &map, &key, block, cp, &mut changes);
        }
        if let Some(new) = r.profile(&profile.name) {
            profile.name = new.to_owned();
        }
    }
    for block in &mut out.keys {
        let key = block.path.clone();
        rewrite_block(r, &map, &key, block, cp, &mut changes);
        if let Some(new) = r.path(&block.path) {
            block.path = new;
        }
    }
    let text = yaml::write(&out, &yaml::WriteOptions::default())?;
    Ok(registry_edit(r, text, changes))
}

fn rewrite_block(
    r: &Rewrite,
    map: &Map,
    key: &str,
    block: &mut Block,
    cp: &'static encoding_rs::Encoding,
    changes: &mut Vec<String>,
) {
    if block.delete {
        return;
    }
    for value in &mut block.values {
        if let Some(new) = r.line(map, key, value, cp, changes) {
            *value = new;
        }
    }
}

/// Rewrite a `.prf`: each setting that changes gets its new value on its
/// own line; every other line keeps its bytes.
pub fn rewrite_prf(input: &PrfInput, r: &Rewrite) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let mut edits: Vec<(String, String, String)> = Vec::new();
    let mut changes = Vec::new();
    if let Some(old) = model.general.get("ProfileName")
        && let Some(new) = r.profile(old)
    {
        edits.push(("General".into(), "ProfileName".into(), new.to_owned()));
        changes.push(format!("[General] ProfileName: {old} → {new}"));
    }
    for item in model.services.iter().chain(&model.accounts) {
        let Some(block) = item.block.as_deref() else {
            continue;
        };
        let target = model.block_or_builtin(block).map(prf::Block::target);
        for (key, value) in item.settings.active.iter() {
            let id = model.tag(block, key).map(|t| t.id);
            let kind = prf_kind(target.as_ref(), id);
            let mut outcome = super::values::Outcome::default();
            if let Some(new) = r.text(value, kind, &mut outcome) {
                edits.push((item.id.clone(), key.to_owned(), new));
                changes.extend(
                    outcome
                        .said
                        .iter()
                        .map(|s| format!("[{}] {key}: {s}", item.id)),
                );
            }
        }
    }
    let text = if edits.is_empty() {
        input.text.clone()
    } else {
        prf::set_values(&input.text, &input.parsed(), &edits)
    };
    Ok(Edited {
        text,
        changes,
        format: None,
    })
}

/// What a `.prf` setting names: by the block it uses and the property its
/// mapping line gives.
fn prf_kind(target: Option<&Target>, id: Option<u16>) -> Kind {
    let Some(id) = id else {
        return Kind::Other;
    };
    let scope = match target {
        Some(Target::Service(service)) => sections::service_scope(service),
        Some(Target::Section(uid)) if uid.eq_ignore_ascii_case(sections::EXCHANGE_GLOBAL) => {
            Some(Scope::Exchange)
        }
        Some(Target::Account(_)) => {
            let server = crate::mapi::account::prf_id("POP3 Server");
            let smtp = crate::mapi::account::prf_id("SMTP Server");
            let name = crate::mapi::account::prf_id("Account Name");
            return if Some(id) == server || Some(id) == smtp {
                Kind::Host
            } else if Some(id) == name {
                Kind::AccountName
            } else {
                Kind::Other
            };
        }
        _ => None,
    };
    match scope {
        Some(Scope::Exchange) if EXCHANGE_HOST_IDS.contains(&id) => Kind::Host,
        Some(Scope::Exchange) if id == EXCHANGE_ACCOUNT_NAME.id => Kind::AccountName,
        Some(Scope::Ldap) if id == LDAP_SERVER.id => Kind::Host,
        _ => Kind::Other,
    }
}
