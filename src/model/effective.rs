//! A profile's keys as Regedit leaves them: every block of a key merged in
//! file order, a later value replacing an earlier one of the same name
//! (names compare without case), `[-key]` emptying the key. A `"name"=-`
//! stays as the value's last word (`RegData::Delete`): in a patch it is an
//! instruction, not an absence.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

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
/// per block). Keys and values are found through maps of their folded
/// names, so this takes time in proportion to the blocks and values.
pub fn merge(blocks: &[Block], infos: Vec<SectionInfo>) -> Vec<Effective> {
    let mut out: Vec<Effective> = Vec::new();
    // each key (folded) → its place in `out`, and for each key its values'
    // names (folded) → their place in its `values`
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<HashMap<String, usize>> = Vec::new();
    let infos = infos
        .into_iter()
        .chain(std::iter::repeat(SectionInfo::default()));
    for (key, info) in blocks.iter().zip(infos) {
        let at = match keys.entry(name::fold(&key.path)) {
            Entry::Occupied(at) => *at.get(),
            Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(Effective {
                    path: key.path.clone(),
                    deleted: key.delete,
                    info,
                    values: Vec::new(),
                });
                names.push(HashMap::new());
                out.len().saturating_sub(1)
            }
        };
        let (Some(section), Some(names)) = (out.get_mut(at), names.get_mut(at)) else {
            continue;
        };
        section.deleted = key.delete;
        if key.delete {
            section.values.clear();
            names.clear();
            continue;
        }
        for value in &key.values {
            match names.entry(name::fold(value.name.as_str())) {
                Entry::Occupied(slot) => {
                    if let Some(old) = section.values.get_mut(*slot.get()) {
                        *old = value.clone();
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(section.values.len());
                    section.values.push(value.clone());
                }
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

    /// The keys and values as the search in order merged them: the first
    /// block of each key makes its entry, a later value of the same name
    /// takes the place of the earlier one, a deletion empties the key.
    fn merged_by_search(blocks: &[Block]) -> Vec<Effective> {
        let mut out: Vec<Effective> = Vec::new();
        for key in blocks {
            let at = match out.iter().position(|s| name::same(&s.path, &key.path)) {
                Some(at) => at,
                None => {
                    out.push(Effective {
                        path: key.path.clone(),
                        deleted: key.delete,
                        info: SectionInfo::default(),
                        values: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let section = &mut out[at];
            section.deleted = key.delete;
            if key.delete {
                section.values.clear();
                continue;
            }
            for value in &key.values {
                match section
                    .values
                    .iter_mut()
                    .find(|v| name::same(v.name.as_str(), value.name.as_str()))
                {
                    Some(slot) => *slot = value.clone(),
                    None => section.values.push(value.clone()),
                }
            }
        }
        out
    }

    /// The maps of folded names find what a search in order with
    /// `name::same` finds: keys and values repeated in other cases (beyond
    /// ASCII too), the default value beside a value named `@`, deletions
    /// and keys set again after them.
    #[test]
    fn merging_through_maps_is_merging_by_search() {
        use crate::reg::{RegData, ValueName};
        let value = |name: &str, n: u32| RegValue {
            name: if name == "(default)" {
                ValueName::Default
            } else {
                ValueName::Named(name.to_owned())
            },
            data: RegData::Dword(n),
        };
        let set = |path: &str, values: Vec<RegValue>| Block::key(path, values);
        let delete = |path: &str| Block {
            path: path.to_owned(),
            delete: true,
            values: Vec::new(),
        };
        let blocks = vec![
            set(
                "Büro",
                vec![value("a", 1), value("Ä", 2), value("(default)", 3)],
            ),
            set("x\\y", vec![value("ſ", 4), value("s", 5)]),
            set("BÜRO", vec![value("A", 6), value("ä", 7), value("@", 8)]),
            delete("X\\Y"),
            set("büro", vec![value("b", 9)]),
            set("x\\y", vec![value("S", 10)]),
            set("σ", vec![value("1", 11)]),
            set("ς", vec![value("1", 12)]),
            delete("nowhere"),
        ];
        assert_eq!(merge(&blocks, Vec::new()), merged_by_search(&blocks));
        // and the same over a large profile of generated names
        let many: Vec<Block> = (0..600)
            .map(|i| {
                let path = if i % 3 == 0 {
                    format!("KEY{}", i % 200)
                } else {
                    format!("key{}", i % 200)
                };
                if i % 7 == 0 {
                    delete(&path)
                } else {
                    set(
                        &path,
                        vec![value(&format!("V{}", i % 5), i), value("v0", i)],
                    )
                }
            })
            .collect();
        assert_eq!(merge(&many, Vec::new()), merged_by_search(&many));
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
