//! The rows of a registry model: each profile of each root it holds.

use encoding_rs::Encoding as CodePage;

use crate::check::Finding;
use crate::mapi::dictionary::Scope;
use crate::mapi::{self, PropValue, Scalar, TagName, account, sections};
use crate::model::{Effective, Model, default_profile, effective, other_roots, root_label};
use crate::reg::{RegData, RegValue, name};
use crate::yaml::{self, Context};

use super::{Account, Role, Row, Section, account_of, counts, number_text, row_of};

/// A row for every profile of `model`, its own root's first.
pub(super) fn rows(model: &Model, findings: &[Finding]) -> Vec<Row> {
    let mut out = root_rows(model, "", findings);
    for (root, sub) in other_roots(model) {
        let prefix = format!("{}: ", root_label(&root));
        out.extend(root_rows(&sub, &prefix, findings));
    }
    out
}

/// The rows of the profiles under `model`'s root; `prefix` starts the
/// places of the findings about them.
fn root_rows(model: &Model, prefix: &str, findings: &[Finding]) -> Vec<Row> {
    let Some(root) = model.root.as_deref() else {
        return Vec::new();
    };
    let default = default_profile(model);
    let cp = model.source.codepage;
    model
        .profiles
        .iter()
        .map(|profile| {
            let keys = effective(profile, cp);
            let sections: Vec<Section> = keys
                .iter()
                .filter(|k| !k.deleted && !k.info.account_manager)
                .map(|k| section_of(k, cp))
                .collect();
            let accounts = keys
                .iter()
                .filter(|k| !k.deleted && k.info.account_manager && k.path.contains('\\'))
                .filter_map(|k| internet_account(k, model))
                .collect();
            let mut row = row_of(&sections, accounts);
            row.root = root_label(root);
            row.profile = profile.name.clone();
            row.default = default
                .as_deref()
                .is_some_and(|d| name::same(d, &profile.name));
            row.findings = counts(
                findings
                    .iter()
                    .filter(|f| about(&f.place, prefix, &profile.name)),
            );
            row
        })
        .collect()
}

/// Whether a finding at `place` is about profile `profile` (its places
/// start `prefix`) or about the whole file.
fn about(place: &str, prefix: &str, profile: &str) -> bool {
    if place == "file" || place == "hive" || place.starts_with("line ") {
        return true;
    }
    let Some(rest) = place.strip_prefix(prefix) else {
        return false;
    };
    let named = rest.split('/').next().unwrap_or_default();
    name::same(named, profile)
}

fn section_of(key: &Effective, cp: &'static CodePage) -> Section {
    let role = if name::same(&key.path, sections::EXCHANGE_GLOBAL) {
        Role::ExchangeGlobal
    } else if name::same(&key.path, sections::OUTLOOK_CLIENT) {
        Role::Client
    } else if key.info.label.as_deref() == Some("Exchange account section") {
        Role::ExchangeAccount
    } else {
        Role::of_scope(key.info.scope)
    };
    let values = key
        .values
        .iter()
        .filter_map(|v| {
            let tag = TagName::parse(v.name.as_str()).filter(|t| !t.secure)?;
            Some((tag.tag.id, text_of(v, tag, key.info.scope, cp)?))
        })
        .collect();
    Section { role, values }
}

/// A MAPI value as text: a string as itself, a number by name where it has
/// names; `None` for what has no short text (binaries, lists).
fn text_of(
    value: &RegValue,
    tag: TagName,
    scope: Option<Scope>,
    cp: &'static CodePage,
) -> Option<String> {
    let decoded = match &value.data {
        RegData::Hex { bytes, .. } => mapi::decode(tag.tag.ptype, bytes, cp)?,
        RegData::String(s) => return Some(s.clone()),
        RegData::Dword(n) => PropValue::Scalar(Scalar::Long(*n)),
        RegData::Delete => return None,
    };
    Some(match decoded {
        PropValue::Unicode(s) | PropValue::String8(s) => s,
        PropValue::Scalar(Scalar::Long(n)) => number_text(n, tag.tag, scope),
        PropValue::Scalar(Scalar::I2(n)) => n.to_string(),
        PropValue::Scalar(Scalar::Boolean(b)) => b.to_string(),
        _ => return None,
    })
}

/// An internet account of the account manager; `None` for the MAPI
/// services (their own sections say more) and kinds not known.
fn internet_account(key: &Effective, model: &Model) -> Option<Account> {
    let clsid = key.get("clsid").and_then(|v| match &v.data {
        RegData::String(s) => Some(s.clone()),
        _ => None,
    })?;
    let kind = account::account_kind(&clsid).filter(|k| !matches!(*k, "MAPI service" | "LDAP"))?;
    let ctx = Context::new(&model.source, true, &key.info);
    let values: Vec<(u16, String)> = key
        .values
        .iter()
        .filter(|v| !account::is_password(v.name.as_str()))
        .filter_map(|v| Some((account::prf_id(v.name.as_str())?, yaml::brief(v, &ctx))))
        .collect();
    Some(account_of(kind, &values))
}
