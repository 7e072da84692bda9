//! `mapiprof git-setup`: make git show `.reg` and `.prf` files as their YAML
//! view in `git diff`, `git log -p` and `git show`: `diff=mapiprof`
//! attributes, a cached textconv driver, hunk headers that name the
//! section (`xfuncname`), and line counts in `--stat` (`binary = false`).
//! Running it again changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};

/// The hunk header of a change in the YAML view: the nearest line above it
/// that opens a profile (two spaces in) or a section (four), with the
/// section's label (`13dbb0c8…:  # Exchange Global Section`); a `.prf`'s
/// services and sections are two spaces in, and the parts of one four
/// (`settings:`, `commented:`) are no header (the `!` line).
const XFUNCNAME: &str =
    "!^    (settings|commented|service|type|listed):\n^ {2,4}([^ #-].*:( .*)?)$";

/// The attribute lines written.
const ATTRIBUTES: [&str; 2] = ["*.reg diff=mapiprof", "*.prf diff=mapiprof"];

/// Set git up, in the current repository or with `global` for the user.
pub fn run(global: bool) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the mapiprof executable")?;
    // the name on PATH when it is this very program (it then survives a
    // reinstall elsewhere on PATH); else the absolute path
    let program = if on_path_is(&exe) {
        "mapiprof".to_owned()
    } else {
        shell_quoted(&exe)
    };
    let textconv = format!("{program} show --sort --textconv");
    let attributes = if global {
        global_attributes()?
    } else {
        let top = git(&["rev-parse", "--show-toplevel"], false).map_err(|e| {
            anyhow!("not inside a git repository ({e}); use --global for every repository")
        })?;
        PathBuf::from(top.trim()).join(".gitattributes")
    };
    let added = add_lines(&attributes)?;
    let mut changed = Vec::new();
    if added > 0 {
        changed.push(format!(
            "{} line(s) added to {}",
            added,
            attributes.display()
        ));
    }
    for (key, value) in [
        ("diff.mapiprof.textconv", textconv.as_str()),
        ("diff.mapiprof.cachetextconv", "true"),
        ("diff.mapiprof.xfuncname", XFUNCNAME),
        ("diff.mapiprof.binary", "false"),
    ] {
        let current = git(&["config", scope(global), "--get", key], false).unwrap_or_default();
        if current.trim() != value {
            git(&["config", scope(global), key, value], true)?;
            changed.push(format!("{key} = {value}"));
        }
    }
    #[allow(clippy::print_stderr)]
    {
        if changed.is_empty() {
            eprintln!("git is already set up for mapiprof");
        }
        for line in changed {
            eprintln!("{line}");
        }
    }
    Ok(())
}

fn scope(global: bool) -> &'static str {
    if global { "--global" } else { "--local" }
}

/// Run git; its stdout.
fn git(args: &[&str], must: bool) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .context("cannot run git; is it installed?")?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        if must || !message.is_empty() {
            bail!("git {}: {message}", args.join(" "));
        }
        bail!("git {} failed", args.join(" "));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The user's attributes file: `core.attributesFile`, else the XDG default.
fn global_attributes() -> Result<PathBuf> {
    if let Ok(path) = git(
        &["config", "--global", "--get", "core.attributesFile"],
        false,
    ) && !path.trim().is_empty()
    {
        let path = path.trim();
        return Ok(match path.strip_prefix("~/") {
            Some(rest) => home()?.join(rest),
            None => PathBuf::from(path),
        });
    }
    let config = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => home()?.join(".config"),
    };
    Ok(config.join("git").join("attributes"))
}

fn home() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .ok_or_else(|| anyhow!("cannot tell the home folder (HOME is not set)"))
}

/// Append the attribute lines `path` lacks; how many were added.
fn add_lines(path: &Path) -> Result<usize> {
    let current = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let missing: Vec<&str> = ATTRIBUTES
        .iter()
        .copied()
        .filter(|line| {
            !current
                .lines()
                .any(|l| l.split_whitespace().eq(line.split_whitespace()))
        })
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    super::io::write_file(path, &[], text.as_bytes())?;
    Ok(missing.len())
}

/// Whether `mapiprof` on `PATH` is the program `exe` (the first found, as
/// a shell would run it).
fn on_path_is(exe: &Path) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    let names: &[&str] = if cfg!(windows) {
        &["mapiprof.exe", "mapiprof"]
    } else {
        &["mapiprof"]
    };
    let found = std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|candidate| candidate.is_file());
    match (found.map(std::fs::canonicalize), std::fs::canonicalize(exe)) {
        (Some(Ok(a)), Ok(b)) => a == b,
        _ => false,
    }
}

/// `path` as one shell word, as git runs textconv commands through a shell.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:\\".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
