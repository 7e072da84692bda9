//! Why a YAML document could not be read or written: the one error type the
//! readers and writers of `yaml/` return.
//!
//! Only the type lives here; each reader says where and what went wrong.

use thiserror::Error;

use crate::diag::Location;

/// Why a YAML document could not be read or written.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum YamlError {
    /// Not YAML, e.g. an unclosed bracket (the message has line and column).
    #[error("{0}")]
    Syntax(String),
    /// Valid YAML with a wrong value, e.g. a port of 70000.
    #[error("{location}: {path}: {message}")]
    Value {
        /// Where the value is.
        location: Location,
        /// Its path, e.g. `profiles.Outlook.13dbb0c8….RPCProxyServer`.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A document the YAML form cannot hold, e.g. a key repeated after its
    /// deletion.
    #[error("cannot write as YAML: {0}")]
    Unrepresentable(String),
}
