//! Hives made in tests, cell by cell, as the format specification lays
//! them out: a base block, one hive bin, and cells for key nodes (`nk`),
//! subkey lists (`lf`, `li`, `ri`), value lists, values (`vk`) and data,
//! big data (`db`) included. The offsets each cell gets are returned, so
//! that a test can break one place of an otherwise valid hive.

#![allow(dead_code, clippy::unwrap_used)]

/// The base block's length; the hive bins follow it.
pub const BASE: usize = 4096;
/// A hive bin's header.
const BIN_HEADER: usize = 32;

/// A hive under construction.
pub struct Builder {
    /// The hive bins data (starting with the bin header).
    bins: Vec<u8>,
    /// The minor version written in the base block.
    pub minor: u32,
    /// The security cell every key shares (hivex copies a parent's when
    /// it adds a key).
    security: u32,
}

impl Default for Builder {
    fn default() -> Self {
        let mut b = Builder {
            bins: vec![0; BIN_HEADER],
            minor: 5,
            security: u32::MAX,
        };
        b.security = b.security_cell();
        b
    }
}

impl Builder {
    /// A key security cell (`sk`) listing only itself, with a minimal
    /// self-relative security descriptor (no owner, group or lists).
    fn security_cell(&mut self) -> u32 {
        let at = self.bins.len() as u32;
        let mut sk = b"sk".to_vec();
        sk.extend_from_slice(&0u16.to_le_bytes());
        sk.extend_from_slice(&at.to_le_bytes()); // flink: itself
        sk.extend_from_slice(&at.to_le_bytes()); // blink: itself
        sk.extend_from_slice(&1u32.to_le_bytes()); // reference count
        let descriptor = [
            1u8, 0, 0x04, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        sk.extend_from_slice(&(descriptor.len() as u32).to_le_bytes());
        sk.extend_from_slice(&descriptor);
        self.cell(&sk)
    }

    /// A cell holding `data`; its offset from the start of the hive bins.
    pub fn cell(&mut self, data: &[u8]) -> u32 {
        let offset = self.bins.len() as u32;
        let size = (data.len() + 4).div_ceil(8) * 8;
        self.bins.extend_from_slice(&(-(size as i32)).to_le_bytes());
        self.bins.extend_from_slice(data);
        self.bins.resize(offset as usize + size, 0);
        offset
    }

    /// A value `name` of type `kind` holding `data` (in the value itself
    /// when 4 bytes or less, in a `db` record past 16,344 bytes).
    pub fn value(&mut self, name: &str, kind: u32, data: &[u8]) -> u32 {
        let (size, offset) = if data.len() <= 4 {
            let mut word = [0u8; 4];
            word[..data.len()].copy_from_slice(data);
            (0x8000_0000 | data.len() as u32, u32::from_le_bytes(word))
        } else if data.len() > 16_344 {
            let segments: Vec<u32> = data.chunks(16_344).map(|c| self.cell(c)).collect();
            let list: Vec<u8> = segments.iter().flat_map(|s| s.to_le_bytes()).collect();
            let list = self.cell(&list);
            let mut db = b"db".to_vec();
            db.extend_from_slice(&(segments.len() as u16).to_le_bytes());
            db.extend_from_slice(&list.to_le_bytes());
            (data.len() as u32, self.cell(&db))
        } else {
            (data.len() as u32, self.cell(data))
        };
        let mut vk = b"vk".to_vec();
        vk.extend_from_slice(&(name.len() as u16).to_le_bytes());
        vk.extend_from_slice(&size.to_le_bytes());
        vk.extend_from_slice(&offset.to_le_bytes());
        vk.extend_from_slice(&kind.to_le_bytes());
        vk.extend_from_slice(&1u16.to_le_bytes()); // ASCII name
        vk.extend_from_slice(&0u16.to_le_bytes());
        vk.extend_from_slice(name.as_bytes());
        self.cell(&vk)
    }

    /// A key node `name` with the subkey list `subkeys` (holding `count`
    /// keys) and the values `values`.
    pub fn key(&mut self, name: &str, subkeys: Option<(u32, u32)>, values: &[u32]) -> u32 {
        let list = if values.is_empty() {
            u32::MAX
        } else {
            let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
            self.cell(&bytes)
        };
        let (count, at) = subkeys.unwrap_or((0, u32::MAX));
        let mut nk = b"nk".to_vec();
        nk.extend_from_slice(&0x0020u16.to_le_bytes()); // ASCII name
        nk.extend_from_slice(&[0; 8]); // timestamp
        nk.extend_from_slice(&0u32.to_le_bytes()); // access bits
        nk.extend_from_slice(&0u32.to_le_bytes()); // parent
        nk.extend_from_slice(&count.to_le_bytes());
        nk.extend_from_slice(&0u32.to_le_bytes());
        nk.extend_from_slice(&at.to_le_bytes());
        nk.extend_from_slice(&u32::MAX.to_le_bytes());
        nk.extend_from_slice(&(values.len() as u32).to_le_bytes());
        nk.extend_from_slice(&list.to_le_bytes());
        nk.extend_from_slice(&self.security.to_le_bytes());
        nk.extend_from_slice(&u32::MAX.to_le_bytes()); // class
        nk.extend_from_slice(&[0; 20]);
        nk.extend_from_slice(&(name.len() as u16).to_le_bytes());
        nk.extend_from_slice(&0u16.to_le_bytes());
        nk.extend_from_slice(name.as_bytes());
        self.cell(&nk)
    }

    /// A subkey list of kind `sig` (`lf`, `lh`, `li` or `ri`) over `items`.
    pub fn list(&mut self, sig: &[u8; 2], items: &[u32]) -> u32 {
        let mut bytes = sig.to_vec();
        bytes.extend_from_slice(&(items.len() as u16).to_le_bytes());
        for item in items {
            bytes.extend_from_slice(&item.to_le_bytes());
            if sig != b"li" && sig != b"ri" {
                bytes.extend_from_slice(&[0; 4]);
            }
        }
        self.cell(&bytes)
    }

    /// A subkey list (`lf`) over `keys`: `(count, list)` for [`Builder::key`].
    pub fn subkeys(&mut self, keys: &[u32]) -> Option<(u32, u32)> {
        Some((keys.len() as u32, self.list(b"lf", keys)))
    }

    /// Overwrite bytes of the hive bins at `offset` (a cell offset + 4
    /// reaches its data).
    pub fn patch(&mut self, offset: usize, bytes: &[u8]) {
        self.bins[offset..offset + bytes.len()].copy_from_slice(bytes);
    }

    /// The hive file: base block (sequence numbers `seq`, root `root`,
    /// checksum right), then the bins padded to 4096 bytes.
    pub fn finish(mut self, root: u32, seq: (u32, u32)) -> Vec<u8> {
        let size = self.bins.len().div_ceil(4096) * 4096;
        let tail = size - self.bins.len();
        if tail >= 8 {
            // the rest of the bin is one free cell
            let at = self.bins.len();
            self.bins.resize(size, 0);
            self.bins[at..at + 4].copy_from_slice(&(tail as i32).to_le_bytes());
        } else {
            self.bins.resize(size, 0);
        }
        self.bins[..4].copy_from_slice(b"hbin");
        self.bins[8..12].copy_from_slice(&(size as u32).to_le_bytes());
        let mut hive = base_block(root, size as u32, self.minor, seq);
        hive.extend_from_slice(&self.bins);
        hive
    }
}

/// A primary file's base block.
pub fn base_block(root: u32, bins: u32, minor: u32, (primary, secondary): (u32, u32)) -> Vec<u8> {
    let mut b = vec![0u8; BASE];
    b[..4].copy_from_slice(b"regf");
    b[4..8].copy_from_slice(&primary.to_le_bytes());
    b[8..12].copy_from_slice(&secondary.to_le_bytes());
    b[20..24].copy_from_slice(&1u32.to_le_bytes());
    b[24..28].copy_from_slice(&minor.to_le_bytes());
    b[32..36].copy_from_slice(&1u32.to_le_bytes());
    b[36..40].copy_from_slice(&root.to_le_bytes());
    b[40..44].copy_from_slice(&bins.to_le_bytes());
    b[44..48].copy_from_slice(&1u32.to_le_bytes());
    set_checksum(&mut b);
    b
}

/// Recompute the checksum of the base block at the start of `bytes`.
pub fn set_checksum(bytes: &mut [u8]) {
    let sum = bytes[..508]
        .chunks_exact(4)
        .fold(0u32, |a, w| a ^ u32::from_le_bytes(w.try_into().unwrap()));
    let sum = match sum {
        u32::MAX => u32::MAX - 1,
        0 => 1,
        n => n,
    };
    bytes[508..512].copy_from_slice(&sum.to_le_bytes());
}

/// `text` as a `REG_SZ` stores it: UTF-16 LE with its NUL.
pub fn sz(text: &str) -> Vec<u8> {
    text.encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect()
}
