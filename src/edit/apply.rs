//! `apply`: a partial registry document (the YAML of `show`, as much of it
//! as is to change) merged into a file. Values in it are set (`{delete:
//! true}` removes one), keys written `-path` are deleted with their subkeys.
//! A profile of the patch is matched by name in each file; `"*"` matches
//! every profile, and then changes only the keys a profile has (an Exchange
//! section is not added to a profile of internet accounts). The patch's
//! `root` does not matter.

use crate::input::RegInput;
use crate::model::{Model, Profile, SectionInfo, describe};
use crate::reg::{Block, RegData, RegValue};
use crate::yaml;

use super::plan::{Planned, change_line};
use super::reg_file::{Deletion, rewrite};
use super::{EditError, Edited};
use crate::reg::name;

/// Merge `patch` into the `.reg` file `input`.
pub fn apply_reg(input: &RegInput, patch: &Model) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let (planned, deletions) = plan(&model, patch)?;
    let root = model.root.clone().unwrap_or_default();
    // the plan holds what the rewrite needs; a large file's model goes first
    drop(model);
    let text = rewrite(input, &root, &planned, &deletions)?;
    Ok(Edited {
        format: None,
        text,
        changes: changes(planned, &deletions),
    })
}

/// Merge `patch` into a YAML document's model and write it again.
pub fn apply_yaml(model: &Model, patch: &Model) -> Result<Edited, EditError> {
    let (planned, deletions) = plan(model, patch)?;
    let mut out = model.clone();
    for (name, path) in &deletions {
        if let Some(profile) = out.profiles.iter_mut().find(|p| p.name == *name) {
            let doomed = |b: &Block| {
                name::same(&b.path, path) || name::strip_path_prefix(&b.path, path).is_some()
            };
            // the deletion takes the place of the key, as in the .reg
            let at = profile
                .keys
                .iter()
                .position(doomed)
                .unwrap_or(profile.keys.len());
            profile.keys.retain(|b| !doomed(b));
            let block = Block {
                path: path.clone(),
                delete: true,
                values: Vec::new(),
            };
            profile.keys.insert(at.min(profile.keys.len()), block);
        }
    }
    for p in &planned {
        if let Some(profile) = out.profiles.iter_mut().find(|x| x.name == p.profile) {
            profile.set(&p.path, p.value.name.as_str(), p.value.data.clone());
        }
    }
    let text = yaml::write(&out, &yaml::WriteOptions::default())?;
    Ok(Edited {
        format: None,
        text,
        changes: changes(planned, &deletions),
    })
}

/// The values to write and keys to delete in `model`.
fn plan(model: &Model, patch: &Model) -> Result<(Vec<Planned>, Vec<Deletion>), EditError> {
    let mut planned = Vec::new();
    let mut deletions = Vec::new();
    for wanted in &patch.profiles {
        let targets: Vec<&Profile> = model
            .profiles
            .iter()
            .filter(|p| wanted.name == "*" || name::same(&p.name, &wanted.name))
            .collect();
        if targets.is_empty() {
            let names: Vec<&str> = model.profiles.iter().map(|p| p.name.as_str()).collect();
            return Err(EditError::NoMatch(format!(
                "the patch changes profile {:?}, which the file does not hold (it holds {})",
                wanted.name,
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            )));
        }
        for target in targets {
            // what each key of the profile is, to name its values in the
            // list of changes
            let infos: Vec<(&str, SectionInfo)> = target
                .keys
                .iter()
                .map(|k| k.path.as_str())
                .zip(describe(target, model.source.codepage))
                .collect();
            for key in &wanted.keys {
                // "*" changes what each profile has; a key is added only to
                // a profile named
                let has = || {
                    target
                        .keys
                        .iter()
                        .any(|b| !b.delete && name::same(&b.path, &key.path))
                };
                if wanted.name == "*" && !key.delete && !has() {
                    continue;
                }
                if key.delete {
                    deletions.push((target.name.clone(), key.path.clone()));
                    continue;
                }
                for value in &key.values {
                    let old = current(target, &key.path, value.name.as_str());
                    let unchanged = match (&value.data, old) {
                        (RegData::Delete, None) => true,
                        (data, Some(old)) => *data == old.data,
                        _ => false,
                    };
                    if unchanged {
                        continue;
                    }
                    let info = infos
                        .iter()
                        .find(|(path, _)| name::same(path, &key.path))
                        .map(|(_, info)| info.clone())
                        .unwrap_or_default();
                    let ctx = yaml::Context::new(&model.source, true, &info);
                    planned.push(Planned {
                        profile: target.name.clone(),
                        path: key.path.clone(),
                        value: value.clone(),
                        change: change_line(&target.name, &key.path, &info, &ctx, old, value),
                    });
                }
            }
        }
    }
    Ok((planned, deletions))
}

/// The value `name` of key `path` in `profile`, as Regedit would leave it.
fn current<'p>(profile: &'p Profile, path: &str, name: &str) -> Option<&'p RegValue> {
    profile
        .keys
        .iter()
        .filter(|b| !b.delete && name::same(&b.path, path))
        .flat_map(|b| &b.values)
        .rfind(|v| name::same(v.name.as_str(), name))
        .filter(|v| v.data != RegData::Delete)
}

fn changes(planned: Vec<Planned>, deletions: &[Deletion]) -> Vec<String> {
    let mut out: Vec<String> = planned.into_iter().map(|p| p.change).collect();
    out.extend(
        deletions
            .iter()
            .map(|(profile, path)| format!("{profile}/{path}: key deleted")),
    );
    out
}
