//! `mapiprof rewrite`: paths moved everywhere a profile keeps them, store
//! entry IDs and their lists rebuilt; hosts renamed whole; profiles renamed
//! with `DefaultProfile`; every form kept as it was written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::Path;

use common::{assert_says, corpus_test, mapiprof_in};
use mapiprof::input::{self, Profiles};
use mapiprof::mapi::entryid::PstEntryId;
use mapiprof::mapi::{self, PropValue, TagName};
use mapiprof::model::Model;
use mapiprof::reg::RegData;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model(path: &Path) -> Model {
    let bytes = std::fs::read(path).unwrap();
    let format = mapiprof::Format::of(path, &bytes);
    let doc = input::read(bytes.as_slice(), format, &Default::default()).unwrap();
    match doc.into_profiles().0 {
        Profiles::Registry(model) => model,
        Profiles::Prf(_) => panic!("a registry model"),
    }
}

/// Every text a model's values hold, decoded: strings, lists of strings,
/// and the paths of PST store entry IDs alone or in lists; with the values
/// whose binary data did not decode.
fn texts(model: &Model) -> (Vec<String>, Vec<String>) {
    let cp = model.source.codepage;
    let mut texts = Vec::new();
    let mut undecoded = Vec::new();
    for profile in &model.profiles {
        for block in &profile.keys {
            for value in &block.values {
                let place = format!("{}/{}", block.path, value.name.as_str());
                let bytes = match &value.data {
                    RegData::String(s) => {
                        texts.push(s.clone());
                        continue;
                    }
                    RegData::Hex { bytes, .. } => bytes,
                    _ => continue,
                };
                if let Some(id) = PstEntryId::parse(bytes, cp) {
                    texts.push(id.path);
                }
                if let Some(text) = mapi::unicode_text(bytes) {
                    texts.push(text);
                }
                let Some(tag) = TagName::parse(value.name.as_str()).filter(|t| !t.secure) else {
                    continue;
                };
                match mapi::decode(tag.tag.ptype, bytes, cp) {
                    Some(PropValue::Unicode(s) | PropValue::String8(s)) => texts.push(s),
                    Some(PropValue::MvUnicode(items, _) | PropValue::MvString8(items, _)) => {
                        texts.extend(items);
                    }
                    Some(PropValue::MvBinary(items, _)) => texts.extend(
                        items
                            .iter()
                            .filter_map(|i| PstEntryId::parse(i, cp).map(|id| id.path)),
                    ),
                    Some(_) => {}
                    None => undecoded.push(place),
                }
            }
        }
    }
    (texts, undecoded)
}

/// The layout (32- or 64-bit descriptors) of every multi-valued binary.
fn layouts(model: &Model) -> Vec<(String, mapi::Layout)> {
    let mut out = Vec::new();
    for profile in &model.profiles {
        for block in &profile.keys {
            for value in &block.values {
                let (Some(tag), RegData::Hex { bytes, .. }) =
                    (TagName::parse(value.name.as_str()), &value.data)
                else {
                    continue;
                };
                if let Some(PropValue::MvBinary(_, layout)) =
                    mapi::decode(tag.tag.ptype, bytes, model.source.codepage)
                {
                    out.push((format!("{}/{}", block.path, value.name.as_str()), layout));
                }
            }
        }
    }
    out
}

/// `rewrite FROM --map-path MAPPING -o TO` run in `dir`, which must
/// succeed; what it said on stderr.
fn rewrite_path(dir: &Path, from: &Path, mapping: &str, to: &Path) -> String {
    let out = mapiprof_in(
        dir,
        &[
            "rewrite",
            from.to_str().unwrap(),
            "--map-path",
            mapping,
            "-o",
            to.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{said}");
    said
}

/// A file's text: UTF-16 LE after its byte-order mark, else UTF-8.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    match bytes.strip_prefix(&[0xff, 0xfe]) {
        Some(body) => {
            let units: Vec<u16> = body
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        None => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn check_findings(path: &Path) -> Vec<String> {
    let out = mapiprof_in(
        root(),
        &["check", path.to_str().unwrap(), "--format", "json"],
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["rule"], f["message"]))
        .collect()
}

corpus_test!(map_path_leaves_no_old_prefix_in_any_decoded_value, {
    let dir = common::scratch("rewrite-corpus");
    for name in [
        "o16_full_profile_pop_pst_mvbin16_utf16le.reg",
        "o16_full_profile_2pop_pst_mvbin8_utf16le.reg",
    ] {
        let from = common::corpus().join("reg").join(name);
        let to = dir.join(name);
        let said = rewrite_path(
            &dir,
            &from,
            "c:\\users\\y_suzuki\\documents\\=\\\\fs01\\home\\%USERNAME%\\",
            &to,
        );
        // the one list of an undocumented layout is named and left alone
        assert_says(
            said.as_bytes(),
            &["1102022a: left alone", "is not expanded"],
        );
        assert!(
            said.contains("Delivery Store EntryID: store entry ID C:\\Users"),
            "{said}"
        );
        let (before, undecoded_before) = texts(&model(&from));
        let (after, undecoded_after) = texts(&model(&to));
        let old = "c:\\users\\y_suzuki\\documents\\";
        let had = before
            .iter()
            .filter(|t| t.to_lowercase().starts_with(old))
            .count();
        assert!(had >= 6, "{had} paths in {name}");
        let left: Vec<&String> = after
            .iter()
            .filter(|t| t.to_lowercase().contains(old))
            .collect();
        assert!(left.is_empty(), "{name}: {left:?}");
        let moved = after
            .iter()
            .filter(|t| t.starts_with("\\\\fs01\\home\\%USERNAME%\\Outlook"))
            .count();
        assert_eq!(moved, had, "{name}");
        // every multi-valued value and entry ID still decodes, in the
        // layout it had
        assert_eq!(undecoded_before, undecoded_after, "{name}");
        let (from, to) = (model(&from), model(&to));
        assert_eq!(layouts(&from), layouts(&to), "{name}");
        assert!(!layouts(&from).is_empty());
        let (from, to) = (common::corpus().join("reg").join(name), dir.join(name));
        assert_eq!(check_findings(&from), check_findings(&to), "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
});

#[test]
fn every_store_entry_id_of_the_sample_moves_and_the_unknown_list_is_named() {
    let dir = common::scratch("rewrite-sample");
    let from = root().join("samples/reg/o16_pop3_pst_store_entry_ids.reg");
    let to = dir.join("moved.reg");
    let said = rewrite_path(
        &dir,
        &from,
        "c:/users/MWEBER/documents=\\\\fs01\\home\\mweber\\",
        &to,
    );
    // the list of stores, the provider's entry ID and path, the address
    // book's list of stores and the account's delivery store
    assert_eq!(
        said.matches(": store entry ID C:\\Users").count(),
        4,
        "{said}"
    );
    assert_says(
        said.as_bytes(),
        &[
            "001f6700: C:\\Users\\mweber\\Documents\\Outlook-Dateien\\Geschäftlich.pst → \\\\fs01\\home\\mweber\\Outlook-Dateien\\Geschäftlich.pst",
            "1102022a: left alone: c:/users/MWEBER/documents is inside a structure mapiprof does not know",
        ],
    );
    let (before, undecoded_before) = texts(&model(&from));
    let (after, undecoded_after) = texts(&model(&to));
    let moved =
        |texts: &[String], prefix: &str| texts.iter().filter(|t| t.starts_with(prefix)).count();
    // five values hold the path (the string one counts twice: as UTF-16
    // text and as a PT_UNICODE)
    let had = moved(&before, "C:\\Users\\mweber\\Documents\\");
    assert_eq!(had, 6);
    assert_eq!(moved(&after, "C:\\Users\\mweber\\Documents\\"), 0);
    let new = "\\\\fs01\\home\\mweber\\Outlook-Dateien\\Geschäftlich.pst";
    assert_eq!(moved(&after, new), had);
    assert_eq!(undecoded_before, undecoded_after);
    assert_eq!(layouts(&model(&from)), layouts(&model(&to)));
    assert_eq!(check_findings(&from), check_findings(&to));
    let _ = std::fs::remove_dir_all(&dir);
}

const HOSTS: &str = "Windows Registry Editor Version 5.00\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook]\r\n\
\"DefaultProfile\"=\"Work\"\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Work\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
\"001e6608\"=\"mail.example.com\"\r\n\
\"001e660c\"=\"mail.example.community\"\r\n\
\"001f6622\"=\"mail.example.com:44300\"\r\n\
\"001f6625\"=\"msstd:example.com\"\r\n\
\"001f3001\"=hex:6d,00,61,00,69,00,6c,00,2e,00,65,00,78,00,61,00,6d,00,70,00,6c,00,\\\r\n\
  65,00,2e,00,63,00,6f,00,6d,00,00,00\r\n\r\n\
[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Work\\9375CFF0413111d3B88A00104B2A6676\\00000002]\r\n\
\"Account Name\"=\"Work mail\"\r\n\
\"clsid\"=\"{ED475411-B0D6-11D2-8C3B-00104B2A6676}\"\r\n\
\"POP3 Server\"=\"MAIL.example.com\"\r\n\
\"SMTP Server\"=\"webmail.example.com\"\r\n\r\n\
[-HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Work\\0a0d020000000000c000000000000046]\r\n\r\n";

#[test]
fn hosts_are_renamed_whole_and_profiles_move_with_default_profile() {
    let dir = common::scratch("rewrite-hosts");
    std::fs::write(dir.join("work.reg"), common::utf16(HOSTS)).unwrap();
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            "work.reg",
            "--map-host",
            "mail.example.com=mx.example.net",
            "--rename-profile",
            "work=Büro",
            "--rename-account",
            "Work mail=Büro mail",
            "-o",
            "new.reg",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(
        &out.stderr,
        &[
            "profile work renamed Büro",
            "DefaultProfile: Work → Büro",
            "001e6608: mail.example.com → mx.example.net",
            "POP3 Server: MAIL.example.com → mx.example.net",
            "Account Name: Work mail → Büro mail",
            "001f6622: mail.example.com:44300 → mx.example.net:44300",
            // the principal fitted the proxy's parent domain, and no longer does
            "check: warning[principal-host]",
            "(new in the result)",
        ],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("check: ").count(), 1, "{said}");
    let text = text_of(&dir.join("new.reg"));
    // look-alikes and a display name are not hosts to rename
    for kept in [
        "\"001e660c\"=\"mail.example.community\"",
        "\"SMTP Server\"=\"webmail.example.com\"",
        "\"001f3001\"=hex:6d,00,61,00",
        "[-HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Büro\\0a0d020000000000c000000000000046]",
        "\"DefaultProfile\"=\"Büro\"",
        "\"001e6608\"=\"mx.example.net\"",
    ] {
        assert!(text.contains(kept), "{kept} not in:\n{text}");
    }
    assert!(!text.contains("\\Profiles\\Work"), "{text}");
    // a host is a host: no scheme, port or path
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            "work.reg",
            "--map-host",
            "mail.example.com=https://x",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["give host names"]);
    // renaming onto a profile the file holds is refused, and nothing is written
    let two = root().join("samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg");
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            two.to_str().unwrap(),
            "--rename-profile",
            "Home=work",
            "-o",
            "merged.reg",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(
        &out.stderr,
        &["holds a profile \"work\" already", "merge the two"],
    );
    assert!(!dir.join("merged.reg").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_prf_and_a_yaml_document_are_rewritten_in_their_own_form() {
    let dir = common::scratch("rewrite-forms");
    std::fs::copy(
        root().join("samples/prf/oct2013_pop3_unicode_pst_utf8bom_dupes.prf"),
        dir.join("pop.prf"),
    )
    .unwrap();
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            "pop.prf",
            "--map-path",
            "%USERPROFILE%\\Documents=H:",
            "--map-host",
            "pop.praxis-mueller.example=pop.example.net",
            "--rename-profile",
            "Bürokonto=Praxis",
            "--in-place",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = text_of(&dir.join("pop.prf"));
    for said in [
        "ProfileName=Praxis",
        "H:\\Outlook-Dateien\\Archiv Müller.pst",
        "pop.example.net",
    ] {
        assert!(text.contains(said), "{said} not in:\n{text}");
    }
    assert!(text.contains("smtp.praxis-mueller.example"), "{text}");
    // YAML: through the model, the same changes
    let out = mapiprof_in(
        root(),
        &[
            "convert",
            "samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg",
            "-o",
            dir.join("two.yaml").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            "two.yaml",
            "--map-path",
            "D:\\Mail=E:\\Post",
            "--rename-profile",
            "Work=Arbeit",
            "--in-place",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let yaml = std::fs::read_to_string(dir.join("two.yaml")).unwrap();
    assert!(yaml.contains("E:\\Post\\archiv-müller.pst"), "{yaml}");
    assert!(
        yaml.contains("  Arbeit:") && yaml.contains("DefaultProfile: Arbeit"),
        "{yaml}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn renames_that_would_merge_or_disagree_are_refused_and_notes_change_nothing() {
    let dir = common::scratch("rewrite-refusals");
    let two = root().join("samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg");
    std::fs::copy(&two, dir.join("two.reg")).unwrap();
    let run = |args: &[&str]| mapiprof_in(&dir, args);
    // two profiles onto one name
    let out = run(&[
        "rewrite",
        "two.reg",
        "--rename-profile",
        "Home=Mail",
        "--rename-profile",
        "work=MAIL",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["would both be renamed", "merge them"]);
    // one old name, two new ones
    let out = run(&[
        "rewrite",
        "two.reg",
        "--map-host",
        "a.example=b.example",
        "--map-host",
        "A.example=c.example",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["'a.example' is given twice"]);
    // a profile name a .prf line could not keep
    let out = run(&[
        "rewrite",
        "two.reg",
        "--rename-profile",
        "Home= Home ",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["cannot be a profile name"]);
    // a text without a separator is no path: nothing changes, and an
    // option that matched nothing is named
    let out = run(&[
        "rewrite",
        "two.reg",
        "--map-path",
        "Privat=X:\\Privat",
        "--in-place",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(
        &out.stderr,
        &[
            "0 changed, 1 unchanged",
            "warning: --map-path 'Privat=X:\\Privat' matched nothing in any file",
        ],
    );
    assert_eq!(
        std::fs::read(dir.join("two.reg")).unwrap(),
        std::fs::read(&two).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_value_left_alone_is_a_note_and_the_file_is_not_replaced() {
    let dir = common::scratch("rewrite-notes");
    let sample = root().join("samples/reg/o16_pop3_pst_store_entry_ids.reg");
    std::fs::copy(&sample, dir.join("a.reg")).unwrap();
    let before = std::fs::metadata(dir.join("a.reg"))
        .unwrap()
        .modified()
        .unwrap();
    // a prefix that ends inside a path part moves no path, but the
    // undocumented list holds its text: a note, and the file stays
    let out = mapiprof_in(
        &dir,
        &[
            "rewrite",
            "a.reg",
            "--map-path",
            "C:\\Users\\mweber\\Doc=D:\\x",
            "--in-place",
            "--backup",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_says(
        &out.stderr,
        &["a.reg: note: Outlook\\0a0d020000000000c000000000000046/1102022a: left alone"],
    );
    assert_says(&out.stderr, &["0 changed, 1 unchanged"]);
    assert_eq!(
        std::fs::read(dir.join("a.reg")).unwrap(),
        std::fs::read(&sample).unwrap()
    );
    assert_eq!(
        std::fs::metadata(dir.join("a.reg"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert!(!dir.join("a.reg.bak").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
