//! A folder held open while mapiprof works in it: every look, open, create
//! and rename is made relative to the folder it started in (`openat`,
//! `renameat`), so a folder on the path swapped for a link meanwhile cannot
//! send a write elsewhere. A file's last name is never followed as a link
//! by the kernel; mapiprof follows a link itself, and only one the user can
//! trust (see [`trusted_link`]). Temporary files are created exclusively,
//! with unpredictable names, and removed if mapiprof stops before using
//! them (see [`super::signal`]).
//!
//! Unix only; elsewhere the same calls go by path (see the bottom of this
//! file).

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::signal;

/// How many links are followed from one name.
const LINKS: usize = 16;

/// What a name in a folder is, not following a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing by that name.
    Missing,
    /// A regular file.
    File,
    /// A symbolic link, and who owns it.
    Link {
        /// Its owner's user id.
        owner: u32,
    },
    /// A character device or a pipe: written into, never replaced.
    Stream,
    /// A folder, a block device, a socket.
    Other,
}

/// A name looked up: where it is, and the identity of what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub kind: Kind,
    /// Device and inode (zero when missing).
    pub id: (u64, u64),
}

/// A folder held open.
#[derive(Debug)]
pub struct Folder {
    /// As given, for messages and for links relative to it.
    pub path: PathBuf,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    /// The folder's owner and mode when opened.
    #[cfg(unix)]
    meta: (u32, u32),
}

/// The folder holding `path` and the name in it (`.` for a bare name).
pub fn split(path: &Path) -> Result<(PathBuf, OsString)> {
    let name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{} does not name a file", path.display()))?;
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok((folder.to_path_buf(), name.to_owned()))
}

/// Follow `path` to what it names: links of the user or of the folder's
/// owner are followed, others refused. The folder, the last name, what is
/// there, and whether a link led there.
pub fn resolve(path: &Path) -> Result<(Folder, OsString, Found, bool)> {
    let mut current = path.to_path_buf();
    let mut through_link = false;
    for _ in 0..LINKS {
        let (dir, name) = split(&current)?;
        let folder = Folder::open(&dir)?;
        let found = folder
            .look(&name)
            .with_context(|| format!("cannot read {}", current.display()))?;
        let Kind::Link { owner } = found.kind else {
            return Ok((folder, name, found, through_link));
        };
        if !folder.trusted_link(owner) {
            bail!(
                "{} is a link made by another user (uid {owner}); mapiprof follows only links of \
                 yours or of the folder's owner — name the file it points to",
                current.display()
            );
        }
        let target = folder.read_link(&name)?;
        current = folder.path.join(target);
        through_link = true;
    }
    bail!("{}: too many links", path.display())
}

/// A temporary file in a folder, removed when dropped unless published.
#[derive(Debug)]
pub struct Temp<'f> {
    folder: &'f Folder,
    name: OsString,
    /// The open file.
    pub file: File,
    done: bool,
}

impl Temp<'_> {
    /// Rename it over `name` (replacing what is there).
    pub fn publish(mut self, name: &OsStr) -> io::Result<()> {
        self.folder.rename(&self.name, name)?;
        self.done = true;
        signal::forget(&self.folder.path.join(&self.name));
        Ok(())
    }

    /// Give it `name`, which must not exist: never over a file that
    /// appeared meanwhile, nor through a link.
    pub fn publish_new(mut self, name: &OsStr) -> io::Result<()> {
        self.folder.link_new(&self.name, name)?;
        self.done = true;
        let _ = self.folder.remove(&self.name);
        signal::forget(&self.folder.path.join(&self.name));
        Ok(())
    }
}

impl Drop for Temp<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.folder.remove(&self.name);
            signal::forget(&self.folder.path.join(&self.name));
        }
    }
}

impl Folder {
    /// A temporary file beside `like`, created exclusively with mode `mode`
    /// (the umask applies) and an unpredictable name.
    pub fn temporary(&self, like: &OsStr, mode: u32) -> Result<Temp<'_>> {
        let like = like.to_string_lossy();
        for _ in 0..16 {
            let random: String = std::iter::repeat_with(fastrand::alphanumeric)
                .take(12)
                .collect();
            let name = OsString::from(format!(".{like}.{random}.mapiprof.tmp"));
            signal::remember(&self.path.join(&name));
            match self.create(&name, mode) {
                Ok(file) => {
                    return Ok(Temp {
                        folder: self,
                        name,
                        file,
                        done: false,
                    });
                }
                Err(e) => {
                    signal::forget(&self.path.join(&name));
                    if e.kind() != io::ErrorKind::AlreadyExists {
                        return Err(e).with_context(|| {
                            format!("cannot create a file in {}", self.path.display())
                        });
                    }
                }
            }
        }
        bail!("cannot create a temporary file in {}", self.path.display())
    }
}

#[cfg(unix)]
mod imp {
    use std::ffi::OsStr;
    use std::fs::File;
    use std::io;
    use std::os::fd::OwnedFd;
    use std::os::unix::fs::MetadataExt;
    use std::path::{Path, PathBuf};

    use anyhow::{Context, Result};
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};

    use super::{Folder, Found, Kind};

    impl Folder {
        /// Open the folder `path` (the kernel follows links on the way, with
        /// its own protections).
        pub fn open(path: &Path) -> Result<Folder> {
            walk(path).with_context(|| format!("cannot open the folder {}", path.display()))
        }

        /// The folder `fd`, shown as `path`.
        fn of_fd(fd: OwnedFd, path: &Path) -> io::Result<Folder> {
            let meta = File::from(fd.try_clone()?).metadata()?;
            Ok(Folder {
                path: path.to_path_buf(),
                fd,
                meta: (meta.uid(), meta.mode()),
            })
        }

        /// The folder `name` in this one, never through a link.
        fn sub(&self, name: &OsStr, shown: &Path) -> io::Result<Folder> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                OFlags::DIRECTORY | OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            Folder::of_fd(fd, shown)
        }

        /// What `name` is, without following a link.
        pub fn look(&self, name: &OsStr) -> io::Result<Found> {
            let stat = match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) => stat,
                Err(rustix::io::Errno::NOENT) => {
                    return Ok(Found {
                        kind: Kind::Missing,
                        id: (0, 0),
                    });
                }
                Err(e) => return Err(e.into()),
            };
            #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
            let id = (stat.st_dev as u64, stat.st_ino as u64);
            #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
            let kind = match FileType::from_raw_mode(stat.st_mode as _) {
                FileType::RegularFile => Kind::File,
                FileType::Symlink => Kind::Link {
                    owner: stat.st_uid as u32,
                },
                FileType::CharacterDevice | FileType::Fifo => Kind::Stream,
                _ => Kind::Other,
            };
            Ok(Found { kind, id })
        }

        /// Whether a link owned by `owner` in this folder may be followed:
        /// the user's own, the folder owner's, or any in a folder nobody
        /// else may write (as Linux's `protected_symlinks` decides).
        pub fn trusted_link(&self, owner: u32) -> bool {
            let (folder_owner, mode) = self.meta;
            owner == rustix::process::geteuid().as_raw()
                || owner == folder_owner
                || mode & 0o022 == 0
        }

        /// The text of the link `name`.
        pub fn read_link(&self, name: &OsStr) -> Result<PathBuf> {
            use std::os::unix::ffi::OsStringExt;
            let target = rustix::fs::readlinkat(&self.fd, name, Vec::new())
                .map_err(io::Error::from)
                .with_context(|| {
                    format!("cannot read the link {}", self.path.join(name).display())
                })?;
            Ok(PathBuf::from(std::ffi::OsString::from_vec(
                target.into_bytes(),
            )))
        }

        /// Open `name` (never through a link, never waiting on a pipe,
        /// never taking a terminal), for reading and writing or reading only.
        pub fn open_file(&self, name: &OsStr, write: bool) -> io::Result<File> {
            let access = if write { OFlags::RDWR } else { OFlags::RDONLY };
            self.open_with(name, access | OFlags::NONBLOCK)
        }

        /// Open the stream `name` (a device or a pipe) to write into it;
        /// this waits for a pipe's reader.
        pub fn open_stream(&self, name: &OsStr) -> io::Result<File> {
            self.open_with(name, OFlags::WRONLY)
        }

        fn open_with(&self, name: &OsStr, flags: OFlags) -> io::Result<File> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                flags | OFlags::NOFOLLOW | OFlags::NOCTTY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            if flags.contains(OFlags::NONBLOCK) {
                // reads and writes of a regular file wait as usual
                let now = rustix::fs::fcntl_getfl(&fd)?;
                rustix::fs::fcntl_setfl(&fd, now.difference(OFlags::NONBLOCK))?;
            }
            Ok(File::from(fd))
        }

        pub(super) fn create(&self, name: &OsStr, mode: u32) -> io::Result<File> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                OFlags::CREATE
                    | OFlags::EXCL
                    | OFlags::RDWR
                    | OFlags::NOFOLLOW
                    | OFlags::NOCTTY
                    | OFlags::CLOEXEC,
                Mode::from_raw_mode(mode as _),
            )?;
            Ok(File::from(fd))
        }

        pub(super) fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
            Ok(rustix::fs::renameat(&self.fd, from, &self.fd, to)?)
        }

        pub(super) fn link_new(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
            Ok(rustix::fs::linkat(
                &self.fd,
                from,
                &self.fd,
                to,
                AtFlags::empty(),
            )?)
        }

        pub(super) fn remove(&self, name: &OsStr) -> io::Result<()> {
            Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?)
        }
    }

    /// Open the folder `path` one name at a time, following a link on the
    /// way only where [`Folder::trusted_link`] allows (as the kernel's
    /// `protected_symlinks` would, whether or not it is on): a folder on the
    /// path that another user replaced by a link cannot lead elsewhere.
    fn walk(path: &Path) -> Result<Folder> {
        use std::collections::VecDeque;
        use std::path::Component;
        let start = |absolute: bool| -> io::Result<Folder> {
            let at = if absolute { "/" } else { "." };
            let fd = rustix::fs::open(
                at,
                OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            Folder::of_fd(fd, path)
        };
        let mut current = start(path.is_absolute())?;
        let mut pending: VecDeque<std::ffi::OsString> = VecDeque::new();
        let push_front = |pending: &mut VecDeque<std::ffi::OsString>, p: &Path| {
            for c in p.components().rev() {
                match c {
                    Component::Normal(n) => pending.push_front(n.to_owned()),
                    Component::ParentDir => pending.push_front("..".into()),
                    Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                }
            }
        };
        push_front(&mut pending, path);
        let mut links: usize = 0;
        while let Some(name) = pending.pop_front() {
            if name == ".." {
                current = current.sub(&name, path)?;
                continue;
            }
            match current.look(&name)?.kind {
                Kind::Link { owner } => {
                    if !current.trusted_link(owner) {
                        anyhow::bail!(
                            "{} on the way is a link made by another user (uid {owner}); \
                             mapiprof follows only links of yours or of the folder's owner",
                            name.to_string_lossy()
                        );
                    }
                    links = links.saturating_add(1);
                    if links > super::LINKS {
                        anyhow::bail!("too many links");
                    }
                    let target = current.read_link(&name)?;
                    if target.is_absolute() {
                        current = start(true)?;
                    }
                    push_front(&mut pending, &target);
                }
                _ => current = current.sub(&name, path)?,
            }
        }
        Ok(current)
    }

    /// Device and inode of an open file.
    pub fn id_of(file: &File) -> io::Result<(u64, u64)> {
        let meta = file.metadata()?;
        Ok((meta.dev(), meta.ino()))
    }
}

#[cfg(not(unix))]
mod imp {
    //! By path: Windows opens and renames by name, and its own sharing
    //! rules keep an open file from being replaced.

    use std::ffi::OsStr;
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::path::{Path, PathBuf};

    use anyhow::{Context, Result};

    use super::{Folder, Found, Kind};

    impl Folder {
        /// The folder `path`.
        pub fn open(path: &Path) -> Result<Folder> {
            let meta = std::fs::metadata(path)
                .with_context(|| format!("cannot open the folder {}", path.display()))?;
            if !meta.is_dir() {
                anyhow::bail!("{} is not a folder", path.display());
            }
            Ok(Folder {
                path: path.to_path_buf(),
            })
        }

        /// What `name` is, without following a link.
        pub fn look(&self, name: &OsStr) -> io::Result<Found> {
            let meta = match std::fs::symlink_metadata(self.path.join(name)) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok(Found {
                        kind: Kind::Missing,
                        id: (0, 0),
                    });
                }
                Err(e) => return Err(e),
            };
            let kind = if meta.file_type().is_symlink() {
                Kind::Link { owner: 0 }
            } else if meta.is_file() {
                Kind::File
            } else if meta.is_dir() {
                Kind::Other
            } else {
                Kind::Stream
            };
            Ok(Found { kind, id: (0, 0) })
        }

        /// Links are followed as Windows follows them.
        pub fn trusted_link(&self, _owner: u32) -> bool {
            true
        }

        /// The target of the link `name`.
        pub fn read_link(&self, name: &OsStr) -> Result<PathBuf> {
            Ok(std::fs::read_link(self.path.join(name))?)
        }

        /// Open `name` for reading and writing, or reading only.
        pub fn open_file(&self, name: &OsStr, write: bool) -> io::Result<File> {
            OpenOptions::new()
                .read(true)
                .write(write)
                .open(self.path.join(name))
        }

        /// Open the stream `name` to write into it.
        pub fn open_stream(&self, name: &OsStr) -> io::Result<File> {
            OpenOptions::new().write(true).open(self.path.join(name))
        }

        pub(super) fn create(&self, name: &OsStr, _mode: u32) -> io::Result<File> {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(self.path.join(name))
        }

        /// Replace `to` with `from`. Another program that holds `to` open
        /// (Outlook, an editor, a virus scanner) makes Windows refuse for a
        /// moment: tried again for about three seconds, then said so.
        pub(super) fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
            // ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32),
            // ERROR_LOCK_VIOLATION (33): what MoveFileEx says while another
            // process has the file open without FILE_SHARE_DELETE
            let held = |e: &io::Error| {
                matches!(e.raw_os_error(), Some(5 | 32 | 33))
                    || e.kind() == io::ErrorKind::PermissionDenied
            };
            let target = self.path.join(to);
            let mut wait = std::time::Duration::from_millis(50);
            for _ in 0..8 {
                match std::fs::rename(self.path.join(from), &target) {
                    Err(e) if held(&e) => {
                        std::thread::sleep(wait);
                        wait = wait
                            .saturating_mul(2)
                            .min(std::time::Duration::from_secs(1));
                    }
                    done => return done,
                }
            }
            std::fs::rename(self.path.join(from), &target).map_err(|e| {
                if held(&e) {
                    io::Error::new(
                        e.kind(),
                        format!(
                            "{}: another program holds it open (Outlook, an editor, a virus scanner?); close it and try again ({e})",
                            target.display()
                        ),
                    )
                } else {
                    e
                }
            })
        }

        pub(super) fn link_new(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
            std::fs::hard_link(self.path.join(from), self.path.join(to))
        }

        pub(super) fn remove(&self, name: &OsStr) -> io::Result<()> {
            std::fs::remove_file(self.path.join(name))
        }
    }

    /// No identity to compare: the same file is taken as the same.
    pub fn id_of(_file: &File) -> io::Result<(u64, u64)> {
        Ok((0, 0))
    }
}

pub use imp::id_of;

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_created_only_where_nothing_is_not_through_a_link() {
        let dir = std::env::temp_dir().join(format!("mapiprof-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("planted")).unwrap();
        let folder = Folder::open(&dir).unwrap();
        let e = folder.create(OsStr::new("planted"), 0o600).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        // a link is never opened as the file
        assert!(folder.open_file(OsStr::new("planted"), true).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
