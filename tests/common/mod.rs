//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use mapiprof::input;
use mapiprof::model::{Model, Source};
use mapiprof::text;

/// The project's own samples folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The shared corpus of real files: `MAPIPROF_CORPUS`, else
/// `../shared/corpus` beside the project. `None` when absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("MAPIPROF_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// Files of `dir` with extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .collect();
    out.sort();
    out
}

/// Whether a sample is meant to fail (`err_*`).
pub fn is_error_sample(path: &Path) -> bool {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("err_")
}

/// Read a `.reg` file into a model, as the command line does.
pub fn model_of(bytes: &[u8]) -> Model {
    let parsed = input::read_reg(bytes, None).unwrap();
    let source = Source {
        format: parsed.document.format,
        text: parsed.format,
        codepage: match parsed.format.encoding {
            text::Encoding::CodePage(cp) => cp,
            _ => encoding_rs::WINDOWS_1252,
        },
    };
    Model::from_document(&parsed.document, source).0
}
