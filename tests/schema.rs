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

/// An editor completes the names and tells what each is.
#[test]
fn the_schema_knows_the_properties() {
    let schema = yaml::schema();
    let properties = &schema["$defs"]["profile_key"]["properties"];
    for name in [
        "RPCProxyServer",
        "TCPExchangePort",
        "RPCoverHTTPflags",
        "Leave on Server",
    ] {
        assert!(properties.get(name).is_some(), "{name}");
    }
    let port = properties["TCPExchangePort"]["description"]
        .as_str()
        .unwrap();
    assert!(port.contains("0002662c"), "{port}");
    let validator = jsonschema::validator_for(&schema).unwrap();
    for good in [
        "mapiprof: 1\nprofiles: {P: {x: {TCPExchangePort: 6001, RPCoverHTTPflags: [use-http, 0x40], RPCProxyAuthScheme: ntlm}}}\n",
        "mapiprof: 1\nprofiles: {P: {x: {TCPExchangePort: {hex: 71 17}, MailboxName: {delete: true}}}}\n",
    ] {
        let instance: serde_json::Value = serde_saphyr::from_str(good).unwrap();
        assert!(validator.is_valid(&instance), "{good}");
    }
}

#[test]
fn the_schema_rejects_what_mapiprof_rejects() {
    let validator = jsonschema::validator_for(&yaml::schema()).unwrap();
    // the error sample that is a schema error
    let sample =
        std::fs::read_to_string(common::samples().join("yaml/err_port_out_of_range.yaml")).unwrap();
    let instance: serde_json::Value = serde_saphyr::from_str(&sample).unwrap();
    assert!(!validator.is_valid(&instance), "err_port_out_of_range.yaml");
    for bad in [
        "mapiprof: 2\n",
        "mapiprof: 1\nprofile: {}\n",
        "mapiprof: 1\nsource: {format: regedit6}\n",
        "mapiprof: 1\nservices: {Service1: {service: X, setings: {}}}\n",
        "mapiprof: 1\nmappings: {omitted: []}\n",
        // a port out of range, an unknown flag, text for a boolean, a UID
        // too short, a Leave on Server list
        "mapiprof: 1\nprofiles: {P: {13dbb0c8aa05101a9bb000aa002fc45a: {TCPExchangePort: 70000}}}\n",
        "mapiprof: 1\nprofiles: {P: {13dbb0c8aa05101a9bb000aa002fc45a: {RPCoverHTTPflags: [use-http, ssl-always]}}}\n",
        "mapiprof: 1\nprofiles: {P: {x: {PR_DEFAULT_STORE: maybe}}}\n",
        "mapiprof: 1\nprofiles: {P: {x: {PR_SERVICE_UID: 0102}}}\n",
        "mapiprof: 1\nprofiles: {P: {x: {RPCProxyAuthScheme: kerberos}}}\n",
    ] {
        let instance: serde_json::Value = serde_saphyr::from_str(bad).unwrap();
        assert!(!validator.is_valid(&instance), "{bad}");
    }
}
