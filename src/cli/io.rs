//! Files, stdin and stdout: the only place that touches them.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The largest input mapiprof reads: far above any real export (a profile
/// is kilobytes; an export of a thousand profiles tens of megabytes), and
/// low enough that reading one cannot exhaust memory.
pub const MAX_INPUT: u64 = 512 * 1024 * 1024;

/// The bytes of `path`, or of stdin for `-`; larger than [`MAX_INPUT`] is
/// an error.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let too_big = |name: &str| {
        anyhow::anyhow!(
            "{name} is larger than {} MiB, the most mapiprof reads",
            MAX_INPUT / 1024 / 1024
        )
    };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        if bytes.len() as u64 > MAX_INPUT {
            return Err(too_big("stdin"));
        }
        return Ok(bytes);
    }
    let size = fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_INPUT {
        return Err(too_big(&path.display().to_string()));
    }
    fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// How a path is named in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Write `bytes` to `output` (stdout for `None` or `-`). A file is written
/// to a temporary sibling and renamed over the target, so the target holds
/// either its old bytes or the new ones, never half of them. Writing over
/// `input` is refused.
pub fn write_output(output: Option<&Path>, input: &Path, bytes: &[u8]) -> Result<()> {
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        let mut stdout = io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to stdout"),
        };
    };
    if same_file(path, input) {
        bail!(
            "refusing to overwrite the input file {}; write to another file",
            path.display()
        );
    }
    write_file(path, bytes)
}

/// Replace the file at `path` with `bytes` atomically (a temporary sibling
/// renamed over it); with `backup`, the old bytes are kept as `PATH.bak`
/// first. On any failure the file keeps its old bytes and no temporary file
/// is left.
pub fn replace_file(path: &Path, bytes: &[u8], backup: bool) -> Result<()> {
    if backup {
        let mut name = path.as_os_str().to_owned();
        name.push(".bak");
        fs::copy(path, PathBuf::from(name))
            .with_context(|| format!("cannot keep a backup of {}", path.display()))?;
    }
    write_through_temp(path, bytes)
}

/// Write `bytes` to a new or existing file `path`, creating its folder,
/// through a temporary sibling.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_through_temp(path, bytes)
}

/// Write `bytes` to `path` in a folder that exists, through a temporary
/// sibling renamed over it.
fn write_through_temp(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = temp_path(path);
    let result = fs::write(&temp, bytes)
        .and_then(|()| fs::rename(&temp, path))
        .with_context(|| format!("cannot write {}", path.display()));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.mapiprof-{}.tmp", std::process::id()))
}
