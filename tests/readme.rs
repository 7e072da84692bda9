//! The README's two commands are the ones that work: the main job on a file
//! that exists in `samples/`, and the test command that CI runs.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The commands of the `sh` blocks of the "Quick start" section.
fn quick_start_commands() -> Vec<String> {
    let readme = read("README.md");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Quick start"))
        .unwrap();
    section
        .split("```sh\n")
        .skip(1)
        .flat_map(|block| block.split("```").next().unwrap().lines())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_readme_has_exactly_two_commands_and_the_sample_exists() {
    let commands = quick_start_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let sample = commands[0]
        .strip_prefix("cargo run --release -- show ")
        .unwrap();
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(sample).is_file());
    assert_eq!(commands[1], "cargo test");
}

#[test]
fn ci_runs_the_readme_test_command() {
    let commands = quick_start_commands();
    let ci = read(".ci/run");
    assert!(
        ci.lines().any(|line| line.trim() == commands[1]),
        ".ci/run does not run `{}`",
        commands[1]
    );
}
