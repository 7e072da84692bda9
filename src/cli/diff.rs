//! `mapiprof diff`: load both files, compare them on their meaning, print.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, anyhow};

use mapiprof::diff::{self, Change, DiffOptions};

use super::args::{DiffFormat, ReadOptions};
use super::{Loaded, io, load};

/// Compare `a` and `b`; 0 when equal, 1 when not.
pub fn run(
    a: &Path,
    b: &Path,
    format: DiffFormat,
    options: &DiffOptions,
    read: &ReadOptions,
) -> Result<u8> {
    let changes = match (load(a, None, read)?, load(b, None, read)?) {
        (Loaded::Reg(ma), Loaded::Reg(mb)) => diff::diff_reg(&ma, &mb, options),
        (Loaded::Prf(pa), Loaded::Prf(pb)) => diff::diff_prf(&pa, &pb, options),
        (Loaded::Prf(pa), Loaded::Reg(mb)) => diff::diff_prf_export(&pa, &mb, true, options)
            .map_err(|e| anyhow!("{}: {e}", io::display_name(b)))?,
        (Loaded::Reg(ma), Loaded::Prf(pb)) => diff::diff_prf_export(&pb, &ma, false, options)
            .map_err(|e| anyhow!("{}: {e}", io::display_name(a)))?,
    };
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
