//! Marvin32, the keyed hash Windows puts in each transaction log entry
//! (the specification's "Log entries", notes 1 to 3): two 32-bit lanes
//! mixed by additions, XORs and rotations over the data's little-endian
//! words, with a padding word at the end.

/// The seed of the log entry hashes, 82 EF 4D 88 7A 4E 55 C5 read as one
/// number (the first byte the most significant), as the hashes of real
/// logs bear out.
pub const LOG_SEED: u64 = 0x82EF_4D88_7A4E_55C5;

/// The 64-bit Marvin32 hash of `data` under `seed`: the low lane in the
/// low 32 bits.
pub fn hash(data: &[u8], seed: u64) -> u64 {
    let mut lanes = Lanes {
        lo: seed as u32,
        hi: (seed >> 32) as u32,
    };
    let words = data.chunks_exact(4);
    let tail = words.remainder();
    for word in words {
        let n = word.try_into().map(u32::from_le_bytes).unwrap_or(0);
        lanes.lo = lanes.lo.wrapping_add(n);
        lanes.mix();
    }
    let last = tail
        .iter()
        .rev()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    let pad = match tail.len() {
        0 => 0x80,
        1 => 0x8000,
        2 => 0x80_0000,
        _ => 0x8000_0000,
    };
    lanes.lo = lanes.lo.wrapping_add(last | pad);
    lanes.mix();
    lanes.mix();
    (u64::from(lanes.hi) << 32) | u64::from(lanes.lo)
}

struct Lanes {
    lo: u32,
    hi: u32,
}

impl Lanes {
    fn mix(&mut self) {
        self.hi ^= self.lo;
        self.lo = self.lo.rotate_left(20);
        self.lo = self.lo.wrapping_add(self.hi);
        self.hi = self.hi.rotate_left(9);
        self.hi ^= self.lo;
        self.lo = self.lo.rotate_left(27);
        self.lo = self.lo.wrapping_add(self.hi);
        self.hi = self.hi.rotate_left(19);
    }
}
