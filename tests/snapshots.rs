//! Snapshots of the YAML view of every sample (our YAML string, read and
//! reviewed in `snapshots/`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::yaml;

#[test]
fn yaml_view_of_every_sample() {
    common::snapshots().bind(|| {
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

#[test]
fn yaml_view_of_every_prf_sample() {
    common::snapshots().bind(|| {
        insta::glob!("../samples", "prf/*.prf", |path| {
            if common::is_error_sample(path) {
                return;
            }
            let model = common::prf_model_of(&std::fs::read(path).unwrap());
            insta::assert_snapshot!(yaml::write_prf(&model));
        });
    });
}

/// The OCT-style file written from a sample's model: the KB 833799 ports
/// file (some ports on, some off) and the Office 2013 POP3 and PST file.
#[test]
fn prf_written_from_samples() {
    common::snapshots().bind(|| {
        for name in [
            "kb833799_static_ports_outlook2003.prf",
            "oct2013_pop3_unicode_pst_utf8bom_dupes.prf",
        ] {
            let model = common::prf_sample(name).model().0;
            let text = mapiprof::prf::write(&model).unwrap().replace("\r\n", "\n");
            insta::assert_snapshot!(format!("written_{name}"), text);
        }
    });
}

/// The YAML of every sample hive: its Outlook profiles as a `.reg` export
/// of them would show.
#[test]
fn yaml_view_of_every_hive_sample() {
    common::snapshots().bind(|| {
        insta::glob!("../samples", "hive/*.dat", |path| {
            let bytes = std::fs::read(path).unwrap();
            let doc =
                mapiprof::input::read(bytes, mapiprof::Format::Hive, &Default::default()).unwrap();
            let (profiles, _) = doc.into_profiles();
            let mapiprof::input::Profiles::Registry(model) = profiles else {
                panic!("a hive holds registry profiles");
            };
            insta::assert_snapshot!(yaml::write(&model, &yaml::WriteOptions::default()).unwrap());
        });
    });
}
