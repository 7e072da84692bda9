//! One registry value ↔ one YAML entry: the name a person reads, a typed
//! value, and the raw value name as a comment.
//!
//! [`show`] only returns a typed form when [`parse`] turns it back into the
//! very same value; otherwise it falls back to an explicit raw form
//! (`{hex: …}`, `{dword: …}`, `{sz: …}`, `{hex(N): …}`).

use std::fmt;

use encoding_rs::Encoding as CodePage;

use crate::mapi::dictionary::{self, Entry, Meaning, Scope};
use crate::mapi::flags::{self, Flag, Names};
use crate::mapi::{self, Layout, PropTag, PropType, PropValue, Scalar, TagName, account, time};
use crate::model::{SectionInfo, Source};
use crate::reg::{Format, RegData, RegValue, ValueName, kind};

use super::tree::Y;
use crate::mapi::parse_int;

/// Where a value lives, which decides how it is named and typed.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Inside a profile (MAPI names apply).
    pub in_profile: bool,
    /// The owning service's scope.
    pub scope: Option<Scope>,
    /// In the account manager (plain names with known meanings).
    pub account_manager: bool,
    /// The `.reg` format (REG_EXPAND_SZ and REG_MULTI_SZ encodings differ).
    pub format: Format,
    /// ANSI code page for `PT_STRING8` bytes and REGEDIT4 strings.
    pub codepage: &'static CodePage,
}

impl Context {
    /// The context of a key read from `source`: inside a profile or not, and
    /// what [`crate::model::describe`] says of it.
    pub fn new(source: &Source, in_profile: bool, info: &SectionInfo) -> Context {
        Context {
            in_profile,
            scope: info.scope,
            account_manager: info.account_manager,
            format: source.format,
            codepage: source.codepage,
        }
    }
}

/// A value ready to write: its YAML key, value and comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The YAML key.
    pub key: String,
    /// The YAML value.
    pub value: Y,
    /// The comment (raw value name, type), if any.
    pub comment: Option<String>,
}

/// The YAML form of `value`.
pub fn show(value: &RegValue, ctx: &Context) -> Shown {
    let raw_name = value.name.as_str();
    let tag = tag_of(raw_name, ctx);
    let entry = tag.and_then(|t| dictionary::lookup(t.tag, ctx.scope));
    let canonical = tag.is_some_and(|t| t.canonical() == raw_name);
    let key = match (entry, canonical) {
        (Some(entry), true) if !tag.is_some_and(|t| t.secure) => entry.name.to_owned(),
        _ => raw_name.to_owned(),
    };
    let comment = match (tag, key == raw_name) {
        (Some(t), true) => Some(t.tag.ptype.to_string()),
        (Some(_), false) => Some(raw_name.to_owned()),
        (None, _) => None,
    };
    let typed = typed_form(value, tag, entry.map(|e| e.meaning), ctx);
    let value_y = match typed {
        Some(y) if parse(&key, &y.as_read(), ctx).as_ref() == Ok(value) => y,
        _ => raw_form(&value.data),
    };
    Shown {
        key,
        value: value_y,
        comment,
    }
}

/// Why a YAML entry is not a registry value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// A name that is not a property of this kind of section; the message
    /// suggests close names, worked out only when it is shown (readers try
    /// names in sections whose kind they do not know yet).
    UnknownProperty {
        /// The name as written.
        name: String,
        /// The section's scope.
        scope: Option<Scope>,
    },
    /// Anything else, said in full.
    Invalid(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::UnknownProperty { name, scope } => {
                let hint = match dictionary::closest(name, *scope).as_slice() {
                    [] => String::new(),
                    names => format!("did you mean {}? ", names.join(", ")),
                };
                write!(
                    f,
                    "unknown property {name:?} in this section; {hint}A value that is not a MAPI property is written with its registry type, e.g. {{sz: …}}"
                )
            }
            ValueError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ValueError {}

impl From<String> for ValueError {
    fn from(message: String) -> Self {
        ValueError::Invalid(message)
    }
}

impl From<ValueError> for String {
    fn from(error: ValueError) -> Self {
        error.to_string()
    }
}

/// The registry value for YAML key `key` and value `y` (as read).
pub fn parse(key: &str, y: &Y, ctx: &Context) -> Result<RegValue, ValueError> {
    let (name, tag) = resolve_name(key, ctx)?;
    let data = match y {
        Y::Null => RegData::Delete,
        Y::Map(entries) => parse_tagged(entries, tag, &name, ctx)?,
        other => parse_typed(other, tag, &name, ctx)?,
    };
    Ok(RegValue { name, data })
}

/// The value name and, for MAPI properties, the tag a YAML key stands for.
pub fn resolve_name(key: &str, ctx: &Context) -> Result<(ValueName, Option<TagName>), String> {
    if key == "@" {
        return Ok((ValueName::Default, None));
    }
    if let Some(tag) = tag_of(key, ctx) {
        return Ok((ValueName::Named(key.to_owned()), Some(tag)));
    }
    if ctx.in_profile && !ctx.account_manager {
        let found: Vec<&Entry> = dictionary::by_name(key, ctx.scope).collect();
        match found.as_slice() {
            [entry] => {
                let tag = TagName {
                    tag: entry.tag,
                    secure: false,
                };
                return Ok((ValueName::Named(tag.canonical()), Some(tag)));
            }
            [] => {}
            many => {
                let names: Vec<String> = many.iter().map(|e| e.tag.value_name()).collect();
                return Err(format!(
                    "name {key:?} is ambiguous here ({}); use the raw value name",
                    names.join(", ")
                ));
            }
        }
    }
    Ok((ValueName::Named(key.to_owned()), None))
}

fn tag_of(name: &str, ctx: &Context) -> Option<TagName> {
    if ctx.in_profile && !ctx.account_manager {
        TagName::parse(name)
    } else {
        None
    }
}

// ----- showing -----

fn typed_form(
    value: &RegValue,
    tag: Option<TagName>,
    meaning: Option<Meaning>,
    ctx: &Context,
) -> Option<Y> {
    match tag {
        Some(t) if t.secure => None,
        Some(t) => mapi_form(
            &value.data,
            t.tag.ptype,
            meaning.unwrap_or(Meaning::Plain),
            ctx,
        ),
        None if ctx.account_manager => {
            account::form(value.name.as_str()).and_then(|f| account_form(&value.data, f))
        }
        // A name that is not a property in a MAPI section keeps its
        // registry type in view, so that a misspelt name can be refused.
        None if ctx.in_profile => None,
        None => plain_form(&value.data, ctx),
    }
}

fn mapi_form(data: &RegData, ptype: PropType, meaning: Meaning, ctx: &Context) -> Option<Y> {
    match data {
        RegData::String(s) if ptype == PropType::STRING8 => Some(Y::Str(s.clone())),
        RegData::String(s) if ptype == PropType::UNICODE => {
            Some(with_type(Y::Str(s.clone()), "REG_SZ"))
        }
        RegData::Dword(n) if ptype == PropType::LONG => {
            Some(with_type(long(*n, meaning), "REG_DWORD"))
        }
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } if ptype == PropType::STRING8 => {
            mapi::string8_text(bytes, ctx.codepage).map(|s| with_type(Y::Str(s), "REG_BINARY"))
        }
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } => {
            let value = mapi::decode(ptype, bytes, ctx.codepage)?;
            Some(prop_form(&value, meaning))
        }
        _ => None,
    }
}

fn with_type(value: Y, reg_type: &str) -> Y {
    Y::Map(vec![
        ("value".into(), value),
        ("type".into(), Y::Str(reg_type.into())),
    ])
}

fn prop_form(value: &PropValue, meaning: Meaning) -> Y {
    match value {
        PropValue::Scalar(s) => scalar_form(s, meaning),
        PropValue::String8(s) | PropValue::Unicode(s) => Y::Str(s.clone()),
        PropValue::Binary(bytes) => binary_form(bytes, meaning),
        PropValue::MvScalar(items) => Y::Seq(
            items
                .iter()
                .map(|s| scalar_form(s, Meaning::Plain))
                .collect(),
        ),
        PropValue::MvString8(items, layout) | PropValue::MvUnicode(items, layout) => {
            laid_out(Y::Seq(items.iter().cloned().map(Y::Str).collect()), *layout)
        }
        PropValue::MvBinary(items, layout) => {
            laid_out(Y::Seq(items.iter().cloned().map(Y::Hex).collect()), *layout)
        }
    }
}

fn laid_out(items: Y, layout: Layout) -> Y {
    match layout {
        Layout::Bits32 => items,
        Layout::Bits64 => Y::tagged("x64", items),
    }
}

fn binary_form(bytes: &[u8], meaning: Meaning) -> Y {
    match meaning {
        Meaning::Uid if bytes.len() == 16 => Y::Str(mapi::uid_hex(bytes)),
        Meaning::UidList if !bytes.is_empty() && bytes.len().is_multiple_of(16) => {
            Y::Seq(bytes.chunks(16).map(|c| Y::Str(mapi::uid_hex(c))).collect())
        }
        _ => Y::Hex(bytes.to_vec()),
    }
}

fn scalar_form(s: &Scalar, meaning: Meaning) -> Y {
    match *s {
        Scalar::I2(v) => Y::Int(i128::from(v)),
        Scalar::Long(v) => long(v, meaning),
        Scalar::R4(v) => Y::Float(f64::from(v)),
        Scalar::Double(v) | Scalar::AppTime(v) => Y::Float(v),
        Scalar::Currency(v) => Y::Str(currency_text(v)),
        Scalar::Error(v) => Y::Lit(format!("0x{v:08x}")),
        Scalar::Boolean(v) => Y::Bool(v),
        Scalar::I8(v) => Y::Int(i128::from(v)),
        Scalar::SysTime(v) => {
            time::format_filetime(v).map_or(Y::Lit(format!("0x{v:016x}")), Y::Str)
        }
        Scalar::Clsid(v) => Y::Str(mapi::format_guid(&v)),
    }
}

fn long(v: u32, meaning: Meaning) -> Y {
    match meaning {
        Meaning::Flags(names) => Y::Seq(
            flags::decode_flags(v, names)
                .into_iter()
                .map(|f| match f {
                    Flag::Named(n) => Y::Str(n.into()),
                    Flag::Bits(b) => Y::Lit(format!("0x{b:x}")),
                })
                .collect(),
        ),
        Meaning::Enum(names) => {
            flags::enum_name(v, names).map_or_else(|| number(v), |n| Y::Str(n.into()))
        }
        _ => number(v),
    }
}

/// Small numbers in decimal (negative ones too); the rest as `0x…`.
fn number(v: u32) -> Y {
    let signed = v.cast_signed();
    if (-99_999..=99_999).contains(&signed) {
        Y::Int(i128::from(signed))
    } else {
        Y::Lit(format!("0x{v:08x}"))
    }
}

fn currency_text(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    format!("{sign}{}.{:04}", abs / 10_000, abs % 10_000)
}

fn account_form(data: &RegData, form: account::Form) -> Option<Y> {
    use account::Form;
    match (form, data) {
        (Form::Text, RegData::String(s)) => Some(Y::Str(s.clone())),
        (
            Form::Text,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) => mapi::unicode_text(bytes).map(|s| with_type(Y::Str(s), "REG_BINARY")),
        (Form::Number, RegData::Dword(n)) => Some(number(*n)),
        (Form::Enum(names), RegData::Dword(n)) => Some(long(*n, Meaning::Enum(names))),
        (
            Form::Uid,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) if bytes.len() == 16 => Some(Y::Str(mapi::uid_hex(bytes))),
        (
            Form::UidList,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) if bytes.len().is_multiple_of(16) => Some(Y::Seq(
            bytes.chunks(16).map(|c| Y::Str(mapi::uid_hex(c))).collect(),
        )),
        (
            Form::AccountIds,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) if bytes.len().is_multiple_of(4) => Some(Y::Seq(
            bytes
                .chunks_exact(4)
                .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes))
                .map(|n| Y::Int(i128::from(n)))
                .collect(),
        )),
        _ => None,
    }
}

fn plain_form(data: &RegData, ctx: &Context) -> Option<Y> {
    match data {
        RegData::String(s) => Some(Y::Str(s.clone())),
        RegData::Hex {
            kind: kind::EXPAND_SZ,
            bytes,
        } => reg_string(bytes, ctx).map(|s| Y::tagged("expand_sz", Y::Str(s))),
        RegData::Hex {
            kind: kind::MULTI_SZ,
            bytes,
        } => multi_sz(bytes, ctx)
            .map(|items| Y::tagged("multi_sz", Y::Seq(items.into_iter().map(Y::Str).collect()))),
        RegData::Hex {
            kind: kind::QWORD,
            bytes,
        } => {
            let raw: [u8; 8] = bytes.as_slice().try_into().ok()?;
            Some(Y::tagged(
                "qword",
                Y::Int(i128::from(u64::from_le_bytes(raw))),
            ))
        }
        _ => None,
    }
}

/// The string of `REG_SZ`/`REG_EXPAND_SZ` bytes in this file's encoding.
fn reg_string(bytes: &[u8], ctx: &Context) -> Option<String> {
    match ctx.format {
        Format::Regedit5 => mapi::unicode_text(bytes),
        Format::Regedit4 => mapi::string8_text(bytes, ctx.codepage),
    }
}

fn reg_string_bytes(text: &str, ctx: &Context) -> Result<Vec<u8>, String> {
    match ctx.format {
        Format::Regedit5 => Ok(mapi::unicode_bytes(text)),
        Format::Regedit4 => mapi::string8_bytes(text, ctx.codepage).map_err(|e| e.to_string()),
    }
}

fn multi_sz(bytes: &[u8], ctx: &Context) -> Option<Vec<String>> {
    let unit = match ctx.format {
        Format::Regedit5 => 2,
        Format::Regedit4 => 1,
    };
    let body = bytes.get(..bytes.len().checked_sub(unit)?)?;
    if bytes.get(body.len()..)?.iter().any(|&b| b != 0) {
        return None;
    }
    let mut items = Vec::new();
    let mut start = 0;
    for (n, chunk) in body.chunks(unit).enumerate() {
        if chunk.iter().all(|&b| b == 0) {
            let end = n.checked_add(1)?.checked_mul(unit)?;
            items.push(reg_string(body.get(start..end)?, ctx)?);
            start = end;
        }
    }
    (start == body.len()).then_some(items)
}

fn multi_sz_bytes(items: &[String], ctx: &Context) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for item in items {
        out.extend(reg_string_bytes(item, ctx)?);
    }
    out.extend(std::iter::repeat_n(
        0,
        if ctx.format == Format::Regedit5 { 2 } else { 1 },
    ));
    Ok(out)
}

/// The explicit raw form of any data.
pub fn raw_form(data: &RegData) -> Y {
    match data {
        RegData::String(s) => Y::tagged("sz", Y::Str(s.clone())),
        RegData::Dword(n) => Y::tagged("dword", Y::Int(i128::from(*n))),
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } => Y::tagged("hex", Y::Hex(bytes.clone())),
        RegData::Hex { kind, bytes } => Y::tagged(&format!("hex({kind:x})"), Y::Hex(bytes.clone())),
        RegData::Delete => Y::Null,
    }
}

// ----- parsing -----

fn parse_tagged(
    entries: &[(String, Y)],
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, String> {
    let find = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    if let (Some(value), Some(reg_type)) = (find("value"), find("type")) {
        if entries.len() != 2 {
            return Err("expected exactly `value` and `type`".into());
        }
        let Y::Str(reg_type) = reg_type else {
            return Err("`type` must be REG_SZ, REG_BINARY or REG_DWORD".into());
        };
        return parse_with_type(value, reg_type, tag, name, ctx);
    }
    let [(form, inner)] = entries else {
        return Err("expected a typed value or one of {hex: …}, {dword: …}, {sz: …}, {hex(N): …}, {value: …, type: …}".into());
    };
    match form.as_str() {
        "hex" => Ok(RegData::Hex {
            kind: kind::BINARY,
            bytes: hex_of(inner)?,
        }),
        "dword" => Ok(RegData::Dword(u32_of(inner)?)),
        "sz" => Ok(RegData::String(str_of(inner)?.to_owned())),
        "expand_sz" => Ok(RegData::Hex {
            kind: kind::EXPAND_SZ,
            bytes: reg_string_bytes(str_of(inner)?, ctx)?,
        }),
        "multi_sz" => {
            let Y::Seq(items) = inner else {
                return Err("multi_sz needs a list of strings".into());
            };
            let items = items
                .iter()
                .map(|i| str_of(i).map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(RegData::Hex {
                kind: kind::MULTI_SZ,
                bytes: multi_sz_bytes(&items, ctx)?,
            })
        }
        "qword" => {
            let n = int_of(inner)?;
            let n = u64::try_from(n)
                .or_else(|_| i64::try_from(n).map(i64::cast_unsigned))
                .map_err(|_| "qword out of range")?;
            Ok(RegData::Hex {
                kind: kind::QWORD,
                bytes: n.to_le_bytes().to_vec(),
            })
        }
        "x64" => match tag {
            Some(t) if t.tag.ptype.is_multi() => {
                typed_bytes(inner, t.tag, Layout::Bits64, name, ctx)
            }
            _ => Err("x64 applies to multi-valued properties only".into()),
        },
        other => match other.strip_prefix("hex(").and_then(|r| r.strip_suffix(')')) {
            Some(n) => Ok(RegData::Hex {
                kind: u32::from_str_radix(n, 16)
                    .map_err(|_| format!("bad registry type in {other:?}"))?,
                bytes: hex_of(inner)?,
            }),
            None => Err(format!("unknown form {other:?}")),
        },
    }
}

fn parse_with_type(
    value: &Y,
    reg_type: &str,
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, String> {
    match (reg_type, tag.map(|t| t.tag.ptype)) {
        ("REG_SZ", _) => Ok(RegData::String(str_of(value)?.to_owned())),
        ("REG_DWORD", Some(PropType::LONG)) => {
            let meaning = meaning_of(tag, ctx);
            Ok(RegData::Dword(long_of(value, meaning)?))
        }
        ("REG_DWORD", _) => Ok(RegData::Dword(u32_of(value)?)),
        ("REG_BINARY", Some(PropType::STRING8)) => Ok(RegData::Hex {
            kind: kind::BINARY,
            bytes: mapi::string8_bytes(str_of(value)?, ctx.codepage).map_err(|e| e.to_string())?,
        }),
        ("REG_BINARY", None) => Ok(RegData::Hex {
            kind: kind::BINARY,
            bytes: mapi::unicode_bytes(str_of(value)?),
        }),
        ("REG_BINARY", _) => Err(format!("type {reg_type} does not fit {name}")),
        _ => Err(format!(
            "unknown type {reg_type:?}; `type` is REG_SZ, REG_BINARY or REG_DWORD"
        )),
    }
}

fn parse_typed(
    y: &Y,
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, ValueError> {
    if let Some(t) = tag {
        if t.secure {
            return Err(ValueError::Invalid(
                "secure values are written as {hex: …}".into(),
            ));
        }
        return Ok(typed_bytes(y, t.tag, Layout::Bits32, name, ctx)?);
    }
    if let Some(form) = account::form(name.as_str()).filter(|_| ctx.account_manager) {
        return Ok(account_data(y, form)?);
    }
    if ctx.in_profile && !ctx.account_manager {
        return Err(ValueError::UnknownProperty {
            name: name.as_str().to_owned(),
            scope: ctx.scope,
        });
    }
    match y {
        Y::Str(s) => Ok(RegData::String(s.clone())),
        _ => Err(ValueError::Invalid(format!(
            "{name} has no known type: write a string or one of {{dword: …}}, {{hex: …}}"
        ))),
    }
}

fn meaning_of(tag: Option<TagName>, ctx: &Context) -> Meaning {
    tag.and_then(|t| dictionary::lookup(t.tag, ctx.scope))
        .map_or(Meaning::Plain, |e| e.meaning)
}

fn typed_bytes(
    y: &Y,
    tag: PropTag,
    layout: Layout,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, String> {
    let ptype = tag.ptype;
    if ptype == PropType::STRING8 {
        return Ok(RegData::String(str_of(y)?.to_owned()));
    }
    let meaning = meaning_of(Some(TagName { tag, secure: false }), ctx);
    let value =
        prop_value(y, ptype, meaning, layout).map_err(|e| format!("{e} (for {name}, {ptype})"))?;
    let bytes = mapi::encode(&value, ctx.codepage).map_err(|e| e.to_string())?;
    Ok(RegData::Hex {
        kind: kind::BINARY,
        bytes,
    })
}

fn prop_value(
    y: &Y,
    ptype: PropType,
    meaning: Meaning,
    layout: Layout,
) -> Result<PropValue, String> {
    if ptype.is_multi() {
        let Y::Seq(items) = y else {
            return Err("expected a list".into());
        };
        let base = ptype.base();
        return Ok(match base {
            PropType::STRING8 => PropValue::MvString8(strings(items)?, layout),
            PropType::UNICODE => PropValue::MvUnicode(strings(items)?, layout),
            PropType::BINARY => {
                PropValue::MvBinary(items.iter().map(hex_of).collect::<Result<_, _>>()?, layout)
            }
            _ => PropValue::MvScalar(
                items
                    .iter()
                    .map(|i| scalar_of(i, base, Meaning::Plain))
                    .collect::<Result<_, _>>()?,
            ),
        });
    }
    Ok(match ptype {
        PropType::UNICODE => PropValue::Unicode(str_of(y)?.to_owned()),
        PropType::STRING8 => PropValue::String8(str_of(y)?.to_owned()),
        PropType::BINARY => PropValue::Binary(binary_of(y, meaning)?),
        _ => PropValue::Scalar(scalar_of(y, ptype, meaning)?),
    })
}

fn strings(items: &[Y]) -> Result<Vec<String>, String> {
    items.iter().map(|i| str_of(i).map(str::to_owned)).collect()
}

fn binary_of(y: &Y, meaning: Meaning) -> Result<Vec<u8>, String> {
    match (meaning, y) {
        (Meaning::UidList, Y::Seq(items)) => {
            let mut out = Vec::new();
            for item in items {
                out.extend(uid_of(item)?);
            }
            Ok(out)
        }
        (Meaning::Uid, Y::Str(s)) if s.len() == 32 => uid_of(y).map(|u| u.to_vec()),
        _ => hex_of(y),
    }
}

fn scalar_of(y: &Y, ptype: PropType, meaning: Meaning) -> Result<Scalar, String> {
    Ok(match ptype {
        PropType::I2 => {
            let n = int_of(y)?;
            let v = u16::try_from(n)
                .map_err(|_| format!("{n} does not fit in 16 bits (0 to 65535)"))?;
            Scalar::I2(v)
        }
        PropType::LONG => Scalar::Long(long_of(y, meaning)?),
        PropType::R4 => {
            let f = float_of(y)?;
            #[allow(clippy::cast_possible_truncation)]
            let narrow = f as f32;
            Scalar::R4(narrow)
        }
        PropType::DOUBLE => Scalar::Double(float_of(y)?),
        PropType::APPTIME => Scalar::AppTime(float_of(y)?),
        PropType::CURRENCY => Scalar::Currency(currency_of(y)?),
        PropType::ERROR => Scalar::Error(u32_of(y)?),
        PropType::BOOLEAN => match y {
            Y::Bool(b) => Scalar::Boolean(*b),
            _ => return Err("expected true or false".into()),
        },
        PropType::I8 => {
            Scalar::I8(i64::try_from(int_of(y)?).map_err(|_| "out of range for PT_I8")?)
        }
        PropType::SYSTIME => match y {
            Y::Str(s) => Scalar::SysTime(
                time::parse_filetime(s).ok_or("expected a time like 2024-05-01T10:20:30Z")?,
            ),
            other => Scalar::SysTime(u64::try_from(int_of(other)?).map_err(|_| "out of range")?),
        },
        PropType::CLSID => Scalar::Clsid(
            mapi::parse_guid(str_of(y)?)
                .ok_or("expected a GUID like {00020D0A-0000-0000-C000-000000000046}")?,
        ),
        other => return Err(format!("{other} has no typed form; use {{hex: …}}")),
    })
}

fn long_of(y: &Y, meaning: Meaning) -> Result<u32, String> {
    match (meaning, y) {
        (Meaning::Flags(names), Y::Seq(items)) => {
            let mut bits = 0u32;
            for item in items {
                bits |= match item {
                    Y::Str(s) => flag_or_number(s, names)?,
                    other => u32_of(other)?,
                };
            }
            Ok(bits)
        }
        (Meaning::Enum(names) | Meaning::Flags(names), Y::Str(s)) => flag_or_number(s, names),
        _ => u32_of(y),
    }
}

fn flag_or_number(s: &str, names: Names) -> Result<u32, String> {
    if let Some(bits) = flags::flag_bits(s, names) {
        return Ok(bits);
    }
    parse_int(s)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
            format!("unknown name {s:?}; known: {}", known.join(", "))
        })
}

fn currency_of(y: &Y) -> Result<i64, String> {
    let text = match y {
        Y::Str(s) => s.clone(),
        Y::Int(n) => n.to_string(),
        _ => return Err("expected a decimal like \"12.3400\"".into()),
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if frac.len() > 4
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        || int.is_empty()
    {
        return Err(format!("bad currency {text:?}"));
    }
    let scaled = format!("{int}{frac:0<4}")
        .parse::<i64>()
        .map_err(|_| "currency out of range")?;
    if negative {
        scaled
            .checked_neg()
            .ok_or_else(|| "currency out of range".to_owned())
    } else {
        Ok(scaled)
    }
}

fn account_data(y: &Y, form: account::Form) -> Result<RegData, String> {
    use account::Form;
    Ok(match (form, y) {
        (Form::Text, Y::Str(s)) => RegData::String(s.clone()),
        (Form::Number, _) => RegData::Dword(u32_of(y)?),
        (Form::Enum(names), _) => RegData::Dword(long_of(y, Meaning::Enum(names))?),
        (Form::Uid, _) => RegData::Hex {
            kind: kind::BINARY,
            bytes: uid_of(y)?.to_vec(),
        },
        (Form::UidList, _) => RegData::Hex {
            kind: kind::BINARY,
            bytes: binary_of(y, Meaning::UidList)?,
        },
        (Form::AccountIds, Y::Seq(items)) => {
            let mut bytes = Vec::new();
            for item in items {
                bytes.extend(u32_of(item)?.to_le_bytes());
            }
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            }
        }
        _ => {
            return Err(
                "unexpected value for this account setting; use {hex: …} for raw bytes".into(),
            );
        }
    })
}

fn str_of(y: &Y) -> Result<&str, String> {
    match y {
        Y::Str(s) => Ok(s),
        _ => Err("expected a string".into()),
    }
}

fn int_of(y: &Y) -> Result<i128, String> {
    match y {
        Y::Int(n) => Ok(*n),
        Y::Str(s) => parse_int(s).ok_or_else(|| format!("expected a number, found {s:?}")),
        _ => Err("expected a number".into()),
    }
}

fn u32_of(y: &Y) -> Result<u32, String> {
    let n = int_of(y)?;
    u32::try_from(n)
        .or_else(|_| i32::try_from(n).map(i32::cast_unsigned))
        .map_err(|_| format!("{n} does not fit in 32 bits"))
}

fn float_of(y: &Y) -> Result<f64, String> {
    match y {
        Y::Float(f) => Ok(*f),
        #[allow(clippy::cast_precision_loss)]
        Y::Int(n) => Ok(*n as f64),
        _ => Err("expected a number".into()),
    }
}

fn hex_of(y: &Y) -> Result<Vec<u8>, String> {
    let Y::Str(s) = y else {
        return Err("expected hex bytes like \"01 02 0a\"".into());
    };
    mapi::parse_hex(s).map_err(|e| format!("{e}; expected bytes like \"01 02 0a\""))
}

fn uid_of(y: &Y) -> Result<[u8; 16], String> {
    mapi::parse_uid(str_of(y)?).ok_or_else(|| "expected a UID of 32 hex digits".into())
}
