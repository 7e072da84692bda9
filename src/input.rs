//! Reading a file's bytes into a document: the text layer and a form's
//! parser together. [`read`] takes any form and gives one [`Document`];
//! [`read_reg`], [`read_prf`] and [`read_yaml`] are its parts. No I/O:
//! callers pass the bytes.

use std::borrow::Cow;

use encoding_rs::Encoding as CodePage;
use thiserror::Error;

use crate::diag::Warning;
use crate::format::Format;
use crate::model::{Model, Source};
use crate::prf::{PrfModel, PrfSource};
use crate::text::{self, Decoded, NoBom, TextFormat};
use crate::{hive, prf, reg, yaml};

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The ANSI code page of a REGEDIT4 file, of a `.prf` without a
    /// byte-order mark and of `PT_STRING8` bytes; when absent, as
    /// [`read_reg`] and [`read_prf`] say.
    pub codepage: Option<&'static CodePage>,
    /// Which keys of a hive to read, and the root to write them under.
    pub hive: hive::Select,
}

/// A file read: its own text and syntax tree where its form has one that
/// edits must keep, else the profiles it describes.
#[derive(Debug, Clone)]
pub enum Document {
    /// A `.reg` file.
    Reg(RegInput),
    /// A `.prf` file.
    Prf(PrfInput),
    /// A file read straight into profiles, keeping no text (YAML).
    Model {
        /// The form it was read from.
        from: Format,
        /// What it describes.
        profiles: Profiles,
        /// What reading it found (the YAML reader refuses instead of
        /// warning; a reader of another form may warn).
        warnings: Vec<Warning>,
    },
}

/// What a document describes: registry keys grouped by profile, or the
/// settings of a `.prf`. The two are different models on purpose: a `.prf`
/// names settings by mapping and service, a `.reg` by section and tag, and
/// only a conversion (which may warn) turns one into the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Profiles {
    /// A registry export or patch.
    Registry(Model),
    /// An Outlook profile file.
    Prf(PrfModel),
}

impl Profiles {
    /// The form these profiles are naturally written in: `.reg` or `.prf`.
    pub fn native_format(&self) -> Format {
        match self {
            Profiles::Registry(_) => Format::Reg,
            Profiles::Prf(_) => Format::Prf,
        }
    }
}

impl From<yaml::Document> for Profiles {
    fn from(doc: yaml::Document) -> Profiles {
        match doc {
            yaml::Document::Reg(model) => Profiles::Registry(model),
            yaml::Document::Prf(model) => Profiles::Prf(model),
        }
    }
}

impl Document {
    /// The form the document was read from.
    pub fn format(&self) -> Format {
        match self {
            Document::Reg(_) => Format::Reg,
            Document::Prf(_) => Format::Prf,
            Document::Model { from, .. } => *from,
        }
    }

    /// What reading tolerated, or what Regedit or Outlook would skip.
    pub fn warnings(&self) -> &[Warning] {
        match self {
            Document::Reg(input) => &input.warnings,
            Document::Prf(input) => &input.warnings,
            Document::Model { warnings, .. } => warnings,
        }
    }

    /// The profiles the document describes, and what working them out
    /// found (keys regrouped by profile, settings Outlook ignores). The text
    /// and tree of a `.reg` are freed first.
    pub fn into_profiles(self) -> (Profiles, Vec<Warning>) {
        match self {
            Document::Reg(input) => {
                let (model, warnings) = input.into_model();
                (Profiles::Registry(model), warnings)
            }
            Document::Prf(input) => {
                let (model, warnings) = input.into_model();
                (Profiles::Prf(model), warnings)
            }
            Document::Model { profiles, .. } => (profiles, Vec::new()),
        }
    }
}

/// Read `bytes` as a file of form `format` (see [`Format::of`] to tell the
/// form from a file's name and content). Bytes given by value (a `Vec`) are
/// freed as soon as they are decoded, so that a large file is never held as
/// bytes, text and tree at once.
///
/// # Example
/// ```
/// use mapiprof::{Format, input};
/// let bytes = b"[General]\r\nProfileName=Outlook\r\n".as_slice();
/// let doc = input::read(bytes, Format::Prf, &input::ReadOptions::default()).unwrap();
/// assert_eq!(doc.format(), Format::Prf);
/// assert!(doc.warnings().is_empty());
/// ```
pub fn read<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    format: Format,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let bytes = bytes.into();
    Ok(match format {
        Format::Reg => Document::Reg(match bytes {
            Cow::Owned(bytes) => read_reg_owned(bytes, options.codepage)?,
            Cow::Borrowed(bytes) => read_reg(bytes, options.codepage)?,
        }),
        Format::Prf => Document::Prf(read_prf_owned(bytes, options.codepage)?),
        Format::Yaml => Document::Model {
            from: Format::Yaml,
            profiles: read_yaml_document(&bytes)?.into(),
            warnings: Vec::new(),
        },
        Format::Hive => read_hive(bytes, &[], options)?,
    })
}

/// Read an offline hive (brought up to date from its transaction `logs`
/// when it is dirty) as the registry document a `.reg` export of the keys
/// `options.hive` names would hold; its `source:` is that of a Regedit
/// export, which is what writing it as a `.reg` gives.
pub fn read_hive<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    logs: &[hive::Log<'_>],
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let read = hive::read(bytes, logs, &options.hive)?;
    let mut warnings = read.warnings;
    let codepage = match options.codepage {
        Some(cp) => cp,
        None => {
            let mut guess = crate::mapi::ansi::Guess::new();
            for value in read.document.blocks.iter().flat_map(|b| &b.values) {
                guess.feed_value(value);
            }
            match guess.finish() {
                Some(cp) => {
                    warnings.push(guessed_note(cp));
                    cp
                }
                None => encoding_rs::WINDOWS_1252,
            }
        }
    };
    let source = Source {
        format: reg::Format::Regedit5,
        text: TextFormat::REGEDIT5,
        codepage,
    };
    let (model, more) = Model::from_document(read.document, source);
    warnings.extend(more);
    Ok(Document::Model {
        from: Format::Hive,
        profiles: Profiles::Registry(model),
        warnings,
    })
}

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
    /// A `.reg` file in an encoding Regedit does not read.
    #[error(
        "the file is {0}: Regedit imports nothing from such a file (it reads UTF-16 LE with a byte-order mark, as it exports, and ANSI text); save it in one of those"
    )]
    RegEncoding(&'static str),
    /// The text is not a mapiprof YAML document.
    #[error(transparent)]
    Yaml(#[from] yaml::YamlError),
    /// The bytes are not a hive mapiprof reads.
    #[error(transparent)]
    Hive(#[from] hive::HiveError),
}

/// Read a `.reg` file as Regedit reads it: UTF-16 LE after its byte-order
/// mark, any other file in the ANSI code page (`codepage`, Windows-1252 by
/// default), whatever its header. UTF-8 with a byte-order mark, and UTF-16
/// big-endian or without a byte-order mark, are refused
/// ([`InputError::RegEncoding`]): Regedit imports nothing from them.
pub fn read_reg(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<RegInput, InputError> {
    let guessed = codepage.is_none().then(|| ansi_file_guess(bytes)).flatten();
    let codepage = codepage.or(guessed);
    let decoded = decode_reg(bytes, codepage)?;
    let utf8 = utf8_warning(
        bytes,
        &decoded.format,
        codepage.unwrap_or(encoding_rs::WINDOWS_1252),
    );
    parse_reg(
        decoded,
        codepage,
        utf8.or_else(|| guessed.map(guessed_note)),
    )
}

fn guessed_note(codepage: &'static CodePage) -> Warning {
    Warning::note(format!(
        "8-bit text read as {} (guessed from the file's 8-bit strings; --codepage sets it)",
        codepage.name()
    ))
}

/// [`read_reg`] that frees the bytes as soon as they are decoded, so that a
/// large file is never held as bytes, text and tree at once.
pub fn read_reg_owned(
    bytes: Vec<u8>,
    codepage: Option<&'static CodePage>,
) -> Result<RegInput, InputError> {
    let guessed = codepage
        .is_none()
        .then(|| ansi_file_guess(&bytes))
        .flatten();
    let codepage = codepage.or(guessed);
    let decoded = decode_reg(&bytes, codepage)?;
    let utf8 = utf8_warning(
        &bytes,
        &decoded.format,
        codepage.unwrap_or(encoding_rs::WINDOWS_1252),
    );
    drop(bytes);
    parse_reg(
        decoded,
        codepage,
        utf8.or_else(|| guessed.map(guessed_note)),
    )
}

/// Regedit reads a file that starts with the UTF-16 LE byte-order mark as
/// UTF-16, and any other in the ANSI code page (Windows-1252 unless
/// `codepage` says otherwise), whatever its header; so does mapiprof. A
/// file whose first bytes Regedit would then not read as a header (UTF-8
/// with a byte-order mark, UTF-16 big-endian or without a byte-order mark)
/// is refused.
fn decode_reg(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<Decoded, InputError> {
    if let Some(what) = unread_encoding(bytes) {
        return Err(InputError::RegEncoding(what));
    }
    let cp = codepage.unwrap_or(encoding_rs::WINDOWS_1252);
    Ok(text::decode(bytes, NoBom::CodePage(cp))?)
}

/// The code page of a file Regedit reads as ANSI text, guessed from its
/// bytes outside ASCII; none for UTF-16, ASCII or UTF-8 text (which the
/// UTF-8 warning is about).
fn ansi_file_guess(bytes: &[u8]) -> Option<&'static CodePage> {
    if matches!(bytes, [0xFF, 0xFE, ..]) || bytes.is_ascii() || std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut guess = crate::mapi::ansi::Guess::new();
    guess.feed(bytes);
    guess.finish()
}

/// The code page of the `PT_STRING8` strings in `file`, guessed from all
/// of them.
fn string8_guess(file: &reg::File) -> Option<&'static CodePage> {
    let mut guess = crate::mapi::ansi::Guess::new();
    for item in &file.items {
        if let reg::ItemKind::Value(value) = &item.kind {
            guess.feed_value(value);
        }
    }
    guess.finish()
}

/// The encoding of `bytes` when it is one Regedit does not read.
fn unread_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => None,
        [0xEF, 0xBB, 0xBF, ..] => Some("UTF-8 with a byte-order mark"),
        [0xFE, 0xFF, ..] | [0, _, 0, _, ..] => Some("UTF-16 big-endian"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16 without a byte-order mark"),
        _ => None,
    }
}

/// When ANSI text is also UTF-8 with more than ASCII in it, it was most
/// likely saved as UTF-8, which Regedit does not read as such.
fn utf8_warning(bytes: &[u8], format: &TextFormat, codepage: &'static CodePage) -> Option<Warning> {
    if !matches!(format.encoding, text::Encoding::CodePage(_))
        || codepage == encoding_rs::UTF_8
        || bytes.is_ascii()
    {
        return None;
    }
    let utf8 = std::str::from_utf8(bytes).ok()?;
    let word = utf8
        .split(|c: char| c.is_whitespace() || "\\\"[]=,".contains(c))
        .find(|w| !w.is_ascii())?;
    let (as_ansi, _, _) = codepage.decode(word.as_bytes());
    Some(Warning::general(format!(
        "the file looks like UTF-8, but Regedit reads a file without a UTF-16 byte-order mark in the ANSI code page ({}): \"{word}\" is imported as \"{as_ansi}\"; to keep what was written, save the file as UTF-16 LE (as Regedit exports): `mapiprof fmt --codepage utf-8 FILE` does",
        codepage.name()
    ))
    .with(crate::diag::Effect::ReadOtherwise))
}

fn parse_reg(
    Decoded { text, format }: Decoded,
    codepage: Option<&'static CodePage>,
    utf8: Option<Warning>,
) -> Result<RegInput, InputError> {
    let parsed = reg::parse(&text)?;
    let (layout, mut warnings) = parsed.file.layout(&text, &parsed.lines);
    let mut all = parsed.warnings.clone();
    all.append(&mut warnings);
    all.sort_by_key(|w| w.location);
    all.splice(0..0, utf8);
    let codepage = match (codepage, format.encoding) {
        (Some(cp), _) => cp,
        (None, text::Encoding::CodePage(cp)) if cp != encoding_rs::WINDOWS_1252 => cp,
        // a UTF-16 (or ASCII) file's PT_STRING8 strings say their code page
        (None, _) => match string8_guess(&parsed.file) {
            Some(cp) => {
                all.push(guessed_note(cp));
                cp
            }
            None => encoding_rs::WINDOWS_1252,
        },
    };
    Ok(RegInput {
        text,
        format,
        parsed,
        layout,
        warnings: all,
        codepage,
    })
}

/// A `.prf` file read from bytes: its text, and what Outlook would skip in
/// it. Its lines are read again from the text when needed ([`prf::lines`],
/// [`PrfInput::parsed`]), so that a large file is not held as text and
/// lines at once.
#[derive(Debug, Clone)]
pub struct PrfInput {
    /// The decoded text.
    pub text: String,
    /// How the bytes were written.
    pub format: TextFormat,
    /// The lines Outlook would skip ([`prf::warnings_of`]).
    pub warnings: Vec<Warning>,
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

    /// The lossless line tree of the text, parsed again.
    pub fn parsed(&self) -> prf::Parsed {
        prf::parse(&self.text)
    }

    /// The settings, with warnings about repeats and sections Outlook
    /// ignores (the line warnings are in `warnings`). The sections borrow
    /// the text and are freed once the settings are worked out.
    pub fn model(&self) -> (PrfModel, Vec<Warning>) {
        let (doc, mut warnings) = prf::Document::new(&self.text);
        let (model, more) = PrfModel::from_document(&doc, self.source());
        warnings.extend(more);
        (model, warnings)
    }

    /// [`PrfInput::model`], with the text freed as soon as the settings
    /// are worked out.
    pub fn into_model(self) -> (PrfModel, Vec<Warning>) {
        self.model()
    }
}

/// [`read_prf`] freeing `bytes` (when owned) once they are decoded.
fn read_prf_owned(
    bytes: Cow<'_, [u8]>,
    codepage: Option<&'static CodePage>,
) -> Result<PrfInput, InputError> {
    let (text, format) = decode_prf(&bytes, codepage)?;
    drop(bytes);
    let warnings = prf::warnings_of(&text, &crate::diag::LineIndex::new(&text));
    Ok(PrfInput {
        text,
        format,
        warnings,
    })
}

/// Read a `.prf` file. A byte-order mark decides the encoding; without one,
/// text that is valid UTF-8 and not plain ASCII is UTF-8, anything else is
/// in the ANSI code page `codepage` (Windows-1252 by default), as Outlook
/// reads it.
pub fn read_prf(bytes: &[u8], codepage: Option<&'static CodePage>) -> Result<PrfInput, InputError> {
    let (text, format) = decode_prf(bytes, codepage)?;
    let warnings = prf::warnings_of(&text, &crate::diag::LineIndex::new(&text));
    Ok(PrfInput {
        text,
        format,
        warnings,
    })
}

/// The text of a `.prf` file and how it was written, as [`read_prf`] says.
fn decode_prf(
    bytes: &[u8],
    codepage: Option<&'static CodePage>,
) -> Result<(String, TextFormat), InputError> {
    let no_bom = match codepage {
        Some(cp) => NoBom::CodePage(cp),
        None if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => NoBom::Utf8,
        None => NoBom::CodePage(encoding_rs::WINDOWS_1252),
    };
    let Decoded { text, format } = text::decode(bytes, no_bom)?;
    Ok((text, format))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn encodings_regedit_does_not_read_are_refused() {
        let text = "Windows Registry Editor Version 5.00\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(&be);
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(text.as_bytes());
        for (bytes, what) in [
            (le, "UTF-16 without a byte-order mark"),
            (be, "UTF-16 big-endian"),
            (be_bom, "UTF-16 big-endian"),
            (utf8_bom, "UTF-8 with a byte-order mark"),
        ] {
            assert!(
                matches!(read_reg(&bytes, None), Err(InputError::RegEncoding(w)) if w == what),
                "{what}"
            );
        }
    }

    #[test]
    fn utf8_text_gets_a_warning_that_shows_how_it_is_imported() {
        let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Müller]\r\n";
        let read = read_reg(text.as_bytes(), None).unwrap();
        assert_eq!(
            read.warnings[0].to_string(),
            "the file looks like UTF-8, but Regedit reads a file without a UTF-16 byte-order mark in the ANSI code page (windows-1252): \"Müller\" is imported as \"MÃ¼ller\"; to keep what was written, save the file as UTF-16 LE (as Regedit exports): `mapiprof fmt --codepage utf-8 FILE` does"
        );
        assert!(read.text.contains("MÃ¼ller"));
        let read = read_reg(text.as_bytes(), Some(encoding_rs::UTF_8)).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert!(read.text.contains("Müller"));
    }
}
