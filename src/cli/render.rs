//! `mapiprof render`: one output file per row of variables. Each rendered
//! text is read back as its format (so a row that breaks the file is an
//! error for that row), converted with `--to`, and written atomically into
//! the output folder. A bad row does not stop the others.

use std::path::{Component, Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use rayon::prelude::*;

use mapiprof::render::{self, Renderer, Row};
use mapiprof::text::{self, NoBom};

use mapiprof::Format;

use super::args::ReadOptions;
use super::convert::{Request as Converting, converted};
use super::error::{self, FileContext};
use super::{io, load};

/// What `render` was asked.
pub struct Request<'a> {
    pub template: &'a Path,
    pub vars: &'a Path,
    pub out_dir: &'a Path,
    pub name: Option<&'a str>,
    pub to: Option<Format>,
    pub quiet: bool,
}

/// Render every row.
pub fn run(request: &Request, options: &Converting, read: &ReadOptions) -> Result<u8> {
    let template_name = io::display_name(request.template);
    let bytes = io::read_input(request.template)?;
    let no_bom = match read.code_page()? {
        Some(cp) => NoBom::CodePage(cp),
        None => NoBom::Utf8,
    };
    let mut decoded = text::decode(&bytes, no_bom).in_file(&template_name)?;
    let (stem, form) = template_form(request.template)?;
    // a .reg goes out in an encoding Regedit reads, whatever the template
    // was written in
    if form == Format::Reg {
        decoded.format = decoded.format.for_regedit();
    }
    let to = request.to.unwrap_or(form);
    let default_name = format!("{stem}-{{{{ row_number }}}}.{}", to.extension());
    let name = request.name.unwrap_or(&default_name);
    let renderer = Renderer::new(&decoded.text, name).in_file(&template_name)?;
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
            Err(e) => failed.push(error::one_line(e)),
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
        Ok(0)
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
    form: Format,
    to: Format,
    request: &Request,
    options: &Converting,
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
    let bytes = text::encode(&text, format).in_file(&row.label)?;
    let strict = ReadOptions {
        strict: true,
        ..read.clone()
    };
    let out = if to == form {
        // check that the rendered file reads cleanly, and keep its bytes
        load::document_as(&path, bytes.as_slice(), form, &strict)
            .and_then(|doc| load::profiles_of(&path, doc, &strict))
            .map_err(|e| anyhow!("the rendered {name} does not read: {}", error::one_line(&e)))
            .in_file(&row.label)?;
        bytes
    } else {
        converted(&path, bytes, form, Some(to), options, &strict).in_file(&row.label)?
    };
    io::write_file(&path, &out)?;
    Ok(path.display().to_string())
}

/// The rows of a CSV, YAML or JSON file.
fn rows_of(path: &Path) -> Result<Vec<Row>> {
    let name = io::display_name(path);
    let bytes = io::read_input(path)?;
    let decoded = text::decode(&bytes, NoBom::Utf8).in_file(&name)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        render::csv_rows(&decoded.text)
    } else {
        render::data_rows(&decoded.text)
    };
    rows.in_file(&name)
}

/// The stem and form of a template: `outlook.prf.j2` → (`outlook`, PRF).
fn template_form(path: &Path) -> Result<(String, Format)> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bare = [".j2", ".jinja", ".jinja2"]
        .iter()
        .find_map(|suffix| file.strip_suffix(suffix))
        .unwrap_or(&file);
    let bare = Path::new(bare);
    // the rendered text is read back, and written, in the template's form
    let form = Format::from_path(bare)
        .filter(|f| f.reads() && f.writes())
        .ok_or_else(|| {
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

/// `name` as a path that stays inside the output folder.
fn safe_name(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(name.trim());
    let fine = !name.trim().is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    fine.then_some(path)
}
