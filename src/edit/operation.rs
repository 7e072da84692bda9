//! One edit over any document: `set`, `retarget` or `apply`, each sent to
//! the editor of the document's form.

use crate::format::Format;
use crate::input::{Document, Profiles};
use crate::model::Model;
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
    /// `fmt`: the file tidied, nothing else changed.
    Fmt(crate::fmt::FmtOptions),
    /// `rewrite`: paths, hosts, profile and account names migrated.
    Rewrite(Box<super::Rewrite>),
}

impl Operation {
    /// The new text of `doc` (in its own form) and what changed.
    pub fn edit(&self, doc: &Document) -> Result<Edited, EditError> {
        if let Operation::Fmt(options) = self {
            // every form, YAML included, is tidied as it is
            return tidy(doc, options);
        }
        match doc {
            Document::Reg(input) => match self {
                Operation::Set(edits) => super::set_reg(input, edits),
                Operation::Retarget(r) => super::retarget_reg(input, r),
                Operation::Apply(patch) => super::apply_reg(input, registry(patch, "a .reg file")?),
                Operation::Fmt(options) => tidy(doc, options),
                Operation::Rewrite(r) => super::rewrite_reg(input, r),
            },
            Document::Prf(input) => self.prf(input),
            Document::Model {
                from: Format::Yaml,
                profiles,
                ..
            } => match profiles {
                Profiles::Registry(model) => match self {
                    Operation::Set(edits) => super::set_yaml(model, edits),
                    Operation::Retarget(r) => super::retarget_yaml(model, r),
                    Operation::Apply(patch) => {
                        super::apply_yaml(model, registry(patch, "a registry document")?)
                    }
                    Operation::Fmt(options) => tidy(doc, options),
                    Operation::Rewrite(r) => super::rewrite_yaml(model, r),
                },
                Profiles::Prf(model) => super::via_prf(model, |file| self.prf(file)),
            },
            // edits keep a file's form, and mapiprof writes no other
            Document::Model { from, .. } => Err(EditError::NotWritten(*from)),
        }
    }

    fn prf(&self, file: &crate::input::PrfInput) -> Result<Edited, EditError> {
        match self {
            Operation::Set(edits) => super::set_prf(file, edits),
            Operation::Retarget(_) => Err(EditError::NoRegistryRoot),
            Operation::Fmt(options) => tidy(&Document::Prf(file.clone()), options),
            Operation::Rewrite(r) => super::rewrite_prf(file, r),
            Operation::Apply(patch) => match patch.as_ref() {
                Patch::Prf(patch) => super::apply_prf(file, patch),
                Patch::Reg(_) => Err(wrong_patch("a registry patch", "a .prf")),
            },
        }
    }
}

/// `doc` tidied; a change when its bytes would differ.
fn tidy(doc: &Document, options: &crate::fmt::FmtOptions) -> Result<Edited, EditError> {
    let formatted = crate::fmt::format(doc, options).map_err(|e| EditError::Format(Box::new(e)))?;
    let (text, format) = match doc {
        Document::Reg(input) => (input.text.as_str(), Some(input.format)),
        Document::Prf(input) => (input.text.as_str(), Some(input.format)),
        Document::Model { .. } => ("", None),
    };
    let same = text == formatted.text && format == Some(formatted.format);
    let mut changes = Vec::new();
    if !same {
        changes.push(match formatted.note {
            Some(note) => format!("formatting changes ({note})"),
            None => "formatting changes".to_owned(),
        });
    }
    Ok(Edited {
        text: formatted.text,
        changes,
        format: Some(formatted.format),
    })
}

/// The registry patch of `patch`, which is applied to `file`.
fn registry<'p>(patch: &'p Patch, file: &'static str) -> Result<&'p Model, EditError> {
    match patch {
        Patch::Reg(patch) => Ok(patch),
        Patch::Prf(_) => Err(wrong_patch("a .prf patch", file)),
    }
}

fn wrong_patch(patch: &'static str, file: &'static str) -> EditError {
    EditError::WrongPatch { patch, file }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{self, ReadOptions};

    #[test]
    fn a_form_mapiprof_does_not_write_is_not_edited() {
        let doc = input::read(
            b"mapiprof: 1\nprofiles: {}\n".as_slice(),
            Format::Yaml,
            &ReadOptions::default(),
        )
        .unwrap();
        let Document::Model { profiles, .. } = doc else {
            panic!("YAML reads into a model");
        };
        let set = Operation::Set(Edits {
            fix_proxy_port: true,
            ..Edits::default()
        });
        let yaml = Document::Model {
            from: Format::Yaml,
            profiles: profiles.clone(),
            warnings: Vec::new(),
        };
        assert!(set.edit(&yaml).is_ok());
        // as a reader of another form (an offline hive, say) would give it
        let other = Document::Model {
            from: Format::Reg,
            profiles,
            warnings: Vec::new(),
        };
        let err = set.edit(&other).unwrap_err();
        assert!(matches!(err, EditError::NotWritten(Format::Reg)), "{err}");
        let err = Operation::Fmt(crate::fmt::FmtOptions::default())
            .edit(&other)
            .unwrap_err();
        assert!(
            err.to_string().contains("does not write reg files"),
            "{err}"
        );
    }
}
