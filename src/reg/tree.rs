//! The lossless syntax tree of a `.reg` file.
//!
//! Every byte of the text belongs to the header or to exactly one [`Item`],
//! so writing the items' source text back reproduces the file byte for byte,
//! comments, odd spacing and hand-split hex included.

use std::collections::HashMap;

use crate::diag::{Effect, LineIndex, Span, Warning};

use super::document::{Block, Document, Format, normalise_path};
use super::name;
use super::value::{RegData, RegValue, ValueName};

/// A parsed `.reg` file.
#[derive(Debug, Clone)]
pub struct File {
    /// Which header the file has.
    pub format: Format,
    /// The header line, with its line ending.
    pub header: Span,
    /// Everything after the header, in order.
    pub items: Vec<Item>,
}

/// One or more whole lines of a `.reg` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The lines, line endings included.
    pub span: Span,
    /// What they hold.
    pub kind: ItemKind,
}

/// What an [`Item`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// An empty or whitespace-only line.
    Blank,
    /// A `;` comment line.
    Comment,
    /// `[path]` or `[-path]`; `path` as written between the brackets.
    Key {
        /// The key path as written.
        path: String,
        /// `[-path]`.
        delete: bool,
    },
    /// A `name=data` line, possibly continued over several lines.
    Value(RegValue),
    /// A line Regedit would skip; the warning says why. A key line Regedit
    /// does not read as one (`[ HKEY…]`, no `]`) is one of these: the values
    /// below it go on into the key above.
    Skipped,
    /// A key line Regedit reads but cannot open (an unknown root such as
    /// `HKCU`, a name too long): it closes the key above, and the values
    /// below it go nowhere.
    Unopened,
    /// A `[-key]` line Regedit cannot carry out (a root, or an unknown one):
    /// it stops the import there, and nothing below it is imported.
    Halt,
}

/// Whether `value` sets a value that `earlier` left set (names compare
/// without regard to case, as in the registry; a deletion in between
/// starts it afresh).
fn repeats<'a>(earlier: impl Iterator<Item = &'a RegValue>, value: &RegValue) -> bool {
    value.data != RegData::Delete
        && earlier
            .filter(|e| e.name.same_as(&value.name))
            .last()
            .is_some_and(|e| e.data != RegData::Delete)
}

/// The names set in the current block once it holds many values (a scan
/// of its earlier values is enough for the few most keys hold).
#[derive(Default)]
struct BlockNames {
    /// Folded name → whether it is set.
    set: Option<HashMap<String, bool>>,
}

impl BlockNames {
    const SCAN: usize = 64;

    /// Whether `value` sets again a value that `earlier` (the block's values
    /// so far) left set; records it.
    fn again<'a>(
        &mut self,
        earlier: impl Iterator<Item = &'a RegValue>,
        count: usize,
        value: &RegValue,
    ) -> bool {
        let folded = |v: &RegValue| match &v.name {
            ValueName::Default => String::new(),
            ValueName::Named(n) => name::fold(n),
        };
        if self.set.is_none() {
            if count < Self::SCAN {
                return repeats(earlier, value);
            }
            self.set = Some(
                earlier
                    .map(|v| (folded(v), v.data != RegData::Delete))
                    .collect(),
            );
        }
        let Some(set) = self.set.as_mut() else {
            return false;
        };
        let is_set = value.data != RegData::Delete;
        let was = set.insert(folded(value), is_set) == Some(true);
        was && is_set
    }
}

impl File {
    /// The source text of the whole file: header and items, unchanged.
    pub fn source<'a>(&self, text: &'a str) -> &'a str {
        let end = self
            .items
            .last()
            .map_or(self.header.end, |item| item.span.end);
        text.get(self.header.start..end).unwrap_or("")
    }

    /// The keys and values Regedit would import, in file order, with a
    /// warning for every value it would ignore.
    pub fn document(&self, text: &str, lines: &LineIndex) -> (Document, Vec<Warning>) {
        let (layout, warnings) = self.layout(text, lines);
        (layout.document(self), warnings)
    }

    /// Which value lines Regedit would import into which key, with a warning
    /// for every value it would ignore; [`Layout::document`] and
    /// [`Layout::into_document`] turn it into a [`Document`].
    pub(crate) fn layout(&self, text: &str, lines: &LineIndex) -> (Layout, Vec<Warning>) {
        let mut blocks: Vec<LaidBlock> = Vec::new();
        let mut warnings = Vec::new();
        // None: no key yet, or the last key line closed the key.
        let mut current: Option<usize> = None;
        let mut closed_by = Closed::NoKeyYet;
        // each key line's path, normalised once
        let normalised: Vec<String> = self
            .items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Key { path, .. } => Some(normalise_path(path)),
                _ => None,
            })
            .collect();
        // the values set so far in keys that appear more than once
        let mut repeated = Repeated::new(&normalised);
        let mut paths = normalised.into_iter();
        // the names set in the current block, once it is large
        let mut names = BlockNames::default();
        for (index, item) in self.items.iter().enumerate() {
            match &item.kind {
                ItemKind::Key { delete, .. } => {
                    let path = paths.next().unwrap_or_default();
                    if *delete {
                        repeated.delete(&path);
                    } else if let Some(first) = repeated.opened(&path, index) {
                        let first_line = self
                            .items
                            .get(first)
                            .map_or(0, |i| lines.locate(text, i.span.start).line);
                        warnings.push(
                            Warning::at(
                                lines.locate(text, item.span.start.saturating_add(indent(item.span.of(text)))),
                                format!(
                                    "key [{path}] appears again (first at line {first_line}); Regedit adds what follows to that key"
                                ),
                            )
                            .with(Effect::Repeated),
                        );
                    }
                    blocks.push(LaidBlock {
                        path,
                        delete: *delete,
                        items: Vec::new(),
                    });
                    current = Some(blocks.len().saturating_sub(1));
                    names = BlockNames::default();
                }
                ItemKind::Unopened => {
                    current = None;
                    closed_by = Closed::Unopened;
                }
                ItemKind::Halt => break,
                ItemKind::Value(value) => {
                    // located only when there is something to say
                    let at = || {
                        lines.locate(
                            text,
                            item.span.start.saturating_add(indent(item.span.of(text))),
                        )
                    };
                    match current.and_then(|i| blocks.get_mut(i)) {
                        Some(block) if block.delete => warnings.push(
                            Warning::at(
                                at(),
                                format!(
                                    "value \"{}\" follows a key deletion; Regedit ignores it",
                                    value.name
                                ),
                            )
                            .with(Effect::Ignored),
                        ),
                        Some(block) => {
                            let again = match repeated.set(&block.path, value) {
                                Some(again) => again,
                                None => names.again(
                                    self.values_of(block),
                                    block.items.len(),
                                    value,
                                ),
                            };
                            if again {
                                warnings.push(
                                    Warning::at(
                                        at(),
                                        format!(
                                            "value \"{}\" is set again in this key; Regedit keeps the later one",
                                            value.name
                                        ),
                                    )
                                    .with(Effect::SetTwice),
                                );
                            }
                            block.items.push(index);
                        }
                        None => warnings.push(Warning::at(
                            at(),
                            match closed_by {
                                Closed::Unopened => format!(
                                    "value \"{}\" belongs to a key line Regedit cannot open; Regedit ignores it",
                                    value.name
                                ),
                                Closed::NoKeyYet => format!(
                                    "value \"{}\" comes before any key; Regedit ignores it",
                                    value.name
                                ),
                            },
                        )
                        .with(Effect::Ignored)),
                    }
                }
                ItemKind::Blank | ItemKind::Comment | ItemKind::Skipped => {}
            }
        }
        (
            Layout {
                format: self.format,
                blocks,
            },
            warnings,
        )
    }

    fn values_of<'a>(&'a self, block: &'a LaidBlock) -> impl Iterator<Item = &'a RegValue> {
        block
            .items
            .iter()
            .filter_map(|&i| match self.items.get(i).map(|item| &item.kind) {
                Some(ItemKind::Value(value)) => Some(value),
                _ => None,
            })
    }
}

/// Which items of a [`File`] make up each key block Regedit would import;
/// only good for the file it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    format: Format,
    blocks: Vec<LaidBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct LaidBlock {
    path: String,
    delete: bool,
    /// Indexes of the block's value items, in file order.
    items: Vec<usize>,
}

impl Layout {
    /// The document, its values copied from `file`.
    pub fn document(&self, file: &File) -> Document {
        let blocks = self
            .blocks
            .iter()
            .map(|block| Block {
                path: block.path.clone(),
                delete: block.delete,
                values: file.values_of(block).cloned().collect(),
            })
            .collect();
        Document {
            format: self.format,
            blocks,
        }
    }

    /// The document, its values moved out of `file` (the file this layout
    /// was made from).
    pub fn into_document(self, file: File) -> Document {
        // blocks follow the file, and so do their items: one pass over the
        // file's items hands every value to its block
        let mut values =
            file.items
                .into_iter()
                .enumerate()
                .filter_map(|(i, item)| match item.kind {
                    ItemKind::Value(value) => Some((i, value)),
                    _ => None,
                });
        let blocks = self
            .blocks
            .into_iter()
            .map(|block| {
                let values = block
                    .items
                    .iter()
                    .filter_map(|&wanted| values.find(|(i, _)| *i == wanted).map(|(_, v)| v))
                    .collect();
                Block {
                    path: block.path,
                    delete: block.delete,
                    values,
                }
            })
            .collect();
        Document {
            format: self.format,
            blocks,
        }
    }
}

/// Why there is no key to put values in.
#[derive(Clone, Copy)]
enum Closed {
    NoKeyYet,
    Unopened,
}

/// The values set so far in each key that has more than one key line, so
/// that a value set again in a later block of the same key is reported as
/// one set again in the same block is. Keys with one line are not tracked.
/// Every step looks up a key and the keys above it, so a file of many
/// deletions and repeats takes time in proportion to its size.
struct Repeated {
    /// Folded path → folded value name → when it was last set.
    keys: HashMap<String, HashMap<String, u64>>,
    /// Folded path → the item of its first `[key]` line.
    first: HashMap<String, usize>,
    /// Folded path → when it was last deleted.
    deleted: HashMap<String, u64>,
    /// The clock of the two above.
    now: u64,
}

impl Repeated {
    fn new(paths: &[String]) -> Repeated {
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(paths.len());
        for path in paths {
            let count = seen.entry(name::fold(path)).or_default();
            *count = count.saturating_add(1);
        }
        let keys = seen
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(path, _)| (path, HashMap::new()))
            .collect();
        Repeated {
            keys,
            first: HashMap::new(),
            deleted: HashMap::new(),
            now: 0,
        }
    }

    /// Record the `[key]` line at item `index` opening `path`; the item of
    /// the first line that opened it, when this one is a repeat.
    fn opened(&mut self, path: &str, index: usize) -> Option<usize> {
        if self.keys.is_empty() {
            return None;
        }
        let folded = name::fold(path);
        if !self.keys.contains_key(&folded) {
            return None;
        }
        match self.first.get(&folded) {
            Some(&first) => Some(first),
            None => {
                self.first.insert(folded, index);
                None
            }
        }
    }

    /// Record `value` set in `path`; whether it was already set (`None`
    /// when the key is not tracked).
    fn set(&mut self, path: &str, value: &RegValue) -> Option<bool> {
        if self.keys.is_empty() {
            return None;
        }
        let key = name::fold(path);
        // the last deletion of the key or a key above it
        let wiped = name::key_and_parents(&key)
            .filter_map(|k| self.deleted.get(k).copied())
            .max();
        let now = self.tick();
        let names = self.keys.get_mut(&key)?;
        let folded = match &value.name {
            ValueName::Default => String::new(),
            ValueName::Named(n) => name::fold(n),
        };
        if value.data == RegData::Delete {
            names.remove(&folded);
            return Some(false);
        }
        let was_set = names
            .insert(folded, now)
            .is_some_and(|set| Some(set) > wiped);
        Some(was_set)
    }

    /// `path` and the keys below it lose their values.
    fn delete(&mut self, path: &str) {
        if self.keys.is_empty() {
            return;
        }
        let now = self.tick();
        self.deleted.insert(name::fold(path), now);
    }

    fn tick(&mut self) -> u64 {
        self.now = self.now.saturating_add(1);
        self.now
    }
}

fn indent(line: &str) -> usize {
    line.len()
        .saturating_sub(line.trim_start_matches([' ', '\t']).len())
}

#[cfg(test)]
mod tests {
    use crate::reg::parse;

    fn warnings_of(text: &str) -> Vec<String> {
        let parsed = parse(text).unwrap();
        let (_, warnings) = parsed.file.document(text, &parsed.lines);
        warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_value_set_twice_in_one_key_is_reported_at_the_second() {
        let text = "REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n\"x\"=\"1\"\n\"X\"=\"2\"\n\"y\"=-\n\"y\"=\"3\"\n\n[HKEY_CURRENT_USER\\B]\n\"x\"=\"4\"\n";
        assert_eq!(
            warnings_of(text),
            ["5:1: value \"X\" is set again in this key; Regedit keeps the later one"]
        );
    }

    #[test]
    fn a_value_deleted_in_between_is_not_set_twice_in_small_and_large_keys() {
        for filler in [0, 100] {
            let mut text = String::from("REGEDIT4\n\n[HKEY_CURRENT_USER\\A]\n");
            for i in 0..filler {
                text.push_str(&format!("\"v{i}\"=dword:1\n"));
            }
            text.push_str(
                "\"x\"=\"1\"\n\"x\"=-\n\"X\"=\"2\"\n\"v0\"=\"3\"\n\"y\"=\"4\"\n\"Y\"=\"5\"\n",
            );
            let warnings = warnings_of(&text);
            let expected = if filler == 0 { 1 } else { 2 };
            assert_eq!(warnings.len(), expected, "{filler}: {warnings:?}");
            assert!(warnings.iter().all(|w| w.contains("is set again")));
        }
        // across repeated blocks, with a deletion of the key between them
        let text = "REGEDIT4\n[HKEY_CURRENT_USER\\A]\n\"x\"=\"1\"\n[-HKEY_CURRENT_USER\\A]\n[HKEY_CURRENT_USER\\A]\n\"x\"=\"2\"\n[HKEY_CURRENT_USER\\A]\n\"x\"=\"3\"\n";
        let warnings = warnings_of(text);
        let set_again: Vec<&String> = warnings
            .iter()
            .filter(|w| w.contains("is set again"))
            .collect();
        assert_eq!(set_again.len(), 1, "{warnings:?}");
        assert!(set_again[0].starts_with("8:1:"), "{warnings:?}");
    }

    #[test]
    fn moving_the_values_out_gives_the_same_document_as_copying_them() {
        let text = "REGEDIT4\n\"early\"=\"0\"\n[HKEY_CURRENT_USER\\A]\n\"x\"=\"1\"\n\"X\"=\"2\"\n[-HKEY_CURRENT_USER\\B]\n\"gone\"=dword:1\n[HKEY_CURRENT_USER\\C]\n;c\n\"y\"=hex:01,02\n[HKEY_CURRENT_USER\\A]\n@=-\n";
        let parsed = parse(text).unwrap();
        let (copied, warnings) = parsed.file.document(text, &parsed.lines);
        // before any key, after a deletion, set again, and the repeated [A]
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        let (layout, _) = parsed.file.layout(text, &parsed.lines);
        let moved = layout.into_document(parsed.file);
        assert_eq!(moved, copied);
        let counts: Vec<usize> = moved.blocks.iter().map(|b| b.values.len()).collect();
        assert_eq!(counts, [2, 0, 1, 1]);
    }
}
