//! Personal text inside binary values (entry IDs carry a store's path, an
//! address book entry its owner's name and address), overwritten in place:
//! the bytes keep their length, so every length and offset of the
//! structure around them stays valid and the value still reads.
//!
//! Three sweeps, each over UTF-16LE text and over single-byte (ANSI) text:
//! a run of printable characters that holds a path is replaced whole by
//! its path placeholder; an e-mail address in any run by its placeholder;
//! then every original replaced elsewhere in the document, wherever it
//! occurs. Placeholders are fitted to the length they replace
//! ([`fit`]).

use encoding_rs::Encoding as CodePage;

use super::placeholder::{Kind, Placeholders, fit};
use super::shape::{is_email, is_email_char, path_start, path_start_bytes, user_of_path};

/// The shortest run of text looked at.
const MIN_RUN: usize = 4;

/// Redact `bytes` in place, keeping its length; ANSI text is read in `cp`.
pub(super) fn redact(bytes: &mut [u8], names: &mut Placeholders, cp: &'static CodePage) {
    for start in [0, 1] {
        utf16_runs(bytes, start, names);
    }
    ansi_runs(bytes, names, cp);
    originals(bytes, names, cp);
}

/// The UTF-16LE runs of `bytes` from byte `start` on (every other byte).
fn utf16_runs(bytes: &mut [u8], start: usize, names: &mut Placeholders) {
    let units: Vec<u16> = bytes
        .get(start..)
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|p| {
            u16::from_le_bytes([
                p.first().copied().unwrap_or(0),
                p.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    for (from, to) in printable_utf16(&units) {
        let Some(run) = units.get(from..to) else {
            continue;
        };
        let Ok(text) = String::from_utf16(run) else {
            continue;
        };
        let at = |unit: usize| unit.checked_mul(2).and_then(|b| b.checked_add(start));
        if let Some(path) = path_start(&text).and_then(|i| text.get(i..)) {
            let placeholder = path_placeholder(path, names);
            if let Some(byte) = at(from) {
                put_utf16(bytes, byte, &fit(&placeholder, run.len()));
            }
            continue;
        }
        for (first, len, word) in email_words(run) {
            let placeholder = names.get(&word, Kind::Email);
            if let Some(byte) = from.checked_add(first).and_then(at) {
                put_utf16(bytes, byte, &fit(&placeholder, len));
            }
        }
    }
}

/// `(start, end)` of each run of at least [`MIN_RUN`] printable UTF-16
/// units (surrogates only in pairs).
fn printable_utf16(units: &[u16]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while let Some(&unit) = units.get(i) {
        let next = units.get(i.saturating_add(1)).copied();
        let step = if (0xD800..0xDC00).contains(&unit)
            && next.is_some_and(|n| (0xDC00..0xE000).contains(&n))
        {
            2
        } else if is_printable(unit) {
            1
        } else {
            0
        };
        if step == 0 {
            if i.saturating_sub(from) >= MIN_RUN {
                runs.push((from, i));
            }
            i = i.saturating_add(1);
            from = i;
        } else {
            i = i.saturating_add(step);
        }
    }
    if units.len().saturating_sub(from) >= MIN_RUN {
        runs.push((from, units.len()));
    }
    runs
}

fn is_printable(unit: u16) -> bool {
    unit >= 0x20
        && !(0x7F..0xA0).contains(&unit)
        && !(0xD800..0xE000).contains(&unit)
        && unit < 0xFFFE
}

/// The e-mail addresses among the ASCII words of a run: (first unit,
/// length, address).
fn email_words(run: &[u16]) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let len = run
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&u| char::from_u32(u32::from(u)).is_some_and(is_email_char))
            .count();
        if len == 0 {
            i = i.saturating_add(1);
            continue;
        }
        let word: String = run
            .get(i..i.saturating_add(len))
            .unwrap_or_default()
            .iter()
            .filter_map(|&u| char::from_u32(u32::from(u)))
            .collect();
        let trimmed = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if is_email(trimmed) {
            let lead = word.find(trimmed).unwrap_or(0);
            found.push((i.saturating_add(lead), trimmed.len(), trimmed.to_owned()));
        }
        i = i.saturating_add(len);
    }
    found
}

/// The single-byte runs of `bytes`: printable ASCII and any byte of 0x80
/// and above (the code page's letters).
fn ansi_runs(bytes: &mut [u8], names: &mut Placeholders, cp: &'static CodePage) {
    let mut runs = Vec::new();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 || b == 0x7F {
            if i.saturating_sub(from) >= MIN_RUN {
                runs.push((from, i));
            }
            from = i.saturating_add(1);
        }
    }
    if bytes.len().saturating_sub(from) >= MIN_RUN {
        runs.push((from, bytes.len()));
    }
    for (from, to) in runs {
        let Some(run) = bytes.get(from..to) else {
            continue;
        };
        if let Some(path) = path_start_bytes(run).and_then(|i| run.get(i..)) {
            let text = cp.decode_without_bom_handling(path).0.into_owned();
            let placeholder = fit(&path_placeholder(&text, names), run.len());
            if let Some(target) = bytes.get_mut(from..to) {
                target.copy_from_slice(placeholder.as_bytes());
            }
            continue;
        }
        let units: Vec<u16> = run.iter().map(|&b| u16::from(b)).collect();
        for (first, len, word) in email_words(&units) {
            let placeholder = fit(&names.get(&word, Kind::Email), len);
            let start = from.saturating_add(first);
            if let Some(target) = bytes.get_mut(start..start.saturating_add(len)) {
                target.copy_from_slice(placeholder.as_bytes());
            }
        }
    }
}

/// The placeholder of a path, with the user name in it known too.
fn path_placeholder(path: &str, names: &mut Placeholders) -> String {
    let placeholder = names.get(path, Kind::Path);
    if let Some(user) = user_of_path(path) {
        names.get(user, Kind::User);
    }
    placeholder
}

/// Every original of `names` long enough to be found by more than chance,
/// wherever it occurs in `bytes` as UTF-16LE, in the code page or as
/// UTF-8; the longest first, so that a name inside an address goes with it.
fn originals(bytes: &mut [u8], names: &Placeholders, cp: &'static CodePage) {
    let mut seen: Vec<_> = names
        .seen()
        .iter()
        .filter(|s| long_enough(&s.original))
        .collect();
    seen.sort_by_key(|s| std::cmp::Reverse(s.original.len()));
    for s in seen {
        let utf16: Vec<u8> = s
            .original
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let chars = s.original.encode_utf16().count();
        replace_all(bytes, &utf16, &utf16_bytes(&fit(&s.placeholder, chars)));
        let (ansi, _, unmappable) = cp.encode(&s.original);
        let mut single = vec![s.original.as_bytes().to_vec()];
        if !unmappable {
            single.push(ansi.into_owned());
        }
        for needle in single {
            replace_all(bytes, &needle, fit(&s.placeholder, needle.len()).as_bytes());
        }
    }
}

/// Whether an original is long enough to look for in binary data: three
/// characters, or two that are not ASCII (a name in Japanese).
pub(super) fn long_enough(original: &str) -> bool {
    let chars = original.chars().count();
    if original.is_ascii() {
        chars >= 3
    } else {
        chars >= 2
    }
}

/// Replace each occurrence of `needle` in `bytes` by `with`, of the same
/// length.
fn replace_all(bytes: &mut [u8], needle: &[u8], with: &[u8]) {
    if needle.is_empty() || needle.len() != with.len() {
        return;
    }
    let mut i: usize = 0;
    while let Some(end) = i.checked_add(needle.len()).filter(|&e| e <= bytes.len()) {
        match bytes.get_mut(i..end) {
            Some(window) if window == needle => {
                window.copy_from_slice(with);
                i = end;
            }
            _ => i = i.saturating_add(1),
        }
    }
}

fn utf16_bytes(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Write `text` as UTF-16LE at byte `at`, as far as `bytes` goes.
fn put_utf16(bytes: &mut [u8], at: usize, text: &str) {
    let encoded = utf16_bytes(text);
    if let Some(target) = bytes.get_mut(at..at.saturating_add(encoded.len()))
        && target.len() == encoded.len()
    {
        target.copy_from_slice(&encoded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str) -> Vec<u8> {
        utf16_bytes(text)
    }

    /// A PST store entry ID: the wrapping provider's UID, `mspst.dll`, the
    /// PST provider's UID and the path in UTF-16 (or ANSI).
    fn pst_entry_id(path: &[u8]) -> Vec<u8> {
        let mut id = vec![0, 0, 0, 0];
        id.extend_from_slice(&[0x38, 0xa1, 0xbb, 0x10, 0x05, 0xe5, 0x10, 0x1a]);
        id.extend_from_slice(&[0xa1, 0xbb, 0x08, 0x00, 0x2b, 0x2a, 0x56, 0xc2, 0, 0]);
        id.extend_from_slice(b"mspst.dll\0\0\0\0\0");
        id.extend_from_slice(&[0x4e, 0x49, 0x54, 0x41, 0xf9, 0xbf, 0xb8, 0x01]);
        id.extend_from_slice(&[0x00, 0xaa, 0x00, 0x37, 0xd9, 0x6e, 0, 0, 0, 0, 0, 0]);
        id.extend_from_slice(path);
        id
    }

    #[test]
    fn a_utf16_path_in_an_entry_id_is_replaced_whole() {
        let path = r"C:\Users\t_tanaka\Documents\Outlook ファイル\tanaka@example.jp.pst";
        let mut bytes = pst_entry_id(&[utf16(path), vec![0, 0]].concat());
        let before = bytes.clone();
        let mut names = Placeholders::default();
        redact(&mut bytes, &mut names, encoding_rs::WINDOWS_1252);
        assert_eq!(bytes.len(), before.len());
        assert_eq!(bytes.get(..56), before.get(..56), "the structure stays");
        let tail = bytes.get(56..bytes.len() - 2).unwrap();
        let expected = fit(r"C:\redacted\path1.pst", path.encode_utf16().count());
        assert_eq!(tail, utf16(&expected).as_slice());
        assert_eq!(names.known(path), Some(r"C:\redacted\path1.pst"));
        assert_eq!(names.known("t_tanaka"), Some("user1"));
    }

    #[test]
    fn an_ansi_path_and_known_originals_are_replaced() {
        let path = "D:\\Mail\\J\u{fc}rgen.pst";
        let ansi = encoding_rs::WINDOWS_1252.encode(path).0.into_owned();
        let mut bytes = pst_entry_id(&[ansi.clone(), vec![0]].concat());
        bytes.extend_from_slice(&utf16("mail.example.com"));
        bytes.extend_from_slice(b"\0jane@example.com\0");
        let mut names = Placeholders::default();
        names.get("mail.example.com", Kind::Host);
        redact(&mut bytes, &mut names, encoding_rs::WINDOWS_1252);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        assert!(text.contains("C:\\path1______.pst\0"), "{text:?}");
        assert!(!text.contains("rgen"), "{text:?}");
        assert!(text.contains("\0user1@invalid___\0"), "{text:?}");
        assert!(contains(&bytes, &utf16("host1___.invalid")));
        assert_eq!(bytes.len(), pst_entry_id(&ansi).len() + 1 + 32 + 18);
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn short_and_control_runs_are_left_alone() {
        let mut bytes = vec![0x41, 0, 0x42, 0, 0, 0, 0x01, 0x02, 0x43, 0x3a, 0x5c];
        let before = bytes.clone();
        redact(
            &mut bytes,
            &mut Placeholders::default(),
            encoding_rs::WINDOWS_1252,
        );
        assert_eq!(bytes, before);
    }
}
