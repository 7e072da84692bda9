//! Model → YAML text.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::model::{self, Model, SectionInfo, Source};
use crate::reg::{Block, RegValue};

use super::emit::Emitter;
use super::error::YamlError;
use super::head::{MODELINE, source_y};
use super::tree::Y;
use super::value::{self, Context};

/// How to write a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Sort profiles, keys and values into a canonical order instead of the
    /// source order.
    pub sort: bool,
}

/// Write `model` as a YAML document.
pub fn write(model: &Model, options: &WriteOptions) -> Result<String, YamlError> {
    let mut e = Emitter::new();
    e.comment(0, MODELINE);
    e.entry(0, "mapiprof", &Y::Int(1), None);
    e.entry(0, "source", &source(model), None);
    if let Some(root) = &model.root {
        e.entry(0, "root", &Y::Str(root.clone()), None);
    }
    if !model.keys.is_empty() {
        e.open(0, "keys", Some("keys outside the profiles"));
        let outside = SectionInfo::default();
        let keys: Vec<(&Block, &SectionInfo)> = model.keys.iter().map(|k| (k, &outside)).collect();
        write_keys(&mut e, 2, keys, false, &model.source, options.sort)?;
    }
    if !model.profiles.is_empty() {
        e.open(0, "profiles", None);
        let mut profiles: Vec<&model::Profile> = model.profiles.iter().collect();
        if options.sort {
            profiles.sort_by(|a, b| crate::reg::name::compare_paths(&a.name, &b.name));
        }
        for profile in profiles {
            e.open(2, &profile.name, None);
            let infos = model::describe(profile, model.source.codepage);
            let keys: Vec<(&Block, &SectionInfo)> = profile.keys.iter().zip(&infos).collect();
            write_keys(&mut e, 4, keys, true, &model.source, options.sort)?;
        }
    }
    Ok(e.finish())
}

fn source(model: &Model) -> Y {
    let s = &model.source;
    source_y(s.format.name(), &s.text, s.codepage)
}

fn write_keys(
    e: &mut Emitter,
    indent: usize,
    mut keys: Vec<(&Block, &SectionInfo)>,
    in_profile: bool,
    source: &Source,
    sort: bool,
) -> Result<(), YamlError> {
    if sort {
        keys.sort_by(|a, b| crate::reg::name::compare_paths(&a.0.path, &b.0.path));
    }
    let mut seen = HashSet::new();
    for (block, info) in keys {
        let yaml_key = key_name(block)?;
        if !seen.insert(yaml_key.clone()) {
            return Err(YamlError::Unrepresentable(format!(
                "key {:?} appears twice in the same group; the YAML form holds each key once",
                block.path
            )));
        }
        let label = info.label.as_deref();
        let values = merged(&block.values);
        if values.is_empty() {
            e.entry(indent, &yaml_key, &Y::Map(Vec::new()), label);
            continue;
        }
        e.open(indent, &yaml_key, label);
        let ctx = Context::new(source, in_profile, info);
        let mut shown: Vec<value::Shown> = values.iter().map(|v| value::show(v, &ctx)).collect();
        if sort {
            // by the shown names, compared as the registry compares names
            shown.sort_by(|a, b| crate::reg::name::compare(&a.key, &b.key));
        }
        let mut names = HashSet::new();
        for item in &shown {
            if !names.insert(item.key.as_str()) {
                return Err(YamlError::Unrepresentable(format!(
                    "two values of key {:?} are both shown as {:?}",
                    block.path, item.key
                )));
            }
            e.entry(
                indent.saturating_add(2),
                &item.key,
                &item.value,
                item.comment.as_deref(),
            );
        }
    }
    Ok(())
}

/// The YAML key of a block: its path, with `-` in front for a deletion.
fn key_name(block: &Block) -> Result<String, YamlError> {
    if block.path.starts_with('-') {
        return Err(YamlError::Unrepresentable(format!(
            "key {:?} starts with '-', which the YAML form uses for deletions",
            block.path
        )));
    }
    Ok(if block.delete {
        format!("-{}", block.path)
    } else {
        block.path.clone()
    })
}

/// Values with repeated names folded as Regedit imports them: the last data
/// at the position of the first (copied only then).
fn merged(values: &[RegValue]) -> Vec<Cow<'_, RegValue>> {
    let mut out: Vec<Cow<'_, RegValue>> = Vec::with_capacity(values.len());
    for value in values {
        match out.iter_mut().find(|v| v.name == value.name) {
            Some(existing) => existing.to_mut().data = value.data.clone(),
            None => out.push(Cow::Borrowed(value)),
        }
    }
    out
}
