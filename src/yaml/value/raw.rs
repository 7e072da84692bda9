//! The explicit raw forms of a registry value (`{hex: …}`, `{dword: …}`,
//! `{sz: …}`, `{expand_sz: …}`, `{multi_sz: …}`, `{qword: …}`,
//! `{hex(N): …}`) and the string encodings of `REG_EXPAND_SZ` and
//! `REG_MULTI_SZ` in each `.reg` format.

use crate::mapi;
use crate::reg::{Format, RegData, kind};
use crate::text::TextError;

use super::context::Context;
use crate::yaml::tree::Y;

/// The string of `REG_SZ`/`REG_EXPAND_SZ` bytes in this file's encoding.
pub(super) fn reg_string(bytes: &[u8], ctx: &Context) -> Option<String> {
    match ctx.format {
        Format::Regedit5 => mapi::unicode_text(bytes),
        Format::Regedit4 => mapi::string8_text(bytes, ctx.codepage),
    }
}

pub(super) fn reg_string_bytes(text: &str, ctx: &Context) -> Result<Vec<u8>, TextError> {
    match ctx.format {
        Format::Regedit5 => Ok(mapi::unicode_bytes(text)),
        Format::Regedit4 => mapi::string8_bytes(text, ctx.codepage),
    }
}

pub(super) fn multi_sz(bytes: &[u8], ctx: &Context) -> Option<Vec<String>> {
    let unit = match ctx.format {
        Format::Regedit5 => 2,
        Format::Regedit4 => 1,
    };
    let body = bytes.get(..bytes.len().checked_sub(unit)?)?;
    if bytes.get(body.len()..)?.iter().any(|&b| b != 0) {
        return None;
    }
    let mut items = Vec::new();
    let mut start = 0;
    for (n, chunk) in body.chunks(unit).enumerate() {
        if chunk.iter().all(|&b| b == 0) {
            let end = n.checked_add(1)?.checked_mul(unit)?;
            items.push(reg_string(body.get(start..end)?, ctx)?);
            start = end;
        }
    }
    (start == body.len()).then_some(items)
}

pub(super) fn multi_sz_bytes(items: &[String], ctx: &Context) -> Result<Vec<u8>, TextError> {
    let mut out = Vec::new();
    for item in items {
        out.extend(reg_string_bytes(item, ctx)?);
    }
    out.extend(std::iter::repeat_n(
        0,
        if ctx.format == Format::Regedit5 { 2 } else { 1 },
    ));
    Ok(out)
}

/// The explicit raw form of any data.
pub(super) fn raw_form(data: &RegData) -> Y {
    match data {
        RegData::String(s) => Y::tagged("sz", Y::Str(s.clone())),
        RegData::Dword(n) => Y::tagged("dword", Y::Int(i128::from(*n))),
        RegData::Hex {
            kind: kind::BINARY,
            bytes,
        } => Y::tagged("hex", Y::Hex(bytes.clone())),
        RegData::Hex { kind, bytes } => Y::tagged(&format!("hex({kind:x})"), Y::Hex(bytes.clone())),
        RegData::Delete => Y::Null,
    }
}
