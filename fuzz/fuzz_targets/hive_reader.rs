//! Hive bytes: reading never panics or hangs, whether the whole hive is
//! read or its profiles, with or without a transaction log cut from the
//! end of the input; what is read writes as a `.reg` that reads back with
//! the same keys, and groups into a model that YAML shows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::hive::{self, Log, Select};
use mapiprof::model::{Model, Source};
use mapiprof::{input, reg, text, yaml};

fuzz_target!(|bytes: &[u8]| {
    // the last byte says how to read; a log is cut from the end when the
    // input holds a second `regf`
    let Some((&mode, bytes)) = bytes.split_last() else {
        return;
    };
    let (hive_bytes, log) = match bytes.windows(4).skip(4).position(|w| w == b"regf") {
        Some(at) if mode & 2 != 0 => bytes.split_at(at + 4),
        _ => (bytes, &[][..]),
    };
    let logs = [Log { name: "LOG1", bytes: log }];
    let logs = if log.is_empty() { &[][..] } else { &logs[..] };
    let select = Select {
        key: (mode & 1 != 0).then(|| "\\".to_owned()),
        ..Select::default()
    };
    let Ok(read) = hive::read(hive_bytes, logs, &select) else {
        return;
    };
    let written = reg::write(&read.document, text::Newline::CrLf).expect("what a hive gives writes as a .reg");
    let again = input::read_reg(written.as_bytes(), None).expect("the .reg reads");
    let blocks = again.document().blocks;
    assert_eq!(blocks.len(), read.document.blocks.len(), "keys read back");
    let source = Source {
        format: reg::Format::Regedit5,
        text: text::TextFormat::REGEDIT5,
        codepage: encoding_rs::WINDOWS_1252,
    };
    let (model, _) = Model::from_document(read.document, source);
    let _ = yaml::write(&model, &yaml::WriteOptions::default());
});
