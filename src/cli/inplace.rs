//! Replacing a file the user edits in place, the way a careful editor does:
//! through the link to the file it names, under an advisory lock, only when
//! the user may write it, keeping its mode and owner, never over a change
//! another program made meanwhile, with a backup that never replaces one.
//!
//! The new bytes go to a temporary file created exclusively, with an
//! unpredictable name, in the target's folder, and are renamed over it: the
//! file holds its old bytes or its new ones, never half.

use std::fs::{self, File, Metadata, OpenOptions};
use std::hash::{DefaultHasher, Hasher};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::io::{Content, MAX_INPUT};

/// How many times a file replaced while waiting for its lock is opened again.
const REOPEN: usize = 8;

/// How many backups of one file are kept side by side (`FILE.bak`,
/// `FILE.bak.1` … `FILE.bak.999`).
const BACKUPS: usize = 1000;

/// A file open for an in-place edit: locked, its bytes read.
#[derive(Debug)]
pub struct Editing {
    /// The file the path names, through any links.
    target: PathBuf,
    /// Held open (and locked) until the edit is done.
    file: File,
    meta: Metadata,
    /// A hash of the bytes read, to see whether they changed meanwhile.
    seen: u64,
    /// Hard links: the other names keep the old bytes.
    links: u64,
    /// Whether the user may write the file; one they may not is read (an
    /// edit may change nothing) and refused when it would be replaced.
    writable: bool,
}

/// Open `path` to edit it in place: the bytes it holds. Refused for a file
/// that is not a regular file or that the user may not write.
pub fn open(path: &Path) -> Result<(Editing, Vec<u8>)> {
    let target = resolve(path)?;
    for _ in 0..REOPEN {
        // opened for writing, as the test that the user may write it
        let (file, writable) = match OpenOptions::new().read(true).write(true).open(&target) {
            Ok(file) => (file, true),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => (
                File::open(&target).with_context(|| format!("cannot read {}", path.display()))?,
                false,
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
        };
        let meta = file.metadata()?;
        if !meta.is_file() {
            bail!(
                "{} is not a regular file; --in-place edits regular files only",
                path.display()
            );
        }
        // another mapiprof editing the same file waits here; a lock the
        // file system does not offer is no lock, and the content check
        // before the rename still holds
        let _ = file.lock();
        // the file may have been replaced while this one waited
        if !same_inode(&meta, &fs::metadata(&target)?) {
            continue;
        }
        let meta = file.metadata()?;
        let mut file = file;
        let bytes = read_all(&mut file, path)?;
        let links = link_count(&meta);
        let editing = Editing {
            target,
            seen: hash(&bytes),
            file,
            meta,
            links,
            writable,
        };
        return Ok((editing, bytes));
    }
    bail!(
        "{} keeps being replaced by another program; try again",
        path.display()
    )
}

impl Editing {
    /// Replace the file with `content` (keeping a backup first when
    /// `backup`); notes for the user (a backup kept, hard links split).
    pub fn replace(
        mut self,
        path: &Path,
        content: Content<'_>,
        backup: bool,
    ) -> Result<Vec<String>> {
        if !self.writable {
            bail!(
                "{} may not be written by you (permission denied); mapiprof edits in place only \
                 files you may write — write the result elsewhere with -o or --out-dir",
                path.display()
            );
        }
        let now =
            fs::metadata(&self.target).with_context(|| format!("{} is gone", path.display()))?;
        let old = read_all(&mut self.file, path)?;
        if !same_inode(&self.meta, &now) || hash(&old) != self.seen {
            bail!(
                "{} changed while mapiprof was editing it (another program wrote it); \
                 it keeps that program's change: run the command again",
                path.display()
            );
        }
        let mut notes = Vec::new();
        if backup {
            let kept = keep_backup(&self.target, &old, &self.meta)
                .with_context(|| format!("cannot keep a backup of {}", path.display()))?;
            // named as the user named the file, unless that was a link
            let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let shown = match kept.file_name() {
                Some(name) if !is_link => path.with_file_name(name),
                _ => kept,
            };
            notes.push(format!("backup kept as {}", shown.display()));
        }
        drop(old);
        let dir = folder_of(&self.target);
        let mut temp = temporary(dir, &self.target, false)?;
        same_owner_and_mode(temp.as_file(), &self.meta, path)?;
        write_synced(temp.as_file_mut(), content)
            .with_context(|| format!("cannot write {}", path.display()))?;
        temp.persist(&self.target)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", path.display()))?;
        if self.links > 1 {
            notes.push(format!(
                "{} had {} hard links: the other names keep the old bytes",
                path.display(),
                self.links
            ));
        }
        Ok(notes)
    }
}

/// The file `path` names, through symbolic links.
fn resolve(path: &Path) -> Result<PathBuf> {
    fs::canonicalize(path).with_context(|| format!("cannot read {}", path.display()))
}

/// All the bytes of `file` from its start, at most [`MAX_INPUT`].
fn read_all(file: &mut File, path: &Path) -> Result<Vec<u8>> {
    file.rewind()?;
    let mut bytes = Vec::new();
    (&*file)
        .take(MAX_INPUT.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_INPUT {
        bail!(
            "{} is larger than {} MiB, the most mapiprof reads",
            path.display(),
            MAX_INPUT / 1024 / 1024
        );
    }
    Ok(bytes)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// The folder holding `path` (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new temporary file beside `target`: created exclusively (never through
/// a link someone planted), with an unpredictable name; readable only by
/// the user until its mode is set, or with `as_new_file` with the mode the
/// user's umask gives new files.
pub fn temporary(dir: &Path, target: &Path, as_new_file: bool) -> Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".mapiprof.tmp")
        .rand_bytes(12);
    #[cfg(unix)]
    if as_new_file {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = as_new_file;
    builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))
}

/// Write `content` and make it durable before the rename that publishes it.
pub fn write_synced(file: &mut File, content: Content<'_>) -> Result<()> {
    let mut out = std::io::BufWriter::new(&mut *file);
    content.write_to(&mut out)?;
    out.flush()?;
    drop(out);
    file.sync_all()?;
    Ok(())
}

/// Keep `bytes` (the file's old content) as `FILE.bak`, or the first of
/// `FILE.bak.1`, `FILE.bak.2` … that does not exist: never over an existing
/// file or through a link, written whole before it gets its name, with the
/// original's mode.
fn keep_backup(target: &Path, bytes: &[u8], meta: &Metadata) -> Result<PathBuf> {
    let dir = folder_of(target);
    let mut temp = temporary(dir, target, false)?;
    same_owner_and_mode(temp.as_file(), meta, target)?;
    write_synced(temp.as_file_mut(), Content::Bytes(bytes))?;
    let mut base = target.as_os_str().to_owned();
    base.push(".bak");
    for n in 0..BACKUPS {
        let mut name = base.clone();
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let name = PathBuf::from(name);
        if fs::symlink_metadata(&name).is_ok() {
            continue;
        }
        match temp.persist_noclobber(&name) {
            Ok(_) => return Ok(name),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error.into()),
        }
    }
    bail!("{BACKUPS} backups exist already; remove some")
}

/// Give `file` the owner, group and mode of the file it replaces; refused
/// when the owner cannot be kept (the user would take over another user's
/// file).
#[cfg(unix)]
pub fn same_owner_and_mode(file: &File, meta: &Metadata, path: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    let ours = file.metadata()?;
    if ours.uid() != meta.uid() || ours.gid() != meta.gid() {
        let owner = (ours.uid() != meta.uid()).then_some(meta.uid());
        if fchown(file, owner, Some(meta.gid())).is_err() {
            bail!(
                "{} belongs to another user or group (uid {}, gid {}), which mapiprof cannot \
                 keep: replacing it would make it yours; run as its owner or write elsewhere \
                 with -o or --out-dir",
                path.display(),
                meta.uid(),
                meta.gid()
            );
        }
    }
    // after the owner: changing it clears set-user-ID bits
    file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    Ok(())
}

/// Windows keeps the attributes a rename carries; there is no owner to keep.
#[cfg(not(unix))]
pub fn same_owner_and_mode(file: &File, meta: &Metadata, _path: &Path) -> Result<()> {
    file.set_permissions(meta.permissions())?;
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(unix)]
fn link_count(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_meta: &Metadata) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mapiprof-inplace-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_change_made_meanwhile_is_kept_and_the_edit_fails() {
        let dir = scratch("meanwhile");
        let file = dir.join("a.reg");
        fs::write(&file, b"old").unwrap();
        let (editing, bytes) = open(&file).unwrap();
        assert_eq!(bytes, b"old");
        // another program, which takes no lock, writes the file in place
        fs::write(&file, b"theirs").unwrap();
        let e = editing
            .replace(&file, Content::Bytes(b"ours"), false)
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("changed while mapiprof was editing it"),
            "{e}"
        );
        assert_eq!(fs::read(&file).unwrap(), b"theirs");

        // or replaces it with a new file
        let (editing, _) = open(&file).unwrap();
        fs::write(dir.join("new"), b"replaced").unwrap();
        fs::rename(dir.join("new"), &file).unwrap();
        assert!(
            editing
                .replace(&file, Content::Bytes(b"ours"), false)
                .is_err()
        );
        assert_eq!(fs::read(&file).unwrap(), b"replaced");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporaries_have_unpredictable_names() {
        let dir = scratch("names");
        let target = dir.join("a.reg");
        let a = temporary(&dir, &target, false).unwrap();
        let b = temporary(&dir, &target, false).unwrap();
        assert_ne!(a.path(), b.path());
        let name = a.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".a.reg.") && name.ends_with(".mapiprof.tmp"),
            "{name}"
        );
        assert!(name.len() >= ".a.reg.".len() + 12 + ".mapiprof.tmp".len());
        drop((a, b));
        fs::remove_dir_all(&dir).unwrap();
    }
}
