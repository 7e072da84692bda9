//! `mapiprof fmt`: rewrite files in their canonical form, or with `--check`
//! list those that are not.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use mapiprof::{fmt, input, yaml};

use super::args::ReadOptions;
use super::{Form, batch, code_page, detect, io};

/// Format (or check) every file: 1 when `check` finds a file to rewrite.
pub fn run(args: &[PathBuf], check: bool, recursive: bool, read: &ReadOptions) -> Result<u8> {
    let files = batch::collect(args, recursive)?;
    let mut differ = Vec::new();
    let mut failed = Vec::new();
    for (file, _) in &files {
        match one(file, read) {
            Ok((bytes, canonical, note)) => {
                if let Some(note) = note {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("note: {}: {note}", io::display_name(file));
                    }
                }
                if bytes == canonical {
                    continue;
                }
                differ.push(io::display_name(file));
                if !check && let Err(e) = io::replace_file(file, &canonical, false) {
                    failed.push(format!("{e:#}"));
                }
            }
            Err(e) => failed.push(format!("{e:#}")),
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

/// The file's bytes, its canonical bytes, and a note about the result.
fn one(file: &Path, read: &ReadOptions) -> Result<(Vec<u8>, Vec<u8>, Option<&'static str>)> {
    let name = io::display_name(file);
    let bytes = io::read_input(file)?;
    let fail = |e: &dyn std::fmt::Display| anyhow!("{name}: {e}");
    let codepage = code_page(read)?;
    let (canonical, note) = match detect(file, &bytes) {
        Form::Reg => {
            let parsed = input::read_reg(&bytes, codepage).map_err(|e| fail(&e))?;
            let (canonical, kept) = fmt::canonical_reg(parsed).map_err(|e| fail(&e))?;
            let note = kept.then_some("the file deletes keys, so its key order is kept");
            (canonical, note)
        }
        Form::Prf => {
            let parsed = input::read_prf(&bytes, codepage).map_err(|e| fail(&e))?;
            (fmt::canonical_prf(&parsed).map_err(|e| fail(&e))?, None)
        }
        Form::Yaml => {
            let text = match input::read_yaml_document(&bytes).map_err(|e| fail(&e))? {
                yaml::Document::Reg(model) => {
                    yaml::write(&model, &yaml::WriteOptions::default()).map_err(|e| fail(&e))?
                }
                yaml::Document::Prf(model) => yaml::write_prf(&model),
            };
            (text.into_bytes(), None)
        }
    };
    Ok((bytes, canonical, note))
}
