//! The commands on offline hives, as a user runs them: show, convert,
//! diff and check read a hive like a `.reg` export of its profiles; the
//! edits refuse it and leave it alone; `--hive-root` and `--key` choose
//! what is read and where it is written; the logs beside a dirty hive are
//! replayed, and without them `--strict` fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::Path;

use common::{assert_says, corpus_test, mapiprof_command, mapiprof_in};

const SAMPLE: &str = "samples/hive/ntuser_o16_and_wms_profiles.dat";

/// The sample hive's full path.
fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)
}

fn run(args: &[&str]) -> std::process::Output {
    mapiprof_command(args).output().unwrap()
}

#[test]
fn show_reads_a_hive_as_the_yaml_of_its_profiles() {
    let out = run(&["show", SAMPLE]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(
        &out.stdout,
        &[
            "root: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
            "DefaultProfile: Outlook",
            "RPCProxyServer: mail.example.com:44300",
        ],
    );
    assert_says(
        &out.stderr,
        &["note:", "profiles under 2 roots", "--key ROOT"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("FirstRunDialog") && !text.contains("Control Panel"),
        "{text}"
    );
}

#[test]
fn convert_writes_the_export_regedit_would_and_it_reads_back_alike() {
    let dir = common::scratch("hive-cli-convert");
    let reg = dir.join("profiles.reg");
    let yaml = dir.join("profiles.yaml");
    let again = dir.join("again.reg");
    let sample = sample();
    for args in [
        vec![
            "convert",
            sample.to_str().unwrap(),
            "-o",
            reg.to_str().unwrap(),
        ],
        vec![
            "convert",
            sample.to_str().unwrap(),
            "-o",
            yaml.to_str().unwrap(),
        ],
        vec![
            "convert",
            yaml.to_str().unwrap(),
            "-o",
            again.to_str().unwrap(),
            "--allow-any-key",
        ],
    ] {
        let out = mapiprof_in(&dir, &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let bytes = std::fs::read(&reg).unwrap();
    assert!(
        bytes.starts_with(&[0xFF, 0xFE]),
        "UTF-16 LE with a byte-order mark"
    );
    let text = mapiprof::text::decode(&bytes, mapiprof::text::NoBom::Utf8)
        .unwrap()
        .text;
    assert!(
        text.starts_with("Windows Registry Editor Version 5.00\r\n\r\n["),
        "{text}"
    );
    assert!(text.contains("[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook]\r\n\"DefaultProfile\"=\"Outlook\"\r\n\r\n"));
    // hive → YAML → .reg gives the same bytes as hive → .reg
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
    // and the .reg describes what the hive does
    let out = mapiprof_in(
        &dir,
        &["diff", sample.to_str().unwrap(), reg.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn check_reads_a_hive_and_reports_as_for_an_export() {
    let out = run(&["check", SAMPLE, "--format", "json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| f.ends_with("ntuser_o16_and_wms_profiles.dat")),
        "{files:?}"
    );
}

#[test]
fn edits_refuse_a_hive_and_leave_it_as_it_was() {
    let dir = common::scratch("hive-cli-edit");
    let hive = dir.join("NTUSER.DAT");
    std::fs::copy(sample(), &hive).unwrap();
    let before = std::fs::read(&hive).unwrap();
    for args in [
        vec![
            "set",
            "NTUSER.DAT",
            "RPCProxyServer=mail.example.org",
            "--in-place",
        ],
        vec!["fmt", "NTUSER.DAT", "--in-place"],
    ] {
        let out = mapiprof_in(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_says(
            &out.stderr,
            &[
                "a hive is only read",
                "mapiprof convert HIVE -o profiles.reg",
            ],
        );
    }
    assert_eq!(std::fs::read(&hive).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no backup or temporary file: {names:?}");
}

#[test]
fn a_hive_is_known_by_its_signature_whatever_it_is_called() {
    let dir = common::scratch("hive-cli-name");
    std::fs::copy(sample(), dir.join("backup.reg")).unwrap();
    let out = mapiprof_in(&dir, &["show", "backup.reg"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(&out.stdout, &["RPCProxyServer"]);
    // a .dat that is no hive is not taken from a folder, and is an error
    // when named
    std::fs::write(dir.join("thumbs.dat"), b"not a hive").unwrap();
    let out = mapiprof_in(&dir, &["check", "-r", "."]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("thumbs.dat"));
    let out = mapiprof_in(&dir, &["show", "thumbs.dat"]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["thumbs.dat", "not a registry hive"]);
}

#[test]
fn hive_root_and_key_choose_what_is_read_and_where_it_goes() {
    let out = run(&[
        "show",
        SAMPLE,
        "--hive-root",
        "HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1001",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_says(
        &out.stdout,
        &[
            "root: HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
        ],
    );
    let out = run(&[
        "show",
        SAMPLE,
        "--key",
        "Software\\Microsoft\\Office\\16.0\\Outlook",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_says(&out.stdout, &["FirstRunDialog", "Options\\Mail"]);
    let out = run(&["show", SAMPLE, "--key", "Software\\Microsoft\\Office\\15.0"]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(
        &out.stderr,
        &[
            "the hive has no key Software\\Microsoft\\Office\\15.0",
            "it has HKEY_CURRENT_USER\\Software\\Microsoft\\Office, and no 15.0 below it",
        ],
    );
    // a .reg of keys outside the profiles, from the YAML, needs --allow-any-key
    let dir = common::scratch("hive-cli-key");
    let sample = sample();
    let yaml = dir.join("outlook.yaml");
    let out = mapiprof_in(
        &dir,
        &[
            "convert",
            sample.to_str().unwrap(),
            "--key",
            "Software\\Microsoft\\Office\\16.0\\Outlook",
            "-o",
            yaml.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = mapiprof_in(
        &dir,
        &[
            "convert",
            "outlook.yaml",
            "--to",
            "reg",
            "-o",
            "outlook.reg",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["--allow-any-key"]);
}

/// The dirty corpus hive and its logs, copied into `dir` (the logs only
/// when `logs`).
fn dirty_in(dir: &Path, logs: bool) {
    let from = common::corpus().join("hives");
    for end in ["", ".LOG1", ".LOG2"] {
        if logs || end.is_empty() {
            let name = format!("ntuser_dirty_with_logs.DAT{end}");
            std::fs::copy(
                from.join(&name),
                dir.join(name.replace("ntuser_dirty_with_logs.DAT", "NTUSER.DAT")),
            )
            .unwrap();
        }
    }
}

corpus_test!(the_logs_beside_a_dirty_hive_are_replayed, {
    let metrics = [
        "show",
        "NTUSER.DAT",
        "--key",
        "Control Panel\\Desktop\\WindowMetrics",
    ];
    let dir = common::scratch("hive-cli-logs");
    dirty_in(&dir, true);
    let out = mapiprof_in(&dir, &metrics);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(&out.stdout, &["AppliedDPI: {dword: 192}"]);
    assert_says(
        &out.stderr,
        &[
            "note:",
            "the hive is dirty",
            "23 log entries (132 pages)",
            "up to sequence number 588",
        ],
    );
    let stale = common::scratch("hive-cli-stale");
    dirty_in(&stale, false);
    let out = mapiprof_in(&stale, &metrics);
    assert_eq!(out.status.code(), Some(0));
    assert_says(&out.stdout, &["AppliedDPI: {dword: 96}"]);
    assert_says(
        &out.stderr,
        &[
            "warning:",
            "no transaction logs were read with it",
            "copy NAME.LOG1 and NAME.LOG2",
        ],
    );
    let mut strict = metrics.to_vec();
    strict.push("--strict");
    let out = mapiprof_in(&stale, &strict);
    assert_eq!(out.status.code(), Some(2));
    // the hive and its logs are read, never written
    let before = std::fs::read(dir.join("NTUSER.DAT")).unwrap();
    assert_eq!(
        before,
        std::fs::read(common::corpus().join("hives/ntuser_dirty_with_logs.DAT")).unwrap()
    );
});

corpus_test!(logs_named_as_windows_names_them_are_found, {
    // Windows writes NTUSER.DAT beside ntuser.dat.LOG1 and ntuser.dat.LOG2
    let dir = common::scratch("hive-cli-logcase");
    let from = common::corpus().join("hives");
    std::fs::copy(
        from.join("ntuser_dirty_with_logs.DAT"),
        dir.join("NTUSER.DAT"),
    )
    .unwrap();
    for end in ["LOG1", "LOG2"] {
        std::fs::copy(
            from.join(format!("ntuser_dirty_with_logs.DAT.{end}")),
            dir.join(format!("ntuser.dat.{end}")),
        )
        .unwrap();
    }
    let out = mapiprof_in(
        &dir,
        &[
            "show",
            "NTUSER.DAT",
            "--key",
            "Control Panel\\Desktop\\WindowMetrics",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_says(&out.stdout, &["AppliedDPI: {dword: 192}"]);
});

corpus_test!(check_reports_a_stale_or_damaged_hive_as_findings, {
    let dir = common::scratch("hive-cli-check");
    let hive =
        std::fs::read(common::corpus().join("hives/ntuser_o16_profile_pst_contab.DAT")).unwrap();
    // a copy of a live hive without its logs
    std::fs::write(dir.join("stale.dat"), &hive).unwrap();
    let out = mapiprof_in(&dir, &["check", "stale.dat", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(&out.stdout, &["\"rule\": \"hive-stale\""]);
    // a copy cut short before the profiles
    std::fs::write(dir.join("cut.dat"), &hive[..6_000_000]).unwrap();
    let out = mapiprof_in(&dir, &["check", "cut.dat", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(&out.stdout, &["\"rule\": \"hive-damaged\"", "cut short"]);
    let out = mapiprof_in(&dir, &["show", "cut.dat"]);
    assert_says(
        &out.stderr,
        &["no Outlook profiles found, and the hive is damaged on the way to them"],
    );
});

#[test]
fn a_read_only_hive_gives_a_writable_export() {
    let dir = common::scratch("hive-cli-readonly");
    let hive = dir.join("NTUSER.DAT");
    std::fs::copy(sample(), &hive).unwrap();
    let mut perms = std::fs::metadata(&hive).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&hive, perms).unwrap();
    let out = mapiprof_in(&dir, &["convert", "NTUSER.DAT", "-o", "profiles.reg"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !std::fs::metadata(dir.join("profiles.reg"))
            .unwrap()
            .permissions()
            .readonly()
    );
}

#[test]
fn hive_roots_and_keys_are_checked_and_said_when_unused() {
    for root in ["foo", "", "HKEY_CURRENT_USER\\Software", "HKEY_USERS"] {
        let out = run(&["show", SAMPLE, "--hive-root", root]);
        assert_eq!(out.status.code(), Some(2), "{root:?}");
        assert_says(&out.stderr, &["is not a key a hive is loaded under"]);
    }
    let out = run(&[
        "show",
        SAMPLE,
        "--hive-root",
        "HKU\\S-1-5-21-1-2-3-1001",
        "--key",
        "HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(
        &out.stdout,
        &[
            "root: HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
        ],
    );
    let out = run(&[
        "show",
        "samples/reg/o16_exchange_outlook_anywhere.reg",
        "--key",
        "Software",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_says(
        &out.stderr,
        &["--key and --hive-root read offline hives; this reg file is read as it is"],
    );
    // a .reg saved as .dat is read as the .reg it is
    let dir = common::scratch("hive-cli-datreg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reg/o16_exchange_outlook_anywhere.reg"),
        dir.join("export.dat"),
    )
    .unwrap();
    let out = mapiprof_in(&dir, &["show", "export.dat"]);
    assert_eq!(out.status.code(), Some(0));
    assert_says(&out.stdout, &["RPCProxyServer"]);
}

#[test]
fn no_command_writes_over_a_hive() {
    let dir = common::scratch("hive-cli-over");
    let sample = sample();
    std::fs::copy(&sample, dir.join("victim.dat")).unwrap();
    let before = std::fs::read(dir.join("victim.dat")).unwrap();
    let export =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reg/o16_exchange_outlook_anywhere.reg");
    let out = mapiprof_in(
        &dir,
        &[
            "convert",
            export.to_str().unwrap(),
            "--to",
            "reg",
            "-o",
            "victim.dat",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(
        &out.stderr,
        &["victim.dat is an offline registry hive, which mapiprof never writes over"],
    );
    assert_eq!(std::fs::read(dir.join("victim.dat")).unwrap(), before);
}

#[cfg(unix)]
corpus_test!(a_log_that_is_no_regular_file_is_named_and_not_opened, {
    let dir = common::scratch("hive-cli-fifo");
    dirty_in(&dir, false);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("NTUSER.DAT.LOG1"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = mapiprof_in(&dir, &["show", "NTUSER.DAT", "--key", "Control Panel"]);
    assert_eq!(out.status.code(), Some(0));
    assert_says(
        &out.stderr,
        &["NTUSER.DAT.LOG1 not used: it is not a regular file"],
    );
});
