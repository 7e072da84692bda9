//! One edit over any document: `set`, `retarget` or `apply`, each sent to
//! the editor of the document's form.

use crate::input::{Document, Profiles};
use crate::yaml::Patch;

use super::{EditError, Edited, Edits, Retarget};

/// What to do to a file.
#[derive(Debug, Clone)]
pub enum Operation {
    /// `set`: assignments, removals, the proxy-port repair.
    Set(Edits),
    /// `retarget`: another Outlook version's profile root, a new name.
    Retarget(Retarget),
    /// `apply`: a partial document merged in.
    Apply(Box<Patch>),
}

impl Operation {
    /// The new text of `doc` (in its own form) and what changed.
    pub fn edit(&self, doc: &Document) -> Result<Edited, EditError> {
        match doc {
            Document::Reg(input) => match self {
                Operation::Set(edits) => super::set_reg(input, edits),
                Operation::Retarget(r) => super::retarget_reg(input, r),
                Operation::Apply(patch) => match patch.as_ref() {
                    Patch::Reg(patch) => super::apply_reg(input, patch),
                    Patch::Prf(_) => Err(wrong_patch("a .prf patch", "a .reg file")),
                },
            },
            Document::Prf(input) => self.prf(input),
            Document::Model { profiles, .. } => match profiles {
                Profiles::Registry(model) => match self {
                    Operation::Set(edits) => super::set_yaml(model, edits),
                    Operation::Retarget(r) => super::retarget_yaml(model, r),
                    Operation::Apply(patch) => match patch.as_ref() {
                        Patch::Reg(patch) => super::apply_yaml(model, patch),
                        Patch::Prf(_) => Err(wrong_patch("a .prf patch", "a registry document")),
                    },
                },
                Profiles::Prf(model) => super::via_prf(model, |file| self.prf(file)),
            },
        }
    }

    fn prf(&self, file: &crate::input::PrfInput) -> Result<Edited, EditError> {
        match self {
            Operation::Set(edits) => super::set_prf(file, edits),
            Operation::Retarget(_) => Err(EditError::NoMatch(
                "a .prf has no registry root; retarget works on .reg files and their YAML".into(),
            )),
            Operation::Apply(patch) => match patch.as_ref() {
                Patch::Prf(patch) => super::apply_prf(file, patch),
                Patch::Reg(_) => Err(wrong_patch("a registry patch", "a .prf")),
            },
        }
    }
}

fn wrong_patch(patch: &str, file: &str) -> EditError {
    EditError::NoMatch(format!("{patch} cannot be applied to {file}"))
}
