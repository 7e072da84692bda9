//! Registry data ↔ the raw forms of [`Form`]: the raw form of any data, the
//! readable forms of `REG_EXPAND_SZ`, `REG_MULTI_SZ` and `REG_QWORD`
//! outside profiles, reading a raw form back, and the string encodings those
//! types have in each `.reg` format.
//!
//! Nothing here knows properties: `x64` needs one, so `parse` reads it and
//! [`parse`] refuses it.

use crate::mapi;
use crate::reg::{Format, RegData, kind};
use crate::text::TextError;
use crate::yaml::tree::Y;

use super::context::Context;
use super::error::ValueError;
use super::form::Form;
use super::primitive::{hex_of, int_of, str_of, u32_of};

/// The explicit raw form of any data; `null` for a deletion.
pub(super) fn show(data: &RegData) -> Y {
    match data {
        RegData::String(s) => Form::Sz.wrap(Y::Str(s.clone())),
        RegData::Dword(n) => Form::Dword.wrap(Y::Int(i128::from(*n))),
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } => Form::Hex.wrap(Y::Hex(bytes.clone())),
        RegData::Hex { kind, bytes } => Form::Kind(*kind).wrap(Y::Hex(bytes.clone())),
        RegData::Delete => Y::Map(vec![(super::parse::DELETE.to_owned(), Y::Bool(true))]),
    }
}

/// The readable form of `REG_EXPAND_SZ`, `REG_MULTI_SZ` and `REG_QWORD`
/// data (`{expand_sz: text}`, `{multi_sz: [a, b]}`, `{qword: 1}`), when the
/// bytes are what the type says; `None` for other data.
pub(super) fn readable(data: &RegData, ctx: &Context) -> Option<Y> {
    let RegData::Hex { kind, bytes } = data else {
        return None;
    };
    match *kind {
        kind::EXPAND_SZ => reg_string(bytes, ctx).map(|s| Form::ExpandSz.wrap(Y::Str(s))),
        kind::MULTI_SZ => multi_sz(bytes, ctx)
            .map(|items| Form::MultiSz.wrap(Y::Seq(items.into_iter().map(Y::Str).collect()))),
        kind::QWORD => {
            let raw: [u8; 8] = bytes.as_slice().try_into().ok()?;
            Some(Form::Qword.wrap(Y::Int(i128::from(u64::from_le_bytes(raw)))))
        }
        _ => None,
    }
}

/// The data of raw form `form` holding `inner` (as read). `x64` is refused:
/// only a multi-valued property gives it a meaning.
pub(super) fn parse(form: Form, inner: &Y, ctx: &Context) -> Result<RegData, ValueError> {
    Ok(match form {
        Form::Hex => RegData::Hex {
            kind: kind::BINARY,
            bytes: hex_of(inner)?,
        },
        Form::Dword => RegData::Dword(u32_of(inner)?),
        Form::Sz => RegData::String(str_of(inner)?.to_owned()),
        Form::ExpandSz => RegData::Hex {
            kind: kind::EXPAND_SZ,
            bytes: reg_string_bytes(no_nul(str_of(inner)?)?, ctx)?,
        },
        Form::MultiSz => {
            let Y::Seq(items) = inner else {
                return Err(ValueError::MultiSzNotList);
            };
            let items = items
                .iter()
                .map(|i| str_of(i).map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()?;
            for (n, item) in items.iter().enumerate() {
                if item.is_empty() {
                    return Err(ValueError::MultiSzEmpty(n.saturating_add(1)));
                }
                no_nul(item)?;
            }
            RegData::Hex {
                kind: kind::MULTI_SZ,
                bytes: multi_sz_bytes(&items, ctx)?,
            }
        }
        Form::Qword => {
            let n = int_of(inner)?;
            let n = u64::try_from(n)
                .or_else(|_| i64::try_from(n).map(i64::cast_unsigned))
                .map_err(|_| ValueError::QwordOutOfRange)?;
            RegData::Hex {
                kind: kind::QWORD,
                bytes: n.to_le_bytes().to_vec(),
            }
        }
        Form::X64 => return Err(ValueError::X64NotMulti),
        Form::Kind(kind) => RegData::Hex {
            kind,
            bytes: hex_of(inner)?,
        },
    })
}

/// `text`, when it holds no NUL.
fn no_nul(text: &str) -> Result<&str, ValueError> {
    if text.contains('\0') {
        return Err(ValueError::Nul(text.to_owned()));
    }
    Ok(text)
}

/// The string of `REG_SZ`/`REG_EXPAND_SZ` bytes in this file's encoding.
fn reg_string(bytes: &[u8], ctx: &Context) -> Option<String> {
    match ctx.format {
        Format::Regedit5 => mapi::unicode_text(bytes),
        Format::Regedit4 => mapi::string8_text(bytes, ctx.codepage),
    }
}

fn reg_string_bytes(text: &str, ctx: &Context) -> Result<Vec<u8>, TextError> {
    match ctx.format {
        Format::Regedit5 => Ok(mapi::unicode_bytes(text)),
        Format::Regedit4 => mapi::string8_bytes(text, ctx.codepage),
    }
}

/// The strings of `REG_MULTI_SZ` bytes: each with its terminator, then one
/// more terminator. None for an empty string inside (Windows ends the list
/// there; the bytes are shown as they are).
fn multi_sz(bytes: &[u8], ctx: &Context) -> Option<Vec<String>> {
    let items = crate::reg::multi_sz_items(bytes, unit(ctx.format))?;
    // an empty string ends the list for Windows: such bytes stay bytes
    if items.iter().any(|item| item.len() == unit(ctx.format)) {
        return None;
    }
    items
        .into_iter()
        .map(|item| reg_string(item, ctx))
        .collect()
}

fn multi_sz_bytes(items: &[String], ctx: &Context) -> Result<Vec<u8>, TextError> {
    let mut out = Vec::new();
    for item in items {
        out.extend(reg_string_bytes(item, ctx)?);
    }
    out.extend(std::iter::repeat_n(0, unit(ctx.format)));
    Ok(out)
}

/// The size of one character's code unit: UTF-16 in Regedit 5, the code
/// page's bytes in REGEDIT4.
fn unit(format: Format) -> usize {
    match format {
        Format::Regedit5 => 2,
        Format::Regedit4 => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(format: Format) -> Context {
        Context {
            in_profile: false,
            scope: None,
            account_manager: false,
            format,
            codepage: encoding_rs::WINDOWS_1252,
            provider: None,
        }
    }

    /// The form's key and what it holds, once written and read back.
    fn read_back(y: &Y) -> (Form, Y) {
        let Y::Map(entries) = y.as_read() else {
            panic!("not a raw form: {y:?}")
        };
        let [(key, inner)] = entries.as_slice() else {
            panic!("not one entry: {entries:?}")
        };
        (Form::from_key(key).unwrap(), inner.clone())
    }

    fn hex(kind: u32, bytes: &[u8]) -> RegData {
        RegData::Hex {
            kind,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn every_kind_of_data_has_a_raw_form_that_reads_back() {
        let ctx = ctx(Format::Regedit5);
        for data in [
            RegData::String("a \"b\"".into()),
            RegData::String(String::new()),
            RegData::Dword(0),
            RegData::Dword(u32::MAX),
            hex(kind::BINARY, &[]),
            hex(kind::BINARY, &[0, 0xff, 0x10]),
            hex(kind::EXPAND_SZ, &[1]),
            hex(kind::QWORD, &[1, 2, 3]),
            hex(0, &[]),
            hex(0x100, &[7]),
            hex(u32::MAX, &[7, 8]),
        ] {
            let shown = show(&data);
            let (form, inner) = read_back(&shown);
            assert_eq!(parse(form, &inner, &ctx), Ok(data.clone()), "{shown:?}");
        }
        assert_eq!(
            show(&RegData::Delete),
            Y::Map(vec![("delete".to_owned(), Y::Bool(true))])
        );
    }

    #[test]
    fn raw_forms_name_their_type() {
        assert_eq!(show(&RegData::Dword(7)), Y::tagged("dword", Y::Int(7)));
        assert_eq!(
            show(&hex(kind::BINARY, &[1])),
            Y::tagged("hex", Y::Hex(vec![1]))
        );
        assert_eq!(show(&hex(0xb, &[1])), Y::tagged("hex(b)", Y::Hex(vec![1])));
        assert_eq!(
            show(&RegData::String("x".into())),
            Y::tagged("sz", Y::Str("x".into()))
        );
    }

    #[test]
    fn strings_windows_would_cut_are_refused_and_shown_as_bytes() {
        let ctx = ctx(Format::Regedit5);
        let list = |items: &[&str]| Y::Seq(items.iter().map(|i| Y::Str((*i).into())).collect());
        assert_eq!(
            parse(Form::MultiSz, &list(&["a", "", "b"]), &ctx)
                .unwrap_err()
                .to_string(),
            "multi_sz string 2 is empty; Windows ends the list there and drops the strings after it"
        );
        assert_eq!(
            parse(Form::MultiSz, &list(&["a\0b"]), &ctx)
                .unwrap_err()
                .to_string(),
            "the string \"a\\0b\" holds NUL, where Windows would end it"
        );
        assert!(parse(Form::ExpandSz, &Y::Str("%a%\0b".into()), &ctx).is_err());
        // such bytes read from a file are shown as they are
        let bytes = crate::text::encode("a\0\0b\0\0", &crate::text::TextFormat::REGEDIT5).unwrap();
        let data = RegData::Hex {
            kind: kind::MULTI_SZ,
            bytes: bytes.get(2..).unwrap().to_vec(),
        };
        assert!(
            !matches!(readable(&data, &ctx), Some(Y::Map(m)) if m.iter().any(|(k, _)| k == "multi_sz"))
        );
    }

    #[test]
    fn readable_forms_read_back_in_both_formats() {
        for format in [Format::Regedit5, Format::Regedit4] {
            let ctx = ctx(format);
            for (form, inner) in [
                (Form::ExpandSz, Y::Str("%TEMP%\\é".into())),
                (Form::ExpandSz, Y::Str(String::new())),
                (
                    Form::MultiSz,
                    Y::Seq(vec![Y::Str("a".into()), Y::Str("bc".into())]),
                ),
                (Form::MultiSz, Y::Seq(Vec::new())),
                (Form::Qword, Y::Int(i128::from(u64::MAX))),
                (Form::Qword, Y::Int(0)),
            ] {
                let data = parse(form, &inner, &ctx).unwrap();
                assert_eq!(
                    readable(&data, &ctx),
                    Some(form.wrap(inner.clone())),
                    "{format:?} {inner:?}"
                );
            }
        }
    }

    #[test]
    fn the_two_formats_encode_strings_apart() {
        let text = Y::Str("é".into());
        assert_eq!(
            parse(Form::ExpandSz, &text, &ctx(Format::Regedit5)),
            Ok(hex(kind::EXPAND_SZ, &[0xe9, 0, 0, 0]))
        );
        assert_eq!(
            parse(Form::ExpandSz, &text, &ctx(Format::Regedit4)),
            Ok(hex(kind::EXPAND_SZ, &[0xe9, 0]))
        );
        let list = Y::Seq(vec![Y::Str("a".into()), Y::Str("b".into())]);
        assert_eq!(
            parse(Form::MultiSz, &list, &ctx(Format::Regedit5)),
            Ok(hex(kind::MULTI_SZ, &[b'a', 0, 0, 0, b'b', 0, 0, 0, 0, 0]))
        );
        assert_eq!(
            parse(Form::MultiSz, &list, &ctx(Format::Regedit4)),
            Ok(hex(kind::MULTI_SZ, &[b'a', 0, b'b', 0, 0]))
        );
        // -1 is the qword of all ones
        assert_eq!(
            parse(Form::Qword, &Y::Int(-1), &ctx(Format::Regedit5)),
            Ok(hex(kind::QWORD, &[0xff; 8]))
        );
    }

    #[test]
    fn bytes_that_are_not_what_the_type_says_have_no_readable_form() {
        let ctx = ctx(Format::Regedit5);
        for data in [
            // odd length for UTF-16, no terminator, text after the last one
            hex(kind::EXPAND_SZ, &[b'a', 0, 0]),
            hex(kind::EXPAND_SZ, &[b'a', 0]),
            hex(kind::MULTI_SZ, &[b'a', 0, 0, 0, b'b', 0]),
            hex(kind::MULTI_SZ, &[b'a', 0, 0, 0, b'b', 0, 0, 0, 1, 0]),
            hex(kind::MULTI_SZ, &[]),
            hex(kind::QWORD, &[1, 2, 3, 4, 5, 6, 7]),
            hex(kind::BINARY, &[1]),
            RegData::Dword(1),
        ] {
            assert_eq!(readable(&data, &ctx), None, "{data:?}");
        }
    }

    #[test]
    fn mistakes_in_raw_forms() {
        let ctx = ctx(Format::Regedit4);
        let message = |form: Form, inner: Y| parse(form, &inner, &ctx).unwrap_err().to_string();
        assert_eq!(
            message(Form::X64, Y::Seq(Vec::new())),
            "x64 applies to multi-valued properties only"
        );
        assert_eq!(
            message(Form::MultiSz, Y::Str("a".into())),
            "multi_sz needs a list of strings"
        );
        assert_eq!(
            message(Form::MultiSz, Y::Seq(vec![Y::Int(1)])),
            "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it"
        );
        assert_eq!(
            message(Form::Qword, Y::Int(i128::from(u64::MAX) + 1)),
            "qword out of range"
        );
        assert_eq!(
            message(Form::Qword, Y::Int(i128::from(i64::MIN) - 1)),
            "qword out of range"
        );
        assert_eq!(
            message(Form::Dword, Y::Str("0x1ffffffff".into())),
            "8589934591 does not fit in 32 bits"
        );
        assert_eq!(
            message(Form::Kind(7), Y::Str("abc".into())),
            "3 hex digits do not make whole bytes; expected bytes like \"01 02 0a\""
        );
        // REGEDIT4 strings are in the code page
        assert_eq!(
            message(Form::ExpandSz, Y::Str("✓".into())),
            "character '✓' cannot be written in windows-1252"
        );
    }
}
