//! `mapiprof diff`: load both files, compare them on their meaning, print.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, anyhow};

use mapiprof::diff::{self, Change, DiffOptions};
use mapiprof::model::{self, Model};
use mapiprof::prf::PrfModel;

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
    // an export says nothing of how a .prf is to be applied
    let mixed = DiffOptions {
        ignore: options
            .ignore
            .iter()
            .cloned()
            .chain(HOW_TO_APPLY.iter().map(|k| (*k).to_owned()))
            .collect(),
        ..options.clone()
    };
    let changes = match (load(a, None, read)?, load(b, None, read)?) {
        (Loaded::Reg(ma), Loaded::Reg(mb)) => diff::diff_reg(&ma, &mb, options),
        (Loaded::Prf(pa), Loaded::Prf(pb)) => diff::diff_prf(&pa, &pb, options),
        (Loaded::Prf(pa), Loaded::Reg(mb)) => diff::diff_prf(&pa, &as_prf(&mb, &pa, b)?, &mixed),
        (Loaded::Reg(ma), Loaded::Prf(pb)) => diff::diff_prf(&as_prf(&ma, &pb, a)?, &pb, &mixed),
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

/// `.prf` options that steer how Outlook applies the file, which an export
/// cannot have: left out when a `.prf` is compared with an export.
const HOW_TO_APPLY: [&str; 7] = [
    "Custom",
    "OverwriteProfile",
    "ModifyDefaultProfileIfPresent",
    "BackupProfile",
    "UniqueService",
    "OverwriteExistingService",
    "DefaultAccount",
];

/// The export as the `.prf` that recreates the profile `prf` names (else
/// its only or default profile).
fn as_prf(export: &Model, prf: &PrfModel, path: &Path) -> Result<PrfModel> {
    let named = prf.general.get("ProfileName").filter(|n| {
        export
            .profiles
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(n))
    });
    let options = model::RegToPrf {
        profile: named.map(str::to_owned),
        generation: prf.generation(),
        codepage: None,
    };
    model::reg_to_prf(export, &options)
        .map(|(m, _)| m)
        .map_err(|e| anyhow!("{}: {e}", io::display_name(path)))
}

fn yaml_of(changes: &[Change]) -> Result<String> {
    if changes.is_empty() {
        return Ok("[]\n".to_owned());
    }
    Ok(mapiprof::yaml::to_text(&changes)?)
}
