//! `mapiprof show` and `mapiprof convert`: files read into profiles and
//! written in another form by the library's [`convert`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use mapiprof::Format;
use mapiprof::convert::{self, ConvertOptions};
use mapiprof::input::Profiles;
use mapiprof::redact::Redactor;

use super::args::ReadOptions;
use super::error::FileContext;
use super::{io, load};

/// What to convert into, besides the target form.
pub struct Request {
    /// The options the library converts with (`base` is filled in here).
    pub options: ConvertOptions,
    /// `.prf` → `.reg` onto this export.
    pub base: Option<PathBuf>,
    /// Write values `check` calls errors all the same: without a warning
    /// (`convert`) or at all (`render`).
    pub force: bool,
}

/// `show`: every file as YAML on stdout, one document after another.
pub fn show(files: &[PathBuf], sort: bool, redact: bool, read: &ReadOptions) -> Result<u8> {
    let options = ConvertOptions {
        sort,
        ..ConvertOptions::default()
    };
    let mut out = Vec::new();
    // one redactor for all files, so that a name gets the same placeholder
    let mut redactor = Redactor::new();
    for (i, file) in files.iter().enumerate() {
        let mut profiles = load::profiles(file, read)?;
        if redact {
            profiles = redactor.profiles(&profiles);
        }
        // one .prf (what git's textconv asks for) goes out as it is written
        if let (1, Profiles::Prf(model)) = (files.len(), &profiles) {
            io::write_stdout(|w| Ok(mapiprof::yaml::write_prf_to(model, w)?))?;
            return Ok(0);
        }
        let name = io::display_name(file);
        if files.len() > 1 {
            if i > 0 {
                out.extend_from_slice(b"---\n");
            }
            out.extend_from_slice(format!("# {name}\n").as_bytes());
        }
        let yaml = convert::convert(&profiles, Format::Yaml, Format::Yaml, &options)
            .in_file(&name)?
            .bytes;
        drop(profiles);
        // one file (what git's textconv asks for) is printed as written
        if out.is_empty() {
            out = yaml;
        } else {
            out.extend_from_slice(&yaml);
        }
    }
    io::write_output(None, Path::new("-"), &out)?;
    Ok(0)
}

/// `show --textconv`: what git shows of `file` in a diff: its YAML view, or,
/// when mapiprof cannot read it, its text under a comment saying why, so
/// that one unreadable file does not stop `git log -p`.
pub fn show_for_git(file: &Path, sort: bool, read: &ReadOptions) -> Result<u8> {
    match show(&[file.to_path_buf()], sort, false, read) {
        Ok(code) => Ok(code),
        Err(why) => {
            // read as any input is (bounded, no device): what failed may
            // have been the reading itself
            let bytes = io::read_input(file).unwrap_or_default();
            let text = match bytes.as_slice() {
                [0xFF, 0xFE, rest @ ..] => {
                    let units: Vec<u16> = rest
                        .chunks_exact(2)
                        .filter_map(|p| p.try_into().ok().map(u16::from_le_bytes))
                        .collect();
                    String::from_utf16_lossy(&units)
                }
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            };
            let reason = super::error::one_line(&why).replace('\n', " ");
            let out = format!("# mapiprof cannot read this file: {reason}\n{text}");
            io::write_output(None, Path::new("-"), out.as_bytes())?;
            Ok(0)
        }
    }
}

/// `convert`: one file into another form.
pub fn run(
    input: &Path,
    output: Option<&Path>,
    to: Option<Format>,
    from: Option<Format>,
    request: &Request,
    read: &ReadOptions,
) -> Result<u8> {
    let bytes = io::read_input(input)?;
    let from = from.unwrap_or_else(|| Format::of(input, &bytes));
    let to = to.or_else(|| output.and_then(Format::from_path));
    let out = converted(input, bytes, from, to, request, read)?;
    if output.is_none() && std::io::stdout().is_terminal() && !is_terminal_text(&out) {
        bail!(
            "the output is UTF-16 (as Regedit writes a .reg), which a terminal shows as noise: \
             give -o FILE, or -o - to write it here all the same"
        );
    }
    io::write_output(output, input, &out)?;
    Ok(0)
}

/// Whether a terminal shows `bytes` as the text they are: no UTF-16 (a
/// byte-order mark or NUL bytes).
fn is_terminal_text(bytes: &[u8]) -> bool {
    !(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bytes.contains(&0))
}

/// `bytes` of `file`, read as `from`, converted to `to` (by default the
/// other form: YAML for a `.reg` or `.prf`, what it describes for YAML);
/// warnings printed.
pub fn converted(
    file: &Path,
    bytes: Vec<u8>,
    from: Format,
    to: Option<Format>,
    request: &Request,
    read: &ReadOptions,
) -> Result<Vec<u8>> {
    let name = io::display_name(file);
    let doc = load::document_as(file, bytes, from, read)?;
    let profiles = load::profiles_of(file, doc, read)?;
    let to = to.unwrap_or_else(|| convert::default_target(from, &profiles));
    // values a document or a .prf holds, going into a file Outlook or
    // Regedit reads: said (an error under --strict), not refused, so that
    // an export with such a value still goes through YAML and back as it
    // was; an export's own values are shown and recreated as they are
    if matches!(from, Format::Yaml | Format::Prf)
        && matches!(to, Format::Reg | Format::Prf)
        && !request.force
    {
        load::report(&name, &load::value_error_warnings(&profiles), read)?;
    }
    let mut options = request.options.clone();
    options.recreating.codepage = read.code_page()?;
    if let (Format::Reg, Profiles::Prf(_), Some(base)) = (to, &profiles, &request.base) {
        options.base = Some(export(base, read)?);
    }
    let out = convert::convert(&profiles, from, to, &options).in_file(&name)?;
    load::report(&name, &out.warnings, read)?;
    Ok(out.bytes)
}

/// The export named by `--base`.
fn export(file: &Path, read: &ReadOptions) -> Result<mapiprof::model::Model> {
    match load::profiles(file, read)? {
        Profiles::Registry(model) => Ok(model),
        Profiles::Prf(_) => bail!(
            "{}: --base needs a .reg export (or its YAML), not a .prf",
            io::display_name(file)
        ),
    }
}
