//! A YAML value (as read) as the value of a MAPI property of a given type
//! and meaning: numbers, flag and enum names, times, GUIDs, currency, UIDs
//! and the lists of multi-valued types.
//!
//! The inverse of the typed forms `show` writes; nothing here knows value
//! names, sections or registry types.

use crate::mapi::dictionary::Meaning;
use crate::mapi::flags::{self, Names};
use crate::mapi::{self, Layout, PropType, PropValue, Scalar, parse_int, time};
use crate::yaml::tree::Y;

use super::error::ShapeError;
use super::primitive::{float_of, hex_of, int_of, str_of, u32_of, uid_of};

/// The value of type `ptype` that `y` stands for; `layout` is where the
/// items of a multi-valued type go.
pub(super) fn prop_value(
    y: &Y,
    ptype: PropType,
    meaning: Meaning,
    layout: Layout,
) -> Result<PropValue, ShapeError> {
    if ptype.is_multi() {
        let Y::Seq(items) = y else {
            return Err(ShapeError::ExpectedList);
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

/// The bytes of a binary property: a UID, a list of UIDs, or hex.
pub(super) fn binary_of(y: &Y, meaning: Meaning) -> Result<Vec<u8>, ShapeError> {
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

/// A `PT_LONG`: a number, or flag names (a list) or an enum name.
pub(super) fn long_of(y: &Y, meaning: Meaning) -> Result<u32, ShapeError> {
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
        // a section whose role is not known (a patch's): a number, as
        // names would mean one bit in one role and another in the other
        (Meaning::ByRole(..), Y::Seq(_) | Y::Str(_)) => Err(ShapeError::RoleUnknown),
        _ => u32_of(y),
    }
}

fn strings(items: &[Y]) -> Result<Vec<String>, ShapeError> {
    items.iter().map(|i| str_of(i).map(str::to_owned)).collect()
}

fn scalar_of(y: &Y, ptype: PropType, meaning: Meaning) -> Result<Scalar, ShapeError> {
    Ok(match ptype {
        PropType::I2 => {
            let n = int_of(y)?;
            let v = u16::try_from(n).map_err(|_| ShapeError::Not16Bits(n))?;
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
            _ => return Err(ShapeError::ExpectedBool),
        },
        PropType::I8 => Scalar::I8(i64::try_from(int_of(y)?).map_err(|_| ShapeError::NotI8)?),
        PropType::SYSTIME => match y {
            Y::Str(s) => Scalar::SysTime(time::parse_filetime(s).ok_or(ShapeError::ExpectedTime)?),
            other => Scalar::SysTime(
                u64::try_from(int_of(other)?).map_err(|_| ShapeError::TimeOutOfRange)?,
            ),
        },
        PropType::CLSID => {
            Scalar::Clsid(mapi::parse_guid(str_of(y)?).ok_or(ShapeError::ExpectedGuid)?)
        }
        other => return Err(ShapeError::NoTypedForm(other)),
    })
}

fn flag_or_number(s: &str, names: Names) -> Result<u32, ShapeError> {
    if let Some(bits) = flags::flag_bits(s, names) {
        return Ok(bits);
    }
    parse_int(s)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| ShapeError::UnknownName {
            name: s.to_owned(),
            names,
        })
}

/// A `PT_CURRENCY`: a decimal with up to four places, in ten-thousandths.
fn currency_of(y: &Y) -> Result<i64, ShapeError> {
    let text = match y {
        Y::Str(s) => s.clone(),
        Y::Int(n) => n.to_string(),
        _ => return Err(ShapeError::ExpectedDecimal),
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
        return Err(ShapeError::BadCurrency(text));
    }
    let scaled = format!("{int}{frac:0<4}")
        .parse::<i64>()
        .map_err(|_| ShapeError::CurrencyOutOfRange)?;
    if negative {
        scaled.checked_neg().ok_or(ShapeError::CurrencyOutOfRange)
    } else {
        Ok(scaled)
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    fn one(y: &Y, ptype: PropType, meaning: Meaning) -> Result<PropValue, ShapeError> {
        prop_value(y, ptype, meaning, Layout::Bits32)
    }

    fn scalar(y: &Y, ptype: PropType) -> Result<Scalar, ShapeError> {
        one(y, ptype, Meaning::Plain).map(|value| match value {
            PropValue::Scalar(s) => s,
            other => panic!("not a scalar: {other:?}"),
        })
    }

    fn s(text: &str) -> Y {
        Y::Str(text.to_owned())
    }

    #[test]
    fn short_integers_are_0_to_65535() {
        assert_eq!(scalar(&Y::Int(65535), PropType::I2), Ok(Scalar::I2(65535)));
        assert_eq!(
            scalar(&Y::Int(70000), PropType::I2)
                .unwrap_err()
                .to_string(),
            "70000 does not fit in 16 bits (0 to 65535)"
        );
        assert_eq!(
            scalar(&Y::Int(-1), PropType::I2).unwrap_err().to_string(),
            "-1 does not fit in 16 bits (0 to 65535)"
        );
    }

    #[test]
    fn wide_integers_and_times_refuse_what_overflows() {
        assert_eq!(
            scalar(&Y::Int(i128::from(i64::MIN)), PropType::I8),
            Ok(Scalar::I8(i64::MIN))
        );
        let too_big = Y::Int(i128::from(i64::MAX) + 1);
        assert_eq!(
            scalar(&too_big, PropType::I8).unwrap_err().to_string(),
            "out of range for PT_I8"
        );
        assert_eq!(
            scalar(&Y::Int(-1), PropType::SYSTIME)
                .unwrap_err()
                .to_string(),
            "out of range"
        );
        assert_eq!(
            scalar(&s("yesterday"), PropType::SYSTIME)
                .unwrap_err()
                .to_string(),
            "expected a time like 2024-05-01T10:20:30Z"
        );
        let error = prop_value(
            &Y::Int(-1),
            PropType::SYSTIME,
            Meaning::Plain,
            Layout::Bits32,
        )
        .unwrap_err();
        assert_eq!(error, ShapeError::TimeOutOfRange);
    }

    #[test]
    fn booleans_guids_and_types_without_a_typed_form() {
        assert_eq!(
            scalar(&Y::Bool(true), PropType::BOOLEAN),
            Ok(Scalar::Boolean(true))
        );
        assert_eq!(
            scalar(&Y::Int(1), PropType::BOOLEAN)
                .unwrap_err()
                .to_string(),
            "expected true or false"
        );
        assert_eq!(
            scalar(&s("{1234}"), PropType::CLSID)
                .unwrap_err()
                .to_string(),
            "expected a GUID like {00020D0A-0000-0000-C000-000000000046}"
        );
        assert_eq!(
            scalar(&Y::Int(1), PropType::CLSID).unwrap_err().to_string(),
            "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it"
        );
        assert_eq!(
            scalar(&s("x"), PropType::OBJECT).unwrap_err().to_string(),
            "PT_OBJECT has no typed form; use {hex: …}"
        );
    }

    #[test]
    fn currency_has_up_to_four_places() {
        assert_eq!(
            scalar(&s("-12.34"), PropType::CURRENCY),
            Ok(Scalar::Currency(-123_400))
        );
        assert_eq!(
            scalar(&Y::Int(7), PropType::CURRENCY),
            Ok(Scalar::Currency(70_000))
        );
        for (bad, message) in [
            (s("1.23456"), "bad currency \"1.23456\""),
            (s(".5"), "bad currency \".5\""),
            (s("1e3"), "bad currency \"1e3\""),
            (Y::Float(12.34), "expected a decimal like \"12.3400\""),
            (s("1000000000000000.0000"), "currency out of range"),
        ] {
            assert_eq!(
                scalar(&bad, PropType::CURRENCY).unwrap_err().to_string(),
                message,
                "{bad:?}"
            );
        }
        assert_eq!(
            scalar(&s("922337203685477.5807"), PropType::CURRENCY),
            Ok(Scalar::Currency(i64::MAX))
        );
        // the sign is read apart from the digits, so the most negative
        // amount is out of range as its positive twin is
        assert_eq!(
            scalar(&s("-922337203685477.5808"), PropType::CURRENCY)
                .unwrap_err()
                .to_string(),
            "currency out of range"
        );
    }

    #[test]
    fn flags_and_enums_by_name_or_number() {
        let flags = Meaning::Flags(flags::ROH_FLAGS);
        assert_eq!(long_of(&Y::Seq(vec![s("0x1"), Y::Int(2)]), flags), Ok(3));
        assert_eq!(
            long_of(&Y::Seq(vec![s("use-http"), s("SSL-ONLY")]), flags),
            Ok(3)
        );
        assert_eq!(long_of(&s("mutual-auth"), flags), Ok(4));
        let unknown = long_of(&Y::Seq(vec![s("use-htp")]), flags).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown name \"use-htp\"; known: use-http, ssl-only, mutual-auth, http-fast, \
             ignore-cert-warnings, http-slow"
        );
        assert!(matches!(unknown, ShapeError::UnknownName { ref name, .. } if name == "use-htp"));
        // a number that is no 32-bit value is not a name either
        assert!(matches!(
            long_of(&s("0x100000000"), flags),
            Err(ShapeError::UnknownName { .. })
        ));
        assert_eq!(long_of(&Y::Int(-1), Meaning::Plain), Ok(u32::MAX));
    }

    #[test]
    fn lists_for_multi_valued_types() {
        let mv_unicode = PropType(0x101f);
        assert_eq!(
            one(&Y::Seq(vec![s("a")]), mv_unicode, Meaning::Plain),
            Ok(PropValue::MvUnicode(vec!["a".into()], Layout::Bits32))
        );
        assert_eq!(
            one(&s("a"), mv_unicode, Meaning::Plain)
                .unwrap_err()
                .to_string(),
            "expected a list"
        );
        assert_eq!(
            one(&Y::Seq(vec![Y::Int(1)]), mv_unicode, Meaning::Plain)
                .unwrap_err()
                .to_string(),
            "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it"
        );
    }

    #[test]
    fn uids_one_or_many() {
        let uid = "8503020000000000c000000000000046";
        let bytes = mapi::parse_uid(uid).unwrap();
        assert_eq!(binary_of(&s(uid), Meaning::Uid), Ok(bytes.to_vec()));
        let two = Y::Seq(vec![s(uid), s(uid)]);
        assert_eq!(
            binary_of(&two, Meaning::UidList),
            Ok([bytes, bytes].concat())
        );
        // a string of another length is hex
        assert_eq!(binary_of(&s("01 02"), Meaning::Uid), Ok(vec![1, 2]));
        assert_eq!(
            binary_of(&Y::Seq(vec![s("01")]), Meaning::UidList)
                .unwrap_err()
                .to_string(),
            "expected a UID of 32 hex digits"
        );
    }
}
