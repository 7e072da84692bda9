//! The JSON Schema of the YAML document, for editor completion and checks.
//!
//! The raw forms of a value are listed from [`Form`] and [`StoredAs`], so
//! that a new form is named in one place.

use serde_json::{Map, Value, json};

use super::value::{Form, Shape, StoredAs};

/// The JSON Schema that every document mapiprof writes validates against:
/// registry documents (`root`, `keys`, `profiles`) and PRF documents
/// (`general`, `services`, `accounts`, `sections`, `mappings`).
pub fn schema() -> Value {
    let scalar = json!({"type": ["string", "number", "integer", "boolean", "null"]});
    let raw = raw();
    let value = json!({
        "description": "a typed property value, a list, an explicit raw form, or {delete: true} to delete the value",
        "anyOf": [scalar, {"type": "array"}, {"$ref": "#/$defs/raw"}]
    });
    let key = json!({
        "description": "the values of one registry key, by name (or raw value name)",
        "type": ["object", "null"],
        "additionalProperties": {"$ref": "#/$defs/value"}
    });
    // a profile's keys know the property names: typed, described, completed
    let profile_key = json!({
        "description": "the values of one key of a profile: MAPI properties by name (or raw name), account-manager values, other values in their registry type",
        "type": ["object", "null"],
        "properties": super::schema_props::properties(),
        "additionalProperties": {"$ref": "#/$defs/value"}
    });
    let prf_names = Value::Object(super::schema_props::prf_properties());
    let settings = json!({
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": {
            "settings": {"type": ["object", "null"], "description": "key=value lines", "properties": prf_names, "additionalProperties": scalar},
            "commented": {"type": ["object", "null"], "description": ";key=value lines: known settings switched off", "properties": prf_names, "additionalProperties": scalar}
        }
    });
    let part = |name: &str| {
        settings
            .get("properties")
            .and_then(|p| p.get(name))
            .cloned()
            .unwrap_or_default()
    };
    let item = |field: &str, what: &str| {
        let mut properties = json!({
            "listed": {"enum": ["commented", "absent"], "description": "how the list names it, when not plainly"},
            "settings": part("settings"),
            "commented": part("commented")
        });
        if let Some(map) = properties.as_object_mut() {
            map.insert(
                field.to_owned(),
                json!({"type": "string", "description": what}),
            );
        }
        json!({
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": false, "properties": properties}
        })
    };
    let mappings = json!({
        "type": "object",
        "description": "PRF Sections 6 and 7 as differences from the built-in blocks of a generation",
        "additionalProperties": false,
        "required": ["generation"],
        "properties": {
            "generation": {"enum": ["office2000", "office2002-2007", "office2010+"]},
            "omitted": {"type": "array", "items": {"type": "string"}},
            "changed": {
                "type": "object",
                "additionalProperties": {
                    "type": ["object", "null"],
                    "additionalProperties": {"type": ["string", "null"]}
                }
            }
        }
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "mapiprof.schema.json",
        "title": "mapiprof document",
        "description": "An Outlook / MAPI profile export as readable, typed YAML.",
        "type": "object",
        "required": ["mapiprof"],
        "additionalProperties": false,
        "properties": {
            "mapiprof": {"const": 1, "description": "document version"},
            "source": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "format": {"enum": ["regedit5", "regedit4", "prf"]},
                    "encoding": {"type": "string", "description": "utf-16le, utf-16be, utf-8 or a code page"},
                    "bom": {"type": "boolean"},
                    "newline": {"enum": ["crlf", "lf", "cr"]},
                    "codepage": {"type": "string", "description": "ANSI code page of PT_STRING8 bytes"}
                }
            },
            "root": {"type": "string", "description": "the …\\Profiles key the profiles live under"},
            "keys": {
                "type": "object",
                "description": "keys outside the profiles, by full path; a leading '-' deletes the key",
                "additionalProperties": {"$ref": "#/$defs/key"}
            },
            "general": settings,
            "services": item("service", "the mapping block the service uses"),
            "accounts": item("type", "the mapping block the account uses (I_Mail, IMAP_I_Mail, INET_HTTP)"),
            "sections": {
                "type": "object",
                "description": "PRF sections with no role in a profile, kept as written",
                "additionalProperties": {"type": ["object", "null"], "additionalProperties": scalar}
            },
            "head": {
                "type": ["array", "null"],
                "description": "PRF lines before the first section, as written",
                "items": {"type": "string"}
            },
            "notes": {
                "type": "object",
                "description": "PRF lines of each section that are no setting (comments, lines Outlook skips), as written",
                "additionalProperties": {"type": ["array", "null"], "items": {"type": "string"}}
            },
            "mappings": mappings,
            "profiles": {
                "type": "object",
                "description": "profiles by name",
                "additionalProperties": {
                    "type": "object",
                    "description": "keys of the profile by path relative to it ('.' is the profile key; a leading '-' deletes)",
                    "additionalProperties": {"$ref": "#/$defs/profile_key"}
                }
            }
        },
        "$defs": {"key": key, "profile_key": profile_key, "value": value, "raw": raw}
    })
}

/// `$defs.raw`: the explicit raw forms and the `value`/`type` pair.
fn raw() -> Value {
    let mut properties = Map::new();
    for form in Form::NAMED {
        let mut field = shape(form.shape());
        field.insert("description".into(), form.description().into());
        properties.insert(form.key().into_owned(), Value::Object(field));
    }
    properties.insert(
        StoredAs::VALUE.into(),
        json!({"description": StoredAs::DESCRIPTION}),
    );
    let names: Vec<&str> = StoredAs::ALL.into_iter().map(StoredAs::name).collect();
    properties.insert(StoredAs::TYPE.into(), json!({ "enum": names }));
    properties.insert(
        super::value::DELETE.into(),
        json!({"const": true, "description": "delete the value on import (\"name\"=- in a .reg)"}),
    );
    let mut patterns = Map::new();
    patterns.insert(
        Form::KIND_PATTERN.into(),
        Value::Object(shape(Form::Kind(0).shape())),
    );
    json!({
        "type": "object",
        "minProperties": 1,
        "maxProperties": 2,
        "properties": properties,
        "patternProperties": patterns,
        "additionalProperties": false
    })
}

/// The JSON type of what a form holds.
fn shape(shape: Shape) -> Map<String, Value> {
    let (json_type, items) = match shape {
        Shape::Bytes | Shape::Text => ("string", None),
        Shape::Integer => ("integer", None),
        Shape::Texts => ("array", Some(json!({"type": "string"}))),
        Shape::List => ("array", None),
    };
    let mut out = Map::new();
    out.insert("type".into(), json_type.into());
    if let Some(items) = items {
        out.insert("items".into(), items);
    }
    out
}
