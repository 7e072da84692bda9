//! Showing a value: registry data → the YAML a person reads, typed by the
//! property's type and meaning where the typed form reads back to the very
//! same data, the explicit raw form otherwise.
//!
//! Nothing here reads YAML; it asks [`super::parse`] whether a form reads
//! back.

use crate::mapi::dictionary::{self, Meaning};
use crate::mapi::flags::{self, Flag};
use crate::mapi::{self, Layout, PropType, PropValue, Scalar, TagName, account, time};
use crate::reg::{RegData, RegValue, kind};

use super::context::{Context, tag_of};
use super::parse::parse;
use super::raw::{multi_sz, raw_form, reg_string};
use crate::yaml::tree::Y;

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
        Some(y) if parse(&key, &y.as_read(), ctx).is_ok_and(|read| read == *value) => y,
        _ => raw_form(&value.data),
    };
    Shown {
        key,
        value: value_y,
        comment,
    }
}

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
