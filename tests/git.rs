//! `git-setup` with real git: `git diff`, `git log -p` and `git show` print
//! the YAML view of UTF-16 `.reg` files; running it twice changes nothing.
//! Skipped (with a message) where git is not installed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

mod common;

use std::path::Path;
use std::process::Command;

use insta_cmd::get_cargo_bin;

/// Run a program in `dir` with a private HOME and git configuration.
fn run(program: &Path, args: &[&str], dir: &Path, home: &Path) -> String {
    run_with(program, args, dir, home, &[])
}

/// [`run`] with more of the environment set (`PATH`).
fn run_with(
    program: &Path,
    args: &[&str],
    dir: &Path,
    home: &Path,
    env: &[(&str, &std::ffi::OsStr)],
) -> String {
    let out = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git_available() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: git is not installed");
    }
    found
}

#[test]
fn git_shows_reg_files_as_yaml() {
    if !git_available() {
        return;
    }
    let home = common::scratch("home");
    let repo = common::scratch("repo");
    let git = Path::new("git");
    let me = get_cargo_bin("mapiprof");
    run(git, &["init", "-q"], &repo, &home);
    run(
        git,
        &["config", "user.email", "admin@example.org"],
        &repo,
        &home,
    );
    run(git, &["config", "user.name", "Admin"], &repo, &home);
    run(&me, &["git-setup"], &repo, &home);
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    let config = run(git, &["config", "--local", "--list"], &repo, &home);
    // a second run changes nothing
    run(&me, &["git-setup"], &repo, &home);
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        attributes
    );
    assert_eq!(
        run(git, &["config", "--local", "--list"], &repo, &home),
        config
    );
    assert_eq!(attributes, "*.reg diff=mapiprof\n*.prf diff=mapiprof\n");
    assert!(
        config.contains("diff.mapiprof.cachetextconv=true"),
        "{config}"
    );
    // the test's mapiprof is not on PATH: the textconv names it by path
    let textconv = format!(
        "diff.mapiprof.textconv={} show --sort --textconv",
        me.display()
    );
    assert!(config.contains(&textconv), "{config}");

    let sample = common::samples().join("reg/o2007_wms_proxy_dialog_port.reg");
    std::fs::copy(&sample, repo.join("desk42.reg")).unwrap();
    run(git, &["add", "."], &repo, &home);
    run(git, &["commit", "-qm", "export"], &repo, &home);
    run(
        &me,
        &[
            "set",
            "desk42.reg",
            "--fix-proxy-port",
            "--in-place",
            "--quiet",
        ],
        &repo,
        &home,
    );
    let diff = run(git, &["diff"], &repo, &home);
    let old = "-      RPCProxyServer: mail.example.com-44300  # 001f6622";
    let new = "+      RPCProxyServer: mail.example.com:44300  # 001f6622";
    assert!(diff.contains(old) && diff.contains(new), "{diff}");
    assert!(!diff.contains("Binary files"), "{diff}");
    // the hunk header names the section, with its label
    let header = diff.lines().find(|l| l.starts_with("@@")).unwrap();
    assert!(
        header.ends_with("@@ 13dbb0c8aa05101a9bb000aa002fc45a:  # Exchange Global Section"),
        "{header}"
    );
    run(git, &["commit", "-qam", "proxy port"], &repo, &home);
    // --stat counts the YAML view's lines, not bytes of a binary file
    let stat = run(git, &["log", "--stat", "-1"], &repo, &home);
    assert!(stat.contains("desk42.reg | 2 +-"), "{stat}");
    let log = run(git, &["log", "-p", "-1"], &repo, &home);
    assert!(log.contains(new), "{log}");
    let show = run(git, &["show", "HEAD"], &repo, &home);
    assert!(show.contains(old), "{show}");
    // a .reg mapiprof cannot read does not stop git's log: its text is shown
    std::fs::write(repo.join("broken.reg"), b"not a registry file\n").unwrap();
    run(git, &["add", "."], &repo, &home);
    run(git, &["commit", "-qm", "broken"], &repo, &home);
    std::fs::write(repo.join("broken.reg"), b"still not one\n").unwrap();
    run(git, &["commit", "-qam", "still broken"], &repo, &home);
    let log = run(git, &["log", "-p"], &repo, &home);
    assert!(log.contains("# mapiprof cannot read this file"), "{log}");
    assert!(log.contains("+still not one"), "{log}");
    assert!(log.contains(new), "the older commits are still shown");
    std::fs::remove_dir_all(&repo).unwrap();

    // --global writes the user's attributes file and configuration
    let elsewhere = common::scratch("elsewhere");
    run(&me, &["git-setup", "--global"], &elsewhere, &home);
    let global = std::fs::read_to_string(home.join(".config/git/attributes")).unwrap();
    assert_eq!(global, "*.reg diff=mapiprof\n*.prf diff=mapiprof\n");
    let config = std::fs::read_to_string(home.join(".gitconfig")).unwrap();
    assert!(config.contains("[diff \"mapiprof\"]"), "{config}");
    std::fs::remove_dir_all(&home).unwrap();
    std::fs::remove_dir_all(&elsewhere).unwrap();
}

/// When `mapiprof` on `PATH` is the program that runs `git-setup`, the
/// driver names it so, and survives the program moving with `PATH`.
#[cfg(unix)]
#[test]
fn the_driver_names_mapiprof_on_path_when_it_is_this_program() {
    if !git_available() {
        return;
    }
    let home = common::scratch("home-path");
    let repo = common::scratch("repo-path");
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(get_cargo_bin("mapiprof"), bin.join("mapiprof")).unwrap();
    run(Path::new("git"), &["init", "-q"], &repo, &home);
    let path = std::env::join_paths(
        std::iter::once(bin.clone())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    run_with(
        &bin.join("mapiprof"),
        &["git-setup"],
        &repo,
        &home,
        &[("PATH", path.as_os_str())],
    );
    let config = run(
        Path::new("git"),
        &["config", "--local", "--list"],
        &repo,
        &home,
    );
    assert!(
        config.contains("diff.mapiprof.textconv=mapiprof show --sort --textconv"),
        "{config}"
    );
    std::fs::remove_dir_all(&repo).unwrap();
    std::fs::remove_dir_all(&home).unwrap();
}
