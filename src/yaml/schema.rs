//! The JSON Schema of the YAML document, for editor completion and checks.

use serde_json::{Value, json};

/// The JSON Schema that every document mapiprof writes validates against:
/// registry documents (`root`, `keys`, `profiles`) and PRF documents
/// (`general`, `services`, `accounts`, `sections`, `mappings`).
pub fn schema() -> Value {
    let scalar = json!({"type": ["string", "number", "integer", "boolean", "null"]});
    let raw = json!({
        "type": "object",
        "minProperties": 1,
        "maxProperties": 2,
        "properties": {
            "hex": {"type": "string", "description": "REG_BINARY bytes as hex pairs"},
            "dword": {"type": "integer", "description": "REG_DWORD"},
            "qword": {"type": "integer", "description": "REG_QWORD"},
            "sz": {"type": "string", "description": "REG_SZ"},
            "expand_sz": {"type": "string", "description": "REG_EXPAND_SZ"},
            "multi_sz": {"type": "array", "items": {"type": "string"}, "description": "REG_MULTI_SZ"},
            "x64": {"type": "array", "description": "a multi-valued property in the 64-bit layout"},
            "value": {"description": "a typed value stored with a registry type other than the default"},
            "type": {"enum": ["REG_SZ", "REG_BINARY", "REG_DWORD"]}
        },
        "patternProperties": {"^hex\\([0-9a-fA-F]+\\)$": {"type": "string"}},
        "additionalProperties": false
    });
    let value = json!({
        "description": "a typed property value, a list, an explicit raw form, or null to delete the value",
        "anyOf": [scalar, {"type": "array"}, {"$ref": "#/$defs/raw"}]
    });
    let key = json!({
        "description": "the values of one registry key, by name (or raw value name)",
        "type": ["object", "null"],
        "additionalProperties": {"$ref": "#/$defs/value"}
    });
    let settings = json!({
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": {
            "settings": {"type": ["object", "null"], "description": "key=value lines", "additionalProperties": scalar},
            "commented": {"type": ["object", "null"], "description": ";key=value lines: known settings switched off", "additionalProperties": scalar}
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
            "mappings": mappings,
            "profiles": {
                "type": "object",
                "description": "profiles by name",
                "additionalProperties": {
                    "type": "object",
                    "description": "keys of the profile by path relative to it ('.' is the profile key; a leading '-' deletes)",
                    "additionalProperties": {"$ref": "#/$defs/key"}
                }
            }
        },
        "$defs": {"key": key, "value": value, "raw": raw}
    })
}
