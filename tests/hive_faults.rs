//! Hives made cell by cell: what a whole one reads as, and what each kind
//! of damage gives (an error or a warning naming the byte offset, never a
//! panic or a hang): a file cut anywhere, a wrong checksum, offsets out of
//! bounds, a subkey list that leads back to its own key, counts larger
//! than the file, an index root inside an index root, logs that do not fit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;
#[path = "common/hive_build.rs"]
mod hive_build;

use hive_build::{Builder, sz};
use mapiprof::hive::{self, HiveError, Log, Select};
use mapiprof::reg::{RegData, RegValue, ValueName};

const OUTLOOK: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook";

/// Offsets of the cells a test may break.
struct Made {
    bytes: Vec<u8>,
    /// The Exchange section's key node.
    section: u32,
    /// The profile key's subkey list.
    profile_list: u32,
    /// The port value's cell.
    port: u32,
}

/// A hive with one Outlook 16.0 profile: DefaultProfile, a section with a
/// port, a 40,000-byte value (big data) and a 4-byte value held inline.
fn made(seq: (u32, u32)) -> Made {
    let mut b = Builder::default();
    let port = b.value("0002662c", 3, &[0x71, 0x17]);
    let big = b.value("01020fff", 3, &vec![0xAB; 40_000]);
    let inline = b.value("00036601", 3, &[4, 0, 0, 0]);
    let section = b.key(
        "13dbb0c8aa05101a9bb000aa002fc45a",
        None,
        &[port, big, inline],
    );
    let profile_subkeys = b.subkeys(&[section]);
    let profile_list = profile_subkeys.unwrap().1;
    let profile = b.key("Outlook", profile_subkeys, &[]);
    let profiles_subkeys = b.subkeys(&[profile]);
    let profiles = b.key("Profiles", profiles_subkeys, &[]);
    let default = b.value("DefaultProfile", 1, &sz("Outlook"));
    let other = b.value("Other", 4, &[1, 0, 0, 0]);
    let outlook_subkeys = b.subkeys(&[profiles]);
    let outlook = b.key("Outlook", outlook_subkeys, &[other, default]);
    let mut key = outlook;
    for name in ["16.0", "Office", "Microsoft", "Software"] {
        let subkeys = b.subkeys(&[key]);
        key = b.key(name, subkeys, &[]);
    }
    let root_subkeys = b.subkeys(&[key]);
    let root = b.key("ROOT", root_subkeys, &[]);
    Made {
        bytes: b.finish(root, seq),
        section,
        profile_list,
        port,
    }
}

fn read(bytes: &[u8]) -> Result<hive::HiveRead, HiveError> {
    hive::read(bytes, &[], &Select::default())
}

/// The file offset of byte `at` of the data of the cell at `cell`.
fn field(cell: u32, at: usize) -> usize {
    hive_build::BASE + cell as usize + 4 + at
}

fn messages(read: &hive::HiveRead) -> String {
    read.warnings
        .iter()
        .map(|w| format!("{}\n", w.message))
        .collect()
}

#[test]
fn a_whole_hive_reads_as_a_regedit_export_of_the_profiles() {
    let m = made((9, 9));
    let read = read(&m.bytes).unwrap();
    assert!(read.warnings.is_empty(), "{}", messages(&read));
    let paths: Vec<&str> = read
        .document
        .blocks
        .iter()
        .map(|b| b.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            OUTLOOK.to_owned(),
            format!("{OUTLOOK}\\Profiles"),
            format!("{OUTLOOK}\\Profiles\\Outlook"),
            format!("{OUTLOOK}\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a"),
        ]
    );
    // the Outlook key gives DefaultProfile alone
    assert_eq!(
        read.document.blocks[0].values,
        [RegValue::named(
            "DefaultProfile",
            RegData::String("Outlook".into())
        )]
    );
    let section = &read.document.blocks[3].values;
    assert_eq!(
        section[0].data,
        RegData::Hex {
            kind: 3,
            bytes: vec![0x71, 0x17]
        }
    );
    assert_eq!(
        section[1].data,
        RegData::Hex {
            kind: 3,
            bytes: vec![0xAB; 40_000]
        }
    );
    assert_eq!(
        section[2].data,
        RegData::Hex {
            kind: 3,
            bytes: vec![4, 0, 0, 0]
        }
    );
    assert!(matches!(&section[0].name, ValueName::Named(n) if n == "0002662c"));
}

#[test]
fn another_root_and_another_key_are_read_as_asked() {
    let m = made((9, 9));
    let select = Select {
        root: "HKEY_USERS\\S-1-5-21-1-2-3-1001".into(),
        key: Some("HKEY_CURRENT_USER\\software\\MICROSOFT\\Office\\16.0".into()),
    };
    let read = hive::read(m.bytes.as_slice(), &[], &select).unwrap();
    assert_eq!(
        read.document.blocks[0].path,
        "HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Office\\16.0"
    );
    assert_eq!(read.document.blocks.len(), 5);
    // the Outlook key comes whole when it is asked for
    assert_eq!(read.document.blocks[1].values.len(), 2);
    let missing = Select::subtree("Software\\Microsoft\\Office\\15.0\\Outlook");
    let err = hive::read(m.bytes.as_slice(), &[], &missing).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the hive has no key Software\\Microsoft\\Office\\15.0\\Outlook \
         (it has HKEY_CURRENT_USER\\Software\\Microsoft\\Office, and no 15.0 below it)"
    );
}

#[test]
fn a_file_cut_anywhere_is_an_error_or_a_warning_never_a_panic() {
    let m = made((9, 9));
    for len in (0..m.bytes.len())
        .step_by(61)
        .chain([511, 512, 4096, 4097, 4100])
    {
        let cut = &m.bytes[..len];
        match read(cut) {
            Err(HiveError::NotHive | HiveError::Short { .. } | HiveError::Root(_)) => {}
            Err(other) => panic!("cut at {len}: {other}"),
            Ok(read) => {
                let text = messages(&read);
                assert!(text.contains("cut short"), "cut at {len}: {text}");
            }
        }
    }
    assert_eq!(
        read(&m.bytes[..100]).unwrap_err(),
        HiveError::Short { len: 100 }
    );
    assert_eq!(read(&m.bytes[..3]).unwrap_err(), HiveError::NotHive);
    assert_eq!(
        read(&m.bytes[..4096]).unwrap_err(),
        HiveError::Short { len: 4096 }
    );
}

#[test]
fn a_wrong_checksum_is_a_warning_naming_its_offset() {
    let mut m = made((9, 9));
    m.bytes[200] ^= 0x55;
    let read = read(&m.bytes).unwrap();
    let text = messages(&read);
    assert!(
        text.contains("so the header is damaged or was caught being written: byte offset 0x1fc"),
        "{text}"
    );
    assert!(text.contains("NAME.LOG1"), "{text}");
    assert_eq!(
        read.document.blocks.len(),
        4,
        "the keys are read all the same"
    );
}

#[test]
fn an_offset_past_the_end_is_a_warning_with_the_offset_and_the_rest_is_read() {
    let mut m = made((9, 9));
    // the port value's data offset field now points far past the end
    let at = field(m.port, 8);
    m.bytes[at..at + 4].copy_from_slice(&0x00F0_0000u32.to_le_bytes());
    // and its size no longer says "inline"
    let size = field(m.port, 4);
    m.bytes[size..size + 4].copy_from_slice(&2u32.to_le_bytes());
    let read = read(&m.bytes).unwrap();
    let text = messages(&read);
    assert!(
        text.contains("at byte offset 0xf01000: a cell offset past the end"),
        "{text}"
    );
    let section = &read.document.blocks[3].values;
    assert_eq!(section.len(), 2, "the other two values are read");
}

#[test]
fn a_subkey_list_that_leads_back_to_its_own_key_is_written_once() {
    let mut m = made((9, 9));
    // the section's own subkey list is the profile's list: the section
    // lists itself as its subkey
    let count = field(m.section, 20);
    m.bytes[count..count + 4].copy_from_slice(&1u32.to_le_bytes());
    let list = field(m.section, 28);
    m.bytes[list..list + 4].copy_from_slice(&m.profile_list.to_le_bytes());
    let read = read(&m.bytes).unwrap();
    let text = messages(&read);
    assert!(text.contains("a loop in the subkey lists"), "{text}");
    assert_eq!(read.document.blocks.len(), 4);
}

#[test]
fn counts_larger_than_the_file_are_bounded_by_their_cells() {
    let mut m = made((9, 9));
    let values = field(m.section, 36);
    m.bytes[values..values + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    let list_count = field(m.profile_list, 2);
    m.bytes[list_count..list_count + 2].copy_from_slice(&u16::MAX.to_le_bytes());
    let read = read(&m.bytes).unwrap();
    let text = messages(&read);
    assert!(text.contains("claims 65535 elements"), "{text}");
    assert!(text.contains("the key claims 4294967295 values"), "{text}");
}

#[test]
fn an_index_root_inside_an_index_root_is_skipped() {
    let mut b = Builder::default();
    let leaf = b.key("Leaf", None, &[]);
    let lf = b.list(b"lf", &[leaf]);
    let inner = b.list(b"ri", &[lf]);
    let outer = b.list(b"ri", &[inner, lf]);
    let root = b.key("ROOT", Some((1, outer)), &[]);
    let bytes = b.finish(root, (1, 1));
    let select = Select::subtree("\\");
    let read = hive::read(bytes.as_slice(), &[], &select).unwrap();
    let text = messages(&read);
    assert!(
        text.contains("an index root (ri) inside an index root"),
        "{text}"
    );
    assert_eq!(
        read.document.blocks.len(),
        2,
        "the root and the leaf the outer root lists"
    );
}

#[test]
fn versions_and_signatures_mapiprof_does_not_read_are_errors() {
    let mut m = made((9, 9));
    assert_eq!(
        read(b"Windows Registry Editor Version 5.00\r\n").unwrap_err(),
        HiveError::NotHive
    );
    m.bytes[24] = 1;
    hive_build::set_checksum(&mut m.bytes);
    assert_eq!(
        read(&m.bytes).unwrap_err().to_string(),
        "a hive of format version 1.1; mapiprof reads versions 1.3 to 1.6 (Windows NT 4.0 and later)"
    );
}

#[test]
fn a_dirty_hive_says_what_its_logs_could_and_could_not_do() {
    let m = made((10, 9));
    let stale = read(&m.bytes).unwrap();
    assert!(
        messages(&stale).contains("no transaction logs were read with it"),
        "{}",
        messages(&stale)
    );
    // a log of the old format is named, not replayed
    let mut old = hive_build::base_block(0, 4096, 5, (9, 9));
    old[28] = 1;
    hive_build::set_checksum(&mut old);
    let logs = [Log {
        name: "NTUSER.DAT.LOG",
        bytes: &old,
    }];
    let with_old = hive::read(m.bytes.as_slice(), &logs, &Select::default()).unwrap();
    let text = messages(&with_old);
    assert!(text.contains("old format"), "{text}");
    assert!(text.contains("hold nothing to replay"), "{text}");
    // a log whose entry does not match its hashes stops the replay there
    let mut bad = hive_build::base_block(0, 4096, 5, (9, 9));
    bad[28] = 6;
    hive_build::set_checksum(&mut bad);
    bad.truncate(512);
    let mut entry = vec![0u8; 512];
    entry[..4].copy_from_slice(b"HvLE");
    entry[4..8].copy_from_slice(&512u32.to_le_bytes());
    entry[12..16].copy_from_slice(&9u32.to_le_bytes());
    entry[16..20].copy_from_slice(&4096u32.to_le_bytes());
    bad.extend_from_slice(&entry);
    let logs = [Log {
        name: "NTUSER.DAT.LOG1",
        bytes: &bad,
    }];
    let with_bad = hive::read(m.bytes.as_slice(), &logs, &Select::default()).unwrap();
    let text = messages(&with_bad);
    assert!(
        text.contains("log entry at byte offset 0x200: its hashes do not match"),
        "{text}"
    );
    assert_eq!(with_bad.document, stale.document);
}

#[test]
fn shared_cells_do_not_make_gigabytes_of_a_small_file() {
    let mut b = Builder::default();
    // one segment listed 65,535 times under a value said to be 1 GB, and
    // that value listed a thousand times by one key
    let segment = b.cell(&vec![0x5A; 16_344]);
    let list: Vec<u8> = std::iter::repeat_n(segment.to_le_bytes(), 65_535)
        .flatten()
        .collect();
    let list = b.cell(&list);
    let mut db = b"db".to_vec();
    db.extend_from_slice(&u16::MAX.to_le_bytes());
    db.extend_from_slice(&list.to_le_bytes());
    let db = b.cell(&db);
    let mut vk = b"vk".to_vec();
    vk.extend_from_slice(&1u16.to_le_bytes());
    vk.extend_from_slice(&(65_535u32 * 16_344).to_le_bytes());
    vk.extend_from_slice(&db.to_le_bytes());
    vk.extend_from_slice(&3u32.to_le_bytes());
    vk.extend_from_slice(&1u16.to_le_bytes());
    vk.extend_from_slice(&0u16.to_le_bytes());
    vk.extend_from_slice(b"x");
    let value = b.cell(&vk);
    let key = b.key("Big", None, &vec![value; 1000]);
    let root_subkeys = b.subkeys(&[key]);
    let root = b.key("ROOT", root_subkeys, &[]);
    let bytes = b.finish(root, (1, 1));
    let select = Select::subtree("\\");
    let read = hive::read(bytes.as_slice(), &[], &select).unwrap();
    let text = messages(&read);
    // the 1 GB the value claims is refused before anything is gathered,
    // and reading stops there
    assert!(
        text.contains("reading the hive has come to eight times its size"),
        "{text}"
    );
    assert_eq!(read.warnings.len(), 1, "{text}");
    assert!(read.document.blocks[1].values.is_empty());
}

#[test]
fn paths_of_long_names_nested_deep_stop_at_a_budget() {
    let mut b = Builder::default();
    let name = "n".repeat(2000);
    let mut key = b.key(&name, None, &[]);
    for _ in 0..500 {
        let subkeys = b.subkeys(&[key]);
        key = b.key(&name, subkeys, &[]);
    }
    let root_subkeys = b.subkeys(&[key]);
    let root = b.key("ROOT", root_subkeys, &[]);
    let bytes = b.finish(root, (1, 1));
    let select = Select::subtree("\\");
    let read = hive::read(bytes.as_slice(), &[], &select).unwrap();
    let text = messages(&read);
    assert!(text.contains("eight times its size"), "{text}");
    let total: usize = read.document.blocks.iter().map(|b| b.path.len()).sum();
    assert!(total <= bytes.len() * 8 + (1 << 20), "{total}");
    assert!(read.document.blocks.len() < 500);
}

#[test]
fn keys_and_values_listed_again_and_again_cost_the_budget_not_the_time() {
    let mut b = Builder::default();
    // a key with a 60,000-byte name listed 60,000 times in one list, and
    // a value with a bad data offset and a long name listed 200,000 times
    let long = b.key(&"k".repeat(60_000), None, &[]);
    let list = b.list(b"li", &vec![long; 60_000]);
    let mut vk = b"vk".to_vec();
    vk.extend_from_slice(&60_000u16.to_le_bytes());
    vk.extend_from_slice(&100u32.to_le_bytes());
    vk.extend_from_slice(&0x0FFF_FFF0u32.to_le_bytes());
    vk.extend_from_slice(&3u32.to_le_bytes());
    vk.extend_from_slice(&1u16.to_le_bytes());
    vk.extend_from_slice(&0u16.to_le_bytes());
    vk.extend_from_slice("v".repeat(60_000).as_bytes());
    let value = b.cell(&vk);
    let key = b.key("K", Some((60_000, list)), &vec![value; 200_000]);
    let root_subkeys = b.subkeys(&[key]);
    let root = b.key("ROOT", root_subkeys, &[]);
    let bytes = b.finish(root, (1, 1));
    let select = Select::subtree("K");
    let read = hive::read(bytes.as_slice(), &[], &select).unwrap();
    let text = messages(&read);
    assert!(
        text.contains("a value listed twice in one key; read once")
            || text.contains("reading the hive has come to eight times its size"),
        "{text}"
    );
    assert!(
        text.contains("more problems of the hive, not listed"),
        "{text}"
    );
    assert!(read.document.blocks.len() <= 2);
}
