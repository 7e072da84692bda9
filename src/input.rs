//! Reading a file's bytes into a document or a model: the text layer and a
//! format's parser together. No I/O: callers pass the bytes.

use encoding_rs::Encoding as CodePage;
use thiserror::Error;

use crate::diag::Warning;
use crate::model::{Model, Source};
use crate::prf::{PrfModel, PrfSource};
use crate::text::{self, Decoded, NoBom, TextFormat};
use crate::{prf, reg, yaml};

/// A `.reg` file read from bytes.
#[derive(Debug, Clone)]
pub struct RegInput {
    /// The decoded text.
    pub text: String,
    /// How the bytes were written.
    pub format: TextFormat,
    /// The lossless syntax tree.
    pub parsed: reg::Parsed,
    /// Which of the tree's values Regedit would import where.
    layout: reg::Layout,
    /// What the parser tolerated or Regedit would skip.
    pub warnings: Vec<Warning>,
    /// ANSI code page for `PT_STRING8` bytes (and the text of a REGEDIT4 file).
    pub codepage: &'static CodePage,
}

impl RegInput {
    /// How the file was written, enough to write it back the same way.
    pub fn source(&self) -> Source {
        Source {
            format: self.parsed.file.format,
            text: self.format,
            codepage: self.codepage,
        }
    }

    /// What the file asks Regedit to do.
    pub fn document(&self) -> reg::Document {
        self.layout.document(&self.parsed.file)
    }

    /// [`RegInput::document`] without copying the values.
    pub fn into_document(self) -> reg::Document {
        self.layout.into_document(self.parsed.file)
    }

    /// The document grouped by profile, and the warnings of that grouping.
    pub fn model(&self) -> (Model, Vec<Warning>) {
        Model::from_document(self.document(), self.source())
    }

    /// [`RegInput::model`] without copying the values; the text and the tree
    /// are freed before the grouping.
    pub fn into_model(self) -> (Model, Vec<Warning>) {
        let source = self.source();
        Model::from_document(self.into_document(), source)
    }
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
    /// The text is not a mapiprof YAML document.
    #[error(transparent)]
    Yaml(#[from] yaml::YamlError),
}

/// Read a `.reg` file. Without a byte-order mark, a `REGEDIT4` file is in an
/// ANSI code page (`codepage`, Windows-1252 by default); any other file is
/// UTF-8 unless `codepage` is given.
pub fn read_reg(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<RegInput, InputError> {
    let decoded = decode_reg(bytes, codepage)?;
    parse_reg(decoded, codepage)
}

/// [`read_reg`] that frees the bytes as soon as they are decoded, so that a
/// large file is never held as bytes, text and tree at once.
pub fn read_reg_owned(
    bytes: Vec<u8>,
    codepage: Option<&'static CodePage>,
) -> Result<RegInput, InputError> {
    let decoded = decode_reg(&bytes, codepage)?;
    drop(bytes);
    parse_reg(decoded, codepage)
}

fn decode_reg(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<Decoded, InputError> {
    let no_bom = match codepage {
        Some(cp) => NoBom::CodePage(cp),
        None if bytes.starts_with(b"REGEDIT4") => NoBom::CodePage(encoding_rs::WINDOWS_1252),
        None => NoBom::Utf8,
    };
    Ok(text::decode(bytes, no_bom)?)
}

fn parse_reg(
    Decoded { text, format }: Decoded,
    codepage: Option<&'static CodePage>,
) -> Result<RegInput, InputError> {
    let parsed = reg::parse(&text)?;
    let (layout, mut warnings) = parsed.file.layout(&text, &parsed.lines);
    let mut all = parsed.warnings.clone();
    all.append(&mut warnings);
    all.sort_by_key(|w| w.location);
    let codepage = codepage.unwrap_or(match format.encoding {
        text::Encoding::CodePage(cp) => cp,
        _ => encoding_rs::WINDOWS_1252,
    });
    Ok(RegInput {
        text,
        format,
        parsed,
        layout,
        warnings: all,
        codepage,
    })
}

/// A `.prf` file read from bytes.
#[derive(Debug, Clone)]
pub struct PrfInput {
    /// The decoded text.
    pub text: String,
    /// How the bytes were written.
    pub format: TextFormat,
    /// The lossless line tree and what Outlook would skip.
    pub parsed: prf::Parsed,
}

impl PrfInput {
    /// How the file was written.
    pub fn source(&self) -> PrfSource {
        let codepage = match self.format.encoding {
            text::Encoding::CodePage(cp) => cp,
            _ => encoding_rs::WINDOWS_1252,
        };
        PrfSource {
            text: self.format,
            codepage,
        }
    }

    /// The settings, with warnings about repeats and sections Outlook
    /// ignores (the line warnings are in `parsed.warnings`).
    pub fn model(&self) -> (PrfModel, Vec<Warning>) {
        let (doc, mut warnings) = prf::Document::new(&self.text, &self.parsed);
        let (model, more) = PrfModel::from_document(&doc, self.source());
        warnings.extend(more);
        (model, warnings)
    }
}

/// Read a `.prf` file. A byte-order mark decides the encoding; without one,
/// text that is valid UTF-8 and not plain ASCII is UTF-8, anything else is
/// in the ANSI code page `codepage` (Windows-1252 by default), as Outlook
/// reads it.
pub fn read_prf(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<PrfInput, InputError> {
    let no_bom = match codepage {
        Some(cp) => NoBom::CodePage(cp),
        None if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => NoBom::Utf8,
        None => NoBom::CodePage(encoding_rs::WINDOWS_1252),
    };
    let Decoded { text, format } = text::decode(bytes, no_bom)?;
    let parsed = prf::parse(&text);
    Ok(PrfInput {
        text,
        format,
        parsed,
    })
}

/// Read a YAML document of a registry export: UTF-8, with or without a
/// byte-order mark.
pub fn read_yaml(bytes: &[u8]) -> Result<Model, InputError> {
    Ok(yaml::read(&yaml_text(bytes)?)?)
}

/// Read a YAML document of either kind.
pub fn read_yaml_document(bytes: &[u8]) -> Result<yaml::Document, InputError> {
    Ok(yaml::read_document(&yaml_text(bytes)?)?)
}

fn yaml_text(bytes: &[u8]) -> Result<String, InputError> {
    let text = text::decode(bytes, NoBom::Utf8)?;
    if text.format.encoding != text::Encoding::Utf8 {
        return Err(yaml::YamlError::Syntax(format!(
            "YAML must be UTF-8, not {}",
            text.format.encoding
        ))
        .into());
    }
    Ok(text.text)
}

/// Whether `bytes` start like a `.reg` file (after any byte-order mark).
pub fn looks_like_reg(bytes: &[u8]) -> bool {
    let text = head(bytes, 256);
    text.starts_with(reg::Format::Regedit5.header())
        || text.starts_with(reg::Format::Regedit4.header())
}

/// Whether `bytes` look like a `.prf`: the first line that is neither blank
/// nor a comment is a `[Section]` header (a YAML document starts with a key).
pub fn looks_like_prf(bytes: &[u8]) -> bool {
    let text = head(bytes, 4096);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with([';', '\'', '#']))
        .is_some_and(|l| l.starts_with('[') && !looks_like_reg(bytes))
}

/// The first `limit` bytes of a file as text, whatever its encoding.
fn head(bytes: &[u8], limit: usize) -> String {
    // An even-length prefix keeps UTF-16 whole; a cut UTF-8 sequence at the
    // end is dropped by the lossy fallback.
    let head = bytes.get(..bytes.len().min(limit) & !1).unwrap_or(bytes);
    let text = match text::decode(head, NoBom::Utf8) {
        Ok(decoded) => decoded.text,
        Err(_) => String::from_utf8_lossy(head).into_owned(),
    };
    text.trim_start_matches('\u{feff}').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reg_files_are_recognised_in_any_encoding() {
        assert!(looks_like_reg(b"REGEDIT4\r\n"));
        assert!(looks_like_prf(b";comment\r\n\r\n[General]\r\nCustom=1\r\n"));
        assert!(!looks_like_prf(b"mapiprof: 1\n"));
        assert!(!looks_like_prf(b"REGEDIT4\r\n[HKEY_CURRENT_USER\\X]\r\n"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Windows Registry Editor Version 5.00\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert!(looks_like_reg(&utf16));
        assert!(!looks_like_reg(b"mapiprof: 1\n"));
    }

    #[test]
    fn yaml_must_be_utf8() {
        let utf16 = [0xFF, 0xFE, b'm', 0];
        assert!(matches!(read_yaml(&utf16), Err(InputError::Yaml(_))));
        assert!(read_yaml(b"\xef\xbb\xbfmapiprof: 1\n").is_ok());
    }

    #[test]
    fn prf_encoding_follows_the_bom_then_utf8_then_the_code_page() {
        let utf8 = read_prf("[General]\nProfileName=Büro\n".as_bytes(), None).unwrap();
        assert_eq!(utf8.format.encoding, text::Encoding::Utf8);
        assert!(utf8.text.contains("Büro"));

        let ansi = read_prf(b"[General]\nProfileName=B\xfcro\n", None).unwrap();
        assert_eq!(
            ansi.format.encoding,
            text::Encoding::CodePage(encoding_rs::WINDOWS_1252)
        );
        assert!(ansi.text.contains("Büro"));

        let forced = read_prf(
            "ProfileName=Büro".as_bytes(),
            Some(encoding_rs::WINDOWS_1252),
        )
        .unwrap();
        assert!(forced.text.contains("BÃ¼ro"));
    }
}
