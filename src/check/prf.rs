//! The rules over a `.prf`: settings Outlook drops, keys given twice with
//! different values, placeholders, Exchange settings for Outlook 2016+, and
//! the proxy and port rules on the settings that map to those properties.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::mapi::props::{
    EXCHANGE_PORTS, PR_ROH_FLAGS, PR_ROH_PROXY_AUTH_SCHEME, PR_ROH_PROXY_PRINCIPAL_NAME,
    PR_ROH_PROXY_SERVER, PROP_INET_PORT, PROP_SMTP_PORT,
};
use crate::mapi::{PropTag, parse_int};
use crate::prf::{self, CONTROL_KEYS, Item, LineKind, Listed, PrfModel, Target, placeholders};

use super::{Finding, RuleId, auth_finding, flag_findings, principal_findings, proxy_findings};

/// The findings of a `.prf`: its model and text; with `outlook_2016` the
/// file is meant for Outlook 2016 or later.
pub fn check_prf(model: &PrfModel, text: &str, outlook_2016: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    duplicates(text, &mut out);
    for (key, value) in &model.general.active {
        placeholder(&format!("[General] {key}"), value, &mut out);
    }
    let items = model.services.iter().chain(&model.accounts);
    for item in items.filter(|i| i.listed == Listed::Active) {
        let block = item.block.as_deref().unwrap_or_default();
        for (key, value) in &item.settings.active {
            let place = format!("[{}] {key}", item.id);
            placeholder(&place, value, &mut out);
            let control = CONTROL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
            if !control && model.tag(block, key).is_none() {
                let why = if model.block_or_builtin(block).is_some() {
                    format!("{key} has no mapping in [{block}]; Outlook drops it")
                } else {
                    format!(
                        "neither the file nor the built-in tables have a [{block}] block; Outlook drops {key}"
                    )
                };
                out.push(Finding::new(RuleId::PrfUnmapped, place, why));
            }
        }
        properties(model, item, &mut out);
        if outlook_2016 && model.is_exchange(block) && !item.settings.active.is_empty() {
            out.push(Finding::new(
                RuleId::PrfExchange2016,
                format!("[{}]", item.id),
                format!("[{}] sets up Exchange ({block})", item.id),
            ));
        }
    }
    out
}

/// Proxy, principal, flags, scheme and ports of one item, by property id.
fn properties(model: &PrfModel, item: &Item, out: &mut Vec<Finding>) {
    let block = item.block.as_deref().unwrap_or_default();
    let by_id = |id: u16| {
        item.settings
            .active
            .iter()
            .find(|(k, _)| model.tag(block, k).is_some_and(|t| t.id == id))
    };
    let place = |key: &str| format!("[{}] {key}", item.id);
    let number = |text: &str| parse_int(text).and_then(|n| u32::try_from(n).ok());
    let exchange = model.is_exchange(block);
    let proxy = by_id(PR_ROH_PROXY_SERVER.id).filter(|_| exchange);
    let principal = by_id(PR_ROH_PROXY_PRINCIPAL_NAME.id).filter(|_| exchange);
    if let Some((key, proxy)) = proxy {
        proxy_findings(&place(key), proxy, out);
    }
    if let Some((key, principal)) = principal {
        principal_findings(&place(key), principal, proxy.map(|(_, v)| v), out);
    }
    if exchange {
        if let Some((key, flags)) = by_id(PR_ROH_FLAGS.id)
            && let Some(flags) = number(flags)
        {
            flag_findings(
                &place(key),
                flags,
                proxy.map(|(_, v)| v),
                principal.map(|(_, v)| v),
                out,
            );
        }
        if let Some((key, scheme)) = by_id(PR_ROH_PROXY_AUTH_SCHEME.id)
            && let Some(scheme) = number(scheme)
        {
            auth_finding(&place(key), scheme, out);
        }
    }
    let ports: &[PropTag] = if exchange {
        &EXCHANGE_PORTS
    } else if matches!(
        model.block_or_builtin(block).map(prf::Block::target),
        Some(Target::Account(_))
    ) {
        &[PROP_INET_PORT, PROP_SMTP_PORT]
    } else {
        &[]
    };
    for port in ports {
        if let Some((key, value)) = by_id(port.id)
            && number(value) == Some(0)
        {
            out.push(Finding::new(
                RuleId::PortZero,
                place(key),
                format!("{key}={value}"),
            ));
        }
    }
}

fn placeholder(place: &str, value: &str, out: &mut Vec<Finding>) {
    for found in placeholders(value) {
        let rule = if found.starts_with('%') {
            RuleId::PrfEnvironment
        } else {
            RuleId::PrfPlaceholder
        };
        out.push(Finding::new(
            rule,
            place.to_owned(),
            format!("{found} is left to be filled in"),
        ));
    }
}

/// Keys given twice in one section (every section of a name) with
/// different values. The lines are read one at a time; the keys of a
/// section whose name is written once are forgotten at the next header.
fn duplicates(text: &str, out: &mut Vec<Finding>) {
    let lines = crate::diag::LineIndex::new(text);
    // how many times each section name (lower case) is written; the lines
    // before any section are in section ""
    let mut written: HashMap<String, usize> = HashMap::from([(String::new(), 1)]);
    for line in prf::lines(text) {
        if let LineKind::Section { name_span } = line.kind {
            let count = written
                .entry(name_span.of(text).to_ascii_lowercase())
                .or_insert(0);
            *count = count.saturating_add(1);
        }
    }
    // each repeated section name → a number, so that every section of the
    // name shares it
    let mut numbers: HashMap<String, usize> = HashMap::from([(String::new(), 0)]);
    let mut section = "";
    // the number of the section being read, None for a name written once
    let mut number = Some(0);
    // (section number, key in lower case) → the first value, for sections
    // of a repeated name; key in lower case → the first value, for the
    // section being read when its name is written once
    let mut seen: HashMap<(usize, String), &str> = HashMap::new();
    let mut local: HashMap<String, &str> = HashMap::new();
    for line in prf::lines(text) {
        match line.kind {
            LineKind::Section { name_span } => {
                section = name_span.of(text);
                let folded = section.to_ascii_lowercase();
                local.clear();
                number = if written.get(&folded).copied().unwrap_or(0) > 1 {
                    let next = numbers.len();
                    Some(*numbers.entry(folded).or_insert(next))
                } else {
                    None
                };
            }
            LineKind::Entry {
                key_span,
                value_span,
            } => {
                let (key, value) = (key_span.of(text), value_span.of(text));
                let folded = key.to_ascii_lowercase();
                let first = match number {
                    Some(number) => first_value(seen.entry((number, folded)), value),
                    None => first_value(local.entry(folded), value),
                };
                if let Some(first) = first.filter(|first| *first != value) {
                    let at = lines.locate(text, key_span.start);
                    out.push(Finding::new(
                        RuleId::PrfDuplicate,
                        format!("[{section}] {key} (line {at})"),
                        format!("{key}={value} repeats {key}={first} with another value; Outlook uses the first"),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// The value already in `slot`, or `None` after putting `value` there.
fn first_value<'t, K>(slot: Entry<'_, K, &'t str>, value: &'t str) -> Option<&'t str> {
    match slot {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(slot) => {
            slot.insert(value);
            None
        }
    }
}
