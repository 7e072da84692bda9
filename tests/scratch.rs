#![allow(missing_docs)]
use mapiprof::{input, reg};
#[test]
fn scratch() {
    for f in [
        "../shared/corpus/reg/o16_full_profile_pop_pst_mvbin16_utf16le.reg",
        "../shared/corpus/reg/o16_full_profile_2pop_pst_mvbin8_utf16le.reg",
    ] {
        let bytes = std::fs::read(f).unwrap();
        let r = input::read_reg(&bytes, None).unwrap();
        let out = reg::write(&r.document, r.format.newline).unwrap();
        std::fs::write(format!("/tmp/out_{}.txt", f.len()), &out).unwrap();
        std::fs::write(format!("/tmp/in_{}.txt", f.len()), &r.text).unwrap();
    }
}
