//! Writing files in shared folders: temporaries nobody can redirect, backups
//! that never replace one, modes and owners kept, links edited through,
//! devices and pipes written into, the input never overwritten, concurrent
//! edits that lose nothing, inputs bounded however they are read.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

const PORT: &str = "TCPExchangePort=7001";
const OTHER_PORT: &str = "TCPReferralPort=7002";

fn export() -> Vec<u8> {
    fs::read(
        common::samples()
            .join("reg")
            .join("o2007_wms_proxy_dialog_port.reg"),
    )
    .unwrap()
}

/// A fresh folder holding the export as `a.reg`.
fn folder(name: &str) -> (PathBuf, Vec<u8>) {
    let dir = common::scratch(&format!("files-{name}"));
    let bytes = export();
    fs::write(dir.join("a.reg"), &bytes).unwrap();
    (dir, bytes)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().mode() & 0o7777
}

/// A named pipe at `path`.
fn mkfifo(path: impl AsRef<Path>) {
    let made = std::process::Command::new("mkfifo")
        .arg(path.as_ref())
        .status()
        .unwrap();
    assert!(made.success());
}

fn is_root() -> bool {
    let probe = common::scratch("files-whoami");
    let uid = fs::metadata(&probe).unwrap().uid();
    fs::remove_dir_all(&probe).unwrap();
    uid == 0
}

fn set_in_place(dir: &Path, file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["set", file, PORT, "--create", "--in-place"];
    args.extend_from_slice(extra);
    common::mapiprof_in(dir, &args)
}

/// What `mapiprof show` says of `file`.
fn shown(file: &Path) -> String {
    let out = common::mapiprof_in(file.parent().unwrap(), &["show", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn edited(file: &Path) -> bool {
    shown(file).contains("TCPExchangePort: 7001")
}

#[test]
fn an_edit_leaves_only_the_file() {
    let (dir, _) = folder("temp");
    let out = set_in_place(&dir, "a.reg", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(names(&dir), ["a.reg"]);
    assert!(edited(&dir.join("a.reg")));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_backup_never_replaces_a_file_and_keeps_the_mode() {
    let (dir, original) = folder("backup");
    let file = dir.join("a.reg");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    // a backup from an earlier run, and a link named like the next one
    fs::write(dir.join("a.reg.bak"), b"first backup").unwrap();
    let elsewhere = dir.join("elsewhere");
    fs::write(&elsewhere, b"not a backup").unwrap();
    symlink(&elsewhere, dir.join("a.reg.bak.1")).unwrap();

    let out = set_in_place(&dir, "a.reg", &["--backup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(&out.stderr, &["backup kept as a.reg.bak.2"]);
    assert_eq!(fs::read(dir.join("a.reg.bak")).unwrap(), b"first backup");
    assert_eq!(fs::read(&elsewhere).unwrap(), b"not a backup");
    assert_eq!(fs::read(dir.join("a.reg.bak.2")).unwrap(), original);
    assert_eq!(mode(&dir.join("a.reg.bak.2")), 0o600);
    assert_eq!(mode(&file), 0o600);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_edit_keeps_the_mode_and_owner() {
    for wanted in [0o600, 0o640, 0o4751] {
        let (dir, _) = folder(&format!("mode-{wanted:o}"));
        let file = dir.join("a.reg");
        fs::set_permissions(&file, fs::Permissions::from_mode(wanted)).unwrap();
        let out = set_in_place(&dir, "a.reg", &[]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(mode(&file), wanted, "{wanted:o}");
        fs::remove_dir_all(&dir).unwrap();
    }

    let (dir, original) = folder("readonly");
    let file = dir.join("a.reg");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let out = set_in_place(&dir, "a.reg", &[]);
    if is_root() {
        // root may write any file: the mode stays what it was
        assert!(out.status.success());
        assert_eq!(mode(&file), 0o444);
        // and another user's file stays theirs
        std::os::unix::fs::chown(&file, Some(4321), Some(4322)).unwrap();
        let out = common::mapiprof_in(
            &dir,
            &["set", "a.reg", OTHER_PORT, "--create", "--in-place"],
        );
        assert!(out.status.success());
        let meta = fs::metadata(&file).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
    } else {
        assert_eq!(out.status.code(), Some(2));
        common::assert_says(&out.stderr, &["may not be written by you"]);
        assert_eq!(fs::read(&file).unwrap(), original);
        assert_eq!(mode(&file), 0o444);
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn links_are_edited_through() {
    let (dir, _) = folder("links");
    let real = dir.join("real");
    fs::create_dir(&real).unwrap();
    fs::rename(dir.join("a.reg"), real.join("a.reg")).unwrap();
    symlink(real.join("a.reg"), dir.join("link.reg")).unwrap();
    let out = set_in_place(&dir, "link.reg", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(dir.join("link.reg"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(edited(&real.join("a.reg")));
    // the temporary went beside the file, not beside the link
    assert_eq!(names(&real), ["a.reg"]);

    // a hard link is named: the other name keeps the old bytes
    fs::hard_link(real.join("a.reg"), dir.join("hard.reg")).unwrap();
    let before = fs::read(dir.join("hard.reg")).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &["set", "hard.reg", OTHER_PORT, "--create", "--in-place"],
    );
    assert!(out.status.success());
    common::assert_says(
        &out.stderr,
        &["hard.reg had 2 hard links: the other names keep the old bytes"],
    );
    assert_eq!(fs::read(real.join("a.reg")).unwrap(), before);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn devices_and_pipes_are_written_into_and_never_read() {
    let (dir, _) = folder("devices");
    let out = common::mapiprof_in(
        &dir,
        &["convert", "a.reg", "--to", "yaml", "-o", "/dev/null"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );

    let fifo = dir.join("pipe.yaml");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let out = common::mapiprof_in(
        &dir,
        &["convert", "a.reg", "--to", "yaml", "-o", "pipe.yaml"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let through = reader.join().unwrap();
    assert!(through.starts_with(b"# yaml-language-server") || through.starts_with(b"mapiprof: 1"));
    assert!(
        fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );

    // a device is not read (it may never end)
    let out = common::mapiprof_in(&dir, &["show", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["/dev/zero is a device, not a file"]);
    fs::remove_dir_all(&dir).unwrap();
}

trait FileTypeLike {
    fn is_char_device_like(&self) -> bool;
    fn is_fifo_like(&self) -> bool;
}

impl FileTypeLike for fs::FileType {
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
    fn is_fifo_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_fifo()
    }
}

#[test]
fn the_input_is_never_an_output() {
    let (dir, original) = folder("out-dir");
    let out = common::mapiprof_in(&dir, &["set", "a.reg", PORT, "--create", "--out-dir", "."]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["refusing to overwrite the input file"]);
    assert_eq!(fs::read(dir.join("a.reg")).unwrap(), original);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_new_file_is_no_more_readable_than_its_source() {
    let (dir, _) = folder("narrow");
    fs::set_permissions(dir.join("a.reg"), fs::Permissions::from_mode(0o600)).unwrap();
    let out = common::mapiprof_in(&dir, &["convert", "a.reg", "-o", "a.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir.join("a.yaml")) & 0o077, 0);
    fs::remove_dir_all(&dir).unwrap();
}

/// Two batches editing the same files at once: every file ends with both
/// changes (the second waits for the first file by file).
#[test]
fn concurrent_edits_lose_nothing() {
    let dir = common::scratch("files-concurrent");
    let bytes = export();
    let files: Vec<String> = (0..40).map(|i| format!("f{i:02}.reg")).collect();
    for f in &files {
        fs::write(dir.join(f), &bytes).unwrap();
    }
    let run = |change: &str| {
        let mut args = vec!["set"];
        args.extend(files.iter().map(String::as_str));
        args.extend([change, "--create", "--in-place", "--quiet"]);
        let mut cmd = std::process::Command::new(insta_cmd::get_cargo_bin("mapiprof"));
        cmd.current_dir(&dir).args(&args);
        cmd.spawn().unwrap()
    };
    let (mut a, mut b) = (run(PORT), run(OTHER_PORT));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    for f in &files {
        let text = shown(&dir.join(f));
        assert!(
            text.contains("TCPExchangePort: 7001") && text.contains("TCPReferralPort: 7002"),
            "{f}: {text}"
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// Duplicate output names: no row is written to a name two rows chose, and
/// the other rows are.
#[test]
fn render_checks_every_name_before_writing() {
    let dir = common::scratch("files-render");
    fs::write(
        dir.join("t.prf.j2"),
        "[General]\r\nProfileName={{ user }}\r\n",
    )
    .unwrap();
    fs::write(dir.join("v.csv"), "user,file\njdoe,a\nasmith,b\nmlee,A\n").unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "t.prf.j2",
            "--vars",
            "v.csv",
            "--out-dir",
            "out",
            "--name",
            "{{ file }}.prf",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["is the output of 2 rows", "1 written, 2 failed"],
    );
    assert_eq!(names(&dir.join("out")), ["b.prf"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// A folder walk follows no link (a link to a folder above loops) and
/// takes no pipe or device.
#[test]
fn a_walk_takes_regular_files_only() {
    let (dir, _) = folder("walk");
    let exports = dir.join("exports");
    fs::create_dir(&exports).unwrap();
    fs::rename(dir.join("a.reg"), exports.join("a.reg")).unwrap();
    symlink(&dir, exports.join("loop")).unwrap();
    symlink(exports.join("a.reg"), exports.join("link.reg")).unwrap();
    mkfifo(exports.join("pipe.reg"));
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "exports",
            "--recursive",
            PORT,
            "--create",
            "--dry-run",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(&out.stderr, &["1 would change, 0 unchanged, 0 failed"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// Deeply nested YAML in a batch: refused by its limit in every thread, not
/// a stack overflow.
#[test]
fn deep_yaml_is_refused_in_a_batch() {
    let dir = common::scratch("files-deep");
    let deep = format!(
        "mapiprof: 1\nprofiles:\n  x: {}{}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    for f in ["a.yaml", "b.yaml", "c.yaml"] {
        fs::write(dir.join(f), &deep).unwrap();
    }
    let out = common::mapiprof_in(
        &dir,
        &["set", "a.yaml", "b.yaml", "c.yaml", PORT, "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &[
            "nested deeper than 64 levels",
            "0 would change, 0 unchanged, 3 failed",
        ],
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// `git-setup` adds its lines to the file a symlinked `.gitattributes`
/// names, and the link stays.
#[test]
fn git_setup_writes_through_a_linked_gitattributes() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = common::scratch("files-gitattributes");
    let repo = dir.join("repo");
    fs::create_dir(&repo).unwrap();
    let init = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .status()
        .unwrap();
    assert!(init.success());
    let shared = dir.join("shared-attributes");
    fs::write(&shared, "*.txt text\n").unwrap();
    symlink(&shared, repo.join(".gitattributes")).unwrap();
    let out = std::process::Command::new(insta_cmd::get_cargo_bin("mapiprof"))
        .arg("git-setup")
        .current_dir(&repo)
        .env("HOME", &dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(repo.join(".gitattributes"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(&shared).unwrap();
    assert!(
        text.starts_with("*.txt text\n") && text.contains("*.reg diff=mapiprof"),
        "{text}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// Output names that Windows takes for devices or cannot hold are refused.
#[test]
fn render_refuses_names_windows_cannot_hold() {
    let dir = common::scratch("files-render-names");
    fs::write(dir.join("t.prf.j2"), "[General]\r\nProfileName={{ n }}\r\n").unwrap();
    for name in [
        "CON", "nul.prf", "com1.prf", "a:b.prf", "a.prf.", "x\ny.prf",
    ] {
        fs::write(
            dir.join("v.csv"),
            format!("n,file\nOutlook,{}\n", csv(name)),
        )
        .unwrap();
        let out = common::mapiprof_in(
            &dir,
            &[
                "render",
                "t.prf.j2",
                "--vars",
                "v.csv",
                "--out-dir",
                "out",
                "--name",
                "{{ file }}",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{name:?}");
        common::assert_says(&out.stderr, &["output name"]);
    }
    assert!(!dir.join("out").exists() || names(&dir.join("out")).is_empty());
    fs::remove_dir_all(&dir).unwrap();
}

fn csv(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

/// Run as root, the edit is tried as an unprivileged user (through
/// `setpriv`): a root-owned file that user may not write is refused, and so
/// is one they may write but whose owner they could not keep; an edit that
/// changes nothing reads the file and succeeds.
#[test]
fn another_users_file_is_not_taken_over() {
    if !is_root()
        || std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: needs root and setpriv to act as another user");
        return;
    }
    let (dir, original) = folder("other-user");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    let file = dir.join("a.reg");
    let as_nobody = |args: &[&str]| {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(insta_cmd::get_cargo_bin("mapiprof"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    for (mode, says) in [
        (0o644, "may not be written by you"),
        (0o666, "belongs to another user"),
    ] {
        fs::set_permissions(&file, fs::Permissions::from_mode(mode)).unwrap();
        let out = as_nobody(&["set", "a.reg", PORT, "--create", "--in-place"]);
        assert_eq!(out.status.code(), Some(2), "{mode:o}");
        common::assert_says(&out.stderr, &[says]);
        assert_eq!(fs::read(&file).unwrap(), original);
        assert_eq!(fs::metadata(&file).unwrap().uid(), 0);
        assert_eq!(names(&dir), ["a.reg"], "no temporary left");
    }
    // nothing to change: the file is only read
    assert!(set_in_place(&dir, "a.reg", &[]).status.success());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let out = as_nobody(&["set", "a.reg", PORT, "--create", "--in-place"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(&out.stderr, &["0 changed, 1 unchanged, 0 failed"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// In a folder others may write, a link another user made is not followed
/// (it could point at any file of the user running mapiprof); the user's
/// own link is. Links never lead into a device.
#[test]
fn links_of_other_users_are_not_followed() {
    let (dir, _) = folder("foreign-links");
    let shared = dir.join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let victim = dir.join("victim.conf");
    fs::write(&victim, b"keep").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
    symlink(&victim, shared.join("out.yaml")).unwrap();
    if is_root() {
        std::os::unix::fs::lchown(shared.join("out.yaml"), Some(65534), Some(65534)).unwrap();
        let out = common::mapiprof_in(&dir, &["convert", "a.reg", "-o", "shared/out.yaml"]);
        assert_eq!(out.status.code(), Some(2));
        common::assert_says(&out.stderr, &["is a link made by another user (uid 65534)"]);
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        for edit in [
            &["set", "shared/out.yaml", PORT, "--in-place"][..],
            &["fmt", "shared/out.yaml", "--in-place"],
        ] {
            let out = common::mapiprof_in(&dir, edit);
            assert_eq!(out.status.code(), Some(2), "{edit:?}");
            assert_eq!(fs::read(&victim).unwrap(), b"keep");
        }
        fs::remove_file(shared.join("out.yaml")).unwrap();
        // nor a link to a folder on the way
        let private = dir.join("private");
        fs::create_dir(&private).unwrap();
        fs::write(private.join("x.reg"), export()).unwrap();
        symlink(&private, shared.join("team")).unwrap();
        std::os::unix::fs::lchown(shared.join("team"), Some(65534), Some(65534)).unwrap();
        let before = fs::read(private.join("x.reg")).unwrap();
        let out = set_in_place(&dir, "shared/team/x.reg", &[]);
        assert_eq!(out.status.code(), Some(2));
        common::assert_says(
            &out.stderr,
            &["team on the way is a link made by another user"],
        );
        assert_eq!(fs::read(private.join("x.reg")).unwrap(), before);
        fs::remove_file(shared.join("team")).unwrap();
    }
    // the user's own link is followed
    symlink(&victim, shared.join("mine.yaml")).unwrap();
    let out = common::mapiprof_in(&dir, &["convert", "a.reg", "-o", "shared/mine.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read_to_string(&victim).unwrap().contains("mapiprof: 1"));
    assert_eq!(mode(&victim), 0o600);

    // a link to a device is not written into
    symlink("/dev/null", shared.join("null.yaml")).unwrap();
    let out = common::mapiprof_in(&dir, &["convert", "a.reg", "-o", "shared/null.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["is a link to a device or a pipe"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// render never writes over its template or its variables.
#[test]
fn render_keeps_its_inputs() {
    let dir = common::scratch("files-render-inputs");
    fs::write(dir.join("t.prf.j2"), "[General]\r\nProfileName={{ n }}\r\n").unwrap();
    let vars = "n,file\nOutlook,v.csv\n";
    fs::write(dir.join("v.csv"), vars).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "t.prf.j2",
            "--vars",
            "v.csv",
            "--out-dir",
            ".",
            "--name",
            "{{ file }}",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["refusing to overwrite the input file"]);
    assert_eq!(fs::read_to_string(dir.join("v.csv")).unwrap(), vars);
    fs::remove_dir_all(&dir).unwrap();
}

/// An edit waits for another program's lock, saying so, and goes on when
/// it is released.
#[test]
fn an_edit_waits_for_a_lock_and_says_so() {
    let (dir, _) = folder("lock");
    let held = fs::File::open(dir.join("a.reg")).unwrap();
    held.lock_shared().unwrap();
    let child = std::process::Command::new(insta_cmd::get_cargo_bin("mapiprof"))
        .args(["set", "a.reg", PORT, "--create", "--in-place"])
        .current_dir(&dir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    held.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(
        &out.stderr,
        &["waiting for a.reg: another program holds its lock"],
    );
    assert!(edited(&dir.join("a.reg")));
    fs::remove_dir_all(&dir).unwrap();
}

/// A pipe or a device is never edited in place, and nothing waits on it.
#[test]
fn a_pipe_is_not_edited_in_place() {
    let dir = common::scratch("files-pipe-edit");
    mkfifo(dir.join("p.reg"));
    for args in [
        &["fmt", "p.reg", "--in-place"][..],
        &["set", "p.reg", PORT, "--in-place"],
    ] {
        let out = common::mapiprof_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        common::assert_says(&out.stderr, &["is not a regular file"]);
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// File names reach the terminal with their control characters shown.
#[test]
fn file_names_cannot_drive_the_terminal() {
    let dir = common::scratch("files-names");
    let name = "a\u{1b}]0;owned\u{7}\u{202e}gpj.reg";
    fs::write(
        dir.join(name),
        b"Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\x]\r\n\"a\"=\"b\"\r\n",
    )
    .unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "--check", name]);
    let shown =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    assert!(
        shown.contains("a\\u{1b}]0;owned\\u{7}\\u{202e}gpj.reg"),
        "{shown:?}"
    );
    fs::remove_dir_all(&dir).unwrap();
}
