//! One registry value rewritten: its text, its list of texts, or the store
//! entry IDs in it, each encoded back the way it was stored.

use encoding_rs::Encoding as CodePage;

use crate::mapi::dictionary::Scope;
use crate::mapi::entryid::PstEntryId;
use crate::mapi::props::{
    EXCHANGE_ACCOUNT_NAME, LDAP_SERVER, PR_PROFILE_HOME_SERVER, PR_PROFILE_HOME_SERVER_ADDRS,
    PR_PROFILE_HOME_SERVER_FQDN, PR_PROFILE_SERVER, PR_PROFILE_UNRESOLVED_SERVER,
    PR_ROH_PROXY_PRINCIPAL_NAME, PR_ROH_PROXY_SERVER,
};
use crate::mapi::{self, PropType, PropValue, TagName, account};
use crate::reg::{RegData, RegValue, name};

use super::Rewrite;

/// Where a value lives.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// A MAPI section of a profile, of this provider.
    Mapi(Option<Scope>),
    /// The account manager or one of its accounts.
    Accounts,
}

/// What rewriting one value gave.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// The new data, when it changed.
    pub data: Option<RegData>,
    /// What changed, `old → new`, for people.
    pub said: Vec<String>,
    /// What was left alone and why.
    pub left: Vec<String>,
}

/// The Exchange values that name a host.
pub(super) const EXCHANGE_HOST_IDS: [u16; 7] = [
    PR_PROFILE_HOME_SERVER_ADDRS.id,
    PR_PROFILE_HOME_SERVER.id,
    PR_PROFILE_UNRESOLVED_SERVER.id,
    PR_PROFILE_SERVER.id,
    PR_ROH_PROXY_SERVER.id,
    PR_ROH_PROXY_PRINCIPAL_NAME.id,
    PR_PROFILE_HOME_SERVER_FQDN.id,
];

/// The account manager's values that name a host.
const ACCOUNT_HOSTS: [&str; 5] = [
    "POP3 Server",
    "IMAP Server",
    "SMTP Server",
    "HTTP Server URL",
    "EAS Server URL",
];

/// The account manager's values that hold a store entry ID.
const ACCOUNT_STORES: [&str; 3] = ["Delivery Store EntryID", "IMAP Store EID", "EAS Store EID"];

/// What a text value is, for the hosts and names in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A host name, or a text around one.
    Host,
    /// An account's name.
    AccountName,
    /// Any other text.
    Other,
}

impl Rewrite {
    /// Rewrite `value` of a key at `place`.
    pub(super) fn value(&self, place: Place, value: &RegValue, cp: &'static CodePage) -> Outcome {
        let mut out = Outcome::default();
        let name = value.name.as_str();
        match place {
            Place::Mapi(scope) => {
                let Some(tag) = TagName::parse(name).filter(|t| !t.secure) else {
                    return out;
                };
                let id = tag.tag.id;
                let kind = match scope {
                    Some(Scope::Exchange) if EXCHANGE_HOST_IDS.contains(&id) => Kind::Host,
                    Some(Scope::Exchange) if id == EXCHANGE_ACCOUNT_NAME.id => Kind::AccountName,
                    Some(Scope::Ldap) if id == LDAP_SERVER.id => Kind::Host,
                    _ => Kind::Other,
                };
                self.mapi(tag.tag.ptype, kind, &value.data, cp, &mut out);
            }
            Place::Accounts => {
                let kind = if ACCOUNT_HOSTS.iter().any(|h| name::same(h, name)) {
                    Kind::Host
                } else if name::same(name, "Account Name") {
                    Kind::AccountName
                } else {
                    Kind::Other
                };
                let stores = ACCOUNT_STORES.iter().any(|s| name::same(s, name));
                match (account::form(name), &value.data) {
                    (Some(account::Form::Text), RegData::String(text)) => {
                        if let Some(new) = self.text(text, kind, &mut out) {
                            out.data = Some(RegData::String(new));
                        }
                    }
                    (Some(account::Form::Text), RegData::Hex { kind: k, bytes }) => {
                        if let Some(text) = mapi::unicode_text(bytes)
                            && let Some(new) = self.text(&text, kind, &mut out)
                        {
                            out.data = Some(RegData::Hex {
                                kind: *k,
                                bytes: mapi::unicode_bytes(&new),
                            });
                        }
                    }
                    (_, RegData::Hex { kind: k, bytes }) if stores => {
                        if let Some(new) = self.entry_id(bytes, cp, &mut out) {
                            out.data = Some(RegData::Hex {
                                kind: *k,
                                bytes: new,
                            });
                        }
                    }
                    (_, RegData::Hex { bytes, .. }) => self.unknown(bytes, cp, &mut out),
                    _ => {}
                }
            }
        }
        out
    }

    /// A MAPI value of type `ptype`.
    fn mapi(
        &self,
        ptype: PropType,
        kind: Kind,
        data: &RegData,
        cp: &'static CodePage,
        out: &mut Outcome,
    ) {
        let bytes = match data {
            RegData::String(text) => {
                // a PT_STRING8 written as a REG_SZ string
                if let Some(new) = self.text(text, kind, out) {
                    out.data = Some(RegData::String(new));
                }
                return;
            }
            RegData::Hex { bytes, .. } => bytes,
            RegData::Dword(_) | RegData::Delete => return,
        };
        let hex = |bytes: Vec<u8>| match data {
            RegData::Hex { kind, .. } => RegData::Hex { kind: *kind, bytes },
            _ => RegData::Hex {
                kind: crate::reg::kind::BINARY,
                bytes,
            },
        };
        // a change is said once its new bytes are made: a text the code
        // page cannot hold is left alone, and said so
        let cannot = |text: &str| format!("{text:?} cannot be written in code page {}", cp.name());
        let new = match mapi::decode(ptype, bytes, cp) {
            Some(PropValue::Unicode(text)) => {
                self.text(&text, kind, out).map(|t| mapi::unicode_bytes(&t))
            }
            Some(PropValue::String8(text)) => {
                let new = self.mapped(&text, kind);
                match new.as_deref().map(|t| (t, mapi::string8_bytes(t, cp))) {
                    Some((t, Ok(bytes))) => {
                        out.said.push(format!("{text} → {t}"));
                        Some(bytes)
                    }
                    Some((t, Err(_))) => {
                        out.left.push(cannot(t));
                        None
                    }
                    None => None,
                }
            }
            Some(PropValue::MvUnicode(items, layout)) => {
                self.texts(&items, kind).and_then(|(items, said)| {
                    let bytes = mapi::encode(&PropValue::MvUnicode(items, layout), cp).ok()?;
                    out.said.extend(said);
                    Some(bytes)
                })
            }
            Some(PropValue::MvString8(items, layout)) => {
                self.texts(&items, kind).and_then(|(items, said)| {
                    match mapi::encode(&PropValue::MvString8(items.clone(), layout), cp) {
                        Ok(bytes) => {
                            out.said.extend(said);
                            Some(bytes)
                        }
                        Err(_) => {
                            out.left.push(cannot(&items.join(", ")));
                            None
                        }
                    }
                })
            }
            Some(PropValue::Binary(bytes)) => self.entry_id(&bytes, cp, out),
            Some(PropValue::MvBinary(items, layout)) => {
                let mut changed = false;
                let items: Vec<Vec<u8>> = items
                    .into_iter()
                    .map(|item| match self.entry_id(&item, cp, out) {
                        Some(new) => {
                            changed = true;
                            new
                        }
                        None => item,
                    })
                    .collect();
                if changed {
                    mapi::encode(&PropValue::MvBinary(items, layout), cp).ok()
                } else {
                    None
                }
            }
            None => {
                self.unknown(bytes, cp, out);
                None
            }
            Some(_) => None,
        };
        if let Some(new) = new {
            out.data = Some(hex(new));
        }
    }

    /// A text with its path, hosts or name mapped, the change recorded.
    pub(super) fn text(&self, text: &str, kind: Kind, out: &mut Outcome) -> Option<String> {
        let new = self.mapped(text, kind)?;
        out.said.push(format!("{text} → {new}"));
        Some(new)
    }

    /// A text with its path, hosts or name mapped; nothing recorded.
    fn mapped(&self, text: &str, kind: Kind) -> Option<String> {
        let mut new = self.path_of(text);
        if kind == Kind::Host
            && let Some(mapped) = self.hosts_of(new.as_deref().unwrap_or(text))
        {
            new = Some(mapped);
        }
        if kind == Kind::AccountName
            && let Some(renamed) = self.account(text)
        {
            new = Some(renamed.to_owned());
        }
        new.filter(|n| n != text)
    }

    /// The items of a list mapped: the new list and each change, when one
    /// changed.
    fn texts(&self, items: &[String], kind: Kind) -> Option<(Vec<String>, Vec<String>)> {
        let mut said = Vec::new();
        let items = items
            .iter()
            .map(|item| match self.mapped(item, kind) {
                Some(new) => {
                    said.push(format!("{item} → {new}"));
                    new
                }
                None => item.clone(),
            })
            .collect();
        (!said.is_empty()).then_some((items, said))
    }

    /// A PST store entry ID with its path mapped; anything else that holds
    /// an old path is reported.
    fn entry_id(&self, bytes: &[u8], cp: &'static CodePage, out: &mut Outcome) -> Option<Vec<u8>> {
        let Some(parsed) = PstEntryId::parse(bytes, cp) else {
            self.unknown(bytes, cp, out);
            return None;
        };
        let new = self.path_of(&parsed.path)?;
        match parsed.with_path(&new, cp) {
            Some(bytes) => {
                out.said
                    .push(format!("store entry ID {} → {new}", parsed.path));
                Some(bytes)
            }
            None => {
                out.left.push(format!(
                    "the store entry ID of {} cannot hold {new:?} in code page {}",
                    parsed.path,
                    cp.name()
                ));
                None
            }
        }
    }

    /// Report bytes that hold an old path where mapiprof cannot change it,
    /// once per value (a list's items each may hold it).
    fn unknown(&self, bytes: &[u8], cp: &'static CodePage, out: &mut Outcome) {
        for old in self.paths.olds() {
            if holds(bytes, old, cp) {
                let note = format!("{old} is inside a structure mapiprof does not know");
                if !out.left.contains(&note) {
                    out.left.push(note);
                }
                return;
            }
        }
    }
}

/// Whether `bytes` hold the path `text` (with `\\` or `/` as written, or
/// `\\` throughout) in UTF-16 LE or in code page `cp`, without regard to
/// the case of ASCII letters.
fn holds(bytes: &[u8], text: &str, cp: &'static CodePage) -> bool {
    let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
    let text = text.to_ascii_lowercase();
    [text.clone(), text.replace('/', "\\")].iter().any(|text| {
        let wide: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (narrow, _, _) = cp.encode(text);
        [wide.as_slice(), narrow.as_ref()]
            .iter()
            .any(|needle| !needle.is_empty() && lower.windows(needle.len()).any(|w| w == *needle))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::rewrite::{HostMap, PathMap};
    use crate::mapi::Layout;
    use crate::reg::ValueName;

    fn rewrite() -> Rewrite {
        Rewrite {
            paths: PathMap::new(vec![("C:\\Mail".into(), "H:\\Mail".into())]),
            hosts: HostMap::new(vec![(
                "exch01.example.com".into(),
                "exch02.example.com".into(),
            )]),
            ..Rewrite::default()
        }
    }

    fn hex(name: &str, bytes: Vec<u8>) -> RegValue {
        RegValue {
            name: ValueName::Named(name.into()),
            data: RegData::Hex { kind: 3, bytes },
        }
    }

    #[test]
    fn the_home_server_addresses_keep_their_list_and_layout() {
        let cp = encoding_rs::WINDOWS_1252;
        for layout in [Layout::Bits32, Layout::Bits64] {
            let items = vec![
                "ncacn_ip_tcp:exch01.example.com".to_owned(),
                "ncacn_http:exch01.example.com.au".to_owned(),
            ];
            let bytes = mapi::encode(&PropValue::MvString8(items, layout), cp).unwrap();
            let value = hex("101e6613", bytes);
            let out = rewrite().value(Place::Mapi(Some(Scope::Exchange)), &value, cp);
            let Some(RegData::Hex { bytes, .. }) = out.data else {
                panic!("changed");
            };
            assert_eq!(
                mapi::decode(PropType::STRING8.multi(), &bytes, cp),
                Some(PropValue::MvString8(
                    vec![
                        "ncacn_ip_tcp:exch02.example.com".to_owned(),
                        "ncacn_http:exch01.example.com.au".to_owned()
                    ],
                    layout
                ))
            );
            // the same list in a section of another provider is no server list
            let other = rewrite().value(Place::Mapi(Some(Scope::Ldap)), &value, cp);
            assert_eq!(other.data, None);
        }
    }

    #[test]
    fn a_change_the_code_page_cannot_hold_is_left_alone_and_not_said() {
        let cp = encoding_rs::WINDOWS_1252;
        let r = Rewrite {
            paths: PathMap::new(vec![("H:\\".into(), "\\\\fs01\\ファイル\\".into())]),
            ..Rewrite::default()
        };
        let items = vec!["H:\\Mail\\a.pst".to_owned()];
        let list = hex(
            "101e0397",
            mapi::encode(&PropValue::MvString8(items, Layout::Bits32), cp).unwrap(),
        );
        let one = hex(
            "001e6700",
            mapi::string8_bytes("H:\\Mail\\a.pst", cp).unwrap(),
        );
        for value in [list, one] {
            let out = r.value(Place::Mapi(Some(Scope::Pst)), &value, cp);
            assert_eq!(out.data, None);
            assert!(out.said.is_empty(), "{:?}", out.said);
            assert_eq!(out.left.len(), 1, "{:?}", out.left);
            assert!(out.left[0].contains("windows-1252"), "{:?}", out.left);
        }
    }

    #[test]
    fn a_binary_holding_an_old_path_elsewhere_is_named_and_kept() {
        let cp = encoding_rs::WINDOWS_1252;
        let mut bytes = vec![1, 2, 3, 4];
        bytes.extend(mapi::unicode_bytes("c:\\mail\\x.pst"));
        let out = rewrite().value(Place::Mapi(None), &hex("01020409", bytes), cp);
        assert_eq!(out.data, None);
        assert_eq!(out.left.len(), 1, "{:?}", out.left);
        assert!(out.left[0].contains("C:\\Mail"), "{:?}", out.left);
    }
}
