//! A `.reg` document seen as profiles: the profile root, each profile's keys
//! (sections and their subkeys) by path relative to the profile, and the
//! keys outside any profile. Values stay raw ([`RegValue`]); [`describe`]
//! works out which service owns each section so that names can be given.

mod context;
mod effective;
mod from_prf;
mod onto_export;
mod pool;
mod scope;
mod to_prf;

use std::borrow::Cow;
use std::collections::HashMap;

use encoding_rs::Encoding as CodePage;

use thiserror::Error;

use crate::diag::Warning;
use crate::reg::{self, Block, Document, Format, RegData, RegValue, name};
use crate::text::{self, TextFormat};

pub use context::{SectionInfo, describe};
pub use effective::{Effective, effective, merge};
pub use from_prf::{FromPrfError, Outlook, PrfToReg, SettingError, encode_setting, prf_to_reg};
pub use onto_export::prf_onto_export;
pub use scope::{default_profile_key, outside_profiles};
pub use to_prf::{RegToPrf, ToPrfError, reg_to_prf};

/// How the source file was written: enough to write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// `.reg` header.
    pub format: Format,
    /// Encoding, BOM and newline.
    pub text: TextFormat,
    /// ANSI code page for `PT_STRING8` values stored as bytes.
    pub codepage: &'static CodePage,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            format: Format::Regedit5,
            text: TextFormat::REGEDIT5,
            codepage: encoding_rs::WINDOWS_1252,
        }
    }
}

/// The relative path of the profile key itself.
pub const PROFILE_KEY: &str = ".";

/// One profile: its keys in file order, paths relative to the profile key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The profile name (the key under `Profiles`).
    pub name: String,
    /// Key blocks; `path` is `.` for the profile key or `<section>[\…]`.
    pub keys: Vec<Block>,
}

impl Profile {
    /// Set value `name` of key `path` to `data`: replaced where it is (in
    /// every block of that key), else added to the key's last block, else in
    /// a new key at the end.
    pub fn set(&mut self, path: &str, name: &str, data: RegData) {
        let mut replaced = false;
        for block in self
            .keys
            .iter_mut()
            .filter(|b| !b.delete && name::same(&b.path, path))
        {
            for value in block
                .values
                .iter_mut()
                .filter(|v| name::same(v.name.as_str(), name))
            {
                value.data = data.clone();
                replaced = true;
            }
        }
        if replaced {
            return;
        }
        let value = RegValue {
            name: reg::ValueName::Named(name.to_owned()),
            data,
        };
        match self
            .keys
            .iter_mut()
            .rev()
            .find(|b| !b.delete && name::same(&b.path, path))
        {
            Some(block) => block.values.push(value),
            None => self.keys.push(Block {
                path: path.to_owned(),
                delete: false,
                values: vec![value],
            }),
        }
    }
}

/// A `.reg` document grouped by profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// How the source was written.
    pub source: Source,
    /// The `…\Profiles` key the profiles live under, as written.
    pub root: Option<String>,
    /// Keys outside the profiles, full paths, in file order.
    pub keys: Vec<Block>,
    /// Profiles in order of first appearance.
    pub profiles: Vec<Profile>,
}

impl Model {
    /// Group the blocks of `doc` by profile, keeping their values. Warns
    /// when that grouping cannot keep the file's key order.
    pub fn from_document(doc: Document, source: Source) -> (Model, Vec<Warning>) {
        let Document { format, blocks } = doc;
        let root = main_root(&blocks);
        let mut model = Model {
            source: Source { format, ..source },
            root,
            keys: Vec::new(),
            profiles: Vec::new(),
        };
        // where each block came from, to tell whether grouping moves any
        let mut profile_origins: Vec<Vec<usize>> = Vec::new();
        let mut key_origins: Vec<usize> = Vec::new();
        // profile name → its place in `model.profiles`
        let mut index: HashMap<String, usize> = HashMap::new();
        for (origin, block) in blocks.into_iter().enumerate() {
            let Some((profile, rel)) = model.split(&block.path) else {
                model.keys.push(block);
                key_origins.push(origin);
                continue;
            };
            let (profile, rel) = (profile.to_owned(), rel.to_owned());
            let rel_block = Block {
                path: rel,
                delete: block.delete,
                values: block.values,
            };
            let at = index.get(&profile).copied();
            match at.and_then(|i| model.profiles.get_mut(i).zip(profile_origins.get_mut(i))) {
                Some((p, origins)) => {
                    p.keys.push(rel_block);
                    origins.push(origin);
                }
                None => {
                    index.insert(profile.clone(), model.profiles.len());
                    model.profiles.push(Profile {
                        name: profile,
                        keys: vec![rel_block],
                    });
                    profile_origins.push(vec![origin]);
                }
            }
        }
        let mut warnings = Vec::new();
        let split = model.leading_keys();
        let (before, after) = key_origins.split_at(split.min(key_origins.len()));
        let written = before
            .iter()
            .chain(profile_origins.iter().flatten())
            .chain(after);
        let kept = written.clone().zip(written.skip(1)).all(|(a, b)| a < b);
        if !kept {
            warnings.push(Warning::general(
                "keys are grouped by profile in the YAML form, so their order in the file changes",
            ));
        }
        (model, warnings)
    }

    /// How many keys outside the profiles are written before them: the
    /// leading ones that sort before the root, so that the others keep their
    /// order among themselves.
    fn leading_keys(&self) -> usize {
        self.keys
            .iter()
            .position(|b| {
                self.root.as_deref().is_some_and(|root| {
                    name::compare_paths(&b.path, root) == std::cmp::Ordering::Greater
                })
            })
            .unwrap_or(self.keys.len())
    }

    /// The blocks in writing order: keys up to the root, the profiles, then
    /// the other keys.
    pub fn to_document(&self) -> Document {
        let blocks = self
            .keys_in_order()
            .map(|key| Block {
                path: key.path.into_owned(),
                delete: key.delete,
                values: key.values.to_vec(),
            })
            .collect();
        Document {
            format: self.source.format,
            blocks,
        }
    }

    /// The keys in writing order, with full paths, borrowing the values.
    fn keys_in_order(&self) -> impl Iterator<Item = reg::Key<'_>> {
        let (before, after) = self.keys.split_at(self.leading_keys());
        let profiles = self.root.iter().flat_map(move |root| {
            self.profiles.iter().flat_map(move |profile| {
                profile.keys.iter().map(move |key| reg::Key {
                    path: Cow::Owned(join(root, &profile.name, &key.path)),
                    delete: key.delete,
                    values: &key.values,
                })
            })
        });
        before
            .iter()
            .map(reg::Key::of)
            .chain(profiles)
            .chain(after.iter().map(reg::Key::of))
    }

    /// The `.reg` file of this model, written as Regedit would and encoded
    /// the way the source was; encoded as it is written, so the whole file
    /// is never held as text and bytes at once.
    pub fn to_reg_bytes(&self) -> Result<Vec<u8>, ToRegError> {
        let mut out = text::Encoder::new(&self.source.text, self.text_len_estimate());
        reg::write_in_pieces(
            self.source.format,
            self.source.text.newline,
            self.keys_in_order(),
            |piece| out.push(piece).map_err(ToRegError::from),
        )?;
        Ok(out.finish())
    }

    /// About how long the `.reg` text of this model is (CRLF line endings,
    /// escapes not counted).
    fn text_len_estimate(&self) -> usize {
        let header = self.source.format.header().len().saturating_add(4);
        let keys: usize = self
            .keys_in_order()
            .map(|key| {
                let values: usize = key
                    .values
                    .iter()
                    .map(|value| {
                        let data = match &value.data {
                            RegData::String(s) => s.len().saturating_add(2),
                            RegData::Dword(_) => 14,
                            // `xx,` per byte, a `\` and an indent per line
                            RegData::Hex { bytes, .. } => bytes
                                .len()
                                .saturating_mul(3)
                                .saturating_add(bytes.len() / 8)
                                .saturating_add(10),
                            RegData::Delete => 1,
                        };
                        value
                            .name
                            .as_str()
                            .len()
                            .saturating_add(data)
                            .saturating_add(5)
                    })
                    .sum();
                key.path.len().saturating_add(6).saturating_add(values)
            })
            .sum();
        header.saturating_add(keys)
    }

    /// The profile and relative path of `path`, when it lies under the root
    /// exactly as the root is written.
    fn split<'p>(&self, path: &'p str) -> Option<(&'p str, &'p str)> {
        let root = self.root.as_deref()?;
        let rest = path.strip_prefix(root)?.strip_prefix('\\')?;
        match rest.split_once('\\') {
            Some((profile, rel)) => Some((profile, rel)),
            None if !rest.is_empty() => Some((rest, PROFILE_KEY)),
            None => None,
        }
    }
}

/// The profile root most keys lie under; on a tie the one Regedit sorts
/// first. (Not the first one met: a write reorders keys, and the root must
/// not change with the order.)
fn main_root(blocks: &[Block]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for block in blocks {
        // most keys lie under a root already met: no need to search again
        let met = counts.iter().map(|(r, _)| *r).find(|r| {
            block
                .path
                .strip_prefix(r)
                .is_some_and(|rest| rest.starts_with('\\') && rest.len() > 1)
        });
        let Some(root) = met.or_else(|| profile_root(&block.path)) else {
            continue;
        };
        match counts.iter_mut().find(|(r, _)| *r == root) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => counts.push((root, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|(ra, na), (rb, nb)| {
            na.cmp(nb)
                .then_with(|| name::compare_paths(rb, ra).then_with(|| rb.cmp(ra)))
        })
        .map(|(root, _)| root.to_owned())
}

/// Why a model could not be written as a `.reg` file.
#[derive(Debug, Error)]
pub enum ToRegError {
    /// A name or string that a `.reg` line cannot hold.
    #[error(transparent)]
    Line(#[from] reg::WriteError),
    /// A character the target encoding lacks, e.g. `☃` in a REGEDIT4 file.
    #[error("cannot encode the .reg output: {0}")]
    Encoding(#[from] text::TextError),
}

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

/// The profile `wanted` (case-insensitive), else the only one, else
/// `default`.
pub(crate) fn choose_profile<'m>(
    model: &'m Model,
    wanted: Option<&str>,
    default: Option<&str>,
) -> Result<&'m Profile, ToPrfError> {
    let names = || model.profiles.iter().map(|p| p.name.clone()).collect();
    let named = |name: &str| model.profiles.iter().find(|p| name::same(&p.name, name));
    match (wanted, model.profiles.as_slice()) {
        (_, []) => Err(ToPrfError::NoProfile),
        (Some(name), _) => {
            named(name).ok_or_else(|| ToPrfError::NoSuchProfile(name.into(), names()))
        }
        (None, [only]) => Ok(only),
        (None, _) => default
            .and_then(named)
            .ok_or_else(|| ToPrfError::WhichProfile(names())),
    }
}

/// The `DefaultProfile` value on the `Profiles` key (Outlook 2010 and
/// earlier) or on its parent `Outlook` key (2013 and later).
pub(crate) fn default_profile(model: &Model) -> Option<String> {
    let holder = default_profile_key(model.root.as_deref()?);
    model
        .keys
        .iter()
        .filter(|b| !b.delete && name::same(&b.path, &holder))
        .find_map(
            |b| match find_value(&b.values, "DefaultProfile").map(|v| &v.data) {
                Some(RegData::String(name)) => Some(name.clone()),
                _ => None,
            },
        )
}

/// The text of the value named `name`: a `REG_SZ`, or UTF-16 in a
/// `REG_BINARY` (how the account manager stores its text values).
pub(crate) fn text_value(values: &[RegValue], name: &str) -> Option<String> {
    match &find_value(values, name)?.data {
        RegData::String(text) => Some(text.clone()),
        RegData::Hex { bytes, .. } => crate::mapi::unicode_text(bytes),
        _ => None,
    }
}

/// The 16-byte section UIDs a value lists (`PR_SERVICES`,
/// `PR_STORE_PROVIDERS`, `PR_SERVICE_UID`, `Service UID`), as key names;
/// none when its bytes are not whole UIDs.
pub(crate) fn uids(data: &RegData) -> Vec<String> {
    match data {
        RegData::Hex { bytes, .. } if bytes.len().is_multiple_of(16) => {
            bytes.chunks_exact(16).map(crate::mapi::uid_hex).collect()
        }
        _ => Vec::new(),
    }
}

/// The first value named `name` (case-insensitively) among `values`.
pub fn find_value<'v>(values: &'v [RegValue], name: &str) -> Option<&'v RegValue> {
    values.iter().find(|v| name::same(v.name.as_str(), name))
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

    /// The room reserved for a written `.reg` is close to what it takes:
    /// too little and the buffer grows (two copies at once), too much and
    /// memory is wasted.
    #[test]
    fn text_length_estimate_is_close_for_every_sample() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reg");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("err_") || path.extension().is_none_or(|e| e != "reg") {
                continue;
            }
            let (model, _) = crate::input::read_reg(&std::fs::read(&path).unwrap(), None)
                .unwrap()
                .into_model();
            let actual = crate::reg::write(&model.to_document(), model.source.text.newline)
                .unwrap()
                .len();
            let estimate = model.text_len_estimate();
            let ratio = estimate as f64 / actual as f64;
            eprintln!("{name}: {estimate} for {actual} ({ratio:.2})");
            assert!(
                (0.9..=1.2).contains(&ratio),
                "{name}: {estimate} for {actual}"
            );
            checked += 1;
        }
        assert!(checked > 5);
    }
}
