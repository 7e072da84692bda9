//! `mapiprof inventory`: one row per profile per file, written as files are
//! read. Files are read in parallel a batch at a time and their rows
//! written in argument order, so memory follows the largest file (times the
//! threads), not the number of files.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rayon::prelude::*;

use mapiprof::inventory::{self, COLUMNS, Column, Row, Table, TableFormat};
use mapiprof::{Format, text};

use super::args::ReadOptions;
use super::error::{self, FileContext};
use super::{batch, io, load, signal};

/// What `inventory` was asked.
pub struct Request<'a> {
    pub format: TableFormat,
    pub columns: &'a [String],
    pub explode: bool,
    pub output: Option<&'a Path>,
    pub recursive: bool,
    pub quiet: bool,
}

/// Files read at once; their rows are written before the next are read.
const BATCH: usize = 256;

/// The help text after the options: the columns.
pub fn help() -> String {
    let width = COLUMNS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let columns: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("  {:width$}  {}", c.name, c.help))
        .collect();
    include_str!("inventory_help.txt").replace("{columns}", &columns.join("\n"))
}

/// List every file's profiles: 0 when every file was read, 2 (an error)
/// when one could not be.
pub fn run(paths: &[PathBuf], request: &Request, read: &ReadOptions) -> Result<u8> {
    let columns = columns(request.columns)?;
    let files: Vec<PathBuf> = batch::collect(paths, request.recursive, Format::reads)?
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    // a table over one of its own inputs is refused before anything is read
    if let Some(output) = request.output.filter(|p| *p != Path::new("-"))
        && let Some(input) = files.iter().find(|f| io::same_file(output, f))
    {
        bail!(
            "refusing to overwrite the input file {}; write to another file",
            io::display_name(input)
        );
    }
    let bar = batch::progress(files.len() as u64, request.quiet);
    signal::batch(true);
    let mut failed: Vec<String> = Vec::new();
    let mut listed = 0usize;
    let mut write = |out: &mut dyn Write| -> Result<()> {
        let mut table = Table::new(request.format, &columns, out)?;
        for chunk in files.chunks(BATCH) {
            if signal::stopped() {
                break;
            }
            let results: Vec<Result<Vec<Row>>> = chunk
                .par_iter()
                .map(|file| {
                    let rows = rows(file, read);
                    bar.inc(1);
                    rows
                })
                .collect();
            for result in results {
                match result {
                    Ok(rows) => {
                        listed = listed.saturating_add(1);
                        for row in rows {
                            if request.explode {
                                for one in row.explode() {
                                    table.row(&one)?;
                                }
                            } else {
                                table.row(&row)?;
                            }
                        }
                    }
                    Err(e) => failed.push(error::one_line(&e)),
                }
            }
        }
        table.finish()?;
        Ok(())
    };
    let written = match request.output.filter(|p| *p != Path::new("-")) {
        None => io::write_stdout(|out| write(out)),
        Some(path) => {
            // the table (not the files) is held until it is written whole
            let mut buffer: Vec<u8> = Vec::new();
            write(&mut buffer).and_then(|()| {
                let sources: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
                io::write_file(path, &sources, buffer.as_slice())
            })
        }
    };
    signal::batch(false);
    bar.finish_and_clear();
    written?;
    #[allow(clippy::print_stderr)]
    {
        for failure in &failed {
            eprintln!("failed: {}", text::visible(failure));
        }
        if !request.quiet || !failed.is_empty() {
            eprintln!("{listed} listed, {} failed", failed.len());
        }
    }
    if signal::stopped() {
        bail!("interrupted: the table lists the files read before");
    }
    if !failed.is_empty() {
        bail!("{} of {} files failed", failed.len(), files.len());
    }
    Ok(0)
}

/// The columns asked for, every one when none; a name given twice or
/// unknown is refused.
fn columns(names: &[String]) -> Result<Vec<&'static Column>> {
    let mut out: Vec<&'static Column> = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let Some(column) = inventory::column(name) else {
            let known = COLUMNS.iter().map(|c| c.name);
            let close = mapiprof::mapi::dictionary::closest_among(name.trim(), known);
            let hint = match close.as_slice() {
                [] => String::new(),
                some => format!(" (did you mean {}?)", some.join(", ")),
            };
            let all: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
            bail!(
                "--columns: no column '{}'{hint}; the columns are {}",
                text::visible(name.trim()),
                all.join(", ")
            );
        };
        if out.iter().any(|c| c.name == column.name) {
            bail!("--columns: {} is given twice", column.name);
        }
        out.push(column);
    }
    Ok(out)
}

/// The rows of one file. Warnings are not printed (a fleet would bury the
/// table); what changes an import is counted in the findings columns, and
/// `--strict` fails a file that has any.
fn rows(file: &Path, read: &ReadOptions) -> Result<Vec<Row>> {
    let name = io::display_name(file);
    let doc = load::document(file, read)?;
    if read.strict {
        let counted = doc.warnings().iter().filter(|w| !w.is_note()).count();
        if counted > 0 {
            bail!("{name}: {counted} warning(s) and --strict is set");
        }
    }
    inventory::of_document(&name, doc).in_file(&name)
}
