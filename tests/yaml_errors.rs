//! What a YAML document that cannot be read is told: one case per kind of
//! mistake, each message with line:column and the dotted path to the value.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::fmt::Write as _;

use mapiprof::model::Reach;
use mapiprof::yaml;

const HEAD: &str = "mapiprof: 1\nsource: {format: regedit5, encoding: utf-16le, bom: true, newline: crlf}\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n";

/// `(what, document)`; documents starting with a space are a section body
/// appended to `HEAD`.
const CASES: &[(&str, &str)] = &[
    ("not YAML", "mapiprof: 1\nprofiles: [\n"),
    ("not a mapping", "- a\n- b\n"),
    ("unsupported version", "mapiprof: 2\n"),
    ("unknown top-level key", "mapiprof: 1\nprofile: {}\n"),
    (
        "unknown source encoding",
        "mapiprof: 1\nsource: {format: regedit5, encoding: utf-7}\n",
    ),
    ("port out of range", "      TCPExchangePort: 70000\n"),
    ("negative port", "      TCPExchangePort: -1\n"),
    (
        "text for a number",
        "      RPCProxyAuthScheme: kerberos-ish\n",
    ),
    (
        "unknown flag name",
        "      RPCoverHTTPflags: [use-http, ssl-always]\n",
    ),
    (
        "number for a string",
        "      RPCProxyServer: [mail.example.com]\n",
    ),
    ("bad hex digit", "      \"01026630\": {hex: 0g 11}\n"),
    ("odd hex digits", "      \"01026630\": {hex: 0 11}\n"),
    (
        "unknown registry type",
        "      Something: {value: x, type: REG_TEXT}\n",
    ),
    (
        "misspelt property",
        "      RPCProxyServr: mail.example.com:44300\n",
    ),
    (
        "the same property twice",
        "      RPCProxyServer: a\n      001f6622: b\n",
    ),
    ("a string YAML reads as a boolean", "      HomeServer: NO\n"),
    (
        "a key given twice",
        "mapiprof: 1\nprofiles:\n  Outlook: {}\n  Outlook: {}\n",
    ),
    (
        "a section written by its label",
        "mapiprof: 1\nprofiles:\n  Outlook:\n    Exchange Global Section:\n      RPCProxyServer: a\n",
    ),
];

#[test]
fn a_value_that_is_not_a_property_keeps_its_registry_type() {
    let reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\"Custom\"=\"x\"\r\n\"001f6622\"=hex:61,00,00,00\r\n\"001F6622\"=hex:62,00,00,00\r\n\r\n";
    let model = mapiprof::input::read_reg(reg.as_bytes(), None)
        .unwrap()
        .model()
        .0;
    let text = yaml::write(&model, &yaml::WriteOptions::default()).unwrap();
    assert!(text.contains("Custom: {sz: x}"), "{text}");
    assert!(text.contains("RPCProxyServer: a"), "{text}");
    assert!(text.contains("001F6622: b"), "{text}");
    let back = yaml::read(&text).unwrap();
    assert_eq!(
        back.to_reg_bytes(Reach::AnyKey).unwrap(),
        model.to_reg_bytes(Reach::AnyKey).unwrap()
    );
}

#[test]
fn every_kind_of_mistake_is_located_and_named() {
    let mut report = String::new();
    for (what, doc) in CASES {
        let text = if doc.starts_with(' ') {
            format!("{HEAD}{doc}")
        } else {
            doc.to_string()
        };
        let outcome = match yaml::read(&text) {
            Ok(_) => "accepted".to_string(),
            Err(e) => e.to_string(),
        };
        writeln!(report, "{what}:\n  {outcome}\n").unwrap();
    }
    common::snapshots().bind(|| insta::assert_snapshot!("yaml_read_errors", report));
}
