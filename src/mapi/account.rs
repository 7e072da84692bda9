//! Values of the account manager and its account subkeys, which have plain
//! names (`Account Name`, `IMAP Port`) and ordinary registry types.

use super::flags::{self, Names};

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
    ("Leave on Server", Form::Number),
    ("Leave Mail On Server", Form::Number),
    ("New Signature", Form::Text),
    ("Reply Signature", Form::Text),
    ("{ED475418-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
    ("{ED475419-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
    ("{ED475420-B0D6-11D2-8C3B-00104B2A6676}", Form::AccountIds),
];

/// How the value named `name` is shown, matched case-insensitively.
pub fn form(name: &str) -> Option<Form> {
    VALUES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
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
        assert_eq!(
            account_kind("{ED475412-B0D6-11D2-8C3B-00104B2A6676}"),
            Some("IMAP")
        );
    }
}
