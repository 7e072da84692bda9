//! The GitHub workflows cannot run here: they are checked to be YAML of the
//! expected shape, and to run the test command the README gives.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use serde_json::Value;

fn workflow(name: &str) -> Value {
    let path = common::samples().join("../.github/workflows").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The command the README says runs every test.
fn readme_test_command() -> String {
    let readme = std::fs::read_to_string(common::samples().join("../README.md")).unwrap();
    let after = readme.split("Run every test:").nth(1).unwrap();
    let block = after.split("```sh\n").nth(1).unwrap();
    block.lines().next().unwrap().trim().to_owned()
}

fn steps(job: &Value) -> &Vec<Value> {
    job["steps"].as_array().unwrap()
}

#[test]
fn ci_runs_the_readme_test_command_on_three_systems() {
    let ci = workflow("ci.yml");
    let test = &ci["jobs"]["test"];
    let systems: Vec<&str> = test["strategy"]["matrix"]["os"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(systems, ["ubuntu-latest", "windows-latest", "macos-latest"]);
    let command = readme_test_command();
    assert_eq!(command, "cargo test");
    let runs: Vec<&str> = steps(test)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert_eq!(runs, [command.as_str()]);
}

#[test]
fn a_release_builds_the_three_binaries_and_attaches_them() {
    let release = workflow("release.yml");
    assert_eq!(release["on"]["push"]["tags"][0], "v*");
    let build = &release["jobs"]["build"];
    let assets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["asset"].as_str().unwrap())
        .collect();
    assert_eq!(assets.len(), 3);
    let uses: Vec<&str> = steps(build)
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(
        uses.iter()
            .any(|u| u.starts_with("softprops/action-gh-release"))
    );
    let runs: Vec<&str> = steps(build)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(runs.contains(&"cargo build --release --locked"), "{runs:?}");
}
