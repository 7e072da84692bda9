//! A profile's keys as Regedit leaves them: every block of a key merged in
//! file order, a later value replacing an earlier one of the same name
//! (names compare without case), `[-key]` emptying the key. A `"name"=-`
//! stays as the value's last word (`RegData::Delete`): in a patch it is an
//! instruction, not an absence.

use encoding_rs::Encoding as CodePage;

use crate::reg::{Block, RegValue, name};

use super::{Profile, SectionInfo, describe};

/// One key of a profile as Regedit leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// The path relative to the profile, as first written.
    pub path: String,
    /// The last block of the key deletes it.
    pub deleted: bool,
    /// What the key is.
    pub info: SectionInfo,
    /// Its values, the last of each name, in the order they first appear.
    pub values: Vec<RegValue>,
}

impl Effective {
    /// The value called `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&RegValue> {
        self.values
            .iter()
            .find(|v| name::same(v.name.as_str(), name))
    }
}

/// The keys of `profile` as Regedit leaves them.
pub fn effective(profile: &Profile, codepage: &'static CodePage) -> Vec<Effective> {
    merge(&profile.keys, describe(profile, codepage))
}

/// The keys of `blocks` as Regedit leaves them, described by `infos` (one
/// per block).
pub fn merge(blocks: &[Block], infos: Vec<SectionInfo>) -> Vec<Effective> {
    let mut out: Vec<Effective> = Vec::new();
    let infos = infos
        .into_iter()
        .chain(std::iter::repeat(SectionInfo::default()));
    for (key, info) in blocks.iter().zip(infos) {
        let at = match out.iter().position(|s| name::same(&s.path, &key.path)) {
            Some(at) => at,
            None => {
                out.push(Effective {
                    path: key.path.clone(),
                    deleted: key.delete,
                    info,
                    values: Vec::new(),
                });
                out.len().saturating_sub(1)
            }
        };
        let Some(section) = out.get_mut(at) else {
            continue;
        };
        section.deleted = key.delete;
        if key.delete {
            section.values.clear();
            continue;
        }
        for value in &key.values {
            let name = value.name.as_str();
            match section
                .values
                .iter_mut()
                .find(|v| name::same(v.name.as_str(), name))
            {
                Some(slot) => *slot = value.clone(),
                None => section.values.push(value.clone()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_reg;

    /// The warnings and effective keys of an export whose one key holds
    /// the value lines `values`.
    fn read(values: &str) -> (Vec<String>, Vec<Effective>) {
        let text = format!(
            "Windows Registry Editor Version 5.00\r\n\r\n\
             [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\x]\r\n{values}\r\n"
        );
        let bytes =
            crate::text::encode(&text, &crate::text::TextFormat::REGEDIT5).unwrap_or_default();
        let input = read_reg(&bytes, None).unwrap();
        let warnings = input.warnings.iter().map(ToString::to_string).collect();
        let (model, _) = input.model();
        (
            warnings,
            effective(&model.profiles[0], model.source.codepage),
        )
    }

    /// What the reader warns about and what `check` and `diff` see follow
    /// one rule: `Ä` and `ä` are one value, and the later one is kept.
    #[test]
    fn values_differing_in_case_beyond_ascii_are_one_value() {
        let (warnings, keys) = read("\"Ä\"=\"first\"\r\n\"ä\"=\"second\"\r\n");
        assert!(
            warnings.iter().any(|w| w.contains("keeps the later one")),
            "{warnings:?}"
        );
        let values: Vec<&crate::reg::RegData> = keys[0].values.iter().map(|v| &v.data).collect();
        assert_eq!(values, [&crate::reg::RegData::String("second".into())]);
        assert!(keys[0].get("Ä").is_some());
    }

    /// `ſ` is not `s` to Windows (its upper-case table leaves the long s as
    /// it is): the two are separate values, and no warning says otherwise.
    #[test]
    fn a_long_s_is_not_an_s() {
        let (warnings, keys) = read(
            "\"SMTP Server\"=\"smtp.evil.example\"\r\n\"SMTP \u{17f}erver\"=\"smtp.good.example\"\r\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(keys[0].values.len(), 2);
    }
}
