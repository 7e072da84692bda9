//! `mapiprof fmt --check`: list the files `fmt` would change. Tidying
//! itself is a batch edit (`batch::run` with `Operation::Fmt`), written
//! where the batch options say.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use mapiprof::edit::Operation;
use mapiprof::fmt::FmtOptions;
use mapiprof::{Format, text};

use super::args::ReadOptions;
use super::error::{self, FileContext};
use super::{batch, inplace, io, load};

/// List the files of `args` that are not tidy: 1 when there is one.
pub fn check(
    args: &[PathBuf],
    options: &FmtOptions,
    recursive: bool,
    read: &ReadOptions,
) -> Result<u8> {
    let files = batch::collect(args, recursive, Format::writes)?;
    let op = Operation::Fmt(*options);
    let mut untidy = Vec::new();
    let mut failed = Vec::new();
    for (file, _) in &files {
        match changes(file, &op, read) {
            Ok(true) => untidy.push(io::display_name(file)),
            Ok(false) => {}
            Err(e) => failed.push(error::one_line(&e)),
        }
    }
    let list: String = untidy.iter().map(|f| format!("{f}\n")).collect();
    io::write_output(None, Path::new("-"), list.as_bytes())?;
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    Ok(u8::from(!untidy.is_empty()))
}

/// Whether `fmt` would change the bytes of `file`.
fn changes(file: &Path, op: &Operation, read: &ReadOptions) -> Result<bool> {
    let bytes = io::read_input(file)?;
    let format = Format::of(file, &bytes);
    if format == Format::Hive {
        return Err(mapiprof::edit::EditError::NotWritten(format)).in_file(&io::display_name(file));
    }
    let before = (bytes.len(), inplace::fingerprint(&bytes));
    let doc = load::document_as(file, bytes, format, read)?;
    let name = io::display_name(file);
    load::report(&name, doc.warnings(), read)?;
    let edited = op.edit(&doc).in_file(&name)?;
    // the file's text and tree go before the tidy text is encoded
    drop(doc);
    let Some(format) = edited.format else {
        return Ok(!edited.changes.is_empty());
    };
    let after = text::encode(&edited.text, &format).in_file(&name)?;
    Ok(before != (after.len(), inplace::fingerprint(&after)))
}
