//! Why a YAML entry is not a registry value: [`ValueError`] for the entry
//! (its name, its form, its registry type) and [`ShapeError`] for a YAML
//! value that is not what its type needs.
//!
//! The texts are the ones people read after the entry's location and path
//! (`4:7: profiles.Outlook.….TCPExchangePort: 70000 does not fit …`); the
//! readers add the location, nothing here knows it.

use thiserror::Error;

use crate::mapi::dictionary::{self, Scope};
use crate::mapi::flags::Names;
use crate::mapi::{HexError, PropType};
use crate::reg::ValueName;
use crate::text::TextError;

use super::form::{FormError, StoredAs};

/// Why a YAML entry is not a registry value.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ValueError {
    /// A name that is not a property of this kind of section, e.g.
    /// `RPCProxyServr: x` in an Exchange section; the message suggests close
    /// names, worked out only when it is shown (readers try names in
    /// sections whose kind they do not know yet).
    #[error(
        "unknown property {name:?} in this section; {}A value that is not a MAPI property is written with its registry type, e.g. {{sz: …}}",
        did_you_mean(.name, *.scope)
    )]
    UnknownProperty {
        /// The name as written.
        name: String,
        /// The section's scope.
        scope: Option<Scope>,
    },
    /// A dictionary name that stands for more than one property in this
    /// section, e.g. a name two providers' dictionaries both define.
    #[error("name {key:?} is ambiguous here ({}); use the raw value name", .names.join(", "))]
    Ambiguous {
        /// The name as written.
        key: String,
        /// The raw value names it could stand for.
        names: Vec<String>,
    },
    /// A typed value for a property whose value name marks it secure, e.g.
    /// `S001e67f1: x`.
    #[error("secure values are written as {{hex: …}}")]
    Secure,
    /// A plain string's place taken by something else outside a profile,
    /// e.g. `Version: 3` under `keys`.
    #[error("{name} has no known type: write a string or one of {{dword: …}}, {{hex: …}}")]
    NoKnownType {
        /// The value name.
        name: ValueName,
    },
    /// An account manager setting in a form it does not have, e.g.
    /// `Account Name: [a]`.
    #[error("unexpected value for this account setting; use {{hex: …}} for raw bytes")]
    AccountSetting,
    /// `Leave on Server` in words it does not use.
    #[error(
        "expected a number or words such as \"leave\", \"leave, remove after 14 days\", \"leave, remove when deleted\""
    )]
    LeaveOnServer,
    /// A mapping that is neither one raw form nor a `value`/`type` pair,
    /// e.g. `{hex: 01, dword: 1}`.
    #[error(
        "expected a typed value or one of {{hex: …}}, {{dword: …}}, {{sz: …}}, {{hex(N): …}}, {{value: …, type: …}}, {{delete: true}}"
    )]
    NotAForm,
    /// No value at all (`TCPExchangePort:`), which once meant a deletion.
    #[error("no value: give one, or write {{delete: true}} to delete the value on import")]
    Empty,
    /// `{delete: false}`, which deletes nothing.
    #[error("{{delete: false}} deletes nothing: give the value instead, or {{delete: true}}")]
    DeleteFalse,
    /// A one-entry mapping whose key is no raw form, e.g. `{bytes: 01}`.
    #[error(transparent)]
    Form(#[from] FormError),
    /// `multi_sz` with something other than a list, e.g. `{multi_sz: a}`.
    #[error("multi_sz needs a list of strings")]
    MultiSzNotList,
    /// A `multi_sz` string that is empty, e.g. `{multi_sz: [a, "", b]}`:
    /// Windows ends the list at an empty string (Microsoft's "Registry Value
    /// Types": REG_MULTI_SZ is "a sequence of null-terminated strings,
    /// terminated by an empty string").
    #[error(
        "multi_sz string {0} is empty; Windows ends the list there and drops the strings after it"
    )]
    MultiSzEmpty(usize),
    /// A string holding NUL, e.g. `{multi_sz: ["a\0b"]}`: Windows ends
    /// the string there (in a `multi_sz`, it splits it in two).
    #[error("the string {0:?} holds NUL, where Windows would end it")]
    Nul(String),
    /// A `qword` outside both 64-bit ranges, e.g. `{qword: 18446744073709551616}`.
    #[error("qword out of range")]
    QwordOutOfRange,
    /// `x64` on a value that is not a multi-valued property, e.g.
    /// `{x64: [1]}` under `keys`.
    #[error("x64 applies to multi-valued properties only")]
    X64NotMulti,
    /// A `value`/`type` pair with more beside it, e.g.
    /// `{value: a, type: REG_SZ, hex: 01}`.
    #[error("expected exactly `value` and `type`")]
    ValueAndTypeOnly,
    /// A `type` that is not a word, e.g. `{value: a, type: 1}`.
    #[error("`type` must be {}", StoredAs::choices())]
    TypeNotText,
    /// A `type` word that is no registry type a typed value can be stored
    /// with, e.g. `{value: a, type: REG_QWORD}`.
    #[error("unknown type {0:?}; `type` is {choices}", choices = StoredAs::choices())]
    UnknownType(String),
    /// A registry type that the property's type cannot be stored with, e.g.
    /// `{value: 1, type: REG_BINARY}` for a `PT_LONG`.
    #[error("type {stored_as} does not fit {name}")]
    TypeMismatch {
        /// The registry type.
        stored_as: StoredAs,
        /// The value name.
        name: ValueName,
    },
    /// A value that does not fit its property's type, e.g.
    /// `TCPExchangePort: 70000` (a `PT_I2`).
    #[error("{shape} (for {name}, {ptype})")]
    Typed {
        /// The value name.
        name: ValueName,
        /// The property's type.
        ptype: PropType,
        /// What is wrong with the value (its text is in the message).
        shape: ShapeError,
    },
    /// A value that is not what its form needs, e.g. `{dword: ten}`.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// Text the code page cannot hold, e.g. `€` in a `PT_STRING8` of an
    /// ISO-8859-1 export.
    #[error(transparent)]
    Text(#[from] TextError),
}

/// Why a YAML value is not what its type or form needs.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ShapeError {
    /// Something other than a string, e.g. `{sz: [a]}`.
    #[error("expected a string")]
    ExpectedString,
    /// A scalar YAML reads as a boolean or a number where text is wanted,
    /// e.g. `HomeServer: NO`.
    #[error(
        "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it"
    )]
    QuoteIt,
    /// Something other than a number, e.g. `{dword: [1]}`.
    #[error("expected a number")]
    ExpectedNumber,
    /// Flag names of a property whose names depend on the section's role,
    /// where the document does not show it (a patch's section).
    #[error(
        "the flag names of this property depend on whether the section is a message service's (service-*) or a provider's (status-*): this section does not show which, so write the number (0x22)"
    )]
    RoleUnknown,
    /// A string that is no number, e.g. `{dword: ten}`.
    #[error("expected a number, found {0:?}")]
    NotANumber(String),
    /// A number outside both 32-bit ranges, e.g. `{dword: 4294967296}`.
    #[error("{0} does not fit in 32 bits")]
    Not32Bits(i128),
    /// A `PT_I2` outside 0–65535, e.g. `TCPExchangePort: 70000`.
    #[error("{0} does not fit in 16 bits (0 to 65535)")]
    Not16Bits(i128),
    /// A `PT_I8` outside the signed 64-bit range, e.g. `9223372036854775808`.
    #[error("out of range for PT_I8")]
    NotI8,
    /// Bytes given as something other than a string, e.g. `{hex: 1}`.
    #[error("expected hex bytes like \"01 02 0a\"")]
    ExpectedHex,
    /// A string that is no list of hex bytes, e.g. `{hex: 0 1 2}`.
    #[error("{0}; expected bytes like \"01 02 0a\"")]
    BadHex(HexError),
    /// A UID that is not 32 hex digits, e.g. `abc`.
    #[error("expected a UID of 32 hex digits")]
    ExpectedUid,
    /// A multi-valued property given one value, e.g. `a` for a
    /// `PT_MV_UNICODE`.
    #[error("expected a list")]
    ExpectedList,
    /// A `PT_BOOLEAN` given something else, e.g. `1`.
    #[error("expected true or false")]
    ExpectedBool,
    /// A `PT_SYSTIME` string that is no time, e.g. `yesterday`.
    #[error("expected a time like 2024-05-01T10:20:30Z")]
    ExpectedTime,
    /// A `PT_SYSTIME` number outside 0–2⁶⁴−1, e.g. `-1`.
    #[error("out of range")]
    TimeOutOfRange,
    /// A `PT_CLSID` that is no GUID, e.g. `{1234}`.
    #[error("expected a GUID like {{00020D0A-0000-0000-C000-000000000046}}")]
    ExpectedGuid,
    /// A type with no typed form, e.g. `PT_OBJECT`.
    #[error("{0} has no typed form; use {{hex: …}}")]
    NoTypedForm(PropType),
    /// A flag or enum name the property does not have, e.g. `use-htp` in
    /// `RPCoverHTTPflags`.
    #[error("unknown name {name:?}; known: {}", known(.names))]
    UnknownName {
        /// The name as written.
        name: String,
        /// The names the property has.
        names: Names,
    },
    /// A `PT_CURRENCY` given something other than a decimal, e.g. `12.34`
    /// unquoted (a float).
    #[error("expected a decimal like \"12.3400\"")]
    ExpectedDecimal,
    /// A decimal with more than four places or other characters, e.g.
    /// `"1.23456"`.
    #[error("bad currency {0:?}")]
    BadCurrency(String),
    /// A decimal too large for a `PT_CURRENCY`, e.g.
    /// `"1000000000000000.0000"`.
    #[error("currency out of range")]
    CurrencyOutOfRange,
}

/// `did you mean A, B? ` for the names close to `name`, or nothing.
fn did_you_mean(name: &str, scope: Option<Scope>) -> String {
    match dictionary::closest(name, scope).as_slice() {
        [] => String::new(),
        names => format!("did you mean {}? ", names.join(", ")),
    }
}

/// The names of a flag or enum property, comma-separated.
fn known(names: &[(u32, &'static str)]) -> String {
    let known: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
    known.join(", ")
}
