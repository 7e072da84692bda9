//! Transaction logs (`NAME.LOG1`, `NAME.LOG2`) replayed onto a dirty
//! primary file, as the specification's "New format" sections describe:
//! each log starts with a 512-byte copy of the base block (file type 6),
//! then log entries (`HvLE`), each with a sequence number, the hive bins'
//! size, two Marvin32 hashes and the dirty pages it writes. Entries are
//! applied in sequence order across both logs, starting at the primary
//! file's secondary sequence number, and replay stops at a gap, a bad hash
//! or a bad size. The old format (`DIRT`, Windows 8 and earlier) is named,
//! not replayed.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::tag;
use nom::number::complete::{le_u32, le_u64};

use super::base::{BASE_LEN, BaseBlock, CHECKED_LEN, checksum};
use super::marvin::{self, LOG_SEED};

/// A log's first sector: its copy of the base block.
const SECTOR: usize = 512;
/// The size of a log entry's header.
const HEADER: usize = 40;
/// The most a replay lets the hive bins grow to (the registry's own
/// limit for a hive is 2 GiB; a user hive is far smaller).
const MOST_BINS: u32 = 0x7FFF_F000;

/// A transaction log file beside a hive.
#[derive(Debug, Clone, Copy)]
pub struct Log<'a> {
    /// Its name, for messages.
    pub name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

/// What a replay did, for people.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replay {
    /// Log entries applied.
    pub entries: u32,
    /// Pages written.
    pub pages: usize,
    /// The sequence number the hive reached.
    pub sequence: u32,
    /// What was found and not used (an old-format log, a bad entry).
    pub notes: Vec<String>,
}

/// One log entry, checked.
#[derive(Debug)]
struct Entry<'a> {
    sequence: u32,
    bins_size: u32,
    /// (offset in the hive bins, bytes)
    pages: Vec<(u32, &'a [u8])>,
}

/// Bring `hive` (a primary file whose base block is `base`) up to date
/// from `logs`; `base` is updated to what the hive's base block becomes.
pub fn replay(hive: &mut Vec<u8>, base: &mut BaseBlock, logs: &[Log<'_>]) -> Replay {
    let mut done = Replay {
        sequence: base.secondary_sequence,
        ..Replay::default()
    };
    // every entry of every new-format log, checked, with the log it is in
    let mut entries: Vec<(usize, Entry<'_>)> = Vec::new();
    let mut copies: Vec<(usize, BaseBlock)> = Vec::new();
    for (n, log) in logs.iter().enumerate() {
        match log_base(log) {
            Ok(copy) => {
                copies.push((n, copy));
                let (found, stop) = log_entries(log.bytes);
                entries.extend(found.into_iter().map(|e| (n, e)));
                done.notes
                    .extend(stop.map(|why| format!("{}: {why}", log.name)));
            }
            Err(why) => done.notes.push(format!("{}: {why}", log.name)),
        }
    }
    if !base.checksum_ok() {
        // the primary base block is not to be trusted: take the copy in
        // the log with the latest entries
        let Some(&(_, copy)) = copies.iter().max_by_key(|(_, c)| c.primary_sequence) else {
            return done;
        };
        *base = BaseBlock {
            file_type: 0,
            computed_checksum: copy.stored_checksum,
            ..copy
        };
        done.sequence = copy.primary_sequence;
        done.notes.push(
            "the hive's base block has a wrong checksum: its copy in the log was used".into(),
        );
    }
    entries.sort_by_key(|(_, e)| e.sequence);
    let mut expected = done.sequence;
    // the hive grows only into what the logs can fill (and a mebibyte):
    // a log that claims gigabytes of hive bins in a few bytes is not
    // followed
    let most = hive
        .len()
        .saturating_add(logs.iter().map(|l| l.bytes.len()).sum::<usize>())
        .saturating_add(1 << 20);
    for (n, entry) in entries.iter().filter(|(_, e)| e.sequence >= done.sequence) {
        if entry.sequence != expected {
            // the first entry may also be the one its log's base block
            // names, past the hive's: what comes before it was reconciled
            // into the hive already (the specification's note 7, and its
            // "Missing log entries" case)
            let starts_log = done.entries == 0
                && copies
                    .iter()
                    .any(|(i, c)| i == n && c.primary_sequence == entry.sequence);
            if !starts_log {
                break;
            }
            expected = entry.sequence;
        }
        let size = BASE_LEN.saturating_add(usize::try_from(entry.bins_size).unwrap_or(usize::MAX));
        if size > most {
            let name = logs.get(*n).map_or("a log", |l| l.name);
            done.notes.push(format!(
                "{name}: log entry {} makes the hive {} bytes, more than the hive and its logs hold; replay stops there",
                entry.sequence, entry.bins_size
            ));
            break;
        }
        apply(hive, base, entry);
        done.entries = done.entries.saturating_add(1);
        done.pages = done.pages.saturating_add(entry.pages.len());
        expected = expected.wrapping_add(1);
    }
    if done.entries > 0 {
        done.sequence = expected.wrapping_sub(1);
        base.primary_sequence = done.sequence;
        base.secondary_sequence = done.sequence;
        write_base(hive, base);
    }
    done
}

/// A log's copy of the base block, when the log is one that can be
/// replayed.
fn log_base(log: &Log<'_>) -> Result<BaseBlock, String> {
    let copy = BaseBlock::parse(log.bytes).ok_or("not a transaction log (no regf base block)")?;
    match copy.file_type {
        6 => {}
        1 | 2 => {
            return Err(
                "a transaction log of the old format (written before Windows 8.1), which mapiprof does not replay"
                    .into(),
            );
        }
        n => {
            return Err(format!(
                "a base block of file type {n}, not a transaction log"
            ));
        }
    }
    if !copy.checksum_ok() {
        return Err("its copy of the base block has a wrong checksum".into());
    }
    Ok(copy)
}

/// The log entries of a new-format log, in file order, up to the first
/// that is not whole and right; and why reading stopped there, when it
/// was not the end of the log.
fn log_entries(bytes: &[u8]) -> (Vec<Entry<'_>>, Option<String>) {
    let mut found = Vec::new();
    let mut at = SECTOR;
    while let Some(rest) = bytes.get(at..).filter(|r| r.len() >= HEADER) {
        if !rest.starts_with(b"HvLE") {
            break;
        }
        match entry(rest) {
            Ok((size, e)) => {
                found.push(e);
                at = at.saturating_add(size);
            }
            Err(why) => {
                return (
                    found,
                    Some(format!(
                        "log entry at byte offset {at:#x}: {why}; replay stops there"
                    )),
                );
            }
        }
    }
    (found, None)
}

/// The entry at the start of `bytes` and its size.
fn entry(bytes: &[u8]) -> Result<(usize, Entry<'_>), String> {
    let (_, (size, sequence, bins_size, count, hash1, hash2)) =
        header(bytes).map_err(|_| "cut short".to_owned())?;
    let len = usize::try_from(size).unwrap_or(usize::MAX);
    if len < HEADER || len % SECTOR != 0 {
        return Err(format!(
            "a size of {size} bytes (not a whole number of 512-byte sectors)"
        ));
    }
    let whole = bytes
        .get(..len)
        .ok_or_else(|| format!("{size} bytes, past the end of the log"))?;
    if bins_size % 4096 != 0 || bins_size > MOST_BINS {
        return Err(format!("hive bins of {bins_size} bytes"));
    }
    let body = whole.get(HEADER..).unwrap_or_default();
    let head = whole.get(..32).unwrap_or_default();
    if marvin::hash(body, LOG_SEED) != hash1 || marvin::hash(head, LOG_SEED) != hash2 {
        return Err("its hashes do not match its contents".into());
    }
    let refs_len = usize::try_from(count)
        .unwrap_or(usize::MAX)
        .saturating_mul(8);
    let refs = body
        .get(..refs_len)
        .ok_or("more page references than the entry holds")?;
    let mut data = body.get(refs_len..).unwrap_or_default();
    let mut pages = Vec::new();
    for r in refs.chunks_exact(8) {
        let word = |i: usize| {
            r.get(i..i.saturating_add(4))
                .and_then(|b| b.try_into().ok())
                .map_or(0, u32::from_le_bytes)
        };
        let (offset, size) = (word(0), word(4));
        let n = usize::try_from(size).unwrap_or(usize::MAX);
        if data.len() < n {
            return Err("a dirty page runs past the end of the entry".into());
        }
        let (page, more) = data.split_at(n);
        if u64::from(offset).saturating_add(u64::from(size)) > u64::from(bins_size) {
            return Err(format!("a dirty page at {offset:#x} outside the hive bins"));
        }
        pages.push((offset, page));
        data = more;
    }
    Ok((
        len,
        Entry {
            sequence,
            bins_size,
            pages,
        },
    ))
}

/// size, sequence, hive bins size, dirty page count, hash 1, hash 2
type Header = (u32, u32, u32, u32, u64, u64);

fn header(input: &[u8]) -> IResult<&[u8], Header> {
    let (rest, (_, size, _flags, sequence, bins_size, count, hash1, hash2)) = (
        tag(&b"HvLE"[..]),
        le_u32,
        le_u32,
        le_u32,
        le_u32,
        le_u32,
        le_u64,
        le_u64,
    )
        .parse(input)?;
    Ok((rest, (size, sequence, bins_size, count, hash1, hash2)))
}

/// Write the pages of `entry` into `hive`, growing it to the entry's size
/// of the hive bins.
fn apply(hive: &mut Vec<u8>, base: &mut BaseBlock, entry: &Entry<'_>) {
    let end = BASE_LEN.saturating_add(usize::try_from(entry.bins_size).unwrap_or(0));
    if hive.len() < end {
        hive.resize(end, 0);
    }
    base.bins_size = entry.bins_size;
    for &(offset, page) in &entry.pages {
        let start = BASE_LEN.saturating_add(usize::try_from(offset).unwrap_or(usize::MAX));
        if let Some(target) = hive.get_mut(start..start.saturating_add(page.len())) {
            target.copy_from_slice(page);
        }
    }
}

/// Put `base`'s sequence numbers and hive bins size into the hive's base
/// block, with its checksum.
fn write_base(hive: &mut [u8], base: &BaseBlock) {
    let mut put = |at: usize, n: u32| {
        if let Some(slot) = hive.get_mut(at..at.saturating_add(4)) {
            slot.copy_from_slice(&n.to_le_bytes());
        }
    };
    put(4, base.primary_sequence);
    put(8, base.secondary_sequence);
    put(28, 0);
    put(40, base.bins_size);
    let sum = hive.get(..CHECKED_LEN).map_or(1, checksum);
    if let Some(slot) = hive.get_mut(CHECKED_LEN..CHECKED_LEN.saturating_add(4)) {
        slot.copy_from_slice(&sum.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A base block (512 bytes) of file type `file_type` with sequence
    /// numbers `seq`, its checksum right.
    fn block(file_type: u32, seq: u32, bins: u32) -> Vec<u8> {
        let mut b = vec![0u8; SECTOR];
        b[..4].copy_from_slice(b"regf");
        b[4..8].copy_from_slice(&seq.to_le_bytes());
        b[8..12].copy_from_slice(&seq.to_le_bytes());
        b[20..24].copy_from_slice(&1u32.to_le_bytes());
        b[24..28].copy_from_slice(&5u32.to_le_bytes());
        b[28..32].copy_from_slice(&file_type.to_le_bytes());
        b[40..44].copy_from_slice(&bins.to_le_bytes());
        let sum = checksum(&b[..CHECKED_LEN]);
        b[508..512].copy_from_slice(&sum.to_le_bytes());
        b
    }

    /// A log entry with hashes right: sequence `seq`, hive bins of `bins`
    /// bytes, one page of 512 bytes of `fill` at `offset`.
    fn entry(seq: u32, bins: u32, offset: u32, fill: u8) -> Vec<u8> {
        let mut e = vec![0u8; 1024];
        e[..4].copy_from_slice(b"HvLE");
        e[4..8].copy_from_slice(&1024u32.to_le_bytes());
        e[12..16].copy_from_slice(&seq.to_le_bytes());
        e[16..20].copy_from_slice(&bins.to_le_bytes());
        e[20..24].copy_from_slice(&1u32.to_le_bytes());
        e[40..44].copy_from_slice(&offset.to_le_bytes());
        e[44..48].copy_from_slice(&512u32.to_le_bytes());
        e[48..560].fill(fill);
        let h1 = marvin::hash(&e[40..], LOG_SEED);
        e[24..32].copy_from_slice(&h1.to_le_bytes());
        let h2 = marvin::hash(&e[..32], LOG_SEED);
        e[32..40].copy_from_slice(&h2.to_le_bytes());
        e
    }

    fn dirty_hive() -> (Vec<u8>, BaseBlock) {
        let mut hive = block(0, 7, 4096);
        hive[4..8].copy_from_slice(&8u32.to_le_bytes());
        let sum = checksum(&hive[..CHECKED_LEN]);
        hive[508..512].copy_from_slice(&sum.to_le_bytes());
        hive.resize(BASE_LEN + 4096, 0);
        let base = BaseBlock::parse(&hive).unwrap();
        (hive, base)
    }

    #[test]
    fn entries_from_the_secondary_sequence_on_are_applied_in_order() {
        let (mut hive, mut base) = dirty_hive();
        let mut log = block(6, 7, 4096);
        log.extend(entry(6, 4096, 0, 0x11)); // already in the hive
        log.extend(entry(8, 8192, 4096, 0x33)); // the later one, first in the file
        log.extend(entry(7, 4096, 512, 0x22));
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG1",
                bytes: &log,
            }],
        );
        assert_eq!(
            (done.entries, done.pages, done.sequence),
            (2, 2, 8),
            "{:?}",
            done.notes
        );
        assert_eq!(
            hive.len(),
            BASE_LEN + 8192,
            "grown to the last entry's size"
        );
        assert_eq!(hive[BASE_LEN], 0, "entry 6 is not applied again");
        assert_eq!(hive[BASE_LEN + 512], 0x22);
        assert_eq!(hive[BASE_LEN + 4096], 0x33);
        let after = BaseBlock::parse(&hive).unwrap();
        assert!(!after.is_dirty(), "the base block is written clean");
        assert_eq!(after.bins_size, 8192);
    }

    #[test]
    fn a_log_may_start_past_the_hive_where_its_base_block_says() {
        // entry 7 was reconciled into the hive before the log was reused:
        // the log's base block names 8, where its entries start
        let (mut hive, mut base) = dirty_hive();
        let mut log = block(6, 8, 4096);
        log.extend(entry(8, 4096, 0, 0x44));
        log.extend(entry(9, 4096, 512, 0x55));
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG2",
                bytes: &log,
            }],
        );
        assert_eq!((done.entries, done.sequence), (2, 9), "{:?}", done.notes);
        assert_eq!(hive[BASE_LEN + 512], 0x55);
        // but not from an entry its base block does not name
        let (mut hive, mut base) = dirty_hive();
        let mut log = block(6, 7, 4096);
        log.extend(entry(8, 4096, 0, 0x44));
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG2",
                bytes: &log,
            }],
        );
        assert_eq!(done.entries, 0);
    }

    #[test]
    fn a_gap_a_bad_hash_or_a_size_past_the_logs_stops_the_replay() {
        let (mut hive, mut base) = dirty_hive();
        let mut log = block(6, 7, 4096);
        log.extend(entry(7, 4096, 0, 0x22));
        log.extend(entry(9, 4096, 0, 0x33)); // 8 is missing
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG1",
                bytes: &log,
            }],
        );
        assert_eq!(done.entries, 1);
        let (mut hive, mut base) = dirty_hive();
        let mut bad = block(6, 7, 4096);
        let mut e = entry(7, 4096, 0, 0x22);
        e[600] ^= 1;
        bad.extend(e);
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG1",
                bytes: &bad,
            }],
        );
        assert_eq!(done.entries, 0);
        assert!(
            done.notes.iter().any(|n| n.contains("hashes do not match")),
            "{:?}",
            done.notes
        );
        let (mut hive, mut base) = dirty_hive();
        let mut huge = block(6, 7, 4096);
        huge.extend(entry(7, 0x7FFF_0000, 0, 0x22));
        let done = replay(
            &mut hive,
            &mut base,
            &[Log {
                name: "LOG1",
                bytes: &huge,
            }],
        );
        assert_eq!(done.entries, 0);
        assert_eq!(hive.len(), BASE_LEN + 4096, "not grown");
        assert!(
            done.notes
                .iter()
                .any(|n| n.contains("more than the hive and its logs hold")),
            "{:?}",
            done.notes
        );
    }
}
