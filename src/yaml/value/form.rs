//! The explicit forms a value can be written in, named once for the reader,
//! the writer and the JSON Schema: the raw forms, one-entry mappings whose
//! key says how the value is stored (`{hex: …}`, `{dword: …}`,
//! `{qword: …}`, `{sz: …}`, `{expand_sz: …}`, `{multi_sz: […]}`,
//! `{hex(N): …}`, and `{x64: […]}` for a multi-valued property in the 64-bit
//! layout), and the pair `{value: …, type: REG_…}` that stores a typed value
//! with another registry type.
//!
//! A new form is a new [`Form`] (or [`StoredAs`]) here; the compiler then
//! asks for its reading and showing, and the schema lists it by itself.
//! Nothing here converts data: `raw` and `parse` do.

use std::borrow::Cow;
use std::fmt;
use std::num::ParseIntError;

use thiserror::Error;

use crate::yaml::tree::Y;

/// A raw form: the key of a one-entry mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `{hex: 01 02}`: `REG_BINARY` bytes.
    Hex,
    /// `{dword: 1}`: a `REG_DWORD`.
    Dword,
    /// `{qword: 1}`: a `REG_QWORD`.
    Qword,
    /// `{sz: text}`: a `REG_SZ`.
    Sz,
    /// `{expand_sz: "%TEMP%"}`: a `REG_EXPAND_SZ`.
    ExpandSz,
    /// `{multi_sz: [a, b]}`: a `REG_MULTI_SZ`.
    MultiSz,
    /// `{x64: […]}`: a multi-valued property in the 64-bit layout.
    X64,
    /// `{hex(7): …}`: bytes of the registry type `N` (in hex).
    Kind(u32),
}

/// What a form holds, as the schema describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Hex pairs in a string (`"01 02 0a"`).
    Bytes,
    /// An integer.
    Integer,
    /// A string.
    Text,
    /// A list of strings.
    Texts,
    /// A list of anything.
    List,
}

impl Form {
    /// The forms with a fixed key, in the order the schema lists them.
    pub const NAMED: [Form; 7] = [
        Form::Hex,
        Form::Dword,
        Form::Qword,
        Form::Sz,
        Form::ExpandSz,
        Form::MultiSz,
        Form::X64,
    ];

    /// The keys of [`Form::Kind`] forms, as a schema pattern.
    pub const KIND_PATTERN: &str = r"^hex\([0-9a-fA-F]+\)$";

    /// The form a mapping key names: one of [`Form::NAMED`] or `hex(N)`.
    pub fn from_key(key: &str) -> Result<Form, FormError> {
        if let Some(form) = Form::NAMED.into_iter().find(|f| f.key() == key) {
            return Ok(form);
        }
        match key.strip_prefix("hex(").and_then(|r| r.strip_suffix(')')) {
            Some(n) => u32::from_str_radix(n, 16)
                .map(Form::Kind)
                .map_err(|source| FormError::BadKind {
                    form: key.to_owned(),
                    source,
                }),
            None => Err(FormError::Unknown(key.to_owned())),
        }
    }

    /// The mapping key: `hex`, `dword`, …, `hex(7)`.
    pub fn key(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Form::Hex => "hex",
            Form::Dword => "dword",
            Form::Qword => "qword",
            Form::Sz => "sz",
            Form::ExpandSz => "expand_sz",
            Form::MultiSz => "multi_sz",
            Form::X64 => "x64",
            Form::Kind(kind) => return Cow::Owned(format!("hex({kind:x})")),
        })
    }

    /// What the form holds.
    pub fn shape(self) -> Shape {
        match self {
            Form::Hex | Form::Kind(_) => Shape::Bytes,
            Form::Dword | Form::Qword => Shape::Integer,
            Form::Sz | Form::ExpandSz => Shape::Text,
            Form::MultiSz => Shape::Texts,
            Form::X64 => Shape::List,
        }
    }

    /// What the form stands for, for the schema.
    pub fn description(self) -> &'static str {
        match self {
            Form::Hex => "REG_BINARY bytes as hex pairs",
            Form::Dword => "REG_DWORD",
            Form::Qword => "REG_QWORD",
            Form::Sz => "REG_SZ",
            Form::ExpandSz => "REG_EXPAND_SZ",
            Form::MultiSz => "REG_MULTI_SZ",
            Form::X64 => "a multi-valued property in the 64-bit layout",
            Form::Kind(_) => "bytes of the registry type N",
        }
    }

    /// `{key: value}`.
    pub fn wrap(self, value: Y) -> Y {
        Y::tagged(&self.key(), value)
    }
}

/// Why a mapping key is no raw form.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum FormError {
    /// A key that names no form, e.g. `{bytes: 01}`.
    #[error("unknown form {0:?}")]
    Unknown(String),
    /// `hex(N)` whose `N` is not a hex number, e.g. `{hex(z): 01}`.
    #[error("bad registry type in {form:?}")]
    BadKind {
        /// The form as written.
        form: String,
        /// Why `N` is not a number.
        #[source]
        source: ParseIntError,
    },
}

/// A registry type a typed value can be stored with, other than the one its
/// property's type gives it: `{value: …, type: REG_BINARY}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredAs {
    /// `REG_SZ`.
    Sz,
    /// `REG_BINARY`.
    Binary,
    /// `REG_DWORD`.
    Dword,
}

impl StoredAs {
    /// Every registry type of the pair, in the order messages and the
    /// schema list them.
    pub const ALL: [StoredAs; 3] = [StoredAs::Sz, StoredAs::Binary, StoredAs::Dword];

    /// The key of the value in the pair.
    pub const VALUE: &str = "value";

    /// The key of the registry type in the pair.
    pub const TYPE: &str = "type";

    /// What the pair's `value` is, for the schema.
    pub const DESCRIPTION: &str =
        "a typed value stored with a registry type other than the default";

    /// The registry type's name: `REG_SZ`, `REG_BINARY`, `REG_DWORD`.
    pub fn name(self) -> &'static str {
        match self {
            StoredAs::Sz => "REG_SZ",
            StoredAs::Binary => "REG_BINARY",
            StoredAs::Dword => "REG_DWORD",
        }
    }

    /// The registry type named `name`, exactly as [`StoredAs::name`] writes it.
    pub fn from_name(name: &str) -> Option<StoredAs> {
        StoredAs::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The names of [`StoredAs::ALL`] as a message says them:
    /// `REG_SZ, REG_BINARY or REG_DWORD`.
    pub fn choices() -> String {
        let names = StoredAs::ALL.map(StoredAs::name);
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// `{value: value, type: REG_…}`.
    pub fn wrap(self, value: Y) -> Y {
        Y::Map(vec![
            (StoredAs::VALUE.into(), value),
            (StoredAs::TYPE.into(), Y::Str(self.name().into())),
        ])
    }
}

impl fmt::Display for StoredAs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_form_is_found_by_its_key() {
        for form in Form::NAMED {
            assert_eq!(Form::from_key(&form.key()), Ok(form));
        }
        let keys: Vec<Cow<'_, str>> = Form::NAMED.into_iter().map(Form::key).collect();
        assert_eq!(
            keys,
            [
                "hex",
                "dword",
                "qword",
                "sz",
                "expand_sz",
                "multi_sz",
                "x64"
            ]
        );
    }

    #[test]
    fn hex_n_forms_carry_their_registry_type() {
        assert_eq!(Form::from_key("hex(7)"), Ok(Form::Kind(7)));
        assert_eq!(Form::from_key("hex(b)"), Ok(Form::Kind(0xb)));
        assert_eq!(Form::from_key("hex(FFFFFFFF)"), Ok(Form::Kind(u32::MAX)));
        assert_eq!(Form::Kind(0xb).key(), "hex(b)");
        // hex(3) is read, though `hex` is how REG_BINARY is written
        assert_eq!(Form::from_key("hex(3)"), Ok(Form::Kind(3)));
    }

    #[test]
    fn keys_that_name_no_form() {
        let message = |key: &str| Form::from_key(key).unwrap_err().to_string();
        assert_eq!(message("bytes"), "unknown form \"bytes\"");
        assert_eq!(message("HEX"), "unknown form \"HEX\"");
        assert_eq!(message("hex(7"), "unknown form \"hex(7\"");
        assert_eq!(message("hex(z)"), "bad registry type in \"hex(z)\"");
        assert_eq!(message("hex()"), "bad registry type in \"hex()\"");
        assert_eq!(
            message("hex(100000000)"),
            "bad registry type in \"hex(100000000)\""
        );
        let error = Form::from_key("hex(z)").unwrap_err();
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn forms_wrap_their_value() {
        assert_eq!(
            Form::MultiSz.wrap(Y::Seq(Vec::new())),
            Y::Map(vec![("multi_sz".into(), Y::Seq(Vec::new()))])
        );
        assert_eq!(
            StoredAs::Binary.wrap(Y::Str("a".into())),
            Y::Map(vec![
                ("value".into(), Y::Str("a".into())),
                ("type".into(), Y::Str("REG_BINARY".into())),
            ])
        );
    }

    #[test]
    fn registry_types_of_the_pair() {
        for stored in StoredAs::ALL {
            assert_eq!(StoredAs::from_name(stored.name()), Some(stored));
        }
        assert_eq!(StoredAs::from_name("reg_sz"), None);
        assert_eq!(StoredAs::from_name("REG_QWORD"), None);
        assert_eq!(StoredAs::choices(), "REG_SZ, REG_BINARY or REG_DWORD");
    }
}
