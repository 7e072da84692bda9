//! The placeholders: one per original, numbered per kind in the order met
//! (`host1.example.invalid`, `C:\redacted\path2.pst`), and their forms
//! fitted to the length of an original inside binary data.

use std::collections::HashMap;

/// What an original is; says what its placeholder looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An e-mail address: `user1@example.invalid`.
    Email,
    /// A host name: `host1.example.invalid`.
    Host,
    /// A user or mailbox name: `user1`.
    User,
    /// A file or folder path: `C:\redacted\path1.pst`.
    Path,
    /// A profile name: `profile1`.
    Profile,
    /// An account name: `account1`.
    Account,
    /// A display name: `name1`.
    Name,
    /// Any other text: `text1`.
    Text,
}

impl Kind {
    const ALL: [Kind; 8] = [
        Kind::Email,
        Kind::Host,
        Kind::User,
        Kind::Path,
        Kind::Profile,
        Kind::Account,
        Kind::Name,
        Kind::Text,
    ];

    /// The `n`th placeholder of this kind for `original`.
    fn make(self, n: usize, original: &str) -> String {
        match self {
            Kind::Email => format!("user{n}@example.invalid"),
            Kind::Host => format!("host{n}.example.invalid"),
            Kind::User => format!("user{n}"),
            Kind::Path => format!("C:\\redacted\\path{n}{}", extension(original)),
            Kind::Profile => format!("profile{n}"),
            Kind::Account => format!("account{n}"),
            Kind::Name => format!("name{n}"),
            Kind::Text => format!("text{n}"),
        }
    }
}

/// The extension of a path's file (`.pst`), kept so the placeholder still
/// says what kind of file it was.
fn extension(path: &str) -> String {
    let file = path.rsplit(['\\', '/']).next().unwrap_or(path);
    file.rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.len() <= 4 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default()
}

/// One original and its placeholder.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    /// The text as met.
    pub original: String,
    /// What replaces it.
    pub placeholder: String,
}

/// The placeholders given so far.
#[derive(Debug, Default)]
pub(super) struct Placeholders {
    /// In the order met.
    seen: Vec<Seen>,
    /// Original (ASCII letters folded) → its place in `seen`.
    index: HashMap<String, usize>,
    /// How many of each kind, in the order of `Kind::ALL`.
    counts: [usize; 8],
}

impl Placeholders {
    /// The placeholder of `original`: the one it already has, else the next
    /// of `kind`. Originals that differ only in the case of ASCII letters
    /// are one original (host, user and file names ignore case).
    pub fn get(&mut self, original: &str, kind: Kind) -> String {
        if let Some(known) = self.known(original) {
            return known.to_owned();
        }
        let slot = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let n = match self.counts.get_mut(slot) {
            Some(count) => {
                *count = count.saturating_add(1);
                *count
            }
            None => 0,
        };
        let placeholder = kind.make(n, original);
        self.index
            .insert(original.to_ascii_lowercase(), self.seen.len());
        self.seen.push(Seen {
            original: original.to_owned(),
            placeholder: placeholder.clone(),
        });
        placeholder
    }

    /// The placeholder `original` already has.
    pub fn known(&self, original: &str) -> Option<&str> {
        let at = *self.index.get(&original.to_ascii_lowercase())?;
        self.seen.get(at).map(|s| s.placeholder.as_str())
    }

    /// Every original so far, in the order met.
    pub fn seen(&self) -> &[Seen] {
        &self.seen
    }
}

/// `placeholder` made exactly `len` characters long, to take the place of
/// an original of that length inside binary data: padded with `_` before
/// the final extension (`host1.example____.invalid`,
/// `C:\redacted\path1____.pst`); when it is too long, first without its
/// `redacted\` or `example.` part (`C:\path1.pst`, `host1.invalid`), then
/// cut.
pub(super) fn fit(placeholder: &str, len: usize) -> String {
    let candidates = [
        placeholder.to_owned(),
        placeholder.replacen("redacted\\", "", 1),
        placeholder.replacen("example.", "", 1),
    ];
    match candidates.iter().find(|c| c.chars().count() <= len) {
        Some(fits) => pad(fits, len),
        None => candidates
            .iter()
            .min_by_key(|c| c.len())
            .map(|c| c.chars().take(len).collect())
            .unwrap_or_default(),
    }
}

/// `text` padded with `_` to `len` characters, before its final extension.
fn pad(text: &str, len: usize) -> String {
    let padding = "_".repeat(len.saturating_sub(text.chars().count()));
    let file_start = text.rfind('\\').map_or(0, |i| i.saturating_add(1));
    let dot = text
        .get(file_start..)
        .and_then(|file| file.rfind('.'))
        .and_then(|i| i.checked_add(file_start));
    match dot.and_then(|i| Some((text.get(..i)?, text.get(i..)?))) {
        Some((stem, ext)) => format!("{stem}{padding}{ext}"),
        None => format!("{text}{padding}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_original_one_placeholder() {
        let mut p = Placeholders::default();
        assert_eq!(
            p.get("Mail.Example.com", Kind::Host),
            "host1.example.invalid"
        );
        assert_eq!(
            p.get("mail.example.com", Kind::Text),
            "host1.example.invalid"
        );
        assert_eq!(
            p.get(r"D:\Mail\Archive.PST", Kind::Path),
            r"C:\redacted\path1.PST"
        );
        assert_eq!(p.get("Jane", Kind::Name), "name1");
        assert_eq!(p.get("Home", Kind::Profile), "profile1");
        assert_eq!(p.known("JANE"), Some("name1"));
        assert_eq!(p.known("nobody"), None);
        assert_eq!(p.seen().len(), 4);
    }

    #[test]
    fn fitted_to_a_length() {
        assert_eq!(
            fit("C:\\redacted\\path1.pst", 25),
            "C:\\redacted\\path1____.pst"
        );
        assert_eq!(fit("host1.example.invalid", 23), "host1.example__.invalid");
        assert_eq!(fit("user1", 8), "user1___");
        assert_eq!(fit("C:\\redacted\\path1", 18), "C:\\redacted\\path1_");
        assert_eq!(fit("C:\\redacted\\path1.pst", 14), "C:\\path1__.pst");
        assert_eq!(fit("host1.example.invalid", 15), "host1__.invalid");
        assert_eq!(fit("user1@example.invalid", 16), "user1@invalid___");
        assert_eq!(fit("user1@example.invalid", 7), "user1@i");
        assert_eq!(fit("text1", 5), "text1");
    }
}
