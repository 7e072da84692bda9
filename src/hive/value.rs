//! Key values (`vk`) and their data: held in the value's own offset field
//! (4 bytes or less), in one cell, or split into 16,344-byte segments
//! under a big data record (`db`, hives of version 1.4 and later), as the
//! specification's "Key value" and "Big data" sections lay them out.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::tag;
use nom::bytes::complete::take;
use nom::number::complete::{le_u16, le_u32};

use super::cells::{Cells, Fault};
use super::key::utf16;

/// `VALUE_COMP_NAME`: the name is stored one byte a character (Latin-1).
const COMPRESSED_NAME: u16 = 0x0001;
/// The data size's top bit: the data sits in the offset field.
const INLINE: u32 = 0x8000_0000;
/// The most data one cell holds before it is split into segments.
const SEGMENT: usize = 16_344;

/// A value read from a hive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiveValue {
    /// The name; empty for the key's default value. `None` when its UTF-16
    /// is not valid.
    pub name: Option<String>,
    /// The registry type number.
    pub kind: u32,
    /// The data, exactly as stored.
    pub data: Vec<u8>,
}

/// A value's record, read before its data: what the data will cost is
/// known (and can be refused) before anything is gathered.
#[derive(Debug, Clone, Copy)]
pub struct Record<'h> {
    offset: u32,
    size: u32,
    data_offset: u32,
    kind: u32,
    flags: u16,
    name: &'h [u8],
}

impl<'h> Record<'h> {
    /// The value record in the cell at `offset`.
    pub fn read(cells: &Cells<'h>, offset: u32) -> Result<Record<'h>, Fault> {
        let cell = cells.cell(offset)?;
        let (_, (size, data_offset, kind, flags, name)) = record(cell).map_err(|_| {
            Fault::in_bins(offset, "the cell is not a key value (vk) or is cut short")
        })?;
        Ok(Record {
            offset,
            size,
            data_offset,
            kind,
            flags,
            name,
        })
    }

    /// How many bytes the name and the data claim.
    pub fn claimed(&self) -> usize {
        let data = if self.size & INLINE != 0 {
            0
        } else {
            usize::try_from(self.size).unwrap_or(usize::MAX)
        };
        data.saturating_add(self.name.len())
    }

    /// The value, its data gathered; `minor` is the hive's minor version
    /// (big data records exist from 4 on). Data longer than `limit` is a
    /// fault, found before anything is gathered.
    pub fn value(&self, cells: &Cells<'_>, minor: u32, limit: usize) -> Result<HiveValue, Fault> {
        let data = data(
            cells,
            self.offset,
            self.size,
            self.data_offset,
            minor,
            limit,
        )?;
        let name = if self.flags & COMPRESSED_NAME != 0 {
            Some(self.name.iter().copied().map(char::from).collect())
        } else {
            utf16(self.name)
        };
        Ok(HiveValue {
            name,
            kind: self.kind,
            data,
        })
    }
}

/// size, data offset, type, flags, name bytes
type RecordFields<'a> = (u32, u32, u32, u16, &'a [u8]);

fn record(input: &[u8]) -> IResult<&[u8], RecordFields<'_>> {
    let (rest, (_, name_len, size, data_offset, kind, flags, _spare)) = (
        tag(&b"vk"[..]),
        le_u16,
        le_u32,
        le_u32,
        le_u32,
        le_u16,
        le_u16,
    )
        .parse(input)?;
    let (rest, name) = take(name_len)(rest)?;
    Ok((rest, (size, data_offset, kind, flags, name)))
}

fn data(
    cells: &Cells<'_>,
    at: u32,
    size: u32,
    data_offset: u32,
    minor: u32,
    limit: usize,
) -> Result<Vec<u8>, Fault> {
    if size & INLINE != 0 {
        let len = usize::try_from(size & !INLINE).unwrap_or(usize::MAX);
        let bytes = data_offset.to_le_bytes();
        return bytes.get(..len).map(<[u8]>::to_vec).ok_or_else(|| {
            Fault::in_bins(
                at,
                format!("a value of {len} bytes said to be held in its 4-byte offset field"),
            )
        });
    }
    let len = usize::try_from(size).unwrap_or(usize::MAX);
    if len == 0 {
        return Ok(Vec::new());
    }
    if len > limit {
        return Err(Fault::in_bins(
            at,
            format!("value data of {len} bytes, more than is left of what the hive can hold"),
        ));
    }
    let cell = cells.cell(data_offset)?;
    if len > SEGMENT && minor >= 4 && cell.starts_with(b"db") {
        return big(cells, data_offset, cell, len);
    }
    cell.get(..len).map(<[u8]>::to_vec).ok_or_else(|| {
        Fault::in_bins(
            data_offset,
            format!(
                "value data of {len} bytes in a cell that holds {}",
                cell.len()
            ),
        )
    })
}

/// The data of a big data record: its segments, each full but the last.
fn big(cells: &Cells<'_>, at: u32, record: &[u8], len: usize) -> Result<Vec<u8>, Fault> {
    let count = record
        .get(2..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u16::from_le_bytes);
    let list_at = record
        .get(4..8)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| Fault::in_bins(at, "a big data record (db) cut short"))?;
    let list = cells.cell(list_at)?;
    let needed = len.div_ceil(SEGMENT);
    if usize::from(count) < needed {
        return Err(Fault::in_bins(
            at,
            format!(
                "{len} bytes of value data need {needed} segments and the big data record (db) has {count}"
            ),
        ));
    }
    let mut out = Vec::new();
    for (n, entry) in list.chunks_exact(4).take(needed).enumerate() {
        let segment_at = entry.try_into().map(u32::from_le_bytes).unwrap_or(u32::MAX);
        let segment = cells.cell(segment_at)?;
        let want = len.saturating_sub(out.len()).min(SEGMENT);
        let part = segment.get(..want).ok_or_else(|| {
            Fault::in_bins(
                segment_at,
                format!(
                    "segment {n} of a big value holds {} bytes, not {want}",
                    segment.len()
                ),
            )
        })?;
        out.extend_from_slice(part);
    }
    if out.len() != len {
        return Err(Fault::in_bins(
            list_at,
            "a big data record's segment list is cut short",
        ));
    }
    Ok(out)
}
