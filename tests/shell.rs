//! What mapiprof gives shells and `man`: completion scripts that load and
//! complete, manual pages that render, and a version that names its build.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::process::Command;

fn stdout(args: &[&str]) -> String {
    let out = common::mapiprof_in(&common::samples(), args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What bash's completion offers after `words` (the last one being typed).
fn bash_completes(script: &str, words: &[&str]) -> Vec<String> {
    let words_list = words.join(" ");
    let cword = words.len().saturating_sub(1);
    let program = format!(
        "{script}\nCOMP_WORDS=({words_list}); COMP_CWORD={cword}; COMP_LINE=\"{words_list}\"; \
         COMP_POINT=${{#COMP_LINE}}; _mapiprof mapiprof \"${{COMP_WORDS[$COMP_CWORD]}}\" \
         \"${{COMP_WORDS[$((COMP_CWORD-1))]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs (.ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_bash_completion_loads_and_completes_commands_and_options() {
    let script = stdout(&["completions", "bash"]);
    let commands = bash_completes(&script, &["mapiprof", "s"]);
    for wanted in ["show", "set", "schema"] {
        assert!(
            commands.iter().any(|c| c == wanted),
            "{wanted}: {commands:?}"
        );
    }
    assert!(!commands.iter().any(|c| c == "convert"), "{commands:?}");
    let options = bash_completes(&script, &["mapiprof", "set", "--dr"]);
    assert_eq!(options, ["--dry-run"]);
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, mark) in [
        ("zsh", "#compdef mapiprof"),
        ("fish", "complete -c mapiprof"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[mapiprof]"),
    ] {
        assert!(stdout(&["completions", shell]).contains(mark), "{shell}");
    }
    let out = common::mapiprof_in(&common::samples(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The page `groff -man` makes of `roff`, as plain text.
fn rendered(roff: &[u8]) -> String {
    use std::io::Write as _;
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-P-cbou"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("groff runs (.ci/run installs it)");
    groff.stdin.take().unwrap().write_all(roff).unwrap();
    let out = groff.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_manual_pages_render() {
    let page = rendered(stdout(&["man"]).as_bytes());
    assert!(page.contains("SYNOPSIS"), "{page}");
    assert!(
        page.contains("mapiprof-show(1)") || page.contains("show"),
        "{page}"
    );
    let dir = common::scratch("man");
    let out = common::mapiprof_in(&dir, &["man", "--out-dir", "."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set = rendered(&std::fs::read(dir.join("mapiprof-set.1")).unwrap());
    assert!(set.contains("mapiprof set"), "{set}");
    assert!(set.contains("--dry-run"), "{set}");
    assert!(dir.join("mapiprof.1").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_version_names_the_commit_in_a_checkout() {
    let version = stdout(&["--version"]);
    let expected = format!("mapiprof {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    if common::samples().join("../.git").exists() {
        assert!(version.contains("(commit "), "{version}");
    }
}
