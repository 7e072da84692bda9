//! Parsing a value: a YAML entry (key and value as read) → registry data,
//! through the property's type, an account manager setting's form, an
//! explicit raw form or a `{value: …, type: …}` pair.
//!
//! Nothing here writes YAML.

use crate::mapi::dictionary::Meaning;
use crate::mapi::{self, Layout, PropTag, PropType, TagName, account};
use crate::reg::{RegData, RegValue, ValueName, kind};
use crate::yaml::tree::Y;

use super::context::{Context, meaning_of, resolve_name};
use super::error::ValueError;
use super::form::{Form, StoredAs};
use super::primitive::{str_of, u32_of, uid_of};
use super::prop::{binary_of, long_of, prop_value};
use super::raw;

/// The key of the deletion form, `{delete: true}`: `"name"=-` in a `.reg`.
pub const DELETE: &str = "delete";

/// The registry value for YAML key `key` and value `y` (as read).
pub fn parse(key: &str, y: &Y, ctx: &Context) -> Result<RegValue, ValueError> {
    let (name, tag) = resolve_name(key, ctx)?;
    let data = match y {
        Y::Null => return Err(ValueError::Empty),
        Y::Map(entries) => parse_tagged(entries, tag, &name, ctx)?,
        other => parse_typed(other, tag, &name, ctx)?,
    };
    Ok(RegValue { name, data })
}

/// A mapping: a `value`/`type` pair or a raw form.
fn parse_tagged(
    entries: &[(String, Y)],
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, ValueError> {
    let find = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    if let (Some(value), Some(reg_type)) = (find(StoredAs::VALUE), find(StoredAs::TYPE)) {
        if entries.len() != 2 {
            return Err(ValueError::ValueAndTypeOnly);
        }
        let Y::Str(reg_type) = reg_type else {
            return Err(ValueError::TypeNotText);
        };
        let stored_as = StoredAs::from_name(reg_type)
            .ok_or_else(|| ValueError::UnknownType(reg_type.clone()))?;
        return parse_with_type(value, stored_as, tag, name, ctx);
    }
    let [(key, inner)] = entries else {
        return Err(ValueError::NotAForm);
    };
    if key == DELETE {
        return match inner {
            Y::Bool(true) => Ok(RegData::Delete),
            Y::Bool(false) => Err(ValueError::DeleteFalse),
            _ => Err(ValueError::NotAForm),
        };
    }
    match (Form::from_key(key)?, tag) {
        (Form::X64, Some(t)) if t.tag.ptype.is_multi() => {
            typed_bytes(inner, t.tag, Layout::Bits64, name, ctx)
        }
        (form, _) => raw::parse(form, inner, ctx),
    }
}

/// A typed value stored with registry type `stored_as`.
fn parse_with_type(
    value: &Y,
    stored_as: StoredAs,
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, ValueError> {
    match (stored_as, tag.map(|t| t.tag.ptype)) {
        (StoredAs::Sz, _) => Ok(RegData::String(str_of(value)?.to_owned())),
        (StoredAs::Dword, Some(PropType::LONG)) => {
            let meaning = meaning_of(tag, ctx);
            Ok(RegData::Dword(long_of(value, meaning)?))
        }
        (StoredAs::Dword, _) => Ok(RegData::Dword(u32_of(value)?)),
        (StoredAs::Binary, Some(PropType::STRING8)) => Ok(RegData::Hex {
            kind: kind::BINARY,
            bytes: mapi::string8_bytes(str_of(value)?, ctx.codepage)?,
        }),
        (StoredAs::Binary, None) => Ok(RegData::Hex {
            kind: kind::BINARY,
            bytes: mapi::unicode_bytes(str_of(value)?),
        }),
        (StoredAs::Binary, Some(_)) => Err(ValueError::TypeMismatch {
            stored_as,
            name: name.clone(),
        }),
    }
}

/// A scalar or a list: typed by the property, the account manager setting,
/// or (outside profiles) a plain string.
fn parse_typed(
    y: &Y,
    tag: Option<TagName>,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, ValueError> {
    if let Some(t) = tag {
        if t.secure {
            return Err(ValueError::Secure);
        }
        return typed_bytes(y, t.tag, Layout::Bits32, name, ctx);
    }
    if let Some(form) = account::form(name.as_str()).filter(|_| ctx.account_manager) {
        return account_data(y, form);
    }
    if ctx.mapi_names() {
        return Err(ValueError::UnknownProperty {
            name: name.as_str().to_owned(),
            scope: ctx.scope,
        });
    }
    match y {
        Y::Str(s) => Ok(RegData::String(s.clone())),
        _ => Err(ValueError::NoKnownType { name: name.clone() }),
    }
}

/// The registry data of a property's typed value (a `PT_STRING8` is a
/// `REG_SZ`, anything else `REG_BINARY` bytes in `layout`).
fn typed_bytes(
    y: &Y,
    tag: PropTag,
    layout: Layout,
    name: &ValueName,
    ctx: &Context,
) -> Result<RegData, ValueError> {
    let ptype = tag.ptype;
    if ptype == PropType::STRING8 {
        return Ok(RegData::String(str_of(y)?.to_owned()));
    }
    let meaning = meaning_of(Some(TagName { tag, secure: false }), ctx);
    let value = prop_value(y, ptype, meaning, layout).map_err(|shape| ValueError::Typed {
        name: name.clone(),
        ptype,
        shape,
    })?;
    let bytes = mapi::encode(&value, ctx.codepage)?;
    Ok(RegData::Hex {
        kind: kind::BINARY,
        bytes,
    })
}

/// An account manager setting in the form its name gives it.
fn account_data(y: &Y, setting: account::Form) -> Result<RegData, ValueError> {
    use account::Form as Setting;
    Ok(match (setting, y) {
        (Setting::Text, Y::Str(s)) => RegData::String(s.clone()),
        (Setting::Number, _) => RegData::Dword(u32_of(y)?),
        // the words, or a number given as text (on a command line)
        (Setting::LeaveOnServer, Y::Str(text)) => RegData::Dword(
            account::leave_value(text)
                .or_else(|| mapi::parse_int(text).and_then(|n| u32::try_from(n).ok()))
                .ok_or(ValueError::LeaveOnServer)?,
        ),
        (Setting::LeaveOnServer, _) => RegData::Dword(u32_of(y)?),
        (Setting::Enum(names), _) => RegData::Dword(long_of(y, Meaning::Enum(names))?),
        (Setting::Uid, _) => RegData::Hex {
            kind: kind::BINARY,
            bytes: uid_of(y)?.to_vec(),
        },
        (Setting::UidList, _) => RegData::Hex {
            kind: kind::BINARY,
            bytes: binary_of(y, Meaning::UidList)?,
        },
        (Setting::AccountIds, Y::Seq(items)) => {
            let mut bytes = Vec::new();
            for item in items {
                bytes.extend(u32_of(item)?.to_le_bytes());
            }
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            }
        }
        _ => return Err(ValueError::AccountSetting),
    })
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;
    use crate::mapi::dictionary::Scope;

    fn outside() -> Context {
        Context::for_test(false, None, false)
    }

    fn s(text: &str) -> Y {
        Y::Str(text.to_owned())
    }

    fn map(entries: &[(&str, Y)]) -> Y {
        Y::Map(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn data(key: &str, y: &Y, ctx: &Context) -> Result<RegData, ValueError> {
        parse(key, y, ctx).map(|v| v.data)
    }

    fn message(key: &str, y: &Y, ctx: &Context) -> String {
        parse(key, y, ctx).unwrap_err().to_string()
    }

    #[test]
    fn dictionary_names_become_raw_value_names() {
        let value = parse(
            "TCPExchangePort",
            &Y::Int(6001),
            &Context::exchange_for_test(),
        )
        .unwrap();
        assert_eq!(value.name, ValueName::Named("0002662c".into()));
        assert_eq!(
            value.data,
            RegData::Hex {
                kind: kind::BINARY,
                bytes: vec![0x71, 0x17]
            }
        );
        // a PT_STRING8 is a REG_SZ; {delete: true} deletes, and no value
        // is no longer a deletion
        assert_eq!(
            data("HomeServer", &s("mail"), &Context::exchange_for_test()),
            Ok(RegData::String("mail".into()))
        );
        let delete = |b: bool| Y::Map(vec![(DELETE.to_owned(), Y::Bool(b))]);
        assert_eq!(
            data("HomeServer", &delete(true), &Context::exchange_for_test()),
            Ok(RegData::Delete)
        );
        assert_eq!(
            data("HomeServer", &delete(false), &Context::exchange_for_test()),
            Err(ValueError::DeleteFalse)
        );
        assert_eq!(
            data("HomeServer", &Y::Null, &Context::exchange_for_test()),
            Err(ValueError::Empty)
        );
        assert_eq!(
            parse("@", &s("x"), &outside()).map(|v| v.name),
            Ok(ValueName::Default)
        );
    }

    #[test]
    fn values_that_do_not_fit_name_the_value_and_its_type() {
        let error = parse(
            "TCPExchangePort",
            &Y::Int(70000),
            &Context::exchange_for_test(),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "70000 does not fit in 16 bits (0 to 65535) (for 0002662c, PT_I2)"
        );
        assert!(
            matches!(
                &error,
                ValueError::Typed {
                    shape: crate::yaml::ShapeError::Not16Bits(70000),
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            error.source().is_none(),
            "the message says the shape's text"
        );
        assert_eq!(
            message(
                "RPCoverHTTPflags",
                &Y::Seq(vec![s("ssl-always")]),
                &Context::exchange_for_test()
            ),
            "unknown name \"ssl-always\"; known: use-http, ssl-only, mutual-auth, \
                 http-fast, ignore-cert-warnings, http-slow (for 00036623, PT_LONG)"
        );
        // a PT_STRING8 is not wrapped: it is a REG_SZ, not a typed value
        assert_eq!(
            message("HomeServer", &Y::Int(1), &Context::exchange_for_test()),
            "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it"
        );
    }

    #[test]
    fn names_that_are_no_property_here() {
        assert_eq!(
            message("RPCProxyServr", &s("x"), &Context::exchange_for_test()),
            "unknown property \"RPCProxyServr\" in this section; did you mean \
                 RPCProxyServer? A value that is not a MAPI property is written with its \
                 registry type, e.g. {sz: …}"
        );
        assert!(matches!(
            parse("RPCProxyServr", &s("x"), &Context::exchange_for_test()),
            Err(ValueError::UnknownProperty { ref name, scope: Some(Scope::Exchange) })
                if name == "RPCProxyServr"
        ));
        assert_eq!(
            message("S001e67f1", &s("x"), &Context::exchange_for_test()),
            "secure values are written as {hex: …}"
        );
        assert_eq!(
            message("Version", &Y::Int(3), &outside()),
            "Version has no known type: write a string or one of {dword: …}, {hex: …}"
        );
        assert_eq!(
            data("Version", &s("3"), &outside()),
            Ok(RegData::String("3".into()))
        );
    }

    #[test]
    fn raw_forms_and_their_mistakes() {
        let ctx = outside();
        let raw = |entries: &[(&str, Y)]| data("v", &map(entries), &ctx);
        assert_eq!(
            raw(&[("hex(7)", s("00 00"))]),
            Ok(RegData::Hex {
                kind: 7,
                bytes: vec![0, 0]
            })
        );
        assert_eq!(
            raw(&[("hex", s("01")), ("dword", Y::Int(1))])
                .unwrap_err()
                .to_string(),
            "expected a typed value or one of {hex: …}, {dword: …}, {sz: …}, {hex(N): …}, \
                 {value: …, type: …}, {delete: true}"
        );
        assert_eq!(raw(&[]), raw(&[("hex", s("01")), ("dword", Y::Int(1))]));
        assert_eq!(
            raw(&[("bytes", s("01"))]).unwrap_err().to_string(),
            "unknown form \"bytes\""
        );
        assert_eq!(
            raw(&[("hex(z)", s("01"))]).unwrap_err().to_string(),
            "bad registry type in \"hex(z)\""
        );
        assert_eq!(
            raw(&[("hex(100000000)", s("01"))]).unwrap_err().to_string(),
            "bad registry type in \"hex(100000000)\""
        );
        assert_eq!(
            raw(&[("multi_sz", s("a"))]).unwrap_err().to_string(),
            "multi_sz needs a list of strings"
        );
        assert_eq!(
            raw(&[("qword", Y::Int(1 << 64))]).unwrap_err().to_string(),
            "qword out of range"
        );
        assert_eq!(
            raw(&[("qword", Y::Int(-1))]),
            Ok(RegData::Hex {
                kind: kind::QWORD,
                bytes: vec![0xff; 8]
            })
        );
        assert_eq!(
            raw(&[("x64", Y::Seq(vec![Y::Int(1)]))])
                .unwrap_err()
                .to_string(),
            "x64 applies to multi-valued properties only"
        );
        assert_eq!(
            raw(&[("dword", Y::Int(1 << 32))]).unwrap_err().to_string(),
            "4294967296 does not fit in 32 bits"
        );
        assert_eq!(
            raw(&[("hex", s("0 1 2"))]).unwrap_err().to_string(),
            "3 hex digits do not make whole bytes; expected bytes like \"01 02 0a\""
        );
        let bad_kind = parse("v", &map(&[("hex(z)", s("01"))]), &ctx).unwrap_err();
        assert!(bad_kind.source().is_some(), "the parse error is kept");
    }

    #[test]
    fn values_with_a_registry_type() {
        let ctx = Context::exchange_for_test();
        let typed = |key: &str, value: Y, reg_type: Y| {
            data(key, &map(&[("value", value), ("type", reg_type)]), &ctx)
        };
        assert_eq!(
            typed("HomeServer", s("é"), s("REG_BINARY")),
            Ok(RegData::Hex {
                kind: kind::BINARY,
                bytes: vec![0xe9, 0]
            })
        );
        assert_eq!(
            typed(
                "RPCoverHTTPflags",
                Y::Seq(vec![s("use-http")]),
                s("REG_DWORD")
            ),
            Ok(RegData::Dword(1))
        );
        assert_eq!(
            typed("TCPExchangePort", Y::Int(1), s("REG_BINARY"))
                .unwrap_err()
                .to_string(),
            "type REG_BINARY does not fit 0002662c"
        );
        assert_eq!(
            typed("HomeServer", s("a"), s("REG_QWORD"))
                .unwrap_err()
                .to_string(),
            "unknown type \"REG_QWORD\"; `type` is REG_SZ, REG_BINARY or REG_DWORD"
        );
        assert_eq!(
            typed("HomeServer", s("a"), Y::Int(1))
                .unwrap_err()
                .to_string(),
            "`type` must be REG_SZ, REG_BINARY or REG_DWORD"
        );
        assert_eq!(
            message(
                "HomeServer",
                &map(&[("value", s("a")), ("type", s("REG_SZ")), ("hex", s("01"))]),
                &ctx
            ),
            "expected exactly `value` and `type`"
        );
        // a character the code page cannot hold
        assert_eq!(
            typed("HomeServer", s("€ ✓"), s("REG_BINARY"))
                .unwrap_err()
                .to_string(),
            "character '✓' cannot be written in windows-1252"
        );
    }

    #[test]
    fn account_manager_settings_have_their_own_forms() {
        let ctx = Context::for_test(true, None, true);
        assert_eq!(
            data("Account Name", &s("a"), &ctx),
            Ok(RegData::String("a".into()))
        );
        assert_eq!(
            message("Account Name", &Y::Seq(vec![s("a")]), &ctx),
            "unexpected value for this account setting; use {hex: …} for raw bytes"
        );
    }

    #[test]
    fn an_ambiguous_name_lists_what_it_could_stand_for() {
        let error = ValueError::Ambiguous {
            key: "Name".into(),
            names: vec!["001f3001".into(), "001e3001".into()],
        };
        assert_eq!(
            error.to_string(),
            "name \"Name\" is ambiguous here (001f3001, 001e3001); use the raw value name"
        );
    }
}
