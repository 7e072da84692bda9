//! The `.reg` grammar as Regedit reads it, line by line: what it imports,
//! what it ignores, and which lines a broken value takes with it. The rules
//! and their evidence (Wine's conformance tests, which also run on Windows,
//! and where those are silent, Wine's importer) are listed in
//! `docs/regedit.md`.
//!
//! A line Regedit would skip becomes an [`ItemKind::Skipped`] item and a
//! warning with its line and column that says what Regedit does; only a
//! file Regedit would import nothing from is an error.

use thiserror::Error;

use crate::diag::{Effect, LineIndex, Location, Span, Warning, line_bounds};

use super::document::Format;
use super::import::is_string_kind;
use super::tree::{File, Item, ItemKind};
use super::value::{RegData, RegValue, ValueName, kind};

/// A parsed file and what the parser tolerated.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The lossless tree.
    pub file: File,
    /// Lines and values Regedit would skip, and other oddities.
    pub warnings: Vec<Warning>,
    /// Line index of the parsed text, for turning offsets into locations.
    pub lines: LineIndex,
}

/// Why a text is not a `.reg` file Regedit would import anything from.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// The first line is not a known header, e.g. an INI file or a `.prf`.
    #[error(
        "{location}: not a .reg file: the first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\""
    )]
    Header {
        /// Where the header was expected (always 1:1).
        location: Location,
    },
    /// The header line has more after the header: Regedit then imports
    /// nothing from the file.
    #[error(
        "{location}: the header line goes on after \"{header}\"; Regedit imports nothing from such a file (only blanks may come before the header, nothing after it)"
    )]
    HeaderText {
        /// Where the extra text starts.
        location: Location,
        /// The header it follows.
        header: &'static str,
    },
}

/// The key roots Regedit knows, in full (it refuses `HKCU` and the like).
pub const ROOTS: [&str; 6] = [
    "HKEY_LOCAL_MACHINE",
    "HKEY_USERS",
    "HKEY_CLASSES_ROOT",
    "HKEY_CURRENT_CONFIG",
    "HKEY_CURRENT_USER",
    "HKEY_DYN_DATA",
];

/// The longest key name the registry accepts, in UTF-16 units.
const MAX_KEY_NAME: usize = 255;

/// The longest value name the registry accepts, in UTF-16 units.
const MAX_VALUE_NAME: usize = 16_383;

/// Parse the text of a `.reg` file.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let lines = LineIndex::new(text);
    let (format, header_end) = header(text, &lines)?;
    let mut parser = LineParser {
        text,
        lines: &lines,
        format,
        items: Vec::new(),
        warnings: Vec::new(),
        halted: false,
    };
    let mut pos = header_end;
    while pos < text.len() {
        pos = parser.item(pos);
    }
    let LineParser {
        items, warnings, ..
    } = parser;
    Ok(Parsed {
        file: File {
            format,
            header: Span::new(0, header_end),
            items,
        },
        warnings,
        lines,
    })
}

/// The header line: its format and where the next line starts. Blanks may
/// come before the header, nothing after it.
fn header(text: &str, lines: &LineIndex) -> Result<(Format, usize), ParseError> {
    let (content_end, next) = line_bounds(text, 0);
    let line = text.get(..content_end).unwrap_or("");
    let trimmed = skip_blanks(line);
    for format in [Format::Regedit5, Format::Regedit4] {
        let Some(tail) = trimmed.strip_prefix(format.header()) else {
            continue;
        };
        if tail.is_empty() {
            return Ok((format, next));
        }
        return Err(ParseError::HeaderText {
            location: lines.locate(text, content_end.saturating_sub(tail.len())),
            header: format.header(),
        });
    }
    Err(ParseError::Header {
        location: Location { line: 1, column: 1 },
    })
}

struct LineParser<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    format: Format,
    items: Vec<Item>,
    warnings: Vec<Warning>,
    /// Regedit stopped the import above: the lines below are kept, and
    /// nothing is said about them.
    halted: bool,
}

impl<'t> LineParser<'t> {
    /// Parse the item starting at line start `pos`; return where the next begins.
    fn item(&mut self, pos: usize) -> usize {
        let (content_end, next) = line_bounds(self.text, pos);
        let line = self.text.get(pos..content_end).unwrap_or("");
        let trimmed = skip_blanks(line);
        let start = content_end.saturating_sub(trimmed.len());
        let (kind, end) = match trimmed.as_bytes().first() {
            None => (ItemKind::Blank, next),
            Some(b';' | b'#') => (ItemKind::Comment, next),
            Some(b'[') => (self.key(start, trimmed), next),
            Some(b'"' | b'@') => self.value(start, trimmed, next),
            Some(_) => {
                self.warn(
                    start,
                    "not a key, value or comment; Regedit ignores this line",
                );
                (ItemKind::Skipped, next)
            }
        };
        self.halted |= kind == ItemKind::Halt;
        self.items.push(Item {
            span: Span::new(pos, end),
            kind,
        });
        end
    }

    /// A line starting with `[`.
    fn key(&mut self, start: usize, line: &str) -> ItemKind {
        let inner = line.get(1..).unwrap_or("");
        if inner.starts_with([' ', '\t']) {
            self.warn(
                start,
                "a blank after '[': Regedit ignores this line, and the values below it go on into the key above",
            );
            return ItemKind::Skipped;
        }
        let Some(close) = inner.rfind(']') else {
            self.warn(
                start,
                "missing ']': Regedit ignores this line, and the values below it go on into the key above",
            );
            return ItemKind::Skipped;
        };
        let path = inner.get(..close).unwrap_or("");
        let tail = skip_blanks(inner.get(close.saturating_add(1)..).unwrap_or(""));
        if !tail.is_empty() {
            let at = start.saturating_add(line.len().saturating_sub(tail.len()));
            self.warn(
                at,
                "text after the last ']' is not part of the key name; Regedit ignores it",
            );
        }
        let at = start.saturating_add(1);
        if let Some(deleted) = path.strip_prefix('-') {
            return self.deletion(at, deleted);
        }
        match check_key(path) {
            Ok(()) => ItemKind::Key {
                path: path.to_owned(),
                delete: false,
            },
            Err(why) => {
                self.warn(
                    at,
                    format!(
                        "{why}: Regedit cannot open this key, and the values below it go nowhere"
                    ),
                );
                ItemKind::Unopened
            }
        }
    }

    /// `[-path]`: Regedit closes the open key, then deletes `path` when it
    /// starts with `H`, and stops the whole import when that path is not one
    /// it can delete.
    fn deletion(&mut self, at: usize, path: &str) -> ItemKind {
        if !path.starts_with(['H', 'h']) {
            self.warn(
                at,
                "Regedit deletes nothing here (a deletion names a key from its root, with no blank after '-'), and the values below it go nowhere",
            );
            return ItemKind::Unopened;
        }
        if path
            .split_once('\\')
            .is_some_and(|(_, rest)| rest.starts_with('\\'))
            && check_root(path).is_ok()
        {
            self.warn(
                at,
                "a second backslash right after the root: Regedit deletes nothing here, and the values below it go nowhere",
            );
            return ItemKind::Unopened;
        }
        let below_root = path
            .split_once('\\')
            .is_some_and(|(_, rest)| !rest.is_empty());
        match check_root(path) {
            Ok(()) if below_root => ItemKind::Key {
                path: path.to_owned(),
                delete: true,
            },
            Ok(()) => {
                self.warn(
                    at,
                    "a root cannot be deleted: Regedit stops the import here, and nothing below this line is imported",
                );
                ItemKind::Halt
            }
            Err(why) => {
                self.warn(
                    at,
                    format!("{why}: Regedit stops the import here, and nothing below this line is imported"),
                );
                ItemKind::Halt
            }
        }
    }

    /// A line starting with `"` or `@`, and the hex lines it continues onto.
    fn value(&mut self, start: usize, line: &str, next: usize) -> (ItemKind, usize) {
        let (kind, end) = self.value_lines(start, line, next);
        match kind {
            // the registry refuses the name when Regedit sets the value
            ItemKind::Value(value)
                if value.name.as_str().len() > MAX_VALUE_NAME
                    && value.name.as_str().encode_utf16().count() > MAX_VALUE_NAME =>
            {
                self.warn(
                    start,
                    format!(
                        "the value name is longer than the registry allows ({MAX_VALUE_NAME} characters); Regedit ignores this value"
                    ),
                );
                (ItemKind::Skipped, end)
            }
            kind => (kind, end),
        }
    }

    fn value_lines(&mut self, start: usize, line: &str, next: usize) -> (ItemKind, usize) {
        let mut notes = Vec::new();
        let first = match value_line(line, &mut notes) {
            Ok(first) => first,
            Err(bad) => {
                self.note_all(start, line, notes);
                let at = start.saturating_add(line.len().saturating_sub(bad.rest_len));
                self.warn(at, format!("{}; Regedit ignores this value", bad.message));
                return (ItemKind::Skipped, next);
            }
        };
        self.note_all(start, line, notes);
        let (name, data) = first;
        let (kind, mut bytes) = match data {
            Data::Done(data) => return (ItemKind::Value(RegValue { name, data }), next),
            Data::Hex {
                kind,
                bytes,
                continued: false,
            } => (kind, bytes),
            Data::Hex {
                kind,
                bytes,
                continued: true,
            } => match self.continuation(next, bytes) {
                Ok((bytes, end)) => {
                    let value = self.finish(start, name, kind, bytes);
                    return (ItemKind::Value(value), end);
                }
                Err(end) => return (ItemKind::Skipped, end),
            },
        };
        bytes = self.terminated(start, &name, kind, bytes);
        let data = RegData::Hex { kind, bytes };
        (ItemKind::Value(RegValue { name, data }), next)
    }

    /// The hex lines after a `,\` from `pos` on: the bytes and where the
    /// value's last line ends, or, when Regedit drops the value, where the
    /// line it took with it ends.
    fn continuation(
        &mut self,
        mut pos: usize,
        mut bytes: Vec<u8>,
    ) -> Result<(Vec<u8>, usize), usize> {
        loop {
            if pos >= self.text.len() {
                return Ok((bytes, pos));
            }
            let (content_end, next) = line_bounds(self.text, pos);
            let line = self.text.get(pos..content_end).unwrap_or("");
            let trimmed = skip_blanks(line);
            let start = content_end.saturating_sub(trimmed.len());
            if trimmed.is_empty() || trimmed.starts_with(';') {
                pos = next;
                continue;
            }
            if !trimmed.starts_with(|c: char| c.is_ascii_hexdigit()) {
                self.warn(
                    start,
                    "the hex value above ends in ',\\', so Regedit reads this line as more of its bytes: it ignores both the value and this line",
                );
                return Err(next);
            }
            let mut notes = Vec::new();
            match hex_list(trimmed, &mut bytes, &mut notes) {
                Ok(continued) => {
                    self.note_all(start, trimmed, notes);
                    if !continued {
                        return Ok((bytes, next));
                    }
                    pos = next;
                }
                Err(bad) => {
                    self.note_all(start, trimmed, notes);
                    let at = start.saturating_add(trimmed.len().saturating_sub(bad.rest_len));
                    self.warn(at, format!("{}; Regedit ignores this value", bad.message));
                    return Err(next);
                }
            }
        }
    }

    /// A hex value whose last line has been read.
    fn finish(&mut self, start: usize, name: ValueName, kind: u32, bytes: Vec<u8>) -> RegValue {
        let bytes = self.terminated(start, &name, kind, bytes);
        RegValue {
            name,
            data: RegData::Hex { kind, bytes },
        }
    }

    /// The bytes of a string type as Regedit stores them: with a NUL added
    /// when the data does not end in one (a NUL byte in a `REGEDIT4` file,
    /// whose bytes are ANSI text; a NUL UTF-16 unit in a version 5 file).
    fn terminated(
        &mut self,
        start: usize,
        name: &ValueName,
        kind: u32,
        mut bytes: Vec<u8>,
    ) -> Vec<u8> {
        if !is_string_kind(kind) || bytes.is_empty() {
            return bytes;
        }
        let before = bytes.len();
        match self.format {
            Format::Regedit4 => {
                if bytes.last() != Some(&0) {
                    bytes.push(0);
                }
            }
            Format::Regedit5 => {
                let whole = before & !1;
                let last = whole.checked_sub(2).and_then(|i| bytes.get(i..whole));
                if last != Some(&[0, 0][..]) {
                    // the last whole unit is not a NUL: one goes after it,
                    // over an odd byte
                    bytes.truncate(whole);
                    bytes.extend([0, 0]);
                    bytes.resize(before.saturating_add(2), 0);
                }
            }
        }
        if bytes.len() != before {
            self.warn_that(
                start,
                Effect::ReadOtherwise,
                format!(
                    "the hex({kind:x}) data of \"{name}\" does not end in a NUL; Regedit adds one and stores {} bytes",
                    bytes.len()
                ),
            );
        } else if self.format == Format::Regedit5 && before % 2 == 1 {
            self.warn_that(
                start,
                Effect::ReadOtherwise,
                format!("the hex({kind:x}) data of \"{name}\" is an odd number of bytes, not UTF-16 text"),
            );
        }
        bytes
    }

    /// Notes are about what Regedit reads otherwise than it is written.
    fn note_all(&mut self, start: usize, line: &str, notes: Vec<Note>) {
        for note in notes {
            let at = start.saturating_add(line.len().saturating_sub(note.rest_len));
            self.warn_that(at, Effect::ReadOtherwise, note.message);
        }
    }

    /// Something Regedit ignores.
    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        self.warn_that(offset, Effect::Ignored, message);
    }

    fn warn_that(&mut self, offset: usize, effect: Effect, message: impl Into<String>) {
        if self.halted {
            return;
        }
        let location = self.lines.locate(self.text, offset);
        self.warnings
            .push(Warning::at(location, message).with(effect));
    }
}

/// Whether Regedit can open the key at `path`, and why not.
fn check_key(path: &str) -> Result<(), String> {
    check_root(path)?;
    let (_, rest) = path.split_once('\\').unwrap_or((path, ""));
    if rest.starts_with('\\') {
        return Err("a second backslash right after the root".to_owned());
    }
    if let Some(long) = rest
        .split('\\')
        // a UTF-8 name is never shorter in bytes than in UTF-16 units
        .find(|part| part.len() > MAX_KEY_NAME && part.encode_utf16().count() > MAX_KEY_NAME)
    {
        let shown: String = long.chars().take(24).collect();
        return Err(format!(
            "the key name \"{shown}…\" is longer than the registry allows ({MAX_KEY_NAME} characters)"
        ));
    }
    Ok(())
}

/// Whether `path` starts with a root Regedit knows, and why not.
fn check_root(path: &str) -> Result<(), String> {
    let (root, _) = path.split_once('\\').unwrap_or((path, ""));
    if !ROOTS.iter().any(|r| r.eq_ignore_ascii_case(root)) {
        let hint = match root.to_ascii_uppercase().as_str() {
            "HKCU" => " (write HKEY_CURRENT_USER)",
            "HKLM" => " (write HKEY_LOCAL_MACHINE)",
            "HKU" => " (write HKEY_USERS)",
            "HKCR" => " (write HKEY_CLASSES_ROOT)",
            "HKCC" => " (write HKEY_CURRENT_CONFIG)",
            _ => "",
        };
        return Err(format!("\"{root}\" is not a root Regedit knows{hint}"));
    }
    Ok(())
}

/// What a value line's data turned out to be.
enum Data {
    /// Everything is on this line.
    Done(RegData),
    /// `hex:` or `hex(N):` bytes, perhaps going on over the next lines.
    Hex {
        kind: u32,
        bytes: Vec<u8>,
        continued: bool,
    },
}

/// A message about a place, given as the length of the input left there.
struct Note {
    rest_len: usize,
    message: String,
}

impl Note {
    fn at(rest: &str, message: impl Into<String>) -> Self {
        Note {
            rest_len: rest.len(),
            message: message.into(),
        }
    }
}

/// `name = data` on one line (without its line ending), as Regedit reads it.
fn value_line(line: &str, notes: &mut Vec<Note>) -> Result<(ValueName, Data), Note> {
    let (name, rest) = if let Some(rest) = line.strip_prefix('@') {
        (ValueName::Default, rest)
    } else {
        let (name, rest) = quoted(line, notes)?;
        // `""` names the default value, as `@` does
        let name = if name.is_empty() {
            ValueName::Default
        } else {
            ValueName::Named(name)
        };
        (name, rest)
    };
    let rest = skip_blanks(rest);
    let rest = rest
        .strip_prefix('=')
        .ok_or_else(|| Note::at(rest, "expected '=' after the value name"))?;
    let data = skip_blanks(rest).trim_end_matches([' ', '\t']);
    Ok((name, self::data(data, notes)?))
}

/// The data after `=`, trailing blanks removed.
fn data(input: &str, notes: &mut Vec<Note>) -> Result<Data, Note> {
    if let Some(rest) = input.strip_prefix('-') {
        end_of_data(rest)?;
        return Ok(Data::Done(RegData::Delete));
    }
    if input.starts_with('"') {
        let (text, rest) = quoted(input, notes)?;
        end_of_data(rest)?;
        return Ok(Data::Done(RegData::String(text)));
    }
    if let Some(rest) = input.strip_prefix("dword:") {
        return dword(rest).map(|n| Data::Done(RegData::Dword(n)));
    }
    let (kind, list) = if let Some(list) = input.strip_prefix("hex:") {
        (kind::BINARY, list)
    } else if let Some(rest) = input.strip_prefix("hex(") {
        hex_type(rest, notes)?
    } else {
        return Err(Note::at(
            input,
            "unknown data: expected \"string\", dword:, hex:, hex(N): or -",
        ));
    };
    let mut bytes = Vec::new();
    if list.is_empty() {
        return Ok(Data::Hex {
            kind,
            bytes,
            continued: false,
        });
    }
    let continued = hex_list(list, &mut bytes, notes)?;
    Ok(Data::Hex {
        kind,
        bytes,
        continued,
    })
}

/// After the data: blanks, then nothing or a `;` comment.
fn end_of_data(rest: &str) -> Result<(), Note> {
    let rest = skip_blanks(rest);
    if rest.is_empty() || rest.starts_with(';') {
        Ok(())
    } else {
        Err(Note::at(
            rest,
            "unexpected text after the data (only a ';' comment may follow)",
        ))
    }
}

/// `"…"` unescaped as Regedit does: `\\`, `\"`, `\n`, `\r`; `\0` is refused;
/// any other `\c` is read as `c` (with a note). Returns the text and what
/// follows the closing quote.
fn quoted<'a>(input: &'a str, notes: &mut Vec<Note>) -> Result<(String, &'a str), Note> {
    let body = input
        .strip_prefix('"')
        .ok_or_else(|| Note::at(input, "expected '\"'"))?;
    let mut out = String::new();
    let mut unknown: Option<(Note, usize)> = None;
    let mut note_unknown = |unknown: Option<(Note, usize)>| {
        if let Some((mut note, more)) = unknown {
            if more > 0 {
                note.message.push_str(&format!(
                    " (and {more} more unknown escapes in this string)"
                ));
            }
            notes.push(note);
        }
    };
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                note_unknown(unknown);
                return Ok((out, body.get(i.saturating_add(1)..).unwrap_or("")));
            }
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '"'))) => out.push(e),
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '0')) => {
                    return Err(Note::at(
                        body.get(i..).unwrap_or(""),
                        "\\0 in a string: Regedit refuses it",
                    ));
                }
                Some((_, e)) => {
                    // one note a string, however many it holds
                    match unknown.as_mut() {
                        None => {
                            unknown = Some((
                                Note::at(
                                    body.get(i..).unwrap_or(""),
                                    format!("unknown escape \\{e}: Regedit reads it as \"{e}\""),
                                ),
                                0usize,
                            ))
                        }
                        Some((_, more)) => *more = more.saturating_add(1),
                    }
                    out.push(e);
                }
                None => break,
            },
            c => out.push(c),
        }
    }
    Err(Note::at(input, "missing closing '\"' on this line"))
}

/// `dword:` data: blanks, 1 to 8 hex digits, blanks, nothing or a comment.
fn dword(input: &str) -> Result<u32, Note> {
    let digits_start = skip_blanks(input);
    if digits_start.is_empty() {
        return Err(Note::at(input, "dword: needs 1 to 8 hex digits"));
    }
    let count = digits_start
        .bytes()
        .take_while(u8::is_ascii_hexdigit)
        .count();
    if count > 8 {
        return Err(Note::at(digits_start, "dword: takes at most 8 hex digits"));
    }
    let (digits, rest) = digits_start.split_at(count);
    end_of_data(rest).map_err(|_| {
        Note::at(
            skip_blanks(rest),
            "dword: takes 1 to 8 hex digits and nothing else (only a ';' comment may follow)",
        )
    })?;
    // no digits before a comment: Regedit stores 0
    Ok(u32::from_str_radix(digits, 16).unwrap_or(0))
}

/// The type number of `hex(N):` (after `hex(`) and the data after `):`.
fn hex_type<'a>(input: &'a str, notes: &mut Vec<Note>) -> Result<(u32, &'a str), Note> {
    let bad = || {
        Note::at(
            input,
            "hex(N): needs a hexadecimal type number up to ffffffff",
        )
    };
    if input.is_empty()
        || input
            .as_bytes()
            .get(1)
            .is_some_and(|&b| b == b'x' || b == b'X')
    {
        return Err(bad());
    }
    let number = strtoul(input);
    let rest = input.get(number.len..).unwrap_or("");
    let list = rest.strip_prefix("):").ok_or_else(bad)?;
    let kind = match number.value {
        None => 0,
        Some(n) => u32::try_from(n).map_err(|_| bad())?,
    };
    let kind = if number.negative {
        kind.wrapping_neg()
    } else {
        kind
    };
    if number.unusual || number.value.is_none() {
        notes.push(Note::at(
            input,
            format!("unusual type number: Regedit reads it as hex({kind:x})"),
        ));
    }
    Ok((kind, list))
}

/// A hex list on one line (after `hex…:` or at the start of a continuation
/// line), its bytes added to `bytes`, as Regedit reads it: each item as C's
/// `wcstoul` reads a base-16 number (so `0` is `00`) and at most `ff`; items
/// separated by commas; after the last item, blanks and a `;` comment; or a
/// `\` after a comma, which continues the list on the next line (`true`).
fn hex_list(line: &str, bytes: &mut Vec<u8>, notes: &mut Vec<Note>) -> Result<bool, Note> {
    let mut odd = Odd::default();
    let result = hex_items(line, bytes, &mut odd);
    if let Some(mut note) = odd.first {
        if odd.more > 0 {
            note.message
                .push_str(&format!(" (and {} more such bytes on this line)", odd.more));
        }
        notes.push(note);
    }
    result
}

/// The first byte of a line written otherwise than as two hex digits, and
/// how many more there are.
#[derive(Default)]
struct Odd {
    first: Option<Note>,
    more: usize,
}

fn hex_items(line: &str, bytes: &mut Vec<u8>, odd: &mut Odd) -> Result<bool, Note> {
    // three characters a byte, as Regedit writes them
    bytes.reserve(line.len().saturating_add(1) / 3);
    let mut s = line;
    while !s.is_empty() {
        // the bulk of a value: runs of `xx,`
        let taken = hex_run(s, bytes);
        s = s.get(taken..).unwrap_or("");
        if s.is_empty() {
            break;
        }
        let number = strtoul(s);
        let after = s.get(number.len..).unwrap_or("");
        let Some(value) = number.value else {
            let rest = skip_blanks(s);
            if let Some(after_backslash) = rest.strip_prefix('\\') {
                let tail = skip_blanks(after_backslash);
                if tail.is_empty() || tail.starts_with(';') {
                    return Ok(true);
                }
                return Err(Note::at(
                    tail,
                    "only a ';' comment may follow the '\\' that continues a hex value",
                ));
            }
            if rest.starts_with(';') {
                return Ok(false);
            }
            return Err(if rest.starts_with(',') {
                Note::at(rest, "an empty item in the hex list")
            } else {
                Note::at(rest, "expected a hex byte")
            });
        };
        let byte = u8::try_from(value)
            .ok()
            .filter(|_| !number.negative || value == 0)
            .ok_or_else(|| Note::at(s, "a hex byte is at most ff"))?;
        if number.unusual || number.len.saturating_sub(number.digits_at) != 2 {
            if odd.first.is_none() {
                let written = skip_blanks(s.get(..number.len).unwrap_or(""));
                odd.first = Some(Note::at(
                    s,
                    format!("hex byte \"{written}\": Regedit reads it as {byte:02x}"),
                ));
            } else {
                odd.more = odd.more.saturating_add(1);
            }
        }
        bytes.push(byte);
        match after.strip_prefix(',') {
            Some(next) => s = next,
            None => {
                let rest = skip_blanks(after);
                if rest.is_empty() || rest.starts_with(';') {
                    return Ok(false);
                }
                return Err(if rest.starts_with('\\') {
                    Note::at(rest, "a '\\' continues a hex value only after a comma")
                } else {
                    Note::at(rest, "unexpected text in the hex list")
                });
            }
        }
    }
    Ok(false)
}

/// Read a run of `xx,` (two hex digits and a comma) from the start of
/// `input` into `bytes`; how many characters it took.
fn hex_run(input: &str, bytes: &mut Vec<u8>) -> usize {
    let mut taken: usize = 0;
    for chunk in input.as_bytes().chunks_exact(3) {
        let &[h, l, b','] = chunk else { break };
        let (Some(h), Some(l)) = (hex_value(h), hex_value(l)) else {
            break;
        };
        bytes.push(h.wrapping_shl(4) | l);
        taken = taken.saturating_add(3);
    }
    taken
}

/// A base-16 number as C's `wcstoul` reads it from the start of a text.
struct Number {
    /// The value (saturated), or `None` when there were no digits.
    value: Option<u64>,
    /// It had a `-` sign.
    negative: bool,
    /// Where its digits start.
    digits_at: usize,
    /// How much of the text it took (0 without digits).
    len: usize,
    /// A sign or a `0x` before the digits.
    unusual: bool,
}

/// `wcstoul(text, &end, 16)`: blanks, an optional sign, an optional `0x`,
/// hex digits.
fn strtoul(text: &str) -> Number {
    let b = text.as_bytes();
    let mut i = b
        .iter()
        .take_while(|&&c| matches!(c, b' ' | b'\t' | 0x0b | 0x0c))
        .count();
    let blanks = i;
    let mut negative = false;
    if let Some(&sign @ (b'+' | b'-')) = b.get(i) {
        negative = sign == b'-';
        i = i.saturating_add(1);
    }
    if b.get(i) == Some(&b'0')
        && matches!(b.get(i.saturating_add(1)), Some(b'x' | b'X'))
        && b.get(i.saturating_add(2))
            .is_some_and(u8::is_ascii_hexdigit)
    {
        i = i.saturating_add(2);
    }
    let digits_at = i;
    let mut value: u64 = 0;
    while let Some(d) = b.get(i).and_then(|&c| hex_value(c)) {
        value = value.saturating_mul(16).saturating_add(u64::from(d));
        i = i.saturating_add(1);
    }
    if i == digits_at {
        return Number {
            value: None,
            negative: false,
            digits_at: 0,
            len: 0,
            unusual: false,
        };
    }
    Number {
        value: Some(value),
        negative,
        digits_at,
        len: i,
        unusual: digits_at != blanks,
    }
}

/// The value of each byte as a hex digit; `NOT_HEX` for the others.
// Built at compile time: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const HEX_DIGITS: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};
const NOT_HEX: u8 = 0xFF;

/// The value of a hex digit.
fn hex_value(c: u8) -> Option<u8> {
    HEX_DIGITS
        .get(usize::from(c))
        .copied()
        .filter(|&v| v != NOT_HEX)
}

fn skip_blanks(input: &str) -> &str {
    input.trim_start_matches([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of `body` after a version 5 header and a key line, and the
    /// warnings.
    fn read(body: &str) -> (Vec<RegValue>, Vec<String>) {
        let text =
            format!("Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\a]\n{body}");
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.file.source(&text), text, "the tree is lossless");
        let values = parsed
            .file
            .items
            .into_iter()
            .filter_map(|item| match item.kind {
                ItemKind::Value(v) => Some(v),
                _ => None,
            })
            .collect();
        let warnings = parsed.warnings.iter().map(ToString::to_string).collect();
        (values, warnings)
    }

    fn hex(name: &str, kind: u32, bytes: &[u8]) -> RegValue {
        RegValue::named(
            name,
            RegData::Hex {
                kind,
                bytes: bytes.to_vec(),
            },
        )
    }

    fn names(values: &[RegValue]) -> Vec<&str> {
        values.iter().map(|v| v.name.as_str()).collect()
    }

    #[test]
    fn the_header_is_exact_after_blanks() {
        assert!(parse("REGEDIT4\n").is_ok());
        assert!(parse(" \tREGEDIT4\n").is_ok());
        assert!(parse("[HKEY_CURRENT_USER\\x]\n").is_err());
        assert!(parse("REGEDIT44\n").is_err());
        assert!(parse("regedit4\n").is_err());
        let err = parse("Windows Registry Editor Version 5.00 ;x\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "1:37: the header line goes on after \"Windows Registry Editor Version 5.00\"; Regedit imports nothing from such a file (only blanks may come before the header, nothing after it)"
        );
    }

    #[test]
    fn value_forms() {
        let (values, warnings) = read(
            "@=\"d\"\n\"s\"=\"a\\\\b\\\"c\"\n\"d\"=dword:0000002a\n\"h\"=hex:01,02\n\"e\"=hex(2):61,00,00,00\n\"x\"=-\n\"empty\"=hex:\n\"\"=\"default too\"\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            values,
            vec![
                RegValue {
                    name: ValueName::Default,
                    data: RegData::String("d".into())
                },
                RegValue::named("s", RegData::String("a\\b\"c".into())),
                RegValue::named("d", RegData::Dword(42)),
                hex("h", kind::BINARY, &[1, 2]),
                hex("e", kind::EXPAND_SZ, &[0x61, 0, 0, 0]),
                RegValue::named("x", RegData::Delete),
                hex("empty", kind::BINARY, &[]),
                RegValue {
                    name: ValueName::Default,
                    data: RegData::String("default too".into())
                },
            ]
        );
    }

    #[test]
    fn single_digit_and_odd_bytes_are_read_as_wcstoul_reads_them() {
        let (values, warnings) =
            read("\"a\"=hex:1,0,4,90\n\"b\"=hex:70,00,0\n\"c\"=hex:01, 02,+3,0x4\n");
        assert_eq!(
            values,
            vec![
                hex("a", 3, &[1, 0, 4, 0x90]),
                hex("b", 3, &[0x70, 0, 0]),
                hex("c", 3, &[1, 2, 3, 4])
            ]
        );
        assert_eq!(
            warnings,
            [
                "4:9: hex byte \"1\": Regedit reads it as 01 (and 2 more such bytes on this line)",
                "5:15: hex byte \"0\": Regedit reads it as 00",
                "6:16: hex byte \"+3\": Regedit reads it as 03 (and 1 more such bytes on this line)",
            ]
        );
        let (values, _) =
            read("\"big\"=hex:100\n\"neg\"=hex:-1\n\"gap\"=hex:01,,02\n\"sp\"=hex:01 02\n");
        assert!(values.is_empty(), "{values:?}");
    }

    #[test]
    fn comment_and_blank_lines_inside_a_continuation_are_skipped() {
        let (values, warnings) =
            read("\"a\"=hex:01,\\\n;c\n\n \t\n  02,\\ ; note\n\t03\n\"b\"=dword:1\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            values,
            vec![
                hex("a", 3, &[1, 2, 3]),
                RegValue::named("b", RegData::Dword(1))
            ]
        );
    }

    #[test]
    fn a_broken_continuation_takes_the_next_line_with_it() {
        // Wine25g, Wine28d: the blank line is skipped, the next value is
        // read as hex and both are lost
        let (values, warnings) = read("\"a\"=hex:01,02,\\\n\n\"b\"=dword:1\n\"c\"=dword:2\n");
        assert_eq!(names(&values), ["c"]);
        assert_eq!(
            warnings,
            [
                "6:1: the hex value above ends in ',\\', so Regedit reads this line as more of its bytes: it ignores both the value and this line"
            ]
        );
        // Wine28c: a '#' line is the one taken
        let (values, _) = read("\"a\"=hex:01,\\\n#c\n\"b\"=dword:1\n");
        assert_eq!(names(&values), ["b"]);
        // Wine24b, Wine9c: without a comma the next line is read afresh
        let (values, warnings) = read("\"a\"=hex:01,02\\\n\"b\"=dword:1\n");
        assert_eq!(names(&values), ["b"]);
        assert_eq!(
            warnings,
            ["4:14: a '\\' continues a hex value only after a comma; Regedit ignores this value"]
        );
        // Wine17: the end of the file keeps what was read
        let (values, _) = read("\"a\"=hex(2):41,00,\\");
        assert_eq!(values, vec![hex("a", 2, &[0x41, 0, 0, 0])]);
        // Test19f: '#' after the backslash
        let (values, _) = read("\"a\"=hex:01,\\\n  02,\\#c\n  03\n");
        assert!(values.is_empty());
    }

    #[test]
    fn string_types_are_terminated_as_regedit_stores_them() {
        let (values, warnings) = read(
            "\"m\"=hex(7):4c,00,69,00,6e,00,65,00\n\"ok\"=hex(7):4c,00,00,00\n\"e\"=hex(2):\n\"odd\"=hex(1):41,00,42\n\"n\"=hex(0):41\n",
        );
        assert_eq!(
            values,
            vec![
                hex("m", 7, &[0x4c, 0, 0x69, 0, 0x6e, 0, 0x65, 0, 0, 0]),
                hex("ok", 7, &[0x4c, 0, 0, 0]),
                hex("e", 2, &[]),
                hex("odd", 1, &[0x41, 0, 0, 0, 0]),
                hex("n", 0, &[0x41]),
            ]
        );
        assert_eq!(
            warnings[0],
            "4:1: the hex(7) data of \"m\" does not end in a NUL; Regedit adds one and stores 10 bytes"
        );
        let text = "REGEDIT4\n[HKEY_CURRENT_USER\\a]\n\"m\"=hex(7):4c,69,6e,65\n";
        let parsed = parse(text).unwrap();
        let ItemKind::Value(v) = &parsed.file.items[1].kind else {
            panic!()
        };
        assert_eq!(
            v.data,
            RegData::Hex {
                kind: 7,
                bytes: b"Line\0".to_vec()
            }
        );
    }

    #[test]
    fn strings_unescape_as_regedit_does() {
        let (values, warnings) =
            read("\"a\\qb\"=\"x\\ny\\rz\\q\"\n\"n\"=\"\\0\"\n\"c\"=\"v\";c\n\"h\"=\"v\"#c\n");
        assert_eq!(
            values,
            vec![
                RegValue::named("aqb", RegData::String("x\ny\rzq".into())),
                RegValue::named("c", RegData::String("v".into())),
            ]
        );
        assert_eq!(
            warnings[0],
            "4:3: unknown escape \\q: Regedit reads it as \"q\""
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("\\0 in a string: Regedit refuses it"))
        );
    }

    #[test]
    fn dwords_and_types() {
        let (values, _) = read(
            "\"a\"=dword: 1 ;c\n\"b\"=dword:123456789\n\"c\"=dword:0x1\n\"d\"=dword:1#c\n\"e\"=hex(-1):01\n\"f\"=hex(0x2):01\n\"g\"=hex(100000000):01\n\"h\"=HEX:01\n\"i\"=hex(4):01,02,03,04,05,06,07,08\n",
        );
        assert_eq!(
            values,
            vec![
                RegValue::named("a", RegData::Dword(1)),
                hex("e", 0xffff_ffff, &[1]),
                hex("i", 4, &[1, 2, 3, 4, 5, 6, 7, 8]),
            ]
        );
    }

    #[test]
    fn deletions_need_nothing_but_a_comment_after_them() {
        let (values, _) = read("\"a\"=-\n\"b\"= - ;c\n\"c\"=-\"x\"\n\"d\"=- #c\n");
        assert_eq!(names(&values), ["a", "b"]);
    }

    #[test]
    fn key_lines() {
        let kinds = |body: &str| -> Vec<ItemKind> {
            let text = format!("REGEDIT4\n{body}");
            parse(&text)
                .unwrap()
                .file
                .items
                .into_iter()
                .map(|i| i.kind)
                .collect()
        };
        let key = |path: &str, delete| ItemKind::Key {
            path: path.into(),
            delete,
        };
        assert_eq!(
            kinds("[HKEY_CURRENT_USER\\a\\b]\n"),
            [key("HKEY_CURRENT_USER\\a\\b", false)]
        );
        assert_eq!(
            kinds("[hkey_current_user\\a ]\n"),
            [key("hkey_current_user\\a ", false)]
        );
        assert_eq!(
            kinds("[-HKEY_CURRENT_USER\\a]\n"),
            [key("HKEY_CURRENT_USER\\a", true)]
        );
        assert_eq!(
            kinds("[HKEY_CURRENT_USER\\a]b] tail ; c\n"),
            [key("HKEY_CURRENT_USER\\a]b", false)]
        );
        assert_eq!(kinds("[ HKEY_CURRENT_USER\\a]\n"), [ItemKind::Skipped]);
        assert_eq!(kinds("[HKEY_CURRENT_USER\\a\n"), [ItemKind::Skipped]);
        assert_eq!(kinds("[HKCU\\a]\n"), [ItemKind::Unopened]);
        assert_eq!(kinds("[]\n"), [ItemKind::Unopened]);
        assert_eq!(kinds("[- HKEY_CURRENT_USER\\a]\n"), [ItemKind::Unopened]);
        assert_eq!(kinds("[-HKCU\\a]\n"), [ItemKind::Halt]);
        assert_eq!(kinds("[-HKEY_CURRENT_USER]\n"), [ItemKind::Halt]);
        let long = format!("[HKEY_CURRENT_USER\\{}]\n", "k".repeat(256));
        assert_eq!(kinds(&long), [ItemKind::Unopened]);
        assert_eq!(kinds("[HKEY_CURRENT_USER\\\\a]\n"), [ItemKind::Unopened]);
        assert_eq!(
            kinds("[HKEY_CURRENT_USER\\a\\\\b]\n"),
            [key("HKEY_CURRENT_USER\\a\\\\b", false)]
        );
        let name = |n: usize| format!("[HKEY_CURRENT_USER\\a]\n\"{}\"=\"1\"\n", "v".repeat(n));
        assert_eq!(
            kinds(&name(16_383))[1],
            ItemKind::Value(RegValue::named(
                "v".repeat(16_383),
                RegData::String("1".into())
            ))
        );
        assert_eq!(kinds(&name(16_384))[1], ItemKind::Skipped);
        assert_eq!(kinds("#c\n;c\n"), [ItemKind::Comment, ItemKind::Comment]);
    }

    /// What `hivexregedit --export` writes: `hex(3):` on one long line,
    /// `hex(1)` for strings, upper-case digits.
    #[test]
    fn other_dialects_read_as_regedit_reads_them() {
        let long: Vec<String> = (0..300).map(|i| format!("{:02X}", i % 256)).collect();
        let (values, warnings) = read(&format!(
            "\"a\"=hex(3):{}\n\"b\"=hex(1):41,00,00,00\n",
            long.join(",")
        ));
        assert!(warnings.is_empty(), "{warnings:?}");
        let expected: Vec<u8> = (0..300).map(|i| (i % 256) as u8).collect();
        assert_eq!(
            values,
            vec![hex("a", 3, &expected), hex("b", 1, &[0x41, 0, 0, 0])]
        );
    }

    #[test]
    fn a_stopped_import_says_nothing_more_and_escapes_are_noted_once() {
        let (values, warnings) = read(
            "\"a\"=\"\\q\\w\\e\"\n\"t\"=hex():01\n[-HKCU\\K]\n[HKEY_CURRENT_USER\\B]\n\"m\"=hex(7):41\n",
        );
        assert_eq!(
            warnings,
            [
                "4:6: unknown escape \\q: Regedit reads it as \"q\" (and 2 more unknown escapes in this string)",
                "5:9: unusual type number: Regedit reads it as hex(0)",
                "6:2: \"HKCU\" is not a root Regedit knows (write HKEY_CURRENT_USER): Regedit stops the import here, and nothing below this line is imported",
            ]
        );
        assert_eq!(values.len(), 3, "the tree keeps the lines below");
    }

    #[test]
    fn a_deletion_with_a_second_backslash_after_the_root_deletes_nothing() {
        let text = "REGEDIT4\n[-HKEY_CURRENT_USER\\\\K]\n";
        let kinds: Vec<ItemKind> = parse(text)
            .unwrap()
            .file
            .items
            .into_iter()
            .map(|i| i.kind)
            .collect();
        assert_eq!(kinds, [ItemKind::Unopened]);
    }

    #[test]
    fn semicolons_inside_quotes_are_not_comments() {
        let (values, _) = read("\"semi;colons\"=\"and\\\"quotes;\";blah\n");
        assert_eq!(
            values,
            vec![RegValue::named(
                "semi;colons",
                RegData::String("and\"quotes;".into())
            )]
        );
    }
}
