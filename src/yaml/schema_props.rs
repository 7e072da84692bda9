//! The property names of the JSON Schema, from the dictionary: each name
//! with what its value may be (a port 0–65535, flag names, a UID…) and a
//! line saying what it is, so that an editor completes `RPCProxyServer` and
//! marks `TCPExchangePort: 70000`.
//!
//! A section's key does not say which service owns it, so a name is
//! described as it is in any section that knows it: a name two services use
//! with different types takes either.

use serde_json::{Map, Value, json};

use crate::mapi::dictionary::{ENTRIES, Entry, Meaning};
use crate::mapi::flags::Names;
use crate::mapi::{PropType, account};
use crate::prf::{Generation, mapping};

/// `properties` of a key: every dictionary name and account-manager value.
pub(super) fn properties() -> Map<String, Value> {
    let mut by_name: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for entry in ENTRIES {
        match by_name.iter_mut().find(|(n, _)| *n == entry.name) {
            Some((_, entries)) => entries.push(entry),
            None => by_name.push((entry.name, vec![entry])),
        }
    }
    let mut out = Map::new();
    for (name, entries) in by_name {
        let typed: Vec<Value> = entries.iter().map(|e| typed(e)).collect();
        let description = entries
            .iter()
            .map(|e| describe(e))
            .collect::<Vec<_>>()
            .join("; or ");
        out.insert(name.to_owned(), property(typed, &description));
    }
    for (name, form) in account::VALUES {
        let typed = match form {
            account::Form::Text => json!({"type": "string"}),
            account::Form::Number => {
                json!({"type": "integer", "minimum": 0, "maximum": 4_294_967_295u32})
            }
            account::Form::Enum(names) => names_or_number(names, false),
            account::Form::Uid => uid(),
            account::Form::UidList => json!({"type": "array", "items": uid()}),
            account::Form::AccountIds => json!({"type": "array", "items": {"type": "integer"}}),
            account::Form::LeaveOnServer => json!({"type": ["string", "integer"]}),
            account::Form::Opaque => continue,
        };
        out.entry((*name).to_owned())
            .or_insert_with(|| property(vec![typed], "an account manager value"));
    }
    out
}

/// A property's schema: its typed forms, the explicit raw forms, or
/// `{delete: true}`.
fn property(typed: Vec<Value>, description: &str) -> Value {
    let mut any = typed;
    any.push(json!({"$ref": "#/$defs/raw"}));
    json!({"description": description, "anyOf": any})
}

/// What the entry is, in a line.
fn describe(entry: &Entry) -> String {
    let ptype = entry.tag.ptype.name().unwrap_or_default();
    let mut text = format!(
        "{} {ptype} 0x{:04X} ({:?})",
        entry.tag.value_name(),
        entry.tag.id,
        entry.scope
    );
    if let Some(note) = entry.note {
        text.push_str(": ");
        text.push_str(note);
    }
    text
}

/// The typed form of an entry's value.
fn typed(entry: &Entry) -> Value {
    let ptype = entry.tag.ptype;
    let one = single(ptype.base(), entry.meaning);
    if ptype.is_multi() {
        let list = json!({"type": "array", "items": one});
        json!({"anyOf": [list, {"type": "object", "additionalProperties": false, "required": ["x64"], "properties": {"x64": list}}]})
    } else {
        one
    }
}

fn single(ptype: PropType, meaning: Meaning) -> Value {
    match (ptype, meaning) {
        // mapiprof also reads a number written as text ("6001")
        (PropType::I2, _) => json!({"anyOf": [
            {"type": "integer", "minimum": 0, "maximum": 65535},
            {"type": "string", "pattern": "^(0[xX][0-9a-fA-F]{1,4}|[0-9]{1,5})$"}
        ]}),
        (PropType::LONG, Meaning::Flags(names)) => names_or_number(names, true),
        (PropType::LONG, Meaning::Enum(names)) => names_or_number(names, false),
        // the names depend on the section's role: a name of either table
        (PropType::LONG, Meaning::ByRole(service, provider)) => json!({"anyOf": [
            names_or_number(service, true),
            names_or_number(provider, true)
        ]}),
        (PropType::LONG, _) => long(),
        (PropType::BOOLEAN, _) => json!({"type": "boolean"}),
        (PropType::BINARY, Meaning::Uid) => json!({"anyOf": [uid(), hex()]}),
        (PropType::BINARY, Meaning::UidList) => {
            json!({"anyOf": [{"type": "array", "items": uid()}, hex()]})
        }
        (PropType::BINARY, _) => hex(),
        (PropType::STRING8 | PropType::UNICODE | PropType::SYSTIME, _) => json!({"type": "string"}),
        _ => json!({"type": ["string", "number", "integer", "boolean"]}),
    }
}

/// A 32-bit number, as YAML may write one (`0x0027`, `-1`).
fn long() -> Value {
    json!({"anyOf": [
        {"type": "integer", "minimum": -2_147_483_648i64, "maximum": 4_294_967_295u32},
        {"type": "string", "pattern": "^(0[xX][0-9a-fA-F]{1,8}|-?[0-9]+)$"}
    ]})
}

/// Names of a table (a list of them for flags) or the number.
fn names_or_number(names: Names, flags: bool) -> Value {
    let known: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
    let name = json!({"enum": known});
    if flags {
        json!({"anyOf": [
            {"type": "array", "items": {"anyOf": [name, long()]}},
            name,
            long()
        ]})
    } else {
        json!({"anyOf": [name, long()]})
    }
}

fn uid() -> Value {
    json!({"type": "string", "pattern": "^[0-9a-fA-F]{32}$"})
}

fn hex() -> Value {
    json!({"type": "string", "description": "hex bytes like \"01 02 0a\""})
}

/// `properties` of a `.prf` section's settings: every key a built-in
/// mapping block maps, described by its mapping (`PT_I2,0x662C` in
/// `Exchange Global Section`). Values stay any scalar: a template writes
/// `{$port}` where a number goes.
pub(super) fn prf_properties() -> Map<String, Value> {
    let mut out: Map<String, Value> = Map::new();
    let blocks = Generation::ALL
        .iter()
        .flat_map(|g| g.blocks().iter().map(move |b| (g, b)))
        .chain(std::iter::once((
            &Generation::Office2010,
            mapping::static_ports(),
        )));
    for (generation, block) in blocks {
        for (key, _) in block.entries() {
            let Some(tag) = block.mapping(key) else {
                continue;
            };
            let ptype = tag.ptype.name().unwrap_or_default();
            let what = format!(
                "{ptype},0x{:04X} in [{}] ({})",
                tag.id,
                block.name,
                generation.name()
            );
            match out.get_mut(key) {
                Some(Value::Object(known)) => {
                    if let Some(Value::String(text)) = known.get_mut("description")
                        && !text.contains(&what)
                        && text.matches("; ").count() < 3
                    {
                        text.push_str("; ");
                        text.push_str(&what);
                    }
                }
                _ => {
                    out.insert(
                        key.to_owned(),
                        json!({"description": what, "type": ["string", "number", "integer", "boolean", "null"]}),
                    );
                }
            }
        }
    }
    out
}
