//! Every YAML document mapiprof writes validates against `mapiprof schema`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

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
fn written_documents_validate() {
    let validator = jsonschema::validator_for(&yaml::schema()).unwrap();
    for path in common::readable_reg_files() {
        let model = common::model_of(&std::fs::read(&path).unwrap());
        for sort in [false, true] {
            let text = yaml::write(&model, &yaml::WriteOptions { sort }).unwrap();
            validate(&text, &path.display().to_string(), &validator);
        }
    }
}

#[test]
fn written_prf_documents_validate() {
    let validator = jsonschema::validator_for(&yaml::schema()).unwrap();
    let files = common::prf_files();
    assert!(!files.is_empty());
    for path in files {
        let text = yaml::write_prf(&common::prf_model_of(&std::fs::read(&path).unwrap()));
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
