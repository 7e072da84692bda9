//! The generated exports the benchmarks read are valid, realistic input: they
//! read without warnings, name what a real export names, and obey the laws.
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../benches/support/mod.rs"]
mod support;

use mapiprof::model::Reach;
use mapiprof::{input, yaml};

#[test]
fn a_generated_export_reads_cleanly_and_round_trips() {
    let bytes = support::export(100_000);
    assert!(bytes.len() >= 100_000);
    assert_eq!(&bytes[..2], b"\xff\xfe");

    let read = input::read_reg(&bytes, None).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let (model, warnings) = read.model();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(model.profiles.len() >= 2);
    assert_eq!(model.to_reg_bytes(Reach::AnyKey).unwrap(), bytes);

    let text = yaml::write(&model, &yaml::WriteOptions::default()).unwrap();
    for expected in [
        "RPCProxyServer: mail.example.com:44300",
        "TCPExchangePort: 59001",
        "PR_CONTAB_FOLDER_NAMES_A: {x64: [Contacts]}",
        "IMAP: user00001@example.org",
        "IMAP Server: imap.example.org",
        "IMAP Port: 993",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let back = yaml::read(&text).unwrap();
    assert_eq!(back.to_reg_bytes(Reach::AnyKey).unwrap(), bytes);
}

#[test]
fn the_same_size_gives_the_same_bytes_and_at_least_the_size_asked() {
    let bytes = support::export(50_000);
    assert!(bytes.len() >= 50_000);
    assert!(bytes.len() < 50_000 + 30_000, "one profile too many");
    assert_eq!(bytes, support::export(50_000));
}
