//! Files, stdin and stdout: the only place that touches them.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mapiprof::text::{self, TextFormat};

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
    fn write_to(self, w: &mut impl Write) -> Result<()> {
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

/// Write `content` to `output` (stdout for `None` or `-`). A file is written
/// to a temporary sibling and renamed over the target, so the target holds
/// either its old bytes or the new ones, never half of them. Writing over
/// `input` is refused.
pub fn write_output<'a>(
    output: Option<&Path>,
    input: &Path,
    content: impl Into<Content<'a>>,
) -> Result<()> {
    let content = content.into();
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        let mut stdout = io::stdout().lock();
        return match content.write_to(&mut stdout) {
            Err(e)
                if e.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
            {
                Ok(())
            }
            other => other.context("cannot write to stdout"),
        };
    };
    if same_file(path, input) {
        bail!(
            "refusing to overwrite the input file {}; write to another file",
            path.display()
        );
    }
    write_file(path, content)
}

/// Replace the file at `path` with `content` atomically (a temporary sibling
/// renamed over it); with `backup`, the old bytes are kept as `PATH.bak`
/// first. On any failure the file keeps its old bytes and no temporary file
/// is left.
pub fn replace_file<'a>(path: &Path, content: impl Into<Content<'a>>, backup: bool) -> Result<()> {
    if backup {
        let mut name = path.as_os_str().to_owned();
        name.push(".bak");
        fs::copy(path, PathBuf::from(name))
            .with_context(|| format!("cannot keep a backup of {}", path.display()))?;
    }
    write_through_temp(path, content.into())
}

/// Write `content` to a new or existing file `path`, creating its folder,
/// through a temporary sibling.
pub fn write_file<'a>(path: &Path, content: impl Into<Content<'a>>) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_through_temp(path, content.into())
}

/// Write `content` to `path` in a folder that exists, through a temporary
/// sibling renamed over it.
fn write_through_temp(path: &Path, content: Content<'_>) -> Result<()> {
    let temp = temp_path(path);
    let result = fs::File::create(&temp)
        .map_err(anyhow::Error::from)
        .and_then(|file| content.write_to(&mut io::BufWriter::new(file)))
        .and_then(|()| Ok(fs::rename(&temp, path)?))
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

#[cfg(test)]
mod tests {
    use super::*;

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
