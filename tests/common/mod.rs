//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mapiprof::input;
use mapiprof::model::Model;
use mapiprof::prf::PrfModel;

pub mod regedit_cases;

/// `text` as Regedit exports it: UTF-16 LE with a byte-order mark.
pub fn utf16(text: &str) -> Vec<u8> {
    mapiprof::text::encode(text, &mapiprof::text::TextFormat::REGEDIT5).unwrap()
}

/// The project's own samples folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// `corpus_test!(name, { … })`: the test `name` over the shared corpus,
/// ignored with the reason when the build found no corpus (`build.rs` sets
/// `cfg(skip_corpus_tests)` then, unless `CI` is set: then it runs and fails in
/// [`corpus`]).
#[allow(unused_macros, reason = "not every test file has corpus tests")]
macro_rules! corpus_test {
    ($name:ident, $body:block) => {
        #[test]
        #[cfg_attr(
            skip_corpus_tests,
            ignore = "corpus not found: set MAPIPROF_CORPUS or place it at ../shared/corpus"
        )]
        fn $name() $body
    };
}
#[allow(unused_imports, reason = "not every test file has corpus tests")]
pub(crate) use corpus_test;

/// The shared corpus of real files, where the build script found it (or
/// looked for it: `MAPIPROF_CORPUS` when set, else `../shared/corpus`).
/// For [`corpus_test!`]s: a missing corpus fails the test here.
pub fn corpus() -> PathBuf {
    let dir = PathBuf::from(env!("MAPIPROF_CORPUS_DIR"));
    assert!(
        dir.is_dir(),
        "corpus not found at {}: set MAPIPROF_CORPUS or place it at ../shared/corpus \
         (with CI set, the corpus tests fail instead of being ignored)",
        dir.display()
    );
    dir
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

/// The `.reg` samples that should read (all but `err_*`).
pub fn reg_samples() -> Vec<PathBuf> {
    readable_samples("reg")
}

/// The corpus `.reg` files Regedit imports something from: `reg/`, then
/// `misc/`, without [`refused_corpus_reg_files`].
pub fn corpus_reg_files() -> Vec<PathBuf> {
    all_corpus_reg_files()
        .into_iter()
        .filter(|p| !is_refused(p))
        .collect()
}

/// The corpus `.reg` files whose header line goes on after the header:
/// Regedit imports nothing from them, and mapiprof refuses them.
pub fn refused_corpus_reg_files() -> Vec<PathBuf> {
    all_corpus_reg_files()
        .into_iter()
        .filter(|p| is_refused(p))
        .collect()
}

fn all_corpus_reg_files() -> Vec<PathBuf> {
    let corpus = corpus();
    let mut out = files(&corpus.join("reg"), "reg");
    out.extend(files(&corpus.join("misc"), "reg"));
    out
}

fn is_refused(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    matches!(
        input::read_reg(&bytes, None),
        Err(input::InputError::Reg(
            mapiprof::reg::ParseError::HeaderText { .. }
        ))
    )
}

/// The `.prf` samples that should read (all but `err_*`).
pub fn prf_samples() -> Vec<PathBuf> {
    readable_samples("prf")
}

/// The corpus `.prf` files.
pub fn corpus_prf_files() -> Vec<PathBuf> {
    files(&corpus().join("prf"), "prf")
}

/// The files of `samples/EXT/` with extension `ext`, except `err_*`.
fn readable_samples(ext: &str) -> Vec<PathBuf> {
    files(&samples().join(ext), ext)
        .into_iter()
        .filter(|p| !is_error_sample(p))
        .collect()
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

/// [`model_of`] with the code page given, as `--codepage` gives it: a
/// `.reg` does not hold the code page of a model written to it.
pub fn model_in(bytes: &[u8], codepage: &'static encoding_rs::Encoding) -> Model {
    input::read_reg(bytes, Some(codepage)).unwrap().model().0
}

/// A sample `.reg` (its name in `samples/reg`) as a model.
pub fn reg_sample_model(name: &str) -> Model {
    model_of(&std::fs::read(samples().join("reg").join(name)).unwrap())
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

/// Asserts that a command's output (its stdout or stderr) says each of
/// `parts`, showing the output when it does not.
#[track_caller]
pub fn assert_says(output: &[u8], parts: &[&str]) {
    let text = String::from_utf8_lossy(output);
    for part in parts {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
}

/// A fresh, empty folder for one test, unique to this run.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mapiprof-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where every snapshot lives: `snapshots/`, named by the assertion alone
/// (its explicit name, else the test's), without the test file's name. The
/// command snapshots of `check.rs` and `cli.rs` name themselves `check__…`
/// and `cli__…`, the names they were first saved under. Every test binds
/// these settings; none makes its own.
pub fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}
