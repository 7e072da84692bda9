//! Edits of a `.prf` text, one line each: a value replaced, a commented-out
//! setting switched on in place (`;HTTPExchangePort=6001`), a setting
//! commented out for `--unset`, or with `--create` a line added to the
//! section of the service whose mapping knows the key.

use crate::input::PrfInput;
use crate::mapi::proxy::fixed_proxy;
use crate::model::encode_setting;
use crate::prf::{self, GENERAL_KEYS, Item, PrfModel};
use crate::yaml::PrfPatch;

use super::{Assignment, BadValue, EditError, Edited, Edits};

/// Apply `edits` to the `.prf` file `input`.
pub fn set_prf(input: &PrfInput, edits: &Edits) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let mut text = input.text.clone();
    let mut changes = Vec::new();
    let items: Vec<&Item> = model
        .services
        .iter()
        .chain(&model.accounts)
        .filter(|i| {
            edits.section.as_deref().is_none_or(|w| {
                i.id.eq_ignore_ascii_case(w)
                    || i.block
                        .as_deref()
                        .is_some_and(|b| b.eq_ignore_ascii_case(w))
            })
        })
        .collect();
    if edits.fix_proxy_port {
        for item in &items {
            let Some(old) = item.settings.get("RPCProxyServer") else {
                continue;
            };
            if let Some(fixed) = fixed_proxy(old) {
                text = edit(&text, &item.id, "RPCProxyServer", Some(&fixed))?;
                changes.push(format!("[{}] RPCProxyServer: {old} → {fixed}", item.id));
            }
        }
    }
    for assignment in &edits.assignments {
        changes.extend(assign(&mut text, &model, &items, assignment, edits)?);
    }
    Ok(Edited { text, changes })
}

/// Merge the settings of `patch` into the `.prf` file `input`: each value
/// replaces the setting, switches on a commented-out one, or is added to
/// the section; `null` comments the setting out.
pub fn apply_prf(input: &PrfInput, patch: &PrfPatch) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let mut text = input.text.clone();
    let mut changes = Vec::new();
    for (key, value) in &patch.general {
        let new = value
            .text(key, None, true)
            .map_err(|why| EditError::value(format!("[General] {key}"), why))?;
        changes.extend(general(&mut text, &model, key, new.as_deref())?);
    }
    for (id, settings) in &patch.items {
        let item = model
            .services
            .iter()
            .chain(&model.accounts)
            .find(|i| i.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| EditError::NoMatch(format!("the .prf has no [{id}] in its lists")))?;
        let block = item.block.as_deref().unwrap_or_default();
        for (key, value) in settings {
            let name = format!("[{}] {key}", item.id);
            let new = value
                .text(key, model.tag(block, key), false)
                .map_err(|why| EditError::value(&name, why))?;
            check(&model, block, key, new.as_deref(), &item.id)?;
            let old = item.settings.get(key);
            if old == new.as_deref() {
                continue;
            }
            if new.is_none() && old.is_none() {
                continue;
            }
            text = edit(&text, &item.id, key, new.as_deref())?;
            changes.push(change(&item.id, key, old, new.as_deref()));
        }
    }
    Ok(Edited { text, changes })
}

fn assign(
    text: &mut String,
    model: &PrfModel,
    items: &[&Item],
    assignment: &Assignment,
    edits: &Edits,
) -> Result<Vec<String>, EditError> {
    let key = assignment.name();
    let value = match assignment {
        Assignment::Set { value, .. } => Some(value.as_str()),
        Assignment::Unset { .. } => None,
    };
    if GENERAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return general(text, model, key, value);
    }
    let mut changes = Vec::new();
    let mut knowing = Vec::new();
    for item in items {
        let block = item.block.as_deref().unwrap_or_default();
        if !model.knows(block, key) {
            continue;
        }
        knowing.push(*item);
        let active = item.settings.get(key);
        let commented = item
            .settings
            .commented
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str());
        if active.is_none() && (commented.is_none() || value.is_none()) {
            continue;
        }
        check(model, block, key, value, &item.id)?;
        if active == value {
            continue;
        }
        *text = edit(text, &item.id, key, value)?;
        changes.push(change(&item.id, key, active, value));
    }
    if !changes.is_empty() || value.is_none() || items.iter().any(|i| i.settings.get(key).is_some())
    {
        return Ok(changes);
    }
    let Some(value) = value else {
        return Ok(changes);
    };
    if knowing.is_empty() {
        return Err(EditError::UnknownName {
            name: key.to_owned(),
            suggestions: Vec::new(),
        });
    }
    if !edits.create {
        return Err(EditError::Absent(key.to_owned()));
    }
    for item in knowing {
        let block = item.block.as_deref().unwrap_or_default();
        check(model, block, key, Some(value), &item.id)?;
        *text = edit(text, &item.id, key, Some(value))?;
        changes.push(change(&item.id, key, None, Some(value)));
    }
    Ok(changes)
}

/// A `[General]` option.
fn general(
    text: &mut String,
    model: &PrfModel,
    key: &str,
    value: Option<&str>,
) -> Result<Vec<String>, EditError> {
    let old = model.general.get(key);
    if old == value {
        return Ok(Vec::new());
    }
    *text = edit(text, "General", key, value)?;
    Ok(vec![change("General", key, old, value)])
}

/// A value that does not fit the setting's mapping, e.g. a port of 70000.
fn check(
    model: &PrfModel,
    block: &str,
    key: &str,
    value: Option<&str>,
    id: &str,
) -> Result<(), EditError> {
    let (Some(value), Some(tag)) = (value, model.tag(block, key)) else {
        return Ok(());
    };
    if value.contains(['\r', '\n']) {
        return Err(EditError::value(
            format!("[{id}] {key}"),
            BadValue::LineBreak,
        ));
    }
    if !prf::placeholders(value).is_empty() {
        return Ok(());
    }
    encode_setting(tag, value, model.source.codepage)
        .map(|_| ())
        .map_err(|why| EditError::value(format!("[{id}] {key}"), why))
}

/// Set `key` in section `id`, one line: the value replaced, a
/// commented-out `;key=…` switched on, or else a line added to the section;
/// with `None`, the setting commented out.
fn edit(text: &str, id: &str, key: &str, value: Option<&str>) -> Result<String, EditError> {
    let parsed = prf::parse(text);
    let edited = match value {
        Some(v) => prf::set(text, &parsed, id, key, v)
            .map(|(t, _)| t)
            .or_else(|| prf::add(text, &parsed, id, key, v)),
        None => prf::comment_out(text, &parsed, id, key),
    };
    edited.ok_or_else(|| EditError::NoPlace(format!("[{id}] {key}")))
}

fn change(id: &str, key: &str, old: Option<&str>, new: Option<&str>) -> String {
    format!(
        "[{id}] {key}: {} → {}",
        old.unwrap_or("(absent)"),
        new.unwrap_or("(commented out)")
    )
}
