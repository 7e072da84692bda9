//! Facts read out of raw registry values that profile code needs before
//! any naming: the text of a value (a `REG_SZ`, or UTF-16 bytes as the
//! account manager stores text) and the section UIDs a value lists.

use crate::reg::{RegData, RegValue, find_value};

/// The text of the value named `name`: a `REG_SZ`, or UTF-16 in a
/// `REG_BINARY` (how the account manager stores its text values).
pub(crate) fn text_value(values: &[RegValue], name: &str) -> Option<String> {
    match &find_value(values, name)?.data {
        RegData::String(text) => Some(text.clone()),
        RegData::Hex { bytes, .. } => crate::mapi::unicode_text(bytes),
        _ => None,
    }
}

/// The 16-byte section UIDs a value lists (`PR_SERVICES`,
/// `PR_STORE_PROVIDERS`, `PR_SERVICE_UID`, `Service UID`), as key names;
/// none when its bytes are not whole UIDs.
pub(crate) fn uids(data: &RegData) -> Vec<String> {
    match data {
        RegData::Hex { bytes, .. } if bytes.len().is_multiple_of(16) => {
            bytes.chunks_exact(16).map(crate::mapi::uid_hex).collect()
        }
        _ => Vec::new(),
    }
}
