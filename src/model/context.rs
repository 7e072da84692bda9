//! Which service owns each section of a profile, and what to call it.
//!
//! A section is known by its well-known UID, by its own `PR_SERVICE_NAME`
//! (a service section), by `PR_SERVICE_UID` pointing at a service section
//! (a provider section), or by `PR_EMSMDB_SECTION_UID` pointing at it from an
//! Exchange service (an Exchange account section of Outlook 2010+).

use std::collections::{HashMap, HashSet};

use encoding_rs::Encoding as CodePage;

use crate::mapi::dictionary::{self, Scope};
use crate::mapi::props::{
    PR_DISPLAY_NAME, PR_EMSMDB_SECTION_UID, PR_PROVIDER_DLL_NAME, PR_RESOURCE_FLAGS,
    PR_RESOURCE_TYPE, PR_SERVICE_DLL_NAME, PR_SERVICE_NAME, PR_SERVICE_UID,
};
use crate::mapi::{self, PropType, TagName, account, sections};
use crate::reg::name;
use crate::reg::{RegData, RegValue};

use super::{PROFILE_KEY, Profile, text_value, uids};

/// What a key of a profile is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SectionInfo {
    /// Whose provider-range properties it holds.
    pub scope: Option<Scope>,
    /// The account manager or one of its account subkeys: plain value names.
    pub account_manager: bool,
    /// A description for people.
    pub label: Option<String>,
    /// Whether the section is a provider's (true) or a message service's
    /// (false), where its values say so: PR_RESOURCE_FLAGS means other bits
    /// in each.
    pub provider: Option<bool>,
}

/// Describe every key of `profile`, in the order of `profile.keys`.
pub fn describe(profile: &Profile, codepage: &'static CodePage) -> Vec<SectionInfo> {
    let facts = facts_of(profile, codepage);
    let mut services: HashMap<String, String> = HashMap::new();
    for (key, facts) in profile.keys.iter().zip(&facts) {
        if let Some(service) = &facts.service {
            services.insert(name::fold(&key.path), service.clone());
        }
    }
    let exchange_accounts: HashSet<String> = facts
        .iter()
        .filter(|f| f.service.as_deref().is_some_and(is_exchange))
        .filter_map(|f| f.emsmdb.as_deref().map(name::fold))
        .collect();
    let around = Around {
        services,
        exchange_accounts,
        preferences: preferences(profile),
        scopes: present_scopes(profile, &facts),
    };
    profile
        .keys
        .iter()
        .zip(&facts)
        .map(|(key, facts)| {
            if key.delete {
                return SectionInfo::default();
            }
            let mut info = describe_one(&key.path, facts, &key.values, &around);
            info.provider = facts.role();
            info
        })
        .collect()
}

/// What the rest of a profile says about its sections.
struct Around {
    /// Service sections by folded path, with their PR_SERVICE_NAME.
    services: HashMap<String, String>,
    /// The account sections Exchange services point to (folded).
    exchange_accounts: HashSet<String>,
    /// Each account's settings section (its `Preferences UID`, folded),
    /// with the account's label.
    preferences: HashMap<String, String>,
    /// The providers the profile shows: by a service section or a
    /// well-known section of theirs.
    scopes: HashSet<Scope>,
}

/// The `Preferences UID` of each account subkey, with its label.
fn preferences(profile: &Profile) -> HashMap<String, String> {
    profile
        .keys
        .iter()
        .filter(|k| {
            k.path
                .split_once('\\')
                .is_some_and(|(top, _)| name::same(top, sections::ACCOUNT_MANAGER))
        })
        .filter_map(|k| {
            let value = k
                .values
                .iter()
                .find(|v| name::same(v.name.as_str(), "Preferences UID"))?;
            let uid = match uids(&value.data).as_slice() {
                [one] => one.clone(),
                _ => return None,
            };
            Some((name::fold(&uid), account_label(&k.values)))
        })
        .collect()
}

/// The providers `profile` shows: by a service section (`PR_SERVICE_NAME`)
/// or a well-known section of theirs (the Exchange Global Section).
pub fn shown_scopes(profile: &Profile, codepage: &'static CodePage) -> HashSet<Scope> {
    present_scopes(profile, &facts_of(profile, codepage))
}

/// What each key of `profile` says it is, in key order.
fn facts_of(profile: &Profile, codepage: &'static CodePage) -> Vec<Facts> {
    profile
        .keys
        .iter()
        .map(|k| Facts::of(&k.values, codepage))
        .collect()
}

fn present_scopes(profile: &Profile, facts: &[Facts]) -> HashSet<Scope> {
    let by_service = facts
        .iter()
        .filter_map(|f| f.service.as_deref().and_then(sections::service_scope));
    let by_section = profile
        .keys
        .iter()
        .filter_map(|k| sections::well_known(&k.path).and_then(|w| w.scope));
    by_service.chain(by_section).collect()
}

/// The one provider the profile shows whose dictionary names every
/// provider-range property of a section no other value places: how a
/// section of a partial export (a patch holding `001e660c` alone) is read.
fn likely_scope(values: &[RegValue], scopes: &HashSet<Scope>) -> Option<Scope> {
    let tags: Vec<_> = values
        .iter()
        .filter_map(|v| TagName::parse(v.name.as_str()))
        .filter(|t| !t.secure && t.tag.id >= 0x6600 && t.tag.id < 0x8000)
        .map(|t| t.tag)
        .collect();
    if tags.is_empty() {
        return None;
    }
    let mut fits = scopes.iter().copied().filter(|scope| {
        tags.iter()
            .all(|tag| dictionary::lookup(*tag, Some(*scope)).is_some_and(|e| e.scope == *scope))
    });
    match (fits.next(), fits.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

fn describe_one(path: &str, facts: &Facts, values: &[RegValue], around: &Around) -> SectionInfo {
    if path == PROFILE_KEY {
        return SectionInfo {
            label: Some("the profile key".into()),
            ..SectionInfo::default()
        };
    }
    let (top, sub) = match path.split_once('\\') {
        Some((top, sub)) => (top, Some(sub)),
        None => (path, None),
    };
    if name::same(top, sections::ACCOUNT_MANAGER) {
        return SectionInfo {
            scope: None,
            account_manager: true,
            label: Some(match sub {
                None => "account manager".into(),
                Some(_) => account_label(values),
            }),
            provider: None,
        };
    }
    if sub.is_some() {
        return SectionInfo::default();
    }
    if let Some(known) = sections::well_known(top) {
        return SectionInfo {
            scope: known.scope,
            account_manager: false,
            label: Some(known.label.into()),
            provider: None,
        };
    }
    // a provider's section may name its service too (Outlook writes
    // PR_SERVICE_NAME into CONTAB's and the PST's): PR_SERVICE_UID says
    // which it is
    let owned = facts
        .service_uid
        .as_ref()
        .is_some_and(|uid| around.services.contains_key(&name::fold(uid)));
    if let Some(service) = facts.service.as_ref().filter(|_| !owned) {
        let what = sections::service_label(service).unwrap_or("message service");
        return SectionInfo {
            scope: sections::service_scope(service),
            account_manager: false,
            label: Some(format!("service {service} ({what})")),
            provider: None,
        };
    }
    if let Some(owner) = facts
        .service_uid
        .as_ref()
        .and_then(|uid| around.services.get(&name::fold(uid)))
    {
        let name = facts
            .display_name
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        return SectionInfo {
            scope: sections::service_scope(owner),
            account_manager: false,
            label: Some(format!("provider of {owner}{name}")),
            provider: None,
        };
    }
    if around.exchange_accounts.contains(&name::fold(top)) {
        return SectionInfo {
            scope: Some(Scope::Exchange),
            account_manager: false,
            label: Some("Exchange account section".into()),
            provider: None,
        };
    }
    if let Some(account) = around.preferences.get(&name::fold(top)) {
        return SectionInfo {
            label: Some(format!(
                "settings of account {account} (its Preferences UID)"
            )),
            ..SectionInfo::default()
        };
    }
    if let Some(scope) = likely_scope(values, &around.scopes) {
        return SectionInfo {
            scope: Some(scope),
            label: Some(format!(
                "probably {} (the export lacks what owns this section)",
                sections::scope_label(scope)
            )),
            ..SectionInfo::default()
        };
    }
    SectionInfo::default()
}

pub(super) fn is_exchange(service: &str) -> bool {
    sections::service_scope(service) == Some(Scope::Exchange)
}

fn account_label(values: &[RegValue]) -> String {
    let text = |name: &str| text_value(values, name);
    let kind = text("clsid")
        .and_then(|c| account::account_kind(&c))
        .unwrap_or("account");
    match text("Account Name") {
        Some(name) => format!("{kind}: {name}"),
        None => kind.to_owned(),
    }
}

/// The values of a section that say what it is.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// `PR_SERVICE_NAME`: the section is a service section.
    pub(super) service: Option<String>,
    /// `PR_SERVICE_UID`: the service section a provider section belongs to.
    pub(super) service_uid: Option<String>,
    /// `PR_EMSMDB_SECTION_UID`: an Exchange service's account section.
    pub(super) emsmdb: Option<String>,
    /// `PR_DISPLAY_NAME`.
    pub(super) display_name: Option<String>,
    /// `PR_RESOURCE_FLAGS`.
    pub(super) flags: Option<u32>,
    /// `PR_RESOURCE_TYPE` or `PR_PROVIDER_DLL_NAME`: a provider's section
    /// (as is one with `PR_SERVICE_UID`).
    pub(super) provider: bool,
    /// `PR_SERVICE_DLL_NAME`: a message service's section.
    pub(super) service_dll: bool,
}

impl Facts {
    /// A provider's section, a service's, or unknown.
    fn role(&self) -> Option<bool> {
        if self.provider || self.service_uid.is_some() {
            Some(true)
        } else if self.service_dll || self.service.is_some() {
            Some(false)
        } else {
            None
        }
    }
}

impl Facts {
    pub(super) fn of(values: &[RegValue], codepage: &'static CodePage) -> Facts {
        let mut facts = Facts::default();
        for value in values {
            let Some(name) = TagName::parse(value.name.as_str()) else {
                continue;
            };
            // the names in either string type, the rest in their own type
            match name.tag {
                t if t.id == PR_SERVICE_NAME.id => {
                    let found = string(&value.data, t.ptype, codepage);
                    facts.service = facts.service.take().or(found);
                }
                t if t.id == PR_DISPLAY_NAME.id => {
                    let found = string(&value.data, t.ptype, codepage);
                    facts.display_name = facts.display_name.take().or(found);
                }
                PR_SERVICE_UID => facts.service_uid = uid(&value.data),
                PR_EMSMDB_SECTION_UID => facts.emsmdb = uid(&value.data),
                PR_RESOURCE_FLAGS => facts.flags = long(&value.data),
                PR_RESOURCE_TYPE => facts.provider = true,
                t if t.id == PR_PROVIDER_DLL_NAME.id => facts.provider = true,
                t if t.id == PR_SERVICE_DLL_NAME.id => facts.service_dll = true,
                _ => {}
            }
        }
        facts
    }
}

fn string(data: &RegData, ptype: PropType, codepage: &'static CodePage) -> Option<String> {
    match (data, ptype) {
        (RegData::String(s), _) => Some(s.clone()),
        (RegData::Hex { bytes, .. }, PropType::UNICODE) => mapi::unicode_text(bytes),
        (RegData::Hex { bytes, .. }, PropType::STRING8) => mapi::string8_text(bytes, codepage),
        _ => None,
    }
}

fn long(data: &RegData) -> Option<u32> {
    match data {
        RegData::Hex { bytes, .. } => Some(u32::from_le_bytes(bytes.as_slice().try_into().ok()?)),
        RegData::Dword(n) => Some(*n),
        _ => None,
    }
}

/// The one UID a value holds.
fn uid(data: &RegData) -> Option<String> {
    match uids(data).as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}
