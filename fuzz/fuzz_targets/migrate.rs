//! `inventory` and `rewrite` over `.reg` bytes: neither panics; a rewrite's
//! result reads back when its encoding can hold it (its lint pass reads
//! it); and a PST store entry ID
//! read from any bytes writes back to those bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::edit::{HostMap, Operation, PathMap, Rewrite};
use mapiprof::input::{self, Document};
use mapiprof::mapi::entryid::PstEntryId;

fuzz_target!(|bytes: &[u8]| {
    let cp = encoding_rs::WINDOWS_1252;
    if let Some(id) = PstEntryId::parse(bytes, cp) {
        assert_eq!(
            id.with_path(&id.path, cp).as_deref(),
            Some(bytes),
            "entry ID read → written"
        );
    }
    let Ok(read) = input::read_reg(bytes, None) else {
        return;
    };
    let format = read.format;
    let doc = Document::Reg(read);
    let _ = mapiprof::inventory::of_document("fuzz", doc.clone());
    let rewrite = Rewrite {
        paths: PathMap::new(vec![
            ("C:\\".into(), "\\\\fs01\\home\\%USERNAME%\\".into()),
            ("c:\\users\\a".into(), "D:".into()),
        ]),
        hosts: HostMap::new(vec![("mail.example.com".into(), "mx.example.net".into())]),
        profiles: vec![("Outlook".into(), "Renamed".into())],
        accounts: vec![("a".into(), "b".into())],
        ..Rewrite::default()
    };
    // a text the file's encoding cannot hold fails as any edit of it would
    // (a guessed Big5 decodes characters it does not encode)
    if let Ok(edited) = Operation::Rewrite(Box::new(rewrite)).edit(&doc)
        && mapiprof::text::encode(&edited.text, &format).is_ok()
    {
        mapiprof::edit::new_findings(&doc, &edited).expect("a rewritten .reg reads back");
    }
});
