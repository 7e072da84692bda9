//! A `.reg` tidied: the header as Regedit writes it, one blank line before
//! each key (and the comments written above it), each value as Regedit
//! exports it. Comments are kept verbatim where they were; a line Regedit
//! skips or reads otherwise than it looks is kept verbatim too (the reader
//! has said why), so that the file does exactly what it did and loses no
//! text.

use std::collections::HashSet;

use crate::input::RegInput;
use crate::model::ToRegError;
use crate::reg::name::compare_paths;
use crate::reg::{self, ItemKind, normalise_path};

const NL: &str = "\r\n";

/// The tidied text of `input`, and a note when `sort` was asked for but the
/// key order was kept.
pub(super) fn tidy(
    input: &RegInput,
    sort: bool,
) -> Result<(String, Option<&'static str>), ToRegError> {
    let text = &input.text;
    let file = &input.parsed.file;
    let locate = |offset: usize| input.parsed.lines.locate(text, offset).line;
    // lines a warning is about are kept as written
    let warned: HashSet<usize> = input
        .warnings
        .iter()
        .filter_map(|w| w.location.map(|l| l.line))
        .collect();
    let mut out = Blocks::new(file.format.header(), text.len(), sort);
    let mut comments = String::new();
    let mut keeps_order = None;
    for item in &file.items {
        let source = item.span.of(text);
        let first = locate(item.span.start);
        let last = locate(item.span.end.saturating_sub(1).max(item.span.start));
        let as_written = (first..=last).any(|line| warned.contains(&line));
        match &item.kind {
            ItemKind::Blank => continue,
            ItemKind::Comment => {
                for line in source.lines() {
                    comments.push_str(line.trim());
                    comments.push_str(NL);
                }
                continue;
            }
            ItemKind::Key { path, delete } if !as_written => {
                if *delete {
                    keeps_order = Some("the file deletes keys, so its key order is kept");
                }
                let path = normalise_path(path);
                let line = format!("[{}{path}]{NL}", if *delete { "-" } else { "" });
                out.start(Some(path), &comments);
                comments.clear();
                out.push(&line);
                continue;
            }
            ItemKind::Key { .. } | ItemKind::Unopened | ItemKind::Halt => {
                keeps_order = keeps_order.or(Some(
                    "a key line Regedit reads otherwise is kept, and so is the key order",
                ));
                out.start(None, &comments);
                comments.clear();
                push_verbatim(out.current(), source);
                continue;
            }
            ItemKind::Value(_) | ItemKind::Skipped => {}
        }
        out.push(&comments);
        comments.clear();
        match &item.kind {
            // a comment after the data stays at the end of the value; a
            // value with comments among its lines keeps its lines, since
            // rewrapping them would lose the comments' places
            ItemKind::Value(value) if !as_written => match comments_in(source)[..] {
                [] => reg::write_value(out.current(), value, NL)?,
                [(n, comment)] if n.saturating_add(1) == source.lines().count() => {
                    let text = out.current();
                    reg::write_value(text, value, NL)?;
                    text.truncate(text.len().saturating_sub(NL.len()));
                    text.push(' ');
                    text.push_str(comment);
                    text.push_str(NL);
                }
                _ => push_verbatim(out.current(), source),
            },
            _ => push_verbatim(out.current(), source),
        }
    }
    out.push(&comments);
    let note = if sort { keeps_order } else { None };
    Ok((out.finish(keeps_order.is_none()), note))
}

/// The tidied text, a block at a time: a key line with what follows it up
/// to the next key, and the comments written right above it. Blocks are
/// gathered only to be sorted; otherwise each goes straight into the text.
struct Blocks {
    /// The text so far: the header, then the blocks not gathered.
    text: String,
    /// The blocks gathered for sorting (the first, the lines above any
    /// key, stays first), each with its key path.
    gathered: Option<Vec<(Option<String>, String)>>,
    /// The block being written.
    current: String,
    /// Its key path (`None` above the first key and for a key line kept as
    /// written).
    path: Option<String>,
    /// Whether it is the first block.
    first: bool,
}

impl Blocks {
    fn new(header: &str, len: usize, sort: bool) -> Blocks {
        let mut text = String::with_capacity(len.saturating_add(len / 8));
        text.push_str(header);
        text.push_str(NL);
        Blocks {
            text,
            gathered: sort.then(Vec::new),
            current: String::new(),
            path: None,
            first: true,
        }
    }

    /// End the block being written and start one for a key at `path`
    /// (`None`: a key line kept as written), with the comments above it.
    fn start(&mut self, path: Option<String>, comments: &str) {
        self.end();
        self.path = path;
        self.current.push_str(comments);
    }

    /// Append to the block being written.
    fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn current(&mut self) -> &mut String {
        &mut self.current
    }

    fn end(&mut self) {
        let first = std::mem::replace(&mut self.first, false);
        let path = self.path.take();
        match &mut self.gathered {
            Some(blocks) => blocks.push((path, std::mem::take(&mut self.current))),
            None => {
                // a blank line before each key, as Regedit writes
                if !first || !self.current.is_empty() {
                    self.text.push_str(NL);
                }
                self.text.push_str(&self.current);
                self.current.clear();
            }
        }
    }

    /// The whole text; gathered blocks sorted by key path first when `sort`
    /// (the file deletes no key and has no key line kept as written).
    fn finish(mut self, sort: bool) -> String {
        self.end();
        if let Some(mut blocks) = self.gathered.take() {
            if sort && let Some(keys) = blocks.get_mut(1..) {
                keys.sort_by(|(a, _), (b, _)| match (a, b) {
                    (Some(a), Some(b)) => compare_paths(a, b),
                    (a, b) => a.is_some().cmp(&b.is_some()),
                });
            }
            for (i, (_, block)) in blocks.iter().enumerate() {
                if i > 0 || !block.is_empty() {
                    self.text.push_str(NL);
                }
                self.text.push_str(block);
            }
        }
        self.text.push_str(NL);
        self.text
    }
}

/// The `;` comments of a value's lines (after its data, or a comment line
/// inside a continued hex list), as written, each with the index of its
/// line. A `;` inside a quoted name or string is none.
fn comments_in(source: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let (mut quoted, mut escaped) = (false, false);
        for (i, c) in line.char_indices() {
            if quoted {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => quoted = false,
                    _ => {}
                }
            } else if c == '"' {
                quoted = true;
            } else if c == ';' {
                if let Some(comment) = line.get(i..) {
                    out.push((n, comment.trim_end()));
                }
                break;
            }
        }
    }
    out
}

/// Append `source` (whole lines) as written, each line ending in CRLF.
fn push_verbatim(out: &mut String, source: &str) {
    for line in source.lines() {
        out.push_str(line);
        out.push_str(NL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_quotes_on_every_line() {
        assert_eq!(comments_in("\"a\"=hex:71,17 ; ports\r\n"), [(0, "; ports")]);
        assert!(comments_in("\"a;b\"=\"x;y\\\" z\"\r\n").is_empty());
        assert_eq!(comments_in("\"a\"=\"x\" ;c2"), [(0, ";c2")]);
        assert_eq!(
            comments_in("\"h\"=hex:01,\\ ;first\r\n; inside\r\n  02 ;last\r\n"),
            [(0, ";first"), (1, "; inside"), (2, ";last")]
        );
    }
}
