//! A `.reg` document seen as profiles: the profile root, each profile's keys
//! (sections and their subkeys) by path relative to the profile, and the
//! keys outside any profile. Values stay raw ([`RegValue`]); [`describe`]
//! works out which service owns each section so that names can be given.

mod choose;
mod context;
mod effective;
mod from_prf;
mod onto_export;
mod pool;
mod repeats;
mod root;
mod scope;
mod to_prf;
mod values;

use std::borrow::Cow;
use std::collections::HashMap;

use encoding_rs::Encoding as CodePage;

use thiserror::Error;

use crate::diag::Warning;
use crate::reg::{self, Block, Document, Format, RegData, RegValue, name};

use crate::text::{self, TextFormat};
pub(crate) use choose::{choose_profile, default_profile};
use root::main_root;
pub(crate) use values::{decoded, text_data, text_value, uids};

pub use context::{SectionInfo, describe, shown_scopes};
pub use effective::{Effective, effective, merge};
pub use from_prf::{FromPrfError, Outlook, PrfToReg, SettingError, encode_setting, prf_to_reg};
pub use onto_export::prf_onto_export;
pub use root::{PROFILE_KEY, default_profile_key, join, other_roots, profile_root, root_label};
pub use scope::{Reach, outside_profiles};
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
        let Document { format, mut blocks } = doc;
        // what a later [-key] wipes out is not in the registry afterwards
        let mut merged = repeats::drop_wiped_out(&mut blocks);
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
        // profile name (folded: the registry's names ignore case) → its
        // place in `model.profiles`
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
            let at = index.get(&name::fold(&profile)).copied();
            match at.and_then(|i| model.profiles.get_mut(i).zip(profile_origins.get_mut(i))) {
                Some((p, origins)) => {
                    p.keys.push(rel_block);
                    origins.push(origin);
                }
                None => {
                    index.insert(name::fold(&profile), model.profiles.len());
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
        merged |= repeats::merge(&mut model.keys);
        for profile in &mut model.profiles {
            merged |= repeats::merge(&mut profile.keys);
        }
        if merged {
            warnings.push(Warning::general(
                "some keys are named more than once (or deleted after being set): the YAML form shows each key once, as Regedit leaves it",
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
    /// is never held as text and bytes at once. Refused when the model
    /// touches keys that `reach` does not allow: a caller says which keys a
    /// `.reg` it writes may touch.
    pub fn to_reg_bytes(&self, reach: Reach) -> Result<Vec<u8>, ToRegError> {
        let outside = reach.outside(self);
        if !outside.is_empty() {
            return Err(ToRegError::OutsideProfiles(outside));
        }
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
        let rest = name::strip_path_prefix(path, root)?;
        match rest.split_once('\\') {
            Some((profile, rel)) => Some((profile, rel)),
            None if !rest.is_empty() => Some((rest, PROFILE_KEY)),
            None => None,
        }
    }
}

/// Why a model could not be written as a `.reg` file.
#[derive(Debug, Error)]
pub enum ToRegError {
    /// Keys the `.reg` may not touch, e.g. a YAML document with a key
    /// under `HKEY_LOCAL_MACHINE\…\Run`.
    #[error(
        "this .reg would touch the registry outside the Outlook profiles:\n  {}\n\
         (only the profiles under an Outlook profile root and DefaultProfile are written \
         unless --allow-any-key is given)",
        .0.join("\n  ")
    )]
    OutsideProfiles(Vec<String>),
    /// A name or string that a `.reg` line cannot hold.
    #[error(transparent)]
    Line(#[from] reg::WriteError),
    /// A character the target encoding lacks, e.g. `☃` in a REGEDIT4 file.
    #[error("cannot encode the .reg output: {0}")]
    Encoding(text::TextError),
}

impl From<text::TextError> for ToRegError {
    fn from(e: text::TextError) -> ToRegError {
        ToRegError::Encoding(e)
    }
}

#[cfg(test)]
mod tests {
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
