//! MAPI value bytes of any type: decoding never panics, and what decodes
//! encodes back to the very same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::mapi::{self, PropType};

fuzz_target!(|input: &[u8]| {
    let Some((&selector, bytes)) = input.split_first() else {
        return;
    };
    const TYPES: [u16; 16] = [
        0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x000A, 0x000B, 0x0014, 0x001E,
        0x001F, 0x0040, 0x0048, 0x0102, 0x101E, 0x1102,
    ];
    let ptype = match TYPES.get(usize::from(selector % 20)) {
        Some(t) => PropType(*t),
        None => PropType(0x1000 | u16::from(selector)),
    };
    let cp = encoding_rs::WINDOWS_1252;
    if let Some(value) = mapi::decode(ptype, bytes, cp) {
        let again = mapi::encode(&value, cp).expect("a decoded value encodes");
        assert_eq!(again, bytes, "decode → encode for {ptype:?}");
    }
});
