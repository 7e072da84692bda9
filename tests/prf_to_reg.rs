//! `.prf` → `.reg`: settings placed by their mapping, the seed stories
//! (KB 833799's static ports, the proxy port written with `:`), and what
//! cannot be placed named in an error.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::input;
use mapiprof::model::Reach;
use mapiprof::model::{FromPrfError, Outlook, PrfToReg, prf_to_reg};
use mapiprof::prf::PrfModel;

fn prf(text: &str) -> PrfModel {
    common::prf_model_of(text.as_bytes())
}

fn sample(name: &str) -> PrfModel {
    common::prf_sample(name).model().0
}

/// The patch as text (it is written UTF-16LE with a BOM, as Regedit writes).
fn reg_text(model: &PrfModel, options: &PrfToReg) -> String {
    let (patch, _) = prf_to_reg(model, options).unwrap();
    let bytes = patch.to_reg_bytes(Reach::AnyKey).unwrap();
    input::read_reg(&bytes, None).unwrap().text
}

#[test]
fn kb833799_ports_switched_on_land_in_the_exchange_global_section() {
    let options = PrfToReg {
        outlook: Some(Outlook::V2007),
        profile: Some("Outlook".into()),
        partial: false,
    };
    let text = reg_text(&sample("kb833799_static_ports_outlook2003.prf"), &options);
    common::snapshots().bind(|| {
        insta::assert_snapshot!("prf_to_reg_kb833799", text);
    });
    assert!(text.contains(
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\"0002662c\"=hex:71,17\r\n"
    ));
    // the commented-out HTTP ports stay out
    assert!(!text.contains("0002662d"));
}

#[test]
fn a_proxy_with_a_port_is_written_with_its_colon() {
    let model = prf(
        "[General]\nProfileName=Outlook\n[Service List]\nServiceEGS1=Exchange Global Section\n\
         [ServiceEGS1]\nRPCProxyServer=mail.example.com:44300\nRPCoverHTTPflags=0x0027\n",
    );
    let text = reg_text(&model, &PrfToReg::default());
    assert!(text.contains(
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]"
    ));
    // m.a.i.l...:.4.4.3.0.0 in UTF-16LE with its terminator
    let (patch, _) = prf_to_reg(&model, &PrfToReg::default()).unwrap();
    let section = &patch.profiles[0].keys[0];
    let proxy = section
        .values
        .iter()
        .find(|v| v.name.to_string() == "001f6622")
        .unwrap();
    let expected: Vec<u8> = "mail.example.com:44300\0"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        proxy.data,
        mapiprof::reg::RegData::Hex {
            kind: 3,
            bytes: expected
        }
    );
    assert!(text.contains("\"00036623\"=hex:27,00,00,00"));
}

#[test]
fn the_outlook_version_picks_the_root() {
    let model = prf(
        "[General]\nProfileName=P\n[Service List]\nServiceEGS=Exchange Global Section\n[ServiceEGS]\nTCPExchangePort=6001\n",
    );
    for (outlook, root) in [
        (
            Outlook::V2003,
            "Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\P\\",
        ),
        (
            Outlook::V2010,
            "Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\P\\",
        ),
        (Outlook::V2013, "Office\\15.0\\Outlook\\Profiles\\P\\"),
        (Outlook::V2016, "Office\\16.0\\Outlook\\Profiles\\P\\"),
    ] {
        let options = PrfToReg {
            outlook: Some(outlook),
            ..PrfToReg::default()
        };
        assert!(reg_text(&model, &options).contains(root), "{outlook:?}");
    }
}

#[test]
fn what_cannot_be_placed_is_named_unless_partial() {
    let model = sample("oct2016_exchange_rpc_http_static_ports.prf");
    let err = prf_to_reg(&model, &PrfToReg::default()).unwrap_err();
    let FromPrfError::Unplaced(lines) = &err else {
        panic!("{err}")
    };
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("[Service1] (Microsoft Exchange Server): MailboxName, HomeServer")
    );
    // the empty POP3Server= is "not set" and not listed
    assert!(lines[1].starts_with("[Account1] (IMAP_I_Mail): IMAPServer, IMAPUserName"));

    let partial = PrfToReg {
        partial: true,
        ..PrfToReg::default()
    };
    let (patch, warnings) = prf_to_reg(&model, &partial).unwrap();
    assert_eq!(patch.profiles[0].name, "Contoso Mail");
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.message.starts_with("left out: "))
            .count(),
        2
    );
    assert!(warnings.iter().any(|w| {
        w.message
            .contains("MailboxName=%UserName%: the placeholder is written literally")
    }));
}

#[test]
fn the_profile_comes_from_the_file_or_the_option() {
    let nameless = prf("[General]\nCustom=1\n");
    assert_eq!(
        prf_to_reg(&nameless, &PrfToReg::default()).unwrap_err(),
        FromPrfError::NoProfile
    );
    let templated = sample("thirdparty_connector_template_placeholders.prf");
    assert_eq!(
        prf_to_reg(&templated, &PrfToReg::default()).unwrap_err(),
        FromPrfError::PlaceholderProfile("{$profilename}".into())
    );
}

#[test]
fn a_value_that_does_not_fit_its_type_is_named() {
    let model = prf(
        "[General]\nProfileName=P\n[Service List]\nServiceEGS=Exchange Global Section\n[ServiceEGS]\nTCPExchangePort=70000\n",
    );
    let err = prf_to_reg(&model, &PrfToReg::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "these settings cannot be placed in a .reg:\n  [ServiceEGS] (Exchange Global Section): \
         TCPExchangePort=70000 (not a PT_I2 number from 0 to 65535)\n(--partial leaves them out)"
    );
}

/// Without `--outlook`, the version a `.prf` is written for follows its
/// mapping blocks, and a note says which and why (a note, which `--strict`
/// does not count).
#[test]
fn the_version_chosen_is_said_and_follows_the_mapping_blocks() {
    let dir = common::scratch("prf-version-note");
    let sample = common::samples().join("prf/kb833799_static_ports_outlook2003.prf");
    let out = common::mapiprof_in(
        &dir,
        &[
            "convert",
            &sample.to_string_lossy(),
            "--to",
            "reg",
            "--profile",
            "Outlook",
            "--partial",
            "--strict",
            "-o",
            "old.reg",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: ") && stderr.contains("written for Outlook 2003–2010"),
        "{stderr}"
    );
    // --strict does not count the note
    assert!(out.status.success(), "{stderr}");
    let bytes = std::fs::read(dir.join("old.reg")).unwrap();
    let text = encoding_rs::UTF_16LE.decode(&bytes).0.into_owned();
    assert!(
        text.contains("Windows Messaging Subsystem\\Profiles\\Outlook"),
        "{text}"
    );
    let out = common::mapiprof_in(
        &dir,
        &[
            "convert",
            &sample.to_string_lossy(),
            "--to",
            "reg",
            "--profile",
            "Outlook",
            "--partial",
            "--outlook",
            "2016",
            "-o",
            "new.reg",
        ],
    );
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("note: "));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The value names a conversion writes into the Exchange Global Section,
/// and whether it warns that Outlook 2010+ reads the account section.
fn global_section(model: &PrfModel, outlook: Outlook) -> (Vec<String>, bool) {
    let options = PrfToReg {
        outlook: Some(outlook),
        ..PrfToReg::default()
    };
    let (patch, warnings) = prf_to_reg(model, &options).unwrap();
    let names = patch.profiles[0].keys[0]
        .values
        .iter()
        .map(|v| v.name.as_str().to_owned())
        .collect();
    let warned = warnings
        .iter()
        .any(|w| w.to_string().contains("Exchange account's own section"));
    (names, warned)
}

#[test]
fn mailbox_and_server_names_are_unicode_from_outlook_2016() {
    let model = prf(
        "[General]\nProfileName=P\n[Service List]\nServiceEGS=Exchange Global Section\n\
         [ServiceEGS]\nMailboxName=jdoe\nHomeServer=exch01\nTCPExchangePort=6001\n",
    );
    let (names, _) = global_section(&model, Outlook::V2016);
    assert_eq!(names, ["001f6607", "001f6608", "0002662c"]);
    for older in [
        Outlook::V2003,
        Outlook::V2007,
        Outlook::V2010,
        Outlook::V2013,
    ] {
        let (names, _) = global_section(&model, older);
        assert_eq!(names, ["001e6607", "001e6608", "0002662c"], "{older:?}");
    }
}

#[test]
fn the_global_section_of_outlook_2010_and_later_is_warned_about() {
    let model = prf(
        "[General]\nProfileName=P\n[Service List]\nServiceEGS=Exchange Global Section\n\
         [ServiceEGS]\nRPCProxyServer=mail.example.com\n",
    );
    for (outlook, warned) in [
        (Outlook::V2003, false),
        (Outlook::V2007, false),
        (Outlook::V2010, true),
        (Outlook::V2013, true),
        (Outlook::V2016, true),
    ] {
        assert_eq!(global_section(&model, outlook).1, warned, "{outlook:?}");
    }
}
