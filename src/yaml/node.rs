//! Reading YAML text into a tree with locations, through serde-saphyr, and
//! the small accessors every reader uses on that tree (a node as a mapping
//! or a string, the text a scalar was written as, a located error).
//!
//! Nothing here knows what a document holds: the readers of registry and
//! `.prf` documents decide that.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Location;

use super::error::YamlError;
use super::tree::Y;

/// A YAML node and where it starts.
#[derive(Debug, Clone)]
pub struct Node {
    /// Line and column of the node.
    pub at: Location,
    /// The value.
    pub kind: NodeKind,
}

/// What a [`Node`] holds.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// A scalar or an empty value.
    Scalar(Y),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping: keys with their locations, in order.
    Map(Vec<(String, Location, Node)>),
}

impl Node {
    /// The plain value tree, without locations.
    pub fn to_y(&self) -> Y {
        match &self.kind {
            NodeKind::Scalar(y) => y.clone(),
            NodeKind::Seq(items) => Y::Seq(items.iter().map(Node::to_y).collect()),
            NodeKind::Map(entries) => Y::Map(
                entries
                    .iter()
                    .map(|(k, _, v)| (k.clone(), v.to_y()))
                    .collect(),
            ),
        }
    }
}

/// The entries of a mapping node; `null` is an empty mapping. `what` names
/// the node in the error.
pub fn map_of<'n>(node: &'n Node, what: &str) -> Result<&'n [(String, Location, Node)], YamlError> {
    match &node.kind {
        NodeKind::Map(entries) => Ok(entries),
        NodeKind::Scalar(Y::Null) => Ok(&[]),
        _ => Err(located(node.at, what, "expected a mapping")),
    }
}

/// The text of a string node. `what` names the node in the error.
pub fn string_of(node: &Node, what: &str) -> Result<String, YamlError> {
    match &node.kind {
        NodeKind::Scalar(Y::Str(s)) => Ok(s.clone()),
        _ => Err(located(node.at, what, "expected a string")),
    }
}

/// A wrong value at `at`, on the entry whose path is `path`.
pub fn located(at: Location, path: &str, message: &str) -> YamlError {
    YamlError::Value {
        location: at,
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

/// The plain scalar written at `at` in `text`, up to a comment, a flow
/// indicator or the end of the line (so that `0x0027` is seen as written,
/// not as `39`).
pub fn raw_scalar(text: &str, at: Location) -> Option<&str> {
    let line = text.lines().nth(at.line.checked_sub(1)?)?;
    let start = line.char_indices().nth(at.column.checked_sub(1)?)?.0;
    let rest = line.get(start..)?;
    let end = rest
        .find([' ', '\t', ',', '}', ']', '#'])
        .unwrap_or(rest.len());
    rest.get(..end)
}

/// A syntax error as `line:column: message`, without the source snippet.
fn syntax_message(error: &serde_saphyr::Error) -> String {
    let bare = error.without_snippet().to_string();
    let Some(at) = error.location().map(|l| location(&l)) else {
        return bare;
    };
    let prefix = format!("error: line {} column {}: ", at.line, at.column);
    let suffix = format!(" at line {}, column {}", at.line, at.column);
    let message = bare.strip_prefix(&prefix).unwrap_or(&bare);
    let message = message.strip_suffix(&suffix).unwrap_or(message);
    format!("{at}: {}", plain_duplicate(&plain_budget(message)))
}

/// The parser's word for a key given twice (`duplicate mapping key: x, set
/// DuplicateKeyPolicy in Options if acceptable`) as a sentence about the
/// document.
fn plain_duplicate(message: &str) -> String {
    match message.strip_prefix("duplicate mapping key: ") {
        Some(rest) => {
            let key = rest
                .split(", set DuplicateKeyPolicy")
                .next()
                .unwrap_or(rest);
            format!("the key {key} is given twice in this mapping; keep one of them")
        }
        None => message.to_owned(),
    }
}

/// The parser's word for a limit reached (`budget breached: Depth { depth:
/// 65 }`) as a sentence about the document.
fn plain_budget(message: &str) -> std::borrow::Cow<'_, str> {
    let Some(breach) = message.strip_prefix("budget breached: ") else {
        return message.into();
    };
    let what = breach.split([' ', '{']).next().unwrap_or(breach);
    match what {
        "Depth" => format!(
            "the document is nested deeper than {MAX_DEPTH} levels, the most mapiprof reads"
        )
        .into(),
        "Events" | "Nodes" => format!(
            "the document has more than {MAX_EVENTS} parts (parser events), the most mapiprof reads"
        )
        .into(),
        "TotalScalarBytes" | "ScalarBytes" => format!(
            "the document holds more than {} MiB of text, the most mapiprof reads",
            MAX_SCALAR_BYTES / 1024 / 1024
        )
        .into(),
        _ => format!("the document is larger than mapiprof reads ({breach})").into(),
    }
}

/// Nesting deeper than this is refused (a profile document needs 4 levels).
pub const MAX_DEPTH: usize = 64;
/// At most this many parser events (a 30 MB export's YAML has about 2 million).
pub const MAX_EVENTS: usize = 50_000_000;
/// At most this many nodes (every node is at least one event; the parser's
/// own default, 250,000, is less than a 10 MB export needs).
pub const MAX_NODES: usize = MAX_EVENTS;
/// At most this many bytes of scalar text: as much as the largest input
/// mapiprof reads (the parser's own default is 64 MiB).
pub const MAX_SCALAR_BYTES: usize = 512 * 1024 * 1024;
/// At most this many events replayed from aliases in a document (mapiprof
/// writes none; this stops "billion laughs" documents).
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// The text a document may hold once its aliases are expanded: twice its
/// own length and a mebibyte (mapiprof writes no aliases; a hand-written
/// document may use a few). 99 aliases of a 5 MB string are refused here,
/// not after half a gigabyte was built.
fn expanded_limit(text: &str) -> usize {
    text.len().saturating_mul(2).saturating_add(1024 * 1024)
}

std::thread_local! {
    /// The scalar text left to the document being parsed on this thread.
    static LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Take `len` bytes of scalar text from the document's allowance.
fn take_text<E: serde::de::Error>(len: usize) -> Result<(), E> {
    LEFT.with(|left| match left.get().checked_sub(len) {
        Some(rest) => {
            left.set(rest);
            Ok(())
        }
        None => Err(E::custom(
            "the document's aliases expand to more text than mapiprof reads \
             (twice the file's size); write the values out instead of using aliases",
        )),
    })
}

/// Parse `text` as one YAML document, within the limits above; a syntax
/// error reads `line:column: message`.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    LEFT.with(|left| left.set(expanded_limit(text)));
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_events = MAX_EVENTS;
    budget.max_nodes = MAX_NODES;
    budget.max_total_scalar_bytes = MAX_SCALAR_BYTES;
    let mut options = serde_saphyr::options! {
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    let spanned: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| YamlError::Syntax(syntax_message(&e)))?;
    Ok(node(spanned))
}

fn location(loc: &serde_saphyr::Location) -> Location {
    Location {
        line: usize::try_from(loc.line()).unwrap_or(0),
        column: usize::try_from(loc.column()).unwrap_or(0),
    }
}

/// A parsed node with the place it is referenced from.
fn node(spanned: Spanned<Raw>) -> Node {
    Node {
        at: location(&spanned.referenced),
        kind: spanned.value.0,
    }
}

/// The serde-facing form of a [`NodeKind`]: children are turned into
/// [`Node`]s as soon as they are parsed, so the parser's own tree (with two
/// locations per node) is never held whole beside ours.
struct Raw(NodeKind);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Null)))
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Null)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Bool(v))))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Int(i128::from(v)))))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Int(i128::from(v)))))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Int(v))))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Raw, E> {
        i128::try_from(v)
            .map(|n| Raw(NodeKind::Scalar(Y::Int(n))))
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw(NodeKind::Scalar(Y::Float(v))))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Raw, E> {
        take_text(v.len())?;
        Ok(Raw(NodeKind::Scalar(Y::Str(v.to_owned()))))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Raw, E> {
        take_text(v.len())?;
        Ok(Raw(NodeKind::Scalar(Y::Str(v))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(node(item));
        }
        Ok(Raw(NodeKind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            take_text::<A::Error>(key.value.len())?;
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key.value, location(&key.referenced), node(value)));
        }
        Ok(Raw(NodeKind::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_reached_reads_as_a_sentence() {
        let deep = format!("a: {}{}\n", "[".repeat(70), "]".repeat(70));
        // a debug build's frames are large: more stack than a test thread's
        let e = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || parse(&deep).unwrap_err().to_string())
            .unwrap()
            .join()
            .unwrap();
        assert!(
            e.ends_with("the document is nested deeper than 64 levels, the most mapiprof reads"),
            "{e}"
        );
    }

    #[test]
    fn aliases_cannot_expand_a_document_past_twice_its_size() {
        let big = "x".repeat(300 * 1024);
        let aliases: String = (0..8).map(|i| format!("  a{i}: *big\n")).collect();
        let text = format!("base: &big {big}\nmore:\n{aliases}");
        let e = parse(&text).unwrap_err().to_string();
        assert!(
            e.contains("aliases expand to more text than mapiprof reads"),
            "{e}"
        );
        // a few aliases of small values are fine
        let small = "base: &v 6001\nmore: {a: *v, b: *v}\n";
        assert!(parse(small).is_ok());
    }

    #[test]
    fn raw_scalars_are_found_at_their_location() {
        let text = "a:\n  b: 0x0027  # flags\n  c: {d: 0x10}\n";
        assert_eq!(
            raw_scalar(text, Location { line: 2, column: 6 }),
            Some("0x0027")
        );
        assert_eq!(
            raw_scalar(
                text,
                Location {
                    line: 3,
                    column: 10
                }
            ),
            Some("0x10")
        );
    }

    /// A large export's YAML has far more nodes than the parser's default
    /// budget (250,000) allows; only the limits above apply.
    #[test]
    fn documents_with_many_nodes_are_read() {
        let text = "- a\n".repeat(300_000);
        let node = parse(&text).unwrap();
        assert!(matches!(node.kind, NodeKind::Seq(ref items) if items.len() == 300_000));
    }
}
