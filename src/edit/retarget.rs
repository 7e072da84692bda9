//! Moving exported profiles to the registry root of another Outlook version
//! (`Windows Messaging Subsystem`, `Office\15.0`, `Office\16.0`) and
//! renaming a profile: key paths are re-rooted, `DefaultProfile` moves to
//! where that version keeps it (the `Profiles` key up to 2010, the parent
//! `Outlook` key from 2013) and follows a rename; values, including the UIDs
//! that sections use to refer to each other, stay as they are.

use crate::input::RegInput;
use crate::model::{Model, Outlook, default_profile_key};
use crate::reg::edit::Line;
use crate::reg::{self, Block, RegData, RegValue};
use crate::yaml;

use super::{BadValue, EditError, Edited};
use crate::reg::name;

/// What to do.
#[derive(Debug, Clone)]
pub struct Retarget {
    /// The version whose root the profiles move to.
    pub outlook: Outlook,
    /// A new name for the profile (the only one, or `profile`).
    pub rename: Option<String>,
    /// The profile to rename when the file holds several.
    pub profile: Option<String>,
}

const DEFAULT_PROFILE: &str = "DefaultProfile";

/// Where things are and go.
struct Move {
    old_root: String,
    new_root: String,
    /// The key holding `DefaultProfile`, before and after.
    old_default_key: String,
    new_default_key: String,
    /// The key holding `DefaultProfile` holds nothing else: the key itself
    /// moves.
    default_alone: bool,
    /// `(old, new)` profile name.
    rename: Option<(String, String)>,
}

impl Move {
    fn of(model: &Model, r: &Retarget) -> Result<Move, EditError> {
        let old_root = model
            .root
            .clone()
            .ok_or_else(|| EditError::NoMatch("the file holds no Outlook profile".into()))?;
        // keep the hive (HKEY_CURRENT_USER or HKEY_USERS\<SID>) of the file
        let hive_end = name::find(&old_root, "\\software\\").map_or(0, |at| at.start);
        let hive = old_root.get(..hive_end).unwrap_or("HKEY_CURRENT_USER");
        let tail = r
            .outlook
            .root()
            .strip_prefix("HKEY_CURRENT_USER")
            .unwrap_or_default();
        let new_root = format!("{hive}{tail}");
        let rename = match &r.rename {
            None => None,
            Some(new) => {
                let old = match (&r.profile, model.profiles.as_slice()) {
                    (Some(p), _) => model
                        .profiles
                        .iter()
                        .find(|x| name::same(&x.name, p))
                        .map(|x| x.name.clone())
                        .ok_or_else(|| {
                            EditError::NoMatch(format!("no profile {p:?} in the file"))
                        })?,
                    (None, [only]) => only.name.clone(),
                    (None, _) => {
                        return Err(EditError::NoMatch(
                            "the file holds several profiles; say which to rename with --profile"
                                .into(),
                        ));
                    }
                };
                if new.contains(['\\', '\r', '\n']) || new.is_empty() {
                    return Err(EditError::value(
                        "--rename",
                        BadValue::ProfileName(new.clone()),
                    ));
                }
                Some((old, new.clone()))
            }
        };
        let old_default_key = default_profile_key(&old_root);
        let default_alone = model
            .keys
            .iter()
            .filter(|b| !b.delete && name::same(&b.path, &old_default_key))
            .all(|b| b.values.iter().all(is_default));
        Ok(Move {
            default_alone,
            old_default_key,
            new_default_key: default_profile_key(&new_root),
            old_root,
            new_root,
            rename,
        })
    }

    /// The new path of key `path`; `None` when it stays.
    fn path(&self, path: &str) -> Option<String> {
        if self.default_alone && name::same(path, &self.old_default_key) {
            return Some(self.new_default_key.clone());
        }
        if name::same(path, &self.old_root) {
            return Some(self.new_root.clone());
        }
        let rest = name::strip_path_prefix(path, &self.old_root)?;
        let (profile, below) = match rest.split_once('\\') {
            Some((p, b)) => (p, Some(b)),
            None => (rest, None),
        };
        let profile = match &self.rename {
            Some((old, new)) if name::same(old, profile) => new.as_str(),
            _ => profile,
        };
        Some(match below {
            Some(b) => format!("{}\\{profile}\\{b}", self.new_root),
            None => format!("{}\\{profile}", self.new_root),
        })
    }

    /// Whether `DefaultProfile` ends up where it is by moving with its key.
    fn default_stays(&self) -> bool {
        let moved = self
            .path(&self.old_default_key)
            .unwrap_or_else(|| self.old_default_key.clone());
        name::same(&moved, &self.new_default_key)
    }

    /// The `DefaultProfile` value after a rename.
    fn default_value(&self, value: &RegValue) -> RegValue {
        match (&value.data, &self.rename) {
            (RegData::String(name), Some((old, new))) if name::same(name, old) => RegValue {
                name: value.name.clone(),
                data: RegData::String(new.clone()),
            },
            _ => value.clone(),
        }
    }
}

fn is_default(value: &RegValue) -> bool {
    name::same(value.name.as_str(), DEFAULT_PROFILE)
}

/// Retarget a `.reg` file: key lines rewritten, `DefaultProfile` moved,
/// every other line unchanged.
pub fn retarget_reg(input: &RegInput, r: &Retarget) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let m = Move::of(&model, r)?;
    drop(model);
    let stays = m.default_stays();
    let mut moved_default: Option<RegValue> = None;
    let mut text = reg::edit::rewrite(
        &input.text,
        &input.parsed.file,
        input.format.newline,
        |path| m.path(path),
        |key, value| {
            if !name::same(key, &m.old_default_key) || !is_default(value) {
                return Line::Keep;
            }
            let new = m.default_value(value);
            if !stays {
                moved_default = Some(new);
                Line::Remove
            } else if new == *value {
                Line::Keep
            } else {
                Line::Replace(new)
            }
        },
    )?;
    let mut changes = vec![summary(&m)];
    if let Some(value) = moved_default {
        let block = Block::key(m.new_default_key.clone(), vec![value]);
        reg::edit::append_key(&mut text, input.format.newline, &block)?;
        changes.push(format!("DefaultProfile moved to {}", m.new_default_key));
    }
    Ok(Edited {
        text,
        changes,
        format: None,
    })
}

/// Retarget a YAML export document through its model.
pub fn retarget_yaml(model: &Model, r: &Retarget) -> Result<Edited, EditError> {
    let m = Move::of(model, r)?;
    let mut out = model.clone();
    out.root = Some(m.new_root.clone());
    if let Some((old, new)) = &m.rename {
        for profile in out.profiles.iter_mut().filter(|p| name::same(&p.name, old)) {
            profile.name = new.clone();
        }
    }
    let mut moved = Vec::new();
    let stays = m.default_stays();
    for block in &mut out.keys {
        if !block.delete && name::same(&block.path, &m.old_default_key) {
            if stays {
                for value in block.values.iter_mut().filter(|v| is_default(v)) {
                    *value = m.default_value(value);
                }
            } else {
                let (defaults, rest): (Vec<RegValue>, Vec<RegValue>) =
                    block.values.drain(..).partition(is_default);
                block.values = rest;
                moved.extend(defaults.iter().map(|v| m.default_value(v)));
            }
        }
        if let Some(new) = m.path(&block.path) {
            block.path = new;
        }
    }
    if !moved.is_empty() {
        match out
            .keys
            .iter_mut()
            .find(|b| name::same(&b.path, &m.new_default_key))
        {
            Some(block) => block.values.extend(moved),
            None => out.keys.push(Block {
                path: m.new_default_key.clone(),
                delete: false,
                values: moved,
            }),
        }
    }
    let text = yaml::write(&out, &yaml::WriteOptions::default())?;
    Ok(Edited {
        format: None,
        text,
        changes: vec![summary(&m)],
    })
}

fn summary(m: &Move) -> String {
    let mut line = format!("profiles moved to {}", m.new_root);
    if let Some((old, new)) = &m.rename {
        line.push_str(&format!("; {old} renamed {new}"));
    }
    line
}
