//! `check`: every rule fires on the lint samples, clean samples pass, and
//! the command's formats, `--disable` and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::collections::BTreeSet;

use insta_cmd::assert_cmd_snapshot;
use mapiprof::check::{RULES, Severity, check, check_prf, check_reg};
use mapiprof::{Format, input};

#[test]
fn the_lint_samples_set_off_every_rule() {
    let read = |name: &str, format| {
        let bytes = std::fs::read(common::samples().join(name)).unwrap();
        let doc = input::read(bytes, format, &input::ReadOptions::default()).unwrap();
        check(doc, true).unwrap()
    };
    // the rules over what the reader met come from a hand-written patch
    let mut reg = read("reg/lint_one_finding_per_rule.reg", Format::Reg);
    reg.extend(read("reg/warn_patch_repeated_key_blocks.reg", Format::Reg));
    let mut prf = read("prf/lint_one_finding_per_rule.prf", Format::Prf);
    // a line the reader skips, as Outlook does
    prf.extend(
        read("prf/ork2000_exchange_pst_pop3_wrapped.prf", Format::Prf)
            .into_iter()
            .filter(|f| f.rule == "prf-ignored"),
    );
    // the rules over a hive's state come from the damaged sample hive
    reg.extend(read("hive/lint_stale_damaged.dat", Format::Hive));
    let found: BTreeSet<&str> = reg.iter().chain(&prf).map(|f| f.rule).collect();
    let all: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(found, all);
    // each finding names where it is: a profile, a section, the line of
    // what the reader met, or the hive (its message gives the byte offset)
    assert!(
        reg.iter().all(|f| f.place.starts_with("Lint")
            || f.place.starts_with("line ")
            || f.place == "hive"),
        "{reg:#?}"
    );
    assert!(
        prf.iter()
            .all(|f| f.place.starts_with('[') || f.place.starts_with("line ")),
        "{prf:#?}"
    );
}

#[test]
fn clean_samples_have_nothing_at_warning_level() {
    for name in [
        "o16_exchange_outlook_anywhere.reg",
        "o16_imap_smtp_account.reg",
        "o2013_two_profiles_ldap_pop3_third_party.reg",
        "mv_layouts_32_and_64_bit.reg",
        "o16_ldap_contab_shift_jis_lists.reg",
    ] {
        let bytes = std::fs::read(common::samples().join("reg").join(name)).unwrap();
        let found = check_reg(&common::model_of(&bytes));
        assert!(
            found.iter().all(|f| f.severity < Severity::Warning),
            "{name}: {found:#?}"
        );
    }
    let file = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let (model, _) = file.model();
    assert!(check_prf(&model, &file.text, false).is_empty());
    // the same file aimed at Outlook 2016 is an Exchange .prf Outlook ignores
    let found = check_prf(&model, &file.text, true);
    assert!(found.iter().any(|f| f.rule == "prf-exchange-2016"));
}

/// The account section holds a global section's value alike when it means
/// the same: a string in the other type or registry form counts.
#[test]
fn a_global_value_held_alike_by_the_account_section_is_no_finding() {
    let root = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P";
    let reg = |account: &str| {
        let text = format!(
            "Windows Registry Editor Version 5.00\r\n\r\n\
             [{root}\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\"001e6608\"=\"exch01\"\r\n\r\n\
             [{root}\\2a3b4c5d6e7f8091a2b3c4d5e6f70812]\r\n\"001f3d09\"=hex:4d,00,53,00,45,00,4d,00,53,00,00,00\r\n\
             \"01023d15\"=hex:3b,4c,5d,6e,7f,80,91,a2,b3,c4,d5,e6,f7,08,12,23\r\n\r\n\
             [{root}\\3b4c5d6e7f8091a2b3c4d5e6f7081223]\r\n{account}\r\n\r\n"
        );
        check_reg(&common::model_of(&common::utf16(&text)))
            .into_iter()
            .filter(|f| f.rule == "global-not-in-account")
            .count()
    };
    // exch01 as PT_UNICODE bytes, as PT_STRING8 bytes, as text
    assert_eq!(
        reg("\"001f6608\"=hex:65,00,78,00,63,00,68,00,30,00,31,00,00,00"),
        0
    );
    assert_eq!(reg("\"001e6608\"=hex:65,78,63,68,30,31,00"), 0);
    assert_eq!(reg("\"001e6608\"=\"exch01\""), 0);
    assert_eq!(reg("\"001e6608\"=\"exch02\""), 1);
    assert_eq!(reg("\"0002662c\"=hex:71,17"), 1);
}

#[test]
fn the_command_reports_with_hints_and_exit_codes() {
    common::snapshots().bind(|| {
        assert_cmd_snapshot!(
            "check__the_command_reports_with_hints_and_exit_codes",
            common::mapiprof_command(&["check", "samples/reg/lint_one_finding_per_rule.reg"])
        );
    });
    let clean =
        common::mapiprof_command(&["check", "samples/reg/o16_exchange_outlook_anywhere.reg"])
            .output()
            .unwrap();
    assert_eq!(clean.status.code(), Some(0));
    let only_info = common::mapiprof_command(&[
        "check",
        "samples/prf/oct2013_pop3_unicode_pst_utf8bom_dupes.prf",
    ])
    .output()
    .unwrap();
    assert_eq!(only_info.status.code(), Some(0), "info does not fail");
    let json = common::mapiprof_command(&[
        "check",
        "samples/prf/lint_one_finding_per_rule.prf",
        "--format",
        "json",
        "--disable",
        "prf-duplicate",
    ])
    .output()
    .unwrap();
    assert_eq!(json.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rules: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"prf-duplicate"));
    assert!(rules.contains(&"proxy-dash-port"));
    assert_eq!(
        findings[0]["file"],
        "samples/prf/lint_one_finding_per_rule.prf"
    );
    let unknown = common::mapiprof_command(&[
        "check",
        "samples/prf/lint_one_finding_per_rule.prf",
        "--disable",
        "nope",
    ])
    .output()
    .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    let help = String::from_utf8(
        common::mapiprof_command(&["check", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for rule in RULES {
        assert!(help.contains(rule.id), "{} missing from --help", rule.id);
    }
}
