//! The PRF laws on every sample and corpus `.prf`: the YAML view reads back
//! to the same model; PRF → YAML → PRF keeps every setting (the YAML of the
//! written file equals the YAML of the original, apart from the line ends it
//! records); the written file is OCT-shaped and reads without warnings.
#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stderr, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::{input, prf, yaml};

/// The YAML view without its `source:` line.
fn settings_view(yaml: &str) -> String {
    yaml.lines()
        .filter(|l| !l.starts_with("source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn prf_yaml_prf_keeps_every_setting_of_every_sample() {
    keeps_every_setting(common::prf_samples());
}

common::corpus_test!(prf_yaml_prf_keeps_every_setting_of_every_corpus_file, {
    keeps_every_setting(common::corpus_prf_files());
});

/// PRF → YAML → PRF keeps the settings of each of `files`, its comments
/// and the lines Outlook skips, and the written file is OCT-shaped, warns
/// only of those lines and is stable.
fn keeps_every_setting(files: Vec<PathBuf>) {
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let model = common::prf_model_of(&std::fs::read(&path).unwrap());
        let shown = yaml::write_prf(&model);

        // YAML → model → YAML is the identity
        let back = match yaml::read_document(&shown) {
            Ok(yaml::Document::Prf(m)) => m,
            other => panic!("{name}: {other:?}\n{shown}"),
        };
        assert_eq!(yaml::write_prf(&back), shown, "{name}");

        // model → .prf → model: the same settings
        let written = prf::to_bytes(&back).unwrap();
        let reread = input::read_prf(&written, None).unwrap();
        // the only lines Outlook skips are the file's own, kept as written
        let original = input::read_prf(&std::fs::read(&path).unwrap(), None).unwrap();
        assert!(
            reread.warnings.len() <= original.warnings.len()
                && reread
                    .warnings
                    .iter()
                    .all(|w| w.message.contains("kept as it is")),
            "{name}: {:?}",
            reread.warnings
        );
        assert!(reread.text.starts_with(prf::SIGNATURE), "{name}");
        assert!(
            !reread.text.replace("\r\n", "").contains('\n'),
            "{name}: CRLF only"
        );
        let (again, warnings) = reread.model();
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(
            settings_view(&yaml::write_prf(&again)),
            settings_view(&shown),
            "{name}"
        );
        // and the same comments and other lines, in their sections (which
        // the written file may order otherwise)
        assert_eq!(again.head, back.head, "{name}");
        let sorted = |notes: &[(String, Vec<String>)]| {
            let mut notes = notes.to_vec();
            notes.sort();
            notes
        };
        assert_eq!(sorted(&again.notes), sorted(&back.notes), "{name}");

        // the written file is stable
        assert_eq!(prf::to_bytes(&again).unwrap(), written, "{name}");
    }
}

/// The same file in UTF-16LE with a BOM and bare CR line ends reads to the
/// same settings, and writes back byte for byte.
#[test]
fn utf16_and_cr_line_ends_read_the_same_settings() {
    let original = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let cr_text = original.text.replace("\r\n", "\r");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(cr_text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let read = input::read_prf(&utf16, None).unwrap();
    assert_eq!(read.format.encoding, mapiprof::text::Encoding::Utf16Le);
    assert_eq!(read.format.newline, mapiprof::text::Newline::Cr);
    assert_eq!(
        mapiprof::text::encode(&read.text, &read.format).unwrap(),
        utf16
    );
    assert_eq!(
        settings_view(&yaml::write_prf(&read.model().0)),
        settings_view(&yaml::write_prf(&original.model().0))
    );
}

/// Switching on a commented-out port changes that line and no other byte.
#[test]
fn an_edit_touches_only_its_line() {
    let read = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let bytes = mapiprof::text::encode(&read.text, &read.format).unwrap();
    let (text, how) = prf::set(
        &read.text,
        &read.parsed(),
        "ServiceEGS",
        "HTTPExchangePort",
        "6001",
    )
    .unwrap();
    assert_eq!(how, prf::Edited::SwitchedOn);
    let after = mapiprof::text::encode(&text, &read.format).unwrap();
    let before_lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let after_lines: Vec<&[u8]> = after.split(|b| *b == b'\n').collect();
    assert_eq!(before_lines.len(), after_lines.len());
    let changed: Vec<usize> = (0..before_lines.len())
        .filter(|i| before_lines[*i] != after_lines[*i])
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(after_lines[changed[0]], b"HTTPExchangePort=6001\r");
    let (model, _) = input::read_prf(&after, None).unwrap().model();
    assert_eq!(
        model.services[0].settings.get("HTTPExchangePort"),
        Some("6001")
    );
}

/// A boolean keeps its spelling through YAML (`false` stays `false`, `TRUE`
/// stays `TRUE`), and `diff` does not report a boolean or a number spelt
/// otherwise.
#[test]
fn booleans_keep_their_spelling_and_compare_without_case() {
    use mapiprof::diff::{DiffOptions, diff_prf};
    let text = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nService1=LDAP Directory\r\n\
                [Service1]\r\nServerName=ldap.example.com\r\nUseSSL=false\r\nEnableBrowsing=TRUE\r\n";
    let model = common::prf_model_of(text.as_bytes());
    let yaml = mapiprof::yaml::write_prf(&model);
    let again = match mapiprof::yaml::read_document(&yaml).unwrap() {
        mapiprof::yaml::Document::Prf(prf) => prf,
        mapiprof::yaml::Document::Reg(_) => panic!("a .prf document"),
    };
    let item =
        |m: &mapiprof::prf::PrfModel, key: &str| m.services[0].settings.get(key).map(str::to_owned);
    assert_eq!(item(&again, "UseSSL").as_deref(), Some("false"), "{yaml}");
    assert_eq!(
        item(&again, "EnableBrowsing").as_deref(),
        Some("TRUE"),
        "{yaml}"
    );
    let upper = common::prf_model_of(text.replace("UseSSL=false", "UseSSL=FALSE").as_bytes());
    assert!(diff_prf(&model, &upper, &DiffOptions::default()).is_empty());
    let other = common::prf_model_of(text.replace("UseSSL=false", "UseSSL=TRUE").as_bytes());
    assert_eq!(diff_prf(&model, &other, &DiffOptions::default()).len(), 1);
    // numbers compare by value: 0x002f, 0x002F and 47 are one number
    let number = |v: &str| {
        common::prf_model_of(format!("[General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n[ServiceEGS]\r\nRPCoverHTTPflags={v}\r\n").as_bytes())
    };
    assert!(
        diff_prf(
            &number("0x002f"),
            &number("0x002F"),
            &DiffOptions::default()
        )
        .is_empty()
    );
    assert!(diff_prf(&number("0x002f"), &number("47"), &DiffOptions::default()).is_empty());
    assert_eq!(
        diff_prf(
            &number("0x002f"),
            &number("0x0027"),
            &DiffOptions::default()
        )
        .len(),
        1
    );
}

/// The header comment and a line Outlook skips survive YAML and come back
/// in the regenerated `.prf`; a note from YAML cannot open a section.
#[test]
fn comments_and_skipped_lines_go_through_yaml() {
    let text = ";Static RPC ports. Uncomment the ports that match the server.\r\n\r\n\
                [General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
                [ServiceEGS]\r\n; the old ports\r\nTCPExchangePort=6001\r\n--- POP3 Account Settings ---\r\n";
    let model = common::prf_model_of(text.as_bytes());
    let shown = yaml::write_prf(&model);
    assert!(shown.contains("Uncomment the ports"), "{shown}");
    assert!(shown.contains("--- POP3 Account Settings ---"), "{shown}");
    let back = match yaml::read_document(&shown).unwrap() {
        yaml::Document::Prf(m) => m,
        yaml::Document::Reg(_) => panic!("a .prf document"),
    };
    let written = prf::write(&back).unwrap();
    assert!(
        written.contains("[ServiceEGS]\r\nTCPExchangePort=6001\r\n; the old ports\r\n--- POP3 Account Settings ---\r\n"),
        "{written}"
    );
    assert!(written.contains(";Static RPC ports. Uncomment the ports that match the server.\r\n"));

    let mut evil = back;
    evil.notes = vec![("ServiceEGS".to_owned(), vec!["[Evil]".to_owned()])];
    let err = prf::write(&evil).unwrap_err().to_string();
    assert!(err.contains("reads as a section or a setting"), "{err}");
}

/// A repeated `;key=value` is a note, written after the section's settings:
/// read again, the first one is still the commented-out setting (a note
/// written above it took its place).
#[test]
fn a_repeated_commented_setting_stays_a_repeat() {
    let text = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
                [ServiceEGS]\r\nTCPExchangePort=6001\r\n;HTTPExchangePort=6001\r\n;HTTPExchangePort=60e.com\r\n";
    let model = common::prf_model_of(text.as_bytes());
    let again = common::prf_model_of(&prf::to_bytes(&model).unwrap());
    assert_eq!(again.services, model.services);
    assert_eq!(again.notes, model.notes);
    assert_eq!(
        model.services[0].settings.commented.get("HTTPExchangePort"),
        Some("6001")
    );
}

/// Notes are filed under the name the written file gives their section
/// (the list's spelling of an id, `General`), so they read back the same.
#[test]
fn notes_keep_their_section_whatever_its_spelling() {
    let text = "[general]\r\nProfileName=Outlook\r\n; about the profile\r\n[Service List]\r\n\
                ServiceEGS=Exchange Global Section\r\n[SERVICEEGS]\r\nTCPExchangePort=6001\r\n--- stray\r\n";
    let model = common::prf_model_of(text.as_bytes());
    assert_eq!(
        model.notes,
        [
            ("General".to_owned(), vec!["; about the profile".to_owned()]),
            ("ServiceEGS".to_owned(), vec!["--- stray".to_owned()]),
        ]
    );
    let again = common::prf_model_of(&prf::to_bytes(&model).unwrap());
    assert_eq!(again.notes, model.notes);
}

/// A comment after a section's header goes through YAML as the section's
/// first note; a section that holds nothing else is written again for it.
#[test]
fn a_comment_after_a_header_goes_through_yaml() {
    let text = "[General]\r\nProfileName=P\r\n[Service List]\r\nService1=Outlook Address Book\r\n\
                [Service1]      ; the address book has no settings\r\n";
    let model = common::prf_model_of(text.as_bytes());
    assert_eq!(
        model.notes,
        [(
            "Service1".to_owned(),
            vec!["; the address book has no settings".to_owned()]
        )]
    );
    let written = prf::write(&model).unwrap();
    assert!(
        written.contains("[Service1]\r\n; the address book has no settings\r\n"),
        "{written}"
    );
}
