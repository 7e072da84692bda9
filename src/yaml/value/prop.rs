//! A YAML value as the value of a MAPI property of a given type and
//! meaning: numbers, flag and enum names, times, GUIDs, currency, UIDs and
//! the lists of multi-valued types.

use crate::mapi::dictionary::Meaning;
use crate::mapi::flags::{self, Names};
use crate::mapi::{self, Layout, PropType, PropValue, Scalar, parse_int, time};

use super::primitive::{float_of, hex_of, int_of, str_of, u32_of, uid_of};
use crate::yaml::tree::Y;

pub(super) fn prop_value(
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

pub(super) fn binary_of(y: &Y, meaning: Meaning) -> Result<Vec<u8>, String> {
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

pub(super) fn long_of(y: &Y, meaning: Meaning) -> Result<u32, String> {
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
