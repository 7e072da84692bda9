//! Realistic generated exports for the benchmarks: Outlook 2016 profiles
//! with an Exchange account (Outlook Anywhere, static ports), a Unicode PST,
//! the Outlook Address Book, an IMAP account in the account manager and the
//! Outlook client section, multi-valued values in the 64-bit layout.
//! Deterministic: the same size gives the same bytes.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use mapiprof::mapi::{self, Layout, PropValue};
use mapiprof::reg::{self, Block, Document, Format, RegData, RegValue, ValueName};
use mapiprof::text::{self, Newline, TextFormat};

const ROOT: &str = r"HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\Outlook\Profiles";

/// A Regedit 5 export (UTF-16LE, BOM, CRLF) of at least `min_bytes`.
pub fn export(min_bytes: usize) -> Vec<u8> {
    let encoded = |profiles| text::encode(&text_of(profiles), &TextFormat::REGEDIT5).unwrap();
    let (one, two) = (encoded(1).len(), encoded(2).len());
    let per_profile = two - one;
    let profiles = 1 + min_bytes.saturating_sub(one).div_ceil(per_profile);
    let bytes = encoded(profiles);
    debug_assert!(bytes.len() >= min_bytes);
    bytes
}

/// The text of an export with `profiles` profiles.
pub fn text_of(profiles: usize) -> String {
    let mut blocks = Vec::new();
    for n in 0..profiles {
        profile(&mut blocks, n);
    }
    let doc = Document {
        format: Format::Regedit5,
        blocks,
    };
    reg::write(&doc, Newline::CrLf).unwrap()
}

/// A small pseudo-random generator, so the bytes vary without a crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u8 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 56) as u8
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next()).collect()
    }

    fn uid(&mut self) -> String {
        mapi::uid_hex(&self.bytes(16))
    }
}

fn value(name: &str, data: RegData) -> RegValue {
    RegValue {
        name: ValueName::Named(name.to_string()),
        data,
    }
}

fn hex(kind: u32, bytes: Vec<u8>) -> RegData {
    RegData::Hex { kind, bytes }
}

fn binary(bytes: Vec<u8>) -> RegData {
    hex(reg::kind::BINARY, bytes)
}

fn unicode(s: &str) -> RegData {
    binary(mapi::unicode_bytes(s))
}

fn sz(s: &str) -> RegData {
    RegData::String(s.to_string())
}

fn long(n: u32) -> RegData {
    binary(n.to_le_bytes().to_vec())
}

fn short(n: u16) -> RegData {
    binary(n.to_le_bytes().to_vec())
}

/// A value encoded by the library's codec (multi-valued ones in the 64-bit
/// layout, as 64-bit Outlook writes them).
fn encoded(value: &PropValue) -> RegData {
    binary(mapi::encode(value, encoding_rs::WINDOWS_1252).unwrap())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn mv_binary_64(items: &[Vec<u8>]) -> RegData {
    encoded(&PropValue::MvBinary(items.to_vec(), Layout::Bits64))
}

fn mv_unicode_64(items: &[&str]) -> RegData {
    encoded(&PropValue::MvUnicode(strings(items), Layout::Bits64))
}

fn mv_string8_64(items: &[&str]) -> RegData {
    encoded(&PropValue::MvString8(strings(items), Layout::Bits64))
}

fn profile(blocks: &mut Vec<Block>, n: usize) {
    let mut rng = Lcg(n as u64 + 1);
    let name = format!("User{n:05}");
    let base = format!(r"{ROOT}\{name}");
    let user = format!("user{n:05}");
    let (exchange_service, emsmdb, pst_service, pst_provider, contab_service, contab_provider) = (
        rng.uid(),
        rng.uid(),
        rng.uid(),
        rng.uid(),
        rng.uid(),
        rng.uid(),
    );
    let key = |rel: &str| format!(r"{base}\{rel}");

    blocks.push(Block::key(base.clone(), Vec::new()));
    let recent: Vec<Vec<u8>> = (0..6).map(|_| rng.bytes(180)).collect();
    blocks.push(Block::key(
        key("0a0d020000000000c000000000000046"),
        vec![
            value("0003041f", long(1)),
            value("000b0420", hex(3, vec![1, 0])),
            value("1102022a", mv_binary_64(&recent)),
            value(
                "101f031e",
                mv_unicode_64(&["Sales team", "", "Projects 2026", "Müller, Jürgen"]),
            ),
            value("01020409", binary(rng.bytes(182))),
            value("00030429", long(180)),
        ],
    ));
    blocks.push(Block::key(
        key("13dbb0c8aa05101a9bb000aa002fc45a"),
        vec![
            value("001f6622", unicode("mail.example.com:44300")),
            value("00036623", long(0x2f)),
            value("001f6625", unicode("msstd:mail.example.com")),
            value("00036627", long(2)),
            value("0002662c", short(59001)),
            value("0002662d", short(59002)),
        ],
    ));
    blocks.push(Block::key(
        key("9207f3e0a3b11019908b08002b2a56c2"),
        vec![
            value(
                "01023d0e",
                binary(hex_uids(&[
                    &exchange_service,
                    &pst_service,
                    &contab_service,
                ])),
            ),
            value("01023d00", binary(hex_uids(&[&emsmdb, &pst_provider]))),
            value("01023d01", binary(hex_uids(&[&contab_provider]))),
        ],
    ));
    blocks.push(Block::key(
        key(&exchange_service),
        vec![
            value("001f3d09", unicode("MSEMS")),
            value("001f3d0a", unicode("emsui.dll")),
            value("001f3d0b", unicode("EMSCfg")),
            value("01023d15", binary(uid_bytes(&emsmdb))),
            value("00033009", long(0x2000)),
            value("001f3001", unicode(&format!("{user}@example.com"))),
        ],
    ));
    blocks.push(Block::key(
        key(&emsmdb),
        vec![
            value("001f3001", unicode(&format!("{user}@example.com"))),
            value("01023d0c", binary(uid_bytes(&exchange_service))),
            value("001f6622", unicode("mail.example.com:44300")),
            value("00036623", long(0x2f)),
            value("001f6625", unicode("msstd:mail.example.com")),
            value("00036627", long(2)),
            value("00036601", long(0x1984)),
            value(
                "001f6610",
                unicode(&format!(
                    r"C:\Users\{user}\AppData\Local\Microsoft\Outlook\{user}@example.com.ost"
                )),
            ),
            value("0002662c", short(59001)),
            value("0002662d", short(59002)),
            value("01026630", binary(rng.bytes(64))),
        ],
    ));
    blocks.push(Block::key(
        key(&pst_service),
        vec![
            value("001f3d09", unicode("MSUPST MS")),
            value("001f3d0a", unicode("mspst.dll")),
            value("01023d00", binary(uid_bytes(&pst_provider))),
            value("001f3001", unicode("Archive")),
        ],
    ));
    blocks.push(Block::key(
        key(&pst_provider),
        vec![
            value("001f3001", unicode("Archive")),
            value("01023d0c", binary(uid_bytes(&pst_service))),
            value(
                "001f6700",
                unicode(&format!(
                    r"C:\Users\{user}\Documents\Outlook Files\Archive 2025.pst"
                )),
            ),
            value("00036701", long(0x20000000)),
            value("01023414", binary(rng.bytes(16))),
        ],
    ));
    blocks.push(Block::key(
        key(&contab_service),
        vec![
            value("001f3d09", unicode("CONTAB")),
            value("001f3d0a", unicode("contab.dll")),
            value("01023d01", binary(uid_bytes(&contab_provider))),
        ],
    ));
    blocks.push(Block::key(
        key(&contab_provider),
        vec![
            value("01023d0c", binary(uid_bytes(&contab_service))),
            value("11026620", mv_binary_64(&[rng.bytes(46)])),
            value("101f6627", mv_unicode_64(&[&format!("{user}@example.com")])),
            value("101f6628", mv_unicode_64(&["Contacts"])),
            value("101e6623", mv_string8_64(&["Contacts"])),
        ],
    ));
    blocks.push(Block::key(
        key("9375CFF0413111d3B88A00104B2A6676"),
        vec![
            value(
                "{ED475418-B0D6-11D2-8C3B-00104B2A6676}",
                binary(vec![1, 0, 0, 0, 2, 0, 0, 0]),
            ),
            value("NextAccountID", RegData::Dword(3)),
        ],
    ));
    blocks.push(Block::key(
        key(r"9375CFF0413111d3B88A00104B2A6676\00000002"),
        vec![
            value("Account Name", sz(&format!("{user}@example.org"))),
            value("IMAP Server", sz("imap.example.org")),
            value("IMAP User", sz(&format!("{user}@example.org"))),
            value("IMAP Port", RegData::Dword(993)),
            value("IMAP Use SSL", RegData::Dword(1)),
            value("IMAP Password", binary(rng.bytes(230))),
            value("SMTP Server", sz("smtp.example.org")),
            value("SMTP Port", RegData::Dword(587)),
            value("SMTP Secure Connection", RegData::Dword(2)),
            value("clsid", sz("{ED475412-B0D6-11D2-8C3B-00104B2A6676}")),
            value("Mini UID", RegData::Dword(0x1a2b_0000 + n as u32)),
        ],
    ));
}

fn uid_bytes(uid: &str) -> Vec<u8> {
    mapi::parse_uid(uid).unwrap().to_vec()
}

fn hex_uids(uids: &[&str]) -> Vec<u8> {
    uids.iter().flat_map(|u| uid_bytes(u)).collect()
}

/// A Regedit 5 export (UTF-16LE, BOM, CRLF) of one Outlook 2016 profile
/// `P` with `sections` keys under it: the store list, the Exchange Global
/// Section with static ports, the profile's service and provider lists, and
/// Unicode PST services, each a service key and a provider key pointing at
/// each other, until there are `sections` keys.
pub fn one_profile(sections: usize) -> Vec<u8> {
    let mut rng = Lcg(sections as u64);
    let base = format!(r"{ROOT}\P");
    let key = |rel: &str| format!(r"{base}\{rel}");
    let pairs = sections.saturating_sub(3).div_ceil(2);
    let services: Vec<(String, String)> = (0..pairs).map(|_| (rng.uid(), rng.uid())).collect();
    let mut blocks = vec![Block::key(base.clone(), Vec::new())];
    blocks.push(Block::key(
        key("0a0d020000000000c000000000000046"),
        vec![
            value("0003041f", long(1)),
            value("01020409", binary(rng.bytes(182))),
        ],
    ));
    blocks.push(Block::key(
        key("13dbb0c8aa05101a9bb000aa002fc45a"),
        vec![
            value("001f6622", unicode("mail.example.com:44300")),
            value("00036623", long(0x2f)),
            value("001f6625", unicode("msstd:mail.example.com")),
            value("0002662c", short(6001)),
            value("0002662d", short(6002)),
        ],
    ));
    let service_uids: Vec<&str> = services.iter().map(|(s, _)| s.as_str()).collect();
    let provider_uids: Vec<&str> = services.iter().map(|(_, p)| p.as_str()).collect();
    blocks.push(Block::key(
        key("9207f3e0a3b11019908b08002b2a56c2"),
        vec![
            value("01023d0e", binary(hex_uids(&service_uids))),
            value("01023d00", binary(hex_uids(&provider_uids))),
        ],
    ));
    for (n, (service, provider)) in services.iter().enumerate() {
        let name = format!("Archive {n:05}");
        blocks.push(Block::key(
            key(service),
            vec![
                value("001f3d09", unicode("MSUPST MS")),
                value("001f3d0a", unicode("mspst.dll")),
                value("01023d00", binary(uid_bytes(provider))),
                value("001f3001", unicode(&name)),
            ],
        ));
        if blocks.len() > sections {
            break;
        }
        blocks.push(Block::key(
            key(provider),
            vec![
                value("001f3001", unicode(&name)),
                value("01023d0c", binary(uid_bytes(service))),
                value(
                    "001f6700",
                    unicode(&format!(
                        r"C:\Users\user\Documents\Outlook Files\{name}.pst"
                    )),
                ),
                value("00036701", long(0x2000_0000)),
                value("01023414", binary(rng.bytes(16))),
            ],
        ));
    }
    let doc = Document {
        format: Format::Regedit5,
        blocks,
    };
    let text = reg::write(&doc, Newline::CrLf).unwrap();
    text::encode(&text, &TextFormat::REGEDIT5).unwrap()
}

/// An OCT-style `.prf` (Windows-1252, CRLF) with `sections` value sections
/// besides `[General]`, the two lists and the mapping blocks: the Exchange
/// Global Section with static ports, then services (Exchange mailboxes and
/// Unicode PSTs, listed in `[Service List]`) and IMAP accounts (listed in
/// `[Internet Account List]`), half and half.
pub fn prf(sections: usize) -> Vec<u8> {
    use std::fmt::Write;
    let services = sections.saturating_sub(1).div_ceil(2);
    let accounts = sections.saturating_sub(1) / 2;
    let mut t = String::new();
    t.push_str(
        ";Automatically generated PRF file from the Microsoft Office Customization Tool\n\n",
    );
    t.push_str("[General]\nCustom=1\nProfileName=Outlook\nDefaultProfile=Yes\n");
    t.push_str("OverwriteProfile=Append\nModifyDefaultProfileIfPresent=TRUE\n");
    t.push_str("BackupProfile=No\nDefaultStore=Service1\n\n");
    t.push_str("[Service List]\nServiceEGS=Exchange Global Section\n");
    for n in 1..=services {
        let block = if n % 2 == 1 {
            "Microsoft Exchange Server"
        } else {
            "Unicode Personal Folders"
        };
        writeln!(t, "Service{n}={block}").unwrap();
    }
    t.push_str(";ServiceX=Microsoft Outlook Client\n\n[Internet Account List]\n");
    for n in 1..=accounts {
        writeln!(t, "Account{n}=IMAP_I_Mail").unwrap();
    }
    t.push_str("\n[ServiceEGS]\nRPCoverHTTPflags=0x002f\nRPCProxyServer=mail.example.com:44300\n");
    t.push_str("RPCProxyPrincipalName=msstd:mail.example.com\n");
    t.push_str("TCPExchangePort=6001\n;HTTPExchangePort=6001\n\n");
    for n in 1..=services {
        writeln!(t, "[Service{n}]").unwrap();
        if n % 2 == 1 {
            t.push_str("OverwriteExistingService=No\nUniqueService=Yes\n");
            writeln!(t, "MailboxName=user{n:05}").unwrap();
            t.push_str("HomeServer=exch01.corp.example.com\nOfflineFolderPathAndFilename=\n\n");
        } else {
            t.push_str("UniqueService=No\n");
            writeln!(t, "Name=Archive {n:05}").unwrap();
            writeln!(
                t,
                "PathAndFilenameToPersonalFolders=%USERPROFILE%\\Documents\\Outlook Files\\Archive {n:05}.pst"
            )
            .unwrap();
            t.push_str("EncryptionType=0x40000000\n;RememberPassword=FALSE\n\n");
        }
    }
    for n in 1..=accounts {
        writeln!(t, "[Account{n}]").unwrap();
        writeln!(t, "UniqueService=No\nAccountName=Mailbox {n:05}").unwrap();
        t.push_str("IMAPServer=imap.example.org\n");
        writeln!(t, "IMAPUserName=user{n:05}@example.org").unwrap();
        t.push_str("SMTPServer=smtp.example.org\n");
        writeln!(t, "EmailAddress=user{n:05}@example.org").unwrap();
        t.push_str("IMAPUseSSL=1\nIMAPPort=993\nSMTPPort=587\nSMTPSecureConnection=2\n\n");
    }
    t.push_str(PRF_MAPPINGS);
    t.replace('\n', "\r\n").into_bytes()
}

/// The mapping blocks of an Office 2016 OCT `.prf` (Sections 6 and 7).
const PRF_MAPPINGS: &str = "[Microsoft Exchange Server]\nServiceName=MSEMS\n\
MDBGUID=5494A1C0297F101BA58708002B2A2517\nMailboxName=PT_STRING8,0x6607\n\
HomeServer=PT_STRING8,0x6608\nOfflineAddressBookPath=PT_STRING8,0x660E\n\
OfflineFolderPathAndFilename=PT_STRING8,0x6610\n\n\
[Exchange Global Section]\nSectionGUID=13dbb0c8aa05101a9bb000aa002fc45a\n\
MailboxName=PT_STRING8,0x6607\nHomeServer=PT_STRING8,0x6608\n\
RPCoverHTTPflags=PT_LONG,0x6623\nRPCProxyServer=PT_UNICODE,0x6622\n\
RPCProxyPrincipalName=PT_UNICODE,0x6625\nRPCProxyAuthScheme=PT_LONG,0x6627\n\
CachedExchangeConfigFlags=PT_LONG,0x6629\nTCPExchangePort=PT_I2,0x662C\n\
HTTPExchangePort=PT_I2,0x662D\nTCPDirectoryPort=PT_I2,0x662E\n\
HTTPDirectoryPort=PT_I2,0x662F\nTCPReferralPort=PT_I2,0x6630\n\
HTTPReferralPort=PT_I2,0x6631\n\n\
[Unicode Personal Folders]\nServiceName=MSUPST MS\nName=PT_UNICODE,0x3001\n\
PathAndFilenameToPersonalFolders=PT_STRING8,0x6700\nRememberPassword=PT_BOOLEAN,0x6701\n\
EncryptionType=PT_LONG,0x6702\nPassword=PT_STRING8,0x6703\n\n\
[IMAP_I_Mail]\nAccountType=IMAP\nAccountName=PT_UNICODE,0x0002\n\
DisplayName=PT_UNICODE,0x000B\nEmailAddress=PT_UNICODE,0x000C\n\
IMAPServer=PT_UNICODE,0x0100\nIMAPUserName=PT_UNICODE,0x0101\n\
IMAPUseSSL=PT_LONG,0x0105\nIMAPPort=PT_LONG,0x0104\nSMTPServer=PT_UNICODE,0x0200\n\
SMTPUseSSL=PT_LONG,0x0202\nSMTPPort=PT_LONG,0x0201\nSMTPSecureConnection=PT_LONG,0x020A\n";
