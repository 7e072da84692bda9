//! Bytes ↔ text: byte-order marks, UTF-16, UTF-8, ANSI code pages and
//! newline style.
//!
//! [`decode`] turns a file's bytes into a `String` and remembers how they were
//! written ([`TextFormat`]) so that [`encode`] reproduces them. Nothing here
//! knows about `.reg` or `.prf` syntax; the caller says what to assume when a
//! file has no byte-order mark.

use std::fmt;

use encoding_rs::{Decoder, DecoderResult, Encoding as CodePage};
use thiserror::Error;

/// How the characters of a file are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16, little-endian (what Regedit writes).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// UTF-8.
    Utf8,
    /// A single- or multi-byte Windows ANSI code page.
    CodePage(&'static CodePage),
}

impl Encoding {
    /// The name used in YAML `source:` blocks and messages.
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Utf8 => "utf-8",
            Encoding::CodePage(cp) => cp.name(),
        }
    }

    /// The encoding named `name` as written by [`Encoding::name`], or a code page.
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-16le" => Some(Encoding::Utf16Le),
            "utf-16be" => Some(Encoding::Utf16Be),
            "utf-8" => Some(Encoding::Utf8),
            _ => code_page(name).map(Encoding::CodePage),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The line ending a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Newline {
    /// `\r\n`, as Windows tools write.
    #[default]
    CrLf,
    /// `\n`.
    Lf,
    /// A lone `\r`.
    Cr,
}

impl Newline {
    /// The characters of this line ending.
    pub fn as_str(&self) -> &'static str {
        match self {
            Newline::CrLf => "\r\n",
            Newline::Lf => "\n",
            Newline::Cr => "\r",
        }
    }

    /// The name used in YAML `source:` blocks.
    pub fn name(&self) -> &'static str {
        match self {
            Newline::CrLf => "crlf",
            Newline::Lf => "lf",
            Newline::Cr => "cr",
        }
    }

    /// The newline named `name` as written by [`Newline::name`].
    pub fn from_name(name: &str) -> Option<Newline> {
        match name.to_ascii_lowercase().as_str() {
            "crlf" => Some(Newline::CrLf),
            "lf" => Some(Newline::Lf),
            "cr" => Some(Newline::Cr),
            _ => None,
        }
    }

    /// The first line ending found in `text`, or CRLF when there is none.
    pub fn detect(text: &str) -> Newline {
        let bytes = text.as_bytes();
        match bytes.iter().position(|&b| b == b'\r' || b == b'\n') {
            Some(i) if bytes.get(i) == Some(&b'\n') => Newline::Lf,
            Some(i) if bytes.get(i.saturating_add(1)) == Some(&b'\n') => Newline::CrLf,
            Some(_) => Newline::Cr,
            None => Newline::CrLf,
        }
    }
}

/// Everything needed to write text back the way it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFormat {
    /// Character encoding.
    pub encoding: Encoding,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
    /// Line ending.
    pub newline: Newline,
}

impl TextFormat {
    /// What Regedit writes: UTF-16LE with a BOM and CRLF.
    pub const REGEDIT5: TextFormat = TextFormat {
        encoding: Encoding::Utf16Le,
        bom: true,
        newline: Newline::CrLf,
    };

    /// This format for a `.reg`: as it is when Regedit reads it (UTF-16 LE
    /// after its byte-order mark, or ANSI text without one), else UTF-16 LE
    /// with a byte-order mark, as Regedit exports (Regedit would read UTF-8
    /// as ANSI, and refuses the rest). The line ending stays.
    pub fn for_regedit(self) -> TextFormat {
        match (self.encoding, self.bom) {
            (Encoding::Utf16Le, true) | (Encoding::CodePage(_), false) => self,
            _ => TextFormat {
                newline: self.newline,
                ..TextFormat::REGEDIT5
            },
        }
    }
}

/// What to assume for a file without a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBom {
    /// Strict UTF-8.
    Utf8,
    /// An ANSI code page.
    CodePage(&'static CodePage),
}

/// Text decoded from bytes, with how it was stored.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The characters, line endings untouched.
    pub text: String,
    /// How the bytes were written.
    pub format: TextFormat,
}

/// Why bytes could not be turned into text, or text into bytes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TextError {
    /// A UTF-16 file with an odd number of bytes, e.g. a truncated download.
    #[error("odd number of bytes ({len}) for UTF-16 text: the file is truncated or not UTF-16")]
    OddUtf16 {
        /// Length of the file in bytes.
        len: usize,
    },
    /// Bytes that are not valid in the encoding, e.g. `ff fe` in UTF-8.
    #[error("byte offset {offset}: bytes are not valid {encoding}{hint}")]
    Invalid {
        /// Offset of the first bad byte in the file.
        offset: usize,
        /// The encoding that was assumed.
        encoding: &'static str,
        /// A suggestion, e.g. to pass `--codepage`.
        hint: &'static str,
    },
    /// A NUL character outside UTF-16: an image, an archive, a hive file.
    #[error("byte offset {offset}: NUL byte: this is a binary file, not text")]
    Binary {
        /// Offset of the NUL byte.
        offset: usize,
    },
    /// Many control bytes: an executable, an archive.
    #[error("byte offset {offset}: control bytes: this is a binary file, not text")]
    Control {
        /// Offset of the first control byte.
        offset: usize,
    },
    /// A character that the target code page cannot hold, e.g. `€` in ISO-8859-1.
    #[error("character {ch:?} cannot be written in {encoding}")]
    Unmappable {
        /// The character.
        ch: char,
        /// The target encoding.
        encoding: &'static str,
    },
}

/// The code page named by `label`: a Windows number (`1252`, `932`) or a
/// WHATWG label (`windows-1252`, `shift_jis`).
pub fn code_page(label: &str) -> Option<&'static CodePage> {
    let label = label.trim();
    let named = match label {
        "874" => "windows-874",
        "932" => "shift_jis",
        "936" => "gbk",
        "949" => "euc-kr",
        "950" => "big5",
        "866" => "ibm866",
        "20866" => "koi8-r",
        "21866" => "koi8-u",
        "54936" => "gb18030",
        "1250" | "1251" | "1252" | "1253" | "1254" | "1255" | "1256" | "1257" | "1258" => {
            return CodePage::for_label(format!("windows-{label}").as_bytes());
        }
        n if n.starts_with("2859") && n.len() == 5 => {
            return CodePage::for_label(format!("iso-8859-{}", n.get(4..)?).as_bytes());
        }
        other => other,
    };
    CodePage::for_label(named.as_bytes()).filter(|cp| {
        // UTF-16 and the replacement encoding are not ANSI code pages.
        *cp != encoding_rs::UTF_16LE
            && *cp != encoding_rs::UTF_16BE
            && *cp != encoding_rs::REPLACEMENT
    })
}

/// Decode `bytes`: a byte-order mark decides the encoding; without one,
/// UTF-16 is recognised by its zero bytes and anything else follows `no_bom`.
pub fn decode(bytes: &[u8], no_bom: NoBom) -> Result<Decoded, TextError> {
    let (encoding, bom, body) = sniff(bytes, no_bom);
    let bom_len = bytes.len().saturating_sub(body.len());
    let text = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            decode_utf16(body, encoding == Encoding::Utf16Le, bom_len, bytes.len())?
        }
        Encoding::Utf8 => decode_utf8(body, bom_len)?,
        Encoding::CodePage(cp) => decode_code_page(body, cp, bom_len)?,
    };
    Ok(Decoded {
        format: TextFormat {
            encoding,
            bom,
            newline: Newline::detect(&text),
        },
        text,
    })
}

/// Encode `text` as `format` says, with its byte-order mark if it has one.
pub fn encode(text: &str, format: &TextFormat) -> Result<Vec<u8>, TextError> {
    let mut encoder = Encoder::new(format, text.len());
    encoder.push(text)?;
    Ok(encoder.finish())
}

/// The bytes of a text written a piece at a time: the byte-order mark, then
/// each piece encoded as it comes, into room reserved once (so a large file
/// is never held whole as text beside its bytes, and its buffer does not
/// grow by copies).
#[derive(Debug)]
pub struct Encoder {
    out: Vec<u8>,
    encoding: Encoding,
}

impl Encoder {
    /// An encoder for about `text_len` bytes of text in `format`.
    pub fn new(format: &TextFormat, text_len: usize) -> Self {
        let per_byte = match format.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf8 | Encoding::CodePage(_) => 1,
        };
        let mut out = Vec::with_capacity(text_len.saturating_mul(per_byte).saturating_add(3));
        out.extend_from_slice(bom(format));
        Encoder {
            out,
            encoding: format.encoding,
        }
    }

    /// Encode the next piece.
    pub fn push(&mut self, text: &str) -> Result<(), TextError> {
        encode_into(&mut self.out, text, self.encoding)
    }

    /// The bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// The byte-order mark `format` starts with; empty when it has none.
pub fn bom(format: &TextFormat) -> &'static [u8] {
    match (format.bom, format.encoding) {
        (false, _) | (true, Encoding::CodePage(_)) => &[],
        (true, Encoding::Utf16Le) => &[0xFF, 0xFE],
        (true, Encoding::Utf16Be) => &[0xFE, 0xFF],
        (true, Encoding::Utf8) => &[0xEF, 0xBB, 0xBF],
    }
}

/// Append `text` to `out` in `encoding`, without a byte-order mark: the
/// pieces of a text written a piece at a time.
pub fn encode_into(out: &mut Vec<u8>, text: &str, encoding: Encoding) -> Result<(), TextError> {
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            // two bytes per UTF-8 byte of ASCII text, fewer for the rest
            out.reserve(text.len().saturating_mul(2));
            let little = encoding == Encoding::Utf16Le;
            for unit in text.encode_utf16() {
                out.extend_from_slice(&if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
        }
        Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        Encoding::CodePage(cp) => encode_code_page_into(out, text, cp)?,
    }
    Ok(())
}

/// Encode `text` in code page `cp`, failing on the first character it lacks.
pub fn encode_code_page(text: &str, cp: &'static CodePage) -> Result<Vec<u8>, TextError> {
    let mut out = Vec::new();
    encode_code_page_into(&mut out, text, cp)?;
    Ok(out)
}

/// [`encode_code_page`] appending to `out`: ASCII text is copied once, with
/// no bytes of its own beside `out`.
fn encode_code_page_into(
    out: &mut Vec<u8>,
    text: &str,
    cp: &'static CodePage,
) -> Result<(), TextError> {
    if text.is_ascii() && cp.is_ascii_compatible() {
        out.extend_from_slice(text.as_bytes());
        return Ok(());
    }
    let (bytes, _, had_errors) = cp.encode(text);
    if had_errors {
        let ch = text
            .chars()
            .find(|c| cp.encode(c.encode_utf8(&mut [0; 4])).2)
            .unwrap_or('\u{FFFD}');
        return Err(TextError::Unmappable {
            ch,
            encoding: cp.name(),
        });
    }
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Decode `bytes` in code page `cp`, strictly; offsets are relative to `bytes`.
pub fn decode_code_page_strict(bytes: &[u8], cp: &'static CodePage) -> Result<String, TextError> {
    decode_code_page(bytes, cp, 0)
}

fn sniff(bytes: &[u8], no_bom: NoBom) -> (Encoding, bool, &[u8]) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, true, rest);
    }
    match bytes {
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Le, false, bytes),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Be, false, bytes),
        _ => match no_bom {
            NoBom::Utf8 => (Encoding::Utf8, false, bytes),
            NoBom::CodePage(cp) => (Encoding::CodePage(cp), false, bytes),
        },
    }
}

fn decode_utf16(
    body: &[u8],
    little: bool,
    bom_len: usize,
    total: usize,
) -> Result<String, TextError> {
    if !body.len().is_multiple_of(2) {
        return Err(TextError::OddUtf16 { len: total });
    }
    // the fast path: encoding_rs decodes well-formed UTF-16 in bulk; only a
    // file with a NUL or a broken surrogate takes the slow path below, which
    // finds where
    let codec = if little {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let mut decoder = codec.new_decoder_without_bom_handling();
    if let Ok(text) = decode_growing(&mut decoder, body, body.len() / 2)
        && !text.as_bytes().contains(&0)
    {
        return Ok(text);
    }
    let units = body.chunks_exact(2).map(|pair| match pair {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut offset = bom_len;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok('\0') => return Err(TextError::Binary { offset }),
            Ok(c) => {
                offset = offset.saturating_add(c.len_utf16().saturating_mul(2));
                text.push(c);
            }
            Err(_) => {
                return Err(TextError::Invalid {
                    offset,
                    encoding: if little { "UTF-16LE" } else { "UTF-16BE" },
                    hint: " (unpaired surrogate)",
                });
            }
        }
    }
    Ok(text)
}

fn decode_utf8(body: &[u8], bom_len: usize) -> Result<String, TextError> {
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return Err(TextError::Binary {
            offset: bom_len.saturating_add(nul),
        });
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        not_text(body, bom_len).unwrap_or(TextError::Invalid {
            offset: bom_len.saturating_add(e.valid_up_to()),
            encoding: "UTF-8",
            hint: "; if the file is in an ANSI code page, pass --codepage (e.g. --codepage 1252)",
        })
    })?;
    reject_nul(text, bom_len)?;
    Ok(text.to_owned())
}

fn decode_code_page(
    body: &[u8],
    cp: &'static CodePage,
    bom_len: usize,
) -> Result<String, TextError> {
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return Err(TextError::Binary {
            offset: bom_len.saturating_add(nul),
        });
    }
    let mut decoder = cp.new_decoder_without_bom_handling();
    decode_growing(&mut decoder, body, body.len()).map_err(|at| {
        not_text(body, bom_len).unwrap_or(TextError::Invalid {
            offset: bom_len.saturating_add(at),
            encoding: cp.name(),
            hint: "; pass --codepage to name the code page the file was written in",
        })
    })
}

/// Decode all of `body`, starting with room for `expected` bytes of text and
/// growing only when the text needs it, instead of reserving the worst case
/// (three bytes per input byte) for the whole file. On a malformed sequence,
/// its offset in `body`.
fn decode_growing(decoder: &mut Decoder, body: &[u8], expected: usize) -> Result<String, usize> {
    let mut text = String::with_capacity(expected.saturating_add(16));
    let mut done: usize = 0;
    loop {
        let rest = body.get(done..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        done = done.saturating_add(read);
        match result {
            DecoderResult::InputEmpty => {
                text.shrink_to_fit();
                return Ok(text);
            }
            DecoderResult::OutputFull => {
                text.reserve_exact(body.len().saturating_sub(done).saturating_add(16));
            }
            DecoderResult::Malformed(bad, after) => {
                return Err(done
                    .saturating_sub(usize::from(bad))
                    .saturating_sub(usize::from(after)));
            }
        }
    }
}

/// Bytes that do not decode, said to be a binary file rather than text in
/// another code page when they look like one.
fn not_text(body: &[u8], bom_len: usize) -> Option<TextError> {
    binary_control(body).map(|at| TextError::Control {
        offset: bom_len.saturating_add(at),
    })
}

/// Where the first of many control bytes is, when the start of `body` has
/// more of them than text does (an executable or archive without a NUL in
/// its first bytes).
fn binary_control(body: &[u8]) -> Option<usize> {
    let head = body.get(..body.len().min(4096)).unwrap_or(body);
    let is_control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    let count = head.iter().filter(|b| is_control(b)).count();
    // one in sixteen bytes: text has next to none
    (count > 0 && count.saturating_mul(16) >= head.len())
        .then(|| head.iter().position(is_control))?
}

fn reject_nul(text: &str, bom_len: usize) -> Result<(), TextError> {
    match text.bytes().position(|b| b == 0) {
        Some(i) => Err(TextError::Binary {
            offset: bom_len.saturating_add(i),
        }),
        None => Ok(()),
    }
}

/// Characters that are not what they look like in a terminal or an editor:
/// line and paragraph separators, the byte-order mark, zero-width spaces and
/// the controls of text direction (U+202E shows `exe.txt` for `txt.exe`).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` as a terminal may show it: control characters (an escape
/// sequence would drive the terminal) and the invisible characters that
/// reorder or hide text (U+202E, U+2066 …) written as `\u{…}`, as `git` and
/// `rustc` do; anything else as it is.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| (c.is_control() && c != '\t') || is_invisible(c);
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(8));
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_made_visible() {
        assert_eq!(visible("mail.example.com"), "mail.example.com");
        assert_eq!(visible("a\u{202e}gpj.exe"), "a\\u{202e}gpj.exe");
        assert_eq!(visible("\x1b[31mred"), "\\u{1b}[31mred");
        assert_eq!(visible("a\tb"), "a\tb");
    }

    fn cp1252() -> &'static CodePage {
        encoding_rs::WINDOWS_1252
    }

    #[test]
    fn a_binary_file_is_called_one_before_any_code_page_is_blamed() {
        // an executable's first bytes, without a NUL among them
        let exe = b"MZ\x90\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\xff\xff";
        let err = decode(exe, NoBom::CodePage(encoding_rs::SHIFT_JIS))
            .unwrap_err()
            .to_string();
        assert!(err.contains("binary file"), "{err}");
        // Windows-1252 decodes every byte: such a file is read as written
        assert!(decode(exe, NoBom::CodePage(cp1252())).is_ok());
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(b"PK\x03\x04\x00\xff");
        let err = decode(&utf8, NoBom::CodePage(cp1252()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("binary file"), "{err}");
        // a form feed or a tab now and then is text
        assert!(decode(b"a\tb\x0cc\r\nd", NoBom::CodePage(cp1252())).is_ok());
    }

    #[test]
    fn utf16le_with_bom_round_trips() {
        let bytes = [0xFF, 0xFE, b'a', 0, b'\r', 0, b'\n', 0];
        let decoded = decode(&bytes, NoBom::Utf8).unwrap();
        assert_eq!(decoded.text, "a\r\n");
        assert_eq!(decoded.format, TextFormat::REGEDIT5);
        assert_eq!(encode(&decoded.text, &decoded.format).unwrap(), bytes);
    }

    #[test]
    fn utf16be_and_bomless_utf16_are_recognised() {
        let be = [0xFE, 0xFF, 0, b'a', 0, b'b'];
        assert_eq!(decode(&be, NoBom::Utf8).unwrap().text, "ab");
        let bare = [b'a', 0, b'b', 0];
        let decoded = decode(&bare, NoBom::Utf8).unwrap();
        assert_eq!(decoded.format.encoding, Encoding::Utf16Le);
        assert!(!decoded.format.bom);
        assert_eq!(encode(&decoded.text, &decoded.format).unwrap(), bare);
    }

    #[test]
    fn odd_length_utf16_is_an_error() {
        let bytes = [0xFF, 0xFE, b'a', 0, b'b'];
        assert_eq!(
            decode(&bytes, NoBom::Utf8).unwrap_err(),
            TextError::OddUtf16 { len: 5 }
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let bytes = b"abc\xffdef";
        let err = decode(bytes, NoBom::Utf8).unwrap_err();
        assert!(matches!(err, TextError::Invalid { offset: 3, .. }), "{err}");
        assert!(err.to_string().contains("--codepage"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(b"ab\0cd", NoBom::CodePage(cp1252())).unwrap_err();
        assert_eq!(err, TextError::Binary { offset: 2 });
    }

    #[test]
    fn code_page_1252_round_trips_every_byte_but_nul() {
        let bytes: Vec<u8> = (1..=255).collect();
        let decoded = decode(&bytes, NoBom::CodePage(cp1252())).unwrap();
        assert_eq!(encode(&decoded.text, &decoded.format).unwrap(), bytes);
    }

    #[test]
    fn unmappable_characters_are_named() {
        let err = encode_code_page("Grüße ☃", cp1252()).unwrap_err();
        assert_eq!(
            err,
            TextError::Unmappable {
                ch: '☃',
                encoding: "windows-1252"
            }
        );
    }

    #[test]
    fn shift_jis_errors_point_at_the_bad_byte() {
        let cp = code_page("932").unwrap();
        let err = decode(b"ok\x81", NoBom::CodePage(cp)).unwrap_err();
        assert!(matches!(err, TextError::Invalid { offset: 2, .. }), "{err}");
    }

    #[test]
    fn text_longer_than_its_first_estimate_decodes_whole() {
        // three UTF-8 bytes for every two UTF-16 bytes, more than the
        // one byte per unit the decoder starts with
        let text = "受信トレイ\r\n".repeat(5_000);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, NoBom::Utf8).unwrap().text, text);

        let cp = code_page("932").unwrap();
        let (sjis, _, _) = cp.encode(&text);
        assert_eq!(decode(&sjis, NoBom::CodePage(cp)).unwrap().text, text);
        let mut broken = sjis.into_owned();
        broken.insert(4_000, 0x81);
        broken.insert(4_001, b'\n');
        let err = decode(&broken, NoBom::CodePage(cp)).unwrap_err();
        assert!(
            matches!(err, TextError::Invalid { offset: 4_000, .. }),
            "{err}"
        );
    }

    #[test]
    fn code_page_labels() {
        assert_eq!(code_page("1252").unwrap().name(), "windows-1252");
        assert_eq!(code_page("windows-1250").unwrap().name(), "windows-1250");
        assert_eq!(code_page("28592").unwrap().name(), "ISO-8859-2");
        assert!(code_page("utf-16le").is_none());
        assert!(code_page("nonsense").is_none());
    }

    #[test]
    fn newline_detection() {
        assert_eq!(Newline::detect("a\r\nb"), Newline::CrLf);
        assert_eq!(Newline::detect("a\nb"), Newline::Lf);
        assert_eq!(Newline::detect("a\rb"), Newline::Cr);
        assert_eq!(Newline::detect("ab"), Newline::CrLf);
    }
}
