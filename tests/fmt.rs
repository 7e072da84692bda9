//! `fmt`: files tidied without changing what they do or losing a line;
//! `--check` lists files and exits 1; formatting twice changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::diff::{DiffOptions, diff_prf, diff_reg};

#[test]
fn fmt_sort_orders_keys_as_regedit_and_keeps_the_meaning() {
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
    // tidy as they are; only the order of one is not Regedit's
    let check = common::mapiprof_in(&dir, &["fmt", "--check", ".", "--recursive"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let check = common::mapiprof_in(&dir, &["fmt", "--check", "--sort", ".", "--recursive"]);
    assert_eq!(check.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&check.stdout);
    assert_eq!(listed.trim(), "./mv_layouts_32_and_64_bit.reg", "{listed}");

    let out = common::mapiprof_in(&dir, &["fmt", ".", "--recursive", "--sort", "--in-place"]);
    assert!(out.status.success());
    common::assert_says(
        &out.stderr,
        &["mv_layouts_32_and_64_bit.reg: formatting changes"],
    );
    assert_eq!(
        common::mapiprof_in(&dir, &["fmt", "--check", "--sort", ".", "--recursive"])
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

/// A value Regedit reads otherwise than it looks stays as written: `fmt`
/// and `check` say what Regedit does with it, and `--strict` makes it an
/// error that leaves the file as it was.
#[test]
fn what_regedit_skips_is_reported_and_strict_refuses_it() {
    let dir = common::scratch("fmt-strict");
    let sample = common::samples().join("reg/warn_truncated_hex_no_indent.reg");
    std::fs::copy(&sample, dir.join("w.reg")).unwrap();
    let before = std::fs::read(dir.join("w.reg")).unwrap();
    for args in [
        &["fmt", "--strict", "--in-place", "w.reg"][..],
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
    // without --strict the file is tidied, and the line is kept as written
    let out = common::mapiprof_in(&dir, &["fmt", "--in-place", "w.reg"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(
        &out.stderr,
        &["warning: w.reg: 5:55", "w.reg: formatting changes"],
    );
    let tidy = std::fs::read_to_string(dir.join("w.reg")).unwrap();
    assert!(
        tidy.contains("00,2e,00,65,00,78,00,61,00,6d,00,70,00,6c,00,65,00,00,0\r\n"),
        "{tidy}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `[-key]` Regedit cannot carry out stops its import there, and a key it
/// cannot open takes its values nowhere: `fmt` says so and keeps those lines
/// as written, with everything below them, so the file does what it did.
#[test]
fn a_key_line_regedit_reads_otherwise_is_kept() {
    let dir = common::scratch("fmt-halt");
    let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=\"1\"\r\n\
        [-HKCU\\B]\r\n[HKEY_CURRENT_USER\\C]\r\n\"c\"=\"1\"\r\n";
    std::fs::write(dir.join("h.reg"), text).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "--in-place", "h.reg"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(
        &out.stderr,
        &["h.reg: 5:2:", "Regedit stops the import here"],
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("h.reg")).unwrap(),
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\A]\r\n\"a\"=\"1\"\r\n\r\n\
         [-HKCU\\B]\r\n\r\n[HKEY_CURRENT_USER\\C]\r\n\"c\"=\"1\"\r\n\r\n"
    );
    // a key Regedit cannot open (a typo'd root) keeps its values below it
    let typo =
        "Windows Registry Editor Version 5.00\r\n\r\n[HKCU\\Software\\x]\r\n\"a\"=  \"1\"\r\n";
    std::fs::write(dir.join("t.reg"), typo).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "--in-place", "t.reg"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(
        &out.stderr,
        &["t.reg: 3:2:", "Regedit cannot open this key"],
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("t.reg")).unwrap(),
        format!("{typo}\r\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

const HAND_WRITTEN: &str = "Windows Registry Editor Version 5.00\r\n\r\n\
; proxy for branch offices - ticket CHG-1234\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\b\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
\"001f6622\"=hex:6d,00,61,00,69,00,6c,00,00,00\r\n\
;   the port Outlook uses for TCP\r\n\
\"0002662c\"=  dword:00001771\r\n\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\a]\r\n\
\"name\"=\"Bj\u{f6}rn\"\r\n";

/// `fmt` writes only where it is told, like the other writers: without
/// `--in-place`, `-o`, `--out-dir`, `--dry-run` or `--check` it says so and
/// changes nothing.
#[test]
fn fmt_needs_to_be_told_where_to_write() {
    let dir = common::scratch("fmt-where");
    let bytes = encode_1252(HAND_WRITTEN);
    std::fs::write(dir.join("h.reg"), &bytes).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "h.reg"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["--in-place", "--dry-run"]);
    assert_eq!(std::fs::read(dir.join("h.reg")).unwrap(), bytes);

    // --dry-run shows the change and writes nothing
    let out = common::mapiprof_in(&dir, &["fmt", "h.reg", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(
        &out.stdout,
        &[
            "-\"0002662c\"=  dword:00001771",
            "+\"0002662c\"=dword:00001771",
        ],
    );
    common::assert_says(&out.stderr, &["1 would change, 0 unchanged, 0 failed"]);
    assert_eq!(std::fs::read(dir.join("h.reg")).unwrap(), bytes);

    // a change of line ends or encoding is said once, not shown on every line
    std::fs::write(dir.join("lf.reg"), HAND_WRITTEN.replace("\r\n", "\n")).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "lf.reg", "--dry-run", "--encoding", "utf16"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.starts_with("# lf.reg: stored as utf-16le with a byte-order mark, crlf line ends (was windows-1252, lf line ends)\n"),
        "{shown}"
    );
    // the spaced value and one of the two blank lines, nothing else
    assert_eq!(
        shown
            .lines()
            .filter(|l| l.starts_with('-') && !l.starts_with("---"))
            .count(),
        2,
        "{shown}"
    );

    // -o writes the formatted file there, the input stays
    let out = common::mapiprof_in(&dir, &["fmt", "h.reg", "-o", "tidy.reg"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(dir.join("h.reg")).unwrap(), bytes);
    assert!(dir.join("tidy.reg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn encode_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

/// A hand-written `.reg` keeps its comments (before the key or value they
/// were written above), its key order and its encoding; only the lines
/// themselves are tidied. `--sort` orders keys as Regedit exports them, each
/// key's comments going with it; `--encoding utf16` writes what Regedit
/// exports.
#[test]
fn fmt_keeps_comments_order_and_encoding_of_a_reg() {
    let dir = common::scratch("fmt-keep-reg");
    std::fs::write(dir.join("h.reg"), encode_1252(HAND_WRITTEN)).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "--in-place", "--backup", "h.reg"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tidy = std::fs::read(dir.join("h.reg")).unwrap();
    assert_eq!(
        std::fs::read(dir.join("h.reg.bak")).unwrap(),
        encode_1252(HAND_WRITTEN)
    );
    let expected = "Windows Registry Editor Version 5.00\r\n\r\n\
; proxy for branch offices - ticket CHG-1234\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\b\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
\"001f6622\"=hex:6d,00,61,00,69,00,6c,00,00,00\r\n\
;   the port Outlook uses for TCP\r\n\
\"0002662c\"=dword:00001771\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\a]\r\n\
\"name\"=\"Bj\u{f6}rn\"\r\n\r\n";
    assert_eq!(
        tidy,
        encode_1252(expected),
        "{}",
        String::from_utf8_lossy(&tidy)
    );
    // formatting twice changes nothing
    let again = common::mapiprof_in(&dir, &["fmt", "--check", "h.reg"]);
    assert_eq!(again.status.code(), Some(0));

    // --sort: key a first, the ticket comment still above key b
    let out = common::mapiprof_in(&dir, &["fmt", "h.reg", "--sort", "-o", "sorted.reg"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sorted = std::fs::read(dir.join("sorted.reg")).unwrap();
    let sorted = encoding_rs::WINDOWS_1252.decode(&sorted).0.into_owned();
    let a = sorted.find("Outlook\\a]").unwrap();
    let ticket = sorted.find("; proxy for branch offices").unwrap();
    let b = sorted.find("Outlook\\b\\13dbb0c8").unwrap();
    assert!(a < ticket && ticket < b, "{sorted}");

    // --encoding utf16: Regedit's own export encoding
    let out = common::mapiprof_in(
        &dir,
        &["fmt", "h.reg", "--encoding", "utf16", "-o", "wide.reg"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wide = std::fs::read(dir.join("wide.reg")).unwrap();
    assert_eq!(wide, common::utf16(expected));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `.prf` keeps its comments, banners and order; entries lose the blanks
/// around `=` and runs of blank lines become one.
#[test]
fn fmt_keeps_the_comments_of_a_prf() {
    let dir = common::scratch("fmt-keep-prf");
    let text = ";Static RPC ports for the Exchange service.\r\n\
;Uncomment the ports that match the server.\r\n\r\n\r\n\
[General]\r\nProfileName = Outlook \r\n\r\n\
[Service1]\r\n;TCPExchangePort=6001\r\nHomeServer=mail.example.com\r\n\
--- POP3 Account Settings ---\r\n";
    std::fs::write(dir.join("p.prf"), text).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "--in-place", "p.prf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("p.prf")).unwrap(),
        ";Static RPC ports for the Exchange service.\r\n\
;Uncomment the ports that match the server.\r\n\r\n\
[General]\r\nProfileName=Outlook\r\n\r\n\
[Service1]\r\n;TCPExchangePort=6001\r\nHomeServer=mail.example.com\r\n\
--- POP3 Account Settings ---\r\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The laws of `fmt` on one file: read back, the tidied file does what the
/// file did (the same model, and for a `.reg` kept in order the same keys and
/// values in the same order), holds every comment and every line the reader
/// warned about, and tidying it again changes nothing.
fn obeys_the_fmt_laws(path: &std::path::Path) {
    use mapiprof::fmt::{FmtOptions, format};
    use mapiprof::input::{self, Document};
    let name = path.display();
    let bytes = std::fs::read(path).unwrap();
    let is_reg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("reg"));
    let read = |bytes: &[u8]| {
        if is_reg {
            Document::Reg(input::read_reg(bytes, None).unwrap())
        } else {
            Document::Prf(input::read_prf(bytes, None).unwrap())
        }
    };
    let doc = read(&bytes);
    for sort in [false, true] {
        let options = FmtOptions {
            sort,
            encoding: None,
        };
        let tidy = format(&doc, &options).unwrap();
        let tidy_bytes = mapiprof::text::encode(&tidy.text, &tidy.format).unwrap();
        let again = read(&tidy_bytes);
        match (&doc, &again) {
            (Document::Reg(a), Document::Reg(b)) => {
                let (x, y) = (a.model().0, b.model().0);
                assert!(
                    diff_reg(&x, &y, &DiffOptions::default()).is_empty(),
                    "{name}"
                );
                if !sort {
                    assert_eq!(a.document(), b.document(), "{name}: keys in order");
                }
            }
            (Document::Prf(a), Document::Prf(b)) => {
                let (x, y) = (a.model().0, b.model().0);
                assert!(
                    diff_prf(&x, &y, &DiffOptions::default()).is_empty(),
                    "{name}"
                );
                assert_eq!(
                    a.warnings.len(),
                    b.warnings.len(),
                    "{name}: skipped lines kept"
                );
            }
            _ => unreachable!(),
        }
        // every comment is still there, as written but for edge blanks
        let comments = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| l.starts_with(';'))
                .map(str::to_owned)
                .collect()
        };
        let (text, tidy_text) = match (&doc, &again) {
            (Document::Reg(a), Document::Reg(b)) => (&a.text, &b.text),
            (Document::Prf(a), Document::Prf(b)) => (&a.text, &b.text),
            _ => unreachable!(),
        };
        let mut before = comments(text);
        let mut after = comments(tidy_text);
        if sort {
            before.sort();
            after.sort();
        }
        assert_eq!(before, after, "{name}: comments kept");
        // tidy is a fixed point
        let twice = format(&again, &options).unwrap();
        assert_eq!(twice.text, tidy.text, "{name}: fmt∘fmt = fmt");
    }
}

#[test]
fn every_sample_obeys_the_fmt_laws() {
    for path in common::reg_samples().iter().chain(&common::prf_samples()) {
        obeys_the_fmt_laws(path);
    }
}

common::corpus_test!(every_corpus_file_obeys_the_fmt_laws, {
    let files: Vec<_> = common::corpus_reg_files()
        .into_iter()
        .chain(common::corpus_prf_files())
        .collect();
    assert!(!files.is_empty());
    for path in &files {
        obeys_the_fmt_laws(path);
    }
});

/// A comment after a value's data stays at the end of that value.
#[test]
fn a_comment_after_a_value_stays() {
    let dir = common::scratch("fmt-inline-comment");
    let text = "Windows Registry Editor Version 5.00\r\n\r\n\
                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P\\x]\r\n\
                \"0002662c\"=hex:71,17   ; static port\r\n\"001e6608\"=\"exch;01\" ;c2\r\n";
    std::fs::write(dir.join("c.reg"), text).unwrap();
    let out = common::mapiprof_in(&dir, &["fmt", "c.reg", "-o", "tidy.reg"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tidy = std::fs::read_to_string(dir.join("tidy.reg")).unwrap();
    assert!(
        tidy.contains("\"0002662c\"=hex:71,17 ; static port\r\n"),
        "{tidy}"
    );
    assert!(tidy.contains("\"001e6608\"=\"exch;01\" ;c2\r\n"), "{tidy}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A value whose lines hold comments (after a `\`, a comment line inside a
/// continued hex list) keeps its lines: rewrapping would lose the comments'
/// places. Regedit skips them either way (the Wine test imports this sample
/// and its tidied forms).
#[test]
fn comments_among_a_values_lines_keep_the_lines() {
    let sample = common::samples().join("reg/handwritten_comments_in_values.reg");
    let read = mapiprof::input::read_reg(&std::fs::read(&sample).unwrap(), None).unwrap();
    let doc = mapiprof::input::Document::Reg(read);
    let tidy = mapiprof::fmt::format(&doc, &mapiprof::fmt::FmtOptions::default()).unwrap();
    for kept in [
        "6c,00,\\ ; host\r\n; the domain follows\r\n  65,00,",
        "\"0002662c\"=hex:71,17 ; static TCP port 6001\r\n",
        "; Branch office proxy, set by hand (ticket CHG-2211)\r\n[HKEY_CURRENT_USER",
    ] {
        assert!(tidy.text.contains(kept), "{kept:?} in {}", tidy.text);
    }
}
