//! Redaction for posting an export in public: everything personal replaced
//! by a placeholder, the same original by the same placeholder everywhere
//! (key names, values, inside binary values), so that references still
//! match.
//!
//! The rules, in order:
//!
//! - **Secrets** (`S`-prefixed values, passwords) keep their length and
//!   become zero bytes (`REDACTED` in a `.prf`).
//! - **Profile names** (the profile keys, `DefaultProfile`,
//!   `PR_PROFILE_NAME`) become `profile1` …
//! - **Text is redacted unless its property is known to be safe**
//!   (`rules.rs`: service names, DLL names, install GUIDs, product strings,
//!   directory settings). Properties that name a host, a user, an e-mail
//!   address, an account or a display name get a placeholder of that kind
//!   (`host1.example.invalid`, `user1`, `user1@example.invalid`,
//!   `account1`, `name1`); any other text one of the kind it looks like,
//!   else `text1`. Numbers, GUIDs and booleans are kept; so is a `.prf`
//!   value made only of Outlook's placeholders (`%UserName%`).
//! - **Paths are replaced whole** (`C:\redacted\path1.pst`), in any value,
//!   and the user name of a `C:\Users\NAME` path is known as a user.
//! - **Binary values** keep their length: runs of UTF-16LE or ANSI text in
//!   them that hold a path are overwritten whole, e-mail addresses in them
//!   too, and so is every original replaced elsewhere; the placeholder is
//!   fitted to the length it takes the place of (`binary.rs`).
//! - Safe text that is an original replaced elsewhere gets its
//!   placeholder too.
//!
//! The result is a valid document that converts and round-trips like any
//! other. Nothing here prints or touches files.

mod binary;
mod placeholder;
mod prf;
mod registry;
mod rules;
mod shape;

use crate::input::Profiles;
use crate::model::Model;
use crate::prf::PrfModel;

use placeholder::{Kind, Placeholders};
use shape::{has_path, is_email, is_host, is_plain, path_start, user_of_path};

/// Redacts documents; one redactor gives one original the same placeholder
/// in every document it redacts.
#[derive(Debug, Default)]
pub struct Redactor {
    names: Placeholders,
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
    ///
    /// # Example
    /// ```
    /// use mapiprof::{input, redact::Redactor};
    ///
    /// let reg = "Windows Registry Editor Version 5.00\r\n\r\n\
    ///     [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Jane\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
    ///     \"001e6602\"=\"mail.example.com\"\r\n\r\n";
    /// let (model, _) = input::read_reg(reg.as_bytes(), None)?.model();
    /// let redacted = Redactor::new().model(&model);
    /// assert_eq!(redacted.profiles[0].name, "profile1");
    /// let value = &redacted.profiles[0].keys[0].values[0].data;
    /// assert_eq!(value, &mapiprof::reg::RegData::String("host1.example.invalid".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn model(&mut self, model: &Model) -> Model {
        registry::redact(self, model)
    }

    /// `model` (a `.prf`) with its personal data replaced; values made only
    /// of Outlook's placeholders (`%UserName%`) stay.
    pub fn prf(&mut self, model: &PrfModel) -> PrfModel {
        prf::redact(self, model)
    }

    /// The placeholder of profile name `name` (a profile named on the
    /// command line is the same profile in the redacted document).
    pub fn profile_name(&mut self, name: &str) -> String {
        self.names.get(name, Kind::Profile)
    }

    /// Text that is not known to be safe, replaced whole by a placeholder
    /// of `kind`, or of the kind it looks like. E-mail addresses and paths
    /// in it are known from now on.
    fn redact_text(&mut self, text: &str, kind: Option<Kind>) -> String {
        if text.is_empty() {
            return String::new();
        }
        if let Some(known) = self.names.known(text) {
            return known.to_owned();
        }
        // a `.prf` value may be written in quotes: they stay
        if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'))
            && !inner.is_empty()
        {
            return format!("\"{}\"", self.redact_text(inner, kind));
        }
        if path_start(text) == Some(0) {
            return self.path(text);
        }
        // what is inside is known too, for where it appears on its own
        self.keep_text(text);
        match kind {
            Some(Kind::Host) => self.host(text),
            Some(Kind::User | Kind::Email) if is_email(text) => self.names.get(text, Kind::Email),
            Some(Kind::Email) => self.names.get(text, Kind::User),
            Some(Kind::Name) => match text.strip_prefix("Mailbox - ") {
                // the Exchange store's display name: the user's name after
                // a fixed prefix
                Some(owner) => format!("Mailbox - {}", self.names.get(owner, Kind::User)),
                None => self.names.get(text, Kind::Name),
            },
            Some(kind) => self.names.get(text, kind),
            None => self.by_shape(text),
        }
    }

    /// Text of no known kind: kept if it is a number, GUID or boolean, else
    /// replaced by a placeholder of the kind it looks like.
    fn by_shape(&mut self, text: &str) -> String {
        if is_plain(text) {
            text.to_owned()
        } else if is_email(text) {
            self.names.get(text, Kind::Email)
        } else if has_path(text) {
            self.path(text)
        } else if is_host(text) {
            self.host(text)
        } else {
            self.names.get(text, Kind::Text)
        }
    }

    /// Text known to be safe: kept, but an original replaced elsewhere gets
    /// its placeholder, a path is replaced whole and e-mail addresses in it
    /// are replaced.
    fn keep_text(&mut self, text: &str) -> String {
        if let Some(known) = self.names.known(text) {
            return known.to_owned();
        }
        if let Some(start) = path_start(text) {
            let (before, path) = text.split_at(start);
            return format!("{}{}", self.emails(before), self.path(path));
        }
        self.emails(text)
    }

    /// A path's placeholder; the user name in it is known from now on.
    fn path(&mut self, path: &str) -> String {
        let placeholder = self.names.get(path, Kind::Path);
        if let Some(user) = user_of_path(path) {
            self.names.get(user, Kind::User);
        }
        placeholder
    }

    /// A host's placeholder, keeping a `msstd:` prefix and a port written
    /// after the host (`:44300`, `-44300`).
    fn host(&mut self, text: &str) -> String {
        if let Some((scheme, host)) = text.split_once(':')
            && scheme.eq_ignore_ascii_case("msstd")
        {
            return format!("{scheme}:{}", self.host(host));
        }
        let cut = text.rfind([':', '-']).filter(|&i| {
            text.get(i.saturating_add(1)..)
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        });
        match cut {
            Some(i) if i > 0 => {
                let (host, port) = text.split_at(i);
                format!("{}{port}", self.names.get(host, Kind::Host))
            }
            _ => self.names.get(text, Kind::Host),
        }
    }

    /// Every e-mail address in `text` replaced.
    fn emails(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for word in text.split_inclusive([' ', ';', ',', '<', '>', '(', ')', '"', '\'']) {
            let trimmed = word.trim_end_matches([' ', ';', ',', '<', '>', '(', ')', '"', '\'']);
            let tail = word.get(trimmed.len()..).unwrap_or("");
            if is_email(trimmed) {
                out.push_str(&self.names.get(trimmed, Kind::Email));
            } else {
                out.push_str(trimmed);
            }
            out.push_str(tail);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_stable_and_keep_ports() {
        let mut r = Redactor::new();
        assert_eq!(
            r.redact_text("jane.doe@example.com", None),
            "user1@example.invalid"
        );
        assert_eq!(
            r.keep_text("Jane <jane.doe@example.com>; bob@corp.example"),
            "Jane <user1@example.invalid>; user2@example.invalid"
        );
        assert_eq!(
            r.redact_text("mail.example.com:44300", Some(Kind::Host)),
            "host1.example.invalid:44300"
        );
        assert_eq!(
            r.redact_text("mail.example.com-44300", Some(Kind::Host)),
            "host1.example.invalid-44300"
        );
        assert_eq!(
            r.redact_text("msstd:mail.example.com", Some(Kind::Host)),
            "msstd:host1.example.invalid"
        );
        assert_eq!(
            r.redact_text(r"C:\Users\jdoe\mail.ost", None),
            r"C:\redacted\path1.ost"
        );
        assert_eq!(r.redact_text("jdoe", Some(Kind::User)), "user1");
        assert_eq!(r.redact_text("JDOE", None), "user1");
        assert_eq!(
            r.redact_text("\"z:\\%UserName%.pst\"", None),
            "\"C:\\redacted\\path2.pst\""
        );
    }

    #[test]
    fn free_text_is_replaced_whole_and_what_is_inside_is_known() {
        let mut r = Redactor::new();
        assert_eq!(r.redact_text("Tanaka (tanaka@example.jp)", None), "text1");
        assert_eq!(r.keep_text("tanaka@example.jp"), "user1@example.invalid");
        assert_eq!(
            r.redact_text("outlook.corp.example", None),
            "host1.example.invalid"
        );
        assert_eq!(r.redact_text("993", None), "993");
        assert_eq!(
            r.redact_text("Mailbox - Jane Doe", Some(Kind::Name)),
            "Mailbox - user1"
        );
        assert_eq!(r.keep_text("Jane Doe"), "user1");
        assert_eq!(r.keep_text("MSUPST MS"), "MSUPST MS");
        assert_eq!(
            r.keep_text(r"see \\files01\share\x.pst"),
            r"see C:\redacted\path1.pst"
        );
    }
}
