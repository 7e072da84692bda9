//! Files, stdin and stdout: the only place that touches them.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mapiprof::text::{self, TextFormat};

use super::folder::{self, Folder, Kind};
use super::inplace;

/// The largest input mapiprof reads: far above any real export (a profile
/// is kilobytes; an export of a thousand profiles tens of megabytes), and
/// low enough that reading one cannot exhaust memory.
pub const MAX_INPUT: u64 = 512 * 1024 * 1024;

/// The bytes of `path`, or of stdin for `-`; larger than [`MAX_INPUT`] is
/// an error, found while reading (a pipe or a growing file has no size to
/// check first). Folders and devices are refused.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        return read_bounded(io::stdin().lock(), "stdin", MAX_INPUT);
    }
    // what it is, before opening it (opening a device can do something)
    let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a folder, not a file", path.display());
    }
    if is_device(&meta) {
        bail!(
            "{} is a device, not a file; to read a stream, pipe it to `-`",
            path.display()
        );
    }
    let file = fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    read_bounded(file, &path.display().to_string(), MAX_INPUT)
}

/// At most `limit` bytes of `reader`; more is an error, found after
/// reading one byte over.
pub(super) fn read_bounded(reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > limit {
        bail!(
            "{name} is larger than {} MiB, the most mapiprof reads",
            limit / 1024 / 1024
        );
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_device(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_block_device()
}

#[cfg(not(unix))]
fn is_device(_meta: &fs::Metadata) -> bool {
    false
}

/// The transaction logs beside the hive `path`: `NAME.LOG1` and
/// `NAME.LOG2`, else an old `NAME.LOG`, the name in any letter case (Windows
/// writes `NTUSER.DAT` beside `ntuser.dat.LOG1`), regular files only; each
/// with its name for messages (none for stdin), and why a log found could
/// not be read.
pub fn logs_beside(path: &Path) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut logs = Vec::new();
    let mut unread = Vec::new();
    if path == Path::new("-") {
        return (logs, unread);
    }
    let Some(file_name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return (logs, unread);
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    // the folder's names, lower-cased, once
    let names: Vec<(String, PathBuf)> = fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| (e.file_name().to_string_lossy().to_lowercase(), e.path()))
                .filter(|(n, _)| n.starts_with(&file_name))
                .collect()
        })
        .unwrap_or_default();
    for end in ["log1", "log2", "log"] {
        if end == "log" && !logs.is_empty() {
            break;
        }
        let wanted = format!("{file_name}.{end}");
        let Some(log) = names
            .iter()
            .find(|(n, _)| *n == wanted)
            .map(|(_, p)| p.clone())
        else {
            continue;
        };
        // a pipe, a device, a folder or a broken link is named, not opened
        if !fs::metadata(&log).is_ok_and(|m| m.is_file()) {
            unread.push(format!(
                "transaction log {} not used: it is not a regular file",
                display_name(&log)
            ));
            continue;
        }
        // a log that cannot be read is said, and the others used
        match read_input(&log) {
            Ok(bytes) => logs.push((display_name(&log), bytes)),
            Err(e) => unread.push(format!(
                "transaction log {} not used: {}",
                display_name(&log),
                super::error::one_line(&e)
            )),
        }
    }
    (logs, unread)
}

/// Whether the regular file at `path` starts with a hive's signature
/// (anything else, a pipe or a device, is not opened here).
pub fn starts_like_hive(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && mapiprof::hive::is_hive(&head)
}

/// How a path is named in messages: control and text-direction characters
/// made visible (a file name cannot drive the terminal).
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        text::visible(&path.display().to_string()).into_owned()
    }
}

/// What to write: bytes as they are, or text encoded on the way out (a
/// large UTF-16 file is then never held whole as bytes).
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    /// Bytes, written as they are.
    Bytes(&'a [u8]),
    /// Text, written in `TextFormat` with its byte-order mark.
    Text(&'a str, &'a TextFormat),
}

impl<'a> From<&'a [u8]> for Content<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Content::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Content<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Content::Bytes(bytes)
    }
}

/// Text is encoded this many bytes at a time.
const PIECE: usize = 64 * 1024;

impl Content<'_> {
    pub(super) fn write_to(self, w: &mut (impl Write + ?Sized)) -> Result<()> {
        match self {
            Content::Bytes(bytes) => w.write_all(bytes)?,
            Content::Text(text, format) => {
                w.write_all(text::bom(format))?;
                let mut buf = Vec::with_capacity(PIECE.saturating_mul(2));
                for piece in pieces(text, PIECE) {
                    buf.clear();
                    text::encode_into(&mut buf, piece, format.encoding)?;
                    w.write_all(&buf)?;
                }
            }
        }
        Ok(w.flush()?)
    }
}

/// `text` cut into pieces of at most `size` bytes (at least one character
/// each) at character boundaries.
fn pieces(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        // back to a character boundary; 0 is one, and then the first
        // character goes whole
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        if end == 0 {
            end = rest.chars().next().map_or(0, char::len_utf8);
        }
        let (piece, tail) = rest.split_at_checked(end)?;
        rest = tail;
        (!piece.is_empty()).then_some(piece)
    })
}

/// Write to stdout with `write`: a closed pipe ends the output quietly
/// (`mapiprof show x.reg | head`).
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match write(&mut stdout).and_then(|()| Ok(stdout.flush()?)) {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other.context("cannot write to stdout"),
    }
}

/// Write `content` to `output` (stdout for `None` or `-`), a file as
/// [`write_file`] does. Writing over `input` is refused.
pub fn write_output<'a>(
    output: Option<&Path>,
    input: &Path,
    content: impl Into<Content<'a>>,
) -> Result<()> {
    let content = content.into();
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        return write_stdout(|w| content.write_to(w));
    };
    write_file(path, &[input], content)
}

/// Write `content` to the file `path`, creating its folder. A new file, or
/// a regular file replaced, is written to a temporary file beside it and
/// renamed, so it holds its old bytes or the new ones, never half; a new
/// file never replaces one that appeared meanwhile, and is created no more
/// readable than any of `sources`. A file replaced keeps its owner and mode
/// (refused when that cannot be, or when the user may not write it). A link
/// is followed when the user can trust it (see [`folder::resolve`]); a
/// device or a pipe named directly is written into, never one reached
/// through a link. Writing over one of `sources` is refused.
pub fn write_file<'a>(
    path: &Path,
    sources: &[&Path],
    content: impl Into<Content<'a>>,
) -> Result<()> {
    let content = content.into();
    if let Some(input) = sources.iter().find(|s| same_file(path, s)) {
        bail!(
            "refusing to overwrite the input file {}; write to another file",
            display_name(input)
        );
    }
    let (dir, _) = folder::split(path)?;
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (folder, name, found, through_link) = folder::resolve(path)?;
    let written = match found.kind {
        Kind::Missing => create(&folder, &name, sources, content),
        // a hive is never written, whatever asks
        Kind::File if starts_like_hive(path) => bail!(
            "{} is an offline registry hive, which mapiprof never writes over; write to another file",
            display_name(path)
        ),
        Kind::File => replace(&folder, &name, path, content),
        Kind::Stream if !through_link => folder
            .open_stream(&name)
            .map_err(anyhow::Error::from)
            .and_then(|mut file| content.write_to(&mut file)),
        Kind::Stream => bail!(
            "{} is a link to a device or a pipe; name it directly to write into it",
            display_name(path)
        ),
        Kind::Other if fs::metadata(path).is_ok_and(|m| m.is_dir()) => bail!(
            "{} is a folder; name a file (or use --out-dir where the command has it)",
            display_name(path)
        ),
        Kind::Other | Kind::Link { .. } => bail!(
            "{} is a block device or a socket, which mapiprof does not write into",
            display_name(path)
        ),
    };
    written.with_context(|| format!("cannot write {}", display_name(path)))
}

/// Replace the regular file `name` of `folder` with `content`, keeping the
/// owner and mode of the very file it replaces.
fn replace(folder: &Folder, name: &OsStr, path: &Path, content: Content<'_>) -> Result<()> {
    // the user must be allowed to write the file itself, not only its folder
    let old = folder.open_file(name, true)?;
    let meta = old.metadata()?;
    if !meta.is_file() {
        bail!(
            "{} changed into something else; try again",
            display_name(path)
        );
    }
    let mut temp = folder.temporary(name, 0o600)?;
    inplace::same_owner_and_mode(&temp.file, &meta, path)?;
    inplace::write_synced(&mut temp.file, content)?;
    temp.publish(name)?;
    Ok(())
}

/// Create `name` in `folder`, which does not hold it, with `content`.
fn create(folder: &Folder, name: &OsStr, sources: &[&Path], content: Content<'_>) -> Result<()> {
    // never wider than a source, from the start (the umask applies too)
    let mut temp = folder.temporary(name, narrowest(sources))?;
    inplace::write_synced(&mut temp.file, content)?;
    temp.publish_new(name).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("it appeared while mapiprof was writing it; try again")
        } else {
            e.into()
        }
    })
}

/// The mode of a new file: read and write for all, less what any of
/// `sources` lacks (an export readable by its owner only does not become
/// readable by others once converted); always writable by its owner, who
/// made it (a read-only source, such as a hive from a backup, does not
/// make a read-only output).
#[cfg(unix)]
fn narrowest(sources: &[&Path]) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    sources
        .iter()
        .filter_map(|source| fs::metadata(source).ok().filter(fs::Metadata::is_file))
        .fold(0o666, |mode, meta| mode & meta.permissions().mode())
        | 0o200
}

/// Windows gives a new file the folder's permissions.
#[cfg(not(unix))]
fn narrowest(_sources: &[&Path]) -> u32 {
    0o666
}

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_up_to_the_limit_and_no_further() {
        // an endless stream: read one byte over the limit, then refused
        let endless = io::repeat(b'x');
        let e = read_bounded(endless, "a pipe", 2 * 1024 * 1024).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a pipe is larger than 2 MiB, the most mapiprof reads"
        );
        let exact = read_bounded(io::repeat(b'x').take(1024), "a pipe", 1024).unwrap();
        assert_eq!(exact.len(), 1024);
    }

    #[test]
    fn text_is_cut_at_character_boundaries() {
        let text = "aé€😀b".repeat(3);
        for size in [1, 2, 3, 4, 7, 100] {
            let cut: Vec<&str> = pieces(&text, size).collect();
            assert_eq!(cut.concat(), text, "size {size}");
            for piece in &cut {
                assert!(
                    piece.len() <= size || piece.chars().count() == 1,
                    "size {size}: {piece:?}"
                );
            }
        }
        assert_eq!(pieces("", 4).count(), 0);
    }

    #[test]
    fn text_content_is_written_encoded_with_its_bom() {
        let text = "Windows Registry Editor Version 5.00\r\n€".repeat(2_000);
        let mut out = Vec::new();
        Content::Text(&text, &TextFormat::REGEDIT5)
            .write_to(&mut out)
            .unwrap();
        assert_eq!(out, text::encode(&text, &TextFormat::REGEDIT5).unwrap());
    }
}
