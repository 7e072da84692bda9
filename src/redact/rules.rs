//! What to do with each value: the allow-list of properties whose values
//! are not personal, the properties that name a host, a user, an account,
//! a profile or a display name, and the secrets. A property is looked up in
//! the dictionary (by the name it has in the section's scope), so the lists
//! are names, not numbers. Whatever is not listed is redacted.

use crate::mapi::account;
use crate::mapi::dictionary::{self, Scope};
use crate::mapi::{PropTag, PropType, TagName};

use super::placeholder::Kind;

/// What to do with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// Not personal: kept, except for what is personal wherever it is (a
    /// path, an e-mail address, an original already replaced elsewhere).
    Keep,
    /// A secret: zero bytes of the same length, `REDACTED`, `0`.
    Secret,
    /// Replaced whole, by a placeholder of this kind; `None`: of the kind
    /// the text looks like.
    Redact(Option<Kind>),
}

impl Rule {
    /// The round of safe values, the last.
    pub const KEEP_ROUND: u8 = 3;

    /// In which round a value is redacted: the most telling kinds first (a
    /// name that is an account's is `account1` wherever it appears), then
    /// other names, then text of no known kind, then (checked against all
    /// the originals met) safe values.
    pub fn round(self) -> u8 {
        match self {
            Rule::Secret
            | Rule::Redact(Some(
                Kind::Profile | Kind::Account | Kind::Host | Kind::User | Kind::Email,
            )) => 0,
            Rule::Redact(Some(Kind::Name | Kind::Path | Kind::Text)) => 1,
            Rule::Redact(None) => 2,
            Rule::Keep => Rule::KEEP_ROUND,
        }
    }
}

/// The rule for MAPI property `tag` in a section of `scope`.
pub(super) fn mapi(tag: TagName, scope: Option<Scope>) -> Rule {
    if tag.secure {
        return Rule::Secret;
    }
    let Some(entry) = dictionary::lookup(tag.tag, scope).or_else(|| any_type(tag.tag, scope))
    else {
        return Rule::Redact(None);
    };
    by_name(entry.name)
}

/// The entry of the same id in another string type (`PR_DISPLAY_NAME_A`
/// written as PT_UNICODE is still a display name).
fn any_type(tag: PropTag, scope: Option<Scope>) -> Option<&'static dictionary::Entry> {
    dictionary::ENTRIES.iter().find(|e| {
        e.tag.id == tag.id
            && is_text(e.tag.ptype)
            && is_text(tag.ptype)
            && e.tag.ptype.is_multi() == tag.ptype.is_multi()
            && (e.scope == Scope::Any || Some(e.scope) == scope)
    })
}

/// Whether `ptype` is a string type (`PT_STRING8`, `PT_UNICODE` or a list
/// of them).
fn is_text(ptype: PropType) -> bool {
    matches!(ptype.base(), PropType::STRING8 | PropType::UNICODE)
}

/// The rule for the property the dictionary calls `name`.
pub(super) fn by_name(name: &str) -> Rule {
    let among = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if among(SAFE) {
        Rule::Keep
    } else if among(SECRETS) {
        Rule::Secret
    } else if among(HOSTS) {
        Rule::Redact(Some(Kind::Host))
    } else if among(USERS) {
        Rule::Redact(Some(Kind::User))
    } else if among(EMAILS) {
        Rule::Redact(Some(Kind::Email))
    } else if among(ACCOUNTS) {
        Rule::Redact(Some(Kind::Account))
    } else if among(PROFILES) {
        Rule::Redact(Some(Kind::Profile))
    } else if among(NAMES) {
        Rule::Redact(Some(Kind::Name))
    } else {
        Rule::Redact(None)
    }
}

/// The rule for the account-manager value called `name`.
pub(super) fn account(name: &str) -> Rule {
    if account::is_password(name) {
        return Rule::Secret;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(" server") || lower.ends_with(" server url") {
        Rule::Redact(Some(Kind::Host))
    } else if lower.ends_with(" user") {
        Rule::Redact(Some(Kind::User))
    } else if lower == "email" {
        Rule::Redact(Some(Kind::Email))
    } else if lower == "account name" {
        Rule::Redact(Some(Kind::Account))
    } else if lower == "display name" {
        Rule::Redact(Some(Kind::Name))
    } else if ACCOUNT_SAFE.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        Rule::Keep
    } else {
        Rule::Redact(None)
    }
}

/// Properties whose text is a fixed product string, a file name of the
/// product, a GUID or a setting, never a person's.
const SAFE: &[&str] = &[
    "PR_PROVIDER_DISPLAY",
    "PR_PROVIDER_DISPLAY_A",
    "PR_PROVIDER_DLL_NAME",
    "PR_PROVIDER_DLL_NAME_A",
    "PR_SERVICE_NAME",
    "PR_SERVICE_NAME_A",
    "PR_SERVICE_DLL_NAME",
    "PR_SERVICE_DLL_NAME_A",
    "PR_SERVICE_ENTRY_NAME",
    "PR_SERVICE_ENTRY_NAME_W",
    "PR_SERVICE_SUPPORT_FILES",
    "PR_SERVICE_SUPPORT_FILES_A",
    "PR_SERVICE_DELETE_FILES",
    "PR_SERVICE_DELETE_FILES_A",
    "PR_SERVICE_INSTALL_ID",
    "PR_SERVICE_INSTALL_ID_A",
    // LDAP settings
    "ConnectionPort",
    "MAPIAddressType",
    "EMailAttribute",
    "SearchTimeout",
    "MaxEntriesReturned",
    "LDAPTimeLimitLowBand",
    "LDAPSizeLimitLowBand",
    "ErrorLogging",
    "DisplayNameSource",
    "DisplayFailDialog",
    "CheckNames",
    // Microsoft Mail
    "NewMailPollInterval",
];

/// Properties that hold a password in the clear or protected.
const SECRETS: &[&str] = &[
    "Password",
    "PR_PST_PW_SZ_NEW",
    "LDAPPassword",
    "PR_PROFILE_AUTH_PASSWORD",
    "PR_PROFILE_SECURE_MAILBOX",
];

/// Properties that name a server.
const HOSTS: &[&str] = &[
    "PR_PROFILE_HOME_SERVER",
    "PR_PROFILE_HOME_SERVER_W",
    "HomeServer",
    "HomeServer_W",
    "PR_PROFILE_SERVER",
    "PR_PROFILE_SERVER_W",
    "PR_PROFILE_HOME_SERVER_FQDN",
    "PR_PROFILE_HOME_SERVER_ADDRS",
    "RPCProxyServer",
    "RPCProxyPrincipalName",
    "ServerName",
    "DomainName",
    "WebServicesLocation",
];

/// Properties that name a user or a mailbox.
const USERS: &[&str] = &[
    "PR_PROFILE_USER",
    "PR_PROFILE_USER_W",
    "MailboxName",
    "MailboxName_W",
    "PR_PROFILE_MAILBOX",
    "PR_PROFILE_MAILBOX_W",
    "PR_PROFILE_AUTH_USER",
    "UserName",
    "Mailbox",
];

/// Properties that hold an e-mail address.
const EMAILS: &[&str] = &[
    "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS",
    "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS_A",
];

/// Properties that name an account.
const ACCOUNTS: &[&str] = &["AccountName"];

/// Properties that name the profile.
const PROFILES: &[&str] = &["PR_PROFILE_NAME", "PR_PROFILE_NAME_A"];

/// Properties that are a display name.
const NAMES: &[&str] = &[
    "PR_DISPLAY_NAME",
    "PR_DISPLAY_NAME_A",
    "PR_IDENTITY_DISPLAY",
    "PR_CONTAB_DISPLAY_NAMES_W",
    "PR_CONTAB_DISPLAY_NAMES_A",
    "ContabStoreNamesUnicode",
    "PR_CONTAB_STORE_NAMES_A",
];

/// Account-manager text values that are not personal.
const ACCOUNT_SAFE: &[&str] = &["clsid", "Service Name"];

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, scope: Option<Scope>) -> Rule {
        mapi(TagName::parse(name).unwrap(), scope)
    }

    #[test]
    fn every_listed_name_is_in_the_dictionary() {
        for list in [
            SAFE, SECRETS, HOSTS, USERS, EMAILS, ACCOUNTS, PROFILES, NAMES,
        ] {
            for name in list {
                assert!(
                    dictionary::ENTRIES.iter().any(|e| e.name == *name),
                    "{name} is not a dictionary name"
                );
            }
        }
    }

    #[test]
    fn rules_follow_the_scope() {
        let exchange = Some(Scope::Exchange);
        assert_eq!(rule("001e6602", exchange), Rule::Redact(Some(Kind::Host)));
        assert_eq!(rule("001f660c", exchange), Rule::Redact(Some(Kind::Host)));
        assert_eq!(
            rule("001e6602", Some(Scope::Ldap)),
            Rule::Redact(Some(Kind::User))
        );
        assert_eq!(rule("001e6602", None), Rule::Redact(None));
        assert_eq!(rule("001f3d09", None), Rule::Keep);
        assert_eq!(rule("001e3d09", None), Rule::Keep);
        assert_eq!(rule("001f3001", None), Rule::Redact(Some(Kind::Name)));
        assert_eq!(rule("101f031e", None), Rule::Redact(None));
        assert_eq!(rule("S001e67f1", None), Rule::Secret);
        assert_eq!(rule("001e6703", Some(Scope::Pst)), Rule::Secret);
        assert_eq!(account("POP3 Password"), Rule::Secret);
        assert_eq!(account("IMAP Server"), Rule::Redact(Some(Kind::Host)));
        assert_eq!(account("New Signature"), Rule::Redact(None));
        assert_eq!(account("clsid"), Rule::Keep);
        assert!(is_text(PropType::UNICODE.multi()));
    }
}
