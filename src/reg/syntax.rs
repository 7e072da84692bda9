//! The `.reg` grammar (nom 8), one function per production, tolerant the way
//! Regedit is: a line it would skip becomes an [`ItemKind::Skipped`] item and
//! a warning with its line and column; only a missing header is an error.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, hex_digit1, space0};
use nom::combinator::{map, opt};
use nom::sequence::delimited;
use nom::{IResult, Parser};
use thiserror::Error;

use crate::diag::{LineIndex, Location, Span, Warning, line_bounds};

use super::document::Format;
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

/// Why a text is not a `.reg` file at all.
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
}

/// Parse the text of a `.reg` file.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let lines = LineIndex::new(text);
    let (format, header_end) = header(text).ok_or(ParseError::Header {
        location: Location { line: 1, column: 1 },
    })?;
    let mut parser = LineParser {
        text,
        lines: &lines,
        items: Vec::new(),
        warnings: Vec::new(),
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

/// The header line: its format and where the next line starts.
fn header(text: &str) -> Option<(Format, usize)> {
    let (content_end, next) = line_bounds(text, 0);
    let line = text.get(..content_end)?;
    let format = [Format::Regedit5, Format::Regedit4].into_iter().find(|f| {
        match line.strip_prefix(f.header()) {
            Some(tail) => tail.is_empty() || tail.starts_with([' ', '\t', ';']),
            None => false,
        }
    })?;
    Some((format, next))
}

struct LineParser<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    items: Vec<Item>,
    warnings: Vec<Warning>,
}

impl<'t> LineParser<'t> {
    /// Parse the item starting at line start `pos`; return where the next begins.
    fn item(&mut self, pos: usize) -> usize {
        let (content_end, next) = line_bounds(self.text, pos);
        let line = self.text.get(pos..content_end).unwrap_or("");
        let trimmed = line.trim_start_matches([' ', '\t']);
        let start = pos.saturating_add(line.len().saturating_sub(trimmed.len()));
        let (kind, end) = if trimmed.is_empty() {
            (ItemKind::Blank, next)
        } else if trimmed.starts_with(';') {
            (ItemKind::Comment, next)
        } else if trimmed.starts_with('[') {
            (self.key(start, trimmed), next)
        } else if trimmed.starts_with(['"', '@']) {
            self.value(start)
        } else {
            self.warn(
                start,
                "not a key, value or comment; Regedit ignores this line",
            );
            (ItemKind::Skipped, next)
        };
        self.items.push(Item {
            span: Span::new(pos, end),
            kind,
        });
        end
    }

    fn key(&mut self, start: usize, line: &str) -> ItemKind {
        match key_line(line) {
            Ok((path, delete, tail)) => {
                let tail = tail.trim_start_matches([' ', '\t']);
                if !tail.is_empty() && !tail.starts_with(';') {
                    let at = start.saturating_add(line.len().saturating_sub(tail.len()));
                    self.warn(
                        at,
                        "text after ']' is not part of the key name; Regedit ignores it",
                    );
                }
                ItemKind::Key {
                    path: path.to_owned(),
                    delete,
                }
            }
            Err(message) => {
                self.warn(
                    start,
                    format!("{message}; Regedit skips this key and the values under it"),
                );
                ItemKind::Skipped
            }
        }
    }

    fn value(&mut self, start: usize) -> (ItemKind, usize) {
        let rest = self.text.get(start..).unwrap_or("");
        match value_line(rest) {
            Ok(line) => {
                for note in line.notes {
                    let at = start.saturating_add(rest.len().saturating_sub(note.rest_len));
                    self.warn(at, note.message);
                }
                (
                    ItemKind::Value(line.value),
                    start.saturating_add(line.consumed),
                )
            }
            Err(bad) => {
                let at = start.saturating_add(rest.len().saturating_sub(bad.rest_len));
                self.warn(at, format!("{}; Regedit skips this value", bad.message));
                (ItemKind::Skipped, self.skip_continued(at))
            }
        }
    }

    /// After an error at `at`, the end of its line and of any hex lines it
    /// continues onto with a trailing backslash.
    fn skip_continued(&self, at: usize) -> usize {
        let (mut content_end, mut next) = line_bounds(self.text, at);
        while self
            .text
            .get(..content_end)
            .is_some_and(|s| s.trim_end_matches([' ', '\t']).ends_with('\\'))
            && self.text.get(next..).is_some_and(|s| {
                s.trim_start_matches([' ', '\t'])
                    .starts_with(|c: char| c.is_ascii_hexdigit())
            })
        {
            (content_end, next) = line_bounds(self.text, next);
        }
        next
    }

    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        let location = self.lines.locate(self.text, offset);
        self.warnings.push(Warning::at(location, message));
    }
}

/// `[path]` or `[-path]` (a line starting with `[`): the path, whether it is
/// a deletion, and what follows the last `]`.
fn key_line(line: &str) -> Result<(&str, bool, &str), &'static str> {
    let inner = line.strip_prefix('[').ok_or("expected '['")?;
    let (inner, delete) = match inner.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    if inner.starts_with([' ', ']']) || inner.is_empty() {
        return Err("key name is empty or starts with a space");
    }
    let close = inner.rfind(']').ok_or("missing ']' after the key name")?;
    let path = inner.get(..close).unwrap_or("");
    let tail = inner.get(close.saturating_add(1)..).unwrap_or("");
    Ok((path, delete, tail))
}

/// A parsed value line.
struct ValueLine {
    value: RegValue,
    /// Bytes from the start of the name to the start of the next line.
    consumed: usize,
    notes: Vec<Note>,
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

/// `name = data [; comment]` up to and including the line ending.
fn value_line(input: &str) -> Result<ValueLine, Note> {
    let mut notes = Vec::new();
    let (rest, name) = value_name(input).map_err(|_| Note::at(input, "malformed value name"))?;
    let (rest, _) =
        equals(rest).map_err(|_| Note::at(rest, "expected '=' after the value name"))?;
    let (rest, data, ended) = data(rest, &mut notes)?;
    let rest = if ended { rest } else { end_of_line(rest)? };
    Ok(ValueLine {
        value: RegValue { name, data },
        consumed: input.len().saturating_sub(rest.len()),
        notes,
    })
}

/// `@` or a quoted name.
fn value_name(input: &str) -> IResult<&str, ValueName> {
    alt((
        map(char('@'), |_| ValueName::Default),
        map(quoted_plain, ValueName::Named),
    ))
    .parse(input)
}

fn equals(input: &str) -> IResult<&str, char> {
    delimited(space0, char('='), space0).parse(input)
}

/// A quoted string in a value name, where only `\\` and `\"` are escapes.
fn quoted_plain(input: &str) -> IResult<&str, String> {
    let mut notes = Vec::new();
    quoted(input, &mut notes).map_err(|_| nom_error(input))
}

/// `"…"` with `\\` and `\"` unescaped; any other backslash is kept as
/// written, with a note.
fn quoted<'a>(input: &'a str, notes: &mut Vec<Note>) -> Result<(&'a str, String), Note> {
    let body = input
        .strip_prefix('"')
        .ok_or_else(|| Note::at(input, "expected '\"'"))?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((body.get(i.saturating_add(1)..).unwrap_or(""), out)),
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '"'))) => out.push(e),
                Some((j, e)) if e != '\r' && e != '\n' => {
                    notes.push(Note::at(
                        body.get(i..).unwrap_or(""),
                        format!("unusual escape \\{e} kept as written"),
                    ));
                    out.push('\\');
                    out.push(e);
                    let _ = j;
                }
                _ => break,
            },
            '\r' | '\n' => break,
            c => out.push(c),
        }
    }
    Err(Note::at(input, "missing closing '\"'"))
}

/// The data after `=`; `true` when it already consumed its line ending.
fn data<'a>(input: &'a str, notes: &mut Vec<Note>) -> Result<(&'a str, RegData, bool), Note> {
    if let Some(rest) = input.strip_prefix('-') {
        return Ok((rest, RegData::Delete, false));
    }
    if input.starts_with('"') {
        let (rest, text) = quoted(input, notes)?;
        return Ok((rest, RegData::String(text), false));
    }
    if let Ok((rest, value)) = dword(input) {
        return Ok((rest, RegData::Dword(value), false));
    }
    if input.starts_with("dword:") {
        return Err(Note::at(input, "dword: needs 1 to 8 hex digits"));
    }
    if let Ok((rest, kind)) = hex_prefix(input) {
        let (rest, bytes, ended) = hex_list(rest, notes)?;
        return Ok((rest, RegData::Hex { kind, bytes }, ended));
    }
    Err(Note::at(
        input,
        "unknown data: expected \"string\", dword:, hex:, hex(N): or -",
    ))
}

/// `dword:` and 1 to 8 hex digits.
fn dword(input: &str) -> IResult<&str, u32> {
    let (rest, _) = (tag("dword:"), space0).parse(input)?;
    let (rest, digits) = take_while_m_n(1, 8, |c: char| c.is_ascii_hexdigit()).parse(rest)?;
    if rest.starts_with(|c: char| c.is_ascii_hexdigit()) {
        return Err(nom_error(rest));
    }
    let value = u32::from_str_radix(digits, 16).map_err(|_| nom_error(input))?;
    Ok((rest, value))
}

/// `hex:` (REG_BINARY) or `hex(N):`.
fn hex_prefix(input: &str) -> IResult<&str, u32> {
    let (rest, number) = delimited(
        tag("hex"),
        opt(delimited(char('('), hex_digit1, char(')'))),
        char(':'),
    )
    .parse(input)?;
    let kind = match number {
        None => kind::BINARY,
        Some(digits) => u32::from_str_radix(digits, 16).map_err(|_| nom_error(input))?,
    };
    Ok((rest, kind))
}

/// Comma-separated bytes, continued over lines by `\`. Returns the bytes and
/// whether the list ended at the start of a new line (after a continuation
/// with nothing to continue).
fn hex_list<'a>(input: &'a str, notes: &mut Vec<Note>) -> Result<(&'a str, Vec<u8>, bool), Note> {
    let mut bytes = Vec::new();
    let mut rest = skip_blanks(input);
    if at_line_end(rest) {
        return Ok((rest, bytes, false));
    }
    loop {
        // the bulk of a value: runs of `xx,` on one line
        let taken = hex_run(rest, &mut bytes);
        if taken > 0 {
            match after_comma(rest.get(taken..).unwrap_or(""), notes) {
                Next::Byte(next) => rest = next,
                Next::End(end, continued) => return Ok((end, bytes, continued)),
            }
        }
        let (after, byte) = hex_byte(rest)?;
        bytes.push(byte);
        rest = skip_blanks(after);
        let Some(comma) = rest.strip_prefix(',') else {
            return Ok((rest, bytes, false));
        };
        match after_comma(comma, notes) {
            Next::Byte(next) => rest = next,
            Next::End(end, continued) => return Ok((end, bytes, continued)),
        }
    }
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

/// What follows a comma in a hex list.
enum Next<'a> {
    /// Another byte starts here (perhaps on a continuation line).
    Byte(&'a str),
    /// The list ends here; `true` when after a continuation with nothing
    /// to continue.
    End(&'a str, bool),
}

/// After a comma: blanks, then a `\` continuation to the next line, the end
/// of the line (a trailing comma, noted), or the next byte.
fn after_comma<'a>(input: &'a str, notes: &mut Vec<Note>) -> Next<'a> {
    let rest = skip_blanks(input);
    if let Some(after_backslash) = rest.strip_prefix('\\') {
        let next_line = continuation(after_backslash);
        let indented = skip_blanks(next_line);
        if indented.starts_with(|c: char| c.is_ascii_hexdigit()) {
            return Next::Byte(indented);
        }
        notes.push(Note::at(rest, "hex data ends with a comma"));
        return Next::End(next_line, true);
    }
    if at_line_end(rest) {
        notes.push(Note::at(rest, "hex data ends with a comma"));
        return Next::End(rest, false);
    }
    Next::Byte(rest)
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

/// Two hex digits.
fn hex_byte(input: &str) -> Result<(&str, u8), Note> {
    // the common case first: two hex digits and no third
    let b = input.as_bytes();
    if let (Some(h), Some(l)) = (
        b.first().and_then(|&d| hex_value(d)),
        b.get(1).and_then(|&d| hex_value(d)),
    ) && !b.get(2).is_some_and(u8::is_ascii_hexdigit)
        && let Some(rest) = input.get(2..)
    {
        return Ok((rest, h.wrapping_shl(4) | l));
    }
    let digits: IResult<&str, &str> =
        take_while_m_n(1, 3, |c: char| c.is_ascii_hexdigit()).parse(input);
    match digits {
        Ok((rest, d)) if d.len() == 2 => u8::from_str_radix(d, 16)
            .map(|b| (rest, b))
            .map_err(|_| Note::at(input, "bad hex byte")),
        Ok((_, d)) => Err(Note::at(
            input,
            format!("hex byte \"{d}\" must be exactly two hex digits"),
        )),
        Err(_) => Err(Note::at(input, "expected a hex byte")),
    }
}

/// After a continuation backslash: skip the rest of the line (Regedit
/// ignores it) and any blank lines; return the start of the next line.
fn continuation(input: &str) -> &str {
    let mut rest = input;
    loop {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        rest = rest.get(end..).unwrap_or("");
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .or_else(|| rest.strip_prefix('\r'))
            .unwrap_or(rest);
        let after_blanks = skip_blanks(rest);
        if after_blanks.is_empty() || !after_blanks.starts_with(['\r', '\n']) {
            return rest;
        }
    }
}

/// Blanks, an optional `;` comment, then the line ending (consumed).
fn end_of_line(input: &str) -> Result<&str, Note> {
    let rest = skip_blanks(input);
    let rest = match rest.strip_prefix(';') {
        Some(comment) => comment
            .get(comment.find(['\r', '\n']).unwrap_or(comment.len())..)
            .unwrap_or(""),
        None => rest,
    };
    if rest.is_empty() {
        return Ok(rest);
    }
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
        .ok_or_else(|| Note::at(rest, "unexpected text after the data"))
}

fn skip_blanks(input: &str) -> &str {
    let blanks = input
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    input.get(blanks..).unwrap_or("")
}

fn at_line_end(input: &str) -> bool {
    input.is_empty() || input.starts_with(['\r', '\n', ';'])
}

fn nom_error(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<RegValue> {
        let parsed = parse(text).unwrap();
        parsed
            .file
            .items
            .into_iter()
            .filter_map(|item| match item.kind {
                ItemKind::Value(v) => Some(v),
                _ => None,
            })
            .collect()
    }

    fn named(name: &str, data: RegData) -> RegValue {
        RegValue::named(name, data)
    }

    const V5: &str = "Windows Registry Editor Version 5.00\n";

    #[test]
    fn header_is_required() {
        assert!(parse("[HKEY_CURRENT_USER\\x]\n").is_err());
        assert!(parse("REGEDIT4\n").is_ok());
        assert!(parse("Windows Registry Editor Version 5.00 ;x\n").is_ok());
        assert!(parse("REGEDIT44\n").is_err());
    }

    #[test]
    fn value_forms() {
        let text = format!(
            "{V5}[HKEY_CURRENT_USER\\a]\n@=\"d\"\n\"s\"=\"a\\\\b\\\"c\"\n\"d\"=dword:0000002a\n\"h\"=hex:01,02\n\"e\"=hex(2):61,00\n\"x\"=-\n\"empty\"=hex:\n"
        );
        assert_eq!(
            values(&text),
            vec![
                RegValue {
                    name: ValueName::Default,
                    data: RegData::String("d".into())
                },
                named("s", RegData::String("a\\b\"c".into())),
                named("d", RegData::Dword(42)),
                named(
                    "h",
                    RegData::Hex {
                        kind: kind::BINARY,
                        bytes: vec![1, 2]
                    }
                ),
                named(
                    "e",
                    RegData::Hex {
                        kind: kind::EXPAND_SZ,
                        bytes: vec![0x61, 0]
                    }
                ),
                named("x", RegData::Delete),
                named(
                    "empty",
                    RegData::Hex {
                        kind: kind::BINARY,
                        bytes: vec![]
                    }
                ),
            ]
        );
    }

    #[test]
    fn continuations_with_and_without_indent_and_comments() {
        let text =
            format!("{V5}[HKEY_CURRENT_USER\\a]\n\"h\"=hex:00,\\\n  01,\\ ; note\n02,\\\r\n\t03\n");
        let parsed = parse(&text).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(
            values(&text),
            vec![named(
                "h",
                RegData::Hex {
                    kind: kind::BINARY,
                    bytes: vec![0, 1, 2, 3]
                }
            )]
        );
        assert_eq!(parsed.file.source(&text), text);
    }

    #[test]
    fn blank_lines_inside_a_continuation_are_skipped() {
        let text = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"h\"=hex:0a,\\\n\n \t\r\n  0B\n");
        let parsed = parse(&text).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let bytes = vec![0x0a, 0x0b];
        assert_eq!(
            values(&text),
            vec![named("h", RegData::Hex { kind: 3, bytes })]
        );

        let at_end = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"h\"=hex:0a,\\\n  \n");
        let parsed = parse(&at_end).unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].message.contains("ends with a comma"));
        assert_eq!(parsed.file.source(&at_end), at_end);
    }

    #[test]
    fn garbage_after_data_skips_the_value_with_a_location() {
        let text = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"y\"=dword:00000001\\\n\"z\"=dword:2\n");
        let parsed = parse(&text).unwrap();
        assert_eq!(values(&text), vec![named("z", RegData::Dword(2))]);
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(
            parsed.warnings[0].to_string(),
            "3:19: unexpected text after the data; Regedit skips this value"
        );
    }

    #[test]
    fn truncated_byte_is_reported_where_it_is() {
        let text = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"t\"=hex:00,\\\n  00,0\n\"u\"=hex:01\n");
        let parsed = parse(&text).unwrap();
        assert_eq!(
            values(&text),
            vec![named(
                "u",
                RegData::Hex {
                    kind: kind::BINARY,
                    bytes: vec![1]
                }
            )]
        );
        assert_eq!(
            parsed.warnings[0].to_string(),
            "4:6: hex byte \"0\" must be exactly two hex digits; Regedit skips this value"
        );
        assert_eq!(parsed.file.source(&text), text);
    }

    #[test]
    fn key_lines() {
        assert_eq!(key_line("[a\\b]"), Ok(("a\\b", false, "")));
        assert_eq!(key_line("[-a]"), Ok(("a", true, "")));
        assert_eq!(key_line("[a]b] tail ; c"), Ok(("a]b", false, " tail ; c")));
        assert!(key_line("[ a]").is_err());
        assert!(key_line("[]").is_err());
        assert!(key_line("[-]").is_err());
        assert!(key_line("[abc").is_err());
    }

    #[test]
    fn semicolons_inside_quotes_are_not_comments() {
        let text = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"semi;colons\"=\"and\\\"quotes;\";blah\n");
        assert_eq!(
            values(&text),
            vec![named("semi;colons", RegData::String("and\"quotes;".into()))]
        );
    }

    #[test]
    fn trailing_comma_is_tolerated_with_a_note() {
        let text = format!("{V5}[HKEY_CURRENT_USER\\a]\n\"h\"=hex:01,02,\\\n\"n\"=dword:1\n");
        let parsed = parse(&text).unwrap();
        assert_eq!(values(&text).len(), 2);
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].message.contains("ends with a comma"));
    }
}
