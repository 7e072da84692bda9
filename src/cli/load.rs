//! Reading the files a command names into documents: the bytes (a file or
//! stdin), their form, the library's reader, and the warnings printed on
//! stderr (`--strict` turns them into an error).

use std::path::Path;

use anyhow::{Result, bail};

use mapiprof::Format;
use mapiprof::diag::Warning;
use mapiprof::input::{self, Document, Profiles};

use super::args::{HiveArgs, ReadOptions};
use super::error::FileContext;
use super::io;

/// `file` read as the form its name or content shows; its warnings are the
/// caller's to print or not.
pub fn document(file: &Path, read: &ReadOptions) -> Result<Document> {
    let bytes = io::read_input(file)?;
    let format = Format::of(file, &bytes);
    document_as(file, bytes, format, read)
}

/// `bytes` (of `file`) read as `format`; bytes given by value are freed
/// once decoded.
pub fn document_as<'a>(
    file: &Path,
    bytes: impl Into<std::borrow::Cow<'a, [u8]>>,
    format: Format,
    read: &ReadOptions,
) -> Result<Document> {
    let options = read.input()?;
    let name = io::display_name(file);
    let bytes = bytes.into();
    if format != Format::Hive
        && (read.hive.key.is_some() || read.hive.hive_root != HiveArgs::default().hive_root)
    {
        report(
            &name,
            &[Warning::general(format!(
                "--key and --hive-root read offline hives; this {format} file is read as it is"
            ))],
            read,
        )?;
    }
    if format == Format::Hive {
        // the logs matter only to a hive left in the middle of a write
        let (logs, unread) = if mapiprof::hive::is_dirty(&bytes) {
            io::logs_beside(file)
        } else {
            (Vec::new(), Vec::new())
        };
        let unread: Vec<Warning> = unread.into_iter().map(Warning::general).collect();
        report(&name, &unread, read)?;
        let logs: Vec<_> = logs
            .iter()
            .map(|(name, bytes)| mapiprof::hive::Log { name, bytes })
            .collect();
        return input::read_hive(bytes, &logs, &options).in_file(&name);
    }
    input::read(bytes, format, &options).in_file(&name)
}

/// The profiles `file` describes, its warnings printed.
pub fn profiles(file: &Path, read: &ReadOptions) -> Result<Profiles> {
    let doc = document(file, read)?;
    profiles_of(file, doc, read)
}

/// The profiles `doc` (read from `file`) describes, with the warnings of
/// reading and of working them out printed.
pub fn profiles_of(file: &Path, doc: Document, read: &ReadOptions) -> Result<Profiles> {
    let name = io::display_name(file);
    report(&name, doc.warnings(), read)?;
    let (profiles, warnings) = doc.into_profiles();
    report(&name, &warnings, read)?;
    Ok(profiles)
}

/// Print `warnings` about the file shown as `name`; reading strictly, any
/// warning (not a note) is an error.
pub fn report(name: &str, warnings: &[Warning], read: &ReadOptions) -> Result<()> {
    for warning in warnings {
        let kind = if warning.is_note() { "note" } else { "warning" };
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "{kind}: {name}: {}",
                mapiprof::text::visible(&warning.to_string())
            );
        }
    }
    let counted = warnings.iter().filter(|w| !w.is_note()).count();
    if read.strict && counted > 0 {
        let why = read.strict_because.unwrap_or("--strict is set");
        bail!("{name}: {counted} warning(s) and {why}");
    }
    Ok(())
}

/// The values of `profiles` that `check` calls errors (see
/// `check::VALUE_ERRORS`).
fn value_errors(profiles: &Profiles) -> Vec<mapiprof::check::Finding> {
    use mapiprof::check;
    let found = match profiles {
        Profiles::Registry(model) => check::check_reg(model),
        Profiles::Prf(model) => check::check_prf(model, "", false),
    };
    check::value_errors(found)
}

/// Refuse to write values of `profiles` that `check` calls errors unless
/// `force`: one line each, then the way out.
pub fn refuse_value_errors(name: &str, profiles: &Profiles, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    refuse(name, &value_errors(profiles))
}

/// The values of `profiles` that `check` calls errors, as warnings.
pub fn value_error_warnings(profiles: &Profiles) -> Vec<Warning> {
    value_errors(profiles)
        .into_iter()
        .map(|f| {
            Warning::general(format!(
                "{}: {} (`check` calls this error[{}]; {}; --force writes it without a word)",
                f.place, f.message, f.rule, f.hint
            ))
        })
        .collect()
}

/// [`refuse_value_errors`] for findings already made.
pub fn refuse(name: &str, errors: &[mapiprof::check::Finding]) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    bail!(
        "refusing to write what `check` calls an error (--force writes it all the same):\n{}",
        mapiprof::check::to_text(name, errors)
            .lines()
            .map(mapiprof::text::visible)
            .collect::<Vec<_>>()
            .join("\n")
    )
}
