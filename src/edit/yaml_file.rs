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
    let text = yaml::write(&out, &yaml::WriteOptions::default())?;
    Ok(Edited {
        format: None,
        text,
        changes: planned.into_iter().map(|p| p.change).collect(),
    })
}

/// Apply `edit` (an edit of `.prf` text) to the YAML document of a `.prf`.
pub fn via_prf(
    model: &PrfModel,
    edit: impl Fn(&PrfInput) -> Result<Edited, EditError>,
) -> Result<Edited, EditError> {
    let text = prf::write(model)?;
    let file = input::read_prf(text.as_bytes(), None).map_err(EditError::ReadBack)?;
    let edited = edit(&file)?;
    let again = input::read_prf(edited.text.as_bytes(), None).map_err(EditError::ReadBack)?;
    let (mut changed, _) = again.model();
    changed.source = model.source;
    Ok(Edited {
        format: None,
        text: yaml::write_prf(&changed),
        changes: edited.changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prf_document(setting: &str) -> PrfModel {
        let text = format!(
            "mapiprof: 1\nsource: {{format: prf}}\ngeneral:\n  settings:\n    ProfileName: \"{setting}\"\n"
        );
        match yaml::read_document(&text).unwrap() {
            yaml::Document::Prf(model) => model,
            yaml::Document::Reg(_) => panic!("not the YAML of a .prf"),
        }
    }

    fn unchanged(file: &PrfInput) -> Result<Edited, EditError> {
        Ok(Edited {
            format: None,
            text: file.text.clone(),
            changes: Vec::new(),
        })
    }

    #[test]
    fn a_prf_that_cannot_be_written_or_read_back_keeps_its_cause() {
        let err = via_prf(&prf_document("a\\nb"), unchanged).unwrap_err();
        assert!(
            matches!(err, EditError::Prf(prf::WriteError::Unsafe { .. })),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "value of ProfileName in [General] \"a\\nb\" cannot be written to a .prf: it contains a line break"
        );
        // refused by the writer, not by reading its own file back
        let err = via_prf(&prf_document("a\\0b"), unchanged).unwrap_err();
        assert!(
            matches!(&err, EditError::Prf(prf::WriteError::Unsafe { .. })),
            "{err:?}"
        );
        assert!(
            err.to_string().ends_with(
                "it contains a control character (NUL, VT, FF …) that a .prf cannot hold"
            ),
            "{err}"
        );
        assert!(via_prf(&prf_document("ab"), unchanged).is_ok());
    }
}
