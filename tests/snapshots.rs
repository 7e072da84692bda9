//! Snapshots of the YAML view of every sample (our YAML string, read and
//! reviewed in `snapshots/`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::yaml;

#[test]
fn yaml_view_of_every_sample() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../samples", "reg/*.reg", |path| {
            if common::is_error_sample(path) {
                return;
            }
            let bytes = std::fs::read(path).unwrap();
            let model = common::model_of(&bytes);
            let text = yaml::write(&model, &yaml::WriteOptions::default()).unwrap();
            insta::assert_snapshot!(text);
        });
    });
}
