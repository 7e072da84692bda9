//! What a `.prf` made from an export leaves behind, named in warnings:
//! protected secrets (one warning each), entry IDs and values no mapping
//! line names (one warning per section), and sections nobody owns (one
//! warning for all). Values Outlook writes itself when it applies a `.prf`
//! (service names, provider lists, UIDs) are not reported.

use crate::diag::Warning;
use crate::mapi::account::{self, Form};
use crate::mapi::props::{
    PR_AB_PROVIDER_ID, PR_AB_PROVIDERS, PR_COMMENT, PR_DISPLAY_NAME, PR_EMSMDB_LEGACY,
    PR_EMSMDB_SECTION_UID, PR_ENTRYID, PR_MDB_PROVIDER, PR_PROVIDER_DISPLAY, PR_PROVIDER_DLL_NAME,
    PR_PROVIDER_UID, PR_RECORD_KEY, PR_RESOURCE_FLAGS, PR_RESOURCE_TYPE, PR_SEARCH_KEY,
    PR_SERVICE_DLL_NAME, PR_SERVICE_ENTRY_NAME, PR_SERVICE_EXTRA_UIDS, PR_SERVICE_INSTALL_ID,
    PR_SERVICE_NAME, PR_SERVICE_SUPPORT_FILES, PR_SERVICE_UID, PR_SERVICES, PR_STORE_PROVIDERS,
    PR_TRANSPORT_PROVIDERS,
};
use crate::mapi::{PropTag, TagName, dictionary, sections};
use crate::reg::name;

use super::super::PROFILE_KEY;
use super::super::pool::{Pool, Section};

/// How many names a warning lists before it counts the rest.
const LISTED: usize = 8;

/// Add a warning for everything in `pool` that no setting took.
pub(super) fn report(pool: &Pool, profile: &str, warnings: &mut Vec<Warning>) {
    let mut unowned = Vec::new();
    for (s, section) in pool.sections.iter().enumerate() {
        if rebuilt_by_outlook(section) {
            continue;
        }
        if section.info.label.is_none() && section.path != PROFILE_KEY {
            unowned.push(section.path.clone());
            continue;
        }
        let label = pool.label(profile, s);
        let mut entry_ids = Vec::new();
        let mut others = Vec::new();
        for (value, used) in section.values.iter().zip(&section.used) {
            if *used {
                continue;
            }
            let name = value.name.as_str();
            match kind_of(section, name) {
                Kind::Secret => warnings.push(Warning::general(format!(
                    "{label}: {name} is a protected secret (DPAPI-encrypted); a .prf cannot carry it, so Outlook asks for it"
                ))),
                Kind::Structural => {}
                Kind::EntryId(shown) => entry_ids.push(shown),
                Kind::Other(shown) => others.push(shown),
            }
        }
        if !others.is_empty() {
            warnings.push(Warning::general(format!(
                "{label}: left out, no .prf setting holds {}",
                listing(&others)
            )));
        }
        if !entry_ids.is_empty() {
            warnings.push(Warning::general(format!(
                "{label}: entry IDs left out, Outlook makes new ones: {}",
                listing(&entry_ids)
            )));
        }
    }
    if !unowned.is_empty() {
        warnings.push(Warning::general(format!(
            "{profile}: sections of no known service are left out: {}",
            listing(&unowned)
        )));
    }
}

/// What an unused value is.
enum Kind {
    /// A password or an `S`-prefixed value.
    Secret,
    /// Written by Outlook itself when it applies a `.prf`.
    Structural,
    /// An entry ID, shown by name.
    EntryId(String),
    /// Anything else, shown by name.
    Other(String),
}

fn kind_of(section: &Section, name: &str) -> Kind {
    if section.info.account_manager {
        return match account::form(name) {
            _ if account::is_password(name) => Kind::Secret,
            Some(Form::Opaque) => Kind::EntryId(name.to_owned()),
            Some(Form::Uid | Form::UidList | Form::AccountIds) => Kind::Structural,
            _ if ACCOUNT_STRUCTURE.iter().any(|n| name::same(n, name)) => Kind::Structural,
            _ => Kind::Other(name.to_owned()),
        };
    }
    let Some(tag) = TagName::parse(name) else {
        return Kind::Other(name.to_owned());
    };
    if tag.secure {
        return Kind::Secret;
    }
    if STRUCTURE.iter().any(|s| s.id == tag.tag.id) {
        return Kind::Structural;
    }
    match dictionary::lookup(tag.tag, section.info.scope) {
        Some(entry) if entry.name.contains("ENTRYID") => {
            Kind::EntryId(format!("{} ({name})", entry.name))
        }
        Some(entry) => Kind::Other(format!("{} ({name})", entry.name)),
        None => Kind::Other(name.to_owned()),
    }
}

/// Sections Outlook builds itself: the service and provider lists, the
/// profile instance, the account manager's own key, and the account
/// subkeys of MAPI services and LDAP directories (the services recreate
/// them).
fn rebuilt_by_outlook(section: &Section) -> bool {
    let path = section.path.as_str();
    let is = |uid: &str| name::same(path, uid);
    if is(sections::SERVICE_LISTS)
        || is(sections::PROFILE_INSTANCE)
        || is(sections::ACCOUNT_MANAGER)
    {
        return true;
    }
    section.info.account_manager
        && section
            .info
            .label
            .as_deref()
            .is_some_and(|l| l.starts_with("MAPI service") || l.starts_with("LDAP"))
}

/// Properties Outlook writes when it creates a service or provider, in
/// whatever type they are stored.
const STRUCTURE: [PropTag; 25] = [
    PR_RECORD_KEY,
    PR_ENTRYID,      // of the store: made anew
    PR_DISPLAY_NAME, // where no mapping takes it
    PR_COMMENT,
    PR_PROVIDER_DISPLAY,
    PR_RESOURCE_FLAGS,
    PR_PROVIDER_DLL_NAME,
    PR_SEARCH_KEY,
    PR_PROVIDER_UID,
    PR_MDB_PROVIDER,
    PR_AB_PROVIDER_ID,
    PR_STORE_PROVIDERS,
    PR_AB_PROVIDERS,
    PR_TRANSPORT_PROVIDERS,
    PR_SERVICE_NAME,
    PR_SERVICE_DLL_NAME,
    PR_SERVICE_ENTRY_NAME,
    PR_SERVICE_UID,
    PR_SERVICE_EXTRA_UIDS,
    PR_SERVICES,
    PR_SERVICE_SUPPORT_FILES,
    PR_SERVICE_INSTALL_ID,
    PR_EMSMDB_SECTION_UID,
    PR_EMSMDB_LEGACY,
    PR_RESOURCE_TYPE,
];

/// Account-manager values Outlook writes when it creates an account.
const ACCOUNT_STRUCTURE: [&str; 7] = [
    "clsid",
    "Service Name",
    "Mini UID",
    "MAPI Provider",
    "XP Status",
    "Version",
    "NextAccountID",
];

/// `a, b, c` or `a, b, …, h and 3 more`.
fn listing(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match names.len().checked_sub(LISTED) {
        Some(rest) if rest > 0 => format!("{shown} and {rest} more"),
        _ => shown,
    }
}
