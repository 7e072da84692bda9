//! Round-trip laws on every sample and every corpus file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::Path;

use mapiprof::model::Reach;
use mapiprof::{input, reg, text, yaml};

/// `.reg` → canonical `.reg` bytes.
fn canonical(bytes: &[u8]) -> Vec<u8> {
    let read = input::read_reg(bytes, None).unwrap();
    let out = reg::write(&read.document(), read.format.newline).unwrap();
    text::encode(&out, &read.format).unwrap()
}

/// `.reg` → YAML text.
fn to_yaml(bytes: &[u8]) -> String {
    yaml::write(&common::model_of(bytes), &yaml::WriteOptions::default()).unwrap()
}

/// YAML text → `.reg` bytes.
fn from_yaml(text: &str) -> Vec<u8> {
    input::read_yaml(text.as_bytes())
        .unwrap()
        .to_reg_bytes(Reach::AnyKey)
        .unwrap()
}

/// The laws every readable `.reg` file obeys; returns whether it is
/// Regedit-formatted (the canonical writer reproduces it byte for byte).
fn check_laws(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display();
    let read = input::read_reg(&bytes, None).unwrap();
    // The syntax tree holds every byte of the text.
    assert_eq!(
        read.parsed.file.source(&read.text),
        read.text,
        "{name}: tree is lossless"
    );
    // parse → write → parse keeps keys and values (names, types, bytes, order).
    let written = canonical(&bytes);
    let again = input::read_reg(&written, None).unwrap();
    assert_eq!(
        again.document(),
        read.document(),
        "{name}: parse∘write∘parse"
    );
    // write∘read∘write is stable.
    assert_eq!(canonical(&written), written, "{name}: write∘read∘write");
    // .reg → YAML → .reg gives the same keys and values, byte-exact to the
    // canonical form; when the file names a key twice (the YAML form names
    // it once, as Regedit leaves it), the two import the same.
    let yaml_text = to_yaml(&bytes);
    let back = from_yaml(&yaml_text);
    let (_, model_warnings) = read.model();
    if model_warnings
        .iter()
        .any(|w| w.message.contains("named more than once"))
    {
        let imported = |b: &[u8]| {
            let r = input::read_reg(b, None).unwrap();
            reg::import::import(&r.document(), r.codepage)
        };
        assert_eq!(
            imported(&back),
            imported(&bytes),
            "{name}: .reg → YAML → .reg imports the same"
        );
    } else {
        assert_eq!(back, written, "{name}: .reg → YAML → .reg");
    }
    // YAML → .reg → YAML is identical.
    assert_eq!(
        to_yaml(&from_yaml(&yaml_text)),
        yaml_text,
        "{name}: YAML → .reg → YAML"
    );
    written == bytes
}

#[test]
fn every_sample_obeys_the_laws_and_is_regedit_exact() {
    let files = common::files(&common::samples().join("reg"), "reg");
    assert!(files.len() >= 6, "samples/reg is missing files");
    for path in files.iter().filter(|p| !common::is_error_sample(p)) {
        let exact = check_laws(path);
        // what Regedit reads otherwise (warn_), or as a person wrote it
        // (comments, spacing: handwritten_), is not Regedit's own form
        let file = path.file_name().unwrap().to_string_lossy();
        let irregular = file.starts_with("warn_") || file.starts_with("handwritten_");
        assert_eq!(
            exact,
            !irregular,
            "{}: byte-exact round trip",
            path.display()
        );
    }
}

#[test]
fn error_samples_are_refused() {
    let errors: Vec<_> = common::files(&common::samples().join("reg"), "reg")
        .into_iter()
        .filter(|p| common::is_error_sample(p))
        .collect();
    assert!(errors.len() >= 4, "one err_ sample per error class");
    for path in &errors {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            input::read_reg(&bytes, None).is_err(),
            "{} should fail",
            path.display()
        );
    }
}

/// Corpus files that are not exactly what Regedit writes, and why.
const IRREGULAR_CORPUS: &[&str] = &[
    // Values rewritten by the upstream pruning script with 92-column lines, extra blank lines.
    "o16_full_profile_2pop_pst_mvbin8_utf16le.reg",
    "o16_full_profile_pop_pst_mvbin16_utf16le.reg",
    // Extracted from blog posts: LF, no final blank line, continuation without indent.
    "wms_profile_exchange_server_patch_ascii.reg",
    "wms_profile_exchange_server_patch_truncated_hex.reg",
    // Hand-written edge cases.
    "regedit5_deletions_case_repeats.reg",
    "regedit5_irregular_continuations_comments.reg",
];

common::corpus_test!(every_corpus_file_obeys_the_laws, {
    let files = common::corpus_reg_files();
    for path in &files {
        let exact = check_laws(path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            exact,
            !IRREGULAR_CORPUS.contains(&name.as_str()),
            "{name}: byte-exact"
        );
    }
    let seen = files.len();
    assert!(seen >= 8, "expected the corpus .reg files, found {seen}");
    eprintln!("checked {seen} corpus .reg files");
});

// A header line that goes on (`Windows Registry Editor Version 5.00 ;blah`)
// makes Regedit import nothing: mapiprof refuses the file and says so, and
// writes nothing.
common::corpus_test!(corpus_files_regedit_imports_nothing_from_are_refused, {
    let refused = common::refused_corpus_reg_files();
    assert!(
        !refused.is_empty(),
        "expected the corpus file with a commented header"
    );
    for path in &refused {
        let out = common::mapiprof_command(&["show", &path.to_string_lossy()])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        common::assert_says(
            &out.stderr,
            &["1:", "Regedit imports nothing from such a file"],
        );
    }
});

// The last byte of `…,70,00,00,0` is read as `00` (Regedit reads a byte as C's
// `wcstoul` does), so the value is kept through YAML and back.
common::corpus_test!(a_value_ending_in_a_single_digit_byte_survives_yaml, {
    let path = common::corpus().join("reg/wms_profile_exchange_server_patch_truncated_hex.reg");
    let bytes = std::fs::read(path).unwrap();
    let read = input::read_reg(&bytes, None).unwrap();
    let doc = read.document();
    let last = doc.blocks.last().unwrap().values.last().unwrap();
    let reg::RegData::Hex { bytes: data, .. } = &last.data else {
        panic!("{last:?}")
    };
    assert_eq!(&data[data.len() - 4..], [0x70, 0, 0, 0]);
    let back = from_yaml(&to_yaml(&bytes));
    let again = input::read_reg(&back, None).unwrap().document();
    assert_eq!(again.blocks.last().unwrap().values.last(), Some(last));
});

#[test]
fn utf16_bom_and_crlf_are_kept_on_bytes() {
    let path = common::samples().join("reg/o16_exchange_outlook_anywhere.reg");
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let out = from_yaml(&to_yaml(&bytes));
    assert_eq!(&out[..2], &[0xFF, 0xFE]);
    let crlf = [b'\r', 0, b'\n', 0];
    assert_eq!(
        out.windows(4).filter(|w| *w == crlf).count(),
        bytes.windows(4).filter(|w| *w == crlf).count()
    );
    assert!(out.ends_with(&[b'\r', 0, b'\n', 0, b'\r', 0, b'\n', 0]));
}

#[test]
fn regedit4_keeps_its_code_page() {
    let path = common::samples().join("reg/regedit4_cp1252_pst_umlauts.reg");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\xf6n"), "ö in Windows-1252");
    assert_eq!(from_yaml(&to_yaml(&bytes)), bytes);
}

#[test]
fn the_proxy_port_story() {
    // A proxy with ':' is stored as UTF-16 with 3a 00; the dialog's '-' as 2d 00.
    let yaml_text = "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      RPCProxyServer: mail.example.com:44300\n      TCPExchangePort: 6001\n";
    let out = from_yaml(yaml_text);
    let text = String::from_utf16(
        &out[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(text.contains("\"001f6622\"=hex:6d,00,61,00,69,00,6c,00,2e,00,65,00,78,00,61,00,6d,00,70,00,6c,\\\r\n  00,65,00,2e,00,63,00,6f,00,6d,00,3a,00,34,00,34,00,33,00,30,00,30,00,00,00\r\n"), "{text}");
    assert!(text.contains("\"0002662c\"=hex:71,17\r\n"));
}

/// Regedit reads UTF-16 LE after its byte-order mark and anything else as
/// ANSI: a YAML document whose source says UTF-8 becomes a `.reg` Regedit
/// reads as meant.
#[test]
fn a_document_naming_utf8_is_written_as_utf16() {
    let doc = "mapiprof: 1\nsource: {format: regedit5, encoding: utf-8, bom: false, newline: lf}\n\
        root: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
        profiles:\n  Büro:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      RPCProxyServer: mail.example.com\n";
    let bytes = from_yaml(doc);
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let read = input::read_reg(&bytes, None).unwrap();
    assert!(
        read.text.contains("\\Profiles\\Büro\\13dbb0c8"),
        "{}",
        read.text
    );
}

/// A section a patch does not place (its service is not in the file) is
/// read as the one provider the profile shows that names its properties,
/// and its YAML reads back, also for a name another provider uses too
/// (`AccountName` is Exchange's 0x6620 and old Internet Mail's 0x661F).
#[test]
fn a_section_placed_by_its_properties_reads_back_from_yaml() {
    let root = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P";
    let text = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n\
         [{root}\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\"001e660c\"=\"exch01\"\r\n\r\n\
         [{root}\\8fa3465791d2b746a2c7d11ca063b282]\r\n\"001f6620\"=hex:61,00,00,00\r\n\
         \"001e660c\"=\"exch01\"\r\n\r\n"
    );
    let bytes = common::utf16(&text);
    let yaml_text = to_yaml(&bytes);
    assert!(
        yaml_text.contains("AccountName: a  # 001f6620"),
        "{yaml_text}"
    );
    assert!(yaml_text.contains("probably an Exchange provider section"));
    assert_eq!(canonical(&from_yaml(&yaml_text)), canonical(&bytes));
}

/// A key named like a well-known section's label (a crafted export) still
/// goes through YAML: the label is a hint in errors, not a refusal.
#[test]
fn a_key_named_like_a_label_reads_back_from_yaml() {
    let text = "Windows Registry Editor Version 5.00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\P\\Exchange Global Section]\r\n\
        \"note\"=\"x\"\r\n\r\n";
    let bytes = common::utf16(text);
    let yaml_text = to_yaml(&bytes);
    assert_eq!(canonical(&from_yaml(&yaml_text)), canonical(&bytes));
}
