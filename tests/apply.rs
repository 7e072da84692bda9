//! `apply`: a partial YAML document merged into `.reg` and YAML files,
//! format-preserving, profiles matched by name or `"*"`.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::edit::{EditError, apply_reg, apply_yaml};
use mapiprof::input::{self, RegInput};
use mapiprof::yaml;

fn reg_input(name: &str) -> RegInput {
    let bytes = std::fs::read(common::samples().join("reg").join(name)).unwrap();
    input::read_reg(&bytes, None).unwrap()
}

const PATCH: &str = "mapiprof: 1\nprofiles:\n  \"*\":\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
    RPCProxyServer: mail.example.com:44300\n      TCPExchangePort: 6010\n      \
    RPCProxyPrincipalName: {delete: true}\n    \"-0a0d020000000000c000000000000046\": {}\n";

#[test]
fn a_patch_sets_removes_and_deletes_keeping_everything_else() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let patch = yaml::read_patch(PATCH).unwrap();
    let edited = apply_reg(&file, &patch).unwrap();
    assert_eq!(edited.changes.len(), 3, "{:?}", edited.changes);
    let old: Vec<&str> = file.text.lines().collect();
    let new: Vec<&str> = edited.text.lines().collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    let removed: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    assert_eq!(
        added,
        [
            &"[-HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\0a0d020000000000c000000000000046]",
            &"\"001f6625\"=-",
            &"\"0002662c\"=hex:7a,17",
        ]
    );
    // the deleted key's own lines; the old principal's and port's lines
    // are still there, in the Exchange account section, which has a copy
    assert_eq!(removed.len(), 1 + 3, "{removed:#?}");
    assert!(new.contains(&"\"0002662c\"=hex:71,17"));
    // the YAML path agrees
    let via_yaml = apply_yaml(&file.model().0, &patch).unwrap();
    let reread = input::read_reg(edited.text.as_bytes(), None).unwrap();
    let mut model = reread.model().0;
    model.source = file.model().0.source;
    assert_eq!(
        via_yaml.text,
        yaml::write(&model, &Default::default()).unwrap()
    );
    // applying twice changes nothing more
    let again = apply_reg(&reread, &patch).unwrap();
    assert_eq!(
        again.changes,
        ["Outlook/0a0d020000000000c000000000000046: key deleted"]
    );
    assert_eq!(again.text, edited.text);
}

#[test]
fn a_profile_the_file_lacks_is_an_error() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let patch = yaml::read_patch(&PATCH.replace("\"*\"", "Travel")).unwrap();
    let err = apply_reg(&file, &patch).unwrap_err();
    assert!(
        matches!(err, EditError::NoMatch(ref m) if m.contains("Travel")),
        "{err}"
    );
}

#[test]
fn a_prf_patch_switches_on_adds_and_comments_out_one_line_each() {
    let file = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let patch = "mapiprof: 1\nsource: {format: prf}\ngeneral:\n  settings:\n    BackupProfile: \"No\"\n\
        services:\n  ServiceEGS:\n    settings:\n      HTTPExchangePort: 6001\n      \
        TCPExchangePort: null\n      RPCoverHTTPflags: 0x0027\n";
    let yaml::Patch::Prf(patch) = yaml::read_any_patch(patch).unwrap().0 else {
        panic!("a .prf patch")
    };
    let edited = mapiprof::edit::apply_prf(&file, &patch).unwrap();
    assert_eq!(edited.changes.len(), 4, "{:?}", edited.changes);
    let old: Vec<&str> = file.text.lines().collect();
    let new: Vec<&str> = edited.text.lines().collect();
    let mut added: Vec<&str> = new.iter().filter(|l| !old.contains(l)).copied().collect();
    added.sort_unstable();
    assert_eq!(
        added,
        [
            ";TCPExchangePort=6001",
            "BackupProfile=No",
            "HTTPExchangePort=6001",
            "RPCoverHTTPflags=0x0027"
        ],
        "hex kept as written"
    );
    assert_eq!(
        new.len(),
        old.len() + 2,
        "two lines added, the rest edited in place"
    );
    let bad = "mapiprof: 1\nsource: {format: prf}\nservices:\n  ServiceEGS:\n    settings:\n      TCPExchangePort: 70000\n";
    let yaml::Patch::Prf(bad) = yaml::read_any_patch(bad).unwrap().0 else {
        panic!()
    };
    assert!(matches!(
        mapiprof::edit::apply_prf(&file, &bad),
        Err(EditError::Value { .. })
    ));
}

/// A value with nothing after its colon is no deletion: in a document it is
/// an error that says how to delete; in a patch, where it used to delete,
/// it still does, with a warning that names the new spelling.
#[test]
fn a_deletion_is_spelt_out() {
    let doc = "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
               profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      TCPExchangePort:\n";
    let err = input::read_yaml(doc.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("6:22"), "{err}");
    assert!(
        err.contains("no value: give one, or write {delete: true}"),
        "{err}"
    );
    let spelt = doc.replace("TCPExchangePort:\n", "TCPExchangePort: {delete: true}\n");
    let model = input::read_yaml(spelt.as_bytes()).unwrap();
    let bytes = model
        .to_reg_bytes(mapiprof::model::Reach::Profiles)
        .unwrap();
    let reg = encoding_rs::UTF_16LE.decode(&bytes).0.into_owned();
    assert!(reg.contains("\"0002662c\"=-"), "{reg}");

    let old_patch = "mapiprof: 1\nprofiles:\n  \"*\":\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
                     RPCProxyPrincipalName: null\n";
    let (patch, warnings) = yaml::read_any_patch(old_patch).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .contains("null is read as a deletion in a patch; write {delete: true}")
    );
    let yaml::Patch::Reg(patch) = patch else {
        panic!("a registry patch");
    };
    let edited = apply_reg(&reg_input("o16_exchange_outlook_anywhere.reg"), &patch).unwrap();
    assert!(edited.text.contains("\"001f6625\"=-"));
}

/// `"*"` changes the keys each profile has: an Exchange section is not
/// added to a profile of internet accounts; a profile named gets the key.
#[test]
fn every_profile_changes_only_the_keys_it_has() {
    let patch = yaml::read_patch(PATCH).unwrap();
    let imap = reg_input("o16_imap_smtp_account.reg");
    let edited = apply_reg(&imap, &patch).unwrap();
    assert!(
        !edited.text.contains("13dbb0c8aa05101a9bb000aa002fc45a"),
        "{:?}",
        edited.changes
    );
    let name = imap.model().0.profiles[0].name.clone();
    let named = PATCH.replace("\"*\"", &format!("\"{name}\""));
    let edited = apply_reg(&imap, &yaml::read_patch(&named).unwrap()).unwrap();
    assert!(edited.text.contains("13dbb0c8aa05101a9bb000aa002fc45a]"));
}

/// A patch's section says nothing of its role, and PR_RESOURCE_FLAGS names
/// one bit in a service's section and another in a provider's: the names
/// are refused there with the reason (a number is taken), where a section
/// that shows its role reads them.
#[test]
fn resource_flags_in_a_patch_are_numbers() {
    let file = reg_input("o16_ldap_contab_shift_jis_lists.reg");
    let err = yaml::read_patch(
        "mapiprof: 1\nprofiles:\n  Outlook:\n    4c1d2e3f40516273849506a7b8c9d0e1:\n      \
         PR_RESOURCE_FLAGS: [service-single-copy]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("write the number"), "{err}");
    let patch = yaml::read_patch(
        "mapiprof: 1\nprofiles:\n  Outlook:\n    4c1d2e3f40516273849506a7b8c9d0e1:\n      \
         PR_RESOURCE_FLAGS: 0x2\n    5d0e1f2031425364758697a8b9cad0e2:\n      \
         PR_SERVICE_UID: 4c1d2e3f40516273849506a7b8c9d0e1\n      \
         PR_RESOURCE_FLAGS: [status-default-store, status-no-primary-identity]\n",
    )
    .unwrap();
    let edited = apply_reg(&file, &patch).unwrap();
    assert!(edited.text.contains("\"00033009\"=hex:02,00,00,00\r\n"));
    assert!(edited.text.contains("\"00033009\"=hex:22,00,00,00\r\n"));
}
