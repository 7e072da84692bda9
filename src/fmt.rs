//! Canonical forms for `fmt`: a `.reg` as Regedit exports it (its header's
//! encoding — UTF-16LE with a BOM for version 5, the ANSI code page for
//! REGEDIT4 — CRLF, Regedit's wrapping, keys in Regedit's case-insensitive
//! order with each key's values in their order) and a `.prf` in the
//! OCT-style layout of the writer; a YAML document as `show` writes it.

use crate::convert::ConvertError;
use crate::input::{Document, PrfInput, Profiles, RegInput};
use crate::model::ToRegError;
use crate::reg::name::compare_paths;
use crate::reg::{self, Format, ItemKind};
use crate::text::{self, Encoding, Newline, TextFormat};

/// A file in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The bytes of the canonical file.
    pub bytes: Vec<u8>,
    /// Something the user should know about the result.
    pub note: Option<&'static str>,
}

/// What `fmt` makes of `doc`, in the form it was read from.
pub fn canonical(doc: Document) -> Result<Canonical, ConvertError> {
    let (bytes, note) = match doc {
        Document::Reg(input) => {
            // written as Regedit imports it, such a file would lose lines
            // the user wrote: refuse, and say which
            let lossy = input.parsed.file.items.iter().find_map(|item| {
                let what = match item.kind {
                    ItemKind::Halt => {
                        "Regedit stops the import at this [-key] line, so a rewritten file would lose everything below it"
                    }
                    ItemKind::Unopened => {
                        "Regedit cannot open this key, so a rewritten file would lose it and the values below it"
                    }
                    _ => return None,
                };
                Some((item.span.start, what))
            });
            if let Some((at, what)) = lossy {
                let line = input.parsed.lines.locate(&input.text, at).line;
                return Err(ConvertError::Lossy { line, what });
            }
            let (bytes, kept) = canonical_reg(input)?;
            let note = kept.then_some("the file deletes keys, so its key order is kept");
            (bytes, note)
        }
        Document::Prf(input) => (canonical_prf(input)?, None),
        Document::Model {
            from: crate::Format::Yaml,
            profiles,
            ..
        } => {
            let text = match profiles {
                Profiles::Registry(model) => {
                    crate::yaml::write(&model, &crate::yaml::WriteOptions::default())?
                }
                Profiles::Prf(model) => crate::yaml::write_prf(&model),
            };
            (text.into_bytes(), None)
        }
        Document::Model { from, .. } => return Err(ConvertError::NotWritten(from)),
    };
    Ok(Canonical { bytes, note })
}

/// What `fmt` makes of a `.reg`, and whether the key order was kept
/// because the file deletes keys (sorting could change what it does).
pub fn canonical_reg(input: RegInput) -> Result<(Vec<u8>, bool), ToRegError> {
    let format = match input.parsed.file.format {
        Format::Regedit5 => TextFormat::REGEDIT5,
        Format::Regedit4 => TextFormat {
            encoding: Encoding::CodePage(input.codepage),
            bom: false,
            newline: Newline::CrLf,
        },
    };
    // a sorted file is as long as it was
    let text_len = input.text.len();
    let mut document = input.into_document();
    let deletes = document.blocks.iter().any(|b| b.delete);
    if !deletes {
        document
            .blocks
            .sort_by(|a, b| compare_paths(&a.path, &b.path));
    }
    let mut out = text::Encoder::new(&format, text_len);
    reg::write_in_pieces(
        document.format,
        Newline::CrLf,
        document.blocks.iter().map(reg::Key::of),
        |piece| out.push(piece).map_err(ToRegError::from),
    )?;
    Ok((out.finish(), deletes))
}

/// What `fmt` makes of a `.prf`: the OCT-style layout in the file's
/// encoding. The text is freed before the layout is written.
pub fn canonical_prf(input: PrfInput) -> Result<Vec<u8>, crate::prf::WriteError> {
    let (model, _) = input.into_model();
    crate::prf::to_bytes(&model)
}
