//! Key nodes (`nk`) and their subkey lists (`li`, `lf`, `lh`, and `ri`
//! over them), as the specification's "Key node" and "Subkeys list"
//! sections lay them out. Class names and security cells are not read.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{tag, take};
use nom::number::complete::{le_u16, le_u32};

use super::cells::{Cells, Fault, NOWHERE};

/// `KEY_COMP_NAME`: the name is stored one byte a character (Latin-1).
const COMPRESSED_NAME: u16 = 0x0020;

/// A key node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyNode {
    /// The cell it is in.
    pub offset: u32,
    /// Its name; `None` when its UTF-16 is not valid (unpaired surrogates).
    pub name: Option<String>,
    /// The stored name's bytes when they are not text (else empty).
    pub raw_name: Vec<u8>,
    /// How many bytes the stored name takes.
    pub name_len: usize,
    /// The subkey list's cell, or [`NOWHERE`].
    pub subkeys: u32,
    /// How many values the key holds.
    pub value_count: u32,
    /// The value list's cell.
    pub values: u32,
}

impl KeyNode {
    /// The key node in the cell at `offset`.
    pub fn read(cells: &Cells<'_>, offset: u32) -> Result<KeyNode, Fault> {
        let data = cells.cell(offset)?;
        let (_, (flags, subkey_count, subkeys, value_count, values, raw)) =
            node(data).map_err(|_| {
                Fault::in_bins(offset, "the cell is not a key node (nk) or is cut short")
            })?;
        let name = if flags & COMPRESSED_NAME != 0 {
            Some(raw.iter().copied().map(char::from).collect())
        } else {
            utf16(raw)
        };
        Ok(KeyNode {
            offset,
            raw_name: if name.is_none() {
                raw.to_vec()
            } else {
                Vec::new()
            },
            name,
            name_len: raw.len(),
            subkeys: if subkey_count == 0 { NOWHERE } else { subkeys },
            value_count,
            values,
        })
    }

    /// The name to show, with any bytes that are not text as `\u{fffd}`.
    pub fn shown_name(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| String::from_utf16_lossy(&units(&self.raw_name)))
    }
}

/// flags, subkey count, subkey list, value count, value list, name bytes
type NodeFields<'a> = (u16, u32, u32, u32, u32, &'a [u8]);

fn node(input: &[u8]) -> IResult<&[u8], NodeFields<'_>> {
    // signature, flags, timestamp, access bits, parent
    let (rest, (_, flags, _, _, _)) =
        (tag(&b"nk"[..]), le_u16, take(8usize), le_u32, le_u32).parse(input)?;
    // subkeys, volatile subkeys, their lists, values and their list
    let (rest, (subkey_count, _, subkeys, _, value_count, values)) =
        (le_u32, le_u32, le_u32, le_u32, le_u32, le_u32).parse(rest)?;
    // security, class, four largest-length fields, WorkVar
    let (rest, _) = take(28usize)(rest)?;
    let (rest, (name_len, _class_len)) = (le_u16, le_u16).parse(rest)?;
    let (rest, name) = take(name_len)(rest)?;
    Ok((
        rest,
        (flags, subkey_count, subkeys, value_count, values, name),
    ))
}

/// The subkeys' cells listed by the list at `offset`, in list order (which
/// is the order Windows enumerates them in), and what was wrong with the
/// list: what could be read is kept.
pub fn subkey_offsets(cells: &Cells<'_>, offset: u32) -> (Vec<u32>, Vec<Fault>) {
    let mut found = Vec::new();
    let mut faults = Vec::new();
    if offset == NOWHERE {
        return (found, faults);
    }
    let read = |at: u32, faults: &mut Vec<Fault>| match list(cells, at) {
        Ok((kind, elements, short)) => {
            faults.extend(short);
            Some((kind, elements))
        }
        Err(fault) => {
            faults.push(fault);
            None
        }
    };
    match read(offset, &mut faults) {
        Some((Kind::Root, lists)) => {
            for sub in lists {
                match read(sub, &mut faults) {
                    Some((Kind::Root, _)) => faults.push(Fault::in_bins(
                        sub,
                        "an index root (ri) inside an index root; skipped",
                    )),
                    Some((Kind::Leaf, keys)) => found.extend(keys),
                    None => {}
                }
            }
        }
        Some((Kind::Leaf, keys)) => found = keys,
        None => {}
    }
    (found, faults)
}

/// What kind of subkey list a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `li`, `lf` or `lh`: key nodes.
    Leaf,
    /// `ri`: other lists.
    Root,
}

/// The elements of the list at `offset` (the first 4 bytes of each), and
/// a fault when the list claims more than its cell holds (what fits is
/// kept).
fn list(cells: &Cells<'_>, offset: u32) -> Result<(Kind, Vec<u32>, Option<Fault>), Fault> {
    let data = cells.cell(offset)?;
    let (kind, width) = match data.get(..2) {
        Some(b"li") => (Kind::Leaf, 4),
        Some(b"lf" | b"lh") => (Kind::Leaf, 8),
        Some(b"ri") => (Kind::Root, 4),
        _ => {
            return Err(Fault::in_bins(
                offset,
                "the cell is not a subkey list (li, lf, lh or ri)",
            ));
        }
    };
    let count = data
        .get(2..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u16::from_le_bytes);
    let body = data.get(4..).unwrap_or_default();
    let elements: Vec<u32> = body
        .chunks_exact(width)
        .take(usize::from(count))
        .filter_map(|e| e.get(..4)?.try_into().ok().map(u32::from_le_bytes))
        .collect();
    let short = (elements.len() < usize::from(count)).then(|| {
        Fault::in_bins(
            offset,
            format!(
                "a subkey list that claims {count} elements in a cell that holds {}; those are read",
                elements.len()
            ),
        )
    });
    Ok((kind, elements, short))
}

/// The cells of the key's values, in order, and what was wrong with the
/// list (a count larger than the cell holds: what fits is kept).
pub fn value_offsets(cells: &Cells<'_>, key: &KeyNode) -> (Vec<u32>, Option<Fault>) {
    if key.value_count == 0 {
        return (Vec::new(), None);
    }
    let data = match cells.cell(key.values) {
        Ok(data) => data,
        Err(fault) => return (Vec::new(), Some(fault)),
    };
    let offsets: Vec<u32> = data
        .chunks_exact(4)
        .take(usize::try_from(key.value_count).unwrap_or(usize::MAX))
        .filter_map(|e| e.try_into().ok().map(u32::from_le_bytes))
        .collect();
    let short = (offsets.len() as u64) < u64::from(key.value_count);
    let fault = short.then(|| {
        Fault::in_bins(
            key.values,
            format!(
                "the key claims {} values and its value list holds {}",
                key.value_count,
                offsets.len()
            ),
        )
    });
    (offsets, fault)
}

/// UTF-16 LE bytes as text; `None` when they are not valid UTF-16.
pub fn utf16(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    String::from_utf16(&units(bytes)).ok()
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
        .collect()
}
