//! The readable YAML document: profiles → sections → named, typed
//! properties, with the raw value name beside each.
//!
//! This is the only module that touches the YAML library (for reading; the
//! writer is ours so that layout, comments and quoting are exact).

mod emit;
mod node;
mod prf_patch;
mod prf_read;
mod prf_value;
mod prf_write;
mod read;
mod schema;
mod tree;
mod value;
mod write;

use thiserror::Error;

use crate::diag::Location;
use crate::model::Model;
use crate::prf::PrfModel;

pub use schema::schema;
pub use tree::{Y, hex_text};
pub use value::{
    Context, Shown, ValueError, parse as parse_value, resolve_name, show as show_value,
};

/// The first line of every document: tells editors where the schema is.
pub const MODELINE: &str = "yaml-language-server: $schema=mapiprof.schema.json";

/// How to write a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Sort profiles, keys and values into a canonical order instead of the
    /// source order.
    pub sort: bool,
}

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

/// Write `model` as YAML.
pub fn write(model: &Model, options: &WriteOptions) -> Result<String, YamlError> {
    write::write(model, options)
}

/// A YAML document of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A registry export (`source.format: regedit5` or `regedit4`).
    Reg(Model),
    /// A profile file (`source.format: prf`).
    Prf(PrfModel),
}

/// Read a YAML document of either kind.
pub fn read_document(text: &str) -> Result<Document, YamlError> {
    read::read(text)
}

/// Read a YAML document of a registry export.
pub fn read(text: &str) -> Result<Model, YamlError> {
    match read::read(text)? {
        Document::Reg(model) => Ok(model),
        Document::Prf(_) => Err(YamlError::Syntax(
            "this document describes a .prf file (source.format: prf), not a registry export"
                .into(),
        )),
    }
}

/// Read a partial registry document for `apply`; `root` may be left out.
pub fn read_patch(text: &str) -> Result<Model, YamlError> {
    match read::read_patch(text)? {
        Patch::Reg(model) => Ok(model),
        Patch::Prf(_) => Err(YamlError::Syntax(
            "this patch describes a .prf (source.format: prf), not a registry export".into(),
        )),
    }
}

/// A patch of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Patch {
    /// A partial registry document.
    Reg(Model),
    /// Settings of a `.prf` (`source: {format: prf}`).
    Prf(PrfPatch),
}

/// Read a patch of either kind.
pub fn read_any_patch(text: &str) -> Result<Patch, YamlError> {
    read::read_patch(text)
}

pub use prf_patch::{PatchValue, PrfPatch};

pub use read::PATCH_ROOT;

/// Write a PRF model as YAML.
pub fn write_prf(model: &PrfModel) -> String {
    prf_write::write(model)
}

/// A value written on a command line (`0x23`, `[use-http, ssl-only]`,
/// `{hex: 71 17}`, `true`) read as a YAML value.
pub fn parse_fragment(text: &str) -> Result<Y, String> {
    node::parse(text)
        .map(|node| node.to_y())
        .map_err(|e| node::syntax_message(&e))
}

/// A value on one line for change lists: `mail.example.com:44300`,
/// `[use-http, ssl-only]`, `(removed)`, `(binary, 24 bytes)`.
pub fn brief(value: &crate::reg::RegValue, ctx: &Context) -> String {
    if value.data == crate::reg::RegData::Delete {
        return "(removed)".to_owned();
    }
    compact(&show_value(value, ctx).value)
}

fn compact(y: &Y) -> String {
    match y {
        Y::Null => "null".to_owned(),
        Y::Str(text) | Y::Lit(text) => text.clone(),
        Y::Int(n) => n.to_string(),
        Y::Float(f) => f.to_string(),
        Y::Bool(b) => b.to_string(),
        Y::Hex(bytes) => tree::hex_text(bytes),
        Y::Seq(items) => format!(
            "[{}]",
            items.iter().map(compact).collect::<Vec<_>>().join(", ")
        ),
        Y::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Any serialisable value (a list of `diff` changes) as a YAML document.
pub fn to_text<T: serde::Serialize>(value: &T) -> Result<String, YamlError> {
    serde_saphyr::to_string(value).map_err(|e| YamlError::Unrepresentable(e.to_string()))
}
