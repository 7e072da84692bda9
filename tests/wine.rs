//! Wine's `regedit` as a second implementation: every sample and corpus
//! `.reg`, every `.reg` mapiprof writes (YAML → `.reg`, `set`, `apply`,
//! `retarget`, `render --to reg`, `.prf → .reg` with and without `--base`),
//! the cases of `docs/regedit.md` and a few hundred generated documents are
//! imported into a fresh Wine prefix, and what Wine stored is compared with
//! what mapiprof says the import leaves (`reg::import`). Then the generated
//! documents are exported again with `regedit /E`, and each key's lines are
//! compared with what mapiprof wrote.
//!
//! Each file is moved under a key of its own before the import
//! (`[HKEY_LOCAL_MACHINE\X]` becomes `[HKEY_CURRENT_USER\MapiprofWine\N\HKEY_LOCAL_MACHINE\X]`),
//! so that one run of `regedit` imports them all; mapiprof reads the same
//! moved bytes.
//!
//! Wine's own departures from Windows are listed in `WINE_DEVIATIONS`, with
//! their evidence; a difference of that kind is counted, not failed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    missing_docs
)]

mod common;
#[path = "common/wine.rs"]
mod wine;

use std::collections::BTreeMap;
use std::path::Path;

use mapiprof::input;
use mapiprof::reg::import::{Imported, import};
use mapiprof::reg::{self, Block, Document, ItemKind, RegData, RegValue, ValueName, name};
use mapiprof::text::Newline;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use wine::{Stored, UserReg};

/// The key every imported file goes under.
const TOP: &str = "MapiprofWine";

/// Where Wine is known to store something else than Windows would. Each is
/// `(name, evidence)`; a difference is put down to one by `deviation`.
const WINE_DEVIATIONS: &[(&str, &str)] = &[(
    "string data by encoding",
    "Wine reads the hex(1)/hex(2)/hex(7) bytes of a file as UTF-16 when the file starts with a byte-order \
     mark and as ANSI otherwise, whatever its header; Windows goes by the header (a version 5 file saved as \
     ANSI keeps its UTF-16 hex(2) values, the way administrators edit exports in Notepad)",
)];

/// Cases (by the start of their label) that Wine runs alone, because of a
/// Wine bug that would reach into the files after them in the same run;
/// each case ends with the line concerned, so that nothing of it is lost.
const WINE_ALONE: &[(&str, &str)] = &[
    (
        "a \\0 escape in a string",
        "Wine 8.0 stops the import at a string holding the escape \\0 (its current importer ignores the \
         value and goes on, as mapiprof does; Windows is untested), and its line reader then loses the \
         start of the next file",
    ),
    (
        "a string ending in a backslash",
        "the same, for a backslash at the end of a string's line",
    ),
    (
        "a type number over 32 bits",
        "Wine leaves errno at ERANGE after refusing hex(100000000), so a later hex(ffffffff) in the same \
         run is refused too (Windows stores it: Wine's conformance test Wine13h)",
    ),
];

/// One file to import.
struct Case {
    label: String,
    bytes: Vec<u8>,
}

#[test]
#[cfg_attr(
    skip_wine_tests,
    ignore = "Wine not found: install wine64 (Debian: apt-get install wine64) or set MAPIPROF_WINE, then touch build.rs"
)]
fn wine_regedit_stores_what_mapiprof_says() {
    let program = wine::program().expect(
        "Wine not found: .ci/run installs wine64; elsewhere install it or set MAPIPROF_WINE",
    );
    let dir = common::scratch("wine");
    let mut cases = files_of(&common::samples().join("reg"));
    if Path::new(env!("MAPIPROF_CORPUS_DIR")).is_dir() {
        let corpus = common::corpus();
        cases.extend(files_of(&corpus.join("reg")));
        cases.extend(files_of(&corpus.join("misc")));
    }
    let samples = cases.len();
    cases.extend(written_by_mapiprof(&dir.join("written")));
    let written = cases.len() - samples;
    cases.extend(regedit_cases());
    let generated = generated_documents(300);
    let first_generated = cases.len();
    cases.extend(generated.iter().enumerate().map(|(i, doc)| Case {
        label: format!("generated #{i}"),
        bytes: common::utf16(&reg::write(doc, Newline::CrLf).unwrap()),
    }));

    // files that stop Regedit (a [-key] it cannot carry out) or that
    // mapiprof refuses go last, one run each, so they cannot stop the others
    let import_dir = dir.join("import");
    std::fs::create_dir_all(&import_dir).unwrap();
    let mut batch = Vec::new();
    let mut alone = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let path = import_dir.join(format!("{n}.reg"));
        std::fs::write(&path, relocate(&case.bytes, n)).unwrap();
        let stops = match input::read_reg(&relocate(&case.bytes, n), None) {
            Ok(read) => read
                .parsed
                .file
                .items
                .iter()
                .any(|i| matches!(i.kind, ItemKind::Halt)),
            Err(_) => true,
        } || WINE_ALONE
            .iter()
            .any(|(label, _)| case.label.starts_with(label));
        if stops {
            alone.push(path)
        } else {
            batch.push(path)
        }
    }
    let prefix = wine::Prefix::new(program, dir.join("prefix"));
    let stored = prefix.import(&batch, &alone);

    let mut differences = Vec::new();
    let mut deviations: BTreeMap<&str, usize> = BTreeMap::new();
    let mut values = 0;
    for (n, case) in cases.iter().enumerate() {
        let moved = relocate(&case.bytes, n);
        let expected = expected_by_mapiprof(&moved, n);
        let actual = stored_by_wine(&stored, n);
        values += actual.values().map(Vec::len).sum::<usize>();
        for difference in compare(&expected, &actual) {
            match deviation(&moved, &difference) {
                Some(known) => *deviations.entry(known).or_default() += 1,
                None => differences.push(format!("{}: {difference}", case.label)),
            }
        }
    }

    // the byte layout: Wine's export of each generated key, line for line
    let exported = prefix.export(
        &format!("HKEY_CURRENT_USER\\{TOP}"),
        &dir.join("export.reg"),
    );
    let mut layout_differences = Vec::new();
    for (i, case) in cases[first_generated..].iter().enumerate() {
        let moved = relocate(&case.bytes, first_generated + i);
        let units: Vec<u16> = moved[2..]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let ours = String::from_utf16(&units).unwrap();
        for (key, mut entries) in wine::export_blocks(&ours) {
            let Some(theirs) = exported.get(&key) else {
                layout_differences.push(format!("generated #{i}: {key} not exported"));
                continue;
            };
            let mut theirs = theirs.clone();
            // Wine exports values sorted by name, Windows in the order they were set
            entries.sort();
            theirs.sort();
            if entries != theirs {
                layout_differences.push(format!(
                    "generated #{i} {key}:\n  mapiprof: {entries:?}\n  Wine:     {theirs:?}"
                ));
            }
        }
    }

    eprintln!(
        "Wine imported {} files ({samples} samples and corpus files, {written} written by mapiprof, \
         {} Regedit cases, {} generated documents; {} key by key in their own run): {values} values; \
         differences: {}; Wine's known deviations: {deviations:?}; generated keys exported line for line \
         with {} differences",
        cases.len(),
        first_generated - samples - written,
        generated.len(),
        alone.len(),
        differences.len(),
        layout_differences.len(),
    );
    assert!(
        differences.is_empty(),
        "Wine stored otherwise:\n{}",
        differences.join("\n")
    );
    assert!(
        layout_differences.is_empty(),
        "Wine exported otherwise:\n{}",
        layout_differences.join("\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The `.reg` files of `dir`, error samples included.
fn files_of(dir: &Path) -> Vec<Case> {
    common::files(dir, "reg")
        .into_iter()
        .map(|path| Case {
            label: path.file_name().unwrap().to_string_lossy().into_owned(),
            bytes: std::fs::read(&path).unwrap(),
        })
        .collect()
}

/// What mapiprof's writers produce from the samples: YAML → `.reg` of every
/// `.reg` sample, `set`, `apply`, `retarget`, `rewrite` (of a sample and of
/// the real exports), `render --to reg`, and `.prf → .reg` with and without
/// `--base`.
fn written_by_mapiprof(dir: &Path) -> Vec<Case> {
    std::fs::create_dir_all(dir).unwrap();
    let run = |args: &[&str]| {
        let out = common::mapiprof_in(dir, args);
        assert!(
            out.status.success(),
            "mapiprof {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let sample = |name: &str| common::samples().join(name).to_string_lossy().into_owned();
    let mut outputs = Vec::new();
    let mut sources = common::reg_samples();
    if Path::new(env!("MAPIPROF_CORPUS_DIR")).is_dir() {
        sources.extend(common::corpus_reg_files());
    }
    for path in sources {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let yaml = format!("{stem}.yaml");
        run(&[
            "convert",
            &path.to_string_lossy(),
            "--to",
            "yaml",
            "-o",
            &yaml,
        ]);
        let back = format!("{stem}.from-yaml.reg");
        run(&[
            "convert",
            &yaml,
            "--to",
            "reg",
            "--allow-any-key",
            "-o",
            &back,
        ]);
        outputs.push(back);
        // fmt, as it is and sorted: Wine must store what it stores of the
        // file itself (the fmt laws say mapiprof reads both alike)
        for (suffix, extra) in [("tidy", None), ("sorted", Some("--sort"))] {
            let tidy = format!("{stem}.{suffix}.reg");
            let path = path.to_string_lossy();
            let mut args = vec!["fmt", &*path, "-o", &tidy];
            args.extend(extra);
            run(&args);
            outputs.push(tidy);
        }
    }
    let export = sample("reg/o16_exchange_outlook_anywhere.reg");
    run(&[
        "set",
        &export,
        "RPCProxyServer=mail.example.com:44300",
        "TCPExchangePort=6001",
        "-o",
        "set.reg",
    ]);
    std::fs::write(
        dir.join("patch.yaml"),
        "mapiprof: 1\nprofiles:\n  \"*\":\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         RPCProxyServer: mail.example.com:44300\n      TCPExchangePort: 6010\n",
    )
    .unwrap();
    run(&["apply", "patch.yaml", &export, "-o", "apply.reg"]);
    run(&[
        "retarget",
        &sample("reg/o2007_wms_proxy_dialog_port.reg"),
        "--outlook",
        "2016",
        "-o",
        "retarget.reg",
    ]);
    std::fs::write(
        dir.join("profile.yaml.j2"),
        "mapiprof: 1\nsource: {format: regedit5, encoding: utf-16le, bom: true, newline: crlf}\n\
         root: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
         profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
         RPCProxyServer: {{ proxy }}\n      TCPExchangePort: {{ port }}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sites.csv"),
        "site,proxy,port\nberlin,\"mail \\\"x\\\".example.com:44300\",6001\n",
    )
    .unwrap();
    run(&[
        "render",
        "profile.yaml.j2",
        "--vars",
        "sites.csv",
        "--out-dir",
        "render",
        "--to",
        "reg",
        "--name",
        "{{ site }}.reg",
    ]);
    outputs.push("render/berlin.reg".into());
    run(&[
        "convert",
        &sample("prf/oct2016_exchange_rpc_http_static_ports.prf"),
        "--to",
        "reg",
        "--base",
        &export,
        "--profile",
        "Outlook",
        "--partial",
        "-o",
        "base.reg",
    ]);
    run(&[
        "convert",
        &sample("prf/kb833799_static_ports_outlook2003.prf"),
        "--to",
        "reg",
        "--outlook",
        "2016",
        "--profile",
        "Outlook",
        "-o",
        "prf.reg",
    ]);
    run(&[
        "rewrite",
        &sample("reg/o2013_two_profiles_ldap_pop3_third_party.reg"),
        "--map-path",
        "D:\\Mail=\\\\fs01\\mail\\%USERNAME%",
        "--map-host",
        "exch02.corp.example.com=exch03.corp.example.com",
        "--rename-profile",
        "Work=Arbeit",
        "-o",
        "rewrite.reg",
    ]);
    outputs.extend(
        [
            "set.reg",
            "apply.reg",
            "retarget.reg",
            "base.reg",
            "prf.reg",
            "rewrite.reg",
        ]
        .map(String::from),
    );
    // a migration of the real exports: PST paths in strings, store entry
    // IDs and their multi-valued lists moved to a share
    if Path::new(env!("MAPIPROF_CORPUS_DIR")).is_dir() {
        for (n, path) in common::corpus_reg_files().iter().enumerate() {
            let name = format!("rewrite-corpus-{n}.reg");
            run(&[
                "rewrite",
                &path.to_string_lossy(),
                "--map-path",
                "C:\\Users=\\\\fs01\\home",
                "-o",
                &name,
            ]);
            outputs.push(name);
        }
    }
    outputs
        .into_iter()
        .map(|name| Case {
            bytes: std::fs::read(dir.join(&name)).unwrap(),
            label: format!("written by mapiprof: {name}"),
        })
        .collect()
}

/// The cases of `docs/regedit.md`, each in a `REGEDIT4` file (ANSI), in a
/// version 5 file (UTF-16 with a byte-order mark, as Regedit exports) and in
/// a version 5 file saved as ANSI.
fn regedit_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (label, body) in common::regedit_cases::BODIES {
        let v4 = format!("REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n{body}");
        let v5 =
            format!("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n{body}");
        out.push(Case {
            label: format!("{label} (REGEDIT4)"),
            bytes: encoding_rs::WINDOWS_1252.encode(&v4).0.into_owned(),
        });
        out.push(Case {
            label: format!("{label} (version 5, ANSI)"),
            bytes: encoding_rs::WINDOWS_1252.encode(&v5).0.into_owned(),
        });
        out.push(Case {
            label: format!("{label} (version 5)"),
            bytes: common::utf16(&v5),
        });
    }
    // the longest value name the registry takes, and one more
    let names = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"{}\"=\"1\"\r\n\"{}\"=\"2\"\r\n\"z\"=\"3\"\r\n",
        "v".repeat(16_384),
        "w".repeat(16_383)
    );
    out.push(Case {
        label: "value names of 16,384 and 16,383 characters".to_owned(),
        bytes: common::utf16(&names),
    });
    for (label, text) in common::regedit_cases::FILES {
        out.push(Case {
            label: (*label).to_owned(),
            bytes: common::utf16(text),
        });
    }
    out
}

/// Move every key line of a file under `HKEY_CURRENT_USER\MapiprofWine\N`:
/// `[ROOT…]` becomes `[HKEY_CURRENT_USER\MapiprofWine\N\ROOT…]`, `[-ROOT…]`
/// likewise. A line naming a root alone, a root and a second backslash, or no
/// root Regedit knows, stays (moved, it would mean something else).
fn relocate(bytes: &[u8], n: usize) -> Vec<u8> {
    let prefix = format!("HKEY_CURRENT_USER\\{TOP}\\{n}\\");
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let moved = relocate_units(&units, &prefix.encode_utf16().collect::<Vec<u16>>());
        let mut out = vec![0xFF, 0xFE];
        out.extend(moved.into_iter().flat_map(u16::to_le_bytes));
        out.extend(body.chunks_exact(2).remainder());
        out
    } else {
        relocate_units(bytes, prefix.as_bytes())
    }
}

fn relocate_units<T: Copy + Into<u32>>(units: &[T], prefix: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(units.len().saturating_add(prefix.len().saturating_mul(64)));
    let breaks = |u: &T| matches!((*u).into(), 0x0A | 0x0D);
    let mut first = true;
    for line in units.split_inclusive(breaks) {
        match (!first).then(|| key_root_at(line)).flatten() {
            Some(k) => {
                out.extend_from_slice(&line[..k]);
                out.extend_from_slice(prefix);
                out.extend_from_slice(&line[k..]);
            }
            None => out.extend_from_slice(line),
        }
        first = false;
    }
    out
}

/// Where the root of a key line starts, when the line is `[ROOT\…]` or
/// `[-ROOT\…]` with something below the root.
fn key_root_at<T: Copy + Into<u32>>(line: &[T]) -> Option<usize> {
    let at = |i: usize| line.get(i).map(|&u| u.into());
    let mut k = 0;
    while matches!(at(k), Some(0x20 | 0x09)) {
        k += 1;
    }
    if at(k) != Some(u32::from(b'[')) {
        return None;
    }
    k += 1;
    if at(k) == Some(u32::from(b'-')) {
        k += 1;
    }
    reg::ROOTS
        .iter()
        .any(|root| {
            root.bytes().enumerate().all(|(j, b)| {
                at(k + j).is_some_and(|u| u < 128 && (u as u8).eq_ignore_ascii_case(&b))
            }) && at(k + root.len()) == Some(u32::from(b'\\'))
                && !matches!(
                    at(k + root.len() + 1),
                    Some(0x5C | 0x5D | 0x0A | 0x0D) | None
                )
        })
        .then_some(k)
}

/// What mapiprof says importing `bytes` leaves under `MapiprofWine\N`: key
/// path below it (as first spelt) → values sorted by name.
fn expected_by_mapiprof(bytes: &[u8], n: usize) -> BTreeMap<String, Vec<Stored>> {
    let Ok(read) = input::read_reg(bytes, None) else {
        return BTreeMap::new(); // refused: Regedit imports nothing either
    };
    let imported: Imported = import(&read.document(), read.codepage);
    let top = format!("HKEY_CURRENT_USER\\{TOP}\\{n}");
    imported
        .keys
        .iter()
        .filter_map(|key| {
            let below = name::strip_path_prefix(&key.path, &top)?;
            Some((below.to_owned(), sorted(key.values.clone())))
        })
        .collect()
}

/// What Wine stored under `MapiprofWine\N`.
fn stored_by_wine(stored: &UserReg, n: usize) -> BTreeMap<String, Vec<Stored>> {
    let top = format!("{TOP}\\{n}");
    stored
        .keys
        .iter()
        .filter_map(|(path, values)| {
            let below = name::strip_path_prefix(path, &top)?;
            Some((below.to_owned(), sorted(values.clone())))
        })
        .collect()
}

fn sorted(mut values: Vec<Stored>) -> Vec<Stored> {
    values.sort_by(|a, b| name::compare(&a.name, &b.name));
    values
}

/// One difference between the two registries.
#[derive(Debug)]
enum Difference {
    Key {
        path: String,
        ours: bool,
    },
    Value {
        path: String,
        ours: Option<Stored>,
        theirs: Option<Stored>,
    },
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Key { path, ours: true } => {
                write!(f, "key {path:?}: mapiprof has it, Wine does not")
            }
            Difference::Key { path, ours: false } => {
                write!(f, "key {path:?}: Wine has it, mapiprof does not")
            }
            Difference::Value { path, ours, theirs } => {
                write!(f, "key {path:?}: mapiprof {ours:?}, Wine {theirs:?}")
            }
        }
    }
}

fn compare(
    ours: &BTreeMap<String, Vec<Stored>>,
    theirs: &BTreeMap<String, Vec<Stored>>,
) -> Vec<Difference> {
    let mut out = Vec::new();
    for (path, values) in ours {
        let Some(other) = theirs.get(path) else {
            out.push(Difference::Key {
                path: path.clone(),
                ours: true,
            });
            continue;
        };
        for value in values {
            let same = other.iter().find(|o| name::same(&o.name, &value.name));
            if same != Some(value) {
                out.push(Difference::Value {
                    path: path.clone(),
                    ours: Some(value.clone()),
                    theirs: same.cloned(),
                });
            }
        }
        for value in other {
            if !values.iter().any(|v| name::same(&v.name, &value.name)) {
                out.push(Difference::Value {
                    path: path.clone(),
                    ours: None,
                    theirs: Some(value.clone()),
                });
            }
        }
    }
    for path in theirs.keys() {
        if !ours.contains_key(path) {
            out.push(Difference::Key {
                path: path.clone(),
                ours: false,
            });
        }
    }
    out
}

/// The known Wine deviation a difference comes from, if any.
fn deviation(bytes: &[u8], difference: &Difference) -> Option<&'static str> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]);
    let version5 = if utf16 {
        String::from_utf16_lossy(
            &bytes[2..]
                .chunks_exact(2)
                .take(40)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .trim_start()
        .starts_with("Windows Registry Editor Version 5.00")
    } else {
        String::from_utf8_lossy(bytes)
            .trim_start()
            .starts_with("Windows Registry Editor Version 5.00")
    };
    let Difference::Value {
        ours: Some(ours),
        theirs: Some(theirs),
        ..
    } = difference
    else {
        return None;
    };
    let string_kind = matches!(ours.kind, 1 | 2 | 7) && ours.kind == theirs.kind;
    (string_kind && utf16 != version5).then_some(WINE_DEVIATIONS[0].0)
}

/// `count` documents, the same every run: keys with edge names, values of
/// every kind mapiprof writes as Regedit exports them, hex data across the
/// wrap points.
fn generated_documents(count: usize) -> Vec<Document> {
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ._-]{1,20}",
        "[a-z\"\\\\;#=@\\[\\] äßİıﬁ€😀\t]{1,12}",
        "[a-z]{60,130}",
    ]
}

fn value() -> impl Strategy<Value = RegValue> {
    let data = prop_oneof![
        prop_oneof![text(), Just(String::new()), "[a-z\r\n]{1,6}"].prop_map(RegData::String),
        any::<u32>().prop_map(RegData::Dword),
        (
            prop_oneof![
                Just(0u32),
                Just(3),
                Just(0xb),
                Just(0x100),
                Just(0xffff_ffff)
            ],
            proptest::collection::vec(any::<u8>(), 0..300)
        )
            .prop_map(|(kind, bytes)| RegData::Hex { kind, bytes }),
        (
            prop_oneof![Just(2u32), Just(7)],
            proptest::collection::vec("[a-zäß€😀]{0,20}", 1..4)
        )
            .prop_map(|(kind, items)| {
                let mut bytes: Vec<u8> = Vec::new();
                for item in &items {
                    bytes.extend(item.encode_utf16().flat_map(u16::to_le_bytes));
                    bytes.extend([0, 0]);
                }
                if kind == 7 {
                    bytes.extend([0, 0]);
                }
                RegData::Hex { kind, bytes }
            }),
    ];
    (
        prop_oneof![text().prop_map(ValueName::Named), Just(ValueName::Default)],
        data,
    )
        .prop_map(|(name, data)| RegValue { name, data })
}

/// A document of a few keys under `HKEY_CURRENT_USER\Software`, each name
/// once.
fn document() -> impl Strategy<Value = Document> {
    let key = (
        proptest::collection::vec(text().prop_map(|t| t.replace(['\\', '[', ']'], "_")), 1..3),
        proptest::collection::vec(value(), 0..8),
    );
    proptest::collection::vec(key, 1..4).prop_map(|keys| {
        let mut blocks: Vec<Block> = Vec::new();
        for (parts, values) in keys {
            let parts: Vec<String> = parts
                .into_iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            let path = format!("HKEY_CURRENT_USER\\Software\\{}", parts.join("\\"));
            if blocks.iter().any(|b| name::same(&b.path, &path)) {
                continue;
            }
            let mut unique: Vec<RegValue> = Vec::new();
            for v in values {
                if !unique.iter().any(|u| u.name.same_as(&v.name)) {
                    unique.push(v);
                }
            }
            blocks.push(Block::key(path, unique));
        }
        Document {
            format: reg::Format::Regedit5,
            blocks,
        }
    })
}
