//! `mapiprof render`: one output file per row of variables. Each rendered
//! text is read back as its format (so a row that breaks the file is an
//! error for that row), converted with `--to`, and written atomically into
//! the output folder. A bad row does not stop the others.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use rayon::prelude::*;

use mapiprof::render::{self, Renderer, Row};
use mapiprof::text::{self, NoBom};

use mapiprof::Format;
use mapiprof::input::Profiles;
use mapiprof::model::Reach;

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
    pub delimiter: Option<char>,
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
    let rows = rows_of(request.vars, request.delimiter)?;
    // row_id: the row's number with as many digits as the last one has, so
    // that the default names sort in row order
    let digits = rows.len().to_string().len();
    let default_name = format!("{stem}-{{{{ row_id }}}}.{}", to.extension());
    let name = request.name.unwrap_or(&default_name);
    let renderer = Renderer::new(&decoded.text, name, form).in_file(&template_name)?;

    // every row is rendered and checked first; nothing is written before
    // every output name is known to be taken once
    let rendered: Vec<(String, Result<Rendered>)> = rows
        .par_iter()
        .enumerate()
        .map(|(i, row)| {
            let mut row = row.clone();
            let number = i.saturating_add(1);
            row.vars
                .entry("row_number")
                .or_insert_with(|| serde_json::Value::from(number));
            row.vars
                .entry("row_id")
                .or_insert_with(|| serde_json::Value::from(format!("{number:0digits$}")));
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

    // the rows that chose each name (file systems on Windows and macOS do
    // not tell case apart); a name two rows chose is written by neither
    let mut chosen: HashMap<String, Vec<&str>> = HashMap::new();
    for (label, result) in &rendered {
        if let Ok((path, _)) = result {
            chosen.entry(same_name(path)).or_default().push(label);
        }
    }
    let mut failed = Vec::new();
    let mut ready = Vec::new();
    for (label, result) in &rendered {
        match result {
            Ok((path, bytes)) => {
                let rows = chosen.get(&same_name(path)).map_or(&[][..], Vec::as_slice);
                if rows.len() > 1 {
                    failed.push(format!(
                        "{label}: {} is the output of {} rows ({}); none is written",
                        path.display(),
                        rows.len(),
                        rows.join(", ")
                    ));
                } else {
                    ready.push((label, path, bytes));
                }
            }
            Err(e) => failed.push(error::one_line(e)),
        }
    }
    let written_results: Vec<Result<()>> = ready
        .par_iter()
        .map(|(label, path, bytes)| {
            io::write_file(path, &[request.template, request.vars], bytes.as_slice())
                .map_err(|e| anyhow!("{label}: {}", error::one_line(&e)))
        })
        .collect();
    let mut written: usize = 0;
    for result in written_results {
        match result {
            Ok(()) => written = written.saturating_add(1),
            Err(e) => failed.push(e.to_string()),
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
        bail!("{} of {} rows failed", failed.len(), rendered.len())
    }
}

/// `path` as file systems compare names: `.` parts dropped, `/` and `\`
/// alike, capitals as small letters (Windows and macOS do not tell them
/// apart).
fn same_name(path: &Path) -> String {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
        .collect::<Vec<_>>()
        .join("/")
}

/// A row rendered and checked: where it goes and its bytes.
type Rendered = (PathBuf, Vec<u8>);

/// Render and check one row: where it goes and its bytes.
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
) -> Result<Rendered> {
    let (name, text) = renderer.render(row)?;
    let relative =
        safe_name(&name).map_err(|why| anyhow!("{}: output name {name:?} {why}", row.label))?;
    let path = request.out_dir.join(relative);
    let bytes = text::encode(&text, format).in_file(&row.label)?;
    let strict = ReadOptions {
        strict: true,
        strict_because: Some("a rendered file must read without warnings"),
        ..read.clone()
    };
    let out = if to == form {
        // check that the rendered file reads cleanly, and keep its bytes
        let profiles = load::document_as(&path, bytes.as_slice(), form, &strict)
            .and_then(|doc| load::profiles_of(&path, doc, &strict))
            .map_err(|e| anyhow!("the rendered {name} does not read: {}", error::one_line(&e)))
            .in_file(&row.label)?;
        // the values a row put in are the user's: no value `check` calls
        // an error is written unless forced
        load::refuse_value_errors(&row.label, &profiles, options.force)?;
        // a rendered .reg is not the user's own file: it keeps to the
        // profiles like any .reg mapiprof writes
        if let (Format::Reg, Profiles::Registry(model)) = (to, &profiles)
            && !options.options.allow_any_key
        {
            let outside = Reach::Profiles.outside(model);
            if !outside.is_empty() {
                bail!(
                    "{}: the rendered {name} reaches outside the Outlook profiles ({}); \
                     --allow-any-key allows it",
                    row.label,
                    outside.join(", ")
                );
            }
        }
        bytes
    } else {
        converted(&path, bytes, form, Some(to), options, &strict).in_file(&row.label)?
    };
    Ok((path, out))
}

/// The rows of a CSV (fields separated by `delimiter`, else the one its
/// header holds), YAML or JSON file.
fn rows_of(path: &Path, delimiter: Option<char>) -> Result<Vec<Row>> {
    let name = io::display_name(path);
    let bytes = io::read_input(path)?;
    let decoded = text::decode(&bytes, NoBom::Utf8).in_file(&name)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        render::csv_rows(&decoded.text, delimiter)
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

/// `name` as a path that stays inside the output folder and that every
/// file system can hold, or why not.
fn safe_name(name: &str) -> Result<PathBuf, &'static str> {
    if name.chars().any(char::is_control) {
        return Err("holds a control character (a line break, a tab …)");
    }
    let trimmed = name.trim();
    let path = PathBuf::from(trimmed);
    let inside = !trimmed.is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err("must be a relative path inside the output folder");
    }
    for part in trimmed.split(['/', '\\']) {
        if reserved_on_windows(part) {
            return Err("names a device on Windows (CON, NUL, COM1 …) or ends in a dot or a blank");
        }
        if part.contains(['<', '>', ':', '"', '|', '?', '*']) {
            return Err("holds a character Windows file names cannot (< > : \" | ? *)");
        }
    }
    Ok(path)
}

/// Whether Windows takes `part` for a device (`CON`, `nul.reg`, `COM1.txt`,
/// whatever follows the first dot) or drops its end (a trailing dot or
/// blank), as Microsoft's "Naming Files, Paths, and Namespaces" lists them
/// (COM¹–COM³ and LPT¹–LPT³ included).
fn reserved_on_windows(part: &str) -> bool {
    const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
    let stem = part.split('.').next().unwrap_or(part).trim_end();
    let upper = stem.to_ascii_uppercase();
    let numbered = ["COM", "LPT"].iter().any(|d| {
        upper.strip_prefix(d).is_some_and(|n| {
            matches!(
                n,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        })
    });
    DEVICES.contains(&upper.as_str()) || numbered || (part != "." && part.ends_with(['.', ' ']))
}
