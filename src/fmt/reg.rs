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

/// A key line with what follows it up to the next key, and the comments
/// written right above it.
#[derive(Debug, Default)]
struct Block {
    /// The path, for `--sort`; `None` for lines before the first key and
    /// for a key line kept verbatim.
    path: Option<String>,
    /// Its lines, each ending in CRLF.
    text: String,
}

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
    let mut blocks = vec![Block::default()];
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
                let mut line = String::from("[");
                if *delete {
                    line.push('-');
                }
                let path = normalise_path(path);
                line.push_str(&path);
                line.push(']');
                line.push_str(NL);
                blocks.push(Block {
                    path: Some(path),
                    text: std::mem::take(&mut comments) + &line,
                });
                continue;
            }
            ItemKind::Key { .. } | ItemKind::Unopened | ItemKind::Halt => {
                keeps_order = keeps_order.or(Some(
                    "a key line Regedit reads otherwise is kept, and so is the key order",
                ));
                let mut block = Block {
                    path: None,
                    text: std::mem::take(&mut comments),
                };
                push_verbatim(&mut block.text, source);
                blocks.push(block);
                continue;
            }
            ItemKind::Value(_) | ItemKind::Skipped => {}
        }
        let Some(block) = blocks.last_mut() else {
            continue;
        };
        block.text.push_str(&std::mem::take(&mut comments));
        match &item.kind {
            ItemKind::Value(value) if !as_written => reg::write_value(&mut block.text, value, NL)?,
            _ => push_verbatim(&mut block.text, source),
        }
    }
    if let Some(block) = blocks.last_mut() {
        block.text.push_str(&comments);
    }
    let note = match keeps_order {
        Some(why) if sort => Some(why),
        None if sort => {
            // the lines above the first key stay there
            if let Some(keys) = blocks.get_mut(1..) {
                keys.sort_by(|a, b| match (&a.path, &b.path) {
                    (Some(a), Some(b)) => compare_paths(a, b),
                    (a, b) => a.is_some().cmp(&b.is_some()),
                });
            }
            None
        }
        _ => None,
    };
    let mut out = String::with_capacity(text.len().saturating_add(text.len() / 8));
    out.push_str(file.format.header());
    out.push_str(NL);
    for (i, block) in blocks.iter().enumerate() {
        // a blank line before each key, as Regedit writes
        if i > 0 || !block.text.is_empty() {
            out.push_str(NL);
        }
        out.push_str(&block.text);
    }
    out.push_str(NL);
    Ok((out, note))
}

/// Append `source` (whole lines) as written, each line ending in CRLF.
fn push_verbatim(out: &mut String, source: &str) {
    for line in source.lines() {
        out.push_str(line);
        out.push_str(NL);
    }
}
