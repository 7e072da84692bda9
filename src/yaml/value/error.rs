//! Why a YAML entry is not a registry value.

use std::fmt;

use crate::mapi::dictionary::{self, Scope};

/// Why a YAML entry is not a registry value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// A name that is not a property of this kind of section; the message
    /// suggests close names, worked out only when it is shown (readers try
    /// names in sections whose kind they do not know yet).
    UnknownProperty {
        /// The name as written.
        name: String,
        /// The section's scope.
        scope: Option<Scope>,
    },
    /// Anything else, said in full.
    Invalid(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::UnknownProperty { name, scope } => {
                let hint = match dictionary::closest(name, *scope).as_slice() {
                    [] => String::new(),
                    names => format!("did you mean {}? ", names.join(", ")),
                };
                write!(
                    f,
                    "unknown property {name:?} in this section; {hint}A value that is not a MAPI property is written with its registry type, e.g. {{sz: …}}"
                )
            }
            ValueError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ValueError {}

impl From<String> for ValueError {
    fn from(message: String) -> Self {
        ValueError::Invalid(message)
    }
}

impl From<ValueError> for String {
    fn from(error: ValueError) -> Self {
        error.to_string()
    }
}
