//! `fmt`: Regedit's canonical form without changing what a file does;
//! `--check` lists files and exits 1; formatting twice changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::diff::{DiffOptions, diff_prf, diff_reg};

#[test]
fn fmt_sorts_keys_as_regedit_and_keeps_the_meaning() {
    let dir = common::scratch("fmt");
    for name in [
        "o16_exchange_outlook_anywhere.reg",
        "mv_layouts_32_and_64_bit.reg",
        "regedit4_cp1252_pst_umlauts.reg",
        "patch_deletions.reg",
    ] {
        std::fs::copy(common::samples().join("reg").join(name), dir.join(name)).unwrap();
    }
    std::fs::copy(
        common::samples().join("prf/kb833799_static_ports_outlook2003.prf"),
        dir.join("ports.prf"),
    )
    .unwrap();
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();

    let check = common::mapiprof_in(&dir, &["fmt", "--check", "."]);
    assert_eq!(check.status.code(), Some(2), "a folder needs --recursive");
    let check = common::mapiprof_in(&dir, &["fmt", "--check", ".", "--recursive"]);
    assert_eq!(check.status.code(), Some(1));
    common::assert_says(
        &check.stdout,
        &["mv_layouts_32_and_64_bit.reg", "ports.prf"],
    );
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(
        !listed.contains("o16_exchange_outlook_anywhere.reg"),
        "already Regedit's form: {listed}"
    );

    let out = common::mapiprof_in(&dir, &["fmt", ".", "--recursive"]);
    assert!(out.status.success());
    common::assert_says(&out.stderr, &["patch_deletions.reg: the file deletes keys"]);
    assert_eq!(
        common::mapiprof_in(&dir, &["fmt", "--check", ".", "--recursive"])
            .status
            .code(),
        Some(0)
    );

    for (name, old) in before {
        let new = std::fs::read(dir.join(&name)).unwrap();
        if name.ends_with(".reg") {
            let (a, b) = (common::model_of(&old), common::model_of(&new));
            assert!(
                diff_reg(&a, &b, &DiffOptions::default()).is_empty(),
                "{name}"
            );
        } else {
            let (a, b) = (common::prf_model_of(&old), common::prf_model_of(&new));
            assert!(
                diff_prf(&a, &b, &DiffOptions::default()).is_empty(),
                "{name}"
            );
        }
    }
    let reg4 = std::fs::read(dir.join("regedit4_cp1252_pst_umlauts.reg")).unwrap();
    assert!(reg4.starts_with(b"REGEDIT4\r\n"), "REGEDIT4 stays ANSI");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A value Regedit would skip is not in the canonical file: `fmt` and
/// `check` say so, and `--strict` makes it an error that leaves the file
/// as it was.
#[test]
fn what_regedit_skips_is_reported_and_strict_refuses_it() {
    let dir = common::scratch("fmt-strict");
    let sample = common::samples().join("reg/warn_truncated_hex_no_indent.reg");
    std::fs::copy(&sample, dir.join("w.reg")).unwrap();
    let before = std::fs::read(dir.join("w.reg")).unwrap();
    for args in [
        &["fmt", "--strict", "w.reg"][..],
        &["fmt", "--check", "--strict", "w.reg"],
    ] {
        let out = common::mapiprof_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        common::assert_says(&out.stderr, &["w.reg: 5:55: hex byte", "--strict"]);
        assert_eq!(std::fs::read(dir.join("w.reg")).unwrap(), before);
    }
    // check reports it as a finding, which fails it
    let out = common::mapiprof_in(&dir, &["check", "--strict", "w.reg"]);
    assert_eq!(out.status.code(), Some(1));
    common::assert_says(
        &out.stdout,
        &["warning[reg-read-otherwise]: line 5:55: hex byte \"0\""],
    );
    let out = common::mapiprof_in(&dir, &["fmt", "w.reg"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(&out.stderr, &["warning: w.reg: 5:55", "formatted w.reg"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `[-key]` Regedit cannot carry out stops its import there: `fmt`, which
/// writes what Regedit imports, would drop everything below it, so it
/// refuses and leaves the file as it was.
#[test]
fn a_file_whose_import_stops_is_not_rewritten() {
    let dir = common::scratch("fmt-halt");
    let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=\"1\"\r\n\
        [-HKCU\\B]\r\n[HKEY_CURRENT_USER\\C]\r\n\"c\"=\"1\"\r\n";
    std::fs::write(dir.join("h.reg"), text).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "h.reg"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["h.reg: line 5: Regedit stops the import"]);
    assert_eq!(std::fs::read_to_string(dir.join("h.reg")).unwrap(), text);
    // a key Regedit cannot open (a typo'd root) would go with its values
    let typo = "Windows Registry Editor Version 5.00\r\n\r\n[HKCU\\Software\\x]\r\n\"a\"=\"1\"\r\n";
    std::fs::write(dir.join("t.reg"), typo).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "t.reg"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["t.reg: line 3: Regedit cannot open this key"],
    );
    assert_eq!(std::fs::read_to_string(dir.join("t.reg")).unwrap(), typo);
    std::fs::remove_dir_all(&dir).unwrap();
}
