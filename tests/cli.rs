//! The binary as a black box: stdout, stderr and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use insta_cmd::assert_cmd_snapshot;

/// Run `mapiprof convert IN -o OUT` and say whether it succeeded.
fn convert(input: impl AsRef<OsStr>, output: &Path) -> bool {
    common::mapiprof_command(&["convert"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .status()
        .unwrap()
        .success()
}

/// `sample` converted to `p.yaml` in `dir` and that to `p.EXT`, each with
/// success; the last file written.
fn via_yaml(dir: &Path, sample: &str, ext: &str) -> PathBuf {
    let yaml = dir.join("p.yaml");
    let out = dir.join("p").with_extension(ext);
    assert!(convert(sample, &yaml));
    assert!(convert(&yaml, &out));
    out
}

/// `mapiprof ARGS` (stdout, stderr, exit code) against the snapshot `name`:
/// these snapshots keep the `cli__` names they were first saved under.
fn assert_run(name: &str, args: &[&str]) {
    common::snapshots().bind(|| assert_cmd_snapshot!(name, common::mapiprof_command(args)));
}

#[test]
fn show_the_readme_sample() {
    assert_run(
        "cli__show_the_readme_sample",
        &["show", "samples/reg/o2007_wms_proxy_dialog_port.reg"],
    );
}

#[test]
fn errors_name_the_file_and_exit_2() {
    assert_run(
        "cli__errors_name_the_file_and_exit_2",
        &["show", "samples/reg/err_not_a_reg_file.reg"],
    );
    assert_run(
        "cli__errors_name_the_file_and_exit_2-2",
        &["show", "samples/reg/err_utf8_bom.reg"],
    );
}

#[test]
fn warnings_go_to_stderr_and_strict_makes_them_errors() {
    assert_run(
        "cli__warnings_go_to_stderr_and_strict_makes_them_errors",
        &[
            "show",
            "--strict",
            "samples/reg/warn_truncated_hex_no_indent.reg",
        ],
    );
}

#[test]
fn convert_writes_a_file_and_refuses_to_overwrite_its_input() {
    let dir = common::scratch("cli");
    let sample = "samples/reg/o16_exchange_outlook_anywhere.reg";
    let reg = via_yaml(&dir, sample, "reg");
    let original = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(sample)).unwrap();
    assert_eq!(std::fs::read(&reg).unwrap(), original);
    let out = common::mapiprof_command(&["convert"])
        .arg(&reg)
        .arg("-o")
        .arg(&reg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "refused, with exit 2");
    assert_eq!(std::fs::read(&reg).unwrap(), original, "input untouched");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    let out = common::mapiprof_command(&["show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_prf_that_cannot_be_placed_names_its_settings_and_exits_2() {
    assert_run(
        "cli__a_prf_that_cannot_be_placed_names_its_settings_and_exits_2",
        &[
            "convert",
            "samples/prf/oct2016_exchange_rpc_http_static_ports.prf",
            "--to",
            "reg",
        ],
    );
}

#[test]
fn prf_yaml_prf_through_the_command_line() {
    let dir = common::scratch("cli-prf");
    let prf = via_yaml(
        &dir,
        "samples/prf/kb833799_static_ports_outlook2003.prf",
        "prf",
    );
    let written = std::fs::read_to_string(&prf).unwrap();
    assert!(written.contains("[ServiceEGS]\r\nTCPExchangePort=6001\r\n"));
    assert!(written.contains(";HTTPExchangePort=6001\r\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_registry_export_becomes_a_prf_with_warnings_for_what_it_leaves_out() {
    assert_run(
        "cli__a_registry_export_becomes_a_prf_with_warnings_for_what_it_leaves_out",
        &[
            "convert",
            "samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg",
            "--to",
            "prf",
        ],
    );
    assert_run(
        "cli__a_registry_export_becomes_a_prf_with_warnings_for_what_it_leaves_out-2",
        &[
            "convert",
            "samples/reg/mv_layouts_32_and_64_bit.reg",
            "--to",
            "prf",
        ],
    );
}

#[test]
fn a_prf_applied_to_an_export_changes_only_the_lines_of_its_values() {
    let dir = common::scratch("cli-base");
    let prf = dir.join("proxy.prf");
    std::fs::write(
        &prf,
        "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
         [ServiceEGS]\r\nRPCProxyServer=mail.example.com:44300\r\n",
    )
    .unwrap();
    let out = dir.join("fixed.reg");
    let base = "samples/reg/o2007_wms_proxy_dialog_port.reg";
    let status = common::mapiprof_command(&["convert"])
        .arg(&prf)
        .args(["--to", "reg", "--base", base, "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let text = |bytes: Vec<u8>| mapiprof::input::read_reg(&bytes, None).unwrap().text;
    let before = text(std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(base)).unwrap());
    let after = text(std::fs::read(&out).unwrap());
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let removed: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    assert!(!removed.is_empty() && removed.len() == added.len());
    assert!(
        removed
            .iter()
            .all(|l| l.starts_with("\"001f6622\"") || l.starts_with("  "))
    );
    assert!(
        added
            .iter()
            .all(|l| l.starts_with("\"001f6622\"") || l.starts_with("  "))
    );
    // "-44300" became ":44300" (2d → 3a before the UTF-16 digits)
    assert!(before.contains("2d,00,34,00,34,00") && after.contains("3a,00,34,00,34,00"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// UTF-16 output is not sent to a terminal (it shows as noise) unless `-o -`
/// asks for it; a pipe gets it. The terminal comes from `script`.
#[cfg(unix)]
#[test]
fn utf16_output_is_not_written_to_a_terminal() {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to give the command a terminal");
        return;
    }
    let bin = insta_cmd::get_cargo_bin("mapiprof");
    let sample = common::samples().join("reg/o16_exchange_outlook_anywhere.reg");
    let on_terminal = |extra: &str| {
        let command = format!(
            "'{}' convert '{}' --to reg {extra}",
            bin.display(),
            sample.display()
        );
        std::process::Command::new(script)
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap()
    };
    let out = on_terminal("");
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stdout, &["which a terminal shows as noise", "-o -"]);
    let out = on_terminal("-o -");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(&[0xFF, 0xFE]));
    let piped = common::mapiprof_command(&["convert", &sample.to_string_lossy(), "--to", "reg"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(piped.stdout.starts_with(&[0xFF, 0xFE]));
}
