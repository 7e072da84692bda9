//! `mapiprof check`: the lint rules over every file; a file that cannot be
//! read is reported and the others are still checked.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use mapiprof::check::{self, Finding, Severity};
use mapiprof::input;

use super::args::{CheckFormat, ReadOptions};
use super::{Form, batch, code_page, detect, io};

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
    let files = batch::collect(args, options.recursive)?;
    let mut all: Vec<(String, Vec<Finding>)> = Vec::new();
    let mut failed = Vec::new();
    for (file, _) in &files {
        match findings(file, options, read) {
            Ok(found) => all.push((io::display_name(file), found)),
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    let text = match options.format {
        CheckFormat::Text => all
            .iter()
            .map(|(file, found)| check::to_text(file, found))
            .collect::<String>(),
        CheckFormat::Json => {
            let located: Vec<Located> = all
                .iter()
                .flat_map(|(file, found)| {
                    found.iter().map(move |finding| Located {
                        file: file.clone(),
                        finding,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&located)? + "\n"
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
    let name = io::display_name(file);
    let bytes = io::read_input(file)?;
    let codepage = code_page(read)?;
    let fail = |e: &dyn std::fmt::Display| anyhow!("{name}: {e}");
    let mut found = match detect(file, &bytes) {
        Form::Reg => {
            let parsed = input::read_reg(&bytes, codepage).map_err(|e| fail(&e))?;
            check::check_reg(&parsed.model().0)
        }
        Form::Prf => {
            let parsed = input::read_prf(&bytes, codepage).map_err(|e| fail(&e))?;
            let (model, _) = parsed.model();
            check::check_prf(&model, &parsed.parsed, &parsed.text, options.outlook_2016)
        }
        Form::Yaml => match input::read_yaml_document(&bytes).map_err(|e| fail(&e))? {
            mapiprof::yaml::Document::Reg(model) => check::check_reg(&model),
            mapiprof::yaml::Document::Prf(model) => {
                let text = mapiprof::prf::write(&model).map_err(|e| fail(&e))?;
                let parsed = mapiprof::prf::parse(&text);
                check::check_prf(&model, &parsed, &text, options.outlook_2016)
            }
        },
    };
    found.retain(|f| !options.disable.iter().any(|d| d == f.rule));
    Ok(found)
}
