//! Running an edit over many files: finding them (arguments, globs, folders
//! with `--recursive`), editing them in parallel, writing each the way asked
//! (in place, into a folder, to one output file, or as a diff), a progress
//! bar on a terminal, and a summary. A bad file never stops the batch.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use mapiprof::edit::{EditError, Operation};
use mapiprof::input::{self, Document};
use mapiprof::{Format, text, yaml};

use super::args::{BatchOptions, ReadOptions};
use super::error::{self, FileContext};
use super::{inplace, io, load, signal};

/// Where edited files go.
#[derive(Debug, Clone)]
pub enum Output {
    /// Over the file itself, atomically; `true` keeps `FILE.bak`.
    InPlace(bool),
    /// Into this folder, under the file's path relative to its argument.
    Dir(PathBuf),
    /// To this file (one input only).
    File(PathBuf),
    /// Nowhere: print a unified diff.
    DryRun,
}

impl Output {
    /// Where the batch options say edited files go.
    fn of(options: &BatchOptions) -> Result<Output> {
        Ok(match options {
            o if o.in_place => Output::InPlace(o.backup),
            BatchOptions {
                out_dir: Some(dir), ..
            } => Output::Dir(dir.clone()),
            BatchOptions {
                output: Some(file), ..
            } => Output::File(file.clone()),
            o if o.dry_run => Output::DryRun,
            _ => bail!(
                "say where the edited files go: --in-place, --out-dir DIR, -o FILE or --dry-run"
            ),
        })
    }
}

/// How one file fared.
enum Fate {
    Changed(Vec<String>),
    /// Nothing changed; the notes say why something was left alone.
    Unchanged(Vec<String>),
    /// It does not hold the property set (and `--create` was not given):
    /// nothing to do, not a failure unless `--require` says so.
    Skipped(String),
    /// Ctrl-C came before the file was started; it is as it was.
    Interrupted,
}

/// Apply `op` to every file of `args`; 0 when every file was done.
/// A file that does not hold a property `op` sets is skipped unless
/// `require`.
pub fn run(
    args: &[PathBuf],
    op: &Operation,
    options: &BatchOptions,
    read: &ReadOptions,
    require: bool,
) -> Result<u8> {
    let output = &Output::of(options)?;
    let quiet = options.quiet;
    let files = collect(args, options.recursive, Format::writes)?;
    if matches!(output, Output::File(_)) && files.len() != 1 {
        bail!(
            "-o writes one file, and {} were given; use --out-dir or --in-place",
            files.len()
        );
    }
    if let Output::Dir(dir) = output {
        refuse_shared_destinations(dir, &files)?;
    }
    let bar = progress(files.len() as u64, quiet);
    // Ctrl-C: files not started yet are left alone; a file being written
    // ends up old or new (writes are atomic)
    signal::batch(true);
    let results: Vec<(PathBuf, Result<(Fate, String)>)> = files
        .par_iter()
        .map(|(file, base)| {
            let result = if signal::stopped() {
                Ok((Fate::Interrupted, String::new()))
            } else {
                one(file, base, op, output, read, require)
            };
            bar.inc(1);
            (file.clone(), result)
        })
        .collect();
    signal::batch(false);
    bar.finish_and_clear();
    report(&results, quiet, matches!(output, Output::DryRun)).map(|()| 0)
}

/// Edit one file and write it; the diff text for `--dry-run`.
fn one(
    file: &Path,
    base: &Path,
    op: &Operation,
    output: &Output,
    read: &ReadOptions,
    require: bool,
) -> Result<(Fate, String)> {
    let name = io::display_name(file);
    // a hive is refused before it is opened to be written, or read whole
    if file != Path::new("-") && io::starts_like_hive(file) {
        return Err(mapiprof::edit::EditError::NotWritten(Format::Hive)).in_file(&name);
    }
    // an in-place edit holds the file locked from this read to its rename
    let (editing, bytes) = if matches!(output, Output::InPlace(_)) {
        let (editing, bytes) = inplace::open(file)?;
        (Some(editing), bytes)
    } else {
        (None, io::read_input(file)?)
    };
    let format = Format::of(file, &bytes);
    // the texts a dry run compares; nothing else needs them
    let dry = matches!(output, Output::DryRun);
    // a YAML document keeps no text of its own: a dry run compares its bytes
    let yaml_before = if dry && format == Format::Yaml {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        String::new()
    };
    // `fmt` changes a file when its bytes change (a YAML document keeps
    // no text to compare with)
    let fmt = matches!(op, Operation::Fmt(_));
    let fingerprint = fmt.then(|| (bytes.len(), inplace::fingerprint(&bytes)));
    // the file's bytes, text and tree go as soon as they are not needed
    let doc = load::document_as(file, bytes, format, read)?;
    load::report(&name, doc.warnings(), read)?;
    let mut edited = match op.edit(&doc) {
        Err(EditError::Absent(property)) if !require => {
            return Ok((Fate::Skipped(format!("no {property}")), String::new()));
        }
        result => result.in_file(&name)?,
    };
    // a migration says what its result adds to `check`'s findings
    if matches!(op, Operation::Rewrite(_)) && mapiprof::edit::changes_anything(&edited.changes) {
        let found = mapiprof::edit::new_findings(&doc, &edited).in_file(&name)?;
        edited.changes.extend(found.iter().map(|f| {
            format!(
                "check: {}[{}]: {}: {} (new in the result)",
                f.severity.name(),
                f.rule,
                f.place,
                f.message
            )
        }));
    }
    // how the file is stored before and after, when fmt changes that
    let stored = |d: &Document| match d {
        Document::Reg(r) => Some(r.format),
        Document::Prf(p) => Some(p.format),
        Document::Model { .. } => None,
    };
    let restored = match (stored(&doc), edited.format) {
        (Some(old), Some(new)) if fmt && old != new => Some((old, new)),
        _ => None,
    };
    let (before, after, encoded) = match doc {
        Document::Reg(parsed) => {
            let read_as = parsed.format;
            let format = edited.format.unwrap_or(read_as);
            // what fmt changes is the text itself, which a YAML view hides
            let view = |t: &str, f: &text::TextFormat| {
                if fmt { t.to_owned() } else { view_of(t, f) }
            };
            let before = if dry {
                view(&parsed.text, &read_as)
            } else {
                String::new()
            };
            // the file's text and tree go before the second view is built
            drop(parsed);
            let after = if dry {
                view(&edited.text, &format)
            } else {
                String::new()
            };
            let encoded = if matches!(
                format.encoding,
                text::Encoding::Utf16Le | text::Encoding::Utf16Be
            ) && !fmt
            {
                // any text encodes as UTF-16: that is done on the way out
                NewFile::Text(std::mem::take(&mut edited.text), format)
            } else {
                let bytes = text::encode(&edited.text, &format).in_file(&name)?;
                edited.text = String::new();
                NewFile::Bytes(bytes)
            };
            (before, after, encoded)
        }
        Document::Prf(parsed) => {
            let format = edited.format.unwrap_or(parsed.format);
            // the file's text goes before the new one is encoded, unless a
            // dry run compares them
            let before = if dry {
                parsed.text
            } else {
                drop(parsed);
                String::new()
            };
            let encoded = text::encode(&edited.text, &format).in_file(&name)?;
            // the new text goes once encoded, unless a dry run shows it
            let after = std::mem::take(&mut edited.text);
            let after = if dry { after } else { String::new() };
            (before, after, NewFile::Bytes(encoded))
        }
        Document::Model { .. } if dry => (
            yaml_before,
            edited.text.clone(),
            NewFile::Bytes(edited.text.into_bytes()),
        ),
        Document::Model { .. } => (
            String::new(),
            String::new(),
            NewFile::Bytes(std::mem::take(&mut edited.text).into_bytes()),
        ),
    };
    if let (Some(old), NewFile::Bytes(new)) = (fingerprint, &encoded)
        && old == (new.len(), inplace::fingerprint(new))
    {
        edited.changes.clear();
    }
    // notes (a value left alone) are said, and change nothing
    let changed = mapiprof::edit::changes_anything(&edited.changes);
    let mut changes = edited.changes;
    let mut diff = String::new();
    match output {
        Output::DryRun if fmt => {
            // line ends and encoding are said once, not shown on every line
            let lines = |t: &str| t.replace("\r\n", "\n").replace('\r', "\n");
            if let Some((old, new)) = restored {
                diff = format!(
                    "# {name}: stored as {} (was {})\n",
                    stored_as(&new),
                    stored_as(&old)
                );
            }
            diff.push_str(&unified(&name, &lines(&before), &lines(&after)));
        }
        Output::DryRun => diff = unified(&name, &before, &after),
        Output::InPlace(backup) => {
            if let Some(editing) = editing.filter(|_| changed) {
                changes.extend(editing.replace(file, encoded.content(), *backup)?);
            }
        }
        Output::Dir(dir) => {
            io::write_file(&destination(dir, file, base), &[file], encoded.content())?;
        }
        Output::File(path) => io::write_output(Some(path), file, encoded.content())?,
    }
    let fate = if changed {
        Fate::Changed(changes)
    } else {
        Fate::Unchanged(changes)
    };
    Ok((fate, diff))
}

/// Where `--out-dir DIR` writes `file` (found under `base`): its path
/// relative to its argument, or its name when it was named itself.
fn destination(dir: &Path, file: &Path, base: &Path) -> PathBuf {
    let relative = file.strip_prefix(base).unwrap_or(file);
    let relative = if relative.as_os_str().is_empty() {
        Path::new(file.file_name().unwrap_or_default())
    } else {
        relative
    };
    dir.join(relative)
}

/// Refuse a batch whose files would go to one place in `dir` (`a/p.reg`
/// and `b/p.reg` named as files, or names that differ only in case, which
/// Windows takes for one file): the last one written would win.
fn refuse_shared_destinations(dir: &Path, files: &[(PathBuf, PathBuf)]) -> Result<()> {
    let mut seen: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    for (file, base) in files {
        let to = destination(dir, file, base);
        let key = to.to_string_lossy().to_lowercase();
        if let Some(other) = seen.insert(key, file) {
            bail!(
                "{} and {} would both be written to {}; name their folders, or run them apart",
                io::display_name(other),
                io::display_name(file),
                io::display_name(&to)
            );
        }
    }
    Ok(())
}

/// An edited file: bytes, or text to encode as it is written.
enum NewFile {
    Bytes(Vec<u8>),
    Text(String, text::TextFormat),
}

impl NewFile {
    fn content(&self) -> io::Content<'_> {
        match self {
            NewFile::Bytes(bytes) => io::Content::Bytes(bytes),
            NewFile::Text(text, format) => io::Content::Text(text, format),
        }
    }
}

/// What a diff shows of a `.reg`: the text, or the YAML view of a UTF-16
/// file (whose text a diff tool shows as binary).
fn view_of(text: &str, format: &text::TextFormat) -> String {
    if !matches!(
        format.encoding,
        text::Encoding::Utf16Le | text::Encoding::Utf16Be
    ) {
        return text.to_owned();
    }
    input::read_reg(text.as_bytes(), None)
        .ok()
        .and_then(|r| {
            let (mut model, _) = r.model();
            model.source.text = *format;
            yaml::write(&model, &yaml::WriteOptions::default()).ok()
        })
        .unwrap_or_else(|| text.to_owned())
}

/// `utf-16le with a byte-order mark, crlf line ends`.
fn stored_as(format: &text::TextFormat) -> String {
    format!(
        "{}{}, {} line ends",
        format.encoding.name(),
        if format.bom {
            " with a byte-order mark"
        } else {
            ""
        },
        format.newline.name()
    )
}

fn unified(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

pub(super) fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// Print the changes (unless quiet), the diffs and the summary (of what
/// would change, for a dry run); an error when a file failed.
fn report(results: &[(PathBuf, Result<(Fate, String)>)], quiet: bool, dry: bool) -> Result<()> {
    let (mut count, mut unchanged, mut failed): (usize, usize, Vec<String>) = (0, 0, Vec::new());
    let mut out = String::new();
    let mut said = String::new();
    let mut interrupted: usize = 0;
    let mut skipped: usize = 0;
    for (file, result) in results {
        match result {
            Ok((fate, diff)) => {
                out.push_str(diff);
                match fate {
                    Fate::Changed(lines) => {
                        count = count.saturating_add(1);
                        if !quiet {
                            for line in lines {
                                said.push_str(&format!(
                                    "{}: {}\n",
                                    io::display_name(file),
                                    text::visible(line)
                                ));
                            }
                        }
                    }
                    Fate::Unchanged(notes) => {
                        unchanged = unchanged.saturating_add(1);
                        if !quiet {
                            for note in notes {
                                said.push_str(&format!(
                                    "{}: {}\n",
                                    io::display_name(file),
                                    text::visible(note)
                                ));
                            }
                        }
                    }
                    Fate::Skipped(why) => {
                        skipped = skipped.saturating_add(1);
                        if !quiet {
                            said.push_str(&format!(
                                "{}: skipped ({})\n",
                                io::display_name(file),
                                text::visible(why)
                            ));
                        }
                    }
                    Fate::Interrupted => interrupted = interrupted.saturating_add(1),
                }
            }
            Err(e) => failed.push(error::one_line(e)),
        }
    }
    // a diff shows the file's own text: on a terminal, what would drive it
    // (an escape sequence in a crafted value) is shown, not obeyed
    if std::io::stdout().is_terminal() {
        out = out
            .split_inclusive('\n')
            .map(|line| {
                let (body, end) = line
                    .strip_suffix('\n')
                    .map_or((line, ""), |body| (body, "\n"));
                format!("{}{end}", text::visible(body))
            })
            .collect();
    }
    io::write_output(None, Path::new("-"), out.as_bytes())?;
    #[allow(clippy::print_stderr)]
    {
        eprint!("{said}");
        for failure in &failed {
            eprintln!("failed: {failure}");
        }
        if interrupted > 0 {
            eprintln!("interrupted: {interrupted} file(s) not started, left as they were");
        }
        if !quiet || !failed.is_empty() || interrupted > 0 {
            let changed = if dry { "would change" } else { "changed" };
            let skipped = if skipped > 0 {
                format!(", {skipped} skipped")
            } else {
                String::new()
            };
            eprintln!(
                "{count} {changed}, {unchanged} unchanged{skipped}, {} failed",
                failed.len()
            );
        }
    }
    if !failed.is_empty() {
        bail!("{} of {} files failed", failed.len(), results.len())
    }
    if interrupted > 0 {
        bail!("interrupted");
    }
    Ok(())
}

/// The files of `args` with the argument each came from: files as given,
/// glob patterns expanded, folders (with `recursive`) searched for files of
/// the `wanted` forms (those mapiprof reads, or writes for the commands that
/// edit).
pub(super) fn collect(
    args: &[PathBuf],
    recursive: bool,
    wanted: fn(Format) -> bool,
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            if !recursive {
                bail!(
                    "{} is a folder; add --recursive to take the files in it",
                    arg.display()
                );
            }
            walk(arg, arg, wanted, &mut out)?;
        } else if !arg.exists() && arg.to_string_lossy().contains(['*', '?', '[']) {
            let pattern = arg.to_string_lossy();
            // Windows names files without regard to case (`*.reg` finds
            // `DESK42.REG`), and takes `\` and `/` alike
            let options = glob::MatchOptions {
                case_sensitive: !cfg!(windows),
                ..glob::MatchOptions::new()
            };
            let paths = glob::glob_with(&pattern, options).in_file(&pattern)?;
            let before = out.len();
            for path in paths.flatten().filter(|p| p.is_file()) {
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                out.push((path, base));
            }
            if out.len() == before {
                bail!("{pattern}: no file matches");
            }
        } else {
            let base = arg.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push((arg.clone(), base));
        }
    }
    Ok(out)
}

/// The files under `dir` of the `wanted` forms, in name order. Links are
/// not followed (a link to a folder above would loop, a link elsewhere would
/// reach outside the folder given) and only regular files are taken, never
/// devices or pipes.
fn walk(
    dir: &Path,
    base: &Path,
    wanted: fn(Format) -> bool,
    out: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<()> {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().and_then(|e| Some((e.path(), e.file_type().ok()?))))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, base, wanted, out)?;
        } else if kind.is_file() && Format::from_path(&path).is_some_and(wanted) {
            // a .dat file is many things; only a hive is taken
            if Format::from_path(&path) == Some(Format::Hive) && !io::starts_like_hive(&path) {
                continue;
            }
            out.push((path, base.to_path_buf()));
        }
    }
    Ok(())
}
