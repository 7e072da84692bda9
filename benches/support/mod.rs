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
