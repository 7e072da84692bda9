//! The lint rules over a rewrite's result: the result is read back as its
//! own form and checked, and what it adds to the findings of the file as
//! it was is reported with the changes (a path moved onto a proxy host, a
//! host renamed to something `check` calls wrong).

use std::collections::HashMap;

use crate::check::{self, Finding};
use crate::format::Format;
use crate::input::{self, Document, ReadOptions};
use crate::text;

use crate::edit::{EditError, Edited};

/// The findings `edited` (the new text of `doc`) has that `doc` did not:
/// for each rule, those past the number the file had, first new ones
/// first. An error when the result does not read back.
pub fn new_findings(doc: &Document, edited: &Edited) -> Result<Vec<Finding>, EditError> {
    let (bytes, format, codepage) = match doc {
        Document::Reg(input) => (
            text::encode(&edited.text, &input.format).map_err(read_back)?,
            Format::Reg,
            Some(input.codepage),
        ),
        Document::Prf(input) => (
            text::encode(&edited.text, &input.format).map_err(read_back)?,
            Format::Prf,
            Some(input.source().codepage),
        ),
        Document::Model { from, .. } => (edited.text.clone().into_bytes(), *from, None),
    };
    let options = ReadOptions {
        codepage,
        ..ReadOptions::default()
    };
    let after = input::read(bytes, format, &options).map_err(EditError::ReadBack)?;
    let after = check::check(after, false)?;
    let before = check::check(doc.clone(), false)?;
    let mut had: HashMap<&str, usize> = HashMap::new();
    for finding in &before {
        let n = had.entry(finding.rule).or_default();
        *n = n.saturating_add(1);
    }
    let mut now: HashMap<&str, usize> = HashMap::new();
    for finding in &after {
        let n = now.entry(finding.rule).or_default();
        *n = n.saturating_add(1);
    }
    let mut out: Vec<Finding> = Vec::new();
    for (rule, count) in &now {
        let extra = count.saturating_sub(had.get(rule).copied().unwrap_or(0));
        if extra == 0 {
            continue;
        }
        let (fresh, same): (Vec<&Finding>, Vec<&Finding>) = after
            .iter()
            .filter(|f| f.rule == *rule)
            .partition(|f| !before.contains(f));
        out.extend(fresh.into_iter().chain(same).take(extra).cloned());
    }
    out.sort_by(|a, b| (&a.place, a.rule).cmp(&(&b.place, b.rule)));
    Ok(out)
}

fn read_back(e: text::TextError) -> EditError {
    EditError::ReadBack(input::InputError::from(e))
}
