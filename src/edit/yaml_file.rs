//! Edits of YAML documents. A registry export's: applied to the model and
//! written again the way `show` writes it. A `.prf`'s: the `.prf` it
//! describes is written, edited as a `.prf` is, read back and shown again
//! (the PRF ⇄ YAML round trip is lossless).

use crate::input::{self, PrfInput};
use crate::model::Model;
use crate::prf::{self, PrfModel};
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

/// Apply `edit` (an edit of `.prf` text) to the YAML document of a `.prf`.
pub fn via_prf(
    model: &PrfModel,
    edit: impl Fn(&PrfInput) -> Result<Edited, EditError>,
) -> Result<Edited, EditError> {
    let text = prf::write(model).map_err(|e| EditError::Write(e.to_string()))?;
    let file =
        input::read_prf(text.as_bytes(), None).map_err(|e| EditError::Write(e.to_string()))?;
    let edited = edit(&file)?;
    let again = input::read_prf(edited.text.as_bytes(), None)
        .map_err(|e| EditError::Write(e.to_string()))?;
    let (mut changed, _) = again.model();
    changed.source = model.source;
    Ok(Edited {
        text: yaml::write_prf(&changed),
        changes: edited.changes,
    })
}
