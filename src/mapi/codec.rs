//! Property values ↔ the bytes of a `REG_BINARY` value.
//!
//! [`decode`] only answers when the bytes are exactly what [`encode`] would
//! write for the decoded value; anything else (an odd length, a missing
//! terminator, invalid UTF-16, a four-byte boolean, an MV header that does
//! not add up) is left to the caller to carry raw. That is how every value
//! survives a round trip byte for byte.

use encoding_rs::Encoding as CodePage;

use crate::text::{TextError, decode_code_page_strict, encode_code_page};

use super::mv::{self, Layout};
use super::tag::PropType;

/// One value of a fixed-size type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// `PT_I2`, shown unsigned (ports up to 65535).
    I2(u16),
    /// `PT_LONG`.
    Long(u32),
    /// `PT_R4`.
    R4(f32),
    /// `PT_DOUBLE`.
    Double(f64),
    /// `PT_CURRENCY`, in ten-thousandths.
    Currency(i64),
    /// `PT_APPTIME`, an OLE date.
    AppTime(f64),
    /// `PT_ERROR`, an SCODE.
    Error(u32),
    /// `PT_BOOLEAN`.
    Boolean(bool),
    /// `PT_I8`.
    I8(i64),
    /// `PT_SYSTIME`, FILETIME ticks.
    SysTime(u64),
    /// `PT_CLSID`, bytes in memory order.
    Clsid([u8; 16]),
}

/// A decoded property value.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue {
    /// A fixed-size single value.
    Scalar(Scalar),
    /// `PT_STRING8`.
    String8(String),
    /// `PT_UNICODE`.
    Unicode(String),
    /// `PT_BINARY`.
    Binary(Vec<u8>),
    /// `PT_MV_` of a fixed-size type: a bare array.
    MvScalar(Vec<Scalar>),
    /// `PT_MV_STRING8`.
    MvString8(Vec<String>, Layout),
    /// `PT_MV_UNICODE`.
    MvUnicode(Vec<String>, Layout),
    /// `PT_MV_BINARY`.
    MvBinary(Vec<Vec<u8>>, Layout),
}

/// Decode `bytes` as `ptype`, ANSI strings in code page `cp`; `None` unless
/// the bytes are the canonical encoding of the result.
pub fn decode(ptype: PropType, bytes: &[u8], cp: &'static CodePage) -> Option<PropValue> {
    let value = decode_loose(ptype, bytes, cp)?;
    match encode(&value, cp) {
        Ok(again) if again == bytes => Some(value),
        _ => None,
    }
}

/// The bytes of `value`, ANSI strings in code page `cp`.
pub fn encode(value: &PropValue, cp: &'static CodePage) -> Result<Vec<u8>, TextError> {
    Ok(match value {
        PropValue::Scalar(s) => encode_scalar(s),
        PropValue::String8(s) => string8_bytes(s, cp)?,
        PropValue::Unicode(s) => unicode_bytes(s),
        PropValue::Binary(b) => b.clone(),
        PropValue::MvScalar(items) => items.iter().flat_map(encode_scalar).collect(),
        PropValue::MvString8(items, layout) => {
            let encoded = items
                .iter()
                .map(|s| string8_bytes(s, cp))
                .collect::<Result<Vec<_>, _>>()?;
            mv::encode_strings(&encoded, *layout)
        }
        PropValue::MvUnicode(items, layout) => {
            let encoded: Vec<Vec<u8>> = items.iter().map(|s| unicode_bytes(s)).collect();
            mv::encode_strings(&encoded, *layout)
        }
        PropValue::MvBinary(items, layout) => mv::encode_binaries(items, *layout),
    })
}

/// `PT_UNICODE` bytes: UTF-16LE and a two-byte terminator.
pub fn unicode_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len().saturating_mul(2).saturating_add(2));
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

/// `PT_STRING8` bytes: the code page's bytes and a terminator.
pub fn string8_bytes(text: &str, cp: &'static CodePage) -> Result<Vec<u8>, TextError> {
    let mut out = encode_code_page(text, cp)?;
    out.push(0);
    Ok(out)
}

/// The text of `PT_UNICODE` bytes, if they are UTF-16LE with exactly one
/// terminator at the end.
pub fn unicode_text(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_suffix(&[0, 0])?;
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .filter_map(|pair| pair.try_into().ok().map(u16::from_le_bytes))
        .collect();
    if units.contains(&0) {
        return None;
    }
    String::from_utf16(&units).ok()
}

/// The text of `PT_STRING8` bytes, if they end with exactly one terminator.
pub fn string8_text(bytes: &[u8], cp: &'static CodePage) -> Option<String> {
    let body = bytes.strip_suffix(&[0])?;
    if body.contains(&0) {
        return None;
    }
    decode_code_page_strict(body, cp).ok()
}

fn decode_loose(ptype: PropType, bytes: &[u8], cp: &'static CodePage) -> Option<PropValue> {
    if ptype.is_multi() {
        let base = ptype.base();
        return match base {
            PropType::STRING8 => {
                let (items, layout) = mv::decode_strings(bytes, 1)?;
                let texts = items
                    .iter()
                    .map(|b| string8_text(b, cp))
                    .collect::<Option<Vec<_>>>()?;
                Some(PropValue::MvString8(texts, layout))
            }
            PropType::UNICODE => {
                let (items, layout) = mv::decode_strings(bytes, 2)?;
                let texts = items
                    .iter()
                    .map(|b| unicode_text(b))
                    .collect::<Option<Vec<_>>>()?;
                Some(PropValue::MvUnicode(texts, layout))
            }
            PropType::BINARY => {
                let (items, layout) = mv::decode_binaries(bytes)?;
                Some(PropValue::MvBinary(items, layout))
            }
            _ => {
                let size = base.fixed_size()?;
                if !bytes.len().is_multiple_of(size) {
                    return None;
                }
                let items = bytes
                    .chunks_exact(size)
                    .map(|chunk| decode_scalar(base, chunk))
                    .collect::<Option<Vec<_>>>()?;
                Some(PropValue::MvScalar(items))
            }
        };
    }
    match ptype {
        PropType::STRING8 => string8_text(bytes, cp).map(PropValue::String8),
        PropType::UNICODE => unicode_text(bytes).map(PropValue::Unicode),
        PropType::BINARY => Some(PropValue::Binary(bytes.to_vec())),
        _ => decode_scalar(ptype, bytes).map(PropValue::Scalar),
    }
}

/// A fixed-size value of exactly its size.
pub fn decode_scalar(ptype: PropType, bytes: &[u8]) -> Option<Scalar> {
    Some(match ptype {
        PropType::I2 => Scalar::I2(u16::from_le_bytes(bytes.try_into().ok()?)),
        PropType::LONG => Scalar::Long(u32::from_le_bytes(bytes.try_into().ok()?)),
        PropType::R4 => Scalar::R4(f32::from_le_bytes(bytes.try_into().ok()?)),
        PropType::DOUBLE => Scalar::Double(f64::from_le_bytes(bytes.try_into().ok()?)),
        PropType::CURRENCY => Scalar::Currency(i64::from_le_bytes(bytes.try_into().ok()?)),
        PropType::APPTIME => Scalar::AppTime(f64::from_le_bytes(bytes.try_into().ok()?)),
        PropType::ERROR => Scalar::Error(u32::from_le_bytes(bytes.try_into().ok()?)),
        PropType::BOOLEAN => match u16::from_le_bytes(bytes.try_into().ok()?) {
            0 => Scalar::Boolean(false),
            1 => Scalar::Boolean(true),
            _ => return None,
        },
        PropType::I8 => Scalar::I8(i64::from_le_bytes(bytes.try_into().ok()?)),
        PropType::SYSTIME => Scalar::SysTime(u64::from_le_bytes(bytes.try_into().ok()?)),
        PropType::CLSID => Scalar::Clsid(bytes.try_into().ok()?),
        _ => return None,
    })
}

/// The bytes of a fixed-size value.
pub fn encode_scalar(value: &Scalar) -> Vec<u8> {
    match *value {
        Scalar::I2(v) => v.to_le_bytes().to_vec(),
        Scalar::Long(v) | Scalar::Error(v) => v.to_le_bytes().to_vec(),
        Scalar::R4(v) => v.to_le_bytes().to_vec(),
        Scalar::Double(v) | Scalar::AppTime(v) => v.to_le_bytes().to_vec(),
        Scalar::Currency(v) | Scalar::I8(v) => v.to_le_bytes().to_vec(),
        Scalar::Boolean(v) => u16::from(v).to_le_bytes().to_vec(),
        Scalar::SysTime(v) => v.to_le_bytes().to_vec(),
        Scalar::Clsid(v) => v.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp() -> &'static CodePage {
        encoding_rs::WINDOWS_1252
    }

    fn hex(text: &str) -> Vec<u8> {
        text.split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn ports_are_unsigned_and_keep_two_bytes() {
        let bytes = hex("2c,ad");
        let value = decode(PropType::I2, &bytes, cp()).unwrap();
        assert_eq!(value, PropValue::Scalar(Scalar::I2(44332)));
        assert_eq!(
            decode(PropType::I2, &hex("71,17"), cp()),
            Some(PropValue::Scalar(Scalar::I2(6001)))
        );
        assert_eq!(decode(PropType::I2, &hex("71,17,00"), cp()), None);
    }

    #[test]
    fn booleans_are_two_bytes_zero_or_one() {
        assert_eq!(
            decode(PropType::BOOLEAN, &hex("01,00"), cp()),
            Some(PropValue::Scalar(Scalar::Boolean(true)))
        );
        assert_eq!(decode(PropType::BOOLEAN, &hex("01,00,00,00"), cp()), None);
        assert_eq!(decode(PropType::BOOLEAN, &hex("ff,ff"), cp()), None);
    }

    #[test]
    fn unicode_needs_one_terminator() {
        let bytes = hex("68,00,3a,00,34,00,00,00");
        assert_eq!(
            decode(PropType::UNICODE, &bytes, cp()),
            Some(PropValue::Unicode("h:4".into()))
        );
        assert_eq!(decode(PropType::UNICODE, &hex("68,00"), cp()), None);
        assert_eq!(
            decode(PropType::UNICODE, &hex("68,00,00,00,00,00"), cp()),
            None
        );
        assert_eq!(decode(PropType::UNICODE, &hex("68,00,00"), cp()), None);
        assert_eq!(decode(PropType::UNICODE, &hex("00,d8,00,00"), cp()), None);
    }

    #[test]
    fn string8_uses_the_code_page() {
        let bytes = hex("4d,fc,6c,6c,65,72,00");
        assert_eq!(
            decode(PropType::STRING8, &bytes, cp()),
            Some(PropValue::String8("Müller".into()))
        );
        assert_eq!(
            encode(&PropValue::String8("Müller".into()), cp()).unwrap(),
            bytes
        );
    }

    #[test]
    fn mv_long_is_a_bare_array() {
        assert_eq!(
            decode(PropType(0x1003), &hex("0f,01,04,80,01,00,00,00"), cp()),
            Some(PropValue::MvScalar(vec![
                Scalar::Long(0x8004_010f),
                Scalar::Long(1)
            ]))
        );
    }

    #[test]
    fn every_scalar_round_trips() {
        for (ptype, bytes) in [
            (PropType::LONG, hex("84,19,00,00")),
            (PropType::R4, hex("00,00,c0,3f")),
            (PropType::DOUBLE, hex("00,00,00,00,00,00,f8,3f")),
            (PropType::CURRENCY, hex("10,27,00,00,00,00,00,00")),
            (PropType::APPTIME, hex("00,00,00,00,00,e0,e5,40")),
            (PropType::ERROR, hex("0f,01,04,80")),
            (PropType::I8, hex("ff,ff,ff,ff,ff,ff,ff,ff")),
            (PropType::SYSTIME, hex("00,80,3e,d5,de,b1,9d,01")),
            (
                PropType::CLSID,
                hex("11,54,47,ed,d6,b0,d2,11,8c,3b,00,10,4b,2a,66,76"),
            ),
        ] {
            let value = decode(ptype, &bytes, cp()).unwrap();
            assert_eq!(encode(&value, cp()).unwrap(), bytes, "{ptype}");
        }
    }

    #[test]
    fn unknown_types_do_not_decode() {
        assert_eq!(decode(PropType(0x0099), &hex("01"), cp()), None);
        assert_eq!(decode(PropType::OBJECT, &hex("01"), cp()), None);
    }
}
