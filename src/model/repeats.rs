//! Keys named more than once in a file, as Regedit leaves them: a repeated
//! `[key]` adds to the key it names (the values of both blocks, later ones
//! winning), and a `[-key]` wipes out what came before it at or below that
//! key. The YAML form names each key once, so the model holds the result.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::reg::{Block, RegData, RegValue, name};

/// `blocks` without those a later `[-key]` at or above them wipes out;
/// whether any went. Works on the whole file, before it is grouped, so a
/// deletion of the profile root also takes the profiles' keys before it.
pub(super) fn drop_wiped_out(blocks: &mut Vec<Block>) -> bool {
    let voided = wiped_out(blocks);
    if !voided.contains(&true) {
        return false;
    }
    let mut marks = voided.into_iter();
    blocks.retain(|_| marks.next() == Some(false));
    true
}

/// Which blocks (set or deletion) a later `[-key]` at or above them wipes
/// out: for each block, its key and the keys above it are looked up among
/// the deletions, so this takes time in proportion to the file.
pub(super) fn wiped_out(blocks: &[Block]) -> Vec<bool> {
    // each deleted key (folded) → the last block that deletes it
    let mut last_deletion: HashMap<String, usize> = HashMap::new();
    for (i, block) in blocks.iter().enumerate().filter(|(_, b)| b.delete) {
        last_deletion.insert(name::fold(&block.path), i);
    }
    if last_deletion.is_empty() {
        return vec![false; blocks.len()];
    }
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let path = name::fold(&block.path);
            name::key_and_parents(&path).any(|key| last_deletion.get(key).is_some_and(|&d| d > i))
        })
        .collect()
}

/// `blocks` (one group, in file order, after [`drop_wiped_out`]) with every
/// repeated key merged into its first block; whether anything changed.
pub(super) fn merge(blocks: &mut Vec<Block>) -> bool {
    if !has_repeats(blocks) {
        return false;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // each key set so far (folded) → its block in `out`
    let mut first: HashMap<String, usize> = HashMap::new();
    for block in blocks.drain(..) {
        if block.delete {
            // what it wipes out is gone from `blocks` already: a block kept
            // before it lies outside it, and merging across it is safe
            out.push(block);
            continue;
        }
        match first.entry(name::fold(&block.path)) {
            Entry::Occupied(at) => {
                if let Some(earlier) = out.get_mut(*at.get()) {
                    add_values(earlier, block.values);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(block);
            }
        }
    }
    *blocks = out;
    true
}

/// The values of a later block of the same key, as the registry takes them:
/// a value set again keeps its place (and first spelling) with the later
/// data; a deletion removes what was set before it and stays, for what the
/// registry held before the import.
fn add_values(first: &mut Block, values: Vec<RegValue>) {
    for value in values {
        if value.data == RegData::Delete {
            first
                .values
                .retain(|v| v.data == RegData::Delete || !v.name.same_as(&value.name));
            first.values.push(value);
            continue;
        }
        match first
            .values
            .iter_mut()
            .find(|v| v.data != RegData::Delete && v.name.same_as(&value.name))
        {
            Some(existing) => existing.data = value.data,
            None => first.values.push(value),
        }
    }
}

/// Whether some key is set in two blocks: by comparing every pair in a small
/// group (a profile's keys), through a set of folded paths in a large one.
fn has_repeats(blocks: &[Block]) -> bool {
    let sets = blocks.iter().filter(|b| !b.delete);
    if blocks.len() <= 32 {
        return sets.clone().enumerate().any(|(i, block)| {
            sets.clone()
                .take(i)
                .any(|earlier| name::same(&earlier.path, &block.path))
        });
    }
    let mut seen = std::collections::HashSet::with_capacity(blocks.len());
    sets.map(|b| name::fold(&b.path))
        .any(|key| !seen.insert(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(path: &str, names: &[&str]) -> Block {
        let values = names
            .iter()
            .map(|n| RegValue::named(*n, RegData::Dword(1)))
            .collect();
        Block::key(path, values)
    }

    fn deletion(path: &str) -> Block {
        Block {
            path: path.into(),
            delete: true,
            values: Vec::new(),
        }
    }

    fn shape(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| {
                let names: Vec<&str> = b.values.iter().map(|v| v.name.as_str()).collect();
                format!(
                    "{}{} {}",
                    if b.delete { "-" } else { "" },
                    b.path,
                    names.join(",")
                )
            })
            .collect()
    }

    #[test]
    fn a_repeated_key_adds_to_the_first() {
        let mut blocks = vec![set("A", &["x"]), set("C", &["z"]), set("a", &["y"])];
        assert!(merge(&mut blocks));
        assert_eq!(shape(&blocks), ["A x,y", "C z"]);
    }

    #[test]
    fn a_deletion_wipes_out_what_came_before_it() {
        let mut blocks = vec![
            set("A", &["x"]),
            set("A\\B", &["b"]),
            set("AB", &["keep"]),
            deletion("a"),
            set("A", &["y"]),
            deletion("A"),
        ];
        assert!(drop_wiped_out(&mut blocks));
        assert_eq!(shape(&blocks), ["AB keep", "-A "]);
        assert!(!merge(&mut blocks));
    }

    #[test]
    fn a_value_set_again_keeps_its_place_with_the_later_data() {
        let mut blocks = vec![set("A", &["x", "y"]), set("a", &["X", "z"])];
        blocks[1].values[0].data = RegData::Dword(2);
        blocks[1].values.push(RegValue::named("y", RegData::Delete));
        assert!(merge(&mut blocks));
        assert_eq!(shape(&blocks), ["A x,z,y"]);
        assert_eq!(blocks[0].values[0].data, RegData::Dword(2));
        assert_eq!(blocks[0].values[2].data, RegData::Delete);
    }

    #[test]
    fn files_without_repeats_are_left_alone() {
        let mut blocks = vec![set("A", &["x"]), deletion("B"), set("C", &["z"])];
        assert!(!merge(&mut blocks));
        assert_eq!(shape(&blocks), ["A x", "-B ", "C z"]);
    }
}
