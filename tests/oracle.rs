//! regashii as a differential oracle: on every sample and corpus `.reg` it
//! must import the same keys and values as our reader, except in the cases
//! listed in `DEVIATIONS`, where regashii is known to be wrong.
//!
//! Both readers are compared on what an import leaves behind: the file
//! applied to an empty registry, keys and value names matched without
//! regard to case. Our values are expressed in regashii's vocabulary
//! (strings decoded, trailing NULs trimmed, `REG_MULTI_SZ` empties dropped),
//! so a difference means the two readers disagree about the file, not that
//! regashii's model is coarser than ours.

#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stderr)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding as CodePage;
use mapiprof::input;
use mapiprof::reg::{self, RegData};
use regashii::{Kind, Registry, Value};

/// Where regashii and our reader disagree, and why regashii is wrong.
/// `(file, what, reason)`: `what` is `read` for the whole file or
/// `key\value` (lower case) for one value; `@` is the default value.
const DEVIATIONS: &[(&str, &str, &str)] = &[
    (
        "handwritten_comments_in_values.reg",
        r"hkey_current_user\software\microsoft\office\16.0\outlook\profiles\outlook\13dbb0c8aa05101a9bb000aa002fc45a\001f6622",
        "regashii drops a hex value with a comment after its '\\' or a comment line inside it; Regedit skips the comments and joins the lines (Wine's regedit agrees)",
    ),
    (
        "regedit4_cp1252_pst_umlauts.reg",
        "read",
        "regashii reads files as UTF-8 or UTF-16 only; REGEDIT4 files are in an ANSI code page",
    ),
    (
        "ansi_v5_header_cp1252_umlaut.reg",
        "read",
        "regashii reads files as UTF-8 or UTF-16 only; Regedit reads a file without a UTF-16 byte-order mark in the ANSI code page, whatever its header",
    ),
    (
        "wms_profile_exchange_server_patch_ascii.reg",
        r"hkey_current_user\software\microsoft\windows nt\currentversion\windows messaging subsystem\profiles\ttye\dca740c8c042101ab4b908002b2fe182\001f662a",
        "regashii drops a hex value whose continuation line is not indented; Regedit joins it",
    ),
    (
        "wms_profile_exchange_server_patch_truncated_hex.reg",
        r"hkey_current_user\software\microsoft\windows nt\currentversion\windows messaging subsystem\profiles\ttye\dca740c8c042101ab4b908002b2fe182\001f662a",
        "regashii drops a hex value ending in a one-digit byte; Regedit reads `0` as `00` (Wine's regedit agrees)",
    ),
    (
        "warn_patch_repeated_key_blocks.reg",
        r"hkey_current_user\software\microsoft\office\16.0\outlook\profiles\outlook\13dbb0c8aa05101a9bb000aa002fc45a\00036623",
        "regashii drops a hex value with one-digit bytes; Regedit reads `3` as `03` (Wine's regedit agrees)",
    ),
    (
        "warn_truncated_hex_no_indent.reg",
        r"hkey_current_user\software\microsoft\windows nt\currentversion\windows messaging subsystem\profiles\outlook\dca740c8c042101ab4b908002b2fe182\001f662a",
        "regashii drops a hex value ending in a one-digit byte; Regedit reads `0` as `00` (Wine's regedit agrees)",
    ),
];

/// The `"a"=hex(5):01` case: regashii panics, we read it.
#[test]
fn regashii_panics_on_a_short_big_endian_dword_where_we_do_not() {
    let text =
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=hex(5):01\r\n";
    let outcome = catch_unwind(|| Registry::deserialize(text));
    assert!(
        outcome.is_err(),
        "regashii no longer panics: drop this case"
    );

    let ours = input::read_reg(text.as_bytes(), None).unwrap();
    let document = ours.document();
    let values = &document.blocks[0].values;
    assert_eq!(
        values[0].data,
        RegData::Hex {
            kind: 5,
            bytes: vec![1]
        }
    );
}

/// regashii reads `REG_DWORD_BIG_ENDIAN` as a little-endian `REG_DWORD`'s
/// number read big-endian: the registry type is lost.
#[test]
fn regashii_turns_big_endian_dwords_into_dwords() {
    let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=hex(5):00,00,01,02\r\n";
    let theirs = Registry::deserialize(text).unwrap();
    let key = theirs.keys().values().next().unwrap();
    assert_eq!(key.values().values().next(), Some(&Value::Dword(0x0102)));
    assert_eq!(
        differences("inline", text.as_bytes()),
        BTreeSet::from([r"hkey_current_user\a\a".to_string()])
    );
}

#[test]
fn regashii_and_we_refuse_a_utf8_byte_order_mark_as_regedit_does() {
    let text = "\u{feff}Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=\"b\"\r\n";
    assert!(Registry::deserialize(text).is_err());
    assert!(matches!(
        input::read_reg(text.as_bytes(), None),
        Err(input::InputError::RegEncoding(
            "UTF-8 with a byte-order mark"
        ))
    ));
}

#[test]
fn regashii_agrees_with_us_on_every_sample() {
    agrees_on(&common::reg_samples());
}

common::corpus_test!(regashii_agrees_with_us_on_every_corpus_file, {
    agrees_on(&common::corpus_reg_files());
});

/// regashii imports what we import from each of `files`, except where
/// `DEVIATIONS` lists a file of them; and every such listing still holds.
fn agrees_on(files: &[PathBuf]) {
    let mut found = BTreeSet::new();
    for path in files {
        let name = file_name(path);
        let bytes = std::fs::read(path).unwrap();
        if let Some(reason) = unreadable_by_regashii(path) {
            eprintln!("{name}: regashii cannot read the file: {reason}");
            found.insert((name.clone(), "read".to_string()));
        }
        for what in differences(&name, &bytes) {
            found.insert((name.clone(), what));
        }
    }

    let checked: BTreeSet<&str> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    let expected: BTreeSet<(String, String)> = DEVIATIONS
        .iter()
        .filter(|(file, _, _)| checked.contains(file))
        .map(|(file, what, _)| (file.to_string(), what.to_string()))
        .collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "regashii disagrees where not listed: {unexpected:#?}\nlisted but now agrees: {gone:#?}"
    );
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Why regashii's own file reader fails on `path`, if it does.
fn unreadable_by_regashii(path: &Path) -> Option<String> {
    match catch_unwind(|| Registry::deserialize_file(path)) {
        Ok(Ok(_)) => None,
        Ok(Err(e)) => Some(e.to_string().chars().take(60).collect()),
        Err(_) => Some("panic".to_string()),
    }
}

/// The values on which regashii and our reader disagree, as `key\value`
/// in lower case. regashii reads the text our reader decoded, so encoding
/// support is compared separately.
fn differences(name: &str, bytes: &[u8]) -> BTreeSet<String> {
    let ours = input::read_reg(bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    let theirs = catch_unwind(AssertUnwindSafe(|| Registry::deserialize(&ours.text)))
        .unwrap_or_else(|_| panic!("{name}: regashii panicked"))
        .unwrap_or_else(|e| panic!("{name}: regashii: {e}"));

    let ours = imported_by_us(&ours.document(), ours.codepage);
    let theirs = imported_by_regashii(theirs);

    let mut out = BTreeSet::new();
    for key in ours.keys().chain(theirs.keys()) {
        match (ours.get(key), theirs.get(key)) {
            (Some(a), Some(b)) => {
                for value in a.keys().chain(b.keys()) {
                    if a.get(value) != b.get(value) {
                        eprintln!(
                            "{name}: {key}\\{value}: ours {:?}, regashii {:?}",
                            a.get(value),
                            b.get(value)
                        );
                        out.insert(format!("{key}\\{value}"));
                    }
                }
            }
            (a, b) => {
                eprintln!(
                    "{name}: key {key}: ours {}, regashii {}",
                    a.is_some(),
                    b.is_some()
                );
                out.insert(key.clone());
            }
        }
    }
    out
}

/// Keys (lower case) → value names (lower case) → value.
type Imported = BTreeMap<String, BTreeMap<String, Value>>;

/// What importing `doc` into an empty registry leaves, as Regedit does it:
/// `[-key]` removes the key and its subkeys, `=-` removes a value, values
/// under a deleted key are skipped (our document already left them out).
fn imported_by_us(doc: &reg::Document, codepage: &'static CodePage) -> Imported {
    let mut out = Imported::new();
    for block in &doc.blocks {
        let key = block.path.to_lowercase();
        if block.delete {
            let below = format!("{key}\\");
            out.retain(|k, _| *k != key && !k.starts_with(&below));
            continue;
        }
        let values = out.entry(key).or_default();
        for value in &block.values {
            let name = value.name.as_str().to_lowercase();
            match as_regashii(&value.data, doc.format, codepage) {
                Some(v) => values.insert(name, v),
                None => values.remove(&name),
            };
        }
    }
    out
}

/// What regashii's registry leaves when applied to an empty one.
fn imported_by_regashii(parsed: Registry) -> Imported {
    let mut applied = Registry::new(parsed.format());
    applied.apply(parsed);
    applied
        .keys()
        .iter()
        .map(|(key, contents)| {
            let values = contents
                .values()
                .iter()
                .map(|(name, v)| (name.raw().to_lowercase(), v.clone()))
                .collect();
            (key.raw().to_lowercase(), values)
        })
        .collect()
}

/// Our reading of `data` in regashii's terms; `None` for a deletion.
fn as_regashii(data: &RegData, format: reg::Format, codepage: &'static CodePage) -> Option<Value> {
    let (kind, bytes) = match data {
        RegData::Delete => return None,
        RegData::String(s) => return Some(Value::Sz(s.clone())),
        RegData::Dword(n) => return Some(Value::Dword(*n)),
        RegData::Hex { kind, bytes } => (*kind, bytes),
    };
    let text = || -> Option<String> {
        let decoded = match format {
            reg::Format::Regedit5 => {
                if bytes.len() % 2 != 0 {
                    return None;
                }
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).ok()?
            }
            reg::Format::Regedit4 => codepage
                .decode_without_bom_handling_and_without_replacement(bytes)?
                .into_owned(),
        };
        Some(decoded.trim_end_matches('\0').to_string())
    };
    let raw = || Value::Hex {
        kind: Kind::from(kind as u8),
        bytes: bytes.clone(),
    };
    let value = match kind {
        reg::kind::SZ => text().map(Value::Sz).unwrap_or_else(raw),
        reg::kind::EXPAND_SZ => text().map(Value::ExpandSz).unwrap_or_else(raw),
        reg::kind::BINARY => Value::Binary(bytes.clone()),
        reg::kind::DWORD => match <[u8; 4]>::try_from(bytes.as_slice()) {
            Ok(b) => Value::Dword(u32::from_le_bytes(b)),
            Err(_) => raw(),
        },
        reg::kind::MULTI_SZ => match text() {
            Some(t) => Value::MultiSz(
                t.split('\0')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            None => raw(),
        },
        reg::kind::QWORD => match <[u8; 8]>::try_from(bytes.as_slice()) {
            Ok(b) => Value::Qword(u64::from_le_bytes(b)),
            Err(_) => raw(),
        },
        k if k > 0xff => panic!("type {k:#x} does not fit regashii's Kind"),
        _ => raw(),
    };
    Some(value)
}
