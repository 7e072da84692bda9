//! The rows of a registry model: each profile of each root it holds.

use std::collections::HashMap;

use encoding_rs::Encoding as CodePage;

use crate::check::Finding;
use crate::mapi::dictionary::Scope;
use crate::mapi::{PropValue, Scalar, TagName, account, sections};
use crate::model::{
    Effective, Model, decoded, default_profile, effective, other_roots, root_label, text_data,
};
use crate::reg::{RegData, RegValue, name};

use super::{Account, Counts, Role, Row, Section, account_of, counts, number_text, row_of};

/// A row for every profile of `model`, its own root's first.
pub(super) fn rows(model: &Model, findings: &[Finding]) -> Vec<Row> {
    let counted = Counted::of(findings);
    let mut out = root_rows(model, "", &counted);
    for (root, sub) in other_roots(model) {
        let prefix = format!("{}: ", root_label(&root));
        out.extend(root_rows(&sub, &prefix, &counted));
    }
    out
}

/// Findings sorted once by what they are about: the whole file, or a
/// profile (by its place's root prefix and folded name).
struct Counted<'f> {
    file: Vec<&'f Finding>,
    profiles: HashMap<(String, String), Vec<&'f Finding>>,
}

impl<'f> Counted<'f> {
    fn of(findings: &'f [Finding]) -> Counted<'f> {
        let mut counted = Counted {
            file: Vec::new(),
            profiles: HashMap::new(),
        };
        for finding in findings {
            let place = finding.place.as_str();
            if place == "file" || place == "hive" || place.starts_with("line ") {
                counted.file.push(finding);
                continue;
            }
            // `Office 15.0: Work/…` (another root, see `check_reg`) or `Work/…`
            let (prefix, rest) = match place.split_once(": ") {
                Some((label, rest))
                    if label.starts_with("Office ") || label == "Windows Messaging Subsystem" =>
                {
                    (format!("{label}: "), rest)
                }
                _ => (String::new(), place),
            };
            let profile = rest.split('/').next().unwrap_or_default();
            counted
                .profiles
                .entry((prefix, name::fold(profile)))
                .or_default()
                .push(finding);
        }
        counted
    }

    /// The counts for profile `profile` of the root whose places start
    /// `prefix`, the whole file's findings included.
    fn about(&self, prefix: &str, profile: &str) -> Counts {
        let own = self
            .profiles
            .get(&(prefix.to_owned(), name::fold(profile)))
            .map(Vec::as_slice)
            .unwrap_or_default();
        counts(self.file.iter().chain(own).copied())
    }
}

/// The rows of the profiles under `model`'s root; `prefix` starts the
/// places of the findings about them.
fn root_rows(model: &Model, prefix: &str, counted: &Counted) -> Vec<Row> {
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
                .filter_map(internet_account)
                .collect();
            let mut row = row_of(&sections, accounts);
            row.root = root_label(root);
            row.profile = profile.name.clone();
            row.default = default
                .as_deref()
                .is_some_and(|d| name::same(d, &profile.name));
            row.findings = counted.about(prefix, &profile.name);
            row
        })
        .collect()
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
    Some(match decoded(value, tag.tag.ptype, cp)? {
        PropValue::Unicode(s) => s,
        PropValue::Scalar(Scalar::Long(n)) => number_text(n, tag.tag, scope),
        PropValue::Scalar(Scalar::I2(n)) => n.to_string(),
        PropValue::Scalar(Scalar::Boolean(b)) => b.to_string(),
        _ => return None,
    })
}

/// An internet account of the account manager; `None` for the MAPI
/// services (their own sections say more) and kinds not known.
fn internet_account(key: &Effective) -> Option<Account> {
    let clsid = key.get("clsid").and_then(|v| text_data(&v.data))?;
    let kind = account::account_kind(&clsid).filter(|k| !matches!(*k, "MAPI service" | "LDAP"))?;
    let values: Vec<(u16, String)> = key
        .values
        .iter()
        .filter(|v| !account::is_password(v.name.as_str()))
        .filter_map(|v| {
            let id = account::prf_id(v.name.as_str())?;
            let shown = match (&v.data, account::form(v.name.as_str())) {
                (RegData::Dword(n), _) => n.to_string(),
                (data, Some(account::Form::Text)) => text_data(data)?,
                _ => return None,
            };
            Some((id, shown))
        })
        .collect();
    Some(account_of(kind, &values))
}
