//! The base block: the first 4096 bytes of a hive file (signature `regf`,
//! sequence numbers, version, root cell, size of the hive bins, checksum).
//! Layout from Maxim Suhanov's "Windows registry file format
//! specification", section "Base block".

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{tag, take};
use nom::number::complete::le_u32;

/// The length of a primary file's base block; the hive bins start here.
pub const BASE_LEN: usize = 4096;

/// The part of the base block the checksum covers (and a transaction log
/// keeps a copy of).
pub const CHECKED_LEN: usize = 508;

/// The signature every base block starts with.
pub const SIGNATURE: &[u8; 4] = b"regf";

/// The fields of a base block that reading needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseBlock {
    /// Incremented when a write to the primary file begins.
    pub primary_sequence: u32,
    /// Incremented when it ends: equal to the primary one in a clean hive.
    pub secondary_sequence: u32,
    /// The hive writer's major version (1).
    pub major: u32,
    /// Its minor version (3 to 6): from 4 on, big values are split into
    /// segments; from 5 on, subkey lists carry name hashes.
    pub minor: u32,
    /// 0 in a primary file; 1 or 2 in an old-format log, 6 in a new-format one.
    pub file_type: u32,
    /// The root key's cell, relative to the start of the hive bins.
    pub root_cell: u32,
    /// How many bytes of hive bins follow the base block.
    pub bins_size: u32,
    /// The checksum the block holds.
    pub stored_checksum: u32,
    /// The checksum of the block's first 508 bytes as they are.
    pub computed_checksum: u32,
}

impl BaseBlock {
    /// The base block at the start of `bytes` (only its first 512 bytes
    /// are read, as much as a transaction log keeps); `None` when the
    /// bytes do not start with `regf` or are shorter than 512.
    pub fn parse(bytes: &[u8]) -> Option<BaseBlock> {
        let head = bytes.get(..CHECKED_LEN.checked_add(4)?)?;
        let (_, mut block) = fields(head).ok()?;
        block.computed_checksum = checksum(head.get(..CHECKED_LEN)?);
        Some(block)
    }

    /// Whether the checksum holds.
    pub fn checksum_ok(&self) -> bool {
        self.stored_checksum == self.computed_checksum
    }

    /// Whether the hive was left in the middle of a write: its sequence
    /// numbers differ or its checksum is wrong, so its transaction logs
    /// may hold newer data.
    pub fn is_dirty(&self) -> bool {
        self.primary_sequence != self.secondary_sequence || !self.checksum_ok()
    }
}

fn fields(input: &[u8]) -> IResult<&[u8], BaseBlock> {
    let (rest, (_, primary_sequence, secondary_sequence, _, major, minor, file_type)) = (
        tag(&SIGNATURE[..]),
        le_u32,
        le_u32,
        take(8usize),
        le_u32,
        le_u32,
        le_u32,
    )
        .parse(input)?;
    let (rest, (_format, root_cell, bins_size)) = (le_u32, le_u32, le_u32).parse(rest)?;
    // clustering factor, file name and reserved bytes up to the checksum
    let (rest, _) = take(CHECKED_LEN.saturating_sub(44))(rest)?;
    let (rest, stored_checksum) = le_u32(rest)?;
    Ok((
        rest,
        BaseBlock {
            primary_sequence,
            secondary_sequence,
            major,
            minor,
            file_type,
            root_cell,
            bins_size,
            stored_checksum,
            computed_checksum: 0,
        },
    ))
}

/// The XOR-32 checksum of `bytes` (508 of them): every little-endian
/// 32-bit word XORed together, with -1 written as -2 and 0 as 1.
pub fn checksum(bytes: &[u8]) -> u32 {
    let sum = bytes
        .chunks_exact(4)
        .filter_map(|w| w.try_into().ok().map(u32::from_le_bytes))
        .fold(0u32, |acc, w| acc ^ w);
    match sum {
        u32::MAX => u32::MAX - 1,
        0 => 1,
        n => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(primary: u32, secondary: u32) -> Vec<u8> {
        let mut bytes = vec![0u8; BASE_LEN];
        bytes[..4].copy_from_slice(SIGNATURE);
        bytes[4..8].copy_from_slice(&primary.to_le_bytes());
        bytes[8..12].copy_from_slice(&secondary.to_le_bytes());
        bytes[20..24].copy_from_slice(&1u32.to_le_bytes());
        bytes[24..28].copy_from_slice(&5u32.to_le_bytes());
        bytes[36..40].copy_from_slice(&0x20u32.to_le_bytes());
        bytes[40..44].copy_from_slice(&4096u32.to_le_bytes());
        let sum = checksum(&bytes[..CHECKED_LEN]);
        bytes[508..512].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn a_clean_block_reads_and_checks() {
        let parsed = BaseBlock::parse(&block(7, 7)).unwrap();
        assert_eq!(
            (parsed.minor, parsed.root_cell, parsed.bins_size),
            (5, 0x20, 4096)
        );
        assert!(parsed.checksum_ok());
        assert!(!parsed.is_dirty());
    }

    #[test]
    fn differing_sequence_numbers_or_a_bad_checksum_make_it_dirty() {
        assert!(BaseBlock::parse(&block(8, 7)).unwrap().is_dirty());
        let mut bad = block(7, 7);
        bad[100] ^= 1;
        let parsed = BaseBlock::parse(&bad).unwrap();
        assert!(!parsed.checksum_ok());
        assert!(parsed.is_dirty());
    }

    #[test]
    fn the_checksum_never_is_zero_or_all_ones() {
        assert_eq!(checksum(&[0u8; CHECKED_LEN]), 1);
        let mut ones = vec![0u8; CHECKED_LEN];
        ones[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(checksum(&ones), u32::MAX - 1);
    }

    #[test]
    fn anything_else_is_not_a_base_block() {
        assert_eq!(BaseBlock::parse(b"regf"), None);
        assert_eq!(BaseBlock::parse(&[0u8; BASE_LEN]), None);
    }
}
