//! YAML text: reading never panics, and a document that reads is written
//! and read back to the same model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapiprof::yaml::{self, Document};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match yaml::read_document(text) {
        Ok(Document::Reg(model)) => {
            let Ok(written) = yaml::write(&model, &yaml::WriteOptions::default()) else {
                return;
            };
            let again = yaml::read(&written).expect("written YAML reads");
            assert_eq!(again, model, "read → write → read");
        }
        Ok(Document::Prf(model)) => {
            let written = yaml::write_prf(&model);
            let Ok(Document::Prf(again)) = yaml::read_document(&written) else {
                panic!("written PRF YAML reads");
            };
            assert_eq!(again.general, model.general);
            assert_eq!(again.services, model.services);
            assert_eq!(again.accounts, model.accounts);
        }
        Err(_) => {}
    }
});
