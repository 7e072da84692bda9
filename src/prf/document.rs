//! A `.prf` file read as Outlook reads it: sections by name, case-insensitive,
//! and of repeated sections or keys the first one (Windows INI lookups
//! return the first occurrence; the PRF reference assumes Outlook does the
//! same). Repeats are reported, never silently merged.
//!
//! Comment lines shaped like an entry (`;TCPExchangePort=6001`) are kept
//! beside the section's entries as candidates for commented-out settings;
//! the meaning layer decides which of them name a known setting.

use std::collections::HashMap;

use crate::diag::{LineIndex, Warning};

use super::syntax::{LineKind, lines};

/// A `key=value` line with where it is; its key and value are borrowed
/// from the text of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'t> {
    /// The key as written (trimmed).
    pub key: &'t str,
    /// The value as written (trimmed).
    pub value: &'t str,
    /// Where the key starts.
    pub at: crate::diag::Location,
}

/// The effective content of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'t> {
    /// The name as first written.
    pub name: &'t str,
    /// Where the header is.
    pub at: crate::diag::Location,
    /// Entries in order, repeated keys left out (the first one counts).
    pub entries: Vec<Entry<'t>>,
    /// `;key=value` comment lines, in order.
    pub commented: Vec<Entry<'t>>,
}

impl<'t> Section<'t> {
    /// Free the spare room left by reading entries one by one.
    fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.commented.shrink_to_fit();
    }

    /// The value of `key`, matched without regard to case.
    pub fn get(&self, key: &str) -> Option<&'t str> {
        self.entries
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| e.value)
    }
}

/// The sections of a file in order, each name once, borrowing the file's
/// text: a large file is read into sections without a copy of its keys and
/// values, and without holding all its lines at once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document<'t> {
    /// Sections in order of first appearance.
    pub sections: Vec<Section<'t>>,
}

impl<'t> Document<'t> {
    /// Read the effective sections of the `.prf` text `text`, a line at a
    /// time, with a warning for each repeat that Outlook ignores.
    pub fn new(text: &'t str) -> (Document<'t>, Vec<Warning>) {
        let index = LineIndex::new(text);
        let mut doc = Document::default();
        let mut warnings = Vec::new();
        // each section's name (lower case) → its index in doc.sections, and
        // for each section its keys (lower case) → their index in its
        // entries: repeats are found without searching
        let mut sections: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<KeyIndex> = Vec::new();
        // index into doc.sections of the section being read; None before the
        // first header and inside an ignored repeat
        let mut current: Option<usize> = None;
        let mut ignoring = false;
        let locate = |offset: usize| index.locate(text, offset);
        for line in lines(text) {
            match line.kind {
                LineKind::Section { name_span } => {
                    let name = name_span.of(text);
                    let at = locate(name_span.start);
                    // the section before is complete: no spare room is kept
                    if let Some(done) = current.and_then(|i| doc.sections.get_mut(i)) {
                        done.shrink_to_fit();
                    }
                    let folded = name.to_ascii_lowercase();
                    match sections.get(&folded).copied() {
                        Some(first) => {
                            let first_at = doc.sections.get(first).map_or(0, |s| s.at.line);
                            warnings.push(Warning::at(
                                at,
                                format!(
                                    "section [{name}] appears again (first at line {first_at}); \
                                     Outlook reads the first one, this one is ignored"
                                ),
                            ));
                            current = None;
                            ignoring = true;
                        }
                        None => {
                            sections.insert(folded, doc.sections.len());
                            keys.push(KeyIndex::default());
                            doc.sections.push(Section {
                                name,
                                at,
                                entries: Vec::new(),
                                commented: Vec::new(),
                            });
                            current = Some(doc.sections.len().saturating_sub(1));
                            ignoring = false;
                        }
                    }
                }
                LineKind::Entry {
                    key_span,
                    value_span,
                } => {
                    let (key, value) = (key_span.of(text), value_span.of(text));
                    let at = locate(key_span.start);
                    let Some((section, keys)) =
                        current.and_then(|i| doc.sections.get_mut(i).zip(keys.get_mut(i)))
                    else {
                        if !ignoring {
                            warnings.push(
                                Warning::at(
                                    at,
                                    format!("{key}= is before any [section]; Outlook ignores it"),
                                )
                                .with(crate::diag::Effect::Ignored),
                            );
                        }
                        continue;
                    };
                    if let Some(first) = keys
                        .find(&section.entries, key)
                        .and_then(|i| section.entries.get(i))
                    {
                        let same = if first.value == value {
                            "the same value"
                        } else {
                            "a different value"
                        };
                        warnings.push(Warning::at(
                            at,
                            format!(
                                "{key}= appears again in [{}] with {same} (first at line {}); \
                                 Outlook uses the first one",
                                section.name, first.at.line
                            ),
                        ));
                        continue;
                    }
                    section.entries.push(Entry { key, value, at });
                    keys.added(&section.entries);
                }
                LineKind::Comment => {
                    let Some(section) = current.and_then(|i| doc.sections.get_mut(i)) else {
                        continue;
                    };
                    if let Some(entry) = commented_entry(line.span.of(text), line.span.start).map(
                        |(key, value, offset)| Entry {
                            key,
                            value,
                            at: locate(offset),
                        },
                    ) {
                        section.commented.push(entry);
                    }
                }
                LineKind::Blank | LineKind::Stray => {}
            }
        }
        if let Some(done) = current.and_then(|i| doc.sections.get_mut(i)) {
            done.shrink_to_fit();
        }
        doc.sections.shrink_to_fit();
        (doc, warnings)
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
struct KeyIndex(Option<HashMap<String, usize>>);

impl KeyIndex {
    /// Up to this many entries, a search.
    const SMALL: usize = 16;

    /// The entry of `entries` with key `key` (case-insensitive).
    fn find(&self, entries: &[Entry], key: &str) -> Option<usize> {
        match &self.0 {
            Some(map) => map.get(&key.to_ascii_lowercase()).copied(),
            None => entries.iter().position(|e| e.key.eq_ignore_ascii_case(key)),
        }
    }

    /// Note the last of `entries`, just added (its key is not among the others).
    fn added(&mut self, entries: &[Entry]) {
        match &mut self.0 {
            Some(map) => {
                if let Some(last) = entries.last() {
                    map.insert(
                        last.key.to_ascii_lowercase(),
                        entries.len().saturating_sub(1),
                    );
                }
            }
            None if entries.len() > Self::SMALL => {
                let map = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.to_ascii_lowercase(), i))
                    .collect();
                self.0 = Some(map);
            }
            None => {}
        }
    }
}

/// `;Key=Value` → key, value and the offset of the key. The key must look
/// like a friendly name: letters, digits, `_` and inner spaces.
fn commented_entry(line: &str, offset: usize) -> Option<(&str, &str, usize)> {
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
        assert_eq!(list.entries.len(), 2);
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
            .commented
            .iter()
            .map(|e| (e.key, e.value, e.at.line, e.at.column))
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
