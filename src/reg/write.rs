//! The Regedit-exact writer: header, a blank line before every key, values
//! in order, `dword:` in eight lowercase digits, hex wrapped where Regedit
//! wraps it, and one blank line at the end.

use std::borrow::Cow;

use thiserror::Error;

use crate::text::Newline;

use super::document::{Block, Document, Format};
use super::value::{RegData, RegValue, ValueName, kind};

/// Regedit breaks a hex line once its column count reaches this.
const WRAP_AT: usize = 77;

/// What cannot be written into a `.reg` file.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WriteError {
    /// A line break or NUL in a key path, or a NUL in a value name or quoted
    /// string: a key line cannot hold the first (it would end the line and
    /// could start a new key), and Regedit refuses `\0` in a string.
    #[error("{what} {text:?} contains a line break or NUL, which a .reg line cannot hold")]
    LineBreak {
        /// What held it: "key path", "value name" or "string".
        what: &'static str,
        /// The offending text.
        text: String,
    },
}

/// Write `doc` exactly as Regedit would, with `newline` line endings.
pub fn write(doc: &Document, newline: Newline) -> Result<String, WriteError> {
    let mut out = String::with_capacity(doc.blocks.len().saturating_mul(256));
    let keys = doc.blocks.iter().map(Key::of);
    write_in_pieces(doc.format, newline, keys, |piece| {
        out.push_str(piece);
        Ok::<(), WriteError>(())
    })?;
    Ok(out)
}

/// A key to write: its full path, whether the line deletes it, its values.
#[derive(Debug, Clone)]
pub struct Key<'a> {
    /// The full key path.
    pub path: Cow<'a, str>,
    /// `[-path]`.
    pub delete: bool,
    /// The values, in order.
    pub values: &'a [RegValue],
}

impl<'a> Key<'a> {
    /// The key of `block`, as it is.
    pub fn of(block: &'a Block) -> Self {
        Key {
            path: Cow::Borrowed(&block.path),
            delete: block.delete,
            values: &block.values,
        }
    }
}

/// Roughly how much text [`write_in_pieces`] gathers before handing it on.
const PIECE: usize = 64 * 1024;

/// [`write()`] for keys that are not gathered in a [`Document`], handing the
/// text to `sink` a piece at a time (whole keys, about 64 KiB), so that a
/// large file can be encoded as it is written instead of being held whole
/// as text first.
pub fn write_in_pieces<'a, E: From<WriteError>>(
    format: Format,
    newline: Newline,
    keys: impl IntoIterator<Item = Key<'a>>,
    mut sink: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let nl = newline.as_str();
    let mut piece = String::with_capacity(PIECE.saturating_add(PIECE / 4));
    piece.push_str(format.header());
    piece.push_str(nl);
    for key in keys {
        piece.push_str(nl);
        write_key(&mut piece, &key, nl)?;
        if piece.len() >= PIECE {
            sink(&piece)?;
            piece.clear();
        }
    }
    piece.push_str(nl);
    sink(&piece)
}

/// Append `[path]` (or `[-path]`) and its value lines.
pub fn write_block(out: &mut String, block: &Block, nl: &str) -> Result<(), WriteError> {
    write_key(out, &Key::of(block), nl)
}

fn write_key(out: &mut String, key: &Key<'_>, nl: &str) -> Result<(), WriteError> {
    check_line("key path", &key.path)?;
    out.push('[');
    if key.delete {
        out.push('-');
    }
    out.push_str(&key.path);
    out.push(']');
    out.push_str(nl);
    for value in key.values {
        write_value(out, value, nl)?;
    }
    Ok(())
}

/// Append one value line (several when hex wraps), ending with `nl`.
pub fn write_value(out: &mut String, value: &RegValue, nl: &str) -> Result<(), WriteError> {
    let start = out.len();
    match &value.name {
        ValueName::Default => out.push('@'),
        ValueName::Named(name) => {
            check_nul("value name", name)?;
            push_quoted(out, name);
        }
    }
    out.push('=');
    match &value.data {
        RegData::String(text) => {
            check_nul("string", text)?;
            push_quoted(out, text);
        }
        RegData::Dword(n) => out.push_str(&format!("dword:{n:08x}")),
        RegData::Hex { kind, bytes } => {
            if *kind == kind::BINARY {
                out.push_str("hex:");
            } else {
                out.push_str(&format!("hex({kind:x}):"));
            }
            let column = out.get(start..).map_or(0, utf16_len);
            push_hex(out, bytes, column, nl);
        }
        RegData::Delete => out.push('-'),
    }
    out.push_str(nl);
    Ok(())
}

/// Comma-separated lowercase hex, broken with `\` once a line's column count
/// reaches [`WRAP_AT`]; continuation lines start with two spaces.
fn push_hex(out: &mut String, bytes: &[u8], mut column: usize, nl: &str) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let last = bytes.len().saturating_sub(1);
    for (i, byte) in bytes.iter().enumerate() {
        for digit in [byte >> 4, byte & 0xf] {
            out.push(
                DIGITS
                    .get(usize::from(digit))
                    .map_or('0', |&d| char::from(d)),
            );
        }
        column = column.saturating_add(2);
        if i < last {
            out.push(',');
            column = column.saturating_add(1);
            if column >= WRAP_AT {
                out.push('\\');
                out.push_str(nl);
                out.push_str("  ");
                column = 2;
            }
        }
    }
}

/// `text` quoted, with the escapes Regedit reads: `\\`, `\"`, and `\r`
/// and `\n` for line breaks (which would otherwise end the line).
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A value name or string may hold anything but NUL (Regedit refuses `\0`).
fn check_nul(what: &'static str, text: &str) -> Result<(), WriteError> {
    if text.contains('\0') {
        return Err(WriteError::LineBreak {
            what,
            text: text.to_owned(),
        });
    }
    Ok(())
}

fn check_line(what: &'static str, text: &str) -> Result<(), WriteError> {
    if text.contains(['\r', '\n', '\0']) {
        return Err(WriteError::LineBreak {
            what,
            text: text.to_owned(),
        });
    }
    Ok(())
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reg::document::Format;

    fn line(name: &str, data: RegData) -> String {
        let mut out = String::new();
        let value = RegValue::named(name, data);
        write_value(&mut out, &value, "\r\n").unwrap();
        out
    }

    #[test]
    fn wraps_like_regedit_21_then_25_bytes() {
        let bytes: Vec<u8> = (0..60).collect();
        let text = line(
            "001f662a",
            RegData::Hex {
                kind: kind::BINARY,
                bytes,
            },
        );
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0].matches(',').count(), 21);
        assert_eq!(lines[0].len(), 79);
        assert!(lines[1].starts_with("  ") && lines[1].ends_with(",\\"));
        assert_eq!(lines[1].matches(',').count(), 25);
        assert_eq!(lines[2], "  2e,2f,30,31,32,33,34,35,36,37,38,39,3a,3b");
    }

    #[test]
    fn dword_and_escapes() {
        assert_eq!(
            line("a\"b", RegData::Dword(0x1d1)),
            "\"a\\\"b\"=dword:000001d1\r\n"
        );
        assert_eq!(
            line("p", RegData::String("C:\\x".into())),
            "\"p\"=\"C:\\\\x\"\r\n"
        );
        assert_eq!(
            line(
                "t",
                RegData::Hex {
                    kind: 0xb,
                    bytes: vec![1, 0]
                }
            ),
            "\"t\"=hex(b):01,00\r\n"
        );
    }

    #[test]
    fn document_layout() {
        let doc = Document {
            format: Format::Regedit5,
            blocks: vec![
                Block::key("HKEY_CURRENT_USER\\a", vec![]),
                Block {
                    path: "HKEY_CURRENT_USER\\b".into(),
                    delete: true,
                    values: vec![],
                },
            ],
        };
        assert_eq!(
            write(&doc, Newline::CrLf).unwrap(),
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\a]\r\n\r\n[-HKEY_CURRENT_USER\\b]\r\n\r\n"
        );
    }

    #[test]
    fn line_breaks_are_escaped_and_nul_is_refused() {
        let mut out = String::new();
        let value = RegValue {
            name: ValueName::Named("x\n[HKEY_LOCAL_MACHINE\\evil]".into()),
            data: RegData::String("a\r\nb".into()),
        };
        write_value(&mut out, &value, "\r\n").unwrap();
        assert_eq!(out, "\"x\\n[HKEY_LOCAL_MACHINE\\\\evil]\"=\"a\\r\\nb\"\r\n");
        let err = write_value(
            &mut String::new(),
            &RegValue::named("x\0y", RegData::Dword(1)),
            "\r\n",
        )
        .unwrap_err();
        assert!(matches!(
            err,
            WriteError::LineBreak {
                what: "value name",
                ..
            }
        ));
    }
}
