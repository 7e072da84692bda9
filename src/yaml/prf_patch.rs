//! A partial PRF document for `apply`: `general.settings` and the
//! `settings` of services and accounts by id, `null` to comment a setting
//! out. Values are kept as YAML values with the text they were written as;
//! each target file's mappings type them (`0x0027` stays hex).

use crate::diag::Location;
use crate::mapi::PropTag;

use super::error::YamlError;
use super::node::{Node, located, map_of, raw_scalar};
use super::prf_value::{Kind, PrfValueError, parse};
use super::tree::Y;

/// A setting of a patch: `None` comments it out.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchValue {
    /// The YAML value; `None` for `null`.
    pub value: Option<Y>,
    /// The scalar as written (for hex numbers).
    pub raw: Option<String>,
}

impl PatchValue {
    /// The `.prf` text of this value for a setting mapped to `tag` (or, with
    /// `general`, the `[General]` option `key`); `None` for `null`.
    pub fn text(
        &self,
        key: &str,
        tag: Option<PropTag>,
        general: bool,
    ) -> Result<Option<String>, PrfValueError> {
        let Some(value) = &self.value else {
            return Ok(None);
        };
        let kind = if general {
            Kind::general(key)
        } else {
            Kind::of(tag)
        };
        parse(kind, value, self.raw.as_deref()).map(Some)
    }
}

/// The settings of a PRF patch.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrfPatch {
    /// `[General]` options.
    pub general: Vec<(String, PatchValue)>,
    /// Services and accounts by id (`ServiceEGS`, `Account1`).
    pub items: Vec<(String, Vec<(String, PatchValue)>)>,
}

/// Read the top-level `entries` of a PRF patch.
pub fn read(text: &str, entries: &[(String, Location, Node)]) -> Result<PrfPatch, YamlError> {
    let mut patch = PrfPatch::default();
    for (key, at, value) in entries {
        match key.as_str() {
            "mapiprof" | "source" => {}
            "general" => patch.general = settings_of(text, value, "general")?,
            "services" | "accounts" => {
                for (id, _, body) in map_of(value, key)? {
                    let path = format!("{key}.{id}");
                    patch
                        .items
                        .push((id.clone(), settings_of(text, body, &path)?));
                }
            }
            other => {
                return Err(located(
                    *at,
                    other,
                    "a patch holds general, services and accounts with their settings",
                ));
            }
        }
    }
    Ok(patch)
}

/// `settings:` of one part (other fields are refused).
fn settings_of(
    text: &str,
    node: &Node,
    path: &str,
) -> Result<Vec<(String, PatchValue)>, YamlError> {
    let mut out = Vec::new();
    for (field, at, value) in map_of(node, path)? {
        let here = format!("{path}.{field}");
        if field != "settings" {
            return Err(located(*at, &here, "a patch changes settings only"));
        }
        for (key, _, v) in map_of(value, &here)? {
            let y = v.to_y();
            out.push((
                key.clone(),
                PatchValue {
                    value: (y != Y::Null).then_some(y),
                    raw: raw_scalar(text, v.at).map(str::to_owned),
                },
            ));
        }
    }
    Ok(out)
}
