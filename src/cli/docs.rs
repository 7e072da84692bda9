//! `mapiprof completions SHELL` and `mapiprof man`: what shells and `man`
//! need, generated from the same argument definitions `--help` prints.

use std::path::Path;

use anyhow::{Context, Result};

use super::io;

/// The completion script of `shell`, on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = super::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "mapiprof", &mut script);
    io::write_output(None, Path::new("-"), script.as_slice())
}

/// The manual page on stdout, or with `out_dir` one page per command
/// (`mapiprof.1`, `mapiprof-show.1`, …) written into that folder.
pub fn man(out_dir: Option<&Path>) -> Result<()> {
    let command = super::command();
    let Some(dir) = out_dir else {
        return io::write_output(None, Path::new("-"), page(&command)?.as_slice());
    };
    let mut written = 0usize;
    let mut write = |name: &str, command: &clap::Command| -> Result<()> {
        let path = dir.join(format!("{name}.1"));
        io::write_file(&path, &[], page(command)?.as_slice())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written = written.saturating_add(1);
        Ok(())
    };
    write("mapiprof", &command)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("mapiprof-{}", sub.get_name());
        // the page's title and usage name the whole command line
        let sub = sub
            .clone()
            .name(name.clone())
            .bin_name(format!("mapiprof {}", sub.get_name()));
        write(&name, &sub)?;
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{written} manual pages written to {}", dir.display());
    }
    Ok(())
}

/// One page in roff.
fn page(command: &clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    Ok(out)
}
