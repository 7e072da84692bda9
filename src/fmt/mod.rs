//! `fmt`: a file tidied line by line without changing what it does or losing
//! a line of it. Comments stay where they were written, keys and sections
//! stay in their order (a `.reg` is sorted as Regedit exports only when
//! asked), lines Regedit or Outlook would skip are kept as written, and the
//! file keeps its encoding unless another is asked for. Lines end in CRLF,
//! as Regedit and the Office Customization Tool write them. A YAML document
//! is written as `show` writes it.

mod prf;
mod reg;

use crate::convert::ConvertError;
use crate::input::{Document, Profiles};
use crate::text::{Encoding, Newline, TextFormat};

/// How to tidy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FmtOptions {
    /// Order a `.reg`'s keys as Regedit exports them (each key with the
    /// comments written above it), unless the file deletes keys.
    pub sort: bool,
    /// Write in this encoding instead of the file's own.
    pub encoding: Option<OutputEncoding>,
}

/// An encoding `fmt` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputEncoding {
    /// UTF-16 LE with a byte-order mark: what Regedit exports, and a
    /// Unicode `.prf`.
    Utf16,
    /// The ANSI code page (`--codepage`, Windows-1252 by default).
    Ansi,
    /// UTF-8 with a byte-order mark (`.prf` only: Regedit imports nothing
    /// from such a `.reg`).
    Utf8,
}

/// A tidied file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// Its text.
    pub text: String,
    /// How to write it.
    pub format: TextFormat,
    /// What the user should know about the result.
    pub note: Option<&'static str>,
}

/// Why a file cannot be tidied as asked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FmtError {
    /// `--encoding utf8` for a `.reg`.
    #[error(
        "Regedit imports nothing from a UTF-8 .reg with a byte-order mark, and reads one without as ANSI: use --encoding utf16 or ansi"
    )]
    Utf8Reg,
}

/// `doc` tidied, in the form it was read from.
pub fn format(doc: &Document, options: &FmtOptions) -> Result<Formatted, ConvertError> {
    match doc {
        Document::Reg(input) => {
            let (text, note) = reg::tidy(input, options.sort)?;
            let format = match options.encoding {
                Some(OutputEncoding::Utf8) => return Err(FmtError::Utf8Reg.into()),
                wanted => encoded(input.format, wanted, input.codepage),
            };
            Ok(Formatted { text, format, note })
        }
        Document::Prf(input) => Ok(Formatted {
            text: prf::tidy(&input.text),
            format: encoded(input.format, options.encoding, input.source().codepage),
            note: None,
        }),
        Document::Model {
            from: crate::Format::Yaml,
            profiles,
            ..
        } => {
            let text = match profiles {
                Profiles::Registry(model) => {
                    crate::yaml::write(model, &crate::yaml::WriteOptions::default())?
                }
                Profiles::Prf(model) => crate::yaml::write_prf(model),
            };
            Ok(Formatted {
                text,
                format: TextFormat {
                    encoding: Encoding::Utf8,
                    bom: false,
                    newline: Newline::Lf,
                },
                note: None,
            })
        }
        Document::Model { from, .. } => Err(ConvertError::NotWritten(*from)),
    }
}

/// The format to write a file read as `read` in: its own encoding, or the
/// one asked for; CRLF either way.
fn encoded(
    read: TextFormat,
    wanted: Option<OutputEncoding>,
    codepage: &'static encoding_rs::Encoding,
) -> TextFormat {
    let (encoding, bom) = match wanted {
        None => (read.encoding, read.bom),
        Some(OutputEncoding::Utf16) => (Encoding::Utf16Le, true),
        Some(OutputEncoding::Ansi) => (Encoding::CodePage(codepage), false),
        Some(OutputEncoding::Utf8) => (Encoding::Utf8, true),
    };
    TextFormat {
        encoding,
        bom,
        newline: Newline::CrLf,
    }
}
