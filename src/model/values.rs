//! Facts read out of raw registry values that profile code needs before
//! any naming: the text of a value (a `REG_SZ`, or UTF-16 bytes as the
//! account manager stores text) and the section UIDs a value lists.

use crate::mapi::{self, PropType, PropValue, Scalar};
use crate::reg::{RegData, RegValue, find_value};

/// The text of the value named `name`: see [`text_data`].
pub(crate) fn text_value(values: &[RegValue], name: &str) -> Option<String> {
    text_data(&find_value(values, name)?.data)
}

/// Text data: a `REG_SZ`, or UTF-16 in a `REG_BINARY` (how the account
/// manager stores its text values).
pub(crate) fn text_data(data: &RegData) -> Option<String> {
    match data {
        RegData::String(text) => Some(text.clone()),
        RegData::Hex { bytes, .. } => mapi::unicode_text(bytes),
        _ => None,
    }
}

/// A MAPI value of type `ptype` as what it means: a string as its text
/// whatever its type and registry form (`PT_STRING8` read as Unicode),
/// anything else as its decoded value.
pub(crate) fn decoded(
    value: &RegValue,
    ptype: PropType,
    cp: &'static encoding_rs::Encoding,
) -> Option<PropValue> {
    let decoded = match &value.data {
        RegData::Hex { bytes, .. } => mapi::decode(ptype, bytes, cp)?,
        RegData::String(s) => PropValue::Unicode(s.clone()),
        RegData::Dword(n) => PropValue::Scalar(Scalar::Long(*n)),
        RegData::Delete => return None,
    };
    Some(match decoded {
        PropValue::String8(s) => PropValue::Unicode(s),
        other => other,
    })
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
