//! `mapiprof set` over many files: a bad file does not stop the batch, a
//! failed edit leaves its file byte for byte, and each way of writing
//! (in place with a backup, into a folder, a dry run) does what it says.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

const PROXY: &str = "RPCProxyServer=mail.example.com:44300";

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(common::samples().join("reg").join(name)).unwrap()
}

/// A fresh folder for the test `name` holding the sample `sample_name` as
/// `file`; the folder and the sample's bytes.
fn scratch_with(name: &str, sample_name: &str, file: &str) -> (PathBuf, Vec<u8>) {
    let dir = common::scratch(name);
    let original = sample(sample_name);
    std::fs::write(dir.join(file), &original).unwrap();
    (dir, original)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_thousand_exports_and_one_broken_file() {
    let dir = common::scratch("thousand");
    let exports = dir.join("exports");
    std::fs::create_dir_all(exports.join("site-b")).unwrap();
    let original = sample("o2007_wms_proxy_dialog_port.reg");
    for i in 0..1000 {
        let sub = if i % 2 == 0 { "" } else { "site-b" };
        std::fs::write(exports.join(sub).join(format!("desk{i:04}.reg")), &original).unwrap();
    }
    let broken = exports.join("desk0500-broken.reg");
    std::fs::write(&broken, b"not a registry file\r\n").unwrap();

    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "exports",
            "--recursive",
            PROXY,
            "--in-place",
            "--quiet",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "a failed file means exit 2");
    common::assert_says(
        &out.stderr,
        &[
            "failed: exports/desk0500-broken.reg: 1:1: not a .reg file",
            "1000 changed, 0 unchanged, 1 failed",
        ],
    );
    assert_eq!(std::fs::read(&broken).unwrap(), b"not a registry file\r\n");

    let edited = std::fs::read(exports.join("site-b").join("desk0999.reg")).unwrap();
    assert_ne!(edited, original);
    let text = mapiprof::input::read_reg(&edited, None).unwrap().text;
    assert!(
        text.contains("3a,00,34,00,34,00,33,00,30,00,30,00"),
        "':44300' in UTF-16"
    );
    // no temporary files are left behind
    assert!(listing(&exports).iter().all(|n| !n.ends_with(".tmp")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_in_place_edit_leaves_the_file_byte_identical() {
    let (dir, original) = scratch_with("failed", "o16_exchange_outlook_anywhere.reg", "p.reg");
    for bad in [
        "TCPExchangePort=70000",
        "RPCProxyServr=x",
        // a property the file does not hold fails with --require
        "HTTPExchangePort=6001",
    ] {
        let out = common::mapiprof_in(&dir, &["set", "p.reg", bad, "--in-place", "--require"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert_eq!(std::fs::read(dir.join("p.reg")).unwrap(), original, "{bad}");
        assert_eq!(listing(&dir), ["p.reg"], "{bad}: nothing else written");
    }
    let out = common::mapiprof_in(&dir, &["set", "p.reg", "RPCProxyServr=x", "--in-place"]);
    common::assert_says(&out.stderr, &["did you mean RPCProxyServer"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn backup_out_dir_and_dry_run() {
    let (dir, original) = scratch_with("modes", "o2007_wms_proxy_dialog_port.reg", "a.reg");

    let out = common::mapiprof_in(&dir, &["set", "a.reg", PROXY, "--dry-run"]);
    assert!(out.status.success());
    common::assert_says(
        &out.stdout,
        &[
            "-      RPCProxyServer: mail.example.com-44300  # 001f6622",
            "+      RPCProxyServer: mail.example.com:44300  # 001f6622",
        ],
    );
    assert_eq!(listing(&dir), ["a.reg"]);

    let out = common::mapiprof_in(
        &dir,
        &["set", "a.reg", "--fix-proxy-port", "--out-dir", "fixed"],
    );
    assert!(out.status.success());
    assert_eq!(std::fs::read(dir.join("a.reg")).unwrap(), original);
    let fixed = std::fs::read(dir.join("fixed").join("a.reg")).unwrap();

    let out = common::mapiprof_in(&dir, &["set", "a.reg", PROXY, "--in-place", "--backup"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(dir.join("a.reg.bak")).unwrap(), original);
    assert_eq!(std::fs::read(dir.join("a.reg")).unwrap(), fixed);

    let out = common::mapiprof_in(&dir, &["set", "a.reg", PROXY]);
    assert_eq!(out.status.code(), Some(2), "where to write must be said");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Ctrl-C in the middle of a batch: every file is either untouched or fully
/// edited, and no temporary file is left.
#[cfg(unix)]
#[test]
fn an_interrupted_batch_leaves_each_file_old_or_new() {
    let dir = common::scratch("interrupt");
    let exports = dir.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let original = sample("o2007_wms_proxy_dialog_port.reg");
    for i in 0..3000 {
        std::fs::write(exports.join(format!("desk{i:04}.reg")), &original).unwrap();
    }
    let mut child = std::process::Command::new(insta_cmd::get_cargo_bin("mapiprof"))
        .current_dir(&dir)
        .args([
            "set",
            "exports",
            "--recursive",
            "--fix-proxy-port",
            "--in-place",
            "--quiet",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    // the batch was really cut short (3,000 files take far longer than this)
    assert!(
        !status.success(),
        "the batch ended before it was interrupted"
    );
    // what an edited file looks like
    let probe = dir.join("probe.reg");
    std::fs::write(&probe, &original).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &["set", "probe.reg", "--fix-proxy-port", "--in-place"],
    );
    assert!(out.status.success());
    let edited = std::fs::read(&probe).unwrap();
    let (mut old, mut new) = (0, 0);
    for entry in std::fs::read_dir(&exports).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
        let bytes = std::fs::read(&path).unwrap();
        if bytes == original {
            old += 1;
        } else {
            assert_eq!(bytes, edited, "{name} is neither old nor new");
            new += 1;
        }
    }
    assert_eq!(old + new, 3000);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file that does not hold the property is skipped, not failed: `set`
/// over Exchange-only exports and one with an IMAP account changes that one
/// and exits 0. `--require` fails the others; a name no file knows is still
/// an error, and it is not suggested back as it was typed.
#[test]
fn files_without_the_property_are_skipped() {
    let dir = common::scratch("skip-absent");
    std::fs::write(
        dir.join("exchange.reg"),
        sample("o16_exchange_outlook_anywhere.reg"),
    )
    .unwrap();
    std::fs::write(dir.join("imap.reg"), sample("o16_imap_smtp_account.reg")).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "exchange.reg",
            "imap.reg",
            "SMTP Port=2525",
            "--dry-run",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(
        &out.stderr,
        &[
            "exchange.reg: skipped (no SMTP Port)",
            "1 would change, 0 unchanged, 1 skipped, 0 failed",
        ],
    );
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "exchange.reg",
            "imap.reg",
            "SMTP Port=2525",
            "--dry-run",
            "--require",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &[
            "failed: exchange.reg",
            "1 would change, 0 unchanged, 1 failed",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("did you mean SMTP Port"), "{stderr}");

    let out = common::mapiprof_in(&dir, &["set", "exchange.reg", "SMTP Prot=587", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["unknown name \"SMTP Prot\"", "SMTP Port"]);

    // the same for a .prf of Exchange alone
    std::fs::copy(
        common::samples().join("prf/kb833799_static_ports_outlook2003.prf"),
        dir.join("ports.prf"),
    )
    .unwrap();
    let out = common::mapiprof_in(&dir, &["set", "ports.prf", "SMTPPort=25", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(&out.stderr, &["ports.prf: skipped (no SMTPPort)"]);
    let out = common::mapiprof_in(&dir, &["set", "ports.prf", "SMTPPrt=25", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["unknown name \"SMTPPrt\"; did you mean SMTPPort?"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A value that fits its property nowhere is refused once, before any file
/// is read: one error, exit 2, nothing written. A list of flags may be typed
/// as `a,b`.
#[test]
fn a_bad_value_is_one_error_before_any_file() {
    let dir = common::scratch("bad-value-once");
    for i in 0..3 {
        std::fs::write(
            dir.join(format!("{i}.reg")),
            sample("o16_exchange_outlook_anywhere.reg"),
        )
        .unwrap();
    }
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "0.reg",
            "1.reg",
            "2.reg",
            "TCPExchangePort=70000",
            "--in-place",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("does not fit in 16 bits").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("failed"), "{stderr}");
    assert_eq!(listing(&dir), ["0.reg", "1.reg", "2.reg"]);
    for i in 0..3 {
        assert_eq!(
            std::fs::read(dir.join(format!("{i}.reg"))).unwrap(),
            sample("o16_exchange_outlook_anywhere.reg")
        );
    }
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "0.reg",
            "RPCoverHTTPflags=use-http,ssl-only",
            "--dry-run",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(&out.stderr, &["→ [use-http, ssl-only]"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_files_bound_for_one_place_in_the_out_dir_are_refused_first() {
    let dir = common::scratch("batch-out-dir-clash");
    let bytes = sample("o2007_wms_proxy_dialog_port.reg");
    for sub in ["x", "Y"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("p.reg"), &bytes).unwrap();
    }
    std::fs::write(dir.join("x").join("P.REG"), &bytes).unwrap();
    // the files named one by one all go to out/p.reg (or P.REG, the same
    // file on Windows)
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "x/p.reg",
            "Y/p.reg",
            "TCPExchangePort=6001",
            "--create",
            "--out-dir",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["x/p.reg and Y/p.reg would both be written to out/p.reg"],
    );
    assert!(!dir.join("out").exists());
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "x",
            "--recursive",
            "TCPExchangePort=6001",
            "--create",
            "--out-dir",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["would both be written to out/"]);
    // under one folder given, each keeps its folder and so a place of its own
    std::fs::remove_file(dir.join("x").join("P.REG")).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            ".",
            "-r",
            "TCPExchangePort=6001",
            "--create",
            "--out-dir",
            "out",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("out/x/p.reg").is_file() && dir.join("out/Y/p.reg").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}
