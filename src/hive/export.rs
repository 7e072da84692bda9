//! Which keys of a hive become a registry document, and how each value is
//! spelt: the keys `reg export` of the Outlook profiles would write on the
//! user's machine (or any subtree the caller names), under the hive root
//! the caller gives, subkeys in the order Windows enumerates them (the
//! order of the hive's sorted subkey lists) and values in stored order.

use std::collections::HashSet;

use crate::diag::{Effect, Warning};
use crate::reg::{Block, RegData, RegValue, ValueName, kind, name};

use super::cells::{Cells, Fault};
use super::key::{self, KeyNode};
use super::value::{HiveValue, Record};

/// The registry allows keys this deep; deeper ones are a crafted hive.
const MOST_DEPTH: usize = 512;
/// Problems of a hive listed one by one; more are counted.
const MOST_WARNINGS: usize = 100;
/// What reading a key node costs against the budget, besides its name.
const KEY_NODE: usize = 80;
/// What reading a value record costs, besides its name and data.
const VALUE_RECORD: usize = 24;

/// What to take out of a hive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    /// The key the hive's root stands for in the paths written:
    /// `HKEY_CURRENT_USER` for a user's own `NTUSER.DAT`, or
    /// `HKEY_USERS\<SID>` for another user's loaded hive.
    pub root: String,
    /// A subtree to take instead of the Outlook profiles: a path below the
    /// root (it may start with the root's own name).
    pub key: Option<String>,
}

impl Select {
    /// The subtree at `path` (below the hive root), written under
    /// `HKEY_CURRENT_USER`; `\\` is the whole hive.
    pub fn subtree(path: impl Into<String>) -> Select {
        Select {
            key: Some(path.into()),
            ..Select::default()
        }
    }
}

impl Default for Select {
    fn default() -> Self {
        Select {
            root: "HKEY_CURRENT_USER".to_owned(),
            key: None,
        }
    }
}

/// Where Outlook keeps profiles below a user's root, before the version
/// (`Software\Microsoft\Office\NN.N\Outlook\Profiles`) and whole (the
/// Windows Messaging Subsystem roots of Outlook 2010 and earlier).
const OFFICE: &[&str] = &["Software", "Microsoft", "Office"];
const MESSAGING: &[&[&str]] = &[
    &[
        "Software",
        "Microsoft",
        "Windows Messaging Subsystem",
        "Profiles",
    ],
    &[
        "Software",
        "Microsoft",
        "Windows NT",
        "CurrentVersion",
        "Windows Messaging Subsystem",
        "Profiles",
    ],
];

/// Walks a hive, gathering blocks and warnings.
pub(super) struct Walk<'h> {
    cells: Cells<'h>,
    minor: u32,
    /// Key nodes already written: a list that leads back to one is a loop.
    seen: HashSet<u32>,
    /// The blocks gathered.
    pub blocks: Vec<Block>,
    /// What was wrong, with byte offsets.
    pub warnings: Vec<Warning>,
    /// String values stored without a closing NUL: how many, and the
    /// first (key\\name); no `.reg` gives them back as they are.
    pub unterminated: (usize, Option<String>),
    /// Problems met beyond the first [`MOST_WARNINGS`].
    pub unlisted: usize,
    /// How many more bytes of paths, names and data the document may
    /// take: a valid hive's come to about its size, and paths repeated
    /// down deep chains of long names, or cells shared between values,
    /// must not make gigabytes of a small file.
    budget: usize,
    /// The budget ran out and that was said.
    spent: bool,
}

impl<'h> Walk<'h> {
    pub(super) fn new(cells: Cells<'h>, minor: u32) -> Self {
        Walk {
            cells,
            minor,
            seen: HashSet::new(),
            blocks: Vec::new(),
            warnings: Vec::new(),
            unterminated: (0, None),
            unlisted: 0,
            budget: cells.end().saturating_mul(8).saturating_add(1 << 20),
            spent: false,
        }
    }

    /// Take `bytes` from the budget; false (said once) when it has run out.
    fn spend(&mut self, bytes: usize, at: u32) -> bool {
        if let Some(left) = self.budget.checked_sub(bytes) {
            self.budget = left;
            return true;
        }
        if !self.spent {
            self.spent = true;
            self.warn(&Fault::in_bins(
                at,
                "reading the hive has come to eight times its size, which no hive Windows wrote does (cells listed again and again, or paths of very long names nested deep); the rest is skipped",
            ));
        }
        false
    }

    /// The Outlook profile roots below `root` (written as `prefix`), each
    /// with the `DefaultProfile` value where that root keeps it; the paths
    /// of the roots found.
    pub(super) fn profiles(&mut self, root: &KeyNode, prefix: &str) -> Vec<String> {
        let mut found = Vec::new();
        if let Some((office, path)) = self.path(root, prefix, OFFICE) {
            for version in self.subkeys(&office) {
                if self.spent {
                    break;
                }
                let Some(version_name) = self.path_name(&version) else {
                    continue;
                };
                let version_path = format!("{path}\\{version_name}");
                let Some((outlook, outlook_path)) =
                    self.path(&version, &version_path, &["Outlook"])
                else {
                    continue;
                };
                let Some((profiles, profiles_path)) =
                    self.path(&outlook, &outlook_path, &["Profiles"])
                else {
                    continue;
                };
                self.default_profile(&outlook, &outlook_path);
                self.subtree(&profiles, &profiles_path, 0);
                found.push(profiles_path);
            }
        }
        for steps in MESSAGING {
            if let Some((profiles, path)) = self.path(root, prefix, steps) {
                self.subtree(&profiles, &path, 0);
                found.push(path);
            }
        }
        found
    }

    /// The `DefaultProfile` value of the key `outlook` (at `path`) alone,
    /// as a block, when it has one: from Outlook 2013 on, the profiles'
    /// parent key holds it among values that are not the profiles'.
    pub(super) fn default_profile(&mut self, outlook: &KeyNode, path: &str) {
        let default: Vec<RegValue> = self
            .values(outlook, path)
            .into_iter()
            .filter(|v| name::same(v.name.as_str(), "DefaultProfile"))
            .collect();
        if !default.is_empty() {
            self.blocks.push(Block::key(path, default));
        }
    }

    /// The key at `steps` below `from` (written as `prefix`), and its
    /// path with each name as the hive spells it.
    pub(super) fn path(
        &mut self,
        from: &KeyNode,
        prefix: &str,
        steps: &[&str],
    ) -> Option<(KeyNode, String)> {
        let mut at = from.clone();
        let mut path = prefix.to_owned();
        for step in steps {
            at = self
                .subkeys(&at)
                .into_iter()
                .find(|k| k.name.as_deref().is_some_and(|n| name::same(n, step)))?;
            path.push('\\');
            path.push_str(at.name.as_deref().unwrap_or(step));
        }
        Some((at, path))
    }

    /// `key` (written as `path`) and everything below it, a key before its
    /// subkeys.
    pub(super) fn subtree(&mut self, key: &KeyNode, path: &str, depth: usize) {
        if !self.seen.insert(key.offset) {
            self.warn(&Fault::in_bins(
                key.offset,
                format!("the key {path} is listed again below itself or another key (a loop in the subkey lists); written once"),
            ));
            return;
        }
        if depth > MOST_DEPTH {
            self.warn(&Fault::in_bins(
                key.offset,
                format!(
                    "keys nested more than {MOST_DEPTH} deep below {path}; the rest is skipped"
                ),
            ));
            return;
        }
        if !self.spend(path.len(), key.offset) {
            return;
        }
        let values = self.values(key, path);
        self.blocks.push(Block::key(path, values));
        for sub in self.subkeys(key) {
            if self.spent {
                return;
            }
            if self.seen.contains(&sub.offset) {
                self.warn(&Fault::in_bins(
                    sub.offset,
                    format!("a subkey of {path} is listed again below itself or another key (a loop in the subkey lists); written once"),
                ));
                continue;
            }
            if let Some(sub_name) = self.path_name(&sub) {
                self.subtree(
                    &sub,
                    &format!("{path}\\{sub_name}"),
                    depth.saturating_add(1),
                );
            }
        }
    }

    /// The subkeys of `key`, in list order.
    fn subkeys(&mut self, key: &KeyNode) -> Vec<KeyNode> {
        if self.spent {
            return Vec::new();
        }
        let (offsets, faults) = key::subkey_offsets(&self.cells, key.subkeys);
        for fault in faults {
            self.warn(&fault);
        }
        let mut listed = HashSet::new();
        let mut out = Vec::new();
        for offset in offsets {
            // each key read costs its node, even when it fails or repeats
            if !self.spend(KEY_NODE, offset) {
                break;
            }
            if !listed.insert(offset) {
                self.warn(&Fault::in_bins(
                    offset,
                    "a key listed twice in one subkey list; read once",
                ));
                continue;
            }
            match KeyNode::read(&self.cells, offset) {
                Ok(node) if self.spend(node.name_len, offset) => out.push(node),
                Ok(_) => break,
                Err(fault) => self.warn(&fault),
            }
        }
        out
    }

    /// The values of `key` (at `path`) as a `.reg` spells them.
    fn values(&mut self, key: &KeyNode, path: &str) -> Vec<RegValue> {
        let (offsets, fault) = key::value_offsets(&self.cells, key);
        if let Some(fault) = fault {
            self.warn(&fault);
        }
        let mut listed = HashSet::new();
        let mut out = Vec::new();
        for offset in offsets {
            if self.spent || !self.spend(VALUE_RECORD, offset) {
                break;
            }
            if !listed.insert(offset) {
                self.warn(&Fault::in_bins(
                    offset,
                    "a value listed twice in one key; read once",
                ));
                continue;
            }
            let record = match Record::read(&self.cells, offset) {
                Ok(record) => record,
                Err(fault) => {
                    self.warn(&fault);
                    continue;
                }
            };
            // what the value claims is taken before it is gathered, and
            // stays taken when gathering fails
            let limit = self.budget;
            if !self.spend(record.claimed(), offset) {
                break;
            }
            match record.value(&self.cells, self.minor, limit) {
                Ok(value) => {
                    if let Some(v) = self.reg_value(value, offset, path) {
                        out.push(v);
                    }
                }
                Err(fault) => self.warn(&fault),
            }
        }
        out
    }

    fn reg_value(&mut self, value: HiveValue, offset: u32, path: &str) -> Option<RegValue> {
        let name = match value.name.as_deref() {
            None => Some("a value name that is not valid UTF-16"),
            Some(n) if n.contains('\0') => {
                Some("a value name holding NUL, which a .reg line cannot hold")
            }
            Some(_) => None,
        };
        if let Some(why) = name {
            self.warn(&Fault::in_bins(offset, format!("{why} in {path}; skipped")));
            return None;
        }
        let name = match value.name {
            Some(n) if n.is_empty() => ValueName::Default,
            Some(n) => ValueName::Named(n),
            None => return None,
        };
        let string = matches!(value.kind, kind::SZ | kind::EXPAND_SZ | kind::MULTI_SZ);
        if string && !value.data.is_empty() && !value.data.ends_with(&[0, 0]) {
            self.unterminated.0 = self.unterminated.0.saturating_add(1);
            if self.unterminated.1.is_none() {
                self.unterminated.1 = Some(format!("{path}\\{name}"));
            }
        }
        Some(RegValue {
            name,
            data: data(value.kind, value.data),
        })
    }

    /// The name of `key` as a path component, or `None` (with a warning)
    /// when a `.reg` key line cannot hold it.
    fn path_name(&mut self, key: &KeyNode) -> Option<String> {
        let why = match key.name.as_deref() {
            None => "a key name that is not valid UTF-16",
            Some("") => "a key with an empty name",
            Some(n) if n.contains(['\\', '\0', '\r', '\n']) => {
                "a key name holding \\, NUL or a line break, which a .reg key line cannot hold"
            }
            Some(n) => return Some(n.to_owned()),
        };
        let shown = key.shown_name();
        self.warn(&Fault::in_bins(
            key.offset,
            format!("{why} ({shown:?}); it and its subkeys are skipped"),
        ));
        None
    }

    fn warn(&mut self, fault: &Fault) {
        if self.warnings.len() < MOST_WARNINGS {
            self.warnings
                .push(Warning::general(format!("hive {fault}")).with(Effect::Damaged));
        } else {
            self.unlisted = self.unlisted.saturating_add(1);
        }
    }
}

/// Stored bytes as a `.reg` spells them: a `REG_SZ` as a quoted string and
/// a 4-byte `REG_DWORD` as `dword:`, as Regedit exports them, when that
/// imports back to the same bytes; anything else as `hex(N):`, which
/// always does (Regedit would drop what follows a NUL, or the last
/// character of a string stored without its terminator).
fn data(kind: u32, bytes: Vec<u8>) -> RegData {
    match kind {
        kind::SZ => match exact_string(&bytes) {
            Some(text) => RegData::String(text),
            None => RegData::Hex { kind, bytes },
        },
        kind::DWORD => match <[u8; 4]>::try_from(bytes.as_slice()) {
            Ok(word) => RegData::Dword(u32::from_le_bytes(word)),
            Err(_) => RegData::Hex { kind, bytes },
        },
        _ => RegData::Hex { kind, bytes },
    }
}

/// The text of a `REG_SZ` that a quoted `.reg` string gives back byte for
/// byte: UTF-16 ending in its one NUL, no other NUL, no line break.
fn exact_string(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_suffix(&[0, 0])?;
    let text = key::utf16(body)?;
    (!text.contains(['\0', '\r', '\n'])).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16z(text: &str) -> Vec<u8> {
        text.encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect()
    }

    #[test]
    fn strings_and_dwords_are_spelt_as_regedit_spells_them() {
        assert_eq!(
            data(kind::SZ, utf16z("Outlook")),
            RegData::String("Outlook".into())
        );
        assert_eq!(data(kind::DWORD, vec![1, 0, 0, 0]), RegData::Dword(1));
        assert_eq!(
            data(kind::BINARY, vec![1, 2]),
            RegData::Hex {
                kind: kind::BINARY,
                bytes: vec![1, 2]
            }
        );
    }

    #[test]
    fn what_a_quoted_string_would_change_stays_hex() {
        for bytes in [
            b"O\0u\0".to_vec(),         // no terminator
            vec![],                     // nothing at all
            b"a\0\0\0b\0\0\0".to_vec(), // a NUL inside
            b"a\0\n\0\0\0".to_vec(),    // a line break
            b"a\0\0".to_vec(),          // an odd length
        ] {
            assert_eq!(
                data(kind::SZ, bytes.clone()),
                RegData::Hex {
                    kind: kind::SZ,
                    bytes
                }
            );
        }
        assert_eq!(
            data(kind::DWORD, vec![1, 0]),
            RegData::Hex {
                kind: kind::DWORD,
                bytes: vec![1, 0]
            }
        );
    }
}
