//! The YAML scalars every form is made of: a string, an integer of a
//! width, a float, hex bytes, a UID.
//!
//! Each reader takes a value as read (see [`Y::as_read`]) and says what it
//! expected when the value is something else; none knows which property or
//! form it reads for.

use crate::mapi::{self, parse_int};
use crate::yaml::tree::Y;

use super::error::ShapeError;

/// The text of a string.
pub(super) fn str_of(y: &Y) -> Result<&str, ShapeError> {
    match y {
        Y::Str(s) => Ok(s),
        // YAML reads `NO`, `on` or `6001` unquoted as a boolean or a number
        Y::Bool(_) | Y::Int(_) | Y::Float(_) => Err(ShapeError::QuoteIt),
        _ => Err(ShapeError::ExpectedString),
    }
}

/// An integer, or a string holding a decimal or `0x` hex one.
pub(super) fn int_of(y: &Y) -> Result<i128, ShapeError> {
    match y {
        Y::Int(n) => Ok(*n),
        Y::Str(s) => parse_int(s).ok_or_else(|| ShapeError::NotANumber(s.clone())),
        _ => Err(ShapeError::ExpectedNumber),
    }
}

/// A 32-bit integer, unsigned or signed (`-1` is `0xffffffff`).
pub(super) fn u32_of(y: &Y) -> Result<u32, ShapeError> {
    let n = int_of(y)?;
    u32::try_from(n)
        .or_else(|_| i32::try_from(n).map(i32::cast_unsigned))
        .map_err(|_| ShapeError::Not32Bits(n))
}

/// A float, or an integer taken as one.
pub(super) fn float_of(y: &Y) -> Result<f64, ShapeError> {
    match y {
        Y::Float(f) => Ok(*f),
        #[allow(clippy::cast_precision_loss)]
        Y::Int(n) => Ok(*n as f64),
        _ => Err(ShapeError::ExpectedNumber),
    }
}

/// Bytes written as hex pairs (`"01 02 0a"`).
pub(super) fn hex_of(y: &Y) -> Result<Vec<u8>, ShapeError> {
    let Y::Str(s) = y else {
        return Err(ShapeError::ExpectedHex);
    };
    mapi::parse_hex(s).map_err(ShapeError::BadHex)
}

/// A 16-byte UID written as 32 hex digits.
pub(super) fn uid_of(y: &Y) -> Result<[u8; 16], ShapeError> {
    mapi::parse_uid(str_of(y)?).ok_or(ShapeError::ExpectedUid)
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    fn message<T: std::fmt::Debug>(result: Result<T, ShapeError>) -> String {
        result.unwrap_err().to_string()
    }

    const QUOTE_IT: &str = "expected a string; YAML reads this unquoted value as a number or a boolean (yes, no, on, off, true, false): quote it";

    #[test]
    fn strings_and_numbers() {
        assert_eq!(str_of(&Y::Str("a".into())), Ok("a"));
        assert_eq!(message(str_of(&Y::Int(1))), QUOTE_IT);
        assert_eq!(message(str_of(&Y::Seq(vec![]))), "expected a string");
        assert_eq!(int_of(&Y::Str("0x27".into())), Ok(0x27));
        assert_eq!(int_of(&Y::Str("-12".into())), Ok(-12));
        assert_eq!(
            message(int_of(&Y::Str("ten".into()))),
            "expected a number, found \"ten\""
        );
        assert_eq!(message(int_of(&Y::Bool(true))), "expected a number");
        assert_eq!(float_of(&Y::Int(3)), Ok(3.0));
        assert_eq!(float_of(&Y::Float(0.5)), Ok(0.5));
        assert_eq!(
            message(float_of(&Y::Str("1.5".into()))),
            "expected a number"
        );
    }

    #[test]
    fn a_32_bit_integer_is_signed_or_unsigned_and_no_wider() {
        assert_eq!(u32_of(&Y::Int(-1)), Ok(0xffff_ffff));
        assert_eq!(u32_of(&Y::Int(0xffff_ffff)), Ok(0xffff_ffff));
        assert_eq!(u32_of(&Y::Int(i128::from(i32::MIN))), Ok(0x8000_0000));
        let wide = u32_of(&Y::Int(1 << 32)).unwrap_err();
        assert_eq!(wide.to_string(), "4294967296 does not fit in 32 bits");
        assert!(wide.source().is_none(), "the message says it all");
        assert_eq!(
            message(u32_of(&Y::Int(-(1 << 31) - 1))),
            "-2147483649 does not fit in 32 bits"
        );
    }

    #[test]
    fn hex_bytes_and_uids() {
        assert_eq!(hex_of(&Y::Str("01 02 0a".into())), Ok(vec![1, 2, 10]));
        assert_eq!(hex_of(&Y::Str(String::new())), Ok(Vec::new()));
        let odd = hex_of(&Y::Str("01 0".into())).unwrap_err();
        assert_eq!(
            odd.to_string(),
            "3 hex digits do not make whole bytes; expected bytes like \"01 02 0a\""
        );
        // the message says the hex error's text: it is not a second cause
        assert!(odd.source().is_none());
        assert!(matches!(odd, ShapeError::BadHex(_)));
        assert_eq!(
            message(hex_of(&Y::Str("0g".into()))),
            "'g' is not a hex digit; expected bytes like \"01 02 0a\""
        );
        assert_eq!(
            message(hex_of(&Y::Int(1))),
            "expected hex bytes like \"01 02 0a\""
        );
        let uid = "8503020000000000c000000000000046";
        assert_eq!(uid_of(&Y::Str(uid.into())).map(|u| u[0]), Ok(0x85));
        assert_eq!(
            message(uid_of(&Y::Str("8503".into()))),
            "expected a UID of 32 hex digits"
        );
        assert_eq!(message(uid_of(&Y::Int(1))), QUOTE_IT);
    }
}
