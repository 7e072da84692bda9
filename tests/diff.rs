//! `diff`: differences on the model, not the text; volatile and ignored
//! values; `.prf` settings paired by block; exit codes and formats.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::diff::{DiffOptions, Kind, diff_prf, diff_reg};
use mapiprof::input;
use mapiprof::model::Model;

fn yaml_model(text: &str) -> Model {
    input::read_yaml(text.as_bytes()).unwrap()
}

#[test]
fn order_and_spelling_are_not_differences() {
    let model = common::reg_sample_model("o16_exchange_outlook_anywhere.reg");
    let sorted =
        mapiprof::yaml::write(&model, &mapiprof::yaml::WriteOptions { sort: true }).unwrap();
    let resorted = yaml_model(&sorted);
    assert_ne!(
        resorted.profiles[0].keys, model.profiles[0].keys,
        "the order did change"
    );
    assert!(diff_reg(&model, &resorted, &DiffOptions::default()).is_empty());
}

#[test]
fn changes_name_profile_section_and_property() {
    let a = yaml_model(
        "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
         profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         RPCProxyServer: mail.example.com-44300\n      TCPExchangePort: 6001\n    \
         0a0d020000000000c000000000000046:\n      CachedExchangeMode: 2\n",
    );
    let b = yaml_model(
        "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
         profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         RPCProxyServer: mail.example.com:44300\n      HTTPExchangePort: 6001\n",
    );
    let changes = diff_reg(&a, &b, &DiffOptions::default());
    let brief: Vec<(Kind, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| (c.change, c.section.as_deref(), c.name.as_deref()))
        .collect();
    assert_eq!(
        brief,
        [
            (
                Kind::Changed,
                Some("13dbb0c8aa05101a9bb000aa002fc45a"),
                Some("RPCProxyServer")
            ),
            (
                Kind::Removed,
                Some("13dbb0c8aa05101a9bb000aa002fc45a"),
                Some("TCPExchangePort")
            ),
            (
                Kind::Added,
                Some("13dbb0c8aa05101a9bb000aa002fc45a"),
                Some("HTTPExchangePort")
            ),
            (
                Kind::Removed,
                Some("0a0d020000000000c000000000000046"),
                None
            ),
        ]
    );
    assert_eq!(changes[0].old.as_deref(), Some("mail.example.com-44300"));
    assert_eq!(changes[0].new.as_deref(), Some("mail.example.com:44300"));
    assert_eq!(changes[0].raw_name.as_deref(), Some("001f6622"));
    let text = mapiprof::diff::to_text(&changes, false);
    common::snapshots().bind(|| {
        insta::assert_snapshot!("diff_text", text);
    });
    let ignoring = DiffOptions {
        ignore: vec!["tcpexchangeport".into(), "001f6622".into()],
        ..DiffOptions::default()
    };
    assert_eq!(diff_reg(&a, &b, &ignoring).len(), 2);
}

#[test]
fn volatile_values_can_be_left_out() {
    let doc = |stamp: &str, counter: &str| {
        yaml_model(&format!(
            "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
             profiles:\n  Outlook:\n    437ee58b53fd384e9f7698c3023f508b:\n      \
             \"00400032\": \"{stamp}\"\n    9375CFF0413111d3B88A00104B2A6676:\n      \
             LastChangeVer: {{hex: {counter} 00 00 00 00 00 00 00}}\n"
        ))
    };
    let a = doc("2026-05-30T11:01:45.7050219Z", "41");
    let b = doc("2026-06-02T08:00:00Z", "42");
    assert_eq!(diff_reg(&a, &b, &DiffOptions::default()).len(), 2);
    let volatile = DiffOptions {
        ignore_volatile: true,
        ..DiffOptions::default()
    };
    assert!(diff_reg(&a, &b, &volatile).is_empty());
}

#[test]
fn prf_services_pair_by_block_not_by_id() {
    let a = common::prf_model_of(
        b"[Service List]\r\nService1=Unicode Personal Folders\r\nService2=Microsoft Exchange Server\r\n\
          [Service1]\r\nPathAndFilenameToPersonalFolders=C:\\a.pst\r\n[Service2]\r\nHomeServer=exch01\r\n",
    );
    let b = common::prf_model_of(
        b"[Service List]\r\nService1=Microsoft Exchange Server\r\nService2=Unicode Personal Folders\r\n\
          [Service2]\r\nPathAndFilenameToPersonalFolders=C:\\a.pst\r\n[Service1]\r\nHomeServer=exch02\r\n",
    );
    let changes = diff_prf(&a, &b, &DiffOptions::default());
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].name.as_deref(), Some("HomeServer"));
    assert_eq!(changes[0].new.as_deref(), Some("exch02"));
}

#[test]
fn exit_codes_and_json() {
    let run = |args: &[&str]| common::mapiprof_command(args).output().unwrap();
    let same = "samples/reg/o16_exchange_outlook_anywhere.reg";
    let other = "samples/reg/o2007_wms_proxy_dialog_port.reg";
    assert_eq!(run(&["diff", same, same]).status.code(), Some(0));
    let out = run(&["diff", same, other, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let changes: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(changes.as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(changes[0]["change"], "changed");
    assert_eq!(
        run(&["diff", same, "samples/reg/err_not_a_reg_file.reg"])
            .status
            .code(),
        Some(2)
    );
    let prf = "samples/prf/kb833799_static_ports_outlook2003.prf";
    let out = run(&["diff", prf, other]);
    assert_eq!(out.status.code(), Some(1));
    common::assert_says(&out.stdout, &["- TCPExchangePort: 6001"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("OverwriteProfile"),
        "how to apply a .prf is not compared: {text}"
    );
}

#[test]
fn a_string_and_its_hex_bytes_are_the_same_data() {
    // what Regedit stores is compared, not how the file spells it (hivex
    // exports every string as hex(1); a REGEDIT4 file's hex(1) is ANSI)
    let key = "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook]";
    let v5 = |value: &str| {
        common::model_of(
            format!("Windows Registry Editor Version 5.00\r\n\r\n{key}\r\n{value}\r\n\r\n")
                .as_bytes(),
        )
    };
    let text = v5("\"DefaultProfile\"=\"Outlook\"");
    let hex = v5("\"DefaultProfile\"=hex(1):4f,00,75,00,74,00,6c,00,6f,00,6f,00,6b,00,00,00");
    assert!(diff_reg(&text, &hex, &DiffOptions::default()).is_empty());
    let ansi = common::model_of(
        format!(
            "REGEDIT4\r\n\r\n{key}\r\n\"DefaultProfile\"=hex(1):4f,75,74,6c,6f,6f,6b,00\r\n\r\n"
        )
        .as_bytes(),
    );
    assert!(diff_reg(&text, &ansi, &DiffOptions::default()).is_empty());
    let other = v5("\"DefaultProfile\"=hex(1):4f,00,00,00");
    assert_eq!(diff_reg(&text, &other, &DiffOptions::default()).len(), 1);
}
