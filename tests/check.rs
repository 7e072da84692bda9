//! `check`: every rule fires on the lint samples, clean samples pass, and
//! the command's formats, `--disable` and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::collections::BTreeSet;

use insta_cmd::assert_cmd_snapshot;
use mapiprof::check::{RULES, Severity, check_prf, check_reg};

#[test]
fn the_lint_samples_set_off_every_rule() {
    let reg = std::fs::read(common::samples().join("reg/lint_one_finding_per_rule.reg")).unwrap();
    let reg = check_reg(&common::model_of(&reg));
    let prf = common::prf_sample("lint_one_finding_per_rule.prf");
    let (model, _) = prf.model();
    let prf = check_prf(&model, &prf.parsed, &prf.text, true);
    let found: BTreeSet<&str> = reg.iter().chain(&prf).map(|f| f.rule).collect();
    let all: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(found, all);
    // each finding names where it is
    assert!(reg.iter().all(|f| f.place.starts_with("Lint")), "{reg:#?}");
    assert!(prf.iter().all(|f| f.place.starts_with('[')), "{prf:#?}");
}

#[test]
fn clean_samples_have_nothing_at_warning_level() {
    for name in [
        "o16_exchange_outlook_anywhere.reg",
        "o16_imap_smtp_account.reg",
        "o2013_two_profiles_ldap_pop3_third_party.reg",
        "mv_layouts_32_and_64_bit.reg",
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
    assert!(check_prf(&model, &file.parsed, &file.text, false).is_empty());
    // the same file aimed at Outlook 2016 is an Exchange .prf Outlook ignores
    let found = check_prf(&model, &file.parsed, &file.text, true);
    assert!(found.iter().any(|f| f.rule == "prf-exchange-2016"));
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
