//! Edits of a `.reg` file: the plan says which values to write and which
//! keys to delete, in which profile; [`reg::edit`] rewrites the lines.

use crate::input::RegInput;
use crate::model::join;
use crate::reg;

use super::plan::{Planned, plan};
use super::{EditError, Edited, Edits};

/// Apply `edits` to the `.reg` file `input`.
pub fn set_reg(input: &RegInput, edits: &Edits) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let planned = plan(&model, edits)?;
    let root = model.root.clone().unwrap_or_default();
    // the plan holds what the rewrite needs; a large file's model goes first
    drop(model);
    let text = rewrite(input, &root, &planned, &[])?;
    Ok(Edited {
        format: None,
        text,
        changes: planned.into_iter().map(|p| p.change).collect(),
    })
}

/// A key to delete: `(profile, path relative to it)`.
pub(super) type Deletion = (String, String);

/// The text of `input` with `planned` values written and `deletions` keys
/// (with their subkeys) replaced by `[-key]` lines; `root` is the profiles'
/// key.
pub(super) fn rewrite(
    input: &RegInput,
    root: &str,
    planned: &[Planned],
    deletions: &[Deletion],
) -> Result<String, EditError> {
    let mut changes = reg::edit::Changes::default();
    for p in planned {
        changes.set(join(root, &p.profile, &p.path), &p.value);
    }
    for (profile, path) in deletions {
        changes.delete_key(join(root, profile, path));
    }
    let text = reg::edit::apply(
        &input.text,
        &input.parsed.file,
        input.format.newline,
        &changes,
    )?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_reg;
    use crate::reg::{RegData, RegValue, ValueName, WriteError};

    #[test]
    fn a_value_that_cannot_be_written_keeps_its_cause() {
        let text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Profiles\\P\\K]\r\n\"x\"=\"1\"\r\n";
        let input = read_reg(text.as_bytes(), None).unwrap();
        let planned = Planned {
            profile: "P".into(),
            path: "K".into(),
            value: RegValue {
                name: ValueName::Named("x".into()),
                data: RegData::String("a\0[HKEY_LOCAL_MACHINE\\x]".into()),
            },
            change: String::new(),
        };
        let err = rewrite(&input, "HKEY_CURRENT_USER\\Profiles", &[planned], &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "string \"a\\0[HKEY_LOCAL_MACHINE\\\\x]\" contains a line break or NUL, which a .reg line cannot hold"
        );
        assert!(matches!(
            err,
            EditError::Write(WriteError::LineBreak { what: "string", .. })
        ));
    }
}
