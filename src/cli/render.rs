//! `mapiprof render`: one output file per row of variables. Each rendered
//! text is read back as its format (so a row that breaks the file is an
//! error for that row), converted with `--to`, and written atomically into
//! the output folder. A bad row does not stop the others.

use std::path::{Component, Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use rayon::prelude::*;

use mapiprof::render::{self, Renderer, Row};
use mapiprof::text::{self, NoBom};

use super::args::ReadOptions;
use super::{Form, Options, code_page, converted, form_of_extension, io, load_bytes};

/// What `render` was asked.
pub struct Request<'a> {
    pub template: &'a Path,
    pub vars: &'a Path,
    pub out_dir: &'a Path,
    pub name: Option<&'a str>,
    pub to: Option<Form>,
    pub quiet: bool,
}

/// Render every row.
pub fn run(request: &Request, options: &Options, read: &ReadOptions) -> Result<()> {
    let template_name = io::display_name(request.template);
    let bytes = io::read_input(request.template)?;
    let no_bom = match code_page(read)? {
        Some(cp) => NoBom::CodePage(cp),
        None => NoBom::Utf8,
    };
    let decoded = text::decode(&bytes, no_bom).map_err(|e| anyhow!("{template_name}: {e}"))?;
    let (stem, form) = template_form(request.template)?;
    let to = request.to.unwrap_or(form);
    let default_name = format!("{stem}-{{{{ row_number }}}}.{}", extension(to));
    let name = request.name.unwrap_or(&default_name);
    let renderer =
        Renderer::new(&decoded.text, name).map_err(|e| anyhow!("{template_name}: {e}"))?;
    let rows = rows_of(request.vars)?;

    let results: Vec<(String, Result<String>)> = rows
        .par_iter()
        .enumerate()
        .map(|(i, row)| {
            let mut row = row.clone();
            row.vars
                .entry("row_number")
                .or_insert_with(|| serde_json::Value::from(i.saturating_add(1)));
            let result = one(
                &renderer,
                &row,
                &decoded.format,
                form,
                to,
                request,
                options,
                read,
            );
            (row.label.clone(), result)
        })
        .collect();

    let mut seen: Vec<&str> = Vec::new();
    let mut failed = Vec::new();
    let mut written: usize = 0;
    for (label, result) in &results {
        match result {
            Ok(path) if seen.contains(&path.as_str()) => {
                failed.push(format!(
                    "{label}: {path} is also the output of an earlier row"
                ));
            }
            Ok(path) => {
                seen.push(path);
                written = written.saturating_add(1);
            }
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    #[allow(clippy::print_stderr)]
    {
        for failure in &failed {
            eprintln!("failed: {failure}");
        }
        if !request.quiet || !failed.is_empty() {
            eprintln!("{written} written, {} failed", failed.len());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        bail!("{} of {} rows failed", failed.len(), results.len())
    }
}

/// Render, check and write one row; the output path.
#[allow(clippy::too_many_arguments)]
fn one(
    renderer: &Renderer,
    row: &Row,
    format: &text::TextFormat,
    form: Form,
    to: Form,
    request: &Request,
    options: &Options,
    read: &ReadOptions,
) -> Result<String> {
    let (name, text) = renderer.render(row)?;
    let relative = safe_name(&name).ok_or_else(|| {
        anyhow!(
            "{}: output name {name:?} must be a relative path inside the output folder",
            row.label
        )
    })?;
    let path = request.out_dir.join(relative);
    let bytes = text::encode(&text, format).map_err(|e| anyhow!("{}: {e}", row.label))?;
    let strict = ReadOptions {
        strict: true,
        ..read.clone()
    };
    let out = if to == form {
        // check that the rendered file reads cleanly, and keep its bytes
        load_bytes(&path, bytes.clone(), form, &strict)
            .map_err(|e| anyhow!("{}: the rendered {name} does not read: {e:#}", row.label))?;
        bytes
    } else {
        converted(&path, bytes, form, Some(to), false, options, &strict)
            .map_err(|e| anyhow!("{}: {e:#}", row.label))?
    };
    io::write_file(&path, &out)?;
    Ok(path.display().to_string())
}

/// The rows of a CSV, YAML or JSON file.
fn rows_of(path: &Path) -> Result<Vec<Row>> {
    let name = io::display_name(path);
    let bytes = io::read_input(path)?;
    let decoded = text::decode(&bytes, NoBom::Utf8).map_err(|e| anyhow!("{name}: {e}"))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        render::csv_rows(&decoded.text)
    } else {
        render::data_rows(&decoded.text)
    };
    rows.map_err(|e| anyhow!("{name}: {e}"))
}

/// The stem and form of a template: `outlook.prf.j2` → (`outlook`, PRF).
fn template_form(path: &Path) -> Result<(String, Form)> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bare = [".j2", ".jinja", ".jinja2"]
        .iter()
        .find_map(|suffix| file.strip_suffix(suffix))
        .unwrap_or(&file);
    let bare = Path::new(bare);
    let form = form_of_extension(bare).ok_or_else(|| {
        anyhow!(
            "{}: name the template .reg, .prf or .yaml (optionally with .j2 after it)",
            path.display()
        )
    })?;
    let stem = bare
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    Ok((stem, form))
}

fn extension(form: Form) -> &'static str {
    match form {
        Form::Reg => "reg",
        Form::Prf => "prf",
        Form::Yaml => "yaml",
    }
}

/// `name` as a path that stays inside the output folder.
fn safe_name(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(name.trim());
    let fine = !name.trim().is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    fine.then_some(path)
}
