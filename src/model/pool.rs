//! The sections of one profile as a pool of `.prf` settings: each
//! section's values merged over repeated keys, what it is, and which of its
//! values a setting has taken, so that the rest can be reported.

use encoding_rs::Encoding as CodePage;
use thiserror::Error;

use crate::mapi::dictionary::{self, Meaning, Scope};
use crate::mapi::props::PR_SERVICES;
use crate::mapi::{self, PropTag, PropType, PropValue, Scalar, TagName, sections};
use crate::reg::name;
use crate::reg::{RegData, RegValue, find_value};

use super::context::{Facts, SectionInfo};
use super::{PROFILE_KEY, Profile, effective, uids};

/// One section (or account subkey) of the profile.
pub(super) struct Section {
    /// The path relative to the profile.
    pub path: String,
    /// What it is.
    pub info: SectionInfo,
    /// The values that say what it is.
    pub facts: Facts,
    /// Its values, every block of the same path merged in file order.
    pub values: Vec<RegValue>,
    /// Which values a setting has taken.
    pub used: Vec<bool>,
}

/// Every section of a profile.
pub(super) struct Pool {
    pub sections: Vec<Section>,
    pub codepage: &'static CodePage,
    /// What `pool[i]` gives for an index that is not a section's.
    empty: Section,
}

impl std::ops::Index<usize> for Pool {
    type Output = Section;

    /// Section `s`; indices come from the pool itself, and one that does not
    /// is an empty section rather than a panic.
    fn index(&self, s: usize) -> &Section {
        self.sections.get(s).unwrap_or(&self.empty)
    }
}

impl Pool {
    /// The sections of `profile` as Regedit leaves them; deleted keys and
    /// values are left out.
    pub fn of(profile: &Profile, codepage: &'static CodePage) -> Pool {
        let sections = effective(profile, codepage)
            .into_iter()
            .filter(|key| !key.deleted)
            .map(|key| {
                let values: Vec<RegValue> = key
                    .values
                    .into_iter()
                    .filter(|v| v.data != RegData::Delete)
                    .collect();
                Section {
                    path: key.path,
                    info: key.info,
                    facts: Facts::of(&values, codepage),
                    used: vec![false; values.len()],
                    values,
                }
            })
            .collect();
        Pool {
            sections,
            codepage,
            empty: Section {
                path: String::new(),
                info: SectionInfo::default(),
                facts: Facts::default(),
                values: Vec::new(),
                used: Vec::new(),
            },
        }
    }

    /// The index of the section at `path` (case-insensitive).
    pub fn find(&self, path: &str) -> Option<usize> {
        self.sections.iter().position(|s| name::same(&s.path, path))
    }

    /// The provider sections of the service section at index `service`.
    pub fn providers(&self, service: usize) -> Vec<usize> {
        let Some(path) = self.sections.get(service).map(|s| s.path.as_str()) else {
            return Vec::new();
        };
        (0..self.sections.len())
            .filter(|&i| {
                i != service
                    && self[i]
                        .facts
                        .service_uid
                        .as_deref()
                        .is_some_and(|uid| name::same(uid, path))
            })
            .collect()
    }

    /// Service sections in the order of `PR_SERVICES`, then any others in
    /// file order.
    pub fn services(&self) -> Vec<usize> {
        let listed: Vec<usize> = self
            .find(sections::SERVICE_LISTS)
            .and_then(|s| self.sections.get(s))
            .and_then(|s| find_value(&s.values, &PR_SERVICES.value_name()))
            .map(|v| {
                uids(&v.data)
                    .iter()
                    .filter_map(|uid| self.find(uid))
                    .collect()
            })
            .unwrap_or_default();
        let is_service = |s: &usize| {
            self.sections.get(*s).is_some_and(|section| {
                section.facts.service.is_some()
                    && section.facts.service_uid.is_none()
                    && !section.path.contains('\\')
            })
        };
        let mut order: Vec<usize> = listed.into_iter().filter(is_service).collect();
        for s in (0..self.sections.len()).filter(is_service) {
            if !order.contains(&s) {
                order.push(s);
            }
        }
        order
    }

    /// The first value among the sections `order` that holds property
    /// `tag`, as `(section, value)`: the mapped type, or for strings either
    /// string type (profiles keep `001f…` where a mapping says PT_STRING8).
    pub fn value_of(&self, order: &[usize], tag: PropTag) -> Option<(usize, usize)> {
        for &s in order {
            let section = self.sections.get(s)?;
            let found = |exact: bool| {
                section.values.iter().position(|v| {
                    TagName::parse(v.name.as_str()).is_some_and(|name| {
                        !name.secure
                            && name.tag.id == tag.id
                            && if exact {
                                name.tag.ptype == tag.ptype
                            } else {
                                is_string(name.tag.ptype) && is_string(tag.ptype)
                            }
                    })
                })
            };
            if let Some(v) = found(true).or_else(|| found(false)) {
                return Some((s, v));
            }
        }
        None
    }

    /// The `.prf` text of value `v` of section `s` for a setting mapped to
    /// `mapped`; marks the value as taken when it converts.
    pub fn take(
        &mut self,
        s: usize,
        v: usize,
        mapped: PropTag,
    ) -> Result<String, SettingTextError> {
        let section = self.sections.get(s).ok_or(SettingTextError::NoSection)?;
        let value = section.values.get(v).ok_or(SettingTextError::NoValue)?;
        let stored = TagName::parse(value.name.as_str())
            .map(|n| n.tag.ptype)
            .unwrap_or(mapped.ptype);
        let hex = long_as_hex(mapped, section.info.scope);
        let text = setting_text(&value.data, stored, hex, self.codepage)?;
        if let Some(flag) = self.sections.get_mut(s).and_then(|s| s.used.get_mut(v)) {
            *flag = true;
        }
        Ok(text)
    }

    /// Mark value `v` of section `s` as carried over.
    pub fn mark(&mut self, s: usize, v: usize) {
        if let Some(flag) = self.sections.get_mut(s).and_then(|s| s.used.get_mut(v)) {
            *flag = true;
        }
    }

    /// Mark every value of section `s` as dealt with.
    pub fn mark_all(&mut self, s: usize) {
        if let Some(section) = self.sections.get_mut(s) {
            section.used.fill(true);
        }
    }

    /// Where people know section `s` by: `Outlook/13dbb0c8… (Exchange
    /// Global Section)`.
    pub fn label(&self, profile: &str, s: usize) -> String {
        let Some(section) = self.sections.get(s) else {
            return profile.to_owned();
        };
        let path = if section.path == PROFILE_KEY {
            profile.to_owned()
        } else {
            format!("{profile}/{}", section.path)
        };
        match &section.info.label {
            Some(label) => format!("{path} ({label})"),
            None => path,
        }
    }
}

/// Why a registry value cannot become the text of a `.prf` setting.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(super) enum SettingTextError {
    /// A section index the pool did not give, e.g. section 7 of a pool of
    /// three.
    #[error("no such section")]
    NoSection,
    /// A value index the section did not give, e.g. value 9 of a section of
    /// two values.
    #[error("no such value")]
    NoValue,
    /// Bytes that are not a value of their type, e.g. `"0002662c"=hex:71`
    /// (one byte for a PT_I2).
    #[error("its bytes are not a well-formed {} value", .0.name().unwrap_or_default())]
    Malformed(PropType),
    /// A registry type the property cannot have, e.g. `"0002662c"="6001"`
    /// (a string for a PT_I2).
    #[error("its registry type does not fit the property")]
    RegistryType,
    /// A type no `.prf` line holds, e.g. `"00400032"=hex:…` (a PT_SYSTIME).
    #[error("a .prf cannot hold a value of this type")]
    NotPrfType,
    /// Text with a line break or NUL, e.g. `"001f3001"=hex:61,00,0a,00,00,00`
    /// (`a` and a line feed).
    #[error("it holds a line break or NUL, which a .prf line cannot")]
    LineBreak,
}

/// Whether `ptype` is PT_STRING8 or PT_UNICODE.
fn is_string(ptype: PropType) -> bool {
    ptype == PropType::STRING8 || ptype == PropType::UNICODE
}

/// Flags and enumerations are written in hex as OCT does (`0x0027`).
fn long_as_hex(tag: PropTag, scope: Option<Scope>) -> bool {
    tag.ptype == PropType::LONG
        && dictionary::lookup(tag, scope).is_some_and(|e| {
            matches!(
                e.meaning,
                Meaning::Flags(_) | Meaning::Enum(_) | Meaning::ByRole(..)
            )
        })
}

/// The text of a registry value stored as `stored`.
fn setting_text(
    data: &RegData,
    stored: PropType,
    hex: bool,
    codepage: &'static CodePage,
) -> Result<String, SettingTextError> {
    let value = match data {
        RegData::Hex { bytes, .. } => {
            mapi::decode(stored, bytes, codepage).ok_or(SettingTextError::Malformed(stored))?
        }
        RegData::String(text) if is_string(stored) => PropValue::Unicode(text.clone()),
        RegData::Dword(n) if stored == PropType::LONG => PropValue::Scalar(Scalar::Long(*n)),
        _ => return Err(SettingTextError::RegistryType),
    };
    let text = match value {
        PropValue::String8(text) | PropValue::Unicode(text) => text,
        PropValue::Scalar(Scalar::I2(n)) => n.to_string(),
        PropValue::Scalar(Scalar::Long(n)) if hex => format!("0x{n:04X}"),
        PropValue::Scalar(Scalar::Long(n)) => n.to_string(),
        PropValue::Scalar(Scalar::Boolean(b)) => if b { "TRUE" } else { "FALSE" }.to_owned(),
        _ => return Err(SettingTextError::NotPrfType),
    };
    if text.contains(['\r', '\n', '\0']) {
        return Err(SettingTextError::LineBreak);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_prf_text() {
        let cp = encoding_rs::WINDOWS_1252;
        let hex = |bytes: &[u8]| RegData::Hex {
            kind: 3,
            bytes: bytes.to_vec(),
        };
        assert_eq!(
            setting_text(&hex(&[0x71, 0x17]), PropType::I2, false, cp),
            Ok("6001".into())
        );
        assert_eq!(
            setting_text(&hex(&[0x27, 0, 0, 0]), PropType::LONG, true, cp),
            Ok("0x0027".into())
        );
        assert_eq!(
            setting_text(&RegData::Dword(993), PropType::LONG, false, cp),
            Ok("993".into())
        );
        assert_eq!(
            setting_text(&hex(&[1, 0]), PropType::BOOLEAN, false, cp),
            Ok("TRUE".into())
        );
        assert_eq!(
            setting_text(&hex(b"h\0:\x001\0\0\0"), PropType::UNICODE, false, cp),
            Ok("h:1".into())
        );
        assert_eq!(
            setting_text(&RegData::String("srv".into()), PropType::STRING8, false, cp),
            Ok("srv".into())
        );
        assert!(setting_text(&hex(&[0x71]), PropType::I2, false, cp).is_err());
        assert!(setting_text(&hex(b"a\0\n\0\0\0"), PropType::UNICODE, false, cp).is_err());
        assert!(setting_text(&RegData::Dword(1), PropType::UNICODE, false, cp).is_err());
    }

    #[test]
    fn each_refusal_says_why() {
        let cp = encoding_rs::WINDOWS_1252;
        let why = |data: &RegData, stored: PropType| {
            setting_text(data, stored, false, cp).map_err(|e| e.to_string())
        };
        let hex = |bytes: &[u8]| RegData::Hex {
            kind: 3,
            bytes: bytes.to_vec(),
        };
        assert_eq!(
            why(&hex(&[0x71]), PropType::I2),
            Err("its bytes are not a well-formed PT_I2 value".into())
        );
        assert_eq!(
            why(&RegData::String("6001".into()), PropType::I2),
            Err("its registry type does not fit the property".into())
        );
        assert_eq!(
            why(&hex(&[0; 8]), PropType::SYSTIME),
            Err("a .prf cannot hold a value of this type".into())
        );
        assert_eq!(
            why(&hex(&[0x61, 0, 0x0a, 0, 0, 0]), PropType::UNICODE),
            Err("it holds a line break or NUL, which a .prf line cannot".into())
        );
    }
}
