//! The commands speak one language: every `--help` has an example, a flag
//! several commands share means the same in each, and every `--format`
//! offers text, yaml and json.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::collections::HashMap;

const COMMANDS: [&str; 13] = [
    "show",
    "convert",
    "set",
    "render",
    "apply",
    "retarget",
    "diff",
    "check",
    "fmt",
    "git-setup",
    "schema",
    "completions",
    "man",
];

fn help(command: &str) -> String {
    let out = common::mapiprof_in(&common::samples(), &[command, "--help"]);
    assert!(out.status.success(), "{command}");
    String::from_utf8(out.stdout).unwrap()
}

/// Each option of a help text (`--dry-run`, `-o, --output <FILE>`) with
/// its description (the lines up to the next option).
fn options(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if (2..=6).contains(&indent) && trimmed.starts_with('-') {
            let flag = trimmed
                .split(['<', ' '])
                .find(|w| w.starts_with("--"))
                .unwrap_or(trimmed)
                .to_owned();
            // a description may start on the flag's own line
            let first = trimmed
                .split_once("  ")
                .map(|(_, rest)| format!("{} ", rest.trim()))
                .unwrap_or_default();
            out.push((flag, first));
        } else if let Some((_, description)) = out.last_mut() {
            description.push_str(trimmed);
            description.push(' ');
        }
    }
    out
}

#[test]
fn every_command_shows_an_example() {
    for command in COMMANDS {
        assert!(
            help(command).contains("Example"),
            "{command} --help has no example"
        );
    }
}

#[test]
fn a_shared_flag_means_the_same_in_every_command() {
    let mut seen: HashMap<String, (String, &str)> = HashMap::new();
    for command in COMMANDS {
        for (flag, description) in options(&help(command)) {
            // what these say depends on the command by design (`--output`
            // when absent: stdout for convert, nothing for an edit)
            if [
                "--help",
                "--format",
                "--profile",
                "--outlook",
                "--sort",
                "--to",
                "--from",
                "--output",
            ]
            .contains(&flag.as_str())
            {
                continue;
            }
            // the same words but for what the files are
            let description = description
                .replace("rendered ", "")
                .replace("edited ", "")
                .replace("manual pages", "files")
                .replace(" (mapiprof.1, mapiprof-COMMAND.1), not to stdout", "")
                // wrapping may leave two spaces where one was written
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match seen.get(&flag) {
                Some((first, by)) => assert_eq!(
                    first.trim(),
                    description.trim(),
                    "{flag} in {command} and {by}"
                ),
                None => {
                    seen.insert(flag, (description, command));
                }
            }
        }
    }
    for flag in [
        "--dry-run",
        "--in-place",
        "--backup",
        "--out-dir",
        "--quiet",
        "--recursive",
        "--codepage",
        "--strict",
    ] {
        assert!(seen.contains_key(flag), "{flag} is in no command");
    }
}

#[test]
fn every_format_option_offers_text_yaml_and_json() {
    for command in COMMANDS {
        let text = help(command);
        if !text.contains("--format") {
            continue;
        }
        for value in ["- text:", "- yaml:", "- json:"] {
            assert!(text.contains(value), "{command} --format lacks {value}");
        }
    }
}
