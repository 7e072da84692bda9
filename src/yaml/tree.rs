//! A small YAML value tree shared by the writer and the value converters.

/// A YAML value as mapiprof writes and reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Y {
    /// `null` / `~`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// Bytes, written as space-separated hex (read back as a string).
    Hex(Vec<u8>),
    /// A scalar written as given: a number, e.g. `0x80000000` (read back as
    /// an integer), or a boolean spelt as a file spells it, e.g. `FALSE`
    /// (read back as a boolean).
    Lit(String),
    /// A sequence.
    Seq(Vec<Y>),
    /// A mapping, in order.
    Map(Vec<(String, Y)>),
}

impl Y {
    /// What a YAML reader makes of this value once written.
    pub fn as_read(&self) -> Y {
        match self {
            Y::Hex(bytes) => Y::Str(hex_text(bytes)),
            Y::Lit(text) => match text.as_str() {
                "true" | "True" | "TRUE" => Y::Bool(true),
                "false" | "False" | "FALSE" => Y::Bool(false),
                _ => parse_int(text).map_or_else(|| Y::Str(text.clone()), Y::Int),
            },
            Y::Seq(items) => Y::Seq(items.iter().map(Y::as_read).collect()),
            Y::Map(entries) => Y::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_read()))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// A one-entry mapping.
    pub fn tagged(key: &str, value: Y) -> Y {
        Y::Map(vec![(key.to_owned(), value)])
    }
}

/// Bytes as lowercase hex pairs separated by spaces.
pub fn hex_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(3));
    hex_into(&mut out, bytes);
    out
}

/// Append bytes as lowercase hex pairs separated by spaces.
pub(super) fn hex_into(out: &mut String, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        crate::mapi::push_hex(out, b);
    }
}

use crate::mapi::parse_int;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let bytes = [0, 0xab, 1];
        assert_eq!(hex_text(&bytes), "00 ab 01");
        assert_eq!(
            crate::mapi::parse_hex(&hex_text(&bytes)),
            Ok(bytes.to_vec())
        );
    }

    #[test]
    fn literal_numbers_read_as_integers() {
        assert_eq!(Y::Lit("0x80000000".into()).as_read(), Y::Int(0x8000_0000));
    }
}
