//! Locations and warnings shared by every format reader.
//!
//! A [`Span`] is a byte range in decoded text; a [`LineIndex`] turns a byte
//! offset into the 1-based line and column that people see in an editor.
//! Readers collect [`Warning`]s for what Regedit or Outlook would skip; this
//! module never prints anything.

use std::fmt;

/// A byte range `start..end` in a decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and column (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Start offsets of every line of a text, for turning offsets into
/// locations. Built on the first lookup: most files are read without a
/// single warning, and then the index costs nothing.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: std::sync::OnceLock<Vec<usize>>,
}

impl LineIndex {
    /// An index of the lines of `text`, built when a location is first
    /// asked for; CRLF, LF and a lone CR all end a line.
    pub fn new(_text: &str) -> Self {
        LineIndex::default()
    }

    fn starts(text: &str) -> Vec<usize> {
        let mut starts = vec![0];
        let mut after_cr = false;
        for (i, b) in text.bytes().enumerate() {
            let next = i.saturating_add(1);
            match b {
                // CRLF: the line starts after the LF, not between the two
                b'\n' if after_cr => {
                    if let Some(last) = starts.last_mut() {
                        *last = next;
                    }
                }
                b'\r' | b'\n' => starts.push(next),
                _ => {}
            }
            after_cr = b == b'\r';
        }
        starts
    }

    /// The line and column of byte `offset` in `text` (the text the index
    /// was made for).
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let starts = self.starts.get_or_init(|| LineIndex::starts(text));
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |s| s.chars().count().saturating_add(1));
        Location { line, column }
    }
}

/// The end of the line starting at byte `start` of `text` and the start of
/// the next line: after its CRLF, LF or lone CR, or the end of the text.
pub fn line_bounds(text: &str, start: usize) -> (usize, usize) {
    let rest = text.as_bytes().get(start..).unwrap_or_default();
    match rest.iter().position(|&b| b == b'\r' || b == b'\n') {
        None => {
            let end = text.len().max(start);
            (end, end)
        }
        Some(n) => {
            let end = start.saturating_add(n);
            let crlf = rest.get(n) == Some(&b'\r') && rest.get(n.saturating_add(1)) == Some(&b'\n');
            (end, end.saturating_add(if crlf { 2 } else { 1 }))
        }
    }
}

/// Something a reader skipped or tolerated, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the input, when the warning belongs to a place.
    pub location: Option<Location>,
    /// What happened and what the reader did about it.
    pub message: String,
    /// What it does to the import, for `check`.
    pub effect: Effect,
}

/// What an oddity a reader met does to what Regedit or Outlook imports;
/// `check` reports each kind under a rule of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effect {
    /// Something written is ignored: a line, a value, a key.
    Ignored,
    /// A value is set twice in a key; the later one is kept.
    SetTwice,
    /// Something is read otherwise than it is written: a one-digit byte,
    /// an unknown escape, a NUL added, text in the ANSI code page.
    ReadOtherwise,
    /// A key named again: what follows goes into the same key.
    Repeated,
    /// A hive damaged where it was read: some keys or values may be
    /// missing.
    Damaged,
    /// A hive left in the middle of a write whose transaction logs were
    /// not there to bring it up to date: values may be stale.
    Stale,
    /// Nothing the import sees: layout, the YAML form.
    #[default]
    Other,
    /// Not a problem at all: a choice mapiprof made for the user (which
    /// Outlook version a file is written for, and why), said so that it is
    /// not made silently. Shown as a note; `--strict` does not count it.
    Note,
}

impl Warning {
    /// A note about the input as a whole (see [`Effect::Note`]).
    pub fn note(message: impl Into<String>) -> Self {
        Warning::general(message).with(Effect::Note)
    }

    /// Whether this is only a note.
    pub fn is_note(&self) -> bool {
        self.effect == Effect::Note
    }

    /// A warning at `location`.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Warning {
            location: Some(location),
            message: message.into(),
            effect: Effect::Other,
        }
    }

    /// A warning about the input as a whole.
    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            location: None,
            message: message.into(),
            effect: Effect::Other,
        }
    }

    /// The same warning, saying what it does to the import.
    #[must_use]
    pub fn with(self, effect: Effect) -> Self {
        Warning { effect, ..self }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_for_every_newline_style() {
        let text = "a\r\nbc\nd\re";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), Location { line: 1, column: 1 });
        assert_eq!(index.locate(text, 4), Location { line: 2, column: 2 });
        assert_eq!(index.locate(text, 6), Location { line: 3, column: 1 });
        assert_eq!(index.locate(text, 8), Location { line: 4, column: 1 });
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "äöü=x";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 6).column, 4);
    }
}
