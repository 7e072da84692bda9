//! `mapiprof diff`: load both files, compare them on their meaning, print.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;

use mapiprof::diff::{self, Change, DiffOptions};
use mapiprof::input::Profiles;

use super::args::{DiffFormat, ReadOptions};
use super::error::FileContext;
use super::{io, load};

/// Compare `a` and `b`; 0 when equal, 1 when not.
pub fn run(
    a: &Path,
    b: &Path,
    format: DiffFormat,
    options: &DiffOptions,
    read: &ReadOptions,
) -> Result<u8> {
    let (pa, pb) = (load::profiles(a, read)?, load::profiles(b, read)?);
    // comparing a .prf with an export can only fail on the export
    let export = if matches!(pa, Profiles::Registry(_)) {
        a
    } else {
        b
    };
    let changes = diff::diff(&pa, &pb, options).in_file(&io::display_name(export))?;
    let text = match format {
        DiffFormat::Text => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            diff::to_text(&changes, color)
        }
        DiffFormat::Json => serde_json::to_string_pretty(&changes)? + "\n",
        DiffFormat::Yaml => yaml_of(&changes)?,
    };
    io::write_output(None, Path::new("-"), text.as_bytes())?;
    Ok(u8::from(!changes.is_empty()))
}

fn yaml_of(changes: &[Change]) -> Result<String> {
    if changes.is_empty() {
        return Ok("[]\n".to_owned());
    }
    Ok(mapiprof::yaml::to_text(&changes)?)
}
