//! The readable YAML document: profiles → sections → named, typed
//! properties, with the raw value name beside each.
//!
//! This is the only module that touches the YAML library (for reading; the
//! writer is ours so that layout, comments and quoting are exact).

mod emit;
pub use emit::scalar;
mod error;
mod head;
mod node;
mod prf_patch;
mod prf_read;
mod prf_value;
mod prf_write;
mod read;
mod schema;
mod schema_props;
mod tree;
mod value;
mod write;

use crate::model::Model;
use crate::prf::PrfModel;

pub use error::YamlError;
pub use head::MODELINE;
pub use prf_patch::{PatchValue, PrfPatch};
pub use prf_value::PrfValueError;
pub use read::{Document, PATCH_ROOT, Patch};
pub use schema::schema;
pub use tree::{Y, hex_text};
pub use value::{
    Context, FormError, ShapeError, Shown, StoredAs, ValueError, parse as parse_value,
    resolve_name, show as show_value,
};
pub use write::WriteOptions;

/// Write `model` as YAML.
pub fn write(model: &Model, options: &WriteOptions) -> Result<String, YamlError> {
    write::write(model, options)
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
/// (The warnings of [`read_any_patch`] about `null` are dropped.)
pub fn read_patch(text: &str) -> Result<Model, YamlError> {
    match read::read_patch(text)?.0 {
        Patch::Reg(model) => Ok(model),
        Patch::Prf(_) => Err(YamlError::Syntax(
            "this patch describes a .prf (source.format: prf), not a registry export".into(),
        )),
    }
}

/// Read a patch of either kind, with warnings about what it spells in an
/// old way (`null` for a deletion).
pub fn read_any_patch(text: &str) -> Result<(Patch, Vec<crate::diag::Warning>), YamlError> {
    read::read_patch(text)
}

/// Write a PRF model as YAML.
pub fn write_prf(model: &PrfModel) -> String {
    prf_write::write(model)
}

/// [`write_prf`] to `w` a piece at a time: the same text, never held whole.
pub fn write_prf_to(model: &PrfModel, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    prf_write::write_to(model, w)
}

/// A value written on a command line (`0x23`, `[use-http, ssl-only]`,
/// `{hex: 71 17}`, `true`) read as a YAML value; not YAML is a
/// [`YamlError::Syntax`].
pub fn parse_fragment(text: &str) -> Result<Y, YamlError> {
    node::parse(text).map(|node| node.to_y())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_yaml_values_and_bad_ones_syntax_errors() {
        assert_eq!(
            parse_fragment("[use-http, 0x23]"),
            Ok(Y::Seq(vec![Y::Str("use-http".into()), Y::Int(0x23)]))
        );
        let Err(YamlError::Syntax(message)) = parse_fragment("{hex: [") else {
            panic!("not a syntax error")
        };
        assert!(message.starts_with("1:"), "{message}");
    }
}
