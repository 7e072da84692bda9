//! The YAML scalars every form is made of: a string, an integer of a
//! width, a float, hex bytes, a UID.

use crate::mapi::{self, parse_int};

use crate::yaml::tree::Y;

pub(super) fn str_of(y: &Y) -> Result<&str, String> {
    match y {
        Y::Str(s) => Ok(s),
        _ => Err("expected a string".into()),
    }
}

pub(super) fn int_of(y: &Y) -> Result<i128, String> {
    match y {
        Y::Int(n) => Ok(*n),
        Y::Str(s) => parse_int(s).ok_or_else(|| format!("expected a number, found {s:?}")),
        _ => Err("expected a number".into()),
    }
}

pub(super) fn u32_of(y: &Y) -> Result<u32, String> {
    let n = int_of(y)?;
    u32::try_from(n)
        .or_else(|_| i32::try_from(n).map(i32::cast_unsigned))
        .map_err(|_| format!("{n} does not fit in 32 bits"))
}

pub(super) fn float_of(y: &Y) -> Result<f64, String> {
    match y {
        Y::Float(f) => Ok(*f),
        #[allow(clippy::cast_precision_loss)]
        Y::Int(n) => Ok(*n as f64),
        _ => Err("expected a number".into()),
    }
}

pub(super) fn hex_of(y: &Y) -> Result<Vec<u8>, String> {
    let Y::Str(s) = y else {
        return Err("expected hex bytes like \"01 02 0a\"".into());
    };
    mapi::parse_hex(s).map_err(|e| format!("{e}; expected bytes like \"01 02 0a\""))
}

pub(super) fn uid_of(y: &Y) -> Result<[u8; 16], String> {
    mapi::parse_uid(str_of(y)?).ok_or_else(|| "expected a UID of 32 hex digits".into())
}
