//! Offline hives against a second reader: hivex's `hivexregedit`. Every
//! corpus hive is read whole by both (every key, value, type and byte,
//! in order), and the Outlook profiles mapiprof finds are checked against
//! hivex's export of the same keys. Then every sample export is merged
//! into a copy of a corpus hive by `hivexregedit --merge` (hivex writes
//! the cells, mapiprof reads them) and read back by both: the values must
//! be those mapiprof says an import of the sample stores (`reg::import`).
//!
//! The dirty corpus hive is brought up to date from its two logs; the
//! values its last log entries change are checked by name.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

mod common;
#[path = "common/hive_build.rs"]
mod hive_build;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::corpus_test;
use mapiprof::hive::{self, Log, Select};
use mapiprof::input;
use mapiprof::reg::{self, Block, RegData, RegValue, ValueName, name};

/// A key as compared: its path and its values as stored (name, type, bytes).
type Key = (String, Vec<(String, u32, Vec<u8>)>);

/// `hivexregedit`: `MAPIPROF_HIVEXREGEDIT` when set, else the one on `PATH`.
fn hivexregedit() -> PathBuf {
    std::env::var_os("MAPIPROF_HIVEXREGEDIT")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("hivexregedit"), PathBuf::from)
}

/// hivex's export of `key` (below the hive's root) under `HKEY_CURRENT_USER`.
fn hivex_export(hive: &Path, key: &str) -> Vec<Key> {
    let out = Command::new(hivexregedit())
        .args(["--export", "--prefix", "HKEY_CURRENT_USER"])
        .arg(hive)
        .arg(key)
        .output()
        .expect("hivexregedit runs (.ci/run installs libwin-hivex-perl)");
    assert!(
        out.status.success(),
        "hivexregedit --export {} {key}: {}",
        hive.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // hivex prints a name in Latin-1 when it can and in UTF-8 otherwise
    let text: String = out
        .stdout
        .split_inclusive(|&b| b == b'\n')
        .map(|line| match std::str::from_utf8(line) {
            Ok(utf8) => utf8.to_owned(),
            Err(_) => line.iter().copied().map(char::from).collect(),
        })
        .collect();
    hivex_keys(&text)
}

/// The keys of hivex's export, read as written: hivex writes every value
/// on one line, as `dword:` or `hex(N):`, so the bytes are those stored
/// (mapiprof's `.reg` reader would add the NUL Regedit adds to a string
/// stored without one).
fn hivex_keys(text: &str) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for line in text.lines() {
        if let Some(path) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            keys.push((reg::normalise_path(path), Vec::new()));
            continue;
        }
        let Some(key) = keys.last_mut() else { continue };
        let (name, data) = if let Some(data) = line.strip_prefix("@=") {
            (String::new(), data)
        } else if let Some(rest) = line.strip_prefix('"') {
            let end = rest.find("\"=").expect("a value line");
            let name = rest[..end].replace("\\\"", "\"").replace("\\\\", "\\");
            (name, &rest[end + 2..])
        } else {
            continue;
        };
        let (kind, bytes) = if let Some(hex) = data.strip_prefix("dword:") {
            (
                4,
                u32::from_str_radix(hex, 16).unwrap().to_le_bytes().to_vec(),
            )
        } else {
            let (kind, hex) = data
                .strip_prefix("hex(")
                .and_then(|d| d.split_once("):"))
                .expect("hex data");
            let bytes = hex
                .split(',')
                .filter(|b| !b.is_empty())
                .map(|b| u8::from_str_radix(b, 16).unwrap())
                .collect();
            (u32::from_str_radix(kind, 16).unwrap(), bytes)
        };
        key.1.push((name, kind, bytes));
    }
    keys
}

/// What mapiprof reads of `hive`.
fn mapiprof_read(bytes: &[u8], select: &Select) -> hive::HiveRead {
    hive::read(bytes, &[], select).unwrap()
}

fn keys(blocks: &[Block]) -> Vec<Key> {
    blocks
        .iter()
        .map(|b| {
            let values = b.values.iter().map(stored).collect();
            (reg::normalise_path(&b.path), values)
        })
        .collect()
}

fn stored(value: &RegValue) -> (String, u32, Vec<u8>) {
    let name = match &value.name {
        ValueName::Default => String::new(),
        ValueName::Named(n) => n.clone(),
    };
    let (kind, bytes) = match &value.data {
        RegData::String(text) => (
            1,
            text.encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        RegData::Dword(n) => (4, n.to_le_bytes().to_vec()),
        RegData::Hex { kind, bytes } => (*kind, bytes.clone()),
        RegData::Delete => panic!("a hive holds no deletions"),
    };
    (name, kind, bytes)
}

/// Compare two readings key by key; the figures (keys, values). hivex
/// sorts subkeys by their names' bytes and values by name, where Windows
/// enumerates both in stored order (subkeys sorted by their upper-case
/// names, values as set), which mapiprof keeps: both are compared sorted.
fn same(label: &str, ours: &[Key], theirs: &[Key]) -> (usize, usize) {
    let sorted = |keys: &[Key]| {
        let mut keys = keys.to_vec();
        keys.sort_by(|a, b| (name::fold(&a.0), &a.0).cmp(&(name::fold(&b.0), &b.0)));
        for key in &mut keys {
            key.1.sort();
        }
        keys
    };
    let (ours, theirs) = (sorted(ours), sorted(theirs));
    for (n, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert!(
            name::same(&a.0, &b.0),
            "{label}: key {n} is {} for mapiprof and {} for hivex",
            a.0,
            b.0
        );
        if a.1 != b.1 {
            let diff: Vec<_> =
                a.1.iter()
                    .zip(&b.1)
                    .filter(|(x, y)| x != y)
                    .take(1)
                    .collect();
            panic!(
                "{label}: values of {}: {} and {} values; first difference {diff:?}",
                a.0,
                a.1.len(),
                b.1.len()
            );
        }
    }
    assert_eq!(ours.len(), theirs.len(), "{label}: number of keys");
    assert!(!ours.is_empty(), "{label}: keys read");
    (ours.len(), ours.iter().map(|k| k.1.len()).sum())
}

fn corpus_hives() -> Vec<PathBuf> {
    common::files(&common::corpus().join("hives"), "dat")
}

corpus_test!(every_corpus_hive_reads_as_hivex_reads_it, {
    let (mut hives, mut keys, mut values) = (0, 0, 0);
    for hive in corpus_hives() {
        let bytes = std::fs::read(&hive).unwrap();
        let label = hive.file_name().unwrap().to_string_lossy().into_owned();
        let whole = Select::subtree("\\");
        let read = mapiprof_read(&bytes, &whole);
        let (k, v) = same(
            &label,
            &self::keys(&read.document.blocks),
            &hivex_export(&hive, "\\"),
        );
        hives += 1;
        keys += k;
        values += v;
    }
    eprintln!(
        "hives compared with hivex: {hives} hives, {keys} keys, {values} values, 0 differences"
    );
    assert_eq!(hives, 3);
});

corpus_test!(
    the_outlook_profiles_of_a_corpus_hive_are_those_hivex_exports,
    {
        let hive = common::corpus().join("hives/ntuser_o16_profile_pst_contab.DAT");
        let bytes = std::fs::read(&hive).unwrap();
        let read = mapiprof_read(&bytes, &Select::default());
        let blocks = &read.document.blocks;
        // the Outlook key with DefaultProfile alone, then the profile root's tree
        let outlook = "HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\Office\\16.0\\Outlook";
        assert_eq!(blocks[0].path, outlook);
        assert_eq!(
            blocks[0].values,
            [RegValue::named(
                "DefaultProfile",
                RegData::String("Outlook".into())
            )]
        );
        let tree = hivex_export(
            &hive,
            "\\SOFTWARE\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
        );
        same("profiles", &self::keys(&blocks[1..]), &tree);
        assert_eq!(tree.len(), 18, "the 18 keys SOURCES.md counts");
        let all = hivex_export(&hive, "\\SOFTWARE\\Microsoft\\Office\\16.0\\Outlook");
        let default = &all[0].1.iter().find(|v| v.0 == "DefaultProfile").unwrap();
        assert_eq!(self::keys(&blocks[..1])[0].1, [(*default).clone()]);
        assert!(
            read.warnings
                .iter()
                .any(|w| w.message.contains("no transaction logs were read")),
            "a dirty hive without its logs is said to be stale: {:?}",
            read.warnings
        );
    }
);

corpus_test!(a_hive_without_outlook_shows_nothing_and_says_so, {
    let bytes = std::fs::read(common::corpus().join("hives/ntuser_no_outlook.DAT")).unwrap();
    let read = mapiprof_read(&bytes, &Select::default());
    assert!(read.document.blocks.is_empty());
    assert!(
        read.warnings
            .iter()
            .any(|w| w.is_note() && w.message.contains("no Outlook profiles"))
    );
    assert!(
        read.warnings.iter().all(|w| w.is_note()),
        "{:?}",
        read.warnings
    );
});

/// The two logs of the dirty hive, as the reader takes them.
fn both<'a>(log1: &'a [u8], log2: &'a [u8]) -> [Log<'a>; 2] {
    [
        Log {
            name: "LOG1",
            bytes: log1,
        },
        Log {
            name: "LOG2",
            bytes: log2,
        },
    ]
}

/// The dirty hive with its logs: what replaying them changes.
fn dirty() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let dir = common::corpus().join("hives");
    let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
    (
        read("ntuser_dirty_with_logs.DAT"),
        read("ntuser_dirty_with_logs.DAT.LOG1"),
        read("ntuser_dirty_with_logs.DAT.LOG2"),
    )
}

corpus_test!(a_dirty_hive_is_brought_up_to_date_from_its_logs, {
    let (primary, log1, log2) = dirty();
    let logs = both(&log1, &log2);
    let whole = Select::subtree("\\");
    let stale = hive::read(primary.as_slice(), &[], &whole).unwrap();
    let replayed = hive::read(primary.as_slice(), &logs, &whole).unwrap();
    let note = replayed
        .warnings
        .iter()
        .find(|w| w.is_note())
        .expect("a note on the replay");
    assert!(
        note.message.contains("log entries") && note.message.contains("up to sequence number"),
        "{}",
        note.message
    );
    assert!(
        replayed.warnings.iter().all(|w| w.is_note()),
        "{:?}",
        replayed.warnings
    );
    let (before, after) = (
        keys(&stale.document.blocks),
        keys(&replayed.document.blocks),
    );
    let changed: Vec<&String> = after
        .iter()
        .filter(|k| !before.contains(k))
        .map(|k| &k.0)
        .collect();
    eprintln!("keys the logs change or add: {}", changed.len());
    assert!(!changed.is_empty(), "the logs change something");
    // values the logs are known to change (the display's scaling went
    // from 100% to 200% after the primary file was last written)
    let dword = |keys: &[Key], path: &str, value: &str| {
        let key = keys
            .iter()
            .find(|k| k.0 == format!("HKEY_CURRENT_USER\\{path}"))
            .unwrap();
        let v = key.1.iter().find(|v| v.0 == value).unwrap();
        u32::from_le_bytes(v.2.clone().try_into().unwrap())
    };
    let metrics = "Control Panel\\Desktop\\WindowMetrics";
    assert_eq!(dword(&before, metrics, "AppliedDPI"), 96);
    assert_eq!(dword(&after, metrics, "AppliedDPI"), 192);
    let desktop = "Control Panel\\Desktop";
    assert_eq!(dword(&before, desktop, "MaxVirtualDesktopDimension"), 2048);
    assert_eq!(dword(&after, desktop, "MaxVirtualDesktopDimension"), 2880);
    // the logs replayed in either order give the same hive
    let swapped = [logs[1], logs[0]];
    let again = hive::read(primary.as_slice(), &swapped, &whole).unwrap();
    assert_eq!(again.document, replayed.document);
});

/// The path below the hive root of a key a `.reg` names under the user's
/// hive, if it does.
fn below_user(path: &str) -> Option<String> {
    let (hive, rest) = path.split_once('\\')?;
    if name::same(hive, "HKEY_CURRENT_USER") {
        return Some(rest.to_owned());
    }
    let (_, rest) = rest
        .split_once('\\')
        .filter(|_| name::same(hive, "HKEY_USERS"))?;
    Some(rest.to_owned())
}

/// `hivexregedit --merge` of what `imported` leaves into `hive`, through
/// the `.reg` file `reg_file`.
fn hivex_merge(hive: &Path, imported: &reg::import::Imported, reg_file: &Path) {
    std::fs::write(reg_file, merge_text(imported)).unwrap();
    let out = Command::new(hivexregedit())
        .args(["--merge", "--prefix", "HKEY_CURRENT_USER"])
        .arg(hive)
        .arg(reg_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "hivexregedit --merge {}: {}",
        reg_file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A `.reg` for `hivexregedit --merge` that leaves what importing
/// `imported` leaves, every parent key first, all data as `hex(N):`, in UTF-8.
fn merge_text(imported: &reg::import::Imported) -> String {
    let mut blocks: Vec<Block> = Vec::new();
    let mut made: Vec<String> = Vec::new();
    for key in &imported.keys {
        let Some(rest) = below_user(&key.path) else {
            continue;
        };
        let mut path = "HKEY_CURRENT_USER".to_owned();
        for part in rest.split('\\') {
            path = format!("{path}\\{part}");
            if !made.iter().any(|m| name::same(m, &path)) {
                made.push(path.clone());
                blocks.push(Block::key(path.clone(), Vec::new()));
            }
        }
        let block = blocks
            .iter_mut()
            .rev()
            .find(|b| name::same(&b.path, &path))
            .unwrap();
        block.values = key
            .values
            .iter()
            .map(|v| RegValue {
                name: if v.name.is_empty() {
                    ValueName::Default
                } else {
                    ValueName::Named(v.name.clone())
                },
                data: RegData::Hex {
                    kind: v.kind,
                    bytes: v.bytes.clone(),
                },
            })
            .collect();
    }
    let doc = reg::Document {
        format: reg::Format::Regedit5,
        blocks,
    };
    reg::write(&doc, mapiprof::text::Newline::CrLf).unwrap()
}

corpus_test!(samples_merged_into_a_hive_by_hivex_read_back_as_imported, {
    let base = common::corpus().join("hives/ntuser_no_outlook.DAT");
    let dir = common::scratch("hive-merge");
    let (mut merged, mut compared, mut values) = (0, 0, 0);
    for sample in common::reg_samples() {
        if common::is_error_sample(&sample) {
            continue;
        }
        let label = sample.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&sample).unwrap();
        let parsed = input::read_reg(&bytes, None).unwrap();
        let mut imported = reg::import::import(&parsed.document(), parsed.codepage);
        imported.keys.retain(|k| below_user(&k.path).is_some());
        if imported.keys.is_empty() {
            continue;
        }
        let hive = dir.join(format!("{label}.DAT"));
        std::fs::copy(&base, &hive).unwrap();
        hivex_merge(&hive, &imported, &dir.join(format!("{label}.utf8.reg")));
        let hive_bytes = std::fs::read(&hive).unwrap();
        // what hivex wrote and mapiprof reads is what the import stores
        for key in &imported.keys {
            let rest = below_user(&key.path).unwrap();
            let select = Select::subtree(rest.clone());
            let read = mapiprof_read(&hive_bytes, &select);
            // a profile root comes with the DefaultProfile of its parent
            // key, which is not in hivex's export of the root
            let full = name::fold(&format!("HKEY_CURRENT_USER\\{rest}"));
            let mut ours = keys(&read.document.blocks);
            ours.retain(|k| {
                let path = name::fold(&k.0);
                path == full || path.starts_with(&format!("{full}\\"))
            });
            let theirs = hivex_export(&hive, &format!("\\{rest}"));
            same(&format!("{label}: {rest}"), &ours, &theirs);
            let want: Vec<(String, u32, Vec<u8>)> = key
                .values
                .iter()
                .map(|v| (v.name.clone(), v.kind, v.bytes.clone()))
                .collect();
            let mut want = want;
            want.sort();
            let mut got = ours[0].1.clone();
            got.sort();
            assert_eq!(got, want, "{label}: {rest} holds what the import stores");
            compared += 1;
            values += want.len();
        }
        // and the Outlook profiles in it are found
        let profiles = mapiprof_read(&hive_bytes, &Select::default());
        assert!(
            !profiles.document.blocks.is_empty(),
            "{label}: profiles found"
        );
        merged += 1;
    }
    eprintln!(
        "samples merged into hives by hivex: {merged} files, {compared} keys and {values} values read back as imported, 0 differences"
    );
    assert!(merged >= 8, "{merged}");
});

/// regipy (a Python reader with a log processor) as a second replay: its
/// copy of the dirty corpus hive, made with the first log only (regipy
/// applies every entry of a log whatever its sequence number, and the
/// second log holds only entry 562, which the primary file already has),
/// named by `MAPIPROF_REGIPY_RECOVERED`:
/// `regipy-process-transaction-logs HIVE -p HIVE.LOG1 -o RECOVERED`.
#[test]
#[ignore = "needs regipy's replay of the dirty corpus hive, named by MAPIPROF_REGIPY_RECOVERED"]
fn replay_matches_regipy() {
    let (primary, log1, log2) = dirty();
    let logs = both(&log1, &log2);
    let whole = Select::subtree("\\");
    let ours = hive::read(primary.as_slice(), &logs, &whole).unwrap();
    let theirs = std::fs::read(std::env::var_os("MAPIPROF_REGIPY_RECOVERED").unwrap()).unwrap();
    let theirs = hive::read(theirs.as_slice(), &[], &whole).unwrap();
    let (k, v) = same(
        "regipy",
        &keys(&ours.document.blocks),
        &keys(&theirs.document.blocks),
    );
    eprintln!("{k} keys {v} values alike");
}

/// The sample hive's sources: two sample exports (Outlook 2016 with
/// Outlook Anywhere, and Outlook 2007 under the Windows Messaging
/// Subsystem) and keys a user's hive holds beside them, which the profile
/// reading must leave out (another value of the Outlook key, its Options
/// subkey, a Control Panel key).
const SAMPLE_HIVE: &str = "hive/ntuser_o16_and_wms_profiles.dat";

fn sample_hive_sources() -> Vec<reg::import::Imported> {
    let mut out = Vec::new();
    for name in [
        "o16_exchange_outlook_anywhere.reg",
        "o2007_wms_proxy_dialog_port.reg",
    ] {
        let bytes = std::fs::read(common::samples().join("reg").join(name)).unwrap();
        let parsed = input::read_reg(&bytes, None).unwrap();
        out.push(reg::import::import(&parsed.document(), parsed.codepage));
    }
    let extra = "Windows Registry Editor Version 5.00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook]\r\n\
        \"DefaultProfile\"=\"Outlook\"\r\n\"FirstRunDialog\"=\"False\"\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Options\\Mail]\r\n\
        \"EnableLogging\"=dword:00000000\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles]\r\n\
        \"DefaultProfile\"=\"Outlook\"\r\n\r\n\
        [HKEY_CURRENT_USER\\Control Panel\\Desktop]\r\n\"WallPaper\"=\"C:\\\\Windows\\\\web\\\\wallpaper\\\\img0.jpg\"\r\n\r\n";
    let parsed = input::read_reg(extra.as_bytes(), None).unwrap();
    out.push(reg::import::import(&parsed.document(), parsed.codepage));
    out
}

/// Writes the sample hive: an empty hive made cell by cell, into which
/// hivex merges the sources. Run after changing them:
/// `cargo test --test hive write_sample_hive -- --ignored`.
#[test]
#[ignore = "writes samples/hive/ntuser_o16_and_wms_profiles.dat and lint_stale_damaged.dat"]
fn write_sample_hive() {
    let mut b = hive_build::Builder::default();
    let root = b.key(
        "CsiTool-CreateHive-{00000000-0000-0000-0000-000000000000}",
        None,
        &[],
    );
    let hive = common::samples().join(SAMPLE_HIVE);
    std::fs::write(&hive, b.finish(root, (1, 1))).unwrap();
    std::fs::write(common::samples().join(LINT_HIVE), lint_hive()).unwrap();
    let dir = common::scratch("hive-sample");
    for (n, imported) in sample_hive_sources().iter().enumerate() {
        hivex_merge(&hive, imported, &dir.join(format!("{n}.reg")));
    }
}

/// The lint sample: an Outlook 2016 profile in a hive left in the middle of
/// a write (its sequence numbers differ, its logs are not there) whose
/// second value points past the end of the hive (`hive-stale`,
/// `hive-damaged`). Rewritten by `write_sample_hive`.
const LINT_HIVE: &str = "hive/lint_stale_damaged.dat";

fn lint_hive() -> Vec<u8> {
    let mut b = hive_build::Builder::default();
    let port = b.value("0002662c", 3, &[0x71, 0x17]);
    let server = b.value("001f6622", 3, &hive_build::sz("mail.example.com:443"));
    let section = b.key("13dbb0c8aa05101a9bb000aa002fc45a", None, &[port, server]);
    let mut key = section;
    for name in [
        "Outlook",
        "Profiles",
        "Outlook",
        "16.0",
        "Office",
        "Microsoft",
        "Software",
    ] {
        let subkeys = b.subkeys(&[key]);
        key = b.key(name, subkeys, &[]);
    }
    let root_subkeys = b.subkeys(&[key]);
    let root = b.key(
        "CsiTool-CreateHive-{00000000-0000-0000-0000-000000000000}",
        root_subkeys,
        &[],
    );
    let mut bytes = b.finish(root, (12, 11));
    // the server value's data offset (12 bytes into its cell) points far
    // past the end
    let at = hive_build::BASE + server as usize + 4 + 8;
    bytes[at..at + 4].copy_from_slice(&0x0800_0000u32.to_le_bytes());
    bytes
}

#[test]
fn the_lint_hive_sample_is_what_it_says() {
    let bytes = std::fs::read(common::samples().join(LINT_HIVE)).unwrap();
    assert_eq!(bytes, lint_hive(), "rewrite it with write_sample_hive");
}

#[test]
fn the_sample_hive_holds_its_sources_and_only_the_profiles_are_read() {
    let bytes = std::fs::read(common::samples().join(SAMPLE_HIVE)).unwrap();
    let whole = Select::subtree("\\");
    let all = keys(&mapiprof_read(&bytes, &whole).document.blocks);
    for imported in sample_hive_sources() {
        // a key each source gives values to (parents come with none)
        for key in imported.keys.iter().filter(|k| !k.values.is_empty()) {
            let found = all.iter().find(|k| name::same(&k.0, &key.path)).unwrap();
            let mut want: Vec<_> = key
                .values
                .iter()
                .map(|v| (v.name.clone(), v.kind, v.bytes.clone()))
                .collect();
            let mut got = found.1.clone();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{}", key.path);
        }
    }
    let read = mapiprof_read(&bytes, &Select::default());
    assert!(
        read.warnings.iter().all(|w| w.is_note()),
        "{:?}",
        read.warnings
    );
    let paths: Vec<&str> = read
        .document
        .blocks
        .iter()
        .map(|b| b.path.as_str())
        .collect();
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("Options") || p.contains("Control Panel")),
        "{paths:?}"
    );
    assert_eq!(
        read.document.blocks[0].values.len(),
        1,
        "DefaultProfile alone"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("Windows Messaging Subsystem\\Profiles"))
    );
}
