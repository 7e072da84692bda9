//! Multi-valued strings and binaries: a count, a table of offsets (and
//! lengths), then the items. 32-bit Outlook writes 4-byte fields, 64-bit
//! Outlook 8-byte ones; the layout is detected from the data and kept as a
//! [`Layout`] beside the items, so they are written back the same way.

/// Where multi-valued data keeps its offsets: 4 bytes wide (32-bit Outlook)
/// or 8 bytes wide (64-bit Outlook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// `u32` offsets (and `u32` lengths for binary items).
    #[default]
    Bits32,
    /// `u64` offsets (and `u64` lengths for binary items).
    Bits64,
}

impl Layout {
    fn width(self) -> usize {
        match self {
            Layout::Bits32 => 4,
            Layout::Bits64 => 8,
        }
    }
}

/// `u32 count; count × offset; NUL-terminated items` → the raw items (each
/// with its terminator). `unit` is the terminator width (1 or 2).
pub(crate) fn decode_strings(bytes: &[u8], unit: usize) -> Option<(Vec<Vec<u8>>, Layout)> {
    let count = usize::try_from(read_u32(bytes, 0)?).ok()?;
    [Layout::Bits32, Layout::Bits64]
        .into_iter()
        .find_map(|layout| {
            let header = 4usize.checked_add(count.checked_mul(layout.width())?)?;
            if count > 0 && read_field(bytes, 4, layout)? != header {
                return None;
            }
            // each item starts where the one before it ends: only such data
            // is read (it is what Outlook writes, and what decodes back
            // alike), and no item is copied twice however the offsets point
            let mut expected = header;
            let items = (0..count)
                .map(|i| {
                    let at = i.checked_mul(layout.width())?.checked_add(4)?;
                    let offset = read_field(bytes, at, layout)?;
                    if offset != expected {
                        return None;
                    }
                    let body = bytes.get(offset..)?;
                    let end = terminator_end(body, unit)?;
                    expected = offset.checked_add(end)?;
                    body.get(..end).map(<[u8]>::to_vec)
                })
                .collect::<Option<Vec<_>>>()?;
            Some((items, layout))
        })
}

/// The bytes of string items (each already terminated), back to back.
pub(crate) fn encode_strings(items: &[Vec<u8>], layout: Layout) -> Vec<u8> {
    let header = items.len().saturating_mul(layout.width()).saturating_add(4);
    let mut out =
        Vec::with_capacity(header.saturating_add(items.iter().map(Vec::len).sum::<usize>()));
    push_u32(&mut out, items.len());
    let mut offset = header;
    for item in items {
        push_field(&mut out, offset, layout);
        offset = offset.saturating_add(item.len());
    }
    for item in items {
        out.extend_from_slice(item);
    }
    out
}

/// `u32 count; count × (len, offset); items padded to 4 bytes`.
pub(crate) fn decode_binaries(bytes: &[u8]) -> Option<(Vec<Vec<u8>>, Layout)> {
    let count = usize::try_from(read_u32(bytes, 0)?).ok()?;
    [Layout::Bits32, Layout::Bits64]
        .into_iter()
        .find_map(|layout| {
            let pair = layout.width().saturating_mul(2);
            let header = 4usize.checked_add(count.checked_mul(pair)?)?;
            if count > 0 && read_field(bytes, layout.width().saturating_add(4), layout)? != header {
                return None;
            }
            // each item starts where the one before it ends, padded: see
            // decode_strings
            let mut expected = header;
            let items = (0..count)
                .map(|i| {
                    let at = i.checked_mul(pair)?.checked_add(4)?;
                    let len = read_field(bytes, at, layout)?;
                    let offset = read_field(bytes, at.checked_add(layout.width())?, layout)?;
                    if offset != expected {
                        return None;
                    }
                    let item = bytes.get(offset..offset.checked_add(len)?)?;
                    expected = offset.checked_add(len.checked_next_multiple_of(4)?)?;
                    Some(item.to_vec())
                })
                .collect::<Option<Vec<_>>>()?;
            Some((items, layout))
        })
}

/// The bytes of binary items, each padded with zeros to a multiple of 4.
pub(crate) fn encode_binaries(items: &[Vec<u8>], layout: Layout) -> Vec<u8> {
    let header = items
        .len()
        .saturating_mul(layout.width().saturating_mul(2))
        .saturating_add(4);
    let data: usize = items.iter().map(|i| padded(i.len())).sum();
    let mut out = Vec::with_capacity(header.saturating_add(data));
    push_u32(&mut out, items.len());
    let mut offset = header;
    for item in items {
        push_field(&mut out, item.len(), layout);
        push_field(&mut out, offset, layout);
        offset = offset.saturating_add(padded(item.len()));
    }
    for item in items {
        out.extend_from_slice(item);
        let padding = padded(item.len()).saturating_sub(item.len());
        out.resize(out.len().saturating_add(padding), 0);
    }
    out
}

fn padded(len: usize) -> usize {
    len.div_ceil(4).saturating_mul(4)
}

fn terminator_end(body: &[u8], unit: usize) -> Option<usize> {
    body.chunks_exact(unit)
        .position(|c| c.iter().all(|&b| b == 0))
        .map(|i| i.saturating_add(1).saturating_mul(unit))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at.checked_add(4)?)?
        .try_into()
        .ok()
        .map(u32::from_le_bytes)
}

fn read_field(bytes: &[u8], at: usize, layout: Layout) -> Option<usize> {
    match layout {
        Layout::Bits32 => usize::try_from(read_u32(bytes, at)?).ok(),
        Layout::Bits64 => {
            let raw: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
            usize::try_from(u64::from_le_bytes(raw)).ok()
        }
    }
}

fn push_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn push_field(out: &mut Vec<u8>, n: usize, layout: Layout) {
    match layout {
        Layout::Bits32 => push_u32(out, n),
        Layout::Bits64 => {
            out.extend_from_slice(&u64::try_from(n).unwrap_or(u64::MAX).to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_that_point_back_are_not_read() {
        // two items pointing at the same bytes: no layout Outlook writes,
        // and a way to make a small value decode to a huge one
        let mut bytes = Vec::new();
        push_u32(&mut bytes, 2);
        for _ in 0..2 {
            push_field(&mut bytes, 4, Layout::Bits32);
            push_field(&mut bytes, 20, Layout::Bits32);
        }
        bytes.extend_from_slice(&[1, 2, 3, 4]);
        assert_eq!(decode_binaries(&bytes), None);
        let mut strings = Vec::new();
        push_u32(&mut strings, 2);
        push_field(&mut strings, 12, Layout::Bits32);
        push_field(&mut strings, 12, Layout::Bits32);
        strings.extend_from_slice(b"ab\0");
        assert_eq!(decode_strings(&strings, 1), None);
        // the same items one after the other read
        let good = encode_binaries(&[vec![1, 2, 3, 4], vec![1, 2, 3, 4]], Layout::Bits32);
        assert_eq!(
            decode_binaries(&good).map(|(items, _)| items.len()),
            Some(2)
        );
    }

    #[test]
    fn mfcmapi_unicode_example() {
        // ["ab", "c"] as MFCMAPI writes it.
        let bytes = [
            2, 0, 0, 0, 12, 0, 0, 0, 18, 0, 0, 0, b'a', 0, b'b', 0, 0, 0, b'c', 0, 0, 0,
        ];
        let (items, layout) = decode_strings(&bytes, 2).unwrap();
        assert_eq!(layout, Layout::Bits32);
        assert_eq!(
            items,
            vec![vec![b'a', 0, b'b', 0, 0, 0], vec![b'c', 0, 0, 0]]
        );
        assert_eq!(encode_strings(&items, layout), bytes);
    }

    #[test]
    fn binary_layouts_are_told_apart() {
        let items = vec![vec![1u8; 30], vec![2u8; 90], vec![3u8; 51]];
        let narrow = encode_binaries(&items, Layout::Bits32);
        assert_eq!(narrow.len(), 204);
        assert_eq!(&narrow[4..12], &[30, 0, 0, 0, 28, 0, 0, 0]);
        assert_eq!(
            decode_binaries(&narrow),
            Some((items.clone(), Layout::Bits32))
        );
        let wide = encode_binaries(&items, Layout::Bits64);
        assert_eq!(
            &wide[4..20],
            &[30, 0, 0, 0, 0, 0, 0, 0, 52, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(decode_binaries(&wide), Some((items, Layout::Bits64)));
    }

    #[test]
    fn headers_that_do_not_add_up_are_refused() {
        assert_eq!(
            decode_binaries(&[1, 0, 0, 0, 5, 0, 0, 0, 99, 0, 0, 0]),
            None
        );
        assert_eq!(decode_strings(&[5, 0, 0, 0], 2), None);
        assert_eq!(
            decode_binaries(&[0, 0, 0, 0]),
            Some((vec![], Layout::Bits32))
        );
    }
}
