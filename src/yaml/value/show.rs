//! Showing a value: registry data → the YAML a person reads, typed by the
//! property's type and meaning where the typed form reads back to the very
//! same data, the explicit raw form otherwise.
//!
//! Nothing here reads YAML; it asks [`super::parse()`] whether a form reads
//! back.

use crate::mapi::dictionary::{self, Meaning};
use crate::mapi::flags::{self, Flag};
use crate::mapi::{self, Layout, PropType, PropValue, Scalar, TagName, account, time};
use crate::reg::{RegData, RegValue, kind};
use crate::yaml::tree::Y;

use super::context::Context;
use super::form::{Form, StoredAs};
use super::parse::parse;
use super::raw;

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
    let tag = ctx.tag_of(raw_name);
    let entry = tag.and_then(|t| dictionary::lookup(t.tag, ctx.scope));
    let canonical = tag.is_some_and(|t| t.canonical() == raw_name);
    let key = match (entry, canonical) {
        (Some(entry), true) if !tag.is_some_and(|t| t.secure) => entry.name.to_owned(),
        _ => raw_name.to_owned(),
    };
    let mut comment = match (tag, key == raw_name, entry) {
        // a secure value keeps its raw name; the comment names it
        (Some(t), true, Some(entry)) if t.secure => {
            Some(format!("{}, secure {}", entry.name, t.tag.ptype))
        }
        (Some(t), true, _) => Some(t.tag.ptype.to_string()),
        (Some(_), false, _) => Some(raw_name.to_owned()),
        (None, ..) => None,
    };
    let meaning = entry.map(|e| super::context::in_section(e.meaning, ctx));
    let notes = entry
        .and_then(|e| e.note)
        .into_iter()
        .map(str::to_owned)
        .chain(undocumented(&value.data, meaning));
    for note in notes {
        if let Some(text) = comment.as_mut() {
            text.push_str("; ");
            text.push_str(&note);
        }
    }
    let typed = typed_form(value, tag, meaning, ctx);
    let value_y = match typed {
        Some(y) if parse(&key, &y.as_read(), ctx).is_ok_and(|read| read == *value) => y,
        _ => raw::show(&value.data),
    };
    Shown {
        key,
        value: value_y,
        comment,
    }
}

/// A note for the flag or enumeration values of `data` that only MFCMAPI
/// defines, not Microsoft's documentation of the property.
fn undocumented(data: &RegData, meaning: Option<Meaning>) -> Option<String> {
    let n = match data {
        RegData::Dword(n) => *n,
        RegData::Hex { bytes, .. } => u32::from_le_bytes(bytes.as_slice().try_into().ok()?),
        _ => return None,
    };
    let found: Vec<&str> = match meaning? {
        Meaning::Flags(names) => names
            .iter()
            .filter(|(bits, _)| n & bits == *bits && flags::is_undocumented(names, *bits))
            .map(|(_, name)| *name)
            .collect(),
        Meaning::Enum(names) => names
            .iter()
            .filter(|(value, _)| n == *value && flags::is_undocumented(names, *value))
            .map(|(_, name)| *name)
            .collect(),
        _ => Vec::new(),
    };
    (!found.is_empty()).then(|| {
        format!(
            "{} not in Microsoft's documentation (MFCMAPI only)",
            found.join(", ")
        )
    })
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
            Some(StoredAs::Sz.wrap(Y::Str(s.clone())))
        }
        RegData::Dword(n) if ptype == PropType::LONG => {
            Some(StoredAs::Dword.wrap(long(*n, meaning)))
        }
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } if ptype == PropType::STRING8 => {
            mapi::string8_text(bytes, ctx.codepage).map(|s| StoredAs::Binary.wrap(Y::Str(s)))
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
        Layout::Bits64 => Form::X64.wrap(items),
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

fn account_form(data: &RegData, setting: account::Form) -> Option<Y> {
    use account::Form as Setting;
    match (setting, data) {
        (Setting::Text, RegData::String(s)) => Some(Y::Str(s.clone())),
        (
            Setting::Text,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) => mapi::unicode_text(bytes).map(|s| StoredAs::Binary.wrap(Y::Str(s))),
        (Setting::Number, RegData::Dword(n)) => Some(number(*n)),
        (Setting::LeaveOnServer, RegData::Dword(n)) => {
            Some(account::leave_text(*n).map_or_else(|| number(*n), Y::Str))
        }
        (Setting::Enum(names), RegData::Dword(n)) => Some(long(*n, Meaning::Enum(names))),
        (
            Setting::Uid,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) if bytes.len() == 16 => Some(Y::Str(mapi::uid_hex(bytes))),
        (
            Setting::UidList,
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        ) if bytes.len().is_multiple_of(16) => Some(Y::Seq(
            bytes.chunks(16).map(|c| Y::Str(mapi::uid_hex(c))).collect(),
        )),
        (
            Setting::AccountIds,
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

/// Outside profiles: a string as it is, the other string and number types
/// in their readable raw forms.
fn plain_form(data: &RegData, ctx: &Context) -> Option<Y> {
    match data {
        RegData::String(s) => Some(Y::Str(s.clone())),
        other => raw::readable(other, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapi::dictionary::Scope;

    fn binary(bytes: &[u8]) -> RegData {
        RegData::Hex {
            kind: kind::BINARY,
            bytes: bytes.to_vec(),
        }
    }

    fn shown(v: &RegValue, ctx: &Context) -> (String, Y, Option<String>) {
        let Shown {
            key,
            value,
            comment,
        } = show(v, ctx);
        (key, value, comment)
    }

    #[test]
    fn properties_are_shown_by_name_and_type_with_the_raw_name_beside() {
        assert_eq!(
            shown(
                &RegValue::named("0002662c", binary(&[0x71, 0x17])),
                &Context::exchange_for_test()
            ),
            (
                "TCPExchangePort".into(),
                Y::Int(6001),
                Some("0002662c".into())
            )
        );
        // a name written otherwise than MAPI writes it stays as written
        assert_eq!(
            shown(
                &RegValue::named("0002662C", binary(&[0x71, 0x17])),
                &Context::exchange_for_test()
            ),
            ("0002662C".into(), Y::Int(6001), Some("PT_I2".into()))
        );
        // secure values are never typed
        assert_eq!(
            shown(
                &RegValue::named("S001e67f1", binary(&[0x61, 0])),
                &Context::exchange_for_test()
            ),
            (
                "S001e67f1".into(),
                Y::tagged("hex", Y::Hex(vec![0x61, 0])),
                Some("PT_STRING8".into())
            )
        );
    }

    #[test]
    fn flags_enums_and_numbers() {
        let flags = |n: u32| {
            show(
                &RegValue::named("00036623", binary(&n.to_le_bytes())),
                &Context::exchange_for_test(),
            )
            .value
        };
        assert_eq!(
            flags(0x43),
            Y::Seq(vec![
                Y::Str("use-http".into()),
                Y::Str("ssl-only".into()),
                Y::Lit("0x40".into())
            ])
        );
        // the same property stored as a REG_DWORD keeps its type in view
        assert_eq!(
            show(
                &RegValue::named("00036623", RegData::Dword(1)),
                &Context::exchange_for_test()
            )
            .value,
            StoredAs::Dword.wrap(Y::Seq(vec![Y::Str("use-http".into())]))
        );
        assert_eq!(number(99_999), Y::Int(99_999));
        assert_eq!(number(u32::MAX), Y::Int(-1));
        assert_eq!(number(100_000), Y::Lit("0x000186a0".into()));
        assert_eq!(number(0x8000_0000), Y::Lit("0x80000000".into()));
        assert_eq!(currency_text(-123_400), "-12.3400");
        assert_eq!(currency_text(5), "0.0005");
        assert_eq!(currency_text(i64::MIN), "-922337203685477.5808");
    }

    #[test]
    fn uids_times_and_lists() {
        let uid = [0x85, 3, 2, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46];
        assert_eq!(
            show(
                &RegValue::named("01023009", binary(&uid)),
                &Context::exchange_for_test()
            )
            .value,
            Y::Hex(uid.to_vec()),
            "no meaning: hex"
        );
        assert_eq!(
            show(
                &RegValue::named("0102300c", binary(&uid)),
                &Context::exchange_for_test()
            )
            .value,
            Y::Str("8503020000000000c000000000000046".into())
        );
        let filetime = 133_589_448_000_000_000u64;
        let Y::Str(time) = show(
            &RegValue::named("00403007", binary(&filetime.to_le_bytes())),
            &Context::exchange_for_test(),
        )
        .value
        else {
            panic!("not a time")
        };
        assert!(time.starts_with("2024-"), "{time}");
        let contab = Context::for_test(true, Some(Scope::Contab), false);
        for layout in [Layout::Bits32, Layout::Bits64] {
            let names = PropValue::MvUnicode(vec!["a".into(), "b".into()], layout);
            let bytes = mapi::encode(&names, encoding_rs::WINDOWS_1252).unwrap();
            let list = Y::Seq(vec![Y::Str("a".into()), Y::Str("b".into())]);
            let expected = match layout {
                Layout::Bits32 => list,
                Layout::Bits64 => Form::X64.wrap(list),
            };
            assert_eq!(
                shown(&RegValue::named("101f6629", binary(&bytes)), &contab),
                (
                    "PR_CONTAB_DISPLAY_NAMES_W".into(),
                    expected,
                    Some("101f6629".into())
                )
            );
        }
    }

    #[test]
    fn data_the_typed_form_cannot_say_falls_back_to_the_raw_form() {
        // PT_UNICODE bytes of odd length
        assert_eq!(
            show(
                &RegValue::named("001f6622", binary(&[0x61])),
                &Context::exchange_for_test()
            )
            .value,
            Y::tagged("hex", Y::Hex(vec![0x61]))
        );
        // a PT_I2 in a REG_DWORD
        assert_eq!(
            show(
                &RegValue::named("0002662c", RegData::Dword(1)),
                &Context::exchange_for_test()
            )
            .value,
            Y::tagged("dword", Y::Int(1))
        );
        // a name that is no property here keeps its registry type in view
        assert_eq!(
            shown(
                &RegValue::named("Foo", RegData::String("x".into())),
                &Context::exchange_for_test()
            ),
            ("Foo".into(), Y::tagged("sz", Y::Str("x".into())), None)
        );
    }

    #[test]
    fn outside_profiles_strings_are_plain_and_other_types_raw() {
        let outside = Context::for_test(false, None, false);
        assert_eq!(
            show(
                &RegValue::named("0002662c", RegData::String("x".into())),
                &outside
            )
            .value,
            Y::Str("x".into())
        );
        assert_eq!(
            show(&RegValue::named("Version", RegData::Dword(3)), &outside).value,
            Y::tagged("dword", Y::Int(3))
        );
        let expand = RegData::Hex {
            kind: kind::EXPAND_SZ,
            bytes: vec![b'%', 0, 0, 0],
        };
        assert_eq!(
            show(&RegValue::named("Path", expand), &outside).value,
            Y::tagged("expand_sz", Y::Str("%".into()))
        );
    }

    #[test]
    fn account_manager_settings() {
        let manager = Context::for_test(true, None, true);
        assert_eq!(
            show(
                &RegValue::named("Account Name", binary(&[0x61, 0, 0, 0])),
                &manager
            )
            .value,
            StoredAs::Binary.wrap(Y::Str("a".into()))
        );
        assert_eq!(
            show(
                &RegValue::named("Account Name", RegData::String("a".into())),
                &manager
            )
            .value,
            Y::Str("a".into())
        );
    }
}
