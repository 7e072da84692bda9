//! The PRF laws on every sample and corpus `.prf`: the YAML view reads back
//! to the same model; PRF → YAML → PRF keeps every setting (the YAML of the
//! written file equals the YAML of the original, apart from the line ends it
//! records); the written file is OCT-shaped and reads without warnings.
#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stderr, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::{input, prf, yaml};

fn prf_files() -> Vec<PathBuf> {
    let mut files = common::files(&common::samples().join("prf"), "prf");
    if let Some(corpus) = common::corpus_or_skip() {
        files.extend(common::files(&corpus.join("prf"), "prf"));
    }
    files
}

/// The YAML view without its `source:` line.
fn settings_view(yaml: &str) -> String {
    yaml.lines()
        .filter(|l| !l.starts_with("source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn prf_yaml_prf_keeps_every_setting() {
    let files = prf_files();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let (model, _) = input::read_prf(&bytes, None).unwrap().model();
        let shown = yaml::write_prf(&model);

        // YAML → model → YAML is the identity
        let back = match yaml::read_document(&shown) {
            Ok(yaml::Document::Prf(m)) => m,
            other => panic!("{name}: {other:?}\n{shown}"),
        };
        assert_eq!(yaml::write_prf(&back), shown, "{name}");

        // model → .prf → model: the same settings
        let written = prf::to_bytes(&back).unwrap();
        let reread = input::read_prf(&written, None).unwrap();
        assert!(
            reread.parsed.warnings.is_empty(),
            "{name}: {:?}",
            reread.parsed.warnings
        );
        assert!(reread.text.starts_with(prf::SIGNATURE), "{name}");
        assert!(
            !reread.text.replace("\r\n", "").contains('\n'),
            "{name}: CRLF only"
        );
        let (again, warnings) = reread.model();
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(
            settings_view(&yaml::write_prf(&again)),
            settings_view(&shown),
            "{name}"
        );

        // the written file is stable
        assert_eq!(prf::to_bytes(&again).unwrap(), written, "{name}");
    }
}
