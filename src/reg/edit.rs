//! Edits of a `.reg` text through its lossless tree ([`File`]): a value's
//! lines are replaced by the value written as Regedit writes it, a new value
//! goes after the last line of its key (or into a new key at the end), a
//! deleted key's lines become one `[-key]` line, key lines are renamed; every
//! other byte (comments, blank lines, spacing, hand-split hex, line breaks)
//! stays as it was.
//!
//! This module says how lines change, not what to change: it knows key paths
//! and values, not profiles or properties. A key is named by its full path;
//! two paths name the same key when they agree after [`normalise_path`], and
//! two names the same value when they agree, case aside as the registry
//! sees it ([`name`]). Key
//! paths are written as given: keeping line breaks out of them is the
//! caller's business (values are checked, see [`WriteError`]).

use std::collections::HashMap;

use crate::text::Newline;

use super::document::{Block, normalise_path};
use super::name;
use super::tree::{File, Item, ItemKind};
use super::value::RegValue;
use super::write::{WriteError, write_value};

/// Values to write and keys to delete, made in one pass by [`apply`].
#[derive(Debug, Clone, Default)]
pub struct Changes<'v> {
    /// `(full key path, value)`, in order.
    values: Vec<(String, &'v RegValue)>,
    /// Full key paths, in order.
    deletions: Vec<String>,
}

impl<'v> Changes<'v> {
    /// Write `value` into key `key` (a full path, as a new `[key]` line
    /// names it): over every line of the key that sets a value of that name,
    /// else after the key's last line, else in a new key at the end of the
    /// text. A [`RegData::Delete`](super::RegData::Delete) value is written
    /// `"name"=-`.
    pub fn set(&mut self, key: impl Into<String>, value: &'v RegValue) -> &mut Self {
        self.values.push((key.into(), value));
        self
    }

    /// Delete key `key` (a full path, as the `[-key]` line names it) and its
    /// subkeys: the first line that opens the key or a subkey becomes
    /// `[-key]`, the other lines of the key and its subkeys go (the blank
    /// lines after the `[-key]` line stay); a text without the key gets the
    /// `[-key]` line at the end.
    pub fn delete_key(&mut self, key: impl Into<String>) -> &mut Self {
        self.deletions.push(key.into());
        self
    }
}

/// Make `changes` in `text` (parsed as `file`); lines written anew end with
/// `newline`. Fails when a value cannot be written (a line break in a name
/// or string).
///
/// # Example
///
/// ```
/// use mapiprof::reg::{self, RegData, RegValue, ValueName, edit};
/// use mapiprof::text::Newline;
///
/// let text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n; the port\r\n\"p\"=dword:1\r\n";
/// let parsed = reg::parse(text)?;
/// let port = RegValue {
///     name: ValueName::Named("P".into()),
///     data: RegData::Dword(2),
/// };
/// let mut changes = edit::Changes::default();
/// changes
///     .set("HKEY_CURRENT_USER\\A", &port)
///     .delete_key("HKEY_CURRENT_USER\\B");
/// assert_eq!(
///     edit::apply(text, &parsed.file, Newline::CrLf, &changes)?,
///     "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n; the port\r\n\"P\"=dword:00000002\r\n\r\n[-HKEY_CURRENT_USER\\B]\r\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply(
    text: &str,
    file: &File,
    newline: Newline,
    changes: &Changes<'_>,
) -> Result<String, WriteError> {
    let mut pass = Pass::new(text, newline.as_str(), changes);
    for item in &file.items {
        pass.item(item)?;
    }
    pass.finish()
}

/// What becomes of a value line in [`rewrite`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// It stays as it is.
    Keep,
    /// It is replaced by this value, written as Regedit writes it.
    Replace(RegValue),
    /// It goes.
    Remove,
}

/// Rewrite key paths and value lines in one pass over `text` (parsed as
/// `file`): a key line whose path (as written) `key` maps to a new path is
/// written anew as `[new]` (`[-new]` for a deletion) with its line break
/// (blanks before `[` and text after `]` do not stay); a value line under a key line that is not a deletion becomes what
/// `value` says, given that key's path as written. Every other line stays.
pub fn rewrite(
    text: &str,
    file: &File,
    newline: Newline,
    mut key: impl FnMut(&str) -> Option<String>,
    mut value: impl FnMut(&str, &RegValue) -> Line,
) -> Result<String, WriteError> {
    let nl = newline.as_str();
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..file.header.end).unwrap_or(""));
    let mut current: Option<&str> = None;
    for item in &file.items {
        let source = item.span.of(text);
        match &item.kind {
            ItemKind::Key { path, delete } => {
                current = (!delete).then_some(path.as_str());
                match key(path) {
                    Some(new) => push_key_line(&mut out, &new, *delete, line_break(source)),
                    None => out.push_str(source),
                }
            }
            ItemKind::Value(old) => match current.map_or(Line::Keep, |path| value(path, old)) {
                Line::Keep => out.push_str(source),
                Line::Replace(new) => write_value(&mut out, &new, nl)?,
                Line::Remove => {}
            },
            ItemKind::Unopened | ItemKind::Halt => {
                current = None;
                out.push_str(source);
            }
            ItemKind::Blank | ItemKind::Comment | ItemKind::Skipped => out.push_str(source),
        }
    }
    Ok(out)
}

/// Add `block` at the end of `text` after a blank line (and a line break
/// first when the text does not end with one), written as Regedit writes a
/// key.
pub fn append_key(text: &mut String, newline: Newline, block: &Block) -> Result<(), WriteError> {
    let nl = newline.as_str();
    end_line(text, nl);
    text.push_str(nl);
    push_key_line(text, &block.path, block.delete, nl);
    for value in &block.values {
        write_value(text, value, nl)?;
    }
    Ok(())
}

/// The walk of [`apply`] over a file's items.
struct Pass<'t> {
    text: &'t str,
    nl: &'static str,
    values: &'t [(String, &'t RegValue)],
    /// The values to write in each key, by [`key_id`].
    values_in: HashMap<String, Vec<usize>>,
    /// Which values were written over an existing line.
    written: Vec<bool>,
    /// `(key_id, path as given)` of each key to delete.
    deleted: Vec<(String, &'t str)>,
    /// The deletions of each key, by [`key_id`], in order.
    deletions_of: HashMap<String, Vec<usize>>,
    /// Which deletions have their `[-key]` line.
    announced: Vec<bool>,
    /// Where each key's last line (not blank, not a comment) ends.
    last_line: HashMap<String, usize>,
    /// `(start, end, new text)` of each changed range.
    splices: Vec<(usize, usize, String)>,
    /// The key the current line is in; `None` before any key and under a
    /// deletion.
    key: Option<String>,
    /// The current lines belong to a deleted key.
    dropping: bool,
    /// Blank lines go too (under a subkey or a repeat of a deleted key).
    drop_blanks: bool,
}

impl<'t> Pass<'t> {
    fn new(text: &'t str, nl: &'static str, changes: &'t Changes<'_>) -> Self {
        let mut values_in: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (key, _)) in changes.values.iter().enumerate() {
            values_in.entry(key_id(key)).or_default().push(i);
        }
        let deleted: Vec<(String, &str)> = changes
            .deletions
            .iter()
            .map(|key| (key_id(key), key.as_str()))
            .collect();
        let mut deletions_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (id, _)) in deleted.iter().enumerate() {
            deletions_of.entry(id.clone()).or_default().push(i);
        }
        Pass {
            text,
            nl,
            values: &changes.values,
            values_in,
            written: vec![false; changes.values.len()],
            announced: vec![false; deleted.len()],
            deleted,
            deletions_of,
            last_line: HashMap::new(),
            splices: Vec::new(),
            key: None,
            dropping: false,
            drop_blanks: false,
        }
    }

    fn item(&mut self, item: &Item) -> Result<(), WriteError> {
        if let ItemKind::Key { path, delete } = &item.kind {
            let id = key_id(path);
            self.dropping = false;
            if let Some(deletion) = self.deletion_over(&id) {
                self.key = None;
                self.drop_key(deletion, item);
                return Ok(());
            }
            self.key = (!delete).then_some(id);
        }
        if matches!(item.kind, ItemKind::Unopened | ItemKind::Halt) {
            self.key = None;
        }
        if self.dropping {
            if self.drop_blanks || !matches!(item.kind, ItemKind::Blank) {
                self.splices
                    .push((item.span.start, item.span.end, String::new()));
            }
            return Ok(());
        }
        if let ItemKind::Value(value) = &item.kind {
            self.replace(value, item)?;
        }
        if let Some(key) = &self.key
            && !matches!(item.kind, ItemKind::Blank | ItemKind::Comment)
        {
            match self.last_line.get_mut(key) {
                Some(end) => *end = item.span.end,
                None => {
                    self.last_line.insert(key.clone(), item.span.end);
                }
            }
        }
        Ok(())
    }

    /// The first deletion that key `id` is or lies under: looked up for
    /// the key and each key above it.
    fn deletion_over(&self, id: &str) -> Option<usize> {
        if self.deleted.is_empty() {
            return None;
        }
        name::key_and_parents(id)
            .filter_map(|key| self.deletions_of.get(key)?.first().copied())
            .min()
    }

    /// The key line `item` opens a key that deletion `index` takes away:
    /// the first such line becomes `[-key]`, later ones go.
    fn drop_key(&mut self, index: usize, item: &Item) {
        let Some((id, written)) = self.deleted.get(index) else {
            return;
        };
        let first = self.announced.get(index) == Some(&false);
        // the same key deleted twice has its [-key] line once
        for &other in self.deletions_of.get(id).into_iter().flatten() {
            if let Some(announced) = self.announced.get_mut(other) {
                *announced = true;
            }
        }
        self.dropping = true;
        // the blank lines after the [-key] line stay; those of its subkeys
        // go with them
        self.drop_blanks = !first;
        let mut line = String::new();
        if first {
            push_key_line(&mut line, written, true, self.nl);
        }
        self.splices.push((item.span.start, item.span.end, line));
    }

    /// Write the values set in the current key over the line of `value`
    /// when they have its name.
    fn replace(&mut self, value: &RegValue, item: &Item) -> Result<(), WriteError> {
        let Some(here) = self.key.as_ref().and_then(|key| self.values_in.get(key)) else {
            return Ok(());
        };
        for &i in here {
            let Some((_, new)) = self.values.get(i) else {
                continue;
            };
            if name::same(new.name.as_str(), value.name.as_str()) {
                let mut line = String::new();
                write_value(&mut line, new, self.nl)?;
                self.splices.push((item.span.start, item.span.end, line));
                if let Some(flag) = self.written.get_mut(i) {
                    *flag = true;
                }
            }
        }
        Ok(())
    }

    /// The values not written yet after their key's last line or in new
    /// keys at the end, the deletions not made yet at the end, and the text.
    fn finish(mut self) -> Result<String, WriteError> {
        let nl = self.nl;
        let mut appended = String::new();
        for ((key, value), _) in self
            .values
            .iter()
            .zip(&self.written)
            .filter(|(_, written)| !**written)
        {
            let mut line = String::new();
            write_value(&mut line, value, nl)?;
            match self.last_line.get(&key_id(key)) {
                Some(&end) => self.splices.push((end, end, line)),
                None => {
                    appended.push_str(nl);
                    push_key_line(&mut appended, key, false, nl);
                    appended.push_str(&line);
                }
            }
        }
        for ((_, written), _) in self
            .deleted
            .iter()
            .zip(&self.announced)
            .filter(|(_, announced)| !**announced)
        {
            appended.push_str(nl);
            push_key_line(&mut appended, written, true, nl);
        }
        self.splices.sort_by_key(|(start, _, _)| *start);
        let mut out = splice(self.text, &self.splices, appended.len());
        if !appended.is_empty() {
            end_line(&mut out, nl);
            out.push_str(&appended);
        }
        Ok(out)
    }
}

/// `text` with each `(start, end, new)` range (sorted by start) replaced.
fn splice(text: &str, splices: &[(usize, usize, String)], extra: usize) -> String {
    let mut out = String::with_capacity(text.len().saturating_add(extra));
    let mut at = 0;
    for (start, end, new) in splices {
        out.push_str(text.get(at..*start).unwrap_or(""));
        out.push_str(new);
        at = (*end).max(at);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// What names a key, whichever way its path is written.
fn key_id(path: &str) -> String {
    name::fold(&normalise_path(path))
}

/// `[path]` or `[-path]`, then `line_break`.
fn push_key_line(out: &mut String, path: &str, delete: bool, line_break: &str) {
    out.push('[');
    if delete {
        out.push('-');
    }
    out.push_str(path);
    out.push(']');
    out.push_str(line_break);
}

/// The line break that ends `line` (empty on a last line without one).
fn line_break(line: &str) -> &str {
    line.get(line.trim_end_matches(['\r', '\n']).len()..)
        .unwrap_or_default()
}

/// End `text` with a line break unless it is empty or ends with one.
fn end_line(text: &mut String, nl: &str) {
    if !text.is_empty() && !text.ends_with('\n') && !text.ends_with('\r') {
        text.push_str(nl);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reg::{RegData, parse};

    fn dword(name: &str, n: u32) -> RegValue {
        RegValue::named(name, RegData::Dword(n))
    }

    fn apply_to(text: &str, newline: Newline, changes: &Changes<'_>) -> String {
        let parsed = parse(text).unwrap();
        apply(text, &parsed.file, newline, changes).unwrap()
    }

    /// Changes that set each value in its key.
    fn setting<'v>(values: &[(&str, &'v RegValue)]) -> Changes<'v> {
        let mut changes = Changes::default();
        for (key, value) in values {
            changes.set(*key, value);
        }
        changes
    }

    const HEAD: &str = "Windows Registry Editor Version 5.00\r\n\r\n";

    #[test]
    fn a_value_is_replaced_and_every_other_byte_stays() {
        let text = format!(
            "{HEAD}; keep me\r\n[HKEY_CURRENT_USER\\A]\r\n  \"x\" = dword:1 ; old\r\n\"y\"=hex:01,\\\r\n   02\r\n;tail\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n\"x\"=\"b\"\r\n"
        );
        let new = dword("X", 2);
        let changes = setting(&[("hkey_current_user\\a", &new)]);
        assert_eq!(
            apply_to(&text, Newline::CrLf, &changes),
            format!(
                "{HEAD}; keep me\r\n[HKEY_CURRENT_USER\\A]\r\n\"X\"=dword:00000002\r\n\"y\"=hex:01,\\\r\n   02\r\n;tail\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n\"x\"=\"b\"\r\n"
            )
        );
    }

    #[test]
    fn a_continued_value_is_replaced_whole_and_new_lines_take_the_newline_given() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"h\"=hex:00,\\\n  01,\\\n  02\n\"n\"=dword:00000001\n";
        let short = RegValue::named("h", RegData::String("s".into()));
        let long = RegValue::named(
            "n",
            RegData::Hex {
                kind: 3,
                bytes: (0..30).collect(),
            },
        );
        let changes = setting(&[
            ("HKEY_CURRENT_USER\\A", &short),
            ("HKEY_CURRENT_USER\\A", &long),
        ]);
        assert_eq!(
            apply_to(text, Newline::Lf, &changes),
            "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"h\"=\"s\"\n\"n\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,16,\\\n  17,18,19,1a,1b,1c,1d\n"
        );
    }

    #[test]
    fn a_created_value_goes_after_the_last_line_of_the_key_before_comments() {
        let text = format!(
            "{HEAD}[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000001\r\n; about B\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n"
        );
        let new = dword("new", 7);
        let changes = setting(&[("HKEY_CURRENT_USER\\\\A\\", &new)]);
        assert_eq!(
            apply_to(&text, Newline::CrLf, &changes),
            format!(
                "{HEAD}[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000001\r\n\"new\"=dword:00000007\r\n; about B\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n"
            )
        );
    }

    #[test]
    fn a_value_of_a_key_the_text_lacks_goes_into_a_new_key_at_the_end() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"x\"=-";
        let new = dword("n", 1);
        let changes = setting(&[("HKEY_CURRENT_USER\\A\\New", &new)]);
        assert_eq!(
            apply_to(text, Newline::Lf, &changes),
            "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"x\"=-\n\n[HKEY_CURRENT_USER\\A\\New]\n\"n\"=dword:00000001\n"
        );
    }

    #[test]
    fn every_block_of_a_repeated_key_is_edited_and_new_values_follow_the_last() {
        let text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000001\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n\r\n[hkey_current_user\\a]\r\n\"X\"=dword:00000002\r\n\r\n";
        let x = dword("x", 9);
        let y = dword("y", 3);
        let mut changes = Changes::default();
        changes
            .set("HKEY_CURRENT_USER\\A", &x)
            .set("HKEY_CURRENT_USER\\A", &y);
        assert_eq!(
            apply_to(text, Newline::CrLf, &changes),
            "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000009\r\n\r\n[HKEY_CURRENT_USER\\B]\r\n\r\n[hkey_current_user\\a]\r\n\"x\"=dword:00000009\r\n\"y\"=dword:00000003\r\n\r\n"
        );
    }

    #[test]
    fn a_deleted_key_takes_its_subkeys_and_repeats_with_it() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"x\"=dword:00000001\n; gone too\n\n[HKEY_CURRENT_USER\\A\\Sub]\n\"y\"=\"1\"\n\n[HKEY_CURRENT_USER\\AB]\n\"z\"=\"2\"\n\n[-HKEY_CURRENT_USER\\a]\n\n[HKEY_CURRENT_USER\\C]\n";
        let mut changes = Changes::default();
        changes.delete_key("HKEY_CURRENT_USER\\A");
        assert_eq!(
            apply_to(text, Newline::Lf, &changes),
            "REGEDIT4\n\n[-HKEY_CURRENT_USER\\A]\n\n[HKEY_CURRENT_USER\\AB]\n\"z\"=\"2\"\n\n[HKEY_CURRENT_USER\\C]\n"
        );
    }

    #[test]
    fn a_key_the_text_lacks_is_deleted_at_the_end_after_new_keys() {
        let text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000001";
        let new = dword("n", 1);
        let mut changes = Changes::default();
        changes
            .delete_key("HKEY_CURRENT_USER\\Gone")
            .delete_key("hkey_current_user\\gone\\")
            .set("HKEY_CURRENT_USER\\New", &new);
        assert_eq!(
            apply_to(text, Newline::CrLf, &changes),
            "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:00000001\r\n\r\n[HKEY_CURRENT_USER\\New]\r\n\"n\"=dword:00000001\r\n\r\n[-HKEY_CURRENT_USER\\Gone]\r\n\r\n[-hkey_current_user\\gone\\]\r\n"
        );
    }

    #[test]
    fn values_before_any_key_or_under_a_deletion_are_not_the_key_s() {
        let text =
            "REGEDIT4\n\"x\"=dword:00000001\n[-HKEY_CURRENT_USER\\A]\n\"x\"=dword:00000001\n";
        let new = dword("x", 2);
        let changes = setting(&[("HKEY_CURRENT_USER\\A", &new)]);
        assert_eq!(
            apply_to(text, Newline::Lf, &changes),
            format!("{text}\n[HKEY_CURRENT_USER\\A]\n\"x\"=dword:00000002\n")
        );
    }

    #[test]
    fn a_value_that_cannot_be_written_is_an_error() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n";
        let parsed = parse(text).unwrap();
        let bad = RegValue::named("x", RegData::String("a\0b".into()));
        let changes = setting(&[("HKEY_CURRENT_USER\\A", &bad)]);
        assert!(matches!(
            apply(text, &parsed.file, Newline::Lf, &changes),
            Err(WriteError::LineBreak { what: "string", .. })
        ));
    }

    #[test]
    fn no_changes_give_the_text_back() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n junk\n\"x\"=dword:1";
        assert_eq!(apply_to(text, Newline::CrLf, &Changes::default()), text);
    }

    #[test]
    fn key_lines_are_renamed_keeping_their_line_breaks() {
        let text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Old]  ; note\r\n\"x\"=\"1\"\n[-hkey_current_user\\old\\Sub]\r\n; comment\r\n[HKEY_CURRENT_USER\\Other]";
        let parsed = parse(text).unwrap();
        let renamed = rewrite(
            text,
            &parsed.file,
            Newline::CrLf,
            |path| {
                path.get(18..)
                    .filter(|rest| rest.to_ascii_lowercase().starts_with("old"))
                    .map(|rest| format!("HKEY_CURRENT_USER\\New{}", rest.get(3..).unwrap_or("")))
            },
            |_, _| Line::Keep,
        )
        .unwrap();
        assert_eq!(
            renamed,
            "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\New]\r\n\"x\"=\"1\"\n[-HKEY_CURRENT_USER\\New\\Sub]\r\n; comment\r\n[HKEY_CURRENT_USER\\Other]"
        );
    }

    #[test]
    fn value_lines_are_kept_replaced_or_removed_as_asked() {
        let text = "REGEDIT4\n\"a\"=\"0\"\n[HKEY_CURRENT_USER\\K]\n\"a\"=\"1\"\n\"b\"=hex:01,\\\n  02\n\"c\"=\"3\"\n[-HKEY_CURRENT_USER\\D]\n\"a\"=\"4\"\n";
        let parsed = parse(text).unwrap();
        let mut seen = Vec::new();
        let out = rewrite(
            text,
            &parsed.file,
            Newline::CrLf,
            |_| None,
            |key, value| {
                seen.push(format!("{key}/{}", value.name));
                match value.name.as_str() {
                    "a" => Line::Replace(dword("a", 5)),
                    "b" => Line::Remove,
                    _ => Line::Keep,
                }
            },
        )
        .unwrap();
        assert_eq!(
            out,
            "REGEDIT4\n\"a\"=\"0\"\n[HKEY_CURRENT_USER\\K]\n\"a\"=dword:00000005\r\n\"c\"=\"3\"\n[-HKEY_CURRENT_USER\\D]\n\"a\"=\"4\"\n"
        );
        assert_eq!(
            seen,
            [
                "HKEY_CURRENT_USER\\K/a",
                "HKEY_CURRENT_USER\\K/b",
                "HKEY_CURRENT_USER\\K/c"
            ]
        );
    }

    #[test]
    fn an_appended_key_starts_on_a_line_of_its_own_after_a_blank_line() {
        let block = Block::key("HKEY_CURRENT_USER\\K", vec![dword("d", 1)]);
        let mut text = String::from("REGEDIT4\n\n[HKEY_CURRENT_USER\\A]");
        append_key(&mut text, Newline::Lf, &block).unwrap();
        assert_eq!(
            text,
            "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\n[HKEY_CURRENT_USER\\K]\n\"d\"=dword:00000001\n"
        );
        let mut text = String::from("REGEDIT4\r\n");
        append_key(&mut text, Newline::CrLf, &block).unwrap();
        assert_eq!(
            text,
            "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"d\"=dword:00000001\r\n"
        );
    }
}
