//! `.reg` → `.prf`: an OCT-style file that recreates a profile, the seed
//! stories carried there and back, the choice of profile, internet accounts
//! by their registry names, and what cannot be carried named in warnings.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::diag::Warning;
use mapiprof::input;
use mapiprof::model::{Model, Outlook, PrfToReg, RegToPrf, ToPrfError, prf_to_reg, reg_to_prf};
use mapiprof::prf::{self, Generation, PrfModel};
use mapiprof::reg::{RegData, RegValue, ValueName};

fn recreate(model: &Model, options: &RegToPrf) -> (PrfModel, Vec<String>) {
    let (prf, warnings) = reg_to_prf(model, options).unwrap();
    (prf, warnings.iter().map(Warning::to_string).collect())
}

/// The written file as text, and the settings of `[id]`.
fn written(prf: &PrfModel) -> String {
    prf::write(prf).unwrap()
}

fn settings<'p>(prf: &'p PrfModel, id: &str) -> &'p prf::Entries {
    &prf.services
        .iter()
        .chain(&prf.accounts)
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no [{id}]"))
        .settings
        .active
}

fn get<'p>(prf: &'p PrfModel, id: &str, key: &str) -> Option<&'p str> {
    settings(prf, id)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

#[test]
fn an_outlook_anywhere_profile_becomes_an_oct_prf() {
    let (prf, warnings) = recreate(
        &common::reg_sample_model("o16_exchange_outlook_anywhere.reg"),
        &RegToPrf::default(),
    );
    let text = written(&prf);
    let head = text.split("; Section 6").next().unwrap();
    common::snapshots().bind(|| {
        insta::assert_snapshot!("reg_to_prf_outlook_anywhere", head);
    });
    assert_eq!(prf.generation(), Some(Generation::Office2010));
    assert_eq!(
        get(&prf, "ServiceEGS1", "RPCProxyServer"),
        Some("mail.example.com:44300")
    );
    assert_eq!(get(&prf, "ServiceEGS1", "TCPExchangePort"), Some("6001"));
    assert_eq!(get(&prf, "ServiceEGS1", "RPCoverHTTPflags"), Some("0x002F"));
    assert_eq!(
        get(&prf, "Service1", "AccountName"),
        Some("jane.doe@example.com")
    );
    // the port mappings of KB 833799 come with the ports
    assert!(text.contains("\r\nTCPExchangePort=PT_I2,0x662C\r\n"));
    // the global section's copies agree with the account section's: no warning
    assert!(
        !warnings.iter().any(|w| w.contains("RPCProxyServer")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("PR_PROFILE_AUTH_PACKAGE (00036619)")),
        "{warnings:#?}"
    );
}

/// The bytes of value `name` in section `uid` of the first profile.
fn value<'m>(model: &'m Model, uid: &str, name: &str) -> &'m RegData {
    let key = model.profiles[0]
        .keys
        .iter()
        .find(|k| k.path.eq_ignore_ascii_case(uid))
        .unwrap_or_else(|| panic!("no section {uid}"));
    let found: &RegValue = key
        .values
        .iter()
        .find(|v| v.name.as_str() == name)
        .unwrap_or_else(|| panic!("no value {name} in {uid}"));
    &found.data
}

#[test]
fn the_seed_values_survive_reg_to_prf_to_reg() {
    let original = common::reg_sample_model("o16_exchange_outlook_anywhere.reg");
    let (prf, _) = recreate(&original, &RegToPrf::default());
    let bytes = prf::to_bytes(&prf).unwrap();
    let read_back = common::prf_model_of(&bytes);
    let options = PrfToReg {
        outlook: Some(Outlook::V2016),
        profile: None,
        partial: true,
    };
    let (patch, _) = prf_to_reg(&read_back, &options).unwrap();
    let egs = "13dbb0c8aa05101a9bb000aa002fc45a";
    for name in ["0002662c", "00026630", "0002662e", "001f6622", "00036623"] {
        assert_eq!(
            value(&patch, egs, name),
            value(&original, egs, name),
            "{name}"
        );
    }
    // the mailbox name comes back in the Unicode form Outlook 2016 reads
    assert_eq!(
        value(&original, egs, "001e6607"),
        &RegData::String("jdoe".into())
    );
    assert_eq!(
        value(&patch, egs, "001f6607"),
        &RegData::Hex {
            kind: 3,
            bytes: mapiprof::mapi::unicode_bytes("jdoe")
        }
    );
    assert_eq!(
        value(&patch, egs, "0002662c"),
        &RegData::Hex {
            kind: 3,
            bytes: vec![0x71, 0x17]
        }
    );
}

#[test]
fn the_written_prf_of_every_sample_reads_back_as_built_without_warnings() {
    let checked = prf_reads_back_as_built(&common::reg_samples());
    assert!(checked >= 8, "only {checked} profiles");
}

common::corpus_test!(
    the_written_prf_of_every_corpus_file_reads_back_as_built_without_warnings,
    {
        let checked = prf_reads_back_as_built(&common::corpus_reg_files());
        assert!(checked >= 4, "only {checked} profiles");
    }
);

/// Each profile of each of `files`, written as a `.prf`, reads back without
/// warnings to what was written; returns how many profiles.
fn prf_reads_back_as_built(files: &[PathBuf]) -> usize {
    let mut checked = 0;
    for path in files {
        let model = common::model_of(&std::fs::read(path).unwrap());
        for profile in &model.profiles {
            let mut options = RegToPrf {
                profile: Some(profile.name.clone()),
                ..RegToPrf::default()
            };
            // a profile exported in part makes a .prf only when asked
            let (prf, _) = match reg_to_prf(&model, &options) {
                Err(ToPrfError::NoServices(_)) => {
                    options.partial = true;
                    reg_to_prf(&model, &options).unwrap()
                }
                other => other.unwrap(),
            };
            let bytes = prf::to_bytes(&prf).unwrap();
            let parsed = input::read_prf(&bytes, None).unwrap();
            let (again, warnings) = parsed.model();
            assert!(
                parsed.warnings.is_empty() && warnings.is_empty(),
                "{}: {:?} {warnings:?}",
                path.display(),
                parsed.warnings
            );
            assert_eq!(again.general, prf.general, "{}", path.display());
            assert_eq!(again.services, prf.services, "{}", path.display());
            assert_eq!(again.accounts, prf.accounts, "{}", path.display());
            assert_eq!(again.generation(), prf.generation(), "{}", path.display());
            checked += 1;
        }
    }
    checked
}

#[test]
fn the_default_profile_is_taken_unless_one_is_named() {
    let model = common::reg_sample_model("o2013_two_profiles_ldap_pop3_third_party.reg");
    let (work, _) = recreate(&model, &RegToPrf::default());
    assert_eq!(work.general.get("ProfileName"), Some("Work"));
    assert_eq!(work.general.get("DefaultProfile"), Some("Yes"));
    assert_eq!(work.general.get("DefaultStore"), Some("Service1"));

    let home = RegToPrf {
        profile: Some("home".into()),
        ..RegToPrf::default()
    };
    let (home, _) = recreate(&model, &home);
    assert_eq!(home.general.get("ProfileName"), Some("Home"));
    assert_eq!(home.general.get("DefaultProfile"), Some("No"));
    assert_eq!(
        get(&home, "Service1", "PathAndFilenameToPersonalFolders"),
        Some("D:\\Mail\\archiv-müller.pst")
    );
    assert_eq!(get(&home, "Service1", "Name"), Some("Archiv Müller"));
    assert_eq!(get(&home, "Service1", "EncryptionType"), Some("0x80000000"));

    let missing = RegToPrf {
        profile: Some("Travel".into()),
        ..RegToPrf::default()
    };
    assert_eq!(
        reg_to_prf(&model, &missing).unwrap_err(),
        ToPrfError::NoSuchProfile("Travel".into(), vec!["Home".into(), "Work".into()])
    );
    let two = common::reg_sample_model("mv_layouts_32_and_64_bit.reg");
    let err = reg_to_prf(&two, &RegToPrf::default()).unwrap_err();
    assert!(matches!(err, ToPrfError::WhichProfile(ref names) if names.len() == 2));
    assert!(err.to_string().contains("--profile"));
}

#[test]
fn services_accounts_and_what_cannot_be_carried() {
    let model = common::reg_sample_model("o2013_two_profiles_ldap_pop3_third_party.reg");
    let (prf, warnings) = recreate(&model, &RegToPrf::default());
    let listed: Vec<(&str, &str)> = prf
        .services
        .iter()
        .chain(&prf.accounts)
        .map(|i| (i.id.as_str(), i.block.as_deref().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("ServiceX", "Microsoft Outlook Client"),
            ("ServiceEGS1", "Exchange Global Section"),
            ("Service1", "Microsoft Exchange Server"),
            ("Service2", "LDAP Directory"),
            ("Account1", "I_Mail"),
        ]
    );
    assert_eq!(get(&prf, "ServiceEGS1", "HTTPExchangePort"), Some("6002"));
    assert_eq!(
        get(&prf, "Service2", "ServerName"),
        Some("ldap.corp.example.com")
    );
    assert_eq!(get(&prf, "Service2", "UseSSL"), Some("TRUE"));
    assert_eq!(get(&prf, "Service2", "ConnectionPort"), Some("636"));
    assert_eq!(get(&prf, "Account1", "POP3Port"), Some("995"));
    assert_eq!(get(&prf, "Account1", "LeaveOnServer"), Some("0x000E0003"));
    assert_eq!(get(&prf, "Account1", "DisplayName"), Some("Maria Müller"));
    let said = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(said("service ACMECRM; it is left out"), "{warnings:#?}");
    assert!(said("POP3 Password is a protected secret"), "{warnings:#?}");
    assert!(
        said("Outlook makes new ones: Delivery Store EntryID"),
        "{warnings:#?}"
    );
    assert!(
        !said("001f6600"),
        "values of a left-out service are not listed again"
    );
}

#[test]
fn internet_accounts_take_their_settings_by_registry_name() {
    let (prf, warnings) = recreate(
        &common::reg_sample_model("o16_imap_smtp_account.reg"),
        &RegToPrf::default(),
    );
    assert_eq!(prf.accounts.len(), 1);
    assert_eq!(prf.accounts[0].block.as_deref(), Some("IMAP_I_Mail"));
    let keys: Vec<&str> = settings(&prf, "Account1").iter().map(|(k, _)| k).collect();
    // the order of the mapping block, as OCT writes it
    assert_eq!(
        keys,
        [
            "UniqueService",
            "AccountName",
            "DisplayName",
            "EmailAddress",
            "IMAPServer",
            "IMAPUserName",
            "IMAPPort",
            "IMAPUseSSL",
            "SMTPServer",
            "SMTPUseAuth",
            "SMTPPort",
            "SMTPSecureConnection",
        ]
    );
    assert_eq!(get(&prf, "Account1", "SMTPSecureConnection"), Some("2"));
    assert!(warnings.iter().any(|w| w.contains("IMAP Password")));
}

#[test]
fn older_roots_get_the_2002_2007_blocks_and_ansi_text() {
    // an export of the proxy settings alone: a .prf that adds to the profile
    let (prf, _) = recreate(
        &common::reg_sample_model("o2007_wms_proxy_dialog_port.reg"),
        &RegToPrf {
            partial: true,
            ..RegToPrf::default()
        },
    );
    assert_eq!(prf.generation(), Some(Generation::Office2002));
    assert_eq!(
        get(&prf, "ServiceEGS", "RPCProxyServer"),
        Some("mail.example.com-44300")
    );

    let (prf, _) = recreate(
        &common::reg_sample_model("regedit4_cp1252_pst_umlauts.reg"),
        &RegToPrf::default(),
    );
    let bytes = prf::to_bytes(&prf).unwrap();
    assert!(bytes.contains(&0xFC), "ü in Windows-1252");
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
}

#[test]
fn text_the_code_page_lacks_switches_to_utf8_with_a_bom() {
    let yaml = "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
        profiles:\n  Outlook:\n    9375CFF0413111d3B88A00104B2A6676\\00000001:\n      \
        Account Name: 鈴木\n      clsid: \"{ED475411-B0D6-11D2-8C3B-00104B2A6676}\"\n";
    let model = input::read_yaml(yaml.as_bytes()).unwrap();
    let (prf, warnings) = recreate(&model, &RegToPrf::default());
    let bytes = prf::to_bytes(&prf).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(
        warnings.iter().any(|w| w.contains("UTF-8")),
        "{warnings:#?}"
    );
    assert_eq!(common::prf_model_of(&bytes).accounts, prf.accounts);
}

#[test]
fn values_a_prf_line_cannot_carry_are_trimmed_or_left_out_with_a_warning() {
    let mut model = common::reg_sample_model("o16_imap_smtp_account.reg");
    let text = |s: &str| RegData::String(s.to_owned());
    let mut found = 0;
    for key in model.profiles.iter_mut().flat_map(|p| p.keys.iter_mut()) {
        for value in &mut key.values {
            let new = match &value.name {
                ValueName::Named(n) if n == "Display Name" => text("Jo Doe "),
                ValueName::Named(n) if n == "Email" => text("jo\u{b}@example.org"),
                _ => continue,
            };
            value.data = new;
            found += 1;
        }
    }
    assert_eq!(found, 2, "the sample's display name and address");
    let (prf, warnings) = recreate(&model, &RegToPrf::default());
    assert_eq!(get(&prf, "Account1", "DisplayName"), Some("Jo Doe"));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("DisplayName in [Account1] starts or ends with a blank")),
        "{warnings:?}"
    );
    assert_eq!(get(&prf, "Account1", "EmailAddress"), None);
    assert!(
        warnings.iter().any(|w| w.contains(
            "EmailAddress in [Account1] holds a line break or another control character"
        )),
        "{warnings:?}"
    );
    // what is written reads back as built
    let back = common::prf_model_of(written(&prf).as_bytes());
    assert_eq!(back.accounts, prf.accounts);
}

/// An export that holds none of the profile's services (one key of it, say)
/// would make a `.prf` that replaces the profile with an empty one: refused
/// with the reason; `partial` makes one that adds to the profile instead.
#[test]
fn a_partial_export_does_not_make_a_destructive_prf() {
    let text = "Windows Registry Editor Version 5.00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
        \"001f6622\"=hex:6d,00,61,00,69,00,6c,00,2e,00,65,00,78,00,2e,00,63,00,6f,00,6d,00,00,00\r\n";
    let model = common::model_of(&common::utf16(text));
    let err = reg_to_prf(&model, &RegToPrf::default()).unwrap_err();
    assert!(
        matches!(err, ToPrfError::NoServices(ref p) if p == "Outlook"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("replace the profile with an empty one"),
        "{err}"
    );
    let (prf, _) = recreate(
        &model,
        &RegToPrf {
            partial: true,
            ..RegToPrf::default()
        },
    );
    assert_eq!(prf.general.get("OverwriteProfile"), Some("Append"));
    assert!(!written(&prf).contains("OverwriteProfile=Yes"));
}

/// Without a chosen version, a note says which mapping blocks were written
/// and why; an Outlook 2016 export's Exchange services are written with a
/// warning that Outlook 2016 no longer sets Exchange up from a `.prf`.
#[test]
fn the_version_is_said_and_exchange_for_2016_is_flagged() {
    let model = common::reg_sample_model("o16_exchange_outlook_anywhere.reg");
    let (_, warnings) = reg_to_prf(&model, &RegToPrf::default()).unwrap();
    let notes: Vec<&Warning> = warnings.iter().filter(|w| w.is_note()).collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]
            .to_string()
            .contains("mapping blocks of Office 2010 and later")
    );
    assert!(
        warnings.iter().any(|w| !w.is_note()
            && w.to_string().contains("Outlook 2016 or later")
            && w.to_string().contains("[Service1]")),
        "{warnings:?}"
    );
    // a version asked for needs no note
    let (_, warnings) = reg_to_prf(
        &model,
        &RegToPrf {
            generation: Some(Generation::Office2010),
            ..RegToPrf::default()
        },
    )
    .unwrap();
    assert!(!warnings.iter().any(Warning::is_note));
}
