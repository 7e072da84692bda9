//! Semantic differences between two documents: profiles, sections, keys
//! and values of registry models (what Regedit would leave, so order and
//! repeats do not count), or the settings of two `.prf` models. Each change
//! names where it is and shows old and new values as `show` would.

mod prf;
mod text;

use std::collections::HashMap;

use serde::Serialize;

use crate::input::Profiles;
use crate::mapi::{PropType, TagName, sections};
use crate::model::{Effective, Model, PROFILE_KEY, Profile, ToPrfError, effective, merge};
use crate::reg::name;
use crate::reg::{Block, RegValue};
use crate::yaml::{self, Context};

pub use prf::{diff_prf, diff_prf_export};
pub use text::to_text;

/// What to leave out of a comparison.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Value names (shown or raw, case-insensitive) to ignore.
    pub ignore: Vec<String>,
    /// Ignore the values listed in [`VOLATILE`] and every PT_SYSTIME value.
    pub ignore_volatile: bool,
}

/// Values Outlook rewrites by itself, left out by `--ignore-volatile`,
/// besides every PT_SYSTIME value (timestamps such as `00400032`):
/// `(section or "*", value name, why)`. The client section's lists have no
/// name in the dictionary, so they are given by value name.
pub const VOLATILE: &[(&str, &str, &str)] = &[
    ("*", "LastChangeVer", "account manager change counter"),
    (
        sections::OUTLOOK_CLIENT,
        "1102039b",
        "store entry IDs Outlook keeps in the client section",
    ),
    (
        sections::OUTLOOK_CLIENT,
        "1102022a",
        "folder and store entry IDs Outlook keeps in the client section",
    ),
    (
        sections::OUTLOOK_CLIENT,
        "11020434",
        "entry-ID list Outlook keeps in the client section",
    ),
    (
        sections::OUTLOOK_CLIENT,
        "101f031e",
        "list of recent names Outlook keeps in the client section",
    ),
];

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub change: Kind,
    /// The profile (registry documents), if the change is inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The key relative to the profile, the full key path outside profiles,
    /// or the `.prf` section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// What the section is (`Exchange Global Section`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The value or setting; `None` when a whole key or profile changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The raw value name when the name shown differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_name: Option<String>,
    /// The value before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The value after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only in the second document.
    Added,
    /// Only in the first document.
    Removed,
    /// In both, different.
    Changed,
}

/// The changes from `a` to `b`, whatever each holds: two registry
/// documents key by key, two `.prf` files setting by setting, a `.prf` and
/// an export by turning the export into the `.prf` that recreates it (which
/// fails when the export does not say which profile).
pub fn diff(a: &Profiles, b: &Profiles, options: &DiffOptions) -> Result<Vec<Change>, ToPrfError> {
    Ok(match (a, b) {
        (Profiles::Registry(ma), Profiles::Registry(mb)) => diff_reg(ma, mb, options),
        (Profiles::Prf(pa), Profiles::Prf(pb)) => diff_prf(pa, pb, options),
        (Profiles::Prf(pa), Profiles::Registry(mb)) => diff_prf_export(pa, mb, true, options)?,
        (Profiles::Registry(ma), Profiles::Prf(pb)) => diff_prf_export(pb, ma, false, options)?,
    })
}

/// The differences between two registry models.
pub fn diff_reg(a: &Model, b: &Model, options: &DiffOptions) -> Vec<Change> {
    let mut out = Vec::new();
    if let (Some(ra), Some(rb)) = (&a.root, &b.root)
        && !name::same(ra, rb)
    {
        out.push(Change {
            name: Some("root".into()),
            old: Some(ra.clone()),
            new: Some(rb.clone()),
            ..change(Kind::Changed)
        });
    }
    let in_a = first_of(&a.profiles, |p| &p.name);
    let in_b = first_of(&b.profiles, |p| &p.name);
    for pa in &a.profiles {
        match in_b.get(&name::fold(&pa.name)) {
            Some(pb) => out.extend(diff_profile(a, pa, b, pb, options)),
            None => out.push(whole_profile(Kind::Removed, pa)),
        }
    }
    for pb in &b.profiles {
        if !in_a.contains_key(&name::fold(&pb.name)) {
            out.push(whole_profile(Kind::Added, pb));
        }
    }
    let outside = |m: &Model| Section::all(&m.keys, None, m);
    out.extend(diff_sections(&outside(a), &outside(b), None, options));
    out
}

/// The first of `items` by each name `name_of` gives (folded): what a
/// search in order for a name of the same spelling would find.
fn first_of<T>(items: &[T], name_of: impl Fn(&T) -> &str) -> HashMap<String, &T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(name::fold(name_of(item))).or_insert(item);
    }
    map
}

fn change(kind: Kind) -> Change {
    Change {
        change: kind,
        profile: None,
        section: None,
        label: None,
        name: None,
        raw_name: None,
        old: None,
        new: None,
    }
}

fn whole_profile(kind: Kind, profile: &Profile) -> Change {
    let keys = profile.keys.iter().filter(|k| !k.delete).count();
    let summary = Some(format!("profile with {keys} key(s)"));
    Change {
        profile: Some(profile.name.clone()),
        old: (kind == Kind::Removed).then(|| summary.clone()).flatten(),
        new: (kind == Kind::Added).then_some(summary).flatten(),
        ..change(kind)
    }
}

fn diff_profile(
    a: &Model,
    pa: &Profile,
    b: &Model,
    pb: &Profile,
    options: &DiffOptions,
) -> Vec<Change> {
    let sa = Section::all(&pa.keys, Some(pa), a);
    let sb = Section::all(&pb.keys, Some(pb), b);
    diff_sections(&sa, &sb, Some(&pa.name), options)
}

/// A key as Regedit leaves it, with the context its values are shown in
/// and what its file's data means (a `REGEDIT4` file's `hex(1)` is ANSI
/// text).
struct Section {
    key: Effective,
    ctx: Context,
    format: crate::reg::Format,
    codepage: &'static encoding_rs::Encoding,
}

impl Section {
    /// Whether `va` here and `vb` in `other` store the same type and bytes
    /// (`"x"` and `hex(1):78,00,00,00` do).
    fn same_data(&self, va: &RegValue, other: &Section, vb: &RegValue) -> bool {
        va.data == vb.data
            || crate::reg::import::stored(&va.data, self.format, self.codepage)
                == crate::reg::import::stored(&vb.data, other.format, other.codepage)
    }
}

impl Section {
    fn all(keys: &[Block], profile: Option<&Profile>, model: &Model) -> Vec<Section> {
        let merged = match profile {
            Some(p) => effective(p, model.source.codepage),
            None => merge(keys, Vec::new()),
        };
        merged
            .into_iter()
            .map(|key| Section {
                ctx: Context::new(&model.source, profile.is_some(), &key.info),
                key,
                format: model.source.format,
                codepage: model.source.codepage,
            })
            .collect()
    }

    fn shown(&self) -> String {
        if self.key.path == PROFILE_KEY {
            "(profile key)".to_owned()
        } else {
            self.key.path.clone()
        }
    }
}

fn diff_sections(
    a: &[Section],
    b: &[Section],
    profile: Option<&str>,
    options: &DiffOptions,
) -> Vec<Change> {
    let mut out = Vec::new();
    let at = |s: &Section, kind: Kind| Change {
        profile: profile.map(str::to_owned),
        section: Some(s.shown()),
        label: s.key.info.label.clone(),
        ..change(kind)
    };
    let in_a = first_of(a, |s| &s.key.path);
    let in_b = first_of(b, |s| &s.key.path);
    for sa in a {
        let Some(sb) = in_b.get(&name::fold(&sa.key.path)) else {
            out.push(Change {
                old: Some(key_summary(sa)),
                ..at(sa, Kind::Removed)
            });
            continue;
        };
        if sa.key.deleted != sb.key.deleted {
            out.push(Change {
                old: Some(key_summary(sa)),
                new: Some(key_summary(sb)),
                ..at(sb, Kind::Changed)
            });
            continue;
        }
        let values_a = first_of(&sa.key.values, |v| v.name.as_str());
        let values_b = first_of(&sb.key.values, |v| v.name.as_str());
        for va in &sa.key.values {
            if ignored(sa, va, options) {
                continue;
            }
            let (name, raw_name) = names(va, &sa.ctx);
            match values_b.get(&name::fold(va.name.as_str())) {
                None => out.push(Change {
                    name: Some(name),
                    raw_name,
                    old: Some(yaml::brief(va, &sa.ctx)),
                    ..at(sa, Kind::Removed)
                }),
                Some(vb) if !sa.same_data(va, sb, vb) => out.push(Change {
                    name: Some(name),
                    raw_name,
                    old: Some(yaml::brief(va, &sa.ctx)),
                    new: Some(yaml::brief(vb, &sb.ctx)),
                    ..at(sb, Kind::Changed)
                }),
                Some(_) => {}
            }
        }
        for vb in &sb.key.values {
            if ignored(sb, vb, options) || values_a.contains_key(&name::fold(vb.name.as_str())) {
                continue;
            }
            let (name, raw_name) = names(vb, &sb.ctx);
            out.push(Change {
                name: Some(name),
                raw_name,
                new: Some(yaml::brief(vb, &sb.ctx)),
                ..at(sb, Kind::Added)
            });
        }
    }
    for sb in b {
        if !in_a.contains_key(&name::fold(&sb.key.path)) {
            out.push(Change {
                new: Some(key_summary(sb)),
                ..at(sb, Kind::Added)
            });
        }
    }
    out
}

fn key_summary(s: &Section) -> String {
    if s.key.deleted {
        "key deletion".to_owned()
    } else {
        format!("key with {} value(s)", s.key.values.len())
    }
}

/// The name `show` gives a value, and its raw name when that differs.
fn names(value: &RegValue, ctx: &Context) -> (String, Option<String>) {
    let shown = yaml::show_value(value, ctx).key;
    let raw = value.name.as_str();
    let raw = (shown != raw).then(|| raw.to_owned());
    (shown, raw)
}

fn ignored(section: &Section, value: &RegValue, options: &DiffOptions) -> bool {
    let raw = value.name.as_str();
    let shown = yaml::show_value(value, &section.ctx).key;
    let named = |n: &str| name::same(n, raw) || name::same(n, &shown);
    if options.ignore.iter().any(|n| named(n)) {
        return true;
    }
    if !options.ignore_volatile {
        return false;
    }
    let systime = TagName::parse(raw).is_some_and(|t| t.tag.ptype == PropType::SYSTIME);
    let last = section
        .key
        .path
        .rsplit('\\')
        .next()
        .unwrap_or(&section.key.path);
    systime
        || VOLATILE
            .iter()
            .any(|(s, n, _)| (*s == "*" || name::same(s, last)) && name::same(n, raw))
}
