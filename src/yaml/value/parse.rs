//! Parsing a value: a YAML entry (key and value as read) → registry data,
//! through the property's type, an account manager setting's form, an
//! explicit raw form or a `{value: …, type: …}` pair.
//!
//! Nothing here writes YAML.

use crate::mapi::{self, Layout, PropTag, PropType, TagName, account};
use crate::reg::{RegData, RegValue, ValueName, kind};

use super::context::{Context, meaning_of, resolve_name};
use super::error::ValueError;
use super::primitive::{hex_of, int_of, str_of, u32_of, uid_of};
use super::prop::{binary_of, long_of, prop_value};
use super::raw::{multi_sz_bytes, reg_string_bytes};
use crate::mapi::dictionary::Meaning;
use crate::yaml::tree::Y;

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
