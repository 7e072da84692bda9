//! Values of the account manager and its account subkeys, which have plain
//! names (`Account Name`, `IMAP Port`) and ordinary registry types.

use super::flags::{self, Names};
use crate::reg::name;

/// How an account-manager value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Text (`REG_SZ`, or UTF-16 in `REG_BINARY`).
    Text,
    /// A `REG_DWORD` number.
    Number,
    /// A `REG_DWORD` enumeration.
    Enum(Names),
    /// A 16-byte section UID.
    Uid,
    /// Concatenated 16-byte section UIDs.
    UidList,
    /// Concatenated 32-bit account ids (the category lists).
    AccountIds,
    /// Bytes that stay opaque (entry IDs, DPAPI-protected passwords).
    Opaque,
    /// `Leave on Server`: bits and a number of days, read as words.
    LeaveOnServer,
}

/// Every known account-manager value name and how to show it.
pub static VALUES: &[(&str, Form)] = &[
    ("Account Name", Form::Text),
    ("Display Name", Form::Text),
    ("Email", Form::Text),
    ("clsid", Form::Text),
    ("Service Name", Form::Text),
    ("Service UID", Form::Uid),
    ("Account UID", Form::Uid),
    ("Preferences UID", Form::Uid),
    ("XP Provider UID", Form::UidList),
    ("Mini UID", Form::Number),
    ("MAPI Provider", Form::Number),
    ("XP Status", Form::Number),
    ("Version", Form::Number),
    ("NextAccountID", Form::Number),
    ("Delivery Store EntryID", Form::Opaque),
    ("Delivery Folder EntryID", Form::Opaque),
    ("IMAP Store EID", Form::Opaque),
    ("EAS Store EID", Form::Opaque),
    ("LastChangeVer", Form::Opaque),
    ("POP3 Server", Form::Text),
    ("IMAP Server", Form::Text),
    ("SMTP Server", Form::Text),
    ("HTTP Server URL", Form::Text),
    ("EAS Server URL", Form::Text),
    ("POP3 User", Form::Text),
    ("IMAP User", Form::Text),
    ("SMTP User", Form::Text),
    ("HTTP User", Form::Text),
    ("EAS User", Form::Text),
    ("POP3 Password", Form::Opaque),
    ("IMAP Password", Form::Opaque),
    ("SMTP Password", Form::Opaque),
    ("HTTP Password", Form::Opaque),
    ("EAS Password", Form::Opaque),
    ("POP3 Port", Form::Number),
    ("IMAP Port", Form::Number),
    ("SMTP Port", Form::Number),
    ("POP3 Use SSL", Form::Number),
    ("IMAP Use SSL", Form::Number),
    ("SMTP Use SSL", Form::Number),
    ("SMTP Use Auth", Form::Number),
    (
        "SMTP Secure Connection",
        Form::Enum(flags::SMTP_SECURE_CONNECTION),
    ),
    ("Leave on Server", Form::LeaveOnServer),
    ("Leave Mail On Server", Form::LeaveOnServer),
    ("New Signature", Form::Text),
    ("Reply Signature", Form::Text),
    ("{ED475418-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
    ("{ED475419-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
    ("{ED475420-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
];

/// Account-manager value names and the account property id a `.prf`
/// `[I_Mail]` / `[IMAP_I_Mail]` / `[INET_HTTP]` mapping line gives them
/// (`POP3Port=PT_LONG,0x0104` ↔ `POP3 Port`). Only names seen in real
/// exports; the rest of the PRF account settings have no known registry name.
/// `SMTP Use SSL` is `SMTPUseSSL` of the Office 2000–2007 blocks (0x0202).
/// `Leave on Server` is the name Outlook 2002 and later write (every real
/// export holds it); `Leave Mail On Server` is only read.
pub static PRF_IDS: &[(&str, u16)] = &[
    ("Account Name", 0x0002),
    ("Display Name", 0x000B),
    ("Email", 0x000C),
    ("POP3 Server", 0x0100),
    ("IMAP Server", 0x0100),
    ("HTTP Server URL", 0x0100),
    ("POP3 User", 0x0101),
    ("IMAP User", 0x0101),
    ("HTTP User", 0x0101),
    ("POP3 Port", 0x0104),
    ("IMAP Port", 0x0104),
    ("POP3 Use SSL", 0x0105),
    ("IMAP Use SSL", 0x0105),
    ("SMTP Server", 0x0200),
    ("SMTP Port", 0x0201),
    ("SMTP Use SSL", 0x0202),
    ("SMTP Use Auth", 0x0203),
    ("SMTP User", 0x0204),
    ("SMTP Secure Connection", 0x020A),
    ("Leave on Server", 0x1000),
    ("Leave Mail On Server", 0x1000),
];

/// The bits of `Leave on Server` (PROP_POP_LEAVE_ON_SERVER): leave a copy,
/// remove it after N days (N in the high 16 bits), remove it when deleted
/// from Deleted Items.
const LEAVE: u32 = 0x1;
const REMOVE_AFTER: u32 = 0x2;
const REMOVE_WHEN_DELETED: u32 = 0x4;

/// `Leave on Server` in words (`0x000e0003`: "leave, remove after 14
/// days"), when its bits are known. Days without the "remove after" bit
/// read "days 14" (`0x000e0001`: "leave, days 14"), so that every such
/// value reads back. 0 stays a number.
pub fn leave_text(value: u32) -> Option<String> {
    let (bits, days) = (value & 0xFFFF, value >> 16);
    let known = LEAVE | REMOVE_AFTER | REMOVE_WHEN_DELETED;
    if bits == 0 || bits & !known != 0 || (bits & REMOVE_AFTER != 0 && days == 0) {
        return None;
    }
    let mut words = Vec::new();
    if bits & LEAVE != 0 {
        words.push("leave".to_owned());
    }
    if bits & REMOVE_AFTER != 0 {
        let unit = if days == 1 { "day" } else { "days" };
        words.push(format!("remove after {days} {unit}"));
    } else if days != 0 {
        words.push(format!("days {days}"));
    }
    if bits & REMOVE_WHEN_DELETED != 0 {
        words.push("remove when deleted".to_owned());
    }
    Some(words.join(", "))
}

/// The number [`leave_text`] wrote as `text` (case and spacing aside).
pub fn leave_value(text: &str) -> Option<u32> {
    let mut value = 0u32;
    for word in text
        .split(',')
        .map(|w| w.split_whitespace().collect::<Vec<_>>())
    {
        let lower: Vec<String> = word.iter().map(|w| w.to_ascii_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let bit = match lower.as_slice() {
            ["leave"] => LEAVE,
            ["remove", "when", "deleted"] => REMOVE_WHEN_DELETED,
            ["remove", "after", n, "day" | "days"] => {
                let days: u16 = n.parse().ok().filter(|d| *d > 0)?;
                REMOVE_AFTER | (u32::from(days) << 16)
            }
            ["days", n] => {
                let days: u16 = n.parse().ok().filter(|d| *d > 0)?;
                u32::from(days) << 16
            }
            _ => return None,
        };
        // each word once: a bit, or the days, given twice is no value
        let days_twice = bit >> 16 != 0 && value >> 16 != 0;
        if value & bit & 0xFFFF != 0 || days_twice {
            return None;
        }
        value |= bit;
    }
    Some(value)
}

/// The account property id of the value named `name`.
pub fn prf_id(name: &str) -> Option<u16> {
    PRF_IDS
        .iter()
        .find(|(n, _)| name::same(n, name))
        .map(|(_, id)| *id)
}

/// The registry name of account property `id` in an account of `kind`
/// (`POP3`, `IMAP`, `HTTP`): the name among `present` if the subkey has
/// one, else the one of that kind (`POP3 Server`), else the first.
pub fn registry_name<'n>(kind: &str, id: u16, present: &[&'n str]) -> Option<&'n str>
where
    'static: 'n,
{
    let names: Vec<&'static str> = PRF_IDS
        .iter()
        .filter(|(_, i)| *i == id)
        .map(|(n, _)| *n)
        .collect();
    let kinds = ["POP3 ", "IMAP ", "HTTP "];
    present
        .iter()
        .copied()
        .find(|p| names.iter().any(|n| name::same(n, p)))
        .or_else(|| {
            names
                .iter()
                .copied()
                .find(|n| n.starts_with(&format!("{kind} ")))
        })
        .or_else(|| {
            names
                .iter()
                .copied()
                .find(|n| !kinds.iter().any(|k| n.starts_with(k)))
        })
}

/// Whether the value named `name` is a protected password.
pub fn is_password(name: &str) -> bool {
    name.len() > " Password".len() && name::fold(name).ends_with(" PASSWORD")
}

/// How the value named `name` is shown, matched case-insensitively.
pub fn form(name: &str) -> Option<Form> {
    VALUES
        .iter()
        .find(|(n, _)| name::same(n, name))
        .map(|(_, f)| *f)
}

/// Account kinds by the `clsid` of an account subkey.
pub fn account_kind(clsid: &str) -> Option<&'static str> {
    let clsid = clsid.trim_matches(['{', '}']).to_ascii_uppercase();
    Some(match clsid.as_str() {
        "ED475411-B0D6-11D2-8C3B-00104B2A6676" => "POP3",
        "ED475412-B0D6-11D2-8C3B-00104B2A6676" => "IMAP",
        "ED475414-B0D6-11D2-8C3B-00104B2A6676" => "MAPI service",
        "ED475415-B0D6-11D2-8C3B-00104B2A6676" => "Exchange ActiveSync",
        "4DB5CBF0-3B77-4852-BC8E-BB81908861F3" => "HTTP",
        "4DB5CBF2-3B77-4852-BC8E-BB81908861F3" => "LDAP",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_kinds() {
        assert_eq!(form("imap port"), Some(Form::Number));
        assert_eq!(form("POP3 Password"), Some(Form::Opaque));
        assert_eq!(form("Unknown"), None);
        assert_eq!(registry_name("IMAP", 0x0104, &[]), Some("IMAP Port"));
        assert_eq!(registry_name("HTTP", 0x0100, &[]), Some("HTTP Server URL"));
        assert_eq!(registry_name("POP3", 0x0201, &[]), Some("SMTP Port"));
        assert_eq!(registry_name("POP3", 0x1000, &[]), Some("Leave on Server"));
        assert_eq!(
            registry_name("POP3", 0x1000, &["Leave Mail On Server"]),
            Some("Leave Mail On Server")
        );
        assert_eq!(
            registry_name("POP3", 0x1000, &["Leave on Server"]),
            Some("Leave on Server")
        );
        assert_eq!(registry_name("POP3", 0x0108, &[]), None);
        assert_eq!(
            account_kind("{ED475412-B0D6-11D2-8C3B-00104B2A6676}"),
            Some("IMAP")
        );
    }

    #[test]
    fn leave_on_server_in_words() {
        // the real export's value: leave, remove after 14 days
        assert_eq!(
            leave_text(0x000e_0003).as_deref(),
            Some("leave, remove after 14 days")
        );
        assert_eq!(leave_text(0x1).as_deref(), Some("leave"));
        assert_eq!(
            leave_text(0x0002_0007).as_deref(),
            Some("leave, remove after 2 days, remove when deleted")
        );
        assert_eq!(
            leave_text(0x0001_0003).as_deref(),
            Some("leave, remove after 1 day")
        );
        // the days kept while "remove after" is off
        assert_eq!(leave_text(0x000e_0001).as_deref(), Some("leave, days 14"));
        // nothing set, unknown bits, "remove after" without days: a number
        for n in [0, 0x9, 0x3] {
            assert_eq!(leave_text(n), None, "{n:#x}");
        }
        for n in [0x000e_0003, 0x1, 0x0002_0007, 0x5, 0xffff_0003, 0x000e_0001] {
            assert_eq!(leave_value(&leave_text(n).unwrap()), Some(n));
        }
        assert_eq!(
            leave_value("Leave,  Remove after 14 days"),
            Some(0x000e_0003)
        );
        assert_eq!(leave_value("leave, leave"), None);
        assert_eq!(leave_value("leave, days 3, remove after 4 days"), None);
        assert_eq!(leave_value("remove after 0 days"), None);
        assert_eq!(leave_value("keep"), None);
    }
}
