//! The forms mapiprof reads and writes, in one table: each form's name (what
//! `--to` and `--from` take), its file extensions, a line for help text, and
//! how a file of that form is recognised by its name or its first bytes.
//!
//! Reading and writing a form is the business of [`crate::input`] and
//! [`crate::convert`]; this module only names and recognises them.

use std::fmt;
use std::path::Path;

use crate::text::{self, NoBom};

/// A form of profile data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A Regedit export or patch (`Windows Registry Editor Version 5.00` or
    /// `REGEDIT4`).
    Reg,
    /// An Outlook profile file (Office Customization Tool layout).
    Prf,
    /// mapiprof's YAML document of either a registry export or a `.prf`.
    Yaml,
    /// An offline registry hive (`NTUSER.DAT`): read only, never written.
    Hive,
}

/// The facts of one form.
struct Facts {
    name: &'static str,
    extensions: &'static [&'static str],
    description: &'static str,
    /// [`crate::input::read`] reads it.
    reads: bool,
    /// [`crate::convert::convert`] writes it.
    writes: bool,
}

impl Format {
    /// Every form, in the order help text lists them.
    pub const ALL: [Format; 4] = [Format::Reg, Format::Prf, Format::Yaml, Format::Hive];

    /// The name `--to` and `--from` take (`reg`, `yaml`, …).
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// Whether mapiprof reads files of this form.
    pub fn reads(self) -> bool {
        self.facts().reads
    }

    /// Whether mapiprof writes files of this form (and so edits them in
    /// place).
    pub fn writes(self) -> bool {
        self.facts().writes
    }

    /// The forms mapiprof reads.
    pub fn inputs() -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(|f| f.reads())
    }

    /// The forms mapiprof writes.
    pub fn outputs() -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(|f| f.writes())
    }

    /// How to change what a file of a form mapiprof only reads holds, for
    /// the error that refuses to write it (empty for the others).
    pub fn read_only_hint(self) -> &'static str {
        match self {
            Format::Hive => {
                ": a hive is only read (Windows and Outlook own it); write its profiles as a .reg with `mapiprof convert HIVE -o profiles.reg`, change that, and import it"
            }
            _ => "",
        }
    }

    /// A line for help text.
    pub fn description(self) -> &'static str {
        self.facts().description
    }

    /// The file extensions of the form, the usual one first (no dot).
    pub fn extensions(self) -> &'static [&'static str] {
        self.facts().extensions
    }

    /// The extension a file of this form is given (no dot).
    pub fn extension(self) -> &'static str {
        self.extensions().first().copied().unwrap_or(self.name())
    }

    /// The form called `name` (as [`Format::name`] gives it, any case).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The form a file's extension names, if it names one (any case).
    ///
    /// # Example
    /// ```
    /// use mapiprof::Format;
    /// assert_eq!(Format::from_path("exports/Outlook.REG".as_ref()), Some(Format::Reg));
    /// assert_eq!(Format::from_path("profile.yml".as_ref()), Some(Format::Yaml));
    /// assert_eq!(Format::from_path("notes.txt".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// The form the first bytes of a file show: a hive's `regf`, a `.reg`
    /// header (in any encoding), else a `[Section]` header before any
    /// other line (a `.prf`), else YAML.
    pub fn detect(bytes: &[u8]) -> Format {
        if crate::hive::is_hive(bytes) {
            Format::Hive
        } else if looks_like_reg(bytes) {
            Format::Reg
        } else if looks_like_prf(bytes) {
            Format::Prf
        } else {
            Format::Yaml
        }
    }

    /// The form of a file: a hive by its signature whatever its name, else
    /// its extension, else what its first bytes show.
    pub fn of(path: &Path, bytes: &[u8]) -> Format {
        if crate::hive::is_hive(bytes) {
            return Format::Hive;
        }
        match Format::from_path(path) {
            // a `.reg` or `.prf` saved as `.dat` goes by its content; any
            // other is said not to be a hive
            Some(Format::Hive) => match Format::detect(bytes) {
                Format::Yaml => Format::Hive,
                other => other,
            },
            Some(format) => format,
            None => Format::detect(bytes),
        }
    }

    fn facts(self) -> Facts {
        match self {
            Format::Reg => Facts {
                name: "reg",
                extensions: &["reg"],
                description: "A Regedit export or patch",
                reads: true,
                writes: true,
            },
            Format::Prf => Facts {
                name: "prf",
                extensions: &["prf"],
                description: "An Outlook profile file",
                reads: true,
                writes: true,
            },
            Format::Yaml => Facts {
                name: "yaml",
                extensions: &["yaml", "yml"],
                description: "The mapiprof YAML document",
                reads: true,
                writes: true,
            },
            Format::Hive => Facts {
                name: "hive",
                extensions: &["dat", "man"],
                description: "An offline registry hive such as NTUSER.DAT or NTUSER.MAN (read only)",
                reads: true,
                writes: false,
            },
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `bytes` start like a `.reg` file (after any byte-order mark).
fn looks_like_reg(bytes: &[u8]) -> bool {
    let text = head(bytes, 256);
    text.starts_with(crate::reg::Format::Regedit5.header())
        || text.starts_with(crate::reg::Format::Regedit4.header())
}

/// Whether `bytes` look like a `.prf`: the first line that is neither blank
/// nor a comment is a `[Section]` header (a YAML document starts with a key).
fn looks_like_prf(bytes: &[u8]) -> bool {
    let text = head(bytes, 4096);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with([';', '\'', '#']))
        .is_some_and(|l| l.starts_with('[') && !looks_like_reg(bytes))
}

/// The first `limit` bytes of a file as text, whatever its encoding.
fn head(bytes: &[u8], limit: usize) -> String {
    // An even-length prefix keeps UTF-16 whole; a cut UTF-8 sequence at the
    // end is dropped by the lossy fallback.
    let head = bytes.get(..bytes.len().min(limit) & !1).unwrap_or(bytes);
    let text = match text::decode(head, NoBom::Utf8) {
        Ok(decoded) => decoded.text,
        Err(_) => String::from_utf8_lossy(head).into_owned(),
    };
    text.trim_start_matches('\u{feff}').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_their_first_bytes_in_any_encoding() {
        assert_eq!(Format::detect(b"REGEDIT4\r\n"), Format::Reg);
        assert_eq!(
            Format::detect(b";comment\r\n\r\n[General]\r\nCustom=1\r\n"),
            Format::Prf
        );
        assert_eq!(Format::detect(b"mapiprof: 1\n"), Format::Yaml);
        assert_eq!(
            Format::detect(b"REGEDIT4\r\n[HKEY_CURRENT_USER\\X]\r\n"),
            Format::Reg
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Windows Registry Editor Version 5.00\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(Format::detect(&utf16), Format::Reg);
    }

    #[test]
    fn an_extension_wins_over_the_content() {
        let path = Path::new("x.yaml");
        assert_eq!(Format::of(path, b"REGEDIT4\r\n"), Format::Yaml);
        assert_eq!(Format::of(Path::new("x"), b"REGEDIT4\r\n"), Format::Reg);
        assert_eq!(Format::of(Path::new("x.txt"), b"[General]\n"), Format::Prf);
    }

    #[test]
    fn every_form_has_a_name_an_extension_and_a_line_of_help() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
            let file = format!("file.{}", format.extension());
            assert_eq!(Format::from_path(Path::new(&file)), Some(format));
            assert!(!format.description().is_empty());
        }
        assert_eq!(Format::from_name("YAML"), Some(Format::Yaml));
        assert_eq!(Format::from_name("json"), None);
    }
}
