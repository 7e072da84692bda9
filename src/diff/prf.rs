//! Differences between the settings of two `.prf` models: `[General]`
//! options by name, services and accounts matched by their mapping block and
//! their place among the items of that block (the first `Personal Folders`
//! with the first), settings by name. Only active settings count: a
//! commented-out setting is one Outlook does not apply.

use std::collections::{HashMap, HashSet};

use crate::model::{Model, RegToPrf, ToPrfError, reg_to_prf};
use crate::prf::{APPLY_OPTIONS, Entries, Item, Listed, PrfModel};

use super::{Change, DiffOptions, Kind, change};
use crate::reg::name;

/// The differences between a `.prf` and an export: the export is turned
/// into the `.prf` that recreates the profile the `.prf` names (else its only
/// or default profile), and options about how to apply a `.prf` are left
/// out. `prf_first` says which side the `.prf` is on.
pub fn diff_prf_export(
    prf: &PrfModel,
    export: &Model,
    prf_first: bool,
    options: &DiffOptions,
) -> Result<Vec<Change>, ToPrfError> {
    let named = prf
        .general
        .get("ProfileName")
        .filter(|n| export.profiles.iter().any(|p| name::same(&p.name, n)));
    let recreating = RegToPrf {
        profile: named.map(str::to_owned),
        generation: prf.generation(),
        codepage: None,
        // an export of part of a profile compares with what it holds
        partial: true,
    };
    let (from_export, _) = reg_to_prf(export, &recreating)?;
    let options = DiffOptions {
        ignore: options
            .ignore
            .iter()
            .cloned()
            .chain(APPLY_OPTIONS.iter().map(|k| (*k).to_owned()))
            .collect(),
        ..options.clone()
    };
    Ok(if prf_first {
        diff_prf(prf, &from_export, &options)
    } else {
        diff_prf(&from_export, prf, &options)
    })
}

/// The differences between two `.prf` models.
pub fn diff_prf(a: &PrfModel, b: &PrfModel, options: &DiffOptions) -> Vec<Change> {
    let mut out = Vec::new();
    settings(
        &mut out,
        "General",
        None,
        &a.general.active,
        &b.general.active,
        options,
    );
    for (items_a, items_b) in [(&a.services, &b.services), (&a.accounts, &b.accounts)] {
        let pairs = pair(items_a, items_b);
        for (ia, ib) in pairs {
            match (ia, ib) {
                (Some(ia), Some(ib)) => settings(
                    &mut out,
                    &ib.id,
                    ib.block.as_deref(),
                    &ia.settings.active,
                    &ib.settings.active,
                    options,
                ),
                (Some(ia), None) => out.push(whole(Kind::Removed, ia)),
                (None, Some(ib)) => out.push(whole(Kind::Added, ib)),
                (None, None) => {}
            }
        }
    }
    out
}

/// Items of `a` and `b` paired by block and rank within the block.
fn pair<'m>(a: &'m [Item], b: &'m [Item]) -> Vec<(Option<&'m Item>, Option<&'m Item>)> {
    // the active items, each with its block (lower case) and rank among
    // the items of that block
    let active = |items: &'m [Item]| -> Vec<(&'m Item, (String, usize))> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        items
            .iter()
            .filter(|i| i.listed == Listed::Active)
            .map(|i| {
                let block = i.block.clone().unwrap_or_default().to_ascii_lowercase();
                let count = seen.entry(block.clone()).or_insert(0);
                let rank = *count;
                *count = count.saturating_add(1);
                (i, (block, rank))
            })
            .collect()
    };
    let (a, b) = (active(a), active(b));
    let in_b: HashMap<&(String, usize), &Item> = b.iter().map(|(i, place)| (place, *i)).collect();
    let mut out: Vec<(Option<&Item>, Option<&Item>)> = a
        .iter()
        .map(|(ia, place)| (Some(*ia), in_b.get(place).copied()))
        .collect();
    let in_a: HashSet<&(String, usize)> = a.iter().map(|(_, place)| place).collect();
    for (ib, place) in &b {
        if !in_a.contains(place) {
            out.push((None, Some(*ib)));
        }
    }
    out
}

fn whole(kind: Kind, item: &Item) -> Change {
    let summary = format!(
        "{} with {} setting(s)",
        item.block.as_deref().unwrap_or("?"),
        item.settings.active.len()
    );
    Change {
        section: Some(item.id.clone()),
        label: item.block.clone(),
        old: (kind == Kind::Removed).then(|| summary.clone()),
        new: (kind == Kind::Added).then_some(summary),
        ..change(kind)
    }
}

fn settings<'s>(
    out: &mut Vec<Change>,
    section: &str,
    label: Option<&str>,
    a: &'s Entries,
    b: &'s Entries,
    options: &DiffOptions,
) {
    // each key (lower case) → the value of its first entry
    let by_key = |list: &'s Entries| {
        let mut map: HashMap<String, &'s str> = HashMap::with_capacity(list.len());
        for (k, v) in list {
            map.entry(k.to_ascii_lowercase()).or_insert(v);
        }
        map
    };
    let (in_a, in_b) = (by_key(a), by_key(b));
    let get = |map: &HashMap<String, &str>, key: &str| {
        map.get(&key.to_ascii_lowercase()).map(|v| (*v).to_owned())
    };
    let ignored = |key: &str| options.ignore.iter().any(|n| n.eq_ignore_ascii_case(key));
    let at = |kind: Kind, key: &str| Change {
        section: Some(section.to_owned()),
        label: label.map(str::to_owned),
        name: Some(key.to_owned()),
        ..change(kind)
    };
    for (key, old) in a.iter().filter(|(k, _)| !ignored(k)) {
        match get(&in_b, key) {
            None => out.push(Change {
                old: Some(old.to_owned()),
                ..at(Kind::Removed, key)
            }),
            Some(new) if !same_value(old, &new) => out.push(Change {
                old: Some(old.to_owned()),
                new: Some(new),
                ..at(Kind::Changed, key)
            }),
            Some(_) => {}
        }
    }
    for (key, new) in b.iter().filter(|(k, _)| !ignored(k)) {
        if get(&in_a, key).is_none() {
            out.push(Change {
                new: Some(new.to_owned()),
                ..at(Kind::Added, key)
            });
        }
    }
}

/// Whether two values of a setting mean the same: the same text, the same
/// boolean however it is spelt (`false`, `FALSE`: Outlook reads both), or
/// the same number (`0x002f`, `0x002F`, `47`).
fn same_value(a: &str, b: &str) -> bool {
    let boolean = |v: &str| {
        ["true", "false", "yes", "no"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(v))
    };
    a == b
        || (boolean(a) && boolean(b) && a.eq_ignore_ascii_case(b))
        || crate::mapi::parse_int(a).is_some_and(|n| crate::mapi::parse_int(b) == Some(n))
}
