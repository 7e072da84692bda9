//! `.prf` → `.reg` with `--base`: settings placed into the export's own
//! sections (Exchange account sections, service sections, account-manager
//! subkeys); everything else in the export stays as it was.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::model::{FromPrfError, Model, Outlook, PrfToReg, prf_onto_export};
use mapiprof::reg::RegData;

fn export(name: &str) -> Model {
    common::model_of(&std::fs::read(common::samples().join("reg").join(name)).unwrap())
}

fn apply(prf: &str, base: &Model, options: &PrfToReg) -> Result<Model, FromPrfError> {
    prf_onto_export(&common::prf_model_of(prf.as_bytes()), base, options).map(|(m, _)| m)
}

/// Every `(profile, section, value, data)` of a model, in order.
fn values(model: &Model) -> Vec<(String, String, String, RegData)> {
    model
        .profiles
        .iter()
        .flat_map(|p| {
            p.keys.iter().flat_map(move |k| {
                k.values.iter().map(move |v| {
                    (
                        p.name.clone(),
                        k.path.clone(),
                        v.name.as_str().to_owned(),
                        v.data.clone(),
                    )
                })
            })
        })
        .collect()
}

/// What differs between two models: `(section, value, new data)`.
fn changes(before: &Model, after: &Model) -> Vec<(String, String, RegData)> {
    let old = values(before);
    values(after)
        .into_iter()
        .filter(|v| !old.contains(v))
        .map(|(_, section, name, data)| (section, name, data))
        .collect()
}

/// One of [`changes`]: `(section, value, new data)`.
fn change(section: &str, value: &str, data: RegData) -> (String, String, RegData) {
    (section.to_owned(), value.to_owned(), data)
}

fn utf16(text: &str) -> RegData {
    RegData::Hex {
        kind: 3,
        bytes: mapiprof::mapi::unicode_bytes(text),
    }
}

/// The Exchange Global Section's key.
const EGS: &str = "13dbb0c8aa05101a9bb000aa002fc45a";

const PROXY_PRF: &str = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\n\
    ServiceEGS=Exchange Global Section\r\n[ServiceEGS]\r\nRPCProxyServer=mail.example.com:44300\r\n";

#[test]
fn the_proxy_port_story_changes_one_value_of_the_whole_export() {
    let base = export("o2007_wms_proxy_dialog_port.reg");
    let after = apply(PROXY_PRF, &base, &PrfToReg::default()).unwrap();
    assert_eq!(
        changes(&base, &after),
        [change(EGS, "001f6622", utf16("mail.example.com:44300"))]
    );
    assert_eq!(
        values(&after).len(),
        values(&base).len(),
        "replaced in place"
    );
    assert_eq!(after.source, base.source);
    assert_eq!(after.keys, base.keys);
}

#[test]
fn global_section_settings_also_go_into_each_exchange_account_section() {
    let base = export("o16_exchange_outlook_anywhere.reg");
    let prf = PROXY_PRF.replace("mail.example.com:44300", "owa.example.net:443");
    let after = apply(&prf, &base, &PrfToReg::default()).unwrap();
    let changes = changes(&base, &after);
    let changed: Vec<(&str, &str)> = changes
        .iter()
        .map(|(s, n, _)| (s.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            (EGS, "001f6622"),
            ("a1b2c3d4e5f60718293a4b5c6d7e8f90", "001f6622"),
        ]
    );
}

#[test]
fn service_settings_go_where_the_service_keeps_them_in_their_registry_type() {
    let base = export("o2013_two_profiles_ldap_pop3_third_party.reg");
    let prf = "[General]\r\nProfileName=Work\r\n[Service List]\r\n\
        Service1=Microsoft Exchange Server\r\nService2=LDAP Directory\r\n\
        [Service1]\r\nHomeServer=exch03.corp.example.com\r\nOfflineAddressBookPath=\r\n\
        [Service2]\r\nServerName=ldap2.corp.example.com\r\nUseSSL=FALSE\r\n";
    let after = apply(prf, &base, &PrfToReg::default()).unwrap();
    assert_eq!(
        changes(&base, &after),
        [
            change(
                EGS,
                "001e6608",
                RegData::String("exch03.corp.example.com".into())
            ),
            change(
                "4d9e1f3a5b6c7d8e9f0a1b2c3d4e5f60",
                "001e6600",
                RegData::String("ldap2.corp.example.com".into())
            ),
            change(
                "4d9e1f3a5b6c7d8e9f0a1b2c3d4e5f60",
                "000b6613",
                RegData::Hex {
                    kind: 3,
                    bytes: vec![0, 0]
                }
            ),
        ],
        "the empty OfflineAddressBookPath= changes nothing"
    );

    // a PST path mapped as PT_STRING8 stays the 001f value the export has
    let prf = "[General]\r\nProfileName=Home\r\n[Service List]\r\n\
        Service1=Unicode Personal Folders\r\n\
        [Service1]\r\nPathAndFilenameToPersonalFolders=E:\\Mail\\archiv.pst\r\n";
    let after = apply(prf, &base, &PrfToReg::default()).unwrap();
    assert_eq!(
        changes(&base, &after),
        [change(
            "6f4e7b3c2d1e4f0a8b9c7d6e5f4a3b2c",
            "001f6700",
            utf16("E:\\Mail\\archiv.pst")
        )]
    );
}

#[test]
fn internet_accounts_are_found_by_name_and_set_under_registry_names() {
    let base = export("o2013_two_profiles_ldap_pop3_third_party.reg");
    let prf = "[General]\r\nProfileName=Work\r\n[Internet Account List]\r\nAccount1=I_Mail\r\n\
        [Account1]\r\nUniqueService=No\r\nAccountName=Privat (POP3)\r\nPOP3Port=110\r\n\
        SMTPServer=mail.example.net\r\nOrganization=Example\r\n";
    let options = PrfToReg {
        partial: true,
        ..PrfToReg::default()
    };
    let (after, warnings) =
        prf_onto_export(&common::prf_model_of(prf.as_bytes()), &base, &options).unwrap();
    let account = "9375CFF0413111d3B88A00104B2A6676\\00000002";
    assert_eq!(
        changes(&base, &after),
        [
            change(account, "POP3 Port", RegData::Dword(110)),
            change(
                account,
                "SMTP Server",
                RegData::String("mail.example.net".into())
            ),
        ]
    );
    // no registry name is known for Organization: named, and left out
    assert!(
        warnings.iter().any(|w| w
            .to_string()
            .contains("Organization (no known registry name)")),
        "{warnings:?}"
    );
}

#[test]
fn what_the_export_lacks_is_named_and_the_profile_must_exist() {
    let base = export("o2013_two_profiles_ldap_pop3_third_party.reg");
    let prf = "[General]\r\nProfileName=Home\r\n[Service List]\r\n\
        Service1=Unicode Personal Folders\r\nService2=Unicode Personal Folders\r\n\
        [Service1]\r\nName=One\r\n[Service2]\r\nName=Two\r\n";
    let err = apply(prf, &base, &PrfToReg::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "these settings cannot be placed in a .reg:\n  [Service2] (Unicode Personal Folders): Name \
         (the export has 1 service section(s) of MSUPST MS, this is number 2)\n(--partial leaves them out)"
    );
    let err = apply(
        &prf.replace("ProfileName=Home", "ProfileName=Travel"),
        &base,
        &PrfToReg::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "--base: the export holds no profile \"Travel\"; it holds Home, Work"
    );
    // without a name, the export's default profile
    let prf = "[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
        [ServiceEGS]\r\nTCPExchangePort=6010\r\n";
    let after = apply(prf, &base, &PrfToReg::default()).unwrap();
    assert_eq!(
        changes(&base, &after),
        [change(
            EGS,
            "0002662c",
            RegData::Hex {
                kind: 3,
                bytes: vec![0x7A, 0x17]
            }
        )]
    );
}

/// The POP3 account subkeys of `model`: (profile, path, account name).
fn pop3_accounts(model: &Model) -> Vec<(String, String, String)> {
    let get = |k: &mapiprof::reg::Block, name: &str| {
        k.values
            .iter()
            .find(|v| v.name.as_str() == name)
            .map(|v| v.data.clone())
    };
    model
        .profiles
        .iter()
        .flat_map(|p| p.keys.iter().map(move |k| (p, k)))
        .filter(|(_, k)| {
            get(k, "clsid")
                == Some(RegData::String(
                    "{ED475411-B0D6-11D2-8C3B-00104B2A6676}".into(),
                ))
        })
        .map(|(p, k)| {
            let name = match get(k, "Account Name").unwrap() {
                RegData::String(s) => s,
                RegData::Hex { bytes, .. } => mapiprof::mapi::unicode_text(&bytes).unwrap(),
                other => panic!("{other:?}"),
            };
            (p.name.clone(), k.path.clone(), name)
        })
        .collect()
}

/// Outlook 2002 and later keep the POP3 "leave a copy" bits as `Leave on
/// Server` (every real export does); a value the export lacks is written
/// under that name, and the export's own value is changed where it is.
fn leave_on_server_goes_where_outlook_reads_it(base: &Model) -> usize {
    let accounts = pop3_accounts(base);
    let mut without = base.clone();
    for key in without.profiles.iter_mut().flat_map(|p| p.keys.iter_mut()) {
        key.values
            .retain(|v| !v.name.as_str().eq_ignore_ascii_case("Leave on Server"));
    }
    let options = PrfToReg {
        partial: true,
        ..PrfToReg::default()
    };
    for (profile, path, name) in &accounts {
        let prf = format!(
            "[General]\r\nProfileName={profile}\r\n[Internet Account List]\r\nAccount1=I_Mail\r\n\
             [Account1]\r\nAccountName={name}\r\nLeaveOnServer=0x50001\r\n"
        );
        for model in [base, &without] {
            let after = apply(&prf, model, &options).unwrap();
            assert_eq!(
                changes(model, &after),
                [change(path, "Leave on Server", RegData::Dword(0x0005_0001))],
                "{name}"
            );
        }
    }
    accounts.len()
}

#[test]
fn leave_on_server_keeps_outlooks_name_in_the_samples() {
    let base = export("o2013_two_profiles_ldap_pop3_third_party.reg");
    assert_eq!(leave_on_server_goes_where_outlook_reads_it(&base), 1);
}

common::corpus_test!(leave_on_server_keeps_outlooks_name_in_the_real_exports, {
    let mut accounts = 0;
    for path in common::files(&common::corpus().join("reg"), "reg") {
        let base = common::model_of(&std::fs::read(&path).unwrap());
        if !base.profiles.is_empty() {
            accounts += leave_on_server_goes_where_outlook_reads_it(&base);
        }
    }
    // the three POP3 accounts of the two full exports
    assert_eq!(accounts, 3);
});

/// With an Outlook 2016 export as the base, the mailbox and server names
/// go in as Unicode, and the ANSI value the export holds follows, so the
/// two agree.
#[test]
fn an_outlook_2016_base_gets_unicode_mailbox_names_and_keeps_the_ansi_ones_in_step() {
    let base = export("o16_exchange_outlook_anywhere.reg");
    let prf = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\n\
        ServiceEGS=Exchange Global Section\r\n[ServiceEGS]\r\nMailboxName=jsmith\r\n";
    let after = apply(prf, &base, &PrfToReg::default()).unwrap();
    let global = "13dbb0c8aa05101a9bb000aa002fc45a";
    let account = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    assert_eq!(
        changes(&base, &after),
        [
            change(global, "001e6607", RegData::String("jsmith".into())),
            change(global, "001f6607", utf16("jsmith")),
            change(account, "001e6607", RegData::String("jsmith".into())),
            change(account, "001f6607", utf16("jsmith")),
        ]
    );
    // an Outlook 2013 export keeps to the ANSI form
    let mut older = base;
    older.root = Some(Outlook::V2013.root().to_owned());
    let after = apply(prf, &older, &PrfToReg::default()).unwrap();
    assert_eq!(
        changes(&older, &after),
        [
            change(global, "001e6607", RegData::String("jsmith".into())),
            change(account, "001e6607", RegData::String("jsmith".into())),
        ]
    );
}
