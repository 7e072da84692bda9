//! The store entry ID of a personal folders file (PST), which names the
//! file by its path: `Delivery Store EntryID`, `PR_ENTRYID` of the PST's
//! provider section, `PR_STORE_ENTRYID`, and the entries of the
//! multi-valued lists of stores (`1102039b` of the Outlook client section,
//! `PR_CONTAB_STORE_ENTRYIDS` of the Outlook Address Book).
//!
//! The layout, byte by byte:
//!
//! | bytes | field | source |
//! |---|---|---|
//! | 4 | flags, 0 | [MS-OXCDATA] 2.2.4.3 Store Object EntryID |
//! | 16 | provider UID: `MUIDSTORE_WRAP` 38a1bb1005e5101aa1bb08002b2a56c2 | [MS-OXCDATA] 2.2.4.3 |
//! | 1 | version, 0 | [MS-OXCDATA] 2.2.4.3 |
//! | 1 | flag, 0 | [MS-OXCDATA] 2.2.4.3 |
//! | n | the store provider's DLL name, NUL-terminated: `mspst.dll` | [MS-OXCDATA] 2.2.4.3 (`emsmdb.dll` there) |
//! | 0–3 | zeros up to a multiple of 4 from the start | MFCMAPI `EntryIdStruct.cpp` (`MessageDatabaseObject::parse`) |
//! | 4 | wrapped flags, 0 | [MS-OXCDATA] 2.2.4.3; MFCMAPI |
//! | 16 | wrapped provider UID: the PST provider's 4e495441f9bfb80100aa0037d96e0000 | real exports (every PST entry ID of the corpus) |
//! | 2 | zeros | real exports (where an Exchange store has a 4-byte wrapped type) |
//! | rest | the PST's path, NUL-terminated: UTF-16 LE (Unicode PST) or the ANSI code page | real exports |
//!
//! [MS-OXCDATA] documents the wrapper for Exchange stores, and MFCMAPI
//! parses no further than the DLL name for any other; what follows for a
//! PST is what every PST entry ID of real Outlook 2016 exports holds (both
//! UTF-16 and wrapped the same way). An entry ID of any other shape is not
//! taken for a PST's and is left as it is.

use encoding_rs::Encoding as CodePage;

use super::{string8_bytes, string8_text, unicode_bytes, unicode_text};

/// `MUIDSTORE_WRAP`: the provider UID of a wrapped store entry ID.
const STORE_WRAP: [u8; 16] = [
    0x38, 0xa1, 0xbb, 0x10, 0x05, 0xe5, 0x10, 0x1a, 0xa1, 0xbb, 0x08, 0x00, 0x2b, 0x2a, 0x56, 0xc2,
];

/// The PST provider's UID inside the wrapper.
const PST_PROVIDER: [u8; 16] = [
    0x4e, 0x49, 0x54, 0x41, 0xf9, 0xbf, 0xb8, 0x01, 0x00, 0xaa, 0x00, 0x37, 0xd9, 0x6e, 0x00, 0x00,
];

/// The DLL name of the PST provider.
const PST_DLL: &[u8] = b"mspst.dll";

/// A PST store entry ID taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PstEntryId<'a> {
    /// Everything before the path, kept byte for byte.
    head: &'a [u8],
    /// The path.
    pub path: String,
    /// The path is UTF-16 (a Unicode PST), else ANSI.
    pub unicode: bool,
}

impl<'a> PstEntryId<'a> {
    /// `bytes` as a PST store entry ID, when they are one.
    pub fn parse(bytes: &'a [u8], cp: &'static CodePage) -> Option<PstEntryId<'a>> {
        if bytes.get(..4)? != [0, 0, 0, 0] || bytes.get(4..20)? != STORE_WRAP {
            return None;
        }
        let dll_start = 22usize;
        let rest = bytes.get(dll_start..)?;
        let nul = rest.iter().position(|b| *b == 0)?;
        if !rest.get(..nul)?.eq_ignore_ascii_case(PST_DLL) {
            return None;
        }
        let after = dll_start.checked_add(nul)?.checked_add(1)?;
        let wrapped = after.checked_next_multiple_of(4)?;
        if bytes.get(after..wrapped)?.iter().any(|b| *b != 0) {
            return None;
        }
        let uid = wrapped.checked_add(4)?;
        let zeros = uid.checked_add(16)?;
        let path_start = zeros.checked_add(2)?;
        if bytes.get(wrapped..uid)? != [0, 0, 0, 0]
            || bytes.get(uid..zeros)? != PST_PROVIDER
            || bytes.get(zeros..path_start)? != [0, 0]
        {
            return None;
        }
        let head = bytes.get(..path_start)?;
        let tail = bytes.get(path_start..)?;
        let unicode = tail.get(1) == Some(&0);
        let path = if unicode {
            unicode_text(tail)?
        } else {
            let body = tail.strip_suffix(&[0])?;
            if body.contains(&0) {
                return None;
            }
            string8_text(tail, cp)?
        };
        Some(PstEntryId {
            head,
            path,
            unicode,
        })
    }

    /// The entry ID with `path` in place of its own; `None` when an ANSI
    /// entry ID cannot hold it in `cp`.
    pub fn with_path(&self, path: &str, cp: &'static CodePage) -> Option<Vec<u8>> {
        let encoded = if self.unicode {
            unicode_bytes(path)
        } else {
            string8_bytes(path, cp).ok()?
        };
        let mut out = Vec::with_capacity(self.head.len().saturating_add(encoded.len()));
        out.extend_from_slice(self.head);
        out.extend_from_slice(&encoded);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_id(path: &str, unicode: bool) -> Vec<u8> {
        let mut out = vec![0, 0, 0, 0];
        out.extend_from_slice(&STORE_WRAP);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(b"mspst.dll\0");
        // the DLL name ends on a multiple of 4: the wrapped flags follow
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&PST_PROVIDER);
        out.extend_from_slice(&[0, 0]);
        if unicode {
            out.extend_from_slice(&unicode_bytes(path));
        } else {
            out.extend_from_slice(&string8_bytes(path, encoding_rs::WINDOWS_1252).unwrap());
        }
        out
    }

    #[test]
    fn a_unicode_pst_entry_id_reads_and_takes_a_new_path() {
        let cp = encoding_rs::WINDOWS_1252;
        let old = entry_id("C:\\Users\\u\\Documents\\Outlook ファイル\\a.pst", true);
        let parsed = PstEntryId::parse(&old, cp).unwrap();
        assert!(parsed.unicode);
        assert_eq!(
            parsed.path,
            "C:\\Users\\u\\Documents\\Outlook ファイル\\a.pst"
        );
        let new = parsed.with_path("\\\\fs01\\home\\a.pst", cp).unwrap();
        assert_eq!(new, entry_id("\\\\fs01\\home\\a.pst", true));
        assert_eq!(
            PstEntryId::parse(&new, cp).unwrap().path,
            "\\\\fs01\\home\\a.pst"
        );
    }

    #[test]
    fn an_ansi_entry_id_keeps_its_code_page() {
        let cp = encoding_rs::WINDOWS_1252;
        let old = entry_id("C:\\Mail\\Persönlich.pst", false);
        let parsed = PstEntryId::parse(&old, cp).unwrap();
        assert!(!parsed.unicode);
        assert_eq!(parsed.path, "C:\\Mail\\Persönlich.pst");
        assert_eq!(
            parsed.with_path("D:\\Mail\\Persönlich.pst", cp).unwrap(),
            entry_id("D:\\Mail\\Persönlich.pst", false)
        );
        // a name 1252 cannot write is refused, not garbled
        assert_eq!(parsed.with_path("D:\\ファイル.pst", cp), None);
    }

    #[test]
    fn other_entry_ids_are_not_taken() {
        let cp = encoding_rs::WINDOWS_1252;
        let mut exchange = entry_id("x", true);
        exchange.splice(22..31, b"emsmdb.dl".iter().copied());
        assert_eq!(PstEntryId::parse(&exchange, cp), None);
        let folder = [
            0u8, 0, 0, 0, 0x58, 0xa2, 0x7c, 0x75, 0x27, 0x03, 0xb4, 0x4a, 0xb8, 0xa3, 0xc9, 0xac,
            0xa3, 0xfb, 0x54, 0x1c, 0x82, 0x80, 0, 0,
        ];
        assert_eq!(PstEntryId::parse(&folder, cp), None);
        let full = entry_id("C:\\a.pst", true);
        for cut in 0..full.len() {
            assert_eq!(PstEntryId::parse(&full[..cut], cp), None, "{cut}");
        }
    }
}
