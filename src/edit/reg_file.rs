//! Edits of a `.reg` text through its lossless tree: a changed value's
//! lines are replaced by the value written as Regedit writes it; a created
//! value goes after the last line of its key (or into a new key at the end);
//! a deleted key's lines become one `[-key]` line; every other byte stays.

use std::collections::HashMap;

use crate::input::RegInput;
use crate::model::join;
use crate::reg::{ItemKind, normalise_path, write_value};

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
        text,
        changes: planned.into_iter().map(|p| p.change).collect(),
    })
}

/// A key to delete: `(profile, path relative to it)`.
pub(super) type Deletion = (String, String);

/// The text of `input` with `planned` values written and `deletions` keys
/// (with their subkeys) replaced by `[-key]` lines.
pub(super) fn rewrite(
    input: &RegInput,
    root: &str,
    planned: &[Planned],
    deletions: &[Deletion],
) -> Result<String, EditError> {
    let nl = input.format.newline.as_str();
    let full =
        |profile: &str, path: &str| normalise_path(&join(root, profile, path)).to_ascii_lowercase();
    let deleted: Vec<(String, String)> = deletions
        .iter()
        .map(|(profile, path)| (full(profile, path), join(root, profile, path)))
        .collect();
    let under = |key: &str| {
        deleted.iter().find(|(d, _)| {
            key.strip_prefix(d.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('\\'))
        })
    };
    // the planned values of each key (lowercase full path)
    let mut planned_in: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in planned.iter().enumerate() {
        planned_in
            .entry(full(&p.profile, &p.path))
            .or_default()
            .push(i);
    }
    let text = &input.text;
    let mut replace: Vec<(usize, usize, String)> = Vec::new();
    let mut done = vec![false; planned.len()];
    let mut announced: Vec<&str> = Vec::new();
    // where each key's last line ends, for values created in it
    let mut last_of_key: HashMap<String, usize> = HashMap::new();
    let mut key = String::new();
    let mut dropping = false;
    let mut drop_blanks = false;
    for item in &input.parsed.file.items {
        if let ItemKind::Key { path, delete } = &item.kind {
            key = if *delete {
                String::new()
            } else {
                normalise_path(path).to_ascii_lowercase()
            };
            dropping = false;
            if let Some((d, written)) = under(&normalise_path(path).to_ascii_lowercase()) {
                dropping = true;
                let first = !announced.contains(&d.as_str());
                announced.push(d);
                // the blank line after the [-key] line stays; those of its
                // subkeys go with them
                drop_blanks = !first;
                let line = if first {
                    format!("[-{written}]{nl}")
                } else {
                    String::new()
                };
                replace.push((item.span.start, item.span.end, line));
                continue;
            }
        }
        if dropping {
            if drop_blanks || !matches!(item.kind, ItemKind::Blank) {
                replace.push((item.span.start, item.span.end, String::new()));
            }
            continue;
        }
        if let (ItemKind::Value(value), Some(here)) = (&item.kind, planned_in.get(&key)) {
            for &i in here {
                let Some(p) = planned.get(i) else { continue };
                if p.value
                    .name
                    .as_str()
                    .eq_ignore_ascii_case(value.name.as_str())
                {
                    let mut line = String::new();
                    write_value(&mut line, &p.value, nl)
                        .map_err(|e| EditError::Write(e.to_string()))?;
                    replace.push((item.span.start, item.span.end, line));
                    if let Some(flag) = done.get_mut(i) {
                        *flag = true;
                    }
                }
            }
        }
        if !key.is_empty() && !matches!(item.kind, ItemKind::Blank | ItemKind::Comment) {
            match last_of_key.get_mut(&key) {
                Some(end) => *end = item.span.end,
                None => {
                    last_of_key.insert(key.clone(), item.span.end);
                }
            }
        }
    }
    let mut appended = String::new();
    for (p, _) in planned.iter().zip(&done).filter(|(_, done)| !**done) {
        let mut line = String::new();
        write_value(&mut line, &p.value, nl).map_err(|e| EditError::Write(e.to_string()))?;
        match last_of_key.get(&full(&p.profile, &p.path)) {
            Some(end) => replace.push((*end, *end, line)),
            None => {
                appended.push_str(&format!(
                    "{nl}[{}]{nl}{line}",
                    join(root, &p.profile, &p.path)
                ));
            }
        }
    }
    for (d, written) in &deleted {
        if !announced.contains(&d.as_str()) {
            appended.push_str(&format!("{nl}[-{written}]{nl}"));
        }
    }
    replace.sort_by_key(|(start, _, _)| *start);
    let mut out = String::with_capacity(text.len().saturating_add(appended.len()));
    let mut at = 0;
    for (start, end, line) in &replace {
        out.push_str(text.get(at..*start).unwrap_or(""));
        out.push_str(line);
        at = (*end).max(at);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    if !appended.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') && !out.ends_with('\r') {
            out.push_str(nl);
        }
        out.push_str(&appended);
    }
    Ok(out)
}
