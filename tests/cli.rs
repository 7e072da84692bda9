//! The binary as a black box: stdout, stderr and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn mapiprof() -> Command {
    let mut cmd = Command::new(get_cargo_bin("mapiprof"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Run `mapiprof convert IN -o OUT` and say whether it succeeded.
fn convert(input: impl AsRef<std::ffi::OsStr>, output: &std::path::Path) -> bool {
    mapiprof()
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(output)
        .status()
        .unwrap()
        .success()
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings
}

#[test]
fn show_the_readme_sample() {
    settings().bind(|| {
        assert_cmd_snapshot!(
            mapiprof().args(["show", "samples/reg/o2007_wms_proxy_dialog_port.reg"])
        );
    });
}

#[test]
fn errors_name_the_file_and_exit_2() {
    settings().bind(|| {
        assert_cmd_snapshot!(mapiprof().args(["show", "samples/reg/err_not_a_reg_file.reg"]));
        assert_cmd_snapshot!(mapiprof().args(["show", "samples/reg/err_invalid_utf8.reg"]));
    });
}

#[test]
fn warnings_go_to_stderr_and_strict_makes_them_errors() {
    settings().bind(|| {
        assert_cmd_snapshot!(mapiprof().args([
            "show",
            "--strict",
            "samples/reg/warn_truncated_hex_no_indent.reg"
        ]));
    });
}

#[test]
fn convert_writes_a_file_and_refuses_to_overwrite_its_input() {
    let dir = std::env::temp_dir().join(format!("mapiprof-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = dir.join("p.yaml");
    let reg = dir.join("p.reg");
    let sample = "samples/reg/o16_exchange_outlook_anywhere.reg";
    assert!(convert(sample, &yaml));
    assert!(convert(&yaml, &reg));
    let original =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sample)).unwrap();
    assert_eq!(std::fs::read(&reg).unwrap(), original);
    let out = mapiprof()
        .arg("convert")
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
    let out = mapiprof().args(["show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_prf_that_cannot_be_placed_names_its_settings_and_exits_2() {
    settings().bind(|| {
        assert_cmd_snapshot!(mapiprof().args([
            "convert",
            "samples/prf/oct2016_exchange_rpc_http_static_ports.prf",
            "--to",
            "reg"
        ]));
    });
}

#[test]
fn prf_yaml_prf_through_the_command_line() {
    let dir = std::env::temp_dir().join(format!("mapiprof-cli-prf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = dir.join("ports.yaml");
    let prf = dir.join("ports.prf");
    let sample = "samples/prf/kb833799_static_ports_outlook2003.prf";
    assert!(convert(sample, &yaml));
    assert!(convert(&yaml, &prf));
    let written = std::fs::read_to_string(&prf).unwrap();
    assert!(written.contains("[ServiceEGS]\r\nTCPExchangePort=6001\r\n"));
    assert!(written.contains(";HTTPExchangePort=6001\r\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_registry_export_becomes_a_prf_with_warnings_for_what_it_leaves_out() {
    settings().bind(|| {
        assert_cmd_snapshot!(mapiprof().args([
            "convert",
            "samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg",
            "--to",
            "prf"
        ]));
        assert_cmd_snapshot!(mapiprof().args([
            "convert",
            "samples/reg/mv_layouts_32_and_64_bit.reg",
            "--to",
            "prf"
        ]));
    });
}

#[test]
fn a_prf_applied_to_an_export_changes_only_the_lines_of_its_values() {
    let dir = std::env::temp_dir().join(format!("mapiprof-cli-base-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prf = dir.join("proxy.prf");
    std::fs::write(
        &prf,
        "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
         [ServiceEGS]\r\nRPCProxyServer=mail.example.com:44300\r\n",
    )
    .unwrap();
    let out = dir.join("fixed.reg");
    let base = "samples/reg/o2007_wms_proxy_dialog_port.reg";
    let status = mapiprof()
        .arg("convert")
        .arg(&prf)
        .args(["--to", "reg", "--base", base, "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let text = |bytes: Vec<u8>| mapiprof::input::read_reg(&bytes, None).unwrap().text;
    let before =
        text(std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(base)).unwrap());
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
