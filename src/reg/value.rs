//! Registry values as a `.reg` file spells them.

use std::fmt;

use super::name;

/// Registry type numbers (`REG_*`) that have their own spelling or meaning.
pub mod kind {
    /// `REG_NONE`, `hex(0):`.
    pub const NONE: u32 = 0;
    /// `REG_SZ`, `"text"` or `hex(1):`.
    pub const SZ: u32 = 1;
    /// `REG_EXPAND_SZ`, `hex(2):`.
    pub const EXPAND_SZ: u32 = 2;
    /// `REG_BINARY`, `hex:`.
    pub const BINARY: u32 = 3;
    /// `REG_DWORD`, `dword:` or `hex(4):`.
    pub const DWORD: u32 = 4;
    /// `REG_MULTI_SZ`, `hex(7):`.
    pub const MULTI_SZ: u32 = 7;
    /// `REG_QWORD`, `hex(b):`.
    pub const QWORD: u32 = 0xb;
}

/// The name of a value: `@` (the key's default value) or a quoted name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueName {
    /// `@`, the default value.
    Default,
    /// `"name"`, unescaped.
    Named(String),
}

impl ValueName {
    /// The name as text; the default value is `@`.
    pub fn as_str(&self) -> &str {
        match self {
            ValueName::Default => "@",
            ValueName::Named(name) => name,
        }
    }
}

impl ValueName {
    /// Whether the registry takes `self` and `other` for the same value
    /// (names compare without regard to case; `@` is only the default).
    pub fn same_as(&self, other: &ValueName) -> bool {
        match (self, other) {
            (ValueName::Default, ValueName::Default) => true,
            (ValueName::Named(a), ValueName::Named(b)) => name::same(a, b),
            _ => false,
        }
    }
}

impl fmt::Display for ValueName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The data of a value, in the form the file wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegData {
    /// `"text"`: a `REG_SZ` written as a quoted string (unescaped here).
    String(String),
    /// `dword:0000abcd`.
    Dword(u32),
    /// `hex:…` (`kind` 3) or `hex(N):…`: a type number and raw bytes.
    Hex {
        /// Registry type number.
        kind: u32,
        /// The bytes, exactly as listed.
        bytes: Vec<u8>,
    },
    /// `-`: delete the value.
    Delete,
}

impl RegData {
    /// The registry type this data imports as; `None` for a deletion.
    pub fn kind(&self) -> Option<u32> {
        match self {
            RegData::String(_) => Some(kind::SZ),
            RegData::Dword(_) => Some(kind::DWORD),
            RegData::Hex { kind, .. } => Some(*kind),
            RegData::Delete => None,
        }
    }
}

/// One `name=data` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegValue {
    /// The value name.
    pub name: ValueName,
    /// The data.
    pub data: RegData,
}

impl RegValue {
    /// The value called `name` holding `data`.
    pub fn named(name: impl Into<String>, data: RegData) -> RegValue {
        RegValue {
            name: ValueName::Named(name.into()),
            data,
        }
    }
}

/// The first value named `name` (case-insensitively) among `values`.
pub fn find_value<'v>(values: &'v [RegValue], name: &str) -> Option<&'v RegValue> {
    values.iter().find(|v| name::same(v.name.as_str(), name))
}

/// The strings of `REG_MULTI_SZ` bytes (`unit` bytes a character: 2 in
/// UTF-16, 1 in an ANSI code page), each with its terminator; `None` unless
/// the list ends with one more terminator and splits exactly.
pub fn multi_sz_items(bytes: &[u8], unit: usize) -> Option<Vec<&[u8]>> {
    let body = bytes.get(..bytes.len().checked_sub(unit)?)?;
    if bytes.get(body.len()..)?.iter().any(|&b| b != 0) || body.len().checked_rem(unit) != Some(0) {
        return None;
    }
    let mut items = Vec::new();
    let mut start = 0;
    for (n, chunk) in body.chunks(unit).enumerate() {
        if chunk.iter().all(|&b| b == 0) {
            let end = n.checked_add(1)?.checked_mul(unit)?;
            items.push(body.get(start..end)?);
            start = end;
        }
    }
    (start == body.len()).then_some(items)
}
