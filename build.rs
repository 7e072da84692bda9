//! Finds the shared corpus of real files and Wine for the integration
//! tests, and the git commit `--version` names; builds nothing.
//!
//! The corpus is the folder `MAPIPROF_CORPUS` names when that variable is set
//! (the only place looked at then), else `../shared/corpus` beside the
//! project. The tests read where it is from `MAPIPROF_CORPUS_DIR`. When it is
//! missing, the corpus tests are built ignored (`cfg(skip_corpus_tests)`, so
//! `cargo test` lists them as ignored, with the reason), unless `CI` is set:
//! then they run and fail, saying how to provide the corpus.
//!
//! Cargo runs this again when `MAPIPROF_CORPUS` changes, when the corpus
//! folder changes or disappears, and, while it is missing, when `CI` changes
//! or the folder beside the project that would hold it (`../shared`) does.
//! A corpus that appears at a `MAPIPROF_CORPUS` that named nothing before is
//! seen after `touch build.rs` (watching an arbitrary parent folder, such as
//! `/` or `/tmp`, would rebuild too often).

//!
//! Wine (for the test that imports `.reg` files with Wine's `regedit`) is
//! `MAPIPROF_WINE` when set, else `/usr/lib/wine/wine64`, else `wine64` or
//! `wine` on `PATH`. Without it the Wine test is built ignored
//! (`cfg(skip_wine_tests)`), unless `CI` is set: then it runs and fails. After
//! installing Wine, `touch build.rs` (or change `MAPIPROF_WINE`) to see it.
//!
//! hivex's `hivexregedit` (for the test that reads hives with a second
//! reader) is `MAPIPROF_HIVEXREGEDIT` when set, else `hivexregedit` on
//! `PATH`; without it that test is built ignored (`cfg(skip_hivex_tests)`)
//! unless `CI` is set, as for Wine.
//!
//! `MAPIPROF_VERSION` is the package version, followed by the commit it was
//! built from when built in a git checkout (`0.1.0 (commit 1a2b3c4)`).

#![allow(clippy::print_stdout, reason = "Cargo reads the build script's stdout")]

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=MAPIPROF_CORPUS");
    println!("cargo::rustc-check-cfg=cfg(skip_corpus_tests)");
    println!("cargo::rustc-check-cfg=cfg(skip_wine_tests)");
    println!("cargo::rerun-if-env-changed=MAPIPROF_WINE");
    println!("cargo::rerun-if-env-changed=CI");
    if !has_wine() && !is_set("CI") {
        println!("cargo::rustc-cfg=skip_wine_tests");
    }
    println!("cargo::rustc-check-cfg=cfg(skip_hivex_tests)");
    println!("cargo::rerun-if-env-changed=MAPIPROF_HIVEXREGEDIT");
    if !has_hivex() && !is_set("CI") {
        println!("cargo::rustc-cfg=skip_hivex_tests");
    }

    version(project_dir().as_path());

    // read when the script runs, not when it was built: a copied target
    // folder must not point the tests at the old project's corpus
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let project = Path::new(&manifest);
    let beside = project.join("../shared");
    let named = std::env::var_os("MAPIPROF_CORPUS").filter(|v| !v.is_empty());
    // a relative name is taken from the project folder, where the tests run
    let corpus = named
        .as_ref()
        .map_or_else(|| beside.join("corpus"), |dir| project.join(dir));
    println!("cargo::rustc-env=MAPIPROF_CORPUS_DIR={}", corpus.display());

    if corpus.is_dir() {
        // a folder that disappears also makes Cargo run this again
        println!("cargo::rerun-if-changed={}", corpus.display());
        return;
    }
    println!("cargo::rerun-if-env-changed=CI");
    if named.is_none() && beside.is_dir() {
        // its time changes when the corpus is placed in it
        println!("cargo::rerun-if-changed={}", beside.display());
    }
    if !is_set("CI") {
        println!("cargo::rustc-cfg=skip_corpus_tests");
    }
}

fn project_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
}

/// `MAPIPROF_VERSION`: the package version and, in a git checkout, the
/// commit (watched through `.git/HEAD` and the branch it names).
fn version(project: &Path) {
    let package = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let git = project.join(".git");
    let commit = if git.join("HEAD").is_file() {
        println!("cargo::rerun-if-changed={}", git.join("HEAD").display());
        if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
            && let Some(branch) = head.trim().strip_prefix("ref: ")
        {
            println!("cargo::rerun-if-changed={}", git.join(branch).display());
            println!(
                "cargo::rerun-if-changed={}",
                git.join("packed-refs").display()
            );
        }
        std::process::Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .current_dir(project)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|hash| hash.trim().to_owned())
            .filter(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    } else {
        None
    };
    match commit {
        Some(hash) => println!("cargo::rustc-env=MAPIPROF_VERSION={package} (commit {hash})"),
        None => println!("cargo::rustc-env=MAPIPROF_VERSION={package}"),
    }
}

/// Whether the tests can find a Wine to run (see the module documentation).
fn has_wine() -> bool {
    if let Some(named) = std::env::var_os("MAPIPROF_WINE").filter(|v| !v.is_empty()) {
        return Path::new(&named).is_file();
    }
    if Path::new("/usr/lib/wine/wine64").is_file() {
        return true;
    }
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .any(|dir| dir.join("wine64").is_file() || dir.join("wine").is_file())
    })
}

fn has_hivex() -> bool {
    if let Some(named) = std::env::var_os("MAPIPROF_HIVEXREGEDIT").filter(|v| !v.is_empty()) {
        return Path::new(&named).is_file();
    }
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.join("hivexregedit").is_file())
    })
}

/// Whether the environment variable `name` is set to something.
fn is_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}
