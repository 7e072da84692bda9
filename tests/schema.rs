//! Every YAML document mapiprof writes validates against `mapiprof schema`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::yaml;

fn validate(text: &str, name: &str, validator: &jsonschema::Validator) {
    let instance: serde_json::Value = serde_saphyr::from_str(text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    assert!(
        text.starts_with(&format!("# {}\n", yaml::MODELINE)),
        "{name}: modeline"
    );
}

#[test]
fn the_documents_written_from_the_samples_validate() {
    documents_validate(&common::reg_samples(), &common::prf_samples());
}

common::corpus_test!(the_documents_written_from_the_corpus_validate, {
    documents_validate(&common::corpus_reg_files(), &common::corpus_prf_files());
});

/// The YAML written from each of `regs` (sorted or not) and `prfs`
/// validates.
fn documents_validate(regs: &[PathBuf], prfs: &[PathBuf]) {
    let validator = jsonschema::validator_for(&yaml::schema()).unwrap();
    for path in regs {
        let model = common::model_of(&std::fs::read(path).unwrap());
        for sort in [false, true] {
            let text = yaml::write(&model, &yaml::WriteOptions { sort }).unwrap();
            validate(&text, &path.display().to_string(), &validator);
        }
    }
    assert!(!prfs.is_empty());
    for path in prfs {
        let text = yaml::write_prf(&common::prf_model_of(&std::fs::read(path).unwrap()));
        validate(&text, &path.display().to_string(), &validator);
    }
}

#[test]
fn the_schema_rejects_what_mapiprof_rejects() {
    let validator = jsonschema::validator_for(&yaml::schema()).unwrap();
    for bad in [
        "mapiprof: 2\n",
        "mapiprof: 1\nprofile: {}\n",
        "mapiprof: 1\nsource: {format: regedit6}\n",
        "mapiprof: 1\nservices: {Service1: {service: X, setings: {}}}\n",
        "mapiprof: 1\nmappings: {omitted: []}\n",
    ] {
        let instance: serde_json::Value = serde_saphyr::from_str(bad).unwrap();
        assert!(!validator.is_valid(&instance), "{bad}");
    }
}
