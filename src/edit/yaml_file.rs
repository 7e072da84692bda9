//! Edits of a YAML document of a registry export: applied to the model and
//! written again the way `show` writes it.

use crate::model::Model;
use crate::yaml;

use super::plan::plan;
use super::{EditError, Edited, Edits};

/// Apply `edits` to `model`, the YAML document read, and write it again.
pub fn set_yaml(model: &Model, edits: &Edits) -> Result<Edited, EditError> {
    let planned = plan(model, edits)?;
    let mut out = model.clone();
    for p in &planned {
        let Some(profile) = out.profiles.iter_mut().find(|x| x.name == p.profile) else {
            continue;
        };
        profile.set(&p.path, p.value.name.as_str(), p.value.data.clone());
    }
    let text = yaml::write(&out, &yaml::WriteOptions::default())
        .map_err(|e| EditError::Write(e.to_string()))?;
    Ok(Edited {
        text,
        changes: planned.into_iter().map(|p| p.change).collect(),
    })
}
