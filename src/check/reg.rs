//! The rules over a registry model: Exchange proxy settings, ports, section
//! references, default stores and multi-valued values.

use std::collections::HashSet;

use crate::mapi::dictionary::{self, Scope};
use crate::mapi::props::{
    EXCHANGE_PORTS, PR_EMSMDB_SECTION_UID, PR_RESOURCE_FLAGS, PR_ROH_FLAGS,
    PR_ROH_PROXY_AUTH_SCHEME, PR_ROH_PROXY_PRINCIPAL_NAME, PR_ROH_PROXY_SERVER, PR_SERVICE_UID,
    PR_SERVICES, PR_STORE_PROVIDERS,
};
use crate::mapi::{self, PropTag, PropValue, Scalar, TagName, sections};
use crate::model::{Effective, Model, PROFILE_KEY, decoded, effective, root_label, uids};
use crate::reg::{RegData, RegValue};

use super::{Finding, RuleId, auth_finding, flag_findings, principal_findings, proxy_findings};
use crate::reg::name;

/// The findings of every profile of `model`.
pub fn check_reg(model: &Model) -> Vec<Finding> {
    let cp = model.source.codepage;
    let mut out = Vec::new();
    for profile in &model.profiles {
        let keys = effective(profile, cp);
        // the sections a UID may name: the keys not deleted (folded)
        let present: HashSet<String> = keys
            .iter()
            .filter(|k| !k.deleted)
            .map(|k| name::fold(&k.path))
            .collect();
        let place = |key: &Effective, name: &str| {
            if key.path == PROFILE_KEY {
                format!("{}/{name}", profile.name)
            } else {
                format!("{}/{}/{name}", profile.name, key.path)
            }
        };
        let mut default_stores = Vec::new();
        for key in keys.iter().filter(|k| !k.deleted) {
            let get = |id: u16| property(key, id, cp);
            if key.info.scope == Some(Scope::Exchange) {
                exchange(key, &get, &place, &mut out);
            }
            if key.info.account_manager {
                for name in ["POP3 Port", "IMAP Port", "SMTP Port"] {
                    if key.get(name).is_some_and(|v| v.data == RegData::Dword(0)) {
                        out.push(Finding::new(
                            RuleId::PortZero,
                            place(key, name),
                            format!("{name} is 0"),
                        ));
                    }
                }
                if let Some(uid) = key
                    .get("Service UID")
                    .and_then(|v| uids(&v.data).into_iter().next())
                {
                    dangling(&present, key, "Service UID", &[uid], &place, &mut out);
                }
            }
            for tag in [
                PR_SERVICES,
                PR_STORE_PROVIDERS,
                PR_SERVICE_UID,
                PR_EMSMDB_SECTION_UID,
            ] {
                if let Some(value) = raw(key, tag) {
                    let what = name_of(tag, None);
                    dangling(&present, key, what, &uids(&value.data), &place, &mut out);
                }
            }
            let is_provider = raw(key, PR_SERVICE_UID).is_some();
            if is_provider
                && let Some(PropValue::Scalar(Scalar::Long(flags))) = get(PR_RESOURCE_FLAGS.id)
                && flags & 0x2 != 0
            {
                default_stores.push(key.path.clone());
            }
            multi_valued(key, &place, cp, &mut out);
        }
        global_not_in_account(&keys, &place, cp, &mut out);
        if default_stores.len() > 1 {
            out.push(Finding::new(
                RuleId::DefaultStores,
                profile.name.clone(),
                format!(
                    "{} stores are marked as the default: {}",
                    default_stores.len(),
                    default_stores.join(", ")
                ),
            ));
        }
    }
    // the profiles of other roots, which the model holds as plain keys
    for (root, sub) in crate::model::other_roots(model) {
        for mut finding in check_reg(&sub) {
            finding.place = format!("{}: {}", root_label(&root), finding.place);
            out.push(finding);
        }
    }
    out
}

/// The Exchange rules over one section.
fn exchange(
    key: &Effective,
    get: &dyn Fn(u16) -> Option<PropValue>,
    place: &dyn Fn(&Effective, &str) -> String,
    out: &mut Vec<Finding>,
) {
    let text = |id: u16| match get(id) {
        Some(PropValue::Unicode(s) | PropValue::String8(s)) => Some(s),
        _ => None,
    };
    let long = |id: u16| match get(id) {
        Some(PropValue::Scalar(Scalar::Long(n))) => Some(n),
        _ => None,
    };
    let proxy = text(PR_ROH_PROXY_SERVER.id);
    let principal = text(PR_ROH_PROXY_PRINCIPAL_NAME.id);
    if let Some(proxy) = &proxy {
        proxy_findings(&place(key, "RPCProxyServer"), proxy, out);
    }
    if let Some(principal) = &principal {
        principal_findings(
            &place(key, "RPCProxyPrincipalName"),
            principal,
            proxy.as_deref(),
            out,
        );
    }
    if let Some(flags) = long(PR_ROH_FLAGS.id) {
        flag_findings(
            &place(key, "RPCoverHTTPflags"),
            flags,
            proxy.as_deref(),
            principal.as_deref(),
            out,
        );
    }
    if let Some(scheme) = long(PR_ROH_PROXY_AUTH_SCHEME.id) {
        auth_finding(&place(key, "RPCProxyAuthScheme"), scheme, out);
    }
    for tag in EXCHANGE_PORTS {
        if let Some(PropValue::Scalar(Scalar::I2(0))) = get(tag.id) {
            let name = name_of(tag, Some(Scope::Exchange));
            out.push(Finding::new(
                RuleId::PortZero,
                place(key, name),
                format!("{name} is 0"),
            ));
        }
    }
}

/// Since Outlook 2010, MAPI sends opens of the Exchange Global Section to
/// the (legacy) Exchange account's own section: a value only the old key
/// holds is not what Outlook reads once the profile has account sections.
fn global_not_in_account(
    keys: &[Effective],
    place: &dyn Fn(&Effective, &str) -> String,
    cp: &'static encoding_rs::Encoding,
    out: &mut Vec<Finding>,
) {
    let live = |k: &&Effective| !k.deleted;
    let Some(global) = keys
        .iter()
        .filter(live)
        .find(|k| name::same(&k.path, sections::EXCHANGE_GLOBAL))
    else {
        return;
    };
    let accounts: Vec<&Effective> = keys
        .iter()
        .filter(live)
        .filter(|k| k.info.label.as_deref() == Some("Exchange account section"))
        .collect();
    if accounts.is_empty() {
        return;
    }
    for value in &global.values {
        let Some(tag) = TagName::parse(value.name.as_str()).filter(|t| !t.secure) else {
            continue;
        };
        let setting = decoded(value, tag.tag.ptype, cp);
        // the same setting: the same id and value, a string in either
        // type and either registry form
        let alike = |v: &RegValue| {
            TagName::parse(v.name.as_str()).is_some_and(|t| {
                !t.secure
                    && t.tag.id == tag.tag.id
                    && (v.data == value.data
                        || (setting.is_some() && decoded(v, t.tag.ptype, cp) == setting))
            })
        };
        if value.data == RegData::Delete || accounts.iter().any(|a| a.values.iter().any(alike)) {
            continue;
        }
        let what = dictionary::lookup(tag.tag, Some(Scope::Exchange))
            .map_or(value.name.as_str(), |e| e.name);
        let paths: Vec<&str> = accounts.iter().map(|a| a.path.as_str()).collect();
        out.push(Finding::new(
            RuleId::GlobalNotInAccount,
            place(global, what),
            format!(
                "{what} is set in the Exchange Global Section but not alike in the Exchange account section ({}), which Outlook 2010 and later read",
                paths.join(", ")
            ),
        ));
    }
}

/// The decoded value of property `id` in `key` (any type that decodes).
fn property(key: &Effective, id: u16, cp: &'static encoding_rs::Encoding) -> Option<PropValue> {
    key.values.iter().find_map(|v| {
        let tag = TagName::parse(v.name.as_str()).filter(|t| !t.secure && t.tag.id == id)?;
        match &v.data {
            RegData::Hex { bytes, .. } => mapi::decode(tag.tag.ptype, bytes, cp),
            RegData::String(s) => Some(PropValue::Unicode(s.clone())),
            RegData::Dword(n) => Some(PropValue::Scalar(Scalar::Long(*n))),
            RegData::Delete => None,
        }
    })
}

/// The value of property `tag`, in that type.
fn raw(key: &Effective, tag: PropTag) -> Option<&RegValue> {
    key.values.iter().find(|v| {
        TagName::parse(v.name.as_str())
            .is_some_and(|name| name.tag == tag && v.data != RegData::Delete)
    })
}

/// A finding for each of `uids` that names no section in `present` (the
/// folded paths of the profile's keys).
fn dangling(
    present: &HashSet<String>,
    key: &Effective,
    what: &str,
    uids: &[String],
    place: &dyn Fn(&Effective, &str) -> String,
    out: &mut Vec<Finding>,
) {
    for uid in uids {
        if !present.contains(&name::fold(uid)) {
            out.push(Finding::new(
                RuleId::DanglingUid,
                place(key, what),
                format!("{what} names section {uid}, which the profile lacks"),
            ));
        }
    }
}

fn multi_valued(
    key: &Effective,
    place: &dyn Fn(&Effective, &str) -> String,
    cp: &'static encoding_rs::Encoding,
    out: &mut Vec<Finding>,
) {
    if key.info.account_manager {
        return;
    }
    for value in &key.values {
        let Some(tag) = TagName::parse(value.name.as_str()) else {
            continue;
        };
        let RegData::Hex { bytes, .. } = &value.data else {
            continue;
        };
        if tag.secure
            || !tag.tag.ptype.is_multi()
            || mapi::decode(tag.tag.ptype, bytes, cp).is_some()
        {
            continue;
        }
        out.push(Finding::new(
            RuleId::MvHeader,
            place(key, value.name.as_str()),
            format!(
                "{} bytes do not decode as {} in the 32- or 64-bit layout",
                bytes.len(),
                tag.tag.ptype.name().unwrap_or_default()
            ),
        ));
    }
}

/// The dictionary's name of `tag` in a section of `scope`.
fn name_of(tag: PropTag, scope: Option<Scope>) -> &'static str {
    dictionary::lookup(tag, scope).map_or("(unnamed property)", |entry| entry.name)
}
