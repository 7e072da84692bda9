//! The row of a `.prf`: the profile it creates, from the services and
//! internet accounts its lists switch on.

use crate::check::Finding;
use crate::mapi::{self, PropType, sections};
use crate::prf::{Item, Listed, PrfModel, Target};

use super::{Role, Row, Section, account_of, counts, number_text, row_of};

/// The row of `model`; every finding about a `.prf` is about its profile.
pub(super) fn row(model: &PrfModel, findings: &[Finding]) -> Row {
    let sections: Vec<Section> = active(&model.services)
        .filter_map(|item| section_of(model, item))
        .collect();
    let accounts = active(&model.accounts)
        .filter_map(|item| {
            let block = item.block.as_deref()?;
            let Target::Account(kind) = model.block_or_builtin(block)?.target() else {
                return None;
            };
            let values: Vec<(u16, String)> = item
                .settings
                .active
                .iter()
                .filter_map(|(key, value)| Some((model.tag(block, key)?.id, value.to_owned())))
                .collect();
            Some(account_of(&kind.to_ascii_uppercase(), &values))
        })
        .collect();
    let mut row = row_of(&sections, accounts);
    row.root = "prf".to_owned();
    row.profile = model
        .general
        .get("ProfileName")
        .unwrap_or_default()
        .to_owned();
    row.default = model
        .general
        .get("DefaultProfile")
        .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "yes" | "true" | "1"));
    row.findings = counts(findings.iter());
    row
}

/// What a service's value section says, by the properties its settings map
/// to; `None` for a service without a block.
fn section_of(model: &PrfModel, item: &Item) -> Option<Section> {
    let block = item.block.as_deref()?;
    let (role, scope) = match model.block_or_builtin(block).map(crate::prf::Block::target) {
        Some(Target::Section(uid)) if uid.eq_ignore_ascii_case(sections::EXCHANGE_GLOBAL) => (
            Role::ExchangeGlobal,
            Some(mapi::dictionary::Scope::Exchange),
        ),
        Some(Target::Section(uid)) if uid.eq_ignore_ascii_case(sections::OUTLOOK_CLIENT) => {
            (Role::Client, None)
        }
        Some(Target::Service(service)) => {
            let scope = sections::service_scope(&service);
            (Role::of_scope(scope), scope)
        }
        _ => (Role::Other, None),
    };
    let values = item
        .settings
        .active
        .iter()
        .filter_map(|(key, value)| {
            let tag = model.tag(block, key)?;
            let text = match (tag.ptype, mapi::parse_int(value.trim())) {
                (PropType::LONG, Some(n)) => u32::try_from(n)
                    .or_else(|_| i32::try_from(n).map(i32::cast_unsigned))
                    .map_or_else(|_| value.to_owned(), |n| number_text(n, tag, scope)),
                (PropType::I2, Some(n)) => n.to_string(),
                _ => value.to_owned(),
            };
            Some((tag.id, text))
        })
        .collect();
    Some(Section { role, values })
}

/// The items Outlook acts on: those its list switches on.
fn active(items: &[Item]) -> impl Iterator<Item = &Item> {
    items.iter().filter(|i| i.listed == Listed::Active)
}
