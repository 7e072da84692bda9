//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mapiprof::input;
use mapiprof::model::Model;
use mapiprof::prf::PrfModel;

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

/// The corpus, or `None` after saying that the test is skipped.
pub fn corpus_or_skip() -> Option<PathBuf> {
    let found = corpus();
    if found.is_none() {
        eprintln!(
            "skipped: corpus not found (set MAPIPROF_CORPUS or place it at ../shared/corpus)"
        );
    }
    found
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

/// Every `.reg` file that should read: the samples except `err_*`, then the
/// corpus `reg/` and `misc/` files when the corpus is present.
pub fn readable_reg_files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = files(&samples().join("reg"), "reg")
        .into_iter()
        .filter(|p| !is_error_sample(p))
        .collect();
    if let Some(corpus) = corpus_or_skip() {
        out.extend(files(&corpus.join("reg"), "reg"));
        out.extend(files(&corpus.join("misc"), "reg"));
    }
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
    input::read_reg(bytes, None).unwrap().model().0
}

/// Every `.prf` file: the samples, then the corpus `prf/` files when the
/// corpus is present.
pub fn prf_files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = files(&samples().join("prf"), "prf")
        .into_iter()
        .filter(|p| !is_error_sample(p))
        .collect();
    if let Some(corpus) = corpus_or_skip() {
        out.extend(files(&corpus.join("prf"), "prf"));
    }
    out
}

/// A sample `.prf` read as the command line reads it.
pub fn prf_sample(name: &str) -> input::PrfInput {
    let bytes = std::fs::read(samples().join("prf").join(name)).unwrap();
    input::read_prf(&bytes, None).unwrap()
}

/// The settings of a `.prf` file's bytes.
pub fn prf_model_of(bytes: &[u8]) -> PrfModel {
    input::read_prf(bytes, None).unwrap().model().0
}

/// `mapiprof ARGS` run in `dir`.
pub fn mapiprof_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(insta_cmd::get_cargo_bin("mapiprof"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// `mapiprof ARGS` run in the project folder, not yet run.
pub fn mapiprof_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(insta_cmd::get_cargo_bin("mapiprof"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    cmd
}

/// A fresh, empty folder for one test, unique to this run.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mapiprof-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where every snapshot lives: `snapshots/`, named by the assertion alone.
pub fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}
