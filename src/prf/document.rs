//! A `.prf` file read as Outlook reads it: sections by name, case-insensitive,
//! and of repeated sections or keys the first one (Windows INI lookups
//! return the first occurrence; the PRF reference assumes Outlook does the
//! same). Repeats are reported, never silently merged.
//!
//! Comment lines shaped like an entry (`;TCPExchangePort=6001`) are kept
//! beside the section's entries as candidates for commented-out settings;
//! the meaning layer decides which of them name a known setting.
//!
//! A section holds only where its lines are: its entries are read from
//! them when asked for. Repeated sections are ignored whole, so the lines
//! of a section are the ones between its header and the next, and a large
//! file costs a few words per section rather than per line.

use std::collections::HashMap;

use crate::diag::{LineIndex, Location, Warning};

use super::folded::Folded;
use super::syntax::{LineKind, lines};

/// A `key=value` line; its key and value are borrowed from the text of the
/// file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'t> {
    /// The key as written (trimmed).
    pub key: &'t str,
    /// The value as written (trimmed).
    pub value: &'t str,
    /// Where the key starts: a byte offset into the file's text.
    pub offset: usize,
}

/// A section that counts (the first of its name): its name and lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section<'t> {
    /// The name as first written.
    pub name: &'t str,
    /// Where the name starts: a byte offset into the file's text.
    pub offset: usize,
    /// A `;` comment after the header's `]`, as written; empty when none.
    pub comment: &'t str,
    /// The lines after the header, up to the next header.
    body: &'t str,
    /// Where `body` starts in the file's text.
    body_offset: usize,
}

impl<'t> Section<'t> {
    /// The entries in order, repeated keys left out (the first one counts).
    pub fn entries(&self) -> Vec<Entry<'t>> {
        let mut out = Vec::new();
        let mut keys = KeyIndex::default();
        for entry in self.lines(Kind::Active) {
            if keys.find(&out, entry.key).is_none() {
                out.push(entry);
                keys.added(&out);
            }
        }
        out
    }

    /// The `;key=value` comment lines, in order.
    pub fn commented(&self) -> Vec<Entry<'t>> {
        self.lines(Kind::Commented).collect()
    }

    /// The lines of the section that are no entry: comments (commented-out
    /// settings among them) and lines Outlook skips, as written, without
    /// their line breaks. A comment after the header comes first.
    pub fn others(&self) -> Vec<&'t str> {
        let mut out = other_lines(self.body, false);
        if !self.comment.is_empty() {
            out.insert(0, self.comment);
        }
        out
    }

    /// The value of `key`, matched without regard to case.
    pub fn get(&self, key: &str) -> Option<&'t str> {
        self.lines(Kind::Active)
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| e.value)
    }

    /// The entries or commented entries of the section's lines, repeats
    /// included.
    fn lines(&self, kind: Kind) -> impl Iterator<Item = Entry<'t>> + use<'t> {
        let (body, base) = (self.body, self.body_offset);
        lines(body).filter_map(move |line| match (&line.kind, kind) {
            (
                LineKind::Entry {
                    key_span,
                    value_span,
                },
                Kind::Active,
            ) => Some(Entry {
                key: key_span.of(body),
                value: value_span.of(body),
                offset: base.saturating_add(key_span.start),
            }),
            (LineKind::Comment, Kind::Commented) => {
                commented_entry(line.span.of(body), line.span.start).map(|(key, value, at)| Entry {
                    key,
                    value,
                    offset: base.saturating_add(at),
                })
            }
            _ => None,
        })
    }
}

/// Which lines of a section to read as entries.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Active,
    Commented,
}

/// The sections of a file in order, each name once, borrowing the file's
/// text.
#[derive(Debug, Clone, Default)]
pub struct Document<'t> {
    /// Sections in order of first appearance.
    pub sections: Vec<Section<'t>>,
    /// The text the sections borrow.
    text: &'t str,
    /// Its lines, for locating an offset.
    index: LineIndex,
}

impl<'t> Document<'t> {
    /// Read the effective sections of the `.prf` text `text`, a line at a
    /// time, with a warning for each repeat that Outlook ignores.
    pub fn new(text: &'t str) -> (Document<'t>, Vec<Warning>) {
        let mut doc = Document {
            sections: Vec::new(),
            text,
            index: LineIndex::new(text),
        };
        let mut warnings = Vec::new();
        // each section's name → its index in doc.sections
        let mut sections: HashMap<Folded<'t>, usize> = HashMap::new();
        // the entries of the section being read, to find a repeated key;
        // None before the first header and inside an ignored repeat
        let mut current: Option<(usize, Vec<Entry<'t>>, KeyIndex)> = None;
        let mut ignoring = false;
        for line in lines(text) {
            match line.kind {
                LineKind::Section { name_span } => {
                    let name = name_span.of(text);
                    if let Some((i, ..)) = current.take() {
                        doc.end_section(i, line.span.start);
                    }
                    if let Some(first) = sections.get(&Folded(name)).copied() {
                        let first_at = doc
                            .sections
                            .get(first)
                            .map_or(0, |s| doc.locate(s.offset).line);
                        warnings.push(Warning::at(
                            doc.locate(name_span.start),
                            format!(
                                "section [{name}] appears again (first at line {first_at}); \
                                 Outlook reads the first one, this one is ignored"
                            ),
                        ));
                        ignoring = true;
                    } else {
                        sections.insert(Folded(name), doc.sections.len());
                        current = Some((doc.sections.len(), Vec::new(), KeyIndex::default()));
                        let header = line.span.of(text).trim_end_matches(['\r', '\n']);
                        let comment = header
                            .get(name_span.end.saturating_sub(line.span.start)..)
                            .and_then(|after| after.split_once(']'))
                            .map_or("", |(_, rest)| rest.trim_matches([' ', '\t']));
                        doc.sections.push(Section {
                            name,
                            offset: name_span.start,
                            comment,
                            body: "",
                            body_offset: line.span.end,
                        });
                        ignoring = false;
                    }
                }
                LineKind::Entry {
                    key_span,
                    value_span,
                } => {
                    let entry = Entry {
                        key: key_span.of(text),
                        value: value_span.of(text),
                        offset: key_span.start,
                    };
                    let Some((i, entries, keys)) = current.as_mut() else {
                        if !ignoring {
                            warnings.push(
                                Warning::at(
                                    doc.locate(entry.offset),
                                    format!(
                                        "{}= is before any [section]; Outlook ignores it",
                                        entry.key
                                    ),
                                )
                                .with(crate::diag::Effect::Ignored),
                            );
                        }
                        continue;
                    };
                    match keys.find(entries, entry.key).and_then(|f| entries.get(f)) {
                        Some(first) => {
                            let same = if first.value == entry.value {
                                "the same value"
                            } else {
                                "a different value"
                            };
                            let section = doc.sections.get(*i).map_or("", |s| s.name);
                            warnings.push(Warning::at(
                                doc.locate(entry.offset),
                                format!(
                                    "{}= appears again in [{section}] with {same} (first at line {}); \
                                     Outlook uses the first one",
                                    entry.key,
                                    doc.locate(first.offset).line
                                ),
                            ));
                        }
                        None => {
                            entries.push(entry);
                            keys.added(entries);
                        }
                    }
                }
                LineKind::Comment | LineKind::Blank | LineKind::Stray => {}
            }
        }
        if let Some((i, ..)) = current.take() {
            doc.end_section(i, text.len());
        }
        doc.sections.shrink_to_fit();
        (doc, warnings)
    }

    /// Section `i` runs to byte `end` of the text.
    fn end_section(&mut self, i: usize, end: usize) {
        let text = self.text;
        if let Some(section) = self.sections.get_mut(i) {
            section.body = text.get(section.body_offset..end).unwrap_or_default();
        }
    }

    /// The lines before the first section that are not blank (comments,
    /// and lines Outlook skips, entries among them), as written.
    pub fn head(&self) -> Vec<&'t str> {
        let end = self.sections.first().map_or(self.text.len(), |s| {
            // the header line starts where the name's line starts
            let before = self.text.get(..s.offset).unwrap_or_default();
            before
                .rfind(['\r', '\n'])
                .map_or(0, |i| i.saturating_add(1))
        });
        other_lines(self.text.get(..end).unwrap_or_default(), true)
    }

    /// The line and column of byte `offset` of the text.
    pub fn locate(&self, offset: usize) -> Location {
        self.index.locate(self.text, offset)
    }

    /// The index of the section called `name` (case-insensitive).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The section called `name` (case-insensitive).
    pub fn section(&self, name: &str) -> Option<&Section<'t>> {
        self.position(name).and_then(|i| self.sections.get(i))
    }
}

/// The keys of one section, to find a repeat: a search of the few entries
/// most sections have, a map once there are many, so that a section of
/// many entries is read in time in proportion to them.
#[derive(Default)]
struct KeyIndex<'t>(Option<HashMap<Folded<'t>, usize>>);

impl<'t> KeyIndex<'t> {
    /// Up to this many entries, a search.
    const SMALL: usize = 16;

    /// The entry of `entries` with key `key` (case-insensitive).
    fn find(&self, entries: &[Entry<'t>], key: &str) -> Option<usize> {
        match &self.0 {
            Some(map) => map.get(&Folded(key)).copied(),
            None => entries.iter().position(|e| e.key.eq_ignore_ascii_case(key)),
        }
    }

    /// Note the last of `entries`, just added (its key is not among the others).
    fn added(&mut self, entries: &[Entry<'t>]) {
        match &mut self.0 {
            Some(map) => {
                if let Some(last) = entries.last() {
                    map.insert(Folded(last.key), entries.len().saturating_sub(1));
                }
            }
            None if entries.len() > Self::SMALL => {
                let map = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Folded(e.key), i))
                    .collect();
                self.0 = Some(map);
            }
            None => {}
        }
    }
}

/// The lines of `text` that are comments or lines Outlook skips (and with
/// `entries`, entries too), as written, without their line breaks.
fn other_lines(text: &str, entries: bool) -> Vec<&str> {
    lines(text)
        .filter(|line| match line.kind {
            LineKind::Comment | LineKind::Stray => true,
            LineKind::Entry { .. } => entries,
            LineKind::Blank | LineKind::Section { .. } => false,
        })
        .map(|line| line.span.of(text).trim_end_matches(['\r', '\n']))
        .collect()
}

/// `;Key=Value` → key, value and the offset of the key. The key must look
/// like a friendly name: letters, digits, `_` and inner spaces.
pub(super) fn commented_entry(line: &str, offset: usize) -> Option<(&str, &str, usize)> {
    let body = line.trim_end_matches(['\r', '\n']);
    let lead = leading_blanks(body);
    let after = body.get(lead..)?.strip_prefix(';')?;
    let (key, value) = after.split_once('=')?;
    let key_lead = leading_blanks(key);
    let key = key.trim_matches([' ', '\t']);
    let friendly = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ');
    if !friendly {
        return None;
    }
    Some((
        key,
        value.trim_matches([' ', '\t']),
        offset
            .saturating_add(lead)
            .saturating_add(1)
            .saturating_add(key_lead),
    ))
}

/// How many spaces and tabs `text` starts with.
fn leading_blanks(text: &str) -> usize {
    text.len()
        .saturating_sub(text.trim_start_matches([' ', '\t']).len())
}

#[cfg(test)]
mod tests {
    use super::*;
    fn doc(text: &str) -> (Document<'_>, Vec<Warning>) {
        Document::new(text)
    }

    #[test]
    fn the_first_of_repeated_keys_counts_and_the_repeat_is_reported() {
        let text = "[Service List]\nServiceEGS=Exchange Global Section\n\
                    Service1=Microsoft Exchange Server\nserviceegs=Other\n";
        let (d, warnings) = doc(text);
        let list = d.section("service list").unwrap();
        assert_eq!(list.entries().len(), 2);
        assert_eq!(list.get("SERVICEEGS"), Some("Exchange Global Section"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "4:1: serviceegs= appears again in [Service List] with a different value \
             (first at line 2); Outlook uses the first one"
        );
    }

    #[test]
    fn a_repeated_section_is_ignored_whole() {
        let (d, warnings) = doc("[A]\nx=1\n[B]\n[a]\nx=2\ny=3\n");
        assert_eq!(d.sections.len(), 2);
        let a = d.section("A").unwrap();
        assert_eq!(a.get("x"), Some("1"));
        assert_eq!(a.get("y"), None);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("4:2: section [a] appears again")
        );
    }

    #[test]
    fn commented_entries_are_collected_with_their_place() {
        let (d, _) = doc(
            "[ServiceEGS]\n;TCPExchangePort=6001\n; Section 1 - x\n;-- y=z\n  ; Connection Type = 3\n",
        );
        let s = d.section("ServiceEGS").unwrap();
        let keys: Vec<(&str, &str, usize, usize)> = s
            .commented()
            .iter()
            .map(|e| {
                let at = d.locate(e.offset);
                (e.key, e.value, at.line, at.column)
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("TCPExchangePort", "6001", 2, 2),
                ("Connection Type", "3", 5, 5)
            ]
        );
    }

    #[test]
    fn an_entry_before_any_section_is_reported() {
        let (d, warnings) = doc("Custom=1\n[General]\n");
        assert_eq!(d.sections.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "1:1: Custom= is before any [section]; Outlook ignores it"
        );
    }
}
