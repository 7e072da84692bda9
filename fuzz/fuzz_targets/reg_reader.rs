//! `.reg` bytes: reading never panics, and a file that reads writes back to
//! text that reads to the same document (read → write → read is equal).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::model::Reach;
use mapiprof::input;

fuzz_target!(|bytes: &[u8]| {
    let Ok(first) = input::read_reg(bytes, None) else {
        return;
    };
    let (model, _) = first.model();
    let Ok(written) = model.to_reg_bytes(Reach::AnyKey) else {
        return;
    };
    // a .reg holds no code page: the written file is read in the model's,
    // as --codepage gives it (a guess from what was written may differ
    // when the 8-bit text sat in lines Regedit ignores)
    let codepage = Some(model.source.codepage);
    let again = input::read_reg(&written, codepage).expect("written .reg reads");
    assert_eq!(again.model().0, model, "read → write → read");
});
