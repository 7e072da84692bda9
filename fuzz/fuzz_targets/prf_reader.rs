//! `.prf` bytes: reading never panics, and the settings of a file survive
//! writing it in the OCT layout and reading it again.
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
    let again = input::read_prf(&written, None).expect("written .prf reads");
    let (read_back, _) = again.model();
    assert_eq!(read_back.general, model.general, "general");
    assert_eq!(read_back.services, model.services, "services");
    assert_eq!(read_back.accounts, model.accounts, "accounts");
});
