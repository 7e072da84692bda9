//! Replacing a file the user edits in place, the way a careful editor does:
//! through a link the user can trust to the file it names, under an
//! advisory lock, reading a file the user may not write but replacing only
//! one they may, keeping its mode and owner, never over a change another
//! program made meanwhile, with a backup that never replaces one.
//!
//! Everything happens in the folder the file was found in, held open (see
//! [`super::folder`]): the new bytes go to a temporary file created there
//! exclusively and are renamed over the file, which then holds its old
//! bytes or its new ones, never half.

use std::ffi::{OsStr, OsString};
use std::fs::{File, Metadata};
use std::hash::{DefaultHasher, Hasher};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::folder::{self, Folder, Kind};
use super::io::{Content, MAX_INPUT};

/// How many times a file replaced while it was being opened is looked up
/// again.
const REOPEN: usize = 8;

/// How many backups of one file are kept side by side (`FILE.bak`,
/// `FILE.bak.1` … `FILE.bak.999`).
const BACKUPS: usize = 1000;

/// How long an edit waits for another program's lock on the file.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// A file open for an in-place edit: locked, its bytes read.
#[derive(Debug)]
pub struct Editing {
    folder: Folder,
    name: OsString,
    /// Held open (and locked) until the edit is done.
    file: File,
    meta: Metadata,
    id: (u64, u64),
    /// A hash of the bytes read, to see whether they changed meanwhile.
    seen: u64,
    /// Whether the user may write the file; one they may not is read (an
    /// edit may change nothing) and refused when it would be replaced.
    writable: bool,
}

/// Open `path` to edit it in place: the bytes it holds. Refused for a file
/// that is not a regular file, or reached through a link another user made.
pub fn open(path: &Path) -> Result<(Editing, Vec<u8>)> {
    for _ in 0..REOPEN {
        let (folder, name, found, _) = folder::resolve(path)?;
        match found.kind {
            Kind::File => {}
            Kind::Missing => bail!("{} does not exist", path.display()),
            _ => bail!(
                "{} is not a regular file; --in-place edits regular files only",
                path.display()
            ),
        }
        // opened for writing, as the test that the user may write it
        let (file, writable) = match folder.open_file(&name, true) {
            Ok(file) => (file, true),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => (
                folder
                    .open_file(&name, false)
                    .with_context(|| format!("cannot read {}", path.display()))?,
                false,
            ),
            // replaced by a link or removed since it was looked at
            Err(_) => continue,
        };
        let id = folder::id_of(&file)?;
        if id != found.id || !file.metadata()?.is_file() {
            continue;
        }
        wait_for_lock(&file, path)?;
        // the file may have been replaced while this one waited
        if folder.look(&name)? != found {
            continue;
        }
        let meta = file.metadata()?;
        let mut file = file;
        let bytes = read_all(&mut file, path)?;
        let editing = Editing {
            seen: fingerprint(&bytes),
            folder,
            name,
            file,
            meta,
            id,
            writable,
        };
        return Ok((editing, bytes));
    }
    bail!(
        "{} keeps being replaced by another program; try again",
        path.display()
    )
}

/// Take the advisory lock on `file`: at once, or after saying whose turn it
/// is, within [`LOCK_WAIT`]. A lock the file system does not offer is no
/// lock; the content check before the rename still holds.
fn wait_for_lock(file: &File, path: &Path) -> Result<()> {
    let start = Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(_)) => return Ok(()),
        }
        if start.elapsed() > LOCK_WAIT {
            bail!(
                "{} stayed locked by another program for {} s; try again when it is done",
                path.display(),
                LOCK_WAIT.as_secs()
            );
        }
        if !said {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "waiting for {}: another program holds its lock",
                    super::io::display_name(path)
                );
            }
            said = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
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
        let now = self.folder.look(&self.name)?;
        // the bytes as they are now, hashed as they are read (not held)
        if now.kind != Kind::File || now.id != self.id || hash_file(&mut self.file)? != self.seen {
            bail!(
                "{} changed while mapiprof was editing it (another program wrote it); \
                 it keeps that program's change: run the command again",
                path.display()
            );
        }
        let mut notes = Vec::new();
        if backup {
            let kept = keep_backup(&self.folder, &self.name, &mut self.file, &self.meta, path)
                .with_context(|| format!("cannot keep a backup of {}", path.display()))?;
            // beside the file as the user named it, unless a link led elsewhere
            let beside = folder::split(path).is_ok_and(|(dir, _)| dir == self.folder.path);
            let shown = if beside {
                path.with_file_name(&kept)
            } else {
                self.folder.path.join(&kept)
            };
            notes.push(format!(
                "backup kept as {}",
                super::io::display_name(&shown)
            ));
        }
        let mut temp = self
            .folder
            .temporary(&self.name, 0o600)
            .with_context(|| format!("cannot write {}", path.display()))?;
        same_owner_and_mode(&temp.file, &self.meta, path)?;
        write_synced(&mut temp.file, content)
            .with_context(|| format!("cannot write {}", path.display()))?;
        temp.publish(&self.name)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let links = link_count(&self.meta);
        if links > 1 {
            notes.push(format!(
                "{} had {links} hard links: the other names keep the old bytes",
                super::io::display_name(path)
            ));
        }
        Ok(notes)
    }
}

/// All the bytes of `file` from its start, at most [`MAX_INPUT`].
fn read_all(file: &mut File, path: &Path) -> Result<Vec<u8>> {
    file.rewind()?;
    super::io::read_bounded(&*file, &path.display().to_string(), MAX_INPUT)
}

/// A piece of the bytes hashed at a time.
const PIECE: usize = 64 * 1024;

/// The hash of `bytes`, a piece at a time (as [`hash_file`] reads them):
/// whether two texts are the same without holding both.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    for piece in bytes.chunks(PIECE) {
        h.write(piece);
    }
    h.finish()
}

/// The hash of all of `file`, read a piece at a time from its start.
fn hash_file(file: &mut File) -> Result<u64> {
    file.rewind()?;
    let mut h = DefaultHasher::new();
    let mut buf = vec![0; PIECE];
    let mut filled = 0;
    loop {
        let n = file.read(buf.get_mut(filled..).unwrap_or_default())?;
        if n == 0 {
            break;
        }
        filled = filled.saturating_add(n);
        if filled == PIECE {
            h.write(&buf);
            filled = 0;
        }
    }
    h.write(buf.get(..filled).unwrap_or_default());
    Ok(h.finish())
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

/// Keep the old content of `old` as `NAME.bak`, or the first of
/// `NAME.bak.1`, `NAME.bak.2` … that does not exist: never over an existing
/// file or through a link, written whole before it gets its name, with the
/// original's owner and mode. The name it got.
fn keep_backup(
    folder: &Folder,
    name: &OsStr,
    old: &mut File,
    meta: &Metadata,
    path: &Path,
) -> Result<OsString> {
    let mut base = name.to_owned();
    base.push(".bak");
    for n in 0..BACKUPS {
        let mut candidate = base.clone();
        if n > 0 {
            candidate.push(format!(".{n}"));
        }
        if folder.look(&candidate)?.kind != Kind::Missing {
            continue;
        }
        let mut temp = folder.temporary(name, 0o600)?;
        same_owner_and_mode(&temp.file, meta, path)?;
        old.rewind()?;
        std::io::copy(old, &mut temp.file)?;
        temp.file.sync_all()?;
        match temp.publish_new(&candidate) {
            Ok(()) => return Ok(candidate),
            // taken meanwhile: the next name
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.into()),
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
    file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    Ok(())
}

/// Windows keeps the attributes a rename carries; there is no owner to keep.
#[cfg(not(unix))]
pub fn same_owner_and_mode(file: &File, meta: &Metadata, _path: &Path) -> Result<()> {
    file.set_permissions(meta.permissions())?;
    Ok(())
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
    use std::fs;
    use std::path::PathBuf;

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
    fn temporaries_have_unpredictable_names_and_go_when_dropped() {
        let dir = scratch("names");
        let folder = Folder::open(&dir).unwrap();
        let a = folder.temporary(OsStr::new("a.reg"), 0o600).unwrap();
        let b = folder.temporary(OsStr::new("a.reg"), 0o600).unwrap();
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1]);
        for name in &names {
            assert!(
                name.starts_with(".a.reg.") && name.ends_with(".mapiprof.tmp"),
                "{name}"
            );
            assert_eq!(name.len(), ".a.reg.".len() + 12 + ".mapiprof.tmp".len());
        }
        drop((a, b));
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        fs::remove_dir_all(&dir).unwrap();
    }
}
