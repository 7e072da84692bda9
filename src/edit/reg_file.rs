//! Edits of a `.reg` text through its lossless tree: a changed value's
//! lines are replaced by the value written as Regedit writes it; a created
//! value goes after the last line of its key (or into a new key at the end);
//! every other byte stays.

use crate::input::RegInput;
use crate::model::join;
use crate::reg::{ItemKind, normalise_path, write_value};

use super::plan::{Planned, plan};
use super::{EditError, Edited, Edits};

/// Apply `edits` to the `.reg` file `input`.
pub fn set_reg(input: &RegInput, edits: &Edits) -> Result<Edited, EditError> {
    let (model, _) = input.model();
    let planned = plan(&model, edits)?;
    let root = model.root.unwrap_or_default();
    let nl = input.format.newline.as_str();
    let full = |p: &Planned| normalise_path(&join(&root, &p.profile, &p.path)).to_ascii_lowercase();
    let text = &input.text;
    let mut replace: Vec<(usize, usize, String)> = Vec::new();
    let mut done = vec![false; planned.len()];
    let mut last_of_key: Vec<(String, usize)> = Vec::new();
    let mut key = String::new();
    for item in &input.parsed.file.items {
        match &item.kind {
            ItemKind::Key { path, delete } => {
                key = if *delete {
                    String::new()
                } else {
                    normalise_path(path).to_ascii_lowercase()
                };
            }
            ItemKind::Value(value) if !key.is_empty() => {
                for (i, p) in planned.iter().enumerate() {
                    if full(p) == key
                        && p.value
                            .name
                            .as_str()
                            .eq_ignore_ascii_case(value.name.as_str())
                    {
                        let mut line = String::new();
                        write_value(&mut line, &p.value, nl)
                            .map_err(|e| EditError::Write(e.to_string()))?;
                        replace.push((item.span.start, item.span.end, line));
                        done[i] = true;
                    }
                }
            }
            _ => {}
        }
        if !key.is_empty() && !matches!(item.kind, ItemKind::Blank | ItemKind::Comment) {
            match last_of_key.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = item.span.end,
                None => last_of_key.push((key.clone(), item.span.end)),
            }
        }
    }
    let mut appended = String::new();
    for (_, p) in planned.iter().enumerate().filter(|(i, _)| !done[*i]) {
        let mut line = String::new();
        write_value(&mut line, &p.value, nl).map_err(|e| EditError::Write(e.to_string()))?;
        match last_of_key.iter().find(|(k, _)| *k == full(p)) {
            Some((_, end)) => replace.push((*end, *end, line)),
            None => {
                appended.push_str(nl);
                appended.push_str(&format!("[{}]{nl}", join(&root, &p.profile, &p.path)));
                appended.push_str(&line);
            }
        }
    }
    replace.sort_by_key(|(start, _, _)| *start);
    let mut out = String::with_capacity(text.len() + appended.len() + 64);
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
    Ok(Edited {
        text: out,
        changes: planned.into_iter().map(|p| p.change).collect(),
    })
}
