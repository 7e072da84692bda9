//! `set`: format-preserving edits of `.reg`, `.prf` and YAML files, by
//! property name, raw name or account value name; removal; the proxy-port
//! repair; unknown and absent names.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::edit::{Assignment, EditError, Edits, set_prf, set_reg, set_yaml};
use mapiprof::input::{self, RegInput};

fn reg_input(name: &str) -> RegInput {
    let bytes = std::fs::read(common::samples().join("reg").join(name)).unwrap();
    input::read_reg(&bytes, None).unwrap()
}

/// The edit that removes the value `name`.
fn unset(name: &str) -> Edits {
    Edits {
        assignments: vec![Assignment::Unset { name: name.into() }],
        ..Edits::default()
    }
}

fn edits(assignments: &[&str]) -> Edits {
    Edits {
        assignments: assignments
            .iter()
            .map(|a| Assignment::parse(a).unwrap())
            .collect(),
        ..Edits::default()
    }
}

/// The lines of `after` not in `before`, and the other way round.
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    (
        old.iter()
            .filter(|l| !new.contains(l))
            .map(|l| (*l).to_owned())
            .collect(),
        new.iter()
            .filter(|l| !old.contains(l))
            .map(|l| (*l).to_owned())
            .collect(),
    )
}

#[test]
fn the_proxy_port_story_in_one_command() {
    let file = reg_input("o2007_wms_proxy_dialog_port.reg");
    let edited = set_reg(&file, &edits(&["RPCProxyServer=mail.example.com:44300"])).unwrap();
    assert_eq!(
        edited.changes,
        [
            "Outlook/13dbb0c8aa05101a9bb000aa002fc45a (Exchange Global Section)/RPCProxyServer (001f6622): mail.example.com-44300 → mail.example.com:44300"
        ]
    );
    let (removed, added) = line_diff(&file.text, &edited.text);
    assert!(!added.is_empty() && added.len() == removed.len());
    assert!(
        added
            .iter()
            .all(|l| l.starts_with("\"001f6622\"") || l.starts_with("  "))
    );
    // the text reads back with the new value
    let again = input::read_reg(edited.text.as_bytes(), None).unwrap();
    assert!(again.warnings.is_empty());
    // the dedicated repair gives the same file
    let repair = Edits {
        fix_proxy_port: true,
        ..Edits::default()
    };
    assert_eq!(set_reg(&file, &repair).unwrap().text, edited.text);
    // and leaves a proxy that is fine alone
    let fine = reg_input("o16_exchange_outlook_anywhere.reg");
    let none = set_reg(&fine, &repair).unwrap();
    assert!(none.changes.is_empty());
    assert_eq!(none.text, fine.text);
}

#[test]
fn every_section_holding_the_property_changes() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let edited = set_reg(&file, &edits(&["RPCProxyServer=owa.example.net"])).unwrap();
    assert_eq!(edited.changes.len(), 2, "{:?}", edited.changes);
    assert!(edited.changes[1].contains("a1b2c3d4e5f60718293a4b5c6d7e8f90"));
    let narrowed = Edits {
        section: Some("Exchange Global Section".into()),
        ..edits(&["RPCProxyServer=owa.example.net"])
    };
    assert_eq!(set_reg(&file, &narrowed).unwrap().changes.len(), 1);
    let ports = set_reg(&file, &edits(&["TCPExchangePort=6010", "0002662e=6014"])).unwrap();
    assert!(ports.text.contains("\"0002662c\"=hex:7a,17\r\n"));
    assert!(ports.text.contains("\"0002662e\"=hex:7e,17\r\n"));
}

/// A string property answers to every generation's name, whichever type
/// the export holds it in: the value keeps its type.
#[test]
fn any_generations_name_sets_the_property_in_the_type_held() {
    let pst = reg_input("regedit4_cp1252_pst_umlauts.reg");
    for name in [
        "PathToPersonalFolders",
        "PathAndFilenameToPersonalFolders",
        "PathAndFilenameToPersonalFolders_A",
        "001f6700",
    ] {
        let edited = set_reg(&pst, &edits(&[&format!("{name}=D:\\mail.pst")])).unwrap();
        assert_eq!(edited.changes.len(), 1, "{name}: {:?}", edited.changes);
        assert!(edited.changes[0].contains(" (001e6700): "), "{name}");
    }
    let exchange = reg_input("o16_exchange_outlook_anywhere.reg");
    let edited = set_reg(&exchange, &edits(&["MailboxName=jsmith"])).unwrap();
    assert!(
        edited.changes[0].contains("/MailboxName (001e6607): jdoe → jsmith"),
        "{:?}",
        edited.changes
    );
}

#[test]
fn bad_values_unknown_and_absent_names_are_errors() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let err = set_reg(&file, &edits(&["TCPExchangePort=70000"])).unwrap_err();
    assert!(matches!(err, EditError::Value { .. }), "{err}");
    let err = set_reg(&file, &edits(&["RPCProxyServr=x"])).unwrap_err();
    let EditError::UnknownName { suggestions, .. } = &err else {
        panic!("{err}")
    };
    assert!(suggestions.iter().any(|s| s == "RPCProxyServer"), "{err}");
    let err = set_reg(&file, &edits(&["HTTPExchangePort=6001"])).unwrap_err();
    assert!(
        matches!(&err, EditError::Absent(name) if name == "HTTPExchangePort"),
        "{err}"
    );
    let profile = Edits {
        profile: Some("Nope".into()),
        ..edits(&["RPCProxyServer=x.example.com"])
    };
    assert!(matches!(
        set_reg(&file, &profile).unwrap_err(),
        EditError::NoMatch(_)
    ));
}

#[test]
fn create_puts_an_exchange_setting_where_its_mapping_says() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let create = Edits {
        create: true,
        ..edits(&["HTTPExchangePort=6001"])
    };
    let edited = set_reg(&file, &create).unwrap();
    assert_eq!(edited.changes.len(), 2, "{:?}", edited.changes);
    let again = input::read_reg(edited.text.as_bytes(), None).unwrap();
    let (model, _) = again.model();
    for section in [
        "13dbb0c8aa05101a9bb000aa002fc45a",
        "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    ] {
        let key = model.profiles[0]
            .keys
            .iter()
            .find(|k| k.path == section)
            .unwrap();
        assert!(
            key.values.iter().any(|v| v.name.as_str() == "0002662d"),
            "{section}"
        );
    }
    let (removed, added) = line_diff(&file.text, &edited.text);
    assert!(removed.is_empty());
    assert_eq!(added, ["\"0002662d\"=hex:71,17", "\"0002662d\"=hex:71,17"]);
}

#[test]
fn unset_writes_a_deletion() {
    let file = reg_input("o16_exchange_outlook_anywhere.reg");
    let edited = set_reg(&file, &unset("TCPDirectoryPort")).unwrap();
    // from the Exchange Global Section and the account section alike
    let (removed, added) = line_diff(&file.text, &edited.text);
    assert_eq!(removed, ["\"0002662e\"=hex:74,17"; 2]);
    assert_eq!(added, ["\"0002662e\"=-"; 2]);
}

#[test]
fn account_values_by_their_registry_names() {
    let file = reg_input("o16_imap_smtp_account.reg");
    let edited = set_reg(
        &file,
        &edits(&["SMTP Port=465", "SMTP Server=mail.example.org"]),
    )
    .unwrap();
    assert!(edited.text.contains("\"SMTP Port\"=dword:000001d1\r\n"));
    let again = input::read_reg(edited.text.as_bytes(), None).unwrap();
    let yaml = mapiprof::yaml::write(&again.model().0, &Default::default()).unwrap();
    assert!(yaml.contains("SMTP Server: mail.example.org"), "{yaml}");
}

/// `Leave on Server` takes the words `show` prints, or a number.
#[test]
fn leave_on_server_in_words_or_as_a_number() {
    let file = reg_input("o2013_two_profiles_ldap_pop3_third_party.reg");
    for (value, stored) in [
        ("leave, remove after 7 days", "dword:00070003"),
        ("Leave", "dword:00000001"),
        ("0x000e0007", "dword:000e0007"),
        ("0", "dword:00000000"),
    ] {
        let edited = set_reg(&file, &edits(&[&format!("Leave on Server={value}")])).unwrap();
        let line = format!("\"Leave on Server\"={stored}\r\n");
        assert!(edited.text.contains(&line), "{value}");
    }
    let err = set_reg(&file, &edits(&["Leave on Server=keep a copy"])).unwrap_err();
    assert!(err.to_string().contains("remove after 14 days"), "{err}");
}

#[test]
fn prf_edits_switch_on_commented_settings_and_comment_out_in_place() {
    let file = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let edited = set_prf(&file, &edits(&["HTTPExchangePort=6001"])).unwrap();
    let (removed, added) = line_diff(&file.text, &edited.text);
    assert_eq!(removed, [";HTTPExchangePort=6001"]);
    assert_eq!(added, ["HTTPExchangePort=6001"]);
    let edited = set_prf(&file, &unset("TCPExchangePort")).unwrap();
    let (removed, added) = line_diff(&file.text, &edited.text);
    assert_eq!((removed.len(), added.len()), (1, 1));
    assert_eq!(added[0], format!(";{}", removed[0]));
    let err = set_prf(&file, &edits(&["TCPExchangePort=70000"])).unwrap_err();
    assert!(matches!(err, EditError::Value { .. }), "{err}");
}

#[test]
fn prf_proxy_repair_and_general_options() {
    let text = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
        [ServiceEGS]\r\nRPCProxyServer=mail.example.com-44300\r\n";
    let file = input::read_prf(text.as_bytes(), None).unwrap();
    let repair = Edits {
        fix_proxy_port: true,
        ..edits(&["BackupProfile=No"])
    };
    let edited = set_prf(&file, &repair).unwrap();
    assert_eq!(
        edited.text,
        "[General]\r\nProfileName=Outlook\r\nBackupProfile=No\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
        [ServiceEGS]\r\nRPCProxyServer=mail.example.com:44300\r\n"
    );
}

#[test]
fn yaml_documents_are_edited_through_the_model() {
    let file = reg_input("o2007_wms_proxy_dialog_port.reg");
    let yaml = mapiprof::yaml::write(&file.model().0, &Default::default()).unwrap();
    let model = input::read_yaml(yaml.as_bytes()).unwrap();
    let edited = set_yaml(&model, &edits(&["RPCProxyServer=mail.example.com:44300"])).unwrap();
    let (removed, added) = line_diff(&yaml, &edited.text);
    assert_eq!(removed.len(), 1);
    assert!(
        added[0].contains("RPCProxyServer: mail.example.com:44300"),
        "{added:?}"
    );
}

#[test]
fn the_yaml_view_of_a_prf_is_edited_as_the_prf() {
    let file = common::prf_sample("kb833799_static_ports_outlook2003.prf");
    let (model, _) = file.model();
    let yaml = mapiprof::yaml::write_prf(&model);
    let edited =
        mapiprof::edit::via_prf(&model, |f| set_prf(f, &edits(&["HTTPExchangePort=6001"])))
            .unwrap();
    // the one line moved from `commented` to `settings`, nothing else changed
    let line = "      HTTPExchangePort: 6001  # 0002662d";
    let without = |t: &str| {
        t.lines()
            .filter(|l| *l != line)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(without(&edited.text), without(&yaml));
    let moved = edited.text.find("HTTPExchangePort").unwrap();
    assert!(moved < edited.text.find("commented:").unwrap());
}

/// `set --create` on a `.prf` whose own mapping block lacks the line for the
/// setting adds that line too (Outlook drops a setting its block does not
/// map), and puts the setting in its section's body, above the banner that
/// opens the next part of the file.
#[test]
fn create_in_a_prf_adds_the_mapping_line_and_keeps_to_the_body() {
    let dir = common::scratch("set-create-prf");
    let text = "[General]\r\nProfileName=Outlook\r\n\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\r\n\
                [ServiceEGS]\r\nTCPExchangePort=6001\r\n\r\n\
                ;***************************************************************\r\n\
                ; Section 6 - Mapping for profile properties\r\n\
                ;***************************************************************\r\n\r\n\
                [Exchange Global Section]\r\nSectionGUID=13dbb0c8aa05101a9bb000aa002fc45a\r\n\
                TCPExchangePort=PT_I2,0x662C\r\n";
    std::fs::write(dir.join("k.prf"), text).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "k.prf",
            "RPCProxyServer=mail.example.com:443",
            "--create",
            "-o",
            "out.prf",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::assert_says(
        &out.stderr,
        &["[Exchange Global Section] RPCProxyServer: (absent) → PT_UNICODE,0x6622"],
    );
    let written = std::fs::read_to_string(dir.join("out.prf")).unwrap();
    assert!(
        written.contains("[ServiceEGS]\r\nTCPExchangePort=6001\r\nRPCProxyServer=mail.example.com:443\r\n\r\n;****"),
        "{written}"
    );
    assert!(
        written.ends_with("TCPExchangePort=PT_I2,0x662C\r\nRPCProxyServer=PT_UNICODE,0x6622\r\n"),
        "{written}"
    );
    // check finds nothing Outlook would drop
    let check = common::mapiprof_in(&dir, &["check", "out.prf"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(!said.contains("RPCProxyServer"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A value `check` calls an error is refused before any file is read by
/// `set` and `apply` unless `--force`, and `convert` of a document says so;
/// blanks around a value given to `set` are left out, with a warning.
#[test]
fn values_check_calls_errors_are_refused_unless_forced() {
    let dir = common::scratch("set-lint");
    let sample = common::samples().join("reg/o16_exchange_outlook_anywhere.reg");
    std::fs::copy(&sample, dir.join("e.reg")).unwrap();
    let original = std::fs::read(dir.join("e.reg")).unwrap();
    let https = "RPCProxyServer=https://mail.example.com";
    let out = common::mapiprof_in(&dir, &["set", "e.reg", https, "--in-place"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["error[proxy-scheme]: RPCProxyServer", "--force"],
    );
    assert_eq!(std::fs::read(dir.join("e.reg")).unwrap(), original);
    let out = common::mapiprof_in(&dir, &["set", "e.reg", https, "--dry-run", "--force"]);
    assert_eq!(out.status.code(), Some(0));

    let out = common::mapiprof_in(
        &dir,
        &[
            "set",
            "e.reg",
            "RPCProxyServer = mail.example.com:443 ",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(
        &out.stderr,
        &[
            "warning: RPCProxyServer: the blanks at the ends of the value are left out",
            "→ mail.example.com:443\n",
        ],
    );

    std::fs::write(
        dir.join("p.yaml"),
        "mapiprof: 1\nprofiles:\n  \"*\":\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      TCPExchangePort: 0\n",
    )
    .unwrap();
    let out = common::mapiprof_in(&dir, &["apply", "p.yaml", "e.reg", "--in-place"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["error[port-zero]"]);
    assert_eq!(std::fs::read(dir.join("e.reg")).unwrap(), original);

    let out = common::mapiprof_in(&dir, &["convert", "e.reg", "-o", "e.yaml"]);
    assert!(out.status.success());
    let yaml = std::fs::read_to_string(dir.join("e.yaml")).unwrap();
    std::fs::write(
        dir.join("e.yaml"),
        yaml.replacen("mail.example.com:44300", "https://mail.example.com", 1),
    )
    .unwrap();
    // convert says so (an export that holds such a value still goes
    // through YAML and back), and --strict makes it an error
    let convert = |extra: &[&str]| {
        let mut args = vec!["convert", "e.yaml", "--to", "reg", "-o", "back.reg"];
        args.extend_from_slice(extra);
        common::mapiprof_in(&dir, &args)
    };
    let out = convert(&[]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_says(&out.stderr, &["warning: e.yaml", "error[proxy-scheme]"]);
    std::fs::remove_file(dir.join("back.reg")).unwrap();
    let out = convert(&["--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("back.reg").exists());
    let out = convert(&["--force"]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("proxy-scheme"));
    std::fs::remove_dir_all(&dir).unwrap();
}
