//! Errors as the command line shows them. The library's typed errors are
//! kept whole, with their causes; the command line adds which file an error
//! is about ([`InFile`]), and prints `error: FILE: what` followed by a
//! `caused by:` line for each cause.

use std::fmt;

/// An error about one file, shown as `FILE: error`.
#[derive(Debug)]
pub struct InFile {
    name: String,
    error: anyhow::Error,
}

impl fmt::Display for InFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl std::error::Error for InFile {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.error.as_ref())
    }
}

/// Naming the file a result's error is about.
pub trait FileContext<T> {
    /// The error, if any, as one about the file shown as `name`.
    fn in_file(self, name: &str) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> FileContext<T> for Result<T, E> {
    fn in_file(self, name: &str) -> anyhow::Result<T> {
        self.map_err(|e| {
            anyhow::Error::new(InFile {
                name: name.to_owned(),
                error: e.into(),
            })
        })
    }
}

/// The lines printed for `err`: `error: …`, then `caused by: …`.
pub fn lines(err: &anyhow::Error) -> Vec<String> {
    messages(err)
        .into_iter()
        .enumerate()
        .map(|(i, message)| {
            let label = if i == 0 { "error" } else { "caused by" };
            format!("{label}: {message}")
        })
        .collect()
}

/// `err` on one line (for a batch's list of failed files): its messages
/// joined by `: `.
pub fn one_line(err: &anyhow::Error) -> String {
    messages(err).join(": ")
}

/// A message as a terminal may show it: control and text-direction
/// characters made visible (a name in it cannot drive the terminal), line by
/// line (a message may list several failures).
fn shown(message: &str) -> String {
    message
        .split('\n')
        .map(mapiprof::text::visible)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The messages of `err` and its causes, each with the files it is about
/// in front. (The library's errors either say their cause's text or give it
/// as the cause, never both, so no line repeats another.)
fn messages(err: &anyhow::Error) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut files = String::new();
    for cause in err.chain() {
        if let Some(file) = cause.downcast_ref::<InFile>() {
            files.push_str(&file.name);
            files.push_str(": ");
            continue;
        }
        out.push(shown(&format!("{files}{cause}")));
        files.clear();
    }
    if !files.is_empty() {
        // nothing after the file names (cannot happen: an InFile has a source)
        out.push(files.trim_end_matches(": ").to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(text: &str) -> std::io::Error {
        std::io::Error::other(text.to_owned())
    }

    #[test]
    fn the_file_goes_in_front_of_its_error() {
        let err = Err::<(), _>(io("bad byte")).in_file("a.reg").unwrap_err();
        assert_eq!(lines(&err), ["error: a.reg: bad byte"]);
        assert_eq!(one_line(&err), "a.reg: bad byte");
    }

    #[test]
    fn every_cause_follows_even_one_a_file_name_holds() {
        let err = anyhow::Error::new(io("denied")).context("cannot read a.reg");
        assert_eq!(
            lines(&err),
            ["error: cannot read a.reg", "caused by: denied"]
        );
        assert_eq!(one_line(&err), "cannot read a.reg: denied");

        let named = "denied.reg";
        let err = anyhow::Error::new(io("denied")).context(format!("cannot read {named}"));
        assert_eq!(
            lines(&err),
            ["error: cannot read denied.reg", "caused by: denied"]
        );
    }
}
