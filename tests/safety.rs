//! Safe output: a `.reg` made from YAML reaches only the Outlook profiles
//! unless `--allow-any-key`; names and values cannot open new keys or
//! sections; `--redact` leaves no personal data and still round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::model::Reach;
use mapiprof::model::outside_profiles;
use mapiprof::redact::Redactor;
use mapiprof::{input, prf, yaml};

const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";

fn convert_yaml(name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let dir = common::scratch(&format!("safety-{name}"));
    std::fs::write(dir.join("in.yaml"), text).unwrap();
    let mut args = vec!["convert", "in.yaml", "--to", "reg", "-o", "out.reg"];
    args.extend_from_slice(extra);
    let out = common::mapiprof_in(&dir, &args);
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

#[test]
fn yaml_cannot_reach_outside_the_profiles_unless_allowed() {
    let run_key = format!(
        "mapiprof: 1\nroot: {ROOT}\nkeys:\n  HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run:\n    \
         evil: {{sz: calc.exe}}\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      TCPExchangePort: 6001\n"
    );
    let out = convert_yaml("run", &run_key, &[]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["outside the Outlook profiles", "CurrentVersion\\Run]"],
    );
    assert!(
        convert_yaml("run-allowed", &run_key, &["--allow-any-key"])
            .status
            .success()
    );

    let not_a_root = "mapiprof: 1\nroot: HKEY_LOCAL_MACHINE\\Software\\Classes\nprofiles:\n  Outlook:\n    x:\n      a: {sz: b}\n";
    let out = convert_yaml("root", not_a_root, &[]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["not an Outlook profile root"]);

    // DefaultProfile on the key that holds it is part of the profiles
    let default = format!(
        "mapiprof: 1\nroot: {ROOT}\nkeys:\n  HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook:\n    \
         DefaultProfile: {{sz: Outlook}}\nprofiles:\n  Outlook:\n    .: {{}}\n"
    );
    let model = input::read_yaml(default.as_bytes()).unwrap();
    assert!(
        outside_profiles(&model).is_empty(),
        "{:?}",
        outside_profiles(&model)
    );
    assert!(convert_yaml("default", &default, &[]).status.success());
}

#[test]
fn names_and_values_cannot_open_a_new_key() {
    // a line break would start a new key: it is written as the escape
    // Regedit reads (\r, \n), inside the line
    let newline = format!(
        "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         note: {{sz: \"x\\r\\n[HKEY_LOCAL_MACHINE\\\\Evil]\\r\\n\\\"a\\\"=\\\"b\"}}\n"
    );
    let model = input::read_yaml(newline.as_bytes()).unwrap();
    let bytes = model.to_reg_bytes(Reach::Profiles).unwrap();
    let doc = input::read_reg(&bytes, None).unwrap().document();
    assert_eq!(doc.blocks.len(), 1, "one key, no more");
    assert_eq!(
        doc.blocks[0].values[0].data,
        mapiprof::reg::RegData::String("x\r\n[HKEY_LOCAL_MACHINE\\Evil]\r\n\"a\"=\"b".into())
    );
    // NUL, which Regedit refuses in a string: refused
    let nul = format!(
        "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         note: {{sz: \"x\\0y\"}}\n"
    );
    let out = convert_yaml("nul", &nul, &[]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["line break or NUL"]);
    // quotes, backslashes and brackets are escaped or kept inside the line
    let tricky = format!(
        "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Outlook:\n    \"13dbb0c8aa05101a9bb000aa002fc45a\\\\a]b\":\n      \
         \"na\\\"me\\\\\": {{sz: \"va\\\"l]\\\\ue\"}}\n"
    );
    let model = input::read_yaml(tricky.as_bytes()).unwrap();
    let bytes = model.to_reg_bytes(Reach::AnyKey).unwrap();
    let again = common::model_of(&bytes);
    assert_eq!(again, model);
    let doc = input::read_reg(&bytes, None).unwrap().document();
    assert_eq!(doc.blocks.len(), 1, "one key, no more");
}

#[test]
fn a_prf_value_cannot_open_a_section() {
    let doc = "mapiprof: 1\nsource: {format: prf}\ngeneral:\n  settings:\n    \
               ProfileName: \"Outlook\\r\\n[Service List]\\r\\nService9=Evil\"\n";
    let model = match yaml::read_document(doc).unwrap() {
        yaml::Document::Prf(model) => model,
        yaml::Document::Reg(_) => panic!("a .prf document"),
    };
    let err = prf::write(&model).unwrap_err();
    assert!(err.to_string().contains("line break"), "{err}");
}

/// The e-mail addresses of a text.
fn emails(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "\"';,<>[]{}()".contains(c))
        .filter(|w| {
            w.split_once('@').is_some_and(|(l, d)| {
                !l.is_empty() && d.contains('.') && !d.ends_with("example.invalid")
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn redacted_samples_have_no_addresses_and_still_round_trip() {
    let checked = redaction_holds(&common::reg_samples(), &common::prf_samples());
    assert!(checked >= 3, "samples with addresses: {checked}");
}

common::corpus_test!(
    redacted_corpus_files_have_no_addresses_and_still_round_trip,
    {
        let checked = redaction_holds(&common::corpus_reg_files(), &common::corpus_prf_files());
        assert!(checked >= 2, "corpus files with addresses: {checked}");
    }
);

/// Redacting each of `regs` and `prfs` leaves no e-mail address, and the
/// redacted document converts and comes back the same; returns how many
/// of `regs` had addresses to redact.
fn redaction_holds(regs: &[PathBuf], prfs: &[PathBuf]) -> usize {
    let mut checked = 0;
    for path in regs {
        let model = common::model_of(&std::fs::read(path).unwrap());
        let before = yaml::write(&model, &yaml::WriteOptions::default()).unwrap();
        let redacted = Redactor::new().model(&model);
        let after = yaml::write(&redacted, &yaml::WriteOptions::default()).unwrap();
        let leaked: Vec<String> = emails(&after);
        assert!(leaked.is_empty(), "{}: {leaked:?}", path.display());
        if !emails(&before).is_empty() {
            checked += 1;
        }
        // the redacted document converts and comes back the same
        let reg = redacted.to_reg_bytes(Reach::AnyKey).unwrap();
        let back = common::model_in(&reg, redacted.source.codepage);
        assert_eq!(back, redacted, "{}", path.display());
        assert_eq!(yaml::read(&after).unwrap(), redacted, "{}", path.display());
    }
    for path in prfs {
        let model = common::prf_model_of(&std::fs::read(path).unwrap());
        let redacted = Redactor::new().prf(&model);
        let text = prf::write(&redacted).unwrap();
        assert!(emails(&text).is_empty(), "{}", path.display());
        let again = common::prf_model_of(text.as_bytes());
        assert_eq!(again.services, redacted.services, "{}", path.display());
    }
    checked
}

#[test]
fn show_redact_on_the_command_line() {
    let out = common::mapiprof_command(&[
        "show",
        "--redact",
        "samples/reg/o16_exchange_outlook_anywhere.reg",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for personal in ["jane.doe", "Jane Doe", "exch01", "jdoe", "mail.example.com"] {
        assert!(!text.contains(personal), "{personal}: {text}");
    }
    assert!(
        text.contains("RPCProxyServer: host2.example.invalid:44300"),
        "{text}"
    );
    assert!(
        text.contains("RPCProxyPrincipalName: msstd:host2.example.invalid"),
        "{text}"
    );
    assert!(
        text.contains("OfflineFolderPathAndFilename: C:\\redacted\\path1.ost"),
        "{text}"
    );
}
