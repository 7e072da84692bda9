//! The MAPI vocabulary: property types and tags, value codecs for every
//! type (multi-valued ones in both the 32- and 64-bit layouts), the name
//! dictionary and the named constants of the properties code refers to,
//! well-known sections, flags, the account manager's values and the repair
//! of a proxy server written `host-PORT`.
//!
//! Nothing here knows about files or YAML.

pub mod account;
pub mod ansi;
mod codec;
pub mod dictionary;
pub mod entryid;
pub mod flags;
mod mv;
pub mod props;
pub mod proxy;
pub mod sections;
mod tag;
pub mod time;

use thiserror::Error;

pub use codec::{
    PropValue, Scalar, decode, decode_scalar, encode, encode_scalar, string8_bytes, string8_text,
    unicode_bytes, unicode_text,
};
pub use mv::Layout;
pub use tag::{PropTag, PropType, TagName};

/// A 16-byte UID as a section key name: 32 lowercase hex digits.
pub fn uid_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for &b in bytes {
        push_hex(&mut out, b);
    }
    out
}

/// Append `byte` as two lowercase hex digits.
pub fn push_hex(out: &mut String, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digit = |d: u8| DIGITS.get(usize::from(d)).map_or('0', |&c| char::from(c));
    out.push(digit(byte >> 4));
    out.push(digit(byte & 0xf));
}

/// The bytes of a 32-hex-digit UID.
pub fn parse_uid(text: &str) -> Option<[u8; 16]> {
    let text = text.trim();
    if text.len() != 32 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    parse_hex(text).ok()?.try_into().ok()
}

/// A GUID in memory order as `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
pub fn format_guid(b: &[u8; 16]) -> String {
    let d1 = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let d2 = u16::from_le_bytes([b[4], b[5]]);
    let d3 = u16::from_le_bytes([b[6], b[7]]);
    format!(
        "{{{d1:08X}-{d2:04X}-{d3:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
        b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
    )
}

/// The memory-order bytes of a GUID written with or without braces.
pub fn parse_guid(text: &str) -> Option<[u8; 16]> {
    let inner = text.trim().trim_start_matches('{').trim_end_matches('}');
    let parts: Vec<&str> = inner.split('-').collect();
    let [p1, p2, p3, p4, p5] = parts.as_slice() else {
        return None;
    };
    let widths = [(p1, 8), (p2, 4), (p3, 4), (p4, 4), (p5, 12)];
    if !widths
        .iter()
        .all(|(p, w)| p.len() == *w && p.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return None;
    }
    let d1 = u32::from_str_radix(p1, 16).ok()?;
    let d2 = u16::from_str_radix(p2, 16).ok()?;
    let d3 = u16::from_str_radix(p3, 16).ok()?;
    let tail: [u8; 8] = parse_hex(&format!("{p4}{p5}")).ok()?.try_into().ok()?;
    let mut out = [0u8; 16];
    out[..4].copy_from_slice(&d1.to_le_bytes());
    out[4..6].copy_from_slice(&d2.to_le_bytes());
    out[6..8].copy_from_slice(&d3.to_le_bytes());
    out[8..].copy_from_slice(&tail);
    Some(out)
}

/// Why text is not a list of hex bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum HexError {
    /// A character that is neither a hex digit nor a separator.
    #[error("{0:?} is not a hex digit")]
    NotHex(char),
    /// An odd number of digits.
    #[error("{0} hex digits do not make whole bytes")]
    Odd(usize),
}

/// A decimal or `0x` hex integer, optionally signed (`-1`, `+7`, `0x0027`).
/// Only digits follow the sign and the prefix: `0x+1` and `--1` are not
/// numbers.
pub fn parse_int(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (digits, radix) = match unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        Some(hex) => (hex, 16),
        None => (unsigned, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = i128::from_str_radix(digits, radix).ok()?;
    if negative {
        value.checked_neg()
    } else {
        Some(value)
    }
}

/// Bytes from hex pairs, with any spaces, commas or line breaks between.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity((text.len() / 3).saturating_add(1));
    let mut high: Option<u8> = None;
    let mut digits: usize = 0;
    for c in text.chars() {
        if matches!(c, ' ' | ',' | '\n' | '\r' | '\t') {
            continue;
        }
        let Some(d) = c.to_digit(16).and_then(|d| u8::try_from(d).ok()) else {
            return Err(HexError::NotHex(c));
        };
        digits = digits.saturating_add(1);
        match high.take() {
            Some(h) => out.push(h << 4 | d),
            None => high = Some(d),
        }
    }
    if high.is_some() {
        return Err(HexError::Odd(digits));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_decimal_or_hex_with_only_digits_after_the_sign() {
        assert_eq!(parse_int("6001"), Some(6001));
        assert_eq!(parse_int("-1"), Some(-1));
        assert_eq!(parse_int("+7"), Some(7));
        assert_eq!(parse_int("0x0027"), Some(0x27));
        assert_eq!(parse_int("0X80000000"), Some(0x8000_0000));
        for bad in ["", "x", "0x", "0x+1", "--1", "-+1", "1 2", "0x1g"] {
            assert_eq!(parse_int(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn guids_are_in_memory_order() {
        let bytes = parse_guid("{00020385-0000-0000-C000-000000000046}").unwrap();
        assert_eq!(uid_hex(&bytes), "8503020000000000c000000000000046");
        assert_eq!(
            format_guid(&bytes),
            "{00020385-0000-0000-C000-000000000046}"
        );
        assert_eq!(parse_uid("8503020000000000c000000000000046"), Some(bytes));
        assert_eq!(parse_uid("85030200"), None);
        assert_eq!(parse_guid("not-a-guid"), None);
        assert_eq!(parse_guid("{00020385-0000-0000-C000-0000000000 6}"), None);
        assert_eq!(parse_hex("00 ab\n  01"), Ok(vec![0, 0xab, 1]));
        assert_eq!(parse_hex("00,AB,01"), Ok(vec![0, 0xab, 1]));
        assert_eq!(parse_hex("0"), Err(HexError::Odd(1)));
        assert_eq!(parse_hex("+1"), Err(HexError::NotHex('+')));
        assert_eq!(parse_hex("0g"), Err(HexError::NotHex('g')));
        assert_eq!(parse_hex(""), Ok(vec![]));
    }
}
