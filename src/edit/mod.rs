//! Edits that keep a file's format: `NAME=VALUE` assignments, removals and
//! the proxy-port repair applied to a `.reg` (only the changed values' lines
//! are rewritten, wrapped as Regedit wraps them), a `.prf` (only the changed
//! line; a commented-out setting is switched on in place) or a YAML document
//! (rewritten through the model).
//!
//! The edit decides where a property goes from the model; the text layer
//! and the files are the caller's business.

mod apply;
mod operation;
mod plan;
mod prf_file;
mod reg_file;
mod retarget;
mod rewrite;
mod value;
pub use value::{check_value, lint_value};
mod yaml_file;

use thiserror::Error;

use crate::{prf, reg, yaml};

pub use apply::{apply_reg, apply_yaml};
pub use operation::Operation;
pub use prf_file::{apply_prf, set_prf};
pub use reg_file::set_reg;
pub use retarget::{Retarget, retarget_reg, retarget_yaml};
pub use rewrite::{
    HostMap, PathMap, Rewrite, Used, host_pair, new_findings, pair, path_pair, profile_pair,
    rewrite_prf, rewrite_reg, rewrite_yaml,
};
pub use yaml_file::{set_yaml, via_prf};

/// One change asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignment {
    /// `NAME=VALUE`: a property name (`RPCProxyServer`), a raw value name
    /// (`001f6622`), an account value (`SMTP Port`) or a `.prf` key.
    Set {
        /// The name as given.
        name: String,
        /// The value as given; parsed by the property's type.
        value: String,
    },
    /// `--unset NAME`: remove the value (`"name"=-` in a `.reg`, the line
    /// commented out in a `.prf`).
    Unset {
        /// The name as given.
        name: String,
    },
}

impl Assignment {
    /// Read `NAME=VALUE`.
    pub fn parse(text: &str) -> Result<Assignment, EditError> {
        match text.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => Ok(Assignment::Set {
                name: name.trim().to_owned(),
                value: value.to_owned(),
            }),
            _ => Err(EditError::Syntax(text.to_owned())),
        }
    }

    /// The name the assignment is about.
    pub fn name(&self) -> &str {
        match self {
            Assignment::Set { name, .. } | Assignment::Unset { name } => name,
        }
    }
}

/// Where edits apply and what they may do.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// The assignments, in order.
    pub assignments: Vec<Assignment>,
    /// Only this profile (case-insensitive).
    pub profile: Option<String>,
    /// Only this section: its key name (UID), a `.prf` section name, or its
    /// label (`Exchange Global Section`).
    pub section: Option<String>,
    /// Create a property that no section holds yet, where it belongs.
    pub create: bool,
    /// Rewrite an RPC proxy typed the dialog way (`host-44300`) as
    /// `host:44300`; other values stay as they are.
    pub fix_proxy_port: bool,
}

/// The new text and what changed, one line per value for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The whole new text (same encoding decisions as the input's).
    pub text: String,
    /// `Outlook/13dbb0c8…/001f6622: mail.example.com-44300 → mail.example.com:44300`.
    /// A line that starts with [`NOTE`] says something about the file and
    /// changes nothing (a value left alone and why).
    pub changes: Vec<String>,
    /// How to write the text when not as the input was written (`fmt
    /// --encoding`).
    pub format: Option<crate::text::TextFormat>,
}

/// The start of a line of [`Edited::changes`] that changes nothing.
pub const NOTE: &str = "note: ";

/// Whether any line of `changes` (see [`Edited::changes`]) is a change,
/// not a note.
pub fn changes_anything(changes: &[String]) -> bool {
    changes.iter().any(|c| !c.starts_with(NOTE))
}

/// Why an edit cannot be made.
#[derive(Debug, Error)]
pub enum EditError {
    /// An assignment without `=`, e.g. `RPCProxyServer`.
    #[error("{0:?} is not NAME=VALUE")]
    Syntax(String),
    /// A name no section knows, e.g. `RPCProxyServr`.
    #[error("unknown name {name:?}{}", suggest(.suggestions))]
    UnknownName {
        /// The name as given.
        name: String,
        /// Known names close to it.
        suggestions: Vec<String>,
    },
    /// A known property that no section of the file holds, without `--create`.
    #[error("no section holds {0}; --create adds it where it belongs")]
    Absent(String),
    /// `--create` for a property whose place is not known, e.g. a raw name.
    #[error("cannot tell where {0} belongs; name the section with --section")]
    NoPlace(String),
    /// `--create` for a `.prf` setting whose mapping block in the file has
    /// no line for it (Outlook would drop the setting), and no built-in
    /// table has one to add.
    #[error(
        "the file's [{block}] mapping block has no line for {key}, so Outlook would drop the setting, and mapiprof knows no line to add; add one (e.g. {key}=PT_UNICODE,0x…) to [{block}]"
    )]
    Unmapped {
        /// The mapping block.
        block: String,
        /// The setting.
        key: String,
    },
    /// A value that does not fit the property, e.g. `TCPExchangePort=70000`.
    #[error("{name}: {why}")]
    Value {
        /// Where: profile/section/name.
        name: String,
        /// What is wrong (its text is in the message).
        why: Box<BadValue>,
    },
    /// `--profile` or `--section` that matches nothing in the file.
    #[error("{0}")]
    NoMatch(String),
    /// A file of a form mapiprof reads but does not write, e.g. what a
    /// reader of offline hives would give.
    #[error("mapiprof does not write {0} files, so it cannot edit them{hint}", hint = .0.read_only_hint())]
    NotWritten(crate::Format),
    /// `retarget` on a `.prf`, which names no registry key.
    #[error("a .prf has no registry root; retarget works on .reg files and their YAML")]
    NoRegistryRoot,
    /// A patch of the other kind, e.g. a `.prf` patch for a `.reg` file.
    #[error("{patch} cannot be applied to {file}")]
    WrongPatch {
        /// The patch's kind: "a .prf patch" or "a registry patch".
        patch: &'static str,
        /// The file's kind.
        file: &'static str,
    },
    /// The edited `.reg` text cannot be written, e.g. a string value with a
    /// line break.
    #[error(transparent)]
    Write(#[from] reg::WriteError),
    /// The edited YAML document cannot be written, e.g. a key repeated
    /// after its deletion.
    #[error(transparent)]
    Yaml(#[from] yaml::YamlError),
    /// The `.prf` a YAML document of a `.prf` describes cannot be written,
    /// e.g. a value with a line break.
    #[error(transparent)]
    Prf(#[from] prf::WriteError),
    /// That `.prf` does not read back, e.g. a value holding a NUL, which
    /// reads as a binary file.
    #[error(transparent)]
    ReadBack(crate::input::InputError),
    /// `fmt` cannot tidy the file as asked, e.g. a `.reg` in UTF-8.
    #[error(transparent)]
    Format(Box<crate::convert::ConvertError>),
}

impl EditError {
    /// [`EditError::Value`] for the value at `name`.
    pub fn value(name: impl Into<String>, why: impl Into<BadValue>) -> EditError {
        EditError::Value {
            name: name.into(),
            why: Box::new(why.into()),
        }
    }
}

/// Why a value cannot be set.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BadValue {
    /// Not a YAML value, e.g. `[use-http, ssl-only` for a list of flags.
    #[error(transparent)]
    Syntax(#[from] yaml::YamlError),
    /// Nothing for a property that is not text, e.g. `TCPExchangePort=`.
    #[error("no value given (use --unset to remove a value)")]
    Missing,
    /// A value the property does not take, e.g. `70000` for a port, or a
    /// name no section knows.
    #[error(transparent)]
    Property(#[from] yaml::ValueError),
    /// A `.prf` patch value that is not a setting, e.g. a list.
    #[error(transparent)]
    Patch(#[from] yaml::PrfValueError),
    /// A `.prf` setting its mapping's type refuses, e.g. `70000` for a
    /// `PT_I2` port.
    #[error(transparent)]
    Setting(#[from] crate::model::SettingError),
    /// A `.prf` key or value with a line break or NUL, which would start a
    /// new line.
    #[error("a .prf line cannot hold a line break or NUL")]
    LineBreak,
    /// A `rewrite` mapping that is not `OLD=NEW`, e.g. `--map-path H:`.
    #[error("{0}")]
    Rewrite(String),
    /// A new profile name that cannot name a key, e.g. `a\b` or nothing.
    #[error("{0:?} cannot be a profile name")]
    ProfileName(String),
}

fn suggest(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_are_name_equals_value() {
        assert_eq!(
            Assignment::parse("RPCProxyServer=mail.example.com:44300").unwrap(),
            Assignment::Set {
                name: "RPCProxyServer".into(),
                value: "mail.example.com:44300".into()
            }
        );
        assert_eq!(
            Assignment::parse("SMTP Port=587").unwrap().name(),
            "SMTP Port"
        );
        assert!(Assignment::parse("RPCProxyServer").is_err());
        assert!(Assignment::parse("=1").is_err());
    }
}
