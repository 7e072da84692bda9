//! Reading a file's bytes into a parsed document: the text layer and a
//! format's parser together. No I/O: callers pass the bytes.

use encoding_rs::Encoding as CodePage;
use thiserror::Error;

use crate::diag::Warning;
use crate::reg;
use crate::text::{self, Decoded, NoBom, TextFormat};

/// A `.reg` file read from bytes.
#[derive(Debug, Clone)]
pub struct RegInput {
    /// The decoded text.
    pub text: String,
    /// How the bytes were written.
    pub format: TextFormat,
    /// The lossless syntax tree.
    pub parsed: reg::Parsed,
    /// What the file asks Regedit to do.
    pub document: reg::Document,
    /// What the parser tolerated or Regedit would skip.
    pub warnings: Vec<Warning>,
}

/// Why bytes could not be read as a document.
#[derive(Debug, Error)]
pub enum InputError {
    /// The bytes are not text in the expected encoding.
    #[error(transparent)]
    Text(#[from] text::TextError),
    /// The text is not a `.reg` file.
    #[error(transparent)]
    Reg(#[from] reg::ParseError),
}

/// Read a `.reg` file. Without a byte-order mark, a `REGEDIT4` file is in an
/// ANSI code page (`codepage`, Windows-1252 by default); any other file is
/// UTF-8 unless `codepage` is given.
pub fn read_reg(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<RegInput, InputError> {
    let no_bom = match codepage {
        Some(cp) => NoBom::CodePage(cp),
        None if bytes.starts_with(b"REGEDIT4") => NoBom::CodePage(encoding_rs::WINDOWS_1252),
        None => NoBom::Utf8,
    };
    let Decoded { text, format } = text::decode(bytes, no_bom)?;
    let parsed = reg::parse(&text)?;
    let (document, mut warnings) = parsed.file.document(&text, &parsed.lines);
    let mut all = parsed.warnings.clone();
    all.append(&mut warnings);
    all.sort_by_key(|w| w.location);
    Ok(RegInput {
        text,
        format,
        parsed,
        document,
        warnings: all,
    })
}
