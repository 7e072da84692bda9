//! What a `.reg` file asks Regedit to do: keys in file order, each with its
//! values in file order. Comments, blank lines and layout are not here (the
//! syntax tree in `tree` keeps them).

use super::value::RegValue;

/// The header line of a `.reg` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `REGEDIT4`: an ANSI file from the Windows 9x/NT4 era.
    Regedit4,
    /// `Windows Registry Editor Version 5.00`: what Regedit writes today.
    Regedit5,
}

impl Format {
    /// The header line, without a line ending.
    pub fn header(&self) -> &'static str {
        match self {
            Format::Regedit4 => "REGEDIT4",
            Format::Regedit5 => "Windows Registry Editor Version 5.00",
        }
    }

    /// The name used in YAML `source:` blocks.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Regedit4 => "regedit4",
            Format::Regedit5 => "regedit5",
        }
    }

    /// The format named `name` as written by [`Format::name`].
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "regedit4" => Some(Format::Regedit4),
            "regedit5" => Some(Format::Regedit5),
            _ => None,
        }
    }
}

/// One `[key]` or `[-key]` line and the values that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Full key path, e.g. `HKEY_CURRENT_USER\Software\…`, as written
    /// (repeated backslashes collapsed, trailing backslashes removed).
    pub path: String,
    /// `[-key]`: delete the key and everything below it.
    pub delete: bool,
    /// Values in file order.
    pub values: Vec<RegValue>,
}

impl Block {
    /// A key that sets `values`.
    pub fn key(path: impl Into<String>, values: Vec<RegValue>) -> Self {
        Block {
            path: path.into(),
            delete: false,
            values,
        }
    }
}

/// The keys and values of a `.reg` file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The header.
    pub format: Format,
    /// Key blocks in file order; a key may appear more than once.
    pub blocks: Vec<Block>,
}

/// Normalise a key path as Regedit does: collapse repeated backslashes and
/// drop trailing ones.
pub fn normalise_path(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for part in raw.split('\\').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('\\');
        }
        out.push_str(part);
    }
    out
}
