//! Redacting the registry model: profile names, then every value that is
//! not known to be safe (so that every original has its placeholder), then
//! safe text, binary values and secrets.

use encoding_rs::Encoding as CodePage;

use crate::mapi::{self, PropType, PropValue, TagName, account};
use crate::model::{Model, SectionInfo, describe};
use crate::reg::{Format, RegData, RegValue, kind, name};

use super::placeholder::Kind;
use super::rules::{self, Rule};
use super::{Redactor, binary};

/// How a value holds text.
#[derive(Debug, Clone, Copy)]
enum How {
    /// A MAPI property of this type (strings and lists of strings).
    Mapi(PropType),
    /// UTF-16 text in `REG_BINARY` (account-manager text values).
    Utf16,
    /// As its registry type says (`REG_SZ`, `REG_EXPAND_SZ`, `REG_MULTI_SZ`).
    Registry,
}

/// `model` redacted by `r`.
pub(super) fn redact(r: &mut Redactor, model: &Model) -> Model {
    let mut out = model.clone();
    let cp = model.source.codepage;
    let format = model.source.format;
    // which service owns each section, worked out before anything changes
    let infos: Vec<Vec<SectionInfo>> = model.profiles.iter().map(|p| describe(p, cp)).collect();
    for profile in &mut out.profiles {
        profile.name = r.names.get(&profile.name, Kind::Profile);
    }
    // every original gets its placeholder first, the most telling kinds
    // first (a name that is an account's is `account1` wherever it is) …
    for round in 0..Rule::KEEP_ROUND {
        each_value(&mut out, &infos, |value, rule, how| {
            if let Rule::Redact(kind) = rule
                && rule.round() == round
            {
                edit_texts(&mut value.data, how, cp, format, |t| r.redact_text(t, kind));
            }
        });
    }
    // … so that safe text and binary data can be checked against them all
    each_value(&mut out, &infos, |value, rule, how| match rule {
        Rule::Secret => blank(&mut value.data),
        Rule::Keep => {
            if !edit_texts(&mut value.data, how, cp, format, |t| r.keep_text(t)) {
                binaries(r, value, how, cp);
            }
        }
        Rule::Redact(_) => {
            if !edit_texts(&mut value.data, how, cp, format, str::to_owned) {
                binaries(r, value, how, cp);
            }
        }
    });
    out
}

/// Call `f` on every value of `model` with its rule and how it holds text.
fn each_value(
    model: &mut Model,
    infos: &[Vec<SectionInfo>],
    mut f: impl FnMut(&mut RegValue, Rule, How),
) {
    for value in model.keys.iter_mut().flat_map(|k| k.values.iter_mut()) {
        let value_name = value.name.as_str().to_owned();
        let (rule, how) = match TagName::parse(&value_name) {
            _ if name::same(&value_name, "DefaultProfile") => {
                (Rule::Redact(Some(Kind::Profile)), How::Registry)
            }
            Some(tag) => (rules::mapi(tag, None), How::Mapi(tag.tag.ptype)),
            None => (Rule::Redact(None), How::Registry),
        };
        f(value, rule, how);
    }
    for (profile, infos) in model.profiles.iter_mut().zip(infos) {
        for (key, info) in profile.keys.iter_mut().zip(infos) {
            for value in &mut key.values {
                let value_name = value.name.as_str().to_owned();
                let (rule, how) = if info.account_manager {
                    let how = match account::form(&value_name) {
                        Some(account::Form::Text) => How::Utf16,
                        _ => How::Registry,
                    };
                    (rules::account(&value_name), how)
                } else {
                    match TagName::parse(&value_name) {
                        Some(tag) => (rules::mapi(tag, info.scope), How::Mapi(tag.tag.ptype)),
                        None => (Rule::Redact(None), How::Registry),
                    }
                };
                f(value, rule, how);
            }
        }
    }
}

/// Replace each text of `data` by `f` of it; `false` when `data` holds no
/// text (or none that reads back as it was written).
fn edit_texts(
    data: &mut RegData,
    how: How,
    cp: &'static CodePage,
    format: Format,
    mut f: impl FnMut(&str) -> String,
) -> bool {
    let (data_kind, bytes) = match data {
        RegData::String(text) => {
            *text = f(text);
            return true;
        }
        RegData::Hex { kind, bytes } => (*kind, bytes),
        RegData::Dword(_) | RegData::Delete => return false,
    };
    let edited = match how {
        How::Mapi(ptype) => mapi_texts(ptype, bytes, cp, &mut f),
        How::Utf16 => mapi::unicode_text(bytes).map(|t| mapi::unicode_bytes(&f(&t))),
        How::Registry => registry_texts(data_kind, bytes, format, cp, &mut f),
    };
    match edited {
        Some(new) => {
            *bytes = new;
            true
        }
        None => false,
    }
}

/// The bytes of a MAPI string or string list with each text replaced.
fn mapi_texts(
    ptype: PropType,
    bytes: &[u8],
    cp: &'static CodePage,
    f: &mut impl FnMut(&str) -> String,
) -> Option<Vec<u8>> {
    let edited = match mapi::decode(ptype, bytes, cp)? {
        PropValue::Unicode(text) => PropValue::Unicode(f(&text)),
        PropValue::String8(text) => PropValue::String8(f(&text)),
        PropValue::MvUnicode(items, layout) => {
            PropValue::MvUnicode(items.iter().map(|t| f(t)).collect(), layout)
        }
        PropValue::MvString8(items, layout) => {
            PropValue::MvString8(items.iter().map(|t| f(t)).collect(), layout)
        }
        _ => return None,
    };
    mapi::encode(&edited, cp).ok()
}

/// The bytes of `REG_SZ`, `REG_EXPAND_SZ` or `REG_MULTI_SZ` data written
/// as hex, with each text replaced: UTF-16 in a Regedit 5 file, the code
/// page in REGEDIT4; `None` for other data, or bytes that are not exactly
/// such strings.
fn registry_texts(
    data_kind: u32,
    bytes: &[u8],
    format: Format,
    cp: &'static CodePage,
    f: &mut impl FnMut(&str) -> String,
) -> Option<Vec<u8>> {
    let read = |b: &[u8]| match format {
        Format::Regedit5 => mapi::unicode_text(b),
        Format::Regedit4 => mapi::string8_text(b, cp),
    };
    let write = |t: &str| match format {
        Format::Regedit5 => Some(mapi::unicode_bytes(t)),
        Format::Regedit4 => mapi::string8_bytes(t, cp).ok(),
    };
    let unit = match format {
        Format::Regedit5 => 2,
        Format::Regedit4 => 1,
    };
    match data_kind {
        kind::SZ | kind::EXPAND_SZ => write(&f(&read(bytes)?)),
        kind::MULTI_SZ => {
            let items = crate::reg::multi_sz_items(bytes, unit)?;
            let texts: Vec<String> = items.iter().map(|item| read(item)).collect::<Option<_>>()?;
            let mut out = Vec::new();
            for text in texts {
                out.extend(write(&f(&text))?);
            }
            out.extend(std::iter::repeat_n(0, unit));
            Some(out)
        }
        _ => None,
    }
}

/// The binary data of `value` redacted in place: each entry of a
/// multi-valued binary on its own, any other bytes as they are.
fn binaries(r: &mut Redactor, value: &mut RegValue, how: How, cp: &'static CodePage) {
    let RegData::Hex { bytes, .. } = &mut value.data else {
        return;
    };
    if let How::Mapi(ptype) = how
        && let Some(PropValue::MvBinary(mut items, layout)) = mapi::decode(ptype, bytes, cp)
    {
        for item in &mut items {
            binary::redact(item, &mut r.names, cp);
        }
        if let Ok(encoded) = mapi::encode(&PropValue::MvBinary(items, layout), cp) {
            *bytes = encoded;
        }
        return;
    }
    binary::redact(bytes, &mut r.names, cp);
}

fn blank(data: &mut RegData) {
    match data {
        RegData::Hex { bytes, .. } => bytes.iter_mut().for_each(|b| *b = 0),
        RegData::String(text) => "REDACTED".clone_into(text),
        RegData::Dword(n) => *n = 0,
        RegData::Delete => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";

    fn model_of(body: &str) -> Model {
        let text = format!("Windows Registry Editor Version 5.00\r\n\r\n{body}");
        crate::input::read_reg(text.as_bytes(), None)
            .unwrap()
            .model()
            .0
    }

    fn hex(bytes: &[u8]) -> String {
        let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        parts.join(",")
    }

    fn utf16z(text: &str) -> Vec<u8> {
        mapi::unicode_bytes(text)
    }

    fn mv_unicode(items: &[&str]) -> Vec<u8> {
        let value = PropValue::MvUnicode(
            items.iter().map(|s| (*s).to_owned()).collect(),
            mapi::Layout::Bits64,
        );
        mapi::encode(&value, encoding_rs::WINDOWS_1252).unwrap()
    }

    fn data<'m>(model: &'m Model, key: &str, value: &str) -> &'m RegData {
        let profile = &model.profiles[0];
        let block = profile.keys.iter().find(|k| k.path == key).unwrap();
        &block
            .values
            .iter()
            .find(|v| v.name.as_str() == value)
            .unwrap()
            .data
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// What the issue found left in real exports, on made-up data.
    #[test]
    fn paths_names_lists_and_hosts_leave_nothing() {
        let path = r"C:\Users\t_tanaka\Documents\Outlook Files\tanaka@example.jp.pst";
        let mut entry_id = vec![0, 0, 0, 0, 0x38, 0xa1, 0xbb, 0x10];
        entry_id.extend_from_slice(b"mspst.dll\0\0\0\0\0\0\0");
        entry_id.extend(utf16z(path));
        let mv_bin = mapi::encode(
            &PropValue::MvBinary(vec![entry_id.clone(), vec![1, 2, 3]], mapi::Layout::Bits64),
            encoding_rs::WINDOWS_1252,
        )
        .unwrap();
        let body = format!(
            "[{ROOT}\\Tanaka Home\\0a0d020000000000c000000000000046]\r\n\
             \"101f031e\"=hex:{}\r\n\
             \"1102039b\"=hex:{}\r\n\
             \"01020fff\"=hex:{}\r\n\
             \r\n\
             [{ROOT}\\Tanaka Home\\8fa3465791d2b746a2c7d11ca063b282]\r\n\
             \"001e660c\"=\"exch01.corp.example\"\r\n\
             \r\n\
             [{ROOT}\\Tanaka Home\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
             \"001e6602\"=\"exch01.corp.example\"\r\n\
             \r\n\
             [{ROOT}\\Tanaka Home\\f6d942f7b0ba644f99f39b241bd7b999]\r\n\
             \"001f3d09\"=hex:{}\r\n\
             \"001f3001\"=hex:{}\r\n\
             \"001f6700\"=hex:{}\r\n\
             \r\n\
             [{ROOT}\\Tanaka Home\\9375CFF0413111d3B88A00104B2A6676\\00000002]\r\n\
             \"Account Name\"=\"Tanaka Private\"\r\n\
             \"Delivery Store EntryID\"=hex:{}\r\n\
             \r\n\
             [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook]\r\n\
             \"DefaultProfile\"=\"Tanaka Home\"\r\n\r\n",
            hex(&mv_unicode(&["Suzuki Ichiro", "", "Sato Hanako"])),
            hex(&mv_bin),
            hex(&entry_id),
            hex(&utf16z("MSUPST MS")),
            hex(&utf16z("Tanaka Private")),
            hex(&utf16z(path)),
            hex(&entry_id),
        );
        let model = model_of(&body);
        let redacted = Redactor::new().model(&model);
        let reg = redacted.to_reg_bytes(crate::model::Reach::AnyKey).unwrap();
        let text = String::from_utf16_lossy(
            &reg.chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect::<Vec<_>>(),
        );
        let again = crate::input::read_reg(&reg, None).unwrap().model().0;
        assert_eq!(again, redacted, "still reads");
        let mut hexes = Vec::new();
        for block in again.keys.iter().chain(&again.profiles[0].keys) {
            for value in &block.values {
                if let RegData::Hex { bytes, .. } = &value.data {
                    hexes.push(bytes.clone());
                }
            }
        }
        for personal in [
            "Tanaka",
            "t_tanaka",
            "Outlook Files",
            "tanaka@example.jp",
            "Suzuki",
            "Sato",
            "exch01",
            "corp.example",
        ] {
            assert!(!text.contains(personal), "{personal} in\n{text}");
            let utf16: Vec<u8> = personal.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for bytes in &hexes {
                assert!(!contains(bytes, &utf16), "{personal} in {bytes:02x?}");
                assert!(
                    !contains(bytes, personal.as_bytes()),
                    "{personal} in {bytes:02x?}"
                );
            }
        }
        assert_eq!(redacted.profiles[0].name, "profile1");
        assert_eq!(
            redacted.keys[0].values[0].data,
            RegData::String("profile1".into())
        );
        let host = RegData::String("host1.example.invalid".into());
        assert_eq!(
            data(&redacted, "8fa3465791d2b746a2c7d11ca063b282", "001e660c"),
            &host
        );
        assert_eq!(
            data(&redacted, "13dbb0c8aa05101a9bb000aa002fc45a", "001e6602"),
            &host
        );
        // the account's name and the store's display name are one original
        assert_eq!(
            data(
                &redacted,
                "9375CFF0413111d3B88A00104B2A6676\\00000002",
                "Account Name"
            ),
            &RegData::String("account1".into())
        );
        let display = data(&redacted, "f6d942f7b0ba644f99f39b241bd7b999", "001f3001");
        assert_eq!(
            display,
            &RegData::Hex {
                kind: 3,
                bytes: utf16z("account1")
            }
        );
        // safe values stay; the path is whole, the list item by item
        let service = data(&redacted, "f6d942f7b0ba644f99f39b241bd7b999", "001f3d09");
        assert_eq!(
            service,
            &RegData::Hex {
                kind: 3,
                bytes: utf16z("MSUPST MS")
            }
        );
        let pst = data(&redacted, "f6d942f7b0ba644f99f39b241bd7b999", "001f6700");
        assert_eq!(
            pst,
            &RegData::Hex {
                kind: 3,
                bytes: utf16z(r"C:\redacted\path1.pst")
            }
        );
        let list = data(&redacted, "0a0d020000000000c000000000000046", "101f031e");
        assert_eq!(
            list,
            &RegData::Hex {
                kind: 3,
                bytes: mv_unicode(&["text1", "", "text2"])
            }
        );
        // the entry ID keeps its length and its structure
        let RegData::Hex { bytes, .. } =
            data(&redacted, "0a0d020000000000c000000000000046", "01020fff")
        else {
            panic!()
        };
        assert_eq!(bytes.len(), entry_id.len());
        assert_eq!(bytes[..24], entry_id[..24]);
        let fitted = super::super::placeholder::fit(r"C:\redacted\path1.pst", path.len());
        assert!(contains(bytes, &utf16z(&fitted)), "{bytes:02x?}");
    }

    #[test]
    fn strings_of_other_keys_and_registry_types() {
        let body = "[HKEY_CURRENT_USER\\Software\\Example]\r\n\
                    \"Owner\"=\"Jane Doe\"\r\n\
                    \"Count\"=\"42\"\r\n\
                    \"Files\"=hex(7):44,00,3a,00,5c,00,4a,00,61,00,6e,00,65,00,00,00,6f,00,6b,00,00,00,00,00\r\n\
                    \"Home\"=hex(2):4a,00,61,00,6e,00,65,00,20,00,44,00,6f,00,65,00,00,00\r\n\r\n";
        let model = model_of(body);
        let redacted = Redactor::new().model(&model);
        let values = &redacted.keys[0].values;
        assert_eq!(values[0].data, RegData::String("text1".into()));
        assert_eq!(values[1].data, RegData::String("42".into()));
        let multi = [utf16z(r"C:\redacted\path1"), utf16z("text2"), vec![0, 0]].concat();
        assert_eq!(
            values[2].data,
            RegData::Hex {
                kind: 7,
                bytes: multi
            }
        );
        assert_eq!(
            values[3].data,
            RegData::Hex {
                kind: 2,
                bytes: utf16z("text1")
            }
        );
    }
}
