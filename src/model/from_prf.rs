//! A `.prf` as a registry patch: each setting of a service whose mapping
//! block names a fixed profile section (`SectionGUID=`, the Exchange Global
//! Section and the Outlook client section) becomes that section's value,
//! named and encoded by its mapping (`TCPExchangePort=6001` under
//! `PT_I2,0x662C` → `"0002662c"=hex:71,17`).
//!
//! Services found by `ServiceName=` and internet accounts live in sections
//! with random UIDs that only an export of the profile knows; without one
//! they cannot be placed and are named in an error.

use thiserror::Error;

use crate::diag::Warning;
use crate::mapi::{PropTag, PropType, PropValue, Scalar, encode, parse_int, sections};
use crate::prf::{self, Item, Listed, PrfModel, Target};
use crate::reg::name;
use crate::reg::{Block, RegData, RegValue, ValueName};

use super::{Model, Profile, Source};

/// The Outlook version a patch is for: it decides the profile root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outlook {
    /// Outlook 2003.
    V2003,
    /// Outlook 2007.
    V2007,
    /// Outlook 2010.
    V2010,
    /// Outlook 2013 (`Office\15.0`).
    V2013,
    /// Outlook 2016, 2019, 2021, 2024 and Microsoft 365 (`Office\16.0`).
    V2016,
}

impl Outlook {
    /// The version whose profiles live under `root`, for the versions that
    /// have a root of their own (Office 15.0 and 16.0).
    pub fn of_root(root: &str) -> Option<Outlook> {
        [Outlook::V2013, Outlook::V2016]
            .into_iter()
            .find(|o| name::same(o.root(), root))
    }

    /// The property a mapping line's `tag` of an Exchange section is
    /// written as for this version: Outlook 2016 and later read the mailbox
    /// and server names in their Unicode form (Microsoft's walk-through of
    /// creating a profile sets `PR_PROFILE_UNRESOLVED_NAME_W` and
    /// `…_SERVER_W`), which the `.prf` mappings give as PT_STRING8. Other
    /// services give these ids other meanings and keep their type.
    pub fn written_as(self, tag: PropTag, exchange: bool) -> PropTag {
        let unicode = exchange
            && self >= Outlook::V2016
            && tag.ptype == PropType::STRING8
            && UNICODE_FROM_2016.contains(&tag.id);
        if unicode {
            PropTag::new(PropType::UNICODE, tag.id)
        } else {
            tag
        }
    }

    /// The `…\Profiles` key of this version.
    pub fn root(self) -> &'static str {
        match self {
            Outlook::V2003 | Outlook::V2007 | Outlook::V2010 => {
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles"
            }
            Outlook::V2013 => {
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles"
            }
            Outlook::V2016 => {
                "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles"
            }
        }
    }
}

/// The Exchange properties Outlook 2016 and later take in Unicode:
/// `MailboxName` (0x6607) and `HomeServer` (0x6608).
const UNICODE_FROM_2016: [u16; 2] = [0x6607, 0x6608];

/// How to convert.
#[derive(Debug, Clone, Default)]
pub struct PrfToReg {
    /// Target version; Outlook 2016 when absent.
    pub outlook: Option<Outlook>,
    /// Profile name; `[General] ProfileName` when absent.
    pub profile: Option<String>,
    /// Leave out what cannot be placed (with warnings) instead of failing.
    pub partial: bool,
}

/// Why a `.prf` cannot become a `.reg`.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FromPrfError {
    /// No profile name.
    #[error("the .prf names no profile ([General] ProfileName); say which with --profile")]
    NoProfile,
    /// The profile name is a placeholder.
    #[error("the profile name {0:?} is a placeholder; say which profile with --profile")]
    PlaceholderProfile(String),
    /// The export given as the base has no such profile, or several and no
    /// way to choose.
    #[error("--base: {0}")]
    Base(super::ToPrfError),
    /// Settings that have no place without an export of the profile.
    #[error("these settings cannot be placed in a .reg:\n  {}\n(--partial leaves them out)", .0.join("\n  "))]
    Unplaced(Vec<String>),
}

/// Convert `model` to a registry patch that sets only its placeable values.
pub fn prf_to_reg(
    model: &PrfModel,
    options: &PrfToReg,
) -> Result<(Model, Vec<Warning>), FromPrfError> {
    let mut warnings = Vec::new();
    let outlook = match options.outlook {
        Some(outlook) => outlook,
        None => {
            let (outlook, why) = match model.generation() {
                Some(prf::Generation::Office2000 | prf::Generation::Office2002) => (
                    Outlook::V2007,
                    "Outlook 2003–2010 (the Windows Messaging Subsystem root), as the file's mapping blocks are those of Office 2002–2007",
                ),
                Some(prf::Generation::Office2010) => (
                    Outlook::V2016,
                    "Outlook 2016 and later (Office\\16.0), as the file's mapping blocks are those of Office 2010 and later",
                ),
                None => (
                    Outlook::V2016,
                    "Outlook 2016 and later (Office\\16.0), the newest, as the file has no mapping blocks to tell",
                ),
            };
            warnings.push(Warning::note(format!(
                "written for {why}; --outlook chooses another version"
            )));
            outlook
        }
    };
    let profile = match &options.profile {
        Some(name) => name.clone(),
        None => {
            let name = model
                .general
                .get("ProfileName")
                .ok_or(FromPrfError::NoProfile)?;
            if !prf::placeholders(name).is_empty() {
                return Err(FromPrfError::PlaceholderProfile(name.to_owned()));
            }
            name.to_owned()
        }
    };
    let mut unplaced = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let items = model.services.iter().chain(&model.accounts);
    for item in items.filter(|i| i.listed == Listed::Active && !i.settings.active.is_empty()) {
        let block_name = item.block.as_deref().unwrap_or_default();
        let label = item_label(item);
        let target = model.block_or_builtin(block_name).map(prf::Block::target);
        let Some(Target::Section(uid)) = target else {
            let why = match target {
                Some(Target::Service(name)) => {
                    format!("service {name}: its section is known only to an export of the profile")
                }
                Some(Target::Account(kind)) => format!(
                    "{kind} account: account-manager subkeys are known only to an export of the profile"
                ),
                _ => "no mapping block says where it goes".to_owned(),
            };
            let names = setting_names(item);
            if !names.is_empty() {
                unplaced.push(format!("{label}: {} ({why})", names.join(", ")));
            }
            continue;
        };
        let exchange = name::same(&uid, sections::EXCHANGE_GLOBAL);
        let written_as = |tag: PropTag| outlook.written_as(tag, exchange);
        let values = section_values(
            model,
            item,
            &label,
            &written_as,
            &mut warnings,
            &mut unplaced,
        );
        match blocks.iter_mut().find(|b| name::same(&b.path, &uid)) {
            Some(block) => block.values.extend(values),
            None => blocks.push(Block {
                path: uid,
                delete: false,
                values,
            }),
        }
    }
    if !unplaced.is_empty() {
        if !options.partial {
            return Err(FromPrfError::Unplaced(unplaced));
        }
        for line in unplaced {
            warnings.push(Warning::general(format!("left out: {line}")));
        }
    }
    let global = blocks
        .iter()
        .any(|b| name::same(&b.path, sections::EXCHANGE_GLOBAL) && !b.values.is_empty());
    if global && outlook >= Outlook::V2010 {
        warnings.push(Warning::general(format!(
            "Outlook 2010 and later read the Exchange Global Section's settings from the Exchange account's own section (MAPI sends opens of {} there); this .reg writes the old key, which an existing profile's account section does not follow: convert with --base EXPORT of the profile to set the account section too",
            sections::EXCHANGE_GLOBAL
        )));
    }
    let source = Source::default();
    let model = Model {
        source,
        root: Some(outlook.root().to_owned()),
        keys: Vec::new(),
        profiles: vec![Profile {
            name: profile,
            keys: blocks,
        }],
    };
    Ok((model, warnings))
}

/// The mapped settings of an item (control keys left out).
fn setting_names(item: &Item) -> Vec<String> {
    item.settings
        .active
        .iter()
        .filter(|(k, v)| !is_control(k) && !v.is_empty())
        .map(|(k, _)| k.to_owned())
        .collect()
}

pub(super) fn is_control(key: &str) -> bool {
    prf::CONTROL_KEYS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(key))
}

fn section_values(
    model: &PrfModel,
    item: &Item,
    label: &str,
    written_as: &dyn Fn(PropTag) -> PropTag,
    warnings: &mut Vec<Warning>,
    unplaced: &mut Vec<String>,
) -> Vec<RegValue> {
    let mut values = Vec::new();
    for (key, tag, text) in mapped_settings(model, item, label, warnings) {
        let tag = written_as(tag);
        // PT_STRING8 as registry text (REG_SZ), the form real exports and
        // MFCMAPI use for new values; every other type as REG_BINARY.
        let data = match tag.ptype {
            PropType::STRING8 => Ok(RegData::String(text.clone())),
            _ => encode_setting(tag, &text, model.source.codepage)
                .map(|bytes| RegData::Hex { kind: 3, bytes }),
        };
        match data {
            Ok(data) => values.push(RegValue {
                name: ValueName::Named(tag.value_name()),
                data,
            }),
            Err(why) => unplaced.push(format!("{label}: {key}={text} ({why})")),
        }
    }
    values
}

/// The settings of `item` that a `.reg` receives, with the property each
/// is mapped to. An empty setting (`OfflineAddressBookPath=`) is how OCT
/// writes "not set" and leaves the profile's value alone; control keys steer
/// Outlook and are no property. A setting without a mapping and a
/// placeholder written literally are warned about, under `label`.
pub(super) fn mapped_settings(
    model: &PrfModel,
    item: &Item,
    label: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, PropTag, String)> {
    let block = item.block.as_deref().unwrap_or_default();
    let mut out = Vec::new();
    for (key, text) in &item.settings.active {
        if text.is_empty() || is_control(key) {
            continue;
        }
        let Some(tag) = model.tag(block, key) else {
            warnings.push(Warning::general(format!(
                "{label} {key}: no mapping; Outlook drops it, and so does this conversion"
            )));
            continue;
        };
        if !prf::placeholders(text).is_empty() {
            warnings.push(Warning::general(format!(
                "{label} {key}={text}: the placeholder is written literally; Outlook expands it only when it applies a .prf"
            )));
        }
        out.push((key.to_owned(), tag, text.to_owned()));
    }
    out
}

/// How an item is named in messages: `[ServiceEGS] (Exchange Global Section)`.
pub(super) fn item_label(item: &Item) -> String {
    format!(
        "[{}] ({})",
        item.id,
        item.block.as_deref().unwrap_or_default()
    )
}

/// Why a `.prf` value cannot be written as its property's registry bytes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SettingError {
    /// A `PT_I2` port that is not a number that fits, e.g. `70000`.
    #[error("not a PT_I2 number from 0 to 65535")]
    NotI2,
    /// A `PT_LONG` that is not a number, e.g. `{$flags}`.
    #[error("not a number")]
    NotNumber,
    /// A `PT_LONG` that does not fit, e.g. `0x100000000`.
    #[error("does not fit 32 bits")]
    TooWide,
    /// A `PT_BOOLEAN` that is not true or false, e.g. `maybe`.
    #[error("not TRUE or FALSE")]
    NotBoolean,
    /// A type the `.prf` reader does not write, e.g. `PT_BINARY`.
    #[error("{0} values are not written from a .prf")]
    Type(String),
    /// A character the code page lacks, for a `PT_STRING8` value.
    #[error(transparent)]
    Text(#[from] crate::text::TextError),
}

/// The registry bytes of a PRF value of the property `tag`.
pub fn encode_setting(
    tag: PropTag,
    text: &str,
    codepage: &'static encoding_rs::Encoding,
) -> Result<Vec<u8>, SettingError> {
    let value = match tag.ptype {
        PropType::STRING8 => PropValue::String8(text.to_owned()),
        PropType::UNICODE => PropValue::Unicode(text.to_owned()),
        PropType::I2 => {
            let n = parse_int(text).and_then(|n| u16::try_from(n).ok());
            PropValue::Scalar(Scalar::I2(n.ok_or(SettingError::NotI2)?))
        }
        PropType::LONG => {
            let n = parse_int(text).ok_or(SettingError::NotNumber)?;
            let v = u32::try_from(n)
                .or_else(|_| i32::try_from(n).map(i32::cast_unsigned))
                .map_err(|_| SettingError::TooWide)?;
            PropValue::Scalar(Scalar::Long(v))
        }
        PropType::BOOLEAN => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => PropValue::Scalar(Scalar::Boolean(true)),
            "false" | "no" | "0" => PropValue::Scalar(Scalar::Boolean(false)),
            _ => return Err(SettingError::NotBoolean),
        },
        other => {
            let name = other.name().unwrap_or_else(|| format!("0x{:04x}", other.0));
            return Err(SettingError::Type(name));
        }
    };
    Ok(encode(&value, codepage)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(ptype: PropType, id: u16) -> PropTag {
        PropTag::new(ptype, id)
    }

    #[test]
    fn settings_encode_by_their_mapping() {
        let cp = encoding_rs::WINDOWS_1252;
        assert_eq!(
            encode_setting(tag(PropType::I2, 0x662C), "6001", cp),
            Ok(vec![0x71, 0x17])
        );
        assert_eq!(
            encode_setting(tag(PropType::I2, 0x662C), "44300", cp),
            Ok(vec![0x0C, 0xAD])
        );
        assert_eq!(
            encode_setting(tag(PropType::LONG, 0x6623), "0x002f", cp),
            Ok(vec![0x2F, 0, 0, 0])
        );
        assert_eq!(
            encode_setting(tag(PropType::BOOLEAN, 0x0420), "TRUE", cp),
            Ok(vec![1, 0])
        );
        assert_eq!(
            encode_setting(tag(PropType::UNICODE, 0x6622), "h:1", cp),
            Ok(vec![b'h', 0, b':', 0, b'1', 0, 0, 0])
        );
        assert_eq!(
            encode_setting(tag(PropType::STRING8, 0x6608), "ä", cp),
            Ok(vec![0xE4, 0])
        );
        assert!(encode_setting(tag(PropType::I2, 0x662C), "70000", cp).is_err());
        assert!(encode_setting(tag(PropType::LONG, 0x6623), "{$flags}", cp).is_err());
        assert!(encode_setting(tag(PropType::BINARY, 0x0001), "00", cp).is_err());
    }
}
