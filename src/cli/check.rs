//! `mapiprof check`: the lint rules over every file; a file that cannot be
//! read is reported and the others are still checked.

use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use mapiprof::Format;
use mapiprof::check::{self, Finding, Severity};

use super::args::{CheckFormat, ReadOptions};
use super::error::{self, FileContext};
use super::{batch, io, load};

/// What `check` was asked.
pub struct Options {
    pub format: CheckFormat,
    pub disable: Vec<String>,
    pub outlook_2016: bool,
    pub recursive: bool,
}

#[derive(Serialize)]
struct Located<'f> {
    file: String,
    #[serde(flatten)]
    finding: &'f Finding,
}

/// Check every file: 0 when nothing at warning level or above was found, 1
/// when something was; an error when a file could not be read.
pub fn run(args: &[std::path::PathBuf], options: &Options, read: &ReadOptions) -> Result<u8> {
    for id in &options.disable {
        if check::rule(id).is_none() {
            bail!("--disable {id}: no such rule (see mapiprof check --help)");
        }
    }
    let files = batch::collect(args, options.recursive, Format::reads)?;
    let mut all: Vec<(String, Vec<Finding>)> = Vec::new();
    let mut failed = Vec::new();
    for (file, _) in &files {
        match findings(file, options, read) {
            Ok(found) => all.push((io::display_name(file), found)),
            Err(e) => failed.push(error::one_line(&e)),
        }
    }
    let text = match options.format {
        CheckFormat::Text => all
            .iter()
            .map(|(file, found)| check::to_text(file, found))
            .collect::<String>(),
        CheckFormat::Json | CheckFormat::Yaml => {
            let located: Vec<Located> = all
                .iter()
                .flat_map(|(file, found)| {
                    found.iter().map(move |finding| Located {
                        file: file.clone(),
                        finding,
                    })
                })
                .collect();
            match options.format {
                CheckFormat::Json => serde_json::to_string_pretty(&located)? + "\n",
                _ if located.is_empty() => "[]\n".to_owned(),
                _ => mapiprof::yaml::to_text(&located)?,
            }
        }
    };
    io::write_output(None, Path::new("-"), text.as_bytes())?;
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    let serious = all
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity >= Severity::Warning);
    Ok(u8::from(serious))
}

fn findings(file: &Path, options: &Options, read: &ReadOptions) -> Result<Vec<Finding>> {
    let doc = load::document(file, read)?;
    let name = io::display_name(file);
    // what changes the import is a finding; the rest is said as a warning
    let prf = matches!(doc, mapiprof::input::Document::Prf(_));
    let others: Vec<_> = doc
        .warnings()
        .iter()
        .filter(|w| check::reading(w, prf).is_none())
        .cloned()
        .collect();
    load::report(&name, &others, read)?;
    let mut found = check::check(doc, options.outlook_2016).in_file(&name)?;
    found.retain(|f| !options.disable.iter().any(|d| d == f.rule));
    Ok(found)
}
