//! `.prf` bytes: reading never panics, and the settings of a file, its
//! comments and the lines Outlook skips survive writing it in the OCT
//! layout and reading it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::{input, prf};

fuzz_target!(|bytes: &[u8]| {
    let Ok(first) = input::read_prf(bytes, None) else {
        return;
    };
    let (model, _) = first.model();
    let Ok(written) = prf::to_bytes(&model) else {
        return;
    };
    // a file without a byte-order mark whose bytes happen to be UTF-8 is
    // read as UTF-8 unless a code page is named: name the one it was read in
    let codepage = match model.source.text.encoding {
        mapiprof::text::Encoding::CodePage(cp) => Some(cp),
        _ => None,
    };
    let again = input::read_prf(&written, codepage).expect("written .prf reads");
    let (read_back, _) = again.model();
    assert_eq!(read_back.general, model.general, "general");
    assert_eq!(read_back.services, model.services, "services");
    assert_eq!(read_back.accounts, model.accounts, "accounts");
    assert_eq!(read_back.head, model.head, "head");
    // each section's notes, in their order; the sections may come in
    // another order in the written file
    let sorted = |notes: &[(String, Vec<String>)]| {
        let mut notes = notes.to_vec();
        notes.sort();
        notes
    };
    assert_eq!(sorted(&read_back.notes), sorted(&model.notes), "notes");
});
