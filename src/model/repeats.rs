//! Keys named more than once in a file, as Regedit leaves them: a repeated
//! `[key]` adds to the key it names (the values of both blocks, later ones
//! winning), and a `[-key]` wipes out what came before it at or below that
//! key. The YAML form names each key once, so the model holds the result.

use crate::reg::{Block, RegData, RegValue, name};

/// `blocks` (one group, in file order) with every repeated key merged into
/// its first block, and blocks a later deletion wipes out dropped; whether
/// anything changed.
pub(super) fn merge(blocks: &mut Vec<Block>) -> bool {
    if !has_repeats(blocks) {
        return false;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        if block.delete {
            out.retain(|b| !is_within(&b.path, &block.path));
            out.push(block);
            continue;
        }
        match out
            .iter_mut()
            .find(|b| !b.delete && name::same(&b.path, &block.path))
        {
            Some(first) => add_values(first, block.values),
            None => out.push(block),
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

/// Whether some key is named twice, or a deletion follows a block at or
/// below the key it deletes.
fn has_repeats(blocks: &[Block]) -> bool {
    blocks.iter().enumerate().any(|(i, block)| {
        blocks.iter().take(i).any(|earlier| {
            if block.delete {
                is_within(&earlier.path, &block.path)
            } else {
                earlier.delete == block.delete && name::same(&earlier.path, &block.path)
            }
        })
    })
}

/// Whether `path` is `top` or below it.
fn is_within(path: &str, top: &str) -> bool {
    name::same(path, top) || name::strip_path_prefix(path, top).is_some()
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
        assert!(merge(&mut blocks));
        assert_eq!(shape(&blocks), ["AB keep", "-A "]);
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
