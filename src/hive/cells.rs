//! Cells: the hive bins' storage units, each a 32-bit size (negative when
//! allocated) and its data, addressed by offsets relative to the start of
//! the hive bins. Every lookup is bounds-checked; a bad offset is a
//! [`Fault`] naming the byte offset in the file.

use std::fmt;

use super::base::BASE_LEN;

/// An offset that points nowhere.
pub const NOWHERE: u32 = u32::MAX;

/// Something wrong at a place in the hive file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The byte offset in the file.
    pub at: u64,
    /// What is wrong there.
    pub what: String,
}

impl Fault {
    /// A fault at `offset`, relative to the start of the hive bins.
    pub fn in_bins(offset: u32, what: impl Into<String>) -> Fault {
        Fault {
            at: file_offset(offset),
            what: what.into(),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte offset {:#x}: {}", self.at, self.what)
    }
}

/// The file offset of `offset`, relative to the start of the hive bins.
pub fn file_offset(offset: u32) -> u64 {
    u64::from(offset).saturating_add(BASE_LEN as u64)
}

/// The cells of a hive file.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'h> {
    bytes: &'h [u8],
    /// Where the hive bins end in `bytes`.
    end: usize,
}

impl<'h> Cells<'h> {
    /// The cells of `bytes`, whose hive bins are `bins_size` bytes long
    /// (or end with the file, if it is shorter).
    pub fn new(bytes: &'h [u8], bins_size: u32) -> Self {
        let end = usize::try_from(file_offset(bins_size)).unwrap_or(usize::MAX);
        Cells {
            bytes,
            end: end.min(bytes.len()),
        }
    }

    /// Where the hive bins end in the file: a bound on how much a valid
    /// hive can hold.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The data of the allocated cell at `offset`.
    pub fn cell(&self, offset: u32) -> Result<&'h [u8], Fault> {
        let fault = |what: String| Fault::in_bins(offset, what);
        if offset == NOWHERE {
            return Err(fault(
                "an offset that points nowhere where a cell is needed".into(),
            ));
        }
        let start = usize::try_from(file_offset(offset))
            .map_err(|_| fault("offset out of range".into()))?;
        let size_field = start
            .checked_add(4)
            .filter(|&e| e <= self.end)
            .and_then(|e| self.bytes.get(start..e))
            .ok_or_else(|| {
                fault(format!(
                    "a cell offset past the end of the hive bins (they end at byte offset {:#x})",
                    self.end
                ))
            })?;
        let raw = size_field
            .try_into()
            .map(i32::from_le_bytes)
            .map_err(|_| fault("no cell size".into()))?;
        if raw >= 0 {
            return Err(fault(format!(
                "a cell that is not in use (its size is {raw}, positive)"
            )));
        }
        let size = usize::try_from(raw.unsigned_abs()).unwrap_or(usize::MAX);
        let end = start
            .checked_add(size)
            .filter(|&e| e <= self.end && size >= 4);
        end.and_then(|e| self.bytes.get(start.saturating_add(4)..e))
            .ok_or_else(|| {
                fault(format!(
                    "a cell of {size} bytes that runs past the end of the hive bins (byte offset {:#x})",
                    self.end
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hive(cells: &[u8]) -> Vec<u8> {
        let mut bytes = vec![0u8; BASE_LEN];
        bytes.extend_from_slice(cells);
        bytes
    }

    #[test]
    fn an_allocated_cell_gives_its_data() {
        let bytes = hive(&[0xf8, 0xff, 0xff, 0xff, 1, 2, 3, 4]);
        let cells = Cells::new(&bytes, 8);
        assert_eq!(cells.cell(0).unwrap(), &[1, 2, 3, 4]);
    }

    #[test]
    fn bad_cells_are_faults_with_their_file_offset() {
        let bytes = hive(&[8, 0, 0, 0, 1, 2, 3, 4, 0x00, 0xff, 0xff, 0xff]);
        let cells = Cells::new(&bytes, 12);
        let free = cells.cell(0).unwrap_err();
        assert_eq!(free.at, 0x1000);
        assert!(free.what.contains("not in use"), "{free}");
        assert!(cells.cell(8).unwrap_err().what.contains("runs past"));
        assert!(cells.cell(100).unwrap_err().what.contains("past the end"));
        assert!(cells.cell(NOWHERE).unwrap_err().what.contains("nowhere"));
        assert_eq!(
            cells.cell(100).unwrap_err().to_string(),
            "at byte offset 0x1064: a cell offset past the end of the hive bins (they end at byte offset 0x100c)"
        );
    }
}
