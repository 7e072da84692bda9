//! What importing a [`Document`] leaves in a registry that held nothing:
//! the keys it creates and the values they end up with, typed and encoded
//! as Regedit stores them.
//!
//! Regedit creates every key of a `[key]` line, its parents included, and
//! keeps the spelling a key or value name had when it was first created (a
//! later line that names it in other letter case writes into it; the hive
//! keeps the name of the cell it already has). `[-key]` removes the key and
//! everything below it; `"name"=-` removes the value.

use std::collections::HashMap;

use encoding_rs::Encoding as CodePage;

use super::document::{Document, Format};
use super::name;
use super::value::{RegData, ValueName, kind};

/// A value as the registry holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The name, `""` for the default value (`@`).
    pub name: String,
    /// The registry type (`REG_*`).
    pub kind: u32,
    /// The data, as `RegQueryValueEx` returns it.
    pub bytes: Vec<u8>,
}

/// A key an import created, with its values in the order they were first set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedKey {
    /// Full path, each part spelt as first created.
    pub path: String,
    /// Its values.
    pub values: Vec<Stored>,
}

/// The keys an import leaves, in the order they were created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Every key, parents before children.
    pub keys: Vec<ImportedKey>,
}

impl Imported {
    /// The key at `path` (compared as the registry compares names).
    pub fn key(&self, path: &str) -> Option<&ImportedKey> {
        self.keys.iter().find(|k| name::same(&k.path, path))
    }
}

/// The registry after importing `document` into an empty one. `codepage`
/// is the ANSI code page of a `REGEDIT4` file, in which Regedit reads the
/// bytes of its `hex(1)`, `hex(2)` and `hex(7)` values.
pub fn import(document: &Document, codepage: &'static CodePage) -> Imported {
    let mut keys: Vec<Option<ImportedKey>> = Vec::new();
    // each key (folded path) → its place in `keys`
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in &document.blocks {
        if block.delete {
            let top = name::fold(&block.path);
            index.retain(|key, at| {
                let below = name::key_and_parents(key).any(|k| k == top);
                if below && let Some(slot) = keys.get_mut(*at) {
                    *slot = None;
                }
                !below
            });
            continue;
        }
        let at = create(&mut keys, &mut index, &block.path);
        let Some(Some(key)) = keys.get_mut(at) else {
            continue;
        };
        let mut values: HashMap<String, usize> = key
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (name::fold(&v.name), i))
            .collect();
        for value in &block.values {
            let value_name = match &value.name {
                ValueName::Default => "",
                ValueName::Named(n) => n.as_str(),
            };
            let folded = name::fold(value_name);
            match (
                stored(&value.data, document.format, codepage),
                values.get(&folded),
            ) {
                (None, Some(&at)) => {
                    key.values.remove(at);
                    values = key
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (name::fold(&v.name), i))
                        .collect();
                }
                (None, None) => {}
                (Some((kind, bytes)), Some(&at)) => {
                    if let Some(old) = key.values.get_mut(at) {
                        old.kind = kind;
                        old.bytes = bytes;
                    }
                }
                (Some((kind, bytes)), None) => {
                    values.insert(folded, key.values.len());
                    key.values.push(Stored {
                        name: value_name.to_owned(),
                        kind,
                        bytes,
                    });
                }
            }
        }
    }
    Imported {
        keys: keys.into_iter().flatten().collect(),
    }
}

/// The type and bytes Regedit stores for `data` read from a file of
/// `format`; `None` for a deletion.
pub fn stored(
    data: &RegData,
    format: Format,
    codepage: &'static CodePage,
) -> Option<(u32, Vec<u8>)> {
    match data {
        RegData::Delete => None,
        RegData::String(text) => {
            let mut bytes = utf16le(text);
            bytes.extend([0, 0]);
            Some((kind::SZ, bytes))
        }
        RegData::Dword(n) => Some((kind::DWORD, n.to_le_bytes().to_vec())),
        RegData::Hex { kind, bytes } => {
            let ansi_text = format == Format::Regedit4 && is_string_kind(*kind);
            let bytes = if ansi_text {
                utf16le(&codepage.decode_without_bom_handling(bytes).0)
            } else {
                bytes.clone()
            };
            Some((*kind, bytes))
        }
    }
}

/// `text` as the registry holds it: UTF-16 LE, no terminator.
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// `REG_SZ`, `REG_EXPAND_SZ` and `REG_MULTI_SZ`: the types whose `hex(N)`
/// data Regedit treats as text (terminated, and in a `REGEDIT4` file read
/// in the ANSI code page).
pub fn is_string_kind(kind: u32) -> bool {
    matches!(kind, kind::SZ | kind::EXPAND_SZ | kind::MULTI_SZ)
}

/// The index of the key at `path`, created with its parents if need be. A
/// root (`HKEY_CURRENT_USER`) is a key too: values can be set on it.
fn create(
    keys: &mut Vec<Option<ImportedKey>>,
    index: &mut HashMap<String, usize>,
    path: &str,
) -> usize {
    let mut at = usize::MAX;
    let mut end: usize = 0;
    for (i, part) in path.split('\\').enumerate() {
        end = end
            .saturating_add(part.len())
            .saturating_add(usize::from(i > 0));
        let prefix = path.get(..end).unwrap_or(path);
        at = match index.get(&name::fold(prefix)) {
            Some(&found) => found,
            None => {
                let spelt = match keys.get(at).and_then(Option::as_ref) {
                    Some(parent) => format!("{}\\{part}", parent.path),
                    None => prefix.to_owned(),
                };
                index.insert(name::fold(prefix), keys.len());
                keys.push(Some(ImportedKey {
                    path: spelt,
                    values: Vec::new(),
                }));
                keys.len().saturating_sub(1)
            }
        };
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reg::{Block, RegValue};

    fn doc(format: Format, blocks: Vec<Block>) -> Document {
        Document { format, blocks }
    }

    #[test]
    fn keys_and_values_keep_their_first_spelling() {
        let d = doc(
            Format::Regedit5,
            vec![
                Block::key(
                    "HKEY_CURRENT_USER\\A\\b",
                    vec![RegValue::named("x", RegData::Dword(1))],
                ),
                Block::key(
                    "hkey_current_user\\a\\B",
                    vec![RegValue::named("X", RegData::Dword(2))],
                ),
            ],
        );
        let imported = import(&d, encoding_rs::WINDOWS_1252);
        let paths: Vec<&str> = imported.keys.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "HKEY_CURRENT_USER",
                "HKEY_CURRENT_USER\\A",
                "HKEY_CURRENT_USER\\A\\b"
            ]
        );
        let values = &imported.keys[2].values;
        assert_eq!(values.len(), 1);
        assert_eq!(values[0].name, "x");
        assert_eq!(values[0].bytes, [2, 0, 0, 0]);
    }

    #[test]
    fn deletions_remove_subtrees_and_values() {
        let d = doc(
            Format::Regedit5,
            vec![
                Block::key("HKEY_CURRENT_USER\\A\\B\\C", vec![]),
                Block::key(
                    "HKEY_CURRENT_USER\\AB",
                    vec![RegValue::named("x", RegData::Dword(1))],
                ),
                Block {
                    path: "HKEY_CURRENT_USER\\a\\b".into(),
                    delete: true,
                    values: vec![],
                },
                Block::key(
                    "HKEY_CURRENT_USER\\AB",
                    vec![RegValue::named("X", RegData::Delete)],
                ),
            ],
        );
        let imported = import(&d, encoding_rs::WINDOWS_1252);
        let paths: Vec<&str> = imported.keys.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "HKEY_CURRENT_USER",
                "HKEY_CURRENT_USER\\A",
                "HKEY_CURRENT_USER\\AB"
            ]
        );
        assert!(imported.keys[2].values.is_empty());
    }

    #[test]
    fn ansi_text_types_become_utf16() {
        let data = RegData::Hex {
            kind: kind::EXPAND_SZ,
            bytes: vec![0xe4, 0],
        };
        let ansi = stored(&data, Format::Regedit4, encoding_rs::WINDOWS_1252);
        assert_eq!(ansi, Some((2, vec![0xe4, 0, 0, 0])));
        let unicode = stored(&data, Format::Regedit5, encoding_rs::WINDOWS_1252);
        assert_eq!(unicode, Some((2, vec![0xe4, 0])));
        let text = stored(
            &RegData::String("ü".into()),
            Format::Regedit4,
            encoding_rs::WINDOWS_1252,
        );
        assert_eq!(text, Some((1, vec![0xfc, 0, 0, 0])));
    }
}
