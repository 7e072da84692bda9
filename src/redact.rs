//! Redaction for sharing an export in a bug report: e-mail addresses, user
//! and server names, paths and secrets replaced by stable placeholders (the
//! same original always gets the same placeholder, so references still
//! match). Text values are rewritten and re-encoded in their own type; the
//! originals are also blanked where they occur inside binary values (entry
//! IDs carry store paths and addresses); secrets (`S`-prefixed values,
//! passwords) keep their length and become zero bytes. The result is a
//! valid document that converts and round-trips like any other.

use encoding_rs::Encoding as CodePage;

use crate::input::Profiles;
use crate::mapi::dictionary::Scope;
use crate::mapi::props::{
    LDAP_SERVER, LDAP_USER_NAME, PR_DISPLAY_NAME, PR_PROFILE_HOME_SERVER,
    PR_PROFILE_HOME_SERVER_FQDN, PR_PROFILE_MAILBOX, PR_PROFILE_SERVER, PR_PROFILE_UNRESOLVED_NAME,
    PR_PROFILE_UNRESOLVED_SERVER, PR_PROFILE_USER, PR_ROH_PROXY_PRINCIPAL_NAME,
    PR_ROH_PROXY_SERVER,
};
use crate::mapi::{self, PropTag, PropValue, TagName, account};
use crate::model::{Model, describe};
use crate::prf::{PrfModel, Settings, placeholders};
use crate::reg::{RegData, RegValue};

/// The placeholders given so far.
#[derive(Debug, Default)]
pub struct Redactor {
    /// `(original, placeholder)` in the order met.
    seen: Vec<(String, String)>,
    counts: [usize; 4],
}

/// What a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Email,
    Host,
    User,
    Path,
}

impl Redactor {
    /// A fresh redactor.
    pub fn new() -> Redactor {
        Redactor::default()
    }

    /// `profiles` with their personal data replaced.
    pub fn profiles(&mut self, profiles: &Profiles) -> Profiles {
        match profiles {
            Profiles::Registry(model) => Profiles::Registry(self.model(model)),
            Profiles::Prf(model) => Profiles::Prf(self.prf(model)),
        }
    }

    /// `model` with its personal data replaced.
    pub fn model(&mut self, model: &Model) -> Model {
        let mut out = model.clone();
        let cp = model.source.codepage;
        for profile in &mut out.profiles {
            let infos = describe(profile, cp);
            for (key, info) in profile.keys.iter_mut().zip(infos) {
                for value in &mut key.values {
                    self.value(value, info.scope, info.account_manager, cp);
                }
            }
        }
        // originals met in text values are blanked inside binary ones too
        for profile in &mut out.profiles {
            for key in &mut profile.keys {
                for value in &mut key.values {
                    if let RegData::Hex { bytes, .. } = &mut value.data {
                        self.blank_inside(bytes, cp);
                    }
                }
            }
        }
        out
    }

    /// `model` (a `.prf`) with its personal data replaced; `%UserName%`
    /// style placeholders stay.
    pub fn prf(&mut self, model: &PrfModel) -> PrfModel {
        let mut out = model.clone();
        let mut settings = |s: &mut Settings| {
            for (key, value) in s.active.iter_mut().chain(s.commented.iter_mut()) {
                *value = self.setting(key, value);
            }
        };
        settings(&mut out.general);
        for item in out.services.iter_mut().chain(out.accounts.iter_mut()) {
            settings(&mut item.settings);
        }
        for plain in &mut out.sections {
            for (key, value) in &mut plain.entries {
                *value = self.setting(key, value);
            }
        }
        out
    }

    fn setting(&mut self, key: &str, value: &str) -> String {
        if value.is_empty() || !placeholders(value).is_empty() {
            return value.to_owned();
        }
        let lower = key.to_ascii_lowercase();
        if lower.contains("password") {
            return "REDACTED".to_owned();
        }
        let what = if lower.contains("server") || lower == "homeserver" {
            Some(What::Host)
        } else if lower.contains("principal") {
            return self.principal(value);
        } else if lower.contains("username")
            || lower == "mailboxname"
            || lower.contains("displayname")
        {
            Some(What::User)
        } else {
            None
        };
        self.text(value, what)
    }

    /// Redact one registry value in place.
    fn value(
        &mut self,
        value: &mut RegValue,
        scope: Option<Scope>,
        account: bool,
        cp: &'static CodePage,
    ) {
        let name = value.name.as_str().to_owned();
        if account {
            if account::is_password(&name) {
                blank(&mut value.data);
                return;
            }
            let what = account_what(&name);
            match &mut value.data {
                RegData::String(text) => *text = self.text(text, what),
                RegData::Hex { bytes, .. }
                    if matches!(account::form(&name), Some(account::Form::Text)) =>
                {
                    if let Some(text) = mapi::unicode_text(bytes) {
                        *bytes = mapi::unicode_bytes(&self.text(&text, what));
                    }
                }
                _ => {}
            }
            return;
        }
        let Some(tag) = TagName::parse(&name) else {
            if let RegData::String(text) = &mut value.data {
                *text = self.text(text, None);
            }
            return;
        };
        if tag.secure {
            blank(&mut value.data);
            return;
        }
        let what = mapi_what(tag.tag.id, scope);
        match &mut value.data {
            RegData::String(text) => *text = self.redact_id(tag.tag.id, text, what),
            RegData::Hex { bytes, .. } => {
                let decoded = mapi::decode(tag.tag.ptype, bytes, cp);
                let redone = match decoded {
                    Some(PropValue::Unicode(text)) => {
                        Some(PropValue::Unicode(self.redact_id(tag.tag.id, &text, what)))
                    }
                    Some(PropValue::String8(text)) => {
                        Some(PropValue::String8(self.redact_id(tag.tag.id, &text, what)))
                    }
                    Some(PropValue::MvUnicode(items, layout)) => Some(PropValue::MvUnicode(
                        items.iter().map(|t| self.text(t, what)).collect(),
                        layout,
                    )),
                    Some(PropValue::MvString8(items, layout)) => Some(PropValue::MvString8(
                        items.iter().map(|t| self.text(t, what)).collect(),
                        layout,
                    )),
                    _ => None,
                };
                if let Some(encoded) = redone.and_then(|v| mapi::encode(&v, cp).ok()) {
                    *bytes = encoded;
                }
            }
            _ => {}
        }
    }

    fn redact_id(&mut self, id: u16, text: &str, what: Option<What>) -> String {
        if id == PR_ROH_PROXY_PRINCIPAL_NAME.id {
            return self.principal(text);
        }
        // the Exchange store's display name carries the user's name
        if id == PR_DISPLAY_NAME.id
            && let Some(name) = text.strip_prefix("Mailbox - ")
        {
            return format!("Mailbox - {}", self.placeholder(name, What::User));
        }
        self.text(text, what)
    }

    /// `msstd:host` → `msstd:hostN.example.invalid`.
    fn principal(&mut self, text: &str) -> String {
        match text.split_once(':') {
            Some((scheme, host)) if scheme.eq_ignore_ascii_case("msstd") => {
                format!("{scheme}:{}", self.text(host, Some(What::Host)))
            }
            _ => self.text(text, Some(What::Host)),
        }
    }

    /// A text value: e-mail addresses and paths wherever they are; the whole
    /// value when `what` says it is a host or a user name.
    fn text(&mut self, text: &str, what: Option<What>) -> String {
        if text.is_empty() {
            return String::new();
        }
        if looks_like_path(text) {
            return self.placeholder(text, What::Path);
        }
        match what {
            Some(What::Host) => {
                // keep a port written after the host (`:44300`, `-44300`)
                let cut = text.rfind([':', '-']).filter(|&i| {
                    text.get(i.saturating_add(1)..)
                        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                });
                match cut {
                    Some(i) => {
                        let (host, port) = text.split_at(i);
                        format!("{}{port}", self.placeholder(host, What::Host))
                    }
                    None => self.placeholder(text, What::Host),
                }
            }
            Some(What::User) if !text.contains('@') => self.placeholder(text, What::User),
            _ => self.emails(text),
        }
    }

    /// Every e-mail address in `text` replaced.
    fn emails(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for word in text.split_inclusive([' ', ';', ',', '<', '>']) {
            let trimmed = word.trim_end_matches([' ', ';', ',', '<', '>']);
            let tail = word.get(trimmed.len()..).unwrap_or("");
            if is_email(trimmed) {
                out.push_str(&self.placeholder(trimmed, What::Email));
            } else {
                out.push_str(trimmed);
            }
            out.push_str(tail);
        }
        out
    }

    fn placeholder(&mut self, original: &str, what: What) -> String {
        if let Some((_, p)) = self
            .seen
            .iter()
            .find(|(o, _)| o.eq_ignore_ascii_case(original))
        {
            return p.clone();
        }
        let slot = match what {
            What::Email => 0,
            What::Host => 1,
            What::User => 2,
            What::Path => 3,
        };
        let n = self
            .counts
            .get(slot)
            .copied()
            .unwrap_or(0)
            .saturating_add(1);
        if let Some(count) = self.counts.get_mut(slot) {
            *count = n;
        }
        let placeholder = match what {
            What::Email => format!("user{n}@example.invalid"),
            What::Host => format!("host{n}.example.invalid"),
            What::User => format!("user{n}"),
            What::Path => {
                let ext = original
                    .rsplit_once('.')
                    .map(|(_, e)| e)
                    .filter(|e| e.len() <= 4 && !e.contains(['\\', '/']))
                    .map(|e| format!(".{e}"))
                    .unwrap_or_default();
                format!("C:\\redacted\\path{n}{ext}")
            }
        };
        self.seen.push((original.to_owned(), placeholder.clone()));
        placeholder
    }

    /// Overwrite every original met so far where it occurs in `bytes`, as
    /// UTF-16LE or in the code page, with `x` of the same length.
    fn blank_inside(&self, bytes: &mut [u8], cp: &'static CodePage) {
        for (original, _) in &self.seen {
            if original.chars().count() < 4 {
                continue;
            }
            let utf16 = mapi::unicode_bytes(original);
            let utf16 = utf16.get(..utf16.len().saturating_sub(2)).unwrap_or(&[]);
            let ansi = cp.encode(original).0.into_owned();
            for (needle, width) in [(utf16.to_vec(), 2), (ansi, 1)] {
                replace_all(bytes, &needle, width);
            }
        }
    }
}

/// Replace every occurrence of `needle` in `bytes` with `x` characters of
/// `width` bytes each.
fn replace_all(bytes: &mut [u8], needle: &[u8], width: usize) {
    if needle.is_empty() || needle.len() > bytes.len() {
        return;
    }
    let mut i: usize = 0;
    while let Some(end) = i.checked_add(needle.len()).filter(|&e| e <= bytes.len()) {
        match bytes.get_mut(i..end) {
            Some(window) if window == needle => {
                for (j, b) in window.iter_mut().enumerate() {
                    *b = if j.checked_rem(width) == Some(0) {
                        b'x'
                    } else {
                        0
                    };
                }
                i = end;
            }
            _ => i = i.saturating_add(1),
        }
    }
}

fn blank(data: &mut RegData) {
    match data {
        RegData::Hex { bytes, .. } => bytes.iter_mut().for_each(|b| *b = 0),
        RegData::String(text) => *text = "REDACTED".to_owned(),
        RegData::Dword(n) => *n = 0,
        RegData::Delete => {}
    }
}

/// What the MAPI property `id` holds (in any type), where it names a host
/// or a user.
fn mapi_what(id: u16, scope: Option<Scope>) -> Option<What> {
    let among = |tags: &[PropTag]| tags.iter().any(|t| t.id == id);
    match scope? {
        Scope::Exchange if among(EXCHANGE_HOSTS) => Some(What::Host),
        Scope::Exchange if among(EXCHANGE_USERS) => Some(What::User),
        Scope::Ldap if among(&[LDAP_SERVER]) => Some(What::Host),
        Scope::Ldap if among(&[LDAP_USER_NAME]) => Some(What::User),
        _ => None,
    }
}

/// Exchange properties that name a server.
const EXCHANGE_HOSTS: &[PropTag] = &[
    PR_PROFILE_HOME_SERVER,
    PR_PROFILE_UNRESOLVED_SERVER,
    PR_PROFILE_SERVER,
    PR_PROFILE_HOME_SERVER_FQDN,
    PR_ROH_PROXY_SERVER,
];

/// Exchange properties that name the mailbox or its owner.
const EXCHANGE_USERS: &[PropTag] = &[
    PR_PROFILE_USER,
    PR_PROFILE_UNRESOLVED_NAME,
    PR_PROFILE_MAILBOX,
];

/// What an account-manager value holds.
fn account_what(name: &str) -> Option<What> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(" server") || lower.ends_with(" server url") {
        Some(What::Host)
    } else if lower.ends_with(" user") || lower == "display name" {
        Some(What::User)
    } else {
        None
    }
}

fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !word.contains(['\\', '/', ' '])
}

fn looks_like_path(text: &str) -> bool {
    let bytes = text.as_bytes();
    let drive = bytes.len() > 2
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'\\');
    drive || text.starts_with("\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_stable_and_keep_ports() {
        let mut r = Redactor::new();
        assert_eq!(
            r.text("jane.doe@example.com", None),
            "user1@example.invalid"
        );
        assert_eq!(
            r.text("Jane <jane.doe@example.com>; bob@corp.example", None),
            "Jane <user1@example.invalid>; user2@example.invalid"
        );
        assert_eq!(
            r.text("mail.example.com:44300", Some(What::Host)),
            "host1.example.invalid:44300"
        );
        assert_eq!(
            r.text("mail.example.com-44300", Some(What::Host)),
            "host1.example.invalid-44300"
        );
        assert_eq!(
            r.principal("msstd:mail.example.com"),
            "msstd:host1.example.invalid"
        );
        assert_eq!(
            r.text(r"C:\Users\jdoe\mail.ost", None),
            r"C:\redacted\path1.ost"
        );
        assert_eq!(r.text("jdoe", Some(What::User)), "user1");
        let mut bytes = mapi::unicode_bytes(r"x C:\Users\jdoe\mail.ost y");
        r.blank_inside(&mut bytes, encoding_rs::WINDOWS_1252);
        let blanked = format!("x {} y", "x".repeat(r"C:\Users\jdoe\mail.ost".len()));
        assert_eq!(mapi::unicode_text(&bytes), Some(blanked));
    }
}
