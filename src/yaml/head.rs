//! The head every YAML document starts with, whatever it describes: the
//! modeline naming the schema and the `source:` mapping (format, encoding,
//! byte-order mark, newline, code page), read and written.
//!
//! What the `format:` word may be is the caller's business: a registry
//! document and a `.prf` document check it each their own way.

use encoding_rs::Encoding as CodePage;

use crate::text::{Encoding, Newline, TextFormat, code_page};

use super::error::YamlError;
use super::node::{Node, located, map_of, string_of};
use super::tree::Y;

/// The first line of every document: tells editors where the schema is.
pub const MODELINE: &str = "yaml-language-server: $schema=mapiprof.schema.json";

/// The `source:` mapping of any document kind: the code page only when it
/// is not Windows-1252.
pub fn source_y(format: &str, text: &TextFormat, codepage: &'static CodePage) -> Y {
    let mut entries = vec![
        ("format".to_owned(), Y::Str(format.into())),
        ("encoding".to_owned(), Y::Str(text.encoding.name().into())),
        ("bom".to_owned(), Y::Bool(text.bom)),
        ("newline".to_owned(), Y::Str(text.newline.name().into())),
    ];
    if codepage != encoding_rs::WINDOWS_1252 {
        entries.push(("codepage".to_owned(), Y::Str(codepage.name().into())));
    }
    Y::Map(entries)
}

/// The `source:` fields every document kind shares, starting from `text`
/// and `codepage`; `format` checks the `format:` word (and keeps it).
pub fn source_of(
    node: &Node,
    mut text: TextFormat,
    mut codepage: &'static CodePage,
    mut format: impl FnMut(&str) -> Result<(), &'static str>,
) -> Result<(TextFormat, &'static CodePage), YamlError> {
    for (key, at, value) in map_of(node, "source")? {
        let bad = |what: &str| located(*at, &format!("source.{key}"), what);
        let word = || string_of(value, &format!("source.{key}"));
        match key.as_str() {
            "format" => format(&word()?).map_err(bad)?,
            "encoding" => {
                text.encoding =
                    Encoding::from_name(&word()?).ok_or_else(|| bad("unknown encoding"))?;
            }
            "bom" => match value.to_y() {
                Y::Bool(b) => text.bom = b,
                _ => return Err(bad("expected true or false")),
            },
            "newline" => {
                text.newline =
                    Newline::from_name(&word()?).ok_or_else(|| bad("expected crlf, lf or cr"))?
            }
            "codepage" => codepage = code_page(&word()?).ok_or_else(|| bad("unknown code page"))?,
            _ => {
                return Err(bad(
                    "unknown field; expected format, encoding, bom, newline or codepage",
                ));
            }
        }
    }
    if let Encoding::CodePage(cp) = text.encoding {
        codepage = cp;
    }
    Ok((text, codepage))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::emit::Emitter;
    use crate::yaml::node;

    fn read(yaml: &str) -> Result<(TextFormat, &'static CodePage), YamlError> {
        read_node(&node::parse(yaml).unwrap())
    }

    fn read_node(node: &Node) -> Result<(TextFormat, &'static CodePage), YamlError> {
        source_of(
            node,
            TextFormat::REGEDIT5,
            encoding_rs::WINDOWS_1252,
            |word| {
                if word == "regedit5" {
                    Ok(())
                } else {
                    Err("expected regedit5")
                }
            },
        )
    }

    #[test]
    fn the_code_page_is_written_only_when_it_is_not_windows_1252() {
        let plain = source_y("prf", &TextFormat::REGEDIT5, encoding_rs::WINDOWS_1252);
        let Y::Map(entries) = &plain else {
            panic!("not a mapping: {plain:?}")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["format", "encoding", "bom", "newline"]);
        let japanese = source_y("prf", &TextFormat::REGEDIT5, encoding_rs::SHIFT_JIS);
        assert_eq!(
            japanese,
            Y::Map(vec![
                ("format".into(), Y::Str("prf".into())),
                ("encoding".into(), Y::Str("utf-16le".into())),
                ("bom".into(), Y::Bool(true)),
                ("newline".into(), Y::Str("crlf".into())),
                ("codepage".into(), Y::Str("Shift_JIS".into())),
            ])
        );
    }

    #[test]
    fn what_is_written_is_read_back() {
        let text = TextFormat {
            encoding: Encoding::Utf8,
            bom: false,
            newline: Newline::Lf,
        };
        let written = source_y("regedit5", &text, encoding_rs::SHIFT_JIS);
        let mut e = Emitter::new();
        e.entry(0, "source", &written, None);
        let document = node::parse(&e.finish()).unwrap();
        let [(_, _, source)] = map_of(&document, "the document").unwrap() else {
            panic!("one entry expected")
        };
        assert_eq!(read_node(source), Ok((text, encoding_rs::SHIFT_JIS)));
    }

    #[test]
    fn a_code_page_encoding_is_also_the_code_page() {
        let (text, codepage) = read("{encoding: '932'}").unwrap();
        assert_eq!(text.encoding, Encoding::CodePage(encoding_rs::SHIFT_JIS));
        assert_eq!(codepage, encoding_rs::SHIFT_JIS);
    }

    #[test]
    fn wrong_fields_are_located_and_named() {
        let message = |yaml: &str| read(yaml).map(|_| ()).unwrap_err().to_string();
        assert_eq!(
            message("{format: prf}"),
            "1:2: source.format: expected regedit5"
        );
        assert_eq!(
            message("{bom: yes please}"),
            "1:2: source.bom: expected true or false"
        );
        assert_eq!(
            message("{newline: crcr}"),
            "1:2: source.newline: expected crlf, lf or cr"
        );
        assert_eq!(
            message("{colour: red}"),
            "1:2: source.colour: unknown field; expected format, encoding, bom, newline or codepage"
        );
        assert_eq!(message("[]"), "1:1: source: expected a mapping");
    }
}
