//! `mapiprof fmt`: rewrite files in their canonical form, or with `--check`
//! list those that are not.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use mapiprof::Format;
use mapiprof::fmt;

use super::args::ReadOptions;
use super::error::{self, FileContext};
use super::{batch, inplace, io, load};

/// A file read for `fmt`: see [`one`].
type Formatted = (
    Option<inplace::Editing>,
    bool,
    Vec<u8>,
    Option<&'static str>,
);
/// Format (or check) every file: 1 when `check` finds a file to rewrite.
pub fn run(args: &[PathBuf], check: bool, recursive: bool, read: &ReadOptions) -> Result<u8> {
    let files = batch::collect(args, recursive, Format::writes)?;
    let mut differ = Vec::new();
    let mut failed = Vec::new();
    for (file, _) in &files {
        match one(file, check, read) {
            Ok((editing, same, canonical, note)) => {
                if let Some(note) = note {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("note: {}: {note}", io::display_name(file));
                    }
                }
                if same {
                    continue;
                }
                differ.push(io::display_name(file));
                if let Some(editing) = editing
                    && let Err(e) = editing.replace(file, (&canonical).into(), false)
                {
                    failed.push(error::one_line(&e));
                }
            }
            Err(e) => failed.push(error::one_line(&e)),
        }
    }
    if check {
        let list: String = differ.iter().map(|f| format!("{f}\n")).collect();
        io::write_output(None, Path::new("-"), list.as_bytes())?;
    } else {
        #[allow(clippy::print_stderr)]
        for file in &differ {
            eprintln!("formatted {file}");
        }
    }
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    Ok(u8::from(check && !differ.is_empty()))
}

/// The file (held for rewriting unless `check`), whether it is in its
/// canonical form already, its canonical bytes, and a note about the
/// result. The file's own bytes go as soon as they are read (compared by
/// length and hash, not held beside the canonical ones).
fn one(file: &Path, check: bool, read: &ReadOptions) -> Result<Formatted> {
    let (editing, bytes) = if check {
        (None, io::read_input(file)?)
    } else {
        let (editing, bytes) = inplace::open(file)?;
        (Some(editing), bytes)
    };
    let format = mapiprof::Format::of(file, &bytes);
    let before = (bytes.len(), inplace::fingerprint(&bytes));
    let doc = load::document_as(file, bytes, format, read)?;
    let name = io::display_name(file);
    // what Regedit would skip is not in the canonical file: say so
    load::report(&name, doc.warnings(), read)?;
    let canonical = fmt::canonical(doc).in_file(&name)?;
    let same = before
        == (
            canonical.bytes.len(),
            inplace::fingerprint(&canonical.bytes),
        );
    Ok((editing, same, canonical.bytes, canonical.note))
}
