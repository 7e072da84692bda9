//! `retarget`: profiles moved between the registry roots of Outlook
//! versions and renamed, semantically; every value line stays.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::edit::{EditError, Retarget, retarget_reg, retarget_yaml};
use mapiprof::input::{self, RegInput};
use mapiprof::model::Outlook;

fn reg_input(name: &str) -> RegInput {
    let bytes = std::fs::read(common::samples().join("reg").join(name)).unwrap();
    input::read_reg(&bytes, None).unwrap()
}

fn to(outlook: Outlook) -> Retarget {
    Retarget {
        outlook,
        rename: None,
        profile: None,
    }
}

/// The lines that are not key lines.
fn value_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with('[')).collect()
}

fn key_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('[')).collect()
}

const WMS: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem";

#[test]
fn keys_are_re_rooted_and_values_stay() {
    let file = reg_input("o2007_wms_proxy_dialog_port.reg");
    let moved = retarget_reg(&file, &to(Outlook::V2016)).unwrap();
    assert_eq!(value_lines(&moved.text), value_lines(&file.text));
    let keys = key_lines(&moved.text);
    assert!(!keys.is_empty());
    assert!(
        keys.iter().all(|k| k.starts_with(
            "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook"
        )),
        "{keys:#?}"
    );
    // and back again, byte for byte
    let again = input::read_reg(moved.text.as_bytes(), None).unwrap();
    let back = retarget_reg(&again, &to(Outlook::V2007)).unwrap();
    assert_eq!(back.text, file.text);
}

#[test]
fn default_profile_moves_to_where_the_version_keeps_it_and_follows_a_rename() {
    let file = reg_input("o2013_two_profiles_ldap_pop3_third_party.reg");
    let r = Retarget {
        outlook: Outlook::V2010,
        rename: Some("Büro".into()),
        profile: Some("work".into()),
    };
    let moved = retarget_reg(&file, &r).unwrap();
    let text = &moved.text;
    assert!(text.contains(&format!(
        "[{WMS}\\Profiles]\r\n\"DefaultProfile\"=\"Büro\"\r\n"
    )));
    assert!(text.contains(&format!(
        "[{WMS}\\Profiles\\Büro\\13dbb0c8aa05101a9bb000aa002fc45a]"
    )));
    assert!(text.contains(&format!("[{WMS}\\Profiles\\Home]")));
    assert!(!text.contains("Office\\15.0"));
    // the YAML document moves the same way
    let model = file.model().0;
    let via_yaml = retarget_yaml(&model, &r).unwrap().text;
    let bytes = mapiprof::text::encode(text, &file.format).unwrap();
    let mut reread = input::read_reg(&bytes, None).unwrap().model().0;
    reread.source = model.source;
    assert_eq!(
        via_yaml,
        mapiprof::yaml::write(&reread, &Default::default()).unwrap()
    );
}

#[test]
fn deletions_move_too_and_renaming_needs_a_profile_when_there_are_several() {
    let file = reg_input("patch_deletions.reg");
    let moved = retarget_reg(&file, &to(Outlook::V2013)).unwrap();
    assert!(moved.text.contains(
        "[-HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles\\Old Profile]"
    ));
    assert!(moved.text.contains(
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook]\r\n\"DefaultProfile\"=\"Outlook\""
    ));
    let rename = Retarget {
        rename: Some("New".into()),
        ..to(Outlook::V2016)
    };
    assert!(matches!(
        retarget_reg(&file, &rename),
        Err(EditError::NoMatch(_))
    ));
}
