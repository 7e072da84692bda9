//! Inputs the fuzzers found, each kept as a test of the law it broke.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::model::Reach;
use mapiprof::{input, prf};

/// reg_reader: keys outside the profiles that sort on both sides of the
/// profile root came back in another order after a write.
#[test]
fn keys_outside_profiles_keep_their_order_through_a_write() {
    let text = "REGEDIT4\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\P]\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsows\\X]\r\n\"a\"=\"1\"\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Me/saging\\Y]\r\n\"b\"=\"2\"\r\n";
    let model = common::model_of(text.as_bytes());
    let written = model.to_reg_bytes(Reach::AnyKey).unwrap();
    assert_eq!(common::model_of(&written), model);
}

/// prf_reader: an empty section that no list names was dropped by the
/// writer.
#[test]
fn an_empty_unlisted_section_survives_a_write() {
    let text = "[Service List]\r\nService1=Microsoft Exchange Server\r\n[Service1]\r\nHomeServer=x\r\n[Service2]\r\n";
    let model = common::prf_model_of(text.as_bytes());
    assert!(model.services.iter().any(|i| i.id == "Service2"));
    let written = prf::to_bytes(&model).unwrap();
    let again = input::read_prf(&written, None).unwrap().model().0;
    assert_eq!(again.services, model.services);
}

/// reg_reader: with keys under two profile roots, the first one met was
/// the root, and a write (which puts the profiles after the keys that sort
/// before them) changed which one that was.
#[test]
fn the_profile_root_does_not_depend_on_key_order() {
    let text = "Windows Registry Editor Version 5.00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook]\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\0a0d020000000000c000000000000046]\r\n\"0003041f\"=hex:02,00,00,00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\06.0\\Outlook\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\"001e6607\"=\"jdoe\"\r\n";
    let model = common::model_of(text.as_bytes());
    assert_eq!(
        model.root.as_deref(),
        Some("HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles")
    );
    let written = model.to_reg_bytes(Reach::AnyKey).unwrap();
    assert_eq!(common::model_of(&written), model);
}

/// prf_reader: an id in both [Service List] and [Internet Account List] was
/// written twice, and the second section (with the account's commented
/// settings) was ignored on reading. The service wins; the account entry is
/// a warning.
#[test]
fn an_id_in_both_lists_is_a_service() {
    let text = "[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
        [Internet Account List]\r\nServiceEGS=Exchange Global Section\r\n\
        [ServiceEGS]\r\nTCPExchangePort=6001\r\n;HTTPExchangePort=6001\r\n";
    let file = input::read_prf(text.as_bytes(), None).unwrap();
    let (model, warnings) = file.model();
    assert!(model.accounts.is_empty());
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("it is read as a service"))
    );
    let written = prf::to_bytes(&model).unwrap();
    let again = input::read_prf(&written, None).unwrap().model().0;
    assert_eq!(again.services, model.services);
}

/// reg_reader: a key named in two blocks (or set, then deleted) counted
/// twice towards its profile root, and once the model merged the blocks the
/// written file had its keys under the other root.
#[test]
fn merged_and_wiped_out_blocks_do_not_move_the_profile_root() {
    const O16: &str =
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook";
    const O15: &str =
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles\\Work";
    for body in [
        format!(
            "[{O16}\\a]\r\n\"x\"=\"1\"\r\n[{O16}\\A]\r\n\"y\"=\"2\"\r\n[{O15}\\b]\r\n[{O15}\\c]\r\n"
        ),
        format!(
            "[{O16}\\a]\r\n\"x\"=\"1\"\r\n[-{O16}\\a]\r\n[{O16}\\d]\r\n[{O15}\\b]\r\n[{O15}\\c]\r\n"
        ),
    ] {
        let text = format!("REGEDIT4\r\n\r\n{body}");
        let model = common::model_of(text.as_bytes());
        let written = model.to_reg_bytes(Reach::AnyKey).unwrap();
        assert_eq!(common::model_of(&written), model, "{body}");
    }
}

/// A deletion of the profile root takes the profiles named before it, as
/// Regedit leaves them: `show` listed the old profile, and the `.reg`
/// written from the model (the deletion first) kept it.
#[test]
fn deleting_the_profile_root_takes_the_profiles_before_it() {
    const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
    let text = format!(
        "REGEDIT4\r\n\r\n[{ROOT}\\Old\\x]\r\n\"a\"=dword:1\r\n\r\n[-{ROOT}]\r\n\r\n[{ROOT}\\New\\x]\r\n\"b\"=dword:1\r\n"
    );
    let model = common::model_of(text.as_bytes());
    let names: Vec<&str> = model.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["New"]);
    let written = model.to_reg_bytes(Reach::AnyKey).unwrap();
    let again = input::read_reg(&written, None).unwrap();
    let imported = mapiprof::reg::import::import(&again.document(), again.codepage);
    assert!(imported.key(&format!("{ROOT}\\New\\x")).is_some());
    assert!(imported.key(&format!("{ROOT}\\Old\\x")).is_none());
}
